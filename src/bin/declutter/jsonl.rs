//! `declutter --jsonl`: JSON Lines in, JSON Lines out, one output line per input line, in
//! input order.
//!
//! Each record's field (`html`, `text` with `--input text`, or `--field NAME`) is cleaned and
//! the record is written back byte for byte, with `clean` and `removed` (or, with
//! `--format json`, `declutter`) appended. A record that already has one of those fields is
//! re-serialised with the field replaced in place instead.
//!
//! A line that cannot be cleaned (not JSON, not an object, no such field, a field that is not
//! a string, an empty line, a page the library refuses) becomes
//! `{"error": "...", "line": N}` in its place, with the record's `id` and `url` when it has
//! them and, when reading files, the file's name. Line numbers count from 1 in each input.

use std::io::{self, BufRead, BufReader};
use std::path::Path;
use std::process::ExitCode;

use declutter::jsonl;

use crate::args::{CleanArgs, Input};
use crate::output::{self, Inputs, Output};
use crate::parallel;
use crate::summary::{Progress, Tally, Totals};

/// One input line.
struct Line {
    number: u64,
    /// The line with its line break, or empty when it was longer than the limit.
    bytes: Vec<u8>,
    /// How long the line was, when it was longer than the limit (and so not kept).
    too_long: Option<u64>,
}

/// One output line, and what happened.
struct Done {
    line: String,
    bytes: usize,
    /// What was removed, or why the line became an error record.
    result: Result<Tally, String>,
}

/// Cleans JSON Lines from the inputs (stdin when none) to the output.
pub fn run(args: &CleanArgs, pool: &rayon::ThreadPool) -> anyhow::Result<ExitCode> {
    let field = args.field.clone().unwrap_or_else(|| {
        match args.input {
            Input::Text => "text",
            _ => "html",
        }
        .to_string()
    });
    let stdin = [Path::new("-").to_path_buf()];
    let inputs = if args.inputs.is_empty() {
        &stdin[..]
    } else {
        &args.inputs[..]
    };
    let mut ids = Inputs::default();
    for path in inputs {
        ids.add(path);
    }
    let mut out = Output::new(args.output.as_deref(), &ids)?;
    output::stop_on_signals()?;
    let mut totals = Totals::new("lines");
    let progress = Progress::new(None, args.quiet, "lines");
    let limit = usize::try_from(args.decode_limit()).unwrap_or(usize::MAX);
    for path in inputs {
        if output::interrupted() {
            break;
        }
        let from_stdin = path.as_os_str() == "-";
        let name = if from_stdin {
            "stdin".to_string()
        } else {
            path.display().to_string()
        };
        let reader = match open(path) {
            Ok(reader) => reader,
            Err(e) => {
                progress.println(&format!("declutter: {name}: cannot open: {e:#}"));
                totals.unreadable += 1;
                continue;
            }
        };
        let file = (!from_stdin).then_some(name.as_str());
        let mut reader = Lines::new(reader, limit);
        let lines = std::iter::from_fn(|| {
            let line = reader.next().transpose()?;
            Some(line.map_err(|e| {
                anyhow::Error::from(e)
                    .context(format!("{name}: read error after line {}", reader.number))
            }))
        });
        let result = parallel::in_order(
            pool,
            lines,
            |line| line.bytes.len(),
            |line| process(line, &field, file, args),
            |done| {
                out.put(done.line.as_bytes())?;
                out.put(b"\n")?;
                totals.inputs += 1;
                totals.bytes += done.bytes as u64;
                match done.result {
                    Ok(tally) => {
                        totals.cleaned += 1;
                        totals.removed.add(&tally);
                    }
                    Err(why) => {
                        totals.failed += 1;
                        progress.println(&format!("declutter: {name}: {why}"));
                    }
                }
                progress.inc(1);
                Ok(())
            },
        );
        if let Err(e) = result {
            if output::is_write_error(&e) {
                progress.finish();
                totals.print(args.quiet);
                return Err(e);
            }
            progress.println(&format!("declutter: {e:#}"));
            totals.unreadable += 1;
        }
    }
    progress.finish();
    // An output is created when there is something to write, or when every input was read
    // (an empty input gives an empty output).
    out.finish(totals.unreadable == 0)?;
    totals.print(args.quiet);
    if output::interrupted() {
        eprintln!("declutter: interrupted; the output ends after the last complete line");
        return Ok(ExitCode::from(2));
    }
    Ok(totals.exit_code())
}

