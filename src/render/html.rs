//! Minimal HTML output.

use crate::Cleaned;

/// A minimal HTML document of the kept blocks.
pub fn html(cleaned: &Cleaned, with_title: bool) -> String {
    crate::render::text(cleaned, with_title)
}
