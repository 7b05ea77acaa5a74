//! Open documents and linting them.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;

use lsp_types::{Diagnostic, DiagnosticSeverity, Range, Uri};

use crate::audience::Audience;
use crate::context::Context;
use crate::draft::{Draft, DraftError, MAX_DRAFT_BYTES};
use crate::finding::Finding;
use crate::ruleset::Ruleset;

use super::diagnostics::{DiagnosticSupport, error_diagnostic, finding_diagnostic, plain_message};
use super::encoding::{PositionEncoding, PositionMap};
use super::rules::RulesResult;
use super::settings::Settings;

/// The maximum number of diagnostics published for one document. A draft
/// is a few lines, so a file that yields more is not one. Hundreds of
/// thousands of diagnostics would cost the editor gigabytes.
pub const MAX_DIAGNOSTICS: usize = 1000;

/// A document the client has open, as its latest text.
pub struct Document {
    pub text: String,
    pub version: i32,
    /// The result for this text; `None` until it is linted.
    pub linted: Option<Linted>,
}

/// The result of linting one version of a document.
pub struct Linted {
    pub diagnostics: Vec<Diagnostic>,
    /// The findings and what they were found with, for code actions; `None`
    /// when the document could not be linted.
    pub lint: Option<Lint>,
}

pub struct Lint {
    pub ruleset: Arc<Ruleset>,
    pub draft: Draft,
    pub context: Context,
    pub findings: Vec<Finding>,
}

/// How to lint: the same for every document in a session.
pub struct LintSettings<'a> {
    pub settings: &'a Settings,
    pub encoding: PositionEncoding,
    pub support: DiagnosticSupport,
}

/// Returns the local path of a `file:` URI.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    let url = url::Url::parse(uri.as_str()).ok()?;
    if url.scheme() != "file" {
        return None;
    }
    url.to_file_path().ok()
}

/// Returns the name a document goes by in messages: its path, or its URI
/// when it is not a file.
pub fn document_name(uri: &Uri) -> String {
    file_path(uri).map_or_else(
        || uri.as_str().to_string(),
        |path| path.display().to_string(),
    )
}

/// Lints a document's text with `rules`, turning every problem on the
/// way into a diagnostic rather than an error.
pub fn lint_document(
    uri: &Uri,
    text: &str,
    rules: RulesResult,
    lint_settings: &LintSettings,
) -> Linted {
    let map = PositionMap::new(text, lint_settings.encoding);
    let start = Range::default();
    let failed = |diagnostic: Diagnostic| Linted {
        diagnostics: vec![diagnostic],
        lint: None,
    };

    if text.len() as u64 > MAX_DRAFT_BYTES {
        return failed(error_diagnostic(
            "sorrylint::too_large",
            format!(
                "this document is {} bytes, more than the 1 MiB that sorrylint lints; keep one message per file",
                text.len()
            ),
            start,
        ));
    }
    let ruleset = match rules {
        Ok(ruleset) => ruleset,
        Err(error) => {
            return failed(error_diagnostic(
                "sorrylint::invalid_rules",
                format!(
                    "no rules could load, so this document is not linted: {}",
                    error.message
                ),
                start,
            ));
        }
    };
    let draft = match Draft::from_text(&document_name(uri), text.to_string()) {
        Ok(draft) => draft,
        Err(error) => {
            let range = match &error {
                DraftError::FrontMatter { span, .. } => {
                    map.range(&(span.offset()..span.offset() + span.len()))
                }
                DraftError::InvalidUtf8 { .. } => start,
            };
            return failed(error_diagnostic(
                "sorrylint::invalid_front_matter",
                plain_message(&error),
                range,
            ));
        }
    };

    let mut diagnostics = Vec::new();
    let audience = resolve_audience(
        &ruleset,
        &draft,
        lint_settings.settings,
        &map,
        &mut diagnostics,
    );
    let context = Context {
        audience,
        missed_calls: draft.front_matter.missed_calls.unwrap_or(1),
        elapsed: draft.front_matter.elapsed,
    };

    // A panic here is a bug in a rule; the server reports it and goes on
    // serving the other documents.
    let Ok(findings) = catch_unwind(AssertUnwindSafe(|| ruleset.lint(&draft, &context))) else {
        return failed(error_diagnostic(
            "sorrylint::internal_error",
            "sorrylint failed while linting this document; the server's log (stderr) has the details, and a bug report with this text would help".to_string(),
            start,
        ));
    };
    diagnostics.extend(
        findings
            .iter()
            .take(MAX_DIAGNOSTICS)
            .map(|finding| finding_diagnostic(finding, &map, uri, lint_settings.support)),
    );
    if let Some(first_hidden) = findings.get(MAX_DIAGNOSTICS) {
        let hidden = findings.len() - MAX_DIAGNOSTICS;
        diagnostics.push(Diagnostic {
            severity: Some(DiagnosticSeverity::INFORMATION),
            ..error_diagnostic(
                "sorrylint::too_many_findings",
                format!(
                    "{hidden} more findings from here on are not shown; `sorrylint check` lists them all"
                ),
                map.range(&(first_hidden.span.start..first_hidden.span.start)),
            )
        });
    }
    Linted {
        diagnostics,
        lint: Some(Lint {
            ruleset,
            draft,
            context,
            findings,
        }),
    }
}

/// Resolves the audience from the front matter, else the editor's
/// settings, else the strictest group. An unknown name is reported where it was written,
/// and the document is linted for the strictest group meanwhile.
fn resolve_audience(
    ruleset: &Ruleset,
    draft: &Draft,
    settings: &Settings,
    map: &PositionMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> Audience {
    let audiences = ruleset.audiences();
    let strictest = || {
        audiences
            .resolve(None)
            .expect("the default group always resolves")
    };
    let fallback = "; linted for the strictest group until it is fixed";

    if let Some(name) = &draft.front_matter.to {
        return audiences.resolve(Some(name)).unwrap_or_else(|error| {
            let span = draft.front_matter.to_span.clone().unwrap_or(0..0);
            diagnostics.push(error_diagnostic(
                "sorrylint::unknown_audience",
                format!("{error}{fallback}"),
                map.range(&span),
            ));
            strictest()
        });
    }
    if let Some(name) = &settings.audience {
        return audiences.resolve(Some(name)).unwrap_or_else(|error| {
            diagnostics.push(error_diagnostic(
                "sorrylint::unknown_audience",
                format!("{error}, set as the default audience in the editor's settings{fallback}"),
                Range::default(),
            ));
            strictest()
        });
    }
    strictest()
}
