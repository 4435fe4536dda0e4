//! The unit every stage shares: a [`Block`] of visible text, and the [`Verdict`] the classifier
//! gives it. Both front-ends (HTML and flattened text) produce blocks; one classifier judges them.

use std::borrow::Cow;

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
    pub debris_container: Option<(Category, String)>,
    /// Whether the block lies inside the region the HTML front-end chose as main content
    /// (`None` when no region was chosen, and for blocks outside a region that holds less than
    /// half of the page's prose: such a page is not one article).
    pub in_main: Option<bool>,
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
}

impl Block {
    /// A block with no markup evidence.
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Self {
        Self {
            kind,
            text: text.into(),
            markup: Markup::default(),
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
        /// Why the classifier removed it (most reasons are fixed text, not allocated).
        reason: Cow<'static, str>,
    },
}

impl Verdict {
    /// A removal verdict.
    pub fn removed(category: Category, reason: impl Into<Cow<'static, str>>) -> Self {
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
