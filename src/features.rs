//! Stage 4 — features: measurable facts about each block (length, stop-word density, how it
//! ends, link density, lexicon matches) and about the document (its language).

use crate::block::Block;
use crate::lexicon::{Hit, LANGUAGE_COUNT, LEXICON, Language, STOPWORDS, Stopwords};
use crate::text::{Ending, ending, is_cjk, words};

/// Distinctive words are compared by their first this many characters.
const STEM_CHARS: usize = 5;
/// Shorter words are not distinctive.
const MIN_TERM_CHARS: usize = 4;

/// Facts about one block.
#[derive(Debug, Clone)]
pub struct Features {
    /// Number of words (characters, in scripts without spaces).
    pub words: usize,
    /// Number of stop words of the document's language.
    pub stopwords: usize,
    /// Words that start with an uppercase letter.
    pub capitalized: usize,
    /// Words that contain a digit.
    pub numeric: usize,
    /// How the block ends.
    pub ending: Ending,
    /// Share of the text inside links (HTML only; 0 for flattened text).
    pub link_density: f32,
    /// A lexicon phrase the block matches.
    pub hit: Option<Hit>,
    /// Hashes of the block's distinctive words (lowercase, not stop words, 4+ letters), for
    /// topical coherence.
    pub terms: Vec<u64>,
}

impl Features {
    /// Stop words per word (0 for an empty block).
    pub fn stop_ratio(&self) -> f32 {
        if self.words == 0 {
            0.0
        } else {
            self.stopwords as f32 / self.words as f32
        }
    }
}

/// Features of every block, and the document language if its stop words reveal it.
pub struct DocumentFeatures {
    /// One entry per block, in order.
    pub blocks: Vec<Features>,
    /// The language whose stop words dominate the document.
    pub language: Option<Language>,
}

/// Computes the features of all blocks in one pass over their words.
pub fn extract(blocks: &[Block]) -> DocumentFeatures {
    let stop = &*STOPWORDS;
    let mut per_language: Vec<[usize; LANGUAGE_COUNT]> = Vec::with_capacity(blocks.len());
    let mut totals = [0usize; LANGUAGE_COUNT];
    let mut features = Vec::with_capacity(blocks.len());
    let mut lower = String::new();
    let mut scratch = String::new();
    for block in blocks {
        let mut counts = [0usize; LANGUAGE_COUNT];
        let (mut n, mut capitalized, mut numeric) = (0, 0, 0);
        let mut terms = Vec::new();
        for word in words(&block.text) {
            n += 1;
            let first = word.chars().next().unwrap_or(' ');
            capitalized += usize::from(first.is_uppercase());
            numeric += usize::from(word.bytes().any(|b| b.is_ascii_digit()));
            lower.clear();
            let long = if word.is_ascii() {
                lower.push_str(word);
                lower.make_ascii_lowercase();
                lower.len() >= MIN_TERM_CHARS
            } else {
                lower.extend(word.chars().flat_map(char::to_lowercase));
                lower.chars().count() >= MIN_TERM_CHARS
            };
            let mut mask = stop.languages_of(&lower);
            if mask == 0 && long && !is_cjk(first) && !first.is_ascii_digit() {
                // A crude stem: the first few letters ("municipios", "municipal" → "munic").
                let stem_end = if lower.is_ascii() {
                    lower.len().min(STEM_CHARS)
                } else {
                    lower
                        .char_indices()
                        .nth(STEM_CHARS)
                        .map_or(lower.len(), |(at, _)| at)
                };
                terms.push(fnv1a(&lower.as_bytes()[..stem_end]));
            }
            while mask != 0 {
                counts[mask.trailing_zeros() as usize] += 1;
                mask &= mask - 1;
            }
        }
        for (total, count) in totals.iter_mut().zip(&counts) {
            *total += count;
        }
        per_language.push(counts);
        terms.sort_unstable();
        terms.dedup();
        let link_density = if block.text.is_empty() {
            0.0
        } else {
            (block.markup.link_chars as f32 / block.text.chars().count() as f32).min(1.0)
        };
        features.push(Features {
            words: n,
            stopwords: 0,
            capitalized,
            numeric,
            ending: ending(&block.text),
            link_density,
            hit: LEXICON.match_block(&block.text, n, &mut scratch),
            terms,
        });
    }
    let language = Stopwords::best(&totals, features.iter().map(|f| f.words).sum());
    if let Some(language) = language {
        for (f, counts) in features.iter_mut().zip(&per_language) {
            f.stopwords = counts[language.index()];
        }
    }
    DocumentFeatures {
        blocks: features,
        language,
    }
}

/// 64-bit FNV-1a: a fast, stable hash for word identity.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
