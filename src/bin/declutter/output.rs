//! Where results go, without ever losing what was there: outputs that are inputs are refused,
//! regular files are written to a temporary file beside the target and renamed into place
//! only when complete, nothing is created before there is something to write, and SIGINT or
//! SIGTERM ask a batch to stop after the records in hand.
//!
//! FIFOs, terminals, other devices and stdout cannot be replaced by a rename, so they are
//! written in place.

use std::collections::HashMap;
use std::fs::{File, Metadata};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Context;

/// A failed write to the output: fatal for the run (exit 2), unlike a failed input.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {name}")]
pub struct WriteError {
    /// The output's name (`stdout` or the path).
    name: String,
    #[source]
    source: io::Error,
}

impl WriteError {
    /// A failed write to the output called `name`.
    pub fn new(name: String, source: io::Error) -> Self {
        Self { name, source }
    }
}

/// Whether `error` is (or was caused by) a failed write to the output.
pub fn is_write_error(error: &anyhow::Error) -> bool {
    error.chain().any(|e| e.is::<WriteError>())
}

/// The identity of a file: device and inode on Unix, so a file is recognised under any name
/// (a symbolic or hard link, `./a` and `a`); elsewhere its canonical path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FileId {
    /// Device and inode.
    #[cfg(unix)]
    Inode(u64, u64),
    /// The canonical path, where there are no inodes.
    #[cfg(not(unix))]
    Path(PathBuf),
}

impl FileId {
    /// The identity of the regular file at `path` (symbolic links followed); `None` when it
    /// does not exist, cannot be examined or is not a regular file (a pipe, a terminal,
    /// `/dev/null`: reading and writing those never destroys anything).
    pub fn of(path: &Path) -> Option<Self> {
        let metadata = std::fs::metadata(path).ok()?;
        if !metadata.is_file() {
            return None;
        }
        Self::from_metadata(path, &metadata)
    }

    /// The identity of whatever is at `path` (a directory too), symbolic links followed.
    pub fn of_any(path: &Path) -> Option<Self> {
        let metadata = std::fs::metadata(path).ok()?;
        Self::from_metadata(path, &metadata)
    }

    #[cfg(unix)]
    fn from_metadata(_path: &Path, metadata: &Metadata) -> Option<Self> {
        use std::os::unix::fs::MetadataExt;
        Some(Self::Inode(metadata.dev(), metadata.ino()))
    }

    #[cfg(not(unix))]
    fn from_metadata(path: &Path, _metadata: &Metadata) -> Option<Self> {
        path.canonicalize().ok().map(Self::Path)
    }

    /// The identity of what stdin reads from, when it is a file.
    fn stdin() -> Option<Self> {
        // Linux and most Unixes name the process's own stdin so; elsewhere it is unknown.
        Self::of(Path::new("/dev/stdin"))
    }

    /// The identity of what stdout writes to, when it is a file.
    fn stdout() -> Option<Self> {
        Self::of(Path::new("/dev/stdout"))
    }
}

/// The files a run reads, by identity, with the name each was given by.
#[derive(Debug, Default)]
pub struct Inputs(HashMap<FileId, String>);

impl Inputs {
    /// Adds an input path (`-`: stdin, when it is a file).
    pub fn add(&mut self, path: &Path) {
        let (id, name) = if path.as_os_str() == "-" {
            (FileId::stdin(), "stdin".to_string())
        } else {
            (FileId::of(path), path.display().to_string())
        };
        if let Some(id) = id {
            self.0.entry(id).or_insert(name);
        }
    }

    /// Adds a file found while walking a directory, from its metadata.
    pub fn add_found(&mut self, path: &Path, metadata: &Metadata) {
        if let Some(id) = FileId::from_metadata(path, metadata) {
            self.0
                .entry(id)
                .or_insert_with(|| path.display().to_string());
        }
    }

    /// The name of the input that `path` is, if it is one.
    pub fn find(&self, path: &Path) -> Option<&str> {
        self.0.get(&FileId::of(path)?).map(String::as_str)
    }

