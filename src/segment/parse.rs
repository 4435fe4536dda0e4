//! HTML parsing with limits: html5ever's tokenizer and tree builder (building scraper's tree),
//! with a filter between them that keeps nesting depth bounded, counts nodes, and watches the
//! time budget.
//!
//! The tree builder checks element scopes and formatting elements by walking its stack of
//! open elements, which makes parsing quadratic in nesting depth (100,000 nested `<div>`s take
//! minutes). The tree sink notes the depth of every element it places, so the filter knows
//! how deep the tree builder's current node is; a start tag that would open an element deeper
//! than [`MAX_DEPTH`] is dropped, with its end tag, so its content lands in the ancestor at that
//! depth. Below that depth every token passes unchanged: pages of ordinary depth are parsed
//! exactly as html5ever parses them.
//!
//! The sink also counts every node the tree builder creates (its own clones and re-opened
//! formatting elements too, which no token announces), watches the budget between tokens and
//! inside one token's work, and keeps the re-opening of formatting elements bounded: the tree
//! builder re-creates every formatting element left open (`<b>` closed by a `</div>`) at the
//! start of each following block, so 500 distinct ones and thousands of blocks build millions
//! of nodes from 100 KB. When one token makes it re-create more than [`MAX_REOPENED`] of them
//! at once, the filter closes them again right after that token (an end tag for each, which
//! also takes it off the list of active formatting elements), so no later block re-opens them.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
};
use html5ever::tree_builder::{
    ElementFlags, NodeOrText, QuirksMode, TreeBuilder, TreeBuilderOpts, TreeSink,
};
use html5ever::{Attribute, LocalName, QualName, TokenizerResult, local_name, ns};

use super::unread::{is_read, is_unread_raw_text};
use scraper::{Html, HtmlTreeSink};

use crate::error::Error;
use crate::limits::{Budget, CHECK_EVERY, MAX_DEPTH};

type NodeId = <HtmlTreeSink as TreeSink>::Handle;

/// Input is fed to the tokenizer in pieces of about this many bytes, so that a page over a
/// limit stops being parsed soon after.
const CHUNK: usize = 1 << 20;

/// How many formatting elements (`b`, `i`, `a`, `font`, …) one token may make the tree builder
/// re-open at once before they are closed instead of being re-opened again. Ordinary misnested
/// pages re-open a handful (the spec's "Noah's Ark" clause keeps at most three identical ones);
/// with eight, a block re-opens at most eight elements, so the tree stays linear in the page.
pub const MAX_REOPENED: usize = 8;

/// A parsed page.
pub struct Parsed {
    /// The document tree.
    pub document: Html,
    /// How many elements were flattened for nesting deeper than [`MAX_DEPTH`].
    pub flattened: usize,
    /// How many formatting elements the tree builder re-opened more than [`MAX_REOPENED`] at
    /// a time; each was closed right after the token that re-opened it, instead of being
    /// re-opened in every following block.
    pub reopened: usize,
    /// How many nodes the tree builder created: elements (its clones and re-opened formatting
    /// elements included), comments, and text runs (counted per run appended, so text merged
    /// into one node may count more than once). Read by the amplification tests.
    #[cfg(test)]
    pub nodes: usize,
}

