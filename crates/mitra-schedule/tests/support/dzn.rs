//! Reader for the JAIR 2022 B2B benchmark's MiniZinc data files (`.dzn`),
//! mapped as `shared/data/b2b-jair2022/README.md` says: one session of
//! `nTotalSlots` slots; a morning-only (afternoon-only) meeting allowed in
//! slots `1..=nMorningSlots` (the rest); a fixed meeting allowed in its one
//! slot; forbidden slots unavailable; `nTables` pool tables; every meeting
//! priority 3; everybody shares one language. Precedences have no
//! counterpart in the format and are ignored (the caller skips `.prec*`).

#![allow(dead_code)]

use std::collections::HashMap;

use mitra_schedule::{Instance, Participant, Request};

#[derive(Debug)]
enum Value {
    Int(i64),
    Ints(Vec<i64>),
    Sets(Vec<Vec<i64>>),
    Rows(Vec<Vec<i64>>),
}

fn ints(text: &str) -> Result<Vec<i64>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| t.parse::<i64>().map_err(|e| format!("{t:?}: {e}")))
        .collect()
}

fn parse_value(text: &str) -> Result<Value, String> {
    let t = text.trim();
    if let Some(inner) = t.strip_prefix("[|") {
        let inner = inner.strip_suffix("|]").ok_or("unterminated 2-d array")?;
        let rows = inner
            .split('|')
            .map(ints)
            .filter(|r| !matches!(r, Ok(v) if v.is_empty()))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(Value::Rows(rows));
    }
    if let Some(inner) = t.strip_prefix('[') {
        let inner = inner.strip_suffix(']').ok_or("unterminated array")?;
        if inner.trim_start().starts_with('{') {
            let mut sets = Vec::new();
            for part in inner.split('}') {
                let part = part.trim().trim_start_matches(',').trim();
                if part.is_empty() {
                    continue;
                }
                let body = part.strip_prefix('{').ok_or("bad set")?;
                sets.push(ints(body)?);
            }
            return Ok(Value::Sets(sets));
        }
        return Ok(Value::Ints(ints(inner)?));
    }
    t.parse::<i64>()
        .map(Value::Int)
        .map_err(|e| format!("{t:?}: {e}"))
}

/// A benchmark instance and its size figures.
pub struct Dzn {
    pub instance: Instance,
    pub n_meetings: usize,
}

