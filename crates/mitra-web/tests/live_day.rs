//! The live day as one chain on a small event of its own, through the real
//! pages: the organizer publishes, the desk checks people in by badge
//! (refusing forged codes and other events' badges), a no-show is marked,
//! a walk-in is booked in a freed slot, the rest of the day is
//! re-scheduled — and everyone affected is told by e-mail, which a real
//! SMTP server process receives. The calendar feed shows the moves and
//! cancellations as a calendar client would.

mod common;

use axum::http::StatusCode;
use chrono::{NaiveDate, NaiveTime};
use common::smtp::{SmtpSink, smtp_config};
use common::{Backend, Client};
use mitra_core::codes::{CountryCode, LanguageCode};
use mitra_core::event::{Event, EventPlan, Interpreter, Session, Table};
use mitra_core::ids::{EventId, InterpreterId, OrgId, PersonId, SessionId, TableId};
use mitra_core::meeting::{MeetingRequest, MeetingStatus, Priority, RequestStatus};
use mitra_core::organization::{Organization, Side};
use mitra_core::people::{Person, Role};
use mitra_store::Store;
use mitra_store::testing::{TestDatabase, TestStore, fresh_store};
use std::time::Duration;

const EVENT: &str = "chain-2025";

fn event() -> EventId {
    EventId::parse(EVENT).unwrap()
}

fn langs(codes: &[&str]) -> Vec<LanguageCode> {
    codes
        .iter()
        .map(|c| LanguageCode::parse(c).unwrap())
        .collect()
}

fn org(id: &str, name: &str, side: Side, country: &str, languages: &[&str]) -> Organization {
    Organization {
        id: OrgId::parse(id).unwrap(),
        name: name.into(),
        side,
        country: CountryCode::parse(country).unwrap(),
        region: None,
        delegation: None,
        sector: None,
        languages: langs(languages),
        description: None,
        offers: vec![],
        needs: vec![],
        certifications: vec![],
        capacity: None,
        website: None,
        demo: false,
    }
}

fn person(id: &str, name: &str, languages: &[&str], role: Role) -> Person {
    Person {
        id: PersonId::parse(id).unwrap(),
        name: name.into(),
        email: format!("{id}@example.test"),
        title: None,
        languages: langs(languages),
        role,
        demo: false,
    }
}

fn request(from: &str, to: &str, priority: Priority) -> MeetingRequest {
    MeetingRequest {
        from: OrgId::parse(from).unwrap(),
        to: OrgId::parse(to).unwrap(),
        priority,
        status: RequestStatus::Accepted,
        message: None,
    }
}

/// Two guests from Lampung, two hosts from Shandong, one interpreter,
/// one morning of four 20-minute slots on 27 May 2025, in a fresh
/// database on `backend` (removed when the returned guard goes).
async fn small_event(backend: Backend) -> (TestDatabase, Store) {
    small_event_with(
        backend,
        &[
            request("g1", "h1", Priority::Mutual),
            request("g1", "h2", Priority::Accepted),
            request("g2", "h2", Priority::Mutual),
        ],
    )
    .await
}

