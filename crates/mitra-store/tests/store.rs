//! The store on both backends (a SQLite file and a PostgreSQL schema, see
//! `mitra_store::testing`): round trips, all-or-nothing imports, and the
//! schema refusing double bookings even when SQL goes around the store.

use chrono::{NaiveDate, NaiveTime};
use mitra_core::codes::{CountryCode, LanguageCode};
use mitra_core::event::{Event, EventPlan, Interpreter, Session, Table};
use mitra_core::ids::{DelegationId, EventId, InterpreterId, OrgId, SessionId, SlotId, TableId};
use mitra_core::meeting::{Meeting, MeetingRequest, MeetingStatus, Priority, RequestStatus};
use mitra_core::organization::{Delegation, Objectives, Organization, Side, TradeItem};
use mitra_hs::HsCode;
use mitra_store::testing::{TestStore, fresh_store};
use mitra_store::{Backend, StoreError};

fn event_id() -> EventId {
    EventId::parse("expo").unwrap()
}

fn plan() -> EventPlan {
    let event = Event {
        id: event_id(),
        name: "Expo".into(),
        name_zh: Some("博览会".into()),
        name_id: None,
        venue: None,
        city: Some("Jinan".into()),
        time_zone: chrono_tz::Asia::Shanghai,
        slot_minutes: 20,
        demo: false,
    };
    let session = Session {
        id: SessionId::parse("am").unwrap(),
        name: "Morning".into(),
        date: NaiveDate::from_ymd_opt(2025, 5, 27).unwrap(),
        start: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
        slot_count: 3,
    };
    EventPlan::new(event, vec![session]).unwrap()
}

fn org(id: &str, side: Side, delegation: Option<&str>) -> Organization {
    Organization {
        id: OrgId::parse(id).unwrap(),
        name: format!("Company {id}"),
        side,
        country: CountryCode::parse(if side == Side::Host { "CN" } else { "ID" }).unwrap(),
        region: None,
        delegation: delegation.map(|d| DelegationId::parse(d).unwrap()),
        sector: None,
        languages: vec![LanguageCode::parse("en").unwrap()],
        description: Some("描述 deskripsi".into()),
        offers: vec![TradeItem::new(
            "Kopi robusta",
            vec![HsCode::parse("090111").unwrap()],
        )],
        needs: vec![TradeItem::new("滴灌设备", vec![])],
        certifications: vec!["HACCP".into()],
        capacity: Some("300 t/year".into()),
        website: None,
        demo: false,
    }
}

async fn fresh(backend: Backend) -> TestStore {
    let store = fresh_store(backend).await;
    store.create_event(&plan()).await.unwrap();
    store
}

async fn seeded(backend: Backend) -> TestStore {
    let store = fresh(backend).await;
    let orgs = vec![
        org("g1", Side::Guest, Some("lampung")),
        org("g2", Side::Guest, Some("lampung")),
        org("h1", Side::Host, None),
        org("h2", Side::Host, None),
    ];
    store.import(&event_id(), &[], &orgs).await.unwrap();
    store
        .set_tables(
            &event_id(),
            &[
                Table {
                    id: TableId::parse("H1").unwrap(),
                    fixed_to: Some(OrgId::parse("h1").unwrap()),
                },
                Table {
                    id: TableId::parse("P1").unwrap(),
                    fixed_to: None,
                },
                Table {
                    id: TableId::parse("P2").unwrap(),
                    fixed_to: None,
                },
            ],
        )
        .await
        .unwrap();
    store
        .set_interpreters(
            &event_id(),
            &[Interpreter {
                id: InterpreterId::parse("i1").unwrap(),
                name: "Ina".into(),
                email: None,
                languages: vec![
                    LanguageCode::parse("id").unwrap(),
                    LanguageCode::parse("zh").unwrap(),
                ],
                unavailable: vec![SlotId::parse("am-0940").unwrap()],
                demo: false,
            }],
        )
        .await
        .unwrap();
    store
}

