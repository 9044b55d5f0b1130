//! `mitra/matches@1`: for every organization, its best counterparts of the
//! other side with scores and reasons (shared/formats/README.md §1). The
//! engine is `mitra-match`; this module converts organizations to its
//! profiles and its results to the format.

use crate::Problem;
use mitra_core::ids::DelegationId;
use mitra_core::organization::{Objectives, Organization, Side, TradeItem};
use mitra_match as engine;
use serde::Serialize;
use std::collections::HashMap;

/// The value of the `format` key.
pub const FORMAT: &str = "mitra/matches@1";

/// The whole file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchesFile {
    pub format: &'static str,
    pub matches: Vec<OrgMatches>,
}

/// One organization's recommendations, best first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrgMatches {
    pub org: String,
    pub top: Vec<MatchEntry>,
}

/// One recommended counterpart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchEntry {
    pub org: String,
    /// In [0, 1], 4 decimals; ties are broken by `org`.
    pub score: f64,
    pub reasons: Vec<ReasonEntry>,
}

/// Why: `kind` is `offer-need`, `need-offer`, `sector` or `text`; `mine`
/// and `theirs` point at items (`offers[i]`, `needs[j]`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReasonEntry {
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mine: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theirs: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hs: Option<String>,
    pub text: String,
}

fn item(t: &TradeItem) -> engine::Item {
    engine::Item {
        text: t.text.clone(),
        hs: t.hs.clone(),
    }
}

/// The engine's view of an organization.
pub fn profile(org: &Organization) -> engine::Profile {
    engine::Profile {
        id: org.id.as_str().to_string(),
        side: match org.side {
            Side::Guest => engine::Side::Guest,
            Side::Host => engine::Side::Host,
        },
        country: org.country.as_str().to_string(),
        delegation: org.delegation.as_ref().map(|d| d.as_str().to_string()),
        languages: org
            .languages
            .iter()
            .map(|l| l.as_str().to_string())
            .collect(),
        description: org.description.clone(),
        website: org.website.clone(),
        offers: org.offers.iter().map(item).collect(),
        needs: org.needs.iter().map(item).collect(),
    }
}

/// The engine's view of a delegation's objectives.
pub fn objectives(o: &Objectives) -> engine::Objectives {
    engine::Objectives {
        export_products: o.export_products.iter().map(item).collect(),
        technology_sought: o.technology_sought.iter().map(item).collect(),
        risks: o.risks.clone(),
    }
}

fn engine_objectives(
    objectives: &HashMap<DelegationId, Objectives>,
) -> HashMap<String, engine::Objectives> {
    objectives
        .iter()
        .map(|(id, o)| (id.as_str().to_string(), self::objectives(o)))
        .collect()
}

