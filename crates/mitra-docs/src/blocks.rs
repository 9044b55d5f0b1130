//! The reports as a sequence of layout blocks (headings, paragraphs, lists,
//! tables, bar charts), read back from the HTML the renderers produce.
//!
//! The section structure of each report and language is written once, in
//! the HTML renderers ([`crate::mission`], [`crate::event`]); the PDF walks
//! the same structure through these blocks, so both forms always carry the
//! same content in the same order. The HTML is our own, a small subset
//! that the HTML tests keep well formed, so the reader here only knows
//! that subset: `h1`–`h4`, `p` (classes `subtitle`, `banner`, `empty`,
//! `needs`, `src`), `ul`/`ol`/`li`, `table` with `th`/`td` (class `num`),
//! `figure` with the SVG bar chart of [`crate::html::bar_chart`] and a
//! `figcaption`, and inline `span`, `strong`, `em`, `a href="#…"`, `br`;
//! `id` attributes become anchors that links point to.

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    pub bold: bool,
    /// Smaller than the surrounding text (sources, labels, evidence).
    pub small: bool,
    pub tone: Tone,
}

/// The colour role of a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tone {
    #[default]
    Normal,
    /// Secondary text: sources, evidence, empty-section notes.
    Muted,
    /// The "illustrative" label.
    Illustrative,
    /// What data an indicator would need.
    Needs,
    /// A link or a rule id.
    Accent,
}

/// A run of text with one style; `link` is the anchor it points to. A run
/// whose text is `"\n"` is a forced line break.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub style: Style,
    pub link: Option<String>,
}

/// The role of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParaKind {
    Normal,
    Subtitle,
    /// A framed notice (demo data, illustrative statistics).
    Banner,
    /// A section with nothing to show says so.
    Empty,
    Needs,
    Source,
}

/// A list item or a table row's text with the anchors it defines.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rich {
    pub spans: Vec<Span>,
    pub anchors: Vec<String>,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub numeric: bool,
    pub text: Rich,
}

/// A table row; `anchors` are the ids on the row and inside its cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub anchors: Vec<String>,
}

/// One bar of a chart: `fraction` of the longest bar (0–1).
#[derive(Debug, Clone, PartialEq)]
pub struct ChartBar {
    pub label: String,
    pub fraction: f32,
    pub shown: String,
}

/// A layout block.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading {
        level: u8,
        text: Rich,
    },
    Para {
        kind: ParaKind,
        text: Rich,
    },
    List {
        ordered: bool,
        items: Vec<Rich>,
    },
    Table {
        head: Vec<Rich>,
        rows: Vec<Row>,
    },
    Chart {
        title: String,
        bars: Vec<ChartBar>,
        caption: Rich,
    },
    /// A place links can point to (an `id` on a container).
    Anchor(String),
}

/// A document: its title (from `<title>`), its language tag, its blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub title: String,
    pub lang: String,
    pub blocks: Vec<Block>,
}

/// Reads the blocks of a document made by this crate's HTML renderers.
pub fn from_html(html: &str) -> Doc {
    let root = parse(html);
    let mut doc = Doc {
        title: String::new(),
        lang: String::new(),
        blocks: Vec::new(),
    };
    walk(&root, &mut doc);
    doc
}

// --- a tiny DOM of our own HTML subset

#[derive(Debug)]
enum Node {
    Element {
        name: String,
        attrs: Vec<(String, String)>,
        children: Vec<Node>,
    },
    Text(String),
}

impl Node {
    fn attr(&self, key: &str) -> Option<&str> {
        match self {
            Node::Element { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str()),
            Node::Text(_) => None,
        }
    }

    fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split(' ').any(|x| x == class))
    }

    fn children(&self) -> &[Node] {
        match self {
            Node::Element { children, .. } => children,
            Node::Text(_) => &[],
        }
    }

    fn name(&self) -> &str {
        match self {
            Node::Element { name, .. } => name,
            Node::Text(_) => "",
        }
    }

    fn text(&self) -> String {
        match self {
            Node::Text(t) => t.clone(),
            Node::Element { children, .. } => children.iter().map(Node::text).collect(),
        }
    }
}

const VOID: &[&str] = &["meta", "br", "link", "img", "hr", "input"];

fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&nbsp;", "\u{a0}")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn parse_attrs(raw: &str) -> Vec<(String, String)> {
    let mut attrs = Vec::new();
    let mut rest = raw.trim();
    while !rest.is_empty() {
        let name_end = rest.find(['=', ' ', '\n']).unwrap_or(rest.len());
        let name = rest[..name_end].to_string();
        rest = rest[name_end..].trim_start();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            if let Some(quoted) = after.strip_prefix('"') {
                let end = quoted.find('"').unwrap_or(quoted.len());
                attrs.push((name, decode(&quoted[..end])));
                rest = quoted.get(end + 1..).unwrap_or("").trim_start();
            } else {
                let end = after.find(' ').unwrap_or(after.len());
                attrs.push((name, decode(&after[..end])));
                rest = after[end..].trim_start();
            }
        } else {
            attrs.push((name, String::new()));
        }
    }
    attrs
}

/// An element being read: its name, attributes and children so far.
type Open = (String, Vec<(String, String)>, Vec<Node>);

fn parse(html: &str) -> Node {
    // A stack of open elements; the bottom one is the document.
    let mut stack: Vec<Open> = vec![("#document".into(), Vec::new(), Vec::new())];
    let mut rest = html;
    let close = |stack: &mut Vec<Open>| {
        if stack.len() > 1
            && let Some((name, attrs, children)) = stack.pop()
            && let Some(parent) = stack.last_mut()
        {
            parent.2.push(Node::Element {
                name,
                attrs,
                children,
            });
        }
    };
    while !rest.is_empty() {
        let Some(start) = rest.find('<') else {
            if let Some(top) = stack.last_mut() {
                top.2.push(Node::Text(decode(rest)));
            }
            break;
        };
        if start > 0
            && let Some(top) = stack.last_mut()
        {
            top.2.push(Node::Text(decode(&rest[..start])));
        }
        let Some(end) = rest[start..].find('>').map(|e| e + start) else {
            break;
        };
        let tag = &rest[start + 1..end];
        rest = &rest[end + 1..];
        // Raw-text elements: skip their content as a whole.
        if tag == "style" || tag.starts_with("style ") {
            if let Some(e) = rest.find("</style>") {
                rest = &rest[e + "</style>".len()..];
            }
            continue;
        }
        if tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            if stack.iter().skip(1).any(|(n, _, _)| n == name) {
                while stack.len() > 1 {
                    let top = stack.last().map(|(n, _, _)| n.clone()).unwrap_or_default();
                    close(&mut stack);
                    if top == name {
                        break;
                    }
                }
            }
            continue;
        }
        let (name, attrs) = match tag.find([' ', '\n']) {
            Some(i) => (&tag[..i], parse_attrs(&tag[i..])),
            None => (tag, Vec::new()),
        };
        let name = name.trim_end_matches('/').to_ascii_lowercase();
        if VOID.contains(&name.as_str()) {
            if let Some(top) = stack.last_mut() {
                top.2.push(Node::Element {
                    name,
                    attrs,
                    children: Vec::new(),
                });
            }
        } else {
            stack.push((name, attrs, Vec::new()));
        }
    }
    while stack.len() > 1 {
        close(&mut stack);
    }
    let (name, attrs, children) = stack.pop().unwrap_or_default();
    Node::Element {
        name,
        attrs,
        children,
    }
}

// --- from the DOM to blocks

