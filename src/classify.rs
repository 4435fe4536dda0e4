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
use crate::text::Ending;

/// Blocks under this many words are "short": judged by their neighbours, not by themselves.
const SHORT_WORDS: usize = 10;
/// Blocks of at least this many words with good stop-word density are "good".
const LONG_WORDS: usize = 25;
/// Stop-word density from which a block reads as prose.
const STOP_HIGH: f32 = 0.26;
/// Stop-word density below which a block does not read as prose.
const STOP_LOW: f32 = 0.18;
/// A block without a sentence ending of at least this many words was cut mid-sentence.
const TRUNCATED_WORDS: usize = 12;
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
    let has_language = doc.language.is_some();
    let classes: Vec<Class> = blocks
        .iter()
        .zip(features)
        .map(|(b, f)| class_of(b, f, has_language))
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
    let span = main_span(&weights);
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
                Some(_) => outside(features[i].words, classes[i], false),
                None => Verdict::removed(
                    Category::Other,
                    "the page has no article text: nothing reads as prose",
                ),
            }
        })
        .collect()
}

fn class_of(block: &Block, f: &Features, has_language: bool) -> Class {
    if f.words < SHORT_WORDS {
        return Class::Short;
    }
    if f.ending == Ending::Open && f.words >= TRUNCATED_WORDS && block.kind == BlockKind::Paragraph
    {
        return Class::Truncated;
    }
    let stop = f.stop_ratio();
    let prose = if has_language {
        stop >= STOP_HIGH
    } else {
        f.ending == Ending::Sentence
    };
    if prose {
        if f.words >= LONG_WORDS {
            Class::Good
        } else {
            Class::NearGood
        }
    } else if !has_language || stop >= STOP_LOW {
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
    let prose = |j: usize| j < n && classes[j] == Class::Good && features[j].hit.is_none();
    let mut i = 0;
    while i < n {
        let Some(hit) = features[i].hit.filter(|h| h.mode == Mode::Heading) else {
            i += 1;
            continue;
        };
        let heading = blocks[i].text.trim();
        let mut j = i + 1;
        while j < n {
            // A section ends at the next section heading, at an ordinary heading, and where the
            // HTML front-end's main region begins or ends.
            let next_heading = features[j].hit.is_some_and(|h| h.mode == Mode::Heading)
                || matches!(blocks[j].kind, BlockKind::Heading { .. })
                || blocks[j].markup.in_main != blocks[i].markup.in_main;
            let resumes = (prose(j) && prose(j + 1))
                || (classes[j] == Class::Short && prose(j + 1) && prose(j + 2));
            if next_heading || resumes {
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

/// The contiguous range of blocks with the greatest total weight, if any is positive.
fn main_span(weights: &[f32]) -> Option<std::ops::Range<usize>> {
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
/// headline-like short line just before the article (or opening it).
fn find_title(
    blocks: &[Block],
    features: &[Features],
    evidence: &[Option<Evidence>],
    span: Option<std::ops::Range<usize>>,
    hint: Option<&str>,
) -> Option<usize> {
    let span = span?;
    let lo = span.start.saturating_sub(6);
    let hi = (span.start + 1).min(blocks.len());
    if let Some(hint) = hint {
        let hint = crate::lexicon::normalize(hint);
        return (lo..hi.max(span.start + 3).min(blocks.len()))
            .find(|&i| crate::lexicon::normalize(&blocks[i].text) == hint);
    }
    (lo..hi)
        .filter(|&i| {
            let f = &features[i];
            evidence[i].is_none() && (3..=30).contains(&f.words) && f.ending != Ending::Sentence
                || f.ending == Ending::Sentence
                    && blocks[i].text.trim_end().ends_with('?')
                    && (3..=30).contains(&f.words)
        })
        .filter(|&i| {
            matches!(
                blocks[i].kind,
                BlockKind::Paragraph | BlockKind::Heading { .. }
            )
        })
        .max_by_key(|&i| {
            let f = &features[i];
            (f.words as i64 - 3 * f.numeric as i64, i)
        })
        .filter(|&i| {
            let f = &features[i];
            f.words as i64 - 3 * f.numeric as i64 >= 3
        })
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
