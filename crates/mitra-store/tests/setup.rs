//! Event setup edits and registrations on both backends: edits keep
//! the rows that stay, a change that would lose a meeting writes nothing,
//! and an approval writes everything or nothing.

use chrono::{NaiveDate, NaiveTime};
use mitra_core::codes::{CountryCode, LanguageCode};
use mitra_core::event::{Event, EventPlan, Interpreter, Session, Table};
use mitra_core::ids::{
    DelegationId, EventId, InterpreterId, OrgId, PersonId, SessionId, SlotId, TableId,
};
use mitra_core::meeting::{Meeting, MeetingStatus};
use mitra_core::organization::{Delegation, Objectives, Organization, Side, TradeItem};
use mitra_core::people::{Person, Role};
use mitra_hs::HsCode;
use mitra_store::testing::{TestStore, fresh_store};
use mitra_store::{Backend, NewMail, Store, StoreError};

fn event_id() -> EventId {
    EventId::parse("expo").unwrap()
}

fn session(id: &str, hour: u32, minute: u32, slots: u32) -> Session {
    Session {
        id: SessionId::parse(id).unwrap(),
        name: id.into(),
        date: NaiveDate::from_ymd_opt(2025, 5, 27).unwrap(),
        start: NaiveTime::from_hms_opt(hour, minute, 0).unwrap(),
        slot_count: slots,
    }
}

fn plan(name: &str, minutes: u32, sessions: Vec<Session>) -> EventPlan {
    let event = Event {
        id: event_id(),
        name: name.into(),
        name_zh: None,
        name_id: None,
        venue: None,
        city: None,
        time_zone: chrono_tz::Asia::Shanghai,
        slot_minutes: minutes,
        demo: false,
    };
    EventPlan::new(event, sessions).unwrap()
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
        offers: Vec::new(),
        needs: Vec::new(),
        certifications: Vec::new(),
        capacity: None,
        website: None,
        demo: false,
    }
}

fn table(id: &str, fixed: Option<&str>) -> Table {
    Table {
        id: TableId::parse(id).unwrap(),
        fixed_to: fixed.map(|o| OrgId::parse(o).unwrap()),
    }
}

fn interpreter(id: &str, unavailable: &[&str]) -> Interpreter {
    Interpreter {
        id: InterpreterId::parse(id).unwrap(),
        name: format!("Interpreter {id}"),
        email: None,
        languages: vec![
            LanguageCode::parse("id").unwrap(),
            LanguageCode::parse("zh").unwrap(),
        ],
        unavailable: unavailable
            .iter()
            .map(|s| SlotId::parse(s).unwrap())
            .collect(),
        demo: false,
    }
}

/// An event with a morning of three slots, two tables, an interpreter,
/// two companies and one published meeting at am-0920, table T1, with
/// the interpreter.
async fn seeded(backend: Backend) -> TestStore {
    let store = fresh_store(backend).await;
    let event = event_id();
    store
        .create_event(&plan("Expo", 20, vec![session("am", 9, 0, 3)]))
        .await
        .unwrap();
    let delegation = Delegation {
        id: DelegationId::parse("lampung").unwrap(),
        name: "Lampung".into(),
        country: CountryCode::parse("ID").unwrap(),
        region: None,
        lead: None,
        lead_name: None,
        objectives: Objectives::default(),
        demo: false,
    };
    store
        .import(
            &event,
            &[delegation],
            &[org("g", Side::Guest), org("h", Side::Host)],
        )
        .await
        .unwrap();
    store
        .set_tables(&event, &[table("T1", None), table("T2", Some("h"))])
        .await
        .unwrap();
    store
        .set_interpreters(&event, &[interpreter("i1", &[])])
        .await
        .unwrap();
    let meeting = Meeting {
        a: OrgId::parse("g").unwrap(),
        b: OrgId::parse("h").unwrap(),
        slot: SlotId::parse("am-0920").unwrap(),
        table: TableId::parse("T1").unwrap(),
        interpreter: Some(InterpreterId::parse("i1").unwrap()),
        status: MeetingStatus::Draft,
    };
    store
        .replace_draft_meetings(&event, &[(None, meeting)])
        .await
        .unwrap();
    store.publish_drafts(&event).await.unwrap();
    store
        .add_people(
            &event,
            &[Person {
                id: PersonId::parse("boss").unwrap(),
                name: "Organizer".into(),
                email: "boss@example.org".into(),
                title: None,
                languages: Vec::new(),
                role: Role::Organizer,
                demo: false,
            }],
        )
        .await
        .unwrap();
    store
}

