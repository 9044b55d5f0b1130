//! The PDF reports checked with poppler: `pdftotext` must find the
//! language's headings in the HTML's order, the script, the "illustrative"
//! labels; `pdftoppm` must render the first page. These tests fail (they
//! do not skip) when poppler-utils or the CJK font is missing: CI installs
//! both (`.ci/run`).
#![cfg(feature = "pdf")]

use mitra_docs::locale::{Lang, table};
use mitra_docs::{
    Fonts, render_event_html, render_event_pdf, render_mission_html, render_mission_pdf,
};
use mitra_insight::fixtures::{
    empty_event_inputs, empty_mission_inputs, event_inputs, mission_inputs,
};
use mitra_insight::{build_event_report, build_mission_report};
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        Fonts::system().unwrap_or_else(|e| panic!("{e} (CI installs fonts-noto-cjk)"))
    })
}

/// A scratch folder of this test process.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mitra-docs-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn run(program: &str, args: &[&str]) -> std::process::Output {
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
    out
}

/// The text poppler reads from the PDF, whitespace collapsed.
fn pdf_text(pdf: &[u8], name: &str) -> String {
    let path = scratch(&format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    let out = run("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]);
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Renders page 1 at 50 dpi and checks the PNG.
fn renders_page_one(pdf: &[u8], name: &str) {
    let path = scratch(&format!("{name}-img.pdf"));
    std::fs::write(&path, pdf).unwrap();
    let prefix = scratch(&format!("{name}-page"));
    run(
        "pdftoppm",
        &[
            "-r",
            "50",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            path.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let png = std::fs::read(prefix.with_extension("png")).expect("pdftoppm wrote the page");
    assert!(png.starts_with(b"\x89PNG"), "{name}: not a PNG");
    assert!(
        png.len() > 2000,
        "{name}: page 1 is blank ({} bytes)",
        png.len()
    );
}

/// The `h2` and `h3` headings of an HTML report, in order, as plain text.
fn html_headings(html: &[u8]) -> Vec<String> {
    let html = String::from_utf8_lossy(html);
    let mut found = Vec::new();
    for (i, _) in html.match_indices("<h") {
        let rest = &html[i + 2..];
        if rest.starts_with("2>") || rest.starts_with("3>") {
            let inner = &rest[2..rest.find("</h").unwrap()];
            found.push(inner.replace("&amp;", "&").replace("&#39;", "'"));
        }
    }
    found
}

/// Every heading of the HTML appears in the PDF text, in the same order.
fn same_sections(html: &[u8], text: &str, what: &str) {
    let mut at = 0;
    for h in html_headings(html) {
        let h = h.split_whitespace().collect::<Vec<_>>().join(" ");
        match text[at..].find(&h) {
            Some(i) => at += i + h.len(),
            None => panic!("{what}: heading {h:?} missing or out of order"),
        }
    }
}

/// How many Chinese characters the text has (names of Chinese companies
/// appear in every language; the Chinese report is written in them).
fn chinese(text: &str) -> usize {
    text.chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count()
}

#[test]
fn mission_pdf_in_three_languages_has_the_sections_script_and_labels() {
    let report = build_mission_report(&mission_inputs());
    let mut counts = Vec::new();
    for (lang, heading) in [
        (Lang::En, "Executive summary"),
        (Lang::Id, "PENDAHULUAN"),
        (Lang::Zh, "基本情况"),
    ] {
        let pdf = render_mission_pdf(&report, lang, fonts()).expect("PDF");
        assert!(pdf.starts_with(b"%PDF-"));
        let name = format!("mission-{}", lang.code());
        let text = pdf_text(&pdf, &name);
        assert!(text.contains(heading), "{lang:?}: no {heading:?}");
        same_sections(&render_mission_html(&report, lang), &text, &name);
        let label = &table(lang)["doc.illustrative"];
        assert!(
            text.matches(label.as_str()).count() > 20,
            "{lang:?}: illustrative label {label:?} missing"
        );
        assert!(!text.contains("[["), "{lang:?}: missing message key");
        counts.push(chinese(&text));
        // User text comes through as written.
        assert!(text.contains("Kopi Tanggamus Jaya <demo>"), "{lang:?}");
        renders_page_one(&pdf, &name);
    }
    let [en, id, zh] = counts[..] else { panic!() };
    assert!(zh > 1000 && zh > 5 * en && zh > 5 * id, "{counts:?}");
}

#[test]
fn event_pdf_in_three_languages_has_the_sections() {
    let report = build_event_report(&event_inputs());
    let mut counts = Vec::new();
    for lang in Lang::ALL {
        let pdf = render_event_pdf(&report, lang, fonts()).expect("PDF");
        let name = format!("event-{}", lang.code());
        let text = pdf_text(&pdf, &name);
        same_sections(&render_event_html(&report, lang), &text, &name);
        counts.push(chinese(&text));
        renders_page_one(&pdf, &name);
    }
    assert!(counts[2] > 3 * counts[0].max(counts[1]), "{counts:?}");
    let zh = pdf_text(
        &render_event_pdf(&report, Lang::Zh, fonts()).unwrap(),
        "event-zh2",
    );
    assert!(zh.contains("二、参会情况") && zh.contains("友好城市企业对接洽谈会"));
}

#[test]
fn empty_reports_render_and_say_so() {
    let mission = build_mission_report(&empty_mission_inputs());
    let event = build_event_report(&empty_event_inputs());
    for lang in Lang::ALL {
        let m = render_mission_pdf(&mission, lang, fonts()).expect("PDF");
        let text = pdf_text(&m, &format!("empty-mission-{}", lang.code()));
        same_sections(&render_mission_html(&mission, lang), &text, "empty mission");
        renders_page_one(&m, &format!("empty-mission-{}", lang.code()));
        let e = render_event_pdf(&event, lang, fonts()).expect("PDF");
        let text = pdf_text(&e, &format!("empty-event-{}", lang.code()));
        same_sections(&render_event_html(&event, lang), &text, "empty event");
    }
    let text = pdf_text(
        &render_event_pdf(&event, Lang::Id, fonts()).unwrap(),
        "empty-event-id2",
    );
    assert!(text.contains("Belum ada peserta terdaftar."));
}

#[test]
fn pdf_rendering_is_deterministic() {
    let mission = build_mission_report(&mission_inputs());
    for lang in Lang::ALL {
        let a = render_mission_pdf(&mission, lang, fonts()).unwrap();
        let b =
            render_mission_pdf(&build_mission_report(&mission_inputs()), lang, fonts()).unwrap();
        assert!(a == b, "{lang:?}: two renders differ");
    }
    let event = build_event_report(&event_inputs());
    assert!(
        render_event_pdf(&event, Lang::En, fonts()).unwrap()
            == render_event_pdf(&event, Lang::En, fonts()).unwrap()
    );
    let pdf = render_mission_pdf(&mission, Lang::En, fonts()).unwrap();
    let raw = String::from_utf8_lossy(&pdf);
    assert!(!raw.contains("/CreationDate") && !raw.contains("/ModDate"));
}

#[test]
fn a_missing_font_is_a_clear_error() {
    let nowhere = scratch("no-fonts-here");
    std::fs::create_dir_all(&nowhere).unwrap();
    let err = Fonts::find(None, Some(nowhere.clone())).unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with(
            "no CJK font found; install Debian's fonts-noto-cjk or set MITRA_CJK_FONT"
        ),
        "{message}"
    );
    assert!(message.contains(nowhere.to_str().unwrap()));
    let err = Fonts::find(Some(nowhere.join("missing.ttc")), None).unwrap_err();
    assert!(err.to_string().contains("missing.ttc"), "{err}");
}
