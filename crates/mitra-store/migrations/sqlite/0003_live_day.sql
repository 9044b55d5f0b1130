-- The live day: check-in, a meeting's calendar history, the mail queue and
-- the audit log.

-- The event's secret for signing badge QR codes and calendar-feed links
-- (hex). Set once; a demo sets a fixed one so that its output is stable.
ALTER TABLE event ADD COLUMN pass_key TEXT;

-- What a calendar client needs to follow a meeting: when its row last
-- changed (DTSTAMP) and how often (SEQUENCE). Written by the triggers
-- below, so no code path can forget them.
ALTER TABLE meeting ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meeting ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
UPDATE meeting SET changed_at = unixepoch();

CREATE TRIGGER meeting_stamped AFTER INSERT ON meeting
BEGIN
    UPDATE meeting SET changed_at = unixepoch() WHERE id = NEW.id;
END;

CREATE TRIGGER meeting_revised AFTER UPDATE OF slot_id, table_id, interpreter_id, status ON meeting
BEGIN
    UPDATE meeting SET changed_at = unixepoch(), revision = OLD.revision + 1 WHERE id = NEW.id;
END;

-- Who has arrived: one row per person, written when the desk scans the
-- badge.
CREATE TABLE checkin (
    person_id      INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
    checked_in_at  INTEGER NOT NULL,
    by_person_id   INTEGER REFERENCES person(id) ON DELETE SET NULL
) STRICT;

-- Mail waiting to go, or gone. A change and the mail announcing it are
-- written in one transaction, so nothing that changes an agenda goes
-- unannounced; a sender works through the queue and retries.
CREATE TABLE mail_outbox (
    id               INTEGER PRIMARY KEY,
    event_id         INTEGER REFERENCES event(id) ON DELETE CASCADE,
    message_id       TEXT NOT NULL UNIQUE,
    to_name          TEXT NOT NULL,
    to_address       TEXT NOT NULL,
    subject          TEXT NOT NULL,
    body             TEXT NOT NULL,
    calendar         TEXT,                  -- an iCalendar attachment
    created_at       INTEGER NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  INTEGER NOT NULL,
    sent_at          INTEGER,
    failed           INTEGER NOT NULL DEFAULT 0 CHECK (failed IN (0, 1)),
    last_error       TEXT
) STRICT;
CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at) WHERE sent_at IS NULL AND failed = 0;

-- Who did what, when: schedule changes, check-ins and refused scans,
-- no-shows, walk-ins, profile edits, outcomes.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER REFERENCES event(id) ON DELETE CASCADE,
    at         INTEGER NOT NULL,
    actor      TEXT NOT NULL,               -- a person's code, or 'system'
    action     TEXT NOT NULL,
    subject    TEXT NOT NULL DEFAULT '',
    detail     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX audit_log_by_event ON audit_log(event_id, at);
