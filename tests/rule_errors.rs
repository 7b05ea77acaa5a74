//! Invalid rule files: each problem is reported with its file and line,
//! every problem of a folder at once, and the exit status is 2.

mod common;

use common::{Run, path_str, rule_folder, run, run_wide};

/// A valid rule whose id and word can be swapped in with `str::replace`.
const VALID_RULE: &str = r#"  - id: mine/gadzooks
    kind: existence
    severity: warning
    message: "'{match}' is not allowed."
    words: [gadzooks]
    examples: { bad: ["gadzooks, missed you"], good: ["missed you"] }
"#;

/// Loads the rules in `files` with `sorrylint rules --rules DIR`.
#[track_caller]
fn load_rules(files: &[(&str, &str)]) -> (tempfile::TempDir, Run) {
    let folder = rule_folder(files);
    let run = run_wide(&["rules", "--rules", path_str(folder.path())], "");
    (folder, run)
}

/// Asserts that loading failed with status 2 and that stderr points at
/// `file:line:column` inside `folder` and contains `message`.
#[track_caller]
fn assert_rule_error(folder: &tempfile::TempDir, run: &Run, location: &str, message: &str) {
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let located = format!("[{}/{location}]", path_str(folder.path()));
    assert!(
        run.stderr.contains(&located),
        "{located} not in:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(message),
        "{message:?} not in:\n{}",
        run.stderr
    );
}

/// Counts the problems listed: one source snippet each.
fn problem_count(stderr: &str) -> usize {
    stderr.matches("╭─[").count()
}

#[test]
fn malformed_yaml_names_file_and_line() {
    let text = "rules:\n  - id: mine/one\n    kind: existence\n   severity: warning\n";
    let (folder, run) = load_rules(&[("broken.yaml", text)]);

    assert_rule_error(&folder, &run, "broken.yaml:4:4", "did not find expected");
}

#[test]
fn unknown_key_names_file_and_line() {
    let text = format!(
        "rules:\n{}",
        VALID_RULE.replace("    examples:", "    colour: blue\n    examples:")
    );
    let (folder, run) = load_rules(&[("rules.yaml", &text)]);

    assert_rule_error(&folder, &run, "rules.yaml:7:5", "unknown field `colour`");
}

#[test]
fn invalid_regex_names_file_and_line() {
    let text = format!(
        "rules:\n{}",
        VALID_RULE.replace("words: [gadzooks]", "patterns: ['(gad']")
    );
    let (folder, run) = load_rules(&[("rules.yaml", &text)]);

    assert_rule_error(
        &folder,
        &run,
        "rules.yaml:6:16",
        "invalid regular expression",
    );
    assert!(run.stderr.contains("unclosed group"), "{}", run.stderr);
}

#[test]
fn duplicate_id_in_one_file() {
    let text = format!("rules:\n{VALID_RULE}{VALID_RULE}");
    let (folder, run) = load_rules(&[("rules.yaml", &text)]);

    assert_rule_error(
        &folder,
        &run,
        "rules.yaml:8:9",
        "duplicate rule id 'mine/gadzooks'",
    );
    // The message names where the first definition is.
    let first = format!("{}/rules.yaml (line 2)", path_str(folder.path()));
    assert!(run.stderr.contains(&first), "{}", run.stderr);
}

#[test]
fn duplicate_id_across_files_of_folder() {
    let text = format!("rules:\n{VALID_RULE}");
    let (folder, run) = load_rules(&[("a.yaml", &text), ("b.yaml", &text)]);

    assert_rule_error(
        &folder,
        &run,
        "b.yaml:2:9",
        "duplicate rule id 'mine/gadzooks'",
    );
    let first = format!("{}/a.yaml (line 2)", path_str(folder.path()));
    assert!(run.stderr.contains(&first), "{}", run.stderr);
}

#[test]
fn unknown_audience_names_file_and_line() {
    let text = format!(
        "rules:\n{}",
        VALID_RULE.replace("    words:", "    audience: [client, aliens]\n    words:")
    );
    let (folder, run) = load_rules(&[("rules.yaml", &text)]);

    // The second entry of the list is at fault.
    assert_rule_error(
        &folder,
        &run,
        "rules.yaml:6:24",
        "unknown audience or group 'aliens'",
    );
    assert!(run.stderr.contains("professional"), "groups are listed");
}

#[test]
fn unknown_example_audience_is_error() {
    let text = format!(
        "rules:\n{}",
        VALID_RULE.replace(
            r#"bad: ["gadzooks, missed you"]"#,
            r#"bad: [{ text: "gadzooks", to: aliens }]"#
        )
    );
    let (folder, run) = load_rules(&[("rules.yaml", &text)]);

    assert_rule_error(
        &folder,
        &run,
        "rules.yaml:7:47",
        "unknown audience 'aliens' in example",
    );
}

#[test]
fn invalid_rule_id_names_file_and_line() {
    let text = format!(
        "rules:\n{}",
        VALID_RULE.replace("mine/gadzooks", "Mine_Gadzooks")
    );
    let (folder, run) = load_rules(&[("rules.yaml", &text)]);

    assert_rule_error(
        &folder,
        &run,
        "rules.yaml:2:9",
        "invalid rule id 'Mine_Gadzooks'",
    );
}

#[test]
fn wrong_value_type_names_file_and_line() {
    let text = format!(
        "rules:\n{}",
        VALID_RULE.replace("severity: warning", "severity: [warning]")
    );
    let (folder, run) = load_rules(&[("rules.yaml", &text)]);

    assert_rule_error(&folder, &run, "rules.yaml:4:15", "invalid type: sequence");
}

