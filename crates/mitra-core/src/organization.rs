//! Organizations (companies and institutions) and delegations, with what
//! they offer and need.

use crate::codes::{CountryCode, LanguageCode};
use crate::enums::string_enum;
use crate::ids::{DelegationId, OrgId, PersonId};
use mitra_hs::HsCode;

string_enum!(
    /// Which side of the table an organization sits on.
    Side, "side" {
        /// A company of a visiting delegation.
        Guest = "guest",
        /// A company of the host region.
        Host = "host",
    }
);

impl Side {
    /// The side an organization meets.
    pub fn other(self) -> Side {
        match self {
            Side::Guest => Side::Host,
            Side::Host => Side::Guest,
        }
    }
}

string_enum!(
    /// The broad sector an organization works in, for the event report's
    /// participation tables and for browsing.
    Sector, "sector" {
        Agriculture = "agriculture",
        FoodProcessing = "food-processing",
        Fisheries = "fisheries",
        AgriInputs = "agri-inputs",
        Machinery = "machinery",
        Irrigation = "irrigation",
        DronesDigital = "drones-digital",
        Packaging = "packaging",
        LogisticsColdChain = "logistics-cold-chain",
        TradeDistribution = "trade-distribution",
        FinanceServices = "finance-services",
        EducationTraining = "education-training",
        Energy = "energy",
        Manufacturing = "manufacturing",
        HealthHerbal = "health-herbal",
        Tourism = "tourism",
        Other = "other",
    }
);

/// One thing an organization offers or needs: free text in any language,
/// with the HS codes the registrant gave (possibly none, possibly wrong —
/// the matching engine decides how far to trust them).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TradeItem {
    pub text: String,
    pub hs: Vec<HsCode>,
}

impl TradeItem {
    pub fn new(text: impl Into<String>, hs: Vec<HsCode>) -> TradeItem {
        TradeItem {
            text: text.into(),
            hs,
        }
    }
}

/// A company or institution registered for an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organization {
    pub id: OrgId,
    pub name: String,
    pub side: Side,
    pub country: CountryCode,
    pub region: Option<String>,
    pub delegation: Option<DelegationId>,
    pub sector: Option<Sector>,
    /// Languages its representatives speak at the table.
    pub languages: Vec<LanguageCode>,
    pub description: Option<String>,
    pub offers: Vec<TradeItem>,
    pub needs: Vec<TradeItem>,
    pub certifications: Vec<String>,
    /// Production or handling capacity as the registrant states it
    /// ("300 t/year").
    pub capacity: Option<String>,
    pub website: Option<String>,
    /// Whether this record belongs to generated demo data.
    pub demo: bool,
}

/// What a delegation came for; the matching engine raises partners who
/// serve these, and the mission report is organised around them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Objectives {
    /// Products the region wants to export.
    pub export_products: Vec<TradeItem>,
    /// Technology the region wants to learn about or acquire.
    pub technology_sought: Vec<TradeItem>,
    /// Risks the region wants to address (climate, pests, prices).
    pub risks: Vec<String>,
}

/// A visiting delegation: a province's or state's mission to the event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delegation {
    pub id: DelegationId,
    pub name: String,
    pub country: CountryCode,
    /// Province or state.
    pub region: Option<String>,
    /// The delegation lead's account, once invited.
    pub lead: Option<PersonId>,
    pub lead_name: Option<String>,
    pub objectives: Objectives,
    pub demo: bool,
}
