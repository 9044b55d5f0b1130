//! Registrations with approval. A company registers itself on the public
//! form `/events/{event}/register` (no sign-in); the registration waits,
//! invisible to matching, scheduling and the event's pages, until the
//! organizer approves it at `/organizer/registrations`. Approving makes
//! the organization and its representative and queues the
//! representative's invitation mail, in the representative's language,
//! all in one transaction; rejecting records the decision only.

use super::{Errors, is_email, languages, msg, optional_text, render, required_text};
use crate::AppState;
use crate::auth::{Viewer, now, random_token, token_hash};
use crate::company::parse_items;
use crate::errors::{OrPage, PageResult, Problem};
use crate::i18n::Lang;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use mitra_core::codes::CountryCode;
use mitra_core::event::EventPlan;
use mitra_core::ids::{EventId, OrgId, PersonId};
use mitra_core::organization::{Organization, Sector, Side, TradeItem};
use mitra_core::people::{Person, Role};
use mitra_store::{NewMail, StoreError};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// The notices the organizer's queue knows (the query is the visitor's to
/// type).
pub(super) const NOTICES: [&str; 4] = ["approved", "rejected", "decided", "taken"];

/// How long an approved representative's invitation link works.
const INVITATION_VALID: Duration = Duration::from_secs(14 * 24 * 3600);

const MAX_NAME: usize = 200;

/// The public form, as typed.
#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct RegisterForm {
    #[serde(skip_serializing)]
    csrf: String,
    company: String,
    side: String,
    country: String,
    delegation: String,
    languages: String,
    sector: String,
    description: String,
    offers: String,
    needs: String,
    rep_name: String,
    rep_email: String,
    rep_languages: String,
}

/// The event's name in a language, where it has one.
fn event_name(plan: &EventPlan, lang: Lang) -> String {
    let e = &plan.event;
    let local = match lang {
        Lang::Zh => e.name_zh.as_ref(),
        Lang::Id => e.name_id.as_ref(),
        Lang::En => None,
    };
    local.unwrap_or(&e.name).clone()
}

/// The language a person reads: the first of theirs that Mitra speaks.
fn language_of(person: &Person) -> Lang {
    person
        .languages
        .iter()
        .find_map(|l| Lang::parse(l.as_str()))
        .unwrap_or(Lang::En)
}

