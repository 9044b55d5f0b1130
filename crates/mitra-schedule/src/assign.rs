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
    /// The column of each row in the last assignment found.
    pub col: Vec<usize>,
}

impl Assignment {
    /// Solves `cost` (row-major, `n` x `n`); the total, with `col` set, or
    /// `None` when every perfect assignment uses a forbidden (`INF`) entry.
    pub(crate) fn solve(&mut self, n: usize, cost: &[i64]) -> Option<i64> {
        self.col.clear();
        if n == 0 {
            return Some(0);
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
