//! A scan before parsing that drops what the segmenter never reads: the text of scripts and
//! styles, comments, the insides of SVG and MathML, and attributes nothing reads.
//!
//! More than half the bytes of a typical news page are script and style text that never
//! reaches the output, and most of the rest are attributes, yet the tokenizer reads all of it
//! character by character and the tree builder stores it. This scan reads the page once,
//! jumping with `memchr` from tag to tag and through raw text, and cuts those parts out, so
//! the parser never sees them. It mirrors the tokenizer only as far as it must to know where
//! tags and attributes are (comments, quoted and unquoted attribute values, raw-text and
//! RCDATA elements); whenever it is unsure, it keeps the bytes, because keeping is always
//! safe — the token filter and the segmenter then skip the same parts later.
//!
//! It also keeps the tokenizer linear: the tokenizer checks each attribute of a tag against
//! all those before it, so thousands of distinct attributes on one tag take quadratic time.
//! Attributes nothing reads go whatever separates them (spaces, `/`, or nothing after a quoted
//! value), end tags lose all theirs (the tree builder ignores them), and of a tag the scan does
//! not know (inside SVG or MathML, or a name longer than ten bytes) all attributes beyond the
//! first [`MAX_ATTRIBUTES`] that nothing reads go.
//!
//! Inside SVG and MathML `script` and `style` hold markup: the whole content goes at the
//! element's end tag, or stays when a tag inside may lead the parser back to HTML
//! (`<svg><p>`); misnested tags inside stop the scan. HTML inside SVG (`<svg><p>`, or an SVG
//! `<title>` holding HTML) that writes `</svg>` inside raw text is the one known way to
//! mislead it.

use std::borrow::Cow;
use std::ops::Range;

use memchr::{memchr, memmem};

use crate::error::Error;
use crate::limits::{Budget, CHECK_EVERY};

/// How many attributes a tag the scan does not judge attribute by attribute keeps before those
/// that nothing reads are cut: far more than real tags carry, few enough that the tokenizer's
/// duplicate check (each attribute against those before it) stays cheap.
pub const MAX_ATTRIBUTES: usize = 64;

