//! Templates and what every page shares: the language, the signed-in
//! person, the CSRF token, times shown in the event's zone.

use crate::auth::Viewer;
use crate::errors::{PageError, Problem};
use crate::i18n::Lang;
use axum::response::{Html, IntoResponse, Response};
use mitra_core::event::EventPlan;
use mitra_core::ids::SlotId;
use std::sync::LazyLock;

macro_rules! templates {
    ($($name:literal),* $(,)?) => {
        /// Every template, by name.
        pub const TEMPLATES: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("../templates/", $name))),)*
        ];
    };
}

templates!(
    "layout.html",
    "home.html",
    "event.html",
    "organization.html",
    "message.html",
    "org-line.html",
    "signin.html",
    "invite.html",
    "company.html",
    "profile.html",
    "outcome.html",
    "delegation.html",
    "objectives.html",
    "notes.html",
    "interpreter.html",
    "organizer.html",
    "review.html",
    "tables.html",
    "checkin.html",
    "day.html",
    "macros.html",
);

/// The template environment: strict about undefined values, with `t()`
/// for messages.
pub fn environment() -> minijinja::Environment<'static> {
    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.add_function("t", crate::i18n::template_function);
    for (name, source) in TEMPLATES {
        // The sources are compiled in; a syntax error is caught by the
        // template test before it can ship.
        if let Err(e) = env.add_template(name, source) {
            tracing::error!("template {name}: {e}");
        }
    }
    env
}

static ENV: LazyLock<minijinja::Environment<'static>> = LazyLock::new(environment);

/// Renders with only the language known (error pages).
pub fn render_bare(
    lang: Lang,
    name: &str,
    ctx: minijinja::Value,
) -> Result<String, minijinja::Error> {
    let base = minijinja::context! {
        lang => lang.code(), html_lang => lang.tag(), langs => languages(), path => "/",
        csrf => "", me => minijinja::Value::from(()),
    };
    ENV.get_template(name)?
        .render(minijinja::context! { ..ctx, ..base })
}

fn languages() -> Vec<minijinja::Value> {
    Lang::ALL
        .iter()
        .map(|l| minijinja::context! { code => l.code(), name => l.endonym(), tag => l.tag() })
        .collect()
}

/// The context every page of a viewer shares.
pub fn base(viewer: &Viewer) -> minijinja::Value {
    let me = match &viewer.account {
        Some(a) => minijinja::context! { name => a.name.clone(), role => a.role.kind() },
        None => minijinja::Value::from(()),
    };
    minijinja::context! {
        lang => viewer.lang.code(), html_lang => viewer.lang.tag(), langs => languages(),
        path => viewer.path.clone(), csrf => viewer.csrf.clone(), me,
    }
}

/// Renders a page for a viewer.
pub fn render(viewer: &Viewer, name: &str, ctx: minijinja::Value) -> Result<Response, PageError> {
    render_html(viewer, name, ctx).map(|html| Html(html).into_response())
}

/// [`render`], as the page's text (for pages kept in memory).
pub fn render_html(
    viewer: &Viewer,
    name: &str,
    ctx: minijinja::Value,
) -> Result<String, PageError> {
    ENV.get_template(name)
        .and_then(|t| t.render(minijinja::context! { ..ctx, ..base(viewer) }))
        .map_err(|e| {
            PageError::new(
                viewer.lang,
                Problem::Unexpected(format!("template {name}: {e:#}")),
            )
        })
}

/// What a kept page of `template` depends on besides its event's
/// generation: everything [`base`] reads of the viewer, and `extra` (what
/// the handler reads of the request or the clock).
pub fn page_key(viewer: &Viewer, template: &str, extra: &str) -> String {
    let person = viewer
        .account
        .as_ref()
        .map(|a| a.person.as_str())
        .unwrap_or("");
    format!(
        "{template}\u{0}{}\u{0}{}\u{0}{}\u{0}{person}\u{0}{extra}",
        viewer.lang.code(),
        viewer.path,
        viewer.csrf
    )
}

/// A slot's time for the templates: date and times in the event's zone,
/// and an RFC 3339 instant that our script shows in the viewer's own zone.
pub fn when(plan: &EventPlan, slot: &SlotId) -> minijinja::Value {
    use chrono::TimeZone;
    let Some(s) = plan.slots.iter().find(|s| &s.id == slot) else {
        return minijinja::context! { date => "", start => slot.as_str(), end => "", iso => "", zone => "" };
    };
    let zone = plan.event.time_zone;
    let iso = zone
        .from_local_datetime(&s.start)
        .earliest()
        .map(|t| t.to_rfc3339())
        .unwrap_or_default();
    minijinja::context! {
        date => s.start.format("%Y-%m-%d").to_string(),
        start => s.start.format("%H:%M").to_string(),
        end => plan.slot_end(s).format("%H:%M").to_string(),
        iso, zone => zone.name(),
    }
}
