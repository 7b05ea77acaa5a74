//! `sorrylint check`: lint drafts and print findings.

use std::io::{IsTerminal, Read};
use std::path::Path;
use std::sync::Arc;

use clap::ValueEnum;
use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use super::CheckArgs;
use super::output::{
    PlainError, human_options, load_rules, print_error, print_plain_error, write_stdout,
};
use crate::audience::UnknownAudience;
use crate::context::Context;
use crate::draft::{Draft, MAX_DRAFT_BYTES};
use crate::exit::ExitStatus;
use crate::finding::Finding;
use crate::fix::{fix_draft, write_in_place};
use crate::report::{
    DraftReport, Format, TextSource, plural, render_github, render_human, render_input_error,
    render_json, render_line,
};
use crate::ruleset::Ruleset;
use crate::severity::Severity;
use crate::text::ColumnUnit;

/// The name of a draft read from stdin, unless `--stdin-filename` gives one.
const STDIN_NAME: &str = "<stdin>";

pub fn run(args: &CheckArgs) -> ExitStatus {
    if args.column_unit != ColumnUnit::Grapheme
        && !matches!(args.format, Format::Line | Format::Github)
    {
        let unit = args
            .column_unit
            .to_possible_value()
            .expect("every unit has a name");
        print_plain_error(
            format!(
                "--column-unit {} applies to --format line and github only",
                unit.get_name()
            ),
            Some(
                "the JSON report has grapheme and UTF-16 columns and byte offsets, and the human report counts graphemes; add --format line, or leave out --column-unit",
            ),
        );
        return ExitStatus::Error;
    }
    let Some(inputs) = resolve_inputs(args) else {
        return ExitStatus::Error;
    };
    let Some(loaded) = load_rules(&args.rule_args, &[]) else {
        return ExitStatus::Error;
    };
    let fail_level = args
        .fail_level
        .or(loaded.config.as_ref().and_then(|config| config.fail_level))
        .unwrap_or(Severity::Warning);
    let ruleset = loaded.ruleset;
    if let Some(to) = &args.to
        && let Err(error) = ruleset.audiences().resolve(Some(to))
    {
        print_plain_error(error.to_string(), None);
        return ExitStatus::Error;
    }

    let mut status = ExitStatus::Clean;
    for input in inputs {
        let linted = match lint_input(&ruleset, args, fail_level, input) {
            Ok(linted) => linted,
            Err(failure) => {
                // The other inputs are still linted; the status records the
                // failure.
                print_error(failure.diagnostic.as_ref());
                status = ExitStatus::Error;
                failure_output(args, input, &failure)
            }
        };
        if linted.fails {
            status = status.max(ExitStatus::Findings);
        }
        eprint!("{}", linted.stderr);
        if write_stdout(&linted.stdout) == ExitStatus::Error
            || write_stdout(&linted.unchanged) == ExitStatus::Error
        {
            // A closed pipe (such as `| head`) has no reader left, so stop.
            return ExitStatus::Error;
        }
    }
    status
}

/// Returns the inputs to lint, `-` for stdin, or prints a usage error.
fn resolve_inputs(args: &CheckArgs) -> Option<Vec<&Path>> {
    let inputs: Vec<&Path> = if args.paths.is_empty() {
        vec![Path::new("-")]
    } else {
        args.paths.iter().map(|path| path.as_path()).collect()
    };
    let stdin_count = inputs.iter().filter(|input| is_stdin(input)).count();
    if stdin_count > 1 {
        print_plain_error(
            "`-` (stdin) is given more than once",
            Some("stdin can be read once; name it once"),
        );
        return None;
    }
    if stdin_count == 0
        && let Some(name) = &args.stdin_filename
    {
        print_plain_error(
            format!("--stdin-filename {name} is given, but no input is read from stdin"),
            Some("add `-` to the paths to lint stdin as well, or leave out --stdin-filename"),
        );
        return None;
    }
    Some(inputs)
}

fn is_stdin(input: &Path) -> bool {
    input == Path::new("-")
}

