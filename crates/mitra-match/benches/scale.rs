//! Scale benchmark: top-10 for every organization among N guests × N hosts
//! of generated profiles, for N = 1k, 5k, 20k (or the sizes given as
//! arguments). Prints seconds, CPU seconds and peak memory.
//!
//! `cargo bench -p mitra-match --bench scale [-- [SIZES] [--phrases|--mixed]
//! [--postings N] [--compare] [--updates N]]`
//!
//! Generators: `--phrases` draws every offer and need from ~170 trade
//! phrases in English, Indonesian and Chinese (with noise words), so that
//! each concept's posting list grows with N, the worst case for an index;
//! `--mixed` (the default) is closer to a national programme: a third of
//! the items from those phrases, two thirds from the ~5,600 product
//! descriptions of the HS 2022 nomenclature, some with the code.
//!
//! `--compare` also runs the first pass unbounded (every posting of every
//! list) and reports how much of the bounded lists it keeps: the share of
//! top-10 entries in common and the ratio of the mean top-10 scores.
//! `--updates N` times N single-profile edits on a [`Matcher`] afterwards.
//!
//! Figures (2 threads on a 2-core machine shared with other builds, load
//! average about 7; wall seconds / CPU seconds of `recommend`, peak RSS of
//! the process from `/usr/bin/time -v`, one size per process):
//!
//! | generator | 1k | 5k | 20k | 20k / 5k (CPU) |
//! | --- | --- | --- | --- | --- |
//! | phrases | 0.23–0.46 s / 0.22 CPU s, 76 MiB | 2.1–3.2 s / 1.42–1.52, 219 MiB | 13.6–14.3 s / 7.3–7.4, 742 MiB | 4.9 |
//! | mixed | 0.22–0.50 s / 0.21–0.26, 76 MiB | 1.5–2.5 s / 1.19–1.47, 221 MiB | 9.5–11.7 s / 6.9–7.1, 756 MiB | 4.8 |
//!
//! The engine before the bounded first pass, same machine and load
//! (phrases): 5k 2.40 s / 1.62 CPU s, 20k 15.1 s / 8.98 CPU s (× 5.5 CPU).
//! `--compare` at 20k: mean top-10 score 0.991 (phrases) and 0.995 (mixed)
//! of an unbounded first pass; at 5k 0.9997 and 0.9994. `--updates 100` at
//! 20k (mixed): 113 ms per edit, 16.5 lists changed per edit.

use mitra_match::{Item, Matcher, Profile, Recommendations, Side, Weights, recommend};
use std::collections::HashMap;
use std::sync::OnceLock;
use std::time::Instant;

