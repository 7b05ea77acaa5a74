//! The exit-status contract of `sorrylint check`, as the README states
//! it: 0 when no finding reaches the failing level, 1 when one does, and 2
//! for usage errors, invalid rules and inputs that cannot be linted. The
//! status is the same in every format and for stdin and files, and it is
//! never a count of findings.

mod common;

use std::path::Path;

use common::{Run, check_json, findings, fixture_text, path_str, rule_ids, run, run_wide};

/// No finding at all, for the default (professional) audience.
const CLEAN: &str = "Hi Dana, sorry I missed your call, I was on site with a customer. Can I call you back at 4:30 today?\n";

/// One warning, `ur`, which `--fix` corrects, and nothing else.
const WARNING_ONLY: &str =
    "Sorry I missed ur call, I was in a meeting. Can I call you back at 3pm?\n";

/// Warnings that `--fix` corrects (`sry`, `ur`), a warning it cannot fix
/// (no next step) and advice.
const WARNING_LEFT_AFTER_FIX: &str = "sry missed ur call\n";

/// Only advice: the draft gives no reason for missing the call.
const ADVICE_ONLY: &str = "Sorry I missed your call. Can I call you back at 3pm?\n";

/// An unfilled template placeholder, an error with no fix, and nothing else.
const ERROR: &str = "Hi {{first_name}}, sorry I missed your call, I was in a meeting. Can I call you back at 3pm?\n";

/// Bytes that are not UTF-8, so the draft cannot be linted.
const NOT_UTF8: &[u8] = b"sorry \xff\xfe missed your call\n";

/// A rule file that is not valid YAML.
const BROKEN_RULES: &str = "fixtures/broken-rules.yaml";

const FORMATS: [&str; 4] = ["human", "json", "line", "github"];

#[derive(Clone, Copy, Debug)]
enum Input {
    Stdin,
    File,
}

const INPUTS: [Input; 2] = [Input::Stdin, Input::File];

/// One row of a status table: a draft, the extra `check` arguments and the
/// status they must give.
struct Case {
    name: &'static str,
    draft: &'static [u8],
    args: &'static [&'static str],
    expected: i32,
}

/// The four drafts of the contract, plus an input that cannot be linted.
const DRAFT_CASES: [Case; 5] = [
    Case {
        name: "clean draft",
        draft: CLEAN.as_bytes(),
        args: &[],
        expected: 0,
    },
    Case {
        name: "draft with only a warning",
        draft: WARNING_ONLY.as_bytes(),
        args: &[],
        expected: 1,
    },
    Case {
        name: "draft with an error",
        draft: ERROR.as_bytes(),
        args: &[],
        expected: 1,
    },
    Case {
        name: "invalid rules",
        draft: CLEAN.as_bytes(),
        args: &["--rules", BROKEN_RULES],
        expected: 2,
    },
    Case {
        name: "draft that is not UTF-8",
        draft: NOT_UTF8,
        args: &[],
        expected: 2,
    },
];

/// `--fail-level` moves the line in both directions.
const FAIL_LEVEL_CASES: [Case; 2] = [
    Case {
        name: "--fail-level error, only a warning",
        draft: WARNING_ONLY.as_bytes(),
        args: &["--fail-level", "error"],
        expected: 0,
    },
    Case {
        name: "--fail-level advice, only advice",
        draft: ADVICE_ONLY.as_bytes(),
        args: &["--fail-level", "advice"],
        expected: 1,
    },
];

/// With `--fix` the status comes from what is left, and with `--diff` from
/// the draft as it is.
const FIX_CASES: [Case; 5] = [
    Case {
        name: "--fix, every warning fixed",
        draft: WARNING_ONLY.as_bytes(),
        args: &["--fix"],
        expected: 0,
    },
    Case {
        name: "--fix, a warning left",
        draft: WARNING_LEFT_AFTER_FIX.as_bytes(),
        args: &["--fix"],
        expected: 1,
    },
    Case {
        name: "--fix, an error left",
        draft: ERROR.as_bytes(),
        args: &["--fix"],
        expected: 1,
    },
    Case {
        name: "--fix, invalid rules",
        draft: WARNING_ONLY.as_bytes(),
        args: &["--fix", "--rules", BROKEN_RULES],
        expected: 2,
    },
    Case {
        name: "--diff, a fixable warning",
        draft: WARNING_ONLY.as_bytes(),
        args: &["--diff"],
        expected: 1,
    },
];

