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

use crate::block::{Block, BlockKind, Category, Verdict};
use crate::features::{DocumentFeatures, Features};
use crate::lexicon::Mode;
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
/// A paragraph is on-topic when at least this share of its distinctive words occur elsewhere in
/// the article.
const COHERENCE_MIN_SHARE: f32 = 0.15;
/// How many short sentences at each edge of the main span join it.
const EDGE_SENTENCES: usize = 3;
/// Link density above which a block is navigation rather than prose (HTML only).
const LINK_DENSE: f32 = 0.5;

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
    reason: String,
}

/// Classifies `blocks` given their features. `title_hint` is the headline the front-end found
/// in markup (HTML), if any.
pub fn classify(
    blocks: &[Block],
    doc: &DocumentFeatures,
    title_hint: Option<&str>,
) -> Vec<Verdict> {
    let features = &doc.blocks;
    let density = doc.language.map(|_| prose_density(features));
    let classes: Vec<Class> = blocks
        .iter()
        .zip(features)
        .map(|(b, f)| class_of(b, f, density))
        .collect();
    let evidence: Vec<Option<Evidence>> = blocks
        .iter()
        .zip(features)
        .map(|(b, f)| debris_evidence(b, f))
        .collect();
    let sections = sections(blocks, features, &classes);

    let weights: Vec<f32> = (0..blocks.len())
        .map(|i| {
            weight(
                &blocks[i],
                &features[i],
                classes[i],
                evidence[i].is_some() || sections[i].is_some(),
            )
        })
        .collect();
    let mut span = main_span(&weights);
    let mut tail: Option<Evidence> = None;
    if let Some(found) = span.clone() {
        let (cut, reason) = cut_at_terminator(blocks, features, &weights, found.clone());
        tail = reason;
        // In HTML the main region already bounds the article; coherence is for flattened text.
        let coherent = if blocks[cut.start].markup.in_main.is_some() {
            cut
        } else {
            off_topic_edges(features, &classes, cut)
        };
        if coherent.end < found.end && tail.is_none() {
            tail = Some(Evidence {
                category: Category::Related,
                reason: "after the article: off-topic, shares few distinctive words with it".into(),
            });
        }
        span = Some(extend_edges(
            blocks, features, &classes, &evidence, &sections, coherent,
        ));
    }
    if std::env::var_os("DECLUTTER_DEBUG").is_some() {
        for i in 0..blocks.len() {
            eprintln!(
                "{i:4} {:?} w={:.1} {:?} main={:?} ld={:.2} sw={:.2} ev={} {:.60}",
                classes[i],
                weights[i],
                blocks[i].kind,
                blocks[i].markup.in_main,
                features[i].link_density,
                features[i].stop_ratio(),
                evidence[i].is_some(),
                blocks[i].text.replace('\n', " ")
            );
        }
        eprintln!("span {span:?}");
    }
    let title = find_title(blocks, features, &evidence, span.clone(), title_hint);

    (0..blocks.len())
        .map(|i| {
            if Some(i) == title {
                return Verdict::Title;
            }
            if let Some(e) = &evidence[i] {
                return Verdict::removed(e.category, e.reason.clone());
            }
            if let Some(section) = &sections[i] {
                return Verdict::removed(section.category, section.reason.clone());
            }
            match &span {
                Some(span) if span.contains(&i) => Verdict::Content,
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
        .collect()
}

/// The stop-word density of the document's sentence-like text: the reference against which
/// a block reads as prose. Languages differ (English prose is denser in stop words than
/// Russian), so thresholds are relative to it.
fn prose_density(features: &[Features]) -> f32 {
    let (stop, words) = features
        .iter()
        .filter(|f| f.words >= LONG_WORDS && f.ending == Ending::Sentence && f.hit.is_none())
        .fold((0, 0), |(s, w), f| (s + f.stopwords, w + f.words));
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
fn debris_evidence(block: &Block, f: &Features) -> Option<Evidence> {
    if let Some((category, token)) = &block.markup.debris_container {
        return Some(Evidence {
            category: *category,
            reason: format!("inside a container marked “{token}”"),
        });
    }
    if let Some(hit) = f.hit {
        let reason = match hit.mode {
            Mode::Exact => format!("is the {} label “{}”", hit.category, hit.phrase),
            Mode::Heading => format!("heading “{}” opens a {} section", hit.phrase, hit.category),
            Mode::Prefix => format!("starts with the {} phrase “{}”", hit.category, hit.phrase),
            Mode::Contains => format!("contains the {} phrase “{}”", hit.category, hit.phrase),
        };
        return Some(Evidence {
            category: hit.category,
            reason,
        });
    }
    if f.link_density > LINK_DENSE && f.words < 3 * LONG_WORDS {
        return Some(Evidence {
            category: Category::Navigation,
            reason: format!("{:.0}% of its text is links", f.link_density * 100.0),
        });
    }
    None
}

/// A debris section a block belongs to.
struct Section {
    category: Category,
    reason: String,
}

/// Marks the blocks that belong to debris sections: those opened by a heading phrase, and runs
/// of teasers.
fn sections(blocks: &[Block], features: &[Features], classes: &[Class]) -> Vec<Option<Section>> {
    let n = blocks.len();
    let mut marks: Vec<Option<Section>> = (0..n).map(|_| None).collect();
    let short = |j: usize| j < n && classes[j] == Class::Short;
    let mut i = 0;
    while i < n {
        // A section heading inside a list, or between two short lines, is a menu entry.
        let opens = |h: &crate::lexicon::Hit| {
            h.mode == Mode::Heading
                && !matches!(blocks[i].kind, BlockKind::ListItem { .. })
                && !(i > 0 && short(i - 1) && short(i + 1))
        };
        let Some(hit) = features[i].hit.filter(opens) else {
            i += 1;
            continue;
        };
        let heading = blocks[i].text.trim();
        let mut j = i + 1;
        while j < n {
            // A section ends where prose resumes, at the next section heading, at an ordinary
            // heading, and where the HTML front-end's main region begins or ends.
            let ends = features[j].hit.is_some_and(|h| h.mode == Mode::Heading)
                || matches!(blocks[j].kind, BlockKind::Heading { .. })
                || blocks[j].markup.in_main != blocks[i].markup.in_main
                || (matches!(classes[j], Class::Good | Class::NearGood)
                    && features[j].hit.is_none());
            if ends {
                break;
            }
            marks[j] = Some(Section {
                category: hit.category,
                reason: format!("in the {} section under “{heading}”", hit.category),
            });
            j += 1;
        }
        i = j;
    }
    // Teaser runs: at least two pairs of a title line and a snippet cut mid-sentence.
    let title_like = |j: usize| {
        let f = &features[j];
        (2..=24).contains(&f.words) && f.ending != Ending::Sentence && f.capitalized * 3 >= f.words
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

/// The content weight of a block for the main-span search: positive for prose, negative for
/// debris. Weights are in words, so long blocks count more.
fn weight(block: &Block, f: &Features, class: Class, debris: bool) -> f32 {
    let words = f.words as f32;
    let base = if debris {
        -(words + 10.0)
    } else {
        match class {
            Class::Good => words,
            Class::NearGood => 0.5 * words,
            Class::Short => -2.0,
            Class::Truncated => -0.5 * words,
            Class::Bad => -words,
        }
    };
    // Inside the region the HTML front-end chose, blocks hold the span together (their own
    // evidence still removes them); outside it, they pull against it.
    match block.markup.in_main {
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
        let Some(hit) = features[i].hit.filter(|h| h.mode == Mode::Heading) else {
            continue;
        };
        if blocks[i].markup.in_main.is_some()
            || matches!(blocks[i].kind, BlockKind::ListItem { .. })
        {
            continue;
        }
        if weight_before >= TERMINATOR_SHARE * total {
            let heading = blocks[i].text.trim();
            let reason = format!("after “{heading}”, which closes the article",);
            return (
                span.start..i,
                Some(Evidence {
                    category: hit.category,
                    reason,
                }),
            );
        }
    }
    (span, None)
}

/// Shrinks the span from its end past paragraphs that share few distinctive words with the rest
/// of the article: teasers for other stories read as prose but are off-topic. At least two such
/// paragraphs must close the span, so an article's own odd last paragraph stays.
fn off_topic_edges(features: &[Features], classes: &[Class], span: Range<usize>) -> Range<usize> {
    let judged = |i: usize| {
        matches!(classes[i], Class::Good | Class::NearGood | Class::Truncated)
            && features[i].terms.len() >= COHERENCE_MIN_TERMS
    };
    let mut counts: std::collections::HashMap<u64, u32> = std::collections::HashMap::new();
    for i in span.clone().filter(|&i| judged(i)) {
        for t in &features[i].terms {
            *counts.entry(*t).or_default() += 1;
        }
    }
    let coherent = |i: usize| {
        let terms = &features[i].terms;
        let shared = terms
            .iter()
            .filter(|t| counts.get(t).copied().unwrap_or(0) >= 2)
            .count();
        shared as f32 >= COHERENCE_MIN_SHARE * terms.len() as f32
    };
    let mut end = span.end;
    let mut incoherent = 0;
    for i in span.clone().rev() {
        if !judged(i) {
            continue;
        }
        if coherent(i) {
            if incoherent >= 2 {
                end = i + 1;
            }
            break;
        }
        incoherent += 1;
    }
    span.start..end
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
    let extends = |i: usize| {
        classes[i] == Class::Short
            && features[i].ending == Ending::Sentence
            && evidence[i].is_none()
            && sections[i].is_none()
            && blocks[i].markup.in_main != Some(false)
    };
    let (mut start, mut end) = (span.start, span.end);
    while start > 0 && span.start - start < EDGE_SENTENCES && extends(start - 1) {
        start -= 1;
    }
    while end < blocks.len() && end - span.end < EDGE_SENTENCES && extends(end) {
        end += 1;
    }
    start..end
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
    features: &[Features],
    evidence: &[Option<Evidence>],
    span: Option<std::ops::Range<usize>>,
    hint: Option<&str>,
) -> Option<usize> {
    let span = span?;
    if let Some(hint) = hint {
        let hint = crate::lexicon::normalize(hint);
        let lo = span.start.saturating_sub(TITLE_WINDOW);
        let hi = (span.start + 3).min(blocks.len());
        return (lo..hi).find(|&i| crate::lexicon::normalize(&blocks[i].text) == hint);
    }
    let hi = (span.start + 1).min(blocks.len());
    (0..hi)
        .filter(|&i| {
            let f = &features[i];
            let text = blocks[i].text.trim_end();
            evidence[i].is_none()
                && (3..=40).contains(&f.words)
                && (f.ending != Ending::Sentence || text.ends_with(['?', '!', '？', '！']))
                && matches!(
                    blocks[i].kind,
                    BlockKind::Paragraph | BlockKind::Heading { .. }
                )
        })
        .map(|i| (title_score(i, &blocks[i].text, &features[i], span.start), i))
        .filter(|&(score, _)| score > 0.0)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, i)| i)
}

/// How much a line looks like the page's headline.
fn title_score(i: usize, text: &str, f: &Features, article_start: usize) -> f32 {
    let mut score = f.words.min(25) as f32 - 3.0 * f.numeric as f32;
    // A flattened page often starts with its <title>: "Headline | Site".
    if crate::title::strip_site_suffix(text) != text.trim() {
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

/// The verdict for a block outside the main span that carries no evidence of its own.
fn outside(words: usize, class: Class, before: bool) -> Verdict {
    let shape = match class {
        Class::Short => "a short line",
        Class::Truncated => "a snippet cut mid-sentence",
        Class::Bad => "text that does not read as prose",
        Class::Good | Class::NearGood => "a paragraph",
    };
    if before {
        let category = if words < SHORT_WORDS {
            Category::Navigation
        } else {
            Category::Other
        };
        Verdict::removed(
            category,
            format!("before the article: {shape} outside the main text"),
        )
    } else {
        Verdict::removed(
            Category::Other,
            format!("after the article: {shape} outside the main text"),
        )
    }
}
