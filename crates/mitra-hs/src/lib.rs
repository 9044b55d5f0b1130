//! The Harmonized System (HS 2022) nomenclature: the shared language of
//! trade that lets an Indonesian offer and a Chinese need meet on one code.
//!
//! The data (`data/hs/`, public domain, see its README) is embedded at
//! compile time and parsed once on first use; every query after that is a
//! lookup in memory.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

const HS_CSV: &str = include_str!("../../../data/hs/hs2022.csv");
const SECTIONS_CSV: &str = include_str!("../../../data/hs/sections.csv");

/// A syntactically valid HS code: 2 (chapter), 4 (heading) or 6
/// (subheading) digits. Whether the code exists in HS 2022 is a separate
/// question ([`Nomenclature::get`]): people write outdated codes too.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct HsCode(String);

/// Why a string is not an HS code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HsCodeError {
    #[error("HS code {0:?} contains a character other than digits, dots and spaces")]
    NotDigits(String),
    #[error("HS code {0:?} has {1} digits; an HS code has 2, 4 or 6")]
    BadLength(String, usize),
}

/// The depth of a code in the nomenclature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    Chapter,
    Heading,
    Subheading,
}

impl Level {
    /// Number of digits of a code at this level.
    pub fn digits(self) -> usize {
        match self {
            Level::Chapter => 2,
            Level::Heading => 4,
            Level::Subheading => 6,
        }
    }
}

impl HsCode {
    /// Parses a code as people write it: "0901.11", "0901 11" and "090111"
    /// are the same subheading.
    pub fn parse(raw: &str) -> Result<HsCode, HsCodeError> {
        let mut digits = String::with_capacity(6);
        for c in raw.trim().chars() {
            match c {
                '0'..='9' => digits.push(c),
                '.' | ' ' => {}
                _ => return Err(HsCodeError::NotDigits(raw.to_string())),
            }
        }
        match digits.len() {
            2 | 4 | 6 => Ok(HsCode(digits)),
            n => Err(HsCodeError::BadLength(raw.to_string(), n)),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn level(&self) -> Level {
        match self.0.len() {
            2 => Level::Chapter,
            4 => Level::Heading,
            _ => Level::Subheading,
        }
    }

    /// The 2-digit chapter this code belongs to.
    pub fn chapter(&self) -> &str {
        &self.0[..2]
    }

    /// The 4-digit heading, if the code is at least that deep.
    pub fn heading(&self) -> Option<&str> {
        (self.0.len() >= 4).then(|| &self.0[..4])
    }

    /// The code one level up (a subheading's heading, a heading's chapter).
    pub fn parent(&self) -> Option<HsCode> {
        match self.0.len() {
            6 => Some(HsCode(self.0[..4].to_string())),
            4 => Some(HsCode(self.0[..2].to_string())),
            _ => None,
        }
    }

    /// The deepest level at which both codes agree, if any: two subheadings
    /// of one heading share [`Level::Heading`].
    pub fn shared_level(&self, other: &HsCode) -> Option<Level> {
        let common = self
            .0
            .bytes()
            .zip(other.0.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        match common {
            6 => Some(Level::Subheading),
            4 | 5 => Some(Level::Heading),
            2 | 3 => Some(Level::Chapter),
            _ => None,
        }
    }

    /// Whether `self` is `other` or lies inside it (0901 contains 090111).
    pub fn is_within(&self, other: &HsCode) -> bool {
        self.0.starts_with(&other.0)
    }
}

impl fmt::Display for HsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for HsCode {
    type Err = HsCodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        HsCode::parse(s)
    }
}

/// One line of the nomenclature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub code: HsCode,
    /// The nomenclature's own English description.
    pub description: String,
    /// Roman numeral of the section (I–XXI).
    pub section: String,
}

/// A section of the nomenclature (I–XXI), a group of chapters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub numeral: String,
    pub name: String,
}

/// The whole HS 2022 nomenclature in memory, sorted by code.
#[derive(Debug)]
pub struct Nomenclature {
    entries: Vec<Entry>,
    by_code: HashMap<String, usize>,
    sections: Vec<Section>,
}

