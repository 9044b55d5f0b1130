//! The fallback for words the lexicon does not know: the HS nomenclature's
//! own English descriptions, indexed by stem. An English item that names no
//! lexicon concept ("Bottled mineral water", "ceramic floor tiles") still
//! gets a code, with less weight than a lexicon concept.

use crate::text::{self, Segment};
use mitra_hs::HsCode;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Description words too common in the nomenclature to say anything.
const GENERIC: &[&str] = &[
    "other",
    "includ",
    "whether",
    "not",
    "nes",
    "thereof",
    "part",
    "articl",
    "kind",
    "use",
    "use",
    "similar",
    "made",
    "form",
    "n.e.c",
    "except",
    "heading",
    "than",
    "exceed",
    "but",
    "content",
    "weight",
    "contain",
    "prepar",
    "product",
    "materi",
    "mix",
    "new",
    "fresh",
    "whole",
    "incl",
    "excl",
    "etc",
    "suitabl",
    "solelt",
    "princip",
    "sole",
    "principally",
];

pub struct Fallback {
    /// stem → entries (indices into `codes`) whose description has it.
    postings: HashMap<String, Vec<u32>>,
    codes: Vec<HsCode>,
    /// Number of distinct stems in each entry's description.
    lengths: Vec<u32>,
}

pub fn fallback() -> &'static Fallback {
    static F: OnceLock<Fallback> = OnceLock::new();
    F.get_or_init(Fallback::build)
}

impl Fallback {
    fn build() -> Fallback {
        let hs = mitra_hs::nomenclature();
        let mut postings: HashMap<String, Vec<u32>> = HashMap::new();
        let mut codes = Vec::new();
        let mut lengths = Vec::new();
        for e in hs.entries() {
            if e.code.as_str().len() < 4 {
                continue;
            }
            let idx = codes.len() as u32;
            let mut stems: Vec<String> = Vec::new();
            for seg in text::analyse(&e.description).segments {
                if let Segment::Words(ws) = seg {
                    for w in ws {
                        if w.en.len() >= 3 && !GENERIC.contains(&w.en.as_str()) {
                            stems.push(w.en);
                        }
                    }
                }
            }
            stems.sort();
            stems.dedup();
            lengths.push(stems.len() as u32);
            for s in stems {
                postings.entry(s).or_default().push(idx);
            }
            codes.push(e.code.clone());
        }
        Fallback {
            postings,
            codes,
            lengths,
        }
    }

    /// The best-fitting code for a set of English stems, if the fit is
    /// distinctive enough: two description words, or one rare one.
    pub fn best(&self, stems: &[&str]) -> Option<HsCode> {
        let n = self.codes.len() as f32;
        let mut scores: HashMap<u32, (f32, u32)> = HashMap::new();
        let mut seen: Vec<&str> = Vec::new();
        for &s in stems {
            if seen.contains(&s) {
                continue;
            }
            seen.push(s);
            let Some(list) = self.postings.get(s) else {
                continue;
            };
            if list.len() > 400 {
                continue;
            }
            let idf = (n / list.len() as f32).ln();
            for &e in list {
                let entry = scores.entry(e).or_insert((0.0, 0));
                entry.0 += idf;
                entry.1 += 1;
            }
        }
        let mut best: Option<(f32, u32)> = None;
        for (&e, &(score, matched)) in &scores {
            let rare = matched == 1 && self.postings_len_min(e, &seen) <= 3;
            if matched < 2 && !rare {
                continue;
            }
            let norm = score / (self.lengths[e as usize].max(1) as f32).sqrt();
            // ties go to the lower code, for determinism
            if best.is_none_or(|(bs, be)| norm > bs || (norm == bs && e < be)) {
                best = Some((norm, e));
            }
        }
        best.map(|(_, e)| self.codes[e as usize].clone())
    }

    fn postings_len_min(&self, e: u32, stems: &[&str]) -> usize {
        stems
            .iter()
            .filter_map(|s| self.postings.get(*s))
            .filter(|l| l.contains(&e))
            .map(Vec::len)
            .min()
            .unwrap_or(usize::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_give_a_code_to_unknown_products() {
        let f = fallback();
        let code = f
            .best(&["ceram", "tile"])
            .expect("a code for ceramic tiles");
        assert_eq!(code.chapter(), "69");
        assert!(f.best(&["zzzz"]).is_none());
    }
}
