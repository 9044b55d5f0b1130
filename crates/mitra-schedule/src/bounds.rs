//! Bounds that any valid schedule obeys, from cheap relaxations.
//!
//! Met, per priority on its own: a request can only be met in a candidate
//! slot; each participant meets at most min(`max_meetings`, its distinct
//! candidate slots for that priority) requests; so the met requests form a
//! degree-capped subgraph (a b-matching), whose size is at most half the
//! maximum flow in the bipartite double cover (each participant a left and a
//! right copy, each request an arc both ways). Besides, each slot holds at
//! most min(pool tables + fixed-table owners free then, half the
//! participants free then, requests that may take it) meetings. The bound is
//! the least of these and the number of requests with a candidate slot.
//! The same bound over priorities 2 and up together, and over all, caps
//! the lower levels of a lexicographically best schedule (`lex_met_bounds`).
//!
//! Breaks, for a given met set: a participant with k meetings, whose
//! meetings can only take its usable slots (available, and a candidate of
//! one of its met requests), needs at least as many blocks as it takes to
//! cover k slots with maximal runs of usable slots, where the longest run of
//! each session is free and every further run costs one break. And when
//! that count is zero, it still needs one break if no choice of one block
//! per session (k slots in all) lets its meetings take distinct candidate
//! slots inside the blocks (a matching again): a participant whose meetings
//! are pinned to both ends of a session cannot meet without a gap. Finally,
//! a slot is forced when the meetings no longer fit without it (a matching
//! per slot); between two forced slots of a session there is a break unless
//! every slot between is busy, and the meetings left over for such gaps can
//! fill only so many of them, the smallest first.
//!
//! Table load: a person without a break sits one block, and on a full day
//! the blocks crowd the middle slots past the seats their tables have; the
//! Lagrangian dual of that (`load_breaks_bound`) says how many must break.
//!
//! Partners' windows: a participant without a break keeps its meetings in
//! one block per session, so each of its meetings can only take the slots
//! some such block offers it (its window: a morning-only meeting of someone
//! who also has afternoon-only ones must sit just before lunch). A hub
//! meets its partners in distinct slots; when its meetings cannot all take
//! distinct slots inside their partners' windows, at least that many
//! partners (the deficiency of the matching) have a break. Hubs whose
//! partners are disjoint add up, less the partners already counted.

use crate::flow::Flow;
use crate::model::{Model, NONE, has_bit, set_bit};

/// The met bounds: `own`, each priority on its own (as `stats.bound_met`
/// reports them), and `lex`, those of a lexicographically best schedule
/// (`lex_met_bounds`), at which the search knows it can meet no more.
pub(crate) struct MetBounds {
    pub own: [usize; 3],
    pub lex: [usize; 3],
}

impl MetBounds {
    pub(crate) fn new(m: &Model) -> MetBounds {
        let own = met_bounds(m);
        let lex = lex_met_bounds(m, &own);
        MetBounds { own, lex }
    }
}

fn met_bounds(m: &Model) -> [usize; 3] {
    [3u8, 2, 1].map(|pri| met_bound_of(m, |p| p == pri))
}

/// Bounds on the met levels of a lexicographically best schedule, at most
/// `own` (the per-priority bounds): the requests of priority 2 and up taken
/// together form one degree-capped subgraph as well, so a schedule that
/// meets the most of priority 3 meets at most their joint bound less those
/// of priority 2, and so on down. This is what catches a participant whose
/// capacity its priority-3 requests fill: each priority on its own could
/// still meet its lower one. They hold as a whole: a schedule that reaches
/// all three is lexicographically best (one that meets fewer of priority 3
/// than `own[0]` may meet more of the others). Only the search's stop uses
/// them: the format's `bound_met` is per priority on its own.
fn lex_met_bounds(m: &Model, own: &[usize; 3]) -> [usize; 3] {
    let from_two = met_bound_of(m, |p| p >= 2);
    let mid = own[1].min(from_two.saturating_sub(own[0]));
    let all = met_bound_of(m, |p| p >= 1);
    let low = own[2].min(all.saturating_sub(own[0] + mid));
    [own[0], mid, low]
}

