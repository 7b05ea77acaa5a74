//! The command line: parse arguments, run a command, return an exit status.

mod args;
mod check;
mod list;
mod output;
mod test;

use clap::Parser;

use crate::exit::ExitStatus;

pub use args::{Args, CheckArgs, Command, LspArgs, RuleArgs};

/// Runs the command line and returns the exit status.
pub fn run() -> ExitStatus {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(error) => {
            // clap prints help and version to stdout and usage errors to
            // stderr; only the latter are failures.
            let _ = error.print();
            return if error.use_stderr() {
                ExitStatus::Error
            } else {
                ExitStatus::Clean
            };
        }
    };
    match args.command {
        Command::Check(check_args) => check::run(&check_args),
        Command::Rules(list_args) => list::run(&list_args),
        Command::Test(test_args) => test::run(&test_args),
        Command::Lsp(lsp_args) => crate::lsp::run_stdio(crate::lsp::ServerOptions {
            config: lsp_args.rule_args.config_choice(),
            selection: lsp_args.rule_args.selection(),
        }),
    }
}
