//! The store on real SQLite files: round trips, all-or-nothing imports, and
//! the schema refusing double bookings even when SQL goes around the store.

use chrono::{NaiveDate, NaiveTime};
use mitra_core::codes::{CountryCode, LanguageCode};
use mitra_core::event::{Event, EventPlan, Interpreter, Session, Table};
use mitra_core::ids::{DelegationId, EventId, InterpreterId, OrgId, SessionId, SlotId, TableId};
use mitra_core::meeting::{Meeting, MeetingRequest, MeetingStatus, Priority, RequestStatus};
use mitra_core::organization::{Delegation, Objectives, Organization, Side, TradeItem};
use mitra_hs::HsCode;
use mitra_store::{Store, StoreError};

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

async fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&format!("sqlite:{}", dir.path().join("t.db").display()))
        .await
        .unwrap();
    store.create_event(&plan()).await.unwrap();
    (dir, store)
}

async fn seeded() -> (tempfile::TempDir, Store) {
    let (dir, store) = fresh().await;
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
    (dir, store)
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

#[tokio::test]
async fn event_and_organizations_round_trip_through_a_file() {
    let (dir, store) = seeded().await;
    store.close().await;
    // Reopen the file: what was committed is there.
    let store = Store::open(&dir.path().join("t.db").display().to_string())
        .await
        .unwrap();
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

#[tokio::test]
async fn importing_the_same_organizations_twice_changes_nothing() {
    let (_dir, store) = seeded().await;
    let before = store.organizations(&event_id()).await.unwrap();
    let summary = store.import(&event_id(), &[], &before).await.unwrap();
    assert_eq!(summary.organizations_added, 0);
    assert_eq!(summary.organizations_updated, 4);
    assert_eq!(store.organizations(&event_id()).await.unwrap(), before);
}

#[tokio::test]
async fn a_failing_import_leaves_nothing_behind() {
    let (_dir, store) = seeded().await;
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

#[tokio::test]
async fn a_table_cannot_be_booked_twice_in_a_slot() {
    let (_dir, store) = seeded().await;
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
    let pool = store.sqlite_pool();
    let direct = sqlx::query(
        "INSERT INTO meeting (event_id, a_org_id, b_org_id, slot_id, table_id, status)
         SELECT m.event_id, (SELECT id FROM organization WHERE code = 'g2'), (SELECT id FROM organization WHERE code = 'h1'), m.slot_id, m.table_id, 'published'
         FROM meeting m LIMIT 1",
    )
    .execute(pool)
    .await;
    let error = direct.expect_err("the unique index must refuse a second meeting at the table");
    assert!(error.to_string().contains("UNIQUE"), "{error}");
}

#[tokio::test]
async fn a_person_cannot_be_in_two_meetings_in_one_slot() {
    let (_dir, store) = seeded().await;
    store
        .replace_draft_meetings(
            &event_id(),
            &[(None, meeting("g1", "h2", "am-0900", "P1", Some("i1")))],
        )
        .await
        .unwrap();
    let pool = store.sqlite_pool();
    // g1 again in the same slot, at another table: refused.
    let direct = sqlx::query(
        "INSERT INTO meeting (event_id, a_org_id, b_org_id, slot_id, table_id, status)
         SELECT m.event_id, m.a_org_id, (SELECT id FROM organization WHERE code = 'h1'), m.slot_id,
                (SELECT id FROM meeting_table WHERE code = 'P2'), 'draft'
         FROM meeting m LIMIT 1",
    )
    .execute(pool)
    .await;
    assert!(
        direct
            .expect_err("g1 is already busy")
            .to_string()
            .contains("UNIQUE")
    );
    // The interpreter is a person too.
    let direct = sqlx::query(
        "INSERT INTO meeting (event_id, a_org_id, b_org_id, slot_id, table_id, interpreter_id, status)
         SELECT m.event_id, (SELECT id FROM organization WHERE code = 'g2'), (SELECT id FROM organization WHERE code = 'h1'), m.slot_id,
                (SELECT id FROM meeting_table WHERE code = 'P2'), m.interpreter_id, 'draft'
         FROM meeting m LIMIT 1",
    )
    .execute(pool)
    .await;
    assert!(
        direct
            .expect_err("i1 is already busy")
            .to_string()
            .contains("UNIQUE")
    );
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
    assert!(
        moved
            .expect_err("h2 is busy at 09:00")
            .to_string()
            .contains("UNIQUE")
    );
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

#[tokio::test]
async fn a_meeting_needs_a_known_slot_and_table() {
    let (_dir, store) = seeded().await;
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
    .execute(store.sqlite_pool())
    .await;
    assert!(
        direct
            .expect_err("foreign keys are on")
            .to_string()
            .contains("FOREIGN KEY")
    );
}

#[tokio::test]
async fn requests_keep_priority_and_status() {
    let (_dir, store) = seeded().await;
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

#[tokio::test]
async fn delegations_keep_their_objectives() {
    let (_dir, store) = fresh().await;
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

#[tokio::test]
async fn meetings_publish_and_outcomes_belong_to_their_participants() {
    use mitra_core::meeting::{Interest, Money, NextStep, Outcome};
    let (_dir, store) = seeded().await;
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