const PHRASES: &[&str] = &[
    "Kopi robusta ose grade 1",
    "green coffee beans arabica",
    "咖啡生豆",
    "烘焙咖啡豆",
    "kopi bubuk",
    "Lada hitam Lampung",
    "black pepper ASTA",
    "黑胡椒粒",
    "dried chili",
    "干辣椒",
    "cabai kering",
    "udang vaname beku",
    "frozen shrimp HOSO",
    "南美白对虾",
    "pakan udang",
    "对虾饲料",
    "fish meal",
    "鱼粉",
    "tepung ikan",
    "fish fillet",
    "冷冻鱼片",
    "cumi beku",
    "鱿鱼",
    "dried anchovy",
    "ikan teri",
    "rumput laut cottonii",
    "麒麟菜",
    "carrageenan",
    "卡拉胶",
    "seasoned laver",
    "紫菜",
    "desiccated coconut",
    "椰蓉",
    "kelapa parut",
    "coconut sugar",
    "gula kelapa",
    "椰糖",
    "VCO virgin coconut oil",
    "palm oil CPO",
    "棕榈油",
    "minyak sawit",
    "PKE palm kernel expeller",
    "棕榈仁粕",
    "cocoa beans",
    "biji kakao",
    "可可豆",
    "cashew kernels WW320",
    "腰果仁",
    "durian",
    "榴莲",
    "pisang mas",
    "香蕉",
    "garlic",
    "大蒜",
    "bawang putih",
    "ginger",
    "生姜",
    "tapioca starch",
    "木薯淀粉",
    "tepung tapioka",
    "modified starch",
    "变性淀粉",
    "honey",
    "蜂蜜",
    "madu hutan",
    "bird nest",
    "燕窝",
    "milk powder",
    "奶粉",
    "frozen beef",
    "冷冻牛肉",
    "wine",
    "葡萄酒",
    "CTC black tea",
    "红碎茶",
    "malting barley",
    "啤酒大麦",
    "NPK fertilizer",
    "复合肥",
    "pupuk organik",
    "有机肥",
    "seaweed extract biostimulant",
    "海藻提取物",
    "hybrid vegetable seeds",
    "蔬菜种子",
    "benih cabai",
    "drip irrigation",
    "滴灌设备",
    "irigasi tetes",
    "irrigation pump",
    "农用水泵",
    "pompa irigasi",
    "fire pump",
    "消防泵",
    "spraying drone",
    "植保无人机",
    "drone semprot",
    "mapping drone",
    "航拍无人机",
    "greenhouse",
    "温室",
    "rumah kaca",
    "grain dryer",
    "粮食烘干机",
    "mesin pengering gabah",
    "rice milling unit",
    "碾米机",
    "color sorter",
    "色选机",
    "mesin sortasi",
    "packaging machine",
    "包装机",
    "mesin pengemas",
    "cold room",
    "冷库工程",
    "plate freezer",
    "平板速冻机",
    "refrigerated truck",
    "冷藏车",
    "tractor",
    "拖拉机",
    "traktor",
    "precision planter",
    "播种机",
    "soil sensors LoRa gateway",
    "土壤传感器",
    "freight forwarding",
    "海运订舱",
    "jasa PPJK",
    "customs clearance",
    "报关",
    "cold chain logistics",
    "冷链物流",
    "rantai dingin",
    "cross-border e-commerce",
    "跨境电商",
    "halal certification",
    "认证",
    "agronomy advice",
    "农技服务",
    "training",
    "培训",
    "trade finance",
    "融资",
    "coffee machine",
    "咖啡机",
    "distributor",
    "经销商",
    "distribusi",
    "buyers in China",
    "进口商",
    "pembeli",
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

#[derive(Clone, Copy, PartialEq)]
enum Generator {
    Phrases,
    Mixed,
}

/// A product as a registrant might write it: the HS6 description (its
/// first clause), with the code one time in three.
fn hs_item(rng: &mut Rng) -> (String, Vec<mitra_match::HsCode>) {
    static SIX: OnceLock<Vec<&'static mitra_hs::Entry>> = OnceLock::new();
    let six = SIX.get_or_init(|| {
        mitra_hs::nomenclature()
            .entries()
            .iter()
            .filter(|e| e.code.level() == mitra_hs::Level::Subheading)
            .collect()
    });
    let e = six[rng.below(six.len())];
    let text = e
        .description
        .split([';', ':', '('])
        .next()
        .unwrap_or_default()
        .trim()
        .to_string();
    let codes = if rng.below(3) == 0 {
        vec![e.code.clone()]
    } else {
        Vec::new()
    };
    (text, codes)
}

fn item(rng: &mut Rng, g: Generator) -> Item {
    let mut hs = Vec::new();
    let mut text = if g == Generator::Mixed && rng.below(3) != 0 {
        let (t, c) = hs_item(rng);
        hs = c;
        t
    } else {
        PHRASES[rng.below(PHRASES.len())].to_string()
    };
    if rng.below(3) == 0 {
        text.push_str(", ");
        text.push_str(PHRASES[rng.below(PHRASES.len())]);
    }
    // noise: grades, capacities, brand-like words from a large vocabulary
    text.push_str(&format!(
        " grade {} brand{} {} ton",
        rng.below(5),
        rng.below(20_000),
        rng.below(900)
    ));
    Item { text, hs }
}

/// `n` guests and `n` hosts, deterministic for a given `n`.
fn generate(n: usize, g: Generator) -> Vec<Profile> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ n as u64);
    let countries = ["ID", "VN", "TH", "MY", "KZ", "AU"];
    let mut out = Vec::with_capacity(2 * n);
    for side in [Side::Guest, Side::Host] {
        for i in 0..n {
            let prefix = if side == Side::Guest { "g" } else { "h" };
            let mut p = Profile::new(format!("{prefix}-{i:06}"), side);
            p.country = if side == Side::Host {
                "CN".into()
            } else {
                countries[rng.below(countries.len())].into()
            };
            p.languages = vec![if side == Side::Host {
                "zh".into()
            } else {
                "id".into()
            }];
            p.offers = (0..1 + rng.below(3)).map(|_| item(&mut rng, g)).collect();
            p.needs = (0..1 + rng.below(3)).map(|_| item(&mut rng, g)).collect();
            out.push(p);
        }
    }
    out
}

