-- Companies that registered themselves on the public form, waiting for the
-- organizer's decision. A registration is not an organization: matching,
-- scheduling and the public pages read `organization` only, so a pending
-- or rejected company appears nowhere. Approving one writes the
-- organization and its representative in the same transaction as the
-- decision.
CREATE TABLE registration (
    id               INTEGER PRIMARY KEY,
    event_id         INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    company_name     TEXT NOT NULL CHECK (company_name <> ''),
    email            TEXT NOT NULL CHECK (email <> ''),   -- the representative's
    submitted        TEXT NOT NULL,                      -- JSON: everything the form took
    status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    submitted_at     INTEGER NOT NULL,                   -- Unix seconds
    decided_at       INTEGER,
    decided_by       INTEGER REFERENCES person(id) ON DELETE SET NULL,
    organization_id  INTEGER REFERENCES organization(id) ON DELETE SET NULL,
    -- INVARIANT: a decision has a time, and only an approval makes an
    -- organization.
    CHECK ((status = 'pending') = (decided_at IS NULL)),
    CHECK (status = 'approved' OR organization_id IS NULL)
) STRICT;
CREATE INDEX registration_by_event ON registration(event_id, status, id);
-- INVARIANT: one pending registration per company name and per e-mail
-- address in an event.
CREATE UNIQUE INDEX registration_pending_name ON registration(event_id, lower(company_name)) WHERE status = 'pending';
CREATE UNIQUE INDEX registration_pending_email ON registration(event_id, lower(email)) WHERE status = 'pending';
