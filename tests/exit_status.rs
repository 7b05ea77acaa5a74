//! Exit statuses of `sorrylint check`: 0 when nothing reaches the failing
//! level, 1 when something does, 2 for usage errors and unreadable input.
//! Never a count of findings.

mod common;

use common::{check_json, findings, fixture_text, rule_ids, run, run_wide};

/// Only advice: the draft gives no reason for missing the call.
const ADVICE_ONLY: &str = "Sorry I missed your call. Can I call you back at 3pm?\n";

/// Warnings and advice, but no error.
const WARNINGS: &str = "sry missed ur call\n";

/// An unfilled template placeholder is an error.
const ERROR: &str = "Hi {{first_name}}, sorry I missed your call, I was in a meeting. Can I call you back at 3pm?\n";

#[test]
fn stdin_and_file_give_same_findings() {
    let from_file = run(
        &[
            "check",
            "--format",
            "json",
            "--to",
            "client",
            "fixtures/bad-client-reply.txt",
        ],
        "",
    );
    let from_stdin = run(
        &["check", "--format", "json", "--to", "client"],
        fixture_text("bad-client-reply.txt"),
    );

    assert_eq!(from_file.code, 1);
    assert_eq!(from_stdin.code, from_file.code);
    let file_report = from_file.json();
    let stdin_report = from_stdin.json();
    assert_eq!(file_report["path"], "fixtures/bad-client-reply.txt");
    assert_eq!(stdin_report["path"], "<stdin>");
    assert!(!findings(&file_report).is_empty());
    assert_eq!(file_report["findings"], stdin_report["findings"]);
    assert_eq!(file_report["summary"], stdin_report["summary"]);
}

#[test]
fn dash_path_reads_stdin() {
    let run = run(&["check", "--format", "json", "-"], WARNINGS);

    assert_eq!(run.code, 1);
    assert_eq!(run.json()["path"], "<stdin>");
}

#[test]
fn fail_level_sets_threshold() {
    // (draft, --fail-level, expected status)
    let cases = [
        (ADVICE_ONLY, "error", 0),
        (ADVICE_ONLY, "warning", 0),
        (ADVICE_ONLY, "advice", 1),
        (WARNINGS, "error", 0),
        (WARNINGS, "warning", 1),
        (WARNINGS, "advice", 1),
        (ERROR, "error", 1),
        (ERROR, "warning", 1),
        (ERROR, "advice", 1),
    ];
    for (draft, level, expected) in cases {
        let run = run(&["check", "--fail-level", level], draft);
        assert_eq!(
            run.code, expected,
            "--fail-level {level} on {draft:?}:\n{}",
            run.stdout
        );
    }
}

#[test]
fn fail_level_cases_have_expected_severities() {
    // The table above relies on each draft's most serious finding.
    let max_severity = |draft: &str| {
        let (_, report) = check_json(draft, &[]);
        let summary = &report["summary"];
        if summary["error"] != 0 {
            "error"
        } else if summary["warning"] != 0 {
            "warning"
        } else if summary["advice"] != 0 {
            "advice"
        } else {
            "none"
        }
    };

    assert_eq!(max_severity(ADVICE_ONLY), "advice");
    assert_eq!(max_severity(WARNINGS), "warning");
    assert_eq!(max_severity(ERROR), "error");
}

#[test]
fn default_fail_level_is_warning() {
    assert_eq!(run(&["check"], ADVICE_ONLY).code, 0);
    assert_eq!(run(&["check"], WARNINGS).code, 1);
}

#[test]
fn exit_status_is_never_a_count() {
    let run = run(
        &[
            "check",
            "--to",
            "client",
            "fixtures/bad-client-reply.txt",
            "fixtures/crlf.txt",
            "fixtures/bom.txt",
        ],
        "",
    );

    assert_eq!(run.code, 1);
    let summaries = run
        .stdout
        .lines()
        .filter(|line| line.starts_with("fixtures/"))
        .count();
    assert_eq!(summaries, 3, "{}", run.stdout);
}

