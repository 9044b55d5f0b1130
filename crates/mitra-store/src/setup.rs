//! Event setup edits and registrations awaiting approval (an `impl Store` block of its own).
