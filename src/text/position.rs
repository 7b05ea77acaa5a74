//! Lines and columns as people count them.

use unicode_segmentation::UnicodeSegmentation;

/// A 1-based line and column. The column counts grapheme clusters (what a
/// person sees as one character), so an emoji with a skin-tone modifier is
/// one column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Returns the offset where each line starts. A line ends at LF, CRLF or
/// a lone CR, the same breaks that rules see after normalization.
pub fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    for (offset, &byte) in bytes.iter().enumerate() {
        let ends_line = byte == b'\n' || (byte == b'\r' && bytes.get(offset + 1) != Some(&b'\n'));
        if ends_line {
            starts.push(offset + 1);
        }
    }
    starts
}

/// The start offset of each line of a text, for turning byte offsets into
/// positions.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        LineIndex {
            text,
            line_starts: line_starts(text),
        }
    }

    /// Returns the position of a byte offset. A leading byte-order mark is
    /// not a column.
    pub fn position(&self, offset: usize) -> Position {
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let mut line_start = self.line_starts[line - 1];
        if line_start == 0 && self.text.starts_with('\u{feff}') && offset >= 3 {
            line_start = 3;
        }
        let column = self.text[line_start..offset].graphemes(true).count() + 1;
        Position { line, column }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_grapheme_clusters() {
        let text = "🙏🏽 sry\nok 👨‍👩‍👧 u";
        let index = LineIndex::new(text);
        assert_eq!(index.position(9), Position { line: 1, column: 3 });
        let u = text.rfind('u').unwrap();
        assert_eq!(index.position(u), Position { line: 2, column: 6 });
    }

    #[test]
    fn lone_carriage_return_ends_a_line() {
        let index = LineIndex::new("a\rb\r\nc");
        assert_eq!(index.position(2), Position { line: 2, column: 1 });
        assert_eq!(index.position(5), Position { line: 3, column: 1 });
    }

    #[test]
    fn crlf_lines_and_bom() {
        let text = "\u{feff}a\r\n\r\nb u";
        let index = LineIndex::new(text);
        assert_eq!(index.position(3), Position { line: 1, column: 1 });
        assert_eq!(
            index.position(text.len() - 1),
            Position { line: 3, column: 3 }
        );
    }
}
