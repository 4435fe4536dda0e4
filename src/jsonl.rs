//! JSON Lines records: the per-line half of `declutter --jsonl`, without any I/O.
//!
//! A line is a JSON object with the page in one string field. [`clean_record`] parses the line
//! and cleans the field; [`with_fields`] writes the record back with the results added (byte
//! for byte when it can); a line that cannot be cleaned becomes an [`error_record`] in its
//! place, so an output stream always has one line per input line.
//!
//! ```
//! use declutter::{jsonl, Options};
//! let line = br#"{"id":7,"text":"Short line\n\nThe council agreed on Tuesday to rebuild the old bridge, which has been closed since the spring floods."}"#;
//! let (record, cleaned) = jsonl::clean_record(line, "text", &Options::default()).unwrap();
//! let out = jsonl::with_fields(line, record, vec![("clean", cleaned.body_text().into())]);
//! assert!(out.starts_with(r#"{"id":7,"#) && out.contains(r#""clean":"The council"#));
//!
//! let failure = jsonl::clean_record(b"[1]", "text", &Options::default()).unwrap_err();
//! assert_eq!(failure.message, "not a JSON object but an array");
//! ```

use serde_json::{Map, Value};

use crate::{Cleaned, Options};

/// Why a line has no cleaned record.
#[derive(Debug)]
pub struct Failure {
    /// What went wrong, for the `error` field.
    pub message: String,
    /// The record, when the line parsed as a JSON object (its `id` and `url` name it).
    pub record: Option<Map<String, Value>>,
}

impl Failure {
    fn new(message: String, record: Option<Map<String, Value>>) -> Self {
        Self { message, record }
    }
}

/// `line` without its final line break (`\n` or `\r\n`).
pub fn strip_line_break(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Parses one line (without its line break) as a JSON object and cleans its string `field`.
///
/// Fails on an empty line, a line that is not JSON or not an object, a missing field, a field
/// that is not a string, or a page the library refuses.
pub fn clean_record(
    line: &[u8],
    field: &str,
    options: &Options,
) -> Result<(Map<String, Value>, Cleaned), Failure> {
    if line.iter().all(u8::is_ascii_whitespace) {
        return Err(Failure::new("empty line".to_string(), None));
    }
    let map = match serde_json::from_slice::<Value>(line) {
        Ok(Value::Object(map)) => map,
        Ok(other) => {
            let kind = json_kind(&other);
            return Err(Failure::new(format!("not a JSON object but {kind}"), None));
        }
        Err(e) => return Err(Failure::new(format!("not JSON: {e}"), None)),
    };
    let page = match map.get(field) {
        Some(Value::String(page)) => page,
        Some(other) => {
            let message = format!("field {field:?} is {}, not a string", json_kind(other));
            return Err(Failure::new(message, Some(map)));
        }
        None => return Err(Failure::new(format!("no field {field:?}"), Some(map))),
    };
    match crate::clean(page.as_bytes(), options) {
        Ok(cleaned) => Ok((map, cleaned)),
        Err(e) => Err(Failure::new(
            format!("cannot clean field {field:?}: {e}"),
            Some(map),
        )),
    }
}

/// The record with `fields` added: appended to the `original` line when the record does not
/// have them yet and the line holds no line break (`\r` counts: JSON allows it between tokens),
/// so everything else stays byte for byte; else `map` re-serialised, on one line, with the
/// fields replaced in place.
pub fn with_fields(
    original: &[u8],
    mut map: Map<String, Value>,
    fields: Vec<(&str, Value)>,
) -> String {
    let fresh = fields.iter().all(|(name, _)| !map.contains_key(*name));
    let one_line = memchr::memchr2(b'\n', b'\r', original).is_none();
    let body = std::str::from_utf8(original)
        .ok()
        .filter(|_| one_line)
        .map(|text| text.trim_end_matches([' ', '\t', '\r', '\n']))
        .and_then(|text| text.strip_suffix('}'));
    match body {
        Some(body) if fresh => {
            let mut out = body.to_string();
            // `{}` has nothing to separate the first new field from.
            let empty = body.trim_end().ends_with('{');
            for (i, (name, value)) in fields.into_iter().enumerate() {
                if i > 0 || !empty {
                    out.push(',');
                }
                out.push_str(&Value::from(name).to_string());
                out.push(':');
                out.push_str(&value.to_string());
            }
            out.push('}');
            out
        }
        _ => {
            for (name, value) in fields {
                map.insert(name.to_string(), value);
            }
            Value::Object(map).to_string()
        }
    }
}

/// `{"error": message, "line": number}`, with the `file` name when reading files, and the
/// record's `id` and `url` when it has them.
pub fn error_record(
    message: &str,
    number: u64,
    file: Option<&str>,
    record: Option<&Map<String, Value>>,
) -> String {
    let mut out = Map::new();
    out.insert("error".to_string(), message.into());
    out.insert("line".to_string(), number.into());
    if let Some(file) = file {
        out.insert("file".to_string(), file.into());
    }
    for key in ["id", "url"] {
        if let Some(value) = record.and_then(|r| r.get(key)) {
            out.insert(key.to_string(), value.clone());
        }
    }
    Value::Object(out).to_string()
}

/// "a number", "an array", ... for error messages.
fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
