//! `sorrylint check`: lint drafts and print findings.

use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::sync::Arc;

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use super::CheckArgs;
use super::output::{PlainError, human_options, load_rules, print_error, print_plain_error};
use crate::audience::UnknownAudience;
use crate::context::Context;
use crate::draft::Draft;
use crate::exit::ExitStatus;
use crate::report::TextSource;
use crate::report::{DraftReport, Format, render_error_json, render_human, render_json};
use crate::ruleset::Ruleset;
use crate::severity::Severity;

const STDIN_NAME: &str = "<stdin>";

pub fn run(args: &CheckArgs) -> ExitStatus {
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

    let inputs: Vec<&Path> = if args.paths.is_empty() {
        vec![Path::new("-")]
    } else {
        args.paths.iter().map(|path| path.as_path()).collect()
    };

    let mut status = ExitStatus::Clean;
    let mut stdout = std::io::stdout().lock();
    for input in inputs {
        let output = match lint_input(&ruleset, args, fail_level, input) {
            Ok(linted) => {
                if linted.fails {
                    status = status.max(ExitStatus::Findings);
                }
                linted.output
            }
            Err(failure) => {
                // The other inputs are still linted; the status records the
                // failure.
                print_error(failure.diagnostic.as_ref());
                status = ExitStatus::Error;
                match args.format {
                    Format::Json => {
                        let message = failure.diagnostic.to_string();
                        format!("{}\n", render_error_json(&failure.name, &message))
                    }
                    Format::Human => continue,
                }
            }
        };
        if stdout.write_all(output.as_bytes()).is_err() {
            // A closed pipe (such as `| head`) leaves nobody to report to.
            return ExitStatus::Error;
        }
    }
    let _ = stdout.flush();
    status
}

/// The printed report of one input, and whether it reached the failing
/// level.
struct Linted {
    output: String,
    fails: bool,
}

/// An input that could not be linted.
struct InputFailure {
    name: String,
    diagnostic: Box<dyn Diagnostic + Send + Sync>,
}

fn lint_input(
    ruleset: &Ruleset,
    args: &CheckArgs,
    fail_level: Severity,
    input: &Path,
) -> Result<Linted, InputFailure> {
    let from_stdin = input == Path::new("-");
    let name = if from_stdin {
        STDIN_NAME.to_string()
    } else {
        input.display().to_string()
    };
    let failure = |diagnostic: Box<dyn Diagnostic + Send + Sync>| InputFailure {
        name: name.clone(),
        diagnostic,
    };

    let bytes = read_input(input, from_stdin).map_err(|error| {
        failure(Box::new(PlainError {
            message: format!("cannot read {name}: {error}"),
            help: Some("check that the file exists and that you may read it".into()),
        }))
    })?;
    let draft = Draft::from_bytes(&name, bytes).map_err(|error| failure(Box::new(error)))?;
    let context = resolve_context(ruleset, args, &draft).map_err(failure)?;

    let findings = ruleset.lint(&draft, &context);
    let fails = findings
        .iter()
        .any(|finding| finding.severity >= fail_level);
    let report = DraftReport {
        draft: &draft,
        context: &context,
        findings: &findings,
    };
    let output = match args.format {
        Format::Human => render_human(&report, human_options()),
        Format::Json => format!("{}\n", render_json(&report)),
    };
    Ok(Linted { output, fails })
}

fn read_input(input: &Path, from_stdin: bool) -> std::io::Result<Vec<u8>> {
    if from_stdin {
        if std::io::stdin().is_terminal() {
            // Without a pipe, the command would seem to hang while it waits.
            eprintln!("sorrylint: reading a draft from the terminal; end it with Ctrl-D");
        }
        let mut bytes = Vec::new();
        std::io::stdin().lock().read_to_end(&mut bytes)?;
        Ok(bytes)
    } else {
        std::fs::read(input)
    }
}

/// Builds the context from flags, then front matter, then defaults.
fn resolve_context(
    ruleset: &Ruleset,
    args: &CheckArgs,
    draft: &Draft,
) -> Result<Context, Box<dyn Diagnostic + Send + Sync>> {
    let front_matter = &draft.front_matter;
    let to = args.to.as_deref().or(front_matter.to.as_deref());
    let audience = ruleset.audiences().resolve(to).map_err(|error| {
        let span = front_matter.to_span.clone().unwrap_or(0..0);
        Box::new(UnknownAudienceInDraft {
            error,
            source_code: TextSource::new(&draft.name, Arc::new(draft.source.clone())),
            span: span.into(),
        }) as Box<dyn Diagnostic + Send + Sync>
    })?;
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
