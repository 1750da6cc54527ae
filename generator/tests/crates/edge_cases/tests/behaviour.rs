//! Behaviour of the code generated from the edge-case fixture: unions,
//! enum fallbacks, nullability, constraints and query parameters.

use edge_cases::types::{Attempt, Settings, SettingsTimeZone, Shape, WidgetAmount, WidgetType};
use edge_cases::{Error, Rule, Seam};
use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn roundtrip<T: serde::de::DeserializeOwned + serde::Serialize>(value: Value) -> (T, Value) {
    let decoded: T = serde_json::from_value(value).unwrap();
    let encoded = serde_json::to_value(&decoded).unwrap();
    (decoded, encoded)
}

#[test]
fn discriminated_union_picks_the_variant_by_its_tag_and_keeps_unknown_ones() {
    let circle = json!({"kind": "circle", "radius": 2.0});
    let (shape, back) = roundtrip::<Shape>(circle.clone());
    assert!(
        matches!(&shape, Shape::Circle(c) if c.radius == 2.0),
        "{shape:?}"
    );
    assert_eq!(back, circle);

    let hexagon = json!({"kind": "hexagon", "sides": 6});
    let (shape, back) = roundtrip::<Shape>(hexagon.clone());
    let Shape::Unknown(unknown) = &shape else {
        panic!("expected the unknown arm: {shape:?}");
    };
    assert_eq!((&unknown.json, &unknown.reason), (&hexagon, &None));
    assert_eq!(back, hexagon);

    // A known tag with a body that does not fit is kept in the unknown arm
    // too, with the reason naming the field: one odd item does not sink a
    // whole list.
    let square = json!({"kind": "square", "side": "wide"});
    let shapes = edge_cases::from_value::<Vec<Shape>>(json!([circle, square])).unwrap();
    let Shape::Unknown(unknown) = &shapes[1] else {
        panic!("expected the unknown arm: {shapes:?}");
    };
    assert_eq!(unknown.json, square);
    let reason = unknown.reason.as_deref().unwrap_or_default();
    assert!(
        reason.starts_with("at `side`: invalid type: string \"wide\""),
        "{reason}"
    );
    assert_eq!(unknown["kind"], "square");
}

#[test]
fn union_without_discriminator_is_told_apart_by_two_constant_properties() {
    let pending = json!({
        "action_attempt_id": "a1", "action_type": "POLISH", "status": "pending",
        "error": {"message": "no polish left"}
    });
    let (attempt, back) = roundtrip::<Attempt>(pending.clone());
    assert!(
        matches!(&attempt, Attempt::PolishPending(p) if p.action_attempt_id == "a1"),
        "{attempt:?}"
    );
    assert_eq!(back, pending);

    let success = json!({
        "action_attempt_id": "a2", "action_type": "PAINT", "status": "success",
        "result": {"color": "red"}
    });
    let (attempt, back) = roundtrip::<Attempt>(success.clone());
    match &attempt {
        Attempt::PaintSuccess(s) => assert_eq!(s.result.color.as_deref(), Some("red")),
        other => panic!("expected PaintSuccess, got {other:?}"),
    }
    assert_eq!(back, success);

    let (attempt, _) = roundtrip::<Attempt>(json!({"action_type": "PAINT", "status": "error"}));
    assert!(matches!(attempt, Attempt::Unknown(_)));

    // Known tags with a body that does not fit: the unknown arm says why.
    let (attempt, _) = roundtrip::<Attempt>(json!({"action_type": "PAINT", "status": "pending"}));
    let Attempt::Unknown(unknown) = attempt else {
        panic!("expected the unknown arm: {attempt:?}");
    };
    assert_eq!(
        unknown.reason.as_deref(),
        Some("missing field `action_attempt_id`")
    );
}

