//! Stage 5 — classification: every block becomes the title, article content, or debris of a
//! named category with a reason. Both front-ends feed this one classifier.
//!
//! The decision combines:
//! 1. **Local evidence** per block: lexicon phrases, markup containers (HTML), link density,
//!    and a jusText-style class from length, stop-word density and how the block ends.
//! 2. **Debris sections**: a heading such as "Related articles" or "Comments" opens a section
//!    that runs until prose resumes (two good paragraphs in a row); runs of teasers (a title
//!    line followed by a snippet cut mid-sentence) form a section without a heading.
//! 3. **The main span**: the contiguous run of blocks with the greatest content weight
//!    (good prose counts for, debris against). The article is that span; short lines inside it
//!    are kept by context, blocks outside it are removed.

use crate::block::{Block, BlockKind, Category, Reason, Verdict, preview};
use crate::error::Error;
use crate::features::{DocumentFeatures, Features};
use crate::lexicon::Mode;
use crate::limits::Budget;
use crate::page::PageType;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::hash::Hasher;
use std::ops::Range;

use crate::text::Ending;

/// Blocks under this many words are "short": judged by their neighbours, not by themselves.
const SHORT_WORDS: usize = 10;
/// Blocks of at least this many words with good stop-word density are "good".
const LONG_WORDS: usize = 25;
/// Share of the document's prose density from which a block reads as prose.
const STOP_HIGH: f32 = 0.7;
/// Share of the document's prose density below which a block does not read as prose.
const STOP_LOW: f32 = 0.45;
/// Prose density assumed when a document has too little sentence-like text to measure it; also
/// the upper bound of a measured one.
const DEFAULT_DENSITY: f32 = 0.38;
/// The lower bound of a measured prose density.
const MIN_DENSITY: f32 = 0.12;
/// A block without a sentence ending of at least this many words was cut mid-sentence.
const TRUNCATED_WORDS: usize = 12;
/// How far before the article a markup headline is looked for, in blocks.
const TITLE_WINDOW: usize = 6;
/// A section heading closes the article when at least this share of the article's weight
/// comes before it.
const TERMINATOR_SHARE: f32 = 0.6;
/// Paragraphs with fewer distinctive words are not judged for coherence.
const COHERENCE_MIN_TERMS: usize = 5;
/// A paragraph is on-topic when the share of its distinctive words that occur elsewhere in the
/// span is at least this fraction of the span's median share.
const COHERENCE_MIN_SHARE: f32 = 0.4;
/// This many off-topic paragraphs in a row after the article's core end it.
const OFF_TOPIC_RUN: usize = 3;
/// Spans with fewer judged paragraphs are too small to judge coherence.
const COHERENCE_MIN_PARAGRAPHS: usize = 5;
/// The weight of an inline debris label: like a short line, it neither makes nor breaks a span.
const INLINE_DEBRIS_WEIGHT: f32 = -2.0;
/// Blocks shorter than this are not checked for repetition (labels repeat legitimately).
const REPEAT_MIN_WORDS: usize = 6;
/// At most this many lines of a list introduced by a colon join the end of the span.
const MAX_LIST_AFTER_COLON: usize = 60;
/// A teaser's linked headline has at least this many characters…
const TEASER_MIN_HEADLINE_CHARS: usize = 20;
/// …and this many teasers in a row make a teaser list.
const TEASER_RUN: usize = 3;
/// Good prose outside the HTML main region counts this share of its weight.
const OUTSIDE_PROSE_SHARE: f32 = 0.5;
/// How many short sentences at each edge of the main span join it.
const EDGE_SENTENCES: usize = 3;
/// A link-dense block with at least this many characters outside its links is prose.
const MAX_NAV_UNLINKED_CHARS: usize = 80;
/// Link density above which a block is navigation rather than prose (HTML only).
const LINK_DENSE: f32 = 0.5;
/// A sentence in the main content stays prose up to this link density.
const MAX_ROUNDUP_LINK_DENSITY: f32 = 0.8;

/// The local class of a block, before context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Prose: long, dense in stop words.
    Good,
    /// Probably prose.
    NearGood,
    /// Too short to judge alone.
    Short,
    /// Long but cut mid-sentence, like a teaser snippet.
    Truncated,
    /// Not prose: few stop words.
    Bad,
}

/// Why a block is debris on its own evidence.
struct Evidence {
    category: Category,
    reason: Reason,
}

/// Classifies `blocks` given their features. `title_hint` is the headline the front-end found
/// in markup (HTML), if any. Each pass over the blocks is linear; the time budget is looked at
/// between passes (`Error::Timeout` when it runs out).
pub fn classify(
    blocks: &[Block],
    doc: &DocumentFeatures,
    title_hint: Option<&str>,
    page_type: PageType,
    budget: &Budget,
) -> Result<Vec<Verdict>, Error> {
    let verdicts = judge(blocks, doc, title_hint, page_type, budget)?;
    // When the main region the HTML front-end chose holds no article (it picked a comment
    // thread, all of it debris), judge the page again as if it had no region.
    if !verdicts.iter().any(Verdict::is_content)
        && blocks.iter().any(|b| b.markup.in_main.is_some())
    {
        let unbounded: Vec<Block> = blocks
            .iter()
            .cloned()
            .map(|mut b| {
                b.markup.in_main = None;
                b
            })
            .collect();
        return judge(&unbounded, doc, title_hint, page_type, budget);
    }
    Ok(verdicts)
}

/// One judgement of the page (see [`classify`]).
fn judge(
    blocks: &[Block],
    doc: &DocumentFeatures,
    title_hint: Option<&str>,
    page_type: PageType,
    budget: &Budget,
) -> Result<Vec<Verdict>, Error> {
    let check = || budget.check("classifying");
    let features = &doc.blocks;
    let density = doc.language.map(|_| prose_density(features));
    let classes: Vec<Class> = blocks
        .iter()
        .zip(features)
        .map(|(b, f)| class_of(b, f, density))
        .collect();
    // The blocks of one marked container share its token, and so one reason.
    let mut container: Option<(std::sync::Arc<str>, Reason)> = None;
    let evidence: Vec<Option<Evidence>> = blocks
        .iter()
        .zip(features)
        .enumerate()
        .map(|(i, (b, f))| debris_evidence(b, f, doc.normalized(i), &mut container))
        .collect();
    let evidence = image_labels(blocks, features, evidence);
    check()?;
    let sections = sections(blocks, features, &classes, page_type);
    let evidence = linked_subheadings(blocks, &classes, evidence);
    let evidence = sandwiched(features, evidence, page_type);
    check()?;
    if page_type.is_multi_region() {
        return Ok(judge_regions(
            blocks, doc, &classes, evidence, &sections, title_hint, page_type,
        ));
    }

    // Later copies of repeated text (captions, teaser lists shown twice) do not count for the
    // article while the span is sought.
    let copies = repeated(
        blocks,
        doc,
        Figures::Distinguish,
        0..blocks.len(),
        (0..blocks.len()).map(|_| None).collect(),
    );
    let weights: Vec<f32> = (0..blocks.len())
        .map(|i| {
            let debris = if sections[i].is_some() || copies[i].is_some() {
                Some(Debris::Block)
            } else {
                evidence[i]
                    .as_ref()
                    .map(|_| debris_kind(&blocks[i], &features[i]))
            };
            weight(&blocks[i], &features[i], classes[i], debris)
        })
        .collect();
    check()?;
    let mut span = main_span(&weights);
    let mut tail: Option<Evidence> = None;
    if let Some(found) = span.clone() {
        let (cut, reason) = cut_at_terminator(blocks, features, &weights, found.clone());
        tail = reason;
        // In HTML the main region already bounds the article; coherence is for flattened text.
        let coherent = if blocks[cut.start].markup.in_main.is_some() {
            cut
        } else {
            off_topic_edges(doc, &classes, &weights, cut)
        };
        if coherent.end < found.end && tail.is_none() {
            tail = Some(Evidence {
                category: Category::Related,
                reason: "after the article: off-topic, shares few distinctive words with it".into(),
            });
        }
        let extended = extend_edges(blocks, features, &classes, &evidence, &sections, coherent);
        // An article has at least one paragraph that reads as prose; a span of short lines
        // (a listing's tagline) is not one.
        // Inside the HTML main region a paragraph without a final stop is still prose.
        let prose = extended.clone().any(|i| {
            evidence[i].is_none()
                && sections[i].is_none()
                && (matches!(classes[i], Class::Good | Class::NearGood)
                    || (classes[i] == Class::Truncated && blocks[i].markup.in_main == Some(true)))
        });
        span = prose.then_some(extended);
    }
    check()?;
    let title = find_title(blocks, doc, &evidence, span.clone(), title_hint);
    let mut evidence = evidence;
    let lead = match marked_lead(blocks, features, &classes, &evidence, title) {
        Some(marked) => {
            evidence[marked] = None;
            Some(marked)
        }
        None => standfirst(blocks, features, &classes, &evidence, title, span.clone()),
    };

    let mut evidence = match &span {
        Some(span) => repeated(blocks, doc, Figures::Distinguish, span.clone(), evidence),
        None => evidence,
    };
    headline_repeats(blocks, doc, title, &mut evidence);

    check()?;
    Ok((0..blocks.len())
        .map(|i| {
            if let Some(verdict) = own_verdict(i, title, &evidence, &sections) {
                return verdict;
            }
            match &span {
                Some(span) if span.contains(&i) || lead == Some(i) => Verdict::Content,
                Some(span) if i < span.start => outside(features[i].words, classes[i], true),
                Some(_) => match &tail {
                    Some(t) => Verdict::removed(t.category, t.reason.clone()),
                    None => outside(features[i].words, classes[i], false),
                },
                None => Verdict::removed(
                    Category::Other,
                    "the page has no article text: nothing reads as prose",
                ),
            }
        })
        .collect())
}

