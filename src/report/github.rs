//! The GitHub Actions report: one workflow command per finding, such as
//! `::warning file=a.txt,line=1,col=5,endLine=1,endColumn=8,title=RULE::MESSAGE`,
//! which the Actions runner turns into an annotation on that file.

use std::fmt::Write;

use super::DraftReport;
use crate::severity::Severity;
use crate::text::{ColumnUnit, LineIndex};

/// Renders one workflow command per finding of a draft, and nothing for a
/// clean one, with columns counted in `columns`.
pub fn render_github(report: &DraftReport, columns: ColumnUnit) -> String {
    let lines = LineIndex::new(&report.draft.source);
    let file = escape_property(&report.draft.name);
    let mut output = String::new();
    for finding in report.findings {
        let start = lines.position(finding.span.start);
        let end = lines.position(finding.span.end);
        let mut properties = format!("file={file},line={}", start.line);
        // The Actions runner drops the columns of a range that spans lines
        // (`ValidateLinesAndColumns` in actions/runner), so they are given
        // only for a range on one line.
        if start.line == end.line {
            let _ = write!(
                properties,
                ",col={},endLine={},endColumn={}",
                start.column_in(columns),
                end.line,
                end.column_in(columns)
            );
        } else {
            let _ = write!(properties, ",endLine={}", end.line);
        }
        let _ = writeln!(
            output,
            "::{} {properties},title={}::{}",
            command(finding.severity),
            escape_property(&finding.rule),
            escape_data(&finding.message)
        );
    }
    output
}

/// Renders an input that could not be linted as an error on the file.
pub fn render_error_github(path: &str, message: &str) -> String {
    format!(
        "::error file={}::{}\n",
        escape_property(path),
        escape_data(message)
    )
}

/// Returns the workflow command for a severity. GitHub has no advice
/// level, and `notice` is its lowest.
fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Advice => "notice",
    }
}

/// Escapes a command's message as the Actions toolkit does
/// (`escapeData` in `@actions/core`): `%`, CR and LF become `%25`, `%0D`
/// and `%0A`, so the command stays on one line.
fn escape_data(text: &str) -> String {
    escape(text, false)
}

/// Escapes a property value as the Actions toolkit does
/// (`escapeProperty`): as a message, and also `:` and `,`, which would
/// otherwise end the value.
fn escape_property(text: &str) -> String {
    escape(text, true)
}

fn escape(text: &str, property: bool) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => escaped.push_str("%25"),
            '\r' => escaped.push_str("%0D"),
            '\n' => escaped.push_str("%0A"),
            ':' if property => escaped.push_str("%3A"),
            ',' if property => escaped.push_str("%2C"),
            // The Actions log renders terminal escape sequences, so no
            // control character from a draft or path reaches it.
            c if c.is_control() && c != '\t' => escaped.push(' '),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_spaces() {
        assert_eq!(escape_data("a\u{1b}[31mb\u{7}c\td\u{85}"), "a [31mb c\td ");
        assert_eq!(escape_property("x\u{1b}y"), "x y");
    }

    #[test]
    fn data_escapes_percent_and_line_breaks() {
        assert_eq!(escape_data("100%\r\nok: a,b"), "100%25%0D%0Aok: a,b");
        // An escape already in the text stays literal after unescaping.
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn property_also_escapes_colon_and_comma() {
        assert_eq!(
            escape_property("C:\\drafts\\a,b%.txt\n"),
            "C%3A\\drafts\\a%2Cb%25.txt%0A"
        );
    }

    #[test]
    fn error_command_names_the_file() {
        assert_eq!(
            render_error_github("a,b.txt", "cannot read a,b.txt: not found\n"),
            "::error file=a%2Cb.txt::cannot read a,b.txt: not found%0A\n"
        );
    }
}
