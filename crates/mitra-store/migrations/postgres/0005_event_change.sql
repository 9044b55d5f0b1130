-- Every change to what an event's pages show counts one more in its
-- generation, so that a server can keep a page's data in memory and ask
-- one cheap question per request: has anything changed since? Triggers
-- keep the count, so no code path (and no other server) can forget it.
-- (PostgreSQL flavour of migrations/sqlite/0005.)

CREATE TABLE event_change (
    event_id    BIGINT PRIMARY KEY REFERENCES event(id) ON DELETE CASCADE,
    generation  BIGINT NOT NULL DEFAULT 0
);

INSERT INTO event_change (event_id) SELECT id FROM event;

CREATE FUNCTION event_change_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO event_change (event_id) VALUES (NEW.id);
    RETURN NULL;
END
$$;

CREATE TRIGGER event_change_new AFTER INSERT ON event
    FOR EACH ROW EXECUTE FUNCTION event_change_new();

CREATE FUNCTION event_change_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER event_change_event AFTER UPDATE ON event
    FOR EACH ROW EXECUTE FUNCTION event_change_event();

-- Rows that carry their event.
CREATE FUNCTION event_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE event_change SET generation = generation + 1 WHERE event_id = OLD.event_id;
    ELSE
        UPDATE event_change SET generation = generation + 1 WHERE event_id = NEW.event_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER session_changes_insert AFTER INSERT ON session
    FOR EACH ROW EXECUTE FUNCTION event_changed();
CREATE TRIGGER session_changes_update AFTER UPDATE ON session
    FOR EACH ROW EXECUTE FUNCTION event_changed();
CREATE TRIGGER session_changes_delete AFTER DELETE ON session
    FOR EACH ROW EXECUTE FUNCTION event_changed();

CREATE TRIGGER slot_changes_insert AFTER INSERT ON slot
    FOR EACH ROW EXECUTE FUNCTION event_changed();
CREATE TRIGGER slot_changes_update AFTER UPDATE ON slot
    FOR EACH ROW EXECUTE FUNCTION event_changed();
CREATE TRIGGER slot_changes_delete AFTER DELETE ON slot
    FOR EACH ROW EXECUTE FUNCTION event_changed();

CREATE TRIGGER delegation_changes_insert AFTER INSERT ON delegation
    FOR EACH ROW EXECUTE FUNCTION event_changed();
CREATE TRIGGER delegation_changes_update AFTER UPDATE ON delegation
    FOR EACH ROW EXECUTE FUNCTION event_changed();
CREATE TRIGGER delegation_changes_delete AFTER DELETE ON delegation
    FOR EACH ROW EXECUTE FUNCTION event_changed();

CREATE TRIGGER organization_changes_insert AFTER INSERT ON organization
    FOR EACH ROW EXECUTE FUNCTION event_changed();
CREATE TRIGGER organization_changes_update AFTER UPDATE ON organization
    FOR EACH ROW EXECUTE FUNCTION event_changed();
CREATE TRIGGER organization_changes_delete AFTER DELETE ON organization
    FOR EACH ROW EXECUTE FUNCTION event_changed();

CREATE TRIGGER meeting_table_changes_insert AFTER INSERT ON meeting_table
    FOR EACH ROW EXECUTE FUNCTION event_changed();
CREATE TRIGGER meeting_table_changes_update AFTER UPDATE ON meeting_table
    FOR EACH ROW EXECUTE FUNCTION event_changed();
CREATE TRIGGER meeting_table_changes_delete AFTER DELETE ON meeting_table
    FOR EACH ROW EXECUTE FUNCTION event_changed();

CREATE TRIGGER interpreter_changes_insert AFTER INSERT ON interpreter
    FOR EACH ROW EXECUTE FUNCTION event_changed();
CREATE TRIGGER interpreter_changes_update AFTER UPDATE ON interpreter
    FOR EACH ROW EXECUTE FUNCTION event_changed();
CREATE TRIGGER interpreter_changes_delete AFTER DELETE ON interpreter
    FOR EACH ROW EXECUTE FUNCTION event_changed();

CREATE TRIGGER person_changes_insert AFTER INSERT ON person
    FOR EACH ROW EXECUTE FUNCTION event_changed();
CREATE TRIGGER person_changes_update AFTER UPDATE ON person
    FOR EACH ROW EXECUTE FUNCTION event_changed();
CREATE TRIGGER person_changes_delete AFTER DELETE ON person
    FOR EACH ROW EXECUTE FUNCTION event_changed();

CREATE TRIGGER meeting_request_changes_insert AFTER INSERT ON meeting_request
    FOR EACH ROW EXECUTE FUNCTION event_changed();
CREATE TRIGGER meeting_request_changes_update AFTER UPDATE ON meeting_request
    FOR EACH ROW EXECUTE FUNCTION event_changed();