async fn slot_rows(store: &Store) -> Vec<(String, i64)> {
    sqlx::query_as("SELECT code, id FROM slot ORDER BY code")
        .fetch_all(store.pool())
        .await
        .unwrap()
}

async fn setup_edits_keep_the_rows_that_stay(backend: Backend) {
    let store = seeded(backend).await;
    let event = event_id();
    let before = slot_rows(&store).await;
    let meetings = store.meetings(&event).await.unwrap();
    // The morning starts 20 minutes earlier and runs one slot longer; an
    // afternoon comes after a break; one more table; a second interpreter,
    // the first one unavailable in the new first slot.
    let new = plan(
        "Expo 2025",
        20,
        vec![session("am", 8, 40, 4), session("pm", 14, 0, 2)],
    );
    let tables = [table("T1", None), table("T2", Some("h")), table("T3", None)];
    let interpreters = [
        interpreter("i1", &["am-0840"]),
        interpreter("i2", &["pm-1400"]),
    ];
    let blocking = store
        .save_event_setup(&new, &tables, &interpreters)
        .await
        .unwrap();
    assert!(blocking.is_empty());
    assert_eq!(store.event_plan(&event).await.unwrap(), new);
    assert_eq!(store.tables(&event).await.unwrap(), tables);
    assert_eq!(store.interpreters(&event).await.unwrap(), interpreters);
    let after = slot_rows(&store).await;
    for (code, id) in &before {
        assert!(
            after.contains(&(code.clone(), *id)),
            "slot {code} kept its row"
        );
    }
    assert_eq!(after.len(), 6);
    assert_eq!(
        store.meetings(&event).await.unwrap(),
        meetings,
        "the meeting stays"
    );

    // Dropping what no meeting uses is fine: a slot, a table, an
    // interpreter, a whole session; a table's host can change.
    let smaller = plan("Expo 2025", 20, vec![session("am", 9, 0, 2)]);
    let blocking = store
        .save_event_setup(
            &smaller,
            &[table("T1", Some("h"))],
            &[interpreter("i1", &[])],
        )
        .await
        .unwrap();
    assert!(blocking.is_empty());
    assert_eq!(store.event_plan(&event).await.unwrap(), smaller);
    assert_eq!(
        store.tables(&event).await.unwrap(),
        [table("T1", Some("h"))]
    );
    assert_eq!(store.interpreters(&event).await.unwrap().len(), 1);
    assert_eq!(store.meetings(&event).await.unwrap(), meetings);
}

async fn a_change_that_would_lose_a_meeting_writes_nothing(backend: Backend) {
    let store = seeded(backend).await;
    let event = event_id();
    let plan_before = store.event_plan(&event).await.unwrap();
    let tables_before = store.tables(&event).await.unwrap();
    let interpreters_before = store.interpreters(&event).await.unwrap();
    let slots_before = slot_rows(&store).await;
    let meetings = store.meetings(&event).await.unwrap();
    let tables = [table("T1", None), table("T2", Some("h"))];
    let interpreters = [interpreter("i1", &[])];
    // Each removal alone, with a rename and a new table that must not
    // stick: the 09:20 slot (the slot length changes), the table, the
    // interpreter, the whole session; and the interpreter unavailable
    // when they interpret.
    let attempts = [
        (
            plan("Renamed", 30, vec![session("am", 9, 0, 3)]),
            vec![table("T1", None), table("T2", Some("h")), table("T9", None)],
            interpreters.to_vec(),
        ),
        (
            plan("Renamed", 20, vec![session("am", 9, 0, 3)]),
            vec![table("T2", Some("h")), table("T9", None)],
            interpreters.to_vec(),
        ),
        (
            plan("Renamed", 20, vec![session("am", 9, 0, 3)]),
            tables.to_vec(),
            Vec::new(),
        ),
        (
            plan("Renamed", 20, vec![session("pm", 14, 0, 3)]),
            tables.to_vec(),
            interpreters.to_vec(),
        ),
        (
            plan("Renamed", 20, vec![session("am", 9, 0, 3)]),
            tables.to_vec(),
            vec![interpreter("i1", &["am-0920"])],
        ),
    ];
    for (new, tables, interpreters) in &attempts {
        let blocking = store
            .save_event_setup(new, tables, interpreters)
            .await
            .unwrap();
        assert_eq!(blocking, meetings, "{new:?}");
        assert_eq!(store.event_plan(&event).await.unwrap(), plan_before);
        assert_eq!(store.tables(&event).await.unwrap(), tables_before);
        assert_eq!(
            store.interpreters(&event).await.unwrap(),
            interpreters_before
        );
        assert_eq!(slot_rows(&store).await, slots_before);
        assert_eq!(store.meetings(&event).await.unwrap(), meetings);
    }
    // A cancelled meeting holds nothing.
    store
        .set_meeting_status(&event, meetings[0].id, MeetingStatus::Cancelled)
        .await
        .unwrap();
    let (new, tables, interpreters) = &attempts[3];
    assert!(
        store
            .save_event_setup(new, tables, interpreters)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.event_plan(&event).await.unwrap(), *new);
}

