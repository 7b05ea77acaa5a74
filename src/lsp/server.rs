//! The server's state and its handling of each message.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crossbeam_channel::TryRecvError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeConfiguration, DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{CodeActionRequest, Request as _};
use lsp_types::{
    CodeActionParams, DidChangeConfigurationParams, DidChangeTextDocumentParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams, MessageType,
    PublishDiagnosticsParams, ShowMessageParams, Uri,
};

use super::actions::{Target, code_actions};
use super::diagnostics::DiagnosticSupport;
use super::document::{Document, LintSettings, file_path, lint_document};
use super::encoding::{PositionEncoding, PositionMap};
use super::rules::RuleCache;
use super::settings::Settings;
use super::transport::INVALID_REQUEST;

/// The client's capabilities from start-up that change the output.
pub struct Session {
    pub encoding: PositionEncoding,
    pub support: DiagnosticSupport,
    pub versioned_edits: bool,
}

/// The reason the message loop ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Ending {
    /// `shutdown` and then `exit`, as the protocol specifies.
    Shutdown,
    /// `exit` without `shutdown`, or the client went away.
    Abrupt,
}

pub struct Server {
    connection: Connection,
    session: Session,
    settings: Settings,
    rules: RuleCache,
    documents: HashMap<Uri, Document>,
    /// Messages already shown in a pop-up, so that a broken rule file does
    /// not raise one on every keystroke.
    shown: HashSet<String>,
    /// Whether `shutdown` has been received.
    shut_down: bool,
}

impl Server {
    pub fn new(connection: Connection, session: Session, rules: RuleCache) -> Self {
        Server {
            connection,
            session,
            settings: Settings::default(),
            rules,
            documents: HashMap::new(),
            shown: HashSet::new(),
            shut_down: false,
        }
    }

    /// Applies settings the client sent, or shows why they are wrong and
    /// keeps the ones in force.
    pub fn set_settings(&mut self, value: &serde_json::Value) {
        match Settings::from_value(value) {
            Ok(None) => {}
            Ok(Some(settings)) => {
                if settings != self.settings {
                    self.settings = settings;
                    self.mark_all_stale();
                }
            }
            Err(message) => self.show_error(message),
        }
    }

    /// Handles messages until the client ends the session. Messages that
    /// arrive together are all handled before linting, so a burst of edits
    /// is linted once.
    pub fn run(&mut self) -> Ending {
        loop {
            let Ok(message) = self.connection.receiver.recv() else {
                return Ending::Abrupt;
            };
            if let Some(ending) = self.handle(message) {
                return ending;
            }
            loop {
                match self.connection.receiver.try_recv() {
                    Ok(message) => {
                        if let Some(ending) = self.handle(message) {
                            return ending;
                        }
                    }
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => return Ending::Abrupt,
                }
            }
            self.publish_stale();
        }
    }

    fn handle(&mut self, message: Message) -> Option<Ending> {
        if self.shut_down {
            return self.handle_after_shutdown(message);
        }
        match message {
            Message::Request(request) => self.handle_request(request),
            Message::Notification(notification) => self.handle_notification(notification),
            // The server sends no requests, so no response is expected.
            Message::Response(_) => None,
        }
    }

    /// After `shutdown` the protocol allows only `exit`: other requests get
    /// an error and other notifications are dropped.
    fn handle_after_shutdown(&mut self, message: Message) -> Option<Ending> {
        match message {
            Message::Notification(notification) if notification.method == "exit" => {
                Some(Ending::Shutdown)
            }
            Message::Request(request) => {
                let response = Response::new_err(
                    request.id,
                    ErrorCode::InvalidRequest as i32,
                    format!("{} after shutdown; only exit is expected", request.method),
                );
                self.send(response.into());
                None
            }
            _ => None,
        }
    }

    fn handle_request(&mut self, request: Request) -> Option<Ending> {
        // Edits sent before a request come first, so that its response,
        // and the diagnostics before it, reflect them.
        self.publish_stale();
        let response = match request.method.as_str() {
            "shutdown" => {
                self.shut_down = true;
                Response::new_ok(request.id, ())
            }
            "initialize" => Response::new_err(
                request.id,
                ErrorCode::InvalidRequest as i32,
                "the session is already initialized".to_string(),
            ),
            CodeActionRequest::METHOD => match code_action_params(request.params) {
                Ok(params) => Response::new_ok(request.id, self.code_action(params)),
                Err(error) => invalid_params(request.id, &error),
            },
            _ => Response::new_err(
                request.id,
                ErrorCode::MethodNotFound as i32,
                format!("sorrylint does not handle {}", request.method),
            ),
        };
        self.send(response.into());
        None
    }

