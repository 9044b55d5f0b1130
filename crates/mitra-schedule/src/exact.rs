//! Exact mode (feature `exact`): after the search, a SAT model of the whole
//! instance, solved by CaDiCaL, either proves the search's schedule optimal
//! or finds a better one, level by level: most priority-3 requests met, then
//! priority 2, then 1, then fewest breaks, then fewest idle slots.
//!
//! Each level is tightened from the best schedule known (the search's, then
//! each model the solver returns): "one more met" or "one break fewer" is
//! asked as an assumption on a unary counter; a satisfiable answer is the
//! new best, an unsatisfiable one proves the level, which is then fixed for
//! the levels below. The breaks are also asked from below, in turn with
//! those steps: "as few as the floor" (the bounds' lower bound, raised by
//! one at each refutation), which finds an optimum near the floor in one
//! call. Counting is one-sided (a gap forces its counter bit on; a
//! spurious bit only costs), so the model stays small. The solver is
//! deterministic: the same instance and options give the same schedule,
//! unless the deadline cuts a call short (each call also has a work budget
//! in conflicts, which ends it the same way on every run).
//!
//! Finding schedules with fewer breaks is the slow part on hard days. So
//! each breaks step first asks, under a guide literal, for a schedule where
//! each person has at most one gap, counted by a small counter over the
//! people not in one block; only when that space is empty do the unguided
//! calls run, and only they prove.
//!
//! Before the whole model, a window repair (`repair_windows`): a model of
//! its own asks for one break fewer with only a window of slots free, one
//! window after another. It finds in a fraction of a second what the whole
//! model takes seconds to (forum-14's two breaks: 0.9 s with the search,
//! not 8 s), and the whole model's calls start from its schedule.
//!
//! Not for re-scheduling: there calm comes first (kept meetings), which the
//! search already weighs; the exact mode leaves such instances to it.

use std::time::Instant;

use crate::model::{Model, NONE};
use crate::state::State;
use crate::{Found, InvalidInstance, Options, Solution, bounds, finish, search_best};

/// How long the exact mode may work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExactLimits {
    /// Safety cap in wall time (the only thing that can make the result
    /// differ between two runs).
    pub deadline: Option<Instant>,
    /// Work budget of each solver call, in conflicts: a call that spends it
    /// ends like a stopped one, the same way on every run.
    pub conflicts_per_call: u32,
    /// Tighten the last level, idle slots, too (else stop once the breaks
    /// are proven).
    pub idle_slots: bool,
}

impl Default for ExactLimits {
    fn default() -> Self {
        ExactLimits {
            deadline: None,
            // minutes of solving on these models, well past what the small
            // events of the dev set and most JAIR instances need
            conflicts_per_call: 2_000_000,
            idle_slots: true,
        }
    }
}

/// What the exact mode did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExactReport {
    /// Why the exact mode did not run, or stopped before the breaks (the
    /// schedule is the best found up to then).
    pub not_applied: Option<String>,
    /// Each priority's met count is proven the most possible (given the
    /// higher priorities at theirs).
    pub met_proven: bool,
    /// The breaks are proven the fewest for these met counts.
    pub breaks_proven: bool,
    /// The idle slots are proven the fewest for these met counts and breaks.
    pub idle_proven: bool,
    /// The deadline stopped a solver call; the schedule is the best found.
    pub stopped: bool,
    /// A solver call spent its work budget; the schedule is the best found.
    pub out_of_work: bool,
    /// Solver calls made.
    pub sat_calls: u32,
    /// Schedules the solver found that beat the best known one.
    pub improvements: u32,
}

/// Candidate slot variables above this and the instance is left to the
/// search: the model would take too long to build and prove.
const MAX_SLOT_VARS: usize = 200_000;

/// Counter registers above this (a counter is as wide as the gap it must
/// close times its inputs) and that level is left as the search found it.
const MAX_COUNTER_CELLS: usize = 4_000_000;

/// Schedules an instance with the search, then proves or improves the
/// result exactly within `limits` (the search itself keeps
/// `options.stop`).
pub fn solve_exact(
    instance: &crate::Instance,
    options: &Options<'_>,
    limits: &ExactLimits,
) -> Result<(Solution, ExactReport), InvalidInstance> {
    let model = Model::build(instance)?;
    let met_bounds = bounds::MetBounds::new(&model);
    let mut bound_met = met_bounds.own;
    let found = search_best(&model, options, &met_bounds)?;
    let mut report = ExactReport::default();
    // request-slot pairs: every request's candidate slots, end to end
    let n_vars = model.cand.len();
    let mut best = Best::of(&model, &found.slots, &found.interps);
    // The window repair's schedule starts the descent only where its breaks
    // are at the bound (proven at once: forum-14 in 0.9 s, not 8 s).
    // Elsewhere the descent starts from the search's schedule, as before:
    // started lower, it proved neither crafted day of 195 meetings in
    // 150 s, where from the search's it proves them in 58-83 s. The
    // repair's schedule is kept if the descent ends without doing better.
    let mut repaired = None;
    if !found.stopped {
        let (mut slots, mut interps) = (found.slots.clone(), found.interps.clone());
        let repair = repair_windows(
            &model,
            &mut slots,
            &mut interps,
            limits.deadline,
            options.stop,
        );
        if repair != Repair::Unchanged {
            let better = Best::of(&model, &slots, &interps);
            if repair == Repair::Proven {
                best = better;
            } else {
                repaired = Some(better);
            }
        }
    }
    let mut breaks_bound = None;
    if model.has_prev {
        report.not_applied = Some("re-scheduling keeps the search's schedule".into());
    } else if n_vars > MAX_SLOT_VARS {
        report.not_applied = Some(format!(
            "{n_vars} request-slot pairs: too large for the exact mode (at most {MAX_SLOT_VARS})"
        ));
    } else {
        let mut sat = Sat::new(&model, limits);
        let first_proven = sat.tighten(&mut best, &bound_met, limits.idle_slots, &mut report);
        if let Some(r) = repaired.filter(|r| r.ahead_of(&best)) {
            best = r;
        }
        // a true bound even where the deadline stopped the descent: each
        // refutation on the way raised the floor
        breaks_bound = Some(sat.breaks_floor);
        // the first level's proof assumes nothing: a true bound on its own
        if first_proven {
            bound_met[0] = bound_met[0].min(best.met[0]);
        }
    }
    let mut st = State::new(&model);
    st.load(&best.slots, &best.interps);
    let Found { stopped, moves, .. } = found;
    let mut solution = finish(&model, &st, bound_met, stopped, moves);
    if let Some(b) = breaks_bound {
        solution.stats.bound_breaks = solution.stats.bound_breaks.max(b);
    }
    Ok((solution, report))
}

