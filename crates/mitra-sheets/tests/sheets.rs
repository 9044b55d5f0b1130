//! Registration workbooks and exports, written and read back as real files
//! would be.

use calamine::{Data, Reader, Xlsx};
use mitra_core::codes::{CountryCode, LanguageCode};
use mitra_core::ids::{DelegationId, OrgId};
use mitra_core::organization::{Delegation, Objectives, Organization, Sector, Side, TradeItem};
use mitra_hs::HsCode;
use mitra_sheets::read::{ReadOptions, parse_date, parse_items};
use mitra_sheets::template::{write_registration, write_registration_cells};
use mitra_sheets::{EventDays, SheetFormat, read_registration, read_registration_for_event};
use rust_xlsxwriter::Workbook;
use std::io::Cursor;

fn delegation() -> Delegation {
    Delegation {
        id: DelegationId::parse("lampung").unwrap(),
        name: "Delegasi Provinsi Lampung".into(),
        country: CountryCode::parse("ID").unwrap(),
        region: Some("Lampung".into()),
        lead: None,
        lead_name: Some("Ahmad".into()),
        objectives: Objectives {
            export_products: vec![TradeItem::new(
                "Kopi robusta",
                vec![HsCode::parse("090111").unwrap()],
            )],
            technology_sought: vec![TradeItem::new("Irigasi tetes", vec![])],
            risks: vec!["Kemarau panjang".into(), "Hama PBKo".into()],
        },
        demo: false,
    }
}

fn organizations() -> Vec<Organization> {
    vec![
        Organization {
            id: OrgId::parse("lpg-01").unwrap(),
            name: "Koperasi Kopi Tanggamus".into(),
            side: Side::Guest,
            country: CountryCode::parse("ID").unwrap(),
            region: Some("Lampung".into()),
            delegation: Some(DelegationId::parse("lampung").unwrap()),
            sector: Some(Sector::Agriculture),
            languages: vec![
                LanguageCode::parse("id").unwrap(),
                LanguageCode::parse("en").unwrap(),
            ],
            description: Some("Koperasi petani kopi, 1.200 anggota".into()),
            offers: vec![
                TradeItem::new(
                    "Kopi robusta grade 1",
                    vec![HsCode::parse("090111").unwrap()],
                ),
                TradeItem::new("Kopi sangrai, bubuk", vec![]),
            ],
            needs: vec![TradeItem::new(
                "Mesin pengering kopi",
                vec![
                    HsCode::parse("841939").unwrap(),
                    HsCode::parse("8437").unwrap(),
                ],
            )],
            certifications: vec!["Rainforest Alliance".into(), "Halal".into()],
            capacity: Some("300 t/tahun".into()),
            website: Some("https://kopi.example".into()),
            demo: false,
        },
        Organization {
            id: OrgId::parse("sd-001").unwrap(),
            name: "青岛咖啡进口有限公司".into(),
            side: Side::Host,
            country: CountryCode::parse("CN").unwrap(),
            region: Some("Qingdao".into()),
            delegation: None,
            sector: None,
            languages: vec![LanguageCode::parse("zh").unwrap()],
            description: None,
            offers: vec![],
            needs: vec![TradeItem::new("采购罗布斯塔咖啡生豆", vec![])],
            certifications: vec![],
            capacity: None,
            website: None,
            demo: false,
        },
    ]
}

fn read(bytes: &[u8], name: &str) -> Result<mitra_sheets::Registration, Vec<String>> {
    read_registration(bytes, name, ReadOptions::default())
        .map_err(|ps| ps.iter().map(|p| p.to_string()).collect())
}

#[test]
fn the_empty_template_reads_back_as_nothing() {
    for (format, name) in [(SheetFormat::Xlsx, "t.xlsx"), (SheetFormat::Csv, "t.csv")] {
        let bytes = write_registration(&[], &[], format).unwrap();
        let registration = read(&bytes, name).unwrap();
        assert!(registration.organizations.is_empty() && registration.delegations.is_empty());
    }
    let bytes = write_registration(&[], &[], SheetFormat::Xlsx).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        vec!["Instructions", "Delegations", "Organizations"]
    );
    let instructions = book.worksheet_range("Instructions").unwrap();
    let text: String = instructions
        .cells()
        .map(|(_, _, c)| c.to_string())
        .collect();
    assert!(
        text.contains("Alt+Enter")
            && text.contains("Isi satu baris")
            && text.contains("每个代表团"),
        "instructions in three languages"
    );
}

