//! From a profile's texts and codes to the features the scorer compares:
//! concepts (with their ancestors), HS codes (from the lexicon, from the
//! registrant when they fit the text, from the nomenclature's descriptions
//! as a fallback), distribution and buyer intents, and word vectors for
//! text similarity.

use crate::lexicon::{Kind, Lexicon, lexicon};
use crate::text::{self, Lang, Segment};
use crate::{Item, Weights};
use mitra_hs::{HsCode, Level};
use std::sync::OnceLock;

/// Feature key spaces (the top byte of a key).
pub const K_CONCEPT: u32 = 0;
pub const K_H6: u32 = 1;
pub const K_H4: u32 = 2;
pub const K_H2: u32 = 3;
pub const K_CHANNEL: u32 = 4;
pub const K_CHANNEL_ANY: u32 = 5;

pub fn key(kind: u32, value: u32) -> u32 {
    (kind << 24) | value
}
pub fn key_kind(k: u32) -> u32 {
    k >> 24
}
pub fn key_value(k: u32) -> u32 {
    k & 0x00FF_FFFF
}

/// One feature of an item: a key, a weight, and whether it came from the
/// lexicon (two lexicon-derived HS codes never match each other: the words
/// already said whether the products are the same).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Feat {
    pub key: u32,
    pub w: f32,
    pub from_lexicon: bool,
}

/// What an item is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    /// A product or service offered or needed.
    Trade,
    /// An offer of distribution / agency / import services, or a need for
    /// a distributor or agent.
    Distribution,
    /// A need for buyers (importers, customers): met by the other side's
    /// needs, not by its offers.
    Buyers,
}

#[derive(Debug, Clone)]
pub struct ItemData {
    /// The concepts the item trades (not its qualifiers).
    pub primary: Vec<u32>,
    /// Concepts that qualify the traded thing ("coffee" in "coffee dryer")
    /// or give the context of an intent ("pepper" in "buyers of pepper").
    pub context: Vec<u32>,
    pub regions: Vec<u32>,
    pub intent: Intent,
    /// HS codes taken from the item with their trust.
    pub codes: Vec<(HsCode, f32, bool)>,
    pub lang: Lang,
    /// What a person should know about the item (a code that contradicts
    /// the text, a coarse code, an unanalysed language).
    pub notes: Vec<String>,
    /// Match features, sorted by key (built by [`finish_features`]).
    pub feats: Vec<Feat>,
    pub text: String,
}

impl ItemData {
    pub fn analysed(&self) -> bool {
        !self.feats.is_empty()
    }
}

fn jieba() -> &'static jieba_rs::Jieba {
    static J: OnceLock<jieba_rs::Jieba> = OnceLock::new();
    J.get_or_init(|| {
        let mut j = jieba_rs::Jieba::new();
        let lex = lexicon();
        let mut words: Vec<&String> = lex.by_han.keys().collect();
        words.sort();
        for w in words {
            if w.chars().count() >= 2 {
                j.add_word(w, Some(20_000), None);
            }
        }
        j
    })
}

/// Text-similarity tokens of a text: English stems for Latin words,
/// jieba words for Chinese.
pub fn tokens(a: &text::Analysed, out: &mut Vec<String>) {
    for seg in &a.segments {
        match seg {
            Segment::Words(ws) => {
                for w in ws {
                    if w.en.chars().count() >= 2 {
                        out.push(w.en.clone());
                    }
                }
            }
            Segment::Han(h) => {
                for t in jieba().cut(h, false) {
                    let word = t.word;
                    if word.chars().count() >= 2 && !text::ZH_STOP.contains(&word) {
                        out.push(word.to_string());
                    }
                }
            }
        }
    }
}

pub fn format_code(code: &HsCode) -> String {
    let s = code.as_str();
    match s.len() {
        6 => format!("{}.{}", &s[..4], &s[4..]),
        4 => s.to_string(),
        _ => format!("chapter {s}"),
    }
}

