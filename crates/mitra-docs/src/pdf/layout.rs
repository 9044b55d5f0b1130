//! A small page layout engine: blocks in, pages of positioned drawing
//! operations out. A4 portrait with margins; headings kept with what
//! follows; paragraphs and list items wrapped by the widths of the shaped
//! font (breaks at spaces in Latin text and between characters in Chinese,
//! never before closing or after opening punctuation); tables with
//! measured column widths, wrapped cells and the header row repeated after
//! a page break; bar charts drawn as rectangles; page numbers in the
//! footer. Coordinates are PDF points, origin top left, y downwards.

use crate::blocks::{Block, ChartBar, ParaKind, Rich, Row, Span, Style, Tone};
use std::collections::HashMap;

pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
const LEFT: f32 = 51.0;
const RIGHT: f32 = 51.0;
const TOP: f32 = 54.0;
const BOTTOM: f32 = 62.0;
const WIDTH: f32 = PAGE_W - LEFT - RIGHT;
const BODY: f32 = 9.5;
const TABLE: f32 = 8.0;
const CELL_PAD: f32 = 3.0;
const LEADING: f32 = 1.42;
/// Ascent of Noto Sans CJK (880/1000): the baseline below a line's top.
const ASCENT: f32 = 0.88;
const SMALL: f32 = 0.85;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

const INK: Rgb = Rgb(29, 39, 51);
const MUTED: Rgb = Rgb(74, 90, 106);
const ACCENT: Rgb = Rgb(31, 95, 139);
const ILLUSTRATIVE: Rgb = Rgb(154, 52, 18);
const NEEDS: Rgb = Rgb(124, 45, 18);
const RULE: Rgb = Rgb(200, 209, 218);
const HEAD_FILL: Rgb = Rgb(238, 243, 247);
const BANNER_LINE: Rgb = Rgb(180, 83, 9);
const BANNER_FILL: Rgb = Rgb(255, 247, 237);

/// A drawing operation on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Text on a baseline at `y`.
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        color: Rgb,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<Rgb>,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        color: Rgb,
    },
    /// A clickable area that jumps to an anchor.
    Link {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        target: String,
    },
}

/// A heading for the PDF outline (bookmarks).
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    pub level: u8,
    pub text: String,
    pub page: usize,
    pub y: f32,
}

/// The result of layout.
#[derive(Debug, Default)]
pub struct Laid {
    pub pages: Vec<Vec<Op>>,
    /// Anchor → (page, y of the top of what it names).
    pub anchors: HashMap<String, (usize, f32)>,
    pub outline: Vec<OutlineEntry>,
}

/// Text widths from the shaped font.
pub trait Measure {
    /// The advance width of `text` at size 1.
    fn em_width(&mut self, text: &str, bold: bool) -> f32;
}

/// Characters are drawn with no-break spaces as plain spaces.
pub fn drawn(text: &str) -> String {
    text.replace('\u{a0}', " ")
}

fn span_size(style: Style, base: f32) -> f32 {
    if style.small { base * SMALL } else { base }
}

fn tone_color(tone: Tone) -> Rgb {
    match tone {
        Tone::Normal => INK,
        Tone::Muted => MUTED,
        Tone::Illustrative => ILLUSTRATIVE,
        Tone::Needs => NEEDS,
        Tone::Accent => ACCENT,
    }
}

// --- line breaking

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// No line may start with these.
fn is_closing(c: char) -> bool {
    "，。、；：！？）」』】》〉”’%.,;:!?)]}…·".contains(c)
}

/// No line may end with these.
fn is_opening(c: char) -> bool {
    "（「『【《〈“‘([{".contains(c)
}

/// Whether a line may break between `prev` and `cur`.
fn break_between(prev: char, cur: char) -> bool {
    if cur == ' ' || is_closing(cur) || is_opening(prev) {
        return false;
    }
    prev == ' ' || is_cjk(cur) || is_cjk(prev)
}

/// A piece of a segment in one span.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    span: usize,
}

/// An unbreakable run (a word with its trailing spaces, or one Chinese
/// character), possibly across spans.
#[derive(Debug, Clone, Default)]
struct Segment {
    pieces: Vec<Piece>,
    /// A forced line break follows.
    forced: bool,
}

