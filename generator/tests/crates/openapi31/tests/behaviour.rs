//! The client generated from an OpenAPI 3.1 document, checked on the wire:
//! type lists, `const` tags, exclusive bounds, tuples, base64 strings,
//! `$defs`, a path item from components, an operation without responses
//! and webhook payloads.

use openapi31::types::{Address, Animal, DogWeight, Owner, PetAdoptedPayload, PetType};
use openapi31::{Client, Error, Rule};
use serde_json::json;
use wiremock::matchers::{body_bytes, body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_key("k")
        .endpoint(server.uri())
        .build()
        .unwrap()
}

#[tokio::test]
async fn pets_decode_by_their_const_tag_with_nulls_tuples_and_base64() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets"))
        .and(header("x-api-key", "k"))
        .and(query_param("limit", "99"))
        .and(query_param("kind", "cat"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"pet_type": "cat", "name": "Tom", "nickname": null, "location": [4.35, 50.85],
             "owner": {"name": "Ann", "address": {"city": "Ghent", "postcode": null}}},
            {"pet_type": "dog", "name": "Rex", "weight": 12.5, "photo": "iVBORw=="},
            {"pet_type": "dog", "name": "Fido", "weight": "heavy"},
        ])))
        .expect(1)
        .mount(&server)
        .await;

    let pets = client(&server)
        .pets()
        .list_pets()
        .limit(99)
        .kind(Some(PetType::Cat))
        .send()
        .await
        .unwrap();
    let [Animal::Cat(cat), Animal::Dog(rex), Animal::Dog(fido)] = &pets[..] else {
        panic!("expected a cat and two dogs: {pets:?}");
    };
    assert_eq!((cat.name.as_str(), cat.nickname.as_deref()), ("Tom", None));
    assert_eq!(cat.location, Some((4.35, 50.85)));
    #[allow(deprecated)]
    let owner = cat.owner.as_ref().unwrap();
    let Some(Address { city, postcode }) = &owner.address else {
        panic!("expected an address: {owner:?}");
    };
    assert_eq!(
        (city.as_deref(), postcode.as_deref()),
        (Some("Ghent"), None)
    );
    assert!(matches!(rex.weight, Some(DogWeight::Number(w)) if w == 12.5));
    assert_eq!(rex.photo.as_ref().unwrap().bytes(), b"\x89PNG");
    assert!(matches!(&fido.weight, Some(DogWeight::String(w)) if w == "heavy"));
}

#[tokio::test]
async fn exclusive_bounds_refuse_their_bound_before_sending() {
    let server = MockServer::start().await;
    for limit in [0, 100] {
        let err = client(&server)
            .pets()
            .list_pets()
            .limit(limit)
            .send()
            .await
            .unwrap_err();
        let Error::Validation(e) = &err else {
            panic!("expected a validation error: {err:?}");
        };
        assert_eq!(e.field, "limit");
        assert!(
            matches!(
                e.rule,
                Rule::Minimum {
                    bound: 0.0,
                    exclusive: true
                } | Rule::Maximum {
                    bound: 100.0,
                    exclusive: true
                }
            ),
            "{e:?}"
        );
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_nullable_field_may_be_sent_as_null_and_a_tuple_as_a_list() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/pets"))
        .and(body_json(json!({
            "pet_type": "dog",
            "name": "Rex",
            "born": null,
            "location": [1.0, 2.0],
        })))
        .respond_with(
            ResponseTemplate::new(201).set_body_json(json!({"pet_type": "dog", "name": "Rex"})),
        )
        .expect(1)
        .mount(&server)
        .await;

    let pet = client(&server)
        .pets()
        .create_pet(PetType::Dog, "Rex")
        .born(None)
        .location((1.0, 2.0))
        .send()
        .await
        .unwrap();
    assert!(matches!(pet, Animal::Dog(d) if d.name == "Rex"));
}

#[tokio::test]
async fn a_path_item_from_components_is_an_operation() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets/p%201"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"pet_type": "cat", "name": "Tom"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let pet = client(&server).pets().get_pet("p 1").send().await.unwrap();
    assert!(matches!(pet, Animal::Cat(c) if c.name == "Tom"));
}

#[tokio::test]
async fn an_operation_without_responses_sends_its_binary_body_and_returns_nothing() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/pets/1/photo"))
        .and(header("content-type", "image/png"))
        .and(body_bytes(b"\x89PNG".to_vec()))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let () = client(&server)
        .pets()
        .upload_photo("1", b"\x89PNG".to_vec())
        .send()
        .await
        .unwrap();
}

#[test]
fn webhook_payloads_decode_and_say_what_does_not_fit() {
    let body = br#"{"pet": {"pet_type": "cat", "name": "Tom"}, "owner": {"name": "Ann"},
        "adopted_at": "2026-01-02T03:04:05Z"}"#;
    let adopted: PetAdoptedPayload = openapi31::from_slice(body).unwrap();
    assert!(matches!(adopted.pet, Animal::Cat(ref c) if c.name == "Tom"));
    assert!(matches!(adopted.owner, Owner { ref name, address: None } if name == "Ann"));
    assert_eq!(
        adopted.adopted_at.unwrap().to_rfc3339(),
        "2026-01-02T03:04:05+00:00"
    );

    let lost: Animal = openapi31::from_slice(br#"{"pet_type": "dog", "name": "Rex"}"#).unwrap();
    assert!(matches!(lost, Animal::Dog(_)));

    // A field that does not fit names its path; inside a tagged union the
    // value is kept in the unknown arm with that reason.
    let err = openapi31::from_slice::<PetAdoptedPayload>(
        br#"{"pet": {"pet_type": "cat", "name": "Tom"}, "owner": {"name": 7}}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("owner.name"), "{err}");
    let adopted = openapi31::from_slice::<PetAdoptedPayload>(
        br#"{"pet": {"pet_type": "cat", "name": "Tom", "location": [1, "north"]}, "owner": {"name": "Ann"}}"#,
    )
    .unwrap();
    let Animal::Unknown(unknown) = adopted.pet else {
        panic!("expected the unknown arm: {adopted:?}");
    };
    let reason = unknown.reason.unwrap_or_default();
    assert!(
        reason.starts_with("at `location[1]`: invalid type"),
        "{reason}"
    );
}
