//! The command's inputs and outputs (issue 10): nothing lost, nothing overwritten. Outputs
//! that are inputs are refused, outputs appear whole or not at all, write errors are fatal,
//! JSONL records come back as written, long lines stay bounded, fragments are HTML,
//! directories give only pages, and a signal leaves complete lines.

use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

mod common;
use common::{run, stderr, stream};

const PROSE: &str = "The harbour office published the new tide tables on Monday, a week later than usual because of the storm.";
const MORE: &str = "Fishermen said the delay had cost them two days at sea, and asked for the tables to be printed earlier next year.";

fn page(paragraphs: usize) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>Tides | Coast</title></head><body><nav><a href=/>Home</a> <a href=/news>News</a></nav><article><h1>Tides</h1>{}<p>{MORE}</p></article></body></html>",
        format!("<p>{PROSE}</p>").repeat(paragraphs)
    )
}

fn record(id: usize) -> String {
    serde_json::json!({"id": id, "html": page(1 + id % 5)}).to_string()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The files in `dir`, by name, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn warc_fixture() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/warc/pages.warc.gz"
    ))
    .unwrap()
}

/// Bar (3): `-o` naming an input — by its name, another spelling, a hard or a symbolic link —
/// is refused, and the input stays byte for byte.
#[test]
fn an_output_naming_an_input_leaves_it_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("s.jsonl");
    let lines: String = (0..20).map(|i| record(i) + "\n").collect();
    std::fs::write(&jsonl, &lines).unwrap();
    let hard = dir.path().join("hard.jsonl");
    std::fs::hard_link(&jsonl, &hard).unwrap();
    let link = dir.path().join("link.jsonl");
    std::os::unix::fs::symlink(&jsonl, &link).unwrap();
    let dotted = dir.path().join(".").join("s.jsonl");
    for out in [&jsonl, &hard, &link, &dotted] {
        let output = run(&["--jsonl", arg(&jsonl), "-o", arg(out)], b"");
        assert_eq!(
            output.status.code(),
            Some(2),
            "{out:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("is the input"),
            "{}",
            stderr(&output)
        );
        assert_eq!(std::fs::read_to_string(&jsonl).unwrap(), lines);
    }
    // stdin read from the file named by -o.
    let output = Command::new(env!("CARGO_BIN_EXE_declutter"))
        .args(["--jsonl", "-o", arg(&jsonl)])
        .stdin(std::fs::File::open(&jsonl).unwrap())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&jsonl).unwrap(), lines);

    let warc = dir.path().join("x.warc.gz");
    std::fs::write(&warc, warc_fixture()).unwrap();
    let output = run(&["--warc", arg(&warc), "-o", arg(&warc)], b"");
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert_eq!(std::fs::read(&warc).unwrap(), warc_fixture());

    let html = dir.path().join("p.html");
    std::fs::write(&html, page(2)).unwrap();
    let output = run(&[arg(&html), "-o", arg(&html)], b"");
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&html).unwrap(), page(2));
}

/// Bar (4): `--out-dir` over the inputs never replaces one: the input directory itself is a
/// clear error, and an output that would land on an input file fails that input.
#[test]
fn out_dir_over_an_input_leaves_it_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.txt");
    let text = format!("Notes\n\n{PROSE}\n\nShare on Facebook\n");
    std::fs::write(&notes, &text).unwrap();
    let n = dir.path().join("n.txt");
    std::fs::write(&n, &text).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(page(1).as_bytes()).unwrap();
    let ngz = dir.path().join("n.txt.gz");
    std::fs::write(&ngz, gz.finish().unwrap()).unwrap();
    let refused = |args: &[&str]| {
        let output = run(args, b"");
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("is the input directory"),
            "{}",
            stderr(&output)
        );
        assert_eq!(std::fs::read_to_string(&notes).unwrap(), text);
        assert_eq!(std::fs::read_to_string(&n).unwrap(), text);
    };
    // A file into its own directory; `n.txt.gz` → `n.txt` beside it, an input or not; the
    // directory itself.
    refused(&[arg(&notes), "--out-dir", arg(dir.path())]);
    refused(&[arg(&ngz), "--out-dir", arg(dir.path())]);
    refused(&[arg(&ngz), arg(&n), "--out-dir", arg(dir.path())]);
    refused(&[arg(dir.path()), "--out-dir", arg(dir.path())]);
    // Under another name of the same directory.
    let dotted = format!("{}/.", dir.path().display());
    refused(&[arg(&ngz), "--out-dir", &dotted]);

    // Elsewhere, two inputs that would share an output name both keep their full name.
    let out = tempfile::tempdir().unwrap();
    let output = run(&[arg(&ngz), arg(&n), "--out-dir", arg(out.path())], b"");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(out.path().join("n.txt.gz.txt").exists() && out.path().join("n.txt.txt").exists());
    assert_eq!(std::fs::read_to_string(&n).unwrap(), text);
}

