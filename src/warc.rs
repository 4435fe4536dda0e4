//! A small WARC 1.0/1.1 reader and writer.
//!
//! The [`Reader`] takes plain WARC files and gzip-compressed ones (a member per record, as
//! crawlers write them, or any other split into members). It never gives up on a file: a
//! record whose header is malformed, whose block is shorter than its `Content-Length`, or whose
//! gzip member is corrupt or truncated comes out as [`Item::Damaged`], and reading goes on at
//! the next `WARC/1.` header (plain) or the next gzip member that holds one (gzip).
//!
//! The writer half serialises records with `Content-Length` and a `WARC-Block-Digest`
//! (`sha1:` and base 32, as warcio computes it), each in its own gzip member.

use std::collections::VecDeque;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::time::{SystemTime, UNIX_EPOCH};

use flate2::bufread::GzDecoder;
use flate2::write::GzEncoder;
use sha1::{Digest, Sha1};

/// Longest header section the reader accepts.
const MAX_HEADER_BYTES: usize = 256 * 1024;
/// Largest block the reader holds in memory; larger records are skipped and reported.
const MAX_BLOCK_BYTES: u64 = 256 << 20;
/// The first bytes of a gzip member (magic and the deflate method).
const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b, 0x08];
/// What every record starts with.
const VERSION_PREFIX: &[u8] = b"WARC/1.";
/// How far the reader looks ahead at once while resynchronising.
const SCAN_WINDOW: usize = 64 * 1024;

/// One WARC record.
#[derive(Debug, Clone)]
pub struct Record {
    /// The header fields, in order, as written (names keep their case).
    pub headers: Vec<(String, String)>,
    /// The record block (`Content-Length` bytes).
    pub block: Vec<u8>,
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
    /// A well-formed record.
    Record(Record),
    /// A damaged record or stretch of bytes, with where it was and what was wrong.
    Damaged(String),
}

/// Reads WARC records from a plain or gzip-compressed WARC stream.
///
/// The stream must be seekable so that, after a corrupt gzip member, the reader can go back
/// and look for the next member right after the start of the broken one.
pub struct Reader<R: BufRead + Seek> {
    state: State<R>,
    pending: VecDeque<Item>,
}

enum State<R: BufRead + Seek> {
    /// An uncompressed WARC file.
    Plain(Stream<R>),
    /// Between two gzip members.
    Between(R),
    /// Inside the gzip member that starts at `start`.
    Member {
        start: u64,
        stream: Box<Stream<BufReader<GzDecoder<R>>>>,
    },
    /// Nothing more to read.
    Done,
}

impl<R: BufRead + Seek> Reader<R> {
    /// A reader over `inner`; gzip is recognised by its magic bytes.
    pub fn new(mut inner: R) -> io::Result<Self> {
        let gzip = inner.fill_buf()?.starts_with(&GZIP_MAGIC[..2]);
        Ok(Self {
            state: if gzip {
                State::Between(inner)
            } else {
                State::Plain(Stream::new(inner))
            },
            pending: VecDeque::new(),
        })
    }
}

