//! Kinds of fault found on pages nobody tuned declutter to (issue 12), one small handwritten
//! page each, in other languages and markup than the shared cases that showed them.

use declutter::{Cleaned, InputKind, Options};

fn clean(page: &str) -> Cleaned {
    let options = Options {
        input: InputKind::Html,
        ..Options::default()
    };
    declutter::clean(page.as_bytes(), &options).unwrap()
}

/// Kind 5: a one-line sentence between two rows of links is the article's, not the menu's; a
/// run of such lines alternating with links is still a teaser list.
#[test]
fn a_lone_sentence_between_rows_of_links_is_kept() {
    let page = "<!DOCTYPE html><html lang=nl><head><title>Over de zadenbibliotheek</title></head>\
        <body><nav><a href=/>Start</a> <a href=/zaden>Zaden</a></nav><article>\
        <h1>Over de zadenbibliotheek</h1>\
        <p>De zadenbibliotheek leent zakjes groente-, kruiden- en bloemenzaad uit aan iedereen \
        met een bibliotheekpas, en vraagt alleen dat leners aan het eind van het seizoen wat \
        zaad terugbrengen van de planten die ze hebben gekweekt.</p>\
        <h2>Onze partners</h2>\
        <p><a href=/a>Stichting Kustmoestuin</a> · <a href=/b>Volkstuinvereniging Veenzijde</a></p>\
        <p>Wij willen oude streekrassen laten groeien in de eigen grond, vrij gedeeld tussen buren.</p>\
        <p><a href=/c>Netwerk Schooltuinen</a> · <a href=/d>Project Polderbij</a></p>\
        <h2>Openingstijden</h2>\
        <p>De zadenladen staan in de leeszaal van de centrale bibliotheek en zijn te gebruiken \
        zolang de bibliotheek open is, ook op zaterdagochtend, wanneer er meestal een \
        vrijwilliger is om vragen over zaaien en zaad bewaren te beantwoorden.</p>\
        </article></body></html>";
    let text = clean(page).text();
    assert!(text.contains("Wij willen oude streekrassen"), "{text}");
    assert!(!text.contains("Netwerk Schooltuinen"), "{text}");
}

/// Kind 3: a brief of short paragraphs in a language whose prose is sparse in stop words
/// (Finnish: suffixes do their work) reads as prose; the page is not empty.
#[test]
fn short_paragraphs_of_a_suffixing_language_read_as_prose() {
    let page = "<!DOCTYPE html><html lang=fi><head><title>Lautta liikennöi taas | Järviseudun Sanomat</title></head>\
        <body><ul class=menu><li><a href=/>Etusivu</a></li><li><a href=/uutiset>Uutiset</a></li>\
        <li><a href=/urheilu>Urheilu</a></li></ul><div class=juttu>\
        <h1>Lautta liikennöi taas koko talven</h1>\
        <p>Kaupunginhallitus päätti maanantaina jatkaa lauttaliikennettä Kirkkosaaren ja \
        keskustan välillä myös talvikuukausina, kertoo tiedote.</p>\
        <p>Viime vuonna liikenne keskeytettiin marraskuussa vähäisen matkustajamäärän vuoksi, \
        mikä herätti saaren asukkaissa paljon arvostelua.</p>\
        <p>Uuden aikataulun mukaan ensimmäinen vuoro lähtee satamasta seitsemältä aamulla ja \
        viimeinen palaa iltakymmeneltä.</p>\
        <p>Kaupungin mukaan vuoroja voidaan perua huonon sään vuoksi, jolloin tiedotetaan \
        verkkosivuilla ja sosiaalisessa mediassa.</p></div>\
        <div class=footer>© 2024 Järviseudun Sanomat</div></body></html>";
    let text = clean(page).text();
    assert!(
        text.contains("Kaupunginhallitus päätti maanantaina"),
        "{text}"
    );
    assert!(text.contains("viimeinen palaa iltakymmeneltä"), "{text}");
    assert!(!text.contains("Etusivu"), "{text}");
}

/// Kind 3: the article's language decides what reads as prose, not the chrome's: an English
/// review on a Russian blog whose menus, sidebar and comment form are Russian.
#[test]
fn the_articles_language_is_not_the_chromes() {
    let sidebar = "<div class=widget><h3>О блоге</h3><p>Этот блог уже много лет собирает \
        заметки о фильмах, которые мы смотрели в киноклубе нашего района, и о том, что нам \
        пришло в голову, когда мы после сеанса ещё долго сидели в фойе.</p></div>";
    let page = format!(
        "<!DOCTYPE html><html lang=ru><head><title>Заметки о кино</title></head><body>\
        <nav><a href=/>Главная</a> <a href=/archive>Архив</a></nav>\
        <div class=post><h2>Заметки о кино</h2><ul>\
        <li>The Ferryman's Son · Aino Lehto (1958)</li>\
        <li>A quiet film that follows a boy and his father across one long summer on the lake, \
        where the only visitors are the mail boat, a heron and, once, a woman who will not say \
        where she came from. The camera never leaves the water, and the shore is always there \
        at the edge of the frame.</li></ul></div>\
        <div class=sharedaddy><h3>Поделиться:</h3><p>Если вам понравилась эта запись, то \
        поделитесь ею с друзьями, потому что это нам очень помогает и ничего вам не стоит.</p></div>\
        <div id=sidebar>{sidebar}{sidebar}</div>\
        <div id=comments><h3>Оставить комментарий</h3><p>Ваш адрес электронной почты не будет \
        опубликован, и вы можете в любой момент отказаться от уведомлений, если они вам не \
        нужны.</p></div></body></html>"
    );
    let text = clean(&page).text();
    assert!(text.contains("A quiet film that follows a boy"), "{text}");
    assert!(!text.contains("Оставить комментарий"), "{text}");
}

