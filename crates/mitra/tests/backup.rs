//! `mitra backup` and `mitra restore` as a user runs them: a backup taken
//! while `mitra serve` has the database open comes back row for row; every
//! refusal exits 2 and writes nothing.

use mitra_store::Store;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn mitra() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mitra"));
    command.env_remove("MITRA_DATABASE_URL");
    command
}

fn run(args: &[&str]) -> Output {
    mitra().args(args).output().expect("mitra runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).to_string()
}

struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `mitra serve` on `url`, once it listens.
fn serve(url: &str) -> KillOnDrop {
    let mut server = KillOnDrop(
        mitra()
            .args(["serve", "--database", url, "--addr", "127.0.0.1:0"])
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut lines = BufReader::new(server.0.stderr.take().unwrap()).lines();
    loop {
        let line = lines
            .next()
            .expect("the server says where it listens")
            .unwrap();
        if line.contains("http://") {
            break;
        }
    }
    // Keep reading so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    server
}

fn demo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let output = run(&["demo", "--no-serve", "--dir", dir.path().to_str().unwrap()]);
    assert!(output.status.success(), "demo: {}", stderr(&output));
    dir
}

/// Everything of every event, as text, with counts.
/// Per event: id, organizations, meetings, requests, delegations.
type Counts = Vec<(String, usize, usize, usize, usize)>;

fn snapshot(url: &str) -> (Counts, String) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let store = Store::open(url).await.unwrap();
        let mut counts = Vec::new();
        let mut text = String::new();
        for event in store.events().await.unwrap() {
            let id = &event.id;
            let orgs = store.organizations(id).await.unwrap();
            let meetings = store.meetings(id).await.unwrap();
            let requests = store.requests(id).await.unwrap();
            let delegations = store.delegations(id).await.unwrap();
            counts.push((
                id.to_string(),
                orgs.len(),
                meetings.len(),
                requests.len(),
                delegations.len(),
            ));
            text.push_str(&format!(
                "{event:?}\n{:?}\n{orgs:?}\n{meetings:?}\n{requests:?}\n{delegations:?}\n{:?}\n{:?}\n",
                store.event_plan(id).await.unwrap(),
                store.people(id).await.unwrap(),
                store.outcomes(id).await.unwrap(),
            ));
        }
        store.close().await;
        (counts, text)
    })
}

fn no_partial_files(dir: &Path) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        assert!(!name.contains(".partial"), "left behind: {name}");
    }
}