/// The most requests whose priority `keep` accepts that a schedule can
/// meet (see the module documentation).
fn met_bound_of(m: &Model, keep: impl Fn(u8) -> bool) -> usize {
    let reqs: Vec<usize> = (0..m.n_req())
        .filter(|&r| keep(m.pri[r]) && !m.cands(r).is_empty())
        .collect();
    if reqs.is_empty() {
        return 0;
    }
    let np = m.np;
    // distinct candidate slots per participant
    let mut slots_of = vec![0u64; np * m.words];
    let mut per_slot_people = vec![0u64; m.n_slots * np.div_ceil(64)];
    let pw = np.div_ceil(64);
    let mut per_slot_reqs = vec![0usize; m.n_slots];
    for &r in &reqs {
        for &s in m.cands(r) {
            let s = s as usize;
            per_slot_reqs[s] += 1;
            for p in [m.req_a[r] as usize, m.req_b[r] as usize] {
                slots_of[p * m.words + s / 64] |= 1 << (s % 64);
                per_slot_people[s * pw + p / 64] |= 1 << (p % 64);
            }
        }
    }
    let mut mine: Vec<Vec<u32>> = vec![Vec::new(); np];
    for &r in &reqs {
        mine[m.req_a[r] as usize].push(r as u32);
        mine[m.req_b[r] as usize].push(r as u32);
    }
    let capk: Vec<i64> = (0..np)
        .map(|p| {
            let n: u32 = slots_of[p * m.words..(p + 1) * m.words]
                .iter()
                .map(|w| w.count_ones())
                .sum();
            let k = n.min(m.cap[p]);
            // its requests need distinct slots: a matching of them into
            // their candidate slots (Hall's condition, not just counts)
            let k = if (mine[p].len() as u32) > k || mine[p].len() > 64 {
                k
            } else {
                k.min(slot_matching(m, &mine[p]))
            };
            k as i64
        })
        .collect();
    let (src, sink) = (2 * np, 2 * np + 1);
    let mut f = Flow::new(2 * np + 2);
    for p in 0..np {
        if capk[p] > 0 {
            f.edge(src, p, capk[p]);
            f.edge(np + p, sink, capk[p]);
        }
    }
    for &r in &reqs {
        let (a, b) = (m.req_a[r] as usize, m.req_b[r] as usize);
        f.edge(a, np + b, 1);
        f.edge(b, np + a, 1);
    }
    let flow_bound = (f.max_flow(src, sink) / 2) as usize;
    let mut slot_bound = 0usize;
    for s in 0..m.n_slots {
        let people: usize = per_slot_people[s * pw..(s + 1) * pw]
            .iter()
            .map(|w| w.count_ones() as usize)
            .sum();
        let owners = (0..np)
            .filter(|&p| m.fixed_table[p] != NONE && has_bit(&per_slot_people[s * pw..], p))
            .count();
        slot_bound += (people / 2)
            .min(m.pool_cap[s] as usize + owners)
            .min(per_slot_reqs[s]);
    }
    reqs.len().min(flow_bound).min(slot_bound)
}

/// What both breaks bounds start from: each participant's met requests,
/// and the slots they could take (bits, `Model::words` per participant).
pub(crate) struct MetSet {
    mine: Vec<Vec<u32>>,
    usable: Vec<u64>,
}

impl MetSet {
    pub(crate) fn of(m: &Model, slot_of: &[u32]) -> MetSet {
        let mut mine: Vec<Vec<u32>> = vec![Vec::new(); m.np];
        let mut usable = vec![0u64; m.np * m.words];
        for (r, &s) in slot_of.iter().enumerate() {
            if s == NONE {
                continue;
            }
            for p in [m.req_a[r] as usize, m.req_b[r] as usize] {
                mine[p].push(r as u32);
                for &c in m.cands(r) {
                    set_bit(&mut usable[p * m.words..], c as usize);
                }
            }
        }
        MetSet { mine, usable }
    }
}

