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

/// Cleans flattened text.
fn clean_text(page: &str) -> Cleaned {
    let options = Options {
        input: InputKind::Text,
        ..Options::default()
    };
    declutter::clean(page.as_bytes(), &options).unwrap()
}

/// Asserts that `text` holds every phrase of `keep` and none of `drop`.
fn assert_keeps(text: &str, keep: &[&str], drop: &[&str]) {
    for phrase in keep {
        assert!(text.contains(phrase), "lost {phrase:?} in:\n{text}");
    }
    for phrase in drop {
        assert!(!text.contains(phrase), "kept {phrase:?} in:\n{text}");
    }
}

/// Kind 1: class tokens that only look like debris mark nothing: a component library's `cmp-`
/// prefix, a negation (`no-ads`, `non-sticky`), an adjective that starts like a widget's name
/// (`searchable`) and a CSS-module hash whose capitals split into a fake word (`__AdXy3` →
/// `ad`). A real ad slot beside them still goes.
#[test]
fn debris_looking_tokens_on_content_containers_mark_nothing() {
    let page = "<!DOCTYPE html><html lang=de><head><title>Werkzeug aus der Bibliothek</title></head>\
        <body><nav><a href=/>Start</a> <a href=/themen>Themen</a> <a href=/kontakt>Kontakt</a></nav>\
        <div class=seite><h1>Werkzeug aus der Bibliothek</h1>\
        <div class=cmp-text><p>Die Stadtbibliothek verleiht seit diesem Frühjahr nicht nur \
        Bücher, sondern auch Werkzeug, Nähmaschinen und Messgeräte, und die Nachfrage ist größer \
        als erwartet.</p></div>\
        <div class=no-ads><p>Wer einen Bohrhammer ausleihen will, braucht nur einen gültigen \
        Leseausweis und muss das Gerät nach einer Woche wieder zurückbringen, gereinigt und \
        vollständig.</p></div>\
        <div class=ad-slot><p>Anzeige</p><p><a href=/x>Jetzt Baumarkt-Gutschein sichern</a></p></div>\
        <div class=non-sticky><p>Die Geräte stammen zum größten Teil aus Spenden von \
        Handwerksbetrieben aus der Region, die ihre alten Maschinen lieber verliehen als \
        verschrottet sehen.</p></div>\
        <div class=searchable-content><p>Ausleihen kann man die Geräte dienstags und \
        donnerstags am Nachmittag, und wer sie nicht selbst tragen kann, bekommt sie gegen eine \
        kleine Gebühr nach Hause gebracht.</p></div>\
        <div class=\"ArticleBody_text__AdXy3\"><p>Im nächsten Jahr soll das Angebot um \
        Gartengeräte erweitert werden, sofern der Stadtrat die Mittel für einen zusätzlichen \
        Lagerraum bewilligt.</p></div>\
        </div><footer>© 2024 Stadtbote</footer></body></html>";
    assert_keeps(
        &clean(page).text(),
        &[
            "Die Stadtbibliothek verleiht",
            "Wer einen Bohrhammer ausleihen will",
            "Die Geräte stammen zum größten Teil",
            "Ausleihen kann man die Geräte dienstags",
            "Im nächsten Jahr soll das Angebot",
        ],
        &["Baumarkt-Gutschein", "Themen", "© 2024 Stadtbote"],
    );
}

/// Kind 1: a documentation generator's section id is the slug of the section's heading; the
/// words it holds (`menu`, `sidebar`) name the section's subject, not a widget.
#[test]
fn a_section_id_that_slugs_its_heading_marks_nothing() {
    let page = "<!DOCTYPE html><html lang=pt><head><title>Configurar a barra lateral | Documentação</title></head>\
        <body><nav class=docs-nav><a href=/>Início</a> <a href=/guia>Guia</a> <a href=/api>API</a></nav>\
        <main><h1>Configurar a barra lateral</h1>\
        <p>O gerador de documentação cria a barra lateral a partir dos ficheiros da pasta de \
        conteúdo, mas cada projeto pode mudar a ordem e os títulos das entradas.</p>\
        <section id=como-mudar-o-menu-lateral><h2>Como mudar o menu lateral</h2>\
        <p>Crie um ficheiro de configuração na raiz do projeto e indique, para cada pasta, a \
        ordem em que as páginas devem aparecer e o título que o leitor vê.</p>\
        <p>As pastas sem configuração continuam a ser ordenadas pelo nome do ficheiro, por isso \
        pode começar com uma só pasta e acrescentar as outras depois.</p></section>\
        <section id=partilhar-a-sidebar-com-a-equipa><h2>Partilhar a sidebar com a equipa</h2>\
        <p>O ficheiro de configuração é texto simples, por isso basta guardá-lo no repositório \
        para que toda a equipa veja a mesma barra lateral ao construir o site.</p>\
        <p>Se duas pessoas mudarem a mesma pasta ao mesmo tempo, o controlo de versões mostra o \
        conflito como em qualquer outro ficheiro de texto.</p></section>\
        </main><footer>© 2024 Projeto Exemplo · Licença MIT</footer></body></html>";
    assert_keeps(
        &clean(page).text(),
        &[
            "Como mudar o menu lateral",
            "Crie um ficheiro de configuração",
            "Partilhar a sidebar com a equipa",
            "o controlo de versões mostra o conflito",
        ],
        &["Guia", "Licença MIT"],
    );
}

