//! JSON-LD read without building it: a script's JSON is parsed in one pass that keeps only what
//! the walk reads (arrays, objects and their `@graph`, `articleBody`, `datePublished`, `author` and
//! `@type`), at most [`MAX_VALUES`] values of it, and skips the rest unread. A large array
//! costs its parse, not a `serde_json::Value` many times its size.

use std::cell::Cell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// How many values of one script are read (arrays, objects, the items of arrays), as
/// `docs/RELIABILITY.md` states; the rest is ignored.
pub const MAX_VALUES: usize = 256;

/// What a JSON-LD script says about its page.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Found {
    /// The first `datePublished` read.
    pub date: Option<String>,
    /// The first `headline` read.
    pub headline: Option<String>,
    /// The first string `articleSection` read.
    pub section: Option<String>,
    /// The first string `keywords` read (comma-separated).
    pub keywords: Option<String>,
    /// The first author read (`author` as a string, `{name}`, or an array of them, the names
    /// joined with ", ").
    pub author: Option<String>,
    /// The longest string `articleBody` read.
    pub body: Option<String>,
    /// The `@type` values of the objects read (a string or the strings of an array), in the
    /// order read.
    pub types: Vec<String>,
}

/// Reads a JSON-LD script. Invalid JSON says nothing. Values are visited as a stack (an array's
/// last item first), at most [`MAX_VALUES`] of them.
pub fn read(text: &str) -> Found {
    let mut found = Found::default();
    let count = Cell::new(0);
    let mut de = serde_json::Deserializer::from_str(text);
    let Ok(root) = (Seed { count: &count }).deserialize(&mut de) else {
        return found;
    };
    if de.end().is_err() {
        return found;
    }
    let mut stack = vec![&root];
    let mut seen = 0;
    while let Some(v) = stack.pop() {
        seen += 1;
        if seen > MAX_VALUES {
            break;
        }
        match v {
            Ld::Array(items) => stack.extend(items),
            Ld::Object(object) => {
                if let Some(graph) = &object.graph {
                    stack.push(graph);
                }
                if object.body.as_ref().map_or(0, String::len)
                    > found.body.as_ref().map_or(0, String::len)
                {
                    found.body.clone_from(&object.body);
                }
                found.types.extend(object.types.iter().cloned());
                if let Some(date) = &object.date {
                    found.date.get_or_insert_with(|| date.clone());
                }
                if let Some(headline) = &object.headline {
                    found.headline.get_or_insert_with(|| headline.clone());
                }
                if let Some(section) = &object.section {
                    found.section.get_or_insert_with(|| section.clone());
                }
                if let Some(keywords) = &object.keywords {
                    found.keywords.get_or_insert_with(|| keywords.clone());
                }
                if let Some(author) = &object.author {
                    found.author.get_or_insert_with(|| author.clone());
                }
            }
            Ld::Other | Ld::Skipped => {}
        }
    }
    found
}

/// A JSON value as far as it is read.
enum Ld {
    Array(Vec<Ld>),
    Object(Box<Object>),
    /// A scalar.
    Other,
    /// A value past the limit, skipped unread.
    Skipped,
}

/// The fields of an object that are read (the last of duplicate keys wins, as in a
/// `serde_json::Value`).
#[derive(Default)]
struct Object {
    graph: Option<Ld>,
    body: Option<String>,
    date: Option<String>,
    headline: Option<String>,
    section: Option<String>,
    keywords: Option<String>,
    author: Option<String>,
    types: Vec<String>,
}

