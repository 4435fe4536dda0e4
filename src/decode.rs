//! Stage 1 — decoding: bytes become text, the way a browser does it (BOM, then a declared
//! charset, then a statistical guess), and the input is sniffed as HTML or flattened text.

use encoding_rs::{Encoding, UTF_8};

use crate::error::Error;
use crate::options::InputKind;

/// How many leading bytes are inspected for a declared charset and for binary content.
const PRESCAN: usize = 4096;
/// Share of control bytes in the sample above which the input is taken for binary data.
const MAX_CONTROL_SHARE: f32 = 0.1;

/// Decoded input.
#[derive(Debug)]
pub struct Decoded {
    /// The text, in UTF-8.
    pub text: String,
    /// The encoding it was decoded from.
    pub encoding: &'static Encoding,
}

/// Decodes `bytes` to text. `declared` is a charset label from outside the document (an HTTP
/// header), which wins over what the document says.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, Error> {
    check_not_binary(bytes)?;
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return Ok(Decoded {
            text: text.into_owned(),
            encoding,
        });
    }
    let mut valid_utf8 = None;
    let encoding = declared
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .or_else(|| meta_charset(&bytes[..bytes.len().min(PRESCAN)]))
        .map(|e| {
            if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
                UTF_8
            } else {
                e
            }
        })
        .unwrap_or_else(|| match std::str::from_utf8(bytes) {
            Ok(text) => {
                // Already validated: copied as it is, not decoded again.
                valid_utf8 = Some(text);
                UTF_8
            }
            Err(_) => {
                let mut detector = chardetng::EncodingDetector::new();
                detector.feed(bytes, true);
                detector.guess(None, true)
            }
        });
    let text = match valid_utf8 {
        Some(text) => text.to_owned(),
        None => encoding.decode_without_bom_handling(bytes).0.into_owned(),
    };
    Ok(Decoded { text, encoding })
}

/// Rejects inputs whose first bytes are mostly control characters.
fn check_not_binary(bytes: &[u8]) -> Result<(), Error> {
    if Encoding::for_bom(bytes).is_some() {
        return Ok(());
    }
    let sample = &bytes[..bytes.len().min(PRESCAN)];
    let control_bytes = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    if sample.len() >= 16 && control_bytes as f32 > MAX_CONTROL_SHARE * sample.len() as f32 {
        return Err(Error::Binary {
            control_bytes,
            sampled: sample.len(),
        });
    }
    Ok(())
}

/// The charset a page declares in `<meta charset>` or `<meta http-equiv content="…charset=">`
/// within its first bytes.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&lower[from..], b"charset") {
        let mut i = from + at + b"charset".len();
        from = i;
        while i < lower.len() && lower[i].is_ascii_whitespace() {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < lower.len() && matches!(lower[i], b' ' | b'"' | b'\'') {
            i += 1;
        }
        let end = lower[i..]
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
            .map_or(lower.len(), |p| i + p);
        if let Some(encoding) = Encoding::for_label(&lower[i..end]) {
            return Some(encoding);
        }
    }
    None
}