/// `html` without comments, without the content of SVG and MathML elements, and without the
/// text of its scripts (except JSON-LD, which carries metadata), styles, `iframe`, `noembed`
/// and `noframes` elements; the elements' tags stay. (`noscript` holds markup: the parser
/// reads pages as a reader without JavaScript does.) Attributes go as the module says.
///
/// Fails with [`Error::Timeout`] when the `budget` runs out (looked at every 4,096 tags).
pub fn strip<'a>(html: &'a str, budget: &Budget, formatting: bool) -> Result<Cow<'a, str>, Error> {
    let bytes = html.as_bytes();
    // Ranges to drop, in order.
    let mut cuts = Vec::new();
    // The SVG or MathML element the scan is inside: there `script` and `style` hold markup,
    // not raw text.
    let mut foreign: Option<Foreign> = None;
    // The attributes of the current start tag that nothing reads.
    let mut unread = Vec::new();
    // Where the scan lost track of the tokenizer, if it did.
    let mut lost_at = None;
    let mut at = 0;
    let mut tags = 0usize;
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        tags += 1;
        if tags % CHECK_EVERY == 0 {
            budget.check("reading HTML")?;
        }
        let lt = at + offset;
        let rest = &bytes[lt..];
        let next = if rest.starts_with(b"<!--") {
            let end = comment_end(bytes, lt + 4);
            // Only where joining its neighbours makes no tag or character reference (`<` and
            // `text` around it would become `<text`).
            let joins_safely = lt == 0 || bytes[lt - 1] == b'>' || is_tag_space(bytes[lt - 1]);
            if let (Some(end), None, true) = (end, &foreign, joins_safely) {
                cuts.push(lt..end);
            }
            end
        } else if foreign.is_some() && rest.starts_with(b"<![CDATA[") {
            memmem::find(&bytes[lt..], b"]]>").map(|end| lt + end + 3)
        } else if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            memchr(b'>', rest).map(|end| lt + end + 1)
        } else if rest.starts_with(b"</") {
            let mut lost = false;
            if let Some(f) = &mut foreign {
                let name = tag_name(bytes, lt + 2);
                if matches!(name_of(&name), b"p" | b"br") {
                    f.breaks_out = true;
                } else if f.open.last() == Some(&name) {
                    f.open.pop();
                    if f.open.is_empty() {
                        if !f.breaks_out {
                            // It covers the attributes cut inside.
                            while cuts.last().is_some_and(|c| c.start >= f.content) {
                                cuts.pop();
                            }
                            cuts.push(f.content..lt);
                        }
                        foreign = None;
                    }
                } else if !f.breaks_out {
                    // Misnested: the tree builder closes elements in ways the scan does not
                    // follow, so it stops here.
                    lost = true;
                } else if is_end_tag(bytes, lt, f.name) {
                    foreign = None;
                }
            }
            if lost {
                lost_at = Some(lt);
                None
            } else {
                tag_end(bytes, lt + 2, 0, &mut cuts)
            }
        } else if rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
            unread.clear();
            let in_foreign = foreign.is_some();
            start_tag(bytes, lt + 1, in_foreign, formatting, &mut unread).and_then(|tag| {
                match &mut foreign {
                    Some(f) => {
                        cuts.append(&mut unread);
                        if breaks_out(&tag) {
                            f.breaks_out = true;
                        } else if !tag.self_closing {
                            f.open.push(tag.name);
                        }
                        Some(tag.end)
                    }
                    None => {
                        cuts.append(&mut unread);
                        let next = past_start_tag(bytes, &tag, &mut cuts, &mut foreign);
                        if next.is_none() && matches!(element_text(bytes, &tag), Text::Unsure) {
                            lost_at = Some(tag.end);
                        }
                        next
                    }
                }
            })
        } else {
            Some(lt + 1)
        };
        match next {
            Some(next) => at = next,
            None => break,
        }
    }
    if let Some(from) = lost_at {
        cap_attributes(bytes, from, &mut cuts, budget, formatting)?;
    }
    if cuts.is_empty() {
        return Ok(Cow::Borrowed(html));
    }
    let dropped: usize = cuts.iter().map(|c| c.len()).sum();
    let mut out = String::with_capacity(html.len().saturating_sub(dropped));
    let mut from = 0;
    for cut in cuts {
        // Cuts start after a `>`, a separator or a quote, and end before a `<`, a separator,
        // a `>` or an attribute name (ASCII): all character boundaries. Cuts are in order;
        // those of neighbouring attributes may overlap.
        out.push_str(&html[from..cut.start.max(from)]);
        from = cut.end.max(from);
    }
    out.push_str(&html[from..]);
    Ok(Cow::Owned(out))
}

/// Where a comment whose text starts at `from` ends (after its `-->`), as the tokenizer sees
/// it: `<!-->` and `<!--->` close at once.
fn comment_end(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = &bytes[from..];
    if rest.starts_with(b">") {
        return Some(from + 1);
    }
    if rest.starts_with(b"->") {
        return Some(from + 2);
    }
    memmem::find(rest, b"-->").map(|end| from + end + 3)
}

/// A start tag as far as the scan needs it.
struct StartTag {
    /// The tag name, lowercase ASCII (longer names are cut; none of them matter here).
    name: [u8; 10],
    /// Whether the tag ends with `/>` (which closes an SVG or MathML root at once).
    self_closing: bool,
    /// Whether a `type` attribute may name JSON-LD.
    json_ld: bool,
    /// Just after the closing `>`.
    end: usize,
}

