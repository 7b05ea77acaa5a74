//! Turns raw rules into compiled ones, collecting every problem.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::raw::{OrString, RawBounds, RawExample, RawKind, RawMetric, RawRule, RawWhen};
use super::yaml::PathStep;
use crate::audience::Audiences;
use crate::duration::Elapsed;
use crate::finding::Applicability;
use crate::rule::kinds::{
    Existence, Metric, MetricName, Occurrence, Repetition, Require, Substitution,
};
use crate::rule::{
    Bounds, Check, Conditions, EntrySpec, Example, Examples, FixAction, FixSpec, Kind, Matcher,
    Origin, Rule, Template,
};

/// A problem in one rule, at a path relative to the rule.
#[derive(Debug)]
pub struct RuleError {
    pub path: Vec<PathStep>,
    pub message: String,
    pub help: Option<String>,
}

impl RuleError {
    fn at(path: &[&str], message: impl Into<String>) -> Self {
        RuleError {
            path: path.iter().map(|key| PathStep::key(key)).collect(),
            message: message.into(),
            help: None,
        }
    }

    fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

static RULE_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$").expect("id pattern is valid")
});

/// Compiles one rule.
pub fn compile_rule(
    raw: RawRule,
    audiences: &Audiences,
    origin: Origin,
) -> Result<Rule, Vec<RuleError>> {
    let mut errors = Vec::new();
    let kind = kind_of(raw.kind);

    if !RULE_ID.is_match(&raw.id) {
        errors.push(
            RuleError::at(&["id"], format!("invalid rule id '{}'", raw.id))
                .with_help("write the id as group/name in lowercase kebab-case, such as txt-speak/abbreviation"),
        );
    }

    check_keys(&raw, kind, &mut errors);

    let message = Template::parse(&raw.message, kind.placeholders())
        .map_err(|message| errors.push(RuleError::at(&["message"], message)))
        .ok();

    let audience = raw.audience.clone().unwrap_or_default();
    let audience_names = if audience.is_empty() {
        None
    } else {
        match audiences.expand(audience.iter().map(String::as_str)) {
            Ok(names) => Some(names),
            Err(unknown) => {
                let index = audience
                    .iter()
                    .position(|entry| entry == unknown)
                    .unwrap_or(0);
                errors.push(RuleError {
                    path: vec![PathStep::key("audience"), PathStep::Index(index)],
                    message: format!("unknown audience or group '{unknown}'"),
                    help: Some(known_audiences(audiences)),
                });
                None
            }
        }
    };

    let when = compile_when(raw.when.as_ref(), &mut errors);
    let unless = raw.unless.as_ref().and_then(|unless| {
        let patterns = entries_of(unless, |pattern| (&pattern.pattern, pattern.exact_case));
        compile_matcher(&[], &patterns, "unless", &mut errors)
    });
    let check = compile_check(&raw, kind, &mut errors);
    let fixes = compile_fixes(&raw, kind, &mut errors);
    let examples = compile_examples(&raw, audiences, &mut errors);

    match (errors.is_empty(), message, check) {
        (true, Some(message), Some(check)) => Ok(Rule {
            id: raw.id,
            kind,
            severity: raw.severity,
            message,
            help: raw.help,
            audience,
            audience_names,
            when,
            unless,
            check,
            fixes,
            examples,
            origin,
        }),
        _ => Err(errors),
    }
}

fn kind_of(raw: RawKind) -> Kind {
    match raw {
        RawKind::Existence => Kind::Existence,
        RawKind::Substitution => Kind::Substitution,
        RawKind::Occurrence => Kind::Occurrence,
        RawKind::Repetition => Kind::Repetition,
        RawKind::Require => Kind::Require,
        RawKind::Metric => Kind::Metric,
    }
}

fn known_audiences(audiences: &Audiences) -> String {
    let groups: Vec<&str> = audiences
        .groups()
        .iter()
        .map(|group| group.name.as_str())
        .collect();
    let names: Vec<&str> = audiences.audience_names().into_iter().collect();
    format!(
        "use a group ({}) or an audience ({})",
        groups.join(", "),
        names.join(", ")
    )
}

