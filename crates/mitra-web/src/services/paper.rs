//! The day's paper from the store: personal agendas, the table plan, table
//! tents and badges (whose QR code is the person's signed check-in pass),
//! as the documents of `mitra_docs::paper` take them. The web pages and
//! `mitra demo` share these.

use crate::i18n::Lang;
use crate::services::day::Parts;
use crate::services::passes;
use chrono_tz::Tz;
use mitra_core::ids::{EventId, OrgId, PersonId};
use mitra_core::meeting::MeetingStatus;
use mitra_core::organization::{Organization, Side};
use mitra_core::people::{Person, Role};
use mitra_docs::{
    Agenda, AgendaMeeting, Badge, BadgeRole, PaperEvent, PlanRow, PlanSlot, TablePlan, TableTent,
};
use mitra_store::{Store, StoreError, StoredMeeting};
use std::collections::HashMap;

/// The documents' language for a page language.
pub fn doc_lang(lang: Lang) -> mitra_docs::Lang {
    match lang {
        Lang::En => mitra_docs::Lang::En,
        Lang::Id => mitra_docs::Lang::Id,
        Lang::Zh => mitra_docs::Lang::Zh,
    }
}

/// Everything the paper is made from, read once.
pub struct Paper {
    parts: Parts,
    meetings: Vec<StoredMeeting>,
    delegations: HashMap<String, String>,
    secret: String,
}

fn languages(org: &Organization) -> Vec<String> {
    org.languages.iter().map(|l| l.to_string()).collect()
}

impl Paper {
    pub async fn load(store: &Store, event: &EventId) -> Result<Paper, StoreError> {
        Ok(Paper {
            parts: Parts::load(store, event).await?,
            meetings: store.meetings(event).await?,
            delegations: store
                .delegations(event)
                .await?
                .into_iter()
                .map(|d| (d.id.to_string(), d.name))
                .collect(),
            secret: passes::event_secret(store, event).await?,
        })
    }

    pub fn event(&self) -> PaperEvent {
        let e = &self.parts.plan.event;
        PaperEvent {
            name: e.name.clone(),
            venue: [e.venue.clone(), e.city.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", "),
            time_zone: e.time_zone,
            demo: e.demo,
        }
    }

    pub fn people(&self) -> &[Person] {
        &self.parts.people
    }

    fn org(&self, id: &OrgId) -> Option<&Organization> {
        self.parts.organizations.iter().find(|o| o.id == *id)
    }

    fn org_name(&self, id: &OrgId) -> String {
        self.org(id)
            .map_or_else(|| id.to_string(), |o| o.name.clone())
    }

    fn interpreter_name(&self, m: &StoredMeeting) -> Option<String> {
        m.meeting.interpreter.as_ref().map(|i| {
            self.parts
                .interpreter_names
                .get(i.as_str())
                .cloned()
                .unwrap_or_else(|| i.to_string())
        })
    }

    /// The meetings that stand (published, held or missed), in time order.
    fn standing(&self) -> impl Iterator<Item = &StoredMeeting> {
        self.meetings.iter().filter(|m| {
            matches!(
                m.meeting.status,
                MeetingStatus::Published | MeetingStatus::Held | MeetingStatus::NoShow
            )
        })
    }

    fn times(&self, m: &StoredMeeting) -> Option<(chrono::NaiveDateTime, chrono::NaiveDateTime)> {
        let plan = &self.parts.plan;
        let slot = plan.slots.iter().find(|s| s.id == m.meeting.slot)?;
        Some((slot.start, plan.slot_end(slot)))
    }

