//! Language-neutral sentences. The content model never holds English,
//! Indonesian or Chinese prose of its own: it holds a message key and its
//! arguments, and `mitra-docs` renders them from its message tables. Text the
//! users wrote (names, notes, product descriptions) passes through as
//! [`Arg::Text`], untranslated.

use crate::provenance::Figure;
use chrono::NaiveDate;
use serde::Serialize;

/// One sentence: a key of the message tables and named arguments.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Message {
    pub fn new(key: &'static str) -> Message {
        Message {
            key,
            args: Vec::new(),
        }
    }

    /// Adds an argument (builder style).
    pub fn arg(mut self, name: &'static str, value: Arg) -> Message {
        self.args.push((name, value));
        self
    }

    pub fn text(self, name: &'static str, value: impl Into<String>) -> Message {
        self.arg(name, Arg::Text(value.into()))
    }

    pub fn figure(self, name: &'static str, value: Figure) -> Message {
        self.arg(name, Arg::Figure(value))
    }

    pub fn term(
        self,
        name: &'static str,
        vocabulary: &'static str,
        value: &'static str,
    ) -> Message {
        self.arg(name, Arg::Term(Term { vocabulary, value }))
    }
}

/// An argument of a message.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "kebab-case")]
pub enum Arg {
    /// Text as the user wrote it (a name, a product), shown as is.
    Text(String),
    /// A number with its provenance.
    Figure(Figure),
    /// A word of a closed vocabulary, translated by the renderer.
    Term(Term),
    /// A calendar date, formatted per language.
    Date(NaiveDate),
    /// An HS code.
    Hs(String),
}

/// A word of one of the closed vocabularies (next steps, sectors,
/// statuses). The renderer looks up `term.<vocabulary>.<value>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Term {
    pub vocabulary: &'static str,
    pub value: &'static str,
}

impl Term {
    pub fn new(vocabulary: &'static str, value: &'static str) -> Term {
        Term { vocabulary, value }
    }
}