/// Kind 1, the reverse: a comment section marked only on its container (`id="comments"`, a
/// `comments-area` class, a `<details id="comments">`), whose items carry no comment class,
/// goes with its container.
#[test]
fn a_comment_section_marked_only_on_its_container_is_removed() {
    let comment = |name: &str, body: &str| {
        format!("<li><div><b>{name}</b> 12 de octubre de 2023</div><p>{body}</p></li>")
    };
    let comments = [
        comment(
            "Marta",
            "Yo los hago igual, pero añado una hoja de albahaca a cada tarro y quedan \
             buenísimos para la pasta de todo el invierno.",
        ),
        comment(
            "Jorge",
            "¿Se puede usar vinagre en lugar de zumo de limón? En mi pueblo siempre lo hacían \
             así y nunca tuvimos ningún problema con las conservas.",
        ),
        comment(
            "Lucía",
            "Gracias por la receta, este año por fin me he animado y ya tengo doce tarros en la \
             despensa esperando al frío del invierno.",
        ),
    ]
    .concat();
    for (open, close) in [
        ("<section id=comments><h2>3 respuestas</h2>", "</section>"),
        ("<div class=comments-area><h2>3 respuestas</h2>", "</div>"),
        (
            "<details id=comments><summary>3 respuestas</summary>",
            "</details>",
        ),
    ] {
        let page = format!(
            "<!DOCTYPE html><html lang=es><head><title>Cómo conservar tomates en tarro</title></head>\
            <body><nav><a href=/>Inicio</a> <a href=/recetas>Recetas</a></nav><div class=entrada>\
            <h1>Cómo conservar tomates en tarro</h1>\
            <p>Cada septiembre la huerta nos da más tomates de los que podemos comer, así que \
            desde hace años guardamos la mitad en tarros de cristal para el invierno.</p>\
            <p>Los tomates se escaldan un minuto, se pelan, se cortan en cuartos y se meten en \
            los tarros con una cucharada de zumo de limón para que la conserva sea segura.</p>\
            <p>Después los tarros hierven cuarenta minutos al baño maría, se dejan enfriar boca \
            abajo y se guardan en un sitio oscuro hasta la primavera.</p>\
            <p>Si algún tarro no ha hecho el vacío al enfriarse, hay que guardarlo en la nevera \
            y usarlo esa misma semana, porque esa conserva no aguantará fuera del frío.</p>\
            <p>Con diez kilos de tomates salen unos catorce tarros medianos, que a nosotros nos \
            bastan para las salsas y los guisos de todo el invierno y parte de la primavera.</p>\
            </div>{open}<ol>{comments}</ol>{close}\
            <footer>© 2023 Huerta y cocina</footer></body></html>"
        );
        assert_keeps(
            &clean(&page).text(),
            &["Cada septiembre la huerta", "Con diez kilos de tomates"],
            &[
                "hoja de albahaca",
                "vinagre en lugar",
                "doce tarros",
                "3 respuestas",
            ],
        );
    }
}

/// Kind 4: a page whose content is one short notice in `<main>` keeps it, in HTML and as
/// flattened text.
#[test]
fn a_one_paragraph_page_keeps_its_paragraph() {
    let notice = "W sobotę 14 września katalog internetowy będzie niedostępny od ósmej do \
        dwunastej z powodu prac nad serwerem.";
    let page = format!(
        "<!DOCTYPE html><html lang=pl><head><title>Przerwa techniczna | Biblioteka Miejska</title></head>\
        <body><header><a href=/>Biblioteka Miejska</a><nav><a href=/katalog>Katalog</a> \
        <a href=/godziny>Godziny otwarcia</a> <a href=/kontakt>Kontakt</a></nav></header>\
        <main><h1>Przerwa techniczna</h1><p>{notice}</p></main>\
        <footer>© 2024 Biblioteka Miejska · Polityka prywatności</footer></body></html>"
    );
    assert_keeps(
        &clean(&page).text(),
        &[notice],
        &["Godziny otwarcia", "Polityka prywatności"],
    );
    let flat = format!(
        "Start\n\nKatalog\n\nGodziny otwarcia\n\nKontakt\n\nPrzerwa techniczna\n\n{notice}\n\n\
        © 2024 Biblioteka Miejska\n\nPolityka prywatności\n"
    );
    assert_keeps(
        &clean_text(&flat).text(),
        &[notice],
        &["Godziny otwarcia", "Polityka prywatności"],
    );
}

/// Kind 4: a page whose content is one code snippet, or one small table, keeps it.
#[test]
fn a_page_of_one_snippet_or_one_small_table_keeps_it() {
    let page = "<!DOCTYPE html><html lang=tr><head><title>Satırları saymak | Kod Notları</title></head>\
        <body><nav><a href=/>Ana sayfa</a> <a href=/etiketler>Etiketler</a> \
        <a href=/hakkinda>Hakkında</a></nav><article><h1>Satırları saymak</h1>\
        <pre><code>find . -name '*.rs' | xargs wc -l | sort -n | tail -20</code></pre>\
        </article><footer>© 2024 Kod Notları</footer></body></html>";
    assert_keeps(
        &clean(page).text(),
        &["xargs wc -l | sort -n"],
        &["Etiketler", "© 2024"],
    );
    let page = "<!DOCTYPE html><html lang=nl><head><title>Tarieven | Fietsenstalling Centrum</title></head>\
        <body><nav><a href=/>Home</a> <a href=/tarieven>Tarieven</a> <a href=/contact>Contact</a></nav>\
        <main><h1>Tarieven</h1><table><tr><th>Periode</th><th>Fiets</th><th>Bromfiets</th></tr>\
        <tr><td>Eerste 24 uur</td><td>gratis</td><td>€ 1,50</td></tr>\
        <tr><td>Per extra dag</td><td>€ 0,75</td><td>€ 1,50</td></tr>\
        <tr><td>Maandabonnement</td><td>€ 9,00</td><td>€ 18,00</td></tr></table>\
        </main><footer>© 2024 Gemeente · Privacy · Cookies</footer></body></html>";
    assert_keeps(
        &clean(page).text(),
        &[
            "Eerste 24 uur",
            "Per extra dag",
            "Maandabonnement",
            "€ 18,00",
        ],
        &["Contact", "© 2024"],
    );
}

