//! The instance compiled into flat arrays the search reads fast.

use std::collections::HashMap;

use crate::{Instance, InvalidInstance, Unmet};

pub(crate) const NONE: u32 = u32::MAX;

/// Whether bit `i` of a bitset kept in `u64` words is set.
#[inline]
pub(crate) fn has_bit(set: &[u64], i: usize) -> bool {
    set[i / 64] >> (i % 64) & 1 == 1
}

/// Bits `from..from + len` of a bitset (`len` at most 64, within the
/// set), as the low bits of one word.
#[inline]
pub(crate) fn bits_at(set: &[u64], from: usize, len: usize) -> u64 {
    debug_assert!((1..=64).contains(&len));
    let (word, shift) = (from / 64, from % 64);
    let mut bits = set[word] >> shift;
    if shift > 0 && shift + len > 64 {
        bits |= set[word + 1] << (64 - shift);
    }
    if len < 64 {
        bits & ((1u64 << len) - 1)
    } else {
        bits
    }
}

pub(crate) fn set_bit(set: &mut [u64], i: usize) {
    set[i / 64] |= 1 << (i % 64);
}

pub(crate) struct Model {
    pub n_slots: usize,
    pub sess_of: Vec<u32>,
    pub sess_start: Vec<u32>,
    pub sess_len: Vec<u32>,
    /// Weight of a break against one idle slot: above any gap, so that a
    /// cost ranks breaks first (re-scheduling searches with it).
    pub break_weight: i64,
    pub np: usize,
    pub words: usize,
    /// Participant availability bitsets, `words` u64 per participant.
    pub avail_p: Vec<u64>,
    /// Effective capacity: min(max_meetings, available slots).
    pub cap: Vec<u32>,
    pub max_meetings: Vec<Option<u32>>,
    pub fixed_table: Vec<u32>,
    pub langs_p: Vec<Vec<u32>>,
    pub ni: usize,
    pub avail_i: Vec<u64>,
    pub pool_tables: Vec<u32>,
    /// Pool tables free in each slot (the pool less the tables taken).
    pub pool_cap: Vec<u32>,
    /// `(slot, table)` pairs taken by meetings outside the instance.
    pub taken: std::collections::HashSet<(u32, u32)>,
    /// Interpreter lists, one per class of language pair.
    pub classes: Vec<Vec<u32>>,
    /// The same classes as bit sets of `iwords` words each.
    pub class_bits: Vec<u64>,
    pub iwords: usize,
    /// Per slot, the interpreters available then, as bits (`iwords` words
    /// a slot): each state's free interpreters start from these.
    pub interp_avail_at: Vec<u64>,
    pub req_a: Vec<u32>,
    pub req_b: Vec<u32>,
    pub pri: Vec<u8>,
    /// The meeting needs a pool table (neither side has a fixed one).
    pub pool: Vec<bool>,
    /// Interpreter class, or NONE when the two share a language.
    pub class: Vec<u32>,
    pub allowed: Vec<Option<Vec<u32>>>,
    /// Candidate slots: allowed, both available, an interpreter available
    /// if one is needed, a table possible.
    pub cand_off: Vec<u32>,
    pub cand: Vec<u32>,
    /// The same candidate slots as bits, `words` per request: the search
    /// asks "may r take s" at most moves, and a bit costs one load where a
    /// binary search of the list cost several dependent ones.
    pub cand_bits: Vec<u64>,
    pub prev_slot: Vec<u32>,
    pub prev_table: Vec<u32>,
    pub has_prev: bool,
    /// Each participant's requests: `reqs_of` by offsets in `reqs_off`.
    pub reqs_off: Vec<u32>,
    pub reqs_list: Vec<u32>,
}

impl Model {
    pub fn n_req(&self) -> usize {
        self.req_a.len()
    }

    pub fn cands(&self, r: usize) -> &[u32] {
        &self.cand[self.cand_off[r] as usize..self.cand_off[r + 1] as usize]
    }

    /// Whether slot `s` is a candidate of request `r`.
    #[inline]
    pub fn is_cand(&self, r: usize, s: usize) -> bool {
        s < self.n_slots && has_bit(&self.cand_bits[r * self.words..], s)
    }

    /// Request `r`'s candidate slots among `start..start + len` (`len` at
    /// most 64), bit `k` for slot `start + k`.
    #[inline]
    pub fn cand_bits_at(&self, r: usize, start: usize, len: usize) -> u64 {
        bits_at(
            &self.cand_bits[r * self.words..(r + 1) * self.words],
            start,
            len,
        )
    }

