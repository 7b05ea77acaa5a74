//! Choosing rules (`--disable`, `--rules`, `--no-default-rules`) and the
//! `rules` and `test` subcommands.

mod common;

use common::{check_json, findings, findings_of, path_str, rule_folder, rule_ids, run, run_wide};
use sorrylint::load::{LoadOptions, load};

const CASUAL_DRAFT: &str = "lol u r the best, call u at 5?";

/// A rule that replaces the default `txt-speak/abbreviation` with one swap.
const OVERRIDE_ABBREVIATION: &str = r#"rules:
  - id: txt-speak/abbreviation
    kind: substitution
    severity: error
    audience: [professional]
    swap:
      cya: see you
    message: "'{match}' is txt-speak; write '{replacement}'."
    examples:
      bad: ["cya at 5"]
      good: ["see you at 5"]
"#;

/// A rule of its own, in a group no default rule uses.
const OWN_RULE: &str = r#"rules:
  - id: house-style/no-cheers
    kind: existence
    severity: warning
    words: [cheers]
    message: "'{match}' is not our house style."
    examples:
      bad: ["Cheers, call you at 5"]
      good: ["Thanks, call you at 5"]
"#;

/// Counts the default rules, loaded through the library.
fn default_rule_count() -> usize {
    load(&LoadOptions {
        default_rules: true,
        paths: vec![],
    })
    .expect("the default rules load")
    .rules()
    .len()
}

#[test]
fn disable_group_drops_its_rules() {
    let (_, all) = check_json(CASUAL_DRAFT, &["--to", "client"]);
    let (_, disabled) = check_json(CASUAL_DRAFT, &["--to", "client", "--disable", "txt-speak"]);

    assert!(!findings_of(&all, "txt-speak/abbreviation").is_empty());
    assert!(!findings_of(&all, "txt-speak/chat-acronym").is_empty());
    assert_eq!(findings_of(&disabled, "txt-speak").len(), 0);
    // Other groups still run.
    assert!(
        !findings_of(&disabled, "acknowledgement").is_empty(),
        "{:?}",
        rule_ids(&disabled)
    );
}

#[test]
fn disable_id_drops_one_rule() {
    let (_, disabled) = check_json(
        CASUAL_DRAFT,
        &["--to", "client", "--disable", "txt-speak/abbreviation"],
    );

    assert_eq!(findings_of(&disabled, "txt-speak/abbreviation").len(), 0);
    // The rest of the group still runs: "lol" is chat slang.
    let acronyms = findings_of(&disabled, "txt-speak/chat-acronym");
    assert_eq!(acronyms.len(), 1);
    assert_eq!(common::spanned(CASUAL_DRAFT, acronyms[0]), "lol");
    assert!(!findings_of(&disabled, "acknowledgement").is_empty());
}

#[test]
fn disable_is_repeatable() {
    let (_, disabled) = check_json(
        CASUAL_DRAFT,
        &[
            "--to",
            "client",
            "--disable",
            "txt-speak",
            "--disable",
            "acknowledgement/reason",
        ],
    );

    let ids = rule_ids(&disabled);
    assert_eq!(ids, vec!["acknowledgement/missed-call"]);
}

#[test]
fn disable_misspelt_group_suggests_closest() {
    let run = run_wide(&["check", "--disable", "txt-speek"], CASUAL_DRAFT);

    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("unknown rule or group 'txt-speek'"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean 'txt-speak'?"),
        "{}",
        run.stderr
    );
}

#[test]
fn disable_misspelt_id_suggests_closest() {
    let run = run_wide(
        &["check", "--disable", "txt-speak/abreviation"],
        CASUAL_DRAFT,
    );

    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("did you mean 'txt-speak/abbreviation'?"),
        "{}",
        run.stderr
    );
}

#[test]
fn disable_unrelated_name_points_at_list() {
    let run = run_wide(&["check", "--disable", "zzzzzzzz"], CASUAL_DRAFT);

    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("sorrylint rules"), "{}", run.stderr);
}

#[test]
fn rules_folder_replaces_same_id() {
    let folder = rule_folder(&[("abbreviation.yaml", OVERRIDE_ABBREVIATION)]);
    let draft = "cya, missed u! call at 5?";
    let (code, report) = check_json(
        draft,
        &["--to", "client", "--rules", path_str(folder.path())],
    );

    let found = findings_of(&report, "txt-speak/abbreviation");
    assert_eq!(found.len(), 1, "only the new rule runs");
    assert_eq!(common::spanned(draft, found[0]), "cya");
    assert_eq!(found[0]["severity"], "error");
    assert_eq!(code, 1);
}