/// Kind 4: an encyclopedia paragraph where a quarter or more of the words are links is prose,
/// not navigation.
#[test]
fn a_wiki_paragraph_rich_in_links_is_prose() {
    let page = "<!DOCTYPE html><html lang=cs><head><title>Vltava – Encyklopedie</title></head><body>\
        <div id=hlavicka><a href=/>Encyklopedie</a> <a href=/nahodna>Náhodná stránka</a> \
        <a href=/prihlaseni>Přihlásit se</a></div><div id=obsah><h1>Vltava</h1>\
        <p><b>Vltava</b> je nejdelší <a href=/w/1>řeka</a> v <a href=/w/2>Česku</a>, levý přítok \
        <a href=/w/3>Labe</a>. Pramení na <a href=/w/4>Šumavě</a> pod <a href=/w/5>Černou horou</a> \
        a protéká <a href=/w/6>Českým Krumlovem</a>, <a href=/w/7>Českými Budějovicemi</a> a \
        <a href=/w/8>Prahou</a>, než se u <a href=/w/9>Mělníka</a> vlévá do Labe.</p>\
        <p>Na řece leží soustava přehrad zvaná <a href=/w/10>Vltavská kaskáda</a>, jejíž \
        největší nádrží je <a href=/w/11>Lipno</a>; přehrady slouží k výrobě elektřiny, k \
        ochraně před <a href=/w/12>povodněmi</a> i k rekreaci.</p></div>\
        <div id=paticka><a href=/podminky>Podmínky užití</a> · \
        <a href=/soukromi>Ochrana soukromí</a></div></body></html>";
    assert_keeps(
        &clean(page).text(),
        &["levý přítok Labe", "Na řece leží soustava přehrad"],
        &["Náhodná stránka", "Ochrana soukromí"],
    );
}

/// Kind 4: a page without content — a cookie wall — comes out empty, in the languages whose
/// consent banners say "we and our partners use cookies".
#[test]
fn a_cookie_wall_comes_out_empty() {
    for (lang, title, body, accept) in [
        (
            "de",
            "Wir verwenden Cookies",
            "Wir und unsere Partner verwenden Cookies und ähnliche Technologien, um Inhalte zu \
             personalisieren, Werbung zu messen und die Nutzung unserer Website zu analysieren.",
            "Alle akzeptieren",
        ),
        (
            "es",
            "Utilizamos cookies",
            "Nosotros y nuestros socios utilizamos cookies y tecnologías similares para \
             personalizar el contenido, medir la publicidad y analizar el uso de nuestro sitio.",
            "Aceptar todo",
        ),
    ] {
        let page = format!(
            "<!DOCTYPE html><html lang={lang}><head><title>{title}</title></head><body>\
            <div class=consent-overlay role=dialog><h2>{title}</h2><p>{body}</p>\
            <button>{accept}</button> <a href=/privacy>Privacy</a></div></body></html>"
        );
        let text = clean(&page).body_text();
        assert!(text.trim().is_empty(), "{lang}: {text}");
    }
}

/// Kind 8: the chrome of a Q&A page in Portuguese — vote counts, the sort control, the answer
/// form and the "not the answer you're looking for?" line — goes; the question and every
/// answer stay. In flattened text the phrases go too.
#[test]
fn qa_chrome_goes_in_another_language() {
    let votes = |n: u32| {
        format!("<div class=votos><button>▲</button><span>{n}</span><button>▼</button></div>")
    };
    let page = format!(
        "<!DOCTYPE html><html lang=pt-BR><head><title>Como ler um CSV sem carregar tudo na memória?</title>\
        <script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@type\":\"QAPage\"}}</script>\
        </head><body><header><a href=/>Perguntas e Respostas</a> <a href=/perguntas>Perguntas</a> \
        <a href=/tags>Tags</a></header><div id=content>\
        <h1>Como ler um CSV sem carregar tudo na memória?</h1>\
        <div class=pergunta>{}<div class=corpo><p>Tenho um arquivo CSV de vinte gigabytes com \
        registros de sensores e preciso calcular a média de uma coluna, mas o programa termina \
        por falta de memória assim que abro o arquivo.</p></div></div>\
        <div class=respostas><h2>2 Respostas</h2><div>Ordenado por:</div>\
        <div class=resposta>{}<div class=corpo><p>Leia o arquivo com um iterador: cada linha é \
        processada e descartada antes da próxima, então a memória usada fica constante, seja \
        qual for o tamanho do arquivo.</p></div></div>\
        <div class=resposta>{}<div class=corpo><p>Se precisar de mais do que a média, leia o \
        arquivo em blocos de cem mil linhas e combine os resultados parciais de cada bloco no \
        final.</p></div></div></div>\
        <h2>Sua resposta</h2><form><textarea></textarea><button>Publique sua resposta</button></form>\
        <h2>Não é a resposta que você está procurando? Veja outras perguntas marcadas com csv \
        ou faça sua própria pergunta.</h2></div>\
        <footer>© 2024 Perguntas e Respostas</footer></body></html>",
        votes(14),
        votes(21),
        votes(3),
    );
    let text = clean(&page).text();
    let keep = [
        "Tenho um arquivo CSV de vinte gigabytes",
        "Leia o arquivo com um iterador",
        "leia o arquivo em blocos de cem mil linhas",
    ];
    let chrome = [
        "Ordenado por",
        "Sua resposta",
        "Publique sua resposta",
        "Não é a resposta",
    ];
    assert_keeps(&text, &keep, &chrome);
    for line in text.lines() {
        assert!(line.parse::<u32>().is_err(), "a vote count: {text}");
    }
    let flat = "Perguntas e Respostas\n\nPerguntas\n\nTags\n\n\
        Como ler um CSV sem carregar tudo na memória?\n\n\
        Tenho um arquivo CSV de vinte gigabytes com registros de sensores e preciso calcular a \
        média de uma coluna, mas o programa termina por falta de memória assim que abro o \
        arquivo.\n\n2 Respostas\n\nOrdenado por:\n\n\
        Leia o arquivo com um iterador: cada linha é processada e descartada antes da próxima, \
        então a memória usada fica constante, seja qual for o tamanho do arquivo.\n\n\
        Se precisar de mais do que a média, leia o arquivo em blocos de cem mil linhas e combine \
        os resultados parciais de cada bloco no final.\n\nSua resposta\n\nPublique sua resposta\n\n\
        Não é a resposta que você está procurando? Veja outras perguntas marcadas com csv ou \
        faça sua própria pergunta.\n\n© 2024 Perguntas e Respostas\n";
    assert_keeps(&clean_text(flat).text(), &keep, &chrome);
}

