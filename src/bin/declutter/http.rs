//! The HTTP response inside a WARC `response` record: status, headers, and the body with its
//! transfer and content codings undone.

use std::io::Read;

/// A parsed HTTP response message.
pub struct Response<'a> {
    /// The status code.
    pub status: u16,
    headers: Vec<(String, String)>,
    /// The body as stored (still chunked and compressed if the headers say so).
    raw_body: &'a [u8],
}

/// Parses the HTTP response in a record block.
pub fn parse(block: &[u8]) -> Result<Response<'_>, String> {
    if !block.starts_with(b"HTTP/") {
        return Err("the block is not an HTTP response".to_string());
    }
    // The header ends at the first empty line, whether lines end in CRLF or, as in
    // ClueWeb09, in a bare LF.
    let mut end = None;
    let mut line_start = 0;
    for i in memchr::memchr_iter(b'\n', block) {
        let line = &block[line_start..i];
        if line.is_empty() || line == b"\r" {
            end = Some((line_start, i + 1));
            break;
        }
        line_start = i + 1;
    }
    let (head, raw_body) = match end {
        Some((head_end, body_start)) => (&block[..head_end], &block[body_start..]),
        None => (block, &block[block.len()..]),
    };
    let head = String::from_utf8_lossy(head);
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| "no HTTP status code".to_string())?;
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_string(), value.trim().to_string()))
        .collect();
    Ok(Response {
        status,
        headers,
        raw_body,
    })
}

impl Response<'_> {
    /// The first header field called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The media type of `Content-Type`, lowercased, without parameters.
    pub fn media_type(&self) -> Option<String> {
        media_type(self.header("Content-Type")?)
    }

    /// The `charset` parameter of `Content-Type`.
    pub fn charset(&self) -> Option<String> {
        charset(self.header("Content-Type")?)
    }

    /// The body with `Transfer-Encoding: chunked` and `Content-Encoding` (gzip, deflate, br)
    /// undone, at most `limit` bytes.
    ///
    /// Crawlers (ClueWeb09 among them) often store bodies already decoded but keep the
    /// headers; a body that does not decode and cannot be in the declared coding (gzip without
    /// its magic bytes, or text) is taken as it is.
    pub fn body(&self, limit: u64) -> Result<Vec<u8>, String> {
        let mut body = self.raw_body.to_vec();
        if self.has_token("Transfer-Encoding", "chunked") {
            if let Some(dechunked) = dechunk(&body) {
                body = dechunked;
            }
        }
        let codings: Vec<String> = self
            .header("Content-Encoding")
            .unwrap_or("")
            .split(',')
            .map(|c| c.trim().to_ascii_lowercase())
            .filter(|c| !c.is_empty() && c != "identity")
            .collect();
        for coding in codings.iter().rev() {
            if !may_be_encoded(coding, &body) {
                break;
            }
            body = decode(coding, &body, limit)?;
        }
        if body.len() as u64 > limit {
            return Err(format!("body of {} bytes is over the limit", body.len()));
        }
        Ok(body)
    }

    fn has_token(&self, name: &str, token: &str) -> bool {
        self.header(name)
            .is_some_and(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case(token)))
    }
}

/// The media type of a `Content-Type` value, lowercased, without parameters.
pub fn media_type(content_type: &str) -> Option<String> {
    let media = content_type.split(';').next()?.trim().to_ascii_lowercase();
    (!media.is_empty()).then_some(media)
}

/// The `charset` parameter of a `Content-Type` value.
pub fn charset(content_type: &str) -> Option<String> {
    content_type
        .split(';')
        .skip(1)
        .filter_map(|param| param.split_once('='))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("charset"))
        .map(|(_, value)| value.trim().trim_matches(['"', '\'']).to_string())
        .filter(|charset| !charset.is_empty())
}

/// Whether the start of `bytes` looks like an HTML document.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let start = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    start.contains("<html") || start.contains("<!doctype html")
}

