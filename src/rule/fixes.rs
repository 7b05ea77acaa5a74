//! The fixes a rule offers, and turning them into edits for one hit.

use std::ops::Range;

use crate::finding::{Applicability, Edit, Fix};
use crate::rule::kinds::match_case;
use crate::rule::{Check, Hit, Template};
use crate::text::Text;

/// One fix a rule offers; a rule may offer several alternatives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixSpec {
    pub title: Template,
    pub applicability: Applicability,
    pub action: FixAction,
}

/// What a fix does to the draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FixAction {
    /// Write the replacement the kind works out (substitution, repetition).
    Propose,
    /// Replace the match; `$1` and `${name}` take pattern groups, and the
    /// result takes the match's case. Empty text removes the match.
    Replace(String),
    /// Add text at the end of the draft, for something missing.
    Insert(String),
}

/// Builds the fix a spec offers for one hit, or `None` when the kind has no
/// replacement for it. `span` is the hit's range in the original input.
pub fn build_fix(
    spec: &FixSpec,
    check: &dyn Check,
    source: &str,
    text: &Text,
    hit: &Hit,
    span: Range<usize>,
    value: &dyn Fn(&str) -> String,
) -> Option<Fix> {
    let (span, replacement) = match &spec.action {
        FixAction::Propose => (span, hit.replacement.clone()?),
        FixAction::Replace(template) => {
            let matched = &text.normalized()[hit.range.clone()];
            let replacement = match_case(matched, &check.expand(text, hit, template));
            if replacement.is_empty() {
                (widen_removal(source, span), replacement)
            } else {
                (span, replacement)
            }
        }
        FixAction::Insert(addition) => (span, join_at_end(text, addition)),
    };
    let replacement = text.fit_style(&replacement);

    let title = spec.title.render(|name| {
        if name == "replacement" {
            replacement.clone()
        } else {
            value(name)
        }
    });
    Some(Fix {
        title,
        applicability: spec.applicability,
        edits: vec![Edit { span, replacement }],
    })
}

/// Widens a removal by one neighbouring space, so that taking a word out
/// leaves no double space: the space after it, else the one before it.
fn widen_removal(source: &str, span: Range<usize>) -> Range<usize> {
    if source[span.end..].starts_with(' ') {
        span.start..span.end + 1
    } else if span.start > 0 && source[..span.start].ends_with(' ') {
        span.start - 1..span.end
    } else {
        span
    }
}

/// Returns `addition` as it follows the draft's last sentence: after a
/// space, and after a full stop when the draft ends mid-sentence.
fn join_at_end(text: &Text, addition: &str) -> String {
    let content = text.normalized().trim_end();
    match content.chars().last() {
        None => addition.to_string(),
        Some(last) if last.is_alphanumeric() => format!(". {addition}"),
        Some(_) => format!(" {addition}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removal_takes_one_neighbouring_space() {
        let source = "ok lol then";
        assert_eq!(&source[widen_removal(source, 3..6)], "lol ");
        let source = "ok lol";
        assert_eq!(&source[widen_removal(source, 3..6)], " lol");
        let source = "lol";
        assert_eq!(widen_removal(source, 0..3), 0..3);
    }

    #[test]
    fn insertion_follows_last_sentence() {
        let text = Text::new("missed your call", 0..16);
        assert_eq!(join_at_end(&text, "Free at 3?"), ". Free at 3?");
        let text = Text::new("Missed your call! \n", 0..19);
        assert_eq!(join_at_end(&text, "Free at 3?"), " Free at 3?");
        let text = Text::new("", 0..0);
        assert_eq!(join_at_end(&text, "Free at 3?"), "Free at 3?");
    }
}
