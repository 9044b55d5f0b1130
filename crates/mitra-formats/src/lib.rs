//! The shared interchange formats (`shared/formats/README.md`): the batch
//! faces of the matching engine and the scheduler. Only this crate knows
//! their JSON; it converts them to and from the engines' own types.
//!
//! Every reader returns either a value or *all* the problems it found, each
//! naming its place (`requests[17].b: unknown participant "p99"`), so that a
//! user can fix a file in one pass.

pub mod event_instance;
pub mod matching;
pub mod organizations;
pub mod walk;

pub mod schedule;

use std::fmt;

/// One problem in an input file: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The JSON path of the offending value, e.g. `organizations[12].side`.
    pub place: String,
    pub message: String,
}

impl Problem {
    pub fn new(place: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            place: place.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.place.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.place, self.message)
        }
    }
}

/// Parses JSON text, turning a syntax error into a [`Problem`] that names
/// the line and column.
pub fn parse_json(text: &[u8]) -> Result<serde_json::Value, Problem> {
    serde_json::from_slice(text).map_err(|e| {
        Problem::new(
            format!("line {}, column {}", e.line(), e.column()),
            format!("invalid JSON: {e}"),
        )
    })
}

/// Serialises a value as pretty-printed JSON with a final newline; keys keep
/// their declared order, so the same value always gives the same bytes.
pub fn to_json_bytes<T: serde::Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
