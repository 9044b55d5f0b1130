//! The audit log says who changed a profile, an outcome, a delegation's
//! objectives or a visit's notes, and when — written in the change's own
//! transaction, from the pages and from the API alike.

mod common;

use axum::http::StatusCode;
use common::*;
use mitra_core::meeting::MeetingStatus;

/// The textarea's text on a form page.
fn textarea(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\"");
    let at = body
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} field"));
    let open = at + body[at..].find('>').unwrap() + 1;
    let close = open + body[open..].find("</textarea>").unwrap();
    body[open..close]
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
}

async fn profile_outcome_and_objectives_are_audited(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store.clone());
    let before = store.audit_log(&event(), 1000).await.unwrap().len();

    // A company representative edits the profile...
    let mut rep = Client::new(app.clone());
    let link = invite(&store, "rep-lpg-01").await;
    assert_eq!(rep.sign_in_by(&link).await.status, StatusCode::SEE_OTHER);
    let form = rep.get("/company/profile").await;
    assert_eq!(form.status, StatusCode::OK);
    let csrf = form.csrf();
    let offers = textarea(&form.body, "offers");
    let needs = format!("{}\nSolar dryers for coffee", textarea(&form.body, "needs"));
    let saved = rep
        .post(
            "/company/profile",
            &[
                ("csrf", &csrf),
                ("description", "Coffee exporters"),
                ("offers", &offers),
                ("needs", &needs),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);

    // ...and records the outcome of one of its published meetings.
    let meeting = store
        .meetings(&event())
        .await
        .unwrap()
        .into_iter()
        .find(|m| {
            m.meeting.status != MeetingStatus::Cancelled
                && (m.meeting.a.as_str() == GUEST_ORG || m.meeting.b.as_str() == GUEST_ORG)
        })
        .expect("lpg-01 has meetings in the demo");
    let recorded = rep
        .post(
            &format!("/company/meetings/{}/outcome", meeting.id),
            &[
                ("csrf", &csrf),
                ("interest", "high"),
                ("next_step", "samples"),
            ],
        )
        .await;
    assert_eq!(recorded.status, StatusCode::SEE_OTHER, "{}", recorded.body);

    // The delegation lead edits the objectives.
    let mut lead = Client::new(app.clone());
    let link = invite(&store, LEAD).await;
    assert_eq!(lead.sign_in_by(&link).await.status, StatusCode::SEE_OTHER);
    let form = lead.get("/delegation/objectives").await;
    assert_eq!(form.status, StatusCode::OK);
    let csrf = form.csrf();
    let saved = lead
        .post(
            "/delegation/objectives",
            &[
                ("csrf", &csrf),
                ("export_products", &textarea(&form.body, "export_products")),
                (
                    "technology_sought",
                    &textarea(&form.body, "technology_sought"),
                ),
                ("risks", "Pests after the rainy season"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);

    let log = store.audit_log(&event(), 1000).await.unwrap();
    assert_eq!(log.len(), before + 3, "one line per change: {log:#?}");
    let line = |action: &str| {
        log.iter()
            .find(|e| e.action == action)
            .unwrap_or_else(|| panic!("no {action} line in {log:#?}"))
    };
    let profile = line("profile");
    assert_eq!(profile.actor, "rep-lpg-01");
    assert_eq!(profile.subject, GUEST_ORG);
    let outcome = line("outcome");
    assert_eq!(outcome.actor, "rep-lpg-01");
    assert_eq!(outcome.subject, format!("meeting {}", meeting.id));
    assert!(
        outcome.detail.contains("interest high"),
        "{}",
        outcome.detail
    );
    let objectives = line("objectives");
    assert_eq!(objectives.actor, LEAD);
    assert!(
        log.iter().all(|e| e.at > 1_700_000_000),
        "stamped with the time"
    );

    // A refused edit changes nothing and leaves no line.
    let csrf = rep.csrf().await;
    let refused = rep
        .post(
            "/company/profile",
            &[
                ("csrf", &csrf),
                ("offers", "Coffee | 000000"),
                ("needs", ""),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        store.audit_log(&event(), 1000).await.unwrap().len(),
        before + 3
    );
}

mitra_store::backend_tests!(profile_outcome_and_objectives_are_audited);
