//! Word and pattern entries, compiled once when rules load.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use regex::{Regex, RegexBuilder};
use unicode_segmentation::UnicodeSegmentation;

use crate::text::{Text, normalize};

/// An entry as a rule file gives it: the text and whether case matters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntrySpec {
    pub text: String,
    pub exact_case: bool,
}

/// Which list of a rule an entry came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryList {
    Words,
    Patterns,
}

impl EntryList {
    pub fn key(self) -> &'static str {
        match self {
            EntryList::Words => "words",
            EntryList::Patterns => "patterns",
        }
    }
}

/// A problem with one entry, found while compiling it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryError {
    pub list: EntryList,
    pub index: usize,
    pub message: String,
}

/// One match of an entry, in normalized offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryMatch {
    pub range: Range<usize>,
    pub list: EntryList,
    pub index: usize,
    /// Where the whole pattern match starts, which differs from
    /// `range.start` when a `match` group narrows the range.
    pub match_start: usize,
}

/// The compiled words and patterns of one rule.
#[derive(Debug, Default)]
pub struct Matcher {
    words: Vec<WordEntry>,
    /// Word entries by their first word, lowercased.
    words_by_first: HashMap<String, Vec<usize>>,
    patterns: Vec<Pattern>,
}

/// A compiled pattern entry. When the pattern has a group named `match`,
/// only that group is reported, so context around it can be required
/// without being underlined.
#[derive(Debug)]
struct Pattern {
    regex: Regex,
    match_group: Option<usize>,
}

/// The name of the capture group that narrows a pattern's reported range.
pub const MATCH_GROUP: &str = "match";

/// A word or phrase, split the way drafts are split: text before the first
/// word, the words, what separates them, and text after the last word.
#[derive(Debug)]
struct WordEntry {
    prefix: String,
    words: Vec<String>,
    gaps: Vec<Gap>,
    suffix: String,
    exact_case: bool,
}

#[derive(Debug, PartialEq, Eq)]
enum Gap {
    /// Whitespace in the entry matches any run of whitespace.
    Whitespace,
    /// Anything else must appear exactly.
    Literal(String),
}

impl Matcher {
    /// Compiles word and pattern entries. Returns every invalid entry.
    pub fn compile(words: &[EntrySpec], patterns: &[EntrySpec]) -> Result<Self, Vec<EntryError>> {
        let mut matcher = Matcher::default();
        let mut errors = Vec::new();

        for (index, spec) in words.iter().enumerate() {
            match WordEntry::compile(spec) {
                Ok(entry) => {
                    let first = entry.words[0].to_lowercase();
                    matcher.words_by_first.entry(first).or_default().push(index);
                    matcher.words.push(entry);
                }
                Err(message) => errors.push(EntryError {
                    list: EntryList::Words,
                    index,
                    message,
                }),
            }
        }

        for (index, spec) in patterns.iter().enumerate() {
            match compile_pattern(spec) {
                Ok(regex) => {
                    let match_group = regex
                        .capture_names()
                        .position(|name| name == Some(MATCH_GROUP));
                    matcher.patterns.push(Pattern { regex, match_group });
                }
                Err(message) => errors.push(EntryError {
                    list: EntryList::Patterns,
                    index,
                    message,
                }),
            }
        }

        if errors.is_empty() {
            Ok(matcher)
        } else {
            Err(errors)
        }
    }

    /// Finds every match in the draft, without overlaps: where two matches
    /// overlap, the longer one stays, then the earlier one.
    pub fn find_all(&self, text: &Text) -> Vec<EntryMatch> {
        let mut candidates = self.find_candidates(text, false);
        candidates.sort_by_key(|found| (std::cmp::Reverse(found.range.len()), found.range.start));
        // Kept matches never overlap, so among those starting before a
        // candidate ends, the one starting last also ends last: it is the
        // only one to check.
        let mut kept: BTreeMap<usize, EntryMatch> = BTreeMap::new();
        for found in candidates {
            let overlaps = kept
                .range(..found.range.end)
                .next_back()
                .is_some_and(|(_, other)| other.range.end > found.range.start);
            if !overlaps {
                kept.insert(found.range.start, found);
            }
        }
        kept.into_values().collect()
    }

    /// Whether any entry matches anywhere in the draft.
    pub fn is_match(&self, text: &Text) -> bool {
        !self.find_candidates(text, true).is_empty()
    }

    /// Expands `$1` or `${name}` in `template` with the groups of a pattern
    /// match. A word match, or a template without `$`, is returned as is.
    pub fn expand(&self, text: &Text, found: &EntryMatch, template: &str) -> String {
        if found.list != EntryList::Patterns || !template.contains('$') {
            return template.to_string();
        }
        // Searching from the match's own start finds the same match again,
        // with the text before it still there for `\b` and `^`.
        let regex = &self.patterns[found.index].regex;
        match regex.captures_at(text.normalized(), found.match_start) {
            Some(captures) => {
                let mut expanded = String::new();
                captures.expand(template, &mut expanded);
                expanded
            }
            None => template.to_string(),
        }
    }