    /// Participant `p`'s available slots among `start..start + len` (`len`
    /// at most 64), bit `k` for slot `start + k`.
    #[inline]
    pub fn avail_bits_at(&self, p: usize, start: usize, len: usize) -> u64 {
        bits_at(
            &self.avail_p[p * self.words..(p + 1) * self.words],
            start,
            len,
        )
    }

    /// The participant of request `r` other than `p`.
    #[inline]
    pub fn partner(&self, r: usize, p: usize) -> usize {
        if self.req_a[r] as usize == p {
            self.req_b[r] as usize
        } else {
            self.req_a[r] as usize
        }
    }

    #[inline]
    pub fn avail(&self, p: usize, s: usize) -> bool {
        // row p starts at bit p * words * 64: one index, one bounds check
        has_bit(&self.avail_p, p * self.words * 64 + s)
    }

    #[inline]
    pub fn avail_interp(&self, i: usize, s: usize) -> bool {
        has_bit(&self.avail_i, i * self.words * 64 + s)
    }

    pub fn build(inst: &Instance) -> Result<Model, InvalidInstance> {
        let bad = |m: String| Err(InvalidInstance(m));
        let n_slots: usize = inst.session_lengths.iter().sum();
        if inst.session_lengths.contains(&0) {
            return bad("a session has no slots".into());
        }
        if n_slots >= u32::MAX as usize / 4 {
            return bad("too many slots".into());
        }
        let words = n_slots.div_ceil(64).max(1);
        let mut sess_of = Vec::with_capacity(n_slots);
        let mut sess_start = Vec::new();
        let mut sess_len = Vec::new();
        for (k, &len) in inst.session_lengths.iter().enumerate() {
            sess_start.push(sess_of.len() as u32);
            sess_len.push(len as u32);
            sess_of.extend(std::iter::repeat_n(k as u32, len));
        }
        let max_len = sess_len.iter().copied().max().unwrap_or(1);
        let np = inst.participants.len();
        let nt = inst.table_owner.len();
        let full = |unavail: &[usize], out: &mut Vec<u64>| -> Result<(), InvalidInstance> {
            let base = out.len();
            out.extend(std::iter::repeat_n(0u64, words));
            for s in 0..n_slots {
                out[base + s / 64] |= 1 << (s % 64);
            }
            for &s in unavail {
                if s >= n_slots {
                    return Err(InvalidInstance(format!("slot {s} out of range")));
                }
                out[base + s / 64] &= !(1 << (s % 64));
            }
            Ok(())
        };
        let mut avail_p = Vec::with_capacity(np * words);
        let mut cap = Vec::with_capacity(np);
        let mut fixed_table = vec![NONE; np];
        let mut langs_p = Vec::with_capacity(np);
        let mut max_meetings = Vec::with_capacity(np);
        for (p, part) in inst.participants.iter().enumerate() {
            full(&part.unavailable, &mut avail_p)?;
            let n_av: u32 = avail_p[p * words..(p + 1) * words]
                .iter()
                .map(|w| w.count_ones())
                .sum();
            cap.push(part.max_meetings.unwrap_or(u32::MAX).min(n_av));
            max_meetings.push(part.max_meetings);
            if let Some(t) = part.table {
                if t >= nt {
                    return bad(format!("participant {p}: table {t} out of range"));
                }
                if inst.table_owner[t] != Some(p) {
                    return bad(format!("participant {p}: table {t} is not its own"));
                }
                fixed_table[p] = t as u32;
            }
            let mut l = part.languages.clone();
            l.sort_unstable();
            l.dedup();
            langs_p.push(l);
        }
        for (t, o) in inst.table_owner.iter().enumerate() {
            if let Some(o) = o
                && (*o >= np || inst.participants[*o].table != Some(t))
            {
                return bad(format!("table {t}: owner {o} does not sit there"));
            }
        }
        let pool_tables: Vec<u32> = (0..nt)
            .filter(|&t| inst.table_owner[t].is_none())
            .map(|t| t as u32)
            .collect();
        let mut taken = std::collections::HashSet::new();
        let mut pool_cap = vec![pool_tables.len() as u32; n_slots];
        for &(s, t) in &inst.tables_taken {
            if s >= n_slots || t >= nt {
                return bad(format!("table {t} taken in slot {s}: out of range"));
            }
            if taken.insert((s as u32, t as u32)) && inst.table_owner[t].is_none() {
                pool_cap[s] -= 1;
            }
        }
        let ni = inst.interpreters.len();
        let mut avail_i = Vec::with_capacity(ni * words);
        let mut langs_i = Vec::with_capacity(ni);
        for it in &inst.interpreters {
            full(&it.unavailable, &mut avail_i)?;
            langs_i.push(it.languages.clone());
        }
        let nr = inst.requests.len();
        let mut m = Model {
            n_slots,
            sess_of,
            sess_start,
            sess_len,
            break_weight: max_len as i64 + 1,
            np,
            words,
            avail_p,
            cap,
            max_meetings,
            fixed_table,
            langs_p,
            ni,
            avail_i,
            pool_tables,
            pool_cap,
            taken,
            classes: Vec::new(),
            class_bits: Vec::new(),
            iwords: ni.div_ceil(64),
            interp_avail_at: Vec::new(),
            req_a: Vec::with_capacity(nr),
            req_b: Vec::with_capacity(nr),
            pri: Vec::with_capacity(nr),
            pool: Vec::with_capacity(nr),
            class: Vec::with_capacity(nr),
            allowed: Vec::with_capacity(nr),
            cand_off: vec![0],
            cand_bits: Vec::new(),
            cand: Vec::new(),
            prev_slot: vec![NONE; nr],
            prev_table: vec![NONE; nr],
            has_prev: false,
            reqs_off: Vec::new(),
            reqs_list: Vec::new(),
        };
        let mut class_ids: HashMap<(Vec<u32>, Vec<u32>), u32> = HashMap::new();
        for (r, req) in inst.requests.iter().enumerate() {
            if req.a >= np || req.b >= np || req.a == req.b {
                return bad(format!("request {r}: bad participants"));
            }
            if !(1..=3).contains(&req.priority) {
                return bad(format!("request {r}: priority {}", req.priority));
            }
            let (a, b) = (req.a, req.b);
            m.req_a.push(a as u32);
            m.req_b.push(b as u32);
            m.pri.push(req.priority);
            m.pool
                .push(m.fixed_table[a] == NONE && m.fixed_table[b] == NONE);
            let share = m.langs_p[a].iter().any(|l| m.langs_p[b].contains(l));
            let cls = if share {
                NONE
            } else {
                let (x, y) = if m.langs_p[a] <= m.langs_p[b] {
                    (m.langs_p[a].clone(), m.langs_p[b].clone())
                } else {
                    (m.langs_p[b].clone(), m.langs_p[a].clone())
                };
                let next = class_ids.len() as u32;
                *class_ids.entry((x, y)).or_insert_with(|| {
                    let list = (0..ni)
                        .filter(|&i| {
                            langs_i[i].iter().any(|l| m.langs_p[a].contains(l))
                                && langs_i[i].iter().any(|l| m.langs_p[b].contains(l))
                        })
                        .map(|i| i as u32)
                        .collect();
                    m.classes.push(list);
                    next
                })
            };
            m.class.push(cls);
            let allowed = match &req.allowed_slots {
                None => None,
                Some(list) => {
                    let mut v: Vec<u32> = Vec::with_capacity(list.len());
                    for &s in list {
                        if s >= n_slots {
                            return bad(format!("request {r}: slot {s} out of range"));
                        }
                        v.push(s as u32);
                    }
                    v.sort_unstable();
                    v.dedup();
                    Some(v)
                }
            };
            m.allowed.push(allowed);
            if let Some(p) = req.previous
                && p.slot < n_slots
            {
                let ok = p.table < nt
                    && if m.pool[r] {
                        inst.table_owner[p.table].is_none()
                    } else {
                        m.fixed_table[a] == p.table as u32 || m.fixed_table[b] == p.table as u32
                    };
                m.prev_slot[r] = p.slot as u32;
                m.has_prev = true;
                if ok {
                    m.prev_table[r] = p.table as u32;
                }
            }
            // candidates
            let table_possible = !m.pool[r] || !m.pool_tables.is_empty();
            if table_possible && m.cap[a] > 0 && m.cap[b] > 0 {
                let slots: Vec<u32> = match &m.allowed[r] {
                    Some(v) => v.clone(),
                    None => (0..n_slots as u32).collect(),
                };
                for s in slots {
                    let su = s as usize;
                    if !m.avail(a, su) || !m.avail(b, su) {
                        continue;
                    }
                    if m.pool[r] && m.pool_cap[su] == 0 {
                        continue;
                    }
                    // a fixed table taken then (by a meeting held there)
                    let (ta, tb) = (m.fixed_table[a], m.fixed_table[b]);
                    if !m.pool[r]
                        && [ta, tb]
                            .iter()
                            .all(|&t| t == NONE || m.taken.contains(&(s, t)))
                    {
                        continue;
                    }
                    if cls != NONE
                        && !m.classes[cls as usize]
                            .iter()
                            .any(|&i| m.avail_interp(i as usize, su))
                    {
                        continue;
                    }
                    m.cand.push(s);
                }
            }
            m.cand_off.push(m.cand.len() as u32);
        }
        let mut degree = vec![0u32; m.np + 1];
        for r in 0..nr {
            degree[m.req_a[r] as usize + 1] += 1;
            degree[m.req_b[r] as usize + 1] += 1;
        }
        for p in 0..m.np {
            degree[p + 1] += degree[p];
        }
        let mut fill = degree.clone();
        m.reqs_list = vec![0; 2 * nr];
        for r in 0..nr {
            for p in [m.req_a[r] as usize, m.req_b[r] as usize] {
                m.reqs_list[fill[p] as usize] = r as u32;
                fill[p] += 1;
            }
        }
        m.reqs_off = degree;
        let mut cand_bits = vec![0; nr * m.words];
        for r in 0..nr {
            for &c in m.cands(r) {
                set_bit(&mut cand_bits[r * m.words..], c as usize);
            }
        }
        m.cand_bits = cand_bits;
        let iw = m.iwords;
        m.class_bits = vec![0; m.classes.len() * iw];
        for (c, list) in m.classes.iter().enumerate() {
            for &i in list {
                set_bit(&mut m.class_bits[c * iw..], i as usize);
            }
        }
        m.interp_avail_at = vec![0; n_slots * iw];
        for s in 0..n_slots {
            for i in 0..ni {
                if m.avail_interp(i, s) {
                    set_bit(&mut m.interp_avail_at[s * iw..], i);
                }
            }
        }
        Ok(m)
    }

