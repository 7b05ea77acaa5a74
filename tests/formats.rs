//! The `line` and `github` formats of `sorrylint check`, UTF-16 columns in
//! the JSON report, `--stdin-filename`, and where each format's output goes
//! with `--fix` and `--diff`.

mod common;

use common::{Run, findings, path_str, rule_folder, run_wide};
use serde_json::Value;

/// An emoji before the first finding, and findings on line 2.
const EMOJI_DRAFT: &str = "🙏🏽 sry missed ur call\nHi {{first_name}} lol\n";

/// The line-format example of docs/output.md: "sry" starts at column 3, after the emoji
/// with a skin tone (one grapheme cluster) and a space.
const NOTE_DRAFT: &str = "🙏🏽 sry missed ur call";

/// One warning, `ur`, which `--fix` corrects.
const FIXABLE_DRAFT: &str =
    "Sorry I missed ur call, I was in a meeting. Can I call you back at 3pm?\n";

/// A rule whose message copies the matched text, line break included, and
/// carries the characters that GitHub's workflow commands escape.
const SPLIT_PHRASE_RULE: &str = r#"rules:
  - id: house/split-phrase
    kind: existence
    severity: error
    patterns: ['sorry\s+friend']
    message: "'{match}' is 100% split: a, b"
    examples:
      bad: ["sorry\nfriend"]
      good: ["sorry, pal"]
"#;

/// A draft for `SPLIT_PHRASE_RULE` whose match spans a CRLF.
const SPLIT_PHRASE_DRAFT: &str = "Sorry\r\nfriend, call you at 5?\r\n";

const FORMATS: [&str; 4] = ["human", "json", "line", "github"];

/// Runs `check` with `args`, messages unwrapped.
#[track_caller]
fn check(args: &[&str], stdin: impl Into<Vec<u8>>) -> Run {
    let mut all_args = vec!["check"];
    all_args.extend_from_slice(args);
    run_wide(&all_args, stdin)
}

/// Lints `draft` from stdin as JSON with `args` and returns the report.
#[track_caller]
fn json_report(draft: &str, args: &[&str]) -> Value {
    let mut all_args = vec!["--format", "json"];
    all_args.extend_from_slice(args);
    check(&all_args, draft).json()
}

/// A finding as the line format prints it.
#[derive(Debug, PartialEq, Eq)]
struct LineFinding {
    path: String,
    line: u64,
    column: u64,
    severity: String,
    rule: String,
    message: String,
}

/// Parses one line of the line format, which must have exactly the shape
/// `PATH:LINE:COLUMN: SEVERITY RULE: MESSAGE`.
#[track_caller]
fn parse_line(text: &str) -> LineFinding {
    let shape_error = || -> LineFinding { panic!("not in the line format: {text:?}") };
    let Some((location, rest)) = text.split_once(": ") else {
        return shape_error();
    };
    let mut parts = location.rsplitn(3, ':');
    let (Some(column), Some(line), Some(path)) = (parts.next(), parts.next(), parts.next()) else {
        return shape_error();
    };
    let (Ok(column), Ok(line)) = (column.parse(), line.parse()) else {
        return shape_error();
    };
    let Some((severity, rest)) = rest.split_once(' ') else {
        return shape_error();
    };
    let Some((rule, message)) = rest.split_once(": ") else {
        return shape_error();
    };
    LineFinding {
        path: path.to_string(),
        line,
        column,
        severity: severity.to_string(),
        rule: rule.to_string(),
        message: message.to_string(),
    }
}

/// Returns what the line format should print for each finding of a JSON
/// report.
fn expected_line_findings(report: &Value) -> Vec<LineFinding> {
    findings(report)
        .iter()
        .map(|finding| LineFinding {
            path: report["path"].as_str().unwrap_or_default().to_string(),
            line: finding["span"]["line"].as_u64().unwrap_or_default(),
            column: finding["span"]["column"].as_u64().unwrap_or_default(),
            severity: finding["severity"].as_str().unwrap_or_default().to_string(),
            rule: finding["rule"].as_str().unwrap_or_default().to_string(),
            message: finding["message"].as_str().unwrap_or_default().to_string(),
        })
        .collect()
}