    fn handle_notification(&mut self, notification: Notification) -> Option<Ending> {
        let method = notification.method.clone();
        let params = notification.params;
        match method.as_str() {
            "exit" => return Some(Ending::Abrupt),
            INVALID_REQUEST => self.reject_invalid_request(params),
            DidOpenTextDocument::METHOD => {
                if let Some(params) = parse::<DidOpenTextDocumentParams>(&method, params) {
                    let document = params.text_document;
                    self.documents.insert(
                        document.uri,
                        Document {
                            text: document.text,
                            version: document.version,
                            linted: None,
                        },
                    );
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Some(params) = parse::<DidChangeTextDocumentParams>(&method, params) {
                    self.change(params);
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Some(params) = parse::<DidSaveTextDocumentParams>(&method, params) {
                    self.saved(&params.text_document.uri);
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Some(params) = parse::<DidCloseTextDocumentParams>(&method, params) {
                    let uri = params.text_document.uri;
                    self.documents.remove(&uri);
                    self.publish(uri, Vec::new(), None);
                }
            }
            DidChangeConfiguration::METHOD => {
                if let Some(params) = parse::<DidChangeConfigurationParams>(&method, params) {
                    self.set_settings(&params.settings);
                }
            }
            // Cancellation, progress and the like need no response here.
            _ => {}
        }
        None
    }

    /// Takes the client's new text. The server requests whole documents,
    /// but a change with a range, which a client may send anyway, is
    /// applied as an edit of that range.
    fn change(&mut self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let Some(document) = self.documents.get_mut(&uri) else {
            eprintln!(
                "sorrylint: a change to {} arrived before it was opened; ignored",
                uri.as_str()
            );
            return;
        };
        for change in params.content_changes {
            match change.range {
                Some(range) => {
                    let span = PositionMap::new(&document.text, self.session.encoding).span(range);
                    document.text.replace_range(span, &change.text);
                }
                None => document.text = change.text,
            }
        }
        document.version = params.text_document.version;
        document.linted = None;
    }

    /// Lints a saved document again, since its rules may have changed on
    /// disk. A saved rule or configuration file reloads every rule set.
    fn saved(&mut self, uri: &Uri) {
        let is_yaml = file_path(uri).is_some_and(|path| {
            path.extension()
                .is_some_and(|extension| extension == "yaml" || extension == "yml")
        });
        if is_yaml {
            self.rules.clear();
            self.mark_all_stale();
        } else if let Some(document) = self.documents.get_mut(uri) {
            document.linted = None;
        }
    }

    /// Sends the error response for a request the transport could not
    /// parse.
    fn reject_invalid_request(&mut self, params: serde_json::Value) {
        let Ok(id) = serde_json::from_value::<RequestId>(params["id"].clone()) else {
            return;
        };
        let message = params["message"]
            .as_str()
            .unwrap_or("invalid request")
            .to_string();
        self.send(Response::new_err(id, ErrorCode::InvalidRequest as i32, message).into());
    }

    fn mark_all_stale(&mut self) {
        for document in self.documents.values_mut() {
            document.linted = None;
        }
    }

    /// Lints every document whose text changed since it was last linted,
    /// and publishes its diagnostics.
    fn publish_stale(&mut self) {
        let stale: Vec<Uri> = self
            .documents
            .iter()
            .filter(|(_, document)| document.linted.is_none())
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in stale {
            self.lint(&uri);
        }
    }

    /// Lints one document now and publishes its diagnostics.
    fn lint(&mut self, uri: &Uri) {
        let folder = file_path(uri)
            .and_then(|path| path.parent().map(PathBuf::from))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        let rules = self.rules.for_folder(&folder);
        if let Err(error) = &rules {
            self.show_error(error.message.clone());
        }
        let Some(document) = self.documents.get_mut(uri) else {
            return;
        };
        let how = LintSettings {
            settings: &self.settings,
            encoding: self.session.encoding,
            support: self.session.support,
        };
        let linted = lint_document(uri, &document.text, rules, &how);
        let diagnostics = linted.diagnostics.clone();
        let version = document.version;
        document.linted = Some(linted);
        self.publish(uri.clone(), diagnostics, Some(version));
    }

    fn code_action(&mut self, params: CodeActionParams) -> Vec<lsp_types::CodeActionOrCommand> {
        let uri = params.text_document.uri;
        let stale = self
            .documents
            .get(&uri)
            .is_some_and(|document| document.linted.is_none());
        if stale {
            self.lint(&uri);
        }
        let Some(document) = self.documents.get(&uri) else {
            return Vec::new();
        };
        let Some(lint) = document
            .linted
            .as_ref()
            .and_then(|linted| linted.lint.as_ref())
        else {
            return Vec::new();
        };
        let map = PositionMap::new(&document.text, self.session.encoding);
        let target = Target {
            uri: &uri,
            version: document.version,
            map: &map,
            versioned_edits: self.session.versioned_edits,
            support: self.session.support,
        };
        let span = map.span(params.range);
        code_actions(&target, lint, span, &params.context)
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.send(Notification::new(PublishDiagnostics::METHOD.to_string(), params).into());
    }

    /// Shows an error in the editor once, and logs it.
    fn show_error(&mut self, message: String) {
        eprintln!("sorrylint: {message}");
        if !self.shown.insert(message.clone()) {
            return;
        }
        let params = ShowMessageParams {
            typ: MessageType::ERROR,
            message,
        };
        self.send(Notification::new(ShowMessage::METHOD.to_string(), params).into());
    }

    fn send(&self, message: Message) {
        // The client has gone when this fails; the loop notices on its next
        // read and ends.
        let _ = self.connection.sender.send(message);
    }
}

/// Reads a notification's parameters, logging the ones that do not parse.
fn parse<P: serde::de::DeserializeOwned>(method: &str, params: serde_json::Value) -> Option<P> {
    match serde_json::from_value(params) {
        Ok(params) => Some(params),
        Err(error) => {
            eprintln!("sorrylint: ignored {method} with invalid parameters: {error}");
            None
        }
    }
}

/// Reads code action parameters. Neovim before 0.8 sends `only` as one
/// kind rather than a list; it is taken as a list of that kind.
fn code_action_params(mut params: serde_json::Value) -> serde_json::Result<CodeActionParams> {
    if let Some(only) = params.pointer_mut("/context/only")
        && only.is_string()
    {
        *only = serde_json::Value::Array(vec![only.take()]);
    }
    serde_json::from_value(params)
}

fn invalid_params(id: lsp_server::RequestId, error: &serde_json::Error) -> Response {
    Response::new_err(
        id,
        ErrorCode::InvalidParams as i32,
        format!("invalid parameters: {error}"),
    )
}