/// Whether `body` can be in content coding `coding`: gzip starts with its magic bytes; other
/// codings have none, so a body that starts with markup, or whose first KiB is UTF-8 text
/// without control bytes, is taken as not encoded (raw deflate would "decode" it to garbage).
fn may_be_encoded(coding: &str, body: &[u8]) -> bool {
    if coding == "gzip" || coding == "x-gzip" {
        return body.starts_with(&[0x1f, 0x8b]);
    }
    let head = &body[..body.len().min(1024)];
    let markup = head
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'<');
    let text = match std::str::from_utf8(head) {
        Ok(text) => text,
        // A character cut by the 1 KiB window.
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return !markup,
    };
    let plain = text
        .chars()
        .all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\x0c'));
    !(markup || plain)
}

/// Undoes one content coding, refusing output over `limit` bytes.
fn decode(coding: &str, body: &[u8], limit: u64) -> Result<Vec<u8>, String> {
    let read = |mut reader: Box<dyn Read + '_>| -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        match reader
            .by_ref()
            .take(limit.saturating_add(1))
            .read_to_end(&mut out)
        {
            Ok(_) => {}
            // A body cut short (the record was truncated) keeps what it held, as warcio does.
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof && !out.is_empty() => {}
            Err(e) => return Err(format!("cannot undo Content-Encoding {coding}: {e}")),
        }
        if out.len() as u64 > limit {
            return Err(format!(
                "body decoded from {coding} is over the limit of {limit} bytes"
            ));
        }
        Ok(out)
    };
    match coding {
        "gzip" | "x-gzip" => read(Box::new(flate2::read::MultiGzDecoder::new(body))),
        "deflate" => read(Box::new(flate2::read::ZlibDecoder::new(body)))
            .or_else(|_| read(Box::new(flate2::read::DeflateDecoder::new(body)))),
        "br" => read(Box::new(brotli::Decompressor::new(body, 4096))),
        other => Err(format!("unsupported Content-Encoding {other}")),
    }
}

