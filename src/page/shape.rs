//! Structural measurements of a page's blocks, for [`super::detect`]: what the blocks look like
//! taken together (repeated linked items, dated posts, prices, buy controls, calls to action,
//! code), counted in one pass over blocks and features the earlier stages already made.
//!
//! Every measure works on flattened text too, where it can: a text block has no links, so the
//! link-based measures are zero there and the line-shape measures (dates, prices, controls)
//! carry the evidence.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::block::{Block, BlockKind, Category};
use crate::features::DocumentFeatures;
use crate::lexicon::phrases;
use crate::text::Ending;

/// A buy control or stock line (`src/lexicon/commerce.txt`).
const COMMERCE: u8 = 1;
/// A post control or member fact of a thread (`src/lexicon/posts.txt`).
const POSTS: u8 = 2;
/// A call to action of a service page (`src/lexicon/actions.txt`).
const ACTIONS: u8 = 4;
/// A section heading of a service page (`src/lexicon/sections.txt`).
const SECTIONS: u8 = 8;

/// Every phrase of the four lists, with the lists it belongs to (one lookup serves all), and
/// the length of the longest in bytes (a longer text is none of them, without hashing it).
static PHRASES: LazyLock<(HashMap<&'static str, u8>, usize)> = LazyLock::new(|| {
    let mut map = HashMap::default();
    for (file, kind) in [
        (include_str!("../lexicon/commerce.txt"), COMMERCE),
        (include_str!("../lexicon/posts.txt"), POSTS),
        (include_str!("../lexicon/actions.txt"), ACTIONS),
        (include_str!("../lexicon/sections.txt"), SECTIONS),
    ] {
        for phrase in phrases(file) {
            assert!(
                phrase.split(' ').count() <= MAX_PHRASE_WORDS,
                "phrase longer than MAX_PHRASE_WORDS: {phrase}"
            );
            *map.entry(phrase).or_insert(0) |= kind;
        }
    }
    let max_len = map.keys().map(|p| p.len()).max().unwrap_or(0);
    (map, max_len)
});

/// Whether normalised `text` is a buy control or a stock line (`src/lexicon/commerce.txt`).
pub fn is_buy_control(text: &str) -> bool {
    phrase_kinds(text) & COMMERCE != 0
}

/// Whether normalised `text` is a call to action (`src/lexicon/actions.txt`).
pub fn is_action(text: &str) -> bool {
    phrase_kinds(text) & ACTIONS != 0
}

/// The lists (bits) with an entry that normalised `text` is, or starts with followed by a
/// space.
fn phrase_kinds(text: &str) -> u8 {
    let (map, max_len) = &*PHRASES;
    let kinds_of = |s: &str| {
        if s.len() <= *max_len {
            map.get(s).copied().unwrap_or(0)
        } else {
            0
        }
    };
    text.match_indices(' ')
        .take(MAX_PHRASE_WORDS)
        .take_while(|&(at, _)| at <= *max_len)
        .fold(kinds_of(text), |kinds, (at, _)| {
            kinds | kinds_of(&text[..at])
        })
}

/// The longest phrase of the lists, in words (loading the lists checks it).
const MAX_PHRASE_WORDS: usize = 4;

/// Month names and abbreviations (several languages), `src/lexicon/months.txt`.
static MONTHS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| phrases(include_str!("../lexicon/months.txt")));

/// A block of at most this many words can be a buy control, a price line or a date line.
const SHORT_WORDS: usize = 12;
/// A block of at most this many words can be a post control, a call to action or a section
/// heading.
const CONTROL_MAX_WORDS: usize = 6;
/// A linked title has at least this many words…
const TITLE_MIN_WORDS: usize = 2;
/// …and at most this many.
const TITLE_MAX_WORDS: usize = 25;
/// A linked title: at least this share of its characters lead with a link.
const TITLE_LINK_SHARE: f32 = 0.8;
/// A snippet or a post's prose: at least this many words…
const SNIPPET_MIN_WORDS: usize = 8;
/// …and at most this share of its text in links.
const SNIPPET_MAX_LINK_DENSITY: f32 = 0.3;
/// A snippet follows its title within this many blocks (a date or a byline may sit between).
const SNIPPET_REACH: usize = 3;
/// A paragraph of this many words, ending a sentence, with few links, is prose.
const PROSE_MIN_WORDS: usize = 15;

