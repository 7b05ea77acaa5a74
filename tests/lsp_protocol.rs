//! The language server, driven in-process through a memory connection as
//! an editor would drive it, and once as a real process over stdio.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::thread::JoinHandle;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{Value, json};
use sorrylint::lsp::{Ending, ServerOptions, serve};
use sorrylint::selection::{ConfigChoice, RuleSelection};

const WAIT: Duration = Duration::from_secs(20);
const URI: &str = "file:///drafts/reply.txt";

/// The editor's side of a session with a server running on a thread.
struct Client {
    connection: Connection,
    server: Option<JoinHandle<Result<Ending, String>>>,
    next_id: i32,
    /// Notifications that arrived while waiting for something else.
    pending: Vec<Notification>,
    /// Requests the server sent, such as for the client's settings.
    server_requests: Vec<Request>,
}

impl Client {
    fn start(options: ServerOptions) -> Client {
        let (server_end, client_end) = Connection::memory();
        let server = std::thread::spawn(move || serve(server_end, options));
        Client {
            connection: client_end,
            server: Some(server),
            next_id: 1,
            pending: Vec::new(),
            server_requests: Vec::new(),
        }
    }

    /// Starts a server with only the default rules, and initializes it.
    fn initialized(capabilities: Value, options: Value) -> (Client, Value) {
        let mut client = Client::start(ServerOptions {
            config: ConfigChoice::None,
            selection: RuleSelection::default(),
        });
        let result = client.initialize(capabilities, options);
        (client, result)
    }

    fn initialize(&mut self, capabilities: Value, options: Value) -> Value {
        let result = self.request(
            "initialize",
            json!({"capabilities": capabilities, "initializationOptions": options}),
        );
        self.notify("initialized", json!({}));
        result
    }

    fn send(&self, message: Message) {
        self.connection
            .sender
            .send(message)
            .expect("the server is listening");
    }

    fn notify(&self, method: &str, params: Value) {
        self.send(Notification::new(method.to_string(), params).into());
    }

    /// Sends a request and returns its result, failing on an error reply.
    #[track_caller]
    fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_response(method, params);
        match response.response_result {
            Ok(result) => result,
            Err(error) => panic!("{method} failed: {error:?}"),
        }
    }

    fn request_response(&mut self, method: &str, params: Value) -> Response {
        let id = RequestId::from(self.next_id);
        self.next_id += 1;
        self.send(Request::new(id.clone(), method.to_string(), params).into());
        self.receive_until(method, |message| match message {
            Message::Response(response) if response.id == id => Ok(response),
            other => Err(other),
        })
    }

    /// Receives messages until `take` accepts one. Notifications and
    /// server requests it passes over are kept for later waits.
    #[track_caller]
    fn receive_until<T>(
        &mut self,
        expected: &str,
        mut take: impl FnMut(Message) -> Result<T, Message>,
    ) -> T {
        loop {
            let message = self
                .connection
                .receiver
                .recv_timeout(WAIT)
                .expect("the server responds in time");
            match take(message) {
                Ok(taken) => return taken,
                Err(Message::Notification(notification)) => self.pending.push(notification),
                Err(Message::Request(request)) => self.server_requests.push(request),
                Err(other) => panic!("unexpected message while waiting for {expected}: {other:?}"),
            }
        }
    }

    /// Waits for the next notification with this method.
    #[track_caller]
    fn notification(&mut self, method: &str) -> Value {
        if let Some(index) = self.pending.iter().position(|n| n.method == method) {
            return self.pending.remove(index).params;
        }
        self.receive_until(method, |message| match message {
            Message::Notification(notification) if notification.method == method => {
                Ok(notification.params)
            }
            other => Err(other),
        })
    }

    /// Waits for the next request the server sends with this method.
    #[track_caller]
    fn server_request(&mut self, method: &str) -> Request {
        if let Some(index) = self.server_requests.iter().position(|r| r.method == method) {
            return self.server_requests.remove(index);
        }
        self.receive_until(method, |message| match message {
            Message::Request(request) if request.method == method => Ok(request),
            other => Err(other),
        })
    }

    /// Waits for diagnostics of `uri` at `version`.
    #[track_caller]
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        loop {
            let params = self.notification("textDocument/publishDiagnostics");
            if params["uri"] == uri && params["version"] == version {
                return params["diagnostics"].as_array().unwrap().clone();
            }
        }
    }

    fn open(&self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "text", "version": 1, "text": text}}),
        );
    }

    fn change(&self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    fn code_actions(&mut self, uri: &str, range: Value, only: Option<&[&str]>) -> Vec<Value> {
        let mut context = json!({"diagnostics": []});
        if let Some(only) = only {
            context["only"] = json!(only);
        }
        let result = self.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range, "context": context}),
        );
        result.as_array().cloned().unwrap_or_default()
    }

    /// Ends the session as the protocol specifies and returns how the server
    /// saw it end.
    fn shut_down(mut self) -> Ending {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        self.server.take().unwrap().join().unwrap().unwrap()
    }
}

fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({"start": {"line": start.0, "character": start.1}, "end": {"line": end.0, "character": end.1}})
}

fn with_code<'a>(diagnostics: &'a [Value], code: &str) -> Vec<&'a Value> {
    diagnostics.iter().filter(|d| d["code"] == code).collect()
}

fn client_capabilities() -> Value {
    json!({
        "textDocument": {"publishDiagnostics": {"relatedInformation": true}},
        "workspace": {"workspaceEdit": {"documentChanges": true}}
    })
}

/// Applies a `documentChanges` edit in UTF-16 positions to a one-line
/// text, as an editor would.
fn apply_edit(text: &str, edit: &Value) -> String {
    let edits = edit["documentChanges"][0]["edits"].as_array().unwrap();
    let mut units: Vec<u16> = text.encode_utf16().collect();
    let mut edits = edits.clone();
    edits.sort_by_key(|edit| std::cmp::Reverse(edit["range"]["start"]["character"].as_u64()));
    for edit in edits {
        assert_eq!(edit["range"]["start"]["line"], 0, "one-line drafts only");
        let start = edit["range"]["start"]["character"].as_u64().unwrap() as usize;
        let end = edit["range"]["end"]["character"].as_u64().unwrap() as usize;
        let new: Vec<u16> = edit["newText"].as_str().unwrap().encode_utf16().collect();
        units.splice(start..end, new);
    }
    String::from_utf16(&units).unwrap()
}

#[test]
fn session_lints_fixes_and_shuts_down() {
    let (mut client, result) = Client::initialized(
        client_capabilities(),
        json!({"sorrylint": {"audience": "client"}}),
    );
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(result["capabilities"]["textDocumentSync"]["change"], 1);
    assert_eq!(result["serverInfo"]["name"], "sorrylint");

    let text = "🙏🏽 sry missed ur call";
    client.open(URI, text);
    let diagnostics = client.diagnostics(URI, 1);
    let sry = with_code(&diagnostics, "txt-speak/abbreviation");
    assert_eq!(sry.len(), 2, "{diagnostics:#?}");
    // The emoji and its skin tone are four UTF-16 units, then a space.
    assert_eq!(sry[0]["range"], range((0, 5), (0, 8)));
    assert_eq!(sry[0]["severity"], 2);
    assert_eq!(sry[0]["source"], "sorrylint");
    let help = &sry[0]["relatedInformation"][0];
    assert_eq!(help["location"]["uri"], URI);
    assert!(!help["message"].as_str().unwrap().is_empty());
    assert!(
        diagnostics
            .iter()
            .any(|d| d["code"] == "call-to-action/next-step")
    );

    // Advice is shown as information.
    let advice: Vec<_> = diagnostics.iter().filter(|d| d["severity"] == 3).collect();
    assert!(!advice.is_empty(), "{diagnostics:#?}");

    let changed = "🙏🏽 sorry missed ur call";
    client.change(URI, 2, changed);
    let diagnostics = client.diagnostics(URI, 2);
    let ur = with_code(&diagnostics, "txt-speak/abbreviation");
    assert_eq!(ur.len(), 1, "{diagnostics:#?}");
    assert_eq!(ur[0]["range"], range((0, 18), (0, 20)));

    let actions = client.code_actions(URI, range((0, 19), (0, 19)), None);
    let quick_fix = actions
        .iter()
        .find(|action| action["kind"] == "quickfix")
        .expect("a quick fix for 'ur'");
    assert_eq!(quick_fix["isPreferred"], true);
    assert_eq!(
        quick_fix["diagnostics"][0]["code"],
        "txt-speak/abbreviation"
    );
    assert_eq!(
        quick_fix["edit"]["documentChanges"][0]["textDocument"]["version"],
        2
    );
    assert_eq!(
        apply_edit(changed, &quick_fix["edit"]),
        "🙏🏽 sorry missed your call"
    );

    assert_eq!(client.shut_down(), Ending::Shutdown);
}

