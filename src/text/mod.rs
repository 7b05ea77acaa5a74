//! The text of one draft, prepared once for every rule.
//!
//! Rules match against a normalized copy of the body: typographic quotes
//! become straight ones and CRLF becomes LF, so a rule written with `'`
//! matches `’`. Every range a rule produces is mapped back to byte offsets
//! in the original input before anyone sees it, so neither normalization
//! nor a byte-order mark or front matter shifts a span.

mod normalize;
mod position;
mod protect;
mod words;

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;

use unicode_segmentation::GraphemeCursor;

pub use normalize::normalize;
pub use position::{ColumnUnit, Known, LineIndex, Position, line_starts, position_in};
pub use words::{Word, split_words};

/// One draft body, normalized and split into words.
pub struct Text<'a> {
    source: &'a str,
    body_start: usize,
    body: &'a str,
    normalized: Cow<'a, str>,
    /// Offsets into `source` for each byte of `normalized` and one past its
    /// end; empty when normalization changed nothing.
    offsets: Vec<usize>,
    words: Vec<Word>,
    /// URLs and e-mail addresses, in `normalized` offsets: no rule reports
    /// anything inside them.
    shielded: Vec<Range<usize>>,
    /// Worked out only when a fix needs it.
    style: OnceCell<Style>,
}

/// The typographic habits of a draft, which fixes follow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    curly_apostrophes: bool,
    curly_quotes: bool,
    crlf: bool,
}

impl Style {
    /// Reads the habits of a text: typographic apostrophes or quotes where
    /// it has more of them than straight ones, and CRLF where it has any.
    pub fn of(text: &str) -> Style {
        let count = |wanted: &[char]| text.chars().filter(|c| wanted.contains(c)).count();
        Style {
            curly_apostrophes: count(&['\u{2019}', '\u{2018}']) > count(&['\'']),
            curly_quotes: count(&['\u{201C}', '\u{201D}']) > count(&['"']),
            crlf: text.contains("\r\n"),
        }
    }
}

impl<'a> Text<'a> {
    /// Prepares `source[body.start..body.end]` for linting.
    pub fn new(source: &'a str, body: Range<usize>) -> Self {
        let body_text = &source[body.clone()];
        let (normalized, offsets) = normalize(body_text);
        let offsets = offsets
            .into_iter()
            .map(|offset| offset + body.start)
            .collect();
        let shielded = protect::find_links(&normalized);
        let numbers = protect::find_numbers(&normalized);
        let words = split_words(&normalized, |range| {
            overlaps_any(&shielded, range) || overlaps_any(&numbers, range)
        });
        Text {
            source,
            body_start: body.start,
            body: body_text,
            normalized,
            offsets,
            words,
            shielded,
            style: OnceCell::new(),
        }
    }

    /// The normalized body that rules match against.
    pub fn normalized(&self) -> &str {
        &self.normalized
    }

    /// The body exactly as written, for measures that depend on the
    /// characters sent rather than their meaning.
    pub fn body(&self) -> &'a str {
        self.body
    }

    /// Maps a byte offset in `body()` to the normalized offset of the same
    /// character.
    pub fn normalized_offset(&self, body_offset: usize) -> usize {
        if self.offsets.is_empty() {
            return body_offset;
        }
        let source_offset = self.body_start + body_offset;
        self.offsets
            .partition_point(|&offset| offset < source_offset)
    }

    pub fn words(&self) -> &[Word] {
        &self.words
    }

    /// Whether the body has nothing but whitespace.
    pub fn is_blank(&self) -> bool {
        self.normalized.trim().is_empty()
    }

    /// Whether a normalized range touches a URL or an e-mail address.
    pub fn is_shielded(&self, range: &Range<usize>) -> bool {
        overlaps_any(&self.shielded, range)
    }

    /// The normalized offset just past the last visible character, where
    /// findings about something missing from the draft point.
    pub fn end_of_content(&self) -> usize {
        self.normalized.trim_end().len()
    }

    /// Maps a normalized range to a byte range in the original input,
    /// widened to whole grapheme clusters so that no span starts or ends
    /// inside an emoji sequence.
    pub fn to_source(&self, range: Range<usize>) -> Range<usize> {
        let start = self.source_offset(range.start);
        let end = self.source_offset(range.end).max(start);
        let start = grapheme_floor(self.source, start);
        let end = if end == start {
            end
        } else {
            grapheme_ceil(self.source, end)
        };
        start..end
    }

    /// Returns the original text behind a normalized range, with curly
    /// quotes and line breaks as the draft has them.
    pub fn source_text(&self, range: Range<usize>) -> &'a str {
        &self.source[self.to_source(range)]
    }

    /// Sets the style fixes follow, read from the draft as it first came:
    /// a fix that removes the only CRLF or curly apostrophe must not turn
    /// the draft's later fixes straight.
    pub fn with_style(self, style: Style) -> Self {
        let _ = self.style.set(style);
        self
    }

    /// Rewrites a replacement in the draft's style: curly apostrophes and
    /// quotes where the draft uses them more than straight ones, and CRLF
    /// line breaks where the draft has them.
    pub fn fit_style(&self, replacement: &str) -> String {
        let style = self.style.get_or_init(|| Style::of(self.body));

        let mut output = String::with_capacity(replacement.len());
        let mut open_quote = true;
        for c in replacement.chars() {
            match c {
                '\'' if style.curly_apostrophes => output.push('\u{2019}'),
                '"' if style.curly_quotes => {
                    output.push(if open_quote { '\u{201C}' } else { '\u{201D}' });
                    open_quote = !open_quote;
                }
                '\n' if style.crlf && !output.ends_with('\r') => output.push_str("\r\n"),
                other => output.push(other),
            }
        }
        output
    }

    fn source_offset(&self, normalized_offset: usize) -> usize {
        if self.offsets.is_empty() {
            self.body_start + normalized_offset
        } else {
            self.offsets[normalized_offset]
        }
    }
}

