//! `declutter._declutter`: the native half of the `declutter` Python package.
//!
//! A thin layer over the crate's public API (`declutter::clean`, `Options`, `Cleaned`, the
//! renderers): options are read once into [`CleanOptions`], a page is cleaned and rendered
//! with the GIL released, and the result becomes a [`CleanResult`] whose block list is built
//! only when asked for. The Python package (`declutter/__init__.py`) adds `clean_many`.

use std::sync::Arc;
use std::time::Duration;

use declutter::metadata::{Field, Record};
use declutter::render::{Format, render};
use declutter::{BlockKind, Cleaned, InputKind, Options, PageType, Verdict};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyString};

create_exception!(
    declutter,
    DeclutterError,
    PyException,
    "A page could not be cleaned. Base class of the errors below."
);
create_exception!(
    declutter,
    TooLargeError,
    DeclutterError,
    "The input is larger than `max_bytes`."
);
create_exception!(
    declutter,
    TooManyNodesError,
    DeclutterError,
    "The HTML page has more nodes than `max_nodes`."
);
create_exception!(
    declutter,
    BinaryInputError,
    DeclutterError,
    "The input is binary data, not HTML or text."
);
create_exception!(
    declutter,
    TimeoutError,
    DeclutterError,
    "Cleaning took longer than `timeout` seconds."
);

/// The Python exception for a library error.
fn to_py_err(error: declutter::Error) -> PyErr {
    let message = error.to_string();
    match error {
        declutter::Error::TooLarge { .. } => TooLargeError::new_err(message),
        declutter::Error::TooManyNodes { .. } => TooManyNodesError::new_err(message),
        declutter::Error::Binary { .. } => BinaryInputError::new_err(message),
        declutter::Error::Timeout { .. } => TimeoutError::new_err(message),
        // The enum may grow: anything else is still a DeclutterError.
        #[allow(unreachable_patterns)]
        _ => DeclutterError::new_err(message),
    }
}

/// The options of `clean`, read and checked once.
#[pyclass(module = "declutter", name = "Options", frozen)]
#[derive(Clone)]
struct CleanOptions {
    options: Options,
    format: Format,
    title: bool,
    with_metadata: bool,
}

#[pymethods]
impl CleanOptions {
    /// Options for `clean_with`; see `declutter.clean` for their meaning.
    #[new]
    #[pyo3(signature = (*, input="auto", format="text", title=true, url=None, charset=None,
        max_bytes=None, timeout=None, max_nodes=None, page_type=None, with_metadata=false,
        images=false))]
    // `..Options::default()` below is needless until the library grows an option; then it
    // keeps this crate building, with the new option at its default.
    #[allow(clippy::too_many_arguments, clippy::needless_update)]
    fn new(
        input: &str,
        format: &str,
        title: bool,
        url: Option<String>,
        charset: Option<String>,
        max_bytes: Option<i64>,
        timeout: Option<f64>,
        max_nodes: Option<i64>,
        page_type: Option<&str>,
        with_metadata: bool,
        images: bool,
    ) -> PyResult<Self> {
        let input = match input {
            "auto" => InputKind::Auto,
            "html" => InputKind::Html,
            "text" => InputKind::Text,
            other => {
                return Err(PyValueError::new_err(format!(
                    "input must be 'auto', 'html' or 'text', not {other:?}"
                )));
            }
        };
        let format = match format {
            "text" => Format::Text,
            "markdown" => Format::Markdown,
            "html" => Format::Html,
            "json" => Format::Json,
            other => {
                return Err(PyValueError::new_err(format!(
                    "format must be 'text', 'markdown', 'html' or 'json', not {other:?}"
                )));
            }
        };
        let count = |name: &str, value: Option<i64>| {
            value
                .map(|v| {
                    usize::try_from(v).map_err(|_| {
                        PyValueError::new_err(format!("{name} must be a number >= 0, not {v}"))
                    })
                })
                .transpose()
        };
        let max_bytes = count("max_bytes", max_bytes)?;
        let max_nodes = count("max_nodes", max_nodes)?;
        // An unknown label would be ignored by the library (the page's own declaration
        // would win): name the mistake instead.
        if let Some(label) = &charset {
            if encoding_rs::Encoding::for_label(label.trim().as_bytes()).is_none() {
                return Err(PyValueError::new_err(format!(
                    "unknown charset {label:?}: a WHATWG encoding label such as 'utf-8', \
                     'windows-1252', 'iso-8859-1', 'shift_jis' or 'koi8-r'"
                )));
            }
        }
        let timeout = match timeout {
            None => None,
            Some(t) if t.is_finite() && t >= 0.0 => Some(Duration::from_secs_f64(t)),
            Some(t) => {
                return Err(PyValueError::new_err(format!(
                    "timeout must be a number of seconds >= 0, not {t}"
                )));
            }
        };
        let page_type = match page_type {
            None | Some("auto") => None,
            Some(name) => Some(
                PageType::ALL
                    .into_iter()
                    .find(|t| t.name() == name)
                    .ok_or_else(|| {
                        let names: Vec<&str> = PageType::ALL.iter().map(|t| t.name()).collect();
                        PyValueError::new_err(format!(
                            "page_type must be 'auto' or one of {}, not {name:?}",
                            names.join(", ")
                        ))
                    })?,
            ),
        };
        Ok(CleanOptions {
            options: Options {
                input,
                charset,
                max_bytes,
                max_nodes,
                timeout,
                page_type,
                formatting: format.reads_formatting(),
                images,
                url,
                ..Options::default()
            },
            format,
            title,
            with_metadata,
        })
    }

    fn __repr__(&self) -> String {
        let o = &self.options;
        format!(
            "Options(input={:?}, format={:?}, title={}, url={:?}, charset={:?}, max_bytes={:?}, \
             timeout={:?}, max_nodes={:?}, page_type={:?}, with_metadata={}, images={})",
            o.input,
            self.format,
            self.title,
            o.url,
            o.charset,
            o.max_bytes,
            o.timeout.map(|t| t.as_secs_f64()),
            o.max_nodes,
            o.page_type.map(|t| t.name()),
            self.with_metadata,
            o.images
        )
    }
}

