//! The HTML front-end: a parsed page becomes blocks, with the evidence only markup can give.
//!
//! One iterative walk over the DOM (no recursion, so any nesting depth is safe):
//! - skips what is never content (scripts, styles, templates, SVG, embedded frames, form
//!   controls) and hidden elements (`hidden`, `aria-hidden="true"`, inline `display:none`),
//!   unless an inline style hides most of the page (a loading guard the page's script lifts);
//! - reads metadata (`<title>`, `<meta>`, canonical link, JSON-LD) wherever it appears;
//! - cuts text into blocks at block-level elements, keeping headings, list items, quotes,
//!   preformatted text and data tables as such, and counts the text inside links;
//! - notes containers that class, id, role or tag mark as debris (`nav`, `share-bar`,
//!   `cookie-banner`, …);
//! - counts, for the page model, the largest row of sibling items that each hold a short
//!   heading and a line of text (feature cards, product tiles);
//! - scores containers by the prose they hold (Readability-style: commas and length, passed up
//!   to parent and grandparent, scaled by link density, boosted for `<article>`, `<main>` and
//!   `itemprop="articleBody"`), picks the main one and merges its sibling containers that hold
//!   the rest of a split article.
//!
//! A debris mark is honoured only when it is safe: a marked container that holds a large share
//! of the page's text, or the main content itself, is a page wrapper, not a widget.

use ego_tree::NodeRef;
use html5ever::local_name;
use scraper::Node;
use scraper::node::Element;

use std::sync::Arc;

use super::inline::{Format, Image, Span, SpanKind};
use crate::block::{Block, BlockKind, Category, Markup, preview};
use crate::error::Error;
use crate::lexicon::TokenMemo;
use crate::limits::{Budget, CHECK_EVERY};
use crate::metadata::Metadata;
use crate::page::Signals;

/// A segmented HTML page.
pub struct Page {
    /// Blocks in reading order.
    pub blocks: Vec<Block>,
    /// The headline from markup (h1, `og:title` or `<title>`, without site suffix).
    pub title: Option<String>,
    /// Page metadata.
    pub metadata: Metadata,
    /// What the page says about its own type (schema.org types, `og:type`, generator).
    pub signals: Signals,
    /// The article text the page carries in JSON-LD (`articleBody`), if any: a page rendered
    /// by script may have no other copy of it.
    pub json_ld_body: Option<String>,
    /// The elements the walk scored, for the page model to choose other regions than the
    /// article's.
    pub outline: Outline,
    /// Elements flattened for nesting deeper than [`crate::limits::MAX_DEPTH`].
    pub flattened: usize,
    /// Formatting elements closed instead of being re-opened in every block (see
    /// [`super::parse::Parsed::reopened`]).
    pub reopened: usize,
    /// The page's `<base href>` (read with [`crate::Options::formatting`] only).
    pub base_href: Option<String>,
}

/// A marked container inside the main content may hold at most this share of its text.
const MAX_MARKED_SHARE: f32 = 0.4;
/// A marked container holding more than this share of the page's prose is a wrapper.
const MAX_WIDGET_PROSE: f32 = 0.5;
/// How much prose inside a marked container counts when choosing the main content.
const MARKED_PROSE_WEIGHT: f32 = 0.25;
/// The boost of a container the page declares as the article body (`itemprop="articleBody"`);
/// the main region always moves up to such an ancestor.
const ARTICLE_BODY_BOOST: f32 = 1.5;
/// The main region moves up to an ancestor holding at least this multiple of its prose…
const CLIMB_GAIN: f32 = 1.5;
/// …whose text is at most this share links…
const CLIMB_MAX_LINK_DENSITY: f32 = 0.35;
/// …where the prose added per added paragraph container is at least this share of the
/// top's prose per container…
const CLIMB_CHUNK_SHARE: f32 = 0.1;
/// …at most this many levels up.
const MAX_CLIMB: usize = 5;
/// A sibling of the top container joins the main content from this share of its score…
const SIBLING_SHARE: f32 = 0.2;
/// A main region holding less than this share of the page's prose does not make the page one
/// article (a forum thread, a listing, a service page): what lies outside it is judged on its
/// own, not as text outside the article.
const MIN_MAIN_SHARE: f32 = 0.5;
/// …and from this absolute score.
const SIBLING_MIN_SCORE: f32 = 10.0;
/// An id of at least this many words is a heading's slug, not a widget's name (measured on
/// WCXB dev: documentation and listing pages gain, with three words product pages lose).
const SLUG_PARTS: usize = 4;
/// How many enclosing debris marks a block remembers (innermost first).
const MARK_MEMORY: usize = 4;

/// Segments an HTML page into blocks, within the limits (see [`super::parse`]).
///
/// With `formatting`, blocks carry their inline formatting ([`super::inline`]); with
/// `images` too, the images of the page ([`crate::Options::images`]).
pub fn segment(
    html: &str,
    max_nodes: Option<usize>,
    budget: &Budget,
    formatting: bool,
    images: bool,
) -> Result<Page, Error> {
    let parsed = super::parse::parse(html, max_nodes, budget, formatting)?;
    let mut walker = Walker {
        formatting,
        images: formatting && images,
        ..Walker::default()
    };
    walker.walk(parsed.document.tree.root(), budget)?;
    let mut page = walker.finish();
    page.flattened = parsed.flattened;
    page.reopened = parsed.reopened;
    Ok(page)
}

/// What the walk knows about one element it entered.
#[derive(Debug, Clone, Default)]
struct Elem {
    parent: Option<usize>,
    /// Characters of text in blocks this element owns directly.
    own_chars: u32,
    own_link_chars: u32,
    /// Prose score passed up from the blocks below.
    score: f32,
    /// Multiplier from semantic markup (`article`, `main`, articleBody).
    boost: f32,
    /// Debris mark from tag, class, id or role.
    mark: Option<(Category, Arc<str>)>,
    /// Whether the element is a paragraph-like leaf (`p`, `li`, …) rather than a container.
    leaf: bool,
    /// How many blocks were made before the element was entered.
    blocks_before: usize,
    /// Whether the mark comes from the heading that opens the element ("Related posts"): it
    /// names the whole container, however much prose the posts in it hold.
    opened_by_heading: bool,
    /// Whether the element is the page's declared main content (`<main>`, `role=main`).
    main: bool,
}

/// The elements of a page as the walk measured them, in document order (the root, index 0,
/// stands for the document), and which element owns each block. Regions are chosen on it:
/// the article's by the walk itself, others by [`crate::page::regions`].
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// Each element's parent (`None` for the root); parents come before their children.
    pub parent: Vec<Option<usize>>,
    /// Each element's debris mark (from tag, role, class or id, or the heading that opens it).
    pub mark: Vec<Option<(Category, Arc<str>)>>,
    /// Whether the element is the page's declared main content (`<main>`, `role=main`).
    pub main: Vec<bool>,
    /// The element that owns each block.
    pub owner: Vec<usize>,
    /// The marked containers around each block, innermost first (at most four).
    pub marks: Vec<Vec<usize>>,
}

/// A block under construction, and where it came from.
struct Pending {
    block: Block,
    owner: usize,
    marks: Vec<usize>,
    /// What the block can be in a repeated item ([`ITEM_HEADING`], [`ITEM_SNIPPET`]).
    item: u8,
}

/// A block that can be an item's heading: a heading of at most [`ITEM_HEADING_MAX_CHARS`].
const ITEM_HEADING: u8 = 1;
/// A block that can be an item's text: a line of at least [`ITEM_SNIPPET_MIN_CHARS`] that is
/// not mostly links.
const ITEM_SNIPPET: u8 = 2;
/// An item's heading holds at most this many characters (a title, not a paragraph).
const ITEM_HEADING_MAX_CHARS: usize = 200;
/// An item's text holds at least this many characters (about eight words: a card's
/// description, not a label).
const ITEM_SNIPPET_MIN_CHARS: usize = 40;
/// An item (a card, a feature, a tile) holds at most this many characters: a section of an
/// article holds more.
const ITEM_MAX_CHARS: f32 = 1500.0;

