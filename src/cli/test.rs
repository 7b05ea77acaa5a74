//! `sorrylint test`: check rules against their examples.

use std::fmt::Write;
use std::path::Path;

use super::args::TestArgs;
use super::output::{load_rules, write_stdout};
use crate::examples::check_examples;
use crate::exit::ExitStatus;
use crate::load::{example_line, rule_line};
use crate::report::plural;

pub fn run(args: &TestArgs) -> ExitStatus {
    let Some(loaded) = load_rules(&args.rule_args, &args.paths) else {
        return ExitStatus::Error;
    };
    let ruleset = loaded.ruleset;
    // With paths given, test the rules that came from them; without, all.
    let tested: Vec<_> = ruleset
        .rules()
        .iter()
        .filter(|rule| {
            let file = Path::new(&rule.origin.file);
            args.paths.is_empty() || args.paths.iter().any(|path| file.starts_with(path))
        })
        .collect();

    let mut output = String::new();
    let mut failed_rules = 0;
    let mut example_count = 0;
    let mut failure_count = 0;
    for rule in &tested {
        example_count += rule.examples.bad.len() + rule.examples.good.len();
        let failures = check_examples(&ruleset, rule);
        if failures.is_empty() {
            continue;
        }
        failed_rules += 1;
        failure_count += failures.len();
        let line = rule_line(&rule.origin).unwrap_or(0);
        let _ = writeln!(output, "FAIL {} ({}:{line})", rule.id, rule.origin.file);
        for failure in failures {
            let list = failure.list.key();
            let example_at = example_line(&rule.origin, list, failure.index)
                .map(|line| format!(" at line {line}"))
                .unwrap_or_default();
            if failure.text.is_empty() {
                let _ = writeln!(output, "  {}", failure.problem);
            } else {
                let _ = writeln!(
                    output,
                    "  {list} example {}{example_at} {}: {:?}",
                    failure.index + 1,
                    failure.problem,
                    failure.text
                );
            }
        }
    }

    let _ = writeln!(
        output,
        "{}, {}: {} passed, {failed_rules} failed ({})",
        plural(tested.len(), "rule", "rules"),
        plural(example_count, "example", "examples"),
        tested.len() - failed_rules,
        plural(failure_count, "failure", "failures"),
    );
    let written = write_stdout(&output);
    if failed_rules > 0 {
        written.max(ExitStatus::Findings)
    } else {
        written
    }
}
