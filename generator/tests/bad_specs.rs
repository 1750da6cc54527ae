//! Bad specs give an error naming the file, the JSON pointer (and for syntax
//! errors the line and column) and what is wrong — never a panic.

use std::path::Path;

use openapi_clientgen::config::Config;
use openapi_clientgen::profile::Profile;
use openapi_clientgen::{load, lower, Error};

/// The Seam profile: it reads everything the generic one does, and Seam's
/// extensions too.
fn seam() -> Config {
    Config {
        conventions: Profile::Seam.conventions(),
        ..Config::generic("bad")
    }
}

/// Loads and lowers `text` as if read from `file`, returning the error text.
fn error_of(file: &str, text: &str) -> String {
    let result = load::parse(Path::new(file), text).and_then(|spec| lower::lower(&spec, &seam()));
    match result {
        Ok(_) => panic!("expected {file} to be rejected"),
        Err(e) => e.to_string(),
    }
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\n";

#[test]
fn malformed_yaml_names_line_and_column() {
    let err = error_of(
        "bad.yaml",
        "openapi: 3.0.3\ninfo:\n  title: 'unterminated\npaths: {}\n",
    );
    assert!(
        err.starts_with("bad.yaml:5:1: #/info/title: found unexpected end of stream"),
        "{err}"
    );
}

#[test]
fn malformed_json_names_line_and_column() {
    let err = error_of("bad.json", "{\n  \"openapi\": \"3.0.3\",\n}");
    assert!(err.starts_with("bad.json:3:1: #: trailing comma"), "{err}");
}

#[test]
fn wrong_type_names_the_json_pointer() {
    let text =
        format!("{HEAD}paths:\n  /client_sessions/create:\n    post:\n      responses: nope\n");
    let err = error_of("spec.yaml", &text);
    assert!(
        err.contains(
            "#/paths/~1client_sessions~1create/post/responses: invalid type: string \"nope\""
        ),
        "{err}"
    );
}

#[test]
fn wrong_type_in_json_names_the_json_pointer_and_line() {
    let text = "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"T\", \"version\": \"1\"},\n\"paths\": {\"/x\": {\"post\": {\"responses\": {\"200\": {\"description\": 5}}}}}}";
    let err = error_of("spec.json", text);
    assert!(err.starts_with("spec.json:2:"), "{err}");
    assert!(
        err.contains("#/paths/~1x/post/responses/200/description: invalid type: integer `5`"),
        "{err}"
    );
}

#[test]
fn a_non_finite_yaml_number_is_named_not_a_panic() {
    for bound in [".inf", "-.inf", ".nan"] {
        let text = format!(
            "{HEAD}paths:\n  /x:\n    get:\n      parameters:\n        - name: n\n          \
             in: query\n          schema: {{type: number, maximum: {bound}}}\n      \
             responses: {{'200': {{description: ok}}}}\n"
        );
        let err = error_of("spec.yaml", &text);
        assert!(
            err.starts_with("spec.yaml: #/paths/~1x/get/parameters/0/schema/maximum: `"),
            "{err}"
        );
        assert!(err.contains("is not a number JSON can hold"), "{err}");
    }
}

#[test]
fn missing_required_field_is_reported() {
    let err = error_of("spec.yaml", "openapi: 3.0.3\npaths: {}\n");
    assert!(
        err.contains("spec.yaml") && err.contains("missing field `info`"),
        "{err}"
    );
}

#[test]
fn dangling_ref_names_where_it_is() {
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    widget:\n      type: object\n      properties:\n        shape: {{$ref: '#/components/schemas/shape'}}\n"
    );
    let err = error_of("spec.yaml", &text);
    assert_eq!(
        err,
        "spec.yaml: #/components/schemas/widget/properties/shape/$ref: dangling $ref `#/components/schemas/shape`: there is no schema `shape` in components"
    );
}

#[test]
fn a_ref_to_a_file_that_is_not_there_names_where_it_is() {
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    a:\n      type: array\n      items: {{$ref: 'other.yaml#/b'}}\n"
    );
    let err = error_of("spec.yaml", &text);
    assert!(
        err.contains("#/components/schemas/a/items/$ref: `other.yaml#/b`: cannot read"),
        "{err}"
    );
}

#[test]
fn an_unknown_security_scheme_is_a_warning() {
    let text = format!(
        "{HEAD}paths:\n  /x:\n    post:\n      security: [{{nope: []}}]\n      responses: {{'200': {{description: OK}}}}\n"
    );
    let spec = load::parse(Path::new("spec.yaml"), &text).unwrap();
    let api = lower::lower(&spec, &Config::generic("warn")).unwrap();
    let warnings: Vec<String> = api
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.pointer, w.message))
        .collect();
    assert_eq!(
        warnings,
        ["#/paths/~1x/post/security/0: unknown security scheme `nope`: not in #/components/securitySchemes"]
    );
    assert_eq!(api.operations[0].security, [["nope"]]);
}

