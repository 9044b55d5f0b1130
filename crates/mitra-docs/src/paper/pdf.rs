//! The paper documents as PDF: a small drawing layer over krilla (pages of
//! any size, text measured with rustybuzz and wrapped by the report
//! layout's line breaker, rectangles, lines, transforms) and one layout
//! per document. Coordinates are PDF points, origin top left, y downwards.

use super::format::{AgendaView, BadgeView, BadgesView, PlanView, TentView, TentsView};
use super::{Agenda, Badge, PaperError, PaperEvent, TablePlan, TableTent};
use crate::blocks::{Span, Style};
use crate::locale::Lang;
use crate::pdf::layout::{Measure, Wrapper, drawn};
use crate::pdf::shaper::Shaper;
use crate::pdf::{Fonts, PdfError};
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::text::Font;

type Rgb = (u8, u8, u8);

const INK: Rgb = (29, 39, 51);
const MUTED: Rgb = (74, 90, 106);
const ACCENT: Rgb = (31, 95, 139);
const RULE: Rgb = (200, 209, 218);
const HEAD_FILL: Rgb = (238, 243, 247);
const DEMO_LINE: Rgb = (180, 83, 9);
const DEMO_FILL: Rgb = (255, 247, 237);
const DEMO_INK: Rgb = (154, 52, 18);
const WHITE: Rgb = (255, 255, 255);
const BLACK: Rgb = (0, 0, 0);
const FOLD: Rgb = (138, 150, 163);

/// A4 in points.
const A4_W: f32 = 595.28;
const A4_H: f32 = 841.89;
const MM: f32 = 72.0 / 25.4;

/// Portrait documents' margins.
const LEFT: f32 = 42.0;
const TOP: f32 = 44.0;
const BOTTOM: f32 = 56.0;
const WIDTH: f32 = A4_W - 2.0 * LEFT;

/// Ascent of Noto Sans CJK (880/1000): a line's baseline below its top.
const ASCENT: f32 = 0.88;

/// A drawing operation.
#[derive(Debug, Clone, PartialEq)]
enum Op {
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
    /// Filled rectangles as one path (a QR code's modules).
    Rects {
        rects: Vec<[f32; 4]>,
        color: Rgb,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        color: Rgb,
        dashed: bool,
    },
    /// Draws what follows, up to the matching `Pop`, through a transform
    /// (`sx, ky, kx, sy, tx, ty`).
    Push([f32; 6]),
    Pop,
}

struct Page {
    w: f32,
    h: f32,
    ops: Vec<Op>,
}

fn unusable(path: &std::path::Path) -> PdfError {
    PdfError::FontUnusable {
        path: path.to_path_buf(),
    }
}

/// Pages being drawn, and the running position of flowing documents.
struct Pen<'f> {
    shaper: Shaper<'f>,
    pages: Vec<Page>,
    /// The top of the next thing in a flowing (portrait) document.
    y: f32,
}

