//! Lowering small inline specs, under each profile.

use std::path::Path;

use crate::config::Config;
use crate::ir::{Api, ApiKeyPlacement, Capability, Credentials, TypeKind, TypeRef};
use crate::profile::Profile;

fn lower(profile: Profile, body: &str) -> Api {
    super::lower_body(profile, body)
}

const FERN: &str = "paths:
  /things/list:
    post:
      operationId: listThings
      summary: /things/list
      tags: [stuff]
      x-fern-sdk-group-name: [things]
      x-fern-sdk-method-name: list
      x-response-key: things
      parameters:
        - {name: page_cursor, in: query, schema: {type: string}}
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                type: object
                properties:
                  things: {type: array, items: {type: string}}
                  pagination:
                    type: object
                    properties: {next_page_cursor: {type: string}}
    get:
      operationId: listThings
      tags: [stuff]
      x-fern-sdk-group-name: [things]
      x-fern-sdk-method-name: list
      responses: {'200': {description: OK}}
";

#[test]
fn seam_extensions_are_honoured_only_under_the_seam_profile() {
    let generic = lower(Profile::Generic, FERN);
    let op = &generic.operations[0];
    assert_eq!(
        (op.group.as_slice(), op.name.as_str()),
        (&["stuff".to_string()][..], "list_things")
    );
    assert_eq!(op.response.key, None);
    // Not unwrapped, but its pages are still recognised from the shape.
    let pagination = op.pagination.as_ref().unwrap();
    assert_eq!(pagination.items, ["things"]);
    assert_eq!(
        pagination.next,
        crate::ir::NextPage::Cursor {
            param: "page_cursor".into(),
            cursor: vec!["pagination".into(), "next_page_cursor".into()],
            has_more: None,
        }
    );
    assert_eq!(op.docs.summary.as_deref(), Some("/things/list"));
    // Sent as POST: not idempotent by its method.
    assert!(!op.idempotent);

    let seam = lower(Profile::Seam, FERN);
    let op = &seam.operations[0];
    assert_eq!(
        (op.group.as_slice(), op.name.as_str()),
        (&["things".to_string()][..], "list")
    );
    assert_eq!(op.response.key.as_deref(), Some("things"));
    assert_eq!(
        op.pagination.as_ref().and_then(|p| p.next.param()),
        Some("page_cursor")
    );
    // The summary only repeated the path.
    assert_eq!(op.docs.summary, None);
    // Also offered as GET: safe to retry.
    assert!(op.idempotent);
    assert!(seam.client.has(Capability::Pagination));
    assert_eq!(seam.client.credentials, Credentials::Profile);
}

#[test]
fn generic_credentials_come_from_the_security_schemes() {
    let api = lower(
        Profile::Generic,
        "security: [{key: []}]
paths:
  /a:
    get:
      responses: {'200': {description: OK}}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
    user: {type: http, scheme: basic}
",
    );
    assert_eq!(
        api.client.credentials,
        Credentials::Schemes {
            api_key: Some(ApiKeyPlacement::Header("x-key".into())),
            required: true,
        }
    );
    assert!(api.client.has(Capability::Basic));
    assert_eq!(api.client.name, "Client");
    assert_eq!(api.client.env_prefix, "T");
    assert!(api.warnings.is_empty(), "{:?}", api.warnings);

    // No security requirement: a client may be built without credentials.
    let open = lower(
        Profile::Generic,
        "paths: {/a: {get: {responses: {'200': {description: OK}}}}}\n",
    );
    assert!(matches!(
        open.client.credentials,
        Credentials::Schemes {
            required: false,
            ..
        }
    ));
    assert!(open.client.capabilities.is_empty());
}

#[test]
fn action_attempts_are_waited_for_under_the_seam_profile_only() {
    let spec = "paths:
  /locks/unlock:
    post:
      operationId: unlock
      x-action-attempt-type: UNLOCK_DOOR
      x-response-key: action_attempt
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                type: object
                properties: {action_attempt: {$ref: '#/components/schemas/attempt'}}
  /action_attempts/get:
    post:
      operationId: get
      x-response-key: action_attempt
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {action_attempt_id: {type: string}}, required: [action_attempt_id]}
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                type: object
                properties: {action_attempt: {$ref: '#/components/schemas/attempt'}}
components:
  schemas:
    attempt: {type: object, properties: {status: {type: string}}}
";
    let seam = lower(Profile::Seam, spec);
    assert!(seam.operations[0].waits);
    assert!(!seam.operations[1].waits);
    let polling = seam.client.polling.as_ref().unwrap();
    assert_eq!(polling.status, "#/paths/~1action_attempts~1get/post");
    assert_eq!(polling.wait_switch, "wait_for_action_attempt");
    assert_eq!(polling.wait_type, "ActionAttemptWait");
    assert!(seam.client.has(Capability::Polling));
    let generic = lower(Profile::Generic, spec);
    assert!(!generic.operations[0].waits);
    assert!(!generic.client.has(Capability::Polling));

    // The client type cannot take a name the polling types take.
    let text = format!("openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\n{spec}");
    let parsed = crate::load::parse(Path::new("t.yaml"), &text).expect("parses");
    for (name, taken) in [
        ("ActionAttemptWait", true),
        ("ActionAttemptError", true),
        ("Seam", false),
    ] {
        let config = Config {
            conventions: Profile::Seam.conventions(),
            client_name: Some(name.into()),
            ..Config::generic("t")
        };
        match super::lower(&parsed, &config) {
            Err(crate::Error::Config { file, message }) if taken => {
                assert_eq!(file, Path::new("t.yaml"));
                assert!(message.contains(&format!("`{name}` is taken")), "{message}");
                assert!(message.contains("action attempts"), "{message}");
            }
            Ok(api) if !taken => assert_eq!(api.client.name, name),
            other => panic!("{name}: {:?}", other.map(|api| api.client.name)),
        }
    }
}

