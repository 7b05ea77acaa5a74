//! `sorrylint check`: what it finds in whole drafts and how it reports it.

mod common;

use common::{
    check_json, findings, findings_of, fixture_text, line_column, rule_ids, run, spanned,
};

const HEADLINE_DRAFT: &str = "saw u called, who dis\n";

#[test]
fn headline_draft_fails_for_client() {
    let (code, report) = check_json(HEADLINE_DRAFT, &["--to", "client"]);

    assert_eq!(code, 1);
    let ids = rule_ids(&report);
    for expected in [
        "txt-speak/abbreviation",
        "who-dis/blunt-question",
        "call-to-action/next-step",
    ] {
        assert!(
            ids.iter().any(|id| id == expected),
            "{expected} missing from {ids:?}"
        );
    }
    let abbreviations = findings_of(&report, "txt-speak/abbreviation");
    assert_eq!(abbreviations.len(), 1);
    assert_eq!(spanned(HEADLINE_DRAFT, abbreviations[0]), "u");
    let blunt = findings_of(&report, "who-dis/blunt-question");
    assert_eq!(blunt.len(), 1);
    assert_eq!(spanned(HEADLINE_DRAFT, blunt[0]), "who dis");
}

#[test]
fn headline_draft_human_report() {
    let run = run(&["check", "--to", "client"], HEADLINE_DRAFT);

    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "");
    insta::assert_snapshot!("headline_human", run.stdout);
}

#[test]
fn good_client_reply_passes() {
    let run = run(
        &["check", "--to", "client", "fixtures/good-client-reply.txt"],
        "",
    );

    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        run.stdout,
        "fixtures/good-client-reply.txt: no problems found (audience: client (professional))\n"
    );
    assert_eq!(run.stderr, "");
}

#[test]
fn good_client_reply_passes_without_audience() {
    let run = run(&["check", "fixtures/good-client-reply.txt"], "");

    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        run.stdout,
        "fixtures/good-client-reply.txt: no problems found (audience: none given, linted as professional)\n"
    );
}

#[test]
fn summary_names_audience_and_group() {
    let run = run(
        &["check", "--to", "friend"],
        "Sorry, missed u! Call you at 5?\n",
    );

    let summary = run.stdout.lines().last().expect("a summary line");
    assert!(
        summary.ends_with("(audience: friend (personal))"),
        "{summary}"
    );
}

#[test]
fn summary_without_audience_says_default() {
    let run = run(&["check"], HEADLINE_DRAFT);

    let summary = run.stdout.lines().last().expect("a summary line");
    assert!(summary.starts_with("<stdin>: "), "{summary}");
    assert!(
        summary.ends_with("(audience: none given, linted as professional)"),
        "{summary}"
    );
}

#[test]
fn summary_counts_each_severity() {
    let run = run(
        &["check", "--to", "client", "fixtures/bad-client-reply.txt"],
        "",
    );
    let (_, report) = check_json(&fixture_text("bad-client-reply.txt"), &["--to", "client"]);

    let count = |severity: &str| {
        findings(&report)
            .iter()
            .filter(|finding| finding["severity"] == severity)
            .count()
    };
    let counted = |severity: &str, plural: &str| {
        let count = count(severity);
        format!("{count} {}", if count == 1 { severity } else { plural })
    };
    let first_fix_is = |applicability: &str| {
        findings(&report)
            .iter()
            .filter(|finding| finding["fixes"][0]["applicability"] == applicability)
            .count()
    };
    let expected = format!(
        "fixtures/bad-client-reply.txt: {}, {}, {}; {} fixable with --fix, {} more with --unsafe-fixes (audience: client (professional))",
        counted("error", "errors"),
        counted("warning", "warnings"),
        counted("advice", "advice"),
        first_fix_is("safe"),
        first_fix_is("suggested"),
    );
    assert_eq!(run.stdout.lines().last(), Some(expected.as_str()));
    assert_eq!(report["summary"]["warning"], count("warning"));
    assert_eq!(report["summary"]["advice"], count("advice"));
    assert_eq!(report["summary"]["error"], count("error"));
}

#[test]
fn bad_client_reply_human_report() {
    let run = run(
        &["check", "--to", "client", "fixtures/bad-client-reply.txt"],
        "",
    );

    assert_eq!(run.code, 1);
    insta::assert_snapshot!("bad_client_reply_human", run.stdout);
}

#[test]
fn front_matter_human_report() {
    let run = run(&["check", "fixtures/front-matter.txt"], "");

    assert_eq!(run.code, 1);
    insta::assert_snapshot!("front_matter_human", run.stdout);
}

