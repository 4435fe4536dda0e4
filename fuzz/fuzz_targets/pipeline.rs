//! Arbitrary bytes through the whole pipeline: decode, sniff (or forced HTML), segment,
//! classify, and every renderer. Errors are fine; panics, hangs and overflows are not.
#![no_main]

use declutter::{InputKind, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the front-end, so HTML parsing sees every input too.
    let (input, bytes) = match data.split_first() {
        Some((&b, rest)) if b & 1 == 1 => (InputKind::Html, rest),
        Some((_, rest)) => (InputKind::Auto, rest),
        None => (InputKind::Auto, data),
    };
    let options = Options {
        input,
        ..Options::default()
    };
    let Ok(cleaned) = declutter::clean(bytes, &options) else {
        return;
    };
    for with_title in [true, false] {
        let _ = declutter::render::text(&cleaned, with_title);
        let _ = declutter::render::markdown(&cleaned, with_title);
        let _ = declutter::render::html(&cleaned, with_title);
        let _ = declutter::render::json(&cleaned, with_title).to_string();
    }
    let _ = declutter::render::explain(&cleaned);
});
