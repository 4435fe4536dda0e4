//! Command-line arguments, and what they mean for the library and the renderers.

use std::io::{self, BufRead, BufReader, Read};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use declutter::{Cleaned, InputKind, Options, PageType};
use serde_json::value::RawValue;

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
    /// Start text and Markdown output with YAML front matter, and put `<meta>` elements in
    /// HTML output, of the page's metadata (title, author, date, url, site name, description,
    /// image, language, categories, tags, page type). JSON and JSONL output always carry it.
    #[arg(long)]
    pub with_metadata: bool,
    /// Keep the content's images in Markdown (`![alt](src)`) and HTML output, each with the
    /// block it sits in, a figure's caption with its image; images in debris are not kept.
    #[arg(long)]
    pub images: bool,
    /// Report every removed block with its category and reason on stderr (single page only).
    #[arg(long, conflicts_with_all = ["jsonl", "warc", "out_dir"])]
    pub explain: bool,
    /// Refuse inputs larger than this (also the most a gzip input or an HTTP body may
    /// decompress to, and the longest JSONL line; 256M when not given). A number of bytes,
    /// or with a suffix K, M, G (also KiB, MiB, GiB), powers of 1024: `10M` is 10,485,760; KB, MB,
    /// GB are powers of 1000, as GNU coreutils reads them: `10MB` is 10,000,000.
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_bytes: Option<usize>,
    /// Refuse HTML pages with more nodes (elements, text runs, comments) than this.
    #[arg(long, value_name = "N")]
    pub max_nodes: Option<usize>,
    /// The kind of page to extract for: `auto` detects it (see --format json or --explain for
    /// the type found and why); a forum keeps every post, a listing every item, a service page
    /// every section.
    #[arg(long, value_enum, default_value_t = PageTypeArg::Auto)]
    pub page_type: PageTypeArg,
    /// The page's address: relative links in Markdown and HTML output are resolved against it
    /// (a JSONL record's `url` and a WARC record's target URI serve when it is not given;
    /// then the page's `<base href>` and canonical URL).
    #[arg(long)]
    pub url: Option<String>,
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
    /// With --out-dir, take the files of directories that match PATTERN (a glob on the path
    /// below the directory, `*.xml`, `**/*.js`; repeatable) instead of the default: pages
    /// (`.html .htm .xhtml .shtml .php .asp .aspx .txt`, also `.gz`) and files without an
    /// extension that look like HTML or text.
    #[arg(long, value_name = "PATTERN", requires = "out_dir")]
    pub glob: Vec<String>,
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
    /// No progress bar, no summary and no "nothing kept" note on stderr (errors are still
    /// reported).
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

/// The `--page-type` values.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageTypeArg {
    /// Detect the type.
    Auto,
    /// One article (news, blog post).
    Article,
    /// A thread of posts (forum topic, Q&A).
    Forum,
    /// Repeated cards (search results, feeds, indexes).
    Listing,
    /// A category or tag page.
    Collection,
    /// A product page.
    Product,
    /// A documentation page.
    Documentation,
    /// A service or landing page.
    Service,
}

impl PageTypeArg {
    /// The library's page type, `None` for `auto`.
    pub fn page_type(self) -> Option<PageType> {
        match self {
            PageTypeArg::Auto => None,
            PageTypeArg::Article => Some(PageType::Article),
            PageTypeArg::Forum => Some(PageType::Forum),
            PageTypeArg::Listing => Some(PageType::Listing),
            PageTypeArg::Collection => Some(PageType::Collection),
            PageTypeArg::Product => Some(PageType::Product),
            PageTypeArg::Documentation => Some(PageType::Documentation),
            PageTypeArg::Service => Some(PageType::Service),
        }
    }
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
    /// The library's output format this flag names.
    pub fn output(self) -> declutter::render::Format {
        match self {
            Format::Text => declutter::render::Format::Text,
            Format::Markdown => declutter::render::Format::Markdown,
            Format::Html => declutter::render::Format::Html,
            Format::Json => declutter::render::Format::Json,
        }
    }

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
            page_type: self.page_type.page_type(),
            formatting: self.format.output().reads_formatting(),
            images: self.images,
            url: self.url.clone(),
        }
    }

    /// [`options`](Self::options), taking the input for HTML when `html` says the source
    /// declared it so (a `.html` name, a JSONL `html` field) and `--input` is `auto`.
    pub fn options_hinted(&self, charset: Option<String>, html: bool) -> Options {
        let mut options = self.options(charset);
        if html && options.input == InputKind::Auto {
            options.input = InputKind::Html;
        }
        options
    }

    /// The most bytes a decompressed input may have.
    pub fn decode_limit(&self) -> u64 {
        self.max_bytes.map_or(DEFAULT_DECODE_LIMIT, |b| b as u64)
    }

    /// `cleaned` in the chosen format (see [`declutter::render::render`]).
    pub fn render(&self, cleaned: &Cleaned) -> String {
        declutter::render::render(
            cleaned,
            self.format.output(),
            !self.no_title,
            self.with_metadata,
        )
    }

    /// The fields a JSONL record gets for `cleaned`: `declutter` (the full explanation) with
    /// `--format json`, else `clean` (the rendered text), `removed` (a per-category tally),
    /// `metadata` (see [`declutter::metadata::Record`]) and, when a limit changed the result,
    /// `warnings`.
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
                (
                    "metadata",
                    serde_json::to_value(declutter::metadata::Record::of(cleaned))
                        .expect("metadata serialises"),
                ),
            ];
            if !cleaned.warnings.is_empty() {
                fields.push(("warnings", cleaned.warnings.clone().into()));
            }
            fields
        }
    }

    /// [`record_fields`](Self::record_fields) serialised, for `--jsonl`: each value is written
    /// straight to JSON text, without building a `serde_json::Value` of the explanation.
    pub fn jsonl_fields(&self, cleaned: &Cleaned) -> Vec<(&'static str, Box<RawValue>)> {
        if self.format == Format::Json {
            vec![(
                "declutter",
                raw(&declutter::render::json(cleaned, !self.no_title)),
            )]
        } else {
            let mut fields = vec![
                ("clean", raw(&self.render(cleaned))),
                (
                    "removed",
                    raw(&crate::summary::Tally::of(cleaned).to_json()),
                ),
                ("metadata", raw(&declutter::metadata::Record::of(cleaned))),
            ];
            if !cleaned.warnings.is_empty() {
                fields.push(("warnings", raw(&cleaned.warnings)));
            }
            fields
        }
    }
}

