//! `substitution`: a bad form and the word to write instead.

use crate::rule::{Check, Hit, Matcher};
use crate::text::Text;

#[derive(Debug)]
pub struct Substitution {
    /// Word entries in the order of `replacements`.
    matcher: Matcher,
    replacements: Vec<String>,
}

impl Substitution {
    pub fn new(matcher: Matcher, replacements: Vec<String>) -> Self {
        Substitution {
            matcher,
            replacements,
        }
    }
}

impl Check for Substitution {
    fn check(&self, text: &Text, hits: &mut Vec<Hit>) {
        for found in self.matcher.find_all(text) {
            let matched = &text.normalized()[found.range.clone()];
            let replacement = match_case(matched, &self.replacements[found.index]);
            hits.push(Hit {
                range: found.range,
                values: vec![("replacement", replacement.clone())],
                replacement: Some(replacement),
                ..Hit::default()
            });
        }
    }
}

/// Writes `replacement` in the case of `matched`: UPPER stays upper (when
/// the match has more than one letter and the replacement is one word),
/// Title stays title, and a lowercase match takes the replacement as
/// written, so `i` becomes `I`.
pub fn match_case(matched: &str, replacement: &str) -> String {
    let letters: Vec<char> = matched.chars().filter(|c| c.is_alphabetic()).collect();
    let all_upper = !letters.is_empty() && letters.iter().all(|c| c.is_uppercase());
    // An upper-case acronym such as BTW stands for several words, and
    // writing them all in capitals would read as shouting.
    if all_upper && letters.len() > 1 && !replacement.contains(char::is_whitespace) {
        return replacement.to_uppercase();
    }
    if letters.first().is_some_and(|c| c.is_uppercase()) {
        let mut chars = replacement.chars();
        return match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        };
    }
    replacement.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::EntrySpec;
    use crate::rule::kinds::testing::hits;

    #[test]
    fn replacement_keeps_case_of_match() {
        assert_eq!(match_case("thx", "thanks"), "thanks");
        assert_eq!(match_case("Thx", "thanks"), "Thanks");
        assert_eq!(match_case("THX", "thanks"), "THANKS");
        assert_eq!(match_case("U", "you"), "You");
        assert_eq!(match_case("i", "I"), "I");
        assert_eq!(match_case("i'm", "I'm"), "I'm");
        assert_eq!(match_case("BTW", "by the way"), "By the way");
    }

    #[test]
    fn offers_replacement_per_entry() {
        let words = vec![
            EntrySpec {
                text: "thx".into(),
                exact_case: false,
            },
            EntrySpec {
                text: "u".into(),
                exact_case: false,
            },
        ];
        let rule = Substitution::new(
            Matcher::compile(&words, &[]).unwrap(),
            vec!["thanks".into(), "you".into()],
        );
        let found = hits(&rule, "Thx for calling. U free later? THX!");
        let replacements: Vec<&str> = found
            .iter()
            .map(|hit| hit.replacement.as_deref().unwrap())
            .collect();
        assert_eq!(replacements, vec!["Thanks", "You", "THANKS"]);
        assert_eq!(found[1].values, vec![("replacement", "You".to_string())]);
    }
}
