//! Stage 1 — decoding: bytes become text, the way a browser does it (BOM, then a declared
//! charset, then a statistical guess), and the input is sniffed as HTML or flattened text.

use encoding_rs::{CoderResult, Encoding, UTF_8};

use crate::error::Error;
use crate::limits::Budget;
use crate::options::InputKind;

/// How many leading bytes are inspected for a declared charset and for binary content.
const PRESCAN: usize = 4096;
/// Share of control bytes in the sample above which the input is taken for binary data.
const MAX_CONTROL_SHARE: f32 = 0.1;

/// Bytes decoded (or fed to the charset detector) between two looks at the time budget: about a
/// millisecond of work.
const DECODE_CHUNK: usize = 1 << 20;

/// Decoded input.
#[derive(Debug)]
pub struct Decoded {
    /// The text, in UTF-8.
    pub text: String,
    /// The name of the encoding it was decoded from: an [`Encoding`]'s WHATWG name, or
    /// `UTF-32LE` / `UTF-32BE` for UTF-32 with its byte order mark (which the WHATWG encodings
    /// leave out).
    pub encoding: &'static str,
}

/// Decodes `bytes` to text. `declared` is a charset label from outside the document (an HTTP
/// header), which wins over what the document says. [`decode_within`] without a time limit.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, Error> {
    decode_within(bytes, declared, &Budget::new(None))
}

/// [`decode`] within a time budget, looked at every 1 MiB of decoding and of
/// charset detection. Errors: [`Error::Binary`] for data that is not text (mostly control bytes
/// near the start, also after a byte order mark), [`Error::Timeout`] when the budget runs out.
pub(crate) fn decode_within(
    bytes: &[u8],
    declared: Option<&str>,
    budget: &Budget,
) -> Result<Decoded, Error> {
    if let Some((name, big_endian)) = utf32_bom(bytes) {
        let text = decode_utf32(&bytes[4..], big_endian, budget)?;
        check_text_not_binary(&text)?;
        return Ok(Decoded {
            text,
            encoding: name,
        });
    }
    check_not_binary(bytes)?;
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let text = decode_chunked(encoding, &bytes[bom..], budget)?;
        check_text_not_binary(&text)?;
        return Ok(Decoded {
            text,
            encoding: encoding.name(),
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
        });
    let encoding = match encoding {
        Some(encoding) => encoding,
        None => match std::str::from_utf8(bytes) {
            Ok(text) => {
                // Already validated: copied as it is, not decoded again.
                valid_utf8 = Some(text);
                UTF_8
            }
            Err(_) => {
                let mut detector = chardetng::EncodingDetector::new();
                let mut chunks = bytes.chunks(DECODE_CHUNK).peekable();
                while let Some(chunk) = chunks.next() {
                    detector.feed(chunk, chunks.peek().is_none());
                    budget.check("decoding")?;
                }
                detector.guess(None, true)
            }
        },
    };
    let text = match valid_utf8 {
        Some(text) => text.to_owned(),
        None => decode_chunked(encoding, bytes, budget)?,
    };
    Ok(Decoded {
        text,
        encoding: encoding.name(),
    })
}

/// Decodes `bytes` (without a byte order mark) from `encoding`, [`DECODE_CHUNK`] bytes at a
/// time, looking at the budget after each.
fn decode_chunked(
    encoding: &'static Encoding,
    bytes: &[u8],
    budget: &Budget,
) -> Result<String, Error> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::new();
    let mut chunks = bytes.chunks(DECODE_CHUNK).peekable();
    while let Some(chunk) = chunks.next() {
        let last = chunks.peek().is_none();
        let mut rest = chunk;
        loop {
            // The bound is at most a few bytes per input byte; a saturated one is never met.
            let room = decoder
                .max_utf8_buffer_length(rest.len())
                .unwrap_or(usize::MAX / 2);
            out.reserve(room);
            let (result, read, _) = decoder.decode_to_string(rest, &mut out, last);
            rest = &rest[read..];
            if result == CoderResult::InputEmpty {
                break;
            }
        }
        budget.check("decoding")?;
    }
    Ok(out)
}

/// The name and byte order of UTF-32 input by its byte order mark (`FF FE 00 00` little endian,
/// `00 00 FE FF` big endian). Checked before UTF-16's, whose mark `FF FE` starts UTF-32LE's.
fn utf32_bom(bytes: &[u8]) -> Option<(&'static str, bool)> {
    match bytes.get(..4)? {
        [0xFF, 0xFE, 0, 0] => Some(("UTF-32LE", false)),
        [0, 0, 0xFE, 0xFF] => Some(("UTF-32BE", true)),
        _ => None,
    }
}

