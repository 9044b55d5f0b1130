//! The main journey in a real browser: Debian's Chromium driven through
//! chromedriver by fantoccini, against the real server on port 0 over a
//! fresh copy of the demo conference.
//!
//! A guest signs in by invitation, switches to Indonesian, edits a need,
//! sees a recommendation and requests a meeting; the host accepts in
//! Chinese; the organizer schedules and publishes; both see the meeting in
//! their agendas; the guest records an outcome. It runs on both backends,
//! the server over a PostgreSQL copy of the demo as over a SQLite one.
//! Screenshots of the key pages go to `target/screenshots/journey/` (and
//! `journey-postgres/`).
//!
//! The test fails (it does not skip) when Chromium or chromedriver is
//! missing: `apt-get install chromium chromium-driver` (CI's `.ci/run`
//! does it).

mod common;

use common::*;
use fantoccini::{Client as Browser, ClientBuilder, Locator};
use mitra_core::organization::Side;
use mitra_core::people::Role;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// chromedriver on a free port, stopped when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn start_driver() -> Driver {
    for path in [CHROMIUM, CHROMEDRIVER] {
        assert!(
            std::path::Path::new(path).exists(),
            "{path} is missing: install Debian's chromium and chromium-driver \
             (apt-get install chromium chromium-driver); the browser test does not skip"
        );
    }
    let port = free_port();
    let mut child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return Driver { child, port };
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("chromedriver did not listen on port {port}");
}

/// A fresh headless Chromium with its own profile folder.
async fn browser(driver: &Driver, profile: &std::path::Path, lang: &str) -> Browser {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=412,915",
                format!("--user-data-dir={}", profile.display()),
                format!("--lang={lang}"),
            ],
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a Chromium session")
}

struct Shots {
    dir: PathBuf,
    n: usize,
}

impl Shots {
    async fn take(&mut self, b: &Browser, name: &str) {
        self.n += 1;
        let png = b.screenshot().await.expect("a screenshot");
        std::fs::write(self.dir.join(format!("{:02}-{name}.png", self.n)), png).unwrap();
    }
}

async fn html_lang(b: &Browser) -> String {
    b.find(Locator::Css("html"))
        .await
        .unwrap()
        .attr("lang")
        .await
        .unwrap()
        .unwrap_or_default()
}

async fn wait_for(b: &Browser, css: &str) -> fantoccini::elements::Element {
    b.wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("waiting for {css}: {e}"))
}

