//! Lexicons: real widget phrases and markup tokens per debris category, and stop-word lists
//! per language. They live as data files beside this module (see `README.md` here), are
//! compiled into the binary with `include_str!`, and are parsed once on first use.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rustc_hash::FxHashMap as HashMap;

use crate::block::Category;
use crate::text::{is_word_char, push_lowercase};

/// How a lexicon phrase matched a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The whole block is the phrase.
    Exact,
    /// The whole block is a phrase that opens a debris section ("Related articles").
    Heading,
    /// The block starts with the phrase.
    Prefix,
    /// The phrase occurs inside a short block.
    Contains,
    /// A short block with a number in it ends with the phrase ("… on May 3, 2019 at 4:47 pm
    /// said:").
    Suffix,
}

/// A lexicon match on a block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The category of the matched phrase.
    pub category: Category,
    /// How it matched.
    pub mode: Mode,
    /// The phrase as written in the lexicon.
    pub phrase: &'static str,
}

/// Blocks longer than this (in words) are never judged by a `[contains]` phrase: a long
/// paragraph that quotes a widget phrase is prose, not the widget.
const CONTAINS_MAX_WORDS: usize = 50;
/// A block longer than `CONTAINS_MAX_WORDS` needs one distinct `[contains]` phrase of a category
/// per this many words (and at least two) to be judged that category's widget text.
const LONG_BLOCK_WORDS_PER_HIT: usize = 40;
/// Blocks longer than this (in words) are never judged by a `[suffix]` phrase.
const SUFFIX_MAX_WORDS: usize = 20;
/// Blocks longer than this (in words) are never judged by a `[prefix]` phrase.
const PREFIX_MAX_WORDS: usize = 40;

type Entries = Vec<(Category, &'static str)>;

/// All phrase and token lists, compiled for matching.
pub struct Lexicon {
    exact: HashMap<&'static str, Category>,
    heading: HashMap<&'static str, Category>,
    /// The longest `[exact]` or `[heading]` phrase, in bytes: a longer text matches neither.
    whole_max_len: usize,
    prefix: Matcher,
    suffix: Entries,
    contains: Matcher,
    class_parts: HashMap<&'static str, Category>,
    /// Entries of several parts (`site-header`), matched as `-site-header-` in the token's
    /// parts joined by `-`.
    class_phrases: AhoCorasick,
    class_phrase_categories: Vec<Category>,
    class_prefixes: Matcher,
    /// Entries found anywhere in a token (`*cookie*`).
    class_infixes: AhoCorasick,
    class_infix_categories: Vec<Category>,
}

/// Entries searched anchored: the longest entry at a given position of a text.
struct Matcher {
    entries: Entries,
    /// Every entry's phrase and index, sorted by phrase, then index (the first of equal
    /// phrases first): the entries that start with some bytes are a range of it. A search
    /// narrows the range one byte of the text at a time. Sorting costs a small part of
    /// building an Aho-Corasick automaton of the same entries (its build was 2% of cleaning
    /// every fixture ten times, measured under callgrind), and anchored searches, the only
    /// ones made, need nothing more.
    sorted: Vec<(&'static [u8], usize)>,
    /// The range of `sorted` whose entries start with each byte: a search starts there.
    by_first_byte: Box<[(usize, usize); 256]>,
    /// Where a pattern may start.
    starts: Starts,
}

impl Matcher {
    /// A matcher for `entries`.
    fn new(entries: Entries) -> Self {
        let mut sorted: Vec<_> = entries
            .iter()
            .enumerate()
            .map(|(i, (_, p))| (p.as_bytes(), i))
            .collect();
        sorted.sort_unstable();
        assert!(
            sorted.first().is_none_or(|(p, _)| !p.is_empty()),
            "empty lexicon pattern"
        );
        let mut by_first_byte = Box::new([(0, 0); 256]);
        for (b, range) in by_first_byte.iter_mut().enumerate() {
            let start = sorted.partition_point(|(p, _)| usize::from(p[0]) < b);
            let end = sorted.partition_point(|(p, _)| usize::from(p[0]) <= b);
            *range = (start, end);
        }
        let starts = Starts::new(entries.iter().map(|(_, p)| p.as_bytes()));
        Self {
            entries,
            sorted,
            by_first_byte,
            starts,
        }
    }

    /// The index and length of the longest entry `text` starts with (of equal ones, the
    /// first), as a leftmost-longest Aho-Corasick automaton's anchored search finds it.
    fn longest_at(&self, text: &[u8]) -> Option<(usize, usize)> {
        // No entry is empty (see `new`): the first byte picks a range.
        let (start, end) = self.by_first_byte[usize::from(*text.first()?)];
        let mut range = &self.sorted[start..end];
        let mut best = None;
        for k in 1..=text.len() {
            // Every entry in `range` starts with `text[..k]`: those of length `k` come first.
            if let Some(&(phrase, index)) = range.first()
                && phrase.len() == k
            {
                best = Some((index, k));
                range = &range[range.partition_point(|(p, _)| p.len() == k)..];
            }
            let Some(&b) = text.get(k) else { break };
            // Those of length `k` were taken above: the rest have a byte `k`.
            let start = range.partition_point(|(p, _)| p[k] < b);
            let end = range.partition_point(|(p, _)| p[k] <= b);
            range = &range[start..end];
            // One entry left: the rest of it is compared at once.
            if let [(phrase, index)] = range {
                if text.starts_with(phrase) {
                    best = Some((*index, phrase.len()));
                }
                break;
            }
            if range.is_empty() {
                break;
            }
        }
        best
    }

    /// The longest entry the text starts with.
    fn anchored(&self, text: &str) -> Option<(Category, &'static str)> {
        if !self.starts.may_start(text.as_bytes(), 0) {
            return None;
        }
        let (index, _) = self.longest_at(text.as_bytes())?;
        Some(self.entries[index])
    }

    /// The leftmost-longest, non-overlapping matches in the text, as the automaton's
    /// `find_iter` gives them: an anchored search at each position where a pattern may start
    /// finds the longest match there, and no match starts at the positions skipped.
    fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = aho_corasick::Match> + 't {
        let mut at = 0;
        std::iter::from_fn(move || {
            while let Some(start) = self.starts.next(text.as_bytes(), at) {
                if let Some((index, len)) = self.longest_at(&text.as_bytes()[start..]) {
                    at = start + len;
                    return Some(aho_corasick::Match::must(index, start..at));
                }
                at = start + 1;
            }
            None
        })
    }

    /// Every entry found in the text at word boundaries.
    fn all(&self, text: &str) -> Vec<(Category, &'static str)> {
        self.find_iter(text)
            .filter(|m| at_word_boundaries(text, m.start(), m.end()))
            .map(|m| self.entries[m.pattern().as_usize()])
            .collect()
    }

    /// The first entry found in the text at word boundaries.
    fn anywhere(&self, text: &str) -> Option<(Category, &'static str)> {
        self.find_iter(text)
            .find(|m| at_word_boundaries(text, m.start(), m.end()))
            .map(|m| self.entries[m.pattern().as_usize()])
    }
}

/// How many first bytes of a long pattern [`Starts`] compares.
const LONG_HEAD: usize = 8;

/// The first bytes of every pattern of a [`Matcher`]: a position in a text where no pattern's
/// first bytes follow starts no pattern, and the search skips it without running the automaton
/// (most positions of most texts). A quick test on a few bytes rules out most positions; the
/// rest are tested on the first [`LONG_HEAD`] bytes of the patterns that have that many.
struct Starts {
    /// How many bytes the quick test compares: the shortest pattern's length, at most 4.
    width: usize,
    /// The first `width` bytes of every pattern.
    quick: ByteSet,
    /// The first `width` bytes of the patterns shorter than [`LONG_HEAD`].
    short: ByteSet,
    /// The first [`LONG_HEAD`] bytes of the other patterns.
    long: ByteSet,
}

impl Starts {
    fn new<'p>(patterns: impl Iterator<Item = &'p [u8]> + Clone) -> Self {
        let width = patterns.clone().map(<[u8]>::len).min().unwrap_or(0).min(4);
        let mut starts = Self {
            width,
            quick: ByteSet::new(),
            short: ByteSet::new(),
            long: ByteSet::new(),
        };
        for pattern in patterns {
            let head = key(&pattern[..width]);
            starts.quick.insert(head);
            match pattern.get(..LONG_HEAD) {
                Some(long_head) => starts.long.insert(key(long_head)),
                None => starts.short.insert(head),
            }
        }
        starts
    }

    /// Whether a pattern may start at byte `at` of `text`, given the quick test passed.
    fn passes_long_test(&self, text: &[u8], at: usize, head: u64) -> bool {
        self.short.contains(head)
            || text
                .get(at..at + LONG_HEAD)
                .is_some_and(|long_head| self.long.contains(key(long_head)))
    }

    /// Whether a pattern may start at byte `at` of `text`.
    fn may_start(&self, text: &[u8], at: usize) -> bool {
        text.get(at..at + self.width).is_some_and(|head| {
            let head = key(head);
            self.quick.contains(head) && self.passes_long_test(text, at, head)
        })
    }

    /// The first byte at or after `from` where a pattern may start. The quick test's key
    /// slides along the text one byte at a time.
    fn next(&self, text: &[u8], from: usize) -> Option<usize> {
        let mask = (1u64 << (8 * self.width)) - 1;
        let mut head = key(text.get(from..from + self.width)?);
        let mut at = from;
        loop {
            if self.quick.contains(head) && self.passes_long_test(text, at, head) {
                return Some(at);
            }
            let next = *text.get(at + self.width)?;
            head = (head << 8 | u64::from(next)) & mask;
            at += 1;
        }
    }
}