#[test]
fn a_discriminator_that_cannot_select_a_variant_is_a_warning() {
    // The union is still read: its variants are tried in order.
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    shape:\n      oneOf: [{{type: string}}, {{type: integer}}]\n      discriminator: {{propertyName: kind}}\n"
    );
    let spec = load::parse(Path::new("spec.yaml"), &text).unwrap();
    let api = lower::lower(&spec, &Config::generic("warn")).unwrap();
    let warnings: Vec<String> = api
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.pointer, w.message))
        .collect();
    assert_eq!(
        warnings,
        ["#/components/schemas/shape/oneOf/0: the discriminator `kind` cannot select this variant (discriminated variant is not an object with property `kind`); the variants are told apart by trying each in order"]
    );
    let shape = api.types.iter().find(|t| t.name == "Shape").unwrap();
    let openapi_clientgen::ir::TypeKind::Union { tags, variants } = &shape.kind else {
        panic!("{:?}", shape.kind);
    };
    assert!(tags.is_empty());
    assert_eq!(variants.len(), 2);
}

#[test]
fn a_dangling_error_response_ref_names_where_it_is() {
    let text = format!(
        "{HEAD}paths:\n  /x:\n    post:\n      responses:\n        '200': {{description: OK}}\n        '404': {{$ref: '#/components/responses/Gone'}}\n"
    );
    let err = error_of("spec.yaml", &text);
    assert!(
        err.contains("#/paths/~1x/post/responses/404/$ref: dangling or unsupported response $ref `#/components/responses/Gone`"),
        "{err}"
    );
}

#[test]
fn not_schemas_are_rejected() {
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    a:\n      not: {{type: string}}\n"
    );
    let err = error_of("spec.yaml", &text);
    assert!(
        err.contains("#/components/schemas/a/not: `not` schemas are not supported"),
        "{err}"
    );
}

#[test]
fn empty_unions_are_rejected() {
    for keyword in ["oneOf", "anyOf"] {
        let text =
            format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    a:\n      {keyword}: []\n");
        let err = error_of("spec.yaml", &text);
        assert!(
            err.contains(&format!(
                "#/components/schemas/a/{keyword}: a union needs at least one schema"
            )),
            "{err}"
        );
    }
}

#[test]
fn response_key_must_name_a_property() {
    let text = format!(
        "{HEAD}paths:\n  /x:\n    post:\n      x-response-key: thing\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema: {{type: object, properties: {{ok: {{type: boolean}}}}}}\n"
    );
    let err = error_of("spec.yaml", &text);
    assert!(
        err.contains("#/paths/~1x/post/responses/200/content/application~1json/schema: x-response-key `thing` names no property"),
        "{err}"
    );
}

#[test]
fn problems_in_a_swagger_2_document_are_named_as_written() {
    let text = "swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    post:\n      parameters:\n        - {name: q, in: query, type: string}\n        - {name: body, in: body, schema: {$ref: '#/definitions/Missing'}}\n      responses:\n        '200': {description: ok, schema: {type: object, properties: {n: {type: 7}}}}\n";
    let err = error_of("spec.yaml", text);
    assert!(
        err.starts_with("spec.yaml:10:") && err.contains(": #/paths/~1a/post/responses/200/schema"),
        "{err}"
    );
    let err = error_of("spec.yaml", &text.replace("{type: 7}", "{type: integer}"));
    assert_eq!(
        err,
        "spec.yaml: #/paths/~1a/post/parameters/1/schema/$ref: dangling $ref `#/definitions/Missing`: there is no schema `Missing` in components"
    );
}

#[test]
fn unsupported_versions_and_formats_are_rejected() {
    for version in ["3.2.0", "2.0"] {
        let err = error_of(
            "spec.yaml",
            &format!("openapi: '{version}'\ninfo: {{title: T, version: '1'}}\npaths: {{}}\n"),
        );
        assert_eq!(
            err,
            format!(
                "spec.yaml: #/openapi: unsupported OpenAPI version `{version}`: expected 3.0.x or 3.1.x (or Swagger 2.0)"
            )
        );
    }
    let err = error_of(
        "spec.yaml",
        "swagger: '1.2'\ninfo: {title: T, version: '1'}\n",
    );
    assert!(err.contains("`swagger: 1.2`"), "{err}");
    let err = error_of("spec.txt", "{}");
    assert!(
        err.contains("spec.txt") && err.contains("expected a .yaml, .yml or .json file"),
        "{err}"
    );
}

