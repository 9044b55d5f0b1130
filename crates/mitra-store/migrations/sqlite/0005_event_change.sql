-- Every change to what an event's pages show counts one more in its
-- generation, so that a server can keep a page's data in memory and ask
-- one cheap question per request: has anything changed since? Triggers
-- keep the count, so no code path (and no other server) can forget it.
-- (SQLite flavour.)

CREATE TABLE event_change (
    event_id    INTEGER PRIMARY KEY REFERENCES event(id) ON DELETE CASCADE,
    generation  INTEGER NOT NULL DEFAULT 0
) STRICT;

INSERT INTO event_change (event_id) SELECT id FROM event;

CREATE TRIGGER event_change_new AFTER INSERT ON event
BEGIN
    INSERT INTO event_change (event_id) VALUES (NEW.id);
END;

CREATE TRIGGER event_change_event AFTER UPDATE ON event
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = NEW.id;
END;

CREATE TRIGGER session_changes_insert AFTER INSERT ON session
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = NEW.event_id;
END;

CREATE TRIGGER session_changes_update AFTER UPDATE ON session
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = NEW.event_id;
END;

CREATE TRIGGER session_changes_delete AFTER DELETE ON session
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = OLD.event_id;
END;

CREATE TRIGGER slot_changes_insert AFTER INSERT ON slot
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = NEW.event_id;
END;

CREATE TRIGGER slot_changes_update AFTER UPDATE ON slot
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = NEW.event_id;
END;

CREATE TRIGGER slot_changes_delete AFTER DELETE ON slot
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = OLD.event_id;
END;

CREATE TRIGGER delegation_changes_insert AFTER INSERT ON delegation
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = NEW.event_id;
END;

CREATE TRIGGER delegation_changes_update AFTER UPDATE ON delegation
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = NEW.event_id;
END;

CREATE TRIGGER delegation_changes_delete AFTER DELETE ON delegation
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = OLD.event_id;
END;

CREATE TRIGGER organization_changes_insert AFTER INSERT ON organization
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = NEW.event_id;
END;

CREATE TRIGGER organization_changes_update AFTER UPDATE ON organization
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = NEW.event_id;
END;

CREATE TRIGGER organization_changes_delete AFTER DELETE ON organization
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = OLD.event_id;
END;

CREATE TRIGGER meeting_table_changes_insert AFTER INSERT ON meeting_table
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = NEW.event_id;
END;

CREATE TRIGGER meeting_table_changes_update AFTER UPDATE ON meeting_table
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = NEW.event_id;
END;

CREATE TRIGGER meeting_table_changes_delete AFTER DELETE ON meeting_table
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = OLD.event_id;
END;

CREATE TRIGGER interpreter_changes_insert AFTER INSERT ON interpreter
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = NEW.event_id;
END;

CREATE TRIGGER interpreter_changes_update AFTER UPDATE ON interpreter
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = NEW.event_id;
END;

CREATE TRIGGER interpreter_changes_delete AFTER DELETE ON interpreter
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = OLD.event_id;
END;

CREATE TRIGGER person_changes_insert AFTER INSERT ON person
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = NEW.event_id;
END;

CREATE TRIGGER person_changes_update AFTER UPDATE ON person
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = NEW.event_id;
END;

CREATE TRIGGER person_changes_delete AFTER DELETE ON person
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = OLD.event_id;
END;

CREATE TRIGGER meeting_request_changes_insert AFTER INSERT ON meeting_request
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = NEW.event_id;
END;

CREATE TRIGGER meeting_request_changes_update AFTER UPDATE ON meeting_request
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = NEW.event_id;
END;

CREATE TRIGGER meeting_request_changes_delete AFTER DELETE ON meeting_request
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = OLD.event_id;
END;

CREATE TRIGGER meeting_changes_insert AFTER INSERT ON meeting
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = NEW.event_id;
END;

CREATE TRIGGER meeting_changes_update AFTER UPDATE ON meeting
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = NEW.event_id;
END;

CREATE TRIGGER meeting_changes_delete AFTER DELETE ON meeting
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = OLD.event_id;
END;

CREATE TRIGGER trade_item_changes_insert AFTER INSERT ON trade_item
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT event_id FROM organization WHERE id = NEW.organization_id);
END;

CREATE TRIGGER trade_item_changes_update AFTER UPDATE ON trade_item
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT event_id FROM organization WHERE id = NEW.organization_id);
END;

CREATE TRIGGER trade_item_changes_delete AFTER DELETE ON trade_item
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT event_id FROM organization WHERE id = OLD.organization_id);
END;

CREATE TRIGGER request_clock_changes_insert AFTER INSERT ON request_clock
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT event_id FROM meeting_request WHERE id = NEW.request_id);
END;

CREATE TRIGGER request_clock_changes_update AFTER UPDATE ON request_clock
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT event_id FROM meeting_request WHERE id = NEW.request_id);
END;

CREATE TRIGGER request_clock_changes_delete AFTER DELETE ON request_clock
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT event_id FROM meeting_request WHERE id = OLD.request_id);
END;

CREATE TRIGGER outcome_changes_insert AFTER INSERT ON outcome
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT event_id FROM meeting WHERE id = NEW.meeting_id);
END;

CREATE TRIGGER outcome_changes_update AFTER UPDATE ON outcome
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT event_id FROM meeting WHERE id = NEW.meeting_id);
END;

CREATE TRIGGER outcome_changes_delete AFTER DELETE ON outcome
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT event_id FROM meeting WHERE id = OLD.meeting_id);
END;

CREATE TRIGGER recommendation_changes_insert AFTER INSERT ON recommendation
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT event_id FROM organization WHERE id = NEW.org_id);
END;

CREATE TRIGGER recommendation_changes_update AFTER UPDATE ON recommendation
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT event_id FROM organization WHERE id = NEW.org_id);
END;

CREATE TRIGGER recommendation_changes_delete AFTER DELETE ON recommendation
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT event_id FROM organization WHERE id = OLD.org_id);
END;

CREATE TRIGGER mission_changes_insert AFTER INSERT ON mission
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT event_id FROM delegation WHERE id = NEW.delegation_id);
END;

CREATE TRIGGER mission_changes_update AFTER UPDATE ON mission
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT event_id FROM delegation WHERE id = NEW.delegation_id);
END;

CREATE TRIGGER mission_changes_delete AFTER DELETE ON mission
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT event_id FROM delegation WHERE id = OLD.delegation_id);
END;

CREATE TRIGGER itinerary_item_changes_insert AFTER INSERT ON itinerary_item
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT d.event_id FROM mission m JOIN delegation d ON d.id = m.delegation_id WHERE m.id = NEW.mission_id);
END;

CREATE TRIGGER itinerary_item_changes_update AFTER UPDATE ON itinerary_item
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT d.event_id FROM mission m JOIN delegation d ON d.id = m.delegation_id WHERE m.id = NEW.mission_id);
END;

CREATE TRIGGER itinerary_item_changes_delete AFTER DELETE ON itinerary_item
BEGIN
    UPDATE event_change SET generation = generation + 1 WHERE event_id = (SELECT d.event_id FROM mission m JOIN delegation d ON d.id = m.delegation_id WHERE m.id = OLD.mission_id);
END;
