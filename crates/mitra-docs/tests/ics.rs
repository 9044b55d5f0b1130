//! The iCalendar output read back with an independent parser (the `ical`
//! crate), and what a calendar client keeps from it: moved meetings replace
//! the old version, cancelled ones show as cancelled, and the `VTIMEZONE`
//! gives the right instants across daylight-saving changes.

use std::collections::BTreeMap;
use std::io::BufReader;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use ical::parser::ical::component::{IcalCalendar, IcalEvent, IcalTimeZone};
use ical::property::Property;
use mitra_docs::ics::{Calendar, CalendarEntry, Method, render_ics};

fn at(date: &str, time: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M").unwrap()
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

#[allow(clippy::too_many_arguments)]
fn entry(
    uid: &str,
    sequence: u32,
    start: NaiveDateTime,
    minutes: i64,
    summary: &str,
    location: &str,
    stamp: &str,
) -> CalendarEntry {
    CalendarEntry {
        uid: uid.to_owned(),
        sequence,
        cancelled: false,
        start,
        end: start + Duration::minutes(minutes),
        summary: summary.to_owned(),
        location: location.to_owned(),
        description: String::new(),
        stamp: utc(stamp),
    }
}

/// Reads exactly one calendar with the `ical` crate.
fn parse(text: &str) -> IcalCalendar {
    let mut calendars = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let calendar = calendars
        .next()
        .expect("one calendar")
        .unwrap_or_else(|e| panic!("the ical parser refused the output: {e}\n{text}"));
    assert!(calendars.next().is_none(), "more than one VCALENDAR");
    calendar
}

fn property<'a>(properties: &'a [Property], name: &str) -> Option<&'a Property> {
    let mut found = properties.iter().filter(|p| p.name == name);
    let first = found.next();
    assert!(found.next().is_none(), "{name} appears more than once");
    first
}

fn value(properties: &[Property], name: &str) -> String {
    property(properties, name)
        .and_then(|p| p.value.clone())
        .unwrap_or_else(|| panic!("no {name}"))
}

fn param(property: &Property, name: &str) -> Option<String> {
    property
        .params
        .as_ref()?
        .iter()
        .find(|(n, _)| n == name)
        .and_then(|(_, values)| values.first().cloned())
}

/// Undoes RFC 5545 TEXT escaping (the parser leaves values as written).
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => panic!("dangling backslash in {text:?}"),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn parse_offset(text: &str) -> i64 {
    let sign = match &text[..1] {
        "+" => 1,
        "-" => -1,
        _ => panic!("bad UTC offset {text}"),
    };
    let digits = &text[1..];
    let h: i64 = digits[0..2].parse().unwrap();
    let m: i64 = digits[2..4].parse().unwrap();
    let s: i64 = if digits.len() == 6 {
        digits[4..6].parse().unwrap()
    } else {
        0
    };
    sign * (h * 3600 + m * 60 + s)
}

fn parse_local(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S")
        .unwrap_or_else(|e| panic!("bad local date-time {text}: {e}"))
}

/// A zone as a client learns it from a VTIMEZONE: observances, each from
/// its onset (DTSTART read in TZOFFSETFROM) with offset TZOFFSETTO.
#[derive(Debug)]
struct Zone {
    /// (onset as a UTC instant, offset in seconds, is daylight), by onset.
    observances: Vec<(NaiveDateTime, i64, bool)>,
}

impl Zone {
    fn read(vtimezone: &IcalTimeZone) -> Zone {
        let mut observances: Vec<(NaiveDateTime, i64, bool)> = vtimezone
            .transitions
            .iter()
            .map(|t| {
                assert!(
                    property(&t.properties, "RRULE").is_none()
                        && property(&t.properties, "RDATE").is_none(),
                    "each observance is one onset"
                );
                let onset = parse_local(&value(&t.properties, "DTSTART"));
                let from = parse_offset(&value(&t.properties, "TZOFFSETFROM"));
                let to = parse_offset(&value(&t.properties, "TZOFFSETTO"));
                let daylight = matches!(
                    t.transition,
                    ical::parser::ical::component::IcalTimeZoneTransitionType::DAYLIGHT
                );
                (onset - Duration::seconds(from), to, daylight)
            })
            .collect();
        observances.sort();
        Zone { observances }
    }