impl<R: BufRead + Seek> Iterator for Reader<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return None,
                State::Plain(mut stream) => {
                    let start = stream.pos;
                    match next_record(&mut stream) {
                        Ok(Parsed::End) => return None,
                        Ok(Parsed::Record(record)) => {
                            self.state = State::Plain(stream);
                            return Some(Item::Record(record));
                        }
                        Ok(Parsed::Damaged(message)) => {
                            self.state = State::Plain(stream);
                            return Some(Item::Damaged(format!("at byte {start}: {message}")));
                        }
                        Err(e) => {
                            return Some(Item::Damaged(format!(
                                "at byte {start}: read error: {e}"
                            )));
                        }
                    }
                }
                State::Between(mut inner) => match start_member(&mut inner) {
                    Ok(Member::End) => return None,
                    Ok(Member::Starts(start)) => {
                        self.state = State::Member {
                            start,
                            stream: Box::new(Stream::new(BufReader::new(GzDecoder::new(inner)))),
                        };
                    }
                    Ok(Member::Skipped { from, to }) => {
                        self.state = State::Between(inner);
                        return Some(Item::Damaged(format!(
                            "at byte {from}: {} bytes that are not a gzip member skipped",
                            to - from
                        )));
                    }
                    Err(e) => return Some(Item::Damaged(format!("read error: {e}"))),
                },
                State::Member { start, mut stream } => match next_record(&mut stream) {
                    Ok(Parsed::Record(record)) => {
                        self.state = State::Member { start, stream };
                        return Some(Item::Record(record));
                    }
                    Ok(Parsed::Damaged(message)) => {
                        self.state = State::Member { start, stream };
                        return Some(Item::Damaged(format!(
                            "in gzip member at byte {start}: {message}"
                        )));
                    }
                    Ok(Parsed::End) => {
                        self.state = State::Between(stream.inner.into_inner().into_inner());
                    }
                    Err(e) => {
                        // The member is corrupt or truncated: look for the next one right
                        // after its start, since the decoder may have read past its end.
                        let mut inner = stream.inner.into_inner().into_inner();
                        self.pending.push_back(Item::Damaged(format!(
                            "in gzip member at byte {start}: {e}; skipped to the next member"
                        )));
                        match find_member(&mut inner, start + 1) {
                            Ok(()) => self.state = State::Between(inner),
                            Err(e) => self
                                .pending
                                .push_back(Item::Damaged(format!("read error: {e}"))),
                        }
                    }
                },
            }
        }
    }
}

/// Where the next gzip member is.
enum Member {
    /// At the end of the file.
    End,
    /// Starting at this offset.
    Starts(u64),
    /// Bytes that are no gzip member were skipped; the reader now stands at a member or the end.
    Skipped { from: u64, to: u64 },
}

fn start_member<R: BufRead + Seek>(inner: &mut R) -> io::Result<Member> {
    let from = inner.stream_position()?;
    let buf = inner.fill_buf()?;
    if buf.is_empty() {
        return Ok(Member::End);
    }
    if buf.starts_with(GZIP_MAGIC) {
        return Ok(Member::Starts(from));
    }
    find_member(inner, from)?;
    let to = inner.stream_position()?;
    Ok(Member::Skipped { from, to })
}

/// Moves `inner` to the first gzip member at or after `from` whose content starts like a WARC
/// record, or to the end.
fn find_member<R: BufRead + Seek>(inner: &mut R, from: u64) -> io::Result<()> {
    let mut pos = inner.seek(SeekFrom::Start(from))?;
    loop {
        let buf = inner.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match memchr::memmem::find(buf, GZIP_MAGIC) {
            Some(i) => {
                let candidate = pos + i as u64;
                inner.seek(SeekFrom::Start(candidate))?;
                let mut head = [0u8; VERSION_PREFIX.len()];
                let holds_warc = GzDecoder::new(&mut *inner).read_exact(&mut head).is_ok()
                    && head == VERSION_PREFIX;
                if holds_warc {
                    inner.seek(SeekFrom::Start(candidate))?;
                    return Ok(());
                }
                pos = inner.seek(SeekFrom::Start(candidate + 1))?;
            }
            None => {
                // Keep the last bytes: the magic may straddle the buffer's end.
                let advance = buf.len().saturating_sub(GZIP_MAGIC.len() - 1).max(1);
                pos = inner.seek(SeekFrom::Start(pos + advance as u64))?;
            }
        }
    }
}

/// A buffered stream that can look ahead any distance and counts the bytes consumed.
struct Stream<R> {
    inner: R,
    /// Bytes taken from `inner` by [`Stream::peek`] and not consumed yet, from `back_pos`.
    back: Vec<u8>,
    back_pos: usize,
    /// Bytes consumed so far.
    pos: u64,
}

