//! Stage 6 — rendering: the kept blocks become plain text, Markdown, a minimal HTML document
//! or JSON.

mod explain;
mod html;
mod markdown;

pub use explain::explain;
pub use html::html;
pub use markdown::markdown;

use serde::Serialize;

/// Lists nested deeper than this are drawn at this depth (indentation in text and Markdown,
/// nested `<ul>`/`<ol>` in HTML): a list nested hundreds of levels deep would otherwise cost
/// hundreds of bytes of indentation per item. Eight levels is more than pages use for outlines.
pub const MAX_LIST_DEPTH: u8 = 8;

use crate::block::{BlockKind, Judged};
use crate::metadata::Field;
use crate::segment::inline::Span;
use crate::{Cleaned, InputKind};

/// Plain text: the headline (when `with_title`), a blank line, then the kept blocks separated
/// by blank lines (consecutive list items of an HTML page by a single line break).
pub fn text(cleaned: &Cleaned, with_title: bool) -> String {
    let mut out = String::new();
    if with_title {
        if let Some(title) = &cleaned.title {
            out.push_str(title);
            out.push('\n');
        }
    }
    let mut previous: Option<&Judged> = None;
    for judged in cleaned.blocks.iter().filter(|j| j.verdict.is_content()) {
        if !out.is_empty() {
            let tight = cleaned.input == InputKind::Html
                && matches!(judged.block.kind, BlockKind::ListItem { .. })
                && previous.is_some_and(|p| matches!(p.block.kind, BlockKind::ListItem { .. }));
            out.push_str(if tight { "" } else { "\n" });
        }
        match &judged.block.kind {
            BlockKind::Table { rows, .. } => {
                for row in rows {
                    out.push_str(&row.join(" | "));
                    out.push('\n');
                }
            }
            BlockKind::ListItem { ordered, depth } if cleaned.input == InputKind::Html => {
                out.push_str(&"  ".repeat(usize::from((*depth).min(MAX_LIST_DEPTH))));
                match judged.block.format.as_ref().and_then(|f| f.number) {
                    Some(number) if *ordered => {
                        out.push_str(&number.to_string());
                        out.push_str(". ");
                    }
                    _ if *ordered => {}
                    _ => out.push_str("- "),
                }
                out.push_str(&judged.block.text);
                out.push('\n');
            }
            _ => {
                out.push_str(&judged.block.text);
                out.push('\n');
            }
        }
        previous = Some(judged);
    }
    out
}

/// An output format: what [`render`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text ([`text`]).
    Text,
    /// Markdown ([`markdown()`]).
    Markdown,
    /// A minimal HTML document ([`html()`]).
    Html,
    /// JSON with every block and its verdict ([`json`]), pretty-printed.
    Json,
}

impl Format {
    /// Whether the format shows inline formatting, so cleaning should read it
    /// ([`crate::Options::formatting`]).
    pub fn reads_formatting(self) -> bool {
        matches!(self, Format::Markdown | Format::Html)
    }
}

/// `cleaned` in `format`, as the command line writes it: with the headline when `with_title`;
/// with `with_metadata`, text and Markdown start with YAML front matter ([`front_matter`]) and
/// HTML has `<meta>` elements ([`html_with_metadata`]); JSON is pretty-printed and always has
/// the metadata. Ends with a line break.
pub fn render(cleaned: &Cleaned, format: Format, with_title: bool, with_metadata: bool) -> String {
    match format {
        // As trafilatura does for its text output: the same header.
        Format::Text if with_metadata => front_matter(cleaned) + &text(cleaned, with_title),
        Format::Text => text(cleaned, with_title),
        Format::Markdown if with_metadata => front_matter(cleaned) + &markdown(cleaned, with_title),
        Format::Markdown => markdown(cleaned, with_title),
        Format::Html if with_metadata => html_with_metadata(cleaned, with_title),
        Format::Html => html(cleaned, with_title),
        Format::Json => {
            let mut out =
                serde_json::to_string_pretty(&json(cleaned, with_title)).unwrap_or_default();
            out.push('\n');
            out
        }
    }
}

/// JSON: title, language, metadata, every block with its verdict, and the text. Serialise it
/// with `serde_json` (it is written straight to the output, without an intermediate tree).
pub fn json(cleaned: &Cleaned, with_title: bool) -> Json<'_> {
    Json {
        cleaned,
        text: text(cleaned, with_title),
    }
}

