//! Dates in page metadata, normalised to ISO 8601: `YYYY-MM-DD`, or
//! `YYYY-MM-DDTHH:MM:SS` with the offset (`+hh:mm` or `Z`) when the page states a time.
//!
//! Machine-readable values (`2024-07-19T10:00:00+02:00`, `2024-07-19 10:00`) are parsed with
//! `jiff`; dates written for readers ("19 July 2024", "19. Juli 2024", "July 19th, 2024",
//! "19/07/2024", "2024年7月19日") are read from the words, with the month names of
//! `src/lexicon/month-numbers.txt`, and checked with `jiff`.

use std::sync::LazyLock;

use jiff::civil::Date;
use jiff::fmt::temporal::{Pieces, PiecesOffset};

/// Month names and abbreviations with their numbers (`src/lexicon/month-numbers.txt`).
static MONTHS: LazyLock<rustc_hash::FxHashMap<&'static str, i8>> = LazyLock::new(|| {
    include_str!("lexicon/month-numbers.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (name, number) = l.rsplit_once(' ')?;
            Some((name.trim(), number.parse().ok()?))
        })
        .collect()
});

/// Whether a lower-case word is a month's name or abbreviation (`month-numbers.txt`).
pub(crate) fn is_month(word: &str) -> bool {
    MONTHS.contains_key(word.trim_end_matches('.'))
}

/// Years outside this range are not publication dates (a price, a phone number, a version):
/// the web's first pages are from 1991, and a page is not dated far in the future.
const YEARS: std::ops::RangeInclusive<i16> = 1991..=2100;

/// A machine-readable or written date, normalised; `None` when `text` holds no date.
pub fn normalize(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() || text.len() > 200 {
        return None;
    }
    machine(text).or_else(|| written(text).map(|d| d.to_string()))
}

/// An ISO 8601 / RFC 3339 value (also with a space before the time, or fractional seconds).
fn machine(text: &str) -> Option<String> {
    let pieces = Pieces::parse(text).ok()?;
    let date = pieces.date();
    if !YEARS.contains(&date.year()) {
        return None;
    }
    let Some(time) = pieces.time() else {
        return Some(date.to_string());
    };
    let offset = match pieces.offset() {
        Some(PiecesOffset::Zulu) => "Z".to_string(),
        Some(PiecesOffset::Numeric(n)) => {
            let seconds = n.offset().seconds();
            let sign = if seconds < 0 || (seconds == 0 && n.is_negative()) {
                '-'
            } else {
                '+'
            };
            let seconds = seconds.abs();
            format!("{sign}{:02}:{:02}", seconds / 3600, seconds % 3600 / 60)
        }
        _ => String::new(),
    };
    Some(format!(
        "{date}T{:02}:{:02}:{:02}{offset}",
        time.hour(),
        time.minute(),
        time.second()
    ))
}