/// What the schema says when SQL around the store breaks a constraint.
fn unique_violation(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .is_some_and(|e| e.is_unique_violation())
}

fn meeting(a: &str, b: &str, slot: &str, table: &str, interpreter: Option<&str>) -> Meeting {
    Meeting {
        a: OrgId::parse(a).unwrap(),
        b: OrgId::parse(b).unwrap(),
        slot: SlotId::parse(slot).unwrap(),
        table: TableId::parse(table).unwrap(),
        interpreter: interpreter.map(|i| InterpreterId::parse(i).unwrap()),
        status: MeetingStatus::Draft,
    }
}

async fn event_and_organizations_round_trip_through_a_file(backend: Backend) {
    let TestStore { store, database } = seeded(backend).await;
    store.close().await;
    // Reopen the database: what was committed is there.
    let store = database.open().await;
    assert_eq!(store.event_plan(&event_id()).await.unwrap(), plan());
    let orgs = store.organizations(&event_id()).await.unwrap();
    assert_eq!(orgs.len(), 4);
    assert_eq!(orgs[0], org("g1", Side::Guest, Some("lampung")));
    let delegations = store.delegations(&event_id()).await.unwrap();
    assert_eq!(
        delegations.len(),
        1,
        "the delegation named by the organizations was created"
    );
    assert_eq!(delegations[0].country.as_str(), "ID");
    let interpreters = store.interpreters(&event_id()).await.unwrap();
    assert_eq!(
        interpreters[0].unavailable,
        vec![SlotId::parse("am-0940").unwrap()]
    );
    let tables = store.tables(&event_id()).await.unwrap();
    assert_eq!(tables[0].fixed_to, Some(OrgId::parse("h1").unwrap()));
}

async fn importing_the_same_organizations_twice_changes_nothing(backend: Backend) {
    let store = seeded(backend).await;
    let before = store.organizations(&event_id()).await.unwrap();
    let summary = store.import(&event_id(), &[], &before).await.unwrap();
    assert_eq!(summary.organizations_added, 0);
    assert_eq!(summary.organizations_updated, 4);
    assert_eq!(store.organizations(&event_id()).await.unwrap(), before);
}

async fn a_failing_import_leaves_nothing_behind(backend: Backend) {
    let store = seeded(backend).await;
    let before = store.organizations(&event_id()).await.unwrap();
    let mut bad = org("g9", Side::Guest, None);
    bad.name = String::new(); // refused by the schema's CHECK
    let result = store
        .import(&event_id(), &[], &[org("g8", Side::Guest, None), bad])
        .await;
    assert!(result.is_err());
    assert_eq!(
        store.organizations(&event_id()).await.unwrap(),
        before,
        "g8 must not be half-imported"
    );
}

async fn a_table_cannot_be_booked_twice_in_a_slot(backend: Backend) {
    let store = seeded(backend).await;
    let ok = store
        .replace_draft_meetings(
            &event_id(),
            &[(None, meeting("g1", "h2", "am-0900", "P1", None))],
        )
        .await;
    assert!(ok.is_ok(), "{ok:?}");
    // Through the store: refused, and the earlier schedule is intact.
    let twice = store
        .replace_draft_meetings(
            &event_id(),
            &[
                (None, meeting("g1", "h2", "am-0900", "P1", None)),
                (None, meeting("g2", "h1", "am-0900", "P1", None)),
            ],
        )
        .await;
    assert!(twice.is_err());
    assert_eq!(store.meetings(&event_id()).await.unwrap().len(), 1);
    // Directly in SQL, around the store: refused by the schema.
    let pool = store.pool();
    let direct = sqlx::query(
        "INSERT INTO meeting (event_id, a_org_id, b_org_id, slot_id, table_id, status)
         SELECT m.event_id, (SELECT id FROM organization WHERE code = 'g2'), (SELECT id FROM organization WHERE code = 'h1'), m.slot_id, m.table_id, 'published'
         FROM meeting m LIMIT 1",
    )
    .execute(pool)
    .await;
    let error = direct.expect_err("the unique index must refuse a second meeting at the table");
    assert!(unique_violation(&error), "{error}");
}

