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
    let _ = (&args.file, &args.output, args.time_limit, &args.previous);
    Err(Failure::bad_input([
        "mitra schedule: the scheduler has not landed yet (issue 4)",
    ]))
}
