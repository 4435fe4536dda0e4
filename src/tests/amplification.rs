//! Amplification inside the stages (issue 10): nodes the tree builder creates against input
//! bytes on generated hostile pages, and attributes that reach the tokenizer. The whole-binary
//! counterparts (peak memory, output size) are in `tests/amplification.rs`.

#[path = "../../tests/common/hostile.rs"]
mod hostile;

use hostile::{attribute_pages, depth, formatting_start_tags, shape};
use std::time::Instant;

/// The tokenizer checks each attribute against those before it: of thousands of distinct
/// attributes on a tag, however written, at most [`MAX_ATTRIBUTES`] (and those read) reach it.
#[test]
fn attributes_reaching_the_tokenizer_are_bounded() {
    use crate::segment::unread::{MAX_ATTRIBUTES, strip};
    for (kind, page) in attribute_pages(1_000_000) {
        let start = Instant::now();
        let left = strip(&page, &crate::limits::Budget::new(None), false).unwrap();
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

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    /// On pages made of the hostile shapes, the tree builder creates at most four nodes per
    /// input byte (plus a few for the implied `html`, `head` and `body`), nests no deeper than
    /// the depth cap allows, and the output is at most 30 times the input.
    #[test]
    fn work_and_output_grow_with_the_input(shapes in proptest::collection::vec(shape(), 1..12)) {
        use crate::limits::{Budget, MAX_DEPTH};
        use crate::segment::parse::{MAX_REOPENED, parse};
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
        let options = crate::Options { input: crate::InputKind::Html, ..Default::default() };
        let cleaned = crate::clean(page.as_bytes(), &options).unwrap();
        for with_title in [true, false] {
            let outputs = [
                crate::render::text(&cleaned, with_title).len(),
                crate::render::markdown(&cleaned, with_title).len(),
                crate::render::html(&cleaned, with_title).len(),
                crate::render::json(&cleaned, with_title).to_string().len(),
            ];
            for out in outputs {
                prop_assert!(out <= 30 * page.len() + 1024, "{out} bytes out of {}", page.len());
            }
        }
    }
}