/// Whether `text` may hold a written date: it has a run of four digits (a year), or a CJK
/// year mark. A cheap test before [`written`].
pub fn may_hold_date(text: &str) -> bool {
    let mut run = 0;
    for b in text.bytes() {
        if b.is_ascii_digit() {
            run += 1;
            if run == 4 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    text.contains(['年', '년'])
}

/// A token of written text: a number (with its ordinal suffix dropped) or a lower-case word.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Token<'a> {
    Number(u32, usize),
    Word(&'a str),
    /// A separator between numbers: `/`, `.` or `-`.
    Sep(char),
}

/// The first date written in `text` for readers, day precision.
pub fn written(text: &str) -> Option<Date> {
    if let Some(date) = cjk(text) {
        return Some(date);
    }
    let lower = text.to_lowercase();
    let tokens = tokenize(&lower);
    let n = tokens.len();
    for i in 0..n {
        // Numeric: YYYY-MM-DD, D.M.YYYY, M/D/YYYY, with one separator twice.
        if let (Some(Token::Number(a, la)), Some(Token::Sep(s)), Some(Token::Number(b, _))) =
            (tokens.get(i), tokens.get(i + 1), tokens.get(i + 2))
        {
            if let (Some(Token::Sep(s2)), Some(Token::Number(c, lc))) =
                (tokens.get(i + 3), tokens.get(i + 4))
            {
                if s == s2 {
                    let found = if *la == 4 {
                        date(*a, *b, *c)
                    } else if *lc == 4 || *lc == 2 {
                        let year = if *lc == 2 { 2000 + c } else { *c };
                        // Day first ("19.07.2024"), unless the second number cannot be a
                        // month, or a slash writes the American order ("07/19/2024").
                        if *b > 12 || *s == '/' {
                            date(year, *a, *b).or_else(|| date(year, *b, *a))
                        } else {
                            date(year, *b, *a)
                        }
                    } else {
                        None
                    };
                    if found.is_some() {
                        return found;
                    }
                }
            }
        }
        // Words: "19 July 2024", "July 19, 2024", "19 de julio de 2024".
        if let Some(Token::Word(w)) = tokens.get(i) {
            let Some(&month) = MONTHS.get(w.trim_end_matches('.')) else {
                continue;
            };
            let number = |j: usize| match tokens.get(j) {
                Some(Token::Number(v, _)) => Some(*v),
                _ => None,
            };
            let skip = |j: usize| match tokens.get(j) {
                Some(Token::Word("de" | "del" | "of")) | Some(Token::Sep('.')) => j + 1,
                _ => j,
            };
            // Day before: "19 July 2024", "19. Juli 2024", "19 de julio de 2024".
            let before = i
                .checked_sub(1)
                .and_then(|j| match tokens.get(j) {
                    Some(Token::Word("de")) | Some(Token::Sep('.')) => j.checked_sub(1),
                    _ => Some(j),
                })
                .and_then(number);
            let after = number(skip(i + 1));
            let year_after = |j: usize| number(skip(j)).filter(|y| *y >= 1000);
            let month = u32::from(month as u8);
            if let (Some(day), Some(year)) = (before, year_after(i + 1)) {
                if let Some(d) = date(year, month, day) {
                    return Some(d);
                }
            }
            if let Some(day) = after {
                if let Some(year) = year_after(skip(i + 1) + 1) {
                    if let Some(d) = date(year, month, day) {
                        return Some(d);
                    }
                }
            }
        }
    }
    None
}

/// `2024年7月19日` (Chinese, Japanese) and `2024년 7월 19일` (Korean).
fn cjk(text: &str) -> Option<Date> {
    for (year_mark, month_mark, day_mark) in [('年', '月', '日'), ('년', '월', '일')] {
        let mut rest = text;
        while let Some(at) = rest.find(year_mark) {
            let digits = |s: &str| -> Option<u32> {
                let d: String = s
                    .chars()
                    .rev()
                    .skip_while(|c| c.is_whitespace())
                    .take_while(char::is_ascii_digit)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                d.parse().ok()
            };
            let year = digits(&rest[..at]);
            let after = &rest[at + year_mark.len_utf8()..];
            let lead = |s: &str| -> Option<(u32, usize)> {
                let s2 = s.trim_start();
                let skipped = s.len() - s2.len();
                let d: String = s2.chars().take_while(char::is_ascii_digit).collect();
                Some((d.parse().ok()?, skipped + d.len()))
            };
            if let (Some(year), Some((month, used))) = (year, lead(after)) {
                if let Some(after) = after[used..].strip_prefix(month_mark) {
                    if let Some((day, used)) = lead(after) {
                        if after[used..].starts_with(day_mark) {
                            if let Some(d) = date(year, month, day) {
                                return Some(d);
                            }
                        }
                    }
                }
            }
            rest = after;
        }
    }
    None
}

/// Numbers, words and the separators between numbers of lower-case `text`.
fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_ascii_digit() {
            let mut end = start + 1;
            while let Some(&(i, c)) = chars.peek() {
                if !c.is_ascii_digit() {
                    break;
                }
                end = i + 1;
                chars.next();
            }
            let digits = &text[start..end];
            // An ordinal suffix ("19th", "1er", "2nd") belongs to the number.
            let mut suffix_end = end;
            while let Some(&(i, c)) = chars.peek() {
                if !c.is_alphabetic() {
                    break;
                }
                suffix_end = i + c.len_utf8();
                chars.next();
            }
            let suffix = &text[end..suffix_end];
            if suffix.is_empty() || matches!(suffix, "st" | "nd" | "rd" | "th" | "er" | "e" | "º")
            {
                if let Ok(v) = digits.parse() {
                    tokens.push(Token::Number(v, digits.len()));
                }
            } else {
                tokens.push(Token::Word(&text[start..suffix_end]));
            }
        } else if c.is_alphabetic() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, c)) = chars.peek() {
                if !c.is_alphabetic() {
                    break;
                }
                end = i + c.len_utf8();
                chars.next();
            }
            tokens.push(Token::Word(&text[start..end]));
        } else if matches!(c, '/' | '.' | '-') {
            tokens.push(Token::Sep(c));
        }
        if tokens.len() > 400 {
            break;
        }
    }
    tokens
}

