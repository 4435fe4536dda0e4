//! Helpers the command tests share: running the built `declutter` binary.

#![allow(dead_code)] // Each test crate uses a different subset.

use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::process::{Child, ChildStdin, Command, Output, Stdio};

/// The built declutter with `args` and piped standard streams, under an RLIMIT_AS of
/// `address_space` bytes when given.
pub fn command(args: &[&str], address_space: Option<u64>) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_declutter"));
    command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(limit) = address_space {
        limit_address_space(&mut command, limit);
    }
    command
}

/// Starts declutter with `args` and piped standard streams; returns it and its stdin.
fn spawn(args: &[&str]) -> (Child, ChildStdin) {
    let mut child = command(args, None).spawn().unwrap();
    let input = child.stdin.take().unwrap();
    (child, input)
}

/// Runs `command`, feeding `stdin` from a thread (so a large input cannot block on a full
/// pipe), and collects its output.
pub fn run_command(mut command: Command, stdin: &[u8]) -> Output {
    let mut child = command.spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

/// Runs declutter with `args` on `stdin` (see [`run_command`]).
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    run_command(command(args, None), stdin)
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

/// Feeds `chunks` chunks of `chunk` bytes then `tail` to declutter's stdin without holding
/// the whole input, collects stdout, and returns it with the exit code and the child's peak
/// resident memory in KiB (its own `wait4` figure, so parallel tests do not mix in). With
/// `address_space`, the child runs under that RLIMIT_AS.
// The child is reaped by `wait4`, which std does not see.
#[allow(clippy::zombie_processes)]
pub fn stream(
    args: &[&str],
    chunk: &[u8],
    chunks: usize,
    tail: &[u8],
    address_space: Option<u64>,
) -> (Option<i32>, String, String, i64) {
    let mut child = command(args, address_space).spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    let (chunk, tail) = (chunk.to_vec(), tail.to_vec());
    let writer = std::thread::spawn(move || {
        for _ in 0..chunks {
            if input.write_all(&chunk).is_err() {
                return;
            }
        }
        let _ = input.write_all(&tail);
    });
    let mut out = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        out.read_to_string(&mut text).unwrap();
        text
    });
    let mut err = child.stderr.take().unwrap();
    let err_reader = std::thread::spawn(move || {
        let mut text = String::new();
        err.read_to_string(&mut text).unwrap();
        text
    });
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, which std has not reaped.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as i32);
    writer.join().unwrap();
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    (
        code,
        reader.join().unwrap(),
        err_reader.join().unwrap(),
        usage.ru_maxrss,
    )
}

/// Makes `command` run under an address space of at most `bytes` (`RLIMIT_AS`), which bounds
/// its peak memory: an allocation past it fails (and a Rust program aborts).
pub fn limit_address_space(command: &mut Command, bytes: u64) {
    // SAFETY: only setrlimit, which is async-signal-safe, runs between fork and exec.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: bytes,
                rlim_max: bytes,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) == 0 {
                Ok(())
            } else {
                Err(std::io::Error::last_os_error())
            }
        });
    }
}
