//! Invariants that hold for every input, checked on generated ones (proptest, modest case
//! counts so `cargo test` stays fast):
//!
//! - `no_panic_on_arbitrary_bytes`, `no_panic_on_html_like_pages`: cleaning and every renderer
//!   return, whatever the bytes (HTML-like pages also with the inline formatting read, which
//!   leaves the text as it is);
//! - `text_mode_only_removes_lines`: the body is a subsequence of the input lines (up to the
//!   character normalisation every block gets: NFC, no soft hyphens or control characters), and
//!   the headline is the start of an input line (its site suffix may be gone);
//! - `html_mode_outputs_only_page_text`: every output word occurs in the page's text as the
//!   parser decodes it (entities included);
//! - `text_mode_is_idempotent`: cleaning the cleaned text changes nothing (on pages that show
//!   each paragraph once: copies are judged by their neighbours);
//! - `cleaning_is_deterministic`: the same input gives the same result every time;
//! - `jsonl_output_does_not_depend_on_threads`: `--jsonl --threads 1` and `--threads 2` write
//!   the same bytes.

use declutter::{InputKind, Options};
use proptest::prelude::*;
use proptest::sample::select;

mod common;

fn options(input: InputKind) -> Options {
    Options {
        input,
        ..Options::default()
    }
}

/// Every renderer, so that a panic anywhere shows.
fn render_all(cleaned: &declutter::Cleaned) {
    for with_title in [true, false] {
        let _ = declutter::render::text(cleaned, with_title);
        let _ = declutter::render::markdown(cleaned, with_title);
        let _ = declutter::render::html(cleaned, with_title);
        let _ = declutter::render::json(cleaned, with_title).to_string();
    }
    let _ = declutter::render::explain(cleaned);
}

/// Lines a flattened page is made of: prose, debris, headlines with site names, odd spacing.
const LINES: &[&str] = &[
    "The council agreed on Tuesday to rebuild the old bridge, which has been closed since the spring floods damaged its piers.",
    "Engineers said the work would take at least two years and that a temporary ferry would run in the meantime for commuters.",
    "Residents of both villages have complained for months that the detour adds almost an hour to their daily journeys.",
    "the repair was cut off in the middle of a sentence by the scraper and",
    "continues on this line, as hard-wrapped prose does.",
    "Bridge to be rebuilt after floods | Valley Herald",
    "Why now? - World News",
    "Visited 12 times, 1 visit(s) today",
    "Related articles",
    "Advertisement",
    "Share this:",
    "Sign up for our newsletter",
    "Leave a Reply",
    "© 2024 Valley Herald. All rights reserved.",
    "* Home",
    "* News",
    "1. First step",
    "Home » News » Local",
    "",
    "",
    "   ",
    "\t indented line with trailing spaces   ",
    "Ünïcödé — 東京都 — مرحبا — Привет, мир.",
    "Decomposed letters: cafe\u{301} cre\u{300}me, and a soft hy\u{AD}phen\u{1D} in one line.",
    "Read more: Another story about something else entirely",
    "0",
];

/// Pieces an HTML-ish page is made of: tags (some unclosed or stray), entities, text.
const PIECES: &[&str] = &[
    "<html>",
    "<head>",
    "<title>Bridge to be rebuilt | Valley Herald</title>",
    "<meta property=\"og:title\" content=\"Bridge to be rebuilt\">",
    "<body>",
    "<div>",
    "</div>",
    "<div class=\"share-bar\">",
    "<nav>",
    "</nav>",
    "<article>",
    "</article>",
    "<main>",
    "<p>",
    "</p>",
    "<h1>",
    "</h1>",
    "<h2>",
    "<ul>",
    "<ol>",
    "<li>",
    "</li>",
    "</ul>",
    "<a href=\"/x\">",
    "<a href=\"javascript:x()\">",
    "<em>",
    "</em>",
    "<code>",
    "</code>",
    "<ol start=\"7\">",
    "<base href=\"../c/\">",
    "</a>",
    "<b>",
    "</b>",
    "<br>",
    "<hr>",
    "<pre>",
    "</pre>",
    "<blockquote>",
    "<table>",
    "<tr>",
    "<td>",
    "<td>cell<script>var inCell = 1;</script></td>",
    "<th>",
    "</table>",
    "<footer>",
    "<aside>",
    "<script>var x = '<p>not text</p>';</script>",
    "<style>p { color: red }</style>",
    "<!-- a comment -->",
    "<!--",
    "<![CDATA[ data ]]>",
    "<template><p>inside a template</p></template>",
    "<svg><title>icon</title><path/></svg>",
    "<div hidden>hidden text</div>",
    "&amp;",
    "&lt;",
    "&eacute;",
    "&#x1F600;",
    "&#0;",
    "&nbsp;",
    "&bogus;",
    "&shy;",
    "<ruby>町<rt>まち</rt></ruby>",
    " ",
    "\n",
    "The council agreed on Tuesday to rebuild the old bridge, which has been closed since the spring floods.",
    "Engineers said the work would take at least two years, and a temporary ferry would run meanwhile.",
    "Related articles",
    "Advertisement",
    "Home",
    "café",
    "東京都",
    "x",
];

fn text_page() -> impl Strategy<Value = String> {
    prop::collection::vec(select(LINES), 0..40).prop_map(|lines| lines.join("\n"))
}

