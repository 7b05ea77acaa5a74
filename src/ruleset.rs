//! The loaded rules and audiences, and linting a draft with them.

use crate::audience::Audiences;
use crate::context::Context;
use crate::draft::Draft;
use crate::finding::Finding;
use crate::rule::Rule;
use crate::text::Text;

/// Compiled rules, ready to lint any number of drafts.
#[derive(Debug)]
pub struct Ruleset {
    rules: Vec<Rule>,
    audiences: Audiences,
}

/// The error for a rule id that no loaded rule has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule {
    pub id: String,
    pub closest: Option<String>,
}

impl std::fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown rule or group '{}'", self.id)?;
        match &self.closest {
            Some(closest) => write!(f, ": did you mean '{closest}'?"),
            None => write!(f, ": run `sorrylint rules` to list the rules"),
        }
    }
}

impl std::error::Error for UnknownRule {}

impl miette::Diagnostic for UnknownRule {}

impl Ruleset {
    pub fn new(rules: Vec<Rule>, audiences: Audiences) -> Self {
        Ruleset { rules, audiences }
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn audiences(&self) -> &Audiences {
        &self.audiences
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|rule| rule.id == id)
    }

    /// Checks that `name` is a rule id or a group (the part before the `/`).
    pub fn check_rule_name(&self, name: &str) -> Result<(), UnknownRule> {
        let known = self
            .rules
            .iter()
            .any(|rule| rule.id == name || rule_group(&rule.id) == name);
        if known {
            Ok(())
        } else {
            Err(UnknownRule {
                id: name.to_string(),
                closest: self.closest_name(name),
            })
        }
    }

    /// Removes rules by id, or by group (the part before the `/`). Nothing is
    /// removed when any name matches no rule.
    pub fn disable(&mut self, names: &[String]) -> Result<(), UnknownRule> {
        for name in names {
            self.check_rule_name(name)?;
        }
        self.rules.retain(|rule| {
            !names
                .iter()
                .any(|name| rule.id == *name || rule_group(&rule.id) == name)
        });
        Ok(())
    }

    fn closest_name(&self, name: &str) -> Option<String> {
        let groups = self.rules.iter().map(|rule| rule_group(&rule.id));
        let ids = self.rules.iter().map(|rule| rule.id.as_str());
        ids.chain(groups)
            .map(|candidate| (strsim::levenshtein(name, candidate), candidate))
            .filter(|(distance, candidate)| *distance <= candidate.len().max(name.len()) / 2)
            .min()
            .map(|(_, candidate)| candidate.to_string())
    }

    /// Lints a draft. Findings are sorted by position, then by severity,
    /// most serious first.
    pub fn lint(&self, draft: &Draft, context: &Context) -> Vec<Finding> {
        let text = Text::new(&draft.source, draft.body.clone()).with_style(draft.style);
        let mut findings = Vec::new();
        for rule in &self.rules {
            rule.check(&draft.source, &text, context, &mut findings);
        }
        findings.sort_by(|a, b| {
            (a.span.start, std::cmp::Reverse(a.severity), &a.rule).cmp(&(
                b.span.start,
                std::cmp::Reverse(b.severity),
                &b.rule,
            ))
        });
        findings
    }

    /// Lints a draft with one rule only, as rule examples are checked.
    pub fn lint_with_rule(&self, rule: &Rule, draft: &Draft, context: &Context) -> Vec<Finding> {
        let text = Text::new(&draft.source, draft.body.clone()).with_style(draft.style);
        let mut findings = Vec::new();
        rule.check(&draft.source, &text, context, &mut findings);
        findings
    }
}

fn rule_group(id: &str) -> &str {
    id.split_once('/').map_or(id, |(group, _)| group)
}
