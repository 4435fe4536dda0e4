//! Regression tests: every input that once crashed, hung or misbehaved, with how it was found.
//! Fuzz crashes keep their input under `fixtures/regressions/`.

use std::io::Write;
use std::process::{Command, Stdio};

use declutter::{InputKind, Options, jsonl};
use serde_json::Value;

fn regression(name: &str) -> Vec<u8> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/regressions/");
    std::fs::read(format!("{path}{name}")).unwrap()
}

const PROSE: &str = "The harbour office published the new tide tables on Monday, a week later than usual because of the storm.";

/// Fuzzing (`jsonl` target): a record with a line break between its tokens (JSON allows
/// `\r` and `\n` there) was written back byte for byte, so its output record spanned lines.
#[test]
fn jsonl_record_with_a_line_break_inside_stays_one_line() {
    let input = regression("jsonl-line-break-inside-record.jsonl");
    let line = jsonl::strip_line_break(&input);
    let out = match jsonl::clean_record(line, "html", &Options::default()) {
        Ok((record, cleaned)) => {
            let clean = serde_json::value::to_raw_value(&cleaned.text()).unwrap();
            jsonl::with_fields(line, record, vec![("clean", clean)])
        }
        Err(failure) => jsonl::error_record(&failure.message, 1, None, failure.record.as_ref()),
    };
    assert!(!out.contains(['\n', '\r']), "{out}");
    assert!(serde_json::from_str::<Value>(&out).unwrap().is_object());

    // Through the command: `\r` inside a record (a `\n` would end the line).
    let record = format!("{{\"id\":1,\r\"html\":{}}}\n", Value::from(PROSE));
    let stream = format!("{record}{record}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_declutter"))
        .args(["--jsonl", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stream.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(!text.contains('\r'));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    for line in lines {
        let value: Value = serde_json::from_str(line).unwrap();
        assert!(value["clean"].as_str().unwrap().contains("tide tables"));
    }
}

/// Found while replacing the parser driver: html5ever pauses after `<meta charset>`, and a
/// driver that stopped feeding there lost the rest of the page.
#[test]
fn content_after_a_charset_declaration_is_parsed() {
    let page = format!(
        "<html><head><meta charset=\"utf-8\"><title>Tides | Coast</title></head><body><article><h1>Tides</h1><p>{PROSE}</p><p>{PROSE}</p></article></body></html>"
    );
    let cleaned = declutter::clean(page.as_bytes(), &Options::default()).unwrap();
    assert_eq!(cleaned.title.as_deref(), Some("Tides"));
    assert!(cleaned.text().contains("tide tables"));
}

/// Property `html_mode_outputs_only_page_text`: a script inside a data table cell came out as
/// part of the cell's text.
#[test]
fn scripts_in_table_cells_are_not_text() {
    let page = format!(
        "<html><body><article><h1>Tides</h1><p>{PROSE}</p><table><tr><th>Day</th><th>High</th></tr><tr><td>Mon<script>var secret = 1;</script><span hidden>hidden</span></td><td>6:40</td></tr></table><p>{PROSE}</p></article></body></html>"
    );
    let cleaned = declutter::clean(page.as_bytes(), &Options::default()).unwrap();
    let text = cleaned.text();
    assert!(text.contains("Mon | 6:40"), "{text}");
    assert!(
        !text.contains("secret") && !text.contains("hidden"),
        "{text}"
    );
}

/// Review for unbounded recursion: stripping site suffixes recursed once per separator, so a
/// headline of three words and 200,000 ` |` overflowed the stack.
#[test]
fn headline_with_a_long_chain_of_separators() {
    let page = format!("Three word headline{}\n\n{PROSE}\n", " |".repeat(200_000));
    let options = Options {
        input: InputKind::Text,
        ..Options::default()
    };
    declutter::clean(page.as_bytes(), &options).unwrap();
}