/// Window repair's share of a day: windows of two slots in five (9 of the
/// JAIR days' 21 or 22). The search leaves schedules that no short chain
/// of its moves improves, and on the JAIR days one break fewer is often a
/// re-shuffle of a morning's meetings; asked of the solver with everything
/// outside the window held, it is found or refuted in milliseconds, where
/// the whole model takes seconds (see docs/scheduler-benchmark.md). So the
/// exact mode repairs windows first, and its whole-model calls start from
/// there.
fn repair_window(n_slots: usize) -> usize {
    (n_slots * 2).div_ceil(5).clamp(2.min(n_slots), n_slots)
}

/// Each window call's work budget, in conflicts: the windows that improve
/// on the JAIR days need far fewer, and a refutation a handful.
const REPAIR_CONFLICTS: u32 = 2_000;

/// Each window call's work budget in the solver's checks whether to stop:
/// the calls that improve the JAIR days make 300-550 of them, but a few
/// refutations spend seconds between conflicts (forum-13crafb: 1.1 s,
/// 46,600 checks, within 1,000 conflicts).
const REPAIR_POLLS: u64 = 2_000;

/// The window repair's work in all, in clauses learnt (conflicts): a few
/// seconds at most on the JAIR days, where one whole-model call may take
/// 2,000,000.
const REPAIR_LEARNT: u64 = 20_000;

/// Sweeps over the windows, while the last one gained.
const REPAIR_PASSES: usize = 3;

/// Solver calls in all, whatever the gains.
const REPAIR_CALLS: usize = 200;

/// Request-slot pairs above this and the window repair is left out. Its
/// model is built whole, and on larger days each window call grows:
/// dev-interp (865 requests, 36 slots, interpreters, 31,000 pairs) spent
/// 0.45 s encoding and 0.4-0.8 s on each of a dozen windows, for no gain.
/// The JAIR days have at most 6,700.
const REPAIR_UP_TO_VARS: usize = 10_000;

/// What a window repair did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Repair {
    /// No break fewer.
    Unchanged,
    /// Fewer breaks, still above the bound.
    Fewer,
    /// Fewer breaks, at the bound: the fewest there are.
    Proven,
}

/// Lowers the breaks of a searched schedule (`slots`, `interps`) by exact
/// re-solves of windows of slots, every met level held.
/// Work is counted in solver calls, conflicts and the solver's polls, so
/// the result is the same on every run unless `deadline` (a safety cap)
/// or `stop` (checked between calls) ends it. Not when re-scheduling.
fn repair_windows(
    m: &Model,
    slots: &mut Vec<u32>,
    interps: &mut Vec<u32>,
    deadline: Option<Instant>,
    stop: Option<&(dyn Fn() -> bool + Sync)>,
) -> Repair {
    let n_vars = m.cand.len(); // request-slot pairs
    if m.has_prev || n_vars > REPAIR_UP_TO_VARS || m.n_slots < 3 {
        return Repair::Unchanged;
    }
    let mut best = Best::of(m, slots, interps);
    if best.breaks == 0 {
        return Repair::Unchanged;
    }
    let limits = ExactLimits {
        deadline,
        conflicts_per_call: REPAIR_CONFLICTS,
        idle_slots: false,
    };
    // CaDiCaL's configuration for satisfiable problems: the windows that
    // improve are found several times faster (forum-14: 0.09 s, not 0.9 s)
    let mut sat = Sat::configured(m, &limits, Some("sat"), REPAIR_POLLS, REPAIR_LEARNT);
    let before = best.breaks;
    let floor = sat.repair(&mut best, stop);
    if best.breaks >= before {
        return Repair::Unchanged;
    }
    let proven = best.breaks <= floor;
    *slots = best.slots;
    *interps = best.interps;
    if proven {
        Repair::Proven
    } else {
        Repair::Fewer
    }
}

/// The best schedule known, with its objective.
struct Best {
    slots: Vec<u32>,
    interps: Vec<u32>,
    met: [usize; 3],
    breaks: usize,
    idle: usize,
}