async fn a_person_cannot_be_in_two_meetings_in_one_slot(backend: Backend) {
    let store = seeded(backend).await;
    store
        .replace_draft_meetings(
            &event_id(),
            &[(None, meeting("g1", "h2", "am-0900", "P1", Some("i1")))],
        )
        .await
        .unwrap();
    let pool = store.pool();
    // g1 again in the same slot, at another table: refused.
    let direct = sqlx::query(
        "INSERT INTO meeting (event_id, a_org_id, b_org_id, slot_id, table_id, status)
         SELECT m.event_id, m.a_org_id, (SELECT id FROM organization WHERE code = 'h1'), m.slot_id,
                (SELECT id FROM meeting_table WHERE code = 'P2'), 'draft'
         FROM meeting m LIMIT 1",
    )
    .execute(pool)
    .await;
    assert!(unique_violation(&direct.expect_err("g1 is already busy")));
    // The interpreter is a person too.
    let direct = sqlx::query(
        "INSERT INTO meeting (event_id, a_org_id, b_org_id, slot_id, table_id, interpreter_id, status)
         SELECT m.event_id, (SELECT id FROM organization WHERE code = 'g2'), (SELECT id FROM organization WHERE code = 'h1'), m.slot_id,
                (SELECT id FROM meeting_table WHERE code = 'P2'), m.interpreter_id, 'draft'
         FROM meeting m LIMIT 1",
    )
    .execute(pool)
    .await;
    assert!(unique_violation(&direct.expect_err("i1 is already busy")));
    // Moving a meeting onto a busy person is refused too.
    store
        .replace_draft_meetings(
            &event_id(),
            &[
                (None, meeting("g1", "h2", "am-0900", "P1", None)),
                (None, meeting("g2", "h1", "am-0920", "H1", None)),
            ],
        )
        .await
        .unwrap();
    let moved = sqlx::query(
        "UPDATE meeting SET slot_id = (SELECT id FROM slot WHERE code = 'am-0900'), b_org_id = (SELECT id FROM organization WHERE code = 'h2')
         WHERE a_org_id = (SELECT id FROM organization WHERE code = 'g2')",
    )
    .execute(pool)
    .await;
    assert!(unique_violation(&moved.expect_err("h2 is busy at 09:00")));
    // A cancelled meeting frees its people.
    sqlx::query("UPDATE meeting SET status = 'cancelled' WHERE a_org_id = (SELECT id FROM organization WHERE code = 'g1')")
        .execute(pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO meeting (event_id, a_org_id, b_org_id, slot_id, table_id, status)
         SELECT event_id, a_org_id, b_org_id, slot_id, (SELECT id FROM meeting_table WHERE code = 'P2'), 'draft' FROM meeting WHERE status = 'cancelled'",
    )
    .execute(pool)
    .await
    .expect("the cancelled meeting no longer holds g1 and h2");
}

async fn a_meeting_needs_a_known_slot_and_table(backend: Backend) {
    let store = seeded(backend).await;
    let unknown = store
        .replace_draft_meetings(
            &event_id(),
            &[(None, meeting("g1", "h2", "am-1200", "P1", None))],
        )
        .await;
    assert!(
        matches!(unknown, Err(StoreError::NotFound { what: "slot", .. })),
        "{unknown:?}"
    );
    let direct = sqlx::query(
        "INSERT INTO meeting (event_id, a_org_id, b_org_id, slot_id, table_id, status)
         VALUES (1, (SELECT id FROM organization WHERE code = 'g1'), (SELECT id FROM organization WHERE code = 'h2'), 9999, 9999, 'draft')",
    )
    .execute(store.pool())
    .await;
    let error = direct.expect_err("foreign keys are on");
    assert!(
        error
            .as_database_error()
            .is_some_and(|e| e.is_foreign_key_violation()),
        "{error}"
    );
}

