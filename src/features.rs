//! Stage 4 — features: measurable facts about each block (length, stop-word density, how it
//! ends, link density, lexicon matches) and about the document (its language).

use crate::block::Block;
use crate::error::Error;
use crate::lexicon::{
    Hit, LANGUAGE_COUNT, LEXICON, Language, STOPWORDS, Stopwords, normalize_onto,
};
use crate::limits::{Budget, CHECK_EVERY};
use crate::text::{Ending, char_at, ending, is_cjk, is_word_char, push_lowercase, word_end};

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
    /// Every block's normalised text (see [`crate::lexicon::normalize`]), one after the other.
    normalized: String,
    /// Where each block's normalised text ends in `normalized`.
    normalized_ends: Vec<usize>,
    /// Every block's terms (see [`DocumentFeatures::terms`]), one after the other.
    terms: Vec<u64>,
    /// Where each block's terms end in `terms`.
    terms_ends: Vec<usize>,
}

impl DocumentFeatures {
    /// The normalised text (see [`crate::lexicon::normalize`]) of block `i`.
    pub fn normalized(&self, i: usize) -> &str {
        let start = if i == 0 {
            0
        } else {
            self.normalized_ends[i - 1]
        };
        &self.normalized[start..self.normalized_ends[i]]
    }

    /// Hashes of the distinctive words of block `i` (lowercase, not stop words, 4+ letters),
    /// sorted and without duplicates, for topical coherence.
    pub fn terms(&self, i: usize) -> &[u64] {
        let start = if i == 0 { 0 } else { self.terms_ends[i - 1] };
        &self.terms[start..self.terms_ends[i]]
    }
}

/// What the words of one block add up to.
#[derive(Default)]
struct WordCounts {
    words: usize,
    capitalized: usize,
    numeric: usize,
    /// Stop words of each language.
    stopwords: [usize; LANGUAGE_COUNT],
}

impl WordCounts {
    /// Counts one word whose lowercase form is a stop word in the languages of `mask`.
    fn add(&mut self, capitalized: bool, numeric: bool, mut mask: u32) {
        self.words += 1;
        self.capitalized += usize::from(capitalized);
        self.numeric += usize::from(numeric);
        while mask != 0 {
            self.stopwords[mask.trailing_zeros() as usize] += 1;
            mask &= mask - 1;
        }
    }
}

/// Counts the words of `text` (as [`crate::text::words`] splits them) and pushes the hashes of its
/// distinctive words' stems to `terms`; `lower` is a reused buffer. ASCII words, most of
/// them, are found and measured without UTF-8 decoding.
fn count_words(
    text: &str,
    stop: &Stopwords,
    lower: &mut String,
    terms: &mut Vec<u64>,
) -> WordCounts {
    let bytes = text.as_bytes();
    let mut counts = WordCounts::default();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        if b.is_ascii() {
            if ASCII_CLASS[usize::from(b)] & WORD == 0 {
                i += 1;
                continue;
            }
            let scan = scan_ascii_word(bytes, start);
            i = scan.end;
            if !continues_word(text, i) {
                ascii_word(&text[start..i], &scan, stop, lower, terms, &mut counts);
                continue;
            }
        } else {
            let c = char_at(text, i);
            if !is_word_char(c) {
                i += c.len_utf8();
                continue;
            }
        }
        i = word_end(text, start);
        other_word(&text[start..i], stop, lower, terms, &mut counts);
    }
    counts
}

/// Whether a non-ASCII character at byte `at` of `text` continues the word before it.
fn continues_word(text: &str, at: usize) -> bool {
    text.as_bytes().get(at).is_some_and(|b| !b.is_ascii()) && {
        let c = char_at(text, at);
        is_word_char(c) && !is_cjk(c)
    }
}

/// Byte class bit of [`ASCII_CLASS`]: a word character (see [`crate::text::is_word_char`]).
const WORD: u8 = 1;
/// Byte class bit of [`ASCII_CLASS`]: an ASCII digit.
const DIGIT: u8 = 2;

/// The class bits ([`WORD`], [`DIGIT`]) of every byte; 0 for non-ASCII bytes.
static ASCII_CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() || byte == b'_' {
            table[b] |= WORD;
        }
        if byte.is_ascii_digit() {
            table[b] |= DIGIT;
        }
        b += 1;
    }
    table
};

