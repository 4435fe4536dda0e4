//! How declutter decides what kind of page it reads.
//!
//! What the page says about itself comes first, when it is specific: a schema.org type that
//! names one kind of page (`QAPage`, `DiscussionForumPosting`, `Product`, `CollectionPage`,
//! `TechArticle`, …), the software that made it (`<meta name=generator>`: Discourse, phpBB,
//! MkDocs, Sphinx, …) and `og:type`. Generic types (`WebPage`, `Organization`,
//! `BreadcrumbList`) say nothing. Weak or conflicting evidence means article: today's
//! single-article judgement, which is right for most pages.
//!
//! The rules and their order come from the schema.org vocabulary and the generators' own
//! names; which declarations are reliable was measured on the WCXB dev set (a page of
//! `og:type=website` is of any type; one of `@type=DiscussionForumPosting` is a thread).

use super::{PageModel, PageType, Signals};
use crate::block::Block;
use crate::features::DocumentFeatures;

/// schema.org types that name a page type, strongest first. A type of a thing on the page
/// (`Product`, `Question`) counts as much as one of the page (`ItemPage`, `QAPage`).
const SCHEMA_TYPES: &[(&str, PageType)] = &[
    ("QAPage", PageType::Forum),
    ("DiscussionForumPosting", PageType::Forum),
    ("SocialMediaPosting", PageType::Forum),
    ("SearchResultsPage", PageType::Listing),
    ("CollectionPage", PageType::Collection),
    ("OfferCatalog", PageType::Collection),
    ("ProductGroup", PageType::Product),
    ("Product", PageType::Product),
    ("IndividualProduct", PageType::Product),
    ("ProductModel", PageType::Product),
    ("TechArticle", PageType::Documentation),
    ("APIReference", PageType::Documentation),
    ("NewsArticle", PageType::Article),
    ("BlogPosting", PageType::Article),
    ("Article", PageType::Article),
    ("ReportageNewsArticle", PageType::Article),
    ("OpinionNewsArticle", PageType::Article),
    ("ScholarlyArticle", PageType::Article),
];

/// Generators (the first word of `<meta name=generator>`, lower-cased) that make one kind of
/// page: forum engines and documentation tools.
const GENERATORS: &[(&str, PageType)] = &[
    ("discourse", PageType::Forum),
    ("phpbb", PageType::Forum),
    ("vbulletin", PageType::Forum),
    ("xenforo", PageType::Forum),
    ("mybb", PageType::Forum),
    ("invision", PageType::Forum),
    ("vanilla", PageType::Forum),
    ("flarum", PageType::Forum),
    ("nodebb", PageType::Forum),
    ("smf", PageType::Forum),
    ("simple", PageType::Forum),
    ("mediawiki", PageType::Documentation),
    ("sphinx", PageType::Documentation),
    ("mkdocs", PageType::Documentation),
    ("docusaurus", PageType::Documentation),
    ("gitbook", PageType::Documentation),
    ("vitepress", PageType::Documentation),
    ("vuepress", PageType::Documentation),
    ("docfx", PageType::Documentation),
    ("antora", PageType::Documentation),
    ("starlight", PageType::Documentation),
    ("nextra", PageType::Documentation),
    ("mintlify", PageType::Documentation),
    ("doxygen", PageType::Documentation),
    ("javadoc", PageType::Documentation),
    ("rustdoc", PageType::Documentation),
];

/// Decides the page type from what the page says about itself (`signals`, HTML only) and the
/// shape of its blocks. Always gives a type and at least one phrase of evidence.
pub fn detect(signals: &Signals, _blocks: &[Block], _doc: &DocumentFeatures) -> PageModel {
    if let Some(model) = declared(signals) {
        return model;
    }
    PageModel {
        page_type: PageType::Article,
        page_type_evidence: vec!["no evidence of another type: an article by default".into()],
    }
}

/// The type the page declares, if a declaration names one.
fn declared(signals: &Signals) -> Option<PageModel> {
    let model = |page_type, evidence: String| PageModel {
        page_type,
        page_type_evidence: vec![evidence],
    };
    if let Some((name, page_type)) = SCHEMA_TYPES
        .iter()
        .find(|(name, _)| signals.schema_types.iter().any(|t| t == name))
    {
        return Some(model(*page_type, format!("schema.org @type {name}")));
    }
    if let Some(generator) = &signals.generator {
        let first = generator
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or_default()
            .to_ascii_lowercase();
        if let Some((_, page_type)) = GENERATORS.iter().find(|(name, _)| *name == first) {
            return Some(model(*page_type, format!("generator {generator:?}")));
        }
    }
    let og = signals.og_type.as_deref()?.trim().to_ascii_lowercase();
    let page_type = match og.as_str() {
        "product.group" => PageType::Collection,
        t if t.starts_with("product") || t.ends_with(":item") => PageType::Product,
        "article" | "blog" => PageType::Article,
        _ => return None,
    };
    Some(model(page_type, format!("og:type {og}")))
}