#[test]
fn untagged_union_of_number_and_string() {
    assert_eq!(
        roundtrip::<WidgetAmount>(json!(1.5)).0,
        WidgetAmount::Number(1.5)
    );
    assert_eq!(
        roundtrip::<WidgetAmount>(json!("1.5")).0,
        WidgetAmount::String("1.5".into())
    );
}

#[test]
fn enums_keep_unknown_values_and_odd_names_roundtrip() {
    let (settings, back) =
        roundtrip::<Settings>(json!({"time_zone": "Etc/GMT-1", "always_on": true}));
    assert_eq!(settings.time_zone, Some(SettingsTimeZone::EtcGmt1_2));
    assert_eq!(back, json!({"time_zone": "Etc/GMT-1", "always_on": true}));

    let values = json!([
        "1d",
        "dotted.value",
        "string",
        "string[]",
        "UPPER",
        "brand_new"
    ]);
    let (types, back) = roundtrip::<Vec<WidgetType>>(values.clone());
    assert_eq!(
        types,
        [
            WidgetType::N1d,
            WidgetType::DottedValue,
            WidgetType::String,
            WidgetType::String2,
            WidgetType::Upper,
            WidgetType::Unknown("brand_new".into()),
        ]
    );
    assert_eq!(back, values);
    assert_eq!(WidgetType::String2.to_string(), "string[]");
}

#[test]
fn required_nullable_and_optional_fields_decode_as_the_spec_says() {
    let widget = json!({
        "widget_id": "8b2b2d5e-4c8b-4f43-9a51-0a5b0a0d1f10",
        "type": "round",
        "created_on": "2026-11-25",
        "label": null,
        "size": 1.0,
        "self": "me",
        "fooBar": 1,
        "foo_bar": 2
    });
    let (decoded, back) = roundtrip::<edge_cases::types::Widget>(widget.clone());
    assert_eq!(decoded.label, None);
    assert_eq!(decoded.self_.as_deref(), Some("me"));
    assert_eq!((decoded.foo_bar, decoded.foo_bar_2), (Some(1), Some(2)));
    // Required-nullable `label` is written as null; absent optionals stay absent.
    assert_eq!(back, widget);

    let mut missing = widget.clone();
    missing.as_object_mut().unwrap().remove("size");
    assert!(serde_json::from_value::<edge_cases::types::Widget>(missing).is_err());
}

fn client(server: &MockServer) -> Seam {
    Seam::builder()
        .api_key("seam_k")
        .endpoint(server.uri())
        .build()
        .unwrap()
}

#[tokio::test]
async fn optional_nullable_params_can_send_an_explicit_null() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/widgets/create"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"ok": true, "widget": {
                "widget_id": "8b2b2d5e-4c8b-4f43-9a51-0a5b0a0d1f10", "type": "square",
                "created_on": "2026-11-25", "label": "x", "size": 2.0
            }})),
        )
        .mount(&server)
        .await;

    let widget = client(&server)
        .widgets()
        .create("gizmo")
        .note(None)
        .r#type(edge_cases::types::WidgetsCreateType::Square)
        .send()
        .await
        .unwrap();

    assert_eq!(widget.r#type, WidgetType::Square);
    let requests = server.received_requests().await.unwrap_or_default();
    let body: Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(
        body,
        json!({"name": "gizmo", "note": null, "type": "square"})
    );
}

