//! Labelled cases of our own, in English, Indonesian and Chinese: each
//! reason kind, competitors, the look-alike traps, buyer needs, objectives
//! and bad input. None is taken from shared/data/match-dev.

use mitra_match::{Item, Objectives, Profile, ReasonKind, Side, Weights, recommend};
use std::collections::HashMap;

fn org(id: &str, side: Side, country: &str, offers: &[&str], needs: &[&str]) -> Profile {
    let mut p = Profile::new(id, side);
    p.country = country.into();
    p.offers = offers.iter().map(|t| Item::new(*t)).collect();
    p.needs = needs.iter().map(|t| Item::new(*t)).collect();
    p
}

fn guest(id: &str, offers: &[&str], needs: &[&str]) -> Profile {
    let mut p = org(id, Side::Guest, "ID", offers, needs);
    p.languages = vec!["id".into()];
    p
}

fn host(id: &str, offers: &[&str], needs: &[&str]) -> Profile {
    let mut p = org(id, Side::Host, "CN", offers, needs);
    p.languages = vec!["zh".into()];
    p
}

/// The ranked ids for `who`, with scores.
fn ranking(profiles: &[Profile], who: &str) -> Vec<(String, f64)> {
    let recs = recommend(profiles, &HashMap::new(), 10, &Weights::default());
    let i = profiles.iter().position(|p| p.id == who).expect("known id");
    recs[i]
        .top
        .iter()
        .map(|m| (profiles[m.org].id.clone(), m.score))
        .collect()
}

fn rank_of(r: &[(String, f64)], id: &str) -> Option<usize> {
    r.iter().position(|x| x.0 == id)
}

fn score_of(r: &[(String, f64)], id: &str) -> f64 {
    r.iter().find(|x| x.0 == id).map_or(0.0, |x| x.1)
}

fn assert_above(r: &[(String, f64)], good: &str, bad: &str) {
    assert!(
        score_of(r, good) > score_of(r, bad) && rank_of(r, good).is_some(),
        "{good} should rank above {bad}: {r:?}"
    );
}

#[test]
fn indonesian_need_meets_chinese_offer_drip_irrigation() {
    let ps = vec![
        guest(
            "kopi",
            &["Kopi robusta petik merah"],
            &["Kami mencari teknologi irigasi tetes untuk kebun kopi"],
        ),
        host(
            "dripper",
            &["公司主营滴灌设备和水肥一体化系统"],
            &["寻求东南亚代理"],
        ),
        host("firepump", &["消防泵、消防栓系统"], &["海外工程商"]),
        host(
            "cafe-machines",
            &["意式咖啡机、商用咖啡设备"],
            &["新开咖啡馆客户"],
        ),
    ];
    let r = ranking(&ps, "kopi");
    assert_eq!(rank_of(&r, "dripper"), Some(0), "{r:?}");
    assert_above(&r, "dripper", "firepump");
    assert_above(&r, "dripper", "cafe-machines");
    // the Chinese side sees the same pair, with a reason pointing at items
    let recs = recommend(&ps, &HashMap::new(), 10, &Weights::default());
    let m = &recs[1].top[0];
    assert_eq!(ps[m.org].id, "kopi");
    let reason = &m.reasons[0];
    assert_eq!(reason.kind, ReasonKind::OfferNeed);
    assert_eq!(
        reason.mine.map(|x| x.to_string()).as_deref(),
        Some("offers[0]")
    );
    assert_eq!(
        reason.theirs.map(|x| x.to_string()).as_deref(),
        Some("needs[0]")
    );
    assert_eq!(reason.hs.as_ref().map(|c| c.as_str()), Some("842482"));
    assert!(
        reason.text.contains("滴灌") && reason.text.contains("irigasi tetes"),
        "{}",
        reason.text
    );
}

