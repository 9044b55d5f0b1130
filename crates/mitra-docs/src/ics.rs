//! iCalendar (RFC 5545) feeds of a person's meetings.
//!
//! [`render_ics`] turns a [`Calendar`] into the text of one `VCALENDAR`:
//! a feed to subscribe to ([`Method::Publish`]), an invitation
//! ([`Method::Request`]) or a cancellation ([`Method::Cancel`]).
//!
//! What keeps a client's calendar right when meetings move or are dropped:
//!
//! * every meeting keeps its `UID` for its whole life (the caller derives it,
//!   e.g. per guest–host pair), so a moved meeting replaces the old one
//!   instead of appearing twice;
//! * `SEQUENCE` is raised by the caller on every change, and `DTSTAMP` /
//!   `LAST-MODIFIED` carry the time of the last change, so a client keeps
//!   the newest version;
//! * a dropped meeting stays in the feed with `STATUS:CANCELLED` (a client
//!   strikes it through or removes it) rather than vanishing silently;
//! * times are local wall-clock times with `TZID`, and the `VTIMEZONE` that
//!   defines that zone is written from the zone database (chrono-tz) for the
//!   years the meetings fall in, so a client computes the right instants
//!   even across a daylight-saving change.
//!
//! The output is pure: no clock, no randomness; the same calendar gives the
//! same bytes. Lines end in CRLF and are folded at 75 octets without ever
//! splitting a UTF-8 character.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

/// The product identifier written in every calendar.
pub const PRODID: &str = "-//Mitra//Mitra agenda//EN";

/// A person's calendar: their meetings in the event's time zone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Calendar {
    /// The calendar's display name (`X-WR-CALNAME`), e.g. the person and the event.
    pub name: String,
    /// The zone the entries' local times are in (the event's venue).
    pub time_zone: Tz,
    /// The meetings, in any order; written sorted by start, end and UID.
    pub entries: Vec<CalendarEntry>,
}

/// One meeting as a calendar event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarEntry {
    /// Stable for the meeting's whole life, e.g. `fcw-2025-jinan.lpg-01.sd-014@mitra`.
    pub uid: String,
    /// The number of changes so far; raised on every move or cancellation.
    pub sequence: u32,
    /// A cancelled meeting is kept with `STATUS:CANCELLED`.
    pub cancelled: bool,
    /// Start, wall-clock time in the calendar's zone.
    pub start: NaiveDateTime,
    /// End, wall-clock time in the calendar's zone.
    pub end: NaiveDateTime,
    /// The title, e.g. the partner's name.
    pub summary: String,
    /// Where, e.g. the table; empty for none.
    pub location: String,
    /// Free text; empty for none.
    pub description: String,
    /// The time of the last change: `DTSTAMP` and `LAST-MODIFIED`.
    pub stamp: DateTime<Utc>,
}

/// The iTIP method (RFC 5546) the calendar is sent with.
///
/// iTIP wants one meeting (one UID) per `REQUEST` or `CANCEL`: send one
/// message per meeting, each with a calendar of that one entry. No
/// `ORGANIZER` or `ATTENDEE` is written, so clients show such a message as
/// an event to add, not as an invitation to answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// A feed or a download: the client shows what it gets.
    Publish,
    /// An invitation, or an update to one, sent by e-mail.
    Request,
    /// A cancellation: every entry is written with `STATUS:CANCELLED`.
    Cancel,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Method::Publish => "PUBLISH",
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
        }
    }
}