#[derive(serde::Deserialize)]
struct Row {
    section: String,
    hscode: String,
    description: String,
}

/// The embedded nomenclature, parsed on first use.
pub fn nomenclature() -> &'static Nomenclature {
    static NOMENCLATURE: OnceLock<Nomenclature> = OnceLock::new();
    NOMENCLATURE.get_or_init(|| {
        Nomenclature::from_csv(HS_CSV, SECTIONS_CSV)
            .unwrap_or_else(|e| panic!("embedded HS data is broken: {e}"))
    })
}

/// Problems in nomenclature files (only reachable with files other than
/// the embedded ones, which a test checks).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("line {line}: {source}")]
    Csv { line: u64, source: csv::Error },
    #[error("line {line}: {source}")]
    Code { line: u64, source: HsCodeError },
}

impl Nomenclature {
    /// Builds the nomenclature from its two CSV files (as in `data/hs/`).
    pub fn from_csv(codes_csv: &str, sections_csv: &str) -> Result<Nomenclature, LoadError> {
        let mut entries = Vec::new();
        let mut reader = csv::Reader::from_reader(codes_csv.as_bytes());
        for (i, row) in reader.deserialize::<Row>().enumerate() {
            let line = i as u64 + 2;
            let row = row.map_err(|source| LoadError::Csv { line, source })?;
            let code =
                HsCode::parse(&row.hscode).map_err(|source| LoadError::Code { line, source })?;
            entries.push(Entry {
                code,
                description: row.description,
                section: row.section,
            });
        }
        entries.sort_by(|a, b| a.code.cmp(&b.code));
        let by_code = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.code.0.clone(), i))
            .collect();
        let mut sections = Vec::new();
        let mut reader = csv::Reader::from_reader(sections_csv.as_bytes());
        for (i, rec) in reader.records().enumerate() {
            let line = i as u64 + 2;
            let rec = rec.map_err(|source| LoadError::Csv { line, source })?;
            sections.push(Section {
                numeral: rec.get(0).unwrap_or_default().to_string(),
                name: rec.get(1).unwrap_or_default().to_string(),
            });
        }
        Ok(Nomenclature {
            entries,
            by_code,
            sections,
        })
    }

    /// Every entry, sorted by code (chapters before their headings).
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry of a code, if HS 2022 has it.
    pub fn get(&self, code: &HsCode) -> Option<&Entry> {
        self.by_code.get(code.as_str()).map(|&i| &self.entries[i])
    }

    /// The entry for a code written as text, if it parses and exists.
    pub fn lookup(&self, raw: &str) -> Option<&Entry> {
        HsCode::parse(raw).ok().and_then(|c| self.get(&c))
    }

    /// Whether HS 2022 has this code.
    pub fn contains(&self, code: &HsCode) -> bool {
        self.by_code.contains_key(code.as_str())
    }

    /// The parent entry (heading of a subheading, chapter of a heading).
    pub fn parent(&self, code: &HsCode) -> Option<&Entry> {
        code.parent().and_then(|p| self.get(&p))
    }

    /// The direct children of a code, in code order.
    pub fn children<'a>(&'a self, code: &HsCode) -> impl Iterator<Item = &'a Entry> + 'a {
        let depth = code.level().digits() + 2;
        let range = self.prefix_range(code.as_str());
        self.entries[range]
            .iter()
            .filter(move |e| e.code.0.len() == depth)
    }

    /// Every entry whose code starts with `prefix` (digits only; dots and
    /// spaces are ignored), in code order.
    pub fn search_prefix(&self, prefix: &str) -> &[Entry] {
        let digits: String = prefix.chars().filter(|c| c.is_ascii_digit()).collect();
        if digits.len() != prefix.chars().filter(|c| !matches!(c, '.' | ' ')).count() {
            return &[];
        }
        &self.entries[self.prefix_range(&digits)]
    }

    fn prefix_range(&self, prefix: &str) -> std::ops::Range<usize> {
        let start = self.entries.partition_point(|e| e.code.0.as_str() < prefix);
        let end = start
            + self.entries[start..]
                .iter()
                .take_while(|e| e.code.0.starts_with(prefix))
                .count();
        start..end
    }

    /// The section (I–XXI) a code belongs to.
    pub fn section_of(&self, code: &HsCode) -> Option<&Section> {
        let chapter = HsCode(code.chapter().to_string());
        let numeral = &self.get(&chapter)?.section;
        self.sections.iter().find(|s| &s.numeral == numeral)
    }

    pub fn sections(&self) -> &[Section] {
        &self.sections
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_has_every_level() {
        let hs = nomenclature();
        let count = |n| hs.entries().iter().filter(|e| e.code.0.len() == n).count();
        assert_eq!(count(2), 97);
        assert_eq!(count(4), 1229);
        assert_eq!(count(6), 5613);
        assert_eq!(hs.sections().len(), 21);
    }

    #[test]
    fn parses_codes_as_people_write_them() {
        assert_eq!(HsCode::parse("0901.11").unwrap().as_str(), "090111");
        assert_eq!(HsCode::parse(" 0901 11 ").unwrap().as_str(), "090111");
        assert_eq!(HsCode::parse("09").unwrap().level(), Level::Chapter);
        assert!(matches!(
            HsCode::parse("09011"),
            Err(HsCodeError::BadLength(_, 5))
        ));
        assert!(matches!(
            HsCode::parse("0901-11"),
            Err(HsCodeError::NotDigits(_))
        ));
        assert!(matches!(
            HsCode::parse(""),
            Err(HsCodeError::BadLength(_, 0))
        ));
    }

    #[test]
    fn looks_up_descriptions_parents_and_children() {
        let hs = nomenclature();
        let coffee = hs.lookup("0901.11").unwrap();
        assert!(coffee.description.to_lowercase().contains("coffee"));
        let heading = hs.parent(&coffee.code).unwrap();
        assert_eq!(heading.code.as_str(), "0901");
        assert_eq!(hs.parent(&heading.code).unwrap().code.as_str(), "09");
        let pepper: Vec<_> = hs
            .children(&HsCode::parse("0904").unwrap())
            .map(|e| e.code.as_str().to_string())
            .collect();
        assert!(pepper.contains(&"090411".to_string()));
        assert!(pepper.iter().all(|c| c.len() == 6 && c.starts_with("0904")));
        let headings_of_09: Vec<_> = hs.children(&HsCode::parse("09").unwrap()).collect();
        assert!(headings_of_09.iter().all(|e| e.code.0.len() == 4));
        assert!(headings_of_09.len() >= 10);
        assert_eq!(hs.section_of(&coffee.code).unwrap().numeral, "II");
    }

    #[test]
    fn prefix_search_finds_a_subtree() {
        let hs = nomenclature();
        let found = hs.search_prefix("0306.1");
        assert!(!found.is_empty());
        assert!(found.iter().all(|e| e.code.as_str().starts_with("03061")));
        assert!(hs.search_prefix("zz").is_empty());
        assert!(
            hs.search_prefix("99").is_empty()
                || hs
                    .search_prefix("99")
                    .iter()
                    .all(|e| e.code.0.starts_with("99"))
        );
    }

    #[test]
    fn shared_level_follows_the_hierarchy() {
        let a = HsCode::parse("090111").unwrap();
        assert_eq!(
            a.shared_level(&HsCode::parse("090111").unwrap()),
            Some(Level::Subheading)
        );
        assert_eq!(
            a.shared_level(&HsCode::parse("090112").unwrap()),
            Some(Level::Heading)
        );
        assert_eq!(
            a.shared_level(&HsCode::parse("0904").unwrap()),
            Some(Level::Chapter)
        );
        assert_eq!(a.shared_level(&HsCode::parse("8424").unwrap()), None);
        assert!(a.is_within(&HsCode::parse("09").unwrap()));
    }
}
