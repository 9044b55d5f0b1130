//! Message tables (`locales/{en,id,zh}.txt`, embedded) and the formatting
//! of numbers, dates and figures per language.
//!
//! Table format: one `key = text` per line, `#` starts a comment line,
//! `{name}` is replaced by the argument `name`. Keys are the content
//! model's message keys (`mitra_insight::MESSAGE_KEYS`), `term.<vocabulary>.<value>`
//! for closed vocabularies, and `doc.*` for the documents' own headings and
//! labels.

use crate::html::escape;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use mitra_insight::message::{Arg, Message, Term};
use mitra_insight::provenance::{Figure, Provenance, Unit};
use std::collections::HashMap;
use std::sync::OnceLock;

/// A language a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Id,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Id, Lang::Zh];

    /// The BCP 47 tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Id => "id",
            Lang::Zh => "zh-Hans",
        }
    }

    /// The short code used in file names (`mission.zh.html`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Id => "id",
            Lang::Zh => "zh",
        }
    }

    /// Parses "en", "id", "zh" (and "zh-CN", "zh-Hans").
    pub fn parse(raw: &str) -> Option<Lang> {
        match raw {
            "en" => Some(Lang::En),
            "id" => Some(Lang::Id),
            "zh" | "zh-CN" | "zh-Hans" => Some(Lang::Zh),
            _ => None,
        }
    }

    fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../locales/en.txt"),
            Lang::Id => include_str!("../locales/id.txt"),
            Lang::Zh => include_str!("../locales/zh.txt"),
        }
    }
}

/// Parses a message table.
pub fn parse_table(text: &str) -> HashMap<String, String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once(" = "))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// The table of a language, parsed once.
pub fn table(lang: Lang) -> &'static HashMap<String, String> {
    static TABLES: OnceLock<[HashMap<String, String>; 3]> = OnceLock::new();
    let all = TABLES.get_or_init(|| Lang::ALL.map(|l| parse_table(l.source())));
    match lang {
        Lang::En => &all[0],
        Lang::Id => &all[1],
        Lang::Zh => &all[2],
    }
}

/// Renders text for one language. Every output is HTML, escaped.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Tr {
        Tr { lang }
    }

    /// The raw template of a key; a missing key shows as `[[key]]` so that
    /// tests catch it.
    pub fn raw(&self, key: &str) -> String {
        table(self.lang)
            .get(key)
            .cloned()
            .unwrap_or_else(|| format!("[[{key}]]"))
    }

    /// A document label, escaped.
    pub fn t(&self, key: &str) -> String {
        escape(&self.raw(key))
    }

    /// A label with text arguments (escaped).
    pub fn t_with(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut out = self.t(key);
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), &escape(value));
        }
        out
    }

    pub fn term(&self, term: &Term) -> String {
        self.t(&format!("term.{}.{}", term.vocabulary, term.value))
    }

    /// A message with its arguments, as HTML.
    pub fn msg(&self, message: &Message) -> String {
        let mut out = self.t(message.key);
        for (name, arg) in &message.args {
            out = out.replace(&format!("{{{name}}}"), &self.arg(arg));
        }
        out
    }

    pub fn arg(&self, arg: &Arg) -> String {
        match arg {
            Arg::Text(text) => escape(text),
            Arg::Figure(f) => self.fig(f),
            Arg::Term(term) => self.term(term),
            Arg::Date(d) => escape(&self.date(*d)),
            Arg::Hs(code) => format!("HS&nbsp;{}", escape(code)),
        }
    }

    fn separators(&self) -> (char, char) {
        match self.lang {
            Lang::Id => ('.', ','),
            Lang::En | Lang::Zh => (',', '.'),
        }
    }

    /// A number with `decimals` places, grouped the language's way.
    pub fn number(&self, value: f64, decimals: usize) -> String {
        let (group, point) = self.separators();
        let text = format!("{:.*}", decimals, value.abs());
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        let mut grouped = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(group);
            }
            grouped.push(c);
        }
        let sign = if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
            "-"
        } else {
            ""
        };
        if frac.is_empty() {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped}{point}{frac}")
        }
    }

    /// The value and unit of a figure, without its provenance marker.
    pub fn plain(&self, f: &Figure) -> String {
        match &f.unit {
            Unit::Count => self.number(f.value, 0),
            Unit::Money(c) | Unit::TradeValue(c) => {
                format!("{}&nbsp;{}", self.number(f.value, 0), escape(c))
            }
            Unit::Index => self.number(f.value, 2),
            Unit::Percent => {
                let decimals = if f.value != 0.0 && f.value.abs() < 0.1 {
                    3
                } else {
                    1
                };
                format!("{}%", self.number(f.value, decimals))
            }
            Unit::Stated(unit) => {
                let decimals = if f.value.fract() == 0.0 { 0 } else { 2 };
                format!("{}&nbsp;{}", self.number(f.value, decimals), escape(unit))
            }
        }
    }

    /// A figure with its origin beside it: a visible "illustrative" label,
    /// the source and period of a published figure, or the file it was
    /// computed from; figures from Mitra's records carry the origin in a
    /// title (the document's sources section names them).
    pub fn fig(&self, f: &Figure) -> String {
        let value = self.plain(f);
        match &f.provenance {
            Provenance::Illustrative { dataset } => format!(
                "<span class=\"fig\" data-provenance=\"illustrative\" title=\"{}\">{value} <span class=\"illus\">{}</span></span>",
                escape(dataset),
                self.t("doc.illustrative")
            ),
            Provenance::Loaded { file } => format!(
                "<span class=\"fig\" data-provenance=\"loaded\">{value} <span class=\"src\">[{}]</span></span>",
                escape(file)
            ),
            Provenance::Published { source, period, .. } => format!(
                "<span class=\"fig\" data-provenance=\"published\">{value} <span class=\"src\">({}, {})</span></span>",
                escape(source),
                escape(period)
            ),
            Provenance::Records { demo } => format!(
                "<span class=\"fig\" data-provenance=\"records\" title=\"{}\">{value}</span>",
                self.t(if *demo {
                    "doc.records-demo"
                } else {
                    "doc.records"
                })
            ),
        }
    }

    pub fn date(&self, d: NaiveDate) -> String {
        match self.lang {
            Lang::En => format!("{} {} {}", d.day(), self.month(d.month()), d.year()),
            Lang::Id => format!("{} {} {}", d.day(), self.month(d.month()), d.year()),
            Lang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        }
    }

    pub fn datetime(&self, t: NaiveDateTime) -> String {
        format!("{} {}", self.date(t.date()), t.format("%H:%M"))
    }

    fn month(&self, m: u32) -> &'static str {
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        const ID: [&str; 12] = [
            "Januari",
            "Februari",
            "Maret",
            "April",
            "Mei",
            "Juni",
            "Juli",
            "Agustus",
            "September",
            "Oktober",
            "November",
            "Desember",
        ];
        let i = (m.clamp(1, 12) - 1) as usize;
        match self.lang {
            Lang::Id => ID[i],
            _ => EN[i],
        }
    }
}
