//! The client generated from a Swagger 2.0 document: its form, multipart
//! and body parameters, its array parameters in each `collectionFormat`,
//! and its credentials, checked on the wire.

use serde_json::json;
use swagger2::types::{Animal, AnimalKind};
use swagger2::{Client, Upload};
use wiremock::matchers::{body_json, body_string, header, headers, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_key("k")
        .endpoint(server.uri())
        .build()
        .unwrap()
}

fn rex() -> serde_json::Value {
    json!({"id": 1, "name": "Rex", "kind": "dog", "adopter": null})
}

#[test]
fn the_endpoint_is_host_base_path_and_the_secure_scheme() {
    assert_eq!(
        swagger2::DEFAULT_ENDPOINT,
        "https://shelter.example.test/api"
    );
}

#[tokio::test]
async fn array_parameters_are_written_as_their_collection_format_says() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/animals"))
        .and(query_param("tags", "old,calm"))
        .and(query_param("colours", "black|white"))
        .and(headers("x-trace", vec!["a", "b"]))
        .and(header("x-shelter-key", "k"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([rex()])))
        .expect(1)
        .mount(&server)
        .await;

    let animals = client(&server)
        .animals()
        .list_animals()
        .tags(["old", "calm"])
        .ids([3, 4])
        .colours(["black", "white"])
        .x_trace(["a", "b"])
        .send()
        .await
        .unwrap();
    assert_eq!(animals[0].adopter, None);
    // `multi`: the name repeats; the header is one comma-separated value.
    let requests = server.received_requests().await.unwrap();
    let query = requests[0].url.query().unwrap_or_default().to_string();
    assert!(query.contains("ids=3&ids=4"), "{query}");
    assert_eq!(requests[0].headers["x-trace"], "a,b");
}

#[tokio::test]
async fn a_body_parameter_is_the_json_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/animals"))
        .and(body_json(json!({"name": "Rex", "kind": "dog"})))
        .respond_with(ResponseTemplate::new(201).set_body_json(rex()))
        .expect(1)
        .mount(&server)
        .await;

    let animal: Animal = client(&server)
        .animals()
        .add_animal("Rex", AnimalKind::Dog)
        .send()
        .await
        .unwrap();
    assert_eq!(animal.name, "Rex");
}

#[tokio::test]
async fn form_data_parameters_are_a_url_encoded_form() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/animals/7/adopt"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string("adopter=Ann+Lee&visits=2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(rex()))
        .expect(1)
        .mount(&server)
        .await;

    client(&server)
        .animals()
        .adopt_animal("7", "Ann Lee")
        .visits(2)
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn a_file_parameter_makes_the_form_multipart() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/animals/7/photo"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    client(&server)
        .animals()
        .upload_photo("7", Upload::new(b"\x89PNG".to_vec()).file_name("rex.png"))
        .caption("Rex")
        .send()
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    let content_type = requests[0].headers["content-type"].to_str().unwrap();
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );
    let body = String::from_utf8_lossy(&requests[0].body);
    assert!(
        body.contains("name=\"photo\"; filename=\"rex.png\""),
        "{body}"
    );
    assert!(body.contains("name=\"caption\"\r\n\r\nRex"), "{body}");
}
