//! Reading registrations from a workbook or a CSV file.

use crate::columns::{Column, DELEGATION_COLUMNS, ORGANIZATION_COLUMNS, normalise};
use crate::{SheetFormat, column_letter};
use calamine::{Cell, Data, DataRef, Reader, Xlsx, XlsxError};
use chrono::NaiveDate;
use mitra_core::codes::{CountryCode, LanguageCode};
use mitra_core::event::EventPlan;
use mitra_core::ids::{DelegationId, OrgId};
use mitra_core::organization::{Delegation, Objectives, Organization, Sector, Side, TradeItem};
use mitra_hs::HsCode;
use std::collections::HashMap;
use std::fmt;
use std::io::Cursor;

/// One problem, at a cell or a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetProblem {
    /// `Organizations!C5 (side)`, `Organizations!B3:B4`, or a sheet name.
    pub place: String,
    pub message: String,
}

impl fmt::Display for SheetProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// What a registration file holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Registration {
    pub delegations: Vec<Delegation>,
    pub organizations: Vec<Organization>,
    /// The days companies said they attend ("Attending from" / "Attending
    /// until"), for the rows that gave any. The domain has no place for
    /// them yet, so the store does not keep them: they are read and
    /// checked against the event's days, and handed on here.
    pub attendance: Vec<Attendance>,
}

/// The days one company attends, as its row gave them (either may be
/// missing: from the first day, until the last).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendance {
    pub organization: OrgId,
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

/// The first and last day of an event: attendance dates outside them are
/// refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventDays {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl EventDays {
    /// The days of an event's sessions; `None` for an event without any.
    pub fn of_plan(plan: &EventPlan) -> Option<EventDays> {
        let first = plan.sessions.iter().map(|s| s.date).min()?;
        let last = plan.sessions.iter().map(|s| s.date).max()?;
        Some(EventDays { first, last })
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.first <= day && day <= self.last
    }
}

/// How to read a file.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    /// The side of every row that does not say (platform exports do not).
    pub default_side: Option<Side>,
}

/// A sheet's cells as text (an error cell is an `Err` with Excel's code).
struct Table {
    name: String,
    /// Zero-based row and column of the first cell.
    origin: (u32, u32),
    rows: Vec<Vec<Result<String, String>>>,
}

impl Table {
    fn place(&self, row: usize, col: usize) -> String {
        format!(
            "{}!{}{}",
            self.name,
            column_letter(self.origin.1 as usize + col),
            self.origin.0 as usize + row + 1
        )
    }
}

/// Reads a registration workbook (XLSX) or CSV file: every delegation and
/// organization, or every problem. Attendance dates are checked for form
/// only; [`read_registration_for_event`] also checks them against the
/// event's days.
pub fn read_registration(
    bytes: &[u8],
    file_name: &str,
    options: ReadOptions,
) -> Result<Registration, Vec<SheetProblem>> {
    read_registration_for_event(bytes, file_name, options, None)
}

