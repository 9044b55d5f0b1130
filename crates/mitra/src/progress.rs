//! Progress for long work: a spinner with a message on a terminal, nothing
//! when output goes to a file or a pipe (indicatif hides itself there).

use indicatif::{ProgressBar, ProgressStyle};
use std::time::Duration;

/// One step of a longer job.
pub struct Step(ProgressBar);

impl Step {
    pub fn start(message: impl Into<String>) -> Step {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_message(message.into());
        bar.enable_steady_tick(Duration::from_millis(120));
        Step(bar)
    }

    pub fn done(self, summary: impl Into<String>) {
        self.0.finish_and_clear();
        eprintln!("✓ {}", summary.into());
    }
}
