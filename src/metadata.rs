//! What a page states about itself: canonical URL, author, date, site name, description, main
//! image, categories and tags.

use serde::Serialize;

/// Page metadata, each field present when the page states it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    /// The canonical URL (`<link rel=canonical>` or `og:url`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The author, several joined with ", " (JSON-LD `author`, author metas, `rel=author`,
    /// `itemprop=author`, a byline).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The publication date in ISO 8601: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS` with the
    /// offset when the page states the time (JSON-LD `datePublished`, date metas, `<time
    /// datetime>`, the URL's date, a date written near the headline).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The site name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// The page's own summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The page's main image (`og:image`, `twitter:image`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// The page's sections (`article:section`, JSON-LD `articleSection`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// The page's tags (`article:tag`, JSON-LD `keywords`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The language the page declares (`<html lang>`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared_language: Option<String>,
}

/// The most categories or tags kept (a page's tag cloud is not its tags).
pub(crate) const MAX_TERMS: usize = 16;

/// Adds a category or tag once, up to [`MAX_TERMS`].
pub(crate) fn add_term(terms: &mut Vec<String>, term: &str) {
    let term = term.trim();
    if !term.is_empty() && terms.len() < MAX_TERMS && !terms.iter().any(|t| t == term) {
        terms.push(term.to_string());
    }
}

/// Everything known about a page in one record: the headline, the metadata, the languages
/// and the page type. JSONL output writes it under `metadata`; `--with-metadata` writes it as
/// Markdown front matter or HTML `<meta>` elements.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    /// The headline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
    /// The page's metadata.
    #[serde(flatten)]
    pub metadata: &'a Metadata,
    /// The language detected from the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<&'static str>,
    /// The page type.
    pub page_type: &'static str,
}

impl<'a> Record<'a> {
    /// The record of a cleaned page.
    pub fn of(cleaned: &'a crate::Cleaned) -> Self {
        Record {
            title: cleaned.title.as_deref(),
            metadata: &cleaned.metadata,
            language: cleaned.language,
            page_type: cleaned.page.page_type.name(),
        }
    }

    /// The fields as (name, value) pairs in a fixed order: one value each, categories and
    /// tags as lists; empty fields left out.
    pub fn pairs(&self) -> Vec<(&'static str, Field)> {
        let m = self.metadata;
        let mut pairs = Vec::new();
        let mut push = |name, value: Option<&str>| {
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                pairs.push((name, Field::One(v.to_string())));
            }
        };
        push("title", self.title);
        push("author", m.author.as_deref());
        push("date", m.date.as_deref());
        push("url", m.url.as_deref());
        push("site_name", m.site_name.as_deref());
        push("description", m.description.as_deref());
        push("image", m.image.as_deref());
        push("language", self.language);
        push("declared_language", m.declared_language.as_deref());
        push("page_type", Some(self.page_type));
        for (name, list) in [("categories", &m.categories), ("tags", &m.tags)] {
            if !list.is_empty() {
                pairs.push((name, Field::Many(list.clone())));
            }
        }
        pairs
    }
}

/// A metadata field's value as [`Record::pairs`] gives it: one value, or a list (categories,
/// tags).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// One value.
    One(String),
    /// Several values, in the page's order.
    Many(Vec<String>),
}
