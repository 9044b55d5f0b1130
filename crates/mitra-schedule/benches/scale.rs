//! The scheduler at scale: generated events of about 20,000 and 100,000
//! requests, each built around a planted schedule that meets every request
//! with no break, so the optimum is known (all met, 0 breaks). Every
//! instance goes through the batch entry point (`mitra_formats::schedule::
//! run`, JSON in and out, as `mitra schedule` runs it) and its schedule
//! through the independent checker.
//!
//! `cargo bench -p mitra-schedule --bench scale [-- REQUESTS...]`
//! (default: 20000 100000). Prints requests, met, breaks (and per 100
//! met), seconds, CPU seconds and the process's peak memory, which
//! includes the generated JSON and the checker's copy of it.
//! `MITRA_EFFORT=N` sets the search's moves per request (the engine's
//! default otherwise), to see what time buys at scale.
//!
//! How the planted schedule is made: four sessions of 15 slots; each host
//! sits through the sessions it attends (busy in every slot of them), at
//! its own table or, for a third of the hosts, at a pool table. In each
//! session the attending hosts form a ring and the session is cut into
//! lanes, one per host; each lane is a run of guest blocks of 2 to 7 slots.
//! In slot `s` lane `j` meets host `(j + s) mod T`, so a guest's block is
//! contiguous and visits distinct hosts. The planted meetings become the
//! requests (a pair planted twice is requested twice, with one priority).
//! Hosts speak Chinese and English; three guests in ten speak only
//! Indonesian, and there are exactly as many Indonesian–Chinese
//! interpreters as the busiest slot of the planted schedule needs.

#[path = "../tests/support/check.rs"]
mod check;
#[path = "../tests/support/measure.rs"]
mod measure;

use std::time::Instant;

use serde_json::{Value, json};

const SESSIONS: usize = 4;
const SLOTS_PER_SESSION: usize = 15;

/// xorshift64*: the generator's only source of variety (fixed seed).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_f491_4f6c_dd1d);
        (((x >> 32) * n as u64) >> 32) as usize
    }
}

