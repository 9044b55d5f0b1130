//! Small made-up inputs (a Lampung mission and its event) for this crate's
//! tests and for renderers' tests. Every record is marked demo; the trade
//! table is the illustrative demo table. Not for production use.

use crate::common::MeetingRecord;
use crate::event::EventInputs;
use crate::facts::facts;
use crate::flows::TradeFlows;
use crate::mission::{MissionInputs, TradeInputs};
use chrono::{NaiveDate, NaiveTime};
use mitra_core::codes::{CountryCode, LanguageCode};
use mitra_core::event::{Event, EventPlan, Interpreter, Session};
use mitra_core::ids::{
    DelegationId, EventId, InterpreterId, MissionId, SessionId, SlotId, TableId, TieId,
};
use mitra_core::meeting::{
    Interest, Meeting, MeetingRequest, MeetingStatus, Money, NextStep, Outcome, Priority,
    RequestStatus,
};
use mitra_core::mission::{
    Agreement, AgreementKind, FriendshipTie, ItineraryItem, ItineraryKind, Milestone,
    MilestoneStatus, Mission, RegionRef, VisitNotes,
};
use mitra_core::organization::{Delegation, Objectives, Organization, Sector, Side, TradeItem};
use mitra_hs::HsCode;

/// The illustrative demo trade table, embedded.
pub const DEMO_TRADE_CSV: &str = include_str!("../../../data/trade/demo-lampung-shandong.csv");
/// Its file name, as reports cite it.
pub const DEMO_TRADE_FILE: &str = "data/trade/demo-lampung-shandong.csv";

fn id<T: std::str::FromStr>(raw: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    raw.parse().expect("fixture ids are valid")
}

fn hs(codes: &[&str]) -> Vec<HsCode> {
    codes
        .iter()
        .map(|c| HsCode::parse(c).expect("fixture HS codes are valid"))
        .collect()
}

fn date(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 5, d).expect("fixture dates are valid")
}

fn country(c: &str) -> CountryCode {
    CountryCode::parse(c).expect("fixture countries are valid")
}

#[allow(clippy::too_many_arguments)]
fn org(
    org_id: &str,
    name: &str,
    side: Side,
    sector: Sector,
    offers: Vec<TradeItem>,
    needs: Vec<TradeItem>,
) -> Organization {
    let guest = side == Side::Guest;
    Organization {
        id: id(org_id),
        name: name.to_string(),
        side,
        country: country(if guest { "ID" } else { "CN" }),
        region: Some(if guest { "Lampung" } else { "Shandong" }.to_string()),
        delegation: guest.then(|| id("lampung")),
        sector: Some(sector),
        languages: vec![LanguageCode::parse(if guest { "id" } else { "zh" }).expect("valid")],
        description: None,
        offers,
        needs,
        certifications: Vec::new(),
        capacity: None,
        website: None,
        demo: true,
    }
}

fn organizations() -> Vec<Organization> {
    vec![
        org(
            "lpg-kopi",
            "Kopi Tanggamus Jaya <demo>",
            Side::Guest,
            Sector::Agriculture,
            vec![TradeItem::new("Kopi robusta biji hijau", hs(&["0901"]))],
            vec![TradeItem::new(
                "Irigasi tetes untuk kebun kopi",
                hs(&["8424"]),
            )],
        ),
        org(
            "lpg-lada",
            "Lada Hitam Lampung",
            Side::Guest,
            Sector::Agriculture,
            vec![TradeItem::new("Lada hitam", hs(&["0904"]))],
            vec![],
        ),
        org(
            "lpg-udang",
            "Udang Vaname Teluk",
            Side::Guest,
            Sector::Fisheries,
            vec![TradeItem::new("Udang vaname beku", hs(&["0306"]))],
            vec![TradeItem::new("Cold storage", vec![])],
        ),
        org(
            "sd-kafei",
            "青岛咖啡贸易 Qingdao Coffee Trading",
            Side::Host,
            Sector::TradeDistribution,
            vec![],
            vec![TradeItem::new(
                "生咖啡豆 green coffee beans",
                hs(&["090111"]),
            )],
        ),
        org(
            "sd-guangai",
            "潍坊滴灌 Weifang Drip Irrigation",
            Side::Host,
            Sector::Irrigation,
            vec![TradeItem::new(
                "滴灌设备 drip irrigation systems",
                hs(&["842482"]),
            )],
            vec![],
        ),
        org(
            "sd-haichan",
            "烟台海产 Yantai Seafood",
            Side::Host,
            Sector::Fisheries,
            vec![],
            vec![TradeItem::new("冻虾 frozen shrimp", hs(&["0306"]))],
        ),
        org(
            "sd-xiangliao",
            "济南香料 Jinan Spices",
            Side::Host,
            Sector::FoodProcessing,
            vec![],
            vec![TradeItem::new("黑胡椒 black pepper", hs(&["0904"]))],
        ),
        org(
            "sd-nongji",
            "潍坊农机 Weifang Farm Machinery",
            Side::Host,
            Sector::Machinery,
            vec![TradeItem::new(
                "收获机械 harvesting machinery",
                hs(&["8433"]),
            )],
            vec![],
        ),
    ]
}

