//! Candidate retrieval over inverted indices, full scoring of the best
//! candidates, and reasons.

use crate::analyze::{
    self, Feat, Intent, ItemData, K_CHANNEL, K_CHANNEL_ANY, K_CONCEPT, K_H2, K_H4, K_H6, key_kind,
    key_value,
};
use crate::lexicon::lexicon;
use crate::text::Lang;
use crate::{
    HsCode, Item, ItemRef, Match, Objectives, Profile, Reason, ReasonKind, Recommendations, Side,
    Weights,
};
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::HashMap;

/// A sparse vector: (token hash, weight), sorted by hash. Tokens are named
/// by a hash of their text, not by a number given in input order, so that
/// an organization's vector does not depend on who else was read first.
type SparseVec = Vec<(u64, f32)>;

struct Org {
    id: String,
    /// Hash of the id: the order of posting lists and of equal candidates,
    /// the same whatever the position of the organization in the input.
    idh: u64,
    languages: Vec<String>,
    side: Side,
    offers: Vec<ItemData>,
    needs: Vec<ItemData>,
    /// TF-IDF vectors (token hash, weight), sorted, L2-normalised.
    offer_vec: SparseVec,
    need_vec: SparseVec,
    /// Offers' concepts with need-style ancestors, for the competitor test.
    compete: Vec<Feat>,
    seeks_buyers: bool,
    /// Regions named in its buyer or distributor needs.
    target_regions: Vec<u32>,
    country: String,
    low_confidence: Option<String>,
    /// Objective features of its delegation (guests only): export products
    /// as offers, technology sought as needs.
    objective_offers: Vec<Vec<Feat>>,
    objective_needs: Vec<Vec<Feat>>,
    /// Pair keys (an offered concept, a needed concept) with their weight:
    /// what finds partners that complement it both ways (see [`pair_keys`]).
    pairs: Vec<(u64, f32)>,
}

struct Analysed {
    offers: Vec<ItemData>,
    needs: Vec<ItemData>,
    /// Text-similarity tokens (hash, term weight) and the words behind the
    /// hashes.
    offer_tokens: Vec<(u64, f32)>,
    need_tokens: Vec<(u64, f32)>,
    words: Vec<(u64, String)>,
}

fn analyse_profile(p: &Profile, w: &Weights) -> Analysed {
    let mut offer_tokens = Vec::new();
    let mut need_tokens = Vec::new();
    let mut words: Vec<(u64, String)> = Vec::new();
    let mut offers = Vec::new();
    let mut toks = Vec::new();
    let mut take = |toks: &mut Vec<String>, out: &mut Vec<(u64, f32)>, tw: f32| {
        for t in toks.drain(..) {
            let h = hash64(&t);
            out.push((h, tw));
            words.push((h, t));
        }
    };
    for it in &p.offers {
        let (d, a) = analyze::analyse_item(it, false, w);
        toks.clear();
        analyze::tokens(&a, &mut toks);
        take(&mut toks, &mut offer_tokens, 1.0);
        offers.push(d);
    }
    if let Some(desc) = &p.description {
        // The description says what the organization does: half weight.
        let a = crate::text::analyse(desc);
        analyze::tokens(&a, &mut toks);
        take(&mut toks, &mut offer_tokens, 0.5);
    }
    let mut needs = Vec::new();
    for it in &p.needs {
        let (d, a) = analyze::analyse_item(it, true, w);
        analyze::tokens(&a, &mut toks);
        take(&mut toks, &mut need_tokens, 1.0);
        needs.push(d);
    }
    words.sort_unstable();
    words.dedup();
    let org_offers: Vec<u32> = offers
        .iter()
        .filter(|o| o.intent == Intent::Trade)
        .flat_map(|o| o.primary.iter().copied())
        .collect();
    for o in &mut offers {
        analyze::finish_features(o, false, &org_offers, w);
    }
    for n in &mut needs {
        analyze::finish_features(n, true, &org_offers, w);
    }
    Analysed {
        offers,
        needs,
        offer_tokens,
        need_tokens,
        words,
    }
}

fn objective_feats(items: &[Item], as_need: bool, w: &Weights) -> Vec<Vec<Feat>> {
    items
        .iter()
        .map(|it| {
            let (mut d, _) = analyze::analyse_item(it, as_need, w);
            d.intent = Intent::Trade;
            analyze::finish_features(&mut d, as_need, &[], w);
            d.feats
        })
        .filter(|f| !f.is_empty())
        .collect()
}

fn low_confidence(p: &Profile, offers: &[ItemData], needs: &[ItemData]) -> Option<String> {
    if offers.iter().chain(needs).any(ItemData::analysed) {
        return None;
    }
    let has_text = offers
        .iter()
        .chain(needs)
        .any(|i| !i.text.trim().is_empty())
        || p.description
            .as_deref()
            .is_some_and(|d| !d.trim().is_empty());
    if !has_text {
        return Some(if p.website.is_some() {
            "low confidence: the profile gives only a website, no offers or needs to match on"
                .into()
        } else {
            "low confidence: the profile has no offers or needs to match on".into()
        });
    }
    let langs: Vec<Lang> = offers.iter().chain(needs).map(|i| i.lang).collect();
    if langs
        .iter()
        .any(|l| matches!(l, Lang::Unanalysed | Lang::OtherLatin))
    {
        let l = langs
            .iter()
            .find(|l| matches!(l, Lang::Unanalysed | Lang::OtherLatin))
            .copied()
            .unwrap_or(Lang::Unanalysed);
        return Some(format!(
            "low confidence: the offers and needs are written in {}; Mitra analyses English, Indonesian and Chinese",
            l.name()
        ));
    }
    Some("low confidence: no product or service recognised in the profile; matched on shared words only".into())
}

fn compete_feats(offers: &[ItemData]) -> Vec<Feat> {
    let lex = lexicon();
    let mut f = Vec::new();
    for o in offers.iter().filter(|o| o.intent == Intent::Trade) {
        for &c in &o.primary {
            analyze::push_concept(&mut f, lex, c, 1.0, true, 0.0, K_CONCEPT);
        }
    }
    f.sort_by(|a, b| a.key.cmp(&b.key).then(b.w.total_cmp(&a.w)));
    f.dedup_by_key(|x| x.key);
    f
}

