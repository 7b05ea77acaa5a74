//! Drafts that cannot be linted, or that are degenerate: invalid UTF-8,
//! missing files and empty drafts.

mod common;

use common::{check_json, findings, fixture_path, run, run_wide};

/// `sry <0xff> missed`: the fifth byte is not valid UTF-8.
const INVALID_UTF8: &[u8] = &[
    0x73, 0x72, 0x79, 0x20, 0xff, 0x20, 0x6d, 0x69, 0x73, 0x73, 0x65, 0x64,
];

/// The rules that require something in every draft and therefore report an
/// empty one.
const REQUIRE_RULES: [&str; 3] = [
    "acknowledgement/missed-call",
    "acknowledgement/reason",
    "call-to-action/next-step",
];

#[test]
fn invalid_utf8_fixture_has_expected_bytes() {
    let bytes = std::fs::read(fixture_path("invalid-utf8.txt")).expect("fixture exists");
    assert_eq!(bytes, INVALID_UTF8);
}

#[test]
fn invalid_utf8_file_names_byte_offset() {
    let run = run_wide(&["check", "fixtures/invalid-utf8.txt"], "");

    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .contains("fixtures/invalid-utf8.txt: invalid UTF-8 at byte offset 4"),
        "{}",
        run.stderr
    );
}

#[test]
fn invalid_utf8_stdin_names_byte_offset() {
    let run = run_wide(&["check"], INVALID_UTF8);

    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("<stdin>: invalid UTF-8 at byte offset 4"),
        "{}",
        run.stderr
    );
}

#[test]
fn invalid_utf8_json_error_line() {
    let run = run(
        &["check", "--format", "json", "fixtures/invalid-utf8.txt"],
        "",
    );

    assert_eq!(run.code, 2);
    let line = run.json();
    assert_eq!(line["path"], "fixtures/invalid-utf8.txt");
    assert_eq!(
        line["error"],
        "fixtures/invalid-utf8.txt: invalid UTF-8 at byte offset 4"
    );
}

#[test]
fn invalid_utf8_after_multibyte_text() {
    // "’" is three bytes, so the invalid byte sits at offset 5.
    let mut bytes = "’ok".as_bytes().to_vec();
    bytes.push(0xc3);
    let run = run_wide(&["check"], bytes);

    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("invalid UTF-8 at byte offset 5"),
        "{}",
        run.stderr
    );
}

#[test]
fn missing_file_named_others_still_linted() {
    let run = run_wide(
        &[
            "check",
            "--to",
            "client",
            "fixtures/no-such-draft.txt",
            "fixtures/bad-client-reply.txt",
            "fixtures/good-client-reply.txt",
        ],
        "",
    );

    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("cannot read fixtures/no-such-draft.txt"),
        "{}",
        run.stderr
    );
    // Both readable drafts are still reported, in order.
    assert!(
        run.stdout
            .contains("fixtures/bad-client-reply.txt: 0 errors, "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with(
            "fixtures/good-client-reply.txt: no problems found (audience: client (professional))\n"
        ),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("no-such-draft"), "{}", run.stdout);
}

#[test]
fn missing_file_json_keeps_input_order() {
    let run = run(
        &[
            "check",
            "--format",
            "json",
            "--to",
            "client",
            "fixtures/bad-client-reply.txt",
            "fixtures/no-such-draft.txt",
        ],
        "",
    );

    assert_eq!(run.code, 2);
    let lines = run.json_lines();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["path"], "fixtures/bad-client-reply.txt");
    assert!(!findings(&lines[0]).is_empty());
    assert_eq!(lines[1]["path"], "fixtures/no-such-draft.txt");
    assert!(
        lines[1]["error"]
            .as_str()
            .is_some_and(|error| error.contains("cannot read fixtures/no-such-draft.txt")),
        "{}",
        lines[1]
    );
}

#[test]
fn directory_as_draft_is_input_error() {
    let run = run_wide(&["check", "fixtures"], "");

    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("cannot read fixtures"),
        "{}",
        run.stderr
    );
}

#[test]
fn empty_file_says_draft_is_empty() {
    let run = run_wide(&["check", "--format", "json", "fixtures/empty.txt"], "");

    assert_eq!(run.code, 1);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let report = run.json();
    let found = findings(&report);
    for rule in REQUIRE_RULES {
        let finding = found
            .iter()
            .find(|finding| finding["rule"] == rule)
            .unwrap_or_else(|| panic!("{rule} did not report the empty draft"));
        let message = finding["message"].as_str().unwrap_or_default();
        assert!(
            message.starts_with("The draft is empty. "),
            "{rule}: {message}"
        );
        assert_eq!(common::byte_span(finding), (0, 0), "{rule}");
        assert_eq!(common::line_column(finding), (1, 1), "{rule}");
    }
}

#[test]
fn whitespace_draft_says_draft_is_empty() {
    let (code, report) = check_json(" \n\t\r\n", &["--to", "client"]);

    assert_eq!(code, 1);
    for finding in findings(&report) {
        let message = finding["message"].as_str().unwrap_or_default();
        assert!(
            message.starts_with("The draft is empty. "),
            "{}: {message}",
            finding["rule"]
        );
    }
}

#[test]
fn front_matter_only_draft_is_empty() {
    let (_, report) = check_json("---\nto: client\n---\n", &[]);

    let found = findings(&report);
    assert!(!found.is_empty());
    for finding in found {
        let message = finding["message"].as_str().unwrap_or_default();
        assert!(
            message.starts_with("The draft is empty. "),
            "{}: {message}",
            finding["rule"]
        );
        // The empty body starts on line 4, after the closing `---`.
        assert_eq!(common::line_column(finding), (4, 1), "{}", finding["rule"]);
    }
}

#[test]
fn nonempty_draft_never_says_empty() {
    let (_, report) = check_json("Hello\n", &[]);

    for finding in findings(&report) {
        let message = finding["message"].as_str().unwrap_or_default();
        assert!(!message.contains("empty"), "{message}");
    }
}