/// Parses `html` into a document, flattening elements nested deeper than [`MAX_DEPTH`] and
/// closing formatting elements re-opened more than [`MAX_REOPENED`] at a time.
///
/// Fails when the tree builder creates more than `max_nodes` nodes (counted as in
/// [`Parsed::nodes`]) or the `budget` runs out.
pub fn parse(
    html: &str,
    max_nodes: Option<usize>,
    budget: &Budget,
    formatting: bool,
) -> Result<Parsed, Error> {
    let inner = HtmlTreeSink::new(Html::new_document());
    let root = inner.get_document();
    let sink = LimitSink {
        inner,
        current: Cell::new(root),
        depth: Cell::new(Some(0)),
        nodes: Cell::new(0),
        budget: *budget,
        stop: RefCell::new(None),
        made: RefCell::new(Vec::new()),
    };
    let filter = Filter {
        inner: TreeBuilder::new(sink, tree_builder_options()),
        dropped: RefCell::new(HashMap::new()),
        flattened: Cell::new(0),
        reopened: Cell::new(0),
        tokens: Cell::new(0),
        max_nodes: max_nodes.unwrap_or(usize::MAX),
        muted: Cell::new(false),
        marked: Cell::new(false),
        formatting,
    };
    let tokenizer = Tokenizer::new(filter, Default::default());
    let queue = BufferQueue::default();
    let html = super::unread::strip(html, budget, formatting)?;
    let mut rest = html.as_ref();
    while !rest.is_empty() {
        let mut cut = crate::decode::floor_char_boundary(rest, CHUNK);
        if cut == 0 {
            cut = rest.len();
        }
        let (chunk, tail) = rest.split_at(cut);
        rest = tail;
        queue.push_back(StrTendril::from_slice(chunk));
        // The tokenizer pauses after a script or an encoding declaration; go on to the end.
        while !matches!(tokenizer.feed(&queue), TokenizerResult::Done) {}
        if let Some(error) = tokenizer.sink.inner.sink.stop.borrow_mut().take() {
            return Err(error);
        }
    }
    tokenizer.end();
    let filter = &tokenizer.sink;
    if let Some(error) = filter.inner.sink.stop.borrow_mut().take() {
        return Err(error);
    }
    let (flattened, reopened) = (filter.flattened.get(), filter.reopened.get());
    Ok(Parsed {
        #[cfg(test)]
        nodes: filter.inner.sink.nodes.get(),
        document: tokenizer.sink.inner.sink.inner.finish(),
        flattened,
        reopened,
    })
}

/// The tree builder's options: scripting off, as for a reader without JavaScript — which is
/// what a scraper is — so `<noscript>` holds markup to read (forum software and single-page
/// apps put the whole page there), not raw text.
fn tree_builder_options() -> TreeBuilderOpts {
    TreeBuilderOpts {
        scripting_enabled: false,
        ..TreeBuilderOpts::default()
    }
}

/// A void element with the attribute [`BREAK_MARKER`]: where a block-level tag was dropped for
/// depth, the walk ends a block there. `<param>`, because the tree builder places and closes it
/// at once without re-opening formatting elements first (as it would for `<wbr>` or `<br>`).
/// Pages cannot carry the attribute: the tree keeps only attributes the walk reads.
fn break_marker() -> Token {
    Token::TagToken(html5ever::tokenizer::Tag {
        kind: TagKind::StartTag,
        name: local_name!("param"),
        self_closing: true,
        had_duplicate_attributes: false,
        attrs: vec![Attribute {
            name: QualName::new(None, html5ever::ns!(), LocalName::from(BREAK_MARKER)),
            value: Default::default(),
        }],
    })
}

/// The attribute of [`break_marker`].
pub(crate) const BREAK_MARKER: &str = "data-declutter-break";

/// Sits between the tokenizer and the tree builder.
struct Filter {
    inner: TreeBuilder<NodeId, LimitSink>,
    /// Start tags dropped for depth whose end tags are still to come.
    dropped: RefCell<HashMap<LocalName, usize>>,
    flattened: Cell<usize>,
    /// Formatting elements re-opened more than [`MAX_REOPENED`] at a time.
    reopened: Cell<usize>,
    /// Tokens seen, for looks at the clock between them.
    tokens: Cell<usize>,
    max_nodes: usize,
    /// Inside a script, style or similar raw-text element whose text is never read: its
    /// characters are dropped instead of being copied into the tree.
    muted: Cell<bool>,
    /// Whether a [`break_marker`] was passed since the last text: one is enough between two
    /// runs of text, so markers never outnumber text nodes.
    marked: Cell<bool>,
    /// Whether the attributes of inline formatting (`href`, `start`) are kept as well
    /// ([`crate::Options::formatting`]).
    formatting: bool,
}