/// The breaks bound for the met set of `slot_of`: the higher of the
/// participants' own (`breaks_bound`) and the table load's
/// (`load_breaks_bound`, not run when the first reaches `enough`).
pub(crate) fn breaks_floor(m: &Model, slot_of: &[u32], enough: usize) -> usize {
    let met = MetSet::of(m, slot_of);
    let own = breaks_bound(m, slot_of, &met);
    if own >= enough {
        return own;
    }
    own.max(load_breaks_bound(m, &met, enough))
}

pub(crate) fn breaks_bound(m: &Model, slot_of: &[u32], met: &MetSet) -> usize {
    let np = m.np;
    let MetSet { mine, usable } = met;
    let mut total = 0;
    let mut needed_of = vec![0usize; np];
    let mut with_break = vec![false; np];
    let mut extra_runs: Vec<u32> = Vec::new();
    let mut blocks = Blocks::new(m);
    let mut open = vec![false; m.n_slots];
    let mut busy: Vec<usize> = Vec::new();
    for p in 0..np {
        let k = mine[p].len() as u32;
        if k == 0 {
            continue;
        }
        let mut free_capacity = 0u32;
        extra_runs.clear();
        for sess in 0..m.sess_len.len() {
            let start = m.sess_start[sess] as usize;
            let mut runs: Vec<u32> = Vec::new();
            let mut cur = 0;
            for s in start..start + m.sess_len[sess] as usize {
                if has_bit(&usable[p * m.words..], s) {
                    cur += 1;
                } else if cur > 0 {
                    runs.push(cur);
                    cur = 0;
                }
            }
            if cur > 0 {
                runs.push(cur);
            }
            runs.sort_unstable_by(|x, y| y.cmp(x));
            if let Some((&first, rest)) = runs.split_first() {
                free_capacity += first;
                extra_runs.extend_from_slice(rest);
            }
        }
        extra_runs.sort_unstable_by(|x, y| y.cmp(x));
        let mut have = free_capacity;
        let mut needed = 0;
        for &run in &extra_runs {
            if have >= k {
                break;
            }
            have += run;
            needed += 1;
        }
        // a participant the schedule itself gives no break is its own
        // witness: only those with a break need the searches below
        if k >= 2 {
            busy.clear();
            busy.extend(mine[p].iter().map(|&r| slot_of[r as usize] as usize));
            busy.sort_unstable();
            busy.dedup(); // a double booking is no schedule; never a panic
            if has_break(m, &busy) {
                with_break[p] = true;
                let own = &usable[p * m.words..(p + 1) * m.words];
                needed = needed.max(forced_gaps(m, &mine[p], &busy, own, &mut open) as usize);
                if needed == 0 && blocks.never_fit(&mine[p], own) {
                    needed = 1;
                }
            }
        }
        needed_of[p] = needed;
        total += needed;
    }
    total + partner_windows(m, mine, usable, &needed_of, &with_break)
}

/// Block choices the partners' windows bound tries for one participant,
/// and over all, before it takes that participant's (and then every
/// further one's) windows as its whole candidate slots, which keeps the
/// bound true: it stays cheap where participants have many meetings over
/// several sessions, and on events of many thousands of requests.
const WINDOW_TRIES_EACH: u32 = 256;
const WINDOW_TRIES: u32 = 20_000;