// ---------------------------------------------------------------------------
// The line format
// ---------------------------------------------------------------------------

#[test]
fn line_names_stdin_draft() {
    let run = check(
        &[
            "--format",
            "line",
            "--stdin-filename",
            "note.txt",
            "--to",
            "client",
        ],
        NOTE_DRAFT,
    );

    assert_eq!(run.code, 1, "{}", run.stderr);
    let sry = run
        .stdout
        .lines()
        .find(|line| line.starts_with("note.txt:1:3: "))
        .unwrap_or_else(|| panic!("no finding at 1:3:\n{}", run.stdout));
    assert_eq!(
        sry,
        "note.txt:1:3: warning txt-speak/abbreviation: 'sry' is txt-speak, and a work contact expects 'sorry'."
    );
}

#[test]
fn emoji_draft_reports() {
    for format in ["line", "github"] {
        let run = check(
            &[
                "--format",
                format,
                "--stdin-filename",
                "drafts/reply.txt",
                "--to",
                "client",
            ],
            EMOJI_DRAFT,
        );

        assert_eq!(run.code, 1, "--format {format}: {}", run.stderr);
        assert_eq!(run.stderr, "", "--format {format}");
        insta::assert_snapshot!(format!("{format}_emoji"), run.stdout);
    }
}

#[test]
fn crlf_file_reports() {
    for format in ["line", "github"] {
        let run = check(
            &["--format", format, "--to", "client", "fixtures/crlf.txt"],
            "",
        );

        assert_eq!(run.code, 1, "--format {format}: {}", run.stderr);
        assert!(
            !run.stdout.contains('\r'),
            "--format {format}: {:?}",
            run.stdout
        );
        insta::assert_snapshot!(format!("{format}_crlf"), run.stdout);
    }
}

#[test]
fn line_positions_match_json() {
    let cases: [(&str, &[&str]); 3] = [
        (EMOJI_DRAFT, &["--to", "client"]),
        ("", &["--to", "client", "fixtures/bad-client-reply.txt"]),
        ("", &["fixtures/front-matter.txt"]),
    ];
    for (draft, args) in cases {
        let mut line_args = vec!["--format", "line"];
        line_args.extend_from_slice(args);
        let lines = check(&line_args, draft);
        let report = json_report(draft, args);

        let parsed: Vec<LineFinding> = lines.stdout.lines().map(parse_line).collect();
        assert!(!parsed.is_empty(), "{args:?}: no findings");
        assert_eq!(parsed, expected_line_findings(&report), "{args:?}");
    }
}

#[test]
fn line_message_stays_on_one_line() {
    let folder = rule_folder(&[("house.yaml", SPLIT_PHRASE_RULE)]);
    let rules = path_str(folder.path());

    let run = check(
        &["--no-default-rules", "--rules", rules, "--format", "line"],
        SPLIT_PHRASE_DRAFT,
    );

    assert_eq!(run.code, 1, "{}", run.stderr);
    // The CR and the LF inside the match each became a space.
    assert_eq!(
        run.stdout,
        "<stdin>:1:1: error house/split-phrase: 'Sorry  friend' is 100% split: a, b\n"
    );
}