/// Up to 8 bytes as a number.
fn key(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |key, &b| key << 8 | u64::from(b))
}

/// Log2 of the number of bits in a [`ByteSet`].
const BYTE_SET_BITS: u32 = 16;

/// A set of [`key`]s as one bit per hash: it may hold keys never inserted, never misses one
/// that was.
struct ByteSet(Box<[u64; (1 << BYTE_SET_BITS) / 64]>);

impl ByteSet {
    fn new() -> Self {
        // A fixed size: every slot indexes it without a bounds check.
        Self(Box::new([0; (1 << BYTE_SET_BITS) / 64]))
    }

    /// The bit of a key.
    fn slot(key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - BYTE_SET_BITS)) as usize
    }

    fn insert(&mut self, key: u64) {
        let slot = Self::slot(key);
        self.0[slot / 64] |= 1 << (slot % 64);
    }

    fn contains(&self, key: u64) -> bool {
        let slot = Self::slot(key);
        self.0[slot / 64] & (1 << (slot % 64)) != 0
    }
}

/// Whether `text[start..end]` does not cut a word in two (scripts without spaces never do).
fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let cuts = |outside: Option<char>, inside: Option<char>| match (outside, inside) {
        (Some(o), Some(i)) => {
            is_word_char(o) && is_word_char(i) && !crate::text::is_cjk(o) && !crate::text::is_cjk(i)
        }
        _ => false,
    };
    !cuts(
        text[..start].chars().next_back(),
        text[start..end].chars().next(),
    ) && !cuts(text[end..].chars().next(), text[..end].chars().next_back())
}

/// The lexicon files, by category.
const FILES: [(Category, &str); 11] = [
    (Category::Navigation, include_str!("navigation.txt")),
    (Category::Counter, include_str!("counter.txt")),
    (Category::Newsletter, include_str!("newsletter.txt")),
    (Category::Comments, include_str!("comments.txt")),
    (Category::Related, include_str!("related.txt")),
    (Category::Share, include_str!("share.txt")),
    (Category::Cookie, include_str!("cookie.txt")),
    (Category::Advertisement, include_str!("advertisement.txt")),
    (Category::Legal, include_str!("legal.txt")),
    (Category::Paywall, include_str!("paywall.txt")),
    (Category::Other, include_str!("other.txt")),
];

