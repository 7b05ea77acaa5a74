//! `occurrence`: matches counted against a maximum or a minimum.

use crate::rule::{Bounds, Check, Hit, Matcher};
use crate::text::Text;

#[derive(Debug)]
pub struct Occurrence {
    matcher: Matcher,
    bounds: Bounds<usize>,
}

impl Occurrence {
    pub fn new(matcher: Matcher, bounds: Bounds<usize>) -> Self {
        Occurrence { matcher, bounds }
    }

    fn values(&self, count: usize) -> Vec<(&'static str, String)> {
        let mut values = vec![("count", count.to_string())];
        if let Some(max) = self.bounds.max {
            values.push(("max", max.to_string()));
        }
        if let Some(min) = self.bounds.min {
            values.push(("min", min.to_string()));
        }
        values
    }
}

impl Check for Occurrence {
    fn check(&self, text: &Text, hits: &mut Vec<Hit>) {
        let found = self.matcher.find_all(text);
        let count = found.len();
        if self.bounds.contains(&count) {
            return;
        }

        // Point at the first match past the maximum; the rest are related.
        // Below a minimum, point at the end, where something is missing.
        let excess = match self.bounds.max {
            Some(max) if count > max => Some(found[max].clone()),
            _ => None,
        };
        let range = match &excess {
            Some(entry) => entry.range.clone(),
            None => text.end_of_content()..text.end_of_content(),
        };
        let related = found
            .into_iter()
            .map(|found| found.range)
            .filter(|other| *other != range)
            .collect();
        hits.push(Hit {
            range,
            values: self.values(count),
            related,
            entry: excess,
            ..Hit::default()
        });
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
    use crate::rule::kinds::testing::{entries, hits};

    fn apologies(bounds: Bounds<usize>) -> Occurrence {
        let matcher = Matcher::compile(&entries(&["sorry", "apologies"]), &[]).unwrap();
        Occurrence::new(matcher, bounds)
    }

    #[test]
    fn over_maximum_points_past_it() {
        let rule = apologies(Bounds {
            min: None,
            max: Some(1),
        });
        let draft = "Sorry! Apologies, so sorry.";
        let found = hits(&rule, draft);
        assert_eq!(found.len(), 1);
        assert_eq!(&draft[found[0].range.clone()], "Apologies");
        assert_eq!(found[0].related.len(), 2);
        assert!(found[0].values.contains(&("count", "3".into())));
        assert!(hits(&rule, "Sorry I missed you").is_empty());
    }

    #[test]
    fn under_minimum_points_at_end() {
        let rule = apologies(Bounds {
            min: Some(1),
            max: None,
        });
        let found = hits(&rule, "Missed you.  ");
        assert_eq!(found[0].range, 11..11);
    }
}
