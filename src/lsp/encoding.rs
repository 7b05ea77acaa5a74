//! Positions as the language server protocol counts them: a 0-based line
//! and a 0-based character offset in the unit the client and server agreed
//! on at start-up.

use std::cell::Cell;

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::text::line_starts;

/// The unit a `Position.character` counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PositionEncoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units: the protocol's default, and what VS Code counts.
    Utf16,
    /// Unicode scalar values.
    Utf32,
}

impl PositionEncoding {
    /// Picks the first encoding in the client's list that the server
    /// supports. A client that lists none gets UTF-16, which every client
    /// must support.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        offered
            .unwrap_or_default()
            .iter()
            .find_map(Self::from_kind)
            .unwrap_or(PositionEncoding::Utf16)
    }

    fn from_kind(kind: &PositionEncodingKind) -> Option<Self> {
        match kind.as_str() {
            "utf-8" => Some(PositionEncoding::Utf8),
            "utf-16" => Some(PositionEncoding::Utf16),
            "utf-32" => Some(PositionEncoding::Utf32),
            _ => None,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
            PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
            PositionEncoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    /// Returns the length of `text` in this unit.
    fn length(self, text: &str) -> usize {
        match self {
            PositionEncoding::Utf8 => text.len(),
            PositionEncoding::Utf16 => text.encode_utf16().count(),
            PositionEncoding::Utf32 => text.chars().count(),
        }
    }
}

/// Turns byte offsets in one document into protocol positions and back.
pub struct PositionMap<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    encoding: PositionEncoding,
    /// The last two offsets converted and their positions, the newer
    /// first. An offset further along the same line counts on from the
    /// nearer one, so that many findings on one long line cost linear time,
    /// not quadratic. Two, because a span's start often follows the end of
    /// the span before, as when a fix's edit follows its finding.
    known: Cell<[Option<(usize, Position)>; 2]>,
}

impl<'a> PositionMap<'a> {
    pub fn new(text: &'a str, encoding: PositionEncoding) -> Self {
        PositionMap {
            text,
            line_starts: line_starts(text),
            encoding,
            known: Cell::new([None, None]),
        }
    }

    /// The position of a byte offset, which must lie on a character
    /// boundary.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let line_start = self.line_starts[line];
        let known = self.known.get();
        let (from, counted) = known
            .iter()
            .flatten()
            .filter(|(known_offset, known)| known.line as usize == line && *known_offset <= offset)
            .max_by_key(|(known_offset, _)| *known_offset)
            .map_or((line_start, 0), |(known_offset, known)| {
                (*known_offset, known.character as usize)
            });
        let position = Position {
            line: saturating_u32(line),
            character: saturating_u32(counted + self.encoding.length(&self.text[from..offset])),
        };
        self.known.set([Some((offset, position)), known[0]]);
        position
    }

    pub fn range(&self, span: &std::ops::Range<usize>) -> Range {
        Range {
            start: self.position(span.start),
            end: self.position(span.end),
        }
    }

    /// Returns the byte offset of a position. As the protocol specifies, a character
    /// past the end of its line means the end of the line, a line past the
    /// end means the end of the text, and a position inside a character
    /// moves back to its start.
    pub fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.line_starts.get(position.line as usize) else {
            return self.text.len();
        };
        let end = self
            .line_starts
            .get(position.line as usize + 1)
            .copied()
            .unwrap_or(self.text.len());
        let line = line_content(&self.text[start..end]);

        let target = position.character as usize;
        let mut counted = 0;
        for (index, character) in line.char_indices() {
            let width = match self.encoding {
                PositionEncoding::Utf8 => character.len_utf8(),
                PositionEncoding::Utf16 => character.len_utf16(),
                PositionEncoding::Utf32 => 1,
            };
            if counted + width > target {
                return start + index;
            }
            counted += width;
        }
        start + line.len()
    }

    pub fn span(&self, range: Range) -> std::ops::Range<usize> {
        let start = self.offset(range.start);
        let end = self.offset(range.end).max(start);
        start..end
    }
}

/// Returns a line without its line break.
fn line_content(line: &str) -> &str {
    line.strip_suffix("\r\n")
        .or_else(|| line.strip_suffix('\n'))
        .or_else(|| line.strip_suffix('\r'))
        .unwrap_or(line)
}

fn saturating_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DRAFT: &str = "🙏🏽 sry\r\nok 👨‍👩‍👧 u";

    fn at(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn columns_after_emoji_follow_the_encoding() {
        let sry = DRAFT.find("sry").unwrap();
        let u = DRAFT.rfind('u').unwrap();
        let cases = [
            (PositionEncoding::Utf8, at(0, 9), at(1, 22)),
            (PositionEncoding::Utf16, at(0, 5), at(1, 12)),
            (PositionEncoding::Utf32, at(0, 3), at(1, 9)),
        ];
        for (encoding, sry_at, u_at) in cases {
            let map = PositionMap::new(DRAFT, encoding);
            assert_eq!(map.position(sry), sry_at, "{encoding:?}");
            assert_eq!(map.position(u), u_at, "{encoding:?}");
            assert_eq!(map.offset(sry_at), sry, "{encoding:?}");
            assert_eq!(map.offset(u_at), u, "{encoding:?}");
        }
    }

    #[test]
    fn positions_out_of_order_stay_right() {
        let text = "ab 🙏🏽 cd ef\ngh";
        let map = PositionMap::new(text, PositionEncoding::Utf16);
        let e = text.find('e').unwrap();
        let c = text.find('c').unwrap();
        assert_eq!(map.position(e), at(0, 11));
        assert_eq!(map.position(c), at(0, 8));
        assert_eq!(map.position(e), at(0, 11));
        assert_eq!(map.position(text.len()), at(1, 2));
        assert_eq!(map.position(c), at(0, 8));
    }

    #[test]
    fn positions_outside_the_text_clamp() {
        let map = PositionMap::new(DRAFT, PositionEncoding::Utf16);
        let line_end = DRAFT.find('\r').unwrap();
        assert_eq!(map.offset(at(0, 400)), line_end);
        assert_eq!(map.offset(at(9, 0)), DRAFT.len());
        // Inside the surrogate pair of the first emoji.
        assert_eq!(map.offset(at(0, 1)), 0);
    }

    #[test]
    fn negotiation_takes_the_first_known_encoding() {
        let offered = [
            PositionEncodingKind::new("utf-7"),
            PositionEncodingKind::UTF32,
            PositionEncodingKind::UTF8,
        ];
        assert_eq!(
            PositionEncoding::negotiate(Some(&offered)),
            PositionEncoding::Utf32
        );
        assert_eq!(PositionEncoding::negotiate(None), PositionEncoding::Utf16);
        assert_eq!(
            PositionEncoding::negotiate(Some(&[])),
            PositionEncoding::Utf16
        );
    }
}
