//! Lines and columns as people count them.

use std::cell::Cell;

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
    last: Cell<Option<Known>>,
}

/// A position already worked out, so that the next one further along the
/// same line counts only the graphemes in between. Without it, many
/// findings on one long line would cost time quadratic in its length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Known {
    offset: usize,
    position: Position,
}

/// Returns the position of `offset` in `text`, whose lines start at
/// `line_starts`. `last` is the previous result, reused when `offset` lies
/// further along the same line, and is updated.
pub fn position_in(
    text: &str,
    line_starts: &[usize],
    last: &mut Option<Known>,
    offset: usize,
) -> Position {
    let line = line_starts.partition_point(|&start| start <= offset);
    let mut line_start = line_starts[line - 1];
    if line_start == 0 && text.starts_with('\u{feff}') && offset >= 3 {
        line_start = 3;
    }
    let column = match *last {
        Some(known)
            if known.position.line == line && (line_start..=offset).contains(&known.offset) =>
        {
            known.position.column + text[known.offset..offset].graphemes(true).count()
        }
        _ => text[line_start..offset].graphemes(true).count() + 1,
    };
    let position = Position { line, column };
    *last = Some(Known { offset, position });
    position
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        LineIndex {
            text,
            line_starts: line_starts(text),
            last: Cell::new(None),
        }
    }

    /// Returns the position of a byte offset. A leading byte-order mark is
    /// not a column.
    pub fn position(&self, offset: usize) -> Position {
        let mut last = self.last.get();
        let position = position_in(self.text, &self.line_starts, &mut last, offset);
        self.last.set(last);
        position
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
    fn positions_out_of_order_stay_right() {
        let text = "ab 🙏🏽 cd ef\ngh";
        let index = LineIndex::new(text);
        let e = text.find('e').unwrap();
        let c = text.find('c').unwrap();
        assert_eq!(index.position(e), Position { line: 1, column: 9 });
        assert_eq!(index.position(c), Position { line: 1, column: 6 });
        assert_eq!(index.position(e), Position { line: 1, column: 9 });
        assert_eq!(index.position(text.len()), Position { line: 2, column: 3 });
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