/// What [`measure`] counts on a page.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Shape {
    /// Words on the page.
    pub words: usize,
    /// Words in prose paragraphs (see [`PROSE_MIN_WORDS`]).
    pub prose_words: usize,
    /// Words of prose inside containers marked as comments or replies.
    pub comment_prose_words: usize,
    /// Prose paragraphs inside containers marked as comments or replies.
    pub comment_prose_blocks: usize,
    /// Prose paragraphs.
    pub prose_blocks: usize,
    /// Words of the longest run of prose paragraphs, headings between them allowed.
    pub longest_prose_run: usize,
    /// Code blocks.
    pub code_blocks: usize,
    /// Data tables.
    pub tables: usize,
    /// Short blocks with a currency amount.
    pub prices: usize,
    /// Short blocks that are a buy control or a stock line.
    pub buy_controls: usize,
    /// Blocks that are a linked title (see [`TITLE_LINK_SHARE`]).
    pub linked_titles: usize,
    /// Linked titles followed by a snippet: listing or collection items.
    pub items: usize,
    /// Words in those items (title and snippet).
    pub item_words: usize,
    /// Short blocks holding a date.
    pub dates: usize,
    /// Date lines followed by prose before the next date line: posts.
    pub dated_posts: usize,
    /// Date lines followed by any unlinked text of 5 words or more before the next date line.
    pub dated_texts: usize,
    /// Short blocks that are post controls or member facts (`src/lexicon/posts.txt`).
    pub post_meta: usize,
    /// Short blocks that are calls to action (`src/lexicon/actions.txt`).
    pub actions: usize,
    /// Characters on the page, and those in links.
    pub chars: usize,
    /// Characters in links.
    pub link_chars: usize,
    /// Words of the blocks inside the HTML front-end's main region.
    pub main_words: usize,
    /// Words of the blocks outside debris containers (menus, footers, widgets).
    pub unmarked_words: usize,
    /// Headings of service-page sections ("Why choose us", "How it works", "Pricing").
    pub service_headings: usize,
    /// Blocks that read as code although not marked as code (symbol-dense lines).
    pub code_lines: usize,
    /// Whether any block carries markup evidence (links, a main region, a debris mark):
    /// false for flattened text.
    pub markup: bool,
}

impl Shape {
    /// Share of the words in the main region; `None` without markup (flattened text has no
    /// region).
    pub fn main_share(&self) -> Option<f32> {
        self.markup.then(|| ratio(self.main_words, self.words))
    }

    /// Share of the words outside debris containers that are in the main region; `None`
    /// without markup.
    pub fn main_share_of_unmarked(&self) -> Option<f32> {
        self.markup
            .then(|| ratio(self.main_words, self.unmarked_words))
    }

    /// Share of the characters in links.
    pub fn link_share(&self) -> f32 {
        ratio(self.link_chars, self.chars)
    }

    /// Share of the words in prose paragraphs.
    pub fn prose_share(&self) -> f32 {
        ratio(self.prose_words, self.words)
    }

    /// Share of the words in items (a linked title and its snippet).
    pub fn item_share(&self) -> f32 {
        ratio(self.item_words, self.words)
    }
}

/// `part / whole`, 0 for an empty whole.
fn ratio(part: usize, whole: usize) -> f32 {
    if whole == 0 {
        0.0
    } else {
        part as f32 / whole as f32
    }
}