impl CleanOptions {
    /// `cleaned` in the chosen format, as the CLI writes it.
    fn render(&self, cleaned: &Cleaned) -> String {
        render(cleaned, self.format, self.title, self.with_metadata)
    }
}

/// One block of the page with the classifier's verdict.
#[pyclass(module = "declutter", name = "Block", frozen, get_all)]
struct PyBlock {
    /// The block's text.
    text: String,
    /// `heading`, `paragraph`, `list_item`, `quote`, `code` or `table`.
    kind: &'static str,
    /// `title` (the headline), `content` (kept) or `removed`.
    verdict: &'static str,
    /// The debris category of a removed block (`navigation`, `share`...), else None.
    category: Option<&'static str>,
    /// Why a removed block was removed, else None.
    reason: Option<String>,
    /// A heading's level, 1-6, else None.
    level: Option<u8>,
    /// A list item's nesting depth (0 at the top), else None.
    depth: Option<u8>,
    /// Whether a list item's list is numbered, else None.
    ordered: Option<bool>,
    /// A table's cell texts row by row, else None.
    rows: Option<Vec<Vec<String>>>,
}

#[pymethods]
impl PyBlock {
    /// The block as a dict (the keys are the attributes).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("text", &self.text)?;
        d.set_item("kind", self.kind)?;
        d.set_item("verdict", self.verdict)?;
        d.set_item("category", self.category)?;
        d.set_item("reason", &self.reason)?;
        d.set_item("level", self.level)?;
        d.set_item("depth", self.depth)?;
        d.set_item("ordered", self.ordered)?;
        d.set_item("rows", &self.rows)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        let mut preview: String = self.text.chars().take(40).collect();
        if preview.len() < self.text.len() {
            preview.push('…');
        }
        match self.category {
            Some(category) => format!(
                "Block({}, {}/{category}: {preview:?})",
                self.kind, self.verdict
            ),
            None => format!("Block({}, {}: {preview:?})", self.kind, self.verdict),
        }
    }
}

