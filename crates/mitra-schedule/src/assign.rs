//! The assignment problem (Hungarian method, O(n^3)), for exact repair of
//! one participant's block of meetings.

pub(crate) const INF: i64 = 1 << 40;

/// Minimum-cost perfect assignment of rows to columns of a square matrix
/// (Hungarian method), with its working vectors kept between calls: the
/// search solves one for every block position it tries.
#[derive(Default)]
pub(crate) struct Assignment {
    u: Vec<i64>,
    v: Vec<i64>,
    p: Vec<usize>,
    way: Vec<usize>,
    minv: Vec<i64>,
    used: Vec<bool>,
    /// Per row, the cheapest entries of the rows after it, summed.
    rest: Vec<i64>,
    /// The column of each row in the last assignment found.
    pub col: Vec<usize>,
}

impl Assignment {
    /// Solves `cost` (row-major, `n` x `n`); the total, with `col` set, or
    /// `None` when every perfect assignment uses a forbidden (`INF`) entry.
    #[cfg(test)]
    pub(crate) fn solve(&mut self, n: usize, cost: &[i64]) -> Option<i64> {
        self.solve_within(n, cost, i64::MAX)
    }

    /// `solve`, but `None` as soon as the total is sure to exceed `most`:
    /// the rows are added one at a time, each time optimally for the rows
    /// so far (whose cost is `-v[0]`), and every row still to come costs at
    /// least its cheapest entry. Where the total is at most `most`, the
    /// same assignment as `solve`'s.
    pub(crate) fn solve_within(&mut self, n: usize, cost: &[i64], most: i64) -> Option<i64> {
        self.col.clear();
        if n == 0 {
            return Some(0);
        }
        // the cheapest entries of the rows after each, summed (not needed
        // where nothing can exceed the bound: a block repair's first solve)
        let bounded = most < i64::MAX;
        self.rest.clear();
        self.rest.resize(n + 1, 0);
        for i in (0..n).rev().filter(|_| bounded) {
            let cheapest = cost[i * n..(i + 1) * n]
                .iter()
                .copied()
                .min()
                .unwrap_or(INF);
            self.rest[i] = self.rest[i + 1].saturating_add(cheapest);
        }
        let reset = |v: &mut Vec<i64>| {
            v.clear();
            v.resize(n + 1, 0);
        };
        reset(&mut self.u);
        reset(&mut self.v);
        self.p.clear();
        self.p.resize(n + 1, 0);
        self.way.clear();
        self.way.resize(n + 1, 0);
        let (u, v, p, way) = (&mut self.u, &mut self.v, &mut self.p, &mut self.way);
        for i in 1..=n {
            p[0] = i;
            let mut j0 = 0;
            self.minv.clear();
            self.minv.resize(n + 1, i64::MAX / 4);
            self.used.clear();
            self.used.resize(n + 1, false);
            let (minv, used) = (&mut self.minv, &mut self.used);
            loop {
                used[j0] = true;
                let i0 = p[j0];
                let mut delta = i64::MAX / 4;
                let mut j1 = 0;
                let row = &cost[(i0 - 1) * n..i0 * n];
                let ui0 = u[i0];
                // zipped slices: no bounds check in the O(n^3) loop
                let cols = row
                    .iter()
                    .zip(&v[1..])
                    .zip(minv[1..].iter_mut())
                    .zip(&used[1..])
                    .zip(way[1..].iter_mut());
                for (j, ((((&c, &vj), mv), &done), wj)) in cols.enumerate() {
                    if !done {
                        let cur = c - ui0 - vj;
                        if cur < *mv {
                            *mv = cur;
                            *wj = j0;
                        }
                        if *mv < delta {
                            delta = *mv;
                            j1 = j + 1;
                        }
                    }
                }
                if j1 == 0 {
                    return None;
                }
                for j in 0..=n {
                    if used[j] {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
                if p[j0] == 0 {
                    break;
                }
            }
            loop {
                let j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
                if j0 == 0 {
                    break;
                }
            }
            if bounded && (-v[0]).saturating_add(self.rest[i]) > most {
                return None;
            }
        }
        self.col.resize(n, 0);
        let mut total = 0;
        for j in 1..=n {
            self.col[p[j] - 1] = j - 1;
            let c = cost[(p[j] - 1) * n + (j - 1)];
            if c >= INF {
                return None;
            }
            total += c;
        }
        Some(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every assignment of `n` rows, tried: the least total, if any avoids
    /// `INF`.
    fn brute_force(n: usize, cost: &[i64]) -> Option<i64> {
        fn go(row: usize, n: usize, cost: &[i64], taken: &mut Vec<bool>, sum: i64) -> i64 {
            if row == n {
                return sum;
            }
            let mut best = i64::MAX;
            for j in 0..n {
                let c = cost[row * n + j];
                if !taken[j] && c < INF {
                    taken[j] = true;
                    best = best.min(go(row + 1, n, cost, taken, sum + c));
                    taken[j] = false;
                }
            }
            best
        }
        let best = go(0, n, cost, &mut vec![false; n], 0);
        (best < i64::MAX).then_some(best)
    }

    /// `solve_within` against brute force and against `solve`, on random
    /// matrices with negative, tied and forbidden entries, at bounds below,
    /// at and above the optimum.
    #[test]
    fn a_bounded_solve_stops_only_above_its_bound() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: u64| {
            seed ^= seed >> 12;
            seed ^= seed << 25;
            seed ^= seed >> 27;
            (seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 33) % n
        };
        let mut a = Assignment::default();
        let mut b = Assignment::default();
        let mut stopped = 0;
        for _ in 0..3_000 {
            let n = 1 + next(6) as usize;
            let cost: Vec<i64> = (0..n * n)
                .map(|_| match next(10) {
                    0 => INF,
                    _ => next(13) as i64 - 4,
                })
                .collect();
            let want = brute_force(n, &cost);
            assert_eq!(a.solve(n, &cost), want, "{cost:?}");
            let Some(opt) = want else { continue };
            for most in [opt - 3, opt - 1, opt, opt + 1, i64::MAX] {
                let got = b.solve_within(n, &cost, most);
                if most < opt {
                    stopped += got.is_none() as usize;
                    assert!(got.is_none_or(|t| t == opt), "{cost:?} at most {most}");
                } else {
                    assert_eq!(got, Some(opt), "{cost:?} at most {most}");
                    assert_eq!(b.col, a.col, "{cost:?}: the same assignment");
                }
            }
        }
        // the bound does stop solves (not only at the last row's check)
        assert!(stopped > 1_000, "{stopped} stopped");
    }

    #[test]
    fn small_assignment() {
        let c = [4, 1, 3, 2, 0, 5, 3, 2, 2];
        let mut a = Assignment::default();
        assert_eq!(a.solve(3, &c), Some(5));
        assert_eq!(a.col, vec![1, 0, 2]);
        let f = [INF, INF, 1, 1];
        assert!(a.solve(2, &f).is_none());
        // the vectors kept from a larger problem do not leak into a smaller
        assert_eq!(a.solve(3, &c), Some(5));
        assert_eq!(a.solve(1, &[7]), Some(7));
        assert_eq!(a.col, vec![0]);
    }
}
