//! The API's JSON shapes, apart from the database rows and the domain:
//! what goes out (`…Out`) is built from domain values; what comes in
//! refuses unknown fields and is checked before anything is stored.

use mitra_core::event::EventPlan;
use mitra_core::meeting::{Outcome, RequestStatus};
use mitra_core::organization::{Delegation, Organization, TradeItem};
use mitra_store::{Account, RequestClock, StoredMeeting, StoredRequest};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

// ---------------------------------------------------------------- tokens

/// How to get a token: an organizer's e-mail and password, or an
/// invitation token (the part after `/invite/` in an invitation link).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    pub email: Option<String>,
    pub password: Option<String>,
    pub invitation: Option<String>,
}

/// A new token. Keep it secret: it is shown once and stored only hashed.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenOut {
    /// Send as `Authorization: Bearer TOKEN`.
    pub token: String,
    pub token_type: &'static str,
    /// Unix seconds.
    pub expires_at: i64,
    pub me: MeOut,
}

/// The account behind a token.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeOut {
    pub event: String,
    pub person: String,
    pub name: String,
    /// `organizer`, `delegation-lead`, `company-rep` or `interpreter`.
    pub role: &'static str,
    /// The delegation, organization or interpreter the role is bound to.
    pub subject: Option<String>,
}

impl From<&Account> for MeOut {
    fn from(a: &Account) -> MeOut {
        MeOut {
            event: a.event.to_string(),
            person: a.person.to_string(),
            name: a.name.clone(),
            role: a.role.kind(),
            subject: a.role.subject().map(str::to_string),
        }
    }
}

// ---------------------------------------------------------------- events

