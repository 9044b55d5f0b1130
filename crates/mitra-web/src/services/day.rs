//! The live day: badge check-in, no-shows, walk-in meetings in freed
//! slots, and re-scheduling the rest of the day. Each change is written
//! with the mail that announces it (see [`notify`]).

use crate::services::calendar::Names;
use crate::services::engines::{self, Changes, EngineError, pair};
use crate::services::notify::{self, Audience};
use crate::services::passes::{self, PassError};
use mitra_core::event::{EventPlan, Interpreter, Table};
use mitra_core::ids::{EventId, InterpreterId, OrgId, PersonId, SlotId, TableId};
use mitra_core::meeting::{Meeting, MeetingStatus};
use mitra_core::organization::Organization;
use mitra_core::people::{Person, Role};
use mitra_store::{Announcement, CheckIn, MeetingStamp, Store, StoreError, StoredMeeting};
use std::collections::{HashMap, HashSet};

/// Why a step of the day was refused.
#[derive(Debug, thiserror::Error)]
pub enum DayError {
    #[error(transparent)]
    Engine(#[from] EngineError),
    #[error("the badge was refused: {0}")]
    Badge(PassError),
    #[error("the meeting's slot has not started yet")]
    NotStarted,
    #[error("both sides of the meeting have checked in")]
    BothPresent,
    #[error("the meeting is not published (it is {0})")]
    NotPublished(String),
    #[error("not a meeting of yours")]
    NotYours,
    #[error("no later slot where both are free with a table (and an interpreter if needed)")]
    NoFreeSlot,
    #[error("a walk-in needs one guest and one host company")]
    NotAPair,
    /// Another writer (another organizer, another server) changed the
    /// same slots meanwhile, again and again; nothing was written.
    #[error("someone else changed the day meanwhile; nothing was changed")]
    Busy,
}

impl From<StoreError> for DayError {
    fn from(e: StoreError) -> Self {
        DayError::Engine(EngineError::Store(e))
    }
}

/// What the day's steps read about the event, loaded once.
pub struct Parts {
    pub plan: EventPlan,
    pub people: Vec<Person>,
    pub organizations: Vec<Organization>,
    pub tables: Vec<Table>,
    pub interpreters: Vec<Interpreter>,
    pub org_names: HashMap<String, String>,
    pub interpreter_names: HashMap<String, String>,
    pub stamps: HashMap<i64, MeetingStamp>,
}

impl Parts {
    pub async fn load(store: &Store, event: &EventId) -> Result<Parts, StoreError> {
        let organizations = store.organizations(event).await?;
        let interpreters = store.interpreters(event).await?;
        Ok(Parts {
            plan: store.event_plan(event).await?,
            people: store.people(event).await?,
            org_names: organizations
                .iter()
                .map(|o| (o.id.to_string(), o.name.clone()))
                .collect(),
            interpreter_names: interpreters
                .iter()
                .map(|i| (i.id.to_string(), i.name.clone()))
                .collect(),
            organizations,
            tables: store.tables(event).await?,
            interpreters,
            stamps: store.meeting_stamps(event).await?,
        })
    }

    pub fn audience(&self, now: i64) -> Audience<'_> {
        Audience {
            plan: &self.plan,
            people: &self.people,
            names: Names {
                organizations: &self.org_names,
                interpreters: &self.interpreter_names,
            },
            stamps: &self.stamps,
            now,
        }
    }
}

/// When a slot starts, in Unix seconds (the event's local time read in its
/// zone; a time the zone skips counts as its later reading).
pub fn slot_starts_at(plan: &EventPlan, slot: &SlotId) -> Option<i64> {
    let slot = plan.slots.iter().find(|s| s.id == *slot)?;
    let local = slot.start.and_local_timezone(plan.event.time_zone);
    local.earliest().or(local.latest()).map(|t| t.timestamp())
}