fn meeting(
    a: &str,
    b: &str,
    slot: &str,
    table: &str,
    status: MeetingStatus,
    interpreter: bool,
) -> Meeting {
    Meeting {
        a: id(a),
        b: id(b),
        slot: id::<SlotId>(slot),
        table: id::<TableId>(table),
        interpreter: interpreter.then(|| id::<InterpreterId>("int-wang")),
        status,
    }
}

fn outcome(
    by: &str,
    interest: Interest,
    step: NextStep,
    products: &[&str],
    value: Option<(u64, &str)>,
    notes: Option<&str>,
) -> Outcome {
    Outcome {
        recorded_by: id(by),
        interest,
        next_step: step,
        products: products.iter().map(|p| p.to_string()).collect(),
        estimated_value: value.map(|(a, c)| Money::new(a, c).expect("valid currency")),
        notes: notes.map(str::to_string),
    }
}

/// The meetings of the fixture: coffee buyer held with samples agreed;
/// shrimp buyer held at quotation; irrigation supplier held with a
/// follow-up; pepper buyer a no-show; machinery maker cancelled.
pub fn meetings() -> Vec<MeetingRecord> {
    vec![
        MeetingRecord {
            meeting: meeting(
                "lpg-kopi",
                "sd-kafei",
                "am-0900",
                "t01",
                MeetingStatus::Held,
                true,
            ),
            outcomes: vec![
                outcome(
                    "lpg-kopi",
                    Interest::High,
                    NextStep::Samples,
                    &["Kopi robusta grade 1"],
                    Some((120_000, "USD")),
                    Some("Send 5 kg samples <by June>"),
                ),
                outcome(
                    "sd-kafei",
                    Interest::Medium,
                    NextStep::Samples,
                    &[],
                    Some((90_000, "USD")),
                    Some("HOST PRIVATE NOTE"),
                ),
            ],
        },
        MeetingRecord {
            meeting: meeting(
                "lpg-udang",
                "sd-haichan",
                "am-0920",
                "t02",
                MeetingStatus::Held,
                true,
            ),
            outcomes: vec![outcome(
                "lpg-udang",
                Interest::High,
                NextStep::Quotation,
                &["Udang vaname beku"],
                Some((800_000, "CNY")),
                None,
            )],
        },
        MeetingRecord {
            meeting: meeting(
                "lpg-kopi",
                "sd-guangai",
                "am-0940",
                "t03",
                MeetingStatus::Held,
                false,
            ),
            outcomes: vec![outcome(
                "lpg-kopi",
                Interest::Medium,
                NextStep::FollowUp,
                &[],
                None,
                None,
            )],
        },
        MeetingRecord {
            meeting: meeting(
                "lpg-lada",
                "sd-xiangliao",
                "am-0900",
                "t04",
                MeetingStatus::NoShow,
                false,
            ),
            outcomes: vec![],
        },
        MeetingRecord {
            meeting: meeting(
                "lpg-udang",
                "sd-nongji",
                "am-1000",
                "t02",
                MeetingStatus::Cancelled,
                false,
            ),
            outcomes: vec![],
        },
    ]
}

