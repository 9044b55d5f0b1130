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
use std::collections::HashMap;

/// A sparse vector: (token id, weight), sorted by id.
type SparseVec = Vec<(u32, f32)>;

struct Org {
    side: Side,
    offers: Vec<ItemData>,
    needs: Vec<ItemData>,
    /// TF-IDF vectors (token id, weight), sorted, L2-normalised.
    offer_vec: Vec<(u32, f32)>,
    need_vec: Vec<(u32, f32)>,
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
}

struct Analysed {
    offers: Vec<ItemData>,
    needs: Vec<ItemData>,
    offer_tokens: Vec<(String, f32)>,
    need_tokens: Vec<(String, f32)>,
}

fn analyse_profile(p: &Profile, w: &Weights) -> Analysed {
    let mut offer_tokens = Vec::new();
    let mut need_tokens = Vec::new();
    let mut offers = Vec::new();
    let mut toks = Vec::new();
    for it in &p.offers {
        let (d, a) = analyze::analyse_item(it, false, w);
        toks.clear();
        analyze::tokens(&a, &mut toks);
        offer_tokens.extend(toks.drain(..).map(|t| (t, 1.0)));
        offers.push(d);
    }
    if let Some(desc) = &p.description {
        // The description says what the organization does: half weight.
        let a = crate::text::analyse(desc);
        analyze::tokens(&a, &mut toks);
        offer_tokens.extend(toks.drain(..).map(|t| (t, 0.5)));
    }
    let mut needs = Vec::new();
    for it in &p.needs {
        let (d, a) = analyze::analyse_item(it, true, w);
        analyze::tokens(&a, &mut toks);
        need_tokens.extend(toks.drain(..).map(|t| (t, 1.0)));
        needs.push(d);
    }
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

#[derive(Clone, Copy)]
struct Posting {
    org: u32,
    w: f32,
    from_lexicon: bool,
}

#[derive(Default)]
struct SideIndex {
    offers: HashMap<u32, Vec<Posting>>,
    needs: HashMap<u32, Vec<Posting>>,
    /// HS postings from registrant codes and the fallback only: what a
    /// lexicon-derived code may meet.
    offer_codes: HashMap<u32, Vec<Posting>>,
    need_codes: HashMap<u32, Vec<Posting>>,
    offer_text: HashMap<u32, Vec<(u32, f32)>>,
    need_text: HashMap<u32, Vec<(u32, f32)>>,
}

/// Posting lists longer than this are walked in the first pass only for
/// strong links (see [`Engine::recommend_one`]).
const LONG_LIST: usize = 2_000;

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

fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
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
    links: Vec<Link>,
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

fn score_pair(a: &Org, b: &Org, w: &Weights) -> PairScore {
    let mut links = Vec::new();
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
    let d_ab = direction(&links[..split], w);
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
    links.sort_by(|x, y| {
        y.sim
            .total_cmp(&x.sim)
            .then((x.kind as u8).cmp(&(y.kind as u8)))
            .then(x.mine.cmp(&y.mine))
            .then(x.theirs.cmp(&y.theirs))
    });
    PairScore {
        score: score.clamp(0.0, 1.0),
        links,
        text,
        intent,
    }
}

fn round4(x: f32) -> f64 {
    ((x as f64) * 10_000.0).round() / 10_000.0
}

struct Engine<'a> {
    profiles: &'a [Profile],
    orgs: Vec<Org>,
    vocab: Vec<String>,
    /// Org indices per side (Guest, Host).
    by_side: [Vec<u32>; 2],
    index: [SideIndex; 2],
    w: &'a Weights,
}

