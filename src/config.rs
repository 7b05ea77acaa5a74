//! The project configuration file, `.sorrylint.yaml`.
//!
//! It holds settings a team shares for a folder of drafts or templates:
//! more rule folders, rules to turn off and the failing level. Flags on
//! the command line add to it or override it.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use crate::load;
use crate::report::TextSource;
use crate::severity::Severity;

/// File names looked for in the current folder and its parents.
pub const CONFIG_NAMES: [&str; 2] = [".sorrylint.yaml", "sorrylint.yaml"];

/// A loaded configuration file.
#[derive(Clone, Debug)]
pub struct Config {
    pub path: PathBuf,
    pub text: Arc<String>,
    /// Rule folders, resolved against the file's folder.
    pub rules: Vec<PathBuf>,
    pub default_rules: Option<bool>,
    pub disable: Vec<String>,
    pub fail_level: Option<Severity>,
}

/// Why a configuration file cannot be used.
#[derive(Debug, Diagnostic, Error)]
pub enum ConfigError {
    #[error("cannot read configuration file {}: {error}", path.display())]
    #[diagnostic(code(sorrylint::unreadable_config))]
    Unreadable {
        path: PathBuf,
        error: std::io::Error,
    },

    #[error("invalid configuration file {}: {message}", path.display())]
    #[diagnostic(
        code(sorrylint::invalid_config),
        help("a configuration file takes `rules`, `default-rules`, `disable` and `fail-level`")
    )]
    Invalid {
        path: PathBuf,
        message: String,
        #[source_code]
        source_code: TextSource<Arc<String>>,
        #[label("here")]
        span: SourceSpan,
    },

    #[error("{message}")]
    #[diagnostic(code(sorrylint::unknown_rule))]
    UnknownRule {
        message: String,
        #[source_code]
        source_code: TextSource<Arc<String>>,
        #[label("no rule or group has this name")]
        span: SourceSpan,
    },
}

impl Config {
    /// Reads the configuration at `path`.
    pub fn read(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|error| ConfigError::Unreadable {
            path: path.to_path_buf(),
            error,
        })?;
        let text = Arc::new(text);
        let fields = load::parse_config(&text).map_err(|error| {
            let offset = error.offset.unwrap_or(0);
            ConfigError::Invalid {
                path: path.to_path_buf(),
                message: error.message,
                source_code: TextSource::new(path.display().to_string(), text.clone()),
                span: line_span(&text, offset).into(),
            }
        })?;
        let folder = path.parent().unwrap_or(Path::new("."));
        Ok(Config {
            path: path.to_path_buf(),
            rules: fields
                .rules
                .iter()
                .map(|rules| folder.join(rules))
                .collect(),
            default_rules: fields.default_rules,
            disable: fields.disable,
            fail_level: fields.fail_level,
            text,
        })
    }

    /// Finds a configuration file in `start` or the nearest parent folder.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        start.ancestors().find_map(|folder| {
            CONFIG_NAMES
                .iter()
                .map(|name| folder.join(name))
                .find(|candidate| candidate.is_file())
        })
    }

    /// An error for an entry of `disable` that names no rule.
    pub fn unknown_rule(&self, index: usize, message: String) -> ConfigError {
        let offset = load::config_item_offset(&self.text, "disable", index).unwrap_or(0);
        ConfigError::UnknownRule {
            message,
            source_code: TextSource::new(self.path.display().to_string(), self.text.clone()),
            span: line_span(&self.text, offset).into(),
        }
    }
}

/// The range from `offset` to the end of its line.
fn line_span(text: &str, offset: usize) -> Range<usize> {
    let offset = offset.min(text.len());
    let end = text[offset..]
        .find('\n')
        .map_or(text.len(), |length| offset + length);
    offset..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_keys_and_resolves_rule_folders() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join(".sorrylint.yaml");
        std::fs::write(
            &path,
            "rules: [team-rules]\ndisable: [txt-speak]\nfail-level: error\n",
        )
        .unwrap();
        let config = Config::read(&path).unwrap();
        assert_eq!(config.rules, vec![folder.path().join("team-rules")]);
        assert_eq!(config.disable, vec!["txt-speak"]);
        assert_eq!(config.fail_level, Some(Severity::Error));
    }

    #[test]
    fn unknown_key_is_an_error() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("sorrylint.yaml");
        std::fs::write(&path, "disabled: [txt-speak]\n").unwrap();
        let error = Config::read(&path).unwrap_err();
        assert!(
            error.to_string().contains("unknown field `disabled`"),
            "{error}"
        );
    }

    #[test]
    fn discovery_walks_up_to_parents() {
        let folder = tempfile::tempdir().unwrap();
        let nested = folder.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::write(folder.path().join(".sorrylint.yaml"), "").unwrap();
        assert_eq!(
            Config::discover(&nested),
            Some(folder.path().join(".sorrylint.yaml"))
        );
    }
}
