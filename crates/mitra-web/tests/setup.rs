//! The organizer's event setup and registrations with approval, over a
//! fresh copy of the demo conference: edits that show, refusals that
//! keep every meeting, who may do what, and a company's way from the
//! public form to its first sign-in.

mod common;

use axum::http::StatusCode;
use common::*;
use mitra_core::meeting::MeetingStatus;
use mitra_store::Store;

/// Signs a demo person in.
async fn signed_in(store: &Store, app: &axum::Router, person: &str) -> Client {
    let mut client = Client::new(app.clone());
    let answer = client.sign_in_by(&invite(store, person).await).await;
    assert_eq!(
        answer.status,
        StatusCode::SEE_OTHER,
        "{person}: {}",
        answer.body
    );
    client
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2f;", "/")
        .replace("&amp;", "&")
}

/// The attributes of a tag's text (`name="x" checked`).
fn attributes(tag: &str) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(start) = rest.find(|c: char| c.is_ascii_alphabetic()) {
        rest = &rest[start..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(rest.len());
        let name = rest[..end].to_string();
        rest = &rest[end..];
        if let Some(after) = rest.strip_prefix("=\"") {
            let close = after.find('"').unwrap();
            out.push((name, Some(unescape(&after[..close]))));
            rest = &after[close + 1..];
        } else {
            out.push((name, None));
        }
    }
    out
}

fn attribute(attrs: &[(String, Option<String>)], name: &str) -> Option<String> {
    attrs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.clone().unwrap_or_default())
}

/// What a browser would send for the form `id` of a page, as it stands.
fn form_fields(html: &str, id: &str) -> Vec<(String, String)> {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no form {id}"));
    let form = &html[start..start + html[start..].find("</form>").unwrap()];
    let mut fields = Vec::new();
    let mut rest = form;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let close = rest.find('>').unwrap();
        let tag = &rest[..close];
        let after = &rest[close + 1..];
        if let Some(inner) = tag.strip_prefix("input ") {
            let attrs = attributes(inner);
            let kind = attribute(&attrs, "type").unwrap_or_default();
            if let Some(name) = attribute(&attrs, "name")
                && (!matches!(kind.as_str(), "checkbox" | "radio")
                    || attribute(&attrs, "checked").is_some())
            {
                fields.push((name, attribute(&attrs, "value").unwrap_or_default()));
            }
        } else if let Some(inner) = tag.strip_prefix("textarea ") {
            let name = attribute(&attributes(inner), "name").unwrap();
            let text = &after[..after.find("</textarea>").unwrap()];
            fields.push((name, unescape(text)));
        } else if let Some(inner) = tag.strip_prefix("select ") {
            let name = attribute(&attributes(inner), "name").unwrap();
            let options = &after[..after.find("</select>").unwrap()];
            let mut value = None;
            for option in options.split("<option ").skip(1) {
                let attrs = attributes(&option[..option.find('>').unwrap()]);
                let v = attribute(&attrs, "value").unwrap_or_default();
                if value.is_none() || attribute(&attrs, "selected").is_some() {
                    value = Some(v);
                }
            }
            fields.push((name, value.unwrap_or_default()));
        }
        rest = after;
    }
    fields
}

fn set(fields: &mut Vec<(String, String)>, name: &str, value: &str) {
    fields.retain(|(n, _)| n != name);
    fields.push((name.to_string(), value.to_string()));
}

fn get(fields: &[(String, String)], name: &str) -> String {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| panic!("no field {name}"))
}

/// The key of the form's empty row for a prefix (`s` or `i`).
fn blank_row(fields: &[(String, String)], prefix: &str) -> String {
    fields
        .iter()
        .find(|(n, _)| n.starts_with(prefix) && n.ends_with("_new"))
        .map(|(n, _)| n.trim_end_matches("_new").to_string())
        .expect("an empty row")
}

async fn post_form(client: &mut Client, path: &str, fields: &[(String, String)]) -> Answer {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    client.post(path, &pairs).await
}

