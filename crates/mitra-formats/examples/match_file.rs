//! Runs the matching engine on a `mitra/organizations@1` file, the way
//! `mitra match` does: `cargo run --release -p mitra-formats --example
//! match_file -- ORGS.json OUT.json [TOP]`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: match_file ORGS.json OUT.json [TOP]");
        return ExitCode::from(2);
    }
    let top = args.get(3).and_then(|t| t.parse().ok()).unwrap_or(10);
    let bytes = match std::fs::read(&args[1]) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}: {e}", args[1]);
            return ExitCode::from(2);
        }
    };
    match mitra_formats::matching::run(&bytes, top) {
        Ok(out) => match std::fs::write(&args[2], out) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{}: {e}", args[2]);
                ExitCode::from(1)
            }
        },
        Err(problems) => {
            for p in problems {
                eprintln!("{p}");
            }
            ExitCode::from(2)
        }
    }
}