CREATE TRIGGER meeting_request_changes_delete AFTER DELETE ON meeting_request
    FOR EACH ROW EXECUTE FUNCTION event_changed();

CREATE TRIGGER meeting_changes_insert AFTER INSERT ON meeting
    FOR EACH ROW EXECUTE FUNCTION event_changed();
CREATE TRIGGER meeting_changes_update AFTER UPDATE ON meeting
    FOR EACH ROW EXECUTE FUNCTION event_changed();
CREATE TRIGGER meeting_changes_delete AFTER DELETE ON meeting
    FOR EACH ROW EXECUTE FUNCTION event_changed();

-- Rows that reach their event through another row.

CREATE FUNCTION trade_item_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT event_id FROM organization WHERE id = OLD.organization_id);
    ELSE
        UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT event_id FROM organization WHERE id = NEW.organization_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER trade_item_changes_insert AFTER INSERT ON trade_item
    FOR EACH ROW EXECUTE FUNCTION trade_item_changed();
CREATE TRIGGER trade_item_changes_update AFTER UPDATE ON trade_item
    FOR EACH ROW EXECUTE FUNCTION trade_item_changed();
CREATE TRIGGER trade_item_changes_delete AFTER DELETE ON trade_item
    FOR EACH ROW EXECUTE FUNCTION trade_item_changed();

CREATE FUNCTION request_clock_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT event_id FROM meeting_request WHERE id = OLD.request_id);
    ELSE
        UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT event_id FROM meeting_request WHERE id = NEW.request_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER request_clock_changes_insert AFTER INSERT ON request_clock
    FOR EACH ROW EXECUTE FUNCTION request_clock_changed();
CREATE TRIGGER request_clock_changes_update AFTER UPDATE ON request_clock
    FOR EACH ROW EXECUTE FUNCTION request_clock_changed();
CREATE TRIGGER request_clock_changes_delete AFTER DELETE ON request_clock
    FOR EACH ROW EXECUTE FUNCTION request_clock_changed();

CREATE FUNCTION outcome_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT event_id FROM meeting WHERE id = OLD.meeting_id);
    ELSE
        UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT event_id FROM meeting WHERE id = NEW.meeting_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER outcome_changes_insert AFTER INSERT ON outcome
    FOR EACH ROW EXECUTE FUNCTION outcome_changed();
CREATE TRIGGER outcome_changes_update AFTER UPDATE ON outcome
    FOR EACH ROW EXECUTE FUNCTION outcome_changed();
CREATE TRIGGER outcome_changes_delete AFTER DELETE ON outcome
    FOR EACH ROW EXECUTE FUNCTION outcome_changed();

CREATE FUNCTION recommendation_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT event_id FROM organization WHERE id = OLD.org_id);
    ELSE
        UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT event_id FROM organization WHERE id = NEW.org_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER recommendation_changes_insert AFTER INSERT ON recommendation
    FOR EACH ROW EXECUTE FUNCTION recommendation_changed();
CREATE TRIGGER recommendation_changes_update AFTER UPDATE ON recommendation
    FOR EACH ROW EXECUTE FUNCTION recommendation_changed();
CREATE TRIGGER recommendation_changes_delete AFTER DELETE ON recommendation
    FOR EACH ROW EXECUTE FUNCTION recommendation_changed();

CREATE FUNCTION mission_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT event_id FROM delegation WHERE id = OLD.delegation_id);
    ELSE
        UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT event_id FROM delegation WHERE id = NEW.delegation_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER mission_changes_insert AFTER INSERT ON mission
    FOR EACH ROW EXECUTE FUNCTION mission_changed();
CREATE TRIGGER mission_changes_update AFTER UPDATE ON mission
    FOR EACH ROW EXECUTE FUNCTION mission_changed();
CREATE TRIGGER mission_changes_delete AFTER DELETE ON mission
    FOR EACH ROW EXECUTE FUNCTION mission_changed();

CREATE FUNCTION itinerary_item_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT d.event_id FROM mission m JOIN delegation d ON d.id = m.delegation_id WHERE m.id = OLD.mission_id);
    ELSE
        UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT d.event_id FROM mission m JOIN delegation d ON d.id = m.delegation_id WHERE m.id = NEW.mission_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER itinerary_item_changes_insert AFTER INSERT ON itinerary_item
    FOR EACH ROW EXECUTE FUNCTION itinerary_item_changed();
CREATE TRIGGER itinerary_item_changes_update AFTER UPDATE ON itinerary_item
    FOR EACH ROW EXECUTE FUNCTION itinerary_item_changed();
CREATE TRIGGER itinerary_item_changes_delete AFTER DELETE ON itinerary_item
    FOR EACH ROW EXECUTE FUNCTION itinerary_item_changed();
