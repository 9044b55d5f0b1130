//! `mitra/schedule-instance@1` and `mitra/schedule@1` (formats README,
//! section 2): serde types, validation with named places, conversion to and
//! from the scheduler's index-based types, and [`run`], the batch entry point
//! behind `mitra schedule`.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Problem;

pub const INSTANCE_FORMAT: &str = "mitra/schedule-instance@1";
pub const SCHEDULE_FORMAT: &str = "mitra/schedule@1";

/// A scheduling instance as the file holds it. Serialising gives exactly the
/// format (optional fields left out when absent or empty).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstanceFile {
    pub format: String,
    pub sessions: Vec<SessionFile>,
    pub tables: Vec<String>,
    pub participants: Vec<ParticipantFile>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interpreters: Vec<InterpreterFile>,
    pub requests: Vec<RequestFile>,
}

impl Default for InstanceFile {
    fn default() -> Self {
        InstanceFile {
            format: INSTANCE_FORMAT.to_string(),
            sessions: Vec::new(),
            tables: Vec::new(),
            participants: Vec::new(),
            interpreters: Vec::new(),
            requests: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SessionFile {
    pub id: String,
    pub slots: Vec<String>,
}

/// A participant's side: the domain's own (`guest` or `host`).
pub use mitra_core::organization::Side;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ParticipantFile {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<Side>,
    pub languages: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unavailable: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_meetings: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct InterpreterFile {
    pub id: String,
    pub languages: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unavailable: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct RequestFile {
    pub a: String,
    pub b: String,
    pub priority: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_slots: Option<Vec<String>>,
}

/// A schedule as the file holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduleFile {
    pub format: String,
    pub meetings: Vec<MeetingFile>,
    pub unscheduled: Vec<UnscheduledFile>,
    pub stats: StatsFile,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingFile {
    pub a: String,
    pub b: String,
    pub slot: String,
    pub table: String,
    /// Always written (`null` when none is needed).
    pub interpreter: Option<String>,
}

impl MeetingFile {
    /// The meeting as the domain holds it, with the given status.
    pub fn to_meeting(
        &self,
        status: mitra_core::meeting::MeetingStatus,
    ) -> Result<mitra_core::meeting::Meeting, mitra_core::ids::IdError> {
        use mitra_core::ids::{InterpreterId, OrgId, SlotId, TableId};
        Ok(mitra_core::meeting::Meeting {
            a: OrgId::parse(&self.a)?,
            b: OrgId::parse(&self.b)?,
            slot: SlotId::parse(&self.slot)?,
            table: TableId::parse(&self.table)?,
            interpreter: self
                .interpreter
                .as_deref()
                .map(InterpreterId::parse)
                .transpose()?,
            status,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnscheduledFile {
    pub a: String,
    pub b: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct StatsFile {
    pub met: [usize; 3],
    pub requested: [usize; 3],
    pub breaks: usize,
    pub idle_slots: usize,
    pub bound_met: [usize; 3],
    pub bound_breaks: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kept: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moved: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dropped: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<f64>,
}

/// Whether this build has the exact mode (`ScheduleOptions::exact`).
pub const EXACT_AVAILABLE: bool = cfg!(feature = "exact");

/// Options of [`run`].
#[derive(Debug, Clone)]
pub struct ScheduleOptions {
    /// Safety cap on the search's wall time; the result stays valid, and a
    /// notice says the search stopped early.
    pub time_limit: Option<Duration>,
    /// Seed of the search (the output is a function of input and options).
    pub seed: u64,
    /// Search effort in moves per request (`None`: the engine's default).
    pub effort: Option<u64>,
    /// Write `stats.seconds` (the one field that differs between runs).
    pub seconds: bool,
    /// `(slot, table)` ids taken by meetings outside the instance (meetings
    /// already held, when the rest of a day is re-scheduled): no meeting
    /// goes to such a table in such a slot.
    pub tables_taken: Vec<(String, String)>,
    /// After the search, prove the schedule optimal or improve it with a
    /// SAT solver (needs the `exact` feature; `time_limit` caps it too).
    pub exact: bool,
}

impl Default for ScheduleOptions {
    fn default() -> Self {
        ScheduleOptions {
            time_limit: None,
            seed: mitra_schedule::Options::default().seed,
            effort: None,
            seconds: true,
            tables_taken: Vec::new(),
            exact: false,
        }
    }
}

/// The exact mode: the search, then the SAT solver; what it proved goes to
/// `notices`.
#[cfg(feature = "exact")]
fn exact_solve(
    instance: &mitra_schedule::Instance,
    engine: &mitra_schedule::Options<'_>,
    deadline: Option<Instant>,
    notices: &mut Vec<String>,
) -> Result<mitra_schedule::Solution, Vec<Problem>> {
    let limits = mitra_schedule::ExactLimits {
        deadline,
        ..Default::default()
    };
    let (solution, report) = mitra_schedule::solve_exact(instance, engine, &limits)
        .map_err(|e| vec![Problem::new("", e.to_string())])?;
    notices.push(exact_notice(
        &report,
        &solution.stats,
        limits.conflicts_per_call,
    ));
    Ok(solution)
}

/// What the exact mode proved, for a person: each level proven or not,
/// and where the breaks are not proven, the fewest any schedule can have
/// (`bound_breaks`, which the solver's refutations may have raised).
#[cfg(feature = "exact")]
fn exact_notice(
    report: &mitra_schedule::ExactReport,
    stats: &mitra_schedule::Stats,
    conflicts_per_call: u32,
) -> String {
    if let Some(why) = &report.not_applied {
        return format!("exact mode not applied: {why}");
    }
    let proven = |yes: bool| if yes { "proven" } else { "not proven" };
    // at the bound is proven, as the web's review says it: the bound holds
    // what the solver proved, and what the bounds knew where it stopped
    // before the breaks
    let breaks = if stats.breaks <= stats.bound_breaks {
        format!("{}, proven the fewest", stats.breaks)
    } else {
        format!(
            "{}, not proven the fewest (at least {})",
            stats.breaks, stats.bound_breaks
        )
    };
    format!(
        "exact mode: met: {} the most possible; breaks: {breaks}; idle slots: {}, {} the fewest ({} solver calls, {} better schedules found{})",
        proven(report.met_proven),
        stats.idle_slots,
        proven(report.idle_proven),
        report.sat_calls,
        report.improvements,
        if report.stopped {
            "; the time limit stopped the solver".to_string()
        } else if report.out_of_work {
            format!("; a solver call spent its {conflicts_per_call} conflicts")
        } else {
            String::new()
        }
    )
}

#[cfg(not(feature = "exact"))]
fn exact_solve(
    _instance: &mitra_schedule::Instance,
    _engine: &mitra_schedule::Options<'_>,
    _deadline: Option<Instant>,
    _notices: &mut Vec<String>,
) -> Result<mitra_schedule::Solution, Vec<Problem>> {
    Err(vec![Problem::new(
        "",
        "this build has no exact mode (build with the `exact` feature)",
    )])
}

/// The output of [`run`]: the schedule file's bytes and lines for stderr.
#[derive(Debug, Clone)]
pub struct ScheduleRun {
    pub json: Vec<u8>,
    pub notices: Vec<String>,
}

// ---------------------------------------------------------------- reading

fn is_str(v: &Value) -> Option<&str> {
    v.as_str().filter(|s| !s.is_empty())
}

fn get<'a>(obj: &'a serde_json::Map<String, Value>, key: &str) -> Option<&'a Value> {
    obj.get(key).filter(|v| !v.is_null())
}

fn str_list(v: Option<&Value>, place: &str, probs: &mut Vec<Problem>) -> Option<Vec<String>> {
    let v = v?;
    let Some(list) = v.as_array() else {
        probs.push(Problem::new(place, "must be a list of strings"));
        return Some(Vec::new());
    };
    let mut out = Vec::with_capacity(list.len());
    for (k, x) in list.iter().enumerate() {
        match is_str(x) {
            Some(s) => out.push(s.to_string()),
            None => probs.push(Problem::new(
                format!("{place}[{k}]"),
                "must be a non-empty string",
            )),
        }
    }
    Some(out)
}

fn required_str(
    obj: &serde_json::Map<String, Value>,
    key: &str,
    where_: &str,
    probs: &mut Vec<Problem>,
) -> Option<String> {
    match get(obj, key).and_then(is_str) {
        Some(s) => Some(s.to_string()),
        None => {
            probs.push(Problem::new(
                format!("{where_}.{key}"),
                "must be a non-empty string",
            ));
            None
        }
    }
}

/// Reads the instance's JSON into [`InstanceFile`], reporting every shape
/// problem (wrong types, missing keys) with its place. Meaning (unknown
/// ids, duplicates) is checked by [`compile`].
pub fn read_instance(json: &[u8]) -> Result<InstanceFile, Vec<Problem>> {
    let (file, probs) = read_instance_partial(json)?;
    if probs.is_empty() {
        Ok(file)
    } else {
        Err(probs)
    }
}

/// Reads what can be read, with the problems found: the partial file still
/// goes through [`compile`] so that one run reports every problem.
fn read_instance_partial(json: &[u8]) -> Result<(InstanceFile, Vec<Problem>), Vec<Problem>> {
    let doc = crate::parse_json(json).map_err(|p| vec![p])?;
    let Some(top) = doc.as_object() else {
        return Err(vec![Problem::new(
            "(top)",
            "the instance must be a JSON object",
        )]);
    };
    let mut probs = Vec::new();
    let mut file = InstanceFile::default();
    match top.get("format").and_then(Value::as_str) {
        Some(INSTANCE_FORMAT) => {}
        other => probs.push(Problem::new(
            "format",
            format!(
                "expected \"{INSTANCE_FORMAT}\", got {}",
                other.map_or("nothing".to_string(), |s| format!("{s:?}"))
            ),
        )),
    }
    match get(top, "sessions").and_then(Value::as_array) {
        Some(list) if !list.is_empty() => {
            for (k, s) in list.iter().enumerate() {
                let where_ = format!("sessions[{k}]");
                let Some(obj) = s.as_object() else {
                    probs.push(Problem::new(where_, "must be an object"));
                    continue;
                };
                let id = required_str(obj, "id", &where_, &mut probs).unwrap_or_default();
                let slots = match get(obj, "slots") {
                    Some(v) => str_list(Some(v), &format!("{where_}.slots"), &mut probs)
                        .unwrap_or_default(),
                    None => {
                        probs.push(Problem::new(
                            format!("{where_}.slots"),
                            "must be a non-empty list of slot ids",
                        ));
                        Vec::new()
                    }
                };
                if slots.is_empty()
                    && get(obj, "slots")
                        .and_then(Value::as_array)
                        .is_some_and(|l| l.is_empty())
                {
                    probs.push(Problem::new(
                        format!("{where_}.slots"),
                        "must be a non-empty list of slot ids",
                    ));
                }
                file.sessions.push(SessionFile { id, slots });
            }
        }
        _ => probs.push(Problem::new("sessions", "must be a non-empty list")),
    }
    match get(top, "tables") {
        Some(v) => file.tables = str_list(Some(v), "tables", &mut probs).unwrap_or_default(),
        None => probs.push(Problem::new("tables", "must be a list of table ids")),
    }
    let read_langs = |obj: &serde_json::Map<String, Value>,
                      where_: &str,
                      probs: &mut Vec<Problem>|
     -> Vec<String> {
        match get(obj, "languages") {
            Some(v) if v.is_array() => {
                str_list(Some(v), &format!("{where_}.languages"), probs).unwrap_or_default()
            }
            _ => {
                probs.push(Problem::new(
                    format!("{where_}.languages"),
                    "must be a list of ISO 639-1 language codes (may be empty)",
                ));
                Vec::new()
            }
        }
    };
    match get(top, "participants").and_then(Value::as_array) {
        Some(list) => {
            for (k, p) in list.iter().enumerate() {
                let where_ = format!("participants[{k}]");
                let Some(obj) = p.as_object() else {
                    probs.push(Problem::new(where_, "must be an object"));
                    continue;
                };
                let id = required_str(obj, "id", &where_, &mut probs).unwrap_or_default();
                let languages = read_langs(obj, &where_, &mut probs);
                let side = match get(obj, "side") {
                    None => None,
                    Some(v) => match v.as_str().and_then(|s| Side::parse(s).ok()) {
                        Some(side) => Some(side),
                        None => {
                            probs.push(Problem::new(
                                format!("{where_}.side"),
                                format!("must be \"guest\" or \"host\", got {v}"),
                            ));
                            None
                        }
                    },
                };
                let table = match get(obj, "table") {
                    None => None,
                    Some(v) => match is_str(v) {
                        Some(s) => Some(s.to_string()),
                        None => {
                            probs.push(Problem::new(
                                format!("{where_}.table"),
                                "must be a table id (a non-empty string)",
                            ));
                            None
                        }
                    },
                };
                let unavailable = str_list(
                    get(obj, "unavailable"),
                    &format!("{where_}.unavailable"),
                    &mut probs,
                )
                .unwrap_or_default();
                let max_meetings = match get(obj, "max_meetings") {
                    None => None,
                    Some(v) => match v.as_u64() {
                        Some(n) => Some(n.min(u32::MAX as u64) as u32),
                        None => {
                            probs.push(Problem::new(
                                format!("{where_}.max_meetings"),
                                format!("must be an integer >= 0, got {v}"),
                            ));
                            None
                        }
                    },
                };
                file.participants.push(ParticipantFile {
                    id,
                    side,
                    languages,
                    unavailable,
                    max_meetings,
                    table,
                });
            }
        }
        None => probs.push(Problem::new("participants", "must be a list")),
    }
    match get(top, "interpreters") {
        None => {}
        Some(v) => match v.as_array() {
            None => probs.push(Problem::new("interpreters", "must be a list")),
            Some(list) => {
                for (k, it) in list.iter().enumerate() {
                    let where_ = format!("interpreters[{k}]");
                    let Some(obj) = it.as_object() else {
                        probs.push(Problem::new(where_, "must be an object"));
                        continue;
                    };
                    let id = required_str(obj, "id", &where_, &mut probs).unwrap_or_default();
                    let languages = read_langs(obj, &where_, &mut probs);
                    let unavailable = str_list(
                        get(obj, "unavailable"),
                        &format!("{where_}.unavailable"),
                        &mut probs,
                    )
                    .unwrap_or_default();
                    file.interpreters.push(InterpreterFile {
                        id,
                        languages,
                        unavailable,
                    });
                }
            }
        },
    }
    match get(top, "requests").and_then(Value::as_array) {
        Some(list) => {
            for (k, r) in list.iter().enumerate() {
                let where_ = format!("requests[{k}]");
                let Some(obj) = r.as_object() else {
                    probs.push(Problem::new(where_, "must be an object"));
                    continue;
                };
                let a = required_str(obj, "a", &where_, &mut probs).unwrap_or_default();
                let b = required_str(obj, "b", &where_, &mut probs).unwrap_or_default();
                let priority = match get(obj, "priority").and_then(Value::as_u64) {
                    Some(p @ 1..=3) => p as u8,
                    _ => {
                        probs.push(Problem::new(
                            format!("{where_}.priority"),
                            format!(
                                "must be 3, 2 or 1, got {}",
                                obj.get("priority")
                                    .map_or("nothing".to_string(), |v| v.to_string())
                            ),
                        ));
                        0
                    }
                };
                let allowed_slots = str_list(
                    get(obj, "allowed_slots"),
                    &format!("{where_}.allowed_slots"),
                    &mut probs,
                );
                file.requests.push(RequestFile {
                    a,
                    b,
                    priority,
                    allowed_slots,
                });
            }
        }
        None => probs.push(Problem::new("requests", "must be a list")),
    }
    Ok((file, probs))
}

// ---------------------------------------------------------------- meaning

/// An instance checked and turned into the engine's indices, with the
/// names to turn results back.
pub struct Compiled {
    pub instance: mitra_schedule::Instance,
    pub slot_ids: Vec<String>,
    pub table_ids: Vec<String>,
    pub participant_ids: Vec<String>,
    pub interpreter_ids: Vec<String>,
    pub languages: Vec<String>,
    slot_index: HashMap<String, usize>,
    table_index: HashMap<String, usize>,
    participant_index: HashMap<String, usize>,
}

/// Checks the meaning of an instance (unique ids, known references, codes,
/// no shared fixed table) and converts it; all problems, each with its
/// place.
pub fn compile(file: &InstanceFile) -> Result<Compiled, Vec<Problem>> {
    let mut probs = Vec::new();
    let mut slot_index = HashMap::new();
    let mut slot_ids = Vec::new();
    let mut session_lengths = Vec::new();
    let mut session_ids = HashSet::new();
    for (k, s) in file.sessions.iter().enumerate() {
        if !s.id.is_empty() && !session_ids.insert(s.id.as_str()) {
            probs.push(Problem::new(
                format!("sessions[{k}].id"),
                format!("duplicate session id {:?}", s.id),
            ));
        }
        let mut len = 0;
        for (j, t) in s.slots.iter().enumerate() {
            if slot_index.contains_key(t) {
                probs.push(Problem::new(
                    format!("sessions[{k}].slots[{j}]"),
                    format!("duplicate slot id {t:?}"),
                ));
                continue;
            }
            slot_index.insert(t.clone(), slot_ids.len());
            slot_ids.push(t.clone());
            len += 1;
        }
        if len > 0 {
            session_lengths.push(len);
        }
    }
    let mut table_index = HashMap::new();
    for (k, t) in file.tables.iter().enumerate() {
        if table_index.insert(t.clone(), k).is_some() {
            probs.push(Problem::new(
                format!("tables[{k}]"),
                format!("duplicate table id {t:?}"),
            ));
        }
    }
    let mut languages: Vec<String> = Vec::new();
    let mut lang_index: HashMap<String, u32> = HashMap::new();
    let mut langs = |list: &[String], where_: &str, probs: &mut Vec<Problem>| -> Vec<u32> {
        let mut out = Vec::new();
        for (k, l) in list.iter().enumerate() {
            if let Err(e) = mitra_core::codes::LanguageCode::parse(l) {
                probs.push(Problem::new(
                    format!("{where_}.languages[{k}]"),
                    e.to_string(),
                ));
                continue;
            }
            let next = languages.len() as u32;
            let id = *lang_index.entry(l.clone()).or_insert_with(|| {
                languages.push(l.clone());
                next
            });
            out.push(id);
        }
        out
    };
    let slots_of = |list: &[String], place: &str, probs: &mut Vec<Problem>| -> Vec<usize> {
        let mut out = Vec::new();
        for (k, t) in list.iter().enumerate() {
            match slot_index.get(t) {
                Some(&s) => out.push(s),
                None => probs.push(Problem::new(
                    format!("{place}[{k}]"),
                    format!("unknown slot {t:?}"),
                )),
            }
        }
        out
    };
    let mut participant_index = HashMap::new();
    let mut participants = Vec::new();
    let mut participant_ids = Vec::new();
    let mut table_owner: Vec<Option<usize>> = vec![None; file.tables.len()];
    for (k, p) in file.participants.iter().enumerate() {
        let where_ = format!("participants[{k}]");
        if p.id.is_empty() {
            continue; // reported while reading
        }
        if participant_index.contains_key(&p.id) {
            probs.push(Problem::new(
                format!("{where_}.id"),
                format!("duplicate participant id {:?}", p.id),
            ));
            continue;
        }
        let index = participants.len();
        participant_index.insert(p.id.clone(), index);
        participant_ids.push(p.id.clone());
        let languages = langs(&p.languages, &where_, &mut probs);
        let unavailable = slots_of(&p.unavailable, &format!("{where_}.unavailable"), &mut probs);
        let mut table = None;
        if let Some(t) = &p.table {
            match table_index.get(t) {
                None => probs.push(Problem::new(format!("{where_}.table"), format!("unknown table {t:?}"))),
                Some(&ti) => match table_owner[ti] {
                    Some(other) => probs.push(Problem::new(
                        format!("{where_}.table"),
                        format!(
                            "table {t:?} is already the fixed table of participant {:?}; two participants may not share a fixed table",
                            participant_ids[other]
                        ),
                    )),
                    None => {
                        table_owner[ti] = Some(index);
                        table = Some(ti);
                    }
                },
            }
        }
        participants.push(mitra_schedule::Participant {
            languages,
            unavailable,
            max_meetings: p.max_meetings,
            table,
        });
    }
    let mut interpreters = Vec::new();
    let mut interpreter_ids = Vec::new();
    let mut seen_interp = HashSet::new();
    for (k, it) in file.interpreters.iter().enumerate() {
        let where_ = format!("interpreters[{k}]");
        if it.id.is_empty() {
            continue;
        }
        if !seen_interp.insert(it.id.clone()) {
            probs.push(Problem::new(
                format!("{where_}.id"),
                format!("duplicate interpreter id {:?}", it.id),
            ));
            continue;
        }
        interpreter_ids.push(it.id.clone());
        let languages = langs(&it.languages, &where_, &mut probs);
        let unavailable = slots_of(
            &it.unavailable,
            &format!("{where_}.unavailable"),
            &mut probs,
        );
        interpreters.push(mitra_schedule::Interpreter {
            languages,
            unavailable,
        });
    }
    let mut requests = Vec::new();
    for (k, r) in file.requests.iter().enumerate() {
        let where_ = format!("requests[{k}]");
        let mut ends = [0usize; 2];
        let mut ok = true;
        for (e, (key, id)) in [("a", &r.a), ("b", &r.b)].into_iter().enumerate() {
            if id.is_empty() {
                ok = false;
                continue;
            }
            match participant_index.get(id) {
                Some(&p) => ends[e] = p,
                None => {
                    probs.push(Problem::new(
                        format!("{where_}.{key}"),
                        format!("unknown participant {id:?}"),
                    ));
                    ok = false;
                }
            }
        }
        if ok && ends[0] == ends[1] {
            probs.push(Problem::new(
                format!("{where_}.b"),
                format!(
                    "a meeting needs two different participants, both are {:?}",
                    r.a
                ),
            ));
            ok = false;
        }
        if !(1..=3).contains(&r.priority) {
            // reported while reading when it came from JSON
            if r.priority != 0 {
                probs.push(Problem::new(
                    format!("{where_}.priority"),
                    format!("must be 3, 2 or 1, got {}", r.priority),
                ));
            }
            ok = false;
        }
        let allowed = r
            .allowed_slots
            .as_ref()
            .map(|list| slots_of(list, &format!("{where_}.allowed_slots"), &mut probs));
        if ok {
            requests.push(mitra_schedule::Request {
                a: ends[0],
                b: ends[1],
                priority: r.priority,
                allowed_slots: allowed,
                previous: None,
            });
        }
    }
    if !probs.is_empty() {
        return Err(probs);
    }
    Ok(Compiled {
        instance: mitra_schedule::Instance {
            session_lengths,
            table_owner,
            participants,
            interpreters,
            requests,
            tables_taken: Vec::new(),
        },
        slot_ids,
        table_ids: file.tables.clone(),
        participant_ids,
        interpreter_ids,
        languages,
        slot_index,
        table_index,
        participant_index,
    })
}

// ---------------------------------------------------------------- previous

/// One meeting of a previous schedule: pair and place, as ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviousMeeting {
    pub a: String,
    pub b: String,
    pub slot: String,
    pub table: String,
}

/// Reads the meetings of a previous `mitra/schedule@1`; problems are named
/// `previous meetings[3].slot`.
pub fn read_previous(json: &[u8]) -> Result<Vec<PreviousMeeting>, Vec<Problem>> {
    let doc = crate::parse_json(json)
        .map_err(|p| vec![Problem::new(format!("previous {}", p.place), p.message)])?;
    let Some(top) = doc.as_object() else {
        return Err(vec![Problem::new(
            "previous (top)",
            "must be a JSON object",
        )]);
    };
    let mut probs = Vec::new();
    if top.get("format").and_then(Value::as_str) != Some(SCHEDULE_FORMAT) {
        probs.push(Problem::new(
            "previous format",
            format!(
                "expected \"{SCHEDULE_FORMAT}\", got {}",
                top.get("format")
                    .map_or("nothing".into(), |v| v.to_string())
            ),
        ));
    }
    let Some(list) = top.get("meetings").and_then(Value::as_array) else {
        probs.push(Problem::new("previous meetings", "must be a list"));
        return Err(probs);
    };
    let mut out = Vec::new();
    for (k, m) in list.iter().enumerate() {
        let where_ = format!("previous meetings[{k}]");
        let Some(obj) = m.as_object() else {
            probs.push(Problem::new(where_, "must be an object"));
            continue;
        };
        let mut vals = Vec::new();
        for key in ["a", "b", "slot", "table"] {
            vals.push(required_str(obj, key, &where_, &mut probs));
        }
        if let [Some(a), Some(b), Some(slot), Some(table)] = &vals[..] {
            if a == b {
                probs.push(Problem::new(
                    format!("{where_}.b"),
                    format!("a meeting of {a:?} with itself"),
                ));
                continue;
            }
            out.push(PreviousMeeting {
                a: a.clone(),
                b: b.clone(),
                slot: slot.clone(),
                table: table.clone(),
            });
        }
    }
    if probs.is_empty() {
        Ok(out)
    } else {
        Err(probs)
    }
}

type PairKey = (usize, usize);

fn pair_key(a: usize, b: usize) -> PairKey {
    (a.min(b), a.max(b))
}

/// The previous meetings that count (participants still there, pair still
/// requested), per unordered pair, in file order.
fn previous_by_pair(
    c: &Compiled,
    prev: &[PreviousMeeting],
) -> HashMap<PairKey, Vec<(String, String)>> {
    let requested: HashSet<PairKey> = c
        .instance
        .requests
        .iter()
        .map(|r| pair_key(r.a, r.b))
        .collect();
    let mut out: HashMap<PairKey, Vec<(String, String)>> = HashMap::new();
    for m in prev {
        let (Some(&a), Some(&b)) = (c.participant_index.get(&m.a), c.participant_index.get(&m.b))
        else {
            continue;
        };
        let key = pair_key(a, b);
        if requested.contains(&key) {
            out.entry(key)
                .or_default()
                .push((m.slot.clone(), m.table.clone()));
        }
    }
    out
}

/// Gives each request of a previously met pair one previous place (the
/// first min(k, q) of the pair's k previous meetings to its q requests),
/// each (slot, table) to at most one request.
fn attach_previous(c: &mut Compiled, by_pair: &HashMap<PairKey, Vec<(String, String)>>) {
    let mut next: HashMap<PairKey, usize> = HashMap::new();
    let mut taken: HashSet<(usize, usize)> = HashSet::new();
    for r in c.instance.requests.iter_mut() {
        let key = pair_key(r.a, r.b);
        let Some(list) = by_pair.get(&key) else {
            continue;
        };
        let k = next.entry(key).or_insert(0);
        if let Some((slot, table)) = list.get(*k) {
            *k += 1;
            if let (Some(&s), Some(&t)) = (c.slot_index.get(slot), c.table_index.get(table))
                && taken.insert((s, t))
            {
                r.previous = Some(mitra_schedule::Placement {
                    slot: s,
                    table: t,
                    interpreter: None,
                });
            } else if let Some(&s) = c.slot_index.get(slot) {
                // the table is gone: keeping is impossible, the slot is still a good place
                r.previous = Some(mitra_schedule::Placement {
                    slot: s,
                    table: usize::MAX,
                    interpreter: None,
                });
            }
        }
    }
}

/// kept / moved / dropped exactly as the formats README counts them.
fn previous_counts(
    by_pair: &HashMap<PairKey, Vec<(String, String)>>,
    pair_count: &HashMap<PairKey, usize>,
    placed: &HashMap<PairKey, Vec<(String, String)>>,
) -> (usize, usize, usize) {
    let (mut kept, mut moved, mut dropped) = (0, 0, 0);
    for (key, old) in by_pair {
        let counted = old.len().min(pair_count.get(key).copied().unwrap_or(0));
        let now = placed.get(key).cloned().unwrap_or_default();
        let mut new = now.clone();
        let mut same = 0;
        for st in old {
            if let Some(pos) = new.iter().position(|x| x == st) {
                new.remove(pos);
                same += 1;
            }
        }
        let k = same.min(counted);
        let mv = (counted - k).min(now.len() - k.min(now.len()));
        kept += k;
        moved += mv;
        dropped += counted - k - mv;
    }
    (kept, moved, dropped)
}

// ---------------------------------------------------------------- writing

fn language_name(code: &str) -> &str {
    match code {
        "id" => "Indonesian",
        "zh" => "Chinese",
        "en" => "English",
        "vi" => "Vietnamese",
        "th" => "Thai",
        "ms" => "Malay",
        "ru" => "Russian",
        "kk" => "Kazakh",
        "ko" => "Korean",
        "ja" => "Japanese",
        "de" => "German",
        "fr" => "French",
        "es" => "Spanish",
        "pt" => "Portuguese",
        "ar" => "Arabic",
        "hi" => "Hindi",
        "it" => "Italian",
        "nl" => "Dutch",
        "tr" => "Turkish",
        "uz" => "Uzbek",
        "mn" => "Mongolian",
        "km" => "Khmer",
        "lo" => "Lao",
        "my" => "Burmese",
        "tl" => "Tagalog",
        other => other,
    }
}

fn languages_of(c: &Compiled, p: usize) -> String {
    let names: Vec<&str> = c.instance.participants[p]
        .languages
        .iter()
        .map(|&l| language_name(&c.languages[l as usize]))
        .collect();
    if names.is_empty() {
        "no language".to_string()
    } else {
        names.join("/")
    }
}

fn reason_text(c: &Compiled, r: &mitra_schedule::Request, why: &mitra_schedule::Unmet) -> String {
    use mitra_schedule::Unmet::*;
    let id = |p: usize| c.participant_ids[p].as_str();
    let (a, b) = (id(r.a), id(r.b));
    let pair = format!("{}–{}", languages_of(c, r.a), languages_of(c, r.b));
    match why {
        NoAllowedSlot => "its allowed_slots is empty".to_string(),
        NoMeetings { who } => format!("{} takes no meetings (max_meetings is 0)", id(*who)),
        NeverAvailable { who } if r.allowed_slots.is_some() => {
            format!("{} is unavailable in every allowed slot", id(*who))
        }
        NeverAvailable { who } => format!("{} is unavailable in every slot", id(*who)),
        NeverBothAvailable => format!("{a} and {b} are never available in the same slot"),
        NoTable => {
            format!("neither {a} nor {b} has a table of its own and there is no shared table")
        }
        NoInterpreter => format!("{a} and {b} share no language and no interpreter speaks {pair}"),
        NoInterpreterWhenBothFree => {
            format!("no slot where both are free and an {pair} interpreter is available")
        }
        AtMaximum { who, max } => format!(
            "{} already has its maximum of {max} meetings, all of equal or higher priority",
            id(*who)
        ),
        Crowded { slots } => format!(
            "in each of the {slots} slots where {a} and {b} could meet, one of them already has a meeting of equal or higher priority, or no table or interpreter is free"
        ),
    }
}

/// Schedules an instance (and, with `previous_json`, re-schedules a
/// published schedule), returning the schedule file's bytes.
pub fn run(
    instance_json: &[u8],
    previous_json: Option<&[u8]>,
    options: &ScheduleOptions,
) -> Result<ScheduleRun, Vec<Problem>> {
    let started = Instant::now();
    let mut probs = Vec::new();
    let previous = match previous_json.map(read_previous) {
        None => None,
        Some(Ok(p)) => Some(p),
        Some(Err(p)) => {
            probs.extend(p);
            None
        }
    };
    let file = match read_instance_partial(instance_json) {
        Ok((file, p)) => {
            probs.extend(p);
            file
        }
        Err(p) => {
            probs.extend(p);
            return Err(probs);
        }
    };
    let mut compiled = match compile(&file) {
        Ok(c) if probs.is_empty() => c,
        Ok(_) => return Err(probs),
        Err(p) => {
            probs.extend(p);
            return Err(probs);
        }
    };
    for (k, (slot, table)) in options.tables_taken.iter().enumerate() {
        match (
            compiled.slot_index.get(slot),
            compiled.table_index.get(table),
        ) {
            (Some(&s), Some(&t)) => compiled.instance.tables_taken.push((s, t)),
            _ => probs.push(Problem::new(
                format!("tables_taken[{k}]"),
                format!("unknown slot {slot} or table {table}"),
            )),
        }
    }
    if !probs.is_empty() {
        return Err(probs);
    }
    let by_pair = previous
        .as_ref()
        .map(|prev| previous_by_pair(&compiled, prev));
    if let Some(bp) = &by_pair {
        attach_previous(&mut compiled, bp);
    }
    let deadline = options.time_limit.map(|d| started + d);
    let stop_fn = move || deadline.is_some_and(|d| Instant::now() >= d);
    let mut engine = mitra_schedule::Options {
        seed: options.seed,
        stop: Some(&stop_fn),
        ..Default::default()
    };
    if let Some(e) = options.effort {
        engine.effort = e;
    }
    let mut notices = Vec::new();
    let solution = if options.exact {
        exact_solve(&compiled.instance, &engine, deadline, &mut notices)?
    } else {
        mitra_schedule::solve(&compiled.instance, &engine)
            .map_err(|e| vec![Problem::new("", e.to_string())])?
    };
    if solution.stopped_early {
        notices.push(format!(
            "time limit of {} s reached; the search stopped early (the schedule is valid, possibly not the best)",
            options.time_limit.map_or(0.0, |d| d.as_secs_f64())
        ));
    }
    let c = &compiled;
    let mut meetings: Vec<(usize, usize, MeetingFile)> = Vec::new();
    let mut unscheduled = Vec::new();
    let mut placed: HashMap<PairKey, Vec<(String, String)>> = HashMap::new();
    let mut pair_count: HashMap<PairKey, usize> = HashMap::new();
    for (req, out) in c.instance.requests.iter().zip(&solution.outcome) {
        let (a, b) = (
            c.participant_ids[req.a].clone(),
            c.participant_ids[req.b].clone(),
        );
        *pair_count.entry(pair_key(req.a, req.b)).or_default() += 1;
        match out {
            Ok(place) => {
                let slot = c.slot_ids[place.slot].clone();
                let table = c.table_ids[place.table].clone();
                placed
                    .entry(pair_key(req.a, req.b))
                    .or_default()
                    .push((slot.clone(), table.clone()));
                meetings.push((
                    place.slot,
                    place.table,
                    MeetingFile {
                        a,
                        b,
                        slot,
                        table,
                        interpreter: place.interpreter.map(|i| c.interpreter_ids[i].clone()),
                    },
                ));
            }
            Err(why) => unscheduled.push(UnscheduledFile {
                a,
                b,
                reason: reason_text(c, req, why),
            }),
        }
    }
    meetings.sort_by_key(|(s, t, _)| (*s, *t));
    let s = &solution.stats;
    let mut stats = StatsFile {
        met: s.met,
        requested: s.requested,
        breaks: s.breaks,
        idle_slots: s.idle_slots,
        bound_met: s.bound_met,
        bound_breaks: s.bound_breaks,
        ..StatsFile::default()
    };
    if let Some(bp) = &by_pair {
        let (k, m, d) = previous_counts(bp, &pair_count, &placed);
        stats.kept = Some(k);
        stats.moved = Some(m);
        stats.dropped = Some(d);
    }
    if options.seconds {
        stats.seconds = Some((started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0);
    }
    let out = ScheduleFile {
        format: SCHEDULE_FORMAT.to_string(),
        meetings: meetings.into_iter().map(|(_, _, m)| m).collect(),
        unscheduled,
        stats,
    };
    Ok(ScheduleRun {
        json: crate::to_json_bytes(&out),
        notices,
    })
}

#[cfg(all(test, feature = "exact"))]
mod tests {
    use super::exact_notice;

    #[test]
    fn an_exact_mode_cut_short_says_the_fewest_breaks_it_proved_possible() {
        let stats = mitra_schedule::Stats {
            breaks: 5,
            bound_breaks: 3,
            idle_slots: 59,
            ..Default::default()
        };
        let report = mitra_schedule::ExactReport {
            met_proven: true,
            stopped: true,
            sat_calls: 4,
            improvements: 1,
            ..Default::default()
        };
        assert_eq!(
            exact_notice(&report, &stats, 1000),
            "exact mode: met: proven the most possible; breaks: 5, not proven the fewest \
             (at least 3); idle slots: 59, not proven the fewest (4 solver calls, 1 better \
             schedules found; the time limit stopped the solver)"
        );
        let proven = mitra_schedule::ExactReport {
            breaks_proven: true,
            idle_proven: true,
            stopped: false,
            ..report.clone()
        };
        // stopped before the breaks, but the bound already proves them
        let at_bound = mitra_schedule::Stats {
            bound_breaks: 5,
            ..stats
        };
        assert!(
            exact_notice(&report, &at_bound, 1000).contains("breaks: 5, proven the fewest;"),
            "{}",
            exact_notice(&report, &at_bound, 1000)
        );
        let stats = mitra_schedule::Stats { breaks: 3, ..stats };
        assert!(
            exact_notice(&proven, &stats, 1000)
                .contains("breaks: 3, proven the fewest; idle slots: 59, proven the fewest"),
            "{}",
            exact_notice(&proven, &stats, 1000)
        );
    }
}
