//! Each hard constraint with a case that would break it, bounds against a
//! brute-force optimum on tiny random instances, and determinism.

use mitra_schedule::{Instance, Interpreter, Options, Participant, Request, Unmet, solve};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::collections::BTreeMap;

fn person(langs: &[u32]) -> Participant {
    Participant {
        languages: langs.to_vec(),
        ..Participant::default()
    }
}

fn req(a: usize, b: usize, priority: u8) -> Request {
    Request {
        a,
        b,
        priority,
        ..Request::default()
    }
}

fn inst(slots: usize, pool: usize, people: Vec<Participant>, requests: Vec<Request>) -> Instance {
    Instance {
        session_lengths: vec![slots],
        table_owner: vec![None; pool],
        participants: people,
        interpreters: vec![],
        requests,
        tables_taken: Vec::new(),
    }
}

fn met_count(sol: &mitra_schedule::Solution) -> usize {
    sol.outcome.iter().filter(|o| o.is_ok()).count()
}

#[test]
fn unavailable_slot_is_never_used() {
    let mut people = vec![person(&[0]), person(&[0])];
    people[0].unavailable = vec![0];
    let sol = solve(
        &inst(2, 1, people.clone(), vec![req(0, 1, 3)]),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(sol.outcome[0].as_ref().unwrap().slot, 1);
    people[1].unavailable = vec![1];
    let sol = solve(&inst(2, 1, people, vec![req(0, 1, 3)]), &Options::default()).unwrap();
    assert_eq!(sol.outcome[0], Err(Unmet::NeverBothAvailable));
}

#[test]
fn allowed_slots_are_respected() {
    let mut r = req(0, 1, 3);
    r.allowed_slots = Some(vec![2]);
    let sol = solve(
        &inst(3, 1, vec![person(&[0]), person(&[0])], vec![r.clone()]),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(sol.outcome[0].as_ref().unwrap().slot, 2);
    r.allowed_slots = Some(vec![]);
    let sol = solve(
        &inst(3, 1, vec![person(&[0]), person(&[0])], vec![r]),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(sol.outcome[0], Err(Unmet::NoAllowedSlot));
}

#[test]
fn one_meeting_per_person_per_slot_and_max_meetings() {
    let people = vec![person(&[0]), person(&[0]), person(&[0])];
    let sol = solve(
        &inst(1, 5, people.clone(), vec![req(0, 1, 3), req(0, 2, 2)]),
        &Options::default(),
    )
    .unwrap();
    assert!(
        sol.outcome[0].is_ok() && sol.outcome[1].is_err(),
        "priority 3 first, one slot"
    );
    let mut capped = people;
    capped[0].max_meetings = Some(1);
    let sol = solve(
        &inst(4, 5, capped, vec![req(0, 1, 2), req(0, 2, 3)]),
        &Options::default(),
    )
    .unwrap();
    assert!(sol.outcome[1].is_ok());
    assert_eq!(sol.outcome[0], Err(Unmet::AtMaximum { who: 0, max: 1 }));
}

#[test]
fn pool_tables_limit_each_slot() {
    let people = (0..4).map(|_| person(&[0])).collect();
    let sol = solve(
        &inst(1, 1, people, vec![req(0, 1, 3), req(2, 3, 3)]),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(met_count(&sol), 1);
    assert_eq!(sol.stats.bound_met[0], 1, "one table, one slot");
}

/// Four people meeting in a ring (0–1, 0–2, 1–3, 2–3) over four slots:
/// with two tables every ring fits in two slots without a break, with one
/// table the ring takes four slots and someone waits. The search lets
/// slots run over their tables for a while (soft tables); what it returns
/// must still fit them, at the one break the table forces.
#[test]
fn soft_tables_return_a_schedule_that_fits() {
    let ring = vec![req(0, 1, 3), req(0, 2, 3), req(1, 3, 3), req(2, 3, 3)];
    let people = || (0..4).map(|_| person(&[0])).collect::<Vec<_>>();
    let two = solve(&inst(4, 2, people(), ring.clone()), &Options::default()).unwrap();
    assert_eq!((met_count(&two), two.stats.breaks), (4, 0));
    let one = solve(&inst(4, 1, people(), ring), &Options::default()).unwrap();
    assert_eq!(met_count(&one), 4);
    let mut per_slot = [0; 4];
    for placement in one.outcome.iter().flatten() {
        per_slot[placement.slot] += 1;
        assert_eq!(placement.table, 0);
    }
    assert_eq!(per_slot, [1, 1, 1, 1], "one table: one meeting a slot");
    assert_eq!(one.stats.breaks, 1);
}

#[test]
fn fixed_tables() {
    // 0 sits at table 0; 1 and 2 have none; table 1 belongs to 3; no pool table
    let mut people: Vec<Participant> = (0..4).map(|_| person(&[0])).collect();
    people[0].table = Some(0);
    people[3].table = Some(1);
    let instance = Instance {
        session_lengths: vec![2],
        table_owner: vec![Some(0), Some(3)],
        participants: people,
        interpreters: vec![],
        requests: vec![req(1, 0, 3), req(1, 2, 3), req(3, 0, 3)],
        tables_taken: vec![],
    };
    let sol = solve(&instance, &Options::default()).unwrap();
    assert_eq!(sol.outcome[0].as_ref().unwrap().table, 0);
    assert_eq!(sol.outcome[1], Err(Unmet::NoTable));
    let t = sol.outcome[2].as_ref().unwrap().table;
    assert!(t == 0 || t == 1);
}

#[test]
fn interpreters_where_no_language_is_shared() {
    let people = vec![
        person(&[0]),
        person(&[1]),
        person(&[0]),
        person(&[1]),
        person(&[1, 2]),
        person(&[2]),
    ];
    let interp = |langs: &[u32], unavailable: Vec<usize>| Interpreter {
        languages: langs.to_vec(),
        unavailable,
    };
    let mut instance = inst(1, 5, people, vec![req(0, 1, 3), req(2, 3, 3), req(4, 5, 3)]);
    instance.interpreters = vec![interp(&[0, 1], vec![])];
    let sol = solve(&instance, &Options::default()).unwrap();
    assert_eq!(
        met_count(&sol),
        2,
        "one interpreter, one slot: one of the two interpreted meetings"
    );
    let interpreted: Vec<_> = sol
        .outcome
        .iter()
        .filter_map(|o| o.as_ref().ok()?.interpreter)
        .collect();
    assert_eq!(interpreted, vec![0]);
    assert!(
        sol.outcome[2].as_ref().unwrap().interpreter.is_none(),
        "a shared language needs none"
    );
    // an interpreter who speaks only one side's language does not count
    instance.interpreters = vec![interp(&[0, 2], vec![])];
    let sol = solve(&instance, &Options::default()).unwrap();
    assert_eq!(sol.outcome[0], Err(Unmet::NoInterpreter));
    // available in no slot where both are
    instance.interpreters = vec![interp(&[0, 1], vec![0])];
    let sol = solve(&instance, &Options::default()).unwrap();
    assert_eq!(sol.outcome[0], Err(Unmet::NoInterpreterWhenBothFree));
}

#[test]
fn interpreter_reassignment_finds_room() {
    // slot 0: interpreter 0 speaks 0,1,2; interpreter 1 speaks 0,1 only.
    // meeting (0,1) needs 0-1, meeting (2,3) needs 0-2: both fit only if
    // the 0-1 meeting takes interpreter 1.
    let people = vec![person(&[0]), person(&[1]), person(&[0]), person(&[2])];
    let mut instance = inst(1, 5, people, vec![req(0, 1, 3), req(2, 3, 3)]);
    instance.interpreters = vec![
        Interpreter {
            languages: vec![0, 1, 2],
            unavailable: vec![],
        },
        Interpreter {
            languages: vec![0, 1],
            unavailable: vec![],
        },
    ];
    let sol = solve(&instance, &Options::default()).unwrap();
    assert_eq!(met_count(&sol), 2);
}

#[test]
fn breaks_are_closed() {
    // 0 meets 1..=4 in a 6-slot session: no breaks possible
    let people = (0..5).map(|_| person(&[0])).collect();
    let requests = (1..5).map(|b| req(0, b, 3)).collect();
    let sol = solve(&inst(6, 5, people, requests), &Options::default()).unwrap();
    assert_eq!(met_count(&sol), 4);
    assert_eq!(sol.stats.breaks, 0);
}

/// A break that no schedule avoids is proved: participant 0 meets 1 (free
/// only in the first slot), 2 (only in the last) and 3 (any slot) in a
/// 4-slot session. Its usable slots form one run long enough for three
/// meetings, yet no 3-slot block holds both ends, so the bound is 1 and
/// the schedule meets it.
#[test]
fn unavoidable_break_is_bounded() {
    let mut people: Vec<Participant> = (0..4).map(|_| person(&[0])).collect();
    people[1].unavailable = vec![1, 2, 3];
    people[2].unavailable = vec![0, 1, 2];
    let requests = vec![req(0, 1, 3), req(0, 2, 3), req(0, 3, 3)];
    let sol = solve(
        &inst(4, 2, people.clone(), requests.clone()),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(met_count(&sol), 3);
    assert_eq!(sol.stats.breaks, 1);
    assert_eq!(sol.stats.bound_breaks, 1);
    // with 2 free in slot 1 as well, a block 0..=2 serves: no break, bound 0
    people[2].unavailable = vec![0, 2];
    let sol = solve(&inst(4, 2, people, requests), &Options::default()).unwrap();
    assert_eq!(sol.stats.breaks, 0);
    assert_eq!(sol.stats.bound_breaks, 0);
}

/// Meetings pinned to slots 0, 3 and 6 of a 7-slot session leave two gaps
/// of two slots; one more meeting that may go anywhere fills neither, so
/// two breaks are proved (the block check alone proved one). A second free
/// meeting fills one gap: one break, and the bound follows.
#[test]
fn gaps_between_pinned_meetings_are_bounded() {
    let people: Vec<Participant> = (0..6).map(|_| person(&[0])).collect();
    let pinned = |b: usize, s: usize| Request {
        allowed_slots: Some(vec![s]),
        ..req(0, b, 3)
    };
    let mut requests = vec![pinned(1, 0), pinned(2, 3), pinned(3, 6), req(0, 4, 3)];
    let sol = solve(
        &inst(7, 2, people.clone(), requests.clone()),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(met_count(&sol), 4);
    assert_eq!(sol.stats.breaks, 2);
    assert_eq!(sol.stats.bound_breaks, 2);
    requests.push(req(0, 5, 3));
    let sol = solve(&inst(7, 2, people, requests), &Options::default()).unwrap();
    assert_eq!(met_count(&sol), 5);
    assert_eq!(sol.stats.breaks, 1);
    assert_eq!(sol.stats.bound_breaks, 1);
}

/// Partners' windows: participant 0 meets 1, 2 and 3 in the afternoon
/// (slots 3 to 5 of a 6-slot day), and each of them meets someone else
/// (4, 5, 6) in the morning (slots 0 to 2). Each of 1, 2, 3 is without a
/// break only with its meetings at slots 2 and 3, and 0 can be in slot 3
/// only once: two of them have a break, whatever the schedule. No
/// participant alone proves any (each fits a block), so this is the hub
/// bound's. With the afternoon free for one of them (its meeting with 0
/// allowed in the morning too), it can sit at 1 and 2 or meet 0 at 2, and
/// one break is left and proved.
#[test]
fn partners_windows_bound_a_hub() {
    let people: Vec<Participant> = (0..7).map(|_| person(&[0])).collect();
    let half = |a: usize, b: usize, slots: &[usize]| Request {
        allowed_slots: Some(slots.to_vec()),
        ..req(a, b, 3)
    };
    let (morning, afternoon) = ([0, 1, 2], [3, 4, 5]);
    let mut requests = vec![
        half(0, 1, &afternoon),
        half(0, 2, &afternoon),
        half(0, 3, &afternoon),
        half(1, 4, &morning),
        half(2, 5, &morning),
        half(3, 6, &morning),
    ];
    let sol = solve(
        &inst(6, 3, people.clone(), requests.clone()),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(met_count(&sol), 6);
    assert_eq!(sol.stats.breaks, 2);
    assert_eq!(sol.stats.bound_breaks, 2);
    requests[0].allowed_slots = None;
    let sol = solve(&inst(6, 3, people, requests), &Options::default()).unwrap();
    assert_eq!(met_count(&sol), 6);
    assert_eq!(sol.stats.breaks, 1);
    assert_eq!(sol.stats.bound_breaks, 1);
}

/// The uncapped bound speaks only for schedules: a slot out of range, one
/// the request may not take, or a list of the wrong length is an error.
#[test]
fn breaks_bound_of_refuses_what_is_no_schedule() {
    let people: Vec<Participant> = (0..3).map(|_| person(&[0])).collect();
    let requests = vec![
        Request {
            allowed_slots: Some(vec![1]),
            ..req(0, 1, 3)
        },
        req(0, 2, 3),
    ];
    let day = inst(4, 2, people, requests);
    let bound = |slots: &[Option<usize>]| mitra_schedule::breaks_bound_of(&day, slots);
    assert_eq!(bound(&[Some(1), Some(3)]), Ok(0));
    assert!(bound(&[Some(1), Some(4)]).is_err(), "slot out of range");
    assert!(bound(&[Some(2), None]).is_err(), "slot not allowed");
    assert!(bound(&[Some(1)]).is_err(), "one slot for two requests");
}

#[test]
fn same_input_same_output() {
    let people: Vec<Participant> = (0..30).map(|k| person(&[k % 3])).collect();
    let requests = (0..120)
        .map(|k| req(k % 30, (k * 7 + 3) % 30, (k % 3 + 1) as u8))
        .filter(|r| r.a != r.b)
        .collect();
    let instance = inst(8, 6, people, requests);
    let a = solve(&instance, &Options::default()).unwrap();
    let b = solve(&instance, &Options::default()).unwrap();
    assert_eq!(a.outcome, b.outcome);
    assert_eq!(a.stats, b.stats);
}

// ------------------------------------------------------------ brute force

/// Every valid schedule of a tiny instance without interpreters (pool and
/// fixed tables, availability, caps, allowed slots): calls `f` with the
/// slot (or none) of each request.
fn enumerate(instance: &Instance, f: &mut dyn FnMut(&[Option<usize>])) {
    let n_slots: usize = instance.session_lengths.iter().sum();
    let nr = instance.requests.len();
    let mut cur = vec![None; nr];
    fn rec(
        k: usize,
        inst: &Instance,
        n_slots: usize,
        cur: &mut Vec<Option<usize>>,
        f: &mut dyn FnMut(&[Option<usize>]),
    ) {
        if k == cur.len() {
            f(cur);
            return;
        }
        cur[k] = None;
        rec(k + 1, inst, n_slots, cur, f);
        let r = &inst.requests[k];
        for s in 0..n_slots {
            if r.allowed_slots.as_ref().is_some_and(|l| !l.contains(&s)) {
                continue;
            }
            let ok_person = |p: usize| {
                let part = &inst.participants[p];
                let used = (0..k).filter(|&j| {
                    let q = &inst.requests[j];
                    (q.a == p || q.b == p) && cur[j].is_some()
                });
                !part.unavailable.contains(&s)
                    && !(0..k).any(|j| {
                        let q = &inst.requests[j];
                        (q.a == p || q.b == p) && cur[j] == Some(s)
                    })
                    && part.max_meetings.is_none_or(|m| used.count() < m as usize)
            };
            if !ok_person(r.a) || !ok_person(r.b) {
                continue;
            }
            let pool = |q: &Request| {
                inst.participants[q.a].table.is_none() && inst.participants[q.b].table.is_none()
            };
            if pool(r) {
                let n_pool = inst.table_owner.iter().filter(|o| o.is_none()).count();
                let used = (0..k)
                    .filter(|&j| cur[j] == Some(s) && pool(&inst.requests[j]))
                    .count();
                if used >= n_pool {
                    continue;
                }
            }
            cur[k] = Some(s);
            rec(k + 1, inst, n_slots, cur, f);
            cur[k] = None;
        }
    }
    rec(0, instance, n_slots, &mut cur, f);
}

/// `day` as it is (one session), or cut into two halves.
fn in_sessions(mut day: Instance, sessions: usize) -> Instance {
    if sessions == 2 {
        let n = day.session_lengths.iter().sum::<usize>();
        day.session_lengths = vec![n / 2, n - n / 2];
    }
    day
}

fn tiny_instance() -> impl Strategy<Value = Instance> {
    (1usize..=2, 1usize..=3, 3usize..=5, 0usize..=2).prop_flat_map(|(n_sess, len, np, pool)| {
        let n_slots = n_sess * len;
        let people = proptest::collection::vec(
            (
                proptest::collection::vec(0..n_slots, 0..2),
                proptest::option::of(0u32..3),
                any::<bool>(),
            ),
            np,
        );
        let requests = proptest::collection::vec(
            (
                0..np,
                0..np,
                1u8..=3,
                proptest::option::of(proptest::collection::vec(0..n_slots, 1..3)),
            ),
            1..6,
        );
        (Just(n_sess), Just(len), Just(pool), people, requests).prop_map(
            |(n_sess, len, pool, people, requests)| {
                let mut table_owner = vec![None; pool];
                let participants = people
                    .into_iter()
                    .enumerate()
                    .map(|(p, (unavailable, max_meetings, fixed))| {
                        let table = if fixed && p == 0 {
                            table_owner.push(Some(0));
                            Some(table_owner.len() - 1)
                        } else {
                            None
                        };
                        Participant {
                            languages: vec![0],
                            unavailable,
                            max_meetings,
                            table,
                        }
                    })
                    .collect();
                let requests = requests
                    .into_iter()
                    .filter(|(a, b, _, _)| a != b)
                    .map(|(a, b, priority, allowed_slots)| Request {
                        a,
                        b,
                        priority,
                        allowed_slots,
                        previous: None,
                    })
                    .collect();
                Instance {
                    session_lengths: vec![len; n_sess],
                    table_owner,
                    participants,
                    interpreters: vec![],
                    requests,
                    tables_taken: vec![],
                }
            },
        )
    })
}

/// A met set's fewest and most breaks, and a schedule with the most.
type MetSet = (usize, usize, Vec<Option<usize>>);

/// The breaks bound of every met set of a small instance, taken on the
/// valid schedule of that set with the most breaks (the bound searches
/// only where the schedule has gaps), against the fewest breaks of any
/// schedule of the set.
fn check_breaks_bound(instance: &Instance) -> Result<(), TestCaseError> {
    let mut sets: BTreeMap<Vec<bool>, MetSet> = BTreeMap::new();
    enumerate(instance, &mut |cur| {
        let breaks = mitra_schedule::breaks_of(instance, cur).0;
        let key = cur.iter().map(Option::is_some).collect();
        let entry = sets.entry(key).or_insert((usize::MAX, 0, cur.to_vec()));
        entry.0 = entry.0.min(breaks);
        if breaks > entry.1 {
            entry.1 = breaks;
            entry.2 = cur.to_vec();
        }
    });
    for (fewest, _, schedule) in sets.values() {
        let bound = mitra_schedule::breaks_bound_of(instance, schedule).unwrap();
        prop_assert!(
            bound <= *fewest,
            "bound {bound} > fewest breaks {fewest} for {schedule:?}"
        );
    }
    Ok(())
}

/// A day of 5 to 9 slots (one session, or two) where participant 0 meets
/// each of 3 to 5 others, most meetings pinned to one or two slots: the
/// days where gaps between pinned meetings decide the breaks.
fn hub_instance() -> impl Strategy<Value = Instance> {
    (5usize..=9, 3usize..=5, 1usize..=2).prop_flat_map(|(n_slots, others, sessions)| {
        let pins = proptest::collection::vec(
            proptest::option::weighted(0.8, proptest::collection::vec(0..n_slots, 1..=2)),
            others,
        );
        let away = proptest::collection::vec(proptest::collection::vec(0..n_slots, 0..2), others);
        (Just(n_slots), Just(sessions), pins, away).prop_map(|(n_slots, sessions, pins, away)| {
            let mut participants = vec![person(&[0])];
            participants.extend(away.into_iter().map(|unavailable| Participant {
                unavailable,
                ..person(&[0])
            }));
            let requests = pins
                .into_iter()
                .enumerate()
                .map(|(k, allowed_slots)| Request {
                    allowed_slots,
                    ..req(0, k + 1, 3)
                })
                .collect();
            in_sessions(inst(n_slots, 2, participants, requests), sessions)
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn bounds_hold_against_brute_force(instance in tiny_instance()) {
        let opts = Options { min_moves: 2000, max_moves: 2000, ..Options::default() };
        let sol = solve(&instance, &opts).unwrap();
        let slots: Vec<Option<usize>> = sol.outcome.iter().map(|o| o.as_ref().ok().map(|p| p.slot)).collect();
        let mut best_each = [0usize; 3];
        let mut best_lex: Option<([usize; 3], usize)> = None;
        let mut min_breaks_same_set = usize::MAX;
        let mut own_valid = false;
        enumerate(&instance, &mut |cur| {
            let mut met = [0usize; 3];
            for (r, s) in cur.iter().enumerate() {
                if s.is_some() {
                    met[3 - instance.requests[r].priority as usize] += 1;
                }
            }
            for i in 0..3 { best_each[i] = best_each[i].max(met[i]); }
            let (breaks, _) = mitra_schedule::breaks_of(&instance, cur);
            let key = (met, breaks);
            if best_lex.is_none_or(|(m, b)| met > m || (met == m && breaks < b)) {
                best_lex = Some(key);
            }
            if cur.iter().zip(&slots).all(|(x, y)| x.is_some() == y.is_some()) {
                min_breaks_same_set = min_breaks_same_set.min(breaks);
            }
            if cur == &slots[..] { own_valid = true; }
        });
        prop_assert!(own_valid, "the solver's schedule is not among the valid ones");
        check_breaks_bound(&instance)?;
        for i in 0..3 {
            prop_assert!(sol.stats.bound_met[i] >= best_each[i], "bound_met {:?} < brute force {:?}", sol.stats.bound_met, best_each);
        }
        prop_assert!(sol.stats.bound_breaks <= min_breaks_same_set);
        let (met, breaks) = best_lex.unwrap();
        prop_assert_eq!(sol.stats.met, met, "lexicographic optimum of met");
        prop_assert_eq!(sol.stats.breaks, breaks, "fewest breaks");
    }
}

/// A day of 5 or 6 slots (one session, or two) where participant 0 meets
/// 1, 2 and 3, and each of those meets one more (4, 5, 6), every meeting
/// pinned or not to a few slots: the days where partners' windows decide.
fn partners_instance() -> impl Strategy<Value = Instance> {
    (5usize..=6, 1usize..=2).prop_flat_map(|(n_slots, sessions)| {
        let pins = proptest::collection::vec(
            proptest::option::weighted(0.7, proptest::collection::vec(0..n_slots, 1..=3)),
            6,
        );
        (Just(n_slots), Just(sessions), pins).prop_map(|(n_slots, sessions, pins)| {
            let people: Vec<Participant> = (0..7).map(|_| person(&[0])).collect();
            let pairs = [(0, 1), (0, 2), (0, 3), (1, 4), (2, 5), (3, 6)];
            let requests = pairs
                .iter()
                .zip(pins)
                .map(|(&(a, b), allowed_slots)| Request {
                    allowed_slots,
                    ..req(a, b, 3)
                })
                .collect();
            in_sessions(inst(n_slots, 3, people, requests), sessions)
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// A hub's meetings against its partners' windows.
    #[test]
    fn breaks_bound_holds_for_partners_windows(instance in partners_instance()) {
        check_breaks_bound(&instance)?;
    }

    /// Sessions long enough for gaps between meetings pinned to one or two
    /// slots.
    #[test]
    fn breaks_bound_holds_on_longer_sessions(instance in hub_instance()) {
        check_breaks_bound(&instance)?;
    }
}

/// A day of 4 or 5 slots (one session, or two) with one or two pool
/// tables (and perhaps a participant with its own), where a few people meet
/// several times: the days where the tables, not the people, force breaks.
fn crowded_instance() -> impl Strategy<Value = Instance> {
    (4usize..=5, 1usize..=2, 1usize..=2, 4usize..=6).prop_flat_map(
        |(n_slots, sessions, pool, np)| {
            let pairs = proptest::collection::vec((0..np, 0..np), 4..=6);
            let away = proptest::collection::vec(proptest::option::weighted(0.2, 0..n_slots), np);
            let owner = proptest::option::weighted(0.3, 0..np);
            (
                Just(n_slots),
                Just(sessions),
                Just(pool),
                pairs,
                away,
                owner,
            )
                .prop_map(|(n_slots, sessions, pool, pairs, away, owner)| {
                    let people: Vec<Participant> = away
                        .iter()
                        .map(|a| Participant {
                            unavailable: a.iter().copied().collect(),
                            ..person(&[0])
                        })
                        .collect();
                    let requests = pairs
                        .into_iter()
                        .filter(|(a, b)| a != b)
                        .map(|(a, b)| req(a, b, 3))
                        .collect();
                    let mut day = inst(n_slots, pool, people, requests);
                    if let Some(p) = owner {
                        day.table_owner.push(Some(p));
                        day.participants[p].table = Some(day.table_owner.len() - 1);
                    }
                    in_sessions(day, sessions)
                })
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// The table-load bound against the fewest breaks of each met set.
    #[test]
    fn breaks_bound_holds_where_tables_are_few(instance in crowded_instance()) {
        check_breaks_bound(&instance)?;
    }
}

/// Six people who each meet three others (a complete bipartite day) in
/// five slots: a person without a break sits three slots in a row, which
/// always takes the middle slot. Two tables seat four people there, so two
/// of the six must break, which no person's own meetings show; three
/// tables seat them all.
#[test]
fn table_load_forces_breaks() {
    let people: Vec<Participant> = (0..6).map(|_| person(&[0])).collect();
    let requests: Vec<Request> = (0..3)
        .flat_map(|a| (3..6).map(move |b| req(a, b, 3)))
        .collect();
    let sol = solve(
        &inst(5, 2, people.clone(), requests.clone()),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(met_count(&sol), 9);
    assert_eq!(sol.stats.bound_breaks, 2);
    assert_eq!(sol.stats.breaks, 2);
    let sol = solve(&inst(5, 3, people, requests), &Options::default()).unwrap();
    assert_eq!(met_count(&sol), 9);
    assert_eq!(sol.stats.breaks, 0);
}

/// Every hard constraint of a solution, checked from the instance alone.
fn violations(inst: &Instance, sol: &mitra_schedule::Solution) -> Vec<String> {
    let n_slots: usize = inst.session_lengths.iter().sum();
    let mut v = Vec::new();
    let mut person_at = std::collections::HashSet::new();
    let mut table_at = std::collections::HashSet::new();
    let mut interp_at = std::collections::HashSet::new();
    let mut count = vec![0u32; inst.participants.len()];
    for (r, out) in sol.outcome.iter().enumerate() {
        let Ok(p) = out else { continue };
        let q = &inst.requests[r];
        let (a, b) = (&inst.participants[q.a], &inst.participants[q.b]);
        if p.slot >= n_slots {
            v.push(format!("request {r}: slot {} out of range", p.slot));
        }
        if let Some(allowed) = &q.allowed_slots
            && !allowed.contains(&p.slot)
        {
            v.push(format!("request {r}: slot {} not allowed", p.slot));
        }
        for (who, part) in [(q.a, a), (q.b, b)] {
            count[who] += 1;
            if part.unavailable.contains(&p.slot) {
                v.push(format!("request {r}: {who} unavailable in {}", p.slot));
            }
            if !person_at.insert((who, p.slot)) {
                v.push(format!("request {r}: {who} twice in slot {}", p.slot));
            }
        }
        if inst.tables_taken.contains(&(p.slot, p.table)) {
            v.push(format!(
                "request {r}: table {} taken in slot {}",
                p.table, p.slot
            ));
        }
        if !table_at.insert((p.table, p.slot)) {
            v.push(format!(
                "request {r}: table {} twice in slot {}",
                p.table, p.slot
            ));
        }
        let table_ok = match inst.table_owner.get(p.table) {
            Some(None) => a.table.is_none() && b.table.is_none(),
            Some(Some(owner)) => *owner == q.a || *owner == q.b,
            None => false,
        };
        if !table_ok {
            v.push(format!("request {r}: table {} is not theirs", p.table));
        }
        let shared = a.languages.iter().any(|l| b.languages.contains(l));
        match (shared, p.interpreter) {
            (true, Some(i)) => v.push(format!("request {r}: needless interpreter {i}")),
            (false, None) => v.push(format!("request {r}: no interpreter")),
            (false, Some(i)) => {
                let it = &inst.interpreters[i];
                if !it.languages.iter().any(|l| a.languages.contains(l))
                    || !it.languages.iter().any(|l| b.languages.contains(l))
                {
                    v.push(format!("request {r}: interpreter {i} cannot interpret"));
                }
                if it.unavailable.contains(&p.slot) {
                    v.push(format!("request {r}: interpreter {i} unavailable"));
                }
                if !interp_at.insert((i, p.slot)) {
                    v.push(format!("request {r}: interpreter {i} twice in {}", p.slot));
                }
            }
            (true, None) => {}
        }
    }
    for (who, part) in inst.participants.iter().enumerate() {
        if let Some(max) = part.max_meetings
            && count[who] > max
        {
            v.push(format!(
                "participant {who}: {} meetings over {max}",
                count[who]
            ));
        }
    }
    v
}

/// A crowded random event: three languages, few interpreters, some fixed
/// tables, few pool tables, some tables taken in some slots, narrow
/// windows and unavailability, so every
/// move of the search meets a hard constraint in its way.
fn crowded_event(seed: u64) -> Instance {
    let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut next = move |n: usize| -> usize {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    let sessions = vec![4 + next(4), 3 + next(4)];
    let n_slots: usize = sessions.iter().sum();
    let np = 16 + next(16);
    let mut table_owner = vec![None; 2 + next(4)];
    let participants: Vec<Participant> = (0..np)
        .map(|p| {
            let mut languages = vec![next(3) as u32];
            if next(4) == 0 {
                languages.push(next(3) as u32);
            }
            let table = (next(4) == 0).then(|| {
                table_owner.push(Some(p));
                table_owner.len() - 1
            });
            Participant {
                languages,
                unavailable: (0..next(3)).map(|_| next(n_slots)).collect(),
                max_meetings: (next(5) == 0).then(|| 1 + next(5) as u32),
                table,
            }
        })
        .collect();
    let interpreters = (0..1 + next(3))
        .map(|_| Interpreter {
            languages: vec![next(3) as u32, next(3) as u32],
            unavailable: (0..next(3)).map(|_| next(n_slots)).collect(),
        })
        .collect();
    let mut requests = Vec::new();
    for a in 0..np {
        for b in a + 1..np {
            if next(100) < 30 {
                requests.push(Request {
                    a,
                    b,
                    priority: 1 + next(3) as u8,
                    allowed_slots: (next(6) == 0)
                        .then(|| (0..1 + next(4)).map(|_| next(n_slots)).collect()),
                    previous: None,
                });
            }
        }
    }
    // tables held by meetings outside the instance (held earlier)
    let tables_taken = (0..next(6))
        .map(|_| (next(n_slots), next(table_owner.len())))
        .collect();
    Instance {
        session_lengths: sessions,
        table_owner,
        participants,
        interpreters,
        requests,
        tables_taken,
    }
}

/// The search's every move (ejections, Kempe chains, block repairs and
/// their swaps) keeps every hard constraint, interpreters and tables
/// included, on crowded events checked from the instance alone.
#[test]
fn crowded_events_stay_valid() {
    for seed in 1..=24u64 {
        let inst = crowded_event(seed);
        let opts = Options {
            min_moves: 60_000,
            max_moves: 60_000,
            ..Options::default()
        };
        let sol = solve(&inst, &opts).unwrap();
        let bad = violations(&inst, &sol);
        assert!(bad.is_empty(), "seed {seed}: {bad:?}");
        let (breaks, idle) = mitra_schedule::breaks_of(
            &inst,
            &sol.outcome
                .iter()
                .map(|o| o.as_ref().ok().map(|p| p.slot))
                .collect::<Vec<_>>(),
        );
        assert_eq!((sol.stats.breaks, sol.stats.idle_slots), (breaks, idle));
        assert!(met_count(&sol) > 0, "seed {seed}: nothing met");
    }
}

/// The exact mode from the construction alone (no search moves) reaches
/// the brute-force lexicographic optimum of tiny instances: met by
/// priority, then breaks, then idle slots, each proven; its schedule is
/// one of the valid ones and its bounds stay true.
#[cfg(feature = "exact")]
fn check_exact(instance: &Instance) -> Result<(), TestCaseError> {
    let opts = Options {
        min_moves: 0,
        max_moves: 0,
        ..Options::default()
    };
    let (sol, report) = mitra_schedule::solve_exact(instance, &opts, &Default::default()).unwrap();
    let slots: Vec<Option<usize>> = sol
        .outcome
        .iter()
        .map(|o| o.as_ref().ok().map(|p| p.slot))
        .collect();
    let mut best: Option<(
        [usize; 3],
        std::cmp::Reverse<usize>,
        std::cmp::Reverse<usize>,
    )> = None;
    let mut own_valid = false;
    let mut best_each = [0usize; 3];
    enumerate(instance, &mut |cur| {
        let mut met = [0usize; 3];
        for (r, s) in cur.iter().enumerate() {
            if s.is_some() {
                met[3 - instance.requests[r].priority as usize] += 1;
            }
        }
        for (most, m) in best_each.iter_mut().zip(met) {
            *most = (*most).max(m);
        }
        let (breaks, idle) = mitra_schedule::breaks_of(instance, cur);
        let key = (met, std::cmp::Reverse(breaks), std::cmp::Reverse(idle));
        if best.is_none_or(|b| key > b) {
            best = Some(key);
        }
        own_valid |= cur == &slots[..];
    });
    prop_assert!(own_valid, "the exact schedule is not among the valid ones");
    prop_assert!(report.not_applied.is_none());
    prop_assert!(
        report.met_proven && report.breaks_proven && report.idle_proven,
        "{report:?}"
    );
    let (met, breaks, idle) = best.unwrap();
    prop_assert_eq!(sol.stats.met, met, "met by priority");
    prop_assert_eq!(sol.stats.breaks, breaks.0, "fewest breaks");
    prop_assert_eq!(sol.stats.idle_slots, idle.0, "fewest idle slots");
    prop_assert_eq!(
        sol.stats.bound_breaks,
        breaks.0,
        "a proven optimum is the bound"
    );
    for (bound, most) in sol.stats.bound_met.iter().zip(best_each) {
        prop_assert!(*bound >= most);
    }
    Ok(())
}

#[cfg(feature = "exact")]
proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn exact_mode_reaches_the_brute_force_optimum(instance in tiny_instance()) {
        check_exact(&instance)?;
    }

    #[test]
    fn exact_mode_reaches_the_optimum_of_hub_days(instance in hub_instance()) {
        check_exact(&instance)?;
    }
}

/// On crowded events (interpreters, fixed and taken tables, caps, allowed
/// slots, two sessions) after a short search, the exact mode keeps every
/// hard constraint, never ends worse than the search, proves what it
/// claims within the instance's reach, and improves some of them.
#[cfg(feature = "exact")]
#[test]
fn exact_mode_keeps_every_constraint_and_improves_a_short_search() {
    let mut improved = 0;
    for seed in 1..=4u64 {
        let inst = crowded_event(seed);
        let opts = Options {
            min_moves: 300,
            max_moves: 300,
            ..Options::default()
        };
        let searched = solve(&inst, &opts).unwrap();
        let (sol, report) = mitra_schedule::solve_exact(&inst, &opts, &Default::default()).unwrap();
        let bad = violations(&inst, &sol);
        assert!(bad.is_empty(), "seed {seed}: {bad:?}");
        assert!(
            report.met_proven && report.breaks_proven,
            "seed {seed}: {report:?}"
        );
        let key = |s: &mitra_schedule::Solution| {
            (
                s.stats.met,
                std::cmp::Reverse(s.stats.breaks),
                std::cmp::Reverse(s.stats.idle_slots),
            )
        };
        assert!(
            key(&sol) >= key(&searched),
            "seed {seed}: worse than the search"
        );
        for i in 0..3 {
            assert!(
                sol.stats.met[i] <= sol.stats.bound_met[i],
                "seed {seed}: bound_met"
            );
        }
        assert_eq!(
            sol.stats.bound_breaks, sol.stats.breaks,
            "seed {seed}: proven breaks are the bound"
        );
        improved += usize::from(key(&sol) > key(&searched));
    }
    assert!(
        improved > 0,
        "the exact mode improved none of the short searches"
    );
}

/// Re-scheduling is left to the search, and says so.
#[cfg(feature = "exact")]
#[test]
fn exact_mode_leaves_re_scheduling_to_the_search() {
    let mut inst = inst(3, 1, vec![person(&[0]), person(&[0])], vec![req(0, 1, 3)]);
    inst.requests[0].previous = Some(mitra_schedule::Placement {
        slot: 1,
        table: 0,
        interpreter: None,
    });
    let (sol, report) =
        mitra_schedule::solve_exact(&inst, &Options::default(), &Default::default()).unwrap();
    assert!(report.not_applied.is_some(), "{report:?}");
    assert_eq!(sol.stats.kept, 1);
    assert_eq!(report.sat_calls, 0);
}

/// The work budget ends solver calls the same way on every run: two runs
/// with a tight budget give the same schedule, which is valid and no worse
/// than the search's.
#[cfg(feature = "exact")]
#[test]
fn exact_mode_is_deterministic_under_a_work_budget() {
    let mut spent = 0;
    for seed in 1..=4u64 {
        let inst = crowded_event(seed);
        let opts = Options {
            min_moves: 300,
            max_moves: 300,
            ..Options::default()
        };
        let limits = mitra_schedule::ExactLimits {
            deadline: None,
            conflicts_per_call: 20,
            idle_slots: true,
        };
        let searched = solve(&inst, &opts).unwrap();
        let (first, report) = mitra_schedule::solve_exact(&inst, &opts, &limits).unwrap();
        let (second, _) = mitra_schedule::solve_exact(&inst, &opts, &limits).unwrap();
        assert_eq!(first.outcome, second.outcome, "seed {seed}");
        assert!(violations(&inst, &first).is_empty(), "seed {seed}");
        assert!(
            (first.stats.met, std::cmp::Reverse(first.stats.breaks))
                >= (searched.stats.met, std::cmp::Reverse(searched.stats.breaks)),
            "seed {seed}"
        );
        assert!(!report.stopped, "no deadline was set");
        spent += usize::from(report.out_of_work);
    }
    assert!(
        spent > 0,
        "20 conflicts per call never ran out: the budget is not applied"
    );
}
