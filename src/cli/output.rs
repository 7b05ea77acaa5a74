//! Where and how the command line prints.

use std::io::{IsTerminal, Write};

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};

use std::path::PathBuf;

use crate::config::{Config, ConfigError};
use crate::exit::ExitStatus;
use crate::load::{self, LoadOptions};
use crate::report::HumanOptions;
use crate::ruleset::Ruleset;

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
pub fn write_stdout(output: &str) -> ExitStatus {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(output.as_bytes())
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
    let config = match read_config(args) {
        Ok(config) => config,
        Err(error) => {
            print_error(&error);
            return None;
        }
    };

    let config_rules = config.iter().flat_map(|config| config.rules.iter());
    let options = LoadOptions {
        default_rules: !args.no_default_rules
            && config.as_ref().and_then(|config| config.default_rules) != Some(false),
        paths: config_rules
            .chain(&args.rules)
            .chain(extra)
            .cloned()
            .collect(),
    };
    let mut ruleset = match load::load(&options) {
        Ok(ruleset) => ruleset,
        Err(error) => {
            print_error(&error);
            return None;
        }
    };

    let mut disabled = Vec::new();
    if let Some(config) = &config {
        for (index, name) in config.disable.iter().enumerate() {
            if let Err(unknown) = ruleset.check_rule_name(name) {
                print_error(&config.unknown_rule(index, unknown.to_string()));
                return None;
            }
            disabled.push(name.clone());
        }
    }
    disabled.extend(args.disable.iter().cloned());
    if let Err(error) = ruleset.disable(&disabled) {
        print_plain_error(error.to_string(), None);
        return None;
    }
    Some(Loaded { ruleset, config })
}

fn read_config(args: &RuleArgs) -> Result<Option<Config>, ConfigError> {
    if args.no_config {
        return Ok(None);
    }
    let path = match &args.config {
        Some(path) => Some(path.clone()),
        None => std::env::current_dir()
            .ok()
            .and_then(|folder| Config::discover(&folder)),
    };
    path.map(|path| Config::read(&path)).transpose()
}