#[derive(Default)]
struct Walker {
    elems: Vec<Elem>,
    pending: Vec<Pending>,
    /// Open block-level elements (element index, tag).
    open: Vec<(usize, &'static str)>,
    /// How many of them are `li`.
    open_li: usize,
    /// Open marked containers, innermost last.
    marks: Vec<usize>,
    /// A container just marked by its opening heading, to join `marks` once the heading has
    /// left.
    section: Option<usize>,
    buffer: String,
    buffer_links: usize,
    /// Characters at the start of the buffer that are inside links, and whether only linked
    /// text has been seen so far.
    leading_links: usize,
    unlinked_seen: bool,
    link_depth: usize,
    pre_depth: usize,
    quote_depth: usize,
    lists: Vec<bool>,
    metadata: Metadata,
    /// Publication dates as written, by source, the most trusted first (see [`DateSource`]);
    /// the first of each source is kept.
    dates: [Option<String>; DateSource::COUNT],
    /// The JSON-LD `headline`.
    ld_headline: Option<String>,
    /// The first `<h1>` outside every marked container (navigation, sidebar, footer…).
    h1_outside: Option<String>,
    /// Authors by source, the most trusted first (see [`AuthorSource`]).
    authors: [Option<String>; AuthorSource::COUNT],
    title_tag: Option<String>,
    og_title: Option<String>,
    h1: Option<(usize, String)>,
    /// The page's JSON-LD `articleBody`, the longest if several.
    json_ld_body: Option<String>,
    /// What the page says about its own type.
    signals: Signals,
    /// Characters of readable text in the whole document, measured at the first hidden
    /// element ([`Walker::loading_guard`]).
    readable_chars: Option<usize>,
    /// Class and id values already matched against the lexicon.
    tokens: TokenMemo,
    /// Whether inline formatting is recorded ([`super::inline`]).
    formatting: bool,
    /// Whether images are recorded ([`crate::Options::images`]).
    images: bool,
    /// Images seen since the last block was made, for the next one.
    images_seen: Vec<Image>,
    /// Inline elements open around the buffer: what each is and where in the buffer it began.
    inline_open: Vec<(SpanKind, usize)>,
    /// Inline elements closed in the buffer: (start, end, kind), bytes of the buffer.
    inline_done: Vec<(usize, usize, SpanKind)>,
    /// The language the code block being read is marked with.
    code_language: Option<String>,
    /// The next number of each open list (0 for a bulleted one), innermost last.
    list_numbers: Vec<u32>,
    /// The number of the numbered list item being read, for its first block.
    item_number: Option<u32>,
    /// The page's `<base href>`.
    base_href: Option<String>,
}

/// Where a publication date was read, the most trusted first: JSON-LD `datePublished`, then
/// the date metas, then an element marked `itemprop=datePublished` (or `<time pubdate>`),
/// then the first `<time datetime>` of the page.
#[derive(Clone, Copy)]
enum DateSource {
    JsonLd,
    Meta,
    ItemProp,
    Time,
}

impl DateSource {
    const COUNT: usize = 4;
}

/// Where an author was read, the most trusted first: JSON-LD `author`, the author metas, an
/// element marked `itemprop=author` or `rel=author`, an element whose class names an author
/// (`class="author-name"`). A byline among the page's blocks comes after them all.
#[derive(Clone, Copy)]
enum AuthorSource {
    JsonLd,
    Meta,
    Element,
    Class,
}

impl AuthorSource {
    const COUNT: usize = 4;
}

/// A line that shows the page's date holds at most this many bytes (a byline with a date and
/// a reading time; longer is prose that may name any date).
const MAX_DATE_LINE: usize = 160;

/// A user name has at most this many characters (forums cap them at 20 to 32).
const MAX_USER_NAME: usize = 32;

/// A name has at most this many words ("Anna Maria de la Cruz", with a title: six).
const MAX_NAME_WORDS: usize = 6;

/// An element naming the author holds at most this many characters (a name or two, perhaps
/// with a role; longer is an author box's biography).
const MAX_AUTHOR_CHARS: usize = 80;
/// A byline is looked for among this many first blocks of the page (the article's head).
const BYLINE_BLOCKS: usize = 60;

/// One step of the iterative walk.
enum Step<'a> {
    Enter(NodeRef<'a, Node>),
    Exit(ExitKind),
}

/// What leaving an element must undo.
#[derive(Clone, Copy)]
struct ExitKind {
    block_level: bool,
    /// Whether it opened an inline span ([`Walker::inline_open`]).
    inline: bool,
    link: bool,
    pre: bool,
    quote: bool,
    list: bool,
    /// The element's index.
    index: usize,
}

impl Walker {
    fn walk(&mut self, root: NodeRef<'_, Node>, budget: &Budget) -> Result<(), Error> {
        self.elems.push(Elem {
            boost: 1.0,
            ..Elem::default()
        });
        self.open.push((0, "body"));
        let mut stack = vec![Step::Enter(root)];
        let mut steps = 0usize;
        while let Some(step) = stack.pop() {
            steps += 1;
            if steps % CHECK_EVERY == 0 {
                budget.check("segmenting HTML")?;
            }
            match step {
                Step::Exit(exit) => self.exit(exit),
                Step::Enter(node) => match node.value() {
                    Node::Text(text) => self.push_text(text),
                    Node::Element(element) => {
                        if let Some(exit) = self.enter(node, element, budget)? {
                            stack.push(Step::Exit(exit));
                            push_children(&mut stack, node);
                        }
                    }
                    Node::Document | Node::Fragment => push_children(&mut stack, node),
                    _ => {}
                },
            }
        }
        self.flush();
        Ok(())
    }

    /// Whether an element hidden by its inline style is a loading guard: it holds at least
    /// [`GUARD_SHARE`] of the page's readable text, so it wraps the page itself
    /// (`<div style="visibility:hidden">` around the whole page, lifted by the page's script
    /// once its styles load). Readers see it.
    fn loading_guard(&mut self, node: NodeRef<'_, Node>) -> bool {
        let total = *self.readable_chars.get_or_insert_with(|| {
            node.ancestors()
                .last()
                .map_or(0, |root| readable_chars(root))
        });
        total > 0 && readable_chars(node) as f32 >= GUARD_SHARE * total as f32
    }

