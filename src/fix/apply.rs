//! Choosing which fixes apply together, and applying their edits.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use crate::finding::{Applicability, Edit, Finding, Fix};

/// Returns the fix each finding would apply: its first fix, when that one
/// is safe or `unsafe_fixes` allows a suggested one.
pub fn chosen_fixes(findings: &[Finding], unsafe_fixes: bool) -> Vec<(&Finding, &Fix)> {
    findings
        .iter()
        .filter_map(|finding| {
            let fix = finding.fixes.first()?;
            let allowed = fix.applicability == Applicability::Safe || unsafe_fixes;
            allowed.then_some((finding, fix))
        })
        .collect()
}

/// Applies fixes in one pass and returns the new text with the fixes that
/// took part. Where edits of two fixes overlap, the fix with the longer
/// edits wins, then the earlier one. Edits that only touch all apply, and
/// insertions at one point keep the order of their findings.
pub fn apply_fixes<'a>(
    source: &str,
    fixes: &[(&'a Finding, &'a Fix)],
) -> (String, Vec<&'a Finding>) {
    let mut order: Vec<usize> = (0..fixes.len()).collect();
    order.sort_by_key(|&index| {
        let fix = fixes[index].1;
        let length: usize = fix.edits.iter().map(|edit| edit.span.len()).sum();
        let start = fix
            .edits
            .iter()
            .map(|edit| edit.span.start)
            .min()
            .unwrap_or(0);
        (std::cmp::Reverse(length), start, index)
    });

    let mut kept: Vec<usize> = Vec::new();
    let mut taken = TakenRanges::default();
    for index in order {
        let edits = &fixes[index].1.edits;
        let clashes = edits.iter().any(|edit| taken.clashes(&edit.span));
        if !clashes && edits.iter().all(|edit| is_valid(source, edit)) {
            for edit in edits {
                taken.insert(&edit.span);
            }
            kept.push(index);
        }
    }
    kept.sort_unstable();

    let mut edits: Vec<(usize, &Edit)> = kept
        .iter()
        .flat_map(|&index| fixes[index].1.edits.iter().map(move |edit| (index, edit)))
        .collect();
    edits.sort_by_key(|(index, edit)| (edit.span.start, edit.span.end, *index));

    let mut output = String::with_capacity(source.len());
    let mut position = 0;
    for (_, edit) in edits {
        output.push_str(&source[position..edit.span.start]);
        output.push_str(&edit.replacement);
        position = edit.span.end;
    }
    output.push_str(&source[position..]);
    let applied = kept.into_iter().map(|index| fixes[index].0).collect();
    (output, applied)
}

/// The ranges of the edits kept so far, for checking a new edit against
/// them in logarithmic time. Ranges that only touch do not clash; an
/// insertion clashes with a replacement only when it falls strictly inside.
#[derive(Default)]
struct TakenRanges {
    /// Replaced ranges by start; they never overlap one another.
    replaced: BTreeMap<usize, usize>,
    /// Insertion points.
    inserted: BTreeSet<usize>,
}

impl TakenRanges {
    fn clashes(&self, span: &Range<usize>) -> bool {
        // Among disjoint ranges starting before `span.end`, the one that
        // starts last also ends last, so it is the only one to check.
        let strictly_inside = |point: usize| {
            self.replaced
                .range(..point)
                .next_back()
                .is_some_and(|(_, &end)| end > point)
        };
        if span.is_empty() {
            return strictly_inside(span.start);
        }
        let overlaps_replaced = self
            .replaced
            .range(..span.end)
            .next_back()
            .is_some_and(|(_, &end)| end > span.start);
        let covers_insertion = self
            .inserted
            .range(span.start + 1..span.end)
            .next()
            .is_some();
        overlaps_replaced || covers_insertion
    }

    fn insert(&mut self, span: &Range<usize>) {
        if span.is_empty() {
            self.inserted.insert(span.start);
        } else {
            self.replaced.insert(span.start, span.end);
        }
    }
}

fn is_valid(source: &str, edit: &Edit) -> bool {
    edit.span.start <= edit.span.end
        && edit.span.end <= source.len()
        && source.is_char_boundary(edit.span.start)
        && source.is_char_boundary(edit.span.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::severity::Severity;

    fn finding(rule: &str, edits: &[(Range<usize>, &str)]) -> Finding {
        Finding {
            rule: rule.into(),
            severity: Severity::Warning,
            message: String::new(),
            help: None,
            span: edits[0].0.clone(),
            related: Vec::new(),
            fixes: vec![Fix {
                title: String::new(),
                applicability: Applicability::Safe,
                edits: edits
                    .iter()
                    .map(|(span, replacement)| Edit {
                        span: span.clone(),
                        replacement: replacement.to_string(),
                    })
                    .collect(),
            }],
        }
    }

    #[track_caller]
    fn assert_applied(source: &str, findings: &[Finding], expected: &str) {
        let chosen = chosen_fixes(findings, false);
        let (output, _) = apply_fixes(source, &chosen);
        assert_eq!(output, expected);
    }

    #[test]
    fn longer_overlapping_edit_wins() {
        let findings = [
            finding("a/u", &[(4..5, "you")]),
            finding("a/ur", &[(4..7, "you are")]),
            finding("a/r", &[(6..7, "are")]),
        ];
        assert_applied("sry,u r right", &findings, "sry,you are right");
    }

    #[test]
    fn touching_edits_all_apply() {
        let findings = [
            finding("a/sry", &[(0..3, "sorry")]),
            finding("a/u", &[(4..5, "you")]),
        ];
        assert_applied("sry,u", &findings, "sorry,you");
        let findings = [
            finding("a/x", &[(0..1, "X")]),
            finding("a/y", &[(1..2, "Y")]),
        ];
        assert_applied("xy", &findings, "XY");
    }

    #[test]
    fn equal_length_overlap_keeps_earlier() {
        let findings = [
            finding("a/one", &[(0..2, "AB")]),
            finding("a/two", &[(1..3, "CD")]),
        ];
        assert_applied("abc", &findings, "ABc");
    }

    #[test]
    fn insertions_at_one_point_keep_finding_order() {
        let findings = [
            finding("a/first", &[(2..2, " one")]),
            finding("a/second", &[(2..2, " two")]),
        ];
        assert_applied("hi", &findings, "hi one two");
    }

    #[test]
    fn insertion_inside_replacement_loses() {
        let findings = [
            finding("a/replace", &[(0..4, "done")]),
            finding("a/insert", &[(2..2, "!")]),
        ];
        assert_applied("abcd", &findings, "done");
    }

    #[test]
    fn suggested_fix_needs_unsafe_flag() {
        let mut suggested = finding("a/s", &[(0..1, "Z")]);
        suggested.fixes[0].applicability = Applicability::Suggested;
        assert!(chosen_fixes(std::slice::from_ref(&suggested), false).is_empty());
        assert_eq!(
            chosen_fixes(std::slice::from_ref(&suggested), true).len(),
            1
        );
    }
}
