//! The organizer's area under `/organizer`: the dashboard, matching, the
//! scheduler's proposal for review, publication, the table plan per slot.
//! Every handler starts with [`Viewer::organizer`].

use crate::AppState;
use crate::auth::{Viewer, now};
use crate::company::{agenda_line, names};
use crate::errors::{OrPage, PageResult, Problem};
use crate::services::engines::{self, EngineError};
use crate::view::{render, when};
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect};
use mitra_core::organization::Side;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

/// How many partners matching recommends to each company.
pub(crate) const TOP_K: usize = 10;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DoneQuery {
    done: Option<String>,
}

/// A bar chart's rows: label, count and width in percent of the largest.
fn bars(counts: &BTreeMap<&'static str, usize>) -> Vec<minijinja::Value> {
    let max = counts.values().copied().max().unwrap_or(0).max(1);
    counts
        .iter()
        .map(|(k, v)| minijinja::context! { key => *k, count => *v, width => if *v > 0 { (v * 100 / max).max(1) } else { 0 } })
        .collect()
}

pub async fn dashboard(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<DoneQuery>,
) -> PageResult {
    let account = viewer.organizer()?;
    let event = account.event.clone();
    let lang = viewer.lang;
    let store = &state.store;
    store.expire_requests(&event, now()).await.or_page(lang)?;
    let plan = store.event_plan(&event).await.or_page(lang)?;
    let orgs = store.organizations(&event).await.or_page(lang)?;
    let delegations = store.delegations(&event).await.or_page(lang)?;
    let mut requests: BTreeMap<&'static str, usize> = BTreeMap::new();
    for r in store.requests(&event).await.or_page(lang)? {
        *requests.entry(r.request.status.as_str()).or_default() += 1;
    }
    let mut meetings: BTreeMap<&'static str, usize> = BTreeMap::new();
    for m in store.meetings(&event).await.or_page(lang)? {
        *meetings.entry(m.meeting.status.as_str()).or_default() += 1;
    }
    let mut next_steps: BTreeMap<&'static str, usize> = BTreeMap::new();
    let outcomes = store.outcomes(&event).await.or_page(lang)?;
    for (_, o) in &outcomes {
        *next_steps.entry(o.next_step.as_str()).or_default() += 1;
    }
    let mail = store.mail_queue(&event).await.or_page(lang)?;
    let proposal = store
        .schedule_proposal(&event)
        .await
        .or_page(lang)?
        .is_some();
    let can_prove = engines::can_prove(store, &event)
        .await
        .map_err(|e| engine_error(&viewer, e))?;
    let slots: Vec<_> = plan
        .slots
        .iter()
        .map(|s| minijinja::context! { id => s.id.as_str(), when => when(&plan, &s.id) })
        .collect();
    render(
        &viewer,
        "organizer.html",
        minijinja::context! {
            event => minijinja::context! { name => plan.event.name.clone(), zone => plan.event.time_zone.name(), demo => plan.event.demo },
            counts => minijinja::context! {
                delegations => delegations.len(),
                guests => orgs.iter().filter(|o| o.side == Side::Guest).count(),
                hosts => orgs.iter().filter(|o| o.side == Side::Host).count(),
                no_shows => meetings.get("no-show").copied().unwrap_or(0),
                outcomes => outcomes.len(),
            },
            requests => bars(&requests), meetings => bars(&meetings), next_steps => bars(&next_steps),
            proposal, slots, can_prove, prove_minutes => engines::PROVE_LIMIT.as_secs() / 60,
            // Only the notices we know: the query is the visitor's to type.
            done => q.done.filter(|d| matches!(d.as_str(), "matching" | "published" | "stale" | "reminders" | "invitations")),
            mail => minijinja::context! {
                sent => mail.sent, waiting => mail.waiting, retrying => mail.retrying,
                failed => mail.failed, last_error => mail.last_error,
            },
        },
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CsrfForm {
    csrf: String,
}

fn engine_error(viewer: &Viewer, e: EngineError) -> crate::errors::PageError {
    match e {
        EngineError::Store(mitra_store::StoreError::NotFound { .. }) => {
            viewer.error(Problem::NotFound)
        }
        EngineError::CannotProve => viewer.error(Problem::BadRequest("error-cannot-prove")),
        other => viewer.error(Problem::Unexpected(other.to_string())),
    }
}

/// The scheduler's form: the CSRF token and, ticked, a proof.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ScheduleForm {
    csrf: String,
    /// "on" when the organizer asks for a proof of optimality.
    prove: Option<String>,
}

pub async fn run_matching(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<CsrfForm>,
) -> PageResult {
    let account = viewer.organizer()?;
    viewer.check_csrf(&form.csrf)?;
    let event = account.event.clone();
    engines::recommend(&state.store, &event, TOP_K)
        .await
        .map_err(|e| engine_error(&viewer, e))?;
    state.recommenders.forget(&event).await;
    Ok(Redirect::to("/organizer?done=matching").into_response())
}

pub async fn run_schedule(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<ScheduleForm>,
) -> PageResult {
    let account = viewer.organizer()?;
    viewer.check_csrf(&form.csrf)?;
    let event = account.event.clone();
    let prove = form.prove.is_some();
    engines::propose_schedule(&state.store, &event, now(), prove)
        .await
        .map_err(|e| engine_error(&viewer, e))?;
    Ok(Redirect::to("/organizer/schedule").into_response())
}

/// The proposal for review: what is met, what not and why, the bounds,
/// and what publishing would change.
pub async fn review(State(state): State<AppState>, viewer: Viewer) -> PageResult {
    let account = viewer.organizer()?;
    let event = account.event.clone();
    let lang = viewer.lang;
    let store = &state.store;
    let Some((json, created)) = store.schedule_proposal(&event).await.or_page(lang)? else {
        return render(
            &viewer,
            "review.html",
            minijinja::context! { proposal => false },
        );
    };
    let file: mitra_formats::schedule::ScheduleFile = serde_json::from_str(&json)
        .map_err(|e| viewer.error(Problem::Unexpected(e.to_string())))?;
    let changes = engines::changes(store, &event, &file)
        .await
        .map_err(|e| engine_error(&viewer, e))?;
    let plan = store.event_plan(&event).await.or_page(lang)?;
    let orgs = store.organizations(&event).await.or_page(lang)?;
    let names = names(&orgs);
    let name = |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_string());
    let added: Vec<_> = changes
        .add
        .iter()
        .map(|(_, m)| minijinja::context! { a => name(m.a.as_str()), b => name(m.b.as_str()), when => when(&plan, &m.slot), table => m.table.as_str(), interpreter => m.interpreter.as_ref().map(|i| i.as_str()) })
        .collect();
    let unscheduled: Vec<_> = file
        .unscheduled
        .iter()
        .map(|u| minijinja::context! { a => name(&u.a), b => name(&u.b), reason => u.reason.clone() })
        .collect();
    let s = &file.stats;
    // Proven optimal when every level sits at its bound: no schedule meets
    // more of any priority, and none has fewer breaks. The bounds of the
    // lower priorities count each on its own (the format's definition), so
    // a proof of the first level alone is said as such.
    let met_proven = (0..3).all(|i| s.met[i] >= s.bound_met[i]);
    let breaks_proven = s.breaks <= s.bound_breaks;
    let first_proven = s.met[0] >= s.bound_met[0];
    let priorities: Vec<_> = (0..3)
        .map(|i| minijinja::context! { priority => 3 - i, met => s.met[i], requested => s.requested[i], bound => s.bound_met[i] })
        .collect();
    render(
        &viewer,
        "review.html",
        minijinja::context! {
            proposal => true,
            created => chrono::DateTime::from_timestamp(created, 0).map(|d| d.to_rfc3339()).unwrap_or_default(),
            met_proven, breaks_proven, first_proven, priorities, breaks => s.breaks, idle_slots => s.idle_slots, bound_breaks => s.bound_breaks,
            kept => changes.kept, cancelled => changes.cancel.len(), added, unscheduled,
        },
    )
}