#[tokio::test]
async fn every_constraint_is_checked_before_sending() {
    let server = MockServer::start().await;
    let seam = client(&server);
    let widgets = seam.widgets();
    let cases = [
        (widgets.create(""), "name", Rule::MinLength(1)),
        (widgets.create("much too long"), "name", Rule::MaxLength(10)),
        (
            widgets.create("ok").code("abc"),
            "code",
            Rule::Pattern("^[A-Z]{3}$".into()),
        ),
        (
            widgets.create("ok").tags(Vec::<String>::new()),
            "tags",
            Rule::MinItems(1),
        ),
        (
            widgets.create("ok").tags(["a", "b", "c"]),
            "tags",
            Rule::MaxItems(2),
        ),
        (
            widgets.create("ok").count(0),
            "count",
            Rule::Minimum {
                bound: 1.0,
                exclusive: false,
            },
        ),
        (
            widgets.create("ok").count(6),
            "count",
            Rule::Maximum {
                bound: 5.0,
                exclusive: false,
            },
        ),
        (
            widgets.create("ok").ratio(0.0),
            "ratio",
            Rule::Minimum {
                bound: 0.0,
                exclusive: true,
            },
        ),
        (
            widgets.create("ok").ratio(1.0),
            "ratio",
            Rule::Maximum {
                bound: 1.0,
                exclusive: true,
            },
        ),
    ];
    for (request, field, rule) in cases {
        match request.send().await {
            Err(Error::Validation(v)) => assert_eq!((v.field.as_str(), &v.rule), (field, &rule)),
            other => panic!("expected {field} to break {rule:?}, got {other:?}"),
        }
    }
    // Values on the bounds pass validation.
    let ok = widgets
        .create("ok")
        .code("ABC")
        .tags(["a"])
        .count(5)
        .ratio(0.5);
    assert_eq!(ok.params().validate(), Ok(()));
    assert!(server
        .received_requests()
        .await
        .unwrap_or_default()
        .is_empty());
}

#[tokio::test]
async fn get_operations_send_query_parameters() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/widgets/list"))
        .and(query_param("limit", "3"))
        .and(query_param("type", "round"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"widgets": []})))
        .mount(&server)
        .await;

    let widgets = client(&server)
        .widgets()
        .list()
        .limit(3)
        .r#type("round")
        .send()
        .await
        .unwrap();

    assert!(widgets.is_empty());
}

#[tokio::test]
#[allow(deprecated)]
async fn nested_groups_and_deprecated_operations_still_work() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/widgets/legacy/delete"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
        .mount(&server)
        .await;
    let id = "8b2b2d5e-4c8b-4f43-9a51-0a5b0a0d1f10";

    client(&server)
        .widgets()
        .legacy()
        .delete(id)
        .send()
        .await
        .unwrap();

    assert_eq!(
        server.received_requests().await.unwrap_or_default().len(),
        1
    );
}

#[test]
fn odd_property_shapes_roundtrip() {
    let odd = json!({
        "properties": "p",
        "_internal": "i",
        "override": true,
        "closed": {},
        "anything": {"x": [1, {"y": null}]},
        "by_name": {"home": {"time_zone": "UTC"}},
        "untyped_nullable": {"free": "form"},
        "limit": 500000.0
    });
    let (decoded, back) = roundtrip::<edge_cases::types::OddProperties>(odd.clone());
    assert_eq!(decoded.properties.as_deref(), Some("p"));
    assert_eq!(decoded.internal.as_deref(), Some("i"));
    assert_eq!(decoded.r#override, Some(true));
    let home = decoded
        .by_name
        .as_ref()
        .and_then(|m| m.get("home"))
        .and_then(|s| s.time_zone.clone());
    assert_eq!(home, Some(SettingsTimeZone::Utc));
    assert_eq!(back, odd);
}

#[tokio::test]
async fn scalar_enum_responses_are_unwrapped() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/widgets/health"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": "degraded"})))
        .mount(&server)
        .await;

    let status = client(&server).widgets().health().send().await.unwrap();

    assert_eq!(status, edge_cases::types::WidgetsHealthStatus::Degraded);
}

