//! Cleans every committed fixture page (`fixtures/html/*.html`, `fixtures/text/*.txt`) a number
//! of times in every output format: a fixed, deterministic workload for instruction counts
//! (`.ci/instructions.sh` runs it under callgrind).
//!
//! `cargo run --release --example clean_fixtures -- [ROUNDS]` (default 10 rounds).

use std::path::Path;

use declutter::{InputKind, Options};

/// The fixture pages under `dir` whose names end in `suffix`, sorted, with their input kind.
fn pages(dir: &Path, suffix: &str, input: InputKind) -> Vec<(Vec<u8>, InputKind)> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_str().is_some_and(|s| s.ends_with(suffix)))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| (std::fs::read(p).expect("readable fixture"), input))
        .collect()
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .map_or(10, |n| n.parse().expect("ROUNDS is a number"));
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut all = pages(&fixtures.join("html"), ".html", InputKind::Html);
    all.extend(pages(&fixtures.join("text"), ".txt", InputKind::Text));
    let (mut bytes, mut output) = (0usize, 0usize);
    for _ in 0..rounds {
        for (page, input) in &all {
            let options = Options {
                input: *input,
                ..Options::default()
            };
            let cleaned = declutter::clean(page, &options).expect("fixture cleans");
            output += declutter::render::text(&cleaned, true).len()
                + declutter::render::markdown(&cleaned, true).len()
                + declutter::render::html(&cleaned, true).len()
                + declutter::render::json(&cleaned, true).to_string().len();
            bytes += page.len();
        }
    }
    println!(
        "{} pages x {rounds} rounds: {bytes} bytes in, {output} bytes out",
        all.len()
    );
}
