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
