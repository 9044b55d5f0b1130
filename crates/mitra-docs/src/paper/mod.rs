//! Paper for the day: personal agendas, the table plan per slot, table
//! tents and badges with a check-in QR code.
//!
//! Every document comes as print-styled, self-contained HTML (inline CSS
//! with `@page` and `@media print` rules, inline SVG for QR codes, no
//! scripts, no external resources) and, with the feature `pdf`, as PDF
//! laid out with krilla in the fonts of [`crate::Fonts`] (Noto Sans CJK,
//! which sets Latin and Chinese alike). Labels come from the message
//! tables (`paper.*` keys) in the reader's [`Lang`]; names, places and
//! languages are printed as the caller gives them.
//!
//! Rendering is pure: no file I/O, no clock; the same input gives the same
//! bytes. Times are event-local [`NaiveDateTime`]s read in the event's
//! time zone ([`PaperEvent::time_zone`]); an agenda can show the reader's
//! own time beside them ([`Agenda::viewer_time_zone`]).
//!
//! | document | HTML | PDF |
//! | --- | --- | --- |
//! | personal agenda | [`render_agenda_html`] | `render_agenda_pdf` |
//! | table plan, a page per slot | [`render_table_plan_html`] | `render_table_plan_pdf` |
//! | table tents, A4 landscape folded in the middle | [`render_table_tents_html`] | `render_table_tents_pdf` |
//! | badges, 2 × 4 of 90 × 55 mm per A4 page with cut marks | [`render_badges_html`] | `render_badges_pdf` |
//!
//! QR codes encode exactly the payload given (the caller signs it), at
//! error-correction level M with a quiet zone of 4 modules, drawn as
//! vector rectangles.

mod format;
mod html;
#[cfg(feature = "pdf")]
mod pdf;
mod qr;

pub use html::{
    render_agenda_html, render_badges_html, render_table_plan_html, render_table_tents_html,
};
#[cfg(feature = "pdf")]
pub use pdf::{
    render_agenda_pdf, render_badges_pdf, render_table_plan_pdf, render_table_tents_pdf,
};
pub use qr::QR_MAX_BYTES;

use chrono::NaiveDateTime;
use chrono_tz::Tz;

#[cfg(doc)]
use crate::locale::Lang;

/// The event a document belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct PaperEvent {
    /// The event's name, as shown in headers ("Friendly Cities Enterprise
    /// Matchmaking Conference").
    pub name: String,
    /// Where it takes place.
    pub venue: String,
    /// The zone the event's local times are in (`Asia/Shanghai`).
    pub time_zone: Tz,
    /// Made from demo data: every document carries a visible demo mark.
    pub demo: bool,
}

/// One person's agenda for the event.
#[derive(Debug, Clone, PartialEq)]
pub struct Agenda {
    pub event: PaperEvent,
    pub person_name: String,
    pub organization: String,
    pub country: String,
    pub delegation: Option<String>,
    /// The reader's own zone: when it differs from the event's, each
    /// meeting shows the reader's time beside the event's (a Lampung
    /// visitor on `Asia/Jakarta` at an `Asia/Shanghai` event).
    pub viewer_time_zone: Option<Tz>,
    /// The signed check-in payload, printed as a QR code.
    pub qr_payload: Option<String>,
    /// The meetings, in any order: documents list them by start time and
    /// table.
    pub meetings: Vec<AgendaMeeting>,
}

/// A meeting on a personal agenda.
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaMeeting {
    /// Event-local start.
    pub start: NaiveDateTime,
    /// Event-local end.
    pub end: NaiveDateTime,
    /// The table's number or name ("12").
    pub table: String,
    /// The other side: its company or organization.
    pub partner: String,
    pub partner_country: String,
    pub partner_languages: Vec<String>,
    /// The interpreter's name, when one is assigned.
    pub interpreter: Option<String>,
}

/// The plan of tables for every slot of the event.
#[derive(Debug, Clone, PartialEq)]
pub struct TablePlan {
    pub event: PaperEvent,
    /// The slots, in any order: documents list them by start time.
    pub slots: Vec<PlanSlot>,
}

/// One slot of the table plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanSlot {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    /// One row per occupied table, in any order: documents sort them by
    /// table number ("2" before "10").
    pub rows: Vec<PlanRow>,
}

/// A table in a slot: who meets at it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanRow {
    pub table: String,
    pub guest: String,
    pub host: String,
    pub interpreter: Option<String>,
    /// The languages of the meeting.
    pub languages: Vec<String>,
}

/// A folded card that stands on a table.
#[derive(Debug, Clone, PartialEq)]
pub struct TableTent {
    pub table: String,
    /// The host company fixed to the table; `None` for a pooled table.
    pub host: Option<String>,
    /// The languages spoken at the table.
    pub languages: Vec<String>,
}

/// What a badge says its wearer is; the label is printed in the
/// document's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadgeRole {
    /// A visiting company's representative.
    Guest,
    /// A host company's representative.
    Host,
    DelegationLead,
    Organizer,
    Interpreter,
    /// A label the caller has already chosen (and translated).
    Other(String),
}

/// A name badge.
#[derive(Debug, Clone, PartialEq)]
pub struct Badge {
    pub name: String,
    pub organization: String,
    pub country: String,
    pub role: BadgeRole,
    pub delegation: Option<String>,
    /// The signed check-in payload: the QR code encodes exactly these
    /// bytes.
    pub qr_payload: String,
}

/// Why a paper document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PaperError {
    /// A QR payload too long for a QR code at level M.
    #[error(
        "the check-in QR code for {whose} cannot hold {len} bytes (at most {max} at error-correction level M); shorten the signed payload",
        max = QR_MAX_BYTES
    )]
    QrTooLong { whose: String, len: usize },
    /// The PDF could not be made (fonts, writing).
    #[cfg(feature = "pdf")]
    #[error(transparent)]
    Pdf(#[from] crate::pdf::PdfError),
}