/// Runs declutter with `args` and stdout into `/dev/full`.
fn into_dev_full(args: &[&str], stdin: &[u8]) -> Output {
    let mut command = common::command(args, None);
    command.stdout(std::fs::File::create("/dev/full").unwrap());
    common::run_command(command, stdin)
}

/// FIFOs and devices are written in place (there is nothing to rename onto them); a file
/// that is replaced keeps its permissions.
#[test]
fn fifos_and_devices_are_written_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    let name = std::ffi::CString::new(arg(&fifo)).unwrap();
    // SAFETY: a valid C string naming a path in our own scratch folder.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let lines = format!("{}\n{}\n", record(1), record(2));
    let output = run(&["--jsonl", "-q", "-o", arg(&fifo)], lines.as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(reader.join().unwrap().lines().count(), 2);
    assert_eq!(names(dir.path()), ["fifo"]);

    let output = run(&["-o", "/dev/null"], page(1).as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

    use std::os::unix::fs::PermissionsExt;
    let out = dir.path().join("out.txt");
    std::fs::write(&out, "old").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    let output = run(&["-o", arg(&out)], page(1).as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(std::fs::read_to_string(&out).unwrap().contains(PROSE));
    let mode = std::fs::metadata(&out).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
}

/// Bar (5): a failed write is fatal (exit 2) and the summary counts only what was written.
#[test]
fn a_failed_write_is_fatal() {
    let lines: String = (0..50).map(|i| record(i) + "\n").collect();
    let output = into_dev_full(&["--jsonl", "--threads", "2"], lines.as_bytes());
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("cannot write stdout") && message.contains("0 lines: 0 cleaned"),
        "{message}"
    );
    let output = into_dev_full(&[], page(1).as_bytes());
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
}

/// Runs declutter with `args`, in `dir`, unable to write files larger than `max_file` bytes
/// (RLIMIT_FSIZE, with SIGXFSZ ignored so the write fails as on a full disk).
fn with_file_size_limit(args: &[&str], max_file: u64) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_declutter"));
    command.args(args).stdin(Stdio::null());
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        command.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: max_file,
                rlim_max: max_file,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    command.output().unwrap()
}

