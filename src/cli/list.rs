//! `sorrylint rules`: list the loaded rules.

use serde::Serialize;

use super::args::{ListArgs, ListFormat};
use super::output::{load_rules, write_stdout};
use crate::exit::ExitStatus;
use crate::severity::Severity;

#[derive(Serialize)]
struct RuleRow<'a> {
    id: &'a str,
    kind: &'static str,
    severity: Severity,
    /// Groups or audiences; empty means everyone.
    audience: &'a [String],
    file: &'a str,
}

pub fn run(args: &ListArgs) -> ExitStatus {
    let Some(loaded) = load_rules(&args.rule_args, &[]) else {
        return ExitStatus::Error;
    };
    let ruleset = loaded.ruleset;
    let rows: Vec<RuleRow> = ruleset
        .rules()
        .iter()
        .map(|rule| RuleRow {
            id: &rule.id,
            kind: rule.kind.name(),
            severity: rule.severity,
            audience: &rule.audience,
            file: &rule.origin.file,
        })
        .collect();

    let output = match args.format {
        ListFormat::Json => rows
            .iter()
            .map(|row| serde_json::to_string(row).expect("row serializes") + "\n")
            .collect(),
        ListFormat::Human => table(&rows),
    };
    write_stdout(&output)
}

fn table(rows: &[RuleRow]) -> String {
    let audience_text = |row: &RuleRow| {
        if row.audience.is_empty() {
            "everyone".to_string()
        } else {
            row.audience.join(", ")
        }
    };
    let id_width = rows
        .iter()
        .map(|row| row.id.len())
        .max()
        .unwrap_or(0)
        .max(2);
    let kind_width = rows
        .iter()
        .map(|row| row.kind.len())
        .max()
        .unwrap_or(0)
        .max(4);

    let mut output = format!(
        "{:id_width$}  {:kind_width$}  {:8}  AUDIENCE\n",
        "ID", "KIND", "SEVERITY"
    );
    for row in rows {
        output.push_str(&format!(
            "{:id_width$}  {:kind_width$}  {:8}  {}\n",
            row.id,
            row.kind,
            row.severity.as_str(),
            audience_text(row)
        ));
    }
    let noun = if rows.len() == 1 { "rule" } else { "rules" };
    output.push_str(&format!("{} {noun}\n", rows.len()));
    output
}