async fn register_page(
    state: &AppState,
    viewer: &Viewer,
    plan: &EventPlan,
    form: &RegisterForm,
    errors: &Errors,
    done: bool,
) -> PageResult {
    let delegations: Vec<_> = state
        .store
        .delegations(&plan.event.id)
        .await
        .or_page(viewer.lang)?
        .iter()
        .map(|d| minijinja::context! { id => d.id.as_str(), name => d.name.clone(), country => d.country.as_str() })
        .collect();
    render(
        viewer,
        "register.html",
        minijinja::context! {
            event => minijinja::context! {
                id => plan.event.id.as_str(), name => event_name(plan, viewer.lang), demo => plan.event.demo,
            },
            delegations,
            sectors => Sector::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            form => minijinja::Value::from(minijinja::value::Serde(form)),
            errors => errors.value(), failed => !errors.is_empty(), done,
        },
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DoneQuery {
    done: Option<String>,
}

fn event_id(viewer: &Viewer, raw: &str) -> Result<EventId, crate::errors::PageError> {
    EventId::parse(raw).map_err(|_| viewer.error(Problem::NotFound))
}

pub async fn register_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(event): Path<String>,
    Query(q): Query<DoneQuery>,
) -> PageResult {
    let event = event_id(&viewer, &event)?;
    let plan = state.store.event_plan(&event).await.or_page(viewer.lang)?;
    // The representative most likely speaks the language they read in.
    let form = RegisterForm {
        rep_languages: viewer.lang.code().to_string(),
        ..Default::default()
    };
    register_page(
        &state,
        &viewer,
        &plan,
        &form,
        &Errors::default(),
        q.done.is_some(),
    )
    .await
}

/// The form checked: the company and its representative (with
/// provisional ids: the approval chooses the codes), or the messages.
async fn validate(
    state: &AppState,
    lang: Lang,
    event: &EventId,
    form: &RegisterForm,
) -> Result<Result<(Organization, Person), Errors>, crate::errors::PageError> {
    let store = &state.store;
    let mut errors = Errors::default();
    let company = required_text(&mut errors, lang, "company", &form.company, MAX_NAME);
    let side = Side::parse(form.side.trim())
        .map_err(|_| errors.add("side", lang.t("reg-error-side")))
        .ok();
    let country_raw = form.country.trim().to_ascii_uppercase();
    let country = CountryCode::parse(&country_raw)
        .map_err(|_| {
            errors.add(
                "country",
                msg(lang, "reg-error-country", &[("value", form.country.trim())]),
            )
        })
        .ok();
    let delegations = store.delegations(event).await.or_page(lang)?;
    let delegation = match side {
        Some(Side::Guest) if !delegations.is_empty() => {
            let chosen = delegations
                .iter()
                .find(|d| d.id.as_str() == form.delegation.trim())
                .map(|d| d.id.clone());
            if chosen.is_none() {
                errors.add("delegation", lang.t("reg-error-delegation"));
            }
            chosen
        }
        _ => None,
    };
    let spoken = languages(lang, &form.languages)
        .map_err(|e| errors.add("languages", e))
        .unwrap_or_default();
    let sector = match form.sector.trim() {
        "" => None,
        raw => Sector::parse(raw)
            .map_err(|_| errors.add("sector", lang.t("reg-error-sector")))
            .ok(),
    };
    let description = optional_text(
        &mut errors,
        lang,
        "description",
        &form.description,
        crate::company::MAX_TEXT,
    );
    let offers: Vec<TradeItem> = parse_items(lang, &form.offers)
        .map_err(|e| errors.add("offers", e))
        .unwrap_or_default();
    let needs: Vec<TradeItem> = parse_items(lang, &form.needs)
        .map_err(|e| errors.add("needs", e))
        .unwrap_or_default();
    let rep_name = required_text(&mut errors, lang, "rep_name", &form.rep_name, MAX_NAME);
    let rep_email = required_text(&mut errors, lang, "rep_email", &form.rep_email, 254);
    if !rep_email.is_empty() && !is_email(&rep_email) {
        errors.add("rep_email", lang.t("setup-error-email"));
    }
    let rep_languages = languages(lang, &form.rep_languages)
        .map_err(|e| errors.add("rep_languages", e))
        .unwrap_or_default();
    // Taken names and addresses: the event's organizations and people,
    // and the registrations still waiting.
    let pending = store.registrations(event, "pending").await.or_page(lang)?;
    let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
    if !company.is_empty() {
        let orgs = store.organizations(event).await.or_page(lang)?;
        if orgs.iter().any(|o| same(&o.name, &company))
            || pending.iter().any(|(_, _, c, _)| same(&c.name, &company))
        {
            errors.add("company", lang.t("reg-error-name-taken"));
        }
    }
    if !rep_email.is_empty() {
        let people = store.people(event).await.or_page(lang)?;
        if people.iter().any(|p| same(&p.email, &rep_email))
            || pending
                .iter()
                .any(|(_, _, _, p)| same(&p.email, &rep_email))
        {
            errors.add("rep_email", lang.t("reg-error-email-taken"));
        }
    }
    let (Some(side), Some(country), true) = (side, country, errors.is_empty()) else {
        return Ok(Err(errors));
    };
    let provisional = |raw: &str| {
        OrgId::parse(raw)
            .map_err(|e| crate::errors::PageError::new(lang, Problem::Unexpected(e.to_string())))
    };
    let org = provisional("pending")?;
    let organization = Organization {
        id: org.clone(),
        name: company,
        side,
        country,
        region: None,
        delegation,
        sector,
        languages: spoken,
        description,
        offers,
        needs,
        certifications: Vec::new(),
        capacity: None,
        website: None,
        demo: false,
    };
    let representative = Person {
        id: PersonId::parse("pending-rep")
            .map_err(|e| crate::errors::PageError::new(lang, Problem::Unexpected(e.to_string())))?,
        name: rep_name,
        email: rep_email,
        title: None,
        languages: rep_languages,
        role: Role::CompanyRep(org),
        demo: false,
    };
    Ok(Ok((organization, representative)))
}

/// The form again, with its messages.
async fn unprocessable(
    state: &AppState,
    viewer: &Viewer,
    plan: &EventPlan,
    form: &RegisterForm,
    errors: &Errors,
) -> PageResult {
    register_page(state, viewer, plan, form, errors, false)
        .await
        .map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response())
}

