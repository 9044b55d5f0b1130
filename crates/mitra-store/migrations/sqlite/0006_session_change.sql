-- A signed-out (or otherwise ended) session counts in its event's
-- generation too, so that a server may keep the sessions it has seen in
-- memory and trust them exactly as long as the event's generation stands:
-- a sign-out on any server then reaches every other one at its next
-- request. Sign-ins need no count: a new session is not in anyone's memory.
-- (SQLite flavour.)

CREATE TRIGGER web_session_changes_update AFTER UPDATE ON web_session
BEGIN
    UPDATE event_change SET generation = generation + 1
    WHERE event_id = (SELECT event_id FROM person WHERE id = NEW.person_id);
END;

CREATE TRIGGER web_session_changes_delete AFTER DELETE ON web_session
BEGIN
    UPDATE event_change SET generation = generation + 1
    WHERE event_id = (SELECT event_id FROM person WHERE id = OLD.person_id);
END;