async fn the_organizer_edits_the_setup_and_sees_it(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store.clone());
    let mut organizer = signed_in(&store, &app, ORGANIZER).await;
    let event = event();
    let meetings_before = store.meetings(&event).await.unwrap();
    let tables_before = store.tables(&event).await.unwrap();
    for lang in ["en", "id", "zh"] {
        let page = organizer
            .get(&format!("/organizer/setup?lang={lang}"))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{lang}: {}", page.body);
    }
    let page = organizer.get("/organizer/setup?lang=en").await;
    assert!(page.body.contains("id=\"s0_start\"") && page.body.contains("am-0900"));
    let mut fields = form_fields(&page.body, "setup-form");
    set(&mut fields, "name", "Friendly Cities Matchmaking 2025");
    set(&mut fields, "venue", "Shandong Hall C");
    set(&mut fields, "time_zone", "Asia/Jakarta");
    // An evening session after a break, two more pool tables and an
    // interpreter who cannot do the first evening slot.
    let s = blank_row(&fields, "s");
    set(&mut fields, &format!("{s}_code"), "eve");
    set(&mut fields, &format!("{s}_name"), "Evening");
    set(&mut fields, &format!("{s}_date"), "2025-05-27");
    set(&mut fields, &format!("{s}_start"), "18:00");
    set(&mut fields, &format!("{s}_slots"), "3");
    set(&mut fields, "pool_add", "2");
    let i = blank_row(&fields, "i");
    set(&mut fields, &format!("{i}_name"), "Wang Li");
    set(&mut fields, &format!("{i}_email"), "wang.li@example.org");
    set(&mut fields, &format!("{i}_languages"), "zh, EN");
    set(&mut fields, &format!("{i}_unavailable"), "eve-1800");
    let answer = post_form(&mut organizer, "/organizer/setup", &fields).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(answer.location.as_deref(), Some("/organizer/setup?saved=1"));

    let page = organizer.get("/organizer/setup?saved=1").await;
    let body = unescape(&page.body);
    assert!(body.contains("id=\"saved\""));
    for shown in [
        "Friendly Cities Matchmaking 2025",
        "Shandong Hall C",
        "Asia/Jakarta",
        "value=\"eve\"",
        "eve-1840",
        "Wang Li",
        "int-wang-li",
    ] {
        assert!(body.contains(shown), "{shown} not on the page");
    }
    let plan = store.event_plan(&event).await.unwrap();
    assert_eq!(plan.event.name, "Friendly Cities Matchmaking 2025");
    assert_eq!(plan.event.time_zone.name(), "Asia/Jakarta");
    assert_eq!(plan.sessions.len(), 3);
    assert_eq!(plan.slots.len(), 21);
    let tables = store.tables(&event).await.unwrap();
    assert_eq!(tables.len(), tables_before.len() + 2);
    assert_eq!(
        tables.iter().filter(|t| t.fixed_to.is_some()).count(),
        tables_before
            .iter()
            .filter(|t| t.fixed_to.is_some())
            .count(),
        "the fixed tables stay"
    );
    let wang = store
        .interpreters(&event)
        .await
        .unwrap()
        .into_iter()
        .find(|i| i.id.as_str() == "int-wang-li")
        .expect("the new interpreter");
    assert_eq!(wang.unavailable.len(), 1);
    assert_eq!(
        wang.languages
            .iter()
            .map(|l| l.as_str())
            .collect::<Vec<_>>(),
        ["zh", "en"]
    );
    assert_eq!(
        store.meetings(&event).await.unwrap(),
        meetings_before,
        "every meeting is where it was"
    );
    // The public page follows.
    let mut stranger = Client::new(app.clone());
    let public = stranger.get(&format!("/events/{EVENT}?lang=en")).await;
    let public = unescape(&public.body);
    assert!(public.contains("Shandong Hall C") && public.contains("Evening"));
}

