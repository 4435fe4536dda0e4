//! Character-level helpers shared by the stages: word characters, scripts without spaces,
//! word iteration and sentence endings.

use std::borrow::Cow;

/// Whether `c` belongs to a word (the `\w` of the benchmark metric: letters, digits, marks, `_`).
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    // The commonest blocks are answered without the Unicode tables (the tests check every
    // character against them).
    match c as u32 {
        // General Punctuation: spaces, dashes, quotes.
        0x2000..=0x206F => false,
        // Latin-1 letters, Latin Extended-A and -B.
        0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x24F => true,
        // Cyrillic letters.
        0x400..=0x481 | 0x48A..=0x52F => true,
        // Hangul syllables.
        0xAC00..=0xD7A3 => true,
        _ => c.is_alphanumeric() || is_mark(c),
    }
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0900..=0x0DFF | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
        && !c.is_alphanumeric()
}

/// Whether `c` belongs to a script written without spaces between words (Han, Kana, Thai…),
/// where each character counts as a word.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0x0E00..=0x0E7F    // Thai
        | 0x20000..=0x2FFFF) // CJK extensions B–F
}

/// Appends `c` lowercased (as [`char::to_lowercase`] has it) to `out`. The commonest blocks are
/// answered without the Unicode tables (a test checks every character against them).
pub(crate) fn push_lowercase(c: char, out: &mut String) {
    let shift = match c as u32 {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x410..=0x42F => 0x20,
        0x400..=0x40F => 0x50,
        // No uppercase letters: ASCII and Latin-1 besides the above, Cyrillic lowercase,
        // Hebrew to Devanagari, Thai, Kana and CJK, Hangul syllables.
        0..=0xFF | 0x430..=0x45F | 0x590..=0x97F | 0xE00..=0xE7F | 0x3040..=0x9FFF => 0,
        0xAC00..=0xD7A3 => 0,
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push(char::from_u32(c as u32 + shift).unwrap_or(c));
}

/// `text` as a reader sees it: soft hyphens (U+00AD, invisible unless a line breaks there),
/// control characters other than tab and line breaks, and Unicode noncharacters (U+FDD0–U+FDEF,
/// U+xFFFE, U+xFFFF) removed, and the rest in normalisation form C (decomposed letters from NFD
/// sources become the precomposed letters a search matches). Borrowed when nothing changes,
/// the common case, which costs a scan: about one instruction a byte for printable ASCII, a
/// few a character for the scripts `is_composed_alone` answers without the Unicode tables.
pub fn normalized(text: &str) -> Cow<'_, str> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    // Plain ASCII needs nothing: the scan by characters starts at the first other byte (a
    // character boundary, as every byte before it is ASCII).
    let Some(first_other) = first_not_plain(text.as_bytes()) else {
        return Cow::Borrowed(text);
    };
    let mut simple = true;
    for c in text[first_other..].chars() {
        // Latin letters first: below U+0300 only controls and the soft hyphen need a look.
        let common_latin =
            (0x20..0x300).contains(&(c as u32)) && !('\u{7F}'..='\u{AD}').contains(&c);
        if common_latin {
            continue;
        }
        if is_dropped(c) {
            return Cow::Owned(text.chars().filter(|&c| !is_dropped(c)).nfc().collect());
        }
        simple = simple && is_composed_alone(c);
    }
    if simple || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// Where the first byte that is not printable ASCII, a tab or a line break is, if any. Decided
/// a chunk at a time without branching inside it, so the compiler vectorises the loop.
fn first_not_plain(bytes: &[u8]) -> Option<usize> {
    const CHUNK: usize = 32;
    let chunk = bytes.chunks(CHUNK).position(|chunk| {
        !chunk
            .iter()
            .fold(true, |plain, &b| plain & is_plain_byte(b))
    })?;
    let at = chunk * CHUNK;
    bytes[at..]
        .iter()
        .position(|&b| !is_plain_byte(b))
        .map(|i| at + i)
}

/// Whether `b` is printable ASCII, a tab or a line break.
#[inline]
fn is_plain_byte(b: u8) -> bool {
    (0x20..0x7F).contains(&b) | (b == b'\n') | (b == b'\t') | (b == b'\r')
}

/// Whether `c` is in NFC whatever surrounds it (quick-check "yes", combining class 0), for the
/// commonest scripts; `false` means "look it up". A test checks every character of these
/// ranges against the Unicode tables.
fn is_composed_alone(c: char) -> bool {
    let code = c as u32;
    if code >= 0x3000 {
        matches!(code,
            0x3000..=0x3029         // CJK punctuation
            | 0x3041..=0x3096       // Hiragana
            | 0x30A1..=0x30FA       // Katakana
            | 0x4E00..=0x9FFF       // CJK unified ideographs
            | 0xAC00..=0xD7A3       // Hangul syllables
            | 0xFF01..=0xFF5E) // fullwidth forms
    } else {
        matches!(code,
            0..=0x2FF               // ASCII, Latin-1, Latin Extended-A and -B, IPA, modifiers
            | 0x400..=0x482         // Cyrillic letters
            | 0x48A..=0x52F
            | 0x5D0..=0x5EA         // Hebrew letters
            | 0x621..=0x64A         // Arabic letters
            | 0x2010..=0x2027) // dashes, quotes, bullets, ellipsis
    }
}

/// [`normalized`] in place.
pub fn normalize(text: &mut String) {
    if let Cow::Owned(changed) = normalized(text) {
        *text = changed;
    }
}

/// Characters [`normalized`] removes.
fn is_dropped(c: char) -> bool {
    let code = c as u32;
    c == '\u{AD}'
        || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || (0xFDD0..=0xFDEF).contains(&code)
        || code & 0xFFFE == 0xFFFE
}

/// Iterates over the words of `text`: runs of word characters, and single characters of
/// scripts without spaces.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = word_start(text, at)?;
        at = word_end(text, start);
        Some(&text[start..at])
    })
}

