//! Hostile page builders shared by `tests/amplification.rs` (through the binary) and
//! `src/tests/amplification.rs` (inside the library's stages); each uses part of them.
#![allow(dead_code)]

use proptest::prelude::*;

/// One tag with distinct attributes, `attribute(i)` each, filling about `size` bytes.
pub fn many_attributes(
    size: usize,
    open: &str,
    close: &str,
    attribute: impl Fn(usize) -> String,
) -> String {
    let mut page = format!("<html><body>{open}");
    let mut i = 0;
    while page.len() < size {
        page.push_str(&attribute(i));
        i += 1;
    }
    page.push_str(close);
    page
}

/// The attribute pages: separated by `/`, by nothing after a quoted value, on an end tag, on
/// a tag whose name the scan does not know, inside SVG, and where the scan before parsing
/// loses track of the tokenizer.
pub fn attribute_pages(size: usize) -> Vec<(&'static str, String)> {
    vec![
        (
            "slash-separated",
            many_attributes(size, "<div", "><p>text</p></div>", |i| format!("/a{i}")),
        ),
        (
            "after quoted values",
            many_attributes(size, "<div ", "><p>text</p></div>", |i| {
                format!("a{i}=\"\"")
            }),
        ),
        (
            "on an end tag",
            many_attributes(size, "<div><p>text</p></div", ">", |i| format!(" a{i}")),
        ),
        (
            "on an unknown tag",
            many_attributes(size, "<custom-element-x", "><p>text</p>", |i| {
                format!(" a{i}")
            }),
        ),
        (
            "inside SVG",
            many_attributes(size, "<svg><g", "></g><p>text</p></svg>", |i| {
                format!(" a{i}")
            }),
        ),
        // Where the scan before parsing loses track of the tokenizer.
        (
            "after misnested SVG",
            many_attributes(size, "<svg><script></svg><div", "><p>text</p></div>", |i| {
                format!("/a{i}")
            }),
        ),
        (
            "after a double-escaped script",
            many_attributes(
                size,
                "<script><!--<script></script>--></script><div",
                "><p>text</p></div>",
                |i| format!("/a{i}"),
            ),
        ),
    ]
}

/// The formatting elements, which the tree builder re-opens in later blocks.
pub const FORMATTING: [&str; 14] = [
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// One piece of a hostile page: a shape and how often it repeats.
#[derive(Debug, Clone)]
pub enum Shape {
    /// Distinct formatting elements left open (distinct, so the spec's limit of three
    /// identical ones does not apply).
    Formatting(usize),
    /// Short blocks, each of which re-opens what is left open.
    Blocks(&'static str, usize),
    /// End tags that close blocks and leave formatting elements behind.
    Close(&'static str, usize),
    /// Misnested formatting and block elements.
    Misnesting(&'static str, usize),
    /// One tag with this many attributes, joined by a separator.
    Attributes(&'static str, usize),
    /// Nesting, `open` repeated.
    Nesting(&'static str, usize),
}

impl Shape {
    pub fn write(&self, page: &mut String, id: &mut usize) {
        match *self {
            Shape::Formatting(n) => {
                for _ in 0..n {
                    let name = FORMATTING[*id % FORMATTING.len()];
                    page.push_str(&format!("<{name} id=f{id}>"));
                    *id += 1;
                }
            }
            Shape::Blocks(block, n) | Shape::Close(block, n) | Shape::Misnesting(block, n) => {
                page.push_str(&block.repeat(n))
            }
            Shape::Attributes(separator, n) => {
                page.push_str("<div ");
                for i in 0..n {
                    page.push_str(&format!("{separator}a{i}=\"{i}\""));
                }
                page.push_str(">text</div>");
            }
            Shape::Nesting(open, n) => page.push_str(&open.repeat(n)),
        }
    }
}

pub fn shape() -> impl Strategy<Value = Shape> {
    use proptest::sample::select;
    let n = || 0..400usize;
    prop_oneof![
        n().prop_map(Shape::Formatting),
        (
            select(vec![
                "<div>x</div>",
                "<p>x",
                "x<br>",
                "<li>x",
                "<td>x",
                "<span>x</span>"
            ]),
            n()
        )
            .prop_map(|(b, n)| Shape::Blocks(b, n)),
        (
            select(vec!["</div>", "</p>", "</td></tr></table>", "</li></ul>"]),
            0..4usize
        )
            .prop_map(|(b, n)| Shape::Close(b, n)),
        (
            select(vec![
                "<b><i><div></b>x",
                "<a><p></a>x",
                "<b><table><td></b>x</table>",
                "<i><div><b></i>x</div>"
            ]),
            n()
        )
            .prop_map(|(b, n)| Shape::Misnesting(b, n)),
        (select(vec![" ", "/", ""]), n()).prop_map(|(s, n)| Shape::Attributes(s, n)),
        (
            select(vec!["<div>", "<table><tr><td>", "<ul><li>", "<svg><g>"]),
            0..800usize
        )
            .prop_map(|(o, n)| Shape::Nesting(o, n)),
    ]
}

/// How many start tags of formatting elements `page` holds.
pub fn formatting_start_tags(page: &str) -> usize {
    page.split('<')
        .skip(1)
        .filter(|tag| {
            let name = tag.split([' ', '>', '/']).next().unwrap_or("");
            FORMATTING.contains(&name)
        })
        .count()
}

/// The depth of the deepest node of a document.
pub fn depth(document: &scraper::Html) -> usize {
    let (mut depth, mut deepest) = (0usize, 0);
    for edge in document.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(_) => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ego_tree::iter::Edge::Close(_) => depth -= 1,
        }
    }
    deepest
}