    /// The name of the input `id` is, if it is one.
    pub fn find_id(&self, id: &FileId) -> Option<&str> {
        self.0.get(id).map(String::as_str)
    }
}

/// Where the bytes go once the output is open.
enum Sink {
    /// Not opened yet: nothing has been written.
    Closed,
    Stdout(io::Stdout),
    /// A FIFO, terminal or device, written in place.
    InPlace(BufWriter<File>),
    /// A temporary file beside the target, renamed onto it by [`Output::finish`].
    Temporary(BufWriter<tempfile::NamedTempFile>),
}

/// One output of a run: stdout or a path, opened at the first write.
pub struct Output {
    /// `None` for stdout.
    path: Option<PathBuf>,
    /// The name in messages.
    name: String,
    /// Whether `path` is written in place (not a regular file, or not to be replaced).
    in_place: bool,
    sink: Sink,
    /// Written before the first byte (a WARC `warcinfo` record).
    preamble: Vec<u8>,
}

impl Output {
    /// The output `path` (stdout when `None` or `-`). Fails when it is one of the `inputs`
    /// (the same file under any name) — also when stdout is redirected onto an input.
    pub fn new(path: Option<&Path>, inputs: &Inputs) -> anyhow::Result<Self> {
        let path = path.filter(|p| p.as_os_str() != "-");
        let Some(path) = path else {
            if let Some(input) = FileId::stdout().and_then(|id| inputs.find_id(&id)) {
                anyhow::bail!("stdout is the input {input}; write the output elsewhere");
            }
            return Ok(Self {
                path: None,
                name: "stdout".to_string(),
                in_place: true,
                sink: Sink::Closed,
                preamble: Vec::new(),
            });
        };
        if let Some(input) = inputs.find(path) {
            anyhow::bail!(
                "the output {} is the input {input}; write the output elsewhere",
                path.display()
            );
        }
        let (target, in_place) = match std::fs::metadata(path) {
            // A link is followed: the file it names is replaced, the link stays.
            Ok(metadata) if metadata.is_file() => (path.canonicalize()?, false),
            Ok(_) => (path.to_path_buf(), true),
            Err(_) => (path.to_path_buf(), false),
        };
        Ok(Self {
            path: Some(target),
            name: path.display().to_string(),
            in_place,
            sink: Sink::Closed,
            preamble: Vec::new(),
        })
    }

    /// Bytes to write before the first [`put`](Self::put), and only if there is one.
    pub fn set_preamble(&mut self, bytes: Vec<u8>) {
        self.preamble = bytes;
    }

    /// Whether anything has been written.
    pub fn is_open(&self) -> bool {
        !matches!(self.sink, Sink::Closed)
    }

    /// Writes `bytes`, opening the output first if needed.
    pub fn put(&mut self, bytes: &[u8]) -> Result<(), WriteError> {
        self.open()
            .and_then(|sink| sink.write_all(bytes))
            .map_err(|source| self.error(source))
    }

    /// Flushes and, for a regular file, renames the complete output into place. With
    /// `create_empty`, an output nothing was written to is created empty; without, it is not
    /// created at all.
    pub fn finish(&mut self, create_empty: bool) -> anyhow::Result<()> {
        if !self.is_open() && !create_empty {
            return Ok(());
        }
        let flushed = self.open().and_then(|sink| sink.flush());
        flushed.map_err(|e| self.error(e))?;
        if let Sink::Temporary(file) = std::mem::replace(&mut self.sink, Sink::Closed) {
            let file = file
                .into_inner()
                .map_err(|e| anyhow::anyhow!("cannot write {}: {}", self.name, e.error()))?;
            let target = self.path.as_deref().unwrap_or(Path::new(""));
            file.persist(target)
                .with_context(|| format!("cannot move the output into place at {}", self.name))?;
        }
        Ok(())
    }

    fn error(&self, source: io::Error) -> WriteError {
        WriteError {
            name: self.name.clone(),
            source,
        }
    }

