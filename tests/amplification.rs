//! Amplification: pages whose parse once cost far more than their size. Each kind is built
//! here at run time and run through the `declutter` binary as a child process under an
//! address-space limit; its peak memory (`wait4`'s resource usage) and output size are checked
//! against the input's size. The time is printed (`--nocapture`), not asserted. The library-level counterpart, nodes
//! created against input bytes on generated pages, is in `tests/properties.rs`.
//!
//! The kinds: formatting elements left open that the tree builder re-opens in every block,
//! misnesting repairs that nest deeper than the depth cap saw, and thousands of distinct
//! attributes on one tag, whatever separates them.

use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::process::ExitStatus;
use std::time::{Duration, Instant};

mod common;

/// What a child run gave.
struct Run {
    status: ExitStatus,
    stdout: Vec<u8>,
    stderr: String,
    /// Peak resident memory, in bytes.
    peak: u64,
    elapsed: Duration,
}

/// Runs the binary with `args` and `input` on stdin, with the address space limited to
/// `limit` bytes when given, and measures its peak memory.
fn run(args: &[&str], input: &[u8], limit: Option<u64>) -> Run {
    let mut command = common::command(args, limit);
    let start = Instant::now();
    // Reaped by `wait4` below, which `Child::wait` cannot replace: it gives no peak memory.
    #[allow(clippy::zombie_processes)]
    let mut child = command.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut out).unwrap();
        out
    });
    let mut err = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut err).unwrap();
    let stdout = reader.join().unwrap();
    writer.join().unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: a zeroed rusage is valid; `wait4` reaps the child `Command` spawned, which is
    // not waited for elsewhere.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(reaped, pid);
    let elapsed = start.elapsed();
    Run {
        status: ExitStatus::from_raw(status),
        stdout,
        stderr: err,
        // Kilobytes on Linux.
        peak: u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024,
        elapsed,
    }
}

const MB: u64 = 1 << 20;

/// `elements` distinct formatting elements left open in a block, then `blocks` short blocks:
/// the tree builder re-opens the elements in each block.
fn formatting_elements(elements: usize, blocks: usize) -> String {
    let open: String = (0..elements).map(|i| format!("<b id=i{i}>")).collect();
    format!(
        "<html><body><div>{open}</div>{}",
        "<div>x</div>".repeat(blocks)
    )
}

/// Misnested formatting and block elements, repaired by the adoption agency, which moves
/// subtrees deeper each time; about `size` bytes.
fn misnesting(size: usize) -> String {
    let unit = "<b><i><div></b>x";
    format!("<html><body>{}", unit.repeat(size / unit.len()))
}