// The public-report cases (../shared/cases/public-reports), each as a smaller page of the same
// structure in another language.

/// Kind 5 (public report 04): list items of two or three words between paragraphs are the
/// article's, not short debris lines.
#[test]
fn short_list_items_between_paragraphs_are_kept() {
    let page = "<!DOCTYPE html><html lang=es><head><title>Cómo cultivar buganvillas en maceta</title></head>\
        <body><div class=barra><a href=/>Inicio</a> <a href=/plantas>Plantas</a> <a href=/huerto>Huerto</a></div>\
        <div class=post><h1>Cómo cultivar buganvillas en maceta</h1>\
        <p>La buganvilla es una trepadora resistente de regiones cálidas y secas, y en una \
        maceta grande puede florecer durante meses si se le da lo que necesita.</p>\
        <p>Antes de comprar una planta, compruebe que puede ofrecerle lo básico:</p>\
        <ul><li>Sol directo.</li><li>Buen drenaje.</li><li>Maceta grande.</li><li>Nada de heladas.</li></ul>\
        <p>El riego es donde más se equivoca la gente: la buganvilla florece mejor cuando la \
        tierra se seca casi del todo entre un riego y el siguiente.</p>\
        <ol><li>Riegue a fondo.</li><li>Espere a que se seque.</li><li>Repita.</li></ol>\
        <p>Si las hojas amarillean y caen en verano, casi siempre es por exceso de agua y no por \
        falta de abono, así que conviene espaciar los riegos.</p></div>\
        <div class=lateral><h3>Lo más leído</h3><ul><li><a href=/a>Diez plantas de sombra</a></li>\
        <li><a href=/b>Cómo podar un limonero</a></li></ul></div>\
        <footer>© 2024 Jardín en casa</footer></body></html>";
    assert_keeps(
        &clean(page).text(),
        &[
            "Sol directo.",
            "Buen drenaje.",
            "Maceta grande.",
            "Nada de heladas.",
            "Riegue a fondo.",
            "Repita.",
        ],
        &["Lo más leído", "Cómo podar un limonero", "© 2024"],
    );
}

/// Kind 2 (public report 02): the endnotes a static site generator writes at the end of the
/// post (`div.footnotes`, `role=doc-endnotes`) are the article's.
#[test]
fn endnotes_inside_the_article_are_kept() {
    let page = "<!DOCTYPE html><html lang=de><head><title>Fußnoten im Netz | Notizblock</title></head>\
        <body><header class=site-header><a href=/>Notizblock</a><nav><a href=/ueber>Über</a> \
        <a href=/archiv>Archiv</a></nav></header><main><article class=post>\
        <h1 class=post-title>Fußnoten im Netz</h1><div class=post-content>\
        <p>Gedruckte Bücher schieben ihre Nebenbemerkungen an den Fuß der Seite, wo das Auge sie \
        findet, ohne den Faden zu verlieren.<sup role=doc-noteref><a href=#fn:1>1</a></sup></p>\
        <p>Im Netz gibt es keinen Seitenfuß, und wer der Anmerkung folgt, springt ans Ende eines \
        langen Textes und muss den Rückweg erst wieder finden.<sup role=doc-noteref><a href=#fn:2>2</a></sup></p>\
        <p>Ich halte es inzwischen so: kurze Einschübe kommen in Klammern, längere werden zu \
        eigenen Absätzen, und nur Quellen landen in den Fußnoten.</p>\
        <div class=footnotes role=doc-endnotes><ol>\
        <li id=fn:1 role=doc-endnote><p>Manche Verlage setzen sie auch ans Kapitelende, was das \
        Blättern nicht leichter macht. <a href=#fnref:1 role=doc-backlink>↩</a></p></li>\
        <li id=fn:2 role=doc-endnote><p>Die Zurück-Pfeile helfen, aber nur, wenn man weiß, dass \
        es sie gibt. <a href=#fnref:2 role=doc-backlink>↩</a></p></li></ol></div>\
        </div></article></main><footer class=site-footer><p>Notizblock · Ein Blog über Texte</p>\
        <p><a href=/feed.xml>RSS</a></p></footer></body></html>";
    assert_keeps(
        &clean(page).text(),
        &[
            "Gedruckte Bücher schieben ihre Nebenbemerkungen",
            "Manche Verlage setzen sie auch ans Kapitelende",
            "Die Zurück-Pfeile helfen",
        ],
        &["Archiv", "Ein Blog über Texte"],
    );
}

/// Kind 4 (public report 06): a hand-written page without any container keeps the list that
/// sits straight in `<body>`.
#[test]
fn a_list_straight_in_the_body_is_kept() {
    let page = "<html><head><title>Cosa dice davvero il verbale</title></head><body>\
        <p><a href=/>« torna all'indice</a></p><h1>Cosa dice davvero il verbale</h1>\
        <p>Un articolo molto condiviso sostiene che il comitato abbia ammesso di aver scelto il \
        nuovo formato delle chiavi perché fosse facile da rompere.</p>\
        <p>Il verbale non dice niente del genere, ma registra una serie di obiezioni sollevate e \
        poi accantonate senza un voto:</p><ul>\
        <li>Un revisore ha chiesto perché la chiave corta sia rimasta quella predefinita, quando \
        quella lunga non costa quasi nulla sui computer di oggi. <a href=/v1>[1]</a></li>\
        <li>Due membri hanno chiesto di pubblicare i vettori di prova prima del voto, e la \
        richiesta è stata rinviata alla riunione successiva. <a href=/v2>[2]</a></li>\
        <li>Un osservatore ha fatto notare che il documento cita una libreria che nessuno dei \
        presenti aveva mai usato in produzione. <a href=/v3>[3]</a></li></ul>\
        <p>Sono obiezioni serie, ma non sono un'ammissione di colpa, e il verbale lo mostra con \
        chiarezza a chiunque lo legga per intero.</p><hr><font size=1>versione 2</font></body></html>";
    assert_keeps(
        &clean(page).text(),
        &[
            "Un revisore ha chiesto perché la chiave corta",
            "Due membri hanno chiesto di pubblicare",
            "Un osservatore ha fatto notare",
            "Sono obiezioni serie",
        ],
        &["torna all'indice"],
    );
}