fn peak_rss_mib() -> f64 {
    status_kib("VmHWM:") / 1024.0
}

fn status_kib(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with(field)).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|v| v.parse::<f64>().ok())
            })
        })
        .unwrap_or(0.0)
}

/// CPU seconds of this process so far (user + system, all threads).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // fields after the command name (which may hold spaces)
    let rest = stat.rsplit(')').next().unwrap_or_default();
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of the whole line: 11 and 12 here
    (ticks(11) + ticks(12)) / 100.0
}

/// Share of top-10 entries the two runs have in common, and the ratio of
/// their mean top-10 scores (bounded / unbounded).
fn agreement(a: &[Recommendations], b: &[Recommendations]) -> (f64, f64) {
    let (mut common, mut total, mut sa, mut sb) = (0usize, 0usize, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        total += y.top.len();
        common += x
            .top
            .iter()
            .filter(|m| y.top.iter().any(|n| n.org == m.org))
            .count();
        sa += x.top.iter().map(|m| m.score).sum::<f64>();
        sb += y.top.iter().map(|m| m.score).sum::<f64>();
    }
    (common as f64 / total.max(1) as f64, sa / sb.max(1e-9))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut sizes: Vec<usize> = Vec::new();
    let mut generator = Generator::Mixed;
    let mut weights = Weights::default();
    let (mut compare, mut updates) = (false, 0usize);
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--phrases" => generator = Generator::Phrases,
            "--mixed" => generator = Generator::Mixed,
            "--compare" => compare = true,
            "--postings" => {
                i += 1;
                weights.postings = args.get(i).and_then(|v| v.parse().ok()).unwrap_or(128);
            }
            "--updates" => {
                i += 1;
                updates = args.get(i).and_then(|v| v.parse().ok()).unwrap_or(100);
            }
            a => {
                if let Ok(n) = a.parse() {
                    sizes.push(n);
                }
            }
        }
        i += 1;
    }
    if sizes.is_empty() {
        sizes = vec![1_000, 5_000, 20_000];
    }
    // Load the lexicon, jieba and the HS fallback once, outside the timing.
    let _ = recommend(
        &generate(2, generator),
        &HashMap::new(),
        10,
        &Weights::default(),
    );
    println!(
        "threads: {}, generator: {}, postings per list: {}",
        rayon::current_num_threads(),
        if generator == Generator::Mixed {
            "mixed"
        } else {
            "phrases"
        },
        weights.postings
    );
    for n in sizes {
        let profiles = generate(n, generator);
        let (start, cpu) = (Instant::now(), cpu_seconds());
        let recs = recommend(&profiles, &HashMap::new(), 10, &weights);
        let secs = start.elapsed().as_secs_f64();
        let cpu = cpu_seconds() - cpu;
        let listed: usize = recs.iter().map(|r| r.top.len()).sum();
        println!(
            "{n} guests x {n} hosts: top-10 for {} organizations in {secs:.2} s ({cpu:.2} CPU s; {listed} matches), peak RSS {:.0} MiB",
            profiles.len(),
            peak_rss_mib()
        );
        if compare {
            let unbounded = Weights {
                postings: usize::MAX,
                ..weights.clone()
            };
            let start = Instant::now();
            let full = recommend(&profiles, &HashMap::new(), 10, &unbounded);
            let (common, ratio) = agreement(&recs, &full);
            println!(
                "  unbounded first pass: {:.2} s; top-10 entries in common {:.1} %, mean top-10 score bounded/unbounded {:.4}",
                start.elapsed().as_secs_f64(),
                100.0 * common,
                ratio
            );
        }
        if updates > 0 {
            drop(recs);
            let mut m = Matcher::new(&profiles, &HashMap::new(), 10, &weights);
            let mut rng = Rng(0xD1B5_4A32_D192_ED03 ^ n as u64);
            let (start, mut changed) = (Instant::now(), 0usize);
            for _ in 0..updates {
                let slot = rng.below(profiles.len());
                let mut p = profiles[slot].clone();
                p.needs.push(item(&mut rng, generator));
                changed += m.update(slot, &p).len();
            }
            let secs = start.elapsed().as_secs_f64();
            println!(
                "  {updates} single-profile updates: {:.1} ms each, {:.1} lists changed each",
                1000.0 * secs / updates as f64,
                changed as f64 / updates as f64
            );
        }
    }
}
