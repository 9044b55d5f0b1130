//! The sessions this server has seen, kept in memory, and the one cheap
//! question that keeps them honest.
//!
//! When the whole conference opens its agendas at once, asking the
//! database for every request's session (and the event's generation) is
//! most of the work. A session found once is kept here with the event
//! generation it was read at. Triggers count a session's end (sign-out on
//! any server, or its person removed) in that generation (migration 0006),
//! as they count every change the pages show; so a kept session is good
//! exactly while its event's generation stands and its expiry has not
//! passed.
//!
//! The generation itself is asked for once for many requests: a request
//! joins the next read that *starts after it arrived* ([`Coalesced`]), so
//! what it sees is never older than the request, however many requests
//! share that read.

use mitra_core::ids::EventId;
use mitra_store::{Account, Store, StoreError};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;

/// The most sessions kept; past it the memory starts afresh (the next
/// request of each reads its session again).
const MOST_SESSIONS: usize = 100_000;

/// The sessions of this server, by token hash.
#[derive(Clone, Default)]
pub struct Sessions {
    kept: Arc<Mutex<HashMap<String, Account>>>,
    generations: Coalesced,
}

impl Sessions {
    /// The account of a session token's hash, or `None` for no live
    /// session; never staler than the call.
    pub async fn account(
        &self,
        store: &Store,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<Account>, StoreError> {
        let kept = self.lock().get(token_hash).cloned();
        if let Some(mut account) = kept.filter(|a| a.session_expires_at > now) {
            let generation = self.generations.read(store, &account.event).await?;
            if generation == account.event_generation {
                return Ok(Some(account));
            }
            // Something changed: read the session again (it may have ended,
            // or its person changed). The newer generation comes with it.
            account.event_generation = generation;
        }
        let found = store.session_account(token_hash, now).await?;
        let mut kept = self.lock();
        match &found {
            Some(account) => {
                if kept.len() >= MOST_SESSIONS && !kept.contains_key(token_hash) {
                    kept.clear();
                }
                kept.insert(token_hash.to_string(), account.clone());
            }
            None => {
                kept.remove(token_hash);
            }
        }
        Ok(found)
    }

    /// Forgets a session this server ended (the database's count tells the
    /// others).
    pub fn forget(&self, token_hash: &str) {
        self.lock().remove(token_hash);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Account>> {
        self.kept.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A waiting request; a failed read tells it only that it failed.
type Waiter = oneshot::Sender<Option<i64>>;

/// Per event: the requests waiting for the next read, and whether a
/// reader is running.
type Waiting = HashMap<EventId, (Vec<Waiter>, bool)>;

/// Reads of events' generations, shared by the requests that wait at once.
#[derive(Clone, Default)]
pub struct Coalesced {
    waiting: Arc<Mutex<Waiting>>,
}

impl Coalesced {
    /// The event's generation, from a read that started after this call.
    pub async fn read(&self, store: &Store, event: &EventId) -> Result<i64, StoreError> {
        let (sender, receiver) = oneshot::channel();
        let start_reader = {
            let mut waiting = self.lock();
            let (waiters, running) = waiting.entry(event.clone()).or_default();
            waiters.push(sender);
            !std::mem::replace(running, true)
        };
        if start_reader {
            // Its own task: a reader must finish for everyone waiting even
            // if the request that started it goes away.
            tokio::spawn(self.clone().reader(store.clone(), event.clone()));
        }
        match receiver.await {
            Ok(Some(generation)) => Ok(generation),
            // The shared read failed: read alone, for the error itself.
            _ => store.event_generation(event).await,
        }
    }

    /// Reads for everyone waiting, again and again, until no one is.
    async fn reader(self, store: Store, event: EventId) {
        loop {
            let waiters = {
                let mut waiting = self.lock();
                let taken = waiting
                    .get_mut(&event)
                    .map(|(w, _)| std::mem::take(w))
                    .unwrap_or_default();
                if taken.is_empty() {
                    waiting.remove(&event);
                    return;
                }
                taken
            };
            // Every waiter taken arrived before this read starts.
            let read = store.event_generation(&event).await.ok();
            for waiter in waiters {
                let _ = waiter.send(read);
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Waiting> {
        self.waiting.lock().unwrap_or_else(|e| e.into_inner())
    }
}