impl<'f> Pen<'f> {
    fn new(fonts: &'f Fonts) -> Result<Pen<'f>, PdfError> {
        let regular = rustybuzz::Face::from_slice(&fonts.regular.data, fonts.regular.index)
            .ok_or_else(|| unusable(&fonts.regular.path))?;
        let bold = rustybuzz::Face::from_slice(&fonts.bold.data, fonts.bold.index)
            .ok_or_else(|| unusable(&fonts.bold.path))?;
        Ok(Pen {
            shaper: Shaper::new(regular, bold),
            pages: Vec::new(),
            y: TOP,
        })
    }

    fn page(&mut self, w: f32, h: f32) {
        self.pages.push(Page {
            w,
            h,
            ops: Vec::new(),
        });
        self.y = TOP;
    }

    fn op(&mut self, op: Op) {
        if let Some(p) = self.pages.last_mut() {
            p.ops.push(op);
        }
    }

    fn width(&mut self, text: &str, size: f32, bold: bool) -> f32 {
        self.shaper.em_width(&drawn(text), bold) * size
    }

    /// `text` broken into lines at most `max` wide (at spaces in Latin
    /// text, between characters in Chinese).
    fn wrap(&mut self, text: &str, size: f32, bold: bool, max: f32) -> Vec<String> {
        let spans = [Span {
            text: text.to_string(),
            style: Style {
                bold,
                ..Style::default()
            },
            link: None,
        }];
        let mut w = Wrapper {
            m: &mut self.shaper,
        };
        w.wrap(&spans, size, max)
            .into_iter()
            .map(|l| l.frags.into_iter().map(|f| f.text).collect())
            .collect()
    }

    /// The largest size from `from` down to `to` at which `text` takes at
    /// most `lines` lines of `max`; at `to`, however many it takes.
    fn fit(
        &mut self,
        text: &str,
        bold: bool,
        max: f32,
        lines: usize,
        from: f32,
        to: f32,
    ) -> (f32, Vec<String>) {
        let mut size = from;
        loop {
            let wrapped = self.wrap(text, size, bold, max);
            if wrapped.len() <= lines || size <= to {
                return (size, wrapped);
            }
            size = (size - 0.5).max(to);
        }
    }

    /// One line of text with its top at `top`.
    fn text(&mut self, x: f32, top: f32, size: f32, bold: bool, color: Rgb, text: &str) {
        if text.is_empty() {
            return;
        }
        self.op(Op::Text {
            x,
            y: top + size * ASCENT,
            size,
            bold,
            color,
            text: drawn(text),
        });
    }

    /// One line centred on `cx`.
    fn centred(&mut self, cx: f32, top: f32, size: f32, bold: bool, color: Rgb, text: &str) {
        let w = self.width(text, size, bold);
        self.text(cx - w / 2.0, top, size, bold, color, text);
    }

    /// Lines from `top`, `lead` times the size apart; returns the bottom.
    #[allow(clippy::too_many_arguments)]
    fn lines(
        &mut self,
        x: f32,
        top: f32,
        size: f32,
        bold: bool,
        color: Rgb,
        lines: &[String],
        lead: f32,
    ) -> f32 {
        let mut y = top;
        for l in lines {
            self.text(x, y, size, bold, color, l);
            y += size * lead;
        }
        y
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Option<Rgb>, stroke: Option<Rgb>) {
        self.op(Op::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        });
    }

