//! Properties of fixing that must hold for any draft: fixing settles, edits
//! touch only their own spans, and the result is valid text in the draft's
//! own style.
//!
//! Drafts are generated from a small vocabulary of words this file's rules
//! rewrite or remove, with punctuation, line breaks, emoji, typographic
//! quotes and non-ASCII letters between them. The rules are written to a
//! temporary folder, so changes to the built-in rules cannot change these
//! results.

use std::ops::Range;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use sorrylint::context::Context;
use sorrylint::draft::Draft;
use sorrylint::finding::{Edit, Finding, Fix};
use sorrylint::fix::{apply_fixes, chosen_fixes, fix_draft};
use sorrylint::load::{LoadOptions, load};
use sorrylint::ruleset::Ruleset;

/// Rules with every kind of fix: swaps whose matches overlap across rules,
/// removals, a pattern with groups, a repetition, suggested fixes and an
/// insertion whose text has a line break.
const RULES: &str = r#"
rules:
  - id: house/shorthand
    kind: substitution
    severity: warning
    swap: { thx: thanks, sry: sorry, ur: your, im: "I'm", dont: "don't", pls: please }
    message: "Write '{replacement}' in place of '{match}'."
    examples:
      bad: [thx]
      good: [thanks]
  - id: house/you-are
    kind: substitution
    severity: warning
    swap: { "u r": you are }
    message: "Write '{replacement}'."
    examples:
      bad: [u r late]
      good: [you are late]
  - id: house/you
    kind: substitution
    severity: warning
    swap: { u: you }
    message: "Write '{replacement}'."
    examples:
      bad: [u there]
      good: [you there]
  - id: house/are
    kind: substitution
    severity: warning
    swap: { r: are }
    message: "Write '{replacement}'."
    examples:
      bad: [r you there]
      good: [are you there]
  - id: house/filler
    kind: existence
    severity: advice
    words: [basically, literally]
    fixes:
      - { title: "Remove '{match}'", replace: "", applicability: safe }
    message: "'{match}' adds nothing."
    examples:
      bad: [basically ok]
      good: [ok]
  - id: house/stretched
    kind: existence
    severity: warning
    patterns: ['\b(s)o{3,}(rry)\b']
    fixes:
      - { title: Write 'sorry', replace: '${1}o$2', applicability: safe }
    message: "Write 'sorry' in place of '{match}'."
    examples:
      bad: [sooorry]
      good: [sorry]
  - id: house/exclamations
    kind: existence
    severity: warning
    patterns: ['!{2,}']
    fixes:
      - { title: Keep one '!', replace: "!", applicability: safe }
    message: One exclamation mark is enough.
    examples:
      bad: [thanks!!]
      good: [thanks!]
  - id: house/repeated
    kind: repetition
    severity: warning
    message: "'{word}' is written twice."
    examples:
      bad: [ok ok]
      good: [ok]
  - id: house/asap
    kind: existence
    severity: warning
    words: [asap]
    fixes:
      - { title: Spell it out, replace: as soon as I can, applicability: safe }
      - { title: Say soon, replace: soon, applicability: suggested }
    message: "Spell out '{match}'."
    examples:
      bad: [call asap]
      good: [call soon]
  - id: house/k
    kind: existence
    severity: warning
    words: [k]
    fixes:
      - { title: Write 'okay', replace: okay, applicability: suggested }
    message: "'{match}' reads as curt."
    examples:
      bad: [k]
      good: [okay]
  - id: house/lol
    kind: existence
    severity: warning
    words: [lol]
    fixes:
      - { title: "Remove '{match}'", replace: "" }
    message: "'{match}' reads as flippant."
    examples:
      bad: [lol ok]
      good: [ok]
  - id: house/next-step
    kind: require
    severity: warning
    patterns: ['\?']
    fixes:
      - { title: Ask for a time, insert: "Free at 3?\nThanks", applicability: safe }
    message: Ask the caller something.
    examples:
      bad: [Missed your call.]
      good: [Free at 3?]
"#;

/// How many drafts each property tries.
const CASES: u32 = 256;

