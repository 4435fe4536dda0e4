//! `declutter eval`: scores declutter on a benchmark folder with the benchmark's own metric,
//! reports speed, and checks the result against the checked-in quality floors.
//!
//! Folder layouts (see `../shared/bench/README.md`):
//! - ScrapingHub: `ground-truth.json` and `html/<id>.html.gz`; scored with 4-token shingles.
//! - WCXB: `ground-truth/<id>.json`, `metadata.json` and `html/<id>.html.gz`; scored with
//!   word F1, overall and per page type.
//! - A text variant (`<name>-text/<id>.txt`) takes its ground truth from the sibling folder
//!   `<name>/`.

use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use declutter::{InputKind, Options, PageType};

use crate::args::PageTypeArg;

/// Arguments of `declutter eval`.
#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    /// The benchmark folder.
    #[arg(long)]
    dataset: PathBuf,
    /// Check the scores against the floors for this folder in this TOML file; fail below them.
    #[arg(long, value_name = "FILE")]
    floors: Option<PathBuf>,
    /// Write each page's prediction to DIR/<id>.txt, and the metadata found beside the truth's
    /// to DIR/metadata.jsonl.
    #[arg(long, value_name = "DIR")]
    dump: Option<PathBuf>,
    /// List the N pages with the lowest F1.
    #[arg(long, value_name = "N", default_value_t = 0)]
    worst: usize,
    /// Extract every page as this type instead of detecting it (to measure a type's extraction
    /// apart from its detection).
    #[arg(long, value_enum, default_value_t = PageTypeArg::Auto)]
    page_type: PageTypeArg,
}

/// One benchmark page.
struct Page {
    id: String,
    input: Vec<u8>,
    truth: String,
    page_type: Option<String>,
    /// What the truth says about the page (WCXB): title, author, publication date.
    meta: MetaTruth,
}

/// A page's metadata truth; `None` where the truth does not name the field.
#[derive(Clone, Default)]
struct MetaTruth {
    title: Option<String>,
    author: Option<String>,
    date: Option<String>,
}

/// Which metric a benchmark uses.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Metric {
    Shingle,
    Word,
}

