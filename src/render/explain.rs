//! The removal report: every removed block with its category and reason, for people.

use std::fmt::Write;

use crate::Cleaned;

/// Longest preview of a block's text in the report, in characters.
const PREVIEW_CHARS: usize = 72;

/// A readable report: the page type and its evidence, then every removed block in page order.
pub fn explain(cleaned: &Cleaned) -> String {
    let removed: Vec<_> = cleaned.removed().collect();
    let kept = cleaned.content().count();
    let mut out = format!(
        "page type: {} ({})\nkept {kept} blocks, removed {}\n",
        cleaned.page.page_type,
        cleaned.page.page_type_evidence.join("; "),
        removed.len()
    );
    for r in removed {
        let flat: String = r.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let preview: String = flat.chars().take(PREVIEW_CHARS).collect();
        let ellipsis = if flat.chars().count() > PREVIEW_CHARS {
            "…"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "- [{}] “{preview}{ellipsis}”: {}",
            r.category, r.reason
        );
    }
    out
}
