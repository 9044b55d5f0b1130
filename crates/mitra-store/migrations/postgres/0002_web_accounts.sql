-- The web application's accounts and the clock of meeting requests.
-- Secrets are never stored: only the SHA-256 of a token, and the argon2
-- hash of a password. (PostgreSQL flavour of migrations/sqlite/0002.)

-- An organizer's password (argon2 PHC string). Other roles sign in by
-- invitation link only.
CREATE TABLE password_login (
    person_id  BIGINT PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
    hash       TEXT COLLATE "C" NOT NULL CHECK (hash LIKE '$argon2%')
);

-- Single-use, expiring invitation links.
CREATE TABLE invitation (
    token_hash  TEXT COLLATE "C" PRIMARY KEY CHECK (length(token_hash) = 64),
    person_id   BIGINT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL,          -- Unix seconds
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT,
    CHECK (expires_at > created_at)
);

-- Signed-in browsers. The cookie holds the token; the row its hash, the
-- CSRF token of the session's forms and its expiry.
CREATE TABLE web_session (
    token_hash  TEXT COLLATE "C" PRIMARY KEY CHECK (length(token_hash) = 64),
    person_id   BIGINT NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    csrf        TEXT COLLATE "C" NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX web_session_by_person ON web_session(person_id);

-- When a request made on the web was made, when it lapses unanswered, and
-- the answer's message. Requests from imports and the demo have no row and
-- do not lapse.
CREATE TABLE request_clock (
    request_id      BIGINT PRIMARY KEY REFERENCES meeting_request(id) ON DELETE CASCADE,
    created_at      BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL,
    answered_at     BIGINT,
    answer_message  TEXT COLLATE "C",
    CHECK (expires_at > created_at)
);
CREATE INDEX request_clock_by_expiry ON request_clock(expires_at) WHERE answered_at IS NULL;

-- A schedule the organizer has computed but not yet published
-- (mitra/schedule@1 JSON), one per event.
CREATE TABLE schedule_proposal (
    event_id    BIGINT PRIMARY KEY REFERENCES event(id) ON DELETE CASCADE,
    json        TEXT COLLATE "C" NOT NULL,
    created_at  BIGINT NOT NULL
);
