//! What a batch did: per-document tallies of removed blocks, the run's totals with the
//! summary printed on stderr at the end, and the progress bar shown meanwhile on a terminal.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use declutter::{Category, Cleaned};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::{Map, Value, json};

/// Blocks and characters removed in one category.
#[derive(Debug, Clone, Copy, Default)]
pub struct Count {
    /// Removed blocks.
    pub blocks: u64,
    /// Characters of text in them.
    pub chars: u64,
}

/// Removed blocks and characters per category, in [`Category::ALL`] order.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tally([Count; Category::ALL.len()]);

impl Tally {
    /// What was removed from one document.
    pub fn of(cleaned: &Cleaned) -> Self {
        let mut tally = Tally::default();
        for removed in cleaned.removed() {
            let Some(i) = Category::ALL.iter().position(|c| *c == removed.category) else {
                continue;
            };
            let count = &mut tally.0[i];
            count.blocks += 1;
            count.chars += removed.text.chars().count() as u64;
        }
        tally
    }

    /// Adds another tally to this one.
    pub fn add(&mut self, other: &Tally) {
        for (mine, theirs) in self.0.iter_mut().zip(&other.0) {
            mine.blocks += theirs.blocks;
            mine.chars += theirs.chars;
        }
    }

    /// The categories with removals, as `{"navigation": {"blocks": 12, "chars": 340}, ...}`.
    pub fn to_json(self) -> Value {
        let mut map = Map::new();
        for (category, count) in self.nonzero() {
            map.insert(
                category.name().to_string(),
                json!({"blocks": count.blocks, "chars": count.chars}),
            );
        }
        Value::Object(map)
    }

    fn nonzero(&self) -> impl Iterator<Item = (Category, &Count)> {
        Category::ALL
            .iter()
            .zip(&self.0)
            .filter(|(_, c)| c.blocks > 0)
            .map(|(category, count)| (*category, count))
    }
}

/// The running totals of a batch.
pub struct Totals {
    /// What one input is called in the summary ("files", "lines", "records").
    unit: &'static str,
    started: Instant,
    /// Inputs seen (files, lines, WARC records).
    pub inputs: u64,
    /// Bytes read.
    pub bytes: u64,
    /// Inputs cleaned.
    pub cleaned: u64,
    /// Inputs that failed.
    pub failed: u64,
    /// Input files or directories that could not be opened or read to the end (not counted
    /// in `inputs`: their lines or records are unknown).
    pub unreadable: u64,
    /// Inputs skipped, by reason.
    pub skipped: BTreeMap<String, u64>,
    /// What the cleaned inputs lost.
    pub removed: Tally,
}

impl Totals {
    /// Empty totals; the clock starts now.
    pub fn new(unit: &'static str) -> Self {
        Self {
            unit,
            started: Instant::now(),
            inputs: 0,
            bytes: 0,
            cleaned: 0,
            failed: 0,
            unreadable: 0,
            skipped: BTreeMap::new(),
            removed: Tally::default(),
        }
    }

    /// Counts a skipped input.
    pub fn skip(&mut self, reason: impl Into<String>) {
        *self.skipped.entry(reason.into()).or_default() += 1;
    }

    /// Prints the summary on stderr, unless `quiet`.
    pub fn print(&self, quiet: bool) {
        if !quiet {
            eprint!("{}", self.render(self.started.elapsed()));
        }
    }

    /// 0 when nothing failed, 1 otherwise.
    pub fn exit_code(&self) -> ExitCode {
        if self.failed == 0 && self.unreadable == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        }
    }

    fn render(&self, elapsed: Duration) -> String {
        let mb = self.bytes as f64 / 1e6;
        let secs = elapsed.as_secs_f64();
        let mut out = format!(
            "declutter: {} {}: {} cleaned",
            self.inputs, self.unit, self.cleaned
        );
        let skipped: u64 = self.skipped.values().sum();
        if skipped > 0 {
            let reasons: Vec<String> = self
                .skipped
                .iter()
                .map(|(reason, n)| format!("{reason}: {n}"))
                .collect();
            out.push_str(&format!(", {skipped} skipped ({})", reasons.join(", ")));
        }
        out.push_str(&format!(", {} failed", self.failed));
        if self.unreadable > 0 {
            out.push_str(&format!(
                "; {} input{} could not be read",
                self.unreadable,
                if self.unreadable == 1 { "" } else { "s" }
            ));
        }
        out.push_str(&format!(
            "; {mb:.2} MB in {secs:.2} s ({:.2} MB/s)\n",
            mb / secs.max(1e-6)
        ));
        let removed: Vec<String> = self
            .removed
            .nonzero()
            .map(|(category, count)| format!("{category} {}", count.blocks))
            .collect();
        if !removed.is_empty() {
            out.push_str(&format!(
                "declutter: removed blocks: {}\n",
                removed.join(", ")
            ));
        }
        out
    }
}

/// A progress bar on stderr when it is a terminal (and not `--quiet`); otherwise nothing.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar counting to `len`, or a spinner counting up when `len` is unknown.
    pub fn new(len: Option<u64>, quiet: bool, unit: &str) -> Self {
        if quiet || !std::io::stderr().is_terminal() {
            return Self(None);
        }
        let bar = match len {
            Some(len) => ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr())
                .with_style(
                    ProgressStyle::with_template(&format!(
                        "{{bar:40}} {{pos}}/{{len}} {unit} {{elapsed}} (eta {{eta}})"
                    ))
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                ),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
                ProgressStyle::with_template(&format!(
                    "{{spinner}} {{pos}} {unit} {{elapsed}} ({{per_sec}})"
                ))
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            ),
        };
        bar.enable_steady_tick(Duration::from_millis(200));
        Self(Some(bar))
    }

    /// Advances by `n`.
    pub fn inc(&self, n: u64) {
        if let Some(bar) = &self.0 {
            bar.inc(n);
        }
    }

    /// Prints a line on stderr without tearing the bar.
    pub fn println(&self, line: &str) {
        match &self.0 {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tally_and_summary() {
        let page = "<html><body><nav><a href=/>Home</a> <a href=/news>News</a></nav><article><h1>Tide tables</h1><p>The harbour office published the new tide tables on Monday, a week later than usual because of the storm.</p><p>Fishermen said the delay had cost them two days at sea, and asked for the tables to be printed earlier next year.</p></article><footer>© 2024 Coast News</footer></body></html>";
        let cleaned = declutter::clean(page.as_bytes(), &Default::default()).unwrap();
        let tally = Tally::of(&cleaned);
        let json = tally.to_json();
        assert_eq!(json["navigation"]["blocks"], 1);
        assert_eq!(json["navigation"]["chars"], 9);
        assert_eq!(json["legal"]["chars"], 17);
        assert!(json.get("counter").is_none());
        let mut totals = Totals::new("lines");
        totals.inputs = 3;
        totals.cleaned = 1;
        totals.failed = 1;
        totals.bytes = 2_000_000;
        totals.skip("empty line");
        totals.removed.add(&tally);
        let text = totals.render(Duration::from_secs(2));
        assert!(
            text.starts_with(
                "declutter: 3 lines: 1 cleaned, 1 skipped (empty line: 1), 1 failed; 2.00 MB in 2.00 s (1.00 MB/s)\n"
            ),
            "{text}"
        );
        assert!(
            text.ends_with("removed blocks: navigation 1, legal 1\n"),
            "{text}"
        );
    }
}
