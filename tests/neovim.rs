//! sorrylint in a real editor: headless Neovim reads `--format line` into
//! its quickfix list, and uses `sorrylint lsp` as its language server.
//!
//! These tests need Neovim (`nvim`, Debian's `neovim` package), so a plain
//! `cargo test` leaves them out. `.ci/run` installs Neovim and runs them
//! with `cargo test --test neovim -- --ignored`.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// Runs a Lua script in headless Neovim with a private home, and returns
/// the JSON record the script wrote.
fn run_script(script: &str, draft: &Path, env: &[(&str, &str)]) -> Value {
    let folder = tempfile::tempdir().unwrap();
    let record = folder.path().join("record.json");
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/neovim")
        .join(script);
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
        .env("DRAFT", draft)
        .env("RECORD", &record)
        .env("XDG_CONFIG_HOME", folder.path().join("config"))
        .env("XDG_DATA_HOME", folder.path().join("data"))
        .env("XDG_STATE_HOME", folder.path().join("state"))
        .env("XDG_CACHE_HOME", folder.path().join("cache"))
        .current_dir(env!("CARGO_MANIFEST_DIR"));
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