pub async fn register(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(event): Path<String>,
    Form(form): Form<RegisterForm>,
) -> PageResult {
    let event = event_id(&viewer, &event)?;
    let lang = viewer.lang;
    let plan = state.store.event_plan(&event).await.or_page(lang)?;
    viewer.check_csrf(&form.csrf)?;
    let (company, representative) = match validate(&state, lang, &event, &form).await? {
        Ok(checked) => checked,
        Err(errors) => return unprocessable(&state, &viewer, &plan, &form, &errors).await,
    };
    match state
        .store
        .submit_registration(&event, &company, &representative, now())
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/events/{event}/register?done=1")).into_response()),
        // Taken between the check and the write (the same company twice
        // at once).
        Err(StoreError::Conflict(_)) => {
            let mut errors = Errors::default();
            errors.add("company", lang.t("reg-error-name-taken"));
            unprocessable(&state, &viewer, &plan, &form, &errors).await
        }
        Err(e) => Err(viewer.error(Problem::Unexpected(e.to_string()))),
    }
}

fn items_view(items: &[TradeItem]) -> Vec<minijinja::Value> {
    items
        .iter()
        .map(|i| minijinja::context! { text => i.text.clone(), hs => i.hs.iter().map(|c| c.to_string()).collect::<Vec<_>>() })
        .collect()
}