fn segments(spans: &[Span]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut cur = Segment::default();
    let mut prev: Option<char> = None;
    for (i, span) in spans.iter().enumerate() {
        if span.text == "\n" {
            cur.forced = true;
            out.push(std::mem::take(&mut cur));
            prev = None;
            continue;
        }
        for c in span.text.chars() {
            if let Some(p) = prev
                && break_between(p, c)
                && !cur.pieces.is_empty()
            {
                out.push(std::mem::take(&mut cur));
            }
            match cur.pieces.last_mut() {
                Some(piece) if piece.span == i => piece.text.push(c),
                _ => cur.pieces.push(Piece {
                    text: c.to_string(),
                    span: i,
                }),
            }
            prev = Some(c);
        }
    }
    if !cur.pieces.is_empty() {
        out.push(cur);
    }
    out
}

/// A positioned run of one span on a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Frag {
    pub x: f32,
    pub text: String,
    pub span: usize,
    pub width: f32,
}

/// A wrapped line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    pub frags: Vec<Frag>,
    pub width: f32,
}

/// Wraps styled text into lines at most `max` wide.
pub struct Wrapper<'m, M: Measure> {
    pub m: &'m mut M,
}

impl<M: Measure> Wrapper<'_, M> {
    fn width(&mut self, text: &str, style: Style, base: f32) -> f32 {
        self.m.em_width(&drawn(text), style.bold) * span_size(style, base)
    }

    /// (full width, width without trailing spaces) of a segment.
    fn seg_width(&mut self, seg: &Segment, spans: &[Span], base: f32) -> (f32, f32) {
        let mut full = 0.0;
        let mut trimmed = 0.0;
        let n = seg.pieces.len();
        for (k, p) in seg.pieces.iter().enumerate() {
            let style = spans[p.span].style;
            let w = self.width(&p.text, style, base);
            if k + 1 == n {
                let t = p.text.trim_end_matches(' ');
                trimmed = full
                    + if t.len() == p.text.len() {
                        w
                    } else {
                        self.width(t, style, base)
                    };
            }
            full += w;
        }
        (full, trimmed)
    }

    pub fn wrap(&mut self, spans: &[Span], base: f32, max: f32) -> Vec<Line> {
        let mut lines = Vec::new();
        let mut line = Line::default();
        let mut x = 0.0_f32;
        for seg in segments(spans) {
            let (full, trimmed) = self.seg_width(&seg, spans, base);
            if !line.frags.is_empty() && x + trimmed > max {
                lines.push(finish(std::mem::take(&mut line), self, spans, base));
                x = 0.0;
            }
            if line.frags.is_empty() && trimmed > max {
                // Longer than a whole line: break between characters.
                for p in &seg.pieces {
                    let style = spans[p.span].style;
                    for c in p.text.chars() {
                        let w = self.width(&c.to_string(), style, base);
                        if x + w > max && !line.frags.is_empty() {
                            lines.push(finish(std::mem::take(&mut line), self, spans, base));
                            x = 0.0;
                        }
                        push_frag(&mut line, x, &c.to_string(), p.span, w);
                        x += w;
                    }
                }
            } else {
                for p in &seg.pieces {
                    let w = self.width(&p.text, spans[p.span].style, base);
                    push_frag(&mut line, x, &p.text, p.span, w);
                    x += w;
                }
            }
            let _ = full;
            if seg.forced {
                lines.push(finish(std::mem::take(&mut line), self, spans, base));
                x = 0.0;
            }
        }
        if !line.frags.is_empty() {
            lines.push(finish(line, self, spans, base));
        }
        lines
    }

    /// The widest unbreakable segment and the widest line without wrapping.
    fn natural(&mut self, spans: &[Span], base: f32) -> (f32, f32) {
        let mut min = 0.0_f32;
        let mut max = 0.0_f32;
        let mut x = 0.0_f32;
        for seg in segments(spans) {
            let (full, trimmed) = self.seg_width(&seg, spans, base);
            min = min.max(trimmed);
            max = max.max(x + trimmed);
            x += full;
            if seg.forced {
                x = 0.0;
            }
        }
        (min, max)
    }
}

