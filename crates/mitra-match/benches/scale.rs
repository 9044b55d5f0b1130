//! Scale benchmark: top-10 for every organization among N guests × N hosts
//! of generated profiles (offers and needs drawn from trade phrases in
//! English, Indonesian and Chinese, with noise words), for N = 1k, 5k, 20k
//! (or the sizes given as arguments). Prints seconds and peak memory.
//!
//! `cargo bench -p mitra-match --bench scale [-- 1000 5000 20000]`

use mitra_match::{Item, Profile, Side, Weights, recommend};
use std::collections::HashMap;
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

fn item(rng: &mut Rng) -> Item {
    let mut text = PHRASES[rng.below(PHRASES.len())].to_string();
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
    Item::new(text)
}

/// `n` guests and `n` hosts, deterministic for a given `n`.
pub fn generate(n: usize) -> Vec<Profile> {
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
            p.offers = (0..1 + rng.below(3)).map(|_| item(&mut rng)).collect();
            p.needs = (0..1 + rng.below(3)).map(|_| item(&mut rng)).collect();
            out.push(p);
        }
    }
    out
}

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|v| v.parse::<f64>().ok())
            })
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 5_000, 20_000]
    } else {
        sizes
    };
    // Load the lexicon, jieba and the HS fallback once, outside the timing.
    let _ = recommend(&generate(2), &HashMap::new(), 10, &Weights::default());
    println!("threads: {}", rayon::current_num_threads());
    for n in sizes {
        let profiles = generate(n);
        let start = Instant::now();
        let recs = recommend(&profiles, &HashMap::new(), 10, &Weights::default());
        let secs = start.elapsed().as_secs_f64();
        let listed: usize = recs.iter().map(|r| r.top.len()).sum();
        println!(
            "{n} guests x {n} hosts: top-10 for {} organizations in {secs:.2} s ({listed} matches), peak RSS {:.0} MiB",
            profiles.len(),
            peak_rss_mib()
        );
    }
}
