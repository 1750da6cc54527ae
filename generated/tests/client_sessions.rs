//! Behaviour of the generated client against a local HTTP server: what goes
//! on the wire, and how responses and errors come back.

use seam::chrono::{TimeZone, Utc};
use seam::{Error, Rule, Seam};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const SESSION_ID: &str = "8b2b2d5e-4c8b-4f43-9a51-0a5b0a0d1f10";
const WORKSPACE_ID: &str = "0f7d3c9a-1b2e-4c5d-8e9f-a0b1c2d3e4f5";
const USER_IDENTITY_ID: &str = "5d4c3b2a-1f0e-4d9c-8b7a-695847362514";

fn client_session_json() -> Value {
    json!({
        "client_session_id": SESSION_ID,
        "workspace_id": WORKSPACE_ID,
        "created_at": "2026-11-25T10:00:00.000Z",
        "expires_at": "2026-11-26T10:00:00.000Z",
        "token": "seam_cst1_abc",
        "user_identifier_key": "jane_doe",
        "customer_key": "My Company",
        "device_count": 2,
        "connected_account_ids": [],
        "connect_webview_ids": [],
        "user_identity_ids": [USER_IDENTITY_ID],
        "unknown_future_field": {"ignored": true}
    })
}

async fn server_answering(route: &str, status: u16, body: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(route))
        .respond_with(
            ResponseTemplate::new(status)
                .insert_header("seam-request-id", "req_123")
                .set_body_json(body),
        )
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Seam {
    Seam::builder()
        .api_key("seam_test_key")
        .endpoint(server.uri())
        .build()
        .unwrap()
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

fn json_body(request: &Request) -> Value {
    serde_json::from_slice(&request.body).unwrap()
}

#[tokio::test]
async fn create_sends_the_params_and_returns_the_unwrapped_session() {
    let server = server_answering(
        "/client_sessions/create",
        200,
        json!({"ok": true, "client_session": client_session_json()}),
    )
    .await;
    let expires_at = Utc.with_ymd_and_hms(2026, 11, 26, 10, 0, 0).unwrap();

    let session = client(&server)
        .client_sessions()
        .create()
        .customer_key("My Company")
        .user_identifier_key("jane_doe")
        .expires_at(expires_at)
        .send()
        .await
        .unwrap();

    assert_eq!(session.client_session_id.to_string(), SESSION_ID);
    assert_eq!(session.token, "seam_cst1_abc");
    assert_eq!(session.user_identifier_key.as_deref(), Some("jane_doe"));
    assert_eq!(session.device_count, 2.0);
    assert_eq!(session.expires_at, expires_at);

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/client_sessions/create");
    assert_eq!(request.headers["authorization"], "Bearer seam_test_key");
    assert_eq!(request.headers["content-type"], "application/json");
    assert_eq!(request.headers["seam-sdk-name"], "seam-rust");
    assert!(request.headers.contains_key("seam-sdk-version"));
    assert_eq!(
        json_body(&request),
        json!({
            "customer_key": "My Company",
            "user_identifier_key": "jane_doe",
            "expires_at": "2026-11-26T10:00:00Z"
        })
    );
}

#[tokio::test]
#[allow(deprecated)]
async fn deprecated_params_and_fields_still_work() {
    let server = server_answering(
        "/client_sessions/create",
        200,
        json!({"ok": true, "client_session": client_session_json()}),
    )
    .await;
    let id = USER_IDENTITY_ID.to_string();

    let session = client(&server)
        .client_sessions()
        .create()
        .user_identity_ids([id.clone()])
        .send()
        .await
        .unwrap();

    assert_eq!(session.user_identity_ids, vec![id]);
    let request = only_request(&server).await;
    assert_eq!(
        json_body(&request),
        json!({"user_identity_ids": [USER_IDENTITY_ID]})
    );
}

#[tokio::test]
async fn params_struct_can_be_filled_in_directly() {
    let server = server_answering(
        "/client_sessions/get",
        200,
        json!({"ok": true, "client_session": client_session_json()}),
    )
    .await;
    let params = seam::client_sessions::GetParams {
        user_identifier_key: Some("jane_doe".into()),
        ..Default::default()
    };

    let session = client(&server)
        .client_sessions()
        .get_with(params)
        .send()
        .await
        .unwrap();

    assert_eq!(session.customer_key.as_deref(), Some("My Company"));
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/client_sessions/get");
    assert_eq!(
        json_body(&request),
        json!({"user_identifier_key": "jane_doe"})
    );
}

#[tokio::test]
async fn list_returns_every_session_and_revoke_returns_unit() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/client_sessions/list"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"ok": true, "client_sessions": [client_session_json(), client_session_json()]}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/client_sessions/revoke"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
        .mount(&server)
        .await;
    let seam = client(&server);

    let sessions = seam
        .client_sessions()
        .list()
        .user_identifier_key("jane_doe")
        .send()
        .await
        .unwrap();
    assert_eq!(sessions.len(), 2);

    let id = SESSION_ID;
    seam.client_sessions().revoke(id).send().await.unwrap();
    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(requests[1].url.path(), "/client_sessions/revoke");
    assert_eq!(
        json_body(&requests[1]),
        json!({"client_session_id": SESSION_ID})
    );
}

