//! Character-level helpers shared by the stages: word characters, scripts without spaces,
//! word iteration and sentence endings.

/// Whether `c` belongs to a word (the `\w` of the benchmark metric: letters, digits, marks, `_`).
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    c.is_alphanumeric() || is_mark(c)
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0900..=0x0DFF | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
        && !c.is_alphanumeric()
}

/// Whether `c` belongs to a script written without spaces between words (Han, Kana, Thai…),
/// where each character counts as a word.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0x0E00..=0x0E7F    // Thai
        | 0x20000..=0x2FFFF) // CJK extensions B–F
}

/// Iterates over the words of `text`: runs of word characters, and single characters of
/// scripts without spaces.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = find_char(rest, 0, is_word_char)?;
        rest = &rest[start..];
        let first = rest.chars().next()?;
        let end = if is_cjk(first) {
            first.len_utf8()
        } else {
            find_char(rest, first.len_utf8(), |c| !is_word_char(c) || is_cjk(c))
                .unwrap_or(rest.len())
        };
        let (word, tail) = rest.split_at(end);
        rest = tail;
        Some(word)
    })
}

/// The byte offset of the first character at or after `from` (a char boundary) that
/// satisfies `pred`; ASCII bytes are taken as characters without UTF-8 decoding.
fn find_char(s: &str, from: usize, pred: impl Fn(char) -> bool) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            if pred(char::from(b)) {
                return Some(i);
            }
            i += 1;
        } else {
            let c = s[i..].chars().next()?;
            if pred(c) {
                return Some(i);
            }
            i += c.len_utf8();
        }
    }
    None
}

/// How a block of text ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// With sentence-final punctuation, possibly followed by closing quotes or brackets.
    Sentence,
    /// Open: a letter, digit or comma, as a line cut mid-sentence or a title ends.
    Open,
    /// Anything else (a colon, a dash, a symbol).
    Other,
}

/// Classifies how `text` ends.
pub fn ending(text: &str) -> Ending {
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
mod tests {
    use super::*;

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
}