/// Whether the ASCII byte `b` is a word character (see [`is_word_char`]).
pub(crate) fn is_ascii_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The character starting at byte `at` of `text` (a char boundary inside it).
pub(crate) fn char_at(text: &str, at: usize) -> char {
    text[at..].chars().next().unwrap_or_default()
}

/// The byte offset of the first word character at or after `from` (a char boundary).
fn word_start(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            if is_ascii_word_byte(b) {
                return Some(i);
            }
            i += 1;
        } else {
            let c = char_at(text, i);
            if is_word_char(c) {
                return Some(i);
            }
            i += c.len_utf8();
        }
    }
    None
}

/// Where the word that starts at byte `start` ends: after its single character in a script
/// without spaces, else at the first character that is not a word character or is one of such
/// a script. ASCII bytes are taken as characters without UTF-8 decoding.
pub(crate) fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let first = char_at(text, start);
    if is_cjk(first) {
        return start + first.len_utf8();
    }
    let mut i = start + first.len_utf8();
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            if !is_ascii_word_byte(b) {
                return i;
            }
            i += 1;
        } else {
            let c = char_at(text, i);
            if !is_word_char(c) || is_cjk(c) {
                return i;
            }
            i += c.len_utf8();
        }
    }
    i
}

/// How a block of text ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ending {
    /// With sentence-final punctuation, possibly followed by closing quotes or brackets.
    Sentence,
    /// Open: a letter, digit or comma, as a line cut mid-sentence or a title ends.
    Open,
    /// Anything else (a colon, a dash, a symbol).
    Other,
}

