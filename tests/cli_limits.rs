//! The command under limits and failures: `--max-bytes`, `--max-nodes`, `--timeout-ms`,
//! warnings for flattened nesting, batches that go on past a failing input, exit codes, and a
//! reader that stops early (`declutter big.html | head`).

mod common;
use common::{run, run_and_stop_reading, stderr};

const PROSE: &str = "The harbour office published the new tide tables on Monday, a week later than usual because of the storm.";

fn page(paragraphs: usize) -> String {
    format!(
        "<html><head><title>Tides | Coast</title></head><body><article><h1>Tides</h1>{}</article></body></html>",
        format!("<p>{PROSE}</p>").repeat(paragraphs)
    )
}

#[test]
fn a_single_page_over_a_limit_fails_with_exit_2_and_a_named_reason() {
    let big = page(20_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.html");
    std::fs::write(&path, &big).unwrap();
    let path = path.to_str().unwrap();
    for (args, reason) in [
        (&["--max-nodes", "100"][..], "nodes"),
        (&["--max-bytes", "1000"], "limit"),
        (&["--timeout-ms", "1"], "time limit"),
    ] {
        let mut all = args.to_vec();
        all.push(path);
        let output = run(&all, b"");
        // A single page that cannot be cleaned is fatal for the run: 2 (a batch would go on
        // and end with 1).
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        let message = stderr(&output);
        assert!(
            message.contains("big.html") && message.contains(reason),
            "{args:?}: {message}"
        );
    }
    // Within the limits: fine.
    let output = run(
        &["--max-nodes", "100000", "--timeout-ms", "60000", path],
        b"",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // Not a number: a usage error.
    let output = run(&["--max-nodes", "many", path], b"");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn flattened_nesting_is_a_warning_on_stderr() {
    let page = format!(
        "<html><body>{}<p>{PROSE}</p></body></html>",
        "<div>".repeat(5_000)
    );
    let output = run(&[], page.as_bytes());
    assert_eq!(output.status.code(), Some(0));
    let message = stderr(&output);
    assert!(
        message.contains("stdin: warning:") && message.contains("flattened"),
        "{message}"
    );
    let record = serde_json::json!({ "html": page }).to_string() + "\n";
    let output = run(&["--jsonl", "--quiet"], record.as_bytes());
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(value["warnings"][0].as_str().unwrap().contains("flattened"));
}

#[test]
fn a_failing_input_never_stops_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("a.html"), page(3)).unwrap();
    std::fs::write(input.join("b.html"), [0u8; 256]).unwrap();
    std::fs::write(input.join("c.html"), page(40_000)).unwrap();
    std::fs::write(input.join("d.html"), page(2)).unwrap();
    let out = dir.path().join("out");
    let output = run(
        &[
            input.to_str().unwrap(),
            "--out-dir",
            out.to_str().unwrap(),
            "--max-nodes",
            "50000",
            "--quiet",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("b.html") && message.contains("c.html"),
        "{message}"
    );
    for name in ["a.txt", "d.txt"] {
        let text = std::fs::read_to_string(out.join(name)).unwrap();
        assert!(text.contains("tide tables"), "{name}");
    }
}

#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    let output = run_and_stop_reading(&[], page(100_000).into_bytes(), 64);
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stderr.is_empty(), "{}", stderr(&output));
}
