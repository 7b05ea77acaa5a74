//! `sorrylint lsp`: a language server over stdin and stdout, so editors
//! lint drafts as they are typed and offer the fixes as code actions.
//!
//! Everything the server logs goes to stderr; stdout carries only
//! protocol messages.

mod actions;
mod diagnostics;
mod document;
mod encoding;
mod rules;
mod server;
mod settings;
mod transport;

use lsp_server::Connection;
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
    // `exit` or the input ended; one that failed to start may still have
    // a reader waiting for input.
    let reader_ending = result.is_ok();
    // The server's own error says more than the transport's, which is
    // often only that the other side went away, so it is logged first.
    let mut status = match result {
        Ok(Ending::Shutdown) => ExitStatus::Clean,
        // The protocol specifies status 1 when `exit` comes without
        // `shutdown`.
        Ok(Ending::Abrupt) => ExitStatus::Findings,
        Err(message) => {
            eprintln!("sorrylint: {message}");
            ExitStatus::Error
        }
    };
    if let Err(error) = io_threads.finish(reader_ending) {
        eprintln!("sorrylint: the connection to the editor failed: {error}");
        status = ExitStatus::Error;
    }
    status
}

/// Runs the protocol on a connection: the start-up handshake, then
/// messages until the client ends the session.
pub fn serve(connection: Connection, options: ServerOptions) -> Result<Ending, String> {
    let (id, params) = connection
        .initialize_start()
        .map_err(|error| format!("the editor did not start the session: {error}"))?;
    let params: InitializeParams = serde_json::from_value(params)
        .map_err(|error| format!("invalid initialize parameters: {error}"))?;
    let session = session(&params.capabilities);

    let result = InitializeResult {
        capabilities: capabilities(session.encoding),
        server_info: Some(ServerInfo {
            name: "sorrylint".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
    };
    let result = serde_json::to_value(result).expect("the initialize result serializes");
    connection
        .initialize_finish(id, result)
        .map_err(|error| format!("the editor did not finish starting the session: {error}"))?;

    let rules = RuleCache::new(options.config, options.selection);
    let mut server = Server::new(connection, session, rules);
    if let Some(settings) = &params.initialization_options {
        server.set_settings(settings);
    }
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
    Session {
        encoding: PositionEncoding::negotiate(offered),
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