impl Filter {
    /// Whether a tag goes on to the tree builder.
    fn passes(&self, kind: TagKind, name: &LocalName, self_closing: bool) -> bool {
        let mut dropped = self.dropped.borrow_mut();
        match kind {
            TagKind::StartTag => {
                // Void and raw text elements always pass: they hold no elements, and dropping
                // a raw text element would parse its content as markup.
                let deep = self.inner.sink.current_depth() >= MAX_DEPTH;
                if !deep || self_closing || is_void(name) || is_raw_text(name) {
                    return true;
                }
                *dropped.entry(name.clone()).or_default() += 1;
                self.flattened.set(self.flattened.get() + 1);
                false
            }
            TagKind::EndTag => match dropped.get_mut(name) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            },
        }
    }

    /// After a text token or a start tag: when it made the tree builder re-open more than
    /// [`MAX_REOPENED`] formatting elements, closes them again at once (an end tag each, the
    /// innermost first), which also takes them off the list of active formatting elements, so
    /// the next block does not re-open them again. What the token added stays inside them;
    /// an element the start tag opened is closed with them.
    fn bound_reopening(&self, line_number: u64) {
        let names: Vec<LocalName> = {
            let mut made = self.inner.sink.made.borrow_mut();
            if made.len() <= MAX_REOPENED {
                made.clear();
                return;
            }
            self.reopened.set(self.reopened.get() + made.len());
            let html = self.inner.sink.inner.0.borrow();
            made.drain(..)
                .rev()
                .filter_map(|id| html.tree.get(id)?.value().as_element())
                .map(|e| e.name.local.clone())
                .collect()
        };
        for name in names {
            let tag = Tag {
                kind: TagKind::EndTag,
                name,
                self_closing: false,
                attrs: Vec::new(),
                had_duplicate_attributes: false,
            };
            let _ = self.inner.process_token(Token::TagToken(tag), line_number);
        }
        self.inner.sink.made.borrow_mut().clear();
    }
}

impl TokenSink for Filter {
    type Handle = NodeId;

    fn process_token(&self, mut token: Token, line_number: u64) -> TokenSinkResult<Self::Handle> {
        let sink = &self.inner.sink;
        if sink.stop.borrow().is_some() {
            return TokenSinkResult::Continue;
        }
        let tokens = self.tokens.get() + 1;
        self.tokens.set(tokens);
        if tokens % CHECK_EVERY == 0 {
            if let Err(error) = sink.budget.check("parsing HTML") {
                *sink.stop.borrow_mut() = Some(error);
                return TokenSinkResult::Continue;
            }
        }
        if let Token::TagToken(tag) = &mut token {
            // Attributes nothing reads are not worth a place in the tree (the scan before
            // parsing drops most of them already).
            let (name, attrs) = (&tag.name, &mut tag.attrs);
            attrs.retain(|a| is_read(name, &a.name.local, self.formatting));
        }
        let mutes = match &token {
            Token::CharacterTokens(_) | Token::NullCharacterToken if self.muted.get() => {
                return TokenSinkResult::Continue;
            }
            Token::TagToken(tag) => {
                // A raw-text element's content ends at the next tag the tokenizer emits.
                self.muted.set(false);
                tag.kind == TagKind::StartTag && unread_raw_text(tag)
            }
            _ => false,
        };
        if let Token::TagToken(tag) = &token {
            if !self.passes(tag.kind, &tag.name, tag.self_closing) {
                // A flattened block keeps its bounds: the walk ends a block at the marker.
                if !self.marked.get() && super::html::block_level(&tag.name).is_some() {
                    self.marked.set(true);
                    let _ = self.inner.process_token(break_marker(), line_number);
                }
                return TokenSinkResult::Continue;
            }
        }
        // Text between markers (whitespace between dropped tags is no text a block could hold).
        if self.marked.get()
            && matches!(&token, Token::CharacterTokens(text) if !text.trim_ascii().is_empty())
        {
            self.marked.set(false);
        }
        // The tokens before which the tree builder re-opens formatting elements.
        let reopens = match &token {
            Token::TagToken(tag) => tag.kind == TagKind::StartTag,
            Token::CharacterTokens(_) | Token::NullCharacterToken => true,
            _ => false,
        };
        let result = self.inner.process_token(token, line_number);
        // Only when the tree builder switched the tokenizer to raw text: the same tag in
        // foreign content (an SVG <style>) holds elements.
        if mutes && matches!(result, TokenSinkResult::RawData(_)) {
            self.muted.set(true);
        }
        if reopens {
            self.bound_reopening(line_number);
        } else {
            sink.made.borrow_mut().clear();
        }
        if sink.nodes.get() > self.max_nodes && sink.stop.borrow().is_none() {
            *sink.stop.borrow_mut() = Some(Error::TooManyNodes {
                limit: self.max_nodes,
            });
        }
        result
    }