fn level_weight(k: u32, w: &Weights) -> f32 {
    match key_kind(k) {
        K_CONCEPT => 1.0,
        K_H6 => w.hs6,
        K_H4 => w.hs4,
        K_H2 => w.hs2,
        K_CHANNEL | K_CHANNEL_ANY => w.channel,
        _ => 0.0,
    }
}

fn link_value(k: u32, a: f32, a_lex: bool, b: f32, b_lex: bool, w: &Weights) -> f32 {
    let kind = key_kind(k);
    if matches!(kind, K_H6 | K_H4 | K_H2) && a_lex && b_lex {
        return 0.0;
    }
    a * b * level_weight(k, w)
}

/// How well an offer item meets a need item, and the key that links them.
fn item_sim(o: &ItemData, n: &ItemData, w: &Weights) -> (f32, u32) {
    let (mut concept, mut ck) = (0.0f32, 0u32);
    let (mut hs, mut hk) = (0.0f32, 0u32);
    let (mut ch, mut chk) = (0.0f32, 0u32);
    let (a, b) = (&o.feats, &n.feats);
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].key.cmp(&b[j].key) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let k = a[i].key;
                let v = link_value(k, a[i].w, a[i].from_lexicon, b[j].w, b[j].from_lexicon, w);
                let slot = match key_kind(k) {
                    K_CONCEPT => (&mut concept, &mut ck),
                    K_H6 | K_H4 | K_H2 => (&mut hs, &mut hk),
                    _ => (&mut ch, &mut chk),
                };
                if v > *slot.0 {
                    *slot.0 = v;
                    *slot.1 = k;
                }
                i += 1;
                j += 1;
            }
        }
    }
    if !o.primary.is_empty() && !n.primary.is_empty() {
        // both name what they trade: the words decide, codes only support
        hs *= w.lookalike;
    }
    let mut best = (concept, ck);
    if hs > best.0 {
        best = (hs, hk);
    }
    if ch > best.0 {
        best = (ch, chk);
    }
    best
}

fn dot(a: &[(u64, f32)], b: &[(u64, f32)]) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

fn feat_overlap(a: &[Feat], b: &[Feat], w: &Weights) -> f32 {
    let (mut i, mut j, mut best) = (0, 0, 0.0f32);
    while i < a.len() && j < b.len() {
        match a[i].key.cmp(&b[j].key) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let k = a[i].key;
                best = best.max(link_value(
                    k,
                    a[i].w,
                    a[i].from_lexicon,
                    b[j].w,
                    b[j].from_lexicon,
                    w,
                ));
                i += 1;
                j += 1;
            }
        }
    }
    best
}

/// One matched item pair, from the point of view of the organization whose
/// list is being built.
#[derive(Clone, Copy)]
struct Link {
    kind: ReasonKind,
    mine: usize,
    theirs: usize,
    sim: f32,
    key: u32,
}

struct PairScore {
    score: f32,
    /// Where its item pairs lie in the buffer given to [`score_pair`].
    links: std::ops::Range<usize>,
    text: f32,
    intent: bool,
}

/// Direction strength: the best item pair plus a share of the next one
/// that meets another item.
fn direction(links: &[Link], w: &Weights) -> f32 {
    let mut best: Option<&Link> = None;
    for l in links {
        if best.is_none_or(|b| l.sim > b.sim) {
            best = Some(l);
        }
    }
    let Some(b) = best else { return 0.0 };
    let second = links
        .iter()
        .filter(|l| l.mine != b.mine && l.theirs != b.theirs)
        .map(|l| l.sim)
        .fold(0.0f32, f32::max);
    (b.sim + w.second_item * second) / (1.0 + w.second_item)
}

/// Scores a pair; its item pairs (unordered) are appended to `links`, a
/// buffer shared by the candidates of one organization (no allocation per
/// pair).
fn score_pair(a: &Org, b: &Org, w: &Weights, links: &mut Vec<Link>) -> PairScore {
    let start = links.len();
    for (i, o) in a.offers.iter().enumerate() {
        for (j, n) in b.needs.iter().enumerate() {
            let (sim, key) = item_sim(o, n, w);
            if sim > 0.0 {
                links.push(Link {
                    kind: ReasonKind::OfferNeed,
                    mine: i,
                    theirs: j,
                    sim,
                    key,
                });
            }
        }
    }
    let split = links.len();
    for (i, n) in a.needs.iter().enumerate() {
        for (j, o) in b.offers.iter().enumerate() {
            let (sim, key) = item_sim(o, n, w);
            if sim > 0.0 {
                links.push(Link {
                    kind: ReasonKind::NeedOffer,
                    mine: i,
                    theirs: j,
                    sim,
                    key,
                });
            }
        }
    }
    let d_ab = direction(&links[start..split], w);
    let d_ba = direction(&links[split..], w);
    let (hi, lo) = if d_ab >= d_ba {
        (d_ab, d_ba)
    } else {
        (d_ba, d_ab)
    };
    let comp = (hi + w.mutual * lo) / (1.0 + w.mutual);
    let text = dot(&a.offer_vec, &b.need_vec).max(dot(&a.need_vec, &b.offer_vec));
    let compete = feat_overlap(&a.compete, &b.compete, w);
    let mut score =
        w.complementarity * comp + w.text * text - w.competitor * compete * (1.0 - comp);
    let intent = (b.seeks_buyers && d_ab > 0.0) || (a.seeks_buyers && d_ba > 0.0);
    if intent {
        score += w.buyer_intent;
    }
    if comp > 0.0 {
        let lex = lexicon();
        let in_region = |regions: &[u32], country: &str| {
            regions
                .iter()
                .any(|&r| lex.get(r).countries.iter().any(|c| c == country))
        };
        if in_region(&a.target_regions, &b.country) || in_region(&b.target_regions, &a.country) {
            score += w.region;
        }
        let (g, h) = if a.side == Side::Guest {
            (a, b)
        } else {
            (b, a)
        };
        let mut obj = 0.0f32;
        for f in &g.objective_offers {
            for n in &h.needs {
                obj = obj.max(feat_overlap(f, &n.feats, w));
            }
        }
        for f in &g.objective_needs {
            for o in &h.offers {
                obj = obj.max(feat_overlap(&o.feats, f, w));
            }
        }
        score += w.objective * obj;
    }
    PairScore {
        score: score.clamp(0.0, 1.0),
        links: start..links.len(),
        text,
        intent,
    }
}

