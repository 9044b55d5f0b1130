//! Crash safety of the server: a `mitra serve` process killed (SIGKILL) in
//! the middle of the organizer's spreadsheet upload (a large import) and
//! of a schedule publication, at several moments, leaves either all or
//! none of each; the database passes its integrity check, and a server
//! started again on it serves. SQLite (the WAL with `synchronous = FULL`
//! is what is tested: a committed transaction survives, an interrupted one
//! is rolled back when the database is next opened).
//!
//! What would make it fail: an import or a publication written in more
//! than one transaction (a kill between them leaves a part), or a
//! journal setting that loses committed pages.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{
    Browser, EVENT, HttpClient, LOG_POLL, Moment, ORGANIZER, Server, copy_db, http_client,
    log_threshold, send, wal_len,
};
use mitra_core::ids::{EventId, PersonId};
use mitra_store::Store;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const BOUNDARY: &str = "mitra-crash-boundary";

fn event() -> EventId {
    EventId::parse(EVENT).unwrap()
}

fn url(db: &Path) -> String {
    format!("sqlite:{}", db.display())
}

/// What a kill may leave: the organization ids, the live meetings, whether
/// a schedule proposal waits, and how many messages are queued, read
/// after an integrity check (opening the store recovers the log as a
/// restarted server would); the store is closed again, its log folded in.
#[derive(Debug, Clone, PartialEq, Eq)]
struct State {
    orgs: BTreeSet<String>,
    meetings: BTreeSet<String>,
    proposal: bool,
    mails: usize,
}

async fn state(db: &Path) -> State {
    let store = Store::open(&url(db)).await.unwrap();
    store.check().await.expect("the database is intact");
    let orgs = store
        .organizations(&event())
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.id.to_string())
        .collect();
    let meetings = store
        .meetings(&event())
        .await
        .unwrap()
        .into_iter()
        .map(|m| {
            let m = m.meeting;
            format!(
                "{} {} {} {} {:?} {}",
                m.a,
                m.b,
                m.slot,
                m.table,
                m.interpreter,
                m.status.as_str()
            )
        })
        .collect();
    let proposal = store.schedule_proposal(&event()).await.unwrap().is_some();
    let mails = store.mail_of_event(&event()).await.unwrap().len();
    store.close().await;
    State {
        orgs,
        meetings,
        proposal,
        mails,
    }
}

/// A platform export of `rows` new host companies, as CSV.
fn big_csv(rows: usize) -> Vec<u8> {
    let mut csv = String::from("Organisation Name,Country\n");
    for i in 0..rows {
        csv.push_str(&format!("Crash Upload Company {i:05} Ltd.,CN\n"));
    }
    csv.into_bytes()
}

fn multipart(csrf: &str, csv: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in [("csrf", csrf), ("side", "host")] {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"platform.csv\"\r\nContent-Type: text/csv\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(csv);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Operation {
    Upload,
    Publish,
}

/// Starts `mitra serve` on `db` and signs the organizer in through an
/// invitation, as a browser does.
async fn organizer_on(db: &Path, outbox: &Path) -> (Server, HttpClient, Browser) {
    let store = Store::open(&url(db)).await.unwrap();
    let link = mitra_web::auth::create_invitation(
        &store,
        &event(),
        &PersonId::parse(ORGANIZER).unwrap(),
        Duration::from_secs(3600),
    )
    .await
    .unwrap();
    store.close().await;
    let server = Server::start(&url(db), outbox);
    let client = http_client();
    let boss = Browser::sign_in(&client, &server.base, &link).await;
    (server, client, boss)
}

/// Starts a server on `db`, signs the organizer in, and sends the
/// operation; returns the server and the request's task.
async fn start_operation(
    db: &Path,
    outbox: &Path,
    operation: Operation,
    csv: &[u8],
) -> (Server, u64, tokio::task::JoinHandle<Option<StatusCode>>) {
    let (server, client, boss) = organizer_on(db, outbox).await;
    let wal = wal_len(db);
    let request = match operation {
        Operation::Upload => Request::post(format!("{}/organizer/import", boss.base))
            .header(
                header::COOKIE,
                format!("mitra_session={}; mitra_csrf={}", boss.session, boss.csrf),
            )
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .body(Body::from(multipart(&boss.csrf, csv)))
            .unwrap(),
        Operation::Publish => Request::post(format!("{}/organizer/publish", boss.base))
            .header(
                header::COOKIE,
                format!("mitra_session={}; mitra_csrf={}", boss.session, boss.csrf),
            )
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(common::form_encode(&[("csrf", &boss.csrf)])))
            .unwrap(),
    };
    let task = tokio::spawn(async move {
        // A killed server answers nothing: that is expected here.
        tokio::time::timeout(Duration::from_secs(300), client.request(request))
            .await
            .ok()
            .and_then(Result::ok)
            .map(|r| r.status())
    });
    (server, wal, task)
}