/// The shared, compiled lexicon.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::parse(&FILES));

impl Lexicon {
    fn parse(files: &[(Category, &'static str)]) -> Self {
        let mut exact = HashMap::default();
        let mut heading = HashMap::default();
        let mut prefix = Vec::new();
        let mut suffix = Vec::new();
        let mut contains = Vec::new();
        let mut class_parts = HashMap::default();
        let mut class_prefixes = Vec::new();
        let mut class_infixes = Vec::new();
        let mut class_phrases = Vec::new();
        for &(category, data) in files {
            let mut section = "";
            for line in data.lines().map(str::trim) {
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                if line.starts_with('[') && line.ends_with(']') {
                    section = &line[1..line.len() - 1];
                    continue;
                }
                match section {
                    // First file wins on duplicates, so the order of FILES breaks ties.
                    "exact" => {
                        exact.entry(trim_edges(line)).or_insert(category);
                    }
                    "heading" => {
                        heading.entry(trim_edges(line)).or_insert(category);
                    }
                    "prefix" => prefix.push((category, line)),
                    "suffix" => suffix.push((category, line)),
                    "contains" => contains.push((category, line)),
                    "class" => match (line.strip_prefix('*'), line.strip_suffix('*')) {
                        (Some(rest), _) => {
                            class_infixes.push((category, rest.trim_end_matches('*')))
                        }
                        (None, Some(stem)) => class_prefixes.push((category, stem)),
                        (None, None) if line.contains(['-', '_']) => {
                            class_phrases.push((category, format!("-{}-", line.replace('_', "-"))));
                        }
                        (None, None) => {
                            class_parts.entry(line).or_insert(category);
                        }
                    },
                    _ => {}
                }
            }
        }
        let whole_max_len = exact.keys().chain(heading.keys()).map(|k| k.len()).max();
        Self {
            whole_max_len: whole_max_len.unwrap_or(0),
            exact,
            heading,
            prefix: Matcher::new(prefix),
            suffix,
            contains: Matcher::new(contains),
            class_parts,
            class_phrases: AhoCorasick::new(class_phrases.iter().map(|(_, p)| p))
                .expect("lexicon patterns compile"),
            class_phrase_categories: class_phrases.iter().map(|&(c, _)| c).collect(),
            class_prefixes: Matcher::new(class_prefixes),
            class_infixes: AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                // Cheaper to build than the other kinds; searches here are short.
                .kind(Some(AhoCorasickKind::NoncontiguousNFA))
                .build(class_infixes.iter().map(|(_, p)| p))
                .expect("lexicon patterns compile"),
            class_infix_categories: class_infixes.iter().map(|&(c, _)| c).collect(),
        }
    }

    /// Matches a block's normalised text (see [`normalize`]) of `words` words.
    pub fn match_text(&self, normalized: &str, words: usize) -> Option<Hit> {
        let whole = trim_edges(normalized);
        let hit = |mode, (category, phrase)| Hit {
            category,
            mode,
            phrase,
        };
        if whole.len() <= self.whole_max_len {
            if let Some((&phrase, &category)) = self.heading.get_key_value(whole) {
                return Some(hit(Mode::Heading, (category, phrase)));
            }
            if let Some((&phrase, &category)) = self.exact.get_key_value(whole) {
                return Some(hit(Mode::Exact, (category, phrase)));
            }
        }
        if words <= PREFIX_MAX_WORDS {
            if let Some(found) = self
                .prefix
                .anchored(normalized)
                .filter(|(_, p)| at_word_boundaries(normalized, 0, p.len()))
            {
                return Some(hit(Mode::Prefix, found));
            }
        }
        // Headers that end in "said:" carry a date; a reporter's "the minister said:" does not.
        if words <= SUFFIX_MAX_WORDS && normalized.contains('0') {
            let end = normalized.trim_end();
            if let Some(&found) = self.suffix.iter().find(|(_, p)| {
                end.ends_with(p) && at_word_boundaries(end, end.len() - p.len(), end.len())
            }) {
                return Some(hit(Mode::Suffix, found));
            }
        }
        if words <= CONTAINS_MAX_WORDS {
            return self
                .contains
                .anywhere(normalized)
                .map(|f| hit(Mode::Contains, f));
        }
        // A long block is widget text only when it is dense with one category's phrases (a
        // consent dialog's explanation), not when it quotes one.
        let mut found: Vec<(Category, &'static str)> = self.contains.all(normalized);
        found.sort_unstable();
        found.dedup();
        let needed = (words / LONG_BLOCK_WORDS_PER_HIT).max(2);
        for category in Category::ALL {
            let mut of_category = found.iter().filter(|(c, _)| *c == category);
            if of_category.clone().count() >= needed {
                return of_category.next().map(|&f| hit(Mode::Contains, f));
            }
        }
        None
    }

    /// The category one token marks. Taxonomy classes (`tag-cookies`, `category-newsletter`)
    /// name the article's subject, embeds (`social-media-embed`, `twitter-tweet`) hold
    /// quoted posts the article shows, not widgets, results (`search-results`) are a
    /// listing's items, and accordion, tab and FAQ containers (`accordion-item__dropdown`,
    /// `faq_tabs-menu-link`) hold content panels: they mark nothing.
    fn match_token(&self, token: &str, scratch: &mut Scratch) -> Option<Category> {
        if is_taxonomy(token) || is_embed(token) || names_collapsed(token) {
            return None;
        }
        let token = without_module_hash(token);
        let Scratch { joined, parts } = scratch;
        token_parts(token, joined, parts);
        // `search-results`, `product-search-results`: the results are the page's content.
        if parts
            .iter()
            .any(|r| matches!(&joined[r.clone()], "results" | "result"))
        {
            return None;
        }
        // A part after a negation names what the container is not (`no-ads`, `non-sticky`).
        let negated = |i: usize| {
            i > 0
                && parts
                    .get(i - 1)
                    .is_some_and(|r| NEGATIONS.contains(&&joined[r.clone()]))
        };
        for part in (0..parts.len())
            .filter(|&i| !negated(i))
            .map(|i| &joined[parts[i].clone()])
        {
            if let Some(&category) = self.class_parts.get(part) {
                return Some(category);
            }
            // `searchable`, `shareable`: what the content allows, not a widget.
            if part.ends_with("able") {
                continue;
            }
            if let Some((category, _)) = self.class_prefixes.anchored(part) {
                return Some(category);
            }
        }
        if let Some(m) = self.class_phrases.find(joined.as_str()) {
            return Some(self.class_phrase_categories[m.pattern().as_usize()]);
        }
        joined.clear();
        joined.push_str(token);
        joined.make_ascii_lowercase();
        self.class_infixes
            .find(joined.as_str())
            .map(|m| self.class_infix_categories[m.pattern().as_usize()])
    }
}

/// Buffers reused while matching class tokens.
#[derive(Default)]
struct Scratch {
    /// The token's lowercase parts joined by `-`, with a `-` before and after.
    joined: String,
    /// Where each part lies in `joined`.
    parts: Vec<Range<usize>>,
}

/// Parts of class and id values that name a collapsed panel: the names the common accordion,
/// tab and FAQ widgets give their panels. A hidden panel is read, and none marks debris.
pub const COLLAPSED_TOKENS: [&str; 10] = [
    "tab-pane",
    "tabpanel",
    "tab-panel",
    "tab-content",
    "accordion",
    "collaps",
    "faq",
    "answer",
    "spoiler",
    "expand",
];

/// Whether a class or id value holds a part of [`COLLAPSED_TOKENS`] (ASCII case ignored).
pub fn names_collapsed(value: &str) -> bool {
    COLLAPSED_TOKENS.iter().any(|t| {
        value
            .as_bytes()
            .windows(t.len())
            .any(|w| w.eq_ignore_ascii_case(t.as_bytes()))
    })
}

/// Whether a class token marks an embedded post (a tweet, an Instagram post, a video).
fn is_embed(token: &str) -> bool {
    token
        .as_bytes()
        .windows(5)
        .any(|w| w.eq_ignore_ascii_case(b"embed"))
        || ["twitter-tweet", "instagram-media"]
            .iter()
            .any(|t| token.eq_ignore_ascii_case(t))
}

/// The lexicon's class-token matches remembered per token for one document: pages repeat the
/// same classes (`menu-item`, `post`) hundreds of times.
#[derive(Default)]
pub struct TokenMemo {
    /// Each token seen, with its category.
    seen: HashMap<Box<str>, Option<Category>>,
    scratch: Scratch,
}

impl TokenMemo {
    /// Matches the tokens of a class, id, role or aria attribute value against the shared
    /// lexicon, each distinct token once per document. Returns the category and the token that
    /// matched.
    pub fn match_tokens<'a>(&mut self, value: &'a str) -> Option<(Category, &'a str)> {
        for token in value.split_ascii_whitespace() {
            let category = match self.seen.get(token) {
                Some(&category) => category,
                None => {
                    let category = LEXICON.match_token(token, &mut self.scratch);
                    self.seen.insert(token.into(), category);
                    category
                }
            };
            if let Some(category) = category {
                return Some((category, token));
            }
        }
        None
    }
}

/// Parts that negate the part after them in a class token (`no-ads`, `non-sticky`,
/// `not-print`: the container is what the debris is not; `hide-from-toc`: a heading kept out
/// of the table of contents, found on 3 WCXB dev pages where the text was content).
const NEGATIONS: [&str; 4] = ["no", "non", "not", "from"];

/// Shortest and longest hash CSS Modules append after `__` (`Article_body__Ad3xZ`: webpack's
/// css-loader writes `[name]_[local]__[hash:base64:5]`; other setups use up to 8).
const MODULE_HASH_LEN: std::ops::RangeInclusive<usize> = 5..=8;

/// The token without a CSS-module hash at its end: split into camel-case parts the hash makes
/// fake words (`__AdXy3` → `ad`, `xy3`). A hash mixes digits or capitals into its letters; a BEM
/// element after `__` (`ad__label`, `comments__list`) is a lowercase word and stays.
fn without_module_hash(token: &str) -> &str {
    match token.rfind("__") {
        Some(i)
            if i > 0
                && MODULE_HASH_LEN.contains(&(token.len() - i - 2))
                && token[i + 2..].bytes().all(|b| b.is_ascii_alphanumeric())
                && token[i + 2..]
                    .bytes()
                    .any(|b| b.is_ascii_digit() || b.is_ascii_uppercase()) =>
        {
            &token[..i]
        }
        _ => token,
    }
}

/// Whether a class token is a taxonomy term (WordPress `tag-…`, `category-…`).
fn is_taxonomy(token: &str) -> bool {
    ["tag-", "tag_", "category-", "category_", "cat-"]
        .iter()
        .any(|p| {
            token
                .as_bytes()
                .get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
        })
}

/// Splits a class token into lowercase parts at `-`, `_`, `:`, `.` and camelCase boundaries,
/// written to `joined` as `-part-part-`, with the range of each part in `parts`.
fn token_parts(token: &str, joined: &mut String, parts: &mut Vec<Range<usize>>) {
    joined.clear();
    joined.push('-');
    parts.clear();
    for piece in token.split(['-', '_', ':', '.']) {
        let mut start = joined.len();
        let mut prev_lower = false;
        for c in piece.chars() {
            if c.is_uppercase() && prev_lower && joined.len() > start {
                parts.push(start..joined.len());
                joined.push('-');
                start = joined.len();
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            if c.is_ascii() {
                joined.push(c.to_ascii_lowercase());
            } else {
                joined.extend(c.to_lowercase());
            }
        }
        if joined.len() > start {
            parts.push(start..joined.len());
            joined.push('-');
        }
    }
}

/// Strips the punctuation that `[exact]` and `[heading]` phrases ignore at their ends.
fn trim_edges(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ':' | '.'
                    | '!'
                    | '…'
                    | '»'
                    | '›'
                    | '>'
                    | '<'
                    | '«'
                    | '‹'
                    | '|'
                    | '-'
                    | '–'
                    | '—'
                    | '*'
                    | '+'
                    | '•'
                    | '·'
                    | '→'
                    | '('
                    | ')'
                    | '['
                    | ']'
            )
    })
}

