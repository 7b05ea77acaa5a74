//! `sorrylint lsp`: a language server over stdin and stdout, so editors
//! lint drafts as they are typed and offer the fixes as code actions.
//!
//! Everything the server logs goes to stderr; stdout carries only
//! protocol messages.

mod actions;
mod diagnostics;
mod document;
mod encoding;
mod handshake;
mod rules;
mod server;
mod settings;
mod transport;

use lsp_server::{Connection, ErrorCode, Response};
use lsp_types::{
    ClientCapabilities, CodeActionKind, CodeActionOptions, CodeActionProviderCapability,
    InitializeParams, InitializeResult, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions,
};

use crate::exit::ExitStatus;
use crate::selection::{ConfigChoice, RuleSelection};

pub use actions::FIX_ALL;
pub use encoding::{PositionEncoding, PositionMap};
pub use server::Ending;

use diagnostics::DiagnosticSupport;
use rules::RuleCache;
use server::{Server, Session};

/// The rule choice from the server's command line.
#[derive(Clone, Debug)]
pub struct ServerOptions {
    pub config: ConfigChoice,
    pub selection: RuleSelection,
}

/// Serves one client over stdin and stdout until it exits.
pub fn run_stdio(options: ServerOptions) -> ExitStatus {
    let (connection, io_threads) = transport::stdio();
    let result = serve(connection, options);
    // A session that ran to its end stopped because the reader passed on
    // `exit` or the input ended. One that failed to start may still have a
    // reader waiting for input.
    let reader_ending = result.is_ok();
    // The transport's error, such as a broken header, is the cause when
    // both fail, so it comes first.
    let transport = io_threads.finish(reader_ending);
    if let Err(error) = &transport {
        eprintln!("sorrylint: the connection to the editor failed: {error}");
    }
    match result {
        Ok(_) if transport.is_err() => ExitStatus::Error,
        Ok(Ending::Shutdown) => ExitStatus::Clean,
        // The protocol specifies status 1 when `exit` comes without
        // `shutdown`.
        Ok(Ending::Abrupt) => ExitStatus::Findings,
        Err(message) => {
            eprintln!("sorrylint: {message}");
            ExitStatus::Error
        }
    }
}

/// Runs the protocol on a connection: the start-up handshake, then
/// messages until the client ends the session.
pub fn serve(connection: Connection, options: ServerOptions) -> Result<Ending, String> {
    let (id, params) = handshake::wait_for_initialize(&connection)?;
    let params: InitializeParams = match serde_json::from_value(params) {
        Ok(params) => params,
        Err(error) => {
            let message = format!("invalid initialize parameters: {error}");
            let response = Response::new_err(id, ErrorCode::InvalidParams as i32, message.clone());
            let _ = connection.sender.send(response.into());
            return Err(message);
        }
    };
    let mut session = session(&params.capabilities);
    // Neovim responds to `workspace/configuration` from its client's
    // `settings` in every version, but before 0.8 it does not say so.
    if params
        .client_info
        .as_ref()
        .is_some_and(|client| client.name == "Neovim")
    {
        session.pulls_settings = true;
    }

    let result = InitializeResult {
        capabilities: capabilities(session.encoding),
        server_info: Some(ServerInfo {
            name: "sorrylint".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
    };
    // `initialized` follows; the main loop takes it as a no-op.
    let _ = connection.sender.send(Response::new_ok(id, result).into());

    let rules = RuleCache::new(options.config, options.selection);
    let mut server = Server::new(connection, session, rules);
    if let Some(settings) = &params.initialization_options {
        server.set_settings(settings);
    }
    server.request_settings();
    Ok(server.run())
}

fn session(capabilities: &ClientCapabilities) -> Session {
    let offered = capabilities
        .general
        .as_ref()
        .and_then(|general| general.position_encodings.as_deref());
    let text_document = capabilities.text_document.as_ref();
    let related_information = text_document
        .and_then(|text| text.publish_diagnostics.as_ref())
        .and_then(|publish| publish.related_information)
        .unwrap_or(false);
    let versioned_edits = capabilities
        .workspace
        .as_ref()
        .and_then(|workspace| workspace.workspace_edit.as_ref())
        .and_then(|edit| edit.document_changes)
        .unwrap_or(false);
    let pulls_settings = capabilities
        .workspace
        .as_ref()
        .and_then(|workspace| workspace.configuration)
        .unwrap_or(false);
    Session {
        encoding: PositionEncoding::negotiate(offered),
        pulls_settings,
        support: DiagnosticSupport {
            related_information,
        },
        versioned_edits,
    }
}

fn capabilities(encoding: PositionEncoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        // Drafts are short, so whole documents cost little and leave no
        // room for a missed edit to corrupt the server's copy.
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, FIX_ALL]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}