#[test]
fn chinese_importer_meets_indonesian_exporter_need_offer() {
    let ps = vec![
        host(
            "qd-importer",
            &["咖啡烘焙与批发"],
            &["采购印尼罗布斯塔咖啡生豆"],
        ),
        guest(
            "robusta",
            &["Kopi robusta ose grade 1, 300 ton per tahun"],
            &["Pembeli kopi di China"],
        ),
        guest("arabica-roasted", &["Kopi arabika sangrai"], &[]),
        guest("pepper", &["Lada hitam Lampung ASTA"], &["Pembeli lada"]),
    ];
    let r = ranking(&ps, "qd-importer");
    assert_eq!(rank_of(&r, "robusta"), Some(0), "{r:?}");
    assert_above(&r, "robusta", "arabica-roasted");
    assert!(
        rank_of(&r, "pepper").is_none() || score_of(&r, "pepper") < 0.1,
        "{r:?}"
    );
    let recs = recommend(&ps, &HashMap::new(), 10, &Weights::default());
    let m = &recs[0].top[0];
    assert_eq!(m.reasons[0].kind, ReasonKind::NeedOffer);
}

#[test]
fn english_offers_and_needs_both_directions_count() {
    let ps = vec![
        org(
            "au-dairy",
            Side::Guest,
            "AU",
            &["Whole milk powder in 25 kg bags"],
            &["Packaging machines for milk powder"],
        ),
        org(
            "cn-both",
            Side::Host,
            "CN",
            &["奶粉包装机、自动包装线"],
            &["进口全脂奶粉"],
        ),
        org("cn-one", Side::Host, "CN", &["食品包装机"], &["海外代理"]),
    ];
    let r = ranking(&ps, "au-dairy");
    assert_eq!(rank_of(&r, "cn-both"), Some(0), "{r:?}");
    assert_above(&r, "cn-both", "cn-one");
}

#[test]
fn competitors_are_kept_down() {
    let ps = vec![
        guest(
            "pepper-a",
            &["Lada hitam Lampung, ekspor"],
            &["Pembeli lada di China"],
        ),
        host("pepper-b", &["黑胡椒粒出口"], &["海外客户"]),
        host("sauce-maker", &["黑胡椒酱"], &["黑胡椒粒原料"]),
    ];
    let r = ranking(&ps, "pepper-a");
    assert_eq!(rank_of(&r, "sauce-maker"), Some(0), "{r:?}");
    assert!(score_of(&r, "pepper-b") < 0.1, "a competitor: {r:?}");
}

#[test]
fn look_alike_traps_stay_out() {
    // black pepper vs chili
    let ps = vec![
        guest("pepper", &["Black pepper whole, FAQ 550 g/l"], &[]),
        host("chili-buyer", &["辣椒酱"], &["干辣椒、辣椒粉原料"]),
        host("pepper-buyer", &["调味料"], &["黑胡椒原料"]),
    ];
    let r = ranking(&ps, "pepper");
    assert_eq!(rank_of(&r, "pepper-buyer"), Some(0), "{r:?}");
    assert!(score_of(&r, "chili-buyer") < 0.3, "{r:?}");
    // frozen shrimp vs shrimp feed
    let ps = vec![
        guest("shrimp", &["Udang vaname beku HOSO"], &[]),
        host("feed-maker", &["对虾饲料"], &["鱼粉"]),
        host("shrimp-buyer", &["水产批发"], &["冻虾 HOSO"]),
    ];
    let r = ranking(&ps, "shrimp");
    assert_eq!(rank_of(&r, "shrimp-buyer"), Some(0), "{r:?}");
    assert!(score_of(&r, "feed-maker") < 0.2, "{r:?}");
    // irrigation vs fire pumps (same HS 8413.70)
    let ps = vec![
        guest("paddy", &[], &["Pompa irigasi sawah 6 inci"]),
        host("fire", &["消防泵组"], &[]),
        host("irrig", &["农用灌溉泵、深井泵"], &[]),
    ];
    let r = ranking(&ps, "paddy");
    assert_eq!(rank_of(&r, "irrig"), Some(0), "{r:?}");
    assert!(score_of(&r, "fire") < 0.3, "{r:?}");
    // spraying vs aerial-photography drones
    let ps = vec![
        guest("sawit", &[], &["Drone penyemprotan untuk kebun sawit"]),
        host("photo", &["航拍无人机"], &[]),
        host("spray", &["植保无人机"], &[]),
    ];
    let r = ranking(&ps, "sawit");
    assert_eq!(rank_of(&r, "spray"), Some(0), "{r:?}");
    assert!(score_of(&r, "photo") < 0.3, "{r:?}");
    // palm sugar vs palm oil; fish meal vs fillets; coffee beans vs café machines
    let ps = vec![
        guest("gula", &["Gula aren organik"], &[]),
        host("oil", &["食用油"], &["棕榈油"]),
        host("sugar", &["奶茶"], &["棕榈糖、椰糖"]),
    ];
    let r = ranking(&ps, "gula");
    assert_eq!(rank_of(&r, "sugar"), Some(0), "{r:?}");
    assert!(score_of(&r, "oil") < 0.3, "{r:?}");
    let ps = vec![
        org(
            "fishmeal",
            Side::Guest,
            "CL",
            &["Fish meal 65% protein"],
            &[],
        ),
        host("canteen", &["团餐"], &["冷冻鱼片"]),
        host("feedmill", &["饲料"], &["进口鱼粉"]),
    ];
    let r = ranking(&ps, "fishmeal");
    assert_eq!(rank_of(&r, "feedmill"), Some(0), "{r:?}");
    assert!(score_of(&r, "canteen") < 0.3, "{r:?}");
    let ps = vec![
        guest("beans", &["Green coffee beans, robusta"], &[]),
        host("machines", &["全自动咖啡机"], &["咖啡馆客户"]),
        host("roaster", &["烘焙咖啡豆"], &["咖啡生豆"]),
    ];
    let r = ranking(&ps, "beans");
    assert_eq!(rank_of(&r, "roaster"), Some(0), "{r:?}");
    assert!(score_of(&r, "machines") < 0.3, "{r:?}");
}

