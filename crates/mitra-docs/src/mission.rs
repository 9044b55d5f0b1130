//! The mission report as HTML, in the form each language's readers expect.

use crate::html::{Bar, Table, bar_chart, cell, escape, num, page};
use crate::locale::{Lang, Tr};
use mitra_insight::common::Pipeline;
use mitra_insight::indicators::{Computed, NotComputable};
use mitra_insight::mission::{MissionReport, Signal};
use mitra_insight::rules::Rule;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Renders the mission report as a self-contained HTML document.
pub fn render_mission_html(r: &MissionReport, lang: Lang) -> Vec<u8> {
    let tr = Tr::new(lang);
    let labels = evidence_labels(r, &tr);
    let b = Blocks { r, tr, labels };
    let mut body = String::new();
    let title = tr.raw("doc.m.title");
    let _ = writeln!(body, "<header>\n<h1>{}</h1>", escape(&title));
    let _ = writeln!(body, "<p class=\"subtitle\">{}</p>", b.subtitle());
    if r.demo {
        let _ = writeln!(body, "<p class=\"banner\">{}</p>", tr.t("doc.demo-banner"));
    }
    if r.analysis
        .data_provenance
        .as_ref()
        .is_some_and(|p| p.is_illustrative())
    {
        let _ = writeln!(
            body,
            "<p class=\"banner\">{}</p>",
            tr.t("doc.illustrative-banner")
        );
    }
    body.push_str("</header>\n<main>\n");
    let h2 = |body: &mut String, key: &str| {
        let _ = writeln!(body, "<h2>{}</h2>", tr.t(key));
    };
    let h3 = |body: &mut String, key: &str| {
        let _ = writeln!(body, "<h3>{}</h3>", tr.t(key));
    };
    match lang {
        Lang::En => {
            h2(&mut body, "doc.m.summary");
            body.push_str(&b.summary());
            h2(&mut body, "doc.m.delegation");
            h3(&mut body, "doc.m.time-place");
            body.push_str(&b.time_place());
            h3(&mut body, "doc.m.members");
            body.push_str(&b.delegation());
            h3(&mut body, "doc.m.objectives");
            body.push_str(&b.objectives());
            h3(&mut body, "doc.m.tie");
            body.push_str(&b.tie());
            h2(&mut body, "doc.m.activities");
            h3(&mut body, "doc.m.itinerary");
            body.push_str(&b.itinerary());
            h3(&mut body, "doc.m.meetings");
            body.push_str(&b.meetings());
            h2(&mut body, "doc.m.results");
            body.push_str(&b.results());
            h2(&mut body, "doc.m.analysis");
            body.push_str(&b.analysis());
            h2(&mut body, "doc.m.opportunities");
            body.push_str(&b.opportunities());
            h2(&mut body, "doc.m.recommendations");
            body.push_str(&b.recommendations());
            h2(&mut body, "doc.m.annex-meetings");
            body.push_str(&b.annex());
            h2(&mut body, "doc.m.annex-sources");
            body.push_str(&b.sources());
        }
        Lang::Id => {
            h2(&mut body, "doc.m.intro");
            h3(&mut body, "doc.m.background");
            body.push_str(&b.tie());
            h3(&mut body, "doc.m.purpose");
            body.push_str(&b.objectives());
            h3(&mut body, "doc.m.scope");
            body.push_str(&b.scope());
            h2(&mut body, "doc.m.conduct");
            h3(&mut body, "doc.m.time-place");
            body.push_str(&b.time_place());
            h3(&mut body, "doc.m.members");
            body.push_str(&b.delegation());
            h3(&mut body, "doc.m.agenda");
            body.push_str(&b.itinerary());
            body.push_str(&b.meetings());
            h2(&mut body, "doc.m.results");
            h3(&mut body, "doc.m.results-meetings");
            body.push_str(&b.results());
            h3(&mut body, "doc.m.opportunities");
            body.push_str(&b.opportunities());
            h2(&mut body, "doc.m.analysis");
            body.push_str(&b.analysis());
            h2(&mut body, "doc.m.recommendations");
            body.push_str(&b.recommendations());
            h2(&mut body, "doc.m.closing");
            body.push_str(&b.summary());
            let _ = writeln!(body, "<p>{}</p>", tr.t("doc.m.closing-text"));
            h2(&mut body, "doc.m.annex");
            h3(&mut body, "doc.m.annex-meetings");
            body.push_str(&b.annex());
            h3(&mut body, "doc.m.annex-sources");
            body.push_str(&b.sources());
        }
        Lang::Zh => {
            h2(&mut body, "doc.m.basics");
            h3(&mut body, "doc.m.summary");
            body.push_str(&b.summary());
            h3(&mut body, "doc.m.time-place");
            body.push_str(&b.time_place());
            body.push_str(&b.scope());
            h3(&mut body, "doc.m.members");
            body.push_str(&b.delegation());
            h3(&mut body, "doc.m.objectives");
            body.push_str(&b.objectives());
            h3(&mut body, "doc.m.tie");
            body.push_str(&b.tie());
            h2(&mut body, "doc.m.activities");
            h3(&mut body, "doc.m.itinerary");
            body.push_str(&b.itinerary());
            h3(&mut body, "doc.m.meetings");
            body.push_str(&b.meetings());
            h2(&mut body, "doc.m.results");
            h3(&mut body, "doc.m.results-meetings");
            body.push_str(&b.results());
            h3(&mut body, "doc.m.opportunities");
            body.push_str(&b.opportunities());
            h2(&mut body, "doc.m.analysis");
            body.push_str(&b.analysis());
            h2(&mut body, "doc.m.recommendations");
            body.push_str(&b.recommendations());
            h2(&mut body, "doc.m.annex");
            h3(&mut body, "doc.m.annex-meetings");
            body.push_str(&b.annex());
            h3(&mut body, "doc.m.annex-sources");
            body.push_str(&b.sources());
        }
    }
    body.push_str("</main>\n");
    let full_title = format!("{} — {}", title, r.title.delegation);
    page(lang.tag(), &full_title, &body).into_bytes()
}