/// A spec lowered under a conventions file's text.
fn lower_with(conventions: &str, body: &str) -> Api {
    let text = format!("openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\n{body}");
    let config = crate::config::Config {
        conventions: crate::conventions::Conventions::parse(
            conventions,
            std::path::Path::new("c.toml"),
        )
        .unwrap(),
        ..crate::config::Config::generic("t")
    };
    super::lower_document(&text, &config)
}

const JOBS: &str = "paths:
  /exports:
    post:
      operationId: startExport
      x-long-running: EXPORT
      responses:
        '202':
          description: Started
          content:
            application/json:
              schema:
                type: object
                properties: {data: {$ref: '#/components/schemas/Job'}}
  /jobs:
    get:
      operationId: getJob
      parameters:
        - {name: job_id, in: query, required: true, schema: {type: string}}
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                type: object
                properties: {data: {$ref: '#/components/schemas/Job'}}
  /things:
    get:
      operationId: listThings
      parameters:
        - {name: after, in: query, schema: {type: string}}
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {type: string}}
                  meta: {type: object, properties: {next: {type: string}}}
components:
  schemas:
    Job: {type: object, properties: {job_id: {type: string}, state: {type: string}}}
";

#[test]
fn a_conventions_file_declares_an_envelope_polling_and_a_cursor() {
    let conventions = r#"
request_id_header = "x-trace"
[envelope]
key = "data"
[polling]
name = "job"
marker_extension = "x-long-running"
status_operation = "/jobs"
id = "job_id"
status = "state"
success = ["done"]
failure = ["failed"]
[[pagination.cursor]]
param = "after"
cursor = "meta.next"
"#;
    let api = lower_with(conventions, JOBS);
    let start = &api.operations[0];
    assert_eq!(start.response.key.as_deref(), Some("data"));
    assert_eq!(start.poll_kind.as_deref(), Some("EXPORT"));
    assert!(start.waits);
    assert!(api.operations[1].waits_on_request);
    let polling = api.client.polling.as_ref().unwrap();
    assert_eq!(polling.wait_switch, "wait_for_job");
    assert_eq!(polling.failed_variant, "JobFailed");
    let list = &api.operations[2];
    assert_eq!(list.response.key.as_deref(), Some("data"));
    let pagination = list.pagination.as_ref().expect("the declared cursor pages");
    assert_eq!(pagination.items, ["data"]);
    assert_eq!(
        pagination.next,
        crate::ir::NextPage::Cursor {
            param: "after".into(),
            cursor: vec!["meta".into(), "next".into()],
            has_more: None,
        }
    );
    assert_eq!(api.conventions.request_id_header, "x-trace");
    // Without the file, none of it.
    let plain = lower_with("", JOBS);
    assert!(plain.client.polling.is_none());
    assert!(plain.operations[0].response.key.is_none());
}

#[test]
fn detection_can_be_turned_off() {
    let pages = "paths:
  /things:
    get:
      operationId: listThings
      parameters:
        - {name: cursor, in: query, schema: {type: string}}
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                type: object
                properties:
                  items: {type: array, items: {type: string}}
                  next_cursor: {type: string}
";
    assert!(lower_with("", pages).operations[0].pagination.is_some());
    let off = lower_with("[pagination]\ndetect = false\n", pages);
    assert!(off.operations[0].pagination.is_none());
}

#[test]
fn an_all_of_merges_its_parts_into_one_struct() {
    let api = lower(
        Profile::Generic,
        "paths: {}
components:
  schemas:
    base: {type: object, required: [id], properties: {id: {type: string}}}
    pet:
      allOf:
        - $ref: '#/components/schemas/base'
        - {type: object, properties: {name: {type: string}}}
",
    );
    let pet = api.types.iter().find(|t| t.name == "Pet").unwrap();
    let TypeKind::Struct { fields } = &pet.kind else {
        panic!("{:?}", pet.kind);
    };
    let fields: Vec<(&str, bool)> = fields
        .iter()
        .map(|f| (f.wire_name.as_str(), f.required))
        .collect();
    assert_eq!(fields, [("id", true), ("name", false)]);
}

fn fields_of(fields: &[crate::ir::Field]) -> Vec<(&str, bool)> {
    fields
        .iter()
        .map(|f| (f.wire_name.as_str(), f.required))
        .collect()
}

#[test]
fn properties_beside_an_all_of_are_merged_with_its_parts() {
    let api = lower(
        Profile::Generic,
        "paths: {}
components:
  schemas:
    base: {type: object, required: [id], properties: {id: {type: string}}}
    pet:
      type: object
      required: [name]
      properties: {name: {type: string}}
      allOf: [{$ref: '#/components/schemas/base'}]
",
    );
    let pet = api.types.iter().find(|t| t.name == "Pet").unwrap();
    let TypeKind::Struct { fields } = &pet.kind else {
        panic!("{:?}", pet.kind);
    };
    assert_eq!(fields_of(fields), [("name", true), ("id", true)]);
}

