//! Minimal HTML output: a clean document of the kept blocks.

use super::{SpanWriter, write_spans};
use crate::Cleaned;
use crate::block::{Block, BlockKind};
use crate::segment::inline::{Span, SpanKind};

/// A minimal, standalone HTML document of the headline and the kept blocks.
pub fn html(cleaned: &Cleaned, with_title: bool) -> String {
    let mut out = String::from("<!DOCTYPE html>\n<html");
    if let Some(lang) = cleaned
        .metadata
        .declared_language
        .as_deref()
        .or(cleaned.language)
    {
        out.push_str(&format!(" lang=\"{}\"", escape(lang)));
    }
    out.push_str(">\n<head>\n<meta charset=\"utf-8\">\n");
    if let Some(title) = &cleaned.title {
        out.push_str(&format!("<title>{}</title>\n", escape(title)));
    }
    if let Some(url) = &cleaned.metadata.url {
        out.push_str(&format!(
            "<link rel=\"canonical\" href=\"{}\">\n",
            escape(url)
        ));
    }
    out.push_str("</head>\n<body>\n<article>\n");
    if with_title {
        if let Some(title) = &cleaned.title {
            out.push_str(&format!("<h1>{}</h1>\n", escape(title)));
        }
    }
    // Open lists, innermost last: whether each is ordered.
    let mut lists: Vec<bool> = Vec::new();
    for block in cleaned.content() {
        let (ordered, depth) = match block.kind {
            BlockKind::ListItem { ordered, depth } => {
                (ordered, Some(usize::from(depth.min(super::MAX_LIST_DEPTH))))
            }
            _ => (false, None),
        };
        let want = depth.map_or(0, |d| d + 1);
        while lists.len() > want
            || (lists.len() == want && want > 0 && lists.last() != Some(&ordered))
        {
            let closed = lists.pop().unwrap_or(false);
            out.push_str(if closed { "</ol>\n" } else { "</ul>\n" });
        }
        while lists.len() < want {
            lists.push(ordered);
            // A numbered list keeps the page's first number (`<ol start=5>`).
            let number = block.format.as_ref().and_then(|f| f.number);
            match number {
                Some(n) if ordered && n != 1 && lists.len() == want => {
                    out.push_str(&format!("<ol start=\"{n}\">\n"));
                }
                _ => out.push_str(if ordered { "<ol>\n" } else { "<ul>\n" }),
            }
        }
        element(&mut out, block);
    }
    while let Some(ordered) = lists.pop() {
        out.push_str(if ordered { "</ol>\n" } else { "</ul>\n" });
    }
    out.push_str("</article>\n</body>\n</html>\n");
    out
}

fn element(out: &mut String, block: &Block) {
    let text = formatted(block);
    let images = block.format.as_ref().map_or(&[][..], |f| &f.images[..]);
    if !images.is_empty() {
        let mut imgs = String::new();
        for image in images {
            imgs.push_str(&format!(
                "<img src=\"{}\" alt=\"{}\">",
                escape(&image.src),
                escape(&image.alt)
            ));
        }
        match &block.kind {
            // A figure's caption is its <figcaption>.
            _ if block.format.as_ref().is_some_and(|f| f.figure) => {
                out.push_str(&format!(
                    "<figure>{imgs}<figcaption>{}</figcaption></figure>\n",
                    text.replace('\n', "<br>\n")
                ));
                return;
            }
            BlockKind::ListItem { .. } => {
                out.push_str(&format!(
                    "<li>{imgs} {}</li>\n",
                    text.replace('\n', "<br>\n")
                ));
                return;
            }
            _ => out.push_str(&format!("<p>{imgs}</p>\n")),
        }
    }
    match &block.kind {
        BlockKind::Heading { level } => {
            let level = (*level).clamp(1, 6);
            out.push_str(&format!(
                "<h{level}>{}</h{level}>\n",
                text.replace('\n', " ")
            ));
        }
        BlockKind::Paragraph => out.push_str(&format!("<p>{}</p>\n", text.replace('\n', "<br>\n"))),
        BlockKind::ListItem { .. } => {
            out.push_str(&format!("<li>{}</li>\n", text.replace('\n', "<br>\n")))
        }
        BlockKind::Quote => out.push_str(&format!(
            "<blockquote><p>{}</p></blockquote>\n",
            text.replace('\n', "<br>\n")
        )),
        BlockKind::Code => match block.format.as_ref().and_then(|f| f.language.as_deref()) {
            Some(language) => out.push_str(&format!(
                "<pre><code class=\"language-{}\">{text}</code></pre>\n",
                escape(language)
            )),
            None => out.push_str(&format!("<pre><code>{text}</code></pre>\n")),
        },
        BlockKind::Table { rows, header } => {
            out.push_str("<table>\n");
            if let Some(caption) = block.format.as_ref().and_then(|f| f.caption.as_deref()) {
                out.push_str(&format!("<caption>{}</caption>\n", escape(caption)));
            }
            for (i, row) in rows.iter().enumerate() {
                let cell = if i == 0 && *header { "th" } else { "td" };
                out.push_str("<tr>");
                for c in row {
                    out.push_str(&format!("<{cell}>{}</{cell}>", escape(c)));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</table>\n");
        }
    }
}

/// A block's text as HTML: escaped, with its links, emphasis, strong text and inline code
/// (when the formatting was read, see [`crate::segment::inline`]). Only these elements are
/// written, and only `href`s of safe schemes (`is_safe_href`), so nothing of the page's markup
/// (scripts, styles, event attributes) reaches the output.
fn formatted(block: &Block) -> String {
    match block.format.as_ref().filter(|f| !f.spans.is_empty()) {
        Some(format) => {
            let mut out = Html(String::with_capacity(block.text.len() + 16));
            write_spans(&mut out, &block.text, &format.spans, 0, block.text.len());
            out.0
        }
        None => escape(&block.text),
    }
}

/// HTML being written (see [`SpanWriter`]).
struct Html(String);

impl SpanWriter for Html {
    fn plain(&mut self, text: &str, from: usize, to: usize) {
        self.0.push_str(&escape(&text[from..to]));
    }

    fn open(&mut self, span: &Span, _: &str, _: usize) -> bool {
        match &span.kind {
            SpanKind::Link { href } => {
                self.0.push_str("<a href=\"");
                self.0.push_str(&escape(href));
                self.0.push_str("\">");
            }
            SpanKind::Emphasis => self.0.push_str("<em>"),
            SpanKind::Strong => self.0.push_str("<strong>"),
            SpanKind::Code => self.0.push_str("<code>"),
        }
        true
    }

    fn close(&mut self, span: &Span) {
        self.0.push_str(match span.kind {
            SpanKind::Link { .. } => "</a>",
            SpanKind::Emphasis => "</em>",
            SpanKind::Strong => "</strong>",
            SpanKind::Code => "</code>",
        });
    }
}

/// Escapes text for HTML content and attribute values. Runs without a special character are
/// copied whole (the special characters are ASCII, so a byte scan never splits a character).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut run = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => continue,
        };
        out.push_str(&text[run..i]);
        out.push_str(entity);
        run = i + 1;
    }
    out.push_str(&text[run..]);
    out
}
