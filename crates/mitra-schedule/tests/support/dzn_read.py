"""Reads a JAIR 2022 `.dzn` file for the offline checks beside it
(`max_met_cpsat.py`, `min_breaks_maxsat.py`), mapped as `dzn.rs` maps it."""
import re


def parse(path):
    """(participants, tables, slots, morning slots, requested rows
    [a, b, session], fixed slot per meeting (0: none), forbidden slots per
    participant)."""
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


def allowed_slots(ns, nmo, row, fixed_slot, forb):
    """The slots (1-based) meeting `row` may take: its fixed slot, else its
    half of the day (session 1 morning, 2 afternoon, 3 either), without
    either side's forbidden slots."""
    a, b, session = row
    if fixed_slot:
        slots = [fixed_slot]
    elif session == 1:
        slots = range(1, nmo + 1)
    elif session == 2:
        slots = range(nmo + 1, ns + 1)
    else:
        slots = range(1, ns + 1)
    return [s for s in slots if s not in forb[a - 1] and s not in forb[b - 1]]
