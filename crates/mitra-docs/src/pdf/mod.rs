//! The reports as PDF, made in-process with krilla (text shaping, font
//! subsetting) from the same blocks as the HTML ([`crate::blocks`]), laid
//! out by [`layout`].
//!
//! Output is deterministic: the document information holds the title,
//! language and creator but no date, and krilla derives the file ids from
//! the content.

mod fonts;
pub mod layout;
pub(crate) mod shaper;

pub use fonts::Fonts;

use crate::blocks::{Doc, from_html};
use crate::locale::Lang;
use crate::{render_event_html, render_mission_html};
use krilla::Document;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::destination::{Destination, XyzDestination};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::Font;
use layout::{Composer, Laid, Op, PAGE_H, PAGE_W, Rgb};
use mitra_insight::event::EventReport;
use mitra_insight::mission::MissionReport;
use shaper::Shaper;
use std::path::PathBuf;

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(
        "no CJK font found; install Debian's fonts-noto-cjk or set MITRA_CJK_FONT to a Noto Sans CJK file (searched {})",
        searched.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
    )]
    NoFont { searched: Vec<PathBuf> },
    #[error("cannot read the font {}: {source}", path.display())]
    FontUnreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the font {} has no face with Latin and Chinese glyphs; use Noto Sans CJK (Debian's fonts-noto-cjk)",
        path.display()
    )]
    FontUnusable { path: PathBuf },
    #[error("cannot write the PDF: {0}")]
    Write(String),
}

/// Renders the delegation's mission report as PDF: the same sections, in
/// the same order and words, as [`render_mission_html`].
pub fn render_mission_pdf(
    report: &MissionReport,
    lang: Lang,
    fonts: &Fonts,
) -> Result<Vec<u8>, PdfError> {
    let html = render_mission_html(report, lang);
    render_doc(&from_html(&String::from_utf8_lossy(&html)), fonts)
}

/// Renders the organizer's event report as PDF, like [`render_event_html`].
pub fn render_event_pdf(
    report: &EventReport,
    lang: Lang,
    fonts: &Fonts,
) -> Result<Vec<u8>, PdfError> {
    let html = render_event_html(report, lang);
    render_doc(&from_html(&String::from_utf8_lossy(&html)), fonts)
}

fn unusable(face: &fonts::Face) -> PdfError {
    PdfError::FontUnusable {
        path: face.path.clone(),
    }
}

fn render_doc(doc: &Doc, fonts: &Fonts) -> Result<Vec<u8>, PdfError> {
    let regular_face = rustybuzz::Face::from_slice(&fonts.regular.data, fonts.regular.index)
        .ok_or_else(|| unusable(&fonts.regular))?;
    let bold_face = rustybuzz::Face::from_slice(&fonts.bold.data, fonts.bold.index)
        .ok_or_else(|| unusable(&fonts.bold))?;
    let mut shaper = Shaper::new(regular_face, bold_face);
    let mut composer = Composer::new(&mut shaper);
    for block in &doc.blocks {
        composer.block(block);
    }
    let laid = composer.finish(&doc.title);
    let regular = Font::new(fonts.regular.data.clone().into(), fonts.regular.index)
        .ok_or_else(|| unusable(&fonts.regular))?;
    let bold = Font::new(fonts.bold.data.clone().into(), fonts.bold.index)
        .ok_or_else(|| unusable(&fonts.bold))?;
    emit(&laid, doc, &regular, &bold, &mut shaper)
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

fn stroke(c: Rgb, width: f32) -> Stroke {
    Stroke {
        paint: color(c).into(),
        width,
        ..Stroke::default()
    }
}

/// A jump to a little above `y` on `page`.
fn destination(page: usize, y: f32) -> XyzDestination {
    XyzDestination::new(page, Point::from_xy(0.0, (y - 12.0).max(0.0)))
}

fn emit(
    laid: &Laid,
    doc: &Doc,
    regular: &Font,
    bold: &Font,
    shaper: &mut Shaper<'_>,
) -> Result<Vec<u8>, PdfError> {
    let mut document = Document::new();
    let size = PageSettings::from_wh(PAGE_W, PAGE_H)
        .ok_or_else(|| PdfError::Write("bad page size".into()))?;
    for ops in &laid.pages {
        let mut page = document.start_page_with(size.clone());
        let mut links = Vec::new();
        {
            let mut surface = page.surface();
            for op in ops {
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
                        let font = if *is_bold { bold } else { regular };
                        let run = shaper.run(text, *is_bold);
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
                            surface.set_stroke(s.map(|c| stroke(c, 0.6)));
                            surface.draw_path(&path);
                            surface.set_stroke(None);
                        }
                    }
                    Op::Line {
                        x1,
                        y1,
                        x2,
                        y2,
                        width,
                        color: c,
                    } => {
                        let mut pb = PathBuilder::new();
                        pb.move_to(*x1, *y1);
                        pb.line_to(*x2, *y2);
                        if let Some(path) = pb.finish() {
                            surface.set_fill(None);
                            surface.set_stroke(Some(stroke(*c, *width)));
                            surface.draw_path(&path);
                            surface.set_stroke(None);
                        }
                    }
                    Op::Link { x, y, w, h, target } => {
                        if let (Some(&(p, ty)), Some(rect)) =
                            (laid.anchors.get(target), Rect::from_xywh(*x, *y, *w, *h))
                        {
                            links.push((rect, destination(p, ty)));
                        }
                    }
                }
            }
            surface.finish();
        }
        for (rect, dest) in links {
            page.add_annotation(Annotation::new_link(
                LinkAnnotation::new(rect, Target::Destination(Destination::Xyz(dest))),
                None,
            ));
        }
        page.finish();
    }
    let mut outline = Outline::new();
    let mut current: Option<OutlineNode> = None;
    for entry in &laid.outline {
        let node = OutlineNode::new(entry.text.clone(), destination(entry.page, entry.y));
        if entry.level <= 2 {
            if let Some(done) = current.take() {
                outline.push_child(done);
            }
            current = Some(node);
        } else {
            match current.as_mut() {
                Some(parent) => parent.push_child(node),
                None => outline.push_child(node),
            }
        }
    }
    if let Some(done) = current.take() {
        outline.push_child(done);
    }
    document.set_outline(outline);
    document.set_metadata(
        Metadata::new()
            .title(doc.title.clone())
            .language(doc.lang.clone())
            .creator("Mitra".to_string())
            .producer("Mitra (krilla)".to_string()),
    );
    document
        .finish()
        .map_err(|e| PdfError::Write(format!("{e:?}")))
}