/// Reads a registration as [`read_registration`] does, and refuses every
/// attendance date outside `event_days` (not checked when `None`), naming
/// its sheet, row and column.
pub fn read_registration_for_event(
    bytes: &[u8],
    file_name: &str,
    options: ReadOptions,
    event_days: Option<EventDays>,
) -> Result<Registration, Vec<SheetProblem>> {
    let mut problems = Vec::new();
    let (delegations_table, organizations_table) = match SheetFormat::from_file_name(file_name) {
        Some(SheetFormat::Xlsx) => read_workbook_guarded(bytes, file_name, &mut problems),
        Some(SheetFormat::Csv) => (None, read_csv(bytes, file_name, &mut problems)),
        None => {
            return Err(vec![SheetProblem {
                place: file_name.to_string(),
                message: "expected a .xlsx or .csv file".into(),
            }]);
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut registration = Registration::default();
    if let Some(table) = &delegations_table {
        registration.delegations = delegations(table, &mut problems);
    }
    match &organizations_table {
        Some(table) => {
            // A Delegations sheet with rows names every delegation its
            // companies may join; an empty one (the blank template, filled
            // with companies only) leaves them to the event's delegations.
            let known: Option<Vec<&DelegationId>> = delegations_table
                .as_ref()
                .filter(|_| !registration.delegations.is_empty())
                .map(|_| registration.delegations.iter().map(|d| &d.id).collect());
            (registration.organizations, registration.attendance) =
                organizations(table, known.as_deref(), options, event_days, &mut problems);
        }
        None => problems.push(SheetProblem {
            place: file_name.to_string(),
            message: "no Organizations sheet (a sheet named Organizations, Organisasi or 企业)"
                .into(),
        }),
    }
    if problems.is_empty() {
        Ok(registration)
    } else {
        Err(problems)
    }
}

/// The fewest bytes a shared string takes in `sharedStrings.xml`
/// (`<si><t/></si>` is 13).
const MIN_SHARED_STRING_BYTES: u64 = 8;

/// How far into `sharedStrings.xml` its root start tag may be: a
/// spreadsheet program writes it within the first hundred bytes or so.
const SHARED_STRINGS_HEAD: u64 = 1 << 20;

/// calamine reserves room for as many shared strings as the workbook
/// declares (`<sst uniqueCount="…">`) before it reads one, and a damaged
/// or hostile file that declares trillions makes that allocation fail,
/// which aborts the process: no panic that [`read_workbook_guarded`] could
/// catch. So the declaration is checked first against the bytes the part
/// really holds. A file that is no zip, or has no such part, is left to
/// calamine to judge.
fn shared_strings_plausible(bytes: &[u8]) -> Result<(), String> {
    use std::io::Read;
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    for index in 0..archive.len() {
        let Ok(mut part) = archive.by_index(index) else {
            continue;
        };
        let Ok(name) = part.name().map(|n| n.to_string()) else {
            continue;
        };
        if !name.to_ascii_lowercase().ends_with("sharedstrings.xml") {
            continue;
        }
        let mut head = Vec::new();
        if (&mut part)
            .take(SHARED_STRINGS_HEAD)
            .read_to_end(&mut head)
            .is_err()
        {
            continue; // unreadable: calamine says so
        }
        let seen = scan_shared_strings_head(&head);
        if !seen.has_sst && head.len() as u64 == SHARED_STRINGS_HEAD {
            return Err(format!(
                "{name} has no <sst> element in its first megabyte; the file is damaged"
            ));
        }
        let Some(declared) = seen.unique_count else {
            continue;
        };
        // the part's real size, read no further than the declaration needs
        let needed = declared.saturating_mul(MIN_SHARED_STRING_BYTES);
        let more = needed.saturating_sub(head.len() as u64);
        let rest = std::io::copy(&mut (&mut part).take(more), &mut std::io::sink()).unwrap_or(0);
        let size = head.len() as u64 + rest;
        if size < needed {
            return Err(format!(
                "{name} declares {declared} shared strings in {size} bytes; the file is damaged"
            ));
        }
    }
    Ok(())
}

/// What the start of `sharedStrings.xml` says.
#[derive(Debug, PartialEq)]
struct SharedStringsHead {
    /// Whether an `sst` element starts in it (any prefix).
    has_sst: bool,
    /// The largest count declared in it, saturating.
    unique_count: Option<u64>,
}

/// Reads the start of `sharedStrings.xml` as leniently as calamine does,
/// and then some: calamine skips whatever comes before the first `sst`
/// element and takes its `uniqueCount` through a lenient XML reader, so
/// every `uniqueCount` followed by `=` (and a quote) anywhere in `head`
/// counts, the largest winning. A real part declares it once, in the
/// `<sst>` tag within its first hundred bytes or so; a count that stands
/// elsewhere only makes the check stricter. The value is read as digits
/// after optional spaces and `+`.
fn scan_shared_strings_head(head: &[u8]) -> SharedStringsHead {
    let has_sst = head.windows(5).any(|w| {
        (w[0] == b'<' || w[0] == b':')
            && &w[1..4] == b"sst"
            && (w[4].is_ascii_whitespace() || w[4] == b'>' || w[4] == b'/')
    });
    let key = b"uniqueCount";
    let mut unique_count = None;
    let mut from = 0;
    while let Some(k) = head[from..].windows(key.len()).position(|w| w == key) {
        from += k + key.len();
        let mut rest = head[from..].iter().skip_while(|b| b.is_ascii_whitespace());
        if rest.next() != Some(&b'=') {
            continue;
        }
        let digits = rest
            .skip_while(|&&b| b.is_ascii_whitespace() || b == b'"' || b == b'\'' || b == b'+')
            .take_while(|b| b.is_ascii_digit());
        let n = digits.fold(0u64, |n, &d| {
            n.saturating_mul(10).saturating_add(u64::from(d - b'0'))
        });
        unique_count = Some(unique_count.map_or(n, |m: u64| m.max(n)));
    }
    SharedStringsHead {
        has_sst,
        unique_count,
    }
}

/// [`read_workbook`], with a panic inside calamine (a third-party parser)
/// turned into a problem with the file: calamine 0.38 overflows, and so
/// panics in debug builds, on a cell reference of seven or more letters
/// (tafia/calamine#709), and a malformed file must never crash the import
/// or the server.
fn read_workbook_guarded(
    bytes: &[u8],
    file_name: &str,
    problems: &mut Vec<SheetProblem>,
) -> (Option<Table>, Option<Table>) {
    let mut found = Vec::new();
    // On a panic the partial problems and tables are dropped unseen.
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_workbook(bytes, file_name, &mut found)
    }));
    match read {
        Ok(tables) => {
            problems.extend(found);
            tables
        }
        Err(_) => {
            problems.push(SheetProblem {
                place: file_name.to_string(),
                message: "not a readable XLSX workbook: its contents are malformed".into(),
            });
            (None, None)
        }
    }
}

