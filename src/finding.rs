//! What a rule reports: data only, apart from any way of showing it.

use std::ops::Range;

use serde::Serialize;

use crate::severity::Severity;

/// One problem found in a draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    /// Byte range in the original input, including any byte-order mark and
    /// front matter. Empty for something missing, at the point where it
    /// belongs.
    pub span: Range<usize>,
    /// Other places that belong to the same finding, such as the earlier
    /// apologies when there are too many.
    pub related: Vec<Range<usize>>,
    pub fixes: Vec<Fix>,
}

/// A remedy for a finding: edits that apply together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// An imperative title, such as "Write 'you'".
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

/// Whether a fix keeps the meaning of the draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Only spelling or repetition changes; the meaning stays.
    Safe,
    /// The wording changes; a person should look first.
    Suggested,
}

/// Replaces one byte range of the original input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Range<usize>,
    pub replacement: String,
}

impl Finding {
    /// The replacement texts this finding suggests, in order.
    pub fn replacements(&self) -> impl Iterator<Item = &str> {
        self.fixes
            .iter()
            .flat_map(|fix| fix.edits.iter().map(|edit| edit.replacement.as_str()))
    }
}
