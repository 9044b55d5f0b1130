"""The fewest breaks of any schedule meeting every request, per JAIR 2022
`.dzn` file, proved with a core-guided MaxSAT solver (RC2 from PySAT:
`pip install python-sat`). Mapping as `dzn.rs` and the data README say:
one session of nTotalSlots slots numbered without a gap at lunch;
morning-only / afternoon-only meetings in their half; forbidden slots
unavailable to both sides; a fixed meeting only in its slot; at most
nTables meetings per slot; one meeting per participant per slot. A break
is a maximal run of free slots between two meetings of a participant, as
`mitra/schedule-instance@1` defines it. No fairness constraint, so the
result can only be at most the published optimum.

It answers whether a published optimum holds under this mapping (it does
on the instances tried: see the scheduler's notes), and gives an optimal
schedule to study. A check, not a dependency of the crate; it takes tens
of seconds to minutes per crafted instance.

    python3 min_breaks_maxsat.py ../../../../shared/data/b2b-jair2022/ticf-13crafb.original.dzn
prints: file, fewest breaks, seconds, then the slot (1-based) of every
meeting in file order.
"""
import sys
import time

from pysat.card import CardEnc, EncType
from pysat.examples.rc2 import RC2
from pysat.formula import WCNF, IDPool

from dzn_read import allowed_slots, parse


def encode(nb, nt, ns, rows, allowed):
    pool, w = IDPool(), WCNF()
    meet = lambda k, s: pool.id(("meet", k, s))  # noqa: E731
    busy = lambda p, s: pool.id(("busy", p, s))  # noqa: E731
    seen = lambda p, s: pool.id(("seen", p, s))  # noqa: E731  (a meeting at or before s)
    for k in range(len(rows)):
        lits = [meet(k, s) for s in allowed[k]]
        w.extend(CardEnc.equals(lits, 1, vpool=pool, encoding=EncType.seqcounter).clauses)
    for s in range(1, ns + 1):
        lits = [meet(k, s) for k in range(len(rows)) if s in allowed[k]]
        if len(lits) > nt:
            w.extend(CardEnc.atmost(lits, nt, vpool=pool, encoding=EncType.seqcounter).clauses)
    for p in range(1, nb + 1):
        mine = [k for k, r in enumerate(rows) if p in r[:2]]
        for s in range(1, ns + 1):
            here = [meet(k, s) for k in mine if s in allowed[k]]
            if len(here) > 1:
                w.extend(CardEnc.atmost(here, 1, vpool=pool, encoding=EncType.seqcounter).clauses)
            for x in here:
                w.append([-x, busy(p, s)])
            w.append([-busy(p, s)] + here)
        if len(mine) < 2:
            continue
        for s in range(1, ns + 1):
            w.append([-busy(p, s), seen(p, s)])
            if s > 1:
                w.append([-seen(p, s - 1), seen(p, s)])
        for s in range(2, ns + 1):
            # a run of meetings starting at s after an earlier one: a break
            brk = pool.id(("break", p, s))
            w.append([-busy(p, s), busy(p, s - 1), -seen(p, s - 1), brk])
            w.append([-brk], weight=1)
    return w, meet


def main():
    for path in sys.argv[1:]:
        nb, nt, ns, nmo, rows, fixed, forb = parse(path)
        allowed = [allowed_slots(ns, nmo, row, fixed[k], forb) for k, row in enumerate(rows)]
        w, meet = encode(nb, nt, ns, rows, allowed)
        start = time.time()
        with RC2(w, solver="cd19", adapt=True, exhaust=True, minz=True) as rc2:
            model = rc2.compute()
            if model is None:
                print(path.split("/")[-1], "infeasible")
                continue
            true = {lit for lit in model if lit > 0}
            slots = [next(s for s in allowed[k] if meet(k, s) in true) for k in range(len(rows))]
            print(path.split("/")[-1], rc2.cost, f"{time.time() - start:.1f}", flush=True)
            print(",".join(map(str, slots)), flush=True)


if __name__ == "__main__":
    main()
