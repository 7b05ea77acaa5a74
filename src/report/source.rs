//! Source text as miette reads it, for findings and for errors in rule
//! files, configuration files and front matter.
//!
//! miette counts columns in bytes and prints whole source lines. This
//! wrapper reports columns in grapheme clusters, as every other output
//! does, and cuts very long lines down to a window around the span, so
//! that a draft with one huge line neither floods the terminal nor trips
//! miette's column limit.

use std::ops::Deref;
use std::sync::{Mutex, OnceLock};

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::text::{Known, line_starts, position_in};

/// Context longer than this many bytes is cut to a window.
const MAX_CONTEXT_BYTES: usize = 1200;
/// Bytes of text kept on each side of the span in a window.
const WINDOW_MARGIN_BYTES: usize = 160;

/// Named text for miette, such as a draft or a rule file.
#[derive(Debug)]
pub struct TextSource<T> {
    name: String,
    text: T,
    /// Worked out on the first read, since most errors never need it.
    /// Boxed, like `last`, to keep error types that carry a source small.
    line_starts: Box<OnceLock<Vec<usize>>>,
    last: Box<Mutex<Option<Known>>>,
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
            last: Box::default(),
        }
    }

    fn text(&self) -> &str {
        self.text.deref().as_ref()
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| line_starts(self.text()))
    }

    /// Returns the 1-based line and grapheme column of a byte offset.
    fn position(&self, offset: usize) -> (usize, usize) {
        let mut last = self.last.lock().map(|last| *last).unwrap_or(None);
        let position = position_in(self.text(), self.line_starts(), &mut last, offset);
        if let Ok(mut cached) = self.last.lock() {
            *cached = last;
        }
        (position.line, position.column)
    }
}

impl<T> SourceCode for TextSource<T>
where
    T: Deref + Send + Sync,
    T::Target: AsRef<str>,
{
    // Reads the context from the line index, so that each read costs the
    // size of the context, not of the text before it.
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let text = self.text();
        let span_start = span.offset();
        let span_end = span_start + span.len();
        if span_end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let starts = self.line_starts();
        let line_of = |offset: usize| starts.partition_point(|&start| start <= offset) - 1;
        let first_line = line_of(span_start);
        let last_line = line_of(span_end.saturating_sub(1).max(span_start));
        let context_first = first_line.saturating_sub(context_lines_before);
        let context_last = (last_line + context_lines_after).min(starts.len() - 1);
        let mut start = starts[context_first];
        let mut end = starts.get(context_last + 1).copied().unwrap_or(text.len());
        let mut line = context_first;
        let mut column = 0;

        if end - start > MAX_CONTEXT_BYTES {
            let window_start = span_start.saturating_sub(WINDOW_MARGIN_BYTES).max(start);
            start = floor_char_boundary(text, window_start);
            let window_end = (span_end + WINDOW_MARGIN_BYTES)
                .min(start + MAX_CONTEXT_BYTES)
                .min(end);
            end = ceil_char_boundary(text, window_end.max(start));
            line = line_of(start);
        }
        if context_lines_before == 0 {
            // miette reads this column for the `name:line:column` header.
            column = self.position(span_start).1 - 1;
        }

        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &text.as_bytes()[start..end],
            (start, end - start).into(),
            line,
            column,
            context_last - context_first,
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
