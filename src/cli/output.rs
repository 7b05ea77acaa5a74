//! Where and how the command line prints.

use std::io::{IsTerminal, Write};

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};

use std::path::PathBuf;

use crate::config::Config;
use crate::exit::ExitStatus;
use crate::report::HumanOptions;
use crate::ruleset::Ruleset;
use crate::selection::{load_selected, read_config};

use super::RuleArgs;

/// Decides whether to colour a stream: only a terminal, and never when
/// NO_COLOR is set to a non-empty value (an empty one counts as unset).
pub fn use_color(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
}

/// Returns the width to wrap at: `COLUMNS` when set, else the terminal's,
/// else 100.
pub fn width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|columns| columns.trim().parse().ok())
        .filter(|&columns: &usize| columns >= 20)
        .or_else(|| terminal_size::terminal_size().map(|(width, _)| usize::from(width.0)))
        .unwrap_or(100)
}

/// Returns settings for a human report printed to stdout, or to stderr
/// when `to_stderr` is set.
pub fn human_options(to_stderr: bool) -> HumanOptions {
    let is_terminal = if to_stderr {
        std::io::stderr().is_terminal()
    } else {
        std::io::stdout().is_terminal()
    };
    HumanOptions {
        color: use_color(is_terminal),
        width: width(),
    }
}

/// Writes a command's whole output to stdout. A closed pipe (as with
/// `| head`) is an error status, never a panic.
pub fn write_stdout(output: impl AsRef<[u8]>) -> ExitStatus {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(output.as_ref())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitStatus::Clean,
        Err(_) => ExitStatus::Error,
    }
}

/// Prints an error diagnostic to stderr.
pub fn print_error(diagnostic: &dyn Diagnostic) {
    let theme = if use_color(std::io::stderr().is_terminal()) {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(width())
        .with_links(false);
    let mut output = String::new();
    let _ = handler.render_report(&mut output, diagnostic);
    eprint!("{output}");
}

/// A plain error message as a diagnostic, for errors without source text.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{message}")]
pub struct PlainError {
    pub message: String,
    #[help]
    pub help: Option<String>,
}

pub fn print_plain_error(message: impl Into<String>, help: Option<&str>) {
    print_error(&PlainError {
        message: message.into(),
        help: help.map(String::from),
    });
}

/// The rules and settings a command runs with.
pub struct Loaded {
    pub ruleset: Ruleset,
    pub config: Option<Config>,
}

/// Loads the configuration file and the rules that it and the arguments
/// select, printing any error. `extra` paths load after all others.
pub fn load_rules(args: &RuleArgs, extra: &[PathBuf]) -> Option<Loaded> {
    let choice = args.config_choice();
    let folder = std::env::current_dir().unwrap_or_default();
    let config = match read_config(choice.path_for(&folder).as_deref()) {
        Ok(config) => config,
        Err(error) => {
            print_error(&error);
            return None;
        }
    };
    let mut selection = args.selection();
    selection.rules.extend(extra.iter().cloned());
    match load_selected(config.as_ref(), &selection) {
        Ok(ruleset) => Some(Loaded { ruleset, config }),
        Err(error) => {
            print_error(error.as_ref());
            None
        }
    }
}
