//! Meeting requests, meetings and their outcomes.

use crate::enums::string_enum;
use crate::ids::{InterpreterId, OrgId, SlotId, TableId};

string_enum!(
    /// How much a meeting is wanted, as the shared formats number it.
    Priority, "priority" {
        /// Suggested by matching, not yet confirmed by either side (1).
        Suggested = "suggested",
        /// One side asked and the other accepted (2).
        Accepted = "accepted",
        /// Both sides asked for it (3).
        Mutual = "mutual",
    }
);

impl Priority {
    /// The number the shared formats use: 3, 2 or 1.
    pub fn number(self) -> u8 {
        match self {
            Priority::Mutual => 3,
            Priority::Accepted => 2,
            Priority::Suggested => 1,
        }
    }

    pub fn from_number(n: i64) -> Option<Priority> {
        match n {
            3 => Some(Priority::Mutual),
            2 => Some(Priority::Accepted),
            1 => Some(Priority::Suggested),
            _ => None,
        }
    }
}

string_enum!(
    /// Where a meeting request stands.
    RequestStatus, "request status" {
        Pending = "pending",
        Accepted = "accepted",
        Declined = "declined",
        /// Not answered in time; it never blocks a slot.
        Expired = "expired",
        Cancelled = "cancelled",
    }
);

impl RequestStatus {
    /// Whether a request may move from `self` to `next`. Answers are final,
    /// except that an accepted meeting can still be cancelled.
    pub fn can_become(self, next: RequestStatus) -> bool {
        use RequestStatus::*;
        matches!(
            (self, next),
            (Pending, Accepted | Declined | Expired | Cancelled) | (Accepted, Cancelled)
        )
    }

    /// Whether the request still asks the scheduler for a meeting.
    pub fn wants_meeting(self) -> bool {
        matches!(self, RequestStatus::Accepted)
    }
}

/// A request from one organization to meet another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingRequest {
    pub from: OrgId,
    pub to: OrgId,
    pub priority: Priority,
    pub status: RequestStatus,
    pub message: Option<String>,
}

string_enum!(
    /// Where a meeting stands.
    MeetingStatus, "meeting status" {
        /// Placed by the scheduler, not yet shown to participants.
        Draft = "draft",
        Published = "published",
        Held = "held",
        /// A participant did not come.
        NoShow = "no-show",
        Cancelled = "cancelled",
    }
);

impl MeetingStatus {
    /// Whether the meeting occupies its slot, table and people.
    pub fn occupies(self) -> bool {
        !matches!(self, MeetingStatus::Cancelled)
    }
}

/// A meeting placed in a slot at a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub a: OrgId,
    pub b: OrgId,
    pub slot: SlotId,
    pub table: TableId,
    pub interpreter: Option<InterpreterId>,
    pub status: MeetingStatus,
}

string_enum!(
    /// How interested a side is after a meeting.
    Interest, "interest" {
        None = "none",
        Low = "low",
        Medium = "medium",
        High = "high",
    }
);

string_enum!(
    /// The next step a side agreed to, in the order of a sales pipeline.
    NextStep, "next step" {
        None = "none",
        FollowUp = "follow-up",
        Samples = "samples",
        Quotation = "quotation",
        Mou = "mou",
        Contract = "contract",
    }
);

/// An amount in a currency, in whole units (estimates need no cents).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Money {
    pub amount: u64,
    /// ISO 4217 code, upper case ("USD", "CNY", "IDR").
    pub currency: String,
}

impl Money {
    /// Checks the currency code's shape (three upper-case letters).
    pub fn new(amount: u64, currency: &str) -> Result<Money, String> {
        if currency.len() == 3 && currency.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Money {
                amount,
                currency: currency.to_string(),
            })
        } else {
            Err(format!(
                "currency {currency:?} is not an ISO 4217 code such as USD, CNY, IDR"
            ))
        }
    }
}

/// What one side recorded after a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub recorded_by: OrgId,
    pub interest: Interest,
    pub next_step: NextStep,
    pub products: Vec<String>,
    pub estimated_value: Option<Money>,
    /// Private to the side that wrote them.
    pub notes: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priorities_round_trip_their_numbers() {
        for p in Priority::ALL {
            assert_eq!(Priority::from_number(i64::from(p.number())), Some(*p));
        }
        assert_eq!(Priority::from_number(4), None);
        assert!(Priority::Mutual > Priority::Accepted);
    }

    #[test]
    fn request_answers_are_final() {
        use RequestStatus::*;
        assert!(Pending.can_become(Accepted));
        assert!(Accepted.can_become(Cancelled));
        assert!(!Declined.can_become(Accepted));
        assert!(!Expired.can_become(Accepted));
        assert!(!Accepted.can_become(Pending));
    }

    #[test]
    fn money_needs_a_currency_code() {
        assert!(Money::new(5000, "USD").is_ok());
        assert!(Money::new(5000, "usd").is_err());
        assert!(Money::new(5000, "RMB!").is_err());
    }
}
