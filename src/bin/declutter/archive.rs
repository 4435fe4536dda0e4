//! `declutter --warc`: cleans the HTML responses of WARC files into WARC/1.1 `conversion`
//! records (the Common Crawl WET layout: a gzip member per record, after a `warcinfo`
//! record), or into JSON Lines with `--warc-out jsonl`.
//!
//! A response is cleaned when its HTTP status is 2xx and its payload is HTML (by
//! `Content-Type`, or by sniffing when there is none), and so is a `resource` record with an
//! HTML `Content-Type` (wget and browser-based crawlers store pages so). The HTTP (or record)
//! `Content-Type` charset is passed to the library; chunked transfer coding and gzip, deflate
//! and br content codings are undone. Every other record is skipped and counted by kind;
//! damaged records are reported on stderr and counted as failed, and a record read in spite of
//! damage (cut off, stray bytes after it) is reported and cleaned. Each record read, and each
//! input that cannot be opened, counts once: read = cleaned + skipped + failed.

use std::io::{self, BufRead, BufReader, Cursor, IsTerminal, Read, Seek};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::{Map, Value};

use crate::args::{CleanArgs, Format, WarcOut};
use crate::summary::{Progress, Tally, Totals};
use crate::{http, parallel, warc};

/// What became of one WARC record.
enum Outcome {
    /// Cleaned: the bytes to write, and what was removed.
    Cleaned(Vec<u8>, Tally),
    /// Not an HTML response, with the reason.
    Skipped(String),
    /// Damaged or not cleanable, with why.
    Failed(String),
}

/// Cleans the WARC inputs (stdin when none) to the output.
pub fn run(args: &CleanArgs, pool: &rayon::ThreadPool) -> anyhow::Result<ExitCode> {
    if args.warc_out == WarcOut::Warc && args.output.is_none() && io::stdout().is_terminal() {
        anyhow::bail!("refusing to write a compressed WARC to a terminal; use -o FILE");
    }
    let mut ids = crate::output::Inputs::default();
    args.inputs.iter().for_each(|path| ids.add(path));
    if args.inputs.is_empty() {
        ids.add(Path::new("-"));
    }
    crate::output::stop_on_signals()?;
    let mut run = Run {
        args,
        pool,
        warcinfo_id: warc::record_id(),
        totals: Totals::new("records"),
        progress: Progress::new(None, args.quiet, "records"),
        out: crate::output::Output::new(args.output.as_deref(), &ids)?,
        damaged: 0,
    };
    if args.warc_out == WarcOut::Warc {
        let warcinfo = warcinfo(&run.warcinfo_id, args.output.as_deref())?;
        run.out.set_preamble(warcinfo);
    }
    let stdin = [PathBuf::from("-")];
    let inputs = if args.inputs.is_empty() {
        &stdin[..]
    } else {
        &args.inputs[..]
    };
    for path in inputs {
        let name = if path.as_os_str() == "-" {
            "stdin".to_string()
        } else {
            path.display().to_string()
        };
        if let Err(e) = run.input(path, &name) {
            if crate::is_broken_pipe(&e) || crate::output::is_write_error(&e) {
                return Err(e);
            }
            run.progress.println(&format!("declutter: {name}: {e:#}"));
            // An input that cannot be read counts as one item read and failed.
            run.totals.inputs += 1;
            run.totals.failed += 1;
        }
    }
    // Created only once there is a record to write (an empty archive says nothing).
    run.out.finish(false)?;
    run.progress.finish();
    run.totals.print(args.quiet);
    if crate::output::interrupted() {
        eprintln!("declutter: interrupted; the output ends after the last complete record");
        return Ok(ExitCode::from(2));
    }
    if run.damaged > 0 {
        if !args.quiet {
            eprintln!(
                "declutter: {} damaged records read as they are (reported above)",
                run.damaged
            );
        }
        // The archive is damaged: say so as a failure does.
        return Ok(ExitCode::from(1));
    }
    Ok(run.totals.exit_code())
}

