//! `mitra report`: the mission report and the event report, built from the
//! database by `mitra-insight` and rendered by `mitra-docs`.

use super::{choose_event, open_existing, read_input, write_atomically};
use crate::cli::{ReportArgs, ReportKind, ReportLang};
use crate::failure::{Failure, Outcome};
use mitra_core::ids::{DelegationId, EventId};
use mitra_docs::Lang;
use mitra_insight::flows::TradeFlows;
use mitra_store::Store;
use std::path::Path;

pub async fn run(args: ReportArgs) -> Outcome {
    let langs: Vec<Lang> = match args.lang {
        ReportLang::En => vec![Lang::En],
        ReportLang::Id => vec![Lang::Id],
        ReportLang::Zh => vec![Lang::Zh],
        ReportLang::All => Lang::ALL.to_vec(),
    };
    // Read every input before touching the database or writing anything.
    let trade = match &args.kind {
        ReportKind::Mission {
            trade: Some(path), ..
        } => Some(read_trade(path)?),
        _ => None,
    };
    // The PDFs need a CJK font; without one, say so before writing anything.
    let fonts = mitra_docs::Fonts::system()?;
    let store = open_existing(&args.database.url).await?;
    let event = choose_event(&store, &args.event).await?;
    match &args.kind {
        ReportKind::Mission { delegation, .. } => {
            let id = DelegationId::parse(delegation)
                .map_err(|e| Failure::bad_input([format!("--delegation: {e}")]))?;
            write_mission(
                &store,
                &event,
                &id,
                trade,
                &langs,
                &args.output,
                Some(&fonts),
            )
            .await?;
        }
        ReportKind::Event => {
            write_event(&store, &event, &langs, &args.output, Some(&fonts)).await?
        }
    }
    store.close().await;
    Ok(())
}

/// Reads and validates a trade-flow table; every bad row is a line of its own.
pub fn read_trade(path: &Path) -> Outcome<TradeFlows> {
    let bytes = read_input(path)?;
    let name = path.display().to_string();
    TradeFlows::parse(&bytes, &name)
        .map_err(|errors| Failure::bad_input(errors.errors.iter().map(|e| format!("{name}: {e}"))))
}

/// Builds and writes a delegation's mission report: HTML and PDF per
/// language, and the XLSX annex (`mission.xlsx`, in the first language).
pub async fn write_mission(
    store: &Store,
    event: &EventId,
    delegation: &DelegationId,
    flows: Option<TradeFlows>,
    langs: &[Lang],
    dir: &Path,
    pdf_fonts: Option<&mitra_docs::Fonts>,
) -> Outcome {
    let inputs = mitra_web::services::reports::mission_inputs(store, event, delegation, flows)
        .await
        .map_err(|e| match e {
            mitra_store::StoreError::NotFound {
                what: "delegation", ..
            } => Failure::bad_input([format!(
                "--delegation: unknown delegation {:?} in event {event}",
                delegation.as_str()
            )]),
            other => Failure::Other(other.into()),
        })?;
    let report = mitra_insight::build_mission_report(&inputs);
    for lang in langs {
        write_atomically(
            &dir.join(format!("mission.{}.html", lang.code())),
            &mitra_docs::render_mission_html(&report, *lang),
        )?;
    }
    // The annex tables in the first language asked for.
    if let Some(lang) = langs.first() {
        write_atomically(
            &dir.join("mission.xlsx"),
            &mitra_docs::render_mission_xlsx(&report, *lang)?,
        )?;
    }
    let Some(fonts) = pdf_fonts else {
        return Ok(());
    };
    for lang in langs {
        write_atomically(
            &dir.join(format!("mission.{}.pdf", lang.code())),
            &mitra_docs::render_mission_pdf(&report, *lang, fonts)?,
        )?;
    }
    Ok(())
}

/// Builds and writes the event report: HTML and PDF per language.
pub async fn write_event(
    store: &Store,
    event: &EventId,
    langs: &[Lang],
    dir: &Path,
    pdf_fonts: Option<&mitra_docs::Fonts>,
) -> Outcome {
    let inputs = mitra_web::services::reports::event_inputs(store, event).await?;
    let report = mitra_insight::build_event_report(&inputs);
    for lang in langs {
        write_atomically(
            &dir.join(format!("event.{}.html", lang.code())),
            &mitra_docs::render_event_html(&report, *lang),
        )?;
    }
    let Some(fonts) = pdf_fonts else {
        return Ok(());
    };
    for lang in langs {
        write_atomically(
            &dir.join(format!("event.{}.pdf", lang.code())),
            &mitra_docs::render_event_pdf(&report, *lang, fonts)?,
        )?;
    }
    Ok(())
}
