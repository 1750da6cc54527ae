//! Bringing an OpenAPI 3.1 document into the 3.0 model that `openapiv3`
//! reads, by rewriting the document as a JSON value before it is read.
//!
//! Every rewrite keeps the meaning the generated client can honour:
//!
//! - `type: [T, "null"]` is `type: T` with `nullable: true`; several
//!   non-null types are a `oneOf` of one schema per type, each with the
//!   keywords that apply to it;
//! - `null` members of a `oneOf`/`anyOf`, and `null` in an `enum`, make the
//!   schema nullable;
//! - `const` is a one-value `enum` (with the `type` its value has);
//! - numeric `exclusiveMinimum`/`exclusiveMaximum` are a bound and the 3.0
//!   flag; `examples` gives its first value as the `example`;
//! - a `$ref` with sibling keywords is an `allOf` of the reference, with the
//!   siblings beside it (the lowering reads that as the referenced type with
//!   its own description, deprecation and nullability);
//! - `$defs` become component schemas and `$ref`s into them follow;
//! - `contentEncoding: base64` is `format: byte`, a `contentMediaType`
//!   string is `format: binary`;
//! - `prefixItems` with no further items is a tuple (kept in
//!   [`PREFIX_ITEMS`] for the lowering); other `prefixItems` are a list of
//!   any JSON, with a warning;
//! - keywords the client cannot enforce (`if`, `dependentRequired`, …) are
//!   dropped with a warning;
//! - `webhooks` are taken out for the lowering; `components.pathItems` are
//!   put where they are referenced; an operation without `responses`
//!   answers nothing; `paths` may be absent;
//! - a `mutualTLS` security scheme is kept as one the client does not send;
//! - `info.summary` heads the description; `jsonSchemaDialect` and
//!   `license.identifier` (kept as `x-identifier`) need nothing.

use serde_json::{Map, Value};

use crate::error::pointer_push;
use crate::ir::Warning;

/// The schema extension that carries a tuple's item schemas.
pub const PREFIX_ITEMS: &str = "x-codegen-prefix-items";

/// The dialect OpenAPI 3.1 documents use when they name none.
const OAS_DIALECT: &str = "https://spec.openapis.org/oas/3.1/dialect/base";

/// What converting a document found besides the document itself.
#[derive(Default)]
pub struct Converted {
    pub warnings: Vec<Warning>,
    /// `webhooks`, converted, taken out of the document.
    pub webhooks: Map<String, Value>,
}

/// Rewrites `doc` (an OpenAPI 3.1 document) in place into the 3.0 shape.
pub fn convert(doc: &mut Value) -> Converted {
    let mut converter = Converter::default();
    let Some(root) = doc.as_object_mut() else {
        return converter.done(Map::new());
    };
    if let Some(dialect) = root.remove("jsonSchemaDialect") {
        if dialect.as_str() != Some(OAS_DIALECT) {
            converter.warn(
                "#/jsonSchemaDialect",
                format!("schemas are read as OpenAPI 3.1's own dialect, not {dialect}"),
            );
        }
    }
    summary_into_description(root);
    root.entry("paths")
        .or_insert_with(|| Value::Object(Map::new()));
    // Path items in components have no place in 3.0: each goes where it
    // is referenced.
    if let Some(Value::Object(items)) = root
        .get_mut("components")
        .and_then(Value::as_object_mut)
        .and_then(|components| components.remove("pathItems"))
    {
        converter.path_items = items;
    }
    // A schema-like `$defs` at the top level is hoisted too.
    if let Some(Value::Object(defs)) = root.remove("$defs") {
        converter.defs.push(("#".into(), defs));
    }
    converter.document(root);
    converter.hoist_defs(root);
    let webhooks = match root.remove("webhooks") {
        Some(Value::Object(webhooks)) => webhooks,
        _ => Map::new(),
    };
    converter.done(webhooks)
}

/// `info.summary` has no place in 3.0; it heads the description. A
/// license's SPDX `identifier` is kept as the extension `x-identifier`.
fn summary_into_description(root: &mut Map<String, Value>) {
    let Some(info) = root.get_mut("info").and_then(Value::as_object_mut) else {
        return;
    };
    if let Some(license) = info.get_mut("license").and_then(Value::as_object_mut) {
        if let Some(identifier) = license.remove("identifier") {
            license.insert("x-identifier".into(), identifier);
        }
    }
    let Some(Value::String(summary)) = info.remove("summary") else {
        return;
    };
    let description = match info.get("description").and_then(Value::as_str) {
        Some(description) if !description.trim().is_empty() => {
            format!("{summary}\n\n{description}")
        }
        _ => summary,
    };
    info.insert("description".into(), Value::String(description));
}