/// A full disk (here: a file size limit) with `-o` or `--out-dir`: exit 2, and no empty,
/// partial or temporary file is left.
#[test]
fn a_full_disk_leaves_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let lines: String = (0..200).map(|i| record(i) + "\n").collect();
    std::fs::write(&input, &lines).unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let out = out_dir.join("clean.jsonl");
    let output = with_file_size_limit(&["--jsonl", arg(&input), "-o", arg(&out)], 100_000);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(names(&out_dir).is_empty(), "{:?}", names(&out_dir));

    // An existing output stays as it was.
    std::fs::write(&out, "old\n").unwrap();
    let output = with_file_size_limit(&["--jsonl", arg(&input), "-o", arg(&out)], 100_000);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old\n");
    assert_eq!(names(&out_dir), ["clean.jsonl"]);

    // --out-dir: small pages fit, a large one does not (its JSON lists every block); the run
    // stops with 2 and every file left is complete.
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    for i in 0..6 {
        let mut page = page(2);
        if i == 3 {
            let long: String = (0..3000)
                .map(|n| format!("<p>Paragraph {n}: {PROSE}</p>"))
                .collect();
            page = page.replacen(
                "<article><h1>Tides</h1>",
                &format!("<article><h1>Tides</h1>{long}"),
                1,
            );
        }
        std::fs::write(pages.join(format!("p{i}.html")), page).unwrap();
    }
    let clean = dir.path().join("clean");
    let output = with_file_size_limit(
        &[
            arg(&pages),
            "--out-dir",
            arg(&clean),
            "--threads",
            "1",
            "--format",
            "json",
        ],
        100_000,
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("cannot write"),
        "{}",
        stderr(&output)
    );
    for name in names(&clean) {
        assert!(name.ends_with(".json") && name != "p3.json", "{name}");
        let text = std::fs::read_to_string(clean.join(&name)).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        assert!(value["text"].as_str().unwrap().contains(MORE), "{name}");
    }
}

