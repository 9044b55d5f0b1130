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