/// A link-dense block of at least this many words inside the main column of a listing, a
/// collection or a service page is an item's or a card's linked title, not a menu entry
/// (measured on WCXB dev: service pages gain too, 0.819 → 0.824 with their type forced).
const ITEM_TITLE_WORDS: usize = 3;
/// In flattened text, a line of at most this many words…
const MENU_ENTRY_WORDS: usize = 5;
/// …is a menu entry when at least this many such lines come in a row (both measured on the
/// WCXB dev text: forum, service, documentation and collection pages gain 0.02–0.04 F1, a
/// listing's items are such runs and lose).
const MENU_RUN: usize = 3;
/// A page that is not one article whose main column holds fewer words has no content (the
/// shell of a page rendered by script).
const MIN_CONTENT_WORDS: usize = 5;
/// A main column keeping less than this share of the page's words holds a tagline or a promo,
/// not the content: the page is judged again without its column (measured on WCXB dev with
/// the type forced: forum 0.776 → 0.789, service 0.827 → 0.832, documentation with its linked
/// lines kept (see `judge_regions`) 0.886 → 0.915; 0.03 also gains on listings but loses a product page whose
/// truth is 2% of it, 0.06 and 0.1 lose).
const MIN_COLUMN_SHARE: f32 = 0.02;
/// At most this many short lines before the first paragraph of a page that is not one article
/// join its content (a heading, a byline, a date).
const LEAD_LINES: usize = 3;

/// A block of at most this many words on a thread can be a post's control or member fact…
const POST_META_WORDS: usize = 6;
/// …and of at most this many words after the phrase ("Joined: Mar 2019", "Posts: 1,204").
const POST_META_VALUE_WORDS: usize = 3;

/// The post controls and member facts of a thread (`src/lexicon/posts.txt`, which the page
/// model also reads as evidence of a thread).
static POST_META: std::sync::LazyLock<HashSet<&'static str>> = std::sync::LazyLock::new(|| {
    include_str!("lexicon/posts.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// The phrase of `src/lexicon/posts.txt` that normalised `text` is ("Reply", "Member",
/// "Joined"), or that opens it before a short value ("Posts: 1,204").
fn post_meta(text: &str) -> Option<&'static str> {
    let text = text.trim_end_matches([':', '.', ' ']);
    let set = &*POST_META;
    if let Some(p) = set.get(text) {
        return Some(p);
    }
    text.match_indices(' ')
        .filter(|&(at, _)| text[at + 1..].split(' ').count() <= POST_META_VALUE_WORDS)
        .find_map(|(at, _)| set.get(&text[..at]).copied())
}

/// Judges a page that is not one article (a thread, a listing, a landing page; see
/// [`crate::page`]): every block of the main column is content unless its own evidence or a
/// debris section removes it; nothing outside the column is.
#[allow(clippy::too_many_arguments)]
fn judge_regions(
    blocks: &[Block],
    doc: &DocumentFeatures,
    classes: &[Class],
    mut evidence: Vec<Option<Evidence>>,
    sections: &[Option<Section>],
    title_hint: Option<&str>,
    page_type: PageType,
) -> Vec<Verdict> {
    let features = &doc.blocks;
    let in_column = |i: usize| blocks[i].markup.in_main != Some(false);
    // On a listing, a collection or a landing page the items' and cards' titles are links;
    // in documentation a line that links its sources with words of its own is the text's (a
    // sidebar tree's entries are links whole; documentation 0.900 → 0.886 alone, lifting
    // columns that held only a tagline into the fallback, and 0.915 with the column share).
    let docs = page_type == PageType::Documentation;
    if docs
        || matches!(
            page_type,
            PageType::Listing | PageType::Collection | PageType::Service
        )
    {
        for (i, e) in evidence.iter_mut().enumerate() {
            let linked_title = e.as_ref().is_some_and(|e| {
                e.category == Category::Navigation
                    && blocks[i].markup.debris_container.is_none()
                    && features[i].hit.is_none()
            }) && in_column(i)
                && features[i].words >= ITEM_TITLE_WORDS
                && (!docs || blocks[i].markup.link_chars < blocks[i].text.chars().count());
            if linked_title {
                *e = None;
            }
        }
    }
    // A product page's short price lines after its own price (the first in the column) are
    // the shop's offer, variants and other products' cards ("Sale price $59.00"), not the
    // product's description. Only in HTML: flattened text has no column to find the own price
    // in (product 0.4584 → 0.4575 on WCXB dev text when applied there too).
    if page_type == PageType::Product {
        let mut own_price = true;
        for (i, e) in evidence.iter_mut().enumerate() {
            if e.is_none()
                && matches!(
                    blocks[i].kind,
                    BlockKind::Paragraph | BlockKind::ListItem { .. }
                )
                && features[i].words <= MAX_PRICE_LINE_WORDS
                && blocks[i].markup.in_main.is_some()
                && has_price(&blocks[i].text)
            {
                if own_price && in_column(i) {
                    own_price = false;
                    continue;
                }
                *e = Some(Evidence {
                    category: Category::Other,
                    reason: "a price line of the shop's offer".into(),
                });
            }
        }
    }
    // A later copy of a text shown twice is a signature, a quoted post, a gallery caption;
    // but a listing's items share snippets and documentation repeats steps (measured on WCXB
    // dev). Templated lines that differ in their counts ("Posts: 1,204" under every post) are
    // copies too (0.730 against 0.733 F1 on WCXB dev threads when figures tell them apart).
    if !matches!(
        page_type,
        PageType::Listing | PageType::Collection | PageType::Documentation
    ) {
        evidence = repeated(blocks, doc, Figures::Fold, 0..blocks.len(), evidence);
    }
    // A run of blocks shown again in the same order is a copy (but a collection's grid shows
    // one product's facts under each of its variants, and documentation repeats steps).
    let copies_are_debris = !matches!(page_type, PageType::Collection | PageType::Documentation);
    if copies_are_debris {
        // (Blocks a debris section removes are not between the copies: cleaning the cleaned
        // text must find the same runs.)
        evidence = repeated_runs(blocks, |i| in_column(i) && sections[i].is_none(), evidence);
    }
    // On a thread, a number alone is a vote count or a post's index.
    if page_type == PageType::Forum {
        for (i, e) in evidence.iter_mut().enumerate() {
            if e.is_none()
                && features[i].words < 4
                && !blocks[i].text.chars().any(char::is_alphabetic)
            {
                *e = Some(Evidence {
                    category: Category::Counter,
                    reason: "a number alone: a vote count or a post's index".into(),
                });
            } else if e.is_none() && features[i].words <= POST_META_WORDS {
                if let Some(phrase) = post_meta(doc.normalized(i)) {
                    *e = Some(Evidence {
                        category: Category::Other,
                        reason: format!("a post's control or member fact “{phrase}”").into(),
                    });
                }
            }
        }
    }
    // In flattened text a run of menu entries (several lines of a few words each in a row) is
    // a menu; markup shows it in HTML.
    // (Flattened text carries no markup evidence at all; an HTML page judged again without its
    // region still has its links and marks.)
    let text_mode = !blocks.iter().any(|b| b.markup.carries_evidence());
    // (A listing's items are runs of short lines too.)
    if text_mode && page_type != PageType::Listing {
        let entry: Vec<bool> = (0..blocks.len())
            .map(|i| {
                features[i].words <= MENU_ENTRY_WORDS
                    && evidence[i].is_none()
                    && !matches!(blocks[i].kind, BlockKind::Heading { .. })
            })
            .collect();
        // Blocks removed on their own evidence (a repeated line) do not break a run: the run
        // is the same with them gone, so cleaning the cleaned text changes nothing.
        let mut i = 0;
        while i < blocks.len() {
            let run: Vec<usize> = (i..blocks.len())
                .take_while(|&j| entry[j] || evidence[j].is_some())
                .collect();
            let entries: Vec<usize> = run.iter().copied().filter(|&j| entry[j]).collect();
            if entries.len() >= MENU_RUN {
                for j in entries {
                    evidence[j] = Some(Evidence {
                        category: Category::Navigation,
                        reason: "one of a run of short lines: a menu".into(),
                    });
                }
            }
            i += run.len().max(1);
        }
    }
    let kept = |i: usize| in_column(i) && evidence[i].is_none() && sections[i].is_none();
    // The content runs from the first block that reads as text to the last, with the short
    // lines (a heading, a byline) just before the first: a page's leading and trailing runs of
    // short lines are its menus and footer.
    let prose = |i: usize| {
        kept(i) && matches!(classes[i], Class::Good | Class::NearGood | Class::Truncated)
    };
    let span = match (
        (0..blocks.len()).find(|&i| prose(i)),
        (0..blocks.len()).rev().find(|&i| prose(i)),
    ) {
        (Some(first), Some(last)) if text_mode => {
            let lead = (first.saturating_sub(LEAD_LINES)..first)
                .find(|&i| (i..first).all(&kept))
                .unwrap_or(first);
            Some(lead..last + 1)
        }
        _ => {
            let first = (0..blocks.len()).find(|&i| kept(i));
            let last = (0..blocks.len()).rev().find(|&i| kept(i));
            first.zip(last).map(|(a, b)| a..b + 1)
        }
    };
    // A column of a word or two ("Help") is a loading shell, not content.
    let words: usize = span.clone().map_or(0, |s| {
        s.filter(|&i| kept(i)).map(|i| features[i].words).sum()
    });
    let page_words: usize = features.iter().map(|f| f.words).sum();
    let span = span.filter(|_| {
        words >= MIN_CONTENT_WORDS && words as f32 >= MIN_COLUMN_SHARE * page_words as f32
    });
    let title = find_title(blocks, doc, &evidence, span.clone(), title_hint);
    let in_span = |i: usize| span.as_ref().is_some_and(|s| s.contains(&i));
    let verdicts: Vec<Verdict> = (0..blocks.len())
        .map(|i| {
            if let Some(verdict) = own_verdict(i, title, &evidence, sections) {
                return verdict;
            }
            if span.is_none() {
                return Verdict::removed(
                    Category::Other,
                    "the page has no content: its main column holds a word or two",
                );
            }
            if !in_column(i) || !in_span(i) {
                let category = if classes[i] == Class::Short {
                    Category::Navigation
                } else {
                    Category::Other
                };
                return Verdict::removed(category, "outside the page's main column");
            }
            Verdict::Content
        })
        .collect();
    // Removals can make copies meet that debris or menus kept apart: the content is judged
    // for copies once more, so that cleaning the cleaned text finds none.
    let copies = repeated_runs(
        blocks,
        |i| copies_are_debris && matches!(verdicts[i], Verdict::Content | Verdict::Title),
        (0..blocks.len()).map(|_| None).collect(),
    );
    verdicts
        .into_iter()
        .zip(copies)
        .map(|(v, copy)| copy.map_or(v, |e| Verdict::removed(e.category, e.reason)))
        .collect()
}