    fn line(&mut self, (x1, y1): (f32, f32), (x2, y2): (f32, f32), width: f32, color: Rgb) {
        self.op(Op::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            color,
            dashed: false,
        });
    }

    /// A QR code `side` wide with its top left at (`x`, `y`); the quiet
    /// zone is left white.
    fn qr(&mut self, qr: &super::qr::Qr, x: f32, y: f32, side: f32) {
        let m = side / qr.size as f32;
        let rects = qr
            .runs
            .iter()
            .map(|&(cx, cy, len)| [x + cx as f32 * m, y + cy as f32 * m, len as f32 * m, m])
            .collect();
        self.op(Op::Rects {
            rects,
            color: BLACK,
        });
    }

    // --- flowing portrait pages

    fn room(&self) -> f32 {
        A4_H - BOTTOM - self.y
    }

    /// The demo banner across the text width.
    fn banner(&mut self, text: &str) {
        let size = 10.0;
        let lines = self.wrap(text, size, true, WIDTH - 16.0);
        let h = lines.len() as f32 * size * 1.35 + 12.0;
        self.rect(LEFT, self.y, WIDTH, h, Some(DEMO_FILL), Some(DEMO_LINE));
        self.lines(LEFT + 8.0, self.y + 6.0, size, true, DEMO_INK, &lines, 1.35);
        self.y += h + 10.0;
    }

    /// Wrapped text across the text width.
    fn para(&mut self, text: &str, size: f32, bold: bool, color: Rgb) {
        let lines = self.wrap(text, size, bold, WIDTH);
        self.y = self.lines(LEFT, self.y, size, bold, color, &lines, 1.35);
    }

    /// A table across the text width: columns in proportion to `weights`,
    /// column `strong` in bold; the header row is drawn again after a page
    /// break, where `restart` draws the page's head first.
    fn table(&mut self, t: &TableSpec<'_>, restart: &mut dyn FnMut(&mut Pen<'f>)) {
        let total: f32 = t.weights.iter().sum();
        let widths: Vec<f32> = t.weights.iter().map(|w| WIDTH * w / total).collect();
        let pad = 4.0;
        let lead = 1.3;
        let wrap_row =
            |pen: &mut Pen<'f>, cells: &[String], head: bool| -> Vec<(f32, bool, Vec<String>)> {
                cells
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let bold = head || t.strong == Some(i);
                        let size = if head {
                            t.size * 0.9
                        } else if t.strong == Some(i) {
                            t.size * t.strong_scale
                        } else {
                            t.size
                        };
                        let w = widths.get(i).copied().unwrap_or(40.0) - 2.0 * pad;
                        (size, bold, pen.wrap(c, size, bold, w))
                    })
                    .collect()
            };
        let height = |cells: &[(f32, bool, Vec<String>)]| {
            cells
                .iter()
                .map(|(s, _, l)| l.len().max(1) as f32 * s * lead)
                .fold(0.0_f32, f32::max)
                + 2.0 * pad
        };
        let draw = |pen: &mut Pen<'f>, cells: &[(f32, bool, Vec<String>)], h: f32, head: bool| {
            let mut x = LEFT;
            for (i, w) in widths.iter().enumerate() {
                pen.rect(x, pen.y, *w, h, head.then_some(HEAD_FILL), Some(RULE));
                if let Some((size, bold, lines)) = cells.get(i) {
                    let color = if head { MUTED } else { INK };
                    pen.lines(x + pad, pen.y + pad, *size, *bold, color, lines, lead);
                }
                x += w;
            }
            pen.y += h;
        };
        let head = wrap_row(self, t.head, true);
        let head_h = height(&head);
        draw(self, &head, head_h, true);
        for row in t.rows {
            let cells = wrap_row(self, row, false);
            let h = height(&cells);
            if h > self.room() {
                restart(self);
                draw(self, &head, head_h, true);
            }
            draw(self, &cells, h, false);
        }
        self.y += 8.0;
    }

    /// Footers on every page: a rule, `footer` and "page / pages".
    fn footers(&mut self, footer: &str) {
        let total = self.pages.len();
        let size = 7.5;
        let footer = drawn(footer);
        for i in 0..total {
            let (w, h) = (self.pages[i].w, self.pages[i].h);
            let y = h - BOTTOM + 26.0;
            let number = format!("{} / {total}", i + 1);
            let nw = self.width(&number, size, false);
            let fw = w - 2.0 * LEFT - nw - 20.0;
            let (fsize, flines) = self.fit(&footer, false, fw, 1, size, 5.0);
            let ops = &mut self.pages[i].ops;
            ops.push(Op::Line {
                x1: LEFT,
                y1: y - 12.0,
                x2: w - LEFT,
                y2: y - 12.0,
                width: 0.5,
                color: RULE,
                dashed: false,
            });
            if let Some(first) = flines.first() {
                ops.push(Op::Text {
                    x: LEFT,
                    y,
                    size: fsize,
                    bold: false,
                    color: MUTED,
                    text: first.clone(),
                });
            }
            ops.push(Op::Text {
                x: w - LEFT - nw,
                y,
                size,
                bold: false,
                color: MUTED,
                text: number,
            });
        }
    }
}

/// A table to draw.
struct TableSpec<'a> {
    head: &'a [String],
    rows: &'a [Vec<String>],
    weights: &'a [f32],
    size: f32,
    /// A column set in bold and `strong_scale` times larger (the table
    /// number).
    strong: Option<usize>,
    strong_scale: f32,
}

fn color(c: Rgb) -> rgb::Color {
    rgb::Color::new(c.0, c.1, c.2)
}

