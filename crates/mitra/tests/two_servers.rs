//! Two `mitra serve` processes on one database, and a few hundred
//! conflicting operations over HTTP at once, split across both: company
//! representatives (signed in through their invitations, API tokens) ask
//! each other for meetings (each pair from both sides at the same moment,
//! on different servers) and accept and decline the same requests on both
//! servers at once; the organizer (signed in on both servers through the
//! invitation page) books walk-ins into the same slots, tables and
//! interpreters, re-schedules the rest of the day, and runs and publishes
//! schedules, all at the same time. Both backends.
//!
//! Afterwards the database must hold what one writer at a time would have
//! left, and every answer must have been one the route documents:
//! - no table, organization or interpreter twice in a slot among the
//!   meetings that are not cancelled;
//! - every request an answer reported accepted is still accepted; two
//!   answers to one request: one of them won (200), the other was told
//!   (409), and the request ended as the winner said;
//! - two sides asking each other at once made one request, accepted;
//!   one open request per pair and direction among the asked ones;
//! - every walk-in the organizer was told is booked is there (one walk-in
//!   request each), and no other;
//! - no answer was a 5xx; the database passes `Store::check`.
//!
//! What would make it fail: a missing unique index on meetings (a table,
//! a person in one slot) or a write that checks and writes in two
//! transactions (walk-ins from two servers would both book; two answers
//! would both win; two asks would make two requests); a server that
//! answers a lost race with a 500 (as walk-ins and re-scheduling did before
//! they looked again or said "busy").

mod common;

use axum::http::StatusCode;
use common::{Answer, Browser, EVENT, ORGANIZER, Server, api_post, api_token, http_client};
use mitra_core::ids::{EventId, OrgId, PersonId};
use mitra_core::meeting::{MeetingStatus, RequestStatus};
use mitra_core::organization::Side;
use mitra_core::people::Role;
use mitra_store::testing::TestDatabase;
use mitra_store::{Asked, Backend, Store};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::time::{Duration, Instant};

/// Pairs that ask each other at once.
const ASK_PAIRS: usize = 30;
/// Pending requests answered three times at once.
const ANSWERED: usize = 30;
/// Walk-ins booked at once, among few companies.
const WALK_INS: usize = 120;

fn event() -> EventId {
    EventId::parse(EVENT).unwrap()
}

/// The demo's companies of one side that have a representative, by id,
/// with that representative's person id.
fn reps(
    orgs: &[mitra_core::organization::Organization],
    people: &[mitra_core::people::Person],
    side: Side,
) -> Vec<(OrgId, PersonId)> {
    let mut out: Vec<(OrgId, PersonId)> = orgs
        .iter()
        .filter(|o| o.side == side)
        .filter_map(|o| {
            people
                .iter()
                .find(|p| p.role == Role::CompanyRep(o.id.clone()))
                .map(|p| (o.id.clone(), p.id.clone()))
        })
        .collect();
    out.sort();
    out
}

fn pair_key(a: &OrgId, b: &OrgId) -> (String, String) {
    let (a, b) = (a.to_string(), b.to_string());
    if a < b { (a, b) } else { (b, a) }
}

/// Picks, for each guest in turn, the first unused host it has no request
/// with.
fn fresh_pairs(
    guests: &[(OrgId, PersonId)],
    hosts: &[(OrgId, PersonId)],
    taken: &HashSet<(String, String)>,
    count: usize,
) -> Vec<((OrgId, PersonId), (OrgId, PersonId))> {
    let mut used = HashSet::new();
    let mut pairs = Vec::new();
    for g in guests {
        if pairs.len() == count {
            break;
        }
        if let Some(h) = hosts
            .iter()
            .find(|h| !used.contains(&h.0) && !taken.contains(&pair_key(&g.0, &h.0)))
        {
            used.insert(h.0.clone());
            pairs.push((g.clone(), h.clone()));
        }
    }
    assert_eq!(pairs.len(), count, "the demo has enough fresh pairs");
    pairs
}

#[derive(Debug)]
enum Op {
    /// `from` asked `to` (pair `k`, side `side`).
    Ask {
        k: usize,
    },
    /// An answer to request `id`: accept or not.
    Answer {
        id: i64,
        accept: bool,
    },
    WalkIn,
    Reschedule,
    Schedule,
    Publish,
}