#[test]
fn rules_folder_override_keeps_count() {
    let folder = rule_folder(&[("abbreviation.yaml", OVERRIDE_ABBREVIATION)]);
    let run = run(
        &[
            "rules",
            "--format",
            "json",
            "--rules",
            path_str(folder.path()),
        ],
        "",
    );

    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = run.json_lines();
    assert_eq!(rows.len(), default_rule_count());
    let row = rows
        .iter()
        .find(|row| row["id"] == "txt-speak/abbreviation")
        .expect("the rule is listed");
    let file = format!("{}/abbreviation.yaml", path_str(folder.path()));
    assert_eq!(row["file"], file.as_str());
    assert_eq!(row["severity"], "error");
}

#[test]
fn rules_folder_adds_new_rule() {
    let folder = rule_folder(&[("house.yaml", OWN_RULE)]);
    let draft = "Cheers, missed your call. Call you at 5?";
    let (_, report) = check_json(draft, &["--rules", path_str(folder.path())]);

    let found = findings_of(&report, "house-style/no-cheers");
    assert_eq!(found.len(), 1);
    assert_eq!(common::spanned(draft, found[0]), "Cheers");
    // The default rules still run beside it.
    assert!(!findings_of(&report, "acknowledgement").is_empty());
}

#[test]
fn no_default_rules_drops_defaults() {
    let run = run(
        &[
            "check",
            "--format",
            "json",
            "--no-default-rules",
            "--to",
            "client",
            "fixtures/bad-client-reply.txt",
        ],
        "",
    );

    assert_eq!(run.code, 0);
    let report = run.json();
    assert_eq!(findings(&report).len(), 0);
    // The built-in audiences still load.
    assert_eq!(report["audience"]["group"], "professional");
}

#[test]
fn no_default_rules_keeps_given_rules() {
    let folder = rule_folder(&[("house.yaml", OWN_RULE)]);
    let (code, report) = check_json(
        "cheers, sry missed u",
        &["--no-default-rules", "--rules", path_str(folder.path())],
    );

    assert_eq!(code, 1);
    assert_eq!(rule_ids(&report), vec!["house-style/no-cheers"]);
}

#[test]
fn no_default_rules_lists_none() {
    let run = run(&["rules", "--no-default-rules"], "");

    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "ID  KIND  SEVERITY  AUDIENCE\n0 rules\n");
}

#[test]
fn rules_lists_columns() {
    let run = run(&["rules"], "");

    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(header, vec!["ID", "KIND", "SEVERITY", "AUDIENCE"]);

    let row = |id: &str| -> Vec<String> {
        let line = lines
            .iter()
            .find(|line| line.split_whitespace().next() == Some(id))
            .unwrap_or_else(|| panic!("{id} is not listed:\n{}", run.stdout));
        line.split_whitespace().map(String::from).collect()
    };
    assert_eq!(
        row("txt-speak/abbreviation"),
        vec![
            "txt-speak/abbreviation",
            "substitution",
            "warning",
            "professional"
        ]
    );
    assert_eq!(
        row("who-dis/ask-politely"),
        vec!["who-dis/ask-politely", "require", "warning", "unknown"]
    );
    assert_eq!(
        row("placeholder/unfilled"),
        vec!["placeholder/unfilled", "existence", "error", "everyone"]
    );
    assert_eq!(
        row("over-apologizing/self-abasement"),
        vec![
            "over-apologizing/self-abasement",
            "existence",
            "warning",
            "professional,",
            "unknown"
        ]
    );

    let count = default_rule_count();
    assert_eq!(lines.len(), count + 2);
    assert_eq!(
        lines.last().copied(),
        Some(format!("{count} rules").as_str())
    );
}

#[test]
fn rules_json_has_every_field() {
    let run = run(&["rules", "--format", "json"], "");

    assert_eq!(run.code, 0);
    let rows = run.json_lines();
    assert_eq!(rows.len(), default_rule_count());
    for row in &rows {
        for field in ["id", "kind", "severity", "file"] {
            assert!(row[field].is_string(), "{field} in {row}");
        }
        assert!(row["audience"].is_array(), "{row}");
        assert!(
            row["file"]
                .as_str()
                .is_some_and(|file| file.starts_with("embedded:rules/")),
            "{row}"
        );
    }
    let abbreviation = rows
        .iter()
        .find(|row| row["id"] == "txt-speak/abbreviation")
        .expect("the rule is listed");
    assert_eq!(
        abbreviation["audience"],
        serde_json::json!(["professional"])
    );
    assert_eq!(abbreviation["file"], "embedded:rules/txt-speak.yaml");
}

