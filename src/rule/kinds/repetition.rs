//! `repetition`: the same word again and again ("so, so, so sorry").

use std::collections::HashSet;

use crate::rule::{Check, Hit};
use crate::text::Text;

#[derive(Debug)]
pub struct Repetition {
    /// Lowercased words that count; `None` means every word.
    words: Option<HashSet<String>>,
}

impl Repetition {
    pub fn new(words: Option<HashSet<String>>) -> Self {
        Repetition { words }
    }

    fn counts(&self, lowercase: &str) -> bool {
        self.words
            .as_ref()
            .is_none_or(|words| words.contains(lowercase))
    }
}

impl Check for Repetition {
    fn check(&self, text: &Text, hits: &mut Vec<Hit>) {
        let normalized = text.normalized();
        let words = text.words();
        let mut position = 0;
        while position < words.len() {
            let first = &words[position];
            let mut last = position;
            // Extend the run while the next word is the same and only
            // spaces, commas or line breaks separate them. A full stop,
            // question or exclamation mark ends a sentence, and a word said
            // again in the next sentence is not a stutter.
            while let Some(next) = words.get(last + 1) {
                let gap = &normalized[words[last].range.end..next.range.start];
                let same = next.lowercase == first.lowercase && !next.shielded;
                // An emoji or other symbol between the words is content of
                // its own, which collapsing the run would delete.
                let has_other_word = gap.chars().any(|c| !is_separator(c));
                let ends_sentence = gap.chars().any(|c| matches!(c, '.' | '!' | '?'));
                // "so-so" is one word that happens to repeat.
                let hyphenated =
                    !gap.is_empty() && gap.chars().all(|c| c == '-' || c == '\u{2010}');
                if !same || has_other_word || ends_sentence || hyphenated {
                    break;
                }
                last += 1;
            }

            if last > position && !first.shielded && self.counts(&first.lowercase) {
                let word = text.source_text(first.range.clone()).to_string();
                hits.push(Hit {
                    range: first.range.start..words[last].range.end,
                    values: vec![("word", word.clone())],
                    replacement: Some(word),
                    ..Hit::default()
                });
            }
            position = last + 1;
        }
    }
}

/// Whether a character may stand between repeated words: whitespace, a
/// comma, a dash or an ellipsis. Anything else (a bracket, a quote, an
/// emoji) is content that collapsing the run would delete.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | '-' | '–' | '—' | '…')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::kinds::testing::{hit_texts, hits};

    fn intensifiers() -> Repetition {
        Repetition::new(Some(
            ["so", "sorry"].into_iter().map(String::from).collect(),
        ))
    }

    #[test]
    fn run_with_punctuation_is_one_finding() {
        let draft = "I'm so, so, so sorry";
        assert_eq!(hit_texts(&intensifiers(), draft), vec!["so, so, so"]);
        let replacement = hits(&intensifiers(), draft)[0].replacement.clone();
        assert_eq!(replacement.as_deref(), Some("so"));
    }

    #[test]
    fn repeats_across_line_breaks_and_case() {
        let draft = "So sorry sorry.\nSorry\nsorry, call me?";
        assert_eq!(
            hit_texts(&intensifiers(), draft),
            vec!["sorry sorry", "Sorry\nsorry"]
        );
    }

    #[test]
    fn fix_keeps_curly_apostrophe() {
        let replacement = hits(&Repetition::new(None), "I’m I’m late")[0]
            .replacement
            .clone();
        assert_eq!(replacement.as_deref(), Some("I’m"));
    }

    #[test]
    fn hyphenated_word_is_not_a_repeat() {
        assert!(hit_texts(&intensifiers(), "it was so-so").is_empty());
        assert_eq!(hit_texts(&intensifiers(), "so - so"), vec!["so - so"]);
    }

    #[test]
    fn brackets_and_quotes_break_the_run() {
        assert!(hit_texts(&intensifiers(), "so (so) late").is_empty());
        assert!(hit_texts(&intensifiers(), "sorry' sorry").is_empty());
    }

    #[test]
    fn emoji_between_words_breaks_the_run() {
        assert!(hit_texts(&intensifiers(), "sorry 🙏🏽 sorry").is_empty());
        assert_eq!(hit_texts(&intensifiers(), "so… so"), vec!["so… so"]);
    }

    #[test]
    fn other_words_break_the_run() {
        assert!(hit_texts(&intensifiers(), "so very so").is_empty());
        assert!(hit_texts(&intensifiers(), "bye bye").is_empty());
        assert_eq!(
            hit_texts(&Repetition::new(None), "bye bye"),
            vec!["bye bye"]
        );
    }
}