/// A run of ASCII word bytes, measured in one pass.
struct AsciiScan {
    /// Where the run ends (exclusive).
    end: usize,
    /// Its first 8 bytes, lowercase, packed as [`Stopwords::languages_of_short_ascii`] takes them.
    key: u64,
    /// Whether it contains a digit.
    digit: bool,
}

/// Scans the run of ASCII word bytes that starts at `start` (a word byte).
fn scan_ascii_word(bytes: &[u8], start: usize) -> AsciiScan {
    let mut key = 0u64;
    let mut classes = 0u8;
    let mut i = start;
    while let Some(&b) = bytes.get(i) {
        let class = ASCII_CLASS[usize::from(b)];
        if class & WORD == 0 {
            break;
        }
        classes |= class;
        if i - start < 8 {
            key |= u64::from(b.to_ascii_lowercase()) << (8 * (i - start));
        }
        i += 1;
    }
    AsciiScan {
        end: i,
        key,
        digit: classes & DIGIT != 0,
    }
}

/// [`count_words`] for one ASCII word, measured by [`scan_ascii_word`].
fn ascii_word(
    word: &str,
    scan: &AsciiScan,
    stop: &Stopwords,
    lower: &mut String,
    terms: &mut Vec<u64>,
    counts: &mut WordCounts,
) {
    let first = word.as_bytes()[0];
    let mask = if word.len() <= 8 {
        stop.languages_of_short_ascii(scan.key)
    } else {
        stop.languages_of_ascii(word, lower)
    };
    if mask == 0 && word.len() >= MIN_TERM_CHARS && !first.is_ascii_digit() {
        // A crude stem: the first few letters ("municipios", "municipal" → "munic"), which
        // the key holds lowercase.
        let stem = (0..word.len().min(STEM_CHARS)).map(|i| (scan.key >> (8 * i)) as u8);
        terms.push(fnv1a(stem));
    }
    counts.add(first.is_ascii_uppercase(), scan.digit, mask);
}

/// [`count_words`] for one word with non-ASCII characters.
fn other_word(
    word: &str,
    stop: &Stopwords,
    lower: &mut String,
    terms: &mut Vec<u64>,
    counts: &mut WordCounts,
) {
    let first = word.chars().next().unwrap_or(' ');
    lower.clear();
    for c in word.chars() {
        push_lowercase(c, lower);
    }
    let long = lower.chars().count() >= MIN_TERM_CHARS;
    let mask = stop.languages_of(lower);
    if mask == 0 && long && !is_cjk(first) && !first.is_ascii_digit() {
        let stem_end = lower
            .char_indices()
            .nth(STEM_CHARS)
            .map_or(lower.len(), |(at, _)| at);
        terms.push(fnv1a(lower.as_bytes()[..stem_end].iter().copied()));
    }
    counts.add(
        first.is_uppercase(),
        word.bytes().any(|b| b.is_ascii_digit()),
        mask,
    );
}

/// Text measured between two looks at the time budget, in bytes (besides every
/// [`CHECK_EVERY`] blocks).
const CHECK_BYTES: usize = 1 << 20;

