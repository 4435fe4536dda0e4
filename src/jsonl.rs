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
//! let clean = serde_json::value::to_raw_value(&cleaned.body_text()).unwrap();
//! let out = jsonl::with_fields(line, record, vec![("clean", clean)]);
//! assert!(out.starts_with(r#"{"id":7,"#) && out.contains(r#""clean":"The council"#));
//!
//! let failure = jsonl::clean_record(b"[1]", "text", &Options::default()).unwrap_err();
//! assert_eq!(failure.message, "not a JSON object but an array");
//! ```

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::{Cleaned, Options};

/// A JSON object read from a line: its members in order, each value exactly as written (a
/// number keeps its digits, `1.10` stays `1.10`, `12345678901234567890123` is not rounded).
#[derive(Debug)]
pub struct Record<'a> {
    members: Vec<(String, &'a RawValue)>,
}

impl<'a> Record<'a> {
    /// The value of member `key` as written (the last one, when a key repeats, as JSON parsers
    /// commonly read it).
    pub fn get(&self, key: &str) -> Option<&'a RawValue> {
        self.members
            .iter()
            .rev()
            .find(|(name, _)| name == key)
            .map(|(_, value)| *value)
    }

    /// Whether the record has a member `key`.
    pub fn contains_key(&self, key: &str) -> bool {
        self.members.iter().any(|(name, _)| name == key)
    }
}

impl<'de> Deserialize<'de> for Record<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Members;
        impl<'de> Visitor<'de> for Members {
            type Value = Record<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record<'de>, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry::<String, &'de RawValue>()? {
                    members.push(member);
                }
                Ok(Record { members })
            }
        }
        deserializer.deserialize_map(Members)
    }
}

/// Why a line has no cleaned record.
#[derive(Debug)]
pub struct Failure<'a> {
    /// What went wrong, for the `error` field.
    pub message: String,
    /// The record, when the line parsed as a JSON object (its `id` and `url` name it).
    pub record: Option<Record<'a>>,
}