/// [`small_event`] with these requests instead of its own.
async fn small_event_with(backend: Backend, requests: &[MeetingRequest]) -> (TestDatabase, Store) {
    let TestStore { store, database } = fresh_store(backend).await;
    let plan = EventPlan::new(
        Event {
            id: event(),
            name: "Jinan matchmaking".into(),
            name_zh: None,
            name_id: None,
            venue: Some("Jinan Expo Centre".into()),
            city: Some("Jinan".into()),
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
    let orgs = vec![
        org("g1", "Kopi Lampung", Side::Guest, "ID", &["id"]),
        org("g2", "Lada Nusantara", Side::Guest, "ID", &["id", "en"]),
        org("h1", "Jinan Agritech", Side::Host, "CN", &["zh"]),
        org("h2", "Qilu Irrigation", Side::Host, "CN", &["zh", "en"]),
    ];
    store.import(&event(), &[], &orgs).await.unwrap();
    store
        .set_tables(
            &event(),
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
        .set_interpreters(&event(), &[wulan(vec![])])
        .await
        .unwrap();
    let org_id = |s: &str| OrgId::parse(s).unwrap();
    store
        .add_people(
            &event(),
            &[
                person("boss", "Organizer", &["en"], Role::Organizer),
                person("rep-g1", "Ayu", &["id"], Role::CompanyRep(org_id("g1"))),
                person(
                    "rep-g2",
                    "Budi",
                    &["id", "en"],
                    Role::CompanyRep(org_id("g2")),
                ),
                person("rep-h1", "Li Wei", &["zh"], Role::CompanyRep(org_id("h1"))),
                person(
                    "rep-h2",
                    "Zhang Min",
                    &["zh"],
                    Role::CompanyRep(org_id("h2")),
                ),
                person(
                    "interp-1",
                    "Wulan",
                    &["id", "zh"],
                    Role::Interpreter(InterpreterId::parse("i1").unwrap()),
                ),
            ],
        )
        .await
        .unwrap();
    store.add_requests(&event(), requests).await.unwrap();
    (database, store)
}

async fn signed_in(store: &Store, person: &str) -> Client {
    let mut client = Client::new(mitra_web::router(store.clone()));
    let invitation = mitra_web::auth::create_invitation(
        store,
        &event(),
        &PersonId::parse(person).unwrap(),
        Duration::from_secs(3600),
    )
    .await
    .unwrap();
    let answer = client.sign_in_by(&invitation).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    client
}

/// The standing meeting of a pair, if any.
async fn meeting_of(store: &Store, a: &str, b: &str) -> Option<mitra_store::StoredMeeting> {
    store
        .meetings(&event())
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.meeting.status != MeetingStatus::Cancelled)
        .find(|m| {
            let (x, y) = (m.meeting.a.as_str(), m.meeting.b.as_str());
            (x == a && y == b) || (x == b && y == a)
        })
}

async fn queued_to(store: &Store, address: &str) -> Vec<mitra_store::NewMail> {
    store
        .mail_of_event(&event())
        .await
        .unwrap()
        .into_iter()
        .map(|(m, _)| m)
        .filter(|m| m.to_address == address)
        .collect()
}

async fn check_in_no_show_walk_in_and_rescheduling_tell_everyone_affected(backend: Backend) {
    let (_dir, store) = small_event(backend).await;
    let mut boss = signed_in(&store, "boss").await;

    // Publish: everyone with meetings gets their agenda, in their language.
    let csrf = boss.csrf().await;
    let run = boss.post("/organizer/schedule", &[("csrf", &csrf)]).await;
    assert_eq!(run.status, StatusCode::SEE_OTHER, "{}", run.body);
    let published = boss.post("/organizer/publish", &[("csrf", &csrf)]).await;
    assert_eq!(
        published.location.as_deref(),
        Some("/organizer?done=published")
    );
    let g1_h2 = meeting_of(&store, "g1", "h2").await.expect("g1 meets h2");
    let g2_h2 = meeting_of(&store, "g2", "h2").await.expect("g2 meets h2");
    assert!(meeting_of(&store, "g1", "h1").await.is_some());
    let to_ayu = queued_to(&store, "rep-g1@example.test").await;
    assert_eq!(to_ayu.len(), 1);
    assert!(
        to_ayu[0].subject.contains("Jadwal pertemuan Anda"),
        "{}",
        to_ayu[0].subject
    );
    assert!(to_ayu[0].body.contains("Qilu Irrigation"));
    let to_li = queued_to(&store, "rep-h1@example.test").await;
    assert!(
        to_li[0].subject.contains("洽谈安排"),
        "{}",
        to_li[0].subject
    );
    // Kopi Lampung (Indonesian) and Jinan Agritech (Chinese) need the
    // interpreter, who is told too.
    assert_eq!(queued_to(&store, "interp-1@example.test").await.len(), 1);

    // The desk: genuine badges check in once; forged and foreign ones are
    // refused and logged.
    let secret = mitra_web::services::passes::event_secret(&store, &event())
        .await
        .unwrap();
    let badge = |who: &str| {
        mitra_web::services::passes::badge_code(&secret, &event(), &PersonId::parse(who).unwrap())
    };
    let desk = boss.get("/organizer/checkin").await;
    assert_eq!(desk.status, StatusCode::OK, "{}", desk.body);
    for who in ["rep-g1", "rep-g2", "rep-h1"] {
        let scan = boss
            .post(
                "/organizer/checkin",
                &[("csrf", &csrf), ("code", &badge(who))],
            )
            .await;
        assert!(scan.body.contains("checkin-result"), "{}", scan.body);
        assert!(scan.body.contains("checked in"), "{}", scan.body);
    }
    let again = boss
        .post(
            "/organizer/checkin",
            &[("csrf", &csrf), ("code", &badge("rep-g1"))],
        )
        .await;
    assert!(again.body.contains("already checked in"), "{}", again.body);
    let forged = badge("rep-h2").replace("rep-h2", "rep-h1");
    let refused = boss
        .post("/organizer/checkin", &[("csrf", &csrf), ("code", &forged)])
        .await;
    assert!(refused.body.contains("not genuine"), "{}", refused.body);
    let foreign = badge("rep-h2").replace(EVENT, "other-2025");
    let refused = boss
        .post("/organizer/checkin", &[("csrf", &csrf), ("code", &foreign)])
        .await;
    assert!(refused.body.contains("another event"), "{}", refused.body);
    let checked = store.checkins(&event()).await.unwrap();
    assert_eq!(checked.len(), 3);
    assert!(!checked.contains_key(&PersonId::parse("rep-h2").unwrap()));
    let refusals = store
        .audit_log(&event(), 50)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "badge-refused")
        .count();
    assert_eq!(refusals, 2);

    // A company cannot mark a present partner absent.
    let mut ayu = signed_in(&store, "rep-g1").await;
    let ayu_csrf = ayu.csrf().await;
    let g1_h1 = meeting_of(&store, "g1", "h1").await.unwrap();
    let refused = ayu
        .post(
            &format!("/company/meetings/{}/no-show", g1_h1.id),
            &[("csrf", &ayu_csrf)],
        )
        .await;
    assert_eq!(
        refused.location.as_deref(),
        Some("/company?done=both-present")
    );
    // Nor someone else's meeting.
    let other = ayu
        .post(
            &format!("/company/meetings/{}/no-show", g2_h2.id),
            &[("csrf", &ayu_csrf)],
        )
        .await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);

    // Qilu Irrigation never came: Budi marks his meeting with them.
    let mut budi = signed_in(&store, "rep-g2").await;
    let budi_csrf = budi.csrf().await;
    let marked = budi
        .post(
            &format!("/company/meetings/{}/no-show", g2_h2.id),
            &[("csrf", &budi_csrf)],
        )
        .await;
    assert_eq!(marked.location.as_deref(), Some("/company?done=no-show"));
    let now_status = store
        .meetings(&event())
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.id == g2_h2.id)
        .unwrap()
        .meeting
        .status;
    assert_eq!(now_status, MeetingStatus::NoShow);
    assert_eq!(
        queued_to(&store, "rep-g2@example.test").await.len(),
        2,
        "published + no-show"
    );

    // A walk-in: Budi, now free, meets Jinan Agritech at its own table.
    let walk = boss
        .post(
            "/organizer/walk-in",
            &[
                ("csrf", &csrf),
                ("guest", "g2"),
                ("host", "h1"),
                ("slot", "am-0900"),
            ],
        )
        .await;
    assert!(
        walk.location
            .as_deref()
            .is_some_and(|l| l.ends_with("done=walk-in")),
        "{:?} {}",
        walk.location,
        walk.body
    );
    let walk_in = meeting_of(&store, "g2", "h1")
        .await
        .expect("the walk-in stands");
    assert_eq!(walk_in.meeting.table.as_str(), "H1");
    // Indonesian/English and Chinese: the Indonesian–Chinese interpreter.
    assert_eq!(
        walk_in.meeting.interpreter.as_ref().map(|i| i.as_str()),
        Some("i1")
    );
    assert_eq!(
        queued_to(&store, "rep-h1@example.test").await.len(),
        2,
        "published + walk-in"
    );
    // A walk-in with two guests is refused with a notice, nothing booked.
    let pair = boss
        .post(
            "/organizer/walk-in",
            &[
                ("csrf", &csrf),
                ("guest", "g1"),
                ("host", "g2"),
                ("slot", "am-0900"),
            ],
        )
        .await;
    assert!(
        pair.location
            .as_deref()
            .is_some_and(|l| l.ends_with("done=not-a-pair"))
    );

    // Calendar before the re-scheduling: Ayu's feed has her meeting with
    // Qilu Irrigation confirmed.
    let feed_path = mitra_web::services::passes::feed_path(
        &secret,
        &event(),
        &PersonId::parse("rep-g1").unwrap(),
    );
    let mut anyone = Client::new(mitra_web::router(store.clone()));
    let before = anyone.get(&feed_path).await;
    assert_eq!(before.status, StatusCode::OK);
    let uid = format!("UID:{EVENT}.g1.h2@mitra");
    let entry_before = vevent(&before.body, &uid);
    assert!(entry_before.contains("STATUS:CONFIRMED"), "{entry_before}");
    // A wrong signature is a plain 404.
    let wrong = anyone.get(&feed_path.replace(".ics", "0.ics")).await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);

    // Re-schedule the rest of the day: Qilu Irrigation is absent (a
    // no-show, nobody checked in), so Ayu's meeting with them goes; the
    // others stay where they are.
    let g1_h1_before = meeting_of(&store, "g1", "h1").await.unwrap();
    let missed_before = meeting_of(&store, "g2", "h2").await.unwrap();
    assert_eq!(missed_before.meeting.status, MeetingStatus::NoShow);
    let done = boss
        .post(
            "/organizer/reschedule",
            &[("csrf", &csrf), ("slot", "am-0900")],
        )
        .await;
    assert!(
        done.location
            .as_deref()
            .is_some_and(|l| l.ends_with("done=rescheduled")),
        "{:?} {}",
        done.location,
        done.body
    );
    assert!(
        meeting_of(&store, "g1", "h2").await.is_none(),
        "the absent host's meeting is cancelled"
    );
    let g1_h1_after = meeting_of(&store, "g1", "h1").await.unwrap();
    assert_eq!(g1_h1_after.id, g1_h1_before.id, "kept where it was");
    assert_eq!(g1_h1_after.meeting, g1_h1_before.meeting);
    assert_eq!(
        meeting_of(&store, "g2", "h2").await.unwrap(),
        missed_before,
        "a missed meeting is history: it stays, in its slot at its table"
    );
    assert!(
        meeting_of(&store, "g2", "h1").await.is_some(),
        "the walk-in stays"
    );
    let changed = queued_to(&store, "rep-g1@example.test").await;
    assert_eq!(changed.len(), 2, "published + the cancellation");
    assert!(
        changed[1].subject.contains("Agenda Anda berubah"),
        "{}",
        changed[1].subject
    );
    assert!(
        !changed[1].body.contains("Qilu Irrigation"),
        "{}",
        changed[1].body
    );
    let ics = changed[1].calendar.as_deref().unwrap();
    assert!(vevent(ics, &uid).contains("STATUS:CANCELLED"));
    // Li Wei's agenda did not change: no mail about it.
    assert_eq!(queued_to(&store, "rep-h1@example.test").await.len(), 2);

    // The feed as a calendar client sees it: the same UID, now cancelled,
    // with a higher SEQUENCE.
    let after = anyone.get(&feed_path).await;
    let entry_after = vevent(&after.body, &uid);
    assert!(entry_after.contains("STATUS:CANCELLED"), "{entry_after}");
    assert!(sequence(&entry_after) > sequence(&entry_before));
    assert_eq!(
        after.body.matches(&uid).count(),
        1,
        "no duplicate of the meeting"
    );
    let _ = g1_h2;

    // Paper: Ayu's printable agenda (HTML and PDF, in her language when
    // she asks for it), the organizer's badges, table plan and tents.
    let agenda = ayu.get("/me/agenda?lang=id&tz=Asia/Jakarta").await;
    assert_eq!(agenda.status, StatusCode::OK, "{}", agenda.body);
    assert!(agenda.body.contains("Jinan Agritech"));
    assert!(
        !agenda.body.contains("Qilu Irrigation"),
        "the cancelled meeting is not on paper"
    );
    let pdf = ayu.get("/me/agenda?format=pdf").await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert!(pdf.body.starts_with("%PDF"));
    for what in ["badges", "table-plan", "tents"] {
        let page = boss
            .get(&format!("/organizer/paper/{what}?format=pdf"))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{what}");
        assert!(page.body.starts_with("%PDF"), "{what}");
        let html = boss.get(&format!("/organizer/paper/{what}")).await;
        assert!(html.body.contains("Jinan Agritech"), "{what}");
        let not_yours = ayu.get(&format!("/organizer/paper/{what}")).await;
        assert_eq!(not_yours.status, StatusCode::FORBIDDEN, "{what}");
    }
    assert_eq!(
        boss.get("/organizer/paper/posters").await.status,
        StatusCode::NOT_FOUND
    );

    // Every queued message goes out through a real SMTP server, and what
    // arrives reads right: Ayu's last message, in Indonesian, with her
    // calendar attached.
    let sink = SmtpSink::start();
    let queued = store.mail_of_event(&event()).await.unwrap().len();
    let delivery = mitra_web::services::mailer::deliver_due(
        &store,
        &smtp_config(sink.port),
        mitra_web::auth::now(),
    )
    .await
    .unwrap();
    assert_eq!(delivery.sent, queued);
    let received = sink.received();
    assert_eq!(received.len(), queued);
    let to_ayu: Vec<_> = received
        .iter()
        .filter(|(envelope, ..)| envelope.contains("rep-g1@example.test"))
        .collect();
    assert_eq!(to_ayu.len(), 2);
    assert!(
        to_ayu.iter().any(|(_, subject, body, attachments)| subject
            .starts_with("Agenda Anda berubah")
            && body.contains("Jinan Agritech")
            && attachments.iter().any(|a| a == "text/calendar")),
        "{to_ayu:?}"
    );
    let summary = store.mail_queue(&event()).await.unwrap();
    assert_eq!(
        (summary.sent as usize, summary.waiting, summary.retrying),
        (queued, 0, 0)
    );
}