/// Computes the features of all blocks in one pass over their words, looking at the time
/// budget every 4,096 blocks or 1 MiB of text (`Error::Timeout` when it runs out).
pub fn extract(blocks: &[Block], budget: &Budget) -> Result<DocumentFeatures, Error> {
    let stop = &*STOPWORDS;
    let mut per_language: Vec<[usize; LANGUAGE_COUNT]> = Vec::with_capacity(blocks.len());
    // Stop words per language and words, in blocks without and with debris evidence.
    let mut totals = [0usize; LANGUAGE_COUNT];
    let mut chrome_totals = [0usize; LANGUAGE_COUNT];
    let (mut unmarked_words, mut chrome_words) = (0, 0);
    let mut features = Vec::with_capacity(blocks.len());
    let mut lower = String::new();
    let mut normalized = String::with_capacity(blocks.iter().map(|b| b.text.len()).sum());
    let mut normalized_ends = Vec::with_capacity(blocks.len());
    // A block's terms are gathered in a reused buffer, then appended to the document's.
    let mut terms = Vec::new();
    let mut all_terms = Vec::new();
    let mut terms_ends = Vec::with_capacity(blocks.len());
    let mut bytes_since_check = 0;
    for (i, block) in blocks.iter().enumerate() {
        bytes_since_check += block.text.len();
        if i % CHECK_EVERY == CHECK_EVERY - 1 || bytes_since_check >= CHECK_BYTES {
            bytes_since_check = 0;
            budget.check("measuring features")?;
        }
        terms.clear();
        let counts = count_words(&block.text, stop, &mut lower, &mut terms);
        terms.sort_unstable();
        terms.dedup();
        all_terms.extend_from_slice(&terms);
        terms_ends.push(all_terms.len());
        // Text blocks have no links: their density is 0 without counting characters.
        let link_density = if block.text.is_empty() || block.markup.link_chars == 0 {
            0.0
        } else {
            (block.markup.link_chars as f32 / block.text.chars().count() as f32).min(1.0)
        };
        let start = normalized.len();
        normalize_onto(&block.text, &mut normalized);
        normalized_ends.push(normalized.len());
        let hit = LEXICON.match_text(&normalized[start..], counts.words);
        // The article's language, not its chrome's: menus, sidebars and widgets marked as
        // debris may be in the site's language while the article is in another.
        let marked = hit.is_some() || block.markup.debris_container.is_some();
        let (totals, words) = if marked {
            (&mut chrome_totals, &mut chrome_words)
        } else {
            (&mut totals, &mut unmarked_words)
        };
        for (total, count) in totals.iter_mut().zip(&counts.stopwords) {
            *total += count;
        }
        *words += counts.words;
        per_language.push(counts.stopwords);
        features.push(Features {
            words: counts.words,
            stopwords: 0,
            capitalized: counts.capitalized,
            numeric: counts.numeric,
            ending: ending(&block.text),
            link_density,
            hit,
        });
    }
    // Without unmarked text to tell, the whole page's.
    let language = Stopwords::best(&totals, unmarked_words).or_else(|| {
        for (total, count) in totals.iter_mut().zip(&chrome_totals) {
            *total += count;
        }
        Stopwords::best(&totals, unmarked_words + chrome_words)
    });
    if let Some(language) = language {
        for (f, counts) in features.iter_mut().zip(&per_language) {
            f.stopwords = counts[language.index()];
        }
    }
    Ok(DocumentFeatures {
        blocks: features,
        language,
        normalized,
        normalized_ends,
        terms: all_terms,
        terms_ends,
    })
}

/// 64-bit FNV-1a: a fast, stable hash for word identity.
fn fnv1a(bytes: impl Iterator<Item = u8>) -> u64 {
    bytes.fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// [`ascii_word`] by its definition, without [`scan_ascii_word`].
    fn reference_ascii_word(
        word: &str,
        stop: &Stopwords,
        lower: &mut String,
        terms: &mut Vec<u64>,
        counts: &mut WordCounts,
    ) {
        let first = word.as_bytes()[0];
        let mask = stop.languages_of(&word.to_ascii_lowercase());
        if mask == 0 && word.len() >= MIN_TERM_CHARS && !first.is_ascii_digit() {
            let stem = &word.as_bytes()[..word.len().min(STEM_CHARS)];
            terms.push(fnv1a(stem.iter().map(u8::to_ascii_lowercase)));
        }
        lower.clear();
        counts.add(
            first.is_ascii_uppercase(),
            word.bytes().any(|b| b.is_ascii_digit()),
            mask,
        );
    }

    proptest! {
        #[test]
        fn count_words_matches_words(text in crate::text::tests::tricky_text()) {
            let stop = &*STOPWORDS;
            let mut lower = String::new();
            let (mut terms, mut expected_terms) = (Vec::new(), Vec::new());
            let counts = count_words(&text, stop, &mut lower, &mut terms);
            let mut expected = WordCounts::default();
            for word in crate::text::words(&text) {
                if word.is_ascii() {
                    reference_ascii_word(word, stop, &mut lower, &mut expected_terms, &mut expected);
                } else {
                    other_word(word, stop, &mut lower, &mut expected_terms, &mut expected);
                }
            }
            prop_assert_eq!(terms, expected_terms);
            prop_assert_eq!(
                (counts.words, counts.capitalized, counts.numeric, counts.stopwords),
                (expected.words, expected.capitalized, expected.numeric, expected.stopwords)
            );
        }
    }
}
