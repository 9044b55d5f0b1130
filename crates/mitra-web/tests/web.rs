//! The web application over a fresh copy of the demo conference: every
//! page in every language, every route with every role and a stranger,
//! invitations, bad input, and the main journey without a browser.

mod common;

use axum::http::StatusCode;
use common::*;
use mitra_core::organization::Side;
use mitra_core::people::Role;
use mitra_store::Store;

/// Everyone the tests sign in as, with the ids their pages need.
struct Cast {
    organizer: Client,
    rep: Client,
    lead: Client,
    interpreter: Client,
    stranger: Client,
    meeting: i64,
    mission: String,
}

async fn cast(store: &Store, app: axum::Router) -> Cast {
    let event = event();
    let people = store.people(&event).await.unwrap();
    let meetings = store.meetings(&event).await.unwrap();
    let interpreter = people
        .iter()
        .find(|p| match &p.role {
            Role::Interpreter(i) => meetings
                .iter()
                .any(|m| m.meeting.interpreter.as_ref() == Some(i)),
            _ => false,
        })
        .expect("an interpreter with meetings");
    let meeting = meetings
        .iter()
        .find(|m| m.meeting.a.as_str() == GUEST_ORG || m.meeting.b.as_str() == GUEST_ORG)
        .expect("the Lampung company has meetings")
        .id;
    let mission = store
        .missions(&event)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.delegation.as_str() == "lampung" && !m.itinerary.is_empty())
        .expect("a Lampung mission")
        .id
        .to_string();
    let mut signed = Vec::new();
    for person in [
        ORGANIZER.to_string(),
        format!("rep-{GUEST_ORG}"),
        LEAD.to_string(),
        interpreter.id.to_string(),
    ] {
        let mut client = Client::new(app.clone());
        let answer = client.sign_in_by(&invite(store, &person).await).await;
        assert_eq!(
            answer.status,
            StatusCode::SEE_OTHER,
            "{person}: {}",
            answer.body
        );
        assert_eq!(answer.location.as_deref(), Some("/me"));
        signed.push(client);
    }
    let mut it = signed.into_iter();
    Cast {
        organizer: it.next().unwrap(),
        rep: it.next().unwrap(),
        lead: it.next().unwrap(),
        interpreter: it.next().unwrap(),
        stranger: Client::new(app),
        meeting,
        mission,
    }
}

async fn every_page_renders_in_every_language(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store.clone());
    let c = cast(&store, app).await;
    let invitation = invite(&store, LEAD).await;
    let mut clients: Vec<(Client, String)> = vec![
        (c.rep.clone(), format!("/events/{EVENT}")),
        (
            c.rep.clone(),
            format!("/events/{EVENT}/organizations/{GUEST_ORG}"),
        ),
        (c.rep.clone(), "/company".into()),
        (c.rep.clone(), "/company/profile".into()),
        (
            c.rep.clone(),
            format!("/company/meetings/{}/outcome", c.meeting),
        ),
        (c.lead.clone(), "/delegation".into()),
        (c.lead.clone(), "/delegation/objectives".into()),
        (
            c.lead.clone(),
            format!("/delegation/itinerary/{}/0", c.mission),
        ),
        (c.interpreter.clone(), "/interpreter".into()),
        (c.organizer.clone(), "/organizer".into()),
        (c.organizer.clone(), "/organizer/schedule".into()),
        (c.organizer.clone(), "/organizer/tables".into()),
    ];
    let mut stranger = Client::new(mitra_web::router(store.clone()));
    for (lang, tag, signin) in [
        ("en", "en", "Sign in"),
        ("id", "id", "Masuk"),
        ("zh", "zh-CN", "登录"),
    ] {
        for (client, path) in clients.iter_mut() {
            let answer = client.get(&format!("{path}?lang={lang}")).await;
            assert_eq!(
                answer.status,
                StatusCode::OK,
                "{path} in {lang}: {}",
                answer.body
            );
            assert!(
                answer.body.contains(&format!("<html lang=\"{tag}\">")),
                "{path} in {lang}"
            );
        }
        for (path, status) in [
            ("/signin".to_string(), StatusCode::OK),
            (invitation.clone(), StatusCode::OK),
            ("/no/such/page".to_string(), StatusCode::NOT_FOUND),
        ] {
            let answer = stranger.get(&format!("{path}?lang={lang}")).await;
            assert_eq!(answer.status, status, "{path} in {lang}");
            assert!(answer.body.contains(&format!("<html lang=\"{tag}\">")));
        }
        // The choice is remembered in a cookie.
        let answer = stranger.get("/signin").await;
        assert!(answer.body.contains(signin), "{lang}: {}", answer.body);
    }
    // Without a choice, the browser's languages decide.
    let answer = Client::new(mitra_web::router(store.clone()))
        .get("/signin")
        .await;
    assert!(answer.body.contains("<html lang=\"en\">"));
}

