//! The client generated from an ordinary spec under the generic profile:
//! path, query and header parameters, a body beside query parameters,
//! empty responses and recursive types, checked on the wire.

use petstore::types::{BallKind, Category, Pet, Store, Toy};
use petstore::{Client, Error};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_key("k")
        .endpoint(server.uri())
        .build()
        .unwrap()
}

fn pet(id: i64, name: &str) -> serde_json::Value {
    json!({"id": id, "name": name})
}

#[tokio::test]
async fn path_parameters_are_filled_in_and_percent_encoded() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets/a%2Fb%20c"))
        .respond_with(ResponseTemplate::new(200).set_body_json(pet(1, "Rex")))
        .expect(1)
        .mount(&server)
        .await;

    let pet = client(&server)
        .pets()
        .show_pet_by_id("a/b c")
        .send()
        .await
        .unwrap();
    assert_eq!((pet.id, pet.name.as_str()), (1, "Rex"));
}

#[tokio::test]
async fn the_api_key_goes_in_the_header_the_spec_names() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets/1"))
        .and(header("x-api-key", "k"))
        .respond_with(ResponseTemplate::new(200).set_body_json(pet(1, "Rex")))
        .expect(1)
        .mount(&server)
        .await;

    client(&server)
        .pets()
        .show_pet_by_id("1")
        .send()
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert!(!requests[0].headers.contains_key("authorization"));
}

#[tokio::test]
async fn an_operation_with_its_own_security_gets_the_key_where_that_says() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/stores/7/pets/p1"))
        .and(query_param("store_key", "k"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 7, "pets": []})))
        .expect(1)
        .mount(&server)
        .await;

    client(&server)
        .stores()
        .place_pet(7, "p1")
        .send()
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert!(!requests[0].headers.contains_key("x-api-key"));
    // The other operations keep the header.
    Mock::given(method("GET"))
        .and(path("/pets/1"))
        .and(header("x-api-key", "k"))
        .respond_with(ResponseTemplate::new(200).set_body_json(pet(1, "Rex")))
        .expect(1)
        .mount(&server)
        .await;
    client(&server)
        .pets()
        .show_pet_by_id("1")
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn several_path_parameters_and_a_body_travel_together() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/stores/7/pets/p1"))
        .and(body_json(json!({"shelf": "top"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": 7,
            "pets": [pet(1, "Rex")],
            "manager": {"name": "Ann", "store": {"id": 7, "pets": []}}
        })))
        .expect(1)
        .mount(&server)
        .await;

    let store: Store = client(&server)
        .stores()
        .place_pet(7, "p1")
        .shelf("top")
        .send()
        .await
        .unwrap();
    assert_eq!(store.pets.len(), 1);
    let manager = store.manager.unwrap();
    assert_eq!(manager.store.unwrap().id, 7);
}

#[tokio::test]
async fn query_arrays_repeat_their_name_and_headers_are_sent() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets"))
        .and(query_param("limit", "2"))
        .and(header("x-request-id", "r-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([pet(1, "Rex")])))
        .expect(1)
        .mount(&server)
        .await;

    let pets = client(&server)
        .pets()
        .list_pets()
        .limit(2)
        .tags(["dog", "small"])
        .x_request_id("r-1")
        .send()
        .await
        .unwrap();
    assert_eq!(pets.len(), 1);

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.query(), Some("limit=2&tags=dog&tags=small"));
}

#[tokio::test]
async fn query_parameters_beside_a_body_go_in_the_query_string() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/pets"))
        .and(query_param("dry_run", "true"))
        .and(body_json(json!({"name": "Rex"})))
        .respond_with(ResponseTemplate::new(201).set_body_json(pet(3, "Rex")))
        .expect(1)
        .mount(&server)
        .await;

    let pet = client(&server)
        .pets()
        .create_pet("Rex")
        .dry_run(true)
        .send()
        .await
        .unwrap();
    assert_eq!(pet.id, 3);

    // The body's own constraints still hold.
    let err = client(&server)
        .pets()
        .create_pet("")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Validation(_)), "{err:?}");
}

