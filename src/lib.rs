//! # declutter
//!
//! Strips scraping debris — menus, visit counters, newsletter prompts, comment widgets, share
//! bars, cookie banners, ads, footers and "Related" teasers — from web pages, keeping the
//! article, and says why it removed each block.
//!
//! It reads HTML pages as fetched (any encoding) and plain text that a naive scraper already
//! flattened. Both go through one pipeline:
//!
//! ```text
//! bytes ─ decode ─┬─ HTML ─ parse + segment::html ─┐
//!                 └─ text ─ segment::text ─────────┴─ features ─ page ─ classify ─ render
//! ```
//!
//! ```
//! let page = "Talks to resume next week, minister says | World News\n\nThe minister said on Tuesday that the talks would resume next week, after a pause of almost a month.\n\nAdvertisement\n\nBoth sides have said they want an agreement before the end of the year, though neither has moved on the main questions.\n\nVisited 12 times, 1 visit(s) today";
//! let cleaned = declutter::clean(page.as_bytes(), &declutter::Options::default()).unwrap();
//! assert_eq!(cleaned.title.as_deref(), Some("Talks to resume next week, minister says"));
//! assert!(cleaned.text().contains("talks would resume"));
//! assert!(!cleaned.text().contains("Advertisement"));
//! for removed in cleaned.removed() {
//!     println!("{}: {}", removed.category, removed.reason);
//! }
//! ```

// The pipeline's stages, in order; internal (the API is re-exported below).
mod block;
mod classify;
mod date;
pub mod decode;
mod error;
mod features;
pub mod jsonl;
mod lexicon;
mod limits;
pub mod metadata;
mod options;
mod page;
pub mod render;
mod segment;
pub mod text;
mod title;
#[cfg(feature = "warc")]
pub mod warc;

#[cfg(test)]
mod tests;

pub use block::{Block, BlockKind, Category, Judged, Markup, Reason, Verdict};
pub use error::Error;
pub use limits::MAX_DEPTH;
pub use metadata::Metadata;
pub use options::{InputKind, Options};
pub use page::{PageModel, PageType};
pub use segment::inline::{Format, Image, Span, SpanKind};

use serde::Serialize;

/// The result of cleaning one document.
#[derive(Debug, Clone, Serialize)]
pub struct Cleaned {
    /// What the input was taken for.
    pub input: InputKind,
    /// The encoding the input was decoded from.
    pub encoding: &'static str,
    /// The headline, without its site suffix.
    pub title: Option<String>,
    /// The language whose stop words dominate the text (ISO 639-1), if recognised.
    pub language: Option<&'static str>,
    /// What the page states about itself (HTML only).
    #[serde(flatten)]
    pub metadata: Metadata,
    /// The page's type and the evidence for it (`page_type`, `page_type_evidence` in JSON).
    #[serde(flatten)]
    pub page: PageModel,
    /// Every block of the page, in order, with its verdict.
    pub blocks: Vec<Judged>,
    /// What the result lost to a limit, if anything (elements nested too deep were flattened,
    /// formatting elements re-opened in too many blocks were closed).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// One removed block, as [`Cleaned::removed`] lists them.
#[derive(Debug, Clone, Copy)]
pub struct Removed<'a> {
    /// The block's text.
    pub text: &'a str,
    /// Its debris category.
    pub category: Category,
    /// Why it was removed.
    pub reason: &'a str,
}

impl Cleaned {
    /// The cleaned text: the headline, a blank line, then the kept blocks.
    pub fn text(&self) -> String {
        render::text(self, true)
    }

    /// The kept blocks only, without the headline.
    pub fn body_text(&self) -> String {
        render::text(self, false)
    }

    /// The blocks that were kept as article content.
    pub fn content(&self) -> impl Iterator<Item = &Block> {
        self.blocks
            .iter()
            .filter(|j| j.verdict.is_content())
            .map(|j| &j.block)
    }

    /// The blocks that were removed, with category and reason.
    pub fn removed(&self) -> impl Iterator<Item = Removed<'_>> {
        self.blocks.iter().filter_map(|j| match &j.verdict {
            Verdict::Removed { category, reason } => Some(Removed {
                text: &j.block.text,
                category: *category,
                reason: reason.as_str(),
            }),
            _ => None,
        })
    }
}

