//! The unit every stage shares: a [`Block`] of visible text, and the [`Verdict`] the classifier
//! gives it. Both front-ends (HTML and flattened text) produce blocks; one classifier judges them.

use std::sync::Arc;

use serde::Serialize;

/// What kind of text a block holds; renderers use it to rebuild structure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BlockKind {
    /// A heading (`h1`–`h6`); `level` is 1–6.
    Heading {
        /// Heading level, 1 (largest) to 6.
        level: u8,
    },
    /// A paragraph of running text (also any line of flattened text).
    Paragraph,
    /// One item of a list.
    ListItem {
        /// Whether the list is numbered.
        ordered: bool,
        /// Nesting depth, 0 for a top-level list.
        depth: u8,
    },
    /// A block quotation.
    Quote,
    /// Preformatted text or code; whitespace is significant.
    Code,
    /// A table; `rows` holds the cell texts, the first row may be a header.
    Table {
        /// Cell texts row by row.
        rows: Vec<Vec<String>>,
        /// Whether the first row is a header row.
        header: bool,
    },
}

/// Evidence that only markup can give. Flattened-text blocks have the default (no evidence).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Markup {
    /// Characters of the block's text that sit inside links.
    pub link_chars: usize,
    /// Characters at the start of the block that sit inside links (a teaser's linked
    /// headline before its snippet).
    pub leading_link_chars: usize,
    /// The nearest enclosing container that class/id/role tokens mark as debris, with the token.
    /// The token is quoted as `block::preview` gives it and shared by every block of the container.
    #[serde(serialize_with = "serialize_mark")]
    pub debris_container: Option<(Category, Arc<str>)>,
    /// Whether the block lies inside the region the HTML front-end chose as main content
    /// (`None` when no region was chosen, and for blocks outside a region that holds less than
    /// half of the page's prose: such a page is not one article).
    pub in_main: Option<bool>,
}

impl Markup {
    /// Whether the block carries any markup evidence (a link, a main region, a debris mark):
    /// never for flattened text.
    pub fn carries_evidence(&self) -> bool {
        self.in_main.is_some() || self.link_chars > 0 || self.debris_container.is_some()
    }
}

/// Serialises a debris mark as `[category, token]`.
fn serialize_mark<S: serde::Serializer>(
    mark: &Option<(Category, Arc<str>)>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    mark.as_ref()
        .map(|(category, token)| (category, &**token))
        .serialize(serializer)
}

/// A contiguous piece of visible text: a paragraph, heading, list item, quote, code block or table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Block {
    /// Structural kind.
    #[serde(flatten)]
    pub kind: BlockKind,
    /// The visible text. In text mode it is the input line(s) verbatim, so output is a
    /// subsequence of the input.
    pub text: String,
    /// Markup evidence (HTML only).
    #[serde(skip)]
    pub markup: Markup,
    /// Inline formatting and structure details for Markdown and HTML output (HTML input with
    /// [`crate::Options::formatting`] only).
    #[serde(skip)]
    pub format: Option<Box<crate::segment::inline::Format>>,
}

impl Block {
    /// A block with no markup evidence.
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Self {
        Self {
            kind,
            text: text.into(),
            markup: Markup::default(),
            format: None,
        }
    }
}

/// The kinds of debris declutter recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Menus, breadcrumbs, skip links, pagination, sidebars.
    Navigation,
    /// Visit and view counters.
    Counter,
    /// Newsletter and subscription prompts.
    Newsletter,
    /// Comment widgets, forms and threads.
    Comments,
    /// Related, recommended and teaser blocks about other pages.
    Related,
    /// Share bars and social buttons.
    Share,
    /// Cookie and consent banners.
    Cookie,
    /// Advertisement labels and slots.
    Advertisement,
    /// Copyright lines, legal links and site footers.
    Legal,
    /// Paywall and login prompts.
    Paywall,
    /// Anything else that is not the article (captions, tags, placeholders, bylines).
    Other,
}

impl Category {
    /// Every category, in display order.
    pub const ALL: [Category; 11] = [
        Category::Navigation,
        Category::Counter,
        Category::Newsletter,
        Category::Comments,
        Category::Related,
        Category::Share,
        Category::Cookie,
        Category::Advertisement,
        Category::Legal,
        Category::Paywall,
        Category::Other,
    ];

    /// The lowercase name used in explanations, JSON and lexicon file names.
    pub fn name(self) -> &'static str {
        match self {
            Category::Navigation => "navigation",
            Category::Counter => "counter",
            Category::Newsletter => "newsletter",
            Category::Comments => "comments",
            Category::Related => "related",
            Category::Share => "share",
            Category::Cookie => "cookie",
            Category::Advertisement => "advertisement",
            Category::Legal => "legal",
            Category::Paywall => "paywall",
            Category::Other => "other",
        }
    }
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a block was removed: fixed text, or text built once and shared by every block it covers
/// (a section heading's reason is one allocation however many blocks the section holds).
/// Cloning is cheap; it reads as a `str` (`Deref`, `Display`) and serialises as a JSON string.
#[derive(Debug, Clone)]
pub struct Reason(ReasonText);

#[derive(Debug, Clone)]
enum ReasonText {
    Fixed(&'static str),
    Shared(Arc<str>),
}

impl Reason {
    /// The reason's text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            ReasonText::Fixed(s) => s,
            ReasonText::Shared(s) => s,
        }
    }
}

impl std::ops::Deref for Reason {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Reason {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Reason {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Reason {}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl From<&'static str> for Reason {
    fn from(text: &'static str) -> Self {
        Reason(ReasonText::Fixed(text))
    }
}

impl From<String> for Reason {
    fn from(text: String) -> Self {
        Reason(ReasonText::Shared(text.into()))
    }
}

impl From<Arc<str>> for Reason {
    fn from(text: Arc<str>) -> Self {
        Reason(ReasonText::Shared(text))
    }
}

/// Longest quotation of page text (a heading, a class token, a matched phrase) in a reason or
/// a debris mark, in characters: a reason names what it quotes, it does not copy it whole.
pub const PREVIEW_CHARS: usize = 64;

/// `text` cut to at most [`PREVIEW_CHARS`] characters (on a character boundary), with `…`
/// when it was cut.
pub fn preview(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(PREVIEW_CHARS) {
        None => text.into(),
        Some((end, _)) => format!("{}…", &text[..end]).into(),
    }
}

/// The classifier's judgement of one block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// The page headline (rendered first, or left out with `--no-title`).
    Title,
    /// Part of the article.
    Content,
    /// Debris, with its category and a human-readable reason.
    Removed {
        /// The kind of debris.
        category: Category,
        /// Why the classifier removed it (most reasons are fixed text, not allocated; the
        /// others are shared by every block they cover).
        reason: Reason,
    },
}

impl Verdict {
    /// A removal verdict.
    pub fn removed(category: Category, reason: impl Into<Reason>) -> Self {
        Verdict::Removed {
            category,
            reason: reason.into(),
        }
    }

    /// Whether the block is part of the article body.
    pub fn is_content(&self) -> bool {
        matches!(self, Verdict::Content)
    }
}

/// A block together with its verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Judged {
    /// The block.
    #[serde(flatten)]
    pub block: Block,
    /// What the classifier decided.
    #[serde(flatten)]
    pub verdict: Verdict,
}