/// Words that the rules above rewrite, in several cases.
const SHORTHAND: &[&str] = &[
    "thx", "Thx", "THX", "u", "U", "ur", "UR", "r", "R", "sry", "Sry", "im", "dont", "pls", "asap",
    "ASAP", "k", "lol",
];
/// Words that the rules above remove or shorten.
const FILLER: &[&str] = &[
    "basically",
    "Basically",
    "literally",
    "sooorry",
    "Sooorry",
    "SOOORRY",
];
/// Words that no rule rewrites unless repeated, some with typographic
/// apostrophes, accents or a combining mark, or in other scripts.
const PLAIN: &[&str] = &[
    "ok",
    "OK",
    "call",
    "missed",
    "your",
    "you",
    "are",
    "I’m",
    "don’t",
    "it's",
    "café",
    "naïve",
    "Grüße",
    "日本語",
    "Привет",
];
const COMBINING: &str = "cafe\u{301}";
const PUNCTUATION: &[&str] = &[
    ",", ".", "!", "?", "!!", "…", "'", "’", "‘", "\"", "“", "”", "(", ")",
];
const SPACING: &[&str] = &[" ", " ", " ", "  ", "\n", "\r\n", "\t", "\r"];
const EMOJI: &[&str] = &["🙏🏽", "👨‍👩‍👧", "😅", "🇸🇬", "❤️"];
/// What may come before the body: nothing, a byte-order mark, front matter.
const PREFIXES: &[&str] = &[
    "",
    "\u{feff}",
    "---\nto: client\n---\n",
    "---\r\nto: client\r\nmissed-calls: 2\r\n---\r\n",
    "\u{feff}---\nto: friend\n---\n",
];

/// The loaded rules with the context drafts are linted in.
struct House {
    ruleset: Ruleset,
    context: Context,
}

impl House {
    fn load() -> House {
        let folder = tempfile::tempdir().expect("a temporary folder can be created");
        std::fs::write(folder.path().join("house.yaml"), RULES).expect("the rules can be written");
        let ruleset = load(&LoadOptions {
            default_rules: false,
            paths: vec![folder.path().to_path_buf()],
        })
        .unwrap_or_else(|error| panic!("the rules do not load: {error:?}"));
        let audience = ruleset
            .audiences()
            .resolve(None)
            .expect("the default group resolves");
        House {
            ruleset,
            context: Context {
                audience,
                missed_calls: 1,
                elapsed: None,
            },
        }
    }

    /// Fixes `source` until it settles, or fails the case with the error.
    fn fix(&self, source: &str, unsafe_fixes: bool) -> Result<String, TestCaseError> {
        let draft = Draft::from_text("draft.txt", source.to_string())
            .map_err(|error| TestCaseError::fail(format!("{source:?} is not a draft: {error}")))?;
        let outcome = fix_draft(&self.ruleset, draft, &self.context, unsafe_fixes)
            .map_err(|error| TestCaseError::fail(format!("fixing {source:?} failed: {error}")))?;
        Ok(outcome.draft.source)
    }

    fn lint(&self, draft: &Draft) -> Vec<Finding> {
        self.ruleset.lint(draft, &self.context)
    }
}

fn token() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        5 => prop::sample::select([SHORTHAND, FILLER, PLAIN, &[COMBINING]].concat()),
        3 => prop::sample::select(SPACING),
        2 => prop::sample::select(PUNCTUATION),
        1 => prop::sample::select(EMOJI),
    ]
}

/// Generates drafts: an optional byte-order mark or front matter, then up
/// to 30 tokens.
fn draft_text() -> impl Strategy<Value = String> {
    (
        prop::sample::select(PREFIXES),
        prop::collection::vec(token(), 0..30),
    )
        .prop_map(|(prefix, tokens)| format!("{prefix}{}", tokens.concat()))
}

/// Runs `property` on `CASES` generated drafts, each with suggested fixes
/// allowed or not at random, and panics with the smallest failing draft.
fn check_drafts(property: impl Fn(&str, bool) -> Result<(), TestCaseError>) {
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&(draft_text(), any::<bool>()), |(source, unsafe_fixes)| {
        property(&source, unsafe_fixes)
    });
    if let Err(error) = result {
        panic!("{error}");
    }
}

/// Returns whether two edit spans conflict: overlapping ranges do, ranges that only
/// touch do not, and an insertion conflicts only with a replacement it
/// falls strictly inside.
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => false,
        (true, false) => b.start < a.start && a.start < b.end,
        (false, true) => a.start < b.start && b.start < a.end,
        (false, false) => a.start < b.end && b.start < a.end,
    }
}