fn read_workbook(
    bytes: &[u8],
    file_name: &str,
    problems: &mut Vec<SheetProblem>,
) -> (Option<Table>, Option<Table>) {
    if let Err(message) = shared_strings_plausible(bytes) {
        problems.push(SheetProblem {
            place: file_name.to_string(),
            message: format!("not a readable XLSX workbook: {message}"),
        });
        return (None, None);
    }
    let mut workbook: Xlsx<_> = match calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())) {
        Ok(w) => w,
        Err(e) => {
            problems.push(SheetProblem {
                place: file_name.to_string(),
                message: format!("not a readable XLSX workbook: {e}"),
            });
            return (None, None);
        }
    };
    let names = workbook.sheet_names().to_vec();
    let find = |wanted: &[&str]| {
        names
            .iter()
            .find(|n| wanted.contains(&normalise(n).as_str()))
            .cloned()
    };
    let organizations = find(&[
        "organizations",
        "organisations",
        "organisasi",
        "perusahaan",
        "企业",
        "companies",
        "participants",
    ])
    .or_else(|| (names.len() == 1).then(|| names[0].clone()));
    let delegations = find(&["delegations", "delegasi", "代表团"]);
    let mut load = |name: Option<String>| -> Option<Table> {
        let name = name?;
        if let Ok(merged) = workbook.merge_cells_by_sheet_name(&name) {
            for region in merged {
                problems.push(SheetProblem {
                    place: format!(
                        "{name}!{}{}:{}{}",
                        column_letter(region.start.1 as usize),
                        region.start.0 + 1,
                        column_letter(region.end.1 as usize),
                        region.end.0 + 1
                    ),
                    message: "merged cells cannot be imported; unmerge them and fill every cell"
                        .into(),
                });
            }
        }
        match sheet_cells(&mut workbook, &name) {
            Ok(cells) => table(name, cells, problems),
            Err(e) => {
                problems.push(SheetProblem {
                    place: name.clone(),
                    message: format!("cannot read the sheet: {e}"),
                });
                None
            }
        }
    };
    let delegations = load(delegations);
    let organizations = load(organizations);
    (delegations, organizations)
}

/// The most cells the area from a sheet's first non-empty cell to its last
/// may span. A registration of thousands of companies is far below it;
/// without it two cells, at A1 and XFD1048576, would ask for a table of 17
/// billion cells (calamine's `worksheet_range` allocates it, and the
/// process aborts).
const MAX_CELLS: u64 = 1_000_000;

/// A sheet's non-empty cells, as calamine reads them; a chart sheet has
/// none.
fn sheet_cells(
    workbook: &mut Xlsx<Cursor<Vec<u8>>>,
    name: &str,
) -> Result<Vec<Cell<Data>>, XlsxError> {
    let mut reader = match workbook.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        Err(XlsxError::NotAWorksheet(_)) => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut cells = Vec::new();
    while let Some(cell) = reader.next_cell()? {
        if *cell.get_value() != DataRef::Empty {
            let value = Data::from(cell.get_value().clone());
            cells.push(Cell::new(cell.get_position(), value));
        }
    }
    Ok(cells)
}

/// The cells as a table from the first non-empty row and column to the
/// last (as calamine's `worksheet_range` makes it), or a problem when that
/// area is larger than [`MAX_CELLS`].
fn table(name: String, cells: Vec<Cell<Data>>, problems: &mut Vec<SheetProblem>) -> Option<Table> {
    let rows = || cells.iter().map(|cell| cell.get_position().0);
    let columns = || cells.iter().map(|cell| cell.get_position().1);
    let (Some(top), Some(bottom), Some(left), Some(right)) =
        (rows().min(), rows().max(), columns().min(), columns().max())
    else {
        return Some(Table {
            name,
            origin: (0, 0),
            rows: Vec::new(),
        });
    };
    let height = u64::from(bottom - top) + 1;
    let width = u64::from(right - left) + 1;
    if height.saturating_mul(width) > MAX_CELLS {
        problems.push(SheetProblem {
            place: format!(
                "{name}!{}{}:{}{}",
                column_letter(left as usize),
                u64::from(top) + 1,
                column_letter(right as usize),
                u64::from(bottom) + 1
            ),
            message: format!(
                "the cells in use span {height} rows and {width} columns; at most \
                 {MAX_CELLS} cells are read: delete the cells far from the table"
            ),
        });
        return None;
    }
    let mut table = vec![vec![Ok(String::new()); width as usize]; height as usize];
    for cell in &cells {
        let (row, column) = cell.get_position();
        table[(row - top) as usize][(column - left) as usize] = cell_text(cell.get_value());
    }
    Some(Table {
        name,
        origin: (top, left),
        rows: table,
    })
}

