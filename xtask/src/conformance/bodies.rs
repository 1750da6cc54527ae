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

    /// Whether the spec accepts `body` as `op`'s request body; `None` when
    /// that cannot be told (no schema found, or one the validator cannot
    /// compile).
    pub fn accepts(&self, op: &Operation, body: &Value) -> Option<bool> {
        Some(self.validator(op)?.is_valid(body))
    }

    fn validator(&self, op: &Operation) -> Option<Validator> {
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