fn fill(c: Rgb) -> Fill {
    Fill {
        paint: color(c).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn stroke(c: Rgb, width: f32, dashed: bool) -> Stroke {
    Stroke {
        paint: color(c).into(),
        width,
        dash: dashed.then(|| StrokeDash {
            array: vec![4.0, 3.0],
            offset: 0.0,
        }),
        ..Stroke::default()
    }
}

/// Writes the pages as a PDF: title and language in the document
/// information, no dates, so that the same pages give the same bytes.
fn finish(mut pen: Pen<'_>, fonts: &Fonts, title: &str, lang: Lang) -> Result<Vec<u8>, PdfError> {
    let regular = Font::new(fonts.regular.data.clone().into(), fonts.regular.index)
        .ok_or_else(|| unusable(&fonts.regular.path))?;
    let bold = Font::new(fonts.bold.data.clone().into(), fonts.bold.index)
        .ok_or_else(|| unusable(&fonts.bold.path))?;
    let mut document = Document::new();
    for p in &pen.pages {
        let settings = PageSettings::from_wh(p.w, p.h)
            .ok_or_else(|| PdfError::Write("bad page size".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for op in &p.ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    bold: is_bold,
                    color: c,
                    text,
                } => {
                    surface.set_fill(Some(fill(*c)));
                    surface.set_stroke(None);
                    let font = if *is_bold { &bold } else { &regular };
                    let run = pen.shaper.run(text, *is_bold);
                    surface.draw_glyphs(
                        Point::from_xy(*x, *y),
                        &run.glyphs,
                        font.clone(),
                        text,
                        *size,
                        false,
                    );
                }
                Op::Rect {
                    x,
                    y,
                    w,
                    h,
                    fill: f,
                    stroke: s,
                } => {
                    let mut pb = PathBuilder::new();
                    if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                        pb.push_rect(rect);
                    }
                    if let Some(path) = pb.finish() {
                        surface.set_fill(f.map(fill));
                        surface.set_stroke(s.map(|c| stroke(c, 0.6, false)));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                    }
                }
                Op::Rects { rects, color: c } => {
                    let mut pb = PathBuilder::new();
                    for [x, y, w, h] in rects {
                        if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                            pb.push_rect(rect);
                        }
                    }
                    if let Some(path) = pb.finish() {
                        surface.set_fill(Some(fill(*c)));
                        surface.set_stroke(None);
                        surface.draw_path(&path);
                    }
                }
                Op::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                    color: c,
                    dashed,
                } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(*x1, *y1);
                    pb.line_to(*x2, *y2);
                    if let Some(path) = pb.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(stroke(*c, *width, *dashed)));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                    }
                }
                Op::Push([sx, ky, kx, sy, tx, ty]) => {
                    surface.push_transform(&Transform::from_row(*sx, *ky, *kx, *sy, *tx, *ty));
                }
                Op::Pop => surface.pop(),
            }
        }
        surface.finish();
        page.finish();
    }
    document.set_metadata(
        Metadata::new()
            .title(title.to_string())
            .language(lang.tag().to_string())
            .creator("Mitra".to_string())
            .producer("Mitra (krilla)".to_string()),
    );
    document
        .finish()
        .map_err(|e| PdfError::Write(format!("{e:?}")))
}

/// The document's title block: optional demo banner, title, event, venue.
fn title_block(pen: &mut Pen<'_>, demo: &Option<String>, title: &str, event: &str, venue: &str) {
    if let Some(d) = demo {
        pen.banner(d);
    }
    pen.para(title, 20.0, true, INK);
    pen.y += 2.0;
    pen.para(event, 12.0, true, ACCENT);
    pen.para(venue, 10.0, false, MUTED);
    pen.y += 8.0;
}