/// Input is read in pieces this large: records of web pages are hundreds of kilobytes.
const READ_BUFFER: usize = 1 << 20;

/// Opens a JSONL file (`-`: stdin), undoing gzip when it starts with gzip's magic bytes.
fn open(path: &Path) -> anyhow::Result<Box<dyn BufRead>> {
    let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(BufReader::with_capacity(READ_BUFFER, io::stdin().lock()))
    } else {
        let file = std::fs::File::open(path)?;
        Box::new(BufReader::with_capacity(READ_BUFFER, file))
    };
    Ok(crate::args::gunzip_if_gzip(reader)?.0)
}

/// The lines of a stream, each at most `limit` bytes (without its line break): a longer line
/// is not kept but read past to its end, so memory stays bounded by the limit whatever the
/// input. A UTF-8 byte order mark before the first line is dropped. Stops early when a signal
/// asked the run to stop.
struct Lines<R> {
    reader: R,
    limit: usize,
    /// The number of the last line read, from 1.
    number: u64,
}

impl<R: BufRead> Lines<R> {
    fn new(reader: R, limit: usize) -> Self {
        Self {
            reader,
            limit,
            number: 0,
        }
    }

    /// The next line, `None` at the end (or when interrupted).
    fn next(&mut self) -> io::Result<Option<Line>> {
        let mut bytes = Vec::new();
        let mut length = 0u64;
        let mut content = 0u64;
        let mut too_long = false;
        loop {
            if output::interrupted() {
                // The line in hand is incomplete: the run ends before it.
                return Ok(None);
            }
            let available = match self.reader.fill_buf() {
                Ok(available) => available,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                break;
            }
            let (taken, ended) = match memchr::memchr(b'\n', available) {
                Some(at) => (at + 1, true),
                None => (available.len(), false),
            };
            length += taken as u64;
            content = length - u64::from(ended);
            if content > self.limit as u64 {
                too_long = true;
                bytes = Vec::new();
            } else {
                bytes.extend_from_slice(&available[..taken]);
            }
            self.reader.consume(taken);
            if ended {
                break;
            }
        }
        if length == 0 {
            return Ok(None);
        }
        self.number += 1;
        if self.number == 1 && bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        Ok(Some(Line {
            number: self.number,
            bytes,
            too_long: too_long.then_some(content),
        }))
    }
}

