//! Degenerate and unusual input: `check` must finish with status 0 or 1 and
//! never panic, in either output format.

mod common;

use std::process::{Command, Stdio};

use common::run;

/// Named drafts that can trip up a text pipeline: empty and blank bodies,
/// bare front matter markers, lone code points that combine with nothing,
/// NUL bytes and very long input.
fn tricky_drafts() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("empty", b"".to_vec()),
        ("only whitespace", b" \t \n  \n".to_vec()),
        ("lone CR", b"\r".to_vec()),
        ("lone LF", b"\n".to_vec()),
        ("CR then LF then CR", b"\r\n\r".to_vec()),
        ("opening marker", b"---\n".to_vec()),
        ("opening marker without newline", b"---".to_vec()),
        ("empty front matter", b"---\n---\n".to_vec()),
        ("empty CRLF front matter", b"---\r\n---\r\n".to_vec()),
        (
            "front matter without body",
            b"---\nto: client\n---".to_vec(),
        ),
        ("BOM only", "\u{feff}".as_bytes().to_vec()),
        (
            "BOM and front matter",
            "\u{feff}---\nto: client\n---\n".as_bytes().to_vec(),
        ),
        ("10k emoji", "🙏🏽".repeat(10_000).into_bytes()),
        (
            "500 family emoji with spaces",
            "👨‍👩‍👧 ".repeat(500).into_bytes(),
        ),
        (
            "mixed scripts",
            "Привет, 你好, مرحبا, שלום, नमस्ते! sry u r late, call at 5?"
                .as_bytes()
                .to_vec(),
        ),
        (
            "right-to-left override",
            "sry \u{202e}u r\u{202c} ok".as_bytes().to_vec(),
        ),
        ("lone combining mark", "\u{301}".as_bytes().to_vec()),
        (
            "combining mark on word",
            "u\u{301} r\u{308}".as_bytes().to_vec(),
        ),
        ("lone zero-width joiner", "\u{200d}".as_bytes().to_vec()),
        ("NUL bytes", b"sry\0u\0\0missed ur call\0".to_vec()),
        ("only NUL", b"\0".to_vec()),
        (
            "long word",
            format!("{}\n", "a".repeat(60_000)).into_bytes(),
        ),
        ("long txt-speak run", "u ".repeat(1_000).into_bytes()),
        ("many lines", "\n".repeat(10_000).into_bytes()),
        ("curly quotes only", "’‘“”".as_bytes().to_vec()),
    ]
}

#[track_caller]
fn assert_check_finishes(name: &str, draft: &[u8], format: &str) {
    let run = run(&["check", "--format", format, "--to", "client"], draft);

    assert!(
        run.code == 0 || run.code == 1,
        "{name} ({format}): status {}\n{}",
        run.code,
        run.stderr
    );
    assert!(
        !run.stderr.contains("panicked"),
        "{name} ({format}): {}",
        run.stderr
    );
    if format == "json" {
        let report = run.json();
        assert!(report["findings"].is_array(), "{name}: {report}");
    } else {
        assert!(
            run.stdout.ends_with("(audience: client (professional))\n"),
            "{name}: no summary line"
        );
    }
}

#[test]
fn tricky_drafts_never_panic_json() {
    for (name, draft) in tricky_drafts() {
        assert_check_finishes(name, &draft, "json");
    }
}

#[test]
fn tricky_drafts_never_panic_human() {
    for (name, draft) in tricky_drafts() {
        assert_check_finishes(name, &draft, "human");
    }
}

#[test]
fn tricky_drafts_without_audience() {
    for (name, draft) in tricky_drafts() {
        let run = run(&["check", "--format", "json"], draft);
        assert!(run.code == 0 || run.code == 1, "{name}: {}", run.stderr);
    }
}

#[test]
fn line_past_65535_columns_json() {
    let draft = format!("{}\n", "a".repeat(100_000));

    assert_check_finishes("100k-character word", draft.as_bytes(), "json");
}

#[test]
fn line_past_65535_columns_human() {
    // The findings for what the draft lacks point after the last `a`, at
    // column 65,537 of line 1.
    let draft = format!("{}\n", "a".repeat(65_536));

    assert_check_finishes("65,536-character word", draft.as_bytes(), "human");
}

/// Runs `sorrylint` with its stdout already closed at the reading end, as
/// with `sorrylint rules | head -n 0`, and returns the status and stderr.
fn run_into_closed_pipe(args: &[&str]) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().expect("a pipe can be created");
    drop(reader);
    let child = Command::new(env!("CARGO_BIN_EXE_sorrylint"))
        .args(common::without_config(args))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .expect("sorrylint starts");
    let output = child.wait_with_output().expect("sorrylint finishes");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn check_into_closed_pipe_exits_cleanly() {
    let (code, stderr) = run_into_closed_pipe(&["check", "fixtures/bad-client-reply.txt"]);

    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(code, Some(2));
}

#[test]
fn rules_into_closed_pipe_exits_cleanly() {
    let (code, stderr) = run_into_closed_pipe(&["rules"]);

    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(matches!(code, Some(0..=2)), "status {code:?}");
}

#[test]
fn test_into_closed_pipe_exits_cleanly() {
    let (code, stderr) = run_into_closed_pipe(&["test"]);

    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(matches!(code, Some(0..=2)), "status {code:?}");
}
