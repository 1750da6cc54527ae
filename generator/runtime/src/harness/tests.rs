//! Unit tests of the runtime. They stay here: generated crates get the
//! runtime's files, not its tests. `cargo test -p codegen-runtime` tests the
//! generic credentials; `--all-features` tests Seam's and every capability.

use std::time::Duration;

use crate::client::{Client, ClientBuilder};
use crate::error::{Error, Rule};
use crate::http::{self, RetryPolicy};

fn no_env(_: &str) -> Option<String> {
    None
}

fn build(builder: ClientBuilder, env: impl Fn(&str) -> Option<String>) -> Result<Client, Error> {
    builder.build_with_env(env)
}

#[test]
fn secrets_stay_out_of_debug_output() {
    let builder = Client::builder()
        .api_key("seam_top_secret_key_1")
        .endpoint("http://127.0.0.1:9");
    assert!(!format!("{builder:?}").contains("top_secret_key_1"));
    let client = build(builder, no_env).unwrap();
    assert!(!format!("{client:?}").contains("top_secret_key_1"));
    assert!(!format!("{:?}", client.inner.auth.headers).contains("top_secret_key_1"));
    assert!(format!("{client:?}").starts_with(crate::spec::CLIENT_NAME));
}

#[test]
fn the_endpoint_comes_from_the_builder_then_the_environment_then_the_spec() {
    let env =
        |name: &str| (name == crate::spec::ENV_ENDPOINT).then(|| "http://127.0.0.1:9/".to_string());
    let client = build(Client::builder().api_key("seam_k"), env).unwrap();
    assert_eq!(client.endpoint(), "http://127.0.0.1:9/");
    let client = build(
        Client::builder()
            .api_key("seam_k")
            .endpoint("http://e.test"),
        env,
    )
    .unwrap();
    assert_eq!(client.endpoint(), "http://e.test/");
    let client = build(Client::builder().api_key("seam_k"), no_env).unwrap();
    assert_eq!(client.endpoint(), "http://localhost/");
    let err = build(
        Client::builder().api_key("seam_k").endpoint("not a url"),
        no_env,
    )
    .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err}");
}

#[test]
fn retries_back_off_exponentially_within_bounds() {
    let policy = RetryPolicy::default();
    assert_eq!(policy.max_retries, 2);
    let delay = |retry, after| policy.delay(retry, after);
    // Between half and all of 200 ms, 400 ms, …, jittered.
    let ms = |d: Duration| d.as_millis();
    let firsts: Vec<u128> = (0..50).map(|_| ms(delay(0, None))).collect();
    assert!(firsts.iter().all(|d| (100..=200).contains(d)), "{firsts:?}");
    let seconds: Vec<u128> = (0..50).map(|_| ms(delay(1, None))).collect();
    assert!(
        seconds.iter().all(|d| (200..=400).contains(d)),
        "{seconds:?}"
    );
    // Jittered: fifty draws are not all the same.
    let distinct: std::collections::BTreeSet<_> = firsts.iter().collect();
    assert!(distinct.len() > 5, "{firsts:?}");
    // At least what Retry-After asks, at most max_delay.
    assert_eq!(
        delay(0, Some(Duration::from_secs(3))),
        Duration::from_secs(3)
    );
    assert!(delay(30, None) <= policy.max_delay);
    assert!(delay(30, None) >= policy.max_delay / 2);
    assert_eq!(delay(0, Some(Duration::from_secs(60))), policy.max_delay);
    assert_eq!(RetryPolicy::none().max_retries, 0);
}

#[test]
fn retry_after_is_seconds_or_an_http_date() {
    use crate::http::retry_after;
    use std::time::{SystemTime, UNIX_EPOCH};
    // Wed, 21 Oct 2015 07:28:00 GMT
    let now = UNIX_EPOCH + Duration::from_secs(1_445_412_480);
    assert_eq!(retry_after(" 3 ", now), Some(Duration::from_secs(3)));
    assert_eq!(
        retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now),
        Some(Duration::from_secs(30))
    );
    // A date already past asks for no wait; nonsense asks for nothing.
    assert_eq!(
        retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now),
        Some(Duration::ZERO)
    );
    assert_eq!(retry_after("soon", now), None);
    assert_eq!(retry_after("-1", SystemTime::now()), None);
}

#[test]
fn query_pairs_repeat_lists_flatten_objects_and_skip_nulls() {
    let params = serde_json::json!({
        "ids": ["a", "b"],
        "filter": {"kind": "lock", "n": 2},
        "gone": null,
        "flag": true,
    });
    let pairs = http::query_pairs(&params);
    let mut pairs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    // Object order depends on serde_json's `preserve_order`; list order does not.
    pairs.sort_by_key(|(k, _)| *k);
    assert_eq!(
        pairs,
        [
            ("flag", "true"),
            ("ids", "a"),
            ("ids", "b"),
            ("kind", "lock"),
            ("n", "2")
        ]
    );
    assert_eq!(http::text(&vec![1, 2]), "1,2");
    assert_eq!(http::segment("a b/c"), "a%20b%2Fc");
}

#[test]
fn decoding_names_the_path_of_the_field_that_did_not_fit() {
    let body = br#"{"thing": {"items": [{"n": 1}, {"n": "x"}]}}"#;
    #[derive(Debug, serde::Deserialize)]
    struct Item {
        #[allow(dead_code)]
        n: u8,
    }
    #[derive(Debug, serde::Deserialize)]
    struct Thing {
        #[allow(dead_code)]
        items: Vec<Item>,
    }
    let err = http::decode::<Thing>(body, Some("thing")).unwrap_err();
    let Error::Decode(err) = err else {
        panic!("{err}");
    };
    assert_eq!(err.path, "thing.items[1].n");
    let err = http::decode::<Thing>(body, Some("other")).unwrap_err();
    assert!(err.to_string().contains("`other`"), "{err}");
}

#[cfg(feature = "seam")]
#[test]
fn seam_errors_keep_type_message_and_per_parameter_messages() {
    let body = br#"{"error": {"type": "invalid_input", "message": "Bad", "validation_errors": {"name": {"_errors": ["too short"]}}}}"#;
    let none = reqwest::header::HeaderMap::new();
    let err = crate::error::ApiError::from_response(400, Some("r1".into()), &none, body);
    let api = err.api_error().unwrap();
    assert_eq!(
        (api.status, api.error_type.as_str()),
        (400, "invalid_input")
    );
    assert_eq!(api.validation_messages("name"), ["too short"]);
    assert_eq!(err.request_id(), Some("r1"));
    let unauthorized = crate::error::ApiError::from_response(401, None, &none, b"nope");
    assert!(matches!(unauthorized, Error::Unauthorized(_)));
    let proxy = crate::error::ApiError::from_response(502, None, &none, b"<html>");
    assert!(matches!(proxy, Error::Http { status: 502, .. }));
}

#[test]
fn text_is_found_along_a_path() {
    use crate::error::text_at;
    let value = serde_json::json!({"problem": {"text": "no", "blank": " "}, "n": 4});
    assert_eq!(text_at(&value, &["problem", "text"]).as_deref(), Some("no"));
    assert_eq!(text_at(&value, &["n"]).as_deref(), Some("4"));
    assert_eq!(text_at(&value, &["problem"]), None);
    assert_eq!(text_at(&value, &["problem", "blank"]), None);
    assert_eq!(text_at(&value, &["missing", "text"]), None);
    assert_eq!(text_at(&value, &[]), None);
}