/// Cleans one document given as bytes (HTML or flattened text, any encoding).
///
/// Empty input gives an empty result. Binary data, inputs over [`Options::max_bytes`], pages
/// over [`Options::max_nodes`] and documents that take longer than [`Options::timeout`] are
/// errors. Elements nested deeper than [`limits::MAX_DEPTH`] are flattened, formatting elements
/// the parser would re-open more than eight (`MAX_REOPENED`) at a time are closed,
/// and [`Cleaned::warnings`] says so.
pub fn clean(input: &[u8], options: &Options) -> Result<Cleaned, Error> {
    let budget = limits::Budget::new(options.timeout);
    if let Some(limit) = options.max_bytes {
        if input.len() > limit {
            return Err(Error::TooLarge {
                size: input.len(),
                limit,
            });
        }
    }
    let decoded = decode::decode_within(input, options.charset.as_deref(), &budget)?;
    let kind = match options.input {
        InputKind::Auto => decode::sniff(&decoded.text),
        kind => kind,
    };
    let mut warnings = Vec::new();
    let (mut blocks, metadata, signals, outline, json_ld_body, title_hint) = match kind {
        InputKind::Html => {
            let mut page = segment::html::segment(
                &decoded.text,
                options.max_nodes,
                &budget,
                options.formatting,
                options.images,
            )?;
            if options.formatting {
                segment::inline::resolve_links(
                    &mut page.blocks,
                    options.url.as_deref(),
                    page.base_href.as_deref(),
                    page.metadata.url.as_deref(),
                );
            }
            if page.flattened > 0 {
                warnings.push(format!(
                    "{} elements nested deeper than {} levels were flattened into their \
                     ancestor at that depth (their text is kept)",
                    page.flattened,
                    limits::MAX_DEPTH
                ));
            }
            if page.reopened > 0 {
                warnings.push(format!(
                    "{} formatting elements (b, i, a, font, ...) left open were re-opened more \
                     than {} at a time; they were closed instead of being re-opened in every \
                     following block (their text is kept)",
                    page.reopened,
                    segment::parse::MAX_REOPENED
                ));
            }
            // The address the caller gives stands in for a canonical URL the page lacks, and
            // its path may date the page.
            if let Some(url) = options
                .url
                .as_deref()
                .filter(|_| page.metadata.url.is_none())
            {
                if page.metadata.date.is_none() {
                    page.metadata.date = date::from_url(url);
                }
                page.metadata.url = Some(url.to_string());
            }
            (
                page.blocks,
                page.metadata,
                page.signals,
                Some(page.outline),
                page.json_ld_body,
                page.title,
            )
        }
        _ => (
            segment::text::segment(&decoded.text, &budget)?,
            Metadata::default(),
            page::Signals::default(),
            None,
            None,
            None,
        ),
    };
    budget.check("segmenting")?;
    let features = features::extract(&blocks, &budget)?;
    budget.check("measuring features")?;
    let model = match options.page_type {
        Some(forced) => PageModel::forced(forced),
        None => page::detect(&signals, &blocks, &features),
    };
    if let Some(outline) = outline
        .as_ref()
        .filter(|_| model.page_type.is_multi_region())
    {
        page::regions::apply(outline, &mut blocks, model.page_type);
    }
    let mut verdicts = classify::classify(
        &blocks,
        &features,
        title_hint.as_deref(),
        model.page_type,
        &budget,
    )?;
    budget.check("classifying")?;
    // A page typed article by default is looked at again once judged: an article that holds
    // little of the page's text is evidence of several regions (flattened text has no outline
    // to see them in before; HTML's outline misses a column the article judgement splits).
    let positioned = |keep: fn(&Verdict) -> bool| -> usize {
        (0..blocks.len())
            .filter(|&i| keep(&verdicts[i]))
            .map(|i| features.blocks[i].words)
            .sum()
    };
    let second_look = match options.page_type {
        None => page::second_look(
            &model,
            kind == InputKind::Text,
            positioned(Verdict::is_content),
            positioned(classify::judged_by_position),
            classify::sections_left_out(&blocks, &features.blocks, &verdicts),
        ),
        _ => None,
    };
    let model = match second_look {
        Some(scattered) => {
            if let Some(outline) = outline
                .as_ref()
                .filter(|_| scattered.page_type.is_multi_region())
            {
                page::regions::apply(outline, &mut blocks, scattered.page_type);
            }
            verdicts = classify::classify(
                &blocks,
                &features,
                title_hint.as_deref(),
                scattered.page_type,
                &budget,
            )?;
            budget.check("classifying")?;
            scattered
        }
        None => model,
    };
    if let Some(body) = json_ld_body {
        let kept: usize = (0..blocks.len())
            .filter(|&i| verdicts[i].is_content())
            .map(|i| features.blocks[i].words)
            .sum();
        let embedded = page::embedded::body_blocks(&body, kept);
        verdicts.extend(embedded.iter().map(|_| Verdict::Content));
        blocks.extend(embedded);
    }
    let title = title_hint.or_else(|| {
        blocks
            .iter()
            .zip(&verdicts)
            .find(|(_, v)| **v == Verdict::Title)
            .map(|(b, _)| title::strip_site_suffix(&b.text).to_string())
    });
    // The headline the metadata chose is the headline block, wherever the classifier put it
    // (a page's `<h1>` above the article's region reads as "before the article").
    if let Some(title) = title.as_deref() {
        if !verdicts.contains(&Verdict::Title) {
            let headline = blocks.iter().zip(&verdicts).position(|(b, v)| {
                matches!(b.kind, BlockKind::Heading { .. })
                    && !v.is_content()
                    && title::strip_site_suffix(&b.text) == title
            });
            if let Some(i) = headline {
                verdicts[i] = Verdict::Title;
            }
        }
    }
    Ok(Cleaned {
        input: kind,
        encoding: decoded.encoding,
        title: title.filter(|t| !t.is_empty()),
        language: features.language.map(lexicon::Language::code),
        metadata,
        page: model,
        blocks: blocks
            .into_iter()
            .zip(verdicts)
            .map(|(block, verdict)| Judged { block, verdict })
            .collect(),
        warnings,
    })
}
