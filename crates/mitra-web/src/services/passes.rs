//! Signed passes: the code in a badge's QR (checked in at the desk) and
//! the secret part of a person's calendar-feed link. Both are an HMAC
//! (SHA-256) under the event's own secret, so a code from another event or
//! an edited one is refused, and changing the secret revokes them all.

use mitra_core::ids::{EventId, PersonId};
use mitra_store::Store;
use sha2::{Digest, Sha256};

/// The prefix of every badge code, with the format's version.
pub const BADGE_PREFIX: &str = "MITRA1";

/// Why a scanned code was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PassError {
    #[error("not a Mitra badge code")]
    Malformed,
    #[error("a badge of another event ({0})")]
    OtherEvent(String),
    #[error("the code's signature does not match: forged or altered")]
    Forged,
}

/// HMAC-SHA256 (RFC 2104).
fn hmac(key: &[u8], message: &[u8]) -> [u8; 32] {
    const BLOCK: usize = 64;
    let mut block = [0u8; BLOCK];
    if key.len() > BLOCK {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| block.map(|b| b ^ byte);
    let inner = Sha256::new()
        .chain_update(pad(0x36))
        .chain_update(message)
        .finalize();
    Sha256::new()
        .chain_update(pad(0x5c))
        .chain_update(inner)
        .finalize()
        .into()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares without stopping at the first difference.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The event's secret, made on first use.
pub async fn event_secret(
    store: &Store,
    event: &EventId,
) -> Result<String, mitra_store::StoreError> {
    let fresh = crate::auth::random_token().map_err(mitra_store::StoreError::Conflict)?;
    store.pass_key(event, &fresh).await
}

fn signature(
    secret: &str,
    purpose: &str,
    event: &EventId,
    person: &PersonId,
    len: usize,
) -> String {
    let message = format!("{purpose}|{event}|{person}");
    let mut sig = hex(&hmac(secret.as_bytes(), message.as_bytes()));
    sig.truncate(len);
    sig
}

/// The text a person's badge QR code carries.
pub fn badge_code(secret: &str, event: &EventId, person: &PersonId) -> String {
    format!(
        "{BADGE_PREFIX}|{event}|{person}|{}",
        signature(secret, "badge", event, person, 24)
    )
}

/// Reads a scanned badge code for `event`: the person it names, if the
/// signature holds.
pub fn read_badge(secret: &str, event: &EventId, code: &str) -> Result<PersonId, PassError> {
    let mut parts = code.trim().split('|');
    let (Some(BADGE_PREFIX), Some(their_event), Some(person), Some(sig), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Err(PassError::Malformed);
    };
    if their_event != event.as_str() {
        return Err(PassError::OtherEvent(
            their_event.chars().take(40).collect(),
        ));
    }
    let person = PersonId::parse(person).map_err(|_| PassError::Malformed)?;
    if !same(sig, &signature(secret, "badge", event, &person, 24)) {
        return Err(PassError::Forged);
    }
    Ok(person)
}

/// The secret part of a person's calendar-feed link.
pub fn feed_token(secret: &str, event: &EventId, person: &PersonId) -> String {
    signature(secret, "calendar", event, person, 32)
}

/// Whether `token` opens `person`'s feed.
pub fn feed_token_holds(secret: &str, event: &EventId, person: &PersonId, token: &str) -> bool {
    same(token, &feed_token(secret, event, person))
}

/// The path of a person's calendar feed.
pub fn feed_path(secret: &str, event: &EventId, person: &PersonId) -> String {
    format!(
        "/calendar/{event}/{person}/{}.ics",
        feed_token(secret, event, person)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231_case_2() {
        let mac = hmac(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex(&mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn a_badge_reads_back_and_edits_are_refused() {
        let event = EventId::parse("fcw-2025-jinan").expect("id");
        let person = PersonId::parse("rep-lpg-01").expect("id");
        let code = badge_code("s3cret", &event, &person);
        assert_eq!(read_badge("s3cret", &event, &code), Ok(person.clone()));
        assert_eq!(read_badge("other", &event, &code), Err(PassError::Forged));
        let swapped = code.replace("rep-lpg-01", "rep-lpg-02");
        assert_eq!(
            read_badge("s3cret", &event, &swapped),
            Err(PassError::Forged)
        );
        let elsewhere = EventId::parse("fcw-2026-qingdao").expect("id");
        assert!(matches!(
            read_badge("s3cret", &elsewhere, &code),
            Err(PassError::OtherEvent(_))
        ));
        assert_eq!(
            read_badge("s3cret", &event, "hello"),
            Err(PassError::Malformed)
        );
        assert!(feed_token_holds(
            "s3cret",
            &event,
            &person,
            &feed_token("s3cret", &event, &person)
        ));
        assert!(!feed_token_holds("s3cret", &event, &person, "0000"));
    }
}
