//! Friendship ties between regions, and delegations' missions with their
//! itineraries: the frame the conference sits in.

use crate::codes::CountryCode;
use crate::enums::string_enum;
use crate::ids::{DelegationId, MissionId, TieId};
use chrono::NaiveDate;

/// A region of a country (a province, a state).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionRef {
    pub country: CountryCode,
    pub region: String,
}

string_enum!(
    /// What kind of document an agreement is.
    AgreementKind, "agreement kind" {
        LetterOfIntent = "letter-of-intent",
        Mou = "memorandum-of-understanding",
        Agreement = "agreement",
    }
);

/// A signed document of a tie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agreement {
    pub kind: AgreementKind,
    pub title: String,
    pub signed_on: Option<NaiveDate>,
    pub place: Option<String>,
    pub summary: Option<String>,
}

string_enum!(
    /// Progress of a milestone.
    MilestoneStatus, "milestone status" {
        Planned = "planned",
        InProgress = "in-progress",
        Done = "done",
    }
);

/// A step the two regions have set themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Milestone {
    pub title: String,
    pub due: Option<NaiveDate>,
    pub status: MilestoneStatus,
}

/// A friendship relationship between two regions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FriendshipTie {
    pub id: TieId,
    pub region_a: RegionRef,
    pub region_b: RegionRef,
    pub since: Option<NaiveDate>,
    /// The strongest document so far ("letter-of-intent", ...).
    pub status: AgreementKind,
    pub agreements: Vec<Agreement>,
    pub cooperation_areas: Vec<String>,
    pub milestones: Vec<Milestone>,
    pub demo: bool,
}

impl FriendshipTie {
    /// The first milestone not yet done, by due date.
    pub fn next_milestone(&self) -> Option<&Milestone> {
        self.milestones
            .iter()
            .filter(|m| m.status != MilestoneStatus::Done)
            .min_by_key(|m| m.due)
    }
}

string_enum!(
    /// What an itinerary entry is.
    ItineraryKind, "itinerary kind" {
        Conference = "conference",
        SiteVisit = "site-visit",
        GovernmentMeeting = "government-meeting",
        BusinessMeeting = "business-meeting",
        Other = "other",
    }
);

/// What the delegation wrote down after a visit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VisitNotes {
    pub technologies_seen: Vec<String>,
    /// Lessons to adapt at home.
    pub lessons: Vec<String>,
    pub contacts: Vec<String>,
    pub follow_ups: Vec<String>,
}

/// One entry of a mission's itinerary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItineraryItem {
    pub date: NaiveDate,
    pub kind: ItineraryKind,
    pub title: String,
    pub place: Option<String>,
    pub host: Option<String>,
    pub notes: VisitNotes,
}

/// A delegation's working visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mission {
    pub id: MissionId,
    pub delegation: DelegationId,
    pub title: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub itinerary: Vec<ItineraryItem>,
    pub demo: bool,
}

impl Mission {
    /// Checks that the mission's dates are in order and every itinerary
    /// entry falls within them.
    pub fn check(&self) -> Result<(), String> {
        if self.end < self.start {
            return Err(format!("mission {}: ends before it starts", self.id));
        }
        for (i, item) in self.itinerary.iter().enumerate() {
            if item.date < self.start || item.date > self.end {
                return Err(format!(
                    "mission {}: itinerary[{i}] on {} is outside {}–{}",
                    self.id, item.date, self.start, self.end
                ));
            }
        }
        Ok(())
    }
}
