//! Options that steer the pipeline.

use serde::Serialize;

/// What the input is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    /// Decide from the content (markup near the start means HTML).
    #[default]
    Auto,
    /// An HTML page.
    Html,
    /// Text a scraper already flattened: one block per line, blank lines between blocks.
    Text,
}

/// Options for [`crate::clean`].
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// What the input is; [`InputKind::Auto`] sniffs it.
    pub input: InputKind,
    /// A charset from outside the document (an HTTP `Content-Type` header); it wins over the
    /// document's own declaration. A WHATWG encoding label (`utf-8`, `iso-8859-1`,
    /// `shift_jis`); a label that names no encoding is ignored, as a browser ignores it.
    pub charset: Option<String>,
    /// Refuse inputs larger than this many bytes ([`crate::Error::TooLarge`]).
    pub max_bytes: Option<usize>,
    /// Refuse HTML pages with more nodes (elements, text runs, comments) than this, counted as
    /// the tree builder creates them, its clones and re-opened formatting elements included
    /// ([`crate::Error::TooManyNodes`]).
    pub max_nodes: Option<usize>,
    /// Give up on a document after this long ([`crate::Error::Timeout`]). Checked between
    /// stages and every few thousand nodes while parsing and walking HTML.
    pub timeout: Option<std::time::Duration>,
    /// The page type to extract for; `None` (the default) detects it (`src/page/detect.rs`).
    pub page_type: Option<crate::PageType>,
    /// Keep inline formatting (links, emphasis, strong, inline code), code languages, list
    /// numbers and table captions for the Markdown and HTML renderers
    /// ([`crate::Format`], [`crate::Span`]). Off by default: the text and JSON outputs do not use
    /// them, and reading them costs HTML parsing about 3% more instructions.
    pub formatting: bool,
    /// With [`Options::formatting`], keep the content's images for the Markdown and HTML
    /// renderers (`![alt](src)`, `<img>`), each with the block it sits in or, outside any text,
    /// with the next block; a figure's caption is then kept with its image. Images inside
    /// debris (logos, teasers) are not kept. Off by default.
    pub images: bool,
    /// The page's address, against which relative links are resolved (before the page's
    /// `<base href>` and its canonical URL).
    pub url: Option<String>,
}
