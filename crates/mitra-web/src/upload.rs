//! The organizer's spreadsheet upload (`/organizer/import`): the
//! registration workbook (XLSX or CSV) or a platform's participant export,
//! read by `mitra-sheets` against the event's days and imported all or
//! nothing in one transaction. A file with problems shows every one of
//! them (sheet, cell, column, message) and imports nothing; importing the
//! same file again changes nothing and says so. The blank workbook is at
//! `/organizer/import/template.xlsx`.
//!
//! The page's messages are in `locales/*/import.ftl`; its template
//! (`import.html`) is added here to the shared ones. Handlers start with
//! [`Viewer::organizer`].

use crate::AppState;
use crate::auth::{Viewer, now};
use crate::errors::{OrPage, PageError, PageResult, Problem};
use crate::i18n::Lang;
use axum::Router;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse};
use fluent_templates::fluent_bundle::FluentValue;
use mitra_core::organization::{Delegation, Organization, Side};
use mitra_sheets::columns::{Column, DELEGATION_COLUMNS, ORGANIZATION_COLUMNS, normalise};
use mitra_sheets::read::ReadOptions;
use mitra_sheets::{EventDays, SheetFormat, SheetProblem};
use std::collections::HashMap;
use std::sync::LazyLock;

/// The largest upload taken, in MiB: a registration workbook of thousands
/// of companies is well under it.
const MAX_UPLOAD_MIB: usize = 10;

route_table! {
    /// The upload routes, served by [`routes`].
    pub(crate) const ROUTES, fn unlimited_routes;
    get "/organizer/import" => form;
    post "/organizer/import" => upload;
    get "/organizer/import/template.xlsx" => template;
}

/// The upload routes, merged into the application router. The body limit
/// holds for these routes only.
pub fn routes() -> Router<AppState> {
    unlimited_routes().layer(DefaultBodyLimit::max(MAX_UPLOAD_MIB * 1024 * 1024))
}

/// This module's templates.
const TEMPLATES: &[(&str, &str)] = &[("import.html", include_str!("../templates/import.html"))];

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

/// What the page shows besides the form.
#[derive(Default)]
struct Outcome {
    status: Option<StatusCode>,
    /// A message about the upload as a whole (too large, no file).
    error: Option<String>,
    file: Option<String>,
    problems: Vec<minijinja::Value>,
    result: Option<minijinja::Value>,
    side: String,
}

/// The event's name and days for the page.
struct EventInfo {
    name: String,
    demo: bool,
    days: Option<EventDays>,
}

async fn event_info(state: &AppState, viewer: &Viewer) -> Result<EventInfo, PageError> {
    let account = viewer.organizer()?;
    let plan = state
        .store
        .event_plan(&account.event)
        .await
        .or_page(viewer.lang)?;
    Ok(EventInfo {
        name: plan.event.name.clone(),
        demo: plan.event.demo,
        days: EventDays::of_plan(&plan),
    })
}

fn page(viewer: &Viewer, info: &EventInfo, outcome: Outcome) -> PageResult {
    let days = info.days.map(|d| {
        minijinja::context! { first => d.first.to_string(), last => d.last.to_string() }
    });
    let ctx = minijinja::context! {
        event => minijinja::context! { name => info.name.clone(), demo => info.demo, days },
        max_mib => MAX_UPLOAD_MIB,
        error => outcome.error,
        file => outcome.file,
        problems => outcome.problems,
        result => outcome.result,
        side => outcome.side,
    };
    let html = ENV
        .get_template("import.html")
        .and_then(|t| t.render(minijinja::context! { ..ctx, ..crate::view::base(viewer) }))
        .map_err(|e| viewer.error(Problem::Unexpected(format!("template import.html: {e:#}"))))?;
    Ok((outcome.status.unwrap_or(StatusCode::OK), Html(html)).into_response())
}

/// `GET /organizer/import`: the form.
pub async fn form(State(state): State<AppState>, viewer: Viewer) -> PageResult {
    viewer.organizer()?;
    let info = event_info(&state, &viewer).await?;
    page(&viewer, &info, Outcome::default())
}

/// `GET /organizer/import/template.xlsx`: the blank registration workbook.
pub async fn template(viewer: Viewer) -> PageResult {
    viewer.organizer()?;
    let bytes = mitra_sheets::template::write_registration(&[], &[], SheetFormat::Xlsx)
        .map_err(|e| viewer.error(Problem::Unexpected(format!("{e:#}"))))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"registration-template.xlsx\"",
            ),
        ],
        bytes,
    )
        .into_response())
}

/// The form's fields, as sent.
#[derive(Default)]
struct Upload {
    csrf: String,
    side: String,
    file_name: String,
    bytes: Vec<u8>,
}