/// Cleans one line into its output line.
fn process(line: Line, field: &str, file: Option<&str>, args: &CleanArgs) -> Done {
    if let Some(length) = line.too_long {
        let message = format!(
            "line longer than the limit of {} bytes (--max-bytes): {length} bytes",
            args.decode_limit()
        );
        return Done {
            line: jsonl::error_record(&message, line.number, file, None),
            bytes: usize::try_from(length).unwrap_or(usize::MAX),
            result: Err(format!("line {}: {message}", line.number)),
        };
    }
    let bytes = line.bytes.len();
    let text = jsonl::strip_line_break(&line.bytes);
    let options = args.options_hinted(None, field == "html");
    let (out, result) = match jsonl::clean_record(text, field, &options) {
        Ok((record, cleaned)) => (
            jsonl::with_fields(text, record, args.jsonl_fields(&cleaned)),
            Ok(Tally::of(&cleaned)),
        ),
        Err(failure) => {
            let mut named = format!("line {}", line.number);
            for key in ["id", "url"] {
                if let Some(value) = failure.record.as_ref().and_then(|r| r.get(key)) {
                    named.push_str(&format!(" {key} {}", value.get()));
                }
            }
            let out =
                jsonl::error_record(&failure.message, line.number, file, failure.record.as_ref());
            (out, Err(format!("{named}: {}", failure.message)))
        }
    };
    Done {
        line: out,
        bytes,
        result,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;
    use serde_json::Value;

    fn args(extra: &[&str]) -> CleanArgs {
        let mut argv = vec!["declutter", "--jsonl"];
        argv.extend(extra);
        crate::args::Cli::parse_from(argv).clean
    }

    const PAGE: &str = "<html><head><title>Tide tables | Coast News</title></head><body><nav><a href=/>Home</a> <a href=/news>News</a></nav><article><h1>Tide tables</h1><p>The harbour office published the new tide tables on Monday, a week later than usual because of the storm.</p><p>Fishermen said the delay had cost them two days at sea, and asked for the tables to be printed earlier next year.</p></article><footer>© 2024 Coast News</footer></body></html>";

    fn line(text: &str) -> Line {
        Line {
            number: 7,
            bytes: format!("{text}\r\n").into_bytes(),
            too_long: None,
        }
    }

    #[test]
    fn appends_fields_and_keeps_the_rest_verbatim() {
        let args = args(&[]);
        let record = format!(
            r#"{{"id": 1.50, "html": {}, "z":"\u00e9"}}"#,
            Value::from(PAGE)
        );
        let done = process(line(&record), "html", None, &args);
        assert!(done.result.is_ok());
        let prefix = &record[..record.len() - 1];
        assert!(done.line.starts_with(prefix), "{}", done.line);
        let value: Value = serde_json::from_str(&done.line).unwrap();
        let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["id", "html", "z", "clean", "removed", "metadata"]);
        assert!(
            value["clean"]
                .as_str()
                .unwrap()
                .contains("tide tables on Monday")
        );
        assert!(!value["clean"].as_str().unwrap().contains("© 2024"));
    }

    #[test]
    fn replaces_an_existing_clean_field_in_place() {
        let args = args(&[]);
        let record = format!(r#"{{"clean":0,"html":{},"n":2}}"#, Value::from(PAGE));
        let done = process(line(&record), "html", None, &args);
        let value: Value = serde_json::from_str(&done.line).unwrap();
        let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["clean", "html", "n", "removed", "metadata"]);
        assert!(value["clean"].is_string());
    }

    #[test]
    fn json_format_adds_the_explanation() {
        let args = args(&["--format", "json"]);
        let record = format!(r#"{{"html":{}}}"#, Value::from(PAGE));
        let done = process(line(&record), "html", None, &args);
        let value: Value = serde_json::from_str(&done.line).unwrap();
        assert!(value["declutter"]["blocks"].is_array());
        assert!(value.get("clean").is_none());
    }

    #[test]
    fn error_records() {
        let args = args(&[]);
        let cases = [
            ("", "empty line"),
            ("not json", "not JSON"),
            ("[1,2]", "not a JSON object but an array"),
            (r#"{"id":"a","url":"u","text":"x"}"#, "no field \"html\""),
            (
                r#"{"id":3,"html":5}"#,
                "field \"html\" is a number, not a string",
            ),
            (
                r#"{"html":"\u0000\u0001\u0002\u0003\u0000\u0001\u0002\u0003\u0000\u0001\u0002\u0003\u0000\u0001\u0002\u0003"}"#,
                "cannot clean",
            ),
        ];
        for (text, expected) in cases {
            let done = process(line(text), "html", Some("in.jsonl"), &args);
            assert!(done.result.is_err(), "{text}");
            let value: Value = serde_json::from_str(&done.line).unwrap();
            assert!(
                value["error"].as_str().unwrap().starts_with(expected),
                "{text}: {value}"
            );
            assert_eq!(value["line"], 7);
            assert_eq!(value["file"], "in.jsonl");
        }
        let done = process(
            line(r#"{"id":"a","url":"u","text":"x"}"#),
            "html",
            None,
            &args,
        );
        let value: Value = serde_json::from_str(&done.line).unwrap();
        assert_eq!(value["id"], "a");
        assert_eq!(value["url"], "u");
        assert!(value.get("file").is_none());
    }

    #[test]
    fn invalid_utf8_is_an_error_record() {
        let args = args(&[]);
        let done = process(
            Line {
                number: 1,
                bytes: b"{\"html\":\"\xff\xfe\"}".to_vec(),
                too_long: None,
            },
            "html",
            None,
            &args,
        );
        assert!(done.result.is_err());
    }
}