/// A planted event of about `target` requests, as instance JSON.
fn planted_event(target: usize, seed: u64) -> Value {
    let mut rng = Rng(seed | 1);
    // each host attends three sessions in four on average
    let hosts = (target * 4)
        .div_ceil(3 * SESSIONS * SLOTS_PER_SESSION)
        .max(8);
    let attends: Vec<Vec<usize>> = (0..SESSIONS)
        .map(|_| (0..hosts).filter(|_| rng.below(4) != 0).collect())
        .collect();
    // guest blocks per session: lanes cut into runs of 2..=7 slots
    let mut blocks: Vec<Vec<(usize, usize, usize)>> = Vec::new(); // (lane, start, len)
    for ring in &attends {
        let mut list = Vec::new();
        for lane in 0..ring.len() {
            let mut start = 0;
            while start < SLOTS_PER_SESSION {
                let len = (2 + rng.below(6)).min(SLOTS_PER_SESSION - start);
                list.push((lane, start, len));
                start += len;
            }
        }
        blocks.push(list);
    }
    let guests = blocks.iter().map(Vec::len).max().unwrap_or(1) * 11 / 10 + 1;
    let pool_host: Vec<bool> = (0..hosts).map(|_| rng.below(3) == 0).collect();
    let pool_tables = (0..SESSIONS)
        .map(|k| attends[k].iter().filter(|&&h| pool_host[h]).count())
        .max()
        .unwrap_or(0);
    // three guests in ten speak only Indonesian: their meetings need an
    // Indonesian–Chinese interpreter, as many as the busiest slot plants
    let indonesian: Vec<bool> = (0..guests).map(|_| rng.below(10) < 3).collect();
    let mut interpreted = vec![0usize; SESSIONS * SLOTS_PER_SESSION];
    let mut requests = Vec::new();
    for (k, ring) in attends.iter().enumerate() {
        let t = ring.len();
        // distinct guests within a session: a shuffled draw without repeats
        let mut order: Vec<usize> = (0..guests).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        for (b, &(lane, start, len)) in blocks[k].iter().enumerate() {
            let guest = order[b];
            for s in start..start + len {
                let host = ring[(lane + s) % t];
                if indonesian[guest] {
                    interpreted[k * SLOTS_PER_SESSION + s] += 1;
                }
                // one priority per pair, so a repeated pair stays consistent
                let priority = 1 + (guest * 7 + host * 13) % 3;
                requests.push(json!({
                    "a": format!("g{guest}"),
                    "b": format!("h{host}"),
                    "priority": priority,
                }));
            }
        }
    }
    let slot_id = |k: usize, s: usize| format!("d{}-{}-{:02}", k / 2 + 1, ["am", "pm"][k % 2], s);
    let sessions: Vec<Value> = (0..SESSIONS)
        .map(|k| {
            json!({
                "id": format!("d{}-{}", k / 2 + 1, ["am", "pm"][k % 2]),
                "slots": (0..SLOTS_PER_SESSION).map(|s| slot_id(k, s)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut tables: Vec<String> = (0..pool_tables).map(|i| format!("P{i}")).collect();
    let mut participants = Vec::with_capacity(hosts + guests);
    for (h, &at_pool) in pool_host.iter().enumerate() {
        let absent: Vec<String> = (0..SESSIONS)
            .filter(|k| !attends[*k].contains(&h))
            .flat_map(|k| (0..SLOTS_PER_SESSION).map(move |s| (k, s)))
            .map(|(k, s)| slot_id(k, s))
            .collect();
        let mut p = json!({"id": format!("h{h}"), "side": "host", "languages": ["zh", "en"],
            "unavailable": absent});
        if !at_pool {
            tables.push(format!("H{h}"));
            p["table"] = json!(format!("H{h}"));
        }
        participants.push(p);
    }
    for (g, &only_indonesian) in indonesian.iter().enumerate() {
        let language = if only_indonesian { "id" } else { "en" };
        participants.push(json!({"id": format!("g{g}"), "side": "guest", "languages": [language]}));
    }
    let interpreters: Vec<Value> = (0..interpreted.iter().copied().max().unwrap_or(0))
        .map(|i| json!({"id": format!("i{i}"), "languages": ["id", "zh"]}))
        .collect();
    json!({
        "format": "mitra/schedule-instance@1",
        "sessions": sessions,
        "tables": tables,
        "participants": participants,
        "interpreters": interpreters,
        "requests": requests,
    })
}

fn main() {
    let sizes: Vec<usize> = {
        let given: Vec<usize> = std::env::args()
            .skip(1)
            .filter_map(|a| a.parse().ok())
            .collect();
        if given.is_empty() {
            vec![20_000, 100_000]
        } else {
            given
        }
    };
    println!(
        "| requests | participants | interpreters | met (3,2,1) | optimum met | breaks | per 100 met | idle | valid | generate s | schedule s | cpu s | peak RSS MiB |"
    );
    println!(
        "| ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |"
    );
    for target in sizes {
        let t = Instant::now();
        let inst = planted_event(target, 0x5ca1e + target as u64);
        let bytes = serde_json::to_vec(&inst).expect("json");
        let generated = t.elapsed().as_secs_f64();
        let mut requested = [0usize; 3];
        for r in inst["requests"].as_array().into_iter().flatten() {
            requested[3 - r["priority"].as_u64().unwrap_or(1) as usize] += 1;
        }
        let (run, secs, cpu) = measure::timed(|| {
            mitra_formats::schedule::run(
                &bytes,
                None,
                &mitra_formats::schedule::ScheduleOptions {
                    effort: measure::env_number("MITRA_EFFORT"),
                    ..mitra_formats::schedule::ScheduleOptions::default()
                },
            )
            .unwrap_or_else(|p| panic!("{target}: {p:?}"))
        });
        let sched: Value = serde_json::from_slice(&run.json).expect("json");
        let c = check::check(&inst, &sched);
        let met: usize = c.met.iter().sum();
        println!(
            "| {} | {} | {} | {:?} | {requested:?} | {} | {:.2} | {} | {} | {generated:.2} | {secs:.2} | {cpu:.2} | {} |",
            requested.iter().sum::<usize>(),
            inst["participants"].as_array().map_or(0, Vec::len),
            inst["interpreters"].as_array().map_or(0, Vec::len),
            c.met,
            c.breaks,
            100.0 * c.breaks as f64 / met.max(1) as f64,
            c.idle,
            if c.violations.is_empty() {
                "yes".to_string()
            } else {
                format!("NO: {:?}", &c.violations[..c.violations.len().min(3)])
            },
            (measure::peak_rss_kib() / 1024)
        );
    }
}