/// The headline is printed once: other lines showing it (the page's <title> line and its
/// on-page headline) go.
fn headline_repeats(
    blocks: &[Block],
    doc: &DocumentFeatures,
    title: Option<usize>,
    evidence: &mut [Option<Evidence>],
) {
    let Some(t) = title else {
        return;
    };
    let headline = crate::lexicon::normalize(crate::title::strip_site_suffix(&blocks[t].text));
    for i in 0..blocks.len() {
        if i != t
            && evidence[i].is_none()
            && shows_headline(&blocks[i], doc.normalized(i), &headline)
        {
            evidence[i] = Some(Evidence {
                category: Category::Other,
                reason: "repeats the headline".into(),
            });
        }
    }
}

/// The verdict block `i` has whatever the span: the headline, or removed on its own evidence
/// or as part of a debris section.
fn own_verdict(
    i: usize,
    title: Option<usize>,
    evidence: &[Option<Evidence>],
    sections: &[Option<Section>],
) -> Option<Verdict> {
    if Some(i) == title {
        return Some(Verdict::Title);
    }
    if let Some(e) = &evidence[i] {
        return Some(Verdict::removed(e.category, e.reason.clone()));
    }
    sections[i]
        .as_ref()
        .map(|section| Verdict::removed(section.category, section.reason.clone()))
}

/// The stop-word density of the document's sentence-like text: the reference against which
/// a block reads as prose. Languages differ (English prose is denser in stop words than
/// Russian), so thresholds are relative to it.
///
/// It is measured on the long sentence-ending blocks, or, on a page of short paragraphs
/// (a news brief), on the sentence-ending blocks of at least [`SHORT_WORDS`]: in a language
/// whose prose is sparse in stop words (Turkish, Finnish, Hungarian: suffixes do their work)
/// the default would take every paragraph for a list of names.
fn prose_density(features: &[Features]) -> f32 {
    let measure = |min_words: usize| {
        features
            .iter()
            .filter(|f| f.words >= min_words && f.ending == Ending::Sentence && f.hit.is_none())
            .fold((0, 0), |(s, w), f| (s + f.stopwords, w + f.words))
    };
    let (mut stop, mut words) = measure(LONG_WORDS);
    if words < 2 * LONG_WORDS {
        (stop, words) = measure(SHORT_WORDS);
    }
    if words < 2 * LONG_WORDS {
        DEFAULT_DENSITY
    } else {
        (stop as f32 / words as f32).clamp(MIN_DENSITY, DEFAULT_DENSITY)
    }
}

/// The local class of a block. `density` is the document's prose density, `None` when its
/// language has no stop-word list (then sentence endings decide).
fn class_of(block: &Block, f: &Features, density: Option<f32>) -> Class {
    if f.words < SHORT_WORDS {
        return Class::Short;
    }
    if f.ending == Ending::Open && f.words >= TRUNCATED_WORDS && block.kind == BlockKind::Paragraph
    {
        return Class::Truncated;
    }
    let stop = f.stop_ratio();
    let prose = match density {
        Some(d) => stop >= STOP_HIGH * d,
        None => f.ending == Ending::Sentence,
    };
    if prose {
        if f.words >= LONG_WORDS {
            Class::Good
        } else {
            Class::NearGood
        }
    } else if density.is_none_or(|d| stop >= STOP_LOW * d) {
        Class::NearGood
    } else {
        Class::Bad
    }
}

/// Debris evidence a block carries on its own: a lexicon phrase, a marked container, links.
/// `normalized` is the block's normalised text; `container` is the last container's token and
/// reason, reused while blocks share the token.
fn debris_evidence(
    block: &Block,
    f: &Features,
    normalized: &str,
    container: &mut Option<(std::sync::Arc<str>, Reason)>,
) -> Option<Evidence> {
    if let Some((category, token)) = &block.markup.debris_container {
        let reason = match container {
            Some((last, reason)) if std::sync::Arc::ptr_eq(last, token) => reason.clone(),
            _ => {
                let reason = Reason::from(format!("inside a container marked “{token}”"));
                *container = Some((token.clone(), reason.clone()));
                reason
            }
        };
        return Some(Evidence {
            category: *category,
            reason,
        });
    }
    if let Some(hit) = f.hit {
        // The words as the page wrote them ("Visited 12 times"), not the lexicon's normal form.
        let quoted = preview(matched_text(&block.text, normalized, &hit).unwrap_or(hit.phrase));
        let reason = match hit.mode {
            Mode::Exact => format!("is the {} label “{quoted}”", hit.category),
            Mode::Heading => format!("heading “{quoted}” opens a {} section", hit.category),
            Mode::Prefix => format!("starts with the {} phrase “{quoted}”", hit.category),
            Mode::Contains => format!("contains the {} phrase “{quoted}”", hit.category),
            Mode::Suffix => format!("ends with the {} phrase “{quoted}”", hit.category),
        }
        .into();
        return Some(Evidence {
            category: hit.category,
            reason,
        });
    }
    if block.kind != BlockKind::Code && is_image_address(&block.text) {
        return Some(Evidence {
            category: Category::Other,
            reason: "an image's address printed as text".into(),
        });
    }
    // Mostly links, with little text of its own (a roundup item's linked headline followed by a
    // few sentences is prose).
    let unlinked_chars = || {
        block
            .text
            .chars()
            .count()
            .saturating_sub(block.markup.link_chars)
    };
    // In the main content, a sentence whose words are partly links is prose (a roundup item,
    // a line linking its sources).
    let linked_prose = block.markup.in_main == Some(true)
        && f.ending == Ending::Sentence
        && f.words >= SHORT_WORDS
        && f.link_density < MAX_ROUNDUP_LINK_DENSITY;
    if f.link_density > LINK_DENSE
        && f.words < 3 * LONG_WORDS
        && !linked_prose
        && unlinked_chars() < MAX_NAV_UNLINKED_CHARS
    {
        return Some(Evidence {
            category: Category::Navigation,
            reason: format!("{:.0}% of its text is links", f.link_density * 100.0).into(),
        });
    }
    None
}

/// The part of a block's `text` that matched a lexicon phrase, as written: the lexicon matches
/// the normalised text (`normalized`, see [`crate::lexicon::normalize`]), which is mapped back
/// to the text. `None` when the phrase cannot be placed (then the reason quotes the phrase).
fn matched_text<'a>(text: &'a str, normalized: &str, hit: &crate::lexicon::Hit) -> Option<&'a str> {
    let phrase = hit.phrase;
    let start = match hit.mode {
        Mode::Prefix => 0,
        Mode::Suffix => normalized.trim_end().len().checked_sub(phrase.len())?,
        // Exact and heading matches are the whole text but for punctuation at its edges.
        Mode::Exact | Mode::Heading | Mode::Contains => {
            memchr::memmem::find(normalized.as_bytes(), phrase.as_bytes())?
        }
    };
    let range = start..start + phrase.len();
    if normalized.get(range.clone())? != phrase {
        return None;
    }
    // Normalise again unit by unit (a character, a whitespace run, a digit run), noting where
    // the units that make up `range` lie in the text.
    let bytes = text.as_bytes();
    let (mut out, mut pending_space) = (0usize, false);
    let mut from = None;
    let mut lower = String::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = text[i..].chars().next()?;
        if c.is_whitespace() {
            pending_space = out > 0;
            i += c.len_utf8();
            continue;
        }
        if pending_space {
            out += 1;
            pending_space = false;
        }
        let (end, len) = if c.is_ascii_digit() {
            (crate::lexicon::digit_run_end(bytes, i), 1)
        } else if c.is_ascii() {
            (i + 1, 1)
        } else {
            lower.clear();
            crate::text::push_lowercase(c, &mut lower);
            (i + c.len_utf8(), lower.len())
        };
        if from.is_none() && out + len > range.start {
            from = Some(i);
        }
        out += len;
        if out >= range.end {
            let found = &text[from?..end];
            // Only a span that normalises to the phrase is quoted.
            return (crate::lexicon::normalize(found) == phrase).then_some(found);
        }
        i = end;
    }
    None
}

/// A subheading whose whole text is a link (`<h2><a href="#tools">…</a></h2>`, a section's
/// anchor) in the main content, followed by a paragraph of prose, is the section's heading,
/// not a menu entry. (A teaser's linked headline is followed by a snippet cut short.)
fn linked_subheadings(
    blocks: &[Block],
    classes: &[Class],
    mut evidence: Vec<Option<Evidence>>,
) -> Vec<Option<Evidence>> {
    for i in 0..blocks.len().saturating_sub(1) {
        let linked_heading = matches!(blocks[i].kind, BlockKind::Heading { level } if level >= 2)
            && blocks[i].markup.in_main == Some(true)
            && blocks[i].markup.debris_container.is_none()
            && evidence[i]
                .as_ref()
                .is_some_and(|e| e.category == Category::Navigation);
        let prose_follows = matches!(classes[i + 1], Class::Good | Class::NearGood)
            && evidence[i + 1].is_none()
            && blocks[i + 1].kind == BlockKind::Paragraph;
        if linked_heading && prose_follows {
            evidence[i] = None;
        }
    }
    evidence
}