#[tokio::test]
async fn an_empty_response_is_unit() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/pets/9"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    client(&server)
        .pets()
        .delete_pets_pet_id("9")
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn text_and_binary_bodies_are_returned_as_they_are() {
    let server = MockServer::start().await;
    let png = vec![0x89, b'P', b'N', b'G', 0, 0xff];
    Mock::given(method("GET"))
        .and(path("/pets/1/photo"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(png.clone(), "image/png"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/health"))
        .respond_with(ResponseTemplate::new(200).set_body_string("ok, not JSON"))
        .mount(&server)
        .await;

    let client = client(&server);
    let bytes: Vec<u8> = client.pets().get_pet_photo("1").send().await.unwrap();
    assert_eq!(bytes, png);
    let text: String = client.health().health().send().await.unwrap();
    assert_eq!(text, "ok, not JSON");
}

#[test]
fn recursive_types_nest_and_round_trip() {
    let value = json!({
        "name": "animals",
        "parent": {"name": "things"},
        "children": [{"name": "dogs", "parent": {"name": "animals"}}]
    });
    let category: Category = petstore::from_value(value.clone()).unwrap();
    assert_eq!(category.parent.as_ref().unwrap().name, "things");
    assert_eq!(category.children.as_ref().unwrap()[0].name, "dogs");
    assert_eq!(serde_json::to_value(&category).unwrap(), value);

    // Equal when they encode the same; a difference deep inside counts.
    let mut other = category.clone();
    assert_eq!(other, category);
    other.children.as_mut().unwrap()[0].name = "cats".into();
    assert_ne!(other, category);

    let err = petstore::from_value::<Category>(json!({
        "name": "a", "parent": {"name": "b", "parent": {"name": 3}}
    }))
    .unwrap_err();
    assert_eq!(err.path, "parent.parent.name");
}

#[tokio::test]
async fn declared_error_responses_decode_into_the_operations_error_enum() {
    use petstore::pets::{CreatePetError, DeletePetsPetIdError, ListPetsError, ShowPetByIdError};
    use petstore::types::ErrorType;

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets/404"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"code": 7, "message": "no pet 404"}))
                .insert_header("x-request-id", "req-1"),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/pets/409"))
        .respond_with(
            ResponseTemplate::new(409).set_body_json(json!({"code": 9, "message": "busy"})),
        )
        .mount(&server)
        .await;
    let client = client(&server);

    // An exact status code.
    let err = client
        .pets()
        .show_pet_by_id("404")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.request_id(), Some("req-1"));
    let expected = ErrorType {
        code: 7,
        message: "no pet 404".into(),
    };
    assert_eq!(
        err.declared::<ShowPetByIdError>(),
        Some(&ShowPetByIdError::NotFound(expected))
    );
    assert_eq!(
        err.to_string(),
        r#"HTTP 404: No pet has this ID: {"code":7,"message":"no pet 404"} (request id req-1)"#
    );
    // Another operation's enum does not match.
    assert_eq!(err.declared::<ListPetsError>(), None);

    // Deleting declares the same errors: both operations' error types are
    // the one shared enum, which decodes either's responses.
    Mock::given(method("DELETE"))
        .and(path("/pets/404"))
        .respond_with(
            ResponseTemplate::new(404).set_body_json(json!({"code": 8, "message": "gone"})),
        )
        .mount(&server)
        .await;
    let err = client
        .pets()
        .delete_pets_pet_id("404")
        .send()
        .await
        .unwrap_err();
    let gone = ErrorType {
        code: 8,
        message: "gone".into(),
    };
    assert_eq!(
        err.declared::<DeletePetsPetIdError>(),
        Some(&DeletePetsPetIdError::NotFound(gone.clone()))
    );
    assert_eq!(
        err.declared::<petstore::errors::Status404OrOther>(),
        Some(&ShowPetByIdError::NotFound(gone))
    );
    assert_eq!(
        err.to_string(),
        r#"HTTP 404: No pet has this ID: {"code":8,"message":"gone"}"#
    );

    // Any other status falls to `default`.
    let err = client
        .pets()
        .show_pet_by_id("409")
        .send()
        .await
        .unwrap_err();
    match err.declared::<ShowPetByIdError>() {
        Some(ShowPetByIdError::Default(body)) => assert_eq!(body.message, "busy"),
        other => panic!("expected the default error, got {other:?}"),
    }
    assert_eq!(err.status(), Some(409));

    // A range (`4XX`) with a `+json` media type.
    Mock::given(method("POST"))
        .and(path("/pets"))
        .respond_with(
            ResponseTemplate::new(422)
                .set_body_json(json!({"title": "bad name", "detail": "too short"})),
        )
        .mount(&server)
        .await;
    let err = client.pets().create_pet("R").send().await.unwrap_err();
    match err.declared::<CreatePetError>() {
        Some(CreatePetError::ClientError(problem)) => {
            assert_eq!(problem.title, "bad name");
            assert_eq!(problem.detail.as_deref(), Some("too short"));
        }
        other => panic!("expected the 4XX error, got {other:?}"),
    }
}

#[tokio::test]
async fn an_api_error_reads_common_shapes_and_request_id_headers() {
    let server = MockServer::start().await;
    // RFC 9457 problem details, and a request id header named like one.
    Mock::given(method("POST"))
        .and(path("/pets/7/notes"))
        .respond_with(
            ResponseTemplate::new(422)
                .insert_header("twilio-request-id", "RQ1")
                .set_body_raw(
                    r#"{"type": "about:blank", "title": "Unprocessable", "detail": "Notes are full"}"#,
                    "application/problem+json",
                ),
        )
        .mount(&server)
        .await;
    let err = client(&server)
        .pets()
        .add_pet_note("7")
        .body("hi")
        .send()
        .await
        .unwrap_err();
    let api = err.api_error().unwrap_or_else(|| panic!("{err:?}"));
    assert_eq!(api.message, "Notes are full");
    assert_eq!(err.request_id(), Some("RQ1"));
    assert_eq!(api.headers["content-type"], "application/problem+json");
    assert_eq!(api.json.as_ref().unwrap()["title"], "Unprocessable");
    assert_eq!(err.to_string(), "Notes are full (HTTP 422), request id RQ1");
}

#[tokio::test]
async fn undeclared_or_unfitting_error_responses_stay_untyped() {
    use petstore::pets::ShowPetByIdError;

    let server = MockServer::start().await;
    // `createPet` declares `4XX` and a bodiless `500`: a 500 is not typed.
    Mock::given(method("POST"))
        .and(path("/pets"))
        .respond_with(ResponseTemplate::new(500).set_body_string("<html>oops</html>"))
        .mount(&server)
        .await;
    // A 404 whose body does not fit the declared schema.
    Mock::given(method("GET"))
        .and(path("/pets/1"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"code": "seven"})))
        .mount(&server)
        .await;
    let client = client(&server);

    // An error the spec does not type is `Error::Api`, with the status,
    // the headers, the body as text (and JSON when it is), and a message.
    let err = client.pets().create_pet("Rex").send().await.unwrap_err();
    let api = err.api_error().unwrap_or_else(|| panic!("{err:?}"));
    assert_eq!(api.status, 500);
    assert_eq!(api.body, "<html>oops</html>");
    assert_eq!(api.json, None);
    assert_eq!(api.message, "Internal Server Error");
    let err = client.pets().show_pet_by_id("1").send().await.unwrap_err();
    let api = err.api_error().unwrap_or_else(|| panic!("{err:?}"));
    assert_eq!(api.status, 404);
    assert_eq!(api.json, Some(json!({"code": "seven"})));
    assert_eq!(err.declared::<ShowPetByIdError>(), None);
}