#[test]
fn a_body_of_variants_requires_what_every_variant_requires_through_its_all_of() {
    // `type: object` beside `allOf` (as in `cat`), and `properties` beside
    // `oneOf` (as in the second body): neither hides the other keyword.
    let api = lower(
        Profile::Generic,
        "paths:
  /pets:
    patch:
      operationId: updatePet
      requestBody:
        content:
          application/json:
            schema:
              oneOf: [{$ref: '#/components/schemas/cat'}, {$ref: '#/components/schemas/dog'}]
      responses: {'204': {description: done}}
  /tagged:
    patch:
      operationId: updateTagged
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties: {kind: {type: string}}
              oneOf: [{$ref: '#/components/schemas/cat'}, {$ref: '#/components/schemas/dog'}]
      responses: {'204': {description: done}}
components:
  schemas:
    pet: {type: object, required: [pet_type], properties: {pet_type: {type: string}}}
    cat:
      type: object
      allOf:
        - $ref: '#/components/schemas/pet'
        - {type: object, properties: {hunts: {type: boolean}}}
    dog:
      allOf:
        - $ref: '#/components/schemas/pet'
        - {type: object, properties: {bark: {type: boolean}}}
",
    );
    let params = |id: &str| {
        let op = api
            .operations
            .iter()
            .find(|o| o.operation_id.as_deref() == Some(id))
            .unwrap();
        fields_of(&op.params)
            .into_iter()
            .map(|(n, r)| (n.to_string(), r))
            .collect::<Vec<_>>()
    };
    let owned = |list: &[(&str, bool)]| {
        list.iter()
            .map(|(n, r)| (n.to_string(), *r))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        params("updatePet"),
        owned(&[("pet_type", true), ("hunts", false), ("bark", false)])
    );
    assert_eq!(
        params("updateTagged"),
        owned(&[
            ("kind", false),
            ("pet_type", true),
            ("hunts", false),
            ("bark", false)
        ])
    );
}

#[test]
fn a_union_is_told_apart_by_its_discriminator() {
    let api = lower(
        Profile::Generic,
        "paths: {}
components:
  schemas:
    shape:
      oneOf: [{$ref: '#/components/schemas/circle'}, {$ref: '#/components/schemas/square'}]
      discriminator: {propertyName: kind}
    circle: {type: object, required: [kind], properties: {kind: {type: string, enum: [circle]}}}
    square: {type: object, required: [kind], properties: {kind: {type: string, enum: [square]}}}
",
    );
    let shape = api.types.iter().find(|t| t.name == "Shape").unwrap();
    let TypeKind::Union { tags, variants } = &shape.kind else {
        panic!("{:?}", shape.kind);
    };
    assert_eq!(tags, &["kind"]);
    let values: Vec<(&str, &[String])> = variants
        .iter()
        .map(|v| (v.name.as_str(), v.tags.as_slice()))
        .collect();
    assert_eq!(
        values,
        [
            ("Circle", &["circle".to_string()][..]),
            ("Square", &["square".to_string()][..])
        ]
    );
}

#[test]
fn a_reference_to_a_nullable_schema_may_be_null() {
    let api = lower(
        Profile::Generic,
        "paths: {}
components:
  schemas:
    user: {type: object, nullable: true, properties: {login: {type: string}}}
    plain: {type: object, properties: {login: {type: string}}}
    issue:
      type: object
      required: [assignee, author]
      properties:
        assignee: {$ref: '#/components/schemas/user'}
        author: {$ref: '#/components/schemas/plain'}
",
    );
    let issue = api.types.iter().find(|t| t.name == "Issue").unwrap();
    let TypeKind::Struct { fields } = &issue.kind else {
        panic!("{:?}", issue.kind);
    };
    let nullable: Vec<_> = fields
        .iter()
        .map(|f| (f.wire_name.as_str(), f.nullable))
        .collect();
    assert_eq!(nullable, [("assignee", true), ("author", false)]);
}

#[test]
fn an_all_of_of_one_reference_is_that_type_with_the_docs_beside_it() {
    let api = lower(
        Profile::Generic,
        "paths: {}
components:
  schemas:
    colour: {type: string, enum: [red, blue]}
    pen:
      type: object
      properties:
        ink: {description: The ink., nullable: true, allOf: [{$ref: '#/components/schemas/colour'}]}
",
    );
    let pen = api.types.iter().find(|t| t.name == "Pen").unwrap();
    let TypeKind::Struct { fields } = &pen.kind else {
        panic!("{:?}", pen.kind);
    };
    assert_eq!(fields[0].ty, crate::ir::TypeRef::Named("Colour".into()));
    assert!(fields[0].nullable);
    assert_eq!(fields[0].docs.description.as_deref(), Some("The ink."));
    assert_eq!(api.types.len(), 2, "no copy of Colour");
}

#[test]
fn a_union_that_holds_itself_through_an_all_of_is_lowered_once() {
    // Its variant's `parent` merges the union's variants, which hold
    // `parent` again: without care, a new type every time round.
    let spec = "paths: {}
components:
  schemas:
    volume:
      oneOf:
        - type: object
          properties:
            kind: {type: string, enum: [stack]}
            parent: {nullable: true, allOf: [{$ref: '#/components/schemas/volume'}, {type: object}]}
        - type: object
          properties:
            kind: {type: string, enum: [remote]}
";
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(lower(Profile::Generic, spec));
    });
    let api = finished
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("lowering finishes");
    assert!(
        api.types.len() < 10,
        "{:#?}",
        api.types.iter().map(|t| &t.name).collect::<Vec<_>>()
    );
}