    /// The open sink, opened now if it is not yet.
    fn open(&mut self) -> io::Result<&mut dyn Write> {
        if matches!(self.sink, Sink::Closed) {
            self.sink = match &self.path {
                None => Sink::Stdout(io::stdout()),
                Some(path) if self.in_place => {
                    Sink::InPlace(BufWriter::new(File::options().write(true).open(path)?))
                }
                Some(path) => Sink::Temporary(BufWriter::new(temporary_beside(path)?)),
            };
            let preamble = std::mem::take(&mut self.preamble);
            self.sink_mut().write_all(&preamble)?;
        }
        Ok(self.sink_mut())
    }

    fn sink_mut(&mut self) -> &mut dyn Write {
        match &mut self.sink {
            Sink::Stdout(out) => out,
            Sink::InPlace(out) => out,
            Sink::Temporary(out) => out,
            Sink::Closed => unreachable!("opened before use"),
        }
    }
}

/// A new temporary file in the directory of `target`, so that renaming it onto `target` is
/// atomic; with the permissions of the file it replaces, or else those of a file the user
/// creates (0666 less the umask).
pub fn temporary_beside(target: &Path) -> io::Result<tempfile::NamedTempFile> {
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".declutter-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let file = builder.tempfile_in(dir)?;
    // A file being replaced keeps its permissions.
    if let Ok(existing) = std::fs::metadata(target) {
        file.as_file().set_permissions(existing.permissions())?;
    }
    Ok(file)
}

/// Writes `bytes` to a regular file at `target` atomically: a temporary file beside it,
/// renamed onto it once complete, so a failure leaves no empty or partial file.
pub fn write_atomically(target: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let error = |source| WriteError {
        name: target.display().to_string(),
        source,
    };
    let mut file = temporary_beside(target).map_err(error)?;
    file.write_all(bytes).map_err(error)?;
    file.persist(target).map_err(|e| error(e.error))?;
    Ok(())
}

/// Set once SIGINT or SIGTERM arrives.
static STOP: OnceLock<Arc<AtomicBool>> = OnceLock::new();

/// From now on, SIGINT and SIGTERM set a flag ([`interrupted`]) instead of ending the process,
/// so a batch can finish the records in hand and close its output; a second signal ends the
/// process at once (exit status 130 or 143, the shell's convention).
pub fn stop_on_signals() -> anyhow::Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let flag = STOP.get_or_init(|| Arc::new(AtomicBool::new(false)));
    for signal in [SIGINT, SIGTERM] {
        // Registered first, so it sees the flag as it was before this signal set it.
        signal_hook::flag::register_conditional_shutdown(signal, 128 + signal, Arc::clone(flag))?;
        signal_hook::flag::register(signal, Arc::clone(flag))?;
    }
    Ok(())
}

/// Whether SIGINT or SIGTERM asked the run to stop.
pub fn interrupted() -> bool {
    STOP.get().is_some_and(|flag| flag.load(Ordering::Relaxed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_that_is_an_input_is_refused_under_any_name() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.jsonl");
        std::fs::write(&input, "x").unwrap();
        let hard = dir.path().join("hard.jsonl");
        std::fs::hard_link(&input, &hard).unwrap();
        let mut inputs = Inputs::default();
        inputs.add(&input);
        assert!(Output::new(Some(&hard), &inputs).is_err());
        assert!(Output::new(Some(&dir.path().join("./in.jsonl")), &inputs).is_err());
        assert!(Output::new(Some(&dir.path().join("out.jsonl")), &inputs).is_ok());
    }

    #[test]
    fn nothing_is_created_before_a_write_and_the_file_appears_when_finished() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.txt");
        let mut out = Output::new(Some(&target), &Inputs::default()).unwrap();
        out.finish(false).unwrap();
        assert!(!target.exists());

        std::fs::write(&target, "old").unwrap();
        let mut out = Output::new(Some(&target), &Inputs::default()).unwrap();
        out.set_preamble(b"head ".to_vec());
        out.put(b"body").unwrap();
        // Until finished, the old file is untouched.
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        drop(out);
        // Dropped unfinished (a failed run): the old file stays, no temporary file is left.
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

        let mut out = Output::new(Some(&target), &Inputs::default()).unwrap();
        out.set_preamble(b"head ".to_vec());
        out.put(b"body").unwrap();
        out.finish(false).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "head body");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
