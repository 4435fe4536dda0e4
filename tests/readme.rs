//! The README's examples run as written: every command line in a `sh` block of `README.md`
//! that calls `declutter` is run by `sh` from a scratch folder that sees the repository's
//! `fixtures/`, with the built binary first on `PATH`, and must exit 0 with some output.
//! Lines that call `cargo` are the README's own first commands (build, test, install) and are
//! not run from a test.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The command lines of the README's `sh` blocks that call `declutter`, in order.
fn readme_commands(readme: &str) -> Vec<String> {
    let mut commands = Vec::new();
    let mut in_sh = false;
    for line in readme.lines() {
        let trimmed = line.trim();
        if let Some(fence) = trimmed.strip_prefix("```") {
            in_sh = !in_sh && fence.trim() == "sh";
            continue;
        }
        if in_sh && !trimmed.starts_with("cargo ") && trimmed.contains("declutter") {
            commands.push(trimmed.to_owned());
        }
    }
    commands
}

#[test]
fn every_readme_example_runs_as_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let commands = readme_commands(&readme);
    assert!(
        commands.len() >= 8,
        "the README's sh blocks lost their examples: {commands:?}"
    );
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_declutter"));
    let path = format!(
        "{}:{}",
        binary.parent().expect("binary folder").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for command in &commands {
        let scratch = tempfile::tempdir().expect("scratch folder");
        std::os::unix::fs::symlink(root.join("fixtures"), scratch.path().join("fixtures"))
            .expect("link fixtures");
        let output = Command::new("sh")
            .arg("-c")
            .arg(command)
            .current_dir(scratch.path())
            .env("PATH", &path)
            .output()
            .expect("sh runs");
        assert_eq!(
            output.status.code(),
            Some(0),
            "README example failed: {command}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let wrote_file = std::fs::read_dir(scratch.path())
            .expect("scratch folder")
            .filter_map(Result::ok)
            .any(|e| e.file_name() != "fixtures");
        assert!(
            !output.stdout.is_empty() || wrote_file,
            "README example wrote nothing: {command}"
        );
    }
}

#[test]
fn commands_are_found_only_in_sh_blocks() {
    let readme = "```text\ndeclutter [OPTIONS]\n```\n```sh\ncargo test\ndeclutter a.html\n```\n\
                  ```sh\ncat x | declutter --jsonl\n```\n";
    assert_eq!(
        readme_commands(readme),
        ["declutter a.html", "cat x | declutter --jsonl"]
    );
}
