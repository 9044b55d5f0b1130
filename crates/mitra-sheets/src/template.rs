//! The registration workbook: empty (the template organizers hand out) or
//! filled with an event's delegations and companies (the participants
//! export, which reads back in unchanged).

use crate::columns::{Column, DELEGATION_COLUMNS, ORGANIZATION_COLUMNS};
use crate::{SheetFormat, UTF8_BOM, WriteError};
use mitra_core::organization::{Delegation, Organization, TradeItem};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet};

/// Sheet names, as the reader looks for them.
pub const DELEGATIONS_SHEET: &str = "Delegations";
pub const ORGANIZATIONS_SHEET: &str = "Organizations";
pub const INSTRUCTIONS_SHEET: &str = "Instructions";

const INSTRUCTIONS: &[(&str, &str, &str)] = &[
    (
        "Fill in one row per delegation on the Delegations sheet and one row per company on the Organizations sheet. Do not rename or reorder the header row; do not merge cells.",
        "Isi satu baris per delegasi di lembar Delegations dan satu baris per perusahaan di lembar Organizations. Jangan ubah baris judul; jangan menggabungkan sel (merge).",
        "在 Delegations 表中每个代表团填写一行，在 Organizations 表中每家企业填写一行。请勿修改标题行，请勿合并单元格。",
    ),
    (
        "Offers and needs: one per line (Alt+Enter in Excel), in any language. Add HS codes in square brackets if you know them: Kopi robusta grade 1 [0901.11].",
        "Penawaran dan kebutuhan: satu per baris (Alt+Enter di Excel), dalam bahasa apa pun. Tambahkan kode HS dalam kurung siku bila tahu: Kopi robusta grade 1 [0901.11].",
        "供应与需求：每行一项（Excel 中按 Alt+Enter 换行），可用任何语言。如知道 HS 编码，请写在方括号中：罗布斯塔咖啡生豆 [0901.11]。",
    ),
    (
        "Importing is all or nothing: if any cell is wrong, Mitra lists every problem with its sheet, row and column, and imports nothing. Importing the same file again changes nothing.",
        "Impor bersifat semua atau tidak sama sekali: bila ada sel yang salah, Mitra menampilkan setiap masalah beserta lembar, baris dan kolomnya, dan tidak mengimpor apa pun. Mengimpor berkas yang sama lagi tidak mengubah apa pun.",
        "导入要么全部成功，要么全部不导入：如有单元格错误，Mitra 会列出每个问题所在的表、行和列，并且不导入任何内容。重复导入同一文件不会改变任何数据。",
    ),
];