    /// Enters an element; returns how to leave it, or `None` to skip its subtree. Fails when
    /// the budget runs out inside a data table.
    fn enter(
        &mut self,
        node: NodeRef<'_, Node>,
        element: &Element,
        budget: &Budget,
    ) -> Result<Option<ExitKind>, Error> {
        let tag = element.name();
        if self.read_metadata(node, element) {
            return Ok(None);
        }
        match tag {
            // The head holds no text, only what the page says about itself.
            "head" => {
                for d in node.descendants() {
                    if let Some(e) = d.value().as_element() {
                        self.read_metadata(d, e);
                    }
                }
                return Ok(None);
            }
            "html" => {
                if let Some(lang) = attr(element, "lang") {
                    self.metadata.declared_language = Some(lang.to_string());
                }
            }
            "a" if self.authors[AuthorSource::Element as usize].is_none()
                && attr(element, "rel").is_some_and(|r| {
                    r.split_ascii_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("author"))
                }) =>
            {
                self.author_element(node, AuthorSource::Element);
            }
            "time" => {
                if let Some(value) = attr(element, "datetime") {
                    let source = if attr(element, "pubdate").is_some()
                        || attr(element, "itemprop")
                            .is_some_and(|p| p.eq_ignore_ascii_case("datepublished"))
                    {
                        DateSource::ItemProp
                    } else {
                        DateSource::Time
                    };
                    self.date(source, value);
                }
            }
            // Two line breaks in a row end a paragraph: CMSs write whole stories as text runs
            // separated by `<br><br>`, and debris between them ("Advertisement") must be a
            // block of its own to be removed.
            "br" if self.pre_depth == 0 && self.buffer.ends_with('\n') => {
                self.flush();
                return Ok(None);
            }
            "br" => {
                self.buffer.push('\n');
                return Ok(None);
            }
            "hr" => {
                self.flush();
                return Ok(None);
            }
            // An image outside every debris container goes with the block it is in, or the
            // next one (a figure's caption); a logo or a teaser's picture does not.
            "img" => {
                if self.images && self.marks.is_empty() {
                    if let Some(src) = super::inline::image_source(|name| attr(element, name)) {
                        let alt = attr(element, "alt").map(collapse).unwrap_or_default();
                        self.images_seen.push(Image { src, alt });
                    }
                }
                return Ok(None);
            }
            // Skipped below, but its label is evidence for the page model ("Add to cart").
            "button" => self.signals.add_button(&short_text(node)),
            // A link of one symbol is a heading's permalink ("¶" after a Sphinx heading, "§"
            // or "#" before a rustdoc or MDN one), a footnote's way back ("↩"), a pager's
            // arrow: never text.
            // (A space stands in for it, so the words around it stay apart.)
            "a" if is_one_symbol(node) => {
                self.push_text(" ");
                return Ok(None);
            }
            // Where the depth filter dropped a block-level tag: the block ends here.
            "param" if attr(element, super::parse::BREAK_MARKER).is_some() => {
                self.flush();
                return Ok(None);
            }
            _ => {}
        }
        let attrs = Attrs::of(element);
        if attrs
            .itemprop
            .is_some_and(|p| p.eq_ignore_ascii_case("datepublished"))
        {
            if let Some(value) = attr(element, "content") {
                self.date(DateSource::ItemProp, value);
            }
        }
        if self.authors[AuthorSource::Element as usize].is_none()
            && attrs.itemprop.is_some_and(|p| {
                p.split_ascii_whitespace()
                    .any(|p| p.eq_ignore_ascii_case("author") || p.eq_ignore_ascii_case("creator"))
            })
        {
            self.author_element(node, AuthorSource::Element);
        }
        if self.authors[AuthorSource::Class as usize].is_none()
            && attrs.class.is_some_and(|c| {
                // "author", "Author", "post-author", "authorName". (A `u` found by memchr
                // first: this runs for every class attribute.)
                let b = c.as_bytes();
                memchr::memchr_iter(b'u', b).any(|i| b[i..].starts_with(b"uthor"))
                    && !["avatar", "img", "image", "photo", "bio", "label", "title"]
                        .iter()
                        .any(|w| c.contains(w))
            })
        {
            self.author_element(node, AuthorSource::Class);
        }
        // A button that opens a panel (an FAQ's question) shows content; other buttons are
        // controls.
        let skipped = is_skipped(tag) && !(tag == "button" && attrs.toggles);
        if skipped
            || attrs.hidden()
                && !attrs.collapsed()
                && !(attrs.hidden_by_style() && self.loading_guard(node))
        {
            return Ok(None);
        }
        if let Some(itemtype) = attrs.itemtype {
            self.signals.add_schema_type(itemtype);
        }
        // Inline code is evidence for the page model (src/page/).
        if tag == "code" && self.pre_depth == 0 {
            self.signals.inline_code += 1;
        }
        if tag == "table" && is_data_table(node) {
            self.flush();
            self.table(node, budget)?;
            return Ok(None);
        }
        let block_tag = block_level(tag);
        let block_level = block_tag.is_some();
        if block_level {
            self.flush();
        }
        self.count_items(tag, element);
        let inline = self.formatting && self.enter_formatting(tag, element, &attrs);
        let index = self.elems.len();
        let parent = self.open.last().map(|&(e, _)| e);
        // An id that is the slug of the element's own heading names its subject.
        let mut attrs = attrs;
        if attrs.id.is_some_and(|id| slugs_first_heading(node, id)) {
            attrs.id = None;
        }
        // The caption of an image kept for the output is the image's, not debris.
        let mark = if tag == "figcaption" && !self.images_seen.is_empty() {
            None
        } else {
            mark_of(tag, &attrs, &mut self.tokens)
        };
        let boost = boost_of(tag, &attrs);
        self.elems.push(Elem {
            parent,
            boost,
            main: tag == "main"
                || attrs
                    .role
                    .is_some_and(|r| r.trim().eq_ignore_ascii_case("main")),
            mark: mark.clone(),
            leaf: is_leaf(tag),
            blocks_before: self.pending.len(),
            ..Elem::default()
        });
        if let Some(block_tag) = block_tag {
            self.open.push((index, block_tag));
            self.open_li += usize::from(tag == "li");
        }
        if mark.is_some() {
            self.marks.push(index);
        }
        let link = tag == "a";
        let pre = tag == "pre";
        let quote = tag == "blockquote";
        let list = matches!(tag, "ul" | "ol");
        self.link_depth += usize::from(link);
        self.pre_depth += usize::from(pre);
        self.quote_depth += usize::from(quote);
        if list {
            self.lists.push(tag == "ol");
        }
        Ok(Some(ExitKind {
            block_level,
            inline,
            link,
            pre,
            quote,
            list,
            index,
        }))
    }

    /// Numbers the items of numbered lists as the page does (`<ol start=5>` starts at 5).
    fn count_items(&mut self, tag: &str, element: &Element) {
        match tag {
            "ol" => self.list_numbers.push(
                attr(element, "start")
                    .and_then(|s| s.trim().parse().ok())
                    .unwrap_or(1),
            ),
            "ul" => self.list_numbers.push(0),
            "li" => {
                self.item_number = self.list_numbers.last_mut().filter(|n| **n > 0).map(|n| {
                    *n += 1;
                    *n - 1
                });
            }
            _ => {}
        }
    }

    /// Notes what an element means for the formatting (see [`super::inline`]); returns
    /// whether it opened an inline span.
    fn enter_formatting(&mut self, tag: &str, element: &Element, attrs: &Attrs) -> bool {
        let code_class = matches!(tag, "pre" | "code")
            || (tag == "div" && attrs.class.is_some_and(|c| c.contains("highlight")));
        if code_class {
            if let Some(language) = attrs.class.and_then(super::inline::code_language) {
                self.code_language = Some(language);
            }
        }
        let kind = match tag {
            "a" => match attr(element, "href").filter(|h| super::inline::is_safe_href(h)) {
                Some(href) => SpanKind::Link {
                    href: href.trim().to_string(),
                },
                None => return false,
            },
            "em" | "i" => SpanKind::Emphasis,
            "strong" | "b" => SpanKind::Strong,
            "code" | "kbd" | "samp" if self.pre_depth == 0 => SpanKind::Code,
            _ => return false,
        };
        self.inline_open.push((kind, self.buffer.len()));
        true
    }

    fn exit(&mut self, exit: ExitKind) {
        if exit.inline {
            if let Some((kind, start)) = self.inline_open.pop() {
                if self.buffer.len() > start {
                    self.inline_done.push((start, self.buffer.len(), kind));
                }
            }
        }
        if exit.list {
            self.list_numbers.pop();
        }
        if exit.block_level {
            self.flush();
            if let Some((_, "li")) = self.open.pop() {
                self.open_li -= 1;
            }
        }
        // All its descendants have left: a mark of its own, from its tag or attributes or
        // from its heading, is the last.
        if self.marks.last() == Some(&exit.index) {
            self.marks.pop();
        }
        if let Some(section) = self.section.take() {
            let at = self.marks.partition_point(|&m| m < section);
            self.marks.insert(at, section);
        }
        self.link_depth -= usize::from(exit.link);
        self.pre_depth -= usize::from(exit.pre);
        self.quote_depth -= usize::from(exit.quote);
        if exit.list {
            self.lists.pop();
        }
    }

    fn push_text(&mut self, text: &str) {
        if self.pre_depth > 0 {
            self.buffer.push_str(text);
            return;
        }
        let mut pushed = 0;
        let mut space =
            self.buffer.ends_with(|c: char| c.is_ascii_whitespace()) || self.buffer.is_empty();
        // Only ASCII whitespace collapses, as in a browser (an ideographic space stays).
        for c in text.chars() {
            if c.is_ascii_whitespace() {
                if !space {
                    self.buffer.push(' ');
                    pushed += 1;
                    space = true;
                }
            } else {
                self.buffer.push(c);
                pushed += 1;
                space = false;
            }
        }
        if self.link_depth > 0 {
            self.buffer_links += pushed;
            if !self.unlinked_seen {
                self.leading_links += pushed;
            }
        } else if !text.trim_ascii().is_empty() {
            self.unlinked_seen = true;
        }
    }

    /// The spans of the buffer mapped onto `text`, the block made of it; spans still open go
    /// on in the next block.
    fn take_spans(&mut self, text: Option<&str>) -> Vec<Span> {
        let end = self.buffer.len();
        let mut raw: Vec<(usize, usize, SpanKind)> = std::mem::take(&mut self.inline_done);
        for (kind, start) in &mut self.inline_open {
            if end > *start {
                raw.push((*start, end, kind.clone()));
            }
            *start = 0;
        }
        match text {
            Some(text) if !raw.is_empty() => {
                super::inline::map_spans(&self.buffer, text, self.pre_depth > 0, raw)
            }
            _ => Vec::new(),
        }
    }

