//! Audiences (who the reply goes to) and the groups they belong to.
//!
//! The names and groups come from YAML (see `rules/audiences.yaml`), so the
//! code only knows how to resolve them, never which ones exist.

use std::collections::BTreeSet;

/// A named set of audiences, such as `professional`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    pub description: String,
    pub audiences: Vec<String>,
}

/// Every known audience and group, and the group to assume when a draft
/// names no audience.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Audiences {
    groups: Vec<Group>,
    default_group: String,
}

/// The audience a draft is linted for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Audience {
    /// The audience given with `--to` or front matter; `None` when the draft
    /// named none and the default group stands in.
    pub name: Option<String>,
    pub group: String,
    /// The audience names this stands for: the one named, or every member
    /// of the default group.
    pub members: Vec<String>,
}

impl Audience {
    /// The text shown in reports, such as `client (professional)` or
    /// `none given, linted as professional`.
    pub fn describe(&self) -> String {
        match &self.name {
            Some(name) => format!("{name} ({})", self.group),
            None => format!("none given, linted as {}", self.group),
        }
    }
}

impl Audiences {
    pub fn new(groups: Vec<Group>, default_group: String) -> Self {
        Audiences {
            groups,
            default_group,
        }
    }

    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    pub fn default_group(&self) -> &str {
        &self.default_group
    }

    pub fn group(&self, name: &str) -> Option<&Group> {
        self.groups.iter().find(|group| group.name == name)
    }

    /// Returns the group an audience name belongs to.
    pub fn group_of(&self, audience: &str) -> Option<&Group> {
        self.groups
            .iter()
            .find(|group| group.audiences.iter().any(|name| name == audience))
    }

    /// Every audience name, sorted.
    pub fn audience_names(&self) -> BTreeSet<&str> {
        self.groups
            .iter()
            .flat_map(|group| group.audiences.iter().map(String::as_str))
            .collect()
    }

    /// Expands a list of group and audience names into audience names.
    /// Returns the first entry that is neither.
    pub fn expand<'a>(
        &self,
        entries: impl IntoIterator<Item = &'a str>,
    ) -> Result<BTreeSet<String>, &'a str> {
        let mut names = BTreeSet::new();
        for entry in entries {
            if let Some(group) = self.group(entry) {
                names.extend(group.audiences.iter().cloned());
            } else if self.group_of(entry).is_some() {
                names.insert(entry.to_string());
            } else {
                return Err(entry);
            }
        }
        Ok(names)
    }

    /// Resolves an audience or a whole group, as a rule's examples name
    /// them. A group stands for all of its members.
    pub fn resolve_entry(&self, entry: &str) -> Result<Audience, UnknownAudience> {
        match self.group(entry) {
            Some(group) => Ok(Audience {
                name: None,
                group: group.name.clone(),
                members: group.audiences.clone(),
            }),
            None => self.resolve(Some(entry)),
        }
    }

    /// Resolves the audience for a draft. `None` stands for the default
    /// group, the strictest one.
    pub fn resolve(&self, name: Option<&str>) -> Result<Audience, UnknownAudience> {
        match name {
            Some(name) => {
                let group = self.group_of(name).ok_or_else(|| UnknownAudience {
                    name: name.to_string(),
                    known: self
                        .audience_names()
                        .into_iter()
                        .map(String::from)
                        .collect(),
                })?;
                Ok(Audience {
                    name: Some(name.to_string()),
                    group: group.name.clone(),
                    members: vec![name.to_string()],
                })
            }
            None => {
                let members = self
                    .group(&self.default_group)
                    .map(|group| group.audiences.clone())
                    .unwrap_or_default();
                Ok(Audience {
                    name: None,
                    group: self.default_group.clone(),
                    members,
                })
            }
        }
    }
}

/// The error for an audience name that no group lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownAudience {
    pub name: String,
    pub known: Vec<String>,
}

impl std::fmt::Display for UnknownAudience {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown audience '{}'", self.name)?;
        let closest = self
            .known
            .iter()
            .map(|known| (strsim::levenshtein(&self.name, known), known))
            .filter(|(distance, known)| *distance <= known.len().max(self.name.len()) / 2)
            .min();
        if let Some((_, closest)) = closest {
            write!(f, " (did you mean '{closest}'?)")?;
        }
        write!(f, ": use one of {}", self.known.join(", "))
    }
}

impl std::error::Error for UnknownAudience {}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Audiences {
        Audiences::new(
            vec![
                Group {
                    name: "professional".into(),
                    description: String::new(),
                    audiences: vec!["client".into(), "boss".into()],
                },
                Group {
                    name: "personal".into(),
                    description: String::new(),
                    audiences: vec!["friend".into()],
                },
            ],
            "professional".into(),
        )
    }

    #[test]
    fn resolves_named_audience_to_its_group() {
        let audience = sample().resolve(Some("friend")).unwrap();
        assert_eq!(audience.group, "personal");
        assert_eq!(audience.members, vec!["friend"]);
    }

    #[test]
    fn missing_audience_stands_for_default_group() {
        let audience = sample().resolve(None).unwrap();
        assert_eq!(audience.name, None);
        assert_eq!(audience.group, "professional");
        assert_eq!(audience.members, vec!["client", "boss"]);
    }

    #[test]
    fn unknown_audience_lists_known_names() {
        let error = sample().resolve(Some("cat")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "unknown audience 'cat': use one of boss, client, friend"
        );
        assert_eq!(
            sample().resolve(Some("cliant")).unwrap_err().to_string(),
            "unknown audience 'cliant' (did you mean 'client'?): use one of boss, client, friend"
        );
    }

    #[test]
    fn expand_mixes_groups_and_names() {
        let names = sample().expand(["personal", "boss"]).unwrap();
        assert_eq!(
            names.into_iter().collect::<Vec<_>>(),
            vec!["boss", "friend"]
        );
        assert_eq!(sample().expand(["strangers"]).unwrap_err(), "strangers");
    }
}