/// Decodes one JSON pointer token (RFC 6901).
fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

#[derive(Default)]
struct Converter {
    warnings: Vec<Warning>,
    /// `$defs` taken out of schemas: the pointer of the schema that held
    /// them, and the definitions.
    defs: Vec<(String, Map<String, Value>)>,
    /// `components.pathItems`, taken out of the document.
    path_items: Map<String, Value>,
}

impl Converter {
    fn warn(&mut self, pointer: &str, message: String) {
        self.warnings.push(Warning {
            pointer: pointer.to_string(),
            message,
        });
    }

    fn done(self, webhooks: Map<String, Value>) -> Converted {
        Converted {
            warnings: self.warnings,
            webhooks,
        }
    }

    fn document(&mut self, root: &mut Map<String, Value>) {
        for section in ["paths", "webhooks"] {
            if let Some(Value::Object(items)) = root.get_mut(section) {
                for (key, item) in items.iter_mut() {
                    self.path_item(item, &pointer_push(&format!("#/{section}"), key));
                }
            }
        }
        let Some(Value::Object(components)) = root.get_mut("components") else {
            return;
        };
        for (section, value) in components.iter_mut() {
            let Value::Object(entries) = value else {
                continue;
            };
            let base = pointer_push("#/components", section);
            for (name, entry) in entries.iter_mut() {
                let at = pointer_push(&base, name);
                match section.as_str() {
                    "schemas" => self.schema(entry, &at),
                    "parameters" | "headers" => self.parameter(entry, &at),
                    "requestBodies" => self.content_of(entry, &at),
                    "responses" => self.response(entry, &at),
                    "callbacks" => self.callback(entry, &at),
                    "securitySchemes" => self.security_scheme(entry),
                    _ => {}
                }
            }
        }
    }

    fn security_scheme(&mut self, scheme: &mut Value) {
        let Some(map) = scheme.as_object_mut() else {
            return;
        };
        if map.get("type").and_then(Value::as_str) == Some("mutualTLS") {
            // Read as an HTTP scheme of its own, which the lowering reports
            // as one the client does not send.
            map.insert("type".into(), Value::from("http"));
            map.insert("scheme".into(), Value::from("mutualTLS"));
        }
    }

