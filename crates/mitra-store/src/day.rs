//! The live day: check-in, no-shows, walk-ins, calendar history and the mail queue.
