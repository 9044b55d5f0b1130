//! A person's meetings as an iCalendar feed that stays right: one UID per
//! guest–host pair (so a moved meeting replaces itself instead of leaving a
//! duplicate), a SEQUENCE that grows with every change of any of the pair's
//! meeting rows, and a cancelled entry when the pair no longer meets (or
//! the interpreter was changed to someone else).

use crate::i18n::Lang;
use mitra_core::event::EventPlan;
use mitra_core::ids::{EventId, InterpreterId, OrgId};
use mitra_core::meeting::MeetingStatus;
use mitra_docs::ics::{Calendar, CalendarEntry, Method};
use mitra_store::{MeetingStamp, StoredMeeting};
use std::collections::{BTreeMap, HashMap};

/// Whose calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attendee {
    Company(OrgId),
    Interpreter(InterpreterId),
}

impl Attendee {
    fn involved(&self, m: &StoredMeeting) -> bool {
        match self {
            Attendee::Company(org) => m.meeting.a == *org || m.meeting.b == *org,
            Attendee::Interpreter(i) => m.meeting.interpreter.as_ref() == Some(i),
        }
    }
}

/// Names the calendar shows.
pub struct Names<'a> {
    pub organizations: &'a HashMap<String, String>,
    pub interpreters: &'a HashMap<String, String>,
}

/// The UID of a pair's meeting: stable across moves and re-scheduling.
pub fn meeting_uid(event: &EventId, a: &OrgId, b: &OrgId) -> String {
    let (first, second) = if a <= b { (a, b) } else { (b, a) };
    format!("{event}.{first}.{second}@mitra")
}

/// The attendee's calendar in `lang`.
pub fn calendar(
    plan: &EventPlan,
    meetings: &[StoredMeeting],
    stamps: &HashMap<i64, MeetingStamp>,
    attendee: &Attendee,
    names: &Names<'_>,
    lang: Lang,
) -> Calendar {
    // Every row of every pair the attendee ever met or was to meet.
    let mut pairs: BTreeMap<(String, String), Vec<&StoredMeeting>> = BTreeMap::new();
    for m in meetings {
        if m.meeting.status == MeetingStatus::Draft {
            continue;
        }
        let (a, b) = (m.meeting.a.to_string(), m.meeting.b.to_string());
        let key = if a <= b { (a, b) } else { (b, a) };
        pairs.entry(key).or_default().push(m);
    }
    let venue = plan.event.venue.clone().unwrap_or_default();
    let mut entries = Vec::new();
    for rows in pairs.values_mut() {
        if !rows.iter().any(|m| attendee.involved(m)) {
            continue;
        }
        rows.sort_by_key(|m| m.id);
        let Some(latest) = rows.last() else { continue };
        let Some(slot) = plan.slots.iter().find(|s| s.id == latest.meeting.slot) else {
            continue;
        };
        let revisions: i64 = rows
            .iter()
            .map(|m| stamps.get(&m.id).map_or(0, |s| s.revision))
            .sum();
        let sequence = u32::try_from(rows.len() as i64 - 1 + revisions).unwrap_or(u32::MAX);
        let changed = rows
            .iter()
            .filter_map(|m| stamps.get(&m.id).map(|s| s.changed_at))
            .max()
            .unwrap_or(0);
        let cancelled =
            latest.meeting.status == MeetingStatus::Cancelled || !attendee.involved(latest);
        let org_name = |id: &OrgId| {
            names
                .organizations
                .get(id.as_str())
                .cloned()
                .unwrap_or_else(|| id.to_string())
        };
        let (summary, partner_line) = match attendee {
            Attendee::Company(org) => {
                let partner = if latest.meeting.a == *org {
                    &latest.meeting.b
                } else {
                    &latest.meeting.a
                };
                let name = org_name(partner);
                (
                    lang.t_args("ics-summary", &[("partner", name.clone().into())]),
                    name,
                )
            }
            Attendee::Interpreter(_) => {
                let both = format!(
                    "{} — {}",
                    org_name(&latest.meeting.a),
                    org_name(&latest.meeting.b)
                );
                (
                    lang.t_args("ics-summary-interpreting", &[("pair", both.clone().into())]),
                    both,
                )
            }
        };
        let table = lang.t_args(
            "ics-table",
            &[("table", latest.meeting.table.to_string().into())],
        );
        let location = if venue.is_empty() {
            table.clone()
        } else {
            format!("{table}, {venue}")
        };
        let mut description = vec![partner_line, table];
        if let Some(i) = &latest.meeting.interpreter {
            let name = names
                .interpreters
                .get(i.as_str())
                .cloned()
                .unwrap_or_else(|| i.to_string());
            description.push(lang.t_args("ics-interpreter", &[("name", name.into())]));
        }
        if latest.meeting.status == MeetingStatus::NoShow {
            description.push(lang.t("meeting-status-no-show"));
        }
        entries.push(CalendarEntry {
            uid: meeting_uid(&plan.event.id, &latest.meeting.a, &latest.meeting.b),
            sequence,
            cancelled,
            start: slot.start,
            end: plan.slot_end(slot),
            summary,
            location,
            description: description.join("\n"),
            stamp: chrono::DateTime::from_timestamp(changed, 0).unwrap_or_default(),
        });
    }
    entries.sort_by(|x, y| (x.start, &x.uid).cmp(&(y.start, &y.uid)));
    Calendar {
        name: lang.t_args(
            "ics-calendar-name",
            &[("event", plan.event.name.clone().into())],
        ),
        time_zone: plan.event.time_zone,
        entries,
    }
}

/// The calendar as a feed (`METHOD:PUBLISH`).
pub fn feed(calendar: &Calendar) -> String {
    mitra_docs::ics::render_ics(calendar, Method::Publish)
}

/// The calendar feed of one person (a company representative or an
/// interpreter), in their language; `None` for other roles or unknown
/// people.
pub async fn for_person(
    store: &mitra_store::Store,
    event: &EventId,
    person: &mitra_core::ids::PersonId,
) -> Result<Option<String>, mitra_store::StoreError> {
    let parts = crate::services::day::Parts::load(store, event).await?;
    let Some(found) = parts.people.iter().find(|p| p.id == *person) else {
        return Ok(None);
    };
    let attendee = match &found.role {
        mitra_core::people::Role::CompanyRep(org) => Attendee::Company(org.clone()),
        mitra_core::people::Role::Interpreter(i) => Attendee::Interpreter(i.clone()),
        _ => return Ok(None),
    };
    let meetings = store.meetings(event).await?;
    let cal = calendar(
        &parts.plan,
        &meetings,
        &parts.stamps,
        &attendee,
        &Names {
            organizations: &parts.org_names,
            interpreters: &parts.interpreter_names,
        },
        crate::services::notify::language_of(found),
    );
    Ok(Some(feed(&cal)))
}
