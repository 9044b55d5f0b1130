//! Documents as bytes: Mitra's reports rendered from the content model of
//! `mitra-insight`, with no file I/O.
//!
//! * [`render_mission_html`]: the delegation's mission report;
//! * [`render_event_html`]: the organizer's event report.
//!
//! Each is one self-contained HTML5 file (inline CSS with print rules,
//! inline SVG charts, no scripts, no external resources) in English,
//! Bahasa Indonesia or Simplified Chinese ([`Lang`]), following the form
//! its readers expect: in Indonesian the *laporan kunjungan kerja*
//! (Pendahuluan, Pelaksanaan, Hasil Kunjungan, Analisis, Rekomendasi dan
//! Tindak Lanjut, Penutup, Lampiran), in Chinese the 出访报告 (基本情况、
//! 主要活动、成果、分析、建议、附件), in English an executive-summary-first
//! mission report. The same input gives the same bytes.
//!
//! Text comes from the message tables in `locales/{en,id,zh}.txt` (see
//! [`locale`]). Every figure is printed with its origin beside it:
//! illustrative figures carry a visible "illustrative" label, published
//! ones their source and period, loaded ones their file.
//!
//! The same reports as PDF (feature `pdf`, on by default):
//! [`render_mission_pdf`] and [`render_event_pdf`] lay out the blocks of the
//! HTML ([`blocks`]) on A4 pages with krilla, in a font that covers Latin
//! and Chinese found by [`Fonts::system`]. The mission report's tables as an
//! XLSX annex (feature `xlsx`, on by default): [`render_mission_xlsx`].
//!
//! The day's paper ([`paper`]): personal agendas, the table plan per slot,
//! table tents and badges with a check-in QR code, as print-styled HTML and
//! PDF; and calendars ([`ics`]): RFC 5545 feeds that follow moves and
//! cancellations.

pub mod blocks;
pub mod event;
pub mod html;
pub mod ics;
pub mod locale;
pub mod mission;
pub mod paper;
#[cfg(feature = "pdf")]
pub mod pdf;
#[cfg(feature = "xlsx")]
pub mod xlsx;

pub use event::render_event_html;
pub use locale::Lang;
pub use mission::render_mission_html;
pub use paper::{
    Agenda, AgendaMeeting, Badge, BadgeRole, PaperError, PaperEvent, PlanRow, PlanSlot, TablePlan,
    TableTent, render_agenda_html, render_badges_html, render_table_plan_html,
    render_table_tents_html,
};
#[cfg(feature = "pdf")]
pub use paper::{
    render_agenda_pdf, render_badges_pdf, render_table_plan_pdf, render_table_tents_pdf,
};
#[cfg(feature = "pdf")]
pub use pdf::{Fonts, PdfError, render_event_pdf, render_mission_pdf};
#[cfg(feature = "xlsx")]
pub use xlsx::{XlsxRenderError, render_mission_xlsx};

/// Strips tags and decodes the few entities we produce, for SVG text.
pub(crate) fn plain_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