/// The state of one `--warc` run.
struct Run<'a> {
    args: &'a CleanArgs,
    pool: &'a rayon::ThreadPool,
    /// The id of the output's `warcinfo` record.
    warcinfo_id: String,
    totals: Totals,
    progress: Progress,
    out: crate::output::Output,
    /// Records read in spite of damage (reported, and counted as cleaned or skipped).
    damaged: u64,
}

impl Run<'_> {
    /// Cleans the records of one WARC file (`-`: stdin, read into memory, since the reader
    /// needs to seek).
    fn input(&mut self, path: &Path, name: &str) -> anyhow::Result<()> {
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            io::stdin().lock().read_to_end(&mut bytes)?;
            self.totals.bytes += bytes.len() as u64;
            return self.records(Cursor::new(bytes), name);
        }
        let file = std::fs::File::open(path).map_err(|e| anyhow::anyhow!("cannot open: {e}"))?;
        if file.metadata().is_ok_and(|m| m.is_dir()) {
            anyhow::bail!("cannot read: is a directory");
        }
        self.totals.bytes += file.metadata().map_or(0, |m| m.len());
        self.records(BufReader::with_capacity(1 << 16, file), name)
    }

    fn records<R: BufRead + Seek>(&mut self, input: R, name: &str) -> anyhow::Result<()> {
        // Room for the HTTP header above the page limit.
        let max_block = self.args.decode_limit().saturating_add(HTTP_HEADER_ROOM);
        let reader = warc::Reader::new(input)?.with_max_block(max_block);
        let (args, warcinfo_id) = (self.args, self.warcinfo_id.as_str());
        let (totals, progress, out) = (&mut self.totals, &self.progress, &mut self.out);
        let damaged = &mut self.damaged;
        parallel::in_order(
            self.pool,
            reader
                .take_while(|_| !crate::output::interrupted())
                .map(Ok::<_, io::Error>),
            |item| match item {
                warc::Item::Record(record) => record.block.len(),
                warc::Item::Damaged(_) => 0,
            },
            |item| match item {
                warc::Item::Record(record) => {
                    let outcome = process(&record, warcinfo_id, args);
                    (record.damage, outcome)
                }
                warc::Item::Damaged(message) => (None, Outcome::Failed(message)),
            },
            |(damage, outcome)| {
                totals.inputs += 1;
                progress.inc(1);
                if let Some(damage) = damage {
                    *damaged += 1;
                    progress.println(&format!(
                        "declutter: {name}: {damage}; the record is read as it is"
                    ));
                }
                match outcome {
                    Outcome::Cleaned(bytes, tally) => {
                        totals.cleaned += 1;
                        totals.removed.add(&tally);
                        out.put(&bytes)?;
                    }
                    Outcome::Skipped(reason) => totals.skip(reason),
                    Outcome::Failed(message) => {
                        totals.failed += 1;
                        progress.println(&format!("declutter: {name}: {message}"));
                    }
                }
                Ok(())
            },
        )
    }
}

/// Bytes allowed for a record's HTTP header above the page limit (`--max-bytes`) before a
/// record is skipped as too large without being read: 64 KiB, far above real headers.
const HTTP_HEADER_ROOM: u64 = 64 << 10;

/// Whether a media type (lowercased, without parameters) is HTML.
fn is_html(media_type: &str) -> bool {
    media_type == "text/html" || media_type == "application/xhtml+xml"
}

/// The record's `WARC-Target-URI` as warcio reads it: without the `<` `>` some writers (wget)
/// put around it, and with spaces as `%20`.
fn target_uri(record: &warc::Record) -> String {
    let uri = record.header("WARC-Target-URI").unwrap_or("");
    let uri = uri
        .strip_prefix('<')
        .and_then(|u| u.strip_suffix('>'))
        .unwrap_or(uri);
    uri.replace(' ', "%20")
}

