//! `/organizer/setup`: the event's name, place, time zone, slot length,
//! sessions (a break is the gap between two), tables and interpreters,
//! in one form saved all or nothing. The store refuses a change that
//! would lose a meeting; the refusal names the meetings next to the field
//! that asked for it.

use super::{Errors, is_email, languages, msg, optional_text, render, required_text};
use crate::AppState;
use crate::auth::Viewer;
use crate::errors::{OrPage, PageResult};
use crate::i18n::Lang;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use chrono::{NaiveDate, NaiveTime};
use fluent_templates::fluent_bundle::FluentValue;
use mitra_core::event::{Event, EventPlan, Interpreter, PlanError, Session, Table};
use mitra_core::ids::{EventId, InterpreterId, OrgId, SessionId, SlotId, TableId};
use mitra_core::organization::{Organization, Side};
use mitra_store::StoredMeeting;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Longest event name, venue or city.
const MAX_NAME: usize = 200;
/// Most slots in one session (a day of five-minute slots is 288).
const MAX_SLOTS: u32 = 300;
/// Most rows of one kind a form may carry.
const MAX_ROWS: usize = 1000;
/// Most pool tables one "add" may create.
const MAX_ADD: u32 = 500;
/// How many blocking meetings a message names before "and N more".
const NAMED_MEETINGS: usize = 5;

/// One session as the form shows it (`key` prefixes its fields).
#[derive(Serialize, Default, Clone)]
struct SessionRow {
    key: String,
    code: String,
    name: String,
    date: String,
    start: String,
    slots: String,
    remove: bool,
    new: bool,
}

/// One interpreter as the form shows it.
#[derive(Serialize, Default, Clone)]
struct InterpreterRow {
    key: String,
    code: String,
    name: String,
    email: String,
    languages: String,
    unavailable: String,
    remove: bool,
    new: bool,
}

/// A host company and the table it is fixed to, if any.
#[derive(Serialize, Default, Clone)]
struct HostRow {
    id: String,
    name: String,
    table: String,
}

/// The whole form, as stored or as typed.
#[derive(Serialize, Default)]
struct SetupForm {
    name: String,
    name_zh: String,
    name_id: String,
    venue: String,
    city: String,
    time_zone: String,
    slot_minutes: String,
    sessions: Vec<SessionRow>,
    pool: String,
    pool_add: String,
    hosts: Vec<HostRow>,
    interpreters: Vec<InterpreterRow>,
}

fn blank_session(n: usize) -> SessionRow {
    SessionRow {
        key: format!("s{n}"),
        new: true,
        ..Default::default()
    }
}

fn blank_interpreter(n: usize) -> InterpreterRow {
    InterpreterRow {
        key: format!("i{n}"),
        new: true,
        ..Default::default()
    }
}

fn hosts(orgs: &[Organization], tables: &[Table]) -> Vec<HostRow> {
    orgs.iter()
        .filter(|o| o.side == Side::Host)
        .map(|o| HostRow {
            id: o.id.to_string(),
            name: o.name.clone(),
            table: tables
                .iter()
                .find(|t| t.fixed_to.as_ref() == Some(&o.id))
                .map(|t| t.id.to_string())
                .unwrap_or_default(),
        })
        .collect()
}

