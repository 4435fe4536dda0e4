//! `declutter --warc` end to end on generated archives and the fixtures under
//! `fixtures/warc/`: every record a standard reader finds comes out, none is invented, and the
//! summary adds up (records read = cleaned + skipped + failed).

use std::path::Path;
use std::process::Output;

use declutter::warc;
use serde_json::Value;

mod common;
use common::{run, stderr};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/warc")
        .join(name)
        .display()
        .to_string()
}

/// A page whose article says `sentence`.
fn page(sentence: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>{sentence}</title></head><body>\
         <nav class=\"menu\"><ul><li><a href=/>Home</a></li><li><a href=/sport>Sport</a></li></ul></nav>\
         <article><h1>Harbour news</h1><p>{sentence} The office said the tables were also available at the harbour master's window.</p></article>\
         <footer>&copy; 2024 Coast Herald. All rights reserved.</footer></body></html>"
    )
}

/// A WARC/1.1 response record for `uri` holding `page` (HTML, 200).
fn response(uri: &str, page: &str) -> Vec<u8> {
    let block = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{page}",
        page.len()
    );
    warc::record(
        &[
            ("WARC-Type", "response"),
            ("WARC-Target-URI", uri),
            ("WARC-Date", "2024-05-06T07:08:09Z"),
            ("WARC-Record-ID", &format!("<urn:x:{uri}>")),
            ("Content-Type", "application/http; msgtype=response"),
        ],
        block.as_bytes(),
    )
}

/// Changes the first `Content-Length` of a record by `delta`.
fn with_length(record: Vec<u8>, delta: i64) -> Vec<u8> {
    let text = String::from_utf8(record).unwrap();
    let at = text.find("Content-Length: ").unwrap() + "Content-Length: ".len();
    let end = at + text[at..].find('\r').unwrap();
    let length: i64 = text[at..end].parse().unwrap();
    format!("{}{}{}", &text[..at], length + delta, &text[end..]).into_bytes()
}

/// The URLs of the JSONL output.
fn urls(output: &Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| {
            let value: Value = serde_json::from_str(line).unwrap();
            value["url"].as_str().unwrap().to_string()
        })
        .collect()
}

/// (read, cleaned, skipped, failed) from the summary; asserts they add up.
fn counts(output: &Output) -> (u64, u64, u64, u64) {
    let summary = stderr(output);
    let line = summary
        .lines()
        .find(|l| l.contains(" records: "))
        .unwrap_or_else(|| panic!("no summary in {summary}"));
    let number = |after: &str, before: &str| -> u64 {
        line.split(before)
            .next()
            .unwrap()
            .rsplit(after)
            .next()
            .unwrap()
            .trim()
            .parse()
            .unwrap_or(0)
    };
    let read = number("declutter:", " records:");
    let cleaned = number("records:", " cleaned");
    let skipped = if line.contains(" skipped") {
        number(",", " skipped")
    } else {
        0
    };
    let failed = number(",", " failed");
    assert_eq!(read, cleaned + skipped + failed, "{line}");
    (read, cleaned, skipped, failed)
}