/// Checks in the person a scanned badge names. A code of another event or
/// a forged one is refused and written to the audit log.
pub async fn scan_badge(
    store: &Store,
    event: &EventId,
    code: &str,
    actor: &str,
    now: i64,
) -> Result<(Person, CheckIn), DayError> {
    let secret = passes::event_secret(store, event).await?;
    let person = match passes::read_badge(&secret, event, code) {
        Ok(p) => p,
        Err(e) => {
            let shown: String = code.chars().take(80).collect();
            tracing::warn!(event = %event, reason = %e, "badge refused");
            store
                .audit(event, now, actor, "badge-refused", &shown, &e.to_string())
                .await?;
            return Err(DayError::Badge(e));
        }
    };
    let people = store.people(event).await?;
    let Some(found) = people.into_iter().find(|p| p.id == person) else {
        store
            .audit(
                event,
                now,
                actor,
                "badge-refused",
                person.as_str(),
                "no such person",
            )
            .await?;
        return Err(DayError::Badge(PassError::Forged));
    };
    let result = store.check_in(event, &person, actor, now).await?;
    Ok((found, result))
}

/// Organizations with at least one person checked in.
pub async fn present_organizations(
    store: &Store,
    event: &EventId,
    people: &[Person],
) -> Result<HashSet<OrgId>, StoreError> {
    let checked: HashMap<PersonId, i64> = store.checkins(event).await?;
    Ok(people
        .iter()
        .filter(|p| checked.contains_key(&p.id))
        .filter_map(|p| match &p.role {
            Role::CompanyRep(org) => Some(org.clone()),
            _ => None,
        })
        .collect())
}

/// Who marks a no-show.
pub enum Marker<'a> {
    Organizer,
    /// A company's representative: only for their own meeting, about the
    /// other side.
    Company(&'a OrgId),
}

/// Marks a published meeting whose slot has started as a no-show, when a
/// side (the other side, for a company) has nobody checked in.
pub async fn mark_no_show(
    store: &Store,
    event: &EventId,
    meeting: i64,
    marker: Marker<'_>,
    actor: &str,
    now: i64,
) -> Result<(), DayError> {
    let parts = Parts::load(store, event).await?;
    let before = store.meetings(event).await?;
    let m = before
        .iter()
        .find(|m| m.id == meeting)
        .ok_or(StoreError::NotFound {
            what: "meeting",
            id: meeting.to_string(),
        })?;
    if m.meeting.status != MeetingStatus::Published {
        return Err(DayError::NotPublished(m.meeting.status.to_string()));
    }
    let present = present_organizations(store, event, &parts.people).await?;
    let absent_side_missing = match marker {
        Marker::Organizer => !present.contains(&m.meeting.a) || !present.contains(&m.meeting.b),
        Marker::Company(org) => {
            let other = if m.meeting.a == *org {
                &m.meeting.b
            } else if m.meeting.b == *org {
                &m.meeting.a
            } else {
                return Err(DayError::NotYours);
            };
            !present.contains(other)
        }
    };
    match slot_starts_at(&parts.plan, &m.meeting.slot) {
        Some(start) if start <= now => {}
        _ => return Err(DayError::NotStarted),
    }
    if !absent_side_missing {
        return Err(DayError::BothPresent);
    }
    let mut after = before.clone();
    for row in &mut after {
        if row.id == meeting {
            row.meeting.status = MeetingStatus::NoShow;
        }
    }
    let mails = notify::agenda_mails(&parts.audience(now), &before, &after, "changed", false);
    store
        .mark_no_show(
            event,
            meeting,
            &Announcement {
                actor,
                now,
                mails: &mails,
            },
        )
        .await?;
    Ok(())
}

/// The slots from `from` on (in the plan's order).
fn slots_from<'p>(plan: &'p EventPlan, from: &SlotId) -> Vec<&'p SlotId> {
    plan.slots
        .iter()
        .skip_while(|s| s.id != *from)
        .map(|s| &s.id)
        .collect()
}

