//! Markdown output (CommonMark with GFM tables): headings, lists, quotes, fenced code and
//! tables, with text escaped so it renders as written.

use super::{SpanWriter, write_spans};
use crate::Cleaned;
use crate::block::{Block, BlockKind};
use crate::segment::inline::{Image, Span, SpanKind};

/// Markdown: `# headline`, then the kept blocks.
pub fn markdown(cleaned: &Cleaned, with_title: bool) -> String {
    let mut out = String::new();
    if with_title {
        if let Some(title) = &cleaned.title {
            out.push_str("# ");
            out.push_str(&escape(title));
            out.push('\n');
        }
    }
    let mut previous_item: Option<(bool, u8)> = None;
    let mut counters: Vec<usize> = Vec::new();
    for block in cleaned.content() {
        let item = match block.kind {
            BlockKind::ListItem { ordered, depth } => {
                Some((ordered, depth.min(super::MAX_LIST_DEPTH)))
            }
            _ => None,
        };
        if !out.is_empty() {
            out.push_str(if item.is_some() && previous_item.is_some() {
                ""
            } else {
                "\n"
            });
        }
        let images = block.format.as_ref().map_or(&[][..], |f| &f.images[..]);
        // A list item's images go at its start (a paragraph would end the list); any other
        // block's images are a paragraph before it.
        if !images.is_empty() && item.is_none() {
            write_images(&mut out, images);
            out.push_str("\n\n");
        }
        match &block.kind {
            BlockKind::Heading { level } => {
                out.push_str(&"#".repeat(usize::from((*level).clamp(1, 6))));
                out.push(' ');
                out.push_str(&formatted(block).replace('\n', " "));
                out.push('\n');
            }
            BlockKind::Paragraph => {
                out.push_str(&formatted(block).replace('\n', "  \n"));
                out.push('\n');
            }
            BlockKind::ListItem { ordered, depth } => {
                let depth = usize::from((*depth).min(super::MAX_LIST_DEPTH));
                if previous_item.is_none() {
                    counters.clear();
                }
                counters.resize(depth + 1, 0);
                counters[depth] += 1;
                // The page's own number (`<ol start=5>`) when the formatting was read.
                if let Some(number) = block.format.as_ref().and_then(|f| f.number) {
                    counters[depth] = number as usize;
                }
                let marker = if *ordered {
                    format!("{}. ", counters[depth])
                } else {
                    "- ".to_string()
                };
                out.push_str(&"    ".repeat(depth));
                out.push_str(&marker);
                if !images.is_empty() {
                    write_images(&mut out, images);
                    out.push(' ');
                }
                out.push_str(&formatted(block).replace('\n', " "));
                out.push('\n');
            }
            BlockKind::Quote => {
                for line in formatted(block).lines() {
                    out.push_str("> ");
                    out.push_str(line);
                    out.push('\n');
                }
            }
            BlockKind::Code => {
                let longest = longest_run(&block.text, '`');
                let fence = "`".repeat(longest.max(2) + 1);
                out.push_str(&fence);
                if let Some(language) = block.format.as_ref().and_then(|f| f.language.as_deref()) {
                    out.push_str(language);
                }
                out.push('\n');
                out.push_str(&block.text);
                out.push('\n');
                out.push_str(&fence);
                out.push('\n');
            }
            BlockKind::Table { rows, .. } => {
                // GFM tables have no caption: it is a line of its own above the table.
                if let Some(caption) = block.format.as_ref().and_then(|f| f.caption.as_deref()) {
                    out.push_str(&escape(caption));
                    out.push_str("\n\n");
                }
                table(&mut out, rows)
            }
        }
        previous_item = item;
    }
    out
}

/// Images as `![alt](src)`, one after another on a line.
fn write_images(out: &mut String, images: &[Image]) {
    for (n, image) in images.iter().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        out.push_str("![");
        escape_inline_onto(out, &image.alt);
        out.push_str("](");
        out.push_str(&link_destination(&image.src));
        out.push(')');
    }
}

/// A GFM table; the first row is the header row (GFM requires one). The header row has as many
/// cells as the widest row (GFM drops cells beyond the header's); the other rows are not padded
/// (GFM fills short rows with empty cells), so one wide row costs its width once, not once per
/// row.
fn table(out: &mut String, rows: &[Vec<String>]) {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    for (i, row) in rows.iter().enumerate() {
        out.push('|');
        let cells = if i == 0 { width } else { row.len().max(1) };
        for c in 0..cells {
            let cell = row.get(c).map(String::as_str).unwrap_or("");
            out.push(' ');
            out.push_str(&escape_inline(cell).replace('|', "\\|"));
            out.push_str(" |");
        }
        out.push('\n');
        if i == 0 {
            out.push('|');
            out.push_str(&" --- |".repeat(width));
            out.push('\n');
        }
    }
}

