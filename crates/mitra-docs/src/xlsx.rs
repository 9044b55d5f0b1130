//! The mission report's tables as an XLSX workbook (the annex people sort
//! and filter): meetings and outcomes, opportunities, recommendations with
//! their evidence ids, indicators with their provenance, the outcomes
//! pipeline. Headers and sheet names in the report's language; numbers as
//! numbers, with the unit and origin in their own columns. The same report
//! gives the same bytes (fixed document dates).

use crate::locale::{Lang, Tr};
use crate::plain_text;
use mitra_insight::mission::MissionReport;
use mitra_insight::provenance::{Figure, Provenance, Unit};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// Why the workbook could not be made.
#[derive(Debug, thiserror::Error)]
#[error("cannot write the XLSX annex: {0}")]
pub struct XlsxRenderError(#[from] XlsxError);

/// One cell's content.
enum V {
    S(String),
    N(f64),
    Empty,
}

fn s(text: impl Into<String>) -> V {
    V::S(text.into())
}

struct Sheet<'w> {
    ws: &'w mut Worksheet,
    row: u32,
}

impl Sheet<'_> {
    fn head(&mut self, cells: &[String], bold: &Format) -> Result<(), XlsxError> {
        for (c, h) in cells.iter().enumerate() {
            self.ws
                .write_string_with_format(self.row, c as u16, h, bold)?;
        }
        self.row += 1;
        Ok(())
    }

    fn row(&mut self, cells: Vec<V>) -> Result<(), XlsxError> {
        for (c, v) in cells.into_iter().enumerate() {
            match v {
                V::S(t) if !t.is_empty() => {
                    self.ws.write_string(self.row, c as u16, t)?;
                }
                V::N(n) => {
                    self.ws.write_number(self.row, c as u16, n)?;
                }
                _ => {}
            }
        }
        self.row += 1;
        Ok(())
    }
}