fn round4(x: f32) -> f64 {
    ((x as f64) * 10_000.0).round() / 10_000.0
}

/// A stable 64-bit name for a word or an id: FNV-1a with a final mix, the
/// same on every machine and in every run.
fn hash64(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// Document frequencies of the words of a set of profiles, from which the
/// TF-IDF weights of text similarity are computed.
///
/// A [`Matcher`] takes them from the profiles it is built with and keeps
/// them through its updates: were they live, one edited profile would
/// reweigh the words of every organization sharing one of its words (and
/// adding one would reweigh all), and no update could be local. A word
/// first seen in an update weighs as a word seen once. Rebuilding the
/// matcher ([`Matcher::new`]) refreshes them; a few edits among thousands
/// of profiles move them very little.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CorpusStats {
    docs: u32,
    df: HashMap<u64, u32>,
}

impl CorpusStats {
    fn from_analysed(a: &[Analysed]) -> CorpusStats {
        let mut df: HashMap<u64, u32> = HashMap::new();
        let mut seen: Vec<u64> = Vec::new();
        for x in a {
            seen.clear();
            seen.extend(x.offer_tokens.iter().chain(&x.need_tokens).map(|t| t.0));
            seen.sort_unstable();
            seen.dedup();
            for &t in &seen {
                *df.entry(t).or_insert(0) += 1;
            }
        }
        CorpusStats {
            docs: a.len() as u32,
            df,
        }
    }

    fn idf(&self, t: u64) -> f32 {
        let n = self.docs.max(1) as f32;
        let d = self.df.get(&t).copied().unwrap_or(0).max(1) as f32;
        (1.0 + n / d).ln()
    }

    /// A word in more than 5 % of the profiles (and more than 50): too
    /// common to find candidates with in the first pass (it still counts
    /// in the full text similarity). Fixed with the statistics, so the
    /// same words are skipped before and after any update.
    fn common(&self, t: u64) -> bool {
        let df = self.df.get(&t).copied().unwrap_or(0);
        df > 50 && df.saturating_mul(20) > self.docs
    }

    /// How many profiles the statistics were taken from.
    pub fn documents(&self) -> usize {
        self.docs as usize
    }
}

/// TF-IDF vector of an organization's tokens, L2-normalised.
fn vectorise(toks: &[(u64, f32)], stats: &CorpusStats) -> SparseVec {
    let mut v: Vec<(u64, f32)> = toks.to_vec();
    v.sort_by_key(|x| x.0);
    let mut merged: Vec<(u64, f32)> = Vec::with_capacity(v.len());
    for (id, tw) in v {
        match merged.last_mut() {
            Some(last) if last.0 == id => last.1 += tw,
            _ => merged.push((id, tw)),
        }
    }
    for x in &mut merged {
        x.1 = (1.0 + x.1.ln().max(0.0)) * stats.idf(x.0);
    }
    let norm = merged.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
    if norm > 0.0 {
        for x in &mut merged {
            x.1 /= norm;
        }
    }
    merged
}

fn make_org(
    p: &Profile,
    a: Analysed,
    stats: &CorpusStats,
    objectives: &HashMap<String, Objectives>,
    w: &Weights,
) -> Org {
    let low_confidence = low_confidence(p, &a.offers, &a.needs);
    let mut target_regions: Vec<u32> = a
        .needs
        .iter()
        .filter(|n| n.intent != Intent::Trade)
        .flat_map(|n| n.regions.iter().copied())
        .collect();
    target_regions.sort_unstable();
    target_regions.dedup();
    let seeks_buyers = a.needs.iter().any(|n| n.intent == Intent::Buyers);
    let (objective_offers, objective_needs) = match (&p.side, &p.delegation) {
        (Side::Guest, Some(d)) => match objectives.get(d) {
            Some(o) => {
                let mut tech = o.technology_sought.clone();
                tech.extend(o.risks.iter().map(|r| Item::new(r.clone())));
                (
                    objective_feats(&o.export_products, false, w),
                    objective_feats(&tech, true, w),
                )
            }
            None => (Vec::new(), Vec::new()),
        },
        _ => (Vec::new(), Vec::new()),
    };
    Org {
        id: p.id.clone(),
        idh: hash64(&p.id),
        languages: p.languages.clone(),
        side: p.side,
        compete: compete_feats(&a.offers),
        pairs: pair_keys(&a.offers, &a.needs),
        offer_vec: vectorise(&a.offer_tokens, stats),
        need_vec: vectorise(&a.need_tokens, stats),
        offers: a.offers,
        needs: a.needs,
        seeks_buyers,
        target_regions,
        country: p.country.clone(),
        low_confidence,
        objective_offers,
        objective_needs,
    }
}

fn side_ix(s: Side) -> usize {
    match s {
        Side::Guest => 0,
        Side::Host => 1,
    }
}

/// Posting lists, per side: (role, key) → postings. The roles: an item
/// feature of offers or needs; the same restricted to HS codes from the
/// registrant or the fallback (what a lexicon-derived code may meet); a
/// word of the offers' or the needs' text.
const R_OFFERS: u8 = 0;
const R_NEEDS: u8 = 1;
const R_OFFER_CODES: u8 = 2;
const R_NEED_CODES: u8 = 3;
const R_OFFER_TEXT: u8 = 4;
const R_NEED_TEXT: u8 = 5;
const R_PAIR: u8 = 6;

/// Concept features at least this strong take part in pair keys.
const PAIR_MIN: f32 = 0.5;
/// The most pair keys an organization has (its strongest).
const MAX_PAIRS: usize = 64;

fn pair_key(offer: u32, need: u32) -> u64 {
    (u64::from(offer) << 32) | u64::from(need)
}

