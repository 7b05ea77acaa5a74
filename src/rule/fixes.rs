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
                let body_start = text.to_source(0..0).start;
                widen_removal(source, body_start, span)
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

/// Widens a removal so that taking text out leaves clean text: one
/// neighbouring space goes with it, but never the only space between two
/// words, and a sentence that now starts in lower case gets its capital.
fn widen_removal(source: &str, body_start: usize, span: Range<usize>) -> (Range<usize>, String) {
    let before = &source[body_start..span.start];
    let after = &source[span.end..];
    let space_before = before.is_empty() || before.ends_with(char::is_whitespace);
    let sentence_start = {
        let trimmed = before.trim_end_matches([' ', '\t']);
        trimmed.is_empty() || trimmed.ends_with(['.', '!', '?', '\n', '\r'])
    };

    let mut range = span.clone();
    if space_before && after.starts_with(' ') {
        range.end += 1;
    } else if !after.starts_with(char::is_alphanumeric) && before.ends_with(' ') {
        range.start -= 1;
    }

    let mut replacement = String::new();
    if sentence_start
        && let Some(next) = source[range.end..].chars().next()
        && next.is_lowercase()
    {
        replacement.extend(next.to_uppercase());
        range.end += next.len_utf8();
    }
    (range, replacement)
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

    #[track_caller]
    fn assert_removed(source: &str, remove: &str, expected: &str) {
        let start = source.find(remove).unwrap();
        let (range, replacement) = widen_removal(source, 0, start..start + remove.len());
        let mut fixed = source.to_string();
        fixed.replace_range(range, &replacement);
        assert_eq!(fixed, expected);
    }

    #[test]
    fn removal_leaves_clean_text() {
        assert_removed("ok lol then", "lol", "ok then");
        assert_removed("ok lol.", "lol", "ok.");
        assert_removed("lol", "lol", "");
        // The only space between two words stays.
        assert_removed(
            "call, I'm the worst and I'll",
            ", I'm the worst",
            "call and I'll",
        );
        // A sentence that loses its first word keeps its capital.
        assert_removed("Omg sorry I missed it", "Omg", "Sorry I missed it");
        assert_removed("Hi. Omg sorry", "Omg", "Hi. Sorry");
        assert_removed("so omg sorry", "omg", "so sorry");
        assert_removed("hey\nomg sorry", "omg", "hey\nSorry");
    }

    #[test]
    fn removal_after_front_matter_starts_a_sentence() {
        let source = "---\nto: client\n---\nomg sorry";
        let start = source.find("omg").unwrap();
        let (range, replacement) = widen_removal(source, start, start..start + 3);
        let mut fixed = source.to_string();
        fixed.replace_range(range, &replacement);
        assert_eq!(fixed, "---\nto: client\n---\nSorry");
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
