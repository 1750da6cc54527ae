//! An API key that travels in the query string: sent beside the other query
//! parameters, and kept out of error messages.

use query_key::{Client, Error, RetryPolicy};
use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn the_key_joins_the_other_query_parameters() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/quotes"))
        .and(query_param("api_key", "k 1"))
        .and(query_param("author", "Twain"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!(["a", "b"])))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key("k 1")
        .endpoint(server.uri())
        .build()
        .unwrap();
    let quotes = client
        .quotes()
        .list_quotes()
        .author("Twain")
        .send()
        .await
        .unwrap();
    assert_eq!(quotes, ["a", "b"]);
}

#[tokio::test]
async fn a_transport_error_does_not_show_the_key_in_the_url() {
    // Nothing listens on the discard port.
    let client = Client::builder()
        .api_key("top_secret_query_key")
        .endpoint("http://127.0.0.1:9")
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = client.quotes().list_quotes().send().await.unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert!(!err.to_string().contains("top_secret_query_key"), "{err}");
    assert!(
        !format!("{err:?}").contains("top_secret_query_key"),
        "{err:?}"
    );
    assert!(!format!("{client:?}").contains("top_secret_query_key"));
}