fn push_frag(line: &mut Line, x: f32, text: &str, span: usize, w: f32) {
    match line.frags.last_mut() {
        Some(f) if f.span == span => {
            f.text.push_str(text);
            f.width += w;
        }
        _ => line.frags.push(Frag {
            x,
            text: text.to_string(),
            span,
            width: w,
        }),
    }
}

/// Drops the spaces at the end of a line and sets its width.
fn finish<M: Measure>(mut line: Line, w: &mut Wrapper<'_, M>, spans: &[Span], base: f32) -> Line {
    while let Some(last) = line.frags.last_mut() {
        let t = last.text.trim_end_matches(' ').to_string();
        if t.len() != last.text.len() {
            last.width = w.width(&t, spans[last.span].style, base);
            last.text = t;
        }
        if last.text.is_empty() {
            line.frags.pop();
        } else {
            break;
        }
    }
    line.width = line.frags.last().map(|f| f.x + f.width).unwrap_or(0.0);
    line
}

// --- pages

/// Lays blocks out on pages.
pub struct Composer<'m, M: Measure> {
    w: Wrapper<'m, M>,
    laid: Laid,
    y: f32,
}

impl<'m, M: Measure> Composer<'m, M> {
    pub fn new(m: &'m mut M) -> Self {
        Composer {
            w: Wrapper { m },
            laid: Laid {
                pages: vec![Vec::new()],
                ..Laid::default()
            },
            y: TOP,
        }
    }

    fn page(&self) -> usize {
        self.laid.pages.len() - 1
    }

    fn op(&mut self, op: Op) {
        if let Some(p) = self.laid.pages.last_mut() {
            p.push(op);
        }
    }

    fn new_page(&mut self) {
        self.laid.pages.push(Vec::new());
        self.y = TOP;
    }

    fn room(&self) -> f32 {
        PAGE_H - BOTTOM - self.y
    }

    fn at_top(&self) -> bool {
        self.y <= TOP + 0.01
    }

    /// Starts a new page unless `h` fits (or the page is still empty).
    fn ensure(&mut self, h: f32) {
        if h > self.room() && !self.at_top() {
            self.new_page();
        }
    }

    fn gap(&mut self, h: f32) {
        if !self.at_top() {
            self.y += h;
        }
    }

    fn anchor(&mut self, anchors: &[String]) {
        let at = (self.page(), self.y);
        for a in anchors {
            self.laid.anchors.entry(a.clone()).or_insert(at);
        }
    }

    /// Draws one line with its top at `top`.
    fn draw_line(&mut self, line: &Line, spans: &[Span], x0: f32, top: f32, base: f32) {
        let lh = base * LEADING;
        let baseline = top + (lh - base) / 2.0 + base * ASCENT;
        for f in &line.frags {
            let style = spans[f.span].style;
            let size = span_size(style, base);
            self.op(Op::Text {
                x: x0 + f.x,
                y: baseline,
                size,
                bold: style.bold,
                color: tone_color(style.tone),
                text: drawn(&f.text),
            });
            if let Some(target) = &spans[f.span].link {
                self.op(Op::Link {
                    x: x0 + f.x,
                    y: top,
                    w: f.width,
                    h: lh,
                    target: target.clone(),
                });
            }
        }
    }

    /// Wrapped text at `x0`, `max` wide, broken across pages as needed;
    /// `marker` is drawn left of the first line (a bullet or a number).
    fn text(&mut self, text: &Rich, x0: f32, max: f32, base: f32, marker: Option<&str>) {
        let lines = self.w.wrap(&text.spans, base, max);
        let lh = base * LEADING;
        for (i, line) in lines.iter().enumerate() {
            self.ensure(lh);
            if i == 0 {
                self.anchor(&text.anchors);
                if let Some(m) = marker {
                    let baseline = self.y + (lh - base) / 2.0 + base * ASCENT;
                    let mw = self.w.m.em_width(m, false) * base;
                    self.op(Op::Text {
                        x: x0 - 4.0 - mw,
                        y: baseline,
                        size: base,
                        bold: false,
                        color: INK,
                        text: m.to_string(),
                    });
                }
            }
            let top = self.y;
            self.draw_line(line, &text.spans, x0, top, base);
            self.y += lh;
        }
        if lines.is_empty() {
            self.anchor(&text.anchors);
        }
    }