#[test]
fn a_filled_workbook_reads_back_unchanged() {
    let bytes = write_registration(&[delegation()], &organizations(), SheetFormat::Xlsx).unwrap();
    let registration = read(&bytes, "filled.xlsx").unwrap();
    assert_eq!(registration.delegations, vec![delegation()]);
    assert_eq!(registration.organizations, organizations());
    assert_eq!(
        write_registration(&[delegation()], &organizations(), SheetFormat::Xlsx).unwrap(),
        bytes,
        "deterministic bytes"
    );
    let csv = write_registration(&[], &organizations(), SheetFormat::Csv).unwrap();
    assert!(
        csv.starts_with(b"\xEF\xBB\xBF"),
        "a byte-order mark, so Excel reads Chinese"
    );
    let again = read(&csv, "filled.csv").unwrap();
    assert_eq!(again.organizations, organizations());
}

/// A workbook as a person might fill it: our headers, then the rows given.
fn workbook(rows: &[&[&str]], merge: bool) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Organizations").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if !value.is_empty() {
                sheet.write_string(r as u32, c as u16, *value).unwrap();
            }
        }
    }
    if merge {
        sheet
            .merge_range(2, 1, 3, 1, "merged", &rust_xlsxwriter::Format::new())
            .unwrap();
    }
    book.save_to_buffer().unwrap()
}

fn own_headers() -> Vec<String> {
    mitra_sheets::columns::ORGANIZATION_COLUMNS
        .iter()
        .map(|c| c.header())
        .collect()
}

#[test]
fn bad_cells_are_named_by_sheet_row_and_column_and_nothing_is_read() {
    let headers = own_headers();
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let rows: Vec<&[&str]> = vec![
        &header_refs,
        &[
            "a-1",
            "Alpha",
            "guest",
            "ID",
            "",
            "",
            "",
            "id",
            "",
            "Kopi [0901.11]",
            "",
            "",
            "",
            "",
        ],
        &[
            "a-2",
            "Beta",
            "buyer",
            "XX",
            "",
            "",
            "",
            "ind",
            "",
            "Lada [09a4]",
            "",
            "",
            "",
            "",
        ],
        &[
            "a-1", "Gamma", "host", "CN", "", "", "", "zh", "", "", "", "", "", "",
        ],
    ];
    let errors = read(&workbook(&rows, false), "bad.xlsx").unwrap_err();
    let expect = [
        "Organizations!C3 (side): unknown side \"buyer\"",
        "Organizations!D3 (country): unknown country code \"XX\"",
        "Organizations!H3 (languages): unknown language code \"ind\"",
        "Organizations!J3 (offers): item \"Lada [09a4]\"",
        "Organizations!A4 (id): duplicate company \"a-1\" (first at Organizations!A2 (id))",
    ];
    for e in expect {
        assert!(
            errors.iter().any(|line| line.starts_with(e)),
            "expected {e:?} in {errors:#?}"
        );
    }
    assert_eq!(errors.len(), expect.len(), "{errors:#?}");

    let mut wrong = header_refs.clone();
    wrong[2] = "side / typo";
    wrong.push("colour");
    let errors = read(&workbook(&[&wrong], false), "wrong.xlsx").unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("Organizations!Q1: unknown column header \"colour\"")),
        "{errors:#?}"
    );

    let errors = read(
        &workbook(
            &[
                &header_refs,
                &["a-1", "Alpha", "guest", "ID", "", "", "", "id"],
            ],
            true,
        ),
        "merged.xlsx",
    )
    .unwrap_err();
    assert!(errors.contains(&"Organizations!B3:B4: merged cells cannot be imported; unmerge them and fill every cell".to_string()), "{errors:#?}");

    let errors = read(b"not a zip", "broken.xlsx").unwrap_err();
    assert!(errors[0].starts_with("broken.xlsx: not a readable XLSX workbook"));
    let errors = read(b"x", "orgs.txt").unwrap_err();
    assert!(errors[0].contains("expected a .xlsx or .csv file"));
}

