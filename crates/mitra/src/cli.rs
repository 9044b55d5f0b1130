//! The command line's shape: subcommands, their arguments and their help.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Mitra: friendship-city trade missions — register delegations and
/// companies, find complementary partners across English, Indonesian and
/// Chinese, schedule the negotiations, run the day, write the reports.
///
/// Start with `mitra demo`: it builds the Shandong 2025 matchmaking
/// conference into `mitra-demo.db`, runs every engine, writes the outputs
/// under `out/` and serves the web application on http://127.0.0.1:8080.
#[derive(Debug, Parser)]
#[command(name = "mitra", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Where the data lives.
#[derive(Debug, Clone, Args)]
pub struct DatabaseArg {
    /// Database URL: `sqlite:PATH` or a plain file path.
    #[arg(
        long = "database",
        env = "MITRA_DATABASE_URL",
        default_value = "sqlite:mitra.db",
        global = true
    )]
    pub url: String,
}

/// Which event of the database (optional when it holds only one).
#[derive(Debug, Clone, Args)]
pub struct EventArg {
    /// Event id; may be left out when the database holds exactly one event.
    #[arg(long)]
    pub event: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create an empty database (and, with --event, an event in it).
    ///
    /// Example: mitra init --event expo-2026 --name "Expo 2026" --date 2026-06-02
    ///          --session am=09:00+9 --session pm=14:00+9
    Init(InitArgs),
    /// Build the demo conference, run the engines, write out/, then serve.
    ///
    /// The demo is Friendly Cities Enterprise Matchmaking Conference, Jinan,
    /// 27 May 2025: 40 delegations from 24 countries, 70 guest and 130 host
    /// companies (all fictional, flagged as demo). The database
    /// (DIR/mitra-demo.db) is rebuilt from scratch every time, so the
    /// outputs are the same on every run; with --database URL the demo goes
    /// into that database instead, which must hold no event yet.
    Demo(DemoArgs),
    /// Write the registration workbook to hand out (XLSX or CSV).
    ///
    /// Example: mitra template -o registration.xlsx
    Template(TemplateArgs),
    /// Import delegations and companies into an event, all or nothing: the
    /// registration workbook (.xlsx), a CSV (Mitra's or an event platform's
    /// participant export), or mitra/organizations@1 (.json).
    ///
    /// Example: mitra import registration.xlsx --event fcw-2025-jinan
    Import(ImportArgs),
    /// Export an event in the shared formats.
    ///
    /// Example: mitra export organizations -o orgs.json
    Export(ExportArgs),
    /// Rank partners for every organization of a mitra/organizations@1 file.
    ///
    /// Example: mitra match orgs.json --top 10 -o matches.json
    Match(MatchArgs),
    /// Schedule the requests of a mitra/schedule-instance@1 file.
    ///
    /// Example: mitra schedule instance.json -o schedule.json
    Schedule(ScheduleArgs),
    /// Write a report: a delegation's mission report or the event report.
    ///
    /// Example: mitra report mission --delegation lampung --trade flows.csv -o reports/
    Report(ReportArgs),
    /// Serve the web application.
    ///
    /// Example: mitra serve --database sqlite:mitra-demo.db --addr 0.0.0.0:8080
    Serve(ServeArgs),
    /// Back up the database while it may be in use: SQLite with VACUUM INTO, PostgreSQL with pg_dump.
    ///
    /// Example: mitra backup --database sqlite:mitra.db mitra-2025-05-27.db
    Backup(crate::commands::BackupArgs),
    /// Put a backup in place of the database (refuses one that holds data unless --force).
    ///
    /// Example: mitra restore --database sqlite:mitra.db mitra-2025-05-27.db
    Restore(crate::commands::RestoreArgs),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    #[command(flatten)]
    pub database: DatabaseArg,
    /// Id of an event to create.
    #[arg(long, requires_all = ["name", "date"])]
    pub event: Option<String>,
    /// The event's name.
    #[arg(long)]
    pub name: Option<String>,
    /// The day of the event (YYYY-MM-DD).
    #[arg(long)]
    pub date: Option<String>,
    /// The host's time zone (IANA name).
    #[arg(long, default_value = "Asia/Shanghai")]
    pub time_zone: String,
    /// Slot length in minutes.
    #[arg(long, default_value_t = 20)]
    pub slot_minutes: u32,
    /// A session as ID=HH:MM+SLOTS, e.g. am=09:00+9 (repeatable).
    #[arg(long = "session", default_values = ["am=09:00+9", "pm=14:00+9"])]
    pub sessions: Vec<String>,
    /// Number of pool tables (tables fixed to nobody).
    #[arg(long, default_value_t = 20)]
    pub pool_tables: u32,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Put mitra-demo.db and out/ in this folder instead of the current one.
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
    /// Stop after writing the outputs; do not serve.
    #[arg(long)]
    pub no_serve: bool,
    /// Address to serve on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
    #[command(flatten)]
    pub mail: MailArgs,
    /// Build the demo into this database instead of DIR/mitra-demo.db:
    /// `postgres://USER:PASSWORD@HOST/DATABASE` (or `sqlite:PATH`). It must
    /// hold no event yet; the outputs still go to DIR/out. Unlike the
    /// other commands, the demo does not read MITRA_DATABASE_URL.
    #[arg(long = "database", value_name = "URL")]
    pub database: Option<String>,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// Output file; its extension (.xlsx or .csv) chooses the format.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Accepted like everywhere; the template needs no database.
    #[command(flatten)]
    pub database: DatabaseArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SideArg {
    Guest,
    Host,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file: .xlsx, .csv or .json (mitra/organizations@1).
    pub file: PathBuf,
    /// The side of rows that do not say (event platforms' exports do not).
    #[arg(long, value_enum)]
    pub side: Option<SideArg>,
    #[command(flatten)]
    pub event: EventArg,
    #[command(flatten)]
    pub database: DatabaseArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportWhat {
    /// mitra/organizations@1
    Organizations,
    /// mitra/schedule-instance@1
    ScheduleInstance,
    /// Delegations and companies in the registration workbook's layout (.xlsx or .csv)
    Participants,
    /// Meeting requests (.csv or .xlsx)
    Requests,
    /// The schedule by slot, table, person and interpreter (.xlsx: four sheets; .csv: by slot)
    Schedule,
    /// Recorded outcomes (.csv or .xlsx)
    Outcomes,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to export.
    pub what: ExportWhat,
    /// Output file (default: standard output). For the spreadsheet exports
    /// the extension chooses the format (.xlsx or .csv; standard output is CSV).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub event: EventArg,
    #[command(flatten)]
    pub database: DatabaseArg,
}

#[derive(Debug, Args)]
pub struct MatchArgs {
    /// A mitra/organizations@1 file.
    pub file: PathBuf,
    /// How many partners per organization.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Output file (default: standard output).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub database: DatabaseArg,
}

#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// A mitra/schedule-instance@1 file.
    pub file: PathBuf,
    /// Output file (default: standard output).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Safety cap on the search, in seconds (the search is budgeted in
    /// units of work; this only stops it early, and says so).
    #[arg(long)]
    pub time_limit: Option<f64>,
    /// A published schedule (mitra/schedule@1) to change as little as possible.
    #[arg(long)]
    pub previous: Option<PathBuf>,
    /// After the search, prove the schedule optimal or improve it with a SAT
    /// solver (small events: seconds to minutes; --time-limit caps it).
    #[arg(long)]
    pub exact: bool,
    #[command(flatten)]
    pub database: DatabaseArg,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
    #[command(flatten)]
    pub mail: MailArgs,
    #[command(flatten)]
    pub database: DatabaseArg,
}

/// Where e-mail goes and how people reach the server, for `serve` and
/// `demo`.
#[derive(Debug, Args)]
pub struct MailArgs {
    /// Where e-mail goes: `smtp://USER:PASSWORD@HOST:587` (STARTTLS),
    /// `smtps://USER:PASSWORD@HOST:465`, or `outbox:FOLDER` (each message
    /// written as a file; the default, in `outbox/` beside the database).
    #[arg(long = "mail", env = "MITRA_MAIL")]
    pub mail_url: Option<String>,
    /// The sender's address on every message.
    #[arg(long, env = "MITRA_MAIL_FROM", default_value = "mitra@localhost")]
    pub mail_from: String,
    /// The address people reach this server at, for links in e-mail.
    #[arg(long, env = "MITRA_PUBLIC_URL")]
    pub public_url: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportLang {
    /// English
    En,
    /// Bahasa Indonesia
    Id,
    /// Simplified Chinese
    Zh,
    /// All three
    All,
}

#[derive(Debug, Subcommand)]
pub enum ReportKind {
    /// A delegation's official mission report: what the visit achieved,
    /// analysis of potential, cooperation opportunities, recommendations.
    Mission {
        /// The delegation's id.
        #[arg(long)]
        delegation: String,
        /// A trade-flow table (CSV: reporter, partner, hs, year, value; see
        /// data/trade/README.md) for the analysis of potential.
        #[arg(long)]
        trade: Option<PathBuf>,
    },
    /// The organizer's event report: participation, requests, meetings,
    /// outcomes, plan versus day.
    Event,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub kind: ReportKind,
    /// Language of the report.
    #[arg(long, value_enum, default_value = "all", global = true)]
    pub lang: ReportLang,
    /// Folder to write into (mission.LANG.html or event.LANG.html).
    #[arg(short, long, default_value = "reports", global = true)]
    pub output: PathBuf,
    #[command(flatten)]
    pub event: EventArg,
    #[command(flatten)]
    pub database: DatabaseArg,
}