async fn requests_keep_priority_and_status(backend: Backend) {
    let store = seeded(backend).await;
    let request = MeetingRequest {
        from: OrgId::parse("g1").unwrap(),
        to: OrgId::parse("h1").unwrap(),
        priority: Priority::Mutual,
        status: RequestStatus::Accepted,
        message: Some("Kami ingin bertemu".into()),
    };
    store
        .add_requests(&event_id(), std::slice::from_ref(&request))
        .await
        .unwrap();
    let stored = store.requests(&event_id()).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].request, request);
    let to_unknown = MeetingRequest {
        to: OrgId::parse("nobody").unwrap(),
        ..request
    };
    assert!(matches!(
        store.add_requests(&event_id(), &[to_unknown]).await,
        Err(StoreError::NotFound { .. })
    ));
}

async fn delegations_keep_their_objectives(backend: Backend) {
    let store = fresh(backend).await;
    let delegation = Delegation {
        id: DelegationId::parse("lampung").unwrap(),
        name: "Lampung".into(),
        country: CountryCode::parse("ID").unwrap(),
        region: Some("Lampung".into()),
        lead: None,
        lead_name: Some("Ibu Sari".into()),
        objectives: Objectives {
            export_products: vec![TradeItem::new(
                "Lada hitam",
                vec![HsCode::parse("090411").unwrap()],
            )],
            technology_sought: vec![TradeItem::new("Irigasi tetes", vec![])],
            risks: vec!["Kemarau panjang".into()],
        },
        demo: true,
    };
    store
        .import(&event_id(), std::slice::from_ref(&delegation), &[])
        .await
        .unwrap();
    assert_eq!(
        store.delegations(&event_id()).await.unwrap(),
        vec![delegation]
    );
}

async fn meetings_publish_and_outcomes_belong_to_their_participants(backend: Backend) {
    use mitra_core::meeting::{Interest, Money, NextStep, Outcome};
    let store = seeded(backend).await;
    store
        .replace_draft_meetings(
            &event_id(),
            &[(None, meeting("g1", "h2", "am-0900", "P1", None))],
        )
        .await
        .unwrap();
    assert_eq!(store.publish_drafts(&event_id()).await.unwrap(), 1);
    let stored = store.meetings(&event_id()).await.unwrap();
    assert_eq!(stored[0].meeting.status, MeetingStatus::Published);
    // Replacing drafts keeps what is published.
    store
        .replace_draft_meetings(&event_id(), &[])
        .await
        .unwrap();
    assert_eq!(store.meetings(&event_id()).await.unwrap().len(), 1);
    store
        .set_meeting_status(&event_id(), stored[0].id, MeetingStatus::Held)
        .await
        .unwrap();
    let outcome = Outcome {
        recorded_by: OrgId::parse("g1").unwrap(),
        interest: Interest::High,
        next_step: NextStep::Samples,
        products: vec!["Robusta".into()],
        estimated_value: Some(Money::new(120_000, "USD").unwrap()),
        notes: Some("Kirim sampel 2 kg".into()),
    };
    store
        .record_outcome(&event_id(), stored[0].id, &outcome)
        .await
        .unwrap();
    assert_eq!(
        store.outcomes(&event_id()).await.unwrap(),
        vec![(stored[0].id, outcome.clone())]
    );
    let stranger = Outcome {
        recorded_by: OrgId::parse("g2").unwrap(),
        ..outcome
    };
    assert!(matches!(
        store
            .record_outcome(&event_id(), stored[0].id, &stranger)
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store
            .set_meeting_status(&event_id(), 9999, MeetingStatus::Held)
            .await,
        Err(StoreError::NotFound { .. })
    ));
}

fn mail(id: &str) -> mitra_store::NewMail {
    mitra_store::NewMail {
        message_id: id.into(),
        to_name: "Ayu".into(),
        to_address: "ayu@example.test".into(),
        subject: "Agenda".into(),
        body: "Halo".into(),
        calendar: Some("BEGIN:VCALENDAR".into()),
    }
}