/// Measures the page's blocks in one pass.
pub fn measure(blocks: &[Block], doc: &DocumentFeatures) -> Shape {
    let mut s = Shape::default();
    let mut run = 0usize;
    let mut title_at: Option<usize> = None;
    let mut date_open = false;
    let mut date_any = false;
    let mut lower = String::new();
    for (i, (block, f)) in blocks.iter().zip(&doc.blocks).enumerate() {
        s.words += f.words;
        let chars = block.text.chars().count();
        s.chars += chars;
        s.link_chars += block.markup.link_chars;
        if block.markup.in_main == Some(true) {
            s.main_words += f.words;
        }
        if block.markup.debris_container.is_none() {
            s.unmarked_words += f.words;
        }
        s.markup |= block.markup.carries_evidence();
        let is_heading = matches!(block.kind, BlockKind::Heading { .. });
        let prose = matches!(
            block.kind,
            BlockKind::Paragraph | BlockKind::Quote | BlockKind::ListItem { .. }
        ) && f.words >= PROSE_MIN_WORDS
            && f.ending == Ending::Sentence
            && f.link_density < SNIPPET_MAX_LINK_DENSITY;
        if prose {
            s.prose_words += f.words;
            if block
                .markup
                .debris_container
                .as_ref()
                .is_some_and(|(c, _)| *c == Category::Comments)
            {
                s.comment_prose_words += f.words;
                s.comment_prose_blocks += 1;
            }
            s.prose_blocks += 1;
            run += f.words;
            s.longest_prose_run = s.longest_prose_run.max(run);
        } else if !is_heading && f.words > 3 {
            run = 0;
        }
        match &block.kind {
            BlockKind::Code => s.code_blocks += 1,
            BlockKind::Table { .. } => s.tables += 1,
            _ => {}
        }
        let short = f.words <= SHORT_WORDS;
        if short && f.numeric > 0 && has_price(&block.text) {
            s.prices += 1;
        }
        if short {
            let norm = doc.normalized(i);
            let kinds = phrase_kinds(norm);
            s.buy_controls += usize::from(kinds & COMMERCE != 0);
            if f.words <= CONTROL_MAX_WORDS {
                s.post_meta += usize::from(kinds & POSTS != 0);
                s.actions += usize::from(kinds & ACTIONS != 0);
                if is_heading
                    && phrase_kinds(norm.trim_end_matches(['?', ':', '.', '!'])) & SECTIONS != 0
                {
                    s.service_headings += 1;
                }
            }
        }
        if !matches!(block.kind, BlockKind::Code)
            && !block.markup.carries_evidence()
            && looks_like_code(&block.text)
        {
            s.code_lines += 1;
        }
        let date = short && f.numeric > 0 && has_date(&block.text, &mut lower);
        if date {
            s.dates += 1;
            date_open = true;
            date_any = true;
        } else {
            if date_open && prose {
                s.dated_posts += 1;
                date_open = false;
            }
            if date_any && !is_heading && f.words >= 5 && f.link_density < SNIPPET_MAX_LINK_DENSITY
            {
                s.dated_texts += 1;
                date_any = false;
            }
        }
        // Items: a linked title, then a snippet within reach.
        let linked_title = (TITLE_MIN_WORDS..=TITLE_MAX_WORDS).contains(&f.words)
            && chars > 0
            && block.markup.leading_link_chars as f32 >= TITLE_LINK_SHARE * chars as f32
            && !matches!(block.kind, BlockKind::Code | BlockKind::Table { .. });
        if linked_title {
            s.linked_titles += 1;
            title_at = Some(i);
        } else if let Some(t) = title_at
            && i - t <= SNIPPET_REACH
            && f.words >= SNIPPET_MIN_WORDS
            && f.link_density < SNIPPET_MAX_LINK_DENSITY
            && !is_heading
        {
            s.items += 1;
            s.item_words += f.words + doc.blocks[t].words;
            title_at = None;
        }
    }
    s
}

/// Currency symbols that mark an amount next to a number.
const CURRENCY: &[char] = &[
    '$', '€', '£', '¥', '₹', '₽', '₩', '₺', '₫', '₪', '฿', '₴', '₦',
];
/// Currency codes and abbreviations written beside an amount (compared without case).
const CURRENCY_WORDS: &[&str] = &[
    "usd", "eur", "gbp", "aud", "cad", "chf", "jpy", "inr", "sek", "nok", "dkk", "pln", "czk",
    "kr", "zł", "rs", "rp", "lei", "ft", "r$", "us$", "a$", "c$",
];