async fn accept_language_decides_without_a_choice(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store);
    let request = axum::http::Request::get("/signin")
        .header("accept-language", "id-ID,id;q=0.9,en;q=0.8")
        .body(axum::body::Body::empty())
        .unwrap();
    use tower::ServiceExt;
    let response = app.oneshot(request).await.unwrap();
    let body = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    let body = String::from_utf8(body.to_vec()).unwrap();
    assert!(body.contains("<html lang=\"id\">") && body.contains("Masuk"));
}

async fn every_route_answers_each_role_and_strangers(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store.clone());
    let mut c = cast(&store, app).await;
    let outcome = format!("/company/meetings/{}/outcome", c.meeting);
    let notes = format!("/delegation/itinerary/{}/0", c.mission);
    // (path, the role allowed: 0 organizer, 1 rep, 2 lead, 3 interpreter)
    let gets: Vec<(&str, usize)> = vec![
        ("/company", 1),
        ("/company/profile", 1),
        (&outcome, 1),
        ("/delegation", 2),
        ("/delegation/objectives", 2),
        (&notes, 2),
        ("/interpreter", 3),
        ("/organizer", 0),
        ("/organizer/schedule", 0),
        ("/organizer/tables", 0),
        ("/organizer/checkin", 0),
        ("/organizer/day", 0),
        ("/organizer/paper/badges", 0),
        ("/organizer/paper/table-plan", 0),
        ("/organizer/paper/tents", 0),
        ("/organizer/setup", 0),
        ("/organizer/registrations", 0),
    ];
    let posts: Vec<(&str, usize)> = vec![
        ("/company/profile", 1),
        ("/company/requests", 1),
        ("/company/requests/1", 1),
        (&outcome, 1),
        ("/delegation/objectives", 2),
        (&notes, 2),
        ("/organizer/matching", 0),
        ("/organizer/schedule", 0),
        ("/organizer/publish", 0),
        ("/organizer/checkin", 0),
        ("/organizer/meetings/1/no-show", 0),
        ("/organizer/walk-in", 0),
        ("/organizer/reschedule", 0),
        ("/organizer/mail/reminders", 0),
        ("/organizer/mail/invitations", 0),
        ("/company/meetings/1/no-show", 1),
        ("/organizer/setup", 0),
        ("/organizer/registrations/1/approve", 0),
        ("/organizer/registrations/1/reject", 0),
    ];
    for (path, allowed) in &gets {
        let answer = c.stranger.get(path).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "stranger GET {path}");
        assert_eq!(answer.location.as_deref(), Some("/signin"));
        for (role, client) in [
            &mut c.organizer,
            &mut c.rep,
            &mut c.lead,
            &mut c.interpreter,
        ]
        .into_iter()
        .enumerate()
        {
            let answer = client.get(path).await;
            let expected = if role == *allowed {
                StatusCode::OK
            } else {
                StatusCode::FORBIDDEN
            };
            assert_eq!(
                answer.status, expected,
                "role {role} GET {path}: {}",
                answer.body
            );
        }
    }
    for (path, allowed) in &posts {
        let answer = c.stranger.post(path, &[("csrf", "x")]).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "stranger POST {path}");
        for (role, client) in [
            &mut c.organizer,
            &mut c.rep,
            &mut c.lead,
            &mut c.interpreter,
        ]
        .into_iter()
        .enumerate()
        {
            // Without the CSRF token: the role is checked first (403), and
            // the allowed role is stopped by the missing token (400).
            let answer = client.post(path, &[("action", "accept")]).await;
            let expected = if role == *allowed {
                StatusCode::BAD_REQUEST
            } else {
                StatusCode::FORBIDDEN
            };
            assert_eq!(
                answer.status, expected,
                "role {role} POST {path}: {}",
                answer.body
            );
        }
    }
    // The public profile shows no requests, outcomes or agenda.
    let public = c
        .stranger
        .get(&format!("/events/{EVENT}/organizations/{GUEST_ORG}"))
        .await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(!public.body.contains("class=\"agenda\"") && !public.body.contains("outcome"));
    // A lead sees their own delegation's itinerary only.
    let foreign = store
        .missions(&event())
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.delegation.as_str() != "lampung" && !m.itinerary.is_empty());
    if let Some(m) = foreign {
        let answer = c
            .lead
            .get(&format!("/delegation/itinerary/{}/0", m.id))
            .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN);
    }
    // Another company's meeting is not the rep's to record.
    let others = store
        .meetings(&event())
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.meeting.a.as_str() != GUEST_ORG && m.meeting.b.as_str() != GUEST_ORG)
        .unwrap();
    let answer = c
        .rep
        .get(&format!("/company/meetings/{}/outcome", others.id))
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    // Unknown notices and slots are no 500.
    assert_eq!(
        c.organizer.get("/organizer?done=%7Bnope%7D").await.status,
        StatusCode::OK
    );
    assert_eq!(
        c.organizer.get("/organizer/tables?slot=zz").await.status,
        StatusCode::OK
    );
    // Public pages answer everyone.
    assert_eq!(
        c.stranger.get("/").await.status,
        StatusCode::SEE_OTHER,
        "the only event"
    );
    for path in [
        "/healthz",
        "/signin",
        "/static/mitra.css",
        "/static/mitra.js",
        "/hs?q=0901",
    ] {
        assert_eq!(c.stranger.get(path).await.status, StatusCode::OK, "{path}");
    }
}