/// Renders the mission report's annex tables as an XLSX workbook.
pub fn render_mission_xlsx(r: &MissionReport, lang: Lang) -> Result<Vec<u8>, XlsxRenderError> {
    let tr = Tr::new(lang);
    let t = |key: &str| tr.raw(key);
    let text = |html: String| plain_text(&html);
    let bold = Format::new().set_bold();
    let mut wb = Workbook::new();
    let date = r
        .title
        .end
        .or(r.title.start)
        .map(|d| {
            use chrono::Datelike;
            ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
        })
        .unwrap_or_else(|| ExcelDateTime::from_ymd(2000, 1, 1))?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("{} — {}", t("doc.m.title"), r.title.delegation))
            .set_author("Mitra")
            .set_creation_datetime(&date),
    );

    // Unit and origin of a figure, as the columns of the indicator sheet.
    let unit = |f: &Figure| match &f.unit {
        Unit::Count => String::new(),
        Unit::Money(c) | Unit::TradeValue(c) => c.clone(),
        Unit::Index => String::new(),
        Unit::Percent => "%".into(),
        Unit::Stated(u) => u.clone(),
    };
    let origin = |f: &Figure| -> (String, String, String, String) {
        match &f.provenance {
            Provenance::Illustrative { dataset } => (
                t("doc.x.prov.illustrative"),
                dataset.clone(),
                String::new(),
                t("doc.illustrative"),
            ),
            Provenance::Loaded { file } => (
                t("doc.x.prov.loaded"),
                file.clone(),
                String::new(),
                String::new(),
            ),
            Provenance::Published { source, period, .. } => (
                t("doc.x.prov.published"),
                source.clone(),
                period.clone(),
                String::new(),
            ),
            Provenance::Records { demo } => (
                t(if *demo {
                    "doc.x.prov.records-demo"
                } else {
                    "doc.x.prov.records"
                }),
                String::new(),
                String::new(),
                String::new(),
            ),
        }
    };

    // 1. Meetings and outcomes (annex A): one row per outcome, a meeting
    // without outcome on one row saying so.
    {
        let mut sh = Sheet {
            ws: wb.add_worksheet().set_name(t("doc.x.sheet-meetings"))?,
            row: 0,
        };
        sh.head(
            &[
                t("doc.x.meeting-id"),
                t("doc.col.time"),
                t("doc.col.table"),
                t("doc.col.our-company"),
                t("doc.col.partner"),
                t("doc.col.status"),
                t("doc.col.interpreter"),
                t("doc.x.outcome-id"),
                t("doc.x.recorded-by"),
                t("doc.col.interest"),
                t("doc.col.next-step"),
                t("doc.x.products"),
                t("doc.col.value"),
                t("doc.col.currency"),
                t("doc.col.notes"),
            ],
            &bold,
        )?;
        for m in &r.annex.meetings {
            let time = m
                .time
                .map(|x| x.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_else(|| m.slot.clone());
            let base = || {
                vec![
                    s(&m.anchor),
                    s(&time),
                    s(&m.table),
                    s(&m.ours.name),
                    s(&m.partner.name),
                    s(text(tr.term(&m.status))),
                    s(m.interpreter.clone().unwrap_or_default()),
                ]
            };
            if m.outcomes.is_empty() {
                let mut row = base();
                row.extend([V::Empty, V::Empty, V::Empty, V::Empty, V::Empty]);
                row.extend([
                    V::Empty,
                    V::Empty,
                    s(m.no_outcome
                        .as_ref()
                        .map(|e| text(tr.msg(e)))
                        .unwrap_or_default()),
                ]);
                sh.row(row)?;
            }
            for o in &m.outcomes {
                let mut row = base();
                row.extend([
                    s(&o.anchor),
                    s(&o.recorded_by.name),
                    s(text(tr.term(&o.interest))),
                    s(text(tr.term(&o.next_step))),
                    s(o.products.join("; ")),
                    o.value.as_ref().map(|v| V::N(v.value)).unwrap_or(V::Empty),
                    s(o.value.as_ref().map(&unit).unwrap_or_default()),
                    s(o.notes.clone().unwrap_or_default()),
                ]);
                sh.row(row)?;
            }
        }
        sh.ws.set_freeze_panes(1, 0)?;
        sh.ws.autofit();
    }

    // 2. Opportunities.
    {
        let mut sh = Sheet {
            ws: wb
                .add_worksheet()
                .set_name(t("doc.x.sheet-opportunities"))?,
            row: 0,
        };
        sh.head(
            &[
                t("doc.x.rank"),
                t("doc.col.partner"),
                t("doc.col.subject"),
                t("doc.col.kind"),
                t("doc.col.next-step"),
                t("doc.col.interest"),
                t("doc.col.owner"),
                t("doc.col.value"),
                t("doc.col.currency"),
                t("doc.x.evidence-ids"),
            ],
            &bold,
        )?;
        for o in &r.opportunities.items {
            sh.row(vec![
                V::N(o.rank as f64),
                s(&o.partner.name),
                s(&o.subject),
                s(text(tr.term(&o.kind))),
                s(text(tr.term(&o.next_step))),
                s(text(tr.term(&o.interest))),
                s(&o.owner.name),
                o.value.as_ref().map(|v| V::N(v.value)).unwrap_or(V::Empty),
                s(o.value.as_ref().map(&unit).unwrap_or_default()),
                s(o.evidence.join(", ")),
            ])?;
        }
        sh.ws.set_freeze_panes(1, 0)?;
        sh.ws.autofit();
    }

    // 3. Recommendations with the rule that made each and its evidence.
    {
        let mut sh = Sheet {
            ws: wb
                .add_worksheet()
                .set_name(t("doc.x.sheet-recommendations"))?,
            row: 0,
        };
        sh.head(
            &[
                "#".to_string(),
                t("doc.x.recommendation"),
                t("doc.x.rule"),
                t("doc.x.evidence-ids"),
            ],
            &bold,
        )?;
        for (i, rec) in r.recommendations.iter().enumerate() {
            sh.row(vec![
                V::N((i + 1) as f64),
                s(text(tr.msg(&rec.text))),
                s(rec.rule_id),
                s(rec.evidence.join(", ")),
            ])?;
        }
        sh.ws.set_freeze_panes(1, 0)?;
        sh.ws.autofit();
    }

    // 4. Indicators and published facts, each with its origin.
    {
        let mut sh = Sheet {
            ws: wb.add_worksheet().set_name(t("doc.x.sheet-indicators"))?,
            row: 0,
        };
        sh.head(
            &[
                t("doc.x.product"),
                "HS".to_string(),
                t("doc.col.indicator"),
                t("doc.col.value"),
                t("doc.x.unit"),
                t("doc.x.provenance"),
                t("doc.x.source"),
                t("doc.x.period"),
                t("doc.x.label"),
                t("doc.x.explanation"),
            ],
            &bold,
        )?;
        let an = &r.analysis;
        let figure_row = |sh: &mut Sheet<'_>,
                          product: &str,
                          hs: &str,
                          indicator: String,
                          f: &Figure,
                          explanation: String|
         -> Result<(), XlsxError> {
            let (kind, source, period, label) = origin(f);
            sh.row(vec![
                s(product),
                s(hs),
                s(indicator),
                V::N(f.value),
                s(unit(f)),
                s(kind),
                s(source),
                s(period),
                s(label),
                s(explanation),
            ])
        };
        let not_computed = |sh: &mut Sheet<'_>,
                            product: &str,
                            hs: &str,
                            indicator: String,
                            c: &mitra_insight::indicators::NotComputable|
         -> Result<(), XlsxError> {
            let needs: Vec<String> = c.messages().iter().map(|m| text(tr.msg(m))).collect();
            sh.row(vec![
                s(product),
                s(hs),
                s(indicator),
                V::Empty,
                V::Empty,
                V::Empty,
                V::Empty,
                V::Empty,
                V::Empty,
                s(format!("{}: {}", t("doc.not-computable"), needs.join("; "))),
            ])
        };
        let all = t("term.product.total");
        match &an.complementarity {
            Ok(c) => figure_row(
                &mut sh,
                &all,
                "",
                t("doc.m.complementarity"),
                &c.value,
                text(tr.msg(&c.explanation)),
            )?,
            Err(e) => not_computed(&mut sh, &all, "", t("doc.m.complementarity"), e)?,
        }
        match &an.intensity {
            Ok(c) => figure_row(
                &mut sh,
                &all,
                "",
                t("doc.m.intensity"),
                &c.value,
                text(tr.msg(&c.explanation)),
            )?,
            Err(e) => not_computed(&mut sh, &all, "", t("doc.m.intensity"), e)?,
        }
        for p in &an.products {
            for i in &p.indicators {
                match &i.rca {
                    Ok(x) => figure_row(
                        &mut sh,
                        &p.text,
                        &i.hs,
                        t("doc.m.rca"),
                        &x.value,
                        text(tr.msg(&x.explanation)),
                    )?,
                    Err(e) => not_computed(&mut sh, &p.text, &i.hs, t("doc.m.rca"), e)?,
                }
                match &i.intensity {
                    Ok(x) => figure_row(
                        &mut sh,
                        &p.text,
                        &i.hs,
                        t("doc.m.intensity"),
                        &x.value,
                        text(tr.msg(&x.explanation)),
                    )?,
                    Err(e) => not_computed(&mut sh, &p.text, &i.hs, t("doc.m.intensity"), e)?,
                }
                match &i.potential {
                    Ok(x) => {
                        let why = text(tr.msg(&x.explanation));
                        figure_row(
                            &mut sh,
                            &p.text,
                            &i.hs,
                            t("doc.m.potential"),
                            &x.value,
                            why.clone(),
                        )?;
                        figure_row(
                            &mut sh,
                            &p.text,
                            &i.hs,
                            t("doc.m.actual"),
                            &x.actual,
                            why.clone(),
                        )?;
                        figure_row(
                            &mut sh,
                            &p.text,
                            &i.hs,
                            t("doc.m.untapped"),
                            &x.untapped,
                            why,
                        )?;
                    }
                    Err(e) => not_computed(&mut sh, &p.text, &i.hs, t("doc.m.potential"), e)?,
                }
            }
        }
        for f in &an.facts {
            figure_row(
                &mut sh,
                &f.fact.subject,
                "",
                f.fact.indicator.clone(),
                &f.fact.value,
                f.fact.note.clone().unwrap_or_default(),
            )?;
        }
        sh.ws.set_freeze_panes(1, 0)?;
        sh.ws.autofit();
    }

    // 5. The outcomes pipeline, then the value by currency.
    {
        let mut sh = Sheet {
            ws: wb.add_worksheet().set_name(t("doc.x.sheet-pipeline"))?,
            row: 0,
        };
        let p = &r.results;
        sh.head(&[t("doc.col.next-step"), t("doc.x.meetings")], &bold)?;
        for stage in &p.stages {
            sh.row(vec![
                s(text(tr.term(&stage.step))),
                V::N(stage.meetings.value),
            ])?;
        }
        sh.row(Vec::new())?;
        sh.head(&[t("doc.col.currency"), t("doc.col.value")], &bold)?;
        for v in &p.value_by_currency {
            sh.row(vec![s(unit(v)), V::N(v.value)])?;
        }
        if let Some(e) = &p.empty {
            sh.row(Vec::new())?;
            sh.row(vec![s(text(tr.msg(e)))])?;
        }
        sh.ws.autofit();
    }

    Ok(wb.save_to_buffer()?)
}