#[test]
fn fix_all_applies_safe_fixes() {
    let (mut client, _) = Client::initialized(client_capabilities(), json!({"audience": "client"}));
    let text = "🙏🏽 sry missed ur call";
    client.open(URI, text);
    client.diagnostics(URI, 1);

    let actions = client.code_actions(URI, range((0, 0), (0, 0)), Some(&["source.fixAll"]));
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.sorrylint");
    assert_eq!(
        apply_edit(text, &actions[0]["edit"]),
        "🙏🏽 sorry missed your call"
    );

    // Neovim 0.7 sends one kind as a string rather than a list.
    let single = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": range((0, 0), (0, 0)),
               "context": {"diagnostics": [], "only": "source.fixAll"}}),
    );
    assert_eq!(single[0]["kind"], "source.fixAll.sorrylint");

    let quick_fixes = client.code_actions(URI, range((0, 5), (0, 5)), Some(&["quickfix"]));
    assert!(!quick_fixes.is_empty());
    assert!(
        quick_fixes
            .iter()
            .all(|action| action["kind"] == "quickfix")
    );

    assert_eq!(client.shut_down(), Ending::Shutdown);
}

#[test]
fn negotiated_encoding_sets_the_column_unit() {
    let cases = [
        (json!(["utf-8", "utf-16"]), "utf-8", 9),
        (json!(["utf-32"]), "utf-32", 3),
        (json!(["utf-7", "utf-16"]), "utf-16", 5),
    ];
    for (offered, chosen, sry_column) in cases {
        let capabilities = json!({"general": {"positionEncodings": offered}});
        let (mut client, result) = Client::initialized(capabilities, json!({"audience": "client"}));
        assert_eq!(result["capabilities"]["positionEncoding"], chosen);
        client.open(URI, "🙏🏽 sry missed ur call");
        let diagnostics = client.diagnostics(URI, 1);
        let sry = with_code(&diagnostics, "txt-speak/abbreviation");
        assert_eq!(
            sry[0]["range"]["start"]["character"], sry_column,
            "{chosen}"
        );
        assert_eq!(client.shut_down(), Ending::Shutdown);
    }
}

#[test]
fn front_matter_audience_wins_over_the_settings() {
    let (mut client, _) = Client::initialized(client_capabilities(), json!({"audience": "client"}));
    client.open(
        URI,
        "---\nto: friend\n---\nsry missed ur call, call u later",
    );
    let diagnostics = client.diagnostics(URI, 1);
    assert!(
        with_code(&diagnostics, "txt-speak/abbreviation").is_empty(),
        "{diagnostics:#?}"
    );

    client.open("file:///drafts/boss.txt", "---\nto: bos\n---\nsry");
    let diagnostics = client.diagnostics("file:///drafts/boss.txt", 1);
    let unknown = with_code(&diagnostics, "sorrylint::unknown_audience");
    assert_eq!(unknown.len(), 1, "{diagnostics:#?}");
    assert_eq!(unknown[0]["range"], range((1, 4), (1, 7)));
    assert!(unknown[0]["message"].as_str().unwrap().contains("'boss'"));
    // Still linted, for the strictest group.
    assert!(!with_code(&diagnostics, "txt-speak/abbreviation").is_empty());

    assert_eq!(client.shut_down(), Ending::Shutdown);
}

#[test]
fn settings_change_the_default_audience() {
    let (mut client, _) = Client::initialized(client_capabilities(), Value::Null);
    client.open(URI, "sry missed ur call, call u later");
    let strict = client.diagnostics(URI, 1);
    assert!(!with_code(&strict, "txt-speak/abbreviation").is_empty());

    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"sorrylint": {"audience": "friend"}}}),
    );
    let relaxed = client.diagnostics(URI, 1);
    assert!(
        with_code(&relaxed, "txt-speak/abbreviation").is_empty(),
        "{relaxed:#?}"
    );

    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"sorrylint": {"audiance": "boss"}}}),
    );
    let message = client.notification("window/showMessage");
    assert_eq!(message["type"], 1);
    assert!(message["message"].as_str().unwrap().contains("audiance"));

    assert_eq!(client.shut_down(), Ending::Shutdown);
}