#[test]
fn an_integer_with_bounds_written_as_floats_is_still_an_integer() {
    let api = lower(
        Profile::Generic,
        "paths: {}
components:
  schemas:
    n: {type: object, properties: {id: {type: integer, format: int64, minimum: -9223372036854776000}}}
",
    );
    let TypeKind::Struct { fields } = &api.types[0].kind else {
        panic!("{:?}", api.types[0].kind);
    };
    assert_eq!(fields[0].ty, crate::ir::TypeRef::I64);
    assert_eq!(
        fields[0].constraints.minimum.map(|b| b.value),
        Some(-9.223372036854776e18)
    );
}

#[test]
fn an_all_of_of_values_is_their_common_type_or_any_json() {
    let api = lower(
        Profile::Generic,
        "paths: {}
components:
  schemas:
    thing:
      type: object
      properties:
        name: {allOf: [{type: string}, {minLength: 1}]}
        odd: {allOf: [{type: string}, {type: integer}]}
",
    );
    let alias = |name: &str| {
        api.types
            .iter()
            .find(|t| t.name == name)
            .map(|t| match &t.kind {
                TypeKind::Alias { ty } => ty.clone(),
                other => panic!("{other:?}"),
            })
    };
    assert_eq!(alias("ThingName"), Some(crate::ir::TypeRef::String));
    assert_eq!(alias("ThingOdd"), Some(crate::ir::TypeRef::Json));
    assert_eq!(api.warnings.len(), 1, "{:?}", api.warnings);
    assert!(
        api.warnings[0].pointer.ends_with("/odd/allOf"),
        "{:?}",
        api.warnings
    );
}

#[test]
fn a_path_item_may_be_another_paths_item() {
    let api = lower(
        Profile::Generic,
        "paths:
  /source:
    get:
      operationId: fetch
      responses: {'200': {description: OK}}
  /copy: {$ref: '#/paths/~1source'}
",
    );
    let paths: Vec<(&str, &str)> = api
        .operations
        .iter()
        .map(|op| (op.path.as_str(), op.group[0].as_str()))
        .collect();
    assert_eq!(paths, [("/source", "source"), ("/copy", "copy")]);
    assert!(api.operations.iter().all(|op| op.name == "fetch"));
}

#[test]
fn without_a_mapping_or_a_single_value_a_variant_is_named_by_its_schema() {
    let api = lower(
        Profile::Generic,
        "paths: {}
components:
  schemas:
    pet:
      oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
      discriminator: {propertyName: pet_type}
    base: {type: object, required: [pet_type], properties: {pet_type: {type: string}}}
    Cat:
      allOf: [{$ref: '#/components/schemas/base'}, {type: object, properties: {hunts: {type: boolean}}}]
    Dog:
      allOf: [{$ref: '#/components/schemas/base'}, {type: object, properties: {barks: {type: boolean}}}]
",
    );
    let pet = api.types.iter().find(|t| t.name == "Pet").unwrap();
    let TypeKind::Union { tags, variants } = &pet.kind else {
        panic!("{:?}", pet.kind);
    };
    assert_eq!(tags, &["pet_type"]);
    let values: Vec<&[String]> = variants.iter().map(|v| v.tags.as_slice()).collect();
    assert_eq!(values, [&["Cat".to_string()][..], &["Dog".to_string()][..]]);
}

#[test]
fn a_ref_into_paths_is_the_schema_there_lowered_once() {
    let api = lower(
        Profile::Generic,
        "paths:
  /a:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                node:
                  type: object
                  properties:
                    next: {$ref: '#/paths/~1a/post/requestBody/content/application~1json/schema/properties/node'}
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                type: object
                properties:
                  first: {$ref: '#/paths/~1a/post/requestBody/content/application~1json/schema/properties/node'}
                  second: {$ref: '#/paths/~1a/post/requestBody/content/application~1json/schema/properties/node'}
",
    );
    let response = api.operations[0].response.ty.clone().unwrap();
    let crate::ir::TypeRef::Named(name) = response else {
        panic!("{response:?}");
    };
    let body = api.types.iter().find(|t| t.name == name).unwrap();
    let TypeKind::Struct { fields } = &body.kind else {
        panic!("{:?}", body.kind);
    };
    // Both properties are the one type lowered from the path's schema,
    // which holds itself.
    assert_eq!(fields[0].ty, fields[1].ty);
    let crate::ir::TypeRef::Named(node) = &fields[0].ty else {
        panic!("{:?}", fields[0].ty);
    };
    let node = api.types.iter().find(|t| &t.name == node).unwrap();
    let TypeKind::Struct { fields } = &node.kind else {
        panic!("{:?}", node.kind);
    };
    assert_eq!(fields[0].ty, crate::ir::TypeRef::Named(node.name.clone()));
}

#[test]
fn a_union_of_string_enums_is_one_enum_of_every_value() {
    let api = lower(
        Profile::Generic,
        "paths: {}
components:
  schemas:
    lock_type: {type: string, enum: [august_lock, yale_lock]}
    kind:
      oneOf:
        - $ref: '#/components/schemas/lock_type'
        - {type: string, enum: [ecobee_thermostat]}
        - {type: string, enum: [august_lock, noise_sensor]}
    when:
      oneOf: [{type: string, format: date}, {type: string, enum: [never]}]
",
    );
    let kind = api.types.iter().find(|t| t.name == "Kind").unwrap();
    let TypeKind::Enum { variants } = &kind.kind else {
        panic!("{:?}", kind.kind);
    };
    let values: Vec<&str> = variants.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(
        values,
        [
            "august_lock",
            "yale_lock",
            "ecobee_thermostat",
            "noise_sensor"
        ]
    );
    // A date is not just a string: that union keeps its variants.
    let when = api.types.iter().find(|t| t.name == "When").unwrap();
    assert!(
        matches!(when.kind, TypeKind::Union { .. }),
        "{:?}",
        when.kind
    );
}

