//! Writes the fixture reports in every language to a folder, to look at:
//! `cargo run -p mitra-docs --example render_fixtures -- /tmp/reports`.
//! HTML always; PDF and XLSX with their features (on by default).

use mitra_docs::{Lang, render_event_html, render_mission_html};
use mitra_insight::fixtures::{empty_mission_inputs, event_inputs, mission_inputs};
use mitra_insight::{build_event_report, build_mission_report};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "out/fixture-reports".into()),
    );
    std::fs::create_dir_all(&dir)?;
    let mission = build_mission_report(&mission_inputs());
    let empty = build_mission_report(&empty_mission_inputs());
    let event = build_event_report(&event_inputs());
    #[cfg(feature = "pdf")]
    let fonts = mitra_docs::Fonts::system()?;
    for lang in Lang::ALL {
        let code = lang.code();
        std::fs::write(
            dir.join(format!("mission.{code}.html")),
            render_mission_html(&mission, lang),
        )?;
        std::fs::write(
            dir.join(format!("mission-empty.{code}.html")),
            render_mission_html(&empty, lang),
        )?;
        std::fs::write(
            dir.join(format!("event.{code}.html")),
            render_event_html(&event, lang),
        )?;
        #[cfg(feature = "pdf")]
        {
            use mitra_docs::{render_event_pdf, render_mission_pdf};
            std::fs::write(
                dir.join(format!("mission.{code}.pdf")),
                render_mission_pdf(&mission, lang, &fonts)?,
            )?;
            std::fs::write(
                dir.join(format!("mission-empty.{code}.pdf")),
                render_mission_pdf(&empty, lang, &fonts)?,
            )?;
            std::fs::write(
                dir.join(format!("event.{code}.pdf")),
                render_event_pdf(&event, lang, &fonts)?,
            )?;
        }
        #[cfg(feature = "xlsx")]
        std::fs::write(
            dir.join(format!("mission.{code}.xlsx")),
            mitra_docs::render_mission_xlsx(&mission, lang)?,
        )?;
    }
    Ok(())
}