    /// The instant of a local wall-clock time (not in a gap or overlap).
    fn to_utc(&self, local: NaiveDateTime) -> DateTime<Utc> {
        for (i, &(onset, offset, _)) in self.observances.iter().enumerate() {
            let candidate = local - Duration::seconds(offset);
            let next_onset = self.observances.get(i + 1).map(|o| o.0);
            if candidate >= onset && next_onset.is_none_or(|next| candidate < next) {
                return Utc.from_utc_datetime(&candidate);
            }
        }
        panic!("{local} is outside the VTIMEZONE's observances {self:?}");
    }
}

/// An event as a calendar client keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Kept {
    sequence: u32,
    stamp: DateTime<Utc>,
    cancelled: bool,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    summary: String,
    location: String,
}

/// What a client does with what it receives: keyed by UID; a version
/// replaces the kept one only when its SEQUENCE is higher (or equal with a
/// later DTSTAMP), as RFC 5546 orders them; a subscribed feed also drops
/// events that are no longer in it.
#[derive(Default)]
struct Client {
    events: BTreeMap<String, Kept>,
}

impl Client {
    fn receive(&mut self, text: &str, subscribed_feed: bool) {
        let calendar = parse(text);
        let zones: BTreeMap<String, Zone> = calendar
            .timezones
            .iter()
            .map(|z| (value(&z.properties, "TZID"), Zone::read(z)))
            .collect();
        let mut seen = Vec::new();
        for event in &calendar.events {
            let (uid, kept) = read_event(event, &zones);
            assert!(!seen.contains(&uid), "UID {uid} twice in one calendar");
            seen.push(uid.clone());
            match self.events.get(&uid) {
                Some(old) if (kept.sequence, kept.stamp) <= (old.sequence, old.stamp) => {}
                _ => {
                    self.events.insert(uid, kept);
                }
            }
        }
        if subscribed_feed {
            self.events.retain(|uid, _| seen.contains(uid));
        }
    }

    /// What the person sees: (start, summary, location, cancelled), by start.
    fn shows(&self) -> Vec<(DateTime<Utc>, String, String, bool)> {
        let mut shown: Vec<_> = self
            .events
            .values()
            .map(|k| (k.start, k.summary.clone(), k.location.clone(), k.cancelled))
            .collect();
        shown.sort();
        shown
    }
}

fn read_event(event: &IcalEvent, zones: &BTreeMap<String, Zone>) -> (String, Kept) {
    let p = &event.properties;
    let instant = |name: &str| {
        let prop = property(p, name).unwrap_or_else(|| panic!("no {name}"));
        let tzid = param(prop, "TZID").unwrap_or_else(|| panic!("{name} without TZID"));
        let zone = zones
            .get(&tzid)
            .unwrap_or_else(|| panic!("no VTIMEZONE for TZID {tzid}"));
        zone.to_utc(parse_local(prop.value.as_deref().unwrap()))
    };
    let stamp = Utc.from_utc_datetime(
        &NaiveDateTime::parse_from_str(&value(p, "DTSTAMP"), "%Y%m%dT%H%M%SZ").unwrap(),
    );
    assert_eq!(value(p, "LAST-MODIFIED"), value(p, "DTSTAMP"));
    assert_eq!(value(p, "TRANSP"), "OPAQUE");
    let status = value(p, "STATUS");
    assert!(
        status == "CONFIRMED" || status == "CANCELLED",
        "STATUS {status}"
    );
    let kept = Kept {
        sequence: value(p, "SEQUENCE").parse().unwrap(),
        stamp,
        cancelled: status == "CANCELLED",
        start: instant("DTSTART"),
        end: instant("DTEND"),
        summary: unescape(&value(p, "SUMMARY")),
        location: property(p, "LOCATION")
            .map(|l| unescape(l.value.as_deref().unwrap_or_default()))
            .unwrap_or_default(),
    };
    (unescape(&value(p, "UID")), kept)
}