async fn storm_over_two_servers(backend: Backend) {
    let database = TestDatabase::fresh(backend).await;
    let url = database.url().to_string();
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    common::build_demo(&url, dir.path());
    eprintln!("{backend}: demo built in {:?}", started.elapsed());

    // The parts, read and prepared beside the servers.
    let store = Store::open(&url).await.unwrap();
    let orgs = store.organizations(&event()).await.unwrap();
    let people = store.people(&event()).await.unwrap();
    let plan = store.event_plan(&event()).await.unwrap();
    let guests = reps(&orgs, &people, Side::Guest);
    let hosts = reps(&orgs, &people, Side::Host);
    let mut taken: HashSet<(String, String)> = store
        .requests(&event())
        .await
        .unwrap()
        .iter()
        .map(|r| pair_key(&r.request.from, &r.request.to))
        .collect();
    let ask_pairs = fresh_pairs(&guests[..40], &hosts[..60], &taken, ASK_PAIRS);
    for (g, h) in &ask_pairs {
        taken.insert(pair_key(&g.0, &h.0));
    }
    let answer_pairs = fresh_pairs(&guests[30..], &hosts[40..100], &taken, ANSWERED);
    let now = mitra_web::auth::now();
    let mut pending = Vec::new();
    for (g, h) in &answer_pairs {
        let Asked::Pending(id) = store
            .ask_meeting(&event(), &g.0, &h.0, None, now, now + 86_400)
            .await
            .unwrap()
        else {
            panic!("a fresh pair's request is pending")
        };
        pending.push((id, h.1.clone()));
    }
    // Walk-ins among ten guests and ten hosts outside the pairs above.
    let asked_orgs: HashSet<&OrgId> = ask_pairs
        .iter()
        .chain(&answer_pairs)
        .flat_map(|(g, h)| [&g.0, &h.0])
        .collect();
    let walk_guests: Vec<&OrgId> = guests
        .iter()
        .map(|g| &g.0)
        .filter(|g| !asked_orgs.contains(g))
        .take(10)
        .collect();
    let walk_hosts: Vec<&OrgId> = hosts
        .iter()
        .rev()
        .map(|h| &h.0)
        .filter(|h| !asked_orgs.contains(h))
        .take(10)
        .collect();
    assert_eq!((walk_guests.len(), walk_hosts.len()), (10, 10));
    let walk_ins_before = walk_in_requests(&store).await;

    let invite = |person: PersonId| {
        let store = store.clone();
        async move {
            mitra_web::auth::create_invitation(&store, &event(), &person, Duration::from_secs(3600))
                .await
                .unwrap()
        }
    };

    let outbox = dir.path().join("outbox");
    std::fs::create_dir_all(&outbox).unwrap();
    let servers = [Server::start(&url, &outbox), Server::start(&url, &outbox)];
    let bases = [servers[0].base.clone(), servers[1].base.clone()];
    let client = http_client();

    // Signing in, over HTTP: the organizer through the invitation page on
    // each server, each representative for an API token.
    let organizer = PersonId::parse(ORGANIZER).unwrap();
    let mut bosses = Vec::new();
    for base in &bases {
        let link = invite(organizer.clone()).await;
        bosses.push(Browser::sign_in(&client, base, &link).await);
    }
    let mut tokens: HashMap<PersonId, String> = HashMap::new();
    let wanted: BTreeSet<PersonId> = ask_pairs
        .iter()
        .flat_map(|(g, h)| [g.1.clone(), h.1.clone()])
        .chain(pending.iter().map(|(_, p)| p.clone()))
        .collect();
    for (i, person) in wanted.into_iter().enumerate() {
        let link = invite(person.clone()).await;
        let token = api_token(&client, &bases[i % 2], &link).await;
        tokens.insert(person, token);
    }
    eprintln!(
        "{backend}: {} people signed in on two servers after {:?}",
        tokens.len() + 2,
        started.elapsed()
    );
    // A schedule proposal to publish during the storm.
    let proposed = bosses[0].post(&client, "/organizer/schedule", &[]).await;
    assert_eq!(proposed.status, StatusCode::SEE_OTHER, "{}", proposed.body);

    let meetings_before: HashSet<i64> = store
        .meetings(&event())
        .await
        .unwrap()
        .iter()
        .map(|m| m.id)
        .collect();

    // The storm: everything released at one moment.
    let start = tokio::time::Instant::now() + Duration::from_millis(500);
    let mut tasks: Vec<tokio::task::JoinHandle<(Op, Answer)>> = Vec::new();
    for (k, (g, h)) in ask_pairs.iter().enumerate() {
        for (side, (me, other)) in [(g, h), (h, g)].into_iter().enumerate() {
            let (client, base) = (client.clone(), bases[(k + side) % 2].clone());
            let token = tokens[&me.1].clone();
            let to = other.0.to_string();
            tasks.push(tokio::spawn(async move {
                tokio::time::sleep_until(start).await;
                let path = format!("/api/v1/events/{EVENT}/requests");
                let answer = api_post(&client, &base, &token, &path, json!({ "to": to })).await;
                (Op::Ask { k }, answer)
            }));
        }
    }
    for (n, (id, person)) in pending.iter().enumerate() {
        for (s, accept) in [(0, true), (1, false), (1, true)] {
            let (client, base) = (client.clone(), bases[(n + s) % 2].clone());
            let token = tokens[person].clone();
            let id = *id;
            tasks.push(tokio::spawn(async move {
                tokio::time::sleep_until(start).await;
                let path = format!("/api/v1/events/{EVENT}/requests/{id}/answer");
                let decision = if accept { "accept" } else { "decline" };
                let answer = api_post(
                    &client,
                    &base,
                    &token,
                    &path,
                    json!({ "decision": decision }),
                )
                .await;
                (Op::Answer { id, accept }, answer)
            }));
        }
    }
    for i in 0..WALK_INS {
        let boss = bosses[i % 2].clone();
        let client = client.clone();
        let guest = walk_guests[i % walk_guests.len()].to_string();
        let host = walk_hosts[(i * 7 / 3) % walk_hosts.len()].to_string();
        let slot = plan.slots[(i / 7) % 4].id.to_string();
        tasks.push(tokio::spawn(async move {
            tokio::time::sleep_until(start).await;
            let answer = boss
                .post(
                    &client,
                    "/organizer/walk-in",
                    &[("guest", &guest), ("host", &host), ("slot", &slot)],
                )
                .await;
            (Op::WalkIn, answer)
        }));
    }
    let afternoon = plan.slots[plan.slots.len() / 2].id.to_string();
    for (i, op) in [
        Op::Reschedule,
        Op::Reschedule,
        Op::Publish,
        Op::Publish,
        Op::Schedule,
    ]
    .into_iter()
    .enumerate()
    {
        let boss = bosses[i % 2].clone();
        let client = client.clone();
        let slot = afternoon.clone();
        tasks.push(tokio::spawn(async move {
            tokio::time::sleep_until(start).await;
            let answer = match op {
                Op::Reschedule => {
                    boss.post(&client, "/organizer/reschedule", &[("slot", &slot)])
                        .await
                }
                Op::Publish => boss.post(&client, "/organizer/publish", &[]).await,
                _ => boss.post(&client, "/organizer/schedule", &[]).await,
            };
            (op, answer)
        }));
    }
    let total = tasks.len();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.unwrap());
    }
    let storm = start.elapsed();
    eprintln!("{backend}: {total} operations over two servers in {storm:?}");

    // No 5xx, and every answer one the route documents.
    let mut asks: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut answers: BTreeMap<i64, Vec<(bool, StatusCode, Option<String>)>> = BTreeMap::new();
    let mut walk_ins_booked = 0;
    let mut tally: BTreeMap<String, usize> = BTreeMap::new();
    for (op, answer) in &results {
        assert!(
            !answer.status.is_server_error(),
            "{op:?} answered {}: {}",
            answer.status,
            answer.body
        );
        let location = answer.location.clone().unwrap_or_default();
        let outcome = match op {
            Op::Ask { k } => {
                assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
                let status = answer.json()["status"].as_str().unwrap().to_string();
                asks.entry(*k).or_default().push(status.clone());
                status
            }
            Op::Answer { id, accept } => {
                let status = answer.status;
                assert!(
                    status == StatusCode::OK || status == StatusCode::CONFLICT,
                    "{status}: {}",
                    answer.body
                );
                let said = (status == StatusCode::OK)
                    .then(|| answer.json()["status"].as_str().unwrap().to_string());
                answers
                    .entry(*id)
                    .or_default()
                    .push((*accept, status, said));
                status.to_string()
            }
            Op::WalkIn => {
                assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
                let notice = location.rsplit("done=").next().unwrap_or_default();
                assert!(
                    ["walk-in", "no-free-slot", "busy"].contains(&notice),
                    "{location}"
                );
                if notice == "walk-in" {
                    walk_ins_booked += 1;
                }
                format!("walk-in {notice}")
            }
            Op::Reschedule => {
                assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
                let notice = location.rsplit("done=").next().unwrap_or_default();
                assert!(["rescheduled", "busy"].contains(&notice), "{location}");
                format!("reschedule {notice}")
            }
            Op::Publish => {
                assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
                assert!(
                    [
                        "/organizer?done=published",
                        "/organizer?done=stale",
                        "/organizer/schedule"
                    ]
                    .contains(&location.as_str()),
                    "{location}"
                );
                format!("publish {location}")
            }
            Op::Schedule => {
                assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
                "schedule".into()
            }
        };
        *tally.entry(outcome).or_default() += 1;
    }
    eprintln!("{backend}: answers {tally:?}");

    // The database, as one writer at a time would have left it.
    store.check().await.expect("the database is intact");
    let meetings = store.meetings(&event()).await.unwrap();
    let mut seen = HashSet::new();
    for m in meetings
        .iter()
        .filter(|m| m.meeting.status != MeetingStatus::Cancelled)
    {
        let m = &m.meeting;
        let mut holders = vec![
            format!("table {}", m.table),
            format!("organization {}", m.a),
            format!("organization {}", m.b),
        ];
        if let Some(i) = &m.interpreter {
            holders.push(format!("interpreter {i}"));
        }
        for holder in holders {
            assert!(
                seen.insert((m.slot.to_string(), holder.clone())),
                "{holder} twice in slot {}",
                m.slot
            );
        }
    }
    let requests = store.requests(&event()).await.unwrap();
    let status: HashMap<i64, RequestStatus> =
        requests.iter().map(|r| (r.id, r.request.status)).collect();
    // Every meeting the storm made meets an accepted request (the demo's
    // own history has meetings of requests that lapsed since).
    for m in meetings.iter().filter(|m| !meetings_before.contains(&m.id)) {
        if let Some(request) = m.request_id {
            assert_eq!(status[&request], RequestStatus::Accepted, "{m:?}");
        }
    }
    // Three answers to one request: exactly one decided it, and the
    // request stands as it said; an accept reported is an accept kept.
    for (id, said) in &answers {
        let winners: Vec<_> = said.iter().filter(|(.., s)| s.is_some()).collect();
        let final_status = status[id];
        let accepted_said = said
            .iter()
            .any(|(_, _, s)| s.as_deref() == Some("accepted"));
        if accepted_said {
            assert_eq!(
                final_status,
                RequestStatus::Accepted,
                "request {id}: {said:?}"
            );
        }
        // Two accepts may both be told "accepted" (asking twice for the
        // same answer is harmless); an accept and a decline never both win.
        let decisions: HashSet<bool> = winners.iter().map(|(accept, ..)| *accept).collect();
        assert_eq!(decisions.len(), 1, "request {id}: {said:?}");
        let expected = if decisions.contains(&true) {
            RequestStatus::Accepted
        } else {
            RequestStatus::Declined
        };
        assert_eq!(final_status, expected, "request {id}: {said:?}");
    }
    // Two sides asking each other at once: one request, made mutual, so
    // accepted. The first asker is told "pending", or already "accepted"
    // when the other side's ask came in before its answer was read.
    for (k, (g, h)) in ask_pairs.iter().enumerate() {
        let mut told = asks[&k].clone();
        told.sort();
        assert!(
            told == ["accepted", "pending"] || told == ["accepted", "accepted"],
            "pair {k}: {told:?}"
        );
        let between: Vec<_> = requests
            .iter()
            .filter(|r| pair_key(&r.request.from, &r.request.to) == pair_key(&g.0, &h.0))
            .collect();
        assert_eq!(between.len(), 1, "pair {k}: {between:?}");
        assert_eq!(between[0].request.status, RequestStatus::Accepted);
    }
    // One open request per pair and direction, among those asked (a
    // walk-in books its own accepted request each time).
    let mut open = HashSet::new();
    for r in requests.iter().filter(|r| {
        matches!(
            r.request.status,
            RequestStatus::Pending | RequestStatus::Accepted
        ) && r.request.message.as_deref() != Some("walk-in")
    }) {
        assert!(
            open.insert((r.request.from.clone(), r.request.to.clone())),
            "two open requests {} -> {}",
            r.request.from,
            r.request.to
        );
    }
    // Every walk-in reported booked is there, once; none that was not.
    let walk_ins_after = walk_in_requests(&store).await;
    assert_eq!(walk_ins_after - walk_ins_before, walk_ins_booked);
    assert!(walk_ins_booked > 0, "some walk-ins were booked: {tally:?}");

    // Both servers still serve.
    for boss in &bosses {
        let page = boss.get(&client, "/organizer/day").await;
        assert_eq!(page.status, StatusCode::OK);
    }
    store.close().await;
    drop(servers);
}

/// How many requests walk-ins have booked.
async fn walk_in_requests(store: &Store) -> usize {
    store
        .requests(&event())
        .await
        .unwrap()
        .iter()
        .filter(|r| r.request.message.as_deref() == Some("walk-in"))
        .count()
}

mitra_store::backend_tests!(storm_over_two_servers);
