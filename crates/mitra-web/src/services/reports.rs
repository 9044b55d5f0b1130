//! The reports' inputs gathered from the store: the delegation with its
//! mission, tie, companies' meetings and outcomes; the event with every
//! meeting. The command line and the delegation lead's page share these.

use mitra_core::ids::{DelegationId, EventId};
use mitra_core::meeting::{Meeting, MeetingStatus, Outcome};
use mitra_insight::flows::TradeFlows;
use mitra_insight::{EventInputs, MeetingRecord, MissionInputs, TradeInputs};
use mitra_store::{Store, StoreError};
use std::collections::HashMap;

/// Meetings with the outcomes their sides recorded.
pub async fn meeting_records(
    store: &Store,
    event: &EventId,
) -> Result<Vec<MeetingRecord>, StoreError> {
    let mut outcomes: HashMap<i64, Vec<Outcome>> = HashMap::new();
    for (meeting, outcome) in store.outcomes(event).await? {
        outcomes.entry(meeting).or_default().push(outcome);
    }
    Ok(store
        .meetings(event)
        .await?
        .into_iter()
        .map(|m| MeetingRecord {
            outcomes: outcomes.remove(&m.id).unwrap_or_default(),
            meeting: m.meeting,
        })
        .collect())
}

/// Everything a delegation's mission report is built from; `NotFound`
/// when the event has no such delegation.
pub async fn mission_inputs(
    store: &Store,
    event: &EventId,
    delegation: &DelegationId,
    flows: Option<TradeFlows>,
) -> Result<MissionInputs, StoreError> {
    let found = store
        .delegations(event)
        .await?
        .into_iter()
        .find(|d| &d.id == delegation)
        .ok_or_else(|| StoreError::NotFound {
            what: "delegation",
            id: delegation.to_string(),
        })?;
    let mission = store
        .missions(event)
        .await?
        .into_iter()
        .find(|m| &m.delegation == delegation);
    // The tie the delegation's region is part of.
    let tie = store.ties().await?.into_iter().find(|t| {
        [&t.region_a, &t.region_b]
            .iter()
            .any(|r| r.country == found.country && Some(&r.region) == found.region.as_ref())
    });
    Ok(MissionInputs {
        delegation: found,
        mission,
        tie,
        event: Some(store.event_plan(event).await?),
        organizations: store.organizations(event).await?,
        meetings: meeting_records(store, event).await?,
        trade: TradeInputs {
            flows,
            exporter: String::new(),
            importer: String::new(),
            year: None,
        },
        facts: mitra_insight::facts::facts().to_vec(),
    })
}

/// Everything the organizer's event report is built from.
pub async fn event_inputs(store: &Store, event: &EventId) -> Result<EventInputs, StoreError> {
    let meetings = meeting_records(store, event).await?;
    // Held and no-show meetings were published before the day; Mitra does
    // not yet keep a copy of the published plan, so this is the plan as far
    // as the records show it.
    let published: Vec<Meeting> = meetings
        .iter()
        .filter(|m| {
            matches!(
                m.meeting.status,
                MeetingStatus::Published | MeetingStatus::Held | MeetingStatus::NoShow
            )
        })
        .map(|m| Meeting {
            status: MeetingStatus::Published,
            ..m.meeting.clone()
        })
        .collect();
    Ok(EventInputs {
        plan: store.event_plan(event).await?,
        delegations: store.delegations(event).await?,
        organizations: store.organizations(event).await?,
        interpreters: store.interpreters(event).await?,
        requests: store
            .requests(event)
            .await?
            .into_iter()
            .map(|r| r.request)
            .collect(),
        meetings,
        published: (!published.is_empty()).then_some(published),
    })
}