    /// Turns the text gathered so far into a block owned by the innermost block-level element.
    fn flush(&mut self) {
        let links = std::mem::take(&mut self.buffer_links);
        let leading_links = std::mem::take(&mut self.leading_links);
        self.unlinked_seen = false;
        // The buffer keeps its capacity for the next block.
        let raw = self.buffer.as_str();
        let text = if raw.trim().is_empty() {
            None
        } else if self.pre_depth > 0 {
            Some(raw.trim_matches('\n').trim_end().to_string())
        } else if !raw.contains('\n') {
            Some(raw.trim().to_string())
        } else {
            Some(
                raw.split('\n')
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n"),
            )
        };
        let spans = if self.formatting {
            self.take_spans(text.as_deref())
        } else {
            Vec::new()
        };
        self.buffer.clear();
        // What a reader sees (no soft hyphens or control characters, NFC); a block of nothing
        // but such characters is no block. (Spans are over the text before normalising: a
        // block it changes keeps none.)
        let mut spans = spans;
        let text = text
            .map(|mut text| {
                if let std::borrow::Cow::Owned(changed) = crate::text::normalized(&text) {
                    text = changed;
                    spans.clear();
                }
                text
            })
            .filter(|text| !text.trim().is_empty());
        let (Some(text), Some(&(owner, tag))) = (text, self.open.last()) else {
            return;
        };
        let kind = if self.pre_depth > 0 {
            BlockKind::Code
        } else if let Some(level) = tag.strip_prefix('h').and_then(|l| l.parse::<u8>().ok()) {
            BlockKind::Heading { level }
        } else if self.open_li > 0 && !self.lists.is_empty() {
            BlockKind::ListItem {
                ordered: self.lists.last().copied().unwrap_or(false),
                depth: u8::try_from(self.lists.len() - 1).unwrap_or(u8::MAX),
            }
        } else if self.quote_depth > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        };
        if let BlockKind::Heading { level: 1 } = kind {
            if self.h1_outside.is_none() && self.marks.is_empty() {
                self.h1_outside = Some(text.clone());
            }
            if self.h1.is_none() {
                self.h1 = Some((self.pending.len(), text.clone()));
            }
        }
        if matches!(kind, BlockKind::Heading { .. }) {
            self.mark_section(owner);
        }
        let chars = text.chars().count();
        let elem = &mut self.elems[owner];
        elem.own_chars += u32::try_from(chars).unwrap_or(u32::MAX);
        elem.own_link_chars += u32::try_from(links.min(chars)).unwrap_or(u32::MAX);
        let marks = self.marks.iter().rev().take(MARK_MEMORY).copied().collect();
        let mut block = Block::new(kind, text);
        // A numbered item's number is kept for every output (text output numbers items too).
        let number = match block.kind {
            BlockKind::ListItem { ordered: true, .. } => self.item_number.take(),
            _ => None,
        };
        if self.formatting {
            let format = Format {
                spans,
                language: match block.kind {
                    BlockKind::Code => self.code_language.take(),
                    _ => None,
                },
                number,
                caption: None,
                figure: tag == "figcaption" && !self.images_seen.is_empty(),
                images: std::mem::take(&mut self.images_seen),
            };
            block.format = (!format.is_empty()).then(|| Box::new(format));
        } else if number.is_some() {
            block.format = Some(Box::new(Format {
                number,
                ..Format::default()
            }));
        }
        block.markup.link_chars = links.min(chars);
        block.markup.leading_link_chars = leading_links.min(chars);
        let item = match block.kind {
            BlockKind::Heading { .. } if chars <= ITEM_HEADING_MAX_CHARS => ITEM_HEADING,
            BlockKind::Heading { .. } | BlockKind::Code => 0,
            _ if chars >= ITEM_SNIPPET_MIN_CHARS && links * 10 < chars * 3 => ITEM_SNIPPET,
            _ => 0,
        };
        self.pending.push(Pending {
            block,
            owner,
            marks,
            item,
        });
    }

    /// Marks the container a heading opens when the heading's own class or id names a
    /// related-posts or comments section (`<h3 class="related-title">`): the container holds
    /// the section, whatever its blocks look like (teasers with whole paragraphs of text, long
    /// comments). Only when the heading is the container's first block. (A heading's words
    /// alone are weaker: "Recommended" also heads system requirements.)
    fn mark_section(&mut self, heading: usize) {
        let n = self.open.len();
        let Some(&(container, tag)) = n.checked_sub(2).and_then(|i| self.open.get(i)) else {
            return;
        };
        if matches!(tag, "body" | "main")
            || self.elems[container].mark.is_some()
            || self.elems[container].blocks_before != self.pending.len()
        {
            return;
        }
        if let Some((category, token)) = self.elems[heading]
            .mark
            .clone()
            .filter(|(c, _)| matches!(c, Category::Related | Category::Comments))
        {
            let elem = &mut self.elems[container];
            elem.mark = Some((category, token));
            elem.opened_by_heading = true;
            self.section = Some(container);
        }
    }

    /// Emits a data table as one block, looking at the budget every [`CHECK_EVERY`] rows.
    fn table(&mut self, node: NodeRef<'_, Node>, budget: &Budget) -> Result<(), Error> {
        let mut rows = Vec::new();
        let mut header = false;
        let all_rows = node.descendants().filter(|n| element_named(*n, "tr"));
        for (n, row) in all_rows.enumerate() {
            if n % CHECK_EVERY == CHECK_EVERY - 1 {
                budget.check("segmenting HTML")?;
            }
            let cells: Vec<String> = row
                .children()
                .filter(|c| element_named(*c, "td") || element_named(*c, "th"))
                .map(|c| collapse(&visible_text_of(c)))
                .collect();
            if rows.is_empty() {
                header = row.children().any(|c| element_named(c, "th"));
            }
            if cells.iter().any(|c| !c.is_empty()) {
                rows.push(cells);
            }
        }
        if rows.is_empty() {
            return Ok(());
        }
        let text = rows
            .iter()
            .map(|r| r.join(" | "))
            .collect::<Vec<_>>()
            .join("\n");
        let owner = self.open.last().map_or(0, |&(e, _)| e);
        self.elems[owner].own_chars += u32::try_from(text.chars().count()).unwrap_or(u32::MAX);
        let marks = self.marks.iter().rev().take(MARK_MEMORY).copied().collect();
        let mut block = Block::new(BlockKind::Table { rows, header }, text);
        if self.formatting {
            block.format = node
                .children()
                .find(|c| element_named(*c, "caption"))
                .map(|c| collapse(&visible_text_of(c)))
                .filter(|c| !c.is_empty())
                .map(|caption| {
                    Box::new(Format {
                        caption: Some(caption),
                        ..Format::default()
                    })
                });
        }
        self.pending.push(Pending {
            block,
            owner,
            marks,
            item: 0,
        });
        Ok(())
    }

    /// Reads what a `<title>`, `<meta>`, `<link>` or `<script>` says about the page, in the head
    /// or the body; returns whether the element was one of those (none holds text).
    fn read_metadata(&mut self, node: NodeRef<'_, Node>, element: &Element) -> bool {
        match element.name() {
            "title" => {
                if self.title_tag.is_none() {
                    self.title_tag = Some(collapse(&text_of(node)));
                }
            }
            "meta" => self.meta(element),
            "base" => {
                if let Some(href) = attr(element, "href") {
                    self.base_href
                        .get_or_insert_with(|| href.trim().to_string());
                }
            }
            "link" => {
                if attr(element, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) {
                    self.metadata.url.get_or_insert_with(|| {
                        attr(element, "href").unwrap_or_default().to_string()
                    });
                }
            }
            "script" => {
                if attr(element, "type").is_some_and(|t| t.contains("ld+json")) {
                    self.json_ld(&text_of(node));
                }
            }
            _ => return false,
        }
        true
    }

    fn meta(&mut self, element: &Element) {
        let key = attr(element, "property")
            .or_else(|| attr(element, "name"))
            .or_else(|| attr(element, "itemprop"));
        let (Some(key), Some(content)) = (key, attr(element, "content")) else {
            return;
        };
        let content = content.trim();
        if content.is_empty() {
            return;
        }
        let m = &mut self.metadata;
        let set = |slot: &mut Option<String>| {
            slot.get_or_insert_with(|| content.to_string());
        };
        match key.to_ascii_lowercase().as_str() {
            "og:title" | "twitter:title" => set(&mut self.og_title),
            "og:url" => set(&mut m.url),
            // A profile URL (`article:author` on many sites) is no name.
            "author" | "article:author" | "parsely-author" | "dc.creator" | "sailthru.author"
            | "citation_author" | "dcterms.creator"
                if !content.contains("://") && !content.starts_with("www.") =>
            {
                set(&mut self.authors[AuthorSource::Meta as usize]);
            }
            // The publication date metas of news CMSs, Dublin Core, Highwire (citation_*),
            // Parse.ly and Sailthru.
            "article:published_time"
            | "og:published_time"
            | "published_time"
            | "article.published"
            | "datepublished"
            | "date"
            | "dc.date"
            | "dc.date.issued"
            | "dc.date.created"
            | "dcterms.date"
            | "dcterms.created"
            | "dcterms.issued"
            | "citation_publication_date"
            | "citation_date"
            | "citation_online_date"
            | "parsely-pub-date"
            | "sailthru.date"
            | "pubdate"
            | "publishdate"
            | "publish-date"
            | "publish_date"
            | "published"
            | "published-date"
            | "publication-date"
            | "publication_date"
            | "release_date" => set(&mut self.dates[DateSource::Meta as usize]),
            "og:site_name" | "application-name" => set(&mut m.site_name),
            "og:type" => {
                self.signals
                    .og_type
                    .get_or_insert_with(|| content.to_string());
            }
            "generator" => {
                self.signals
                    .generator
                    .get_or_insert_with(|| content.to_string());
            }
            "description" | "og:description" => set(&mut m.description),
            "og:image" | "og:image:url" | "og:image:secure_url" | "twitter:image"
                if !content.starts_with("data:") =>
            {
                set(&mut m.image);
            }
            "article:section" => crate::metadata::add_term(&mut m.categories, content),
            "article:tag" => {
                for tag in content.split(',') {
                    crate::metadata::add_term(&mut m.tags, tag);
                }
            }
            _ => {}
        }
    }

    /// Reads author, date, `@type` and the longest articleBody from JSON-LD (see
    /// [`super::jsonld`]: bounded, whatever the script's size).
    fn json_ld(&mut self, text: &str) {
        let found = super::jsonld::read(text);
        if found.body.as_ref().map_or(0, String::len)
            > self.json_ld_body.as_ref().map_or(0, String::len)
        {
            self.json_ld_body = found.body;
        }
        for t in &found.types {
            self.signals.add_schema_type(t);
        }
        if let Some(date) = found.date {
            self.dates[DateSource::JsonLd as usize].get_or_insert(date);
        }
        if let Some(headline) = found.headline {
            self.ld_headline.get_or_insert(headline);
        }
        if let Some(section) = found.section {
            crate::metadata::add_term(&mut self.metadata.categories, &section);
        }
        if let Some(keywords) = found.keywords {
            for tag in keywords.split(',') {
                crate::metadata::add_term(&mut self.metadata.tags, tag);
            }
        }
        if let Some(author) = found.author.filter(|a| !a.contains("://")) {
            self.authors[AuthorSource::JsonLd as usize].get_or_insert(author);
        }
    }

    /// Keeps the text of an element that names the author, if it reads as a name (or a
    /// byline).
    fn author_element(&mut self, node: NodeRef<'_, Node>, source: AuthorSource) {
        // The first text runs, each apart: "By" and "Ann Lee" in two elements make a byline;
        // a name then a role or a date in another element ("Ann Lee" "Editor") give the name.
        let runs: Vec<String> = node
            .descendants()
            .filter_map(|n| match n.value() {
                Node::Text(t) => Some(collapse(t)),
                _ => None,
            })
            .filter(|t| !t.is_empty())
            .take(4)
            .collect();
        let text = runs.join(" ");
        if text.chars().count() > MAX_AUTHOR_CHARS {
            return;
        }
        let name = crate::lexicon::byline_author(&text).or_else(|| {
            runs.into_iter()
                .find(|r| !crate::lexicon::is_byline_label(r))
                .filter(|r| name_like(r) || user_name(r))
        });
        if let Some(name) = name {
            self.authors[source as usize] = Some(name);
        }
    }

    /// The author: the first source that names one (see [`AuthorSource`]), else a byline
    /// among the first [`BYLINE_BLOCKS`] blocks.
    /// An author that is the site's own name (`og:site_name`) is the publisher: it comes
    /// after the others.
    fn author(&self) -> Option<String> {
        let site = self
            .metadata
            .site_name
            .as_deref()
            .map(crate::lexicon::normalize);
        let publisher = |a: &str| site.as_deref() == Some(crate::lexicon::normalize(a).as_str());
        let stated: Vec<String> = self
            .authors
            .iter()
            .flatten()
            .map(|a| clean_author(a))
            .filter(|a| !a.is_empty())
            .collect();
        stated
            .iter()
            .find(|a| !publisher(a))
            .cloned()
            .or_else(|| self.byline())
            .or_else(|| stated.first().cloned())
    }

    /// The author a byline among the first [`BYLINE_BLOCKS`] blocks names: "By Kim Doyun", or
    /// a label alone ("Written by", "Author:") and a name as the next block.
    fn byline(&self) -> Option<String> {
        let blocks: Vec<&str> = self
            .pending
            .iter()
            .take(BYLINE_BLOCKS)
            .map(|p| p.block.text.as_str())
            .collect();
        blocks.iter().enumerate().find_map(|(i, text)| {
            if text.len() > 4 * MAX_AUTHOR_CHARS {
                return None;
            }
            crate::lexicon::byline_author(text).or_else(|| {
                let next = blocks.get(i + 1)?;
                (crate::lexicon::is_byline_label(text) && name_like(next))
                    .then(|| next.trim().to_string())
            })
        })
    }

    /// Keeps the first publication date of a source.
    fn date(&mut self, source: DateSource, value: &str) {
        let value = value.trim();
        if !value.is_empty() {
            self.dates[source as usize].get_or_insert_with(|| value.to_string());
        }
    }

    /// The publication date: the first that reads as a date, by source (see [`DateSource`]),
    /// then the date in the canonical URL's path, normalised (see [`crate::date`]).
    fn publication_date(&self) -> Option<String> {
        self.dates
            .iter()
            .flatten()
            .find_map(|d| crate::date::normalize(d))
            .or_else(|| self.metadata.url.as_deref().and_then(crate::date::from_url))
            .or_else(|| self.visible_date())
    }

    /// A date written in a short block near the headline: from the first `<h1>` on, then the
    /// blocks before it, at most [`BYLINE_BLOCKS`] blocks each way.
    fn visible_date(&self) -> Option<String> {
        let at = self.h1.as_ref().map_or(0, |(i, _)| *i);
        let after = self.pending.iter().skip(at).take(BYLINE_BLOCKS);
        let before = self.pending[..at.min(self.pending.len())]
            .iter()
            .rev()
            .take(BYLINE_BLOCKS);
        after
            .chain(before)
            .filter(|p| {
                p.block.text.len() <= MAX_DATE_LINE && crate::date::may_hold_date(&p.block.text)
            })
            .find_map(|p| crate::date::written(&p.block.text))
            .map(|d| d.to_string())
    }

    /// Scores containers, picks the main content, settles debris marks, and emits the page.
    fn finish(mut self) -> Page {
        let n = self.elems.len();
        // Subtree text totals: children come after their parents in pre-order.
        let mut chars: Vec<f32> = self.elems.iter().map(|e| e.own_chars as f32).collect();
        let mut links: Vec<f32> = self.elems.iter().map(|e| e.own_link_chars as f32).collect();
        for i in (1..n).rev() {
            if let Some(p) = self.elems[i].parent {
                chars[p] += chars[i];
                links[p] += links[i];
            }
        }
        // Prose per block, and per subtree.
        let prose: Vec<Option<f32>> = self.pending.iter().map(|p| prose_score(&p.block)).collect();
        let mut subtree_prose = vec![0.0f32; n];
        for (pending, score) in self.pending.iter().zip(&prose) {
            subtree_prose[pending.owner] += score.unwrap_or(0.0);
        }
        for i in (1..n).rev() {
            if let Some(p) = self.elems[i].parent {
                subtree_prose[p] += subtree_prose[i];
            }
        }
        let page_prose = subtree_prose[0].max(1.0);
        // A marked container that holds most of the page's prose is a wrapper, not a widget.
        let opened: Vec<bool> = self.elems.iter().map(|e| e.opened_by_heading).collect();
        let widget = |m: usize| opened[m] || subtree_prose[m] <= MAX_WIDGET_PROSE * page_prose;
        // Prose scores passed up to containers. Prose inside a widget counts for less, so a
        // comment thread or a teaser grid loses to the article.
        let mut content = vec![0.0f32; n];
        // Containers that directly hold prose paragraphs, counted per subtree.
        let mut holders = vec![0.0f32; n];
        for (pending, score) in self.pending.iter().zip(&prose) {
            let Some(mut score) = *score else { continue };
            if pending.marks.iter().any(|&m| widget(m)) {
                score *= MARKED_PROSE_WEIGHT;
            }
            // Split articles are split paragraphs; lists of teasers must not pull the region up.
            if !matches!(pending.block.kind, BlockKind::ListItem { .. }) {
                content[pending.owner] += score;
            }
            // Text directly in a container (a `div` with `<br>`s) scores that container.
            let owner = &self.elems[pending.owner];
            let mut elem = if owner.leaf {
                owner.parent
            } else {
                Some(pending.owner)
            };
            if let Some(holder) = elem {
                holders[holder] = 1.0;
            }
            for divisor in [1.0, 2.0, 3.0] {
                let Some(e) = elem else { break };
                self.elems[e].score += score / divisor;
                elem = self.elems[e].parent;
            }
        }
        let final_score = |i: usize, elems: &[Elem]| {
            let density = if chars[i] > 0.0 {
                links[i] / chars[i]
            } else {
                0.0
            };
            elems[i].score * (1.0 - density) * elems[i].boost
        };
        // Prose per subtree, widgets damped.
        for i in (1..n).rev() {
            if let Some(p) = self.elems[i].parent {
                content[p] += content[i];
                holders[p] += holders[i];
            }
        }
        let top = (1..n)
            .filter(|&i| self.elems[i].score > 0.0)
            .max_by(|&a, &b| final_score(a, &self.elems).total_cmp(&final_score(b, &self.elems)))
            .map(|mut top| {
                // An article split into chunks (around ads and figures) sits in an ancestor
                // that holds clearly more prose than the best single chunk, at low link density.
                let mut ancestor = self.elems[top].parent;
                for _ in 0..MAX_CLIMB {
                    let Some(a) = ancestor.filter(|&a| a != 0) else {
                        break;
                    };
                    let density = if chars[a] > 0.0 {
                        links[a] / chars[a]
                    } else {
                        0.0
                    };
                    if density > CLIMB_MAX_LINK_DENSITY {
                        break;
                    }
                    // The added prose must come in chunks like the top's own (the rest of a
                    // split article), not as many small snippets (a feed of teaser cards).
                    let added = content[a] - content[top];
                    let added_holders = (holders[a] - holders[top]).max(1.0);
                    let per_holder = content[top] / holders[top].max(1.0);
                    let declared = self.elems[a].boost >= ARTICLE_BODY_BOOST;
                    if declared
                        || content[a] >= CLIMB_GAIN * content[top]
                            && added / added_holders >= CLIMB_CHUNK_SHARE * per_holder
                    {
                        top = a;
                    }
                    ancestor = self.elems[a].parent;
                }
                top
            });
        // The main content: the top container and those of its siblings that score well enough
        // to be the rest of a split article.
        let mut main = vec![false; n];
        if let Some(top) = top {
            main[top] = true;
            let threshold = (SIBLING_SHARE * final_score(top, &self.elems)).max(SIBLING_MIN_SCORE);
            if let Some(parent) = self.elems[top].parent {
                for i in (1..n).filter(|&i| i != top) {
                    if self.elems[i].parent == Some(parent)
                        && final_score(i, &self.elems) >= threshold
                    {
                        main[i] = true;
                    }
                }
            }
        }
        let mut in_main = main.clone();
        for i in 1..n {
            if let Some(p) = self.elems[i].parent {
                in_main[i] |= in_main[p];
            }
        }
        let mut wraps_main = vec![false; n];
        for i in (1..n).rev() {
            if main[i] || wraps_main[i] {
                if let Some(p) = self.elems[i].parent {
                    wraps_main[p] = true;
                }
            }
        }
        let main_chars = (1..n)
            .filter(|&i| main[i])
            .map(|i| chars[i])
            .sum::<f32>()
            .max(1.0);
        let main_content: f32 = (1..n).filter(|&i| main[i]).map(|i| content[i]).sum();
        let one_article = main_content >= MIN_MAIN_SHARE * content[0];
        self.heading_items(&chars);
        let title = self.title();
        self.metadata.date = self.publication_date();
        self.metadata.author = self.author();
        let owner: Vec<usize> = self.pending.iter().map(|p| p.owner).collect();
        let mut block_marks = Vec::with_capacity(self.pending.len());
        let blocks = self
            .pending
            .into_iter()
            .map(|p| {
                let mut block = p.block;
                // A mark on the main content or on its wrappers names the page, not a widget;
                // a mark inside the main content must cover only a small part of it.
                // (A container its heading names as a section may hold any share.)
                let safe = p.marks.iter().copied().find(|&m| {
                    widget(m)
                        && !main[m]
                        && !wraps_main[m]
                        && (!in_main[m] || opened[m] || chars[m] <= MAX_MARKED_SHARE * main_chars)
                });
                block.markup = Markup {
                    link_chars: block.markup.link_chars,
                    leading_link_chars: block.markup.leading_link_chars,
                    debris_container: safe.and_then(|m| self.elems[m].mark.clone()),
                    in_main: top
                        .map(|_| in_main[p.owner])
                        .filter(|&inside| inside || one_article),
                };
                block_marks.push(p.marks);
                block
            })
            .collect();
        let outline = Outline {
            parent: self.elems.iter().map(|e| e.parent).collect(),
            mark: self.elems.iter().map(|e| e.mark.clone()).collect(),
            main: self.elems.iter().map(|e| e.main).collect(),
            owner,
            marks: block_marks,
        };
        Page {
            blocks,
            title,
            metadata: self.metadata,
            signals: self.signals,
            json_ld_body: self.json_ld_body,
            outline,
            flattened: 0,
            reopened: 0,
            base_href: self.base_href,
        }
    }

    /// Finds the container with the most child elements that each hold a short heading and a
    /// line of text within [`ITEM_MAX_CHARS`] (feature cards, product tiles, results), and
    /// records their number and characters in the signals.
    fn heading_items(&mut self, chars: &[f32]) {
        let n = self.elems.len();
        let mut bits = vec![0u8; n];
        for p in &self.pending {
            bits[p.owner] |= p.item;
        }
        for i in (1..n).rev() {
            if let Some(p) = self.elems[i].parent {
                bits[p] |= bits[i];
            }
        }
        // Items per parent: their number and characters.
        let mut items = vec![(0u32, 0f32); n];
        for i in 1..n {
            if bits[i] == ITEM_HEADING | ITEM_SNIPPET
                && chars[i] <= ITEM_MAX_CHARS
                && let Some(p) = self.elems[i].parent
            {
                items[p].0 += 1;
                items[p].1 += chars[i];
            }
        }
        if let Some(&(count, item_chars)) = items.iter().max_by_key(|(count, _)| *count) {
            self.signals.heading_items = count;
            self.signals.heading_item_chars = item_chars as u32;
        }
    }

    /// The headline: the first `<h1>` if it agrees with `og:title` or `<title>`, else
    /// `og:title`, else `<title>`, each without its site suffix.
    fn title(&self) -> Option<String> {
        // No-break spaces around a separator ("Learn\u{a0}|\u{a0}web.dev") are spaces.
        let clean = |t: &str| {
            let t = decode_entities(t);
            let t = if t.contains('\u{a0}') {
                t.replace('\u{a0}', " ").into()
            } else {
                t
            };
            crate::title::strip_site_suffix(&collapse(&t)).to_string()
        };
        let meta = self
            .og_title
            .as_deref()
            .or(self.title_tag.as_deref())
            .map(clean)
            .filter(|t| !t.is_empty());
        let h1 = self
            .h1_outside
            .as_deref()
            .or(self.h1.as_ref().map(|(_, t)| t.as_str()))
            .map(collapse)
            .filter(|t| !t.is_empty());
        let Some(h1) = h1 else {
            return meta;
        };
        let normal_h1 = crate::lexicon::normalize(&h1);
        if self
            .metadata
            .site_name
            .as_deref()
            .is_some_and(|site| crate::lexicon::normalize(site) == normal_h1)
        {
            return meta;
        }
        let agrees = |other: &str| {
            let b = crate::lexicon::normalize(other);
            b.contains(&normal_h1) || normal_h1.contains(&b)
        };
        // A `<title>` that is the text of a whole link before the headline is the site's
        // name (its logo link), not the headline.
        let before_h1 = self.h1.as_ref().map_or(0, |(i, _)| *i);
        let names_site = |meta: &str| {
            let normal = crate::lexicon::normalize(meta);
            self.pending[..before_h1.min(self.pending.len())]
                .iter()
                .any(|p| {
                    let b = &p.block;
                    b.markup.link_chars > 0
                        && b.markup.link_chars >= b.text.chars().count()
                        && crate::lexicon::normalize(&b.text) == normal
                })
        };
        match meta {
            Some(meta) => {
                if agrees(&meta)
                    || names_site(&meta)
                    || self
                        .ld_headline
                        .as_deref()
                        .is_some_and(|l| agrees(&clean(l)))
                    || self.title_tag.as_deref().is_some_and(|l| agrees(&clean(l)))
                {
                    Some(h1)
                } else {
                    Some(meta)
                }
            }
            None => Some(h1),
        }
    }
}