impl<R: BufRead> Stream<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
            back: Vec::new(),
            back_pos: 0,
            pos: 0,
        }
    }

    /// The next `n` bytes (fewer at the end of the stream), without consuming them.
    fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        if self.back_pos > 0 {
            self.back.drain(..self.back_pos);
            self.back_pos = 0;
        }
        while self.back.len() < n {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            let take = buf.len().min(n - self.back.len());
            self.back.extend_from_slice(&buf[..take]);
            self.inner.consume(take);
        }
        Ok(&self.back[..n.min(self.back.len())])
    }

    /// Puts `bytes` back in front of the stream.
    fn unread(&mut self, bytes: &[u8]) {
        let mut back = Vec::with_capacity(bytes.len() + self.back.len() - self.back_pos);
        back.extend_from_slice(bytes);
        back.extend_from_slice(&self.back[self.back_pos..]);
        self.back = back;
        self.back_pos = 0;
        self.pos -= bytes.len() as u64;
    }
}

impl<R: BufRead> Read for Stream<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let buf = self.fill_buf()?;
        let n = buf.len().min(out.len());
        out[..n].copy_from_slice(&buf[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Stream<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.back_pos < self.back.len() {
            Ok(&self.back[self.back_pos..])
        } else {
            self.inner.fill_buf()
        }
    }

    fn consume(&mut self, n: usize) {
        self.pos += n as u64;
        if self.back_pos < self.back.len() {
            self.back_pos += n;
            if self.back_pos >= self.back.len() {
                self.back.clear();
                self.back_pos = 0;
            }
        } else {
            self.inner.consume(n);
        }
    }
}

/// What [`next_record`] found.
enum Parsed {
    Record(Record),
    /// A damaged record; the stream stands at the next `WARC/1.` line or the end.
    Damaged(String),
    End,
}