fn items_cell(items: &[TradeItem]) -> String {
    items
        .iter()
        .map(|i| {
            if i.hs.is_empty() {
                i.text.clone()
            } else {
                format!(
                    "{} [{}]",
                    i.text,
                    i.hs.iter()
                        .map(|c| c.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn delegation_row(d: &Delegation) -> Vec<String> {
    vec![
        d.id.to_string(),
        d.name.clone(),
        d.country.to_string(),
        d.region.clone().unwrap_or_default(),
        d.lead_name.clone().unwrap_or_default(),
        items_cell(&d.objectives.export_products),
        items_cell(&d.objectives.technology_sought),
        d.objectives.risks.join("\n"),
    ]
}

fn organization_row(o: &Organization) -> Vec<String> {
    vec![
        o.id.to_string(),
        o.name.clone(),
        o.side.to_string(),
        o.country.to_string(),
        o.region.clone().unwrap_or_default(),
        o.delegation
            .as_ref()
            .map(|d| d.to_string())
            .unwrap_or_default(),
        o.sector.map(|s| s.to_string()).unwrap_or_default(),
        o.languages
            .iter()
            .map(|l| l.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        o.description.clone().unwrap_or_default(),
        items_cell(&o.offers),
        items_cell(&o.needs),
        o.certifications.join(", "),
        o.capacity.clone().unwrap_or_default(),
        o.website.clone().unwrap_or_default(),
        // Attending from / until: the domain keeps no attendance days yet.
        String::new(),
        String::new(),
    ]
}

/// Fixed document properties, so the same content gives the same bytes.
pub(crate) fn workbook() -> Workbook {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(2025, 1, 1)
        .unwrap_or_else(|_| ExcelDateTime::from_serial_datetime(45658.0).unwrap_or_default());
    workbook.set_properties(
        &DocProperties::new()
            .set_author("Mitra")
            .set_creation_datetime(&created),
    );
    workbook
}

fn write_sheet(
    sheet: &mut Worksheet,
    columns: &[Column],
    rows: &[Vec<String>],
) -> Result<(), WriteError> {
    let bold = Format::new().set_bold().set_text_wrap();
    let wrap = Format::new().set_text_wrap();
    for (col, column) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, column.header(), &bold)?;
        sheet.set_column_width(
            col as u16,
            if matches!(
                column.key,
                "description"
                    | "offers"
                    | "needs"
                    | "export_products"
                    | "technology_sought"
                    | "risks"
            ) {
                45
            } else {
                18
            },
        )?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (col, value) in row.iter().enumerate() {
            if !value.is_empty() {
                sheet.write_string_with_format(r as u32 + 1, col as u16, value, &wrap)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The registration workbook or CSV, with the given rows (none for the
/// empty template). A CSV holds the Organizations sheet only.
pub fn write_registration(
    delegations: &[Delegation],
    organizations: &[Organization],
    format: SheetFormat,
) -> Result<Vec<u8>, WriteError> {
    write_rows(
        &delegations.iter().map(delegation_row).collect::<Vec<_>>(),
        &organizations
            .iter()
            .map(organization_row)
            .collect::<Vec<_>>(),
        format,
    )
}

/// The registration workbook or CSV with rows given as cell texts by
/// column key (`&[("name", "PT Kopi"), ("attending_from", "2025-05-12")]`):
/// what the domain cannot hold (attendance days), or cells as a person
/// typed them. A key that is not a column of its sheet is an error.
pub fn write_registration_cells(
    delegations: &[&[(&str, &str)]],
    organizations: &[&[(&str, &str)]],
    format: SheetFormat,
) -> Result<Vec<u8>, WriteError> {
    fn rows(
        sheet: &str,
        columns: &[Column],
        given: &[&[(&str, &str)]],
    ) -> Result<Vec<Vec<String>>, WriteError> {
        given
            .iter()
            .map(|cells| {
                let mut row = vec![String::new(); columns.len()];
                for (key, text) in cells.iter() {
                    let at = columns.iter().position(|c| c.key == *key).ok_or_else(|| {
                        WriteError::UnknownColumn {
                            sheet: sheet.to_string(),
                            key: key.to_string(),
                        }
                    })?;
                    row[at] = text.to_string();
                }
                Ok(row)
            })
            .collect()
    }
    write_rows(
        &rows(DELEGATIONS_SHEET, DELEGATION_COLUMNS, delegations)?,
        &rows(ORGANIZATIONS_SHEET, ORGANIZATION_COLUMNS, organizations)?,
        format,
    )
}

fn write_rows(
    delegation_rows: &[Vec<String>],
    org_rows: &[Vec<String>],
    format: SheetFormat,
) -> Result<Vec<u8>, WriteError> {
    match format {
        SheetFormat::Csv => {
            let mut out = UTF8_BOM.to_vec();
            {
                let mut writer = csv::Writer::from_writer(&mut out);
                writer.write_record(ORGANIZATION_COLUMNS.iter().map(|c| c.header()))?;
                for row in org_rows {
                    writer.write_record(row)?;
                }
                writer.flush().map_err(csv::Error::from)?;
            }
            Ok(out)
        }
        SheetFormat::Xlsx => {
            let mut book = workbook();
            let sheet = book.add_worksheet();
            sheet.set_name(INSTRUCTIONS_SHEET)?;
            let bold = Format::new().set_bold();
            let wrap = Format::new().set_text_wrap();
            for (col, title) in ["English", "Bahasa Indonesia", "中文"].iter().enumerate() {
                sheet.write_string_with_format(0, col as u16, *title, &bold)?;
                sheet.set_column_width(col as u16, 60)?;
            }
            for (r, (en, id, zh)) in INSTRUCTIONS.iter().enumerate() {
                for (col, text) in [en, id, zh].iter().enumerate() {
                    sheet.write_string_with_format(r as u32 + 1, col as u16, **text, &wrap)?;
                }
            }
            let notes_row = INSTRUCTIONS.len() as u32 + 2;
            sheet.write_string_with_format(notes_row, 0, "Columns · Kolom · 列", &bold)?;
            for (i, column) in DELEGATION_COLUMNS
                .iter()
                .chain(ORGANIZATION_COLUMNS)
                .enumerate()
            {
                sheet.write_string(notes_row + 1 + i as u32, 0, column.header())?;
                sheet.write_string_with_format(notes_row + 1 + i as u32, 1, column.note, &wrap)?;
            }
            let sheet = book.add_worksheet();
            sheet.set_name(DELEGATIONS_SHEET)?;
            write_sheet(sheet, DELEGATION_COLUMNS, delegation_rows)?;
            let sheet = book.add_worksheet();
            sheet.set_name(ORGANIZATIONS_SHEET)?;
            write_sheet(sheet, ORGANIZATION_COLUMNS, org_rows)?;
            Ok(book.save_to_buffer()?)
        }
    }
}