pub fn run(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let name = args
        .dataset
        .file_name()
        .and_then(|n| n.to_str())
        .context("dataset folder has no name")?
        .to_string();
    let (pages, metric, kind) = load(&args.dataset)?;
    if pages.is_empty() {
        bail!("no pages found in {}", args.dataset.display());
    }
    let options = Options {
        input: kind,
        page_type: args.page_type.page_type(),
        ..Options::default()
    };
    let mut detected: Vec<Option<PageType>> = Vec::with_capacity(pages.len());
    let mut predictions = Vec::with_capacity(pages.len());
    let mut found_meta: Vec<MetaTruth> = Vec::with_capacity(pages.len());
    let mut elapsed = Duration::ZERO;
    let mut bytes = 0usize;
    let mut failures = 0usize;
    for page in &pages {
        let start = Instant::now();
        let result = declutter::clean(&page.input, &options);
        elapsed += start.elapsed();
        bytes += page.input.len();
        detected.push(result.as_ref().ok().map(|c| c.page.page_type));
        found_meta.push(result.as_ref().map_or_else(
            |_| MetaTruth::default(),
            |c| MetaTruth {
                title: c.title.clone(),
                author: c.metadata.author.clone(),
                date: c.metadata.date.clone(),
            },
        ));
        predictions.push(match result {
            Ok(cleaned) => cleaned.body_text(),
            Err(e) => {
                eprintln!("{}: {e}", page.id);
                failures += 1;
                String::new()
            }
        });
    }
    if let Some(dir) = &args.dump {
        std::fs::create_dir_all(dir)?;
        for (page, prediction) in pages.iter().zip(&predictions) {
            std::fs::write(dir.join(format!("{}.txt", page.id)), prediction)?;
        }
        // The metadata found beside the truth's, one page a line, to see where it errs.
        let mut lines = String::new();
        for (page, found) in pages.iter().zip(&found_meta) {
            let line = serde_json::json!({
                "id": page.id,
                "title": [&found.title, &page.meta.title],
                "author": [&found.author, &page.meta.author],
                "date": [&found.date, &page.meta.date],
            });
            lines.push_str(&line.to_string());
            lines.push('\n');
        }
        std::fs::write(dir.join("metadata.jsonl"), lines)?;
    }
    let scores: Vec<PageScore> = pages
        .iter()
        .zip(&predictions)
        .map(|(page, prediction)| match metric {
            Metric::Shingle => shingle_score(prediction, &page.truth),
            Metric::Word => word_score(prediction, &page.truth),
        })
        .collect();
    let summary = summarize(&scores, metric);
    let secs = elapsed.as_secs_f64();
    writeln!(
        out,
        "{name}: {} pages, {} metric: precision {:.4} recall {:.4} F1 {:.4}{}",
        pages.len(),
        if metric == Metric::Shingle {
            "shingle"
        } else {
            "word"
        },
        summary.precision,
        summary.recall,
        summary.f1,
        summary
            .accuracy
            .map(|a| format!(" accuracy {a:.4}"))
            .unwrap_or_default(),
    )?;
    writeln!(
        out,
        "speed: {:.1} pages/s, {:.1} MB/s (single thread, {:.2} s for {:.1} MB); failures: {failures}",
        pages.len() as f64 / secs,
        bytes as f64 / 1e6 / secs,
        secs,
        bytes as f64 / 1e6
    )?;
    // Metadata is read from HTML only: flattened text states none.
    let meta_scores = if kind == InputKind::Html {
        score_metadata(&pages, &found_meta)
    } else {
        Vec::new()
    };
    if !meta_scores.is_empty() {
        let list: Vec<String> = meta_scores
            .iter()
            .map(|s| format!("{} {:.4} ({} of {})", s.field, s.score(), s.right, s.pages))
            .collect();
        writeln!(out, "metadata: {}", list.join(", "))?;
    }
    let mut by_type: BTreeMap<String, Summary> = BTreeMap::new();
    let mut type_accuracy = None;
    if pages.iter().any(|p| p.page_type.is_some()) {
        // Per true type: the pages' scores, and how many were detected as that type.
        let mut groups: BTreeMap<&str, (Vec<PageScore>, usize)> = BTreeMap::new();
        for ((page, score), found) in pages.iter().zip(&scores).zip(&detected) {
            let truth = page.page_type.as_deref().unwrap_or("?");
            let group = groups.entry(truth).or_default();
            group.0.push(*score);
            group.1 += usize::from(found.is_some_and(|t| t.name() == truth));
        }
        let right: usize = groups.values().map(|g| g.1).sum();
        let accuracy = right as f64 / pages.len() as f64;
        if args.page_type == PageTypeArg::Auto {
            writeln!(
                out,
                "page type: {right} of {} detected right (accuracy {accuracy:.4})",
                pages.len()
            )?;
            type_accuracy = Some(accuracy);
        }
        for (page_type, (scores, right)) in groups {
            let s = summarize(&scores, metric);
            writeln!(
                out,
                "  {page_type:<14} {:>4} pages  F1 {:.4}  P {:.4}  R {:.4}  type found {right:>4}",
                scores.len(),
                s.f1,
                s.precision,
                s.recall
            )?;
            by_type.insert(page_type.to_string(), s);
        }
        // What the pages were taken for, per true type, to see where detection errs.
        let mut confusion: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for (page, found) in pages.iter().zip(&detected) {
            if let (Some(truth), Some(found)) = (page.page_type.as_deref(), found) {
                if truth != found.name() {
                    *confusion.entry((truth, found.name())).or_default() += 1;
                }
            }
        }
        if args.page_type == PageTypeArg::Auto && !confusion.is_empty() {
            let list: Vec<String> = confusion
                .iter()
                .map(|((truth, found), n)| format!("{truth}→{found} {n}"))
                .collect();
            writeln!(out, "  mistaken types: {}", list.join(", "))?;
        }
    }
    if args.worst > 0 {
        let mut order: Vec<usize> = (0..pages.len()).collect();
        order.sort_by(|&a, &b| scores[a].f1.total_cmp(&scores[b].f1));
        for &i in order.iter().take(args.worst) {
            let s = scores[i];
            writeln!(
                out,
                "  worst {} F1 {:.3} P {:.3} R {:.3}",
                pages[i].id,
                s.f1,
                s.precision.unwrap_or(0.0),
                s.recall.unwrap_or(0.0)
            )?;
        }
    }
    match &args.floors {
        Some(path) => check_floors(
            &mut out,
            path,
            &name,
            &summary,
            &by_type,
            type_accuracy,
            &meta_scores,
        ),
        None => Ok(ExitCode::SUCCESS),
    }
}