fn event_plan() -> EventPlan {
    let event = Event {
        id: id::<EventId>("fcw-2025-jinan"),
        name: "Friendly Cities Enterprise Matchmaking Conference".to_string(),
        name_zh: Some("友好城市企业对接洽谈会".to_string()),
        name_id: Some("Temu Bisnis Perusahaan Kota Persahabatan".to_string()),
        venue: Some("Hall B (demo venue)".to_string()),
        city: Some("Jinan".to_string()),
        time_zone: "Asia/Shanghai".parse().expect("valid zone"),
        slot_minutes: 20,
        demo: true,
    };
    let session = Session {
        id: id::<SessionId>("am"),
        name: "Morning".to_string(),
        date: date(27),
        start: NaiveTime::from_hms_opt(9, 0, 0).expect("valid time"),
        slot_count: 9,
    };
    EventPlan::new(event, vec![session]).expect("valid plan")
}

fn delegation(with_objectives: bool) -> Delegation {
    let objectives = if with_objectives {
        Objectives {
            export_products: vec![
                TradeItem::new("Kopi robusta Lampung (green beans)", hs(&["0901"])),
                TradeItem::new("Lada hitam dan putih (pepper)", hs(&["0904"])),
                TradeItem::new("Udang vaname beku (frozen shrimp)", hs(&["0306"])),
                TradeItem::new("Tapioka (tapioca starch)", hs(&["1108"])),
            ],
            technology_sought: vec![
                TradeItem::new("Drip irrigation for coffee estates", hs(&["8424"])),
                TradeItem::new("Greenhouse vegetable growing", vec![]),
                TradeItem::new("Drone-based biological pest management", vec![]),
            ],
            risks: vec!["Climate change: dry seasons".to_string()],
        }
    } else {
        Objectives::default()
    };
    Delegation {
        id: id::<DelegationId>("lampung"),
        name: "Lampung Province Delegation".to_string(),
        country: country("ID"),
        region: Some("Lampung".to_string()),
        lead: None,
        lead_name: Some("Ahmad (demo)".to_string()),
        objectives,
        demo: true,
    }
}

fn tie() -> FriendshipTie {
    FriendshipTie {
        id: id::<TieId>("lampung-shandong"),
        region_a: RegionRef {
            country: country("ID"),
            region: "Lampung".to_string(),
        },
        region_b: RegionRef {
            country: country("CN"),
            region: "Shandong".to_string(),
        },
        since: Some(date(27)),
        status: AgreementKind::LetterOfIntent,
        agreements: vec![Agreement {
            kind: AgreementKind::LetterOfIntent,
            title: "Letter of intent on friendly cooperation".to_string(),
            signed_on: Some(date(27)),
            place: Some("Jinan".to_string()),
            summary: Some("Modern agriculture, ports, industrial estates, education".to_string()),
        }],
        cooperation_areas: vec!["Modern agriculture".to_string(), "Ports".to_string()],
        milestones: vec![Milestone {
            title: "MoU on agricultural cooperation".to_string(),
            due: NaiveDate::from_ymd_opt(2025, 12, 31),
            status: MilestoneStatus::Planned,
        }],
        demo: true,
    }
}

fn mission() -> Mission {
    let visit = |d, kind, title: &str, tech: &[&str], lessons: &[&str]| ItineraryItem {
        date: date(d),
        kind,
        title: title.to_string(),
        place: Some("Shandong".to_string()),
        host: None,
        notes: VisitNotes {
            technologies_seen: tech.iter().map(|s| s.to_string()).collect(),
            lessons: lessons.iter().map(|s| s.to_string()).collect(),
            contacts: Vec::new(),
            follow_ups: Vec::new(),
        },
    };
    Mission {
        id: id::<MissionId>("lampung-2025"),
        delegation: id("lampung"),
        title: "Working visit to Shandong (demo)".to_string(),
        start: date(26),
        end: date(30),
        itinerary: vec![
            visit(
                27,
                ItineraryKind::Conference,
                "Matchmaking conference",
                &[],
                &[],
            ),
            visit(
                28,
                ItineraryKind::SiteVisit,
                "Shouguang greenhouse park",
                &["IoT greenhouse climate control"],
                &["Greenhouse cooperatives share cold storage"],
            ),
            visit(
                29,
                ItineraryKind::SiteVisit,
                "Qingdao seafood cold chain",
                &["Blast freezing"],
                &["Certify the cold chain before exporting"],
            ),
        ],
        demo: true,
    }
}

