//! Reading a JSON value field by field while collecting every problem with
//! its place. The readers of the formats use this rather than serde's
//! derive so that one bad value does not hide the next one, and so that
//! every message names the exact path.

use crate::Problem;
use serde_json::{Map, Value};

/// Collects problems while a reader walks a document.
#[derive(Debug, Default)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn push(&mut self, place: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem::new(place, message));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Ok(value) when no problem was found, else every problem.
    pub fn finish<T>(self, value: T) -> Result<T, Vec<Problem>> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self.0)
        }
    }
}

/// The JSON type of a value, as a person would name it.
pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Checks the top-level object and its `format` key.
pub fn document<'a>(
    value: &'a Value,
    expected_format: &str,
    problems: &mut Problems,
) -> Option<&'a Map<String, Value>> {
    let Some(object) = value.as_object() else {
        problems.push(
            "(document)",
            format!("expected an object, found {}", kind(value)),
        );
        return None;
    };
    match object.get("format") {
        Some(Value::String(f)) if f == expected_format => Some(object),
        Some(Value::String(f)) => {
            problems.push(
                "format",
                format!("expected \"{expected_format}\", found {f:?}"),
            );
            None
        }
        Some(other) => {
            problems.push(
                "format",
                format!("expected \"{expected_format}\", found {}", kind(other)),
            );
            None
        }
        None => {
            problems.push("format", format!("missing; expected \"{expected_format}\""));
            None
        }
    }
}

/// A required string field.
pub fn required_str<'a>(
    object: &'a Map<String, Value>,
    key: &str,
    place: &str,
    problems: &mut Problems,
) -> Option<&'a str> {
    match object.get(key) {
        Some(Value::String(s)) => Some(s),
        Some(other) => {
            problems.push(
                format!("{place}.{key}"),
                format!("expected a string, found {}", kind(other)),
            );
            None
        }
        None => {
            problems.push(format!("{place}.{key}"), "missing (required)");
            None
        }
    }
}

/// An optional string field (absent and null both mean "not given").
pub fn optional_str<'a>(
    object: &'a Map<String, Value>,
    key: &str,
    place: &str,
    problems: &mut Problems,
) -> Option<&'a str> {
    match object.get(key) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(other) => {
            problems.push(
                format!("{place}.{key}"),
                format!("expected a string, found {}", kind(other)),
            );
            None
        }
    }
}

/// A required list field; `None` (with a problem) when absent or not a list.
pub fn required_list<'a>(
    object: &'a Map<String, Value>,
    key: &str,
    place: &str,
    problems: &mut Problems,
) -> Option<&'a Vec<Value>> {
    match object.get(key) {
        Some(Value::Array(items)) => Some(items),
        Some(other) => {
            problems.push(
                format!("{place}.{key}"),
                format!("expected a list, found {}", kind(other)),
            );
            None
        }
        None => {
            problems.push(
                format!("{place}.{key}"),
                "missing (required; may be an empty list)",
            );
            None
        }
    }
}

/// An optional list field; absent or null is an empty list.
pub fn optional_list<'a>(
    object: &'a Map<String, Value>,
    key: &str,
    place: &str,
    problems: &mut Problems,
) -> Option<&'a [Value]> {
    match object.get(key) {
        None | Some(Value::Null) => Some(&[]),
        Some(Value::Array(items)) => Some(items),
        Some(other) => {
            problems.push(
                format!("{place}.{key}"),
                format!("expected a list, found {}", kind(other)),
            );
            None
        }
    }
}

/// A list of strings, each checked; problems name `place.key[i]`.
pub fn strings<'a>(
    items: &'a [Value],
    place: &str,
    problems: &mut Problems,
) -> Vec<(usize, &'a str)> {
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match item {
            Value::String(s) => out.push((i, s.as_str())),
            other => problems.push(
                format!("{place}[{i}]"),
                format!("expected a string, found {}", kind(other)),
            ),
        }
    }
    out
}

/// An element of a list that must be an object.
pub fn object_at<'a>(
    value: &'a Value,
    place: &str,
    problems: &mut Problems,
) -> Option<&'a Map<String, Value>> {
    match value {
        Value::Object(o) => Some(o),
        other => {
            problems.push(place, format!("expected an object, found {}", kind(other)));
            None
        }
    }
}