/// The words that open an author line, one or two words each (`bylines.txt`).
static BYLINE_OPENERS: LazyLock<rustc_hash::FxHashSet<&'static str>> =
    LazyLock::new(|| phrases(include_str!("bylines.txt")));

/// Whether `key` (lower case) is a byline opener of `bylines.txt`. An opener written there
/// with a colon (`author:`, `texte :`) needs one; one written without takes one or not
/// (`By: Name`, `By Name`).
fn is_opener(key: &str) -> bool {
    if BYLINE_OPENERS.contains(key) {
        return true;
    }
    let bare = key.trim_end_matches(':').trim_end();
    bare.len() < key.len()
        && (BYLINE_OPENERS.contains(bare)
            || BYLINE_OPENERS.contains(format!("{bare}:").as_str())
            || BYLINE_OPENERS.contains(format!("{bare} :").as_str()))
}

/// The entries of a plain phrase list (no section headers): one per line, `#` comments and
/// blank lines skipped.
pub(crate) fn phrases(file: &'static str) -> rustc_hash::FxHashSet<&'static str> {
    file.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// A name in a byline has at most this many words ("Anna Maria de la Cruz" has five).
const BYLINE_NAME_WORDS: usize = 5;

/// Whether `text` is an author line: an opener of `bylines.txt` ("By", "Von", "Par",
/// "Written by"…), then one to [`BYLINE_NAME_WORDS`] capitalised words, then nothing or a
/// separator and anything ("By Kim Doyun", "Von Jana Ortlieb · 12. März 2024"). A headline
/// that opens with such a word goes on in lowercase ("By the numbers", "Di Maio vuole …").
pub fn is_byline(text: &str) -> bool {
    let words: Vec<&str> = text
        .split_whitespace()
        .take(BYLINE_NAME_WORDS + 3)
        .collect();
    let opener = |n: usize| words.len() > n && is_opener(&words[..n].join(" ").to_lowercase());
    let Some(n) = [2, 1].into_iter().find(|&n| opener(n)) else {
        return false;
    };
    let name = words[n..]
        .iter()
        .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    let rest = words.get(n + name);
    (1..=BYLINE_NAME_WORDS).contains(&name)
        && rest.is_none_or(|w| {
            w.starts_with(['·', '|', '-', '–', '—', ',', '/', '('])
                || w.chars().next().is_some_and(|c| c.is_ascii_digit())
        })
}

/// The author named by a byline ("By Kim Doyun · 12 March" → "Kim Doyun", "Von Jana Ortlieb
/// und Tim Berg" → "Jana Ortlieb, Tim Berg"): what follows an opener of `bylines.txt` (its
/// colon optional), as capitalised words (with lower-case particles between them: "de", "van
/// der"), several names joined with ", ". `None` when the line is no byline.
pub fn byline_author(text: &str) -> Option<String> {
    // Most lines open with no opener: their first word, lower case, is not one.
    let first = text
        .split(|c: char| c.is_whitespace() || c == ':')
        .find(|w| !w.is_empty())?;
    if first.len() > MAX_OPENER_WORD || !is_opener_word(first) {
        return None;
    }
    // "Posted by:Name" reads as "Posted by: Name".
    let spaced;
    let text = if text.contains(':') {
        spaced = text.replace(':', ": ");
        spaced.as_str()
    } else {
        text
    };
    let words: Vec<&str> = text.split_whitespace().take(40).collect();
    let opener = |n: usize| words.len() > n && is_opener(&words[..n].join(" ").to_lowercase());
    let n = [2, 1].into_iter().find(|&n| opener(n))?;
    let mut names: Vec<String> = Vec::new();
    let mut name: Vec<&str> = Vec::new();
    for (i, word) in words.iter().enumerate().skip(n) {
        let ends = word.ends_with([',', ';', '|', '·']);
        let word = word.trim_matches(|c: char| matches!(c, ',' | ';' | '|' | '·' | ':'));
        if ends_name(word, words.get(i + 1).copied()) {
            break;
        }
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        // (Lower-cased only when asked: most words are a name's.)
        let joiner = || word == "&" || BYLINE_JOINERS.contains(word.to_lowercase().as_str());
        if capital && name.len() < BYLINE_NAME_WORDS {
            name.push(word);
        } else if !name.is_empty() && NAME_PARTICLES.contains(word) {
            // A particle inside a name ("de", "van", "da").
            name.push(word);
        } else if !name.is_empty() && joiner() {
            names.push(finish_name(&name));
            name.clear();
            continue;
        } else {
            break;
        }
        if ends {
            names.push(finish_name(&name));
            name.clear();
        }
    }
    if !name.is_empty() {
        names.push(finish_name(&name));
    }
    names.retain(|n| !n.is_empty());
    (!names.is_empty()).then(|| names.join(", "))
}

/// Words that end a byline's name (`byline-stops.txt`).
static BYLINE_STOPS: LazyLock<rustc_hash::FxHashSet<&'static str>> =
    LazyLock::new(|| phrases(include_str!("byline-stops.txt")));

/// Whether `word` (followed by `next`) ends the name in a byline: a label of the date after it
/// ("Published", "Updated", `byline-stops.txt`) or a month name before a number ("June 3").
fn ends_name(word: &str, next: Option<&str>) -> bool {
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let lower = word.to_lowercase();
    BYLINE_STOPS.contains(lower.as_str())
        || (crate::date::is_month(&lower)
            && next.is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit())))
}

