//! The event itself: sessions cut into equal slots, tables, interpreters.

use crate::codes::LanguageCode;
use crate::ids::{EventId, InterpreterId, OrgId, SessionId, SlotId, TableId};
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;

/// An enterprise matchmaking conference.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub id: EventId,
    pub name: String,
    /// The name in Chinese and Indonesian, where given, for the pages in
    /// those languages.
    pub name_zh: Option<String>,
    pub name_id: Option<String>,
    pub venue: Option<String>,
    pub city: Option<String>,
    /// The host's time zone; every slot time is local to it.
    pub time_zone: Tz,
    /// Length of every slot, in minutes.
    pub slot_minutes: u32,
    pub demo: bool,
}

/// A run of consecutive slots on one day (a morning, an afternoon).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: SessionId,
    pub name: String,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub slot_count: u32,
}

/// One slot: the unit of scheduling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub id: SlotId,
    pub session: SessionId,
    /// Position within its session, from 0.
    pub index: u32,
    /// Local start time in the event's time zone.
    pub start: NaiveDateTime,
}

/// A meeting table: fixed to one host organization, or in the pool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub id: TableId,
    pub fixed_to: Option<OrgId>,
}

/// An interpreter, the languages spoken and the slots not available.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interpreter {
    pub id: InterpreterId,
    pub name: String,
    pub email: Option<String>,
    pub languages: Vec<LanguageCode>,
    pub unavailable: Vec<SlotId>,
    pub demo: bool,
}

/// What is wrong with an event's time plan.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("slot length {0} minutes is outside 5–240")]
    SlotLength(u32),
    #[error("session {0}: has no slots")]
    EmptySession(String),
    #[error("session {0}: its slots run past midnight")]
    PastMidnight(String),
    #[error("sessions {0} and {1} overlap")]
    Overlap(String, String),
    #[error("session id {0} is used twice")]
    DuplicateSession(String),
}

/// An event with its sessions and the slots derived from them. Slot ids are
/// `<session>-<HHMM>` (`am-0900`), stable as long as the plan is.
#[derive(Debug, Clone, PartialEq)]
pub struct EventPlan {
    pub event: Event,
    pub sessions: Vec<Session>,
    pub slots: Vec<Slot>,
}

impl EventPlan {
    /// Checks the sessions against each other and cuts them into slots.
    pub fn new(event: Event, mut sessions: Vec<Session>) -> Result<EventPlan, PlanError> {
        if !(5..=240).contains(&event.slot_minutes) {
            return Err(PlanError::SlotLength(event.slot_minutes));
        }
        sessions.sort_by_key(|s| (s.date, s.start));
        let length = Duration::minutes(i64::from(event.slot_minutes));
        let mut slots = Vec::new();
        let mut previous: Option<(&Session, NaiveDateTime)> = None;
        for (i, session) in sessions.iter().enumerate() {
            if sessions[..i].iter().any(|s| s.id == session.id) {
                return Err(PlanError::DuplicateSession(session.id.to_string()));
            }
            if session.slot_count == 0 {
                return Err(PlanError::EmptySession(session.id.to_string()));
            }
            let begin = session.date.and_time(session.start);
            let end = begin + length * session.slot_count as i32;
            if end.date() != session.date && end.time() != NaiveTime::MIN {
                return Err(PlanError::PastMidnight(session.id.to_string()));
            }
            if let Some((prev, prev_end)) = previous
                && begin < prev_end
            {
                return Err(PlanError::Overlap(
                    prev.id.to_string(),
                    session.id.to_string(),
                ));
            }
            for index in 0..session.slot_count {
                let start = begin + length * index as i32;
                let id = SlotId::parse(&format!("{}-{}", session.id, start.format("%H%M")))
                    .map_err(|_| PlanError::EmptySession(session.id.to_string()))?;
                slots.push(Slot {
                    id,
                    session: session.id.clone(),
                    index,
                    start,
                });
            }
            previous = Some((session, end));
        }
        Ok(EventPlan {
            event,
            sessions,
            slots,
        })
    }

    /// The slots of one session, in order.
    pub fn slots_of<'a>(&'a self, session: &'a SessionId) -> impl Iterator<Item = &'a Slot> + 'a {
        self.slots.iter().filter(move |s| &s.session == session)
    }

    /// The end of a slot (its start plus the slot length).
    pub fn slot_end(&self, slot: &Slot) -> NaiveDateTime {
        slot.start + Duration::minutes(i64::from(self.event.slot_minutes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(minutes: u32) -> Event {
        Event {
            id: EventId::parse("e").unwrap(),
            name: "E".into(),
            name_zh: None,
            name_id: None,
            venue: None,
            city: None,
            time_zone: chrono_tz::Asia::Shanghai,
            slot_minutes: minutes,
            demo: false,
        }
    }

    fn session(id: &str, hour: u32, count: u32) -> Session {
        Session {
            id: SessionId::parse(id).unwrap(),
            name: id.into(),
            date: NaiveDate::from_ymd_opt(2025, 5, 27).unwrap(),
            start: NaiveTime::from_hms_opt(hour, 0, 0).unwrap(),
            slot_count: count,
        }
    }

    #[test]
    fn cuts_sessions_into_slots() {
        let plan =
            EventPlan::new(event(20), vec![session("pm", 14, 9), session("am", 9, 9)]).unwrap();
        assert_eq!(plan.slots.len(), 18);
        assert_eq!(plan.slots[0].id.as_str(), "am-0900");
        assert_eq!(plan.slots[1].id.as_str(), "am-0920");
        assert_eq!(plan.slots[17].id.as_str(), "pm-1640");
        assert_eq!(
            plan.slot_end(&plan.slots[17]).format("%H:%M").to_string(),
            "17:00"
        );
    }

    #[test]
    fn refuses_overlaps_and_empty_sessions() {
        assert!(matches!(
            EventPlan::new(event(20), vec![session("am", 9, 9), session("late", 11, 2)]),
            Err(PlanError::Overlap(_, _))
        ));
        assert!(matches!(
            EventPlan::new(event(20), vec![session("am", 9, 0)]),
            Err(PlanError::EmptySession(_))
        ));
        assert!(matches!(
            EventPlan::new(event(2), vec![]),
            Err(PlanError::SlotLength(2))
        ));
        assert!(matches!(
            EventPlan::new(event(60), vec![session("night", 22, 3)]),
            Err(PlanError::PastMidnight(_))
        ));
    }
}
