//! The paper documents as print-styled, self-contained HTML.

use super::format::{AgendaView, BadgesView, PlanView, TentsView};
use super::{Agenda, Badge, PaperError, PaperEvent, TablePlan, TableTent};
use crate::html::escape;
use crate::locale::Lang;
use std::fmt::Write;

const FONTS: &str = "system-ui,-apple-system,'Segoe UI','Noto Sans','Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif";

/// Rules shared by the portrait documents (agenda, table plan).
const SHEET_CSS: &str = "\
@page{size:A4;margin:14mm 14mm 16mm}
*{box-sizing:border-box}
body{color:#1d2733;max-width:60rem;margin:0 auto;padding:1.5rem;line-height:1.4;font-size:11pt}
h1{font-size:1.6rem;margin:0 0 .2rem}
h2{font-size:1.15rem;margin:1.2rem 0 .3rem;border-bottom:2px solid #1f5f8b;padding-bottom:.15rem}
.event{font-size:1.05rem;font-weight:600;margin:0}
.venue{color:#4a5a6a;margin:0 0 .8rem}
.demo{border:2px solid #b45309;background:#fff7ed;color:#9a3412;padding:.4rem .7rem;font-weight:700;margin:.5rem 0 1rem}
table{border-collapse:collapse;width:100%;margin:.3rem 0 .8rem}
th,td{border:1px solid #c8d1da;padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#eef3f7;font-size:.9em}
td.tbl{font-weight:700;white-space:nowrap}
td.time{white-space:nowrap}
.note{font-size:.85rem;color:#4a5a6a;margin:.2rem 0}
.empty{color:#6b7785;font-style:italic}
@media print{body{max-width:none;padding:0;font-size:10pt}tr{break-inside:avoid}h2{break-after:avoid}.demo{border-width:1px}}
";

const AGENDA_CSS: &str = "\
.person{display:flex;justify-content:space-between;align-items:flex-start;gap:1rem;margin:.6rem 0}
.name{font-size:1.45rem;font-weight:700;margin:0 0 .2rem}
.facts{display:grid;grid-template-columns:max-content auto;gap:.1rem .8rem;margin:0}
.facts dt{color:#4a5a6a}.facts dd{margin:0}
.qrbox{width:34mm;text-align:center;font-size:.75rem;color:#4a5a6a;flex:none}
.qrbox p{margin:.2rem 0 0}
";

const PLAN_CSS: &str = "\
.slot-head{color:#4a5a6a;font-size:.9rem;margin:0}
.slot h2{font-size:2rem;border:0;margin:.2rem 0 0}
.slot .sub{font-size:1.05rem;margin:0 0 .5rem}
.slot td{font-size:13pt;padding:.4rem .5rem}
.slot td.tbl{font-size:16pt}
.slot+.slot{margin-top:2.5rem}
@media print{.slot+.slot{break-before:page;margin-top:0}}
";

const TENT_CSS: &str = "\
@page{size:A4 landscape;margin:0}
*{box-sizing:border-box}
body{margin:0;color:#1d2733}
.tent{width:297mm;height:210mm;margin:0 auto;overflow:hidden;break-after:page;page-break-after:always}
.half{height:105mm;display:flex;flex-direction:column;align-items:center;justify-content:center;text-align:center;padding:6mm 12mm;position:relative}
.half.up{transform:rotate(180deg)}
.half.down{border-top:.3mm dashed #8a96a3}
.tno{font-size:60pt;font-weight:700;line-height:1.1;margin:0}
.host{font-size:26pt;font-weight:600;margin:3mm 0 0}
.langs{font-size:14pt;color:#4a5a6a;margin:3mm 0 0}
.tevent{font-size:9pt;color:#4a5a6a;position:absolute;bottom:5mm;left:0;right:0;margin:0}
.mark{position:absolute;top:5mm;right:8mm;margin:0;border:.5mm solid #b45309;color:#9a3412;font-weight:700;padding:0 2mm}
.fold{position:absolute;top:1mm;left:4mm;margin:0;font-size:7pt;color:#8a96a3}
.empty{padding:2rem;font-style:italic;color:#6b7785}
@media screen{body{background:#e5e9ee}.tent{background:#fff;margin:1rem auto}}
@media print{.tent{margin:0}.mark{border-width:.3mm}}
";

const BADGE_CSS: &str = "\
@page{size:A4;margin:0}
*{box-sizing:border-box}
body{margin:0;color:#1d2733}
.sheet{width:210mm;height:297mm;margin:0 auto;display:grid;grid-template-columns:repeat(2,90mm);grid-auto-rows:55mm;justify-content:center;align-content:center;break-after:page;page-break-after:always}
.badge{width:90mm;height:55mm;outline:.2mm dashed #9aa5b1;overflow:hidden;display:flex;flex-direction:column}
.band{height:8mm;color:#fff;font-weight:700;font-size:10pt;padding:0 3mm;display:flex;align-items:center;justify-content:space-between;flex:none}
.mark{background:#fff;color:#9a3412;border-radius:1mm;padding:0 1.5mm;font-size:8pt}
.bbody{display:flex;flex:1;min-height:0;padding:1.5mm 2mm 1.5mm 3mm;gap:1mm}
.who{flex:1;min-width:0;overflow:hidden;display:flex;flex-direction:column}
.bname{font-size:15pt;font-weight:700;line-height:1.15;margin:0 0 1mm;overflow-wrap:anywhere}
.bname.long{font-size:12.5pt}.bname.longer{font-size:10.5pt}
.org{font-size:9pt;line-height:1.2;margin:0 0 .8mm}
.meta{font-size:8pt;color:#4a5a6a;margin:0}
.bevent{font-size:5.5pt;line-height:1.2;color:#4a5a6a;margin:auto 0 0}
.qr{flex:none;width:37mm;height:37mm;align-self:center}
.empty{padding:2rem;font-style:italic;color:#6b7785}
@media screen{body{background:#e5e9ee}.sheet{background:#fff;margin:1rem auto}}
@media print{.sheet{margin:0}.band{-webkit-print-color-adjust:exact}}
";

/// A whole page: doctype, language, inline CSS (the fonts first), title.
fn page(lang: Lang, title: &str, css: &[&str], body: &str) -> String {
    let mut style = format!("body{{font-family:{FONTS}}}\n");
    for c in css {
        style.push_str(c);
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"Mitra\">\n<title>{}</title>\n<style>\n{style}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        lang.tag(),
        escape(title)
    )
}

/// A table: headings, rows of plain text; `classes` names each column's
/// cells (`"tbl"`, `"time"` or `""`).
fn table(head: &[String], rows: &[Vec<String>], classes: &[&str]) -> String {
    let mut out = String::from("<table>\n<thead><tr>");
    for h in head {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            match classes.get(i).copied().unwrap_or("") {
                "" => {
                    let _ = write!(out, "<td>{}</td>", escape(cell));
                }
                class => {
                    let _ = write!(out, "<td class=\"{class}\">{}</td>", escape(cell));
                }
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

fn demo_banner(out: &mut String, demo: &Option<String>) {
    if let Some(d) = demo {
        let _ = writeln!(out, "<p class=\"demo\">{}</p>", escape(d));
    }
}

/// A person's agenda as HTML: who they are, the check-in code, and their
/// meetings by day with table, partner, languages and interpreter; event
/// time first, the reader's own time beside it when their zone differs.
pub fn render_agenda_html(agenda: &Agenda, lang: Lang) -> Result<String, PaperError> {
    let v = AgendaView::new(agenda, lang)?;
    let mut b = String::new();
    demo_banner(&mut b, &v.demo);
    let _ = writeln!(b, "<h1>{}</h1>", escape(&v.title));
    let _ = writeln!(b, "<p class=\"event\">{}</p>", escape(&v.event));
    let _ = writeln!(b, "<p class=\"venue\">{}</p>", escape(&v.venue));
    b.push_str("<div class=\"person\">\n<div>\n");
    let _ = writeln!(b, "<p class=\"name\">{}</p>", escape(&v.person));
    b.push_str("<dl class=\"facts\">");
    for (k, val) in &v.facts {
        let _ = write!(b, "<dt>{}</dt><dd>{}</dd>", escape(k), escape(val));
    }
    b.push_str("</dl>\n</div>\n");
    if let Some(qr) = &v.qr {
        let _ = writeln!(
            b,
            "<div class=\"qrbox\">{}<p>{}</p></div>",
            qr.svg("34mm", &v.qr_caption),
            escape(&v.qr_caption)
        );
    }
    b.push_str("</div>\n");
    for note in &v.notes {
        let _ = writeln!(b, "<p class=\"note\">{}</p>", escape(note));
    }
    let mut classes = vec!["time"];
    if v.head.len() == 7 {
        classes.push("time");
    }
    classes.push("tbl");
    for (day, rows) in &v.days {
        let _ = writeln!(b, "<h2>{}</h2>", escape(day));
        b.push_str(&table(&v.head, rows, &classes));
    }
    if let Some(e) = &v.empty {
        let _ = writeln!(b, "<p class=\"empty\">{}</p>", escape(e));
    }
    let title = format!("{} \u{b7} {}", v.title, v.footer);
    Ok(page(lang, &title, &[SHEET_CSS, AGENDA_CSS], &b))
}

/// The table plan as HTML: one section per slot (a page each in print),
/// tables in number order with guest, host, interpreter and languages.
pub fn render_table_plan_html(plan: &TablePlan, lang: Lang) -> String {
    let v = PlanView::new(plan, lang);
    let mut b = String::new();
    demo_banner(&mut b, &v.demo);
    let _ = writeln!(b, "<h1>{}</h1>", escape(&v.title));
    let _ = writeln!(b, "<p class=\"event\">{}</p>", escape(&v.event));
    let _ = writeln!(b, "<p class=\"venue\">{}</p>", escape(&v.venue));
    let _ = writeln!(b, "<p class=\"note\">{}</p>", escape(&v.note));
    for (i, slot) in v.slots.iter().enumerate() {
        let _ = writeln!(b, "<section class=\"slot\" id=\"slot-{}\">", i + 1);
        if i > 0 {
            let _ = writeln!(
                b,
                "<p class=\"slot-head\">{} \u{b7} {}</p>",
                escape(&v.title),
                escape(&v.event)
            );
        }
        let _ = writeln!(b, "<h2>{}</h2>", escape(&slot.time));
        let _ = writeln!(b, "<p class=\"sub\">{}</p>", escape(&slot.sub));
        if let Some(e) = &slot.empty {
            let _ = writeln!(b, "<p class=\"empty\">{}</p>", escape(e));
        } else {
            b.push_str(&table(&v.head, &slot.rows, &["tbl"]));
        }
        b.push_str("</section>\n");
    }
    if let Some(e) = &v.empty {
        let _ = writeln!(b, "<p class=\"empty\">{}</p>", escape(e));
    }
    let title = format!("{} \u{b7} {}", v.title, v.event);
    page(lang, &title, &[SHEET_CSS, PLAN_CSS], &b)
}

/// Table tents as HTML: one A4 landscape page per table, folded in the
/// middle; the upper half is turned 180° so that both sides read upright
/// when the tent stands.
pub fn render_table_tents_html(event: &PaperEvent, tents: &[TableTent], lang: Lang) -> String {
    let v = TentsView::new(event, tents, lang);
    let mut b = String::new();
    for tent in &v.tents {
        b.push_str("<div class=\"tent\">\n");
        for half in ["up", "down"] {
            let _ = writeln!(b, "<div class=\"half {half}\">");
            if half == "down" {
                let _ = writeln!(b, "<p class=\"fold\">{}</p>", escape(&v.fold));
            }
            if let Some(mark) = &tent.demo {
                let _ = writeln!(b, "<p class=\"mark\">{}</p>", escape(mark));
            }
            let _ = writeln!(b, "<p class=\"tno\">{}</p>", escape(&tent.table));
            let _ = writeln!(b, "<p class=\"host\">{}</p>", escape(&tent.host));
            if !tent.languages.is_empty() {
                let _ = writeln!(b, "<p class=\"langs\">{}</p>", escape(&tent.languages));
            }
            let _ = writeln!(b, "<p class=\"tevent\">{}</p>", escape(&tent.event));
            b.push_str("</div>\n");
        }
        b.push_str("</div>\n");
    }
    if let Some(e) = &v.empty {
        let _ = writeln!(b, "<p class=\"empty\">{}</p>", escape(e));
    }
    page(lang, &v.title, &[TENT_CSS], &b)
}

/// A smaller type for long names, since CSS cannot shrink text to fit:
/// by width in Latin letters (a Chinese character counts two).
fn name_class(name: &str) -> &'static str {
    let width: usize = name
        .chars()
        .map(|c| if c.len_utf8() >= 3 { 2 } else { 1 })
        .sum();
    match width {
        0..=16 => "",
        17..=26 => " long",
        _ => " longer",
    }
}

/// Badges as HTML: 2 × 4 badges of 90 × 55 mm per A4 sheet, outlined for
/// cutting, each with its role band, name, organization, country,
/// delegation and its check-in QR code as inline SVG.
pub fn render_badges_html(
    event: &PaperEvent,
    badges: &[Badge],
    lang: Lang,
) -> Result<String, PaperError> {
    let v = BadgesView::new(event, badges, lang)?;
    let mut b = String::new();
    for sheet in v.badges.chunks(8) {
        b.push_str("<div class=\"sheet\">\n");
        for badge in sheet {
            b.push_str("<div class=\"badge\">\n");
            let _ = write!(
                b,
                "<div class=\"band\" style=\"background:{}\"><span>{}</span>",
                badge.band.css(),
                escape(&badge.role)
            );
            if let Some(mark) = &badge.demo {
                let _ = write!(b, "<span class=\"mark\">{}</span>", escape(mark));
            }
            b.push_str("</div>\n<div class=\"bbody\">\n<div class=\"who\">\n");
            let _ = writeln!(
                b,
                "<p class=\"bname{}\">{}</p>",
                name_class(&badge.name),
                escape(&badge.name)
            );
            let _ = writeln!(b, "<p class=\"org\">{}</p>", escape(&badge.organization));
            let _ = writeln!(b, "<p class=\"meta\">{}</p>", escape(&badge.country));
            if let Some(d) = &badge.delegation {
                let _ = writeln!(b, "<p class=\"meta\">{}</p>", escape(d));
            }
            let _ = writeln!(b, "<p class=\"bevent\">{}</p>", escape(&badge.event));
            b.push_str("</div>\n");
            b.push_str(&badge.qr.svg("37mm", &v.qr_caption));
            b.push_str("\n</div>\n</div>\n");
        }
        b.push_str("</div>\n");
    }
    if let Some(e) = &v.empty {
        let _ = writeln!(b, "<p class=\"empty\">{}</p>", escape(e));
    }
    Ok(page(lang, &v.title, &[BADGE_CSS], &b))
}
