//! Text-level fidelity: the kept text is what a reader of the page sees, character by character
//! (issue 12, kind 7). Small handwritten pages, one per fault: ruby readings inlined into
//! Japanese text, a `<script charset>` taken for the page's charset, `<br><br>` paragraphs
//! glued into one block, soft hyphens, control characters and decomposed letters left in,
//! `<fencedframe>` text read, paragraphs that differ only in their figures taken for
//! copies of one another, and headings' permalink symbols ("¶", "§") read as their text.

use declutter::{Cleaned, InputKind, Options};

fn clean(page: &[u8]) -> Cleaned {
    let options = Options {
        input: InputKind::Html,
        ..Options::default()
    };
    declutter::clean(page, &options).unwrap()
}

/// An article page around `body` (HTML), with a menu and a footer.
fn article(body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><meta charset=utf-8><title>Die Brücke | Tal-Bote</title>\
         </head><body><nav><a href=/>Start</a> <a href=/lokal>Lokal</a></nav>\
         <article><h1>Die Brücke</h1>{body}</article>\
         <footer><p>© 2025 Tal-Bote</p></footer></body></html>"
    )
}

#[test]
fn ruby_readings_are_not_text() {
    let page = "<!DOCTYPE html><html lang=zh><head><meta charset=utf-8><title>新闻</title></head>\
        <body><article><h1>图书馆夜间开放</h1>\
        <p>下个月起，<ruby>图<rt>tú</rt>书<rt>shū</rt>馆<rt>guǎn</rt></ruby>每周三和周五开放到晚上九点。\
        很多人希望下班以后也能借书，所以市政府和志愿者商量后作出了这个决定。</p>\
        <p><ruby>夜<rp>(</rp><rt>yè</rt><rp>)</rp></ruby>间儿童阅览室不开放，其他阅览室照常使用。</p>\
        </article></body></html>";
    let text = clean(page.as_bytes()).text();
    assert!(
        text.contains("下个月起，图书馆每周三和周五开放到晚上九点。"),
        "{text}"
    );
    assert!(text.contains("夜间儿童阅览室不开放"), "{text}");
    for reading in ["tú", "shū", "yè", "("] {
        assert!(!text.contains(reading), "{reading:?} in {text}");
    }
}

#[test]
fn a_scripts_charset_is_not_the_pages() {
    let head = "<!DOCTYPE html><html><head>\
        <script src=/a.js charset=\"utf-8\"></script>\
        <link rel=stylesheet href=/a.css charset=utf-8>\
        <meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">\
        <title>Markt</title></head><body><article><h1>Markt</h1><p>";
    let prose = "Nach achtzehn Monaten Bauzeit hat die Markthalle am Samstag wieder geöffnet, \
        und die Händler freuen sich über den großen Andrang.";
    let (body, _, _) = encoding_rs::WINDOWS_1252.encode(prose);
    let mut page = head.as_bytes().to_vec();
    page.extend_from_slice(&body);
    page.extend_from_slice(b"</p></article></body></html>");
    let cleaned = clean(&page);
    assert_eq!(cleaned.encoding, "windows-1252");
    assert!(cleaned.text().contains(prose), "{}", cleaned.text());
}

#[test]
fn two_line_breaks_end_a_paragraph() {
    let first = "El ayuntamiento aprobó el lunes la reforma del puente viejo, cerrado desde las \
        inundaciones de la primavera pasada.";
    let second = "Los vecinos de los dos pueblos llevaban meses quejándose de que el desvío les \
        añade casi una hora a cada viaje.";
    let page = format!(
        "<!DOCTYPE html><html><body><div class=story>{first}<br><br>\n\
         <b>Lee también:</b> <a href=/otra>Otra noticia sobre el puente</a><br> <br>\
         Publicidad<br><br>{second}</div></body></html>"
    );
    let cleaned = clean(page.as_bytes());
    let blocks: Vec<&str> = cleaned
        .blocks
        .iter()
        .map(|j| j.block.text.as_str())
        .collect();
    assert!(blocks.contains(&first), "{blocks:?}");
    assert!(blocks.contains(&second), "{blocks:?}");
    assert!(blocks.contains(&"Publicidad"), "{blocks:?}");
    // One line break stays a line break inside the block.
    let page = "<!DOCTYPE html><html><body><p>Calle Mayor 4<br>28013 Madrid</p></body></html>";
    let cleaned = clean(page.as_bytes());
    assert_eq!(cleaned.blocks[0].block.text, "Calle Mayor 4\n28013 Madrid");
}