/// Analyses one item.
pub fn analyse_item(item: &Item, is_need: bool, w: &Weights) -> (ItemData, text::Analysed) {
    let lex = lexicon();
    let a = text::analyse(&item.text);
    let hits = lex.find(&a);
    let mut trade: Vec<u32> = Vec::new();
    let mut products: Vec<u32> = Vec::new();
    let mut qualifiers: Vec<u32> = Vec::new();
    let mut packaging: Vec<u32> = Vec::new();
    let mut services: Vec<u32> = Vec::new();
    let mut regions = Vec::new();
    let (mut buyer, mut distributor) = (false, false);
    // What follows a purpose marker ("for melon greenhouses", "untuk
    // pabrik saus", "用于琼脂") is context, once something was named before.
    let marker = a.purpose_at.iter().copied().min();
    let first_pos = hits.first().map(|h| h.pos);
    for h in &hits {
        let c = lex.get(h.concept);
        let after_marker = matches!((marker, first_pos), (Some(m), Some(f)) if f < m && h.pos >= m);
        if after_marker && !matches!(c.kind, Kind::Region | Kind::Buyer | Kind::Distributor) {
            if !qualifiers.contains(&h.concept) {
                qualifiers.push(h.concept);
            }
            continue;
        }
        let list = match c.kind {
            Kind::Product => &mut products,
            Kind::Packaging => &mut packaging,
            Kind::Service => &mut services,
            Kind::Tool => &mut trade,
            Kind::Qualifier => &mut qualifiers,
            Kind::Region => &mut regions,
            Kind::Buyer => {
                buyer = true;
                continue;
            }
            Kind::Distributor => {
                distributor = true;
                continue;
            }
        };
        if !list.contains(&h.concept) {
            list.push(h.concept);
        }
    }
    // A tool named with products is about the tool: "mesin pengering
    // kopi" trades dryers, and coffee only qualifies them. Packaging beside
    // a product only says how it is packed. Services stand beside products
    // ("鲜大蒜…冷库常年供货": garlic, from cold storage).
    let (mut primary, mut context) = if trade.is_empty() {
        if products.is_empty() {
            (packaging, qualifiers)
        } else {
            let mut ctx = qualifiers;
            ctx.extend(packaging);
            (products, ctx)
        }
    } else {
        let mut ctx = products;
        ctx.extend(qualifiers);
        ctx.extend(packaging);
        (trade, ctx)
    };
    for s in services {
        if !primary.contains(&s) {
            primary.push(s);
        }
    }
    let intent = if is_need && buyer {
        Intent::Buyers
    } else if distributor {
        Intent::Distribution
    } else if buyer && primary.is_empty() {
        // "coffee roasters" in an offer: an industry, not a product
        Intent::Trade
    } else {
        Intent::Trade
    };
    if intent != Intent::Trade {
        context.append(&mut primary);
    }
    let mut notes = Vec::new();
    let mut codes = Vec::new();
    // Registrant codes: used, but weighed against the text.
    let lexicon_codes: Vec<&HsCode> = primary.iter().flat_map(|&c| lex.get(c).hs.iter()).collect();
    let hs = mitra_hs::nomenclature();
    for code in &item.hs {
        let known = hs.contains(code);
        let fits = lexicon_codes.iter().any(|lc| {
            matches!(
                lc.shared_level(code),
                Some(Level::Heading | Level::Subheading)
            ) || (code.level() == Level::Chapter && lc.chapter() == code.chapter())
        });
        let trust = if !known {
            notes.push(format!(
                "HS {} is not a code of HS 2022 (an outdated or mistyped code), so it counts little",
                format_code(code)
            ));
            w.code_unknown
        } else if !lexicon_codes.is_empty() && !fits {
            let reads = primary
                .first()
                .map(|&c| {
                    let concept = lex.get(c);
                    match lex.code_of(c) {
                        Some(lc) => format!("{} (HS {})", concept.label, format_code(lc)),
                        None => concept.label.clone(),
                    }
                })
                .unwrap_or_default();
            notes.push(format!(
                "HS {} does not fit the text, which reads as {reads}; the text decides",
                format_code(code)
            ));
            w.code_contradicting
        } else if lexicon_codes.is_empty() {
            w.code_alone
        } else {
            w.code_fitting
        };
        if code.level() == Level::Chapter && intent == Intent::Trade {
            notes.push(format!(
                "HS {} is only a chapter: too coarse to match on",
                format_code(code)
            ));
        }
        // a code that agrees with the words adds nothing to them
        let agrees = trust == w.code_fitting && !lexicon_codes.is_empty();
        codes.push((code.clone(), trust, agrees));
    }
    // The nomenclature's descriptions for English items the lexicon missed.
    if primary.is_empty()
        && context.is_empty()
        && intent == Intent::Trade
        && a.lang == Lang::English
    {
        let stems: Vec<&str> = a
            .segments
            .iter()
            .filter_map(|s| match s {
                Segment::Words(ws) => Some(ws),
                _ => None,
            })
            .flatten()
            .map(|w| w.en.as_str())
            .collect();
        if let Some(code) = crate::hsfallback::fallback().best(&stems) {
            codes.push((code, w.fallback, false));
        }
    }
    if primary.is_empty() && context.is_empty() && codes.is_empty() && intent == Intent::Trade {
        match a.lang {
            Lang::Unanalysed | Lang::OtherLatin => notes.push(format!(
                "\"{}\" is written in {}: no product or service recognised",
                short(&item.text),
                a.lang.name()
            )),
            _ => {}
        }
    }
    let data = ItemData {
        primary,
        context,
        regions,
        intent,
        codes,
        lang: a.lang,
        notes,
        feats: Vec::new(),
        text: item.text.clone(),
    };
    (data, a)
}