    pub fn block(&mut self, block: &Block) {
        match block {
            Block::Anchor(id) => self.anchor(std::slice::from_ref(id)),
            Block::Heading { level, text } => self.heading(*level, text),
            Block::Para { kind, text } => self.para(*kind, text),
            Block::List { ordered, items } => {
                self.gap(2.0);
                for (i, item) in items.iter().enumerate() {
                    let marker = if *ordered {
                        format!("{}.", i + 1)
                    } else {
                        "•".to_string()
                    };
                    self.text(item, LEFT + 14.0, WIDTH - 14.0, BODY, Some(&marker));
                    self.y += 1.5;
                }
                self.y += 3.0;
            }
            Block::Table { head, rows } => self.table(head, rows),
            Block::Chart { bars, caption, .. } => self.chart(bars, caption),
        }
    }

    fn heading(&mut self, level: u8, text: &Rich) {
        let (size, before, after) = match level {
            1 => (18.0, 0.0, 4.0),
            2 => (13.5, 14.0, 6.0),
            3 => (11.5, 10.0, 3.0),
            _ => (10.0, 7.0, 2.0),
        };
        self.gap(before);
        let mut spans = text.spans.clone();
        for s in &mut spans {
            s.style.bold = true;
        }
        let lines = self.w.wrap(&spans, size, WIDTH);
        let lh = size * 1.3;
        // Keep the heading with at least three lines of what follows.
        self.ensure(lh * lines.len() as f32 + after + 3.0 * BODY * LEADING);
        self.anchor(&text.anchors);
        if level <= 3 {
            let title: String = text.spans.iter().map(|s| drawn(&s.text)).collect();
            self.laid.outline.push(OutlineEntry {
                level,
                text: title.replace('\n', " "),
                page: self.page(),
                y: self.y,
            });
        }
        for line in &lines {
            let top = self.y;
            self.draw_line(line, &spans, LEFT, top, size);
            self.y += lh;
        }
        if level == 2 {
            let y = self.y + 1.0;
            self.op(Op::Line {
                x1: LEFT,
                y1: y,
                x2: LEFT + WIDTH,
                y2: y,
                width: 1.2,
                color: ACCENT,
            });
            self.y += 3.0;
        }
        self.y += after;
    }

    fn para(&mut self, kind: ParaKind, text: &Rich) {
        let mut text = text.clone();
        let base = match kind {
            ParaKind::Subtitle => 10.5,
            ParaKind::Source => BODY * SMALL,
            _ => BODY,
        };
        let tone = match kind {
            ParaKind::Subtitle | ParaKind::Empty | ParaKind::Source => Some(Tone::Muted),
            ParaKind::Needs => Some(Tone::Needs),
            ParaKind::Normal | ParaKind::Banner => None,
        };
        for s in &mut text.spans {
            if let Some(t) = tone
                && s.style.tone == Tone::Normal
            {
                s.style.tone = t;
            }
            if kind == ParaKind::Banner {
                s.style.bold = true;
            }
        }
        if kind == ParaKind::Banner {
            let pad = 6.0;
            let lines = self.w.wrap(&text.spans, base, WIDTH - 2.0 * pad);
            let lh = base * LEADING;
            let h = lines.len() as f32 * lh + 2.0 * pad;
            self.gap(4.0);
            self.ensure(h);
            self.op(Op::Rect {
                x: LEFT,
                y: self.y,
                w: WIDTH,
                h,
                fill: Some(BANNER_FILL),
                stroke: Some(BANNER_LINE),
            });
            let mut top = self.y + pad;
            for line in &lines {
                self.draw_line(line, &text.spans, LEFT + pad, top, base);
                top += lh;
            }
            self.y += h + 6.0;
            return;
        }
        self.gap(2.0);
        self.text(&text, LEFT, WIDTH, base, None);
        self.y += 4.0;
    }