/// The breaks that hubs' meetings force on partners (see the module
/// documentation), beyond those already in `needed_of`; `with_break` says
/// who has a break in the schedule the bound is taken on.
fn partner_windows(
    m: &Model,
    mine: &[Vec<u32>],
    usable: &[u64],
    needed_of: &[usize],
    with_break: &[bool],
) -> usize {
    let np = m.np;
    let words = m.words;
    let partner = |r: u32, q: usize| m.partner(r as usize, q);
    // A hub can only force a break on a partner that has one here (this
    // schedule is a witness for the others), so only hubs with such a
    // partner, and distinct partners, are looked at.
    let hubs: Vec<usize> = (0..np)
        .filter(|&q| mine[q].len() >= 2 && mine[q].iter().any(|&r| with_break[partner(r, q)]))
        .filter(|&q| {
            let mut ps: Vec<usize> = mine[q].iter().map(|&r| partner(r, q)).collect();
            ps.sort_unstable();
            ps.windows(2).all(|w| w[0] != w[1])
        })
        .collect();
    if hubs.is_empty() {
        return 0;
    }
    // each participant's windows (`words` per request), computed once:
    // from its blocks, or its whole candidate slots where it has one
    // meeting or the tries run out
    let mut window: Vec<Option<Vec<u64>>> = vec![None; np];
    let mut blocks = Blocks::new(m);
    let mut budget = WINDOW_TRIES;
    let mut gains: Vec<(usize, usize)> = Vec::new();
    for &q in &hubs {
        let reqs = &mine[q];
        let mut allowed: Vec<u64> = Vec::with_capacity(reqs.len() * words);
        for &r in reqs {
            let p = partner(r, q);
            let w = window[p].get_or_insert_with(|| {
                let found = if mine[p].len() >= 2 {
                    blocks.budget = budget.min(WINDOW_TRIES_EACH);
                    let before = blocks.budget;
                    let own = &usable[p * words..(p + 1) * words];
                    let found = blocks.windows(&mine[p], own);
                    budget -= before - blocks.budget;
                    found
                } else {
                    None
                };
                found.unwrap_or_else(|| candidate_bits(m, &mine[p]))
            });
            let k = mine[p].iter().position(|&x| x == r).unwrap_or(0);
            allowed.extend_from_slice(&w[k * words..(k + 1) * words]);
        }
        let matched = window_matching(m, reqs, &allowed);
        let deficiency = reqs.len() - matched;
        let counted = reqs
            .iter()
            .filter(|&&r| needed_of[partner(r, q)] > 0)
            .count();
        if deficiency > counted {
            gains.push((deficiency - counted, q));
        }
    }
    // hubs with disjoint partners add up, the largest gains first
    gains.sort_unstable_by(|a, b| b.cmp(a));
    let mut taken = vec![false; np];
    let mut total = 0;
    for (gain, q) in gains {
        if mine[q].iter().any(|&r| taken[partner(r, q)]) {
            continue;
        }
        for &r in &mine[q] {
            taken[partner(r, q)] = true;
        }
        total += gain;
    }
    total
}

/// Each of `reqs`' candidate slots as bits, `words` per request.
fn candidate_bits(m: &Model, reqs: &[u32]) -> Vec<u64> {
    let mut out = vec![0u64; reqs.len() * m.words];
    for (k, &r) in reqs.iter().enumerate() {
        for &c in m.cands(r as usize) {
            out[k * m.words + c as usize / 64] |= 1 << (c % 64);
        }
    }
    out
}

/// The most of `reqs` that can take distinct slots, request `k` only the
/// slots of its bitset (`allowed[k * words..]`).
fn window_matching(m: &Model, reqs: &[u32], allowed: &[u64]) -> usize {
    let w = m.words;
    max_distinct(m.n_slots, reqs.len(), |k| {
        (0..m.n_slots).filter(move |&s| has_bit(&allowed[k * w..(k + 1) * w], s))
    })
}

