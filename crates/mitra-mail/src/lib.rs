//! E-mail out: SMTP with TLS, or an outbox folder in development and tests.