fn fixes_overlap(a: &Fix, b: &Fix) -> bool {
    a.edits.iter().any(|edit| {
        b.edits
            .iter()
            .any(|other| overlaps(&edit.span, &other.span))
    })
}

#[test]
fn fixing_twice_equals_once() {
    let house = House::load();

    check_drafts(|source, unsafe_fixes| {
        let once = house.fix(source, unsafe_fixes)?;
        let twice = house.fix(&once, unsafe_fixes)?;

        prop_assert_eq!(
            &twice,
            &once,
            "fixing {:?} a second time changed it",
            source
        );
        Ok(())
    });
}

#[test]
fn one_pass_changes_only_kept_edits() {
    let house = House::load();

    check_drafts(|source, unsafe_fixes| {
        let draft = Draft::from_text("draft.txt", source.to_string()).unwrap();
        let findings = house.lint(&draft);
        let chosen = chosen_fixes(&findings, unsafe_fixes);
        let (output, applied) = apply_fixes(source, &chosen);

        // Which chosen fixes were kept, in the order of `chosen`.
        let is_kept: Vec<bool> = chosen
            .iter()
            .map(|(finding, _)| applied.iter().any(|used| std::ptr::eq(*used, *finding)))
            .collect();
        let kept_fixes: Vec<&Fix> = chosen
            .iter()
            .zip(&is_kept)
            .filter(|(_, kept)| **kept)
            .map(|((_, fix), _)| *fix)
            .collect();
        prop_assert_eq!(kept_fixes.len(), applied.len());

        for (index, fix) in kept_fixes.iter().enumerate() {
            for other in &kept_fixes[index + 1..] {
                prop_assert!(
                    !fixes_overlap(fix, other),
                    "kept fixes {:?} and {:?} overlap in {:?}",
                    fix,
                    other,
                    source
                );
            }
        }
        for ((_, fix), _) in chosen.iter().zip(&is_kept).filter(|(_, kept)| !**kept) {
            prop_assert!(
                kept_fixes.iter().any(|other| fixes_overlap(fix, other)),
                "fix {:?} was left out of {:?} without overlapping a kept fix",
                fix,
                source
            );
        }

        // Walk the source and the output together: between the kept edits,
        // the output must repeat the source byte for byte.
        let mut edits: Vec<(usize, &Edit)> = kept_fixes
            .iter()
            .enumerate()
            .flat_map(|(order, fix)| fix.edits.iter().map(move |edit| (order, edit)))
            .collect();
        edits.sort_by_key(|(order, edit)| (edit.span.start, edit.span.end, *order));
        let source_bytes = source.as_bytes();
        let output_bytes = output.as_bytes();
        let mut source_at = 0;
        let mut output_at = 0;
        for (_, edit) in edits {
            prop_assert!(
                edit.span.start >= draft.body.start,
                "edit {:?} starts before the body of {:?}",
                edit,
                source
            );
            let unchanged = &source_bytes[source_at..edit.span.start];
            prop_assert_eq!(
                output_bytes.get(output_at..output_at + unchanged.len()),
                Some(unchanged),
                "bytes {}..{} of {:?} changed outside the edits; output {:?}",
                source_at,
                edit.span.start,
                source,
                output
            );
            output_at += unchanged.len();
            let replacement = edit.replacement.as_bytes();
            prop_assert_eq!(
                output_bytes.get(output_at..output_at + replacement.len()),
                Some(replacement),
                "edit {:?} of {:?} is not in the output {:?}",
                edit,
                source,
                output
            );
            output_at += replacement.len();
            source_at = edit.span.end;
        }
        prop_assert_eq!(
            &output_bytes[output_at.min(output_bytes.len())..],
            &source_bytes[source_at..],
            "the end of {:?} changed; output {:?}",
            source,
            output
        );
        Ok(())
    });
}

#[test]
fn edits_fall_on_char_boundaries() {
    let house = House::load();

    check_drafts(|source, _| {
        let draft = Draft::from_text("draft.txt", source.to_string()).unwrap();
        for finding in house.lint(&draft) {
            let spans = std::iter::once(&finding.span).chain(
                finding
                    .fixes
                    .iter()
                    .flat_map(|fix| fix.edits.iter().map(|edit| &edit.span)),
            );
            for span in spans {
                prop_assert!(
                    span.start <= span.end && span.end <= source.len(),
                    "span {:?} of {} is out of bounds in {:?}",
                    span,
                    finding.rule,
                    source
                );
                prop_assert!(
                    source.is_char_boundary(span.start) && source.is_char_boundary(span.end),
                    "span {:?} of {} splits a character in {:?}",
                    span,
                    finding.rule,
                    source
                );
                prop_assert!(
                    span.start >= draft.body.start,
                    "span {:?} of {} starts before the body of {:?}",
                    span,
                    finding.rule,
                    source
                );
            }
        }
        Ok(())
    });
}

