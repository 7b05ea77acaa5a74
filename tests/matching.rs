//! How the default rules match text, checked through the JSON report: byte
//! spans in the original input, lines, and columns in grapheme clusters.

mod common;

use common::{
    byte_span, check_json, findings, findings_of, line_column, replacements, rule_ids, spanned,
};

/// Returns the text of each finding of `rule` in `draft`.
#[track_caller]
fn matched_texts<'a>(draft: &'a str, report: &serde_json::Value, rule: &str) -> Vec<&'a str> {
    findings_of(report, rule)
        .into_iter()
        .map(|finding| spanned(draft, finding))
        .collect()
}

#[test]
fn curly_apostrophe_counts_one_column() {
    let draft = "Sorry, I can’t talk now, I’m in a mtg";
    let (_, report) = check_json(draft, &["--to", "client"]);

    let found = findings_of(&report, "txt-speak");
    assert_eq!(found.len(), 1, "{:?}", rule_ids(&report));
    let mtg = found[0];
    assert_eq!(spanned(draft, mtg), "mtg");
    // Each ’ is three bytes but one column.
    assert_eq!(byte_span(mtg), (38, 41));
    assert_eq!(line_column(mtg), (1, 35));
    assert_eq!(replacements(mtg), vec!["meeting"]);
}

#[test]
fn curly_apostrophe_matches_straight_rule() {
    // The rule lists "i'm" with a straight apostrophe.
    let draft = "Sorry, i’m in a meeting. Can I call you at 3?";
    let (_, report) = check_json(draft, &["--to", "client"]);

    assert_eq!(
        matched_texts(draft, &report, "txt-speak/lowercase-i"),
        vec!["i’m"]
    );
}

#[test]
fn emoji_spans_stay_whole() {
    let draft = "🙏🏽 sry missed ur call 👨‍👩‍👧";
    let (_, report) = check_json(draft, &["--to", "client"]);

    let abbreviations = findings_of(&report, "txt-speak/abbreviation");
    assert_eq!(abbreviations.len(), 2);
    assert_eq!(byte_span(abbreviations[0]), (9, 12));
    assert_eq!(spanned(draft, abbreviations[0]), "sry");
    assert_eq!(line_column(abbreviations[0]), (1, 3));
    assert_eq!(byte_span(abbreviations[1]), (20, 22));
    assert_eq!(spanned(draft, abbreviations[1]), "ur");
    assert_eq!(line_column(abbreviations[1]), (1, 14));

    // No span may start or end strictly inside either emoji.
    let emoji = [(0, "🙏🏽".len()), (28, 28 + "👨‍👩‍👧".len())];
    assert_eq!(&draft[emoji[1].0..emoji[1].1], "👨‍👩‍👧");
    for finding in findings(&report) {
        let (start, end) = byte_span(finding);
        for (emoji_start, emoji_end) in emoji {
            for offset in [start, end] {
                assert!(
                    offset <= emoji_start || offset >= emoji_end,
                    "{} span {start}..{end} cuts the emoji at {emoji_start}..{emoji_end}",
                    finding["rule"]
                );
            }
        }
    }
}

#[test]
fn emoji_findings_cover_whole_clusters() {
    let draft = "🙏🏽 sry missed ur call 👨‍👩‍👧";
    let (_, report) = check_json(draft, &["--to", "client"]);

    assert_eq!(
        matched_texts(draft, &report, "tone/emoji"),
        vec!["🙏🏽", "👨‍👩‍👧"]
    );
    let family = findings_of(&report, "tone/emoji")[1];
    assert_eq!(line_column(family), (1, 22));
    assert_eq!(family["span"]["end_column"], 23);
}

#[test]
fn crlf_lines_and_columns() {
    let draft = "Sorry I missed your call.\r\n\r\nCall me back when u can?\r\n";
    let (_, report) = check_json(draft, &["--to", "client"]);

    let found = findings_of(&report, "txt-speak/abbreviation");
    assert_eq!(found.len(), 1);
    let u = found[0];
    assert_eq!(spanned(draft, u), "u");
    assert_eq!(byte_span(u), (47, 48));
    assert_eq!(line_column(u), (3, 19));
}

#[test]
fn crlf_and_lf_find_same() {
    let crlf = "Sorry I missed your call.\r\n\r\nCall me back when u can?\r\n";
    let lf = crlf.replace("\r\n", "\n");
    let (crlf_code, crlf_report) = check_json(crlf, &["--to", "client"]);
    let (lf_code, lf_report) = check_json(&lf, &["--to", "client"]);

    assert_eq!(crlf_code, lf_code);
    let positions = |report: &serde_json::Value| -> Vec<(String, (u64, u64))> {
        findings(report)
            .iter()
            .map(|finding| (finding["rule"].to_string(), line_column(finding)))
            .collect()
    };
    assert_eq!(positions(&crlf_report), positions(&lf_report));
    // A span that ends at a line break ends before the whole CRLF pair.
    for finding in findings(&crlf_report) {
        let text = spanned(crlf, finding);
        assert!(
            !text.ends_with('\r'),
            "{} ends inside CRLF",
            finding["rule"]
        );
    }
}

#[test]
fn uppercase_acronyms_not_txt_speak() {
    let draft = "R&D ran late and the UK team too, r u free at 3?";
    let (_, report) = check_json(draft, &["--to", "client"]);

    assert_eq!(matched_texts(draft, &report, "txt-speak"), vec!["r", "u"]);
    let are = findings_of(&report, "txt-speak/abbreviation")[0];
    assert_eq!(byte_span(are), (34, 35));
    assert_eq!(replacements(are), vec!["are"]);
}

