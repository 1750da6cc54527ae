//! Checking a JSON body against the spec's schema for it before it is
//! sent, so the run can choose, among the values it can build, one the
//! spec accepts: a `oneOf` whose branches differ only in what they require
//! is met by adding the optional fields of one branch.

use jsonschema::{Draft, Registry, Validator};
use openapi_clientgen::ir::Operation;
use openapi_clientgen::load::Spec;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{json, Value};

/// Where the document is registered; pointers into it follow `#`.
const BASE: &str = "urn:conformance:spec";

/// What a URI fragment may not hold as it is: all but the unreserved
/// characters and the pointer's `/` and `~`.
const FRAGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// The spec's request body schemas, as JSON Schema (draft 4, the dialect
/// OpenAPI 3.0 builds on; 3.1 and 2.0 documents are read into that model).
pub struct Bodies {
    doc: Value,
    registry: Registry<'static>,
}

impl Bodies {
    /// `None` when the document cannot be registered as a schema resource.
    pub fn new(spec: &Spec) -> Option<Bodies> {
        let doc = serde_json::to_value(&spec.doc).ok()?;
        let registry = Registry::new()
            .draft(Draft::Draft4)
            .add(BASE, doc.clone())
            .ok()?
            .prepare()
            .ok()?;
        Some(Bodies { doc, registry })
    }

    /// The check of `op`'s request body against the spec's schema for it;
    /// `None` when there is none to make (no schema found, or one the
    /// validator cannot compile).
    pub fn validator(&self, op: &Operation) -> Option<Validator> {
        let mut request = format!("{}/requestBody", op.pointer.strip_prefix('#')?);
        // A body defined once under `components` and referred to here.
        if let Some(target) = self.doc.pointer(&request)?.get("$ref") {
            request = target.as_str()?.strip_prefix('#')?.to_string();
        }
        // The media type the client sends: the one recorded, else JSON's.
        let content = self
            .doc
            .pointer(&format!("{request}/content"))?
            .as_object()?;
        let media = match op.body_media.as_deref() {
            Some(media) => media,
            None => content.keys().find(|m| m.contains("json"))?,
        };
        let media = media.replace('~', "~0").replace('/', "~1");
        let schema = format!("{request}/content/{media}/schema");
        self.doc.pointer(&schema)?;
        let fragment = utf8_percent_encode(&schema, FRAGMENT);
        jsonschema::options()
            .with_draft(Draft::Draft4)
            .with_registry(&self.registry)
            .build(&json!({ "$ref": format!("{BASE}#{fragment}") }))
            .ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_is_checked_against_the_schema_its_operation_names() {
        let spec = openapi_clientgen::load::parse(
            std::path::Path::new("spec.yaml"),
            "openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /items/{id}:
    post:
      requestBody: {$ref: '#/components/requestBodies/Item'}
      responses: {'204': {description: ok}}
components:
  requestBodies:
    Item:
      content:
        application/json:
          schema:
            type: object
            properties: {id: {type: integer}, owner: {type: string}}
            oneOf: [{required: [id]}, {required: [owner]}]
",
        )
        .unwrap();
        let api = openapi_clientgen::lower::lower(
            &spec,
            &openapi_clientgen::config::Config::generic("t"),
        )
        .unwrap();
        let bodies = Bodies::new(&spec).unwrap();
        // The pointer holds `{id}`, percent-encoded in the reference.
        let check = bodies.validator(&api.operations[0]).unwrap();
        assert!(!check.is_valid(&json!({})));
        assert!(check.is_valid(&json!({"id": 1})));
        assert!(!check.is_valid(&json!({"id": 1, "owner": "a"})));
    }
}