/// Kind 4 (public report 10): a data table with a caption and a row of several images stays
/// (the caption itself, like a figure's, is not judged).
#[test]
fn a_data_table_with_a_caption_and_images_is_kept() {
    let img = |n: u32| format!("<td><img src=/n{n}.jpg width=100 height=75 alt=\"\"></td>");
    let page = format!(
        "<!DOCTYPE html><html lang=es><head><title>Los nudos básicos de la navegación</title></head>\
        <body><div id=menu><a href=/>Inicio</a> <a href=/cursos>Cursos</a> <a href=/contacto>Contacto</a></div>\
        <div id=contenido><h1>Los nudos básicos de la navegación</h1>\
        <p>Cuatro nudos bastan para casi todas las maniobras de un velero pequeño, y conviene \
        saber hacerlos con los ojos cerrados.</p>\
        <table summary=\"Cuatro nudos\"><caption>Los cuatro nudos del curso de iniciación</caption>\
        <tr><td>Nudo:</td><td>As de guía</td><td>Ballestrinque</td><td>Llano</td><td>Ocho</td></tr>\
        <tr><td>Uso:</td><td>Hacer una gaza fija</td><td>Amarrar a un poste</td>\
        <td>Unir dos cabos</td><td>Tope al final de un cabo</td></tr>\
        <tr><td>Imagen:</td>{}{}{}{}</tr></table>\
        <p>En el curso se practican primero en tierra y después a bordo, con el barco en \
        movimiento.</p></div><div id=pie>© 2024 Escuela de Vela</div></body></html>",
        img(1),
        img(2),
        img(3),
        img(4)
    );
    assert_keeps(
        &clean(&page).text(),
        &[
            "Cuatro nudos bastan",
            "As de guía",
            "Amarrar a un poste",
            "Tope al final de un cabo",
        ],
        &["Cursos", "Escuela de Vela"],
    );
}

/// Kinds 1 and 4 (public report 05): a privacy statement whose paragraphs and list items wrap
/// their text in styled spans keeps every item, although its text speaks of cookies; the
/// cookie banner goes.
#[test]
fn a_privacy_statement_in_styled_spans_is_kept() {
    let span = |t: &str| format!("<span class=\"tekst-h7-regular\" tabindex=\"0\">{t}</span>");
    let li = |t: &str| format!("<li>{}</li>", span(t));
    let page = format!(
        "<!DOCTYPE html><html lang=nl><head><title>Privacyverklaring | Noordwind Advies</title></head>\
        <body><nav><a href=/>Home</a> <a href=/diensten>Diensten</a> <a href=/vacatures>Vacatures</a></nav>\
        <main><h1>Privacyverklaring</h1><p>{}</p><h2>{}</h2><ul>{}{}{}</ul><h2>{}</h2><p>{}</p></main>\
        <footer><a href=/voorwaarden>Voorwaarden</a> © 2024 Noordwind Advies B.V.</footer>\
        <div role=dialog><p>Deze website gebruikt cookies om uw ervaring te verbeteren.</p>\
        <button>Cookie-instellingen</button><button>Accepteren</button></div></body></html>",
        span(
            "Deze verklaring legt uit hoe Noordwind Advies persoonsgegevens verzamelt en \
             gebruikt wanneer u onze website bezoekt of met ons samenwerkt."
        ),
        span("Uw rechten"),
        li(
            "U kunt ons vragen welke persoonsgegevens wij over u bewaren en hoe wij die hebben gekregen."
        ),
        li("U kunt ons vragen gegevens te verbeteren die onjuist of onvolledig zijn."),
        li("U kunt bezwaar maken tegen het gebruik van uw gegevens voor direct marketing."),
        span("Cookies en vergelijkbare technieken"),
        span(
            "Onze websites gebruiken cookies om uw instellingen te onthouden en te meten hoe \
             pagina's worden gebruikt; noodzakelijke cookies kunt u niet uitschakelen."
        ),
    );
    assert_keeps(
        &clean(&page).text(),
        &[
            "Deze verklaring legt uit hoe Noordwind Advies",
            "Uw rechten",
            "welke persoonsgegevens wij over u bewaren",
            "onjuist of onvolledig zijn",
            "bezwaar maken tegen het gebruik",
            "Onze websites gebruiken cookies om uw instellingen",
        ],
        &[
            "Vacatures",
            "Deze website gebruikt cookies om uw ervaring",
            "Accepteren",
        ],
    );
}

/// Kind 6 (public report 09): a layout table whose cells hold a linked subheading and its
/// paragraphs keeps every row; the headline is only in `<title>`.
#[test]
fn a_layout_table_of_linked_subheadings_keeps_every_row() {
    let row = |id: &str, title: &str, body: &str| {
        format!("<tr><td><h2><a href=\"#{id}\">{title}</a></h2><p>{body}</p></td></tr>")
    };
    let page = format!(
        "<!DOCTYPE html><html lang=pt><head><title>Três editores a que volto sempre</title></head>\
        <body><header><h1>Páginas Simples</h1></header><main>\
        <p>De poucos em poucos anos experimento um editor de texto novo durante um mês, e acabo \
        quase sempre por voltar a um destes três.</p><table>{}{}{}</table>\
        <p>Nenhum deles é o melhor para tudo, e é por isso que continuo a usar os três.</p>\
        </main></body></html>",
        row(
            "linha",
            "O editor de linha",
            "Não mostra nada até que se peça, o que parece hostil mas é perfeito numa ligação \
             remota lenta."
        ),
        row(
            "modal",
            "Um editor modal com muita memória",
            "Vinte anos de hábitos vivem aqui, e cada comando que aprendi ainda funciona da \
             mesma maneira."
        ),
        row(
            "notas",
            "Uma aplicação de notas em ficheiros simples",
            "Cada nota é um ficheiro de texto numa pasta, que qualquer programa consegue abrir \
             daqui a muitos anos."
        ),
    );
    let cleaned = clean(&page);
    assert_eq!(
        cleaned.title.as_deref(),
        Some("Três editores a que volto sempre")
    );
    assert_keeps(
        &cleaned.text(),
        &[
            "O editor de linha",
            "perfeito numa ligação remota lenta",
            "Um editor modal com muita memória",
            "Uma aplicação de notas em ficheiros simples",
            "daqui a muitos anos",
            "continuo a usar os três",
        ],
        &[],
    );
}

