//! Loading rule files: the only module that reads YAML.
//!
//! Loading runs in two passes. The first parses each file's top level and
//! gathers the audience groups. The second parses and compiles each rule on
//! its own, so that every problem in every file is reported at once.

mod compile;
mod embedded;
mod error;
mod raw;
mod yaml;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::audience::{Audiences, Group};
use crate::report::TextSource;
use crate::rule::{Origin, Rule};
use crate::ruleset::Ruleset;

pub use error::{InvalidRules, LoadError, RuleFileError};
pub use raw::{RawConfig as ConfigFields, RawFrontMatter as FrontMatterFields};
use yaml::PathStep;
pub use yaml::YamlError;

/// The text of one rule file.
#[derive(Clone, Debug)]
pub struct RuleSource {
    /// The path shown in messages.
    pub name: String,
    pub text: Arc<String>,
    /// 0 for the built-in files, then 1, 2, … for each `--rules` path. A
    /// rule replaces one with the same id from a lower layer.
    pub layer: usize,
}

/// Which rule files to load besides the built-in audiences.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    pub default_rules: bool,
    /// Folders (or single files) of rules, in order.
    pub paths: Vec<PathBuf>,
}

/// Loads and compiles the rules that `options` selects.
pub fn load(options: &LoadOptions) -> Result<Ruleset, LoadError> {
    let mut sources = builtin_sources(options.default_rules);
    for (index, path) in options.paths.iter().enumerate() {
        sources.extend(read_sources(path, index + 1)?);
    }
    Ok(load_sources(&sources)?)
}

/// The built-in files: the audiences always, the rules when asked.
pub fn builtin_sources(default_rules: bool) -> Vec<RuleSource> {
    let rule_files = if default_rules {
        embedded::RULE_FILES
    } else {
        &[]
    };
    std::iter::once(&embedded::AUDIENCES)
        .chain(rule_files)
        .map(|(name, text)| RuleSource {
            name: format!("embedded:rules/{name}"),
            text: Arc::new(text.to_string()),
            layer: 0,
        })
        .collect()
}

/// Reads the `.yaml` and `.yml` files of a folder, sorted by name, or a
/// single file.
pub fn read_sources(path: &Path, layer: usize) -> Result<Vec<RuleSource>, LoadError> {
    let unreadable = |error| LoadError::Unreadable {
        path: path.to_path_buf(),
        error,
    };
    let mut files = Vec::new();
    if path.is_dir() {
        for entry in std::fs::read_dir(path).map_err(unreadable)? {
            let file = entry.map_err(unreadable)?.path();
            let is_yaml = file
                .extension()
                .is_some_and(|extension| extension == "yaml" || extension == "yml");
            if is_yaml && file.is_file() {
                files.push(file);
            }
        }
        files.sort();
        if files.is_empty() {
            // A mistyped folder would otherwise load nothing and pass.
            return Err(LoadError::NoRuleFiles {
                path: path.to_path_buf(),
            });
        }
    } else {
        files.push(path.to_path_buf());
    }

    files
        .into_iter()
        .map(|file| {
            let text = std::fs::read_to_string(&file).map_err(|error| LoadError::Unreadable {
                path: file.clone(),
                error,
            })?;
            Ok(RuleSource {
                name: file.display().to_string(),
                text: Arc::new(text),
                layer,
            })
        })
        .collect()
}

/// Parses draft front matter (the YAML between the `---` lines).
pub fn parse_front_matter(text: &str) -> Result<FrontMatterFields, YamlError> {
    yaml::parse_front_matter(text)
}

/// Parses a project configuration file.
pub fn parse_config(text: &str) -> Result<ConfigFields, YamlError> {
    if text.trim().is_empty() {
        return Ok(ConfigFields::default());
    }
    yaml::parse_at(text, &[])
}

/// Returns the byte offset of item `index` of a top-level list in a
/// configuration file, such as an entry of `disable`.
pub fn config_item_offset(text: &str, key: &str, index: usize) -> Option<usize> {
    yaml::locate(text, &[PathStep::key(key), PathStep::Index(index)])
}

/// Returns the 1-based line where a rule's `id` is written.
pub fn rule_line(origin: &Origin) -> Option<usize> {
    let path = [
        PathStep::key("rules"),
        PathStep::Index(origin.index),
        PathStep::key("id"),
    ];
    yaml::locate(&origin.text, &path).map(|offset| line_of(&origin.text, offset))
}

