//! With the `tracing` feature, every call is one `call` span that says what
//! happened, and never holds a credential. Run with
//! `cargo test -p seam --features tracing --test tracing`.
#![cfg(feature = "tracing")]

use std::sync::{Arc, Mutex};

use seam::Seam;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn each_call_is_a_span_with_its_operation_status_and_request_id() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/devices/list"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("seam-request-id", "req_42")
                .set_body_json(json!({"devices": []})),
        )
        .mount(&server)
        .await;
    let seam = Seam::builder()
        .api_key("seam_do_not_log_me")
        .endpoint(server.uri())
        .build()
        .unwrap();

    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    seam.devices().list().send().await.unwrap();

    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    for field in [
        "operation=\"devices.list\"",
        "method=\"POST\"",
        "path=\"/devices/list\"",
        "attempt=1",
        "status=200",
        "request_id=\"req_42\"",
        "outcome=\"ok\"",
    ] {
        assert!(text.contains(field), "{field} missing from:\n{text}");
    }
    assert!(!text.contains("do_not_log_me"), "{text}");
}