/// Loads a benchmark folder: its pages, its metric and the input kind of its pages.
fn load(dir: &Path) -> anyhow::Result<(Vec<Page>, Metric, InputKind)> {
    if !dir.is_dir() {
        bail!("benchmark folder {} is missing", dir.display());
    }
    let text_variant = !dir.join("html").is_dir();
    let truth_dir = if text_variant {
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let base = name.strip_suffix("-text").with_context(|| {
            format!(
                "{} has no html/ folder and is not a -text variant",
                dir.display()
            )
        })?;
        dir.with_file_name(base)
    } else {
        dir.to_path_buf()
    };
    let (truths, types, metric) = if truth_dir.join("ground-truth.json").is_file() {
        (
            scrapinghub_truth(&truth_dir)?,
            HashMap::new(),
            Metric::Shingle,
        )
    } else if truth_dir.join("ground-truth").is_dir() {
        let (truths, types) = wcxb_truth(&truth_dir)?;
        (truths, types, Metric::Word)
    } else {
        bail!("no ground truth found beside {}", truth_dir.display());
    };
    let mut ids: Vec<&String> = truths.keys().collect();
    ids.sort();
    let mut pages = Vec::with_capacity(ids.len());
    for id in ids {
        let input = if text_variant {
            std::fs::read(dir.join(format!("{id}.txt")))
        } else {
            read_gz(&dir.join("html").join(format!("{id}.html.gz")))
        };
        let input = match input {
            Ok(input) => input,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e).with_context(|| format!("page {id}")),
        };
        let (truth, meta) = truths[id].clone();
        pages.push(Page {
            id: id.clone(),
            input,
            truth,
            page_type: types.get(id).cloned(),
            meta,
        });
    }
    let kind = if text_variant {
        InputKind::Text
    } else {
        InputKind::Html
    };
    Ok((pages, metric, kind))
}

fn read_gz(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    flate2::read::MultiGzDecoder::new(file).read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn scrapinghub_truth(dir: &Path) -> anyhow::Result<HashMap<String, (String, MetaTruth)>> {
    let path = dir.join("ground-truth.json");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&path)?)
        .with_context(|| path.display().to_string())?;
    let map = json
        .as_object()
        .context("ground-truth.json is not an object")?;
    Ok(map
        .iter()
        .map(|(id, v)| {
            (
                id.clone(),
                (
                    v["articleBody"].as_str().unwrap_or_default().to_string(),
                    MetaTruth::default(),
                ),
            )
        })
        .collect())
}

type WcxbTruth = (
    HashMap<String, (String, MetaTruth)>,
    HashMap<String, String>,
);

fn wcxb_truth(dir: &Path) -> anyhow::Result<WcxbTruth> {
    let mut truths = HashMap::new();
    for entry in std::fs::read_dir(dir.join("ground-truth"))? {
        let path = entry?.path();
        let Some(id) = path
            .file_stem()
            .and_then(|s| s.to_str())
            .map(str::to_string)
        else {
            continue;
        };
        let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&path)?)
            .with_context(|| path.display().to_string())?;
        let truth = &json["ground_truth"];
        let main = truth["main_content"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let field = |key: &str| {
            truth[key]
                .as_str()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let meta = MetaTruth {
            title: field("title"),
            author: field("author"),
            date: field("publish_date"),
        };
        truths.insert(id, (main, meta));
    }
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("metadata.json"))?)?;
    let types = meta["files"]
        .as_object()
        .map(|files| {
            files
                .iter()
                .filter_map(|(id, f)| Some((id.clone(), f["page_type"].as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default();
    Ok((truths, types))
}

/// The scores of one page; `None` precision or recall when the page does not count for it.
#[derive(Clone, Copy, Debug)]
struct PageScore {
    precision: Option<f64>,
    recall: Option<f64>,
    f1: f64,
    exact: bool,
}

/// Tokens: runs of word characters (`\w+`, Unicode).
fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !declutter::text::is_word_char(c))
        .filter(|t| !t.is_empty())
        .collect()
}

/// The benchmark's shingle metric for one page (see `../shared/bench/README.md`).
fn shingle_score(prediction: &str, truth: &str) -> PageScore {
    let (p, t) = (tokens(prediction), tokens(truth));
    let bag = |toks: &[&str]| -> HashMap<Vec<String>, usize> {
        let mut bag = HashMap::new();
        if toks.is_empty() {
            return bag;
        }
        if toks.len() < 4 {
            *bag.entry(toks.iter().map(|s| s.to_string()).collect())
                .or_default() += 1;
        } else {
            for w in toks.windows(4) {
                *bag.entry(w.iter().map(|s| s.to_string()).collect())
                    .or_default() += 1;
            }
        }
        bag
    };
    let (pb, tb) = (bag(&p), bag(&t));
    let tp: usize = pb
        .iter()
        .map(|(k, &n)| n.min(tb.get(k).copied().unwrap_or(0)))
        .sum();
    let (np, nt): (usize, usize) = (pb.values().sum(), tb.values().sum());
    let (fp, fn_) = (np - tp, nt - tp);
    let total = (tp + fp + fn_) as f64;
    let (tp, fp, fn_) = if total > 0.0 {
        (tp as f64 / total, fp as f64 / total, fn_ as f64 / total)
    } else {
        (0.0, 0.0, 0.0)
    };
    let (precision, recall) = if fp == 0.0 && fn_ == 0.0 {
        (1.0, 1.0)
    } else {
        (
            if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 },
            if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 },
        )
    };
    PageScore {
        precision: (!p.is_empty()).then_some(precision),
        recall: (!t.is_empty()).then_some(recall),
        f1: harmonic(precision, recall),
        exact: p == t,
    }
}