/// Cleans one record, if it is an HTML response or an HTML resource.
fn process(record: &warc::Record, warcinfo_id: &str, args: &CleanArgs) -> Outcome {
    let kind = record.header("WARC-Type").unwrap_or("untyped");
    let id = record.header("WARC-Record-ID").unwrap_or("");
    let uri = target_uri(record);
    let uri = uri.as_str();
    let fail = |why: String| Outcome::Failed(format!("record {id} ({uri}): {why}"));
    let (body, charset, declared_html) = if kind.eq_ignore_ascii_case("resource") {
        // The block is the page itself, typed by the record's Content-Type.
        let content_type = record.header("Content-Type").unwrap_or("");
        if !http::media_type(content_type).is_some_and(|m| is_html(&m)) {
            return Outcome::Skipped("non-HTML resource".to_string());
        }
        if record.block.len() as u64 > args.decode_limit() {
            return fail(format!(
                "page of {} bytes is over the limit",
                record.block.len()
            ));
        }
        (record.block.clone(), http::charset(content_type), true)
    } else if kind.eq_ignore_ascii_case("response") {
        let response = match http::parse(&record.block) {
            Ok(response) => response,
            Err(_) => return Outcome::Skipped("non-HTTP response".to_string()),
        };
        if !(200..300).contains(&response.status) {
            return Outcome::Skipped("non-2xx response".to_string());
        }
        let media_type = response.media_type();
        if media_type.as_deref().is_some_and(|m| !is_html(m)) {
            return Outcome::Skipped("non-HTML response".to_string());
        }
        let body = match response.body(args.decode_limit()) {
            Ok(body) => body,
            Err(e) => return fail(e),
        };
        if media_type.is_none() && !http::looks_like_html(&body) {
            return Outcome::Skipped("non-HTML response".to_string());
        }
        (body, response.charset(), media_type.is_some())
    } else {
        return Outcome::Skipped(format!("{} record", kind.to_ascii_lowercase()));
    };
    let mut options = args.options_hinted(charset, declared_html);
    options.url = options
        .url
        .or_else(|| (!uri.is_empty()).then(|| uri.to_string()));
    let cleaned = match declutter::clean(&body, &options) {
        Ok(cleaned) => cleaned,
        Err(e) => return fail(e.to_string()),
    };
    let tally = Tally::of(&cleaned);
    let date = record.header("WARC-Date").unwrap_or("");
    let bytes = match args.warc_out {
        WarcOut::Warc => {
            let text = args.render(&cleaned);
            let new_id = warc::record_id();
            let headers = [
                ("WARC-Type", "conversion"),
                ("WARC-Target-URI", uri),
                ("WARC-Date", date),
                ("WARC-Record-ID", new_id.as_str()),
                ("WARC-Refers-To", id),
                ("WARC-Warcinfo-ID", warcinfo_id),
                ("Content-Type", args.format.media_type()),
            ];
            match warc::gzip_member(&warc::record(&headers, text.as_bytes())) {
                Ok(bytes) => bytes,
                Err(e) => return fail(format!("cannot compress: {e}")),
            }
        }
        WarcOut::Jsonl => {
            let mut map = Map::new();
            map.insert("url".to_string(), uri.into());
            map.insert("date".to_string(), date.into());
            map.insert("record_id".to_string(), id.into());
            if args.format != Format::Json {
                map.insert("title".to_string(), cleaned.title.clone().into());
            }
            for (name, value) in args.record_fields(&cleaned) {
                map.insert(name.to_string(), value);
            }
            let mut line = Value::Object(map).to_string().into_bytes();
            line.push(b'\n');
            line
        }
    };
    Outcome::Cleaned(bytes, tally)
}