async fn a_change_that_would_lose_meetings_is_refused_and_nothing_changes(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store.clone());
    let mut organizer = signed_in(&store, &app, ORGANIZER).await;
    let event = event();
    let plan = store.event_plan(&event).await.unwrap();
    let tables = store.tables(&event).await.unwrap();
    let interpreters = store.interpreters(&event).await.unwrap();
    let meetings = store.meetings(&event).await.unwrap();
    // The last morning slot with a meeting that is not cancelled.
    let used = meetings
        .iter()
        .filter(|m| m.meeting.status != MeetingStatus::Cancelled)
        .filter(|m| m.meeting.slot.as_str().starts_with("am-"))
        .max_by_key(|m| m.meeting.slot.as_str().to_string())
        .expect("a morning meeting");
    let index = plan
        .slots
        .iter()
        .find(|s| s.id == used.meeting.slot)
        .unwrap()
        .index;
    let page = organizer.get("/organizer/setup?lang=en").await;
    let mut fields = form_fields(&page.body, "setup-form");
    let row = fields
        .iter()
        .find(|(n, v)| n.ends_with("_code") && v == "am")
        .map(|(n, _)| n.trim_end_matches("_code").to_string())
        .unwrap();
    // Fewer morning slots drop the used one; the new name must not stick.
    set(&mut fields, &format!("{row}_slots"), &index.to_string());
    set(&mut fields, "name", "Renamed");
    let answer = post_form(&mut organizer, "/organizer/setup", &fields).await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body
    );
    assert!(answer.body.contains("id=\"not-saved\""));
    assert!(answer.body.contains(&format!("id=\"{row}-error\"")));
    assert!(answer.body.contains(&format!("Slot {}", used.meeting.slot)));
    assert!(
        meetings
            .iter()
            .filter(|m| m.meeting.slot == used.meeting.slot)
            .any(|m| answer.body.contains(&format!("#{} ", m.id))),
        "names the meetings"
    );

    // A table and an interpreter that meetings use, in Chinese.
    let used_table = meetings
        .iter()
        .find(|m| m.meeting.status != MeetingStatus::Cancelled)
        .expect("a meeting");
    let host = tables
        .iter()
        .find(|t| t.id == used_table.meeting.table)
        .and_then(|t| t.fixed_to.clone());
    let used_interpreter = meetings
        .iter()
        .find(|m| m.meeting.status != MeetingStatus::Cancelled && m.meeting.interpreter.is_some())
        .expect("a meeting with an interpreter");
    let code = used_interpreter.meeting.interpreter.as_ref().unwrap();
    let page = organizer.get("/organizer/setup?lang=zh").await;
    let mut fields = form_fields(&page.body, "setup-form");
    // A host's fixed table goes when its field is emptied; a pool table
    // when its code leaves the list.
    let table_field = match &host {
        Some(org) => {
            set(&mut fields, &format!("fixed_{org}"), "");
            format!("fixed_{org}")
        }
        None => {
            let pool: Vec<String> = get(&fields, "pool")
                .split(' ')
                .filter(|c| *c != used_table.meeting.table.as_str())
                .map(str::to_string)
                .collect();
            set(&mut fields, "pool", &pool.join(" "));
            "pool".to_string()
        }
    };
    let row = fields
        .iter()
        .find(|(n, v)| n.starts_with('i') && n.ends_with("_code") && v == code.as_str())
        .map(|(n, _)| n.trim_end_matches("_code").to_string())
        .unwrap();
    set(&mut fields, &format!("{row}_remove"), "1");
    let answer = post_form(&mut organizer, "/organizer/setup", &fields).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(answer.body.contains(&format!("id=\"{table_field}-error\"")));
    assert!(
        answer
            .body
            .contains(&format!("桌位 {}", used_table.meeting.table))
    );
    assert!(answer.body.contains(&format!("id=\"{row}-error\"")));
    assert!(answer.body.contains(&format!("翻译 {code}")));

    // Nor may an interpreter be unavailable when they interpret.
    let page = organizer.get("/organizer/setup?lang=en").await;
    let mut fields = form_fields(&page.body, "setup-form");
    set(
        &mut fields,
        &format!("{row}_unavailable"),
        used_interpreter.meeting.slot.as_str(),
    );
    let answer = post_form(&mut organizer, "/organizer/setup", &fields).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer
            .body
            .contains(&format!("id=\"{row}_unavailable-error\""))
    );
    assert!(answer.body.contains(&format!("#{} ", used_interpreter.id)));

    // Bad values: each gets its message, in Indonesian.
    let page = organizer.get("/organizer/setup?lang=id").await;
    let mut fields = form_fields(&page.body, "setup-form");
    set(&mut fields, "time_zone", "Mars/Olympus");
    set(&mut fields, "slot_minutes", "3");
    let s = blank_row(&fields, "s");
    set(&mut fields, &format!("{s}_code"), "late");
    set(&mut fields, &format!("{s}_date"), "27/05/2025");
    set(&mut fields, &format!("{s}_start"), "25:00");
    set(&mut fields, &format!("{s}_slots"), "0");
    let i = blank_row(&fields, "i");
    set(&mut fields, &format!("{i}_name"), "Someone");
    set(&mut fields, &format!("{i}_email"), "not an address");
    set(&mut fields, &format!("{i}_languages"), "ind");
    let answer = post_form(&mut organizer, "/organizer/setup", &fields).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    for (field, text) in [
        ("time_zone", "Mars/Olympus"),
        ("slot_minutes", "5 sampai 240"),
        (&format!("{s}_date"), "TTTT-BB-HH"),
        (&format!("{s}_start"), "JJ:MM"),
        (&format!("{s}_slots"), "jumlah slot"),
        (&format!("{i}_email"), "alamat surel"),
        (&format!("{i}_languages"), "ind"),
    ] {
        let at = answer
            .body
            .find(&format!("id=\"{field}-error\""))
            .unwrap_or_else(|| panic!("no message for {field}"));
        let message = unescape(&answer.body[at..at + answer.body[at..].find("</p>").unwrap()]);
        assert!(message.contains(text), "{field}: {message}");
    }
    // An overlap names the other session.
    let page = organizer.get("/organizer/setup?lang=en").await;
    let mut fields = form_fields(&page.body, "setup-form");
    let s = blank_row(&fields, "s");
    set(&mut fields, &format!("{s}_code"), "brunch");
    let date = get(&fields, "s0_date");
    set(&mut fields, &format!("{s}_date"), &date);
    set(&mut fields, &format!("{s}_start"), "10:00");
    set(&mut fields, &format!("{s}_slots"), "2");
    let answer = post_form(&mut organizer, "/organizer/setup", &fields).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer.body.contains("overlaps session am"),
        "{}",
        answer.body
    );

    // Nothing of it was written.
    assert_eq!(store.event_plan(&event).await.unwrap(), plan);
    assert_eq!(store.tables(&event).await.unwrap(), tables);
    assert_eq!(store.interpreters(&event).await.unwrap(), interpreters);
    assert_eq!(store.meetings(&event).await.unwrap(), meetings);
}