#[test]
fn invisible_characters_are_removed_and_letters_composed() {
    // A soft hyphen as an entity and as a character, an NFD "ü" (u + U+0308), a group
    // separator (U+001D) and a noncharacter (U+FFFF).
    let page = article(
        "<p>Die Sanierung der Ei&shy;sen\u{ad}bahn\u{00AD}brücke beginnt im Frühjahr, teilte die \
         Stadt am Montag mit; die Bauzeit soll zwei Jahre betragen\u{1D} und die Kosten \
         tragen Bund und Land gemeinsam.\u{FFFF}</p><p>Die Fa\u{308}hre fährt in der \
         Zwischenzeit jede halbe Stunde, auch an Sonn- und Feiertagen, teilte die Stadt mit.</p>",
    );
    let text = clean(page.as_bytes()).text();
    assert!(text.contains("Eisenbahnbrücke"), "{text}");
    assert!(text.contains("Die F\u{e4}hre"), "{text}");
    assert!(
        !text.contains(['\u{ad}', '\u{1d}', '\u{ffff}', '\u{308}']),
        "{text:?}"
    );
}

#[test]
fn fenced_frames_are_not_text() {
    let page = article(
        "<p>Die Sanierung der Brücke beginnt im Frühjahr, teilte die Stadt am Montag mit, und \
         die Bauzeit soll zwei Jahre betragen.</p>\
         <fencedframe><p>Jetzt Angebote vergleichen und sparen!</p></fencedframe>",
    );
    let text = clean(page.as_bytes()).text();
    assert!(!text.contains("Angebote"), "{text}");
}

#[test]
fn a_headings_permalink_symbol_is_not_text() {
    let page = article(
        "<h2>Die Pfeiler<a class=headerlink href=#pfeiler>¶</a></h2>\
         <p>Die Sanierung der Brücke beginnt im Frühjahr, teilte die Stadt am Montag mit, und \
         die Bauzeit soll zwei Jahre betragen.<a href=#fn1-ref>↩</a></p>\
         <section id=kosten><a href=#kosten class=anchor>§</a><h2>Die Kosten</h2>\
         <p>Die Kosten von vier Millionen Euro tragen Land und Stadt je zur Hälfte, sagte der \
         Bürgermeister.<a href=#fn2>*</a>Das Land zahlt zuerst, die Stadt im Jahr darauf.</p>\
         </section>",
    );
    let text = clean(page.as_bytes()).text();
    // The words around a dropped symbol stay apart.
    assert!(text.contains("Bürgermeister. Das Land"), "{text}");
    assert!(text.contains("Die Pfeiler\n"), "{text}");
    assert!(text.contains("\nDie Kosten\n"), "{text}");
    assert!(!text.contains(['¶', '§', '↩']), "{text}");
}

#[test]
fn paragraphs_that_differ_in_their_figures_are_two_paragraphs() {
    let page = article(
        "<p>Im Jahr 2023 fuhren 2.400 Menschen täglich über die Brücke, die meisten von ihnen \
         mit dem Auto oder dem Bus.</p>\
         <p>Dazwischen stand eine lange Erklärung der Verwaltung, warum die Zählung im Sommer \
         unterbrochen werden musste und wie sie nachgeholt wurde.</p>\
         <p>Im Jahr 2024 fuhren 3.100 Menschen täglich über die Brücke, die meisten von ihnen \
         mit dem Auto oder dem Bus.</p>",
    );
    let text = clean(page.as_bytes()).text();
    assert!(text.contains("Im Jahr 2023 fuhren 2.400"), "{text}");
    assert!(text.contains("Im Jahr 2024 fuhren 3.100"), "{text}");
}

#[test]
fn flattened_text_is_normalised_line_by_line() {
    let options = Options {
        input: InputKind::Text,
        ..Options::default()
    };
    let page = "Die Fa\u{308}hre fährt wieder\n\n\u{ad}\u{1d}\n\nDie Sanierung der Eisen\u{ad}bahnbrücke \
        beginnt im Frühjahr, teilte die Stadt am Montag mit, und die Bauzeit soll zwei Jahre \
        betragen.\n";
    let cleaned = declutter::clean(page.as_bytes(), &options).unwrap();
    assert_eq!(
        cleaned.title.as_deref(),
        Some("Die F\u{e4}hre fährt wieder")
    );
    assert!(
        cleaned
            .body_text()
            .starts_with("Die Sanierung der Eisenbahnbrücke")
    );
    // The line of invisible characters is no block.
    assert_eq!(cleaned.blocks.len(), 2);
}