#[test]
fn unknown_severity_names_file_and_line() {
    let text = format!(
        "rules:\n{}",
        VALID_RULE.replace("severity: warning", "severity: loud")
    );
    let (folder, run) = load_rules(&[("rules.yaml", &text)]);

    assert_rule_error(&folder, &run, "rules.yaml:4:15", "unknown variant `loud`");
}

#[test]
fn kind_specific_key_is_checked() {
    let text = format!(
        "rules:\n{}",
        VALID_RULE.replace("    words:", "    max: 2\n    words:")
    );
    let (folder, run) = load_rules(&[("rules.yaml", &text)]);

    assert_rule_error(
        &folder,
        &run,
        "rules.yaml:6:10",
        "key `max` is not used by an existence rule",
    );
}

#[test]
fn every_problem_of_folder_reported_together() {
    let malformed = "rules:\n  - id: mine/one\n    kind: existence\n   severity: warning\n";
    let rules = [
        VALID_RULE.to_string(),
        VALID_RULE
            .replace("mine/gadzooks", "mine/colour")
            .replace("    words:", "    colour: red\n    words:"),
        VALID_RULE
            .replace("mine/gadzooks", "mine/regex")
            .replace("words: [gadzooks]", "patterns: ['(gad']"),
        VALID_RULE.to_string(),
        VALID_RULE
            .replace("mine/gadzooks", "mine/audience")
            .replace("    words:", "    audience: [aliens]\n    words:"),
        VALID_RULE.replace("mine/gadzooks", "Mine_Id"),
        VALID_RULE
            .replace("mine/gadzooks", "mine/type")
            .replace("kind: existence", "kind: occurrence")
            .replace("    words:", "    max: lots\n    words:"),
    ];
    let text = format!("rules:\n{}", rules.concat());
    let (folder, run) = load_rules(&[("a-broken.yaml", malformed), ("b-rules.yaml", &text)]);

    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("invalid rules: 7 problems found"),
        "{}",
        run.stderr
    );
    assert_eq!(problem_count(&run.stderr), 7, "{}", run.stderr);
    let folder_path = path_str(folder.path());
    assert_eq!(
        run.stderr
            .matches(&format!("[{folder_path}/b-rules.yaml:"))
            .count(),
        6
    );
    for message in [
        "did not find expected",
        "unknown field `colour`",
        "invalid regular expression",
        "duplicate rule id 'mine/gadzooks'",
        "unknown audience or group 'aliens'",
        "invalid rule id 'Mine_Id'",
        "invalid type: string \"lots\"",
    ] {
        assert!(run.stderr.contains(message), "{message:?} not reported");
    }
}

#[test]
fn duplicate_reported_beside_invalid_first() {
    // The first copy has an unknown key, and the duplicate id is still
    // reported with it.
    let first = VALID_RULE.replace("    words:", "    colour: red\n    words:");
    let text = format!("rules:\n{first}{VALID_RULE}");
    let (folder, run) = load_rules(&[("rules.yaml", &text)]);

    assert_rule_error(&folder, &run, "rules.yaml:6:5", "unknown field `colour`");
    assert!(
        run.stderr.contains("invalid rules: 2 problems found"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("duplicate rule id"), "{}", run.stderr);
}

#[test]
fn invalid_rules_stop_check() {
    let text = format!(
        "rules:\n{}",
        VALID_RULE.replace("severity: warning", "severity: loud")
    );
    let folder = rule_folder(&[("rules.yaml", &text)]);
    let run = run_wide(
        &["check", "--rules", path_str(folder.path())],
        "Sorry I missed your call, I was in a meeting. Can I call you back at 3pm?",
    );

    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("invalid rules: 1 problem found"));
}

#[test]
fn missing_rules_folder_is_error() {
    let run = run_wide(&["rules", "--rules", "fixtures/no-such-rules"], "");

    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("cannot read rules from fixtures/no-such-rules"),
        "{}",
        run.stderr
    );
}

#[test]
fn nested_quantifier_pattern_finishes() {
    let rule = r#"rules:
  - id: mine/stretched-so
    kind: existence
    severity: warning
    message: "'{match}' is stretched."
    patterns: ['(so+)+!']
    examples: { bad: ["sooo!"], good: ["so."] }
"#;
    let folder = rule_folder(&[("rules.yaml", rule)]);
    let args = [
        "check",
        "--no-default-rules",
        "--format",
        "json",
        "--rules",
        path_str(folder.path()),
    ];

    // A backtracking engine takes exponential time to fail here.
    let no_match = "sorry".repeat(200_000);
    let run_without = run(&args, no_match.as_str());
    assert_eq!(run_without.code, 0, "{}", run_without.stderr);
    assert_eq!(common::findings(&run_without.json()).len(), 0);

    let with_match = format!("{no_match} sooooo!");
    let run_with = run(&args, with_match.as_str());
    assert_eq!(run_with.code, 1, "{}", run_with.stderr);
    let report = run_with.json();
    let found = common::findings(&report);
    assert_eq!(found.len(), 1);
    assert_eq!(common::spanned(&with_match, &found[0]), "sooooo!");
}

#[test]
fn oversized_pattern_is_config_error() {
    let text = format!(
        "rules:\n{}",
        VALID_RULE.replace("words: [gadzooks]", r"patterns: ['\w{1000}{1000}']")
    );
    let (folder, run) = load_rules(&[("huge.yaml", &text)]);

    assert_rule_error(&folder, &run, "huge.yaml:6:16", "too large to compile");
}
