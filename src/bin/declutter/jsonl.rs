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

use std::io::{self, BufRead, BufReader, Write};
use std::path::Path;
use std::process::ExitCode;

use declutter::jsonl;

use crate::args::{CleanArgs, Input};
use crate::parallel;
use crate::summary::{Progress, Tally, Totals};

/// One input line.
struct Line {
    number: u64,
    bytes: Vec<u8>,
}

/// One output line, and what happened.
struct Done {
    line: String,
    bytes: usize,
    /// What was removed, or `None` when the line became an error record.
    tally: Option<Tally>,
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
    let mut out = crate::args::writer(args.output.as_deref())?;
    let mut totals = Totals::new("lines");
    let progress = Progress::new(None, args.quiet, "lines");
    let stdin = [Path::new("-").to_path_buf()];
    let inputs = if args.inputs.is_empty() {
        &stdin[..]
    } else {
        &args.inputs[..]
    };
    for path in inputs {
        let from_stdin = path.as_os_str() == "-";
        let name = if from_stdin {
            "stdin".to_string()
        } else {
            path.display().to_string()
        };
        let mut reader: Box<dyn BufRead> = if from_stdin {
            Box::new(BufReader::with_capacity(READ_BUFFER, io::stdin().lock()))
        } else {
            match open(path) {
                Ok(reader) => reader,
                Err(e) => {
                    progress.println(&format!("declutter: {name}: cannot open: {e:#}"));
                    totals.failed += 1;
                    continue;
                }
            }
        };
        let file = (!from_stdin).then_some(name.as_str());
        let mut number = 0u64;
        let lines = std::iter::from_fn(|| {
            let mut bytes = Vec::new();
            match reader.read_until(b'\n', &mut bytes) {
                Ok(0) => None,
                Ok(_) => {
                    number += 1;
                    Some(Ok(Line { number, bytes }))
                }
                Err(e) => Some(Err(anyhow::Error::from(e)
                    .context(format!("{name}: read error after line {number}")))),
            }
        });
        let result = parallel::in_order(
            pool,
            lines,
            |line| line.bytes.len(),
            |line| process(line, &field, file, args),
            |done| {
                totals.inputs += 1;
                totals.bytes += done.bytes as u64;
                match done.tally {
                    Some(tally) => {
                        totals.cleaned += 1;
                        totals.removed.add(&tally);
                    }
                    None => totals.failed += 1,
                }
                progress.inc(1);
                out.write_all(done.line.as_bytes())?;
                out.write_all(b"\n")?;
                Ok(())
            },
        );
        if let Err(e) = result {
            if crate::is_broken_pipe(&e) {
                return Err(e);
            }
            progress.println(&format!("declutter: {e:#}"));
            totals.failed += 1;
        }
    }
    out.flush()?;
    progress.finish();
    totals.print(args.quiet);
    Ok(totals.exit_code())
}

/// Input is read in pieces this large: records of web pages are hundreds of kilobytes.
const READ_BUFFER: usize = 1 << 20;

/// Opens a JSONL file, undoing gzip when its name ends in `.gz`.
fn open(path: &Path) -> anyhow::Result<Box<dyn BufRead>> {
    let file = std::fs::File::open(path)?;
    let gz = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    Ok(if gz {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(
            BufReader::new(file),
        )))
    } else {
        Box::new(BufReader::with_capacity(READ_BUFFER, file))
    })
}

/// Cleans one line into its output line.
fn process(line: Line, field: &str, file: Option<&str>, args: &CleanArgs) -> Done {
    let bytes = line.bytes.len();
    let text = jsonl::strip_line_break(&line.bytes);
    let (out, tally) = match jsonl::clean_record(text, field, &args.options(None)) {
        Ok((record, cleaned)) => (
            jsonl::with_fields(text, record, args.record_fields(&cleaned)),
            Some(Tally::of(&cleaned)),
        ),
        Err(failure) => (
            jsonl::error_record(&failure.message, line.number, file, failure.record.as_ref()),
            None,
        ),
    };
    Done {
        line: out,
        bytes,
        tally,
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
        assert!(done.tally.is_some());
        let prefix = &record[..record.len() - 1];
        assert!(done.line.starts_with(prefix), "{}", done.line);
        let value: Value = serde_json::from_str(&done.line).unwrap();
        let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["id", "html", "z", "clean", "removed"]);
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
        assert_eq!(keys, ["clean", "html", "n", "removed"]);
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
            assert!(done.tally.is_none(), "{text}");
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
            },
            "html",
            None,
            &args,
        );
        assert!(done.tally.is_none());
    }
}