/// Returns the 1-based line of a rule's example; `list` is `bad` or `good`.
pub fn example_line(origin: &Origin, list: &str, index: usize) -> Option<usize> {
    let path = [
        PathStep::key("rules"),
        PathStep::Index(origin.index),
        PathStep::key("examples"),
        PathStep::key(list),
        PathStep::Index(index),
    ];
    yaml::locate(&origin.text, &path).map(|offset| line_of(&origin.text, offset))
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Compiles rules from already-read files.
pub fn load_sources(sources: &[RuleSource]) -> Result<Ruleset, InvalidRules> {
    let mut errors = Vec::new();

    let mut files = Vec::new();
    for source in sources {
        match yaml::parse_file(&source.text) {
            Ok(file) => {
                if file.rules.is_none() && file.groups.is_none() && file.default_group.is_none() {
                    errors.push(file_error(
                        source,
                        Some(0),
                        "the file has no `rules` or `groups`".into(),
                        Some(
                            "a rule file starts with `rules:`, an audience file with `groups:`"
                                .into(),
                        ),
                    ));
                }
                files.push((source, file));
            }
            Err(error) => errors.push(file_error(source, error.offset, error.message, None)),
        }
    }

    let audiences = merge_audiences(&files, &mut errors);

    let mut rules: Vec<Rule> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    // Every id seen so far, compiled or not, with where it was first
    // defined, so that a duplicate is reported even when one copy is broken.
    let mut first_seen: HashMap<String, (usize, Origin)> = HashMap::new();
    for (source, file) in &files {
        let count = file.rules.as_ref().map_or(0, Vec::len);
        for index in 0..count {
            let rule_path = [PathStep::key("rules"), PathStep::Index(index)];
            let id_path = [
                rule_path[0].clone(),
                rule_path[1].clone(),
                PathStep::key("id"),
            ];
            let parsed = yaml::parse_at::<raw::RawRule>(&source.text, &rule_path);
            let id = match &parsed {
                Ok(raw) => Some(raw.id.clone()),
                // A rule that fails to parse may still have a readable id.
                Err(_) => yaml::parse_at::<String>(&source.text, &id_path).ok(),
            };
            let origin = Origin {
                file: source.name.clone(),
                text: source.text.clone(),
                index,
            };

            if let Some(id) = &id {
                if let Some((layer, first)) = first_seen.get(id)
                    && *layer == source.layer
                {
                    let message = format!(
                        "duplicate rule id '{id}': it is already defined in {} (line {})",
                        first.file,
                        rule_line(first).unwrap_or(0)
                    );
                    errors.push(path_error(
                        source,
                        &id_path,
                        message,
                        Some("rename one of the rules; ids must be unique".into()),
                    ));
                }
                first_seen.insert(id.clone(), (source.layer, origin.clone()));
            }

            let raw = match parsed {
                Ok(raw) => raw,
                Err(error) => {
                    errors.push(file_error(source, error.offset, error.message, None));
                    continue;
                }
            };
            let rule = match compile::compile_rule(raw, &audiences, origin) {
                Ok(rule) => rule,
                Err(rule_errors) => {
                    for error in rule_errors {
                        let path: Vec<PathStep> =
                            rule_path.iter().cloned().chain(error.path).collect();
                        errors.push(path_error(source, &path, error.message, error.help));
                    }
                    continue;
                }
            };

            // A rule from a later `--rules` path replaces one with its id.
            match by_id.get(&rule.id) {
                Some(&existing) => rules[existing] = rule,
                None => {
                    by_id.insert(rule.id.clone(), rules.len());
                    rules.push(rule);
                }
            }
        }
    }

    if errors.is_empty() {
        Ok(Ruleset::new(rules, audiences))
    } else {
        Err(InvalidRules { errors })
    }
}

/// Merges the groups of every file: a group defined again replaces the
/// earlier one, and the last `default-group` wins.
fn merge_audiences(
    files: &[(&RuleSource, raw::RawFile)],
    errors: &mut Vec<RuleFileError>,
) -> Audiences {
    let mut groups: Vec<(Group, &RuleSource, usize)> = Vec::new();
    let mut default_group: Option<(String, &RuleSource)> = None;

    for (source, file) in files {
        for (index, raw) in file.groups.iter().flatten().enumerate() {
            let group = Group {
                name: raw.name.clone(),
                description: raw.description.clone(),
                audiences: raw.audiences.clone(),
            };
            match groups
                .iter_mut()
                .find(|(existing, _, _)| existing.name == group.name)
            {
                Some(slot) => *slot = (group, source, index),
                None => groups.push((group, source, index)),
            }
        }
        if let Some(name) = &file.default_group {
            default_group = Some((name.clone(), source));
        }
    }

    // An audience may belong to one group only.
    let mut owner: HashMap<&str, &str> = HashMap::new();
    for (group, source, index) in &groups {
        for (position, audience) in group.audiences.iter().enumerate() {
            if let Some(first) = owner.insert(audience, &group.name)
                && first != group.name
            {
                let path = [
                    PathStep::key("groups"),
                    PathStep::Index(*index),
                    PathStep::key("audiences"),
                    PathStep::Index(position),
                ];
                errors.push(path_error(
                    source,
                    &path,
                    format!("audience '{audience}' is already in group '{first}'"),
                    Some("list each audience in one group only".into()),
                ));
            }
        }
    }

    let default_name = match default_group {
        Some((name, source)) => {
            if !groups.iter().any(|(group, _, _)| group.name == name) {
                errors.push(path_error(
                    source,
                    &[PathStep::key("default-group")],
                    format!("unknown default group '{name}'"),
                    Some("name one of the groups defined under `groups`".into()),
                ));
            }
            name
        }
        None => String::new(),
    };

    Audiences::new(
        groups.into_iter().map(|(group, _, _)| group).collect(),
        default_name,
    )
}

fn path_error(
    source: &RuleSource,
    path: &[PathStep],
    message: String,
    help: Option<String>,
) -> RuleFileError {
    // Fall back to shorter paths when the exact key is absent, such as a
    // missing `words` reported at the rule.
    let offset = (0..=path.len())
        .rev()
        .find_map(|length| yaml::locate(&source.text, &path[..length]));
    file_error(source, offset, message, help)
}

fn file_error(
    source: &RuleSource,
    offset: Option<usize>,
    message: String,
    help: Option<String>,
) -> RuleFileError {
    let offset = offset.unwrap_or(0).min(source.text.len());
    let length = source.text[offset..]
        .find('\n')
        .unwrap_or(source.text.len() - offset);
    RuleFileError {
        message,
        source_code: TextSource::new(&source.name, source.text.clone()),
        span: (offset, length).into(),
        label: "here".into(),
        help,
    }
}

/// Returns the byte offset of a top-level key's value in front matter.
pub fn front_matter_offset(text: &str, key: &str) -> Option<usize> {
    yaml::locate(text, &[PathStep::key(key)])
}