#[test]
fn invalid_rules_become_diagnostics() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("broken.yaml"),
        "id: house/broken\nkind: existence\nseverity: warning\nmessage: [unclosed\n",
    )
    .unwrap();
    let mut client = Client::start(ServerOptions {
        config: ConfigChoice::None,
        selection: RuleSelection {
            rules: vec![folder.path().to_path_buf()],
            ..RuleSelection::default()
        },
    });
    client.initialize(client_capabilities(), Value::Null);
    client.open(URI, "sry missed ur call");
    let diagnostics = client.diagnostics(URI, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["code"], "sorrylint::invalid_rules");
    assert_eq!(diagnostics[0]["severity"], 1);
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains("broken.yaml"),
        "{diagnostics:#?}"
    );
    let message = client.notification("window/showMessage");
    assert!(message["message"].as_str().unwrap().contains("broken.yaml"));

    // No code actions without findings, but a response all the same.
    assert!(
        client
            .code_actions(URI, range((0, 0), (0, 3)), None)
            .is_empty()
    );
    assert_eq!(client.shut_down(), Ending::Shutdown);
}

#[test]
fn unknown_request_and_abrupt_exit() {
    let (mut client, _) = Client::initialized(client_capabilities(), Value::Null);
    let response = client.request_response("textDocument/hover", json!({}));
    assert_eq!(response.response_result.unwrap_err().code, -32601);
    client.notify("exit", Value::Null);
    let ending = client.server.take().unwrap().join().unwrap().unwrap();
    assert_eq!(ending, Ending::Abrupt);
}

#[test]
fn closing_a_document_clears_its_diagnostics() {
    let (mut client, _) = Client::initialized(client_capabilities(), Value::Null);
    client.open(URI, "sry");
    assert!(!client.diagnostics(URI, 1).is_empty());
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    );
    let params = client.notification("textDocument/publishDiagnostics");
    assert_eq!(params["uri"], URI);
    assert_eq!(params["diagnostics"], json!([]));
    assert_eq!(client.shut_down(), Ending::Shutdown);
}

/// Frames a message as the protocol does on a byte stream.
fn frame(message: Value) -> Vec<u8> {
    let body = message.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// Reads framed messages until the stream ends.
fn read_frames(stdout: impl Read) -> Vec<Value> {
    let mut reader = BufReader::new(stdout);
    let mut messages = Vec::new();
    loop {
        let mut length = None;
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap() == 0 {
                assert!(length.is_none(), "the stream ended inside a header");
                return messages;
            }
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            let (name, value) = header.split_once(": ").expect("a header line");
            assert_eq!(name, "Content-Length", "only protocol headers on stdout");
            length = Some(value.parse::<usize>().unwrap());
        }
        let mut body = vec![0; length.expect("a Content-Length header")];
        reader.read_exact(&mut body).unwrap();
        messages.push(serde_json::from_slice(&body).expect("each body is JSON"));
    }
}

#[test]
fn binary_stdout_carries_only_protocol() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("broken.yaml"), "id: [\n").unwrap();
    let mut server = Command::new(env!("CARGO_BIN_EXE_sorrylint"))
        .args(["lsp", "--no-config", "--rules"])
        .arg(folder.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = server.stdin.take().unwrap();
    let messages = [
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": URI, "languageId": "text", "version": 1, "text": "sry"}}}),
        json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
        json!({"jsonrpc": "2.0", "method": "exit"}),
    ];
    for message in messages {
        stdin.write_all(&frame(message)).unwrap();
    }
    drop(stdin);
    let output = server.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));

    let replies = read_frames(output.stdout.as_slice());
    assert_eq!(replies[0]["id"], 1);
    let published = replies
        .iter()
        .find(|m| m["method"] == "textDocument/publishDiagnostics")
        .expect("diagnostics for the open document");
    assert_eq!(
        published["params"]["diagnostics"][0]["code"],
        "sorrylint::invalid_rules"
    );
    assert!(replies.iter().any(|m| m["id"] == 2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("broken.yaml"), "{stderr}");
}

/// Runs `sorrylint lsp` on `input` and returns its exit status and stderr.
fn run_server(input: &[u8]) -> (Option<i32>, String) {
    let (status, _, stderr) = run_server_output(input);
    (status, stderr)
}

