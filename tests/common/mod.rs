//! Helpers shared by the integration tests: run the `sorrylint` binary and
//! read its JSON report.
//!
//! Every command runs from the crate root, so fixture paths such as
//! `fixtures/crlf.txt` appear in reports exactly as written here, and with
//! `COLUMNS=80` and `NO_COLOR=1`, so human reports are stable. `run` and
//! `run_wide` also pass `--no-config` to the `check`, `rules` and `test`
//! subcommands, so that a `.sorrylint.yaml` in a parent folder of the
//! checkout cannot change the results.

// Each test file compiles this module on its own and uses only some helpers.
#![allow(dead_code)]

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// The output of one run of the binary.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Parses each stdout line as one JSON object (one per input).
    #[track_caller]
    pub fn json_lines(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|line| {
                serde_json::from_str(line)
                    .unwrap_or_else(|error| panic!("stdout line is not JSON ({error}): {line}"))
            })
            .collect()
    }

    /// Parses stdout as exactly one JSON report.
    #[track_caller]
    pub fn json(&self) -> Value {
        let mut lines = self.json_lines();
        assert_eq!(lines.len(), 1, "expected one JSON line:\n{}", self.stdout);
        lines.remove(0)
    }
}

/// Builds a `sorrylint` command that runs from the crate root with a fixed
/// width and no colour.
pub fn sorrylint() -> Command {
    let mut command = Command::cargo_bin("sorrylint").expect("the sorrylint binary is built");
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("COLUMNS", "80")
        .env("NO_COLOR", "1");
    command
}

/// Runs `sorrylint` with `args`, writing `stdin` to its standard input.
#[track_caller]
pub fn run(args: &[&str], stdin: impl Into<Vec<u8>>) -> Run {
    run_command(
        sorrylint()
            .args(without_config(args))
            .write_stdin(stdin.into()),
    )
}

/// Runs `sorrylint` like `run`, but wraps messages at 400 columns, so that
/// assertions on error text do not depend on where a line breaks.
#[track_caller]
pub fn run_wide(args: &[&str], stdin: impl Into<Vec<u8>>) -> Run {
    run_command(
        sorrylint()
            .env("COLUMNS", "400")
            .args(without_config(args))
            .write_stdin(stdin.into()),
    )
}

/// Adds `--no-config` after a subcommand that reads the configuration file.
pub fn without_config<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut args = args.to_vec();
    if matches!(args.first(), Some(&("check" | "rules" | "test"))) {
        args.insert(1, "--no-config");
    }
    args
}

#[track_caller]
pub fn run_command(command: &mut Command) -> Run {
    let output = command.output().expect("sorrylint runs");
    Run {
        code: output
            .status
            .code()
            .unwrap_or_else(|| panic!("sorrylint was killed by a signal: {:?}", output.status)),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Lints `draft` from stdin as JSON, with extra `args` such as `--to client`.
#[track_caller]
pub fn check_json(draft: &str, args: &[&str]) -> (i32, Value) {
    let mut all_args = vec!["check", "--format", "json"];
    all_args.extend_from_slice(args);
    let run = run(&all_args, draft);
    assert!(
        run.code == 0 || run.code == 1,
        "check failed with status {}:\n{}",
        run.code,
        run.stderr
    );
    (run.code, run.json())
}

/// Returns the findings of a JSON report.
#[track_caller]
pub fn findings(report: &Value) -> &Vec<Value> {
    report["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("report has no findings array: {report}"))
}

/// Returns the findings of one rule id, or of every rule of a group when
/// `rule` has no `/`.
pub fn findings_of<'a>(report: &'a Value, rule: &str) -> Vec<&'a Value> {
    findings(report)
        .iter()
        .filter(|finding| {
            let id = finding["rule"].as_str().unwrap_or_default();
            id == rule || id.split_once('/').is_some_and(|(group, _)| group == rule)
        })
        .collect()
}

/// Returns the rule ids of a report's findings, in report order.
pub fn rule_ids(report: &Value) -> Vec<String> {
    findings(report)
        .iter()
        .map(|finding| finding["rule"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// Returns the byte range of a finding's span.
#[track_caller]
pub fn byte_span(finding: &Value) -> (usize, usize) {
    let span = &finding["span"];
    let start = span["start"].as_u64().expect("span.start is a number");
    let end = span["end"].as_u64().expect("span.end is a number");
    (start as usize, end as usize)
}

/// Returns the 1-based line and column where a finding starts.
#[track_caller]
pub fn line_column(finding: &Value) -> (u64, u64) {
    let span = &finding["span"];
    (
        span["line"].as_u64().expect("span.line is a number"),
        span["column"].as_u64().expect("span.column is a number"),
    )
}

/// Returns the text of the draft that a finding's span covers.
#[track_caller]
pub fn spanned<'a>(draft: &'a str, finding: &Value) -> &'a str {
    let (start, end) = byte_span(finding);
    draft
        .get(start..end)
        .unwrap_or_else(|| panic!("span {start}..{end} is not a slice of {draft:?}"))
}

/// Returns the replacements a finding suggests.
pub fn replacements(finding: &Value) -> Vec<String> {
    finding["replacements"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|value| value.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Reads a fixture as text.
#[track_caller]
pub fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(fixture_path(name))
        .unwrap_or_else(|error| panic!("cannot read fixture {name}: {error}"))
}

/// Returns the absolute path of a fixture.
pub fn fixture_path(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// Writes rule files into a new temporary folder, which is deleted when the
/// returned value is dropped.
#[track_caller]
pub fn rule_folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    for (name, text) in files {
        std::fs::write(folder.path().join(name), text).expect("a rule file can be written");
    }
    folder
}

/// Returns a temporary folder's path as a `&str`, for use as an argument.
#[track_caller]
pub fn path_str(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

/// PATH with the folder of the built binary first, so that scripts and
/// documented commands that call `sorrylint` run this build.
pub fn path_with_sorrylint() -> std::ffi::OsString {
    let binary = Path::new(env!("CARGO_BIN_EXE_sorrylint"));
    let mut folders = vec![binary.parent().unwrap().to_path_buf()];
    folders.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(folders).unwrap()
}
