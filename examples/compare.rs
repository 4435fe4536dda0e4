//! Side-by-side speed of declutter, the parser it is built on and dom_smoothie, on the same
//! pages in one process: `cargo run --release --example compare -- [--passes N] [--only STAGE]`.
//!
//! Pages come from `$DECLUTTER_BENCH/scrapinghub` and `$DECLUTTER_BENCH/scrapinghub-text`
//! (default `../shared/bench`), decompressed into memory first, so file I/O is not timed.
//! Every stage runs once to warm up, then `--passes` times (default 11); the median of the
//! thread CPU time (`CLOCK_THREAD_CPUTIME_ID`) is reported, single thread. Each stage prints a
//! `RESULT <stage> <seconds> <bytes> <pages>` line for `bench/compare.sh`.
//!
//! `--only STAGE` runs one stage once without timing, for instruction counts
//! (`valgrind --tool=callgrind`); `--only load` loads the pages and does nothing else.

use std::hint::black_box;

use declutter::{InputKind, Options};

#[path = "../benches/support/corpus.rs"]
mod corpus;

/// A stage: its name, which corpus it runs on, and the work per page.
struct Stage {
    name: &'static str,
    text_corpus: bool,
    run: fn(&[u8]) -> usize,
}

fn clean(page: &[u8], input: InputKind) -> declutter::Cleaned {
    let options = Options {
        input,
        ..Options::default()
    };
    declutter::clean(page, &options).expect("page cleans")
}

const STAGES: [Stage; 7] = [
    Stage {
        name: "parse",
        text_corpus: false,
        run: corpus::parse_and_walk,
    },
    Stage {
        name: "text",
        text_corpus: false,
        run: |p| declutter::render::text(&clean(p, InputKind::Html), true).len(),
    },
    Stage {
        name: "markdown",
        text_corpus: false,
        run: |p| declutter::render::markdown(&clean(p, InputKind::Html), true).len(),
    },
    Stage {
        name: "html",
        text_corpus: false,
        run: |p| declutter::render::html(&clean(p, InputKind::Html), true).len(),
    },
    Stage {
        name: "json",
        text_corpus: false,
        run: |p| {
            serde_json::to_string(&declutter::render::json(&clean(p, InputKind::Html), true))
                .map_or(0, |s| s.len())
        },
    },
    Stage {
        name: "dom_smoothie",
        text_corpus: false,
        run: |p| {
            let html = std::str::from_utf8(p).unwrap_or_default();
            dom_smoothie::Readability::new(html, None, None)
                .and_then(|mut r| r.parse())
                .map_or(0, |a| a.text_content.len())
        },
    },
    Stage {
        name: "text-mode",
        text_corpus: true,
        run: |p| declutter::render::text(&clean(p, InputKind::Text), true).len(),
    },
];

/// CPU time of the calling thread, in seconds.
fn thread_cpu_seconds() -> f64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid, writable timespec; the clock id is a constant libc knows.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9
}

fn pass(stage: &Stage, pages: &[Vec<u8>]) -> usize {
    pages.iter().map(|p| (stage.run)(black_box(p))).sum()
}

fn main() {
    let mut passes = 11usize;
    let mut only: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--passes" => {
                passes = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .expect("--passes needs a positive number");
            }
            "--only" => only = Some(args.next().expect("--only needs a stage name")),
            _ => {
                eprintln!(
                    "usage: compare [--passes N] [--only load|{}]",
                    STAGES.map(|s| s.name).join("|")
                );
                std::process::exit(2);
            }
        }
    }
    let root = corpus::root();
    let (Some(html), Some(text)) = (
        corpus::html_pages(&root.join("scrapinghub")),
        corpus::text_pages(&root.join("scrapinghub-text")),
    ) else {
        return;
    };
    if let Some(only) = only {
        if only != "load" {
            let stage = STAGES
                .iter()
                .find(|s| s.name == only)
                .unwrap_or_else(|| panic!("no stage named {only}"));
            let pages = if stage.text_corpus { &text } else { &html };
            black_box(pass(stage, pages));
        }
        return;
    }
    println!(
        "{:<13} {:>9} {:>8} {:>8} {:>8} {:>9}",
        "stage", "CPU s", "MB/s", "pages/s", "ms/page", "vs parse"
    );
    let mut parse_secs = None;
    for stage in &STAGES {
        let pages = if stage.text_corpus { &text } else { &html };
        let bytes = corpus::total_bytes(pages);
        black_box(pass(stage, pages));
        let mut times: Vec<f64> = (0..passes)
            .map(|_| {
                let start = thread_cpu_seconds();
                black_box(pass(stage, pages));
                thread_cpu_seconds() - start
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let secs = times[times.len() / 2];
        if stage.name == "parse" {
            parse_secs = Some(secs);
        }
        let ratio = match (stage.text_corpus, parse_secs) {
            (false, Some(p)) => format!("{:.2}×", secs / p),
            _ => "-".to_string(),
        };
        println!(
            "{:<13} {:>9.4} {:>8.1} {:>8.0} {:>8.2} {:>9}",
            stage.name,
            secs,
            bytes as f64 / 1e6 / secs,
            pages.len() as f64 / secs,
            secs * 1e3 / pages.len() as f64,
            ratio
        );
        println!("RESULT {} {secs:.6} {bytes} {}", stage.name, pages.len());
    }
}