const HEAD_31: &str = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\n";

#[test]
fn a_bad_3_1_document_is_placed_in_its_own_text() {
    // The error is found in the rewritten document, and placed by its
    // pointer in the text as written.
    let err = error_of(
        "spec.yaml",
        &format!(
            "{HEAD_31}paths:\n  /a:\n    get:\n      parameters:\n        - {{name: q, in: nowhere}}\n"
        ),
    );
    assert!(
        err.starts_with("spec.yaml:7:11: #/paths/~1a/get/parameters/0"),
        "{err}"
    );
    let err = error_of(
        "spec.json",
        r#"{"openapi": "3.1.0", "info": {"title": "T", "version": "1"},
  "webhooks": {"hook": {"post": {"requestBody": {"content": 7}}}}}"#,
    );
    assert!(
        err.starts_with(
            "spec.json:2:34: #/webhooks/hook/post/requestBody: invalid type: integer `7`"
        ),
        "{err}"
    );
}

#[test]
fn a_3_1_reference_that_does_not_resolve_names_its_place() {
    let err = error_of(
        "spec.yaml",
        &format!(
            "{HEAD_31}components:\n  schemas:\n    A:\n      type: object\n      properties:\n        b: {{$ref: '#/$defs/Nowhere', description: d}}\n"
        ),
    );
    assert!(
        err.contains("#/components/schemas/A/properties/b/allOf/0")
            && err.contains("#/$defs/Nowhere"),
        "{err}"
    );
}

#[test]
fn missing_file_names_the_file() {
    let err = match load::load(Path::new("no/such/spec.yaml")) {
        Err(e @ Error::Read { .. }) => e.to_string(),
        Err(other) => panic!("unexpected error kind: {other}"),
        Ok(_) => panic!("expected an error"),
    };
    assert!(err.starts_with("no/such/spec.yaml: cannot read:"), "{err}");
}

#[test]
fn unsupported_parameters_name_the_parameter() {
    let op = |param: &str| {
        format!(
            "{HEAD}paths:\n  /pets/{{id}}:\n    get:\n      parameters:\n        - {{name: id, in: path, required: true, schema: {{type: string}}}}\n        - {param}\n      responses: {{'200': {{description: ok}}}}\n"
        )
    };
    let err = error_of(
        "content.yaml",
        &op("{name: q, in: query, content: {application/json: {}}}"),
    );
    assert_eq!(
        err,
        "content.yaml: #/paths/~1pets~1{id}/get/parameters/1/content: a parameter's `content` needs one media type with a schema"
    );
}

#[test]
fn a_multipart_body_must_be_an_object() {
    let err = error_of(
        "upload.yaml",
        &format!("{HEAD}paths:\n  /files:\n    post:\n      requestBody:\n        content:\n          multipart/form-data:\n            schema: {{type: string, format: binary}}\n      responses: {{'200': {{description: ok}}}}\n"),
    );
    assert_eq!(
        err,
        "upload.yaml: #/paths/~1files/post/requestBody/content/multipart~1form-data/schema: a `multipart/form-data` body must be an object, whose properties name its parts"
    );
}

#[test]
fn a_ref_to_the_wrong_kind_of_thing_says_what_it_points_at() {
    let err = error_of(
        "kinds.yaml",
        &format!("{HEAD}paths:\n  /x:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '#/components/responses/Gone'}}\n  /y:\n    get:\n      responses:\n        '200': {{description: ok}}\n        '404': {{$ref: '#/components/schemas/Thing'}}\ncomponents:\n  schemas:\n    Thing: {{type: object}}\n  responses:\n    Gone: {{description: gone}}\n"),
    );
    assert!(
        err.contains("#/paths/~1x/get/responses/200/content/application~1json/schema/$ref: unsupported $ref `#/components/responses/Gone`: it points at a response, where a schema is expected"),
        "{err}"
    );
    assert!(
        err.contains("#/paths/~1y/get/responses/404/$ref: dangling or unsupported response $ref `#/components/schemas/Thing`: it points at a schema, where a response is expected"),
        "{err}"
    );
}

#[test]
fn a_path_parameter_must_appear_in_the_path() {
    // (A `{name}` in the path that no parameter declares is read as a
    // required string, with a warning: see the lowering tests.)
    let err = error_of(
        "stray.yaml",
        &format!("{HEAD}paths:\n  /pets:\n    parameters:\n      - {{name: petId, in: path, required: true, schema: {{type: string}}}}\n    get:\n      responses: {{'200': {{description: ok}}}}\n"),
    );
    assert_eq!(
        err,
        "stray.yaml: #/paths/~1pets/parameters/0: path parameter `petId` does not appear in the path `/pets`"
    );
}