/// One tag with distinct attributes, `attribute(i)` each, filling about `size` bytes.
fn many_attributes(
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
fn attribute_pages(size: usize) -> Vec<(&'static str, String)> {
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

/// Runs `page` with its address space limited to `max_peak` bytes (so that a page over the
/// bound fails fast instead of taking the machine's memory), checks that it succeeds, peaks
/// under `max_peak` and writes at most 30 times the input; returns the run.
fn bounded(kind: &str, page: &str, max_peak: u64) -> Run {
    let run = run(
        &["--input", "html", "--format", "json"],
        page.as_bytes(),
        Some(max_peak),
    );
    eprintln!(
        "{kind}: {} bytes in, {} bytes out, peak {} MB, {:.2?}",
        page.len(),
        run.stdout.len(),
        run.peak / MB,
        run.elapsed
    );
    assert!(
        run.status.success(),
        "{kind}: {:?} within {} MB: {}",
        run.status,
        max_peak / MB,
        run.stderr
    );
    assert!(run.peak <= max_peak, "{kind}: peak {} MB", run.peak / MB);
    assert!(
        run.stdout.len() <= 30 * page.len(),
        "{kind}: {} bytes out of {}",
        run.stdout.len(),
        page.len()
    );
    run
}

/// The bar: 500 formatting elements and 8,000 blocks (101 KB) once took 1.07 GB.
#[test]
fn formatting_elements_left_open_are_not_reopened_in_every_block() {
    let page = formatting_elements(500, 8_000);
    let run = bounded("formatting elements", &page, 400 * MB);
    assert!(run.stderr.contains("formatting elements"), "{}", run.stderr);
}

/// The same page as line 26 of 50 in a JSON Lines stream, under a 1 GB address-space limit
/// (which it once exceeded, aborting the stream after 25 lines): all 50 lines come out.
#[test]
fn a_formatting_element_page_does_not_end_a_jsonl_stream() {
    let page = formatting_elements(500, 8_000);
    let mut input = Vec::new();
    for line in 1..=50 {
        let html = if line == 26 {
            page.clone()
        } else {
            format!("<html><body><p>Line {line} of the stream, a short paragraph.</p>")
        };
        serde_json::to_writer(&mut input, &serde_json::json!({ "html": html })).unwrap();
        input.push(b'\n');
    }
    let run = run(&["--jsonl"], &input, Some(1024 * MB));
    assert!(run.status.success(), "{:?}: {}", run.status, run.stderr);
    let lines = run.stdout.split(|&b| b == b'\n').filter(|l| !l.is_empty());
    assert_eq!(lines.count(), 50, "{}", run.stderr);
}

/// Each kind at the size (300 KB; the attributes at 1 MB): peak memory at most
/// 150 MB, output at most 30 times the input.
#[test]
fn each_kind_at_full_size_stays_bounded() {
    let blocks = (300_000 - 8_000) / "<div>x</div>".len();
    bounded(
        "formatting elements",
        &formatting_elements(500, blocks),
        150 * MB,
    );
    let run = bounded("misnesting", &misnesting(300_000), 150 * MB);
    assert!(run.stderr.contains("flattened"), "{}", run.stderr);
    for (kind, page) in attribute_pages(1_000_000) {
        bounded(kind, &page, 150 * MB);
    }
}

/// The tokenizer checks each attribute against those before it: of thousands of distinct
/// attributes on a tag, however written, at most [`MAX_ATTRIBUTES`] (and those read) reach it.
#[test]
fn attributes_reaching_the_tokenizer_are_bounded() {
    use declutter::segment::unread::{MAX_ATTRIBUTES, strip};
    for (kind, page) in attribute_pages(1_000_000) {
        let start = Instant::now();
        let left = strip(&page, &declutter::limits::Budget::new(None), false).unwrap();
        let attributes =
            left.matches(" a").count() + left.matches("/a").count() + left.matches("\"a").count();
        eprintln!(
            "{kind}: {} of {} bytes left, {:.2?}",
            left.len(),
            page.len(),
            start.elapsed()
        );
        assert!(
            attributes <= MAX_ATTRIBUTES,
            "{kind}: {attributes} attributes left"
        );
        assert!(left.contains("<p>text</p>"), "{kind}");
    }
}

/// The formatting elements, which the tree builder re-opens in later blocks.
const FORMATTING: [&str; 14] = [
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// One piece of a hostile page: a shape and how often it repeats.
#[derive(Debug, Clone)]
enum Shape {
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
    fn write(&self, page: &mut String, id: &mut usize) {
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

fn shape() -> impl Strategy<Value = Shape> {
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
fn formatting_start_tags(page: &str) -> usize {
    page.split('<')
        .skip(1)
        .filter(|tag| {
            let name = tag.split([' ', '>', '/']).next().unwrap_or("");
            FORMATTING.contains(&name)
        })
        .count()
}

/// The depth of the deepest node of a document.
fn depth(document: &scraper::Html) -> usize {
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

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    /// On pages made of the hostile shapes, the tree builder creates at most four nodes per
    /// input byte (plus a few for the implied `html`, `head` and `body`), nests no deeper than
    /// the depth cap allows, and the output is at most 30 times the input.
    #[test]
    fn work_and_output_grow_with_the_input(shapes in proptest::collection::vec(shape(), 1..12)) {
        use declutter::limits::{Budget, MAX_DEPTH};
        use declutter::segment::parse::{MAX_REOPENED, parse};
        let mut page = String::from("<html><body>");
        let mut id = 0;
        for shape in &shapes {
            shape.write(&mut page, &mut id);
        }
        let parsed = parse(&page, None, &Budget::new(None), false).unwrap();
        prop_assert!(
            parsed.nodes <= 4 * page.len() + 64,
            "{} nodes from {} bytes", parsed.nodes, page.len()
        );
        // Below the cap, one text can make the tree builder re-open every formatting element
        // still active at once (each opened by a start tag of the page, and closed again right
        // after when more than MAX_REOPENED); nothing else nests past the cap.
        let formatting = formatting_start_tags(&page);
        let deepest = depth(&parsed.document);
        prop_assert!(
            deepest <= MAX_DEPTH + MAX_REOPENED.max(formatting) + 8,
            "depth {deepest} with {formatting} formatting start tags"
        );
        let options = declutter::Options { input: declutter::InputKind::Html, ..Default::default() };
        let cleaned = declutter::clean(page.as_bytes(), &options).unwrap();
        for with_title in [true, false] {
            let outputs = [
                declutter::render::text(&cleaned, with_title).len(),
                declutter::render::markdown(&cleaned, with_title).len(),
                declutter::render::html(&cleaned, with_title).len(),
                declutter::render::json(&cleaned, with_title).to_string().len(),
            ];
            for out in outputs {
                prop_assert!(out <= 30 * page.len() + 1024, "{out} bytes out of {}", page.len());
            }
        }
    }
}