async fn setup_and_registration_pages_are_the_organizers_alone(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store.clone());
    let mut stranger = Client::new(app.clone());
    let mut others = Vec::new();
    for person in [format!("rep-{GUEST_ORG}"), LEAD.to_string()] {
        others.push(signed_in(&store, &app, &person).await);
    }
    let mut organizer = signed_in(&store, &app, ORGANIZER).await;
    let gets = ["/organizer/setup", "/organizer/registrations"];
    let posts = [
        "/organizer/setup",
        "/organizer/registrations/1/approve",
        "/organizer/registrations/1/reject",
    ];
    for path in gets {
        let answer = stranger.get(path).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "stranger GET {path}");
        assert_eq!(answer.location.as_deref(), Some("/signin"));
        for client in &mut others {
            assert_eq!(
                client.get(path).await.status,
                StatusCode::FORBIDDEN,
                "GET {path}"
            );
        }
        assert_eq!(
            organizer.get(path).await.status,
            StatusCode::OK,
            "GET {path}"
        );
    }
    for path in posts {
        let answer = stranger.post(path, &[("csrf", "x")]).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "stranger POST {path}");
        assert_eq!(answer.location.as_deref(), Some("/signin"));
        for client in &mut others {
            let csrf = client.csrf().await;
            let answer = client.post(path, &[("csrf", &csrf)]).await;
            assert_eq!(answer.status, StatusCode::FORBIDDEN, "POST {path}");
        }
        // The organizer without the form's token.
        let answer = organizer.post(path, &[("csrf", "x")]).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "POST {path}");
    }
    // Unknown registrations and events are 404, not 500.
    let csrf = organizer.csrf().await;
    for path in [
        "/organizer/registrations/999/approve",
        "/organizer/registrations/nope/reject",
    ] {
        assert_eq!(
            organizer.post(path, &[("csrf", &csrf)]).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    assert_eq!(
        stranger.get("/events/no-such-event/register").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        organizer
            .get("/organizer/registrations?done=%7Bnope%7D")
            .await
            .status,
        StatusCode::OK
    );
}

/// A good registration of a Lampung coffee company, as a browser sends it.
async fn register(client: &mut Client, company: &str, email: &str) -> Answer {
    let page = client.get(&format!("/events/{EVENT}/register")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let mut fields = form_fields(&page.body, "register-form");
    for (name, value) in [
        ("company", company),
        ("side", "guest"),
        ("country", "id"),
        ("delegation", "lampung"),
        ("languages", "id, en"),
        ("sector", "agriculture"),
        ("description", "Robusta from West Lampung"),
        ("offers", "Robusta coffee beans | 0901\nGround pepper"),
        ("needs", "Drip irrigation for coffee estates"),
        ("rep_name", "Sari Wulandari"),
        ("rep_email", email),
        ("rep_languages", "id, en"),
    ] {
        set(&mut fields, name, value);
    }
    post_form(client, &format!("/events/{EVENT}/register"), &fields).await
}

async fn a_registration_with_bad_fields_gets_messages_and_stores_nothing(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store.clone());
    let event = event();
    let mut stranger = Client::new(app.clone());
    for lang in ["en", "id", "zh"] {
        let page = stranger
            .get(&format!("/events/{EVENT}/register?lang={lang}"))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{lang}");
    }
    let page = stranger
        .get(&format!("/events/{EVENT}/register?lang=en"))
        .await;
    let mut fields = form_fields(&page.body, "register-form");
    for (name, value) in [
        ("company", "  "),
        ("side", "buyer"),
        ("country", "XX"),
        ("languages", "ind"),
        ("sector", "mining"),
        ("offers", "Coffee | 99999"),
        ("rep_name", "Sari"),
        ("rep_email", "sari at example"),
        ("rep_languages", ""),
    ] {
        set(&mut fields, name, value);
    }
    let answer = post_form(&mut stranger, &format!("/events/{EVENT}/register"), &fields).await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body
    );
    assert!(answer.body.contains("id=\"not-sent\""));
    for field in [
        "company",
        "side",
        "country",
        "languages",
        "sector",
        "offers",
        "rep_email",
        "rep_languages",
    ] {
        assert!(
            answer.body.contains(&format!("id=\"{field}-error\"")),
            "no message for {field}"
        );
    }
    assert!(
        answer.body.contains("XX") && answer.body.contains("Sari"),
        "what was typed stays"
    );

    // A guest must name a delegation; a company or address the event
    // already has is refused (here in Indonesian).
    let orgs = store.organizations(&event).await.unwrap();
    let people = store.people(&event).await.unwrap();
    let page = stranger
        .get(&format!("/events/{EVENT}/register?lang=id"))
        .await;
    let mut fields = form_fields(&page.body, "register-form");
    for (name, value) in [
        ("company", orgs[0].name.to_uppercase().as_str()),
        ("side", "guest"),
        ("country", "ID"),
        ("languages", "id"),
        ("rep_name", "Sari"),
        ("rep_email", people[0].email.as_str()),
        ("rep_languages", "id"),
    ] {
        set(&mut fields, name, value);
    }
    let answer = post_form(&mut stranger, &format!("/events/{EVENT}/register"), &fields).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    for (field, text) in [
        ("company", "sudah terdaftar"),
        ("rep_email", "sudah terdaftar"),
        ("delegation", "delegasi"),
    ] {
        let at = answer
            .body
            .find(&format!("id=\"{field}-error\""))
            .unwrap_or_else(|| panic!("no message for {field}"));
        let message = unescape(&answer.body[at..at + answer.body[at..].find("</p>").unwrap()]);
        assert!(message.contains(text), "{field}: {message}");
    }
    // Without the form's token: refused.
    let answer = stranger
        .post(&format!("/events/{EVENT}/register"), &[("company", "X")])
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);

    assert!(
        store
            .registrations(&event, "pending")
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.organizations(&event).await.unwrap(), orgs);
    assert_eq!(store.people(&event).await.unwrap(), people);
}