/// The pair key an organization of the other side holds when it
/// complements `k` both ways: its offer is the need, its need the offer.
fn swap_pair(k: u64) -> u64 {
    k.rotate_left(32)
}

/// Pair keys of an organization: every (offered concept, needed concept)
/// with both features at least [`PAIR_MIN`], weighted by the weaker, the
/// strongest [`MAX_PAIRS`]. A partner that both needs what I offer and
/// offers what I need holds the swapped key, so one lookup finds it
/// however long the single-concept lists are: the bounded first pass
/// misses no such partner for want of reaching it in two long lists.
fn pair_keys(offers: &[ItemData], needs: &[ItemData]) -> Vec<(u64, f32)> {
    let strong = |items: &[ItemData]| {
        let mut v: Vec<(u32, f32)> = items
            .iter()
            .flat_map(|i| i.feats.iter())
            .filter(|f| key_kind(f.key) == K_CONCEPT && f.w >= PAIR_MIN)
            .map(|f| (f.key, f.w))
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        v.dedup_by_key(|x| x.0);
        v
    };
    let (o, n) = (strong(offers), strong(needs));
    let mut pairs: Vec<(u64, f32)> = o
        .iter()
        .flat_map(|&(ok, ow)| {
            n.iter()
                .map(move |&(nk, nw)| (pair_key(ok, nk), ow.min(nw)))
        })
        .collect();
    pairs.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    pairs.truncate(MAX_PAIRS);
    pairs
}

type ListKey = (u8, u64);
type SideIndex = HashMap<ListKey, Vec<Posting>>;

/// The role of the lists, on the other side, whose holders walk a list of
/// role `r` (an offer meets needs, a need meets offers): they are the ones
/// that see a change to it.
fn watcher_role(r: u8) -> u8 {
    match r {
        R_NEEDS | R_NEED_CODES => R_OFFERS,
        R_OFFERS | R_OFFER_CODES => R_NEEDS,
        R_NEED_TEXT => R_OFFER_TEXT,
        R_OFFER_TEXT => R_NEED_TEXT,
        _ => R_PAIR,
    }
}

/// The key of those lists: the same, but swapped for pair keys.
fn watcher_key(r: u8, key: u64) -> u64 {
    if r == R_PAIR { swap_pair(key) } else { key }
}

#[derive(Clone, Copy, PartialEq)]
struct Posting {
    org: u32,
    w: f32,
    from_lexicon: bool,
}

/// An organization's postings: one per list and origin (lexicon or not),
/// the strongest.
fn org_postings(o: &Org, slot: u32) -> Vec<(ListKey, Posting)> {
    let mut out: Vec<(ListKey, Posting)> = Vec::new();
    for (items, role, code_role) in [
        (&o.offers, R_OFFERS, R_OFFER_CODES),
        (&o.needs, R_NEEDS, R_NEED_CODES),
    ] {
        for item in items {
            for f in &item.feats {
                let p = Posting {
                    org: slot,
                    w: f.w,
                    from_lexicon: f.from_lexicon,
                };
                out.push(((role, u64::from(f.key)), p));
                if !f.from_lexicon && matches!(key_kind(f.key), K_H6 | K_H4 | K_H2) {
                    out.push(((code_role, u64::from(f.key)), p));
                }
            }
        }
    }
    for &(k, pw) in &o.pairs {
        let p = Posting {
            org: slot,
            w: pw,
            from_lexicon: true,
        };
        out.push(((R_PAIR, k), p));
    }
    for (vec, role) in [(&o.offer_vec, R_OFFER_TEXT), (&o.need_vec, R_NEED_TEXT)] {
        for &(t, tw) in vec {
            let p = Posting {
                org: slot,
                w: tw,
                from_lexicon: false,
            };
            out.push(((role, t), p));
        }
    }
    out.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(a.1.from_lexicon.cmp(&b.1.from_lexicon))
            .then(b.1.w.total_cmp(&a.1.w))
    });
    out.dedup_by(|x, y| x.0 == y.0 && x.1.from_lexicon == y.1.from_lexicon);
    out
}

/// The order of every posting list: strongest first, then by the hash of
/// the organization's id (then the id). The first pass of candidate
/// generation visits only the head of each list ([`Weights::postings`]),
/// so this order decides who is seen when a concept is very common: the
/// strongest links, and among equals a fixed pseudo-random sample that is
/// the same for every list (an organization near the head of one list is
/// near the head of all, so candidates meeting two of my items are found
/// together), independent of input order and of the number of threads.
fn post_cmp(orgs: &[Option<Org>], a: &Posting, b: &Posting) -> Ordering {
    b.w.total_cmp(&a.w)
        .then_with(|| rank_cmp(orgs, a.org, b.org))
        .then(a.from_lexicon.cmp(&b.from_lexicon))
}

fn rank_cmp(orgs: &[Option<Org>], a: u32, b: u32) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    let (x, y) = (live(orgs, a), live(orgs, b));
    x.idh
        .cmp(&y.idh)
        .then_with(|| x.id.cmp(&y.id))
        .then(a.cmp(&b))
}

fn live(orgs: &[Option<Org>], i: u32) -> &Org {
    orgs[i as usize]
        .as_ref()
        .expect("postings name live organizations only")
}

/// Per-candidate accumulators of the first pass, side by side so that a
/// posting touches one cache line.
#[derive(Clone, Copy, Default)]
struct Acc {
    link: f32,
    /// The strongest pair key in common: it complements me both ways.
    pair: f32,
    text_a: f32,
    text_b: f32,
}

struct Scratch {
    acc: Vec<Acc>,
    /// One bit per slot: touched in this pass (kept apart so that an
    /// accumulator is 16 bytes).
    seen: Vec<u64>,
    touched: Vec<u32>,
    cands: Vec<(f32, u64, u32)>,
    links: Vec<Link>,
    queries: Vec<(u8, Feat)>,
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch {
            acc: vec![Acc::default(); n],
            seen: vec![0; n.div_ceil(64)],
            touched: Vec::new(),
            cands: Vec::new(),
            links: Vec::new(),
            queries: Vec::new(),
        }
    }
    fn at(&mut self, o: u32) -> &mut Acc {
        let (word, bit) = ((o / 64) as usize, 1u64 << (o % 64));
        if self.seen[word] & bit == 0 {
            self.seen[word] |= bit;
            self.touched.push(o);
        }
        &mut self.acc[o as usize]
    }
}