fn cell_text(cell: &Data) -> Result<String, String> {
    match cell {
        Data::Empty => Ok(String::new()),
        Data::String(s) => Ok(s.clone()),
        Data::Int(i) => Ok(i.to_string()),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Ok(format!("{}", *f as i64)),
        Data::Float(f) => Ok(f.to_string()),
        Data::Bool(b) => Ok(b.to_string()),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, h, min, sec, _) = d.to_ymd_hms_milli();
            Ok(if (h, min, sec) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{day:02}")
            } else {
                format!("{y:04}-{m:02}-{day:02}T{h:02}:{min:02}:{sec:02}")
            })
        }
        Data::DateTime(d) => Ok(d.to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Ok(s.clone()),
        Data::Error(e) => Err(format!("the cell holds the Excel error {e}")),
    }
}

fn read_csv(bytes: &[u8], file_name: &str, problems: &mut Vec<SheetProblem>) -> Option<Table> {
    let bytes = bytes.strip_prefix(crate::UTF8_BOM).unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        match record {
            Ok(r) => rows.push(r.iter().map(|c| Ok(c.to_string())).collect()),
            Err(e) => {
                problems.push(SheetProblem {
                    place: format!("{file_name}:{}", i + 1),
                    message: format!("not valid CSV: {e}"),
                });
                return None;
            }
        }
    }
    Some(Table {
        name: file_name.to_string(),
        origin: (0, 0),
        rows,
    })
}

/// The header row, the column each key is in, and whether the sheet is
/// Mitra's own template (strict about unknown headers) or a platform export.
struct Header {
    row: usize,
    columns: HashMap<&'static str, usize>,
}

fn header(
    table: &Table,
    columns: &'static [Column],
    problems: &mut Vec<SheetProblem>,
) -> Option<Header> {
    let Some(row) = table.rows.iter().position(|r| {
        r.iter()
            .any(|c| c.as_ref().is_ok_and(|t| !t.trim().is_empty()))
    }) else {
        problems.push(SheetProblem {
            place: table.name.clone(),
            message: "the sheet is empty (expected a header row)".into(),
        });
        return None;
    };
    let cells = &table.rows[row];
    // Mitra's own headers read "key / English / Indonesian / 中文".
    let own = cells
        .iter()
        .any(|c| c.as_ref().is_ok_and(|t| t.contains(" / ")));
    let mut found: HashMap<&'static str, usize> = HashMap::new();
    let before = problems.len();
    for (col, cell) in cells.iter().enumerate() {
        let text = cell.clone().unwrap_or_default();
        if text.trim().is_empty() {
            continue;
        }
        match columns.iter().find(|c| c.matches(&text)) {
            Some(column) => {
                if let Some(first) = found.insert(column.key, col) {
                    problems.push(SheetProblem {
                        place: table.place(row, col),
                        message: format!(
                            "column {:?} appears twice (first in column {})",
                            column.key,
                            column_letter(first)
                        ),
                    });
                }
            }
            None if own => problems.push(SheetProblem {
                place: table.place(row, col),
                message: format!(
                    "unknown column header {text:?} (expected one of: {})",
                    columns.iter().map(|c| c.key).collect::<Vec<_>>().join(", ")
                ),
            }),
            // Platform exports carry columns Mitra does not need.
            None => {}
        }
    }
    for column in columns
        .iter()
        .filter(|c| c.required && !found.contains_key(c.key))
    {
        // A platform export may leave out the side; the caller supplies it.
        if column.key == "side" || column.key == "languages" && !own {
            continue;
        }
        problems.push(SheetProblem {
            place: format!("{}!{}", table.name, table.origin.0 as usize + row + 1),
            message: format!("missing column {:?} ({})", column.key, column.header()),
        });
    }
    (problems.len() == before).then_some(Header {
        row,
        columns: found,
    })
}

/// The data rows after the header, skipping blank ones, with a helper to
/// read a cell by key.
fn data_rows<'t>(table: &'t Table, header: &'t Header) -> impl Iterator<Item = Row<'t>> + 't {
    table
        .rows
        .iter()
        .enumerate()
        .skip(header.row + 1)
        .filter_map(move |(i, cells)| {
            let blank = cells
                .iter()
                .all(|c| c.as_ref().is_ok_and(|t| t.trim().is_empty()));
            (!blank).then_some(Row {
                table,
                header,
                index: i,
                cells,
            })
        })
}

