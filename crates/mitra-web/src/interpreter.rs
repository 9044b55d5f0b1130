//! The interpreter's page: the meetings assigned, by slot and table.

use crate::AppState;
use crate::auth::Viewer;
use crate::company::{agenda_line, names, on_agenda};
use crate::errors::{OrPage, PageResult};
use crate::view::render;
use axum::extract::State;
use std::collections::HashMap;

pub async fn overview(State(state): State<AppState>, viewer: Viewer) -> PageResult {
    let (account, me) = viewer.interpreter()?;
    let event = account.event.clone();
    let lang = viewer.lang;
    let plan = state.store.event_plan(&event).await.or_page(lang)?;
    let orgs = state.store.organizations(&event).await.or_page(lang)?;
    let names = names(&orgs);
    let meetings: Vec<_> = state
        .store
        .meetings(&event)
        .await
        .or_page(lang)?
        .iter()
        .filter(|m| on_agenda(m) && m.meeting.interpreter.as_ref() == Some(&me))
        .map(|m| agenda_line(&plan, m, None, &names, &HashMap::new()))
        .collect();
    let secret = crate::services::passes::event_secret(&state.store, &event)
        .await
        .or_page(lang)?;
    let feed = crate::services::passes::feed_path(&secret, &event, &account.person);
    render(
        &viewer,
        "interpreter.html",
        minijinja::context! { name => account.name.clone(), meetings, zone => plan.event.time_zone.name(), feed },
    )
}