/// Runs `operation` on copies of `base` killed at several moments, and
/// checks each leaves `before` or `after`. Returns how many kills landed
/// inside the transaction (the server had not answered, the log had grown
/// by the transaction's pages, and nothing of it was left), and how long
/// the whole request takes.
async fn kill_during(
    dir: &Path,
    base: &Path,
    operation: Operation,
    csv: &[u8],
) -> (usize, Duration) {
    let outbox = dir.join("outbox");
    std::fs::create_dir_all(&outbox).unwrap();
    let before = state(base).await;

    // The whole operation, unkilled, to time it and to see "all".
    let full = dir.join(format!("{operation:?}-full.db"));
    copy_db(base, &full);
    let (mut server, wal_before, task) = start_operation(&full, &outbox, operation, csv).await;
    let started = Instant::now();
    // Watched: how far the log grows before the commit folds it in.
    let mut growth = 0;
    while !task.is_finished() {
        growth = growth.max(wal_len(&full).saturating_sub(wal_before));
        tokio::time::sleep(LOG_POLL).await;
    }
    let status = task.await.unwrap();
    let took = started.elapsed();
    server.kill();
    let expected = match operation {
        Operation::Upload => StatusCode::OK,
        Operation::Publish => StatusCode::SEE_OTHER,
    };
    assert_eq!(status, Some(expected), "{operation:?} unkilled");
    let after = state(&full).await;
    assert_ne!(before, after, "{operation:?} changed something");
    eprintln!("{operation:?}: the whole request takes {took:?}; its log grew by {growth} bytes");

    let mut inside = 0;
    let mut outcomes = Vec::new();
    // Kills aimed by the log (the moment it has grown by a share of the
    // whole run's growth, which lands inside the transaction on a fast
    // machine and a slow one alike), then by the clock, over the run and
    // past it.
    let moments = [
        Moment::LogGrown(0.25),
        Moment::LogGrown(0.5),
        Moment::LogGrown(0.75),
        Moment::Clock(0.1),
        Moment::Clock(0.6),
        Moment::Clock(0.8),
        Moment::Clock(0.9),
        Moment::Clock(1.5),
        Moment::Clock(3.0),
    ];
    for (i, moment) in moments.iter().enumerate() {
        let db = dir.join(format!("{operation:?}-kill-{i}.db"));
        copy_db(base, &db);
        let (mut server, wal_before, task) = start_operation(&db, &outbox, operation, csv).await;
        let started = Instant::now();
        match *moment {
            Moment::Clock(fraction) => tokio::time::sleep(took.mul_f64(fraction)).await,
            Moment::LogGrown(share) => {
                let threshold = log_threshold(wal_before, growth, share);
                while !task.is_finished() && wal_len(&db) <= threshold {
                    tokio::time::sleep(LOG_POLL).await;
                }
            }
        }
        let delay = started.elapsed();
        let answered = task.is_finished();
        server.kill();
        let _ = task.await;
        let wal = wal_len(&db);
        let left = state(&db).await;
        let outcome = if left == before {
            "nothing"
        } else if left == after {
            "all"
        } else {
            panic!(
                "{operation:?} killed after {delay:?}: neither before nor after \
                 ({} organizations, {} meetings, proposal {}, {} mails; before {}/{}/{}/{}, after {}/{}/{}/{})",
                left.orgs.len(),
                left.meetings.len(),
                left.proposal,
                left.mails,
                before.orgs.len(),
                before.meetings.len(),
                before.proposal,
                before.mails,
                after.orgs.len(),
                after.meetings.len(),
                after.proposal,
                after.mails,
            )
        };
        // Pages of the interrupted transaction spilled into the log (more
        // than the few a session's touch writes) and were dropped.
        if outcome == "nothing" && !answered && wal > wal_before + 64 * 1024 {
            inside += 1;
        }
        eprintln!(
            "{operation:?} killed after {delay:?} ({moment:?}{}): {outcome}; log left behind {wal} bytes",
            if answered { ", already answered" } else { "" }
        );
        outcomes.push(outcome);

        // The server starts again on what the kill left, and serves.
        let server = Server::start(&url(&db), &outbox);
        let client = http_client();
        let health = send(
            &client,
            Request::get(format!("{}/healthz", server.base))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(health.status, StatusCode::OK);
        let page = send(
            &client,
            Request::get(format!("{}/events/{EVENT}", server.base))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(page.status, StatusCode::OK);
        drop(server);
        // Fold the log in for the next copy's sake (a clean close).
        state(&db).await;
    }
    assert!(
        outcomes.contains(&"all"),
        "{operation:?}: no kill after the commit"
    );
    (inside, took)
}

/// A demo database with a schedule proposal waiting (the organizer ran
/// the scheduler), closed cleanly.
async fn base_database(dir: &Path) -> PathBuf {
    common::build_demo(&url(&dir.join("demo.db")), dir);
    let db = dir.join("demo.db");
    let outbox = dir.join("outbox");
    std::fs::create_dir_all(&outbox).unwrap();
    let (mut server, client, boss) = organizer_on(&db, &outbox).await;
    let proposed = boss.post(&client, "/organizer/schedule", &[]).await;
    assert_eq!(proposed.status, StatusCode::SEE_OTHER, "{}", proposed.body);
    server.kill();
    let base = state(&db).await;
    assert!(base.proposal, "a proposal waits");
    db
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_server_leaves_all_or_nothing_of_an_upload_and_a_publication() {
    let dir = tempfile::tempdir().unwrap();
    let base = base_database(dir.path()).await;
    let csv = big_csv(30_000);

    let (inside, took) = kill_during(dir.path(), &base, Operation::Upload, &csv).await;
    eprintln!("upload: {inside} kills landed inside the import ({took:?} in all)");
    // The upload is slow enough (the import, its last third, takes about
    // a second here) that several kills land inside its transaction.
    assert!(inside > 0, "no kill landed inside the upload's transaction");

    let (inside, took) = kill_during(dir.path(), &base, Operation::Publish, &[]).await;
    // A publication takes a moment; a kill inside its transaction is
    // reported, not required.
    eprintln!("publish: {inside} kills landed inside the publication ({took:?} in all)");
}