/// Kind 7 (public report 12): tens of thousands of `<br>` inside an article are one gap; the
/// paragraphs around them stay.
#[test]
fn a_flood_of_line_breaks_is_one_gap() {
    let page = format!(
        "<!DOCTYPE html><html lang=pl><head><title>Prom kursuje przez całą zimę</title></head>\
        <body><div class=menu><a href=/>Kurier</a> <a href=/sport>Sport</a> <a href=/imprezy>Imprezy</a></div>\
        <div class=artykul><h1>Prom kursuje przez całą zimę</h1><div>\
        Rada miasta zdecydowała w poniedziałek wieczorem, że prom przez zatokę będzie kursował \
        także zimą.<br><br>Ponad dwa tysiące mieszkańców podpisało petycję w tej sprawie, \
        jak mówili radni podczas sesji.{}Decyzja będzie kosztować miasto około czterdziestu \
        tysięcy złotych dodatkowej dopłaty.<br><br>Przewoźnik zapowiedział, że w przyszłym \
        tygodniu opublikuje zimowy rozkład jazdy.</div></div>\
        <div class=stopka>© 2024 Kurier Zatoki</div></body></html>",
        "<br>".repeat(30_000)
    );
    let text = clean(&page).text();
    assert_keeps(
        &text,
        &[
            "Rada miasta zdecydowała w poniedziałek",
            "Ponad dwa tysiące mieszkańców",
            "Decyzja będzie kosztować miasto",
            "Przewoźnik zapowiedział",
        ],
        &["Imprezy", "© 2024 Kurier Zatoki"],
    );
    assert!(!text.contains("\n\n\n"), "{text}");
}

/// Kinds 1 and 4 (public report 14): a page builder's header and footer (`data-elementor-type`,
/// no `<header>`/`<footer>`), share links, related posts and a consent banner in Danish go;
/// the post stays.
#[test]
fn a_page_builders_chrome_and_consent_banner_go() {
    let page = "<!DOCTYPE html><html lang=da><head><title>Sådan automatiserer du bogføringen | Fjordlys</title></head>\
        <body><div data-elementor-type=header class=\"elementor elementor-location-header\">\
        <div class=elementor-widget-container><ul><li><a href=/>Hjem</a></li><li><a href=/ydelser>Ydelser</a></li>\
        <li><a href=/om>Om os</a></li><li><a href=/kontakt>Kontakt os</a></li></ul></div></div>\
        <div data-elementor-type=single-post class=elementor><div class=elementor-widget-container>\
        <h1 class=elementor-heading-title>Sådan automatiserer du bogføringen</h1></div>\
        <div class=\"elementor-widget-theme-post-content\"><div class=elementor-widget-container>\
        <p>Mange små virksomheder bruger stadig mange timer hver måned på at bogføre bilag i hånden.</p>\
        <h2>Start med bilagene</h2><p>Det nemmeste første skridt er at lade et værktøj læse \
        kvitteringer og fakturaer, så du kun skal godkende dem.</p>\
        <h2>Behold kontrollen</h2><p>Det er stadig dig, der har ansvaret for regnskabet, så \
        gennemgå posteringerne hver måned, også når alt ser rigtigt ud.</p></div></div>\
        <div class=elementor-share-buttons><a href=/s/li>Del på LinkedIn</a> <a href=/s/fb>Del på Facebook</a></div>\
        <div class=elementor-posts-container><h3>Læs også</h3><article><a href=/x>Alle momsfrister for 2024 ét sted</a></article>\
        <article><a href=/y>Fem tegn på at din fakturering er for langsom</a></article></div></div>\
        <div data-elementor-type=footer class=\"elementor elementor-location-footer\"><div class=elementor-widget-container>\
        <p>Fjordlys ApS · Storegade 12 · CVR 12345678</p><p><a href=/privatliv>Privatlivspolitik</a> \
        Alle rettigheder forbeholdes.</p></div></div>\
        <div id=cmplz-cookiebanner-container><div class=cmplz-message>For at give dig den bedste \
        oplevelse bruger vi cookies til at gemme og/eller tilgå enhedsoplysninger.</div>\
        <button>Accepter</button><button>Administrer samtykke</button></div></body></html>";
    assert_keeps(
        &clean(page).text(),
        &[
            "Mange små virksomheder bruger stadig",
            "Start med bilagene",
            "Det nemmeste første skridt",
            "Behold kontrollen",
            "gennemgå posteringerne hver måned",
        ],
        &[
            "Ydelser",
            "Kontakt os",
            "Del på LinkedIn",
            "Læs også",
            "Alle momsfrister",
            "CVR 12345678",
            "Alle rettigheder forbeholdes",
            "bruger vi cookies",
        ],
    );
}

/// Kind 7 (public reports 16 and 17): a page in a legacy encoding with no charset declared
/// anywhere is decoded right (Polish in windows-1250).
#[test]
fn an_undeclared_legacy_encoding_is_guessed() {
    let prose = "Rada miejska zatwierdziła plan, według którego do końca przyszłego roku \
        powstanie prawie dwanaście kilometrów nowych ścieżek rowerowych wzdłuż obu brzegów Wisły.";
    let html = format!(
        "<html><head><title>Kraków rozbuduje sieć ścieżek rowerowych</title></head><body>\
        <div class=menu><a href=/>Główna</a> <a href=/kraj>Kraj</a></div>\
        <h1>Kraków rozbuduje sieć ścieżek rowerowych</h1><p>{prose}</p>\
        <p>Najdroższą częścią budowy będzie kładka nad portem, którą zaplanowano na jesień, \
        gdy ruch łodzi na rzece jest najmniejszy.</p>\
        <p>Część prac odbędzie się nocą, żeby ograniczyć utrudnienia na bulwarach.</p>\
        <div class=stopka>© 2024 Gazeta Miejska</div></body></html>"
    );
    let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode(&html);
    let options = Options {
        input: InputKind::Html,
        ..Options::default()
    };
    let cleaned = declutter::clean(&bytes, &options).unwrap();
    assert_eq!(cleaned.encoding, "windows-1250");
    assert_keeps(
        &cleaned.text(),
        &[prose, "Część prac odbędzie się nocą"],
        &[],
    );
}