#[test]
fn a_platform_export_reads_with_its_own_column_names() {
    let csv = "Organisation Name,Country,Organisation Description,Marketplace: Offer,Marketplace: Request,Registration date\n\
               Mekong Rice Co.,vn,Rice exporter,Jasmine rice [1006.30],Solar irrigation pumps,2025-04-01\n\
               \"PT Lada, Jaya\",ID,,Black pepper ASTA,,2025-04-02\n";
    let registration = read_registration(
        csv.as_bytes(),
        "b2match.csv",
        ReadOptions {
            default_side: Some(Side::Guest),
        },
    )
    .unwrap();
    let orgs = registration.organizations;
    assert_eq!(orgs.len(), 2);
    assert_eq!(orgs[0].id.as_str(), "mekong-rice-co");
    assert_eq!(orgs[0].country.as_str(), "VN");
    assert_eq!(orgs[0].offers[0].hs[0].as_str(), "100630");
    assert_eq!(orgs[0].needs[0].text, "Solar irrigation pumps");
    assert_eq!(orgs[1].id.as_str(), "pt-lada-jaya");
    assert!(orgs.iter().all(|o| o.side == Side::Guest));
    // Without a side, each row says what is missing.
    let errors = read(csv.as_bytes(), "b2match.csv").unwrap_err();
    assert!(
        errors[0].starts_with("b2match.csv!2 (side): empty; write guest or host"),
        "{errors:#?}"
    );
}

fn may_2025(day: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2025, 5, day).unwrap()
}

/// The two days of the event the attendance tests read against.
fn event_days() -> Option<EventDays> {
    Some(EventDays {
        first: may_2025(12),
        last: may_2025(13),
    })
}

fn read_during(bytes: &[u8], name: &str) -> Result<mitra_sheets::Registration, Vec<String>> {
    read_registration_for_event(bytes, name, ReadOptions::default(), event_days())
        .map_err(|ps| ps.iter().map(|p| p.to_string()).collect())
}

/// A company row of the template with the attendance cells given.
fn company<'a>(id: &'a str, from: &'a str, until: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("id", id),
        ("name", id),
        ("side", "guest"),
        ("country", "ID"),
        ("languages", "id"),
        ("attending_from", from),
        ("attending_until", until),
    ]
}

#[test]
fn attendance_days_within_the_event_are_read() {
    let rows = [
        company("a-1", "2025-05-12", "2025-05-13"),
        company("a-2", "2025年5月13日", ""),
        company("a-3", "", "13/05/2025"),
        company("a-4", "", ""),
    ];
    let rows: Vec<&[(&str, &str)]> = rows.iter().map(Vec::as_slice).collect();
    for (format, name) in [
        (SheetFormat::Xlsx, "days.xlsx"),
        (SheetFormat::Csv, "days.csv"),
    ] {
        let bytes = write_registration_cells(&[], &rows, format).unwrap();
        let registration = read_during(&bytes, name).unwrap();
        assert_eq!(registration.organizations.len(), 4);
        let days: Vec<_> = registration
            .attendance
            .iter()
            .map(|a| (a.organization.as_str(), a.from, a.until))
            .collect();
        assert_eq!(
            days,
            [
                ("a-1", Some(may_2025(12)), Some(may_2025(13))),
                ("a-2", Some(may_2025(13)), None),
                ("a-3", None, Some(may_2025(13))),
            ],
            "{name}"
        );
    }
    // The template has the columns, in three languages.
    let headers = own_headers();
    assert!(
        headers.contains(&"attending_from / Attending from / Hadir mulai / 出席起始日期".into())
    );
    assert!(
        headers.contains(&"attending_until / Attending until / Hadir sampai / 出席截止日期".into())
    );
    assert!(write_registration_cells(&[], &[&[("colour", "red")]], SheetFormat::Csv).is_err());
}

#[test]
fn companies_join_delegations_of_the_sheet_or_of_the_event() {
    let mut row = company("a-1", "", "");
    row.push(("delegation", "lampung"));
    // The blank template filled with companies only: the delegation is the event's.
    let bytes = write_registration_cells(&[], &[&row], SheetFormat::Xlsx).unwrap();
    let registration = read(&bytes, "companies.xlsx").unwrap();
    assert_eq!(
        registration.organizations[0]
            .delegation
            .as_ref()
            .map(|d| d.as_str()),
        Some("lampung")
    );
    // A Delegations sheet with rows names every delegation its companies join.
    let delegation: &[(&str, &str)] = &[("id", "jambi"), ("name", "Jambi"), ("country", "ID")];
    let bytes = write_registration_cells(&[delegation], &[&row], SheetFormat::Xlsx).unwrap();
    let errors = read(&bytes, "both.xlsx").unwrap_err();
    assert_eq!(
        errors,
        [
            "Organizations!F2 (delegation): unknown delegation \"lampung\" (not in the Delegations sheet)"
        ]
    );
}