impl Best {
    /// Lexicographically better: more met by priority, then fewer breaks,
    /// then fewer idle slots.
    fn ahead_of(&self, other: &Best) -> bool {
        let key = |b: &Best| (b.met, std::cmp::Reverse((b.breaks, b.idle)));
        key(self) > key(other)
    }

    fn of(m: &Model, slots: &[u32], interps: &[u32]) -> Best {
        let mut st = State::new(m);
        st.load(slots, interps);
        let (breaks, idle) = st.totals();
        let mut met = [0; 3];
        for r in 0..m.n_req() {
            if slots[r] != NONE {
                met[3 - m.pri[r] as usize] += 1;
            }
        }
        Best {
            slots: slots.to_vec(),
            interps: interps.to_vec(),
            met,
            breaks,
            idle,
        }
    }
}

/// Stops a solver call at the deadline, after `max_polls` of the solver's
/// checks whether to stop (a measure of work that, unlike its conflicts,
/// also counts what it does between them), or once the solver has learnt
/// `max_learnt` clauses over all its calls (one per conflict): work
/// measures that are the same on every run.
struct Deadline {
    at: Option<Instant>,
    polls: u64,
    max_polls: u64,
    learnt: u64,
    max_learnt: u64,
}

impl cadical::Callbacks for Deadline {
    fn started(&mut self) {
        self.polls = 0;
    }

    fn terminate(&mut self) -> bool {
        self.polls += 1;
        self.polls > self.max_polls
            || self.learnt > self.max_learnt
            || self.at.is_some_and(|d| Instant::now() >= d)
    }

    fn max_length(&self) -> i32 {
        // every learnt clause counted, where there is a total to keep
        if self.max_learnt < u64::MAX {
            i32::MAX
        } else {
            0
        }
    }

    fn learn(&mut self, _clause: &[i32]) {
        self.learnt += 1;
    }
}

/// The SAT model of one instance.
struct Sat<'m> {
    m: &'m Model,
    solver: cadical::Solver<Deadline>,
    /// Each call's conflict budget.
    conflicts: i32,
    n_vars: i32,
    /// Per request, one variable per candidate slot (as `Model::cands`).
    x: Vec<Vec<i32>>,
    /// Per request, "it is met" (0: it can never be).
    met: Vec<i32>,
    /// Per request needing one, a variable per interpreter of its class.
    interp: Vec<Vec<i32>>,
    /// Breaks' and idle slots' indicators.
    gaps: Vec<i32>,
    idles: Vec<i32>,
    /// "p meets in slot s" (0: never), `p * n_slots + s`.
    busy: Vec<i32>,
    /// Per participant-session, the range of its gap indicators in `gaps`.
    gaps_of: Vec<(usize, usize)>,
    /// "Sits in one block" of each person `add_blocks` covers: fewer gaps
    /// than k leaves at most k of them false, a small counter that
    /// propagates far better than the one over every gap indicator.
    compact: Vec<i32>,
    /// Per participant-session, whether `add_blocks` gave it a block.
    covered: Vec<bool>,
    /// The fewest breaks proven possible at the met counts reached: the
    /// floor the breaks' descent started from, raised by each refutation
    /// (to the best's breaks once they are proven the fewest).
    breaks_floor: usize,
}

/// A solver call's answer.
enum Answer {
    Sat,
    Unsat,
    Stopped,
}

impl<'m> Sat<'m> {
    fn new(m: &'m Model, limits: &ExactLimits) -> Sat<'m> {
        Sat::configured(m, limits, None, u64::MAX, u64::MAX)
    }

    /// A model whose solver runs under CaDiCaL's named configuration
    /// `config` (its default where `None` or unknown), each call stopped
    /// after `max_polls` checks and every call once `max_learnt` clauses
    /// are learnt in all (see `Deadline`).
    fn configured(
        m: &'m Model,
        limits: &ExactLimits,
        config: Option<&str>,
        max_polls: u64,
        max_learnt: u64,
    ) -> Sat<'m> {
        let mut solver: cadical::Solver<Deadline> = config
            .and_then(|c| cadical::Solver::with_config(c).ok())
            .unwrap_or_default();
        solver.set_callbacks(Some(Deadline {
            at: limits.deadline,
            polls: 0,
            max_polls,
            learnt: 0,
            max_learnt,
        }));
        let mut sat = Sat {
            m,
            solver,
            conflicts: i32::try_from(limits.conflicts_per_call).unwrap_or(i32::MAX),
            n_vars: 0,
            x: Vec::new(),
            met: Vec::new(),
            interp: Vec::new(),
            gaps: Vec::new(),
            idles: Vec::new(),
            busy: Vec::new(),
            gaps_of: Vec::new(),
            compact: Vec::new(),
            covered: Vec::new(),
            breaks_floor: 0,
        };
        sat.encode();
        sat
    }

    fn var(&mut self) -> i32 {
        self.n_vars += 1;
        self.n_vars
    }

    fn clause(&mut self, lits: &[i32]) {
        self.solver.add_clause(lits.iter().copied());
    }

    /// At most one of `lits` (pairwise when short, else a ladder).
    fn at_most_one(&mut self, lits: &[i32]) {
        if lits.len() <= 5 {
            for i in 0..lits.len() {
                for j in i + 1..lits.len() {
                    self.clause(&[-lits[i], -lits[j]]);
                }
            }
            return;
        }
        self.ladder(lits, None);
    }

