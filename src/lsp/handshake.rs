//! The start of a session: waiting for `initialize`.
//!
//! lsp-server's own handshake drops every notification before
//! `initialize`, including the server's note of an invalid request, and
//! ends the session when anything but `initialized` follows the
//! `initialize` response. This one sends errors for requests that come too early
//! and leaves `initialized`, like any other message, to the main loop.

use lsp_server::{Connection, ErrorCode, Message, RequestId, Response};
use serde_json::Value;

use super::transport::INVALID_REQUEST;

/// Waits for the `initialize` request and returns its id and parameters.
/// Other requests get the protocol's "server not initialized" error and
/// notifications are dropped, as the protocol specifies.
pub fn wait_for_initialize(connection: &Connection) -> Result<(RequestId, Value), String> {
    loop {
        let Ok(message) = connection.receiver.recv() else {
            return Err("the editor closed the connection before initialize".to_string());
        };
        match message {
            Message::Request(request) if request.method == "initialize" => {
                return Ok((request.id, request.params));
            }
            Message::Request(request) => {
                let response = Response::new_err(
                    request.id,
                    ErrorCode::ServerNotInitialized as i32,
                    format!("{} before initialize", request.method),
                );
                let _ = connection.sender.send(response.into());
            }
            Message::Notification(notification) if notification.method == "exit" => {
                return Err("the editor sent exit before initialize".to_string());
            }
            Message::Notification(notification) if notification.method == INVALID_REQUEST => {
                if let Some(response) = invalid_request_response(&notification.params) {
                    let _ = connection.sender.send(response.into());
                }
            }
            Message::Notification(notification) => {
                eprintln!(
                    "sorrylint: dropped {} sent before initialize",
                    notification.method
                );
            }
            Message::Response(response) => {
                eprintln!(
                    "sorrylint: dropped a response to request {} sent before initialize",
                    response.id
                );
            }
        }
    }
}

/// Builds the error response for a request the transport could not
/// parse, from the parameters of its `INVALID_REQUEST` note.
pub fn invalid_request_response(params: &Value) -> Option<Response> {
    let id = serde_json::from_value::<RequestId>(params["id"].clone()).ok()?;
    let message = params["message"]
        .as_str()
        .unwrap_or("invalid request")
        .to_string();
    Some(Response::new_err(
        id,
        ErrorCode::InvalidRequest as i32,
        message,
    ))
}
