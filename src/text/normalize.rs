//! The normalized copy of a draft body that rules match against.

use std::borrow::Cow;

/// Replaces typographic quotes with straight ones and CRLF (or a lone CR)
/// with LF. Returns the text and, when anything changed, the offset in
/// `text` of each output byte plus one entry for the end.
pub fn normalize(text: &str) -> (Cow<'_, str>, Vec<usize>) {
    if !text.contains(needs_normalizing) {
        return (Cow::Borrowed(text), Vec::new());
    }

    let mut output = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len() + 1);
    let mut chars = text.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        let replacement = match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201F}' => '"',
            '\r' => {
                // A CRLF pair becomes one LF that maps to the CR, so a span
                // ending before the break ends before both bytes.
                if let Some((_, '\n')) = chars.peek() {
                    chars.next();
                }
                '\n'
            }
            other => other,
        };
        let start = output.len();
        output.push(replacement);
        offsets.extend(std::iter::repeat_n(offset, output.len() - start));
    }
    offsets.push(text.len());
    (Cow::Owned(output), offsets)
}

fn needs_normalizing(c: char) -> bool {
    matches!(
        c,
        '\r' | '\u{2018}'
            | '\u{2019}'
            | '\u{201B}'
            | '\u{02BC}'
            | '\u{201C}'
            | '\u{201D}'
            | '\u{201F}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        let (text, offsets) = normalize("nothing to change");
        assert!(matches!(text, Cow::Borrowed(_)));
        assert!(offsets.is_empty());
    }

    #[test]
    fn quotes_and_line_breaks_map_to_original_offsets() {
        let (text, offsets) = normalize("“a’b”\r\nc\rd");
        assert_eq!(text, "\"a'b\"\nc\nd");
        // Each output byte points at the start of the character it came from.
        assert_eq!(offsets, vec![0, 3, 4, 7, 8, 11, 13, 14, 15, 16]);
    }
}