/// Lowers an OpenAPI 3.1 document under the generic profile.
fn lower_31(body: &str) -> Api {
    let text = format!("openapi: 3.1.0\ninfo: {{title: T, version: '1'}}\n{body}");
    let spec = crate::load::parse(Path::new("t.yaml"), &text).unwrap();
    super::lower(&spec, &Config::generic("t")).unwrap()
}

#[test]
fn a_3_1_document_with_only_webhooks_has_their_payload_types_and_no_operations() {
    let api = lower_31(
        "webhooks:
  petAdded:
    post:
      summary: A pet was added.
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties: {id: {type: [integer, 'null']}}
    delete:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Pet'}
components:
  schemas:
    Pet: {type: object, properties: {name: {type: string}}}
",
    );
    assert!(api.operations.is_empty());
    let hooks: Vec<(&str, &str, Option<&TypeRef>)> = api
        .webhooks
        .iter()
        .map(|w| (w.name.as_str(), w.method.as_str(), w.payload.as_ref()))
        .collect();
    assert_eq!(
        hooks,
        [
            (
                "petAdded",
                "POST",
                Some(&TypeRef::Named("PetAddedPostPayload".into()))
            ),
            ("petAdded", "DELETE", Some(&TypeRef::Named("Pet".into()))),
        ]
    );
    let payload = api
        .types
        .iter()
        .find(|t| t.name == "PetAddedPostPayload")
        .unwrap();
    assert_eq!(payload.module, ["webhooks"]);
    let TypeKind::Struct { fields } = &payload.kind else {
        panic!("expected a struct: {payload:?}");
    };
    assert!(fields[0].nullable && fields[0].ty == TypeRef::I64);
}

#[test]
fn a_3_1_tuple_is_its_item_types_in_order() {
    let api = lower_31(
        "components:
  schemas:
    Pair:
      type: array
      prefixItems: [{$ref: '#/components/schemas/Name'}, {type: integer, format: int32}]
      items: false
    Name: {type: string}
",
    );
    let pair = api.types.iter().find(|t| t.name == "Pair").unwrap();
    assert!(
        matches!(&pair.kind, TypeKind::Alias { ty: TypeRef::Tuple(items) }
            if items[..] == [TypeRef::Named("Name".into()), TypeRef::I32]),
        "{pair:?}"
    );
}

#[test]
fn a_3_1_operation_without_responses_returns_nothing_and_mutual_tls_is_a_warning() {
    let api = lower_31(
        "paths:
  /ping:
    post:
      operationId: ping
      security: [{tls: []}]
components:
  securitySchemes:
    tls: {type: mutualTLS, description: A client certificate.}
",
    );
    assert_eq!(api.operations[0].response.ty, None);
    let warnings: Vec<(&str, &str)> = api
        .warnings
        .iter()
        .map(|w| (w.pointer.as_str(), w.message.as_str()))
        .collect();
    assert_eq!(
        warnings,
        [(
            "#/components/securitySchemes/tls",
            "security scheme `tls` is mutual TLS: give the client certificate to the \
             `reqwest::Client` passed to `http_client`"
        )]
    );
}

#[test]
fn reading_warnings_come_first_with_their_pointers() {
    let api = lower_31(
        "components:
  schemas:
    A:
      type: object
      properties: {a: {type: string}}
      if: {required: [a]}
",
    );
    assert_eq!(api.warnings[0].pointer, "#/components/schemas/A/if");
}

#[test]
fn required_parameters_are_arguments_in_path_then_parameter_then_body_order() {
    let api = lower(
        Profile::Generic,
        "paths:
  /stores/{storeId}/pets/{petId}:
    parameters:
      - {name: storeId, in: path, required: true, schema: {type: integer}}
    put:
      parameters:
        - {name: note, in: query, schema: {type: string}}
        - {name: X-Trace, in: header, required: true, schema: {type: string}}
        - {name: petId, in: path, required: true, schema: {type: string}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [shelf, name]
              properties:
                name: {type: string}
                color: {type: string}
                shelf: {type: string}
      responses: {'204': {description: OK}}
",
    );
    let op = &api.operations[0];
    // The path names storeId first, though the operation lists petId
    // before the path item's storeId; the body's fields come last, in
    // the order of its properties.
    assert_eq!(
        op.arguments,
        ["store_id", "pet_id", "x_trace", "name", "shelf"]
    );
    let names: Vec<&str> = op.argument_fields().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(names, ["storeId", "petId", "X-Trace", "name", "shelf"]);
}

#[test]
fn a_required_body_that_is_not_an_object_is_the_last_argument() {
    let api = lower(
        Profile::Generic,
        "paths:
  /pets/{petId}/tags:
    put:
      parameters:
        - {name: petId, in: path, required: true, schema: {type: string}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: array, items: {type: string}}
      responses: {'204': {description: OK}}
",
    );
    assert_eq!(api.operations[0].arguments, ["pet_id", "body"]);
}

const OK: &str = "responses: {'200': {description: OK}}";

fn names(api: &Api) -> Vec<String> {
    api.operations
        .iter()
        .map(|op| format!("{}.{}", op.group.join("."), op.name))
        .collect()
}

#[test]
fn an_operation_does_not_repeat_its_groups_name() {
    let api = lower(
        Profile::Generic,
        &format!(
            "paths:
  /repos/{{owner}}/{{repo}}:
    get: {{operationId: repos/get, tags: [repos], parameters: [{{name: owner, in: path, required: true, schema: {{type: string}}}}, {{name: repo, in: path, required: true, schema: {{type: string}}}}], {OK}}}
  /repos/{{id}}:
    delete: {{operationId: repos/delete, tags: [repos], parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}], {OK}}}
  /repos:
    get: {{operationId: repos/list, tags: [repos], {OK}}}
    post: {{operationId: list, tags: [repos], {OK}}}
  /:
    get: {{operationId: meta/root, tags: [meta], {OK}}}
  /meta/2:
    get: {{operationId: meta_2fa, tags: [meta], {OK}}}
"
        ),
    );
    // `repos_list` keeps its name: `list` is another operation's.
    assert_eq!(
        names(&api),
        [
            "repos.get",
            "repos.delete",
            "repos.repos_list",
            "repos.list",
            "meta.root",
            "meta.meta_2fa"
        ]
    );
}

