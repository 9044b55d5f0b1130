//! Scheduler (filled by the scheduling issue).