fn jsonl(args: &[&str], stdin: &[u8]) -> Output {
    let mut all = vec!["--warc", "--warc-out", "jsonl"];
    all.extend(args);
    run(&all, stdin)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

/// Bar (9), item 11: ten records split across gzip members (zcat reads the file whole) all
/// come out, from the fixture and from a file cut into members of 333 bytes.
#[test]
fn records_split_across_members() {
    let output = jsonl(&[&fixture("split.warc.gz")], b"");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(counts(&output), (10, 10, 0, 0));
    let mut plain = Vec::new();
    for i in 0..10 {
        plain.extend(response(
            &format!("http://split.example/{i}"),
            &page(&format!("Split page {i} was read whole.")),
        ));
    }
    let gz: Vec<u8> = plain
        .chunks(333)
        .flat_map(|chunk| warc::gzip_member(chunk).unwrap())
        .collect();
    let output = jsonl(&[], &gz);
    let expected: Vec<String> = (0..10)
        .map(|i| format!("http://split.example/{i}"))
        .collect();
    assert_eq!(urls(&output), expected, "{}", stderr(&output));
    assert_eq!(counts(&output), (10, 10, 0, 0));
}

/// Bar (10), item 9: a record over the size limit, with a sound header, is skipped by its
/// declared length and reported; the 6 records after it come out.
#[test]
fn oversized_record_does_not_swallow_the_rest() {
    let mut bytes = Vec::new();
    let mut expected = Vec::new();
    for i in 0..3 {
        let uri = format!("http://before.example/{i}");
        bytes.extend(response(&uri, &page("A small page before.")));
        expected.push(uri);
    }
    // 200 KB of page with records quoted in it, over a limit of 1000 bytes (+ 64 KiB header room).
    let quoted = String::from_utf8(response("http://quoted.example/", &page("Quoted."))).unwrap();
    bytes.extend(response(
        "http://big.example/",
        &page(&format!("<pre>{}</pre>", quoted.repeat(200))),
    ));
    for i in 0..6 {
        let uri = format!("http://after.example/{i}");
        bytes.extend(response(&uri, &page("A small page after.")));
        expected.push(uri);
    }
    for input in [bytes.clone(), warc::gzip_member(&bytes).unwrap()] {
        let output = jsonl(&["--max-bytes", "1000"], &input);
        assert_eq!(urls(&output), expected, "{}", stderr(&output));
        assert_eq!(counts(&output), (10, 9, 0, 1));
        assert!(
            // Skipped by its declared length, unread: 1000 + 64 KiB of room for the header.
            stderr(&output).contains("bytes skipped (over the limit of 66536)"),
            "{}",
            stderr(&output)
        );
        assert_eq!(output.status.code(), Some(1));
    }
}

/// Bar (11), item 10: a record whose Content-Length is wrong, with a WARC record quoted in its
/// payload, never makes the quoted record come out; the real record whose start it swallowed
/// is read, since it ends exactly where the next header is.
#[test]
fn no_record_invented_from_a_payload() {
    let quoted = String::from_utf8(response(
        "http://quoted.example/inside",
        &page("This record is only quoted."),
    ))
    .unwrap();
    let notes = page(&format!("A record looks like this: <pre>\n{quoted}</pre>"));
    for delta in [60, 150, 400] {
        let mut bytes = response("http://a.example/", &page("The first page."));
        bytes.extend(with_length(
            response("http://notes.example/", &notes),
            delta,
        ));
        bytes.extend(response(
            "http://lost.example/",
            &page("A page whose start is swallowed."),
        ));
        bytes.extend(response("http://last.example/", &page("The last page.")));
        let output = jsonl(&[], &bytes);
        let urls = urls(&output);
        assert!(
            !urls.iter().any(|u| u.contains("quoted")),
            "{delta}: {urls:?}"
        );
        assert_eq!(
            urls,
            [
                "http://a.example/",
                "http://notes.example/",
                "http://lost.example/",
                "http://last.example/"
            ],
            "{delta}: {}",
            stderr(&output)
        );
        assert_eq!(counts(&output), (4, 4, 0, 0), "{delta}");
        // The notes page keeps its own text, not the swallowed record's header.
        let notes = String::from_utf8_lossy(&output.stdout)
            .lines()
            .nth(1)
            .unwrap()
            .to_string();
        assert!(!notes.contains("lost.example"), "{notes}");
    }
    // A Content-Length too short, ending inside the quote: the quote is not taken for a record.
    for delta in [-300, -500] {
        let mut bytes = response("http://a.example/", &page("The first page."));
        bytes.extend(with_length(
            response("http://notes.example/", &notes),
            delta,
        ));
        bytes.extend(response("http://last.example/", &page("The last page.")));
        let output = jsonl(&[], &bytes);
        let urls = urls(&output);
        assert!(
            !urls.iter().any(|u| u.contains("quoted")),
            "{delta}: {urls:?}"
        );
        assert!(
            urls.contains(&"http://last.example/".to_string()),
            "{delta}: {urls:?}"
        );
        counts(&output);
    }
    // The committed fixture of the same shape.
    let output = jsonl(&[&fixture("quoted.warc")], b"");
    assert!(!urls(&output).iter().any(|u| u.contains("quoted")));
    assert!(urls(&output).contains(&"http://river.example/bridge".to_string()));
}

/// Bar (12), item 6: four WARC/0.18 records are read and counted as four; and the ClueWeb09
/// shape (malformed dates, bare-LF HTTP headers, gzip declared on decoded payloads) is cleaned.
#[test]
fn warc_0_18_records_are_read() {
    let mut bytes = Vec::new();
    for i in 0..4 {
        let record = response(
            &format!("http://clueweb.example/{i}"),
            &page("An old crawl kept this page."),
        );
        let text = String::from_utf8(record)
            .unwrap()
            .replacen("WARC/1.1", "WARC/0.18", 1)
            .replacen("2024-05-06T07:08:09Z", "2008-10-294T05:21:46-0700", 1);
        bytes.extend(text.as_bytes());
    }
    let output = jsonl(&[], &bytes);
    assert_eq!(counts(&output), (4, 4, 0, 0), "{}", stderr(&output));
    assert_eq!(output.status.code(), Some(0));
    let output = jsonl(&[&fixture("clueweb.warc.gz")], b"");
    assert_eq!(counts(&output), (4, 3, 1, 0), "{}", stderr(&output));
    let text = String::from_utf8_lossy(&output.stdout);
    for phrase in [
        "closed the printing works",
        "survey found that most readers",
        "won the regional prize",
    ] {
        assert!(text.contains(phrase), "{phrase}: {text}");
    }
}

/// Item 6: ARC v1, plain and a gzip member per record: the HTML pages come out (the URL with
/// a space as warcio writes it), the PNG is skipped.
#[test]
fn arc_files_are_read() {
    for name in ["pages.arc", "pages.arc.gz"] {
        let output = jsonl(&[&fixture(name)], b"");
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert_eq!(
            urls(&output),
            [
                "http://coast.example/tides",
                "http://valley.example/library%20page",
                "http://river.example/garden"
            ]
        );
        assert_eq!(counts(&output), (5, 3, 2, 0));
    }
}

/// Item 7: a `resource` record with an HTML content type is a page.
#[test]
fn html_resource_records_are_cleaned() {
    let output = jsonl(&[&fixture("resource.warc.gz")], b"");
    assert_eq!(urls(&output), ["http://coast.example/tides"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("closed the printing works"), "{text}");
    assert!(!text.contains("All rights reserved"), "{text}");
    assert_eq!(counts(&output), (3, 1, 2, 0));
}

/// Item 8: intact blocks followed by stray bytes are read (with a warning, exit 1), and so is
/// what a truncated last gzip member holds.
#[test]
fn stray_bytes_and_clipped_members_lose_nothing() {
    let output = jsonl(&[&fixture("stray.warc")], b"");
    assert_eq!(counts(&output), (3, 3, 0, 0), "{}", stderr(&output));
    assert!(stderr(&output).contains("stray bytes"));
    assert_eq!(output.status.code(), Some(1));
    let output = jsonl(&[&fixture("clipped.warc.gz")], b"");
    assert_eq!(counts(&output), (2, 2, 0, 0), "{}", stderr(&output));
    assert!(stderr(&output).contains("truncated"), "{}", stderr(&output));
}

/// Item 11: plain records appended to a gzip file are read and counted one by one.
#[test]
fn plain_records_in_a_gzip_file_count_one_by_one() {
    let mut bytes = warc::gzip_member(&response("http://a.example/", &page("First."))).unwrap();
    for i in 0..3 {
        bytes.extend(response(
            &format!("http://plain.example/{i}"),
            &page("Plain."),
        ));
    }
    let output = jsonl(&[], &bytes);
    assert_eq!(counts(&output), (4, 4, 0, 0), "{}", stderr(&output));
}

/// Item 23: an input that cannot be opened counts once, and no output is created for it.
#[test]
fn unreadable_only_input_creates_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.warc.gz");
    let out_arg = out.display().to_string();
    let output = run(&["--warc", "/no/such/file.warc.gz", "-o", &out_arg], b"");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(counts(&output), (1, 0, 0, 1));
    assert!(
        !out.exists(),
        "an output with only a warcinfo record was written"
    );
    // With one good input among them, the output opens with its warcinfo record.
    let good = write(
        dir.path(),
        "good.warc",
        &response("http://a.example/", &page("Good.")),
    );
    let output = run(
        &["--warc", "/no/such/file.warc.gz", &good, "-o", &out_arg],
        b"",
    );
    assert_eq!(counts(&output), (2, 1, 0, 1));
    let written = std::fs::read(&out).unwrap();
    let items: Vec<_> = warc::Reader::new(std::io::Cursor::new(written))
        .unwrap()
        .collect();
    assert_eq!(items.len(), 2);
    assert!(
        matches!(&items[0], warc::Item::Record(r) if r.header("WARC-Type") == Some("warcinfo"))
    );
}

/// Every fixture: the summary adds up, and nothing panics.
#[test]
fn every_fixture_adds_up() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/warc");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "py") {
            continue;
        }
        let output = jsonl(&[&path.display().to_string()], b"");
        assert!(!stderr(&output).contains("panicked"));
        counts(&output);
    }
}

#[test]
fn links_in_markdown_are_resolved_against_the_records_target_uri() {
    let page = "<html><head><title>Tide tables</title></head><body><article><h1>Tide tables</h1>\
        <p>The harbour office published the <a href=\"tables/2024.pdf\">tide tables for next \
        year</a> on Monday, a week earlier than usual, after requests from the ferry crews.</p>\
        </article></body></html>";
    let output = jsonl(
        &["--format", "markdown", "--quiet"],
        &response("https://coast.example/news/tides", page),
    );
    let line: Value = serde_json::from_slice(&output.stdout).unwrap();
    let text = line["clean"].as_str().unwrap_or_default();
    assert!(
        text.contains("](https://coast.example/news/tables/2024.pdf)"),
        "{line}"
    );
}
