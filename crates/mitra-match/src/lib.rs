//! Matching engine (filled by the matching issue).
