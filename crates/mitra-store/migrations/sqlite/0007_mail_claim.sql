-- Several servers send one mail queue: a sender claims the due messages it
-- is about to send (`Store::claim_due_mail`), in one write, by moving their
-- `next_attempt_at` to the end of its lease and naming itself here. No
-- other sender sees them as due until the lease ends; a sender that died
-- holding a claim leaves messages that become due again when it ends.
-- Recording the attempt (`mail_sent`, `mail_failed`) lets go of the claim.
-- (SQLite flavour.)

ALTER TABLE mail_outbox ADD COLUMN claimed_by TEXT;