impl<'a> Failure<'a> {
    fn new(message: String, record: Option<Record<'a>>) -> Self {
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
/// Fails on an empty line, a line that is not UTF-8, not JSON or not an object, a missing
/// field, a field that is not a string, or a page the library refuses.
pub fn clean_record<'a>(
    line: &'a [u8],
    field: &str,
    options: &Options,
) -> Result<(Record<'a>, Cleaned), Failure<'a>> {
    if line.iter().all(u8::is_ascii_whitespace) {
        return Err(Failure::new("empty line".to_string(), None));
    }
    let text = std::str::from_utf8(line)
        .map_err(|e| Failure::new(format!("not JSON: not UTF-8 ({e})"), None))?;
    let value: &RawValue =
        serde_json::from_str(text).map_err(|e| Failure::new(format!("not JSON: {e}"), None))?;
    let kind = json_kind(value);
    if kind != "an object" {
        return Err(Failure::new(format!("not a JSON object but {kind}"), None));
    }
    let record: Record = serde_json::from_str(value.get())
        .map_err(|e| Failure::new(format!("not JSON: {e}"), None))?;
    let page = match record.get(field) {
        Some(value) if value.get().starts_with('"') => {
            match serde_json::from_str::<String>(value.get()) {
                Ok(page) => page,
                Err(e) => return Err(Failure::new(format!("not JSON: {e}"), Some(record))),
            }
        }
        Some(other) => {
            let message = format!("field {field:?} is {}, not a string", json_kind(other));
            return Err(Failure::new(message, Some(record)));
        }
        None => return Err(Failure::new(format!("no field {field:?}"), Some(record))),
    };
    // The record's `url` is the page's address for its links, unless the caller gave one.
    let url = match (&options.url, record.get("url")) {
        (None, Some(url)) if options.formatting => serde_json::from_str::<String>(url.get()).ok(),
        _ => None,
    };
    // A JSON string is Unicode already: its UTF-8 bytes are read as UTF-8, whatever charset
    // the page inside it declares (a `<meta charset=windows-1252>` would garble it).
    let options = Options {
        charset: Some("utf-8".to_string()),
        url: url.or_else(|| options.url.clone()),
        ..options.clone()
    };
    match crate::clean(page.as_bytes(), &options) {
        Ok(cleaned) => Ok((record, cleaned)),
        Err(e) => Err(Failure::new(
            format!("cannot clean field {field:?}: {e}"),
            Some(record),
        )),
    }
}

/// The record with `fields` (names and JSON values) added, on one line. When the record has
/// none of them yet, they are appended to the `original` line, so everything else stays byte
/// for byte (a line break between tokens, which JSON allows, becomes a space); else the record
/// is written anew with each field replaced where it stands, every other value still as
/// written.
pub fn with_fields(original: &[u8], record: Record, fields: Vec<(&str, Box<RawValue>)>) -> String {
    let fresh = fields.iter().all(|(name, _)| !record.contains_key(name));
    let body = std::str::from_utf8(original)
        .ok()
        .map(|text| text.trim_end_matches([' ', '\t', '\r', '\n']))
        .and_then(|text| text.strip_suffix('}'));
    let mut out = String::new();
    match body {
        Some(body) if fresh => {
            out.push_str(body);
            // `{}` has nothing to separate the first new field from.
            let mut empty = body.trim_end().ends_with('{');
            for (name, value) in &fields {
                push_member(&mut out, &mut empty, name, value);
            }
        }
        _ => {
            out.push('{');
            let mut empty = true;
            let names: Vec<&str> = fields.iter().map(|(name, _)| *name).collect();
            let mut fields: Vec<Option<(&str, Box<RawValue>)>> =
                fields.into_iter().map(Some).collect();
            for (name, value) in &record.members {
                match names.iter().position(|n| n == name) {
                    // The new value stands where the field first stood; its repeats go.
                    Some(i) => {
                        if let Some((name, value)) = fields[i].take() {
                            push_member(&mut out, &mut empty, name, &value);
                        }
                    }
                    None => push_member(&mut out, &mut empty, name, value),
                }
            }
            for (name, value) in fields.into_iter().flatten() {
                push_member(&mut out, &mut empty, name, &value);
            }
        }
    }
    out.push('}');
    // JSON strings cannot hold a raw line break: any left are whitespace between tokens.
    if out.contains(['\r', '\n']) {
        out = out.replace(['\r', '\n'], " ");
    }
    out
}

/// Appends `"name":value`, after a comma unless the object is still `empty`.
fn push_member(out: &mut String, empty: &mut bool, name: &str, value: &RawValue) {
    if !*empty {
        out.push(',');
    }
    *empty = false;
    out.push_str(&serde_json::Value::from(name).to_string());
    out.push(':');
    out.push_str(value.get());
}

/// `{"error": message, "line": number}`, with the `file` name when reading files, and the
/// record's `id` and `url` (as written) when it has them.
pub fn error_record(
    message: &str,
    number: u64,
    file: Option<&str>,
    record: Option<&Record>,
) -> String {
    let text = |s: &str| serde_json::Value::from(s).to_string();
    let mut out = format!("{{\"error\":{},\"line\":{number}", text(message));
    if let Some(file) = file {
        out.push_str(&format!(",\"file\":{}", text(file)));
    }
    for key in ["id", "url"] {
        if let Some(value) = record.and_then(|r| r.get(key)) {
            out.push_str(&format!(",{}:{}", text(key), value.get()));
        }
    }
    out.push('}');
    if out.contains(['\r', '\n']) {
        out = out.replace(['\r', '\n'], " ");
    }
    out
}

/// "a number", "an array", ... for error messages.
fn json_kind(value: &RawValue) -> &'static str {
    match value.get().as_bytes().first() {
        Some(b'n') => "null",
        Some(b't' | b'f') => "a boolean",
        Some(b'"') => "a string",
        Some(b'[') => "an array",
        Some(b'{') => "an object",
        _ => "a number",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<p>The council agreed on Tuesday to rebuild the old bridge, which has been closed since the spring floods.</p>";

    fn clean(line: &str) -> String {
        match clean_record(line.as_bytes(), "html", &Options::default()) {
            Ok((record, cleaned)) => {
                let clean = serde_json::value::to_raw_value(&cleaned.body_text()).unwrap();
                with_fields(line.as_bytes(), record, vec![("clean", clean)])
            }
            Err(failure) => error_record(&failure.message, 1, None, failure.record.as_ref()),
        }
    }

    #[test]
    fn values_come_back_as_written_when_the_record_is_written_anew() {
        let html = serde_json::Value::from(PAGE).to_string();
        let numbers =
            r#""a":12345678901234567890123,"b":1.10,"c":-0.0,"d":1E+2,"e":[1.50, {"f":2e-7}]"#;
        // Appended, written anew for a line break, written anew for an existing field.
        for line in [
            format!("{{{numbers},\"html\":{html}}}"),
            format!("{{{numbers},\r\"html\":{html}}}"),
            format!("{{\"clean\":0,{numbers},\"html\":{html},\"clean\":1}}"),
        ] {
            let out = clean(&line);
            assert!(out.contains(numbers), "{out}");
            assert!(!out.contains(['\r', '\n']), "{out}");
            let value: serde_json::Value = serde_json::from_str(&out).unwrap();
            assert!(
                value["clean"].as_str().unwrap().contains("old bridge"),
                "{out}"
            );
            assert_eq!(out.matches("\"clean\"").count(), 1, "{out}");
        }
        let out = clean(&format!("{{\"clean\":0,\"x\":1,\"html\":{html}}}"));
        assert!(out.starts_with(r#"{"clean":"The council"#), "{out}");
    }

    #[test]
    fn a_pages_declared_charset_does_not_garble_its_json_string() {
        let page = format!(
            "<!DOCTYPE html><html><head><meta charset=\"koi8-r\"></head><body>{}</body></html>",
            PAGE.replace("old bridge", "old bridge (Brücke, мост, 橋)")
        );
        let html = serde_json::Value::from(page).to_string();
        let out = clean(&format!("{{\"html\":{html}}}"));
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        let clean = value["clean"].as_str().unwrap();
        assert!(clean.contains("old bridge (Brücke, мост, 橋)"), "{out}");
    }

    #[test]
    fn error_records_name_the_record_as_written() {
        let out = clean(r#"{"id":12345678901234567890123,"url":"http://x.example/","html":[1]}"#);
        assert_eq!(
            out,
            r#"{"error":"field \"html\" is an array, not a string","line":1,"id":12345678901234567890123,"url":"http://x.example/"}"#
        );
        let out = clean("{\"id\":{\"a\":\r1},\"html\":null}");
        assert_eq!(
            out,
            r#"{"error":"field \"html\" is null, not a string","line":1,"id":{"a": 1}}"#
        );
        assert!(clean("\"just a string\"").contains("not a JSON object but a string"));
        assert!(clean("{\"html\":").starts_with(r#"{"error":"not JSON:"#));
    }
}