/// Every physical line ends in CRLF, is at most 75 octets and valid UTF-8
/// on its own (no character split by a fold); no bare CR or LF.
fn assert_well_formed_lines(text: &str) {
    let bytes = text.as_bytes();
    assert!(text.ends_with("\r\n"));
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\r' => {
                assert_eq!(bytes.get(i + 1), Some(&b'\n'), "bare CR at octet {i}");
                let line = &bytes[start..i];
                assert!(
                    line.len() <= 75,
                    "{} octets: {:?}",
                    line.len(),
                    String::from_utf8_lossy(line)
                );
                std::str::from_utf8(line).expect("a fold split a UTF-8 character");
                i += 2;
                start = i;
            }
            b'\n' => panic!("bare LF at octet {i}"),
            _ => i += 1,
        }
    }
}

const ZONE: Tz = chrono_tz::Asia::Shanghai;

fn jinan_v1() -> Calendar {
    Calendar {
        name: "FCW 2025 Jinan — PT Lestari Pangan (LPG-01)".to_owned(),
        time_zone: ZONE,
        entries: vec![
            entry(
                "fcw-2025-jinan.lpg-01.sd-014@mitra",
                0,
                at("2025-06-12", "09:00"),
                30,
                "山东鲁花集团 · Rapat bisnis",
                "桌 T-03",
                "2025-06-01T08:00:00Z",
            ),
            entry(
                "fcw-2025-jinan.lpg-01.sd-021@mitra",
                0,
                at("2025-06-12", "09:30"),
                30,
                "济南港务集团 · Rapat bisnis",
                "桌 T-05",
                "2025-06-01T08:00:00Z",
            ),
            entry(
                "fcw-2025-jinan.lpg-01.sd-033@mitra",
                0,
                at("2025-06-12", "10:00"),
                30,
                "山东高速物流, Ltd.; pertemuan",
                "桌 T-08",
                "2025-06-01T08:00:00Z",
            ),
        ],
    }
}

#[test]
fn a_client_sees_moves_and_cancellations_without_duplicates() {
    let v1 = jinan_v1();
    // v2: the second meeting moves to the afternoon and another table.
    let mut v2 = v1.clone();
    {
        let moved = &mut v2.entries[1];
        moved.sequence = 1;
        moved.start = at("2025-06-12", "14:00");
        moved.end = at("2025-06-12", "14:30");
        moved.location = "桌 T-07".to_owned();
        moved.stamp = utc("2025-06-12T02:10:00Z");
    }
    // v3: the third meeting is cancelled.
    let mut v3 = v2.clone();
    {
        let dropped = &mut v3.entries[2];
        dropped.sequence = 1;
        dropped.cancelled = true;
        dropped.stamp = utc("2025-06-12T02:20:00Z");
    }

    let mut client = Client::default();
    client.receive(&render_ics(&v1, Method::Publish), true);
    assert_eq!(
        client.shows(),
        vec![
            (
                utc("2025-06-12T01:00:00Z"),
                "山东鲁花集团 · Rapat bisnis".into(),
                "桌 T-03".into(),
                false
            ),
            (
                utc("2025-06-12T01:30:00Z"),
                "济南港务集团 · Rapat bisnis".into(),
                "桌 T-05".into(),
                false
            ),
            (
                utc("2025-06-12T02:00:00Z"),
                "山东高速物流, Ltd.; pertemuan".into(),
                "桌 T-08".into(),
                false
            ),
        ]
    );

    client.receive(&render_ics(&v2, Method::Publish), true);
    assert_eq!(
        client.shows(),
        vec![
            (
                utc("2025-06-12T01:00:00Z"),
                "山东鲁花集团 · Rapat bisnis".into(),
                "桌 T-03".into(),
                false
            ),
            (
                utc("2025-06-12T02:00:00Z"),
                "山东高速物流, Ltd.; pertemuan".into(),
                "桌 T-08".into(),
                false
            ),
            (
                utc("2025-06-12T06:00:00Z"),
                "济南港务集团 · Rapat bisnis".into(),
                "桌 T-07".into(),
                false
            ),
        ],
        "one meeting at the new time and table, none left at the old one"
    );

    client.receive(&render_ics(&v3, Method::Publish), true);
    assert_eq!(
        client.shows(),
        vec![
            (
                utc("2025-06-12T01:00:00Z"),
                "山东鲁花集团 · Rapat bisnis".into(),
                "桌 T-03".into(),
                false
            ),
            (
                utc("2025-06-12T02:00:00Z"),
                "山东高速物流, Ltd.; pertemuan".into(),
                "桌 T-08".into(),
                true
            ),
            (
                utc("2025-06-12T06:00:00Z"),
                "济南港务集团 · Rapat bisnis".into(),
                "桌 T-07".into(),
                false
            ),
        ],
        "the cancelled meeting shows as cancelled"
    );

    // A stale copy of v1 arriving late (a cached download, a slow mail)
    // changes nothing a client has from later versions.
    let before = client.shows();
    client.receive(&render_ics(&v1, Method::Request), false);
    assert_eq!(client.shows(), before);
}

