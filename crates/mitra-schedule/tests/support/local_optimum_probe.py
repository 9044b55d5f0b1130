"""How deep is a schedule's local optimum? Three exact probes around one
schedule of a JAIR 2022 `.dzn` instance, each asking whether some larger
neighbourhood than the search's moves holds fewer breaks:

- `window W`: every meeting inside each window of W consecutive slots may
  go anywhere in that window, the rest stays; RC2 (PySAT) finds the fewest
  breaks of each such re-solve.
- `people K N`: N times, two participants with a break and partners of
  theirs up to K people; every meeting of those people may go to any
  allowed slot, the rest stays; RC2 as above.
- `order N`: the slots keep their meetings but change places (each meeting
  stays in its allowed slots); a small annealing over slot orders, N runs.

If none finds fewer breaks, a search that repairs windows, groups of people
or the order of slots exactly would not have left the schedule either: what
the schedule needs is a different partition of the meetings. A study aid
for the scheduler's notes, not a test; `pip install python-sat` first.

    MITRA_DUMP=1 cargo bench -p mitra-schedule --bench jair -- ticf-13crafc.orig > ours.txt
    python3 local_optimum_probe.py DZN ours.txt window 6
    python3 local_optimum_probe.py DZN ours.txt people 12 8
    python3 local_optimum_probe.py DZN ours.txt order 3

The schedule file's last line with a comma holds the slot (1-based) of
every meeting in file order, after an optional label (the line
`MITRA_DUMP=1` adds, or the last line `min_breaks_maxsat.py` prints).
"""
import math
import random
import sys
import time

from pysat.examples.rc2 import RC2

from dzn_read import allowed_slots, parse
from min_breaks_maxsat import encode


def read_slots(path):
    line = [line for line in open(path) if "," in line][-1]
    return [int(x) for x in line.split()[-1].split(",")]


def breaks_of(nb, rows, slots):
    """Breaks per participant (a maximal run of free slots between two meetings)."""
    mine = {p: [] for p in range(1, nb + 1)}
    for k, (a, b, _) in enumerate(rows):
        mine[a].append(slots[k])
        mine[b].append(slots[k])
    out = {}
    for p, ss in mine.items():
        ss.sort()
        out[p] = sum(1 for i in range(1, len(ss)) if ss[i] > ss[i - 1] + 1)
    return out


def fewest(nb, nt, ns, rows, allowed):
    wcnf, _ = encode(nb, nt, ns, rows, allowed)
    with RC2(wcnf, solver="cd19", adapt=True, exhaust=True, minz=True) as rc2:
        if rc2.compute() is None:
            return None
        return rc2.cost


def windows(inst, cur, allowed0, width):
    nb, nt, ns, rows = inst
    for a in range(1, ns - width + 2):
        inside = set(range(a, a + width))
        allowed = [
            [s for s in allowed0[k] if s in inside] if cur[k] in inside else [cur[k]]
            for k in range(len(rows))
        ]
        t = time.time()
        print(f"slots {a}-{a + width - 1}: {fewest(nb, nt, ns, rows, allowed)} breaks ({time.time() - t:.2f} s)", flush=True)


def people(inst, cur, allowed0, size, tries):
    nb, nt, ns, rows = inst
    per = breaks_of(nb, rows, cur)
    with_break = [p for p in per if per[p]]
    rnd = random.Random(1)
    for _ in range(tries):
        group = set(rnd.sample(with_break, min(len(with_break), 2)))
        partners = [q for a, b, _ in rows if a in group or b in group for q in (a, b) if q not in group]
        rnd.shuffle(partners)
        for q in partners:
            if len(group) >= size:
                break
            group.add(q)
        free = {k for k, (a, b, _) in enumerate(rows) if a in group or b in group}
        allowed = [allowed0[k] if k in free else [cur[k]] for k in range(len(rows))]
        t = time.time()
        got = fewest(nb, nt, ns, rows, allowed)
        print(f"people {sorted(group)} ({len(free)} meetings free): {got} breaks ({time.time() - t:.2f} s)", flush=True)


def orders(inst, cur, allowed0, runs):
    nb, _, ns, rows = inst
    allowed = [set(a) for a in allowed0]

    def fits(pos):
        return all(pos[cur[k]] in allowed[k] for k in range(len(rows)))

    def cost(pos):
        return sum(breaks_of(nb, rows, [pos[s] for s in cur]).values())

    for seed in range(runs):
        rnd = random.Random(seed)
        pos = {s: s for s in range(1, ns + 1)}
        c, temp = cost(pos), 2.0
        best = c
        for _ in range(20000):
            if rnd.random() < 0.5:
                a, b = rnd.sample(range(1, ns + 1), 2)
                new = dict(pos)
                new[a], new[b] = pos[b], pos[a]
            else:
                order = sorted(pos, key=pos.get)
                order.insert(rnd.randrange(ns), order.pop(rnd.randrange(ns)))
                new = {s: i + 1 for i, s in enumerate(order)}
            temp *= 0.9997
            if not fits(new):
                continue
            d = cost(new) - c
            if d <= 0 or rnd.random() < math.exp(-d / temp):
                pos, c = new, c + d
                best = min(best, c)
        print(f"order run {seed}: {best} breaks", flush=True)


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    path, slots_file, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    args = [int(x) for x in sys.argv[4:]]
    nb, nt, ns, nmo, rows, fixed, forb = parse(path)
    cur = read_slots(slots_file)
    if len(cur) != len(rows):
        sys.exit(f"{slots_file}: {len(cur)} slots for {len(rows)} meetings")
    allowed0 = [allowed_slots(ns, nmo, row, fixed[k], forb) for k, row in enumerate(rows)]
    inst = (nb, nt, ns, rows)
    print(f"start: {sum(breaks_of(nb, rows, cur).values())} breaks", flush=True)
    if mode == "window":
        windows(inst, cur, allowed0, args[0])
    elif mode == "people":
        people(inst, cur, allowed0, args[0], args[1])
    elif mode == "order":
        orders(inst, cur, allowed0, args[0])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
