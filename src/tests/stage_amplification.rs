//! Amplification in declutter's own stages (issue 10, item 1): inputs that are cheap to build
//! and once made a stage allocate or write far more than their size. Each test builds a small
//! input and checks a deterministic measure — output bytes, reason bytes, block count or
//! capacity — against the input's size, so it fails on the old code however fast the machine.
//! `tests/adversarial.rs` has the full-size (300 KB) variants, `#[ignore]`d.

use std::collections::HashSet;
use std::time::Duration;

use crate::block::PREVIEW_CHARS;
use crate::limits::{Budget, MAX_DEPTH};
use crate::render::MAX_LIST_DEPTH;
use crate::{
    Block, BlockKind, Cleaned, Error, InputKind, Judged, Metadata, Options, Verdict, render,
};
use proptest::prelude::*;

const PROSE: &str = "The council agreed on Tuesday to rebuild the old bridge, which has been closed since the spring floods damaged its piers.";

fn clean(input: &str, kind: InputKind) -> Cleaned {
    let options = Options {
        input: kind,
        ..Options::default()
    };
    crate::clean(input.as_bytes(), &options).unwrap()
}

/// Every rendering of `cleaned`, with its name.
fn renderings(cleaned: &Cleaned) -> [(&'static str, String); 5] {
    [
        ("text", render::text(cleaned, true)),
        ("markdown", render::markdown(cleaned, true)),
        ("html", render::html(cleaned, true)),
        ("json", render::json(cleaned, true).to_string()),
        ("explain", render::explain(cleaned)),
    ]
}

/// The longest reason any removed block has, in bytes.
fn longest_reason(cleaned: &Cleaned) -> usize {
    cleaned.removed().map(|r| r.reason.len()).max().unwrap_or(0)
}

/// The allocations behind the removed blocks' reasons (fixed texts count once too).
fn reason_allocations(cleaned: &Cleaned) -> usize {
    cleaned
        .removed()
        .map(|r| r.reason.as_ptr())
        .collect::<HashSet<_>>()
        .len()
}

/// A reason is the fixed text around a quotation of at most `PREVIEW_CHARS` characters.
const MAX_REASON_BYTES: usize = 4 * PREVIEW_CHARS + 120;

#[test]
fn a_long_section_heading_is_quoted_short_and_shared() {
    // Flattened text: "Related articles" padded with dashes opens a section of many short lines.
    let heading = format!("Related articles {}", "-".repeat(20_000));
    let lines: String = (0..2_000).map(|i| format!("Item number {i}\n\n")).collect();
    let input = format!("{PROSE}\n\n{PROSE}\n\n{heading}\n\n{lines}");
    let cleaned = clean(&input, InputKind::Text);
    let in_section: Vec<_> = cleaned
        .removed()
        .filter(|r| r.reason.contains("Related articles"))
        .collect();
    assert!(in_section.len() > 1_000, "{}", in_section.len());
    assert!(longest_reason(&cleaned) <= MAX_REASON_BYTES);
    // One reason for the whole section, not one copy per block.
    let shared: HashSet<_> = in_section.iter().map(|r| r.reason.as_ptr()).collect();
    assert!(shared.len() <= 2, "{} reason allocations", shared.len());
    for (name, out) in renderings(&cleaned) {
        assert!(out.len() <= 30 * input.len(), "{name}: {} bytes", out.len());
    }
}

#[test]
fn a_huge_class_token_is_quoted_short_and_shared() {
    let token = format!("nav-{}", "a".repeat(20_000));
    let paragraphs = "<p>Lorem ipsum dolor</p>".repeat(2_000);
    let input = format!(
        "<html><body><article><p>{PROSE}</p><p>{PROSE}</p></article>\
         <div class=\"{token}\">{paragraphs}</div></body></html>"
    );
    // Judged as one article: the marked container is then a widget beside it. (Its thousands
    // of short lines make it a listing by shape, whose items are not marked.)
    let options = Options {
        input: InputKind::Html,
        page_type: Some(crate::PageType::Article),
        ..Options::default()
    };
    let cleaned = crate::clean(input.as_bytes(), &options).unwrap();
    let marked: Vec<&Block> = cleaned
        .blocks
        .iter()
        .map(|j| &j.block)
        .filter(|b| b.markup.debris_container.is_some())
        .collect();
    assert!(marked.len() >= 2_000, "{}", marked.len());
    let tokens: HashSet<_> = marked
        .iter()
        .map(|b| {
            let (_, token) = b.markup.debris_container.as_ref().unwrap();
            assert!(token.chars().count() <= PREVIEW_CHARS + 1, "{token}");
            token.as_ptr()
        })
        .collect();
    assert_eq!(tokens.len(), 1, "the mark is shared, not copied per block");
    assert!(longest_reason(&cleaned) <= MAX_REASON_BYTES);
    assert!(reason_allocations(&cleaned) <= 8);
    for (name, out) in renderings(&cleaned) {
        assert!(out.len() <= 30 * input.len(), "{name}: {} bytes", out.len());
    }
}

/// A page of the given blocks, all kept, as a front-end would give it.
fn kept(input: InputKind, blocks: Vec<Block>) -> Cleaned {
    Cleaned {
        input,
        encoding: "UTF-8",
        title: None,
        language: None,
        metadata: Metadata::default(),
        page: crate::PageModel::default(),
        blocks: blocks
            .into_iter()
            .map(|block| Judged {
                block,
                verdict: Verdict::Content,
            })
            .collect(),
        warnings: Vec::new(),
    }
}

#[test]
fn markdown_tables_are_not_padded_to_their_widest_row() {
    // One row of 2,000 cells and 2,000 rows of one cell.
    let mut rows = vec![vec!["a".to_string(); 2_000]];
    rows.extend((0..2_000).map(|_| vec!["b".to_string()]));
    let cells: usize = rows.iter().map(Vec::len).sum();
    let text = rows
        .iter()
        .map(|r| r.join(" | "))
        .collect::<Vec<_>>()
        .join("\n");
    let cleaned = kept(
        InputKind::Html,
        vec![Block::new(
            BlockKind::Table {
                rows,
                header: false,
            },
            text,
        )],
    );
    let markdown = render::markdown(&cleaned, true);
    // A cell is `<td>x</td>` (10 bytes) in the page; the Markdown stays within a few times that.
    assert!(
        markdown.len() <= 30 * 10 * cells,
        "{} bytes for {cells} cells",
        markdown.len()
    );
    // The header row still spans the widest row (GFM drops cells beyond it).
    let header = markdown.lines().next().unwrap();
    assert_eq!(header.matches(" |").count(), 2_000);
    assert!(markdown.lines().any(|l| l == "| b |"));
}

#[test]
fn list_indentation_is_capped() {
    let items: Vec<Block> = (0..1_000)
        .map(|i| {
            Block::new(
                BlockKind::ListItem {
                    ordered: i % 2 == 0,
                    // Alternating between the top and the deepest level.
                    depth: if i % 2 == 0 { 0 } else { u8::MAX },
                },
                "x",
            )
        })
        .collect();
    for input in [InputKind::Html, InputKind::Text] {
        let cleaned = kept(input, items.clone());
        for (name, out) in renderings(&cleaned) {
            if name == "json" || name == "explain" {
                continue;
            }
            // `<li>x</li>` is 10 bytes of a page; a capped item costs a few dozen at most.
            let per_item = out.len() / items.len();
            assert!(
                per_item <= 8 * usize::from(MAX_LIST_DEPTH) + 16,
                "{name}: {per_item} bytes per item"
            );
        }
    }
}

#[test]
fn rows_nested_in_a_data_table_are_counted_once() {
    // Rows inside an SVG island in a cell nest (foreign content has no table rules): each
    // row's cell held the text of every row below it.
    let nested = "<tr><td>word word word ".repeat(200);
    let input = format!(
        "<html><body><p>{PROSE}</p><table><tr><td>x</td><td><svg>{nested}</svg></td></tr>\
         </table><p>{PROSE}</p></body></html>"
    );
    let cleaned = clean(&input, InputKind::Html);
    let cell_bytes: usize = cleaned
        .blocks
        .iter()
        .filter_map(|j| match &j.block.kind {
            BlockKind::Table { rows, .. } => {
                Some(rows.iter().flatten().map(String::len).sum::<usize>())
            }
            _ => None,
        })
        .sum::<usize>();
    assert!(cell_bytes > 0);
    assert!(
        cell_bytes <= input.len(),
        "{cell_bytes} bytes of cells from {} bytes",
        input.len()
    );
    for (name, out) in renderings(&cleaned) {
        assert!(out.len() <= 30 * input.len(), "{name}: {} bytes", out.len());
    }
}

#[test]
fn blank_lines_reserve_no_blocks() {
    let input = "\n".repeat(200_000);
    let blocks = crate::segment::text::segment(&input, &Budget::new(None)).unwrap();
    assert!(blocks.is_empty());
    // A block is over 100 bytes: one per line would reserve 20 MB for 200 KB.
    assert!(
        blocks.capacity() <= input.len() / 64,
        "capacity {}",
        blocks.capacity()
    );
}

#[test]
fn a_large_json_ld_array_is_read_within_its_limit() {
    let values = vec!["{\"a\":[0,0,0]}"; 50_000].join(",");
    let script = format!(
        "{{\"datePublished\":\"2024-05-01\",\"author\":{{\"name\":\"Jane Roe\"}},\"x\":[{values}]}}"
    );
    let input = format!(
        "<html><body><script type=\"application/ld+json\">{script}</script>\
         <p>{PROSE}</p></body></html>"
    );
    let cleaned = clean(&input, InputKind::Html);
    assert_eq!(cleaned.metadata.date.as_deref(), Some("2024-05-01"));
    assert_eq!(cleaned.metadata.author.as_deref(), Some("Jane Roe"));
}

#[test]
fn flattened_blocks_keep_their_bounds() {
    // Below the depth cap the <p>s are flattened into their ancestor; their texts stay apart.
    let input = format!(
        "<html><body><article><p>{PROSE}</p>{}<p>Deep text here.</p><p>The harbour office \
         published the new tide tables on Monday.</p>{}<p>{PROSE}</p></article></body></html>",
        "<div>".repeat(600),
        "</div>".repeat(600)
    );
    let cleaned = clean(&input, InputKind::Html);
    assert!(cleaned.warnings.iter().any(|w| w.contains("flattened")));
    let texts: Vec<&str> = cleaned
        .blocks
        .iter()
        .map(|j| j.block.text.as_str())
        .collect();
    assert!(texts.contains(&"Deep text here."), "{texts:?}");
    assert!(
        texts.contains(&"The harbour office published the new tide tables on Monday."),
        "{texts:?}"
    );
}

#[test]
fn block_bounds_below_the_depth_cap_cost_at_most_one_node_per_text() {
    // Markers for dropped block tags: never more than the runs of text they separate.
    for (page, texts) in [
        (
            format!("{}x{}", "<div>\n".repeat(20_000), "</div>\n".repeat(20_000)),
            1,
        ),
        (
            format!("{}{}", "<div>".repeat(600), "<p>x</p>\n".repeat(1_000)),
            1_000,
        ),
    ] {
        let parsed = crate::segment::parse::parse(&page, None, &Budget::new(None), false).unwrap();
        let markers = parsed
            .document
            .tree
            .nodes()
            .filter(|n| n.value().as_element().is_some_and(|e| e.name() == "param"))
            .count();
        assert!(markers <= texts + 1, "{markers} markers for {texts} texts");
        let nodes = parsed.document.tree.nodes().count();
        assert!(nodes <= 3 * MAX_DEPTH + 3 * texts + 16, "{nodes} nodes");
    }
}

#[test]
fn reasons_quote_the_page_not_the_normal_form() {
    let page = format!(
        "A headline for the page\n\n{PROSE}\n\n{PROSE}\n\nVisited 12 times, 1 visit(s) today\n\nAdvertisement\n\n{PROSE}"
    );
    let cleaned = clean(&page, InputKind::Text);
    let report = render::explain(&cleaned);
    assert!(report.contains("“Visited 12 times"), "{report}");
    assert!(!report.contains("visited 0 times"), "{report}");
    assert!(report.contains("label “Advertisement”"), "{report}");
}

/// A budget that has run out.
fn spent() -> Budget {
    let budget = Budget::new(Some(Duration::ZERO));
    std::thread::sleep(Duration::from_millis(2));
    budget
}

#[test]
fn the_time_budget_is_looked_at_inside_each_stage() {
    // Latin-1 (not UTF-8, no charset): detected and decoded in chunks.
    let latin1: Vec<u8> = b"caf\xe9 au lait, cr\xe8me br\xfbl\xe9e. ".repeat(200_000);
    assert!(matches!(
        crate::decode::decode_within(&latin1, None, &spent()),
        Err(Error::Timeout {
            stage: "decoding",
            ..
        })
    ));
    let lines = format!("{PROSE}\n\n").repeat(20_000);
    assert!(matches!(
        crate::segment::text::segment(&lines, &spent()),
        Err(Error::Timeout { .. })
    ));
    let blocks = crate::segment::text::segment(&lines, &Budget::new(None)).unwrap();
    assert!(matches!(
        crate::features::extract(&blocks, &spent()),
        Err(Error::Timeout { .. })
    ));
    let features = crate::features::extract(&blocks, &Budget::new(None)).unwrap();
    assert!(matches!(
        crate::classify::classify(&blocks, &features, None, crate::PageType::Article, &spent()),
        Err(Error::Timeout { .. })
    ));
}

#[test]
fn utf32_with_its_byte_order_mark_is_decoded() {
    let page = format!("<html><body><p>{PROSE}</p><p>Caf\u{e9} \u{1F600}</p></body></html>");
    let expected = clean(&page, InputKind::Auto);
    for big_endian in [false, true] {
        let mut bytes: Vec<u8> = if big_endian {
            vec![0, 0, 0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE, 0, 0]
        };
        for c in page.chars() {
            let unit = u32::from(c);
            bytes.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        let cleaned = crate::clean(&bytes, &Options::default()).unwrap();
        assert_eq!(
            cleaned.encoding,
            if big_endian { "UTF-32BE" } else { "UTF-32LE" }
        );
        assert_eq!(cleaned.text(), expected.text());
        assert!(!cleaned.text().contains('\0'));
    }
    // Binary data behind a byte order mark is refused, not passed on as text.
    for bom in [&[0xEF, 0xBB, 0xBF][..], &[0xFF, 0xFE], &[0xFF, 0xFE, 0, 0]] {
        let mut bytes = bom.to_vec();
        bytes.extend((0..4096u32).map(|i| (i % 7) as u8));
        assert!(
            matches!(
                crate::clean(&bytes, &Options::default()),
                Err(Error::Binary { .. })
            ),
            "{bom:?}"
        );
    }
}

/// Pieces that amplify when repeated or grown, for the property below.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(format!("<p>{PROSE}</p>")),
        (1usize..2_000).prop_map(|n| format!("<h2>Related articles {}</h2>", "-".repeat(n))),
        (1usize..2_000).prop_map(|n| format!("<div class=\"nav-{}\">", "a".repeat(n))),
        Just("</div>".to_string()),
        Just("<p>Lorem ipsum</p>".to_string()),
        (1usize..300).prop_map(|n| format!("<table><tr>{}</tr>", "<td>a</td>".repeat(n))),
        Just("<tr><td>b</td></tr>".to_string()),
        Just("</table>".to_string()),
        (1usize..300).prop_map(|n| "<ul><li>".repeat(n)),
        Just("<li>Go on.</li>".to_string()),
        (1usize..100).prop_map(|n| format!("<svg>{}</svg>", "<tr><td>w ".repeat(n))),
        Just("\n\n\n".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// No rendering of a page built from amplifying pieces is over 30 times its size (plus a
    /// constant for the fixed parts), and no reason quotes more than a preview.
    #[test]
    fn output_stays_proportional_to_the_input(
        pieces in proptest::collection::vec(piece(), 1..120),
        text_mode in any::<bool>(),
    ) {
        let input = format!("<html><body>{}</body></html>", pieces.concat());
        let kind = if text_mode { InputKind::Text } else { InputKind::Html };
        let cleaned = clean(&input, kind);
        prop_assert!(longest_reason(&cleaned) <= MAX_REASON_BYTES);
        for (name, out) in renderings(&cleaned) {
            prop_assert!(
                out.len() <= 30 * input.len() + 4096,
                "{}: {} bytes from {}", name, out.len(), input.len()
            );
        }
    }
}
