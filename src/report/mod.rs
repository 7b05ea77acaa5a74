//! Printers for findings. Each takes the same data and knows nothing of
//! how it was found.

mod human;
mod json;
mod source;

use crate::context::Context;
use crate::draft::Draft;
use crate::finding::Finding;
use crate::severity::Severity;

pub use human::{HumanOptions, plural, render_human};
pub use json::{render_error_json, render_json};
pub use source::TextSource;

/// How findings are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Diagnostics with the draft's text, labels and help, then a summary.
    Human,
    /// One JSON object per input, one per line.
    Json,
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