/// Reads the start tag whose name begins at `from`, noting in `unread` the attributes that can
/// be cut out (those nothing reads; in `foreign` content, or of a tag whose name is too long to
/// know, only those beyond [`MAX_ATTRIBUTES`]); `None` when the page ends inside the tag.
fn start_tag(
    bytes: &[u8],
    from: usize,
    foreign: bool,
    formatting: bool,
    unread: &mut Vec<Range<usize>>,
) -> Option<StartTag> {
    let name = tag_name(bytes, from);
    let tag = std::str::from_utf8(name_of(&name)).unwrap_or_default();
    let mut i = from;
    while i < bytes.len() && !is_tag_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
        i += 1;
    }
    let mut json_ld = false;
    let mut lower = [0u8; 16];
    let mut count = 0;
    let known = !tag.is_empty() && !foreign;
    let end = attributes(bytes, i, |attr, value, span| {
        count += 1;
        let attr = match lower.get_mut(..attr.len()) {
            Some(lower) => {
                lower.copy_from_slice(attr);
                lower.make_ascii_lowercase();
                std::str::from_utf8(lower).unwrap_or("?")
            }
            // Longer than any attribute read.
            None => "",
        };
        // The parser decodes character references (`ld&#x2B;json`): a value holding one may
        // name JSON-LD too.
        if tag == "script" && attr == "type" && (value.contains(&b'&') || contains_json(value)) {
            json_ld = true;
        }
        // A link's `rel` is read only when it names the author (`rel=author`); most are
        // `nofollow` or `noopener`, on every link of the page.
        let unread_rel = attr == "rel" && tag == "a" && !contains_author(value);
        if (known || count > MAX_ATTRIBUTES) && (unread_rel || !is_read(tag, attr, formatting)) {
            unread.push(span);
        }
    })?;
    Some(StartTag {
        name,
        self_closing: bytes[end - 2] == b'/',
        json_ld,
        end,
    })
}

/// The name of a tag starting at `from`, lowercase ASCII, padded with zeros; all zeros when
/// longer than ten bytes (no name the scan looks for is).
fn tag_name(bytes: &[u8], from: usize) -> [u8; 10] {
    let mut name = [0u8; 10];
    for (i, &b) in bytes[from..].iter().enumerate() {
        if is_tag_space(b) || b == b'/' || b == b'>' {
            break;
        }
        match name.get_mut(i) {
            Some(slot) => *slot = b.to_ascii_lowercase(),
            None => return [0; 10],
        }
    }
    name
}

/// A padded tag name without its padding.
fn name_of(name: &[u8; 10]) -> &[u8] {
    name.split(|&b| b == 0).next().unwrap_or_default()
}

/// Reads a tag's attributes from `i` (just after its name) with the tokenizer's rules for
/// names and quoted or unquoted values, and returns where the tag ends (after the `>`). Calls
/// `each(name, value, span)` for every attribute, where cutting `span` leaves the tag as the
/// tokenizer would read it without the attribute: the separators (spaces and `/`) before it
/// and the attribute when a space or the `>` follows it; else the attribute and the
/// separators after it up to the next attribute, or the attribute alone when the tag ends
/// after them. (What comes before an attribute is always a separator or a closing quote, and
/// either may precede the next attribute or the end of the tag.) Spans of neighbouring
/// attributes may overlap.
fn attributes(
    bytes: &[u8],
    mut i: usize,
    mut each: impl FnMut(&[u8], &[u8], Range<usize>),
) -> Option<usize> {
    let mut separator = i;
    while i < bytes.len() && (is_tag_space(bytes[i]) || bytes[i] == b'/') {
        i += 1;
    }
    loop {
        if *bytes.get(i)? == b'>' {
            return Some(i + 1);
        }
        // An attribute name runs to a space, `/`, `>` or `=` (a leading `=` is part of it).
        let start = i;
        i += 1;
        while i < bytes.len() && !is_tag_space(bytes[i]) && !b"/>=".contains(&bytes[i]) {
            i += 1;
        }
        let name = &bytes[start..i];
        let mut after_name = i;
        while after_name < bytes.len() && is_tag_space(bytes[after_name]) {
            after_name += 1;
        }
        let value = if bytes.get(after_name) == Some(&b'=') {
            i = after_name + 1;
            while i < bytes.len() && is_tag_space(bytes[i]) {
                i += 1;
            }
            match *bytes.get(i)? {
                quote @ (b'"' | b'\'') => {
                    let end = i + 1 + memchr(quote, &bytes[i + 1..])?;
                    let value = &bytes[i + 1..end];
                    i = end + 1;
                    value
                }
                _ => {
                    let start = i;
                    while i < bytes.len() && !is_tag_space(bytes[i]) && bytes[i] != b'>' {
                        i += 1;
                    }
                    &bytes[start..i]
                }
            }
        } else {
            &[]
        };
        let end = i;
        while i < bytes.len() && (is_tag_space(bytes[i]) || bytes[i] == b'/') {
            i += 1;
        }
        let span = match (bytes.get(end), bytes.get(i)) {
            // A space or the `>` follows: the separators before it go with it.
            (Some(&b), _) if b == b'>' || is_tag_space(b) => separator..end,
            // Those before the `>` stay: `b=x c/>` must not become `b=x/>`.
            (_, Some(b'>')) => start..end,
            // Otherwise those after it go (`/`, or nothing after a quoted value).
            _ => start..i,
        };
        each(name, value, span);
        separator = end;
    }
}