fn block_of(judged: &declutter::Judged) -> PyBlock {
    let mut block = PyBlock {
        text: judged.block.text.clone(),
        kind: "paragraph",
        verdict: "content",
        category: None,
        reason: None,
        level: None,
        depth: None,
        ordered: None,
        rows: None,
    };
    match &judged.block.kind {
        BlockKind::Heading { level } => {
            block.kind = "heading";
            block.level = Some(*level);
        }
        BlockKind::Paragraph => {}
        BlockKind::ListItem { ordered, depth } => {
            block.kind = "list_item";
            block.ordered = Some(*ordered);
            block.depth = Some(*depth);
        }
        BlockKind::Quote => block.kind = "quote",
        BlockKind::Code => block.kind = "code",
        BlockKind::Table { rows, .. } => {
            block.kind = "table";
            block.rows = Some(rows.clone());
        }
    }
    match &judged.verdict {
        Verdict::Title => block.verdict = "title",
        Verdict::Content => {}
        Verdict::Removed { category, reason } => {
            block.verdict = "removed";
            block.category = Some(category.name());
            block.reason = Some(reason.to_string());
        }
    }
    block
}

/// The result of cleaning one page.
#[pyclass(module = "declutter", name = "Result", frozen)]
struct CleanResult {
    cleaned: Arc<Cleaned>,
    text: String,
    title_in_output: bool,
}

fn input_name(kind: InputKind) -> &'static str {
    match kind {
        InputKind::Auto => "auto",
        InputKind::Html => "html",
        InputKind::Text => "text",
    }
}

#[pymethods]
impl CleanResult {
    /// The cleaned page in the format asked for (text, Markdown, HTML or JSON), as the CLI
    /// writes it.
    #[getter]
    fn text(&self) -> &str {
        &self.text
    }
    /// The headline without its site suffix, or None.
    #[getter]
    fn title(&self) -> Option<&str> {
        self.cleaned.title.as_deref()
    }
    /// What the input was taken for: `html` or `text`.
    #[getter]
    fn input(&self) -> &'static str {
        input_name(self.cleaned.input)
    }
    /// The encoding the input was decoded from (`UTF-8`, `windows-1252`...).
    #[getter]
    fn encoding(&self) -> &'static str {
        self.cleaned.encoding
    }
    /// The language whose stop words dominate the text (ISO 639-1), or None.
    #[getter]
    fn language(&self) -> Option<&'static str> {
        self.cleaned.language
    }
    /// The language the page declares (`<html lang>`), or None.
    #[getter]
    fn declared_language(&self) -> Option<&str> {
        self.cleaned.metadata.declared_language.as_deref()
    }
    /// The author(s), several joined with ", ", or None.
    #[getter]
    fn author(&self) -> Option<&str> {
        self.cleaned.metadata.author.as_deref()
    }
    /// The publication date in ISO 8601 (`YYYY-MM-DD` or with the time and offset), or None.
    #[getter]
    fn date(&self) -> Option<&str> {
        self.cleaned.metadata.date.as_deref()
    }
    /// The canonical URL (or the `url` given), or None.
    #[getter]
    fn url(&self) -> Option<&str> {
        self.cleaned.metadata.url.as_deref()
    }
    /// The site name, or None.
    #[getter]
    fn site_name(&self) -> Option<&str> {
        self.cleaned.metadata.site_name.as_deref()
    }
    /// The page's own summary, or None.
    #[getter]
    fn description(&self) -> Option<&str> {
        self.cleaned.metadata.description.as_deref()
    }
    /// The page's main image URL, or None.
    #[getter]
    fn image(&self) -> Option<&str> {
        self.cleaned.metadata.image.as_deref()
    }
    /// The page's sections (list of str, at most 16).
    #[getter]
    fn categories(&self) -> Vec<String> {
        self.cleaned.metadata.categories.clone()
    }
    /// The page's tags (list of str, at most 16).
    #[getter]
    fn tags(&self) -> Vec<String> {
        self.cleaned.metadata.tags.clone()
    }
    /// The page type: `article`, `forum`, `listing`, `collection`, `product`,
    /// `documentation` or `service`.
    #[getter]
    fn page_type(&self) -> &'static str {
        self.cleaned.page.page_type.name()
    }
    /// The evidence for the page type (list of str).
    #[getter]
    fn page_type_evidence(&self) -> Vec<String> {
        self.cleaned.page.page_type_evidence.clone()
    }
    /// What the result lost to a limit (list of str, usually empty).
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.cleaned.warnings.clone()
    }
    /// Every block of the page in order, with its verdict (list of `Block`).
    #[getter]
    fn blocks(&self) -> Vec<PyBlock> {
        self.cleaned.blocks.iter().map(block_of).collect()
    }
    /// The kept text without the headline (plain text whatever the format).
    #[getter]
    fn body_text(&self) -> String {
        self.cleaned.body_text()
    }
    /// The metadata as a dict: title, author, date, url, site_name, description, image,
    /// language, declared_language, page_type, categories, tags; absent fields left out (the
    /// `metadata` object of the CLI's JSONL output).
    #[getter]
    fn metadata<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (name, value) in Record::of(&self.cleaned).pairs() {
            match value {
                Field::One(value) => dict.set_item(name, value)?,
                Field::Many(values) => dict.set_item(name, values)?,
            }
        }
        Ok(dict)
    }
    /// The CLI's `--format json` output for this page (pretty-printed, final line break):
    /// title, language, metadata, page type, every block with its verdict, and `text`. With
    /// `title=False` given to `clean`, `text` leaves the headline out, as `--no-title` does.
    fn to_json(&self, py: Python<'_>) -> String {
        let cleaned = Arc::clone(&self.cleaned);
        let title = self.title_in_output;
        py.detach(move || render(&cleaned, Format::Json, title, false))
    }

    /// The CLI's `--explain` report (str): the page type and its evidence, the count of kept
    /// and removed blocks, then every removed block with its category and reason, one a line.
    fn explain(&self) -> String {
        declutter::render::explain(&self.cleaned)
    }

    fn __str__(&self) -> &str {
        &self.text
    }

    fn __repr__(&self) -> String {
        let title = match &self.cleaned.title {
            Some(title) => format!("{title:?}"),
            None => "None".to_string(),
        };
        format!(
            "Result(title={title}, page_type={:?}, {} blocks, {} chars of text)",
            self.cleaned.page.page_type.name(),
            self.cleaned.blocks.len(),
            self.text.chars().count()
        )
    }
}

