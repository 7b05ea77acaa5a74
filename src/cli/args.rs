//! Command-line arguments.

use std::path::PathBuf;

use clap::builder::NonEmptyStringValueParser;
use clap::{ArgGroup, Args as ClapArgs, Parser, Subcommand};

use crate::duration::Elapsed;
use crate::report::Format;
use crate::selection::{ConfigChoice, RuleSelection};
use crate::severity::Severity;
use crate::text::ColumnUnit;

/// Lint the text you send back after missing a call.
#[derive(Debug, Parser)]
#[command(name = "sorrylint", version, about, long_about = None)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint drafts from files, or from stdin when no path or `-` is given.
    Check(CheckArgs),
    /// List the loaded rules: id, kind, severity and audience.
    Rules(ListArgs),
    /// Check every rule's examples: bad ones must trigger the rule, good
    /// ones must not.
    Test(TestArgs),
    /// Run a language server over stdin and stdout, for editors: it lints
    /// open drafts as they change and offers fixes as code actions.
    Lsp(LspArgs),
}

/// Which rules to load.
#[derive(Debug, Clone, ClapArgs)]
pub struct RuleArgs {
    /// Load more rules from a folder of .yaml files (or one file); a rule
    /// whose id already exists replaces it. Repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,

    /// Leave out the default rules built into sorrylint. The built-in
    /// audience groups still load.
    #[arg(long)]
    pub no_default_rules: bool,

    /// Turn off a rule by id, or every rule of a group (the part before
    /// the `/`). Repeatable.
    #[arg(long, value_name = "RULE")]
    pub disable: Vec<String>,

    /// Read settings from this file instead of the `.sorrylint.yaml` or
    /// `sorrylint.yaml` found in the current folder or its parents (for
    /// `lsp`, each draft's folder or its parents).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Read no configuration file.
    #[arg(long)]
    pub no_config: bool,
}

impl RuleArgs {
    /// Returns the configuration file these arguments choose.
    pub fn config_choice(&self) -> ConfigChoice {
        match (&self.config, self.no_config) {
            (Some(path), _) => ConfigChoice::File(path.clone()),
            (None, true) => ConfigChoice::None,
            (None, false) => ConfigChoice::Discover,
        }
    }

    /// Returns the rules these arguments add or turn off.
    pub fn selection(&self) -> RuleSelection {
        RuleSelection {
            rules: self.rules.clone(),
            no_default_rules: self.no_default_rules,
            disable: self.disable.clone(),
        }
    }
}

#[derive(Debug, Clone, ClapArgs)]
#[command(group(ArgGroup::new("fixing").args(["fix", "diff"])))]
pub struct CheckArgs {
    /// Draft files to lint; `-` or nothing reads stdin.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Who the reply goes to, such as client, boss, friend or unknown (an
    /// unsaved number). Without it, drafts are linted for the strictest
    /// group. Overrides front matter.
    #[arg(long, value_name = "AUDIENCE")]
    pub to: Option<String>,

    /// How many calls were missed, 1 or more. Overrides front matter.
    /// [default: 1]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub missed_calls: Option<u32>,

    /// Time since the missed call, as a number and a unit: 20m, 3h, 2d.
    /// Overrides front matter.
    #[arg(long, value_name = "DURATION")]
    pub elapsed: Option<Elapsed>,

    #[command(flatten)]
    pub rule_args: RuleArgs,

    /// How to print findings: a report for people, JSON Lines, one line
    /// per finding for editors, or GitHub Actions annotations.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// How the line and github formats count columns: grapheme
    /// (user-perceived characters), char (code points, as Emacs counts),
    /// byte (as Vim's quickfix list counts) or utf-16 (as VS Code counts).
    #[arg(long, value_enum, value_name = "UNIT", default_value_t = ColumnUnit::Grapheme)]
    pub column_unit: ColumnUnit,

    /// The name of the draft read from stdin in reports and errors, such as
    /// the path of the file an editor has open. That file is not read.
    /// Needs stdin among the inputs: no PATH, or `-`.
    #[arg(long, value_name = "NAME", value_parser = NonEmptyStringValueParser::new())]
    pub stdin_filename: Option<String>,

    /// The lowest severity that makes the exit status 1. Overrides the
    /// configuration file. [default: warning]
    #[arg(long, value_enum)]
    pub fail_level: Option<Severity>,

    /// Apply safe fixes: a draft from stdin is printed fixed on stdout with
    /// the remaining findings on stderr, and a file is rewritten in place
    /// when anything changed.
    #[arg(long)]
    pub fix: bool,

    /// With --fix or --diff, also apply suggested fixes, which change the
    /// wording (the first one a finding offers).
    #[arg(long, requires = "fixing")]
    pub unsafe_fixes: bool,

    /// Print a unified diff of what --fix would change, and write nothing.
    #[arg(long)]
    pub diff: bool,
}

#[derive(Debug, Clone, ClapArgs)]
pub struct ListArgs {
    #[command(flatten)]
    pub rule_args: RuleArgs,

    /// How to print the list.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

/// The output formats of `rules`. The line and GitHub formats of `check`
/// print findings, so they are not offered here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// A table with a header and a count.
    Human,
    /// One JSON object per rule, one per line.
    Json,
}

#[derive(Debug, Clone, ClapArgs)]
pub struct TestArgs {
    /// Folders (or files) of rules to test; without one, every loaded rule
    /// is tested.
    #[arg(value_name = "DIR")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub rule_args: RuleArgs,
}

#[derive(Debug, Clone, ClapArgs)]
pub struct LspArgs {
    /// Rules for every document, beside those of the configuration file
    /// found from each document's folder.
    #[command(flatten)]
    pub rule_args: RuleArgs,
}
