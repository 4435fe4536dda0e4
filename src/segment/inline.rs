//! Inline formatting kept for Markdown and HTML output: links, emphasis, strong text and inline
//! code as [`Span`]s over a block's text, and the details of a block's structure that plain
//! text drops (a code block's language, a numbered list's numbers, a table's caption).
//!
//! Recorded only when [`crate::Options::formatting`] asks for it: the judgement reads plain
//! text, and keeping the attributes (`href`, `start`) costs the parse 3% more instructions.

use serde::Serialize;

/// What a [`Span`] of a block's text is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SpanKind {
    /// A link to `href` (resolved against the page's address once the page is read; only
    /// `http`, `https`, `mailto` and relative addresses are kept).
    Link {
        /// The link's target.
        href: String,
    },
    /// Emphasis (`<em>`, `<i>`).
    Emphasis,
    /// Strong importance (`<strong>`, `<b>`).
    Strong,
    /// Inline code (`<code>`, `<kbd>`, `<samp>` outside `<pre>`).
    Code,
}

/// A formatted run of a block's text: bytes `start..end` of [`crate::Block::text`], on
/// character boundaries. Spans nest as the elements did; a span never crosses a block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What the run is.
    #[serde(flatten)]
    pub kind: SpanKind,
}

/// The formatting of one block (HTML input with [`crate::Options::formatting`] only).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Format {
    /// Inline spans, ordered by start (outer before inner at one start).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub spans: Vec<Span>,
    /// A code block's language, from `class="language-x"`, `lang-x` or `highlight-x` on the
    /// `<pre>`, its `<code>` or a wrapper (the conventions of highlight.js, Prism, Pygments).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// A numbered list item's number as the page gives it (`<ol start=5>` starts at 5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// A table's `<caption>`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Images written before the block ([`crate::Options::images`]): those inside it, and
    /// those outside any text since the block before (a figure's image before its caption).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<Image>,
    /// Whether the block is the `<figcaption>` of its images.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub figure: bool,
}

/// An image of the content ([`crate::Options::images`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Image {
    /// Its address, resolved like a link's (the page's address, then its `<base href>`, then its canonical URL).
    pub src: String,
    /// Its alternative text, whitespace collapsed; may be empty.
    pub alt: String,
}

/// The address an `<img>` shows: `src`, or where a lazy loader keeps it until the image
/// scrolls into view (`data-src`, `data-lazy-src`, `data-original`, as lazysizes, WordPress
/// plugins and jQuery Lazy Load name it) when `src` is missing or a `data:` placeholder, or
/// else the first candidate of `srcset`. Only safe addresses ([`is_safe_href`]).
pub fn image_source<'a>(attr: impl Fn(&str) -> Option<&'a str>) -> Option<String> {
    ["src", "data-src", "data-lazy-src", "data-original"]
        .into_iter()
        .filter_map(&attr)
        .chain(
            ["srcset", "data-srcset"]
                .into_iter()
                .filter_map(&attr)
                .filter_map(|set| set.split(',').next()?.split_whitespace().next()),
        )
        .map(str::trim)
        .find(|src| is_safe_href(src))
        .map(str::to_string)
}

impl Format {
    /// Whether there is nothing to keep.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
            && self.language.is_none()
            && self.number.is_none()
            && self.caption.is_none()
            && self.images.is_empty()
    }
}

/// The language a class list names for a code block: `language-x`, `lang-x`, `highlight-x`
/// (`highlight-source-x` too, as GitHub writes it), lower-cased.
pub fn code_language(class: &str) -> Option<String> {
    class.split_ascii_whitespace().find_map(|token| {
        let lang = ["language-", "lang-", "highlight-source-", "highlight-"]
            .iter()
            .find_map(|p| token.strip_prefix(p))?;
        let ok = !lang.is_empty()
            && lang.len() <= 32
            && lang.bytes().all(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'#' | b'_' | b'.')
            });
        ok.then(|| lang.to_ascii_lowercase())
    })
}

/// Whether a link target may be kept: relative, or `http`, `https` or `mailto` (no
/// `javascript:`, `data:`, `vbscript:`), and not a bare fragment of the page itself.
pub fn is_safe_href(href: &str) -> bool {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return false;
    }
    match href.split_once(':') {
        Some((scheme, _))
            if !scheme.contains(['/', '?', '#'])
                && scheme
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')) =>
        {
            ["http", "https", "mailto"]
                .iter()
                .any(|s| scheme.eq_ignore_ascii_case(s))
        }
        _ => true,
    }
}

/// Resolves every link of `blocks` as a browser would: against the page's `<base href>`,
/// itself resolved against the page's address, which is `url` (given by the caller: `--url`,
/// a JSONL or WARC record's URL) or else the page's canonical URL. Links stay as written when
/// no `http` or `https` base is known or a target does not parse.
pub fn resolve_links(
    blocks: &mut [crate::Block],
    url: Option<&str>,
    base_href: Option<&str>,
    canonical: Option<&str>,
) {
    let absolute = |u: &str| url::Url::parse(u.trim()).ok();
    let address = url
        .and_then(absolute)
        .or_else(|| canonical.and_then(absolute));
    let base = match (base_href, &address) {
        (Some(b), Some(a)) => a.join(b.trim()).ok().or(address.clone()),
        (Some(b), None) => absolute(b),
        (None, _) => address,
    };
    // Only a web address is a base: `ftp:` or `file:` would make every link one.
    let Some(base) = base.filter(|b| matches!(b.scheme(), "http" | "https")) else {
        return;
    };
    let resolve = |href: &mut String| {
        if let Ok(resolved) = base.join(href) {
            *href = resolved.to_string();
        }
    };
    for format in blocks.iter_mut().filter_map(|b| b.format.as_mut()) {
        for span in &mut format.spans {
            if let SpanKind::Link { href } = &mut span.kind {
                resolve(href);
            }
        }
        for image in &mut format.images {
            resolve(&mut image.src);
        }
    }
}