/// Decodes UTF-32 code units; a unit that is no Unicode scalar value, and a last unit cut
/// short, become U+FFFD (as the WHATWG decoders treat malformed input).
fn decode_utf32(bytes: &[u8], big_endian: bool, budget: &Budget) -> Result<String, Error> {
    let mut out = String::with_capacity(bytes.len() / 4);
    for chunk in bytes.chunks(DECODE_CHUNK) {
        let units = chunk.chunks(4);
        for unit in units {
            let c = <[u8; 4]>::try_from(unit)
                .ok()
                .map(|b| {
                    if big_endian {
                        u32::from_be_bytes(b)
                    } else {
                        u32::from_le_bytes(b)
                    }
                })
                .and_then(char::from_u32)
                .unwrap_or(char::REPLACEMENT_CHARACTER);
            out.push(c);
        }
        budget.check("decoding")?;
    }
    Ok(out)
}

/// Rejects inputs whose first bytes are mostly control characters.
fn check_not_binary(bytes: &[u8]) -> Result<(), Error> {
    if Encoding::for_bom(bytes).is_some() {
        return Ok(());
    }
    let sample = &bytes[..bytes.len().min(PRESCAN)];
    let control = sample
        .iter()
        .filter(|&&b| is_control(char::from(b)))
        .count();
    refuse_if_mostly_control(control, sample.len())
}

/// Rejects text decoded after a byte order mark whose first characters are mostly control
/// characters (NUL included) or U+FFFD (bytes the encoding could not decode): binary data
/// behind a mark, or text in another encoding than the mark says.
fn check_text_not_binary(text: &str) -> Result<(), Error> {
    let sample = &text[..floor_char_boundary(text, PRESCAN)];
    let control = sample
        .chars()
        .filter(|&c| is_control(c) || c == char::REPLACEMENT_CHARACTER)
        .count();
    refuse_if_mostly_control(control, sample.chars().count())
}

/// A control character that text does not hold (tab, line breaks and form feed it does).
fn is_control(c: char) -> bool {
    c < '\u{20}' && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}')
}

/// [`Error::Binary`] when more than [`MAX_CONTROL_SHARE`] of a sample of at least 16
/// characters (or bytes) are `control`.
fn refuse_if_mostly_control(control: usize, sampled: usize) -> Result<(), Error> {
    if sampled >= 16 && control as f32 > MAX_CONTROL_SHARE * sampled as f32 {
        return Err(Error::Binary {
            control_bytes: control,
            sampled,
        });
    }
    Ok(())
}

/// The charset a page declares in `<meta charset>` or `<meta http-equiv content="…charset=">`
/// within its first bytes. Only `<meta>` tags count, as in the HTML standard's prescan
/// (§13.2.3.2): a `charset` attribute on `<script>` or `<link>` names the encoding of that
/// resource, not of the page.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + at + b"<meta".len();
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |p| start + p);
        from = end;
        if !lower
            .get(start)
            .is_some_and(|&b| b.is_ascii_whitespace() || b == b'/')
        {
            continue;
        }
        if let Some(encoding) = charset_in_tag(&lower[start..end]) {
            return Some(encoding);
        }
    }
    None
}

/// The first `charset=label` inside one tag's attributes (lowercased bytes), when the label
/// names an encoding.
fn charset_in_tag(tag: &[u8]) -> Option<&'static Encoding> {
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&tag[from..], b"charset") {
        let mut i = from + at + b"charset".len();
        from = i;
        while i < tag.len() && tag[i].is_ascii_whitespace() {
            i += 1;
        }
        if tag.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < tag.len() && matches!(tag[i], b' ' | b'"' | b'\'') {
            i += 1;
        }
        let end = tag[i..]
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
            .map_or(tag.len(), |p| i + p);
        if let Some(encoding) = Encoding::for_label(&tag[i..end]) {
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
/// mentions a tag ("close it with `</p>`") stays text.
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
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn charset_of_a_script_or_link_is_not_the_pages() {
        let mut page = b"<html><head><script src=\"a.js\" charset=\"utf-8\"></script>\
            <link rel=stylesheet href=a.css charset=utf-8>\
            <meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">\
            </head><body>march"
            .to_vec();
        page.push(0xE9);
        let d = decode(&page, None).unwrap();
        assert!(d.text.ends_with("marché"), "{}", d.text);
        assert_eq!(d.encoding, "windows-1252");
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