async fn invitations_work_once_and_expire(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store.clone());
    let link = invite(&store, LEAD).await;
    let mut first = Client::new(app.clone());
    assert_eq!(first.sign_in_by(&link).await.status, StatusCode::SEE_OTHER);
    let cookie = first.cookies.get("mitra_session").cloned().unwrap();
    assert_eq!(cookie.len(), 64);
    let mut second = Client::new(app.clone());
    let again = second.sign_in_by(&link).await;
    assert_eq!(again.status, StatusCode::GONE);
    assert!(again.body.contains("no longer works"));
    // An expired one, in Indonesian.
    let key = store
        .person_key(&event(), &mitra_core::ids::PersonId::parse(LEAD).unwrap())
        .await
        .unwrap();
    let token = "a".repeat(64);
    let now = mitra_web::auth::now();
    store
        .create_invitation(
            key,
            &mitra_web::auth::token_hash(&token),
            now - 100,
            now - 10,
        )
        .await
        .unwrap();
    let mut third = Client::new(app.clone());
    third.get("/signin?lang=id").await;
    let gone = third.sign_in_by(&format!("/invite/{token}")).await;
    assert_eq!(gone.status, StatusCode::GONE);
    assert!(
        gone.body.contains("Tautan ini sudah tidak berlaku"),
        "{}",
        gone.body
    );
    // Unknown tokens are 404, and signing out ends the session.
    assert_eq!(
        Client::new(app.clone())
            .sign_in_by(&format!("/invite/{}", "b".repeat(64)))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let csrf = first.get("/delegation").await.csrf();
    assert_eq!(
        first.post("/signout", &[("csrf", &csrf)]).await.status,
        StatusCode::SEE_OTHER
    );
    first.cookies.insert("mitra_session".into(), cookie);
    assert_eq!(first.get("/delegation").await.status, StatusCode::SEE_OTHER);
}

