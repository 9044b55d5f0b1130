//! The trade lexicon: concepts (products with their HS codes, services
//! without codes, buyer and distributor intents, regions) and the words
//! people write for them in English, Indonesian, Chinese (plus a few
//! Russian, Portuguese, Spanish and Vietnamese trade words).
//!
//! The data lives in `data/*.txt`, one concept a line:
//!
//! ```text
//! id | parent[~link] | kind | hs codes or countries | en: a, b; id: c; zh: d; ru: e; xx: f
//! ```
//!
//! `kind` is `P` (a product traded as such: coffee, shrimp), `T` (a tool,
//! input or piece of equipment: a dryer, feed, fertilizer, seeds, drones,
//! packaging), `S` (a service without HS code), `B` (a buyer intent:
//! "importers", "pembeli", "进口商"), `D` (a distribution intent: agent,
//! distributor), `G` (a region; the fourth field lists ISO countries) or
//! `Q` (a qualifier only: a variety or grade that specifies nothing alone)
//! or `W` (packaging: traded alone, a mere detail beside a product).
//! `~link` is how much a need for this concept is served by an offer of
//! its parent or of a sibling (default [`DEFAULT_LINK`]); look-alike
//! families (spraying vs mapping drones) use a weak link.
//!
//! Terms are normalised with the same pipeline as registrations
//! ([`crate::text`]), so "Irigasi tetes" in a text meets `irigasi tetes`
//! here whatever the inflection.

use crate::text::{self, Segment};
use mitra_hs::HsCode;
use std::collections::HashMap;
use std::sync::OnceLock;

/// How strongly a need for a concept is served by its parent or siblings,
/// when the lexicon line says nothing.
pub const DEFAULT_LINK: f32 = 0.55;

const DATA: &[&str] = &[
    include_str!("../data/agrifood.txt"),
    include_str!("../data/inputs-machinery.txt"),
    include_str!("../data/services-intents.txt"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Product,
    Tool,
    Service,
    Buyer,
    Distributor,
    Region,
    Qualifier,
    /// Packaging and containers: traded on their own, but with a product
    /// they only say how it is packed ("milk powder, 25 kg bags").
    Packaging,
}

#[derive(Debug, Clone)]
pub struct Concept {
    pub id: String,
    pub parent: Option<u32>,
    /// See the module documentation.
    pub link: f32,
    pub kind: Kind,
    pub hs: Vec<HsCode>,
    /// For regions: ISO 3166 alpha-2 codes.
    pub countries: Vec<String>,
    /// A short English name for reasons.
    pub label: String,
    /// The Chinese name, when the lexicon has one (for reasons).
    pub label_zh: Option<String>,
}

#[derive(Debug)]
pub struct Lexicon {
    pub concepts: Vec<Concept>,
    /// Phrases keyed by English (or Russian) stems joined by spaces.
    pub by_en: HashMap<String, u32>,
    /// Phrases keyed by Indonesian stems.
    pub by_id: HashMap<String, u32>,
    /// Phrases keyed by folded surface forms (other Latin languages).
    pub by_raw: HashMap<String, u32>,
    /// Chinese terms, matched longest-first over Han runs.
    pub by_han: HashMap<String, u32>,
    pub max_words: usize,
    pub max_han: usize,
    /// Lines the loader could not use (tests require none).
    pub problems: Vec<String>,
}

/// The embedded lexicon, loaded on first use.
pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::parse(DATA))
}

fn join_key(words: &[text::Word], f: fn(&text::Word) -> &str) -> String {
    let mut s = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(f(w));
    }
    s
}