#[test]
fn a_date_outside_the_event_or_malformed_is_named_by_sheet_row_and_column() {
    let rows = [
        company("a-1", "2025-05-12", "2025-05-20"),
        company("a-2", "2025-05-11", ""),
        company("a-3", "next Tuesday", "03/04/2025"),
        company("a-4", "2025-02-30", ""),
        company("a-5", "2025-05-13", "2025-05-12"),
        company("a-6", "2025-05-12", "2025-05-13"),
    ];
    let rows: Vec<&[(&str, &str)]> = rows.iter().map(Vec::as_slice).collect();
    let bytes = write_registration_cells(&[], &rows, SheetFormat::Xlsx).unwrap();
    let errors = read_during(&bytes, "days.xlsx").unwrap_err();
    let expect = [
        "Organizations!P2 (attending_until): 2025-05-20 is outside the event's days (2025-05-12 to 2025-05-13)",
        "Organizations!O3 (attending_from): 2025-05-11 is outside the event's days (2025-05-12 to 2025-05-13)",
        "Organizations!O4 (attending_from): \"next Tuesday\" is not a date; write the date as YYYY-MM-DD",
        "Organizations!P4 (attending_until): \"03/04/2025\" can be read two ways",
        "Organizations!O5 (attending_from): \"2025-02-30\" is not a day of the calendar",
        "Organizations!P6 (attending_until): 2025-05-12 is before the first day attending (2025-05-13)",
    ];
    for e in expect {
        assert!(
            errors.iter().any(|line| line.starts_with(e)),
            "expected {e:?} in {errors:#?}"
        );
    }
    assert_eq!(errors.len(), expect.len(), "{errors:#?}");
    // Without the event's days only the form of a date is checked.
    let errors = read(&bytes, "days.xlsx").unwrap_err();
    assert_eq!(errors.len(), 4, "{errors:#?}");
    assert!(errors.iter().all(|e| !e.contains("outside the event")));
}

#[test]
fn excel_date_cells_are_read_as_days() {
    let mut rows: Vec<Vec<String>> = vec![own_headers()];
    rows.push(
        ["a-1", "Alpha", "guest", "ID", "", "", "", "id"]
            .map(String::from)
            .to_vec(),
    );
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Organizations").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, value).unwrap();
        }
    }
    let format = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 5, 13).unwrap();
    sheet
        .write_datetime_with_format(1, 14, &day, &format)
        .unwrap();
    let late = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 6, 1).unwrap();
    sheet
        .write_datetime_with_format(1, 15, &late, &format)
        .unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let errors = read_during(&bytes, "dates.xlsx").unwrap_err();
    assert_eq!(
        errors,
        [
            "Organizations!P2 (attending_until): 2025-06-01 is outside the event's days (2025-05-12 to 2025-05-13)"
        ]
    );
    let registration = read(&bytes, "dates.xlsx").unwrap();
    assert_eq!(registration.attendance[0].from, Some(may_2025(13)));
    assert_eq!(
        registration.attendance[0].until,
        chrono::NaiveDate::from_ymd_opt(2025, 6, 1)
    );
}

#[test]
fn dates_are_read_as_organizers_write_them() {
    for (text, day) in [
        ("2025-05-12", 12),
        ("2025/5/12", 12),
        ("2025.05.12", 12),
        ("2025-05-12 09:30", 12),
        ("2025-05-12T09:30:00", 12),
        ("2025年5月13日", 13),
        ("13/05/2025", 13),
        ("5/13/2025", 13),
        ("12-12-2025", 0),
    ] {
        let expected = if day == 0 {
            chrono::NaiveDate::from_ymd_opt(2025, 12, 12).unwrap()
        } else {
            may_2025(day)
        };
        assert_eq!(parse_date(text), Ok(expected), "{text}");
    }
    for bad in [
        "",
        "12/05/2025",
        "12/05/25",
        "2025-13-01",
        "2025-05",
        "May 12, 2025",
        "45789",
    ] {
        assert!(parse_date(bad).is_err(), "{bad}");
    }
}

#[test]
fn items_take_hs_codes_in_brackets() {
    let items = parse_items("- Kopi robusta [0901.11, HS 0901.12]\n罗布斯塔 | Lada putih").unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].text, "Kopi robusta");
    assert_eq!(items[0].hs.len(), 2);
    assert_eq!(items[1].text, "罗布斯塔");
    assert!(parse_items("Kopi [12345]").is_err());
}