#[test]
fn a_schema_that_is_a_list_of_itself_is_rejected() {
    let err = error_of(
        "alias.yaml",
        &format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Tree:\n      type: array\n      items:\n        $ref: '#/components/schemas/Tree'\n"),
    );
    assert!(
        err.starts_with(
            "alias.yaml: #/components/schemas/Tree: a schema that is only a list or map of itself"
        ),
        "{err}"
    );
}

#[test]
fn problems_in_several_places_are_reported_together() {
    let text = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      parameters:\n        - {{$ref: '#/components/parameters/missing'}}\n      responses: {{'200': {{description: ok}}}}\n  /b:\n    parameters:\n      - {{name: id, in: path, required: true, schema: {{type: string}}}}\n    get:\n      responses: {{'200': {{description: ok}}}}\ncomponents:\n  schemas:\n    Bad:\n      not: {{type: string}}\n"
    );
    let err = error_of("many.yaml", &text);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].starts_with("many.yaml: #/components/schemas/Bad"),
        "{err}"
    );
    assert!(
        lines[1].starts_with("many.yaml: #/paths/~1a/get/parameters/0"),
        "{err}"
    );
    assert!(
        lines[2].starts_with("many.yaml: #/paths/~1b/parameters/0: path parameter `id`"),
        "{err}"
    );
}

#[test]
fn what_the_client_does_not_honour_is_a_warning() {
    let text = format!(
        "{HEAD}paths:\n  /a:\n    post:\n      responses:\n        '200': {{description: ok, content: {{application/json: {{schema: {{type: string}}}}}}}}\n        '202': {{description: later}}\ncomponents:\n  securitySchemes:\n    key: {{type: apiKey, in: query, name: key}}\n    token: {{type: http, scheme: bearer}}\n"
    );
    let spec = load::parse(Path::new("warn.yaml"), &text).unwrap();
    let api = lower::lower(&spec, &Config::generic("warn")).unwrap();
    let warnings: Vec<String> = api
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.pointer, w.message))
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(
        warnings[0]
            .starts_with("#/components/securitySchemes/key: security scheme `key` is not sent"),
        "{warnings:#?}"
    );
    assert!(
        warnings[1].starts_with(
            "#/paths/~1a/post/responses/202: only the first success response (`200`) is typed"
        ),
        "{warnings:#?}"
    );
}

#[test]
fn a_scheme_that_some_operation_takes_the_key_in_is_sent() {
    let text = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      security: [{{key: []}}]\n      responses:\n        '204': {{description: ok}}\n  /b:\n    get:\n      responses:\n        '204': {{description: ok}}\ncomponents:\n  securitySchemes:\n    key: {{type: apiKey, in: query, name: key}}\n    token: {{type: http, scheme: bearer}}\n    other: {{type: apiKey, in: header, name: X-Other}}\n"
    );
    let spec = load::parse(Path::new("warn.yaml"), &text).unwrap();
    let api = lower::lower(&spec, &Config::generic("warn")).unwrap();
    let warnings: Vec<String> = api
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.pointer, w.message))
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0]
            .starts_with("#/components/securitySchemes/other: security scheme `other` is not sent"),
        "{warnings:#?}"
    );
    let a = &api.operations[0];
    assert_eq!(
        serde_json::to_value(&a.api_key_in).unwrap(),
        serde_json::json!({"in": "query", "name": "key"})
    );
    assert_eq!(api.operations[1].api_key_in, None);
}

#[test]
fn a_discriminator_value_shared_by_two_variants_is_a_warning() {
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    u:\n      oneOf: [{{$ref: '#/components/schemas/a'}}, {{$ref: '#/components/schemas/b'}}]\n      discriminator: {{propertyName: kind}}\n    a: {{type: object, required: [kind], properties: {{kind: {{type: string, enum: [same]}}}}}}\n    b: {{type: object, required: [kind], properties: {{kind: {{type: string, enum: [same]}}, extra: {{type: string}}}}}}\n"
    );
    let spec = load::parse(Path::new("warn.yaml"), &text).unwrap();
    let api = lower::lower(&spec, &Config::generic("warn")).unwrap();
    let warnings: Vec<String> = api
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.pointer, w.message))
        .collect();
    assert_eq!(
        warnings,
        ["#/components/schemas/u/oneOf: the discriminator `kind` gives two variants the same value; they are told apart by trying each in order"]
    );
    let union = api.types.iter().find(|t| t.name == "U").unwrap();
    let openapi_clientgen::ir::TypeKind::Union { tags, variants } = &union.kind else {
        panic!("{union:?}");
    };
    assert!(tags.is_empty(), "{tags:?}");
    assert_eq!(variants.len(), 2);
}
