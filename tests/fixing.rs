//! `sorrylint check --fix`, `--diff` and `--unsafe-fixes`: the fixed text
//! each kind of fix produces, and how fixed drafts reach stdout or their
//! files.
//!
//! Apart from the tests under "Default rules", every test writes its own
//! rule folder and runs with `--no-default-rules`, so that changes to the
//! built-in rules cannot change these results.

mod common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use common::{Run, path_str, rule_folder, run, run_command, run_wide, sorrylint};
use sorrylint::fix::{WriteError, write_in_place};

/// A temporary rule folder for one test, which contains one file,
/// `house.yaml`.
struct Rules {
    folder: tempfile::TempDir,
}

impl Rules {
    #[track_caller]
    fn new(yaml: &str) -> Self {
        Rules {
            folder: rule_folder(&[("house.yaml", yaml)]),
        }
    }

    /// Returns `check` arguments that load only these rules, followed by
    /// `extra`.
    fn check_args<'a>(&'a self, extra: &[&'a str]) -> Vec<&'a str> {
        let mut args = vec![
            "check",
            "--no-default-rules",
            "--rules",
            path_str(self.folder.path()),
        ];
        args.extend_from_slice(extra);
        args
    }

    /// Runs `check --fix` on `draft` from stdin, with `extra` arguments.
    /// Messages are not wrapped, so that rule ids stay on one line.
    #[track_caller]
    fn fix_stdin(&self, draft: &str, extra: &[&str]) -> Run {
        let mut args = self.check_args(&["--fix"]);
        args.extend_from_slice(extra);
        run_wide(&args, draft)
    }

    /// Runs `check` on `draft` from stdin, with `extra` arguments.
    #[track_caller]
    fn check(&self, draft: &str, extra: &[&str]) -> Run {
        run_wide(&self.check_args(extra), draft)
    }
}

/// Fixes each `(draft, expected)` row from stdin and compares stdout with
/// the expected text, then fixes that output again and expects no change.
#[track_caller]
fn assert_fixes(rules: &Rules, extra: &[&str], cases: &[(&str, &str)]) {
    for &(draft, expected) in cases {
        let first = rules.fix_stdin(draft, extra);
        assert_ne!(first.code, 2, "fixing {draft:?} failed:\n{}", first.stderr);
        assert_eq!(first.stdout, expected, "fixed text of {draft:?}");

        let second = rules.fix_stdin(&first.stdout, extra);
        assert_ne!(
            second.code, 2,
            "fixing {:?} again failed:\n{}",
            first.stdout, second.stderr
        );
        assert_eq!(
            second.stdout, first.stdout,
            "fixing the fixed text of {draft:?} again changed it"
        );
    }
}

/// Writes `text` to `name` in a new temporary folder with permission bits
/// `mode`, and returns the folder with the file's path.
#[track_caller]
fn draft_file(name: &str, text: &str, mode: u32) -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let path = folder.path().join(name);
    std::fs::write(&path, text).expect("the draft can be written");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode))
        .expect("the draft's mode can be set");
    (folder, path)
}

#[track_caller]
fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("the draft can be read")
}

#[track_caller]
fn mode_of(path: &Path) -> u32 {
    std::fs::metadata(path)
        .expect("the draft has metadata")
        .permissions()
        .mode()
        & 0o777
}

/// Sets a file's modification time to a fixed moment in 2001 and returns
/// it, so that a rewrite during the test cannot leave the same time behind.
#[track_caller]
fn backdate(path: &Path) -> SystemTime {
    let moment = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    std::fs::File::options()
        .write(true)
        .open(path)
        .expect("the draft can be opened")
        .set_modified(moment)
        .expect("the draft's modification time can be set");
    moment
}

/// Spelling swaps with safe fixes, plus a required question mark whose
/// finding has no fix.
const SHORTHAND_AND_QUESTION: &str = r#"
rules:
  - id: house/shorthand
    kind: substitution
    severity: warning
    swap: { sry: sorry, ur: your, u: you, thx: thanks }
    message: "Write '{replacement}' in place of '{match}'."
    examples:
      bad: [sry]
      good: [sorry]
  - id: house/next-step
    kind: require
    severity: warning
    patterns: ['\?']
    message: Ask the caller something.
    examples:
      bad: [Missed your call.]
      good: [Free at 3?]
"#;

// ---------------------------------------------------------------------------
// Fixed text, one table per behaviour
// ---------------------------------------------------------------------------