/// Runs `check` on `draft` in `format`, from stdin or from a new file in
/// `folder`, with `args` after the format.
fn run_draft(format: &str, input: Input, draft: &[u8], args: &[&str], folder: &Path) -> Run {
    let mut all_args = vec!["check", "--format", format];
    all_args.extend_from_slice(args);
    match input {
        Input::Stdin => run(&all_args, draft),
        Input::File => {
            // A fresh file each time, because `--fix` rewrites it.
            let path = folder.join("draft.txt");
            std::fs::write(&path, draft).expect("a draft file can be written");
            all_args.push(path_str(&path));
            run(&all_args, "")
        }
    }
}

/// Runs every case in every given format from stdin and from a file, and
/// fails with the list of combinations whose status is wrong.
#[track_caller]
fn assert_statuses(formats: &[&str], cases: &[Case]) {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let mut failures = Vec::new();
    let mut combinations = 0;
    for format in formats {
        for case in cases {
            for input in INPUTS {
                combinations += 1;
                let run = run_draft(format, input, case.draft, case.args, folder.path());
                if run.code != case.expected {
                    failures.push(format!(
                        "--format {format}, {input:?}, {}: expected status {}, got {}\nstdout:\n{}stderr:\n{}",
                        case.name, case.expected, run.code, run.stdout, run.stderr
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {combinations} combinations have the wrong status:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn human_format_statuses() {
    assert_statuses(&["human"], &DRAFT_CASES);
}

#[test]
fn json_format_statuses() {
    assert_statuses(&["json"], &DRAFT_CASES);
}

#[test]
fn line_format_statuses() {
    assert_statuses(&["line"], &DRAFT_CASES);
}

#[test]
fn github_format_statuses() {
    assert_statuses(&["github"], &DRAFT_CASES);
}

#[test]
fn fail_level_statuses_in_every_format() {
    assert_statuses(&FORMATS, &FAIL_LEVEL_CASES);
}

#[test]
fn fix_and_diff_statuses_in_every_format() {
    assert_statuses(&FORMATS, &FIX_CASES);
}

#[test]
fn contract_drafts_have_expected_findings() {
    // The tables above rely on what each draft contains.
    let severities = |draft: &str| {
        let (_, report) = check_json(draft, &[]);
        let summary = &report["summary"];
        (
            summary["error"].as_u64().unwrap_or_default(),
            summary["warning"].as_u64().unwrap_or_default(),
            summary["advice"].as_u64().unwrap_or_default(),
        )
    };

    assert_eq!(severities(CLEAN), (0, 0, 0), "CLEAN");
    assert_eq!(severities(WARNING_ONLY), (0, 1, 0), "WARNING_ONLY");
    assert_eq!(severities(ADVICE_ONLY), (0, 0, 1), "ADVICE_ONLY");
    assert_eq!(severities(ERROR), (1, 0, 0), "ERROR");
    let (errors, warnings, _) = severities(WARNING_LEFT_AFTER_FIX);
    assert_eq!(errors, 0, "WARNING_LEFT_AFTER_FIX");
    assert!(warnings >= 2, "WARNING_LEFT_AFTER_FIX");
}

#[test]
fn fail_level_sets_threshold() {
    // (draft, --fail-level, expected status)
    let cases = [
        (ADVICE_ONLY, "error", 0),
        (ADVICE_ONLY, "warning", 0),
        (ADVICE_ONLY, "advice", 1),
        (WARNING_ONLY, "error", 0),
        (WARNING_ONLY, "warning", 1),
        (WARNING_ONLY, "advice", 1),
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
fn default_fail_level_is_warning() {
    assert_eq!(run(&["check"], ADVICE_ONLY).code, 0);
    assert_eq!(run(&["check"], WARNING_ONLY).code, 1);
}

#[test]
fn config_fail_level_moves_threshold() {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let config = folder.path().join("sorrylint.yaml");
    std::fs::write(&config, "fail-level: error\n").expect("the configuration can be written");
    let with_config = |extra: &[&str]| {
        let mut command = common::sorrylint();
        command
            .args(["check", "--config", path_str(&config)])
            .args(extra)
            .write_stdin(WARNING_ONLY);
        common::run_command(&mut command)
    };

    let from_config = with_config(&[]);
    assert_eq!(from_config.code, 0, "{}", from_config.stderr);
    // The flag overrides the configuration file.
    let from_flag = with_config(&["--fail-level", "warning"]);
    assert_eq!(from_flag.code, 1, "{}", from_flag.stderr);
}

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
    let run = run(&["check", "--format", "json", "-"], WARNING_ONLY);

    assert_eq!(run.code, 1);
    assert_eq!(run.json()["path"], "<stdin>");
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
    let run = run_wide(&["check", "--to", "landlord"], WARNING_ONLY);

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
        let run = run(args, WARNING_ONLY);
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