fn side_ix(s: Side) -> usize {
    match s {
        Side::Guest => 0,
        Side::Host => 1,
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
    let w = weights;
    let analysed: Vec<Analysed> = profiles.par_iter().map(|p| analyse_profile(p, w)).collect();
    // Vocabulary and document frequencies, in input order (deterministic).
    let mut vocab_ix: HashMap<String, u32> = HashMap::new();
    let mut vocab: Vec<String> = Vec::new();
    let mut df: Vec<u32> = Vec::new();
    let mut docs: Vec<(SparseVec, SparseVec)> = Vec::with_capacity(profiles.len());
    for a in &analysed {
        let mut intern = |toks: &[(String, f32)]| {
            let mut v: Vec<(u32, f32)> = toks
                .iter()
                .map(|(t, tw)| {
                    let id = *vocab_ix.entry(t.clone()).or_insert_with(|| {
                        vocab.push(t.clone());
                        df.push(0);
                        (vocab.len() - 1) as u32
                    });
                    (id, *tw)
                })
                .collect();
            v.sort_by_key(|x| x.0);
            let mut merged: Vec<(u32, f32)> = Vec::with_capacity(v.len());
            for (id, tw) in v {
                match merged.last_mut() {
                    Some(last) if last.0 == id => last.1 += tw,
                    _ => merged.push((id, tw)),
                }
            }
            merged
        };
        let o = intern(&a.offer_tokens);
        let n = intern(&a.need_tokens);
        let mut seen: Vec<u32> = o.iter().chain(&n).map(|x| x.0).collect();
        seen.sort_unstable();
        seen.dedup();
        for t in seen {
            df[t as usize] += 1;
        }
        docs.push((o, n));
    }
    let n_docs = profiles.len().max(1) as f32;
    let idf: Vec<f32> = df.iter().map(|&d| (1.0 + n_docs / d as f32).ln()).collect();
    let weigh = |v: Vec<(u32, f32)>| -> Vec<(u32, f32)> {
        let mut v: Vec<(u32, f32)> = v
            .into_iter()
            .map(|(t, tf)| (t, (1.0 + tf.ln().max(0.0)) * idf[t as usize]))
            .collect();
        let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
        if norm > 0.0 {
            for x in &mut v {
                x.1 /= norm;
            }
        }
        v
    };
    let mut orgs = Vec::with_capacity(profiles.len());
    for ((p, a), (ov, nv)) in profiles.iter().zip(analysed).zip(docs) {
        let low_confidence = low_confidence(p, &a.offers, &a.needs);
        let lex = lexicon();
        let mut target_regions: Vec<u32> = a
            .needs
            .iter()
            .filter(|n| n.intent != Intent::Trade)
            .flat_map(|n| n.regions.iter().copied())
            .collect();
        target_regions.sort_unstable();
        target_regions.dedup();
        let _ = lex;
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
        orgs.push(Org {
            side: p.side,
            compete: compete_feats(&a.offers),
            offers: a.offers,
            needs: a.needs,
            offer_vec: weigh(ov),
            need_vec: weigh(nv),
            seeks_buyers,
            target_regions,
            country: p.country.clone(),
            low_confidence,
            objective_offers,
            objective_needs,
        });
    }
    let mut by_side: [Vec<u32>; 2] = [Vec::new(), Vec::new()];
    let mut index: [SideIndex; 2] = [SideIndex::default(), SideIndex::default()];
    for (oi, org) in orgs.iter().enumerate() {
        let s = side_ix(org.side);
        by_side[s].push(oi as u32);
        let ix = &mut index[s];
        for (items, map, codes) in [
            (&org.offers, &mut ix.offers, &mut ix.offer_codes),
            (&org.needs, &mut ix.needs, &mut ix.need_codes),
        ] {
            for item in items.iter() {
                for f in &item.feats {
                    let posting = Posting {
                        org: oi as u32,
                        w: f.w,
                        from_lexicon: f.from_lexicon,
                    };
                    map.entry(f.key).or_default().push(posting);
                    if !f.from_lexicon && matches!(key_kind(f.key), K_H6 | K_H4 | K_H2) {
                        codes.entry(f.key).or_default().push(posting);
                    }
                }
            }
        }
        for &(t, tw) in &org.offer_vec {
            ix.offer_text.entry(t).or_default().push((oi as u32, tw));
        }
        for &(t, tw) in &org.need_vec {
            ix.need_text.entry(t).or_default().push((oi as u32, tw));
        }
    }
    let engine = Engine {
        profiles,
        orgs,
        vocab,
        by_side,
        index,
        w,
    };
    (0..profiles.len())
        .into_par_iter()
        .map_init(
            || Scratch::new(profiles.len()),
            |scratch, oi| engine.recommend_one(oi, top, scratch),
        )
        .collect()
}

struct Scratch {
    prelim: Vec<f32>,
    text_a: Vec<f32>,
    text_b: Vec<f32>,
    touched: Vec<u32>,
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch {
            prelim: vec![0.0; n],
            text_a: vec![0.0; n],
            text_b: vec![0.0; n],
            touched: Vec::new(),
        }
    }
    fn touch(&mut self, o: u32) {
        let i = o as usize;
        if self.prelim[i] == 0.0 && self.text_a[i] == 0.0 && self.text_b[i] == 0.0 {
            self.touched.push(o);
        }
    }
}