/// Where an end tag whose name starts at `from` ends (after its `>`), cutting its attributes
/// after the first `keep` (the tokenizer reads them, the tree builder ignores them).
fn tag_end(bytes: &[u8], from: usize, keep: usize, cuts: &mut Vec<Range<usize>>) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() && !is_tag_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
        i += 1;
    }
    let mut spans = Vec::new();
    let end = attributes(bytes, i, |_, _, span| spans.push(span))?;
    cuts.extend(spans.drain(..).skip(keep));
    Some(end)
}

/// Where the scan lost track of the tokenizer (misnested SVG or MathML, a script whose end it
/// cannot place), it still keeps attributes bounded: from `from`, every `<` before a letter,
/// or `</` before one, is read as a tag, and its attributes beyond [`MAX_ATTRIBUTES`] that
/// nothing reads are cut. Inside raw text this may cut what only looks like such a tag: script
/// text (never read) or absurd text.
fn cap_attributes(
    bytes: &[u8],
    from: usize,
    cuts: &mut Vec<Range<usize>>,
    budget: &Budget,
    formatting: bool,
) -> Result<(), Error> {
    let mut at = from;
    let mut unread = Vec::new();
    let mut tags = 0usize;
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        tags += 1;
        if tags % CHECK_EVERY == 0 {
            budget.check("reading HTML")?;
        }
        let lt = at + offset;
        let next = if bytes.get(lt + 1).is_some_and(u8::is_ascii_alphabetic) {
            unread.clear();
            start_tag(bytes, lt + 1, true, formatting, &mut unread).map(|tag| {
                cuts.append(&mut unread);
                tag.end
            })
        } else if bytes.get(lt + 1) == Some(&b'/')
            && bytes.get(lt + 2).is_some_and(u8::is_ascii_alphabetic)
        {
            tag_end(bytes, lt + 2, MAX_ATTRIBUTES, cuts)
        } else {
            Some(lt + 1)
        };
        match next {
            Some(next) => at = next,
            None => break,
        }
    }
    Ok(())
}

/// Goes past a start tag outside SVG and MathML: returns where the scan resumes (`None` at
/// the end of what it can follow), noting raw text to drop in `cuts` and entering foreign
/// content in `foreign`.
fn past_start_tag(
    bytes: &[u8],
    tag: &StartTag,
    cuts: &mut Vec<Range<usize>>,
    foreign: &mut Option<Foreign>,
) -> Option<usize> {
    match element_text(bytes, tag) {
        Text::None => Some(tag.end),
        Text::Foreign(name) => {
            *foreign = Some(Foreign {
                name,
                open: vec![tag.name],
                content: tag.end,
                breaks_out: false,
            });
            Some(tag.end)
        }
        Text::Skip(end) => Some(end),
        Text::Drop(end) => {
            cuts.push(tag.end..end);
            Some(end)
        }
        Text::ToEnd | Text::Unsure => None,
    }
}

/// Whether an attribute value holds `author`, in any case.
fn contains_author(value: &[u8]) -> bool {
    value.windows(6).any(|w| w.eq_ignore_ascii_case(b"author"))
}