#[test]
fn nested_request_objects_tell_absent_from_null() {
    use edge_cases::types::WidgetsCreateLabelPatch;
    let clear = WidgetsCreateLabelPatch {
        nickname: Some(None),
    };
    let keep = WidgetsCreateLabelPatch { nickname: None };
    assert_eq!(
        serde_json::to_value(&clear).unwrap(),
        json!({"nickname": null})
    );
    assert_eq!(serde_json::to_value(&keep).unwrap(), json!({}));
    assert_eq!(
        roundtrip::<WidgetsCreateLabelPatch>(json!({"nickname": null})).0,
        clear
    );
    assert_eq!(roundtrip::<WidgetsCreateLabelPatch>(json!({})).0, keep);
    let set = roundtrip::<WidgetsCreateLabelPatch>(json!({"nickname": "n"})).0;
    assert_eq!(set.nickname, Some(Some("n".to_string())));
}

fn widget(id: &str) -> Value {
    json!({"widget_id": id, "type": "round", "created_on": "2026-01-02", "label": null, "size": 1.0})
}

#[tokio::test]
async fn query_string_pagination_follows_cursors() {
    use futures_util::TryStreamExt;

    let server = MockServer::start().await;
    let page = |widgets: Vec<Value>, next: Option<&str>| {
        ResponseTemplate::new(200).set_body_json(json!({
            "widgets": widgets,
            "pagination": {"has_next_page": next.is_some(), "next_page_cursor": next},
        }))
    };
    Mock::given(method("GET"))
        .and(path("/widgets/list"))
        .and(query_param("page_cursor", "c2"))
        .respond_with(page(vec![widget("w3")], None))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/widgets/list"))
        .and(query_param("limit", "2"))
        .respond_with(page(vec![widget("w1"), widget("w2")], Some("c2")))
        .with_priority(2)
        .mount(&server)
        .await;

    let ids: Vec<String> = client(&server)
        .widgets()
        .list()
        .limit(2)
        .paginate()
        .items()
        .map_ok(|w| w.widget_id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, ["w1", "w2", "w3"]);
    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        requests[1].url.query(),
        Some("limit=2&page_cursor=c2"),
        "the second page keeps the filters"
    );

    // Parameters are validated before the first page is fetched.
    let err = client(&server)
        .widgets()
        .list()
        .limit(0)
        .paginate()
        .first_page()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Validation(_)), "{err:?}");
    assert_eq!(
        server.received_requests().await.unwrap_or_default().len(),
        2
    );
}

async fn spin_server(outcome: Value) -> MockServer {
    let server = MockServer::start().await;
    let attempt = |status: &str| json!({"action_attempt_id": "aa1", "action_type": "SPIN_WIDGET", "status": status});
    Mock::given(method("POST"))
        .and(path("/widgets/spin"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"action_attempt": attempt("pending")})),
        )
        .mount(&server)
        .await;
    // Pending for the first poll, then the outcome.
    Mock::given(method("POST"))
        .and(path("/action_attempts/get"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"action_attempt": attempt("pending")})),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    let mut done = attempt(outcome["status"].as_str().unwrap_or("success"));
    done["error"] = outcome["error"].clone();
    Mock::given(method("POST"))
        .and(path("/action_attempts/get"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"action_attempt": done})))
        .with_priority(2)
        .mount(&server)
        .await;
    server
}

fn quick_wait() -> edge_cases::ActionAttemptWait {
    edge_cases::ActionAttemptWait {
        polling_interval: std::time::Duration::from_millis(10),
        ..Default::default()
    }
}

