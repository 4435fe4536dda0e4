//! Scaling benchmark: cleans generated pages from 10 KB to 50 MB, HTML and flattened text, and
//! prints time and peak memory per size. Each measurement runs in a child process so that its
//! peak resident memory (`VmHWM` in /proc/self/status, Linux) is its own.
//!
//! ```sh
//! cargo run --release --example scaling            # the full table (10 KB … 50 MB)
//! cargo run --release --example scaling -- 1000000 # up to 1 MB
//! ```
//!
//! Pages are realistic rather than minimal: article paragraphs drawn from a vocabulary, with
//! menus, teasers, share bars and footers between them, repeated to the size wanted.

use std::process::Command;
use std::time::Instant;

use declutter::{InputKind, Options};

const SIZES: [usize; 7] = [
    10_000, 100_000, 1_000_000, 5_000_000, 10_000_000, 25_000_000, 50_000_000,
];

const WORDS: &[&str] = &[
    "the",
    "council",
    "agreed",
    "on",
    "to",
    "rebuild",
    "old",
    "bridge",
    "which",
    "has",
    "been",
    "closed",
    "since",
    "spring",
    "floods",
    "engineers",
    "said",
    "work",
    "would",
    "take",
    "at",
    "least",
    "two",
    "years",
    "and",
    "a",
    "temporary",
    "ferry",
    "run",
    "in",
    "meantime",
    "for",
    "residents",
    "of",
    "both",
    "villages",
    "complained",
    "that",
    "detour",
    "adds",
    "an",
    "hour",
    "their",
    "daily",
    "journeys",
    "while",
    "shops",
    "report",
    "fewer",
    "customers",
    "this",
];

/// A deterministic stream of words.
struct Words(u64);

impl Words {
    fn sentence(&mut self, n: usize) -> String {
        let mut out = String::new();
        for i in 0..n {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            let word = WORDS[(self.0 % WORDS.len() as u64) as usize];
            if i == 0 {
                let mut c = word.chars();
                out.extend(c.next().map(|f| f.to_ascii_uppercase()));
                out.push_str(c.as_str());
            } else {
                out.push(if i % 9 == 0 { ',' } else { ' ' });
                if i % 9 == 0 {
                    out.push(' ');
                }
                out.push_str(word);
            }
        }
        out.push('.');
        out
    }
}

fn html_page(size: usize) -> String {
    let mut words = Words(0x9e37_79b9_7f4a_7c15);
    let mut page = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Bridge to be rebuilt | Valley Herald</title></head><body>\
         <header><nav class=\"menu\"><ul><li><a href=/>Home</a></li><li><a href=/news>News</a></li><li><a href=/sport>Sport</a></li></ul></nav></header>\
         <main><article><h1>Bridge to be rebuilt</h1>",
    );
    let mut section = 0;
    while page.len() < size {
        section += 1;
        page.push_str(&format!("<h2>Part {section}</h2>"));
        for _ in 0..4 {
            page.push_str(&format!(
                "<p>{} {}</p>",
                words.sentence(24),
                words.sentence(18)
            ));
        }
        page.push_str("<div class=\"share-bar\"><a href=/s>Share</a> <a href=/t>Tweet</a></div>");
        page.push_str(&format!(
            "<aside class=\"related\"><h3>Related articles</h3><ul><li><a href=/a>{}</a></li><li><a href=/b>{}</a></li></ul></aside>",
            words.sentence(8),
            words.sentence(7)
        ));
    }
    page.push_str("</article></main><footer>© 2024 Valley Herald. All rights reserved.</footer></body></html>");
    page
}

fn text_page(size: usize) -> String {
    let mut words = Words(0x2545_f491_4f6c_dd1d);
    let mut page = String::from("Bridge to be rebuilt | Valley Herald\n\nHome\nNews\nSport\n\n");
    while page.len() < size {
        for _ in 0..4 {
            page.push_str(&words.sentence(30));
            page.push_str("\n\n");
        }
        page.push_str("Share this:\nFacebook\nTwitter\n\nAdvertisement\n\n");
    }
    page.push_str("Related articles\n\nVisited 12 times, 1 visit(s) today\n");
    page
}

/// Peak resident memory of this process, in KiB.
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// In the child: generate, clean, print `input_bytes seconds peak_kib base_kib` (the base
/// is the peak before the input was generated, after the lexicons were loaded).
fn child(kind: &str, size: usize) {
    // Load the lexicons and stop-word lists first: a one-off cost, not per document.
    let _ = declutter::clean(b"Warm up.", &Options::default());
    let base = peak_kib().unwrap_or(0);
    let (page, input) = match kind {
        "html" => (html_page(size), InputKind::Html),
        _ => (text_page(size), InputKind::Text),
    };
    let options = Options {
        input,
        ..Options::default()
    };
    let start = Instant::now();
    let cleaned = declutter::clean(page.as_bytes(), &options).expect("generated pages clean");
    let text = cleaned.text();
    let seconds = start.elapsed().as_secs_f64();
    assert!(!text.is_empty());
    println!(
        "{} {seconds} {} {base}",
        page.len(),
        peak_kib().unwrap_or(0)
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() == 4 && args[1] == "--child" {
        child(&args[2], args[3].parse().expect("a size"));
        return;
    }
    let max: usize = args
        .get(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(usize::MAX);
    let exe = std::env::current_exe().expect("own path");
    println!("| input | size | time | MB/s | peak RSS | peak RSS growth / input size |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    for kind in ["html", "text"] {
        for size in SIZES.into_iter().filter(|&s| s <= max) {
            let output = Command::new(&exe)
                .args(["--child", kind, &size.to_string()])
                .output()
                .expect("child runs");
            let line = String::from_utf8_lossy(&output.stdout);
            let fields: Vec<f64> = line
                .split_whitespace()
                .filter_map(|f| f.parse().ok())
                .collect();
            let [bytes, seconds, peak, base] = fields[..] else {
                eprintln!("{kind} {size}: {}", String::from_utf8_lossy(&output.stderr));
                continue;
            };
            let size = if bytes < 1e6 {
                format!("{:.0} KB", bytes / 1e3)
            } else {
                format!("{:.0} MB", bytes / 1e6)
            };
            // Below a megabyte the growth is lost in the process's baseline.
            let growth = if bytes < 1e6 {
                "—".to_string()
            } else {
                format!("{:.1}×", (peak - base).max(0.0) * 1024.0 / bytes)
            };
            println!(
                "| {kind} | {size} | {seconds:.3} s | {:.0} | {:.0} MB | {growth} |",
                bytes / 1e6 / seconds,
                peak / 1024.0,
            );
        }
    }
}
