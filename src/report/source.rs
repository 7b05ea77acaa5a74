//! The draft as miette reads it for the human report.
//!
//! miette counts columns in bytes and prints whole source lines. This
//! wrapper reports columns in grapheme clusters, as every other output
//! does, and cuts very long lines down to a window around the finding, so
//! that a draft with one huge line neither floods the terminal nor trips
//! miette's column limit.

use unicode_segmentation::UnicodeSegmentation;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::text::LineIndex;

/// Context longer than this many bytes is cut to a window.
const MAX_CONTEXT_BYTES: usize = 1200;
/// Bytes of text kept on each side of the span in a window.
const WINDOW_MARGIN_BYTES: usize = 160;

pub struct DraftSource<'a> {
    name: String,
    text: &'a str,
    lines: LineIndex<'a>,
}

impl<'a> DraftSource<'a> {
    pub fn new(name: &str, text: &'a str) -> Self {
        DraftSource {
            name: name.to_string(),
            text,
            lines: LineIndex::new(text),
        }
    }
}

impl DraftSource<'_> {
    /// Returns a span miette can draw. miette draws nothing for an empty
    /// span at the very end of the text, so one there moves onto the last
    /// character before it.
    pub fn visible_span(&self, span: &std::ops::Range<usize>) -> std::ops::Range<usize> {
        if !span.is_empty() || span.start < self.text.len() || span.start == 0 {
            return span.clone();
        }
        let last = self.text[..span.start]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(offset, _)| offset);
        last..span.start
    }
}

impl SourceCode for DraftSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let context = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        let mut start = context.span().offset();
        let mut end = start + context.span().len();
        let mut line = context.line();
        let mut column = context.column();

        if end - start > MAX_CONTEXT_BYTES {
            let span_end = span.offset() + span.len();
            start = floor_char_boundary(
                self.text,
                span.offset().saturating_sub(WINDOW_MARGIN_BYTES).max(start),
            );
            let window_end = (span_end + WINDOW_MARGIN_BYTES)
                .min(start + MAX_CONTEXT_BYTES)
                .min(end);
            end = ceil_char_boundary(self.text, window_end.max(start));
            line = self.lines.position(start).line - 1;
            column = 0;
        }
        if context_lines_before == 0 {
            // miette reads this column for the `name:line:column` header.
            column = self.lines.position(span.offset()).column - 1;
        }

        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &self.text.as_bytes()[start..end],
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