#[test]
fn unlintable_inputs_get_error_records() {
    let expected = [
        (
            "line",
            [
                "fixtures/invalid-utf8.txt:1:1: error sorrylint: invalid UTF-8 at byte offset 4",
                "fixtures/missing.txt:1:1: error sorrylint: cannot read fixtures/missing.txt: No such file or directory (os error 2)",
            ],
        ),
        (
            "github",
            [
                "::error file=fixtures/invalid-utf8.txt::invalid UTF-8 at byte offset 4",
                "::error file=fixtures/missing.txt::cannot read fixtures/missing.txt: No such file or directory (os error 2)",
            ],
        ),
    ];
    for (format, records) in expected {
        let run = check(
            &[
                "--format",
                format,
                "fixtures/invalid-utf8.txt",
                "fixtures/missing.txt",
            ],
            "",
        );

        assert_eq!(run.code, 2, "--format {format}");
        let lines: Vec<&str> = run.stdout.lines().collect();
        assert_eq!(lines, records, "--format {format}");
        // The full diagnostics still go to stderr.
        assert!(
            run.stderr.contains("save the draft as UTF-8"),
            "--format {format}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("check that the file exists"),
            "--format {format}: {}",
            run.stderr
        );
    }
}

#[test]
fn clean_draft_prints_nothing() {
    for format in ["line", "github"] {
        let run = check(
            &[
                "--format",
                format,
                "--to",
                "client",
                "fixtures/good-client-reply.txt",
            ],
            "",
        );

        assert_eq!(run.code, 0, "--format {format}: {}", run.stderr);
        assert_eq!(run.stdout, "", "--format {format}");
        assert_eq!(run.stderr, "", "--format {format}");
    }
}

// ---------------------------------------------------------------------------
// The github format
// ---------------------------------------------------------------------------

#[test]
fn github_columns_match_json() {
    let run = check(&["--format", "github", "--to", "client"], EMOJI_DRAFT);
    let report = json_report(EMOJI_DRAFT, &["--to", "client"]);

    let commands: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(commands.len(), findings(&report).len(), "{}", run.stdout);
    for (command, finding) in commands.iter().zip(findings(&report)) {
        let span = &finding["span"];
        let expected_level = match finding["severity"].as_str() {
            Some("advice") => "notice",
            Some(severity) => severity,
            None => panic!("finding without severity: {finding}"),
        };
        let expected = format!(
            "::{expected_level} file=<stdin>,line={},col={},endLine={},endColumn={},title={}::",
            span["line"],
            span["column"],
            span["end_line"],
            span["end_column"],
            finding["rule"].as_str().unwrap_or_default()
        );
        assert!(
            command.starts_with(&expected),
            "{command}\nexpected {expected}"
        );
    }
}

#[test]
fn github_escapes_message_and_file() {
    let folder = rule_folder(&[("house.yaml", SPLIT_PHRASE_RULE)]);
    let rules = path_str(folder.path());

    let run = check(
        &[
            "--no-default-rules",
            "--rules",
            rules,
            "--format",
            "github",
            "--stdin-filename",
            "drafts/a,b:c%.txt",
        ],
        SPLIT_PHRASE_DRAFT,
    );

    assert_eq!(run.code, 1, "{}", run.stderr);
    // The span runs from line 1 to line 2, so the columns are left out:
    // the Actions runner drops columns of a range over several lines.
    assert_eq!(
        run.stdout,
        "::error file=drafts/a%2Cb%3Ac%25.txt,line=1,endLine=2,title=house/split-phrase::'Sorry%0D%0Afriend' is 100%25 split: a, b\n"
    );
}

#[test]
fn github_maps_severities_to_commands() {
    // The emoji is advice, "sry" a warning and the placeholder an error.
    let run = check(&["--format", "github", "--to", "client"], EMOJI_DRAFT);

    let command_of = |rule: &str| {
        let line = run
            .stdout
            .lines()
            .find(|line| line.contains(&format!("title={rule}::")))
            .unwrap_or_else(|| panic!("{rule} missing:\n{}", run.stdout));
        line.split(' ').next().unwrap_or_default().to_string()
    };
    assert_eq!(command_of("tone/emoji"), "::notice");
    assert_eq!(command_of("txt-speak/abbreviation"), "::warning");
    assert_eq!(command_of("placeholder/unfilled"), "::error");
}

