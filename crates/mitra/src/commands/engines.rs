//! `mitra match` and `mitra schedule`: the engines' batch faces, reading
//! and writing the shared formats. Invalid input ends with exit status 2,
//! one line per problem, and nothing written.

use crate::cli::{MatchArgs, ScheduleArgs};
use crate::failure::{Failure, Outcome};

pub fn run_match(args: MatchArgs) -> Outcome {
    let _ = (&args.file, args.top, &args.output);
    Err(Failure::bad_input([
        "mitra match: the matching engine has not landed yet (issue 3)",
    ]))
}

pub fn run_schedule(args: ScheduleArgs) -> Outcome {
    let _ = (&args.file, &args.output, args.time_limit, &args.previous);
    Err(Failure::bad_input([
        "mitra schedule: the scheduler has not landed yet (issue 4)",
    ]))
}
