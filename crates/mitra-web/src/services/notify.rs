//! The mail that announces changes: who is affected by a change of
//! meetings, and the message each of them gets, in their own language,
//! with their whole agenda as it now stands and an iCalendar attachment.
//! Messages are composed before the change is written and queued in its
//! transaction (see `mitra_store::Announcement`).

use crate::i18n::Lang;
use crate::services::calendar::{self, Attendee, Names};
use mitra_core::event::EventPlan;
use mitra_core::ids::InterpreterId;
use mitra_core::meeting::{Meeting, MeetingStatus};
use mitra_core::people::{Person, Role};
use mitra_store::{MeetingStamp, NewMail, StoredMeeting};
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};

/// Everything a message needs besides the meetings.
pub struct Audience<'a> {
    pub plan: &'a EventPlan,
    pub people: &'a [Person],
    pub names: Names<'a>,
    pub stamps: &'a HashMap<i64, MeetingStamp>,
    pub now: i64,
}

/// The language a person reads: the first of theirs Mitra speaks.
pub fn language_of(person: &Person) -> Lang {
    person
        .languages
        .iter()
        .find_map(|l| Lang::parse(l.as_str()))
        .unwrap_or(Lang::En)
}

/// The meetings as they will stand after cancelling, reassigning and
/// adding; new rows get ids above every existing one.
pub fn apply(
    before: &[StoredMeeting],
    cancel: &[i64],
    reassign: &[(i64, Option<InterpreterId>)],
    add: &[(Option<i64>, Meeting)],
) -> Vec<StoredMeeting> {
    let mut after = before.to_vec();
    for m in &mut after {
        if cancel.contains(&m.id) {
            m.meeting.status = MeetingStatus::Cancelled;
        }
        if let Some((_, interpreter)) = reassign.iter().find(|(id, _)| *id == m.id) {
            m.meeting.interpreter = interpreter.clone();
        }
    }
    let top = before.iter().map(|m| m.id).max().unwrap_or(0);
    for (k, (request, meeting)) in add.iter().enumerate() {
        after.push(StoredMeeting {
            id: top + 1 + k as i64,
            request_id: *request,
            meeting: Meeting {
                status: MeetingStatus::Published,
                ..meeting.clone()
            },
        });
    }
    after
}

/// An attendee's agenda as comparable lines (slot, table, pair,
/// interpreter, status), cancelled and draft meetings left out.
fn agenda_key(meetings: &[StoredMeeting], who: &Attendee) -> BTreeSet<String> {
    meetings
        .iter()
        .filter(|m| {
            !matches!(
                m.meeting.status,
                MeetingStatus::Cancelled | MeetingStatus::Draft
            )
        })
        .filter(|m| match who {
            Attendee::Company(org) => m.meeting.a == *org || m.meeting.b == *org,
            Attendee::Interpreter(i) => m.meeting.interpreter.as_ref() == Some(i),
        })
        .map(|m| {
            format!(
                "{}|{}|{}|{}|{:?}|{}",
                m.meeting.slot,
                m.meeting.table,
                m.meeting.a,
                m.meeting.b,
                m.meeting.interpreter,
                m.meeting.status
            )
        })
        .collect()
}

fn attendee_of(person: &Person) -> Option<Attendee> {
    match &person.role {
        Role::CompanyRep(org) => Some(Attendee::Company(org.clone())),
        Role::Interpreter(i) => Some(Attendee::Interpreter(i.clone())),
        _ => None,
    }
}

/// One message per person whose agenda differs between `before` and
/// `after` (everyone with meetings when `everyone` is set, as for the first
/// publication or a reminder). `kind` picks the wording: `changed`,
/// `published` or `reminder`.
pub fn agenda_mails(
    audience: &Audience<'_>,
    before: &[StoredMeeting],
    after: &[StoredMeeting],
    kind: &str,
    everyone: bool,
) -> Vec<NewMail> {
    let mut mails = Vec::new();
    for person in audience.people {
        if person.email.trim().is_empty() {
            continue;
        }
        let Some(who) = attendee_of(person) else {
            continue;
        };
        let now_key = agenda_key(after, &who);
        if !everyone && agenda_key(before, &who) == now_key {
            continue;
        }
        if everyone && now_key.is_empty() {
            continue;
        }
        mails.push(agenda_mail(audience, person, &who, after, kind));
    }
    mails
}

