//! Matching and scheduling over an event in the store.

use crate::services::{day, notify};
use mitra_core::ids::{EventId, InterpreterId, OrgId, SlotId};
use mitra_core::meeting::{Meeting, MeetingStatus};
use mitra_formats::schedule::{ScheduleFile, ScheduleOptions};
use mitra_store::Store;
use std::collections::{HashMap, HashSet};

/// What can go wrong running an engine over the store.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Store(#[from] mitra_store::StoreError),
    #[error("the event's data cannot be scheduled: {0}")]
    Invalid(String),
    #[error("the engine stopped: {0}")]
    Crashed(String),
    /// A proof was asked for where the exact mode does not apply: the event
    /// has published meetings (re-scheduling weighs keeping them, which the
    /// solver does not), or this build has no solver.
    #[error("a proof applies to an event's first schedule, in a build with the solver")]
    CannotProve,
}

/// The wall time a proposal may spend proving itself optimal: the page or
/// API call waits for it. The result is valid whenever it stops.
pub const PROVE_LIMIT: std::time::Duration = std::time::Duration::from_secs(120);

/// Runs matching over the event's organizations and stores each one's
/// `top` best partners as its recommendations.
pub async fn recommend(
    store: &Store,
    event: &EventId,
    top: usize,
) -> Result<mitra_formats::matching::MatchesFile, EngineError> {
    let organizations = store.organizations(event).await?;
    let objectives = store
        .delegations(event)
        .await?
        .into_iter()
        .map(|d| (d.id, d.objectives))
        .collect();
    let matches = tokio::task::spawn_blocking(move || {
        mitra_formats::matching::recommend(&organizations, &objectives, top)
    })
    .await
    .map_err(|e| EngineError::Crashed(e.to_string()))?;
    let rows = recommendation_rows(&matches.matches)?;
    store.replace_recommendations(event, &rows).await?;
    Ok(matches)
}

/// Organizations' lists of partners as the store keeps them.
fn recommendation_rows(
    lists: &[mitra_formats::matching::OrgMatches],
) -> Result<Vec<(OrgId, Vec<mitra_store::Recommendation>)>, EngineError> {
    let mut rows = Vec::with_capacity(lists.len());
    for entry in lists {
        let org = OrgId::parse(&entry.org).map_err(|e| EngineError::Invalid(e.to_string()))?;
        let list = entry
            .top
            .iter()
            .map(|m| {
                Ok(mitra_store::Recommendation {
                    other: OrgId::parse(&m.org).map_err(|e| EngineError::Invalid(e.to_string()))?,
                    score: m.score,
                    reasons: serde_json::to_value(&m.reasons)
                        .map_err(|e| EngineError::Invalid(e.to_string()))?,
                })
            })
            .collect::<Result<Vec<_>, EngineError>>()?;
        rows.push((org, list));
    }
    Ok(rows)
}

/// Each event's matching state, kept in memory so that a profile edit
/// recomputes and stores only the lists it changes.
#[derive(Clone, Default)]
pub struct Recommenders(
    std::sync::Arc<tokio::sync::Mutex<HashMap<EventId, mitra_formats::matching::Recommender>>>,
);

impl Recommenders {
    /// Forgets an event's state (after a full matching run, which stored
    /// fresh lists for everyone).
    pub async fn forget(&self, event: &EventId) {
        self.0.lock().await.remove(event);
    }
}

/// Recomputes recommendations after one organization's profile changed and
/// stores the lists that changed; returns how many. The first call for an
/// event builds its state from the store and stores every list once, so
/// that stored lists and state agree from then on.
pub async fn profile_changed(
    store: &Store,
    recommenders: &Recommenders,
    event: &EventId,
    org: &mitra_core::organization::Organization,
    top: usize,
) -> Result<usize, EngineError> {
    let mut states = recommenders.0.lock().await;
    let changed = match states.get_mut(event) {
        Some(state) => state.update(org),
        None => {
            let organizations = store.organizations(event).await?;
            let objectives = store
                .delegations(event)
                .await?
                .into_iter()
                .map(|d| (d.id, d.objectives))
                .collect();
            let state = tokio::task::spawn_blocking(move || {
                mitra_formats::matching::Recommender::new(&organizations, &objectives, top)
            })
            .await
            .map_err(|e| EngineError::Crashed(e.to_string()))?;
            let all = state.all().matches;
            states.insert(event.clone(), state);
            all
        }
    };
    store
        .replace_recommendations(event, &recommendation_rows(&changed)?)
        .await?;
    Ok(changed.len())
}