/// Runs `sorrylint lsp` on `input` and returns its exit status, the
/// messages it wrote and its stderr.
fn run_server_output(input: &[u8]) -> (Option<i32>, Vec<Value>, String) {
    let mut server = Command::new(env!("CARGO_BIN_EXE_sorrylint"))
        .args(["lsp", "--no-config"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    server.stdin.take().unwrap().write_all(input).unwrap();
    let output = server.wait_with_output().unwrap();
    (
        output.status.code(),
        read_frames(output.stdout.as_slice()),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn binary_exit_status_follows_protocol() {
    let initialize = [
        frame(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})),
        frame(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}})),
    ]
    .concat();

    // The editor closes the connection without shutdown and exit.
    let (status, _) = run_server(&initialize);
    assert_eq!(status, Some(1));

    let exit_only = [
        initialize.clone(),
        frame(json!({"jsonrpc": "2.0", "method": "exit"})),
    ]
    .concat();
    assert_eq!(run_server(&exit_only).0, Some(1));

    let (status, stderr) = run_server(b"");
    assert_eq!(status, Some(2));
    assert!(
        stderr.contains("closed the connection before initialize"),
        "{stderr}"
    );

    // A length no message has is rejected before anything is allocated.
    let (status, stderr) = run_server(b"Content-Length: 18446744073709551615\r\n\r\n{}");
    assert_eq!(status, Some(2));
    assert!(stderr.contains("larger than"), "{stderr}");

    // A body that is not JSON is skipped, and the session goes on until
    // the input ends.
    let bad_body = [
        initialize.clone(),
        b"Content-Length: 5\r\n\r\n{bad}".to_vec(),
    ]
    .concat();
    let (status, stderr) = run_server(&bad_body);
    assert_eq!(status, Some(1));
    assert!(stderr.contains("skipped a message of 5 bytes"), "{stderr}");

    // A broken header loses the framing, so the session cannot go on.
    let bad_header = [initialize, b"Content-Length: five\r\n\r\n".to_vec()].concat();
    let (status, stderr) = run_server(&bad_header);
    assert_eq!(status, Some(2));
    assert!(stderr.contains("is not a whole number"), "{stderr}");
}

#[test]
fn ranged_change_edits_the_text() {
    let (mut client, _) = Client::initialized(client_capabilities(), json!({"audience": "client"}));
    client.open(URI, "🙏🏽 sorry missed your call");
    client.diagnostics(URI, 1);

    // Replace "your" with "ur", counting UTF-16 units after the emoji.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2},
               "contentChanges": [{"range": range((0, 18), (0, 22)), "text": "ur"}]}),
    );
    let diagnostics = client.diagnostics(URI, 2);
    let ur = with_code(&diagnostics, "txt-speak/abbreviation");
    assert_eq!(ur.len(), 1, "{diagnostics:#?}");
    assert_eq!(ur[0]["range"], range((0, 18), (0, 20)));
    assert_eq!(client.shut_down(), Ending::Shutdown);
}

#[test]
fn requests_after_shutdown_get_errors() {
    let (mut client, _) = Client::initialized(client_capabilities(), Value::Null);
    client.open(URI, "sry");
    client.diagnostics(URI, 1);
    assert_eq!(client.request("shutdown", Value::Null), Value::Null);

    let late = client.request_response(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": range((0, 0), (0, 0)), "context": {"diagnostics": []}}),
    );
    assert_eq!(late.response_result.unwrap_err().code, -32600);
    let again = client.request_response("shutdown", Value::Null);
    assert_eq!(again.response_result.unwrap_err().code, -32600);
    // Dropped, not linted.
    client.open("file:///drafts/late.txt", "sry");

    client.notify("exit", Value::Null);
    let ending = client.server.take().unwrap().join().unwrap().unwrap();
    assert_eq!(ending, Ending::Shutdown);
    assert!(
        client
            .pending
            .iter()
            .all(|n| n.params["uri"] != "file:///drafts/late.txt"),
        "{:?}",
        client.pending
    );
}

#[test]
fn second_initialize_is_invalid() {
    let (mut client, _) = Client::initialized(client_capabilities(), Value::Null);
    let response = client.request_response("initialize", json!({"capabilities": {}}));
    assert_eq!(response.response_result.unwrap_err().code, -32600);
    assert_eq!(client.shut_down(), Ending::Shutdown);
}