#[test]
fn an_invitation_and_its_cancellation() {
    let v1 = jinan_v1();
    let mut invited = Client::default();
    invited.receive(&render_ics(&v1, Method::Request), false);
    assert_eq!(invited.events.len(), 3);

    // The organizer cancels one meeting by mail: METHOD:CANCEL with the
    // raised sequence, even though the entry itself is not marked.
    let mut cancel = Calendar {
        entries: vec![v1.entries[0].clone()],
        ..v1.clone()
    };
    cancel.entries[0].sequence = 1;
    cancel.entries[0].stamp = utc("2025-06-11T09:00:00Z");
    let text = render_ics(&cancel, Method::Cancel);
    assert!(text.contains("\r\nMETHOD:CANCEL\r\n"));
    invited.receive(&text, false);
    let cancelled: Vec<bool> = invited.shows().iter().map(|s| s.3).collect();
    assert_eq!(cancelled, vec![true, false, false]);
}

#[test]
fn the_calendar_header_and_events_carry_what_clients_need() {
    let text = render_ics(&jinan_v1(), Method::Publish);
    assert_well_formed_lines(&text);
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(lines[0], "BEGIN:VCALENDAR");
    assert_eq!(lines[lines.len() - 2], "END:VCALENDAR");
    let calendar = parse(&text);
    let p = &calendar.properties;
    assert_eq!(value(p, "VERSION"), "2.0");
    assert_eq!(value(p, "CALSCALE"), "GREGORIAN");
    assert_eq!(value(p, "METHOD"), "PUBLISH");
    assert!(value(p, "PRODID").contains("Mitra"));
    assert_eq!(value(p, "X-WR-TIMEZONE"), "Asia/Shanghai");
    assert_eq!(
        unescape(&value(p, "X-WR-CALNAME")),
        "FCW 2025 Jinan — PT Lestari Pangan (LPG-01)"
    );
    assert_eq!(calendar.events.len(), 3);
    for event in &calendar.events {
        let p = &event.properties;
        for name in [
            "UID", "SEQUENCE", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "STATUS",
        ] {
            assert!(property(p, name).is_some(), "VEVENT without {name}");
        }
        assert_eq!(
            param(property(p, "DTSTART").unwrap(), "TZID").as_deref(),
            Some("Asia/Shanghai")
        );
    }

    // A zone without daylight saving: one STANDARD observance.
    assert_eq!(calendar.timezones.len(), 1);
    let zone = &calendar.timezones[0];
    assert_eq!(value(&zone.properties, "TZID"), "Asia/Shanghai");
    assert_eq!(zone.transitions.len(), 1);
    let standard = &zone.transitions[0];
    assert!(matches!(
        standard.transition,
        ical::parser::ical::component::IcalTimeZoneTransitionType::STANDARD
    ));
    assert_eq!(value(&standard.properties, "TZOFFSETTO"), "+0800");
    assert_eq!(value(&standard.properties, "TZOFFSETFROM"), "+0800");
}

#[test]
fn jakarta_has_one_standard_observance() {
    let calendar = Calendar {
        name: "Jakarta".to_owned(),
        time_zone: chrono_tz::Asia::Jakarta,
        entries: vec![entry(
            "a@mitra",
            0,
            at("2026-02-03", "10:00"),
            45,
            "Temu bisnis",
            "Meja 4",
            "2026-01-20T03:00:00Z",
        )],
    };
    let parsed = parse(&render_ics(&calendar, Method::Publish));
    let zone = &parsed.timezones[0];
    assert_eq!(zone.transitions.len(), 1);
    assert_eq!(
        value(&zone.transitions[0].properties, "TZOFFSETTO"),
        "+0700"
    );
    assert_eq!(value(&zone.transitions[0].properties, "TZNAME"), "WIB");
    let zone = Zone::read(zone);
    assert_eq!(
        zone.to_utc(at("2026-02-03", "10:00")),
        utc("2026-02-03T03:00:00Z")
    );
}