/// A person's agenda as PDF (A4 portrait): the same content as
/// [`super::render_agenda_html`].
pub fn render_agenda_pdf(
    agenda: &Agenda,
    lang: Lang,
    fonts: &Fonts,
) -> Result<Vec<u8>, PaperError> {
    let v = AgendaView::new(agenda, lang)?;
    let mut pen = Pen::new(fonts)?;
    pen.page(A4_W, A4_H);
    title_block(&mut pen, &v.demo, &v.title, &v.event, &v.venue);
    // Who: name and facts on the left, the check-in code on the right.
    let qr_side = 34.0 * MM;
    let qr_x = LEFT + WIDTH - qr_side;
    let top = pen.y;
    let left_w = if v.qr.is_some() {
        WIDTH - qr_side - 18.0
    } else {
        WIDTH
    };
    let name = pen.wrap(&v.person, 17.0, true, left_w);
    let mut y = pen.lines(LEFT, top, 17.0, true, INK, &name, 1.3) + 4.0;
    let size = 10.0;
    let label_w = v
        .facts
        .iter()
        .map(|(k, _)| pen.width(k, size, false))
        .fold(0.0_f32, f32::max)
        + 10.0;
    for (k, val) in &v.facts {
        pen.text(LEFT, y, size, false, MUTED, k);
        let lines = pen.wrap(val, size, false, left_w - label_w);
        y = pen.lines(LEFT + label_w, y, size, false, INK, &lines, 1.35);
    }
    let mut bottom = y;
    if let Some(qr) = &v.qr {
        pen.qr(qr, qr_x, top, qr_side);
        let caption = pen.wrap(&v.qr_caption, 7.5, false, qr_side + 10.0);
        let mut cy = top + qr_side + 2.0;
        for l in &caption {
            pen.centred(qr_x + qr_side / 2.0, cy, 7.5, false, MUTED, l);
            cy += 7.5 * 1.3;
        }
        bottom = bottom.max(cy);
    }
    pen.y = bottom + 10.0;
    for note in &v.notes {
        pen.para(note, 8.5, false, MUTED);
    }
    pen.y += 4.0;
    let weights: &[f32] = if v.head.len() == 7 {
        &[1.3, 1.35, 0.55, 2.4, 0.9, 1.0, 1.3]
    } else {
        &[1.2, 0.6, 2.6, 1.1, 1.4, 1.4]
    };
    for (day, rows) in &v.days {
        if pen.room() < 90.0 {
            pen.page(A4_W, A4_H);
        }
        pen.y += 6.0;
        pen.para(day, 12.0, true, ACCENT);
        pen.line(
            (LEFT, pen.y + 1.0),
            (LEFT + WIDTH, pen.y + 1.0),
            1.2,
            ACCENT,
        );
        pen.y += 6.0;
        let spec = TableSpec {
            head: &v.head,
            rows,
            weights,
            size: 9.0,
            strong: Some(weights.len() - 5),
            strong_scale: 1.15,
        };
        let day_label = format!(
            "{day} {}",
            crate::paper::format::label(lang, "paper.continued", &[])
        );
        pen.table(&spec, &mut |pen| {
            pen.page(A4_W, A4_H);
            pen.para(&day_label, 11.0, true, ACCENT);
            pen.y += 4.0;
        });
    }
    if let Some(e) = &v.empty {
        pen.y += 6.0;
        pen.para(e, 11.0, false, MUTED);
    }
    pen.footers(&v.footer);
    let title = format!("{} \u{b7} {}", v.title, v.footer);
    Ok(finish(pen, fonts, &title, lang)?)
}

/// The table plan as PDF (A4 portrait): a page per slot, read from a desk:
/// the slot's time large, tables in number order.
pub fn render_table_plan_pdf(
    plan: &TablePlan,
    lang: Lang,
    fonts: &Fonts,
) -> Result<Vec<u8>, PdfError> {
    let v = PlanView::new(plan, lang);
    let mut pen = Pen::new(fonts)?;
    pen.page(A4_W, A4_H);
    title_block(&mut pen, &v.demo, &v.title, &v.event, &v.venue);
    pen.para(&v.note, 8.5, false, MUTED);
    let running = format!("{} \u{b7} {}", v.title, v.event);
    for (i, slot) in v.slots.iter().enumerate() {
        if i > 0 {
            pen.page(A4_W, A4_H);
            pen.para(&running, 9.0, false, MUTED);
            if let Some(d) = &v.demo {
                pen.y += 4.0;
                pen.banner(d);
            }
        }
        pen.y += 8.0;
        pen.para(&slot.time, 30.0, true, INK);
        pen.para(&slot.sub, 12.0, false, MUTED);
        pen.y += 8.0;
        if let Some(e) = &slot.empty {
            pen.para(e, 13.0, false, MUTED);
            continue;
        }
        let spec = TableSpec {
            head: &v.head,
            rows: &slot.rows,
            weights: &[0.7, 2.5, 2.5, 1.3, 1.0],
            size: 12.0,
            strong: Some(0),
            strong_scale: 1.3,
        };
        let cont = format!("{} {}", slot.time, v.continued);
        let running = running.clone();
        pen.table(&spec, &mut |pen| {
            pen.page(A4_W, A4_H);
            pen.para(&running, 9.0, false, MUTED);
            pen.y += 6.0;
            pen.para(&cont, 18.0, true, INK);
            pen.y += 6.0;
        });
    }
    if let Some(e) = &v.empty {
        pen.y += 6.0;
        pen.para(e, 12.0, false, MUTED);
    }
    pen.footers(&running);
    finish(pen, fonts, &running, lang)
}