/// Whether a short text reads as a person's or a team's name: one to [`MAX_NAME_WORDS`] words,
/// the first capitalised, no digits.
fn name_like(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=MAX_NAME_WORDS).contains(&words)
        && text.trim().chars().count() >= 3
        && text.trim().chars().next().is_some_and(char::is_uppercase)
        && !text.chars().any(|c| c.is_ascii_digit())
        && !names_a_label(text)
}

/// Whether a short text is a user name: one token of letters, digits, `.`, `_` or `-`, with a
/// letter, of 3 to [`MAX_USER_NAME`] characters ("b.scherer", "lulug30").
fn user_name(text: &str) -> bool {
    let n = text.chars().count();
    (3..=MAX_USER_NAME).contains(&n)
        && text.chars().any(char::is_alphabetic)
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
        && !names_a_label(text)
}

/// Whether a short text is a label about authors ("About the Authors", "Topic Author"), not a
/// name: one of its words is a byline label of `byline-labels.txt`.
fn names_a_label(text: &str) -> bool {
    text.split_whitespace()
        .any(|w| crate::lexicon::is_byline_label(w.trim_matches(|c: char| !c.is_alphanumeric())))
}

/// An author as a page states it, without an opening "By" and spaces collapsed.
fn clean_author(text: &str) -> String {
    // "Posted by:Name" reads as "Posted by: Name".
    let text = decode_entities(text).replace(":", ": ");
    let text = collapse(&text);
    let text = text.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | '|' | '-' | '"' | '“' | '”')
    });
    // A numeric profile id is no name.
    if text
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace())
    {
        return String::new();
    }
    // "Ann Lee - Product marketer", "Ann Lee – Editorial Team": a full name, then a role (a
    // single word before the dash may be a brand's name: "GURUS - Drupal").
    let text = [" - ", " – ", " — "]
        .iter()
        .find_map(|dash| text.split_once(dash))
        .map(|(name, _)| name.trim())
        .filter(|name| name.split_whitespace().nth(1).is_some() && name_like(name))
        .unwrap_or(text);
    crate::lexicon::byline_author(text).unwrap_or_else(|| text.to_string())
}

