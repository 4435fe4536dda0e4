//! What a page states about itself: canonical URL, author, date, site name, description.

use serde::Serialize;

/// Page metadata, each field present when the page states it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    /// The canonical URL (`<link rel=canonical>` or `og:url`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The author.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The publication date as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The site name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// The page's own summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The language the page declares (`<html lang>`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared_language: Option<String>,
}
