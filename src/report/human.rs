//! The human report: one miette diagnostic per finding, then a summary.

use std::borrow::Cow;
use std::fmt;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use super::source::TextSource;
use super::{Counts, DraftReport};
use crate::finding::{Applicability, Finding, Fix};
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
    let mut shown = terminal_safe(&report.draft.source);
    // miette draws nothing for an empty span at the very end of the text,
    // such as a missing next step in a draft with no final newline. One
    // space after the text gives the marker a column to stand in, so it
    // sits just after the last character, where the header says it is.
    let at_end = report.draft.source.len();
    if report
        .findings
        .iter()
        .any(|finding| finding.span.is_empty() && finding.span.start == at_end && at_end > 0)
    {
        shown.to_mut().push(' ');
    }
    let source = TextSource::new(report.draft.name.as_str(), shown.as_ref());

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
    let fixable = count_first_fixes(report.findings, Applicability::Safe);
    let suggested = count_first_fixes(report.findings, Applicability::Suggested);
    let fixes = match (fixable, suggested) {
        (0, 0) => String::new(),
        (0, suggested) => format!("; {suggested} fixable with --fix --unsafe-fixes"),
        (fixable, 0) => format!("; {fixable} fixable with --fix"),
        (fixable, suggested) => {
            format!("; {fixable} fixable with --fix, {suggested} more with --unsafe-fixes")
        }
    };
    format!(
        "{}: {found}{fixes} (audience: {})",
        report.draft.name,
        report.context.audience.describe()
    )
}

/// Counts the findings whose first fix, the one `--fix` applies, has the
/// given applicability.
fn count_first_fixes(findings: &[Finding], applicability: Applicability) -> usize {
    findings
        .iter()
        .filter(|finding| {
            finding
                .fixes
                .first()
                .is_some_and(|fix| fix.applicability == applicability)
        })
        .count()
}

/// Returns `count` with the singular or plural noun, such as `1 rule`.
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// Returns text safe to print on a terminal, with every byte where it was.
/// A control character that could move the cursor or start an escape
/// sequence becomes `?` (`??` for a two-byte one). A lone CR, which would
/// overwrite the line, becomes LF, the break that rules and positions see.
fn terminal_safe(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    let lone_cr = text
        .match_indices('\r')
        .any(|(offset, _)| !text[offset + 1..].starts_with('\n'));
    if !lone_cr && !text.contains(unsafe_char) {
        return Cow::Borrowed(text);
    }

    let mut output = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() != Some(&'\n') => output.push('\n'),
            c if unsafe_char(c) => output.extend(std::iter::repeat_n('?', c.len_utf8())),
            c => output.push(c),
        }
    }
    Cow::Owned(output)
}

/// Describes a fix on one line: its title, its kind, and the text it
/// writes, such as `fix: Write 'you' (safe): "you"`.
fn describe_fix(fix: &Fix) -> String {
    let kind = match fix.applicability {
        Applicability::Safe => "safe",
        Applicability::Suggested => "suggested",
    };
    let written: Vec<String> = fix
        .edits
        .iter()
        .map(|edit| match edit.replacement.trim() {
            "" => "removes the text".to_string(),
            text => format!("\"{}\"", text.replace('\n', "\\n")),
        })
        .collect();
    format!("fix: {} ({kind}): {}", fix.title, written.join(", "))
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
        f.write_str(&terminal_safe(&self.finding.message))
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let marker = match self.finding.fixes.first().map(|fix| fix.applicability) {
            Some(Applicability::Safe) => " (fixable)",
            Some(Applicability::Suggested) => " (fixable with --unsafe-fixes)",
            None => "",
        };
        Some(Box::new(format!("{}{marker}", self.finding.rule)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Advice => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let lines: Vec<String> = self
            .finding
            .help
            .iter()
            .cloned()
            .chain(self.finding.fixes.iter().map(describe_fix))
            .collect();
        if lines.is_empty() {
            None
        } else {
            Some(Box::new(lines.join("\n")))
        }
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let finding = self.finding;
        let primary_label = if finding.span.is_empty() {
            "missing here".to_string()
        } else if let Some(fix) = finding.fixes.first() {
            lowercase_first(&fix.title)
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

/// Returns `text` with its first letter in lower case, for a fix title
/// used as a label.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_safe_keeps_byte_offsets() {
        let text = "a\x1b]0;x\x07b\rc\r\nd\u{85}e\tf";
        let shown = terminal_safe(text);
        assert_eq!(shown, "a?]0;x?b\nc\r\nd??e\tf");
        assert_eq!(shown.len(), text.len());
        assert!(matches!(terminal_safe("plain\r\ntext"), Cow::Borrowed(_)));
    }
}
