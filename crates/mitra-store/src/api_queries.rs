//! Queries the JSON API needs beyond the pages' own (an `impl Store` block of its own).