async fn an_approved_registration_becomes_a_company_with_one_invitation(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    // Links in mail point where the server says people reach it.
    let config = mitra_web::WebConfig {
        public_url: "https://mitra.example/".into(),
        ..Default::default()
    };
    let app = mitra_web::router_with(store.clone(), config);
    let event = event();
    let orgs_before = store.organizations(&event).await.unwrap().len();
    let mails_before = store.mail_of_event(&event).await.unwrap().len();
    let mut company = Client::new(app.clone());
    let answer = register(&mut company, "PT Kopi Way Kanan", "sari@kopi.example").await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let thanks = company.get(answer.location.as_deref().unwrap()).await;
    assert!(thanks.body.contains("id=\"registered\""));

    // Pending: no organization, not on the event's pages.
    let pending = store.registrations(&event, "pending").await.unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(
        store.organizations(&event).await.unwrap().len(),
        orgs_before
    );
    let public = company.get(&format!("/events/{EVENT}")).await;
    assert!(!public.body.contains("PT Kopi Way Kanan"));
    // The same company again is refused while it waits.
    let again = register(
        &mut Client::new(app.clone()),
        "pt kopi way kanan",
        "x@kopi.example",
    )
    .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);

    let mut organizer = signed_in(&store, &app, ORGANIZER).await;
    let queue = organizer.get("/organizer/registrations?lang=zh").await;
    assert_eq!(queue.status, StatusCode::OK);
    assert!(queue.body.contains("PT Kopi Way Kanan") && queue.body.contains("sari@kopi.example"));
    let id = pending[0].0;
    let csrf = queue.csrf();
    let answer = organizer
        .post(
            &format!("/organizer/registrations/{id}/approve"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(
        answer.location.as_deref(),
        Some("/organizer/registrations?done=approved")
    );
    let queue = organizer
        .get("/organizer/registrations?done=approved")
        .await;
    assert!(queue.body.contains("id=\"done\"") && queue.body.contains("id=\"no-registrations\""));

    let orgs = store.organizations(&event).await.unwrap();
    assert_eq!(orgs.len(), orgs_before + 1);
    let made = orgs
        .iter()
        .find(|o| o.name == "PT Kopi Way Kanan")
        .expect("the organization");
    assert_eq!(made.id.as_str(), "pt-kopi-way-kanan");
    assert_eq!(made.delegation.as_ref().unwrap().as_str(), "lampung");
    assert_eq!(made.offers.len(), 2);
    assert_eq!(made.offers[0].hs[0].as_str(), "0901");
    let rep = store
        .people(&event)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.email == "sari@kopi.example")
        .expect("the representative");
    assert_eq!(rep.id.as_str(), "rep-pt-kopi-way-kanan");
    let mails = store.mail_of_event(&event).await.unwrap();
    assert_eq!(mails.len(), mails_before + 1, "exactly one mail");
    let (mail, _) = mails.last().unwrap();
    assert_eq!(mail.to_address, "sari@kopi.example");
    assert!(
        mail.subject.contains("disetujui"),
        "in Indonesian: {}",
        mail.subject
    );
    let link = mail
        .body
        .split_whitespace()
        .find(|w| w.contains("/invite/"))
        .expect("an invitation link");
    assert!(link.starts_with("https://mitra.example/invite/"), "{link}");

    // The link signs the representative in, once.
    let path = &link["https://mitra.example".len()..];
    let mut rep_client = Client::new(app.clone());
    let answer = rep_client.sign_in_by(path).await;
    assert_eq!(answer.location.as_deref(), Some("/me"));
    let home = rep_client.get("/company").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("PT Kopi Way Kanan"));
    assert_eq!(
        Client::new(app.clone()).sign_in_by(path).await.status,
        StatusCode::GONE
    );
    let public = company.get(&format!("/events/{EVENT}")).await;
    assert!(public.body.contains("PT Kopi Way Kanan"));

    // Deciding twice changes nothing.
    let answer = organizer
        .post(
            &format!("/organizer/registrations/{id}/reject"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(
        answer.location.as_deref(),
        Some("/organizer/registrations?done=decided")
    );
    assert_eq!(
        store.organizations(&event).await.unwrap().len(),
        orgs_before + 1
    );
    assert_eq!(
        store.mail_of_event(&event).await.unwrap().len(),
        mails_before + 1
    );
}

async fn a_rejected_registration_creates_nothing(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store.clone());
    let event = event();
    let orgs = store.organizations(&event).await.unwrap();
    let people = store.people(&event).await.unwrap();
    let mails = store.mail_of_event(&event).await.unwrap().len();
    let answer = register(
        &mut Client::new(app.clone()),
        "CV Lada Hitam",
        "budi@lada.example",
    )
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let id = store.registrations(&event, "pending").await.unwrap()[0].0;
    let mut organizer = signed_in(&store, &app, ORGANIZER).await;
    let csrf = organizer.csrf().await;
    let answer = organizer
        .post(
            &format!("/organizer/registrations/{id}/reject"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(
        answer.location.as_deref(),
        Some("/organizer/registrations?done=rejected")
    );
    assert_eq!(store.organizations(&event).await.unwrap(), orgs);
    assert_eq!(store.people(&event).await.unwrap(), people);
    assert_eq!(store.mail_of_event(&event).await.unwrap().len(), mails);
    assert_eq!(store.registration(&event, id).await.unwrap().0, "rejected");
    let (by, _) = store
        .registration_decision(&event, id)
        .await
        .unwrap()
        .expect("decided");
    assert_eq!(by.unwrap().as_str(), ORGANIZER);
    // Approving it afterwards does nothing either.
    let answer = organizer
        .post(
            &format!("/organizer/registrations/{id}/approve"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(
        answer.location.as_deref(),
        Some("/organizer/registrations?done=decided")
    );
    assert_eq!(store.organizations(&event).await.unwrap(), orgs);
    // Rejected, the company may register again.
    let answer = register(
        &mut Client::new(app.clone()),
        "CV Lada Hitam",
        "budi@lada.example",
    )
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
}

mitra_store::backend_tests!(
    the_organizer_edits_the_setup_and_sees_it,
    a_change_that_would_lose_meetings_is_refused_and_nothing_changes,
    setup_and_registration_pages_are_the_organizers_alone,
    a_registration_with_bad_fields_gets_messages_and_stores_nothing,
    an_approved_registration_becomes_a_company_with_one_invitation,
    a_rejected_registration_creates_nothing,
);

/// A pool table numbered at the top of the numbers leaves none above it:
/// adding more is refused next to the field, never a crash or a wrap to P00.
async fn adding_tables_after_the_highest_number_is_refused(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store.clone());
    let mut organizer = signed_in(&store, &app, ORGANIZER).await;
    let tables_before = store.tables(&event()).await.unwrap();
    let page = organizer.get("/organizer/setup?lang=en").await;
    let mut fields = form_fields(&page.body, "setup-form");
    let pool = format!("{} P4294967295", get(&fields, "pool"));
    set(&mut fields, "pool", &pool);
    set(&mut fields, "pool_add", "1");
    let answer = post_form(&mut organizer, "/organizer/setup", &fields).await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body
    );
    assert!(
        answer.body.contains("id=\"pool_add-error\""),
        "{}",
        answer.body
    );
    assert_eq!(store.tables(&event()).await.unwrap(), tables_before);
}

mitra_store::backend_tests!(adding_tables_after_the_highest_number_is_refused);
