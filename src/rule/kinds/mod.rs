//! One module per kind of rule, each with its check step.

mod existence;
mod metric;
mod occurrence;
mod repetition;
mod require;
mod sms;
mod substitution;

pub use existence::Existence;
pub use metric::{Metric, MetricName};
pub use occurrence::Occurrence;
pub use repetition::Repetition;
pub use require::Require;
pub use sms::segment_starts;
pub use substitution::{Substitution, match_case};

#[cfg(test)]
pub(crate) mod testing {
    use crate::rule::{Check, EntrySpec, Hit};
    use crate::text::Text;

    pub fn entries(texts: &[&str]) -> Vec<EntrySpec> {
        texts
            .iter()
            .map(|text| EntrySpec {
                text: text.to_string(),
                exact_case: false,
            })
            .collect()
    }

    /// Runs a check and returns each hit's text in the draft.
    pub fn hit_texts(check: &dyn Check, draft: &str) -> Vec<String> {
        hits(check, draft)
            .into_iter()
            .map(|hit| draft[hit.range].to_string())
            .collect()
    }

    pub fn hits(check: &dyn Check, draft: &str) -> Vec<Hit> {
        let text = Text::new(draft, 0..draft.len());
        let mut hits = Vec::new();
        check.check(&text, &mut hits);
        hits
    }
}