    /// The ladder encoding of "at most one of `lits`", binding only while
    /// `guard` is assumed when there is one: `s_i` is "one of the first
    /// `i + 1` is true", and a true `s_{i-1}` forbids `lits[i]`.
    fn ladder(&mut self, lits: &[i32], guard: Option<i32>) {
        let mut prev = 0;
        for (i, &l) in lits.iter().enumerate() {
            let s = self.var();
            self.clause(&[-l, s]);
            if i > 0 {
                self.clause(&[-prev, s]);
                match guard {
                    None => self.clause(&[-prev, -l]),
                    Some(g) => self.clause(&[-prev, -l, -g]),
                }
            }
            prev = s;
        }
    }

    /// A unary counter: output `j` is forced true when at least `j + 1` of
    /// `lits` are (`width` outputs). "At most k" is then `-out[k]`.
    fn counter(&mut self, lits: &[i32], width: usize) -> Vec<i32> {
        let mut prev: Vec<i32> = Vec::new();
        for (i, &l) in lits.iter().enumerate() {
            let cols = width.min(i + 1);
            let cur: Vec<i32> = (0..cols).map(|_| self.var()).collect();
            for j in 0..cols {
                if j == 0 {
                    self.clause(&[-l, cur[0]]);
                } else {
                    self.clause(&[-l, -prev[j - 1], cur[j]]);
                }
                if j < prev.len() {
                    self.clause(&[-prev[j], cur[j]]);
                }
            }
            prev = cur;
        }
        prev
    }

    fn encode(&mut self) {
        let m = self.m;
        let n = m.n_slots;
        let nr = m.n_req();
        // each request: one candidate slot if met
        let mut by_person_slot: Vec<Vec<i32>> = vec![Vec::new(); m.np * n];
        let mut pool_by_slot: Vec<Vec<i32>> = vec![Vec::new(); n];
        for r in 0..nr {
            let xs: Vec<i32> = m.cands(r).iter().map(|_| self.var()).collect();
            let met = if xs.is_empty() { 0 } else { self.var() };
            if met != 0 {
                for &x in &xs {
                    self.clause(&[-x, met]);
                }
                let mut c = vec![-met];
                c.extend_from_slice(&xs);
                self.clause(&c);
                self.at_most_one(&xs);
            }
            for (&s, &x) in m.cands(r).iter().zip(&xs) {
                let s = s as usize;
                by_person_slot[m.req_a[r] as usize * n + s].push(x);
                by_person_slot[m.req_b[r] as usize * n + s].push(x);
                if m.pool[r] {
                    pool_by_slot[s].push(x);
                }
            }
            self.x.push(xs);
            self.met.push(met);
        }
        // one meeting per person per slot; busy[p][s] is "p meets in s"
        let mut busy = vec![0i32; m.np * n];
        for k in 0..m.np * n {
            let xs = std::mem::take(&mut by_person_slot[k]);
            if xs.is_empty() {
                continue;
            }
            let b = self.var();
            for &x in &xs {
                self.clause(&[-x, b]);
            }
            let mut c = vec![-b];
            c.extend_from_slice(&xs);
            self.clause(&c);
            self.at_most_one(&xs);
            busy[k] = b;
        }
        // pool tables per slot
        for s in 0..n {
            let cap = m.pool_cap[s] as usize;
            if pool_by_slot[s].len() > cap {
                let lits = std::mem::take(&mut pool_by_slot[s]);
                let out = self.counter(&lits, cap + 1);
                self.clause(&[-out[cap]]);
            }
        }
        // most meetings per person
        let mut mets_of: Vec<Vec<i32>> = vec![Vec::new(); m.np];
        for r in 0..nr {
            if self.met[r] != 0 {
                mets_of[m.req_a[r] as usize].push(self.met[r]);
                mets_of[m.req_b[r] as usize].push(self.met[r]);
            }
        }
        for p in 0..m.np {
            let cap = m.cap[p] as usize;
            if mets_of[p].len() > cap {
                let out = self.counter(&mets_of[p], cap + 1);
                self.clause(&[-out[cap]]);
            }
        }
        // interpreters: one of the class per met request, available in its
        // slot, and in no two meetings of a slot
        let mut users: Vec<Vec<i32>> = vec![Vec::new(); m.ni * n];
        for r in 0..nr {
            let cls = m.class[r];
            if cls == NONE || self.met[r] == 0 {
                self.interp.push(Vec::new());
                continue;
            }
            let list = &m.classes[cls as usize];
            let us: Vec<i32> = list.iter().map(|_| self.var()).collect();
            let mut c = vec![-self.met[r]];
            c.extend_from_slice(&us);
            self.clause(&c);
            self.at_most_one(&us);
            for (k, &s) in m.cands(r).iter().enumerate() {
                let s = s as usize;
                let x = self.x[r][k];
                for (&i, &u) in list.iter().zip(&us) {
                    let i = i as usize;
                    if !m.avail_interp(i, s) {
                        self.clause(&[-x, -u]);
                    } else {
                        let v = self.var();
                        self.clause(&[-x, -u, v]);
                        users[i * n + s].push(v);
                    }
                }
            }
            self.interp.push(us);
        }
        for list in &users {
            if list.len() > 1 {
                let list = list.clone();
                self.at_most_one(&list);
            }
        }
        // gaps and idle slots, per person and session
        for p in 0..m.np {
            for sess in 0..m.sess_len.len() {
                let from = self.gaps.len();
                self.gaps_of.push((from, from));
                let start = m.sess_start[sess] as usize;
                let len = m.sess_len[sess] as usize;
                let row = &busy[p * n + start..p * n + start + len];
                if row.iter().filter(|&&b| b != 0).count() < 2 {
                    continue;
                }
                let row = row.to_vec();
                // after[t]: busy at t or later; before[t]: busy at t or earlier
                let mut after = vec![0i32; len + 1];
                for t in (0..len).rev() {
                    if row[t] == 0 && after[t + 1] == 0 {
                        continue;
                    }
                    let a = self.var();
                    if row[t] != 0 {
                        self.clause(&[-row[t], a]);
                    }
                    if after[t + 1] != 0 {
                        self.clause(&[-after[t + 1], a]);
                    }
                    after[t] = a;
                }
                let mut before = vec![0i32; len];
                for t in 0..len {
                    let prev = if t > 0 { before[t - 1] } else { 0 };
                    if row[t] == 0 && prev == 0 {
                        continue;
                    }
                    let b = self.var();
                    if row[t] != 0 {
                        self.clause(&[-row[t], b]);
                    }
                    if prev != 0 {
                        self.clause(&[-prev, b]);
                    }
                    before[t] = b;
                }
                for t in 1..len.saturating_sub(1) {
                    let later = after[t + 1];
                    if later == 0 {
                        continue;
                    }
                    // a gap starts at t: busy just before, free at t, busy later
                    if row[t - 1] != 0 {
                        let g = self.var();
                        let mut c = vec![-row[t - 1], -later, g];
                        if row[t] != 0 {
                            c.push(row[t]);
                        }
                        self.clause(&c);
                        self.gaps.push(g);
                    }
                    if before[t - 1] != 0 {
                        let i = self.var();
                        let mut c = vec![-before[t - 1], -later, i];
                        if row[t] != 0 {
                            c.push(row[t]);
                        }
                        self.clause(&c);
                        self.idles.push(i);
                    }
                }
                let k = p * m.sess_len.len() + sess;
                self.gaps_of[k] = (from, self.gaps.len());
            }
        }
        self.busy = busy;
    }