#[test]
fn related_places_are_capped() {
    let (mut client, _) = Client::initialized(client_capabilities(), json!({"audience": "client"}));
    client.open(URI, &"Sorry I missed your call. ".repeat(30));
    let diagnostics = client.diagnostics(URI, 1);
    let count = with_code(&diagnostics, "over-apologizing/apology-count");
    assert_eq!(count.len(), 1, "{diagnostics:#?}");
    let related = count[0]["relatedInformation"].as_array().unwrap();
    // The help, eight places and a line for the rest.
    assert_eq!(related.len(), 10, "{related:#?}");
    let last = related.last().unwrap()["message"].as_str().unwrap();
    assert!(last.starts_with("and "), "{last}");
    assert!(last.contains(" more places"), "{last}");
    assert_eq!(client.shut_down(), Ending::Shutdown);
}

#[test]
fn settings_for_other_servers_keep_ours() {
    let (mut client, _) = Client::initialized(
        client_capabilities(),
        json!({"sorrylint": {"audience": "friend"}}),
    );
    client.open(URI, "sry missed ur call, call u later");
    assert!(with_code(&client.diagnostics(URI, 1), "txt-speak/abbreviation").is_empty());

    for settings in [
        json!({}),
        Value::Null,
        json!({"rust-analyzer": {"checkOnSave": true}}),
    ] {
        client.notify(
            "workspace/didChangeConfiguration",
            json!({"settings": settings}),
        );
    }
    client.change(URI, 2, "sry missed ur call, call u later!");
    let diagnostics = client.diagnostics(URI, 2);
    assert!(
        with_code(&diagnostics, "txt-speak/abbreviation").is_empty(),
        "{diagnostics:#?}"
    );
    assert_eq!(client.shut_down(), Ending::Shutdown);
}

#[test]
fn binary_survives_invalid_messages() {
    let open = |text: &str| {
        // Written by hand, so that a lone surrogate escape reaches the
        // server as a JavaScript editor would send it.
        let body = format!(
            r#"{{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{{"textDocument":{{"uri":"{URI}","languageId":"text","version":1,"text":"{text}"}}}}}}"#
        );
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    };
    let input = [
        frame(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})),
        frame(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}})),
        frame(json!({"jsonrpc": "2.0", "id": 2, "method": 5})),
        open(r"sry \ud83d u"),
        frame(json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown"})),
        frame(json!({"jsonrpc": "2.0", "method": "exit"})),
    ]
    .concat();
    let (status, replies, stderr) = run_server_output(&input);
    assert_eq!(status, Some(0), "{stderr}");

    let rejected = replies
        .iter()
        .find(|m| m["id"] == 2)
        .expect("a reply to id 2");
    assert_eq!(rejected["error"]["code"], -32600);
    let published = replies
        .iter()
        .find(|m| m["method"] == "textDocument/publishDiagnostics")
        .expect("diagnostics for the text with a lone surrogate");
    // The lone surrogate became U+FFFD, one UTF-16 unit like the
    // surrogate, so "u" is still at character 6.
    let u = published["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("'u'"))
        .expect("a finding for 'u'");
    assert_eq!(u["range"], range((0, 6), (0, 7)));
    assert!(stderr.contains("skipped a message"), "{stderr}");
}

#[test]
fn front_matter_context_reaches_the_rules() {
    let (mut client, _) = Client::initialized(client_capabilities(), Value::Null);
    let reply = "Sorry I missed your call, I was in a meeting. Can I call you back at 3pm?";
    client.open(URI, reply);
    let one_call = client.diagnostics(URI, 1);
    assert!(
        with_code(&one_call, "context/several-calls").is_empty(),
        "{one_call:#?}"
    );

    client.change(
        URI,
        2,
        &format!("---\nmissed-calls: 3\nelapsed: 2d\n---\n{reply}"),
    );
    let diagnostics = client.diagnostics(URI, 2);
    assert_eq!(
        with_code(&diagnostics, "context/several-calls").len(),
        1,
        "{diagnostics:#?}"
    );
    assert_eq!(
        with_code(&diagnostics, "context/late-reply").len(),
        1,
        "{diagnostics:#?}"
    );
    assert_eq!(client.shut_down(), Ending::Shutdown);
}