/// The event as a scheduling instance, and whether it is demo data.
pub async fn instance_file(
    store: &Store,
    event: &EventId,
) -> Result<(mitra_formats::schedule::InstanceFile, bool), EngineError> {
    let plan = store.event_plan(event).await?;
    let orgs = store.organizations(event).await?;
    let tables = store.tables(event).await?;
    let interpreters = store.interpreters(event).await?;
    let requests: Vec<_> = store
        .requests(event)
        .await?
        .into_iter()
        .map(|r| r.request)
        .collect();
    let instance = mitra_formats::event_instance::instance_for_event(
        &plan,
        &orgs,
        &tables,
        &interpreters,
        &requests,
    );
    Ok((instance, plan.event.demo))
}

/// The event as `mitra/schedule-instance@1`.
pub async fn schedule_instance(store: &Store, event: &EventId) -> Result<Vec<u8>, EngineError> {
    let (instance, demo) = instance_file(store, event).await?;
    Ok(mitra_formats::event_instance::write_instance(
        &instance, demo,
    ))
}

/// Runs the scheduler (off the async threads) on an instance and an
/// optional previous schedule; returns the schedule's JSON and its reading.
/// With `prove`, the exact mode follows the search (within
/// [`PROVE_LIMIT`]).
pub async fn solve(
    instance: Vec<u8>,
    previous: Option<Vec<u8>>,
    tables_taken: Vec<(String, String)>,
    prove: bool,
) -> Result<(String, ScheduleFile), EngineError> {
    let run = tokio::task::spawn_blocking(move || {
        let options = ScheduleOptions {
            seconds: false,
            tables_taken,
            exact: prove,
            time_limit: prove.then_some(PROVE_LIMIT),
            ..Default::default()
        };
        mitra_formats::schedule::run(&instance, previous.as_deref(), &options)
    })
    .await
    .map_err(|e| EngineError::Crashed(e.to_string()))?
    .map_err(|problems| {
        EngineError::Invalid(
            problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    let json = String::from_utf8(run.json).map_err(|e| EngineError::Invalid(e.to_string()))?;
    let file: ScheduleFile =
        serde_json::from_str(&json).map_err(|e| EngineError::Invalid(e.to_string()))?;
    Ok((json, file))
}

/// A meeting already held or missed: history, which no re-scheduling moves.
pub(crate) fn is_history(m: &mitra_store::StoredMeeting) -> bool {
    matches!(
        m.meeting.status,
        MeetingStatus::Held | MeetingStatus::NoShow
    )
}

/// The event as an instance around its history: the people and the
/// interpreter of each meeting already held or missed are busy in its slot,
/// its table is taken then (the second value), and one request of its pair
/// counts as met, so the scheduler leaves history where it is.
pub(crate) async fn instance_around_history(
    store: &Store,
    event: &EventId,
) -> Result<(Vec<u8>, Vec<(String, String)>), EngineError> {
    let (mut instance, demo) = instance_file(store, event).await?;
    let meetings = store.meetings(event).await?;
    let taken = reserve_history(&mut instance, &meetings);
    let bytes = mitra_formats::event_instance::write_instance(&instance, demo);
    Ok((bytes, taken))
}

/// Takes the history among `meetings` out of `instance`: its people and
/// interpreters become unavailable in its slots and one request of each of
/// its pairs goes. Returns the `(slot, table)` pairs history takes, for
/// [`solve`].
pub(crate) fn reserve_history(
    instance: &mut mitra_formats::schedule::InstanceFile,
    meetings: &[mitra_store::StoredMeeting],
) -> Vec<(String, String)> {
    let mut taken = Vec::new();
    for m in meetings.iter().filter(|m| is_history(m)) {
        let slot = m.meeting.slot.to_string();
        let (a, b) = (m.meeting.a.as_str(), m.meeting.b.as_str());
        for p in instance
            .participants
            .iter_mut()
            .filter(|p| p.id == a || p.id == b)
        {
            p.unavailable.push(slot.clone());
        }
        if let Some(i) = &m.meeting.interpreter
            && let Some(i) = instance
                .interpreters
                .iter_mut()
                .find(|x| x.id == i.as_str())
        {
            i.unavailable.push(slot.clone());
        }
        let key = pair(a, b);
        if let Some(k) = instance
            .requests
            .iter()
            .position(|r| pair(&r.a, &r.b) == key)
        {
            instance.requests.remove(k);
        }
        taken.push((slot, m.meeting.table.to_string()));
    }
    for p in &mut instance.participants {
        p.unavailable.sort();
        p.unavailable.dedup();
    }
    for i in &mut instance.interpreters {
        i.unavailable.sort();
        i.unavailable.dedup();
    }
    taken
}

/// A meeting that stands: it occupies its slot, is no longer a draft, and
/// is not history.
fn stands(m: &mitra_store::StoredMeeting) -> bool {
    m.meeting.status.occupies() && m.meeting.status != MeetingStatus::Draft && !is_history(m)
}

/// `meetings` as a previous `mitra/schedule@1`.
fn previous_of<'a>(
    meetings: impl Iterator<Item = &'a mitra_store::StoredMeeting>,
) -> Result<Vec<u8>, EngineError> {
    let meetings: Vec<_> = meetings
        .map(|m| {
            serde_json::json!({
                "a": m.meeting.a.as_str(), "b": m.meeting.b.as_str(), "slot": m.meeting.slot.as_str(),
                "table": m.meeting.table.as_str(), "interpreter": m.meeting.interpreter.as_ref().map(|i| i.as_str()),
            })
        })
        .collect();
    serde_json::to_vec(&serde_json::json!({ "format": "mitra/schedule@1", "meetings": meetings }))
        .map_err(|e| EngineError::Invalid(e.to_string()))
}

/// The meetings that stand (not cancelled, not history), as a previous
/// `mitra/schedule@1`, so that re-scheduling keeps them where it can.
pub(crate) async fn standing_schedule(
    store: &Store,
    event: &EventId,
    frozen: &HashSet<SlotId>,
) -> Result<Vec<u8>, EngineError> {
    let meetings = store.meetings(event).await?;
    previous_of(
        meetings
            .iter()
            .filter(|m| stands(m) && !frozen.contains(&m.meeting.slot)),
    )
}

/// Whether a proposal for `event` can be proven optimal: the build has the
/// solver and no meetings stand yet (a first schedule).
pub async fn can_prove(store: &Store, event: &EventId) -> Result<bool, EngineError> {
    Ok(
        mitra_formats::schedule::EXACT_AVAILABLE
            && !store.meetings(event).await?.iter().any(stands),
    )
}

/// Runs the scheduler over the event's accepted requests, keeping the
/// meetings that stand where it can, and stores the result as the event's
/// proposal for review. With `prove` (a first schedule only, see
/// [`can_prove`]), a SAT solver then proves it optimal or improves it.
/// Returns the proposal.
pub async fn propose_schedule(
    store: &Store,
    event: &EventId,
    now: i64,
    prove: bool,
) -> Result<ScheduleFile, EngineError> {
    store.expire_requests(event, now).await?;
    // the meetings that stand are the previous schedule of a re-scheduling
    let meetings = store.meetings(event).await?;
    let previous = if meetings.iter().any(stands) {
        Some(previous_of(meetings.iter().filter(|m| stands(m)))?)
    } else {
        None
    };
    if prove && (previous.is_some() || !mitra_formats::schedule::EXACT_AVAILABLE) {
        return Err(EngineError::CannotProve);
    }
    let (instance, taken) = instance_around_history(store, event).await?;
    let (json, file) = solve(instance, previous, taken, prove).await?;
    store.save_schedule_proposal(event, &json, now).await?;
    Ok(file)
}

/// How a proposal differs from the meetings that stand.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    /// Standing meetings the proposal keeps in place.
    pub kept: usize,
    /// Standing meetings (published, not yet held) the proposal moves or
    /// drops: publishing cancels them.
    pub cancel: Vec<i64>,
    /// Kept meetings whose interpreter the proposal changes.
    pub reassign: Vec<(i64, Option<InterpreterId>)>,
    /// Meetings to add, with the request each one meets.
    pub add: Vec<(Option<i64>, Meeting)>,
}

type Place = (String, String, String, String);

/// A guest–host pair in a fixed order, whoever asked.
pub(crate) fn pair(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

/// Compares a proposal with the store's standing meetings.
pub async fn changes(
    store: &Store,
    event: &EventId,
    proposal: &ScheduleFile,
) -> Result<Changes, EngineError> {
    changes_after(store, event, proposal, &HashSet::new()).await
}

/// Like [`changes`], with the meetings of `frozen` slots (the part of the
/// day already past) kept as history: never cancelled, never doubled.
pub async fn changes_after(
    store: &Store,
    event: &EventId,
    proposal: &ScheduleFile,
    frozen: &HashSet<SlotId>,
) -> Result<Changes, EngineError> {
    let standing = store.meetings(event).await?;
    let mut in_place: HashMap<Place, Vec<(i64, Option<String>)>> = HashMap::new();
    for m in standing
        .iter()
        .filter(|m| m.meeting.status.occupies() && m.meeting.status != MeetingStatus::Draft)
    {
        let (a, b) = pair(m.meeting.a.as_str(), m.meeting.b.as_str());
        in_place
            .entry((
                a,
                b,
                m.meeting.slot.to_string(),
                m.meeting.table.to_string(),
            ))
            .or_default()
            .push((m.id, m.meeting.interpreter.as_ref().map(|i| i.to_string())));
    }
    let mut changes = Changes::default();
    let mut open_requests: HashMap<(String, String), Vec<i64>> = HashMap::new();
    for r in store.requests(event).await? {
        if mitra_formats::event_instance::is_schedulable(&r.request) {
            open_requests
                .entry(pair(r.request.from.as_str(), r.request.to.as_str()))
                .or_default()
                .push(r.id);
        }
    }
    let mut kept_ids = std::collections::HashSet::new();
    let mut fresh = Vec::new();
    for m in &proposal.meetings {
        let (a, b) = pair(&m.a, &m.b);
        let place = (a.clone(), b.clone(), m.slot.clone(), m.table.clone());
        if let Some(list) = in_place.get_mut(&place)
            && let Some((id, interpreter)) = list.pop()
        {
            kept_ids.insert(id);
            if interpreter != m.interpreter {
                let parsed = m
                    .interpreter
                    .as_deref()
                    .map(InterpreterId::parse)
                    .transpose()
                    .map_err(|e| EngineError::Invalid(e.to_string()))?;
                changes.reassign.push((id, parsed));
            }
            changes.kept += 1;
            continue;
        }
        fresh.push(m);
    }
    // Meetings already held or missed are history: never cancelled, and a
    // proposal that would move one adds no second meeting for its pair.
    let mut history: HashMap<(String, String), usize> = HashMap::new();
    for m in standing
        .iter()
        .filter(|m| m.meeting.status.occupies() && m.meeting.status != MeetingStatus::Draft)
    {
        if kept_ids.contains(&m.id) {
            continue;
        }
        if is_history(m) || frozen.contains(&m.meeting.slot) {
            *history
                .entry(pair(m.meeting.a.as_str(), m.meeting.b.as_str()))
                .or_default() += 1;
        } else {
            changes.cancel.push(m.id);
        }
    }
    for m in fresh {
        let key = pair(&m.a, &m.b);
        if let Some(n) = history.get_mut(&key)
            && *n > 0
        {
            *n -= 1;
            continue;
        }
        let request = open_requests
            .get_mut(&key)
            .and_then(|ids| (!ids.is_empty()).then(|| ids.remove(0)));
        let meeting = m
            .to_meeting(MeetingStatus::Published)
            .map_err(|e| EngineError::Invalid(e.to_string()))?;
        changes.add.push((request, meeting));
    }
    Ok(changes)
}

/// Publishes the event's proposal: what it moved or dropped is cancelled,
/// what it adds is published, in one transaction. Returns the changes, or
/// `None` when there is no proposal.
pub async fn publish_proposal(
    store: &Store,
    event: &EventId,
    actor: &str,
    now: i64,
) -> Result<Option<Changes>, EngineError> {
    let Some((json, _)) = store.schedule_proposal(event).await? else {
        return Ok(None);
    };
    let file: ScheduleFile =
        serde_json::from_str(&json).map_err(|e| EngineError::Invalid(e.to_string()))?;
    let changes = changes(store, event, &file).await?;
    publish_changes(store, event, &changes, actor, now).await?;
    Ok(Some(changes))
}

/// Writes changes to the standing meetings in one transaction, with the
/// mail that tells everyone whose agenda they change.
pub async fn publish_changes(
    store: &Store,
    event: &EventId,
    changes: &Changes,
    actor: &str,
    now: i64,
) -> Result<(), EngineError> {
    let before = store.meetings(event).await?;
    let after = notify::apply(&before, &changes.cancel, &changes.reassign, &changes.add);
    let first = !before.iter().any(|m| {
        !matches!(
            m.meeting.status,
            MeetingStatus::Draft | MeetingStatus::Cancelled
        )
    });
    let parts = day::Parts::load(store, event).await?;
    let audience = parts.audience(now);
    let mails = if first {
        notify::agenda_mails(&audience, &before, &after, "published", true)
    } else {
        notify::agenda_mails(&audience, &before, &after, "changed", false)
    };
    store
        .publish_schedule(
            event,
            &changes.cancel,
            &changes.reassign,
            &changes.add,
            &mitra_store::Announcement {
                actor,
                now,
                mails: &mails,
            },
        )
        .await?;
    Ok(())
}