#[derive(Debug, Serialize, ToSchema)]
pub struct EventSummaryOut {
    pub id: String,
    pub name: String,
    pub demo: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionOut {
    pub id: String,
    pub name: String,
    /// `YYYY-MM-DD`, local to the event.
    pub date: String,
    /// `HH:MM`, local to the event.
    pub start: String,
    pub slots: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SlotOut {
    pub id: String,
    pub session: String,
    /// `YYYY-MM-DDTHH:MM`, local to the event.
    pub start: String,
}

/// An event with its sessions and slots.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventOut {
    pub id: String,
    pub name: String,
    pub name_zh: Option<String>,
    pub name_id: Option<String>,
    pub venue: Option<String>,
    pub city: Option<String>,
    /// IANA name, such as `Asia/Shanghai`.
    pub time_zone: String,
    pub slot_minutes: u32,
    pub demo: bool,
    pub sessions: Vec<SessionOut>,
    pub slots: Vec<SlotOut>,
}

impl From<&EventPlan> for EventOut {
    fn from(plan: &EventPlan) -> EventOut {
        let e = &plan.event;
        EventOut {
            id: e.id.to_string(),
            name: e.name.clone(),
            name_zh: e.name_zh.clone(),
            name_id: e.name_id.clone(),
            venue: e.venue.clone(),
            city: e.city.clone(),
            time_zone: e.time_zone.name().to_string(),
            slot_minutes: e.slot_minutes,
            demo: e.demo,
            sessions: plan
                .sessions
                .iter()
                .map(|s| SessionOut {
                    id: s.id.to_string(),
                    name: s.name.clone(),
                    date: s.date.format("%Y-%m-%d").to_string(),
                    start: s.start.format("%H:%M").to_string(),
                    slots: s.slot_count,
                })
                .collect(),
            slots: plan
                .slots
                .iter()
                .map(|s| SlotOut {
                    id: s.id.to_string(),
                    session: s.session.to_string(),
                    start: s.start.format("%Y-%m-%dT%H:%M").to_string(),
                })
                .collect(),
        }
    }
}

/// An event plan: the event, its sessions (cut into slots of
/// `slot_minutes`) and a number of pooled tables (`P01`, `P02`, ...).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewEvent {
    /// 1–64 letters, digits, `- _ . :`.
    pub id: String,
    pub name: String,
    pub name_zh: Option<String>,
    pub name_id: Option<String>,
    pub venue: Option<String>,
    pub city: Option<String>,
    /// IANA name, such as `Asia/Shanghai`.
    pub time_zone: String,
    /// 5–240.
    pub slot_minutes: u32,
    pub sessions: Vec<NewSession>,
    /// 0–500.
    #[serde(default)]
    pub pool_tables: u32,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSession {
    pub id: String,
    /// Defaults to the id.
    pub name: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`.
    pub start: String,
    pub slots: u32,
}

// ------------------------------------------------ delegations, organizations

/// A line of offers, needs or objectives: free text in any language, with
/// HS codes (2, 4 or 6 digits) where known.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemJson {
    pub text: String,
    #[serde(default)]
    pub hs: Vec<String>,
}

pub fn items(list: &[TradeItem]) -> Vec<ItemJson> {
    list.iter()
        .map(|i| ItemJson {
            text: i.text.clone(),
            hs: i.hs.iter().map(|c| c.to_string()).collect(),
        })
        .collect()
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ObjectivesOut {
    pub export_products: Vec<ItemJson>,
    pub technology_sought: Vec<ItemJson>,
    pub risks: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DelegationOut {
    pub id: String,
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub region: Option<String>,
    pub lead_name: Option<String>,
    pub objectives: ObjectivesOut,
    /// Its companies' ids.
    pub organizations: Vec<String>,
    pub demo: bool,
}

impl DelegationOut {
    pub fn new(d: &Delegation, orgs: &[Organization]) -> DelegationOut {
        DelegationOut {
            id: d.id.to_string(),
            name: d.name.clone(),
            country: d.country.to_string(),
            region: d.region.clone(),
            lead_name: d.lead_name.clone(),
            objectives: ObjectivesOut {
                export_products: items(&d.objectives.export_products),
                technology_sought: items(&d.objectives.technology_sought),
                risks: d.objectives.risks.clone(),
            },
            organizations: orgs
                .iter()
                .filter(|o| o.delegation.as_ref() == Some(&d.id))
                .map(|o| o.id.to_string())
                .collect(),
            demo: d.demo,
        }
    }
}

/// An organization's public profile.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationOut {
    pub id: String,
    pub name: String,
    /// `guest` or `host`.
    pub side: &'static str,
    pub country: String,
    pub region: Option<String>,
    pub delegation: Option<String>,
    pub sector: Option<&'static str>,
    /// ISO 639-1 codes.
    pub languages: Vec<String>,
    pub description: Option<String>,
    pub offers: Vec<ItemJson>,
    pub needs: Vec<ItemJson>,
    pub certifications: Vec<String>,
    pub capacity: Option<String>,
    pub website: Option<String>,
    pub demo: bool,
}

impl From<&Organization> for OrganizationOut {
    fn from(o: &Organization) -> OrganizationOut {
        OrganizationOut {
            id: o.id.to_string(),
            name: o.name.clone(),
            side: o.side.as_str(),
            country: o.country.to_string(),
            region: o.region.clone(),
            delegation: o.delegation.as_ref().map(|d| d.to_string()),
            sector: o.sector.map(|s| s.as_str()),
            languages: o.languages.iter().map(|l| l.to_string()).collect(),
            description: o.description.clone(),
            offers: items(&o.offers),
            needs: items(&o.needs),
            certifications: o.certifications.clone(),
            capacity: o.capacity.clone(),
            website: o.website.clone(),
            demo: o.demo,
        }
    }
}

/// What a company representative may change in the profile; a field left
/// out stays as it is, an empty description clears it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfilePatch {
    pub description: Option<String>,
    pub offers: Option<Vec<ItemJson>>,
    pub needs: Option<Vec<ItemJson>>,
}

/// A recommended partner with its score and reasons.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecommendationOut {
    pub org: String,
    pub score: f64,
    /// The reasons as `mitra/matches@1` writes them.
    #[schema(value_type = Vec<Object>)]
    pub reasons: serde_json::Value,
}

// ---------------------------------------------------------------- requests

#[derive(Debug, Serialize, ToSchema)]
pub struct RequestOut {
    pub id: i64,
    pub from: String,
    pub to: String,
    /// 3 (mutual), 2 (accepted) or 1 (suggested).
    pub priority: u8,
    /// `pending`, `accepted`, `declined`, `expired` or `cancelled`.
    pub status: &'static str,
    pub message: Option<String>,
    /// When a pending request lapses (Unix seconds), for requests made on
    /// the web or the API.
    pub expires_at: Option<i64>,
    pub answer_message: Option<String>,
}

impl RequestOut {
    pub fn new(r: &StoredRequest, clock: Option<&RequestClock>) -> RequestOut {
        let q = &r.request;
        RequestOut {
            id: r.id,
            from: q.from.to_string(),
            to: q.to.to_string(),
            priority: q.priority.number(),
            status: q.status.as_str(),
            message: q.message.clone(),
            expires_at: clock
                .filter(|_| q.status == RequestStatus::Pending)
                .map(|c| c.expires_at),
            answer_message: clock.and_then(|c| c.answer_message.clone()),
        }
    }
}

/// A meeting request from the caller's company to another.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRequest {
    /// The other company's id (the other side of the table).
    pub to: String,
    /// At most 500 characters.
    pub message: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    Accept,
    Decline,
}

/// The answer to a request addressed to the caller's company.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerIn {
    pub decision: Decision,
    /// At most 500 characters.
    pub message: Option<String>,
}

// ---------------------------------------------------------------- meetings

#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingOut {
    pub id: i64,
    /// The request the meeting meets, if any.
    pub request: Option<i64>,
    pub a: String,
    pub b: String,
    pub slot: String,
    /// `YYYY-MM-DDTHH:MM`, local to the event.
    pub starts_at: Option<String>,
    pub table: String,
    pub interpreter: Option<String>,
    /// `draft`, `published`, `held`, `no-show` or `cancelled`.
    pub status: &'static str,
}

impl MeetingOut {
    pub fn new(plan: &EventPlan, m: &StoredMeeting) -> MeetingOut {
        MeetingOut {
            id: m.id,
            request: m.request_id,
            a: m.meeting.a.to_string(),
            b: m.meeting.b.to_string(),
            slot: m.meeting.slot.to_string(),
            starts_at: plan
                .slots
                .iter()
                .find(|s| s.id == m.meeting.slot)
                .map(|s| s.start.format("%Y-%m-%dT%H:%M").to_string()),
            table: m.meeting.table.to_string(),
            interpreter: m.meeting.interpreter.as_ref().map(|i| i.to_string()),
            status: m.meeting.status.as_str(),
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum InterestJson {
    None,
    Low,
    Medium,
    High,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum NextStepJson {
    None,
    FollowUp,
    Samples,
    Quotation,
    Mou,
    Contract,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoneyJson {
    /// Whole units.
    pub amount: u64,
    /// ISO 4217, such as `USD`, `CNY`, `IDR`.
    pub currency: String,
}

/// What one side records after a meeting (recording again replaces it).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeIn {
    pub interest: InterestJson,
    pub next_step: NextStepJson,
    #[serde(default)]
    pub products: Vec<String>,
    pub estimated_value: Option<MoneyJson>,
    /// At most 2000 characters.
    pub notes: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OutcomeOut {
    pub meeting: i64,
    pub recorded_by: String,
    /// `none`, `low`, `medium` or `high`.
    pub interest: &'static str,
    /// `none`, `follow-up`, `samples`, `quotation`, `mou` or `contract`.
    pub next_step: &'static str,
    pub products: Vec<String>,
    pub estimated_value: Option<MoneyJson>,
    pub notes: Option<String>,
}

impl OutcomeOut {
    pub fn new(meeting: i64, o: &Outcome) -> OutcomeOut {
        OutcomeOut {
            meeting,
            recorded_by: o.recorded_by.to_string(),
            interest: o.interest.as_str(),
            next_step: o.next_step.as_str(),
            products: o.products.clone(),
            estimated_value: o.estimated_value.as_ref().map(|v| MoneyJson {
                amount: v.amount,
                currency: v.currency.clone(),
            }),
            notes: o.notes.clone(),
        }
    }
}

// ---------------------------------------------------------------- runs

/// What a matching run stored.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchingOut {
    /// Organizations that got a list of partners.
    pub organizations: usize,
    /// Recommendations stored in all.
    pub recommendations: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnscheduledOut {
    pub a: String,
    pub b: String,
    pub reason: String,
}

/// A schedule proposal awaiting publication, with how far it is from the
/// best possible and what publishing it would change.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProposalOut {
    /// Unix seconds.
    pub created_at: i64,
    /// Requests met, by priority 3, 2, 1.
    pub met: [usize; 3],
    pub requested: [usize; 3],
    /// An upper bound on what any schedule could meet, by priority.
    pub bound_met: [usize; 3],
    pub breaks: usize,
    pub idle_slots: usize,
    pub bound_breaks: usize,
    pub meetings: usize,
    pub unscheduled: Vec<UnscheduledOut>,
    /// Published meetings the proposal keeps in place.
    pub kept: usize,
    /// Published meetings publishing would cancel (moved or dropped).
    pub cancelled: usize,
    /// Meetings publishing would add.
    pub added: usize,
}

/// What publishing changed.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublishedOut {
    pub kept: usize,
    pub cancelled: usize,
    pub added: usize,
    pub reassigned: usize,
}