/// Reads one value, counting it; past the limit it is skipped unread.
#[derive(Clone, Copy)]
struct Seed<'c> {
    count: &'c Cell<usize>,
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Ld;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Ld, D::Error> {
        if self.count.get() >= MAX_VALUES {
            de.deserialize_ignored_any(IgnoredAny)?;
            return Ok(Ld::Skipped);
        }
        self.count.set(self.count.get() + 1);
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Ld;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Ld, E> {
        Ok(Ld::Other)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Ld, E> {
        Ok(Ld::Other)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Ld, E> {
        Ok(Ld::Other)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Ld, E> {
        Ok(Ld::Other)
    }
    fn visit_str<E>(self, _: &str) -> Result<Ld, E> {
        Ok(Ld::Other)
    }
    fn visit_unit<E>(self) -> Result<Ld, E> {
        Ok(Ld::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Ld, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self)? {
            if !matches!(item, Ld::Skipped) {
                items.push(item);
            }
        }
        Ok(Ld::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ld, A::Error> {
        let mut object = Object::default();
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Graph => object.graph = Some(map.next_value_seed(self)?),
                Key::Body => object.body = map.next_value_seed(Text { keep: true })?,
                Key::Date => object.date = map.next_value_seed(Text { keep: true })?,
                Key::Headline => object.headline = map.next_value_seed(Text { keep: true })?,
                Key::Section => object.section = map.next_value_seed(Text { keep: true })?,
                Key::Keywords => object.keywords = map.next_value_seed(Text { keep: true })?,
                Key::Author => object.author = map.next_value_seed(Author)?,
                Key::Type => object.types = map.next_value_seed(Types)?,
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Ld::Object(Box::new(object)))
    }
}

/// An object key the reader cares about.
enum Key {
    Graph,
    Body,
    Date,
    Headline,
    Section,
    Keywords,
    Author,
    Type,
    Other,
}

impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Key, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_str<E>(self, key: &str) -> Result<Key, E> {
                Ok(match key {
                    "@graph" => Key::Graph,
                    "articleBody" => Key::Body,
                    "datePublished" => Key::Date,
                    "headline" => Key::Headline,
                    "articleSection" => Key::Section,
                    "keywords" => Key::Keywords,
                    "author" => Key::Author,
                    "@type" => Key::Type,
                    _ => Key::Other,
                })
            }
        }
        de.deserialize_str(KeyVisitor)
    }
}

/// A seed that reads any JSON value with itself as the visitor, giving `Option<String>` (or
/// the value type given).
macro_rules! seed_is_its_own_visitor {
    ($seed:ty) => {
        seed_is_its_own_visitor!($seed, Option<String>);
    };
    ($seed:ty, $value:ty) => {
        impl<'de> DeserializeSeed<'de> for $seed {
            type Value = $value;

            fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<$value, D::Error> {
                de.deserialize_any(self)
            }
        }
    };
}

/// A string value (`Some`, its text when `keep`, else empty), or anything else (`None`,
/// skipped).
#[derive(Clone, Copy)]
struct Text {
    keep: bool,
}

seed_is_its_own_visitor!(Text);

/// Implements the visitor methods of a value that is read only when it is a string (or, for
/// the author, an object or array): everything else is skipped, as the value type's default
/// (`None`, an empty list).
macro_rules! skip_other_values {
    () => {
        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
    };
}

impl<'de> Visitor<'de> for Text {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    skip_other_values!();

    fn visit_str<E>(self, text: &str) -> Result<Option<String>, E> {
        Ok(Some(if self.keep {
            text.to_string()
        } else {
            String::new()
        }))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<String>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<String>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

/// The most authors of one array read (a byline names a few).
const MAX_AUTHORS: usize = 8;

/// An author's name: a string, an object's string `name`, or the names of an array's items
/// (strings or objects, at most [`MAX_AUTHORS`]) joined with ", ".
#[derive(Clone, Copy)]
struct Author;

seed_is_its_own_visitor!(Author);

impl<'de> Visitor<'de> for Author {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    skip_other_values!();

    fn visit_str<E>(self, name: &str) -> Result<Option<String>, E> {
        Ok(Some(name.to_string()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<String>, A::Error> {
        let mut names: Vec<String> = Vec::new();
        while let Some(name) = seq.next_element_seed(Named { string: true })? {
            if let Some(name) = name.filter(|n| !n.trim().is_empty()) {
                if names.len() < MAX_AUTHORS && !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        Ok((!names.is_empty()).then(|| names.join(", ")))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<String>, A::Error> {
        Named { string: false }.visit_map(map)
    }
}

/// An object's string `name`, or a string itself when `string` (anything else has none).
#[derive(Clone, Copy)]
struct Named {
    string: bool,
}

seed_is_its_own_visitor!(Named);

impl<'de> Visitor<'de> for Named {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    skip_other_values!();

    fn visit_str<E>(self, text: &str) -> Result<Option<String>, E> {
        Ok(self.string.then(|| text.to_string()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<String>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<String>, A::Error> {
        let mut name = None;
        while let Some(key) = map.next_key::<NameKey>()? {
            if key.0 {
                name = map.next_value_seed(Text { keep: true })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(name)
    }
}

/// Whether an object key is `name`.
struct NameKey(bool);

impl<'de> serde::Deserialize<'de> for NameKey {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<NameKey, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = NameKey;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_str<E>(self, key: &str) -> Result<NameKey, E> {
                Ok(NameKey(key == "name"))
            }
        }
        de.deserialize_str(KeyVisitor)
    }
}

/// The most `@type` values one object gives.
const MAX_TYPES: usize = 8;

/// An `@type`: a string, or the strings of an array (at most [`MAX_TYPES`]); anything else is
/// skipped.
#[derive(Clone, Copy)]
struct Types;

seed_is_its_own_visitor!(Types, Vec<String>);

impl<'de> Visitor<'de> for Types {
    type Value = Vec<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a type name or an array of them")
    }

    skip_other_values!();

    fn visit_str<E>(self, text: &str) -> Result<Vec<String>, E> {
        Ok(vec![text.to_string()])
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
        let mut types = Vec::new();
        while let Some(item) = seq.next_element_seed(Text { keep: true })? {
            if let Some(name) = item.filter(|_| types.len() < MAX_TYPES) {
                types.push(name);
            }
        }
        Ok(types)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<String>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the former reader (a whole `serde_json::Value`, then the same stack walk) found.
    fn by_value(text: &str) -> Found {
        let mut found = Found::default();
        let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
            return found;
        };
        let mut stack = vec![&value];
        let mut seen = 0;
        while let Some(v) = stack.pop() {
            seen += 1;
            if seen > MAX_VALUES {
                break;
            }
            match v {
                serde_json::Value::Array(items) => stack.extend(items),
                serde_json::Value::Object(map) => {
                    if let Some(graph) = map.get("@graph") {
                        stack.push(graph);
                    }
                    if let Some(body) = map.get("articleBody").and_then(|b| b.as_str()) {
                        if body.len() > found.body.as_ref().map_or(0, String::len) {
                            found.body = Some(body.to_string());
                        }
                    }
                    if let Some(date) = map.get("datePublished").and_then(|d| d.as_str()) {
                        found.date.get_or_insert_with(|| date.to_string());
                    }
                    if let Some(h) = map.get("headline").and_then(|d| d.as_str()) {
                        found.headline.get_or_insert_with(|| h.to_string());
                    }
                    if let Some(v) = map.get("articleSection").and_then(|d| d.as_str()) {
                        found.section.get_or_insert_with(|| v.to_string());
                    }
                    if let Some(v) = map.get("keywords").and_then(|d| d.as_str()) {
                        found.keywords.get_or_insert_with(|| v.to_string());
                    }
                    let name = match map.get("author") {
                        Some(serde_json::Value::String(s)) => Some(s.clone()),
                        Some(serde_json::Value::Object(o)) => {
                            o.get("name").and_then(|n| n.as_str()).map(str::to_string)
                        }
                        Some(serde_json::Value::Array(a)) => {
                            let mut names: Vec<String> = Vec::new();
                            for item in a {
                                let name = match item {
                                    serde_json::Value::String(s) => Some(s.as_str()),
                                    o => o.get("name").and_then(|n| n.as_str()),
                                };
                                if let Some(name) = name.filter(|n| !n.trim().is_empty()) {
                                    if names.len() < MAX_AUTHORS && !names.iter().any(|n| n == name)
                                    {
                                        names.push(name.to_string());
                                    }
                                }
                            }
                            (!names.is_empty()).then(|| names.join(", "))
                        }
                        _ => None,
                    };
                    if let Some(name) = name {
                        found.author.get_or_insert_with(|| name.to_string());
                    }
                    match map.get("@type") {
                        Some(serde_json::Value::String(t)) => found.types.push(t.clone()),
                        Some(serde_json::Value::Array(a)) => found.types.extend(
                            a.iter()
                                .filter_map(|t| t.as_str().map(str::to_string))
                                .take(MAX_TYPES),
                        ),
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        found
    }

    #[test]
    fn reads_what_a_whole_value_gives_on_ordinary_scripts() {
        for text in [
            r#"{"@type":"NewsArticle","datePublished":"2024-05-01","author":{"name":"Jane Roe"},"articleBody":"Text."}"#,
            r#"{"@graph":[{"@type":"WebPage"},{"@type":"Article","datePublished":"2023","author":[{"name":"A"},{"name":"B"}]},{"datePublished":"1999"}]}"#,
            r#"{"headline":"H","dateModified":"2024-02-01","author":["A", {"name":"B"}, "A", 3]}"#,
            r#"{"articleSection":"News","keywords":"a, b","@graph":[{"keywords":["x"]}]}"#,
            r#"[{"author":"Plain Name","datePublished":7},{"author":["x"],"articleBody":3}]"#,
            r#"{"author":{"name":5},"datePublished":"a","datePublished":"b","x":[1,{"y":null}]}"#,
            r#"[1, 2, [3, {"datePublished": "deep"}], true, null, "s"]"#,
            r#"{"@type":["Product",{"x":1},7,"IndividualProduct"],"@graph":[{"@type":"QAPage"}]}"#,
            r#"{"@type":{"not":"a name"}}"#,
            r#"{"broken": "#,
            r#"{"a": 1} trailing"#,
            "",
        ] {
            assert_eq!(read(text), by_value(text), "{text}");
        }
    }

    #[test]
    fn a_large_array_keeps_only_the_values_read() {
        // The former reader built every value; this one builds at most MAX_VALUES.
        let text = format!("[{}]", vec!["{\"a\":[0,0,0]}"; 100_000].join(","));
        let count = Cell::new(0);
        let mut de = serde_json::Deserializer::from_str(&text);
        let Ld::Array(items) = (Seed { count: &count }).deserialize(&mut de).unwrap() else {
            panic!("an array");
        };
        assert!(count.get() <= MAX_VALUES);
        assert!(items.len() <= MAX_VALUES);
        assert_eq!(read(&text), Found::default());
    }
}