#[test]
fn fixing_keeps_text_before_body() {
    let house = House::load();

    check_drafts(|source, unsafe_fixes| {
        let draft = Draft::from_text("draft.txt", source.to_string()).unwrap();
        let before_body = &source[..draft.body.start];
        let fixed = house.fix(source, unsafe_fixes)?;

        prop_assert!(
            fixed.starts_with(before_body),
            "{:?} lost its mark or front matter: {:?}",
            source,
            fixed
        );
        Ok(())
    });
}

#[test]
fn fixing_keeps_crlf_line_breaks() {
    let house = House::load();

    check_drafts(|source, unsafe_fixes| {
        let draft = Draft::from_text("draft.txt", source.to_string()).unwrap();
        let body = &source[draft.body.clone()];
        let only_crlf = body.contains("\r\n")
            && body.matches('\n').count() == body.matches("\r\n").count()
            && body.matches('\r').count() == body.matches("\r\n").count();
        if !only_crlf {
            return Ok(());
        }
        let fixed = house.fix(source, unsafe_fixes)?;
        // The front matter keeps its own line breaks, so only the body
        // counts.
        let fixed_body = fixed.get(draft.body.start..).unwrap_or_default();

        prop_assert_eq!(
            fixed_body.matches('\n').count(),
            fixed_body.matches("\r\n").count(),
            "fixing {:?} left an LF without CR: {:?}",
            source,
            fixed
        );
        Ok(())
    });
}

#[test]
fn crlf_kept_after_its_line_is_removed() {
    // The removal takes the only CRLF out, and a later insertion with a
    // line break must still write CRLF, as the draft did.
    let house = House::load();
    for unsafe_fixes in [false, true] {
        let fixed = house.fix("sooorry\r\nsry", unsafe_fixes).unwrap();
        assert_eq!(
            fixed.matches('\n').count(),
            fixed.matches("\r\n").count(),
            "{fixed:?}"
        );
    }
}

#[test]
fn replacements_follow_draft_apostrophes() {
    // The check covers one pass, because each pass works out the style
    // again. A repetition fix may remove the only ’ of a draft, and then the
    // next pass rightly writes '.
    let house = House::load();

    check_drafts(|source, _| {
        let draft = Draft::from_text("draft.txt", source.to_string()).unwrap();
        let body = &source[draft.body.clone()];
        let straight = |text: &str| text.matches('\'').count();
        let curly = |text: &str| text.matches(['\u{2018}', '\u{2019}']).count();
        let prefers_curly = curly(body) > straight(body);

        for finding in house.lint(&draft) {
            for edit in finding.fixes.iter().flat_map(|fix| &fix.edits) {
                if prefers_curly {
                    prop_assert_eq!(
                        straight(&edit.replacement),
                        0,
                        "{} writes ' in {:?}, which prefers ’: {:?}",
                        &finding.rule,
                        source,
                        edit
                    );
                } else {
                    // A repetition fix copies the draft's own word, which
                    // may contain ’ already.
                    prop_assert!(
                        curly(&edit.replacement) <= curly(&source[edit.span.clone()]),
                        "{} writes ’ in {:?}, which prefers ': {:?}",
                        &finding.rule,
                        source,
                        edit
                    );
                }
            }
        }
        Ok(())
    });
}

#[test]
fn fixing_arbitrary_text_never_panics() {
    let house = House::load();
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    });
    let text = prop::collection::vec(
        prop_oneof![token().prop_map(str::to_string), any::<String>()],
        0..12,
    )
    .prop_map(|parts| parts.concat());

    let result = runner.run(&(text, any::<bool>()), |(source, unsafe_fixes)| {
        // Text whose front matter does not parse is no draft, and fixing
        // may reject text that does not settle. Neither may panic.
        if let Ok(draft) = Draft::from_text("draft.txt", source.clone()) {
            let _ = fix_draft(&house.ruleset, draft, &house.context, unsafe_fixes);
        }
        Ok(())
    });
    if let Err(error) = result {
        panic!("{error}");
    }
}
