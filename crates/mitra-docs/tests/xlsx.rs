//! The XLSX annex read back with calamine: sheets, headers in the report's
//! language, row counts from the report, evidence ids, provenance columns,
//! determinism, and the empty report.
#![cfg(feature = "xlsx")]

use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
use mitra_docs::locale::{Lang, table};
use mitra_docs::render_mission_xlsx;
use mitra_insight::build_mission_report;
use mitra_insight::fixtures::{empty_mission_inputs, mission_inputs};
use mitra_insight::mission::MissionReport;
use std::io::Cursor;

const SHEETS: [&str; 5] = [
    "doc.x.sheet-meetings",
    "doc.x.sheet-opportunities",
    "doc.x.sheet-recommendations",
    "doc.x.sheet-indicators",
    "doc.x.sheet-pipeline",
];

fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes)).expect("calamine opens the workbook")
}

fn sheet(wb: &mut Xlsx<Cursor<Vec<u8>>>, lang: Lang, key: &str) -> Range<Data> {
    wb.worksheet_range(&table(lang)[key]).expect("sheet")
}

fn header(range: &Range<Data>) -> Vec<String> {
    range
        .rows()
        .next()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .unwrap_or_default()
}

fn column(range: &Range<Data>, name: &str) -> Vec<String> {
    let i = header(range)
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"));
    range
        .rows()
        .skip(1)
        .map(|r| r.get(i).map(|c| c.to_string()).unwrap_or_default())
        .collect()
}

fn meeting_rows(r: &MissionReport) -> usize {
    r.annex
        .meetings
        .iter()
        .map(|m| m.outcomes.len().max(1))
        .sum()
}

#[test]
fn the_annex_has_its_sheets_headers_and_rows_in_three_languages() {
    let report = build_mission_report(&mission_inputs());
    for lang in Lang::ALL {
        let t = |k: &str| table(lang)[k].clone();
        let mut wb = open(render_mission_xlsx(&report, lang).expect("XLSX"));
        let names: Vec<String> = SHEETS.iter().map(|k| t(k)).collect();
        assert_eq!(wb.sheet_names(), names, "{lang:?}");

        let meetings = sheet(&mut wb, lang, "doc.x.sheet-meetings");
        let head = header(&meetings);
        assert_eq!(head[0], t("doc.x.meeting-id"));
        assert!(head.contains(&t("doc.col.partner")) && head.contains(&t("doc.col.next-step")));
        assert_eq!(meetings.height(), 1 + meeting_rows(&report), "{lang:?}");
        let ids = column(&meetings, &t("doc.x.meeting-id"));
        for m in &report.annex.meetings {
            assert!(ids.contains(&m.anchor), "{} missing", m.anchor);
        }

        let opportunities = sheet(&mut wb, lang, "doc.x.sheet-opportunities");
        assert_eq!(header(&opportunities)[0], t("doc.x.rank"));
        assert_eq!(opportunities.height(), 1 + report.opportunities.items.len());

        let recs = sheet(&mut wb, lang, "doc.x.sheet-recommendations");
        assert_eq!(recs.height(), 1 + report.recommendations.len());
        let evidence = column(&recs, &t("doc.x.evidence-ids"));
        for (rec, cell) in report.recommendations.iter().zip(&evidence) {
            assert!(!rec.evidence.is_empty());
            for e in &rec.evidence {
                assert!(cell.split(", ").any(|x| x == e), "{}: no {e}", rec.anchor);
            }
        }

        // Every figure row says where it comes from; illustrative ones
        // carry the label.
        let indicators = sheet(&mut wb, lang, "doc.x.sheet-indicators");
        let kinds = column(&indicators, &t("doc.x.provenance"));
        let labels = column(&indicators, &t("doc.x.label"));
        let values = column(&indicators, &t("doc.col.value"));
        let mut illustrative = 0;
        for ((kind, label), value) in kinds.iter().zip(&labels).zip(&values) {
            if value.is_empty() {
                continue; // not computable: the explanation says what is needed
            }
            assert!(!kind.is_empty(), "{lang:?}: figure without provenance");
            if *kind == t("doc.x.prov.illustrative") {
                assert_eq!(*label, t("doc.illustrative"));
                illustrative += 1;
            }
        }
        assert!(illustrative > 5, "{lang:?}: {illustrative}");
        assert!(kinds.contains(&t("doc.x.prov.published")));

        let pipeline = sheet(&mut wb, lang, "doc.x.sheet-pipeline");
        assert_eq!(
            header(&pipeline),
            [t("doc.col.next-step"), t("doc.x.meetings")]
        );
        assert!(pipeline.height() > report.results.stages.len());
    }
}

#[test]
fn the_annex_is_deterministic() {
    for lang in Lang::ALL {
        let a = render_mission_xlsx(&build_mission_report(&mission_inputs()), lang).unwrap();
        let b = render_mission_xlsx(&build_mission_report(&mission_inputs()), lang).unwrap();
        assert!(a == b, "{lang:?}: two renders differ");
    }
}

#[test]
fn an_empty_report_gives_header_rows_and_says_so() {
    let report = build_mission_report(&empty_mission_inputs());
    let mut wb = open(render_mission_xlsx(&report, Lang::En).unwrap());
    assert_eq!(wb.sheet_names().len(), 5);
    let meetings = sheet(&mut wb, Lang::En, "doc.x.sheet-meetings");
    assert_eq!(meetings.height(), 1 + meeting_rows(&report));
    let opportunities = sheet(&mut wb, Lang::En, "doc.x.sheet-opportunities");
    assert_eq!(opportunities.height(), 1);
    let recs = sheet(&mut wb, Lang::En, "doc.x.sheet-recommendations");
    assert_eq!(recs.height(), 1 + report.recommendations.len());
}