#[test]
fn fixes_keep_case_of_match() {
    let rules = Rules::new(
        r#"
rules:
  - id: house/shorthand
    kind: substitution
    severity: warning
    swap:
      thx: thanks
      u: you
      pls: please
      i: { with: I, exact-case: true }
    message: "Write '{replacement}' in place of '{match}'."
    examples:
      bad: [thx]
      good: [thanks]
  - id: house/asap
    kind: existence
    severity: warning
    words: [asap]
    fixes:
      - { title: Spell it out, replace: as soon as I can, applicability: safe }
    message: "Spell out '{match}'."
    examples:
      bad: [call asap]
      good: [call soon]
"#,
    );

    assert_fixes(
        &rules,
        &[],
        &[
            ("thx", "thanks"),
            ("Thx", "Thanks"),
            ("THX", "THANKS"),
            ("u", "you"),
            ("U", "You"),
            ("i missed it", "I missed it"),
            ("Thx, u were quick", "Thanks, you were quick"),
            ("PLS CALL", "PLEASE CALL"),
            ("asap", "as soon as I can"),
            ("Asap", "As soon as I can"),
            // Capitals for a phrase would read as shouting, so an upper-case
            // acronym becomes a capitalized phrase.
            ("ASAP", "As soon as I can"),
        ],
    );
}

