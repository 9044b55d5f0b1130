//! The JAIR 2022 benchmark: every `.dzn` of `shared/data/b2b-jair2022/`
//! (precedence variants skipped: the format has no precedences), with
//! met / the most meetings possible (`dzn::MAX_MET`) / breaks / published
//! optimum / bound / seconds per instance.
//!
//! `cargo bench -p mitra-schedule --bench jair [-- FILTER]`; with
//! `MITRA_DUMP=1` also each schedule's slots, to set beside an optimum
//! from `tests/support/min_breaks_maxsat.py`, or to probe with
//! `tests/support/local_optimum_probe.py` (do exact re-solves of windows,
//! groups of people or the slots' order find fewer breaks?).
//!
//! The search is randomised: one seed's breaks on a hard instance are one
//! draw. `MITRA_SEEDS=N` instead runs each original instance with seeds
//! 1..=N and reports how often it ends at or below the published optimum,
//! with the mean, best and worst breaks and the times: the chance a user
//! gets the optimum, not the luck of the product's seed.

#[path = "../tests/support/dzn.rs"]
mod dzn;
#[path = "../tests/support/measure.rs"]
mod measure;

fn main() {
    let dir = dzn::bench_dir();
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let names = dzn::bench_files(&dir, &filter);
    let mut opts = mitra_schedule::Options::default();
    if let Some(v) = measure::env_number("MITRA_SEED") {
        opts.seed = v;
    }
    if let Some(v) = measure::env_number("MITRA_MOVES") {
        opts.min_moves = v;
        opts.max_moves = v;
    }
    if let Some(n) = measure::env_number("MITRA_SEEDS") {
        over_seeds(&dir, &names, &opts, n);
        return;
    }
    println!(
        "| instance | meetings | met | max met | bound_met | breaks | published | bound_breaks | idle | seconds | cpu s |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let mut worst = 0f64;
    let mut short = 0;
    for name in names {
        let text = std::fs::read_to_string(dir.join(&name)).expect("read");
        let d = dzn::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let (sol, secs, cpu) =
            measure::timed(|| mitra_schedule::solve(&d.instance, &opts).expect("solve"));
        if std::env::var_os("MITRA_DUMP").is_some() {
            // every meeting's slot, 1-based, in file order (0: unmet): the
            // line `tests/support/min_breaks_maxsat.py` prints for an optimum
            let slots: Vec<String> = sol
                .outcome
                .iter()
                .map(|o| o.as_ref().map_or(0, |pl| pl.slot + 1).to_string())
                .collect();
            println!("slots {}", slots.join(","));
        }
        if std::env::var_os("MITRA_DEBUG").is_some() {
            let inst = &d.instance;
            let n: usize = inst.session_lengths.iter().sum();
            for p in 0..inst.participants.len() {
                let mut row = vec!['.'; n];
                for (r, o) in sol.outcome.iter().enumerate() {
                    let q = &inst.requests[r];
                    if (q.a == p || q.b == p)
                        && let Ok(pl) = o
                    {
                        row[pl.slot] = match &q.allowed_slots {
                            None => 'E',
                            Some(v) if v.len() == 1 => 'F',
                            Some(v) if v[0] == 0 => 'M',
                            _ => 'A',
                        };
                    }
                }
                let line: String = row.iter().collect();
                let t = line.trim_matches('.');
                if t.contains('.') {
                    println!("p{p:3} {line}");
                }
            }
        }
        worst = worst.max(secs);
        let published = if name.contains(".original") {
            published_optimum(&name)
                .map(|b| b.to_string())
                .unwrap_or_default()
        } else {
            "-".into()
        };
        let max_met = dzn::max_met(name.trim_end_matches(".dzn"), d.n_meetings);
        if sol.stats.met[0] < max_met {
            short += 1;
        }
        println!(
            "| {name} | {} | {} | {max_met} | {} | {} | {published} | {} | {} | {secs:.3} | {cpu:.2} |",
            d.n_meetings,
            sol.stats.met[0],
            sol.stats.bound_met[0],
            sol.stats.breaks,
            sol.stats.bound_breaks,
            sol.stats.idle_slots
        );
    }
    println!("slowest: {worst:.3} s; below the most meetings possible: {short}");
}

/// The published optimum of an original instance, by file name.
fn published_optimum(name: &str) -> Option<usize> {
    let base = name.split('.').next().unwrap_or("");
    dzn::PUBLISHED
        .iter()
        .find(|(n, _)| *n == base)
        .map(|&(_, b)| b)
}

/// Each original instance over seeds 1..=n.
fn over_seeds(dir: &std::path::Path, names: &[String], base: &mitra_schedule::Options<'_>, n: u64) {
    println!(
        "| instance | published | runs at or below | mean breaks | best | worst | mean seconds | slowest |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for name in names.iter().filter(|n| n.contains(".original")) {
        let Some(optimum) = published_optimum(name) else {
            continue;
        };
        let text = std::fs::read_to_string(dir.join(name)).expect("read");
        let d = dzn::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let (mut hits, mut sum, mut best, mut worst) = (0, 0, usize::MAX, 0);
        let (mut secs_sum, mut slowest) = (0f64, 0f64);
        for seed in 1..=n {
            let opts = mitra_schedule::Options {
                seed,
                stop: None,
                ..*base
            };
            let (sol, secs, _) =
                measure::timed(|| mitra_schedule::solve(&d.instance, &opts).expect("solve"));
            let breaks = sol.stats.breaks;
            hits += usize::from(breaks <= optimum);
            sum += breaks;
            best = best.min(breaks);
            worst = worst.max(breaks);
            secs_sum += secs;
            slowest = slowest.max(secs);
        }
        println!(
            "| {name} | {optimum} | {hits}/{n} | {:.2} | {best} | {worst} | {:.3} | {slowest:.3} |",
            sum as f64 / n as f64,
            secs_sum / n as f64
        );
    }
}
