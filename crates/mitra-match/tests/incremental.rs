//! Incremental recomputation: after random edits (profiles changed, added,
//! removed, moved to the other side, emptied), the lists a [`Matcher`]
//! reported as changed, applied to a store, equal a full recomputation of
//! the edited profiles; and results do not depend on the number of threads.

use mitra_match::{Item, Matcher, Objectives, Profile, Recommendations, Side, Weights, recommend};
use std::collections::{BTreeMap, HashMap};

/// Trade phrases in three languages, with look-alikes, services, buyer and
/// distributor needs, and text the engine does not analyse.
const PHRASES: &[&str] = &[
    "Kopi robusta ose grade 1",
    "green coffee beans arabica",
    "咖啡生豆",
    "烘焙咖啡豆",
    "Lada hitam Lampung",
    "black pepper ASTA",
    "黑胡椒粒",
    "dried chili",
    "udang vaname beku",
    "frozen shrimp HOSO",
    "对虾饲料",
    "pakan udang",
    "drip irrigation",
    "滴灌设备",
    "irigasi tetes untuk kebun kopi",
    "irrigation pump",
    "消防泵",
    "spraying drone",
    "植保无人机",
    "cold chain logistics",
    "冷链物流",
    "halal certification",
    "NPK fertilizer",
    "复合肥",
    "coconut sugar",
    "椰糖",
    "palm oil CPO",
    "tapioca starch",
    "grain dryer",
    "粮食烘干机",
    "寻求东南亚代理",
    "Mencari distributor di China",
    "buyers of pepper in North China",
    "Pembeli kopi",
    "Kaffeeröster sucht Rohkaffee",
    "",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn item(rng: &mut Rng) -> Item {
    let mut text = PHRASES[rng.below(PHRASES.len())].to_string();
    if rng.below(4) == 0 {
        text.push_str(&format!(" brand{}", rng.below(30)));
    }
    match rng.below(6) {
        0 => Item::with_hs(text, &["0901.11"]),
        1 => Item::with_hs(text, &["8413"]),
        _ => Item::new(text),
    }
}

fn profile(rng: &mut Rng, id: &str) -> Profile {
    let side = if rng.below(2) == 0 {
        Side::Guest
    } else {
        Side::Host
    };
    let mut p = Profile::new(id, side);
    p.country = ["ID", "CN", "VN", "AU"][rng.below(4)].into();
    p.languages = vec![["id", "zh", "en"][rng.below(3)].into()];
    if side == Side::Guest && rng.below(2) == 0 {
        p.delegation = Some("lampung".into());
    }
    if rng.below(10) == 0 {
        // empty or website-only profile: low confidence, padded list
        p.website = Some("https://example.com".into());
        return p;
    }
    p.offers = (0..rng.below(3)).map(|_| item(rng)).collect();
    p.needs = (0..1 + rng.below(2)).map(|_| item(rng)).collect();
    p
}

fn objectives() -> HashMap<String, Objectives> {
    let mut m = HashMap::new();
    m.insert(
        "lampung".to_string(),
        Objectives {
            export_products: vec![Item::new("kopi robusta")],
            technology_sought: vec![Item::new("irigasi tetes")],
            risks: vec!["kekeringan".into()],
        },
    );
    m
}

/// Small heads and shortlists, so that the bounded first pass matters
/// even among a hundred organizations.
fn weights() -> Weights {
    small(6)
}

fn small(postings: usize) -> Weights {
    Weights {
        postings,
        candidates: 8,
        ..Weights::default()
    }
}

type Entry = (String, f64, String);

/// A list by ids, reasons written out.
fn by_ids(r: &Recommendations, id: impl Fn(usize) -> String) -> (String, Vec<Entry>) {
    (
        id(r.org),
        r.top
            .iter()
            .map(|m| (id(m.org), m.score, format!("{:?}", m.reasons)))
            .collect(),
    )
}

fn store_of(m: &Matcher, recs: &[Recommendations]) -> BTreeMap<String, Vec<Entry>> {
    let id = |i: usize| m.id(i).expect("live").to_string();
    recs.iter().map(|r| by_ids(r, id)).collect()
}

#[test]
fn incremental_updates_equal_a_full_recomputation() {
    // tiny heads: most lists are longer than what a query visits
    edits_equal_a_full_recomputation(small(2), 0x2545_F491_4F6C_DD1D);
    edits_equal_a_full_recomputation(small(6), 0x9E37_79B9_7F4A_7C15);
    // the default heads: no list is cut at this size
    edits_equal_a_full_recomputation(Weights::default(), 0x2545_F491_4F6C_DD1D);
}

fn edits_equal_a_full_recomputation(w: Weights, seed: u64) {
    let top = 5;
    let obj = objectives();
    let mut rng = Rng(seed);
    let mut next_id = 0usize;
    let mut fresh_id = |rng: &mut Rng| {
        next_id += 1;
        // ids in no particular order, so that slot order and id order differ
        format!("o{:03}-{next_id}", rng.below(1000))
    };
    let initial: Vec<Profile> = (0..120)
        .map(|_| {
            let id = fresh_id(&mut rng);
            profile(&mut rng, &id)
        })
        .collect();
    let mut m = Matcher::new(&initial, &obj, top, &w);
    let mut store = store_of(&m, &m.all());
    // slot → profile, None once removed
    let mut current: Vec<Option<Profile>> = initial.into_iter().map(Some).collect();
    let (mut total_changed, mut edits) = (0usize, 0usize);
    for step in 0..150 {
        let live: Vec<usize> = (0..current.len())
            .filter(|&i| current[i].is_some())
            .collect();
        let action = rng.below(10);
        let (changed, removed_id) = if action < 6 {
            // edit a profile: new offers and needs, maybe another side
            let i = live[rng.below(live.len())];
            let id = current[i].as_ref().unwrap().id.clone();
            let mut p = profile(&mut rng, &id);
            if rng.below(2) == 0 {
                // what it trades only: same side, country and languages
                let mut same = current[i].clone().unwrap();
                same.offers = p.offers;
                same.needs = p.needs;
                p = same;
            }
            current[i] = Some(p.clone());
            (m.update(i, &p), None)
        } else if action < 8 {
            let id = fresh_id(&mut rng);
            let p = profile(&mut rng, &id);
            let (i, changed) = m.insert(&p);
            assert_eq!(i, current.len());
            current.push(Some(p));
            (changed, None)
        } else {
            let i = live[rng.below(live.len())];
            let id = current[i].take().unwrap().id;
            (m.remove(i), Some(id))
        };
        edits += 1;
        total_changed += changed.len();
        if let Some(id) = removed_id {
            store.remove(&id);
        }
        let id = |i: usize| m.id(i).expect("live").to_string();
        for r in &changed {
            let (k, v) = by_ids(r, id);
            store.insert(k, v);
        }
        // every list equals the one computed afresh from the current state
        let fresh = store_of(&m, &m.all());
        assert_eq!(store, fresh, "after edit {step}");
        if step % 25 == 24 || step == 149 {
            // and a matcher built from scratch on the edited profiles, with
            // the same word statistics, gives the same lists
            let profiles: Vec<Profile> = current.iter().flatten().cloned().collect();
            let rebuilt = Matcher::with_stats(&profiles, &obj, top, &w, m.stats().clone());
            assert_eq!(
                store,
                store_of(&rebuilt, &rebuilt.all()),
                "rebuild after {step}"
            );
        }
    }
    // only what changed: far fewer lists than organizations per edit
    let per_edit = total_changed as f64 / edits as f64;
    eprintln!("{per_edit:.1} lists changed per edit among about 120 organizations");
    assert!(per_edit < 60.0, "{per_edit} lists changed per edit");
}

#[test]
fn a_matcher_gives_what_recommend_gives() {
    let mut rng = Rng(7);
    let profiles: Vec<Profile> = (0..80)
        .map(|i| profile(&mut rng, &format!("p{i}")))
        .collect();
    let obj = objectives();
    let w = weights();
    let m = Matcher::new(&profiles, &obj, 10, &w);
    assert_eq!(m.all(), recommend(&profiles, &obj, 10, &w));
    assert_eq!(m.top(3), Some(m.all()[3].clone()));
}

#[test]
fn results_do_not_depend_on_the_number_of_threads() {
    let mut rng = Rng(11);
    let profiles: Vec<Profile> = (0..200)
        .map(|i| profile(&mut rng, &format!("p{i}")))
        .collect();
    let obj = objectives();
    let w = weights();
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool")
            .install(|| recommend(&profiles, &obj, 10, &w))
    };
    let one = run(1);
    assert_eq!(one, run(3));
    assert_eq!(one, run(8));
}