/// A short line between two debris blocks of the same category belongs to them (the pitch
/// line of a newsletter box between its heading and its form). Ad labels do not count: a short
/// paragraph between two ads is the article's. Nor, in an article, does a lone sentence
/// without links between two rows of links: menus hold no sentences, while a run of them
/// alternating with links is a teaser list (linked title, description). (Other page types
/// choose their column before; there a tagline between menus would pass for it.)
fn sandwiched(
    features: &[Features],
    mut evidence: Vec<Option<Evidence>>,
    page_type: PageType,
) -> Vec<Option<Evidence>> {
    let n = evidence.len();
    let category = |i: usize| evidence[i].as_ref().map(|e| e.category);
    let between_menus: Vec<bool> = (0..n)
        .map(|i| {
            let f = &features[i];
            page_type == PageType::Article
                && (1..n.saturating_sub(1)).contains(&i)
                && category(i - 1) == Some(Category::Navigation)
                && category(i + 1) == Some(Category::Navigation)
                && f.ending == Ending::Sentence
                && f.link_density == 0.0
        })
        .collect();
    let lone_sentence = |i: usize| {
        between_menus[i]
            && !between_menus[i.saturating_sub(2)]
            && !between_menus.get(i + 2).copied().unwrap_or(false)
    };
    for i in 1..n.saturating_sub(1) {
        let (Some(before), Some(after)) = (&evidence[i - 1], &evidence[i + 1]) else {
            continue;
        };
        if evidence[i].is_none()
            && features[i].words < LONG_WORDS
            && before.category == after.category
            && before.category != Category::Advertisement
            && !lone_sentence(i)
        {
            let category = before.category;
            evidence[i] = Some(Evidence {
                category,
                reason: format!("between two {category} blocks").into(),
            });
        }
    }
    evidence
}

/// Whether two texts that differ only in their figures are copies of one text.
#[derive(Clone, Copy, PartialEq)]
enum Figures {
    /// They are two texts: in an article, "It added 2,400 jobs in 2023." and "It added 3,100
    /// jobs in 2024." are two paragraphs (keeping templated lines such as "2 days ago at 07:47
    /// am" too measured better on the WCXB dev text: 0.793 against 0.791 F1).
    Distinguish,
    /// They are copies: the normalised text folds every number to one (for the lexicon).
    Fold,
}

/// Text that a page shows twice is a caption (galleries repeat them) or a pull quote: the
/// page keeps its first copy inside `span` and loses the others. Copies are compared by their
/// normalised text, and by their digits when `figures` says so.
fn repeated(
    blocks: &[Block],
    doc: &DocumentFeatures,
    figures: Figures,
    span: Range<usize>,
    mut evidence: Vec<Option<Evidence>>,
) -> Vec<Option<Evidence>> {
    // The first block showing each normalised text; when figures count, the texts seen twice
    // are told apart by a hash of their digits (looked at only then: repeats are rare).
    let mut first: HashMap<&str, usize> = HashMap::default();
    let mut figured: HashSet<(&str, u64)> = HashSet::default();
    let digits = |i: usize| {
        let mut hasher = rustc_hash::FxHasher::default();
        for digit in blocks[i].text.bytes().filter(u8::is_ascii_digit) {
            hasher.write_u8(digit);
        }
        hasher.finish()
    };
    for i in span {
        if doc.blocks[i].words < REPEAT_MIN_WORDS || evidence[i].is_some() {
            continue;
        }
        let text = doc.normalized(i);
        let copy = match (first.get(text), figures) {
            (None, _) => {
                first.insert(text, i);
                false
            }
            (Some(_), Figures::Fold) => true,
            (Some(&earlier), Figures::Distinguish) => {
                figured.insert((text, digits(earlier)));
                !figured.insert((text, digits(i)))
            }
        };
        if copy {
            evidence[i] = Some(Evidence {
                category: Category::Other,
                reason: "repeated in the article (a caption or a pull quote)".into(),
            });
        }
    }
    evidence
}

/// A run of at least this many consecutive blocks shown again in the same order is a copy
/// (a page's mobile and desktop renderings of one panel, a carousel's cloned slides), however
/// short each block is (measured on WCXB dev with the type forced: product 0.607 → 0.609,
/// service 0.824 → 0.826, forum 0.738 → 0.741, listing 0.699 → 0.704; collection pages gain
/// on average but lose where variants share facts, documentation loses 0.004).
const REPEAT_RUN: usize = 3;

/// Later copies of a run of [`REPEAT_RUN`] different blocks, among those `kept` so far, that
/// the page already showed in that order (short labels and facts that [`repeated`] lets
/// through one by one). Linear: one hash map of windows.
fn repeated_runs(
    blocks: &[Block],
    kept: impl Fn(usize) -> bool,
    mut evidence: Vec<Option<Evidence>>,
) -> Vec<Option<Evidence>> {
    let order: Vec<usize> = (0..blocks.len())
        .filter(|&i| kept(i) && evidence[i].is_none() && !blocks[i].text.trim().is_empty())
        .collect();
    // Each window's first position, by its texts as written (normalised, "$190" and "$145"
    // would be one); a window repeats when an earlier one that does not overlap it has the
    // same texts. A window of one text thrice is a column of "Yes" cells, not a copy.
    let mut first: HashMap<[&str; REPEAT_RUN], usize> = HashMap::default();
    let mut copy = vec![false; order.len()];
    for (at, w) in order.windows(REPEAT_RUN).enumerate() {
        let window: [&str; REPEAT_RUN] = std::array::from_fn(|k| blocks[w[k]].text.trim());
        if (1..REPEAT_RUN).any(|k| window[..k].contains(&window[k])) {
            continue;
        }
        match first.get(&window) {
            Some(&j) if j + REPEAT_RUN <= at => copy[at..at + REPEAT_RUN].fill(true),
            Some(_) => {}
            None => {
                first.insert(window, at);
            }
        }
    }
    for (&i, _) in order.iter().zip(&copy).filter(|(_, c)| **c) {
        evidence[i] = Some(Evidence {
            category: Category::Other,
            reason: "one of a run of blocks the page already showed in that order".into(),
        });
    }
    evidence
}

/// Whether `block`, whose normalised text is `normalized`, shows the normalised `headline`
/// once its site suffix is stripped.
///
/// Stripping a suffix keeps the start of the text up to a separator (which starts with a space,
/// `_` or `｜`, never a digit), so the normalised stripped text starts the normalised text:
/// a block whose normalised text does not start with the headline cannot show it.
fn shows_headline(block: &Block, normalized: &str, headline: &str) -> bool {
    normalized.starts_with(headline)
        && crate::lexicon::normalize(crate::title::strip_site_suffix(&block.text)) == headline
}

/// Whether a lexicon hit is a comment header ("Jane on May 3, 2019 at 4:47 pm said:").
fn is_comment_header(hit: &crate::lexicon::Hit) -> bool {
    hit.mode == Mode::Suffix && hit.category == Category::Comments
}

/// A debris section a block belongs to.
struct Section {
    category: Category,
    reason: Reason,
}

/// Marks the blocks that belong to debris sections: those opened by a heading phrase, and runs
/// of teasers.
fn sections(
    blocks: &[Block],
    features: &[Features],
    classes: &[Class],
    page_type: PageType,
) -> Vec<Option<Section>> {
    let n = blocks.len();
    let mut marks: Vec<Option<Section>> = (0..n).map(|_| None).collect();
    let short = |j: usize| j < n && classes[j] == Class::Short;
    // On a thread the replies under "12 Replies" or "Jane said:" are the content, as are a
    // product's reviews.
    let comments_are_content = matches!(page_type, PageType::Forum | PageType::Product);
    // On a page that is not one article short lines are its facts, not a menu: a heading
    // marked up as one opens its section between them.
    let marked_heading = |j: usize| {
        page_type.is_multi_region() && matches!(blocks[j].kind, BlockKind::Heading { .. })
    };
    let mut i = 0;
    while i < n {
        // A section heading inside a list, or between two short lines, is a menu entry.
        let opens = |h: &crate::lexicon::Hit| {
            !(h.category == Category::Comments && comments_are_content)
                && ((h.mode == Mode::Heading
                    && !matches!(blocks[i].kind, BlockKind::ListItem { .. })
                    && (!(i > 0 && short(i - 1) && short(i + 1)) || marked_heading(i)))
                    || is_comment_header(h))
        };
        let Some(hit) = features[i].hit.filter(opens) else {
            i += 1;
            continue;
        };
        // One reason, quoting the heading's start, for every block of the section.
        let heading = preview(blocks[i].text.trim());
        let reason = Reason::from(format!("in the {} section under “{heading}”", hit.category));
        let mut j = i + 1;
        while j < n {
            // A section ends where prose resumes, at the next section heading, at an ordinary
            // heading, and where the HTML front-end's main region begins or ends.
            // A comment's body is prose: it runs on to the next header or other debris.
            let ends = features[j]
                .hit
                .is_some_and(|h| h.mode == Mode::Heading || is_comment_header(&h))
                || matches!(blocks[j].kind, BlockKind::Heading { .. })
                || blocks[j].markup.in_main != blocks[i].markup.in_main
                || (matches!(classes[j], Class::Good | Class::NearGood)
                    && features[j].hit.is_none()
                    && !is_comment_header(&hit))
                || (is_comment_header(&hit)
                    && features[j]
                        .hit
                        .is_some_and(|h| h.category != Category::Comments));
            if ends {
                break;
            }
            marks[j] = Some(Section {
                category: hit.category,
                reason: reason.clone(),
            });
            j += 1;
        }
        i = j;
    }
    // On a page that is not one article, runs of cards are its items, posts or sections.
    if page_type.is_multi_region() {
        return marks;
    }
    // Teaser lists: three or more items in a row that each open with a linked headline and go
    // on with a snippet (`<li><a>Headline</a> Snippet…</li>`). A numbered list of that shape is
    // a roundup ("10 things in tech today"): the article itself.
    let teaser = |j: usize| {
        let linked = blocks[j].markup.leading_link_chars;
        if matches!(blocks[j].kind, BlockKind::ListItem { ordered: true, .. }) {
            return false;
        }
        // Characters are counted only for blocks that open with a link (none in flattened text).
        linked >= TEASER_MIN_HEADLINE_CHARS
            && features[j].hit.is_none()
            && linked * 10 < blocks[j].text.chars().count() * 9
    };
    let mut j = 0;
    while j < n {
        let run = (j..n).take_while(|&k| teaser(k)).count();
        if run >= TEASER_RUN {
            for m in &mut marks[j..j + run] {
                m.get_or_insert(Section {
                    category: Category::Related,
                    reason: "teaser: a linked headline and a snippet, one of a run".into(),
                });
            }
        }
        j += run.max(1);
    }
    // Teaser runs: at least two pairs of a title line and a snippet cut mid-sentence. A title
    // is one line: list items of a name and its link on the next line are the article's list.
    let title_like = |j: usize| {
        let f = &features[j];
        (2..=24).contains(&f.words)
            && f.ending != Ending::Sentence
            && f.capitalized * 3 >= f.words
            && !blocks[j].text.contains('\n')
    };
    let mut j = 0;
    while j + 1 < n {
        let mut k = j;
        while k + 1 < n && title_like(k) && classes[k + 1] == Class::Truncated {
            k += 2;
        }
        if k - j >= 4 {
            for m in &mut marks[j..k] {
                m.get_or_insert(Section {
                    category: Category::Related,
                    reason: "teaser: a title line and a snippet cut mid-sentence, one of a run"
                        .into(),
                });
            }
            j = k;
        } else {
            j += 1;
        }
    }
    marks
}