/// Bar (6): numbers come back as written — appended to, and when the record is written anew
/// (a line break inside it, an existing `clean` field).
#[test]
fn numbers_come_back_as_written() {
    let html = Value::from(page(1)).to_string();
    let input = [
        format!(r#"{{"id":12345678901234567890123,"score":1.10,"e":1E+2,"html":{html}}}"#),
        format!("{{\"id\":12345678901234567890123,\r\"score\":1.10,\"html\":{html}}}"),
        format!(r#"{{"clean":"old","id":12345678901234567890123,"n":[1.10, -0.0],"html":{html}}}"#),
        r#"{"id":12345678901234567890123,"html":7}"#.to_string(),
    ]
    .join("\n");
    let output = run(&["--jsonl", "-q"], input.as_bytes());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let out = stdout(&output);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4);
    for line in &lines {
        assert!(line.contains(r#""id":12345678901234567890123"#), "{line}");
        assert!(serde_json::from_str::<Value>(line).is_ok(), "{line}");
    }
    assert!(lines[0].contains(r#""score":1.10,"e":1E+2,"#));
    assert!(lines[1].contains(r#""score":1.10,"#));
    assert!(
        lines[2].starts_with(r#"{"clean":"Tides\n\n"#),
        "{}",
        lines[2]
    );
    assert!(lines[2].contains(r#""n":[1.10, -0.0]"#));
    assert!(!lines[2].contains("old"));
    assert!(lines[3].contains("not a string"));
}

/// Bar (7): a UTF-8 byte order mark before the first line is not an error.
#[test]
fn a_byte_order_mark_before_line_one_is_accepted() {
    let input = format!("\u{feff}{}\n{}\n", record(1), record(2));
    let output = run(&["--jsonl"], input.as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let out = stdout(&output);
    assert_eq!(out.lines().count(), 2);
    for line in out.lines() {
        let value: Value = serde_json::from_str(line).unwrap();
        assert!(value["clean"].as_str().unwrap().contains(PROSE));
    }
    assert!(!out.contains('\u{feff}'));
}

/// Bar (8), small: a line far over `--max-bytes` is read past, not held; it becomes an error
/// record and the next line is cleaned. (The full size, 600 MB under a 1 GB address space,
/// is in `tests/adversarial.rs`.)
#[test]
fn a_line_over_max_bytes_is_skipped_in_bounded_memory() {
    let chunk = vec![b'x'; 1 << 20];
    let tail = format!("\n{}\n", record(3));
    let (code, out, err, peak_kib) = stream(
        &["--jsonl", "--max-bytes", "1000", "--threads", "1"],
        &chunk,
        150,
        tail.as_bytes(),
        None,
    );
    assert_eq!(code, Some(1), "{err}");
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0]["error"]
            .as_str()
            .unwrap()
            .starts_with("line longer than the limit of 1000 bytes"),
        "{}",
        lines[0]
    );
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[1]["id"], 3);
    // Holding the line would take 150 MB at least.
    assert!(peak_kib < 100 * 1024, "peak {peak_kib} KiB");
    assert!(err.contains("line 1: line longer than the limit"), "{err}");
}

/// Bar (13) and item 16: HTML fragments are HTML (no tags in the output); text that only
/// mentions a tag stays text.
#[test]
fn html_fragments_come_out_without_tags() {
    let fragment = format!("<p>{PROSE}</p>\n<p>{MORE}</p>\n");
    let output = run(&[], fragment.as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), format!("{PROSE}\n\n{MORE}\n"));

    let article = format!("<article><h2>Tides</h2><p>{PROSE}</p><p>{MORE}</p></article>");
    let output = run(&["--format", "json"], article.as_bytes());
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["input"], "html");
    assert!(!value["text"].as_str().unwrap().contains('<'));

    // A JSONL `html` field of a few tags, even without a tag at its start.
    let record = serde_json::json!({"html": format!("{PROSE} <b>bold</b><br>{MORE}")}).to_string();
    let output = run(&["--jsonl", "-q"], record.as_bytes());
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    let clean = value["clean"].as_str().unwrap();
    assert!(clean.contains("bold") && !clean.contains("<b>"), "{clean}");

    // A `.html` file holding a fragment that does not start with a tag.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("frag.html");
    std::fs::write(&file, format!("{PROSE} <i>really</i>.\n\n{MORE}")).unwrap();
    let output = run(&[arg(&file)], b"");
    assert!(!stdout(&output).contains("<i>"), "{}", stdout(&output));

    let text = format!("How to write HTML\n\nTo end a paragraph, close it with </p>. {PROSE}\n");
    let output = run(&[], text.as_bytes());
    assert!(
        stdout(&output).contains("close it with </p>"),
        "{}",
        stdout(&output)
    );
}

/// Item 17: gzip on stdin is recognised by its magic bytes, for a page and for JSONL.
#[test]
fn gzip_on_stdin_is_decompressed() {
    let gzip = |bytes: &[u8]| {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(bytes).unwrap();
        gz.finish().unwrap()
    };
    let output = run(&[], &gzip(page(1).as_bytes()));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains(PROSE));
    let lines = format!("{}\n{}\n", record(1), record(2));
    let output = run(&["--jsonl", "-q"], &gzip(lines.as_bytes()));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output).lines().count(), 2);
}

/// Item 15: each failed line is named on stderr with its number, id and url.
#[test]
fn failed_lines_are_named_on_stderr() {
    let input = format!(
        "{}\n{{\"id\":\"r-2\",\"url\":\"http://coast.example/2\",\"html\":5}}\nnot json\n",
        record(1)
    );
    let output = run(&["--jsonl"], input.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains(
            "stdin: line 2 id \"r-2\" url \"http://coast.example/2\": field \"html\" is a number"
        ),
        "{message}"
    );
    assert!(message.contains("stdin: line 3: not JSON"), "{message}");
}

/// Item 18: a directory gives its pages (and files without an extension that are text), not
/// styles, scripts or images; `--glob` chooses others; the walk goes deep.
#[test]
fn directories_give_pages_only() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("site");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("a.html"), page(1)).unwrap();
    std::fs::write(input.join("b.PHP"), page(2)).unwrap();
    std::fs::write(input.join("README"), format!("Readme\n\n{PROSE}\n")).unwrap();
    std::fs::write(input.join("style.css"), "body { color: red }").unwrap();
    std::fs::write(input.join("app.js"), "console.log(1)").unwrap();
    std::fs::write(
        input.join("logo.png"),
        [0x89, b'P', b'N', b'G', 0, 0, 0, 13],
    )
    .unwrap();
    std::fs::write(input.join("blob"), [0u8, 1, 2, 3].repeat(100)).unwrap();
    std::fs::write(input.join("feed.xml"), page(1)).unwrap();
    std::fs::write(input.join(".draft.html"), page(1)).unwrap();
    let mut deep = input.clone();
    for _ in 0..300 {
        deep.push("d");
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("deep.htm"), page(1)).unwrap();

    let out = dir.path().join("out");
    let output = run(&[arg(&input), "--out-dir", arg(&out)], b"");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let summary = stderr(&output);
    assert!(
        summary.contains("10 files: 4 cleaned, 6 skipped (hidden: 1, not a page: 5), 0 failed"),
        "{summary}"
    );
    assert_eq!(names(&out), ["README.txt", "a.txt", "b.txt", "d"]);
    let deep_out = out
        .join(deep.strip_prefix(&input).unwrap())
        .join("deep.txt");
    assert!(std::fs::read_to_string(deep_out).unwrap().contains(PROSE));

    let globbed = dir.path().join("xml");
    let output = run(
        &[arg(&input), "--out-dir", arg(&globbed), "--glob", "*.xml"],
        b"",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(names(&globbed), ["feed.txt"]);
}

/// Item 22: an empty result says so on stderr in one line (exit 0), unless `--quiet`.
#[test]
fn an_empty_result_is_said() {
    let menu = "<html><body><nav><a href=/>Home</a> <a href=/news>News</a></nav></body></html>";
    let output = run(&[], menu.as_bytes());
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stderr(&output)
            .lines()
            .filter(|l| l.contains("nothing kept"))
            .count(),
        1,
        "{}",
        stderr(&output)
    );
    let output = run(&["--quiet"], menu.as_bytes());
    assert!(output.stderr.is_empty(), "{}", stderr(&output));
    let output = run(&[], page(1).as_bytes());
    assert!(output.stderr.is_empty(), "{}", stderr(&output));
}

/// Item 23: a batch whose only input cannot be opened creates no output, and its summary
/// adds up.
#[test]
fn an_unreadable_only_input_creates_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.jsonl");
    let out = dir.path().join("out.jsonl");
    let output = run(&["--jsonl", arg(&missing), "-o", arg(&out)], b"");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(!out.exists());
    assert!(
        stderr(&output).contains("0 lines: 0 cleaned, 0 failed; 1 input could not be read"),
        "{}",
        stderr(&output)
    );
    let warc = dir.path().join("out.warc.gz");
    let output = run(&["--warc", arg(&missing), "-o", arg(&warc)], b"");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(!warc.exists());
    assert_eq!(names(dir.path()), Vec::<String>::new());
}