/// Whether an attribute value contains `json` in any case.
fn contains_json(value: &[u8]) -> bool {
    value.windows(4).any(|w| w.eq_ignore_ascii_case(b"json"))
}

/// Whether element `tag` (lowercase) holds raw text that is never read: scripts other than
/// JSON-LD (`json_ld`: its `type` names JSON-LD; it carries metadata), styles and the
/// fallbacks for disabled features. The scan and the token filter behind it both ask.
pub fn is_unread_raw_text(tag: &str, json_ld: bool) -> bool {
    match tag {
        "script" => !json_ld,
        "style" | "iframe" | "noembed" | "noframes" => true,
        _ => false,
    }
}

/// Whether attribute `attr` of element `tag` (both lowercase) is read after parsing: by the
/// segmenter (marks, hidden elements, disclosure buttons, metadata, microdata types, JSON-LD,
/// languages) or by the tree builder
/// itself (`input type`, `font` colour, face and size, MathML `encoding`).
pub fn is_read(tag: &str, attr: &str, formatting: bool) -> bool {
    match attr {
        "class" | "id" | "role" | "style" | "hidden" | "aria-hidden" | "itemprop" | "itemtype" => {
            true
        }
        "aria-expanded" | "aria-controls" => tag == "button",
        "href" if formatting => matches!(tag, "link" | "a" | "base"),
        // A numbered list's first number (every output numbers items).
        "start" => tag == "ol",
        "src" | "alt" | "srcset" | "data-src" | "data-srcset" | "data-lazy-src"
        | "data-original"
            if formatting =>
        {
            tag == "img"
        }
        "href" => tag == "link",
        // `rel=author` names the author (page metadata).
        "rel" => matches!(tag, "link" | "a"),
        // Publication dates: `<time datetime pubdate>`, `<span itemprop=datePublished
        // content=…>`.
        "datetime" | "pubdate" => tag == "time",
        "type" => matches!(tag, "script" | "input"),
        "lang" => tag == "html",
        "name" | "property" | "charset" | "http-equiv" => tag == "meta",
        "content" => matches!(tag, "meta" | "span" | "div" | "time" | "p" | "abbr"),
        "encoding" => tag == "annotation-xml",
        "color" | "face" | "size" => tag == "font",
        _ => false,
    }
}

/// An SVG or MathML element the scan is inside.
struct Foreign {
    /// `svg` or `math`.
    name: &'static [u8],
    /// The elements open inside it, itself first.
    open: Vec<[u8; 10]>,
    /// Where its content starts.
    content: usize,
    /// Whether a tag inside may take the parser back to HTML (`<svg><p>`), which makes what
    /// follows page text: then its content is kept.
    breaks_out: bool,
}

/// Whether a start tag inside SVG or MathML may close it and go back to HTML, as the tree
/// builder's rules for foreign content say (`font` counts whatever its attributes).
fn breaks_out(tag: &StartTag) -> bool {
    matches!(
        name_of(&tag.name),
        b"b" | b"big"
            | b"blockquote"
            | b"body"
            | b"br"
            | b"center"
            | b"code"
            | b"dd"
            | b"div"
            | b"dl"
            | b"dt"
            | b"em"
            | b"embed"
            | b"font"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"head"
            | b"hr"
            | b"i"
            | b"img"
            | b"li"
            | b"listing"
            | b"menu"
            | b"meta"
            | b"nobr"
            | b"ol"
            | b"p"
            | b"pre"
            | b"ruby"
            | b"s"
            | b"small"
            | b"span"
            | b"strong"
            | b"strike"
            | b"sub"
            | b"sup"
            | b"table"
            | b"tt"
            | b"u"
            | b"ul"
            | b"var"
    )
}

