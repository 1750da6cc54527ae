//! Bringing small OpenAPI 3.1 documents into the 3.0 shape.

use serde_json::{json, Value};

use super::*;

/// A document with `schema` as its one component schema `S`, converted.
fn schema(schema: Value) -> (Value, Vec<Warning>) {
    let mut doc = json!({
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1"},
        "components": {"schemas": {"S": schema}},
    });
    let converted = convert(&mut doc);
    (
        doc["components"]["schemas"]["S"].clone(),
        converted.warnings,
    )
}

#[test]
fn a_type_list_with_null_is_that_type_nullable() {
    let (s, warnings) = schema(json!({"type": ["string", "null"], "maxLength": 3}));
    assert_eq!(
        s,
        json!({"type": "string", "maxLength": 3, "nullable": true})
    );
    assert!(warnings.is_empty());
    let (s, _) = schema(json!({"type": ["null"]}));
    assert_eq!(s, json!({"nullable": true}));
}

#[test]
fn several_types_are_a_one_of_with_the_keywords_of_each() {
    let (s, _) = schema(json!({
        "type": ["string", "integer", "null"],
        "description": "d",
        "maxLength": 3,
        "minimum": 1,
        "format": "int64",
        "enum": ["a", 2, null],
    }));
    assert_eq!(
        s,
        json!({
            "description": "d",
            "oneOf": [
                {"type": "string", "maxLength": 3, "enum": ["a"]},
                {"type": "integer", "minimum": 1, "format": "int64", "enum": [2]},
            ],
            "nullable": true,
        })
    );
    // An integer is a number.
    let (s, _) = schema(json!({"type": ["integer", "number"]}));
    assert_eq!(s, json!({"type": "number"}));
}