    /// Implied constraints for a schedule that meets every request that has
    /// a slot (so each person's meetings are known): a person whose
    /// requests all fall in one session either has a gap there or sits in
    /// one block of exactly as many slots as meetings, at a start where its
    /// meetings can take the block's slots (a matching). The solver would
    /// learn this slowly; stated, it prunes most of the search.
    fn add_blocks(&mut self) {
        let m = self.m;
        let n = m.n_slots;
        let ns = m.sess_len.len();
        self.covered = vec![false; m.np * ns];
        let mut mine: Vec<Vec<usize>> = vec![Vec::new(); m.np];
        for r in 0..m.n_req() {
            if self.met[r] != 0 {
                mine[m.req_a[r] as usize].push(r);
                mine[m.req_b[r] as usize].push(r);
            }
        }
        for p in 0..m.np {
            let rs = &mine[p];
            let k = rs.len();
            if k < 2 || k > m.cap[p] as usize {
                continue;
            }
            let sess = m.sess_of[m.cands(rs[0])[0] as usize] as usize;
            if rs.iter().any(|&r| {
                m.cands(r)
                    .iter()
                    .any(|&s| m.sess_of[s as usize] as usize != sess)
            }) {
                continue;
            }
            let start = m.sess_start[sess] as usize;
            let len = m.sess_len[sess] as usize;
            if k > len {
                continue;
            }
            let starts: Vec<usize> = (start..=start + len - k)
                .filter(|&w| block_fits(m, rs, w, k))
                .collect();
            let (g0, g1) = self.gaps_of[p * ns + sess];
            let gaps: Vec<i32> = self.gaps[g0..g1].to_vec();
            // compact: one of the blocks; else one of its gaps is counted
            let compact = self.var();
            self.compact.push(compact);
            self.covered[p * ns + sess] = true;
            let mut c = vec![compact];
            c.extend_from_slice(&gaps);
            self.clause(&c);
            let blocks: Vec<i32> = starts.iter().map(|_| self.var()).collect();
            let mut c = vec![-compact];
            c.extend_from_slice(&blocks);
            self.clause(&c);
            self.at_most_one(&blocks);
            for (&w, &b) in starts.iter().zip(&blocks) {
                for t in start..start + len {
                    let busy = self.busy[p * n + t];
                    let inside = (w..w + k).contains(&t);
                    match (inside, busy) {
                        (true, 0) => self.clause(&[-b]),
                        (true, y) => self.clause(&[-b, y]),
                        (false, 0) => {}
                        (false, y) => self.clause(&[-b, -y]),
                    }
                }
            }
        }
    }

    fn solve(&mut self, assume: &[i32], report: &mut ExactReport) -> Answer {
        report.sat_calls += 1;
        // the limit holds for the next call only; "conflicts" is a name
        // CaDiCaL always knows
        let _ = self.solver.set_limit("conflicts", self.conflicts);
        match self.solver.solve_with(assume.iter().copied()) {
            Some(true) => Answer::Sat,
            Some(false) => Answer::Unsat,
            None => {
                let deadline = self.solver.get_callbacks().and_then(|d| d.at);
                if deadline.is_some_and(|d| Instant::now() >= d) {
                    report.stopped = true;
                } else {
                    report.out_of_work = true;
                }
                Answer::Stopped
            }
        }
    }

