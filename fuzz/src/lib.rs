//! What the fuzz targets share.

use std::sync::atomic::{AtomicBool, Ordering};

/// Lets a panic inside calamine unwind to mitra-sheets, which turns it
/// into a problem with the file (`read_workbook_guarded`: calamine is a
/// third-party parser that panics on some malformed workbooks). Every
/// other panic still goes to libFuzzer's hook, which prints it and aborts:
/// that is a crash. Call it from a target's `init`, after libFuzzer has
/// set its hook. Notes the first caught panic once, so that a run's log
/// shows that it happens.
pub fn let_calamine_panics_unwind() {
    let aborting = std::panic::take_hook();
    static NOTED: AtomicBool = AtomicBool::new(false);
    std::panic::set_hook(Box::new(move |info| {
        let in_calamine = info
            .location()
            .is_some_and(|at| at.file().contains("/calamine-"));
        if !in_calamine {
            aborting(info);
        } else if !NOTED.swap(true, Ordering::Relaxed) {
            eprintln!("note: calamine panicked, mitra-sheets should catch it: {info}");
        }
    }));
}