/// The common character references left in JSON-LD and meta values that were escaped twice
/// (`Maria &amp; Katerina`).
fn decode_entities(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return text.into();
    }
    text.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#039;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .into()
}

/// Whether an element's content is never article text. Ruby annotations (`<rt>` readings and
/// the `<rp>` parentheses around them) are pronunciation aids rendered above the base text: a
/// reader's text, and a search index, hold the base text alone.
fn is_skipped(tag: &str) -> bool {
    matches!(
        tag,
        "head"
            | "style"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "fencedframe"
            | "object"
            | "embed"
            | "canvas"
            | "button"
            | "select"
            | "input"
            | "textarea"
            | "option"
            | "label"
            | "video"
            | "audio"
            | "map"
            | "dialog"
            | "rt"
            | "rp"
    )
}

/// Whether an element is paragraph-like: its prose scores the container it sits in.
fn is_leaf(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "li"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "figcaption"
            | "td"
            | "th"
            | "summary"
            | "address"
    )
}

/// The name of an element that starts a new block, as a `&'static str`; `None` for inline
/// elements.
pub(crate) fn block_level(tag: &str) -> Option<&'static str> {
    // A `match` compiles to a comparison tree; the walk asks this for every element.
    Some(match tag {
        "p" => "p",
        "div" => "div",
        "section" => "section",
        "article" => "article",
        "main" => "main",
        "header" => "header",
        "footer" => "footer",
        "nav" => "nav",
        "aside" => "aside",
        "h1" => "h1",
        "h2" => "h2",
        "h3" => "h3",
        "h4" => "h4",
        "h5" => "h5",
        "h6" => "h6",
        "ul" => "ul",
        "ol" => "ol",
        "li" => "li",
        "dl" => "dl",
        "dt" => "dt",
        "dd" => "dd",
        "blockquote" => "blockquote",
        "pre" => "pre",
        "table" => "table",
        "tr" => "tr",
        "td" => "td",
        "th" => "th",
        "figure" => "figure",
        "figcaption" => "figcaption",
        "form" => "form",
        "address" => "address",
        "details" => "details",
        "summary" => "summary",
        "center" => "center",
        "fieldset" => "fieldset",
        "body" => "body",
        "caption" => "caption",
        "tbody" => "tbody",
        "menu" => "menu",
        "button" => "button",
        _ => return None,
    })
}