    /// A person's agenda (company representatives and interpreters), with
    /// their badge's pass as its QR code; `None` for other roles.
    pub fn agenda(&self, person: &PersonId, viewer_time_zone: Option<Tz>) -> Option<Agenda> {
        let who = self.parts.people.iter().find(|p| p.id == *person)?;
        let mut meetings = Vec::new();
        let (organization, country, delegation) = match &who.role {
            Role::CompanyRep(org) => {
                let me = self.org(org)?;
                for m in self
                    .standing()
                    .filter(|m| m.meeting.a == *org || m.meeting.b == *org)
                {
                    let partner_id = if m.meeting.a == *org {
                        &m.meeting.b
                    } else {
                        &m.meeting.a
                    };
                    let partner = self.org(partner_id);
                    let Some((start, end)) = self.times(m) else {
                        continue;
                    };
                    meetings.push(AgendaMeeting {
                        start,
                        end,
                        table: m.meeting.table.to_string(),
                        partner: self.org_name(partner_id),
                        partner_country: partner.map(|p| p.country.to_string()).unwrap_or_default(),
                        partner_languages: partner.map(languages).unwrap_or_default(),
                        interpreter: self.interpreter_name(m),
                    });
                }
                (
                    me.name.clone(),
                    me.country.to_string(),
                    me.delegation
                        .as_ref()
                        .and_then(|d| self.delegations.get(d.as_str()).cloned()),
                )
            }
            Role::Interpreter(i) => {
                for m in self
                    .standing()
                    .filter(|m| m.meeting.interpreter.as_ref() == Some(i))
                {
                    let Some((start, end)) = self.times(m) else {
                        continue;
                    };
                    let mut langs: Vec<String> = [&m.meeting.a, &m.meeting.b]
                        .into_iter()
                        .filter_map(|o| self.org(o))
                        .flat_map(languages)
                        .collect();
                    langs.sort();
                    langs.dedup();
                    meetings.push(AgendaMeeting {
                        start,
                        end,
                        table: m.meeting.table.to_string(),
                        partner: format!(
                            "{} — {}",
                            self.org_name(&m.meeting.a),
                            self.org_name(&m.meeting.b)
                        ),
                        partner_country: String::new(),
                        partner_languages: langs,
                        interpreter: None,
                    });
                }
                (String::new(), String::new(), None)
            }
            _ => return None,
        };
        meetings.sort_by(|x, y| (x.start, &x.table).cmp(&(y.start, &y.table)));
        Some(Agenda {
            event: self.event(),
            person_name: who.name.clone(),
            organization,
            country,
            delegation,
            viewer_time_zone,
            qr_payload: Some(passes::badge_code(
                &self.secret,
                &self.parts.plan.event.id,
                &who.id,
            )),
            meetings,
        })
    }

    /// Every table's meetings, slot by slot.
    pub fn table_plan(&self) -> TablePlan {
        let plan = &self.parts.plan;
        let slots = plan
            .slots
            .iter()
            .map(|slot| {
                let mut rows: Vec<PlanRow> = self
                    .standing()
                    .filter(|m| m.meeting.slot == slot.id)
                    .map(|m| {
                        let a_is_guest = self
                            .org(&m.meeting.a)
                            .is_some_and(|o| o.side == Side::Guest);
                        let (guest, host) = if a_is_guest {
                            (&m.meeting.a, &m.meeting.b)
                        } else {
                            (&m.meeting.b, &m.meeting.a)
                        };
                        let mut langs: Vec<String> = [guest, host]
                            .into_iter()
                            .filter_map(|o| self.org(o))
                            .flat_map(languages)
                            .collect();
                        langs.sort();
                        langs.dedup();
                        PlanRow {
                            table: m.meeting.table.to_string(),
                            guest: self.org_name(guest),
                            host: self.org_name(host),
                            interpreter: self.interpreter_name(m),
                            languages: langs,
                        }
                    })
                    .collect();
                rows.sort_by(|x, y| x.table.cmp(&y.table));
                PlanSlot {
                    start: slot.start,
                    end: plan.slot_end(slot),
                    rows,
                }
            })
            .collect();
        TablePlan {
            event: self.event(),
            slots,
        }
    }

    /// A tent for every table: the host's name on its own table.
    pub fn table_tents(&self) -> Vec<TableTent> {
        self.parts
            .tables
            .iter()
            .map(|t| {
                let host = t.fixed_to.as_ref().and_then(|o| self.org(o));
                TableTent {
                    table: t.id.to_string(),
                    host: host.map(|o| o.name.clone()),
                    languages: host.map(languages).unwrap_or_default(),
                }
            })
            .collect()
    }

    /// A badge for everyone, in the order of the people list.
    pub fn badges(&self) -> Vec<Badge> {
        self.parts
            .people
            .iter()
            .map(|p| {
                let (role, organization, country, delegation) = match &p.role {
                    Role::CompanyRep(org) => {
                        let o = self.org(org);
                        (
                            if o.is_some_and(|o| o.side == Side::Host) {
                                BadgeRole::Host
                            } else {
                                BadgeRole::Guest
                            },
                            self.org_name(org),
                            o.map(|o| o.country.to_string()).unwrap_or_default(),
                            o.and_then(|o| o.delegation.as_ref())
                                .and_then(|d| self.delegations.get(d.as_str()).cloned()),
                        )
                    }
                    Role::DelegationLead(d) => (
                        BadgeRole::DelegationLead,
                        self.delegations
                            .get(d.as_str())
                            .cloned()
                            .unwrap_or_default(),
                        String::new(),
                        None,
                    ),
                    Role::Organizer => (BadgeRole::Organizer, String::new(), String::new(), None),
                    Role::Interpreter(_) => {
                        (BadgeRole::Interpreter, String::new(), String::new(), None)
                    }
                };
                Badge {
                    name: p.name.clone(),
                    organization,
                    country,
                    role,
                    delegation,
                    qr_payload: passes::badge_code(&self.secret, &self.parts.plan.event.id, &p.id),
                }
            })
            .collect()
    }
}
