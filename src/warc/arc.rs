//! ARC v1 records (the Internet Archive's format before WARC), converted to WARC records as
//! warcio converts them.
//!
//! An ARC file opens with a `filedesc://` record whose block is the version block, then holds
//! records each with a one-line header, `URL IP-address Archive-date Content-type
//! Archive-length`, the `Archive-length` bytes of the block, and a line break.

use super::Record;

/// The header line of one ARC record.
#[derive(Debug)]
pub(super) struct Header {
    url: String,
    ip: String,
    date: String,
    content_type: String,
    /// `Archive-length`: the bytes of the block after the header line.
    pub length: u64,
}

impl Header {
    /// Parses an ARC v1 header line (with or without its line break). The URL may hold
    /// spaces, so the fields are split from the right, as warcio does. `None` unless the URL
    /// has a scheme and the length is a number.
    pub fn parse(line: &[u8]) -> Option<Self> {
        let line = std::str::from_utf8(line)
            .ok()?
            .trim_end_matches(['\r', '\n']);
        let mut fields = line.rsplitn(5, ' ');
        let length = fields.next()?.parse().ok()?;
        let content_type = fields.next()?.to_string();
        let date = fields.next()?;
        let ip = fields.next()?.to_string();
        let url = fields.next()?.to_string();
        let scheme_ok = url
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.is_empty() && scheme.bytes().all(is_scheme_byte));
        // The IP address and date may be `-` or malformed (warcio takes any); the URL's scheme
        // and the length keep other lines from passing as headers.
        (scheme_ok && !date.is_empty() && !ip.is_empty() && !ip.contains(' ')).then(|| Self {
            url,
            ip,
            date: date.to_string(),
            content_type,
            length,
        })
    }

    /// Whether this is the `filedesc://` record that opens an ARC file.
    pub fn is_filedesc(&self) -> bool {
        self.url.starts_with("filedesc://")
    }

    /// The WARC record warcio makes of this header and `block`: `warcinfo` for the
    /// `filedesc://` record, `response` (`application/http; msgtype=response`) for a block that
    /// holds an HTTP response, and otherwise a `resource` with the ARC content type.
    pub fn into_record(self, block: Vec<u8>, damage: Option<String>) -> Record {
        let date = iso_date(&self.date);
        let mut headers = Vec::with_capacity(7);
        let content_type = if self.is_filedesc() {
            headers.push(("WARC-Type", "warcinfo".to_string()));
            headers.push(("WARC-Filename", self.url["filedesc://".len()..].to_string()));
            self.content_type
        } else if block.starts_with(b"HTTP/") {
            headers.push(("WARC-Type", "response".to_string()));
            headers.push(("WARC-Target-URI", self.url));
            "application/http; msgtype=response".to_string()
        } else {
            headers.push(("WARC-Type", "resource".to_string()));
            headers.push(("WARC-Target-URI", self.url));
            self.content_type
        };
        headers.push(("WARC-Record-ID", super::record_id()));
        headers.push(("WARC-Date", date));
        headers.push(("WARC-IP-Address", self.ip));
        headers.push(("Content-Type", content_type));
        headers.push(("Content-Length", block.len().to_string()));
        Record {
            headers: headers
                .into_iter()
                .map(|(name, value)| (name.to_string(), value))
                .collect(),
            block,
            damage,
        }
    }
}

fn is_scheme_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')
}

/// An ARC timestamp (`YYYYMMDDhhmmss`; its leading digits, shorter ones padded, and none
/// for `-`) as a WARC date.
fn iso_date(stamp: &str) -> String {
    const PAD: &str = "19700101000000";
    let mut digits: String = stamp
        .chars()
        .take_while(char::is_ascii_digit)
        .take(14)
        .collect();
    digits.push_str(&PAD[digits.len()..]);
    let d = &digits;
    format!(
        "{}-{}-{}T{}:{}:{}Z",
        &d[0..4],
        &d[4..6],
        &d[6..8],
        &d[8..10],
        &d[10..12],
        &d[12..14]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lines() {
        let h =
            Header::parse(b"http://example.com/a b 93.184.216.119 20140216050221 text/html 1591\n")
                .unwrap();
        assert_eq!(h.url, "http://example.com/a b");
        assert_eq!(h.length, 1591);
        assert!(Header::parse(b"filedesc://x.arc 0.0.0.0 20140216050221 text/plain 75").is_some());
        assert!(Header::parse(b"<p>some text 1 2 3</p>").is_none());
        assert!(Header::parse(b"WARC/1.0").is_none());
        assert!(Header::parse(b"http://a/ 1.2.3.4 2014 text/html -1").is_none());
        // Dashed fields, CRLF.
        assert!(Header::parse(b"filedesc:// - - - 76\r\n").is_some());
        assert!(Header::parse(b"see http://a.example/ for more 5").is_none());
    }

    #[test]
    fn dates_as_warcio_writes_them() {
        assert_eq!(iso_date("20140216050221"), "2014-02-16T05:02:21Z");
        assert_eq!(iso_date("2014"), "2014-01-01T00:00:00Z");
        assert_eq!(iso_date("201404010000000000"), "2014-04-01T00:00:00Z");
        assert_eq!(iso_date("-"), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn record_kinds() {
        let h = Header::parse(b"http://a.example/ 1.2.3.4 20140216050221 text/html 5").unwrap();
        let r = h.into_record(b"HTTP/1.0 200 OK\r\n\r\n".to_vec(), None);
        assert_eq!(r.header("WARC-Type"), Some("response"));
        assert_eq!(r.header("WARC-Date"), Some("2014-02-16T05:02:21Z"));
        let h = Header::parse(b"http://a.example/ 1.2.3.4 20140216050221 text/html 5").unwrap();
        let r = h.into_record(b"<p>x</p>".to_vec(), None);
        assert_eq!(r.header("WARC-Type"), Some("resource"));
        assert_eq!(r.header("Content-Type"), Some("text/html"));
        let h = Header::parse(b"filedesc://f.arc 1.2.3.4 20140216050221 text/plain 5").unwrap();
        let r = h.into_record(b"1 0 x\n".to_vec(), None);
        assert_eq!(r.header("WARC-Type"), Some("warcinfo"));
        assert_eq!(r.header("WARC-Filename"), Some("f.arc"));
    }
}