/// Spans over a raw buffer mapped onto the block text made of it: the text is the buffer's
/// lines trimmed, empty lines dropped, joined by `\n` (or, in `pre`, the buffer without its
/// leading and trailing line breaks and trailing spaces). Spans that come out empty go.
pub fn map_spans(
    raw: &str,
    text: &str,
    pre: bool,
    spans: Vec<(usize, usize, SpanKind)>,
) -> Vec<Span> {
    // (raw start, raw end, text start) of each kept run of the buffer.
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    if pre {
        let start = raw.len() - raw.trim_start_matches('\n').len();
        let end = start + raw[start..].trim_end_matches('\n').trim_end().len();
        runs.push((start, end, 0));
    } else {
        let mut at = 0;
        let mut out = 0;
        for line in raw.split('\n') {
            let lead = line.len() - line.trim_start().len();
            let trimmed = line.trim();
            if !trimmed.is_empty() {
                if out > 0 {
                    out += 1;
                }
                runs.push((at + lead, at + lead + trimmed.len(), out));
                out += trimmed.len();
            }
            at += line.len() + 1;
        }
    }
    // A raw offset's place in the text: inside a run, or at the start of the next run.
    let place = |offset: usize| -> usize {
        for &(s, e, o) in &runs {
            if offset <= e {
                return if offset <= s { o } else { o + offset - s };
            }
        }
        text.len()
    };
    let mut mapped: Vec<Span> = spans
        .into_iter()
        .filter_map(|(s, e, kind)| {
            let (start, end) = (place(s), place(e).min(text.len()));
            let end = if start < end {
                trim_end_space(text, start, end)
            } else {
                end
            };
            let start = trim_start_space(text, start, end);
            (start < end && text.is_char_boundary(start) && text.is_char_boundary(end))
                .then_some(Span { start, end, kind })
        })
        .collect();
    mapped.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    mapped
}

/// `start` moved past spaces and line breaks, up to `end`.
fn trim_start_space(text: &str, start: usize, end: usize) -> usize {
    end - text[start..end].trim_start().len()
}

/// `end` moved back before spaces and line breaks, down to `start`.
fn trim_end_space(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_come_from_the_highlighters_class_names() {
        assert_eq!(code_language("language-rust").as_deref(), Some("rust"));
        assert_eq!(code_language("hljs lang-Python").as_deref(), Some("python"));
        assert_eq!(code_language("highlight-source-js").as_deref(), Some("js"));
        assert_eq!(code_language("highlight-c++ x").as_deref(), Some("c++"));
        assert_eq!(code_language("highlight"), None);
        assert_eq!(code_language("language-<script>"), None);
    }

    #[test]
    fn only_safe_link_targets_are_kept() {
        for ok in [
            "https://a.example/x",
            "/path?q=1",
            "page.html",
            "mailto:x@a.example",
            "HTTP://A",
        ] {
            assert!(is_safe_href(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:x",
            "data:text/html,x",
            "vbscript:x",
            "#top",
            "",
        ] {
            assert!(!is_safe_href(bad), "{bad}");
        }
    }

    #[test]
    fn an_image_shows_its_lazy_loaded_address() {
        let of = |pairs: &'static [(&'static str, &'static str)]| {
            image_source(|name| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| *v))
        };
        assert_eq!(of(&[("src", "/a.jpg")]).as_deref(), Some("/a.jpg"));
        assert_eq!(
            of(&[("src", "data:image/gif;base64,R0l"), ("data-src", "/b.jpg")]).as_deref(),
            Some("/b.jpg")
        );
        assert_eq!(
            of(&[("srcset", "/c-1x.jpg 1x, /c-2x.jpg 2x")]).as_deref(),
            Some("/c-1x.jpg")
        );
        assert_eq!(of(&[("src", "javascript:x")]), None);
        assert_eq!(of(&[]), None);
    }

    #[test]
    fn spans_follow_the_trimmed_lines() {
        // "  See <a>the map</a> now \n\n <em>Later</em> " → "See the map now\nLater"
        let raw = "  See the map now \n\n Later ";
        let text = "See the map now\nLater";
        let link = SpanKind::Link { href: "/m".into() };
        let spans = map_spans(
            raw,
            text,
            false,
            vec![
                (6, 13, link.clone()),
                (21, 26, SpanKind::Emphasis),
                (0, 2, SpanKind::Strong),
            ],
        );
        assert_eq!(&text[spans[0].start..spans[0].end], "the map");
        assert_eq!(spans[0].kind, link);
        assert_eq!(&text[spans[1].start..spans[1].end], "Later");
        assert_eq!(spans.len(), 2, "a span of spaces alone goes: {spans:?}");
    }
}
