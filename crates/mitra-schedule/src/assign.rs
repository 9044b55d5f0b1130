//! The assignment problem (Hungarian method, O(n^3)), for exact repair of
//! one participant's block of meetings.

pub(crate) const INF: i64 = 1 << 40;

/// Minimum-cost perfect assignment of rows to columns of the square
/// matrix `cost` (row-major, `n` x `n`); `None` when every perfect
/// assignment uses a forbidden (`INF`) entry. Returns (total, column of each
/// row).
pub(crate) fn hungarian(n: usize, cost: &[i64]) -> Option<(i64, Vec<usize>)> {
    if n == 0 {
        return Some((0, Vec::new()));
    }
    let mut u = vec![0i64; n + 1];
    let mut v = vec![0i64; n + 1];
    let mut p = vec![0usize; n + 1];
    let mut way = vec![0usize; n + 1];
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![i64::MAX / 4; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = i64::MAX / 4;
            let mut j1 = 0;
            for j in 1..=n {
                if !used[j] {
                    let cur = cost[(i0 - 1) * n + (j - 1)] - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
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
    let mut col = vec![0; n];
    let mut total = 0;
    for j in 1..=n {
        col[p[j] - 1] = j - 1;
        let c = cost[(p[j] - 1) * n + (j - 1)];
        if c >= INF {
            return None;
        }
        total += c;
    }
    Some((total, col))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_assignment() {
        let c = [4, 1, 3, 2, 0, 5, 3, 2, 2];
        let (t, col) = hungarian(3, &c).unwrap();
        assert_eq!(t, 5);
        assert_eq!(col, vec![1, 0, 2]);
        let f = [INF, INF, 1, 1];
        assert!(hungarian(2, &f).is_none());
    }
}
