//! Conventions a spec does not state, declared in a file (`jobs.toml`) and
//! honoured on the wire: the `data` envelope, waiting for jobs, a cursor
//! under `meta`, and the request id header.

use std::time::Duration;

use futures_util::TryStreamExt;
use jobs::types::JobState;
use jobs::{Client, Error, JobWait};
use serde_json::json;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_key("k")
        .endpoint(server.uri())
        .job_wait(JobWait {
            polling_interval: Duration::from_millis(10),
            ..JobWait::default()
        })
        .build()
        .unwrap()
}

fn job(id: &str, state: &str) -> serde_json::Value {
    json!({"data": {"job_id": id, "kind": "EXPORT", "state": state}})
}

async fn started(server: &MockServer, id: &str) {
    Mock::given(method("POST"))
        .and(path("/exports"))
        .respond_with(ResponseTemplate::new(202).set_body_json(job(id, "queued")))
        .mount(server)
        .await;
}

/// The paths and queries the server saw, in order.
async fn seen(server: &MockServer) -> Vec<String> {
    let requests = server.received_requests().await.unwrap_or_default();
    requests
        .iter()
        .map(|r| {
            format!(
                "{} {}?{}",
                r.method,
                r.url.path(),
                r.url.query().unwrap_or_default()
            )
        })
        .collect()
}

#[tokio::test]
async fn a_started_job_is_polled_until_done_and_unwrapped() {
    let server = MockServer::start().await;
    started(&server, "j1").await;
    Mock::given(method("GET"))
        .and(path("/jobs"))
        .and(query_param("job_id", "j1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(job("j1", "running")))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    let mut done = job("j1", "done");
    done["data"]["url"] = json!("https://files.example.com/j1.csv");
    Mock::given(method("GET"))
        .and(path("/jobs"))
        .respond_with(ResponseTemplate::new(200).set_body_json(done))
        .mount(&server)
        .await;

    let job = client(&server)
        .exports()
        .start_export("orders")
        .send()
        .await
        .unwrap();
    assert_eq!(job.state, JobState::Done);
    assert_eq!(job.url.as_deref(), Some("https://files.example.com/j1.csv"));
    assert_eq!(
        seen(&server).await,
        [
            "POST /exports?",
            "GET /jobs?job_id=j1",
            "GET /jobs?job_id=j1"
        ]
    );
}

#[tokio::test]
async fn a_failed_job_is_an_error_that_says_why() {
    let server = MockServer::start().await;
    started(&server, "j2").await;
    let mut failed = job("j2", "failed");
    failed["data"]["problem"] = json!({"code": "too_large", "detail": "The table is too large."});
    Mock::given(method("GET"))
        .and(path("/jobs"))
        .respond_with(ResponseTemplate::new(200).set_body_json(failed))
        .mount(&server)
        .await;

    let err = client(&server)
        .exports()
        .start_export("orders")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "job `j2` (EXPORT) failed: too_large: The table is too large."
    );
    let Error::JobFailed(failed) = err else {
        panic!("expected a failed job, got {err:?}");
    };
    assert_eq!(failed.job_id, "j2");
    assert_eq!(failed.job.state, JobState::Failed);
}

#[tokio::test]
async fn a_job_that_runs_too_long_times_out() {
    let server = MockServer::start().await;
    started(&server, "j3").await;
    Mock::given(method("GET"))
        .and(path("/jobs"))
        .respond_with(ResponseTemplate::new(200).set_body_json(job("j3", "running")))
        .mount(&server)
        .await;

    let err = client(&server)
        .exports()
        .start_export("orders")
        .job_wait(JobWait {
            timeout: Duration::from_millis(50),
            polling_interval: Duration::from_millis(10),
            ..JobWait::default()
        })
        .send()
        .await
        .unwrap_err();
    let Error::JobTimeout(unfinished) = &err else {
        panic!("expected a timeout, got {err:?}");
    };
    assert_eq!(unfinished.status, "running");
    assert_eq!(err.to_string(), "job `j3` (EXPORT) did not finish in time");
}

#[tokio::test]
async fn waiting_is_switched_per_call() {
    let server = MockServer::start().await;
    started(&server, "j4").await;
    Mock::given(method("GET"))
        .and(path("/jobs"))
        .respond_with(ResponseTemplate::new(200).set_body_json(job("j4", "done")))
        .mount(&server)
        .await;
    let client = client(&server);

    // Not waiting: the job as first reported, and nothing polled.
    let queued = client
        .exports()
        .start_export("orders")
        .wait_for_job(false)
        .send()
        .await
        .unwrap();
    assert_eq!(queued.state, JobState::Queued);
    assert_eq!(seen(&server).await, ["POST /exports?"]);

    // Reading a job waits only when asked.
    let read = client.jobs().get_job("j4").wait_for_job(true).send().await;
    assert_eq!(read.unwrap().state, JobState::Done);
}

#[tokio::test]
async fn pages_follow_the_declared_cursor_and_items_come_out_of_the_envelope() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/tables"))
        .and(query_param_is_missing("after"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [{"name": "orders"}, {"name": "users"}],
            "meta": {"next": "c2"},
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/tables"))
        .and(query_param("after", "c2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [{"name": "events"}],
            "meta": {"next": null},
        })))
        .mount(&server)
        .await;

    let names: Vec<String> = client(&server)
        .tables()
        .list_tables()
        .paginate()
        .items()
        .map_ok(|table| table.name)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(names, ["orders", "users", "events"]);
    // One call alone returns the first page's items.
    let first = client(&server).tables().list_tables().send().await.unwrap();
    assert_eq!(first.len(), 2);
}

#[tokio::test]
async fn errors_are_read_in_the_declared_shape_with_the_declared_request_id() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/jobs"))
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("x-trace-id", "trace-77")
                .set_body_json(json!({
                    "message": "Not Found",
                    "error": {"text": "No job `nope`.", "kind": "job_not_found"},
                })),
        )
        .mount(&server)
        .await;
    let err = client(&server)
        .jobs()
        .get_job("nope")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.request_id(), Some("trace-77"));
    let api = err.api_error().expect("an API error");
    assert_eq!(api.message, "No job `nope`.");
    assert_eq!(api.code.as_deref(), Some("job_not_found"));
}

#[tokio::test]
async fn an_operation_that_takes_basic_credentials_gets_them_instead_of_the_token() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/admin/vacuum"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/tables"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": []})))
        .mount(&server)
        .await;

    // Both share the `Authorization` header; each operation gets the one
    // its `security` takes first.
    let client = Client::builder()
        .api_key("k")
        .basic_auth("admin", "pw")
        .endpoint(server.uri())
        .build()
        .unwrap();
    client.admin().vacuum().send().await.unwrap();
    client.tables().list_tables().send().await.unwrap();
    let requests = server.received_requests().await.unwrap();
    let authorization = |i: usize| -> Vec<String> {
        requests[i]
            .headers
            .get_all("authorization")
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(authorization(0), ["Basic YWRtaW46cHc="]);
    assert_eq!(authorization(1), ["Bearer k"]);

    // With the token alone, the operation that takes basic credentials
    // first still has its second alternative, the token.
    client_token_only(&server)
        .admin()
        .vacuum()
        .send()
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    let last: Vec<&str> = requests[2]
        .headers
        .get_all("authorization")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    assert_eq!(last, ["Bearer k"]);
}

fn client_token_only(server: &MockServer) -> Client {
    Client::builder()
        .api_key("k")
        .endpoint(server.uri())
        .build()
        .unwrap()
}
