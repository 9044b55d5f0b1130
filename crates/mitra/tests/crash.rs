//! Crash safety: `mitra import` killed (SIGKILL) at several moments of a
//! large import leaves either none or all of it, never a part, and the
//! database passes its integrity check afterwards.

use mitra_store::Store;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn mitra() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mitra"));
    command.env_remove("MITRA_DATABASE_URL");
    command
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).to_string()
}

/// The organization ids of the only event, after an integrity check (the
/// store's opening recovers the log as a restarted server would).
fn org_ids(db: &Path) -> BTreeSet<String> {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let store = Store::open(&format!("sqlite:{}", db.display()))
            .await
            .unwrap();
        store.check().await.expect("the database is intact");
        let event = store.events().await.unwrap().remove(0).id;
        let ids = store
            .organizations(&event)
            .await
            .unwrap()
            .into_iter()
            .map(|o| o.id.to_string())
            .collect();
        store.close().await;
        ids
    })
}

fn copy_db(from: &Path, to: &Path) {
    std::fs::copy(from, to).unwrap();
    assert!(
        !Path::new(&format!("{}-wal", from.display())).exists(),
        "the source database is closed, its log folded in"
    );
}

fn file_len(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

#[test]
fn a_killed_import_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let output = mitra()
        .args(["demo", "--no-serve", "--dir", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(output.status.success(), "demo: {}", stderr(&output));
    let demo_db = dir.path().join("mitra-demo.db");
    let old = org_ids(&demo_db);
    assert_eq!(old.len(), 200);

    // A large file: the demo's organizations many times over, new ids.
    let export = mitra()
        .args(["export", "organizations", "--database"])
        .arg(format!("sqlite:{}", demo_db.display()))
        .output()
        .unwrap();
    assert!(export.status.success(), "{}", stderr(&export));
    let mut document: Value = serde_json::from_slice(&export.stdout).unwrap();
    let template = document["organizations"].as_array().unwrap().clone();
    const NEW: usize = 6000;
    let mut added = Vec::new();
    let mut new_ids = BTreeSet::new();
    for i in 0..NEW {
        let mut org = template[i % template.len()].clone();
        let id = format!("crash-{i:05}");
        org["id"] = Value::from(id.clone());
        org["name"] = Value::from(format!("Crash Test Company {i} (demo)"));
        new_ids.insert(id);
        added.push(org);
    }
    document["organizations"] = Value::from(added);
    let big = dir.path().join("big.json");
    std::fs::write(&big, serde_json::to_vec(&document).unwrap()).unwrap();
    let all: BTreeSet<String> = old.union(&new_ids).cloned().collect();

    let import = |db: &Path| {
        let mut command = mitra();
        command
            .arg("import")
            .arg(&big)
            .arg("--database")
            .arg(format!("sqlite:{}", db.display()));
        command
    };

    // The whole import, unkilled, watched: how long it takes and how far
    // its write-ahead log grows before the commit folds it in.
    let full_db = dir.path().join("full.db");
    copy_db(&demo_db, &full_db);
    let started = Instant::now();
    let mut child = import(&full_db)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let full_wal = wal_path(&full_db);
    let mut largest_log = 0;
    while child.try_wait().unwrap().is_none() {
        largest_log = largest_log.max(file_len(&full_wal));
        std::thread::sleep(POLL);
    }
    let full = started.elapsed();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(org_ids(&full_db), all);
    eprintln!("the whole import takes {full:?}; its log grew to {largest_log} bytes");
    assert!(
        largest_log > 0,
        "the import wrote nothing to the log that could be watched"
    );

    // Kills inside the transaction: the moment the log has grown to a
    // share of its largest size, the process is killed. Aiming by the log
    // rather than by the clock keeps the kill inside the transaction on a
    // fast machine and a slow one alike (timed kills all landed before or
    // after it on a CI machine whose runs varied twofold).
    let mut outcomes = Vec::new();
    for (i, share) in [0.0, 0.25, 0.5, 0.75].iter().enumerate() {
        let db = dir.path().join(format!("kill-log-{i}.db"));
        copy_db(&demo_db, &db);
        let threshold = ((largest_log as f64) * share) as u64;
        let wal = wal_path(&db);
        let mut child = import(&db)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        let mut finished = false;
        loop {
            if child.try_wait().unwrap().is_some() {
                finished = true;
                break;
            }
            if file_len(&wal) > threshold {
                break;
            }
            std::thread::sleep(POLL);
        }
        let _ = child.kill();
        child.wait().unwrap();
        let delay = started.elapsed();
        let left = file_len(&wal);
        let outcome = outcome_of(&db, &old, &all, delay);
        eprintln!(
            "killed when the log passed {threshold} bytes, after {delay:?}{}: {outcome}; log left behind {left} bytes",
            if finished { ", already finished" } else { "" }
        );
        outcomes.push((delay, finished, left, outcome));
    }

    // Kills by the clock, spread over the run and past it.
    for (i, fraction) in [0.2, 0.5, 0.8, 1.1, 2.0, 4.0].iter().enumerate() {
        let db = dir.path().join(format!("kill-{i}.db"));
        copy_db(&demo_db, &db);
        let delay = full.mul_f64(*fraction);
        let mut child = import(&db)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill();
        child.wait().unwrap();
        let left = file_len(&wal_path(&db));
        let outcome = outcome_of(&db, &old, &all, delay);
        eprintln!(
            "killed after {delay:?} ({fraction} of the run{}): {outcome}; log left behind {left} bytes",
            if finished { ", already finished" } else { "" }
        );
        outcomes.push((delay, finished, left, outcome));
    }
    // The import is one transaction: whatever a kill interrupted, nothing
    // of it is left; a kill after the commit leaves all of it.
    // A log left beside "nothing" holds pages of the interrupted
    // transaction: that kill landed mid-transaction, and they were dropped.
    assert!(
        outcomes.iter().any(|o| o.3 == "all"),
        "no kill after the commit"
    );
    assert!(
        outcomes.iter().any(|o| o.3 == "nothing" && o.2 > 0 && !o.1),
        "no kill landed inside the transaction: {outcomes:?}"
    );
}

/// How often the log's size is looked at while an import runs.
const POLL: Duration = Duration::from_micros(200);

fn wal_path(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}-wal", db.display()))
}

/// "nothing" or "all" of the import in `db`; anything between fails.
fn outcome_of(
    db: &Path,
    old: &BTreeSet<String>,
    all: &BTreeSet<String>,
    delay: Duration,
) -> &'static str {
    let ids = org_ids(db);
    if &ids == old {
        "nothing"
    } else if &ids == all {
        "all"
    } else {
        panic!(
            "killed after {delay:?}: {} organizations, neither the {} before nor the {} after",
            ids.len(),
            old.len(),
            all.len()
        )
    }
}
