//! What the personal pages (a company's, a delegation's, an
//! interpreter's) read of their event, kept in memory between requests.
//!
//! The whole conference opens its agendas at once on the day; reading
//! every organization, request and meeting for each of them would cost
//! milliseconds apiece. Instead each server keeps one [`EventView`] per
//! event and asks the database one cheap question per request — the
//! event's generation, which triggers count up on every write by any
//! process (`Store::event_generation`) — and reloads only when it moved.
//! A page is therefore never older than the request that shows it. The
//! first request after a change loads the view; the others wait for that
//! load instead of repeating it.

use axum::body::Bytes;
use mitra_core::event::EventPlan;
use mitra_core::ids::{EventId, OrgId};
use mitra_core::meeting::{Outcome, RequestStatus};
use mitra_core::mission::Mission;
use mitra_core::organization::{Delegation, Organization};
use mitra_store::{Recommendation, RequestClock, Store, StoredMeeting, StoredRequest};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// One event as its personal pages read it, at one generation.
pub struct EventView {
    pub generation: i64,
    pub plan: EventPlan,
    pub delegations: Vec<Delegation>,
    pub organizations: Vec<Organization>,
    /// Organization names by id.
    pub names: HashMap<String, String>,
    /// Interpreter names by id.
    pub interpreters: HashMap<String, String>,
    pub requests: Vec<StoredRequest>,
    pub clocks: HashMap<i64, RequestClock>,
    pub meetings: Vec<StoredMeeting>,
    pub outcomes: Vec<(i64, Outcome)>,
    pub missions: Vec<Mission>,
    /// The event's signing secret (badges, calendar links).
    pub secret: String,
    /// When the first pending request lapses: from then on a page expires
    /// it (a write, so the next view is loaded) before showing anything.
    pub next_expiry: Option<i64>,
    /// Every organization's recommendations, read (all at once) when a
    /// page first asks.
    recommendations: tokio::sync::OnceCell<HashMap<OrgId, Arc<Vec<Recommendation>>>>,
    /// Pages rendered from this view, by [`crate::view::page_key`]: a
    /// page is a function of the view and its key, so it is rendered once
    /// per viewer until the event changes.
    pages: Mutex<HashMap<String, Arc<tokio::sync::OnceCell<Bytes>>>>,
}

/// The most pages kept per view; past it they are rendered afresh.
const MOST_PAGES: usize = 4096;

impl EventView {
    async fn load(
        store: &Store,
        event: &EventId,
        generation: i64,
    ) -> Result<EventView, mitra_store::StoreError> {
        // Independent reads, at once: the pool has connections to spare
        // and the first page after a change waits for all of them.
        let (plan, organizations, interpreters, requests, clocks) = tokio::try_join!(
            store.event_plan(event),
            store.organizations(event),
            store.interpreters(event),
            store.requests(event),
            store.request_clocks(event),
        )?;
        let (delegations, meetings, outcomes, missions, secret) = tokio::try_join!(
            store.delegations(event),
            store.meetings(event),
            store.outcomes(event),
            store.missions(event),
            super::passes::event_secret(store, event),
        )?;
        let names = organizations
            .iter()
            .map(|o| (o.id.to_string(), o.name.clone()))
            .collect();
        let interpreters = interpreters
            .into_iter()
            .map(|i| (i.id.to_string(), i.name))
            .collect();
        let next_expiry = requests
            .iter()
            .filter(|r| r.request.status == RequestStatus::Pending)
            .filter_map(|r| clocks.get(&r.id).map(|c| c.expires_at))
            .min();
        Ok(EventView {
            generation,
            plan,
            delegations,
            organizations,
            names,
            interpreters,
            requests,
            clocks,
            meetings,
            outcomes,
            missions,
            secret,
            next_expiry,
            recommendations: tokio::sync::OnceCell::new(),
            pages: Mutex::new(HashMap::new()),
        })
    }