/// The matching engine with its state: analysed profiles, posting lists
/// and every organization's current list. Built once
/// ([`Matcher::new`]); when a profile changes, is added or is removed,
/// [`Matcher::update`], [`Matcher::insert`] and [`Matcher::remove`]
/// recompute only the organizations whose list can change and return
/// those whose list did change, so that an application stores only those.
///
/// Organizations are named by slot: their position in the profiles given
/// to `new`, then one slot per insert; a removed slot stays empty.
/// Results equal a full recomputation ([`Matcher::with_stats`] on the
/// edited profiles with [`Matcher::stats`]), whatever the order of edits
/// and the number of threads.
///
/// Which lists can change: an organization's candidates come from the
/// heads of posting lists (the first [`Weights::postings`] of each key it
/// has), and a pair's score depends on the pair alone. A change to
/// organization `j` therefore reaches only (a) `j` itself, (b) the
/// organizations of the other side holding a key of a list where `j` was
/// or now is in the head (they may see `j` appear or vanish, or see
/// another organization pushed out of or into the head), and (c)
/// low-confidence organizations, whose list is padded from everyone.
pub struct Matcher {
    w: Weights,
    top: usize,
    objectives: HashMap<String, Objectives>,
    stats: CorpusStats,
    vocab: HashMap<u64, String>,
    orgs: Vec<Option<Org>>,
    /// The id hash of every slot (0 for an empty one), apart from the
    /// organizations for a cache-friendly first pass.
    ranks: Vec<u64>,
    index: [SideIndex; 2],
    /// Every live organization's list as (slot, score).
    cache: Vec<Vec<(u32, f64)>>,
    /// Every live organization's shortlist (the first pass's result).
    shortlists: Vec<Vec<u32>>,
}

fn summary(r: &Recommendations) -> Vec<(u32, f64)> {
    r.top.iter().map(|m| (m.org as u32, m.score)).collect()
}

impl Matcher {
    /// Analyses the profiles, indexes them and computes every list; word
    /// statistics are taken from these profiles.
    pub fn new(
        profiles: &[Profile],
        objectives: &HashMap<String, Objectives>,
        top: usize,
        weights: &Weights,
    ) -> Matcher {
        Matcher::build(profiles, objectives, top, weights, None).0
    }

    /// As [`Matcher::new`], with word statistics given (those of another
    /// matcher): what an incrementally updated matcher is equal to.
    pub fn with_stats(
        profiles: &[Profile],
        objectives: &HashMap<String, Objectives>,
        top: usize,
        weights: &Weights,
        stats: CorpusStats,
    ) -> Matcher {
        Matcher::build(profiles, objectives, top, weights, Some(stats)).0
    }

    fn build(
        profiles: &[Profile],
        objectives: &HashMap<String, Objectives>,
        top: usize,
        weights: &Weights,
        stats: Option<CorpusStats>,
    ) -> (Matcher, Vec<Recommendations>) {
        let w = weights;
        let analysed: Vec<Analysed> = profiles.par_iter().map(|p| analyse_profile(p, w)).collect();
        let stats = stats.unwrap_or_else(|| CorpusStats::from_analysed(&analysed));
        let mut vocab: HashMap<u64, String> = HashMap::new();
        for a in &analysed {
            for (h, word) in &a.words {
                vocab.entry(*h).or_insert_with(|| word.clone());
            }
        }
        let orgs: Vec<Option<Org>> = profiles
            .par_iter()
            .zip(analysed.into_par_iter())
            .map(|(p, a)| Some(make_org(p, a, &stats, objectives, w)))
            .collect();
        let mut index: [SideIndex; 2] = [HashMap::new(), HashMap::new()];
        for (i, o) in orgs.iter().enumerate() {
            let o = o.as_ref().expect("all built");
            let ix = &mut index[side_ix(o.side)];
            for (lk, p) in org_postings(o, i as u32) {
                ix.entry(lk).or_default().push(p);
            }
        }
        for ix in &mut index {
            ix.par_iter_mut()
                .for_each(|(_, list)| list.sort_by(|a, b| post_cmp(&orgs, a, b)));
        }
        let mut m = Matcher {
            w: w.clone(),
            top,
            objectives: objectives.clone(),
            stats,
            vocab,
            cache: vec![Vec::new(); orgs.len()],
            shortlists: Vec::new(),
            ranks: orgs.iter().flatten().map(|o| o.idh).collect(),
            orgs,
            index,
        };
        let (shortlists, recs): (Vec<Vec<u32>>, Vec<Recommendations>) = m
            .compute_many(&(0..profiles.len() as u32).collect::<Vec<_>>())
            .into_iter()
            .unzip();
        m.cache = recs.iter().map(summary).collect();
        m.shortlists = shortlists;
        (m, recs)
    }

    /// The word statistics in use.
    pub fn stats(&self) -> &CorpusStats {
        &self.stats
    }

    /// Number of slots (live or removed).
    pub fn slots(&self) -> usize {
        self.orgs.len()
    }

    /// Whether slot `i` holds an organization.
    pub fn is_live(&self, i: usize) -> bool {
        self.orgs.get(i).is_some_and(Option::is_some)
    }

    /// The id of the organization in slot `i`.
    pub fn id(&self, i: usize) -> Option<&str> {
        self.orgs.get(i)?.as_ref().map(|o| o.id.as_str())
    }

    /// The list of slot `i`, with its reasons (`None` for an empty slot).
    pub fn top(&self, i: usize) -> Option<Recommendations> {
        if !self.is_live(i) {
            return None;
        }
        Some(self.compute(i, &mut Scratch::new(self.orgs.len())).1)
    }