impl Lexicon {
    pub fn parse(files: &[&str]) -> Lexicon {
        let mut lex = Lexicon {
            concepts: Vec::new(),
            by_en: HashMap::new(),
            by_id: HashMap::new(),
            by_raw: HashMap::new(),
            by_han: HashMap::new(),
            max_words: 1,
            max_han: 1,
            problems: Vec::new(),
        };
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut parents: Vec<(u32, String)> = Vec::new();
        let mut terms: Vec<(u32, String, String)> = Vec::new();
        for file in files {
            for line in file.lines() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let fields: Vec<&str> = line.split('|').map(str::trim).collect();
                if fields.len() != 5 {
                    lex.problems.push(format!("not 5 fields: {line}"));
                    continue;
                }
                let kind = match fields[2] {
                    "P" => Kind::Product,
                    "T" => Kind::Tool,
                    "S" => Kind::Service,
                    "B" => Kind::Buyer,
                    "D" => Kind::Distributor,
                    "G" => Kind::Region,
                    "Q" => Kind::Qualifier,
                    "W" => Kind::Packaging,
                    k => {
                        lex.problems.push(format!("unknown kind {k}: {line}"));
                        continue;
                    }
                };
                let idx = lex.concepts.len() as u32;
                if ids.insert(fields[0].to_string(), idx).is_some() {
                    lex.problems
                        .push(format!("duplicate concept {}", fields[0]));
                    continue;
                }
                let (parent, link) = match fields[1].split_once('~') {
                    Some((p, l)) => (p, l.parse::<f32>().unwrap_or(DEFAULT_LINK)),
                    None => (fields[1], DEFAULT_LINK),
                };
                if parent != "-" && !parent.is_empty() {
                    parents.push((idx, parent.to_string()));
                }
                let mut hs = Vec::new();
                let mut countries = Vec::new();
                for code in fields[3]
                    .split(',')
                    .map(str::trim)
                    .filter(|c| *c != "-" && !c.is_empty())
                {
                    if kind == Kind::Region {
                        countries.push(code.to_string());
                    } else {
                        match HsCode::parse(code) {
                            Ok(c) => hs.push(c),
                            Err(e) => lex.problems.push(format!("{}: {e}", fields[0])),
                        }
                    }
                }
                let mut label = String::new();
                let mut label_zh = None;
                for group in fields[4].split(';') {
                    let Some((lang, list)) = group.split_once(':') else {
                        if !group.trim().is_empty() {
                            lex.problems
                                .push(format!("{}: term group without language", fields[0]));
                        }
                        continue;
                    };
                    let lang = lang.trim();
                    for term in list.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                        if label.is_empty() && lang == "en" {
                            label = term.to_string();
                        }
                        if label_zh.is_none() && lang == "zh" {
                            label_zh = Some(term.to_string());
                        }
                        terms.push((idx, lang.to_string(), term.to_string()));
                    }
                }
                if label.is_empty() {
                    label = fields[0]
                        .rsplit('.')
                        .next()
                        .unwrap_or(fields[0])
                        .replace('_', " ");
                }
                lex.concepts.push(Concept {
                    id: fields[0].to_string(),
                    parent: None,
                    link,
                    kind,
                    hs,
                    countries,
                    label,
                    label_zh,
                });
            }
        }
        for (idx, parent) in parents {
            match ids.get(&parent) {
                Some(&p) => lex.concepts[idx as usize].parent = Some(p),
                None => lex.problems.push(format!(
                    "{}: unknown parent {parent}",
                    lex.concepts[idx as usize].id
                )),
            }
        }
        for (idx, lang, term) in terms {
            lex.add_term(idx, &lang, &term);
        }
        lex
    }

    fn add_term(&mut self, idx: u32, lang: &str, term: &str) {
        let a = text::analyse(term);
        let mut inserted = false;
        for seg in &a.segments {
            match seg {
                Segment::Han(h) if lang == "zh" => {
                    self.max_han = self.max_han.max(h.chars().count());
                    inserted |= insert(
                        &mut self.by_han,
                        h.clone(),
                        idx,
                        &mut self.problems,
                        &self.concepts,
                    );
                }
                Segment::Words(ws) if lang != "zh" => {
                    self.max_words = self.max_words.max(ws.len());
                    let (map, key) = match lang {
                        "en" | "ru" => (&mut self.by_en, join_key(ws, |w| &w.en)),
                        "id" => (&mut self.by_id, join_key(ws, |w| &w.id)),
                        _ => (&mut self.by_raw, join_key(ws, |w| &w.raw)),
                    };
                    inserted |= insert(map, key, idx, &mut self.problems, &self.concepts);
                }
                _ => {}
            }
        }
        if !inserted || a.segments.len() != 1 {
            self.problems.push(format!(
                "{}: term {term:?} ({lang}) is not one phrase after normalisation",
                self.concepts[idx as usize].id
            ));
        }
    }

    /// The ancestors of a concept with the weight a need for `c` gives
    /// them: `link(c)`, then `link(c) * link(parent)`; at most two levels.
    pub fn need_ancestors(&self, c: u32) -> impl Iterator<Item = (u32, f32)> + '_ {
        let mut cur = c;
        let mut w = 1.0f32;
        std::iter::from_fn(move || {
            let concept = &self.concepts[cur as usize];
            let p = concept.parent?;
            w *= concept.link;
            cur = p;
            Some((p, w))
        })
        .take(2)
    }

    pub fn get(&self, c: u32) -> &Concept {
        &self.concepts[c as usize]
    }

    /// The first HS code of a concept or of its nearest ancestor that has one.
    pub fn code_of(&self, c: u32) -> Option<&HsCode> {
        let mut cur = Some(c);
        while let Some(x) = cur {
            let concept = &self.concepts[x as usize];
            if let Some(code) = concept.hs.first() {
                return Some(code);
            }
            cur = concept.parent;
        }
        None
    }
}

