//! `require`: at least one of the entries must appear.

use crate::rule::{Check, Hit, Matcher};
use crate::text::Text;

#[derive(Debug)]
pub struct Require {
    matcher: Matcher,
}

impl Require {
    pub fn new(matcher: Matcher) -> Self {
        Require { matcher }
    }
}

impl Check for Require {
    fn check(&self, text: &Text, hits: &mut Vec<Hit>) {
        let empty_draft = text.is_blank();
        if empty_draft || !self.matcher.is_match(text) {
            let end = text.end_of_content();
            hits.push(Hit {
                range: end..end,
                empty_draft,
                ..Hit::default()
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::kinds::testing::{entries, hits};

    fn next_step() -> Require {
        Require::new(Matcher::compile(&entries(&["call you back"]), &entries(&[r"\?"])).unwrap())
    }

    #[test]
    fn missing_element_points_at_end() {
        let found = hits(&next_step(), "Missed your call.\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].range, 17..17);
        assert!(!found[0].empty_draft);
    }

    #[test]
    fn any_entry_satisfies() {
        assert!(hits(&next_step(), "Free now?").is_empty());
        assert!(hits(&next_step(), "I'll call you back").is_empty());
    }

    #[test]
    fn empty_draft_says_so() {
        let found = hits(&next_step(), " \n");
        assert!(found[0].empty_draft);
        assert_eq!(found[0].range, 0..0);
    }
}
