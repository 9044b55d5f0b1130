//! Mitra's domain: the things a friendship-city matchmaking conference is
//! made of, as types that cannot hold an invalid value. No I/O here.

pub mod codes;
pub mod enums;
pub mod event;
pub mod ids;
pub mod meeting;
pub mod mission;
pub mod organization;
pub mod people;
