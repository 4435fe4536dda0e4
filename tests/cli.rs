//! End-to-end tests of the `declutter` command: single pages, JSONL streams, directories,
//! WARC files and exit codes, run on the built binary.

use std::io::{Read, Write};
use std::path::Path;
use std::process::Output;

use serde_json::Value;

mod common;
use common::{run, run_and_stop_reading, stderr};

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// A small news page whose article says `sentence`, with `extra` more paragraphs.
fn page(sentence: &str, extra: usize) -> String {
    let mut article = format!("<h1>Harbour news</h1><p>{sentence}</p>");
    for i in 0..extra {
        article.push_str(&format!(
            "<p>Paragraph {i} adds more detail about the harbour works, the new crane and the dredging planned for the spring.</p>"
        ));
    }
    format!(
        "<!DOCTYPE html><html><head><title>Harbour news | Coast Herald</title></head><body>\
         <nav class=\"menu\"><ul><li><a href=/>Home</a></li><li><a href=/sport>Sport</a></li><li><a href=/weather>Weather</a></li></ul></nav>\
         <article>{article}</article>\
         <footer>&copy; 2024 Coast Herald. All rights reserved.</footer></body></html>"
    )
}

const SENTENCE: &str = "The harbour office published the new tide tables on Monday, a week later than usual because of the storm.";

#[test]
fn stdin_to_stdout() {
    let output = run(&[], page(SENTENCE, 1).as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.starts_with("Harbour news\n"), "{text}");
    assert!(text.contains(SENTENCE));
    assert!(!text.contains("Weather"));
    assert!(!text.contains("All rights reserved"));
    assert!(output.stderr.is_empty(), "{}", stderr(&output));
}