/// Cleans `bytes` with the GIL released.
fn clean_bytes(
    py: Python<'_>,
    bytes: &[u8],
    options: &Options,
    clean: &CleanOptions,
) -> Result<(Cleaned, String), declutter::Error> {
    py.detach(|| {
        let cleaned = declutter::clean(bytes, options)?;
        let text = clean.render(&cleaned);
        Ok((cleaned, text))
    })
}

/// Cleans one page with options read by `Options(...)`; see `declutter.clean`.
#[pyfunction]
fn clean_with(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    options: &Bound<'_, CleanOptions>,
) -> PyResult<CleanResult> {
    let clean = options.get();
    let result = if let Ok(bytes) = data.cast::<PyBytes>() {
        clean_bytes(py, bytes.as_bytes(), &clean.options, clean)
    } else if let Ok(string) = data.cast::<PyString>() {
        // A str is text already: its UTF-8 bytes are read as UTF-8 whatever the page declares.
        let text = string.to_cow()?;
        let utf8 = Options {
            charset: Some("utf-8".to_string()),
            ..clean.options.clone()
        };
        clean_bytes(py, text.as_bytes(), &utf8, clean)
    } else if let Ok(array) = data.cast::<PyByteArray>() {
        let bytes = array.to_vec();
        clean_bytes(py, &bytes, &clean.options, clean)
    } else {
        return Err(PyTypeError::new_err(format!(
            "a page is str, bytes or bytearray, not {}",
            data.get_type().name()?
        )));
    };
    let (cleaned, text) = result.map_err(to_py_err)?;
    Ok(CleanResult {
        cleaned: Arc::new(cleaned),
        text,
        title_in_output: clean.title,
    })
}

/// The native module.
#[pymodule]
fn _declutter(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<CleanOptions>()?;
    m.add_class::<CleanResult>()?;
    m.add_class::<PyBlock>()?;
    m.add_function(wrap_pyfunction!(clean_with, m)?)?;
    m.add("DeclutterError", py.get_type::<DeclutterError>())?;
    m.add("TooLargeError", py.get_type::<TooLargeError>())?;
    m.add("TooManyNodesError", py.get_type::<TooManyNodesError>())?;
    m.add("BinaryInputError", py.get_type::<BinaryInputError>())?;
    m.add("TimeoutError", py.get_type::<TimeoutError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
