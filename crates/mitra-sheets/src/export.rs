//! Exports for people who live in Excel: requests, the schedule (by slot,
//! by table, by person, by interpreter) and outcomes, as CSV (one table,
//! with a byte-order mark) or XLSX (one sheet per table).

use crate::{SheetFormat, UTF8_BOM, WriteError};
use mitra_core::event::{EventPlan, Interpreter};
use mitra_core::meeting::{Meeting, MeetingRequest, Outcome};
use mitra_core::organization::Organization;
use rust_xlsxwriter::Format;
use std::collections::HashMap;

/// A table to export: a sheet name, headers and rows of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportTable {
    pub sheet: &'static str,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

/// Writes tables: every table as a sheet in XLSX; in CSV only the first.
pub fn write_tables(tables: &[ExportTable], format: SheetFormat) -> Result<Vec<u8>, WriteError> {
    match format {
        SheetFormat::Csv => {
            let mut out = UTF8_BOM.to_vec();
            if let Some(table) = tables.first() {
                let mut writer = csv::Writer::from_writer(&mut out);
                writer.write_record(&table.headers)?;
                for row in &table.rows {
                    writer.write_record(row)?;
                }
                writer.flush().map_err(csv::Error::from)?;
            }
            Ok(out)
        }
        SheetFormat::Xlsx => {
            let mut book = crate::template::workbook();
            let bold = Format::new().set_bold();
            for table in tables {
                let sheet = book.add_worksheet();
                sheet.set_name(table.sheet)?;
                for (col, header) in table.headers.iter().enumerate() {
                    sheet.write_string_with_format(0, col as u16, *header, &bold)?;
                    sheet.set_column_width(col as u16, 16)?;
                }
                for (r, row) in table.rows.iter().enumerate() {
                    for (col, value) in row.iter().enumerate() {
                        sheet.write_string(r as u32 + 1, col as u16, value)?;
                    }
                }
                sheet.set_freeze_panes(1, 0)?;
            }
            Ok(book.save_to_buffer()?)
        }
    }
}

/// Names for ids, so a row reads "lpg-01 · Koperasi Kopi".
pub struct Names<'a> {
    orgs: HashMap<&'a str, &'a str>,
    interpreters: HashMap<&'a str, &'a str>,
}

impl<'a> Names<'a> {
    pub fn new(organizations: &'a [Organization], interpreters: &'a [Interpreter]) -> Names<'a> {
        Names {
            orgs: organizations
                .iter()
                .map(|o| (o.id.as_str(), o.name.as_str()))
                .collect(),
            interpreters: interpreters
                .iter()
                .map(|i| (i.id.as_str(), i.name.as_str()))
                .collect(),
        }
    }

    fn org(&self, id: &str) -> String {
        self.orgs.get(id).map(|n| n.to_string()).unwrap_or_default()
    }

    fn interpreter(&self, id: Option<&str>) -> String {
        id.and_then(|i| self.interpreters.get(i))
            .map(|n| n.to_string())
            .unwrap_or_default()
    }
}