/// Reports kind-specific keys that this kind does not use, and required
/// ones that are missing.
fn check_keys(raw: &RawRule, kind: Kind, errors: &mut Vec<RuleError>) {
    let present = [
        ("words", raw.words.is_some()),
        ("patterns", raw.patterns.is_some()),
        ("swap", raw.swap.is_some()),
        ("max", raw.max.is_some()),
        ("min", raw.min.is_some()),
        ("metric", raw.metric.is_some()),
    ];
    let allowed: &[&str] = match kind {
        Kind::Existence | Kind::Require => &["words", "patterns"],
        Kind::Substitution => &["swap"],
        Kind::Occurrence => &["words", "patterns", "max", "min"],
        Kind::Repetition => &["words"],
        Kind::Metric => &["metric", "max", "min"],
    };
    for (key, is_present) in present {
        if is_present && !allowed.contains(&key) {
            errors.push(
                RuleError::at(
                    &[key],
                    format!("key `{key}` is not used by {}", a_kind_rule(kind)),
                )
                .with_help(format!(
                    "remove it; {} takes {}",
                    a_kind_rule(kind),
                    keys_list(allowed)
                )),
            );
        }
    }

    let has_entries = !raw.words.as_ref().is_none_or(Vec::is_empty)
        || !raw.patterns.as_ref().is_none_or(Vec::is_empty);
    let has_bound = raw.max.is_some() || raw.min.is_some();
    let missing = match kind {
        Kind::Existence | Kind::Require | Kind::Occurrence if !has_entries => {
            Some("`words` or `patterns` with at least one entry")
        }
        Kind::Substitution if raw.swap.as_ref().is_none_or(|swap| swap.is_empty()) => {
            Some("`swap` with at least one entry")
        }
        Kind::Metric if raw.metric.is_none() => Some("`metric`"),
        _ => None,
    };
    if let Some(missing) = missing {
        errors.push(RuleError::at(
            &["kind"],
            format!("{} needs {missing}", a_kind_rule(kind)),
        ));
    }
    if matches!(kind, Kind::Occurrence | Kind::Metric) && !has_bound {
        errors.push(RuleError::at(
            &["kind"],
            format!("{} needs `max`, `min` or both", a_kind_rule(kind)),
        ));
    }
    if let (Some(min), Some(max)) = (raw.min, raw.max)
        && min > max
    {
        errors.push(RuleError::at(
            &["min"],
            format!("min ({min}) is greater than max ({max})"),
        ));
    }
}

/// "an existence rule", "a metric rule".
fn a_kind_rule(kind: Kind) -> String {
    let article = if kind.name().starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {kind} rule")
}

