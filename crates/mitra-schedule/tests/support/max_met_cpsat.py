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
import re
import sys

from ortools.sat.python import cp_model


def parse(path):
    text = "\n".join(line.split("%")[0] for line in open(path).read().splitlines())
    v = {}
    for stmt in text.split(";"):
        if "=" in stmt:
            k, val = stmt.split("=", 1)
            v[k.strip()] = val.strip()
    nb, nm, nt = int(v["nBusiness"]), int(v["nMeetings"]), int(v["nTables"])
    ns, nmo = int(v["nTotalSlots"]), int(v["nMorningSlots"])
    rows = [[int(x) for x in r.split(",") if x.strip()] for r in v["requested"][2:-2].split("|")]
    rows = [r for r in rows if r]
    fixed = [int(x) for x in v["fixed"][1:-1].split(",") if x.strip()] if "fixed" in v else [0] * nm
    forb = (
        [[int(x) for x in s.split(",") if x.strip()] for s in re.findall(r"\{([^}]*)\}", v["forbidden"])]
        if "forbidden" in v
        else [[] for _ in range(nb)]
    )
    return nb, nt, ns, nmo, rows, fixed, forb


def max_met(path, seconds=60):
    nb, nt, ns, nmo, rows, fixed, forb = parse(path)
    m = cp_model.CpModel()
    x = {}
    mine = [[] for _ in range(nb)]
    for i, (a, b, sess) in enumerate(rows):
        a, b = a - 1, b - 1
        mine[a].append(i)
        mine[b].append(i)
        slots = range(1, ns + 1)
        if sess == 1:
            slots = [s for s in slots if s <= nmo]
        if sess == 2:
            slots = [s for s in slots if s > nmo]
        if fixed[i]:
            slots = [fixed[i]]
        slots = [s for s in slots if s not in forb[a] and s not in forb[b]]
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
