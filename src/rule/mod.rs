//! Compiled rules: what each one looks for, for whom, and how it reports.
//!
//! Rule files are parsed and checked in `crate::load`; by the time a `Rule`
//! exists, every pattern is compiled and every name resolved, so linting a
//! draft compiles nothing.

pub mod conditions;
pub mod fixes;
pub mod kinds;
pub mod matcher;
pub mod template;

use std::collections::BTreeSet;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use crate::context::Context;
use crate::duration::Elapsed;
use crate::finding::Finding;
use crate::severity::Severity;
use crate::text::Text;

pub use conditions::{Bounds, Conditions};
pub use fixes::{FixAction, FixSpec};
pub use matcher::{EntryError, EntryList, EntryMatch, EntrySpec, Matcher};
pub use template::Template;

/// The kinds of rule a rule file can declare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Existence,
    Substitution,
    Occurrence,
    Repetition,
    Require,
    Metric,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Existence => "existence",
            Kind::Substitution => "substitution",
            Kind::Occurrence => "occurrence",
            Kind::Repetition => "repetition",
            Kind::Require => "require",
            Kind::Metric => "metric",
        }
    }

    /// The placeholders a message of this kind can use.
    pub fn placeholders(self) -> &'static [&'static str] {
        match self {
            Kind::Existence => &["match"],
            Kind::Substitution => &["match", "replacement"],
            Kind::Occurrence => &["match", "count", "max", "min"],
            Kind::Repetition => &["match", "word"],
            Kind::Require => &[],
            Kind::Metric => &["metric", "value", "max", "min"],
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The check step of one kind of rule.
pub trait Check: Send + Sync + fmt::Debug {
    /// Appends what this rule finds in the draft.
    fn check(&self, text: &Text, hits: &mut Vec<Hit>);

    /// Expands `$1` or `${name}` in a fix's replacement with the groups of
    /// the pattern behind `hit`. Kinds without patterns return it as is.
    fn expand(&self, _text: &Text, _hit: &Hit, template: &str) -> String {
        template.to_string()
    }
}

/// What a check found, in normalized offsets, before the rule turns it into
/// a finding.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hit {
    pub range: Range<usize>,
    /// Values for the message's placeholders, besides `{match}`.
    pub values: Vec<(&'static str, String)>,
    pub related: Vec<Range<usize>>,
    /// The replacement this kind of rule works out itself (substitution,
    /// repetition), in the draft's own characters.
    pub replacement: Option<String>,
    /// The entry match behind the hit, for expanding `$1` in a fix.
    pub entry: Option<EntryMatch>,
    /// The draft is empty, so the message says that instead of what is
    /// missing.
    pub empty_draft: bool,
}

/// A draft from a rule file, with the context to lint it in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    pub text: String,
    pub to: Option<String>,
    pub missed_calls: Option<u32>,
    pub elapsed: Option<Elapsed>,
}

/// Drafts that must and must not trigger a rule.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Examples {
    pub bad: Vec<Example>,
    pub good: Vec<Example>,
}

/// Where a rule was defined. Lines are worked out from the file's text only
/// when a report needs them, so loading stays cheap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The rule file's path, or `embedded:rules/NAME.yaml` for the default
    /// rules built into the binary.
    pub file: String,
    pub text: Arc<String>,
    /// The rule's position in the file's `rules` list.
    pub index: usize,
}

/// One compiled rule.
#[derive(Debug)]
pub struct Rule {
    pub id: String,
    pub kind: Kind,
    pub severity: Severity,
    pub message: Template,
    pub help: Option<String>,
    /// The `audience` entries as written; empty means everyone.
    pub audience: Vec<String>,
    /// The audience names those entries expand to; `None` means everyone.
    pub audience_names: Option<BTreeSet<String>>,
    pub when: Conditions,
    pub unless: Option<Matcher>,
    pub check: Box<dyn Check>,
    /// Alternative fixes, in order; only the first may be safe.
    pub fixes: Vec<FixSpec>,
    pub examples: Examples,
    pub origin: Origin,
}

impl Rule {
    /// Whether the rule applies to this audience and situation.
    pub fn applies(&self, context: &Context) -> bool {
        let audience_fits = match &self.audience_names {
            None => true,
            Some(names) => context
                .audience
                .members
                .iter()
                .any(|member| names.contains(member)),
        };
        audience_fits && self.when.hold(context)
    }

    /// Appends this rule's findings in `text`. `source` is the whole input
    /// that `text` was made from.
    pub fn check(&self, source: &str, text: &Text, context: &Context, findings: &mut Vec<Finding>) {
        if !self.applies(context) {
            return;
        }
        if let Some(unless) = &self.unless
            && unless.is_match(text)
        {
            return;
        }

        let mut hits = Vec::new();
        self.check.check(text, &mut hits);
        for hit in hits {
            findings.push(self.to_finding(source, text, hit));
        }
    }

    fn to_finding(&self, source: &str, text: &Text, hit: Hit) -> Finding {
        let span = text.to_source(hit.range.clone());
        let matched = &source[span.clone()];
        let value = |name: &str| -> String {
            if name == "match" {
                matched.to_string()
            } else {
                hit.values
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| value.clone())
                    .unwrap_or_default()
            }
        };

        let mut message = self.message.render(value);
        if hit.empty_draft {
            message = format!("The draft is empty. {message}");
        }
        let fixes = self
            .fixes
            .iter()
            .filter_map(|spec| {
                fixes::build_fix(
                    spec,
                    self.check.as_ref(),
                    source,
                    text,
                    &hit,
                    span.clone(),
                    &value,
                )
            })
            .collect();
        Finding {
            rule: self.id.clone(),
            severity: self.severity,
            message,
            help: self.help.clone(),
            related: hit
                .related
                .iter()
                .map(|range| text.to_source(range.clone()))
                .collect(),
            span,
            fixes,
        }
    }
}