/// Why the form's fields could not be read.
enum Unreadable {
    TooLarge,
    Malformed,
}

async fn fields(mut multipart: Multipart) -> Result<Upload, Unreadable> {
    let fail = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Unreadable::TooLarge
        } else {
            Unreadable::Malformed
        }
    };
    let mut upload = Upload::default();
    while let Some(field) = multipart.next_field().await.map_err(fail)? {
        let name = field.name().unwrap_or_default().to_string();
        match name.as_str() {
            "file" => {
                upload.file_name = field.file_name().map(file_name).unwrap_or_default();
                upload.bytes = field.bytes().await.map_err(fail)?.to_vec();
            }
            "csrf" => upload.csrf = field.text().await.map_err(fail)?,
            "side" => upload.side = field.text().await.map_err(fail)?.trim().to_string(),
            // Anything else is read and dropped, within the body limit.
            _ => {
                field.bytes().await.map_err(fail)?;
            }
        }
    }
    Ok(upload)
}

/// The last part of a file name as a browser sends it (some send the
/// whole path), without control characters, at most 200 characters.
fn file_name(raw: &str) -> String {
    raw.rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect::<String>()
        .trim()
        .to_string()
}

/// `POST /organizer/import`: reads the file, and imports it when it has
/// no problem at all.
pub async fn upload(
    State(state): State<AppState>,
    viewer: Viewer,
    multipart: Result<Multipart, MultipartRejection>,
) -> PageResult {
    let account = viewer.organizer()?;
    let lang = viewer.lang;
    let info = event_info(&state, &viewer).await?;
    let refuse = |status: StatusCode, key: &str, outcome: Outcome| {
        page(
            &viewer,
            &info,
            Outcome {
                status: Some(status),
                error: Some(message(lang, key, &[("max", MAX_UPLOAD_MIB.into())])),
                ..outcome
            },
        )
    };
    let upload = match multipart {
        Err(_) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "import-error-form",
                Outcome::default(),
            );
        }
        Ok(multipart) => match fields(multipart).await {
            Ok(upload) => upload,
            Err(Unreadable::TooLarge) => {
                return refuse(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "import-error-too-large",
                    Outcome::default(),
                );
            }
            Err(Unreadable::Malformed) => {
                return refuse(
                    StatusCode::BAD_REQUEST,
                    "import-error-form",
                    Outcome::default(),
                );
            }
        },
    };
    viewer.check_csrf(&upload.csrf)?;
    let side = match upload.side.as_str() {
        "" => None,
        "guest" => Some(Side::Guest),
        "host" => Some(Side::Host),
        _ => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "import-error-side",
                Outcome::default(),
            );
        }
    };
    let kept = Outcome {
        side: upload.side.clone(),
        file: (!upload.file_name.is_empty()).then(|| upload.file_name.clone()),
        ..Outcome::default()
    };
    if upload.file_name.is_empty() && upload.bytes.is_empty() {
        return refuse(StatusCode::BAD_REQUEST, "import-error-no-file", kept);
    }
    if SheetFormat::from_file_name(&upload.file_name).is_none() {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "import-error-file-type",
            kept,
        );
    }
    if upload.bytes.is_empty() {
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, "import-error-empty", kept);
    }
    let options = ReadOptions { default_side: side };
    let days = info.days;
    let name = upload.file_name.clone();
    // Unzipping and reading a large workbook is work for a blocking thread.
    let read = tokio::task::spawn_blocking(move || {
        mitra_sheets::read_registration_for_event(&upload.bytes, &name, options, days)
    })
    .await
    .map_err(|e| viewer.error(Problem::Unexpected(format!("reading the upload: {e}"))))?;
    let registration = match read {
        Ok(registration) => registration,
        Err(problems) => {
            tracing::info!(
                file = %upload.file_name,
                problems = problems.len(),
                "an upload was refused"
            );
            return page(
                &viewer,
                &info,
                Outcome {
                    status: Some(StatusCode::UNPROCESSABLE_ENTITY),
                    problems: problems.iter().map(|p| problem_row(lang, p)).collect(),
                    ..kept
                },
            );
        }
    };
    let event = account.event.clone();
    let store = &state.store;
    let before_orgs = store.organizations(&event).await.or_page(lang)?;
    let before_delegations = store.delegations(&event).await.or_page(lang)?;
    let changes = Changes::between(
        &before_delegations,
        &before_orgs,
        &registration.delegations,
        &registration.organizations,
    );
    let summary = store
        .import(
            &event,
            &registration.delegations,
            &registration.organizations,
        )
        .await
        .or_page(lang)?;
    let detail = format!(
        "{} companies: {} added, {} updated, {} unchanged; {} new delegations, {} updated",
        registration.organizations.len(),
        changes.added.len(),
        changes.updated.len(),
        changes.unchanged,
        summary.delegations_added,
        changes.delegations_updated.len(),
    );
    store
        .audit(
            &event,
            now(),
            account.person.as_str(),
            "import",
            &upload.file_name,
            &detail,
        )
        .await
        .or_page(lang)?;
    let nothing_changed = changes.added.is_empty()
        && changes.updated.is_empty()
        && changes.delegations_updated.is_empty()
        && summary.delegations_added == 0;
    let result = minijinja::context! {
        companies => registration.organizations.len(),
        added => changes.added,
        updated => changes.updated,
        unchanged => changes.unchanged,
        delegations_added => summary.delegations_added,
        delegations_updated => changes.delegations_updated,
        attendance => registration.attendance.len(),
        nothing_changed,
    };
    page(
        &viewer,
        &info,
        Outcome {
            result: Some(result),
            ..kept
        },
    )
}