#[tokio::test]
async fn grant_access_and_delete_send_their_parameters() {
    let server = MockServer::start().await;
    for route in ["/client_sessions/grant_access", "/client_sessions/delete"] {
        Mock::given(method("POST"))
            .and(path(route))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
            .mount(&server)
            .await;
    }
    let seam = client(&server);
    seam.client_sessions()
        .grant_access()
        .client_session_id(SESSION_ID)
        .connected_account_ids(["ca_1", "ca_2"])
        .send()
        .await
        .unwrap();
    seam.client_sessions()
        .delete(SESSION_ID)
        .send()
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(requests[0].url.path(), "/client_sessions/grant_access");
    assert_eq!(
        json_body(&requests[0]),
        json!({"client_session_id": SESSION_ID, "connected_account_ids": ["ca_1", "ca_2"]})
    );
    assert_eq!(requests[1].url.path(), "/client_sessions/delete");
    assert_eq!(
        json_body(&requests[1]),
        json!({"client_session_id": SESSION_ID})
    );
}

#[tokio::test]
#[allow(deprecated)]
async fn constraint_violations_are_refused_before_sending() {
    let server = server_answering("/client_sessions/create", 200, json!({"ok": true})).await;
    let seam = client(&server);

    let err = seam
        .client_sessions()
        .create()
        .customer_key("")
        .send()
        .await
        .unwrap_err();
    let Error::Validation(validation) = &err else {
        panic!("expected a validation error, got {err:?}");
    };
    assert_eq!(validation.field, "customer_key");
    assert_eq!(validation.rule, Rule::MinLength(1));
    assert_eq!(
        err.to_string(),
        "invalid parameter: `customer_key` must be at least 1 character long (minLength)"
    );

    let two = ["user_identity_1", "user_identity_2"];
    let err = seam
        .client_sessions()
        .create()
        .user_identity_ids(two)
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Validation(v) if v.field == "user_identity_ids" && v.rule == Rule::MaxItems(1)),
        "{err:?}"
    );

    let requests = server.received_requests().await.unwrap_or_default();
    assert!(
        requests.is_empty(),
        "no request may be sent, got {}",
        requests.len()
    );
}

#[tokio::test]
async fn unauthorized_maps_to_its_own_error() {
    let server = server_answering(
        "/client_sessions/list",
        401,
        json!({"error": {"type": "unauthorized", "message": "Unauthorized"}}),
    )
    .await;

    let err = client(&server)
        .client_sessions()
        .list()
        .send()
        .await
        .unwrap_err();

    let Error::Unauthorized(api) = &err else {
        panic!("expected unauthorized, got {err:?}");
    };
    assert_eq!(api.status, 401);
    assert_eq!(err.request_id(), Some("req_123"));
}

