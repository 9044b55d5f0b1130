//! The mail sender: works through the queue the store keeps, over the one
//! configured transport (SMTP with TLS, or an outbox folder), and records
//! each attempt. A server that is down leaves the message queued with a
//! later retry time; a refusal for good is kept and shown to the organizer.
//!
//! Every `mitra serve` runs a sender, and several servers may share one
//! database: a sender claims the messages it is about to send for a lease
//! ([`Store::claim_due_mail`]), so that no message goes out twice; a sender
//! that dies holding a claim leaves its messages to the others once the
//! lease ends.

use mitra_mail::{Attachment, Mail, MailTransport, Mailbox, next_attempt_delay};
use mitra_store::{QueuedMail, Store, StoreError};
use std::sync::Arc;
use std::time::Duration;

/// Where mail goes and whom it is from, configured in one place
/// (`mitra serve --mail URL --mail-from ADDRESS`).
#[derive(Debug)]
pub struct MailConfig {
    pub transport: MailTransport,
    pub from: Mailbox,
}

/// What one pass over the queue did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delivery {
    pub sent: usize,
    pub retrying: usize,
    pub refused: usize,
}

/// How many messages one pass sends at most.
const BATCH: usize = 200;

/// How many messages one claim takes: few, so that a claim is sent well
/// within its lease, and so that several senders share a long queue.
const CLAIM: u32 = 10;

/// How long a claim keeps other senders off its messages (seconds of the
/// queue's clock). A sender stops sending a claim it has held for half of
/// this (a transport that hangs), leaving the rest to the next claim.
pub const LEASE_SECS: i64 = 15 * 60;

/// This process's name in the claims it makes: for whoever looks at the
/// queue (`claimed_by`); the claim itself does not depend on it.
fn sender_name() -> &'static str {
    static NAME: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    NAME.get_or_init(|| {
        let started = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        format!("mitra-{}-{started:x}", std::process::id())
    })
}

fn mail_of(queued: &QueuedMail, from: &Mailbox) -> Mail {
    let m = &queued.mail;
    Mail {
        message_id: m.message_id.clone(),
        from: from.clone(),
        to: Mailbox::new(m.to_name.clone(), m.to_address.clone()),
        subject: m.subject.clone(),
        text: m.body.clone(),
        html: None,
        attachments: m
            .calendar
            .iter()
            .map(|ics| {
                Attachment::calendar("mitra-agenda.ics", "PUBLISH", ics.clone().into_bytes())
            })
            .collect(),
    }
}

/// Sends the messages due at `now` (Unix seconds), up to [`BATCH`] of
/// them, claiming each few before sending them.
pub async fn deliver_due(
    store: &Store,
    config: &MailConfig,
    now: i64,
) -> Result<Delivery, StoreError> {
    let mut delivery = Delivery::default();
    let started = std::time::Instant::now();
    let lease = Duration::from_secs(LEASE_SECS.unsigned_abs());
    let mut taken = 0;
    while taken < BATCH {
        let claim = store
            .claim_due_mail(sender_name(), now, now + LEASE_SECS, CLAIM)
            .await?;
        if claim.is_empty() {
            break;
        }
        taken += claim.len();
        for queued in claim {
            if started.elapsed() > lease / 2 {
                // The claim may lapse before we are done: the rest is
                // another sender's (or our next pass's) once it has.
                return Ok(delivery);
            }
            send_one(store, config, now, &queued, &mut delivery).await?;
        }
    }
    Ok(delivery)
}

async fn send_one(
    store: &Store,
    config: &MailConfig,
    now: i64,
    queued: &QueuedMail,
    delivery: &mut Delivery,
) -> Result<(), StoreError> {
    match config.transport.send(&mail_of(queued, &config.from)).await {
        Ok(()) => {
            store.mail_sent(queued.id, now).await?;
            delivery.sent += 1;
        }
        Err(e) if e.is_transient() => {
            let wait = next_attempt_delay(queued.attempts.saturating_add(1));
            let retry_at = now + i64::try_from(wait.as_secs()).unwrap_or(3600).max(1);
            tracing::warn!(message = %queued.mail.message_id, error = %e, "mail will be retried");
            store
                .mail_failed(queued.id, &e.to_string(), Some(retry_at))
                .await?;
            delivery.retrying += 1;
        }
        Err(e) => {
            tracing::error!(message = %queued.mail.message_id, error = %e, "mail refused");
            store.mail_failed(queued.id, &e.to_string(), None).await?;
            delivery.refused += 1;
        }
    }
    Ok(())
}

/// Runs the sender in the background every `every`, until the process
/// ends.
pub fn spawn(
    store: Store,
    config: Arc<MailConfig>,
    every: Duration,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = deliver_due(&store, &config, crate::auth::now()).await {
                tracing::error!(error = %e, "the mail queue could not be read");
            }
        }
    })
}
