//! The batch face (`mitra_formats::schedule::run`): bad input named by
//! place, byte-identical output, re-scheduling counts, and every
//! schedule-dev instance (but dev-huge) and JAIR original checked by the
//! independent checker.

#[path = "support/check.rs"]
mod check;
#[path = "support/dzn.rs"]
mod dzn;

use std::path::PathBuf;

use mitra_formats::schedule::{ScheduleOptions, run};
use serde_json::{Value, json};

fn shared() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    assert!(
        dir.join("data/schedule-dev").is_dir(),
        "shared data not found at {} (the tests need ../shared next to the repository)",
        dir.display()
    );
    dir
}

fn quiet() -> ScheduleOptions {
    ScheduleOptions {
        seconds: false,
        ..ScheduleOptions::default()
    }
}

fn problems(instance: &Value) -> Vec<String> {
    match run(instance.to_string().as_bytes(), None, &quiet()) {
        Ok(_) => Vec::new(),
        Err(p) => p.iter().map(ToString::to_string).collect(),
    }
}

fn small() -> Value {
    json!({
        "format": "mitra/schedule-instance@1",
        "sessions": [ { "id": "d1-am", "slots": ["s1", "s2", "s3"] } ],
        "tables": ["T1", "T2", "T3"],
        "participants": [
            { "id": "p1", "side": "guest", "languages": ["id", "en"], "unavailable": ["s1"], "max_meetings": 8 },
            { "id": "p2", "side": "host", "languages": ["zh"], "table": "T1" },
            { "id": "p3", "side": "host", "languages": ["zh", "en"] }
        ],
        "interpreters": [ { "id": "i1", "languages": ["id", "zh"], "unavailable": [] } ],
        "requests": [ { "a": "p1", "b": "p2", "priority": 3 },
                      { "a": "p1", "b": "p3", "priority": 2, "allowed_slots": ["s2", "s3"] } ]
    })
}