/// Returns the output for an input that could not be linted: an error
/// record in the machine-readable formats, where the report would have
/// gone. A diff has no place for one, so `--diff` prints none.
fn failure_output(args: &CheckArgs, input: &Path, failure: &InputFailure) -> Linted {
    if args.diff {
        return Linted::default();
    }
    let message = failure.diagnostic.to_string();
    let record = render_input_error(args.format, &failure.name, &message);
    // With `--fix`, stdout carries the fixed draft from stdin, so the
    // report, and this record in its place, goes to stderr.
    if args.fix && is_stdin(input) {
        // An editor that filters its text through `--fix` replaces the
        // text with stdout, so stdout gets the draft back as it came.
        Linted {
            stderr: record,
            unchanged: failure.read.clone().unwrap_or_default(),
            ..Linted::default()
        }
    } else {
        Linted {
            stdout: record,
            ..Linted::default()
        }
    }
}

/// The output of one input, and whether it reached the failing level.
#[derive(Default)]
struct Linted {
    stdout: String,
    stderr: String,
    /// A draft from stdin that `--fix` could not fix, as read, which may
    /// not be UTF-8.
    unchanged: Vec<u8>,
    fails: bool,
}

/// An input that could not be linted.
struct InputFailure {
    name: String,
    diagnostic: Box<dyn Diagnostic + Send + Sync>,
    /// The input, when it could be read.
    read: Option<Vec<u8>>,
}

fn lint_input(
    ruleset: &Ruleset,
    args: &CheckArgs,
    fail_level: Severity,
    input: &Path,
) -> Result<Linted, InputFailure> {
    let from_stdin = is_stdin(input);
    let name = if from_stdin {
        args.stdin_filename
            .as_deref()
            .unwrap_or(STDIN_NAME)
            .to_string()
    } else {
        input.display().to_string()
    };
    let failure = |diagnostic: Box<dyn Diagnostic + Send + Sync>| InputFailure {
        name: name.clone(),
        diagnostic,
        read: None,
    };

    let bytes = read_input(input, from_stdin).map_err(|error| {
        let help = match error.kind() {
            std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied => {
                Some("check that the file exists and that you may read it".into())
            }
            _ => None,
        };
        failure(Box::new(PlainError {
            message: format!("cannot read {name}: {error}"),
            help,
        }))
    })?;
    let failure = |diagnostic: Box<dyn Diagnostic + Send + Sync>| InputFailure {
        read: Some(bytes.clone()),
        ..failure(diagnostic)
    };
    let draft =
        Draft::from_bytes(&name, bytes.clone()).map_err(|error| failure(Box::new(error)))?;
    let context = resolve_context(ruleset, args, &draft).map_err(failure)?;

    let fails = |findings: &[Finding]| {
        findings
            .iter()
            .any(|finding| finding.severity >= fail_level)
    };
    let render = |draft: &Draft, findings: &[Finding], to_stderr: bool| {
        let report = DraftReport {
            draft,
            context: &context,
            findings,
        };
        match args.format {
            Format::Human => render_human(&report, human_options(to_stderr)),
            Format::Json => format!("{}\n", render_json(&report)),
            Format::Line => render_line(&report, args.column_unit),
            Format::Github => render_github(&report, args.column_unit),
        }
    };

    if args.diff {
        // The draft stays as it is, so its status is that of the draft now.
        let findings = ruleset.lint(&draft, &context);
        let outcome = fix_draft(ruleset, draft.clone(), &context, args.unsafe_fixes)
            .map_err(|error| failure(Box::new(error)))?;
        return Ok(Linted {
            stdout: unified_diff(&name, &draft.source, &outcome.draft.source),
            fails: fails(&findings),
            ..Linted::default()
        });
    }

    if args.fix {
        let outcome = fix_draft(ruleset, draft, &context, args.unsafe_fixes)
            .map_err(|error| failure(Box::new(error)))?;
        let report = render(&outcome.draft, &outcome.remaining, from_stdin);
        let fails = fails(&outcome.remaining);
        if from_stdin {
            // The fixed draft is the output; what remains goes beside it.
            return Ok(Linted {
                stdout: outcome.draft.source,
                stderr: report,
                fails,
                ..Linted::default()
            });
        }
        let mut note = String::new();
        if outcome.draft.source.as_bytes() != bytes.as_slice() {
            simulate_edit_during_lint(input);
            write_in_place(input, &bytes, &outcome.draft.source)
                .map_err(|error| failure(Box::new(error)))?;
            note = format!(
                "{name}: applied {}\n",
                plural(outcome.applied, "fix", "fixes")
            );
        }
        return Ok(Linted {
            stdout: report,
            stderr: note,
            fails,
            ..Linted::default()
        });
    }

    let findings = ruleset.lint(&draft, &context);
    Ok(Linted {
        stdout: render(&draft, &findings, false),
        fails: fails(&findings),
        ..Linted::default()
    })
}

