//! The flattened-text front-end (`--input text`), with its promise checked on every input:
//! text mode only removes lines, so the body's lines are a subsequence of the input's lines
//! (up to character normalisation: NFC, no soft hyphens or control characters), and the
//! headline is the start of one of them (without its site suffix).
#![no_main]

use declutter::{InputKind, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = Options {
        input: InputKind::Text,
        ..Options::default()
    };
    let Ok(cleaned) = declutter::clean(data, &options) else {
        return;
    };
    let _ = declutter::render::markdown(&cleaned, true);
    let _ = declutter::render::html(&cleaned, true);
    let _ = declutter::render::json(&cleaned, true).to_string();
    let _ = declutter::render::explain(&cleaned);

    let decoded = declutter::decode::decode(data, None).expect("it decoded the first time");
    let normalized = |line: &str| declutter::text::normalized(line.trim_end()).into_owned();
    let mut input = decoded.text.lines().map(normalized);
    for line in cleaned.body_text().lines().filter(|l| !l.is_empty()) {
        assert!(
            input.any(|i| i == line),
            "output line {line:?} is not an input line in order"
        );
    }
    if let Some(title) = &cleaned.title {
        let first = title.lines().next().unwrap_or_default();
        assert!(
            decoded
                .text
                .lines()
                .any(|l| normalized(l).trim().starts_with(first)),
            "headline {title:?} starts no input line"
        );
    }
});