/// Undoes chunked transfer coding; `None` when `body` does not start with a chunk size.
/// A body cut off mid-chunk keeps what arrived.
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    let mut first = true;
    loop {
        let Some(eol) = memchr::memchr(b'\n', rest) else {
            return (!first).then_some(out);
        };
        let line = String::from_utf8_lossy(&rest[..eol]);
        let size = line.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size, 16) else {
            return (!first).then_some(out);
        };
        first = false;
        rest = &rest[eol + 1..];
        if size == 0 {
            return Some(out);
        }
        let take = size.min(rest.len());
        out.extend_from_slice(&rest[..take]);
        rest = &rest[take..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
        if rest.is_empty() {
            return Some(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn response(headers: &str, body: &[u8]) -> Vec<u8> {
        let mut block = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
        block.extend_from_slice(body);
        block
    }

    const PAGE: &[u8] = b"<html><body><p>Hello</p></body></html>";

    #[test]
    fn status_type_and_charset() {
        let block = response(
            "Content-Type: text/html; Charset=\"ISO-8859-1\"\r\nX: y\r\n",
            PAGE,
        );
        let r = parse(&block).unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.media_type().as_deref(), Some("text/html"));
        assert_eq!(r.charset().as_deref(), Some("ISO-8859-1"));
        assert_eq!(r.body(1 << 20).unwrap(), PAGE);
    }

    #[test]
    fn not_http() {
        assert!(parse(b"\x00\x01binary").is_err());
        assert!(parse(b"HTTP/1.1 OK\r\n\r\n").is_err());
    }

    #[test]
    fn chunked() {
        let block = response(
            "Transfer-Encoding: chunked\r\n",
            b"a;ext=1\r\n<html><bod\r\n1C\r\ny><p>Hello</p></body></html>\r\n0\r\n\r\n",
        );
        assert_eq!(parse(&block).unwrap().body(1 << 20).unwrap(), PAGE);
        // Stored already dechunked: taken as it is.
        let block = response("Transfer-Encoding: chunked\r\n", PAGE);
        assert_eq!(parse(&block).unwrap().body(1 << 20).unwrap(), PAGE);
    }

    #[test]
    fn gzip_deflate_brotli() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(PAGE).unwrap();
        let gz = gz.finish().unwrap();
        let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        zlib.write_all(PAGE).unwrap();
        let zlib = zlib.finish().unwrap();
        let mut raw = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        raw.write_all(PAGE).unwrap();
        let raw = raw.finish().unwrap();
        let mut br = Vec::new();
        {
            let mut w = brotli::CompressorWriter::new(&mut br, 4096, 5, 22);
            w.write_all(PAGE).unwrap();
        }
        for (coding, body) in [
            ("gzip", gz.clone()),
            ("deflate", zlib),
            ("deflate", raw),
            ("br", br),
        ] {
            let block = response(&format!("Content-Encoding: {coding}\r\n"), &body);
            assert_eq!(
                parse(&block).unwrap().body(1 << 20).unwrap(),
                PAGE,
                "{coding}"
            );
        }
        // Over the limit.
        let block = response("Content-Encoding: gzip\r\n", &gz);
        assert!(parse(&block).unwrap().body(10).is_err());
    }

    /// Item 6: ClueWeb09's HTTP headers end in bare LF, while the page may hold CRLFs.
    #[test]
    fn bare_lf_header_ends_at_the_first_empty_line() {
        let block = b"HTTP/1.1 200 OK\nContent-Type: text/html; charset=utf-8\nX-A: b\n\n<p>one</p>\r\n\r\n<p>two</p>";
        let r = parse(block).unwrap();
        assert_eq!(r.media_type().as_deref(), Some("text/html"));
        assert_eq!(r.charset().as_deref(), Some("utf-8"));
        assert_eq!(r.header("X-A"), Some("b"));
        assert_eq!(r.body(1 << 20).unwrap(), b"<p>one</p>\r\n\r\n<p>two</p>");
    }

    /// Item 6: a payload stored decoded under `Content-Encoding: gzip` is taken as it is, even
    /// when it does not start with markup.
    #[test]
    fn declared_coding_that_does_not_apply() {
        for (coding, body) in [
            ("gzip", &b"Plain words first, then <p>a paragraph</p>"[..]),
            ("x-gzip", &b"\xef\xbb\xbf<html><p>with a BOM</p></html>"[..]),
            ("deflate", &b"Some text, not compressed at all."[..]),
        ] {
            let block = response(&format!("Content-Encoding: {coding}\r\n"), body);
            assert_eq!(
                parse(&block).unwrap().body(1 << 20).unwrap(),
                body,
                "{coding}"
            );
        }
    }

    /// A gzip body cut short keeps what it held (warcio's example-trunc.warc has one).
    #[test]
    fn truncated_gzip_body_keeps_what_it_holds() {
        let page = "<html><body><p>words</p></body></html>".repeat(50);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(page.as_bytes()).unwrap();
        let gz = gz.finish().unwrap();
        let block = response("Content-Encoding: gzip\r\n", &gz[..gz.len() - 12]);
        let body = parse(&block).unwrap().body(1 << 20).unwrap();
        assert!(!body.is_empty() && page.as_bytes().starts_with(&body));
        // Cut before anything decodes: an error.
        let block = response("Content-Encoding: gzip\r\n", &gz[..12]);
        assert!(parse(&block).unwrap().body(1 << 20).is_err());
    }

    #[test]
    fn bad_coding() {
        let block = response("Content-Encoding: gzip\r\n", b"\x1f\x8b\x08garbage");
        assert!(parse(&block).unwrap().body(1 << 20).is_err());
        let block = response("Content-Encoding: zstd\r\n", b"\x28\xb5\x2f\xfd");
        assert!(parse(&block).unwrap().body(1 << 20).is_err());
        // Declared gzip but stored decoded.
        let block = response("Content-Encoding: gzip\r\n", PAGE);
        assert_eq!(parse(&block).unwrap().body(1 << 20).unwrap(), PAGE);
    }

    #[test]
    fn sniffs_html() {
        assert!(looks_like_html(b"  <!DOCTYPE html><html>"));
        assert!(!looks_like_html(b"\x89PNG\r\n"));
    }
}
