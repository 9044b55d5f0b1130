//! How a command fails: bad input (exit 2, one line per problem, nothing
//! written) or anything else (exit 1, with the cause chain).

use std::process::ExitCode;

#[derive(Debug)]
pub enum Failure {
    /// The user's input is wrong; each line names the place and the problem.
    BadInput(Vec<String>),
    /// Something else went wrong (I/O, database).
    Other(anyhow::Error),
}

impl Failure {
    pub fn bad_input(lines: impl IntoIterator<Item = impl ToString>) -> Failure {
        Failure::BadInput(lines.into_iter().map(|l| l.to_string()).collect())
    }

    pub fn report(self) -> ExitCode {
        match self {
            Failure::BadInput(lines) => {
                for line in lines {
                    eprintln!("{line}");
                }
                ExitCode::from(2)
            }
            Failure::Other(error) => {
                eprintln!("error: {error:#}");
                ExitCode::from(1)
            }
        }
    }
}

impl<E: Into<anyhow::Error>> From<E> for Failure {
    fn from(error: E) -> Self {
        Failure::Other(error.into())
    }
}

pub type Outcome<T = ()> = Result<T, Failure>;