fn keys_list(keys: &[&str]) -> String {
    keys.iter()
        .map(|key| format!("`{key}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn entries_of<T>(
    entries: &[OrString<T>],
    fields: impl Fn(&T) -> (&String, bool),
) -> Vec<EntrySpec> {
    entries
        .iter()
        .map(|OrString(entry)| {
            let (text, exact_case) = fields(entry);
            EntrySpec {
                text: text.clone(),
                exact_case,
            }
        })
        .collect()
}

/// Compiles entries, reporting errors under `key` (or under `words` and
/// `patterns` when `key` is empty).
fn compile_matcher(
    words: &[EntrySpec],
    patterns: &[EntrySpec],
    key: &str,
    errors: &mut Vec<RuleError>,
) -> Option<Matcher> {
    match Matcher::compile(words, patterns) {
        Ok(matcher) => Some(matcher),
        Err(entry_errors) => {
            for error in entry_errors {
                let list_key = if key.is_empty() {
                    error.list.key()
                } else {
                    key
                };
                errors.push(RuleError {
                    path: vec![PathStep::key(list_key), PathStep::Index(error.index)],
                    message: error.message,
                    help: None,
                });
            }
            None
        }
    }
}

fn compile_check(raw: &RawRule, kind: Kind, errors: &mut Vec<RuleError>) -> Option<Box<dyn Check>> {
    let words = raw
        .words
        .as_deref()
        .map(|words| entries_of(words, |word| (&word.word, word.exact_case)))
        .unwrap_or_default();
    let patterns = raw
        .patterns
        .as_deref()
        .map(|patterns| entries_of(patterns, |pattern| (&pattern.pattern, pattern.exact_case)))
        .unwrap_or_default();
    let bounds = Bounds {
        min: raw.min,
        max: raw.max,
    };

    let check: Box<dyn Check> = match kind {
        Kind::Existence => Box::new(Existence::new(compile_matcher(
            &words, &patterns, "", errors,
        )?)),
        Kind::Require => Box::new(Require::new(compile_matcher(
            &words, &patterns, "", errors,
        )?)),
        Kind::Occurrence => Box::new(Occurrence::new(
            compile_matcher(&words, &patterns, "", errors)?,
            bounds,
        )),
        Kind::Substitution => Box::new(compile_substitution(raw, errors)?),
        Kind::Repetition => Box::new(compile_repetition(raw, &words, errors)?),
        Kind::Metric => {
            let metric = match raw.metric? {
                RawMetric::Words => MetricName::Words,
                RawMetric::Sentences => MetricName::Sentences,
                RawMetric::Characters => MetricName::Characters,
                RawMetric::Segments => MetricName::Segments,
            };
            Box::new(Metric::new(metric, bounds))
        }
    };
    Some(check)
}

/// Compiles a substitution's `swap` map into word entries and their
/// replacements.
fn compile_substitution(raw: &RawRule, errors: &mut Vec<RuleError>) -> Option<Substitution> {
    let swap = raw.swap.as_ref()?;
    let (bad, replacements): (Vec<EntrySpec>, Vec<String>) = swap
        .iter()
        .map(|(bad, OrString(swap))| {
            let spec = EntrySpec {
                text: bad.clone(),
                exact_case: swap.exact_case,
            };
            (spec, swap.with.clone())
        })
        .unzip();
    let mut valid = true;
    for (spec, replacement) in bad.iter().zip(&replacements) {
        if !spec.exact_case && spec.text.to_lowercase() == replacement.to_lowercase() {
            valid = false;
            errors.push(RuleError {
                path: vec![PathStep::key("swap"), PathStep::key(&spec.text)],
                message: format!(
                    "'{}' differs from its replacement '{replacement}' only in case, so the rule would flag the correct spelling too",
                    spec.text
                ),
                help: Some(format!(
                    "write it as `{}: {{with: \"{replacement}\", exact-case: true}}`",
                    spec.text
                )),
            });
        }
    }
    if !valid {
        return None;
    }
    let matcher = match Matcher::compile(&bad, &[]) {
        Ok(matcher) => matcher,
        Err(entry_errors) => {
            for error in entry_errors {
                errors.push(RuleError {
                    path: vec![PathStep::key("swap"), PathStep::key(&bad[error.index].text)],
                    message: error.message,
                    help: None,
                });
            }
            return None;
        }
    };
    Some(Substitution::new(matcher, replacements))
}

/// Compiles a repetition rule, whose `words` must be single words.
fn compile_repetition(
    raw: &RawRule,
    words: &[EntrySpec],
    errors: &mut Vec<RuleError>,
) -> Option<Repetition> {
    let mut valid = true;
    for (index, word) in words.iter().enumerate() {
        let problem = if word.exact_case {
            Some("a repetition rule compares words in any case, so `exact-case` is not supported")
        } else if !is_single_word(&word.text) {
            Some(
                "a repetition rule counts single words: write one word without spaces or punctuation",
            )
        } else {
            None
        };
        if let Some(problem) = problem {
            valid = false;
            errors.push(RuleError {
                path: vec![PathStep::key("words"), PathStep::Index(index)],
                message: format!("invalid entry '{}': {problem}", word.text),
                help: None,
            });
        }
    }
    if !valid {
        return None;
    }
    let only: Option<HashSet<String>> = raw.words.as_ref().map(|_| {
        // Drafts are compared after normalization, so an entry written
        // with a curly apostrophe must be normalized the same way.
        words
            .iter()
            .map(|word| crate::text::normalize(&word.text).0.to_lowercase())
            .collect()
    });
    Some(Repetition::new(only))
}

fn is_single_word(text: &str) -> bool {
    let words = crate::text::split_words(text, |_| false);
    words.len() == 1 && words[0].range == (0..text.len())
}

/// Compiles the `fixes` list. Substitution and repetition rules offer
/// their own replacement, safe unless the rule says otherwise.
fn compile_fixes(raw: &RawRule, kind: Kind, errors: &mut Vec<RuleError>) -> Vec<FixSpec> {
    let default_title = match kind {
        Kind::Substitution => Some("Write '{replacement}'"),
        Kind::Repetition => Some("Keep one '{word}'"),
        _ => None,
    };
    let Some(raw_fixes) = &raw.fixes else {
        return default_title
            .map(|title| FixSpec {
                title: Template::parse(title, &fix_placeholders(kind))
                    .expect("default title is valid"),
                applicability: Applicability::Safe,
                action: FixAction::Propose,
            })
            .into_iter()
            .collect();
    };

    let mut specs = Vec::new();
    let placeholders = fix_placeholders(kind);
    for (index, fix) in raw_fixes.iter().enumerate() {
        let at = |key: &str| RuleError {
            path: vec![
                PathStep::key("fixes"),
                PathStep::Index(index),
                PathStep::key(key),
            ],
            message: String::new(),
            help: None,
        };
        let error = |key: &str, message: String| RuleError { message, ..at(key) };

        let action = match (kind, &fix.replace, &fix.insert) {
            (Kind::Metric, _, _) => {
                errors.push(error(
                    "title",
                    "a metric rule cannot offer fixes: remove `fixes`".into(),
                ));
                continue;
            }
            (Kind::Substitution | Kind::Repetition, None, None) => FixAction::Propose,
            (Kind::Substitution | Kind::Repetition, _, _) => {
                errors.push(error(
                    if fix.replace.is_some() {
                        "replace"
                    } else {
                        "insert"
                    },
                    format!(
                        "{} works out its own replacement: give only `title` and `applicability`",
                        a_kind_rule(kind)
                    ),
                ));
                continue;
            }
            (Kind::Require, None, Some(insert)) if !insert.trim().is_empty() => {
                FixAction::Insert(insert.clone())
            }
            (Kind::Require, _, _) => {
                errors.push(error("insert", "a require rule's fix needs `insert`: the text to add at the end of the draft, and no `replace`".into()));
                continue;
            }
            (_, Some(replace), None) => FixAction::Replace(replace.clone()),
            (_, _, _) => {
                errors.push(error(
                    "replace",
                    format!("{}'s fix needs `replace`: the text to write in place of the match (empty to remove it), and no `insert`", a_kind_rule(kind)),
                ));
                continue;
            }
        };

        let title_text = match (&fix.title, default_title) {
            (Some(title), _) if !title.trim().is_empty() => title.as_str(),
            (None, Some(default)) => default,
            _ => {
                errors.push(error("title", "missing fix `title`: say in the imperative what the fix does, such as \"Ask who is calling\"".into()));
                continue;
            }
        };
        let title = match Template::parse(title_text, &placeholders) {
            Ok(title) => title,
            Err(message) => {
                errors.push(error("title", message));
                continue;
            }
        };

        let default_applicability = if matches!(action, FixAction::Propose) {
            Applicability::Safe
        } else {
            Applicability::Suggested
        };
        let applicability = fix.applicability.unwrap_or(default_applicability);
        if index > 0 && applicability == Applicability::Safe {
            errors.push(RuleError {
                help: Some("mark it `applicability: suggested`, or move it first".into()),
                ..error("applicability", "only the first fix of a rule may be safe, because `--fix` applies the first one".into())
            });
            continue;
        }
        specs.push(FixSpec {
            title,
            applicability,
            action,
        });
    }
    if matches!(kind, Kind::Substitution | Kind::Repetition) && raw_fixes.len() > 1 {
        errors.push(RuleError::at(
            &["fixes"],
            format!(
                "{} has one replacement, so it takes at most one fix",
                a_kind_rule(kind)
            ),
        ));
    }
    specs
}

/// The placeholders a fix title may use: the kind's and `{replacement}`.
fn fix_placeholders(kind: Kind) -> Vec<&'static str> {
    let mut names = kind.placeholders().to_vec();
    if !names.contains(&"replacement") {
        names.push("replacement");
    }
    names
}

fn compile_when(raw: Option<&RawWhen>, errors: &mut Vec<RuleError>) -> Conditions {
    let Some(raw) = raw else {
        return Conditions::default();
    };
    let missed_calls = raw.missed_calls.as_ref().map(|bounds| {
        if let (Some(min), Some(max)) = (bounds.min, bounds.max)
            && min > max
        {
            errors.push(RuleError::at(
                &["when", "missed-calls"],
                format!("min ({min}) is greater than max ({max})"),
            ));
        }
        Bounds {
            min: bounds.min,
            max: bounds.max,
        }
    });
    let elapsed = raw
        .elapsed
        .as_ref()
        .map(|bounds| compile_elapsed(bounds, errors));
    Conditions {
        missed_calls,
        elapsed,
    }
}

fn compile_elapsed(raw: &RawBounds<String>, errors: &mut Vec<RuleError>) -> Bounds<Elapsed> {
    let mut parse = |key: &str, value: &Option<String>| -> Option<Elapsed> {
        let value = value.as_ref()?;
        value
            .parse()
            .map_err(|error: crate::duration::InvalidDuration| {
                errors.push(RuleError::at(&["when", "elapsed", key], error.to_string()));
            })
            .ok()
    };
    let bounds = Bounds {
        min: parse("min", &raw.min),
        max: parse("max", &raw.max),
    };
    if let (Some(min), Some(max)) = (bounds.min, bounds.max)
        && min > max
    {
        errors.push(RuleError::at(
            &["when", "elapsed"],
            format!("min ({min}) is greater than max ({max})"),
        ));
    }
    bounds
}

fn compile_examples(raw: &RawRule, audiences: &Audiences, errors: &mut Vec<RuleError>) -> Examples {
    let mut compile_list = |key: &str, list: &[OrString<RawExample>]| {
        let mut examples = Vec::new();
        for (index, OrString(example)) in list.iter().enumerate() {
            let path = |field: &str| {
                vec![
                    PathStep::key("examples"),
                    PathStep::key(key),
                    PathStep::Index(index),
                    PathStep::key(field),
                ]
            };
            if let Some(to) = &example.to
                && audiences.group_of(to).is_none()
                && audiences.group(to).is_none()
            {
                errors.push(RuleError {
                    path: path("to"),
                    message: format!("unknown audience '{to}' in example"),
                    help: Some(known_audiences(audiences)),
                });
            }
            let elapsed = match example.elapsed.as_deref().map(str::parse::<Elapsed>) {
                Some(Err(error)) => {
                    errors.push(RuleError {
                        path: path("elapsed"),
                        message: error.to_string(),
                        help: None,
                    });
                    None
                }
                Some(Ok(elapsed)) => Some(elapsed),
                None => None,
            };
            examples.push(Example {
                text: example.text.clone(),
                to: example.to.clone(),
                missed_calls: example.missed_calls,
                elapsed,
            });
        }
        examples
    };
    let bad = compile_list("bad", &raw.examples.bad);
    let good = compile_list("good", &raw.examples.good);
    Examples { bad, good }
}