/// Books a walk-in meeting between a guest and a host in the first slot
/// from `from` on where both are free, at the host's own table or a free
/// pool table, with an interpreter when they share no language.
pub async fn walk_in(
    store: &Store,
    event: &EventId,
    a: &OrgId,
    b: &OrgId,
    from: &SlotId,
    actor: &str,
    now: i64,
) -> Result<StoredMeeting, DayError> {
    // The free slot is chosen from what was read; a booking that another
    // writer beat to the slot, table or interpreter is refused by the
    // schema, and the search runs again over what is there now.
    const TRIES: usize = 8;
    for _ in 0..TRIES {
        match walk_in_once(store, event, a, b, from, actor, now).await {
            Err(DayError::Engine(EngineError::Store(StoreError::Conflict(_)))) => {
                tracing::debug!(%a, %b, "a walk-in lost its slot to another booking; looking again");
            }
            other => return other,
        }
    }
    Err(DayError::Busy)
}

async fn walk_in_once(
    store: &Store,
    event: &EventId,
    a: &OrgId,
    b: &OrgId,
    from: &SlotId,
    actor: &str,
    now: i64,
) -> Result<StoredMeeting, DayError> {
    let parts = Parts::load(store, event).await?;
    let org = |id: &OrgId| parts.organizations.iter().find(|o| o.id == *id);
    let (Some(first), Some(second)) = (org(a), org(b)) else {
        return Err(StoreError::NotFound {
            what: "organization",
            id: format!("{a} / {b}"),
        }
        .into());
    };
    if first.side == second.side || a == b {
        return Err(DayError::NotAPair);
    }
    let before = store.meetings(event).await?;
    let busy: HashSet<(&SlotId, String)> = before
        .iter()
        .filter(|m| m.meeting.status.occupies())
        .flat_map(|m| {
            let mut who = vec![
                (&m.meeting.slot, format!("o:{}", m.meeting.a)),
                (&m.meeting.slot, format!("o:{}", m.meeting.b)),
                (&m.meeting.slot, format!("t:{}", m.meeting.table)),
            ];
            if let Some(i) = &m.meeting.interpreter {
                who.push((&m.meeting.slot, format!("i:{i}")));
            }
            who
        })
        .collect();
    let is_free = |slot: &SlotId, key: String| !busy.contains(&(slot, key));
    let shared = first.languages.iter().any(|l| second.languages.contains(l));
    let host = if first.side == mitra_core::organization::Side::Host {
        first
    } else {
        second
    };
    let own_table = parts
        .tables
        .iter()
        .find(|t| t.fixed_to.as_ref() == Some(&host.id));
    for slot in slots_from(&parts.plan, from) {
        if !is_free(slot, format!("o:{a}")) || !is_free(slot, format!("o:{b}")) {
            continue;
        }
        let table: Option<&TableId> = match own_table {
            Some(t) => is_free(slot, format!("t:{}", t.id)).then_some(&t.id),
            None => parts
                .tables
                .iter()
                .filter(|t| t.fixed_to.is_none())
                .find(|t| is_free(slot, format!("t:{}", t.id)))
                .map(|t| &t.id),
        };
        let Some(table) = table else { continue };
        let interpreter: Option<InterpreterId> = if shared {
            None
        } else {
            let fits = parts.interpreters.iter().find(|i| {
                !i.unavailable.contains(slot)
                    && is_free(slot, format!("i:{}", i.id))
                    && first.languages.iter().any(|l| i.languages.contains(l))
                    && second.languages.iter().any(|l| i.languages.contains(l))
            });
            match fits {
                Some(i) => Some(i.id.clone()),
                None => continue,
            }
        };
        let meeting = Meeting {
            a: a.clone(),
            b: b.clone(),
            slot: slot.clone(),
            table: table.clone(),
            interpreter,
            status: MeetingStatus::Published,
        };
        let after = notify::apply(&before, &[], &[], &[(None, meeting.clone())]);
        let mails = notify::agenda_mails(&parts.audience(now), &before, &after, "changed", false);
        let id = store
            .book_walk_in(
                event,
                &meeting,
                &Announcement {
                    actor,
                    now,
                    mails: &mails,
                },
            )
            .await?;
        return Ok(StoredMeeting {
            id,
            request_id: None,
            meeting,
        });
    }
    Err(DayError::NoFreeSlot)
}

