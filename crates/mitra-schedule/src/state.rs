//! A schedule under construction, changed only through logged primitive
//! operations so that any move can be undone (rejected) or redone.

use crate::model::{MASK_SLOTS, Model, NONE, mask_cost, mask_point_delta};

#[derive(Clone, Copy, Debug)]
pub(crate) enum Op {
    Place { r: u32, s: u32, i: u32 },
    Unplace { r: u32, s: u32, i: u32 },
    SetInterp { r: u32, from: u32, to: u32 },
}

/// What swapping a Kempe chain between two slots would cost, judged
/// before it is made (`State::swap_cost`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SwapCost {
    /// The change of the cost (met levels stay: every meeting stays met).
    Cost(i64),
    /// The pool tables cannot take it.
    Unfit,
    /// Only making the swap tells: interpreters to find, kept meetings
    /// (re-scheduling), or a session too long for the busy bits.
    Unknown,
}

/// The objective's levels, most important first: met priority 3, kept,
/// met priority 2, met priority 1; then the cost (breaks weighted above
/// idle slots), lower is better. A schedule with pool meetings above the
/// tables (only while the search relaxes them) is worse than any without.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) struct Score {
    pub met: [i64; 4],
    /// The search's surrogate: breaks weighted against idle slots.
    pub cost: i64,
    pub breaks: i64,
    pub idle: i64,
    /// Pool meetings above the slots' tables.
    pub over: i64,
}

impl Score {
    /// Strictly better than `other`.
    pub fn better(&self, other: &Score) -> bool {
        match self.met.cmp(&other.met) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Equal => {
                (self.over, self.breaks, self.idle) < (other.over, other.breaks, other.idle)
            }
        }
    }
}

pub(crate) struct State<'m> {
    pub m: &'m Model,
    pub slot_of: Vec<u32>,
    pub interp_of: Vec<u32>,
    pub occ: Vec<u32>,
    /// Each slot's interpreters' meetings, slot-major (`s * ni + i`): the
    /// search for a free interpreter reads one slot's row.
    pub iocc: Vec<u32>,
    /// Per slot, the interpreters available then and not busy, as bits
    /// (`Model::iwords` words a slot): kept with `iocc` by `set_iocc`.
    ifree: Vec<u64>,
    pub cnt: Vec<u32>,
    pub pool_used: Vec<u32>,
    /// Pool meetings a slot may take: its tables (`Model::pool_cap`), or a
    /// few more while the search relaxes them (`search::SoftTables`).
    pub pool_room: Vec<u32>,
    /// Pool meetings above the tables, and what each costs meanwhile.
    pub over: i64,
    pub over_weight: i64,
    /// What a break costs in the cost, in idle slots: the model's (above
    /// any gap, so that breaks come first), or the search's own
    /// (`search::SEARCH_BREAK_WEIGHT`).
    pub break_weight: i64,
    pub pool_list: Vec<Vec<u32>>,
    pub pool_pos: Vec<u32>,
    /// Unmet requests that have candidate slots (others can never be met).
    pub unmet: Vec<u32>,
    pub unmet_pos: Vec<u32>,
    /// Met priority 3, kept, met 2, met 1.
    pub met: [i64; 4],
    pub kept: i64,
    pub pcost: Vec<(u32, u32)>,
    /// Per participant-session, its busy slots as bits (sessions of at
    /// most `MASK_SLOTS` slots; longer ones are read from `occ`).
    busy: Vec<u64>,
    pub breaks: i64,
    pub idle: i64,
    pub log: Vec<Op>,
    cost_log: Vec<(u32, (u32, u32))>,
    dirty: Vec<u32>,
    dirty_mark: Vec<bool>,
    visit: Vec<u32>,
    stamp: u32,
    pub moves: u64,
}

