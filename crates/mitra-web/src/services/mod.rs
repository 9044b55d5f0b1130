//! The engines run against the store: matching into recommendations, the
//! scheduler into a proposal, and a reviewed proposal into published
//! meetings. The web's organizer pages and the command line share these.

pub mod engines;
pub mod reports;