    fn column_widths(&mut self, head: &[Rich], rows: &[Row], n: usize) -> Vec<f32> {
        let mut min = vec![12.0_f32; n];
        let mut max = vec![12.0_f32; n];
        let all = std::iter::once(head.iter().collect::<Vec<_>>()).chain(
            rows.iter()
                .map(|r| r.cells.iter().map(|c| &c.text).collect()),
        );
        for cells in all {
            for (i, c) in cells.iter().enumerate().take(n) {
                let (lo, hi) = self.w.natural(&c.spans, TABLE);
                min[i] = min[i].max(lo + 2.0 * CELL_PAD);
                max[i] = max[i].max(hi + 2.0 * CELL_PAD);
            }
        }
        let (sum_min, sum_max): (f32, f32) = (min.iter().sum(), max.iter().sum());
        if sum_max <= WIDTH {
            // Everything fits on one line: share the rest by natural width.
            let extra = WIDTH - sum_max;
            max.iter().map(|m| m + extra * m / sum_max).collect()
        } else if sum_min <= WIDTH {
            // Give each column its minimum, and the rest in proportion to
            // how much more it would like.
            let extra = WIDTH - sum_min;
            let want: f32 = max.iter().zip(&min).map(|(a, b)| a - b).sum();
            min.iter()
                .zip(&max)
                .map(|(lo, hi)| {
                    lo + if want > 0.0 {
                        extra * (hi - lo) / want
                    } else {
                        0.0
                    }
                })
                .collect()
        } else {
            // Even the longest words do not fit: scale down; cells break
            // words between characters.
            min.iter().map(|m| m * WIDTH / sum_min).collect()
        }
    }

