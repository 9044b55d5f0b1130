//! The scheduler: puts requested one-to-one meetings into slots and tables,
//! with interpreters where the two sides share no language, and says how far
//! the result can be from the best.
//!
//! Pure: no I/O, no clock (the caller may pass a stop check), no randomness
//! that is not the `seed` option. The same [`Instance`] and [`Options`] give
//! the same [`Solution`].
//!
//! The objective is lexicographic: most priority-3 requests met, (when
//! re-scheduling) most previous meetings kept, most priority-2, most
//! priority-1, then fewest breaks, then fewest idle slots.
//!
//! How: a greedy construction (priorities first, hardest requests first,
//! each meeting where it extends both participants' blocks), then a
//! simulated-annealing search over ejection-chain moves (insert an unmet
//! request by ejecting what is in its way and re-placing the ejected
//! meetings, which may eject in turn, or drop one for the unmet request
//! and refill its slot; move a meeting, swapping out what is in its way; Kempe-chain
//! swaps of two slots; exact block repair of one participant's session,
//! which may swap a partner's meeting that is in the way into the slot
//! the repaired meeting leaves, so the partner stays as busy as before) with
//! interpreter assignment repaired by augmenting paths in each slot. Once
//! every request that can be met is met, pool tables turn soft: a slot may
//! run a few meetings over, at a cost that rises while it does, so the
//! search can repack full slots; only schedules that fit are kept. The
//! search budget is counted in moves, never in time, and the search ends
//! before it when there is nothing left to find: when the schedule has no
//! break and no idle slot and meets as many as the lexicographic met bounds
//! allow (proven optimal); when every request is met and `bound_breaks`
//! proves the breaks the fewest (a short polish of idle slots follows); or
//! when the best schedule has no break and no idle slot and no record has
//! come for twice the moves it took to find it. A small day that can meet
//! every request starts with a short sprint, where such a proof often comes
//! already. Searches side by side race to a proof (of an optimum, or of
//! the fewest breaks) without giving up determinism (see `search::Race`).
//! Bounds come from flow relaxations and, for breaks, from the table load
//! as a Lagrangian dual (see `bounds.rs`).

// Index loops over parallel arrays read better than zipped iterators here.
#![allow(clippy::needless_range_loop)]

mod assign;
mod bounds;
#[cfg(feature = "exact")]
mod exact;
mod flow;
mod model;
mod search;
mod state;

#[cfg(feature = "exact")]
pub use exact::{ExactLimits, ExactReport, solve_exact};

/// A scheduling problem, with every reference an index.
#[derive(Debug, Clone, Default)]
pub struct Instance {
    /// The number of slots of each session, in order; slots are numbered
    /// from 0 across sessions (session 0's slots first).
    pub session_lengths: Vec<usize>,
    /// Per table: the participant whose fixed table it is, or `None` for a
    /// pool table.
    pub table_owner: Vec<Option<usize>>,
    pub participants: Vec<Participant>,
    pub interpreters: Vec<Interpreter>,
    pub requests: Vec<Request>,
    /// Tables already taken in a slot by meetings outside the instance
    /// (`(slot, table)`: meetings already held, which a re-scheduling of
    /// the rest of the day must leave where they are).
    pub tables_taken: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, Default)]
pub struct Participant {
    /// Languages as small integers (the caller's own numbering).
    pub languages: Vec<u32>,
    /// Slots this participant cannot attend (repeats tolerated).
    pub unavailable: Vec<usize>,
    /// At most this many meetings over the event; `None` is unlimited.
    pub max_meetings: Option<u32>,
    /// Its own fixed table.
    pub table: Option<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct Interpreter {
    pub languages: Vec<u32>,
    pub unavailable: Vec<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct Request {
    pub a: usize,
    pub b: usize,
    /// 3, 2 or 1.
    pub priority: u8,
    /// The only slots the meeting may take; `None` is every slot.
    pub allowed_slots: Option<Vec<usize>>,
    /// Where this request was met in the published schedule being changed.
    pub previous: Option<Placement>,
}

/// Where a meeting takes place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    pub slot: usize,
    pub table: usize,
    pub interpreter: Option<usize>,
}

/// The distance between the seeds of the parallel searches.
const SEED_STRIDE: u64 = 0x9e37_79b9_7f4a_7c16;

/// Search options. `Default` is the product's setting.
pub struct Options<'a> {
    /// Seed of the search's pseudo-random choices.
    pub seed: u64,
    /// Search effort: moves per request (the budget is `effort` moves for
    /// each of the first 5,000 requests and half that for each further
    /// one, clamped to `[min_moves, max_moves]`, with twice `min_moves` as
    /// the floor on a day of at most 5,000 requests that can meet them all;
    /// an eighth of it when re-scheduling, where most meetings stay put).
    pub effort: u64,
    pub min_moves: u64,
    /// The default caps days of more than about 40,000 requests: on
    /// 100,000 requests 9 million moves leave 0.2 breaks per 100 meetings
    /// met (12 million left 0.11) in three quarters of the time.
    pub max_moves: u64,
    /// Independent searches (seeds `seed`, `seed + SEED_STRIDE`, ...) run side by
    /// side on instances of at most `parallel_up_to` requests. The first to
    /// prove its schedule optimal, by moves made, ends the others (see
    /// `search::Race`); else the best wins (ties: the first). Either way the
    /// result does not depend on timing.
    pub threads: usize,
    pub parallel_up_to: usize,
    /// Called now and then; when it returns true the search stops and the
    /// best schedule so far is returned (a safety cap, e.g. a deadline).
    pub stop: Option<&'a (dyn Fn() -> bool + Sync)>,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            seed: 0x5eed_2024,
            effort: 400,
            min_moves: 1_000_000,
            max_moves: 9_000_000,
            threads: 2,
            parallel_up_to: 5_000,
            stop: None,
        }
    }
}