/// Public report 01: an essay whose figures wrap image and caption in spans keeps every
/// paragraph around them; the site's chrome goes.
#[test]
fn figures_in_wrapper_spans_leave_the_essay_whole() {
    let figure = |caption: &str| {
        format!(
            "<figure><span class=figure-outer><span class=image-wrapper><img src=/f.png alt=\"\">\
            </span><span class=caption-wrapper><figcaption>{caption} \
            <span class=credit>Foto: Archivo</span></figcaption></span></span></figure>"
        )
    };
    let page = format!(
        "<!DOCTYPE html><html lang=es><head><title>Por qué fracasó el asistente del clip</title></head>\
        <body><header><a href=/>Notas largas</a> <a href=/ensayos>Ensayos</a> <a href=/cambios>Cambios</a></header>\
        <main><h1>Por qué fracasó el asistente del clip</h1><p class=meta>1998–2024 · terminado</p>\
        <p>El ayudante animado que venía con una suite ofimática a finales de los noventa se \
        recuerda sobre todo como un chiste, pero nació de una investigación seria.</p>{}\
        <p>Lo que falló fue el momento: el asistente interrumpía justo cuando la gente sabía lo \
        que quería hacer, y callaba cuando de verdad estaba perdida.</p>\
        <h2>El sucesor discreto</h2>{}\
        <p>La misma investigación produjo el panel de tareas que todavía ocupa el lateral de \
        muchos editores, y que nadie recuerda como un chiste.</p></main>\
        <footer>Texto con licencia CC-0. <a href=/rss>RSS</a></footer></body></html>",
        figure("Una recreación del último día del asistente en el escritorio."),
        figure("La edición de 1997 de la suite, tal como la conocieron la mayoría."),
    );
    assert_keeps(
        &clean(&page).text(),
        &[
            "El ayudante animado que venía con una suite",
            "Lo que falló fue el momento",
            "El sucesor discreto",
            "La misma investigación produjo el panel",
        ],
        &["Ensayos", "licencia CC-0", "RSS"],
    );
}

/// Kind 4 (unfamiliar page 09): a product page made only of short lines — name, price,
/// highlights, options — keeps them; it is not a page without content.
#[test]
fn a_product_page_of_short_lines_keeps_them() {
    let page = "<!DOCTYPE html><html lang=sv><head><title>Tangentbord Fjäll 75 | Knappbutiken</title></head>\
        <body><nav><a href=/>Hem</a> <a href=/tangentbord>Tangentbord</a> <a href=/kundvagn>Kundvagn</a></nav>\
        <div class=produkt><span class=etikett>Nyhet</span><h1>Tangentbord Fjäll 75</h1>\
        <p class=pris>1 495 kr</p><ul><li>75 % layout med vridratt</li>\
        <li>Utbytbara brytare med låg profil</li><li>Bluetooth, 2,4 GHz och USB-C</li>\
        <li>Topplåda i aluminium</li></ul><p>Brytare: Taktil brun</p><p>Färg: Skiffergrå</p>\
        <button>Lägg i varukorgen</button><p>Fri frakt över 500 kr</p></div>\
        <footer>© 2024 Knappbutiken AB</footer></body></html>";
    assert_keeps(
        &clean(page).text(),
        &[
            "1 495 kr",
            "75 % layout med vridratt",
            "Utbytbara brytare med låg profil",
            "Topplåda i aluminium",
            "Brytare: Taktil brun",
            "Färg: Skiffergrå",
        ],
        &["Kundvagn", "© 2024"],
    );
}

/// Kind 7 (unfamiliar page 11): a line that each of several catalogue tiles carries is kept
/// in every tile, not dropped as a repeated caption.
#[test]
fn a_line_shared_by_several_tiles_is_kept_in_each() {
    let shared = "Sistema modulare che cresce da uno a sei schermi sulla stessa asta";
    let tile = |name: &str, line: &str| {
        format!("<div class=scheda><h3>{name}</h3><p>{line}</p><p>{shared}</p><p>€ 149</p></div>")
    };
    let page = format!(
        "<!DOCTYPE html><html lang=it><head><title>Bracci per monitor | Ufficio Leggero</title></head>\
        <body><nav><a href=/>Home</a> <a href=/scrivanie>Scrivanie</a> <a href=/bracci>Bracci</a></nav>\
        <main><h1>Bracci per monitor</h1><p>Tutti i nostri bracci si fissano al bordo della \
        scrivania con un morsetto e reggono schermi fino a nove chili.</p>{}{}{}</main>\
        <footer>© 2025 Ufficio Leggero</footer></body></html>",
        tile(
            "Braccio singolo",
            "Tiene un portatile all'altezza degli occhi"
        ),
        tile(
            "Braccio doppio",
            "Due schermi affiancati alla stessa altezza"
        ),
        tile("Braccio quadruplo", "Quattro schermi in due file da due"),
    );
    let text = clean(&page).text();
    assert_keeps(
        &text,
        &[
            "Braccio singolo",
            "Braccio quadruplo",
            "Quattro schermi in due file",
        ],
        &["Scrivanie", "© 2025"],
    );
    assert_eq!(text.matches(shared).count(), 3, "{text}");
}