/// Classifies how `text` ends.
pub(crate) fn ending(text: &str) -> Ending {
    let trimmed = text.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '」' | '』' | '）' | '*'
            )
    });
    match trimmed.chars().next_back() {
        Some('.' | '!' | '?' | '…' | '。' | '！' | '？' | '؟' | '।' | ';' | '︒') => {
            Ending::Sentence
        }
        Some(c) if is_word_char(c) || matches!(c, ',' | '，' | '、') => Ending::Open,
        _ => Ending::Other,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The words of `text` by their definition, one character at a time.
    fn reference_words(text: &str) -> Vec<&str> {
        let mut words = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            if let Some(s) = start {
                if is_word_char(c) && !is_cjk(c) {
                    continue;
                }
                words.push(&text[s..i]);
                start = None;
            }
            if is_word_char(c) {
                if is_cjk(c) {
                    words.push(&text[i..i + c.len_utf8()]);
                } else {
                    start = Some(i);
                }
            }
        }
        if let Some(s) = start {
            words.push(&text[s..]);
        }
        words
    }

    /// Text made of the characters word splitting and normalisation treat specially.
    pub(crate) fn tricky_text() -> impl Strategy<Value = String> {
        let chars = vec![
            'a', 'B', 'z', 'Q', '_', ' ', ' ', '\t', '\n', '\u{b}', '\u{a0}', '\u{2003}', '1', '9',
            ',', '.', '-', '|', 'é', 'É', 'İ', 'ß', 'Σ', '東', '京', 'ก', '’', '“', '—', '\u{300}',
            '\u{93e}', '\u{20d0}', '\u{2071}', 'K', '٣',
        ];
        proptest::collection::vec(proptest::sample::select(chars), 0..40)
            .prop_map(|chars| chars.into_iter().collect())
    }

    proptest! {
        #[test]
        fn words_match_their_definition(text in tricky_text()) {
            prop_assert_eq!(words(&text).collect::<Vec<_>>(), reference_words(&text));
        }
    }

    #[test]
    fn lowercase_agrees_with_the_unicode_tables() {
        let mut out = String::new();
        let wrong: Vec<char> = (char::MIN..=char::MAX)
            .filter(|&c| {
                out.clear();
                push_lowercase(c, &mut out);
                !out.chars().eq(c.to_lowercase())
            })
            .collect();
        assert!(wrong.is_empty(), "{wrong:?}");
    }

    #[test]
    fn word_characters_agree_with_the_unicode_tables() {
        let wrong: Vec<char> = (char::MIN..=char::MAX)
            .filter(|&c| is_word_char(c) != (c.is_alphanumeric() || c == '_' || is_mark(c)))
            .collect();
        assert!(wrong.is_empty(), "{wrong:?}");
    }

    #[test]
    fn words_split_spaced_and_unspaced_scripts() {
        let w: Vec<_> = words("It’s 10km — 東京都, ok").collect();
        assert_eq!(w, ["It", "s", "10km", "東", "京", "都", "ok"]);
    }

    #[test]
    fn endings() {
        assert_eq!(ending("He said “yes.”"), Ending::Sentence);
        assert_eq!(ending("Related Article"), Ending::Open);
        assert_eq!(ending("cut in the middle of a,"), Ending::Open);
        assert_eq!(ending("Read more:"), Ending::Other);
        assert_eq!(ending("日本語の文。"), Ending::Sentence);
    }

    #[test]
    fn composed_alone_agrees_with_the_unicode_tables() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_composed_alone(c))
        {
            assert_eq!(is_nfc_quick([c].into_iter()), IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
    }

    #[test]
    fn normalize_removes_invisible_characters_and_composes() {
        let mut t =
            String::from("Inter\u{AD}nationa\u{AD}li\u{AD}sie\u{AD}rung\u{1D} ok\u{FFFF}\u{FDD0}");
        normalize(&mut t);
        assert_eq!(t, "Internationalisierung ok");
        // "é" written as e + combining acute (NFD) becomes one letter (NFC).
        let mut t = String::from("Cafe\u{301} cre\u{300}me");
        normalize(&mut t);
        assert_eq!(t, "Caf\u{E9} cr\u{E8}me");
        let mut t = String::from("Line one\ntab\there");
        normalize(&mut t);
        assert_eq!(t, "Line one\ntab\there");
    }
}