    /// Every live organization's list, in slot order, computed afresh.
    pub fn all(&self) -> Vec<Recommendations> {
        let live: Vec<u32> = (0..self.orgs.len() as u32)
            .filter(|&i| self.is_live(i as usize))
            .collect();
        self.compute_many(&live).into_iter().map(|x| x.1).collect()
    }

    /// Replaces the profile in slot `i`; returns the lists that changed,
    /// slot `i`'s first.
    pub fn update(&mut self, i: usize, profile: &Profile) -> Vec<Recommendations> {
        self.replace(i, Some(profile))
    }

    /// Adds a profile in a new slot; returns the slot and the lists that
    /// changed, the new organization's first.
    pub fn insert(&mut self, profile: &Profile) -> (usize, Vec<Recommendations>) {
        let i = self.orgs.len();
        self.orgs.push(None);
        self.ranks.push(0);
        self.cache.push(Vec::new());
        self.shortlists.push(Vec::new());
        (i, self.replace(i, Some(profile)))
    }

    /// Removes the organization in slot `i`; returns the lists that
    /// changed.
    pub fn remove(&mut self, i: usize) -> Vec<Recommendations> {
        self.replace(i, None)
    }

    fn replace(&mut self, j: usize, profile: Option<&Profile>) -> Vec<Recommendations> {
        let cap = self.w.postings.max(1);
        let jj = j as u32;
        // lists whose head changed: (side, list)
        let mut heads: Vec<(usize, ListKey)> = Vec::new();
        let old = self.orgs[j].take();
        if let Some(o) = &old {
            let s = side_ix(o.side);
            for (lk, p) in org_postings(o, jj) {
                let Some(list) = self.index[s].get_mut(&lk) else {
                    continue;
                };
                let Some(pos) = list
                    .iter()
                    .position(|q| q.org == jj && q.from_lexicon == p.from_lexicon)
                else {
                    continue;
                };
                list.remove(pos);
                if pos < cap {
                    heads.push((s, lk));
                }
                if list.is_empty() {
                    self.index[s].remove(&lk);
                }
            }
        }
        if let Some(p) = profile {
            let a = analyse_profile(p, &self.w);
            for (h, word) in &a.words {
                self.vocab.entry(*h).or_insert_with(|| word.clone());
            }
            let o = make_org(p, a, &self.stats, &self.objectives, &self.w);
            self.ranks[j] = o.idh;
            self.orgs[j] = Some(o);
        }
        if let Some(o) = &self.orgs[j] {
            let s = side_ix(o.side);
            for (lk, p) in org_postings(o, jj) {
                let list = self.index[s].entry(lk).or_default();
                let pos = list.partition_point(|q| post_cmp(&self.orgs, q, &p) == Ordering::Less);
                list.insert(pos, p);
                if pos < cap {
                    heads.push((s, lk));
                }
            }
        }
        let mut dirty: Vec<u32> = Vec::new();
        for (s, (r, key)) in heads {
            if matches!(r, R_OFFER_TEXT | R_NEED_TEXT) && self.stats.common(key) {
                // nobody walks it
                continue;
            }
            if let Some(list) = self.index[s ^ 1].get(&(watcher_role(r), watcher_key(r, key))) {
                dirty.extend(list.iter().map(|p| p.org));
            }
        }
        // Low-confidence lists are padded from every organization of the
        // other side, by shared language and id: they change only when `j`
        // comes, goes, or changes side, id or languages (a change of what
        // it trades reaches them through the lists above).
        let seen_as = |o: &Option<Org>| {
            o.as_ref()
                .map(|o| (o.side, o.id.clone(), o.languages.clone()))
        };
        if seen_as(&old) != seen_as(&self.orgs[j]) {
            dirty.extend(
                self.orgs
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.as_ref().is_some_and(|o| o.low_confidence.is_some()))
                    .map(|(i, _)| i as u32),
            );
        }
        dirty.sort_unstable();
        dirty.dedup();
        dirty.retain(|&i| i != jj);
        if self.orgs[j].is_some() {
            dirty.insert(0, jj);
        }
        // The first pass for each; the second only where the shortlist
        // changed or holds `j`, or the list is padded: the full score of
        // any other pair is what it was.
        let n = self.orgs.len();
        let results: Vec<(u32, Vec<u32>, Option<Recommendations>)> = dirty
            .par_iter()
            .map_init(
                || Scratch::new(n),
                |sc, &i| {
                    let short = self.shortlist(i as usize, sc);
                    let same = i != jj
                        && self.org(i as usize).low_confidence.is_none()
                        && short == self.shortlists[i as usize]
                        && !short.contains(&jj);
                    let r = (!same).then(|| self.finish(i as usize, &short, sc));
                    (i, short, r)
                },
            )
            .collect();
        let old_j = std::mem::take(&mut self.cache[j]);
        self.shortlists[j].clear();
        let mut out = Vec::new();
        for (i, short, r) in results {
            self.shortlists[i as usize] = short;
            let Some(r) = r else {
                continue;
            };
            let new = summary(&r);
            let slot = r.org;
            let prev = if slot == j { &old_j } else { &self.cache[slot] };
            let changed = slot == j || *prev != new || prev.iter().chain(&new).any(|x| x.0 == jj);
            if changed {
                self.cache[slot] = new;
                out.push(r);
            }
        }
        out
    }

    fn compute_many(&self, slots: &[u32]) -> Vec<(Vec<u32>, Recommendations)> {
        let n = self.orgs.len();
        slots
            .par_iter()
            .map_init(
                || Scratch::new(n),
                |scratch, &oi| self.compute(oi as usize, scratch),
            )
            .collect()
    }

    fn org(&self, i: usize) -> &Org {
        live(&self.orgs, i as u32)
    }
}

/// Recommends, for every profile, its best `top` counterparts of the other
/// side. `objectives` maps a delegation id to its objectives (may be empty).
pub fn recommend(
    profiles: &[Profile],
    objectives: &HashMap<String, Objectives>,
    top: usize,
    weights: &Weights,
) -> Vec<Recommendations> {
    Matcher::build(profiles, objectives, top, weights, None).1
}