/// The WCXB word-bag metric for one page.
fn word_score(prediction: &str, truth: &str) -> PageScore {
    let bag = |text: &str| -> HashMap<String, usize> {
        let mut bag = HashMap::new();
        for t in tokens(text) {
            *bag.entry(t.to_lowercase()).or_default() += 1;
        }
        bag
    };
    let (pb, tb) = (bag(prediction), bag(truth));
    let (np, nt): (usize, usize) = (pb.values().sum(), tb.values().sum());
    let (precision, recall, f1) = if nt == 0 {
        let score = if np == 0 { 1.0 } else { 0.0 };
        (score, score, score)
    } else if np == 0 {
        (0.0, 0.0, 0.0)
    } else {
        let overlap: usize = pb
            .iter()
            .map(|(k, &n)| n.min(tb.get(k).copied().unwrap_or(0)))
            .sum();
        let (p, r) = (overlap as f64 / np as f64, overlap as f64 / nt as f64);
        (p, r, harmonic(p, r))
    };
    PageScore {
        precision: Some(precision),
        recall: Some(recall),
        f1,
        exact: false,
    }
}

fn harmonic(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// How often one metadata field is right, on the pages whose truth names it.
#[derive(Clone, Copy, Debug)]
struct MetaScore {
    field: &'static str,
    right: usize,
    pages: usize,
}

impl MetaScore {
    fn score(&self) -> f64 {
        self.right as f64 / self.pages.max(1) as f64
    }
}

/// Scores title, author and date on the pages whose truth names them (issue 13's rules): title
/// equal after case-folding and collapsing punctuation and spaces; author equal to the output
/// or to one of its names split on commas, "and" or "&"; date equal on `YYYY-MM-DD`. Fields
/// that no page's truth names are left out.
fn score_metadata(pages: &[Page], found: &[MetaTruth]) -> Vec<MetaScore> {
    type Pick = fn(&MetaTruth) -> Option<&String>;
    type Same = fn(&str, &str) -> bool;
    let fields: [(&str, Pick, Same); 3] = [
        ("title", |m| m.title.as_ref(), title_matches),
        ("author", |m| m.author.as_ref(), author_matches),
        ("date", |m| m.date.as_ref(), date_matches),
    ];
    fields
        .iter()
        .map(|&(field, pick, same)| {
            let mut score = MetaScore {
                field,
                right: 0,
                pages: 0,
            };
            for (page, found) in pages.iter().zip(found) {
                if let Some(truth) = pick(&page.meta) {
                    score.pages += 1;
                    score.right += usize::from(pick(found).is_some_and(|f| same(f, truth)));
                }
            }
            score
        })
        .filter(|s| s.pages > 0)
        .collect()
}

/// Lower case, every run of characters that are not letters or digits one space, trimmed.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim().to_string()
}

fn title_matches(found: &str, truth: &str) -> bool {
    fold(found) == fold(truth)
}