    fn end(&self) {
        self.inner.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// Scraper's tree sink, counting the nodes it creates, watching the budget, following the
/// tree builder's current node and its depth, and noting the formatting elements it re-opens.
struct LimitSink {
    inner: HtmlTreeSink,
    /// The tree builder's current node, as far as the sink sees it: the element placed last,
    /// or the parent of the element popped last.
    current: Cell<NodeId>,
    /// The depth of `current` (the document is at 0), when known without walking the tree:
    /// moving nodes (the adoption agency does) makes it unknown.
    depth: Cell<Option<usize>>,
    /// Nodes created so far (see [`Parsed::nodes`]).
    nodes: Cell<usize>,
    budget: Budget,
    /// Why parsing stopped; once set, no more tokens reach the tree builder.
    stop: RefCell<Option<Error>>,
    /// The formatting elements created while the current token is processed.
    made: RefCell<Vec<NodeId>>,
}

impl LimitSink {
    /// The depth of the tree builder's current node.
    fn current_depth(&self) -> usize {
        if let Some(depth) = self.depth.get() {
            return depth;
        }
        let depth = self
            .inner
            .0
            .borrow()
            .tree
            .get(self.current.get())
            .map_or(0, |n| n.ancestors().count());
        self.depth.set(Some(depth));
        depth
    }

    /// Notes one more node, and looks at the clock now and then: one token can make the tree
    /// builder do a lot of work.
    fn count(&self) {
        let nodes = self.nodes.get() + 1;
        self.nodes.set(nodes);
        if nodes % CHECK_EVERY == 0 {
            if let Err(error) = self.budget.check("parsing HTML") {
                self.stop.borrow_mut().get_or_insert(error);
            }
        }
    }

    /// Notes that `child` was placed under `parent` (`None`: somewhere not followed).
    fn placed(&self, parent: Option<&NodeId>, child: &NodeOrText<NodeId>) {
        match child {
            NodeOrText::AppendNode(id) => {
                let is_element = self
                    .inner
                    .0
                    .borrow()
                    .tree
                    .get(*id)
                    .is_some_and(|n| n.value().is_element());
                if is_element {
                    let depth = match (parent, self.depth.get()) {
                        (Some(parent), Some(depth)) if *parent == self.current.get() => {
                            Some(depth + 1)
                        }
                        _ => None,
                    };
                    self.current.set(*id);
                    self.depth.set(depth);
                }
            }
            NodeOrText::AppendText(_) => {
                self.count();
                // Text goes into the current node: a sign of where the tree builder is when
                // it popped elements without telling the sink.
                if let Some(parent) = parent.filter(|p| **p != self.current.get()) {
                    self.current.set(*parent);
                    self.depth.set(None);
                }
            }
        }
    }
}

impl TreeSink for LimitSink {
    type Output = Html;
    type Handle = NodeId;
    type ElemName<'a> = <HtmlTreeSink as TreeSink>::ElemName<'a>;

    fn finish(self) -> Html {
        self.inner.finish()
    }

    fn parse_error(&self, msg: std::borrow::Cow<'static, str>) {
        self.inner.parse_error(msg);
    }

    fn get_document(&self) -> NodeId {
        self.inner.get_document()
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Self::ElemName<'a> {
        self.inner.elem_name(target)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        self.count();
        let formatting = name.ns == ns!(html) && is_formatting(&name.local);
        let id = self.inner.create_element(name, attrs, flags);
        if formatting {
            self.made.borrow_mut().push(id);
        }
        id
    }

    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.count();
        self.inner.create_comment(text)
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.count();
        self.inner.create_pi(target, data)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        self.placed(Some(parent), &child);
        self.inner.append(parent, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        self.placed(None, &child);
        self.inner
            .append_based_on_parent_node(element, prev_element, child);
    }

    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.inner
            .append_doctype_to_document(name, public_id, system_id);
    }

    fn mark_script_already_started(&self, node: &NodeId) {
        self.inner.mark_script_already_started(node);
    }

    fn pop(&self, node: &NodeId) {
        let parent = self
            .inner
            .0
            .borrow()
            .tree
            .get(*node)
            .and_then(|n| n.parent())
            .map(|p| p.id());
        if let Some(parent) = parent {
            let depth = match self.depth.get() {
                Some(depth) if *node == self.current.get() => depth.checked_sub(1),
                _ => None,
            };
            self.current.set(parent);
            self.depth.set(depth);
        }
        self.inner.pop(node);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.inner.get_template_contents(target)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        self.inner.same_node(x, y)
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode);
    }

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        self.placed(None, &new_node);
        self.inner.append_before_sibling(sibling, new_node);
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs);
    }

    fn associate_with_form(
        &self,
        target: &NodeId,
        form: &NodeId,
        nodes: (&NodeId, Option<&NodeId>),
    ) {
        self.inner.associate_with_form(target, form, nodes);
    }

    fn remove_from_parent(&self, target: &NodeId) {
        // Moving nodes changes the depth of whatever lies below them.
        self.depth.set(None);
        self.inner.remove_from_parent(target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.depth.set(None);
        self.inner.reparent_children(node, new_parent);
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &NodeId) -> bool {
        self.inner
            .is_mathml_annotation_xml_integration_point(handle)
    }

    fn set_current_line(&self, line_number: u64) {
        self.inner.set_current_line(line_number);
    }

    fn allow_declarative_shadow_roots(&self, intended_parent: &NodeId) -> bool {
        self.inner.allow_declarative_shadow_roots(intended_parent)
    }

    fn attach_declarative_shadow(
        &self,
        location: &NodeId,
        template: &NodeId,
        attrs: &[Attribute],
    ) -> bool {
        self.inner
            .attach_declarative_shadow(location, template, attrs)
    }

    fn maybe_clone_an_option_into_selectedcontent(&self, option: &NodeId) {
        self.inner
            .maybe_clone_an_option_into_selectedcontent(option);
    }
}