async fn a_walk_in_is_refused_where_anyone_is_busy_and_its_mail_is_queued_with_it(
    backend: Backend,
) {
    let store = seeded(backend).await;
    let event = event_id();
    store
        .replace_draft_meetings(
            &event,
            &[(None, meeting("g1", "h2", "am-0900", "P1", None))],
        )
        .await
        .unwrap();
    store.publish_drafts(&event).await.unwrap();
    let mails = [mail("walk-in-1@mitra")];
    let announce = mitra_store::Announcement {
        actor: "org-1",
        now: 1_000,
        mails: &mails,
    };
    // g1 is busy at 09:00: refused, and neither the meeting, the request
    // nor the mail is written.
    let mut busy = meeting("g1", "h1", "am-0900", "H1", None);
    busy.status = MeetingStatus::Published;
    let err = store
        .book_walk_in(&event, &busy, &announce)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    assert_eq!(store.meetings(&event).await.unwrap().len(), 1);
    assert_eq!(store.requests(&event).await.unwrap().len(), 0);
    assert!(store.mail_of_event(&event).await.unwrap().is_empty());
    // At 09:20 it fits: meeting, accepted request, audit line and mail.
    let mut free = meeting("g1", "h1", "am-0920", "H1", None);
    free.status = MeetingStatus::Published;
    let id = store.book_walk_in(&event, &free, &announce).await.unwrap();
    let stored = store.meetings(&event).await.unwrap();
    assert!(stored.iter().any(|m| m.id == id && m.meeting == free));
    assert_eq!(
        store.requests(&event).await.unwrap()[0].request.status,
        RequestStatus::Accepted
    );
    let queued = store.mail_of_event(&event).await.unwrap();
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].1, None, "not sent yet");
    // The same announcement again is not a second message.
    store.enqueue_mail(&event, 1_001, &mails).await.unwrap();
    assert_eq!(store.mail_of_event(&event).await.unwrap().len(), 1);
    let log = store.audit_log(&event, 10).await.unwrap();
    assert_eq!(log[0].action, "walk-in");
    assert_eq!(log[0].actor, "org-1");
}

async fn the_mail_queue_retries_transient_failures_and_keeps_refusals(backend: Backend) {
    let store = seeded(backend).await;
    let event = event_id();
    store
        .enqueue_mail(&event, 100, &[mail("a@mitra"), mail("b@mitra")])
        .await
        .unwrap();
    let due = store.due_mail(100, 10).await.unwrap();
    assert_eq!(due.len(), 2);
    store
        .mail_failed(due[0].id, "connection refused", Some(160))
        .await
        .unwrap();
    store
        .mail_failed(due[1].id, "550 no such user", None)
        .await
        .unwrap();
    assert!(
        store.due_mail(159, 10).await.unwrap().is_empty(),
        "waits until its retry time"
    );
    let again = store.due_mail(160, 10).await.unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].attempts, 1);
    let summary = store.mail_queue(&event).await.unwrap();
    assert_eq!((summary.retrying, summary.failed, summary.sent), (1, 1, 0));
    assert_eq!(summary.last_error.as_deref(), Some("550 no such user"));
    store.mail_sent(again[0].id, 170).await.unwrap();
    let summary = store.mail_queue(&event).await.unwrap();
    assert_eq!((summary.retrying, summary.failed, summary.sent), (0, 1, 1));
    assert!(store.due_mail(10_000, 10).await.unwrap().is_empty());
}

async fn a_meeting_row_counts_its_changes_for_calendars(backend: Backend) {
    let store = seeded(backend).await;
    let event = event_id();
    store
        .replace_draft_meetings(
            &event,
            &[(None, meeting("g1", "h2", "am-0900", "P1", None))],
        )
        .await
        .unwrap();
    let id = store.meetings(&event).await.unwrap()[0].id;
    let first = store.meeting_stamps(&event).await.unwrap()[&id];
    assert_eq!(first.revision, 0);
    assert!(first.changed_at > 1_700_000_000, "stamped with the clock");
    store.publish_drafts(&event).await.unwrap();
    store
        .set_meeting_status(&event, id, MeetingStatus::Cancelled)
        .await
        .unwrap();
    assert_eq!(store.meeting_stamps(&event).await.unwrap()[&id].revision, 2);
}