/// How debris weighs against the article around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Debris {
    /// A label that sits inside article bodies: an ad label, a "Read more: …" line, a credit.
    Inline,
    /// Anything else: menus, footers, banners, comment forms.
    Block,
}

/// Whether a debris block is an inline label (matched by a lexicon phrase of a kind that
/// appears between an article's paragraphs) or block debris.
fn debris_kind(block: &Block, f: &Features) -> Debris {
    let inline = block.markup.debris_container.is_none()
        && f.hit.is_some_and(|h| {
            h.mode != Mode::Heading
                && matches!(
                    h.category,
                    Category::Advertisement
                        | Category::Related
                        | Category::Other
                        | Category::Newsletter
                        | Category::Share
                )
        });
    if inline {
        Debris::Inline
    } else {
        Debris::Block
    }
}

/// The content weight of a block for the main-span search: positive for prose, negative for
/// debris. Weights are in words, so long blocks count more.
fn weight(block: &Block, f: &Features, class: Class, debris: Option<Debris>) -> f32 {
    let words = f.words as f32;
    let base = if let Some(kind) = debris {
        match kind {
            // Labels that sit inside article bodies ("Advertisement", "Read more: …", a photo
            // credit) must not split the article.
            Debris::Inline => INLINE_DEBRIS_WEIGHT,
            Debris::Block => -(words + 10.0),
        }
    } else {
        match class {
            Class::Good => words,
            Class::NearGood => 0.5 * words,
            Class::Short => -2.0,
            Class::Truncated => -0.5 * words,
            // Few stop words but a sentence (a paragraph of figures and names) is only mildly
            // against; without one, it is a menu or a list of names.
            Class::Bad if f.ending == Ending::Sentence => -0.25 * words,
            Class::Bad => -words,
        }
    };
    // Inside the region the HTML front-end chose, blocks hold the span together (their own
    // evidence still removes them); outside it, they pull against it.
    match block.markup.in_main {
        // Good prose just outside the region (an article split by a "Read more" expander) may
        // join it when nothing heavier stands between.
        Some(false) if class == Class::Good && debris.is_none() => OUTSIDE_PROSE_SHARE * base,
        Some(false) => base.min(0.0) - words - 5.0,
        Some(true) => base.max(0.0) + 1.0,
        None => base,
    }
}

/// Ends the span at a section heading ("Related articles", "Comments") that comes after most of
/// the article: what follows it is that section, even where it reads as prose (comments do).
/// Only for flattened text; in HTML the main region already bounds the article.
fn cut_at_terminator(
    blocks: &[Block],
    features: &[Features],
    weights: &[f32],
    span: Range<usize>,
) -> (Range<usize>, Option<Evidence>) {
    let positive = |r: Range<usize>| weights[r].iter().filter(|w| **w > 0.0).sum::<f32>();
    let total = positive(span.clone());
    // The positive weight before block i, summed as it goes (one pass, not one per heading).
    let mut before = 0.0f32;
    for i in span.clone() {
        let weight_before = before;
        if weights[i] > 0.0 {
            before += weights[i];
        }
        // Related teasers and comments follow an article; a newsletter box may sit inside one.
        let closing = |h: &crate::lexicon::Hit| {
            h.mode == Mode::Heading && matches!(h.category, Category::Related | Category::Comments)
        };
        let Some(hit) = features[i].hit.filter(closing) else {
            continue;
        };
        if blocks[i].markup.in_main.is_some()
            || matches!(blocks[i].kind, BlockKind::ListItem { .. })
        {
            continue;
        }
        if weight_before >= TERMINATOR_SHARE * total {
            let heading = preview(blocks[i].text.trim());
            let reason = format!("after “{heading}”, which closes the article").into();
            // The article ends at its last block that reads as text, as it would without the
            // heading: short lines just before it are judged as the article's edge.
            let end = (span.start..i)
                .rev()
                .find(|&j| weights[j] > 0.0)
                .map_or(i, |j| j + 1);
            return (
                span.start..end,
                Some(Evidence {
                    category: hit.category,
                    reason,
                }),
            );
        }
    }
    (span, None)
}

/// Ends the span where teasers for other stories begin: they read as prose but are off-topic.
/// The article's core (the first half of the span's weight) gives the vocabulary; the span ends
/// before the first run of `OFF_TOPIC_RUN` paragraphs after the core that share few of its
/// distinctive words, so an article's own odd paragraph stays.
fn off_topic_edges(
    doc: &DocumentFeatures,
    classes: &[Class],
    weights: &[f32],
    span: Range<usize>,
) -> Range<usize> {
    let judged = |i: usize| {
        matches!(classes[i], Class::Good | Class::NearGood | Class::Truncated)
            && doc.terms(i).len() >= COHERENCE_MIN_TERMS
    };
    let total: f32 = weights[span.clone()].iter().filter(|w| **w > 0.0).sum();
    let mut sum = 0.0;
    let core_end = span
        .clone()
        .find(|&i| {
            sum += weights[i].max(0.0);
            sum >= 0.5 * total
        })
        .map_or(span.end, |i| i + 1);
    let mut vocabulary: HashMap<u64, u32> = HashMap::default();
    for i in (span.start..core_end).filter(|&i| judged(i)) {
        for t in doc.terms(i) {
            *vocabulary.entry(*t).or_default() += 1;
        }
    }
    // In the core a word must occur in another paragraph too; after it, in the core at all.
    let share = |i: usize| {
        let own = usize::from(i < core_end) as u32;
        let terms = doc.terms(i);
        let shared = terms
            .iter()
            .filter(|t| vocabulary.get(t).copied().unwrap_or(0) > own)
            .count();
        shared as f32 / terms.len() as f32
    };
    let mut core: Vec<f32> = (span.start..core_end)
        .filter(|&i| judged(i))
        .map(share)
        .collect();
    if core.len() < COHERENCE_MIN_PARAGRAPHS {
        return span;
    }
    core.sort_by(f32::total_cmp);
    let typical = core[core.len() / 2];
    let later: Vec<usize> = (core_end..span.end).filter(|&i| judged(i)).collect();
    let off_topic = |i: usize| share(i) < COHERENCE_MIN_SHARE * typical;
    for k in 0..later.len() {
        if later[k..].len() >= OFF_TOPIC_RUN
            && later[k..k + OFF_TOPIC_RUN].iter().all(|&j| off_topic(j))
        {
            // End after the last on-topic paragraph before the run.
            let end = if k == 0 { core_end } else { later[k - 1] + 1 };
            return span.start..end;
        }
    }
    span
}

/// Extends the span over a few short sentences right at its edges ("The sound came first."):
/// they belong to the article.
fn extend_edges(
    blocks: &[Block],
    features: &[Features],
    classes: &[Class],
    evidence: &[Option<Evidence>],
    sections: &[Option<Section>],
    span: Range<usize>,
) -> Range<usize> {
    let sentence = |i: usize| {
        matches!(classes[i], Class::Short | Class::Bad)
            && features[i].ending == Ending::Sentence
            && evidence[i].is_none()
            && sections[i].is_none()
            && blocks[i].markup.in_main != Some(false)
    };
    // An inline label ("Advertisement") may sit between the span and such a sentence; it is
    // stepped over and stays removed on its own evidence.
    let label = |i: usize| {
        sections[i].is_none()
            && evidence[i].is_some()
            && debris_kind(&blocks[i], &features[i]) == Debris::Inline
    };
    let (mut start, mut end) = (span.start, span.end);
    let mut steps = 0;
    while start > 0 && steps < EDGE_SENTENCES {
        let skip = usize::from(start > 1 && label(start - 1));
        if !sentence(start - 1 - skip) {
            break;
        }
        start -= 1 + skip;
        steps += 1;
    }
    // A lead-in ending with a colon ("Tour dates:"), the span's last line or the one after it,
    // carries the list of short lines after it.
    let colon =
        |i: usize| blocks[i].text.trim_end().ends_with([':', '：']) && evidence[i].is_none();
    let lead_in = (end > start && colon(end - 1))
        || (end < blocks.len() && colon(end) && blocks[end].markup.in_main != Some(false));
    if lead_in {
        if !colon(end - 1) {
            end += 1;
        }
        while end < blocks.len()
            && end - span.end < MAX_LIST_AFTER_COLON
            && !matches!(classes[end], Class::Good)
            && evidence[end].is_none()
            && sections[end].is_none()
            && blocks[end].markup.in_main != Some(false)
        {
            end += 1;
        }
    }
    steps = 0;
    while end < blocks.len() && steps < EDGE_SENTENCES {
        let skip = usize::from(end + 1 < blocks.len() && label(end));
        if !sentence(end + skip) {
            break;
        }
        end += 1 + skip;
        steps += 1;
    }
    start..end
}