    /// The requests of participant `p`.
    pub fn reqs_of(&self, p: usize) -> &[u32] {
        &self.reqs_list[self.reqs_off[p] as usize..self.reqs_off[p + 1] as usize]
    }

    /// Explains why request `r` is unmet in state `st`.
    pub fn reason(&self, r: usize, st: &crate::state::State<'_>) -> Unmet {
        let (a, b) = (self.req_a[r] as usize, self.req_b[r] as usize);
        let slots: Vec<usize> = match &self.allowed[r] {
            Some(v) => v.iter().map(|&s| s as usize).collect(),
            None => (0..self.n_slots).collect(),
        };
        if slots.is_empty() {
            return Unmet::NoAllowedSlot;
        }
        for p in [a, b] {
            if self.max_meetings[p] == Some(0) {
                return Unmet::NoMeetings { who: p };
            }
        }
        for p in [a, b] {
            if !slots.iter().any(|&s| self.avail(p, s)) {
                return Unmet::NeverAvailable { who: p };
            }
        }
        let both: Vec<usize> = slots
            .iter()
            .copied()
            .filter(|&s| self.avail(a, s) && self.avail(b, s))
            .collect();
        if both.is_empty() {
            return Unmet::NeverBothAvailable;
        }
        if self.pool[r] && self.pool_tables.is_empty() {
            return Unmet::NoTable;
        }
        let cls = self.class[r];
        if cls != NONE {
            let list = &self.classes[cls as usize];
            if list.is_empty() {
                return Unmet::NoInterpreter;
            }
            if self.cands(r).is_empty() {
                return Unmet::NoInterpreterWhenBothFree;
            }
        }
        for p in [a, b] {
            if let Some(max) = self.max_meetings[p]
                && st.cnt[p] >= max
            {
                return Unmet::AtMaximum { who: p, max };
            }
        }
        Unmet::Crowded {
            slots: self.cands(r).len(),
        }
    }
}

