//! Applying fixes to a draft until it settles.

mod apply;
mod write;

use std::collections::BTreeSet;
use std::collections::HashSet;

use crate::context::Context;
use crate::draft::{Draft, DraftError};
use crate::finding::Finding;
use crate::ruleset::Ruleset;

pub use apply::{apply_fixes, chosen_fixes};
pub use write::{WriteError, write_in_place};

/// How many lint-and-fix passes run before a draft is judged not to settle.
/// Real fixes settle in one or two passes; the limit only stops rules whose
/// fixes undo each other.
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

    /// The fixed text could not be read back as a draft.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Draft(#[from] DraftError),
}

/// Lints and fixes a draft again and again until no chosen fix changes it.
pub fn fix_draft(
    ruleset: &Ruleset,
    draft: Draft,
    context: &Context,
    unsafe_fixes: bool,
) -> Result<FixOutcome, FixError> {
    let mut draft = draft;
    let mut applied = 0;
    let mut seen: HashSet<String> = HashSet::from([draft.source.clone()]);
    for _ in 0..MAX_PASSES {
        let findings = ruleset.lint(&draft, context);
        let chosen = chosen_fixes(&findings, unsafe_fixes);
        let (fixed, used) = apply_fixes(&draft.source, &chosen);
        if fixed == draft.source {
            return Ok(FixOutcome {
                draft,
                remaining: findings,
                applied,
            });
        }

        applied += used.len();
        if !seen.insert(fixed.clone()) {
            return Err(not_settled(&draft.name, &used));
        }
        let name = draft.name.clone();
        draft = Draft::from_text(&name, fixed)?;
    }

    let findings = ruleset.lint(&draft, context);
    let chosen = chosen_fixes(&findings, unsafe_fixes);
    let (fixed, used) = apply_fixes(&draft.source, &chosen);
    if fixed == draft.source {
        Ok(FixOutcome {
            draft,
            remaining: findings,
            applied,
        })
    } else {
        Err(not_settled(&draft.name, &used))
    }
}

fn not_settled(name: &str, used: &[&Finding]) -> FixError {
    let rules: BTreeSet<String> = used.iter().map(|finding| finding.rule.clone()).collect();
    FixError::NotSettled {
        name: name.to_string(),
        rules: rules.into_iter().collect(),
    }
}