    fn table(&mut self, head: &[Rich], rows: &[Row]) {
        let n = rows
            .iter()
            .map(|r| r.cells.len())
            .chain(std::iter::once(head.len()))
            .max()
            .unwrap_or(0);
        if n == 0 {
            return;
        }
        let widths = self.column_widths(head, rows, n);
        let lh = TABLE * LEADING;
        let wrap_row = |w: &mut Wrapper<'_, M>, cells: &[&Rich]| -> Vec<Vec<Line>> {
            (0..n)
                .map(|i| {
                    cells
                        .get(i)
                        .map(|c| w.wrap(&c.spans, TABLE, widths[i] - 2.0 * CELL_PAD))
                        .unwrap_or_default()
                })
                .collect()
        };
        let head_cells: Vec<&Rich> = head.iter().collect();
        let head_lines = wrap_row(&mut self.w, &head_cells);
        let head_h =
            head_lines.iter().map(Vec::len).max().unwrap_or(0) as f32 * lh + 2.0 * CELL_PAD;
        let has_head = head.iter().any(|h| !h.spans.is_empty());
        let numeric: Vec<bool> = (0..n)
            .map(|i| {
                rows.iter()
                    .any(|r| r.cells.get(i).is_some_and(|c| c.numeric))
            })
            .collect();
        self.gap(3.0);
        let first_row_h = rows
            .first()
            .map(|r| {
                let cells: Vec<&Rich> = r.cells.iter().map(|c| &c.text).collect();
                wrap_row(&mut self.w, &cells)
                    .iter()
                    .map(Vec::len)
                    .max()
                    .unwrap_or(0) as f32
                    * lh
                    + 2.0 * CELL_PAD
            })
            .unwrap_or(0.0);
        self.ensure(head_h + first_row_h.min(6.0 * lh));
        let draw_head = |c: &mut Self| {
            if has_head {
                let frag = RowFrag {
                    lines: &head_lines,
                    spans: &head_cells,
                    from: 0,
                    count: usize::MAX,
                    numeric: &numeric,
                    header: true,
                };
                c.row_fragment(&widths, &frag, head_h);
            }
        };
        draw_head(self);
        for row in rows {
            let cells: Vec<&Rich> = row.cells.iter().map(|c| &c.text).collect();
            let lines = wrap_row(&mut self.w, &cells);
            let total = lines.iter().map(Vec::len).max().unwrap_or(0);
            let mut from = 0;
            let mut anchored = false;
            loop {
                let left = total.saturating_sub(from);
                let need = left as f32 * lh + 2.0 * CELL_PAD;
                let capacity = PAGE_H - TOP - BOTTOM - if has_head { head_h } else { 0.0 };
                if need > self.room() && from == 0 && need <= capacity {
                    self.new_page();
                    draw_head(self);
                    continue;
                }
                let fit = if need <= self.room() {
                    left
                } else {
                    ((self.room() - 2.0 * CELL_PAD) / lh).floor().max(0.0) as usize
                };
                if fit == 0 && left > 0 {
                    self.new_page();
                    draw_head(self);
                    continue;
                }
                if !anchored {
                    self.anchor(&row.anchors);
                    anchored = true;
                }
                let frag = RowFrag {
                    lines: &lines,
                    spans: &cells,
                    from,
                    count: fit,
                    numeric: &numeric,
                    header: false,
                };
                self.row_fragment(&widths, &frag, fit as f32 * lh + 2.0 * CELL_PAD);
                from += fit;
                if from >= total {
                    break;
                }
                self.new_page();
                draw_head(self);
            }
        }
        self.y += 6.0;
    }

    fn row_fragment(&mut self, widths: &[f32], frag: &RowFrag<'_>, h: f32) {
        let mut x = LEFT;
        let lh = TABLE * LEADING;
        for (i, w) in widths.iter().enumerate() {
            self.op(Op::Rect {
                x,
                y: self.y,
                w: *w,
                h,
                fill: frag.header.then_some(HEAD_FILL),
                stroke: Some(RULE),
            });
            if let (Some(lines), Some(cell)) = (frag.lines.get(i), frag.spans.get(i)) {
                let mut top = self.y + CELL_PAD;
                for line in lines.iter().skip(frag.from).take(frag.count) {
                    let inner = w - 2.0 * CELL_PAD;
                    let shift = if frag.numeric[i] && !frag.header {
                        (inner - line.width).max(0.0)
                    } else {
                        0.0
                    };
                    self.draw_line(line, &cell.spans, x + CELL_PAD + shift, top, TABLE);
                    top += lh;
                }
            }
            x += w;
        }
        self.y += h;
    }

    fn chart(&mut self, bars: &[ChartBar], caption: &Rich) {
        let row = 15.0;
        let size = 8.5;
        let label_w = WIDTH * 0.32;
        let bar_w = WIDTH * 0.52;
        let h = row * bars.len() as f32 + 4.0;
        self.gap(4.0);
        self.ensure(h + 2.0 * BODY * LEADING);
        for bar in bars {
            let baseline = self.y + row / 2.0 + size * 0.35;
            let lw = self.w.m.em_width(&drawn(&bar.label), false) * size;
            self.op(Op::Text {
                x: (LEFT + label_w - 6.0 - lw).max(LEFT),
                y: baseline,
                size,
                bold: false,
                color: INK,
                text: drawn(&bar.label),
            });
            let len = bar_w * bar.fraction.clamp(0.0, 1.0);
            if len > 0.0 {
                self.op(Op::Rect {
                    x: LEFT + label_w,
                    y: self.y + 2.5,
                    w: len,
                    h: row - 5.0,
                    fill: Some(ACCENT),
                    stroke: None,
                });
            }
            self.op(Op::Text {
                x: LEFT + label_w + len + 4.0,
                y: baseline,
                size,
                bold: false,
                color: INK,
                text: drawn(&bar.shown),
            });
            self.y += row;
        }
        self.y += 4.0;
        let mut caption = caption.clone();
        for s in &mut caption.spans {
            s.style.small = true;
            if s.style.tone == Tone::Normal {
                s.style.tone = Tone::Muted;
            }
        }
        self.text(&caption, LEFT, WIDTH, BODY, None);
        self.y += 6.0;
    }

    /// Adds the footer (title and "page / pages") and returns the pages.
    pub fn finish(mut self, footer: &str) -> Laid {
        let total = self.laid.pages.len();
        let size = 7.5;
        let y = PAGE_H - BOTTOM + 30.0;
        let footer = drawn(footer);
        for (i, page) in self.laid.pages.iter_mut().enumerate() {
            let number = format!("{} / {total}", i + 1);
            let nw = self.w.m.em_width(&number, false) * size;
            page.push(Op::Line {
                x1: LEFT,
                y1: y - 11.0,
                x2: LEFT + WIDTH,
                y2: y - 11.0,
                width: 0.5,
                color: RULE,
            });
            page.push(Op::Text {
                x: LEFT,
                y,
                size,
                bold: false,
                color: MUTED,
                text: footer.clone(),
            });
            page.push(Op::Text {
                x: LEFT + WIDTH - nw,
                y,
                size,
                bold: false,
                color: MUTED,
                text: number,
            });
        }
        self.laid
    }
}