/// Tells HTML from flattened text by the markup near the start (the first 4 KiB).
///
/// HTML when the input opens with a document opener (`<!DOCTYPE html`, `<html`, `<?xml`, a
/// comment ...) or with the tag of an HTML element (`<p>`, `<article class=…>`: a fragment),
/// when at least three common closing or void tags appear, or when most of its non-blank
/// lines are tag-delimited (start with a tag and end with `>`). Flattened text that merely
/// mentions a tag ("close it with </p>") stays text.
pub fn sniff(text: &str) -> InputKind {
    let head = &text[..floor_char_boundary(text, PRESCAN)];
    let lower = head.trim_start().to_ascii_lowercase();
    const OPENERS: [&str; 6] = ["<!doctype html", "<html", "<head", "<body", "<?xml", "<!--"];
    if OPENERS.iter().any(|o| lower.starts_with(o)) || starts_with_element(&lower) {
        return InputKind::Html;
    }
    const TAGS: [&str; 8] = [
        "</p>", "<br", "</div>", "</a>", "<meta ", "</title>", "</li>", "</span>",
    ];
    let tags: usize = TAGS.iter().map(|t| lower.matches(t).count()).sum();
    if tags >= 3 {
        return InputKind::Html;
    }
    // The last line may be cut off by the sample's end: it is not counted.
    let mut lines: Vec<&str> = lower
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if head.len() < text.len() {
        lines.pop();
    }
    let delimited = lines
        .iter()
        .filter(|l| l.ends_with('>') && (starts_with_element(l) || l.starts_with("</")))
        .count();
    if delimited > 0 && delimited * 2 > lines.len() {
        InputKind::Html
    } else {
        InputKind::Text
    }
}

/// The HTML elements whose start tag opening an input marks it as markup.
const ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "article",
    "aside",
    "audio",
    "b",
    "blockquote",
    "br",
    "button",
    "caption",
    "center",
    "cite",
    "code",
    "dd",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "i",
    "iframe",
    "img",
    "input",
    "label",
    "li",
    "link",
    "main",
    "mark",
    "meta",
    "nav",
    "noscript",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "script",
    "section",
    "small",
    "span",
    "strong",
    "style",
    "sub",
    "sup",
    "table",
    "time",
    "title",
    "u",
    "ul",
];

/// Whether `lower` (lowercased) starts with the start tag of a known HTML element: `<`, the
/// name, then `>`, `/` or whitespace.
fn starts_with_element(lower: &str) -> bool {
    let Some(rest) = lower.strip_prefix('<') else {
        return false;
    };
    let end = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let after = rest[end..].chars().next();
    ELEMENTS.contains(&&rest[..end])
        && matches!(after, Some('>' | '/' | ' ' | '\t' | '\n' | '\r' | '\x0C'))
}

/// The largest char boundary at or below `at`.
pub(crate) fn floor_char_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_meta_charset_is_honoured() {
        let mut page = b"<html><head><meta charset=\"windows-1252\"></head><body>caf".to_vec();
        page.push(0xE9);
        let d = decode(&page, None).unwrap();
        assert!(d.text.ends_with("café"));
        assert_eq!(d.encoding, encoding_rs::WINDOWS_1252);
    }

    #[test]
    fn undeclared_legacy_text_is_guessed() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251
            .encode("Привет, мир! Это обычный русский текст о погоде и о новостях.");
        let d = decode(&bytes, None).unwrap();
        assert!(d.text.contains("Привет"));
    }

    #[test]
    fn binary_is_rejected() {
        let bytes: Vec<u8> = (0..64u8).map(|i| i % 8).collect();
        assert!(matches!(decode(&bytes, None), Err(Error::Binary { .. })));
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff("<!DOCTYPE html><html></html>"), InputKind::Html);
        assert_eq!(sniff("Just a line\n\nAnother line"), InputKind::Text);
    }

    #[test]
    fn fragments_are_html_and_mentions_of_tags_are_not() {
        for fragment in [
            "<p>First paragraph.</p>\n<p>Second paragraph.</p>",
            "  <article class=\"post\"><h2>Title</h2>Text</article>",
            "<P>Shouting markup</P>",
            "Intro line\n<p>One</p>\n<p>Two</p>\n<div>Three</div>",
        ] {
            assert_eq!(sniff(fragment), InputKind::Html, "{fragment}");
        }
        for text in [
            "To end a paragraph, close it with </p> and go on.",
            "<3 to everyone who came\n\nThe fair was a success.",
            "<Company> announced results\n\nShares rose on Monday.",
            "Line one\nLine two\n<b>bold</b>\nLine four",
        ] {
            assert_eq!(sniff(text), InputKind::Text, "{text}");
        }
    }
}