/// Item 26: sizes take K, M, G suffixes (powers of 1024).
#[test]
fn sizes_take_suffixes() {
    let big = page(40);
    assert!(big.len() > 2048);
    let output = run(&["--max-bytes", "2K"], big.as_bytes());
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("limit"), "{}", stderr(&output));
    let output = run(&["--max-bytes", "10M"], big.as_bytes());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let output = run(&["--max-bytes", "10Q"], big.as_bytes());
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("suffix"), "{}", stderr(&output));
}

/// Items 2 and 14: SIGTERM while writing with `-o`: the records in hand are finished, the
/// output (renamed into place) ends on a complete line, and the exit code is 2.
#[test]
fn a_signal_leaves_complete_lines() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let lines: String = (0..20_000).map(|i| record(i) + "\n").collect();
    std::fs::write(&input, &lines).unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let out = out_dir.join("clean.jsonl");
    let mut child = Command::new(env!("CARGO_BIN_EXE_declutter"))
        .args(["--jsonl", arg(&input), "-o", arg(&out), "--threads", "2"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Once the temporary output exists, lines are being written.
    while names(&out_dir).is_empty() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "ended before writing anything"
        );
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    // SAFETY: sends a signal to our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("interrupted"),
        "{}",
        stderr(&output)
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.ends_with('\n'));
    let written: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        !written.is_empty() && written.len() < 20_000,
        "{}",
        written.len()
    );
    for (i, value) in written.iter().enumerate() {
        assert_eq!(value["id"], i);
    }
    assert_eq!(names(&out_dir), ["clean.jsonl"]);
}