async fn organizers_sign_in_with_a_password(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let organizer = mitra_core::ids::PersonId::parse(ORGANIZER).unwrap();
    mitra_web::auth::set_password(&store, &event(), &organizer, "correct horse battery")
        .await
        .unwrap();
    let email = store
        .people(&event())
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.id == organizer)
        .unwrap()
        .email;
    let mut client = Client::new(mitra_web::router(store.clone()));
    let csrf = client.csrf().await;
    let wrong = client
        .post(
            "/signin",
            &[("csrf", &csrf), ("email", &email), ("password", "nope")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.body.contains("do not match"));
    let empty = client
        .post(
            "/signin",
            &[("csrf", &csrf), ("email", ""), ("password", "x")],
        )
        .await;
    assert!(empty.body.contains("Enter your e-mail address"));
    let forged = client
        .post(
            "/signin",
            &[
                ("csrf", "forged"),
                ("email", &email),
                ("password", "correct horse battery"),
            ],
        )
        .await;
    assert_eq!(forged.status, StatusCode::BAD_REQUEST);
    let right = client
        .post(
            "/signin",
            &[
                ("csrf", &csrf),
                ("email", &email),
                ("password", "correct horse battery"),
            ],
        )
        .await;
    assert_eq!(right.status, StatusCode::SEE_OTHER);
    assert_eq!(
        client.get("/me").await.location.as_deref(),
        Some("/organizer")
    );
    assert_eq!(client.get("/organizer").await.status, StatusCode::OK);
}

async fn bad_input_gets_messages_next_to_fields_never_500(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store.clone());
    let mut rep = Client::new(app.clone());
    rep.sign_in_by(&invite(&store, &format!("rep-{GUEST_ORG}")).await)
        .await;
    let csrf = rep.get("/company/profile?lang=zh").await.csrf();
    let answer = rep
        .post(
            "/company/profile",
            &[
                ("csrf", &csrf),
                ("description", "ok"),
                ("offers", "Coffee | 12345"),
                ("needs", ""),
            ],
        )
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer.body.contains("id=\"offers-error\"") && answer.body.contains("第 1 行"),
        "{}",
        answer.body
    );
    // Nothing was saved.
    let orgs = store.organizations(&event()).await.unwrap();
    let me = orgs.iter().find(|o| o.id.as_str() == GUEST_ORG).unwrap();
    assert!(me.offers.iter().all(|i| i.text != "Coffee"));
    let meeting = store
        .meetings(&event())
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.meeting.a.as_str() == GUEST_ORG || m.meeting.b.as_str() == GUEST_ORG)
        .unwrap()
        .id;
    let path = format!("/company/meetings/{meeting}/outcome");
    let answer = rep
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("interest", "huge"),
                ("next_step", "mou"),
                ("amount", "12x"),
                ("currency", "usd"),
            ],
        )
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer.body.contains("id=\"interest-error\"")
            && answer.body.contains("id=\"amount-error\"")
    );
    for (path, form) in [
        ("/company/requests", vec![("to", "nobody")]),
        ("/company/requests", vec![("to", GUEST_ORG)]),
        ("/company/requests", vec![("to", "lpg-02")]),
        ("/company/requests/notanumber", vec![("action", "accept")]),
        ("/company/requests/999999", vec![("action", "accept")]),
        ("/company/requests/1", vec![("action", "maybe")]),
        ("/company/meetings/abc/outcome", vec![]),
    ] {
        let mut form: Vec<(&str, &str)> = form;
        form.push(("csrf", &csrf));
        let answer = rep.post(path, &form).await;
        assert!(
            answer.status.is_client_error() || answer.status == StatusCode::OK,
            "{path}: {}",
            answer.status
        );
        // A refused meeting request says so in its status too.
        if path == "/company/requests" {
            assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{form:?}");
        }
        assert!(answer.body.contains("<html lang=\"zh-CN\">"), "{path}");
    }
    let unknown = rep
        .post("/company/requests", &[("csrf", &csrf), ("to", "nobody")])
        .await;
    assert!(
        unknown.body.contains("id=\"to-error\"") || unknown.body.contains("请选择对方一侧的企业")
    );
    assert_eq!(
        rep.get("/company/meetings/abc/outcome").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(rep.get("/delegation").await.status, StatusCode::FORBIDDEN);
    assert!(rep.get("/delegation").await.body.contains("无权访问"));
    assert_eq!(rep.get("/hs?q=%00%FF").await.status, StatusCode::OK);
}