#[test]
fn buyer_needs_are_met_by_buyers_not_sellers() {
    let ps = vec![
        guest(
            "tea",
            &["CTC black tea BP1"],
            &["Buyers for bubble tea chains"],
        ),
        host("tea-seller", &["红茶出口"], &["海外客户"]),
        host("tea-chain", &["茶饮连锁"], &["CTC 红碎茶"]),
    ];
    let r = ranking(&ps, "tea");
    assert_eq!(rank_of(&r, "tea-chain"), Some(0), "{r:?}");
    assert!(score_of(&r, "tea-seller") < 0.1, "{r:?}");
}

#[test]
fn distributor_needs_meet_distributors_of_the_same_goods() {
    let ps = vec![
        host("npk", &["复合肥 NPK 15-15-15"], &["印尼分销商"]),
        guest("agro-dist", &["Distribusi pupuk ke 60 toko tani"], &[]),
        guest(
            "food-dist",
            &["Distribusi makanan ringan ke minimarket"],
            &[],
        ),
    ];
    let r = ranking(&ps, "npk");
    assert_eq!(rank_of(&r, "agro-dist"), Some(0), "{r:?}");
    assert_above(&r, "agro-dist", "food-dist");
}

#[test]
fn services_without_codes_match() {
    let ps = vec![
        guest(
            "banana",
            &["Pisang cavendish segar"],
            &["Jasa logistik rantai dingin ke China"],
        ),
        host("coldchain", &["冷链物流、冷库及报关"], &[]),
        host("forwarder", &["海运订舱、拼箱"], &[]),
        host("greenhouse", &["温室工程"], &[]),
    ];
    let r = ranking(&ps, "banana");
    assert_eq!(rank_of(&r, "coldchain"), Some(0), "{r:?}");
    assert_above(&r, "forwarder", "greenhouse");
}

#[test]
fn objectives_raise_what_serves_the_delegation() {
    let mut g = guest("coop", &["Kopi robusta"], &["Traktor dan mesin pengering"]);
    g.delegation = Some("lampung".into());
    let ps = vec![
        g,
        host("tractors", &["拖拉机"], &[]),
        host("dryers", &["粮食烘干机"], &[]),
    ];
    let base = ranking(&ps, "coop");
    let mut objectives = HashMap::new();
    objectives.insert(
        "lampung".to_string(),
        Objectives {
            technology_sought: vec![Item::new("grain dryers")],
            ..Default::default()
        },
    );
    let recs = recommend(&ps, &objectives, 10, &Weights::default());
    let boosted: Vec<(String, f64)> = recs[0]
        .top
        .iter()
        .map(|m| (ps[m.org].id.clone(), m.score))
        .collect();
    assert!(
        score_of(&boosted, "dryers") > score_of(&base, "dryers"),
        "{base:?} {boosted:?}"
    );
    assert_eq!(score_of(&boosted, "tractors"), score_of(&base, "tractors"));
}