/// Returns whether `range` overlaps one of `regions`, which must be sorted
/// and must not overlap each other, as regex matches are. A binary search
/// keeps a draft full of numbers or links linear rather than quadratic.
fn overlaps_any(regions: &[Range<usize>], range: &Range<usize>) -> bool {
    let first_after_start = regions.partition_point(|region| region.end <= range.start);
    regions
        .get(first_after_start)
        .is_some_and(|region| region.start < range.end)
}

fn grapheme_floor(text: &str, offset: usize) -> usize {
    let mut cursor = GraphemeCursor::new(offset, text.len(), true);
    match cursor.is_boundary(text, 0) {
        Ok(true) => offset,
        _ => cursor
            .prev_boundary(text, 0)
            .ok()
            .flatten()
            .unwrap_or(offset),
    }
}

fn grapheme_ceil(text: &str, offset: usize) -> usize {
    let mut cursor = GraphemeCursor::new(offset, text.len(), true);
    match cursor.is_boundary(text, 0) {
        Ok(true) => offset,
        _ => cursor
            .next_boundary(text, 0)
            .ok()
            .flatten()
            .unwrap_or(offset),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word_texts(text: &Text) -> Vec<String> {
        text.words()
            .iter()
            .filter(|word| !word.shielded)
            .map(|word| text.normalized()[word.range.clone()].to_string())
            .collect()
    }

    #[test]
    fn curly_apostrophe_maps_back_to_original_bytes() {
        let source = "I’m late";
        let text = Text::new(source, 0..source.len());
        assert_eq!(text.normalized(), "I'm late");
        let word = &text.words()[0];
        assert_eq!(&source[text.to_source(word.range.clone())], "I’m");
        assert_eq!(&source[text.to_source(4..8)], "late");
    }

    #[test]
    fn crlf_and_bom_shift_no_span() {
        let source = "\u{feff}Hi\r\nu there";
        let text = Text::new(source, 3..source.len());
        assert_eq!(text.normalized(), "Hi\nu there");
        let u = text.words()[1].range.clone();
        assert_eq!(&source[text.to_source(u)], "u");
        assert_eq!(text.to_source(3..4), 7..8);
    }

    #[test]
    fn fit_style_follows_the_draft() {
        let curly = Text::new("I’m “late”\r\nok", 0..18);
        assert_eq!(
            curly.fit_style("I'll say \"hi\"\nbye"),
            "I’ll say “hi”\r\nbye"
        );
        let straight = Text::new("I'm late\nok", 0..11);
        assert_eq!(straight.fit_style("I'll\nbye"), "I'll\nbye");
    }

    #[test]
    fn span_inside_emoji_widens_to_whole_cluster() {
        let source = "ok 🙏🏽 now";
        let text = Text::new(source, 0..source.len());
        // The bare folded-hands code point, without its skin-tone modifier.
        let span = text.to_source(3..7);
        assert_eq!(&source[span], "🙏🏽");
    }

    #[test]
    fn links_numbers_and_times_are_shielded_words() {
        let source = "u https://example.com/u/r or u.r@example.com at 2pm or 4:30 b4";
        let text = Text::new(source, 0..source.len());
        assert_eq!(word_texts(&text), vec!["u", "or", "at", "or", "b4"]);
    }

    proptest::proptest! {
        #[test]
        fn overlaps_any_matches_a_linear_scan(
            cuts in proptest::collection::btree_set(0usize..200, 0..40),
            start in 0usize..210,
            length in 0usize..20,
        ) {
            // Consecutive pairs of sorted cut points make sorted regions
            // that do not overlap.
            let cuts: Vec<usize> = cuts.into_iter().collect();
            let regions: Vec<Range<usize>> =
                cuts.chunks_exact(2).map(|pair| pair[0]..pair[1]).collect();
            let range = start..start + length;
            let linear = regions
                .iter()
                .any(|region| region.start < range.end && range.start < region.end);
            proptest::prop_assert_eq!(overlaps_any(&regions, &range), linear);
        }
    }
}
