//! Choosing the rules to lint with: the configuration file, the default
//! rules, more rule folders and the rules turned off. The command line and
//! the language server choose the same way.

use std::path::{Path, PathBuf};

use miette::Diagnostic;

use crate::config::{Config, ConfigError};
use crate::load::{self, LoadOptions};
use crate::ruleset::Ruleset;

/// Rule choices beyond the configuration file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleSelection {
    /// Rule folders or files that load after the configuration file's.
    pub rules: Vec<PathBuf>,
    pub no_default_rules: bool,
    /// Rule ids or groups to turn off, after the configuration file's.
    pub disable: Vec<String>,
}

/// The configuration file to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigChoice {
    /// The one found in a folder or its parents.
    Discover,
    /// This file, wherever the drafts are.
    File(PathBuf),
    None,
}

impl ConfigChoice {
    /// Returns the path of the configuration file that applies to drafts
    /// in `folder`, if there is one.
    pub fn path_for(&self, folder: &Path) -> Option<PathBuf> {
        match self {
            ConfigChoice::Discover => Config::discover(folder),
            ConfigChoice::File(path) => Some(path.clone()),
            ConfigChoice::None => None,
        }
    }
}

/// An error that stops rules from loading, with its source text when it
/// has one.
pub type SelectionError = Box<dyn Diagnostic + Send + Sync>;

/// Reads the configuration file at `path`, when one is given.
pub fn read_config(path: Option<&Path>) -> Result<Option<Config>, ConfigError> {
    path.map(Config::read).transpose()
}

/// Loads the rules that `config` and `selection` choose, and turns off
/// the ones they name.
pub fn load_selected(
    config: Option<&Config>,
    selection: &RuleSelection,
) -> Result<Ruleset, SelectionError> {
    let config_rules = config.iter().flat_map(|config| config.rules.iter());
    let options = LoadOptions {
        default_rules: !selection.no_default_rules
            && config.and_then(|config| config.default_rules) != Some(false),
        paths: config_rules.chain(&selection.rules).cloned().collect(),
    };
    let mut ruleset = load::load(&options).map_err(|error| Box::new(error) as SelectionError)?;

    let mut disabled = Vec::new();
    if let Some(config) = config {
        for (index, name) in config.disable.iter().enumerate() {
            if let Err(unknown) = ruleset.check_rule_name(name) {
                return Err(Box::new(config.unknown_rule(index, unknown.to_string())));
            }
            disabled.push(name.clone());
        }
    }
    disabled.extend(selection.disable.iter().cloned());
    ruleset
        .disable(&disabled)
        .map_err(|error| Box::new(error) as SelectionError)?;
    Ok(ruleset)
}