#[test]
fn codes_are_used_but_not_trusted_blindly() {
    // A code alone (text in an unanalysed language) still matches.
    let mut a = org("kz-wheat", Side::Guest, "KZ", &[], &[]);
    a.offers = vec![Item::with_hs("Пшеница 3 класса", &["100199"])];
    let b = host("mill", &["面粉"], &["进口小麦"]);
    let r = ranking(&[a, b.clone()], "kz-wheat");
    assert_eq!(rank_of(&r, "mill"), Some(0), "{r:?}");
    // A code that contradicts the text is noted in the reason.
    let mut c = guest("palm", &[], &[]);
    c.offers = vec![Item::with_hs("CPO (crude palm oil)", &["170290"])];
    let d = host("refinery", &["食用油"], &["棕榈油"]);
    let ps = vec![c, d];
    let recs = recommend(&ps, &HashMap::new(), 10, &Weights::default());
    let reason = &recs[0].top[0].reasons[0];
    assert!(
        reason.text.contains("does not fit the text"),
        "{}",
        reason.text
    );
    // A chapter alone is coarse.
    let mut e = guest("coarse", &[], &[]);
    e.needs = vec![Item::with_hs("Bahan baku", &["08"])];
    let text = mitra_match::explain(&e.needs[0], true);
    assert!(text.contains("too coarse"), "{text}");
}

#[test]
fn bad_input_gives_low_confidence_results_without_panicking() {
    let mut web = host("web-only", &[], &[]);
    web.website = Some("https://example.cn".into());
    let mut korean = org(
        "kr",
        Side::Guest,
        "KR",
        &["조미김 전문 생산"],
        &["중국 수입업체"],
    );
    korean.languages = vec!["ko".into()];
    let ps = vec![
        guest("empty", &[], &[]),
        web,
        korean,
        guest("blank", &["", "   "], &["!!!"]),
        host("ok", &["滴灌设备"], &[]),
    ];
    let recs = recommend(&ps, &HashMap::new(), 10, &Weights::default());
    for (i, rec) in recs.iter().enumerate() {
        for m in &rec.top {
            assert!((0.0..=1.0).contains(&m.score));
            assert_ne!(ps[m.org].side, ps[i].side);
        }
    }
    let note = |i: usize| {
        recs[i].top[0]
            .reasons
            .iter()
            .map(|r| r.text.clone())
            .collect::<Vec<_>>()
            .join(" | ")
    };
    assert!(note(0).contains("low confidence"), "{}", note(0));
    assert!(note(1).contains("only a website"), "{}", note(1));
    assert!(note(2).contains("does not analyse"), "{}", note(2));
    // zero profiles, zero top
    assert!(recommend(&[], &HashMap::new(), 10, &Weights::default()).is_empty());
    let r = recommend(&ps, &HashMap::new(), 0, &Weights::default());
    assert!(r.iter().all(|x| x.top.is_empty()));
}

#[test]
fn results_are_deterministic_and_ordered() {
    let ps = vec![
        guest("a", &["Kopi robusta"], &["Mesin sangrai"]),
        guest("b", &["Kopi robusta"], &[]),
        host("c", &["咖啡烘焙机"], &["罗布斯塔生豆"]),
        host("d", &["咖啡烘焙机"], &["罗布斯塔生豆"]),
    ];
    let one = recommend(&ps, &HashMap::new(), 10, &Weights::default());
    let two = recommend(&ps, &HashMap::new(), 10, &Weights::default());
    assert_eq!(one, two);
    for rec in &one {
        for w in rec.top.windows(2) {
            assert!(
                w[0].score > w[1].score
                    || (w[0].score == w[1].score && ps[w[0].org].id < ps[w[1].org].id)
            );
        }
    }
}
