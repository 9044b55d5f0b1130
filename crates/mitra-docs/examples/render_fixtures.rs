//! Writes the fixture reports in every language to a folder, to look at:
//! `cargo run -p mitra-docs --example render_fixtures -- /tmp/reports`.

use mitra_docs::{Lang, render_event_html, render_mission_html};
use mitra_insight::fixtures::{empty_mission_inputs, event_inputs, mission_inputs};
use mitra_insight::{build_event_report, build_mission_report};

fn main() -> std::io::Result<()> {
    let dir = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "out/fixture-reports".into()),
    );
    std::fs::create_dir_all(&dir)?;
    let mission = build_mission_report(&mission_inputs());
    let empty = build_mission_report(&empty_mission_inputs());
    let event = build_event_report(&event_inputs());
    for lang in Lang::ALL {
        std::fs::write(
            dir.join(format!("mission.{}.html", lang.code())),
            render_mission_html(&mission, lang),
        )?;
        std::fs::write(
            dir.join(format!("mission-empty.{}.html", lang.code())),
            render_mission_html(&empty, lang),
        )?;
        std::fs::write(
            dir.join(format!("event.{}.html", lang.code())),
            render_event_html(&event, lang),
        )?;
    }
    Ok(())
}