/// The form as the store has it, with an empty row to add a session and
/// one to add an interpreter.
fn stored_form(
    plan: &EventPlan,
    tables: &[Table],
    interpreters: &[Interpreter],
    orgs: &[Organization],
) -> SetupForm {
    let e = &plan.event;
    let mut sessions: Vec<SessionRow> = plan
        .sessions
        .iter()
        .enumerate()
        .map(|(n, s)| SessionRow {
            key: format!("s{n}"),
            code: s.id.to_string(),
            name: s.name.clone(),
            date: s.date.format("%Y-%m-%d").to_string(),
            start: s.start.format("%H:%M").to_string(),
            slots: s.slot_count.to_string(),
            remove: false,
            new: false,
        })
        .collect();
    sessions.push(blank_session(sessions.len()));
    let mut rows: Vec<InterpreterRow> = interpreters
        .iter()
        .enumerate()
        .map(|(n, i)| InterpreterRow {
            key: format!("i{n}"),
            code: i.id.to_string(),
            name: i.name.clone(),
            email: i.email.clone().unwrap_or_default(),
            languages: i
                .languages
                .iter()
                .map(|l| l.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            unavailable: i
                .unavailable
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            remove: false,
            new: false,
        })
        .collect();
    rows.push(blank_interpreter(rows.len()));
    SetupForm {
        name: e.name.clone(),
        name_zh: e.name_zh.clone().unwrap_or_default(),
        name_id: e.name_id.clone().unwrap_or_default(),
        venue: e.venue.clone().unwrap_or_default(),
        city: e.city.clone().unwrap_or_default(),
        time_zone: e.time_zone.name().to_string(),
        slot_minutes: e.slot_minutes.to_string(),
        sessions,
        pool: tables
            .iter()
            .filter(|t| t.fixed_to.is_none())
            .map(|t| t.id.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        pool_add: String::new(),
        hosts: hosts(orgs, tables),
        interpreters: rows,
    }
}

/// The indexes of the rows a form carries for a prefix (`s3_date` → 3).
fn row_indexes(fields: &HashMap<String, String>, prefix: &str) -> BTreeSet<usize> {
    fields
        .keys()
        .filter_map(|k| {
            let rest = k.strip_prefix(prefix)?;
            let (n, _) = rest.split_once('_')?;
            n.parse::<usize>().ok().filter(|n| *n < MAX_ROWS)
        })
        .collect()
}

/// The index after the highest of these row keys (`s0`, `s3` → 4).
fn next_index<'a>(keys: impl Iterator<Item = &'a str>) -> usize {
    keys.filter_map(|k| k.get(1..)?.parse::<usize>().ok())
        .max()
        .map_or(0, |n| n + 1)
}

/// The form as typed.
fn typed_form(
    fields: &HashMap<String, String>,
    orgs: &[Organization],
    tables: &[Table],
) -> SetupForm {
    let field = |k: &str| fields.get(k).cloned().unwrap_or_default();
    let checked = |k: &str| fields.get(k).is_some_and(|v| !v.is_empty());
    let sessions = row_indexes(fields, "s")
        .into_iter()
        .map(|n| {
            let k = format!("s{n}");
            SessionRow {
                code: field(&format!("{k}_code")),
                name: field(&format!("{k}_name")),
                date: field(&format!("{k}_date")),
                start: field(&format!("{k}_start")),
                slots: field(&format!("{k}_slots")),
                remove: checked(&format!("{k}_remove")),
                new: checked(&format!("{k}_new")),
                key: k,
            }
        })
        .collect();
    let interpreters = row_indexes(fields, "i")
        .into_iter()
        .map(|n| {
            let k = format!("i{n}");
            InterpreterRow {
                code: field(&format!("{k}_code")),
                name: field(&format!("{k}_name")),
                email: field(&format!("{k}_email")),
                languages: field(&format!("{k}_languages")),
                unavailable: field(&format!("{k}_unavailable")),
                remove: checked(&format!("{k}_remove")),
                new: checked(&format!("{k}_new")),
                key: k,
            }
        })
        .collect();
    let mut hosts = hosts(orgs, tables);
    for h in &mut hosts {
        h.table = field(&format!("fixed_{}", h.id));
    }
    SetupForm {
        name: field("name"),
        name_zh: field("name_zh"),
        name_id: field("name_id"),
        venue: field("venue"),
        city: field("city"),
        time_zone: field("time_zone"),
        slot_minutes: field("slot_minutes"),
        sessions,
        pool: field("pool"),
        pool_add: field("pool_add"),
        hosts,
        interpreters,
    }
}

impl SessionRow {
    fn is_blank(&self) -> bool {
        self.new
            && [&self.code, &self.name, &self.date, &self.start, &self.slots]
                .iter()
                .all(|v| v.trim().is_empty())
    }
}

impl InterpreterRow {
    fn is_blank(&self) -> bool {
        self.new
            && [
                &self.code,
                &self.name,
                &self.email,
                &self.languages,
                &self.unavailable,
            ]
            .iter()
            .all(|v| v.trim().is_empty())
    }
}

/// A code for a new interpreter from their name (`int-` and the name's
/// ASCII letters and digits), free among `taken`.
fn interpreter_code(name: &str, taken: &HashSet<String>) -> String {
    let mut base = String::from("int-");
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if base.len() >= 40 {
                break;
            }
            base.push(c.to_ascii_lowercase());
        } else if !base.ends_with('-') {
            base.push('-');
        }
    }
    let base = base.trim_end_matches('-');
    let base = if base == "int" { "int-new" } else { base };
    if !taken.contains(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|c| !taken.contains(c))
        .unwrap_or_else(|| base.to_string())
}

