//! Protocol messages on stdin and stdout.
//!
//! lsp-server's own stdio transport allocates whatever `Content-Length`
//! claims before reading, so one bogus header aborts the process, and one
//! body that is not valid JSON ends the session. This transport rejects
//! oversized messages before allocating, and skips a body that does not
//! parse, so that one bad message costs only itself.

use std::io::{self, BufRead, Read};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crossbeam_channel::{Sender, bounded};
use lsp_server::{Connection, Message, Notification, RequestId};
use serde_json::{Value, json};

/// The largest message body read. A 1 MiB draft is at most 6 MiB of JSON
/// (every byte written as a `\u` escape), so this leaves room for the
/// rest of a message and still stops a bogus length from exhausting
/// memory.
pub const MAX_MESSAGE_BYTES: usize = 16 * 1024 * 1024;

/// The maximum length of a header line; real ones are a few dozen bytes.
const MAX_HEADER_LINE_BYTES: u64 = 1024;

/// The method of the notification the reader sends the server in place of
/// a request it could not parse, so that the server sends the client an
/// error response. Methods starting with `$/` are the protocol's own, and
/// clients never send this one.
pub const INVALID_REQUEST: &str = "$/sorrylint/invalidRequest";

/// The threads that move messages between the connection and stdio.
pub struct IoThreads {
    reader: JoinHandle<io::Result<()>>,
    writer: JoinHandle<io::Result<()>>,
}

impl IoThreads {
    /// Waits until every message the server sent is written, and returns
    /// the first error of either thread. Call it after the server has
    /// dropped its connection.
    ///
    /// `reader_ending` is true when the reader is known to be stopping, because it
    /// passed on `exit` or closed its channel, so waiting for it is safe.
    /// Otherwise it may be blocked on input that never comes, and it gets
    /// a moment to finish before it is left to end with the process.
    pub fn finish(self, reader_ending: bool) -> io::Result<()> {
        let written = self
            .writer
            .join()
            .expect("the writer thread does not panic");
        if !reader_ending {
            let deadline = Instant::now() + Duration::from_millis(200);
            while !self.reader.is_finished() && Instant::now() < deadline {
                thread::sleep(Duration::from_millis(5));
            }
            if !self.reader.is_finished() {
                return written;
            }
        }
        let read = self
            .reader
            .join()
            .expect("the reader thread does not panic");
        read.and(written)
    }
}

/// Connects the server to stdin and stdout.
pub fn stdio() -> (Connection, IoThreads) {
    let (to_client, outgoing) = bounded::<Message>(0);
    let (incoming, from_client) = bounded::<Message>(0);

    let writer = thread::Builder::new()
        .name("lsp-writer".to_string())
        .spawn(move || {
            let mut stdout = io::stdout().lock();
            for message in outgoing {
                message.write(&mut stdout)?;
            }
            Ok(())
        })
        .expect("the writer thread starts");

    let reader = thread::Builder::new()
        .name("lsp-reader".to_string())
        .spawn(move || read_messages(&mut io::stdin().lock(), &incoming))
        .expect("the reader thread starts");

    let connection = Connection {
        sender: to_client,
        receiver: from_client,
    };
    (connection, IoThreads { reader, writer })
}

/// Reads messages until the input ends or `exit` arrives, passing each to
/// `incoming`. A body that is not a valid message is logged and skipped.
/// When it has a request id, the server gets an `INVALID_REQUEST`
/// notification for it, so that the client does not wait forever.
pub fn read_messages(input: &mut impl BufRead, incoming: &Sender<Message>) -> io::Result<()> {
    while let Some(body) = read_body(input)? {
        let message = match parse_message(&body) {
            Ok(message) => message,
            Err(error) => {
                eprintln!(
                    "sorrylint: skipped a message of {} bytes that is not a valid protocol message: {error}",
                    body.len()
                );
                if let Some(id) = request_id(&body) {
                    let params = json!({"id": id, "message": format!("not a valid protocol message: {error}")});
                    let _ = incoming
                        .send(Notification::new(INVALID_REQUEST.to_string(), params).into());
                }
                continue;
            }
        };
        let is_exit = matches!(&message, Message::Notification(notification) if notification.method == "exit");
        if incoming.send(message).is_err() || is_exit {
            // The server stopped listening, or the session is over.
            break;
        }
    }
    Ok(())
}