/// Labels for evidence links, by anchor.
fn evidence_labels(r: &MissionReport, tr: &Tr) -> BTreeMap<String, String> {
    let mut l = BTreeMap::new();
    l.insert(r.delegation.anchor.clone(), escape(&r.delegation.name));
    if let Some(t) = &r.delegation.tie {
        l.insert(t.anchor.clone(), tr.t("doc.m.tie-short"));
    }
    for o in r
        .delegation
        .export_objectives
        .iter()
        .chain(&r.delegation.technology_objectives)
    {
        l.insert(o.anchor.clone(), escape(&o.text));
    }
    for v in &r.activities.itinerary {
        l.insert(v.anchor.clone(), escape(&v.title));
    }
    for p in &r.analysis.products {
        l.insert(p.anchor.clone(), escape(&p.text));
        for i in &p.indicators {
            l.insert(
                i.anchor.clone(),
                format!("{} HS&nbsp;{}", tr.t("doc.m.indicators"), escape(&i.hs)),
            );
        }
    }
    for t in &r.analysis.technologies {
        l.insert(t.anchor.clone(), escape(&t.text));
    }
    for f in &r.analysis.facts {
        l.insert(
            f.anchor.clone(),
            escape(&format!("{} ({})", f.fact.subject, f.fact.period)),
        );
    }
    for o in &r.opportunities.items {
        l.insert(
            o.anchor.clone(),
            format!("{} {}", tr.t("doc.m.opportunity"), o.rank),
        );
    }
    for m in &r.annex.meetings {
        l.insert(
            m.anchor.clone(),
            format!("{} {}", tr.t("doc.m.meeting-with"), escape(&m.partner.name)),
        );
        for o in &m.outcomes {
            l.insert(
                o.anchor.clone(),
                format!(
                    "{} {}",
                    tr.t("doc.m.outcome-of"),
                    escape(&o.recorded_by.name)
                ),
            );
        }
    }
    l
}

struct Blocks<'a> {
    r: &'a MissionReport,
    tr: Tr,
    labels: BTreeMap<String, String>,
}