/// Reads the next record, resynchronising after damage. I/O errors (including a corrupt
/// compressed stream underneath) are returned as errors.
fn next_record<R: BufRead>(s: &mut Stream<R>) -> io::Result<Parsed> {
    skip_line_breaks(s)?;
    if s.fill_buf()?.is_empty() {
        return Ok(Parsed::End);
    }
    let mut head = Vec::new();
    read_line(s, &mut head, MAX_HEADER_BYTES)?;
    if !head.starts_with(VERSION_PREFIX) {
        let message = "no WARC record header here".to_string();
        return damaged(s, &head, &[], message);
    }
    let mut headers: Vec<(String, String)> = Vec::new();
    loop {
        let line_start = head.len();
        let limit = MAX_HEADER_BYTES.saturating_sub(head.len());
        if limit == 0 || read_line(s, &mut head, limit)? == 0 {
            let message = if limit == 0 {
                "record header too long"
            } else {
                "record header cut off by the end of the stream"
            };
            return damaged(s, &head, &[], message.to_string());
        }
        let line = String::from_utf8_lossy(&head[line_start..]);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    let length = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
        .map(|(_, v)| v.parse::<u64>());
    let length = match length {
        Some(Ok(length)) => length,
        Some(Err(_)) => return damaged(s, &head, &[], "bad Content-Length".to_string()),
        None => return damaged(s, &head, &[], "no Content-Length".to_string()),
    };
    if length > MAX_BLOCK_BYTES {
        let skipped = io::copy(&mut s.by_ref().take(length), &mut io::sink())?;
        if skipped < length {
            return Ok(Parsed::Damaged(format!(
                "record cut off: Content-Length {length}, only {skipped} bytes left"
            )));
        }
        end_of_block(s)?;
        return Ok(Parsed::Damaged(format!(
            "record of {length} bytes skipped (over the limit of {MAX_BLOCK_BYTES})"
        )));
    }
    let mut block = Vec::new();
    s.by_ref().take(length).read_to_end(&mut block)?;
    if (block.len() as u64) < length {
        let message = format!(
            "record cut off: Content-Length {length}, only {} bytes left",
            block.len()
        );
        return damaged(s, &head, &block, message);
    }
    if !end_of_block(s)? {
        let message =
            "the record does not end where its Content-Length says (wrong length?)".to_string();
        return damaged(s, &head, &block, message);
    }
    Ok(Parsed::Record(Record { headers, block }))
}

/// Reports a damaged record whose `head` and `block` were consumed: puts them back but their
/// first byte, and moves on to the next line that starts a record.
fn damaged<R: BufRead>(
    s: &mut Stream<R>,
    head: &[u8],
    block: &[u8],
    message: String,
) -> io::Result<Parsed> {
    let mut taken = Vec::with_capacity(head.len() + block.len());
    taken.extend_from_slice(head);
    taken.extend_from_slice(block);
    if taken.len() > 1 {
        s.unread(&taken[1..]);
    }
    resync(s)?;
    Ok(Parsed::Damaged(message))
}

/// Consumes bytes up to the next line that starts with `WARC/1.`, or to the end.
fn resync<R: BufRead>(s: &mut Stream<R>) -> io::Result<()> {
    let needle = b"\nWARC/1.";
    loop {
        let window = s.peek(SCAN_WINDOW)?;
        if let Some(i) = memchr::memmem::find(window, needle) {
            s.consume(i + 1);
            return Ok(());
        }
        if window.len() < needle.len() {
            let n = window.len();
            s.consume(n);
            return Ok(());
        }
        let n = window.len() - (needle.len() - 1);
        s.consume(n);
    }
}

/// Consumes the line breaks after a block; whether the block ended where it should (at
/// the end of the stream or before the next record).
fn end_of_block<R: BufRead>(s: &mut Stream<R>) -> io::Result<bool> {
    let window = s.peek(4 + VERSION_PREFIX.len())?;
    let breaks = window
        .iter()
        .take(4)
        .take_while(|&&b| b == b'\r' || b == b'\n')
        .count();
    let rest = &window[breaks..];
    let fine = rest.is_empty() || rest.starts_with(VERSION_PREFIX) || breaks == 4;
    if fine {
        s.consume(breaks);
    }
    Ok(fine)
}

fn skip_line_breaks<R: BufRead>(s: &mut Stream<R>) -> io::Result<()> {
    loop {
        let buf = s.fill_buf()?;
        let n = buf
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        let all = n == buf.len();
        s.consume(n);
        if !all || n == 0 {
            return Ok(());
        }
    }
}

/// Appends one line (with its `\n`) to `out`, at most `limit` bytes; the bytes read.
fn read_line<R: BufRead>(s: &mut Stream<R>, out: &mut Vec<u8>, limit: usize) -> io::Result<usize> {
    let mut read = 0;
    while read < limit {
        let buf = s.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        let room = &buf[..buf.len().min(limit - read)];
        let (n, done) = match memchr::memchr(b'\n', room) {
            Some(i) => (i + 1, true),
            None => (room.len(), false),
        };
        out.extend_from_slice(&room[..n]);
        s.consume(n);
        read += n;
        if done {
            break;
        }
    }
    Ok(read)
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
    use std::io::Cursor;

    fn sample(id: &str, body: &str) -> Vec<u8> {
        record(
            &[
                ("WARC-Type", "resource"),
                ("WARC-Record-ID", id),
                ("Content-Type", "text/plain"),
            ],
            body.as_bytes(),
        )
    }

    fn read(bytes: Vec<u8>) -> Vec<Item> {
        Reader::new(Cursor::new(bytes)).unwrap().collect()
    }

    fn ids(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .map(|item| match item {
                Item::Record(r) => r.header("warc-record-id").unwrap_or("?").to_string(),
                Item::Damaged(_) => "damaged".to_string(),
            })
            .collect()
    }

    #[test]
    fn digest_matches_warcio() {
        // warcio: base64.b32encode(hashlib.sha1(b"hello").digest())
        assert_eq!(
            block_digest(b"hello"),
            "sha1:VL2MMHO4YXUKFWV63YHTWSBM3GXKSQ2N"
        );
    }

    #[test]
    fn plain_round_trip() {
        let mut bytes = sample("<a>", "first\r\nbody");
        bytes.extend(sample("<b>", ""));
        let items = read(bytes);
        assert_eq!(ids(&items), ["<a>", "<b>"]);
        let Item::Record(first) = &items[0] else {
            panic!()
        };
        assert_eq!(first.block, b"first\r\nbody");
        assert_eq!(
            first.header("WARC-Block-Digest"),
            Some(block_digest(b"first\r\nbody").as_str())
        );
    }

    #[test]
    fn gzip_members_round_trip() {
        let mut bytes = Vec::new();
        for id in ["<a>", "<b>", "<c>"] {
            bytes.extend(gzip_member(&sample(id, "some text")).unwrap());
        }
        assert_eq!(ids(&read(bytes)), ["<a>", "<b>", "<c>"]);
    }

    #[test]
    fn one_member_for_the_whole_file() {
        let mut plain = sample("<a>", "x");
        plain.extend(sample("<b>", "y"));
        assert_eq!(ids(&read(gzip_member(&plain).unwrap())), ["<a>", "<b>"]);
    }

    #[test]
    fn plain_resyncs_after_a_short_block() {
        let mut bytes = sample("<a>", "x");
        let bad = String::from_utf8(sample("<bad>", "0123456789"))
            .unwrap()
            .replace("Content-Length: 10", "Content-Length: 90");
        bytes.extend(bad.as_bytes());
        bytes.extend(sample("<c>", "z"));
        bytes.extend(sample("<d>", "w"));
        assert_eq!(ids(&read(bytes)), ["<a>", "damaged", "<c>", "<d>"]);
    }

    #[test]
    fn plain_truncated_at_the_end() {
        let mut bytes = sample("<a>", "x");
        let last = sample("<b>", "a longer body that gets cut");
        bytes.extend(&last[..last.len() - 10]);
        assert_eq!(ids(&read(bytes)), ["<a>", "damaged"]);
    }

    #[test]
    fn garbage_before_a_record() {
        let mut bytes = b"garbage\nmore garbage\n".to_vec();
        bytes.extend(sample("<a>", "x"));
        assert_eq!(ids(&read(bytes)), ["damaged", "<a>"]);
    }

    #[test]
    fn corrupt_and_truncated_members() {
        let a = gzip_member(&sample("<a>", "x")).unwrap();
        let mut b = gzip_member(&sample("<b>", "some text for b")).unwrap();
        let c = gzip_member(&sample("<c>", "z")).unwrap();
        let d = gzip_member(&sample("<d>", "the last one")).unwrap();
        // Flip bytes inside b's deflate data, and cut d short.
        let mid = b.len() / 2;
        b[mid] ^= 0xff;
        b[mid + 1] ^= 0x55;
        let mut bytes = a;
        bytes.extend(b);
        bytes.extend(c);
        bytes.extend(&d[..d.len() - 12]);
        assert_eq!(ids(&read(bytes)), ["<a>", "damaged", "<c>", "damaged"]);
    }

    #[test]
    fn truncated_member_followed_by_a_good_one() {
        let a = gzip_member(&sample("<a>", "a body long enough to be cut in half")).unwrap();
        let b = gzip_member(&sample("<b>", "x")).unwrap();
        let mut bytes = a[..a.len() / 2].to_vec();
        bytes.extend(b);
        assert_eq!(ids(&read(bytes)), ["damaged", "<b>"]);
    }

    #[test]
    fn garbage_never_panics() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for len in [0usize, 1, 2, 3, 7, 100, 5000] {
            let mut bytes: Vec<u8> = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    seed as u8
                })
                .collect();
            let _ = read(bytes.clone());
            bytes.splice(0..0, GZIP_MAGIC.iter().copied());
            let _ = read(bytes.clone());
            bytes.splice(0..0, b"WARC/1.0\r\nContent-Length: 3\r\n".iter().copied());
            let _ = read(bytes);
        }
    }

    #[test]
    fn now_is_a_warc_date() {
        let date = now();
        assert_eq!(date.len(), 20);
        assert!(date.starts_with("20") && date.ends_with('Z'));
    }
}