/// Breaks and idle slots of one participant's session, given whether each
/// slot is busy.
pub(crate) fn run_cost(busy: impl Iterator<Item = bool>) -> (u32, u32) {
    let (mut breaks, mut idle) = (0, 0);
    let mut seen = false;
    let mut gap = 0;
    for b in busy {
        if b {
            if seen && gap > 0 {
                breaks += 1;
                idle += gap;
            }
            seen = true;
            gap = 0;
        } else if seen {
            gap += 1;
        }
    }
    (breaks, idle)
}

/// The cost change (breaks weighted `w`, plus idle slots) of making slot
/// `off` of a session row busy (`add`) or free, the row's other slots as
/// `busy` says: only the nearest busy slots on either side matter.
#[inline]
pub(crate) fn point_delta(
    len: usize,
    off: usize,
    add: bool,
    w: i64,
    busy: impl Fn(usize) -> bool,
) -> i64 {
    let left = (0..off).rev().find(|&k| busy(k));
    let right = (off + 1..len).find(|&k| busy(k));
    let gap_below = left.map(|l| (off - l - 1) as i64);
    let gap_above = right.map(|r| (r - off - 1) as i64);
    gaps_delta(gap_below, gap_above, add, w)
}

/// The cost change of making a slot busy (`add`) or free, given the free
/// slots between it and the nearest busy one below and above (`None`: no
/// busy slot on that side).
#[inline]
fn gaps_delta(gap_below: Option<i64>, gap_above: Option<i64>, add: bool, w: i64) -> i64 {
    let sign = if add { 1 } else { -1 };
    match (gap_below, gap_above) {
        (None, None) => 0,
        (Some(gap), None) | (None, Some(gap)) => sign * (if gap > 0 { w + gap } else { 0 }),
        (Some(a), Some(b)) => {
            // split (add) or join (remove) the gaps on either side
            let split = (a > 0) as i64 + (b > 0) as i64;
            sign * ((split - 1) * w - 1)
        }
    }
}

