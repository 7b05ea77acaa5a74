//! sorrylint in a real editor: headless Neovim reads `--format line` into
//! its quickfix list, and uses `sorrylint lsp` as its language server.
//!
//! These tests need Neovim (`nvim`, Debian's `neovim` package), so a plain
//! `cargo test` leaves them out. `.ci/run` installs Neovim and runs them
//! with `cargo test --test neovim -- --ignored`.

mod common;

use std::path::Path;
use std::process::Command;

use common::path_with_sorrylint;
use serde_json::Value;

/// Runs a Lua script in headless Neovim with a private home, and returns
/// the JSON record the script wrote.
fn run_script(script: &str, draft: &Path, env: &[(&str, &str)]) -> Value {
    let folder = tempfile::tempdir().unwrap();
    let record = folder.path().join("record.json");
    let scripts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/neovim");
    let script = scripts.join(script);

    let mut command = Command::new("timeout");
    command
        .args([
            "120",
            "nvim",
            "--headless",
            "-u",
            "NONE",
            "-i",
            "NONE",
            "-n",
        ])
        .arg("-c")
        .arg(format!("luafile {}", script.display()))
        .env("SORRYLINT", env!("CARGO_BIN_EXE_sorrylint"))
        .env("PATH", path_with_sorrylint())
        .env("DRAFT", draft)
        .env("RECORD", &record)
        .env("RECORDER", scripts.join("record.lua"))
        .env("XDG_CONFIG_HOME", folder.path().join("config"))
        .env("XDG_DATA_HOME", folder.path().join("data"))
        .env("XDG_STATE_HOME", folder.path().join("state"))
        .env("XDG_CACHE_HOME", folder.path().join("cache"))
        .current_dir(draft.parent().unwrap());
    for (name, value) in env {
        command.env(name, value);
    }

    let output = command.output().unwrap_or_else(|error| {
        panic!("cannot start Neovim ({error}); install it with `apt-get install neovim`")
    });

    let text = std::fs::read_to_string(&record).unwrap_or_else(|error| {
        panic!(
            "Neovim wrote no record ({error}); status {:?}\nstdout: {}\nstderr: {}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr),
        )
    });
    let record: Value = serde_json::from_str(&text).unwrap();
    assert!(record["error"].is_null(), "{record:#}");
    record
}

/// Returns the Vim code blocks of the "Vim and Neovim" section of docs/editors.md,
/// each with its continuation lines joined, so that the test runs exactly
/// what readers copy.
fn documented_vim_blocks() -> Vec<String> {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/editors.md"))
            .unwrap();
    let section = docs
        .split("\n### ")
        .find(|section| section.starts_with("Vim and Neovim\n"))
        .expect("docs/editors.md has a Vim and Neovim section");
    section
        .split("```vim\n")
        .skip(1)
        .map(|block| {
            let block = block.split("```").next().unwrap();
            let mut joined = String::new();
            for line in block.lines() {
                match line.trim_start().strip_prefix('\\') {
                    Some(continued) => joined.push_str(continued),
                    None => {
                        if !joined.is_empty() {
                            joined.push('\n');
                        }
                        joined.push_str(line);
                    }
                }
            }
            joined
        })
        .collect()
}

