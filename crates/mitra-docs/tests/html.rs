//! Snapshot-free checks of the rendered reports: structure, language,
//! links, labels, escaping, determinism, and the message tables.

use mitra_docs::locale::{Lang, parse_table, table};
use mitra_docs::{render_event_html, render_mission_html};
use mitra_insight::fixtures::{
    empty_event_inputs, empty_mission_inputs, event_inputs, mission_inputs,
};
use mitra_insight::{MESSAGE_KEYS, build_event_report, build_mission_report, vocabularies};
use std::collections::{BTreeMap, BTreeSet};

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).expect("UTF-8")
}

fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!("{attr}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

/// A small structural validator: balanced tags, known void elements,
/// no block element inside a paragraph, list items in lists, cells in rows.
fn check_structure(html: &str) {
    const VOID: &[&str] = &["meta", "br", "link", "img", "hr", "input"];
    const BLOCK: &[&str] = &[
        "p", "ul", "ol", "table", "div", "h1", "h2", "h3", "h4", "figure", "header", "main",
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
            _ => {}
        }
        if !VOID.contains(&name.as_str()) {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
}

fn body(html: &str) -> &str {
    &html[html.find("<body>").unwrap()..]
}

/// Checks shared by every rendered document.
fn check_document(html: &str, lang: Lang) {
    assert!(html.starts_with("<!DOCTYPE html>\n"));
    assert!(html.contains(&format!("<html lang=\"{}\">", lang.tag())));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(!html.contains("<script"), "no scripts");
    assert!(
        !html.contains("http://")
            || html.matches("http://").count()
                == html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count(),
        "no external resources"
    );
    check_structure(html);
    let b = body(html);
    assert!(
        !b.contains("[["),
        "missing message key: {}",
        &b[b.find("[[").unwrap()..][..60]
    );
    assert!(!b.contains('{'), "unfilled placeholder");
    let ids = attr_values(html, "id");
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids");
    for href in attr_values(html, "href") {
        let target = href.strip_prefix('#').expect("only internal links");
        assert!(
            unique.contains(&target.to_string()),
            "link to missing #{target}"
        );
    }
    // Every illustrative figure carries its visible label.
    for (i, _) in html.match_indices("data-provenance=\"illustrative\"") {
        let span = &html[i..html[i..].find("</span></span>").unwrap() + i];
        assert!(
            span.contains("class=\"illus\""),
            "unlabelled illustrative figure"
        );
    }
    // Every figure shows where it comes from.
    for (i, _) in html.match_indices("class=\"fig\"") {
        let head = &html[i..i + 60];
        assert!(
            head.contains("data-provenance=\""),
            "figure without provenance"
        );
    }
}

fn headings(html: &str) -> Vec<String> {
    let mut found: Vec<(usize, String)> = Vec::new();
    for open in ["<h2>", "<h3>"] {
        for (i, _) in html.match_indices(open) {
            let rest = &html[i + open.len()..];
            found.push((i, rest[..rest.find('<').unwrap()].to_string()));
        }
    }
    found.sort();
    found.into_iter().map(|(_, h)| h).collect()
}

fn expected_headings(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::En => &[
            "Executive summary",
            "2. Activities",
            "3. Results",
            "4. Analysis of potential",
            "5. Cooperation opportunities",
            "6. Strategic recommendations",
            "Annex A. Meetings and outcomes",
        ],
        Lang::Id => &[
            "I. PENDAHULUAN",
            "A. Latar Belakang",
            "B. Maksud dan Tujuan",
            "C. Ruang Lingkup",
            "II. PELAKSANAAN",
            "A. Waktu dan Tempat",
            "B. Susunan Delegasi",
            "C. Agenda",
            "III. HASIL KUNJUNGAN",
            "IV. ANALISIS",
            "V. REKOMENDASI DAN TINDAK LANJUT",
            "VI. PENUTUP",
            "LAMPIRAN",
        ],
        Lang::Zh => &[
            "一、基本情况",
            "二、主要活动",
            "三、成果",
            "四、分析",
            "五、建议",
            "六、附件",
        ],
    }
}

#[test]
fn mission_reports_have_each_languages_form_and_hold_together() {
    for (name, inputs) in [
        ("full", mission_inputs()),
        ("empty", empty_mission_inputs()),
    ] {
        let report = build_mission_report(&inputs);
        for lang in Lang::ALL {
            let html = text(render_mission_html(&report, lang));
            check_document(&html, lang);
            let found = headings(&html);
            let mut position = 0;
            for expected in expected_headings(lang) {
                let at = found.iter().position(|h| h == expected).unwrap_or_else(|| {
                    panic!("{name} {lang:?}: no heading {expected:?} in {found:?}")
                });
                assert!(at >= position, "{lang:?}: {expected:?} out of order");
                position = at;
            }
            if lang == Lang::En {
                assert_eq!(
                    found[0], "Executive summary",
                    "English starts with the summary"
                );
            }
            // Every anchor of the content model is in the document.
            let ids: BTreeSet<String> = attr_values(&html, "id").into_iter().collect();
            for anchor in report.anchors() {
                assert!(
                    ids.contains(&anchor),
                    "{name} {lang:?}: anchor {anchor} not rendered"
                );
            }
            // Every recommendation is an item that links to its evidence.
            for rec in &report.recommendations {
                let at = html.find(&format!("<li id=\"{}\">", rec.anchor)).unwrap();
                let item = &html[at..at + html[at..].find("</li>").unwrap()];
                for e in &rec.evidence {
                    assert!(
                        item.contains(&format!("href=\"#{e}\"")),
                        "{} lacks link to {e}",
                        rec.anchor
                    );
                }
            }
        }
    }
}

#[test]
fn illustrative_figures_are_labelled_in_every_language() {
    let report = build_mission_report(&mission_inputs());
    for (lang, label) in [
        (Lang::En, "illustrative"),
        (Lang::Id, "ilustratif"),
        (Lang::Zh, "示意数据"),
    ] {
        let html = text(render_mission_html(&report, lang));
        let figures = html.matches("data-provenance=\"illustrative\"").count();
        assert!(figures > 20, "{lang:?}: {figures}");
        assert!(
            html.matches(&format!("<span class=\"illus\">{label}</span>"))
                .count()
                >= figures
        );
        assert!(html.contains("class=\"banner\""));
        assert!(html.contains("data-provenance=\"published\""));
    }
    // Without trade data there is nothing illustrative to label.
    let empty = build_mission_report(&empty_mission_inputs());
    let html = text(render_mission_html(&empty, Lang::En));
    assert_eq!(html.matches("data-provenance=\"illustrative\"").count(), 0);
    assert!(html.contains("No trade-flow data is loaded"));
    assert!(html.contains("No business meetings yet") || html.contains("no business meetings yet"));
}

#[test]
fn event_reports_render_in_three_languages() {
    for inputs in [event_inputs(), empty_event_inputs()] {
        let report = build_event_report(&inputs);
        for lang in Lang::ALL {
            let html = text(render_event_html(&report, lang));
            check_document(&html, lang);
        }
    }
    let full = text(render_event_html(
        &build_event_report(&event_inputs()),
        Lang::Zh,
    ));
    assert!(
        full.contains("<svg")
            && full.contains("二、参会情况")
            && full.contains("友好城市企业对接洽谈会")
    );
    let empty = text(render_event_html(
        &build_event_report(&empty_event_inputs()),
        Lang::Id,
    ));
    assert!(empty.contains("Belum ada peserta terdaftar."));
    assert!(!empty.contains("<svg"));
}

#[test]
fn user_text_is_escaped() {
    let report = build_mission_report(&mission_inputs());
    let html = text(render_mission_html(&report, Lang::En));
    assert!(html.contains("Kopi Tanggamus Jaya &lt;demo&gt;"));
    assert!(!html.contains("<demo>"));
    assert!(html.contains("Send 5 kg samples &lt;by June&gt;"));
}

#[test]
fn numbers_and_dates_follow_the_language() {
    let report = build_mission_report(&mission_inputs());
    let en = text(render_mission_html(&report, Lang::En));
    let id = text(render_mission_html(&report, Lang::Id));
    let zh = text(render_mission_html(&report, Lang::Zh));
    assert!(en.contains("120,000&nbsp;USD") && en.contains("27 May 2025"));
    assert!(id.contains("120.000&nbsp;USD") && id.contains("27 Mei 2025"));
    assert!(zh.contains("120,000&nbsp;USD") && zh.contains("2025年5月27日"));
}

#[test]
fn rendering_is_deterministic() {
    let report = build_mission_report(&mission_inputs());
    for lang in Lang::ALL {
        assert_eq!(
            render_mission_html(&report, lang),
            render_mission_html(&build_mission_report(&mission_inputs()), lang)
        );
    }
}

fn placeholders(template: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        let end = rest[i..].find('}').map_or(rest.len(), |e| e + i);
        out.insert(rest[i + 1..end].to_string());
        rest = &rest[(end + 1).min(rest.len())..];
    }
    out
}

#[test]
fn message_tables_are_complete_and_agree() {
    let en = table(Lang::En);
    for key in MESSAGE_KEYS {
        assert!(en.contains_key(*key), "en lacks {key}");
    }
    for (vocabulary, values) in vocabularies() {
        for v in values {
            let key = format!("term.{vocabulary}.{v}");
            assert!(en.contains_key(&key), "en lacks {key}");
        }
    }
    for lang in [Lang::Id, Lang::Zh] {
        let other = table(lang);
        let a: BTreeSet<&String> = en.keys().collect();
        let b: BTreeSet<&String> = other.keys().collect();
        assert_eq!(a, b, "{lang:?} keys differ from en");
        for (key, template) in en.iter() {
            assert_eq!(
                placeholders(template),
                placeholders(&other[key]),
                "{lang:?} {key}: placeholders differ"
            );
        }
    }
    let parsed: BTreeMap<String, String> = parse_table("# c\na.b = x {y}\n\nbad line\n")
        .into_iter()
        .collect();
    assert_eq!(parsed.len(), 1);
}