/// Reads one message body, or `None` at the end of the input.
fn read_body(input: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut length = None;
    let mut first = true;
    loop {
        let mut line = String::new();
        let read = input
            .by_ref()
            .take(MAX_HEADER_LINE_BYTES)
            .read_line(&mut line)?;
        if read == 0 {
            if first {
                return Ok(None);
            }
            return Err(invalid_data(
                "the input ended inside a message header".into(),
            ));
        }
        first = false;
        let Some(line) = line
            .strip_suffix("\r\n")
            .or_else(|| line.strip_suffix('\n'))
        else {
            if read as u64 == MAX_HEADER_LINE_BYTES {
                return Err(invalid_data(format!(
                    "a message header line is longer than {MAX_HEADER_LINE_BYTES} bytes"
                )));
            }
            return Err(invalid_data(
                "the input ended inside a message header".into(),
            ));
        };
        if line.is_empty() {
            break;
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(invalid_data(format!("malformed message header {line:?}")));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            let value = value.trim();
            length = Some(value.parse::<usize>().map_err(|_| {
                invalid_data(format!("Content-Length {value:?} is not a whole number"))
            })?);
        }
    }

    let length = length.ok_or_else(|| invalid_data("a message has no Content-Length".into()))?;
    if length > MAX_MESSAGE_BYTES {
        return Err(invalid_data(format!(
            "a message of {length} bytes is larger than the {MAX_MESSAGE_BYTES}-byte limit"
        )));
    }
    let mut body = vec![0; length];
    input
        .read_exact(&mut body)
        .map_err(|error| match error.kind() {
            io::ErrorKind::UnexpectedEof => invalid_data(format!(
                "the input ended inside a message body of {length} bytes"
            )),
            _ => error,
        })?;
    Ok(Some(body))
}

/// Parses a message body. A body that is not valid JSON only because of
/// lone UTF-16 surrogates, which JavaScript editors can send for a
/// half-deleted emoji, is read with U+FFFD in their place. Each takes one
/// UTF-16 unit either way, so positions stay right.
fn parse_message(body: &[u8]) -> Result<Message, serde_json::Error> {
    serde_json::from_slice(body).or_else(|error| {
        // Only a body that is UTF-8 is repaired, so that the repair never
        // hides a different fault.
        let Ok(text) = std::str::from_utf8(body) else {
            return Err(error);
        };
        let repaired = replace_lone_surrogates(text);
        if repaired == text {
            return Err(error);
        }
        serde_json::from_str(&repaired)
    })
}

/// The id of a body that is a JSON object with an `id`, such as a request
/// whose parameters do not fit its method.
fn request_id(body: &[u8]) -> Option<RequestId> {
    let value: Value = serde_json::from_slice(body).ok()?;
    match value.get("id")? {
        Value::Number(number) => Some(RequestId::from(i32::try_from(number.as_i64()?).ok()?)),
        Value::String(text) => Some(RequestId::from(text.clone())),
        _ => None,
    }
}

/// Replaces each `\uXXXX` escape of a surrogate that is not half of a
/// pair with `\ufffd`.
fn replace_lone_surrogates(json: &str) -> String {
    let bytes = json.as_bytes();
    let unit_at = |index: usize| -> Option<u16> {
        let escape = bytes.get(index..index + 6)?;
        if &escape[..2] != b"\\u" {
            return None;
        }
        u16::from_str_radix(std::str::from_utf8(&escape[2..]).ok()?, 16).ok()
    };
    let is_high = |unit: u16| (0xD800..0xDC00).contains(&unit);
    let is_low = |unit: u16| (0xDC00..0xE000).contains(&unit);

    let mut output = String::with_capacity(json.len());
    let mut index = 0;
    let mut copied = 0;
    while index < bytes.len() {
        if bytes[index] != b'\\' {
            index += 1;
            continue;
        }
        let Some(unit) = unit_at(index) else {
            // Another escape: skip the backslash and the escaped character,
            // so that `\\u` is never read as an escape.
            index += 2;
            continue;
        };
        let paired = is_high(unit) && unit_at(index + 6).is_some_and(is_low);
        if paired {
            index += 12;
        } else if is_high(unit) || is_low(unit) {
            output.push_str(&json[copied..index]);
            output.push_str("\\ufffd");
            index += 6;
            copied = index;
        } else {
            index += 6;
        }
    }
    output.push_str(&json[copied..]);
    output
}