#[test]
fn unknown_number_human_report() {
    let run = run(&["check", "fixtures/unknown-number.txt"], "");

    assert_eq!(run.code, 1);
    insta::assert_snapshot!("unknown_number_human", run.stdout);
}

#[test]
fn crlf_human_report() {
    let run = run(&["check", "--to", "client", "fixtures/crlf.txt"], "");

    assert_eq!(run.code, 1);
    assert!(
        !run.stdout.contains('\r'),
        "a carriage return reached the report"
    );
    insta::assert_snapshot!("crlf_human", run.stdout);
}

#[test]
fn empty_draft_human_report() {
    let run = run(&["check", "fixtures/empty.txt"], "");

    assert_eq!(run.code, 1);
    insta::assert_snapshot!("empty_human", run.stdout);
}

#[test]
fn front_matter_json_line() {
    let run = run(
        &["check", "--format", "json", "fixtures/front-matter.txt"],
        "",
    );

    assert_eq!(run.code, 1);
    assert_eq!(run.stdout.lines().count(), 1);
    insta::assert_snapshot!("front_matter_json", run.stdout.trim_end());
}

#[test]
fn json_report_fields() {
    let run = run(
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
    let report = run.json();
    let draft = fixture_text("bad-client-reply.txt");

    assert_eq!(report["path"], "fixtures/bad-client-reply.txt");
    assert_eq!(report["audience"]["name"], "client");
    assert_eq!(report["audience"]["group"], "professional");
    assert_eq!(report["missed_calls"], 1);
    assert!(report["elapsed_minutes"].is_null());

    let sry = findings_of(&report, "txt-speak/abbreviation")[0];
    assert_eq!(sry["severity"], "warning");
    assert_eq!(
        sry["message"],
        "'sry' is txt-speak, and a work contact expects 'sorry'."
    );
    assert!(sry["help"].is_string());
    assert_eq!(spanned(&draft, sry), "sry");
    assert_eq!(line_column(sry), (1, 5));
    assert_eq!(sry["span"]["end_line"], 1);
    assert_eq!(sry["span"]["end_column"], 8);
    assert_eq!(sry["replacements"], serde_json::json!(["sorry"]));
    assert_eq!(sry["fixes"][0]["title"], "Write 'sorry'");
    assert_eq!(sry["fixes"][0]["applicability"], "safe");
    assert_eq!(
        sry["fixes"][0]["edits"][0]["span"],
        serde_json::json!({"start": 4, "end": 7})
    );
    assert_eq!(sry["fixes"][0]["edits"][0]["replacement"], "sorry");
}

#[test]
fn json_without_audience_has_null_name() {
    let (_, report) = check_json(HEADLINE_DRAFT, &[]);

    assert!(report["audience"]["name"].is_null());
    assert_eq!(report["audience"]["group"], "professional");
    assert_eq!(report["path"], "<stdin>");
}

#[test]
fn front_matter_lines_count_from_file_top() {
    let draft = fixture_text("front-matter.txt");
    let run = run(
        &["check", "--format", "json", "fixtures/front-matter.txt"],
        "",
    );
    let report = run.json();

    let abbreviations = findings_of(&report, "txt-speak/abbreviation");
    assert_eq!(abbreviations.len(), 1);
    let u = abbreviations[0];
    assert_eq!(spanned(&draft, u), "u");
    // Five front matter lines come first, so the body's first line is 6.
    assert_eq!(line_column(u), (6, 16));
    let expected_start = draft.find("missed u,").expect("fixture text") + "missed ".len();
    assert_eq!(common::byte_span(u), (expected_start, expected_start + 1));
}

#[test]
fn front_matter_sets_context() {
    let run = run(
        &["check", "--format", "json", "fixtures/front-matter.txt"],
        "",
    );
    let report = run.json();

    assert_eq!(report["audience"]["name"], "boss");
    assert_eq!(report["audience"]["group"], "professional");
    assert_eq!(report["missed_calls"], 2);
    assert_eq!(report["elapsed_minutes"], 180);
    // Two missed calls and three hours of silence each need a mention.
    let ids = rule_ids(&report);
    assert!(
        ids.contains(&"context/several-calls".to_string()),
        "{ids:?}"
    );
    assert!(
        ids.contains(&"context/slow-reply-professional".to_string()),
        "{ids:?}"
    );
}

#[test]
fn late_reply_needs_delay_mention() {
    let run = run(
        &["check", "--format", "json", "fixtures/late-reply.txt"],
        "",
    );
    let report = run.json();

    assert_eq!(run.code, 1);
    assert_eq!(report["elapsed_minutes"], 2 * 24 * 60);
    assert_eq!(rule_ids(&report), vec!["context/late-reply"]);
}

#[test]
fn late_reply_passes_when_recent() {
    let run = run(
        &[
            "check",
            "--format",
            "json",
            "--elapsed",
            "20m",
            "fixtures/late-reply.txt",
        ],
        "",
    );
    let report = run.json();

    assert_eq!(run.code, 0, "{:?}", rule_ids(&report));
    assert_eq!(report["elapsed_minutes"], 20);
}

#[test]
fn several_missed_calls_need_mention() {
    let run = run(
        &[
            "check",
            "--format",
            "json",
            "fixtures/several-missed-calls.txt",
        ],
        "",
    );
    let report = run.json();

    assert_eq!(run.code, 1);
    assert_eq!(report["missed_calls"], 4);
    assert_eq!(report["audience"]["name"], "friend");
    assert_eq!(rule_ids(&report), vec!["context/several-calls"]);
}

#[test]
fn several_missed_calls_pass_as_single() {
    let run = run(
        &[
            "check",
            "--format",
            "json",
            "--missed-calls",
            "1",
            "fixtures/several-missed-calls.txt",
        ],
        "",
    );

    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(run.json()["missed_calls"], 1);
}

#[test]
fn unknown_number_blunt_question_still_asks() {
    let draft = fixture_text("unknown-number.txt");
    let run = run(
        &["check", "--format", "json", "fixtures/unknown-number.txt"],
        "",
    );
    let report = run.json();

    assert_eq!(report["audience"]["name"], "unknown");
    assert_eq!(report["audience"]["group"], "unknown");
    let blunt = findings_of(&report, "who-dis/blunt-question");
    assert_eq!(blunt.len(), 1);
    assert!(spanned(&draft, blunt[0]).ends_with("Who is this?"));
    // A blunt question is still a question about who called, so only its
    // tone is reported, not a missing question.
    assert_eq!(findings_of(&report, "who-dis/ask-politely").len(), 0);
}

#[test]
fn blunt_question_span_is_question_only() {
    let draft = fixture_text("unknown-number.txt");
    let run = run(
        &["check", "--format", "json", "fixtures/unknown-number.txt"],
        "",
    );
    let report = run.json();

    let blunt = findings_of(&report, "who-dis/blunt-question");
    assert_eq!(spanned(&draft, blunt[0]), "Who is this?");
}

#[test]
fn human_header_column_counts_graphemes() {
    // The human header and the JSON report count columns the same way, so
    // the curly apostrophes before "mtg" are one column each.
    let draft = "Sorry, I can’t talk now, I’m in a mtg";
    let human = run(&["check", "--to", "client"], draft);
    let (_, report) = check_json(draft, &["--to", "client"]);

    let mtg = findings_of(&report, "txt-speak/abbreviation")[0];
    assert_eq!(line_column(mtg), (1, 35));
    assert!(
        human.stdout.contains("╭─[<stdin>:1:35]"),
        "{}",
        human.stdout
    );
}

#[test]
fn human_header_skips_byte_order_mark() {
    let human = run(
        &["check", "--to", "client"],
        "\u{feff}sry I missed your call",
    );
    assert!(human.stdout.contains("╭─[<stdin>:1:1]"), "{}", human.stdout);
}

#[test]
fn missing_marker_after_last_character() {
    // No final newline: the missing reason belongs just after the "u".
    let draft = "Sorry I missed your call, can I call u";
    let json = run(&["check", "--format", "json", "--to", "client"], draft).json();
    let reason = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|finding| finding["rule"] == "acknowledgement/reason")
        .expect("a missing reason");
    assert_eq!(reason["span"]["column"], 39);

    let human = run(&["check", "--to", "client"], draft);
    let block = human
        .stdout
        .split("\n\n")
        .find(|block| block.contains("missing here"))
        .expect("a missing-here label");
    assert!(block.contains("╭─[<stdin>:1:39]"), "{block}");
    // The marker is in column 39, one past the "u" in column 38.
    let code_line = block.lines().find(|line| line.contains("call u")).unwrap();
    let marker_line = block.lines().find(|line| line.contains('▲')).unwrap();
    let last_u = code_line[..code_line.rfind('u').unwrap()].chars().count();
    let marker_at = marker_line.chars().position(|c| c == '▲').unwrap();
    assert_eq!(marker_at, last_u + 1, "{block}");
}
