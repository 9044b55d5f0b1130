//! The matching engine: for every organization, the organizations of the
//! other side that complement it best, with a score in [0, 1] and reasons
//! that point at the items that matched.
//!
//! Pure and deterministic: no I/O, no clock, no randomness; the same
//! profiles give the same result whatever the number of threads.
//!
//! How it works (see ARCHITECTURE notes in each module):
//! 1. [`text`] cuts each offer and need into words (English and Russian
//!    Snowball stems, Indonesian affix stripping, jieba for Chinese) and
//!    guesses its language;
//! 2. [`lexicon`] finds trade concepts in it (products with HS codes,
//!    services without, buyer and distributor intents, regions);
//!    registrant HS codes are weighed against the text, and the
//!    nomenclature's descriptions ([`hsfallback`]) cover English words the
//!    lexicon lacks;
//! 3. the scorer finds candidates through inverted indices over concepts,
//!    codes and words (never all pairs), visiting only the head of each
//!    posting list (strongest first, then a fixed order of id hashes;
//!    [`Weights::postings`]) so that the work per organization is bounded
//!    and time grows linearly with the number of organizations; then it
//!    scores the best candidates in full: complementarity in both
//!    directions (my offer ↔ your need, my need ↔ your offer) first, text
//!    similarity as support, a penalty for competitors, boosts for
//!    explicit buyer intents, targeted regions and a delegation's
//!    objectives ([`Weights`]);
//! 4. a [`Matcher`] keeps that state: when one profile changes, is added
//!    or removed, it recomputes only the lists that can change and returns
//!    those that did ([`Matcher::update`]), equal to a full recomputation.

pub mod analyze;
pub mod hsfallback;
pub mod lexicon;
mod score;
pub mod text;

pub use mitra_hs::HsCode;
pub use score::{CorpusStats, Matcher, recommend};

use std::fmt;

/// Which side of the table an organization sits on; candidates are of
/// the other side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    Guest,
    Host,
}

/// One offer or need: free text in any language, codes as given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Item {
    pub text: String,
    pub hs: Vec<HsCode>,
}

impl Item {
    pub fn new(text: impl Into<String>) -> Item {
        Item {
            text: text.into(),
            hs: Vec::new(),
        }
    }

    pub fn with_hs(text: impl Into<String>, codes: &[&str]) -> Item {
        Item {
            text: text.into(),
            hs: codes.iter().filter_map(|c| HsCode::parse(c).ok()).collect(),
        }
    }
}

/// What the engine knows of an organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub id: String,
    pub side: Side,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// The delegation it belongs to (guests), for the objectives boost.
    pub delegation: Option<String>,
    /// ISO 639-1 codes.
    pub languages: Vec<String>,
    pub description: Option<String>,
    pub website: Option<String>,
    pub offers: Vec<Item>,
    pub needs: Vec<Item>,
}

impl Profile {
    pub fn new(id: impl Into<String>, side: Side) -> Profile {
        Profile {
            id: id.into(),
            side,
            country: String::new(),
            delegation: None,
            languages: Vec::new(),
            description: None,
            website: None,
            offers: Vec::new(),
            needs: Vec::new(),
        }
    }
}

/// A delegation's stated objectives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Objectives {
    /// Products the region wants to export: host needs for these rise.
    pub export_products: Vec<Item>,
    /// Technology sought: host offers of these rise.
    pub technology_sought: Vec<Item>,
    /// Risks to address (climate, pests): read as technology sought.
    pub risks: Vec<String>,
}

