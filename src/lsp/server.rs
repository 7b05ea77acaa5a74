//! The server's state and its handling of each message.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossbeam_channel::{RecvTimeoutError, TryRecvError};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeConfiguration, DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{CodeActionRequest, Request as _, WorkspaceConfiguration};
use lsp_types::{
    CodeActionParams, ConfigurationItem, ConfigurationParams, DidChangeConfigurationParams,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, MessageType, PublishDiagnosticsParams, ShowMessageParams, Uri,
};

use super::actions::{Target, code_actions};
use super::diagnostics::DiagnosticSupport;
use super::document::{Document, LintSettings, file_path, lint_document};
use super::encoding::{PositionEncoding, PositionMap};
use super::handshake::invalid_request_response;
use super::rules::RuleCache;
use super::settings::Settings;
use super::transport::INVALID_REQUEST;

/// The client's capabilities from start-up that change the output.
pub struct Session {
    pub encoding: PositionEncoding,
    pub support: DiagnosticSupport,
    pub versioned_edits: bool,
    /// The client responds to `workspace/configuration`, which is how Neovim
    /// and VS Code clients hand over settings.
    pub pulls_settings: bool,
}

/// How long linting waits for the client's settings before it goes on
/// without them. Clients respond within milliseconds.
const SETTINGS_WAIT: Duration = Duration::from_secs(1);

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
    shown_messages: HashSet<String>,
    /// Whether `shutdown` has been received.
    shut_down: bool,
    /// The id of the settings request awaiting a response, if any.
    settings_request: Option<RequestId>,
    /// When that request went out, while linting still waits for it.
    settings_requested_at: Option<Instant>,
    /// The id for the next request the server sends.
    next_request_id: i32,
}

impl Server {
    pub fn new(connection: Connection, session: Session, rules: RuleCache) -> Self {
        Server {
            connection,
            session,
            settings: Settings::default(),
            rules,
            documents: HashMap::new(),
            shown_messages: HashSet::new(),
            shut_down: false,
            settings_request: None,
            settings_requested_at: None,
            next_request_id: 1,
        }
    }

    /// Applies settings the client sent, or shows why they are wrong and
    /// keeps the ones in force.
    /// Returns whether `value` had sorrylint settings, valid or not.
    pub fn set_settings(&mut self, value: &serde_json::Value) -> bool {
        match Settings::from_value(value) {
            Ok(None) => false,
            Ok(Some(settings)) => {
                if settings != self.settings {
                    self.settings = settings;
                    self.mark_all_stale();
                }
                true
            }
            Err(message) => {
                self.show_error(message);
                true
            }
        }
    }

    /// Asks the client for the `sorrylint` section of its settings, when
    /// it responds to such requests. The response arrives in the main loop.
    pub fn request_settings(&mut self) {
        if !self.session.pulls_settings {
            return;
        }
        let id = RequestId::from(self.next_request_id);
        self.next_request_id += 1;
        let params = ConfigurationParams {
            items: vec![ConfigurationItem {
                scope_uri: None,
                section: Some("sorrylint".to_string()),
            }],
        };
        self.settings_request = Some(id.clone());
        self.settings_requested_at = Some(Instant::now());
        self.send(Request::new(id, WorkspaceConfiguration::METHOD.to_string(), params).into());
    }

    /// Returns until when linting waits for the settings requested, if it
    /// still does.
    fn settings_deadline(&self) -> Option<Instant> {
        self.settings_requested_at
            .map(|requested| requested + SETTINGS_WAIT)
            .filter(|_| self.settings_request.is_some())
    }

    /// Applies the settings the client sent back for `request_settings`.
    fn settings_response(&mut self, response: Response) {
        if self.settings_request.as_ref() != Some(&response.id) {
            return;
        }
        self.settings_request = None;
        self.settings_requested_at = None;
        let section = match response.response_result {
            Ok(serde_json::Value::Array(mut items)) if !items.is_empty() => items.swap_remove(0),
            Ok(other) => {
                eprintln!(
                    "sorrylint: ignored settings that are not a list of one section: {other}"
                );
                return;
            }
            Err(error) => {
                eprintln!("sorrylint: the editor sent no settings: {}", error.message);
                return;
            }
        };
        // The section itself, so `null` means none were set, and the
        // initialization options stay.
        if section.is_null() {
            return;
        }
        self.set_settings(&serde_json::json!({ "sorrylint": section }));
    }

    /// Handles messages until the client ends the session. Messages that
    /// arrive together are all handled before linting, so a burst of edits
    /// is linted once.
    pub fn run(&mut self) -> Ending {
        loop {
            let message = match self.settings_deadline() {
                Some(deadline) => match self.connection.receiver.recv_deadline(deadline) {
                    Ok(message) => message,
                    Err(RecvTimeoutError::Timeout) => {
                        eprintln!(
                            "sorrylint: the editor has not sent its settings; linting without them"
                        );
                        self.settings_requested_at = None;
                        self.publish_stale();
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => return Ending::Abrupt,
                },
                None => match self.connection.receiver.recv() {
                    Ok(message) => message,
                    Err(_) => return Ending::Abrupt,
                },
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
            Message::Response(response) => {
                self.settings_response(response);
                None
            }
        }
    }

    /// After `shutdown` the protocol allows only `exit`: other requests get
    /// an error and other notifications are dropped.
    fn handle_after_shutdown(&mut self, message: Message) -> Option<Ending> {
        match message {
            Message::Notification(notification) if notification.method == "exit" => {
                Some(Ending::Shutdown)
            }
            Message::Notification(notification) if notification.method == INVALID_REQUEST => {
                if let Some(response) = invalid_request_response(&notification.params) {
                    self.send(response.into());
                }
                None
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
            INVALID_REQUEST => {
                if let Some(response) = invalid_request_response(&params) {
                    self.send(response.into());
                }
            }
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
                    // Clients that hand settings over on request send a bare
                    // notice here; the section is then asked for again.
                    if !self.set_settings(&params.settings) {
                        self.request_settings();
                    }
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

    fn mark_all_stale(&mut self) {
        for document in self.documents.values_mut() {
            document.linted = None;
        }
    }

    /// Lints every document whose text changed since it was last linted,
    /// and publishes its diagnostics.
    fn publish_stale(&mut self) {
        // Diagnostics for the wrong audience would flash up and change a
        // moment later, so linting waits for the settings, a little.
        if self.settings_deadline().is_some() {
            return;
        }
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
        let lint_settings = LintSettings {
            settings: &self.settings,
            encoding: self.session.encoding,
            support: self.session.support,
        };
        let linted = lint_document(uri, &document.text, rules, &lint_settings);
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
        if !self.shown_messages.insert(message.clone()) {
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
