//! The mail sender: works through the queue the store keeps, over the one
//! configured transport (SMTP with TLS, or an outbox folder), and records
//! each attempt. A server that is down leaves the message queued with a
//! later retry time; a refusal for good is kept and shown to the organizer.

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

/// How many messages one pass takes.
const BATCH: u32 = 200;

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

/// Sends every message due at `now` (Unix seconds).
pub async fn deliver_due(
    store: &Store,
    config: &MailConfig,
    now: i64,
) -> Result<Delivery, StoreError> {
    let mut delivery = Delivery::default();
    for queued in store.due_mail(now, BATCH).await? {
        match config.transport.send(&mail_of(&queued, &config.from)).await {
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
    }
    Ok(delivery)
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
