//! Many writers at once, on both backends: tasks spread over two `Store`s
//! opened on the same database book walk-ins into the same slots, tables
//! and people, publish schedules into those slots, accept and decline the
//! same request, and ask each other for meetings at the same moment.
//! Afterwards the database must hold what one writer at a time would have
//! left: no table, organization or interpreter twice in a slot among the
//! live meetings, every booking that was reported done is there and
//! nothing else, every accepted request is still accepted (met or
//! waiting), two answers to one request agree, and two sides asking each
//! other make one mutual request. The last test runs the same storm with
//! the unique indexes dropped and checks that the checks notice.

use chrono::{NaiveDate, NaiveTime};
use mitra_core::codes::{CountryCode, LanguageCode};
use mitra_core::event::{Event, EventPlan, Interpreter, Session, Table};
use mitra_core::ids::{EventId, InterpreterId, OrgId, SessionId, SlotId, TableId};
use mitra_core::meeting::{Meeting, MeetingRequest, MeetingStatus, Priority, RequestStatus};
use mitra_core::organization::{Organization, Side};
use mitra_store::testing::TestDatabase;
use mitra_store::{Announcement, Asked, Backend, NewMail, Store, StoreError};
use std::collections::{HashMap, HashSet};
use std::time::Duration;

const SLOTS: [&str; 2] = ["am-0900", "am-0920"];
const TABLES: [&str; 3] = ["T1", "T2", "T3"];
const PAIRS: usize = 6;

fn event() -> EventId {
    EventId::parse("expo").unwrap()
}

fn org_id(id: &str) -> OrgId {
    OrgId::parse(id).unwrap()
}

fn guest(k: usize) -> String {
    format!("g{}", k % PAIRS + 1)
}

fn host(k: usize) -> String {
    format!("h{}", k % PAIRS + 1)
}

fn org(id: &str, side: Side) -> Organization {
    Organization {
        id: org_id(id),
        name: format!("Company {id}"),
        side,
        country: CountryCode::parse(if side == Side::Host { "CN" } else { "ID" }).unwrap(),
        region: None,
        delegation: None,
        sector: None,
        languages: vec![LanguageCode::parse("en").unwrap()],
        description: None,
        offers: Vec::new(),
        needs: Vec::new(),
        certifications: Vec::new(),
        capacity: None,
        website: None,
        demo: false,
    }
}

fn meeting(a: &str, b: &str, slot: &str, table: &str, interpreter: Option<&str>) -> Meeting {
    Meeting {
        a: org_id(a),
        b: org_id(b),
        slot: SlotId::parse(slot).unwrap(),
        table: TableId::parse(table).unwrap(),
        interpreter: interpreter.map(|i| InterpreterId::parse(i).unwrap()),
        status: MeetingStatus::Published,
    }
}

