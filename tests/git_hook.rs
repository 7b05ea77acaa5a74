//! The git pre-commit hook of docs/editors.md, installed in a scratch
//! repository exactly as documented, stops commits of templates with
//! findings and lets clean ones through.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::path_with_sorrylint;

const CLEAN: &str = "---\nto: client\n---\nHi Dana, sorry I missed your call, I was on site with a customer. Can I call you back at 4:30 today?\n";
const TXT_SPEAK: &str =
    "---\nto: client\n---\nsry missed ur call, can I call you back at 4:30 today?\n";

/// The hook script from docs/editors.md.
fn documented_hook() -> String {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/editors.md"))
            .unwrap();
    let start = docs
        .find("```bash\n#!/usr/bin/env bash")
        .expect("docs/editors.md has a pre-commit hook");
    let script = &docs[start + "```bash\n".len()..];
    script[..script.find("```").unwrap()].to_string()
}

fn git(repository: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args(args)
        .current_dir(repository)
        .env("PATH", path_with_sorrylint())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", repository)
        .output()
        .expect("git runs")
}

#[track_caller]
fn git_ok(repository: &Path, args: &[&str]) {
    let output = git(repository, args);
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A repository with the hook installed and one commit.
fn repository() -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    let root = folder.path();
    git_ok(root, &["init", "-q"]);
    // An empty configuration file keeps one in a parent folder out.
    std::fs::write(root.join(".sorrylint.yaml"), "").unwrap();
    std::fs::create_dir(root.join("templates")).unwrap();
    let hook = root.join(".git/hooks/pre-commit");
    std::fs::write(&hook, documented_hook()).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    git_ok(root, &["add", ".sorrylint.yaml"]);
    git_ok(root, &["commit", "-q", "-m", "start"]);
    folder
}

#[test]
fn hook_lets_clean_templates_through() {
    let folder = repository();
    let root = folder.path();
    std::fs::write(root.join("templates/missed call.txt"), CLEAN).unwrap();
    // Files outside the templates folder are not linted.
    std::fs::write(root.join("notes.txt"), TXT_SPEAK).unwrap();
    git_ok(root, &["add", "."]);

    let output = git(root, &["commit", "-q", "-m", "clean template"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn hook_stops_templates_with_findings() {
    let folder = repository();
    let root = folder.path();
    std::fs::write(root.join("templates/clean.txt"), CLEAN).unwrap();
    std::fs::write(root.join("templates/after hours.txt"), TXT_SPEAK).unwrap();
    git_ok(root, &["add", "."]);

    let output = git(root, &["commit", "-q", "-m", "txt-speak"]);
    assert_eq!(output.status.code(), Some(1));
    // git sends a hook's stdout to its own stderr.
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("templates/after hours.txt:4:1: warning txt-speak/abbreviation: 'sry'"),
        "{stderr}"
    );
    assert!(!stderr.contains("clean.txt"), "{stderr}");
    assert!(stderr.contains("commit with --no-verify"), "{stderr}");
}

#[test]
fn hook_lints_what_is_staged() {
    let folder = repository();
    let root = folder.path();
    let template = root.join("templates/reply.txt");
    std::fs::write(&template, TXT_SPEAK).unwrap();
    git_ok(root, &["add", "."]);
    // Fixed on disk, but the commit would still hold the staged text.
    std::fs::write(&template, CLEAN).unwrap();

    let output = git(root, &["commit", "-q", "-m", "staged txt-speak"]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn hook_reports_the_highest_status() {
    let folder = repository();
    let root = folder.path();
    std::fs::write(root.join("templates/a.txt"), TXT_SPEAK).unwrap();
    // Front matter with an audience no group has: exit status 2.
    std::fs::write(root.join("templates/b.txt"), "---\nto: nobody\n---\nHi\n").unwrap();
    std::fs::write(root.join("templates/c.txt"), TXT_SPEAK).unwrap();
    git_ok(root, &["add", "."]);

    // git commit fails with 1 whatever the hook's status, so the hook
    // runs alone here.
    let output = Command::new(root.join(".git/hooks/pre-commit"))
        .current_dir(root)
        .env("PATH", path_with_sorrylint())
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("templates/a.txt:"), "{stdout}");
    assert!(stdout.contains("templates/c.txt:"), "{stdout}");
}

#[test]
fn hook_reads_names_git_would_quote() {
    let folder = repository();
    let root = folder.path();
    std::fs::write(root.join("templates/réponse \"ami\".txt"), CLEAN).unwrap();
    git_ok(root, &["add", "."]);
    let output = git(root, &["commit", "-q", "-m", "accented name"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    std::fs::write(root.join("templates/après \"minuit\".txt"), TXT_SPEAK).unwrap();
    git_ok(root, &["add", "."]);
    let output = git(root, &["commit", "-q", "-m", "accented name"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("templates/après \"minuit\".txt:4:1: warning"),
        "{stderr}"
    );
}

#[test]
fn hook_without_sorrylint_on_path_stops() {
    let folder = repository();
    let root = folder.path();
    std::fs::write(root.join("templates/a.txt"), CLEAN).unwrap();
    git_ok(root, &["add", "."]);
    let output = Command::new(root.join(".git/hooks/pre-commit"))
        .current_dir(root)
        .env("PATH", "/usr/bin:/bin")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("sorrylint is not on PATH"), "{stderr}");
}
