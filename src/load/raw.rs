//! Serde types that mirror rule files exactly.
//!
//! Every struct denies unknown keys and none uses `flatten`, which would
//! lose the key name in errors. Checks that need more than one key, or
//! other files, happen when these are compiled.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, IgnoredAny, MapAccess, Visitor, value::MapAccessDeserializer};

use crate::finding::Applicability;
use crate::severity::Severity;

/// The top level of a rule file. Each rule is parsed on its own afterwards,
/// so that one broken rule does not hide the errors in the others.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawFile {
    pub rules: Option<Vec<IgnoredAny>>,
    pub groups: Option<Vec<RawGroup>>,
    pub default_group: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawGroup {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub audiences: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawRule {
    pub id: String,
    pub kind: RawKind,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub audience: Option<Vec<String>>,
    pub when: Option<RawWhen>,
    pub unless: Option<Vec<OrString<RawPattern>>>,
    pub words: Option<Vec<OrString<RawWord>>>,
    pub patterns: Option<Vec<OrString<RawPattern>>>,
    pub swap: Option<BTreeMap<String, OrString<RawSwap>>>,
    pub max: Option<usize>,
    pub min: Option<usize>,
    pub metric: Option<RawMetric>,
    pub fixes: Option<Vec<RawFix>>,
    pub examples: RawExamples,
}

/// One fix a rule offers.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawFix {
    pub title: Option<String>,
    pub replace: Option<String>,
    pub insert: Option<String>,
    pub applicability: Option<Applicability>,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum RawKind {
    Existence,
    Substitution,
    Occurrence,
    Repetition,
    Require,
    Metric,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum RawMetric {
    Words,
    Sentences,
    Characters,
    Segments,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawWhen {
    pub missed_calls: Option<RawBounds<u32>>,
    pub elapsed: Option<RawBounds<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBounds<T> {
    pub min: Option<T>,
    pub max: Option<T>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawWord {
    pub word: String,
    #[serde(default)]
    pub exact_case: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawPattern {
    pub pattern: String,
    #[serde(default)]
    pub exact_case: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawSwap {
    pub with: String,
    #[serde(default)]
    pub exact_case: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExamples {
    pub bad: Vec<OrString<RawExample>>,
    pub good: Vec<OrString<RawExample>>,
}

/// A draft with its context; the same keys as a draft's front matter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawExample {
    pub text: String,
    pub to: Option<String>,
    pub missed_calls: Option<u32>,
    pub elapsed: Option<String>,
}

/// The front matter of a draft file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawFrontMatter {
    pub to: Option<String>,
    pub missed_calls: Option<u32>,
    pub elapsed: Option<String>,
}

impl From<String> for RawWord {
    fn from(word: String) -> Self {
        RawWord {
            word,
            exact_case: false,
        }
    }
}

impl From<String> for RawPattern {
    fn from(pattern: String) -> Self {
        RawPattern {
            pattern,
            exact_case: false,
        }
    }
}

impl From<String> for RawSwap {
    fn from(with: String) -> Self {
        RawSwap {
            with,
            exact_case: false,
        }
    }
}

impl From<String> for RawExample {
    fn from(text: String) -> Self {
        RawExample {
            text,
            to: None,
            missed_calls: None,
            elapsed: None,
        }
    }
}

/// A value written either as a plain string or as a map with more keys,
/// such as `u` or `{word: u, exact-case: true}`.
#[derive(Debug)]
pub struct OrString<T>(pub T);

impl<'de, T> Deserialize<'de> for OrString<T>
where
    T: Deserialize<'de> + From<String>,
{
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OrStringVisitor(PhantomData))
    }
}

struct OrStringVisitor<T>(PhantomData<T>);

impl<'de, T> Visitor<'de> for OrStringVisitor<T>
where
    T: Deserialize<'de> + From<String>,
{
    type Value = OrString<T>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a string or a map")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(OrString(T::from(value.to_string())))
    }

    // A bare number such as `- 24` is text in a word list.
    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(OrString(T::from(value.to_string())))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(OrString(T::from(value.to_string())))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(OrString)
    }
}

/// A project configuration file (`.sorrylint.yaml`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawConfig {
    /// Folders or files of rules, relative to the configuration file.
    #[serde(default)]
    pub rules: Vec<String>,
    pub default_rules: Option<bool>,
    #[serde(default)]
    pub disable: Vec<String>,
    pub fail_level: Option<Severity>,
}