#[test]
fn the_schedule_exports_four_ways() {
    use chrono::{NaiveDate, NaiveTime};
    use mitra_core::event::{Event, EventPlan, Session};
    use mitra_core::ids::{EventId, SessionId, SlotId, TableId};
    use mitra_core::meeting::{Meeting, MeetingStatus};
    use mitra_sheets::export::{Names, schedule_tables, write_tables};
    let plan = EventPlan::new(
        Event {
            id: EventId::parse("e").unwrap(),
            name: "E".into(),
            name_zh: None,
            name_id: None,
            venue: None,
            city: None,
            time_zone: chrono_tz::Asia::Shanghai,
            slot_minutes: 20,
            demo: false,
        },
        vec![Session {
            id: SessionId::parse("am").unwrap(),
            name: "am".into(),
            date: NaiveDate::from_ymd_opt(2025, 5, 27).unwrap(),
            start: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            slot_count: 2,
        }],
    )
    .unwrap();
    let meetings = vec![
        Meeting {
            a: OrgId::parse("lpg-01").unwrap(),
            b: OrgId::parse("sd-001").unwrap(),
            slot: SlotId::parse("am-0920").unwrap(),
            table: TableId::parse("T2").unwrap(),
            interpreter: None,
            status: MeetingStatus::Published,
        },
        Meeting {
            a: OrgId::parse("lpg-01").unwrap(),
            b: OrgId::parse("sd-001").unwrap(),
            slot: SlotId::parse("am-0900").unwrap(),
            table: TableId::parse("T1").unwrap(),
            interpreter: None,
            status: MeetingStatus::Draft,
        },
    ];
    let orgs = organizations();
    let names = Names::new(&orgs, &[]);
    let tables = schedule_tables(&plan, &meetings, &names);
    assert_eq!(
        tables.iter().map(|t| t.sheet).collect::<Vec<_>>(),
        vec!["By slot", "By table", "By person", "By interpreter"]
    );
    assert_eq!(
        tables[0].rows[0][1], "2025-05-27 09:00",
        "by slot, earliest first"
    );
    assert_eq!(tables[2].rows.len(), 4, "each meeting once per person");
    assert_eq!(tables[2].rows[0][7], "青岛咖啡进口有限公司");
    let bytes = write_tables(&tables, SheetFormat::Xlsx).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("By table").unwrap();
    assert_eq!(range.get_size().0, 3);
    assert_eq!(range.get((1, 3)), Some(&Data::String("T1".into())));
    let csv = write_tables(&tables, SheetFormat::Csv).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBFslot,start"));
}

/// `bytes` (an XLSX) with `sharedStrings.xml`'s declared count of unique
/// strings set to `count`, every part stored.
fn with_unique_count(bytes: &[u8], count: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut rewritten = false;
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut content = Vec::new();
        part.read_to_end(&mut content).unwrap();
        if name == "xl/sharedStrings.xml" {
            let text = String::from_utf8(content).unwrap();
            let at = text.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
            let end = at + text[at..].find('"').unwrap();
            content = format!("{}{count}{}", &text[..at], &text[end..]).into_bytes();
            rewritten = true;
        }
        out.start_file(name, options).unwrap();
        out.write_all(&content).unwrap();
    }
    assert!(rewritten, "the workbook has shared strings");
    out.finish().unwrap().into_inner()
}

/// A workbook whose shared strings declare more entries than their bytes
/// could hold is refused with its reason. calamine reserves room for the
/// declared count before reading, and a count of trillions made that
/// allocation fail and abort the process (found by the fuzzer).
#[test]
fn an_impossible_shared_strings_count_is_refused_not_allocated() {
    let bytes = write_registration(&[delegation()], &organizations(), SheetFormat::Xlsx).unwrap();
    let errors = read(&with_unique_count(&bytes, "99999999999999"), "huge.xlsx").unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("huge.xlsx: not a readable XLSX workbook: xl/sharedStrings.xml declares 99999999999999 shared strings in"),
        "{}",
        errors[0]
    );
    // a count the part can hold is read as before, even if it is wrong
    let fine = with_unique_count(&bytes, "3");
    assert_eq!(
        read(&fine, "fine.xlsx").unwrap().organizations,
        organizations()
    );
}