/// Breaks that the slots every placement of `reqs` must use (its forced
/// slots) imply: between two forced slots of a session, either every slot
/// is busy or there is a break, and the meetings not on forced slots can
/// fill only so many such gaps (the smallest first, if all their slots are
/// usable). `busy` is the schedule's own slots of `reqs`, in order: a valid
/// placement, so every forced slot is among them. `open` is scratch space
/// of one flag per slot.
fn forced_gaps(m: &Model, reqs: &[u32], busy: &[usize], usable: &[u64], open: &mut [bool]) -> u32 {
    let is_usable = |s: usize| has_bit(usable, s);
    for (s, o) in open.iter_mut().enumerate() {
        *o = is_usable(s);
    }
    let k = reqs.len() as u32;
    if slot_matching_in(m, reqs, open) < k {
        // no placement at all (not from a valid schedule): claim nothing
        return 0;
    }
    let mut forced: Vec<usize> = Vec::new();
    for &s in busy {
        // forced: without it the meetings no longer all find a slot
        open[s] = false;
        if slot_matching_in(m, reqs, open) < k {
            forced.push(s);
        }
        open[s] = true;
    }
    let mut fillable: Vec<u32> = Vec::new();
    let mut gaps = 0u32;
    for w in forced.windows(2) {
        let (a, b) = (w[0], w[1]);
        if b == a + 1 || m.sess_of[a] != m.sess_of[b] {
            continue;
        }
        gaps += 1;
        if (a + 1..b).all(is_usable) {
            fillable.push((b - a - 1) as u32);
        }
    }
    fillable.sort_unstable();
    let mut spare = k.saturating_sub(forced.len() as u32);
    let mut filled = 0;
    for g in fillable {
        if g > spare {
            break;
        }
        spare -= g;
        filled += 1;
    }
    gaps - filled
}

/// Whether a participant's busy slots (in order) leave a gap in a session.
fn has_break(m: &Model, busy: &[usize]) -> bool {
    busy.windows(2)
        .any(|w| m.sess_of[w[0]] == m.sess_of[w[1]] && w[1] > w[0] + 1)
}

/// Blocks placed per participant before the bound gives up on it (and
/// counts no break, which stays true): one session has at most as many
/// choices as slots, and two sessions of a day rarely more than a few
/// hundred; this only caps unusual days of many sessions. Every block
/// placed counts, not only complete choices, so the cap bounds the work
/// even where no choice completes.
const BLOCK_TRIES: u32 = 1024;

/// The search for one block per session that a participant's meetings fit.
struct Blocks<'m> {
    m: &'m Model,
    chosen: Vec<bool>,
    /// Blocks the current search may still place.
    budget: u32,
}

impl<'m> Blocks<'m> {
    fn new(m: &'m Model) -> Self {
        Blocks {
            m,
            chosen: vec![false; m.n_slots],
            budget: 0,
        }
    }

    /// Whether `reqs` surely fit no choice of one block of usable slots per
    /// session, `reqs.len()` slots in all; false when unsure (too many
    /// choices to try).
    fn never_fit(&mut self, reqs: &[u32], usable: &[u64]) -> bool {
        self.budget = BLOCK_TRIES;
        self.chosen.fill(false);
        match self.walk(reqs, usable, 0, reqs.len() as u32, &mut |_| true) {
            Some(fits) => !fits,
            None => false,
        }
    }

    /// Each of `reqs`' windows: the slots (bits, `words` per request) it
    /// can take inside some choice of one block per session that all of
    /// `reqs` fit (a slot of its candidates in the blocks; a superset of the
    /// exact windows, which keeps the bound true). `None` when the budget
    /// (set by the caller) runs out.
    fn windows(&mut self, reqs: &[u32], usable: &[u64]) -> Option<Vec<u64>> {
        let m = self.m;
        let mut out = vec![0u64; reqs.len() * m.words];
        self.chosen.fill(false);
        let mut add = |chosen: &[bool]| {
            for (k, &r) in reqs.iter().enumerate() {
                for &c in m.cands(r as usize) {
                    let c = c as usize;
                    if chosen[c] {
                        out[k * m.words + c / 64] |= 1 << (c % 64);
                    }
                }
            }
            false // every choice
        };
        self.walk(reqs, usable, 0, reqs.len() as u32, &mut add)?;
        Some(out)
    }