    /// The schedule of the solver's last model.
    fn read(&self) -> Best {
        let m = self.m;
        let nr = m.n_req();
        let mut slots = vec![NONE; nr];
        let mut interps = vec![NONE; nr];
        for r in 0..nr {
            if let Some(k) = self.x[r]
                .iter()
                .position(|&x| self.solver.value(x) == Some(true))
            {
                slots[r] = m.cands(r)[k];
                if let Some(j) = self.interp[r]
                    .iter()
                    .position(|&u| self.solver.value(u) == Some(true))
                {
                    interps[r] = m.classes[m.class[r] as usize][j];
                }
            }
        }
        Best::of(m, &slots, &interps)
    }

    /// Tightens every level in turn from `best`; true when the first level
    /// (priority 3) is proven.
    fn tighten(
        &mut self,
        best: &mut Best,
        bound_met: &[usize; 3],
        idle_slots: bool,
        report: &mut ExactReport,
    ) -> bool {
        let mut first_proven = false;
        for level in 0..3 {
            let lits = self.unmet_lits(level);
            let n_c = lits.len();
            // requests that can never be met count as met by no schedule
            let most = n_c.min(bound_met[level]);
            let unmet_now = n_c.saturating_sub(best.met[level]);
            if n_c.saturating_mul(unmet_now + 1) > MAX_COUNTER_CELLS {
                // This level cannot be held at its count, so no level below
                // may be tightened either (it could trade this one away):
                // the schedule stays as it is.
                report.not_applied = Some(format!(
                    "{} of {n_c} requests of priority {} unmet: too many to count exactly",
                    unmet_now,
                    3 - level
                ));
                return first_proven;
            }
            if best.met[level] >= most {
                self.hold(&lits, unmet_now);
                first_proven |= level == 0;
                continue;
            }
            let out = self.counter(&lits, unmet_now + 1);
            loop {
                let unmet = n_c - best.met[level];
                if unmet < out.len() {
                    self.clause(&[-out[unmet]]);
                }
                if best.met[level] >= most {
                    break;
                }
                match self.solve(&[-out[unmet - 1]], report) {
                    Answer::Sat => {
                        *best = self.read();
                        report.improvements += 1;
                    }
                    Answer::Unsat => break,
                    Answer::Stopped => return first_proven,
                }
            }
            first_proven |= level == 0;
        }
        report.met_proven = true;
        // Once every request that has a slot is met, the met set is the only
        // one, and the cheap bound for it (`bounds.rs`) is a floor that
        // needs no proof from the solver.
        let mut floor = self.breaks_floor_of(best);
        report.breaks_proven = self.descend(true, &mut floor, best, report);
        self.breaks_floor = floor;
        if report.breaks_proven && idle_slots {
            report.idle_proven = self.descend(false, &mut 0, best, report);
        }
        first_proven
    }

    /// "Not met" of each request of met level `level` (0: priority 3) that
    /// has a slot.
    fn unmet_lits(&self, level: usize) -> Vec<i32> {
        let m = self.m;
        (0..m.n_req())
            .filter(|&r| 3 - m.pri[r] as usize == level && self.met[r] != 0)
            .map(|r| -self.met[r])
            .collect()
    }

    /// The fewest breaks `bounds.rs` proves at `best`'s met set, with the
    /// block constraints added, where that set is all that can be met (the
    /// only one then); else 0.
    fn breaks_floor_of(&mut self, best: &Best) -> usize {
        let m = self.m;
        if (0..m.n_req()).any(|r| !m.cands(r).is_empty() && best.slots[r] == NONE) {
            return 0;
        }
        self.add_blocks();
        bounds::breaks_floor(m, &best.slots, best.breaks)
    }

    /// Keeps at most `unmet` of `lits` true (their level at least as met as
    /// now) without proving anything.
    fn hold(&mut self, lits: &[i32], unmet: usize) {
        if unmet < lits.len() {
            let out = self.counter(lits, unmet + 1);
            self.clause(&[-out[unmet]]);
        }
    }