impl Engine<'_> {
    fn recommend_one(&self, oi: usize, top: usize, s: &mut Scratch) -> Recommendations {
        let w = self.w;
        let me = &self.orgs[oi];
        let other = side_ix(me.side) ^ 1;
        let ix = &self.index[other];
        // First pass: the best single link per candidate, plus text.
        for (items, postings, codes) in [
            (&me.offers, &ix.needs, &ix.need_codes),
            (&me.needs, &ix.offers, &ix.offer_codes),
        ] {
            for item in items {
                for f in &item.feats {
                    let is_code = matches!(key_kind(f.key), K_H6 | K_H4 | K_H2);
                    // two lexicon codes never match: walk only the others
                    let map = if is_code && f.from_lexicon {
                        codes
                    } else {
                        postings
                    };
                    let Some(list) = map.get(&f.key) else {
                        continue;
                    };
                    // Weak links over very long lists (a chapter, a broad
                    // family) cannot lift a candidate into the top; skip
                    // them in this pass so time stays near linear.
                    if list.len() > LONG_LIST && f.w * level_weight(f.key, w) < 0.5 {
                        continue;
                    }
                    for p in list {
                        let v = link_value(f.key, f.w, f.from_lexicon, p.w, p.from_lexicon, w);
                        if v > 0.0 {
                            s.touch(p.org);
                            let slot = &mut s.prelim[p.org as usize];
                            if v > *slot {
                                *slot = v;
                            }
                        }
                    }
                }
            }
        }
        for (vec, postings, acc) in [
            (&me.offer_vec, &ix.need_text, 0usize),
            (&me.need_vec, &ix.offer_text, 1usize),
        ] {
            for &(t, tw) in vec {
                let Some(list) = postings.get(&t) else {
                    continue;
                };
                if list.len() > LONG_LIST {
                    // a word that common weighs little (low IDF)
                    continue;
                }
                for &(o, ow) in list {
                    s.touch(o);
                    let slot = if acc == 0 {
                        &mut s.text_a[o as usize]
                    } else {
                        &mut s.text_b[o as usize]
                    };
                    *slot += tw * ow;
                }
            }
        }
        let mut cands: Vec<(f32, u32)> = s
            .touched
            .iter()
            .map(|&o| {
                let i = o as usize;
                (s.prelim[i] + w.text * s.text_a[i].max(s.text_b[i]), o)
            })
            .collect();
        for &o in &s.touched {
            let i = o as usize;
            s.prelim[i] = 0.0;
            s.text_a[i] = 0.0;
            s.text_b[i] = 0.0;
        }
        s.touched.clear();
        let keep = w.candidates.max(top.saturating_mul(3));
        let order = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        if cands.len() > keep {
            // partial selection: linear, where a full sort of thousands of
            // candidates per organization would dominate the time
            cands.select_nth_unstable_by(keep, order);
            cands.truncate(keep);
        }
        cands.sort_by(order);
        // Second pass: full scores.
        let mut scored: Vec<(f64, u32, PairScore)> = cands
            .into_iter()
            .map(|(_, o)| {
                let ps = score_pair(me, &self.orgs[o as usize], w);
                (round4(ps.score), o, ps)
            })
            .filter(|x| x.0 > 0.0)
            .collect();
        let id = |o: u32| self.profiles[o as usize].id.as_str();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(id(a.1).cmp(id(b.1))));
        scored.truncate(top);
        let mut out: Vec<Match> = scored
            .into_iter()
            .map(|(score, o, ps)| Match {
                org: o as usize,
                score,
                reasons: self.reasons(oi, o as usize, &ps),
            })
            .collect();
        if me.low_confidence.is_some() && out.len() < top {
            self.pad(oi, top, &mut out);
        }
        Recommendations { org: oi, top: out }
    }

    /// Fills a low-confidence organization's list with counterparts that
    /// share a language with it (score 0.01) or not (0), by id.
    fn pad(&self, oi: usize, top: usize, out: &mut Vec<Match>) {
        let me = &self.profiles[oi];
        let other = side_ix(self.orgs[oi].side) ^ 1;
        let note = self.orgs[oi].low_confidence.clone().unwrap_or_default();
        let mut rest: Vec<(f64, &str, usize)> = self.by_side[other]
            .iter()
            .map(|&o| o as usize)
            .filter(|o| !out.iter().any(|m| m.org == *o))
            .map(|o| {
                let p = &self.profiles[o];
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
                .then(self.profiles[a.org].id.cmp(&self.profiles[b.org].id))
        });
    }

    fn reasons(&self, a: usize, b: usize, ps: &PairScore) -> Vec<Reason> {
        let lex = lexicon();
        let (ma, mb) = (&self.orgs[a], &self.orgs[b]);
        let mut out = Vec::new();
        // the strongest link is always shown, however weak
        let floor = ps
            .links
            .first()
            .map_or(0.0, |l| l.sim.min(self.w.reason_floor));
        for l in ps.links.iter().filter(|l| l.sim >= floor).take(3) {
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
            let text =
                if mb.seeks_buyers && ps.links.iter().any(|l| l.kind == ReasonKind::NeedOffer) {
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
                let mut pairs: Vec<(f32, u32)> = Vec::new();
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
                    let word = self.vocab[t as usize].as_str();
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