fn agenda_mail(
    audience: &Audience<'_>,
    person: &Person,
    who: &Attendee,
    after: &[StoredMeeting],
    kind: &str,
) -> NewMail {
    let lang = language_of(person);
    let plan = audience.plan;
    let event_name = plan.event.name.clone();
    let subject = lang.t_args(
        &format!("mail-agenda-{kind}-subject"),
        &[("event", event_name.clone().into())],
    );
    let mut stamps = audience.stamps.clone();
    for m in after {
        stamps.entry(m.id).or_insert(MeetingStamp {
            changed_at: audience.now,
            revision: 0,
        });
    }
    let cal = calendar::calendar(plan, after, &stamps, who, &audience.names, lang);
    let mut body = vec![
        lang.t_args("mail-greeting", &[("name", person.name.clone().into())]),
        String::new(),
        lang.t_args(
            &format!("mail-agenda-{kind}-intro"),
            &[("event", event_name.into())],
        ),
        String::new(),
    ];
    let zone = plan.event.time_zone.name();
    let standing: Vec<_> = cal.entries.iter().filter(|e| !e.cancelled).collect();
    if standing.is_empty() {
        body.push(lang.t("agenda-empty"));
    }
    for e in standing {
        body.push(format!(
            "{}–{} ({zone})  {} · {}",
            e.start.format("%Y-%m-%d %H:%M"),
            e.end.format("%H:%M"),
            e.summary,
            e.location
        ));
    }
    body.push(String::new());
    body.push(lang.t("mail-signature"));
    let body = body.join("\n");
    let digest = Sha256::new()
        .chain_update(subject.as_bytes())
        .chain_update(body.as_bytes())
        .finalize();
    let digest: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    NewMail {
        message_id: format!("{}.{}.{kind}.{digest}@mitra", plan.event.id, person.id),
        to_name: person.name.clone(),
        to_address: person.email.clone(),
        subject,
        body,
        calendar: Some(calendar::feed(&cal)),
    }
}

/// News about one meeting request for the representatives of a company.
#[derive(Clone, Copy)]
pub struct RequestNews<'a> {
    /// `request` (someone asks them), `accepted` or `declined` (their own
    /// request was answered).
    pub kind: &'a str,
    pub request_id: i64,
    /// The company on the other side.
    pub other: &'a str,
    pub message: Option<&'a str>,
    /// Where to answer or look.
    pub link: &'a str,
}

/// The mail that tells a company's representatives about a request.
pub fn request_mails(
    plan: &EventPlan,
    people: &[Person],
    to_org: &mitra_core::ids::OrgId,
    news: &RequestNews<'_>,
) -> Vec<NewMail> {
    let RequestNews {
        kind,
        request_id,
        other,
        message,
        link,
    } = *news;
    people
        .iter()
        .filter(|p| matches!(&p.role, Role::CompanyRep(o) if o == to_org))
        .filter(|p| !p.email.trim().is_empty())
        .map(|p| {
            let lang = language_of(p);
            let event = plan.event.name.clone();
            let (subject_key, intro) = match kind {
                "request" => (
                    "mail-request-subject",
                    lang.t_args(
                        "mail-request-intro",
                        &[
                            ("from", other.to_string().into()),
                            ("event", event.clone().into()),
                        ],
                    ),
                ),
                "accepted" => (
                    "mail-answer-subject",
                    lang.t_args("mail-answer-accepted", &[("to", other.to_string().into())]),
                ),
                _ => (
                    "mail-answer-subject",
                    lang.t_args("mail-answer-declined", &[("to", other.to_string().into())]),
                ),
            };
            let mut body = vec![
                lang.t_args("mail-greeting", &[("name", p.name.clone().into())]),
                String::new(),
                intro,
            ];
            if let Some(m) = message.filter(|m| !m.trim().is_empty()) {
                body.push(format!("“{}”", m.trim()));
            }
            body.extend([
                String::new(),
                link.to_string(),
                String::new(),
                lang.t("mail-signature"),
            ]);
            NewMail {
                message_id: format!("{}.{}.{kind}.{request_id}@mitra", plan.event.id, p.id),
                to_name: p.name.clone(),
                to_address: p.email.clone(),
                subject: lang.t_args(subject_key, &[("event", event.into())]),
                body: body.join("\n"),
                calendar: None,
            }
        })
        .collect()
}
