//! The personal pages keep their event in memory between requests
//! (`services::snapshot`); a change made anywhere — by this server, or by
//! another process on the same database — shows on the very next view.

mod common;

use axum::http::StatusCode;
use common::*;
use mitra_store::Store;

async fn a_change_by_another_process_shows_on_the_next_view(backend: Backend) {
    let (dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store.clone());
    let mut rep = Client::new(app.clone());
    let link = invite(&store, "rep-lpg-01").await;
    assert_eq!(rep.sign_in_by(&link).await.status, StatusCode::SEE_OTHER);
    let before = rep.get("/company").await;
    assert_eq!(before.status, StatusCode::OK);
    // Another process: its own connections to the same database.
    let other = Store::open(dir.url()).await.unwrap();
    let mut renamed = other
        .organizations(&event())
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.id.as_str() == GUEST_ORG)
        .unwrap();
    assert!(before.body.contains(&renamed.name.replace('&', "&amp;")));
    renamed.name = "Renamed By Another Server Ltd".into();
    other.import(&event(), &[], &[renamed]).await.unwrap();
    let after = rep.get("/company").await;
    assert!(
        after.body.contains("Renamed By Another Server Ltd"),
        "the page reloaded the event after another process wrote"
    );
    // And a page that nothing changed for is served from what is kept:
    // the same bytes twice.
    let again = rep.get("/company").await;
    assert_eq!(after.body, again.body);
}

mitra_store::backend_tests!(a_change_by_another_process_shows_on_the_next_view);

/// Sessions are kept in memory too (`services::sessions`): a sign-out on
/// one server must end the session on every other at its next request.
async fn signing_out_on_one_server_ends_the_session_on_another(backend: Backend) {
    let (dir, store) = demo_store_on(backend).await;
    let first = mitra_web::router(store.clone());
    let second = mitra_web::router(Store::open(dir.url()).await.unwrap());
    let mut on_first = Client::new(first);
    let link = invite(&store, "rep-lpg-01").await;
    assert_eq!(
        on_first.sign_in_by(&link).await.status,
        StatusCode::SEE_OTHER
    );
    // Seen by the first server (so kept there), then by the second.
    assert_eq!(on_first.get("/company").await.status, StatusCode::OK);
    assert_eq!(on_first.get("/company").await.status, StatusCode::OK);
    let mut on_second = on_first.clone();
    on_second.app = second;
    assert_eq!(on_second.get("/company").await.status, StatusCode::OK);
    let csrf = on_second.csrf().await;
    let out = on_second.post("/signout", &[("csrf", &csrf)]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER, "{}", out.body);
    // The first server still holds the cookie's session in memory; the
    // browser's old cookie must not open the page there any more.
    let after = on_first.get("/company").await;
    assert_ne!(after.status, StatusCode::OK, "{}", after.body);
    assert!(!after.body.contains("id=\"nav-me\""), "{}", after.body);
}

mitra_store::backend_tests!(signing_out_on_one_server_ends_the_session_on_another);

/// Many requests at once share the generation reads and the kept pages,
/// and every one of them still sees a change made before it was sent.
async fn requests_at_once_see_a_change_made_before_them(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store.clone());
    let mut rep = Client::new(app);
    let link = invite(&store, "rep-lpg-01").await;
    assert_eq!(rep.sign_in_by(&link).await.status, StatusCode::SEE_OTHER);
    let before = rep.get("/company").await;
    assert_eq!(before.status, StatusCode::OK);
    let mut renamed = store
        .organizations(&event())
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.id.as_str() == GUEST_ORG)
        .unwrap();
    renamed.name = "Renamed Before The Crowd Ltd".into();
    store.import(&event(), &[], &[renamed]).await.unwrap();
    let crowd: Vec<_> = (0..64)
        .map(|_| {
            let mut c = rep.clone();
            tokio::spawn(async move { c.get("/company").await })
        })
        .collect();
    for answer in crowd {
        let answer = answer.await.unwrap();
        assert_eq!(answer.status, StatusCode::OK);
        assert!(answer.body.contains("Renamed Before The Crowd Ltd"));
    }
}

mitra_store::backend_tests!(requests_at_once_see_a_change_made_before_them);