/// `value` as JSON text. The values given here (strings, the `Json` view, string-keyed
/// maps) always serialise.
fn raw<T: serde::Serialize + ?Sized>(value: &T) -> Box<RawValue> {
    serde_json::value::to_raw_value(value).expect("JSON output serialises")
}

/// Whether a file's name says it is HTML: `.html`, `.htm`, `.xhtml`, also before `.gz`.
pub fn named_html(path: &Path) -> bool {
    let mut path = path.to_path_buf();
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
    {
        path.set_extension("");
    }
    path.extension().is_some_and(|e| {
        ["html", "htm", "xhtml"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

/// Reads a whole input file, at most `limit` bytes after decompression.
pub fn read_input(path: &Path, limit: u64) -> anyhow::Result<Vec<u8>> {
    let file = std::fs::File::open(path).context("cannot open")?;
    read_all(BufReader::new(file), limit)
}

/// Reads everything from `input`, undoing gzip when it starts with gzip's magic bytes (a
/// `.gz` file, or gzip piped into stdin), at most `limit` bytes after decompression.
pub fn read_all(input: impl BufRead, limit: u64) -> anyhow::Result<Vec<u8>> {
    let (mut reader, gz) = gunzip_if_gzip(input).context("cannot read")?;
    let mut bytes = Vec::new();
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

/// `input`, decompressed when its first bytes are gzip's magic number (`1f 8b`), and whether
/// it was.
pub fn gunzip_if_gzip<'a>(
    mut input: impl BufRead + 'a,
) -> io::Result<(Box<dyn BufRead + 'a>, bool)> {
    let head = loop {
        match input.fill_buf() {
            Ok(head) => break head,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    };
    Ok(if head.starts_with(&[0x1f, 0x8b]) {
        let decoder = flate2::read::MultiGzDecoder::new(input);
        (Box::new(BufReader::with_capacity(1 << 16, decoder)), true)
    } else {
        (Box::new(input), false)
    })
}

/// Parses a size: a number of bytes, or with a suffix K, M, G or T (also KiB, MiB, GiB, TiB;
/// any case), each a power of 1024.
pub fn parse_size(text: &str) -> Result<usize, String> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, suffix) = text.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a size (a number, then K, M or G)"))?;
    // As GNU coreutils reads sizes: K, KiB = 1024; KB = 1000 (and so on up to T).
    let multiplier: u64 = match suffix.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        "t" | "tib" => 1 << 40,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        "tb" => 1_000_000_000_000,
        _ => {
            return Err(format!(
                "unknown size suffix {suffix:?}: use K, M, G or T (powers of 1024; KB, MB, GB, TB: powers of 1000)"
            ));
        }
    };
    number
        .checked_mul(multiplier)
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| format!("{text:?} is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_with_suffixes() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("10M"), Ok(10 << 20));
        assert_eq!(parse_size("10MiB"), Ok(10 << 20));
        assert_eq!(parse_size("2k"), Ok(2048));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size("512 KiB"), Ok(512 << 10));
        assert_eq!(parse_size("10MB"), Ok(10_000_000));
        assert_eq!(parse_size("3kb"), Ok(3_000));
        for bad in ["", "M", "10X", "1.5M", "-1", "99999999999999999999T"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn gzip_is_recognised_by_its_magic_bytes() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<p>hello</p>").unwrap();
        let gz = gz.finish().unwrap();
        assert_eq!(read_all(&gz[..], 100).unwrap(), b"<p>hello</p>");
        assert_eq!(read_all(&b"plain"[..], 100).unwrap(), b"plain");
        assert!(read_all(&gz[..], 5).is_err());
    }
}
