-- Mitra's schema, SQLite flavour. Rows carry an integer key; the ids people
-- see (`code`) are unique within their event. The schema itself refuses
-- what must never happen: see the comments marked INVARIANT.

CREATE TABLE event (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL CHECK (name <> ''),
    name_zh       TEXT,
    name_id       TEXT,
    venue         TEXT,
    city          TEXT,
    time_zone     TEXT NOT NULL,
    slot_minutes  INTEGER NOT NULL CHECK (slot_minutes BETWEEN 5 AND 240),
    demo          INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1))
) STRICT;

CREATE TABLE session (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    date        TEXT NOT NULL,          -- YYYY-MM-DD, local to the event
    start_time  TEXT NOT NULL,          -- HH:MM
    slot_count  INTEGER NOT NULL CHECK (slot_count > 0),
    UNIQUE (event_id, code)
) STRICT;

CREATE TABLE slot (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    session_id  INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    code        TEXT NOT NULL,
    position    INTEGER NOT NULL CHECK (position >= 0),
    starts_at   TEXT NOT NULL,          -- YYYY-MM-DDTHH:MM, local to the event
    UNIQUE (event_id, code),
    UNIQUE (session_id, position)
) STRICT;

CREATE TABLE delegation (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL CHECK (name <> ''),
    country     TEXT NOT NULL CHECK (length(country) = 2),
    region      TEXT,
    lead_name   TEXT,
    objectives  TEXT NOT NULL DEFAULT '{}',   -- JSON: export_products, technology_sought, risks
    demo        INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
    UNIQUE (event_id, code)
) STRICT;

CREATE TABLE organization (
    id              INTEGER PRIMARY KEY,
    event_id        INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    code            TEXT NOT NULL,
    name            TEXT NOT NULL CHECK (name <> ''),
    side            TEXT NOT NULL CHECK (side IN ('guest', 'host')),
    country         TEXT NOT NULL CHECK (length(country) = 2),
    region          TEXT,
    delegation_id   INTEGER REFERENCES delegation(id) ON DELETE SET NULL,
    sector          TEXT,
    languages       TEXT NOT NULL DEFAULT '[]',   -- JSON list of ISO 639-1 codes
    description     TEXT,
    certifications  TEXT NOT NULL DEFAULT '[]',   -- JSON list
    capacity        TEXT,
    website         TEXT,
    demo            INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
    UNIQUE (event_id, code)
) STRICT;

CREATE TABLE trade_item (
    id               INTEGER PRIMARY KEY,
    organization_id  INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    direction        TEXT NOT NULL CHECK (direction IN ('offer', 'need')),
    position         INTEGER NOT NULL CHECK (position >= 0),
    text             TEXT NOT NULL,
    hs               TEXT NOT NULL DEFAULT '[]',  -- JSON list of 2/4/6-digit codes
    UNIQUE (organization_id, direction, position)
) STRICT;

CREATE TABLE meeting_table (
    id            INTEGER PRIMARY KEY,
    event_id      INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    code          TEXT NOT NULL,
    -- INVARIANT: a table is fixed to at most one organization, and an
    -- organization has at most one fixed table.
    fixed_org_id  INTEGER UNIQUE REFERENCES organization(id) ON DELETE SET NULL,
    UNIQUE (event_id, code)
) STRICT;

CREATE TABLE interpreter (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    code       TEXT NOT NULL,
    name       TEXT NOT NULL CHECK (name <> ''),
    email      TEXT,
    languages  TEXT NOT NULL DEFAULT '[]',
    demo       INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
    UNIQUE (event_id, code)
) STRICT;

CREATE TABLE interpreter_unavailable (
    interpreter_id  INTEGER NOT NULL REFERENCES interpreter(id) ON DELETE CASCADE,
    slot_id         INTEGER NOT NULL REFERENCES slot(id) ON DELETE CASCADE,
    PRIMARY KEY (interpreter_id, slot_id)
) STRICT;

