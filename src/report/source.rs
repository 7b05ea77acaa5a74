//! Source text as miette reads it, for findings and for errors in rule
//! files, configuration files and front matter.
//!
//! miette counts columns in bytes and prints whole source lines. This
//! wrapper reports columns in grapheme clusters, as every other output
//! does, and cuts very long lines down to a window around the span, so
//! that a draft with one huge line neither floods the terminal nor trips
//! miette's column limit.

use std::ops::{Deref, Range};
use std::sync::OnceLock;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use unicode_segmentation::UnicodeSegmentation;

use crate::text::line_starts;

/// Context longer than this many bytes is cut to a window.
const MAX_CONTEXT_BYTES: usize = 1200;
/// Bytes of text kept on each side of the span in a window.
const WINDOW_MARGIN_BYTES: usize = 160;

const BYTE_ORDER_MARK: char = '\u{feff}';

/// Named text for miette, such as a draft or a rule file.
#[derive(Debug)]
pub struct TextSource<T> {
    name: String,
    text: T,
    /// Worked out on the first read, since most errors never need it.
    /// Boxed to keep error types that carry a source small.
    line_starts: Box<OnceLock<Vec<usize>>>,
}

impl<T> TextSource<T>
where
    T: Deref,
    T::Target: AsRef<str>,
{
    pub fn new(name: impl Into<String>, text: T) -> Self {
        TextSource {
            name: name.into(),
            text,
            line_starts: Box::default(),
        }
    }

    fn text(&self) -> &str {
        self.text.deref().as_ref()
    }

    /// Returns a span miette can draw. miette draws nothing for an empty
    /// span at the very end of the text, so one there moves onto the last
    /// character before it.
    pub fn visible_span(&self, span: &Range<usize>) -> Range<usize> {
        let text = self.text();
        if !span.is_empty() || span.start < text.len() || span.start == 0 {
            return span.clone();
        }
        let last = text[..span.start]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(offset, _)| offset);
        last..span.start
    }

    /// Returns the 1-based line and grapheme column of a byte offset.
    fn position(&self, offset: usize) -> (usize, usize) {
        let text = self.text();
        let starts = self.line_starts.get_or_init(|| line_starts(text));
        let line = starts.partition_point(|&start| start <= offset);
        let line_start = starts[line - 1];
        let mut line_text = &text[line_start..offset];
        if line_start == 0 {
            line_text = line_text.trim_start_matches(BYTE_ORDER_MARK);
        }
        (line, line_text.graphemes(true).count() + 1)
    }
}

impl<T> SourceCode for TextSource<T>
where
    T: Deref + Send + Sync,
    T::Target: AsRef<str>,
{
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let text = self.text();
        let context = text.read_span(span, context_lines_before, context_lines_after)?;
        let mut start = context.span().offset();
        let mut end = start + context.span().len();
        let mut line = context.line();
        let mut column = context.column();

        if end - start > MAX_CONTEXT_BYTES {
            let span_end = span.offset() + span.len();
            let window_start = span.offset().saturating_sub(WINDOW_MARGIN_BYTES).max(start);
            start = floor_char_boundary(text, window_start);
            let window_end = (span_end + WINDOW_MARGIN_BYTES)
                .min(start + MAX_CONTEXT_BYTES)
                .min(end);
            end = ceil_char_boundary(text, window_end.max(start));
            line = self.position(start).0 - 1;
            column = 0;
        }
        if context_lines_before == 0 {
            // miette reads this column for the `name:line:column` header.
            column = self.position(span.offset().min(text.len())).1 - 1;
        }

        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &text.as_bytes()[start..end],
            (start, end - start).into(),
            line,
            column,
            context.line_count(),
        )))
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn ceil_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_column_counts_graphemes_after_bom() {
        let source = TextSource::new("d", "\u{feff}I’m 🙏🏽 sry");
        let offset = source.text().find("sry").unwrap();
        assert_eq!(source.position(offset), (1, 7));
    }

    #[test]
    fn long_line_is_cut_to_a_window() {
        let text = format!("{}sry{}", "a ".repeat(2000), " b".repeat(2000));
        let source = TextSource::new("d", text.as_str());
        let offset = text.find("sry").unwrap();
        let contents = source.read_span(&(offset, 3).into(), 1, 1).unwrap();
        assert!(contents.data().len() <= MAX_CONTEXT_BYTES);
        assert!(String::from_utf8_lossy(contents.data()).contains("sry"));
    }
}