/// Whether `text` holds a currency amount: a symbol or code right beside a digit.
fn has_price(text: &str) -> bool {
    let mut prev: Option<char> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if CURRENCY.contains(&c) {
            let before = prev.is_some_and(|p| p.is_ascii_digit());
            let after = chars
                .clone()
                .find(|c| !c.is_whitespace())
                .is_some_and(|n| n.is_ascii_digit());
            if before || after {
                return true;
            }
        }
        if !c.is_whitespace() {
            prev = Some(c);
        }
    }
    // Codes: "25.00 EUR", "USD 12", "199 kr".
    let number = |w: &str| w.starts_with(|c: char| c.is_ascii_digit());
    let code = |w: &str| {
        let w = w.trim_end_matches(['.', ',']);
        CURRENCY_WORDS.iter().any(|c| c.eq_ignore_ascii_case(w))
    };
    let mut last = "";
    for w in text.split_whitespace() {
        // The cheap test first: a code is only looked up beside a number.
        if (number(last) && code(w)) || (number(w) && code(last)) {
            return true;
        }
        last = w;
    }
    false
}

/// Whether `text` holds a date: a month name beside a number, a numeric date (`12/03/2021`,
/// `2021-03-12`), or "N days ago". `lower` is a buffer for a word in lower case.
fn has_date(text: &str, lower: &mut String) -> bool {
    let digit = |s: &str| s.bytes().any(|b| b.is_ascii_digit());
    let mut last = "";
    let mut month_before = false;
    for w in text
        .split(|c: char| !(c.is_alphanumeric() || c == '/' || c == '-' || c == '.'))
        .filter(|w| !w.is_empty())
    {
        let bare = w.trim_end_matches('.');
        if digit(bare) {
            if month_before || is_numeric_date(bare) {
                return true;
            }
        } else {
            lower.clear();
            if bare.is_ascii() {
                // Most words: the same lowercase without decoding characters.
                lower.push_str(bare);
                lower.make_ascii_lowercase();
            } else {
                lower.extend(bare.chars().flat_map(char::to_lowercase));
            }
            if lower == "ago" && !last.is_empty() {
                return true;
            }
            let month = MONTHS.contains(lower.as_str());
            if month && digit(last) {
                return true;
            }
            month_before = month;
            last = w;
            continue;
        }
        month_before = false;
        last = w;
    }
    false
}

/// `12/03/2021`, `2021-03-12`, `12.03.21`: three groups of digits, one separator.
fn is_numeric_date(w: &str) -> bool {
    for sep in ['/', '-', '.'] {
        let parts: Vec<&str> = w.split(sep).collect();
        if parts.len() == 3
            && parts
                .iter()
                .all(|p| (1..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
            && parts.iter().any(|p| p.len() >= 2)
        {
            return true;
        }
    }
    false
}

/// How many leading characters of a block [`looks_like_code`] reads.
const CODE_SCAN_CHARS: usize = 400;

/// Whether `text` reads as a line of code: at least 8 non-space characters, of which at least
/// a sixth are code punctuation, with brackets and a mark that prose and menus lack (`;`, `=`,
/// a brace, an angle bracket, `_`, `$`, or a call: a name right before `(`). "July (155)" in an
/// archive menu is not code; `read(buf);` is.
fn looks_like_code(text: &str) -> bool {
    // Code opens a bracket among its first characters; most prose opens none, and a SIMD
    // byte search rules it out cheaply.
    let head = &text.as_bytes()[..text.len().min(CODE_SCAN_CHARS)];
    if memchr::memchr3(b'(', b'{', b'[', head).is_none() {
        return false;
    }
    let mut visible = 0usize;
    let mut symbols = 0usize;
    let mut brackets = 0usize;
    let mut strong = false;
    let mut prev = ' ';
    for c in text.chars().take(CODE_SCAN_CHARS) {
        if c.is_whitespace() {
            prev = c;
            continue;
        }
        visible += 1;
        match c {
            '(' | ')' | '{' | '}' | '[' | ']' => {
                symbols += 1;
                brackets += 1;
                strong |= matches!(c, '{' | '}') || (c == '(' && prev.is_alphanumeric());
            }
            ';' | '=' | '<' | '>' | '_' | '$' | '\\' => {
                symbols += 1;
                strong = true;
            }
            '#' | '|' | '&' | '*' | '.' | ':' | '/' | '"' | '\'' => symbols += 1,
            _ => {}
        }
        prev = c;
    }
    visible >= 8 && brackets > 0 && strong && symbols * 6 >= visible
}
