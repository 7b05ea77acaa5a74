//! The human report: one miette diagnostic per finding, then a summary.

use std::fmt;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use super::source::TextSource;
use super::{Counts, DraftReport};
use crate::finding::Finding;
use crate::severity::Severity;

/// Related places underlined per finding, besides the main span.
const MAX_RELATED_LABELS: usize = 8;

/// Settings for the human report.
#[derive(Clone, Copy, Debug)]
pub struct HumanOptions {
    pub color: bool,
    /// Columns to wrap at.
    pub width: usize,
}

/// Renders the findings of one draft and its summary line.
pub fn render_human(report: &DraftReport, options: HumanOptions) -> String {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false);
    let source = TextSource::new(report.draft.name.as_str(), report.draft.source.as_str());

    let mut output = String::new();
    for finding in report.findings {
        let diagnostic = FindingDiagnostic {
            finding,
            source: &source,
        };
        // Writing into a String cannot fail.
        let _ = handler.render_report(&mut output, &diagnostic);
        output.push('\n');
    }
    output.push_str(&summary_line(report));
    output.push('\n');
    output
}

fn summary_line(report: &DraftReport) -> String {
    let counts = Counts::of(report.findings);
    let found = if report.findings.is_empty() {
        "no problems found".to_string()
    } else {
        format!(
            "{}, {}, {}",
            plural(counts.error, "error", "errors"),
            plural(counts.warning, "warning", "warnings"),
            plural(counts.advice, "advice", "advice")
        )
    };
    format!(
        "{}: {found} (audience: {})",
        report.draft.name,
        report.context.audience.describe()
    )
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// A finding as miette shows it: the rule id as the code, the span
/// labelled, and the help with the suggested replacement.
struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    source: &'a TextSource<&'a str>,
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.finding, f)
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Advice => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let suggestion = self
            .finding
            .fixes
            .first()
            .map(|fix| format!("suggestion: {}", fix.title));
        let help = match (&self.finding.help, suggestion) {
            (Some(help), Some(suggestion)) => format!("{help}\n{suggestion}"),
            (Some(help), None) => help.clone(),
            (None, Some(suggestion)) => suggestion,
            (None, None) => return None,
        };
        Some(Box::new(help))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let finding = self.finding;
        let primary_label = if finding.span.is_empty() {
            "missing here".to_string()
        } else if let Some(fix) = finding.fixes.first() {
            fix.title.to_lowercase_first()
        } else {
            "here".to_string()
        };
        let primary = LabeledSpan::new_primary_with_span(Some(primary_label), finding.span.clone());
        // A draft with hundreds of repeats would print hundreds of
        // underlines; the JSON report carries them all.
        let related = finding
            .related
            .iter()
            .take(MAX_RELATED_LABELS)
            .map(|span| LabeledSpan::new_with_span(None, span.clone()));
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}

trait LowercaseFirst {
    fn to_lowercase_first(&self) -> String;
}

impl LowercaseFirst for String {
    fn to_lowercase_first(&self) -> String {
        let mut chars = self.chars();
        match chars.next() {
            Some(first) => first.to_lowercase().chain(chars).collect(),
            None => String::new(),
        }
    }
}
