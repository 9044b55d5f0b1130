//! What each paper document says, as plain text in the reader's language:
//! one view per document, rendered by both the HTML and the PDF writer so
//! that the two say the same.

use super::qr::Qr;
use super::{Agenda, Badge, BadgeRole, PaperError, PaperEvent, TablePlan, TableTent};
use crate::locale::{Lang, Tr, table};
use chrono::{NaiveDate, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;
use std::cmp::Ordering;

/// A label from the message tables, plain text (not escaped), with its
/// `{name}` arguments filled in. A missing key shows as `[[key]]`.
pub(crate) fn label(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut out = table(lang)
        .get(key)
        .cloned()
        .unwrap_or_else(|| format!("[[{key}]]"));
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

pub(crate) fn date(lang: Lang, d: NaiveDate) -> String {
    Tr::new(lang).date(d)
}

fn hm(t: NaiveDateTime) -> String {
    t.format("%H:%M").to_string()
}

/// "09:00–09:30".
pub(crate) fn time_span(start: NaiveDateTime, end: NaiveDateTime) -> String {
    format!("{}\u{2013}{}", hm(start), hm(end))
}

/// The instant of an event-local time. A local time that the zone skips
/// (a daylight-saving gap) is read as the hour after it.
fn instant(t: NaiveDateTime, zone: Tz) -> chrono::DateTime<Tz> {
    zone.from_local_datetime(&t)
        .earliest()
        .or_else(|| {
            zone.from_local_datetime(&(t + chrono::Duration::hours(1)))
                .earliest()
        })
        .unwrap_or_else(|| zone.from_utc_datetime(&t))
}

/// `t`, local to `from`, as local time in `to`.
fn to_zone(t: NaiveDateTime, from: Tz, to: Tz) -> NaiveDateTime {
    instant(t, from).with_timezone(&to).naive_local()
}

/// "UTC+08:00" for the zone at that time.
fn utc_offset(zone: Tz, t: NaiveDateTime) -> String {
    let seconds = instant(t, zone).offset().fix().local_minus_utc();
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.abs() / 60;
    format!("UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The reader's time of an event-local span, with "(+1)" or "(−1)" when
/// the reader's day differs from the event's.
fn viewer_span(start: NaiveDateTime, end: NaiveDateTime, event: Tz, viewer: Tz) -> String {
    let (s, e) = (to_zone(start, event, viewer), to_zone(end, event, viewer));
    let shift = (s.date() - start.date()).num_days();
    let mut out = time_span(s, e);
    match shift.cmp(&0) {
        Ordering::Greater => out.push_str(&format!(" (+{shift})")),
        Ordering::Less => out.push_str(&format!(" (\u{2212}{})", -shift)),
        Ordering::Equal => {}
    }
    out
}

/// A sort key that orders "2" before "10" and "A2" before "A10".
pub(crate) fn natural_key(text: &str) -> Vec<(bool, u64, String)> {
    let mut key = Vec::new();
    let mut digits = String::new();
    let mut other = String::new();
    let flush_digits = |digits: &mut String, key: &mut Vec<(bool, u64, String)>| {
        if !digits.is_empty() {
            let n = digits.parse::<u64>().unwrap_or(u64::MAX);
            key.push((false, n, std::mem::take(digits)));
        }
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !other.is_empty() {
                key.push((true, 0, std::mem::take(&mut other)));
            }
            digits.push(c);
        } else {
            flush_digits(&mut digits, &mut key);
            other.push(c);
        }
    }
    flush_digits(&mut digits, &mut key);
    if !other.is_empty() {
        key.push((true, 0, other));
    }
    key
}

/// Languages as one line.
pub(crate) fn languages(list: &[String]) -> String {
    list.join(", ")
}

/// The visible demo notice, when the event is a demo.
fn demo_notice(lang: Lang, event: &PaperEvent) -> Option<String> {
    event.demo.then(|| label(lang, "paper.demo", &[]))
}

/// The short demo mark for tents and badges.
pub(crate) fn demo_mark(lang: Lang, event: &PaperEvent) -> Option<String> {
    event.demo.then(|| label(lang, "paper.demo-mark", &[]))
}

fn qr_for(payload: &str, whose: &str) -> Result<Qr, PaperError> {
    Qr::encode(payload).ok_or_else(|| PaperError::QrTooLong {
        whose: whose.to_string(),
        len: payload.len(),
    })
}

/// What a personal agenda says.
pub(crate) struct AgendaView {
    pub title: String,
    pub event: String,
    pub venue: String,
    pub demo: Option<String>,
    pub person: String,
    /// (label, value) lines under the name.
    pub facts: Vec<(String, String)>,
    pub qr: Option<Qr>,
    pub qr_caption: String,
    /// The column headings.
    pub head: Vec<String>,
    /// Meetings by day: the date, then the rows of cells.
    pub days: Vec<(String, Vec<Vec<String>>)>,
    /// Said when there are no meetings.
    pub empty: Option<String>,
    /// Which zone the times are in.
    pub notes: Vec<String>,
    /// Name of the person and event, for the footer and the title.
    pub footer: String,
}

impl AgendaView {
    pub fn new(agenda: &Agenda, lang: Lang) -> Result<AgendaView, PaperError> {
        let zone = agenda.event.time_zone;
        let viewer = agenda.viewer_time_zone.filter(|v| *v != zone);
        let mut meetings: Vec<_> = agenda.meetings.iter().collect();
        meetings.sort_by(|a, b| {
            (a.start, a.end, natural_key(&a.table), &a.partner).cmp(&(
                b.start,
                b.end,
                natural_key(&b.table),
                &b.partner,
            ))
        });
        let first = meetings.first().map(|m| m.start);
        let mut head = vec![label(lang, "paper.label.time-in", &[("zone", zone.name())])];
        if let Some(v) = viewer {
            head.push(label(lang, "paper.label.your-time", &[("zone", v.name())]));
        }
        for key in [
            "paper.label.table",
            "paper.label.partner",
            "paper.label.country",
            "paper.label.languages",
            "paper.label.interpreter",
        ] {
            head.push(label(lang, key, &[]));
        }
        let mut days: Vec<(String, Vec<Vec<String>>)> = Vec::new();
        let mut current: Option<NaiveDate> = None;
        for m in meetings {
            let mut row = vec![time_span(m.start, m.end)];
            if let Some(v) = viewer {
                row.push(viewer_span(m.start, m.end, zone, v));
            }
            row.push(m.table.clone());
            row.push(m.partner.clone());
            row.push(m.partner_country.clone());
            row.push(languages(&m.partner_languages));
            row.push(
                m.interpreter
                    .clone()
                    .unwrap_or_else(|| label(lang, "paper.none", &[])),
            );
            if current != Some(m.start.date()) {
                current = Some(m.start.date());
                days.push((date(lang, m.start.date()), Vec::new()));
            }
            if let Some((_, rows)) = days.last_mut() {
                rows.push(row);
            }
        }
        let at = first.unwrap_or_default();
        let mut notes = vec![label(
            lang,
            "paper.times-note",
            &[("zone", zone.name()), ("offset", &utc_offset(zone, at))],
        )];
        if let Some(v) = viewer {
            let offset = utc_offset(v, to_zone(at, zone, v));
            notes.push(label(
                lang,
                "paper.viewer-note",
                &[("zone", v.name()), ("offset", &offset)],
            ));
        }
        let mut facts = vec![
            (
                label(lang, "paper.label.organization", &[]),
                agenda.organization.clone(),
            ),
            (
                label(lang, "paper.label.country", &[]),
                agenda.country.clone(),
            ),
        ];
        if let Some(d) = &agenda.delegation {
            facts.push((label(lang, "paper.label.delegation", &[]), d.clone()));
        }
        let qr = match &agenda.qr_payload {
            Some(p) => Some(qr_for(p, &agenda.person_name)?),
            None => None,
        };
        let title = label(lang, "paper.agenda.title", &[]);
        Ok(AgendaView {
            footer: format!("{} \u{b7} {}", agenda.person_name, agenda.event.name),
            title,
            event: agenda.event.name.clone(),
            venue: agenda.event.venue.clone(),
            demo: demo_notice(lang, &agenda.event),
            person: agenda.person_name.clone(),
            facts,
            qr,
            qr_caption: label(lang, "paper.check-in", &[]),
            head,
            empty: days
                .is_empty()
                .then(|| label(lang, "paper.agenda.empty", &[])),
            days,
            notes,
        })
    }
}

/// What the table plan says.
pub(crate) struct PlanView {
    pub title: String,
    pub event: String,
    pub venue: String,
    pub demo: Option<String>,
    pub head: Vec<String>,
    pub slots: Vec<SlotView>,
    pub empty: Option<String>,
    pub note: String,
    #[cfg_attr(not(feature = "pdf"), allow(dead_code))]
    pub continued: String,
}

pub(crate) struct SlotView {
    /// "09:00–09:30".
    pub time: String,
    /// The date and "Slot 2 of 8".
    pub sub: String,
    pub rows: Vec<Vec<String>>,
    pub empty: Option<String>,
}

impl PlanView {
    pub fn new(plan: &TablePlan, lang: Lang) -> PlanView {
        let zone = plan.event.time_zone;
        let mut slots: Vec<_> = plan.slots.iter().collect();
        slots.sort_by_key(|s| (s.start, s.end));
        let count = slots.len().to_string();
        let views = slots
            .iter()
            .enumerate()
            .map(|(i, slot)| {
                let mut rows: Vec<_> = slot.rows.iter().collect();
                rows.sort_by(|a, b| {
                    (natural_key(&a.table), &a.guest).cmp(&(natural_key(&b.table), &b.guest))
                });
                let number = (i + 1).to_string();
                SlotView {
                    time: time_span(slot.start, slot.end),
                    sub: format!(
                        "{} \u{b7} {}",
                        date(lang, slot.start.date()),
                        label(
                            lang,
                            "paper.plan.slot",
                            &[("number", &number), ("count", &count)]
                        )
                    ),
                    empty: rows
                        .is_empty()
                        .then(|| label(lang, "paper.plan.empty-slot", &[])),
                    rows: rows
                        .iter()
                        .map(|r| {
                            vec![
                                r.table.clone(),
                                r.guest.clone(),
                                r.host.clone(),
                                r.interpreter
                                    .clone()
                                    .unwrap_or_else(|| label(lang, "paper.none", &[])),
                                languages(&r.languages),
                            ]
                        })
                        .collect(),
                }
            })
            .collect::<Vec<_>>();
        let at = slots.first().map(|s| s.start).unwrap_or_default();
        PlanView {
            title: label(lang, "paper.plan.title", &[]),
            event: plan.event.name.clone(),
            venue: plan.event.venue.clone(),
            demo: demo_notice(lang, &plan.event),
            head: [
                "paper.label.table",
                "paper.label.guest",
                "paper.label.host",
                "paper.label.interpreter",
                "paper.label.languages",
            ]
            .iter()
            .map(|k| label(lang, k, &[]))
            .collect(),
            empty: views
                .is_empty()
                .then(|| label(lang, "paper.plan.empty", &[])),
            slots: views,
            note: label(
                lang,
                "paper.times-note",
                &[("zone", zone.name()), ("offset", &utc_offset(zone, at))],
            ),
            continued: label(lang, "paper.continued", &[]),
        }
    }
}

/// What one table tent says (both halves say the same).
pub(crate) struct TentView {
    /// "Table 12".
    pub table: String,
    pub host: String,
    /// "Languages: …", empty when none are given.
    pub languages: String,
    pub event: String,
    pub demo: Option<String>,
}

pub(crate) struct TentsView {
    pub title: String,
    pub fold: String,
    pub tents: Vec<TentView>,
    pub empty: Option<String>,
}

impl TentsView {
    pub fn new(event: &PaperEvent, tents: &[TableTent], lang: Lang) -> TentsView {
        TentsView {
            title: format!(
                "{} \u{b7} {}",
                label(lang, "paper.tents.title", &[]),
                event.name
            ),
            fold: label(lang, "paper.tent.fold", &[]),
            empty: tents
                .is_empty()
                .then(|| label(lang, "paper.tents.empty", &[])),
            tents: tents
                .iter()
                .map(|t| TentView {
                    table: label(lang, "paper.tent.table", &[("table", &t.table)]),
                    host: t
                        .host
                        .clone()
                        .unwrap_or_else(|| label(lang, "paper.tent.open", &[])),
                    languages: if t.languages.is_empty() {
                        String::new()
                    } else {
                        format!(
                            "{}: {}",
                            label(lang, "paper.label.languages", &[]),
                            languages(&t.languages)
                        )
                    },
                    event: event.name.clone(),
                    demo: demo_mark(lang, event),
                })
                .collect(),
        }
    }
}

/// The colour family of a role's band on a badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Band {
    Guest,
    Host,
    Lead,
    Organizer,
    Interpreter,
    Other,
}

impl Band {
    /// The band's colour.
    pub fn rgb(self) -> (u8, u8, u8) {
        match self {
            Band::Guest => (31, 95, 139),
            Band::Host => (21, 128, 61),
            Band::Lead => (15, 118, 110),
            Band::Organizer => (153, 27, 27),
            Band::Interpreter => (109, 40, 217),
            Band::Other => (71, 85, 105),
        }
    }

    pub fn css(self) -> String {
        let (r, g, b) = self.rgb();
        format!("#{r:02x}{g:02x}{b:02x}")
    }
}

/// What one badge says.
pub(crate) struct BadgeView {
    pub role: String,
    pub band: Band,
    pub name: String,
    pub organization: String,
    pub country: String,
    pub delegation: Option<String>,
    pub event: String,
    pub demo: Option<String>,
    pub qr: Qr,
}

pub(crate) struct BadgesView {
    pub title: String,
    pub badges: Vec<BadgeView>,
    pub empty: Option<String>,
    pub qr_caption: String,
}

impl BadgesView {
    pub fn new(event: &PaperEvent, badges: &[Badge], lang: Lang) -> Result<BadgesView, PaperError> {
        let views = badges
            .iter()
            .map(|b| {
                let (role, band) = match &b.role {
                    BadgeRole::Guest => (label(lang, "paper.role.guest", &[]), Band::Guest),
                    BadgeRole::Host => (label(lang, "paper.role.host", &[]), Band::Host),
                    BadgeRole::DelegationLead => {
                        (label(lang, "paper.role.delegation-lead", &[]), Band::Lead)
                    }
                    BadgeRole::Organizer => {
                        (label(lang, "paper.role.organizer", &[]), Band::Organizer)
                    }
                    BadgeRole::Interpreter => (
                        label(lang, "paper.role.interpreter", &[]),
                        Band::Interpreter,
                    ),
                    BadgeRole::Other(text) => (text.clone(), Band::Other),
                };
                Ok(BadgeView {
                    role,
                    band,
                    name: b.name.clone(),
                    organization: b.organization.clone(),
                    country: b.country.clone(),
                    delegation: b.delegation.clone(),
                    event: event.name.clone(),
                    demo: demo_mark(lang, event),
                    qr: qr_for(&b.qr_payload, &b.name)?,
                })
            })
            .collect::<Result<Vec<_>, PaperError>>()?;
        Ok(BadgesView {
            title: format!(
                "{} \u{b7} {}",
                label(lang, "paper.badges.title", &[]),
                event.name
            ),
            empty: views
                .is_empty()
                .then(|| label(lang, "paper.badges.empty", &[])),
            badges: views,
            qr_caption: label(lang, "paper.check-in", &[]),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2025, 5, 27)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    #[test]
    fn the_viewers_time_is_the_same_instant_in_their_zone() {
        let (sh, jkt) = (chrono_tz::Asia::Shanghai, chrono_tz::Asia::Jakarta);
        assert_eq!(
            viewer_span(at(9, 0), at(9, 30), sh, jkt),
            "08:00\u{2013}08:30"
        );
        assert_eq!(
            viewer_span(at(0, 30), at(1, 0), sh, jkt),
            "23:30\u{2013}00:00 (\u{2212}1)"
        );
        assert_eq!(utc_offset(sh, at(9, 0)), "UTC+08:00");
        assert_eq!(
            utc_offset(chrono_tz::America::St_Johns, at(9, 0)),
            "UTC-02:30"
        );
    }

    #[test]
    fn tables_sort_by_number() {
        let mut t = vec!["10", "2", "A10", "A2", "1"];
        t.sort_by_key(|s| natural_key(s));
        assert_eq!(t, ["1", "2", "10", "A2", "A10"]);
    }
}