/// Why a request is not in the schedule, for a person to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmet {
    /// Its `allowed_slots` is empty.
    NoAllowedSlot,
    /// This participant takes no meetings (`max_meetings` is 0).
    NoMeetings { who: usize },
    /// This participant is unavailable in every allowed slot.
    NeverAvailable { who: usize },
    /// Both are available sometimes, never in the same allowed slot.
    NeverBothAvailable,
    /// Neither has a fixed table and there is no pool table.
    NoTable,
    /// They share no language and no interpreter speaks one of each.
    NoInterpreter,
    /// An interpreter exists, but none is available in a slot where both are.
    NoInterpreterWhenBothFree,
    /// This participant is at its `max_meetings` with meetings of equal or
    /// higher priority.
    AtMaximum { who: usize, max: u32 },
    /// In every slot where both could meet (`slots` of them), one of them,
    /// the tables or the interpreters are taken by other meetings.
    Crowded { slots: usize },
}

/// The schedule's figures, priorities in the order 3, 2, 1.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stats {
    pub met: [usize; 3],
    pub requested: [usize; 3],
    pub breaks: usize,
    pub idle_slots: usize,
    /// Upper bound on the requests of each priority any valid schedule meets.
    pub bound_met: [usize; 3],
    /// Lower bound on the breaks of any valid schedule meeting these requests.
    pub bound_breaks: usize,
    /// Previous meetings kept at their slot and table (re-scheduling).
    pub kept: usize,
}

#[derive(Debug, Clone)]
pub struct Solution {
    /// Per request: its placement or why it is not met.
    pub outcome: Vec<Result<Placement, Unmet>>,
    pub stats: Stats,
    /// True when the stop check ended the search before its budget.
    pub stopped_early: bool,
    /// Moves the searches made (work units), all together. Where one
    /// search's proof ended the others, theirs vary with the threads'
    /// timing; the solution itself does not.
    pub moves: u64,
}

/// An instance the engine cannot read (an index out of range); the formats
/// layer validates first, so this only guards against misuse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid scheduling instance: {0}")]
pub struct InvalidInstance(pub String);

/// Schedules an instance.
pub fn solve(instance: &Instance, options: &Options<'_>) -> Result<Solution, InvalidInstance> {
    let model = model::Model::build(instance)?;
    let bounds = bounds::MetBounds::new(&model);
    let found = search_best(&model, options, &bounds)?;
    let mut st = state::State::new(&model);
    st.load(&found.slots, &found.interps);
    Ok(finish(&model, &st, bounds.own, found.stopped, found.moves))
}

/// The search's best schedule: a slot and an interpreter per request.
pub(crate) struct Found {
    pub slots: Vec<u32>,
    pub interps: Vec<u32>,
    pub stopped: bool,
    pub moves: u64,
}

/// Runs the searches (side by side on small instances) and keeps the best.
pub(crate) fn search_best(
    model: &model::Model,
    options: &Options<'_>,
    bounds: &bounds::MetBounds,
) -> Result<Found, InvalidInstance> {
    let threads = if model.n_req() <= options.parallel_up_to {
        options.threads.max(1)
    } else {
        1
    };
    struct Run {
        search: usize,
        score: state::Score,
        slots: Vec<u32>,
        interps: Vec<u32>,
        ending: search::Ending,
        moves: u64,
    }
    let race = search::Race::default();
    let race = &race;
    let one = |k: usize| -> Run {
        let opts = Options {
            // far-apart seeds: the generator keeps only the seed's high
            // bits' differences (`seed + 1` would repeat run 0 exactly)
            seed: options
                .seed
                .wrapping_add((k as u64).wrapping_mul(SEED_STRIDE)),
            effort: options.effort,
            min_moves: options.min_moves,
            max_moves: options.max_moves,
            threads: 1,
            parallel_up_to: 0,
            stop: options.stop,
        };
        let mut st = state::State::new(model);
        let ending = search::run(&mut st, &opts, bounds, race, k);
        Run {
            search: k,
            score: st.score(),
            slots: st.slot_of,
            interps: st.interp_of,
            ending,
            moves: st.moves,
        }
    };
    let runs: Vec<Run> = if threads == 1 {
        vec![one(0)]
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads).map(|k| scope.spawn(move || one(k))).collect();
            handles.into_iter().filter_map(|h| h.join().ok()).collect()
        })
    };
    // the proven optimum that counts (see `search::Race`), else the best
    let winner = race.winner();
    let mut best: Option<Run> = None;
    let mut moves = 0;
    let mut stopped = false;
    for run in runs {
        moves += run.moves;
        stopped |= run.ending == search::Ending::Interrupted;
        let better = match winner {
            Some(k) => run.search == k,
            None => best.as_ref().is_none_or(|b| run.score.better(&b.score)),
        };
        if better {
            best = Some(run);
        }
    }
    let Some(best) = best else {
        return Err(InvalidInstance("the search failed".into()));
    };
    Ok(Found {
        slots: best.slots,
        interps: best.interps,
        stopped,
        moves,
    })
}