/// A flattened page (see [`text_page`]) that shows each paragraph (a line of eight words or
/// more) at most once.
fn text_page_without_copies() -> impl Strategy<Value = String> {
    prop::collection::vec(select(LINES), 0..40).prop_map(|lines| {
        let mut seen = std::collections::HashSet::new();
        lines
            .into_iter()
            .filter(|l| l.split_whitespace().count() < 8 || seen.insert(*l))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

fn html_page() -> impl Strategy<Value = String> {
    prop::collection::vec(select(PIECES), 0..80).prop_map(|pieces| pieces.concat())
}

/// Elements a browser does not render as text.
const UNRENDERED: &[&str] = &[
    "head",
    "title",
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "fencedframe",
    "embed",
    "canvas",
    "button",
    "select",
    "input",
    "textarea",
    "option",
    "label",
    "video",
    "audio",
    "map",
    "dialog",
    "rt",
    "rp",
];

/// The page's visible text as the parser decodes it (entities included): its text nodes
/// outside unrendered and hidden elements, run together and normalised as every block is.
fn page_text(page: &str) -> String {
    let document = scraper::Html::parse_document(page);
    let mut text = String::new();
    for node in document.tree.root().descendants() {
        if let Some(t) = node.value().as_text() {
            let hidden = node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| UNRENDERED.contains(&e.name()) || e.attr("hidden").is_some())
            });
            if !hidden {
                text.push_str(t);
            }
        }
    }
    declutter::text::normalize(&mut text);
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_panic_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        for input in [InputKind::Auto, InputKind::Html, InputKind::Text] {
            if let Ok(cleaned) = declutter::clean(&bytes, &options(input)) {
                render_all(&cleaned);
            }
        }
    }

    #[test]
    fn no_panic_on_html_like_pages(page in html_page()) {
        let cleaned = declutter::clean(page.as_bytes(), &options(InputKind::Html)).unwrap();
        render_all(&cleaned);
        // With the inline formatting read, and the same text.
        let formatting = declutter::Options {
            formatting: true,
            url: Some("https://a.example/b/".into()),
            ..options(InputKind::Html)
        };
        let formatted = declutter::clean(page.as_bytes(), &formatting).unwrap();
        render_all(&formatted);
        prop_assert_eq!(cleaned.text(), formatted.text());
    }

    #[test]
    fn text_mode_only_removes_lines(page in text_page()) {
        let cleaned = declutter::clean(page.as_bytes(), &options(InputKind::Text)).unwrap();
        let normalized = |line: &str| declutter::text::normalized(line.trim_end()).into_owned();
        let mut input = page.lines().map(normalized);
        for line in cleaned.body_text().lines().filter(|l| !l.is_empty()) {
            prop_assert!(input.any(|i| i == line), "{line:?} is not an input line in order");
        }
        if let Some(title) = &cleaned.title {
            let first = title.lines().next().unwrap_or_default();
            prop_assert!(
                page.lines().any(|l| normalized(l).trim().starts_with(first)),
                "headline {title:?}"
            );
        }
    }

    #[test]
    fn html_mode_outputs_only_page_text(page in html_page()) {
        let cleaned = declutter::clean(page.as_bytes(), &options(InputKind::Html)).unwrap();
        let text = page_text(&page);
        // The blocks' own text: the rendering adds list numbers the page may not write.
        let kept: Vec<&str> = cleaned.content().map(|b| b.text.as_str()).collect();
        for word in kept.iter().flat_map(|t| declutter::text::words(t)) {
            prop_assert!(text.contains(word), "{word:?} is not in the page's text {text:?}");
        }
    }

    #[test]
    fn cleaning_is_deterministic(page in html_page(), text in text_page()) {
        for (input, kind) in [(&page, InputKind::Html), (&text, InputKind::Text)] {
            let a = declutter::clean(input.as_bytes(), &options(kind)).unwrap();
            let b = declutter::clean(input.as_bytes(), &options(kind)).unwrap();
            prop_assert_eq!(
                declutter::render::json(&a, true).to_string(),
                declutter::render::json(&b, true).to_string()
            );
        }
    }
}

proptest! {
    // A page that shows a paragraph twice is not in this property's domain: copies are judged
    // by their neighbours, and removing debris makes new neighbours (short lines kept between
    // two copies end up at the article's edge once the copy is gone). The generated pages show
    // each line of eight words or more once.
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn text_mode_is_idempotent(page in text_page_without_copies()) {
        // The second pass judges the page as the type the first found: the cleaned text alone
        // has another shape (its menus are gone) and would be typed anew.
        let first = declutter::clean(page.as_bytes(), &options(InputKind::Text)).unwrap();
        let once = first.text();
        let again = declutter::Options {
            page_type: Some(first.page.page_type),
            ..options(InputKind::Text)
        };
        let twice = declutter::clean(once.as_bytes(), &again).unwrap().text();
        prop_assert_eq!(once, twice);
    }
}

/// The `--jsonl` output for `stream` on `threads` threads.
fn jsonl(stream: &[u8], threads: &str) -> Vec<u8> {
    common::run(&["--jsonl", "--quiet", "--threads", threads], stream).stdout
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn jsonl_output_does_not_depend_on_threads(pages in prop::collection::vec(html_page(), 1..40)) {
        let mut stream = Vec::new();
        for (i, page) in pages.iter().enumerate() {
            let record = serde_json::json!({ "id": i, "html": page });
            stream.extend(record.to_string().bytes());
            stream.push(b'\n');
            if i % 7 == 3 {
                stream.extend(b"not json\n");
            }
        }
        let one = jsonl(&stream, "1");
        let two = jsonl(&stream, "2");
        prop_assert_eq!(one.iter().filter(|&&b| b == b'\n').count(), stream.iter().filter(|&&b| b == b'\n').count());
        prop_assert!(one == two, "outputs differ between 1 and 2 threads");
    }
}