async fn mail_waits_in_the_queue_while_the_server_is_down_and_the_organizer_sees_it(
    backend: Backend,
) {
    let (_dir, store) = small_event(backend).await;
    let mut boss = signed_in(&store, "boss").await;
    let csrf = boss.csrf().await;
    boss.post("/organizer/schedule", &[("csrf", &csrf)]).await;
    boss.post("/organizer/publish", &[("csrf", &csrf)]).await;
    let queued = store.mail_of_event(&event()).await.unwrap().len();
    assert!(queued >= 4, "{queued}");
    // The interpreter's page links her calendar, which lists what she
    // interprets.
    let mut wulan = signed_in(&store, "interp-1").await;
    let page = wulan.get("/interpreter").await;
    assert!(page.body.contains("id=\"calendar-feed\""), "{}", page.body);
    let ics = wulan.get("/me/calendar.ics").await;
    assert_eq!(ics.status, StatusCode::OK);
    assert!(ics.body.starts_with("BEGIN:VCALENDAR"));
    assert!(
        ics.body.contains("Kopi Lampung") || ics.body.contains("Lada Nusantara"),
        "{}",
        ics.body
    );
    // Nobody listens on this port.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let now = mitra_web::auth::now();
    let down = mitra_web::services::mailer::deliver_due(&store, &smtp_config(closed), now)
        .await
        .unwrap();
    assert_eq!((down.sent, down.retrying, down.refused), (0, queued, 0));
    let dashboard = boss.get("/organizer").await;
    assert!(
        dashboard.body.contains(&format!("{queued} to retry")),
        "{}",
        dashboard.body
    );
    assert!(
        dashboard.body.contains("role=\"alert\""),
        "the problem is shown"
    );
    // Nothing is lost: when the server is back and the retry time has
    // come, everything arrives, once.
    let sink = SmtpSink::start();
    let early = mitra_web::services::mailer::deliver_due(&store, &smtp_config(sink.port), now + 1)
        .await
        .unwrap();
    assert_eq!(early.sent, 0, "not before the retry time");
    let later =
        mitra_web::services::mailer::deliver_due(&store, &smtp_config(sink.port), now + 3600)
            .await
            .unwrap();
    assert_eq!(later.sent, queued);
    assert_eq!(sink.received().len(), queued);
    let again =
        mitra_web::services::mailer::deliver_due(&store, &smtp_config(sink.port), now + 7200)
            .await
            .unwrap();
    assert_eq!(again, Default::default());
    // Reminders queue everyone's agenda again (a new message each).
    let reminded = boss
        .post("/organizer/mail/reminders", &[("csrf", &csrf)])
        .await;
    assert_eq!(
        reminded.location.as_deref(),
        Some("/organizer?done=reminders")
    );
    assert_eq!(
        store.mail_of_event(&event()).await.unwrap().len(),
        2 * queued
    );
    // Invitations: a link for everyone but the organizer, that signs in.
    let invited = boss
        .post("/organizer/mail/invitations", &[("csrf", &csrf)])
        .await;
    assert_eq!(
        invited.location.as_deref(),
        Some("/organizer?done=invitations")
    );
    let invitation = store
        .mail_of_event(&event())
        .await
        .unwrap()
        .into_iter()
        .map(|(m, _)| m)
        .find(|m| m.to_address == "rep-h1@example.test" && m.message_id.contains("invitation"))
        .expect("Li Wei is invited");
    assert!(
        invitation.subject.contains("邀请"),
        "{}",
        invitation.subject
    );
    let link = invitation
        .body
        .lines()
        .find_map(|l| l.strip_prefix("http://127.0.0.1:8080"))
        .expect("a link in the message")
        .to_string();
    let mut li = Client::new(mitra_web::router(store.clone()));
    let signed = li.sign_in_by(&link).await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);

    // A meeting request and its answer are mailed to the other side, each
    // in its own language.
    let mut budi = signed_in(&store, "rep-g2").await;
    let budi_csrf = budi.csrf().await;
    let asked = budi
        .post(
            "/company/requests",
            &[
                ("csrf", &budi_csrf),
                ("to", "h1"),
                ("message", "Bisa bertemu?"),
            ],
        )
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    let request = store
        .requests(&event())
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.request.from.as_str() == "g2" && r.request.to.as_str() == "h1")
        .expect("the request is stored");
    let to_li: Vec<_> = queued_to(&store, "rep-h1@example.test")
        .await
        .into_iter()
        .filter(|m| m.message_id.contains(".request."))
        .collect();
    assert_eq!(to_li.len(), 1);
    assert!(
        to_li[0].subject.contains("洽谈请求"),
        "{}",
        to_li[0].subject
    );
    assert!(to_li[0].body.contains("Lada Nusantara") && to_li[0].body.contains("Bisa bertemu?"));
    let li_csrf = li.csrf().await;
    let answered = li
        .post(
            &format!("/company/requests/{}", request.id),
            &[("csrf", &li_csrf), ("action", "accept"), ("message", "")],
        )
        .await;
    assert_eq!(answered.status, StatusCode::SEE_OTHER, "{}", answered.body);
    let to_budi: Vec<_> = queued_to(&store, "rep-g2@example.test")
        .await
        .into_iter()
        .filter(|m| m.message_id.contains(".accepted."))
        .collect();
    assert_eq!(to_budi.len(), 1);
    assert!(
        to_budi[0].body.contains("Jinan Agritech menerima"),
        "{}",
        to_budi[0].body
    );
}