impl Matcher {
    fn compute(&self, oi: usize, s: &mut Scratch) -> (Vec<u32>, Recommendations) {
        let short = self.shortlist(oi, s);
        let r = self.finish(oi, &short, s);
        (short, r)
    }

    /// The first pass: the candidates to score in full, best first.
    fn shortlist(&self, oi: usize, s: &mut Scratch) -> Vec<u32> {
        let w = &self.w;
        let top = self.top;
        let cap = w.postings.max(1);
        let me = self.org(oi);
        let ix = &self.index[side_ix(me.side) ^ 1];
        // First pass: the best single link per candidate, plus text, over
        // the head of each list only: bounded work per organization
        // whatever the number of organizations.
        // Each list once, with the strongest of my features for it (items
        // often share an ancestor or a chapter).
        let mut queries = std::mem::take(&mut s.queries);
        queries.clear();
        for (items, role, code_role) in [
            (&me.offers, R_NEEDS, R_NEED_CODES),
            (&me.needs, R_OFFERS, R_OFFER_CODES),
        ] {
            for item in items {
                for f in &item.feats {
                    let is_code = matches!(key_kind(f.key), K_H6 | K_H4 | K_H2);
                    // two lexicon codes never match: walk only the others
                    let r = if is_code && f.from_lexicon {
                        code_role
                    } else {
                        role
                    };
                    queries.push((r, *f));
                }
            }
        }
        queries.sort_by(|a, b| {
            (a.0, a.1.key)
                .cmp(&(b.0, b.1.key))
                .then(b.1.w.total_cmp(&a.1.w))
        });
        queries.dedup_by(|x, y| x.0 == y.0 && x.1.key == y.1.key);
        for &(r, f) in &queries {
            let Some(list) = ix.get(&(r, u64::from(f.key))) else {
                continue;
            };
            for p in &list[..list.len().min(cap)] {
                let v = link_value(f.key, f.w, f.from_lexicon, p.w, p.from_lexicon, w);
                if v > 0.0 {
                    let a = s.at(p.org);
                    if v > a.link {
                        a.link = v;
                    }
                }
            }
        }
        s.queries = queries;
        // Partners complementing me both ways, through pair keys.
        for &(k, qw) in &me.pairs {
            let Some(list) = ix.get(&(R_PAIR, swap_pair(k))) else {
                continue;
            };
            for p in &list[..list.len().min(cap)] {
                let a = s.at(p.org);
                a.pair = a.pair.max(qw * p.w);
            }
        }
        for (vec, role, acc) in [
            (&me.offer_vec, R_NEED_TEXT, 0usize),
            (&me.need_vec, R_OFFER_TEXT, 1usize),
        ] {
            for &(t, tw) in vec {
                if self.stats.common(t) {
                    continue;
                }
                let Some(list) = ix.get(&(role, t)) else {
                    continue;
                };
                for p in &list[..list.len().min(cap)] {
                    let a = s.at(p.org);
                    if acc == 0 {
                        a.text_a += tw * p.w;
                    } else {
                        a.text_b += tw * p.w;
                    }
                }
            }
        }
        // (first-pass score, id hash, slot): equal scores in the fixed
        // order of ids, not of input positions
        let mut cands = std::mem::take(&mut s.cands);
        cands.clear();
        for &o in &s.touched {
            let a = std::mem::take(&mut s.acc[o as usize]);
            s.seen[(o / 64) as usize] = 0;
            // a pair key in common stands for a link each way
            let v = a.link.max(a.pair) + w.mutual * a.pair + w.text * a.text_a.max(a.text_b);
            cands.push((v, self.ranks[o as usize], o));
        }
        s.touched.clear();
        let keep = w.candidates.max(top.saturating_mul(3));
        let order = |a: &(f32, u64, u32), b: &(f32, u64, u32)| {
            b.0.total_cmp(&a.0)
                .then(a.1.cmp(&b.1))
                .then_with(|| rank_cmp(&self.orgs, a.2, b.2))
        };
        if cands.len() > keep {
            // partial selection: linear, where a full sort of thousands of
            // candidates per organization would dominate the time
            cands.select_nth_unstable_by(keep, order);
            cands.truncate(keep);
        }
        cands.sort_by(order);
        let short = cands.iter().map(|c| c.2).collect();
        s.cands = cands;
        short
    }