#[test]
fn saving_reloads_the_configuration_file() {
    let folder = tempfile::tempdir().unwrap();
    let draft = folder.path().join("reply.txt");
    let uri = url::Url::from_file_path(&draft).unwrap().to_string();
    let mut client = Client::start(ServerOptions {
        config: ConfigChoice::Discover,
        selection: RuleSelection::default(),
    });
    client.initialize(client_capabilities(), json!({"audience": "client"}));
    let text = "sry missed ur call, can I call you back at 3pm?";
    client.open(&uri, text);
    assert!(!with_code(&client.diagnostics(&uri, 1), "txt-speak/abbreviation").is_empty());

    // A configuration file beside the draft turns the group off.
    let config = folder.path().join(".sorrylint.yaml");
    std::fs::write(&config, "disable: [txt-speak]\n").unwrap();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    let diagnostics = client.diagnostics(&uri, 1);
    assert!(
        with_code(&diagnostics, "txt-speak/abbreviation").is_empty(),
        "{diagnostics:#?}"
    );

    // A broken one becomes a diagnostic, and fixing it recovers.
    std::fs::write(&config, "disable: [txt-speek]\n").unwrap();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": config_uri(&config)}}),
    );
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["code"], "sorrylint::invalid_rules");
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains("txt-speek"),
        "{diagnostics:#?}"
    );

    std::fs::write(&config, "disable: [txt-speak]\n").unwrap();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": config_uri(&config)}}),
    );
    let diagnostics = client.diagnostics(&uri, 1);
    assert!(!diagnostics.is_empty());
    assert!(
        diagnostics
            .iter()
            .all(|d| d["code"] != "sorrylint::invalid_rules"
                && d["code"] != "txt-speak/abbreviation"),
        "{diagnostics:#?}"
    );
    assert_eq!(client.shut_down(), Ending::Shutdown);
}

fn config_uri(path: &std::path::Path) -> String {
    url::Url::from_file_path(path).unwrap().to_string()
}

#[test]
fn settings_are_requested_from_clients_that_answer() {
    let capabilities = json!({"workspace": {"configuration": true}});
    let (mut client, _) = Client::initialized(capabilities, Value::Null);
    let request = client.server_request("workspace/configuration");
    assert_eq!(request.params["items"][0]["section"], "sorrylint");
    client.send(Response::new_ok(request.id, json!([{"audience": "friend"}])).into());

    client.open(URI, "sry missed ur call, call u later");
    let relaxed = client.diagnostics(URI, 1);
    assert!(
        with_code(&relaxed, "txt-speak/abbreviation").is_empty(),
        "{relaxed:#?}"
    );

    // A bare notice of a change makes the server ask again.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    let request = client.server_request("workspace/configuration");
    client.send(Response::new_ok(request.id, json!([{"audience": "client"}])).into());
    let strict = client.diagnostics(URI, 1);
    assert!(
        !with_code(&strict, "txt-speak/abbreviation").is_empty(),
        "{strict:#?}"
    );
    assert_eq!(client.shut_down(), Ending::Shutdown);
}

#[test]
fn early_and_invalid_requests_get_errors() {
    let mut client = Client::start(ServerOptions {
        config: ConfigChoice::None,
        selection: RuleSelection::default(),
    });
    let early = client.request_response("textDocument/codeAction", json!({}));
    assert_eq!(early.response_result.unwrap_err().code, -32002);
    client.initialize(client_capabilities(), Value::Null);
    let late_initialized = client.request_response("textDocument/hover", json!({}));
    assert_eq!(late_initialized.response_result.unwrap_err().code, -32601);
    assert_eq!(client.shut_down(), Ending::Shutdown);
}

#[test]
fn diagnostics_and_quick_fixes_are_capped() {
    let (mut client, _) = Client::initialized(client_capabilities(), json!({"audience": "client"}));
    let text = "u ".repeat(1500);
    client.open(URI, &text);
    let diagnostics = client.diagnostics(URI, 1);
    assert_eq!(diagnostics.len(), 1001);
    let note = diagnostics.last().unwrap();
    assert_eq!(note["code"], "sorrylint::too_many_findings");
    assert_eq!(note["severity"], 3);
    assert!(
        note["message"].as_str().unwrap().contains("more findings"),
        "{note:#}"
    );

    let actions = client.code_actions(URI, range((0, 0), (0, 3000)), Some(&["quickfix"]));
    assert_eq!(actions.len(), 100);
    assert_eq!(client.shut_down(), Ending::Shutdown);
}
