//! Errors in rule files, shown by miette with the file's text.

use std::path::PathBuf;
use std::sync::Arc;

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use crate::report::TextSource;
/// One problem in a rule file, pointing at the key or value at fault.
#[derive(Debug, Diagnostic, Error)]
#[error("{message}")]
#[diagnostic(code(sorrylint::invalid_rule))]
pub struct RuleFileError {
    pub message: String,
    #[source_code]
    pub source_code: TextSource<Arc<String>>,
    #[label("{label}")]
    pub span: SourceSpan,
    pub label: String,
    #[help]
    pub help: Option<String>,
}

/// Every problem found in the rule files, reported together.
#[derive(Debug, Diagnostic, Error)]
#[error("invalid rules: {} {} found", errors.len(), if errors.len() == 1 { "problem" } else { "problems" })]
#[diagnostic(
    code(sorrylint::invalid_rules),
    help("fix each problem listed, then run `sorrylint test` on the rule folder")
)]
pub struct InvalidRules {
    #[related]
    pub errors: Vec<RuleFileError>,
}

/// Why rules could not be loaded.
#[derive(Debug, Diagnostic, Error)]
pub enum LoadError {
    #[error("cannot read rules from {}: {error}", path.display())]
    #[diagnostic(
        code(sorrylint::unreadable_rules),
        help("check that the path exists and is a readable folder of .yaml files")
    )]
    Unreadable {
        path: PathBuf,
        error: std::io::Error,
    },

    #[error("no rule files in {}", path.display())]
    #[diagnostic(
        code(sorrylint::no_rule_files),
        help("a rule folder holds .yaml or .yml files; check the path")
    )]
    NoRuleFiles { path: PathBuf },

    #[error(transparent)]
    #[diagnostic(transparent)]
    Invalid(#[from] InvalidRules),
}