/// Re-schedules the rest of the day from slot `from`: earlier slots are
/// history (kept as they are), companies marked absent (a no-show and
/// nobody checked in) get no further meetings, and everyone else keeps
/// their meetings where they are unless a request can only be met by
/// moving one. Publishes at once, with the mail to everyone affected.
pub async fn reschedule_rest(
    store: &Store,
    event: &EventId,
    from: &SlotId,
    actor: &str,
    now: i64,
) -> Result<Changes, DayError> {
    let parts = Parts::load(store, event).await?;
    let remaining: HashSet<SlotId> = slots_from(&parts.plan, from).into_iter().cloned().collect();
    if remaining.is_empty() {
        return Err(StoreError::NotFound {
            what: "slot",
            id: from.to_string(),
        }
        .into());
    }
    let past: HashSet<SlotId> = parts
        .plan
        .slots
        .iter()
        .map(|s| s.id.clone())
        .filter(|s| !remaining.contains(s))
        .collect();
    let meetings = store.meetings(event).await?;
    let present = present_organizations(store, event, &parts.people).await?;
    let absent: HashSet<&OrgId> = meetings
        .iter()
        .filter(|m| m.meeting.status == MeetingStatus::NoShow)
        .flat_map(|m| [&m.meeting.a, &m.meeting.b])
        .filter(|o| !present.contains(*o))
        .collect();
    // Pairs that already met (or were to meet) earlier are done.
    let done: HashSet<(String, String)> = meetings
        .iter()
        .filter(|m| m.meeting.status.occupies() && m.meeting.status != MeetingStatus::Draft)
        .filter(|m| past.contains(&m.meeting.slot) || m.meeting.status == MeetingStatus::Held)
        .map(|m| pair(m.meeting.a.as_str(), m.meeting.b.as_str()))
        .collect();
    let (mut instance, demo) = engines::instance_file(store, event).await?;
    let mut past_codes: Vec<String> = past.iter().map(|s| s.to_string()).collect();
    past_codes.sort();
    let all_codes: Vec<String> = parts.plan.slots.iter().map(|s| s.id.to_string()).collect();
    for p in &mut instance.participants {
        let unavailable = if absent.iter().any(|o| o.as_str() == p.id) {
            all_codes.clone()
        } else {
            past_codes.clone()
        };
        p.unavailable.extend(unavailable);
        p.unavailable.sort();
        p.unavailable.dedup();
    }
    for i in &mut instance.interpreters {
        i.unavailable.extend(past_codes.iter().cloned());
        i.unavailable.sort();
        i.unavailable.dedup();
    }
    instance
        .requests
        .retain(|r| !done.contains(&pair(&r.a, &r.b)));
    // a meeting already held in a slot still to come stays where it is
    let taken = engines::reserve_history(&mut instance, &meetings);
    let bytes = mitra_formats::event_instance::write_instance(&instance, demo);
    let previous = engines::standing_schedule(store, event, &past).await?;
    let (_, file) = engines::solve(bytes, Some(previous), taken, false).await?;
    let changes = engines::changes_after(store, event, &file, &past).await?;
    match engines::publish_changes(store, event, &changes, actor, now).await {
        // A walk-in or another re-scheduling took a slot the new plan
        // uses while the scheduler ran: the schema refused the double
        // booking and nothing was written.
        Err(EngineError::Store(e)) if e.is_unique_violation() => Err(DayError::Busy),
        Err(e) => Err(e.into()),
        Ok(()) => Ok(changes),
    }
}