// ---------------------------------------------------------------------------
// UTF-16 columns in the JSON report
// ---------------------------------------------------------------------------

#[test]
fn json_utf16_columns_after_emoji() {
    let report = json_report(NOTE_DRAFT, &["--to", "client"]);

    let span_of = |rule: &str| {
        findings(&report)
            .iter()
            .find(|finding| finding["rule"] == rule)
            .unwrap_or_else(|| panic!("{rule} missing: {report}"))["span"]
            .clone()
    };
    // The emoji with its skin tone is one grapheme but four UTF-16 units.
    let emoji = span_of("tone/emoji");
    assert_eq!(emoji["column"], 1);
    assert_eq!(emoji["column_utf16"], 1);
    assert_eq!(emoji["end_column"], 2);
    assert_eq!(emoji["end_column_utf16"], 5);
    let sry = span_of("txt-speak/abbreviation");
    assert_eq!(sry["column"], 3);
    assert_eq!(sry["column_utf16"], 6);
    assert_eq!(sry["end_column"], 6);
    assert_eq!(sry["end_column_utf16"], 9);
}

#[test]
fn json_related_spans_have_utf16_columns() {
    let draft = "🙏 Sorry sorry, so sorry! sorry I missed it. Call at 5?";
    let report = json_report(draft, &[]);

    let count = findings(&report)
        .iter()
        .find(|finding| finding["rule"] == "over-apologizing/apology-count")
        .unwrap_or_else(|| panic!("no apology count: {report}"));
    let related = count["related"].as_array().expect("related is an array");
    assert!(!related.is_empty(), "{count}");
    for span in related {
        // Every "sorry" comes after the emoji, one grapheme and two UTF-16
        // units, and contains no character outside the BMP.
        let column = span["column"].as_u64().expect("column");
        assert_eq!(span["column_utf16"], column + 1, "{span}");
        let end_column = span["end_column"].as_u64().expect("end_column");
        assert_eq!(span["end_column_utf16"], end_column + 1, "{span}");
    }
}

// ---------------------------------------------------------------------------
// --stdin-filename
// ---------------------------------------------------------------------------

#[test]
fn stdin_filename_names_draft_in_every_format() {
    for format in FORMATS {
        let run = check(
            &[
                "--format",
                format,
                "--stdin-filename",
                "note.txt",
                "--to",
                "client",
            ],
            NOTE_DRAFT,
        );

        assert_eq!(run.code, 1, "--format {format}: {}", run.stderr);
        assert!(
            !run.stdout.contains("<stdin>"),
            "--format {format}:\n{}",
            run.stdout
        );
        let named = match format {
            "human" => {
                run.stdout.contains("╭─[note.txt:1:3]")
                    && run
                        .stdout
                        .lines()
                        .last()
                        .is_some_and(|summary| summary.starts_with("note.txt: "))
            }
            "json" => run.json()["path"] == "note.txt",
            "line" => run.stdout.lines().all(|line| line.starts_with("note.txt:")),
            "github" => run
                .stdout
                .lines()
                .all(|line| line.contains(" file=note.txt,")),
            _ => unreachable!(),
        };
        assert!(named, "--format {format}:\n{}", run.stdout);
    }
}

#[test]
fn stdin_filename_names_unlintable_stdin() {
    let not_utf8: &[u8] = b"sorry \xff missed your call\n";
    let expected = [
        ("human", ""),
        (
            "json",
            "{\"path\":\"note.txt\",\"error\":\"note.txt: invalid UTF-8 at byte offset 6\"}\n",
        ),
        (
            "line",
            "note.txt:1:1: error sorrylint: invalid UTF-8 at byte offset 6\n",
        ),
        (
            "github",
            "::error file=note.txt::invalid UTF-8 at byte offset 6\n",
        ),
    ];
    for (format, stdout) in expected {
        let run = check(
            &["--format", format, "--stdin-filename", "note.txt"],
            not_utf8,
        );

        assert_eq!(run.code, 2, "--format {format}");
        assert_eq!(run.stdout, stdout, "--format {format}");
        assert!(
            run.stderr
                .contains("note.txt: invalid UTF-8 at byte offset 6"),
            "--format {format}: {}",
            run.stderr
        );
    }
}