/// The `warcinfo` record that opens the output.
fn warcinfo(id: &str, output: Option<&Path>) -> io::Result<Vec<u8>> {
    let filename = output
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned());
    let date = warc::now();
    let mut headers = vec![
        ("WARC-Type", "warcinfo"),
        ("WARC-Date", date.as_str()),
        ("WARC-Record-ID", id),
    ];
    if let Some(filename) = &filename {
        headers.push(("WARC-Filename", filename.as_str()));
    }
    headers.push(("Content-Type", "application/warc-fields"));
    let fields = format!(
        "software: declutter/{}\r\nformat: WARC File Format 1.1\r\nconformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\ndescription: Article text of HTML responses, with scraping debris removed\r\n",
        env!("CARGO_PKG_VERSION")
    );
    warc::gzip_member(&warc::record(&headers, fields.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;
    use std::io::Write;

    fn args(extra: &[&str]) -> CleanArgs {
        let mut argv = vec!["declutter", "--warc"];
        argv.extend(extra);
        crate::args::Cli::parse_from(argv).clean
    }

    fn fixture(name: &str) -> Vec<warc::Item> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/warc")
            .join(name);
        let file = std::fs::File::open(path).unwrap();
        warc::Reader::new(BufReader::new(file)).unwrap().collect()
    }

    fn records(items: Vec<warc::Item>) -> Vec<warc::Record> {
        items
            .into_iter()
            .filter_map(|item| match item {
                warc::Item::Record(record) => Some(record),
                warc::Item::Damaged(_) => None,
            })
            .collect()
    }

    /// Reads a conversion record back from the bytes `process` wrote.
    fn read_back(bytes: Vec<u8>) -> warc::Record {
        let mut items: Vec<_> = warc::Reader::new(Cursor::new(bytes)).unwrap().collect();
        assert_eq!(items.len(), 1);
        match items.pop() {
            Some(warc::Item::Record(record)) => record,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn cleans_every_html_response_and_reads_back() {
        let args = args(&[]);
        let mut skipped = Vec::new();
        let mut texts = Vec::new();
        for record in records(fixture("pages.warc.gz")) {
            match process(&record, "<urn:uuid:info>", &args) {
                Outcome::Cleaned(bytes, _) => {
                    let out = read_back(bytes);
                    assert_eq!(out.header("WARC-Type"), Some("conversion"));
                    assert_eq!(
                        out.header("WARC-Refers-To"),
                        record.header("WARC-Record-ID")
                    );
                    assert_eq!(
                        out.header("WARC-Target-URI"),
                        record.header("WARC-Target-URI")
                    );
                    assert_eq!(out.header("WARC-Date"), record.header("WARC-Date"));
                    assert_eq!(out.header("WARC-Warcinfo-ID"), Some("<urn:uuid:info>"));
                    assert_eq!(
                        out.header("WARC-Block-Digest"),
                        Some(warc::block_digest(&out.block).as_str())
                    );
                    assert_eq!(
                        out.header("Content-Length"),
                        Some(out.block.len().to_string().as_str())
                    );
                    let id = out.header("WARC-Record-ID").unwrap();
                    assert!(id.starts_with("<urn:uuid:") && id.ends_with('>'));
                    texts.push(String::from_utf8(out.block).unwrap());
                }
                Outcome::Skipped(reason) => skipped.push(reason),
                Outcome::Failed(message) => panic!("{message}"),
            }
        }
        assert_eq!(
            skipped,
            [
                "warcinfo record",
                "request record",
                "non-HTML response",
                "non-2xx response",
                "metadata record"
            ]
        );
        let expected = [
            "closed the printing works",          // UTF-8
            "après l'incendie qui avait détruit", // ISO-8859-1 from the HTTP header
            "survey found that most readers",     // gzip
            "closer to the shops",                // chunked
            "forty planks that had rotted",       // chunked and gzip
            "won the regional prize",             // deflate
        ];
        assert_eq!(texts.len(), expected.len());
        for (text, phrase) in texts.iter().zip(expected) {
            assert!(text.contains(phrase), "{phrase:?} not in {text:?}");
            assert!(!text.contains("All rights reserved"), "{text}");
        }
    }

    #[test]
    fn damaged_inputs_are_reported_and_the_rest_cleaned() {
        let count = |items: &[warc::Item]| {
            let damaged = items
                .iter()
                .filter(|i| matches!(i, warc::Item::Damaged(_)))
                .count();
            (items.len() - damaged, damaged)
        };
        // The corrupt member is lost; the record longer than its member ends with it, and the
        // truncated last member gives what it holds.
        let damaged = fixture("damaged.warc.gz");
        assert_eq!(count(&damaged), (4, 1));
        // The record whose length overruns swallows the next one's start: its block ends
        // before it, and that record, ending where the next header is, is read; the record
        // cut off at the end gives what it holds.
        let plain = fixture("plain.warc");
        assert_eq!(count(&plain), (4, 0));
        let args = args(&[]);
        for record in records(damaged).into_iter().chain(records(plain)) {
            assert!(matches!(
                process(&record, "<i>", &args),
                Outcome::Cleaned(..)
            ));
        }
    }

    #[test]
    fn brotli_and_jsonl_output() {
        let page = b"<html><body><nav><a href=/>Home</a> <a href=/x>News</a></nav><article><p>The ferry will run twice an hour from May, the operator said on Tuesday, after a new boat was delivered.</p></article></body></html>";
        let mut body = Vec::new();
        {
            let mut w = brotli::CompressorWriter::new(&mut body, 4096, 5, 22);
            w.write_all(page).unwrap();
        }
        let mut block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n".to_vec();
        block.extend(body);
        let record = warc::Record {
            headers: vec![
                ("WARC-Type".into(), "response".into()),
                ("WARC-Record-ID".into(), "<urn:uuid:1>".into()),
                ("WARC-Target-URI".into(), "http://ferry.example/".into()),
                ("WARC-Date".into(), "2024-01-02T03:04:05Z".into()),
            ],
            block,
            damage: None,
        };
        let Outcome::Cleaned(bytes, tally) =
            process(&record, "<i>", &args(&["--warc-out", "jsonl"]))
        else {
            panic!("not cleaned");
        };
        let value: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(value["url"], "http://ferry.example/");
        assert_eq!(value["date"], "2024-01-02T03:04:05Z");
        assert_eq!(value["record_id"], "<urn:uuid:1>");
        assert!(value["clean"].as_str().unwrap().contains("twice an hour"));
        assert_eq!(value["removed"], tally.to_json());
    }

    #[test]
    fn undecodable_payload_fails_with_the_record_named() {
        let record = warc::Record {
            headers: vec![
                ("WARC-Type".into(), "response".into()),
                ("WARC-Record-ID".into(), "<urn:uuid:2>".into()),
            ],
            block: b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n\x1f\x8b\x08\x00garbage".to_vec(),
            damage: None,
        };
        match process(&record, "<i>", &args(&[])) {
            Outcome::Failed(message) => assert!(message.contains("<urn:uuid:2>"), "{message}"),
            _ => panic!("should fail"),
        }
    }

    #[test]
    fn mutated_archives_never_panic() {
        let args = args(&[]);
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/warc");
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let gzip = std::fs::read(root.join("pages.warc.gz")).unwrap();
        let mut plain = Vec::new();
        flate2::read::MultiGzDecoder::new(&gzip[..])
            .read_to_end(&mut plain)
            .unwrap();
        for original in [gzip, plain, std::fs::read(root.join("plain.warc")).unwrap()] {
            for _ in 0..150 {
                let mut bytes = original.clone();
                for _ in 0..1 + next() % 8 {
                    let at = (next() % bytes.len() as u64) as usize;
                    bytes[at] = next() as u8;
                }
                let cut = bytes.len() - (next() % 64) as usize;
                bytes.truncate(cut);
                for item in warc::Reader::new(Cursor::new(bytes)).unwrap() {
                    if let warc::Item::Record(record) = item {
                        let _ = process(&record, "<i>", &args);
                    }
                }
            }
        }
    }
}
