//! The organizer's event report as HTML.

use crate::html::{Bar, Table, bar_chart, cell, escape, num, page};
use crate::locale::{Lang, Tr};
use crate::mission::pipeline_html;
use crate::plain_text;
use mitra_insight::common::TermCount;
use mitra_insight::event::EventReport;
use std::fmt::Write;

/// Renders the event report as a self-contained HTML document.
pub fn render_event_html(r: &EventReport, lang: Lang) -> Vec<u8> {
    let tr = Tr::new(lang);
    let mut body = String::new();
    let title = tr.raw("doc.e.title");
    let name = match lang {
        Lang::Id => r.title.name_id.as_ref().unwrap_or(&r.title.name),
        Lang::Zh => r.title.name_zh.as_ref().unwrap_or(&r.title.name),
        Lang::En => &r.title.name,
    };
    let mut sub = vec![escape(name)];
    if let Some(c) = &r.title.city {
        sub.push(escape(c));
    }
    if let Some(v) = &r.title.venue {
        sub.push(escape(v));
    }
    sub.extend(r.title.dates.iter().map(|d| escape(&tr.date(*d))));
    let _ = writeln!(
        body,
        "<header>\n<h1>{}</h1>\n<p class=\"subtitle\">{}</p>",
        escape(&title),
        sub.join(" · ")
    );
    if r.demo {
        let _ = writeln!(body, "<p class=\"banner\">{}</p>", tr.t("doc.demo-banner"));
    }
    body.push_str("</header>\n<main>\n");
    let h2 = |body: &mut String, key: &str| {
        let _ = writeln!(body, "<h2>{}</h2>", tr.t(key));
    };
    let h3 = |body: &mut String, key: &str| {
        let _ = writeln!(body, "<h3>{}</h3>", tr.t(key));
    };
    let list = |items: Vec<String>| -> String {
        let mut out = String::from("<ul>\n");
        for i in items {
            let _ = writeln!(out, "<li>{i}</li>");
        }
        out.push_str("</ul>\n");
        out
    };
    let empty = |html: String| format!("<p class=\"empty\">{html}</p>\n");
    let counts = |rows: &[TermCount]| -> String {
        let mut t = Table::new(vec![String::new(), tr.t("doc.col.count")]);
        for row in rows {
            t.row(
                None,
                vec![cell(tr.term(&row.term)), num(tr.fig(&row.count))],
            );
        }
        t.html()
    };

    h2(&mut body, "doc.e.summary");
    body.push_str(&list(r.summary.iter().map(|m| tr.msg(m)).collect()));

    h2(&mut body, "doc.e.participation");
    let p = &r.participation;
    match &p.empty {
        Some(e) => body.push_str(&empty(tr.msg(e))),
        None => {
            let bars: Vec<Bar> = p
                .countries
                .iter()
                .map(|c| Bar {
                    label: c.country.clone(),
                    value: c.guests.value + c.hosts.value,
                    shown: plain_text(&tr.plain(&mitra_insight::provenance::Figure::new(
                        c.guests.value + c.hosts.value,
                        mitra_insight::provenance::Unit::Count,
                        c.guests.provenance.clone(),
                    ))),
                })
                .collect();
            body.push_str(&bar_chart(
                &plain_text(&tr.t("doc.e.by-country")),
                &tr.t("doc.e.by-country-caption"),
                &bars,
            ));
            h3(&mut body, "doc.e.by-country");
            let mut t = Table::new(vec![
                tr.t("doc.col.country"),
                tr.t("doc.col.delegations"),
                tr.t("term.side.guest"),
                tr.t("term.side.host"),
                tr.t("doc.col.held"),
            ]);
            for c in &p.countries {
                t.row(
                    None,
                    vec![
                        cell(escape(&c.country)),
                        num(tr.fig(&c.delegations)),
                        num(tr.fig(&c.guests)),
                        num(tr.fig(&c.hosts)),
                        num(tr.fig(&c.meetings_held)),
                    ],
                );
            }
            body.push_str(&t.html());
            h3(&mut body, "doc.e.by-delegation");
            if p.delegations.is_empty() {
                body.push_str(&empty(tr.t("doc.e.no-delegations")));
            } else {
                let mut t = Table::new(vec![
                    tr.t("doc.col.delegation"),
                    tr.t("doc.col.country"),
                    tr.t("doc.col.companies"),
                    tr.t("doc.col.held"),
                ]);
                for d in &p.delegations {
                    t.row(
                        None,
                        vec![
                            cell(escape(&d.name)),
                            cell(escape(&d.country)),
                            num(tr.fig(&d.companies)),
                            num(tr.fig(&d.meetings_held)),
                        ],
                    );
                }
                body.push_str(&t.html());
            }
            h3(&mut body, "doc.e.by-sector");
            let mut t = Table::new(vec![
                tr.t("doc.col.sector"),
                tr.t("term.side.guest"),
                tr.t("term.side.host"),
            ]);
            for s in &p.sectors {
                t.row(
                    None,
                    vec![
                        cell(tr.term(&s.sector)),
                        num(tr.fig(&s.guests)),
                        num(tr.fig(&s.hosts)),
                    ],
                );
            }
            body.push_str(&t.html());
        }
    }

    h2(&mut body, "doc.e.requests");
    let q = &r.requests;
    match &q.empty {
        Some(e) => body.push_str(&empty(tr.msg(e))),
        None => {
            let _ = writeln!(
                body,
                "<p>{}: {}</p>",
                tr.t("doc.e.requests-total"),
                tr.fig(&q.total)
            );
            h3(&mut body, "doc.e.by-status");
            body.push_str(&counts(&q.by_status));
            h3(&mut body, "doc.e.by-priority");
            body.push_str(&counts(&q.by_priority));
            h3(&mut body, "doc.e.fate");
            body.push_str(&counts(&q.fate));
        }
    }

    h2(&mut body, "doc.e.meetings");
    let m = &r.meetings;
    match &m.empty {
        Some(e) => body.push_str(&empty(tr.msg(e))),
        None => {
            let bars: Vec<Bar> = m
                .by_status
                .iter()
                .map(|s| Bar {
                    label: plain_text(&tr.term(&s.term)),
                    value: s.count.value,
                    shown: plain_text(&tr.plain(&s.count)),
                })
                .collect();
            body.push_str(&bar_chart(
                &plain_text(&tr.t("doc.e.meetings")),
                &tr.t("doc.e.meetings-caption"),
                &bars,
            ));
            body.push_str(&list(vec![format!(
                "{}: {} · {}: {} · {}: {}",
                tr.t("doc.m.scheduled"),
                tr.fig(&m.scheduled),
                tr.t("term.meeting-status.held"),
                tr.fig(&m.held),
                tr.t("term.meeting-status.no-show"),
                tr.fig(&m.missed)
            )]));
        }
    }

    h2(&mut body, "doc.e.interpreters");
    let i = &r.interpreting;
    match &i.empty {
        Some(e) => body.push_str(&empty(tr.msg(e))),
        None => {
            let _ = writeln!(
                body,
                "<p>{}: {} ({})</p>",
                tr.t("doc.e.with-interpreter"),
                tr.fig(&i.meetings_with),
                tr.fig(&i.share)
            );
            let mut t = Table::new(vec![
                tr.t("doc.col.interpreter"),
                tr.t("doc.col.languages"),
                tr.t("doc.col.assigned"),
                tr.t("doc.col.held"),
            ]);
            for row in &i.rows {
                t.row(
                    None,
                    vec![
                        cell(escape(&row.name)),
                        cell(escape(&row.languages.join(", "))),
                        num(tr.fig(&row.assigned)),
                        num(tr.fig(&row.held)),
                    ],
                );
            }
            body.push_str(&t.html());
        }
    }

    h2(&mut body, "doc.e.outcomes");
    body.push_str(&pipeline_html(&r.outcomes, &tr));

    h2(&mut body, "doc.e.satisfaction");
    body.push_str(&empty(tr.msg(&r.satisfaction)));

    h2(&mut body, "doc.e.plan-vs-day");
    match (&r.plan_vs_day.comparison, &r.plan_vs_day.needs) {
        (Some(c), _) => {
            let mut t = Table::new(vec![String::new(), tr.t("doc.col.count")]);
            for (key, f) in [
                ("doc.e.published", &c.published),
                ("doc.e.as-planned", &c.held_as_planned),
                ("doc.e.moved", &c.moved),
                ("doc.e.not-held", &c.not_held),
                ("doc.e.added", &c.added),
            ] {
                t.row(None, vec![cell(tr.t(key)), num(tr.fig(f))]);
            }
            body.push_str(&t.html());
        }
        (None, Some(n)) => body.push_str(&empty(tr.msg(n))),
        (None, None) => body.push_str(&empty(
            tr.msg(&mitra_insight::message::Message::new("empty.plan")),
        )),
    }

    h2(&mut body, "doc.e.sources");
    let _ = writeln!(
        body,
        "<div id=\"sources\">\n{}</div>",
        list(r.sources.iter().map(|m| tr.msg(m)).collect())
    );
    body.push_str("</main>\n");
    page(lang.tag(), &format!("{title} — {name}"), &body).into_bytes()
}