fn codes_text(codes: &[mitra_core::codes::LanguageCode]) -> String {
    codes
        .iter()
        .map(|l| l.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The organizer's queue of registrations waiting for a decision.
pub async fn queue(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<DoneQuery>,
) -> PageResult {
    let account = viewer.organizer()?;
    let event = account.event.clone();
    let lang = viewer.lang;
    let store = &state.store;
    let plan = store.event_plan(&event).await.or_page(lang)?;
    let delegations = store.delegations(&event).await.or_page(lang)?;
    let registrations: Vec<_> = store
        .registrations(&event, "pending")
        .await
        .or_page(lang)?
        .iter()
        .map(|(id, at, c, p)| {
            let delegation = c.delegation.as_ref().map(|d| {
                delegations
                    .iter()
                    .find(|x| &x.id == d)
                    .map(|x| x.name.clone())
                    .unwrap_or_else(|| d.to_string())
            });
            minijinja::context! {
                id, submitted => chrono::DateTime::from_timestamp(*at, 0).map(|d| d.to_rfc3339()).unwrap_or_default(),
                company => c.name.clone(), side => c.side.as_str(), country => c.country.as_str(), delegation,
                sector => c.sector.map(|s| s.as_str()), languages => codes_text(&c.languages),
                description => c.description.clone(), offers => items_view(&c.offers), needs => items_view(&c.needs),
                rep => minijinja::context! { name => p.name.clone(), email => p.email.clone(), languages => codes_text(&p.languages) },
            }
        })
        .collect();
    render(
        &viewer,
        "registrations.html",
        minijinja::context! {
            event => minijinja::context! { id => event.as_str(), name => event_name(&plan, lang), demo => plan.event.demo },
            registrations,
            done => NOTICES.iter().find(|n| Some(**n) == q.done.as_deref()).copied(),
        },
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CsrfForm {
    csrf: String,
}

fn registration_id(viewer: &Viewer, raw: &str) -> Result<i64, crate::errors::PageError> {
    raw.parse::<i64>()
        .map_err(|_| viewer.error(Problem::NotFound))
}

fn notice(done: &str) -> PageResult {
    Ok(Redirect::to(&format!("/organizer/registrations?done={done}")).into_response())
}

/// The representative's invitation, in their language.
fn invitation_mail(
    plan: &EventPlan,
    id: i64,
    company: &Organization,
    rep: &Person,
    link: &str,
    expires_at: i64,
) -> NewMail {
    use chrono::TimeZone;
    let lang = language_of(rep);
    let event = event_name(plan, lang);
    let zone = plan.event.time_zone;
    let until = zone
        .timestamp_opt(expires_at, 0)
        .single()
        .map(|t| format!("{} ({})", t.format("%Y-%m-%d %H:%M"), zone.name()))
        .unwrap_or_default();
    NewMail {
        message_id: format!("{}.registration-{id}.invitation@mitra", plan.event.id),
        to_name: rep.name.clone(),
        to_address: rep.email.clone(),
        subject: msg(lang, "reg-mail-subject", &[("event", &event)]),
        body: msg(
            lang,
            "reg-mail-body",
            &[
                ("name", &rep.name),
                ("company", &company.name),
                ("event", &event),
                ("link", link),
                ("until", &until),
            ],
        ),
        calendar: None,
    }
}

pub async fn approve(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(form): Form<CsrfForm>,
) -> PageResult {
    let account = viewer.organizer()?;
    viewer.check_csrf(&form.csrf)?;
    let id = registration_id(&viewer, &id)?;
    let event = account.event.clone();
    let lang = viewer.lang;
    let store = &state.store;
    let (status, company, rep) = store.registration(&event, id).await.or_page(lang)?;
    if status != "pending" {
        return notice("decided");
    }
    let plan = store.event_plan(&event).await.or_page(lang)?;
    let token = random_token().map_err(|e| viewer.error(Problem::Unexpected(e)))?;
    let now = now();
    let expires_at = now + INVITATION_VALID.as_secs() as i64;
    let mail = invitation_mail(
        &plan,
        id,
        &company,
        &rep,
        &format!(
            "{}/invite/{token}",
            state.config.public_url.trim_end_matches('/')
        ),
        expires_at,
    );
    match store
        .approve_registration(
            &event,
            id,
            &account.person,
            now,
            (&token_hash(&token), expires_at),
            &mail,
        )
        .await
    {
        Ok(_) => notice("approved"),
        Err(StoreError::Conflict(_)) => {
            // Decided by someone else meanwhile, or its name or address
            // was taken since it came: say which.
            let (status, _, _) = store.registration(&event, id).await.or_page(lang)?;
            notice(if status == "pending" {
                "taken"
            } else {
                "decided"
            })
        }
        Err(e) => Err(e).or_page(lang),
    }
}

pub async fn reject(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(form): Form<CsrfForm>,
) -> PageResult {
    let account = viewer.organizer()?;
    viewer.check_csrf(&form.csrf)?;
    let id = registration_id(&viewer, &id)?;
    let event = account.event.clone();
    match state
        .store
        .reject_registration(&event, id, &account.person, now())
        .await
    {
        Ok(()) => notice("rejected"),
        Err(StoreError::Conflict(_)) => notice("decided"),
        Err(e) => Err(e).or_page(viewer.lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_invitation_is_in_the_representatives_language() {
        let plan = {
            let event = mitra_core::event::Event {
                id: EventId::parse("e").unwrap(),
                name: "Matchmaking".into(),
                name_zh: Some("对接会".into()),
                name_id: Some("Temu Bisnis".into()),
                venue: None,
                city: None,
                time_zone: chrono_tz::Asia::Shanghai,
                slot_minutes: 20,
                demo: false,
            };
            EventPlan::new(event, Vec::new()).unwrap()
        };
        let org = OrgId::parse("pt-kopi").unwrap();
        let company = Organization {
            id: org.clone(),
            name: "PT Kopi".into(),
            side: Side::Guest,
            country: CountryCode::parse("ID").unwrap(),
            region: None,
            delegation: None,
            sector: None,
            languages: Vec::new(),
            description: None,
            offers: Vec::new(),
            needs: Vec::new(),
            certifications: Vec::new(),
            capacity: None,
            website: None,
            demo: false,
        };
        let rep = Person {
            id: PersonId::parse("rep-pt-kopi").unwrap(),
            name: "Sari".into(),
            email: "sari@example.org".into(),
            title: None,
            languages: vec![
                mitra_core::codes::LanguageCode::parse("ms").unwrap(),
                mitra_core::codes::LanguageCode::parse("id").unwrap(),
            ],
            role: Role::CompanyRep(org),
            demo: false,
        };
        let mail = invitation_mail(&plan, 7, &company, &rep, "http://x/invite/abc", 0);
        assert!(mail.subject.contains("Temu Bisnis"), "{}", mail.subject);
        assert!(mail.body.contains("http://x/invite/abc") && mail.body.contains("Sari"));
        assert!(
            mail.body.contains("1970-01-01 08:00 (Asia/Shanghai)"),
            "{}",
            mail.body
        );
        assert_eq!(mail.message_id, "e.registration-7.invitation@mitra");
    }
}
