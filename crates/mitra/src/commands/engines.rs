//! `mitra match` and `mitra schedule`: the engines' batch faces, reading
//! and writing the shared formats. Invalid input ends with exit status 2,
//! one line per problem, and nothing written.

use super::{read_input, write_output};
use crate::cli::{MatchArgs, ScheduleArgs};
use crate::failure::{Failure, Outcome};

pub fn run_match(args: MatchArgs) -> Outcome {
    let bytes = read_input(&args.file)?;
    let file = args.file.display().to_string();
    let output = mitra_formats::matching::run(&bytes, args.top)
        .map_err(|problems| Failure::bad_input(problems.iter().map(|p| format!("{file}: {p}"))))?;
    write_output(args.output.as_deref(), &output)
}

pub fn run_schedule(args: ScheduleArgs) -> Outcome {
    let time_limit = match args.time_limit {
        None => None,
        Some(s) if s.is_finite() && s > 0.0 => Some(std::time::Duration::from_secs_f64(s)),
        Some(s) => {
            return Err(Failure::bad_input([format!(
                "--time-limit: {s} is not a positive number of seconds"
            )]));
        }
    };
    let instance = read_input(&args.file)?;
    let previous = args.previous.as_deref().map(read_input).transpose()?;
    let options = mitra_formats::schedule::ScheduleOptions {
        time_limit,
        exact: args.exact,
        ..Default::default()
    };
    let file = args.file.display().to_string();
    let previous_name = args
        .previous
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let run = mitra_formats::schedule::run(&instance, previous.as_deref(), &options).map_err(
        |problems| {
            Failure::bad_input(problems.iter().map(|p| {
                // Problems in the previous schedule are named after its file.
                if p.place.starts_with("previous") && !previous_name.is_empty() {
                    format!("{previous_name}: {p}")
                } else {
                    format!("{file}: {p}")
                }
            }))
        },
    )?;
    for notice in &run.notices {
        eprintln!("{notice}");
    }
    write_output(args.output.as_deref(), &run.json)
}