#[tokio::test]
async fn invalid_input_carries_type_message_request_id_and_validation_errors() {
    let server = server_answering(
        "/client_sessions/create",
        400,
        json!({"error": {
            "type": "invalid_input",
            "message": "Invalid input",
            "validation_errors": {
                "_errors": [],
                "expires_at": {"_errors": ["Expected date, received string"]}
            },
            "request_id": "req_123"
        }}),
    )
    .await;

    let err = client(&server)
        .client_sessions()
        .create()
        .user_identifier_key("jane_doe")
        .send()
        .await
        .unwrap_err();

    let Error::Api(api) = &err else {
        panic!("expected an API error, got {err:?}");
    };
    assert_eq!(api.status, 400);
    assert_eq!(api.error_type, "invalid_input");
    assert_eq!(api.message, "Invalid input");
    assert_eq!(api.request_id.as_deref(), Some("req_123"));
    assert_eq!(
        api.validation_messages("expires_at"),
        ["Expected date, received string"]
    );
    assert!(!api.validation_errors.contains_key("_errors"));
    assert_eq!(
        err.to_string(),
        "Invalid input (HTTP 400, invalid_input), request id req_123; `expires_at`: Expected date, received string"
    );
}

#[tokio::test]
async fn non_api_error_bodies_are_reported_with_their_status() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(502).set_body_string("<html>Bad Gateway</html>"))
        .mount(&server)
        .await;

    let err = client(&server)
        .client_sessions()
        .list()
        .send()
        .await
        .unwrap_err();

    assert!(
        matches!(&err, Error::Http { status: 502, body, .. } if body.contains("Bad Gateway")),
        "{err:?}"
    );
}

#[tokio::test]
async fn decode_errors_name_the_field_path() {
    let mut session = client_session_json();
    session["created_at"] = json!("yesterday");
    let server = server_answering(
        "/client_sessions/get",
        200,
        json!({"ok": true, "client_session": session}),
    )
    .await;
    let seam = client(&server);

    let err = seam.client_sessions().get().send().await.unwrap_err();
    let Error::Decode(decode) = &err else {
        panic!("expected a decode error, got {err:?}");
    };
    assert_eq!(decode.path, "client_session.created_at");

    let server = server_answering("/client_sessions/get", 200, json!({"ok": true})).await;
    let err = client(&server)
        .client_sessions()
        .get()
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Decode(d) if d.path == "client_session"),
        "{err:?}"
    );
}

#[tokio::test]
async fn other_credentials_send_their_headers() {
    let server = server_answering(
        "/client_sessions/get_or_create",
        200,
        json!({"ok": true, "client_session": client_session_json()}),
    )
    .await;

    let seam = Seam::builder()
        .publishable_key("seam_pk1_token")
        .endpoint(server.uri())
        .build()
        .unwrap();
    seam.client_sessions()
        .get_or_create()
        .user_identifier_key("jane_doe")
        .send()
        .await
        .unwrap();

    let seam = Seam::builder()
        .personal_access_token("seam_at1_token")
        .workspace_id("seed_workspace_1")
        .endpoint(server.uri())
        .build()
        .unwrap();
    seam.client_sessions()
        .get_or_create()
        .user_identifier_key("jane_doe")
        .send()
        .await
        .unwrap();

    let seam = Seam::builder()
        .client_session_token("seam_cst1_token")
        .endpoint(server.uri())
        .build()
        .unwrap();
    seam.client_sessions()
        .get_or_create()
        .user_identifier_key("jane_doe")
        .send()
        .await
        .unwrap();

    let seam = Seam::builder()
        .console_session_token("eyJhbGciOiJIUzI1NiJ9.console.token")
        .workspace_id("seed_workspace_1")
        .endpoint(server.uri())
        .build()
        .unwrap();
    seam.client_sessions()
        .get_or_create()
        .user_identifier_key("jane_doe")
        .send()
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(
        requests[3].headers["authorization"],
        "Bearer eyJhbGciOiJIUzI1NiJ9.console.token"
    );
    assert_eq!(requests[3].headers["seam-workspace"], "seed_workspace_1");
    assert_eq!(
        requests[0].headers["seam-publishable-key"],
        "seam_pk1_token"
    );
    assert!(!requests[0].headers.contains_key("authorization"));
    assert_eq!(
        requests[1].headers["authorization"],
        "Bearer seam_at1_token"
    );
    assert_eq!(requests[1].headers["seam-workspace"], "seed_workspace_1");
    assert_eq!(
        requests[2].headers["authorization"],
        "Bearer seam_cst1_token"
    );
    assert_eq!(
        requests[2].headers["client-session-token"],
        "seam_cst1_token"
    );
}