    /// The second pass: full scores of the shortlist, the list and its
    /// reasons.
    fn finish(&self, oi: usize, short: &[u32], s: &mut Scratch) -> Recommendations {
        let w = &self.w;
        let top = self.top;
        let me = self.org(oi);
        let mut scored: Vec<(f64, u32, PairScore)> = short
            .iter()
            .map(|&o| {
                let ps = score_pair(me, self.org(o as usize), w, &mut s.links);
                (round4(ps.score), o, ps)
            })
            .filter(|x| x.0 > 0.0)
            .collect();
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| self.org(a.1 as usize).id.cmp(&self.org(b.1 as usize).id))
                .then(a.1.cmp(&b.1))
        });
        scored.truncate(top);
        let mut out: Vec<Match> = scored
            .into_iter()
            .map(|(score, o, ps)| Match {
                org: o as usize,
                score,
                reasons: self.reasons(oi, o as usize, &ps, &s.links[ps.links.clone()]),
            })
            .collect();
        s.links.clear();
        if me.low_confidence.is_some() && out.len() < top {
            self.pad(oi, top, &mut out);
        }
        Recommendations { org: oi, top: out }
    }

    /// Fills a low-confidence organization's list with counterparts that
    /// share a language with it (score 0.01) or not (0), by id.
    fn pad(&self, oi: usize, top: usize, out: &mut Vec<Match>) {
        let me = self.org(oi);
        let other = me.side;
        let note = me.low_confidence.clone().unwrap_or_default();
        let mut rest: Vec<(f64, &str, usize)> = self
            .orgs
            .iter()
            .enumerate()
            .filter(|(_, o)| o.as_ref().is_some_and(|o| o.side != other))
            .map(|(o, _)| o)
            .filter(|o| !out.iter().any(|m| m.org == *o))
            .map(|o| {
                let p = self.org(o);
                let shared = p.languages.iter().any(|l| me.languages.contains(l));
                (if shared { 0.01 } else { 0.0 }, p.id.as_str(), o)
            })
            .collect();
        rest.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        let floor = out.last().map_or(1.0, |m| m.score);
        for (score, _, o) in rest.into_iter().take(top - out.len()) {
            let score = score.min(floor);
            let mut text = note.clone();
            if score > 0.0 {
                text.push_str("; listed because you share a language");
            }
            out.push(Match {
                org: o,
                score,
                reasons: vec![Reason {
                    kind: ReasonKind::Text,
                    mine: None,
                    theirs: None,
                    hs: None,
                    text,
                }],
            });
        }
        // keep the order rule: score descending, ties by id
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| self.org(a.org).id.cmp(&self.org(b.org).id))
        });
    }

    fn reasons(&self, a: usize, b: usize, ps: &PairScore, links: &[Link]) -> Vec<Reason> {
        let lex = lexicon();
        let (ma, mb) = (self.org(a), self.org(b));
        let mut links = links.to_vec();
        links.sort_by(|x, y| {
            y.sim
                .total_cmp(&x.sim)
                .then((x.kind as u8).cmp(&(y.kind as u8)))
                .then(x.mine.cmp(&y.mine))
                .then(x.theirs.cmp(&y.theirs))
        });
        let mut out = Vec::new();
        // the strongest link is always shown, however weak
        let floor = links
            .first()
            .map_or(0.0, |l| l.sim.min(self.w.reason_floor));
        for l in links.iter().filter(|l| l.sim >= floor).take(3) {
            let (mine, theirs, my_item, their_item, mine_word, theirs_word) = match l.kind {
                ReasonKind::OfferNeed => (
                    ItemRef::Offer(l.mine),
                    ItemRef::Need(l.theirs),
                    &ma.offers[l.mine],
                    &mb.needs[l.theirs],
                    "your offer",
                    "their need",
                ),
                _ => (
                    ItemRef::Need(l.mine),
                    ItemRef::Offer(l.theirs),
                    &ma.needs[l.mine],
                    &mb.offers[l.theirs],
                    "your need",
                    "their offer",
                ),
            };
            let kind = key_kind(l.key);
            let value = key_value(l.key);
            let (hs, what): (Option<HsCode>, String) = match kind {
                K_CONCEPT => {
                    let c = lex.get(value);
                    (lex.code_of(value).cloned(), c.label.clone())
                }
                K_CHANNEL => {
                    let c = lex.get(value);
                    (None, format!("distribution of {}", c.label))
                }
                K_CHANNEL_ANY => (None, "distribution / agency".to_string()),
                _ => {
                    let digits = match kind {
                        K_H6 => 6,
                        K_H4 => 4,
                        _ => 2,
                    };
                    let code = HsCode::parse(&format!("{value:0digits$}")).ok();
                    let desc = code
                        .as_ref()
                        .and_then(|c| mitra_hs::nomenclature().get(c))
                        .map(|e| analyze::short(&e.description))
                        .unwrap_or_default();
                    (code, desc)
                }
            };
            let mut text = format!(
                "{mine_word}: {} ↔ {theirs_word}: {}",
                analyze::short(&my_item.text),
                analyze::short(&their_item.text)
            );
            match &hs {
                Some(code) => {
                    text.push_str(&format!(", HS {} ({what})", analyze::format_code(code)))
                }
                None => text.push_str(&format!(" ({what})")),
            }
            if l.sim < 0.5 {
                text.push_str("; a partial match");
            }
            if ps.intent && l.kind == ReasonKind::OfferNeed && mb.seeks_buyers {
                // nothing: their buyer intent concerns their own offers
            }
            for note in my_item.notes.iter().chain(&their_item.notes) {
                text.push_str("; note: ");
                text.push_str(note);
            }
            out.push(Reason {
                kind: l.kind,
                mine: Some(mine),
                theirs: Some(theirs),
                hs,
                text,
            });
        }
        if ps.intent {
            let text = if mb.seeks_buyers && links.iter().any(|l| l.kind == ReasonKind::NeedOffer) {
                "they are looking for buyers, and you need what they offer"
            } else {
                "you are looking for buyers, and they need what you offer"
            };
            out.push(Reason {
                kind: ReasonKind::Text,
                mine: None,
                theirs: None,
                hs: None,
                text: text.into(),
            });
        }
        if out.is_empty() && ps.text > 0.0 {
            let mut shared: Vec<&str> = Vec::new();
            for (x, y) in [(&ma.offer_vec, &mb.need_vec), (&ma.need_vec, &mb.offer_vec)] {
                let mut pairs: Vec<(f32, u64)> = Vec::new();
                let (mut i, mut j) = (0, 0);
                while i < x.len() && j < y.len() {
                    match x[i].0.cmp(&y[j].0) {
                        std::cmp::Ordering::Less => i += 1,
                        std::cmp::Ordering::Greater => j += 1,
                        std::cmp::Ordering::Equal => {
                            pairs.push((x[i].1 * y[j].1, x[i].0));
                            i += 1;
                            j += 1;
                        }
                    }
                }
                pairs.sort_by(|p, q| q.0.total_cmp(&p.0).then(p.1.cmp(&q.1)));
                for (_, t) in pairs.into_iter().take(3) {
                    let word = self.vocab.get(&t).map_or("", String::as_str);
                    if !shared.contains(&word) {
                        shared.push(word);
                    }
                }
            }
            out.push(Reason {
                kind: ReasonKind::Text,
                mine: None,
                theirs: None,
                hs: None,
                text: format!(
                    "similar wording between your offers/needs and theirs ({}); no product or service match",
                    shared.join(", ")
                ),
            });
        }
        for note in [&ma.low_confidence, &mb.low_confidence]
            .into_iter()
            .flatten()
        {
            let text = if std::ptr::eq(note, ma.low_confidence.as_ref().unwrap_or(note))
                && ma.low_confidence.is_some()
            {
                note.clone()
            } else {
                format!("their profile: {note}")
            };
            out.push(Reason {
                kind: ReasonKind::Text,
                mine: None,
                theirs: None,
                hs: None,
                text,
            });
        }
        out
    }
}