struct Row<'t> {
    table: &'t Table,
    header: &'t Header,
    index: usize,
    cells: &'t [Result<String, String>],
}

impl Row<'_> {
    fn place(&self, key: &str) -> String {
        match self.header.columns.get(key) {
            Some(col) => format!("{} ({key})", self.table.place(self.index, *col)),
            None => format!(
                "{}!{} ({key})",
                self.table.name,
                self.table.origin.0 as usize + self.index + 1
            ),
        }
    }

    /// The trimmed text of a column, empty when absent.
    fn get(&self, key: &str, problems: &mut Vec<SheetProblem>) -> String {
        let Some(col) = self.header.columns.get(key) else {
            return String::new();
        };
        match self.cells.get(*col) {
            None => String::new(),
            Some(Ok(text)) => text.trim().to_string(),
            Some(Err(message)) => {
                problems.push(SheetProblem {
                    place: self.place(key),
                    message: message.clone(),
                });
                String::new()
            }
        }
    }

    fn required(&self, key: &str, problems: &mut Vec<SheetProblem>) -> Option<String> {
        let text = self.get(key, problems);
        if text.is_empty() {
            problems.push(SheetProblem {
                place: self.place(key),
                message: "empty; this column is required".into(),
            });
            None
        } else {
            Some(text)
        }
    }

    fn problem(&self, key: &str, message: impl Into<String>, problems: &mut Vec<SheetProblem>) {
        problems.push(SheetProblem {
            place: self.place(key),
            message: message.into(),
        });
    }
}

/// Items written one per line (or separated by " | "), each with optional
/// HS codes in trailing brackets: `Lada hitam ASTA [0904.11, 0904.12]`.
pub fn parse_items(text: &str) -> Result<Vec<TradeItem>, String> {
    let mut items = Vec::new();
    for line in text.split(['\n', '\r']).flat_map(|l| l.split(" | ")) {
        let line = line.trim().trim_start_matches(['-', '•', '*']).trim();
        if line.is_empty() {
            continue;
        }
        let (body, codes) = match (line.rfind('['), line.ends_with(']')) {
            (Some(open), true) => (&line[..open], Some(&line[open + 1..line.len() - 1])),
            _ => (line, None),
        };
        let mut hs = Vec::new();
        if let Some(codes) = codes {
            for raw in codes.split([',', ';']) {
                let raw = raw
                    .trim()
                    .trim_start_matches("HS")
                    .trim_start_matches("hs")
                    .trim();
                if raw.is_empty() {
                    continue;
                }
                let code = HsCode::parse(raw).map_err(|e| format!("item {line:?}: {e}"))?;
                if !hs.contains(&code) {
                    hs.push(code);
                }
            }
        }
        items.push(TradeItem::new(body.trim(), hs));
    }
    Ok(items)
}