/// What follows a start tag.
enum Text {
    /// Markup: scanning goes on after the tag.
    None,
    /// Text that is kept; scanning resumes at this offset (its end tag).
    Skip(usize),
    /// SVG or MathML content, named by its root element.
    Foreign(&'static [u8]),
    /// Text to drop, up to this offset (its end tag).
    Drop(usize),
    /// Text to the end of the page (an unclosed raw-text element, or `plaintext`).
    ToEnd,
    /// Script text whose end the scan cannot place: it stops there.
    Unsure,
}

/// Whether the element a start tag opens holds raw text, and what becomes of it.
fn element_text(bytes: &[u8], tag: &StartTag) -> Text {
    let name = name_of(&tag.name);
    let drop = match name {
        b"script" | b"style" | b"iframe" | b"noembed" | b"noframes" | b"textarea" | b"title"
        | b"xmp" => {
            let name = std::str::from_utf8(name).unwrap_or_default();
            is_unread_raw_text(name, tag.json_ld)
        }
        b"plaintext" => return Text::ToEnd,
        b"svg" if !tag.self_closing => return Text::Foreign(b"svg"),
        b"math" if !tag.self_closing => return Text::Foreign(b"math"),
        _ => return Text::None,
    };
    // Outside SVG and MathML, which the scan skips, `<script/>` opens raw text like `<script>`.
    let Some(end) = end_tag(bytes, tag.end, name) else {
        return Text::ToEnd;
    };
    if name == b"script" && double_escaped(&bytes[tag.end..end]) {
        // The tokenizer's double-escaped state: this `</script>` may not end the script.
        return Text::Unsure;
    }
    if drop {
        Text::Drop(end)
    } else {
        Text::Skip(end)
    }
}

/// Whether script text holds `<!--` and then `<script`, where a `</script>` stops ending the
/// script (`document.write("<!--<script>…</script>-->")`).
fn double_escaped(text: &[u8]) -> bool {
    memmem::find(text, b"<!--").is_some_and(|at| {
        memmem::find_iter(&text[at..], b"<").any(|lt| {
            text[at + lt..]
                .get(1..7)
                .is_some_and(|n| n.eq_ignore_ascii_case(b"script"))
        })
    })
}

/// The offset of the first `</name` (any case) from `from` that ends a raw-text element: the
/// name followed by a space, `/` or `>`.
fn end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    memmem::find_iter(&bytes[from..], b"</")
        .map(|offset| from + offset)
        .find(|&at| is_end_tag(bytes, at, name))
}

