//! The default rules against their own examples, through the library:
//! every bad example triggers its rule and no good one does.

use sorrylint::examples::check_examples;
use sorrylint::load::{LoadOptions, load};
use sorrylint::ruleset::Ruleset;

fn default_rules() -> Ruleset {
    load(&LoadOptions {
        default_rules: true,
        paths: vec![],
    })
    .expect("the default rules load")
}

#[test]
fn default_rules_pass_own_examples() {
    let ruleset = default_rules();
    assert!(!ruleset.rules().is_empty());

    let mut report = Vec::new();
    for rule in ruleset.rules() {
        for failure in check_examples(&ruleset, rule) {
            report.push(format!(
                "{} ({}): {} example {} {}: {:?}",
                rule.id,
                rule.origin.file,
                failure.list.key(),
                failure.index + 1,
                failure.problem,
                failure.text
            ));
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}

#[test]
fn default_rules_have_two_of_each_example() {
    let ruleset = default_rules();

    let mut short = Vec::new();
    for rule in ruleset.rules() {
        let bad = rule.examples.bad.len();
        let good = rule.examples.good.len();
        if bad < 2 || good < 2 {
            short.push(format!("{}: {bad} bad, {good} good", rule.id));
        }
    }
    assert!(short.is_empty(), "{}", short.join("\n"));
}