/// The longest first word of an opener, in bytes ("autorin:", "автор").
const MAX_OPENER_WORD: usize = 16;

/// Whether `word` (any case, a colon after it allowed) is the first word of an opener, without
/// allocating for ASCII words.
fn is_opener_word(word: &str) -> bool {
    let word = word.trim_end_matches(':');
    if word.is_ascii() && word.len() <= MAX_OPENER_WORD {
        let mut buf = [0u8; MAX_OPENER_WORD];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        std::str::from_utf8(lower).is_ok_and(|w| BYLINE_FIRST_WORDS.contains(w))
    } else {
        BYLINE_FIRST_WORDS.contains(word.to_lowercase().as_str())
    }
}

/// The first words of the openers of `bylines.txt`.
static BYLINE_FIRST_WORDS: LazyLock<rustc_hash::FxHashSet<&'static str>> = LazyLock::new(|| {
    BYLINE_OPENERS
        .iter()
        .filter_map(|o| o.split_whitespace().next())
        .map(|w| w.trim_end_matches(':'))
        .collect()
});

/// Whether `text` is a byline's opener alone ("Written by", "Author:", "Von"), a label whose
/// name follows in the next block.
pub fn is_byline_label(text: &str) -> bool {
    if text.len() > 2 * MAX_OPENER_WORD {
        return false;
    }
    let text = text.trim().trim_end_matches(':').trim_end().to_lowercase();
    !text.is_empty()
        && (BYLINE_OPENERS.contains(text.as_str()) || BYLINE_LABELS.contains(text.as_str()))
}