#[test]
fn null_members_of_a_union_make_it_nullable() {
    let (s, _) = schema(json!({"oneOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}]}));
    assert_eq!(
        s,
        json!({"allOf": [{"$ref": "#/components/schemas/A"}], "nullable": true})
    );
    let (s, _) =
        schema(json!({"anyOf": [{"type": "string"}, {"type": "integer"}, {"const": null}]}));
    assert_eq!(
        s,
        json!({"anyOf": [{"type": "string"}, {"type": "integer"}], "nullable": true})
    );
}

#[test]
fn const_is_a_one_value_enum_of_its_type() {
    let (s, _) = schema(json!({"const": "dog"}));
    assert_eq!(s, json!({"enum": ["dog"], "type": "string"}));
    let (s, _) = schema(json!({"const": 3}));
    assert_eq!(s, json!({"enum": [3], "type": "integer"}));
    let (s, _) = schema(json!({"enum": ["a", null]}));
    assert_eq!(
        s,
        json!({"enum": ["a"], "type": "string", "nullable": true})
    );
}

#[test]
fn numeric_exclusive_bounds_become_bounds_and_flags() {
    let (s, _) = schema(json!({"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10}));
    assert_eq!(
        s,
        json!({
            "type": "number",
            "minimum": 0,
            "exclusiveMinimum": true,
            "maximum": 10,
            "exclusiveMaximum": true,
        })
    );
    // The stricter of an inclusive and an exclusive bound wins.
    let (s, _) = schema(json!({"type": "integer", "minimum": 5, "exclusiveMinimum": 1}));
    assert_eq!(s, json!({"type": "integer", "minimum": 5}));
    let (s, _) = schema(json!({"type": "integer", "minimum": 1, "exclusiveMinimum": 1}));
    assert_eq!(
        s,
        json!({"type": "integer", "minimum": 1, "exclusiveMinimum": true})
    );
    // 3.0's boolean form is left alone.
    let (s, _) = schema(json!({"type": "integer", "minimum": 1, "exclusiveMinimum": true}));
    assert_eq!(
        s,
        json!({"type": "integer", "minimum": 1, "exclusiveMinimum": true})
    );
}

#[test]
fn examples_give_the_example() {
    let (s, _) = schema(json!({"type": "string", "examples": ["a", "b"]}));
    assert_eq!(s, json!({"type": "string", "example": "a"}));
}

#[test]
fn a_ref_with_siblings_is_an_all_of_with_the_annotations_beside_it() {
    let (s, _) = schema(json!({
        "$ref": "#/components/schemas/A",
        "description": "d",
        "deprecated": true,
    }));
    assert_eq!(
        s,
        json!({
            "description": "d",
            "deprecated": true,
            "allOf": [{"$ref": "#/components/schemas/A"}],
        })
    );
    let (s, _) = schema(json!({
        "$ref": "#/components/schemas/A",
        "properties": {"b": {"type": "string"}},
    }));
    assert_eq!(
        s,
        json!({"allOf": [
            {"$ref": "#/components/schemas/A"},
            {"properties": {"b": {"type": "string"}}},
        ]})
    );
    // A bare reference is left as it is.
    let (s, _) = schema(json!({"$ref": "#/components/schemas/A"}));
    assert_eq!(s, json!({"$ref": "#/components/schemas/A"}));
}

#[test]
fn defs_become_component_schemas_and_refs_follow_them() {
    let mut doc = json!({
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1"},
        "paths": {"/a": {"get": {"responses": {"200": {"description": "ok", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/A/$defs/Inner"}},
        }}}}}},
        "components": {"schemas": {
            "A": {
                "type": "object",
                "properties": {"inner": {"$ref": "#/components/schemas/A/$defs/Inner"}},
                "$defs": {
                    "Inner": {
                        "type": "object",
                        "properties": {"deep": {"$ref": "#/components/schemas/A/$defs/Inner/$defs/Deep"}},
                        "$defs": {"Deep": {"type": ["string", "null"]}},
                    },
                    // Taken: named after its owner.
                    "A": {"type": "integer"},
                },
            },
        }},
    });
    convert(&mut doc);
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        schemas["A"]["properties"]["inner"],
        json!({"$ref": "#/components/schemas/Inner"})
    );
    assert_eq!(schemas["A_A"], json!({"type": "integer"}));
    assert_eq!(
        schemas["Inner"]["properties"]["deep"],
        json!({"$ref": "#/components/schemas/Deep"})
    );
    // Moved schemas are converted too.
    assert_eq!(schemas["Deep"], json!({"type": "string", "nullable": true}));
    assert_eq!(
        doc.pointer("/paths/~1a/get/responses/200/content/application~1json/schema"),
        Some(&json!({"$ref": "#/components/schemas/Inner"}))
    );
}

#[test]
fn content_encoding_and_media_type_are_formats() {
    let (s, _) = schema(json!({"type": "string", "contentEncoding": "base64"}));
    assert_eq!(s, json!({"type": "string", "format": "byte"}));
    let (s, _) = schema(json!({"type": "string", "contentMediaType": "image/png"}));
    assert_eq!(s, json!({"type": "string", "format": "binary"}));
    let (s, _) = schema(json!({"type": "string", "contentMediaType": "application/json"}));
    assert_eq!(s, json!({"type": "string"}));
    let (s, warnings) = schema(json!({"type": "string", "contentEncoding": "base32"}));
    assert_eq!(s, json!({"type": "string"}));
    assert_eq!(
        warnings[0].pointer,
        "#/components/schemas/S/contentEncoding"
    );
}

#[test]
fn closed_prefix_items_are_a_tuple_and_open_ones_a_list_of_any_json() {
    let (s, warnings) = schema(json!({
        "type": "array",
        "prefixItems": [{"type": "number"}, {"type": ["string", "null"]}],
        "items": false,
    }));
    assert_eq!(
        s,
        json!({
            "type": "array",
            PREFIX_ITEMS: [{"type": "number"}, {"type": "string", "nullable": true}],
        })
    );
    assert!(warnings.is_empty());
    let (s, _) = schema(json!({"prefixItems": [{"type": "number"}], "maxItems": 1}));
    assert_eq!(s[PREFIX_ITEMS], json!([{"type": "number"}]));
    let (s, warnings) =
        schema(json!({"prefixItems": [{"type": "number"}], "items": {"type": "string"}}));
    assert_eq!(s, json!({"type": "array", "items": {}}));
    assert_eq!(warnings[0].pointer, "#/components/schemas/S/prefixItems");
}

#[test]
fn keywords_a_client_cannot_enforce_are_dropped_with_a_warning() {
    let (s, warnings) = schema(json!({
        "type": "object",
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": "c",
        "properties": {"a": {"type": "string"}},
        "dependentRequired": {"a": ["b"]},
        "if": {"required": ["a"]},
        "then": {"required": ["b"]},
    }));
    assert_eq!(
        s,
        json!({"type": "object", "properties": {"a": {"type": "string"}}})
    );
    let pointers: Vec<&str> = warnings.iter().map(|w| w.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "#/components/schemas/S/if",
            "#/components/schemas/S/then",
            "#/components/schemas/S/dependentRequired",
        ]
    );
}

#[test]
fn boolean_schemas_are_objects() {
    let (s, warnings) = schema(json!({"type": "object", "properties": {"a": true, "b": false}}));
    assert_eq!(
        s,
        json!({"type": "object", "properties": {"a": {}, "b": {}}})
    );
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].pointer, "#/components/schemas/S/properties/b");
    // `additionalProperties: false` means the same in 3.0.
    let (s, _) = schema(json!({"type": "object", "additionalProperties": false}));
    assert_eq!(s, json!({"type": "object", "additionalProperties": false}));
}

#[test]
fn the_document_gets_3_0_shape_around_its_schemas() {
    let mut doc = json!({
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "info": {
            "title": "T",
            "version": "1",
            "summary": "Short.",
            "description": "Long.",
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "webhooks": {
            "hook": {"$ref": "#/components/pathItems/Hook"},
        },
        "paths": {"/subscribe": {"post": {
            "responses": {"201": {"description": "ok"}},
            "callbacks": {"event": {"{$request.body#/url}": {"$ref": "#/components/pathItems/Hook", "summary": "S"}}},
        }}},
        "components": {
            "pathItems": {
                "Hook": {"post": {
                    "requestBody": {"content": {"application/json": {"schema": {"type": ["string", "null"]}}}},
                }},
            },
            "securitySchemes": {"tls": {"type": "mutualTLS"}},
        },
    });
    let converted = convert(&mut doc);
    assert!(converted.warnings.is_empty(), "{:?}", converted.warnings);
    // A callback's path item is the one it referenced, with its own summary.
    let callback =
        &doc["paths"]["/subscribe"]["post"]["callbacks"]["event"]["{$request.body#/url}"];
    assert_eq!(callback["summary"], "S");
    assert_eq!(
        callback["post"]["requestBody"]["content"]["application/json"]["schema"],
        json!({"type": "string", "nullable": true})
    );
    assert_eq!(doc["info"]["description"], "Short.\n\nLong.");
    assert!(doc.get("jsonSchemaDialect").is_none() && doc.get("webhooks").is_none());
    assert!(doc["components"].get("pathItems").is_none());
    assert_eq!(
        doc["components"]["securitySchemes"]["tls"],
        json!({"type": "http", "scheme": "mutualTLS"})
    );
    // The webhook is the path item it referenced, converted, and answers
    // nothing.
    assert_eq!(
        converted.webhooks["hook"],
        json!({"post": {
            "requestBody": {"content": {"application/json": {"schema": {"type": "string", "nullable": true}}}},
            "responses": {},
        }})
    );
    // The document reads as 3.0.
    serde_json::from_value::<openapiv3::OpenAPI>(doc).unwrap();
}

#[test]
fn paths_may_be_absent() {
    let mut doc = json!({"openapi": "3.1.0", "info": {"title": "T", "version": "1"}});
    convert(&mut doc);
    assert_eq!(doc["paths"], json!({}));
}

#[test]
fn another_dialect_is_read_as_the_default_with_a_warning() {
    let mut doc = json!({
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {"title": "T", "version": "1"},
    });
    let converted = convert(&mut doc);
    assert_eq!(converted.warnings[0].pointer, "#/jsonSchemaDialect");
}