#[test]
fn a_version_prefix_every_group_shares_is_left_out() {
    let paths = |tags: [&str; 2]| {
        format!(
            "paths:
  /a: {{get: {{operationId: fetchA, tags: [{}], {OK}}}}}
  /b: {{get: {{operationId: fetchB, tags: [{}], {OK}}}}}
",
            tags[0], tags[1]
        )
    };
    let twilio = lower(
        Profile::Generic,
        &paths(["Api20100401Message", "Api20100401Call"]),
    );
    // `call` is one of the client's own methods: the group is `call_2`.
    assert_eq!(names(&twilio), ["message.fetch_a", "call_2.fetch_b"]);
    // Shared words that name what the groups hold stay.
    let users = lower(Profile::Generic, &paths(["user_accounts", "user_profiles"]));
    assert_eq!(
        names(&users),
        ["user_accounts.fetch_a", "user_profiles.fetch_b"]
    );
    // A group that is only the prefix keeps every name as it is.
    let bare = lower(Profile::Generic, &paths(["api", "api_call"]));
    assert_eq!(names(&bare), ["api.fetch_a", "api_call.fetch_b"]);
}

#[test]
fn the_license_is_an_spdx_expression_or_none() {
    let license = |info_license: &str| {
        let text = format!(
            "openapi: 3.0.3\ninfo: {{title: T, version: '1', license: {info_license}}}\npaths: {{}}\n"
        );
        super::lower_document(&text, &Config::generic("t")).license
    };
    assert_eq!(license("{name: Apache 2.0}").as_deref(), Some("Apache-2.0"));
    assert_eq!(license("{name: Apache-2.0}").as_deref(), Some("Apache-2.0"));
    assert_eq!(license("{name: MIT License}").as_deref(), Some("MIT"));
    assert_eq!(
        license("{name: BSD 3-Clause}").as_deref(),
        Some("BSD-3-Clause")
    );
    assert_eq!(
        license("{name: Proprietary, url: 'https://x.test/terms'}"),
        None
    );
    assert_eq!(
        license("{name: whatever, x-identifier: MIT OR Apache-2.0}").as_deref(),
        Some("MIT OR Apache-2.0")
    );
}

#[test]
fn the_format_is_recorded_whatever_type_the_profile_chose() {
    let body = "paths:
  /a:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {id: {type: string, format: uuid}, email: {type: string, format: email}, n: {type: integer}}}
      responses: {'204': {description: OK}}
";
    let field = |api: &Api, name: &str| {
        let f = api.operations[0]
            .params
            .iter()
            .find(|f| f.wire_name == name)
            .unwrap();
        (f.ty.clone(), f.format.clone())
    };
    let seam = lower(Profile::Seam, body);
    assert_eq!(field(&seam, "id"), (TypeRef::String, Some("uuid".into())));
    let generic = lower(Profile::Generic, body);
    assert_eq!(field(&generic, "id"), (TypeRef::Uuid, Some("uuid".into())));
    assert_eq!(
        field(&generic, "email"),
        (TypeRef::String, Some("email".into()))
    );
    assert_eq!(field(&generic, "n"), (TypeRef::I64, None));
}

#[test]
fn an_all_of_around_a_union_is_that_union() {
    let api = lower(
        Profile::Generic,
        "paths:
  /a:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                choice:
                  allOf:
                    - $ref: '#/components/schemas/Choice'
                    - {nullable: true, description: Which one.}
                meta:
                  type: object
                  additionalProperties:
                    allOf:
                      - oneOf: [{type: string}, {type: number}]
      responses: {'204': {description: OK}}
components:
  schemas:
    Choice:
      oneOf:
        - {type: string, enum: [none, auto]}
        - {type: object, properties: {name: {type: string}}}
",
    );
    let param = |name: &str| {
        api.operations[0]
            .params
            .iter()
            .find(|f| f.wire_name == name)
            .unwrap()
    };
    // The reference, made nullable and described by the part beside it.
    let choice = param("choice");
    assert_eq!(choice.ty, TypeRef::Named("Choice".into()));
    assert!(choice.nullable);
    assert_eq!(choice.docs.description.as_deref(), Some("Which one."));
    // An `allOf` of one inline union is that union.
    let TypeRef::Map(value) = &param("meta").ty else {
        panic!("{:?}", param("meta").ty);
    };
    let TypeRef::Named(value) = &**value else {
        panic!("{value:?}");
    };
    let value = api.types.iter().find(|t| &t.name == value).unwrap();
    assert!(
        matches!(value.kind, TypeKind::Union { .. }),
        "{:?}",
        value.kind
    );
}

