//! Synthetic specs full of references, for timing codegen against spec
//! size: `things` object schemas, each referring to others in place, in
//! lists, in maps, through `allOf` and by a pointer into another schema,
//! and a quarter as many paths whose parameters and responses refer to
//! them. Every schema reaches most others, the worst case for anything
//! that walks the type graph once per type or per operation.

use serde_json::{json, Map, Value};

/// A spec with `things` schemas, as JSON text.
pub fn spec(things: usize) -> String {
    let things = things.max(1);
    let thing = |i: usize| json!({"$ref": format!("#/components/schemas/Thing{}", i % things)});
    let mut schemas = Map::new();
    for i in 0..things {
        schemas.insert(
            format!("Thing{i}"),
            json!({
                "type": "object",
                "required": ["id", "name"],
                "properties": {
                    "id": {"type": "string", "format": "uuid"},
                    "name": {"type": "string", "maxLength": 100, "description": format!("The name of thing {i}.")},
                    "created_at": {"type": "string", "format": "date-time"},
                    "count": {"type": "integer", "format": "int32", "minimum": 0},
                    "parent": thing(i * 7 + 3),
                    "children": {"type": "array", "items": thing(i / 2)},
                    "link": {"allOf": [thing(i * 13 + 5)], "nullable": true, "description": "A link."},
                    "status": {"type": "string", "enum": ["active", "inactive", format!("s{}", i % 5)]},
                    "meta": {"type": "object", "additionalProperties": thing(i + 1)},
                }
            }),
        );
    }
    let mut paths = Map::new();
    for i in 0..(things / 4).max(1) {
        let ok = |schema: Value| json!({"description": "OK", "content": {"application/json": {"schema": schema}}});
        paths.insert(
            format!("/things{i}/{{thing_id}}"),
            json!({
                "parameters": [{"$ref": "#/components/parameters/thing_id"}],
                "get": {
                    "operationId": format!("getThing{i}"),
                    "tags": [format!("group{}", i % 20)],
                    "parameters": [{"$ref": "#/components/parameters/limit"}],
                    "responses": {"200": ok(thing(i)), "404": {"$ref": "#/components/responses/NotFound"}}
                },
                "post": {
                    "operationId": format!("updateThing{i}"),
                    "tags": [format!("group{}", i % 20)],
                    "requestBody": {"content": {"application/json": {"schema": thing(i * 3)}}},
                    "responses": {"200": ok(json!({"$ref": format!("#/components/schemas/Thing{}/properties/children", (i * 5) % things)}))}
                }
            }),
        );
    }
    let doc = json!({
        "openapi": "3.0.3",
        "info": {"title": "Things", "version": "1"},
        "servers": [{"url": "https://things.example.test"}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "parameters": {
                "thing_id": {"name": "thing_id", "in": "path", "required": true, "schema": {"type": "string"}},
                "limit": {"name": "limit", "in": "query", "schema": {"$ref": "#/components/schemas/Thing0/properties/count"}}
            },
            "responses": {
                "NotFound": {"description": "Not found.", "content": {"application/json": {"schema": {"type": "object", "properties": {"message": {"type": "string"}}}}}}
            }
        }
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}