async fn unanswered_requests_expire_and_hold_no_slot(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let event = event();
    let guest = mitra_core::ids::OrgId::parse(GUEST_ORG).unwrap();
    let orgs = store.organizations(&event).await.unwrap();
    let requests = store.requests(&event).await.unwrap();
    let host = orgs
        .iter()
        .filter(|o| o.side == Side::Host)
        .find(|o| {
            !requests.iter().any(|r| {
                (r.request.from == guest && r.request.to == o.id)
                    || (r.request.to == guest && r.request.from == o.id)
            })
        })
        .unwrap();
    let now = mitra_web::auth::now();
    let asked = store
        .ask_meeting(&event, &guest, &host.id, Some("kopi?"), now - 100, now - 10)
        .await
        .unwrap();
    let mitra_store::Asked::Pending(id) = asked else {
        panic!("{asked:?}")
    };
    // Pending requests are not in the scheduler's instance.
    let instance = mitra_web::services::engines::schedule_instance(&store, &event)
        .await
        .unwrap();
    let text = String::from_utf8(instance).unwrap();
    assert!(!text.contains(&format!("\"a\": \"{GUEST_ORG}\", \"b\": \"{}\"", host.id)));
    assert_eq!(store.expire_requests(&event, now).await.unwrap(), 1);
    let status = store
        .answer_request(&event, id, &host.id, true, None, now)
        .await
        .unwrap();
    assert_eq!(status.as_str(), "expired");
}

async fn a_profile_edit_updates_the_recommendations_it_changes(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store.clone());
    let mut rep = Client::new(app.clone());
    rep.sign_in_by(&invite(&store, &format!("rep-{GUEST_ORG}")).await)
        .await;
    let me = mitra_core::ids::OrgId::parse(GUEST_ORG).unwrap();
    // The coffee cooperative now needs only a fire-fighting system: its
    // partners must follow the edit, without a matching run by the organizer.
    let csrf = rep.get("/company/profile").await.csrf();
    let answer = rep
        .post(
            "/company/profile",
            &[
                ("csrf", &csrf),
                ("description", "Koperasi kopi"),
                ("offers", "Kopi robusta biji hijau | 090111"),
                ("needs", "Pompa pemadam kebakaran (fire pump) untuk gudang"),
            ],
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let after = store.recommendations(&event(), &me).await.unwrap();
    assert!(!after.is_empty());
    let orgs = store.organizations(&event()).await.unwrap();
    let name =
        |id: &mitra_core::ids::OrgId| orgs.iter().find(|o| &o.id == id).unwrap().name.clone();
    let texts: Vec<String> = after
        .iter()
        .map(|r| r.reasons.to_string().to_lowercase())
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("fire") || t.contains("消防")),
        "a fire-pump maker is recommended after the edit: {:?}",
        after.iter().map(|r| name(&r.other)).collect::<Vec<_>>()
    );
    assert!(
        texts
            .iter()
            .all(|t| !t.contains("dryer") && !t.contains("烘干")),
        "the dryer makers matched the old need and are gone"
    );
}

async fn the_delegation_lead_gets_the_mission_report_from_a_button(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store.clone());
    let mut lead = Client::new(app.clone());
    lead.sign_in_by(&invite(&store, LEAD).await).await;
    let page = lead.get("/delegation").await;
    assert!(
        page.body
            .contains(r#"id="mission-report" href="/delegation/report""#),
        "{}",
        page.body
    );
    let report = lead.get("/delegation/report?lang=id").await;
    assert_eq!(report.status, StatusCode::OK);
    assert!(
        report.body.contains("PENDAHULUAN") && report.body.contains("Lampung"),
        "the Indonesian form of the report"
    );
    assert!(
        page.body
            .contains(r#"href="/delegation/report?format=pdf""#)
    );
    // Only the lead of the delegation gets it.
    let mut rep = Client::new(app.clone());
    rep.sign_in_by(&invite(&store, &format!("rep-{GUEST_ORG}")).await)
        .await;
    assert_eq!(
        rep.get("/delegation/report").await.status,
        StatusCode::FORBIDDEN
    );
    let stranger = Client::new(app).get("/delegation/report").await;
    assert_ne!(stranger.status, StatusCode::OK);
}

mitra_store::backend_tests!(
    every_page_renders_in_every_language,
    accept_language_decides_without_a_choice,
    every_route_answers_each_role_and_strangers,
    invitations_work_once_and_expire,
    organizers_sign_in_with_a_password,
    bad_input_gets_messages_next_to_fields_never_500,
    unanswered_requests_expire_and_hold_no_slot,
    a_profile_edit_updates_the_recommendations_it_changes,
    the_delegation_lead_gets_the_mission_report_from_a_button,
);