#[tokio::test]
async fn bodies_that_are_not_objects_are_sent_whole_with_cookies_beside() {
    use wiremock::matchers::body_bytes;
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/pets/batch"))
        .and(header("content-type", "application/json"))
        .and(header("cookie", "session=a%3Bb"))
        .and(body_json(json!([pet(1, "Rex"), pet(2, "Tom")])))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/pets/7/photo"))
        .and(header("content-type", "image/png"))
        .and(body_bytes(b"\x89PNG\r\n".to_vec()))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/pets/7/notes"))
        .and(header("content-type", "text/plain"))
        .and(body_bytes(b"likes walks".to_vec()))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    // Values are built naming only what is set, and compare by value.
    let pets = vec![Pet::new(1, "Rex"), Pet::new(2, "Tom")];
    let decoded: Vec<Pet> = serde_json::from_value(json!([pet(1, "Rex"), pet(2, "Tom")])).unwrap();
    assert_eq!(pets, decoded);
    let tagged = Pet {
        tag: Some("good".into()),
        ..Pet::new(1, "Rex")
    };
    assert_ne!(tagged, pets[0]);
    client
        .pets()
        .create_pets(pets)
        .session("a;b")
        .send()
        .await
        .unwrap();
    client
        .pets()
        .put_pet_photo("7", b"\x89PNG\r\n".to_vec())
        .send()
        .await
        .unwrap();
    client
        .pets()
        .add_pet_note("7")
        .body("likes walks")
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn parameters_are_written_in_their_styles() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets"))
        .and(query_param("ids", "a,b c"))
        .and(query_param("filter[kind]", "dog"))
        .and(query_param("filter[age]", "3"))
        .and(query_param("where", r#"{"born_after":"2020-01-31"}"#))
        .and(query_param("colours", "black|white"))
        // wiremock reads a header's comma-separated values.
        .and(wiremock::matchers::headers("x-trace", vec!["a=1", "b=2"]))
        .and(query_param("limit", "5"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/pets/;petIds=1;petIds=2%2F3/compare"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let filter = serde_json::from_value(json!({"kind": "dog", "age": 3})).unwrap();
    let pets = client
        .pets()
        .list_pets()
        .ids(["a", "b c"])
        .filter(filter)
        .r#where(serde_json::from_value(json!({"born_after": "2020-01-31"})).unwrap())
        .colours(["black", "white"])
        .x_trace(serde_json::from_value(json!({"a": 1, "b": 2})).unwrap())
        .limit(5)
        .send()
        .await
        .unwrap();
    assert!(pets.is_empty());
    client
        .pets()
        .compare_pets(["1", "2/3"])
        .send()
        .await
        .unwrap();
}

#[test]
fn formats_become_the_matching_rust_types() {
    let store: Store = serde_json::from_value(json!({
        "id": 7,
        "pets": [],
        "licence": "8b2b2d5e-4c8b-4f43-9a51-0a5b0a0d1f10",
        "capacity": 65535,
        "seal": "AAEC/w==",
    }))
    .unwrap();
    assert_eq!(
        store.seal.as_ref().map(|s| s.bytes()),
        Some(&[0, 1, 2, 255][..])
    );
    let written = serde_json::to_value(&store).unwrap();
    assert_eq!(written["seal"], "AAEC/w==");
    let licence: petstore::uuid::Uuid = store.licence.unwrap();
    assert_eq!(licence.to_string(), "8b2b2d5e-4c8b-4f43-9a51-0a5b0a0d1f10");
    let capacity: u16 = store.capacity.unwrap();
    assert_eq!(capacity, u16::MAX);
    // Values out of the format's range or shape are decode errors.
    let err =
        petstore::from_value::<Store>(json!({"id": 7, "pets": [], "capacity": 65536})).unwrap_err();
    assert_eq!(err.path, "capacity");
    let err = petstore::from_value::<Store>(json!({"id": 7, "pets": [], "licence": "seven"}))
        .unwrap_err();
    assert_eq!(err.path, "licence");
}

#[tokio::test]
async fn a_binary_body_can_be_streamed_from_a_file_and_is_then_sent_once() {
    use wiremock::matchers::body_bytes;
    let photo: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    let file = std::env::temp_dir().join(format!("petstore-photo-{}.png", std::process::id()));
    std::fs::write(&file, &photo).unwrap();

    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/pets/7/photo"))
        .and(header("content-type", "image/png"))
        .and(body_bytes(photo.clone()))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let streamed = petstore::Body::from_file(tokio::fs::File::open(&file).await.unwrap());
    assert!(streamed.is_stream());
    client(&server)
        .pets()
        .put_pet_photo("7", streamed)
        .send()
        .await
        .unwrap();

    // A PUT is retried after a 503, but not with a streamed body.
    let failing = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&failing)
        .await;
    let streamed = petstore::Body::from_file(tokio::fs::File::open(&file).await.unwrap());
    let err = client(&failing)
        .pets()
        .put_pet_photo("7", streamed)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    let _ = std::fs::remove_file(&file);
}

#[tokio::test]
async fn a_binary_response_can_be_read_as_it_arrives() {
    let photo: Vec<u8> = (0..300_000u32).map(|i| (i % 253) as u8).collect();
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets/7/photo"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(photo.clone(), "image/png"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/pets/8/photo"))
        .respond_with(
            ResponseTemplate::new(404).set_body_json(json!({"code": 4, "message": "no photo"})),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    let mut stream = client
        .pets()
        .get_pet_photo("7")
        .send_streaming()
        .await
        .unwrap();
    let mut read = Vec::new();
    let mut chunks = 0;
    while let Some(chunk) = futures_util::TryStreamExt::try_next(&mut stream)
        .await
        .unwrap()
    {
        read.extend_from_slice(&chunk);
        chunks += 1;
    }
    assert_eq!(read, photo);
    assert!(chunks >= 1);
    // A failure is read whole and reported as for `send`.
    let err = client
        .pets()
        .get_pet_photo("8")
        .send_streaming()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404));
}

