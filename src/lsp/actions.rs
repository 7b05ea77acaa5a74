//! Code actions: each fix of a finding as a quick fix, and one source
//! action that applies every safe fix at once.

use std::collections::HashMap;
use std::ops::Range;

use lsp_types::{
    CodeAction, CodeActionContext, CodeActionKind, CodeActionOrCommand, DocumentChanges,
    NumberOrString, OneOf, OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, TextEdit,
    Uri, WorkspaceEdit,
};

use crate::finding::{Applicability, Edit, Finding, Fix};
use crate::fix::fix_draft;

use super::diagnostics::{DiagnosticSupport, finding_diagnostic};
use super::document::Lint;
use super::encoding::PositionMap;

/// The kind of the action that applies all safe fixes. Editors that fix
/// on save, such as VS Code with `source.fixAll` on, run it.
pub const FIX_ALL: CodeActionKind = CodeActionKind::new("source.fixAll.sorrylint");

/// The maximum number of quick fixes returned for one request. A selection over a
/// whole long file would otherwise return one per finding, far more than
/// a menu can show.
pub const MAX_QUICK_FIXES: usize = 100;

/// The document a request is about, as the client last sent it.
pub struct Target<'a> {
    pub uri: &'a Uri,
    pub version: i32,
    pub map: &'a PositionMap<'a>,
    /// The client applies edits tied to a version, and so refuses them
    /// once the document has changed.
    pub versioned_edits: bool,
    pub support: DiagnosticSupport,
}

/// Returns the quick fixes for the findings that touch `span` or that the
/// client names in `context`, and the fix-all action when it changes
/// anything.
pub fn code_actions(
    target: &Target,
    lint: &Lint,
    span: Range<usize>,
    context: &CodeActionContext,
) -> Vec<CodeActionOrCommand> {
    let is_requested = |kind: &CodeActionKind| {
        context.only.as_ref().is_none_or(|only| {
            only.iter().any(|asked| {
                kind == asked
                    || kind
                        .as_str()
                        .strip_prefix(asked.as_str())
                        .is_some_and(|rest| rest.starts_with('.'))
            })
        })
    };

    let mut actions = Vec::new();
    if is_requested(&CodeActionKind::QUICKFIX) {
        for finding in &lint.findings {
            // The byte check is cheap, so it comes before building anything.
            let requested_here = touches(&finding.span, &span) || {
                let range = target.map.range(&finding.span);
                let code = NumberOrString::String(finding.rule.clone());
                context
                    .diagnostics
                    .iter()
                    .any(|named| named.range == range && named.code.as_ref() == Some(&code))
            };
            if !requested_here || finding.fixes.is_empty() {
                continue;
            }
            if actions.len() >= MAX_QUICK_FIXES {
                break;
            }
            let diagnostic = finding_diagnostic(finding, target.map, target.uri, target.support);
            for (index, fix) in finding.fixes.iter().enumerate() {
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix_title(finding, fix),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic.clone()]),
                    edit: Some(workspace_edit(target, &fix.edits)),
                    is_preferred: Some(index == 0 && fix.applicability == Applicability::Safe),
                    ..CodeAction::default()
                }));
            }
        }
    }
    if is_requested(&FIX_ALL)
        && let Some(edit) = fix_all_edit(lint)
    {
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: "Apply all safe sorrylint fixes".to_string(),
            kind: Some(FIX_ALL),
            edit: Some(workspace_edit(target, &[edit])),
            ..CodeAction::default()
        }));
    }
    actions
}

/// Returns whether a finding's span meets the requested range. A cursor
/// just after a word still requests that word's fixes, so touching counts.
fn touches(finding: &Range<usize>, requested: &Range<usize>) -> bool {
    finding.start <= requested.end && requested.start <= finding.end
}

/// Returns the fix's title, marked when the fix changes the wording so
/// that the writer reads it before choosing it.
fn fix_title(finding: &Finding, fix: &Fix) -> String {
    match fix.applicability {
        Applicability::Safe => format!("{} ({})", fix.title, finding.rule),
        Applicability::Suggested => {
            format!("{} ({}, changes the wording)", fix.title, finding.rule)
        }
    }
}

/// Returns one edit that turns the document into its text with every safe
/// fix applied, or `None` when that changes nothing or the fixes do not
/// settle.
fn fix_all_edit(lint: &Lint) -> Option<Edit> {
    let outcome = match fix_draft(&lint.ruleset, lint.draft.clone(), &lint.context, false) {
        Ok(outcome) => outcome,
        Err(error) => {
            eprintln!("sorrylint: no fix-all action: {error}");
            return None;
        }
    };
    changed_part(&lint.draft.source, &outcome.draft.source)
}

/// Returns the smallest single edit from `before` to `after`, which covers
/// the text between their common start and common end. A whole-document replacement would
/// move the cursor and folds in most editors.
fn changed_part(before: &str, after: &str) -> Option<Edit> {
    if before == after {
        return None;
    }
    let prefix: usize = before
        .chars()
        .zip(after.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let room = before.len().min(after.len()) - prefix;
    let suffix: usize = before[prefix..]
        .chars()
        .rev()
        .zip(after[prefix..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .scan(0, |total, length| {
            *total += length;
            (*total <= room).then_some(length)
        })
        .sum();
    Some(Edit {
        span: prefix..before.len() - suffix,
        replacement: after[prefix..after.len() - suffix].to_string(),
    })
}

fn workspace_edit(target: &Target, edits: &[Edit]) -> WorkspaceEdit {
    let text_edits: Vec<TextEdit> = edits
        .iter()
        .map(|edit| TextEdit {
            range: target.map.range(&edit.span),
            new_text: edit.replacement.clone(),
        })
        .collect();
    if target.versioned_edits {
        return WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: target.uri.clone(),
                    version: Some(target.version),
                },
                edits: text_edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..WorkspaceEdit::default()
        };
    }
    WorkspaceEdit {
        changes: Some(HashMap::from([(target.uri.clone(), text_edits)])),
        ..WorkspaceEdit::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(before: &str, edit: &Edit) -> String {
        let mut text = before.to_string();
        text.replace_range(edit.span.clone(), &edit.replacement);
        text
    }

    #[test]
    fn changed_part_is_the_middle() {
        let cases = [
            ("sry missed ur call", "sorry missed your call"),
            ("ok ok", "ok"),
            ("aaa", "aaaa"),
            ("🙏🏽 u", "🙏🏽 you"),
            ("x", ""),
        ];
        for (before, after) in cases {
            let edit = changed_part(before, after).unwrap();
            assert_eq!(apply(before, &edit), after, "{before:?} -> {after:?}");
        }
        let edit = changed_part("sry missed ur call", "sorry missed your call").unwrap();
        assert_eq!(edit.span, 1..11);
        assert_eq!(changed_part("same", "same"), None);
    }
}