async fn the_main_journey_in_a_real_browser(backend: Backend) {
    let driver = start_driver().await;
    let (dir, store) = demo_store_on(backend).await;
    let event = event();

    // The guest, and the best-matched host it has no request with yet whose
    // meeting can be placed whatever the demo's day left (see
    // `host_with_room`).
    let guest = mitra_core::ids::OrgId::parse(GUEST_ORG).unwrap();
    let people = store.people(&event).await.unwrap();
    let orgs = store.organizations(&event).await.unwrap();
    let requests = store.requests(&event).await.unwrap();
    let recommendations = store.recommendations(&event, &guest).await.unwrap();
    let unasked: Vec<_> = recommendations
        .iter()
        .map(|r| r.other.clone())
        .filter(|o| {
            orgs.iter().any(|x| &x.id == o && x.side == Side::Host)
                && people.iter().any(|p| p.role == Role::CompanyRep(o.clone()))
                && !requests.iter().any(|r| {
                    (r.request.from == guest && &r.request.to == o)
                        || (&r.request.from == o && r.request.to == guest)
                })
        })
        .collect();
    let host = host_with_room(&store, unasked).await;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let app = mitra_web::router(store.clone());
    tokio::spawn(async move { axum::serve(listener, app).await });

    let shots_dir = std::env::current_exe()
        .unwrap()
        .ancestors()
        .nth(3)
        .unwrap()
        .join(match backend {
            Backend::Sqlite => "screenshots/journey",
            Backend::Postgres => "screenshots/journey-postgres",
        });
    std::fs::create_dir_all(&shots_dir).unwrap();
    let mut shots = Shots {
        dir: shots_dir.clone(),
        n: 0,
    };

    // 1. The guest signs in by invitation and switches to Indonesian.
    let g = browser(&driver, &dir.path().join("guest"), "en").await;
    g.goto(&format!(
        "{base}{}",
        invite(&store, &format!("rep-{GUEST_ORG}")).await
    ))
    .await
    .unwrap();
    shots.take(&g, "guest-invitation").await;
    g.find(Locator::Id("invite-accept"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(&g, "#company-name").await;
    assert_eq!(html_lang(&g).await, "en");
    g.find(Locator::Id("lang-id"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(&g, "html[lang=id]").await;

    // 2. Edits a need, with an HS suggestion as it types.
    g.find(Locator::Id("edit-profile"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let needs = wait_for(&g, "#needs").await;
    needs.click().await.unwrap();
    g.execute(
        "const n = document.getElementById('needs'); n.value = n.value + (n.value ? '\\n' : '') + 'Mesin sangrai kopi'; n.setSelectionRange(n.value.length, n.value.length); return null;",
        vec![],
    )
    .await
    .unwrap();
    g.find(Locator::Id("hs-search"))
        .await
        .unwrap()
        .send_keys("841981")
        .await
        .unwrap();
    let pick = wait_for(&g, ".hs-pick[data-code='841981']").await;
    shots.take(&g, "guest-profile-hs-suggestion").await;
    pick.click().await.unwrap();
    let value = g
        .find(Locator::Id("needs"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(value.ends_with("Mesin sangrai kopi | 841981"), "{value}");
    g.find(Locator::Id("profile-save"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(&g, "#saved").await;
    let saved = store.organizations(&event).await.unwrap();
    let me = saved.iter().find(|o| o.id == guest).unwrap();
    assert!(
        me.needs
            .iter()
            .any(|n| n.text == "Mesin sangrai kopi" && n.hs.iter().any(|c| c.as_str() == "841981"))
    );

    // 3. Sees a recommendation with its reasons and requests a meeting.
    g.goto(&format!("{base}/company")).await.unwrap();
    let rec = wait_for(&g, &format!("#rec-{host}")).await;
    assert!(
        rec.find(Locator::Css(".reasons li")).await.is_ok(),
        "the recommendation gives reasons"
    );
    rec.find(Locator::Css("textarea"))
        .await
        .unwrap()
        .send_keys("Kami ingin bertemu untuk membahas kopi robusta.")
        .await
        .unwrap();
    shots.take(&g, "guest-recommendations-id").await;
    rec.find(Locator::Css("button.request-button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // The page comes back with the request open.
    wait_for(&g, &format!("#rec-{host} p.none")).await;
    let request = store
        .requests(&event)
        .await
        .unwrap()
        .into_iter()
        .rev()
        .find(|r| r.request.from == guest && r.request.to == host)
        .expect("the request is stored");
    assert_eq!(request.request.status.as_str(), "pending");
    assert_eq!(
        html_lang(&g).await,
        "id",
        "the language choice is remembered"
    );

    // 4. The host accepts in Chinese.
    let h = browser(&driver, &dir.path().join("host"), "zh-CN").await;
    h.goto(&format!(
        "{base}{}",
        invite(&store, &format!("rep-{host}")).await
    ))
    .await
    .unwrap();
    h.find(Locator::Id("invite-accept"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(&h, "#company-name").await;
    h.find(Locator::Id("lang-zh"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(&h, "html[lang=zh-CN]").await;
    let pending = wait_for(&h, &format!("#request-{}", request.id)).await;
    pending
        .find(Locator::Css("textarea"))
        .await
        .unwrap()
        .send_keys("欢迎，期待见面。")
        .await
        .unwrap();
    shots.take(&h, "host-request-zh").await;
    pending
        .find(Locator::Css("button.accept"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let accepted = wait_for(&h, &format!("#request-{}.status-accepted", request.id)).await;
    assert!(accepted.text().await.unwrap().contains("已接受"));

    // 5. The organizer schedules, reviews the draft and publishes.
    let o = browser(&driver, &dir.path().join("organizer"), "en").await;
    o.goto(&format!("{base}{}", invite(&store, ORGANIZER).await))
        .await
        .unwrap();
    o.find(Locator::Id("invite-accept"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(&o, "#run-schedule").await.click().await.unwrap();
    let changes = wait_for(&o, "#review-changes").await;
    let text = changes.text().await.unwrap();
    assert!(text.contains("adds"), "{text}");
    shots.take(&o, "organizer-review").await;
    o.find(Locator::Id("publish"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(&o, "#done").await;
    shots.take(&o, "organizer-published").await;
    let meeting = store
        .meetings(&event)
        .await
        .unwrap()
        .into_iter()
        .find(|m| {
            m.meeting.status.as_str() == "published"
                && ((m.meeting.a == guest && m.meeting.b == host)
                    || (m.meeting.a == host && m.meeting.b == guest))
        })
        .expect("the accepted request is a published meeting");

    // 6. Both see it in their agendas, in both time zones.
    g.goto(&format!("{base}/company")).await.unwrap();
    let row = wait_for(&g, &format!("#meeting-{}", meeting.id)).await;
    assert!(row.find(Locator::Css("time[datetime]")).await.is_ok());
    shots.take(&g, "guest-agenda").await;
    h.goto(&format!("{base}/company")).await.unwrap();
    wait_for(&h, &format!("#meeting-{}", meeting.id)).await;
    shots.take(&h, "host-agenda").await;

    // 7. The guest records the outcome.
    g.goto(&format!("{base}/company/meetings/{}/outcome", meeting.id))
        .await
        .unwrap();
    wait_for(&g, "#outcome-form").await;
    g.find(Locator::Css("#interest option[value=high]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    g.find(Locator::Css("#next_step option[value=samples]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    g.find(Locator::Id("products"))
        .await
        .unwrap()
        .send_keys("kopi robusta")
        .await
        .unwrap();
    g.find(Locator::Id("amount"))
        .await
        .unwrap()
        .send_keys("25000")
        .await
        .unwrap();
    g.find(Locator::Id("currency"))
        .await
        .unwrap()
        .send_keys("USD")
        .await
        .unwrap();
    shots.take(&g, "guest-outcome").await;
    g.find(Locator::Id("outcome-save"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(&g, "#company-name").await;
    let outcome = store
        .outcomes(&event)
        .await
        .unwrap()
        .into_iter()
        .find(|(m, o)| *m == meeting.id && o.recorded_by == guest)
        .expect("the outcome is stored");
    assert_eq!(outcome.1.next_step.as_str(), "samples");
    assert_eq!(outcome.1.estimated_value.unwrap().amount, 25000);

    for b in [g, h, o] {
        b.close().await.unwrap();
    }
    eprintln!("screenshots in {}", shots_dir.display());
}

/// The journey on each backend (`mitra_store::backend_tests!` makes
/// single-threaded tests; this one wants two worker threads).
mod the_main_journey_in_a_real_browser {
    use super::Backend;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::the_main_journey_in_a_real_browser(Backend::Sqlite).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::the_main_journey_in_a_real_browser(Backend::Postgres).await
    }
}