    /// Chooses a block in session `sess` and on (`left` slots still to
    /// cover), and calls `fits` with the chosen slots on each complete
    /// choice that all of `reqs` fit (a matching); `Some(true)` as soon as
    /// `fits` says to stop, `Some(false)` when every choice is done, `None`
    /// when out of budget (one per block placed).
    fn walk(
        &mut self,
        reqs: &[u32],
        usable: &[u64],
        sess: usize,
        left: u32,
        fits: &mut dyn FnMut(&[bool]) -> bool,
    ) -> Option<bool> {
        let m = self.m;
        if sess == m.sess_len.len() {
            let all = reqs.len() as u32;
            return Some(
                left == 0 && slot_matching_in(m, reqs, &self.chosen) == all && fits(&self.chosen),
            );
        }
        let later: u32 = m.sess_len[sess + 1..].iter().sum();
        let (start, len) = (m.sess_start[sess] as usize, m.sess_len[sess]);
        let is_usable = |s: usize| has_bit(usable, s);
        for size in (left.saturating_sub(later)..=left.min(len)).rev() {
            if size == 0 {
                if self.walk(reqs, usable, sess + 1, left, fits)? {
                    return Some(true);
                }
                continue;
            }
            let size_u = size as usize;
            for first in start..=start + (len - size) as usize {
                if !(first..first + size_u).all(is_usable) {
                    continue;
                }
                if self.budget == 0 {
                    return None;
                }
                self.budget -= 1;
                self.chosen[first..first + size_u].fill(true);
                let found = self.walk(reqs, usable, sess + 1, left - size, fits);
                self.chosen[first..first + size_u].fill(false);
                if found? {
                    return Some(true);
                }
            }
        }
        Some(false)
    }
}

/// The most of `reqs` (one participant's requests) that can take distinct
/// candidate slots (augmenting paths; the lists are short).
fn slot_matching(m: &Model, reqs: &[u32]) -> u32 {
    slot_matching_in(m, reqs, &vec![true; m.n_slots])
}

/// The same, with only the slots marked in `open` to take.
fn slot_matching_in(m: &Model, reqs: &[u32], open: &[bool]) -> u32 {
    let size = max_distinct(m.n_slots, reqs.len(), |k| {
        m.cands(reqs[k] as usize)
            .iter()
            .map(|&s| s as usize)
            .filter(|&s| open[s])
    });
    size as u32
}

/// The most of `n` requests that can take distinct slots, request `k`
/// only those `slots(k)` gives (augmenting paths; the lists are short).
pub(crate) fn max_distinct<F, I>(n_slots: usize, n: usize, slots: F) -> usize
where
    F: Fn(usize) -> I,
    I: Iterator<Item = usize>,
{
    fn augment<F, I>(slots: &F, k: usize, owner: &mut [u32], seen: &mut [bool]) -> bool
    where
        F: Fn(usize) -> I,
        I: Iterator<Item = usize>,
    {
        for s in slots(k) {
            if seen[s] {
                continue;
            }
            seen[s] = true;
            if owner[s] == NONE || augment(slots, owner[s] as usize, owner, seen) {
                owner[s] = k as u32;
                return true;
            }
        }
        false
    }
    let mut owner = vec![NONE; n_slots];
    let mut seen = vec![false; n_slots];
    let mut size = 0;
    for k in 0..n {
        seen.fill(false);
        if augment(&slots, k, &mut owner, &mut seen) {
            size += 1;
        }
    }
    size
}

