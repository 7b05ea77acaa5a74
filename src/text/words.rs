//! Words as Unicode word segmentation (UAX #29) splits them.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// One word of a draft, in normalized offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub range: Range<usize>,
    pub lowercase: String,
    /// Part of a URL, an e-mail address, a number or a time: word entries
    /// never match it.
    pub shielded: bool,
}

/// Splits `text` into words: the segments that contain a letter or digit.
/// `is_shielded` marks the words that lie in a protected region.
pub fn split_words(text: &str, is_shielded: impl Fn(&Range<usize>) -> bool) -> Vec<Word> {
    text.split_word_bound_indices()
        .filter(|(_, segment)| segment.chars().any(char::is_alphanumeric))
        .map(|(start, segment)| {
            let range = start..start + segment.len();
            Word {
                shielded: is_shielded(&range),
                lowercase: segment.to_lowercase(),
                range,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contractions_and_txt_speak_are_single_words() {
        let text = "I'm b4 2morrow, R&D's UK team";
        let words: Vec<&str> = split_words(text, |_| false)
            .into_iter()
            .map(|word| &text[word.range])
            .collect();
        assert_eq!(
            words,
            vec!["I'm", "b4", "2morrow", "R", "D's", "UK", "team"]
        );
    }
}