/// Pushes the children of `node` onto the walk's stack, last first, so the first is taken
/// next.
fn push_children<'a>(stack: &mut Vec<Step<'a>>, node: NodeRef<'a, Node>) {
    let mut child = node.last_child();
    while let Some(c) = child {
        stack.push(Step::Enter(c));
        child = c.prev_sibling();
    }
}

fn element_named(node: NodeRef<'_, Node>, name: &str) -> bool {
    matches!(node.value(), Node::Element(e) if e.name() == name)
}

/// The value of an element's attribute, as `Element::attr` gives it, by one scan of its few
/// attributes instead of interning `name` as an atom. Elements the walk visits are HTML ones,
/// whose attributes have no namespace.
fn attr<'a>(element: &'a Element, name: &str) -> Option<&'a str> {
    element
        .attrs()
        .find_map(|(key, value)| (key == name).then_some(value))
}

/// The attributes the walk reads on every element, found by one scan of its attributes.
#[derive(Default)]
struct Attrs<'a> {
    class: Option<&'a str>,
    id: Option<&'a str>,
    role: Option<&'a str>,
    style: Option<&'a str>,
    hidden: bool,
    aria_hidden: Option<&'a str>,
    itemprop: Option<&'a str>,
    itemtype: Option<&'a str>,
    /// Whether the element opens or closes another (`aria-expanded`, `aria-controls`).
    toggles: bool,
}

impl<'a> Attrs<'a> {
    fn of(element: &'a Element) -> Self {
        let mut attrs = Attrs::default();
        for (name, value) in &element.attrs {
            let value = Some(&**value);
            match name.local {
                local_name!("class") => attrs.class = attrs.class.or(value),
                local_name!("id") => attrs.id = attrs.id.or(value),
                local_name!("role") => attrs.role = attrs.role.or(value),
                local_name!("style") => attrs.style = attrs.style.or(value),
                local_name!("hidden") => attrs.hidden = true,
                local_name!("aria-hidden") => attrs.aria_hidden = attrs.aria_hidden.or(value),
                local_name!("itemprop") => attrs.itemprop = attrs.itemprop.or(value),
                local_name!("itemtype") => attrs.itemtype = attrs.itemtype.or(value),
                local_name!("aria-expanded") | local_name!("aria-controls") => attrs.toggles = true,
                _ => {}
            }
        }
        attrs
    }

    /// Whether a hidden element is content a reader opens with one click: a tab panel, an
    /// accordion's or FAQ's answer, a collapsed section, a slide. Such panels are hidden by the
    /// page's own style until clicked, and WCXB's annotators count them as content.
    fn collapsed(&self) -> bool {
        if self
            .role
            .is_some_and(|r| r.trim().eq_ignore_ascii_case("tabpanel"))
        {
            return true;
        }
        [self.class, self.id]
            .into_iter()
            .flatten()
            .any(crate::lexicon::names_collapsed)
    }

