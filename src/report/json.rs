//! The JSON report: one object per input, one per line (JSON Lines).
//! The fields are documented in docs/output.md.

use serde::Serialize;

use super::{Counts, DraftReport};
use crate::finding::{Finding, Fix};
use crate::severity::Severity;
use crate::text::LineIndex;

#[derive(Serialize)]
struct DraftObject<'a> {
    path: &'a str,
    audience: AudienceObject<'a>,
    missed_calls: u32,
    /// Minutes since the call, when given.
    elapsed_minutes: Option<u64>,
    findings: Vec<FindingObject<'a>>,
    summary: SummaryObject,
}

#[derive(Serialize)]
struct AudienceObject<'a> {
    /// `null` when none was given and the default group was used.
    name: Option<&'a str>,
    group: &'a str,
}

#[derive(Serialize)]
struct FindingObject<'a> {
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    help: Option<&'a str>,
    span: SpanObject,
    related: Vec<SpanObject>,
    replacements: Vec<&'a str>,
    fixes: &'a [Fix],
}

/// A byte range, with 1-based lines and columns for both ends. Columns
/// count grapheme clusters, and the `_utf16` ones count UTF-16 code units
/// for editors that do.
#[derive(Serialize)]
struct SpanObject {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    column_utf16: usize,
    end_line: usize,
    end_column: usize,
    end_column_utf16: usize,
}

#[derive(Serialize)]
struct SummaryObject {
    error: usize,
    warning: usize,
    advice: usize,
}

#[derive(Serialize)]
struct ErrorObject<'a> {
    path: &'a str,
    error: &'a str,
}

/// Renders one draft's findings as a single line of JSON.
pub fn render_json(report: &DraftReport) -> String {
    let lines = LineIndex::new(&report.draft.source);
    let span = |range: &std::ops::Range<usize>| {
        let start = lines.position(range.start);
        let end = lines.position(range.end);
        SpanObject {
            start: range.start,
            end: range.end,
            line: start.line,
            column: start.column,
            column_utf16: start.utf16_column,
            end_line: end.line,
            end_column: end.column,
            end_column_utf16: end.utf16_column,
        }
    };
    let counts = Counts::of(report.findings);
    let context = report.context;
    let object = DraftObject {
        path: &report.draft.name,
        audience: AudienceObject {
            name: context.audience.name.as_deref(),
            group: &context.audience.group,
        },
        missed_calls: context.missed_calls,
        elapsed_minutes: context.elapsed.map(|elapsed| elapsed.minutes()),
        findings: report
            .findings
            .iter()
            .map(|finding| finding_object(finding, &span))
            .collect(),
        summary: SummaryObject {
            error: counts.error,
            warning: counts.warning,
            advice: counts.advice,
        },
    };
    serde_json::to_string(&object).expect("report serializes")
}

fn finding_object<'a>(
    finding: &'a Finding,
    span: &impl Fn(&std::ops::Range<usize>) -> SpanObject,
) -> FindingObject<'a> {
    FindingObject {
        rule: &finding.rule,
        severity: finding.severity,
        message: &finding.message,
        help: finding.help.as_deref(),
        span: span(&finding.span),
        related: finding.related.iter().map(span).collect(),
        replacements: finding.replacements().collect(),
        fixes: &finding.fixes,
    }
}

/// Renders an input that could not be linted as a single line of JSON.
pub fn render_error_json(path: &str, error: &str) -> String {
    serde_json::to_string(&ErrorObject { path, error }).expect("error serializes")
}