/// Lower case and spaces collapsed.
fn fold_name(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn author_matches(found: &str, truth: &str) -> bool {
    let truth = fold_name(truth);
    let found = fold_name(found);
    if found == truth {
        return true;
    }
    found
        .split([',', '&'])
        .flat_map(|part| part.split(" and "))
        .any(|name| name.trim() == truth)
}

/// Equal on the first ten characters (`YYYY-MM-DD`); a truth that is not a date matches nothing.
fn date_matches(found: &str, truth: &str) -> bool {
    let day = |s: &str| s.trim().get(..10).map(str::to_string);
    match (day(found), day(truth)) {
        (Some(f), Some(t)) => f == t && t.as_bytes()[4] == b'-',
        _ => false,
    }
}

/// Benchmark-level scores.
struct Summary {
    precision: f64,
    recall: f64,
    f1: f64,
    accuracy: Option<f64>,
}

fn summarize(scores: &[PageScore], metric: Metric) -> Summary {
    let mean = |values: Vec<f64>| {
        if values.is_empty() {
            0.0
        } else {
            values.iter().sum::<f64>() / values.len() as f64
        }
    };
    let precision = mean(scores.iter().filter_map(|s| s.precision).collect());
    let recall = mean(scores.iter().filter_map(|s| s.recall).collect());
    match metric {
        // Shingle F1 is the harmonic mean of the mean precision and mean recall.
        Metric::Shingle => Summary {
            precision,
            recall,
            f1: harmonic(precision, recall),
            accuracy: Some(mean(
                scores
                    .iter()
                    .map(|s| f64::from(u8::from(s.exact)))
                    .collect(),
            )),
        },
        // Word F1 is the mean of the page F1s.
        Metric::Word => Summary {
            precision,
            recall,
            f1: mean(scores.iter().map(|s| s.f1).collect()),
            accuracy: None,
        },
    }
}

/// Fails when a score is below its floor for this benchmark in the floors file: `f1`,
/// `precision`, `recall`, `page-type-accuracy`, and per page type the F1 in a `page-types`
/// table (`[wcxb-dev.page-types]`, `forum = 0.70`), and the metadata scores `title`, `author`
/// and `date` where the benchmark's truth names them.
fn check_floors(
    out: &mut impl Write,
    path: &Path,
    name: &str,
    summary: &Summary,
    by_type: &BTreeMap<String, Summary>,
    type_accuracy: Option<f64>,
    meta: &[MetaScore],
) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read floors file {}", path.display()))?;
    let floors: toml::Table = toml::from_str(&text).with_context(|| path.display().to_string())?;
    let Some(table) = floors.get(name).and_then(|v| v.as_table()) else {
        bail!("{} has no floors for {name}", path.display());
    };
    let mut failed = false;
    let types = table.get("page-types").and_then(|v| v.as_table());
    let mut checks = vec![
        (
            "precision".to_string(),
            Some(summary.precision),
            table.get("precision"),
        ),
        (
            "recall".to_string(),
            Some(summary.recall),
            table.get("recall"),
        ),
        ("f1".to_string(), Some(summary.f1), table.get("f1")),
        (
            "page-type-accuracy".to_string(),
            type_accuracy,
            table.get("page-type-accuracy"),
        ),
    ];
    for field in ["title", "author", "date"] {
        let value = meta.iter().find(|s| s.field == field).map(MetaScore::score);
        checks.push((field.to_string(), value, table.get(field)));
    }
    for (page_type, floor) in types.into_iter().flatten() {
        let value = by_type.get(page_type).map(|s| s.f1);
        checks.push((format!("{page_type} f1"), value, Some(floor)));
    }
    for (metric, value, floor) in checks {
        if let Some(floor) = floor.and_then(toml::Value::as_float) {
            let Some(value) = value else {
                writeln!(
                    out,
                    "  floor {metric} {floor:.3}: not measured, BELOW FLOOR"
                )?;
                failed = true;
                continue;
            };
            let ok = value + 1e-9 >= floor;
            writeln!(
                out,
                "  floor {metric} {floor:.3}: {value:.4} {}",
                if ok { "ok" } else { "BELOW FLOOR" }
            )?;
            failed |= !ok;
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingles_score_exact_and_partial_matches() {
        let s = shingle_score("one two three four five", "one two three four five");
        assert_eq!(
            (s.precision, s.recall, s.exact),
            (Some(1.0), Some(1.0), true)
        );
        // 2 shared shingles, 1 predicted-only, 0 truth-only.
        let s = shingle_score("one two three four five six", "one two three four five");
        assert!((s.precision.unwrap() - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(s.recall, Some(1.0));
        // Fewer than four tokens make one shingle.
        let s = shingle_score("a b", "a b");
        assert_eq!(s.precision, Some(1.0));
    }

    #[test]
    fn empty_sides_do_not_count() {
        let s = shingle_score("", "some words in the truth");
        assert_eq!((s.precision, s.recall), (None, Some(0.0)));
    }

    #[test]
    fn word_score_is_a_bag_overlap() {
        let s = word_score("The cat the", "the cat sat");
        assert!((s.precision.unwrap() - 2.0 / 3.0).abs() < 1e-9);
        assert!((s.recall.unwrap() - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(word_score("", "").f1, 1.0);
        assert_eq!(word_score("x", "").f1, 0.0);
    }

    #[test]
    fn floors_cover_page_types_and_type_accuracy() {
        let dir = std::env::temp_dir().join(format!("declutter-floors-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("floors.toml");
        std::fs::write(
            &path,
            "[set]\nf1 = 0.5\npage-type-accuracy = 0.6\n[set.page-types]\nforum = 0.7\nlisting = 0.4\n",
        )
        .unwrap();
        let summary = |f1| Summary {
            precision: f1,
            recall: f1,
            f1,
            accuracy: None,
        };
        let mut by_type = BTreeMap::new();
        by_type.insert("forum".to_string(), summary(0.75));
        by_type.insert("listing".to_string(), summary(0.45));
        let check = |by_type: &BTreeMap<String, Summary>, accuracy| {
            let mut out = Vec::new();
            let code = check_floors(
                &mut out,
                &path,
                "set",
                &summary(0.6),
                by_type,
                accuracy,
                &[],
            )
            .unwrap();
            (code == ExitCode::SUCCESS, String::from_utf8(out).unwrap())
        };
        let (ok, out) = check(&by_type, Some(0.65));
        assert!(ok, "{out}");
        assert!(out.contains("forum f1 0.700: 0.7500 ok"), "{out}");
        // A type below its floor fails, and so does a type that was not measured.
        by_type.insert("forum".to_string(), summary(0.65));
        assert!(!check(&by_type, Some(0.65)).0);
        by_type.remove("forum");
        let (ok, out) = check(&by_type, Some(0.65));
        assert!(!ok && out.contains("not measured"), "{out}");
        // Type accuracy is a floor too (not measured when the type was forced).
        by_type.insert("forum".to_string(), summary(0.75));
        assert!(!check(&by_type, Some(0.5)).0);
        assert!(!check(&by_type, None).0);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn floors_cover_metadata_scores() {
        let dir =
            std::env::temp_dir().join(format!("declutter-meta-floors-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("floors.toml");
        std::fs::write(&path, "[set]\ntitle = 0.7\nauthor = 0.6\ndate = 0.8\n").unwrap();
        let summary = Summary {
            precision: 0.5,
            recall: 0.5,
            f1: 0.5,
            accuracy: None,
        };
        let score = |field, right| MetaScore {
            field,
            right,
            pages: 100,
        };
        let check = |meta: &[MetaScore]| {
            let mut out = Vec::new();
            let code = check_floors(
                &mut out,
                &path,
                "set",
                &summary,
                &BTreeMap::new(),
                None,
                meta,
            )
            .unwrap();
            (code == ExitCode::SUCCESS, String::from_utf8(out).unwrap())
        };
        let (ok, out) = check(&[score("title", 75), score("author", 60), score("date", 90)]);
        assert!(ok, "{out}");
        assert!(out.contains("title 0.700: 0.7500 ok"), "{out}");
        let (ok, out) = check(&[score("title", 75), score("author", 59), score("date", 90)]);
        assert!(
            !ok && out.contains("author 0.600: 0.5900 BELOW FLOOR"),
            "{out}"
        );
        // A field with a floor that was not measured fails.
        let (ok, out) = check(&[score("title", 75), score("author", 60)]);
        assert!(!ok && out.contains("date 0.800: not measured"), "{out}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn metadata_matches_follow_the_issue_rules() {
        assert!(title_matches("Why now? | News", "why now news"));
        assert!(title_matches("  L'été  —  à Paris ", "l été à paris"));
        assert!(!title_matches("Why now", "Why now? | News"));
        assert!(author_matches("Ann Lee, Bo Kim", "bo  kim"));
        assert!(author_matches("Ann Lee and Bo Kim", "Ann Lee"));
        assert!(author_matches("Ann Lee & Bo Kim", "Bo Kim"));
        assert!(!author_matches("Ann Lee", "Ann"));
        assert!(date_matches("2024-07-19T10:00:00+02:00", "2024-07-19"));
        assert!(!date_matches("July 19, 2024", "2024-07-19"));
        assert!(!date_matches("2024-07-18", "2024-07-19"));
    }
}
