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
//!   `license.identifier` need nothing.

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
    inline_path_item_refs(root);
    if let Some(components) = root.get_mut("components").and_then(Value::as_object_mut) {
        components.remove("pathItems");
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

/// `info.summary` has no place in 3.0; it heads the description.
fn summary_into_description(root: &mut Map<String, Value>) {
    let Some(info) = root.get_mut("info").and_then(Value::as_object_mut) else {
        return;
    };
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

/// Path items in `paths`, `webhooks` and callbacks that are `$ref`s to
/// `#/components/pathItems/…` become copies of what they point at, with
/// their own `summary` and `description` beside.
fn inline_path_item_refs(root: &mut Map<String, Value>) {
    let Some(items) = root
        .get("components")
        .and_then(|c| c.get("pathItems"))
        .and_then(Value::as_object)
        .cloned()
    else {
        return;
    };
    let resolve = |item: &mut Value| {
        // A chain of references is followed a bounded number of times.
        for _ in 0..16 {
            let Some(Value::String(target)) = item.get("$ref") else {
                return;
            };
            let Some(found) = target
                .strip_prefix("#/components/pathItems/")
                .and_then(|name| items.get(&unescape(name)))
            else {
                return;
            };
            let mut merged = found.clone();
            if let (Some(merged), Some(own)) = (merged.as_object_mut(), item.as_object()) {
                for (key, value) in own {
                    if key != "$ref" {
                        merged.insert(key.clone(), value.clone());
                    }
                }
            }
            *item = merged;
        }
    };
    for section in ["paths", "webhooks"] {
        if let Some(map) = root.get_mut(section).and_then(Value::as_object_mut) {
            map.values_mut().for_each(resolve);
        }
    }
    // Callbacks hold path items too, anywhere an operation is.
    let mut stack: Vec<&mut Value> = root
        .iter_mut()
        .filter(|(key, _)| ["paths", "webhooks", "components"].contains(&key.as_str()))
        .map(|(_, value)| value)
        .collect();
    while let Some(node) = stack.pop() {
        match node {
            Value::Object(map) => {
                if let Some(Value::Object(callbacks)) = map.get_mut("callbacks") {
                    for callback in callbacks.values_mut() {
                        if let Some(callback) = callback.as_object_mut() {
                            callback.values_mut().for_each(resolve);
                        }
                    }
                }
                stack.extend(map.values_mut());
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
}

/// Decodes one JSON pointer token (RFC 6901).
fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Keywords that only describe: they stay beside a `$ref` when its
/// siblings move into an `allOf`.
const ANNOTATIONS: [&str; 10] = [
    "description",
    "title",
    "deprecated",
    "readOnly",
    "writeOnly",
    "default",
    "example",
    "examples",
    "nullable",
    "externalDocs",
];

/// Identifiers and comments of JSON Schema that mean nothing to a client.
const SILENT: [&str; 6] = [
    "$schema",
    "$id",
    "$anchor",
    "$comment",
    "$vocabulary",
    "$dynamicAnchor",
];

/// Keywords a client cannot enforce or express in types: dropped, with a
/// warning.
const UNENFORCED: [&str; 13] = [
    "if",
    "then",
    "else",
    "dependentRequired",
    "dependentSchemas",
    "unevaluatedProperties",
    "unevaluatedItems",
    "patternProperties",
    "propertyNames",
    "contains",
    "minContains",
    "maxContains",
    "$dynamicRef",
];

/// The keywords that apply to values of one JSON type, for splitting a
/// schema with several types into one schema per type.
fn applies_to(keyword: &str) -> Option<&'static [&'static str]> {
    Some(match keyword {
        "minLength" | "maxLength" | "pattern" | "contentEncoding" | "contentMediaType" => {
            &["string"]
        }
        "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" | "multipleOf" => {
            &["integer", "number"]
        }
        "items" | "prefixItems" | "minItems" | "maxItems" | "uniqueItems" => &["array"],
        "properties"
        | "required"
        | "additionalProperties"
        | "minProperties"
        | "maxProperties"
        | "discriminator" => &["object"],
        _ => return None,
    })
}

/// The JSON type of a value, as a schema's `type` names it.
fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_f64() => "number",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[derive(Default)]
struct Converter {
    warnings: Vec<Warning>,
    /// `$defs` taken out of schemas: the pointer of the schema that held
    /// them, and the definitions.
    defs: Vec<(String, Map<String, Value>)>,
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

    fn path_item(&mut self, item: &mut Value, at: &str) {
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

    /// Rewrites one schema and the schemas inside it.
    fn schema(&mut self, node: &mut Value, at: &str) {
        if let Value::Bool(accepts) = node {
            if !*accepts {
                self.warn(
                    at,
                    "a `false` schema (no value is valid) is read as any value".into(),
                );
            }
            *node = Value::Object(Map::new());
        }
        let Value::Object(map) = node else {
            return;
        };
        for keyword in SILENT {
            map.remove(keyword);
        }
        for keyword in ["$defs", "definitions"] {
            if let Some(Value::Object(defs)) = map.remove(keyword) {
                self.defs.push((at.to_string(), defs));
            }
        }
        for keyword in UNENFORCED {
            if map.remove(keyword).is_some() {
                self.warn(
                    &pointer_push(at, keyword),
                    format!("`{keyword}` is not enforced by the client and is ignored"),
                );
            }
        }
        ref_with_siblings(map);
        let mut nullable = map.get("nullable").and_then(Value::as_bool) == Some(true);
        nullable |= null_members(map);
        nullable |= self.constants(map);
        bounds(map);
        if let Some(Value::Array(examples)) = map.remove("examples") {
            if let Some(first) = examples.into_iter().next() {
                map.entry("example").or_insert(first);
            }
        }
        self.content_encoding(map, at);
        self.prefix_items(map, at);
        let types = match map.remove("type") {
            Some(Value::Array(types)) => types
                .into_iter()
                .filter_map(|t| t.as_str().map(str::to_string))
                .collect(),
            Some(Value::String(t)) => vec![t],
            Some(other) => {
                // Not 3.1's shape either: left for the reader to report.
                map.insert("type".into(), other);
                Vec::new()
            }
            None => Vec::new(),
        };
        nullable |= types.iter().any(|t| t == "null");
        let mut types: Vec<String> = types.into_iter().filter(|t| t != "null").collect();
        let mut seen = Vec::new();
        types.retain(|t| {
            let new = !seen.contains(t);
            seen.push(t.clone());
            new
        });
        // An integer is a number: both together are numbers.
        if types.iter().any(|t| t == "number") {
            types.retain(|t| t != "integer");
        }
        match types.len() {
            0 => {}
            1 => {
                map.insert("type".into(), Value::from(types.remove(0)));
            }
            _ => split_types(map, &types),
        }
        if nullable {
            map.insert("nullable".into(), Value::Bool(true));
        }
        self.children(map, at);
    }

    /// The schemas inside a schema.
    fn children(&mut self, map: &mut Map<String, Value>, at: &str) {
        for keyword in ["properties"] {
            if let Some(Value::Object(properties)) = map.get_mut(keyword) {
                let base = pointer_push(at, keyword);
                for (name, property) in properties.iter_mut() {
                    self.schema(property, &pointer_push(&base, name));
                }
            }
        }
        for keyword in ["items", "not"] {
            if let Some(child) = map.get_mut(keyword) {
                self.schema(child, &pointer_push(at, keyword));
            }
        }
        if let Some(extra @ Value::Object(_)) = map.get_mut("additionalProperties") {
            self.schema(extra, &pointer_push(at, "additionalProperties"));
        }
        for keyword in ["allOf", "oneOf", "anyOf", PREFIX_ITEMS] {
            if let Some(Value::Array(members)) = map.get_mut(keyword) {
                let base = pointer_push(at, keyword);
                for (i, member) in members.iter_mut().enumerate() {
                    self.schema(member, &pointer_push(&base, &i.to_string()));
                }
            }
        }
    }

    /// `const` as a one-value `enum`, `null` in an `enum` as nullability,
    /// and the `type` of an untyped enum; says whether `null` was allowed.
    fn constants(&mut self, map: &mut Map<String, Value>) -> bool {
        if let Some(value) = map.remove("const") {
            map.insert("enum".into(), Value::Array(vec![value]));
        }
        let Some(Value::Array(values)) = map.get_mut("enum") else {
            return false;
        };
        let before = values.len();
        values.retain(|v| !v.is_null());
        let nullable = values.len() != before;
        let mut kinds: Vec<&str> = values.iter().map(json_type).collect();
        kinds.sort_unstable();
        kinds.dedup();
        if values.is_empty() {
            map.remove("enum");
            return nullable;
        }
        if let ([kind], false) = (&kinds[..], map.contains_key("type")) {
            map.insert("type".into(), Value::from(*kind));
        }
        nullable
    }

    fn content_encoding(&mut self, map: &mut Map<String, Value>, at: &str) {
        let encoding = map.remove("contentEncoding");
        let media = map.remove("contentMediaType");
        if map.contains_key("format") {
            return;
        }
        match encoding.as_ref().and_then(Value::as_str) {
            Some("base64") => {
                map.insert("format".into(), Value::from("byte"));
            }
            Some(other) => self.warn(
                &pointer_push(at, "contentEncoding"),
                format!("content encoding `{other}` is not decoded; the value is the text as sent"),
            ),
            None => {
                let binary = media
                    .as_ref()
                    .and_then(Value::as_str)
                    .is_some_and(|m| !m.contains("json") && !m.starts_with("text/"));
                if binary {
                    map.insert("format".into(), Value::from("binary"));
                }
            }
        }
    }

    /// `prefixItems` with no further items (`items: false`, or no `items`
    /// with `maxItems` the prefix's length) is a tuple; otherwise a list of
    /// any JSON.
    fn prefix_items(&mut self, map: &mut Map<String, Value>, at: &str) {
        let Some(prefix) = map.remove("prefixItems") else {
            return;
        };
        let Value::Array(prefix) = prefix else {
            return;
        };
        let length = prefix.len() as u64;
        let closed = match map.get("items") {
            Some(Value::Bool(false)) => true,
            None => map.get("maxItems").and_then(Value::as_u64) == Some(length),
            Some(_) => false,
        };
        map.insert("type".into(), Value::from("array"));
        if closed && length > 0 {
            map.remove("items");
            map.insert(PREFIX_ITEMS.into(), Value::Array(prefix));
        } else {
            map.insert("items".into(), Value::Object(Map::new()));
            self.warn(
                &pointer_push(at, "prefixItems"),
                "`prefixItems` followed by more items is read as a list of any JSON".into(),
            );
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
                added.push(new);
            }
            // Convert the moved schemas (they may hold `$defs` of their own).
            for new in added {
                let name = unescape(&new["#/components/schemas/".len()..]);
                if let Some(schema) = schemas.get_mut(&name) {
                    self.schema(schema, &new);
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

/// `{$ref, …siblings}`: JSON Schema 2020-12 applies both, which is an
/// `allOf` of the reference and of the siblings that constrain, with the
/// siblings that only describe beside it.
fn ref_with_siblings(map: &mut Map<String, Value>) {
    if !map.contains_key("$ref") || map.len() == 1 {
        return;
    }
    let Some(reference) = map.remove("$ref") else {
        return;
    };
    let mut members = vec![Value::Object(Map::from_iter([("$ref".into(), reference)]))];
    let constraining: Vec<String> = map
        .keys()
        .filter(|k| !ANNOTATIONS.contains(&k.as_str()) && !k.starts_with("x-") && *k != "allOf")
        .cloned()
        .collect();
    if !constraining.is_empty() {
        let mut rest = Map::new();
        for key in constraining {
            if let Some(value) = map.remove(&key) {
                rest.insert(key, value);
            }
        }
        members.push(Value::Object(rest));
    }
    if let Some(Value::Array(all_of)) = map.remove("allOf") {
        members.extend(all_of);
    }
    map.insert("allOf".into(), Value::Array(members));
}

/// Whether a schema only allows `null` (`type: "null"`, `const: null`).
fn is_null_schema(schema: &Value) -> bool {
    let Some(map) = schema.as_object() else {
        return false;
    };
    match map.get("type") {
        Some(Value::String(t)) => t == "null",
        Some(Value::Array(types)) => types.iter().all(|t| t == "null") && !types.is_empty(),
        _ => {
            map.get("const") == Some(&Value::Null)
                || map.get("enum") == Some(&Value::Array(vec![Value::Null]))
        }
    }
}

/// Takes the `null` members out of `oneOf`/`anyOf`; says whether there were
/// any. One remaining inline member is merged into the schema, a reference
/// becomes an `allOf` of it (which the lowering reads as that type).
fn null_members(map: &mut Map<String, Value>) -> bool {
    let mut found = false;
    for keyword in ["oneOf", "anyOf"] {
        let Some(Value::Array(members)) = map.get_mut(keyword) else {
            continue;
        };
        let before = members.len();
        members.retain(|m| !is_null_schema(m));
        if members.len() == before {
            continue;
        }
        found = true;
        if members.len() != 1 {
            continue;
        }
        // One inline member that says nothing the schema also says is
        // the schema itself.
        let inline = match &members[0] {
            Value::Object(member) if !member.contains_key("$ref") => Some(member.clone()),
            _ => None,
        }
        .filter(|member| !member.keys().any(|k| map.contains_key(k)));
        if let Some(member) = inline {
            map.remove(keyword);
            map.extend(member);
        } else if !map.contains_key("allOf") {
            if let Some(members) = map.remove(keyword) {
                map.insert("allOf".into(), members);
            }
        }
    }
    found
}

/// Numeric `exclusiveMinimum`/`exclusiveMaximum` as 3.0's bound and flag.
fn bounds(map: &mut Map<String, Value>) {
    for (exclusive, inclusive, stricter) in [
        ("exclusiveMinimum", "minimum", std::cmp::Ordering::Greater),
        ("exclusiveMaximum", "maximum", std::cmp::Ordering::Less),
    ] {
        let Some(Value::Number(bound)) = map.get(exclusive).cloned() else {
            continue;
        };
        let own = map.get(inclusive).and_then(Value::as_f64);
        let theirs = bound.as_f64();
        let inclusive_wins = matches!((own, theirs), (Some(own), Some(theirs))
            if own.partial_cmp(&theirs) == Some(stricter));
        if inclusive_wins {
            map.remove(exclusive);
        } else {
            map.insert(inclusive.into(), Value::Number(bound));
            map.insert(exclusive.into(), Value::Bool(true));
        }
    }
}

/// A schema of several (non-null) types as a `oneOf` of one schema per
/// type, each with the keywords that apply to it; what applies to all
/// stays.
fn split_types(map: &mut Map<String, Value>, types: &[String]) {
    let mut members: Vec<Map<String, Value>> = types
        .iter()
        .map(|t| Map::from_iter([("type".to_string(), Value::from(t.as_str()))]))
        .collect();
    let keys: Vec<String> = map.keys().cloned().collect();
    for key in keys {
        if let Some(applies) = applies_to(&key) {
            let Some(value) = map.remove(&key) else {
                continue;
            };
            for member in &mut members {
                let t = member["type"].as_str().unwrap_or_default();
                if applies.contains(&t) {
                    member.insert(key.clone(), value.clone());
                }
            }
        }
    }
    if let Some(format) = map.remove("format") {
        let wanted = match format.as_str().unwrap_or_default() {
            "int32" | "int64" | "int8" | "int16" | "uint8" | "uint16" | "uint32" | "uint64" => {
                &["integer", "number"][..]
            }
            "float" | "double" => &["number"][..],
            _ => &["string"][..],
        };
        if let Some(member) = members
            .iter_mut()
            .find(|m| wanted.contains(&m["type"].as_str().unwrap_or_default()))
        {
            member.insert("format".into(), format);
        }
    }
    if let Some(Value::Array(values)) = map.remove("enum") {
        for member in &mut members {
            let t = member["type"].as_str().unwrap_or_default().to_string();
            let mine: Vec<Value> = values
                .iter()
                .filter(|v| json_type(v) == t || (t == "number" && json_type(v) == "integer"))
                .cloned()
                .collect();
            if !mine.is_empty() {
                member.insert("enum".into(), Value::Array(mine));
            }
        }
    }
    let members: Vec<Value> = members.into_iter().map(Value::Object).collect();
    match map.get_mut("oneOf") {
        // Already a union: the types constrain it further, which a client
        // need not check; the union stays.
        Some(_) => {}
        None => {
            map.insert("oneOf".into(), Value::Array(members));
        }
    }
}

#[cfg(test)]
mod tests;