#[test]
fn rules_rejects_finding_formats() {
    // The line and GitHub formats print findings, and a rule list has none.
    for format in ["line", "github"] {
        let run = run(&["rules", "--format", format], "");

        assert_eq!(run.code, 2, "--format {format}");
        assert_eq!(run.stdout, "", "--format {format}");
        assert!(
            run.stderr.contains("[possible values: human, json]"),
            "--format {format}: {}",
            run.stderr
        );
    }
}

#[test]
fn test_default_rules_folder_passes() {
    let run = run(&["test", "rules/"], "");

    assert_eq!(run.code, 0, "{}", run.stdout);
    let count = default_rule_count();
    let summary = run.stdout.lines().last().expect("a summary line");
    assert!(
        summary.starts_with(&format!("{count} rules, ")),
        "{summary}"
    );
    assert!(
        summary.ends_with(&format!("examples: {count} passed, 0 failed (0 failures)")),
        "{summary}"
    );
    assert!(!run.stdout.contains("FAIL"), "{}", run.stdout);
}

#[test]
fn test_without_folder_checks_loaded_rules() {
    let run = run(&["test"], "");

    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .contains(&format!("{} passed, 0 failed", default_rule_count())),
        "{}",
        run.stdout
    );
}

#[test]
fn test_failing_example_names_file_and_line() {
    let rule = r#"rules:
  - id: mine/kisses
    kind: existence
    severity: warning
    message: "'{match}' is too familiar."
    words: [xoxo]
    examples:
      bad:
        - xoxo, call you at 5
        - hugs and kisses, call you at 5
      good:
        - call you at 5
"#;
    let folder = rule_folder(&[("kisses.yaml", rule)]);
    let run = run(&["test", path_str(folder.path())], "");

    assert_eq!(run.code, 1, "{}", run.stdout);
    let file = format!("{}/kisses.yaml", path_str(folder.path()));
    assert!(
        run.stdout.contains(&format!("FAIL mine/kisses ({file}:2)")),
        "{}",
        run.stdout
    );
    // The second bad example is on line 10.
    assert!(
        run.stdout
            .contains("bad example 2 at line 10 did not trigger the rule"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("\"hugs and kisses, call you at 5\""));
    assert!(
        run.stdout
            .ends_with(" 3 examples: 0 passed, 1 failed (1 failure)\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn test_good_example_that_triggers_fails() {
    let rule = r#"rules:
  - id: mine/kisses
    kind: existence
    severity: warning
    message: "'{match}' is too familiar."
    words: [xoxo]
    examples:
      bad: [xoxo]
      good:
        - call you at 5
        - call you at 5 xoxo
"#;
    let folder = rule_folder(&[("kisses.yaml", rule)]);
    let run = run(&["test", path_str(folder.path())], "");

    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("good example 2 at line 11 triggered the rule"),
        "{}",
        run.stdout
    );
}

#[test]
fn test_rule_without_good_example_fails() {
    let rule = r#"rules:
  - id: mine/kisses
    kind: existence
    severity: warning
    message: "'{match}' is too familiar."
    words: [xoxo]
    examples:
      bad: [xoxo]
      good: []
"#;
    let folder = rule_folder(&[("kisses.yaml", rule)]);
    let run = run(&["test", path_str(folder.path())], "");

    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("the rule has no good example"),
        "{}",
        run.stdout
    );
}

#[test]
fn test_only_checks_given_folder() {
    let folder = rule_folder(&[("house.yaml", OWN_RULE)]);
    let run = run(&["test", path_str(folder.path())], "");

    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .ends_with(" 2 examples: 1 passed, 0 failed (0 failures)\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn test_summary_singular_rule() {
    let folder = rule_folder(&[("house.yaml", OWN_RULE)]);
    let run = run(&["test", path_str(folder.path())], "");

    assert_eq!(
        run.stdout,
        "1 rule, 2 examples: 1 passed, 0 failed (0 failures)\n"
    );
}
