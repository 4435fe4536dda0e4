//! `declutter FILE|DIR... --out-dir OUT`: one cleaned file per input, in parallel.
//!
//! A file given by name lands in `OUT` under its own name; the files of a directory (walked
//! recursively, without following symbolic links or entering hidden directories; hidden files
//! are skipped and counted) keep their path relative to it. Of a directory's files only pages are taken by default — the
//! extensions in [`PAGE_EXTENSIONS`], also gzipped, and files without an extension that are
//! not binary — or, with `--glob`, the files matching a pattern; the others are counted as
//! skipped. The extension becomes the format's (`page.html.gz` → `page.txt`); when two inputs
//! would get the same output name, both keep their full name (`page.html.txt`,
//! `page.htm.txt`), and a clash that remains is a failure of the later input.
//!
//! An output never replaces an input: `OUT` may not be an input directory or the directory of
//! an input file (where `n.txt.gz` would replace `n.txt` beside it), and an output
//! path that is an input file (by device and inode) fails that input. Each output is written
//! to a temporary file and renamed into place when complete; a failed write (a full disk)
//! ends the run with exit 2 and leaves no partial file.

use std::collections::HashMap;
use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

use anyhow::Context;
use rayon::prelude::*;

use crate::args::{CleanArgs, named_html, read_input};
use crate::output::{self, FileId, Inputs, WriteError};
use crate::summary::{Progress, Tally, Totals};

/// The extensions of the files a directory walk takes by default (and their `.gz`).
pub const PAGE_EXTENSIONS: [&str; 8] =
    ["html", "htm", "xhtml", "shtml", "php", "asp", "aspx", "txt"];

/// How many leading bytes of a file without an extension are read to tell text from binary.
const SNIFF_BYTES: u64 = 4096;

/// One input file and where its output goes.
struct Job {
    input: PathBuf,
    /// The output path, or why there is none.
    output: Result<PathBuf, String>,
}

/// What a walk takes: pages by default, or what the `--glob` patterns match.
enum Select {
    Pages,
    Globs(globset::GlobSet),
}

impl Select {
    fn new(patterns: &[String]) -> anyhow::Result<Self> {
        if patterns.is_empty() {
            return Ok(Self::Pages);
        }
        let mut set = globset::GlobSetBuilder::new();
        for pattern in patterns {
            set.add(globset::Glob::new(pattern).with_context(|| format!("--glob {pattern}"))?);
        }
        Ok(Self::Globs(set.build()?))
    }

    /// Whether to take the file at `path`, `relative` to the directory walked.
    fn takes(&self, path: &Path, relative: &Path) -> bool {
        match self {
            Self::Globs(set) => set.is_match(relative),
            Self::Pages => {
                let mut name = relative.to_path_buf();
                if name
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
                {
                    name.set_extension("");
                }
                match name.extension() {
                    Some(extension) => PAGE_EXTENSIONS
                        .iter()
                        .any(|x| extension.eq_ignore_ascii_case(x)),
                    None => looks_like_text(path),
                }
            }
        }
    }
}

/// Whether the first bytes of the file at `path` decode as text (HTML or flattened text),
/// not binary data.
fn looks_like_text(path: &Path) -> bool {
    let mut head = Vec::new();
    let read =
        std::fs::File::open(path).and_then(|file| file.take(SNIFF_BYTES).read_to_end(&mut head));
    read.is_ok() && !head.is_empty() && declutter::decode::decode(&head, None).is_ok()
}

/// Why a file has no output.
enum Failure {
    /// The input cannot be read or cleaned: that file fails, the run goes on.
    Input(String),
    /// The output cannot be written: the run stops.
    Write(WriteError),
}