#[test]
fn berlin_across_daylight_saving_changes() {
    let tz = chrono_tz::Europe::Berlin;
    let meetings = [
        ("2025-03-28", "2025-03-28T09:00:00Z"), // CET, +01:00
        ("2025-03-31", "2025-03-31T08:00:00Z"), // CEST, +02:00, after 30 March
        ("2025-10-24", "2025-10-24T08:00:00Z"), // still CEST
        ("2025-10-27", "2025-10-27T09:00:00Z"), // CET again after 26 October
        ("2026-04-02", "2026-04-02T08:00:00Z"), // next year's summer time
    ];
    let calendar = Calendar {
        name: "Berlin".to_owned(),
        time_zone: tz,
        entries: meetings
            .iter()
            .enumerate()
            .map(|(i, (date, _))| {
                entry(
                    &format!("m{i}@mitra"),
                    0,
                    at(date, "10:00"),
                    60,
                    "Meeting",
                    "",
                    "2025-01-10T00:00:00Z",
                )
            })
            .collect(),
    };
    let text = render_ics(&calendar, Method::Publish);
    assert_well_formed_lines(&text);
    let parsed = parse(&text);

    let mut client = Client::default();
    client.receive(&text, true);
    let starts: Vec<DateTime<Utc>> = client.shows().iter().map(|s| s.0).collect();
    let expected: Vec<DateTime<Utc>> = meetings.iter().map(|(_, u)| utc(u)).collect();
    assert_eq!(starts, expected);

    // The observances are the real changes, onsets in the previous offset.
    let vtz = &parsed.timezones[0];
    let onsets: Vec<(String, String, String)> = vtz
        .transitions
        .iter()
        .map(|t| {
            (
                value(&t.properties, "DTSTART"),
                value(&t.properties, "TZOFFSETFROM"),
                value(&t.properties, "TZOFFSETTO"),
            )
        })
        .collect();
    for change in [
        ("20250330T020000", "+0100", "+0200"),
        ("20251026T030000", "+0200", "+0100"),
        ("20260329T020000", "+0100", "+0200"),
        ("20261025T030000", "+0200", "+0100"),
    ] {
        let change = (
            change.0.to_owned(),
            change.1.to_owned(),
            change.2.to_owned(),
        );
        assert!(
            onsets.contains(&change),
            "{change:?} missing from {onsets:?}"
        );
    }

    // Every day of both years at noon: the VTIMEZONE agrees with the zone database.
    let zone = Zone::read(vtz);
    assert_agrees_daily(&zone, tz, 2025, 2026);
}

#[test]
fn other_zones_agree_with_the_zone_database() {
    for tz in [
        chrono_tz::Australia::Sydney,
        chrono_tz::America::New_York,
        chrono_tz::Asia::Kolkata,
        chrono_tz::Asia::Shanghai,
    ] {
        let calendar = Calendar {
            name: tz.name().to_owned(),
            time_zone: tz,
            entries: vec![
                entry(
                    "a@m",
                    0,
                    at("2025-02-01", "09:00"),
                    30,
                    "a",
                    "",
                    "2025-01-01T00:00:00Z",
                ),
                entry(
                    "b@m",
                    0,
                    at("2026-11-30", "09:00"),
                    30,
                    "b",
                    "",
                    "2025-01-01T00:00:00Z",
                ),
            ],
        };
        let parsed = parse(&render_ics(&calendar, Method::Publish));
        let zone = Zone::read(&parsed.timezones[0]);
        assert_agrees_daily(&zone, tz, 2025, 2026);
    }
}

fn assert_agrees_daily(zone: &Zone, tz: Tz, first: i32, last: i32) {
    let mut day = NaiveDate::from_ymd_opt(first, 1, 1).unwrap();
    while day <= NaiveDate::from_ymd_opt(last, 12, 31).unwrap() {
        for hour in [0, 12, 23] {
            let local = day.and_hms_opt(hour, 30, 0).unwrap();
            if let Some(expected) = tz.from_local_datetime(&local).single() {
                assert_eq!(
                    zone.to_utc(local),
                    expected.with_timezone(&Utc),
                    "{} at {local}",
                    tz.name()
                );
            }
        }
        day = day.succ_opt().unwrap();
    }
}