/// One half of a tent, `w` × `h`, in its own upright coordinates; the
/// fold is at y = 0.
fn tent_half(pen: &mut Pen<'_>, t: &TentView, w: f32, h: f32) {
    let cx = w / 2.0;
    let max = w - 110.0;
    let (tsize, tlines) = pen.fit(&t.table, true, max, 1, 66.0, 28.0);
    let (hsize, hlines) = pen.fit(&t.host, true, max, 2, 30.0, 14.0);
    let (lsize, llines) = pen.fit(&t.languages, false, max, 2, 16.0, 10.0);
    let block = tlines.len() as f32 * tsize * 1.15
        + 10.0
        + hlines.len() as f32 * hsize * 1.25
        + 8.0
        + llines.len() as f32 * lsize * 1.3;
    let mut y = ((h - block) / 2.0).max(18.0);
    for l in &tlines {
        pen.centred(cx, y, tsize, true, INK, l);
        y += tsize * 1.15;
    }
    y += 10.0;
    for l in &hlines {
        pen.centred(cx, y, hsize, true, ACCENT, l);
        y += hsize * 1.25;
    }
    y += 8.0;
    for l in &llines {
        pen.centred(cx, y, lsize, false, MUTED, l);
        y += lsize * 1.3;
    }
    let (esize, elines) = pen.fit(&t.event, false, max, 1, 9.0, 6.0);
    if let Some(e) = elines.first() {
        pen.centred(cx, h - 22.0, esize, false, MUTED, e);
    }
    if let Some(mark) = &t.demo {
        let size = 11.0;
        let mw = pen.width(mark, size, true) + 12.0;
        pen.rect(
            w - 30.0 - mw,
            16.0,
            mw,
            size * 1.6,
            Some(DEMO_FILL),
            Some(DEMO_LINE),
        );
        pen.text(w - 24.0 - mw, 16.0 + size * 0.3, size, true, DEMO_INK, mark);
    }
}

/// Table tents as PDF: one A4 landscape page per table, to fold along the
/// dashed middle line; the upper half is turned 180° so that both sides
/// read upright when the tent stands.
pub fn render_table_tents_pdf(
    event: &PaperEvent,
    tents: &[TableTent],
    lang: Lang,
    fonts: &Fonts,
) -> Result<Vec<u8>, PdfError> {
    let v = TentsView::new(event, tents, lang);
    let (w, h) = (A4_H, A4_W);
    let half = h / 2.0;
    let mut pen = Pen::new(fonts)?;
    for t in &v.tents {
        pen.page(w, h);
        // Upper half: turned about the centre of the page's upper half.
        pen.op(Op::Push([-1.0, 0.0, 0.0, -1.0, w, half]));
        tent_half(&mut pen, t, w, half);
        pen.op(Op::Pop);
        pen.op(Op::Push([1.0, 0.0, 0.0, 1.0, 0.0, half]));
        tent_half(&mut pen, t, w, half);
        pen.op(Op::Pop);
        pen.op(Op::Line {
            x1: 0.0,
            y1: half,
            x2: w,
            y2: half,
            width: 0.6,
            color: FOLD,
            dashed: true,
        });
        pen.text(14.0, half + 3.0, 7.0, false, FOLD, &v.fold);
    }
    if let Some(e) = &v.empty {
        pen.page(A4_W, A4_H);
        pen.para(&v.title, 16.0, true, INK);
        pen.y += 6.0;
        pen.para(e, 11.0, false, MUTED);
    }
    finish(pen, fonts, &v.title, lang)
}

/// Badge size and grid: 2 × 4 badges of 90 × 55 mm, centred on A4.
const BADGE_W: f32 = 90.0 * MM;
const BADGE_H: f32 = 55.0 * MM;
const COLS: usize = 2;
const ROWS: usize = 4;