/// A Lampung mission with meetings, outcomes, itinerary, tie and the
/// illustrative trade table.
pub fn mission_inputs() -> MissionInputs {
    MissionInputs {
        delegation: delegation(true),
        mission: Some(mission()),
        tie: Some(tie()),
        event: Some(event_plan()),
        organizations: organizations(),
        meetings: meetings(),
        trade: TradeInputs {
            flows: TradeFlows::parse(DEMO_TRADE_CSV.as_bytes(), DEMO_TRADE_FILE).ok(),
            exporter: "Lampung".to_string(),
            importer: "Shandong".to_string(),
            year: None,
        },
        facts: facts().to_vec(),
    }
}

/// A delegation that has registered but has nothing yet: objectives, no
/// meetings, no itinerary, no tie, no trade data.
pub fn empty_mission_inputs() -> MissionInputs {
    MissionInputs {
        delegation: delegation(true),
        mission: None,
        tie: None,
        event: None,
        organizations: organizations()
            .into_iter()
            .filter(|o| o.side == Side::Guest)
            .collect(),
        meetings: Vec::new(),
        trade: TradeInputs::default(),
        facts: facts().to_vec(),
    }
}

/// The event around the fixture mission.
pub fn event_inputs() -> EventInputs {
    let request = |from: &str, to: &str, priority, status| MeetingRequest {
        from: id(from),
        to: id(to),
        priority,
        status,
        message: None,
    };
    let meetings = meetings();
    let mut published: Vec<Meeting> = meetings.iter().map(|r| r.meeting.clone()).collect();
    // On the day the irrigation meeting moved from t05 to t03.
    published[2].table = id("t05");
    // The shrimp meeting was a walk-in, not in the published schedule.
    published.remove(1);
    EventInputs {
        plan: event_plan(),
        delegations: vec![delegation(true)],
        organizations: organizations(),
        interpreters: vec![Interpreter {
            id: id("int-wang"),
            name: "Wang Li (demo)".to_string(),
            email: None,
            languages: vec![
                LanguageCode::parse("zh").expect("valid"),
                LanguageCode::parse("id").expect("valid"),
            ],
            unavailable: Vec::new(),
            demo: true,
        }],
        requests: vec![
            request(
                "lpg-kopi",
                "sd-kafei",
                Priority::Mutual,
                RequestStatus::Accepted,
            ),
            request(
                "lpg-kopi",
                "sd-guangai",
                Priority::Accepted,
                RequestStatus::Accepted,
            ),
            request(
                "lpg-lada",
                "sd-xiangliao",
                Priority::Accepted,
                RequestStatus::Accepted,
            ),
            request(
                "lpg-udang",
                "sd-nongji",
                Priority::Suggested,
                RequestStatus::Accepted,
            ),
            request(
                "lpg-udang",
                "sd-kafei",
                Priority::Accepted,
                RequestStatus::Declined,
            ),
            request(
                "lpg-lada",
                "sd-haichan",
                Priority::Suggested,
                RequestStatus::Pending,
            ),
        ],
        meetings,
        published: Some(published),
    }
}

/// An event set up with nothing registered yet.
pub fn empty_event_inputs() -> EventInputs {
    EventInputs {
        plan: event_plan(),
        delegations: Vec::new(),
        organizations: Vec::new(),
        interpreters: Vec::new(),
        requests: Vec::new(),
        meetings: Vec::new(),
        published: None,
    }
}