fn registration(name: &str, email: &str) -> (Organization, Person) {
    let mut company = org("pending", Side::Guest);
    company.name = name.into();
    company.delegation = Some(DelegationId::parse("lampung").unwrap());
    company.offers = vec![TradeItem::new(
        "Robusta",
        vec![HsCode::parse("0901").unwrap()],
    )];
    let rep = Person {
        id: PersonId::parse("pending-rep").unwrap(),
        name: "Sari".into(),
        email: email.into(),
        title: None,
        languages: vec![LanguageCode::parse("id").unwrap()],
        role: Role::CompanyRep(company.id.clone()),
        demo: false,
    };
    (company, rep)
}

fn mail(to: &str, id: &str) -> NewMail {
    NewMail {
        message_id: id.into(),
        to_name: "Sari".into(),
        to_address: to.into(),
        subject: "Approved".into(),
        body: "Sign in: /invite/…".into(),
        calendar: None,
    }
}

fn hash(n: u8) -> String {
    format!("{n:02x}").repeat(32)
}

async fn registrations_wait_and_approval_writes_everything_or_nothing(backend: Backend) {
    let store = seeded(backend).await;
    let event = event_id();
    let boss = PersonId::parse("boss").unwrap();
    let orgs = store.organizations(&event).await.unwrap();
    let (company, rep) = registration("PT Kopi Jaya", "sari@kopi.example");
    let id = store
        .submit_registration(&event, &company, &rep, 100)
        .await
        .unwrap();
    // Pending: stored as typed, no organization.
    let pending = store.registrations(&event, "pending").await.unwrap();
    assert_eq!(pending, [(id, 100, company.clone(), rep.clone())]);
    assert_eq!(store.organizations(&event).await.unwrap(), orgs);
    // A name or address taken in the event is refused, nothing stored.
    for (name, email) in [
        ("pt kopi jaya", "other@kopi.example"),
        ("Other", "SARI@kopi.example"),
        ("Company g", "other@kopi.example"),
        ("Other", "boss@example.org"),
    ] {
        let (c, r) = registration(name, email);
        assert!(matches!(
            store.submit_registration(&event, &c, &r, 101).await,
            Err(StoreError::Conflict(_))
        ));
    }
    assert_eq!(
        store.registrations(&event, "pending").await.unwrap().len(),
        1
    );

    // An approval that fails at its last step (its invitation token is
    // taken) writes nothing.
    let (other, other_rep) = registration("CV Lada", "budi@lada.example");
    let second = store
        .submit_registration(&event, &other, &other_rep, 102)
        .await
        .unwrap();
    store
        .approve_registration(
            &event,
            second,
            &boss,
            103,
            (&hash(1), 1000),
            &mail("budi@lada.example", "m1"),
        )
        .await
        .unwrap();
    let people = store.people(&event).await.unwrap();
    let failed = store
        .approve_registration(
            &event,
            id,
            &boss,
            104,
            (&hash(1), 1000),
            &mail("sari@kopi.example", "m2"),
        )
        .await;
    assert!(failed.is_err());
    assert_eq!(store.registration(&event, id).await.unwrap().0, "pending");
    assert_eq!(
        store.organizations(&event).await.unwrap().len(),
        orgs.len() + 1
    );
    assert_eq!(store.people(&event).await.unwrap(), people);
    assert_eq!(store.mail_of_event(&event).await.unwrap().len(), 1);

    // Approved: the organization, its representative, the invitation and
    // the mail, at once.
    let (org, person) = store
        .approve_registration(
            &event,
            id,
            &boss,
            105,
            (&hash(2), 1000),
            &mail("sari@kopi.example", "m3"),
        )
        .await
        .unwrap();
    assert_eq!(org.as_str(), "pt-kopi-jaya");
    assert_eq!(person.as_str(), "rep-pt-kopi-jaya");
    let made = store
        .organizations(&event)
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.id == org)
        .unwrap();
    assert_eq!(made.name, "PT Kopi Jaya");
    assert_eq!(made.delegation, company.delegation);
    assert_eq!(made.offers, company.offers);
    let rep_row = store
        .people(&event)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.id == person)
        .unwrap();
    assert_eq!(rep_row.role, Role::CompanyRep(org.clone()));
    assert_eq!(rep_row.email, "sari@kopi.example");
    let invited: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM invitation i JOIN person p ON p.id = i.person_id WHERE p.code = $1",
    )
    .bind(person.as_str())
    .fetch_one(store.pool())
    .await
    .unwrap();
    assert_eq!(invited, 1);
    let mails = store.mail_of_event(&event).await.unwrap();
    assert_eq!(mails.len(), 2);
    assert_eq!(mails[1].0.to_address, "sari@kopi.example");
    assert_eq!(
        store.registration_decision(&event, id).await.unwrap(),
        Some((Some(boss.clone()), 105))
    );
    assert!(
        store
            .registrations(&event, "pending")
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store.registrations(&event, "approved").await.unwrap().len(),
        2
    );

    // Decided once: neither approved again nor rejected.
    assert!(matches!(
        store
            .approve_registration(
                &event,
                id,
                &boss,
                106,
                (&hash(3), 1000),
                &mail("x@y.example", "m4")
            )
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store.reject_registration(&event, id, &boss, 106).await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store.reject_registration(&event, 999, &boss, 106).await,
        Err(StoreError::NotFound { .. })
    ));

    // A second company of the same name gets the next free code.
    let (again, again_rep) = registration("PT  Kopi Jaya!", "dewi@kopi.example");
    let third = store
        .submit_registration(&event, &again, &again_rep, 107)
        .await
        .unwrap();
    let (org, _) = store
        .approve_registration(
            &event,
            third,
            &boss,
            108,
            (&hash(4), 1000),
            &mail("dewi@kopi.example", "m5"),
        )
        .await
        .unwrap();
    assert_eq!(org.as_str(), "pt-kopi-jaya-2");
}