impl<'m> State<'m> {
    pub fn new(m: &'m Model) -> State<'m> {
        let nr = m.n_req();
        let ns = m.sess_len.len();
        let mut st = State {
            m,
            slot_of: vec![NONE; nr],
            interp_of: vec![NONE; nr],
            occ: vec![NONE; m.np * m.n_slots],
            iocc: vec![NONE; m.ni * m.n_slots],
            ifree: m.interp_avail_at.clone(),
            cnt: vec![0; m.np],
            pool_used: vec![0; m.n_slots],
            pool_room: m.pool_cap.clone(),
            over: 0,
            over_weight: 0,
            break_weight: m.break_weight,
            pool_list: vec![Vec::new(); m.n_slots],
            pool_pos: vec![NONE; nr],
            unmet: Vec::new(),
            unmet_pos: vec![NONE; nr],
            met: [0; 4],
            kept: 0,
            pcost: vec![(0, 0); m.np * ns],
            busy: vec![0; m.np * ns],
            breaks: 0,
            idle: 0,
            log: Vec::new(),
            cost_log: Vec::new(),
            dirty: Vec::new(),
            dirty_mark: vec![false; m.np * ns],
            visit: vec![0; m.ni],
            stamp: 0,
            moves: 0,
        };
        for r in 0..nr {
            if !m.cands(r).is_empty() {
                st.unmet_pos[r] = st.unmet.len() as u32;
                st.unmet.push(r as u32);
            }
        }
        st
    }

    pub fn score(&self) -> Score {
        Score {
            met: self.met,
            cost: self.breaks * self.break_weight + self.idle + self.over * self.over_weight,
            breaks: self.breaks,
            idle: self.idle,
            over: self.over,
        }
    }

    pub fn totals(&self) -> (usize, usize) {
        (self.breaks as usize, self.idle as usize)
    }

    #[inline]
    fn level(&self, r: usize) -> usize {
        match self.m.pri[r] {
            3 => 0,
            2 => 2,
            _ => 3,
        }
    }

    #[inline]
    fn is_kept(&self, r: usize, s: u32) -> bool {
        self.m.prev_slot[r] == s && self.m.prev_table[r] != NONE
    }

    /// Sets slot `s` of `p`'s busy bits as `busy` says, and marks the
    /// session's cost dirty.
    #[inline]
    fn mark(&mut self, p: usize, s: usize, busy: bool) {
        let sess = self.m.sess_of[s] as usize;
        let k = p * self.m.sess_len.len() + sess;
        let off = s - self.m.sess_start[sess] as usize;
        if off < MASK_SLOTS {
            if busy {
                self.busy[k] |= 1u64 << off;
            } else {
                self.busy[k] &= !(1u64 << off);
            }
        }
        if !self.dirty_mark[k] {
            self.dirty_mark[k] = true;
            self.dirty.push(k as u32);
        }
    }

    fn raw_place(&mut self, r: usize, s: u32, i: u32) {
        let m = self.m;
        let (a, b) = (m.req_a[r] as usize, m.req_b[r] as usize);
        let su = s as usize;
        self.slot_of[r] = s;
        self.occ[a * m.n_slots + su] = r as u32;
        self.occ[b * m.n_slots + su] = r as u32;
        self.cnt[a] += 1;
        self.cnt[b] += 1;
        if m.pool[r] {
            if self.pool_used[su] >= m.pool_cap[su] {
                self.over += 1;
            }
            self.pool_used[su] += 1;
            self.pool_pos[r] = self.pool_list[su].len() as u32;
            self.pool_list[su].push(r as u32);
        }
        if i != NONE {
            self.interp_of[r] = i;
            self.set_iocc(su, i, r as u32);
        }
        let pos = self.unmet_pos[r];
        if pos != NONE {
            let last = *self.unmet.last().unwrap_or(&0);
            self.unmet.swap_remove(pos as usize);
            if last as usize != r {
                self.unmet_pos[last as usize] = pos;
            }
            self.unmet_pos[r] = NONE;
        }
        self.met[self.level(r)] += 1;
        if self.is_kept(r, s) {
            self.met[1] += 1;
            self.kept += 1;
        }
        self.mark(a, su, true);
        self.mark(b, su, true);
    }

    fn raw_unplace(&mut self, r: usize) -> (u32, u32) {
        let m = self.m;
        let s = self.slot_of[r];
        let su = s as usize;
        let (a, b) = (m.req_a[r] as usize, m.req_b[r] as usize);
        self.slot_of[r] = NONE;
        self.occ[a * m.n_slots + su] = NONE;
        self.occ[b * m.n_slots + su] = NONE;
        self.cnt[a] -= 1;
        self.cnt[b] -= 1;
        if m.pool[r] {
            self.pool_used[su] -= 1;
            if self.pool_used[su] >= m.pool_cap[su] {
                self.over -= 1;
            }
            let pos = self.pool_pos[r] as usize;
            let list = &mut self.pool_list[su];
            list.swap_remove(pos);
            if pos < list.len() {
                let moved = list[pos];
                self.pool_pos[moved as usize] = pos as u32;
            }
            self.pool_pos[r] = NONE;
        }
        let i = self.interp_of[r];
        if i != NONE {
            self.set_iocc(su, i, NONE);
            self.interp_of[r] = NONE;
        }
        self.unmet_pos[r] = self.unmet.len() as u32;
        self.unmet.push(r as u32);
        self.met[self.level(r)] -= 1;
        if self.is_kept(r, s) {
            self.met[1] -= 1;
            self.kept -= 1;
        }
        self.mark(a, su, false);
        self.mark(b, su, false);
        (s, i)
    }

    fn raw_set_interp(&mut self, r: usize, to: u32) {
        let s = self.slot_of[r] as usize;
        let from = self.interp_of[r];
        if from != NONE && self.iocc[s * self.m.ni + from as usize] == r as u32 {
            self.set_iocc(s, from, NONE);
        }
        self.interp_of[r] = to;
        if to != NONE {
            self.set_iocc(s, to, r as u32);
        }
    }

    /// Interpreter `i`'s meeting in slot `s` (`NONE`: free).
    fn set_iocc(&mut self, s: usize, i: u32, r: u32) {
        let (m, i) = (self.m, i as usize);
        self.iocc[s * m.ni + i] = r;
        let bit = 1u64 << (i % 64);
        let k = s * m.iwords + i / 64;
        // free again only where available (a loaded schedule may hold one
        // where it is not: it must not turn up as free there)
        let free = r == NONE && m.interp_avail_at[k] & bit != 0;
        let word = &mut self.ifree[k];
        if free {
            *word |= bit;
        } else {
            *word &= !bit;
        }
    }

    /// Whether `ifree` agrees with `iocc` and the interpreters' availability.
    #[cfg(test)]
    pub fn interpreters_free_agree(&self) -> bool {
        let m = self.m;
        (0..m.n_slots).all(|s| {
            (0..m.ni).all(|i| {
                let free = m.avail_interp(i, s) && self.iocc[s * m.ni + i] == NONE;
                (self.ifree[s * m.iwords + i / 64] >> (i % 64) & 1 == 1) == free
            })
        })
    }

    /// Starts a move: clears the log.
    pub fn begin(&mut self) {
        self.log.clear();
        self.cost_log.clear();
    }

    pub fn unplace(&mut self, r: usize) {
        let (s, i) = self.raw_unplace(r);
        self.log.push(Op::Unplace { r: r as u32, s, i });
    }

    /// Whether `r` fits at `s` as far as people, caps and tables go (the
    /// slot is assumed a candidate).
    #[inline]
    pub fn fits(&self, r: usize, s: usize) -> bool {
        let m = self.m;
        let (a, b) = (m.req_a[r] as usize, m.req_b[r] as usize);
        self.occ[a * m.n_slots + s] == NONE
            && self.occ[b * m.n_slots + s] == NONE
            && self.cnt[a] < m.cap[a]
            && self.cnt[b] < m.cap[b]
            && (!m.pool[r] || self.pool_used[s] < self.pool_room[s])
    }

    /// Places `r` at candidate slot `s` if it fits, finding an interpreter
    /// (re-assigning others in the slot along an augmenting path).
    pub fn try_place(&mut self, r: usize, s: usize) -> bool {
        if !self.fits(r, s) {
            return false;
        }
        let mut i = NONE;
        if self.m.class[r] != NONE {
            self.stamp = self.stamp.wrapping_add(1);
            if self.stamp == 0 {
                self.visit.iter_mut().for_each(|v| *v = 0);
                self.stamp = 1;
            }
            match self.find_interp(r, s, 2) {
                Some(x) => i = x,
                None => return false,
            }
        }
        self.raw_place(r, s as u32, i);
        self.log.push(Op::Place {
            r: r as u32,
            s: s as u32,
            i,
        });
        true
    }

    /// Finds a free interpreter for `r` at `s`, moving others along an
    /// augmenting path of at most `depth` steps.
    fn find_interp(&mut self, r: usize, s: usize, depth: u32) -> Option<u32> {
        let m = self.m;
        let cls = m.class[r] as usize;
        // the first free one of the class, by index (as the list is ordered)
        for w in 0..m.iwords {
            let mut bits = m.class_bits[cls * m.iwords + w] & self.ifree[s * m.iwords + w];
            while bits != 0 {
                let i = w * 64 + bits.trailing_zeros() as usize;
                if self.visit[i] != self.stamp {
                    return Some(i as u32);
                }
                bits &= bits - 1;
            }
        }
        if depth == 0 {
            return None;
        }
        let list = &m.classes[cls];
        // Breadth is capped too: when a slot's interpreters are all busy
        // (events use every interpreter slot), a full search would be
        // quadratic in the class size at every move.
        let mut tried = 0;
        for &i in list {
            let iu = i as usize;
            if self.visit[iu] == self.stamp || !m.avail_interp(iu, s) {
                continue;
            }
            tried += 1;
            if tried > 4 {
                break;
            }
            self.visit[iu] = self.stamp;
            let other = self.iocc[s * m.ni + iu];
            if other == NONE {
                return Some(i);
            }
            if let Some(j) = self.find_interp(other as usize, s, depth - 1) {
                self.raw_set_interp(other as usize, j);
                self.log.push(Op::SetInterp {
                    r: other,
                    from: i,
                    to: j,
                });
                return Some(i);
            }
        }
        None
    }

    /// Recomputes the costs of the participant-sessions the move touched.
    pub fn settle(&mut self) {
        let m = self.m;
        let ns = m.sess_len.len();
        while let Some(k) = self.dirty.pop() {
            let k = k as usize;
            self.dirty_mark[k] = false;
            let (p, sess) = (k / ns, k % ns);
            let len = m.sess_len[sess] as usize;
            let new = if len <= MASK_SLOTS {
                mask_cost(self.busy[k])
            } else {
                let start = p * m.n_slots + m.sess_start[sess] as usize;
                crate::model::run_cost(self.occ[start..start + len].iter().map(|&x| x != NONE))
            };
            let old = self.pcost[k];
            if new != old {
                self.cost_log.push((k as u32, old));
                self.pcost[k] = new;
                self.breaks += new.0 as i64 - old.0 as i64;
                self.idle += new.1 as i64 - old.1 as i64;
            }
        }
    }

    /// Undoes the operations after `mark` (a log length), leaving the
    /// costs to the next `settle`.
    pub fn rollback_to(&mut self, mark: usize) {
        while self.log.len() > mark {
            let Some(op) = self.log.pop() else { break };
            match op {
                Op::Place { r, .. } => {
                    self.raw_unplace(r as usize);
                }
                Op::Unplace { r, s, i } => self.raw_place(r as usize, s, i),
                Op::SetInterp { r, from, .. } => self.raw_set_interp(r as usize, from),
            }
        }
    }

    /// Undoes the move since `begin`.
    pub fn rollback(&mut self) {
        self.rollback_to(0);
        for k in self.dirty.drain(..) {
            self.dirty_mark[k as usize] = false;
        }
        while let Some((k, old)) = self.cost_log.pop() {
            let cur = self.pcost[k as usize];
            self.breaks += old.0 as i64 - cur.0 as i64;
            self.idle += old.1 as i64 - cur.1 as i64;
            self.pcost[k as usize] = old;
        }
    }

    /// Redoes a move that was just rolled back, from its log.
    pub fn replay(&mut self, ops: &[Op]) {
        self.begin();
        for &op in ops {
            match op {
                Op::Place { r, s, i } => self.raw_place(r as usize, s, i),
                Op::Unplace { r, .. } => {
                    self.raw_unplace(r as usize);
                }
                Op::SetInterp { r, to, .. } => self.raw_set_interp(r as usize, to),
            }
            self.log.push(op);
        }
        self.settle();
    }

    /// Replaces the schedule by the given slots and interpreters.
    pub fn load(&mut self, slots: &[u32], interps: &[u32]) {
        self.begin();
        for r in 0..self.slot_of.len() {
            if self.slot_of[r] != NONE {
                self.raw_unplace(r);
            }
        }
        for r in 0..slots.len() {
            if slots[r] != NONE {
                self.raw_place(r, slots[r], interps[r]);
            }
        }
        self.settle();
        self.begin();
    }

    /// `p`'s busy slots in session `sess` as bits, where the session is
    /// short enough for them.
    #[inline]
    pub fn session_busy(&self, p: usize, sess: usize) -> Option<u64> {
        (self.m.sess_len[sess] as usize <= MASK_SLOTS)
            .then(|| self.busy[p * self.m.sess_len.len() + sess])
    }

    /// The cost change of adding (`add`) or removing a meeting of `p` at
    /// `s`, other slots as they are.
    pub fn local_delta(&self, p: usize, s: usize, add: bool) -> i64 {
        let m = self.m;
        let sess = m.sess_of[s] as usize;
        let start = m.sess_start[sess] as usize;
        let len = m.sess_len[sess] as usize;
        let off = s - start;
        if let Some(busy) = self.session_busy(p, sess) {
            return mask_point_delta(busy & !(1u64 << off), off, add, self.break_weight);
        }
        let row = &self.occ[p * m.n_slots + start..p * m.n_slots + start + len];
        crate::model::point_delta(len, off, add, self.break_weight, |k| row[k] != NONE)
    }

    /// The cost change of swapping `chain` between slots `s1` and `s2`,
    /// without making the swap. `chain` is closed under shared
    /// participants (`search::kempe_chain`): whoever has a chain meeting
    /// in one slot has their meeting of the other slot in it too, if any.
    /// So a participant busy in both keeps their slots, one busy in one
    /// moves there, and the swap fits everybody; what it can break is the
    /// pool tables, checked here as `try_place` would find them once the
    /// whole chain is out.
    pub fn swap_cost(&self, chain: &[u32], s1: usize, s2: usize) -> SwapCost {
        let m = self.m;
        let (sess1, sess2) = (m.sess_of[s1] as usize, m.sess_of[s2] as usize);
        if m.has_prev
            || m.sess_len[sess1] as usize > MASK_SLOTS
            || m.sess_len[sess2] as usize > MASK_SLOTS
        {
            return SwapCost::Unknown;
        }
        let ns = m.sess_len.len();
        let n = m.n_slots;
        let bit1 = 1u64 << (s1 - m.sess_start[sess1] as usize);
        let bit2 = 1u64 << (s2 - m.sess_start[sess2] as usize);
        let w = self.break_weight;
        let weighted = |(breaks, idle): (u32, u32)| breaks as i64 * w + idle as i64;
        let mut delta = 0;
        // pool meetings into s2 (from s1) less those into s1
        let mut pool_to2 = 0i64;
        for &x in chain {
            let x = x as usize;
            if m.class[x] != NONE {
                return SwapCost::Unknown;
            }
            let from1 = self.slot_of[x] as usize == s1;
            if m.pool[x] {
                pool_to2 += if from1 { 1 } else { -1 };
            }
            for p in [m.req_a[x] as usize, m.req_b[x] as usize] {
                let other = if from1 { s2 } else { s1 };
                if self.occ[p * n + other] != NONE {
                    continue; // busy in both: its slots stay
                }
                let (k1, k2) = (p * ns + sess1, p * ns + sess2);
                let (kf, bf, kt, bt) = if from1 {
                    (k1, bit1, k2, bit2)
                } else {
                    (k2, bit2, k1, bit1)
                };
                if kf == kt {
                    let new = self.busy[kf] ^ bf ^ bt;
                    delta += weighted(mask_cost(new)) - weighted(self.pcost[kf]);
                } else {
                    delta += weighted(mask_cost(self.busy[kf] & !bf)) - weighted(self.pcost[kf]);
                    delta += weighted(mask_cost(self.busy[kt] | bt)) - weighted(self.pcost[kt]);
                }
            }
        }
        let used1 = self.pool_used[s1] as i64 - pool_to2;
        let used2 = self.pool_used[s2] as i64 + pool_to2;
        if used1 > self.pool_room[s1] as i64 || used2 > self.pool_room[s2] as i64 {
            return SwapCost::Unfit;
        }
        let over = |used: i64, s: usize| (used - m.pool_cap[s] as i64).max(0);
        let over_delta = over(used1, s1) + over(used2, s2)
            - over(self.pool_used[s1] as i64, s1)
            - over(self.pool_used[s2] as i64, s2);
        SwapCost::Cost(delta + over_delta * self.over_weight)
    }

    /// The cost change of moving a meeting of `p` from slot `from` to the
    /// free slot `to`, other slots as they are.
    pub fn move_delta(&self, p: usize, from: usize, to: usize) -> i64 {
        let m = self.m;
        let w = self.break_weight;
        let sess = m.sess_of[from] as usize;
        let start = m.sess_start[sess] as usize;
        let len = m.sess_len[sess] as usize;
        let off = from - start;
        if let Some(busy) = self.session_busy(p, sess) {
            let busy = busy & !(1u64 << off);
            let removed = mask_point_delta(busy, off, false, w);
            if m.sess_of[to] as usize != sess {
                return removed + self.local_delta(p, to, true);
            }
            let to_off = to - start;
            return removed + mask_point_delta(busy & !(1u64 << to_off), to_off, true, w);
        }
        let base = p * m.n_slots + start;
        let removed = crate::model::point_delta(len, off, false, w, |k| self.occ[base + k] != NONE);
        if m.sess_of[to] as usize != sess {
            return removed + self.local_delta(p, to, true);
        }
        let added = crate::model::point_delta(len, to - start, true, w, |k| {
            k != off && self.occ[base + k] != NONE
        });
        removed + added
    }

    /// Tables for the placed meetings: fixed tables where a side has one
    /// (its previous table when that was one of them), previous pool tables
    /// where kept, then the remaining pool tables in order; never a table
    /// taken in that slot.
    pub fn assign_tables(&self) -> Vec<u32> {
        let m = self.m;
        let nr = m.n_req();
        let mut table = vec![NONE; nr];
        let mut used = vec![false; m.pool_tables.len()];
        let pool_index: std::collections::HashMap<u32, usize> = m
            .pool_tables
            .iter()
            .enumerate()
            .map(|(k, &t)| (t, k))
            .collect();
        let mut by_slot: Vec<Vec<u32>> = vec![Vec::new(); m.n_slots];
        for r in 0..nr {
            let s = self.slot_of[r];
            if s == NONE {
                continue;
            }
            let (a, b) = (m.req_a[r] as usize, m.req_b[r] as usize);
            if !m.pool[r] {
                let (ta, tb) = (m.fixed_table[a], m.fixed_table[b]);
                let free = |t: u32| t != NONE && !m.taken.contains(&(s, t));
                let prev = m.prev_table[r];
                table[r] = if free(prev) && (prev == ta || prev == tb) {
                    prev
                } else if free(ta) {
                    ta
                } else {
                    tb
                };
            } else {
                by_slot[s as usize].push(r as u32);
            }
        }
        for (s, list) in by_slot.iter().enumerate() {
            for (k, &t) in m.pool_tables.iter().enumerate() {
                used[k] = m.taken.contains(&(s as u32, t));
            }
            for &r in list {
                let r = r as usize;
                if m.prev_slot[r] == s as u32
                    && let Some(&k) = pool_index.get(&m.prev_table[r])
                    && !used[k]
                {
                    used[k] = true;
                    table[r] = m.prev_table[r];
                }
            }
            let mut next = 0;
            for &r in list {
                let r = r as usize;
                if table[r] != NONE {
                    continue;
                }
                while next < used.len() && used[next] {
                    next += 1;
                }
                if next < used.len() {
                    used[next] = true;
                    table[r] = m.pool_tables[next];
                }
            }
        }
        table
    }
}