pub async fn publish(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<CsrfForm>,
) -> PageResult {
    let account = viewer.organizer()?;
    viewer.check_csrf(&form.csrf)?;
    let event = account.event.clone();
    match engines::publish_proposal(&state.store, &event, account.person.as_str(), now()).await {
        Ok(Some(_)) => Ok(Redirect::to("/organizer?done=published").into_response()),
        Ok(None) => Ok(Redirect::to("/organizer/schedule").into_response()),
        Err(EngineError::Store(e)) if e.is_unique_violation() => {
            // Something changed since the proposal: a double booking the
            // schema refused. Nothing was written; propose again.
            Ok(Redirect::to("/organizer?done=stale").into_response())
        }
        Err(e) => Err(engine_error(&viewer, e)),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SlotQuery {
    slot: String,
}

/// Which meeting is at which table in one slot.
pub async fn table_plan(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SlotQuery>,
) -> PageResult {
    let account = viewer.organizer()?;
    let event = account.event.clone();
    let lang = viewer.lang;
    let store = &state.store;
    let plan = store.event_plan(&event).await.or_page(lang)?;
    let slot = plan
        .slots
        .iter()
        .find(|s| s.id.as_str() == q.slot)
        .or(plan.slots.first())
        .ok_or(viewer.error(Problem::NotFound))?
        .id
        .clone();
    let orgs = store.organizations(&event).await.or_page(lang)?;
    let names = names(&orgs);
    let interpreters: HashMap<String, String> = store
        .interpreters(&event)
        .await
        .or_page(lang)?
        .into_iter()
        .map(|i| (i.id.to_string(), i.name))
        .collect();
    let meetings = store.meetings(&event).await.or_page(lang)?;
    let by_table: HashMap<String, minijinja::Value> = meetings
        .iter()
        .filter(|m| {
            m.meeting.slot == slot
                && m.meeting.status.occupies()
                && m.meeting.status.as_str() != "draft"
        })
        .map(|m| {
            (
                m.meeting.table.to_string(),
                agenda_line(&plan, m, None, &names, &interpreters),
            )
        })
        .collect();
    let tables: Vec<_> = store
        .tables(&event)
        .await
        .or_page(lang)?
        .iter()
        .map(|t| minijinja::context! {
            id => t.id.as_str(), fixed => t.fixed_to.as_ref().map(|o| names.get(o.as_str()).cloned().unwrap_or_else(|| o.to_string())),
            meeting => by_table.get(t.id.as_str()).cloned(),
        })
        .collect();
    let slots: Vec<_> = plan
        .slots
        .iter()
        .map(|s| minijinja::context! { id => s.id.as_str(), when => when(&plan, &s.id) })
        .collect();
    render(
        &viewer,
        "tables.html",
        minijinja::context! { slot => slot.as_str(), when => when(&plan, &slot), slots, tables },
    )
}