    /// An organization's recommended partners.
    pub async fn recommendations(
        &self,
        store: &Store,
        event: &EventId,
        org: &OrgId,
    ) -> Result<Arc<Vec<Recommendation>>, mitra_store::StoreError> {
        let all = self
            .recommendations
            .get_or_try_init(|| async {
                Ok::<_, mitra_store::StoreError>(
                    store
                        .all_recommendations(event)
                        .await?
                        .into_iter()
                        .map(|(org, list)| (org, Arc::new(list)))
                        .collect(),
                )
            })
            .await?;
        Ok(all.get(org).cloned().unwrap_or_default())
    }

    /// The page kept under `key` ([`crate::view::page_key`]), else
    /// `render`'s, kept for next time. Requests for one key at once share
    /// one rendering.
    pub async fn page<E>(
        &self,
        key: String,
        render: impl Future<Output = Result<String, E>>,
    ) -> Result<Bytes, E> {
        let cell = {
            let mut pages = self.lock_pages();
            if pages.len() >= MOST_PAGES && !pages.contains_key(&key) {
                pages.clear();
            }
            pages.entry(key).or_default().clone()
        };
        cell.get_or_try_init(|| async { render.await.map(Bytes::from) })
            .await
            .cloned()
    }

    fn lock_pages(
        &self,
    ) -> std::sync::MutexGuard<'_, HashMap<String, Arc<tokio::sync::OnceCell<Bytes>>>> {
        self.pages.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The most events kept at once; beyond it the least recently used goes.
pub(crate) const MOST_EVENTS: usize = 32;

type Slot = Arc<tokio::sync::Mutex<Option<Arc<EventView>>>>;

/// The views of this server, one per event.
#[derive(Clone, Default)]
pub struct EventViews {
    slots: Arc<Mutex<HashMap<EventId, (Slot, u64)>>>,
    uses: Arc<std::sync::atomic::AtomicU64>,
}

impl EventViews {
    /// The event's view as of now: the kept one when nothing changed since,
    /// else a fresh load. Lapsed requests are expired first.
    pub async fn get(
        &self,
        store: &Store,
        event: &EventId,
        now: i64,
    ) -> Result<Arc<EventView>, mitra_store::StoreError> {
        self.get_known(store, event, None, now).await
    }

    /// [`get`](Self::get) for a viewer whose session already told the
    /// event's generation ([`mitra_store::Account::event_generation`]),
    /// which saves asking for it.
    pub async fn get_known(
        &self,
        store: &Store,
        event: &EventId,
        generation: Option<i64>,
        now: i64,
    ) -> Result<Arc<EventView>, mitra_store::StoreError> {
        let view = self.current(store, event, generation).await?;
        if view.next_expiry.is_some_and(|at| at <= now)
            && store.expire_requests(event, now).await? > 0
        {
            return self.current(store, event, None).await;
        }
        Ok(view)
    }

    async fn current(
        &self,
        store: &Store,
        event: &EventId,
        generation: Option<i64>,
    ) -> Result<Arc<EventView>, mitra_store::StoreError> {
        let generation = match generation {
            Some(known) => known,
            None => store.event_generation(event).await?,
        };
        let slot = self.slot(event);
        let mut kept = slot.lock().await;
        if let Some(view) = kept.as_ref()
            && view.generation >= generation
        {
            return Ok(view.clone());
        }
        let view = Arc::new(EventView::load(store, event, generation).await?);
        *kept = Some(view.clone());
        Ok(view)
    }

    fn slot(&self, event: &EventId) -> Slot {
        let tick = self.uses.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((slot, used)) = slots.get_mut(event) {
            *used = tick;
            return slot.clone();
        }
        if slots.len() >= MOST_EVENTS
            && let Some(oldest) = slots
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(e, _)| e.clone())
        {
            slots.remove(&oldest);
        }
        let slot = Slot::default();
        slots.insert(event.clone(), (slot.clone(), tick));
        slot
    }
}
