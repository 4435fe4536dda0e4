//! The `declutter` command: cleans a page from a file or stdin, and evaluates against
//! benchmark folders.

mod eval;

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use declutter::{InputKind, Options};

/// Strip scraping debris from a web page (HTML or flattened text) and keep the article.
#[derive(Parser, Debug)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    clean: CleanArgs,
}

#[derive(clap::Args, Debug)]
struct CleanArgs {
    /// The page to clean; stdin when absent or `-`.
    file: Option<PathBuf>,
    /// What the input is: `auto` tells HTML from flattened text.
    #[arg(long, value_enum, default_value_t = Input::Auto)]
    input: Input,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Leave the headline out of the output.
    #[arg(long)]
    no_title: bool,
    /// Report every removed block with its category and reason on stderr.
    #[arg(long)]
    explain: bool,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, value_name = "BYTES")]
    max_bytes: Option<usize>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Score declutter on a benchmark folder (see ../shared/bench/README.md for the layout).
    Eval(eval::EvalArgs),
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum Input {
    Auto,
    Html,
    Text,
}

/// Output formats.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Text,
    Markdown,
    Html,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Eval(args)) => eval::run(&args),
        None => run_clean(&cli.clean),
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

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn run_clean(args: &CleanArgs) -> anyhow::Result<ExitCode> {
    let (name, bytes) = match args.file.as_deref() {
        None => ("stdin".to_string(), read_stdin()?),
        Some(p) if p.as_os_str() == "-" => ("stdin".to_string(), read_stdin()?),
        Some(p) => (
            p.display().to_string(),
            std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?,
        ),
    };
    let options = Options {
        input: match args.input {
            Input::Auto => InputKind::Auto,
            Input::Html => InputKind::Html,
            Input::Text => InputKind::Text,
        },
        max_bytes: args.max_bytes,
        ..Options::default()
    };
    let cleaned = declutter::clean(&bytes, &options).with_context(|| name.clone())?;
    let with_title = !args.no_title;
    let output = match args.format {
        Format::Text => declutter::render::text(&cleaned, with_title),
        Format::Markdown => declutter::render::markdown(&cleaned, with_title),
        Format::Html => declutter::render::html(&cleaned, with_title),
        Format::Json => {
            let mut s =
                serde_json::to_string_pretty(&declutter::render::json(&cleaned, with_title))?;
            s.push('\n');
            s
        }
    };
    if args.explain {
        eprint!("{}", declutter::render::explain(&cleaned));
    }
    let mut stdout = io::stdout().lock();
    stdout.write_all(output.as_bytes())?;
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn read_stdin() -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    io::stdin()
        .read_to_end(&mut bytes)
        .context("cannot read stdin")?;
    Ok(bytes)
}