fn walk(node: &Node, doc: &mut Doc) {
    let Node::Element { name, children, .. } = node else {
        return;
    };
    match name.as_str() {
        "html" => {
            doc.lang = node.attr("lang").unwrap_or("").to_string();
            children.iter().for_each(|c| walk(c, doc));
        }
        "head" => {
            if let Some(t) = children.iter().find(|c| c.name() == "title") {
                doc.title = t.text();
            }
        }
        "h1" | "h2" | "h3" | "h4" => {
            let level = name.as_bytes()[1] - b'0';
            doc.blocks.push(Block::Heading {
                level,
                text: rich(node),
            });
        }
        "p" => {
            let kind = if node.has_class("subtitle") {
                ParaKind::Subtitle
            } else if node.has_class("banner") {
                ParaKind::Banner
            } else if node.has_class("empty") {
                ParaKind::Empty
            } else if node.has_class("needs") {
                ParaKind::Needs
            } else if node.has_class("src") {
                ParaKind::Source
            } else {
                ParaKind::Normal
            };
            doc.blocks.push(Block::Para {
                kind,
                text: rich(node),
            });
        }
        "ul" | "ol" => {
            let items = children
                .iter()
                .filter(|c| c.name() == "li")
                .map(rich)
                .collect();
            doc.blocks.push(Block::List {
                ordered: name == "ol",
                items,
            });
        }
        "table" => doc.blocks.push(table(node)),
        "figure" => doc.blocks.push(chart(node)),
        _ => {
            if let Some(id) = node.attr("id") {
                doc.blocks.push(Block::Anchor(id.to_string()));
            }
            children.iter().for_each(|c| walk(c, doc));
        }
    }
}

fn table(node: &Node) -> Block {
    let mut head = Vec::new();
    let mut rows = Vec::new();
    for section in node.children() {
        for tr in section.children().iter().filter(|n| n.name() == "tr") {
            if section.name() == "thead" {
                head = tr
                    .children()
                    .iter()
                    .filter(|c| c.name() == "th")
                    .map(rich)
                    .collect();
                continue;
            }
            let mut anchors: Vec<String> = tr.attr("id").map(str::to_string).into_iter().collect();
            let cells: Vec<Cell> = tr
                .children()
                .iter()
                .filter(|c| c.name() == "td" || c.name() == "th")
                .map(|td| {
                    let text = rich(td);
                    anchors.extend(text.anchors.iter().cloned());
                    Cell {
                        numeric: td.has_class("num"),
                        text,
                    }
                })
                .collect();
            rows.push(Row { cells, anchors });
        }
    }
    Block::Table { head, rows }
}

fn chart(node: &Node) -> Block {
    let mut title = String::new();
    let mut caption = Rich::default();
    // The SVG draws each bar as: label text, rect, value text.
    let mut texts = Vec::new();
    let mut widths = Vec::new();
    for child in node.children() {
        match child.name() {
            "svg" => {
                for part in child.children() {
                    match part.name() {
                        "title" => title = part.text(),
                        "text" => texts.push(part.text()),
                        "rect" => widths.push(
                            part.attr("width")
                                .and_then(|w| w.parse::<f32>().ok())
                                .unwrap_or(0.0),
                        ),
                        _ => {}
                    }
                }
            }
            "figcaption" => caption = rich(child),
            _ => {}
        }
    }
    let longest = widths.iter().copied().fold(0.0_f32, f32::max);
    let bars = widths
        .iter()
        .enumerate()
        .map(|(i, w)| ChartBar {
            label: texts.get(2 * i).cloned().unwrap_or_default(),
            fraction: if longest > 0.0 { w / longest } else { 0.0 },
            shown: texts.get(2 * i + 1).cloned().unwrap_or_default(),
        })
        .collect();
    Block::Chart {
        title,
        bars,
        caption,
    }
}

/// The inline content of an element as styled runs, whitespace collapsed.
fn rich(node: &Node) -> Rich {
    let mut out = Rich::default();
    inline(node, Style::default(), None, &mut out);
    // Collapse white space the way HTML does, across runs.
    let mut last_space = true;
    for span in &mut out.spans {
        if span.text == "\n" {
            last_space = true;
            continue;
        }
        let mut text = String::with_capacity(span.text.len());
        for c in span.text.chars() {
            if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
                if !last_space {
                    text.push(' ');
                }
                last_space = true;
            } else {
                text.push(c);
                last_space = false;
            }
        }
        span.text = text;
    }
    // No space before a forced break or at the end.
    for i in 0..out.spans.len() {
        let next_is_break = out.spans.get(i + 1).is_none_or(|s| s.text == "\n");
        if next_is_break && out.spans[i].text != "\n" {
            let trimmed = out.spans[i].text.trim_end_matches(' ').len();
            out.spans[i].text.truncate(trimmed);
        }
    }
    out.spans.retain(|s| !s.text.is_empty());
    out
}

