//! HTML building blocks: escaping, the page shell with its inline CSS,
//! tables, and SVG bar charts.

use std::fmt::Write;

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = "\
@page{size:A4;margin:18mm 16mm}
body{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans','Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;color:#1d2733;max-width:60rem;margin:0 auto;padding:1.5rem;line-height:1.5;font-size:11pt}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:2px solid #1f5f8b;padding-bottom:.2rem}h3{font-size:1.05rem;margin-top:1.4rem}h4{font-size:1rem;margin:1rem 0 .3rem}
.subtitle{color:#4a5a6a;margin:0 0 1rem}
.banner{border:2px solid #b45309;background:#fff7ed;padding:.5rem .8rem;margin:1rem 0;font-weight:600}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.92em}
th,td{border:1px solid #c8d1da;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#eef3f7}td.num{text-align:right;white-space:nowrap}
.illus{font-size:.75em;font-variant:small-caps;color:#9a3412;border:1px solid #fdba74;border-radius:3px;padding:0 .2em;white-space:nowrap}
.src{font-size:.8em;color:#4a5a6a}
.empty{color:#6b7785;font-style:italic}
.needs{color:#7c2d12}
.evidence{font-size:.85em;color:#4a5a6a}
.rule{font-size:.8em;color:#1f5f8b;font-weight:600}
figure{margin:.5rem 0 1rem}figcaption{font-size:.9em;color:#4a5a6a}
svg text{font-family:inherit;font-size:12px;fill:#1d2733}
a{color:#1f5f8b}
@media print{body{max-width:none;padding:0;font-size:10pt}a{color:inherit;text-decoration:none}h2,h3{break-after:avoid}tr,figure,li{break-inside:avoid}.banner{border-width:1px}}
";

/// A whole page: doctype, `<html lang>`, inline CSS, title, body.
pub fn page(lang_tag: &str, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang_tag}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"Mitra\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    )
}

/// One row: its anchor, and cells as (numeric, HTML).
type Row = (Option<String>, Vec<(bool, String)>);

/// A table from header cells and rows of cells, all already HTML; numeric
/// cells are right-aligned, and a row may carry an anchor id.
pub struct Table {
    head: Vec<String>,
    rows: Vec<Row>,
}

impl Table {
    pub fn new(head: Vec<String>) -> Table {
        Table {
            head,
            rows: Vec::new(),
        }
    }

    /// Adds a row; `id` anchors it.
    pub fn row(&mut self, id: Option<&str>, cells: Vec<Cell>) {
        self.rows.push((
            id.map(str::to_string),
            cells.into_iter().map(|c| (c.numeric, c.html)).collect(),
        ));
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn html(&self) -> String {
        let mut out = String::from("<table>\n<thead><tr>");
        for h in &self.head {
            let _ = write!(out, "<th>{h}</th>");
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for (id, cells) in &self.rows {
            match id {
                Some(id) => {
                    let _ = write!(out, "<tr id=\"{}\">", escape(id));
                }
                None => out.push_str("<tr>"),
            }
            for (numeric, html) in cells {
                if *numeric {
                    let _ = write!(out, "<td class=\"num\">{html}</td>");
                } else {
                    let _ = write!(out, "<td>{html}</td>");
                }
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
        out
    }
}

/// A table cell.
pub struct Cell {
    numeric: bool,
    html: String,
}

/// A text cell (HTML).
pub fn cell(html: impl Into<String>) -> Cell {
    Cell {
        numeric: false,
        html: html.into(),
    }
}

/// A numeric cell (HTML), right-aligned.
pub fn num(html: impl Into<String>) -> Cell {
    Cell {
        numeric: true,
        html: html.into(),
    }
}

/// One bar: its label (plain text), its value, and the value as shown.
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub shown: String,
}

/// A horizontal bar chart as inline SVG. Labels are plain text; `shown`
/// is plain text too (no markup inside SVG text).
pub fn bar_chart(title: &str, caption_html: &str, bars: &[Bar]) -> String {
    let row = 26.0;
    let label_width = 230.0;
    let bar_space = 330.0;
    let width = label_width + bar_space + 90.0;
    let height = row * bars.len() as f64 + 10.0;
    let max = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let mut svg = format!(
        "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\">\n<title>{}</title>\n",
        escape(title)
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = 5.0 + row * i as f64;
        let length = if max > 0.0 {
            bar_space * bar.value / max
        } else {
            0.0
        };
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\n<rect x=\"{label_width:.1}\" y=\"{:.1}\" width=\"{length:.1}\" height=\"{:.1}\" fill=\"#1f5f8b\"></rect>\n<text x=\"{:.1}\" y=\"{:.1}\">{}</text>\n",
            label_width - 8.0,
            y + 17.0,
            escape(&bar.label),
            y + 4.0,
            row - 8.0,
            label_width + length + 6.0,
            y + 17.0,
            escape(&bar.shown),
        );
    }
    let _ = write!(
        svg,
        "</svg>\n<figcaption>{caption_html}</figcaption>\n</figure>\n"
    );
    svg
}
