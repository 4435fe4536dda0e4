//! `declutter --warc`: cleans the HTML responses of WARC files into WARC/1.1 `conversion`
//! records (the Common Crawl WET layout: a gzip member per record, after a `warcinfo`
//! record), or into JSON Lines with `--warc-out jsonl`.
//!
//! A response is cleaned when its HTTP status is 2xx and its payload is HTML (by
//! `Content-Type`, or by sniffing when there is none). The HTTP `Content-Type` charset is
//! passed to the library; chunked transfer coding and gzip, deflate and br content codings are
//! undone. Every other record is skipped and counted by kind; damaged records are reported on
//! stderr and counted as failed.

use std::io::{self, BufRead, BufReader, Cursor, IsTerminal, Read, Seek, Write};
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
    let mut run = Run {
        args,
        pool,
        warcinfo_id: warc::record_id(),
        totals: Totals::new("records"),
        progress: Progress::new(None, args.quiet, "records"),
        out: crate::args::writer(args.output.as_deref())?,
    };
    if args.warc_out == WarcOut::Warc {
        let warcinfo = warcinfo(&run.warcinfo_id, args.output.as_deref())?;
        run.out.write_all(&warcinfo)?;
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
            if crate::is_broken_pipe(&e) {
                return Err(e);
            }
            run.progress.println(&format!("declutter: {name}: {e:#}"));
            run.totals.failed += 1;
        }
    }
    run.out.flush()?;
    run.progress.finish();
    run.totals.print(args.quiet);
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
    out: Box<dyn Write>,
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
        self.totals.bytes += file.metadata().map_or(0, |m| m.len());
        self.records(BufReader::with_capacity(1 << 16, file), name)
    }

    fn records<R: BufRead + Seek>(&mut self, input: R, name: &str) -> anyhow::Result<()> {
        let reader = warc::Reader::new(input)?;
        let (args, warcinfo_id) = (self.args, self.warcinfo_id.as_str());
        let (totals, progress, out) = (&mut self.totals, &self.progress, &mut self.out);
        parallel::in_order(
            self.pool,
            reader.map(Ok::<_, io::Error>),
            |item| match item {
                warc::Item::Record(record) => record.block.len(),
                warc::Item::Damaged(_) => 0,
            },
            |item| match item {
                warc::Item::Record(record) => process(&record, warcinfo_id, args),
                warc::Item::Damaged(message) => Outcome::Failed(message),
            },
            |outcome| {
                totals.inputs += 1;
                progress.inc(1);
                match outcome {
                    Outcome::Cleaned(bytes, tally) => {
                        totals.cleaned += 1;
                        totals.removed.add(&tally);
                        out.write_all(&bytes)?;
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

/// Cleans one record, if it is an HTML response.
fn process(record: &warc::Record, warcinfo_id: &str, args: &CleanArgs) -> Outcome {
    let kind = record.header("WARC-Type").unwrap_or("untyped");
    if !kind.eq_ignore_ascii_case("response") {
        return Outcome::Skipped(format!("{} records", kind.to_ascii_lowercase()));
    }
    let id = record.header("WARC-Record-ID").unwrap_or("");
    let uri = record.header("WARC-Target-URI").unwrap_or("");
    let fail = |why: String| Outcome::Failed(format!("record {id} ({uri}): {why}"));
    let response = match http::parse(&record.block) {
        Ok(response) => response,
        Err(_) => return Outcome::Skipped("non-HTTP responses".to_string()),
    };
    if !(200..300).contains(&response.status) {
        return Outcome::Skipped("non-2xx responses".to_string());
    }
    let media_type = response.media_type();
    let declared_html = media_type
        .as_deref()
        .is_some_and(|m| m == "text/html" || m == "application/xhtml+xml");
    if media_type.is_some() && !declared_html {
        return Outcome::Skipped("non-HTML responses".to_string());
    }
    let body = match response.body(args.decode_limit()) {
        Ok(body) => body,
        Err(e) => return fail(e),
    };
    if media_type.is_none() && !http::looks_like_html(&body) {
        return Outcome::Skipped("non-HTML responses".to_string());
    }
    let cleaned = match declutter::clean(&body, &args.options(response.charset())) {
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
