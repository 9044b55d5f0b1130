//! Trade indicators and report content (filled by the reports issue).