#[test]
fn a_discriminator_variant_may_be_selected_by_several_values() {
    let api = lower(
        Profile::Generic,
        "paths: {}
components:
  schemas:
    Tool:
      oneOf:
        - $ref: '#/components/schemas/WebSearch'
        - $ref: '#/components/schemas/Function'
      discriminator:
        propertyName: type
        mapping: {function: '#/components/schemas/Function', fn: '#/components/schemas/Function'}
    WebSearch:
      type: object
      required: [type]
      properties: {type: {type: string, enum: [web_search, web_search_2025_08_26]}}
    Function:
      type: object
      required: [type]
      properties: {type: {type: string}}
",
    );
    let tool = api.types.iter().find(|t| t.name == "Tool").unwrap();
    let TypeKind::Union { tags, variants } = &tool.kind else {
        panic!("{:?}", tool.kind);
    };
    assert_eq!(tags, &["type"]);
    let selected: Vec<String> = variants
        .iter()
        .map(|v| format!("{} {:?} {:?}", v.name, v.tags, v.alternatives))
        .collect();
    assert_eq!(
        selected,
        [
            r#"WebSearch ["web_search"] [["web_search_2025_08_26"]]"#,
            r#"Function ["function"] [["fn"]]"#,
        ]
    );
}

#[test]
fn a_ref_may_point_at_any_schema_in_the_document() {
    let api = lower(
        Profile::Generic,
        "paths:
  /audit:
    get:
      parameters:
        - $ref: '#/components/parameters/audit_method_type'
        - name: again
          in: query
          schema: {$ref: '#/components/parameters/audit_method_type/schema'}
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Tag/allOf/0'}
components:
  parameters:
    audit_method_type:
      name: method
      in: query
      schema: {type: string, enum: [get, post]}
  schemas:
    Tag:
      allOf:
        - {type: object, required: [name], properties: {name: {type: string}}}
        - {type: object, properties: {color: {type: string}}}
",
    );
    let op = &api.operations[0];
    let method = op.params.iter().find(|f| f.wire_name == "method").unwrap();
    let again = op.params.iter().find(|f| f.wire_name == "again").unwrap();
    // The parameter's schema, lowered once and shared.
    assert_eq!(again.ty, method.ty);
    let TypeRef::Named(part) = op.response.ty.as_ref().unwrap() else {
        panic!("{:?}", op.response.ty);
    };
    // A part of `Tag`: its own type, named for it.
    assert_eq!(part, "TagPart");
    let part = api.types.iter().find(|t| &t.name == part).unwrap();
    let TypeKind::Struct { fields } = &part.kind else {
        panic!("{:?}", part.kind);
    };
    assert_eq!(fields.len(), 1);
    assert_eq!(fields[0].wire_name, "name");
}

#[test]
fn parameters_responses_and_bodies_may_be_referred_to_where_another_operation_has_them() {
    // Pointers as written in a URI: `{id}` percent-encoded.
    let api = lower(
        Profile::Generic,
        "paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: fields, in: query, schema: {type: string}}
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: {type: object, properties: {name: {type: string}}}
        '401':
          description: no
          content:
            application/json:
              schema: {type: object, required: [message], properties: {message: {type: string}}}
    put:
      operationId: putThing
      parameters:
        - $ref: '#/paths/~1things~1%7Bid%7D/get/parameters/0'
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {name: {type: string}}}
      responses:
        '200': {$ref: '#/paths/~1things~1%7Bid%7D/get/responses/200'}
        '401': {$ref: '#/paths/~1things~1{id}/get/responses/401'}
  /others/{id}:
    post:
      operationId: postOther
      parameters:
        - $ref: '#/paths/~1things~1{id}/get/parameters/0'
        - $ref: '#/components/parameters/a%20page'
      requestBody: {$ref: '#/paths/~1things~1%7Bid%7D/put/requestBody'}
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/a%20thing'}
components:
  parameters:
    a page: {name: page, in: query, schema: {type: integer}}
  schemas:
    a thing: {type: object, properties: {name: {type: string}}}
",
    );
    let op = |id: &str| {
        api.operations
            .iter()
            .find(|o| o.operation_id.as_deref() == Some(id))
            .unwrap()
    };
    let put = op("putThing");
    let id = put.params.iter().find(|f| f.wire_name == "id").unwrap();
    assert_eq!(id.elsewhere, Some(crate::ir::ParamIn::Path));
    assert_eq!(put.response.ty, op("getThing").response.ty);
    assert_eq!(put.errors.len(), 1, "{:?}", put.errors);
    let post = op("postOther");
    let mut wire: Vec<&str> = post.params.iter().map(|f| f.wire_name.as_str()).collect();
    wire.sort();
    assert_eq!(wire, ["id", "name", "page"]);
    assert_eq!(post.response.ty, Some(TypeRef::Named("AThing".into())));
}

