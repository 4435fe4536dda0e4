//! Helpers the command tests share: running the built `declutter` binary.

#![allow(dead_code)] // Each test crate uses a different subset.

use std::io::{Read, Write};
use std::process::{Child, ChildStdin, Command, Output, Stdio};

/// Starts declutter with `args` and piped standard streams; returns it and its stdin.
fn spawn(args: &[&str]) -> (Child, ChildStdin) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_declutter"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = child.stdin.take().unwrap();
    (child, input)
}

/// Runs declutter with `args`, feeding `stdin` from a thread (so a large input cannot block
/// on a full pipe), and collects its output.
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    let (child, mut input) = spawn(args);
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

/// Runs declutter with `args` on `stdin`, reads the first `bytes` bytes of its output and then
/// closes the pipe, as `declutter … | head` does; returns how the command ended.
pub fn run_and_stop_reading(args: &[&str], stdin: Vec<u8>, bytes: usize) -> Output {
    let (mut child, mut input) = spawn(args);
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let mut head = vec![0u8; bytes];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut head)
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

/// The command's stderr as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
