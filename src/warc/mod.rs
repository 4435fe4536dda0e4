//! A WARC reader and writer.
//!
//! The [`Reader`] takes what archives hold: WARC 1.0 and 1.1, the WARC/0.17 and WARC/0.18
//! drafts (ClueWeb09 and ClueWeb12), and ARC v1 files (the Internet Archive's format before
//! WARC), each plain or gzip-compressed, with any split into gzip members (a member per record
//! as crawlers write them, one for the whole file, or records spread over several members). ARC
//! records come out as WARC records, as warcio converts them. The reader never gives up on a
//! file; see [`Reader`] for what it does with damage.
//!
//! The writer half serialises records with `Content-Length` and a `WARC-Block-Digest`
//! (`sha1:` and base 32, as warcio computes it), each in its own gzip member.

use std::io::{self, Write};
use std::time::{SystemTime, UNIX_EPOCH};

use flate2::write::GzEncoder;
use sha1::{Digest, Sha1};

mod arc;
mod reader;

pub use reader::{DEFAULT_MAX_BLOCK, Reader};

/// One WARC record (an ARC record converted to one).
#[derive(Debug, Clone, Default)]
pub struct Record {
    /// The header fields, in order, as written (names keep their case).
    pub headers: Vec<(String, String)>,
    /// The record block (`Content-Length` bytes, fewer when the record was cut off).
    pub block: Vec<u8>,
    /// What was wrong with a record that was still read, as warcio reads it: its block cut off
    /// by the end of the file or of a truncated gzip member, or stray bytes after it. `None`
    /// for a sound record.
    pub damage: Option<String>,
}

impl Record {
    /// The value of the first header field called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the reader yields: a record, or a report of bytes it had to skip.
#[derive(Debug)]
pub enum Item {
    /// A record, sound or readable in spite of damage (see [`Record::damage`]).
    Record(Record),
    /// A damaged record or stretch of bytes that could not be read as a record, with where it
    /// was and what was wrong. Each lost record is one item.
    Damaged(String),
}

/// Serialises a WARC/1.1 record: the version line, `headers`, then `Content-Length` and
/// `WARC-Block-Digest` computed from `block`, then the block.
pub fn record(headers: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(block.len() + 512);
    out.extend_from_slice(b"WARC/1.1\r\n");
    for (name, value) in headers {
        out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    out.extend_from_slice(format!("WARC-Block-Digest: {}\r\n", block_digest(block)).as_bytes());
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// `bytes` as one gzip member.
pub fn gzip_member(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes)?;
    encoder.finish()
}

/// The `WARC-Block-Digest` of `block`: `sha1:` and the base 32 SHA-1.
pub fn block_digest(block: &[u8]) -> String {
    format!(
        "sha1:{}",
        data_encoding::BASE32.encode(&Sha1::digest(block))
    )
}

/// A fresh `WARC-Record-ID`.
pub fn record_id() -> String {
    format!("<urn:uuid:{}>", uuid::Uuid::new_v4())
}

/// The current time as a `WARC-Date` (UTC, seconds).
pub fn now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_matches_warcio() {
        // warcio: base64.b32encode(hashlib.sha1(b"hello").digest())
        assert_eq!(
            block_digest(b"hello"),
            "sha1:VL2MMHO4YXUKFWV63YHTWSBM3GXKSQ2N"
        );
    }

    #[test]
    fn now_is_a_warc_date() {
        let date = now();
        assert_eq!(date.len(), 20);
        assert!(date.starts_with("20") && date.ends_with('Z'));
    }
}