    fn find_candidates(&self, text: &Text, first_only: bool) -> Vec<EntryMatch> {
        let mut found = Vec::new();
        let words = text.words();
        for (position, word) in words.iter().enumerate() {
            if word.shielded {
                continue;
            }
            let Some(candidates) = self.words_by_first.get(&word.lowercase) else {
                continue;
            };
            for &index in candidates {
                if let Some(range) = self.words[index].match_at(text, position) {
                    found.push(EntryMatch {
                        match_start: range.start,
                        range,
                        list: EntryList::Words,
                        index,
                    });
                    if first_only {
                        return found;
                    }
                }
            }
        }

        for (index, pattern) in self.patterns.iter().enumerate() {
            for (match_start, range) in pattern.find_ranges(text.normalized()) {
                if range.is_empty() || text.is_shielded(&range) {
                    continue;
                }
                found.push(EntryMatch {
                    range,
                    list: EntryList::Patterns,
                    index,
                    match_start,
                });
                if first_only {
                    return found;
                }
            }
        }
        found
    }
}

impl Pattern {
    /// Returns where each match starts and its reported range: the whole
    /// match, or its `match` group when the pattern has one and it took part.
    fn find_ranges(&self, haystack: &str) -> Vec<(usize, Range<usize>)> {
        match self.match_group {
            None => self
                .regex
                .find_iter(haystack)
                .map(|found| (found.start(), found.range()))
                .collect(),
            Some(group) => self
                .regex
                .captures_iter(haystack)
                .filter_map(|captures| {
                    let whole = captures.get(0)?;
                    Some((whole.start(), captures.get(group)?.range()))
                })
                .collect(),
        }
    }
}

fn compile_pattern(spec: &EntrySpec) -> Result<Regex, String> {
    // Patterns see the normalized draft, so a typographic quote in the
    // pattern would never match; normalize the pattern the same way.
    let (pattern, _) = normalize(&spec.text);
    RegexBuilder::new(&pattern)
        .case_insensitive(!spec.exact_case)
        .build()
        .map_err(|error| match error {
            regex::Error::CompiledTooBig(limit) => format!(
                "pattern is too large to compile (over {limit} bytes once compiled): split it into smaller patterns"
            ),
            other => format!("invalid regular expression: {other}"),
        })
}

impl WordEntry {
    fn compile(spec: &EntrySpec) -> Result<Self, String> {
        let (text, _) = normalize(&spec.text);
        let text = text.trim();
        let mut words = Vec::new();
        let mut separators = vec![String::new()];
        for segment in text.split_word_bounds() {
            if segment.chars().any(char::is_alphanumeric) {
                words.push(if spec.exact_case {
                    segment.to_string()
                } else {
                    segment.to_lowercase()
                });
                separators.push(String::new());
            } else {
                separators
                    .last_mut()
                    .expect("separators starts non-empty")
                    .push_str(segment);
            }
        }
        if words.is_empty() {
            return Err(format!(
                "word entry '{}' has no letter or digit: write it as a pattern instead",
                spec.text
            ));
        }

        let suffix = separators.pop().unwrap_or_default();
        let prefix = separators.remove(0);
        let gaps = separators
            .into_iter()
            .map(|separator| {
                if separator.chars().all(char::is_whitespace) {
                    Gap::Whitespace
                } else {
                    Gap::Literal(separator)
                }
            })
            .collect();
        Ok(WordEntry {
            prefix,
            words,
            gaps,
            suffix,
            exact_case: spec.exact_case,
        })
    }