#[test]
fn long_chinese_and_indonesian_text_is_folded_and_escaped() {
    let description = "会谈议题：山东省农产品出口印度尼西亚的冷链物流合作，包括青岛港至丹戎不碌港的航线、\
        检验检疫证书（HS 0805、0806）以及付款条件; 备注, 请携带样品\\目录。\n\
        Agenda: kerja sama logistik rantai dingin untuk ekspor buah dari Shandong ke Jakarta, \
        termasuk sertifikat karantina; pembayaran L/C, dan jadwal pengiriman bulanan.\r\n\
        第二行：翻译由 Ibu Siti Rahmawati 担任。";
    let summary = "印度尼西亚 PT Sumber Makmur Sejahtera Abadi 与 山东省青岛市农产品进出口集团有限公司 的商务洽谈";
    let mut calendar = jinan_v1();
    calendar.entries[0].description = description.to_owned();
    calendar.entries[0].summary = summary.to_owned();
    calendar.entries[0].location = "桌 T-03; lantai 2, ruang \"Melati\"".to_owned();
    let text = render_ics(&calendar, Method::Publish);
    assert_well_formed_lines(&text);
    assert!(
        text.split("\r\n").any(|l| l.starts_with(' ')),
        "long lines are folded"
    );
    for physical in text.split("\r\n").filter(|l| l.starts_with(' ')) {
        assert!(
            !physical[1..].starts_with(char::is_whitespace),
            "a fold next to a space: {physical:?}"
        );
    }
    assert!(
        text.contains("\\;")
            && text.contains("\\,")
            && text.contains("\\\\")
            && text.contains("\\n")
    );

    let parsed = parse(&text);
    let event = parsed
        .events
        .iter()
        .find(|e| value(&e.properties, "UID") == "fcw-2025-jinan.lpg-01.sd-014@mitra")
        .unwrap();
    assert_eq!(
        unescape(&value(&event.properties, "DESCRIPTION")),
        description.replace("\r\n", "\n")
    );
    assert_eq!(unescape(&value(&event.properties, "SUMMARY")), summary);
    assert_eq!(
        unescape(&value(&event.properties, "LOCATION")),
        "桌 T-03; lantai 2, ruang \"Melati\""
    );
}

#[test]
fn same_calendar_same_bytes_in_any_entry_order() {
    let calendar = jinan_v1();
    let mut reversed = calendar.clone();
    reversed.entries.reverse();
    let text = render_ics(&calendar, Method::Publish);
    assert_eq!(text, render_ics(&calendar, Method::Publish));
    assert_eq!(text, render_ics(&reversed, Method::Publish));
    let uids: Vec<String> = parse(&text)
        .events
        .iter()
        .map(|e| value(&e.properties, "UID"))
        .collect();
    assert_eq!(
        uids,
        [
            "fcw-2025-jinan.lpg-01.sd-014@mitra",
            "fcw-2025-jinan.lpg-01.sd-021@mitra",
            "fcw-2025-jinan.lpg-01.sd-033@mitra"
        ]
    );
}

#[test]
fn a_uid_given_twice_is_written_once_at_its_latest_version() {
    let mut calendar = jinan_v1();
    let mut newer = calendar.entries[0].clone();
    newer.sequence = 2;
    newer.start = at("2025-06-12", "16:00");
    newer.end = at("2025-06-12", "16:30");
    calendar.entries.push(newer);
    let mut client = Client::default();
    client.receive(&render_ics(&calendar, Method::Publish), true);
    assert_eq!(client.events.len(), 3);
    assert_eq!(
        client.events["fcw-2025-jinan.lpg-01.sd-014@mitra"].start,
        utc("2025-06-12T08:00:00Z")
    );
}

#[test]
fn an_empty_calendar_is_still_a_calendar() {
    let calendar = Calendar {
        name: "Nobody".to_owned(),
        time_zone: ZONE,
        entries: Vec::new(),
    };
    let parsed = parse(&render_ics(&calendar, Method::Publish));
    assert!(parsed.events.is_empty());
    assert_eq!(value(&parsed.properties, "VERSION"), "2.0");
}
