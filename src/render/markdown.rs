//! Markdown output.

use crate::Cleaned;

/// Markdown: `# headline`, then the kept blocks.
pub fn markdown(cleaned: &Cleaned, with_title: bool) -> String {
    crate::render::text(cleaned, with_title)
}
