//! Checking a rule against its own examples: every bad example must
//! trigger the rule and no good one may.

use crate::context::Context;
use crate::draft::Draft;
use crate::report::plural;
use crate::rule::{Example, Rule};
use crate::ruleset::Ruleset;

/// Whether an example was meant to trigger its rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExampleList {
    Bad,
    Good,
}

impl ExampleList {
    pub fn key(self) -> &'static str {
        match self {
            ExampleList::Bad => "bad",
            ExampleList::Good => "good",
        }
    }
}

/// An example that did not behave as its list says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleFailure {
    pub list: ExampleList,
    /// Position in the `bad` or `good` list.
    pub index: usize,
    pub text: String,
    pub problem: String,
}

/// Checks every example of `rule`. A rule without a bad or a good example
/// fails too, since nothing would show that it works.
pub fn check_examples(ruleset: &Ruleset, rule: &Rule) -> Vec<ExampleFailure> {
    let mut failures = Vec::new();
    for (list, examples) in [
        (ExampleList::Bad, &rule.examples.bad),
        (ExampleList::Good, &rule.examples.good),
    ] {
        if examples.is_empty() {
            failures.push(ExampleFailure {
                list,
                index: 0,
                text: String::new(),
                problem: format!("the rule has no {} example: add at least one", list.key()),
            });
        }
        for (index, example) in examples.iter().enumerate() {
            if let Some(problem) = check_example(ruleset, rule, example, list) {
                failures.push(ExampleFailure {
                    list,
                    index,
                    text: example.text.clone(),
                    problem,
                });
            }
        }
    }
    failures
}

fn check_example(
    ruleset: &Ruleset,
    rule: &Rule,
    example: &Example,
    list: ExampleList,
) -> Option<String> {
    let context = match example_context(ruleset, rule, example) {
        Ok(context) => context,
        Err(problem) => return Some(problem),
    };
    let draft = Draft::plain("example", example.text.clone());
    let findings = ruleset.lint_with_rule(rule, &draft, &context);
    let situation = describe_situation(&context);
    match (list, findings.first()) {
        (ExampleList::Bad, None) => Some(format!("did not trigger the rule ({situation})")),
        (ExampleList::Good, Some(finding)) => Some(format!(
            "triggered the rule: {} ({situation})",
            finding.message
        )),
        _ => None,
    }
}

/// Describes the context an example ran in, so that a failure caused by
/// the context (no elapsed time, say) shows its cause.
fn describe_situation(context: &Context) -> String {
    let audience = match &context.audience.name {
        Some(name) => format!("audience: {name}"),
        None => format!("audience: the {} group", context.audience.group),
    };
    let elapsed = match context.elapsed {
        Some(elapsed) => format!("elapsed {elapsed}"),
        None => "elapsed not given".to_string(),
    };
    let calls = plural(context.missed_calls as usize, "call", "calls");
    format!("{audience}, {calls} missed, {elapsed}")
}

/// The context an example is linted in: its own keys, else the rule's
/// first audience entry, else no audience.
fn example_context(ruleset: &Ruleset, rule: &Rule, example: &Example) -> Result<Context, String> {
    let audiences = ruleset.audiences();
    let audience = match example
        .to
        .as_deref()
        .or(rule.audience.first().map(String::as_str))
    {
        Some(entry) => audiences.resolve_entry(entry),
        None => audiences.resolve(None),
    }
    .map_err(|error| error.to_string())?;
    Ok(Context {
        audience,
        missed_calls: example.missed_calls.unwrap_or(1),
        elapsed: example.elapsed,
    })
}