/// A valid date in [`YEARS`].
fn date(year: u32, month: u32, day: u32) -> Option<Date> {
    let year = i16::try_from(year).ok().filter(|y| YEARS.contains(y))?;
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// The date in a URL's path (`/2024/07/19/`, `/2024-07-19-slug`, `/20240719/`), day precision.
pub fn from_url(url: &str) -> Option<String> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = &path[path.find('/')?..];
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let parts: Vec<&str> = path.split(['/', '-', '_', '.']).collect();
    for w in parts.windows(3) {
        if w[0].len() == 4 && (1..=2).contains(&w[1].len()) && (1..=2).contains(&w[2].len()) {
            if let (Ok(y), Ok(m), Ok(d)) = (w[0].parse(), w[1].parse(), w[2].parse()) {
                if let Some(date) = date(y, m, d) {
                    return Some(date.to_string());
                }
            }
        }
    }
    parts.iter().find_map(|p| {
        (p.len() == 8 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| {
                date(
                    p[..4].parse().ok()?,
                    p[4..6].parse().ok()?,
                    p[6..].parse().ok()?,
                )
            })
            .flatten()
            .map(|d| d.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::{from_url, normalize};

    #[test]
    fn machine_values_keep_their_time_and_offset() {
        assert_eq!(
            normalize("2024-07-19T10:00:00+02:00").as_deref(),
            Some("2024-07-19T10:00:00+02:00")
        );
        assert_eq!(
            normalize("2024-11-22T22:28:12.769Z").as_deref(),
            Some("2024-11-22T22:28:12Z")
        );
        assert_eq!(
            normalize("2025-11-25 08:33:24").as_deref(),
            Some("2025-11-25T08:33:24")
        );
        assert_eq!(normalize("2024-07-19").as_deref(), Some("2024-07-19"));
        assert_eq!(normalize("not a date"), None);
    }

    #[test]
    fn written_dates_in_several_languages() {
        let day = |s| normalize(s).unwrap_or_default();
        assert_eq!(day("July 19, 2024"), "2024-07-19");
        assert_eq!(day("Feb 08, 2022"), "2022-02-08");
        assert_eq!(day("19th July 2024"), "2024-07-19");
        assert_eq!(day("Von Jana Ortlieb · 19. Juli 2024"), "2024-07-19");
        assert_eq!(day("le 3 mars 2023"), "2023-03-03");
        assert_eq!(day("19 de julio de 2024"), "2024-07-19");
        assert_eq!(day("19 luglio 2024"), "2024-07-19");
        assert_eq!(day("19 lipca 2024"), "2024-07-19");
        assert_eq!(day("19 июля 2024 г."), "2024-07-19");
        assert_eq!(day("2024年7月19日"), "2024-07-19");
        assert_eq!(day("19.07.2024"), "2024-07-19");
        assert_eq!(day("13/11/2025 09:21:40"), "2025-11-13");
        assert_eq!(day("Thu, 09/25/2025 - 11:38"), "2025-09-25");
        assert_eq!(day("2024/07/19"), "2024-07-19");
        assert_eq!(normalize("Version 3.2.1"), None);
        assert_eq!(normalize("May the force be with you"), None);
    }

    #[test]
    fn dates_in_urls() {
        assert_eq!(
            from_url("https://example.org/2024/07/19/some-story/").as_deref(),
            Some("2024-07-19")
        );
        assert_eq!(
            from_url("https://example.org/news/2024-07-19-some-story").as_deref(),
            Some("2024-07-19")
        );
        assert_eq!(from_url("https://example.org/2024/07/story"), None);
        assert_eq!(from_url("https://example.org/item/12345678"), None);
    }
}