impl Blocks<'_> {
    fn link(&self, anchor: &str) -> String {
        let label = self
            .labels
            .get(anchor)
            .cloned()
            .unwrap_or_else(|| escape(anchor));
        format!("<a href=\"#{}\">{label}</a>", escape(anchor))
    }

    fn links(&self, anchors: &[String]) -> String {
        anchors
            .iter()
            .map(|a| self.link(a))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn empty(&self, html: String) -> String {
        format!("<p class=\"empty\">{html}</p>\n")
    }

    fn list(&self, items: &[String]) -> String {
        if items.is_empty() {
            return String::new();
        }
        let mut out = String::from("<ul>\n");
        for i in items {
            let _ = writeln!(out, "<li>{i}</li>");
        }
        out.push_str("</ul>\n");
        out
    }

    fn needs(&self, e: &NotComputable) -> String {
        let items: Vec<String> = e.messages().iter().map(|m| self.tr.msg(m)).collect();
        format!(
            "<span class=\"needs\">{}: {}</span>",
            self.tr.t("doc.not-computable"),
            items.join("; ")
        )
    }

    fn computed<T>(&self, c: &Computed<T>, ok: impl Fn(&T) -> String) -> String {
        match c {
            Ok(v) => ok(v),
            Err(e) => self.needs(e),
        }
    }

    fn subtitle(&self) -> String {
        let t = &self.r.title;
        let mut parts = vec![escape(&t.delegation)];
        if let Some(m) = &t.mission {
            parts.push(escape(m));
        }
        if let (Some(s), Some(e)) = (t.start, t.end) {
            parts.push(format!(
                "{} – {}",
                escape(&self.tr.date(s)),
                escape(&self.tr.date(e))
            ));
        }
        parts.join(" · ")
    }

    fn summary(&self) -> String {
        let items: Vec<String> = self.r.summary.iter().map(|m| self.tr.msg(m)).collect();
        self.list(&items)
    }

    fn time_place(&self) -> String {
        let t = &self.r.title;
        let tr = &self.tr;
        let mut rows = Vec::new();
        if let (Some(s), Some(e)) = (t.start, t.end) {
            rows.push(format!(
                "{}: {} – {}",
                tr.t("doc.m.period"),
                escape(&tr.date(s)),
                escape(&tr.date(e))
            ));
        }
        let event = match tr.lang {
            Lang::Id => t.event_name_id.as_ref().or(t.event.as_ref()),
            Lang::Zh => t.event_name_zh.as_ref().or(t.event.as_ref()),
            Lang::En => t.event.as_ref(),
        };
        if let Some(ev) = event {
            let city = t
                .city
                .as_ref()
                .map(|c| format!(", {}", escape(c)))
                .unwrap_or_default();
            rows.push(format!("{}: {}{city}", tr.t("doc.m.event"), escape(ev)));
        }
        let places: Vec<String> = self
            .r
            .activities
            .itinerary
            .iter()
            .filter_map(|v| v.place.clone())
            .fold(Vec::new(), |mut acc, p| {
                if !acc.contains(&p) {
                    acc.push(p);
                }
                acc
            });
        if !places.is_empty() {
            rows.push(format!(
                "{}: {}",
                tr.t("doc.m.places"),
                escape(&places.join(", "))
            ));
        }
        if rows.is_empty() {
            return self.empty(tr.t("doc.m.no-dates"));
        }
        self.list(&rows)
    }

    fn scope(&self) -> String {
        let a = &self.r.activities;
        let items = vec![
            self.tr
                .t_with("doc.m.scope-text", &[])
                .replace(
                    "{companies}",
                    &self.tr.fig(&self.r.delegation.company_count),
                )
                .replace("{meetings}", &self.tr.fig(&a.counts.scheduled))
                .replace("{visits}", &self.tr.number(a.itinerary.len() as f64, 0)),
        ];
        self.list(&items)
    }

    fn delegation(&self) -> String {
        let d = &self.r.delegation;
        let tr = &self.tr;
        let mut out = format!("<div id=\"{}\">\n", escape(&d.anchor));
        let region = d
            .region
            .as_ref()
            .map(|r| format!("{}, ", escape(r)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<p><strong>{}</strong> ({region}{})</p>",
            escape(&d.name),
            escape(&d.country)
        );
        if let Some(lead) = &d.lead_name {
            let _ = writeln!(out, "<p>{}: {}</p>", tr.t("doc.m.lead"), escape(lead));
        }
        if d.companies.is_empty() {
            out.push_str(&self.empty(tr.t("doc.m.no-companies")));
        } else {
            let mut t = Table::new(vec![tr.t("doc.col.company"), tr.t("doc.col.sector")]);
            for c in &d.companies {
                t.row(
                    None,
                    vec![
                        cell(escape(&c.name)),
                        cell(c.sector.as_ref().map(|s| tr.term(s)).unwrap_or_default()),
                    ],
                );
            }
            out.push_str(&t.html());
            let _ = writeln!(
                out,
                "<p>{}: {}</p>",
                tr.t("doc.m.company-count"),
                tr.fig(&d.company_count)
            );
        }
        out.push_str("</div>\n");
        out
    }

    fn objectives(&self) -> String {
        let d = &self.r.delegation;
        let tr = &self.tr;
        if let Some(e) = &d.objectives_empty {
            return self.empty(tr.msg(e));
        }
        let mut out = String::new();
        let item = |o: &mitra_insight::mission::ObjectiveView| {
            let hs = if o.hs.is_empty() {
                String::new()
            } else {
                format!(" (HS {})", escape(&o.hs.join(", ")))
            };
            format!(
                "<li id=\"{}\">{}{hs}</li>",
                escape(&o.anchor),
                escape(&o.text)
            )
        };
        for (key, list) in [
            ("doc.m.export-objectives", &d.export_objectives),
            ("doc.m.tech-objectives", &d.technology_objectives),
        ] {
            if !list.is_empty() {
                let _ = writeln!(out, "<h4>{}</h4>\n<ul>", tr.t(key));
                for o in list.iter() {
                    let _ = writeln!(out, "{}", item(o));
                }
                out.push_str("</ul>\n");
            }
        }
        if !d.risks.is_empty() {
            let _ = writeln!(out, "<h4>{}</h4>", tr.t("doc.m.risks"));
            out.push_str(&self.list(&d.risks.iter().map(|r| escape(r)).collect::<Vec<_>>()));
        }
        out
    }

    fn tie(&self) -> String {
        let tr = &self.tr;
        let Some(t) = &self.r.delegation.tie else {
            return self.empty(
                tr.msg(
                    self.r
                        .delegation
                        .tie_missing
                        .as_ref()
                        .unwrap_or(&mitra_insight::message::Message::new("empty.tie")),
                ),
            );
        };
        let mut out = format!("<div id=\"{}\">\n", escape(&t.anchor));
        let since = t
            .since
            .map(|d| format!(" ({} {})", tr.t("doc.m.since"), escape(&tr.date(d))))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<p>{} ↔ {}{since}: {}</p>",
            escape(&t.region_a),
            escape(&t.region_b),
            tr.term(&t.status)
        );
        let mut items = Vec::new();
        for a in &t.agreements {
            let when = a.signed_on.map(|d| escape(&tr.date(d))).unwrap_or_default();
            let place = a
                .place
                .as_ref()
                .map(|p| format!(", {}", escape(p)))
                .unwrap_or_default();
            let summary = a
                .summary
                .as_ref()
                .map(|s| format!(" — {}", escape(s)))
                .unwrap_or_default();
            items.push(format!(
                "{}: {} ({when}{place}){summary}",
                tr.term(&a.kind),
                escape(&a.title)
            ));
        }
        if !t.areas.is_empty() {
            items.push(format!(
                "{}: {}",
                tr.t("doc.m.areas"),
                escape(&t.areas.join(", "))
            ));
        }
        match &t.next_milestone {
            Some(m) => {
                let due = m
                    .due
                    .map(|d| format!(" ({} {})", tr.t("doc.m.due"), escape(&tr.date(d))))
                    .unwrap_or_default();
                items.push(format!(
                    "<strong>{}</strong>: {}{due} — {}",
                    tr.t("doc.m.next-milestone"),
                    escape(&m.title),
                    tr.term(&m.status)
                ));
            }
            None => items.push(tr.t("doc.m.no-milestone")),
        }
        if !t.facts.is_empty() {
            items.push(format!("{}: {}", tr.t("doc.m.facts"), self.links(&t.facts)));
        }
        out.push_str(&self.list(&items));
        out.push_str("</div>\n");
        out
    }

    fn itinerary(&self) -> String {
        let a = &self.r.activities;
        let tr = &self.tr;
        if let Some(e) = &a.itinerary_empty {
            return self.empty(tr.msg(e));
        }
        let mut t = Table::new(vec![
            tr.t("doc.col.date"),
            tr.t("doc.col.kind"),
            tr.t("doc.col.activity"),
            tr.t("doc.col.notes"),
        ]);
        for v in &a.itinerary {
            let mut notes = Vec::new();
            for (key, list) in [
                ("doc.m.tech-seen", &v.technologies_seen),
                ("doc.m.lessons", &v.lessons),
                ("doc.m.contacts", &v.contacts),
                ("doc.m.follow-ups", &v.follow_ups),
            ] {
                if !list.is_empty() {
                    notes.push(format!(
                        "<strong>{}</strong>: {}",
                        tr.t(key),
                        escape(&list.join("; "))
                    ));
                }
            }
            let place = [v.place.as_deref(), v.host.as_deref()]
                .into_iter()
                .flatten()
                .map(escape)
                .collect::<Vec<_>>()
                .join(", ");
            let title = if place.is_empty() {
                escape(&v.title)
            } else {
                format!("{}<br><span class=\"src\">{place}</span>", escape(&v.title))
            };
            t.row(
                Some(&v.anchor),
                vec![
                    cell(escape(&tr.date(v.date))),
                    cell(tr.term(&v.kind)),
                    cell(title),
                    cell(notes.join("<br>")),
                ],
            );
        }
        t.html()
    }

    fn meetings(&self) -> String {
        let a = &self.r.activities;
        let tr = &self.tr;
        if let Some(e) = &a.meetings_empty {
            return self.empty(tr.msg(e));
        }
        let c = &a.counts;
        let mut out = self.list(&[format!(
            "{}: {} · {}: {} · {}: {} · {}: {} · {}: {}",
            tr.t("doc.m.scheduled"),
            tr.fig(&c.scheduled),
            tr.t("term.meeting-status.held"),
            tr.fig(&c.held),
            tr.t("term.meeting-status.no-show"),
            tr.fig(&c.no_show),
            tr.t("term.meeting-status.cancelled"),
            tr.fig(&c.cancelled),
            tr.t("doc.m.pending"),
            tr.fig(&c.pending),
        )]);
        let lines = |list: &[mitra_insight::mission::MeetingLine]| {
            let mut t = Table::new(vec![
                tr.t("doc.col.time"),
                tr.t("doc.col.our-company"),
                tr.t("doc.col.partner"),
                tr.t("doc.col.sector"),
                tr.t("doc.col.interpreter"),
            ]);
            for m in list {
                let time = m
                    .time
                    .map(|t| tr.datetime(t))
                    .unwrap_or_else(|| m.slot.clone());
                t.row(
                    None,
                    vec![
                        cell(format!(
                            "<a href=\"#{}\">{}</a>",
                            escape(&m.anchor),
                            escape(&time)
                        )),
                        cell(escape(&m.ours.name)),
                        cell(escape(&m.partner.name)),
                        cell(
                            m.partner
                                .sector
                                .as_ref()
                                .map(|s| tr.term(s))
                                .unwrap_or_default(),
                        ),
                        cell(if m.interpreter {
                            tr.t("doc.yes")
                        } else {
                            tr.t("doc.no")
                        }),
                    ],
                );
            }
            t.html()
        };
        if !a.held.is_empty() {
            let _ = writeln!(out, "<h4>{}</h4>", tr.t("doc.m.held"));
            out.push_str(&lines(&a.held));
        }
        if !a.no_shows.is_empty() {
            let _ = writeln!(out, "<h4>{}</h4>", tr.t("doc.m.no-shows"));
            out.push_str(&lines(&a.no_shows));
        }
        if !a.sectors_met.is_empty() {
            let items: Vec<String> = a
                .sectors_met
                .iter()
                .map(|s| format!("{}: {}", tr.term(&s.term), tr.fig(&s.count)))
                .collect();
            let _ = writeln!(out, "<h4>{}</h4>", tr.t("doc.m.sectors-met"));
            out.push_str(&self.list(&items));
        }
        out
    }

    fn results(&self) -> String {
        pipeline_html(&self.r.results, &self.tr)
    }

    fn signals(&self, list: &[Signal]) -> String {
        let tr = &self.tr;
        let items: Vec<String> = list
            .iter()
            .map(|s| {
                let mut extra = Vec::new();
                if let Some(step) = &s.step {
                    extra.push(tr.term(step));
                }
                if let Some(i) = &s.interest {
                    extra.push(format!("{}: {}", tr.t("doc.col.interest"), tr.term(i)));
                }
                if !s.held {
                    extra.push(tr.t("doc.m.not-held"));
                }
                let extra = if extra.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", extra.join(", "))
                };
                format!(
                    "{} — “{}”{extra} [{}]",
                    escape(&s.partner.name),
                    escape(&s.what),
                    self.link(&s.meeting)
                )
            })
            .collect();
        self.list(&items)
    }

    fn analysis(&self) -> String {
        let an = &self.r.analysis;
        let tr = &self.tr;
        let mut out = format!("<p>{}</p>\n", tr.msg(&an.data_note));
        let mut overall = Vec::new();
        overall.push(format!(
            "<strong>{}</strong>: {}",
            tr.t("doc.m.complementarity"),
            self.computed(&an.complementarity, |c| tr.msg(&c.explanation))
        ));
        overall.push(format!(
            "<strong>{}</strong>: {}",
            tr.t("doc.m.intensity"),
            self.computed(&an.intensity, |c| tr.msg(&c.explanation))
        ));
        out.push_str(&self.list(&overall));
        if let Some(e) = &an.empty {
            out.push_str(&self.empty(tr.msg(e)));
        }
        if !an.products.is_empty() {
            let _ = writeln!(out, "<h3>{}</h3>", tr.t("doc.m.per-product"));
        }
        for p in &an.products {
            let _ = writeln!(
                out,
                "<h4 id=\"{}\">{} <span class=\"src\">({})</span></h4>",
                escape(&p.anchor),
                escape(&p.text),
                self.link(&p.objective)
            );
            if let Some(n) = &p.no_hs {
                let _ = writeln!(out, "<p class=\"needs\">{}</p>", tr.msg(n));
            }
            if !p.indicators.is_empty() {
                let mut t = Table::new(vec![
                    "HS".to_string(),
                    tr.t("doc.m.rca"),
                    tr.t("doc.m.intensity"),
                    tr.t("doc.m.potential"),
                    tr.t("doc.m.actual"),
                    tr.t("doc.m.untapped"),
                ]);
                let mut explanations = Vec::new();
                for i in &p.indicators {
                    let rca = self.computed(&i.rca, |x| tr.fig(&x.value));
                    let int = self.computed(&i.intensity, |x| tr.fig(&x.value));
                    let (pot, act, unt) = match &i.potential {
                        Ok(x) => (tr.fig(&x.value), tr.fig(&x.actual), tr.fig(&x.untapped)),
                        Err(e) => (self.needs(e), String::new(), String::new()),
                    };
                    t.row(
                        Some(&i.anchor),
                        vec![
                            cell(escape(&i.hs)),
                            num(rca),
                            num(int),
                            num(pot),
                            num(act),
                            num(unt),
                        ],
                    );
                    for e in [
                        i.rca.as_ref().map(|x| &x.explanation),
                        i.intensity.as_ref().map(|x| &x.explanation),
                        i.potential.as_ref().map(|x| &x.explanation),
                    ]
                    .into_iter()
                    .flatten()
                    {
                        explanations.push(tr.msg(e));
                    }
                }
                out.push_str(&t.html());
                out.push_str(&self.list(&explanations));
            }
            if !p.facts.is_empty() {
                let _ = writeln!(
                    out,
                    "<p>{}: {}</p>",
                    tr.t("doc.m.facts"),
                    self.links(&p.facts)
                );
            }
            let _ = writeln!(out, "<p><strong>{}</strong></p>", tr.t("doc.m.demand"));
            match &p.demand_empty {
                Some(e) => out.push_str(&self.empty(tr.msg(e))),
                None => out.push_str(&self.signals(&p.demand)),
            }
            let _ = writeln!(
                out,
                "<p><strong>{}</strong>: {}</p>",
                tr.t("doc.m.assessment"),
                tr.msg(&p.assessment)
            );
        }
        if !an.technologies.is_empty() {
            let _ = writeln!(out, "<h3>{}</h3>", tr.t("doc.m.per-technology"));
        }
        for t in &an.technologies {
            let _ = writeln!(
                out,
                "<h4 id=\"{}\">{} <span class=\"src\">({})</span></h4>",
                escape(&t.anchor),
                escape(&t.text),
                self.link(&t.objective)
            );
            if let Some(e) = &t.empty {
                out.push_str(&self.empty(tr.msg(e)));
            }
            if !t.suppliers.is_empty() {
                let _ = writeln!(out, "<p><strong>{}</strong></p>", tr.t("doc.m.suppliers"));
                out.push_str(&self.signals(&t.suppliers));
            }
            if !t.seen.is_empty() {
                let _ = writeln!(out, "<p><strong>{}</strong></p>", tr.t("doc.m.seen"));
                let items: Vec<String> = t
                    .seen
                    .iter()
                    .map(|v| format!("“{}” [{}]", escape(&v.text), self.link(&v.visit)))
                    .collect();
                out.push_str(&self.list(&items));
            }
            if !t.facts.is_empty() {
                let _ = writeln!(
                    out,
                    "<p>{}: {}</p>",
                    tr.t("doc.m.facts"),
                    self.links(&t.facts)
                );
            }
            let _ = writeln!(
                out,
                "<p><strong>{}</strong>: {}</p>",
                tr.t("doc.m.assessment"),
                tr.msg(&t.assessment)
            );
        }
        let _ = writeln!(out, "<h3>{}</h3>", tr.t("doc.m.published-facts"));
        if an.facts.is_empty() {
            out.push_str(&self.empty(tr.t("doc.m.no-facts")));
        } else {
            let mut t = Table::new(vec![
                tr.t("doc.col.subject"),
                tr.t("doc.col.indicator"),
                tr.t("doc.col.value"),
                tr.t("doc.col.note"),
            ]);
            for f in &an.facts {
                t.row(
                    Some(&f.anchor),
                    vec![
                        cell(escape(&f.fact.subject)),
                        cell(escape(&f.fact.indicator)),
                        num(tr.fig(&f.fact.value)),
                        cell(escape(f.fact.note.as_deref().unwrap_or(""))),
                    ],
                );
            }
            out.push_str(&t.html());
        }
        out
    }

    fn opportunities(&self) -> String {
        let o = &self.r.opportunities;
        let tr = &self.tr;
        if let Some(e) = &o.empty {
            return self.empty(tr.msg(e));
        }
        let mut t = Table::new(vec![
            "#".to_string(),
            tr.t("doc.col.partner"),
            tr.t("doc.col.subject"),
            tr.t("doc.col.next-step"),
            tr.t("doc.col.owner"),
            tr.t("doc.col.value"),
            tr.t("doc.col.evidence"),
        ]);
        for x in &o.items {
            t.row(
                Some(&x.anchor),
                vec![
                    num(x.rank.to_string()),
                    cell(escape(&x.partner.name)),
                    cell(format!(
                        "{}<br><span class=\"src\">{}</span>",
                        escape(&x.subject),
                        tr.term(&x.kind)
                    )),
                    cell(format!(
                        "{} ({}: {})",
                        tr.term(&x.next_step),
                        tr.t("doc.col.interest"),
                        tr.term(&x.interest)
                    )),
                    cell(escape(&x.owner.name)),
                    num(x.value.as_ref().map(|v| tr.fig(v)).unwrap_or_default()),
                    cell(format!(
                        "<span class=\"evidence\">{}</span>",
                        self.links(&x.evidence)
                    )),
                ],
            );
        }
        t.html()
    }

    fn recommendations(&self) -> String {
        let tr = &self.tr;
        let mut out = String::from("<ol>\n");
        for rec in &self.r.recommendations {
            let _ = writeln!(
                out,
                "<li id=\"{}\">{} <span class=\"rule\">[{}]</span><br><span class=\"evidence\">{}: {}</span></li>",
                escape(&rec.anchor),
                tr.msg(&rec.text),
                escape(rec.rule_id),
                tr.t("doc.col.evidence"),
                self.links(&rec.evidence)
            );
        }
        out.push_str("</ol>\n");
        let _ = writeln!(out, "<h4>{}</h4>\n<ul>", tr.t("doc.m.rules"));
        for rule in Rule::ALL {
            let _ = writeln!(
                out,
                "<li><span class=\"rule\">{}</span> {}</li>",
                rule.id(),
                tr.t(rule.description_key())
            );
        }
        out.push_str("</ul>\n");
        out
    }

    fn annex(&self) -> String {
        let a = &self.r.annex;
        let tr = &self.tr;
        if let Some(e) = &a.empty {
            return self.empty(tr.msg(e));
        }
        let mut t = Table::new(vec![
            tr.t("doc.col.time"),
            tr.t("doc.col.table"),
            tr.t("doc.col.our-company"),
            tr.t("doc.col.partner"),
            tr.t("doc.col.status"),
            tr.t("doc.col.interpreter"),
            tr.t("doc.col.outcome"),
        ]);
        for m in &a.meetings {
            let time = m
                .time
                .map(|t| tr.datetime(t))
                .unwrap_or_else(|| m.slot.clone());
            let outcomes = if m.outcomes.is_empty() {
                format!(
                    "<span class=\"empty\">{}</span>",
                    m.no_outcome.as_ref().map(|e| tr.msg(e)).unwrap_or_default()
                )
            } else {
                m.outcomes
                    .iter()
                    .map(|o| {
                        let mut parts = vec![
                            format!("{}: {}", tr.t("doc.col.interest"), tr.term(&o.interest)),
                            format!("{}: {}", tr.t("doc.col.next-step"), tr.term(&o.next_step)),
                        ];
                        if !o.products.is_empty() {
                            parts.push(escape(&o.products.join("; ")));
                        }
                        if let Some(v) = &o.value {
                            parts.push(tr.fig(v));
                        }
                        if let Some(n) = &o.notes {
                            parts.push(format!("<em>{}</em>", escape(n)));
                        }
                        format!(
                            "<span id=\"{}\">{}</span>",
                            escape(&o.anchor),
                            parts.join(" · ")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("<br>")
            };
            t.row(
                Some(&m.anchor),
                vec![
                    cell(escape(&time)),
                    cell(escape(&m.table)),
                    cell(escape(&m.ours.name)),
                    cell(escape(&m.partner.name)),
                    cell(tr.term(&m.status)),
                    cell(escape(m.interpreter.as_deref().unwrap_or("—"))),
                    cell(outcomes),
                ],
            );
        }
        t.html()
    }

    fn sources(&self) -> String {
        let items: Vec<String> = self
            .r
            .sources
            .iter()
            .map(|s| self.tr.msg(&s.message))
            .collect();
        format!("<div id=\"sources\">\n{}</div>\n", self.list(&items))
    }
}

/// The outcomes pipeline: a bar chart, the value by currency.
pub(crate) fn pipeline_html(p: &Pipeline, tr: &Tr) -> String {
    if let Some(e) = &p.empty {
        return format!("<p class=\"empty\">{}</p>\n", tr.msg(e));
    }
    let mut out = format!(
        "<p>{}: {}</p>\n",
        tr.t("doc.m.with-outcomes"),
        tr.fig(&p.meetings_with_outcomes)
    );
    let bars: Vec<Bar> = p
        .stages
        .iter()
        .map(|s| Bar {
            label: crate::plain_text(&tr.term(&s.step)),
            value: s.meetings.value,
            shown: crate::plain_text(&tr.plain(&s.meetings)),
        })
        .collect();
    out.push_str(&bar_chart(
        &crate::plain_text(&tr.t("doc.m.pipeline")),
        &tr.t("doc.m.pipeline-caption"),
        &bars,
    ));
    let mut t = Table::new(vec![tr.t("doc.col.currency"), tr.t("doc.col.value")]);
    for v in &p.value_by_currency {
        let code = match &v.unit {
            mitra_insight::provenance::Unit::Money(c) => c.clone(),
            _ => String::new(),
        };
        t.row(None, vec![cell(escape(&code)), num(tr.fig(v))]);
    }
    let _ = writeln!(out, "<h4>{}</h4>", tr.t("doc.m.value-by-currency"));
    if t.is_empty() {
        let _ = writeln!(out, "<p class=\"empty\">{}</p>", tr.t("doc.m.no-values"));
    } else {
        out.push_str(&t.html());
        let _ = writeln!(out, "<p class=\"src\">{}</p>", tr.t("doc.m.value-note"));
    }
    let items: Vec<String> = p
        .interest
        .iter()
        .map(|i| format!("{}: {}", tr.term(&i.term), tr.fig(&i.count)))
        .collect();
    let _ = writeln!(
        out,
        "<h4>{}</h4>\n<p>{}</p>",
        tr.t("doc.col.interest"),
        items.join(" · ")
    );
    out
}