/// A message with arguments.
fn message(lang: Lang, key: &str, args: &[(&str, FluentValue<'static>)]) -> String {
    lang.t_args(key, args)
}

/// What an import changes, against what the store holds before it.
#[derive(Debug, Default, PartialEq)]
struct Changes {
    /// Names (and ids) of companies new to the event.
    added: Vec<String>,
    /// Companies whose row differs from what the store holds.
    updated: Vec<String>,
    unchanged: usize,
    /// Delegations already there whose row differs.
    delegations_updated: Vec<String>,
}

impl Changes {
    fn between(
        stored_delegations: &[Delegation],
        stored_orgs: &[Organization],
        delegations: &[Delegation],
        orgs: &[Organization],
    ) -> Changes {
        let known: HashMap<&str, &Organization> =
            stored_orgs.iter().map(|o| (o.id.as_str(), o)).collect();
        let mut changes = Changes::default();
        for org in orgs {
            let line = format!("{} ({})", org.name, org.id);
            match known.get(org.id.as_str()) {
                None => changes.added.push(line),
                Some(stored) if *stored != org => changes.updated.push(line),
                Some(_) => changes.unchanged += 1,
            }
        }
        let known: HashMap<&str, &Delegation> = stored_delegations
            .iter()
            .map(|d| (d.id.as_str(), d))
            .collect();
        for d in delegations {
            if let Some(stored) = known.get(d.id.as_str()) {
                // An import leaves the head's account as it is.
                let incoming = Delegation {
                    lead: stored.lead.clone(),
                    ..d.clone()
                };
                if **stored != incoming {
                    changes
                        .delegations_updated
                        .push(format!("{} ({})", d.name, d.id));
                }
            }
        }
        changes
    }
}

/// A problem split for the page: sheet, cell, the column's name in the
/// viewer's language, and the reader's message.
fn problem_row(lang: Lang, problem: &SheetProblem) -> minijinja::Value {
    let place = problem.place.as_str();
    let (at, key) = match place.rsplit_once(" (") {
        Some((at, rest)) if rest.ends_with(')') => (at, Some(&rest[..rest.len() - 1])),
        _ => (place, None),
    };
    let (sheet, cell) = match at.rsplit_once('!') {
        Some((sheet, cell)) => (sheet, cell),
        None => (at, ""),
    };
    let columns = if is_delegations_sheet(sheet) {
        DELEGATION_COLUMNS
    } else {
        ORGANIZATION_COLUMNS
    };
    let column = key.map(|key| {
        columns
            .iter()
            .find(|c| c.key == key)
            .map(|c| column_name(lang, c))
            .unwrap_or_else(|| key.to_string())
    });
    minijinja::context! {
        place => place, sheet => sheet, cell => cell, column => column,
        message => problem.message.clone(),
    }
}

fn is_delegations_sheet(sheet: &str) -> bool {
    matches!(
        normalise(sheet).as_str(),
        "delegations" | "delegasi" | "代表团"
    )
}

fn column_name(lang: Lang, column: &Column) -> String {
    match lang {
        Lang::En => column.en,
        Lang::Id => column.id,
        Lang::Zh => column.zh,
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn every_language_has_every_import_message() {
        let en = keys(include_str!("../../../locales/en/import.ftl"));
        let id = keys(include_str!("../../../locales/id/import.ftl"));
        let zh = keys(include_str!("../../../locales/zh-CN/import.ftl"));
        assert!(!en.is_empty());
        assert_eq!(en, id, "en and id differ");
        assert_eq!(en, zh, "en and zh-CN differ");
        let shared = keys(include_str!("../../../locales/en/mitra.ftl"));
        for key in &en {
            assert!(!shared.contains(key), "{key} is in mitra.ftl too");
        }
        for (name, source) in TEMPLATES {
            for quote in ['"', '\''] {
                let opener = format!("t({quote}");
                for (at, _) in source.match_indices(&opener) {
                    let rest = &source[at + opener.len()..];
                    let key = &rest[..rest.find(quote).unwrap()];
                    assert!(
                        en.contains(key) || shared.contains(key),
                        "{name}: no message {key:?}"
                    );
                }
            }
        }
        // Every message formats in every language with the arguments the
        // page gives (the bundle is the compiled one, not the files).
        let args: [(&str, FluentValue<'static>); 5] = [
            ("count", 2.into()),
            ("file", "a.xlsx".into()),
            ("max", 10.into()),
            ("first", "2025-05-12".into()),
            ("last", "2025-05-13".into()),
        ];
        for lang in Lang::ALL {
            for key in &en {
                let text = lang.t_args(key, &args);
                assert!(!text.is_empty() && text != *key, "{lang:?} {key}");
                if lang != Lang::En {
                    assert_ne!(text, Lang::En.t_args(key, &args), "{lang:?} {key}");
                }
            }
        }
    }

    fn viewer(lang: Lang) -> Viewer {
        Viewer {
            lang,
            account: None,
            csrf: "token".into(),
            path: "/organizer/import".into(),
            secure: false,
        }
    }

    #[test]
    fn the_page_renders_in_every_language_and_state() {
        let info = EventInfo {
            name: "Expo".into(),
            demo: true,
            days: Some(EventDays {
                first: chrono::NaiveDate::from_ymd_opt(2025, 5, 12).unwrap(),
                last: chrono::NaiveDate::from_ymd_opt(2025, 5, 13).unwrap(),
            }),
        };
        let problem = SheetProblem {
            place: "Organizations!D3 (country)".into(),
            message: "unknown country code \"XX\"".into(),
        };
        for lang in Lang::ALL {
            let states = [
                Outcome::default(),
                Outcome {
                    status: Some(StatusCode::PAYLOAD_TOO_LARGE),
                    error: Some(message(
                        lang,
                        "import-error-too-large",
                        &[("max", 10.into())],
                    )),
                    ..Outcome::default()
                },
                Outcome {
                    file: Some("bad.xlsx".into()),
                    problems: vec![problem_row(lang, &problem)],
                    ..Outcome::default()
                },
                Outcome {
                    file: Some("good.xlsx".into()),
                    result: Some(minijinja::context! {
                        companies => 2, added => vec!["A (a)"], updated => vec!["B (b)"],
                        unchanged => 0, delegations_added => 1,
                        delegations_updated => Vec::<String>::new(), attendance => 1,
                        nothing_changed => false,
                    }),
                    ..Outcome::default()
                },
                Outcome {
                    file: Some("good.xlsx".into()),
                    side: "host".into(),
                    result: Some(minijinja::context! {
                        companies => 2, added => Vec::<String>::new(),
                        updated => Vec::<String>::new(), unchanged => 2,
                        delegations_added => 0, delegations_updated => Vec::<String>::new(),
                        attendance => 0, nothing_changed => true,
                    }),
                    ..Outcome::default()
                },
            ];
            for outcome in states {
                let response = page(&viewer(lang), &info, outcome).unwrap();
                assert!(response.status().as_u16() < 500, "{lang:?}");
            }
        }
    }

    #[test]
    fn problems_are_split_into_sheet_cell_and_column() {
        let row = problem_row(
            Lang::Id,
            &SheetProblem {
                place: "Organizations!D3 (country)".into(),
                message: "m".into(),
            },
        );
        assert_eq!(row.get_attr("sheet").unwrap().to_string(), "Organizations");
        assert_eq!(row.get_attr("cell").unwrap().to_string(), "D3");
        assert_eq!(row.get_attr("column").unwrap().to_string(), "Negara");
        let row = problem_row(
            Lang::Zh,
            &SheetProblem {
                place: "Delegations!A2 (id)".into(),
                message: "m".into(),
            },
        );
        assert_eq!(row.get_attr("column").unwrap().to_string(), "代表团编号");
        let row = problem_row(
            Lang::En,
            &SheetProblem {
                place: "broken.xlsx".into(),
                message: "m".into(),
            },
        );
        assert_eq!(row.get_attr("sheet").unwrap().to_string(), "broken.xlsx");
        assert!(row.get_attr("column").unwrap().is_none());
        assert_eq!(file_name("C:\\Users\\a\\reg.xlsx"), "reg.xlsx");
        assert_eq!(file_name("dir/x\u{7}.csv"), "x.csv");
    }
}