#[test]
fn sqlite_backup_while_serving_restores_row_for_row() {
    let dir = demo();
    let db = dir.path().join("mitra-demo.db");
    let url = format!("sqlite:{}", db.display());
    let out = tempfile::tempdir().unwrap();
    let backup = out.path().join("backup.db");
    let before = snapshot(&url);
    {
        let _server = serve(&url);
        let output = run(&["backup", "--database", &url, backup.to_str().unwrap()]);
        assert!(output.status.success(), "backup: {}", stderr(&output));
    }
    let restored = out.path().join("restored.db");
    let restored_url = format!("sqlite:{}", restored.display());
    let output = run(&[
        "restore",
        "--database",
        &restored_url,
        backup.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "restore: {}", stderr(&output));
    assert!(
        stderr(&output).contains("integrity checked"),
        "{}",
        stderr(&output)
    );
    let after = snapshot(&restored_url);
    assert_eq!(before.0, after.0, "counts differ");
    let (event, orgs, meetings, requests, delegations) = &after.0[0];
    assert_eq!(event, "fcw-2025-jinan");
    assert_eq!(*orgs, 200);
    assert_eq!(*delegations, 40);
    assert!(*meetings > 0 && *requests > 0, "{:?}", after.0);
    assert!(before.1 == after.1, "rows differ after the round trip");
    // A few exact rows through the command line as well.
    for what in ["organizations", "requests", "schedule"] {
        let export = |u: &str| {
            let output = run(&["export", what, "--database", u]);
            assert!(output.status.success(), "{what}: {}", stderr(&output));
            output.stdout
        };
        assert_eq!(export(&url), export(&restored_url), "{what} differs");
    }
    no_partial_files(out.path());
}

#[test]
fn refusals_exit_2_and_write_nothing() {
    let dir = demo();
    let db = dir.path().join("mitra-demo.db");
    let url = format!("sqlite:{}", db.display());
    let out = tempfile::tempdir().unwrap();
    let p = |name: &str| out.path().join(name);
    let s = |path: &PathBuf| path.to_str().unwrap().to_string();

    // An existing OUT.
    std::fs::write(p("taken.db"), b"mine").unwrap();
    let output = run(&["backup", "--database", &url, &s(&p("taken.db"))]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("exists already"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read(p("taken.db")).unwrap(), b"mine");

    // A missing database to back up.
    let output = run(&[
        "backup",
        "--database",
        &format!("sqlite:{}", s(&p("nowhere.db"))),
        &s(&p("b.db")),
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(!p("b.db").exists() && !p("nowhere.db").exists());

    // A missing IN.
    let target = format!("sqlite:{}", s(&p("new.db")));
    let output = run(&["restore", "--database", &target, &s(&p("missing.db"))]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("missing.db: cannot read"),
        "{}",
        stderr(&output)
    );
    assert!(!p("new.db").exists());

    // Not a backup.
    let output = run(&["restore", "--database", &target, &s(&p("taken.db"))]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("not a SQLite backup"),
        "{}",
        stderr(&output)
    );
    assert!(!p("new.db").exists());

    // A good backup, then a target that holds data.
    let output = run(&["backup", "--database", &url, &s(&p("good.db"))]);
    assert!(output.status.success(), "{}", stderr(&output));
    let other = demo();
    let busy_db = other.path().join("mitra-demo.db");
    let busy_url = format!("sqlite:{}", busy_db.display());
    // Fold the log in so that the bytes on disk are the whole database.
    snapshot(&busy_url);
    let bytes = std::fs::read(&busy_db).unwrap();
    let output = run(&["restore", "--database", &busy_url, &s(&p("good.db"))]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("--force"), "{}", stderr(&output));
    assert_eq!(std::fs::read(&busy_db).unwrap(), bytes, "target changed");

    // --force while a server has it open: refused too.
    {
        let _server = serve(&busy_url);
        let output = run(&[
            "restore",
            "--force",
            "--database",
            &busy_url,
            &s(&p("good.db")),
        ]);
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        assert!(stderr(&output).contains("in use"), "{}", stderr(&output));
    }
    no_partial_files(other.path());

    // --force with the server stopped: replaced.
    let output = run(&[
        "restore",
        "--force",
        "--database",
        &busy_url,
        &s(&p("good.db")),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(snapshot(&busy_url).0, snapshot(&url).0);
    no_partial_files(out.path());
    no_partial_files(other.path());
}

const PG_BIN: &str = "/usr/lib/postgresql/15/bin";

/// A database of its own on the test server, dropped at the end.
struct PgDatabase {
    name: String,
    url: String,
}

fn pg(tool: &str, args: &[&str]) -> Output {
    let server = mitra_store::testing::postgres_url();
    let (_, rest) = server.split_once("://").unwrap();
    let (credentials, host) = rest.split_once('@').unwrap();
    let (user, password) = credentials.split_once(':').unwrap();
    let (host, _) = host.split_once('/').unwrap();
    let (host, port) = host.split_once(':').unwrap_or((host, "5432"));
    Command::new(Path::new(PG_BIN).join(tool))
        .env("PGPASSWORD", password)
        .args(["-h", host, "-p", port, "-U", user])
        .args(args)
        .output()
        .unwrap()
}

impl PgDatabase {
    fn create(tag: &str) -> PgDatabase {
        let name = format!("mitra_backup_{tag}_{}", std::process::id());
        let _ = pg("dropdb", &["--if-exists", &name]);
        let output = pg("createdb", &[&name]);
        assert!(output.status.success(), "createdb: {}", stderr(&output));
        let server = mitra_store::testing::postgres_url();
        let base = &server[..server.rfind('/').unwrap()];
        PgDatabase {
            url: format!("{base}/{name}"),
            name,
        }
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let _ = pg("dropdb", &["--force", "--if-exists", &self.name]);
    }
}

#[test]
fn postgres_backup_restores_row_for_row() {
    let dir = demo();
    let sqlite = format!("sqlite:{}", dir.path().join("mitra-demo.db").display());
    let orgs = dir.path().join("orgs.json");
    let output = run(&[
        "export",
        "organizations",
        "--database",
        &sqlite,
        "-o",
        orgs.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let source = PgDatabase::create("src");
    let target = PgDatabase::create("dst");
    let output = run(&[
        "init",
        "--database",
        &source.url,
        "--event",
        "expo-2026",
        "--name",
        "Expo 2026",
        "--date",
        "2026-06-02",
    ]);
    assert!(output.status.success(), "init: {}", stderr(&output));
    let output = run(&["import", orgs.to_str().unwrap(), "--database", &source.url]);
    assert!(output.status.success(), "import: {}", stderr(&output));
    let out = tempfile::tempdir().unwrap();
    let backup = out.path().join("mitra.dump");
    let output = run(&[
        "backup",
        "--database",
        &source.url,
        backup.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "backup: {}", stderr(&output));
    assert!(!stderr(&output).contains(":mitra@"), "a password shown");
    assert!(std::fs::read(&backup).unwrap().starts_with(b"PGDMP"));
    // An existing OUT is refused.
    let output = run(&[
        "backup",
        "--database",
        &source.url,
        backup.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    // Restore into an empty database.
    let output = run(&[
        "restore",
        "--database",
        &target.url,
        backup.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "restore: {}", stderr(&output));
    let before = snapshot(&source.url);
    let after = snapshot(&target.url);
    assert_eq!(before.0, after.0);
    assert_eq!(before.0[0].1, 200, "{:?}", before.0);
    assert!(before.1 == after.1, "rows differ after the round trip");
    // Again without --force: refused, since it holds data now.
    let output = run(&[
        "restore",
        "--database",
        &target.url,
        backup.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let output = run(&[
        "restore",
        "--force",
        "--database",
        &target.url,
        backup.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "restore --force: {}",
        stderr(&output)
    );
    assert_eq!(snapshot(&target.url).1, before.1);
    no_partial_files(out.path());
}