    /// Whether the element is hidden from readers.
    fn hidden(&self) -> bool {
        self.hidden && !self.id.is_some_and(is_streamed_segment)
            || self.aria_hidden.is_some_and(|v| v.trim() == "true")
            || self.hidden_by_style()
    }

    /// Whether the element's inline style hides it (`display:none`, `visibility:hidden`).
    fn hidden_by_style(&self) -> bool {
        self.style.is_some_and(|style| {
            let style: String = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            style.contains("display:none") || style.contains("visibility:hidden")
        })
    }
}

/// Whether an element id names a segment of a page streamed by React's server renderer
/// (`<div hidden id="S:0">`): the page's own script moves it into place at once, so readers see
/// it — on Next.js sites it is often the whole page.
fn is_streamed_segment(id: &str) -> bool {
    id.strip_prefix("S:")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether an element is hidden from readers.
fn is_hidden(element: &Element) -> bool {
    Attrs::of(element).hidden()
}

/// Whether `id` is the slug of the heading that opens `node` (`<section id="menu-e-pesquisa">`
/// over "Menu e pesquisa", as documentation generators write them): the same two words or
/// more, compared without case, whatever separates them. (One word, `id="comments"` over
/// "Comments", names a widget as well as a subject.)
fn slugs_first_heading(node: NodeRef<'_, Node>, id: &str) -> bool {
    let Some(first) = node.children().find(|c| c.value().is_element()) else {
        return false;
    };
    let heading = first
        .value()
        .as_element()
        .is_some_and(|e| matches!(e.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"));
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    if !heading {
        return false;
    }
    let parts = words(id);
    parts.len() >= 2 && parts == words(&text_of(first))
}

/// The debris mark of an element, from its tag, role, class or id.
fn mark_of(tag: &str, attrs: &Attrs<'_>, tokens: &mut TokenMemo) -> Option<(Category, Arc<str>)> {
    // Tokens on the document element and body describe the whole page (`has-cookie-banner`).
    if matches!(tag, "html" | "body") {
        return None;
    }
    let by_tag = match tag {
        "nav" | "menu" => Some(Category::Navigation),
        "aside" => Some(Category::Related),
        "footer" => Some(Category::Legal),
        "form" => Some(Category::Other),
        "figcaption" => Some(Category::Other),
        _ => None,
    };
    if let Some(category) = by_tag {
        return Some((category, format!("<{tag}>").into()));
    }
    if let Some(role) = attrs.role {
        let category = match role.trim().to_ascii_lowercase().as_str() {
            "navigation" | "menu" | "menubar" | "search" | "banner" => Some(Category::Navigation),
            "contentinfo" => Some(Category::Legal),
            "complementary" => Some(Category::Related),
            "dialog" | "alertdialog" => Some(Category::Other),
            _ => None,
        };
        if let Some(category) = category {
            return Some((category, format!("role={}", preview(role)).into()));
        }
    }
    // An id of many words is a heading's slug (`id="reply-to-an-inbound-message"`): it names
    // the section's subject, not a widget.
    let slug = attrs.id.is_some_and(|id| {
        id.split(['-', '_', '.', ':'])
            .filter(|p| !p.is_empty())
            .count()
            >= SLUG_PARTS
    });
    let id = attrs.id.filter(|_| !slug);
    for value in [attrs.class, id].into_iter().flatten() {
        if let Some((category, token)) = tokens.match_tokens(value) {
            return Some((category, preview(token).into()));
        }
    }
    None
}

/// How much semantic markup says an element is the article.
fn boost_of(tag: &str, attrs: &Attrs<'_>) -> f32 {
    let mut boost: f32 = match tag {
        "article" => 1.3,
        "main" => 1.2,
        _ => 1.0,
    };
    if attrs.itemprop.is_some_and(|p| p.contains("articleBody")) {
        boost *= ARTICLE_BODY_BOOST;
    }
    boost
}

/// The prose score a block passes up to its containers (Readability-style), if it is prose.
fn prose_score(block: &Block) -> Option<f32> {
    if !matches!(
        block.kind,
        BlockKind::Paragraph | BlockKind::Quote | BlockKind::ListItem { .. } | BlockKind::Code
    ) {
        return None;
    }
    let chars = block.text.chars().count();
    if chars < 25 || block.markup.link_chars * 2 > chars {
        return None;
    }
    let commas = block
        .text
        .chars()
        .filter(|c| matches!(c, ',' | '，' | '、' | '،'))
        .count();
    Some(1.0 + commas as f32 + (chars as f32 / 100.0).min(3.0))
}

/// Whether a table holds data (cells of text) rather than page layout.
fn is_data_table(table: NodeRef<'_, Node>) -> bool {
    let mut cells = 0usize;
    for node in table.descendants().skip(1) {
        if let Node::Element(e) = node.value() {
            match e.name() {
                "table" | "p" | "div" | "ul" | "ol" | "h1" | "h2" | "h3" | "article"
                | "section" | "form" => return false,
                "td" | "th" => cells += 1,
                _ => {}
            }
        }
    }
    cells >= 2
}

/// Whether the text under `node` is one symbol and nothing else (a heading's permalink: "¶",
/// "§", "#", "🔗"), spaces aside. Stops at the second character: it runs for every link.
fn is_one_symbol(node: NodeRef<'_, Node>) -> bool {
    let mut seen = None;
    for n in node.descendants() {
        if let Node::Text(t) = n.value() {
            for c in t.chars().filter(|c| !c.is_whitespace()) {
                if seen.is_some() {
                    return false;
                }
                seen = Some(c);
            }
        }
    }
    seen.is_some_and(|c| !c.is_alphanumeric())
}

/// The text of the first few text nodes under `node` (a button's label).
fn short_text(node: NodeRef<'_, Node>) -> String {
    node.descendants()
        .filter_map(|n| match n.value() {
            Node::Text(t) => Some(&**t),
            _ => None,
        })
        .take(4)
        .collect()
}

/// A hidden element holding at least this share of the page's readable text wraps the page
/// itself, and readers see it (a loading guard). Half: a hidden menu or dialog holds less than
/// the page around it. On WCXB dev the rule changes three pages, each of which hid nearly all
/// of its text in such a guard (one documentation page and two collection pages kept almost
/// nothing: F1 0.00 → 0.85, 0.00 → 0.20, 0.01 → 0.71).
const GUARD_SHARE: f32 = 0.5;

/// Characters of non-blank text below a node, outside scripts and skipped elements (styles,
/// SVG, frames), hidden or not.
fn readable_chars(node: NodeRef<'_, Node>) -> usize {
    let mut chars = 0;
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        match n.value() {
            Node::Text(t) => chars += t.chars().filter(|c| !c.is_whitespace()).count(),
            Node::Element(e) if e.name() == "script" || is_skipped(e.name()) => {}
            _ => stack.extend(n.children()),
        }
    }
    chars
}

/// All text below a node, as it appears in the source.
fn text_of(node: NodeRef<'_, Node>) -> String {
    node.descendants()
        .filter_map(|n| match n.value() {
            Node::Text(t) => Some(&**t),
            _ => None,
        })
        .collect()
}

/// The text of a table cell that readers see: without scripts, styles, form controls and hidden
/// elements (a script inside a table cell is not part of the cell), and without rows nested in
/// it (rows inside an SVG or MathML island in a cell): each row is a row of the table, so its
/// text is counted once, not again in every cell that encloses it.
fn visible_text_of(node: NodeRef<'_, Node>) -> String {
    let mut out = String::new();
    // Iterative, and never entering a skipped subtree: its size costs nothing.
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        match n.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e)
                if !(matches!(e.name(), "script" | "title" | "tr" | "table")
                    || is_skipped(e.name())
                    || is_hidden(e)) =>
            {
                let mut child = n.last_child();
                while let Some(c) = child {
                    stack.push(c);
                    child = c.prev_sibling();
                }
            }
            _ => {}
        }
    }
    out
}

/// Collapses runs of ASCII whitespace to one space and trims, as a browser shows text, and
/// normalises the characters ([`crate::text::normalize`]).
fn collapse(text: &str) -> String {
    let mut text = text.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
    crate::text::normalize(&mut text);
    text
}
