//! schedule-dev (`shared/data/schedule-dev/`): every instance through the
//! batch entry point (`mitra_formats::schedule::run`), checked by the
//! independent checker, with met against the known optimum, breaks,
//! seconds and this process's peak memory.
//!
//! `cargo bench -p mitra-schedule --bench dev [-- NAME...]` (dev-huge is
//! read through `gzip -dc`, nothing decompressed is written);
//! `MITRA_SEED=N` searches with seed N instead of the product's (one
//! seed's breaks are one draw).

#[path = "../tests/support/check.rs"]
mod check;
#[path = "../tests/support/measure.rs"]
mod measure;

use std::time::Instant;

/// The product's options, with the seed `MITRA_SEED` gives.
fn options() -> mitra_formats::schedule::ScheduleOptions {
    let mut opts = mitra_formats::schedule::ScheduleOptions::default();
    if let Some(seed) = measure::env_number("MITRA_SEED") {
        opts.seed = seed;
    }
    opts
}

/// Re-scheduling after a one-request change: the first meeting's request
/// is cancelled, and a new priority-3 request joins two participants.
fn reschedule(name: &str, inst: &serde_json::Value, published: &[u8]) {
    let old: serde_json::Value = serde_json::from_slice(published).expect("json");
    for change in ["cancel", "add"] {
        let mut changed = inst.clone();
        let reqs = changed["requests"].as_array_mut().expect("requests");
        if change == "cancel" {
            let gone = &old["meetings"][0];
            if let Some(pos) = reqs
                .iter()
                .position(|r| r["a"] == gone["a"] && r["b"] == gone["b"])
            {
                reqs.remove(pos);
            }
        } else {
            let ids: Vec<serde_json::Value> = inst["participants"]
                .as_array()
                .expect("p")
                .iter()
                .map(|p| p["id"].clone())
                .collect();
            reqs.push(serde_json::json!({"a": ids[0], "b": ids[ids.len() / 2], "priority": 3}));
        }
        let bytes = serde_json::to_vec(&changed).expect("json");
        let t = Instant::now();
        let run = mitra_formats::schedule::run(&bytes, Some(published), &options())
            .unwrap_or_else(|p| panic!("{name}: {p:?}"));
        let secs = t.elapsed().as_secs_f64();
        let v: serde_json::Value = serde_json::from_slice(&run.json).expect("json");
        let c = check::check(&changed, &v);
        println!(
            "| {name} re-scheduled ({change} one request) | | {:?} | | kept {} moved {} dropped {} | {} | {} | | {} | {secs:.2} | | |",
            c.met,
            v["stats"]["kept"],
            v["stats"]["moved"],
            v["stats"]["dropped"],
            c.breaks,
            c.idle,
            if c.violations.is_empty() {
                "yes".to_string()
            } else {
                format!("NO: {:?}", &c.violations[..c.violations.len().min(3)])
            },
        );
        if std::env::var_os("MITRA_DEV_OUT").is_some() {
            std::fs::write(format!("/tmp/{name}.{change}.instance.json"), &bytes).expect("write");
            std::fs::write(format!("/tmp/{name}.{change}.schedule.json"), &run.json)
                .expect("write");
            std::fs::write(format!("/tmp/{name}.published.json"), published).expect("write");
        }
    }
}

fn main() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/schedule-dev");
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let names = [
        "dev-tiny",
        "dev-small",
        "dev-event",
        "dev-tight",
        "dev-interp",
        "dev-large",
        "dev-huge",
    ];
    println!(
        "| instance | requests | met (3,2,1) | optimum | bound_met | breaks | idle | bound_breaks | valid | seconds | cpu s | peak RSS MiB |"
    );
    println!("| --- | ---: | --- | --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |");
    for name in names {
        if !args.is_empty() && !args.iter().any(|a| a == name) {
            continue;
        }
        let plain = dir.join(format!("{name}.json"));
        let bytes = if plain.exists() {
            std::fs::read(&plain).expect("read")
        } else {
            let gz = dir.join(format!("{name}.json.gz"));
            let out = std::process::Command::new("gzip")
                .arg("-dc")
                .arg(&gz)
                .output()
                .expect("gzip");
            out.stdout
        };
        let opt: serde_json::Value = serde_json::from_slice(
            &std::fs::read(dir.join(format!("{name}.opt.json"))).expect("opt"),
        )
        .expect("opt json");
        let (run, secs, cpu) = measure::timed(|| {
            mitra_formats::schedule::run(&bytes, None, &options())
                .unwrap_or_else(|p| panic!("{name}: {p:?}"))
        });
        let inst: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
        let sched: serde_json::Value = serde_json::from_slice(&run.json).expect("json");
        let c = check::check(&inst, &sched);
        let st = &sched["stats"];
        println!(
            "| {name} | {} | {:?} | {} | {} | {} | {} | {} | {} | {secs:.2} | {cpu:.2} | {} |",
            inst["requests"].as_array().map_or(0, Vec::len),
            c.met,
            opt["met"],
            st["bound_met"],
            c.breaks,
            c.idle,
            st["bound_breaks"],
            if c.violations.is_empty() {
                "yes".to_string()
            } else {
                format!("NO: {:?}", &c.violations[..c.violations.len().min(3)])
            },
            measure::peak_rss_kib() / 1024
        );
        if std::env::var_os("MITRA_DEV_OUT").is_some() {
            std::fs::write(format!("/tmp/{name}.schedule.json"), &run.json).expect("write");
        }
        if matches!(name, "dev-event" | "dev-tight" | "dev-interp") {
            reschedule(name, &inst, &run.json);
        }
    }
}
