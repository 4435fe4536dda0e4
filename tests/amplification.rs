//! Amplification: pages whose parse once cost far more than their size. Each kind is built
//! here at run time and run through the `declutter` binary as a child process under an
//! address-space limit; its peak memory (`wait4`'s resource usage) and output size are checked
//! against the input's size. The time is printed (`--nocapture`), not asserted. The library-level counterparts (nodes
//! created against input bytes on generated pages, attributes reaching the tokenizer) are in
//! `src/tests/amplification.rs`; both build their pages with `tests/common/hostile.rs`.
//!
//! The kinds: formatting elements left open that the tree builder re-opens in every block,
//! misnesting repairs that nest deeper than the depth cap saw, and thousands of distinct
//! attributes on one tag, whatever separates them.

use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::process::ExitStatus;
use std::time::{Duration, Instant};

mod common;
#[path = "common/hostile.rs"]
mod hostile;
use hostile::attribute_pages;

/// What a child run gave.
struct Run {
    status: ExitStatus,
    stdout: Vec<u8>,
    stderr: String,
    /// Peak resident memory, in bytes.
    peak: u64,
    elapsed: Duration,
}

/// Runs the binary with `args` and `input` on stdin, with the address space limited to
/// `limit` bytes when given, and measures its peak memory.
fn run(args: &[&str], input: &[u8], limit: Option<u64>) -> Run {
    let mut command = common::command(args, limit);
    let start = Instant::now();
    // Reaped by `wait4` below, which `Child::wait` cannot replace: it gives no peak memory.
    #[allow(clippy::zombie_processes)]
    let mut child = command.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut out).unwrap();
        out
    });
    let mut err = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut err).unwrap();
    let stdout = reader.join().unwrap();
    writer.join().unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: a zeroed rusage is valid; `wait4` reaps the child `Command` spawned, which is
    // not waited for elsewhere.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(reaped, pid);
    let elapsed = start.elapsed();
    Run {
        status: ExitStatus::from_raw(status),
        stdout,
        stderr: err,
        // Kilobytes on Linux.
        peak: u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024,
        elapsed,
    }
}

const MB: u64 = 1 << 20;

/// `elements` distinct formatting elements left open in a block, then `blocks` short blocks:
/// the tree builder re-opens the elements in each block.
fn formatting_elements(elements: usize, blocks: usize) -> String {
    let open: String = (0..elements).map(|i| format!("<b id=i{i}>")).collect();
    format!(
        "<html><body><div>{open}</div>{}",
        "<div>x</div>".repeat(blocks)
    )
}

/// Misnested formatting and block elements, repaired by the adoption agency, which moves
/// subtrees deeper each time; about `size` bytes.
fn misnesting(size: usize) -> String {
    let unit = "<b><i><div></b>x";
    format!("<html><body>{}", unit.repeat(size / unit.len()))
}

/// Runs `page` with its address space limited to `max_peak` bytes (so that a page over the
/// bound fails fast instead of taking the machine's memory), checks that it succeeds, peaks
/// under `max_peak` and writes at most 30 times the input; returns the run.
fn bounded(kind: &str, page: &str, max_peak: u64) -> Run {
    let run = run(
        &["--input", "html", "--format", "json"],
        page.as_bytes(),
        Some(max_peak),
    );
    eprintln!(
        "{kind}: {} bytes in, {} bytes out, peak {} MB, {:.2?}",
        page.len(),
        run.stdout.len(),
        run.peak / MB,
        run.elapsed
    );
    assert!(
        run.status.success(),
        "{kind}: {:?} within {} MB: {}",
        run.status,
        max_peak / MB,
        run.stderr
    );
    assert!(run.peak <= max_peak, "{kind}: peak {} MB", run.peak / MB);
    assert!(
        run.stdout.len() <= 30 * page.len(),
        "{kind}: {} bytes out of {}",
        run.stdout.len(),
        page.len()
    );
    run
}

/// The bar: 500 formatting elements and 8,000 blocks (101 KB) once took 1.07 GB.
#[test]
fn formatting_elements_left_open_are_not_reopened_in_every_block() {
    let page = formatting_elements(500, 8_000);
    let run = bounded("formatting elements", &page, 400 * MB);
    assert!(run.stderr.contains("formatting elements"), "{}", run.stderr);
}

/// The same page as line 26 of 50 in a JSON Lines stream, under a 1 GB address-space limit
/// (which it once exceeded, aborting the stream after 25 lines): all 50 lines come out.
#[test]
fn a_formatting_element_page_does_not_end_a_jsonl_stream() {
    let page = formatting_elements(500, 8_000);
    let mut input = Vec::new();
    for line in 1..=50 {
        let html = if line == 26 {
            page.clone()
        } else {
            format!("<html><body><p>Line {line} of the stream, a short paragraph.</p>")
        };
        serde_json::to_writer(&mut input, &serde_json::json!({ "html": html })).unwrap();
        input.push(b'\n');
    }
    let run = run(&["--jsonl"], &input, Some(1024 * MB));
    assert!(run.status.success(), "{:?}: {}", run.status, run.stderr);
    let lines = run.stdout.split(|&b| b == b'\n').filter(|l| !l.is_empty());
    assert_eq!(lines.count(), 50, "{}", run.stderr);
}

/// Each kind at the size (300 KB; the attributes at 1 MB): peak memory at most
/// 150 MB, output at most 30 times the input.
#[test]
fn each_kind_at_full_size_stays_bounded() {
    let blocks = (300_000 - 8_000) / "<div>x</div>".len();
    bounded(
        "formatting elements",
        &formatting_elements(500, blocks),
        150 * MB,
    );
    let run = bounded("misnesting", &misnesting(300_000), 150 * MB);
    assert!(run.stderr.contains("flattened"), "{}", run.stderr);
    for (kind, page) in attribute_pages(1_000_000) {
        bounded(kind, &page, 150 * MB);
    }
}
