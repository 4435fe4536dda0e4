//! `declutter FILE|DIR... --out-dir OUT`: one cleaned file per input, in parallel.
//!
//! A file given by name lands in `OUT` under its own name; the files of a directory (walked
//! recursively, without following symbolic links or entering hidden directories) keep their
//! path relative to it. The extension becomes the format's (`page.html.gz` →
//! `page.txt`); when two inputs would get the same output name, both keep their full name
//! (`page.html.txt`, `page.htm.txt`), and a clash that remains is a failure of the later input.

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use rayon::prelude::*;

use crate::args::{CleanArgs, read_input};
use crate::summary::{Progress, Tally, Totals};

/// One input file and where its output goes.
struct Job {
    input: PathBuf,
    /// The output path, or why there is none.
    output: Result<PathBuf, String>,
}

/// Cleans every input file into `out_dir`.
pub fn run(args: &CleanArgs, out_dir: &Path, pool: &rayon::ThreadPool) -> anyhow::Result<ExitCode> {
    std::fs::create_dir_all(out_dir)
        .with_context(|| format!("cannot create {}", out_dir.display()))?;
    let skip_dir = out_dir.canonicalize().ok();
    let mut totals = Totals::new("files");
    let mut found = Vec::new();
    for input in &args.inputs {
        if input.is_dir() {
            let mut errors = Vec::new();
            walk(input, input, skip_dir.as_deref(), &mut found, &mut errors);
            for error in errors {
                eprintln!("declutter: {error}");
                totals.failed += 1;
            }
        } else {
            let name = input.file_name().map(PathBuf::from).unwrap_or_default();
            found.push((input.clone(), name));
        }
    }
    let jobs = plan(found, out_dir, args.format.extension());
    let progress = Progress::new(Some(jobs.len() as u64), args.quiet, "files");
    let results: Vec<(u64, Result<Tally, String>)> = pool.install(|| {
        jobs.par_iter()
            .map(|job| {
                let size = std::fs::metadata(&job.input).map_or(0, |m| m.len());
                let result = job.output.clone().and_then(|output| {
                    clean_file(&job.input, &output, args).map_err(|e| format!("{e:#}"))
                });
                if let Err(e) = &result {
                    progress.println(&format!("declutter: {}: {e}", job.input.display()));
                }
                progress.inc(1);
                (size, result)
            })
            .collect()
    });
    progress.finish();
    for (size, result) in results {
        totals.inputs += 1;
        totals.bytes += size;
        match result {
            Ok(tally) => {
                totals.cleaned += 1;
                totals.removed.add(&tally);
            }
            Err(_) => totals.failed += 1,
        }
    }
    totals.print(args.quiet);
    Ok(totals.exit_code())
}

/// Collects the files under `dir` with their paths relative to `root`, in name order.
fn walk(
    root: &Path,
    dir: &Path,
    skip: Option<&Path>,
    found: &mut Vec<(PathBuf, PathBuf)>,
    errors: &mut Vec<String>,
) {
    if skip.is_some() && dir.canonicalize().ok().as_deref() == skip {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return errors.push(format!("{}: cannot read directory: {e}", dir.display())),
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        match entry.file_type() {
            Ok(t) if t.is_dir() && !hidden => walk(root, &path, skip, found, errors),
            Ok(t) if t.is_file() && !hidden => {
                let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                found.push((path, relative));
            }
            Ok(_) => {}
            Err(e) => errors.push(format!("{}: {e}", path.display())),
        }
    }
}

/// Output paths for the inputs: the relative path with the format's extension, or the full
/// name plus the extension where two inputs would clash.
fn plan(found: Vec<(PathBuf, PathBuf)>, out_dir: &Path, extension: &str) -> Vec<Job> {
    let short = |relative: &Path| {
        let mut name = relative.to_path_buf();
        if name
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
        {
            name.set_extension("");
        }
        name.set_extension(extension);
        name
    };
    let long = |relative: &Path| {
        let mut name = OsString::from(relative.as_os_str());
        name.push(".");
        name.push(extension);
        PathBuf::from(name)
    };
    let mut uses: HashMap<PathBuf, usize> = HashMap::new();
    for (_, relative) in &found {
        *uses.entry(short(relative)).or_default() += 1;
    }
    let mut taken: HashMap<PathBuf, PathBuf> = HashMap::new();
    found
        .into_iter()
        .map(|(input, relative)| {
            let name = short(&relative);
            let name = if uses[&name] > 1 {
                long(&relative)
            } else {
                name
            };
            let output = out_dir.join(&name);
            let output = match taken.get(&output) {
                Some(other) => Err(format!(
                    "output {} is already taken by {}",
                    output.display(),
                    other.display()
                )),
                None => {
                    taken.insert(output.clone(), input.clone());
                    Ok(output)
                }
            };
            Job { input, output }
        })
        .collect()
}

/// Cleans one file into `output`.
fn clean_file(input: &Path, output: &Path, args: &CleanArgs) -> anyhow::Result<Tally> {
    let bytes = read_input(input, args.decode_limit())?;
    let cleaned = declutter::clean(&bytes, &args.options(None))?;
    if let Some(parent) = output.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(output, args.render(&cleaned))
        .with_context(|| format!("cannot write {}", output.display()))?;
    Ok(Tally::of(&cleaned))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_names_and_resolves_clashes() {
        let found = vec![
            (PathBuf::from("in/a.html"), PathBuf::from("a.html")),
            (
                PathBuf::from("in/sub/b.html.gz"),
                PathBuf::from("sub/b.html.gz"),
            ),
            (PathBuf::from("in/c.html"), PathBuf::from("c.html")),
            (PathBuf::from("in/c.htm"), PathBuf::from("c.htm")),
            (PathBuf::from("x/a.html"), PathBuf::from("a.html")),
        ];
        let jobs = plan(found, Path::new("out"), "txt");
        let outputs: Vec<String> = jobs
            .iter()
            .map(|j| match &j.output {
                Ok(p) => p.display().to_string(),
                Err(e) => format!("error: {e}"),
            })
            .collect();
        assert_eq!(
            outputs,
            [
                "out/a.html.txt",
                "out/sub/b.txt",
                "out/c.html.txt",
                "out/c.htm.txt",
                "error: output out/a.html.txt is already taken by in/a.html",
            ]
        );
    }
}