#[test]
fn stdin_filename_names_diff_header() {
    let run = check(&["--diff", "--stdin-filename", "note.txt"], FIXABLE_DRAFT);

    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("--- note.txt\n+++ note.txt\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn stdin_filename_file_is_neither_read_nor_written() {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let path = folder.path().join("draft.txt");
    let on_disk = "Hi Dana, sorry I missed your call. Can I call you back at 4?\n";
    std::fs::write(&path, on_disk).expect("the draft can be written");

    let run = check(
        &[
            "--fix",
            "--format",
            "line",
            "--stdin-filename",
            path_str(&path),
        ],
        "sry missed ur call\n",
    );

    // The findings and the fixed text are those of stdin.
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout, "sorry missed your call\n");
    let next_step = format!(
        "{}:1:23: warning call-to-action/next-step: ",
        path.display()
    );
    assert!(run.stderr.contains(&next_step), "{}", run.stderr);
    let after = std::fs::read_to_string(&path).expect("the draft can be read");
    assert_eq!(after, on_disk);
}

#[test]
fn stdin_filename_beside_files() {
    let run = check(
        &[
            "--format",
            "json",
            "--stdin-filename",
            "note.txt",
            "fixtures/good-client-reply.txt",
            "-",
        ],
        NOTE_DRAFT,
    );

    let paths: Vec<Value> = run
        .json_lines()
        .iter()
        .map(|report| report["path"].clone())
        .collect();
    assert_eq!(paths, vec!["fixtures/good-client-reply.txt", "note.txt"]);
}

#[test]
fn stdin_filename_without_stdin_is_usage_error() {
    let run = check(
        &[
            "--stdin-filename",
            "note.txt",
            "fixtures/good-client-reply.txt",
        ],
        "",
    );

    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .contains("--stdin-filename note.txt is given, but no input is read from stdin"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("add `-` to the paths"),
        "{}",
        run.stderr
    );
}

#[test]
fn empty_stdin_filename_is_usage_error() {
    let run = check(&["--stdin-filename", ""], NOTE_DRAFT);

    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("--stdin-filename"), "{}", run.stderr);
}

// ---------------------------------------------------------------------------
// Where output goes with --fix and --diff
// ---------------------------------------------------------------------------

#[test]
fn fix_stdin_reports_on_stderr() {
    let fixed_draft = FIXABLE_DRAFT.replace(" ur ", " your ");
    // Append a finding that no fix removes: the placeholder.
    let draft = format!("{FIXABLE_DRAFT}{{{{first_name}}}}\n");
    let fixed = format!("{fixed_draft}{{{{first_name}}}}\n");
    for format in FORMATS {
        let run = check(&["--fix", "--format", format], draft.as_str());

        assert_eq!(run.code, 1, "--format {format}: {}", run.stderr);
        assert_eq!(run.stdout, fixed, "--format {format}");
        let reported = match format {
            "human" => run.stderr.contains("placeholder/unfilled"),
            "json" => run.stderr.starts_with("{\"path\":\"<stdin>\""),
            "line" => run
                .stderr
                .starts_with("<stdin>:2:1: error placeholder/unfilled: "),
            "github" => run.stderr.starts_with("::error file=<stdin>,line=2,col=1,"),
            _ => unreachable!(),
        };
        assert!(reported, "--format {format}:\n{}", run.stderr);
        assert!(
            !run.stderr.contains("txt-speak/abbreviation"),
            "--format {format}: a fixed finding is reported:\n{}",
            run.stderr
        );
    }
}

