//! An event's generation moves with every write its pages show, on both
//! backends, and with nothing else: what a page cache relies on.

use chrono::{NaiveDate, NaiveTime};
use mitra_core::codes::{CountryCode, LanguageCode};
use mitra_core::event::{Event, EventPlan, Session, Table};
use mitra_core::ids::{EventId, OrgId, SessionId, TableId};
use mitra_core::organization::{Organization, Side};
use mitra_store::testing::fresh_store;
use mitra_store::{Backend, Recommendation, Store};

fn plan(id: &str) -> EventPlan {
    let event = Event {
        id: EventId::parse(id).unwrap(),
        name: format!("Expo {id}"),
        name_zh: None,
        name_id: None,
        venue: None,
        city: None,
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

fn org(id: &str, side: Side) -> Organization {
    Organization {
        id: OrgId::parse(id).unwrap(),
        name: format!("Company {id}"),
        side,
        country: CountryCode::parse(if side == Side::Host { "CN" } else { "ID" }).unwrap(),
        region: None,
        delegation: None,
        sector: None,
        languages: vec![LanguageCode::parse("en").unwrap()],
        description: None,
        offers: vec![],
        needs: vec![],
        certifications: vec![],
        capacity: None,
        website: None,
        demo: false,
    }
}

/// The generation after `step`, checked to have moved (or not).
async fn after(store: &Store, event: &EventId, before: &mut i64, moves: bool, what: &str) {
    let now = store.event_generation(event).await.unwrap();
    if moves {
        assert!(
            now > *before,
            "{what} moves the generation ({before} → {now})"
        );
    } else {
        assert_eq!(now, *before, "{what} leaves the generation alone");
    }
    *before = now;
}

async fn every_write_a_page_shows_moves_the_generation(backend: Backend) {
    let store = fresh_store(backend).await;
    let ours = EventId::parse("expo").unwrap();
    let theirs = EventId::parse("other").unwrap();
    store.create_event(&plan("expo")).await.unwrap();
    store.create_event(&plan("other")).await.unwrap();
    let mut g = store.event_generation(&ours).await.unwrap();
    let mut other = store.event_generation(&theirs).await.unwrap();

    let orgs = [org("g1", Side::Guest), org("h1", Side::Host)];
    store.import(&ours, &[], &orgs).await.unwrap();
    after(&store, &ours, &mut g, true, "an import").await;
    let mut renamed = orgs[0].clone();
    renamed.name = "Koperasi Kopi".into();
    store.import(&ours, &[], &[renamed]).await.unwrap();
    after(&store, &ours, &mut g, true, "a profile edit").await;
    store
        .set_tables(
            &ours,
            &[Table {
                id: TableId::parse("P1").unwrap(),
                fixed_to: None,
            }],
        )
        .await
        .unwrap();
    after(&store, &ours, &mut g, true, "new tables").await;
    let now = 1_747_713_600;
    store
        .ask_meeting(
            &ours,
            &orgs[0].id,
            &orgs[1].id,
            Some("Kopi?"),
            now,
            now + 60,
        )
        .await
        .unwrap();
    after(&store, &ours, &mut g, true, "a meeting request").await;
    store
        .replace_recommendations(
            &ours,
            &[(
                orgs[0].id.clone(),
                vec![Recommendation {
                    other: orgs[1].id.clone(),
                    score: 0.5,
                    reasons: serde_json::json!([]),
                }],
            )],
        )
        .await
        .unwrap();
    after(&store, &ours, &mut g, true, "new recommendations").await;
    store.expire_requests(&ours, now + 120).await.unwrap();
    after(&store, &ours, &mut g, true, "a request lapsing").await;

    // Reading, and another event's writes, change nothing here.
    store.organizations(&ours).await.unwrap();
    store.meetings(&ours).await.unwrap();
    store.requests(&ours).await.unwrap();
    after(&store, &ours, &mut g, false, "reading").await;
    store
        .import(&theirs, &[], &[org("x1", Side::Guest)])
        .await
        .unwrap();
    after(&store, &ours, &mut g, false, "another event's import").await;
    after(&store, &theirs, &mut other, true, "that event's import").await;
    assert!(
        store
            .event_generation(&EventId::parse("nowhere").unwrap())
            .await
            .is_err()
    );
}

mitra_store::backend_tests!(every_write_a_page_shows_moves_the_generation);