/// Kind 6: in flattened text, the author line under the headline is not the headline (a
/// headline with figures scores low, and the byline sits nearer the article).
#[test]
fn the_byline_is_not_the_headline() {
    let options = Options {
        input: InputKind::Text,
        ..Options::default()
    };
    let page = "Skip to main content\n\nHarbour Post\n\nHome\n\nLocal\n\nSport\n\n\
        Ferry 7 breakdown strands 300 passengers for two hours\n\n\
        Published 14.02.2024 18:40, updated 19:15\n\nBy Lena Okafor\n\n\
        The evening ferry between the two islands broke down in the middle of the channel on \
        Wednesday, leaving its passengers waiting on board for almost two hours.\n\n\
        According to the operator, a fault in the steering gear forced the captain to stop the \
        engines shortly after the ferry left the harbour.\n\n\
        A tug towed the ferry back to port, where buses were waiting to take passengers to the \
        later crossing from the north pier.\n\nShare this article\n\nLike 0\n";
    let cleaned = declutter::clean(page.as_bytes(), &options).unwrap();
    assert_eq!(
        cleaned.title.as_deref(),
        Some("Ferry 7 breakdown strands 300 passengers for two hours")
    );
}

/// Kind 6: subheadings whose whole text is a link (a section's anchor) are headings when prose
/// follows them; the site's linked name in the header is not one.
#[test]
fn linked_subheadings_followed_by_prose_are_kept() {
    let section = |id: &str, title: &str, body: &str| {
        format!("<h2><a href=\"#{id}\">{title}</a></h2><p>{body}</p>")
    };
    let page = format!(
        "<!DOCTYPE html><html lang=it><head><title>Tre editor di testo semplici</title></head>\
        <body><header><h1><a href=/>Pagine Semplici</a></h1></header><main>\
        <p>Ho usato questi tre programmi per anni e li consiglio a chi vuole scrivere senza \
        distrazioni, con file che restano leggibili anche fra vent'anni.</p>{}{}\
        </main><footer>Pagine Semplici · scritto a mano</footer></body></html>",
        section(
            "riga",
            "L'editor di riga",
            "Si usa da terminale e mostra una riga alla volta, ma con un po' di pratica \
             diventa lo strumento più veloce per le piccole correzioni di tutti i giorni."
        ),
        section(
            "note",
            "Un'app di note che salva file semplici",
            "Ogni nota è un file di testo in una cartella, così si può sincronizzare con \
             qualsiasi servizio e aprire con qualsiasi programma, anche fra molti anni."
        ),
    );
    let text = clean(&page).text();
    assert!(text.contains("L'editor di riga"), "{text}");
    assert!(
        text.contains("Un'app di note che salva file semplici"),
        "{text}"
    );
    assert!(!text.contains("Pagine Semplici\n"), "{text}");
}

/// Kind 2: the lead (standfirst) under the headline, in the page header with the byline and a
/// picture above the body's region, is the article's; the byline and the share bar are not.
#[test]
fn the_lead_under_the_headline_is_kept() {
    let page = "<!DOCTYPE html><html lang=fr><head><title>Le tramway roulera aussi la nuit dès l'été | Le Courrier du Lac</title></head>\
        <body><nav><a href=/>Accueil</a> <a href=/ville>Ville</a></nav>\
        <div class=wrap><div class=entete><h1>Le tramway roulera aussi la nuit dès l'été</h1>\
        <p class=chapo>La métropole prolonge le service jusqu'à deux heures du matin le week-end, \
        une demande ancienne des étudiants et des travailleurs de nuit.</p>\
        <p class=auteur>Par Claire Vidal, le 4 avril 2024</p>\
        <div class=partage><a href=/p/fb>Partager</a> <a href=/p/x>Tweeter</a></div></div>\
        <div class=texte>\
        <p>Le conseil métropolitain a voté jeudi soir le prolongement des horaires du tramway \
        les vendredis et samedis, après une année d'essai sur la ligne qui dessert le campus \
        et la gare.</p>\
        <p>Pendant l'essai, les rames de nuit ont transporté en moyenne six cents voyageurs \
        par soir, bien plus que ce que prévoyait l'exploitant au moment de lancer le test.</p>\
        <p>Le surcoût, estimé à un million d'euros par an, sera financé pour moitié par la \
        hausse du versement mobilité payé par les grandes entreprises.</p>\
        </div></div><footer>© 2024 Le Courrier du Lac</footer></body></html>";
    let text = clean(page).text();
    assert!(text.contains("La métropole prolonge le service"), "{text}");
    assert!(text.contains("Le conseil métropolitain a voté"), "{text}");
    assert!(!text.contains("Tweeter"), "{text}");
    assert!(!text.contains("Accueil"), "{text}");
}