#[test]
fn fix_on_stdin_puts_error_record_on_stderr() {
    let draft = "---\nto: nobody\n---\nsry missed ur call\n";
    let run = check(&["--fix", "--format", "line"], draft);

    assert_eq!(run.code, 2);
    // stdout is for the fixed draft, so the record of the failure goes
    // with the report to stderr, and the draft comes back unchanged for
    // an editor that filters its text through --fix.
    assert_eq!(run.stdout, draft);
    assert!(
        run.stderr
            .contains("<stdin>:1:1: error sorrylint: unknown audience 'nobody'"),
        "{}",
        run.stderr
    );
}

#[test]
fn fix_stdin_returns_invalid_utf8() {
    let draft = b"sorry \xff\n";
    let output = common::sorrylint()
        .args(["check", "--no-config", "--fix", "--format", "line"])
        .write_stdin(&draft[..])
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(2));
    assert_eq!(output.stdout, draft);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("<stdin>:1:1: error sorrylint: invalid UTF-8 at byte offset 6\n"),
        "{stderr}"
    );
}

#[test]
fn diff_ignores_format() {
    let human = check(&["--diff"], FIXABLE_DRAFT);
    assert_eq!(human.code, 1, "{}", human.stderr);
    assert!(
        human.stdout.starts_with("--- <stdin>\n"),
        "{}",
        human.stdout
    );

    for format in ["json", "line", "github"] {
        let run = check(&["--diff", "--format", format], FIXABLE_DRAFT);

        assert_eq!(run.code, human.code, "--format {format}");
        assert_eq!(run.stdout, human.stdout, "--format {format}");
        assert_eq!(run.stderr, human.stderr, "--format {format}");
    }
}

#[test]
fn diff_prints_no_error_record() {
    for format in FORMATS {
        let run = check(&["--diff", "--format", format, "fixtures/missing.txt"], "");

        assert_eq!(run.code, 2, "--format {format}");
        assert_eq!(run.stdout, "", "--format {format}");
        assert!(
            run.stderr.contains("cannot read fixtures/missing.txt"),
            "--format {format}: {}",
            run.stderr
        );
    }
}

#[test]
fn column_unit_counts_sry_after_emoji() {
    // "sry" follows the pressed hands with a skin tone and a space.
    let cases = [("grapheme", 3), ("char", 4), ("byte", 10), ("utf-16", 6)];
    for (unit, column) in cases {
        let run = check(
            &["--format", "line", "--column-unit", unit, "--to", "client"],
            NOTE_DRAFT,
        );
        let sry = run
            .stdout
            .lines()
            .map(parse_line)
            .find(|finding| finding.message.contains("'sry'"))
            .unwrap_or_else(|| panic!("no 'sry' line with {unit}:\n{}", run.stdout));
        assert_eq!(sry.column, column, "--column-unit {unit}");
    }
}

#[test]
fn column_unit_sets_github_columns() {
    let run = check(
        &[
            "--format",
            "github",
            "--column-unit",
            "byte",
            "--to",
            "client",
        ],
        NOTE_DRAFT,
    );
    assert!(
        run.stdout
            .contains(",line=1,col=10,endLine=1,endColumn=13,title=txt-speak/abbreviation::'sry'"),
        "{}",
        run.stdout
    );
}

#[test]
fn column_unit_with_other_formats_is_usage_error() {
    for format in ["human", "json"] {
        let run = check(&["--format", format, "--column-unit", "byte"], NOTE_DRAFT);
        assert_eq!(run.code, 2, "--format {format}");
        assert_eq!(run.stdout, "", "--format {format}");
        assert!(
            run.stderr
                .contains("--column-unit byte applies to --format line and github only"),
            "{}",
            run.stderr
        );
    }
    // Counting graphemes is what every format does already.
    let run = check(
        &["--format", "json", "--column-unit", "grapheme"],
        NOTE_DRAFT,
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
}