/// Most words of a product page's price line ("Now $129.99", "Regular price $209.99"). On
/// WCXB dev product pages kept lines of at most 10 words with an amount were 95% outside the
/// truth (1466 words, 68 of them in lines the truth has); removing lines of at most 3, 4, 6
/// and 10 words gave product F1 0.6120, 0.6127, 0.6128, 0.6120 and collection (pages taken
/// for products) 0.6723, 0.6727, 0.6703, 0.6703: 4 is best overall (0.8599). Keeping the
/// first price line in the column (the product's own price) then gives product 0.6129.
const MAX_PRICE_LINE_WORDS: usize = 4;

/// Currency signs written next to amounts.
const CURRENCY_SIGNS: [char; 15] = [
    '$', '€', '£', '¥', '₹', '₩', '₽', '₺', '₪', '₫', '₴', '₱', '฿', '¢', '₦',
];

/// Whether `text` holds an amount of money: a currency sign right before or after a digit
/// (one space or no-break space between them allowed).
fn has_price(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.iter().enumerate().any(|(i, c)| {
        CURRENCY_SIGNS.contains(c) && {
            let near = |j: Option<usize>, k: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_some_and(char::is_ascii_digit)
                    || (j
                        .and_then(|j| chars.get(j))
                        .is_some_and(|c| c.is_whitespace())
                        && k.and_then(|k| chars.get(k))
                            .is_some_and(char::is_ascii_digit))
            };
            near(Some(i + 1), Some(i + 2)) || near(i.checked_sub(1), i.checked_sub(2))
        }
    })
}

/// Most words of a field's label ("thumbnail:", "cat_thumb_Bone:") before an image's address.
const MAX_IMAGE_LABEL_WORDS: usize = 3;

/// The label of a field whose value is an image's address ("thumbnail:" before
/// "https://…/tee.jpg") goes with its value: a short line ending with a colon right before it.
fn image_labels(
    blocks: &[Block],
    features: &[Features],
    mut evidence: Vec<Option<Evidence>>,
) -> Vec<Option<Evidence>> {
    for i in 1..blocks.len() {
        let label = &blocks[i - 1];
        if evidence[i - 1].is_none()
            && label.kind != BlockKind::Code
            && features[i - 1].words <= MAX_IMAGE_LABEL_WORDS
            && label.text.trim_end().ends_with([':', '：'])
            && blocks[i].kind != BlockKind::Code
            && is_image_address(&blocks[i].text)
        {
            evidence[i - 1] = Some(Evidence {
                category: Category::Other,
                reason: "labels an image's address printed as text".into(),
            });
        }
    }
    evidence
}

/// File name endings of raster and vector images (the formats browsers display), lower case.
const IMAGE_EXTENSIONS: [&str; 10] = [
    ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".bmp", ".tif", ".tiff",
];

/// Whether `text` is one web address of an image file and nothing else: a shop's or a
/// gallery's image field printed as text (a custom field "thumbnail: https://…/tee.jpg"), never
/// read by a visitor. An address in code or in a sentence is not one.
fn is_image_address(text: &str) -> bool {
    let text = text.trim();
    let Some(rest) = ["https://", "http://", "//"]
        .iter()
        .find_map(|scheme| text.strip_prefix(scheme))
    else {
        return false;
    };
    if rest.is_empty() || rest.contains(char::is_whitespace) {
        return false;
    }
    let path = rest
        .split(['?', '#'])
        .next()
        .unwrap_or(rest)
        .to_ascii_lowercase();
    IMAGE_EXTENSIONS.iter().any(|ext| path.ends_with(ext))
}

/// The contiguous range of blocks with the greatest total weight, if any is positive.
fn main_span(weights: &[f32]) -> Option<Range<usize>> {
    let (mut best, mut best_range) = (0.0f32, None);
    let (mut sum, mut start) = (0.0f32, 0);
    for (i, &w) in weights.iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += w;
        if sum > best {
            best = sum;
            best_range = Some(start..i + 1);
        }
    }
    best_range
}

/// The headline block: the block equal to the markup headline if there is one, else the most
/// headline-like line before the article (or opening it).
fn find_title(
    blocks: &[Block],
    doc: &DocumentFeatures,
    evidence: &[Option<Evidence>],
    span: Option<std::ops::Range<usize>>,
    hint: Option<&str>,
) -> Option<usize> {
    let span = span?;
    if let Some(hint) = hint {
        let hint = crate::lexicon::normalize(hint);
        let lo = span.start.saturating_sub(TITLE_WINDOW);
        let hi = (span.start + 3).min(blocks.len());
        return (lo..hi).find(|&i| doc.normalized(i) == hint);
    }
    // The span's first block may be the headline only if the article goes on after it.
    let hi = if span.len() > 1 {
        span.start + 1
    } else {
        span.start
    };
    let features = &doc.blocks;
    let candidate = |i: usize| {
        let f = &features[i];
        let text = blocks[i].text.trim_end();
        // A headline is one line, does not start in lowercase (a line cut from running text
        // does), and is not the author line under it.
        evidence[i].is_none()
            && !text.contains('\n')
            && !text.trim_start().starts_with(char::is_lowercase)
            && !crate::lexicon::is_byline(text)
            && (3..=40).contains(&f.words)
            && (f.ending != Ending::Sentence || text.ends_with(['?', '!', '？', '！']))
            && matches!(
                blocks[i].kind,
                BlockKind::Paragraph | BlockKind::Heading { .. }
            )
    };
    (0..hi)
        .filter(|&i| candidate(i))
        .map(|i| (title_score(i, &blocks[i].text, &features[i], span.start), i))
        .filter(|&(score, _)| score > 0.0)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, i)| i)
        .map(|best| {
            // The page's <title> ("Interview. Headline - Site") often opens a flattened page;
            // the on-page headline it contains is the cleaner one.
            let title =
                crate::lexicon::normalize(crate::title::strip_site_suffix(&blocks[best].text));
            // The line just before that is the headline alone (declutter's own output starts
            // so) is the headline: cleaning the cleaned text keeps the same one.
            let bare_before = best
                .checked_sub(1)
                .filter(|&i| candidate(i) && doc.normalized(i) == title);
            bare_before.unwrap_or_else(|| {
                (best + 1..hi)
                    .filter(|&i| candidate(i))
                    .find(|&i| {
                        let line = doc.normalized(i);
                        line.len() < title.len() && title.contains(line)
                    })
                    .unwrap_or(best)
            })
        })
}

/// How much a line looks like the page's headline.
fn title_score(i: usize, text: &str, f: &Features, article_start: usize) -> f32 {
    let mut score = f.words.min(25) as f32 - 3.0 * f.numeric as f32;
    // A flattened page often starts with its <title>: "Headline | Site". A line of several
    // such parts ("Author | date | section") is a byline.
    if text.matches(" | ").count() >= 2 {
        score -= 20.0;
    } else if crate::title::strip_site_suffix(text) != text.trim() {
        score += 15.0;
    }
    if i == 0 {
        score += 10.0;
    }
    // Breadcrumbs and bylines are short lines near the article too.
    let separators = text.matches(['»', '›', '>', '/']).count();
    if separators >= 2 || text.contains('@') {
        score -= 20.0;
    }
    // The headline sits just before the article.
    score - 0.5 * article_start.saturating_sub(i) as f32
}

/// How every reason [`outside`] gives ends.
const OUTSIDE_THE_SPAN: &str = "outside the main text";

/// Whether `verdict` was given by the block's place relative to the article's span (kept
/// inside it, or removed outside it by [`outside`]) rather than by evidence of its own.
pub(crate) fn judged_by_position(verdict: &Verdict) -> bool {
    match verdict {
        Verdict::Removed { reason, .. } => reason.as_ref().ends_with(OUTSIDE_THE_SPAN),
        Verdict::Title | Verdict::Content => true,
    }
}

/// A section after the article needs this many words of prose to be one the article left out
/// (a landing page's next section behind a row of cards).
const LEFT_OUT_SECTION_WORDS: usize = 30;
/// …in at least this many paragraphs: a heading over one paragraph is an item (a teaser, an
/// FAQ entry, a related course), and a run of them is a list the truths leave out (measured
/// on WCXB dev: one paragraph took 7 articles and 2 service pages' related lists).
const LEFT_OUT_SECTION_PARAGRAPHS: usize = 2;