fn inline(node: &Node, style: Style, link: Option<&str>, out: &mut Rich) {
    match node {
        Node::Text(t) => out.spans.push(Span {
            text: t.clone(),
            style,
            link: link.map(str::to_string),
        }),
        Node::Element { name, children, .. } => {
            if let Some(id) = node.attr("id") {
                out.anchors.push(id.to_string());
            }
            let mut style = style;
            let mut link = link;
            match name.as_str() {
                "br" => {
                    out.spans.push(Span {
                        text: "\n".into(),
                        style,
                        link: None,
                    });
                    return;
                }
                "strong" | "b" | "th" => style.bold = true,
                "em" | "i" => style.tone = Tone::Muted,
                "a" => {
                    link = node.attr("href").and_then(|h| h.strip_prefix('#'));
                    style.tone = Tone::Accent;
                }
                _ => {}
            }
            if node.has_class("illus") {
                style.tone = Tone::Illustrative;
                style.small = true;
            } else if node.has_class("src") || node.has_class("evidence") {
                style.tone = Tone::Muted;
                style.small = true;
            } else if node.has_class("empty") {
                style.tone = Tone::Muted;
            } else if node.has_class("needs") {
                style.tone = Tone::Needs;
            } else if node.has_class("rule") {
                style.tone = Tone::Accent;
                style.small = true;
                style.bold = true;
            }
            for c in children {
                inline(c, style, link, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_headings_lists_tables_and_links() {
        let html = "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n<title>A &amp; B</title>\n<style>\nh1{x:y}\n</style>\n</head>\n<body>\n<h2>I. PENDAHULUAN</h2>\n<p class=\"empty\">Belum  ada\n rapat.</p>\n<ul>\n<li id=\"o1\">HS&nbsp;0904 <span class=\"illus\">ilustratif</span></li>\n</ul>\n<table>\n<thead><tr><th>A</th><th>B</th></tr></thead>\n<tbody>\n<tr id=\"m1\"><td><a href=\"#o1\">x</a></td><td class=\"num\">1<br>2</td></tr>\n</tbody>\n</table>\n</body>\n</html>\n";
        let doc = from_html(html);
        assert_eq!(doc.title, "A & B");
        assert_eq!(doc.lang, "id");
        assert!(
            matches!(&doc.blocks[0], Block::Heading { level: 2, text } if text.spans[0].text == "I. PENDAHULUAN")
        );
        let Block::Para { kind, text } = &doc.blocks[1] else {
            panic!("{:?}", doc.blocks[1]);
        };
        assert_eq!(*kind, ParaKind::Empty);
        assert_eq!(text.spans[0].text, "Belum ada rapat.");
        let Block::List { items, .. } = &doc.blocks[2] else {
            panic!()
        };
        assert_eq!(items[0].anchors, vec!["o1"]);
        assert_eq!(items[0].spans[0].text, "HS\u{a0}0904 ");
        assert_eq!(items[0].spans[1].style.tone, Tone::Illustrative);
        let Block::Table { head, rows } = &doc.blocks[3] else {
            panic!()
        };
        assert_eq!(head.len(), 2);
        assert!(head[0].spans[0].style.bold);
        assert_eq!(rows[0].anchors, vec!["m1"]);
        assert_eq!(rows[0].cells[0].text.spans[0].link.as_deref(), Some("o1"));
        assert!(rows[0].cells[1].numeric);
        assert_eq!(rows[0].cells[1].text.spans[1].text, "\n");
    }

    #[test]
    fn reads_the_bar_chart() {
        let html = crate::html::bar_chart(
            "T",
            "caption",
            &[
                crate::html::Bar {
                    label: "a".into(),
                    value: 2.0,
                    shown: "2".into(),
                },
                crate::html::Bar {
                    label: "b".into(),
                    value: 1.0,
                    shown: "1".into(),
                },
            ],
        );
        let doc = from_html(&html);
        let Block::Chart {
            title,
            bars,
            caption,
        } = &doc.blocks[0]
        else {
            panic!()
        };
        assert_eq!(title, "T");
        assert_eq!(bars.len(), 2);
        assert_eq!(bars[1].label, "b");
        assert_eq!(bars[1].shown, "1");
        assert!((bars[1].fraction - 0.5).abs() < 0.01);
        assert_eq!(caption.spans[0].text, "caption");
    }
}