#[test]
fn the_readme_example_schedules() {
    let out = run(small().to_string().as_bytes(), None, &quiet()).unwrap();
    let sched: Value = serde_json::from_slice(&out.json).unwrap();
    let c = check::check(&small(), &sched);
    assert!(c.violations.is_empty(), "{:?}", c.violations);
    assert_eq!(c.met, [1, 1, 0]);
    let interp: Vec<&Value> = sched["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["interpreter"])
        .collect();
    assert!(interp.contains(&&json!("i1")) && interp.contains(&&Value::Null));
}

#[test]
fn bad_input_names_every_place() {
    let mut bad = small();
    bad["requests"][1]["b"] = json!("p99");
    bad["requests"][0]["priority"] = json!(4);
    bad["participants"][2]["id"] = json!("p1");
    bad["participants"][0]["languages"] = json!(["xx"]);
    bad["participants"][0]["unavailable"] = json!(["nope"]);
    bad["participants"][0]["max_meetings"] = json!(-1);
    bad["participants"][0]["side"] = json!("visitor");
    bad["tables"] = json!(["T1", "T1", "T3"]);
    let p = problems(&bad);
    for want in [
        "requests[1].b: unknown participant \"p99\"",
        "requests[0].priority: must be 3, 2 or 1",
        "participants[2].id: duplicate participant id \"p1\"",
        "participants[0].languages[0]: unknown language code",
        "participants[0].unavailable[0]: unknown slot \"nope\"",
        "participants[0].max_meetings: must be an integer >= 0",
        "participants[0].side: must be \"guest\" or \"host\"",
        "tables[1]: duplicate table id \"T1\"",
    ] {
        assert!(
            p.iter().any(|x| x.starts_with(want)),
            "missing {want:?} in {p:#?}"
        );
    }
}

#[test]
fn more_bad_input() {
    let cases: Vec<(Value, &str)> = vec![
        (json!({"format": "x"}), "format: expected"),
        (json!([]), "(top): the instance must be a JSON object"),
        (
            {
                let mut v = small();
                v["sessions"] = json!([]);
                v
            },
            "sessions: must be a non-empty list",
        ),
        (
            {
                let mut v = small();
                v["sessions"][0]["slots"] = json!([]);
                v
            },
            "sessions[0].slots: must be a non-empty list",
        ),
        (
            {
                let mut v = small();
                v["sessions"] = json!([{"id": "a", "slots": ["s1"]}, {"id": "b", "slots": ["s1"]}]);
                v
            },
            "sessions[1].slots[0]: duplicate slot id",
        ),
        (
            {
                let mut v = small();
                v["participants"][2]["table"] = json!("T1");
                v
            },
            "participants[2].table: table \"T1\" is already the fixed table",
        ),
        (
            {
                let mut v = small();
                v["participants"][2]["table"] = json!("T9");
                v
            },
            "participants[2].table: unknown table \"T9\"",
        ),
        (
            {
                let mut v = small();
                v["requests"][0]["b"] = json!("p1");
                v
            },
            "requests[0].b: a meeting needs two different participants",
        ),
        (
            {
                let mut v = small();
                v["requests"][1]["allowed_slots"] = json!(["zz"]);
                v
            },
            "requests[1].allowed_slots[0]: unknown slot \"zz\"",
        ),
        (
            {
                let mut v = small();
                v["interpreters"][0]["languages"] = Value::Null;
                v
            },
            "interpreters[0].languages: must be a list",
        ),
        (
            {
                let mut v = small();
                v["interpreters"] =
                    json!([{"id": "i1", "languages": []}, {"id": "i1", "languages": []}]);
                v
            },
            "interpreters[1].id: duplicate interpreter id",
        ),
        (
            {
                let mut v = small();
                v["participants"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("languages");
                v
            },
            "participants[0].languages: must be a list",
        ),
        (
            {
                let mut v = small();
                v["requests"] = json!({});
                v
            },
            "requests: must be a list",
        ),
    ];
    for (doc, want) in cases {
        let p = problems(&doc);
        assert!(
            p.iter().any(|x| x.starts_with(want)),
            "missing {want:?} in {p:#?}"
        );
    }
    let garbage = run(b"{not json", None, &quiet()).unwrap_err();
    assert!(garbage[0].to_string().contains("invalid JSON"));
    let prev = run(
        small().to_string().as_bytes(),
        Some(br#"{"format":"mitra/schedule@1","meetings":[{"a":"p1"}]}"#),
        &quiet(),
    )
    .unwrap_err();
    assert!(
        prev.iter().any(|p| p
            .to_string()
            .starts_with("previous meetings[0].b: must be a non-empty string")),
        "{prev:?}"
    );
}

#[test]
fn nulls_are_absent_and_unknown_keys_ignored() {
    let mut v = small();
    v["participants"][0]["table"] = Value::Null;
    v["participants"][0]["future"] = json!({"x": 1});
    v["generator"] = json!("anything");
    v["requests"][1]["allowed_slots"] = Value::Null;
    assert!(problems(&v).is_empty());
}

#[test]
fn output_is_byte_identical() {
    let dir = shared().join("data/schedule-dev");
    let bytes = std::fs::read(dir.join("dev-small.json")).unwrap();
    let a = run(&bytes, None, &quiet()).unwrap().json;
    let b = run(&bytes, None, &quiet()).unwrap().json;
    assert_eq!(a, b);
}

#[test]
fn instance_file_serialises_to_the_format() {
    let file = mitra_formats::schedule::read_instance(small().to_string().as_bytes()).unwrap();
    let again: Value = serde_json::from_slice(&mitra_formats::to_json_bytes(&file)).unwrap();
    // optional fields absent when empty: the interpreter's empty unavailable list goes
    let mut want = small();
    want["interpreters"][0]
        .as_object_mut()
        .unwrap()
        .remove("unavailable");
    assert_eq!(again, want);
}

#[test]
fn rescheduling_keeps_published_meetings() {
    let dir = shared().join("data/schedule-dev");
    let bytes = std::fs::read(dir.join("dev-event.json")).unwrap();
    let first = run(&bytes, None, &quiet()).unwrap().json;
    let mut inst: Value = serde_json::from_slice(&bytes).unwrap();
    let first_v: Value = serde_json::from_slice(&first).unwrap();
    // a cancellation: drop one met request
    let gone = first_v["meetings"][0].clone();
    let reqs = inst["requests"].as_array_mut().unwrap();
    let pos = reqs
        .iter()
        .position(|r| r["a"] == gone["a"] && r["b"] == gone["b"])
        .unwrap();
    reqs.remove(pos);
    let changed = inst.to_string();
    let t = std::time::Instant::now();
    let again = run(changed.as_bytes(), Some(&first), &quiet()).unwrap();
    let secs = t.elapsed().as_secs_f64();
    let v: Value = serde_json::from_slice(&again.json).unwrap();
    let c = check::check(&inst, &v);
    assert!(c.violations.is_empty(), "{:?}", c.violations);
    let met_before: u64 = first_v["stats"]["met"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap())
        .sum();
    assert_eq!(
        v["stats"]["kept"].as_u64().unwrap() + 1,
        met_before,
        "everything else kept: {}",
        v["stats"]
    );
    assert_eq!(v["stats"]["dropped"], json!(0));
    assert_eq!(v["stats"]["moved"], json!(0));
    assert!(secs < 30.0, "debug build; the release bench measures speed");
}

#[test]
fn every_schedule_dev_instance() {
    let dir = shared().join("data/schedule-dev");
    for name in [
        "dev-tiny",
        "dev-small",
        "dev-event",
        "dev-tight",
        "dev-interp",
    ] {
        let bytes = std::fs::read(dir.join(format!("{name}.json"))).unwrap();
        let opt: Value =
            serde_json::from_slice(&std::fs::read(dir.join(format!("{name}.opt.json"))).unwrap())
                .unwrap();
        let out = run(&bytes, None, &quiet()).unwrap();
        let inst: Value = serde_json::from_slice(&bytes).unwrap();
        let sched: Value = serde_json::from_slice(&out.json).unwrap();
        let c = check::check(&inst, &sched);
        assert!(c.violations.is_empty(), "{name}: {:?}", c.violations);
        let want: Vec<usize> = opt["met"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_u64().unwrap() as usize)
            .collect();
        assert_eq!(
            c.met[..2],
            want[..2],
            "{name}: met by priority 3 and 2 equal to the optimum"
        );
        let bound: Vec<usize> = sched["stats"]["bound_met"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_u64().unwrap() as usize)
            .collect();
        for i in 0..3 {
            assert!(bound[i] >= want[i], "{name}: bound_met below the optimum");
        }
        let met: usize = c.met.iter().sum();
        assert!(
            c.breaks * 100 <= 2 * met,
            "{name}: {} breaks for {met} meetings",
            c.breaks
        );
    }
}

/// Originals where the search does not reach the published optimum in the
/// test's budget (100,000 moves or 400 a request, one thread, debug build), with the breaks
/// it must not exceed: a regression guard, listed rather than skipped. The
/// release bench (`--bench jair`) runs the product's budget.
const JAIR_KNOWN_GAPS: &[(&str, usize)] = &[
    ("forum-13", 1),
    ("forum-13crafb", 12),
    ("forum-13crafc", 6),
    ("forum-14", 8),
    ("tic-12crafc", 1),
    ("tic-14crafc", 1),
    ("ticf-13crafb", 9),
    ("ticf-13crafc", 4),
    ("ticf-14crafa", 3),
];

/// Originals whose `bound_breaks` reaches the published optimum: a guard
/// on the bounds' strength (the table-load bound makes most of these).
const JAIR_BOUND_AT_OPTIMUM: &[&str] = &[
    "forum-14",
    "forumt-14",
    "forumt-14crafc",
    "forumt-14crafd",
    "forumt-14crafe",
    "tic-13crafc",
];

#[test]
fn jair_originals() {
    let dir = shared().join("data/b2b-jair2022");
    // at least 100,000 moves (twice `min_moves` where every request can be
    // met, as on all of these days): the ceilings below were set at that
    let opts = mitra_schedule::Options {
        min_moves: 50_000,
        threads: 1,
        ..mitra_schedule::Options::default()
    };
    let mut report = Vec::new();
    for &(name, published) in dzn::PUBLISHED {
        let text = std::fs::read_to_string(dir.join(format!("{name}.original.dzn"))).unwrap();
        let d = dzn::parse(&text).unwrap();
        let sol = mitra_schedule::solve(&d.instance, &opts).unwrap();
        assert_eq!(sol.stats.met[0], d.n_meetings, "{name}: every meeting");
        let slots: Vec<Option<usize>> = sol
            .outcome
            .iter()
            .map(|o| o.as_ref().ok().map(|p| p.slot))
            .collect();
        assert_eq!(
            mitra_schedule::breaks_of(&d.instance, &slots).0,
            sol.stats.breaks,
            "{name}: breaks recounted"
        );
        for (r, s) in slots.iter().enumerate() {
            let req = &d.instance.requests[r];
            let s = s.unwrap();
            assert!(
                req.allowed_slots.as_ref().is_none_or(|l| l.contains(&s)),
                "{name}: allowed slots"
            );
            for p in [req.a, req.b] {
                assert!(
                    !d.instance.participants[p].unavailable.contains(&s),
                    "{name}: forbidden slot"
                );
            }
        }
        assert!(sol.stats.bound_breaks <= sol.stats.breaks);
        assert!(
            sol.stats.bound_breaks <= published,
            "{name}: bound above the published optimum"
        );
        if JAIR_BOUND_AT_OPTIMUM.contains(&name) {
            assert_eq!(
                sol.stats.bound_breaks, published,
                "{name}: bound below the published optimum"
            );
        }
        let ceiling = JAIR_KNOWN_GAPS
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(published, |&(_, c)| c);
        report.push(format!(
            "{name}: {} breaks (published {published})",
            sol.stats.breaks
        ));
        assert!(
            sol.stats.breaks <= ceiling,
            "{name}: {} breaks, allowed {ceiling}",
            sol.stats.breaks
        );
    }
    println!("{}", report.join("\n"));
}

/// Every `.fixed*` variant: a valid schedule meeting as many meetings as
/// any schedule can (`dzn::MAX_MET`, proved by an exact solver). Product
/// options (the extensions for unmet requests are what reach the last
/// meeting on the tight `.fixed040` ones): about a minute in the test
/// build, where the scheduler is optimised. The `.forb*` variants, slower
/// still, are in the `jair` bench.
#[test]
fn jair_fixed_variants_meet_the_most_possible() {
    let dir = shared().join("data/b2b-jair2022");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".dzn") && n.contains(".fixed"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 40);
    let opts = mitra_schedule::Options::default();
    for file in names {
        let name = file.trim_end_matches(".dzn");
        let text = std::fs::read_to_string(dir.join(&file)).unwrap();
        let d = dzn::parse(&text).unwrap();
        let sol = mitra_schedule::solve(&d.instance, &opts).unwrap();
        let inst = &d.instance;
        let n: usize = inst.session_lengths.iter().sum();
        let mut busy = vec![false; inst.participants.len() * n];
        let mut per_slot = vec![0; n];
        for (r, o) in sol.outcome.iter().enumerate() {
            let Ok(pl) = o else { continue };
            let req = &inst.requests[r];
            assert!(
                req.allowed_slots
                    .as_ref()
                    .is_none_or(|l| l.contains(&pl.slot)),
                "{name}: allowed slots"
            );
            for p in [req.a, req.b] {
                assert!(
                    !inst.participants[p].unavailable.contains(&pl.slot),
                    "{name}: forbidden slot"
                );
                assert!(!busy[p * n + pl.slot], "{name}: two meetings at once");
                busy[p * n + pl.slot] = true;
            }
            per_slot[pl.slot] += 1;
        }
        assert!(
            per_slot.iter().all(|&k| k <= inst.table_owner.len()),
            "{name}: tables"
        );
        assert_eq!(
            sol.stats.met[0],
            dzn::max_met(name, d.n_meetings),
            "{name}: the most meetings possible"
        );
        assert!(
            sol.stats.met[0] <= sol.stats.bound_met[0],
            "{name}: bound_met"
        );
    }
}

#[test]
fn time_limit_cuts_the_search_and_says_so() {
    let dir = shared().join("data/schedule-dev");
    let bytes = std::fs::read(dir.join("dev-event.json")).unwrap();
    let opts = ScheduleOptions {
        time_limit: Some(std::time::Duration::ZERO),
        ..quiet()
    };
    let out = run(&bytes, None, &opts).unwrap();
    assert!(
        out.notices.iter().any(|n| n.contains("time limit")),
        "{:?}",
        out.notices
    );
    let inst: Value = serde_json::from_slice(&bytes).unwrap();
    let sched: Value = serde_json::from_slice(&out.json).unwrap();
    let c = check::check(&inst, &sched);
    assert!(c.violations.is_empty(), "{:?}", c.violations);
}

#[test]
fn empty_instances_do_not_panic() {
    let empty = json!({"format": "mitra/schedule-instance@1", "sessions": [{"id": "s", "slots": ["a"]}],
                       "tables": [], "participants": [], "requests": []});
    let out = run(empty.to_string().as_bytes(), None, &quiet()).unwrap();
    let v: Value = serde_json::from_slice(&out.json).unwrap();
    assert_eq!(v["stats"]["met"], json!([0, 0, 0]));
    let no_tables = json!({"format": "mitra/schedule-instance@1", "sessions": [{"id": "s", "slots": ["a"]}],
                           "tables": [], "participants": [{"id": "x", "languages": []}, {"id": "y", "languages": []}],
                           "requests": [{"a": "x", "b": "y", "priority": 1}]});
    let out = run(no_tables.to_string().as_bytes(), None, &quiet()).unwrap();
    let v: Value = serde_json::from_slice(&out.json).unwrap();
    assert_eq!(v["unscheduled"].as_array().unwrap().len(), 1);
    let reason = v["unscheduled"][0]["reason"].as_str().unwrap();
    assert!(!reason.is_empty(), "{reason}");
    for junk in [
        &b"null"[..],
        b"3",
        b"\"x\"",
        b"{}",
        b"[1,2]",
        b"{\"format\": \"mitra/schedule-instance@1\", \"sessions\": [null]}",
    ] {
        assert!(run(junk, None, &quiet()).is_err());
    }
}

/// One search alone (no race) on `instance`, and its budget in moves.
fn one_search(instance: &mitra_schedule::Instance) -> (mitra_schedule::Solution, u64) {
    let opts = mitra_schedule::Options {
        threads: 1,
        ..mitra_schedule::Options::default()
    };
    let sol = mitra_schedule::solve(instance, &opts).unwrap();
    (sol, opts.min_moves)
}

fn assert_moves_below(sol: &mitra_schedule::Solution, most: u64) {
    assert!(sol.moves < most, "{} moves, more than {most}", sol.moves);
}

/// A search that ends with every request met and as few breaks as
/// `bound_breaks` proves possible stops there, after a short polish of
/// idle slots, instead of spending its whole budget: p1's two meetings
/// are pinned to the first and the last slot, so one break is forced (the
/// bound proves it from the forced slots) and one idle slot too.
#[test]
fn a_search_at_its_proven_breaks_stops_early() {
    let request = |b: usize, slot: usize| mitra_schedule::Request {
        a: 0,
        b,
        priority: 3,
        allowed_slots: Some(vec![slot]),
        previous: None,
    };
    let instance = mitra_schedule::Instance {
        session_lengths: vec![3],
        table_owner: vec![None, None],
        participants: vec![
            mitra_schedule::Participant {
                languages: vec![0],
                ..mitra_schedule::Participant::default()
            };
            3
        ],
        interpreters: Vec::new(),
        requests: vec![request(1, 0), request(2, 2)],
        tables_taken: Vec::new(),
    };
    let (sol, budget) = one_search(&instance);
    assert_eq!(sol.stats.met, [2, 0, 0]);
    assert_eq!((sol.stats.breaks, sol.stats.bound_breaks), (1, 1));
    assert_moves_below(&sol, budget / 10 + 1);
}

/// A search whose best schedule has no break and no idle slot, and whose
/// met levels stop rising, ends long before its budget. Here the met bound
/// is above what can be met (two requests need the one interpreter in the
/// one slot, which no met bound sees), so only this rule ends it early.
#[test]
fn a_settled_search_ends_before_its_budget() {
    let person = |language: u32| mitra_schedule::Participant {
        languages: vec![language],
        ..mitra_schedule::Participant::default()
    };
    let request = |a: usize, b: usize| mitra_schedule::Request {
        a,
        b,
        priority: 3,
        ..mitra_schedule::Request::default()
    };
    let instance = mitra_schedule::Instance {
        session_lengths: vec![1],
        table_owner: vec![None, None],
        participants: vec![person(0), person(0), person(1), person(1)],
        interpreters: vec![mitra_schedule::Interpreter {
            languages: vec![0, 1],
            unavailable: Vec::new(),
        }],
        requests: vec![request(0, 2), request(1, 3)],
        tables_taken: Vec::new(),
    };
    let (sol, budget) = one_search(&instance);
    assert_eq!(sol.stats.met, [1, 0, 0]);
    assert_eq!((sol.stats.breaks, sol.stats.idle_slots), (0, 0));
    assert_ne!(
        sol.stats.met, sol.stats.bound_met,
        "the met levels are not proven here"
    );
    assert_moves_below(&sol, budget / 2);
}

/// A participant whose capacity its priority-3 requests fill cannot also
/// meet its priority-2 one: each priority on its own could, so only the
/// bound on both together proves the schedule best, and the search stops
/// at its first check instead of settling a tenth of its budget later.
#[test]
fn a_search_at_the_lexicographic_optimum_stops_at_once() {
    let request = |b: usize, priority: u8| mitra_schedule::Request {
        a: 0,
        b,
        priority,
        ..mitra_schedule::Request::default()
    };
    let mut participants = vec![
        mitra_schedule::Participant {
            languages: vec![0],
            ..mitra_schedule::Participant::default()
        };
        4
    ];
    participants[0].max_meetings = Some(2);
    let instance = mitra_schedule::Instance {
        session_lengths: vec![3],
        table_owner: vec![None, None],
        participants,
        interpreters: Vec::new(),
        requests: vec![request(1, 3), request(2, 3), request(3, 2)],
        tables_taken: Vec::new(),
    };
    let (sol, budget) = one_search(&instance);
    assert_eq!(sol.stats.met, [2, 0, 0]);
    assert_eq!(sol.stats.bound_met, [2, 1, 0], "per priority on its own");
    assert_eq!((sol.stats.breaks, sol.stats.idle_slots), (0, 0));
    assert_moves_below(&sol, budget / 10);
}

/// Searches side by side end once one proves its schedule optimal; which
/// proof counts never depends on the threads' timing, so four searches on
/// two cores give the same schedule every time.
#[test]
fn racing_searches_agree_on_their_proof() {
    let bytes = std::fs::read(shared().join("data/schedule-dev/dev-small.json")).unwrap();
    let file = mitra_formats::schedule::read_instance(&bytes).unwrap();
    let compiled = mitra_formats::schedule::compile(&file).unwrap();
    let opts = mitra_schedule::Options {
        threads: 4,
        ..mitra_schedule::Options::default()
    };
    let first = mitra_schedule::solve(&compiled.instance, &opts).unwrap();
    assert_eq!((first.stats.breaks, first.stats.idle_slots), (0, 0));
    assert!(
        first.moves < 4 * opts.min_moves / 2,
        "{} moves of four budgets of {}",
        first.moves,
        opts.min_moves
    );
    for _ in 0..4 {
        let again = mitra_schedule::solve(&compiled.instance, &opts).unwrap();
        assert_eq!(again.outcome, first.outcome);
    }
}
