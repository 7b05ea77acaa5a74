//! The line report: one finding per line, as
//! `PATH:LINE:COLUMN: SEVERITY RULE: MESSAGE`, the shape compilers print
//! and Vim's quickfix list and Emacs's compilation mode read. The format
//! and editor settings are documented in docs/output.md.

use std::borrow::Cow;
use std::fmt::Write;

use super::DraftReport;
use crate::text::{ColumnUnit, LineIndex};

/// The rule name on the line of an input that could not be linted. Rule
/// ids always contain a `/`, so it cannot clash with one.
const INPUT_ERROR_RULE: &str = "sorrylint";

/// Renders one line per finding of a draft, and nothing for a clean one,
/// with columns counted in `columns`.
pub fn render_line(report: &DraftReport, columns: ColumnUnit) -> String {
    let lines = LineIndex::new(&report.draft.source);
    let path = one_line(&report.draft.name);
    let mut output = String::new();
    for finding in report.findings {
        let start = lines.position(finding.span.start);
        // Writing into a String cannot fail.
        let _ = writeln!(
            output,
            "{path}:{}:{}: {} {}: {}",
            start.line,
            start.column_in(columns),
            finding.severity,
            finding.rule,
            one_line(&finding.message)
        );
    }
    output
}

/// Renders an input that could not be linted as one error line at line 1,
/// column 1, so that a quickfix list shows the failure with the findings.
pub fn render_error_line(path: &str, message: &str) -> String {
    format!(
        "{}:1:1: error {INPUT_ERROR_RULE}: {}\n",
        one_line(path),
        one_line(message)
    )
}

/// Returns `text` on one line: each control character, line breaks
/// included, and each Unicode line or paragraph separator becomes a space.
fn one_line(text: &str) -> Cow<'_, str> {
    let breaks_line = |c: char| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
    if text.contains(breaks_line) {
        Cow::Owned(
            text.chars()
                .map(|c| if breaks_line(c) { ' ' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_replaces_breaks_and_controls() {
        assert_eq!(
            one_line("a\nb\r\nc\rd\te\u{1b}f\u{85}g\u{2028}h"),
            "a b  c d e f g h"
        );
        assert!(matches!(one_line("plain text"), Cow::Borrowed(_)));
    }

    #[test]
    fn error_line_stays_on_one_line() {
        assert_eq!(
            render_error_line("notes\n.txt", "cannot read\nit"),
            "notes .txt:1:1: error sorrylint: cannot read it\n"
        );
    }
}