/// Codes from "P01 P02, P03".
fn split_codes(raw: &str) -> impl Iterator<Item = &str> {
    raw.split([',', ' ', ';', '\n', '\r', '\t'])
        .filter(|c| !c.is_empty())
}

/// What the form asks for, checked: the plan, the tables and the
/// interpreters, or the messages next to the fields.
fn validate(
    lang: Lang,
    stored: &EventPlan,
    stored_interpreters: &[Interpreter],
    form: &SetupForm,
) -> Result<(EventPlan, Vec<Table>, Vec<Interpreter>), Errors> {
    let mut errors = Errors::default();
    let name = required_text(&mut errors, lang, "name", &form.name, MAX_NAME);
    let name_zh = optional_text(&mut errors, lang, "name_zh", &form.name_zh, MAX_NAME);
    let name_id = optional_text(&mut errors, lang, "name_id", &form.name_id, MAX_NAME);
    let venue = optional_text(&mut errors, lang, "venue", &form.venue, MAX_NAME);
    let city = optional_text(&mut errors, lang, "city", &form.city, MAX_NAME);
    let zone = form.time_zone.trim();
    let time_zone = match zone.parse::<chrono_tz::Tz>() {
        Ok(tz) if !zone.is_empty() => Some(tz),
        _ => {
            errors.add(
                "time_zone",
                msg(lang, "setup-error-time-zone", &[("value", zone)]),
            );
            None
        }
    };
    let slot_minutes = match form.slot_minutes.trim().parse::<u32>() {
        Ok(m) if (5..=240).contains(&m) => Some(m),
        _ => {
            errors.add("slot_minutes", lang.t("setup-error-slot-minutes"));
            None
        }
    };

    // Sessions.
    let mut sessions = Vec::new();
    let mut session_rows: HashMap<String, &str> = HashMap::new();
    for row in form.sessions.iter().filter(|r| !r.remove && !r.is_blank()) {
        let k = &row.key;
        let code = row.code.trim();
        let id = match SessionId::parse(code) {
            Ok(id) => Some(id),
            Err(_) => {
                errors.add(format!("{k}_code"), lang.t("setup-error-code"));
                None
            }
        };
        if session_rows.insert(code.to_string(), k).is_some() {
            errors.add(
                format!("{k}_code"),
                msg(lang, "setup-error-duplicate", &[("code", code)]),
            );
        }
        let name = optional_text(&mut errors, lang, &format!("{k}_name"), &row.name, 100);
        let date = NaiveDate::parse_from_str(row.date.trim(), "%Y-%m-%d")
            .map_err(|_| errors.add(format!("{k}_date"), lang.t("setup-error-date")))
            .ok();
        let start_raw = row.start.trim();
        let start = NaiveTime::parse_from_str(start_raw, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(start_raw, "%H:%M:%S"))
            .map_err(|_| errors.add(format!("{k}_start"), lang.t("setup-error-time")))
            .ok();
        let slot_count = match row.slots.trim().parse::<u32>() {
            Ok(n) if (1..=MAX_SLOTS).contains(&n) => Some(n),
            _ => {
                errors.add(
                    format!("{k}_slots"),
                    lang.t_args(
                        "setup-error-slot-count",
                        &[("max", FluentValue::from(MAX_SLOTS))],
                    ),
                );
                None
            }
        };
        if let (Some(id), Some(date), Some(start), Some(slot_count)) = (id, date, start, slot_count)
        {
            sessions.push(Session {
                name: name.unwrap_or_else(|| id.to_string()),
                id,
                date,
                start,
                slot_count,
            });
        }
    }
    if session_rows.is_empty() {
        errors.add("sessions", lang.t("setup-error-no-sessions"));
    }
    let mut plan = None;
    if let (Some(time_zone), Some(slot_minutes), true) =
        (time_zone, slot_minutes, errors.is_empty())
    {
        let event = Event {
            id: stored.event.id.clone(),
            name,
            name_zh,
            name_id,
            venue,
            city,
            time_zone,
            slot_minutes,
            demo: stored.event.demo,
        };
        let row_of = |code: &str| session_rows.get(code).copied().unwrap_or("s0").to_string();
        match EventPlan::new(event, sessions) {
            Ok(p) => plan = Some(p),
            Err(PlanError::Overlap(a, b)) => errors.add(
                format!("{}_start", row_of(&b)),
                msg(lang, "setup-error-overlap", &[("other", &a)]),
            ),
            Err(PlanError::PastMidnight(s)) => errors.add(
                format!("{}_slots", row_of(&s)),
                lang.t("setup-error-past-midnight"),
            ),
            Err(PlanError::DuplicateSession(s)) => errors.add(
                format!("{}_code", row_of(&s)),
                msg(lang, "setup-error-duplicate", &[("code", &s)]),
            ),
            Err(PlanError::SlotLength(_)) => {
                errors.add("slot_minutes", lang.t("setup-error-slot-minutes"))
            }
            Err(PlanError::EmptySession(s)) => errors.add(
                format!("{}_slots", row_of(&s)),
                lang.t_args(
                    "setup-error-slot-count",
                    &[("max", FluentValue::from(MAX_SLOTS))],
                ),
            ),
        }
    }

    // Tables: the fixed ones, then the pool (and the ones to add).
    let mut tables: Vec<Table> = Vec::new();
    let mut table_codes: HashSet<String> = HashSet::new();
    for h in &form.hosts {
        let code = h.table.trim();
        if code.is_empty() {
            continue;
        }
        let field = format!("fixed_{}", h.id);
        match (TableId::parse(code), OrgId::parse(&h.id)) {
            (Ok(id), Ok(org)) => {
                if !table_codes.insert(code.to_string()) {
                    errors.add(field, msg(lang, "setup-error-duplicate", &[("code", code)]));
                } else {
                    tables.push(Table {
                        id,
                        fixed_to: Some(org),
                    });
                }
            }
            _ => errors.add(
                field,
                msg(lang, "setup-error-table-code", &[("code", code)]),
            ),
        }
    }
    for code in split_codes(&form.pool) {
        match TableId::parse(code) {
            Ok(id) if table_codes.insert(code.to_string()) => {
                tables.push(Table { id, fixed_to: None })
            }
            Ok(_) => errors.add(
                "pool",
                msg(lang, "setup-error-duplicate", &[("code", code)]),
            ),
            Err(_) => errors.add(
                "pool",
                msg(lang, "setup-error-table-code", &[("code", code)]),
            ),
        }
    }
    let add = form.pool_add.trim();
    if !add.is_empty() {
        match add.parse::<u32>() {
            Ok(n) if n <= MAX_ADD => {
                // Numbered after the highest P-number in use: P21, P22, …
                let mut next = table_codes
                    .iter()
                    .filter_map(|c| c.strip_prefix('P')?.parse::<u32>().ok())
                    .max()
                    .unwrap_or(0);
                'adding: for _ in 0..n {
                    let code = loop {
                        // A table named at the top of the numbers leaves
                        // none above it: add no more (never wrap around).
                        let Some(after) = next.checked_add(1) else {
                            errors.add(
                                "pool_add",
                                lang.t_args(
                                    "setup-error-count",
                                    &[("max", FluentValue::from(MAX_ADD))],
                                ),
                            );
                            break 'adding;
                        };
                        next = after;
                        let code = format!("P{next:02}");
                        if !table_codes.contains(&code) {
                            break code;
                        }
                    };
                    if let Ok(id) = TableId::parse(&code) {
                        table_codes.insert(code);
                        tables.push(Table { id, fixed_to: None });
                    }
                }
            }
            _ => errors.add(
                "pool_add",
                lang.t_args("setup-error-count", &[("max", FluentValue::from(MAX_ADD))]),
            ),
        }
    }

    // Interpreters.
    let slot_codes: Option<HashSet<&str>> = plan
        .as_ref()
        .map(|p: &EventPlan| p.slots.iter().map(|s| s.id.as_str()).collect());
    let mut taken: HashSet<String> = stored_interpreters
        .iter()
        .map(|i| i.id.to_string())
        .collect();
    let mut seen: HashSet<String> = HashSet::new();
    let mut interpreters = Vec::new();
    for row in form
        .interpreters
        .iter()
        .filter(|r| !r.remove && !r.is_blank())
    {
        let k = &row.key;
        let name = required_text(&mut errors, lang, &format!("{k}_name"), &row.name, MAX_NAME);
        let email = optional_text(&mut errors, lang, &format!("{k}_email"), &row.email, 254);
        if let Some(e) = &email
            && !is_email(e)
        {
            errors.add(format!("{k}_email"), lang.t("setup-error-email"));
        }
        let spoken = languages(lang, &row.languages)
            .map_err(|e| errors.add(format!("{k}_languages"), e))
            .unwrap_or_default();
        let code = match row.code.trim() {
            "" if row.new => {
                let code = interpreter_code(&name, &taken);
                taken.insert(code.clone());
                code
            }
            given => given.to_string(),
        };
        let id = InterpreterId::parse(&code)
            .map_err(|_| errors.add(format!("{k}_code"), lang.t("setup-error-code")))
            .ok();
        if !seen.insert(code.clone()) {
            errors.add(
                format!("{k}_code"),
                msg(lang, "setup-error-duplicate", &[("code", &code)]),
            );
        }
        let mut unavailable = Vec::new();
        for s in split_codes(&row.unavailable) {
            match (SlotId::parse(s), &slot_codes) {
                (Ok(id), Some(known)) if known.contains(s) => unavailable.push(id),
                (Ok(_), None) => {} // the plan has errors of its own
                _ => errors.add(
                    format!("{k}_unavailable"),
                    msg(lang, "setup-error-unknown-slot", &[("code", s)]),
                ),
            }
        }
        if let Some(id) = id {
            let demo = stored_interpreters.iter().any(|i| i.id == id && i.demo);
            interpreters.push(Interpreter {
                id,
                name,
                email,
                languages: spoken,
                unavailable,
                demo,
            });
        }
    }
    match plan {
        Some(plan) if errors.is_empty() => Ok((plan, tables, interpreters)),
        _ => Err(errors),
    }
}

