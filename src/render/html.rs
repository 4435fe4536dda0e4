//! Minimal HTML output: a clean document of the kept blocks.

use crate::Cleaned;
use crate::block::{Block, BlockKind};

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
            out.push_str(if ordered { "<ol>\n" } else { "<ul>\n" });
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
    let text = escape(&block.text);
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
        BlockKind::Code => out.push_str(&format!("<pre><code>{text}</code></pre>\n")),
        BlockKind::Table { rows, header } => {
            out.push_str("<table>\n");
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

/// Escapes text for HTML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}