/// Part of a row's lines to draw.
struct RowFrag<'a> {
    lines: &'a [Vec<Line>],
    spans: &'a [&'a Rich],
    from: usize,
    count: usize,
    numeric: &'a [bool],
    header: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character 0.5 em wide, CJK characters 1 em.
    struct Fixed;
    impl Measure for Fixed {
        fn em_width(&mut self, text: &str, _bold: bool) -> f32 {
            text.chars()
                .map(|c| if is_cjk(c) { 1.0 } else { 0.5 })
                .sum()
        }
    }

    fn spans(text: &str) -> Vec<Span> {
        vec![Span {
            text: text.into(),
            style: Style::default(),
            link: None,
        }]
    }

    fn lines(text: &str, max: f32) -> Vec<String> {
        let mut m = Fixed;
        let mut w = Wrapper { m: &mut m };
        w.wrap(&spans(text), 10.0, max)
            .iter()
            .map(|l| l.frags.iter().map(|f| f.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn latin_breaks_at_spaces() {
        // 5 pt per character: 50 pt holds 10 characters.
        assert_eq!(lines("aaaa bbbb cccc dd", 50.0), ["aaaa bbbb", "cccc dd"]);
    }

    #[test]
    fn chinese_breaks_between_characters_but_not_before_closing_punctuation() {
        // 10 pt per character: 40 pt holds 4.
        assert_eq!(lines("基本情况主要活动", 40.0), ["基本情况", "主要活动"]);
        assert_eq!(lines("基本情况，主要", 40.0), ["基本情", "况，主要"]);
    }

    #[test]
    fn long_words_break_between_characters() {
        assert_eq!(lines("abcdefghij", 25.0), ["abcde", "fghij"]);
    }

    #[test]
    fn no_break_spaces_hold() {
        assert_eq!(lines("aa HS\u{a0}0904", 40.0), ["aa", "HS\u{a0}0904"]);
    }

    #[test]
    fn forced_breaks() {
        let mut m = Fixed;
        let mut w = Wrapper { m: &mut m };
        let mut s = spans("a");
        s.push(Span {
            text: "\n".into(),
            style: Style::default(),
            link: None,
        });
        s.extend(spans("b"));
        assert_eq!(w.wrap(&s, 10.0, 100.0).len(), 2);
    }

    #[test]
    fn a_long_table_repeats_its_header_on_every_page() {
        let mut m = Fixed;
        let mut c = Composer::new(&mut m);
        let cell = |t: &str| crate::blocks::Cell {
            numeric: false,
            text: Rich {
                spans: spans(t),
                anchors: Vec::new(),
            },
        };
        let rows: Vec<Row> = (0..200)
            .map(|i| Row {
                cells: vec![cell(&format!("row {i}")), cell("x")],
                anchors: vec![format!("r{i}")],
            })
            .collect();
        let head = vec![
            Rich {
                spans: spans("HEAD"),
                anchors: Vec::new(),
            },
            Rich {
                spans: spans("B"),
                anchors: Vec::new(),
            },
        ];
        c.block(&Block::Table { head, rows });
        let laid = c.finish("t");
        assert!(laid.pages.len() > 2);
        for page in &laid.pages {
            let heads = page
                .iter()
                .filter(|op| matches!(op, Op::Text { text, .. } if text == "HEAD"))
                .count();
            assert_eq!(heads, 1);
            for op in page {
                if let Op::Rect { y, h, .. } = op {
                    assert!(*y + *h <= PAGE_H - BOTTOM + 0.01, "overflows the page");
                }
            }
        }
        assert_eq!(laid.anchors.len(), 200);
    }
}
