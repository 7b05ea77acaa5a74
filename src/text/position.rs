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
    /// The same column counted in UTF-16 code units, also from 1, which is
    /// how VS Code, Java and JavaScript editors count: that emoji is four.
    pub utf16_column: usize,
    /// The same column counted in Unicode code points, from 1, as Emacs
    /// counts: that emoji is two.
    pub char_column: usize,
    /// The same column counted in UTF-8 bytes, from 1, as Vim's quickfix
    /// list counts: that emoji is eight.
    pub byte_column: usize,
}

/// A unit to count columns in, for tools that do not count graphemes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColumnUnit {
    /// Grapheme clusters: user-perceived characters.
    #[default]
    Grapheme,
    /// Unicode code points, as Emacs counts.
    Char,
    /// UTF-8 bytes, as Vim's quickfix list counts.
    Byte,
    /// UTF-16 code units, as VS Code counts.
    #[value(name = "utf-16")]
    Utf16,
}

impl Position {
    /// Returns the column counted in `unit`.
    pub fn column_in(&self, unit: ColumnUnit) -> usize {
        match unit {
            ColumnUnit::Grapheme => self.column,
            ColumnUnit::Char => self.char_column,
            ColumnUnit::Byte => self.byte_column,
            ColumnUnit::Utf16 => self.utf16_column,
        }
    }
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
    let (from, base) = match *last {
        Some(known)
            if known.position.line == line && (line_start..=offset).contains(&known.offset) =>
        {
            (known.offset, known.position)
        }
        _ => (
            line_start,
            Position {
                line,
                column: 1,
                utf16_column: 1,
                char_column: 1,
                byte_column: 1,
            },
        ),
    };
    let between = &text[from..offset];
    let position = Position {
        line,
        column: base.column + between.graphemes(true).count(),
        utf16_column: base.utf16_column + between.encode_utf16().count(),
        char_column: base.char_column + between.chars().count(),
        byte_column: base.byte_column + between.len(),
    };
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

    fn line_column(position: Position) -> (usize, usize) {
        (position.line, position.column)
    }

    #[test]
    fn columns_count_grapheme_clusters() {
        let text = "🙏🏽 sry\nok 👨‍👩‍👧 u";
        let index = LineIndex::new(text);
        assert_eq!(line_column(index.position(9)), (1, 3));
        let u = text.rfind('u').unwrap();
        assert_eq!(line_column(index.position(u)), (2, 6));
    }

    #[test]
    fn positions_out_of_order_stay_right() {
        let text = "ab 🙏🏽 cd ef\ngh";
        let index = LineIndex::new(text);
        let e = text.find('e').unwrap();
        let c = text.find('c').unwrap();
        assert_eq!(line_column(index.position(e)), (1, 9));
        assert_eq!(line_column(index.position(c)), (1, 6));
        assert_eq!(line_column(index.position(e)), (1, 9));
        assert_eq!(line_column(index.position(text.len())), (2, 3));
    }

    #[test]
    fn lone_carriage_return_ends_a_line() {
        let index = LineIndex::new("a\rb\r\nc");
        assert_eq!(line_column(index.position(2)), (2, 1));
        assert_eq!(line_column(index.position(5)), (3, 1));
    }

    #[test]
    fn crlf_lines_and_bom() {
        let text = "\u{feff}a\r\n\r\nb u";
        let index = LineIndex::new(text);
        assert_eq!(line_column(index.position(3)), (1, 1));
        assert_eq!(line_column(index.position(text.len() - 1)), (3, 3));
    }

    #[test]
    fn utf16_columns_count_code_units() {
        // The pressed hands with a skin tone are two code points outside the
        // Basic Multilingual Plane: four UTF-16 units, one grapheme.
        let text = "🙏🏽 sry\nok 👨‍👩‍👧 u";
        let index = LineIndex::new(text);
        let sry = index.position(9);
        assert_eq!((sry.column, sry.utf16_column), (3, 6));
        let u = index.position(text.rfind('u').unwrap());
        assert_eq!((u.line, u.column, u.utf16_column), (2, 6, 13));
    }

    #[test]
    fn columns_in_every_unit() {
        let text = "🙏🏽 sry";
        let sry = LineIndex::new(text).position(9);
        let counted: Vec<usize> = [
            ColumnUnit::Grapheme,
            ColumnUnit::Char,
            ColumnUnit::Byte,
            ColumnUnit::Utf16,
        ]
        .into_iter()
        .map(|unit| sry.column_in(unit))
        .collect();
        assert_eq!(counted, [3, 4, 10, 6]);
    }

    #[test]
    fn utf16_columns_skip_the_byte_order_mark() {
        let index = LineIndex::new("\u{feff}é u");
        assert_eq!(index.position(6).utf16_column, 3);
    }
}
