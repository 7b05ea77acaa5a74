//! Printers for findings. Each takes the same data and knows nothing of
//! how it was found.

mod github;
mod human;
mod json;
mod line;
mod source;

use crate::context::Context;
use crate::draft::Draft;
use crate::finding::Finding;
use crate::severity::Severity;

pub use github::{render_error_github, render_github};
pub use human::{HumanOptions, plural, render_human};
pub use json::{render_error_json, render_json};
pub use line::{render_error_line, render_line};
pub use source::TextSource;

/// The output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Diagnostics with the draft's text, labels and help, then a summary.
    Human,
    /// One JSON object per input, one per line.
    Json,
    /// One finding per line: PATH:LINE:COLUMN: SEVERITY RULE: MESSAGE.
    Line,
    /// GitHub Actions workflow commands, which annotate the files.
    Github,
}

/// Renders an input that could not be linted, in the place its report
/// would have had. The human format has none, because the error on stderr
/// already shows it.
pub fn render_input_error(format: Format, path: &str, message: &str) -> String {
    // The line and GitHub formats name the path on the same line already.
    let without_path = message
        .strip_prefix(path)
        .and_then(|rest| rest.strip_prefix(": "))
        .unwrap_or(message);
    match format {
        Format::Human => String::new(),
        Format::Json => format!("{}\n", render_error_json(path, message)),
        Format::Line => render_error_line(path, without_path),
        Format::Github => render_error_github(path, without_path),
    }
}

/// The findings for one draft, with the context they were found in.
pub struct DraftReport<'a> {
    pub draft: &'a Draft,
    pub context: &'a Context,
    pub findings: &'a [Finding],
}

/// Counts of findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub error: usize,
    pub warning: usize,
    pub advice: usize,
}

impl Counts {
    pub fn of(findings: &[Finding]) -> Self {
        let mut counts = Counts::default();
        for finding in findings {
            match finding.severity {
                Severity::Error => counts.error += 1,
                Severity::Warning => counts.warning += 1,
                Severity::Advice => counts.advice += 1,
            }
        }
        counts
    }
}