async fn a_rejection_records_the_decision_only(backend: Backend) {
    let store = seeded(backend).await;
    let event = event_id();
    let boss = PersonId::parse("boss").unwrap();
    let orgs = store.organizations(&event).await.unwrap();
    let people = store.people(&event).await.unwrap();
    let (company, rep) = registration("CV Lada", "budi@lada.example");
    let id = store
        .submit_registration(&event, &company, &rep, 100)
        .await
        .unwrap();
    store
        .reject_registration(&event, id, &boss, 110)
        .await
        .unwrap();
    assert_eq!(store.registration(&event, id).await.unwrap().0, "rejected");
    assert_eq!(
        store.registration_decision(&event, id).await.unwrap(),
        Some((Some(boss), 110))
    );
    assert_eq!(store.organizations(&event).await.unwrap(), orgs);
    assert_eq!(store.people(&event).await.unwrap(), people);
    assert!(store.mail_of_event(&event).await.unwrap().is_empty());
    // The company may try again.
    assert!(
        store
            .submit_registration(&event, &company, &rep, 120)
            .await
            .is_ok()
    );
}

mitra_store::backend_tests!(
    setup_edits_keep_the_rows_that_stay,
    a_change_that_would_lose_a_meeting_writes_nothing,
    registrations_wait_and_approval_writes_everything_or_nothing,
    a_rejection_records_the_decision_only,
);
