//! Headlines: the site or section suffix that pages append to them is removed
//! ("Why now? | World News" → "Why now?").

/// Separators between a headline and a site or section name.
const SEPARATORS: [&str; 11] = [
    " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / ", "｜", "_", " ｜ ",
];
/// A trailing part with more words than this is part of the headline, not a site name.
const MAX_SUFFIX_WORDS: usize = 6;
/// The same limit for a site name in a script without spaces, in characters.
const MAX_SUFFIX_CJK_CHARS: usize = 12;

/// How many trailing names are removed at most ("Headline - Section | Site" has two).
const MAX_SUFFIXES: usize = 16;

/// Removes a trailing site or section name from a headline, if there is one.
pub fn strip_site_suffix(title: &str) -> &str {
    let mut title = title.trim();
    for _ in 0..MAX_SUFFIXES {
        // Every separator holds one of these characters; most lines hold none.
        if !title.contains(['|', '-', '–', '—', ':', '·', '»', '/', '｜', '_']) {
            return title;
        }
        let Some((cut, sep_len)) = last_separator(title) else {
            return title;
        };
        let (head, tail) = (&title[..cut], &title[cut + sep_len..]);
        let count = |s: &str| crate::text::words(s).count();
        // A site name has letters ("| 15.01.2024" is a date), and few words; in scripts without
        // spaces every character counts as a word, so the limit is on characters there.
        let short = count(tail) <= MAX_SUFFIX_WORDS
            || (tail.chars().any(crate::text::is_cjk)
                && tail.chars().count() <= MAX_SUFFIX_CJK_CHARS);
        if short && tail.chars().any(char::is_alphabetic) && count(head) > count(tail) {
            title = head.trim();
        } else {
            return title;
        }
    }
    title
}

/// The byte offset and length of the rightmost separator in `title`. Every separator starts
/// with a space, `_` or the first byte of `｜`, so only those bytes are tried, right to left;
/// no two separators start at the same offset.
fn last_separator(title: &str) -> Option<(usize, usize)> {
    let bytes = title.as_bytes();
    memchr::memrchr3_iter(b' ', b'_', "｜".as_bytes()[0], bytes).find_map(|at| {
        SEPARATORS
            .iter()
            .find(|sep| bytes[at..].starts_with(sep.as_bytes()))
            .map(|sep| (at, sep.len()))
    })
}

#[cfg(test)]
mod tests {
    use super::{SEPARATORS, last_separator, strip_site_suffix};

    #[test]
    fn strips_site_and_section_names() {
        assert_eq!(
            strip_site_suffix("Biden has pivoted. Why now? | Russia-Ukraine war News"),
            "Biden has pivoted. Why now?"
        );
        assert_eq!(
            strip_site_suffix("A long headline about things - Section | Site"),
            "A long headline about things"
        );
    }

    #[test]
    fn keeps_headlines_whose_dash_is_their_own() {
        assert_eq!(
            strip_site_suffix("Report - what the committee found about the river pollution"),
            "Report - what the committee found about the river pollution"
        );
        assert_eq!(strip_site_suffix("No separator here"), "No separator here");
    }

    proptest::proptest! {
        /// The classifier's headline check relies on this (see `classify::shows_headline`).
        #[test]
        fn the_normalised_stripped_title_starts_the_normalised_title(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Word", "two words", "1", "2.5", "1,", " ", "  ", "\u{a0}", "É", "東京",
                    " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / ", "｜", "_", " ｜ ",
                ]),
                0..12,
            )
        ) {
            let title = parts.concat();
            let normalize = crate::lexicon::normalize;
            proptest::prop_assert!(
                normalize(&title).starts_with(&normalize(strip_site_suffix(&title)))
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn the_last_separator_is_the_rightmost_of_any(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", " ", "|", "-", "_", ":", "/", "»", "｜", "–", "·", " | ", " - ", " – ",
                    " — ", " :: ", " · ", " » ", " / ", "｜", " ｜ ", "｜ ",
                ]),
                0..12,
            )
        ) {
            let title = parts.concat();
            let expected = SEPARATORS
                .iter()
                .filter_map(|sep| title.rfind(sep).map(|at| (at, sep.len())))
                .max_by_key(|&(at, _)| at);
            proptest::prop_assert_eq!(last_separator(&title), expected);
        }
    }

    #[test]
    fn a_long_chain_of_separators_ends() {
        let title = format!("Three word headline{}", " |".repeat(200_000));
        assert!(strip_site_suffix(&title).starts_with("Three word headline"));
    }
}
