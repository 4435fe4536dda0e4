//! Loads the benchmark pages the speed measurements run over: the ScrapingHub pages
//! (`html/*.html.gz`) and their flattened-text twins (`*.txt`), from `$DECLUTTER_BENCH`
//! or `../shared/bench` beside the crate. The pages are never part of the repository, so a
//! missing folder is reported and the measurement skipped, not failed.

use std::io::Read;
use std::path::{Path, PathBuf};

/// The benchmark root: `$DECLUTTER_BENCH`, else `../shared/bench` next to the crate.
pub fn root() -> PathBuf {
    std::env::var_os("DECLUTTER_BENCH").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench"),
        PathBuf::from,
    )
}

/// The decompressed `html/*.html.gz` pages of `dir`, in name order; `None` (with a message
/// on stderr) when the folder is absent.
pub fn html_pages(dir: &Path) -> Option<Vec<Vec<u8>>> {
    let files = listing(&dir.join("html"), ".html.gz")?;
    Some(
        files
            .iter()
            .map(|path| {
                let mut bytes = Vec::new();
                flate2::read::MultiGzDecoder::new(
                    std::fs::File::open(path).expect("readable page"),
                )
                .read_to_end(&mut bytes)
                .expect("a gzip page");
                bytes
            })
            .collect(),
    )
}

/// The `*.txt` pages of `dir`, in name order; `None` (with a message) when it is absent.
pub fn text_pages(dir: &Path) -> Option<Vec<Vec<u8>>> {
    let files = listing(dir, ".txt")?;
    Some(
        files
            .iter()
            .map(|path| std::fs::read(path).expect("readable page"))
            .collect(),
    )
}

/// The files in `dir` whose names end in `suffix`, sorted.
fn listing(dir: &Path, suffix: &str) -> Option<Vec<PathBuf>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!(
            "skipped: benchmark folder {} is absent (set DECLUTTER_BENCH to the folder holding scrapinghub/ and scrapinghub-text/)",
            dir.display()
        );
        return None;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_str().is_some_and(|s| s.ends_with(suffix)))
        .collect();
    files.sort();
    if files.is_empty() {
        eprintln!("skipped: no *{suffix} pages in {}", dir.display());
        return None;
    }
    Some(files)
}

/// Total size of `pages` in bytes.
pub fn total_bytes(pages: &[Vec<u8>]) -> u64 {
    pages.iter().map(|p| p.len() as u64).sum()
}

/// The parse-only reference stage: html5ever via `scraper`, plus one walk over every text
/// node, as in `../shared/research/speed-anchor.md` (stage b).
pub fn parse_and_walk(page: &[u8]) -> usize {
    let html = std::str::from_utf8(page).unwrap_or_default();
    let document = scraper::Html::parse_document(html);
    let mut text = String::new();
    for node in document.tree.root().descendants() {
        if let scraper::Node::Text(t) = node.value() {
            text.push_str(t);
        }
    }
    text.len()
}
