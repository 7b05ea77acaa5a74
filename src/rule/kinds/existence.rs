//! `existence`: words or patterns that must not appear.

use crate::rule::{Check, Hit, Matcher};
use crate::text::Text;

#[derive(Debug)]
pub struct Existence {
    matcher: Matcher,
}

impl Existence {
    pub fn new(matcher: Matcher) -> Self {
        Existence { matcher }
    }
}

impl Check for Existence {
    fn check(&self, text: &Text, hits: &mut Vec<Hit>) {
        for found in self.matcher.find_all(text) {
            hits.push(Hit {
                range: found.range.clone(),
                entry: Some(found),
                ..Hit::default()
            });
        }
    }

    fn expand(&self, text: &Text, hit: &Hit, template: &str) -> String {
        match &hit.entry {
            Some(found) => self.matcher.expand(text, found, template),
            None => template.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::kinds::testing::{entries, hit_texts};

    #[test]
    fn reports_each_word_and_pattern_match() {
        let matcher = Matcher::compile(&entries(&["who dis"]), &entries(&["!{2,}"])).unwrap();
        let rule = Existence::new(matcher);
        assert_eq!(
            hit_texts(&rule, "Who dis!!! who   dis?"),
            vec!["Who dis", "!!!", "who   dis"]
        );
        assert!(hit_texts(&rule, "Who is calling?").is_empty());
    }
}