#[test]
fn a_name_in_the_path_that_no_path_parameter_declares_is_still_filled_in() {
    let api = lower(
        Profile::Generic,
        "paths:
  /pets/{petId}:
    get:
      responses: {'200': {description: ok}}
  /search?q={q}&convert={convert}:
    get:
      parameters:
        - {name: q, in: query, schema: {type: string}}
        - {name: page, in: query, schema: {type: integer}}
      responses: {'200': {description: ok}}
",
    );
    let placed = |path: &str| {
        let op = api.operations.iter().find(|o| o.path == path).unwrap();
        op.params
            .iter()
            .map(|f| (f.wire_name.as_str(), f.elsewhere, f.required, f.ty.clone()))
            .collect::<Vec<_>>()
    };
    let path = Some(crate::ir::ParamIn::Path);
    let query = Some(crate::ir::ParamIn::Query);
    assert_eq!(
        placed("/pets/{petId}"),
        [("petId", path, true, TypeRef::String)]
    );
    let search = placed("/search?q={q}&convert={convert}");
    assert!(
        search.contains(&("q", path, true, TypeRef::String)),
        "{search:?}"
    );
    assert!(
        search.contains(&("convert", path, true, TypeRef::String)),
        "{search:?}"
    );
    assert!(
        search.contains(&("page", None, false, TypeRef::I64))
            || search.contains(&("page", query, false, TypeRef::I64)),
        "{search:?}"
    );
    let warned: Vec<&str> = api.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(warned.len(), 3, "{warned:?}");
    assert!(
        warned[0].contains("`{petId}`, but no parameter declares it"),
        "{warned:?}"
    );
    assert!(
        warned[1].contains("`{q}`, declared as a query parameter"),
        "{warned:?}"
    );
}

#[test]
fn an_operation_taking_basic_credentials_first_withholds_a_bearer_key() {
    let api = lower(
        Profile::Generic,
        "security: [{token: []}]
paths:
  /a:
    get:
      operationId: a
      responses: {'204': {description: ok}}
  /b:
    get:
      operationId: b
      security: [{password: []}, {token: []}]
      responses: {'204': {description: ok}}
  /c:
    get:
      operationId: c
      security: [{token: []}, {password: []}]
      responses: {'204': {description: ok}}
components:
  securitySchemes:
    token: {type: http, scheme: bearer}
    password: {type: http, scheme: basic}
",
    );
    let placed: Vec<Option<ApiKeyPlacement>> = api
        .operations
        .iter()
        .map(|op| op.api_key_in.clone())
        .collect();
    assert_eq!(placed, [None, Some(ApiKeyPlacement::Withheld), None]);
    assert!(api.client.has(Capability::KeyPlacement));
}

#[test]
fn a_form_body_that_is_not_an_object_is_sent_as_its_text() {
    let api = lower(
        Profile::Generic,
        "paths:
  /detect:
    post:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: {type: string}
      responses: {'200': {description: ok}}
",
    );
    let op = &api.operations[0];
    assert_eq!(op.params_location, crate::ir::ParamsLocation::Raw);
    assert_eq!(
        op.body_media.as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(op.params.len(), 1);
    assert_eq!(op.params[0].ty, TypeRef::String);
}

#[test]
fn a_ref_to_a_node_that_is_not_there_names_the_pointer() {
    let text = "openapi: 3.0.3\ninfo: {title: T, version: '1'}
paths:
  /a:
    get:
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Tag/allOf/7'}
components:
  schemas:
    Tag: {allOf: [{type: object}]}
";
    let spec = crate::load::parse(Path::new("t.yaml"), text).unwrap();
    let err = super::lower(&spec, &Config::generic("t"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("#/components/schemas/Tag/allOf/7"), "{err}");
    assert!(err.contains("there is no schema there"), "{err}");
}

#[test]
fn credentials_are_not_required_when_the_spec_defines_none_to_give() {
    let api = lower(
        Profile::Generic,
        "security: [{api_key: []}]\npaths:\n  /a: {get: {responses: {'200': {description: ok}}}}\n",
    );
    assert_eq!(
        api.client.credentials,
        Credentials::Schemes {
            api_key: None,
            required: false
        }
    );
    assert!(
        !api.warnings.is_empty(),
        "the undefined scheme is warned about"
    );
}

#[test]
fn a_component_enum_with_an_earlier_ones_values_is_another_name_for_it() {
    let api = lower(
        Profile::Generic,
        "paths:
  /calls:
    get:
      parameters:
        - {name: daily, in: query, schema: {$ref: '#/components/schemas/DailyCategory'}}
        - {name: status, in: query, schema: {$ref: '#/components/schemas/Status'}}
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Category'}}}}}
components:
  schemas:
    Category: {type: string, enum: [calls, sms]}
    DailyCategory: {type: string, enum: [calls, sms], description: By day.}
    Status: {type: string, enum: [calls, sms, mms]}
    Renamed: {type: string, enum: [sms, calls]}
",
    );
    let kind = |name: &str| &api.types.iter().find(|t| t.name == name).unwrap().kind;
    assert!(matches!(kind("Category"), TypeKind::Enum { .. }));
    // The same values: the first component's type, under its own name
    // and with its own docs.
    assert!(
        matches!(kind("DailyCategory"), TypeKind::Alias { ty: TypeRef::Named(n) } if n == "Category"),
        "{:?}",
        kind("DailyCategory")
    );
    let daily = api
        .types
        .iter()
        .find(|t| t.name == "DailyCategory")
        .unwrap();
    assert_eq!(daily.docs.description.as_deref(), Some("By day."));
    // Other values, or the same in another order (`Ord` follows the
    // order): a type of its own.
    assert!(matches!(kind("Status"), TypeKind::Enum { .. }));
    assert!(matches!(kind("Renamed"), TypeKind::Enum { .. }));
}
