//! `sorrylint test`: check rules against their examples.

use super::args::TestArgs;
use super::output::load_rules;
use crate::examples::check_examples;
use crate::exit::ExitStatus;
use crate::load::{example_line, rule_line};

pub fn run(args: &TestArgs) -> ExitStatus {
    let Some(loaded) = load_rules(&args.rule_args, &args.paths) else {
        return ExitStatus::Error;
    };
    let ruleset = loaded.ruleset;
    // With paths given, test the rules that came from them; without, all.
    let tested: Vec<_> = ruleset
        .rules()
        .iter()
        .filter(|rule| args.paths.is_empty() || !rule.origin.embedded)
        .collect();

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
        println!("FAIL {} ({}:{line})", rule.id, rule.origin.file);
        for failure in failures {
            let list = failure.list.key();
            let example_at = example_line(&rule.origin, list, failure.index)
                .map(|line| format!(" at line {line}"))
                .unwrap_or_default();
            if failure.text.is_empty() {
                println!("  {}", failure.problem);
            } else {
                println!(
                    "  {list} example {}{example_at} {}: {:?}",
                    failure.index + 1,
                    failure.problem,
                    failure.text
                );
            }
        }
    }

    println!(
        "{} rules, {example_count} examples: {} passed, {failed_rules} failed ({failure_count} {})",
        tested.len(),
        tested.len() - failed_rules,
        if failure_count == 1 {
            "failure"
        } else {
            "failures"
        }
    );
    if failed_rules > 0 {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    }
}
