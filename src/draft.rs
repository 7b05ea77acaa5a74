//! Reading a draft: UTF-8 checks, a byte-order mark and front matter.

use std::ops::Range;
use std::sync::Arc;

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use crate::duration::Elapsed;
use crate::load;
use crate::report::TextSource;
use crate::text::Style;

/// One draft as read from a file or stdin.
#[derive(Clone, Debug)]
pub struct Draft {
    /// The path, or `<stdin>`.
    pub name: String,
    /// The whole input, front matter included.
    pub source: String,
    /// The part that is linted: after a byte-order mark and front matter.
    pub body: Range<usize>,
    pub front_matter: FrontMatter,
    /// The typographic habits of the body as first read, which every fix
    /// follows, even after other fixes changed the text.
    pub style: Style,
}

/// Context given at the top of a draft file between `---` lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub to: Option<String>,
    /// Byte range of the `to` value, for errors about it.
    pub to_span: Option<Range<usize>>,
    pub missed_calls: Option<u32>,
    pub elapsed: Option<Elapsed>,
}

/// Why a draft cannot be linted.
#[derive(Debug, Diagnostic, Error)]
pub enum DraftError {
    #[error("{name}: invalid UTF-8 at byte offset {offset}")]
    #[diagnostic(
        code(sorrylint::invalid_utf8),
        help("save the draft as UTF-8; sorrylint reads no other encoding")
    )]
    InvalidUtf8 { name: String, offset: usize },

    #[error("{name}: invalid front matter: {message}")]
    #[diagnostic(
        code(sorrylint::invalid_front_matter),
        help(
            "front matter takes `to`, `missed-calls` and `elapsed`, such as `to: client`, `missed-calls: 2`, `elapsed: 3h`"
        )
    )]
    FrontMatter {
        name: String,
        message: String,
        #[source_code]
        source_code: TextSource<Arc<String>>,
        #[label("here")]
        span: SourceSpan,
    },
}

const BYTE_ORDER_MARK: &str = "\u{feff}";

/// The largest draft linted, in bytes. A reply text is a few hundred bytes;
/// the limit keeps a wrong path (a log, a disk image, /dev/zero) from
/// filling memory.
pub const MAX_DRAFT_BYTES: u64 = 1024 * 1024;

impl Draft {
    /// Reads a draft from raw bytes; `name` is used in messages.
    pub fn from_bytes(name: &str, bytes: Vec<u8>) -> Result<Draft, DraftError> {
        let source = String::from_utf8(bytes).map_err(|error| DraftError::InvalidUtf8 {
            name: name.to_string(),
            offset: error.utf8_error().valid_up_to(),
        })?;
        Draft::from_text(name, source)
    }

    /// Makes a draft of text that has no front matter, such as a rule's
    /// example.
    pub fn plain(name: &str, source: String) -> Draft {
        Draft {
            name: name.to_string(),
            body: 0..source.len(),
            style: Style::of(&source),
            source,
            front_matter: FrontMatter::default(),
        }
    }

    /// Returns this draft with its text replaced by a fixed version whose
    /// front matter and body start are unchanged, as fixes never edit them.
    pub fn with_source(&self, source: String) -> Draft {
        Draft {
            name: self.name.clone(),
            body: self.body.start..source.len(),
            source,
            front_matter: self.front_matter.clone(),
            style: self.style,
        }
    }

    /// Reads a draft from text, splitting off any front matter.
    pub fn from_text(name: &str, source: String) -> Result<Draft, DraftError> {
        let start = if source.starts_with(BYTE_ORDER_MARK) {
            BYTE_ORDER_MARK.len()
        } else {
            0
        };
        let Some((yaml, body_start)) = split_front_matter(&source, start) else {
            return Ok(Draft {
                name: name.to_string(),
                body: start..source.len(),
                style: Style::of(&source[start..]),
                source,
                front_matter: FrontMatter::default(),
            });
        };

        let front_matter = parse_front_matter(name, &source, yaml)?;
        Ok(Draft {
            name: name.to_string(),
            body: body_start..source.len(),
            style: Style::of(&source[body_start..]),
            source,
            front_matter,
        })
    }
}

