//! `mitra`: the command line. Thin by design: it parses arguments, opens the
//! store, calls the engines and the formats, and maps failures to exit
//! codes (2 for bad input, 1 for anything else).

mod cli;
mod commands;
mod demo;
mod failure;
mod progress;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("MITRA_LOG").unwrap_or_else(|_| {
                // PostgreSQL's notices are not problems: the one servers
                // meet is "no transaction in progress" when a serializable
                // commit that lost a race (and is retried) is rolled back.
                tracing_subscriber::EnvFilter::new(
                    "warn,mitra=info,mitra_web=info,sqlx::postgres::notice=error",
                )
            }),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(commands::run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}