#[tokio::test]
async fn action_attempts_are_polled_until_they_finish() {
    use edge_cases::types::ActionAttemptStatus;

    let server = spin_server(json!({"status": "success"})).await;
    let seam = Seam::builder()
        .api_key("seam_k")
        .endpoint(server.uri())
        .action_attempt_wait(quick_wait())
        .build()
        .unwrap();
    let attempt = seam.widgets().spin("w1").send().await.unwrap();
    assert_eq!(attempt.status, ActionAttemptStatus::Success);
    let requests = server.received_requests().await.unwrap_or_default();
    let paths: Vec<_> = requests.iter().map(|r| r.url.path()).collect();
    assert_eq!(
        paths,
        [
            "/widgets/spin",
            "/action_attempts/get",
            "/action_attempts/get"
        ]
    );
    assert_eq!(
        serde_json::from_slice::<Value>(&requests[1].body).unwrap(),
        json!({"action_attempt_id": "aa1"})
    );

    let pending = seam
        .widgets()
        .spin("w1")
        .wait_for_action_attempt(false)
        .send()
        .await
        .unwrap();
    assert_eq!(pending.status, ActionAttemptStatus::Pending);

    let server = spin_server(
        json!({"status": "error", "error": {"type": "stuck", "message": "The widget is stuck"}}),
    )
    .await;
    let err = Seam::builder()
        .api_key("seam_k")
        .endpoint(server.uri())
        .build()
        .unwrap()
        .widgets()
        .spin("w1")
        .action_attempt_wait(quick_wait())
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "action attempt `aa1` (SPIN_WIDGET) failed: stuck: The widget is stuck"
    );
}

#[tokio::test]
async fn retries_follow_the_policy() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/widgets/list"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "0"))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/widgets/create"))
        .respond_with(ResponseTemplate::new(429))
        .mount(&server)
        .await;
    let quick = edge_cases::RetryPolicy {
        initial_delay: std::time::Duration::from_millis(1),
        ..Default::default()
    };
    let seam = Seam::builder()
        .api_key("seam_k")
        .endpoint(server.uri())
        .retry_policy(quick)
        .build()
        .unwrap();
    let count = |path: &'static str| {
        let server = &server;
        async move {
            let requests = server.received_requests().await.unwrap_or_default();
            requests.iter().filter(|r| r.url.path() == path).count()
        }
    };

    // GET is idempotent: the first attempt and two retries.
    let err = seam.widgets().list().send().await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(count("/widgets/list").await, 3);

    // A POST-only create is sent once, even on 429.
    let err = seam.widgets().create("w").send().await.unwrap_err();
    assert_eq!(err.status(), Some(429));
    assert_eq!(count("/widgets/create").await, 1);
}

#[tokio::test]
async fn a_cursor_that_repeats_ends_the_stream_with_an_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/widgets/list"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "widgets": [widget("w1")],
            "pagination": {"has_next_page": true, "next_page_cursor": "same"},
        })))
        .mount(&server)
        .await;
    let err = client(&server)
        .widgets()
        .list()
        .paginate()
        .all_items()
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("pagination.next_page_cursor"),
        "{err}"
    );
    assert_eq!(
        server.received_requests().await.unwrap_or_default().len(),
        2
    );
}

#[tokio::test]
async fn route_groups_named_like_the_runtime_are_renamed_and_still_work() {
    // `/start/now` would clash with the client's own `start`, and
    // `/macros/now` with the crate's `macros` module.
    let server = MockServer::start().await;
    for route in ["/start/now", "/macros/now"] {
        Mock::given(method("POST"))
            .and(path(route))
            .respond_with(ResponseTemplate::new(200))
            .expect(1)
            .mount(&server)
            .await;
    }
    let seam = client(&server);
    seam.start_2().now().send().await.unwrap();
    seam.macros_2().now().send().await.unwrap();
}

#[test]
fn a_union_that_holds_itself_decodes_nested_values() {
    use edge_cases::types::{Volume, VolumeStack};
    let value = json!({
        "kind": "stack",
        "parent": {"kind": "stack", "parts": []},
        "parts": [{"kind": "remote", "url": "https://v.test/1"}],
    });
    let (volume, back) = roundtrip::<Volume>(value.clone());
    let Volume::Stack(stack) = &volume else {
        panic!("{volume:?}");
    };
    let VolumeStack { parent, parts, .. } = stack.as_ref();
    assert!(matches!(parent.as_deref(), Some(Volume::Stack(_))));
    assert!(matches!(&parts[..], [Volume::Remote(r)] if r.url == "https://v.test/1"));
    assert_eq!(back, value);
}
