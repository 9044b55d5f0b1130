//! People with accounts, and what their role lets them see.

use crate::codes::LanguageCode;
use crate::ids::{DelegationId, InterpreterId, OrgId, PersonId};

/// A role, with the thing it is bound to. What each role may see is
/// decided by [`Role::may_see_org`] and friends, and checked again by every
/// route on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// Runs the event; sees everything.
    Organizer,
    /// Leads a delegation; sees its own delegation's companies.
    DelegationLead(DelegationId),
    /// Represents one company; sees its own profile, requests and meetings.
    CompanyRep(OrgId),
    /// Interprets; sees the meetings assigned.
    Interpreter(InterpreterId),
}

impl Role {
    /// The role's kind as stored ("organizer", "delegation-lead", ...).
    pub fn kind(&self) -> &'static str {
        match self {
            Role::Organizer => "organizer",
            Role::DelegationLead(_) => "delegation-lead",
            Role::CompanyRep(_) => "company-rep",
            Role::Interpreter(_) => "interpreter",
        }
    }

    /// The id the role is bound to, if any.
    pub fn subject(&self) -> Option<&str> {
        match self {
            Role::Organizer => None,
            Role::DelegationLead(d) => Some(d.as_str()),
            Role::CompanyRep(o) => Some(o.as_str()),
            Role::Interpreter(i) => Some(i.as_str()),
        }
    }

    /// Rebuilds a role from its stored kind and subject.
    pub fn from_parts(kind: &str, subject: Option<&str>) -> Option<Role> {
        match (kind, subject) {
            ("organizer", _) => Some(Role::Organizer),
            ("delegation-lead", Some(s)) => DelegationId::parse(s).ok().map(Role::DelegationLead),
            ("company-rep", Some(s)) => OrgId::parse(s).ok().map(Role::CompanyRep),
            ("interpreter", Some(s)) => InterpreterId::parse(s).ok().map(Role::Interpreter),
            _ => None,
        }
    }

    /// Whether this role may see an organization's private data (notes,
    /// outcomes, requests): its own company, its own delegation's companies,
    /// or everything for organizers.
    pub fn may_see_private(&self, org: &OrgId, org_delegation: Option<&DelegationId>) -> bool {
        match self {
            Role::Organizer => true,
            Role::CompanyRep(own) => own == org,
            Role::DelegationLead(d) => org_delegation == Some(d),
            Role::Interpreter(_) => false,
        }
    }
}

/// A person who can sign in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    pub email: String,
    pub title: Option<String>,
    pub languages: Vec<LanguageCode>,
    pub role: Role,
    pub demo: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_and_limit_what_is_seen() {
        let lead = Role::DelegationLead(DelegationId::parse("lampung").unwrap());
        assert_eq!(
            Role::from_parts(lead.kind(), lead.subject()),
            Some(lead.clone())
        );
        let org = OrgId::parse("lpg-01").unwrap();
        let lampung = DelegationId::parse("lampung").unwrap();
        let other = DelegationId::parse("vietnam").unwrap();
        assert!(lead.may_see_private(&org, Some(&lampung)));
        assert!(!lead.may_see_private(&org, Some(&other)));
        assert!(Role::CompanyRep(org.clone()).may_see_private(&org, None));
        assert!(!Role::CompanyRep(OrgId::parse("x").unwrap()).may_see_private(&org, None));
        assert!(Role::Organizer.may_see_private(&org, None));
        assert_eq!(Role::from_parts("company-rep", None), None);
    }
}
