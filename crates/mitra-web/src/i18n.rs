//! Languages: English, Bahasa Indonesia, Simplified Chinese. Messages are
//! Project Fluent files in `locales/{en,id,zh-CN}/` at the repository
//! root, compiled into the binary. The language of a request comes from
//! `?lang=`, then the `mitra_lang` cookie, then `Accept-Language`.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "../../locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: they would show in
        // HTML attributes and in copied text.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language Mitra speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Id,
    Zh,
}

static IDS: LazyLock<[LanguageIdentifier; 3]> =
    LazyLock::new(|| ["en", "id", "zh-CN"].map(|s| s.parse().unwrap_or_default()));

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Id, Lang::Zh];

    /// The code used in `?lang=` and the cookie.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Id => "id",
            Lang::Zh => "zh",
        }
    }

    /// The BCP 47 tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Id => "id",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language's own name, for the switcher.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Id => "Bahasa Indonesia",
            Lang::Zh => "简体中文",
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        &IDS[self as usize]
    }

    /// Reads `en`, `id`, `zh` and their regional forms (`en-GB`,
    /// `zh-Hans-CN`, the old `in` for Indonesian).
    pub fn parse(raw: &str) -> Option<Lang> {
        let primary = raw.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "id" | "in" => Some(Lang::Id),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }

    /// The best language of an `Accept-Language` header, by its weights.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, usize, Lang)> = None;
        for (position, part) in header.split(',').enumerate() {
            let mut pieces = part.split(';');
            let Some(lang) = pieces.next().and_then(Lang::parse) else {
                continue;
            };
            let weight = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if weight <= 0.0 {
                continue;
            }
            // Highest weight wins; among equals, the first listed.
            let better = match best {
                None => true,
                Some((w, p, _)) => weight > w || (weight == w && position < p),
            };
            if better {
                best = Some((weight, position, lang));
            }
        }
        best.map(|(_, _, l)| l)
    }

    /// A message without arguments.
    pub fn t(self, key: &str) -> String {
        self.t_args(key, &[])
    }

    /// A message with arguments. A key missing everywhere shows as the key
    /// itself, so a page never fails for a missing word; the template test
    /// makes sure none is missing.
    pub fn t_args(self, key: &str, args: &[(&str, FluentValue<'static>)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'static>> = args
            .iter()
            .map(|(k, v)| (Cow::Owned(k.to_string()), v.clone()))
            .collect();
        LOCALES
            .try_lookup_complete(self.id(), key, (!map.is_empty()).then_some(&map))
            .unwrap_or_else(|| key.to_string())
    }

    /// Whether this language has its own message for `key` (no fallback).
    pub fn has(self, key: &str) -> bool {
        LOCALES.try_lookup(self.id(), key).is_some()
    }
}

/// The `t` function of the templates: `{{ t("key", name=value) }}` in the
/// language of the page being rendered (its `lang` variable).
pub fn template_function(
    state: &minijinja::State,
    key: &str,
    kwargs: minijinja::value::Kwargs,
) -> Result<String, minijinja::Error> {
    let lang = state
        .lookup("lang")
        .and_then(|v| v.as_str().and_then(Lang::parse))
        .ok_or_else(|| {
            minijinja::Error::new(
                minijinja::ErrorKind::UndefinedError,
                "the page has no `lang` variable",
            )
        })?;
    let mut args = HashMap::new();
    for name in kwargs.args() {
        let value: minijinja::Value = kwargs.get(name)?;
        let fluent = if let Some(n) = value.as_i64() {
            FluentValue::from(n)
        } else {
            FluentValue::from(value.to_string())
        };
        args.insert(Cow::Owned(name.to_string()), fluent);
    }
    LOCALES
        .try_lookup_complete(lang.id(), key, (!args.is_empty()).then_some(&args))
        .ok_or_else(|| {
            minijinja::Error::new(
                minijinja::ErrorKind::UndefinedError,
                format!(
                    "no message {key:?} in {} (or its arguments are missing)",
                    lang.tag()
                ),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_takes_the_best_weight() {
        assert_eq!(
            Lang::from_accept_language("fr-FR, id;q=0.8, en;q=0.5"),
            Some(Lang::Id)
        );
        assert_eq!(
            Lang::from_accept_language("zh-CN,zh;q=0.9,en;q=0.8"),
            Some(Lang::Zh)
        );
        assert_eq!(Lang::from_accept_language("de, fr"), None);
        assert_eq!(Lang::from_accept_language("en;q=0, id"), Some(Lang::Id));
        assert_eq!(Lang::from_accept_language(""), None);
    }

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
    fn every_language_has_every_message_the_pages_use() {
        let en = keys(include_str!("../../../locales/en/mitra.ftl"));
        let id = keys(include_str!("../../../locales/id/mitra.ftl"));
        let zh = keys(include_str!("../../../locales/zh-CN/mitra.ftl"));
        assert_eq!(en, id, "en and id differ");
        assert_eq!(en, zh, "en and zh-CN differ");
        // Every literal t("…") of the templates exists.
        for (name, source) in crate::view::TEMPLATES {
            for quote in ['"', '\''] {
                let opener = format!("t({quote}");
                for (at, _) in source.match_indices(&opener) {
                    let rest = &source[at + opener.len()..];
                    let key = &rest[..rest.find(quote).unwrap()];
                    let literal = rest[key.len() + 1..].trim_start();
                    if literal.starts_with('~') {
                        continue; // a prefix, checked below
                    }
                    assert!(en.contains(key), "{name}: no message {key:?}");
                }
            }
        }
        // Messages named from values.
        use mitra_core::meeting::{Interest, MeetingStatus, NextStep, RequestStatus};
        use mitra_core::mission::ItineraryKind;
        let mut named: Vec<String> = Vec::new();
        named.extend(
            RequestStatus::ALL
                .iter()
                .map(|v| format!("request-status-{}", v.as_str())),
        );
        named.extend(
            MeetingStatus::ALL
                .iter()
                .map(|v| format!("meeting-status-{}", v.as_str())),
        );
        named.extend(
            Interest::ALL
                .iter()
                .map(|v| format!("interest-{}", v.as_str())),
        );
        named.extend(
            NextStep::ALL
                .iter()
                .map(|v| format!("next-step-{}", v.as_str())),
        );
        named.extend(
            ItineraryKind::ALL
                .iter()
                .map(|v| format!("itinerary-kind-{}", v.as_str())),
        );
        named.extend(
            [
                "side-guest",
                "side-host",
                "priority-1",
                "priority-2",
                "priority-3",
            ]
            .map(String::from),
        );
        named.extend(["done-matching", "done-published", "done-stale"].map(String::from));
        for key in named {
            assert!(en.contains(&key), "no message {key:?}");
        }
    }

    #[test]
    fn messages_resolve_in_each_language() {
        assert_eq!(Lang::En.t("nav-signin"), "Sign in");
        assert_eq!(Lang::Id.t("nav-signin"), "Masuk");
        assert_eq!(Lang::Zh.t("nav-signin"), "登录");
    }
}