CREATE TABLE person (
    id               INTEGER PRIMARY KEY,
    event_id         INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    code             TEXT NOT NULL,
    name             TEXT NOT NULL CHECK (name <> ''),
    email            TEXT NOT NULL,
    title            TEXT,
    languages        TEXT NOT NULL DEFAULT '[]',
    role             TEXT NOT NULL CHECK (role IN ('organizer', 'delegation-lead', 'company-rep', 'interpreter')),
    organization_id  INTEGER REFERENCES organization(id) ON DELETE CASCADE,
    delegation_id    INTEGER REFERENCES delegation(id) ON DELETE CASCADE,
    interpreter_id   INTEGER REFERENCES interpreter(id) ON DELETE CASCADE,
    demo             INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
    -- INVARIANT: a role is bound to exactly the thing it concerns.
    CHECK ((role = 'organizer' AND organization_id IS NULL AND delegation_id IS NULL AND interpreter_id IS NULL)
        OR (role = 'company-rep' AND organization_id IS NOT NULL AND delegation_id IS NULL AND interpreter_id IS NULL)
        OR (role = 'delegation-lead' AND delegation_id IS NOT NULL AND organization_id IS NULL AND interpreter_id IS NULL)
        OR (role = 'interpreter' AND interpreter_id IS NOT NULL AND organization_id IS NULL AND delegation_id IS NULL)),
    UNIQUE (event_id, code)
) STRICT;

CREATE TABLE meeting_request (
    id           INTEGER PRIMARY KEY,
    event_id     INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    from_org_id  INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    to_org_id    INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    priority     INTEGER NOT NULL CHECK (priority IN (1, 2, 3)),
    status       TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'expired', 'cancelled')),
    message      TEXT,
    CHECK (from_org_id <> to_org_id)
) STRICT;
CREATE INDEX meeting_request_by_event ON meeting_request(event_id, status);

CREATE TABLE meeting (
    id              INTEGER PRIMARY KEY,
    event_id        INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    request_id      INTEGER REFERENCES meeting_request(id) ON DELETE SET NULL,
    a_org_id        INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    b_org_id        INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    -- INVARIANT: a meeting has a known slot and table (foreign keys).
    slot_id         INTEGER NOT NULL REFERENCES slot(id) ON DELETE CASCADE,
    table_id        INTEGER NOT NULL REFERENCES meeting_table(id) ON DELETE CASCADE,
    interpreter_id  INTEGER REFERENCES interpreter(id) ON DELETE SET NULL,
    status          TEXT NOT NULL CHECK (status IN ('draft', 'published', 'held', 'no-show', 'cancelled')),
    CHECK (a_org_id <> b_org_id),
    UNIQUE (id, slot_id)
) STRICT;
-- INVARIANT: a table hosts at most one (not cancelled) meeting per slot.
CREATE UNIQUE INDEX meeting_table_once_per_slot ON meeting(slot_id, table_id) WHERE status <> 'cancelled';
CREATE INDEX meeting_by_event ON meeting(event_id, status);

-- Who is busy in which slot. Rows are written by the triggers below from
-- the meeting itself, so no code path can forget them.
-- INVARIANT: a person (organization or interpreter) is in at most one
-- meeting per slot: the unique indexes.
CREATE TABLE attendance (
    meeting_id      INTEGER NOT NULL,
    slot_id         INTEGER NOT NULL,
    org_id          INTEGER REFERENCES organization(id) ON DELETE CASCADE,
    interpreter_id  INTEGER REFERENCES interpreter(id) ON DELETE CASCADE,
    CHECK ((org_id IS NULL) <> (interpreter_id IS NULL)),
    FOREIGN KEY (meeting_id, slot_id) REFERENCES meeting(id, slot_id) ON DELETE CASCADE ON UPDATE CASCADE
) STRICT;
CREATE UNIQUE INDEX attendance_org_once_per_slot ON attendance(slot_id, org_id) WHERE org_id IS NOT NULL;
CREATE UNIQUE INDEX attendance_interpreter_once_per_slot ON attendance(slot_id, interpreter_id) WHERE interpreter_id IS NOT NULL;
CREATE INDEX attendance_by_meeting ON attendance(meeting_id);

CREATE TRIGGER meeting_attends AFTER INSERT ON meeting WHEN NEW.status <> 'cancelled'
BEGIN
    INSERT INTO attendance (meeting_id, slot_id, org_id) VALUES (NEW.id, NEW.slot_id, NEW.a_org_id);
    INSERT INTO attendance (meeting_id, slot_id, org_id) VALUES (NEW.id, NEW.slot_id, NEW.b_org_id);
    INSERT INTO attendance (meeting_id, slot_id, interpreter_id)
        SELECT NEW.id, NEW.slot_id, NEW.interpreter_id WHERE NEW.interpreter_id IS NOT NULL;
END;

