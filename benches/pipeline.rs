//! Throughput of declutter on the ScrapingHub benchmark pages, beside the parser it is built
//! on: `cargo bench --bench pipeline`. Each iteration cleans the whole corpus once.
//!
//! - `html/parse_only`: `scraper::Html::parse_document` plus one walk over the text (the
//!   floor for any DOM-based extractor);
//! - `html/<format>`: declutter end to end (decode, parse, segment, features, classify,
//!   render) for each output format;
//! - `text/text`: flattened-text mode on `scrapinghub-text`.
//!
//! The pages are read from `$DECLUTTER_BENCH` or `../shared/bench`; when the folder is absent
//! the benchmarks are skipped with a message.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use declutter::{Cleaned, InputKind, Options};

#[path = "support/corpus.rs"]
mod corpus;

/// Renders `cleaned` in one of the output formats; returns the output length.
type Render = fn(&Cleaned) -> usize;

const FORMATS: [(&str, Render); 4] = [
    ("text", |c| declutter::render::text(c, true).len()),
    ("markdown", |c| declutter::render::markdown(c, true).len()),
    ("html", |c| declutter::render::html(c, true).len()),
    ("json", |c| {
        serde_json::to_string(&declutter::render::json(c, true)).map_or(0, |s| s.len())
    }),
];

fn clean_all(pages: &[Vec<u8>], options: &Options, render: Render) -> usize {
    pages
        .iter()
        .map(|page| render(&declutter::clean(page, options).expect("page cleans")))
        .sum()
}

fn html(c: &mut Criterion) {
    let Some(pages) = corpus::html_pages(&corpus::root().join("scrapinghub")) else {
        return;
    };
    let mut group = c.benchmark_group("html");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .measurement_time(Duration::from_secs(8))
        .throughput(Throughput::Bytes(corpus::total_bytes(&pages)));
    group.bench_function("parse_only", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|p| corpus::parse_and_walk(black_box(p)))
                .sum::<usize>()
        })
    });
    let options = Options {
        input: InputKind::Html,
        ..Options::default()
    };
    for (name, render) in FORMATS {
        group.bench_function(name, |b| {
            b.iter(|| clean_all(black_box(&pages), &options, render))
        });
    }
    group.finish();
}

fn text(c: &mut Criterion) {
    let Some(pages) = corpus::text_pages(&corpus::root().join("scrapinghub-text")) else {
        return;
    };
    let mut group = c.benchmark_group("text");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(20)
        .throughput(Throughput::Bytes(corpus::total_bytes(&pages)));
    let options = Options {
        input: InputKind::Text,
        ..Options::default()
    };
    group.bench_function("text", |b| {
        b.iter(|| clean_all(black_box(&pages), &options, FORMATS[0].1))
    });
    group.finish();
}

criterion_group!(benches, html, text);
criterion_main!(benches);
