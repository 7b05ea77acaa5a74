//! Every call into serde_yaml. The crate is no longer maintained, so it
//! stays behind these few functions and can be replaced in one place.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor,
};

use super::raw::{RawFile, RawFrontMatter};

/// One step of a path into a YAML document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathStep {
    Key(String),
    Index(usize),
}

impl PathStep {
    pub fn key(key: &str) -> Self {
        PathStep::Key(key.to_string())
    }
}

/// A YAML error, with the byte offset it points at when known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    pub offset: Option<usize>,
}

impl From<serde_yaml::Error> for YamlError {
    fn from(error: serde_yaml::Error) -> Self {
        let offset = error.location().map(|location| location.index());
        let mut message = error.to_string();
        // The location is shown as a label, so drop it from the text.
        if offset.is_some()
            && let Some(at) = message.rfind(" at line ")
        {
            message.truncate(at);
        }
        YamlError {
            message: plain_type_names(&message),
            offset,
        }
    }
}

/// Replaces the Rust type names serde puts in its messages with the words
/// a rule author knows.
fn plain_type_names(message: &str) -> String {
    let mut message = message
        .replace(
            "expected u32",
            "expected a whole number from 0 to 4294967295",
        )
        .replace("expected usize", "expected a whole number")
        .replace("expected u64", "expected a whole number")
        .replace("expected a boolean", "expected true or false")
        // serde names the type it read a number that fits no other as.
        .replace("` as u128,", "`,")
        .replace("` as i128,", "`,");
    let prefix = "expected struct ";
    while let Some(start) = message.find("expected struct Raw") {
        let name_start = start + prefix.len();
        let name_end = message[name_start..]
            .find(|c: char| !c.is_alphanumeric())
            .map_or(message.len(), |length| name_start + length);
        message.replace_range(start..name_end, "expected a map of keys");
    }
    message
}

/// Parses the top level of a rule file.
pub fn parse_file(text: &str) -> Result<RawFile, YamlError> {
    Ok(serde_yaml::from_str(text)?)
}

/// Parses draft front matter.
pub fn parse_front_matter(text: &str) -> Result<RawFrontMatter, YamlError> {
    if text.trim().is_empty() {
        return Ok(RawFrontMatter::default());
    }
    Ok(serde_yaml::from_str(text)?)
}

/// Parses the value at `path` in the document, with error locations
/// relative to the whole document.
pub fn parse_at<T: DeserializeOwned>(text: &str, path: &[PathStep]) -> Result<T, YamlError> {
    let deserializer = serde_yaml::Deserializer::from_str(text);
    Ok(AtPath {
        path,
        target: PhantomData,
    }
    .deserialize(deserializer)?)
}

/// Returns the byte offset of the value at `path`, if the path exists.
pub fn locate(text: &str, path: &[PathStep]) -> Option<usize> {
    let deserializer = serde_yaml::Deserializer::from_str(text);
    let outcome = AtPath::<Located> {
        path,
        target: PhantomData,
    }
    .deserialize(deserializer);
    match outcome {
        // The marker error carries the position of the value it stopped at.
        Err(error) if error.to_string().contains(LOCATED) => {
            error.location().map(|location| location.index())
        }
        _ => None,
    }
}

const LOCATED: &str = "located";

/// A value that stops parsing where it starts, so that the error carries
/// its position.
struct Located;

impl<'de> de::Deserialize<'de> for Located {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LocatedVisitor)
    }
}

struct LocatedVisitor;