#[test]
fn exit_codes() {
    // A single page the library refuses (binary): 2, named.
    let output = run(&[], &[0u8; 64]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("stdin"));
    // A single missing file: 2, named.
    let output = run(&["/no/such/page.html"], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("/no/such/page.html"));
    // Usage errors: 2.
    for args in [
        &["a.html", "b.html"][..],
        &["--field", "body"],
        &["--jsonl", "--warc"],
        &["--threads", "0", "--jsonl"],
    ] {
        let output = run(args, b"");
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn jsonl_keeps_order_under_threads() {
    let mut input = String::new();
    let mut lines = Vec::new();
    for i in 0..200 {
        // Sizes vary a lot, so records finish out of order.
        let record = serde_json::json!({
            "id": i,
            "url": format!("http://coast.example/{i}"),
            "html": page(&format!("Record number {i} says the harbour reopens on Monday after the storm damage was repaired."), (i * 37) % 60),
            "meta": {"z": 1, "a": [i, "x"]},
        });
        let line = record.to_string();
        input.push_str(&line);
        input.push('\n');
        lines.push(line);
    }
    let output = run(&["--jsonl", "--threads", "4"], input.as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let out = stdout(&output);
    let out: Vec<&str> = out.lines().collect();
    assert_eq!(out.len(), 200);
    for (i, (line, original)) in out.iter().zip(&lines).enumerate() {
        // The record is kept byte for byte, with fields appended.
        assert!(
            line.starts_with(&original[..original.len() - 1]),
            "line {i}"
        );
        let value: Value = serde_json::from_str(line).unwrap();
        assert_eq!(value["id"], i);
        let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            ["id", "url", "html", "meta", "clean", "removed", "metadata"]
        );
        let clean = value["clean"].as_str().unwrap();
        assert!(
            clean.contains(&format!("Record number {i} says")),
            "line {i}: {clean}"
        );
        assert!(!clean.contains("Weather"));
        assert!(value["removed"]["navigation"]["blocks"].as_u64().unwrap() >= 1);
    }
    let summary = stderr(&output);
    assert!(summary.contains("200 lines: 200 cleaned"), "{summary}");
}

#[test]
fn jsonl_bad_lines_become_error_records() {
    let good = serde_json::json!({"id": "g1", "html": page(SENTENCE, 0), "tags": ["a", "b"], "score": 1.5}).to_string();
    let input = [
        good.as_str(),
        "this is not json",
        r#"{"id": "m", "url": "http://x.example/", "body": "<p>no html field</p>"}"#,
        r#"{"id": 4, "html": 42}"#,
        "",
        "[1, 2, 3]",
        good.as_str(),
    ]
    .join("\n");
    let output = run(&["--jsonl", "--threads", "2"], input.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    let out: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(out.len(), 7);
    for i in [0, 6] {
        assert_eq!(out[i]["id"], "g1");
        assert_eq!(out[i]["tags"], serde_json::json!(["a", "b"]));
        assert_eq!(out[i]["score"], 1.5);
        assert!(out[i]["clean"].as_str().unwrap().contains(SENTENCE));
    }
    let errors: Vec<(u64, &str)> = out[1..6]
        .iter()
        .map(|v| (v["line"].as_u64().unwrap(), v["error"].as_str().unwrap()))
        .collect();
    assert_eq!(errors[0].0, 2);
    assert!(errors[0].1.starts_with("not JSON"));
    assert_eq!(errors[1], (3, "no field \"html\""));
    assert_eq!(out[2]["id"], "m");
    assert_eq!(out[2]["url"], "http://x.example/");
    assert_eq!(errors[2], (4, "field \"html\" is a number, not a string"));
    assert_eq!(out[3]["id"], 4);
    assert_eq!(errors[3], (5, "empty line"));
    assert_eq!(errors[4], (6, "not a JSON object but an array"));
    assert!(stderr(&output).contains("7 lines: 2 cleaned, 5 failed"));
}

#[test]
fn jsonl_field_and_json_format() {
    let input = serde_json::json!({"body": page(SENTENCE, 0)}).to_string();
    let output = run(
        &["--jsonl", "--field", "body", "--format", "json"],
        input.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let value: Value = serde_json::from_str(stdout(&output).trim_end()).unwrap();
    assert!(
        value["declutter"]["text"]
            .as_str()
            .unwrap()
            .contains(SENTENCE)
    );
    assert!(value["declutter"]["blocks"].as_array().unwrap().len() > 3);
}

#[test]
fn broken_pipe_ends_quietly() {
    let line = serde_json::json!({"html": page(SENTENCE, 20)}).to_string() + "\n";
    let input = line.repeat(3000);
    let output = run_and_stop_reading(&["--jsonl", "--threads", "2"], input.into_bytes(), 100);
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn directory_mode_mirrors_paths() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(input.join("sub/deeper")).unwrap();
    std::fs::create_dir_all(input.join(".hidden")).unwrap();
    std::fs::write(
        input.join("a.html"),
        page(
            "Page a is about the lighthouse keeper who retired after forty years on the rock.",
            1,
        ),
    )
    .unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(
        page(
            "Page b is about the lifeboat crew that rescued two kayakers off the point.",
            1,
        )
        .as_bytes(),
    )
    .unwrap();
    std::fs::write(input.join("sub/b.html.gz"), gz.finish().unwrap()).unwrap();
    std::fs::write(
        input.join("sub/deeper/c.txt"),
        "Page c\n\nPage c is flattened text about the fish market opening an hour earlier in summer.\n\nShare on Facebook",
    )
    .unwrap();
    std::fs::write(input.join(".hidden/skip.html"), page("hidden", 0)).unwrap();
    let out = dir.path().join("out");
    let output = run(
        &[
            input.to_str().unwrap(),
            "--out-dir",
            out.to_str().unwrap(),
            "--threads",
            "2",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
    assert!(read("a.txt").contains("lighthouse keeper"));
    assert!(read("sub/b.txt").contains("lifeboat crew"));
    assert!(read("sub/deeper/c.txt").contains("fish market"));
    assert!(!out.join(".hidden").exists());
    assert!(output.stdout.is_empty());
    assert!(
        stderr(&output).contains("3 files: 3 cleaned"),
        "{}",
        stderr(&output)
    );

    // Files by name, Markdown, one failing input that does not stop the others.
    std::fs::write(input.join("broken.html"), [0u8; 100]).unwrap();
    let md = dir.path().join("md");
    let output = run(
        &[
            input.join("a.html").to_str().unwrap(),
            input.join("broken.html").to_str().unwrap(),
            input.join("sub/deeper/c.txt").to_str().unwrap(),
            "--out-dir",
            md.to_str().unwrap(),
            "--format",
            "markdown",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("broken.html"),
        "{}",
        stderr(&output)
    );
    assert!(
        std::fs::read_to_string(md.join("a.md"))
            .unwrap()
            .starts_with("# Harbour news")
    );
    assert!(md.join("c.md").exists());
    assert!(!md.join("broken.md").exists());
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/warc")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn warc_to_warc_and_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.warc.gz");
    let output = run(
        &[
            "--warc",
            &fixture("pages.warc.gz"),
            "-o",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let mut text = String::new();
    flate2::read::MultiGzDecoder::new(std::fs::File::open(&out).unwrap())
        .read_to_string(&mut text)
        .unwrap();
    assert!(text.starts_with("WARC/1.1\r\nWARC-Type: warcinfo\r\n"));
    assert_eq!(text.matches("WARC-Type: conversion\r\n").count(), 6);
    assert!(text.contains("après l'incendie"));
    let summary = stderr(&output);
    assert!(
        summary.contains("11 records: 6 cleaned, 5 skipped"),
        "{summary}"
    );

    // JSONL out; damaged inputs: failures reported and counted, the rest cleaned, exit 1.
    let output = run(
        &[
            "--warc",
            &fixture("damaged.warc.gz"),
            &fixture("plain.warc"),
            "--warc-out",
            "jsonl",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Records cut off or followed by stray bytes are read as they are, as warcio reads them.
    assert_eq!(lines.len(), 8);
    assert!(
        lines
            .iter()
            .all(|l| l["record_id"].as_str().unwrap().starts_with("<urn:uuid:"))
    );
    let summary = stderr(&output);
    assert_eq!(
        summary.matches("damaged.warc.gz: in gzip member").count(),
        3,
        "{summary}"
    );
    assert_eq!(
        summary.matches("plain.warc: at byte").count(),
        3,
        "{summary}"
    );
    assert!(
        summary.contains("9 records: 8 cleaned, 1 failed"),
        "{summary}"
    );

    // WARC from stdin.
    let bytes = std::fs::read(fixture("pages.warc.gz")).unwrap();
    let output = run(&["--warc", "--warc-out", "jsonl", "-q"], &bytes);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output).lines().count(), 6);
    assert!(output.stderr.is_empty());
}

#[test]
fn garbage_warc_is_reported_not_a_panic() {
    let mut bytes = b"WARC/1.0\r\nContent-Length: 99999\r\n\r\nshort".to_vec();
    bytes.extend([0x1f, 0x8b, 0x08, 0, 1, 2, 3, 4, 5]);
    let output = run(&["--warc", "--warc-out", "jsonl"], &bytes);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(!stderr(&output).contains("panicked"));
}

/// A page stating its author, date and site name in its head.
fn page_with_metadata() -> String {
    page(SENTENCE, 1).replace(
        "</title>",
        "</title><meta name=\"author\" content=\"Ann Lee\">\
         <meta property=\"article:published_time\" content=\"2024-07-19T10:00:00+02:00\">\
         <meta property=\"og:site_name\" content=\"Coast Herald\">",
    )
}

#[test]
fn with_metadata_adds_front_matter_and_meta_elements_and_is_off_by_default() {
    let html = page_with_metadata();
    let plain = stdout(&run(&["--format", "markdown"], html.as_bytes()));
    assert!(plain.starts_with("# Harbour news\n"), "{plain}");
    let output = run(
        &["--format", "markdown", "--with-metadata"],
        html.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let markdown = stdout(&output);
    assert!(
        markdown.starts_with(
            "---\ntitle: \"Harbour news\"\nauthor: \"Ann Lee\"\ndate: \"2024-07-19T10:00:00+02:00\"\n"
        ),
        "{markdown}"
    );
    assert!(markdown.ends_with(&plain), "{markdown}");
    let html_out = stdout(&run(
        &["--format", "html", "--with-metadata"],
        html.as_bytes(),
    ));
    assert!(
        html_out.contains("<meta name=\"author\" content=\"Ann Lee\">"),
        "{html_out}"
    );
    assert!(
        html_out.contains("<meta property=\"og:site_name\" content=\"Coast Herald\">"),
        "{html_out}"
    );
    let plain_html = stdout(&run(&["--format", "html"], html.as_bytes()));
    assert!(!plain_html.contains("name=\"author\""), "{plain_html}");
    // Text output gets the same front matter.
    let plain_text = stdout(&run(&[], html.as_bytes()));
    let text = stdout(&run(&["--with-metadata"], html.as_bytes()));
    assert!(text.starts_with("---\ntitle: \"Harbour news\"\n"), "{text}");
    assert!(text.ends_with(&plain_text), "{text}");
}

#[test]
fn jsonl_records_carry_a_metadata_key() {
    let record = serde_json::json!({"url": "https://example.org/a", "html": page_with_metadata()});
    let output = run(&["--jsonl"], format!("{record}\n").as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let line: Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    assert_eq!(line["url"], "https://example.org/a");
    assert!(line["clean"].as_str().unwrap().contains("tide tables"));
    let metadata = &line["metadata"];
    assert_eq!(metadata["author"], "Ann Lee");
    assert_eq!(metadata["date"], "2024-07-19T10:00:00+02:00");
    assert_eq!(metadata["site_name"], "Coast Herald");
    assert_eq!(metadata["title"], "Harbour news");
    assert_eq!(metadata["page_type"], "article");
}

#[test]
fn the_shipped_news_fixture_states_its_metadata_in_json() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/html/news-inline-debris.html");
    let output = run(&["--format", "json", path.to_str().unwrap()], b"");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["author"], "Samuel Adeyemi");
    assert_eq!(json["date"], "2024-07-19T12:10:00+01:00");
    assert_eq!(json["site_name"], "The Coastline Times");
    assert_eq!(
        json["url"],
        "https://www.coastline-times.example/business/port-strike-ends-pay-deal"
    );
    assert_eq!(json["categories"], serde_json::json!(["Business"]));
    assert_eq!(
        json["title"],
        "Port strike ends after workers accept 14 percent pay rise over two years"
    );
}
