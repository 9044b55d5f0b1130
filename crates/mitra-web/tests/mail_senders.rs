//! Several servers, one mail queue: two senders (two `Store`s on one
//! database, as two `mitra serve` processes have) drain a queue of many
//! messages at once into a real SMTP server, and every message arrives
//! exactly once; a claim whose sender died is sent by another once its
//! lease has ended, and not before.
//!
//! What would make it fail: a sender that reads the due messages and then
//! sends them without claiming them in one write (as the sender did
//! before `Store::claim_due_mail`): both senders read the same due
//! messages and the server receives most of them twice.

mod common;

use chrono::{NaiveDate, NaiveTime};
use common::smtp::{SmtpSink, smtp_config};
use mitra_core::event::{Event, EventPlan, Session};
use mitra_core::ids::{EventId, SessionId};
use mitra_store::testing::TestDatabase;
use mitra_store::{Backend, NewMail, Store};
use mitra_web::services::mailer::{Delivery, LEASE_SECS, deliver_due};
use std::collections::BTreeSet;

const MESSAGES: usize = 300;
const NOW: i64 = 1_750_000_000;

fn event() -> EventId {
    EventId::parse("mail-expo").unwrap()
}

async fn queue(store: &Store, count: usize, tag: &str) -> BTreeSet<String> {
    let plan = EventPlan::new(
        Event {
            id: event(),
            name: "Mail Expo".into(),
            name_zh: None,
            name_id: None,
            venue: None,
            city: None,
            time_zone: chrono_tz::Asia::Shanghai,
            slot_minutes: 20,
            demo: false,
        },
        vec![Session {
            id: SessionId::parse("am").unwrap(),
            name: "Morning".into(),
            date: NaiveDate::from_ymd_opt(2025, 5, 27).unwrap(),
            start: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            slot_count: 4,
        }],
    )
    .unwrap();
    if store.events().await.unwrap().is_empty() {
        store.create_event(&plan).await.unwrap();
    }
    let mails: Vec<NewMail> = (0..count)
        .map(|i| NewMail {
            message_id: format!("{tag}-{i:04}@mitra.test"),
            to_name: format!("Guest {i}"),
            to_address: format!("guest-{i}@example.test"),
            subject: format!("Agenda {i}"),
            body: "Halo".into(),
            calendar: None,
        })
        .collect();
    // In a few transactions, as the day queues them.
    for chunk in mails.chunks(50) {
        store.enqueue_mail(&event(), NOW, chunk).await.unwrap();
    }
    mails.into_iter().map(|m| m.message_id).collect()
}

/// Runs passes until one finds nothing due; what they sent in all.
async fn drain(store: Store, port: u16) -> Delivery {
    let config = smtp_config(port);
    let mut total = Delivery::default();
    loop {
        let pass = deliver_due(&store, &config, NOW).await.unwrap();
        if pass == Delivery::default() {
            return total;
        }
        total.sent += pass.sent;
        total.retrying += pass.retrying;
        total.refused += pass.refused;
    }
}

async fn two_senders_send_each_message_once(backend: Backend) {
    let database = TestDatabase::fresh(backend).await;
    let a = database.open().await;
    let b = database.open().await;
    let queued = queue(&a, MESSAGES, "twice").await;
    let sink = SmtpSink::start();

    let started = std::time::Instant::now();
    let first = tokio::spawn(drain(a.clone(), sink.port));
    let second = tokio::spawn(drain(b.clone(), sink.port));
    let (first, second) = (first.await.unwrap(), second.await.unwrap());
    eprintln!(
        "{backend}: {MESSAGES} messages in {:?}, {} by one sender and {} by the other",
        started.elapsed(),
        first.sent,
        second.sent
    );

    assert_eq!((first.retrying, first.refused), (0, 0));
    assert_eq!((second.retrying, second.refused), (0, 0));
    assert_eq!(first.sent + second.sent, MESSAGES, "each sent once, by one");
    let mut received = sink.message_ids();
    assert_eq!(
        received.len(),
        MESSAGES,
        "nothing arrived twice or not at all"
    );
    received.sort();
    let arrived: BTreeSet<String> = received.into_iter().collect();
    assert_eq!(arrived, queued);
    let summary = a.mail_queue(&event()).await.unwrap();
    assert_eq!(
        (summary.sent, summary.waiting, summary.retrying),
        (MESSAGES as i64, 0, 0)
    );
}

async fn a_dead_senders_claim_is_sent_after_its_lease(backend: Backend) {
    let database = TestDatabase::fresh(backend).await;
    let dead = database.open().await;
    let alive = database.open().await;
    let queued = queue(&dead, 30, "lease").await;
    // A sender claims five messages and dies before sending them.
    let claimed = dead
        .claim_due_mail("dead-sender", NOW, NOW + LEASE_SECS, 5)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 5);
    drop(dead);
    let sink = SmtpSink::start();
    let config = smtp_config(sink.port);

    // The other sender sends the rest, not the claimed five ...
    let now = deliver_due(&alive, &config, NOW).await.unwrap();
    assert_eq!(now.sent, 25);
    let later = deliver_due(&alive, &config, NOW + LEASE_SECS - 1)
        .await
        .unwrap();
    assert_eq!(later.sent, 0, "not while the claim holds");
    // ... and them once the claim has lapsed, once.
    let lapsed = deliver_due(&alive, &config, NOW + LEASE_SECS)
        .await
        .unwrap();
    assert_eq!(lapsed.sent, 5);
    let again = deliver_due(&alive, &config, NOW + 10 * LEASE_SECS)
        .await
        .unwrap();
    assert_eq!(again, Delivery::default());
    let received = sink.message_ids();
    assert_eq!(received.len(), 30);
    assert_eq!(received.into_iter().collect::<BTreeSet<_>>(), queued);
    let claimed_ids: BTreeSet<String> = claimed.into_iter().map(|q| q.mail.message_id).collect();
    assert!(claimed_ids.is_subset(&queued));
}

// Real parallelism: worker threads of their own, each store its own pool.
macro_rules! on_both_backends {
    ($($name:ident),+) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite() {
                super::$name(mitra_store::Backend::Sqlite).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres() {
                super::$name(mitra_store::Backend::Postgres).await
            }
        }
    )+};
}

on_both_backends!(
    two_senders_send_each_message_once,
    a_dead_senders_claim_is_sent_after_its_lease
);