/// The formatting elements: those the tree builder keeps on its list of active formatting
/// elements and re-opens in later blocks.
fn is_formatting(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("a")
            | local_name!("b")
            | local_name!("big")
            | local_name!("code")
            | local_name!("em")
            | local_name!("font")
            | local_name!("i")
            | local_name!("nobr")
            | local_name!("s")
            | local_name!("small")
            | local_name!("strike")
            | local_name!("strong")
            | local_name!("tt")
            | local_name!("u")
    )
}

/// Elements that never have content.
fn is_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("basefont")
            | local_name!("bgsound")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("frame")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("keygen")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("param")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
            | local_name!("image")
    )
}

/// Whether a start tag opens a raw-text element whose text the segmenter never reads.
fn unread_raw_text(tag: &html5ever::tokenizer::Tag) -> bool {
    let json_ld = tag
        .attrs
        .iter()
        .any(|a| a.name.local == local_name!("type") && a.value.contains("ld+json"));
    is_unread_raw_text(&tag.name, json_ld)
}

/// Elements whose content the tokenizer reads as text up to their end tag.
fn is_raw_text(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("script")
            | local_name!("style")
            | local_name!("textarea")
            | local_name!("title")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("plaintext")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_of_deepest(html: &Html) -> usize {
        html.tree
            .nodes()
            .map(|n| n.ancestors().count())
            .max()
            .unwrap_or(0)
    }

    /// html5ever's tree of `page`, without what `parse` leaves out: the text of scripts (but
    /// JSON-LD), styles and the other raw-text elements, comments, SVG and MathML insides, and
    /// attributes nothing reads.
    fn html5ever_without_unread_text(page: &str) -> Html {
        use html5ever::tendril::TendrilSink;
        let options = html5ever::ParseOpts {
            tree_builder: tree_builder_options(),
            ..Default::default()
        };
        let html =
            html5ever::parse_document(HtmlTreeSink::new(Html::new_document()), options).one(page);
        without_unread_text(html)
    }

    /// `html` without the text of scripts (but JSON-LD), styles and the like, in any
    /// namespace, without comments and the insides of SVG and MathML (which `parse` may keep
    /// or drop), and without the attributes nothing reads.
    fn without_unread_text(mut html: Html) -> Html {
        let unread = |e: &scraper::node::Element| match e.name() {
            "script" => !e.attr("type").is_some_and(|t| t.contains("ld+json")),
            "style" | "iframe" | "noembed" | "noframes" => true,
            _ => false,
        };
        let texts: Vec<_> = html
            .tree
            .nodes()
            .filter(|n| n.value().is_text())
            .filter(|n| {
                n.parent()
                    .and_then(|p| p.value().as_element())
                    .is_some_and(unread)
            })
            .map(|n| n.id())
            .collect();
        for id in texts {
            html.tree.get_mut(id).unwrap().detach();
        }
        // Comments and the insides of SVG and MathML (those `parse` may keep or drop).
        let inert: Vec<_> = html
            .tree
            .nodes()
            .filter(|n| {
                n.value().is_comment()
                    || n.ancestors().any(|a| {
                        a.value()
                            .as_element()
                            .is_some_and(|e| matches!(e.name(), "svg" | "math"))
                    })
            })
            .map(|n| n.id())
            .collect();
        for id in inert {
            html.tree.get_mut(id).unwrap().detach();
        }
        for node in html.tree.values_mut() {
            if let scraper::Node::Element(e) = node {
                let tag = e.name.local.clone();
                // As the scan before parsing cuts them (a link's rel only for the author).
                e.attrs.retain(|(name, value)| {
                    is_read(&tag, &name.local, false)
                        && !(&*tag == "a"
                            && &*name.local == "rel"
                            && !value.to_ascii_lowercase().contains("author"))
                });
            }
        }
        html
    }

    #[test]
    fn ordinary_pages_parse_as_html5ever_parses_them() {
        let page = "<html><body><div><p>a<p>b<ul><li>x<li>y</ul><table><tr><td>1<td>2<tr><td>3</table></div><p>c";
        let ours = parse(page, None, &Budget::new(None), false).unwrap();
        assert_eq!(ours.flattened, 0);
        assert_eq!(ours.document.html(), Html::parse_document(page).html());
    }

    #[test]
    fn script_and_style_text_is_not_kept() {
        let page = "<head><style>p{}</style><script type=application/ld+json>{}</script>\
                    <script>if (a < b) {}</script></head><body><p>a<script>x()</script>\
                    <noscript><p>Enable scripts</noscript>";
        let ours = parse(page, None, &Budget::new(None), false).unwrap();
        assert_eq!(
            ours.document.html(),
            html5ever_without_unread_text(page).html()
        );
        assert!(
            ours.document
                .html()
                .contains("<script type=\"application/ld+json\">{}")
        );
    }

    /// Pieces of HTML that confuse a scan for scripts.
    const PIECES: [&str; 42] = [
        "<script>",
        "</script>",
        "<SCRIPT type='x'>",
        "<script type=application/ld+json>",
        "<style>",
        "</style >",
        "<style/>",
        "<title>",
        "</title>",
        "<textarea>",
        "</textarea>",
        "<noscript>",
        "</noscript>",
        "<!--",
        "-->",
        "<!-->",
        "<![CDATA[",
        "]]>",
        "<p title=\"",
        "<a b='",
        "\"",
        "'",
        ">",
        "<",
        "=",
        " ",
        "<p>",
        "text",
        "<!doctype html>",
        "</p>",
        "<xmp>",
        "</xmp>",
        "<script/>",
        " data-x=1",
        " class=c",
        "/",
        " id",
        " href='u'",
        "<link rel=canonical",
        "data-y='v'",
        "/a1",
        "</p data-z=1/",
    ];

    /// The same inside SVG and MathML.
    const FOREIGN: [&str; 18] = [
        "<svg>",
        "</svg>",
        "<math>",
        "</math>",
        "<svg/>",
        "<script>",
        "</script>",
        "<style>",
        "</style>",
        "<style/>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<a b='",
        "'",
        ">",
        "text",
    ];

    proptest::proptest! {
        /// The scan that empties scripts before parsing agrees with the tokenizer on pages
        /// made of the pieces that confuse such scans.
        #[test]
        fn emptying_scripts_early_matches_the_parser(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES.to_vec()), 0..24),
            foreign in proptest::collection::vec(proptest::sample::select(FOREIGN.to_vec()), 0..24),
            in_svg: bool,
        ) {
            // Either HTML only, or SVG and MathML without HTML inside them.
            let page = if in_svg { foreign.concat() } else { pieces.concat() };
            let ours = parse(&page, None, &Budget::new(None), false).unwrap();
            proptest::prop_assert_eq!(
                without_unread_text(ours.document).html(),
                html5ever_without_unread_text(&page).html(),
                "{}", page
            );
        }
    }

    #[test]
    fn fixtures_parse_as_html5ever_parses_them() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/html");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "html") {
                let page = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
                let ours = parse(&page, None, &Budget::new(None), false).unwrap();
                let theirs = html5ever_without_unread_text(&page);
                assert_eq!(ours.document.html(), theirs.html(), "{}", path.display());
            }
        }
    }

    #[test]
    fn deep_nesting_is_flattened_and_counted() {
        let n = 5000;
        let page = format!("{}deep text{}", "<div>".repeat(n), "</div>".repeat(n));
        let parsed = parse(&page, None, &Budget::new(None), false).unwrap();
        // `html` and `body` take the first two levels.
        assert_eq!(parsed.flattened, n - (MAX_DEPTH - 2));
        assert!(depth_of_deepest(&parsed.document) <= MAX_DEPTH + 4);
        assert!(parsed.document.html().contains("deep text"));
    }

    /// `n` distinct `<b>`s left open in a `<div>`, then `blocks` blocks that re-open them.
    fn left_open(n: usize, blocks: usize) -> String {
        let open: String = (0..n).map(|i| format!("<b id=b{i}>")).collect();
        format!("<div>{open}</div>{}", "<p>x</p>".repeat(blocks))
    }

    #[test]
    fn formatting_elements_reopened_en_masse_are_closed_once() {
        let parsed = parse(&left_open(100, 50), None, &Budget::new(None), false).unwrap();
        // Re-opened once, in the first block, then closed.
        assert_eq!(parsed.reopened, 100);
        let bs = parsed
            .document
            .tree
            .values()
            .filter(|n| n.as_element().is_some_and(|e| e.name() == "b"));
        assert_eq!(bs.count(), 200);
        assert_eq!(
            parsed
                .document
                .root_element()
                .text()
                .filter(|t| *t == "x")
                .count(),
            50
        );
        // A few re-opened elements are re-opened in every block, as html5ever does.
        let page = left_open(MAX_REOPENED, 50);
        let parsed = parse(&page, None, &Budget::new(None), false).unwrap();
        assert_eq!(parsed.reopened, 0);
        assert_eq!(parsed.document.html(), Html::parse_document(&page).html());
    }

    #[test]
    fn reopened_elements_count_as_nodes() {
        // 8 elements re-opened in each of 100 blocks: 800 nodes no token announces.
        let page = left_open(MAX_REOPENED, 100);
        let parsed = parse(&page, None, &Budget::new(None), false).unwrap();
        assert!(parsed.nodes >= 100 * MAX_REOPENED + 200, "{}", parsed.nodes);
        // The tokens alone (about 400) are under this limit; the nodes are not.
        assert!(matches!(
            parse(&page, Some(600), &Budget::new(None), false),
            Err(Error::TooManyNodes { limit: 600 })
        ));
    }

    #[test]
    fn misnesting_repairs_are_flattened_at_their_real_depth() {
        let page = format!("<body>{}", "<b><i><div></b>x".repeat(2000));
        let parsed = parse(&page, None, &Budget::new(None), false).unwrap();
        assert!(parsed.flattened > 0);
        assert!(depth_of_deepest(&parsed.document) <= MAX_DEPTH + 8);
        let text: String = parsed.document.root_element().text().collect();
        assert_eq!(text.len(), 2000);
    }

    #[test]
    fn node_limit() {
        let page = "<p>x</p>".repeat(100);
        assert!(matches!(
            parse(&page, Some(50), &Budget::new(None), false),
            Err(Error::TooManyNodes { limit: 50 })
        ));
        assert!(parse(&page, Some(1000), &Budget::new(None), false).is_ok());
    }
}