    /// Lowers the breaks (`breaks`) or idle slots to their fewest, from a
    /// known lower bound `floor` (raised where refutations prove more, to
    /// the best's count once it is proven); true when the best is proven
    /// the fewest.
    ///
    /// Idle slots step down from the best one at a time. Breaks are closed
    /// in from both sides in turn: one call asks for as few as the floor
    /// (unsatisfiable: the floor rises by one, proven), the next for one
    /// fewer than the best. On hard days the floor (`bounds.rs`, then each
    /// refutation) is within a few breaks of the optimum, and asking at the
    /// optimum finds it in one call where stepping down took a call per
    /// break, each as slow (ticf-13crafb: from 6 to a proven 3 in 58 s
    /// instead of 106 s). Where the floor is far below, the alternation
    /// costs at most one ask from below for each from above, and each
    /// refutation is a tighter `bound_breaks` even if the deadline comes
    /// first.
    fn descend(
        &mut self,
        breaks: bool,
        floor: &mut usize,
        best: &mut Best,
        report: &mut ExactReport,
    ) -> bool {
        let lits = if breaks {
            self.gaps.clone()
        } else {
            self.idles.clone()
        };
        let now = if breaks { best.breaks } else { best.idle };
        // The counter is built even when the floor already proves `now`:
        // the level must hold at `now` while the levels below are tightened.
        if lits.len() * (now + 1) > MAX_COUNTER_CELLS {
            return false;
        }
        let out = self.counter(&lits, now + 1);
        let spread: Vec<i32> = if breaks {
            let loose: Vec<i32> = self.compact.iter().map(|&c| -c).collect();
            self.counter(&loose, now + 1)
        } else {
            Vec::new()
        };
        // A guide, not a constraint: first ask for schedules where each
        // person has at most one gap (none outside `add_blocks`), counted
        // by the small counter over people not in one block alone; the
        // solver finds these far faster. Once none is left below the best,
        // none is at any lower count, and the guide is dropped. Only
        // unguided answers prove anything.
        let mut guide = if breaks && !spread.is_empty() {
            self.one_gap_each()
        } else {
            0
        };
        // the first step from above: the search's schedule is often one
        // break from the optimum, and refuting the floor is cheaper once
        // the solver has found schedules near it
        let mut from_below = false;
        loop {
            let cur = if breaks { best.breaks } else { best.idle };
            for o in [&out, &spread] {
                if cur < o.len() {
                    self.clause(&[-o[cur]]);
                }
            }
            if cur <= *floor {
                return true;
            }
            // at most `target`: from below the floor, else one fewer (one
            // ask from each side in turn, whatever its answer)
            let below = from_below;
            from_below = breaks && !from_below;
            let target = if below { *floor } else { cur - 1 };
            // (none at all is the same question with the guide or without)
            if guide != 0 && target > 0 && target < spread.len() {
                match self.solve(&[guide, -spread[target]], report) {
                    Answer::Sat => {
                        let found = self.read();
                        // fewer breaks by construction; checked all the same
                        if found.breaks < cur {
                            *best = found;
                            report.improvements += 1;
                            continue;
                        }
                        guide = 0;
                    }
                    // none at the floor says nothing of the counts above it
                    Answer::Unsat if !below => guide = 0,
                    Answer::Unsat => {}
                    Answer::Stopped => return false,
                }
            }
            let assume: Vec<i32> = [&out, &spread]
                .iter()
                .filter(|o| target < o.len())
                .map(|o| -o[target])
                .collect();
            match self.solve(&assume, report) {
                Answer::Sat => {
                    *best = self.read();
                    report.improvements += 1;
                }
                Answer::Unsat if below => *floor += 1,
                Answer::Unsat => {
                    *floor = cur;
                    return true;
                }
                Answer::Stopped => return false,
            }
        }
    }

    /// Window repair (see `repair_windows`): holds every met level at
    /// `best`'s counts, then re-solves one window of slots at a time for
    /// one break fewer, the meetings outside it held where they are. Gives
    /// the breaks floor it worked against (0 where it stopped before one).
    fn repair(&mut self, best: &mut Best, stop: Option<&(dyn Fn() -> bool + Sync)>) -> usize {
        let m = self.m;
        let n = m.n_slots;
        for level in 0..3 {
            let lits = self.unmet_lits(level);
            let unmet = lits.len().saturating_sub(best.met[level]);
            if lits.len().saturating_mul(unmet + 1) > MAX_COUNTER_CELLS {
                return 0;
            }
            self.hold(&lits, unmet);
        }
        let floor = self.breaks_floor_of(best);
        if best.breaks <= floor || self.gaps.len() * best.breaks > MAX_COUNTER_CELLS {
            return floor;
        }
        let gaps = self.gaps.clone();
        let out = self.counter(&gaps, best.breaks);
        let width = repair_window(n);
        let mut calls = 0;
        for _pass in 0..REPAIR_PASSES {
            let mut gained = false;
            let mut lo = 0;
            while lo + width <= n && best.breaks > floor && calls < REPAIR_CALLS {
                let cur = best.breaks;
                let inside = |s: usize| (lo..lo + width).contains(&s);
                // the meetings in the window stay in it, the others where
                // they are; one break fewer
                let mut assume = vec![-out[cur - 1]];
                for r in 0..m.n_req() {
                    let now = best.slots[r];
                    if now == NONE {
                        continue;
                    }
                    for (&s, &x) in m.cands(r).iter().zip(&self.x[r]) {
                        if inside(now as usize) {
                            if !inside(s as usize) {
                                assume.push(-x);
                            }
                        } else if s == now {
                            assume.push(x);
                        }
                    }
                }
                calls += 1;
                let mut ignored = ExactReport::default();
                let improved = match self.solve(&assume, &mut ignored) {
                    Answer::Sat => {
                        let found = self.read();
                        // fewer breaks by the counter, every level held;
                        // checked all the same
                        let ok = found.breaks < cur && found.met == best.met;
                        if ok {
                            *best = found;
                            self.clause(&[-out[best.breaks]]);
                        }
                        ok
                    }
                    Answer::Unsat | Answer::Stopped => false,
                };
                gained |= improved;
                if stop.is_some_and(|f| f()) {
                    return floor;
                }
                // the same window again after a gain: it may give more
                if !improved {
                    lo += 1;
                }
            }
            if !gained {
                break;
            }
        }
        floor
    }

    /// A literal that, assumed, allows at most one gap per person and
    /// session, and none to a person-session outside `add_blocks`.
    fn one_gap_each(&mut self) -> i32 {
        let guide = self.var();
        let ranges: Vec<(usize, usize)> = self.gaps_of.clone();
        for (k, (a, b)) in ranges.into_iter().enumerate() {
            let lits = self.gaps[a..b].to_vec();
            if !self.covered.get(k).copied().unwrap_or(false) {
                for &g in &lits {
                    self.clause(&[-guide, -g]);
                }
                continue;
            }
            self.ladder(&lits, Some(guide));
        }
        guide
    }
}

