//! The delegation lead's area: the delegation's companies, objectives,
//! requests, agenda and outcomes, and the mission itinerary with notes.
//! Every handler starts with [`Viewer::lead`]; a lead sees only their own
//! delegation.

use crate::AppState;
use crate::auth::Viewer;
use crate::company::{MAX_TEXT, account_person, agenda_line, items_text, on_agenda, parse_items};
use crate::errors::{OrPage, PageError, PageResult, Problem};
use crate::view::{page_key, render, render_html};
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect};
use fluent_templates::fluent_bundle::FluentValue;
use mitra_core::ids::{DelegationId, EventId, MissionId};
use mitra_core::mission::{Mission, VisitNotes};
use mitra_core::organization::Delegation;
use mitra_store::AuditLine;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};

async fn own_delegation(
    state: &AppState,
    viewer: &Viewer,
    event: &EventId,
    id: &DelegationId,
) -> Result<Delegation, PageError> {
    state
        .store
        .delegations(event)
        .await
        .or_page(viewer.lang)?
        .into_iter()
        .find(|d| &d.id == id)
        .ok_or(viewer.error(Problem::NotFound))
}

pub async fn overview(State(state): State<AppState>, viewer: Viewer) -> PageResult {
    let (account, id) = viewer.lead()?;
    let event = account.event.clone();
    let lang = viewer.lang;
    let store = &state.store;
    let view = state
        .views
        .get_known(
            store,
            &event,
            Some(account.event_generation),
            crate::auth::now(),
        )
        .await
        .or_page(lang)?;
    let Some(d) = view.delegations.iter().find(|d| d.id == id) else {
        return Err(viewer.error(Problem::NotFound));
    };
    let key = page_key(&viewer, "delegation.html", "");
    let build = async {
        let plan = &view.plan;
        let orgs = &view.organizations;
        let names = &view.names;
        let ours: HashSet<String> = orgs
            .iter()
            .filter(|o| o.delegation.as_ref() == Some(&id))
            .map(|o| o.id.to_string())
            .collect();
        let companies: Vec<_> = orgs
        .iter()
        .filter(|o| ours.contains(o.id.as_str()))
        .map(|o| minijinja::context! { id => o.id.as_str(), name => o.name.clone(), sector => o.sector.map(|s| s.as_str()) })
        .collect();
        let mut by_status: BTreeMap<&'static str, usize> = BTreeMap::new();
        let requests: Vec<_> = view
        .requests
        .iter()
        .filter(|r| ours.contains(r.request.from.as_str()) || ours.contains(r.request.to.as_str()))
        .map(|r| {
            *by_status.entry(r.request.status.as_str()).or_default() += 1;
            let name = |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_string());
            minijinja::context! { from => name(r.request.from.as_str()), to => name(r.request.to.as_str()), status => r.request.status.as_str() }
        })
        .collect();
        let meetings = &view.meetings;
        let agenda: Vec<_> = meetings
            .iter()
            .filter(|m| {
                on_agenda(m)
                    && (ours.contains(m.meeting.a.as_str()) || ours.contains(m.meeting.b.as_str()))
            })
            .map(|m| agenda_line(plan, m, None, names, &view.interpreters))
            .collect();
        let outcomes: Vec<_> = view
        .outcomes
        .iter()
        .filter(|(_, o)| ours.contains(o.recorded_by.as_str()))
        .map(|(mid, o)| {
            let partner = meetings.iter().find(|m| m.id == *mid).map(|m| {
                if m.meeting.a == o.recorded_by { m.meeting.b.to_string() } else { m.meeting.a.to_string() }
            }).unwrap_or_default();
            minijinja::context! {
                by => names.get(o.recorded_by.as_str()).cloned(), partner => names.get(&partner).cloned().unwrap_or(partner),
                interest => o.interest.as_str(), next_step => o.next_step.as_str(), products => o.products.join(", "),
                value => o.estimated_value.as_ref().map(|v| format!("{} {}", v.amount, v.currency)),
            }
        })
        .collect();
        let missions: Vec<_> = view
        .missions
        .iter()
        .filter(|m| m.delegation == id)
        .map(|m| {
            let items: Vec<_> = m.itinerary.iter().enumerate().map(|(i, it)| minijinja::context! {
                index => i, date => it.date.to_string(), kind => it.kind.as_str(), title => it.title.clone(),
                place => it.place.clone(), host => it.host.clone(),
                technologies_seen => it.notes.technologies_seen.clone(), lessons => it.notes.lessons.clone(),
                contacts => it.notes.contacts.clone(), follow_ups => it.notes.follow_ups.clone(),
            }).collect();
            minijinja::context! { id => m.id.as_str(), title => m.title.clone(), start => m.start.to_string(), end => m.end.to_string(), items }
        })
        .collect();
        render_html(
            &viewer,
            "delegation.html",
            minijinja::context! {
                delegation => minijinja::context! {
                    id => d.id.as_str(), name => d.name.clone(), country => d.country.as_str(), region => d.region.clone(), demo => d.demo,
                    export_products => d.objectives.export_products.iter().map(|i| i.text.clone()).collect::<Vec<_>>(),
                    technology_sought => d.objectives.technology_sought.iter().map(|i| i.text.clone()).collect::<Vec<_>>(),
                    risks => d.objectives.risks.clone(),
                },
                companies, requests, by_status, agenda, outcomes, missions,
            },
        )
    };
    Ok(Html(view.page(key, build).await?).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ObjectivesForm {
    csrf: String,
    export_products: String,
    technology_sought: String,
    risks: String,
}

fn objectives_page(
    viewer: &Viewer,
    d: &Delegation,
    form: &ObjectivesForm,
    errors: minijinja::Value,
) -> PageResult {
    render(
        viewer,
        "objectives.html",
        minijinja::context! {
            delegation => minijinja::context! { name => d.name.clone() },
            form => minijinja::context! {
                export_products => form.export_products.clone(), technology_sought => form.technology_sought.clone(), risks => form.risks.clone(),
            },
            errors,
        },
    )
}

pub async fn objectives_form(State(state): State<AppState>, viewer: Viewer) -> PageResult {
    let (account, id) = viewer.lead()?;
    let event = account.event.clone();
    let d = own_delegation(&state, &viewer, &event, &id).await?;
    let form = ObjectivesForm {
        csrf: String::new(),
        export_products: items_text(&d.objectives.export_products),
        technology_sought: items_text(&d.objectives.technology_sought),
        risks: d.objectives.risks.join("\n"),
    };
    objectives_page(&viewer, &d, &form, minijinja::context! {})
}

fn lines(raw: &str) -> Vec<String> {
    raw.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

pub async fn save_objectives(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<ObjectivesForm>,
) -> PageResult {
    let (account, id) = viewer.lead()?;
    viewer.check_csrf(&form.csrf)?;
    let lang = viewer.lang;
    let event = account.event.clone();
    let mut d = own_delegation(&state, &viewer, &event, &id).await?;
    let mut errors = BTreeMap::new();
    let export = parse_items(lang, &form.export_products)
        .map_err(|e| errors.insert("export_products", e))
        .ok();
    let tech = parse_items(lang, &form.technology_sought)
        .map_err(|e| errors.insert("technology_sought", e))
        .ok();
    let risks = lines(&form.risks);
    if form.risks.chars().count() > MAX_TEXT || risks.len() > 30 {
        errors.insert(
            "risks",
            lang.t_args("field-too-long", &[("max", FluentValue::from(MAX_TEXT))]),
        );
    }
    let (Some(export), Some(tech), true) = (export, tech, errors.is_empty()) else {
        return objectives_page(
            &viewer,
            &d,
            &form,
            minijinja::Value::from(minijinja::value::Serde(&errors)),
        )
        .map(|r| (axum::http::StatusCode::UNPROCESSABLE_ENTITY, r).into_response());
    };
    d.objectives.export_products = export;
    d.objectives.technology_sought = tech;
    d.objectives.risks = risks;
    let subject = d.id.to_string();
    let detail = format!(
        "{} export products, {} technologies sought, {} risks",
        d.objectives.export_products.len(),
        d.objectives.technology_sought.len(),
        d.objectives.risks.len()
    );
    let line = AuditLine {
        actor: account_person(&viewer),
        now: crate::auth::now(),
        action: "objectives",
        subject: &subject,
        detail: &detail,
    };
    state
        .store
        .import_audited(&event, &[d], &[], &line)
        .await
        .or_page(lang)?;
    Ok(Redirect::to("/delegation#objectives").into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NotesForm {
    csrf: String,
    technologies_seen: String,
    lessons: String,
    contacts: String,
    follow_ups: String,
}

async fn own_mission(
    state: &AppState,
    viewer: &Viewer,
    event: &EventId,
    delegation: &DelegationId,
    mission: &str,
    index: &str,
) -> Result<(Mission, usize), PageError> {
    let id = MissionId::parse(mission).map_err(|_| viewer.error(Problem::NotFound))?;
    let index: usize = index.parse().map_err(|_| viewer.error(Problem::NotFound))?;
    let missions = state.store.missions(event).await.or_page(viewer.lang)?;
    let m = missions
        .into_iter()
        .find(|m| m.id == id)
        .ok_or(viewer.error(Problem::NotFound))?;
    if &m.delegation != delegation {
        return Err(viewer.error(Problem::Forbidden));
    }
    if index >= m.itinerary.len() {
        return Err(viewer.error(Problem::NotFound));
    }
    Ok((m, index))
}

fn notes_page(
    viewer: &Viewer,
    m: &Mission,
    index: usize,
    form: &NotesForm,
    errors: minijinja::Value,
) -> PageResult {
    let it = &m.itinerary[index];
    render(
        viewer,
        "notes.html",
        minijinja::context! {
            mission => m.id.as_str(), index,
            item => minijinja::context! { title => it.title.clone(), date => it.date.to_string(), kind => it.kind.as_str(), place => it.place.clone() },
            form => minijinja::context! {
                technologies_seen => form.technologies_seen.clone(), lessons => form.lessons.clone(),
                contacts => form.contacts.clone(), follow_ups => form.follow_ups.clone(),
            },
            errors,
        },
    )
}

pub async fn notes_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((mission, index)): Path<(String, String)>,
) -> PageResult {
    let (account, id) = viewer.lead()?;
    let event = account.event.clone();
    let (m, index) = own_mission(&state, &viewer, &event, &id, &mission, &index).await?;
    let n = &m.itinerary[index].notes;
    let form = NotesForm {
        csrf: String::new(),
        technologies_seen: n.technologies_seen.join("\n"),
        lessons: n.lessons.join("\n"),
        contacts: n.contacts.join("\n"),
        follow_ups: n.follow_ups.join("\n"),
    };
    notes_page(&viewer, &m, index, &form, minijinja::context! {})
}

pub async fn save_notes(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((mission, index)): Path<(String, String)>,
    Form(form): Form<NotesForm>,
) -> PageResult {
    let (account, id) = viewer.lead()?;
    viewer.check_csrf(&form.csrf)?;
    let lang = viewer.lang;
    let event = account.event.clone();
    let (mut m, index) = own_mission(&state, &viewer, &event, &id, &mission, &index).await?;
    let mut errors = BTreeMap::new();
    for (field, value) in [
        ("technologies_seen", &form.technologies_seen),
        ("lessons", &form.lessons),
        ("contacts", &form.contacts),
        ("follow_ups", &form.follow_ups),
    ] {
        if value.chars().count() > MAX_TEXT {
            errors.insert(
                field,
                lang.t_args("field-too-long", &[("max", FluentValue::from(MAX_TEXT))]),
            );
        }
    }
    if !errors.is_empty() {
        return notes_page(
            &viewer,
            &m,
            index,
            &form,
            minijinja::Value::from(minijinja::value::Serde(&errors)),
        )
        .map(|r| (axum::http::StatusCode::UNPROCESSABLE_ENTITY, r).into_response());
    }
    m.itinerary[index].notes = VisitNotes {
        technologies_seen: lines(&form.technologies_seen),
        lessons: lines(&form.lessons),
        contacts: lines(&form.contacts),
        follow_ups: lines(&form.follow_ups),
    };
    let subject = format!("{} visit {}", m.id, index + 1);
    let line = AuditLine {
        actor: account_person(&viewer),
        now: crate::auth::now(),
        action: "visit-notes",
        subject: &subject,
        detail: &m.itinerary[index].title,
    };
    state
        .store
        .save_mission_audited(&event, &m, &line)
        .await
        .or_page(lang)?;
    Ok(Redirect::to("/delegation#itinerary").into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReportQuery {
    /// `pdf` for the PDF; anything else gives the HTML report.
    format: String,
}

/// The delegation's mission report, built from the records as they stand,
/// in the viewer's language: HTML, or PDF with `?format=pdf`.
pub async fn mission_report(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(query): Query<ReportQuery>,
) -> PageResult {
    let (account, id) = viewer.lead()?;
    let lang = viewer.lang;
    let event = account.event.clone();
    let inputs = crate::services::reports::mission_inputs(&state.store, &event, &id, None)
        .await
        .or_page(lang)?;
    let doc_lang = crate::services::paper::doc_lang(lang);
    let unexpected = |e: String| PageError::new(lang, Problem::Unexpected(e));
    let (content_type, bytes) = tokio::task::spawn_blocking(move || {
        let report = mitra_insight::build_mission_report(&inputs);
        if query.format == "pdf" {
            let fonts = mitra_docs::Fonts::system().map_err(|e| e.to_string())?;
            mitra_docs::render_mission_pdf(&report, doc_lang, &fonts)
                .map(|pdf| ("application/pdf", pdf))
                .map_err(|e| e.to_string())
        } else {
            Ok((
                "text/html; charset=utf-8",
                mitra_docs::render_mission_html(&report, doc_lang),
            ))
        }
    })
    .await
    .map_err(|e| unexpected(e.to_string()))?
    .map_err(unexpected)?;
    Ok(([(axum::http::header::CONTENT_TYPE, content_type)], bytes).into_response())
}