/// The JSON form of a [`Cleaned`]: its fields, then the rendered `text`. `to_string()` gives
/// it compact; `serde_json` serialises it any other way.
#[derive(Debug, Serialize)]
pub struct Json<'a> {
    #[serde(flatten)]
    cleaned: &'a Cleaned,
    text: String,
}

impl std::fmt::Display for Json<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let json = serde_json::to_string(self).map_err(|_| std::fmt::Error)?;
        f.write_str(&json)
    }
}

/// YAML front matter of the page's metadata (`---`, one `key: value` a line, `---`), for
/// text and Markdown output with `--with-metadata`. Values are JSON strings, which YAML reads as
/// double-quoted scalars (the Unicode line and paragraph separators escaped, which YAML would
/// otherwise fold); categories and tags are flow sequences of them.
pub fn front_matter(cleaned: &Cleaned) -> String {
    let quoted = |v: &str| {
        serde_json::to_string(v)
            .unwrap_or_default()
            .replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029")
    };
    let mut out = String::from("---\n");
    for (name, value) in crate::metadata::Record::of(cleaned).pairs() {
        out.push_str(name);
        out.push_str(": ");
        match value {
            Field::One(v) => out.push_str(&quoted(&v)),
            Field::Many(list) => {
                let items: Vec<String> = list.iter().map(|v| quoted(v)).collect();
                out.push('[');
                out.push_str(&items.join(", "));
                out.push(']');
            }
        }
        out.push('\n');
    }
    out.push_str("---\n\n");
    out
}

/// The minimal HTML document ([`html()`]) with the page's metadata as `<meta>` elements in its
/// head (`author`, `date`, `description`, `og:site_name`, `og:image`…).
pub fn html_with_metadata(cleaned: &Cleaned, with_title: bool) -> String {
    let doc = html(cleaned, with_title);
    let mut metas = String::new();
    for (name, value) in crate::metadata::Record::of(cleaned).pairs() {
        let (attr, key) = match name {
            // The head already has these as <title>, <link rel=canonical> and <html lang>.
            "title" | "url" | "language" | "declared_language" => continue,
            "site_name" => ("property", "og:site_name"),
            "image" => ("property", "og:image"),
            "categories" => ("property", "article:section"),
            "tags" => ("property", "article:tag"),
            other => ("name", other),
        };
        let values = match value {
            Field::One(v) => vec![v],
            // One element per value, as Open Graph lists them.
            Field::Many(list) => list,
        };
        for value in values {
            metas.push_str(&format!(
                "<meta {attr}=\"{key}\" content=\"{}\">\n",
                html::escape(&value)
            ));
        }
    }
    let at = doc.find("</head>").unwrap_or(0);
    let mut out = String::with_capacity(doc.len() + metas.len());
    out.push_str(&doc[..at]);
    out.push_str(&metas);
    out.push_str(&doc[at..]);
    out
}

/// How a renderer writes a block's text with its spans (see [`write_spans`]).
pub(crate) trait SpanWriter {
    /// Writes `text[from..to]`, which no span starts in.
    fn plain(&mut self, text: &str, from: usize, to: usize);
    /// Opens `span`, whose text is `text[span.start..end]`; returns whether that text and the
    /// spans inside it are to be written next (`false`: the writer wrote the span whole).
    fn open(&mut self, span: &Span, text: &str, end: usize) -> bool;
    /// Closes `span`.
    fn close(&mut self, span: &Span);
}

/// Writes `text[from..to]` with the `spans` that start in it (sorted by start, outer first):
/// a span's inner spans are the ones after it that start before it ends, clipped to it.
pub(crate) fn write_spans(
    writer: &mut impl SpanWriter,
    text: &str,
    spans: &[Span],
    from: usize,
    to: usize,
) {
    let mut at = from;
    let mut i = 0;
    while i < spans.len() {
        let span = &spans[i];
        let inner = spans[i + 1..]
            .iter()
            .take_while(|s| s.start < span.end)
            .count();
        if span.start >= at && span.start < to {
            let end = span.end.min(to);
            writer.plain(text, at, span.start);
            if writer.open(span, text, end) {
                write_spans(writer, text, &spans[i + 1..i + 1 + inner], span.start, end);
            }
            writer.close(span);
            at = end;
        }
        i += 1 + inner;
    }
    writer.plain(text, at, to);
}
