//! The `declutter` command: cleans a page from a file or stdin; many pages from files and
//! directories, JSON Lines streams or WARC archives; and evaluates against benchmark folders.
//!
//! Exit codes: 0 when everything was cleaned (or skipped on purpose); 1 when some input, line
//! or record of a batch, stream or archive failed while the rest was processed (each failure
//! is reported on stderr, naming the input); 2 for usage and fatal errors, including a single
//! page that cannot be read or cleaned (binary data), an output that is an input, a failed
//! write, and a batch stopped by SIGINT or SIGTERM. A closed stdout (broken pipe) ends
//! quietly with 0.

mod archive;
mod args;
mod batch;
mod eval;
mod http;
mod jsonl;
mod output;
mod parallel;
mod summary;

use declutter::warc;

use std::io;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use clap::{CommandFactory, Parser};

use args::{CleanArgs, Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Eval(args)) => eval::run(&args),
        None => run(&cli.clean),
    };
    match result {
        Ok(code) => code,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("declutter: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether `error` comes from writing to a closed pipe.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Picks the mode from the arguments.
fn run(args: &CleanArgs) -> anyhow::Result<ExitCode> {
    if args.jsonl {
        return jsonl::run(args, &parallel::pool(args.threads)?);
    }
    if args.warc {
        return archive::run(args, &parallel::pool(args.threads)?);
    }
    let stdin = args.inputs.iter().any(|p| p.as_os_str() == "-");
    if let Some(out_dir) = &args.out_dir {
        if args.inputs.is_empty() || stdin {
            usage_error("--out-dir needs input files or directories (not stdin)");
        }
        return batch::run(args, out_dir, &parallel::pool(args.threads)?);
    }
    if args.inputs.len() > 1 || args.inputs.iter().any(|p| p.is_dir()) {
        usage_error("several inputs or a directory need --out-dir DIR");
    }
    single(args, args.inputs.first().map(|p| p.as_path()))
}

/// Prints a usage error and exits with 2.
fn usage_error(message: &str) -> ! {
    Cli::command()
        .error(clap::error::ErrorKind::ArgumentConflict, message)
        .exit()
}

/// Cleans one page, from a file or stdin, to stdout or `--output`.
fn single(args: &CleanArgs, input: Option<&Path>) -> anyhow::Result<ExitCode> {
    let input = input.filter(|p| p.as_os_str() != "-");
    let mut inputs = output::Inputs::default();
    inputs.add(input.unwrap_or(Path::new("-")));
    let mut out = output::Output::new(args.output.as_deref(), &inputs)?;
    let (name, bytes) = match input {
        Some(path) => match args::read_input(path, args.decode_limit()) {
            Ok(bytes) => (path.display().to_string(), bytes),
            Err(e) => {
                eprintln!("declutter: {}: {e:#}", path.display());
                return Ok(ExitCode::from(2));
            }
        },
        None => {
            let stdin = io::BufReader::new(io::stdin().lock());
            let bytes = args::read_all(stdin, args.decode_limit()).context("stdin")?;
            ("stdin".to_string(), bytes)
        }
    };
    // From here on a signal lets the page finish, so no temporary file is left behind; while
    // reading (a terminal, a slow pipe) it ends the process as usual.
    output::stop_on_signals()?;
    let options = args.options_hinted(None, input.is_some_and(args::named_html));
    let cleaned = match declutter::clean(&bytes, &options) {
        Ok(cleaned) => cleaned,
        Err(e) => {
            eprintln!("declutter: {name}: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    if output::interrupted() {
        eprintln!("declutter: interrupted; nothing written");
        return Ok(ExitCode::from(2));
    }
    let rendered = args.render(&cleaned);
    for warning in &cleaned.warnings {
        eprintln!("declutter: {name}: warning: {warning}");
    }
    if args.explain {
        eprint!("{}", declutter::render::explain(&cleaned));
    }
    if cleaned.content().next().is_none() && !args.quiet {
        let removed = cleaned.removed().count();
        eprintln!("declutter: {name}: nothing kept: no block reads as article ({removed} removed)");
    }
    out.put(rendered.as_bytes())?;
    out.finish(true)?;
    Ok(ExitCode::SUCCESS)
}
