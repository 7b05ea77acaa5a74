use std::process::ExitCode;

fn main() -> ExitCode {
    sorrylint::cli::run().into()
}