/// Shortens a text for a reason (characters, not bytes).
pub fn short(t: &str) -> String {
    let t = t.trim();
    if t.chars().count() <= 60 {
        t.to_string()
    } else {
        let s: String = t.chars().take(57).collect();
        format!("{s}...")
    }
}

fn push_code(out: &mut Vec<Feat>, code: &HsCode, w: f32, from_lexicon: bool) {
    let s = code.as_str();
    let num = |x: &str| x.parse::<u32>().unwrap_or(0);
    out.push(Feat {
        key: key(K_H2, num(&s[..2])),
        w,
        from_lexicon,
    });
    if s.len() >= 4 {
        out.push(Feat {
            key: key(K_H4, num(&s[..4])),
            w,
            from_lexicon,
        });
    }
    if s.len() == 6 {
        out.push(Feat {
            key: key(K_H6, num(s)),
            w,
            from_lexicon,
        });
    }
}

/// Adds a concept and its ancestors, as an offer (a spraying drone is a
/// drone: ancestors keep most of the weight) or as a need (a need for a
/// spraying drone is only partly served by another drone).
pub fn push_concept(
    out: &mut Vec<Feat>,
    lex: &Lexicon,
    c: u32,
    w: f32,
    as_need: bool,
    offer_up: f32,
    kind: u32,
) {
    out.push(Feat {
        key: key(kind, c),
        w,
        from_lexicon: true,
    });
    if as_need {
        for (p, pw) in lex.need_ancestors(c) {
            out.push(Feat {
                key: key(kind, p),
                w: w * pw,
                from_lexicon: true,
            });
        }
    } else {
        // A spraying drone is a drone; but for look-alike families (weak
        // link) the offer keeps less of its parent too.
        let mut cur = c;
        let mut ww = w;
        for _ in 0..2 {
            let concept = lex.get(cur);
            match concept.parent {
                Some(p) => {
                    ww *= offer_up.min(concept.link + 0.3);
                    out.push(Feat {
                        key: key(kind, p),
                        w: ww,
                        from_lexicon: true,
                    });
                    cur = p;
                }
                None => break,
            }
        }
    }
}

/// Builds an item's match features. `org_offers` are the primary concepts
/// of the organization's own offers (what a distributor it seeks would sell).
pub fn finish_features(item: &mut ItemData, is_need: bool, org_offers: &[u32], w: &Weights) {
    let lex = lexicon();
    let mut f = Vec::new();
    match item.intent {
        Intent::Trade => {
            for &c in &item.primary {
                push_concept(&mut f, lex, c, 1.0, is_need, w.offer_ancestor, K_CONCEPT);
                for code in &lex.get(c).hs {
                    push_code(&mut f, code, 1.0, true);
                }
            }
            for (code, trust, agrees) in &item.codes {
                push_code(&mut f, code, *trust, *agrees);
            }
        }
        Intent::Distribution => {
            // Distribution offers carry what they distribute; distributor
            // needs carry what the organization would have distributed.
            let ctx: &[u32] = if is_need { org_offers } else { &item.context };
            for &c in ctx {
                push_concept(&mut f, lex, c, 1.0, is_need, w.offer_ancestor, K_CHANNEL);
            }
            let any = if is_need { 1.0 } else { w.channel_generic };
            f.push(Feat {
                key: key(K_CHANNEL_ANY, 0),
                w: any,
                from_lexicon: true,
            });
        }
        Intent::Buyers => {}
    }
    // one feature per key, the strongest; non-lexicon wins ties so that
    // a registrant's code can still meet a lexicon code
    f.sort_by(|a, b| {
        a.key
            .cmp(&b.key)
            .then(b.w.total_cmp(&a.w))
            .then(a.from_lexicon.cmp(&b.from_lexicon))
    });
    f.dedup_by_key(|x| x.key);
    item.feats = f;
}