fn badge(pen: &mut Pen<'_>, b: &BadgeView, x: f32, y: f32) {
    let band = 22.0;
    pen.rect(x, y, BADGE_W, band, Some(b.band.rgb()), None);
    let mut role_w = BADGE_W - 16.0;
    if let Some(mark) = &b.demo {
        let size = 8.0;
        let mw = pen.width(mark, size, true) + 8.0;
        pen.rect(x + BADGE_W - 8.0 - mw, y + 5.0, mw, 12.0, Some(WHITE), None);
        pen.text(x + BADGE_W - 4.0 - mw, y + 7.0, size, true, DEMO_INK, mark);
        role_w -= mw + 6.0;
    }
    let (rsize, rlines) = pen.fit(&b.role, true, role_w, 1, 10.5, 6.5);
    if let Some(r) = rlines.first() {
        pen.text(x + 8.0, y + (band - rsize) / 2.0, rsize, true, WHITE, r);
    }
    let side = 40.0 * MM;
    let qr_x = x + BADGE_W - side - 3.0;
    let qr_y = y + band + (BADGE_H - band - side) / 2.0;
    pen.qr(&b.qr, qr_x, qr_y, side);
    let tx = x + 9.0;
    let tw = qr_x - tx;
    let mut ty = y + band + 7.0;
    let (nsize, nlines) = pen.fit(&b.name, true, tw, 2, 16.0, 9.0);
    ty = pen.lines(tx, ty, nsize, true, INK, &nlines, 1.2) + 3.0;
    let (osize, olines) = pen.fit(&b.organization, false, tw, 3, 9.5, 7.0);
    ty = pen.lines(tx, ty, osize, false, INK, &olines, 1.25) + 2.0;
    let clines = pen.wrap(&b.country, 8.0, false, tw);
    ty = pen.lines(tx, ty, 8.0, false, MUTED, &clines, 1.25);
    if let Some(d) = &b.delegation {
        let (dsize, dlines) = pen.fit(d, false, tw, 2, 8.0, 6.5);
        pen.lines(tx, ty, dsize, false, MUTED, &dlines, 1.25);
    }
    // The event's name at the foot, on up to two lines.
    let (esize, elines) = pen.fit(&b.event, false, tw, 2, 6.5, 5.0);
    let elines = &elines[..elines.len().min(2)];
    let etop = y + BADGE_H - 6.0 - elines.len() as f32 * esize * 1.2;
    pen.lines(tx, etop, esize, false, MUTED, elines, 1.2);
}

/// Cut marks outside the grid at every badge edge.
fn cut_marks(pen: &mut Pen<'_>, x0: f32, y0: f32) {
    let (x1, y1) = (x0 + COLS as f32 * BADGE_W, y0 + ROWS as f32 * BADGE_H);
    let (gap, len) = (4.0, 14.0);
    for c in 0..=COLS {
        let x = x0 + c as f32 * BADGE_W;
        pen.line((x, y0 - gap - len), (x, y0 - gap), 0.4, BLACK);
        pen.line((x, y1 + gap), (x, y1 + gap + len), 0.4, BLACK);
    }
    for r in 0..=ROWS {
        let y = y0 + r as f32 * BADGE_H;
        pen.line((x0 - gap - len, y), (x0 - gap, y), 0.4, BLACK);
        pen.line((x1 + gap, y), (x1 + gap + len, y), 0.4, BLACK);
    }
}

/// Badges as PDF: 2 × 4 badges of 90 × 55 mm per A4 page with cut marks,
/// each with its role band, name, organization, country, delegation and
/// check-in QR code (level M, quiet zone of 4 modules, vector modules).
pub fn render_badges_pdf(
    event: &PaperEvent,
    badges: &[Badge],
    lang: Lang,
    fonts: &Fonts,
) -> Result<Vec<u8>, PaperError> {
    let v = BadgesView::new(event, badges, lang)?;
    let mut pen = Pen::new(fonts)?;
    let x0 = (A4_W - COLS as f32 * BADGE_W) / 2.0;
    let y0 = (A4_H - ROWS as f32 * BADGE_H) / 2.0;
    let per_page = COLS * ROWS;
    let pages = v.badges.len().div_ceil(per_page);
    for (p, sheet) in v.badges.chunks(per_page).enumerate() {
        pen.page(A4_W, A4_H);
        let head = format!("{} \u{b7} {} / {pages}", v.title, p + 1);
        let (hsize, hlines) = pen.fit(&head, false, WIDTH, 1, 8.0, 5.0);
        if let Some(h) = hlines.first() {
            pen.text(LEFT, 30.0, hsize, false, MUTED, h);
        }
        cut_marks(&mut pen, x0, y0);
        for (i, b) in sheet.iter().enumerate() {
            let (c, r) = (i % COLS, i / COLS);
            badge(
                &mut pen,
                b,
                x0 + c as f32 * BADGE_W,
                y0 + r as f32 * BADGE_H,
            );
        }
    }
    if let Some(e) = &v.empty {
        pen.page(A4_W, A4_H);
        pen.para(&v.title, 16.0, true, INK);
        pen.y += 6.0;
        pen.para(e, 11.0, false, MUTED);
    }
    Ok(finish(pen, fonts, &v.title, lang)?)
}