/// Particles inside names (`name-particles.txt`).
static NAME_PARTICLES: LazyLock<rustc_hash::FxHashSet<&'static str>> =
    LazyLock::new(|| phrases(include_str!("name-particles.txt")));

/// Labels that name the author in the next block (`byline-labels.txt`).
static BYLINE_LABELS: LazyLock<rustc_hash::FxHashSet<&'static str>> =
    LazyLock::new(|| phrases(include_str!("byline-labels.txt")));

/// A name's words without trailing particles.
fn finish_name(words: &[&str]) -> String {
    let end = words
        .iter()
        .rposition(|w| w.chars().next().is_some_and(char::is_uppercase))
        .map_or(0, |i| i + 1);
    words[..end].join(" ")
}

/// The words that join names in a byline (`byline-joiners.txt`).
static BYLINE_JOINERS: LazyLock<rustc_hash::FxHashSet<&'static str>> =
    LazyLock::new(|| phrases(include_str!("byline-joiners.txt")));

/// Normalises text for lexicon matching: lowercase, whitespace collapsed, each run of digits
/// (with `,` or `.` between digits) replaced by `0`.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_onto(text, &mut out);
    out
}

/// Appends the normalised `text` (see [`normalize`]) to `out`.
pub fn normalize_onto(text: &str, out: &mut String) {
    let start = out.len();
    let bytes = text.as_bytes();
    let mut pending_space = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if is_ascii_space(b) {
            pending_space = out.len() > start;
            i += 1;
            continue;
        }
        if !b.is_ascii() {
            let c = text[i..].chars().next().unwrap_or_default();
            i += c.len_utf8();
            if c.is_whitespace() {
                pending_space = out.len() > start;
                continue;
            }
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            push_lowercase(c, out);
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if b.is_ascii_digit() {
            out.push('0');
            i = digit_run_end(bytes, i);
        } else {
            // A run of ASCII letters and punctuation, with single spaces between them, is
            // copied as it is and lowercased in place.
            let end = plain_run_end(bytes, i);
            let from = out.len();
            out.push_str(&text[i..end]);
            out[from..].make_ascii_lowercase();
            i = end;
        }
    }
}

/// Whether the ASCII byte `b` is whitespace (as [`char::is_whitespace`] has it).
const fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// The bytes that normalise to themselves, lowercased: ASCII but not digits or whitespace.
const PLAIN: [bool; 256] = {
    let mut plain = [false; 256];
    let mut b: u8 = 0;
    while b < 128 {
        plain[b as usize] = !b.is_ascii_digit() && !is_ascii_space(b);
        b += 1;
    }
    plain
};

