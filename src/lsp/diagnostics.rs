//! Findings and errors as protocol diagnostics.

use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Range,
    Uri,
};

use crate::finding::Finding;
use crate::severity::Severity;

use super::encoding::PositionMap;

/// The `source` of every diagnostic, which editors show beside it.
pub const SOURCE: &str = "sorrylint";

/// The most related places listed per diagnostic. A draft that repeats one
/// apology thousands of times would otherwise send thousands, and editors
/// list them all under the diagnostic.
pub const MAX_RELATED: usize = 8;

/// Diagnostic features the client supports.
#[derive(Clone, Copy, Debug, Default)]
pub struct DiagnosticSupport {
    /// The client shows related information, so the help can go there
    /// rather than into the message.
    pub related_information: bool,
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Advice => DiagnosticSeverity::INFORMATION,
    }
}

/// Converts a finding to a diagnostic. The rule id is the code, and the
/// help and the finding's other places are related information.
pub fn finding_diagnostic(
    finding: &Finding,
    map: &PositionMap,
    uri: &Uri,
    support: DiagnosticSupport,
) -> Diagnostic {
    let range = map.range(&finding.span);
    let mut message = finding.message.clone();
    let mut related = Vec::new();
    if let Some(help) = &finding.help {
        if support.related_information {
            related.push(DiagnosticRelatedInformation {
                location: Location {
                    uri: uri.clone(),
                    range,
                },
                message: help.clone(),
            });
        } else {
            message = format!("{message}\nhelp: {help}");
        }
    }
    if support.related_information {
        related.extend(finding.related.iter().take(MAX_RELATED).map(|span| {
            DiagnosticRelatedInformation {
                location: Location {
                    uri: uri.clone(),
                    range: map.range(span),
                },
                message: format!("counted for {} too", finding.rule),
            }
        }));
        let more = finding.related.len().saturating_sub(MAX_RELATED);
        if more > 0 {
            related.push(DiagnosticRelatedInformation {
                location: Location {
                    uri: uri.clone(),
                    range,
                },
                message: format!("and {more} more places counted for {}", finding.rule),
            });
        }
    }

    Diagnostic {
        range,
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.rule.clone())),
        source: Some(SOURCE.to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Diagnostic::default()
    }
}

/// Builds an error diagnostic for a problem that stopped linting, or part
/// of it. `range` is where it lies in the document, or the start when it
/// lies elsewhere, such as in a rule file.
pub fn error_diagnostic(code: &str, message: String, range: Range) -> Diagnostic {
    Diagnostic {
        range,
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String(code.to_string())),
        source: Some(SOURCE.to_string()),
        message,
        ..Diagnostic::default()
    }
}

/// Formats an error as plain text for an editor: the message, where in its
/// source each label points, the help, and the same for each related error,
/// such as every problem in a set of rule files.
pub fn plain_message(error: &dyn miette::Diagnostic) -> String {
    let mut text = String::new();
    write_plain(error, "", &mut text);
    text
}

fn write_plain(error: &dyn miette::Diagnostic, indent: &str, text: &mut String) {
    text.push_str(&error.to_string());
    if let (Some(source), Some(labels)) = (error.source_code(), error.labels()) {
        for label in labels {
            let Ok(contents) = source.read_span(label.inner(), 0, 0) else {
                continue;
            };
            let name = contents.name().unwrap_or("input");
            text.push_str(&format!(
                "\n{indent}  at {name}:{}:{}",
                contents.line() + 1,
                contents.column() + 1
            ));
            if let Some(label) = label.label() {
                text.push_str(&format!(": {label}"));
            }
        }
    }
    if let Some(related) = error.related() {
        for error in related {
            text.push_str(&format!("\n{indent}- "));
            write_plain(error, &format!("{indent}  "), text);
        }
    }
    if let Some(help) = error.help() {
        text.push_str(&format!("\n{indent}help: {help}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_message_lists_related_errors_with_their_places() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("broken.yaml");
        std::fs::write(&path, "rules:\n  - id: house/x\n    kind: existance\n").unwrap();
        let options = crate::load::LoadOptions {
            default_rules: false,
            paths: vec![path.clone()],
        };
        let error = crate::load::load(&options).unwrap_err();
        let text = plain_message(&error);
        let place = format!("at {}:3:", path.display());
        assert!(
            text.starts_with("invalid rules: 1 problem found\n- "),
            "{text}"
        );
        assert!(text.contains(&place), "{text}");
        assert!(text.contains("existance"), "{text}");
    }
}
