//! iCalendar (RFC 5545) feeds of a person's meetings.
