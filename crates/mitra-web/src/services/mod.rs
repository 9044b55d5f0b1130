//! The engines run against the store: matching into recommendations, the
//! scheduler into a proposal, and a reviewed proposal into published
//! meetings. The web's organizer pages and the command line share these.

pub mod calendar;
pub mod day;
pub mod engines;
pub mod mailer;
pub mod notify;
pub mod paper;
pub mod passes;
pub mod reports;
pub mod sessions;
pub mod snapshot;