#[test]
fn debug_output_never_shows_secrets() {
    let builder = Seam::builder()
        .api_key("seam_secret_key")
        .endpoint("http://127.0.0.1:1");
    let seam = builder.clone().build().unwrap();
    let shown = format!("{builder:?} {seam:?} {:?}", seam.client_sessions());
    assert!(!shown.contains("seam_secret_key"), "{shown}");
    assert!(shown.contains("api_key"), "{shown}");

    // A credential that cannot be a header value is refused without echoing it.
    let err = Seam::builder()
        .api_key("seam_secret_key\n")
        .endpoint("http://127.0.0.1:1")
        .build()
        .unwrap_err();
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("seam_secret_key"), "{shown}");
}

#[tokio::test]
async fn refused_credentials_stay_out_of_errors() {
    let server = server_answering(
        "/client_sessions/create",
        401,
        json!({"error": {"type": "unauthorized", "message": "Unauthorized"}}),
    )
    .await;
    let err = Seam::builder()
        .api_key("seam_secret_key_2")
        .endpoint(server.uri())
        .build()
        .unwrap()
        .client_sessions()
        .create()
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Unauthorized(_)), "{err:?}");
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("seam_secret_key_2"), "{shown}");
}

#[tokio::test]
async fn a_call_can_be_spawned_and_sends_nothing_until_polled() {
    let server = server_answering(
        "/client_sessions/create",
        200,
        json!({ "client_session": client_session_json() }),
    )
    .await;
    let seam = Seam::builder()
        .api_key("seam_test_key")
        .endpoint(server.uri())
        .build()
        .unwrap();

    let call = seam
        .client_sessions()
        .create()
        .user_identifier_key("jane_doe")
        .send();
    tokio::task::yield_now().await;
    assert!(server
        .received_requests()
        .await
        .unwrap_or_default()
        .is_empty());
    let session = tokio::spawn(call).await.unwrap().unwrap();
    assert_eq!(session.client_session_id, SESSION_ID);
    assert_eq!(
        server.received_requests().await.unwrap_or_default().len(),
        1
    );

    // A validation error also comes out of the future, and nothing is sent.
    let err = tokio::spawn(seam.client_sessions().create().customer_key("").send())
        .await
        .unwrap()
        .unwrap_err();
    assert!(matches!(err, Error::Validation(_)), "{err:?}");
    assert_eq!(
        server.received_requests().await.unwrap_or_default().len(),
        1
    );
}

#[tokio::test]
async fn a_renewed_client_session_token_is_sent_by_every_clone() {
    let server =
        server_answering("/client_sessions/list", 200, json!({"client_sessions": []})).await;
    let seam = Seam::builder()
        .client_session_token("seam_cst1_old")
        .endpoint(server.uri())
        .build()
        .unwrap();
    let clone = seam.clone();
    clone.client_sessions().list().send().await.unwrap();
    seam.update_client_session_token("seam_cst2_new").unwrap();
    clone.client_sessions().list().send().await.unwrap();

    let requests = server.received_requests().await.unwrap_or_default();
    let sent: Vec<(&str, &str)> = requests
        .iter()
        .map(|r| {
            (
                r.headers["authorization"].to_str().unwrap(),
                r.headers["client-session-token"].to_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        sent,
        [
            ("Bearer seam_cst1_old", "seam_cst1_old"),
            ("Bearer seam_cst2_new", "seam_cst2_new")
        ]
    );
    // Only a client session token replaces a client session token.
    let err = seam
        .update_client_session_token("seam_apikey1")
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
}

#[test]
fn credentials_of_the_wrong_kind_are_refused_when_the_client_is_built() {
    for (builder, what) in [
        (
            Seam::builder().api_key("seam_cst1_token"),
            "client_session_token",
        ),
        (
            Seam::builder().client_session_token("seam_apikey1_token"),
            "api_key",
        ),
        (
            Seam::builder().publishable_key("seam_at1_token"),
            "personal_access_token",
        ),
        (
            Seam::builder().personal_access_token("eyJhbGciOi.x.y"),
            "console_session_token",
        ),
    ] {
        let err = builder.build().unwrap_err();
        assert!(
            matches!(&err, Error::Config(m) if m.starts_with(&format!("a {what} cannot be used as the"))),
            "{err:?}"
        );
    }
}