/// Kind 6 (unfamiliar page 06): an event listing whose titles are links keeps each title
/// with its venue and date.
#[test]
fn an_event_listing_keeps_its_linked_titles() {
    let event = |n: u32, title: &str, venue: &str, date: &str| {
        format!("<li><a href=/e/{n}><strong>{title}</strong></a><p>{venue}</p><p>{date}</p></li>")
    };
    let page = format!(
        "<!DOCTYPE html><html lang=fr><head><title>Concerts à Nantes | Agenda</title></head>\
        <body><nav><a href=/>Agenda</a> <a href=/villes>Villes</a> <a href=/connexion>Connexion</a></nav>\
        <main><h1>Concerts à Nantes</h1><ul>{}{}{}</ul><a href=?page=2>Page suivante</a></main>\
        <footer>© 2025 Agenda</footer></body></html>",
        event(
            1,
            "La Chorale des Lanternes",
            "Salle de la Corderie",
            "ven. 14 mars"
        ),
        event(
            2,
            "Soirée jazz au port",
            "Quai des Antilles",
            "sam. 15 mars"
        ),
        event(
            3,
            "Orla Vane : tournée Serre 2025",
            "Le Hangar",
            "dim. 16 mars"
        ),
    );
    assert_keeps(
        &clean(&page).text(),
        &[
            "La Chorale des Lanternes",
            "Soirée jazz au port",
            "Orla Vane : tournée Serre 2025",
            "Salle de la Corderie",
            "ven. 14 mars",
        ],
        &["Connexion", "Page suivante", "© 2025"],
    );
}

/// Kind 3: a Korean article keeps its headline and every paragraph, in HTML and as flattened
/// text; the share and like lines under it go.
#[test]
fn a_korean_article_keeps_its_headline() {
    let headline = "시내버스 첫차 시간 30분 앞당긴다";
    let body = [
        "서울시는 다음 달부터 시내버스 주요 노선의 첫차 출발 시간을 오전 4시로 30분 앞당긴다고 14일 밝혔다.",
        "새벽 시간대에 출근하는 청소 노동자와 경비원 등의 요청이 많았기 때문이라고 시는 설명했다.",
        "시는 우선 승객이 많은 12개 노선에 적용한 뒤 이용 현황을 보고 대상 노선을 늘릴 계획이다.",
    ];
    let page = format!(
        "<!DOCTYPE html><html lang=ko><head><title>{headline} - 한강일보</title></head><body>\
        <nav><a href=/>정치</a> <a href=/b>경제</a> <a href=/c>사회</a></nav><article>\
        <h1>{headline}</h1><p class=byline>김도윤 기자</p><p>{}</p><p>{}</p><p>{}</p>\
        <p>공유하기</p><p>좋아요 0</p></article>\
        <footer>© 한강일보. 무단 전재 및 재배포 금지</footer></body></html>",
        body[0], body[1], body[2]
    );
    let cleaned = clean(&page);
    assert_eq!(cleaned.title.as_deref(), Some(headline));
    assert_keeps(
        &cleaned.text(),
        &body,
        &["공유하기", "좋아요", "경제", "무단 전재"],
    );
    let flat = format!(
        "본문 바로가기\n\n한강일보\n\n정치\n\n경제\n\n사회\n\n{headline}\n\n\
        입력 2024.03.14 09:12\n\n김도윤 기자\n\n{}\n\n{}\n\n{}\n\n공유하기\n\n좋아요 0\n\n\
        © 한강일보. 무단 전재 및 재배포 금지\n",
        body[0], body[1], body[2]
    );
    let cleaned = clean_text(&flat);
    assert_eq!(cleaned.title.as_deref(), Some(headline));
    assert_keeps(
        &cleaned.text(),
        &body,
        &["공유하기", "좋아요", "경제", "무단 전재"],
    );
}

/// Kind 1: a lead marked as a teaser (CMSs that call the standfirst a "teaser") is the
/// article's; a teaser list of other stories after it is not.
#[test]
fn a_lead_marked_as_a_teaser_is_kept() {
    let page = "<!DOCTYPE html><html lang=nl><head><title>Veerpont vaart weer elke dag</title></head>\
        <body><article><h1>Veerpont vaart weer elke dag</h1>\
        <p class=\"article-teaser\">Na twee jaar stilstand vaart de pont over het meer weer \
        dagelijks, en de provincie betaalt de helft van de kosten.</p>\
        <p>De provinciale staten besloten dinsdagavond met een ruime meerderheid de veerdienst \
        tussen de twee dorpen voor ten minste vijf jaar te behouden.</p>\
        <p>De pont lag sinds het voorjaar van 2022 stil nadat de vorige exploitant ermee was \
        gestopt, waardoor forensen een flinke omweg over de brug moesten maken.</p>\
        <div class=\"teaser-list\"><p><a href=/a>Nieuwe fietsbrug geopend</a></p>\
        <p><a href=/b>Haven krijgt extra ligplaatsen</a></p></div>\
        </article></body></html>";
    let text = clean(page).text();
    assert!(
        text.contains("Na twee jaar stilstand vaart de pont"),
        "{text}"
    );
    assert!(text.contains("De provinciale staten besloten"), "{text}");
    assert!(!text.contains("Nieuwe fietsbrug"), "{text}");
}

/// Kind 1: an id of two or three words that is the slug of its section's own heading names the
/// section's subject, however it reads; a one-word id (`comments`) still names a widget.
#[test]
fn a_short_id_that_slugs_its_own_heading_marks_nothing() {
    let answer = "<p>Readers who come for the first time often ask where things are, and this \
        page answers the questions we hear most often at the desk.</p>";
    let page = format!(
        "<!DOCTYPE html><html lang=en><head><title>Help</title></head><body><main>\
         <h1>Help</h1>{answer}<section id=accounts><h2>Accounts</h2>{answer}{answer}</section>\
         <section id=\"site-menu\"><h2>Site menu</h2><p>The search box reads the same titles \
         as the menu, so every page in the menu also turns up among the results.</p></section>\
         <section><h2>Printing</h2>{answer}{answer}</section>\
         <section id=comments><h2>Comments</h2><p>Great page, thanks for writing it up!</p>\
         </section></main></body></html>"
    );
    let text = clean(&page).text();
    assert!(
        text.contains("The search box reads the same titles"),
        "{text}"
    );
    assert!(!text.contains("Great page"), "{text}");
}
