#!/usr/bin/env python3
"""Check data/demo/conference.json against the demo schema and its promises.

python3 data/demo/check_conference.py [conference.json]
Prints one line per problem and exits 1 if there is any; standard library only.
"""
import collections
import csv
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
HS_CSV = os.path.join(HERE, "..", "..", "..", "shared", "data", "hs", "hs2022.csv")
HS_CSV_CANDIDATES = [os.environ.get("MITRA_HS_CSV", ""), HS_CSV,
                     "/work/shared/data/hs/hs2022.csv", os.path.join(HERE, "..", "hs", "hs2022.csv")]

SECTORS = {"agriculture", "food-processing", "fisheries", "agri-inputs", "machinery", "irrigation",
           "drones-digital", "packaging", "logistics-cold-chain", "trade-distribution", "finance-services",
           "education-training", "energy", "manufacturing", "health-herbal", "tourism", "other"}
ITIN_KINDS = {"conference", "site-visit", "government-meeting", "business-meeting", "other"}
AGREEMENT_KINDS = {"letter-of-intent", "memorandum-of-understanding", "agreement"}
MILESTONE_STATUS = {"planned", "in-progress", "done"}
SD_CITIES = {"Jinan", "Qingdao", "Yantai", "Weifang", "Linyi", "Zibo", "Rizhao", "Weihai", "Dezhou",
             "Liaocheng", "Heze", "Jining", "Tai'an", "Binzhou", "Dongying", "Zaozhuang"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EMAIL = re.compile(r"^[a-z0-9.]+@example\.(org|com|cn)$")


def load_hs():
    for p in HS_CSV_CANDIDATES:
        if p and os.path.exists(p):
            with open(p, encoding="utf-8") as f:
                return {row["hscode"] for row in csv.DictReader(f)}
    return None


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    path = argv[0] if argv else os.path.join(HERE, "conference.json")
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    errs = []

    def err(msg):
        errs.append(msg)

    def need(cond, msg):
        if not cond:
            err(msg)

    hs_codes = load_hs()
    if hs_codes is None:
        err("hs2022.csv not found; HS codes not checked (set MITRA_HS_CSV)")
    hs_total = [0, 0]

    def check_items(items, where):
        need(isinstance(items, list), where + ": not a list")
        for i, it in enumerate(items):
            need(isinstance(it.get("text"), str) and it["text"].strip(), "%s[%d].text empty" % (where, i))
            hs_total[1] += 1
            if "hs" in it:
                hs_total[0] += 1
                need(isinstance(it["hs"], list) and it["hs"], "%s[%d].hs empty" % (where, i))
                for c in it["hs"]:
                    need(isinstance(c, str) and re.fullmatch(r"\d{2}|\d{4}|\d{6}", c),
                         "%s[%d].hs: bad code %r" % (where, i, c))
                    if hs_codes is not None:
                        need(c in hs_codes, "%s[%d].hs: %s is not an HS 2022 code" % (where, i, c))

    def check_langs(langs, where):
        need(isinstance(langs, list), where + ": not a list")
        for l in langs:
            need(isinstance(l, str) and re.fullmatch(r"[a-z]{2}", l), "%s: bad language %r" % (where, l))

    need(list(d.keys()) == ["format", "notice", "event", "delegations", "organizations", "interpreters",
                            "requests", "friendship_ties", "missions"], "top-level keys/order: %s" % list(d))
    need(d.get("format") == "mitra/demo-conference@1", "format")
    need("demo" in d.get("notice", "").lower() and "fictional" in d.get("notice", "").lower(), "notice must flag demo")

    ev = d["event"]
    for k in ("id", "name", "name_zh", "name_id", "venue", "city", "time_zone", "date", "sessions",
              "slot_minutes", "pool_tables"):
        need(k in ev, "event.%s missing" % k)
    need(ev["date"] == "2025-05-27" and ev["time_zone"] == "Asia/Shanghai", "event date/time zone")
    need(sum(s["slots"] for s in ev["sessions"]) == 18, "event: 18 slots expected")

    # delegations
    dels = d["delegations"]
    need(len(dels) == 40, "delegations: %d, expected 40" % len(dels))
    dids = [x["id"] for x in dels]
    need(len(set(dids)) == len(dids), "delegation ids not unique")
    countries = {x["country"] for x in dels}
    need(len(countries) == 24, "countries: %d, expected 24" % len(countries))
    need("CN" not in countries, "a delegation from CN")
    for i, x in enumerate(dels):
        w = "delegations[%d]" % i
        need(re.fullmatch(r"[A-Z]{2}", x["country"]), w + ".country")
        for k in ("name", "region", "lead", "objectives"):
            need(k in x, "%s.%s missing" % (w, k))
        need(EMAIL.match(x["lead"]["email"]), w + ".lead.email: " + x["lead"]["email"])
        check_langs(x["lead"]["languages"], w + ".lead.languages")
        for k in ("export_products", "technology_sought", "risks"):
            check_items(x["objectives"][k], "%s.objectives.%s" % (w, k))
    lampung = [x for x in dels if x["id"] == "lampung"]
    need(lampung and all(lampung[0]["objectives"][k] for k in ("export_products", "technology_sought", "risks")),
         "lampung objectives incomplete")

    # organizations
    orgs = d["organizations"]
    oids = [o["id"] for o in orgs]
    need(len(set(oids)) == len(oids), "organization ids not unique: %s" %
         [k for k, v in collections.Counter(oids).items() if v > 1])
    keys = ["id", "name", "side", "country", "region", "delegation", "languages", "sector", "description",
            "offers", "needs", "certifications", "capacity", "website", "representative", "table"]
    guests = [o for o in orgs if o["side"] == "guest"]
    hosts = [o for o in orgs if o["side"] == "host"]
    need(len(guests) == 70, "guests: %d, expected 70" % len(guests))
    need(len(hosts) == 130, "hosts: %d, expected 130" % len(hosts))
    need(len(guests) + len(hosts) == len(orgs), "side must be guest or host")
    del_country = {x["id"]: x["country"] for x in dels}
    per_del = collections.Counter(o["delegation"] for o in guests)
    for did in dids:
        need(per_del[did] >= 1, "delegation %s has no company" % did)
    need(10 <= per_del["lampung"] <= 14, "lampung has %d companies" % per_del["lampung"])
    tables = []
    emails = []
    for i, o in enumerate(orgs):
        w = "organizations[%d] (%s)" % (i, o["id"])
        need(list(o.keys()) == keys, w + ": keys/order %s" % list(o.keys()))
        need(o["sector"] in SECTORS, w + ": sector " + o["sector"])
        check_langs(o["languages"], w + ".languages")
        need(o["languages"], w + ": no languages")
        check_items(o["offers"], w + ".offers")
        check_items(o["needs"], w + ".needs")
        need(o["offers"] or o["needs"], w + ": no offers or needs")
        need(re.fullmatch(r"https://[a-z0-9-]+\.example", o["website"] or ""), w + ": website " + str(o["website"]))
        rep = o["representative"]
        need(EMAIL.match(rep["email"]), w + ": email " + rep["email"])
        emails.append(rep["email"])
        check_langs(rep["languages"], w + ".representative.languages")
        need(isinstance(o["certifications"], list), w + ".certifications")
        if o["side"] == "guest":
            need(o["delegation"] in del_country, w + ": unknown delegation")
            need(o["country"] == del_country.get(o["delegation"]), w + ": country differs from delegation")
            need(re.fullmatch(r"[a-z]{3}-\d{2}", o["id"]), w + ": guest id form")
            need(o["table"] is None, w + ": guest with a table")
        else:
            need(o["country"] == "CN" and o["region"] in SD_CITIES, w + ": host must be CN, Shandong city")
            need(o["delegation"] is None, w + ": host with delegation")
            need(re.fullmatch(r"sd-\d{3}", o["id"]), w + ": host id form")
            need(isinstance(o["table"], str) and re.fullmatch(r"H\d{3}", o["table"]), w + ": table")
            tables.append(o["table"])
    need(len(set(tables)) == len(tables) == 130, "host tables not unique")
    need(sorted(tables) == ["H%03d" % i for i in range(1, 131)], "tables must be H001..H130")
    need(len(set(emails)) == len(emails), "representative e-mails not unique")
    share = hs_total[0] / max(hs_total[1], 1)
    need(0.3 <= share <= 0.55, "share of items with HS codes %.2f" % share)

    # interpreters and language coverage
    ints = d["interpreters"]
    need(10 <= len(ints) <= 16, "interpreters: %d" % len(ints))
    need(len({x["id"] for x in ints}) == len(ints), "interpreter ids not unique")
    covered = {"zh"}
    for i, x in enumerate(ints):
        check_langs(x["languages"], "interpreters[%d].languages" % i)
        need("zh" in x["languages"], "interpreters[%d] without zh" % i)
        need(EMAIL.match(x["email"]), "interpreters[%d].email" % i)
        covered |= set(x["languages"])
    for o in guests:
        need(set(o["languages"]) & covered, "%s: no language an interpreter covers" % o["id"])
    for l in ("id", "en"):
        need(sum(l in x["languages"] for x in ints) >= 2, "fewer than 2 %s-zh interpreters" % l)

    # requests
    reqs = d["requests"]
    need(400 <= len(reqs) <= 520, "requests: %d" % len(reqs))
    side = {o["id"]: o["side"] for o in orgs}
    pairs = set()
    per = collections.Counter()
    prio = collections.Counter()
    for i, r in enumerate(reqs):
        w = "requests[%d]" % i
        need(list(r.keys()) == ["from", "to", "priority", "message"], w + ": keys")
        a, b = r["from"], r["to"]
        if a not in side or b not in side:
            err(w + ": unknown id %s/%s" % (a, b))
            continue
        need(side[a] != side[b], w + ": same side")
        need(r["priority"] in (1, 2, 3), w + ": priority")
        need(isinstance(r["message"], str) and r["message"].strip(), w + ": message")
        p = frozenset((a, b))
        need(p not in pairs, w + ": duplicate pair %s-%s" % (a, b))
        pairs.add(p)
        per[a] += 1
        per[b] += 1
        prio[r["priority"]] += 1
    for o in guests:
        need(3 <= per[o["id"]] <= 12, "%s has %d requests (3-12)" % (o["id"], per[o["id"]]))
    for o in hosts:
        need(per[o["id"]] <= 9, "%s has %d requests (max 9)" % (o["id"], per[o["id"]]))
    n = max(len(reqs), 1)
    need(0.28 <= prio[3] / n <= 0.42 and 0.33 <= prio[2] / n <= 0.47 and 0.18 <= prio[1] / n <= 0.32,
         "priority mix %s" % dict(prio))

    # friendship ties
    ties = d["friendship_ties"]
    need(4 <= len(ties) <= 6, "friendship ties: %d" % len(ties))
    for i, t in enumerate(ties):
        w = "friendship_ties[%d]" % i
        need(DATE.match(t["since"]), w + ".since")
        need(t["status"] in AGREEMENT_KINDS, w + ".status")
        for a in t["agreements"]:
            need(a["kind"] in AGREEMENT_KINDS and DATE.match(a["signed_on"]), w + ".agreements")
        for m in t["milestones"]:
            need(m["status"] in MILESTONE_STATUS and DATE.match(m["due"]), w + ".milestones")
    lt = [t for t in ties if t["id"] == "lampung-shandong"]
    need(lt and lt[0]["agreements"][0]["signed_on"] == "2025-05-27" and lt[0]["agreements"][0]["place"] == "Jinan",
         "lampung-shandong tie")

    # missions
    ms = d["missions"]
    lm = [m for m in ms if m["id"] == "lampung-2025"]
    need(bool(lm), "lampung mission missing")
    for i, m in enumerate(ms):
        w = "missions[%d]" % i
        need(m["delegation"] in del_country, w + ".delegation")
        for j, s in enumerate(m["itinerary"]):
            need(s["kind"] in ITIN_KINDS, "%s.itinerary[%d].kind" % (w, j))
            need(m["start"] <= s["date"] <= m["end"], "%s.itinerary[%d].date outside mission" % (w, j))
            need(set(s["notes"]) == {"technologies_seen", "lessons", "contacts", "follow_ups"},
                 "%s.itinerary[%d].notes keys" % (w, j))
    if lm:
        kinds = collections.Counter(s["kind"] for s in lm[0]["itinerary"])
        need(kinds["conference"] >= 1 and kinds["site-visit"] >= 3 and kinds["government-meeting"] >= 2,
             "lampung mission kinds %s" % dict(kinds))
        need(lm[0]["start"] == "2025-05-25" and lm[0]["end"] == "2025-05-29", "lampung mission dates")

    for e in errs:
        print("check:", e)
    langs = sorted({l for o in orgs for l in o["languages"]})
    print("checked %s: %d delegations, %d countries, %d guests, %d hosts, %d interpreters, %d requests %s, "
          "HS share %.0f%%, org languages %s -> %s" % (
              os.path.basename(path), len(dels), len(countries), len(guests), len(hosts), len(ints), len(reqs),
              {k: prio[k] for k in (3, 2, 1)}, 100 * share, ",".join(langs), "FAIL" if errs else "OK"))
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