    /// Returns the range this entry covers when it starts at word
    /// `position` of the draft.
    fn match_at(&self, text: &Text, position: usize) -> Option<Range<usize>> {
        let normalized = text.normalized();
        let draft_words = text.words().get(position..position + self.words.len())?;

        for (offset, (draft_word, entry_word)) in draft_words.iter().zip(&self.words).enumerate() {
            if draft_word.shielded {
                return None;
            }
            let same = if self.exact_case {
                &normalized[draft_word.range.clone()] == entry_word
            } else {
                draft_word.lowercase == *entry_word
            };
            if !same {
                return None;
            }
            if offset > 0 {
                let gap = &normalized[draft_words[offset - 1].range.end..draft_word.range.start];
                let fits = match &self.gaps[offset - 1] {
                    Gap::Whitespace => !gap.is_empty() && gap.chars().all(char::is_whitespace),
                    Gap::Literal(literal) => gap == literal,
                };
                if !fits {
                    return None;
                }
            }
        }

        let first = draft_words.first()?;
        let last = draft_words.last()?;
        let start = first.range.start.checked_sub(self.prefix.len())?;
        let end = last.range.end + self.suffix.len();
        let before = normalized.get(start..first.range.start)?;
        let after = normalized.get(last.range.end..end)?;
        (before == self.prefix && after == self.suffix).then_some(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(text: &str) -> EntrySpec {
        EntrySpec {
            text: text.into(),
            exact_case: false,
        }
    }

    fn exact(text: &str) -> EntrySpec {
        EntrySpec {
            text: text.into(),
            exact_case: true,
        }
    }

    #[track_caller]
    fn assert_matches(words: &[EntrySpec], patterns: &[EntrySpec], draft: &str, expected: &[&str]) {
        let matcher = Matcher::compile(words, patterns).expect("entries compile");
        let text = Text::new(draft, 0..draft.len());
        let found: Vec<&str> = matcher
            .find_all(&text)
            .into_iter()
            .map(|found| &draft[text.to_source(found.range)])
            .collect();
        assert_eq!(found, expected, "in {draft:?}");
    }

    #[test]
    fn words_match_whole_words_only() {
        let words = [entry("u"), entry("r"), entry("up"), entry("am")];
        assert_matches(&words, &[], "amazing theory, u up?", &["u", "up"]);
    }

    #[test]
    fn words_ignore_case_by_default() {
        assert_matches(&[entry("thx")], &[], "Thx and THX", &["Thx", "THX"]);
    }

    #[test]
    fn exact_case_entry_skips_other_cases() {
        let words = [exact("r"), entry("u")];
        assert_matches(
            &words,
            &[],
            "R&D ran late and the UK team too, r u free",
            &["r", "u"],
        );
    }

    #[test]
    fn curly_apostrophe_matches_straight_entry() {
        assert_matches(
            &[entry("I'm the worst")],
            &[],
            "I’m   the worst",
            &["I’m   the worst"],
        );
    }

    #[test]
    fn phrase_needs_whitespace_between_words() {
        let words = [entry("who dis")];
        assert_matches(&words, &[], "who, dis? who\ndis", &["who\ndis"]);
    }

    #[test]
    fn entry_punctuation_must_appear() {
        assert_matches(&[entry("w/")], &[], "w/ you, w you", &["w/"]);
    }

    #[test]
    fn nothing_matches_in_links_numbers_or_times() {
        let words = [
            entry("u"),
            entry("r"),
            entry("sorry"),
            entry("pm"),
            entry("30"),
        ];
        let draft = "https://example.com/u/sorry-r or u.r@example.com at 2pm or 4:30, ur";
        assert_matches(&words, &[], draft, &[]);
        let patterns = [entry("sorry")];
        assert_matches(
            &[],
            &patterns,
            "Sorry! see https://example.com/sorry",
            &["Sorry"],
        );
    }

    #[test]
    fn patterns_ignore_case_unless_exact() {
        let patterns = [entry("so{3,}"), exact(r"\b[A-Z]{2,}\b")];
        assert_matches(&[], &patterns, "SOOO late, ok UK", &["SOOO", "UK"]);
    }

    #[test]
    fn match_group_narrows_reported_range() {
        let patterns = [entry(r"(?:^|[.?!]\s*)(?P<match>who is this\?)")];
        assert_matches(
            &[],
            &patterns,
            "Missed you. Who is this?",
            &["Who is this?"],
        );
    }

    #[test]
    fn expand_fills_in_pattern_groups() {
        let matcher = Matcher::compile(&[], &[entry(r"\b(s)o{3,}(rry)?\b")]).unwrap();
        let text = Text::new("ok sooorry", 0.."ok sooorry".len());
        let found = &matcher.find_all(&text)[0];
        assert_eq!(matcher.expand(&text, found, "${1}o$2"), "sorry");
        assert_eq!(matcher.expand(&text, found, "plain"), "plain");
    }

    #[test]
    fn longer_overlapping_match_wins() {
        let words = [entry("u"), entry("r"), entry("u r")];
        assert_matches(&words, &[], "sry,u r right", &["u r"]);
    }

    #[test]
    fn invalid_entries_are_all_reported() {
        let errors = Matcher::compile(&[entry("!!")], &[entry("(")]).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].list, EntryList::Words);
        assert!(errors[1].message.starts_with("invalid regular expression"));
    }

    #[test]
    fn oversized_pattern_is_an_error() {
        let errors = Matcher::compile(&[], &[entry(r"\w{1000}{1000}")]).unwrap_err();
        assert!(
            errors[0].message.contains("too large"),
            "{}",
            errors[0].message
        );
    }
}
