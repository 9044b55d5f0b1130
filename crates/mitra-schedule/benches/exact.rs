//! The exact mode on the JAIR 2022 instances: `solve_exact` (the search,
//! then the SAT model) on each original instance, with the breaks before and
//! after, what it proved, and its time.
//!
//! `cargo bench -p mitra-schedule --features exact --bench exact [-- FILTER]`
//! (FILTER defaults to `.original`); `MITRA_EXACT_LIMIT=S` caps each
//! instance's solver time at S seconds (default 300). Each instance runs
//! twice: once until the breaks are proven (idle slots not tightened), and
//! once for the whole objective. The breaks, their bound and the met and
//! breaks proofs are the first run's; the idle slots, their proof and the
//! time-limit note are the second's (a call that ends near the cap can
//! end on either side of it, so the two runs' breaks may differ).

use std::time::{Duration, Instant};

#[path = "../tests/support/dzn.rs"]
mod dzn;
#[path = "../tests/support/measure.rs"]
mod measure;

fn main() {
    let dir = dzn::bench_dir();
    let mut filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if filter.is_empty() {
        filter.push(".original".into());
    }
    let limit = measure::env_number("MITRA_EXACT_LIMIT").unwrap_or(300.0);
    let names = dzn::bench_files(&dir, &filter);
    let opts = mitra_schedule::Options::default();
    println!(
        "| instance | met | search breaks | exact breaks | published | bound_breaks | idle | proven (met, breaks, idle) | solver calls | seconds to breaks | seconds in all |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |");
    for name in names {
        let text = std::fs::read_to_string(dir.join(&name)).expect("read");
        let d = dzn::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let searched = mitra_schedule::solve(&d.instance, &opts).expect("solve");
        // first to the breaks proven (the level the JAIR optimum is about),
        // then the whole objective, idle slots included
        let breaks_only = mitra_schedule::ExactLimits {
            deadline: Some(Instant::now() + Duration::from_secs_f64(limit)),
            idle_slots: false,
            ..Default::default()
        };
        let ((to_breaks, breaks_report), breaks_secs, _) = measure::timed(|| {
            mitra_schedule::solve_exact(&d.instance, &opts, &breaks_only).expect("solve")
        });
        let limits = mitra_schedule::ExactLimits {
            deadline: Some(Instant::now() + Duration::from_secs_f64(limit)),
            ..Default::default()
        };
        let ((sol, report), secs, _) = measure::timed(|| {
            mitra_schedule::solve_exact(&d.instance, &opts, &limits).expect("solve")
        });
        let published = dzn::PUBLISHED
            .iter()
            .find(|(n, _)| name == format!("{n}.original.dzn"))
            .map_or("-".to_string(), |&(_, b)| b.to_string());
        let yes = |b: bool| if b { "yes" } else { "no" };
        println!(
            "| {name} | {} | {} | {} | {published} | {} | {} | {}, {}, {}{} | {} | {breaks_secs:.2} | {secs:.2} |",
            sol.stats.met[0],
            searched.stats.breaks,
            to_breaks.stats.breaks,
            to_breaks.stats.bound_breaks,
            sol.stats.idle_slots,
            yes(breaks_report.met_proven),
            yes(breaks_report.breaks_proven),
            yes(report.idle_proven),
            if report.stopped {
                " (time limit)"
            } else if report.out_of_work {
                " (work budget)"
            } else {
                ""
            },
            report.sat_calls,
        );
    }
}