fn longest_run(text: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for x in text.chars() {
        run = if x == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// A block's text as Markdown: escaped, with its links, emphasis, strong text and inline
/// code (when the formatting was read, see [`crate::segment::inline`]).
fn formatted(block: &Block) -> String {
    match block.format.as_ref().filter(|f| !f.spans.is_empty()) {
        Some(format) => {
            let mut out = Markdown(String::with_capacity(block.text.len() + 16));
            write_spans(&mut out, &block.text, &format.spans, 0, block.text.len());
            out.0
        }
        None => escape(&block.text),
    }
}

/// Markdown being written (see [`SpanWriter`]).
struct Markdown(String);

impl SpanWriter for Markdown {
    fn plain(&mut self, text: &str, from: usize, to: usize) {
        plain(&mut self.0, text, from, to);
    }

    fn open(&mut self, span: &Span, text: &str, end: usize) -> bool {
        let out = &mut self.0;
        match &span.kind {
            SpanKind::Code => {
                let code = &text[span.start..end];
                let ticks = "`".repeat(longest_run(code, '`') + 1);
                let pad = if code.starts_with('`') || code.ends_with('`') {
                    " "
                } else {
                    ""
                };
                out.push_str(&ticks);
                out.push_str(pad);
                out.push_str(&code.replace('\n', " "));
                out.push_str(pad);
                out.push_str(&ticks);
                return false;
            }
            SpanKind::Emphasis => out.push('*'),
            SpanKind::Strong => out.push_str("**"),
            SpanKind::Link { .. } => out.push('['),
        }
        true
    }

    fn close(&mut self, span: &Span) {
        let out = &mut self.0;
        match &span.kind {
            SpanKind::Code => {}
            SpanKind::Emphasis => out.push('*'),
            SpanKind::Strong => out.push_str("**"),
            SpanKind::Link { href } => {
                out.push_str("](");
                out.push_str(&link_destination(href));
                out.push(')');
            }
        }
    }
}

/// Writes `text[from..to]` escaped: block markers escaped only where a line starts.
fn plain(out: &mut String, text: &str, from: usize, to: usize) {
    let part = &text[from..to];
    let at_line_start = from == 0 || text[..from].ends_with('\n');
    match part.split_once('\n') {
        _ if at_line_start => out.push_str(&escape(part)),
        Some((first, rest)) => {
            out.push_str(&escape_inline(first));
            out.push('\n');
            out.push_str(&escape(rest));
        }
        None => out.push_str(&escape_inline(part)),
    }
}

/// A link destination as CommonMark reads it: spaces, parentheses and angle brackets
/// percent-encoded.
fn link_destination(href: &str) -> String {
    href.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
        .replace('<', "%3C")
        .replace('>', "%3E")
}

/// Escapes the inline markers of Markdown (emphasis, code, links, HTML), not the markers that
/// start a block: for text inside a line and for table cells.
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_inline_onto(&mut out, text);
    out
}

/// [`escape_inline`] onto `out`: runs without a marker are copied whole (the markers are
/// ASCII, so a byte scan never splits a character).
fn escape_inline_onto(out: &mut String, text: &str) {
    let mut run = 0;
    for (i, b) in text.bytes().enumerate() {
        if matches!(
            b,
            b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'~'
        ) {
            out.push_str(&text[run..i]);
            out.push('\\');
            run = i;
        }
    }
    out.push_str(&text[run..]);
}

/// Escapes Markdown syntax: inline markers everywhere, block markers at the start of a line
/// (`#`, `>`, `-`, `+`, `=`, `|`, and the `.` or `)` after a number).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let trimmed = line.trim_start();
        out.push_str(&line[..line.len() - trimmed.len()]);
        let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
        let rest = if digits > 0 && trimmed[digits..].starts_with(['.', ')']) {
            out.push_str(&trimmed[..digits]);
            out.push('\\');
            out.push_str(&trimmed[digits..digits + 1]);
            &trimmed[digits + 1..]
        } else if trimmed.starts_with(['#', '>', '-', '+', '=', '|']) {
            out.push('\\');
            out.push_str(&trimmed[..1]);
            &trimmed[1..]
        } else {
            trimmed
        };
        escape_inline_onto(&mut out, rest);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_inline_and_line_start_syntax() {
        assert_eq!(escape("a *b* [c]"), "a \\*b\\* \\[c\\]");
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("- not an item"), "\\- not an item");
        assert_eq!(escape("1. not a list"), "1\\. not a list");
        assert_eq!(escape("12) not a list"), "12\\) not a list");
        assert_eq!(escape("> *a* café_x"), "\\> \\*a\\* café\\_x");
        assert_eq!(escape("2019 was a year."), "2019 was a year.");
    }
}