pub fn parse(text: &str) -> Result<Dzn, String> {
    let mut vars: HashMap<String, Value> = HashMap::new();
    let clean: String = text
        .lines()
        .map(|l| l.split('%').next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    for stmt in clean.split(';') {
        let stmt = stmt.trim();
        if stmt.is_empty() {
            continue;
        }
        let (name, value) = stmt
            .split_once('=')
            .ok_or_else(|| format!("no '=' in {stmt:?}"))?;
        vars.insert(name.trim().to_string(), parse_value(value)?);
    }
    let int = |k: &str| match vars.get(k) {
        Some(Value::Int(v)) => Ok(*v),
        _ => Err(format!("{k}: missing or not an integer")),
    };
    let n_business = int("nBusiness")? as usize;
    let n_meetings = int("nMeetings")? as usize;
    let n_tables = int("nTables")? as usize;
    let n_slots = int("nTotalSlots")? as usize;
    let n_morning = int("nMorningSlots")? as usize;
    let rows = match vars.get("requested") {
        Some(Value::Rows(r)) => r,
        _ => return Err("requested: missing".into()),
    };
    if rows.len() != n_meetings {
        return Err(format!(
            "requested has {} rows, nMeetings = {n_meetings}",
            rows.len()
        ));
    }
    let fixed: Vec<i64> = match vars.get("fixed") {
        Some(Value::Ints(v)) => v.clone(),
        None => vec![0; n_meetings],
        _ => return Err("fixed: not an array".into()),
    };
    let forbidden: Vec<Vec<i64>> = match vars.get("forbidden") {
        Some(Value::Sets(v)) => v.clone(),
        None => vec![Vec::new(); n_business],
        _ => return Err("forbidden: not an array of sets".into()),
    };
    let mut participants = vec![
        Participant {
            languages: vec![0],
            ..Participant::default()
        };
        n_business
    ];
    for (p, set) in forbidden.iter().enumerate().take(n_business) {
        participants[p].unavailable = set
            .iter()
            .filter(|&&s| s >= 1 && s as usize <= n_slots)
            .map(|&s| s as usize - 1)
            .collect();
    }
    let mut requests = Vec::with_capacity(n_meetings);
    for (k, row) in rows.iter().enumerate() {
        let [a, b, session] = row[..] else {
            return Err(format!("requested row {k}: expected 3 numbers"));
        };
        let (a, b) = (a as usize - 1, b as usize - 1);
        let f = fixed.get(k).copied().unwrap_or(0);
        let allowed = if f > 0 {
            Some(vec![f as usize - 1])
        } else {
            match session {
                1 => Some((0..n_morning).collect()),
                2 => Some((n_morning..n_slots).collect()),
                _ => None,
            }
        };
        requests.push(Request {
            a,
            b,
            priority: 3,
            allowed_slots: allowed,
            previous: None,
        });
    }
    Ok(Dzn {
        instance: Instance {
            session_lengths: vec![n_slots],
            table_owner: vec![None; n_tables],
            participants,
            interpreters: Vec::new(),
            tables_taken: Vec::new(),
            requests,
        },
        n_meetings,
    })
}

/// The published optimal breaks of the 20 original instances (JAIR Table 5).
pub const PUBLISHED: &[(&str, usize)] = &[
    ("forum-13", 0),
    ("forum-13crafb", 6),
    ("forum-13crafc", 1),
    ("forum-14", 2),
    ("forumt-14", 5),
    ("forumt-14crafc", 5),
    ("forumt-14crafd", 4),
    ("forumt-14crafe", 5),
    ("tic-12", 0),
    ("tic-12crafc", 0),
    ("tic-13", 0),
    ("tic-13crafb", 0),
    ("tic-13crafc", 4),
    ("tic-14crafa", 0),
    ("tic-14crafc", 0),
    ("tic-14crafd", 0),
    ("ticf-13crafa", 0),
    ("ticf-13crafb", 3),
    ("ticf-13crafc", 1),
    ("ticf-14crafa", 0),
];

/// The most meetings any valid schedule meets, for the `.forb*` and
/// `.fixed*` variants where that is fewer than all (all others can meet
/// every meeting). Computed for this mapping (a fixed meeting allowed only
/// in its slot, forbidden slots unavailable to both sides, `nTables` per
/// slot) with OR-Tools CP-SAT 9.15, maximising the met meetings; every
/// figure proved optimal. A check, not a dependency: the model is
/// `max_met_cpsat.py` beside this file.
pub const MAX_MET: &[(&str, usize)] = &[
    ("forum-14.forb0007", 301),
    ("forumt-14.fixed040-Forb", 236),
    ("forumt-14.forb0007", 236),
    ("forumt-14crafc.fixed040-Forb", 236),
    ("forumt-14crafc.forb0007", 236),
    ("forumt-14crafd.fixed040-Forb", 234),
    ("forumt-14crafd.forb0003", 235),
    ("forumt-14crafd.forb0007", 234),
    ("forumt-14crafe.fixed040-Forb", 234),
    ("forumt-14crafe.forb0003", 235),
    ("forumt-14crafe.forb0007", 234),
    ("tic-12.fixed040-Forb", 124),
    ("tic-12.forb0003", 124),
    ("tic-12.forb0007", 124),
    ("tic-12crafc.fixed040-Forb", 124),
    ("tic-12crafc.forb0003", 124),
    ("tic-12crafc.forb0007", 124),
    ("tic-13.forb0003", 179),
    ("tic-13.forb0007", 179),
    ("tic-13crafb.forb0007", 183),
    ("tic-13crafc.forb0003", 179),
    ("tic-13crafc.forb0007", 179),
    ("tic-14crafa.fixed040-Forb", 236),
    ("tic-14crafa.forb0007", 236),
    ("tic-14crafc.fixed040-Forb", 236),
    ("tic-14crafc.forb0007", 236),
    ("tic-14crafd.fixed040-Forb", 235),
    ("tic-14crafd.forb0003", 235),
    ("tic-14crafd.forb0007", 234),
    ("ticf-14crafa.forb0007", 301),
];

/// The most meetings of variant `name` (file name without `.dzn`) any
/// valid schedule meets.
pub fn max_met(name: &str, n_meetings: usize) -> usize {
    MAX_MET
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(n_meetings, |&(_, m)| m)
}

/// The benchmark's folder: `MITRA_JAIR_DIR`, else `shared/data/b2b-jair2022`
/// beside the repository.
pub fn bench_dir() -> std::path::PathBuf {
    match std::env::var_os("MITRA_JAIR_DIR") {
        Some(d) => std::path::PathBuf::from(d),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/b2b-jair2022"),
    }
}

/// The `.dzn` files of `dir` (precedence variants skipped: the format has
/// no precedences) whose names contain one of `filter` (all when empty),
/// sorted.
pub fn bench_files(dir: &std::path::Path, filter: &[String]) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e} (shared data missing?)", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".dzn") && !n.contains(".prec"))
        .filter(|n| filter.is_empty() || filter.iter().any(|f| n.contains(f.as_str())))
        .collect();
    names.sort();
    names
}