/// The end of the run of digits starting at `i`, with `,` or `.` between digits in it.
pub(crate) fn digit_run_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        if bytes[i].is_ascii_digit()
            || (matches!(bytes[i], b',' | b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// The end of the run of [`PLAIN`] bytes starting at `i`, with single spaces followed by
/// another such byte: a run that normalises to itself lowercased.
fn plain_run_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(&b) = bytes.get(i) {
        if PLAIN[usize::from(b)] {
            i += 1;
        } else if b == b' '
            && bytes
                .get(i + 1)
                .is_some_and(|&next| PLAIN[usize::from(next)])
        {
            i += 2;
        } else {
            break;
        }
    }
    i
}

/// Languages with a stop-word list, by ISO 639-1 code.
const STOPWORD_FILES: [(&str, &str); 20] = [
    ("en", include_str!("stopwords/en.txt")),
    ("de", include_str!("stopwords/de.txt")),
    ("fr", include_str!("stopwords/fr.txt")),
    ("es", include_str!("stopwords/es.txt")),
    ("it", include_str!("stopwords/it.txt")),
    ("pt", include_str!("stopwords/pt.txt")),
    ("nl", include_str!("stopwords/nl.txt")),
    ("pl", include_str!("stopwords/pl.txt")),
    ("ru", include_str!("stopwords/ru.txt")),
    ("sv", include_str!("stopwords/sv.txt")),
    ("da", include_str!("stopwords/da.txt")),
    ("no", include_str!("stopwords/no.txt")),
    ("fi", include_str!("stopwords/fi.txt")),
    ("cs", include_str!("stopwords/cs.txt")),
    ("tr", include_str!("stopwords/tr.txt")),
    ("id", include_str!("stopwords/id.txt")),
    ("ro", include_str!("stopwords/ro.txt")),
    ("hu", include_str!("stopwords/hu.txt")),
    ("zh", include_str!("stopwords/zh.txt")),
    ("ja", include_str!("stopwords/ja.txt")),
];

/// Below this share of stop words in a text, its language is taken as unknown.
const MIN_STOPWORD_SHARE: f32 = 0.08;

/// Stop words of all languages, each word with the set of languages it belongs to.
pub struct Stopwords {
    languages: HashMap<&'static str, u32>,
    /// The ASCII stop words of up to 8 bytes, by [`pack_ascii`] (most of them): looked up
    /// without building the lowercase word.
    short_ascii: HashMap<u64, u32>,
    /// The longest stop word, in bytes.
    max_len: usize,
}

/// The bytes of an ASCII word of up to 8 bytes as one number (word characters are never 0,
/// so words of different lengths differ).
fn pack_ascii(bytes: impl Iterator<Item = u8>) -> u64 {
    bytes
        .enumerate()
        .fold(0, |key, (i, b)| key | u64::from(b) << (8 * i))
}

/// The shared stop-word table.
pub static STOPWORDS: LazyLock<Stopwords> = LazyLock::new(|| {
    let mut languages: HashMap<&'static str, u32> = HashMap::default();
    for (index, (_, data)) in STOPWORD_FILES.iter().enumerate() {
        for word in data.lines().map(str::trim) {
            if !word.is_empty() && !word.starts_with('#') {
                *languages.entry(word).or_default() |= 1 << index;
            }
        }
    }
    let max_len = languages.keys().map(|w| w.len()).max().unwrap_or(0);
    let short_ascii = languages
        .iter()
        .filter(|(w, _)| w.is_ascii() && w.len() <= 8)
        .map(|(w, &mask)| (pack_ascii(w.bytes()), mask))
        .collect();
    Stopwords {
        languages,
        short_ascii,
        max_len,
    }
});

/// A language of the stop-word table, as an index into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language(usize);

impl Language {
    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        STOPWORD_FILES[self.0].0
    }

    /// The position of the language in the stop-word table.
    pub fn index(self) -> usize {
        self.0
    }
}

impl Stopwords {
    /// The set of languages (as a bit mask) in which the lowercase `word` is a stop word.
    pub fn languages_of(&self, word: &str) -> u32 {
        if word.len() > self.max_len {
            return 0;
        }
        self.languages.get(word).copied().unwrap_or(0)
    }

    /// [`Stopwords::languages_of`] for an ASCII word of up to 8 bytes given as its lowercase
    /// bytes packed into a number, the first byte lowest.
    pub fn languages_of_short_ascii(&self, key: u64) -> u32 {
        self.short_ascii.get(&key).copied().unwrap_or(0)
    }

    /// [`Stopwords::languages_of`] for an ASCII `word` in any case; `lower` is a reused buffer.
    pub fn languages_of_ascii(&self, word: &str, lower: &mut String) -> u32 {
        if word.len() <= 8 {
            let key = pack_ascii(word.bytes().map(|b| b.to_ascii_lowercase()));
            return self.short_ascii.get(&key).copied().unwrap_or(0);
        }
        if word.len() > self.max_len {
            return 0;
        }
        lower.clear();
        lower.push_str(word);
        lower.make_ascii_lowercase();
        self.languages_of(lower)
    }

    /// The language whose stop words are most frequent, given hit counts per language index
    /// over a text of `words` words; `None` when even its stop words are too rare for the text
    /// to be in that language (a Korean page with a few English words).
    pub fn best(counts: &[usize; STOPWORD_FILES.len()], words: usize) -> Option<Language> {
        let (index, &count) = counts
            .iter()
            .enumerate()
            .max_by_key(|&(i, &c)| (c, usize::MAX - i))?;
        (count > 0 && count as f32 >= MIN_STOPWORD_SHARE * words as f32).then_some(Language(index))
    }
}