fn lines(text: &str) -> Vec<String> {
    text.split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn list(text: &str) -> Vec<String> {
    text.split([',', ';', '\n'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// An id from a name, for platform exports that carry none: lower-case
/// ASCII letters and digits joined by '-'.
pub fn id_from_name(name: &str) -> String {
    let mut id = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            id.push(c);
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    id.trim_end_matches('-')
        .chars()
        .take(48)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

fn delegations(table: &Table, problems: &mut Vec<SheetProblem>) -> Vec<Delegation> {
    let Some(header) = header(table, DELEGATION_COLUMNS, problems) else {
        return Vec::new();
    };
    let mut out: Vec<Delegation> = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    for row in data_rows(table, &header) {
        let before = problems.len();
        let id = row
            .required("id", problems)
            .and_then(|raw| match DelegationId::parse(&raw) {
                Ok(id) => {
                    if let Some(first) = seen.insert(raw.clone(), row.place("id")) {
                        row.problem(
                            "id",
                            format!("duplicate delegation {raw:?} (first at {first})"),
                            problems,
                        );
                    }
                    Some(id)
                }
                Err(e) => {
                    row.problem("id", e.to_string(), problems);
                    None
                }
            });
        let name = row.required("name", problems);
        let country = country(&row, problems);
        let region = Some(row.get("region", problems)).filter(|r| !r.is_empty());
        let lead = Some(row.get("lead", problems)).filter(|r| !r.is_empty());
        let mut objectives = Objectives::default();
        for (key, target) in [
            ("export_products", &mut objectives.export_products),
            ("technology_sought", &mut objectives.technology_sought),
        ] {
            match parse_items(&row.get(key, problems)) {
                Ok(items) => *target = items,
                Err(e) => row.problem(key, e, problems),
            }
        }
        objectives.risks = lines(&row.get("risks", problems));
        if problems.len() > before {
            continue;
        }
        if let (Some(id), Some(name), Some(country)) = (id, name, country) {
            out.push(Delegation {
                id,
                name,
                country,
                region,
                lead: None,
                lead_name: lead,
                objectives,
                demo: false,
            });
        }
    }
    out
}

fn country(row: &Row<'_>, problems: &mut Vec<SheetProblem>) -> Option<CountryCode> {
    let raw = row.required("country", problems)?;
    CountryCode::parse(&raw.to_uppercase())
        .map_err(|e| row.problem("country", e.to_string(), problems))
        .ok()
}

/// A date as organizers write it: `2025-05-12` (also with `/` or `.`, or
/// with a time after it), `2025年5月12日`, or day and month before the
/// year where that cannot be misread (`25/05/2025`, `5/25/2025`,
/// `12.05.2025` is refused: 12 May or 5 December?).
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let raw = text.trim();
    let hint = "write the date as YYYY-MM-DD, for example 2025-05-12";
    // A time after the date ("2025-05-12 09:00", "2025-05-12T09:00:00").
    let date = raw
        .split([' ', 'T'])
        .next()
        .unwrap_or_default()
        .replace(['年', '月'], "-")
        .replace('日', "");
    let parts: Vec<&str> = date.split(['-', '/', '.']).collect();
    let numbers: Option<Vec<u32>> = parts
        .iter()
        .map(|p| {
            (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        })
        .collect();
    let (Some(numbers), 3) = (numbers, parts.len()) else {
        return Err(format!("{raw:?} is not a date; {hint}"));
    };
    let (year, month, day) = if parts[0].len() == 4 {
        (numbers[0], numbers[1], numbers[2])
    } else if parts[2].len() == 4 {
        let (a, b) = (numbers[0], numbers[1]);
        if a > 12 || a == b {
            (numbers[2], b, a)
        } else if b > 12 {
            (numbers[2], a, b)
        } else {
            return Err(format!(
                "{raw:?} can be read two ways (day or month first); {hint}"
            ));
        }
    } else {
        return Err(format!("{raw:?} has no four-digit year; {hint}"));
    };
    i32::try_from(year)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
        .ok_or_else(|| format!("{raw:?} is not a day of the calendar; {hint}"))
}

/// An optional date cell, checked against the event's days.
fn date(
    row: &Row<'_>,
    key: &str,
    event_days: Option<EventDays>,
    problems: &mut Vec<SheetProblem>,
) -> Option<NaiveDate> {
    let raw = row.get(key, problems);
    if raw.is_empty() {
        return None;
    }
    let day = parse_date(&raw)
        .map_err(|e| row.problem(key, e, problems))
        .ok()?;
    match event_days {
        Some(days) if !days.contains(day) => {
            row.problem(
                key,
                format!(
                    "{day} is outside the event's days ({} to {})",
                    days.first, days.last
                ),
                problems,
            );
            None
        }
        _ => Some(day),
    }
}

fn organizations(
    table: &Table,
    known_delegations: Option<&[&DelegationId]>,
    options: ReadOptions,
    event_days: Option<EventDays>,
    problems: &mut Vec<SheetProblem>,
) -> (Vec<Organization>, Vec<Attendance>) {
    let Some(header) = header(table, ORGANIZATION_COLUMNS, problems) else {
        return (Vec::new(), Vec::new());
    };
    let mut out = Vec::new();
    let mut attendance = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    for row in data_rows(table, &header) {
        let before = problems.len();
        let name = row.required("name", problems);
        let raw_id = match row.get("id", problems) {
            given if !given.is_empty() => given,
            _ => name.as_deref().map(id_from_name).unwrap_or_default(),
        };
        let id = match OrgId::parse(&raw_id) {
            Ok(id) => {
                if let Some(first) = seen.insert(raw_id.clone(), row.place("id")) {
                    row.problem(
                        "id",
                        format!("duplicate company {raw_id:?} (first at {first})"),
                        problems,
                    );
                }
                Some(id)
            }
            Err(e) if name.is_some() => {
                row.problem("id", e.to_string(), problems);
                None
            }
            Err(_) => None,
        };
        let side = match row.get("side", problems) {
            given if !given.is_empty() => Side::parse(&given.to_lowercase())
                .map_err(|_| {
                    row.problem(
                        "side",
                        format!("unknown side {given:?} (expected \"guest\" or \"host\")"),
                        problems,
                    )
                })
                .ok(),
            _ => match options.default_side {
                Some(side) => Some(side),
                None => {
                    row.problem(
                        "side",
                        "empty; write guest or host (or import with --side)",
                        problems,
                    );
                    None
                }
            },
        };
        let country = country(&row, problems);
        let mut languages = Vec::new();
        for raw in list(&row.get("languages", problems).replace(' ', ",")) {
            match LanguageCode::parse(&raw.to_lowercase()) {
                Ok(code) if !languages.contains(&code) => languages.push(code),
                Ok(_) => {}
                Err(e) => row.problem("languages", e.to_string(), problems),
            }
        }
        let delegation = match row.get("delegation", problems) {
            raw if raw.is_empty() => None,
            raw => match DelegationId::parse(&raw) {
                Ok(d) if known_delegations.is_some_and(|known| !known.contains(&&d)) => {
                    row.problem(
                        "delegation",
                        format!("unknown delegation {raw:?} (not in the Delegations sheet)"),
                        problems,
                    );
                    None
                }
                Ok(d) => Some(d),
                Err(e) => {
                    row.problem("delegation", e.to_string(), problems);
                    None
                }
            },
        };
        let sector = match row.get("sector", problems) {
            raw if raw.is_empty() => None,
            raw => Sector::parse(&raw.to_lowercase())
                .map_err(|e| row.problem("sector", e.to_string(), problems))
                .ok(),
        };
        let mut offers = Vec::new();
        let mut needs = Vec::new();
        for (key, target) in [("offers", &mut offers), ("needs", &mut needs)] {
            match parse_items(&row.get(key, problems)) {
                Ok(items) => *target = items,
                Err(e) => row.problem(key, e, problems),
            }
        }
        let description = Some(row.get("description", problems)).filter(|d| !d.is_empty());
        let certifications = list(&row.get("certifications", problems));
        let capacity = Some(row.get("capacity", problems)).filter(|c| !c.is_empty());
        let website = Some(row.get("website", problems)).filter(|w| !w.is_empty());
        let region = Some(row.get("region", problems)).filter(|r| !r.is_empty());
        let from = date(&row, "attending_from", event_days, problems);
        let until = date(&row, "attending_until", event_days, problems);
        if let (Some(from), Some(until)) = (from, until)
            && until < from
        {
            row.problem(
                "attending_until",
                format!("{until} is before the first day attending ({from})"),
                problems,
            );
        }
        if problems.len() > before {
            continue;
        }
        if let (Some(id), Some(name), Some(side), Some(country)) = (id, name, side, country) {
            if from.is_some() || until.is_some() {
                attendance.push(Attendance {
                    organization: id.clone(),
                    from,
                    until,
                });
            }
            out.push(Organization {
                id,
                name,
                side,
                country,
                region,
                delegation,
                sector,
                languages,
                description,
                offers,
                needs,
                certifications,
                capacity,
                website,
                demo: false,
            });
        }
    }
    (out, attendance)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shared_strings_declaration_is_read_at_least_as_leniently_as_calamine() {
        let count = |xml: &str| scan_shared_strings_head(xml.as_bytes()).unique_count;
        let sst = |xml: &str| scan_shared_strings_head(xml.as_bytes()).has_sst;
        assert_eq!(
            count(r#"<?xml version="1.0"?><sst xmlns="x" count="3" uniqueCount="2"><si>"#),
            Some(2)
        );
        assert_eq!(count("<x:sst uniqueCount = '7' >"), Some(7));
        assert_eq!(count(r#"<sst uniqueCount="+0012">"#), Some(12));
        assert_eq!(count(r#"<sst uniqueCount=34>"#), Some(34));
        assert_eq!(count(r#"<sst count="3">"#), None);
        assert_eq!(
            count(r#"<sst uniqueCount="123456789012345678901234567890">"#),
            Some(u64::MAX)
        );
        // every place a lenient reader could take it from counts
        assert_eq!(
            count(r#"<!-- <sst uniqueCount="1"> --><sst uniqueCount="99">"#),
            Some(99)
        );
        assert_eq!(
            count(r#"<sst a="x> uniqueCount='900'" uniqueCount="500">"#),
            Some(900)
        );
        // malformed heads the fuzzer wrote, whose count calamine still took
        assert_eq!(
            count(r#"<sst xmlns="m"nn ut="8" uniqueCount="11111111111111""""11/main">"#),
            Some(11_111_111_111_111)
        );
        assert_eq!(
            count(r#"<,xml version="1.0"?> <sst xmlns="m"nn uniqueCount="11111111111111""">"#),
            Some(11_111_111_111_111)
        );
        assert!(sst("<sst>") && sst("<x:sst a='1'>") && sst("<sst/>"));
        assert!(!sst("<ssts>") && !sst("<worksheet>") && !sst(""));
    }

    /// A zip archive of stored (uncompressed) files, as XLSX readers take it.
    fn stored_zip(files: &[(&str, &str)]) -> Vec<u8> {
        fn crc32(data: &[u8]) -> u32 {
            let mut crc = !0u32;
            for &b in data {
                crc ^= u32::from(b);
                for _ in 0..8 {
                    crc = if crc & 1 == 1 {
                        (crc >> 1) ^ 0xEDB8_8320
                    } else {
                        crc >> 1
                    };
                }
            }
            !crc
        }
        let (mut out, mut central) = (Vec::new(), Vec::new());
        for (name, text) in files {
            let (name, data) = (name.as_bytes(), text.as_bytes());
            let offset = out.len() as u32;
            // version, flags, method (stored), time, date, then crc and sizes
            let fields = |v: &mut Vec<u8>| {
                v.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0x21, 0]);
                v.extend_from_slice(&crc32(data).to_le_bytes());
                v.extend_from_slice(&(data.len() as u32).to_le_bytes());
                v.extend_from_slice(&(data.len() as u32).to_le_bytes());
                v.extend_from_slice(&(name.len() as u16).to_le_bytes());
                v.extend_from_slice(&[0, 0]);
            };
            out.extend_from_slice(b"PK\x03\x04");
            fields(&mut out);
            out.extend_from_slice(name);
            out.extend_from_slice(data);
            central.extend_from_slice(b"PK\x01\x02\x14\x00");
            fields(&mut central);
            // comment length, disk, internal and external attributes
            central.extend_from_slice(&[0; 10]);
            central.extend_from_slice(&offset.to_le_bytes());
            central.extend_from_slice(name);
        }
        let at = out.len() as u32;
        out.extend_from_slice(&central);
        out.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00");
        out.extend_from_slice(&(files.len() as u16).to_le_bytes());
        out.extend_from_slice(&(files.len() as u16).to_le_bytes());
        out.extend_from_slice(&(central.len() as u32).to_le_bytes());
        out.extend_from_slice(&at.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out
    }

    /// A workbook with one sheet, Organizations, holding `rows` (the XML
    /// inside `<sheetData>`).
    fn workbook(rows: &str) -> Vec<u8> {
        const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
        const DOC: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        const SHEET: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml";
        let types = format!(
            r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="{SHEET}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SHEET}.worksheet+xml"/></Types>"#
        );
        let root = format!(
            r#"<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
        );
        let book_rels = format!(
            r#"<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
        );
        let book = format!(
            r#"<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets><sheet name="Organizations" sheetId="1" r:id="rId1"/></sheets></workbook>"#
        );
        let sheet =
            format!(r#"<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>"#);
        stored_zip(&[
            ("[Content_Types].xml", &types),
            ("_rels/.rels", &root),
            ("xl/_rels/workbook.xml.rels", &book_rels),
            ("xl/workbook.xml", &book),
            ("xl/worksheets/sheet1.xml", &sheet),
        ])
    }

    fn read(rows: &str) -> Vec<SheetProblem> {
        read_registration(&workbook(rows), "r.xlsx", ReadOptions::default())
            .expect_err("the sheet has no complete header")
    }

    fn cell(at: &str, text: &str) -> String {
        format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#)
    }

    /// Found by the `registration_xlsx_xml` fuzz target: a cell reference
    /// of nine letters made calamine overflow (a panic in debug builds).
    #[test]
    fn a_workbook_that_makes_calamine_panic_is_a_problem() {
        // With a sound reference the sheet is read: its header lacks columns.
        let problems = read(&format!(r#"<row r="1">{}</row>"#, cell("B2", "name")));
        assert!(
            problems
                .iter()
                .all(|p| p.place.starts_with("Organizations!")),
            "{problems:?}"
        );
        let problems = read(&format!(
            r#"<row r="1">{}</row>"#,
            cell("ABCDEFGHI1", "name")
        ));
        assert_eq!(
            problems,
            vec![SheetProblem {
                place: "r.xlsx".into(),
                message: "not a readable XLSX workbook: its contents are malformed".into(),
            }]
        );
    }

    /// Found by the `registration_xlsx_xml` fuzz target: two cells far
    /// apart made calamine allocate the whole area between them (here 17
    /// billion cells; the process aborted).
    #[test]
    fn cells_far_apart_are_a_problem_not_a_table() {
        let rows = format!(
            r#"<row r="1">{}</row><row r="1048576">{}</row>"#,
            cell("A1", "name"),
            cell("XFD1048576", "x")
        );
        assert_eq!(
            read(&rows),
            vec![SheetProblem {
                place: "Organizations!A1:XFD1048576".into(),
                message: "the cells in use span 1048576 rows and 16384 columns; at most \
                          1000000 cells are read: delete the cells far from the table"
                    .into(),
            }]
        );
        // Where the area is small enough, the table starts at its first cell.
        let rows = format!(
            r#"<row r="3">{}{}</row><row r="7">{}</row>"#,
            cell("C3", "name"),
            cell("D3", "side"),
            cell("E7", "Kopi")
        );
        let problems = read(&rows);
        assert!(
            problems.iter().any(|p| p.place == "Organizations!3"
                && p.message.starts_with("missing column \"country\"")),
            "{problems:?}"
        );
    }
}
