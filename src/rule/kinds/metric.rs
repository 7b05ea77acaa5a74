//! `metric`: a measure of the whole draft against a limit.

use unicode_segmentation::UnicodeSegmentation;

use crate::rule::kinds::segment_starts;
use crate::rule::{Bounds, Check, Hit};
use crate::text::Text;

/// What a metric rule measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetricName {
    Words,
    Sentences,
    /// Grapheme clusters, so an emoji is one character.
    Characters,
    /// SMS segments, as the network would split the text as written.
    Segments,
}

impl MetricName {
    pub fn name(self) -> &'static str {
        match self {
            MetricName::Words => "words",
            MetricName::Sentences => "sentences",
            MetricName::Characters => "characters",
            MetricName::Segments => "segments",
        }
    }
}

#[derive(Debug)]
pub struct Metric {
    metric: MetricName,
    bounds: Bounds<usize>,
}

impl Metric {
    pub fn new(metric: MetricName, bounds: Bounds<usize>) -> Self {
        Metric { metric, bounds }
    }

    /// Returns the normalized offset where each counted unit starts.
    fn unit_starts(&self, text: &Text) -> Vec<usize> {
        let normalized = text.normalized();
        let content = normalized.trim_start();
        let lead = normalized.len() - content.len();
        let content = content.trim_end();
        match self.metric {
            MetricName::Words => text.words().iter().map(|word| word.range.start).collect(),
            MetricName::Sentences => content
                .split_sentence_bound_indices()
                .filter(|(_, sentence)| !sentence.trim().is_empty())
                .map(|(offset, _)| lead + offset)
                .collect(),
            MetricName::Characters => content
                .grapheme_indices(true)
                .map(|(offset, _)| lead + offset)
                .collect(),
            MetricName::Segments => {
                // Segments depend on the characters as sent: a typographic
                // apostrophe forces UCS-2 and a CRLF is two characters, so
                // count the body as written, not the normalized copy.
                let body = text.body();
                let sent = body.trim_start();
                let body_lead = body.len() - sent.len();
                segment_starts(sent.trim_end())
                    .into_iter()
                    .map(|offset| text.normalized_offset(body_lead + offset))
                    .collect()
            }
        }
    }
}

impl Check for Metric {
    fn check(&self, text: &Text, hits: &mut Vec<Hit>) {
        let starts = self.unit_starts(text);
        let value = starts.len();
        if self.bounds.contains(&value) {
            return;
        }

        let end = text.end_of_content();
        let range = match self.bounds.max {
            // Point from the first unit past the limit to the end.
            Some(max) if value > max => starts[max]..end,
            _ => end..end,
        };
        let mut values = vec![
            ("metric", self.metric.name().to_string()),
            ("value", value.to_string()),
        ];
        if let Some(max) = self.bounds.max {
            values.push(("max", max.to_string()));
        }
        if let Some(min) = self.bounds.min {
            values.push(("min", min.to_string()));
        }
        hits.push(Hit {
            range,
            values,
            ..Hit::default()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::kinds::testing::hits;

    fn at_most(metric: MetricName, max: usize) -> Metric {
        Metric::new(
            metric,
            Bounds {
                min: None,
                max: Some(max),
            },
        )
    }

    #[test]
    fn words_over_limit_point_at_overflow() {
        let draft = "one two three four\n";
        let found = hits(&at_most(MetricName::Words, 2), draft);
        assert_eq!(&draft[found[0].range.clone()], "three four");
        assert!(found[0].values.contains(&("value", "4".into())));
        assert!(hits(&at_most(MetricName::Words, 4), draft).is_empty());
    }

    #[test]
    fn sentences_and_characters() {
        let draft = "Hi. Missed you! Call?";
        assert_eq!(hits(&at_most(MetricName::Sentences, 3), draft).len(), 0);
        let found = hits(&at_most(MetricName::Sentences, 2), draft);
        assert_eq!(&draft[found[0].range.clone()], "Call?");
        let found = hits(&at_most(MetricName::Characters, 2), "🙏🏽🙏🏽🙏🏽");
        assert_eq!(found[0].values[1], ("value", "3".into()));
    }

    #[test]
    fn segments_count_text_as_sent() {
        let long = "a".repeat(161);
        let found = hits(&at_most(MetricName::Segments, 1), &long);
        assert_eq!(found[0].range, 153..161);
        // The curly apostrophe forces UCS-2, so 70 characters no longer fit.
        let curly = format!("{}’", "a".repeat(70));
        assert_eq!(hits(&at_most(MetricName::Segments, 1), &curly).len(), 1);
    }

    #[test]
    fn minimum_points_at_end() {
        let rule = Metric::new(
            MetricName::Words,
            Bounds {
                min: Some(3),
                max: None,
            },
        );
        assert_eq!(hits(&rule, "ok ")[0].range, 2..2);
    }
}
