//! Amplification: work and output against input size, not only panics. The input is a page
//! whose tail is repeated (the first byte gives the count, the second where the tail starts),
//! so that small inputs reach the sizes at which a re-opening, a nesting or an attribute kind
//! grows faster than the page. Checked: the tree builder creates at most four nodes per input
//! byte (plus a few), and every renderer's output is at most 30 times the input. Time and
//! memory are libFuzzer's `-timeout` and `-rss_limit_mb` (see fuzz/README.md).
#![no_main]

use declutter::limits::Budget;
use declutter::segment::parse::parse;
use declutter::{InputKind, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [repeat, split, rest @ ..] = data else {
        return;
    };
    let split = usize::from(*split).min(rest.len());
    let (head, tail) = rest.split_at(split);
    let mut bytes = head.to_vec();
    for _ in 0..=*repeat {
        bytes.extend_from_slice(tail);
    }
    let page = String::from_utf8_lossy(&bytes);
    let Ok(parsed) = parse(&page, None, &Budget::new(None), false) else {
        return;
    };
    assert!(
        parsed.nodes <= 4 * page.len() + 64,
        "{} nodes from {} bytes",
        parsed.nodes,
        page.len()
    );
    let options = Options {
        input: InputKind::Html,
        ..Options::default()
    };
    let Ok(cleaned) = declutter::clean(page.as_bytes(), &options) else {
        return;
    };
    let bound = 30 * page.len() + 1024;
    for with_title in [true, false] {
        for out in [
            declutter::render::text(&cleaned, with_title).len(),
            declutter::render::markdown(&cleaned, with_title).len(),
            declutter::render::html(&cleaned, with_title).len(),
            declutter::render::json(&cleaned, with_title).to_string().len(),
        ] {
            assert!(out <= bound, "{out} bytes out of {}", page.len());
        }
    }
});