/// The words of the prose sections an article judgement left out: after its last kept block,
/// a heading judged by its place at a level the article's own subheadings have (not its
/// headline), followed only by paragraphs that end a sentence, also judged by their place.
/// Counted per section; sections under [`LEFT_OUT_SECTION_WORDS`] count nothing. A page's
/// next section under a sibling heading is the page's, not a widget's: widgets carry
/// evidence (a lexicon heading, links, a mark) and are not judged by place.
pub(crate) fn sections_left_out(
    blocks: &[Block],
    features: &[Features],
    verdicts: &[Verdict],
) -> usize {
    let Some(last) = verdicts.iter().rposition(Verdict::is_content) else {
        return 0;
    };
    let level = |i: usize| match blocks[i].kind {
        BlockKind::Heading { level } if level > 1 => Some(level),
        _ => None,
    };
    let mut levels = [false; 7];
    for i in (0..=last).filter(|&i| verdicts[i].is_content()) {
        if let Some(l) = level(i) {
            levels[usize::from(l)] = true;
        }
    }
    // A section's (words, paragraphs).
    let (mut total, mut section) = (0, None::<(usize, usize)>);
    let mut close = |section: Option<(usize, usize)>| {
        if let Some((words, _)) = section
            .filter(|&(w, p)| w >= LEFT_OUT_SECTION_WORDS && p >= LEFT_OUT_SECTION_PARAGRAPHS)
        {
            total += words;
        }
    };
    for i in last + 1..blocks.len() {
        let by_place = judged_by_position(&verdicts[i]);
        if let Some(l) = level(i) {
            close(section.take());
            section = (by_place && levels[usize::from(l)]).then_some((0, 0));
        } else if let Some((words, paragraphs)) = section {
            // A line between its paragraphs (an item's title, an FAQ's question) makes the
            // section a list of items; a block removed on its own evidence (a footer) ends it.
            let question = blocks[i].text.trim_end().ends_with(['?', '？', '؟']);
            section = if !by_place {
                close(section);
                None
            } else {
                (blocks[i].kind == BlockKind::Paragraph
                    && features[i].ending == Ending::Sentence
                    && !question)
                    .then_some((words + features[i].words, paragraphs + 1))
            };
        }
    }
    close(section);
    total
}

/// The lead (standfirst) of an HTML article: the paragraph just under the headline's `<h1>`, both
/// outside the main region (a page header holding headline, lead, byline and picture above
/// the body). It is the article's when it reads as prose, links nothing, and only short lines
/// and debris (the byline, a caption, a share bar) stand between it and the article.
///
/// Measured: ScrapingHub 0.9764 → 0.9759 and WCXB dev articles 0.9547 → 0.9544, whose truths
/// leave a page's standfirst or excerpt out; the held-out multilingual set counts it as text.
fn standfirst(
    blocks: &[Block],
    features: &[Features],
    classes: &[Class],
    evidence: &[Option<Evidence>],
    title: Option<usize>,
    span: Option<Range<usize>>,
) -> Option<usize> {
    let start = span?.start;
    let lead = (0..start)
        .rev()
        .find(|&i| evidence[i].is_none() && classes[i] != Class::Short)?;
    let outside_region = |i: usize| blocks[i].markup.in_main == Some(false);
    let is_lead = lead > 0
        && matches!(blocks[lead - 1].kind, BlockKind::Heading { level: 1 })
        && title == Some(lead - 1)
        && outside_region(lead - 1)
        && outside_region(lead)
        && reads_as_lead(&blocks[lead], &features[lead], classes[lead]);
    is_lead.then_some(lead)
}

/// Whether a block reads as an article's lead: a paragraph of prose that ends a sentence and
/// links nothing.
fn reads_as_lead(block: &Block, features: &Features, class: Class) -> bool {
    block.kind == BlockKind::Paragraph
        && block.markup.link_chars == 0
        && features.ending == Ending::Sentence
        && matches!(class, Class::Good | Class::NearGood)
}

/// The lead of an HTML article marked as a teaser (German CMSs call the standfirst a
/// "teaser"): the paragraph just under the headline, alone in a container whose class or id
/// names related content, reading as prose and linking nothing. A related widget is a list
/// of links to other stories, not one unlinked paragraph under the headline.
fn marked_lead(
    blocks: &[Block],
    features: &[Features],
    classes: &[Class],
    evidence: &[Option<Evidence>],
    title: Option<usize>,
) -> Option<usize> {
    let lead = title? + 1;
    let block = blocks.get(lead)?;
    let (category, token) = block.markup.debris_container.as_ref()?;
    let alone = |i: Option<usize>| {
        i.and_then(|i| blocks.get(i))
            .and_then(|b| b.markup.debris_container.as_ref())
            .is_none_or(|(_, t)| t != token)
    };
    let is_lead = *category == Category::Related
        && evidence[lead].is_some()
        && alone(lead.checked_sub(1))
        && alone(Some(lead + 1))
        && reads_as_lead(block, &features[lead], classes[lead]);
    is_lead.then_some(lead)
}

/// The verdict for a block outside the main span that carries no evidence of its own (its
/// reason ends with [`OUTSIDE_THE_SPAN`]).
fn outside(words: usize, class: Class, before: bool) -> Verdict {
    let category = if before && words < SHORT_WORDS {
        Category::Navigation
    } else {
        Category::Other
    };
    // Fixed text: this runs for most blocks of a page, and allocating a reason costs more.
    let reason = match (before, class) {
        (true, Class::Short) => "before the article: a short line outside the main text",
        (true, Class::Truncated) => {
            "before the article: a snippet cut mid-sentence outside the main text"
        }
        (true, Class::Bad) => {
            "before the article: text that does not read as prose outside the main text"
        }
        (true, Class::Good | Class::NearGood) => {
            "before the article: a paragraph outside the main text"
        }
        (false, Class::Short) => "after the article: a short line outside the main text",
        (false, Class::Truncated) => {
            "after the article: a snippet cut mid-sentence outside the main text"
        }
        (false, Class::Bad) => {
            "after the article: text that does not read as prose outside the main text"
        }
        (false, Class::Good | Class::NearGood) => {
            "after the article: a paragraph outside the main text"
        }
    };
    Verdict::removed(category, reason)
}

#[cfg(test)]
mod tests {
    use crate::{Options, PageType, clean};

    /// The text kept from `html` judged as a page of `page_type`.
    fn kept(html: &str, page_type: PageType) -> String {
        let options = Options {
            page_type: Some(page_type),
            ..Options::default()
        };
        clean(html.as_bytes(), &options).unwrap().text()
    }

    /// A landing page's main column: a pitch, then `panel`.
    fn landing(panel: &str) -> String {
        format!(
            "<html><body><main><h1>Cold storage for small kitchens</h1>\
             <p>We rent chilled and frozen lockers to restaurants, bakeries and market stalls \
             by the week, with deliveries straight into them at any hour of the day.</p>\
             {panel}</main></body></html>"
        )
    }

    #[test]
    fn every_reason_outside_the_span_is_known_as_positional() {
        use super::{Class, judged_by_position, outside};
        let classes = [
            Class::Good,
            Class::NearGood,
            Class::Short,
            Class::Truncated,
            Class::Bad,
        ];
        for class in classes {
            for before in [true, false] {
                assert!(judged_by_position(&outside(5, class, before)));
            }
        }
        let evidence = crate::Verdict::removed(crate::Category::Share, "is the share label");
        assert!(!judged_by_position(&evidence));
    }

    #[test]
    fn an_image_address_printed_as_text_goes_with_its_label() {
        let html = "<html><body><main><h1>Heavy cotton tee</h1>\
             <p>A boxy tee of heavy cotton jersey that keeps its shape after many washes, \
             with a ribbed collar and double stitched hems.</p>\
             <dl><dt>Fit:</dt><dd>Regular fit</dd>\
             <dt>thumbnail_sand:</dt><dd>https://cdn.example.com/img/160x160/tee_sand.jpg?v=2</dd>\
             <dt>thumbnail_navy:</dt><dd>//cdn.example.com/img/160x160/tee_navy.webp</dd></dl>\
             <p>See https://example.com/care.png for the washing instructions of this tee.</p>\
             </main></body></html>";
        for page_type in [PageType::Product, PageType::Article] {
            let text = kept(html, page_type);
            assert!(!text.contains("tee_sand.jpg"), "{page_type:?}: {text}");
            assert!(!text.contains("tee_navy.webp"), "{page_type:?}: {text}");
            assert!(!text.contains("thumbnail_sand"), "{page_type:?}: {text}");
            assert!(text.contains("boxy tee"), "{page_type:?}: {text}");
            assert!(
                text.contains("care.png for the washing"),
                "{page_type:?}: {text}"
            );
        }
        assert!(super::is_image_address(
            "https://a.example/x/photo.JPEG#zoom"
        ));
        assert!(!super::is_image_address(
            "https://a.example/photo.jpg and more"
        ));
        assert!(!super::is_image_address("https://a.example/page.html"));
    }

    #[test]
    fn a_product_pages_own_price_stays_and_its_other_price_lines_go() {
        let html = "<html><body><main><h1>Walnut cutting board</h1>\
             <p>Now $129.99</p><p>Regular price 209,99\u{a0}€</p>\
             <p>A thick end grain board of oiled walnut that is kind to knife edges and stands \
             on four rubber feet, so it never slides on the counter.</p>\
             <p>It measures 40 by 30 centimetres and weighs four kilograms.</p>\
             <p>Our largest board costs less than $200 and fits every kitchen counter we know.</p>\
             <h2>Boards like this one</h2><p>Oak board</p><p>Sale price $59.00</p>\
             <p>Cherry board</p><p>Sale price $79.00</p>\
             </main></body></html>";
        let text = kept(html, PageType::Product);
        assert!(text.contains("$129.99"), "{text}");
        assert!(!text.contains("209,99"), "{text}");
        assert!(!text.contains("$59.00"), "{text}");
        assert!(!text.contains("$79.00"), "{text}");
        assert!(text.contains("end grain board"), "{text}");
        assert!(text.contains("less than $200"), "{text}");
        assert!(super::has_price("¥ 1200"));
        assert!(!super::has_price("Save $ now"));
    }

    #[test]
    fn a_threads_member_facts_and_controls_go_and_its_posts_stay() {
        let post = |name: &str, text: &str| {
            format!(
                "<div class=\"post\"><div class=\"user\"><p>{name}</p><p>Senior member</p>\
                 <p>Joined: Mar 2019</p><p>Posts: 1,204</p></div>\
                 <p>{text}</p><p>Reply</p></div>"
            )
        };
        let html = format!(
            "<html><body><main><h1>Which rope for a first climbing rack?</h1>{}{}</main>\
             </body></html>",
            post(
                "ann",
                "I am buying my first rope for the gym and for easy routes outside, and I \
                 wonder whether a thicker one lasts longer."
            ),
            post(
                "bob",
                "A thicker rope lasts longer and is easier to hold, so take one of ten \
                 millimetres for the first years."
            ),
        );
        let text = kept(&html, PageType::Forum);
        assert!(text.contains("wonder whether a thicker one"), "{text}");
        assert!(text.contains("easier to hold"), "{text}");
        for meta in ["Senior member", "Joined", "Posts:", "Reply"] {
            assert!(!text.contains(meta), "{meta} in {text}");
        }
    }

