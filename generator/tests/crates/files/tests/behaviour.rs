//! Form and multipart request bodies, http basic credentials and an API key
//! in a cookie, checked on the wire.

use files::types::Problem;
use files::{Client, Error, RetryPolicy, Rule, Upload};
use serde_json::json;
use wiremock::matchers::{body_string, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn file(id: &str, name: &str) -> serde_json::Value {
    json!({"id": id, "name": name, "size": 5})
}

/// Matches a URL-encoded body with these pairs, in any order.
fn form_pairs(expected: &'static [&'static str]) -> impl wiremock::Match {
    move |request: &wiremock::Request| {
        let body = String::from_utf8_lossy(&request.body);
        let mut pairs: Vec<&str> = body.split('&').collect();
        pairs.sort_unstable();
        pairs == expected
    }
}

/// The parts named `name` of a multipart body, each with its headers.
fn parts_named(body: &str, name: &str) -> Vec<String> {
    let marker = format!("name=\"{name}\"");
    body.split("\r\n--")
        .filter(|part| part.contains(&marker))
        .map(str::to_string)
        .collect()
}

#[tokio::test]
async fn a_form_body_is_url_encoded_with_basic_credentials() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/login"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(header("authorization", "Basic amFuZTpwdw=="))
        .and(form_pairs(&[
            "remember=true",
            "scopes=read",
            "scopes=write",
            "username=jane+doe",
        ]))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"session_id": "s1"})))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .basic_auth("jane", "pw")
        .endpoint(server.uri())
        .build()
        .unwrap();

    let session = client
        .sessions()
        .login("jane doe")
        .remember(true)
        .scopes(["read", "write"])
        .send()
        .await
        .unwrap();
    assert_eq!(session.session_id, "s1");
    // Form fields are validated like any other parameter.
    let err = client.sessions().login("").send().await.unwrap_err();
    assert!(
        matches!(&err, Error::Validation(v) if v.field == "username" && v.rule == Rule::MinLength(1)),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_declared_401_is_typed_and_the_password_stays_secret() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/login"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"title": "wrong password"})))
        .mount(&server)
        .await;
    let client = Client::builder()
        .basic_auth("jane", "top_secret_pw")
        .endpoint(server.uri())
        .build()
        .unwrap();
    assert!(!format!("{client:?}").contains("top_secret_pw"));

    let err = client.sessions().login("jane").send().await.unwrap_err();
    let expected = Problem {
        title: "wrong password".into(),
        status: None,
    };
    assert_eq!(
        err.declared::<files::sessions::LoginError>(),
        Some(&files::sessions::LoginError::Unauthorized(expected))
    );
    assert_eq!(err.status(), Some(401));
    assert!(!err.to_string().contains("top_secret_pw"));
    assert!(!format!("{err:?}").contains("top_secret_pw"));
}

#[tokio::test]
async fn a_multipart_body_has_a_part_per_property_and_the_key_in_a_cookie() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/folders/f%201/files"))
        .and(query_param("overwrite", "true"))
        .and(header("cookie", "session_id=k"))
        .respond_with(ResponseTemplate::new(201).set_body_json(file("1", "a.txt")))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key("k")
        .endpoint(server.uri())
        .build()
        .unwrap();

    let stored = client
        .files()
        .upload_file(
            "f 1",
            Upload::new("hello")
                .file_name("a.txt")
                .content_type("text/plain"),
        )
        .overwrite(true)
        .description("greeting")
        .tags(["x", "y"])
        .metadata([("lang".to_string(), "en".to_string())].into())
        .attachments([b"\x00\x01".as_slice()])
        .send()
        .await
        .unwrap();
    assert_eq!(stored.name, "a.txt");

    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(requests.len(), 1);
    let content_type = requests[0]
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok());
    assert!(
        content_type.is_some_and(|t| t.starts_with("multipart/form-data; boundary=")),
        "{content_type:?}"
    );
    let body = String::from_utf8_lossy(&requests[0].body).to_ascii_lowercase();
    let file = parts_named(&body, "file");
    assert_eq!(file.len(), 1, "{body}");
    assert!(file[0].contains("filename=\"a.txt\""), "{}", file[0]);
    assert!(file[0].contains("content-type: text/plain"), "{}", file[0]);
    assert!(file[0].ends_with("\r\n\r\nhello"), "{}", file[0]);
    assert!(parts_named(&body, "description")[0].ends_with("\r\n\r\ngreeting"));
    // A list repeats its part; an object is one JSON part.
    let tags = parts_named(&body, "tags");
    assert_eq!(tags.len(), 2, "{body}");
    assert!(
        tags[0].ends_with("\r\n\r\nx") && tags[1].ends_with("\r\n\r\ny"),
        "{tags:?}"
    );
    let metadata = &parts_named(&body, "metadata")[0];
    assert!(
        metadata.contains("content-type: application/json"),
        "{metadata}"
    );
    assert!(metadata.ends_with(r#"{"lang":"en"}"#), "{metadata}");
    // A file without a name or type gets the part's name and octet-stream.
    let attachment = &parts_named(&body, "attachments")[0];
    assert!(
        attachment.contains("filename=\"attachments\""),
        "{attachment}"
    );
    assert!(
        attachment.contains("content-type: application/octet-stream"),
        "{attachment}"
    );
}

#[tokio::test]
async fn a_multipart_body_is_built_again_for_a_retry_and_a_missing_file_is_refused() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/folders/f/files"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/folders/f/files"))
        .respond_with(ResponseTemplate::new(201).set_body_json(file("2", "b.bin")))
        .mount(&server)
        .await;
    let policy = RetryPolicy {
        non_idempotent: true,
        initial_delay: std::time::Duration::from_millis(1),
        ..RetryPolicy::default()
    };
    let client = Client::builder()
        .api_key("k")
        .endpoint(server.uri())
        .retry_policy(policy)
        .build()
        .unwrap();

    let stored = client
        .files()
        .upload_file("f", vec![7, 8, 9])
        .send()
        .await
        .unwrap();
    assert_eq!(stored.id, "2");
    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        let body = String::from_utf8_lossy(&request.body);
        let file = parts_named(&body, "file");
        assert_eq!(file.len(), 1, "{body}");
        assert!(file[0].ends_with("\r\n\r\n\u{7}\u{8}\t"), "{:?}", file[0]);
    }
}

#[tokio::test]
async fn a_body_offered_as_json_and_form_is_sent_as_json() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/files/1/rename"))
        .and(header("content-type", "application/json"))
        .and(body_string(r#"{"name":"b.txt"}"#))
        .respond_with(ResponseTemplate::new(200).set_body_json(file("1", "b.txt")))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key("k")
        .endpoint(server.uri())
        .build()
        .unwrap();
    let renamed = client
        .files()
        .rename_file("1", "b.txt")
        .send()
        .await
        .unwrap();
    assert_eq!(renamed.name, "b.txt");
}

#[test]
fn an_upload_shows_its_size_not_its_contents() {
    let upload = Upload::new("top_secret_contentss").file_name("a.txt");
    let shown = format!("{upload:?}");
    assert!(
        shown.contains("len: 20") && shown.contains("a.txt"),
        "{shown}"
    );
    assert!(!shown.contains("top_secret_contentss"));
    assert_eq!(upload.bytes(), b"top_secret_contentss");
}
