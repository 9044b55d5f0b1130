//! Crash safety: `mitra import` killed (SIGKILL) at several moments of a
//! large import leaves either none or all of it, never a part, and the
//! database passes its integrity check afterwards.

mod common;

use common::{LOG_POLL, Moment, copy_db, log_threshold, mitra, wal_len};
use mitra_store::Store;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Output, Stdio};
use std::time::Instant;

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
    let mut largest_log = 0;
    while child.try_wait().unwrap().is_none() {
        largest_log = largest_log.max(wal_len(&full_db));
        std::thread::sleep(LOG_POLL);
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

    // Kills aimed by the log (the moment it has grown to a share of its
    // largest size, which keeps the kill inside the transaction on a fast
    // machine and a slow one alike: timed kills all landed before or after
    // it on a CI machine whose runs varied twofold), then by the clock,
    // over the run and past it.
    let moments = [
        Moment::LogGrown(0.0),
        Moment::LogGrown(0.25),
        Moment::LogGrown(0.5),
        Moment::LogGrown(0.75),
        Moment::Clock(0.2),
        Moment::Clock(0.5),
        Moment::Clock(0.8),
        Moment::Clock(1.1),
        Moment::Clock(2.0),
        Moment::Clock(4.0),
    ];
    let mut outcomes = Vec::new();
    for (i, moment) in moments.iter().enumerate() {
        let db = dir.path().join(format!("kill-{i}.db"));
        copy_db(&demo_db, &db);
        let mut child = import(&db)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        match *moment {
            Moment::Clock(fraction) => std::thread::sleep(full.mul_f64(fraction)),
            Moment::LogGrown(share) => {
                let threshold = log_threshold(0, largest_log, share);
                while child.try_wait().unwrap().is_none() && wal_len(&db) <= threshold {
                    std::thread::sleep(LOG_POLL);
                }
            }
        }
        let delay = started.elapsed();
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill();
        child.wait().unwrap();
        let left = wal_len(&db);
        let ids = org_ids(&db);
        let outcome = if ids == old {
            "nothing"
        } else if ids == all {
            "all"
        } else {
            panic!(
                "killed after {delay:?} ({moment:?}): {} organizations, neither the {} before nor the {} after",
                ids.len(),
                old.len(),
                all.len()
            )
        };
        eprintln!(
            "killed after {delay:?} ({moment:?}{}): {outcome}; log left behind {left} bytes",
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
