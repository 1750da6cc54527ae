//! Each way of linking pages that the generator recognises, walked on the
//! wire: every item of every page, with the requests the spec describes.

use futures_util::TryStreamExt;
use pagination::{Client, Error};
use serde_json::json;
use wiremock::matchers::{body_json, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_key("k")
        .endpoint(server.uri())
        .build()
        .unwrap()
}

fn queries(requests: &[wiremock::Request]) -> Vec<String> {
    requests
        .iter()
        .map(|r| format!("{}?{}", r.url.path(), r.url.query().unwrap_or_default()))
        .collect()
}

#[tokio::test]
async fn link_headers_lead_to_the_next_page_until_none_is_linked() {
    let server = MockServer::start().await;
    let next = format!(
        r#"<{}/repos/octo/issues?state=open&page=2>; rel="next", <{}/repos/octo/issues?page=9>; rel="last""#,
        server.uri(),
        server.uri()
    );
    Mock::given(method("GET"))
        .and(path("/repos/octo/issues"))
        .and(query_param_is_missing("page"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("link", next.as_str())
                .set_body_json(json!([{"id": 1, "title": "a"}, {"id": 2, "title": "b"}])),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/repos/octo/issues"))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"id": 3, "title": "c"}])))
        .mount(&server)
        .await;

    let pages: Vec<_> = client(&server)
        .issues()
        .list_issues("octo")
        .state("open")
        .paginate()
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 2);
    let issues: Vec<_> = pages.into_iter().flat_map(|p| p.items).collect();
    let ids: Vec<i64> = issues.iter().map(|i| i.id).collect();
    assert_eq!(ids, [1, 2, 3]);
    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(
        queries(&requests),
        [
            "/repos/octo/issues?state=open",
            "/repos/octo/issues?state=open&page=2"
        ],
        "the linked URL is followed as given"
    );
    assert!(requests
        .iter()
        .all(|r| r.headers.get("authorization").is_some()));
    // JSON is asked for, as the client reads JSON where the spec offers it.
    assert_eq!(
        requests[0]
            .headers
            .get("accept")
            .and_then(|v| v.to_str().ok()),
        Some("application/json, */*;q=0.8")
    );
}

#[tokio::test]
async fn a_next_page_url_elsewhere_is_refused_before_credentials_leave() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/repos/octo/issues"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header(
                    "link",
                    r#"<https://elsewhere.test/steal?page=2>; rel="next""#,
                )
                .set_body_json(json!([{"id": 1, "title": "a"}])),
        )
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server)
        .issues()
        .list_issues("octo")
        .paginate()
        .all_items()
        .await
        .unwrap_err();
    assert!(err.to_string().contains("elsewhere.test"), "{err}");
}

#[tokio::test]
async fn next_page_uris_in_the_body_are_followed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/Accounts/AC1/Messages.json"))
        .and(query_param_is_missing("PageToken"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "messages": [{"sid": "SM1"}],
            "next_page_uri": "/Accounts/AC1/Messages.json?PageSize=1&Page=1&PageToken=PA1",
            "page": 0,
            "page_size": 1,
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/Accounts/AC1/Messages.json"))
        .and(query_param("PageToken", "PA1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "messages": [{"sid": "SM2"}],
            "next_page_uri": null,
        })))
        .mount(&server)
        .await;

    let sids: Vec<String> = client(&server)
        .messages()
        .list_messages("AC1")
        .page_size(1)
        .paginate()
        .items()
        .map_ok(|m| m.sid)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(sids, ["SM1", "SM2"]);
    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(
        queries(&requests)[1],
        "/Accounts/AC1/Messages.json?PageSize=1&Page=1&PageToken=PA1"
    );
}

#[tokio::test]
async fn cursors_are_sent_back_while_more_pages_follow() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/events"))
        .and(query_param_is_missing("cursor"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [{"name": "a"}],
            "meta": {"next_cursor": "c2", "has_more": true},
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/events"))
        .and(query_param("cursor", "c2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [{"name": "b"}],
            // A cursor is given, but no more pages follow.
            "meta": {"next_cursor": "c3", "has_more": false},
        })))
        .mount(&server)
        .await;

    let pages: Vec<_> = client(&server)
        .events()
        .list_events()
        .limit(1)
        .paginate()
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[0].next_page_cursor.as_deref(), Some("c2"));
    assert!(!pages[1].has_next_page);
    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(
        queries(&requests),
        ["/events?limit=1", "/events?cursor=c2&limit=1"]
    );
}

#[tokio::test]
async fn the_last_items_id_continues_the_list() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/charges"))
        .and(query_param_is_missing("starting_after"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "object": "list",
            "data": [{"id": "ch_1"}, {"id": "ch_2"}],
            "has_more": true,
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/charges"))
        .and(query_param("starting_after", "ch_2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "object": "list",
            "data": [{"id": "ch_3", "amount": 5}],
            "has_more": false,
        })))
        .mount(&server)
        .await;

    let ids: Vec<String> = client(&server)
        .charges()
        .list_charges()
        .paginate()
        .items()
        .map_ok(|c| c.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, ["ch_1", "ch_2", "ch_3"]);
}

#[tokio::test]
async fn page_numbers_count_up_until_a_page_is_empty() {
    let server = MockServer::start().await;
    for (page, body) in [
        (None, json!([{"id": 1}, {"id": 2}])),
        (Some("2"), json!([{"id": 3}])),
        (Some("3"), json!([])),
    ] {
        let mock = Mock::given(method("GET")).and(path("/projects/7/tasks"));
        let mock = match page {
            Some(page) => mock.and(query_param("page", page)),
            None => mock.and(query_param_is_missing("page")),
        };
        mock.respond_with(ResponseTemplate::new(200).set_body_json(body))
            .expect(1)
            .mount(&server)
            .await;
    }

    let tasks = client(&server)
        .tasks()
        .list_tasks(7)
        .per_page(2)
        .paginate()
        .all_items()
        .await
        .unwrap();
    assert_eq!(tasks.iter().map(|t| t.id).collect::<Vec<_>>(), [1, 2, 3]);
    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(
        queries(&requests),
        [
            "/projects/7/tasks?per_page=2",
            "/projects/7/tasks?page=2&per_page=2",
            "/projects/7/tasks?page=3&per_page=2",
        ]
    );
}

#[tokio::test]
async fn a_cursor_in_the_body_is_sent_back_in_the_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/search"))
        .and(body_json(json!({"query": "rust"})))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"results": ["a"], "nextPageToken": "t2"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/search"))
        .and(body_json(json!({"query": "rust", "page_token": "t2"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"results": ["b"]})))
        .mount(&server)
        .await;

    let results = client(&server)
        .search()
        .search("rust")
        .paginate()
        .all_items()
        .await
        .unwrap();
    assert_eq!(results, ["a", "b"]);
}

#[tokio::test]
async fn a_page_that_links_to_itself_ends_with_an_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/events"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [],
            "meta": {"next_cursor": "same", "has_more": true},
        })))
        .mount(&server)
        .await;
    let err = client(&server)
        .events()
        .list_events()
        .paginate()
        .all_items()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(requests.len(), 2, "stops once the cursor repeats");
}
