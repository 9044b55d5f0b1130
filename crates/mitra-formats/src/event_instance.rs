//! An event in the database as a `mitra/schedule-instance@1` document: the
//! day's sessions and slots, its tables, the organizations with their
//! languages and fixed tables, the interpreters, and the requests that ask
//! for a meeting.

use crate::schedule::{InstanceFile, InterpreterFile, ParticipantFile, RequestFile, SessionFile};
use mitra_core::event::{EventPlan, Interpreter, Table};
use mitra_core::meeting::{MeetingRequest, Priority, RequestStatus};
use mitra_core::organization::Organization;
use serde_json::{Value, json};

/// The top-level `notice` of files made from demo data (readers ignore
/// unknown top-level keys).
pub const DEMO_NOTICE: &str =
    "Demo data: every company, person and request in this file is fictional.";

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
) -> InstanceFile {
    InstanceFile {
        sessions: plan
            .sessions
            .iter()
            .map(|s| SessionFile {
                id: s.id.to_string(),
                slots: plan
                    .slots_of(&s.id)
                    .map(|slot| slot.id.to_string())
                    .collect(),
            })
            .collect(),
        tables: tables.iter().map(|t| t.id.to_string()).collect(),
        participants: organizations
            .iter()
            .map(|org| ParticipantFile {
                id: org.id.to_string(),
                side: Some(org.side),
                languages: org.languages.iter().map(|l| l.to_string()).collect(),
                table: tables
                    .iter()
                    .find(|t| t.fixed_to.as_ref() == Some(&org.id))
                    .map(|t| t.id.to_string()),
                ..Default::default()
            })
            .collect(),
        interpreters: interpreters
            .iter()
            .map(|i| InterpreterFile {
                id: i.id.to_string(),
                languages: i.languages.iter().map(|l| l.to_string()).collect(),
                unavailable: i.unavailable.iter().map(|s| s.to_string()).collect(),
            })
            .collect(),
        requests: requests
            .iter()
            .filter(|r| is_schedulable(r))
            .map(|r| RequestFile {
                a: r.from.to_string(),
                b: r.to.to_string(),
                priority: r.priority.number(),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}

/// The instance as file bytes, with a `notice` when it is demo data.
pub fn write_instance(instance: &InstanceFile, demo: bool) -> Vec<u8> {
    let mut value = serde_json::to_value(instance).unwrap_or(Value::Null);
    if demo && let Value::Object(map) = &mut value {
        map.insert("notice".into(), json!(DEMO_NOTICE));
    }
    crate::to_json_bytes(&value)
}