/// Appends to the file as another program editing it while it is linted
/// would, when `SORRYLINT_TEST_EDIT_BEFORE_WRITE` is set, so that tests can
/// check that `--fix` then writes nothing. Only debug builds have it.
#[cfg(debug_assertions)]
fn simulate_edit_during_lint(path: &Path) {
    use std::io::Write;
    if std::env::var_os("SORRYLINT_TEST_EDIT_BEFORE_WRITE").is_some()
        && let Ok(mut file) = std::fs::OpenOptions::new().append(true).open(path)
    {
        let _ = file.write_all(b"edited elsewhere\n");
    }
}

#[cfg(not(debug_assertions))]
fn simulate_edit_during_lint(_path: &Path) {}

/// Returns a unified diff from the draft to its fixed text; empty when
/// nothing changes.
fn unified_diff(name: &str, before: &str, after: &str) -> String {
    if before == after {
        return String::new();
    }
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(name, name)
        .to_string()
}

fn read_input(input: &Path, from_stdin: bool) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if from_stdin {
        if std::io::stdin().is_terminal() {
            // Without a pipe, the command would seem to hang while it waits.
            eprintln!("sorrylint: reading a draft from the terminal; end it with Ctrl-D");
        }
        std::io::stdin()
            .lock()
            .take(MAX_DRAFT_BYTES + 1)
            .read_to_end(&mut bytes)?;
    } else {
        if input.is_dir() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "it is a folder; pass the draft files in it, such as FOLDER/*.txt",
            ));
        }
        std::fs::File::open(input)?
            .take(MAX_DRAFT_BYTES + 1)
            .read_to_end(&mut bytes)?;
    }
    if bytes.len() as u64 > MAX_DRAFT_BYTES {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            "it is larger than 1 MiB, the limit for one draft; lint one message per file",
        ));
    }
    Ok(bytes)
}

/// Builds the context from flags, then front matter, then defaults.
fn resolve_context(
    ruleset: &Ruleset,
    args: &CheckArgs,
    draft: &Draft,
) -> Result<Context, Box<dyn Diagnostic + Send + Sync>> {
    let front_matter = &draft.front_matter;
    // The front matter's audience must be valid even when `--to` overrides
    // it, as an invalid `elapsed` there is, so the file stays correct.
    let in_front_matter = ruleset
        .audiences()
        .resolve(front_matter.to.as_deref())
        .map_err(|error| {
            let span = front_matter.to_span.clone().unwrap_or(0..0);
            Box::new(UnknownAudienceInDraft {
                error,
                source_code: TextSource::new(&draft.name, Arc::new(draft.source.clone())),
                span: span.into(),
            }) as Box<dyn Diagnostic + Send + Sync>
        })?;
    let audience = match args.to.as_deref() {
        // `run` checked the flag's value before reading any input.
        Some(to) => ruleset
            .audiences()
            .resolve(Some(to))
            .unwrap_or(in_front_matter),
        None => in_front_matter,
    };
    Ok(Context {
        audience,
        missed_calls: args.missed_calls.or(front_matter.missed_calls).unwrap_or(1),
        elapsed: args.elapsed.or(front_matter.elapsed),
    })
}

/// An unknown audience named in a draft's front matter.
#[derive(Debug, Error, Diagnostic)]
#[error("{error}")]
#[diagnostic(code(sorrylint::unknown_audience))]
struct UnknownAudienceInDraft {
    error: UnknownAudience,
    #[source_code]
    source_code: TextSource<Arc<String>>,
    #[label("this audience")]
    span: SourceSpan,
}
