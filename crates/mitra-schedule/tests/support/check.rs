//! An independent checker of a `mitra/schedule@1` against its
//! `mitra/schedule-instance@1`, on plain JSON values (it shares no code
//! with the scheduler): every hard constraint, every request accounted for
//! once, and the stats recomputed.

#![allow(dead_code)]

use std::collections::{HashMap, HashSet};

use serde_json::Value;

/// Requests by ordered pair: (priority, allowed slots) per occurrence.
type Requests = HashMap<(String, String), Vec<(u64, Option<HashSet<String>>)>>;

pub struct Checked {
    pub violations: Vec<String>,
    pub met: [usize; 3],
    pub breaks: usize,
    pub idle: usize,
}

fn strs(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|l| {
            l.iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

pub fn check(inst: &Value, sched: &Value) -> Checked {
    let mut v = Vec::new();
    let mut slot_index = HashMap::new();
    let mut sessions: Vec<Vec<usize>> = Vec::new();
    for s in inst["sessions"].as_array().into_iter().flatten() {
        let mut idx = Vec::new();
        for t in strs(s.get("slots")) {
            idx.push(slot_index.len());
            slot_index.insert(t, slot_index.len());
        }
        sessions.push(idx);
    }
    let tables: HashSet<String> = strs(inst.get("tables")).into_iter().collect();
    struct P {
        langs: HashSet<String>,
        unav: HashSet<String>,
        table: Option<String>,
        max: Option<u64>,
    }
    let mut ps: HashMap<String, P> = HashMap::new();
    let mut owner: HashMap<String, String> = HashMap::new();
    for p in inst["participants"].as_array().into_iter().flatten() {
        let id = p["id"].as_str().unwrap_or_default().to_string();
        let table = p.get("table").and_then(Value::as_str).map(String::from);
        if let Some(t) = &table {
            owner.insert(t.clone(), id.clone());
        }
        ps.insert(
            id,
            P {
                langs: strs(p.get("languages")).into_iter().collect(),
                unav: strs(p.get("unavailable")).into_iter().collect(),
                table,
                max: p.get("max_meetings").and_then(Value::as_u64),
            },
        );
    }
    let mut is: HashMap<String, (HashSet<String>, HashSet<String>)> = HashMap::new();
    for i in inst["interpreters"].as_array().into_iter().flatten() {
        is.insert(
            i["id"].as_str().unwrap_or_default().to_string(),
            (
                strs(i.get("languages")).into_iter().collect(),
                strs(i.get("unavailable")).into_iter().collect(),
            ),
        );
    }
    // requests by ordered pair: (priority, allowed) list
    let mut reqs: Requests = HashMap::new();
    let mut requested = [0usize; 3];
    for r in inst["requests"].as_array().into_iter().flatten() {
        let key = (
            r["a"].as_str().unwrap_or_default().to_string(),
            r["b"].as_str().unwrap_or_default().to_string(),
        );
        let pri = r["priority"].as_u64().unwrap_or(0);
        requested[3 - pri as usize] += 1;
        let allowed = r
            .get("allowed_slots")
            .filter(|x| !x.is_null())
            .map(|x| strs(Some(x)).into_iter().collect());
        reqs.entry(key).or_default().push((pri, allowed));
    }
    let mut met = [0usize; 3];
    let mut busy: HashSet<(String, String)> = HashSet::new();
    let mut ibusy: HashSet<(String, String)> = HashSet::new();
    let mut tbusy: HashSet<(String, String)> = HashSet::new();
    let mut count: HashMap<String, u64> = HashMap::new();
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    let mut person_slots: HashMap<String, HashSet<usize>> = HashMap::new();
    for (k, m) in sched["meetings"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let w = format!("meetings[{k}]");
        for key in ["a", "b", "slot", "table", "interpreter"] {
            if m.get(key).is_none() {
                v.push(format!("{w}: no key {key}"));
            }
        }
        let g = |key: &str| m[key].as_str().unwrap_or_default().to_string();
        let (a, b, slot, table) = (g("a"), g("b"), g("slot"), g("table"));
        let key = (a.clone(), b.clone());
        let n = seen.entry(key.clone()).or_default();
        *n += 1;
        let Some(list) = reqs.get(&key) else {
            v.push(format!("{w}: no request ({a}, {b}) in that order"));
            continue;
        };
        if *n > list.len() {
            v.push(format!("{w}: pair met more often than requested"));
            continue;
        }
        let (pri, allowed) = &list[*n - 1];
        met[3 - *pri as usize] += 1;
        let Some(&si) = slot_index.get(&slot) else {
            v.push(format!("{w}: unknown slot {slot}"));
            continue;
        };
        if let Some(al) = allowed
            && !al.contains(&slot)
        {
            v.push(format!("{w}: slot {slot} not allowed"));
        }
        if !tables.contains(&table) {
            v.push(format!("{w}: unknown table {table}"));
        }
        for p in [&a, &b] {
            let Some(pp) = ps.get(p) else {
                v.push(format!("{w}: unknown participant {p}"));
                continue;
            };
            if pp.unav.contains(&slot) {
                v.push(format!("{w}: {p} unavailable at {slot}"));
            }
            if !busy.insert((p.clone(), slot.clone())) {
                v.push(format!("{w}: {p} twice in {slot}"));
            }
            *count.entry(p.clone()).or_default() += 1;
            person_slots.entry(p.clone()).or_default().insert(si);
        }
        if !tbusy.insert((table.clone(), slot.clone())) {
            v.push(format!("{w}: table {table} twice in {slot}"));
        }
        let (ta, tb) = (
            ps.get(&a).and_then(|p| p.table.clone()),
            ps.get(&b).and_then(|p| p.table.clone()),
        );
        let table_ok = match (&ta, &tb) {
            (None, None) => !owner.contains_key(&table),
            _ => ta.as_ref() == Some(&table) || tb.as_ref() == Some(&table),
        };
        if !table_ok {
            v.push(format!("{w}: wrong table {table}"));
        }
        let (la, lb) = (ps.get(&a).map(|p| &p.langs), ps.get(&b).map(|p| &p.langs));
        let share = matches!((la, lb), (Some(x), Some(y)) if !x.is_disjoint(y));
        match m.get("interpreter").and_then(Value::as_str) {
            None if !share => v.push(format!("{w}: needs an interpreter")),
            None => {}
            Some(_) if share => v.push(format!("{w}: interpreter without need")),
            Some(i) => match is.get(i) {
                None => v.push(format!("{w}: unknown interpreter {i}")),
                Some((il, iu)) => {
                    if iu.contains(&slot) {
                        v.push(format!("{w}: interpreter {i} unavailable"));
                    }
                    if !ibusy.insert((i.to_string(), slot.clone())) {
                        v.push(format!("{w}: interpreter {i} twice in {slot}"));
                    }
                    if la.is_none_or(|x| x.is_disjoint(il)) || lb.is_none_or(|y| y.is_disjoint(il))
                    {
                        v.push(format!("{w}: interpreter {i} does not speak both sides"));
                    }
                }
            },
        }
    }
    for (p, n) in &count {
        if let Some(max) = ps.get(p).and_then(|x| x.max)
            && *n > max
        {
            v.push(format!("{p}: {n} meetings, max {max}"));
        }
    }
    let mut unsched: HashMap<(String, String), usize> = HashMap::new();
    for (k, u) in sched["unscheduled"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        if u["reason"].as_str().is_none_or(str::is_empty) {
            v.push(format!("unscheduled[{k}]: no reason"));
        }
        let key = (
            u["a"].as_str().unwrap_or_default().to_string(),
            u["b"].as_str().unwrap_or_default().to_string(),
        );
        *unsched.entry(key).or_default() += 1;
    }
    for (key, list) in &reqs {
        let total = seen.get(key).copied().unwrap_or(0) + unsched.get(key).copied().unwrap_or(0);
        if total != list.len() {
            v.push(format!(
                "request ({}, {}): appears {total} times, requested {}",
                key.0,
                key.1,
                list.len()
            ));
        }
    }
    let (mut breaks, mut idle) = (0, 0);
    for set in person_slots.values() {
        for sess in &sessions {
            let used: Vec<usize> = sess
                .iter()
                .enumerate()
                .filter(|(_, s)| set.contains(s))
                .map(|(k, _)| k)
                .collect();
            for w in used.windows(2) {
                if w[1] - w[0] > 1 {
                    breaks += 1;
                    idle += w[1] - w[0] - 1;
                }
            }
        }
    }
    let st = &sched["stats"];
    let arr = |k: &str| -> Vec<u64> {
        st[k]
            .as_array()
            .map(|l| l.iter().filter_map(Value::as_u64).collect())
            .unwrap_or_default()
    };
    if arr("met") != met.iter().map(|&x| x as u64).collect::<Vec<_>>() {
        v.push(format!("stats.met {:?} but counted {met:?}", arr("met")));
    }
    if arr("requested") != requested.iter().map(|&x| x as u64).collect::<Vec<_>>() {
        v.push("stats.requested wrong".into());
    }
    if st["breaks"].as_u64() != Some(breaks as u64)
        || st["idle_slots"].as_u64() != Some(idle as u64)
    {
        v.push(format!(
            "stats breaks/idle {}/{} but counted {breaks}/{idle}",
            st["breaks"], st["idle_slots"]
        ));
    }
    let bm = arr("bound_met");
    if bm.len() != 3 || (0..3).any(|i| (bm[i] as usize) < met[i]) {
        v.push(format!("stats.bound_met {bm:?} below met {met:?}"));
    }
    match st["bound_breaks"].as_u64() {
        Some(bb) if bb as usize <= breaks => {}
        other => v.push(format!("stats.bound_breaks {other:?} not in 0..={breaks}")),
    }
    Checked {
        violations: v,
        met,
        breaks,
        idle,
    }
}