/// Writes the calendar as RFC 5545 text.
///
/// Entries are sorted by start, end and UID. An entry whose UID appears more
/// than once is written once: the version with the highest `SEQUENCE` (then
/// the latest stamp), as a client would keep it. With [`Method::Cancel`]
/// every entry is written as cancelled.
///
/// A calendar without entries has no `VTIMEZONE` (it would define a zone
/// nothing uses) and no events; clients read it as an empty calendar.
pub fn render_ics(calendar: &Calendar, method: Method) -> String {
    let entries = latest_per_uid(&calendar.entries);
    let tz = calendar.time_zone;
    let mut out = Lines::default();
    out.line("BEGIN:VCALENDAR");
    out.line(&format!("PRODID:{PRODID}"));
    out.line("VERSION:2.0");
    out.line("CALSCALE:GREGORIAN");
    out.line(&format!("METHOD:{}", method.as_str()));
    out.line(&format!("X-WR-CALNAME:{}", escape_text(&calendar.name)));
    out.line(&format!("X-WR-TIMEZONE:{}", tz.name()));
    if method == Method::Publish {
        // Ask subscribing clients to look again often: plans change all day.
        out.line("REFRESH-INTERVAL;VALUE=DURATION:PT1H");
        out.line("X-PUBLISHED-TTL:PT1H");
    }
    if let Some((first, last)) = year_range(&entries) {
        write_vtimezone(&mut out, tz, first, last);
    }
    for entry in &entries {
        let cancelled = entry.cancelled || method == Method::Cancel;
        out.line("BEGIN:VEVENT");
        out.line(&format!("UID:{}", escape_text(&entry.uid)));
        out.line(&format!("SEQUENCE:{}", entry.sequence));
        out.line(&format!("DTSTAMP:{}", utc_stamp(entry.stamp)));
        out.line(&format!("LAST-MODIFIED:{}", utc_stamp(entry.stamp)));
        out.line(&format!(
            "DTSTART;TZID={}:{}",
            tz.name(),
            local_stamp(entry.start)
        ));
        out.line(&format!(
            "DTEND;TZID={}:{}",
            tz.name(),
            local_stamp(entry.end)
        ));
        out.line(&format!("SUMMARY:{}", escape_text(&entry.summary)));
        if !entry.location.is_empty() {
            out.line(&format!("LOCATION:{}", escape_text(&entry.location)));
        }
        if !entry.description.is_empty() {
            out.line(&format!("DESCRIPTION:{}", escape_text(&entry.description)));
        }
        out.line(if cancelled {
            "STATUS:CANCELLED"
        } else {
            "STATUS:CONFIRMED"
        });
        out.line("TRANSP:OPAQUE");
        out.line("END:VEVENT");
    }
    out.line("END:VCALENDAR");
    out.text
}

/// One entry per UID (the highest sequence, then the latest stamp), sorted
/// by start, end and UID.
fn latest_per_uid(entries: &[CalendarEntry]) -> Vec<&CalendarEntry> {
    let mut by_uid: BTreeMap<&str, &CalendarEntry> = BTreeMap::new();
    for entry in entries {
        by_uid
            .entry(entry.uid.as_str())
            .and_modify(|kept| {
                if (entry.sequence, entry.stamp) > (kept.sequence, kept.stamp) {
                    *kept = entry;
                }
            })
            .or_insert(entry);
    }
    let mut kept: Vec<&CalendarEntry> = by_uid.into_values().collect();
    kept.sort_by(|a, b| (a.start, a.end, &a.uid).cmp(&(b.start, b.end, &b.uid)));
    kept
}

fn year_range(entries: &[&CalendarEntry]) -> Option<(i32, i32)> {
    let years = entries.iter().flat_map(|e| [e.start.year(), e.end.year()]);
    let first = years.clone().min()?;
    let last = years.max()?;
    Some((first, last))
}

/// Content lines, CRLF-terminated and folded.
#[derive(Default)]
struct Lines {
    text: String,
}

impl Lines {
    fn line(&mut self, content: &str) {
        fold_into(&mut self.text, content);
    }
}

/// The longest a content line may be, in octets, without its CRLF.
const MAX_LINE_OCTETS: usize = 75;