#[tokio::test]
async fn a_path_item_of_another_path_and_a_union_body_work_on_the_wire() {
    use petstore::types::PetsWeighPetBody;
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets/7/picture"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(b"png".to_vec(), "image/png"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/pets/7/weight"))
        .and(body_json(json!(4.5)))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/pets/7/weight"))
        .and(body_json(json!("heavy")))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let photo = client.pets().get_pet_photo_2("7").send().await.unwrap();
    assert_eq!(photo, b"png");
    for body in [
        PetsWeighPetBody::Number(4.5),
        PetsWeighPetBody::String("heavy".into()),
    ] {
        client.pets().weigh_pet("7", body).send().await.unwrap();
    }
}

#[tokio::test]
async fn a_tag_with_several_values_selects_one_variant_and_is_written_back_as_read() {
    let server = MockServer::start().await;
    let answer = json!({"kind": "ball_v2", "size": 3, "colour": "red"});
    Mock::given(method("POST"))
        .and(path("/pets/7/toys"))
        .and(body_json(
            json!({"toy": {"kind": "ball_v2", "size": 3}, "spare": null}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(&answer))
        .expect(1)
        .mount(&server)
        .await;

    // Both `ball` and `ball_v2` select the ball; `rope` the rope.
    let toy: Toy = serde_json::from_value(json!({"kind": "ball_v2", "size": 3})).unwrap();
    assert!(
        matches!(&toy, Toy::Ball(ball) if ball.kind == BallKind::BallV2),
        "{toy:?}"
    );
    let plain: Toy = serde_json::from_value(json!({"kind": "ball", "size": 1})).unwrap();
    assert!(
        matches!(&plain, Toy::Ball(ball) if ball.kind == BallKind::Ball),
        "{plain:?}"
    );
    let rope: Toy = serde_json::from_value(json!({"kind": "rope", "length": 2.5})).unwrap();
    assert!(matches!(rope, Toy::Rope(_)));

    // The path parameter's type is a reference into `Pet`'s `id`; the
    // spare is an `allOf` around the union, nullable, sent as `null`.
    let got = client(&server)
        .pets()
        .give_toy(7, toy)
        .spare(None)
        .send()
        .await
        .unwrap();
    let Toy::Ball(ball) = &got else {
        panic!("{got:?}");
    };
    assert_eq!(ball.colour.as_deref(), Some("red"));
    assert_eq!(serde_json::to_value(&got).unwrap(), answer);
}