/// Whether requests `rs` can take distinct slots of the block of `k` slots
/// from `w` (each a candidate slot of its own).
fn block_fits(m: &Model, rs: &[usize], w: usize, k: usize) -> bool {
    let in_block = |i: usize| {
        m.cands(rs[i])
            .iter()
            .map(|&s| s as usize)
            .filter(move |&s| (w..w + k).contains(&s))
    };
    bounds::max_distinct(m.n_slots, rs.len(), in_block) == rs.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Instance, Participant, Request};

    /// One session of five slots and three pool tables. Person 0 meets 1,
    /// 2 and 3 in slots 0, 2 and 4 only: two gaps no schedule avoids, which
    /// the bounds see. Persons 4 and 7 meet two others each, anywhere. The
    /// fewest breaks are 2, and only with two gaps for one person, which
    /// the guide (at most one gap each) leaves out.
    fn pinned_hub() -> Instance {
        let requests = vec![
            request(0, 1, 3, Some(0)),
            request(0, 2, 3, Some(2)),
            request(0, 3, 3, Some(4)),
            request(4, 5, 3, None),
            request(4, 6, 3, None),
            request(7, 8, 3, None),
            request(7, 9, 3, None),
        ];
        day(5, 3, 10, requests)
    }

    /// The breaks' descent from a schedule with a gap too many: person 4
    /// meets in slots 0 and 2 (person 7 in 1 and 2).
    fn descend_from_three(limits: &ExactLimits) -> (Best, ExactReport, usize) {
        let model = Model::build(&pinned_hub()).unwrap();
        let bound_met = bounds::MetBounds::new(&model).own;
        let mut best = Best::of(&model, &[0, 2, 4, 0, 2, 1, 2], &[NONE; 7]);
        assert_eq!((best.met, best.breaks), ([7, 0, 0], 3));
        let mut report = ExactReport::default();
        let mut sat = Sat::new(&model, limits);
        sat.tighten(&mut best, &bound_met, false, &mut report);
        (best, report, sat.breaks_floor)
    }

    /// A request of `priority`, allowed only in `slot` where one is given.
    fn request(a: usize, b: usize, priority: u8, slot: Option<usize>) -> Request {
        Request {
            a,
            b,
            priority,
            allowed_slots: slot.map(|s| vec![s]),
            previous: None,
        }
    }

    /// One session of `slots` slots and `tables` pool tables, `people`
    /// people who share a language.
    fn day(slots: usize, tables: usize, people: usize, requests: Vec<Request>) -> Instance {
        Instance {
            session_lengths: vec![slots],
            table_owner: vec![None; tables],
            participants: vec![
                Participant {
                    languages: vec![0],
                    ..Participant::default()
                };
                people
            ],
            interpreters: Vec::new(),
            requests,
            tables_taken: Vec::new(),
        }
    }

    /// One session of ten slots (windows of four). Person 0 meets 1 in
    /// slot 5 and 2 in slot 7, the only slot that meeting allows: a break
    /// that only moving the first meeting to slot 6 closes. Persons 3 and 4
    /// meet in slot 1, far from every window that can close it.
    #[test]
    fn window_repair_closes_a_break_inside_a_window_and_holds_the_rest() {
        let requests = vec![
            request(0, 1, 2, None),
            request(0, 2, 2, Some(7)),
            request(3, 4, 2, None),
        ];
        let model = Model::build(&day(10, 2, 5, requests)).unwrap();
        assert_eq!(repair_window(model.n_slots), 4);
        let (mut slots, mut interps) = (vec![5, 7, 1], vec![NONE; 3]);
        assert_eq!(Best::of(&model, &slots, &interps).breaks, 1);
        assert_eq!(
            repair_windows(&model, &mut slots, &mut interps, None, None),
            Repair::Proven
        );
        assert_eq!(slots, vec![6, 7, 1]);
        let repaired = Best::of(&model, &slots, &interps);
        assert_eq!((repaired.met, repaired.breaks), ([0, 3, 0], 0));
    }

    /// A break no window can close (person 0's meetings are pinned to slots
    /// 0 and 9) leaves the schedule as it was.
    #[test]
    fn window_repair_leaves_a_break_it_cannot_close() {
        let requests = vec![request(0, 1, 3, Some(0)), request(0, 2, 3, Some(9))];
        let model = Model::build(&day(10, 1, 3, requests)).unwrap();
        let (mut slots, mut interps) = (vec![0, 9], vec![NONE; 2]);
        assert_eq!(Best::of(&model, &slots, &interps).breaks, 1);
        assert_eq!(
            repair_windows(&model, &mut slots, &mut interps, None, None),
            Repair::Unchanged
        );
        assert_eq!((slots, interps), (vec![0, 9], vec![NONE; 2]));
    }

    #[test]
    fn a_floor_without_a_schedule_under_the_guide_is_no_proof() {
        // at the floor (2) no schedule has one gap each, but one exists
        let (best, report, floor) = descend_from_three(&ExactLimits::default());
        assert!(report.breaks_proven, "{report:?}");
        assert_eq!((best.breaks, floor), (2, 2));
    }

    #[test]
    fn a_stopped_descent_keeps_only_the_floor_it_proved() {
        let limits = ExactLimits {
            deadline: Some(Instant::now()),
            ..ExactLimits::default()
        };
        let (best, report, floor) = descend_from_three(&limits);
        assert!(report.stopped && !report.breaks_proven, "{report:?}");
        assert_eq!((best.breaks, floor), (3, 2));
    }
}