/// Table load: each slot seats at most so many people (twice the meetings
/// its tables hold), and a person without a break sits one block, which in
/// a full day covers the middle slots. When the blocks the people need
/// crowd the middle beyond its tables, some of them must break. The bound
/// is the Lagrangian dual of "fewest breaks, each person `k` busy slots of
/// its usable ones, at most `seats[s]` people busy in each slot": each
/// slot's seats are priced (`price[s]`), each person then picks its
/// cheapest busy slots alone (breaks plus prices, a dynamic programme over
/// the slots), and whatever the prices, the sum less the seats' worth is a
/// lower bound. Prices follow the subgradient (seats wanted less seats
/// there) for a fixed number of steps, so the bound is the same on every
/// run. It stops early once it reaches `enough`, or once it stalls (see
/// `LOAD_WINDOW`).
pub(crate) fn load_breaks_bound(m: &Model, met: &MetSet, enough: usize) -> usize {
    let np = m.np;
    let n = m.n_slots;
    let MetSet { mine, usable } = met;
    let count: Vec<usize> = mine.iter().map(Vec::len).collect();
    let people: Vec<usize> = (0..np).filter(|&p| count[p] >= 2).collect();
    // the work of one step: the programme's cells over all people
    let step_work: usize = people.iter().map(|&p| n * (count[p] + 1)).sum();
    if step_work == 0 {
        return 0;
    }
    let steps = (LOAD_WORK / step_work).min(LOAD_STEPS);
    if steps < LOAD_MIN_STEPS {
        return 0;
    }
    // seats per slot: two per meeting its pool tables and free owners hold
    let seats: Vec<f64> = (0..n)
        .map(|s| {
            let owners = (0..np)
                .filter(|&p| m.fixed_table[p] != NONE && m.avail(p, s))
                .count();
            2.0 * (m.pool_cap[s] as usize + owners) as f64
        })
        .collect();
    // People with the same usable slots and count have the same cheapest
    // choice at any prices: the programme runs once per such group and
    // step, and each person still adds its own value, in the same order.
    let usable_of = |p: usize| &usable[p * m.words..(p + 1) * m.words];
    let mut groups: std::collections::HashMap<(&[u64], usize), usize> =
        std::collections::HashMap::new();
    // each group's first person, who stands for it
    let mut first: Vec<usize> = Vec::new();
    let group_of: Vec<usize> = people
        .iter()
        .map(|&p| {
            *groups.entry((usable_of(p), count[p])).or_insert_with(|| {
                first.push(p);
                first.len() - 1
            })
        })
        .collect();
    let mut group_value = vec![0.0f64; first.len()];
    let mut group_chosen: Vec<Vec<usize>> = vec![Vec::new(); first.len()];
    let mut price = vec![0.0f64; n];
    let mut load = vec![0usize; n];
    let mut dp = BlockProgramme::default();
    let mut best = 0.0f64;
    let mut step = LOAD_FIRST_STEP;
    // the highest value of this window of steps, and of the one before
    let (mut window_high, mut last_high) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
    for at in 0..steps {
        load.iter_mut().for_each(|l| *l = 0);
        let mut value: f64 = -(0..n).map(|s| price[s] * seats[s]).sum::<f64>();
        for (g, &p) in first.iter().enumerate() {
            group_value[g] = dp.cheapest(m, usable_of(p), count[p], &price);
            group_chosen[g].clear();
            group_chosen[g].extend_from_slice(&dp.chosen);
        }
        for &g in &group_of {
            value += group_value[g];
            for &s in &group_chosen[g] {
                load[s] += 1;
            }
        }
        best = best.max(value);
        if ceil_bound(best) >= enough {
            break;
        }
        // (the first step, at no prices, is where the climb starts from,
        // not part of it)
        if at > 0 {
            window_high = window_high.max(value);
        }
        if (at + 1) % LOAD_WINDOW == 0 {
            if window_high <= last_high + LOAD_GAIN {
                break;
            }
            last_high = window_high;
            window_high = f64::NEG_INFINITY;
        }
        let grad: Vec<f64> = (0..n).map(|s| load[s] as f64 - seats[s]).collect();
        // at prices that are all zero and no slot over its seats, no price
        // can raise the bound further
        if grad
            .iter()
            .zip(&price)
            .all(|(&g, &pr)| g <= 0.0 && (g == 0.0 || pr == 0.0))
        {
            break;
        }
        let norm = grad.iter().map(|g| g * g).sum::<f64>().sqrt();
        for s in 0..n {
            price[s] = (price[s] + step * grad[s] / norm).max(0.0);
        }
        step *= LOAD_STEP_DECAY;
    }
    ceil_bound(best)
}