/// One engine list in the format, ids taken from `id` (engine position →
/// organization id).
fn org_matches<'a>(r: engine::Recommendations, id: impl Fn(usize) -> &'a str) -> OrgMatches {
    OrgMatches {
        org: id(r.org).to_string(),
        top: r
            .top
            .into_iter()
            .map(|m| MatchEntry {
                org: id(m.org).to_string(),
                score: m.score,
                reasons: m
                    .reasons
                    .into_iter()
                    .map(|x| ReasonEntry {
                        kind: x.kind.as_str(),
                        mine: x.mine.map(|r| r.to_string()),
                        theirs: x.theirs.map(|r| r.to_string()),
                        hs: x.hs.map(|c| c.as_str().to_string()),
                        text: x.text,
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// Recommends the best `top` counterparts for every organization, in the
/// input order. `objectives`: delegation id → its objectives, for the boost;
/// may be empty.
pub fn recommend(
    orgs: &[Organization],
    objectives: &HashMap<DelegationId, Objectives>,
    top: usize,
) -> MatchesFile {
    let profiles: Vec<engine::Profile> = orgs.iter().map(profile).collect();
    let objectives = engine_objectives(objectives);
    let result = engine::recommend(&profiles, &objectives, top, &engine::Weights::default());
    MatchesFile {
        format: FORMAT,
        matches: result
            .into_iter()
            .map(|r| org_matches(r, |i| profiles[i].id.as_str()))
            .collect(),
    }
}

/// Recommendations kept up to date as profiles change: built once for an
/// event's organizations, then told of each changed, added or removed
/// organization, it recomputes only the lists that can change and returns
/// those that did, so that the application stores only those.
///
/// Its lists equal what [`recommend`] gives for the current organizations,
/// except that the word statistics of text similarity stay those of the
/// organizations it was built with (so that one edit does not reweigh every
/// profile); build a new one to refresh them (on re-import, say).
pub struct Recommender {
    matcher: engine::Matcher,
    /// Organization id → engine slot.
    slots: HashMap<String, usize>,
}

impl Recommender {
    /// Builds the state for these organizations (ids unique, as a valid
    /// `mitra/organizations@1` file has them).
    pub fn new(
        orgs: &[Organization],
        objectives: &HashMap<DelegationId, Objectives>,
        top: usize,
    ) -> Recommender {
        let profiles: Vec<engine::Profile> = orgs.iter().map(profile).collect();
        let matcher = engine::Matcher::new(
            &profiles,
            &engine_objectives(objectives),
            top,
            &engine::Weights::default(),
        );
        let slots = profiles
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        Recommender { matcher, slots }
    }

    /// Every organization's current list, in the order they were given
    /// (added ones last).
    pub fn all(&self) -> MatchesFile {
        MatchesFile {
            format: FORMAT,
            matches: self.convert(self.matcher.all()),
        }
    }

    /// The current list of one organization.
    pub fn get(&self, org: &str) -> Option<OrgMatches> {
        let slot = *self.slots.get(org)?;
        let r = self.matcher.top(slot)?;
        self.convert(vec![r]).pop()
    }

    /// Records a changed or new organization (by its id): returns its new
    /// list first, then every other list that changed.
    pub fn update(&mut self, org: &Organization) -> Vec<OrgMatches> {
        let p = profile(org);
        let changed = match self.slots.get(&p.id) {
            Some(&slot) => self.matcher.update(slot, &p),
            None => {
                let (slot, changed) = self.matcher.insert(&p);
                self.slots.insert(p.id.clone(), slot);
                changed
            }
        };
        self.convert(changed)
    }

    /// Forgets an organization: returns the other lists that changed (those
    /// that listed it, first of all). Nothing for an unknown id.
    pub fn remove(&mut self, org: &str) -> Vec<OrgMatches> {
        match self.slots.remove(org) {
            Some(slot) => {
                let changed = self.matcher.remove(slot);
                self.convert(changed)
            }
            None => Vec::new(),
        }
    }

    fn convert(&self, recs: Vec<engine::Recommendations>) -> Vec<OrgMatches> {
        let id = |i: usize| self.matcher.id(i).unwrap_or_default();
        recs.into_iter().map(|r| org_matches(r, id)).collect()
    }
}

/// The batch face: a `mitra/organizations@1` file in, a `mitra/matches@1`
/// file out (deterministic bytes), or every problem of the input.
pub fn run(orgs_json: &[u8], top: usize) -> Result<Vec<u8>, Vec<Problem>> {
    let orgs = crate::organizations::parse(orgs_json)?;
    Ok(crate::to_json_bytes(&recommend(
        &orgs,
        &HashMap::new(),
        top,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORGS: &str = r#"{"format": "mitra/organizations@1", "organizations": [
      {"id": "lpg-1", "name": "Koperasi", "side": "guest", "country": "ID", "languages": ["id"],
       "offers": [{"text": "Kopi robusta ose grade 1", "hs": ["0901.11"]}],
       "needs": [{"text": "Irigasi tetes untuk kebun kopi"}]},
      {"id": "sd-1", "name": "滴灌", "side": "host", "country": "CN", "languages": ["zh"],
       "offers": [{"text": "滴灌设备、水肥一体化系统"}], "needs": [{"text": "印尼代理"}]},
      {"id": "sd-2", "name": "烘焙", "side": "host", "country": "CN", "languages": ["zh"],
       "offers": [{"text": "烘焙咖啡豆批发"}], "needs": [{"text": "罗布斯塔生豆"}]},
      {"id": "sd-3", "name": "空", "side": "host", "country": "CN", "languages": ["zh"],
       "offers": [], "needs": []}
    ]}"#;

    #[test]
    fn writes_the_format_deterministically() {
        let a = run(ORGS.as_bytes(), 10).expect("valid input");
        let b = run(ORGS.as_bytes(), 10).expect("valid input");
        assert_eq!(a, b);
        let v: serde_json::Value = serde_json::from_slice(&a).unwrap();
        assert_eq!(v["format"], FORMAT);
        let m = v["matches"].as_array().unwrap();
        assert_eq!(m.len(), 4);
        let first = &m[0]["top"][0];
        assert!(first["reasons"][0]["kind"].is_string());
        let ids: Vec<&str> = m[0]["top"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["org"].as_str().unwrap())
            .collect();
        assert!(ids.contains(&"sd-1") && ids.contains(&"sd-2"), "{ids:?}");
    }

    /// A store of lists by organization id, as an application keeps it.
    fn store(m: &[OrgMatches]) -> std::collections::BTreeMap<String, OrgMatches> {
        m.iter().map(|x| (x.org.clone(), x.clone())).collect()
    }

    #[test]
    fn a_recommender_returns_only_what_changed() {
        let orgs = crate::organizations::parse(ORGS.as_bytes()).expect("valid");
        let mut r = Recommender::new(&orgs, &HashMap::new(), 10);
        assert_eq!(r.all(), recommend(&orgs, &HashMap::new(), 10));
        let mut kept = store(&r.all().matches);
        // the empty host now buys robusta: its list and the coffee
        // cooperative's change
        let mut buyer = orgs[3].clone();
        buyer.needs = vec![TradeItem::new("采购印尼罗布斯塔咖啡生豆", Vec::new())];
        let changed = r.update(&buyer);
        assert_eq!(changed[0].org, "sd-3");
        assert!(changed.iter().any(|m| m.org == "lpg-1"), "{changed:?}");
        let lpg = changed.iter().find(|m| m.org == "lpg-1").expect("listed");
        assert!(lpg.top.iter().any(|e| e.org == "sd-3"), "{lpg:?}");
        kept.extend(store(&changed));
        assert_eq!(kept, store(&r.all().matches));
        // a new guest, then a removal
        let mut newcomer = orgs[0].clone();
        newcomer.id = mitra_core::ids::OrgId::parse("lpg-2").expect("id");
        let changed = r.update(&newcomer);
        assert_eq!(changed[0].org, "lpg-2");
        kept.extend(store(&changed));
        let changed = r.remove("sd-1");
        kept.remove("sd-1");
        assert!(
            changed
                .iter()
                .all(|m| m.top.iter().all(|e| e.org != "sd-1"))
        );
        kept.extend(store(&changed));
        assert_eq!(kept, store(&r.all().matches));
        assert_eq!(r.get("lpg-2").as_ref(), kept.get("lpg-2"));
        assert!(r.remove("unknown").is_empty());
    }

    #[test]
    fn invalid_input_names_the_place() {
        let problems = run(
            br#"{"format": "mitra/organizations@1", "organizations": [{"id": "x"}]}"#,
            10,
        )
        .expect_err("invalid");
        assert!(
            problems
                .iter()
                .any(|p| p.place.starts_with("organizations[0]")),
            "{problems:?}"
        );
    }
}