/// Whether `</name` (any case) followed by a space, `/` or `>` starts at `at`.
fn is_end_tag(bytes: &[u8], at: usize, name: &[u8]) -> bool {
    let after = at + 2 + name.len();
    bytes.get(at..at + 2) == Some(b"</")
        && bytes
            .get(at + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
        && bytes
            .get(after)
            .is_some_and(|&b| is_tag_space(b) || b == b'/' || b == b'>')
}

/// The characters that separate a tag's name and attributes.
fn is_tag_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r')
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use crate::limits::Budget;

    fn strip(page: &str) -> Cow<'_, str> {
        super::strip(page, &Budget::new(None), false).unwrap()
    }

    #[test]
    fn empties_scripts_and_styles() {
        let page = "<head><style>p{color:red}</style><script src=a.js>var x = '<p>';</script>\
                    </head><body><p>Kept</p><SCRIPT>f()</Script ></body>";
        assert_eq!(
            strip(page),
            "<head><style></style><script></script></head><body><p>Kept</p>\
             <SCRIPT></Script ></body>"
        );
    }

    #[test]
    fn keeps_json_ld() {
        for json_ld in [
            r#"<script type="application/ld+json">{"a":1}</script>"#,
            r#"<script type='application/LD+JSON'>{"a":1}</script>"#,
            r#"<script type=application/ld&#x2B;json>{"a":1}</script>"#,
        ] {
            let page = format!("{json_ld}<script>x</script>");
            assert_eq!(strip(&page), format!("{json_ld}<script></script>"));
        }
    }

    #[test]
    fn ignores_script_tags_in_comments_attributes_and_rcdata() {
        for (page, kept) in [
            (
                "<!-- <script> --><p>Kept</p><script>x</script>",
                "<p>Kept</p>",
            ),
            (
                "<a title='<script>'>Kept</a><script>x</script>",
                "<a>Kept</a>",
            ),
            (
                "<title>Using <script> tags</title><p>Kept</p><script>x</script>",
                "<title>Using <script> tags</title><p>Kept</p>",
            ),
            (
                "<textarea><style></textarea><p>Kept</p><script>x</script>",
                "<textarea><style></textarea><p>Kept</p>",
            ),
            ("<!--><script>x</script>", ""),
        ] {
            assert_eq!(strip(page), format!("{kept}<script></script>"), "{page}");
        }
    }

    #[test]
    fn keeps_what_it_cannot_place() {
        for page in [
            // Escaped script text: `</script>` inside may not end the element.
            "<script><!--<script>x</script>--></script><p>Kept</p>",
            // Unclosed.
            "<script>x<p>Kept</p>",
            "<style>x",
            "<p>Kept",
            "<",
            "<a href='",
            "<!--",
        ] {
            assert_eq!(strip(page), page);
        }
    }

    #[test]
    fn empties_svg_and_mathml() {
        // There `script` and `style` hold markup.
        assert_eq!(
            strip("<svg><script></script></svg><p>Kept</p><script>x</script>"),
            "<svg></svg><p>Kept</p><script></script>"
        );
        assert_eq!(
            strip("<math><mi>x</mi></math><svg><style>c{}</style><svg><path/></svg></svg><svg/>"),
            "<math></math><svg></svg><svg/>"
        );
        // A tag that may close the SVG makes what follows page text: all of it stays.
        for page in [
            "<svg><p>Visible</p></svg>",
            "<svg><g><b>Visible</b></g></svg>",
            "<svg></p>Visible</svg>",
            // Misnested: the scan stops.
            "<svg><script></svg><p>Kept</p><script>x</script>",
        ] {
            assert_eq!(strip(page), page);
        }
    }

    #[test]
    fn cuts_attributes_nothing_reads() {
        assert_eq!(
            strip(r#"<a href="/x" class="more" data-id=7 title='T'>Read</a>"#),
            r#"<a class="more">Read</a>"#
        );
        assert_eq!(
            strip(r#"<link rel=canonical href="https://e.com/a" media=all>"#),
            r#"<link rel=canonical href="https://e.com/a">"#
        );
        // A link's rel stays only when it names the author.
        assert_eq!(
            strip(r#"<a rel="nofollow noopener" class=x>A</a><a rel="Author">B</a>"#),
            r#"<a class=x>A</a><a rel="Author">B</a>"#
        );
        // Cutting must not join what is left: `b=x c/>` must not become `b=x/>`.
        for (page, cut) in [
            ("<p id=x data-a/>", "<p id=x />"),
            ("<p id=x/data-a>", "<p id=x/data-a>"),
            ("<p id=\"x\"data-a>", "<p id=\"x\">"),
        ] {
            assert_eq!(strip(page), cut);
        }
    }

    #[test]
    fn cuts_attributes_whatever_separates_them() {
        for (page, cut) in [
            (r#"<div/data-a/class="x"/data-b>t"#, r#"<div/class="x">t"#),
            (r#"<div data-a="1"data-b='2'id=x>t"#, "<div id=x>t"),
            ("<div/a/b/c/>t", "<div//>t"),
            ("</div a b/c>", "</div >"),
        ] {
            assert_eq!(strip(page), cut, "{page}");
        }
    }

    #[test]
    fn caps_attributes_where_it_cannot_judge_them() {
        let attributes: String = (0..100).map(|i| format!(" a{i}")).collect();
        let kept: String = (0..super::MAX_ATTRIBUTES)
            .map(|i| format!(" a{i}"))
            .collect();
        for (open, close) in [
            ("<custom-element-x", "></custom-element-x>"),
            ("<svg><p>t</p><g", "></g></svg>"),
            ("<svg><script></svg><div", "></div>"),
        ] {
            let page = format!("{open}{attributes}{close}");
            assert_eq!(strip(&page), format!("{open}{kept}{close}"), "{open}");
        }
    }

    #[test]
    fn never_splits_characters() {
        let page = "<p>Ünïcödé</p><script>«x»</script><style>ü</style>€";
        assert_eq!(
            strip(page),
            "<p>Ünïcödé</p><script></script><style></style>€"
        );
    }
}
