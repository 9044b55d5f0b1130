//! An event in the database as a `mitra/schedule-instance@1` document: the
//! day's sessions and slots, its tables, the organizations with their
//! languages and fixed tables, the interpreters, and the requests that ask
//! for a meeting.

use mitra_core::event::{EventPlan, Interpreter, Table};
use mitra_core::meeting::{MeetingRequest, Priority, RequestStatus};
use mitra_core::organization::Organization;
use serde_json::{Map, Value, json};

/// The value of the instance format's `format` key.
pub const INSTANCE_FORMAT: &str = "mitra/schedule-instance@1";

/// Whether a request goes to the scheduler: accepted requests, and
/// suggestions (priority 1) that nobody has declined yet. Pending requests
/// of a higher priority wait for their answer and never block a slot.
pub fn is_schedulable(request: &MeetingRequest) -> bool {
    match request.status {
        RequestStatus::Accepted => true,
        RequestStatus::Pending => request.priority == Priority::Suggested,
        _ => false,
    }
}

/// Builds the instance. Organizations and interpreters keep the order
/// given (callers pass them sorted by id); requests keep theirs.
pub fn instance_for_event(
    plan: &EventPlan,
    organizations: &[Organization],
    tables: &[Table],
    interpreters: &[Interpreter],
    requests: &[MeetingRequest],
) -> Value {
    let sessions: Vec<Value> = plan
        .sessions
        .iter()
        .map(|s| json!({"id": s.id.as_str(), "slots": plan.slots_of(&s.id).map(|slot| slot.id.as_str()).collect::<Vec<_>>()}))
        .collect();
    let participants: Vec<Value> = organizations
        .iter()
        .map(|org| {
            let mut p = Map::new();
            p.insert("id".into(), json!(org.id.as_str()));
            p.insert("side".into(), json!(org.side.as_str()));
            p.insert(
                "languages".into(),
                json!(org.languages.iter().map(|l| l.as_str()).collect::<Vec<_>>()),
            );
            if let Some(table) = tables.iter().find(|t| t.fixed_to.as_ref() == Some(&org.id)) {
                p.insert("table".into(), json!(table.id.as_str()));
            }
            Value::Object(p)
        })
        .collect();
    let interpreters: Vec<Value> = interpreters
        .iter()
        .map(|i| {
            json!({
                "id": i.id.as_str(),
                "languages": i.languages.iter().map(|l| l.as_str()).collect::<Vec<_>>(),
                "unavailable": i.unavailable.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            })
        })
        .collect();
    let requests: Vec<Value> = requests
        .iter()
        .filter(|r| is_schedulable(r))
        .map(|r| json!({"a": r.from.as_str(), "b": r.to.as_str(), "priority": r.priority.number()}))
        .collect();
    let mut document = json!({
        "format": INSTANCE_FORMAT,
        "sessions": sessions,
        "tables": tables.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
        "participants": participants,
        "interpreters": interpreters,
        "requests": requests,
    });
    if plan.event.demo
        && let Value::Object(map) = &mut document
    {
        map.insert("notice".into(), json!(DEMO_NOTICE));
    }
    document
}

/// The top-level `notice` of files made from demo data.
pub const DEMO_NOTICE: &str =
    "Demo data: every company, person and request in this file is fictional.";