fn codes_at(diagnostics: &Value) -> Vec<(String, u64)> {
    diagnostics
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["col"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
#[ignore = "needs Neovim; .ci/run runs it"]
fn neovim_lsp_client_gets_diagnostics_and_applies_fixes() {
    let folder = tempfile::tempdir().unwrap();
    let draft = folder.path().join("reply.txt");
    std::fs::write(&draft, "🙏🏽 sry missed ur call\n").unwrap();

    let record = run_script("lsp_quick_fix.lua", &draft, &[]);

    // Neovim turns the server's UTF-16 columns into byte columns: "sry"
    // starts after the 8-byte emoji and a space.
    let before = codes_at(&record["before"]);
    assert!(
        before.contains(&("txt-speak/abbreviation".to_string(), 9)),
        "{before:?}"
    );
    assert!(
        before.contains(&("txt-speak/abbreviation".to_string(), 20)),
        "{before:?}"
    );
    // Only a professional audience is held to txt-speak, so the audience
    // from the client's settings arrived.
    let titles: Vec<&str> = record["titles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|title| title.as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"Write 'sorry' (txt-speak/abbreviation)"),
        "{titles:?}"
    );

    assert_eq!(record["after_quick_fix"], "🙏🏽 sorry missed ur call");
    let after = codes_at(&record["after"]);
    assert!(
        !after.contains(&("txt-speak/abbreviation".to_string(), 9)),
        "{after:?}"
    );
    assert_eq!(record["after_fix_all"], "🙏🏽 sorry missed your call");
}

#[test]
#[ignore = "needs Neovim; .ci/run runs it"]
fn neovim_quickfix_lands_on_findings_after_emoji() {
    let blocks = documented_vim_blocks();
    assert_eq!(blocks.len(), 2, "{blocks:#?}");
    let folder = tempfile::tempdir().unwrap();
    let draft = folder.path().join("reply.txt");
    std::fs::write(&draft, "---\nto: client\n---\n🙏🏽 sry missed ur call\n").unwrap();

    let record = run_script(
        "quickfix.lua",
        &draft,
        &[
            ("SETTINGS", blocks[0].as_str()),
            ("CEXPR", blocks[1].as_str()),
        ],
    );

    for run in ["make", "cexpr"] {
        let entries = record[run].as_array().unwrap();
        let find = |needle: &str| {
            entries
                .iter()
                .find(|entry| entry["text"].as_str().unwrap().contains(needle))
                .unwrap_or_else(|| panic!("{run}: no entry for {needle}: {entries:#?}"))
        };
        assert!(
            entries.iter().all(|entry| entry["valid"] == 1),
            "{run}: {entries:#?}"
        );
        assert!(
            entries
                .iter()
                .all(|entry| entry["file"] == draft.to_str().unwrap()),
            "{run}: {entries:#?}"
        );

        // "sry" follows the emoji with a skin tone: byte column 10.
        let sry = find("'sry'");
        assert_eq!(
            (sry["lnum"].as_u64(), sry["col"].as_u64()),
            (Some(4), Some(10)),
            "{run}"
        );
        assert_eq!(sry["type"], "w", "{run}");
        assert_eq!(sry["landed"], "sry", "{run}");
        assert!(
            sry["text"]
                .as_str()
                .unwrap()
                .starts_with("txt-speak/abbreviation: 'sry' is txt-speak"),
            "{run}: {sry:#?}"
        );
        let ur = find("'ur'");
        assert_eq!(ur["landed"], "ur ", "{run}");

        // Advice is shown as info.
        let emoji = find("tone/emoji");
        assert_eq!(emoji["type"], "i", "{run}");
        assert_eq!(emoji["col"], 1, "{run}");
    }

    // Only :cexpr over the buffer lints the unsaved line.
    let unsaved = |run: &str| {
        record[run]
            .as_array()
            .unwrap()
            .iter()
            .any(|entry| entry["text"].as_str().unwrap().contains("'pls'"))
    };
    assert!(!unsaved("make"));
    assert!(unsaved("cexpr"), "{:#?}", record["cexpr"]);
    let pls = record["cexpr"]
        .as_array()
        .unwrap()
        .iter()
        .find(|entry| entry["text"].as_str().unwrap().contains("'pls'"))
        .unwrap();
    assert_eq!(pls["lnum"], 5);
    assert_eq!(pls["landed"], "pls");
}

#[test]
#[ignore = "needs Neovim; .ci/run runs it"]
fn neovim_client_settings_set_the_audience() {
    let folder = tempfile::tempdir().unwrap();
    let draft = folder.path().join("reply.txt");
    std::fs::write(&draft, "sry missed ur call\n").unwrap();

    for (audience, txt_speak) in [("friend", false), ("boss", true)] {
        let record = run_script("lsp_settings.lua", &draft, &[("AUDIENCE", audience)]);
        let codes: Vec<&str> = record["codes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|code| code.as_str().unwrap())
            .collect();
        assert_eq!(
            codes.contains(&"txt-speak/abbreviation"),
            txt_speak,
            "{audience}: {codes:?}"
        );
    }
}