/// The scoring weights. Defaults were chosen on `shared/data/match-dev`
/// (nDCG@10 with `score.py`, and the share of planted hard negatives in
/// the top 3) and checked against this crate's own labelled cases in
/// `tests/cases.rs`; each field says what it does and why its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    /// Share of the score given by complementarity (offers meeting needs;
    /// the stronger direction plus [`Weights::mutual`] times the weaker,
    /// normalised to [0, 1]). The core signal.
    pub complementarity: f32,
    /// Weight of the weaker direction: a partner that both sells what I
    /// need and buys what I sell beats one that only does one of the two.
    pub mutual: f32,
    /// Share given by text similarity (TF-IDF cosine of my offers with
    /// their needs and my needs with their offers, the better of the two).
    /// Support only: above 0.15 competitors sharing jargon rose into the
    /// top 3 on match-dev.
    pub text: f32,
    /// Weight of a second item pair that matches (a partner meeting two
    /// needs beats one meeting one), relative to the best pair; the sum is
    /// normalised to [0, 1].
    pub second_item: f32,
    /// How much of an offer's weight its parent concept keeps (a robusta
    /// offer serves a need for "coffee beans").
    pub offer_ancestor: f32,
    /// Match strength of two items sharing an HS subheading, heading or
    /// chapter, when at least one code came from the registrant or the
    /// fallback (two lexicon codes never match: the words decide). Same
    /// HS6 > same HS4 > same chapter.
    pub hs6: f32,
    pub hs4: f32,
    pub hs2: f32,
    /// Factor on an HS match when both items name concepts and the
    /// concepts differ: the words say these are look-alikes (a fire pump
    /// and an irrigation pump are both 8413.70).
    pub lookalike: f32,
    /// Strength of a distributor offer meeting a need for a distributor
    /// of what the organization sells.
    pub channel: f32,
    /// Weight of a distributor offer that says nothing of what it
    /// distributes, against any distributor need.
    pub channel_generic: f32,
    /// Penalty for competitors: both offer the same thing (similarity of
    /// offers with offers) and need little of each other. Scaled by
    /// (1 − complementarity).
    pub competitor: f32,
    /// Bonus when one side explicitly seeks buyers and the other needs what
    /// it offers.
    pub buyer_intent: f32,
    /// Bonus when an organization seeks a distributor or buyers in a
    /// region (印尼分销商, buyers in North China) and the other is from it.
    pub region: f32,
    /// Bonus for serving the guest's delegation objectives (a host needing
    /// what the delegation exports, or offering the technology it seeks).
    pub objective: f32,
    /// Trust in registrant codes: fitting the text, alone (no concept
    /// found), contradicting the text, not in HS 2022; and in a code from
    /// the nomenclature's descriptions.
    pub code_fitting: f32,
    pub code_alone: f32,
    pub code_contradicting: f32,
    pub code_unknown: f32,
    pub fallback: f32,
    /// Candidates scored in full per organization (at least; 3 × top is
    /// used when larger). The first pass ranks by the best single link.
    pub candidates: usize,
    /// Postings visited per list (a concept, code, word or pair of
    /// concepts) in the first pass: the head of the list, strongest first,
    /// then in a fixed pseudo-random order of ids. Bounds the work per
    /// organization, so that time grows about linearly with the number of
    /// organizations. Partners complementing both ways are reached through
    /// pair keys whatever the length of the single-concept lists. Lists on
    /// match-dev are shorter (its output is the same as unbounded); on
    /// generated profiles the mean top-10 score is within 0.1 % of an
    /// unbounded first pass at 5k and 1 % at 20k (`benches/scale.rs
    /// --compare`); 64 loses more, 256 costs more time for little gain.
    pub postings: usize,
    /// Item pairs weaker than this are not given as reasons.
    pub reason_floor: f32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            complementarity: 0.85,
            mutual: 0.25,
            text: 0.15,
            second_item: 0.15,
            offer_ancestor: 0.85,
            hs6: 0.75,
            hs4: 0.45,
            hs2: 0.1,
            lookalike: 0.3,
            channel: 0.7,
            channel_generic: 0.35,
            competitor: 0.3,
            buyer_intent: 0.05,
            region: 0.03,
            objective: 0.08,
            code_fitting: 1.0,
            code_alone: 0.7,
            code_contradicting: 0.25,
            code_unknown: 0.35,
            fallback: 0.5,
            candidates: 40,
            postings: 128,
            reason_floor: 0.2,
        }
    }
}

/// Which item of an organization a reason points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemRef {
    Offer(usize),
    Need(usize),
}

impl fmt::Display for ItemRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ItemRef::Offer(i) => write!(f, "offers[{i}]"),
            ItemRef::Need(i) => write!(f, "needs[{i}]"),
        }
    }
}

/// The kinds of reason in `mitra/matches@1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReasonKind {
    /// My offer meets their need.
    OfferNeed,
    /// My need is met by their offer.
    NeedOffer,
    Sector,
    Text,
}

impl ReasonKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonKind::OfferNeed => "offer-need",
            ReasonKind::NeedOffer => "need-offer",
            ReasonKind::Sector => "sector",
            ReasonKind::Text => "text",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    pub kind: ReasonKind,
    pub mine: Option<ItemRef>,
    pub theirs: Option<ItemRef>,
    pub hs: Option<HsCode>,
    pub text: String,
}

/// One recommended counterpart.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// Index of the counterpart in the input slice.
    pub org: usize,
    /// In [0, 1], rounded to 4 decimals.
    pub score: f64,
    pub reasons: Vec<Reason>,
}

/// An organization's recommendations, best first (ties by id).
#[derive(Debug, Clone, PartialEq)]
pub struct Recommendations {
    /// Index of the organization in the input slice.
    pub org: usize,
    pub top: Vec<Match>,
}

/// What the engine reads in one offer or need: the concepts it trades, the
/// context, the intent and notes. For explanations in the web pages and for
/// debugging the lexicon.
pub fn explain(item: &Item, is_need: bool) -> String {
    let lex = lexicon::lexicon();
    let (d, a) = analyze::analyse_item(item, is_need, &Weights::default());
    let names = |v: &[u32]| {
        v.iter()
            .map(|&c| lex.get(c).id.as_str())
            .collect::<Vec<_>>()
            .join(",")
    };
    format!(
        "lang={:?} intent={:?} primary=[{}] context=[{}] regions=[{}] codes={:?} notes={:?} purpose_at={:?}",
        a.lang,
        d.intent,
        names(&d.primary),
        names(&d.context),
        names(&d.regions),
        d.codes
            .iter()
            .map(|c| (c.0.as_str().to_string(), c.1))
            .collect::<Vec<_>>(),
        d.notes,
        a.purpose_at
    )
}
