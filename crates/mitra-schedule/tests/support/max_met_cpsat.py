"""The most meetings any valid schedule meets, per JAIR 2022 `.dzn` file,
with OR-Tools CP-SAT (`pip install ortools`): the source of `MAX_MET` in
`dzn.rs`. Mapping as `dzn.rs` reads the files: one session of nTotalSlots
slots; morning-only / afternoon-only meetings in their half; a fixed
meeting only in its slot (its session ignored, as dzn.rs does); forbidden
slots unavailable to both sides; at most nTables meetings per slot; one
meeting per participant per slot. A check, not a dependency of the crate.

    python3 max_met_cpsat.py ../../../../shared/data/b2b-jair2022/*.fixed*.dzn
prints: file, solver status (OPTIMAL = proved), most meetings met.
"""
import sys

from dzn_read import allowed_slots, parse
from ortools.sat.python import cp_model


def max_met(path, seconds=60):
    nb, nt, ns, nmo, rows, fixed, forb = parse(path)
    m = cp_model.CpModel()
    x = {}
    mine = [[] for _ in range(nb)]
    for i, (a, b, _) in enumerate(rows):
        mine[a - 1].append(i)
        mine[b - 1].append(i)
        slots = allowed_slots(ns, nmo, rows[i], fixed[i], forb)
        for s in slots:
            x[i, s] = m.NewBoolVar("")
        m.AddAtMostOne([x[i, s] for s in slots])
    for s in range(1, ns + 1):
        m.Add(sum(x[i, s] for i in range(len(rows)) if (i, s) in x) <= nt)
        for p in range(nb):
            m.AddAtMostOne([x[i, s] for i in mine[p] if (i, s) in x])
    m.Maximize(sum(x.values()))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    status = solver.Solve(m)
    return solver.StatusName(status), int(solver.ObjectiveValue())


if __name__ == "__main__":
    for f in sys.argv[1:]:
        print(f.split("/")[-1], *max_met(f), flush=True)