/// Every request with both names, priority and status.
pub fn requests_table(requests: &[MeetingRequest], names: &Names<'_>) -> ExportTable {
    ExportTable {
        sheet: "Requests",
        headers: vec![
            "from",
            "from_name",
            "to",
            "to_name",
            "priority",
            "status",
            "message",
        ],
        rows: requests
            .iter()
            .map(|r| {
                vec![
                    r.from.to_string(),
                    names.org(r.from.as_str()),
                    r.to.to_string(),
                    names.org(r.to.as_str()),
                    r.priority.number().to_string(),
                    r.status.to_string(),
                    r.message.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    }
}

/// The schedule four ways: by slot, by table, by person, by interpreter.
pub fn schedule_tables(
    plan: &EventPlan,
    meetings: &[Meeting],
    names: &Names<'_>,
) -> Vec<ExportTable> {
    let times: HashMap<&str, (usize, String, String)> = plan
        .slots
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (
                s.id.as_str(),
                (
                    i,
                    s.start.format("%Y-%m-%d %H:%M").to_string(),
                    plan.slot_end(s).format("%H:%M").to_string(),
                ),
            )
        })
        .collect();
    let order = |m: &Meeting| {
        times
            .get(m.slot.as_str())
            .map(|t| t.0)
            .unwrap_or(usize::MAX)
    };
    let time = |m: &Meeting| {
        times
            .get(m.slot.as_str())
            .map(|t| (t.1.clone(), t.2.clone()))
            .unwrap_or_default()
    };
    let meeting_row = |m: &Meeting| {
        let (start, end) = time(m);
        vec![
            m.slot.to_string(),
            start,
            end,
            m.table.to_string(),
            m.a.to_string(),
            names.org(m.a.as_str()),
            m.b.to_string(),
            names.org(m.b.as_str()),
            m.interpreter
                .as_ref()
                .map(|i| i.to_string())
                .unwrap_or_default(),
            names.interpreter(m.interpreter.as_ref().map(|i| i.as_str())),
            m.status.to_string(),
        ]
    };
    let headers = vec![
        "slot",
        "start",
        "end",
        "table",
        "a",
        "a_name",
        "b",
        "b_name",
        "interpreter",
        "interpreter_name",
        "status",
    ];
    let mut by_slot: Vec<&Meeting> = meetings.iter().collect();
    by_slot.sort_by(|x, y| (order(x), &x.table).cmp(&(order(y), &y.table)));
    let mut by_table = by_slot.clone();
    by_table.sort_by(|x, y| (&x.table, order(x)).cmp(&(&y.table, order(y))));
    let mut by_person: Vec<(String, &Meeting, bool)> = meetings
        .iter()
        .flat_map(|m| [(m.a.to_string(), m, true), (m.b.to_string(), m, false)])
        .collect();
    by_person.sort_by(|x, y| (&x.0, order(x.1)).cmp(&(&y.0, order(y.1))));
    let mut by_interpreter: Vec<&Meeting> = meetings
        .iter()
        .filter(|m| m.interpreter.is_some())
        .collect();
    by_interpreter.sort_by(|x, y| (&x.interpreter, order(x)).cmp(&(&y.interpreter, order(y))));
    vec![
        ExportTable {
            sheet: "By slot",
            headers: headers.clone(),
            rows: by_slot.iter().map(|m| meeting_row(m)).collect(),
        },
        ExportTable {
            sheet: "By table",
            headers: headers.clone(),
            rows: by_table.iter().map(|m| meeting_row(m)).collect(),
        },
        ExportTable {
            sheet: "By person",
            headers: vec![
                "person",
                "name",
                "slot",
                "start",
                "end",
                "table",
                "partner",
                "partner_name",
                "interpreter",
                "status",
            ],
            rows: by_person
                .iter()
                .map(|(person, m, is_a)| {
                    let (start, end) = time(m);
                    let partner = if *is_a { &m.b } else { &m.a };
                    vec![
                        person.clone(),
                        names.org(person),
                        m.slot.to_string(),
                        start,
                        end,
                        m.table.to_string(),
                        partner.to_string(),
                        names.org(partner.as_str()),
                        names.interpreter(m.interpreter.as_ref().map(|i| i.as_str())),
                        m.status.to_string(),
                    ]
                })
                .collect(),
        },
        ExportTable {
            sheet: "By interpreter",
            headers: vec![
                "interpreter",
                "interpreter_name",
                "slot",
                "start",
                "end",
                "table",
                "a",
                "a_name",
                "b",
                "b_name",
                "status",
            ],
            rows: by_interpreter
                .iter()
                .map(|m| {
                    let (start, end) = time(m);
                    let interpreter = m
                        .interpreter
                        .as_ref()
                        .map(|i| i.to_string())
                        .unwrap_or_default();
                    vec![
                        interpreter.clone(),
                        names.interpreter(Some(&interpreter)),
                        m.slot.to_string(),
                        start,
                        end,
                        m.table.to_string(),
                        m.a.to_string(),
                        names.org(m.a.as_str()),
                        m.b.to_string(),
                        names.org(m.b.as_str()),
                        m.status.to_string(),
                    ]
                })
                .collect(),
        },
    ]
}

/// Every recorded outcome with its meeting.
pub fn outcomes_table(outcomes: &[(Meeting, Outcome)], names: &Names<'_>) -> ExportTable {
    ExportTable {
        sheet: "Outcomes",
        headers: vec![
            "slot",
            "table",
            "recorded_by",
            "recorded_by_name",
            "partner",
            "partner_name",
            "interest",
            "next_step",
            "products",
            "estimated_value",
            "currency",
            "notes",
        ],
        rows: outcomes
            .iter()
            .map(|(m, o)| {
                let partner = if o.recorded_by == m.a { &m.b } else { &m.a };
                vec![
                    m.slot.to_string(),
                    m.table.to_string(),
                    o.recorded_by.to_string(),
                    names.org(o.recorded_by.as_str()),
                    partner.to_string(),
                    names.org(partner.as_str()),
                    o.interest.to_string(),
                    o.next_step.to_string(),
                    o.products.join("; "),
                    o.estimated_value
                        .as_ref()
                        .map(|v| v.amount.to_string())
                        .unwrap_or_default(),
                    o.estimated_value
                        .as_ref()
                        .map(|v| v.currency.clone())
                        .unwrap_or_default(),
                    o.notes.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    }
}