impl<'de> Visitor<'de> for LocatedVisitor {
    type Value = Located;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Located, E> {
        Err(E::custom(LOCATED))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Located, E> {
        Err(E::custom(LOCATED))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Located, E> {
        Err(E::custom(LOCATED))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Located, E> {
        Err(E::custom(LOCATED))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Located, E> {
        Err(E::custom(LOCATED))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Located, E> {
        Err(E::custom(LOCATED))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Located, A::Error> {
        Err(de::Error::custom(LOCATED))
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Located, A::Error> {
        Err(de::Error::custom(LOCATED))
    }
}

/// Deserializes the value at `path` and skips everything else.
struct AtPath<'p, T> {
    path: &'p [PathStep],
    target: PhantomData<T>,
}

impl<'de, T: de::Deserialize<'de>> DeserializeSeed<'de> for AtPath<'_, T> {
    type Value = T;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        match self.path.split_first() {
            None => T::deserialize(deserializer),
            Some((step, rest)) => deserializer.deserialize_any(StepVisitor {
                step,
                rest,
                target: PhantomData,
            }),
        }
    }
}

struct StepVisitor<'p, T> {
    step: &'p PathStep,
    rest: &'p [PathStep],
    target: PhantomData<T>,
}

impl<'de, T: de::Deserialize<'de>> Visitor<'de> for StepVisitor<'_, T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        match self.step {
            PathStep::Key(key) => write!(formatter, "a map with the key `{key}`"),
            PathStep::Index(index) => write!(formatter, "a list with an item {index}"),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let PathStep::Key(wanted) = self.step else {
            return Err(de::Error::invalid_type(de::Unexpected::Map, &self));
        };
        let mut found = None;
        while let Some(key) = map.next_key::<String>()? {
            if found.is_none() && key == *wanted {
                found = Some(map.next_value_seed(AtPath {
                    path: self.rest,
                    target: PhantomData,
                })?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        found.ok_or_else(|| de::Error::missing_field("path step"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<T, A::Error> {
        let PathStep::Index(wanted) = self.step else {
            return Err(de::Error::invalid_type(de::Unexpected::Seq, &self));
        };
        let mut found = None;
        let mut index = 0;
        loop {
            if index == *wanted {
                match seq.next_element_seed(AtPath {
                    path: self.rest,
                    target: PhantomData,
                })? {
                    Some(value) => found = Some(value),
                    None => break,
                }
            } else if seq.next_element::<IgnoredAny>()?.is_none() {
                break;
            }
            index += 1;
        }
        found.ok_or_else(|| de::Error::invalid_length(index, &self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_no_rust_types() {
        assert_eq!(
            plain_type_names("invalid type: string \"x\", expected struct RawFrontMatter"),
            "invalid type: string \"x\", expected a map of keys"
        );
        assert_eq!(
            plain_type_names("invalid type: string \"no\", expected a boolean"),
            "invalid type: string \"no\", expected true or false"
        );
        assert_eq!(
            plain_type_names("expected usize"),
            "expected a whole number"
        );
        assert_eq!(
            plain_type_names("invalid type: integer `99999999999999999999` as u128, expected u32"),
            "invalid type: integer `99999999999999999999`, expected a whole number from 0 to 4294967295"
        );
    }
    use crate::load::raw::RawRule;

    const FILE: &str =
        "rules:\n  - id: a/b\n    kind: existence\n  - id: c/d\n    kind: nonsense\n";

    #[test]
    fn locate_finds_nested_values() {
        let path = [
            PathStep::key("rules"),
            PathStep::Index(1),
            PathStep::key("kind"),
        ];
        let offset = locate(FILE, &path).unwrap();
        assert!(FILE[offset..].starts_with("nonsense"));
        assert_eq!(locate(FILE, &[PathStep::key("missing")]), None);
    }

    #[test]
    fn parse_at_reports_errors_with_document_offsets() {
        let error =
            parse_at::<RawRule>(FILE, &[PathStep::key("rules"), PathStep::Index(1)]).unwrap_err();
        assert!(
            error.message.contains("unknown variant `nonsense`"),
            "{}",
            error.message
        );
        let offset = error.offset.unwrap();
        assert!(FILE[offset..].starts_with("nonsense"), "offset {offset}");
    }

    #[test]
    fn offsets_are_bytes_after_multibyte_text() {
        let text = "a: \"’’’\"\nb: x\n";
        let offset = locate(text, &[PathStep::key("b")]).unwrap();
        assert_eq!(&text[offset..offset + 1], "x");
    }
}