#[test]
fn replacement_quotes_follow_draft() {
    let rules = Rules::new(
        r#"
rules:
  - id: house/apostrophes
    kind: substitution
    severity: warning
    swap: { im: "I'm", dont: "don't" }
    message: "Write '{replacement}' in place of '{match}'."
    examples:
      bad: [im late]
      good: [I'm late]
  - id: house/wont
    kind: existence
    severity: warning
    words: [wont]
    fixes:
      - { title: "Write 'won't'", replace: "won't", applicability: safe }
    message: "Write 'won't'."
    examples:
      bad: [wont be long]
      good: [won't be long]
  - id: house/meh
    kind: existence
    severity: warning
    words: [meh]
    fixes:
      - { title: Say it is fine, replace: 'say "fine"', applicability: safe }
    message: "'{match}' sounds bored."
    examples:
      bad: [meh]
      good: [fine]
"#,
    );

    assert_fixes(
        &rules,
        &[],
        &[
            ("I’ll call, im driving", "I’ll call, I’m driving"),
            ("I'll call, im driving", "I'll call, I'm driving"),
            ("im driving", "I'm driving"),
            ("it’s fine, dont worry", "it’s fine, don’t worry"),
            ("it’s late, wont be long", "it’s late, won’t be long"),
            // Two straight apostrophes against one curly: straight wins.
            (
                "it's ok, it's fine, I’m late, im sorry",
                "it's ok, it's fine, I’m late, I'm sorry",
            ),
            ("“ok” meh", "“ok” say “fine”"),
            ("\"ok\" meh", "\"ok\" say \"fine\""),
        ],
    );
}

#[test]
fn crlf_line_breaks_survive_fixes() {
    let rules = Rules::new(
        r#"
rules:
  - id: house/shorthand
    kind: substitution
    severity: warning
    swap: { sry: sorry, ur: your }
    message: "Write '{replacement}' in place of '{match}'."
    examples:
      bad: [sry]
      good: [sorry]
  - id: house/filler
    kind: existence
    severity: advice
    words: [basically]
    fixes:
      - { title: "Remove '{match}'", replace: "", applicability: safe }
    message: "'{match}' adds nothing."
    examples:
      bad: [basically ok]
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
"#,
    );
    let crlf_cases = [
        (
            "sry\r\nmissed ur call?\r\n",
            "sorry\r\nmissed your call?\r\n",
        ),
        (
            "sry\r\nmissed ur call\r\n",
            "sorry\r\nmissed your call. Free at 3?\r\nThanks\r\n",
        ),
        ("ok basically\r\nyes?\r\n", "ok\r\nyes?\r\n"),
    ];

    assert_fixes(&rules, &[], &crlf_cases);
    // A draft with LF line breaks keeps LF, in the inserted text too.
    assert_fixes(
        &rules,
        &[],
        &[(
            "sry\nmissed ur call",
            "sorry\nmissed your call. Free at 3?\nThanks",
        )],
    );
    for (draft, _) in crlf_cases {
        let fixed = rules.fix_stdin(draft, &[]).stdout;
        assert_eq!(
            fixed.matches('\n').count(),
            fixed.matches("\r\n").count(),
            "a line break in the fixed text of {draft:?} lost its CR: {fixed:?}"
        );
    }
}

#[test]
fn emoji_stay_intact_around_edits() {
    let rules = Rules::new(SHORTHAND_AND_QUESTION);

    assert_fixes(
        &rules,
        &[],
        &[
            ("🙏🏽 sry missed ur call 👨‍👩‍👧", "🙏🏽 sorry missed your call 👨‍👩‍👧"),
            ("sry🙏🏽", "sorry🙏🏽"),
            ("👨‍👩‍👧ur👨‍👩‍👧", "👨‍👩‍👧your👨‍👩‍👧"),
            ("🇸🇬 sry, u there?", "🇸🇬 sorry, you there?"),
        ],
    );
}

#[test]
fn repetition_fix_keeps_emoji() {
    let rules = Rules::new(
        r#"
rules:
  - id: house/repeated
    kind: repetition
    severity: warning
    message: "'{word}' is written twice."
    examples:
      bad: [sorry sorry]
      good: [sorry]
"#,
    );

    // An emoji between two words ends the run, so the fix never deletes it.
    let cases = [
        ("sorry 🙏🏽 sorry, call me", "sorry 🙏🏽 sorry, call me"),
        ("sorry sorry 🙏🏽 sorry", "sorry 🙏🏽 sorry"),
    ];
    for (draft, expected) in cases {
        let fixed = rules.fix_stdin(draft, &[]);

        assert_ne!(fixed.code, 2, "fixing {draft:?} failed:\n{}", fixed.stderr);
        assert_eq!(fixed.stdout, expected, "{draft:?}");
    }
}

#[test]
fn front_matter_bytes_stay_unchanged() {
    let rules = Rules::new(
        r#"
rules:
  - id: house/shorthand
    kind: substitution
    severity: warning
    swap: { sry: sorry, ur: your, client: customer }
    message: "Write '{replacement}' in place of '{match}'."
    examples:
      bad: [sry]
      good: [sorry]
"#,
    );
    // Each front matter block contains "client", which the rule rewrites,
    // so an edit that strays into it would show.
    let cases = [
        (
            "---\nto: client\n---\n",
            "sry, client\n",
            "sorry, customer\n",
        ),
        (
            "---\nto: client\nmissed-calls: 2\nelapsed: 3h\n---\n",
            "sry I missed ur call",
            "sorry I missed your call",
        ),
        (
            "---\r\nto: client\r\n---\r\n",
            "sry\r\nur call\r\n",
            "sorry\r\nyour call\r\n",
        ),
        (
            "\u{feff}---\nto: client\n---\n",
            "ur client",
            "your customer",
        ),
    ];

    for (front_matter, body, fixed_body) in cases {
        let draft = format!("{front_matter}{body}");
        let fixed = rules.fix_stdin(&draft, &[]);
        assert_ne!(fixed.code, 2, "fixing {draft:?} failed:\n{}", fixed.stderr);
        assert!(
            fixed.stdout.starts_with(front_matter),
            "front matter of {draft:?} changed: {:?}",
            fixed.stdout
        );
        assert_eq!(fixed.stdout, format!("{front_matter}{fixed_body}"));
    }
}

#[test]
fn byte_order_mark_is_kept() {
    let rules = Rules::new(
        r#"
rules:
  - id: house/shorthand
    kind: substitution
    severity: warning
    swap: { sry: sorry, ur: your }
    message: "Write '{replacement}' in place of '{match}'."
    examples:
      bad: [sry]
      good: [sorry]
  - id: house/next-step
    kind: require
    severity: warning
    patterns: ['\?']
    fixes:
      - { title: Ask for a time, insert: "Free at 3?", applicability: safe }
    message: Ask the caller something.
    examples:
      bad: [Missed your call.]
      good: [Free at 3?]
"#,
    );

    assert_fixes(
        &rules,
        &[],
        &[
            ("\u{feff}sry?", "\u{feff}sorry?"),
            ("\u{feff}ur call?\r\n", "\u{feff}your call?\r\n"),
            // The insertion into an empty body goes after the mark.
            ("\u{feff}", "\u{feff}Free at 3?"),
            (
                "\u{feff}---\nto: friend\n---\nsry",
                "\u{feff}---\nto: friend\n---\nsorry. Free at 3?",
            ),
        ],
    );
}

#[test]
fn overlapping_fixes_apply_once() {
    // Three rules whose matches overlap in "u r", so that choosing between
    // them falls to the fixer, not to one rule's matcher.
    let rules = Rules::new(
        r#"
rules:
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
  - id: house/sorry
    kind: substitution
    severity: warning
    swap: { sry: sorry, thx: thanks }
    message: "Write '{replacement}'."
    examples:
      bad: [sry]
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
"#,
    );
    let cases = [
        ("sry,u r right", "sorry,you are right"),
        ("u r", "you are"),
        ("u,r", "you,are"),
        ("U R late", "You are late"),
        // The two edits touch: "thx" ends where "!!!" starts.
        ("thx!!!", "thanks!"),
        ("u!!", "you!"),
    ];

    assert_fixes(&rules, &[], &cases);
    for (draft, _) in cases {
        let fixed = rules.fix_stdin(draft, &[]).stdout;
        assert!(!fixed.contains("youare"), "{draft:?} became {fixed:?}");
        assert!(!fixed.contains("are are"), "{draft:?} became {fixed:?}");
        assert!(!fixed.contains("you you"), "{draft:?} became {fixed:?}");
    }
}

#[test]
fn removal_leaves_no_double_space() {
    let rules = Rules::new(
        r#"
rules:
  - id: house/filler
    kind: existence
    severity: warning
    words: [basically, literally, to be honest]
    fixes:
      - { title: "Remove '{match}'", replace: "", applicability: safe }
    message: "'{match}' adds nothing."
    examples:
      bad: [basically ok]
      good: [ok]
"#,
    );
    let cases = [
        ("basically I was driving", "I was driving"),
        ("Basically I was driving", "I was driving"),
        ("I was basically driving", "I was driving"),
        ("I was driving basically", "I was driving"),
        ("I was driving basically.", "I was driving."),
        ("I was basically literally driving", "I was driving"),
        ("to be honest I was driving", "I was driving"),
        ("basically", ""),
    ];

    assert_fixes(&rules, &[], &cases);
    for (draft, _) in cases {
        let fixed = rules.fix_stdin(draft, &[]).stdout;
        assert!(!fixed.contains("  "), "{draft:?} became {fixed:?}");
    }
}

#[test]
fn insertion_joins_last_sentence() {
    let rules = Rules::new(
        r#"
rules:
  - id: house/next-step
    kind: require
    severity: warning
    patterns: ['\?']
    fixes:
      - { title: Ask for a time, insert: "Free at 3?", applicability: safe }
    message: Ask the caller something.
    examples:
      bad: [Missed your call.]
      good: [Free at 3?]
"#,
    );

    assert_fixes(
        &rules,
        &[],
        &[
            ("Missed your call", "Missed your call. Free at 3?"),
            ("Missed your call!", "Missed your call! Free at 3?"),
            ("Missed your call.", "Missed your call. Free at 3?"),
            // Trailing whitespace stays after the inserted text.
            ("Missed your call.\n", "Missed your call. Free at 3?\n"),
            ("Missed your call 🙏🏽", "Missed your call 🙏🏽 Free at 3?"),
            ("", "Free at 3?"),
            ("Missed your call, free?", "Missed your call, free?"),
        ],
    );
}

#[test]
fn insertion_after_removal_at_end() {
    // The removal of the last word and the insertion apply in one pass, so
    // the insertion must join the text that is left, not the removed word.
    let rules = Rules::new(
        r#"
rules:
  - id: house/filler
    kind: existence
    severity: warning
    words: [basically]
    fixes:
      - { title: "Remove '{match}'", replace: "", applicability: safe }
    message: "'{match}' adds nothing."
    examples:
      bad: [basically ok]
      good: [ok]
  - id: house/next-step
    kind: require
    severity: warning
    patterns: ['\?']
    fixes:
      - { title: Ask for a time, insert: "Free at 3?", applicability: safe }
    message: Ask the caller something.
    examples:
      bad: [Missed your call.]
      good: [Free at 3?]
"#,
    );

    assert_fixes(
        &rules,
        &[],
        &[
            (
                "Missed your call! basically",
                "Missed your call! Free at 3?",
            ),
            ("basically", "Free at 3?"),
        ],
    );
}

#[test]
fn replacement_expands_pattern_groups() {
    let rules = Rules::new(
        r#"
rules:
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
  - id: house/please
    kind: existence
    severity: warning
    patterns: ['\bpls (?P<verb>call|text)\b']
    fixes:
      - { title: Write 'please', replace: 'please ${verb}', applicability: safe }
    message: "Write 'please' in place of 'pls'."
    examples:
      bad: [pls call me]
      good: [please call me]
"#,
    );

    assert_fixes(
        &rules,
        &[],
        &[
            ("sooorry", "sorry"),
            ("Sooooorry I missed it", "Sorry I missed it"),
            ("SOOORRY", "SORRY"),
            ("pls call me", "please call me"),
            ("pls text me", "please text me"),
        ],
    );
}

/// Rules with several alternative fixes, and suggested fixes, some marked
/// and some suggested by default.
const ALTERNATIVES: &str = r#"
rules:
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
  - id: house/brb
    kind: existence
    severity: warning
    words: [brb]
    fixes:
      - { title: Say when, replace: back soon, applicability: suggested }
      - { title: Spell it out, replace: be right back, applicability: suggested }
    message: "Spell out '{match}'."
    examples:
      bad: [brb]
      good: [back soon]
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
      - { title: Ask for a time, insert: "Free at 3?" }
    message: Ask the caller something.
    examples:
      bad: [Missed your call.]
      good: [Free at 3?]
"#;

#[test]
fn only_first_fix_applies() {
    let rules = Rules::new(ALTERNATIVES);

    assert_fixes(&rules, &[], &[("call asap?", "call as soon as I can?")]);
    assert_fixes(
        &rules,
        &["--unsafe-fixes"],
        &[
            ("call asap?", "call as soon as I can?"),
            ("brb?", "back soon?"),
        ],
    );
}

#[test]
fn suggested_fixes_need_unsafe_flag() {
    let rules = Rules::new(ALTERNATIVES);
    let cases = [
        ("brb?", "brb?", "back soon?"),
        ("k?", "k?", "okay?"),
        // `replace` and `insert` fixes are suggested unless marked safe.
        // Removing the first word capitalizes the next one.
        ("lol ok?", "lol ok?", "Ok?"),
        (
            "Missed your call",
            "Missed your call",
            "Missed your call. Free at 3?",
        ),
    ];

    for (draft, safe_only, with_suggested) in cases {
        assert_fixes(&rules, &[], &[(draft, safe_only)]);
        assert_fixes(&rules, &["--unsafe-fixes"], &[(draft, with_suggested)]);
    }
}

#[test]
fn fixes_repeat_until_draft_settles() {
    // Removing "basically" leaves "ok ok", which only the repetition rule
    // fixes, so one run must take two passes.
    let rules = Rules::new(
        r#"
rules:
  - id: house/filler
    kind: existence
    severity: warning
    words: [basically]
    fixes:
      - { title: "Remove '{match}'", replace: "", applicability: safe }
    message: "'{match}' adds nothing."
    examples:
      bad: [basically ok]
      good: [ok]
  - id: house/repeated
    kind: repetition
    severity: warning
    message: "'{word}' is written twice."
    examples:
      bad: [ok ok]
      good: [ok]
"#,
    );

    assert_fixes(
        &rules,
        &[],
        &[
            ("ok basically ok", "ok"),
            ("call me basically basically now", "call me now"),
            ("fine fine, basically fine", "fine"),
        ],
    );
}

// ---------------------------------------------------------------------------
// Standard input
// ---------------------------------------------------------------------------

#[test]
fn stdin_fix_reports_what_remains() {
    let rules = Rules::new(SHORTHAND_AND_QUESTION);

    let fixed = rules.fix_stdin("sry missed ur call", &[]);

    assert_eq!(fixed.code, 1, "{}", fixed.stderr);
    assert_eq!(fixed.stdout, "sorry missed your call");
    assert!(fixed.stderr.contains("house/next-step"), "{}", fixed.stderr);
    assert!(
        !fixed.stderr.contains("house/shorthand"),
        "{}",
        fixed.stderr
    );
}

#[test]
fn stdin_fix_exits_0_when_clean() {
    let rules = Rules::new(SHORTHAND_AND_QUESTION);

    let fixed = rules.fix_stdin("sry, free at 3?\n", &[]);

    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
    assert_eq!(fixed.stdout, "sorry, free at 3?\n");
    assert!(!fixed.stderr.contains("house/"), "{}", fixed.stderr);
}

#[test]
fn stdin_fix_without_fixes_echoes_draft() {
    let rules = Rules::new(SHORTHAND_AND_QUESTION);

    let fixed = rules.fix_stdin("Missed your call.\n", &[]);

    assert_eq!(fixed.code, 1, "{}", fixed.stderr);
    assert_eq!(fixed.stdout, "Missed your call.\n");
    assert!(fixed.stderr.contains("house/next-step"), "{}", fixed.stderr);
}

#[test]
fn stdin_fix_json_report_on_stderr() {
    let rules = Rules::new(SHORTHAND_AND_QUESTION);

    let fixed = rules.fix_stdin("sry missed ur call", &["--format", "json"]);

    assert_eq!(fixed.code, 1, "{}", fixed.stderr);
    assert_eq!(fixed.stdout, "sorry missed your call");
    let report: serde_json::Value =
        serde_json::from_str(fixed.stderr.trim_end()).expect("stderr is one JSON report");
    let rules_left: Vec<&str> = common::findings(&report)
        .iter()
        .map(|finding| finding["rule"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(rules_left, vec!["house/next-step"]);
}

// ---------------------------------------------------------------------------
// Files fixed in place
// ---------------------------------------------------------------------------

#[test]
fn fix_rewrites_file_keeping_mode() {
    let rules = Rules::new(SHORTHAND_AND_QUESTION);
    let (_folder, path) = draft_file("draft.txt", "sry missed ur call?\n", 0o640);

    let fixed = run_wide(&rules.check_args(&["--fix", path_str(&path)]), "");

    assert_eq!(fixed.code, 0, "{}{}", fixed.stdout, fixed.stderr);
    assert_eq!(read(&path), "sorry missed your call?\n");
    assert_eq!(mode_of(&path), 0o640);
    assert_eq!(
        fixed.stderr,
        format!("{}: applied 2 fixes\n", path.display())
    );
}

#[test]
fn fix_rewrites_file_with_findings_left() {
    let rules = Rules::new(SHORTHAND_AND_QUESTION);
    let (_folder, path) = draft_file("draft.txt", "sry missed ur call\n", 0o600);

    let fixed = run_wide(&rules.check_args(&["--fix", path_str(&path)]), "");

    assert_eq!(fixed.code, 1, "{}{}", fixed.stdout, fixed.stderr);
    assert_eq!(read(&path), "sorry missed your call\n");
    assert_eq!(mode_of(&path), 0o600);
    assert!(fixed.stdout.contains("house/next-step"), "{}", fixed.stdout);
    assert!(
        !fixed.stdout.contains("house/shorthand"),
        "{}",
        fixed.stdout
    );
}

#[test]
fn fix_leaves_unchanged_file_alone() {
    let rules = Rules::new(SHORTHAND_AND_QUESTION);
    // A clean draft, and one whose only finding has no fix.
    for (text, status) in [("Sorry, free at 3?\n", 0), ("Missed your call.\n", 1)] {
        let (_folder, path) = draft_file("draft.txt", text, 0o644);
        let modified = backdate(&path);
        let inode = std::fs::metadata(&path).unwrap().ino();

        let fixed = run_wide(&rules.check_args(&["--fix", path_str(&path)]), "");

        assert_eq!(
            fixed.code, status,
            "{text:?}: {}{}",
            fixed.stdout, fixed.stderr
        );
        assert_eq!(fixed.stderr, "", "{text:?}");
        let metadata = std::fs::metadata(&path).unwrap();
        assert_eq!(metadata.ino(), inode, "{text:?} was replaced");
        assert_eq!(
            metadata.modified().unwrap(),
            modified,
            "{text:?} was written"
        );
        assert_eq!(read(&path), text);
    }
}

#[test]
fn fix_continues_after_failed_file() {
    let rules = Rules::new(SHORTHAND_AND_QUESTION);
    let (_locked_folder, locked) = draft_file("locked.txt", "sry?\n", 0o444);
    let (_open_folder, open) = draft_file("open.txt", "ur call?\n", 0o644);

    let fixed = run_wide(
        &rules.check_args(&["--fix", path_str(&locked), path_str(&open)]),
        "",
    );

    assert_eq!(fixed.code, 2, "{}{}", fixed.stdout, fixed.stderr);
    assert_eq!(read(&locked), "sry?\n");
    assert_eq!(read(&open), "your call?\n");
}

#[test]
fn fix_rejects_read_only_file() {
    let rules = Rules::new(SHORTHAND_AND_QUESTION);
    let (_folder, path) = draft_file("draft.txt", "sry missed ur call?\n", 0o444);

    let fixed = run_wide(&rules.check_args(&["--fix", path_str(&path)]), "");

    assert_eq!(fixed.code, 2, "{}{}", fixed.stdout, fixed.stderr);
    assert!(
        fixed.stderr.contains(path_str(&path)),
        "the error does not name the file:\n{}",
        fixed.stderr
    );
    assert!(fixed.stderr.contains("read-only"), "{}", fixed.stderr);
    assert_eq!(read(&path), "sry missed ur call?\n");
    assert_eq!(mode_of(&path), 0o444);
}

#[test]
fn fix_rejects_read_only_folder() {
    let rules = Rules::new(SHORTHAND_AND_QUESTION);
    let (folder, path) = draft_file("draft.txt", "sry missed ur call?\n", 0o644);
    std::fs::set_permissions(folder.path(), std::fs::Permissions::from_mode(0o555)).unwrap();

    let fixed = run_wide(&rules.check_args(&["--fix", path_str(&path)]), "");

    // Restore the folder's mode first, so that it can be deleted whatever
    // the assertions find.
    std::fs::set_permissions(folder.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(fixed.code, 2, "{}{}", fixed.stdout, fixed.stderr);
    assert!(
        fixed.stderr.contains(path_str(&path)),
        "the error does not name the file:\n{}",
        fixed.stderr
    );
    assert!(fixed.stderr.contains("read-only"), "{}", fixed.stderr);
    assert_eq!(read(&path), "sry missed ur call?\n");
    let leftovers: Vec<_> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, vec!["draft.txt"]);
}

#[test]
fn write_rejects_file_changed_on_disk() {
    let (_folder, path) = draft_file("draft.txt", "sry missed ur call?\n", 0o644);
    let original = std::fs::read(&path).unwrap();
    std::fs::write(&path, "Edited meanwhile.\n").unwrap();

    let error = write_in_place(&path, &original, "sorry missed your call?\n").unwrap_err();

    assert!(matches!(error, WriteError::ChangedOnDisk { .. }), "{error}");
    assert!(error.to_string().contains(path_str(&path)), "{error}");
    assert_eq!(read(&path), "Edited meanwhile.\n");
}

#[test]
fn fix_refuses_file_changed_while_linted() {
    // Debug builds append to the file between linting and writing when this
    // variable is set, as another program saving the draft would.
    let (_folder, path) = draft_file("draft.txt", "sry missed ur call?\n", 0o644);
    let run = run_command(
        sorrylint()
            .env("SORRYLINT_TEST_EDIT_BEFORE_WRITE", "1")
            .args([
                "check",
                "--no-config",
                "--to",
                "client",
                "--fix",
                path_str(&path),
            ]),
    );

    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("changed on disk"), "{}", run.stderr);
    assert!(run.stderr.contains(path_str(&path)), "{}", run.stderr);
    assert_eq!(read(&path), "sry missed ur call?\nedited elsewhere\n");
}

#[test]
fn write_replaces_unchanged_file() {
    let (_folder, path) = draft_file("draft.txt", "sry missed ur call?\n", 0o640);
    let original = std::fs::read(&path).unwrap();

    write_in_place(&path, &original, "sorry missed your call?\n").unwrap();

    assert_eq!(read(&path), "sorry missed your call?\n");
    assert_eq!(mode_of(&path), 0o640);
}

// ---------------------------------------------------------------------------
// --diff and --unsafe-fixes
// ---------------------------------------------------------------------------

#[test]
fn diff_prints_changes_writes_nothing() {
    let rules = Rules::new(SHORTHAND_AND_QUESTION);
    let text = "sry missed ur call?\nok\n";
    let (_folder, path) = draft_file("draft.txt", text, 0o644);
    let modified = backdate(&path);
    let name = path_str(&path);

    let diff = run_wide(&rules.check_args(&["--diff", name]), "");

    // The draft as it is has warnings, so the status is 1 although the
    // fixed draft would pass.
    assert_eq!(diff.code, 1, "{}", diff.stderr);
    assert_eq!(
        diff.stdout,
        format!(
            "--- {name}\n+++ {name}\n@@ -1,2 +1,2 @@\n\
             -sry missed ur call?\n+sorry missed your call?\n ok\n"
        )
    );
    assert_eq!(diff.stderr, "");
    assert_eq!(read(&path), text);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );
}

#[test]
fn diff_reads_stdin() {
    let rules = Rules::new(SHORTHAND_AND_QUESTION);

    let diff = rules.check("ur call?\n", &["--diff"]);

    assert_eq!(diff.code, 1, "{}", diff.stderr);
    assert_eq!(
        diff.stdout,
        "--- <stdin>\n+++ <stdin>\n@@ -1 +1 @@\n-ur call?\n+your call?\n"
    );
}

#[test]
fn diff_of_clean_draft_is_empty() {
    let rules = Rules::new(SHORTHAND_AND_QUESTION);

    let diff = rules.check("Sorry, free at 3?\n", &["--diff"]);

    assert_eq!(diff.code, 0, "{}", diff.stderr);
    assert_eq!(diff.stdout, "");
}

#[test]
fn diff_shows_suggested_fixes_only_when_unsafe() {
    let rules = Rules::new(ALTERNATIVES);

    let safe = rules.check("brb?\n", &["--diff"]);
    let unsafe_fixes = rules.check("brb?\n", &["--diff", "--unsafe-fixes"]);

    assert_eq!(safe.code, 1, "{}", safe.stderr);
    assert_eq!(safe.stdout, "");
    assert_eq!(unsafe_fixes.code, 1, "{}", unsafe_fixes.stderr);
    assert_eq!(
        unsafe_fixes.stdout,
        "--- <stdin>\n+++ <stdin>\n@@ -1 +1 @@\n-brb?\n+back soon?\n"
    );
}

#[test]
fn unsafe_fixes_rewrite_file() {
    let rules = Rules::new(ALTERNATIVES);
    let (_folder, path) = draft_file("draft.txt", "k, brb asap\n", 0o640);

    let safe = run_wide(&rules.check_args(&["--fix", path_str(&path)]), "");

    assert_eq!(safe.code, 1, "{}{}", safe.stdout, safe.stderr);
    assert_eq!(read(&path), "k, brb as soon as I can\n");

    let unsafe_fixes = run_wide(
        &rules.check_args(&["--fix", "--unsafe-fixes", path_str(&path)]),
        "",
    );

    assert_eq!(
        unsafe_fixes.code, 0,
        "{}{}",
        unsafe_fixes.stdout, unsafe_fixes.stderr
    );
    assert_eq!(
        read(&path),
        "okay, back soon as soon as I can. Free at 3?\n"
    );
    assert_eq!(mode_of(&path), 0o640);
}

#[test]
fn unsafe_fixes_alone_is_usage_error() {
    let rules = Rules::new(SHORTHAND_AND_QUESTION);

    let alone = rules.check("sry\n", &["--unsafe-fixes"]);

    assert_eq!(alone.code, 2, "{}", alone.stderr);
    assert_eq!(alone.stdout, "");
    assert!(alone.stderr.contains("--fix"), "{}", alone.stderr);
    assert!(alone.stderr.contains("--diff"), "{}", alone.stderr);
}

#[test]
fn fix_and_diff_together_is_usage_error() {
    let rules = Rules::new(SHORTHAND_AND_QUESTION);

    let both = rules.check("sry\n", &["--fix", "--diff"]);

    assert_eq!(both.code, 2, "{}", both.stderr);
    assert_eq!(both.stdout, "");
}

// ---------------------------------------------------------------------------
// Fixes that undo each other
// ---------------------------------------------------------------------------

/// Two rules whose fixes undo each other, so fixing never settles.
const CYCLE: &str = r#"
rules:
  - id: house/alpha-to-beta
    kind: substitution
    severity: warning
    swap: { alpha: beta }
    message: "Write '{replacement}'."
    examples:
      bad: [alpha]
      good: [gamma]
  - id: house/beta-to-alpha
    kind: substitution
    severity: warning
    swap: { beta: alpha }
    message: "Write '{replacement}'."
    examples:
      bad: [beta]
      good: [gamma]
"#;

#[test]
fn unsettled_fixes_return_draft_unchanged() {
    let rules = Rules::new(CYCLE);

    for draft in ["alpha", "alpha beta\n"] {
        let fixed = rules.fix_stdin(draft, &[]);

        assert_eq!(fixed.code, 2, "{draft:?}: {}", fixed.stderr);
        // No half-fixed text: the draft as it came, for editor filters.
        assert_eq!(fixed.stdout, draft, "{draft:?}");
        assert!(
            fixed.stderr.contains("fixes do not settle"),
            "{draft:?}: {}",
            fixed.stderr
        );
    }
}

#[test]
fn unsettled_fixes_name_both_rules() {
    let rules = Rules::new(CYCLE);

    let fixed = rules.fix_stdin("alpha beta\n", &[]);

    assert!(
        fixed.stderr.contains("house/alpha-to-beta"),
        "{}",
        fixed.stderr
    );
    assert!(
        fixed.stderr.contains("house/beta-to-alpha"),
        "{}",
        fixed.stderr
    );
}

#[test]
fn unsettled_single_word_names_both_rules() {
    let rules = Rules::new(CYCLE);

    let fixed = rules.fix_stdin("alpha", &[]);

    assert!(
        fixed.stderr.contains("house/alpha-to-beta"),
        "{}",
        fixed.stderr
    );
    assert!(
        fixed.stderr.contains("house/beta-to-alpha"),
        "{}",
        fixed.stderr
    );
}

#[test]
fn unsettled_fixes_leave_file_unchanged() {
    let rules = Rules::new(CYCLE);
    let (_folder, path) = draft_file("draft.txt", "alpha beta\n", 0o644);
    let modified = backdate(&path);

    let fixed = run_wide(&rules.check_args(&["--fix", path_str(&path)]), "");
    let diff = run_wide(&rules.check_args(&["--diff", path_str(&path)]), "");

    assert_eq!(fixed.code, 2, "{}{}", fixed.stdout, fixed.stderr);
    assert!(fixed.stderr.contains(path_str(&path)), "{}", fixed.stderr);
    assert_eq!(diff.code, 2, "{}{}", diff.stdout, diff.stderr);
    assert_eq!(diff.stdout, "");
    assert_eq!(read(&path), "alpha beta\n");
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );
}

// ---------------------------------------------------------------------------
// Default rules
// ---------------------------------------------------------------------------

#[test]
fn default_rules_fix_txt_speak() {
    let first = run(
        &["check", "--fix", "--to", "client"],
        "Thx for calling. U free later? THX!",
    );

    assert_ne!(first.code, 2, "{}", first.stderr);
    assert_eq!(first.stdout, "Thanks for calling. You free later? THANKS!");

    let second = run(&["check", "--fix", "--to", "client"], first.stdout.as_str());

    assert_ne!(second.code, 2, "{}", second.stderr);
    assert_eq!(second.stdout, first.stdout);
}

#[test]
fn default_rules_fix_leaves_warning() {
    let fixed = run(&["check", "--fix"], "sry missed ur call");

    assert_eq!(fixed.code, 1, "{}", fixed.stderr);
    assert_eq!(fixed.stdout, "sorry missed your call");
}

#[test]
fn default_rules_fix_file_in_place() {
    let front_matter = "---\nto: client\n---\n";
    let (_folder, path) = draft_file(
        "draft.txt",
        &format!("{front_matter}sry I missed ur call, I was driving. Can I call u at 4?\n"),
        0o640,
    );

    let fixed = run(&["check", "--fix", path_str(&path)], "");

    assert_ne!(fixed.code, 2, "{}", fixed.stderr);
    assert_eq!(
        read(&path),
        format!("{front_matter}sorry I missed your call, I was driving. Can I call you at 4?\n")
    );
    assert_eq!(mode_of(&path), 0o640);
}
