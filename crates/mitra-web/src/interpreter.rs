//! The interpreter's page: the meetings assigned, by slot and table.

use crate::AppState;
use crate::auth::Viewer;
use crate::company::{agenda_line, on_agenda};
use crate::errors::{OrPage, PageResult};
use crate::view::{page_key, render_html};
use axum::extract::State;
use axum::response::{Html, IntoResponse};
use std::collections::HashMap;

pub async fn overview(State(state): State<AppState>, viewer: Viewer) -> PageResult {
    let (account, me) = viewer.interpreter()?;
    let event = account.event.clone();
    let lang = viewer.lang;
    let view = state
        .views
        .get_known(
            &state.store,
            &event,
            Some(account.event_generation),
            crate::auth::now(),
        )
        .await
        .or_page(lang)?;
    let key = page_key(&viewer, "interpreter.html", "");
    let build = async {
        let plan = &view.plan;
        let meetings: Vec<_> = view
            .meetings
            .iter()
            .filter(|m| on_agenda(m) && m.meeting.interpreter.as_ref() == Some(&me))
            .map(|m| agenda_line(plan, m, None, &view.names, &HashMap::new()))
            .collect();
        let feed = crate::services::passes::feed_path(&view.secret, &event, &account.person);
        render_html(
            &viewer,
            "interpreter.html",
            minijinja::context! { name => account.name.clone(), meetings, zone => plan.event.time_zone.name(), feed },
        )
    };
    Ok(Html(view.page(key, build).await?).into_response())
}