    /// A path item of `paths`, `webhooks` or a callback. A `$ref` to
    /// `#/components/pathItems/…` becomes a copy of what it points at,
    /// with its own `summary` and `description` beside.
    fn path_item(&mut self, item: &mut Value, at: &str) {
        // A chain of references is followed a bounded number of times.
        for _ in 0..16 {
            let found = item
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|target| target.strip_prefix("#/components/pathItems/"))
                .and_then(|name| self.path_items.get(&unescape(name)));
            let Some(mut merged) = found.cloned() else {
                break;
            };
            if let (Some(merged), Some(own)) = (merged.as_object_mut(), item.as_object()) {
                for (key, value) in own.iter().filter(|(key, _)| *key != "$ref") {
                    merged.insert(key.clone(), value.clone());
                }
            }
            *item = merged;
        }
        let Some(map) = item.as_object_mut() else {
            return;
        };
        if let Some(Value::Array(parameters)) = map.get_mut("parameters") {
            let base = pointer_push(at, "parameters");
            for (i, parameter) in parameters.iter_mut().enumerate() {
                self.parameter(parameter, &pointer_push(&base, &i.to_string()));
            }
        }
        for method in METHODS {
            if let Some(operation) = map.get_mut(method) {
                self.operation(operation, &pointer_push(at, method));
            }
        }
    }

    fn operation(&mut self, operation: &mut Value, at: &str) {
        let Some(map) = operation.as_object_mut() else {
            return;
        };
        // 3.1 lets an operation leave out `responses`: it answers nothing
        // the client reads.
        map.entry("responses")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Some(Value::Array(parameters)) = map.get_mut("parameters") {
            let base = pointer_push(at, "parameters");
            for (i, parameter) in parameters.iter_mut().enumerate() {
                self.parameter(parameter, &pointer_push(&base, &i.to_string()));
            }
        }
        if let Some(body) = map.get_mut("requestBody") {
            self.content_of(body, &pointer_push(at, "requestBody"));
        }
        if let Some(Value::Object(responses)) = map.get_mut("responses") {
            let base = pointer_push(at, "responses");
            for (code, response) in responses.iter_mut() {
                self.response(response, &pointer_push(&base, code));
            }
        }
        if let Some(Value::Object(callbacks)) = map.get_mut("callbacks") {
            let base = pointer_push(at, "callbacks");
            for (name, callback) in callbacks.iter_mut() {
                self.callback(callback, &pointer_push(&base, name));
            }
        }
    }

    fn callback(&mut self, callback: &mut Value, at: &str) {
        if let Some(map) = callback.as_object_mut() {
            for (expression, item) in map.iter_mut() {
                self.path_item(item, &pointer_push(at, expression));
            }
        }
    }

    /// A parameter or header: a schema, or content.
    fn parameter(&mut self, parameter: &mut Value, at: &str) {
        if let Some(schema) = parameter.get_mut("schema") {
            self.schema(schema, &pointer_push(at, "schema"));
        }
        self.content_of(parameter, at);
    }

    fn response(&mut self, response: &mut Value, at: &str) {
        if let Some(Value::Object(headers)) = response.get_mut("headers") {
            let base = pointer_push(at, "headers");
            for (name, header) in headers.iter_mut() {
                self.parameter(header, &pointer_push(&base, name));
            }
        }
        self.content_of(response, at);
    }

    /// The schemas in the `content` of a body, response or parameter.
    fn content_of(&mut self, holder: &mut Value, at: &str) {
        let Some(Value::Object(content)) = holder.get_mut("content") else {
            return;
        };
        let base = pointer_push(at, "content");
        for (media, entry) in content.iter_mut() {
            let here = pointer_push(&base, media);
            if let Some(schema) = entry.get_mut("schema") {
                self.schema(schema, &pointer_push(&here, "schema"));
            }
            if let Some(Value::Object(encodings)) = entry.get_mut("encoding") {
                for (name, encoding) in encodings.iter_mut() {
                    let at = pointer_push(&pointer_push(&here, "encoding"), name);
                    self.response(encoding, &at);
                }
            }
        }
    }

    /// Makes the `$defs` taken out of schemas component schemas, and points
    /// the `$ref`s into them there.
    fn hoist_defs(&mut self, root: &mut Map<String, Value>) {
        let mut moved: Vec<(String, String)> = Vec::new();
        while let Some((owner, defs)) = self.defs.pop() {
            let components = root
                .entry("components")
                .or_insert_with(|| Value::Object(Map::new()));
            let Some(components) = components.as_object_mut() else {
                return;
            };
            let schemas = components
                .entry("schemas")
                .or_insert_with(|| Value::Object(Map::new()));
            let Some(schemas) = schemas.as_object_mut() else {
                return;
            };
            let owner_name = owner
                .strip_prefix("#/components/schemas/")
                .map(unescape)
                .unwrap_or_default();
            let mut added = Vec::new();
            for (name, schema) in defs {
                let mut chosen = name.clone();
                let mut n = 2;
                while schemas.contains_key(&chosen) {
                    chosen = if n == 2 && !owner_name.is_empty() {
                        format!("{owner_name}_{name}")
                    } else {
                        format!("{name}{n}")
                    };
                    n += 1;
                }
                let new = pointer_push("#/components/schemas", &chosen);
                for keyword in ["$defs", "definitions"] {
                    let old = pointer_push(&pointer_push(&owner, keyword), &name);
                    moved.push((old, new.clone()));
                }
                schemas.insert(chosen.clone(), schema);
                added.push((chosen, new));
            }
            // Convert the moved schemas (they may hold `$defs` of their own).
            for (name, at) in added {
                if let Some(schema) = schemas.get_mut(&name) {
                    self.schema(schema, &at);
                }
            }
        }
        if moved.is_empty() {
            return;
        }
        // Longest first, so a nested definition's pointer wins.
        moved.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        let mut stack: Vec<&mut Value> = root.values_mut().collect();
        while let Some(node) = stack.pop() {
            match node {
                Value::Object(map) => {
                    if let Some(Value::String(target)) = map.get_mut("$ref") {
                        // A definition inside a definition moves twice.
                        for _ in 0..16 {
                            let found = moved.iter().find(|(old, _)| {
                                target
                                    .strip_prefix(old.as_str())
                                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
                            });
                            let Some((old, new)) = found else {
                                break;
                            };
                            *target = format!("{new}{}", &target[old.len()..]);
                        }
                    }
                    stack.extend(map.values_mut());
                }
                Value::Array(items) => stack.extend(items.iter_mut()),
                _ => {}
            }
        }
    }
}

mod schema;
#[cfg(test)]
mod tests;