#[test]
fn links_numbers_times_are_skipped() {
    let draft = "Sorry! Missed ur call. Quote: https://example.com/u/sorry-r or mail u.r@example.com. Call at 2pm or 4:30?";
    let (_, report) = check_json(draft, &["--to", "client"]);

    assert_eq!(matched_texts(draft, &report, "txt-speak"), vec!["ur"]);
    // "sorry" in the URL is not a second apology.
    assert_eq!(
        findings_of(&report, "over-apologizing/apology-count").len(),
        0
    );
}

#[test]
fn digits_inside_words_not_txt_speak() {
    let draft = "Sorry, 2 amazing things came up; the theory is I call you at 3pm. Does that work?";
    let (_, report) = check_json(draft, &["--to", "client"]);

    assert_eq!(
        matched_texts(draft, &report, "txt-speak"),
        Vec::<&str>::new()
    );
}

#[test]
fn repetition_spans_and_fix() {
    let draft = "So sorry sorry.\nSorry\nsorry, call me?\nI'm so, so, so sorry";
    let (_, report) = check_json(draft, &["--to", "boss"]);

    let repeats = findings_of(&report, "over-apologizing/repeated-intensifier");
    let texts: Vec<&str> = repeats
        .iter()
        .map(|finding| spanned(draft, finding))
        .collect();
    // The full stop is not part of the first run, and the line break does
    // not end the second.
    assert_eq!(texts, vec!["sorry sorry", "Sorry\nsorry", "so, so, so"]);
    assert_eq!(byte_span(repeats[0]), (3, 14));
    assert_eq!(line_column(repeats[1]), (2, 1));
    assert_eq!(repeats[1]["span"]["end_line"], 3);
    assert_eq!(replacements(repeats[2]), vec!["so"]);
    assert_eq!(line_column(repeats[2]), (4, 5));
}

#[test]
fn repetition_across_sentences_not_flagged() {
    let draft = "I'm sorry. Sorry again, can I call you at 4?";
    let (_, report) = check_json(draft, &["--to", "boss"]);

    assert_eq!(
        findings_of(&report, "over-apologizing/repeated-intensifier").len(),
        0
    );
}

#[test]
fn replacements_keep_case() {
    let draft = "Thx for calling. U free later? THX!";
    let (_, report) = check_json(draft, &["--to", "client"]);

    let found = findings_of(&report, "txt-speak/abbreviation");
    let suggested: Vec<Vec<String>> = found.iter().map(|finding| replacements(finding)).collect();
    assert_eq!(suggested, vec![vec!["Thanks"], vec!["You"], vec!["THANKS"]]);
    assert_eq!(
        found[1]["message"],
        "'U' is txt-speak, and a work contact expects 'You'."
    );
    assert_eq!(found[1]["fixes"][0]["title"], "Write 'You'");
}

#[test]
fn bom_shifts_bytes_not_columns() {
    let plain = "sry u there? I was driving. Call you at 5?";
    let with_bom = format!("\u{feff}{plain}");
    let (_, plain_report) = check_json(plain, &["--to", "client"]);
    let (_, bom_report) = check_json(&with_bom, &["--to", "client"]);

    let plain_found = findings(&plain_report);
    let bom_found = findings(&bom_report);
    assert_eq!(rule_ids(&plain_report), rule_ids(&bom_report));
    assert!(!plain_found.is_empty());
    for (without, with) in plain_found.iter().zip(bom_found) {
        let (start, end) = byte_span(without);
        assert_eq!(byte_span(with), (start + 3, end + 3), "{}", with["rule"]);
        assert_eq!(line_column(with), line_column(without), "{}", with["rule"]);
        assert_eq!(spanned(&with_bom, with), spanned(plain, without));
    }
    let sry = findings_of(&bom_report, "txt-speak/abbreviation")[0];
    assert_eq!(byte_span(sry), (3, 6));
    assert_eq!(line_column(sry), (1, 1));
}

#[test]
fn bom_fixture_spans() {
    let draft = common::fixture_text("bom.txt");
    assert!(
        draft.starts_with('\u{feff}'),
        "the fixture starts with a BOM"
    );
    let run = common::run(
        &[
            "check",
            "--format",
            "json",
            "--to",
            "client",
            "fixtures/bom.txt",
        ],
        "",
    );
    let report = run.json();

    assert_eq!(
        matched_texts(&draft, &report, "txt-speak/abbreviation"),
        vec!["sry", "ur"]
    );
    let ur = findings_of(&report, "txt-speak/abbreviation")[1];
    assert_eq!(byte_span(ur), (15, 17));
    assert_eq!(line_column(ur), (1, 13));
}

#[test]
fn crlf_fixture_spans() {
    let draft = common::fixture_text("crlf.txt");
    assert!(draft.contains("\r\n"), "the fixture uses CRLF");
    let run = common::run(
        &[
            "check",
            "--format",
            "json",
            "--to",
            "client",
            "fixtures/crlf.txt",
        ],
        "",
    );
    let report = run.json();

    let u = findings_of(&report, "txt-speak/abbreviation")[0];
    assert_eq!(spanned(&draft, u), "u");
    assert_eq!(line_column(u), (3, 19));
}

#[test]
fn audience_limits_txt_speak() {
    let draft = "sry missed ur call, call u at 5?";
    let (_, friend) = check_json(draft, &["--to", "friend"]);
    let (_, client) = check_json(draft, &["--to", "client"]);
    let (_, nobody) = check_json(draft, &[]);

    assert_eq!(findings_of(&friend, "txt-speak").len(), 0);
    assert_eq!(findings_of(&client, "txt-speak").len(), 3);
    // Without an audience the draft is linted as professional.
    assert_eq!(findings_of(&nobody, "txt-speak").len(), 3);
}
