//! Stage 4 — the page model: what kind of page this is, decided once for both front-ends, so
//! the classifier can judge each block with the page's shape in hand (a run of teasers after an
//! article is debris; the same run on a listing is the content).
//!
//! - [`detect`] decides the [`PageType`] from what the page says about itself (schema.org
//!   `@type` in JSON-LD and microdata, `og:type`, `<meta name=generator>`) and from the shape of
//!   its blocks (repeated items, posts, prices, code), and says why.
//! - [`regions`] chooses the HTML page's content regions for a type that is not one article,
//!   on the outline of elements the walk measured ([`crate::segment::html::Outline`]).
//! - [`embedded`] takes the text of a script-rendered page from its JSON-LD `articleBody`.

mod detect;
pub mod embedded;
pub mod regions;
pub mod shape;
#[cfg(test)]
mod tests;

pub use detect::{detect, second_look};

use serde::Serialize;

/// The page types declutter tells apart: the seven kinds of page the WCXB benchmark names
/// (`../shared/bench/README.md`), each extracted differently.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageType {
    /// One container of sequential paragraphs: news, blog posts, essays. The default: weak or
    /// conflicting evidence means article.
    #[default]
    Article,
    /// A thread of user posts (a forum topic, a Q&A page): every post is content.
    Forum,
    /// Repeated cards: search results, feeds, indexes, review lists. Every item is content.
    Listing,
    /// A category or tag page: a grid of items between filter and navigation panels.
    Collection,
    /// A product page: name, description, specs and key facts.
    Product,
    /// Documentation: the main column with its code, tables and admonitions.
    Documentation,
    /// A service or landing page: many sections (hero, features, pricing, FAQ), all content.
    Service,
}

impl PageType {
    /// Every page type, in the order the CLI lists them.
    pub const ALL: [PageType; 7] = [
        PageType::Article,
        PageType::Forum,
        PageType::Listing,
        PageType::Collection,
        PageType::Product,
        PageType::Documentation,
        PageType::Service,
    ];

    /// The type's name as the CLI, JSON output and WCXB's `metadata.json` spell it.
    pub fn name(self) -> &'static str {
        match self {
            PageType::Article => "article",
            PageType::Forum => "forum",
            PageType::Listing => "listing",
            PageType::Collection => "collection",
            PageType::Product => "product",
            PageType::Documentation => "documentation",
            PageType::Service => "service",
        }
    }

    /// Whether the page holds several units of content side by side (posts, items, sections)
    /// rather than one article.
    pub fn is_multi_region(self) -> bool {
        !matches!(self, PageType::Article)
    }
}

impl std::fmt::Display for PageType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for PageType {
    type Err = String;

    /// Parses a type's [`name`](PageType::name); `docs` and `doc` are accepted for
    /// documentation.
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim().to_ascii_lowercase();
        PageType::ALL
            .into_iter()
            .find(|t| t.name() == s)
            .or(matches!(s.as_str(), "docs" | "doc").then_some(PageType::Documentation))
            .ok_or_else(|| {
                let names: Vec<_> = PageType::ALL.iter().map(|t| t.name()).collect();
                format!("unknown page type {s:?} (one of {})", names.join(", "))
            })
    }
}

/// What a page says about its own type, gathered by the HTML front-end (flattened text has
/// none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signals {
    /// schema.org types from JSON-LD `@type` and microdata `itemtype`, without the
    /// `https://schema.org/` prefix, in page order (at most [`MAX_SCHEMA_TYPES`]).
    pub schema_types: Vec<String>,
    /// `<meta property="og:type">`.
    pub og_type: Option<String>,
    /// `<meta name="generator">`: the software that made the page (Discourse, MkDocs, …).
    pub generator: Option<String>,
    /// How many times each of [`Signals::schema_types`] was declared (JSON-LD nodes and
    /// microdata items: a grid may declare one `Product` per item).
    pub schema_counts: Vec<u32>,
    /// `<code>` elements outside `<pre>`: inline code in running text.
    pub inline_code: u32,
    /// `<button>` elements labelled as a buy control ("Add to cart").
    pub buy_buttons: u32,
    /// `<button>` elements labelled as a call to action ("Get a quote").
    pub action_buttons: u32,
    /// Heading items: the most child elements of one container that each hold a short
    /// heading and a line of text (feature cards, product tiles).
    pub heading_items: u32,
    /// Characters in those items.
    pub heading_item_chars: u32,
}

/// The most schema.org types a page's [`Signals`] keep.
pub const MAX_SCHEMA_TYPES: usize = 32;

impl Signals {
    /// Counts a `<button>` whose label is a buy control or a call to action.
    pub fn add_button(&mut self, label: &str) {
        if label.len() > 80 {
            return;
        }
        let label = crate::lexicon::normalize(label);
        if shape::is_buy_control(&label) {
            self.buy_buttons += 1;
        } else if shape::is_action(&label) {
            self.action_buttons += 1;
        }
    }

    /// Records a schema.org type (a bare name or an IRI), up to [`MAX_SCHEMA_TYPES`] distinct
    /// ones, and counts it.
    pub fn add_schema_type(&mut self, value: &str) {
        for t in value.split_ascii_whitespace() {
            let name = t.rsplit(['/', '#', ':']).next().unwrap_or(t);
            if name.is_empty() {
                continue;
            }
            if let Some(k) = self.schema_types.iter().position(|s| s == name) {
                self.schema_counts[k] = self.schema_counts[k].saturating_add(1);
            } else if self.schema_types.len() < MAX_SCHEMA_TYPES {
                self.schema_types.push(name.to_string());
                self.schema_counts.push(1);
            }
        }
    }
}

/// The page model: the page's type and why.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PageModel {
    /// The page type.
    pub page_type: PageType,
    /// The evidence for it, one phrase each ("JSON-LD @type QAPage", "12 repeated items"), or
    /// why the default holds.
    pub page_type_evidence: Vec<String>,
}

impl PageModel {
    /// A model forced by the caller (`--page-type`).
    pub fn forced(page_type: PageType) -> Self {
        PageModel {
            page_type,
            page_type_evidence: vec!["forced by the caller".to_string()],
        }
    }
}