/// Sessions of at most this many slots keep each participant's busy slots
/// as one word, so that costs and deltas are a few bit operations.
pub(crate) const MASK_SLOTS: usize = 64;

/// `run_cost` of a session whose busy slots are the bits of `busy`.
#[inline]
pub(crate) fn mask_cost(busy: u64) -> (u32, u32) {
    if busy == 0 {
        return (0, 0);
    }
    let span = 64 - busy.leading_zeros() - busy.trailing_zeros();
    // each run of busy slots starts at a bit whose lower neighbour is free
    let runs = (busy & !(busy << 1)).count_ones();
    (runs - 1, span - busy.count_ones())
}

/// `point_delta` for the session `busy` (bit `off` clear).
#[inline]
pub(crate) fn mask_point_delta(busy: u64, off: usize, add: bool, w: i64) -> i64 {
    let below = busy & ((1u64 << off) - 1);
    let above = if off + 1 >= 64 { 0 } else { busy >> (off + 1) };
    let gap_below = (below != 0).then(|| below.leading_zeros() as i64 - (64 - off as i64));
    let gap_above = (above != 0).then(|| above.trailing_zeros() as i64);
    gaps_delta(gap_below, gap_above, add, w)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `bits_at` against a bit test per slot, across word boundaries.
    #[test]
    fn bits_at_reads_a_window_of_a_bitset() {
        let set = [0x8000_0000_0000_0001u64 | 0xf0 << 56, 0b1011];
        for from in 0..128 {
            for len in 1..=64.min(128 - from) {
                let want = (0..len)
                    .filter(|&k| has_bit(&set, from + k))
                    .fold(0u64, |acc, k| acc | 1 << k);
                assert_eq!(bits_at(&set, from, len), want, "from {from} len {len}");
            }
        }
    }

    /// `point_delta` against recounting, on every row of up to 9 slots.
    #[test]
    fn point_delta_matches_run_cost() {
        let w = 10;
        for len in 1..=9usize {
            for mask in 0u32..(1 << len) {
                let busy = |k: usize| mask >> k & 1 == 1;
                let cost = |m: u32| {
                    let (b, i) = run_cost((0..len).map(|k| m >> k & 1 == 1));
                    b as i64 * w + i as i64
                };
                for off in 0..len {
                    let add = !busy(off);
                    let flipped = mask ^ (1 << off);
                    let d = point_delta(len, off, add, w, |k| k != off && busy(k));
                    assert_eq!(
                        d,
                        cost(flipped) - cost(mask),
                        "len {len} mask {mask:b} off {off}"
                    );
                }
            }
        }
    }
    #[test]
    fn mask_costs_match_the_slot_by_slot_ones() {
        let w = 10;
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for round in 0..20_000u32 {
            // every mask of 10 slots, then pseudo-random masks of up to 64
            let (len, mask) = if round < 1024 {
                (10usize, round as u64)
            } else {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let len = 1 + (x % 64) as usize;
                let keep = if len == 64 {
                    u64::MAX
                } else {
                    (1u64 << len) - 1
                };
                (len, (x >> 3 & x >> 9) & keep)
            };
            let busy = |k: usize| mask >> k & 1 == 1;
            assert_eq!(
                mask_cost(mask),
                run_cost((0..len).map(busy)),
                "mask {mask:b}"
            );
            for off in 0..len {
                let rest = mask & !(1u64 << off);
                assert_eq!(
                    mask_point_delta(rest, off, !busy(off), w),
                    point_delta(len, off, !busy(off), w, |k| k != off && busy(k)),
                    "len {len} mask {mask:b} off {off}"
                );
            }
        }
    }
}