/// What the storm starts from: the event, twelve companies, three pooled
/// tables, two interpreters; `PAIRS` pending requests (gk -> hk) to be
/// answered twice at once, and `PAIRS` accepted ones (gk -> hk+2) to be
/// published. Returns their row ids.
async fn seed(store: &Store) -> (Vec<i64>, Vec<i64>) {
    let plan = EventPlan::new(
        Event {
            id: event(),
            name: "Expo".into(),
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
    store.create_event(&plan).await.unwrap();
    let orgs: Vec<Organization> = (0..PAIRS)
        .flat_map(|k| [org(&guest(k), Side::Guest), org(&host(k), Side::Host)])
        .collect();
    store.import(&event(), &[], &orgs).await.unwrap();
    let tables: Vec<Table> = TABLES
        .iter()
        .map(|t| Table {
            id: TableId::parse(t).unwrap(),
            fixed_to: None,
        })
        .collect();
    store.set_tables(&event(), &tables).await.unwrap();
    let interpreters: Vec<Interpreter> = ["i1", "i2"]
        .iter()
        .map(|i| Interpreter {
            id: InterpreterId::parse(i).unwrap(),
            name: format!("Interpreter {i}"),
            email: None,
            languages: vec![
                LanguageCode::parse("id").unwrap(),
                LanguageCode::parse("zh").unwrap(),
            ],
            unavailable: Vec::new(),
            demo: false,
        })
        .collect();
    store
        .set_interpreters(&event(), &interpreters)
        .await
        .unwrap();
    let mut pending = Vec::new();
    for k in 0..PAIRS {
        let asked = store
            .ask_meeting(
                &event(),
                &org_id(&guest(k)),
                &org_id(&host(k)),
                None,
                100,
                1_000_000,
            )
            .await
            .unwrap();
        let Asked::Pending(id) = asked else {
            panic!("{asked:?}")
        };
        pending.push(id);
    }
    let accepted: Vec<MeetingRequest> = (0..PAIRS)
        .map(|k| MeetingRequest {
            from: org_id(&guest(k)),
            to: org_id(&host(k + 2)),
            priority: Priority::Accepted,
            status: RequestStatus::Accepted,
            message: None,
        })
        .collect();
    store.add_requests(&event(), &accepted).await.unwrap();
    let accepted_ids = store
        .requests(&event())
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.request.status == RequestStatus::Accepted)
        .map(|r| r.id)
        .collect();
    (pending, accepted_ids)
}

fn mails(tag: &str) -> Vec<NewMail> {
    vec![NewMail {
        message_id: format!("{tag}@mitra"),
        to_name: "Ayu".into(),
        to_address: "ayu@example.test".into(),
        subject: "Agenda".into(),
        body: "Halo".into(),
        calendar: None,
    }]
}

/// Whether an error is the schema refusing a double booking, the one
/// failure a booking may meet.
fn refused(error: &StoreError) -> bool {
    match error {
        StoreError::Conflict(_) => true,
        StoreError::Database(sqlx::Error::Database(e)) => e.is_unique_violation(),
        _ => false,
    }
}

/// What the storm did, as its callers were told.
#[derive(Debug, Default)]
struct Told {
    /// Walk-ins booked: meeting row id and the meeting.
    walk_ins: Vec<(i64, Meeting)>,
    /// Requests whose meeting `publish_schedule` added, with the meeting.
    published: Vec<(i64, Meeting)>,
    /// The two answers each pending request got (accept, decline).
    answers: Vec<(i64, RequestStatus, RequestStatus)>,
    /// The two asks of each pair that asked each other at once.
    asks: Vec<(usize, Asked, Asked)>,
}

async fn storm(a: &Store, b: &Store, pending: &[i64], accepted: &[i64]) -> Told {
    let start = tokio::time::Instant::now() + Duration::from_millis(300);
    let stores = [a.clone(), b.clone()];
    let mut walk_ins = Vec::new();
    for i in 0..36usize {
        let store = stores[i % 2].clone();
        let interpreter = [None, Some("i1"), None, Some("i2")][i % 4];
        let m = meeting(
            &guest(i),
            &host(i / PAIRS + i),
            SLOTS[i % 2],
            TABLES[i % 3],
            interpreter,
        );
        walk_ins.push(tokio::spawn(async move {
            tokio::time::sleep_until(start).await;
            let mails = mails(&format!("walk-in-{i}"));
            let announcement = Announcement {
                actor: "desk",
                now: 1_000,
                mails: &mails,
            };
            let result = store.book_walk_in(&event(), &m, &announcement).await;
            (m, result)
        }));
    }
    let mut publishes = Vec::new();
    for (k, &request) in accepted.iter().enumerate() {
        let store = stores[(k + 1) % 2].clone();
        let m = meeting(
            &guest(k),
            &host(k + 2),
            SLOTS[k % 2],
            TABLES[(k + 1) % 3],
            None,
        );
        publishes.push(tokio::spawn(async move {
            tokio::time::sleep_until(start).await;
            let mails = mails(&format!("publish-{k}"));
            let announcement = Announcement {
                actor: "organizer",
                now: 1_000,
                mails: &mails,
            };
            let add = [(Some(request), m.clone())];
            let result = store
                .publish_schedule(&event(), &[], &[], &add, &announcement)
                .await;
            (request, m, result)
        }));
    }
    let mut answers = Vec::new();
    for &request in pending {
        let mut both = Vec::new();
        for (s, accept) in [(0, true), (1, false)] {
            let store = stores[s].clone();
            let by = org_id(&host(pending.iter().position(|&r| r == request).unwrap()));
            both.push(tokio::spawn(async move {
                tokio::time::sleep_until(start).await;
                store
                    .answer_request(&event(), request, &by, accept, None, 500)
                    .await
            }));
        }
        answers.push((request, both));
    }
    let mut asks = Vec::new();
    for k in 0..PAIRS {
        let mut both = Vec::new();
        // Two guests: no walk-in (guest and host) ever joins them.
        for (s, from, to) in [(0, guest(k), guest(k + 1)), (1, guest(k + 1), guest(k))] {
            let store = stores[s].clone();
            both.push(tokio::spawn(async move {
                tokio::time::sleep_until(start).await;
                store
                    .ask_meeting(&event(), &org_id(&from), &org_id(&to), None, 500, 1_000_000)
                    .await
            }));
        }
        asks.push((k, both));
    }

    let mut told = Told::default();
    for task in walk_ins {
        let (m, result) = task.await.unwrap();
        match result {
            Ok(id) => told.walk_ins.push((id, m)),
            Err(e) if refused(&e) => {}
            Err(e) => panic!("walk-in {m:?} failed for a reason other than a double booking: {e}"),
        }
    }
    for task in publishes {
        let (request, m, result) = task.await.unwrap();
        match result {
            Ok(()) => told.published.push((request, m)),
            Err(e) if refused(&e) => {}
            Err(e) => {
                panic!("publishing {m:?} failed for a reason other than a double booking: {e}")
            }
        }
    }
    for (request, both) in answers {
        let mut results = Vec::new();
        for task in both {
            results.push(task.await.unwrap().expect("answering a request"));
        }
        told.answers.push((request, results[0], results[1]));
    }
    for (k, both) in asks {
        let mut results = Vec::new();
        for task in both {
            results.push(task.await.unwrap().expect("asking for a meeting"));
        }
        told.asks.push((k, results[0], results[1]));
    }
    told
}

/// Double bookings among the live meetings: (slot, table), (slot,
/// organization), (slot, interpreter) taken twice.
fn double_bookings(meetings: &[Meeting]) -> Vec<String> {
    let mut seen: HashSet<(String, String)> = HashSet::new();
    let mut found = Vec::new();
    for m in meetings {
        if m.status == MeetingStatus::Cancelled {
            continue;
        }
        let mut holders = vec![
            format!("table {}", m.table),
            format!("organization {}", m.a),
            format!("organization {}", m.b),
        ];
        if let Some(i) = &m.interpreter {
            holders.push(format!("interpreter {i}"));
        }
        for holder in holders {
            if !seen.insert((m.slot.to_string(), holder.clone())) {
                found.push(format!("{holder} twice in slot {}", m.slot));
            }
        }
    }
    found
}

async fn two_stores(backend: Backend) -> (TestDatabase, Store, Store) {
    let database = TestDatabase::fresh(backend).await;
    let a = database.open().await;
    let b = database.open().await;
    (database, a, b)
}

async fn writers_at_once_leave_what_one_at_a_time_would(backend: Backend) {
    let (_database, a, b) = two_stores(backend).await;
    let (pending, accepted) = seed(&a).await;
    let told = storm(&a, &b, &pending, &accepted).await;
    let event = event();

    let meetings = a.meetings(&event).await.unwrap();
    let live: Vec<Meeting> = meetings
        .iter()
        .filter(|m| m.meeting.status != MeetingStatus::Cancelled)
        .map(|m| m.meeting.clone())
        .collect();
    assert_eq!(double_bookings(&live), Vec::<String>::new());
    // The slots were fought over: some bookings won, most were refused
    // (42 tries for 2 slots of 3 tables).
    let booked = told.walk_ins.len() + told.published.len();
    assert!(
        (1..=SLOTS.len() * TABLES.len()).contains(&booked),
        "{told:?}"
    );

    // Every booking reported done is there, and nothing else.
    assert_eq!(
        live.len(),
        told.walk_ins.len() + told.published.len(),
        "{told:?}\n{meetings:?}"
    );
    for (id, m) in &told.walk_ins {
        assert!(
            meetings.iter().any(|s| s.id == *id && s.meeting == *m),
            "walk-in {id} {m:?} is missing"
        );
    }
    for (request, m) in &told.published {
        assert!(
            meetings
                .iter()
                .any(|s| s.request_id == Some(*request) && s.meeting == *m),
            "the meeting of request {request} is missing"
        );
    }

    let requests: HashMap<i64, RequestStatus> = a
        .requests(&event)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.id, r.request.status))
        .collect();
    // Every meeting meets an accepted request; every request accepted
    // before or during the storm is still accepted (met, or waiting for
    // the scheduler), none lost to a concurrent writer.
    for m in &meetings {
        if let Some(request) = m.request_id {
            assert_eq!(requests[&request], RequestStatus::Accepted, "{m:?}");
        }
    }
    for request in &accepted {
        assert_eq!(requests[request], RequestStatus::Accepted);
    }
    // An accept and a decline of one request at once: one of them
    // decided, and both callers were told that decision.
    for (request, accept, decline) in &told.answers {
        let status = requests[request];
        assert!(
            matches!(status, RequestStatus::Accepted | RequestStatus::Declined),
            "{status:?}"
        );
        assert_eq!(
            (*accept, *decline),
            (status, status),
            "request {request} ended {status:?}"
        );
    }
    // Two sides asking each other at once: one request, made mutual.
    for (k, first, second) in &told.asks {
        let (pending, mutual) = match (first, second) {
            (Asked::Pending(p), Asked::Mutual(m)) | (Asked::Mutual(m), Asked::Pending(p)) => {
                (*p, *m)
            }
            other => panic!("pair {k} asked each other and got {other:?}"),
        };
        assert_eq!(pending, mutual, "pair {k}");
        assert_eq!(requests[&mutual], RequestStatus::Accepted);
    }
    let stored = a.requests(&event).await.unwrap();
    for k in 0..PAIRS {
        let pair = [org_id(&guest(k)), org_id(&guest(k + 1))];
        let open = stored
            .iter()
            .filter(|r| pair.contains(&r.request.from) && pair.contains(&r.request.to))
            .filter(|r| {
                matches!(
                    r.request.status,
                    RequestStatus::Pending | RequestStatus::Accepted
                )
            })
            .count();
        assert_eq!(open, 1, "pair {k}");
    }
    // Each booking queued its mail once, in its own transaction.
    let queued = a.mail_of_event(&event).await.unwrap().len();
    assert_eq!(queued, told.walk_ins.len() + told.published.len());
}

/// The checks above can fail: without the unique indexes the same storm
/// double-books, and `double_bookings` says so.
async fn without_the_unique_indexes_the_storm_double_books(backend: Backend) {
    let (_database, a, b) = two_stores(backend).await;
    let (pending, accepted) = seed(&a).await;
    for index in [
        "meeting_table_once_per_slot",
        "attendance_org_once_per_slot",
        "attendance_interpreter_once_per_slot",
    ] {
        sqlx::query(sqlx::AssertSqlSafe(format!("DROP INDEX {index}")))
            .execute(a.pool())
            .await
            .unwrap();
    }
    let told = storm(&a, &b, &pending, &accepted).await;
    assert_eq!(told.walk_ins.len(), 36, "nothing refuses a walk-in now");
    let live: Vec<Meeting> = a
        .meetings(&event())
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.meeting)
        .collect();
    assert!(!double_bookings(&live).is_empty());
}

// Real parallelism: several worker threads, each store with its own pool.
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
    writers_at_once_leave_what_one_at_a_time_would,
    without_the_unique_indexes_the_storm_double_books
);
