//! Command-line arguments, and what they mean for the library and the renderers.

use std::io::{self, BufWriter, Read, Write};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use declutter::{Cleaned, InputKind, Options};

use crate::eval;

/// Largest decompressed input (a `.gz` file, an HTTP body) when `--max-bytes` is not given.
const DEFAULT_DECODE_LIMIT: u64 = 256 << 20;

/// Strip scraping debris from a web page (HTML or flattened text) and keep the article.
///
/// Also cleans many pages at once: files and directories (`--out-dir`), JSON Lines streams
/// (`--jsonl`) and WARC archives (`--warc`).
#[derive(Parser, Debug)]
#[command(version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A subcommand instead of cleaning.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// How to clean.
    #[command(flatten)]
    pub clean: CleanArgs,
}

/// Subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Score declutter on a benchmark folder (see ../shared/bench/README.md for the layout).
    Eval(eval::EvalArgs),
}

/// Arguments for cleaning.
#[derive(clap::Args, Debug)]
pub struct CleanArgs {
    /// Pages to clean (`.gz` is read transparently), or directories with --out-dir, JSONL files
    /// with --jsonl, WARC files with --warc. Stdin when absent or `-`.
    pub inputs: Vec<PathBuf>,
    /// What the input is: `auto` tells HTML from flattened text.
    #[arg(long, value_enum, default_value_t = Input::Auto)]
    pub input: Input,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Leave the headline out of the output.
    #[arg(long)]
    pub no_title: bool,
    /// Report every removed block with its category and reason on stderr (single page only).
    #[arg(long, conflicts_with_all = ["jsonl", "warc", "out_dir"])]
    pub explain: bool,
    /// Refuse inputs larger than this many bytes (also the most a `.gz` input or an HTTP body
    /// may decompress to; 256 MiB when not given).
    #[arg(long, value_name = "BYTES")]
    pub max_bytes: Option<usize>,
    /// Refuse HTML pages with more nodes (elements, text runs, comments) than this.
    #[arg(long, value_name = "N")]
    pub max_nodes: Option<usize>,
    /// Give up on a page that takes longer than this many milliseconds to clean.
    #[arg(long, value_name = "MS")]
    pub timeout_ms: Option<u64>,
    /// Write the output to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE", conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,
    /// Write one cleaned file per input into DIR, mirroring directories (`.txt`, or `.md`,
    /// `.html`, `.json` by --format).
    #[arg(long, value_name = "DIR", conflicts_with_all = ["jsonl", "warc"])]
    pub out_dir: Option<PathBuf>,
    /// Read JSON Lines (stdin or the files given) and write each record back with its cleaned
    /// text added, one output line per input line, in order.
    #[arg(long, conflicts_with = "warc")]
    pub jsonl: bool,
    /// The JSONL field to clean [default: `html`, or `text` with --input text].
    #[arg(long, value_name = "NAME", requires = "jsonl")]
    pub field: Option<String>,
    /// Read WARC files (plain or gzip) and write a `conversion` record per HTML response.
    #[arg(long)]
    pub warc: bool,
    /// What --warc writes: WARC/1.1 conversion records (gzip members), or JSON Lines.
    #[arg(long, value_enum, default_value_t = WarcOut::Warc, requires = "warc")]
    pub warc_out: WarcOut,
    /// Worker threads [default: all cores].
    #[arg(long, value_name = "N")]
    pub threads: Option<NonZeroUsize>,
    /// No progress bar and no summary on stderr (errors are still reported).
    #[arg(short, long)]
    pub quiet: bool,
}

/// What the input is.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum Input {
    /// Decide from the content.
    Auto,
    /// An HTML page.
    Html,
    /// Flattened text.
    Text,
}

/// Output formats.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// A minimal HTML document.
    Html,
    /// JSON with every block and its verdict.
    Json,
}

/// What `--warc` writes.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum WarcOut {
    /// WARC/1.1 `conversion` records, a gzip member each.
    Warc,
    /// One JSON object per cleaned response.
    Jsonl,
}

impl Format {
    /// The file extension of this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }

    /// The media type of this format.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Text => "text/plain; charset=utf-8",
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Html => "text/html; charset=utf-8",
            Format::Json => "application/json",
        }
    }
}

impl CleanArgs {
    /// Library options for these arguments; `charset` comes from outside the document.
    pub fn options(&self, charset: Option<String>) -> Options {
        Options {
            input: match self.input {
                Input::Auto => InputKind::Auto,
                Input::Html => InputKind::Html,
                Input::Text => InputKind::Text,
            },
            charset,
            max_bytes: self.max_bytes,
            max_nodes: self.max_nodes,
            timeout: self.timeout_ms.map(std::time::Duration::from_millis),
        }
    }

    /// The most bytes a decompressed input may have.
    pub fn decode_limit(&self) -> u64 {
        self.max_bytes.map_or(DEFAULT_DECODE_LIMIT, |b| b as u64)
    }

    /// `cleaned` in the chosen format (JSON pretty-printed, with a final line break).
    pub fn render(&self, cleaned: &Cleaned) -> String {
        let with_title = !self.no_title;
        match self.format {
            Format::Text => declutter::render::text(cleaned, with_title),
            Format::Markdown => declutter::render::markdown(cleaned, with_title),
            Format::Html => declutter::render::html(cleaned, with_title),
            Format::Json => {
                let json = declutter::render::json(cleaned, with_title);
                let mut s = serde_json::to_string_pretty(&json).unwrap_or_default();
                s.push('\n');
                s
            }
        }
    }

    /// The fields a JSONL record gets for `cleaned`: `declutter` (the full explanation) with
    /// `--format json`, else `clean` (the rendered text), `removed` (a per-category tally) and,
    /// when a limit changed the result, `warnings`.
    pub fn record_fields(&self, cleaned: &Cleaned) -> Vec<(&'static str, serde_json::Value)> {
        if self.format == Format::Json {
            let json = declutter::render::json(cleaned, !self.no_title);
            vec![(
                "declutter",
                serde_json::to_value(json).expect("JSON output serialises"),
            )]
        } else {
            let mut fields = vec![
                ("clean", self.render(cleaned).into()),
                ("removed", crate::summary::Tally::of(cleaned).to_json()),
            ];
            if !cleaned.warnings.is_empty() {
                fields.push(("warnings", cleaned.warnings.clone().into()));
            }
            fields
        }
    }
}

/// Reads a whole input file, undoing gzip when its name ends in `.gz`, at most `limit` bytes
/// after decompression.
pub fn read_input(path: &Path, limit: u64) -> anyhow::Result<Vec<u8>> {
    let file = std::fs::File::open(path).context("cannot open")?;
    let mut bytes = Vec::new();
    let gz = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    let mut reader: Box<dyn Read> = if gz {
        Box::new(flate2::read::MultiGzDecoder::new(std::io::BufReader::new(
            file,
        )))
    } else {
        Box::new(file)
    };
    reader
        .by_ref()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .context(if gz {
            "cannot decompress"
        } else {
            "cannot read"
        })?;
    anyhow::ensure!(
        bytes.len() as u64 <= limit,
        "over the limit of {limit} bytes"
    );
    Ok(bytes)
}

/// Where output goes: `path` (buffered), or stdout when `None` or `-`.
pub fn writer(path: Option<&Path>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match path {
        Some(path) if path.as_os_str() != "-" => Box::new(BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        )),
        _ => Box::new(io::stdout().lock()),
    })
}