/// Steps of the price search, at most and at least (fewer than the least
/// and the bound is not tried: a day too large for it).
const LOAD_STEPS: usize = 300;
const LOAD_MIN_STEPS: usize = 30;
/// The price search also ends when a window of this many steps rose no
/// higher than the window before (by `LOAD_GAIN`): the values climb while
/// the prices still find crowded slots, and where the tables force no
/// break they keep falling back to zero (the whole search was most of a
/// small day's fixed cost there).
const LOAD_WINDOW: usize = 50;
const LOAD_GAIN: f64 = 1e-3;
/// Work allowed to the price search, in programme cells (at about 20 ns
/// a cell, 0.3 s at most).
const LOAD_WORK: usize = 15_000_000;
/// The first price step, in breaks, and its decay per step.
const LOAD_FIRST_STEP: f64 = 0.5;
const LOAD_STEP_DECAY: f64 = 0.98;

/// The least whole number of breaks at or above a dual value, with room
/// for rounding in the sums.
fn ceil_bound(value: f64) -> usize {
    if value <= 0.0 {
        0
    } else {
        (value - 1e-6).ceil() as usize
    }
}

/// One person's cheapest busy slots at given seat prices: exactly `k` of
/// its usable slots, each costing its price, and each gap between two busy
/// slots of a session one break.
#[derive(Default)]
struct BlockProgramme {
    /// Cost per (busy slots so far, phase), phases: nothing yet this
    /// session, just busy, idle since a busy slot.
    cost: Vec<f64>,
    next: Vec<f64>,
    /// Per slot and state, whether the slot was busy and the phase before.
    came: Vec<(bool, u8)>,
    /// The busy slots of the cheapest choice.
    chosen: Vec<usize>,
}

impl BlockProgramme {
    fn cheapest(&mut self, m: &Model, usable: &[u64], k: usize, price: &[f64]) -> f64 {
        const NOTHING: usize = 0;
        const BUSY: usize = 1;
        const IDLE: usize = 2;
        let n = m.n_slots;
        let states = (k + 1) * 3;
        let inf = f64::INFINITY;
        self.cost.clear();
        self.cost.resize(states, inf);
        self.cost[NOTHING] = 0.0;
        self.came.clear();
        self.came.resize(n * states, (false, 0));
        for s in 0..n {
            let starts_session = m.sess_start[m.sess_of[s] as usize] as usize == s;
            self.next.clear();
            self.next.resize(states, inf);
            // only counts that are reachable by now and can still reach `k`
            let (lo, hi) = (k.saturating_sub(n - s), s.min(k));
            for j in lo..=hi {
                for phase in 0..3 {
                    let c = self.cost[j * 3 + phase];
                    if c == inf {
                        continue;
                    }
                    // a new session forgets the last one's gaps
                    let here = if starts_session { NOTHING } else { phase };
                    let idle = if here == NOTHING { NOTHING } else { IDLE };
                    let to = j * 3 + idle;
                    if c < self.next[to] {
                        self.next[to] = c;
                        self.came[s * states + to] = (false, phase as u8);
                    }
                    if j < k && has_bit(usable, s) {
                        let gap = if here == IDLE { 1.0 } else { 0.0 };
                        let to = (j + 1) * 3 + BUSY;
                        let c = c + price[s] + gap;
                        if c < self.next[to] {
                            self.next[to] = c;
                            self.came[s * states + to] = (true, phase as u8);
                        }
                    }
                }
            }
            std::mem::swap(&mut self.cost, &mut self.next);
        }
        let (mut phase, mut total) = (NOTHING, inf);
        for ph in 0..3 {
            if self.cost[k * 3 + ph] < total {
                total = self.cost[k * 3 + ph];
                phase = ph;
            }
        }
        self.chosen.clear();
        if total == inf {
            return 0.0; // no such choice: never for a schedule's own met set
        }
        let mut j = k;
        for s in (0..n).rev() {
            let (busy, before) = self.came[s * states + j * 3 + phase];
            if busy {
                self.chosen.push(s);
                j -= 1;
            }
            phase = before as usize;
        }
        total
    }
}