fn insert(
    map: &mut HashMap<String, u32>,
    key: String,
    idx: u32,
    problems: &mut Vec<String>,
    concepts: &[Concept],
) -> bool {
    if key.is_empty() {
        return false;
    }
    match map.get(&key) {
        Some(&other) if other != idx => {
            problems.push(format!(
                "term {key:?} of {} already belongs to {}",
                concepts[idx as usize].id, concepts[other as usize].id
            ));
            true
        }
        Some(_) => true,
        None => {
            map.insert(key, idx);
            true
        }
    }
}

/// One concept found in a text, with the position of its first token.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub concept: u32,
    pub pos: usize,
}

impl Lexicon {
    /// Finds concepts in an analysed text, leftmost-longest: a longer
    /// phrase ("shrimp feed", "对虾饲料", "fire pump") hides the shorter
    /// ones inside it ("shrimp", "对虾", "pump").
    pub fn find(&self, a: &text::Analysed) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut pos = 0usize;
        for seg in &a.segments {
            match seg {
                Segment::Words(ws) => {
                    let mut i = 0;
                    while i < ws.len() {
                        let mut found = None;
                        let max = self.max_words.min(ws.len() - i);
                        for len in (1..=max).rev() {
                            let span = &ws[i..i + len];
                            let c = self
                                .by_en
                                .get(&join_key(span, |w| &w.en))
                                .or_else(|| self.by_id.get(&join_key(span, |w| &w.id)))
                                .or_else(|| self.by_raw.get(&join_key(span, |w| &w.raw)));
                            if let Some(&c) = c {
                                found = Some((c, len));
                                break;
                            }
                        }
                        match found {
                            Some((c, len)) => {
                                hits.push(Hit {
                                    concept: c,
                                    pos: pos + i,
                                });
                                i += len;
                            }
                            None => i += 1,
                        }
                    }
                    pos += ws.len();
                }
                Segment::Han(h) => {
                    let chars: Vec<(usize, char)> = h.char_indices().collect();
                    let mut i = 0;
                    while i < chars.len() {
                        let mut found = None;
                        let max = self.max_han.min(chars.len() - i);
                        for len in (1..=max).rev() {
                            let start = chars[i].0;
                            let end = chars.get(i + len).map_or(h.len(), |c| c.0);
                            if let Some(&c) = self.by_han.get(&h[start..end]) {
                                found = Some((c, len));
                                break;
                            }
                        }
                        match found {
                            Some((c, len)) => {
                                hits.push(Hit {
                                    concept: c,
                                    pos: pos + i,
                                });
                                i += len;
                            }
                            None => i += 1,
                        }
                    }
                    pos += chars.len();
                }
            }
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicon_loads_without_problems() {
        let lex = lexicon();
        assert!(
            lex.problems.is_empty(),
            "lexicon problems:\n{}",
            lex.problems.join("\n")
        );
        assert!(lex.concepts.len() > 250, "{} concepts", lex.concepts.len());
    }

    #[test]
    fn longest_phrase_wins() {
        let lex = lexicon();
        let ids = |t: &str| -> Vec<String> {
            lex.find(&text::analyse(t))
                .iter()
                .map(|h| lex.get(h.concept).id.clone())
                .collect()
        };
        assert_eq!(ids("Pakan udang berkualitas"), vec!["feed.aqua"]);
        assert_eq!(ids("对虾饲料"), vec!["feed.aqua"]);
        assert_eq!(ids("消防泵组 (fire pump)"), vec!["pump.fire", "pump.fire"]);
        assert_eq!(
            ids("Irigasi tetes, fertigasi"),
            vec!["irrigation.drip", "irrigation.drip"]
        );
    }
}
