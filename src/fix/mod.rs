//! Applying fixes to a draft until it settles.

mod apply;
mod write;

use std::collections::BTreeSet;

use crate::context::Context;
use crate::draft::Draft;
use crate::finding::{Finding, Fix};
use crate::ruleset::Ruleset;

pub use apply::{apply_fixes, chosen_fixes};
pub use write::{WriteError, write_in_place};

/// How many lint-and-fix passes run before a draft is judged not to settle.
/// Fixes that do not undo each other settle in a few passes (one more for
/// each insertion), so the limit only stops rules that fight.
pub const MAX_PASSES: usize = 10;

/// A draft after fixing, with what remains to report.
#[derive(Debug)]
pub struct FixOutcome {
    pub draft: Draft,
    /// Findings in the fixed draft.
    pub remaining: Vec<Finding>,
    /// How many fixes were applied over all passes.
    pub applied: usize,
}

/// Why fixing failed.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum FixError {
    #[error(
        "{name}: fixes do not settle, because these rules keep changing the text: {}",
        rules.join(", ")
    )]
    #[diagnostic(
        code(sorrylint::fixes_not_settled),
        help(
            "nothing was written; turn one of these rules off with --disable, or fix its rule file so that its fix no longer triggers another rule"
        )
    )]
    NotSettled { name: String, rules: Vec<String> },
}

/// Lints and fixes a draft again and again until no chosen fix changes it.
///
/// Insertions at the end wait until no other fix applies, and then apply
/// one per pass, so that the text they join is the final one. Passes reuse the first reading of the front
/// matter: an edit never touches it, and the body stays the body even if a
/// fix makes it start with `---`.
///
/// NOTE: such a fixed file is read with front matter the next time it is
/// linted; no fix in the default rules can produce one.
pub fn fix_draft(
    ruleset: &Ruleset,
    draft: Draft,
    context: &Context,
    unsafe_fixes: bool,
) -> Result<FixOutcome, FixError> {
    let mut draft = draft;
    let mut applied = 0;
    // Every text so far, and the rules whose fixes made it from the one
    // before, to name the rules of a cycle.
    let mut history: Vec<(String, BTreeSet<String>)> =
        vec![(draft.source.clone(), BTreeSet::new())];
    for _ in 0..=MAX_PASSES {
        let findings = ruleset.lint(&draft, context);
        let mut chosen = chosen_fixes(&findings, unsafe_fixes);
        // Each insertion joins the text as the pass found it, so two in
        // one pass would stack sentences that the first may already make
        // unnecessary: apply one at a time, after everything else.
        if chosen.iter().any(|(_, fix)| !is_insertion(fix)) {
            chosen.retain(|(_, fix)| !is_insertion(fix));
        } else {
            chosen.truncate(1);
        }
        let (fixed, used) = apply_fixes(&draft.source, &chosen);
        if fixed == draft.source {
            return Ok(FixOutcome {
                draft,
                remaining: findings,
                applied,
            });
        }

        applied += used.len();
        let rules: BTreeSet<String> = used.iter().map(|finding| finding.rule.clone()).collect();
        if let Some(first) = history.iter().position(|(text, _)| *text == fixed) {
            let mut cycle: BTreeSet<String> = history[first + 1..]
                .iter()
                .flat_map(|(_, rules)| rules.iter().cloned())
                .collect();
            cycle.extend(rules);
            return Err(not_settled(&draft.name, cycle));
        }
        if history.len() > MAX_PASSES {
            return Err(not_settled(&draft.name, rules));
        }
        history.push((fixed.clone(), rules));
        draft = draft.with_source(fixed);
    }
    unreachable!("the loop returns once the history is longer than MAX_PASSES")
}

fn is_insertion(fix: &Fix) -> bool {
    fix.edits.iter().all(|edit| edit.span.is_empty())
}

fn not_settled(name: &str, rules: BTreeSet<String>) -> FixError {
    FixError::NotSettled {
        name: name.to_string(),
        rules: rules.into_iter().collect(),
    }
}