    #[test]
    fn a_shops_recommendation_carousel_beside_a_product_goes() {
        let html = "<html><body><main><h1>Trail 25 pack</h1><p>A light day pack with a rain \
                    cover, two side pockets and a padded back panel for long hikes.</p>\
                    <p>Weight: 1 lb 13 oz</p><h2>Customers also bought</h2>\
                    <p>Trail 40 pack</p><p>$149.95</p><p>Rain cover</p><p>$29.95</p>\
                    </main></body></html>";
        let text = kept(html, PageType::Product);
        assert!(text.contains("padded back panel"), "{text}");
        assert!(text.contains("Weight: 1 lb 13 oz"), "{text}");
        for debris in ["Customers also bought", "Trail 40 pack", "$29.95"] {
            assert!(!text.contains(debris), "{debris} in {text}");
        }
    }

    #[test]
    fn a_documentation_line_linking_its_source_stays_and_the_sidebar_tree_goes() {
        let html = "<html><body><main><nav class=\"tree\"><ul>\
                    <li><a href=\"/a\">Installing on Windows machines</a></li>\
                    <li><a href=\"/b\">Installing on Linux machines</a></li></ul></nav>\
                    <article><h1>Configuration</h1><p>The tool reads its settings from one \
                    file in your home directory, and every key can be overridden on the \
                    command line when you run it.</p><ul><li>See <a href=\"/ref\">the complete \
                    reference of every key</a>.</li></ul></article></main></body></html>";
        let text = kept(html, PageType::Documentation);
        assert!(text.contains("complete reference of every key"), "{text}");
        assert!(!text.contains("Linux machines"), "{text}");
    }

    #[test]
    fn a_column_holding_a_tagline_of_a_long_page_is_not_its_content() {
        // The posts sit in a container whose class names a sidebar, beside the title bar:
        // the column falls on the tagline, a sliver of the page's words.
        let peaks = [
            "Alder", "Birch", "Cedar", "Dune", "Elm", "Fir", "Gorse", "Heath", "Ivy", "Juniper",
            "Kestrel", "Larch", "Maple", "Nettle", "Oak", "Pine", "Quince", "Rowan", "Sorrel",
            "Thorn",
        ];
        let post = |peak: &&str| {
            format!(
                "<div class=\"message\"><p>I climbed {peak} Peak by its north ridge last week \
                 and the fixed ropes near the top were worn through in two places, so bring \
                 your own and check every anchor before you trust it with your weight.</p></div>"
            )
        };
        let posts: String = peaks.iter().map(post).collect();
        let html = format!(
            "<html><body><div class=\"titleBar\"><p>Trip reports from the northern range, \
             told by the people who went.</p></div><div class=\"with-sidebar\">{posts}</div>\
             </body></html>"
        );
        let text = kept(&html, PageType::Forum);
        assert!(text.contains("I climbed Larch Peak"), "{text}");
    }

    #[test]
    fn a_panel_shown_twice_is_kept_once() {
        let panel =
            "<div><h3>Built to last</h3><p>Steel doors.</p><p>Alarm on every lid.</p></div>";
        let text = kept(&landing(&format!("{panel}{panel}")), PageType::Service);
        assert_eq!(text.matches("Alarm on every lid.").count(), 1, "{text}");
        // A column of one value is not a copy: each "Yes" answers its own row.
        let yes = "<p>Yes</p>".repeat(6);
        let text = kept(&landing(&yes), PageType::Service);
        assert_eq!(text.matches("Yes").count(), 6, "{text}");
    }

    /// `text` flattened, judged as `page_type`, and judged again from its cleaned text.
    fn cleaned_twice(text: &str, page_type: PageType) -> (String, String) {
        let options = Options {
            input: crate::InputKind::Text,
            page_type: Some(page_type),
            ..Options::default()
        };
        let once = clean(text.as_bytes(), &options).unwrap().text();
        let twice = clean(once.as_bytes(), &options).unwrap().text();
        (once, twice)
    }

    #[test]
    fn copies_that_meet_once_debris_between_them_goes_are_dropped() {
        // A panel of three lines, a newsletter box, the panel again: the copy goes on the
        // first pass, not only once the box is gone.
        let panel = "Built to last\nSteel doors on every locker.\nAn alarm on every lid.\n";
        let page = format!(
            "Cold storage for small kitchens\n\
             We rent chilled and frozen lockers to restaurants, bakeries and market stalls by \
             the week, with deliveries straight into them at any hour of the day.\n\
             {panel}Sign up for our newsletter\nGet our offers by email every week.\n{panel}\
             Ask us for a quote today and we will answer within a working day.\n"
        );
        let (once, twice) = cleaned_twice(&page, PageType::Listing);
        assert_eq!(once.matches("An alarm on every lid.").count(), 1, "{once}");
        assert_eq!(once, twice);
    }

    #[test]
    fn short_lines_before_a_closing_heading_are_the_articles_edge() {
        // "* News" sits between the article and "Leave a Reply": it is judged as it would
        // be at the article's end, so cleaning the cleaned text removes nothing more.
        let page = "Bridge to be rebuilt after floods | Valley Herald\n\
             the repair was cut off in the middle of a sentence by the scraper and\n\
             continues on this line, as hard-wrapped prose does.\n\
             * News\n\
             Leave a Reply\n\
             Residents of both villages have complained for months that the detour adds \
             almost an hour to their daily journeys.\n\
             Engineers said the work would take at least two years and that a temporary \
             ferry would run in the meantime for commuters.\n";
        let (once, twice) = cleaned_twice(page, PageType::Article);
        assert!(once.contains("hard-wrapped prose"), "{once}");
        assert!(!once.contains("* News"), "{once}");
        assert_eq!(once, twice);
    }

    /// A page-builder page judged with the type the page model finds.
    fn judged(html: &str) -> crate::Cleaned {
        clean(html.as_bytes(), &Options::default()).unwrap()
    }

    /// A page builder's page: a hero, a long section, a row of cards, then `after`, each in
    /// the nested boxes such builders write, with no main region.
    fn builder_page(after: &str) -> String {
        let (open, close) = (BOX_OPEN, BOX_CLOSE);
        format!(
            "<html lang=es><body><nav><a href=/>Inicio</a> <a href=/precios>Precios</a></nav>\
             {open}<h1>Talleres de cerámica</h1>\
             <p>Clases de torno y modelado para adultos en el centro de la ciudad.</p>{close}\
             {open}<h2>Por qué aprender con nosotros</h2>\
             <p>Los grupos son de seis personas como máximo, de modo que cada alumno tiene \
             tiempo con el profesor en cada clase y un torno propio durante toda la sesión.</p>\
             <p>El barro, los esmaltes y las dos cocciones de cada pieza están incluidos en el \
             precio, y las piezas se recogen terminadas dos semanas después de la clase.</p>\
             <p>Las clases se pueden recuperar otro día de la misma semana si se avisa con un \
             día de antelación, sin ningún coste añadido para el alumno.</p>{close}\
             <div class=row><div class=cards><a href=/t/1><h3>Torno</h3><p>Ocho clases</p></a>\
             <a href=/t/2><h3>Modelado</h3><p>Seis clases</p></a></div></div>\
             {open}{after}{close}<footer><p>© 2024 Taller del Barro</p></footer></body></html>"
        )
    }

    /// The boxes a page builder nests each section in.
    const BOX_OPEN: &str = "<div class=row><div class=col><div class=box><div class=inner><div class=wrap><div class=txt>";
    const BOX_CLOSE: &str = "</div></div></div></div></div></div>";

    #[test]
    fn a_section_under_the_articles_heading_level_after_cards_makes_a_landing_page() {
        let section = "<h2>Cómo reservar</h2>\
             <p>Se reserva en línea con una semana de antelación y se paga al llegar a la \
             primera clase, en efectivo o con tarjeta.</p>\
             <p>Los bonos regalo valen un año y se pueden usar en cualquier taller.</p>";
        let cleaned = judged(&builder_page(section));
        assert_eq!(
            cleaned.page.page_type,
            PageType::Service,
            "{:?}",
            cleaned.page
        );
        let text = cleaned.text();
        assert!(text.contains("Los grupos son de seis personas"), "{text}");
        assert!(text.contains("Cómo reservar"), "{text}");
        assert!(text.contains("Los bonos regalo valen un año"), "{text}");
        assert!(!text.contains("© 2024"), "{text}");
    }

    #[test]
    fn items_or_questions_under_a_heading_after_the_article_are_not_a_section() {
        // An FAQ (a question over each answer) and a list of courses (a title over each
        // snippet) are lists of items: the page stays one article.
        let faq = "<h2>Preguntas frecuentes</h2>\
             <p>¿Hace falta experiencia previa?</p>\
             <p>No, las clases empiezan desde cero y el profesor enseña cada paso del torno.</p>\
             <p>¿Qué ropa conviene llevar?</p>\
             <p>Ropa cómoda que se pueda manchar, porque el barro salpica bastante.</p>";
        let courses = "<h2>Otros cursos</h2>\
             <p>Esmaltes</p><p>Un curso de cuatro tardes para aprender a esmaltar las piezas propias.</p>\
             <p>Raku</p><p>Un fin de semana de cocción al aire libre con el horno del taller.</p>";
        for after in [faq, courses] {
            let cleaned = judged(&builder_page(after));
            assert_eq!(cleaned.page.page_type, PageType::Article, "{after}");
        }
    }
}