fn invalid_data(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    /// Reads `input` and returns what reached the server and the reader's
    /// result.
    fn read_all(input: &[u8]) -> (Vec<Message>, io::Result<()>) {
        let (incoming, from_client) = bounded(64);
        let result = read_messages(&mut &input[..], &incoming);
        drop(incoming);
        (from_client.iter().collect(), result)
    }

    #[test]
    fn oversized_length_is_rejected_before_reading() {
        let (messages, result) = read_all(b"Content-Length: 18446744073709551615\r\n\r\n{}");
        assert!(messages.is_empty());
        let error = result.unwrap_err();
        assert!(error.to_string().contains("larger than"), "{error}");
    }

    #[test]
    fn invalid_body_is_skipped() {
        let input = [
            framed(r#"{"jsonrpc":"2.0","id":7,"method":"textDocument/codeAction","params":"#),
            framed(r#"{"jsonrpc":"2.0","id":8,"method":5}"#),
            framed(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
        ]
        .concat();
        let (messages, result) = read_all(&input);
        result.unwrap();
        // The first body is not JSON, so it has no id to respond to, but
        // the second has one.
        assert_eq!(messages.len(), 2, "{messages:?}");
        let Message::Notification(invalid) = &messages[0] else {
            panic!("{messages:?}");
        };
        assert_eq!(invalid.method, INVALID_REQUEST);
        assert_eq!(invalid.params["id"], 8);
        let Message::Notification(initialized) = &messages[1] else {
            panic!("{messages:?}");
        };
        assert_eq!(initialized.method, "initialized");
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        let body = r#"{"jsonrpc":"2.0","method":"x","params":{"text":"sry \ud83d u \ude4f \ud83d\ude4f \\ud83d"}}"#;
        let (messages, result) = read_all(&framed(body));
        result.unwrap();
        let Message::Notification(notification) = &messages[0] else {
            panic!("{messages:?}");
        };
        assert_eq!(
            notification.params["text"],
            "sry \u{fffd} u \u{fffd} 🙏 \\ud83d"
        );
    }

    #[test]
    fn broken_headers_end_the_session() {
        let cases: [&[u8]; 4] = [
            b"garbage\r\n\r\n",
            b"Content-Length: five\r\n\r\n",
            b"Content-Type: x\r\n\r\n{}",
            b"Content-Length: 2\r\n",
        ];
        for input in cases {
            let (_, result) = read_all(input);
            assert!(result.is_err(), "{:?}", String::from_utf8_lossy(input));
        }
        let long_line = [b"X-Long: ".as_slice(), &[b'a'; 2000]].concat();
        let error = read_all(&long_line).1.unwrap_err();
        assert!(error.to_string().contains("longer than"), "{error}");
        let error = read_all(b"Content-Len").1.unwrap_err();
        assert!(
            error.to_string().contains("ended inside a message header"),
            "{error}"
        );
        let error = read_all(b"Content-Length: 9\r\n\r\n{}").1.unwrap_err();
        assert!(error.to_string().contains("body of 9 bytes"), "{error}");
    }

    #[test]
    fn input_ends_cleanly_between_messages() {
        let (messages, result) = read_all(&framed(r#"{"jsonrpc":"2.0","method":"initialized"}"#));
        result.unwrap();
        assert_eq!(messages.len(), 1);
    }
}