#[cfg(not(feature = "seam"))]
#[test]
fn declared_error_shapes_come_before_the_common_ones() {
    let none = reqwest::header::HeaderMap::new();
    let body = br#"{"message": "generic", "fault": {"text": "Out of stock", "id": 42}}"#;
    let err = crate::error::ApiError::from_response(409, None, &none, body);
    let api = err.api_error().unwrap();
    assert_eq!(api.message, "Out of stock");
    assert_eq!(api.code.as_deref(), Some("42"));
    // A body without the declared shape falls back to the common ones.
    let other = crate::error::ApiError::from_response(409, None, &none, br#"{"message": "m"}"#);
    let api = other.api_error().unwrap();
    assert_eq!((api.message.as_str(), api.code.as_deref()), ("m", None));
}

#[cfg(not(feature = "seam"))]
#[test]
fn api_errors_read_the_message_from_the_common_shapes() {
    use reqwest::header::{HeaderMap, HeaderValue};
    let message = |body: &str| crate::error::message_of(&serde_json::from_str(body).unwrap());
    // RFC 9457 problem details.
    assert_eq!(
        message(r#"{"type": "about:blank", "title": "Not Found", "detail": "No pet 7"}"#)
            .as_deref(),
        Some("No pet 7")
    );
    assert_eq!(
        message(r#"{"title": "Not Found"}"#).as_deref(),
        Some("Not Found")
    );
    assert_eq!(
        message(r#"{"message": "Bad credentials", "documentation_url": "x"}"#).as_deref(),
        Some("Bad credentials")
    );
    assert_eq!(
        message(r#"{"error": "invalid_grant"}"#).as_deref(),
        Some("invalid_grant")
    );
    assert_eq!(
        message(r#"{"error": {"code": 20404, "message": "The requested resource was not found"}}"#)
            .as_deref(),
        Some("The requested resource was not found")
    );
    assert_eq!(
        message(r#"{"errors": [{"message": "Name is taken"}]}"#).as_deref(),
        Some("Name is taken")
    );
    assert_eq!(message(r#"{"code": 7}"#), None);

    let mut headers = HeaderMap::new();
    headers.insert("x-github-request-id", HeaderValue::from_static("ABC:1"));
    headers.insert("set-cookie", HeaderValue::from_static("session=top_secret"));
    let body = br#"{"message": "Not Found"}"#;
    let err = crate::error::ApiError::from_response(
        404,
        crate::error::request_id_of(&headers),
        &headers,
        body,
    );
    let api = err.api_error().unwrap();
    assert_eq!(api.message, "Not Found");
    assert_eq!(api.request_id.as_deref(), Some("ABC:1"));
    assert_eq!(api.json.as_ref().unwrap()["message"], "Not Found");
    assert_eq!(api.body, r#"{"message": "Not Found"}"#);
    assert_eq!(api.headers["x-github-request-id"], "ABC:1");
    assert!(!format!("{err:?}").contains("top_secret"), "{err:?}");
    assert_eq!(err.to_string(), "Not Found (HTTP 404), request id ABC:1");
    // A body that says nothing: its text when short, else the reason.
    let none = HeaderMap::new();
    let proxy = crate::error::ApiError::from_response(502, None, &none, b"<html>gateway</html>");
    assert_eq!(proxy.api_error().unwrap().message, "Bad Gateway");
    let plain = crate::error::ApiError::from_response(500, None, &none, b"upstream timed out");
    assert_eq!(plain.api_error().unwrap().message, "upstream timed out");
    let unauthorized = crate::error::ApiError::from_response(401, None, &none, b"");
    assert!(matches!(unauthorized, Error::Unauthorized(_)));
}

#[test]
fn validation_counts_characters_and_bounds() {
    use crate::validate;
    assert!(validate::min_length("f", "é", 1).is_ok());
    let err = validate::max_length("f", "ab", 1).unwrap_err();
    assert_eq!(err.rule, Rule::MaxLength(1));
    assert!(validate::minimum("f", 1.0, 1.0, false).is_ok());
    assert!(validate::minimum("f", 1.0, 1.0, true).is_err());
    assert_eq!(
        validate::max_items("f", 3, 2).unwrap_err().to_string(),
        "`f` must have at most 2 items (maxItems)"
    );
}

#[test]
fn check_applies_each_constraint_to_what_is_set() {
    use crate::validate::{check, Check::*};
    let sid = [MinLength(4), MaxLength(4), Pattern("^AC[0-9]+$")];
    assert!(check("Sid", &"AC12".to_string(), &sid).is_ok());
    assert_eq!(
        check("Sid", &"AC1".to_string(), &sid).unwrap_err().rule,
        Rule::MinLength(4)
    );
    // Patterns are checked where the spec has some (the `regex` crate).
    let mismatch = check("Sid", &"XY12".to_string(), &sid)
        .err()
        .map(|e| e.rule);
    match cfg!(feature = "pattern") {
        true => assert_eq!(mismatch, Some(Rule::Pattern("^AC[0-9]+$".into()))),
        false => assert_eq!(mismatch, None),
    }
    // The first failing check is the one reported, in the spec's order.
    assert_eq!(
        check("Sid", &"ACC12".to_string(), &sid).unwrap_err().rule,
        Rule::MaxLength(4)
    );
    // Unset values are not checked; set ones are, however deeply optional.
    assert!(check("Sid", &None::<String>, &sid).is_ok());
    let err = check("Sid", &Some(Some("no".to_string())), &sid).unwrap_err();
    assert_eq!((err.field.as_str(), err.rule), ("Sid", Rule::MinLength(4)));

    let size = [Minimum(1.0), ExclusiveMaximum(100.0)];
    assert!(check("PageSize", &1i64, &size).is_ok());
    assert!(check("PageSize", &99.5f64, &size).is_ok());
    assert_eq!(
        check("PageSize", &0u8, &size).unwrap_err().rule,
        Rule::Minimum {
            bound: 1.0,
            exclusive: false
        }
    );
    assert_eq!(
        check("PageSize", &Some(100i32), &size).unwrap_err().rule,
        Rule::Maximum {
            bound: 100.0,
            exclusive: true
        }
    );
    let strict = [ExclusiveMinimum(0.0), Maximum(1.0)];
    assert!(check("ratio", &0.0f32, &strict).is_err());
    assert!(check("ratio", &1.5f64, &strict).is_err());

    let ids = [MinItems(1), MaxItems(2)];
    assert!(check("ids", &vec!["a"], &ids).is_ok());
    assert_eq!(
        check("ids", &Vec::<u8>::new(), &ids).unwrap_err().rule,
        Rule::MinItems(1)
    );
    assert_eq!(
        check("ids", &Some(vec![1, 2, 3]), &ids).unwrap_err().rule,
        Rule::MaxItems(2)
    );
}

#[cfg(all(feature = "api_key", not(feature = "seam")))]
mod generic_credentials {
    use super::*;
    use crate::spec::ENV_API_KEY;

    #[test]
    fn the_api_key_is_a_bearer_token_from_the_builder_or_the_environment() {
        let env = |name: &str| (name == ENV_API_KEY).then(|| "env_key".to_string());
        let client = build(Client::builder(), env).unwrap();
        assert_eq!(client.inner.auth.kind, "api_key");
        assert_eq!(
            client.inner.auth.headers()["authorization"],
            "Bearer env_key"
        );
        let client = build(Client::builder().api_key("given"), env).unwrap();
        assert_eq!(client.inner.auth.headers()["authorization"], "Bearer given");
    }

    #[test]
    fn no_credentials_is_a_config_error_naming_the_variable() {
        let err = build(Client::builder(), no_env).unwrap_err();
        assert!(err.to_string().contains(ENV_API_KEY), "{err}");
    }

    /// An operation that takes the key elsewhere than the rest (a bearer
    /// token here) gets it there, and nowhere else.
    #[cfg(feature = "key_placement")]
    #[test]
    fn an_operation_gets_the_key_where_its_security_says() {
        use crate::auth::ApiKeyIn;
        use crate::http::{Endpoint, Location, Verb};
        let client = build(Client::builder().api_key("k/1 2"), no_env).unwrap();
        let sent = |api_key_in: Option<ApiKeyIn>| {
            let endpoint = Endpoint {
                operation: "things.get",
                verb: Verb::Get,
                path: "/things",
                location: Location::Query,
                key: None,
                idempotent: true,
                #[cfg(feature = "declared_errors")]
                errors: None,
                api_key_in,
            };
            let request = client
                .request(&endpoint, "/things", &[("c", "1".into())])
                .build()
                .unwrap();
            let header = |name: &str| {
                let values: Vec<_> = request.headers().get_all(name).iter().collect();
                // Whatever carries the key is kept out of `Debug` output.
                assert!(values
                    .iter()
                    .all(|v| v.is_sensitive() || !v.to_str().unwrap().contains("k/1")));
                values
                    .iter()
                    .map(|v| v.to_str().unwrap().to_string())
                    .collect::<Vec<_>>()
                    .join(" | ")
            };
            (
                request.url().query().unwrap_or("").to_string(),
                header("authorization"),
                header("x-key"),
                header("cookie"),
            )
        };
        let (query, bearer, x_key, cookie) = sent(None);
        assert_eq!((query.as_str(), bearer.as_str()), ("", "Bearer k/1 2"));
        assert_eq!((x_key.as_str(), cookie.as_str()), ("", "c=1"));
        let (query, bearer, _, _) = sent(Some(ApiKeyIn::Query("key")));
        assert_eq!((query.as_str(), bearer.as_str()), ("key=k%2F1+2", ""));
        let (query, bearer, x_key, _) = sent(Some(ApiKeyIn::Header("x-key")));
        assert_eq!((query.as_str(), bearer.as_str()), ("", ""));
        assert_eq!(x_key, "k/1 2");
        let (_, bearer, x_key, cookie) = sent(Some(ApiKeyIn::Cookie("sid")));
        assert_eq!((bearer.as_str(), x_key.as_str()), ("", ""));
        assert_eq!(cookie, "sid=k/1 2; c=1");
    }

    #[cfg(feature = "basic")]
    #[test]
    fn basic_auth_is_hidden_and_exclusive_with_a_bearer_key() {
        let builder = Client::builder().basic_auth("jane", "top_secret_password");
        assert!(!format!("{builder:?}").contains("top_secret_password"));
        let client = build(builder.clone(), no_env).unwrap();
        assert_eq!(client.inner.auth.kind, "basic_auth");
        // The environment's key is not mixed in when basic auth is given.
        let env = |name: &str| (name == ENV_API_KEY).then(|| "env_key".to_string());
        assert!(build(builder.clone(), env).is_ok());
        let err = build(builder.api_key("seam_k"), no_env).unwrap_err();
        assert!(err.to_string().contains("Authorization header"), "{err}");
    }
}

#[cfg(feature = "seam")]
mod seam_credentials {
    use super::*;

    #[test]
    fn env_supplies_credentials_only_when_none_are_given() {
        let env = |name: &str| match name {
            "RUNTIME_API_KEY" => Some("seam_env_key".to_string()),
            "SEAM_WORKSPACE_ID" => Some("env_workspace".to_string()),
            _ => None,
        };
        let client = build(Client::builder(), env).unwrap();
        assert_eq!(client.inner.auth.kind, "api_key");
        assert_eq!(
            client.inner.auth.headers()["authorization"],
            "Bearer seam_env_key"
        );
        assert!(!client.inner.auth.headers().contains_key("seam-workspace"));
        assert_eq!(
            client.inner.auth.headers()["seam-sdk-name"],
            crate::spec::SDK_NAME
        );
        let client = build(Client::builder().client_session_token("seam_cst1"), env).unwrap();
        assert_eq!(client.inner.auth.kind, "client_session_token");
        assert_eq!(
            client.inner.auth.headers()["client-session-token"],
            "seam_cst1"
        );
        let client = build(Client::builder().personal_access_token("seam_at1"), env).unwrap();
        assert_eq!(
            client.inner.auth.headers()["seam-workspace"],
            "env_workspace"
        );

        let pat_env = |name: &str| match name {
            "SEAM_PERSONAL_ACCESS_TOKEN" => Some("seam_at_env".to_string()),
            "SEAM_WORKSPACE_ID" => Some("env_workspace".to_string()),
            _ => None,
        };
        let client = build(Client::builder(), pat_env).unwrap();
        assert_eq!(client.inner.auth.kind, "personal_access_token");
        assert_eq!(
            client.inner.auth.headers()["authorization"],
            "Bearer seam_at_env"
        );
    }

    #[test]
    fn missing_or_conflicting_credentials_are_config_errors() {
        let err = build(Client::builder(), no_env).unwrap_err();
        assert!(err.to_string().contains("no credentials"), "{err}");
        let err = build(Client::builder().api_key("a").publishable_key("b"), no_env).unwrap_err();
        assert!(
            err.to_string().contains("api_key, publishable_key"),
            "{err}"
        );
        let err = build(
            Client::builder().api_key("seam_a").workspace_id("w"),
            no_env,
        )
        .unwrap_err();
        assert!(err.to_string().contains("workspace id"), "{err}");
        let both = |name: &str| {
            matches!(name, "RUNTIME_API_KEY" | "SEAM_PERSONAL_ACCESS_TOKEN")
                .then(|| "x".to_string())
        };
        let err = build(Client::builder(), both).unwrap_err();
        assert!(err.to_string().contains("both set"), "{err}");
    }

    #[test]
    fn a_credential_of_the_wrong_kind_is_named_for_what_it_is() {
        let cases = [
            (Client::builder().api_key("seam_cst1_x"), "a client_session_token cannot be used as the api_key (expected it to start with `seam_`)"),
            (Client::builder().api_key("seam_at1_x"), "a personal_access_token cannot be used as the api_key (expected it to start with `seam_`)"),
            (Client::builder().api_key("eyJhbGciOi.x.y"), "a console_session_token cannot be used as the api_key (expected it to start with `seam_`)"),
            (Client::builder().api_key("sk_live_1"), "invalid api_key: expected it to start with `seam_`"),
            (Client::builder().client_session_token("seam_apikey1_token"), "a api_key cannot be used as the client_session_token (expected it to start with `seam_cst`)"),
            (Client::builder().publishable_key("seam_cst1"), "a client_session_token cannot be used as the publishable_key (expected it to start with `seam_pk`)"),
            (Client::builder().personal_access_token("eyJx"), "a console_session_token cannot be used as the personal_access_token (expected it to start with `seam_at`)"),
            (Client::builder().console_session_token("seam_at1"), "a personal_access_token cannot be used as the console_session_token (expected it to be a JWT (starting with `ey`))"),
        ];
        for (builder, message) in cases {
            let err = build(builder, no_env).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("invalid client configuration: {message}")
            );
        }
        for builder in [
            Client::builder().api_key("seam_apikey1_token"),
            Client::builder().client_session_token("seam_cst1_token"),
            Client::builder().publishable_key("seam_pk1_token"),
            Client::builder()
                .personal_access_token("seam_at1_token")
                .workspace_id("w"),
            Client::builder()
                .console_session_token("eyJhbGciOi.x.y")
                .workspace_id("w"),
        ] {
            build(builder, no_env).unwrap();
        }
    }

    #[test]
    fn a_token_without_a_workspace_may_only_create_and_list_workspaces() {
        let client = build(Client::builder().personal_access_token("seam_at1"), no_env).unwrap();
        assert!(!client.inner.auth.headers().contains_key("seam-workspace"));
        crate::auth::check_workspace(&client.inner.auth, "/workspaces/list").unwrap();
        crate::auth::check_workspace(&client.inner.auth, "/workspaces/create").unwrap();
        let err = crate::auth::check_workspace(&client.inner.auth, "/devices/list").unwrap_err();
        assert!(
            err.to_string().contains(
                "/devices/list needs a workspace: a personal_access_token without a workspace id"
            ),
            "{err}"
        );
        let client = build(
            Client::builder()
                .personal_access_token("seam_at1")
                .workspace_id("w"),
            no_env,
        )
        .unwrap();
        crate::auth::check_workspace(&client.inner.auth, "/devices/list").unwrap();
        let client = build(Client::builder().api_key("seam_k"), no_env).unwrap();
        crate::auth::check_workspace(&client.inner.auth, "/devices/list").unwrap();
    }

    #[test]
    fn a_client_session_token_is_replaced_on_every_clone() {
        let client = build(
            Client::builder().client_session_token("seam_cst1_old"),
            no_env,
        )
        .unwrap();
        let clone = client.clone();
        client.update_client_session_token("seam_cst2_new").unwrap();
        let headers = clone.inner.auth.headers();
        assert_eq!(headers["authorization"], "Bearer seam_cst2_new");
        assert_eq!(headers["client-session-token"], "seam_cst2_new");
        assert!(headers["authorization"].is_sensitive());
        let err = client
            .update_client_session_token("seam_apikey")
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("cannot be used as the client_session_token"),
            "{err}"
        );
        let keyed = build(Client::builder().api_key("seam_k"), no_env).unwrap();
        let err = keyed.update_client_session_token("seam_cst1").unwrap_err();
        assert!(
            err.to_string().contains("authenticates with a api_key"),
            "{err}"
        );
    }

    #[cfg(feature = "exchange")]
    #[test]
    fn a_user_identifier_key_needs_connect() {
        let builder = Client::builder()
            .publishable_key("p")
            .user_identifier_key("u");
        let err = build(builder, no_env).unwrap_err();
        assert!(err.to_string().contains("connect()"), "{err}");
    }
}

#[cfg(feature = "polling")]
#[test]
fn polled_work_is_awaited_as_seams_sdks_wait() {
    let wait = crate::polling::PollWait::default();
    assert!(wait.enabled);
    assert_eq!(wait.timeout, Duration::from_secs(10));
    assert_eq!(wait.polling_interval, Duration::from_secs(1));
}

#[cfg(feature = "polling")]
#[test]
fn poll_errors_say_what_failed() {
    let attempt = serde_json::json!({
        "action_attempt_id": "aa1",
        "action_type": "UNLOCK_DOOR",
        "status": "error",
        "error": {"type": "lock_jammed", "message": "Jammed"},
    });
    let failed = crate::polling::PollError::from_value(attempt.clone()).unwrap();
    assert_eq!(failed.poll_value, attempt);
    assert_eq!(failed.poll_id, "aa1");
    assert_eq!(failed.kind.as_deref(), Some("UNLOCK_DOOR"));
    let err = Error::PollFailed(Box::new(failed));
    assert_eq!(
        err.to_string(),
        "action attempt `aa1` (UNLOCK_DOOR) failed: lock_jammed: Jammed"
    );
}

#[test]
fn cookie_parameters_join_the_credentials_cookie_in_one_header() {
    use reqwest::header::{HeaderMap, HeaderValue, COOKIE};
    let mut headers = HeaderMap::new();
    crate::client::add_cookies(&mut headers, &[("a", "x y;z".to_string())]);
    assert_eq!(headers[COOKIE], "a=x%20y%3Bz");
    assert!(!headers[COOKIE].is_sensitive());
    let mut secret = HeaderValue::from_static("key=top_secret");
    secret.set_sensitive(true);
    headers.insert(COOKIE, secret);
    crate::client::add_cookies(&mut headers, &[("b", "1".to_string())]);
    assert_eq!(headers.get_all(COOKIE).iter().count(), 1);
    assert_eq!(headers[COOKIE], "key=top_secret; b=1");
    assert!(headers[COOKIE].is_sensitive());
}

#[test]
fn parameters_are_written_as_the_openapi_style_table_says() {
    use crate::http::{styled_pairs, styled_segment, styled_text, Style};
    let list = serde_json::json!(["blue", "black", "brown"]);
    let object = serde_json::json!({"B": 150, "G": 200, "R": 100});
    let segment = |value: &serde_json::Value, style| styled_segment("color", value, style);
    let cases = [
        (
            Style::Matrix { explode: false },
            &list,
            ";color=blue,black,brown",
        ),
        (
            Style::Matrix { explode: false },
            &object,
            ";color=B,150,G,200,R,100",
        ),
        (
            Style::Matrix { explode: true },
            &list,
            ";color=blue;color=black;color=brown",
        ),
        (
            Style::Matrix { explode: true },
            &object,
            ";B=150;G=200;R=100",
        ),
        (Style::Label { explode: false }, &list, ".blue,black,brown"),
        (Style::Label { explode: true }, &list, ".blue.black.brown"),
        (
            Style::Label { explode: true },
            &object,
            ".B=150.G=200.R=100",
        ),
        (
            Style::Simple { explode: false },
            &object,
            "B,150,G,200,R,100",
        ),
        (
            Style::Simple { explode: true },
            &object,
            "B=150,G=200,R=100",
        ),
    ];
    for (style, value, expected) in cases {
        assert_eq!(segment(value, style), expected, "{style:?} {value}");
    }
    assert_eq!(
        segment(&serde_json::json!("a b/c"), Style::Label { explode: false }),
        ".a%20b%2Fc"
    );
    assert_eq!(
        styled_text("h", &list, Style::Simple { explode: true }),
        "blue,black,brown"
    );
    let pairs = |value: &serde_json::Value, style| styled_pairs("color", value, style);
    let one = |text: &str| vec![("color".to_string(), text.to_string())];
    assert_eq!(
        pairs(&list, Style::Form { explode: false }),
        one("blue,black,brown")
    );
    assert_eq!(
        pairs(&object, Style::Form { explode: false }),
        one("B,150,G,200,R,100")
    );
    assert_eq!(pairs(&list, Style::SpaceDelimited), one("blue black brown"));
    assert_eq!(pairs(&list, Style::PipeDelimited), one("blue|black|brown"));
    assert_eq!(
        pairs(&object, Style::DeepObject),
        [
            ("color[B]", "150"),
            ("color[G]", "200"),
            ("color[R]", "100")
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()))
    );
    assert_eq!(pairs(&list, Style::Form { explode: true }).len(), 3);
    assert_eq!(
        pairs(&object, Style::Json),
        one(r#"{"B":150,"G":200,"R":100}"#)
    );
    assert_eq!(
        segment(&list, Style::Json),
        "%5B%22blue%22%2C%22black%22%2C%22brown%22%5D"
    );
}

#[cfg(feature = "streaming")]
#[test]
fn bytes_bodies_repeat_and_streamed_ones_are_sent_once() {
    use crate::body::Body;
    let bytes = Body::from("hello");
    assert!(bytes.repeatable() && !bytes.is_stream());
    assert!(bytes.for_request().is_ok() && bytes.for_request().is_ok());
    assert_eq!(format!("{bytes:?}"), "Body { len: 5 }");
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = vec![Ok(b"a".to_vec())];
    let streamed = Body::from_stream(futures_util::stream::iter(chunks));
    assert!(!streamed.repeatable());
    assert_eq!(streamed, streamed.clone());
    assert_ne!(streamed, Body::from("a"));
    assert!(streamed.for_request().is_ok());
    let err = streamed.for_request().unwrap_err();
    assert!(err.to_string().contains("sent once"), "{err}");
}

#[cfg(feature = "base64")]
#[test]
fn base64_values_read_either_alphabet_and_write_the_standard_one() {
    use crate::base64::Base64;
    let value: Base64 = serde_json::from_value(serde_json::json!("+/8=")).unwrap();
    assert_eq!(value.bytes(), [0xfb, 0xff]);
    let url_safe: Base64 = serde_json::from_value(serde_json::json!("-_8")).unwrap();
    assert_eq!(url_safe, value);
    assert_eq!(
        serde_json::to_value(&value).unwrap(),
        serde_json::json!("+/8=")
    );
    assert!(serde_json::from_value::<Base64>(serde_json::json!("not base64!")).is_err());
    assert_eq!(format!("{value:?}"), "Base64 { len: 2 }");
}

#[cfg(feature = "polling")]
#[tokio::test]
async fn a_zero_wait_is_a_config_error_before_anything_is_sent() {
    use std::time::Duration;

    use crate::polling::PollWait;
    // Nothing listens on port 9: a request would be a transport error.
    let client = build(
        Client::builder()
            .api_key("seam_k")
            .endpoint("http://127.0.0.1:9"),
        no_env,
    )
    .unwrap();
    let params = serde_json::json!({});
    for wait in [
        PollWait {
            polling_interval: Duration::ZERO,
            ..PollWait::default()
        },
        PollWait {
            timeout: Duration::ZERO,
            ..PollWait::default()
        },
    ] {
        let result: Result<serde_json::Value, Error> = client
            .send_polled(crate::spec::POLL_STATUS, &params, Some(wait))
            .await;
        assert!(
            matches!(&result, Err(Error::Config(m)) if m.contains("above zero")),
            "{result:?}"
        );
    }
}

/// Webhook verification against signatures computed elsewhere: the example
/// of the Standard Webhooks / Svix documentation, and forgeries of it.
#[cfg(feature = "webhook")]
mod webhooks {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};

    use crate::webhook::{SeamWebhook, WebhookError};

    const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const TIMESTAMP: &str = "1614265330";
    const BODY: &[u8] = br#"{"test": 2432232314}"#;
    const SIGNATURE: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    fn at(offset: i64) -> SystemTime {
        let sent = UNIX_EPOCH + Duration::from_secs(1_614_265_330);
        match offset >= 0 {
            true => sent + Duration::from_secs(offset as u64),
            false => sent - Duration::from_secs(offset.unsigned_abs()),
        }
    }

    fn headers(id: &str, timestamp: &str, signature: &str) -> Vec<(String, String)> {
        vec![
            ("webhook-id".into(), id.into()),
            ("webhook-timestamp".into(), timestamp.into()),
            ("webhook-signature".into(), signature.into()),
        ]
    }

    fn verify(
        body: &[u8],
        headers: &[(String, String)],
        now: SystemTime,
    ) -> Result<serde_json::Value, WebhookError> {
        SeamWebhook::new(SECRET)
            .unwrap()
            .verify_at(body, headers, now)
    }

    #[test]
    fn a_signed_webhook_is_accepted_with_either_header_names_in_any_case() {
        let event = verify(BODY, &headers(ID, TIMESTAMP, SIGNATURE), at(10)).unwrap();
        assert_eq!(event, serde_json::json!({"test": 2432232314u64}));
        let svix = vec![
            ("Svix-Id".to_string(), ID.to_string()),
            ("SVIX-TIMESTAMP".to_string(), TIMESTAMP.to_string()),
            ("svix-signature".to_string(), SIGNATURE.to_string()),
        ];
        verify(BODY, &svix, at(0)).unwrap();
        let mut map = reqwest::header::HeaderMap::new();
        for (name, value) in headers(ID, TIMESTAMP, SIGNATURE) {
            let name =
                reqwest::header::HeaderName::from_bytes(name.to_uppercase().as_bytes()).unwrap();
            map.insert(name, value.parse().unwrap());
        }
        SeamWebhook::new(SECRET)
            .unwrap()
            .verify_at(BODY, &map, at(0))
            .unwrap();
        // Among several signatures (a secret being rotated), one is enough.
        let several = format!("v1,bm90IGl0 v2,abc {SIGNATURE}");
        verify(BODY, &headers(ID, TIMESTAMP, &several), at(0)).unwrap();
    }

    #[test]
    fn forged_webhooks_are_refused() {
        let forged = |body: &[u8], id: &str, timestamp: &str, signature: &str| {
            verify(body, &headers(id, timestamp, signature), at(0)).unwrap_err()
        };
        let invalid = |e: WebhookError| matches!(e, WebhookError::InvalidSignature);
        assert!(invalid(forged(
            br#"{"test": 2432232315}"#,
            ID,
            TIMESTAMP,
            SIGNATURE
        )));
        assert!(invalid(forged(BODY, "msg_other", TIMESTAMP, SIGNATURE)));
        assert!(invalid(forged(BODY, ID, "1614265331", SIGNATURE)));
        // The right signature under another version, or mangled.
        assert!(invalid(forged(
            BODY,
            ID,
            TIMESTAMP,
            &SIGNATURE.replace("v1,", "v2,")
        )));
        assert!(invalid(forged(
            BODY,
            ID,
            TIMESTAMP,
            &SIGNATURE.replace("v1,", "")
        )));
        assert!(invalid(forged(
            BODY,
            ID,
            TIMESTAMP,
            &SIGNATURE[..SIGNATURE.len() - 4]
        )));
        assert!(invalid(forged(BODY, ID, TIMESTAMP, "")));
        // Signed with another secret.
        let other = SeamWebhook::new("whsec_c2VhbS13ZWJob29rLXRlc3Qtc2VjcmV0LTAxMjM0NTY=").unwrap();
        let err = other
            .verify_at(BODY, headers(ID, TIMESTAMP, SIGNATURE).as_slice(), at(0))
            .unwrap_err();
        assert!(invalid(err));
        assert!(matches!(
            forged(BODY, ID, "soon", SIGNATURE),
            WebhookError::InvalidTimestamp
        ));
        let mut missing = headers(ID, TIMESTAMP, SIGNATURE);
        missing.pop();
        let err = verify(BODY, &missing, at(0)).unwrap_err();
        assert!(
            matches!(err, WebhookError::MissingHeader("signature")),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            "the webhook has no `webhook-signature` (or `svix-signature`) header"
        );
    }

    #[test]
    fn old_and_future_webhooks_are_refused_as_replays() {
        let signed = headers(ID, TIMESTAMP, SIGNATURE);
        verify(BODY, &signed, at(299)).unwrap();
        verify(BODY, &signed, at(-299)).unwrap();
        assert!(matches!(
            verify(BODY, &signed, at(301)),
            Err(WebhookError::TimestampTooOld)
        ));
        assert!(matches!(
            verify(BODY, &signed, at(-301)),
            Err(WebhookError::TimestampTooNew)
        ));
    }

    #[test]
    fn secrets_are_checked_and_a_body_that_is_not_json_is_a_decode_error() {
        assert!(matches!(
            SeamWebhook::new("whsec_%%%"),
            Err(WebhookError::InvalidSecret)
        ));
        assert!(matches!(
            SeamWebhook::new("whsec_"),
            Err(WebhookError::InvalidSecret)
        ));
        // The bare base64 of the secret works too.
        let bare = SeamWebhook::new(SECRET.trim_start_matches("whsec_")).unwrap();
        bare.verify_at(BODY, headers(ID, TIMESTAMP, SIGNATURE).as_slice(), at(0))
            .unwrap();
        assert!(!format!("{bare:?}").contains("MfKQ"));
        let signature = "v1,aE5G1260jAS4eUjsE1sxSpaEAl8j0b6VOwoF9zx6FTk=";
        let err = verify(b"not json", &headers(ID, TIMESTAMP, signature), at(0)).unwrap_err();
        assert!(matches!(err, WebhookError::Decode(_)), "{err:?}");
    }
}

/// An operation's parameters: `Serialize` writes the ones sent together;
/// `PartialEq` and `Debug` also take those sent apart (in the path, …).
mod params {
    #[derive(Clone)]
    struct Rename {
        r#type: String,
        name: String,
        tag: Option<String>,
    }
    crate::macros::params!(Rename, [r#type], body {
        required name("name"),
        optional tag("tag"),
    });

    #[derive(Clone, Default)]
    struct Search {
        limit: Option<i64>,
    }
    crate::macros::params!(Search, query { optional limit("limit") });

    #[derive(Clone)]
    struct Fetch {
        id: String,
    }
    crate::macros::params!(Fetch, [id], query {});

    #[derive(Clone)]
    struct Replace {
        id: String,
        items: Vec<i64>,
    }
    crate::macros::params!(Replace, [id], body = items);

    fn rename(r#type: &str, name: &str) -> Rename {
        Rename {
            r#type: r#type.into(),
            name: name.into(),
            tag: None,
        }
    }

    #[test]
    fn serialize_writes_only_what_is_sent_together() {
        let json = serde_json::to_value(rename("file", "a.txt")).unwrap();
        assert_eq!(json, serde_json::json!({"name": "a.txt"}));
        let replace = Replace {
            id: "7".into(),
            items: vec![1, 2],
        };
        assert_eq!(serde_json::to_string(&replace).unwrap(), "[1,2]");
    }

    #[test]
    fn equality_covers_the_parameters_sent_apart_too() {
        assert!(rename("file", "a.txt") == rename("file", "a.txt"));
        assert!(rename("file", "a.txt") != rename("file", "b.txt"));
        assert!(rename("file", "a.txt") != rename("folder", "a.txt"));
        let tagged = Rename {
            tag: Some("x".into()),
            ..rename("file", "a.txt")
        };
        assert!(tagged != rename("file", "a.txt"));
        assert!(Search { limit: Some(1) } != Search::default());
        assert!(Fetch { id: "1".into() } == Fetch { id: "1".into() });
        assert!(Fetch { id: "1".into() } != Fetch { id: "2".into() });
        let replace = |id: &str, items: Vec<i64>| Replace {
            id: id.into(),
            items,
        };
        assert!(replace("1", vec![1]) == replace("1", vec![1]));
        assert!(replace("1", vec![1]) != replace("1", vec![2]));
        assert!(replace("1", vec![1]) != replace("2", vec![1]));
    }

    #[test]
    fn debug_shows_those_apart_then_the_json_of_the_others() {
        assert_eq!(
            format!("{:?}", rename("file", "a.txt")),
            r#"Rename { type: "file", body: {"name":"a.txt"} }"#
        );
        assert_eq!(
            format!("{:?}", Search { limit: Some(5) }),
            r#"Search { query: {"limit":5} }"#
        );
        assert_eq!(
            format!("{:?}", Fetch { id: "1".into() }),
            r#"Fetch { id: "1" }"#
        );
        let replace = Replace {
            id: "7".into(),
            items: vec![1, 2],
        };
        assert_eq!(
            format!("{replace:?}"),
            r#"Replace { id: "7", items: [1,2] }"#
        );
        assert_eq!(
            format!("{:#?}", rename("file", "a.txt")),
            "Rename {\n    type: \"file\",\n    body: {\n      \"name\": \"a.txt\"\n    },\n}"
        );
    }
}

/// Where decoding gives way: a tagged union keeps a variant that does not
/// fit as its unknown arm, with the reason; `null` (or nothing) where an
/// object with only optional fields is wanted reads as that object, empty.
mod resilience {
    use serde_json::json;

    use crate::codec::UnknownVariant;

    #[derive(Clone, Default)]
    struct Door {
        opened: Option<bool>,
    }
    crate::macros::object!(Door { optional opened("opened") });

    #[derive(Clone)]
    struct Lock {
        name: String,
        door: Door,
    }
    crate::macros::object!(Lock { required name("name"), required door("door") });

    #[derive(Clone)]
    enum Event {
        Unlocked(Lock),
        Unknown(UnknownVariant),
    }
    crate::macros::tagged!(Event, Unknown, ["type"] { ["unlocked"] => Unlocked });

    fn event(value: serde_json::Value) -> Event {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn debug_shows_the_type_and_its_json() {
        let lock = Lock {
            name: "front".into(),
            door: Door { opened: None },
        };
        assert_eq!(format!("{lock:?}"), r#"Lock {"name":"front","door":{}}"#);
        assert_eq!(
            format!("{:#?}", Event::Unlocked(lock)),
            "Event::Unlocked {\n  \"name\": \"front\",\n  \"door\": {}\n}"
        );
    }

    #[test]
    fn a_variant_that_does_not_fit_is_unknown_with_the_reason() {
        let fits = event(json!({"type": "unlocked", "name": "front", "door": {"opened": true}}));
        assert!(
            matches!(fits, Event::Unlocked(ref l) if l.name == "front" && l.door.opened == Some(true))
        );
        let drifted = json!({"type": "unlocked", "door": {}});
        let Event::Unknown(unknown) = event(drifted.clone()) else {
            panic!("expected the unknown arm");
        };
        assert_eq!(unknown.json, drifted);
        assert_eq!(unknown.reason.as_deref(), Some("missing field `name`"));
        assert_eq!(unknown["type"], "unlocked", "it derefs to the JSON");
        let deeper = json!({"type": "unlocked", "name": "front", "door": {"opened": "yes"}});
        let Event::Unknown(unknown) = event(deeper.clone()) else {
            panic!("expected the unknown arm");
        };
        assert!(
            unknown
                .reason
                .as_deref()
                .unwrap()
                .starts_with("at `door.opened`: invalid type"),
            "{unknown:?}"
        );
        // Written back as it came.
        assert_eq!(
            serde_json::to_value(Event::Unknown(unknown)).unwrap(),
            deeper
        );
        let err = serde_json::from_value::<Event>(json!([1])).unwrap_err();
        assert_eq!(err.to_string(), "invalid type: a list, expected an object");
        let new = json!({"type": "jammed"});
        let Event::Unknown(unknown) = event(new.clone()) else {
            panic!("expected the unknown arm");
        };
        assert_eq!((unknown.json, unknown.reason), (new, None));
    }

    #[test]
    fn null_or_nothing_is_an_empty_object_only_when_one_can_be() {
        let lock: Lock = serde_json::from_value(json!({"name": "front", "door": null})).unwrap();
        assert_eq!(lock.door.opened, None);
        let lock: Lock = serde_json::from_value(json!({"name": "front"})).unwrap();
        assert_eq!(lock.door.opened, None);
        let err = serde_json::from_value::<Lock>(json!(null)).unwrap_err();
        assert_eq!(err.to_string(), "invalid type: null, expected an object");
        let err = serde_json::from_value::<Lock>(json!({"door": {}})).unwrap_err();
        assert_eq!(err.to_string(), "missing field `name`");
    }

    #[test]
    fn a_value_that_does_not_fit_is_reported_before_a_missing_field() {
        // `name` is missing too, but reading stopped at `opened`.
        let err = serde_json::from_value::<Lock>(json!({"door": {"opened": "yes"}})).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid type: string \"yes\", expected a boolean"
        );
        let err =
            crate::codec::from_slice::<Lock>(br#"{"door": {"opened": 1}, "x": 2}"#).unwrap_err();
        assert_eq!(
            (err.path.as_str(), err.message.as_str()),
            (
                "door.opened",
                "invalid type: integer `1`, expected a boolean"
            )
        );
    }

    #[test]
    fn a_decode_error_keeps_the_body() {
        let body = br#"{"lock": {"door": {}}}"#;
        let err = crate::http::decode::<Lock>(body, Some("lock")).unwrap_err();
        let crate::Error::Decode(e) = err else {
            panic!("expected a decode error: {err:?}");
        };
        assert_eq!(
            (e.path.as_str(), e.message.as_str()),
            ("lock", "missing field `name`")
        );
        assert_eq!(e.body.as_deref(), Some(r#"{"lock": {"door": {}}}"#));
    }
}

/// With the `tracing` feature, each call is one span with what happened,
/// and nothing secret.
#[cfg(feature = "tracing")]
mod tracing_spans {
    use std::sync::{Arc, Mutex};

    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;
    use crate::http::{Endpoint, Location, Verb};

    /// A server on a free loopback port that answers each connection with
    /// the next of `statuses`.
    async fn server(statuses: &'static [u16]) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move {
            for status in statuses {
                let (mut socket, _) = listener.accept().await.unwrap();
                let mut request = Vec::new();
                let mut chunk = [0u8; 4096];
                // The request: headers, then the body its length says.
                loop {
                    let n = socket.read(&mut chunk).await.unwrap();
                    request.extend_from_slice(&chunk[..n]);
                    let text = String::from_utf8_lossy(&request);
                    if let Some(end) = text.find("\r\n\r\n") {
                        let length = text
                            .lines()
                            .find_map(|l| {
                                l.to_ascii_lowercase()
                                    .strip_prefix("content-length:")
                                    .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                            })
                            .unwrap_or(0);
                        if request.len() >= end + 4 + length {
                            break;
                        }
                    }
                    if n == 0 {
                        break;
                    }
                }
                let response = format!(
                    "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\nx-request-id: req_{status}\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{{}}"
                );
                socket.write_all(response.as_bytes()).await.unwrap();
            }
        });
        format!("http://{address}")
    }

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

    const ENDPOINT: &Endpoint = &Endpoint {
        operation: "things.list",
        verb: Verb::Get,
        path: "/things/list",
        location: Location::Query,
        key: None,
        idempotent: true,
        #[cfg(feature = "declared_errors")]
        errors: None,
        #[cfg(all(feature = "key_placement", not(feature = "seam")))]
        api_key_in: None,
    };

    #[tokio::test]
    async fn a_call_is_one_span_with_its_attempts_status_and_request_id_and_no_secret() {
        let endpoint = server(&[503, 200]).await;
        let client = build(
            Client::builder()
                .api_key("seam_very_secret_key")
                .endpoint(endpoint)
                .retry_policy(RetryPolicy {
                    initial_delay: Duration::from_millis(1),
                    ..RetryPolicy::default()
                }),
            no_env,
        )
        .unwrap();
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_max_level(tracing::Level::DEBUG)
            .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
            .with_ansi(false)
            .finish();
        let _guard = tracing::subscriber::set_default(subscriber);
        let params = serde_json::json!({"limit": 2});
        client.call(ENDPOINT, &params).await.unwrap();

        let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        let closed = text
            .lines()
            .find(|l| l.contains("close"))
            .unwrap_or_else(|| panic!("no closed span in:\n{text}"));
        for field in [
            "operation=\"things.list\"",
            "method=\"GET\"",
            "path=\"/things/list\"",
            "attempt=2",
            "status=200",
            "request_id=\"req_200\"",
            "outcome=\"ok\"",
            "elapsed_ms=",
        ] {
            assert!(closed.contains(field), "{field} missing from: {closed}");
        }
        assert!(text.contains("retrying"), "{text}");
        assert!(!text.contains("very_secret"), "{text}");
    }
}

/// Decoding reads straight from the text, and takes quicker roads for
/// timestamps and tags: what it reads must be what the plain roads read.
mod direct_decoding {
    use chrono::{DateTime, Utc};
    use serde_json::json;

    use crate::codec::UnknownVariant;

    #[derive(Clone)]
    struct Stamp {
        at: DateTime<Utc>,
        seen: Option<DateTime<Utc>>,
        gone: Option<Option<DateTime<Utc>>>,
    }
    crate::macros::object!(Stamp {
        required at("at"),
        optional seen("seen"),
        optional_nullable gone("gone"),
    });

    #[test]
    fn timestamps_read_and_write_as_chrono_does() {
        for text in [
            "2026-11-25T19:02:59.710Z",
            "2026-11-25T19:02:59Z",
            "2026-11-25T19:02:59.123456789+02:00",
            "2026-11-25t19:02:59.5-07:30",
            // Not RFC 3339, but taken by chrono's general parser.
            "2026-11-25 19:02:59.001 +0100",
        ] {
            let ours: Stamp = crate::from_slice(
                json!({"at": text, "seen": text, "gone": text})
                    .to_string()
                    .as_bytes(),
            )
            .unwrap_or_else(|e| panic!("{text}: {e}"));
            let chrono: DateTime<Utc> = serde_json::from_value(json!(text)).unwrap();
            assert_eq!(ours.at, chrono, "{text}");
            assert_eq!((ours.seen, ours.gone), (Some(chrono), Some(Some(chrono))));
            let written = serde_json::to_value(&ours).unwrap();
            let expected = serde_json::to_value(chrono).unwrap();
            assert_eq!(written["at"], expected, "{text}");
            assert_eq!(written["seen"], expected);
            assert_eq!(written["gone"], expected);
        }
        let nulls: Stamp =
            crate::from_slice(br#"{"at": "2026-11-25T19:02:59Z", "seen": null, "gone": null}"#)
                .unwrap();
        assert_eq!((nulls.seen, nulls.gone), (None, Some(None)));
        let absent: Stamp = crate::from_slice(br#"{"at": "2026-11-25T19:02:59Z"}"#).unwrap();
        assert_eq!((absent.seen, absent.gone), (None, None));
        let err = crate::from_slice::<Stamp>(br#"{"at": "yesterday"}"#).unwrap_err();
        assert_eq!(err.path, "at");
        assert_eq!(err.message, "input contains invalid characters");
        let err = crate::from_slice::<Stamp>(br#"{"at": 5}"#).unwrap_err();
        assert_eq!(
            err.message,
            "invalid type: integer `5`, expected an RFC 3339 formatted date and time string"
        );
    }

    #[derive(Clone)]
    struct Named {
        name: String,
    }
    crate::macros::object!(Named { required name("name") });

    #[derive(Clone)]
    enum Shape {
        Round(Named),
        Square(Named),
        Unknown(UnknownVariant),
    }
    crate::macros::tagged!(Shape, Unknown, ["kind", "sides"] {
        ["round", "none"] => Round,
        ["square", "four"] => Square,
    });

    fn shape(json: &str) -> Shape {
        crate::from_slice(json.as_bytes()).unwrap_or_else(|e| panic!("{json}: {e}"))
    }

    #[test]
    fn tags_are_read_wherever_they_are_and_the_rest_is_skipped() {
        let round = Shape::Round(Named {
            name: "o".to_string(),
        });
        assert_eq!(
            shape(r#"{"kind": "round", "sides": "none", "name": "o"}"#),
            round
        );
        assert_eq!(
            shape(
                r#"{"name": "o", "junk": [{"a": [1, {"b": null}]}], "sides": "none", "kind": "round"}"#
            ),
            round
        );
        // Escaped names and tags read as their text.
        assert_eq!(
            shape(r#"{"n\u0061me": "o", "kind": "r\u006fund", "sides": "none"}"#),
            round
        );
        // A tag named twice: the last is read, as serde_json reads a map.
        assert_eq!(
            shape(r#"{"kind": "square", "kind": "round", "name": "o", "sides": "none"}"#),
            round
        );
        // A tag that is not a string names no variant.
        let Shape::Unknown(unknown) = shape(r#"{"kind": 4, "sides": "four", "name": "x"}"#) else {
            panic!("expected the unknown arm");
        };
        assert_eq!(
            unknown.json,
            json!({"kind": 4, "sides": "four", "name": "x"})
        );
        let err = crate::from_slice::<Vec<Shape>>(
            br#"[{"kind": "round", "sides": "none", "name": "o"}, "round"]"#,
        )
        .unwrap_err();
        assert_eq!(
            (err.path.as_str(), err.message.as_str()),
            ("[1]", "invalid type: a string, expected an object")
        );
    }

    #[test]
    fn any_serde_json_input_decodes_the_same() {
        let text = r#"[{"name": "o", "kind": "round", "sides": "none"}, {"kind": "cube"}]"#;
        let from_text: Vec<Shape> = crate::from_slice(text.as_bytes()).unwrap();
        let from_reader: Vec<Shape> = serde_json::from_reader(text.as_bytes()).unwrap();
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let from_value: Vec<Shape> = serde_json::from_value(value.clone()).unwrap();
        let from_borrowed: Vec<Shape> = serde::Deserialize::deserialize(&value).unwrap();
        assert_eq!(from_text, from_reader);
        assert_eq!(from_text, from_value);
        assert_eq!(from_text, from_borrowed);
        assert!(matches!(&from_text[1], Shape::Unknown(u) if u.json == json!({"kind": "cube"})));
    }
}

/// A type that holds itself, required (a spec can say so; no JSON can
/// be one): reading it from `{}` or `null` ends in an error, not in an
/// endless search for the empty value.
mod holds_itself {
    #[derive(Clone)]
    struct Chain {
        next: Box<Chain>,
    }
    crate::macros::object!(Chain { required next("next") });

    #[test]
    fn a_required_field_of_its_own_type_is_missing_not_endless() {
        let err = crate::from_slice::<Chain>(br#"{"next": {}}"#).unwrap_err();
        assert_eq!(
            (err.path.as_str(), err.message.as_str()),
            ("next", "missing field `next`")
        );
        assert!(crate::from_slice::<Chain>(b"null").is_err());
    }
}

/// Unions are decoded again from their own text, with a fresh parser and
/// so a fresh depth limit: a response that nests them without end is
/// stopped at the crate's own limit, not by a stack overflow.
mod nested_unions {
    use crate::codec::UnknownVariant;

    #[derive(Clone)]
    struct Branch {
        child: Option<Box<Tree>>,
    }
    crate::macros::object!(Branch { optional child("child") });

    #[derive(Clone)]
    enum Tree {
        Branch(Branch),
        Unknown(UnknownVariant),
    }
    crate::macros::tagged!(Tree, Unknown, ["kind"] { ["branch"] => Branch });

    #[derive(Clone)]
    enum Expr {
        Text(String),
        List(Vec<Expr>),
    }
    crate::macros::untagged!(Expr { Text, List });

    fn tree(depth: usize) -> Vec<u8> {
        let open = r#"{"kind": "branch", "child": "#;
        format!("{}null{}", open.repeat(depth), "}".repeat(depth)).into_bytes()
    }

    fn list(depth: usize) -> Vec<u8> {
        format!("{}\"x\"{}", "[".repeat(depth), "]".repeat(depth)).into_bytes()
    }

    /// How many branches down the first unknown arm is, and its reason.
    fn first_unknown(mut tree: &Tree) -> Option<(usize, Option<String>)> {
        let mut depth = 0;
        loop {
            match tree {
                Tree::Branch(Branch { child: Some(child) }) => tree = child,
                Tree::Branch(Branch { child: None }) => return None,
                Tree::Unknown(unknown) => return Some((depth, unknown.reason.clone())),
            }
            depth += 1;
        }
    }

    #[test]
    fn deep_nesting_stops_at_the_limit_instead_of_overflowing() {
        let shallow: Tree = crate::from_slice(&tree(50)).unwrap();
        assert_eq!(first_unknown(&shallow), None);
        // A union whose variant does not fit is its unknown arm: the branch
        // too deep to read is one, with the reason.
        let deep: Tree = crate::from_slice(&tree(10_000)).unwrap();
        let (depth, reason) = first_unknown(&deep).unwrap();
        assert_eq!(depth, 128, "one level per object");
        assert!(reason.unwrap().contains("recursion limit exceeded"));

        assert!(crate::from_slice::<Expr>(&list(50)).is_ok());
        let err = crate::from_slice::<Expr>(&list(10_000)).unwrap_err();
        assert_eq!(err.message, "the value fits none of the variants of `Expr`");
    }
}

mod tags_of_several_values {
    use crate::codec::UnknownVariant;

    #[derive(Clone)]
    struct WebSearch {
        r#type: String,
    }
    crate::macros::object!(WebSearch { required r#type("type") });

    #[derive(Clone)]
    struct Function {
        r#type: String,
        name: String,
    }
    crate::macros::object!(Function { required r#type("type"), required name("name") });

    #[derive(Clone)]
    enum Tool {
        WebSearch(WebSearch),
        Function(Function),
        Unknown(UnknownVariant),
    }
    crate::macros::tagged!(Tool, Unknown, ["type"] {
        ["web_search"] | ["web_search_2025_08_26"] => WebSearch,
        ["function"] => Function,
    });

    #[test]
    fn each_value_selects_the_variant_and_is_written_back_as_read() {
        for value in ["web_search", "web_search_2025_08_26"] {
            let json = serde_json::json!({ "type": value });
            let tool: Tool = serde_json::from_value(json.clone()).unwrap();
            assert!(
                matches!(&tool, Tool::WebSearch(w) if w.r#type == value),
                "{tool:?}"
            );
            assert_eq!(serde_json::to_value(&tool).unwrap(), json);
        }
        let function: Tool =
            serde_json::from_value(serde_json::json!({"type": "function", "name": "f"})).unwrap();
        assert!(matches!(function, Tool::Function(_)));
        let other: Tool =
            serde_json::from_value(serde_json::json!({"type": "web_search_2"})).unwrap();
        assert!(matches!(other, Tool::Unknown(_)), "{other:?}");
    }
}

#[cfg(feature = "pagination")]
mod pagination {
    use crate::pagination::{next_link, path_on, read_page, Next, PageRule};
    use reqwest::header::{HeaderMap, HeaderValue, LINK};

    fn page(
        body: serde_json::Value,
        headers: &HeaderMap,
        rule: &PageRule,
        cursor: Option<&str>,
    ) -> (Vec<u32>, Option<String>) {
        let body = serde_json::to_vec(&body).unwrap();
        let page = read_page::<u32>(&body, headers, rule, cursor).unwrap();
        assert_eq!(page.has_next_page, page.next_page_cursor.is_some());
        (page.items, page.next_page_cursor)
    }

    #[test]
    fn a_cursor_is_read_where_the_rule_says_while_more_follow() {
        let rule = PageRule {
            items: &["devices"],
            next: Next::Cursor {
                cursor: &["pagination", "next_page_cursor"],
                has_more: Some(&["pagination", "has_next_page"]),
            },
        };
        let none = HeaderMap::new();
        let body = |cursor: serde_json::Value, more: bool| {
            serde_json::json!({
                "pagination": {"next_page_cursor": cursor, "has_next_page": more},
                "devices": [1, 2],
            })
        };
        assert_eq!(
            page(body("c2".into(), true), &none, &rule, None),
            (vec![1, 2], Some("c2".into()))
        );
        assert_eq!(page(body("c2".into(), false), &none, &rule, None).1, None);
        assert_eq!(
            page(body(serde_json::Value::Null, true), &none, &rule, None).1,
            None
        );
        // A number is a cursor too; no `has_more` means a cursor is enough.
        let rule = PageRule {
            items: &[],
            next: Next::Cursor {
                cursor: &["meta", "next"],
                has_more: None,
            },
        };
        let body = serde_json::json!([3]);
        assert_eq!(page(body, &none, &rule, None), (vec![3], None));
    }

    #[test]
    fn the_last_items_id_continues_while_has_more() {
        let rule = PageRule {
            items: &["data"],
            next: Next::AfterLastItem {
                id: "id",
                has_more: &["has_more"],
            },
        };
        let none = HeaderMap::new();
        let body = serde_json::to_vec(&serde_json::json!({
            "has_more": true,
            "data": [{"id": "ch_1"}, {"id": "ch_2", "amount": 5}],
        }))
        .unwrap();
        let page = read_page::<serde_json::Value>(&body, &none, &rule, None).unwrap();
        assert_eq!(page.next_page_cursor.as_deref(), Some("ch_2"));
        let body = serde_json::to_vec(&serde_json::json!({"has_more": false, "data": [{"id": 7}]}))
            .unwrap();
        let page = read_page::<serde_json::Value>(&body, &none, &rule, None).unwrap();
        assert_eq!(page.next_page_cursor, None);
    }

    #[test]
    fn next_urls_come_from_the_body_or_the_link_header() {
        let rule = PageRule {
            items: &["messages"],
            next: Next::Url {
                url: &["next_page_uri"],
            },
        };
        let none = HeaderMap::new();
        let body = serde_json::json!({"messages": [1], "next_page_uri": "/m?Page=1"});
        assert_eq!(
            page(body, &none, &rule, None).1.as_deref(),
            Some("/m?Page=1")
        );
        let body = serde_json::json!({"messages": [], "next_page_uri": null});
        assert_eq!(page(body, &none, &rule, None).1, None);

        let rule = PageRule {
            items: &[],
            next: Next::LinkHeader,
        };
        let mut headers = HeaderMap::new();
        headers.insert(
            LINK,
            HeaderValue::from_static(
                r#"<https://x.test/i?page=1>; rel="prev", <https://x.test/i?page=3>; rel="next""#,
            ),
        );
        assert_eq!(
            page(serde_json::json!([1]), &headers, &rule, None)
                .1
                .as_deref(),
            Some("https://x.test/i?page=3")
        );
        assert_eq!(page(serde_json::json!([1]), &none, &rule, None).1, None);
    }

    #[test]
    fn link_headers_are_read_as_rfc_8288_writes_them() {
        assert_eq!(next_link(r#"<a>; rel="next""#).as_deref(), Some("a"));
        assert_eq!(next_link("<a>; rel=next").as_deref(), Some("a"));
        assert_eq!(
            next_link(r#"<a>; title="x"; rel="last next""#).as_deref(),
            Some("a")
        );
        assert_eq!(
            next_link(r#"<a>; rel="last", <b>;rel="NEXT""#).as_deref(),
            Some("b")
        );
        assert_eq!(
            next_link(r#"<a>; rel="next", <b>; rel="last""#).as_deref(),
            Some("a")
        );
        assert_eq!(next_link(r#"<a>; rel="nextish""#), None);
        assert_eq!(next_link("garbage"), None);
        assert_eq!(next_link("<unclosed; rel=next"), None);
    }

    #[test]
    fn page_numbers_count_up_until_an_empty_page() {
        let rule = PageRule {
            items: &[],
            next: Next::PageNumber { first: 1 },
        };
        let none = HeaderMap::new();
        assert_eq!(
            page(serde_json::json!([1]), &none, &rule, None)
                .1
                .as_deref(),
            Some("2")
        );
        assert_eq!(
            page(serde_json::json!([1]), &none, &rule, Some("2"))
                .1
                .as_deref(),
            Some("3")
        );
        assert_eq!(page(serde_json::json!([]), &none, &rule, Some("3")).1, None);
        let body = serde_json::to_vec(&serde_json::json!([1])).unwrap();
        assert!(read_page::<u32>(&body, &none, &rule, Some("x")).is_err());
    }

    #[test]
    fn missing_items_and_misfit_cursors_name_their_path() {
        let rule = PageRule {
            items: &["data", "items"],
            next: Next::Cursor {
                cursor: &["next"],
                has_more: None,
            },
        };
        let none = HeaderMap::new();
        let read = |body: serde_json::Value| {
            let body = serde_json::to_vec(&body).unwrap();
            match read_page::<u32>(&body, &none, &rule, None) {
                Err(crate::error::Error::Decode(e)) => e.path,
                other => panic!("{other:?}"),
            }
        };
        assert_eq!(read(serde_json::json!({"data": {}})), "data.items");
        assert_eq!(
            read(serde_json::json!({"data": {"items": ["x"]}})),
            "data.items[0]"
        );
        assert_eq!(
            read(serde_json::json!({"data": {"items": []}, "next": {"a": 1}})),
            "next"
        );
    }

    #[test]
    fn next_page_urls_stay_on_the_endpoint() {
        let on = |endpoint: &str, url: &str| path_on(endpoint, url).ok();
        assert_eq!(
            on("https://api.x.test", "https://api.x.test/items?page=2").as_deref(),
            Some("/items?page=2")
        );
        assert_eq!(
            on("https://api.x.test/v3/", "/v3/items?page=2").as_deref(),
            Some("/items?page=2")
        );
        assert_eq!(
            on("https://api.x.test/v3/", "items?page=2").as_deref(),
            Some("/items?page=2")
        );
        assert_eq!(on("https://api.x.test", "https://evil.test/items"), None);
        assert_eq!(on("https://api.x.test/v3", "/v30/items"), None);
        assert_eq!(on("https://api.x.test", "http://api.x.test/items"), None);
    }
}

/// Timestamps are written as chrono's `AutoSi` writes them, whatever their
/// fraction, year or leap second.
#[test]
fn timestamps_are_written_as_chrono_writes_them() {
    use chrono::{TimeZone, Utc};
    let mut seeds: Vec<i64> = vec![
        0,
        1,
        -1,
        86_399,
        951_782_400,
        4_102_444_800,
        253_402_300_799,
    ];
    // A spread of instants, from before the epoch to year 9999.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..2000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        seeds.push((x % 315_537_897_599) as i64 - 62_135_596_800);
    }
    let fractions = [
        0,
        1,
        999,
        1_000,
        250_000_000,
        120_000,
        123_456_789,
        999_999_999,
    ];
    for (i, seconds) in seeds.into_iter().enumerate() {
        let nanos = fractions[i % fractions.len()];
        let time = Utc.timestamp_opt(seconds, nanos).single().unwrap();
        let mut buffer = [0; crate::codec::RFC3339_MAX];
        let ours = crate::codec::rfc3339(&time, &mut buffer).into_owned();
        assert_eq!(
            ours,
            time.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
        );
    }
    // A leap second, and a year of five digits, are chrono's to write.
    let leap = chrono::NaiveDate::from_ymd_opt(2016, 12, 31)
        .and_then(|d| d.and_hms_nano_opt(23, 59, 59, 1_500_000_000))
        .unwrap()
        .and_utc();
    let mut buffer = [0; crate::codec::RFC3339_MAX];
    assert_eq!(
        crate::codec::rfc3339(&leap, &mut buffer),
        "2016-12-31T23:59:60.500Z"
    );
    let far = Utc.with_ymd_and_hms(10_000, 1, 1, 0, 0, 0).unwrap();
    assert_eq!(
        crate::codec::rfc3339(&far, &mut buffer),
        far.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
    );
}