/// "#12 PT Kopi – Shandong Agri (am-0900, P03)", for a refusal.
fn describe(m: &StoredMeeting, names: &HashMap<String, String>) -> String {
    let name = |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_string());
    format!(
        "#{} {} – {} ({}, {})",
        m.id,
        name(m.meeting.a.as_str()),
        name(m.meeting.b.as_str()),
        m.meeting.slot,
        m.meeting.table
    )
}

/// A change the store was asked to save, with what it changes.
struct Change<'a> {
    old: &'a EventPlan,
    old_tables: &'a [Table],
    new: &'a EventPlan,
    tables: &'a [Table],
    interpreters: &'a [Interpreter],
    form: &'a SetupForm,
}

/// The store's refusal as messages next to the fields that asked for the
/// removals: each names what would go and the meetings that use it.
fn refusal(
    lang: Lang,
    change: &Change<'_>,
    blocking: &[StoredMeeting],
    orgs: &[Organization],
) -> Errors {
    let Change {
        old,
        old_tables,
        new,
        tables,
        interpreters,
        form,
    } = change;
    let names: HashMap<String, String> = orgs
        .iter()
        .map(|o| (o.id.to_string(), o.name.clone()))
        .collect();
    let new_slots: HashSet<&str> = new.slots.iter().map(|s| s.id.as_str()).collect();
    let new_tables: HashSet<&str> = tables.iter().map(|t| t.id.as_str()).collect();
    let new_interpreters: HashSet<&str> = interpreters.iter().map(|i| i.id.as_str()).collect();
    let session_row = |slot: &SlotId| {
        old.slots
            .iter()
            .find(|s| &s.id == slot)
            .and_then(|s| {
                form.sessions
                    .iter()
                    .find(|r| r.code.trim() == s.session.as_str())
            })
            .map(|r| r.key.clone())
            .unwrap_or_else(|| "sessions".into())
    };
    let row_of_interpreter = |code: &str| {
        form.interpreters
            .iter()
            .find(|r| r.code.trim() == code)
            .map(|r| r.key.clone())
            .unwrap_or_else(|| "interpreters".into())
    };
    const IN_USE: &str = "setup-error-in-use";
    // (field, message, what) → the meetings, in the order the store gave
    // them.
    let mut grouped: BTreeMap<(String, &str, String), Vec<&StoredMeeting>> = BTreeMap::new();
    for m in blocking {
        let mm = &m.meeting;
        if !new_slots.contains(mm.slot.as_str()) {
            let what = msg(lang, "setup-what-slot", &[("code", mm.slot.as_str())]);
            grouped
                .entry((session_row(&mm.slot), IN_USE, what))
                .or_default()
                .push(m);
        }
        if !new_tables.contains(mm.table.as_str()) {
            let field = old_tables
                .iter()
                .find(|t| t.id == mm.table)
                .and_then(|t| t.fixed_to.as_ref())
                .map(|o| format!("fixed_{o}"))
                .unwrap_or_else(|| "pool".into());
            let what = msg(lang, "setup-what-table", &[("code", mm.table.as_str())]);
            grouped.entry((field, IN_USE, what)).or_default().push(m);
        }
        let Some(i) = &mm.interpreter else {
            continue;
        };
        if !new_interpreters.contains(i.as_str()) {
            let what = msg(lang, "setup-what-interpreter", &[("code", i.as_str())]);
            grouped
                .entry((row_of_interpreter(i.as_str()), IN_USE, what))
                .or_default()
                .push(m);
        } else if interpreters
            .iter()
            .any(|x| &x.id == i && x.unavailable.contains(&mm.slot))
        {
            let field = format!("{}_unavailable", row_of_interpreter(i.as_str()));
            let what = msg(
                lang,
                "setup-what-unavailable",
                &[("code", i.as_str()), ("slot", mm.slot.as_str())],
            );
            grouped
                .entry((field, "setup-error-busy", what))
                .or_default()
                .push(m);
        }
    }
    let mut errors = Errors::default();
    let mut by_field: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for ((field, message, what), meetings) in grouped {
        let mut named: Vec<String> = meetings
            .iter()
            .take(NAMED_MEETINGS)
            .map(|m| describe(m, &names))
            .collect();
        if meetings.len() > NAMED_MEETINGS {
            named.push(lang.t_args(
                "setup-more",
                &[("count", FluentValue::from(meetings.len() - NAMED_MEETINGS))],
            ));
        }
        by_field.entry(field).or_default().push(msg(
            lang,
            message,
            &[("what", &what), ("meetings", &named.join("; "))],
        ));
    }
    for (field, messages) in by_field {
        errors.add(field, messages.join(" "));
    }
    if errors.is_empty() {
        // The store refused for a reason the form cannot point at.
        errors.add("sessions", lang.t("setup-error-in-use-general"));
    }
    errors
}