/// Number of languages with stop-word lists.
pub const LANGUAGE_COUNT: usize = STOPWORD_FILES.len();

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn matcher_finds_the_longest_entry_first_of_equal_ones() {
        use Category::{Comments, Counter, Navigation, Newsletter};
        let matcher = Matcher::new(vec![
            (Navigation, "sign"),
            (Counter, "sign up now"),
            (Newsletter, "sign up"),
            (Comments, "sign up"),
            (Comments, "up"),
        ]);
        assert_eq!(matcher.longest_at(b"sign up today"), Some((2, 7)));
        assert_eq!(matcher.longest_at(b"sign up now!"), Some((1, 11)));
        assert_eq!(matcher.longest_at(b"sign"), Some((0, 4)));
        assert_eq!(matcher.longest_at(b"sig"), None);
        assert_eq!(matcher.longest_at(b""), None);
        assert_eq!(matcher.anchored("up here"), Some((Comments, "up")));
        let found: Vec<_> = matcher
            .find_iter("to sign up now, sign up")
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect();
        assert_eq!(found, [(1, 3, 14), (2, 16, 23)]);
    }

    /// [`normalize`] by its definition, one character at a time.
    fn reference_normalize(text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        let mut pending_space = false;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            i += 1;
            if c.is_whitespace() {
                pending_space = !out.is_empty();
                continue;
            }
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            if c.is_ascii_digit() {
                out.push('0');
                while i < chars.len()
                    && (chars[i].is_ascii_digit()
                        || (matches!(chars[i], ',' | '.')
                            && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
                {
                    i += 1;
                }
            } else {
                out.extend(c.to_lowercase());
            }
        }
        out
    }

    #[test]
    fn bylines() {
        for line in [
            "By Kim Doyun",
            "By Tess Bonn - 11/19/19 06:56 AM EST",
            "Von Jana Ortlieb · 12. März 2024",
            "Written by Ana María Pérez",
            "Par Claire Dubois, 3 mai 2024",
            "Автор: Иван Петров",
        ] {
            assert!(is_byline(line), "{line}");
        }
        for line in [
            "By the numbers: how the city spends its budget",
            "Di Maio vuole un nuovo governo entro l'estate",
            "Line 2 signal fault delays morning commute by 40 minutes",
            "By",
        ] {
            assert!(!is_byline(line), "{line}");
        }
    }

    #[test]
    fn byline_openers_written_with_a_colon_need_one() {
        for (line, author) in [
            ("Author: Kim Doyun", "Kim Doyun"),
            ("Texte : Claire Dubois", "Claire Dubois"),
            ("Autorin:Jana Ortlieb", "Jana Ortlieb"),
            ("By: Tess Bonn", "Tess Bonn"),
            ("By Tess Bonn", "Tess Bonn"),
        ] {
            assert_eq!(byline_author(line).as_deref(), Some(author), "{line}");
        }
        // A date's label or a month before a number ends the name; a month alone does not.
        for (line, author) in [
            ("By Reyna Moss Published on July 18, 2025", "Reyna Moss"),
            ("By Ole Dahl Zuletzt aktualisiert", "Ole Dahl"),
            ("By Jonas Berg June 3, 2021", "Jonas Berg"),
            ("By Anna May", "Anna May"),
        ] {
            assert_eq!(byline_author(line).as_deref(), Some(author), "{line}");
        }
        // Without its colon, "Text" opens prose.
        assert_eq!(byline_author("Text Messages From The Front"), None);
    }

    #[test]
    fn ascii_stop_words_are_found_in_any_case() {
        let stop = &*STOPWORDS;
        let mut lower = String::new();
        for (&word, &mask) in stop.languages.iter().filter(|(w, _)| w.is_ascii()) {
            for probe in [word.to_string(), word.to_ascii_uppercase()] {
                assert_eq!(stop.languages_of_ascii(&probe, &mut lower), mask, "{probe}");
            }
        }
        for probe in ["Zebra", "x", "extraordinarily", "THEREFORE", "a1"] {
            let expected = stop.languages_of(&probe.to_ascii_lowercase());
            assert_eq!(
                stop.languages_of_ascii(probe, &mut lower),
                expected,
                "{probe}"
            );
        }
    }

    /// Text made of pieces of `[contains]` phrases, whole or cut, and a few characters that
    /// join or separate them.
    fn phrase_soup() -> impl Strategy<Value = String> {
        let piece = (
            any::<proptest::sample::Index>(),
            0usize..4,
            proptest::sample::select(vec!["", " ", "s", "0", "-", "é"]),
        );
        proptest::collection::vec(piece, 0..8).prop_map(|pieces| {
            let entries = &LEXICON.contains.entries;
            let mut text = String::new();
            for (index, cut, glue) in pieces {
                let phrase = index.get(entries).1;
                let end = (phrase.len() * (4 - cut) / 4..=phrase.len())
                    .find(|&end| phrase.is_char_boundary(end))
                    .unwrap_or(phrase.len());
                text.push_str(&phrase[..end]);
                text.push_str(glue);
            }
            text
        })
    }

    proptest! {
        #[test]
        fn skipping_finds_what_the_automaton_finds(text in phrase_soup()) {
            static UNANCHORED: LazyLock<AhoCorasick> = LazyLock::new(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(LEXICON.contains.entries.iter().map(|(_, p)| p))
                    .expect("lexicon patterns compile")
            });
            let skipping: Vec<_> = LEXICON.contains.find_iter(&text).collect();
            let automaton: Vec<_> = UNANCHORED.find_iter(text.as_str()).collect();
            prop_assert_eq!(skipping, automaton);
        }

        #[test]
        fn normalize_matches_its_definition(
            text in crate::text::tests::tricky_text(),
            before in crate::text::tests::tricky_text(),
        ) {
            prop_assert_eq!(normalize(&text), reference_normalize(&text));
            let mut out = before.clone();
            normalize_onto(&text, &mut out);
            prop_assert_eq!(out, before + &reference_normalize(&text));
        }
    }

    #[test]
    fn normalize_folds_case_space_and_digits() {
        assert_eq!(
            normalize("  Visited 1,234 times,\n 1 visit(s)  today "),
            "visited 0 times, 0 visit(s) today"
        );
        assert_eq!(normalize("Version 2.0."), "version 0.");
    }

    #[test]
    fn token_parts_split_on_separators_and_camel_case() {
        let (mut joined, mut parts) = (String::new(), Vec::new());
        token_parts("post_shareBar-top", &mut joined, &mut parts);
        assert_eq!(joined, "-post-share-bar-top-");
        let parts: Vec<_> = parts.into_iter().map(|r| &joined[r]).collect();
        assert_eq!(parts, ["post", "share", "bar", "top"]);
    }

    #[test]
    fn negations_and_module_hashes_mark_nothing() {
        let category = |token: &str| TokenMemo::default().match_tokens(token).map(|(c, _)| c);
        for token in [
            "no-ads",
            "non-sticky",
            "not-print",
            "hide-from-toc",
            "searchable-content",
            "ArticleBody_text__AdXy3",
            "Card_body__xAdQ3",
        ] {
            assert_eq!(category(token), None, "{token}");
        }
        for token in [
            "ads",
            "ad__label",
            "comments__list",
            "sidebarAd",
            "no-ads sidebar",
        ] {
            assert!(category(token).is_some(), "{token}");
        }
    }

    #[test]
    fn boundaries_reject_matches_inside_words() {
        assert!(!at_word_boundaries("headline", 2, 4));
        assert!(at_word_boundaries("an ad here", 3, 5));
    }
}