/// Cleans every input file into `out_dir`.
pub fn run(args: &CleanArgs, out_dir: &Path, pool: &rayon::ThreadPool) -> anyhow::Result<ExitCode> {
    let out_id = FileId::of_any(out_dir);
    for input in &args.inputs {
        // A directory given, or the directory of a file given: its outputs would replace the
        // inputs or their neighbours (`n.txt.gz` → `n.txt`).
        let directory = if input.is_dir() {
            input.as_path()
        } else {
            match input.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent,
                _ => Path::new("."),
            }
        };
        if out_id.is_some() && FileId::of_any(directory) == out_id {
            anyhow::bail!(
                "--out-dir {} is the input directory {}: its outputs would replace the inputs or the files beside them; choose another directory",
                out_dir.display(),
                directory.display()
            );
        }
    }
    std::fs::create_dir_all(out_dir)
        .with_context(|| format!("cannot create {}", out_dir.display()))?;
    let out_id = FileId::of_any(out_dir);
    let select = Select::new(&args.glob)?;
    let mut totals = Totals::new("files");
    let mut inputs = Inputs::default();
    let mut found = Vec::new();
    for input in &args.inputs {
        if input.is_dir() {
            walk(
                input,
                out_id.as_ref(),
                &select,
                &mut found,
                &mut inputs,
                &mut totals,
            );
        } else {
            inputs.add(input);
            let name = input.file_name().map(PathBuf::from).unwrap_or_default();
            found.push((input.clone(), name));
        }
    }
    let mut jobs = plan(found, out_dir, args.format.extension());
    for job in &mut jobs {
        if let Ok(path) = &job.output {
            if let Some(input) = inputs.find(path) {
                job.output = Err(format!(
                    "its output {} would replace the input {input}; choose another --out-dir",
                    path.display()
                ));
            }
        }
    }
    output::stop_on_signals()?;
    let write_failure: Mutex<Option<WriteError>> = Mutex::new(None);
    let progress = Progress::new(Some(jobs.len() as u64), args.quiet, "files");
    let results: Vec<Option<(u64, Result<Tally, String>)>> = pool.install(|| {
        jobs.par_iter()
            .map(|job| {
                let stopped = output::interrupted()
                    || write_failure
                        .lock()
                        .map_or(true, |failure| failure.is_some());
                if stopped {
                    return None;
                }
                let size = std::fs::metadata(&job.input).map_or(0, |m| m.len());
                let result = match &job.output {
                    Err(why) => Err(why.clone()),
                    Ok(output) => match clean_file(&job.input, output, args) {
                        Ok(tally) => Ok(tally),
                        Err(Failure::Input(why)) => Err(why),
                        Err(Failure::Write(error)) => {
                            if let Ok(mut failure) = write_failure.lock() {
                                failure.get_or_insert(error);
                            }
                            return None;
                        }
                    },
                };
                if let Err(e) = &result {
                    progress.println(&format!("declutter: {}: {e}", job.input.display()));
                }
                progress.inc(1);
                Some((size, result))
            })
            .collect()
    });
    progress.finish();
    for (size, result) in results.into_iter().flatten() {
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
    if let Some(error) = write_failure.into_inner().ok().flatten() {
        return Err(anyhow::Error::new(error).context("stopped"));
    }
    if output::interrupted() {
        eprintln!("declutter: interrupted; the files not yet cleaned were left out");
        return Ok(ExitCode::from(2));
    }
    Ok(totals.exit_code())
}

/// Collects the files under `root` that `select` takes, with their paths relative to it, in
/// name order; leaves out hidden entries and the output directory `skip`, counts the files
/// not taken as skipped and the entries that cannot be read as unreadable.
fn walk(
    root: &Path,
    skip: Option<&FileId>,
    select: &Select,
    found: &mut Vec<(PathBuf, PathBuf)>,
    inputs: &mut Inputs,
    totals: &mut Totals,
) {
    // Hidden files are skipped and counted; hidden directories are not entered.
    let mut hidden = 0;
    let entries = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            if entry.depth() == 0 {
                return true;
            }
            if entry.file_name().as_encoded_bytes().starts_with(b".") {
                hidden += usize::from(entry.file_type().is_file());
                return false;
            }
            !(entry.file_type().is_dir()
                && skip.is_some()
                && FileId::of_any(entry.path()).as_ref() == skip)
        });
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                eprintln!("declutter: {e}");
                totals.unreadable += 1;
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let relative = path.strip_prefix(root).unwrap_or(path);
        if !select.takes(path, relative) {
            totals.inputs += 1;
            totals.skip("not a page");
            continue;
        }
        if let Ok(metadata) = entry.metadata() {
            inputs.add_found(path, &metadata);
        }
        found.push((path.to_path_buf(), relative.to_path_buf()));
    }
    for _ in 0..hidden {
        totals.inputs += 1;
        totals.skip("hidden");
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
fn clean_file(input: &Path, output: &Path, args: &CleanArgs) -> Result<Tally, Failure> {
    let fail = |e: anyhow::Error| Failure::Input(format!("{e:#}"));
    let bytes = read_input(input, args.decode_limit()).map_err(fail)?;
    let options = args.options_hinted(None, named_html(input));
    let cleaned = declutter::clean(&bytes, &options).map_err(|e| fail(e.into()))?;
    if let Some(parent) = output.parent() {
        std::fs::create_dir_all(parent).map_err(|source| {
            Failure::Write(WriteError::new(parent.display().to_string(), source))
        })?;
    }
    output::write_atomically(output, args.render(&cleaned).as_bytes()).map_err(Failure::Write)?;
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