fn finish(
    m: &model::Model,
    st: &state::State<'_>,
    bound_met: [usize; 3],
    stopped_early: bool,
    moves: u64,
) -> Solution {
    let tables = st.assign_tables();
    let mut outcome = Vec::with_capacity(m.n_req());
    let mut stats = Stats::default();
    for r in 0..m.n_req() {
        let pi = 3 - m.pri[r] as usize;
        stats.requested[pi] += 1;
        let s = st.slot_of[r];
        if s == model::NONE {
            outcome.push(Err(m.reason(r, st)));
        } else {
            stats.met[pi] += 1;
            let i = st.interp_of[r];
            outcome.push(Ok(Placement {
                slot: s as usize,
                table: tables[r] as usize,
                interpreter: (i != model::NONE).then_some(i as usize),
            }));
        }
    }
    let (breaks, idle) = st.totals();
    stats.breaks = breaks;
    stats.idle_slots = idle;
    stats.bound_met = bound_met;
    // Re-scheduling answers on the day, where a change of one request must
    // take well under a second: there the table load's price search (a few
    // tenths of a second on an event) is asked for nothing, and the bound
    // is the participants' own.
    let enough = if m.has_prev { 0 } else { breaks };
    let floor = bounds::breaks_floor(m, &st.slot_of, enough);
    stats.bound_breaks = floor.min(breaks);
    stats.kept = st.kept as usize;
    Solution {
        outcome,
        stats,
        stopped_early,
        moves,
    }
}

/// A lower bound on the breaks of any valid schedule that meets the same
/// requests as `slots` (`slots[r]` is the slot of request `r` or `None`; a
/// slot that request cannot take is an error). It is `stats.bound_breaks`
/// before the cap at the schedule's own breaks; the searches behind it run
/// only for participants whose meetings in `slots` have a gap.
pub fn breaks_bound_of(
    instance: &Instance,
    slots: &[Option<usize>],
) -> Result<usize, InvalidInstance> {
    let model = model::Model::build(instance)?;
    if slots.len() != model.n_req() {
        return Err(InvalidInstance(format!(
            "{} slots for {} requests",
            slots.len(),
            model.n_req()
        )));
    }
    let mut slot_of = vec![model::NONE; slots.len()];
    for (r, s) in slots.iter().enumerate() {
        if let Some(s) = *s {
            // the bound reasons from candidate slots: a placement outside
            // them is no schedule it can speak for
            if u32::try_from(s).map_or(true, |s| model.cands(r).binary_search(&s).is_err()) {
                return Err(InvalidInstance(format!(
                    "request {r}: slot {s} is not one it can take"
                )));
            }
            slot_of[r] = s as u32;
        }
    }
    Ok(bounds::breaks_floor(&model, &slot_of, usize::MAX))
}

/// Breaks and idle slots of a set of placements (for checkers and tests):
/// `slots[r]` is the slot of request `r` or `None`.
pub fn breaks_of(instance: &Instance, slots: &[Option<usize>]) -> (usize, usize) {
    let n_slots: usize = instance.session_lengths.iter().sum();
    let np = instance.participants.len();
    let mut busy = vec![false; np * n_slots];
    for (r, s) in slots.iter().enumerate() {
        if let (Some(s), Some(req)) = (s, instance.requests.get(r))
            && *s < n_slots
        {
            for p in [req.a, req.b] {
                if p < np {
                    busy[p * n_slots + s] = true;
                }
            }
        }
    }
    let (mut breaks, mut idle) = (0, 0);
    for p in 0..np {
        let mut start = 0;
        for &len in &instance.session_lengths {
            let row = &busy[p * n_slots + start..p * n_slots + start + len];
            let (b, i) = model::run_cost(row.iter().copied());
            breaks += b as usize;
            idle += i as usize;
            start += len;
        }
    }
    (breaks, idle)
}