async fn a_person_checks_in_once_and_the_pass_key_is_kept(backend: Backend) {
    use mitra_core::ids::PersonId;
    use mitra_core::people::{Person, Role};
    let store = seeded(backend).await;
    let event = event_id();
    let person = Person {
        id: PersonId::parse("rep-g1").unwrap(),
        name: "Ayu".into(),
        email: "ayu@example.test".into(),
        title: None,
        languages: vec![LanguageCode::parse("id").unwrap()],
        role: Role::CompanyRep(OrgId::parse("g1").unwrap()),
        demo: false,
    };
    store
        .add_people(&event, std::slice::from_ref(&person))
        .await
        .unwrap();
    assert_eq!(
        store
            .check_in(&event, &person.id, "desk", 500)
            .await
            .unwrap(),
        mitra_store::CheckIn::First(500)
    );
    assert_eq!(
        store
            .check_in(&event, &person.id, "desk", 900)
            .await
            .unwrap(),
        mitra_store::CheckIn::Again(500)
    );
    assert_eq!(store.checkins(&event).await.unwrap()[&person.id], 500);
    let nobody = PersonId::parse("rep-zz").unwrap();
    assert!(matches!(
        store.check_in(&event, &nobody, "desk", 900).await,
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(store.pass_key(&event, "first").await.unwrap(), "first");
    assert_eq!(store.pass_key(&event, "second").await.unwrap(), "first");
}

async fn codes_sort_by_code_point_on_both_backends(backend: Backend) {
    let store = fresh(backend).await;
    // A locale's collation would put "B" after "a", and "a-b" next to
    // "ab"; SQLite (and the PostgreSQL schema, COLLATE "C") sorts bytes.
    let codes = ["b", "B", "a-b", "a_b", "a.b", "aB", "ab", "a1", "A:2", "Z"];
    let orgs: Vec<Organization> = codes.iter().map(|c| org(c, Side::Guest, None)).collect();
    store.import(&event_id(), &[], &orgs).await.unwrap();
    let stored: Vec<String> = store
        .organizations(&event_id())
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.id.to_string())
        .collect();
    let mut expected: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
    expected.sort();
    assert_eq!(stored, expected);
}

#[tokio::test]
async fn sqlite_connections_keep_wal_full_sync_foreign_keys_and_the_busy_timeout() {
    let store = fresh_store(Backend::Sqlite).await;
    // Several connections at once, so that the pool opens more than one.
    let mut connections = Vec::new();
    for _ in 0..3 {
        connections.push(store.pool().acquire().await.unwrap());
    }
    for conn in &mut connections {
        let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        assert_eq!(journal, "wal");
        let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        assert_eq!(synchronous, 2, "FULL");
        let foreign_keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        assert_eq!(foreign_keys, 1);
        let busy_timeout: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        assert_eq!(busy_timeout, 10_000);
    }
}

#[tokio::test]
async fn every_form_of_a_sqlite_url_opens_the_same_file() {
    let store = fresh(Backend::Sqlite).await;
    let path = store
        .url()
        .strip_prefix("sqlite:")
        .expect("a sqlite: URL")
        .to_string();
    for url in [format!("sqlite:{path}"), format!("sqlite://{path}"), path] {
        let other = mitra_store::Store::open(&url).await.unwrap();
        assert_eq!(other.backend(), Backend::Sqlite);
        assert_eq!(
            other.event_plan(&event_id()).await.unwrap(),
            plan(),
            "{url}"
        );
        other.close().await;
    }
    // In memory: one connection, kept, so the database stays.
    let memory = mitra_store::Store::open("sqlite::memory:").await.unwrap();
    memory.create_event(&plan()).await.unwrap();
    assert_eq!(memory.event_plan(&event_id()).await.unwrap(), plan());
    assert!(matches!(
        mitra_store::Store::open("mysql://db/mitra").await,
        Err(StoreError::UnsupportedUrl(_))
    ));
}

async fn a_stale_schedule_is_refused_the_same_way_on_both(backend: Backend) {
    let store = seeded(backend).await;
    let event = event_id();
    let mut walk_in = meeting("g1", "h2", "am-0900", "P1", None);
    walk_in.status = MeetingStatus::Published;
    let none = mitra_store::Announcement {
        actor: "desk",
        now: 1_000,
        mails: &[],
    };
    store.book_walk_in(&event, &walk_in, &none).await.unwrap();
    // A proposal made before the walk-in puts g1 at another table then.
    let stale = [(None, meeting("g1", "h1", "am-0900", "H1", None))];
    let error = store
        .publish_schedule(&event, &[], &[], &stale, &none)
        .await
        .unwrap_err();
    assert!(error.is_unique_violation(), "{error:?}");
    assert_eq!(store.meetings(&event).await.unwrap().len(), 1);
    assert!(!StoreError::Conflict("x".into()).is_unique_violation());
}

/// A re-scheduling may give a kept meeting the interpreter of a meeting it
/// cancels in the same slot: the cancellation frees the interpreter first.
async fn a_kept_meeting_takes_the_interpreter_of_a_cancelled_one(backend: Backend) {
    let store = seeded(backend).await;
    let event = event_id();
    store
        .replace_draft_meetings(
            &event,
            &[
                (None, meeting("g1", "h1", "am-0900", "H1", None)),
                (None, meeting("g2", "h2", "am-0900", "P1", Some("i1"))),
            ],
        )
        .await
        .unwrap();
    assert_eq!(store.publish_drafts(&event).await.unwrap(), 2);
    let standing = store.meetings(&event).await.unwrap();
    let id_of = |a: &str| {
        standing
            .iter()
            .find(|m| m.meeting.a.as_str() == a)
            .map(|m| m.id)
            .unwrap()
    };
    let none = mitra_store::Announcement {
        actor: "organizer",
        now: 1_000,
        mails: &[],
    };
    store
        .publish_schedule(
            &event,
            &[id_of("g2")],
            &[(id_of("g1"), Some(InterpreterId::parse("i1").unwrap()))],
            &[(None, meeting("g2", "h2", "am-0920", "P1", None))],
            &none,
        )
        .await
        .unwrap();
    let after = store.meetings(&event).await.unwrap();
    let kept = after.iter().find(|m| m.id == id_of("g1")).unwrap();
    assert_eq!(
        kept.meeting.interpreter.as_ref().map(|i| i.as_str()),
        Some("i1")
    );
    let cancelled = after.iter().find(|m| m.id == id_of("g2")).unwrap();
    assert_eq!(cancelled.meeting.status, MeetingStatus::Cancelled);
    assert_eq!(after.len(), 3);
}

mitra_store::backend_tests!(
    a_kept_meeting_takes_the_interpreter_of_a_cancelled_one,
    a_stale_schedule_is_refused_the_same_way_on_both,
    codes_sort_by_code_point_on_both_backends,
    event_and_organizations_round_trip_through_a_file,
    importing_the_same_organizations_twice_changes_nothing,
    a_failing_import_leaves_nothing_behind,
    a_table_cannot_be_booked_twice_in_a_slot,
    a_person_cannot_be_in_two_meetings_in_one_slot,
    a_meeting_needs_a_known_slot_and_table,
    requests_keep_priority_and_status,
    delegations_keep_their_objectives,
    meetings_publish_and_outcomes_belong_to_their_participants,
    a_walk_in_is_refused_where_anyone_is_busy_and_its_mail_is_queued_with_it,
    the_mail_queue_retries_transient_failures_and_keeps_refusals,
    a_meeting_row_counts_its_changes_for_calendars,
    a_person_checks_in_once_and_the_pass_key_is_kept,
);
