//! The organizer's spreadsheet upload over a fresh copy of the demo
//! conference: the filled template imported once and then again with no
//! change, a bad workbook refused with every cell named, the page closed to
//! other roles, and an upload over the limit refused in the page's language.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use mitra_sheets::SheetFormat;
use mitra_sheets::template::write_registration_cells;
use mitra_store::Store;
use tower::ServiceExt;

const BOUNDARY: &str = "mitra-test-boundary-7f3a";

/// A multipart form as a browser sends it: text fields, then one file.
fn multipart(fields: &[(&str, &str)], file_name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Posts a file to `/organizer/import` with the client's cookies.
async fn upload(
    client: &mut Client,
    csrf: &str,
    side: &str,
    file_name: &str,
    bytes: &[u8],
) -> Answer {
    let cookies = client
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let request = Request::post("/organizer/import")
        .header(header::COOKIE, cookies)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from(multipart(
            &[("csrf", csrf), ("side", side)],
            file_name,
            bytes,
        )))
        .unwrap();
    let response = client.app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let location = response
        .headers()
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap().to_string());
    let bytes = axum::body::to_bytes(response.into_body(), 16 << 20)
        .await
        .unwrap();
    Answer {
        status,
        headers,
        location,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

async fn signed_in(store: &Store, person: &str) -> Client {
    let mut client = Client::new(mitra_web::router(store.clone()));
    let answer = client.sign_in_by(&invite(store, person).await).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    client
}

/// The organizer's client and the CSRF token of the import form.
async fn organizer(store: &Store) -> (Client, String) {
    let mut client = signed_in(store, ORGANIZER).await;
    let page = client.get("/organizer/import").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let csrf = page.csrf();
    (client, csrf)
}

/// The first day of the demo event, as the workbook writes it.
async fn first_day(store: &Store) -> String {
    let plan = store.event_plan(&event()).await.unwrap();
    mitra_sheets::EventDays::of_plan(&plan)
        .expect("the demo event has sessions")
        .first
        .to_string()
}

async fn the_organizer_imports_a_filled_template_once_and_again_without_change(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let (mut client, csrf) = organizer(&store).await;
    let page = client.get("/organizer/import").await;
    assert!(
        page.body
            .contains("href=\"/organizer/import/template.xlsx\"")
    );
    assert!(page.body.contains("enctype=\"multipart/form-data\""));
    let template = client.get("/organizer/import/template.xlsx").await;
    assert_eq!(template.status, StatusCode::OK);
    assert!(template.body.starts_with("PK"), "an XLSX is a zip");

    let before = store.organizations(&event()).await.unwrap().len();
    let day = first_day(&store).await;
    let row: &[(&str, &str)] = &[
        ("id", "upload-kafei"),
        ("name", "济南咖啡进口有限公司"),
        ("side", "host"),
        ("country", "CN"),
        ("region", "Jinan"),
        ("sector", "trade-distribution"),
        ("languages", "zh, en"),
        ("offers", "冷链仓储 [8418.69]"),
        ("needs", "罗布斯塔咖啡生豆 [0901.11]\nKopi sangrai"),
        ("attending_from", &day),
        ("attending_until", &day),
    ];
    // A guest joins a delegation the event already has.
    let guest: &[(&str, &str)] = &[
        ("name", "Koperasi Lada Unggah"),
        ("side", "guest"),
        ("country", "ID"),
        ("delegation", "lampung"),
        ("languages", "id"),
        ("offers", "Lada hitam [0904.11]"),
    ];
    let workbook = write_registration_cells(&[], &[row, guest], SheetFormat::Xlsx).unwrap();

    let first = upload(&mut client, &csrf, "", "registration.xlsx", &workbook).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert!(first.body.contains("id=\"imported\""), "{}", first.body);
    assert!(first.body.contains("济南咖啡进口有限公司 (upload-kafei)"));
    assert!(first.body.contains("id=\"attendance\""));
    let orgs = store.organizations(&event()).await.unwrap();
    assert_eq!(orgs.len(), before + 2);
    let guest = orgs
        .iter()
        .find(|o| o.id.as_str() == "koperasi-lada-unggah")
        .expect("an id made from the name");
    assert_eq!(
        guest.delegation.as_ref().map(|d| d.as_str()),
        Some("lampung")
    );
    let added = orgs
        .iter()
        .find(|o| o.id.as_str() == "upload-kafei")
        .expect("the new company is in the store");
    assert_eq!(added.name, "济南咖啡进口有限公司");
    assert_eq!(added.side, mitra_core::organization::Side::Host);
    assert_eq!(added.needs.len(), 2);
    assert_eq!(added.needs[0].hs[0].as_str(), "090111");

    let again = upload(&mut client, &csrf, "", "registration.xlsx", &workbook).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert!(
        again.body.contains("id=\"nothing-changed\""),
        "{}",
        again.body
    );
    assert!(!again.body.contains("id=\"imported\""));
    let after = store.organizations(&event()).await.unwrap();
    assert_eq!(after, orgs, "the second import changes nothing");

    let log = store.audit_log(&event(), 20).await.unwrap();
    let imports: Vec<_> = log.iter().filter(|e| e.action == "import").collect();
    assert_eq!(imports.len(), 2, "{log:#?}");
    assert!(imports.iter().all(|e| e.subject == "registration.xlsx"));
    assert!(
        imports[0].detail.contains("0 added"),
        "{}",
        imports[0].detail
    );
    assert!(
        imports[1].detail.contains("2 added") && imports[1].detail.contains("0 new delegations"),
        "{}",
        imports[1].detail
    );
}

async fn a_bad_workbook_names_every_cell_and_imports_nothing(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let (mut client, csrf) = organizer(&store).await;
    let before = store.organizations(&event()).await.unwrap();
    let good: &[(&str, &str)] = &[
        ("id", "upload-good"),
        ("name", "PT Baik"),
        ("side", "guest"),
        ("country", "ID"),
        ("languages", "id"),
    ];
    let bad: &[(&str, &str)] = &[
        ("id", "upload-bad"),
        ("name", "PT Salah"),
        ("side", "guest"),
        ("country", "XX"),
        ("languages", "id"),
        ("attending_from", "2001-01-01"),
    ];
    let workbook = write_registration_cells(&[], &[good, bad], SheetFormat::Xlsx).unwrap();

    let refused = upload(&mut client, &csrf, "", "bad.xlsx", &workbook).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(
        refused
            .body
            .contains("data-place=\"Organizations!D3 (country)\""),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("unknown country code &quot;XX&quot;"));
    assert!(
        refused
            .body
            .contains("data-place=\"Organizations!O3 (attending_from)\""),
        "a date outside the event: {}",
        refused.body
    );
    assert!(refused.body.contains("is outside the event&#x27;s days"));
    assert_eq!(refused.body.matches("class=\"sheet-problem\"").count(), 2);
    assert!(refused.body.contains("2 problems in bad.xlsx"));
    assert_eq!(
        store.organizations(&event()).await.unwrap(),
        before,
        "not even the good row is imported"
    );

    // A platform export without a side, and no side chosen: every row named.
    let csv = "Organisation Name,Country\nMekong Rice Co.,VN\n";
    let refused = upload(&mut client, &csrf, "", "platform.csv", csv.as_bytes()).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("data-place=\"platform.csv!2 (side)\""),
        "{}",
        refused.body
    );
    // Not a spreadsheet at all.
    let refused = upload(&mut client, &csrf, "", "notes.txt", b"hello").await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("id=\"upload-error\""));
    // A forged form is refused before the file is looked at.
    let forged = upload(
        &mut client,
        "not-the-token",
        "host",
        "platform.csv",
        csv.as_bytes(),
    )
    .await;
    assert_eq!(forged.status, StatusCode::BAD_REQUEST);
    assert_eq!(store.organizations(&event()).await.unwrap(), before);
    // With the side chosen, the same export imports.
    let taken = upload(&mut client, &csrf, "host", "platform.csv", csv.as_bytes()).await;
    assert_eq!(taken.status, StatusCode::OK, "{}", taken.body);
    assert_eq!(
        store.organizations(&event()).await.unwrap().len(),
        before.len() + 1
    );
}