fn page(
    viewer: &Viewer,
    plan: &EventPlan,
    form: &SetupForm,
    errors: &Errors,
    saved: bool,
) -> PageResult {
    let slots: Vec<String> = plan.slots.iter().map(|s| s.id.to_string()).collect();
    render(
        viewer,
        "setup.html",
        minijinja::context! {
            form => minijinja::Value::from(minijinja::value::Serde(form)),
            errors => errors.value(), failed => !errors.is_empty(), saved,
            demo => plan.event.demo, slots,
        },
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SavedQuery {
    saved: Option<String>,
}

pub async fn setup_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SavedQuery>,
) -> PageResult {
    let account = viewer.organizer()?;
    let event: EventId = account.event.clone();
    let lang = viewer.lang;
    let store = &state.store;
    let plan = store.event_plan(&event).await.or_page(lang)?;
    let tables = store.tables(&event).await.or_page(lang)?;
    let interpreters = store.interpreters(&event).await.or_page(lang)?;
    let orgs = store.organizations(&event).await.or_page(lang)?;
    let form = stored_form(&plan, &tables, &interpreters, &orgs);
    page(&viewer, &plan, &form, &Errors::default(), q.saved.is_some())
}

pub async fn save_setup(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(pairs): Form<Vec<(String, String)>>,
) -> PageResult {
    let account = viewer.organizer()?;
    let fields: HashMap<String, String> = pairs.into_iter().collect();
    viewer.check_csrf(fields.get("csrf").map(String::as_str).unwrap_or_default())?;
    let event: EventId = account.event.clone();
    let lang = viewer.lang;
    let store = &state.store;
    let stored = store.event_plan(&event).await.or_page(lang)?;
    let stored_tables = store.tables(&event).await.or_page(lang)?;
    let stored_interpreters = store.interpreters(&event).await.or_page(lang)?;
    let orgs = store.organizations(&event).await.or_page(lang)?;
    let mut form = typed_form(&fields, &orgs, &stored_tables);
    let failed = |form: &mut SetupForm, errors: &Errors| {
        // Keep an empty row to add with, as the page had.
        if !form.sessions.iter().any(|r| r.is_blank()) {
            let n = next_index(form.sessions.iter().map(|r| r.key.as_str()));
            form.sessions.push(blank_session(n));
        }
        if !form.interpreters.iter().any(|r| r.is_blank()) {
            let n = next_index(form.interpreters.iter().map(|r| r.key.as_str()));
            form.interpreters.push(blank_interpreter(n));
        }
        page(&viewer, &stored, form, errors, false)
            .map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response())
    };
    let (plan, tables, interpreters) = match validate(lang, &stored, &stored_interpreters, &form) {
        Ok(checked) => checked,
        Err(errors) => return failed(&mut form, &errors),
    };
    let blocking = store
        .save_event_setup(&plan, &tables, &interpreters)
        .await
        .or_page(lang)?;
    if !blocking.is_empty() {
        let change = Change {
            old: &stored,
            old_tables: &stored_tables,
            new: &plan,
            tables: &tables,
            interpreters: &interpreters,
            form: &form,
        };
        let errors = refusal(lang, &change, &blocking, &orgs);
        return failed(&mut form, &errors);
    }
    Ok(Redirect::to("/organizer/setup?saved=1").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_interpreters_get_free_codes_from_their_names() {
        let mut taken = HashSet::new();
        assert_eq!(interpreter_code("Wang Li", &taken), "int-wang-li");
        taken.insert("int-wang-li".to_string());
        assert_eq!(interpreter_code("Wang Li", &taken), "int-wang-li-2");
        assert_eq!(interpreter_code("林佳慧", &taken), "int-new");
    }
}