#[test]
fn clean_and_failing_inputs_exit_one() {
    let run = run(
        &[
            "check",
            "--to",
            "client",
            "fixtures/good-client-reply.txt",
            "fixtures/bad-client-reply.txt",
        ],
        "",
    );

    assert_eq!(run.code, 1);
}

#[test]
fn flags_override_front_matter() {
    let run = run(
        &[
            "check",
            "--format",
            "json",
            "--to",
            "friend",
            "--missed-calls",
            "1",
            "--elapsed",
            "5m",
            "fixtures/front-matter.txt",
        ],
        "",
    );
    let report = run.json();

    assert_eq!(report["audience"]["name"], "friend");
    assert_eq!(report["audience"]["group"], "personal");
    assert_eq!(report["missed_calls"], 1);
    assert_eq!(report["elapsed_minutes"], 5);
    // The front matter asked for a boss, two calls and three hours; none of
    // the rules that depend on those apply any more.
    assert_eq!(rule_ids(&report), Vec::<String>::new());
    assert_eq!(run.code, 0);
}

#[test]
fn unknown_front_matter_audience_fails_despite_flag() {
    // Front matter must be valid on its own, as an invalid `elapsed` there
    // is, so `--to` does not hide a wrong `to:` in the file.
    let run = run_wide(
        &["check", "--to", "client", "fixtures/unknown-audience.txt"],
        "",
    );

    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("unknown audience 'landlord'"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_to_flag_is_usage_error() {
    let run = run_wide(&["check", "--to", "landlord"], WARNINGS);

    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("unknown audience 'landlord'"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("client"), "known names are listed");
}

#[test]
fn unknown_front_matter_audience_points_at_it() {
    let run = run_wide(&["check", "fixtures/unknown-audience.txt"], "");

    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("unknown audience 'landlord'"),
        "{}",
        run.stderr
    );
    // Line 2, column 5 is the value after `to: `.
    assert!(
        run.stderr.contains("[fixtures/unknown-audience.txt:2:5]"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("this audience"), "{}", run.stderr);
}

#[test]
fn unknown_front_matter_audience_in_json() {
    let run = run(
        &["check", "--format", "json", "fixtures/unknown-audience.txt"],
        "",
    );

    assert_eq!(run.code, 2);
    let line = run.json();
    assert_eq!(line["path"], "fixtures/unknown-audience.txt");
    assert!(
        line["error"]
            .as_str()
            .is_some_and(|error| error.contains("unknown audience 'landlord'")),
        "{line}"
    );
}

#[test]
fn invalid_front_matter_is_input_error() {
    let cases = [
        (
            "---\naudience: client\n---\nSorry, call you at 3?\n",
            "unknown field `audience`",
        ),
        (
            "---\nelapsed: soon\n---\nSorry, call you at 3?\n",
            "invalid duration 'soon'",
        ),
        (
            "---\nmissed-calls: many\n---\nSorry, call you at 3?\n",
            "missed-calls",
        ),
    ];
    for (draft, expected) in cases {
        let run = run_wide(&["check"], draft);
        assert_eq!(run.code, 2, "{draft:?}");
        assert!(
            run.stderr.contains("invalid front matter"),
            "{draft:?}: {}",
            run.stderr
        );
        assert!(run.stderr.contains(expected), "{draft:?}: {}", run.stderr);
    }
}

#[test]
fn invalid_flag_values_are_usage_errors() {
    let cases: [&[&str]; 4] = [
        &["check", "--elapsed", "soon"],
        &["check", "--missed-calls", "-1"],
        &["check", "--format", "xml"],
        &["check", "--fail-level", "fatal"],
    ];
    for args in cases {
        let run = run(args, WARNINGS);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert_eq!(run.stdout, "", "{args:?}");
    }
}

#[test]
fn help_and_version_exit_zero() {
    for args in [["--help"], ["--version"]] {
        let run = run(&args, "");
        assert_eq!(run.code, 0, "{args:?}");
        assert!(!run.stdout.is_empty(), "{args:?}");
    }
}
