//! Markdown output (CommonMark with GFM tables): headings, lists, quotes, fenced code and
//! tables, with text escaped so it renders as written.

use crate::Cleaned;
use crate::block::BlockKind;

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
        match &block.kind {
            BlockKind::Heading { level } => {
                out.push_str(&"#".repeat(usize::from((*level).clamp(1, 6))));
                out.push(' ');
                out.push_str(&escape(&block.text.replace('\n', " ")));
                out.push('\n');
            }
            BlockKind::Paragraph => {
                out.push_str(&escape(&block.text).replace('\n', "  \n"));
                out.push('\n');
            }
            BlockKind::ListItem { ordered, depth } => {
                let depth = usize::from((*depth).min(super::MAX_LIST_DEPTH));
                if previous_item.is_none() {
                    counters.clear();
                }
                counters.resize(depth + 1, 0);
                counters[depth] += 1;
                let marker = if *ordered {
                    format!("{}. ", counters[depth])
                } else {
                    "- ".to_string()
                };
                out.push_str(&"    ".repeat(depth));
                out.push_str(&marker);
                out.push_str(&escape(&block.text).replace('\n', " "));
                out.push('\n');
            }
            BlockKind::Quote => {
                for line in block.text.lines() {
                    out.push_str("> ");
                    out.push_str(&escape(line));
                    out.push('\n');
                }
            }
            BlockKind::Code => {
                let longest = longest_run(&block.text, '`');
                let fence = "`".repeat(longest.max(2) + 1);
                out.push_str(&fence);
                out.push('\n');
                out.push_str(&block.text);
                out.push('\n');
                out.push_str(&fence);
                out.push('\n');
            }
            BlockKind::Table { rows, .. } => table(&mut out, rows),
        }
        previous_item = item;
    }
    out
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
            out.push_str(&escape(cell).replace('|', "\\|"));
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

/// Escapes Markdown syntax: inline markers everywhere, block markers at the start of a line.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let trimmed = line.trim_start();
        let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
        let starts_block = trimmed.starts_with(['#', '>', '-', '+', '=', '|'])
            || (digits > 0 && trimmed[digits..].starts_with(['.', ')']));
        for (i, c) in line.char_indices() {
            let at_start = i == line.len() - trimmed.len();
            if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~')
                || (at_start && starts_block && !c.is_ascii_digit())
            {
                out.push('\\');
            }
            out.push(c);
            if at_start && starts_block && c.is_ascii_digit() && digits > 0 {
                // Escape the `.` or `)` after the number instead of the digits.
                let rest = &line[i + 1..];
                let more = rest.chars().take_while(char::is_ascii_digit).count();
                if more == 0 && rest.starts_with(['.', ')']) {
                    out.push('\\');
                }
            }
        }
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
        assert_eq!(escape("2019 was a year."), "2019 was a year.");
    }
}