/// Appends `content` folded into lines of at most 75 octets (the leading
/// space of a continuation line counts), each ending in CRLF.
///
/// A break never falls inside a UTF-8 character, and where the text allows
/// it never next to whitespace: some readers trim the ends of physical
/// lines, which would eat a space standing at a fold.
fn fold_into(out: &mut String, content: &str) {
    let chars: Vec<char> = content.chars().collect();
    let mut start = 0;
    let mut budget = MAX_LINE_OCTETS;
    loop {
        // The longest run from `start` that fits the budget.
        let mut end = start;
        let mut used = 0;
        while end < chars.len() && used + chars[end].len_utf8() <= budget {
            used += chars[end].len_utf8();
            end += 1;
        }
        if end < chars.len() {
            let quiet = (start + 1..=end)
                .rev()
                .find(|&k| !chars[k - 1].is_whitespace() && !chars[k].is_whitespace());
            if let Some(k) = quiet {
                end = k;
            }
        }
        out.extend(&chars[start..end]);
        out.push_str("\r\n");
        if end >= chars.len() {
            return;
        }
        out.push(' ');
        // The continuation's leading space takes one octet.
        budget = MAX_LINE_OCTETS - 1;
        start = end;
    }
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma
/// and line breaks; other control characters, which TEXT does not allow,
/// are dropped.
pub fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn utc_stamp(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

fn local_stamp(at: NaiveDateTime) -> String {
    at.format("%Y%m%dT%H%M%S").to_string()
}

/// What a zone observes at one instant; a change in any part is a transition.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Observance {
    /// Total offset from UTC, seconds.
    offset: i32,
    daylight: bool,
    name: Option<String>,
}

fn observance_at(tz: Tz, utc: NaiveDateTime) -> Observance {
    let offset = tz.offset_from_utc_datetime(&utc);
    Observance {
        offset: (offset.base_utc_offset() + offset.dst_offset()).num_seconds() as i32,
        daylight: !offset.dst_offset().is_zero(),
        name: offset.abbreviation().map(str::to_owned),
    }
}

/// A change from one observance to the next at an instant (UTC).
struct Transition {
    at_utc: NaiveDateTime,
    from: Observance,
    to: Observance,
}

/// Writes the `VTIMEZONE` for `tz` covering the local years `first..=last`:
/// the observance in effect on 1 January of the first year, then one
/// component per transition up to the end of the last year, each with its
/// onset in the previous offset as RFC 5545 asks. A zone without changes in
/// those years (Asia/Shanghai, Asia/Jakarta) gets one `STANDARD` component.
fn write_vtimezone(out: &mut Lines, tz: Tz, first: i32, last: i32) {
    let start_local = year_start(first);
    let end_local = year_start(last.saturating_add(1));
    // Local midnight on 1 January is never inside a gap in practice; if it
    // were, reading the zone at that UTC wall time is close enough to find
    // the observance in effect.
    let start_utc = match tz.from_local_datetime(&start_local).earliest() {
        Some(at) => at.naive_utc(),
        None => start_local,
    };
    let initial = observance_at(tz, start_utc);
    let end_utc = end_local - Duration::seconds(i64::from(initial.offset));
    let transitions = transitions_between(tz, start_utc, end_utc);

    out.line("BEGIN:VTIMEZONE");
    out.line(&format!("TZID:{}", tz.name()));
    write_observance(out, start_local, &initial, &initial);
    for t in &transitions {
        let onset_local = t.at_utc + Duration::seconds(i64::from(t.from.offset));
        write_observance(out, onset_local, &t.from, &t.to);
    }
    out.line("END:VTIMEZONE");
}

fn write_observance(
    out: &mut Lines,
    onset_local: NaiveDateTime,
    from: &Observance,
    to: &Observance,
) {
    let kind = if to.daylight { "DAYLIGHT" } else { "STANDARD" };
    out.line(&format!("BEGIN:{kind}"));
    out.line(&format!("DTSTART:{}", local_stamp(onset_local)));
    out.line(&format!("TZOFFSETFROM:{}", utc_offset(from.offset)));
    out.line(&format!("TZOFFSETTO:{}", utc_offset(to.offset)));
    if let Some(name) = &to.name {
        out.line(&format!("TZNAME:{}", escape_text(name)));
    }
    out.line(&format!("END:{kind}"));
}

fn year_start(year: i32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .unwrap_or(NaiveDate::MAX)
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
}

/// `+0100`, `-0330`, or `+053328` when seconds are not zero.
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

/// Every transition in `(from, to]`, found by stepping a day at a time
/// and narrowing each change down to the second.
fn transitions_between(tz: Tz, from: NaiveDateTime, to: NaiveDateTime) -> Vec<Transition> {
    // Zones do not change twice within a day; a step of 12 hours leaves room.
    let step = Duration::hours(12);
    let mut found = Vec::new();
    let mut at = from;
    let mut current = observance_at(tz, at);
    while at < to {
        let next = (at + step).min(to);
        let observed = observance_at(tz, next);
        if observed != current {
            // Invariant: observance(lo) == current, observance(hi) != current.
            let (mut lo, mut hi) = (at, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if observance_at(tz, mid) == current {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let to_observance = observance_at(tz, hi);
            found.push(Transition {
                at_utc: hi,
                from: std::mem::replace(&mut current, to_observance.clone()),
                to: to_observance,
            });
            at = hi;
            continue;
        }
        at = next;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_between_characters() {
        let mut out = String::new();
        let long = format!("DESCRIPTION:{}", "会议桌".repeat(40));
        fold_into(&mut out, &long);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{long}\r\n"));
    }

    #[test]
    fn escapes_text() {
        assert_eq!(
            escape_text("a\\b;c,d\ne\r\nf\u{7}"),
            "a\\\\b\\;c\\,d\\ne\\nf"
        );
    }

    #[test]
    fn offsets() {
        assert_eq!(utc_offset(3600), "+0100");
        assert_eq!(utc_offset(-12600), "-0330");
        assert_eq!(utc_offset(25200 + 1800 + 8), "+073008");
    }
}