CREATE TRIGGER meeting_reattends AFTER UPDATE OF slot_id, a_org_id, b_org_id, interpreter_id, status ON meeting
BEGIN
    DELETE FROM attendance WHERE meeting_id = NEW.id;
    INSERT INTO attendance (meeting_id, slot_id, org_id)
        SELECT NEW.id, NEW.slot_id, NEW.a_org_id WHERE NEW.status <> 'cancelled';
    INSERT INTO attendance (meeting_id, slot_id, org_id)
        SELECT NEW.id, NEW.slot_id, NEW.b_org_id WHERE NEW.status <> 'cancelled';
    INSERT INTO attendance (meeting_id, slot_id, interpreter_id)
        SELECT NEW.id, NEW.slot_id, NEW.interpreter_id WHERE NEW.status <> 'cancelled' AND NEW.interpreter_id IS NOT NULL;
END;

CREATE TABLE outcome (
    meeting_id      INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    org_id          INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    interest        TEXT NOT NULL CHECK (interest IN ('none', 'low', 'medium', 'high')),
    next_step       TEXT NOT NULL CHECK (next_step IN ('none', 'follow-up', 'samples', 'quotation', 'mou', 'contract')),
    products        TEXT NOT NULL DEFAULT '[]',
    value_amount    INTEGER CHECK (value_amount IS NULL OR value_amount >= 0),
    value_currency  TEXT CHECK (value_currency IS NULL OR length(value_currency) = 3),
    notes           TEXT,
    demo            INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
    PRIMARY KEY (meeting_id, org_id)
) STRICT;

-- Recommended partners, as the matching engine last computed them.
CREATE TABLE recommendation (
    org_id        INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    rank          INTEGER NOT NULL CHECK (rank >= 1),
    other_org_id  INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    score         REAL NOT NULL CHECK (score >= 0 AND score <= 1),
    reasons       TEXT NOT NULL DEFAULT '[]',   -- JSON, as in mitra/matches@1
    PRIMARY KEY (org_id, rank)
) STRICT;

-- Friendship ties are between regions, not events.
CREATE TABLE friendship_tie (
    id                 INTEGER PRIMARY KEY,
    code               TEXT NOT NULL UNIQUE,
    region_a_country   TEXT NOT NULL CHECK (length(region_a_country) = 2),
    region_a           TEXT NOT NULL,
    region_b_country   TEXT NOT NULL CHECK (length(region_b_country) = 2),
    region_b           TEXT NOT NULL,
    since              TEXT,
    status             TEXT NOT NULL CHECK (status IN ('letter-of-intent', 'memorandum-of-understanding', 'agreement')),
    cooperation_areas  TEXT NOT NULL DEFAULT '[]',
    demo               INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1))
) STRICT;

CREATE TABLE agreement (
    tie_id     INTEGER NOT NULL REFERENCES friendship_tie(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('letter-of-intent', 'memorandum-of-understanding', 'agreement')),
    title      TEXT NOT NULL,
    signed_on  TEXT,
    place      TEXT,
    summary    TEXT,
    PRIMARY KEY (tie_id, position)
) STRICT;

CREATE TABLE milestone (
    tie_id    INTEGER NOT NULL REFERENCES friendship_tie(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    title     TEXT NOT NULL,
    due       TEXT,
    status    TEXT NOT NULL CHECK (status IN ('planned', 'in-progress', 'done')),
    PRIMARY KEY (tie_id, position)
) STRICT;

CREATE TABLE mission (
    id             INTEGER PRIMARY KEY,
    delegation_id  INTEGER NOT NULL REFERENCES delegation(id) ON DELETE CASCADE,
    code           TEXT NOT NULL,
    title          TEXT NOT NULL,
    start_date     TEXT NOT NULL,
    end_date       TEXT NOT NULL,
    demo           INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
    CHECK (end_date >= start_date),
    UNIQUE (delegation_id, code)
) STRICT;

CREATE TABLE itinerary_item (
    mission_id  INTEGER NOT NULL REFERENCES mission(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    date        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('conference', 'site-visit', 'government-meeting', 'business-meeting', 'other')),
    title       TEXT NOT NULL,
    place       TEXT,
    host        TEXT,
    notes       TEXT NOT NULL DEFAULT '{}',   -- JSON: technologies_seen, lessons, contacts, follow_ups
    PRIMARY KEY (mission_id, position)
) STRICT;