async fn only_the_organizer_reaches_the_import_page(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let mut stranger = Client::new(mitra_web::router(store.clone()));
    for path in ["/organizer/import", "/organizer/import/template.xlsx"] {
        let answer = stranger.get(path).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(answer.location.as_deref(), Some("/signin"));
    }
    let csrf = stranger.csrf().await;
    let answer = upload(&mut stranger, &csrf, "", "a.csv", b"name\nA\n").await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(answer.location.as_deref(), Some("/signin"));

    let mut rep = signed_in(&store, &format!("rep-{GUEST_ORG}")).await;
    for path in ["/organizer/import", "/organizer/import/template.xlsx"] {
        assert_eq!(rep.get(path).await.status, StatusCode::FORBIDDEN, "{path}");
    }
    let csrf = rep.csrf().await;
    let before = store.organizations(&event()).await.unwrap();
    let csv = "name,side,country,languages\nSneaky,guest,ID,id\n";
    let answer = upload(&mut rep, &csrf, "", "a.csv", csv.as_bytes()).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(store.organizations(&event()).await.unwrap(), before);
}

async fn an_upload_over_the_limit_is_refused_in_the_page_language(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let (mut client, csrf) = organizer(&store).await;
    let before = store.organizations(&event()).await.unwrap();
    let huge = vec![b'a'; 11 * 1024 * 1024];
    for (lang, words) in [
        ("zh", "文件过大"),
        ("id", "Berkas terlalu besar"),
        ("en", "The file is too large"),
    ] {
        assert_eq!(
            client
                .get(&format!("/organizer/import?lang={lang}"))
                .await
                .status,
            StatusCode::OK
        );
        let refused = upload(&mut client, &csrf, "", "huge.csv", &huge).await;
        assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE, "{lang}");
        assert!(refused.body.contains(words), "{lang}: {}", refused.body);
        assert!(refused.body.contains("id=\"upload-error\""));
    }
    assert_eq!(store.organizations(&event()).await.unwrap(), before);
}

mitra_store::backend_tests!(
    the_organizer_imports_a_filled_template_once_and_again_without_change,
    a_bad_workbook_names_every_cell_and_imports_nothing,
    only_the_organizer_reaches_the_import_page,
    an_upload_over_the_limit_is_refused_in_the_page_language,
);
