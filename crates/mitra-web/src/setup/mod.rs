//! The organizer's event setup (`/organizer/setup`) and the registrations
//! that wait for approval: the public form `/events/{event}/register`
//! and the organizer's queue `/organizer/registrations`. Organizer
//! handlers start with [`Viewer::organizer`](crate::auth::Viewer::organizer).
//!
//! The pages' messages are in `locales/*/setup.ftl`; the templates
//! (`setup*.html`, `register*.html`) are added here to the shared ones.

mod event;
mod registration;

use crate::auth::Viewer;
use crate::errors::{PageError, Problem};
use axum::response::{Html, IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;
use std::collections::BTreeMap;
use std::sync::LazyLock;

route_table! {
    /// The setup and registration routes, merged into the application
    /// router by [`routes`].
    pub(crate) const ROUTES, pub(crate) fn routes;
    get "/organizer/setup" => event::setup_form;
    post "/organizer/setup" => event::save_setup;
    get "/events/{event}/register" => registration::register_form;
    post "/events/{event}/register" => registration::register;
    get "/organizer/registrations" => registration::queue;
    post "/organizer/registrations/{id}/approve" => registration::approve;
    post "/organizer/registrations/{id}/reject" => registration::reject;
}

/// This module's templates.
const TEMPLATES: &[(&str, &str)] = &[
    ("setup.html", include_str!("../../templates/setup.html")),
    (
        "register.html",
        include_str!("../../templates/register.html"),
    ),
    (
        "registrations.html",
        include_str!("../../templates/registrations.html"),
    ),
];

/// The shared templates and this module's.
static ENV: LazyLock<minijinja::Environment<'static>> = LazyLock::new(|| {
    let mut env = crate::view::environment();
    for (name, source) in TEMPLATES {
        // Compiled in; the template test catches a syntax error.
        if let Err(e) = env.add_template(name, source) {
            tracing::error!("template {name}: {e}");
        }
    }
    env
});

/// Renders one of this module's pages for a viewer.
fn render(viewer: &Viewer, name: &str, ctx: minijinja::Value) -> Result<Response, PageError> {
    ENV.get_template(name)
        .and_then(|t| t.render(minijinja::context! { ..ctx, ..crate::view::base(viewer) }))
        .map(|html| Html(html).into_response())
        .map_err(|e| viewer.error(Problem::Unexpected(format!("template {name}: {e:#}"))))
}

/// Field errors of a form, by field name, in the viewer's language.
#[derive(Default)]
struct Errors(BTreeMap<String, String>);

impl Errors {
    /// Keeps the first message of a field.
    fn add(&mut self, field: impl Into<String>, message: String) {
        self.0.entry(field.into()).or_insert(message);
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn value(&self) -> minijinja::Value {
        minijinja::Value::from(minijinja::value::Serde(&self.0))
    }
}

/// A message with arguments, all as text or numbers.
fn msg(lang: crate::i18n::Lang, key: &str, args: &[(&str, &str)]) -> String {
    let args: Vec<(&str, FluentValue<'static>)> = args
        .iter()
        .map(|(k, v)| (*k, FluentValue::from(v.to_string())))
        .collect();
    lang.t_args(key, &args)
}

/// Whether a text looks like an e-mail address: one `@`, something
/// before it, a dotted domain after it, no spaces.
fn is_email(raw: &str) -> bool {
    let Some((local, domain)) = raw.split_once('@') else {
        return false;
    };
    raw.len() <= 254
        && !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !raw.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// ISO 639-1 codes from "zh, id en": every one checked; a message for
/// the first that is not one.
fn languages(
    lang: crate::i18n::Lang,
    raw: &str,
) -> Result<Vec<mitra_core::codes::LanguageCode>, String> {
    let mut out: Vec<mitra_core::codes::LanguageCode> = Vec::new();
    for code in raw.split([',', ' ', ';', '/']).filter(|c| !c.is_empty()) {
        let code = code.trim().to_ascii_lowercase();
        match mitra_core::codes::LanguageCode::parse(&code) {
            Ok(l) if !out.contains(&l) => out.push(l),
            Ok(_) => {}
            Err(_) => return Err(msg(lang, "setup-error-language", &[("code", &code)])),
        }
    }
    if out.is_empty() {
        return Err(lang.t("setup-error-languages-required"));
    }
    if out.len() > 20 {
        return Err(lang.t_args("field-too-many", &[("max", FluentValue::from(20))]));
    }
    Ok(out)
}

/// A trimmed text of at most `max` characters; `None` when empty.
fn optional_text(
    errors: &mut Errors,
    lang: crate::i18n::Lang,
    field: &str,
    raw: &str,
    max: usize,
) -> Option<String> {
    let text = raw.trim();
    if text.chars().count() > max {
        errors.add(
            field,
            lang.t_args("setup-error-too-long", &[("max", FluentValue::from(max))]),
        );
    }
    (!text.is_empty()).then(|| text.to_string())
}

/// A trimmed text that must be given.
fn required_text(
    errors: &mut Errors,
    lang: crate::i18n::Lang,
    field: &str,
    raw: &str,
    max: usize,
) -> String {
    let text = optional_text(errors, lang, field, raw, max);
    if text.is_none() {
        errors.add(field, lang.t("setup-error-required"));
    }
    text.unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn keys(ftl: &str) -> std::collections::BTreeSet<String> {
        ftl.lines()
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k))
            .filter(|k| {
                !k.is_empty()
                    && k.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            })
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn every_language_has_every_setup_message() {
        let en = keys(include_str!("../../../../locales/en/setup.ftl"));
        let id = keys(include_str!("../../../../locales/id/setup.ftl"));
        let zh = keys(include_str!("../../../../locales/zh-CN/setup.ftl"));
        assert_eq!(en, id, "en and id differ");
        assert_eq!(en, zh, "en and zh-CN differ");
        let shared = keys(include_str!("../../../../locales/en/mitra.ftl"));
        for key in &en {
            assert!(!shared.contains(key), "{key} is in mitra.ftl too");
        }
        for (name, source) in TEMPLATES {
            for quote in ['"', '\''] {
                let opener = format!("t({quote}");
                for (at, _) in source.match_indices(&opener) {
                    let rest = &source[at + opener.len()..];
                    let key = &rest[..rest.find(quote).unwrap()];
                    if rest[key.len() + 1..].trim_start().starts_with('~') {
                        continue; // a prefix: the named ones are below
                    }
                    assert!(
                        en.contains(key) || shared.contains(key),
                        "{name}: no message {key:?}"
                    );
                }
            }
        }
        for sector in mitra_core::organization::Sector::ALL {
            assert!(en.contains(&format!("reg-sector-{}", sector.as_str())));
        }
        for done in registration::NOTICES {
            assert!(en.contains(&format!("reg-done-{done}")), "{done}");
        }
        for lang in Lang::ALL {
            assert!(lang.has("setup-title") && lang.has("reg-title"), "{lang:?}");
        }
    }

    #[test]
    fn e_mail_addresses_and_languages_are_checked() {
        assert!(is_email("a.b@example.org"));
        for bad in [
            "",
            "a@b",
            "@example.org",
            "a b@example.org",
            "a@@b.org",
            "a@b.",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
        assert_eq!(
            languages(Lang::En, "zh, ID en zh")
                .unwrap()
                .iter()
                .map(|l| l.as_str())
                .collect::<Vec<_>>(),
            ["zh", "id", "en"]
        );
        assert!(languages(Lang::En, "ind").is_err());
        assert!(languages(Lang::En, " , ").is_err());
    }
}