/// Finds front matter that starts at `start`: a `---` line, YAML, and a
/// closing `---` line. Returns the YAML's range and where the body starts.
fn split_front_matter(source: &str, start: usize) -> Option<(Range<usize>, usize)> {
    let rest = &source[start..];
    let first_line_end = rest.find('\n')?;
    if rest[..first_line_end].trim_end_matches('\r') != "---" {
        return None;
    }
    let yaml_start = start + first_line_end + 1;
    let mut line_start = yaml_start;
    while line_start <= source.len() {
        let line_end = source[line_start..]
            .find('\n')
            .map_or(source.len(), |offset| line_start + offset);
        if source[line_start..line_end].trim_end_matches('\r') == "---" {
            let body_start = (line_end + 1).min(source.len());
            return Some((yaml_start..line_start, body_start));
        }
        if line_end == source.len() {
            break;
        }
        line_start = line_end + 1;
    }
    None
}

fn parse_front_matter(
    name: &str,
    source: &str,
    yaml: Range<usize>,
) -> Result<FrontMatter, DraftError> {
    let error = |message: String, offset: usize| {
        let line_length = source[offset..]
            .find(['\r', '\n'])
            .unwrap_or(source.len() - offset);
        DraftError::FrontMatter {
            name: name.to_string(),
            message,
            source_code: TextSource::new(name, Arc::new(source.to_string())),
            span: (offset, line_length).into(),
        }
    };
    let text = &source[yaml.clone()];
    let fields = load::parse_front_matter(text)
        .map_err(|failure| error(failure.message, yaml.start + failure.offset.unwrap_or(0)))?;

    let elapsed = match fields.elapsed.as_deref().map(str::parse::<Elapsed>) {
        Some(Err(invalid)) => {
            let offset = load::front_matter_offset(text, "elapsed").unwrap_or(0);
            return Err(error(invalid.to_string(), yaml.start + offset));
        }
        Some(Ok(elapsed)) => Some(elapsed),
        None => None,
    };
    if fields.missed_calls == Some(0) {
        let offset = load::front_matter_offset(text, "missed-calls").unwrap_or(0);
        return Err(error(
            "missed-calls must be 1 or more: the draft replies to at least one missed call".into(),
            yaml.start + offset,
        ));
    }
    let to_span = fields.to.as_ref().map(|to| {
        let offset = yaml.start + load::front_matter_offset(text, "to").unwrap_or(0);
        offset..offset + to.len()
    });
    Ok(FrontMatter {
        to: fields.to,
        to_span,
        missed_calls: fields.missed_calls,
        elapsed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_off() {
        let draft =
            Draft::from_text("d", "---\nto: client\nelapsed: 2d\n---\nsry\n".into()).unwrap();
        assert_eq!(&draft.source[draft.body.clone()], "sry\n");
        assert_eq!(draft.front_matter.to.as_deref(), Some("client"));
        assert_eq!(
            draft.front_matter.elapsed,
            Some(Elapsed::from_minutes(2880))
        );
        let span = draft.front_matter.to_span.unwrap();
        assert_eq!(&draft.source[span], "client");
    }

    #[test]
    fn crlf_front_matter_after_bom() {
        let draft =
            Draft::from_text("d", "\u{feff}---\r\nmissed-calls: 3\r\n---\r\nhi".into()).unwrap();
        assert_eq!(&draft.source[draft.body.clone()], "hi");
        assert_eq!(draft.front_matter.missed_calls, Some(3));
    }

    #[test]
    fn unclosed_marker_is_body() {
        let draft = Draft::from_text("d", "---\nnot front matter".into()).unwrap();
        assert_eq!(draft.body, 0..draft.source.len());
    }

    #[test]
    fn unknown_front_matter_key_is_an_error() {
        let error = Draft::from_text("d", "---\naudience: client\n---\nhi".into()).unwrap_err();
        assert!(
            error.to_string().contains("unknown field `audience`"),
            "{error}"
        );
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        let error = Draft::from_bytes("d", b"sry \xff missed".to_vec()).unwrap_err();
        assert_eq!(error.to_string(), "d: invalid UTF-8 at byte offset 4");
    }
}