/// The small event's one interpreter (Indonesian–Chinese), away in the
/// slots given.
fn wulan(unavailable: Vec<mitra_core::ids::SlotId>) -> Interpreter {
    Interpreter {
        id: InterpreterId::parse("i1").unwrap(),
        name: "Wulan".into(),
        email: Some("i1@example.test".into()),
        languages: langs(&["id", "zh"]),
        unavailable,
        demo: false,
    }
}

/// The small event's interpreter, free in the first two slots only.
async fn interpreter_in_two_slots_only(store: &Store) {
    let plan = store.event_plan(&event()).await.unwrap();
    let unavailable = plan.slots.iter().skip(2).map(|s| s.id.clone()).collect();
    store
        .set_interpreters(&event(), &[wulan(unavailable)])
        .await
        .unwrap();
}

async fn a_first_schedule_can_be_proven_optimal_and_a_published_one_cannot(backend: Backend) {
    // Four mutual requests; g1–h1, g1–h2 and g2–h1 need the one
    // interpreter, who is free in two slots: one of them cannot be met. The
    // search's own bound does not see that, so only the solver proves the
    // schedule optimal.
    let (_dir, store) = small_event_with(
        backend,
        &[
            request("g1", "h1", Priority::Mutual),
            request("g1", "h2", Priority::Mutual),
            request("g2", "h1", Priority::Mutual),
            request("g2", "h2", Priority::Mutual),
        ],
    )
    .await;
    interpreter_in_two_slots_only(&store).await;
    let mut boss = signed_in(&store, "boss").await;
    let csrf = boss.csrf().await;

    let dashboard = boss.get("/organizer").await;
    assert!(
        dashboard.body.contains(r#"id="prove""#),
        "{}",
        dashboard.body
    );
    let searched = boss.post("/organizer/schedule", &[("csrf", &csrf)]).await;
    assert_eq!(searched.status, StatusCode::SEE_OTHER, "{}", searched.body);
    let review = boss.get("/organizer/schedule").await;
    assert!(
        review
            .body
            .contains(r#"id="review-proof" class="not-proven""#),
        "{}",
        review.body
    );

    let proven = boss
        .post("/organizer/schedule", &[("csrf", &csrf), ("prove", "on")])
        .await;
    assert_eq!(proven.status, StatusCode::SEE_OTHER, "{}", proven.body);
    let review = boss.get("/organizer/schedule").await;
    assert!(
        review.body.contains(r#"id="review-proof" class="proven""#),
        "{}",
        review.body
    );
    assert!(review.body.contains("Proven optimal"), "{}", review.body);
    // Three of the four are met, and three is now the bound.
    let (json, _) = store.schedule_proposal(&event()).await.unwrap().unwrap();
    let file: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(file["stats"]["met"][0], 3, "{json}");
    assert_eq!(file["stats"]["bound_met"][0], 3, "{json}");

    // Published meetings stand: re-scheduling keeps them, which the proof
    // does not weigh, so it is neither offered nor taken.
    let published = boss.post("/organizer/publish", &[("csrf", &csrf)]).await;
    assert_eq!(
        published.location.as_deref(),
        Some("/organizer?done=published")
    );
    let dashboard = boss.get("/organizer").await;
    assert!(
        !dashboard.body.contains(r#"id="prove""#),
        "{}",
        dashboard.body
    );
    let before = store.schedule_proposal(&event()).await.unwrap();
    let refused = boss
        .post("/organizer/schedule", &[("csrf", &csrf), ("prove", "on")])
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    assert!(
        refused.body.contains("first schedule only"),
        "{}",
        refused.body
    );
    let after = store.schedule_proposal(&event()).await.unwrap();
    assert_eq!(after, before, "a refused run leaves the proposal as it was");
}

/// The VEVENT with this UID line (unfolded).
fn vevent(ics: &str, uid_line: &str) -> String {
    let unfolded = ics.replace("\r\n ", "").replace("\r\n\t", "");
    unfolded
        .split("BEGIN:VEVENT")
        .skip(1)
        .find(|e| e.lines().any(|l| l.trim_end() == uid_line))
        .unwrap_or_else(|| panic!("no {uid_line} in {ics}"))
        .to_string()
}

fn sequence(vevent: &str) -> u32 {
    vevent
        .lines()
        .find_map(|l| l.trim_end().strip_prefix("SEQUENCE:"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no SEQUENCE in {vevent}"))
}

mitra_store::backend_tests!(
    check_in_no_show_walk_in_and_rescheduling_tell_everyone_affected,
    a_first_schedule_can_be_proven_optimal_and_a_published_one_cannot,
    mail_waits_in_the_queue_while_the_server_is_down_and_the_organizer_sees_it,
);
