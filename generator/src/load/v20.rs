//! Bringing a Swagger 2.0 document into the OpenAPI 3.0 model, by
//! rewriting it as a JSON value before it is read (as 3.1 documents are):
//!
//! - `host`, `basePath` and `schemes` are the `servers` (one per scheme);
//! - `definitions`, `parameters`, `responses` and `securityDefinitions`
//!   are the components of 3.0, and every `$ref` into them follows;
//! - an `in: body` parameter is the request body, in each media type the
//!   operation `consumes` (else the document's, else JSON);
//! - `in: formData` parameters are the properties of a form body:
//!   `multipart/form-data` when the operation consumes it or a parameter
//!   is a `type: file`, else `application/x-www-form-urlencoded`;
//! - other parameters keep their keywords in a `schema`, and
//!   `collectionFormat` is the 3.0 style: `csv` (the default) is
//!   `form`/`simple` not exploded, `ssv` `spaceDelimited`, `pipes`
//!   `pipeDelimited`, `multi` `form` exploded; `tsv` has no 3.0 style and
//!   is sent as `csv`, with a warning;
//! - a response's `schema` is its content in each media type the
//!   operation `produces` (else the document's, else JSON), with its
//!   `examples`; response headers keep their keywords in a `schema`;
//! - in schemas, `x-nullable` is `nullable`, `type: file` is binary, and a
//!   `discriminator` (a property name) is 3.0's object;
//! - `basic` security is http basic, `oauth2` flows are 3.0's flows.
//!
//! Each place a node moves to is recorded, so an error found in the
//! rewritten document names the node as written ([`Converted::original`]).

use serde_json::{json, Map, Value};

use crate::error::pointer_push;
use crate::ir::Warning;

/// What converting a document found besides the document itself.
#[derive(Default)]
pub struct Converted {
    pub warnings: Vec<Warning>,
    pub moves: Moves,
}

/// Where nodes moved: a pointer in the rewritten document, and the
/// pointer of the same node as written.
#[derive(Debug, Default, Clone)]
pub struct Moves(Vec<(String, String)>);

impl Moves {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The pointer, in the document as written, of the node at `pointer`
    /// in the rewritten one (or of its nearest moved ancestor).
    pub fn original(&self, pointer: &str) -> String {
        let best = self
            .0
            .iter()
            .filter(|(new, _)| {
                pointer == new
                    || pointer
                        .strip_prefix(new.as_str())
                        .is_some_and(|rest| rest.starts_with('/'))
            })
            .max_by_key(|(new, _)| new.len());
        match best {
            Some((new, old)) => format!("{old}{}", &pointer[new.len()..]),
            None => pointer.to_string(),
        }
    }
}

/// Rewrites `doc` (a Swagger 2.0 document) in place into the 3.0 shape.
pub fn convert(doc: &mut Value) -> Converted {
    let mut converter = Converter::default();
    // Whole sections move, so a pointer to what is not there (a dangling
    // `$ref`) is still named as written.
    for (new, old) in [
        ("#/components/schemas", "#/definitions"),
        ("#/components/parameters", "#/parameters"),
        ("#/components/responses", "#/responses"),
        ("#/components/securitySchemes", "#/securityDefinitions"),
    ] {
        converter.moved(new.into(), old.into());
    }
    if let Some(root) = doc.as_object_mut() {
        converter.document(root);
    }
    converter.done
}

#[derive(Default)]
struct Converter {
    done: Converted,
    /// The document's `consumes` and `produces`.
    consumes: Vec<String>,
    produces: Vec<String>,
    /// The document's `parameters`, as written (body and form parameters
    /// are put where they are referenced).
    parameters: Map<String, Value>,
}

const JSON: &str = "application/json";
const FORM: &str = "application/x-www-form-urlencoded";
const MULTIPART: &str = "multipart/form-data";

impl Converter {
    fn warn(&mut self, pointer: &str, message: String) {
        self.done.warnings.push(Warning {
            pointer: pointer.to_string(),
            message,
        });
    }

    fn moved(&mut self, new: String, old: String) {
        if new != old {
            self.done.moves.0.push((new, old));
        }
    }

    fn document(&mut self, root: &mut Map<String, Value>) {
        root.remove("swagger");
        root.insert("openapi".into(), json!("3.0.3"));
        self.consumes = strings(root.remove("consumes"));
        self.produces = strings(root.remove("produces"));
        let servers = servers(
            root.remove("host"),
            root.remove("basePath"),
            root.remove("schemes"),
        );
        if !servers.is_empty() {
            root.insert("servers".into(), Value::Array(servers));
        }
        let mut components = match root.remove("components") {
            Some(Value::Object(components)) => components,
            _ => Map::new(),
        };
        if let Some(Value::Object(definitions)) = root.remove("definitions") {
            let schemas = components
                .entry("schemas")
                .or_insert_with(|| Value::Object(Map::new()));
            for (name, mut schema) in definitions {
                let at = pointer_push("#/definitions", &name);
                self.moved(pointer_push("#/components/schemas", &name), at);
                schema_in_place(&mut schema);
                if let Some(schemas) = schemas.as_object_mut() {
                    schemas.insert(name, schema);
                }
            }
        }
        if let Some(Value::Object(parameters)) = root.remove("parameters") {
            self.parameters = parameters.clone();
            let mut out = Map::new();
            for (name, parameter) in parameters {
                let kind = parameter.get("in").and_then(Value::as_str);
                if matches!(kind, Some("body" | "formData")) {
                    continue;
                }
                let at = pointer_push("#/parameters", &name);
                self.moved(pointer_push("#/components/parameters", &name), at.clone());
                out.insert(name, self.parameter(parameter, &at));
            }
            if !out.is_empty() {
                components.insert("parameters".into(), Value::Object(out));
            }
        }
        if let Some(Value::Object(responses)) = root.remove("responses") {
            let produces = self.produces.clone();
            let mut out = Map::new();
            for (name, response) in responses {
                let at = pointer_push("#/responses", &name);
                let new = pointer_push("#/components/responses", &name);
                self.moved(new.clone(), at.clone());
                out.insert(name, self.response(response, &produces, &new, &at));
            }
            components.insert("responses".into(), Value::Object(out));
        }
        if let Some(Value::Object(schemes)) = root.remove("securityDefinitions") {
            let mut out = Map::new();
            for (name, scheme) in schemes {
                let at = pointer_push("#/securityDefinitions", &name);
                self.moved(pointer_push("#/components/securitySchemes", &name), at);
                out.insert(name, security_scheme(scheme));
            }
            components.insert("securitySchemes".into(), Value::Object(out));
        }
        if !components.is_empty() {
            root.insert("components".into(), Value::Object(components));
        }
        if let Some(Value::Object(paths)) = root.get_mut("paths") {
            for (path, item) in paths.iter_mut() {
                let at = pointer_push("#/paths", path);
                self.path_item(item, &at);
            }
        }
        // Every `$ref` into what moved follows it.
        for value in root.values_mut() {
            retarget(value);
        }
    }

    fn path_item(&mut self, item: &mut Value, at: &str) {
        let Some(item) = item.as_object_mut() else {
            return;
        };
        // Body and form parameters of the path item go to each operation.
        let shared = match item.remove("parameters") {
            Some(Value::Array(shared)) => shared,
            _ => Vec::new(),
        };
        let (shared_body, shared_other): (Vec<_>, Vec<_>) = shared
            .into_iter()
            .enumerate()
            .partition(|(_, p)| self.is_body(p));
        if !shared_other.is_empty() {
            let mut out = Vec::new();
            for (new_index, (index, parameter)) in shared_other.into_iter().enumerate() {
                let old = pointer_push(&pointer_push(at, "parameters"), &index.to_string());
                let new = pointer_push(&pointer_push(at, "parameters"), &new_index.to_string());
                self.moved(new, old.clone());
                out.push(self.parameter_or_ref(parameter, &old));
            }
            item.insert("parameters".into(), Value::Array(out));
        }
        for method in ["get", "put", "post", "delete", "options", "head", "patch"] {
            if let Some(operation) = item.get_mut(method) {
                let at = pointer_push(at, method);
                self.operation(operation, &shared_body, &at);
            }
        }
    }

    /// Whether a parameter (or a `$ref` to one) travels in the body.
    fn is_body(&self, parameter: &Value) -> bool {
        let resolved = self.resolve(parameter);
        matches!(
            resolved.get("in").and_then(Value::as_str),
            Some("body" | "formData")
        )
    }

    /// A parameter, or the document parameter it refers to.
    fn resolve<'v>(&'v self, parameter: &'v Value) -> &'v Value {
        parameter
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/parameters/"))
            .and_then(|name| self.parameters.get(&unescape(name)))
            .unwrap_or(parameter)
    }

    fn parameter_or_ref(&mut self, parameter: Value, at: &str) -> Value {
        match parameter.get("$ref") {
            Some(_) => parameter,
            None => self.parameter(parameter, at),
        }
    }

    fn operation(&mut self, operation: &mut Value, shared_body: &[(usize, Value)], at: &str) {
        let Some(operation) = operation.as_object_mut() else {
            return;
        };
        let consumes = match operation.remove("consumes") {
            Some(list) => strings(Some(list)),
            None => self.consumes.clone(),
        };
        let produces = match operation.remove("produces") {
            Some(list) => strings(Some(list)),
            None => self.produces.clone(),
        };
        operation.remove("schemes");
        let parameters = match operation.remove("parameters") {
            Some(Value::Array(parameters)) => parameters,
            _ => Vec::new(),
        };
        let mut out = Vec::new();
        let mut body = None;
        let mut form: Vec<(Value, String)> = Vec::new();
        let mut own_names = Vec::new();
        for (index, parameter) in parameters.into_iter().enumerate() {
            let old = pointer_push(&pointer_push(at, "parameters"), &index.to_string());
            let resolved = self.resolve(&parameter).clone();
            own_names.push(param_key(&resolved));
            match resolved.get("in").and_then(Value::as_str) {
                Some("body") => body = Some((resolved, old)),
                Some("formData") => form.push((resolved, old)),
                _ => {
                    let new = pointer_push(&pointer_push(at, "parameters"), &out.len().to_string());
                    self.moved(new, old.clone());
                    out.push(self.parameter_or_ref(parameter, &old));
                }
            }
        }
        // The path item's, unless the operation overrides them.
        for (index, parameter) in shared_body {
            let resolved = self.resolve(parameter).clone();
            if own_names.contains(&param_key(&resolved)) {
                continue;
            }
            let old = format!("{}/parameters/{index}", parent(at));
            match resolved.get("in").and_then(Value::as_str) {
                Some("body") if body.is_none() => body = Some((resolved, old)),
                Some("formData") => form.push((resolved, old)),
                _ => {}
            }
        }
        if !out.is_empty() {
            operation.insert("parameters".into(), Value::Array(out));
        }
        let request_body = pointer_push(at, "requestBody");
        if let Some((body, old)) = body {
            let mut media: Vec<String> = consumes.clone();
            if media.is_empty() {
                media.push(JSON.into());
            }
            let mut schema = body.get("schema").cloned().unwrap_or_else(|| json!({}));
            schema_in_place(&mut schema);
            let mut content = Map::new();
            for mime in &media {
                let new = pointer_push(&pointer_push(&request_body, "content"), mime);
                self.moved(pointer_push(&new, "schema"), pointer_push(&old, "schema"));
                content.insert(mime.clone(), json!({"schema": schema.clone()}));
            }
            let mut out = Map::new();
            copy(&body, &mut out, &["description"]);
            out.insert("content".into(), Value::Object(content));
            if body.get("required").and_then(Value::as_bool) == Some(true) {
                out.insert("required".into(), json!(true));
            }
            self.moved(request_body.clone(), old);
            operation.insert("requestBody".into(), Value::Object(out));
        } else if !form.is_empty() {
            let files = form
                .iter()
                .any(|(p, _)| p.get("type").and_then(Value::as_str) == Some("file"));
            let mime = match files || consumes.iter().any(|c| c == MULTIPART) {
                true => MULTIPART,
                false => FORM,
            };
            let schema_at = format!("{request_body}/content/{}/schema", mime.replace('/', "~1"));
            let mut properties = Map::new();
            let mut required = Vec::new();
            for (parameter, old) in form {
                let name = parameter
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                self.moved(
                    pointer_push(&pointer_push(&schema_at, "properties"), &name),
                    old.clone(),
                );
                if parameter.get("required").and_then(Value::as_bool) == Some(true) {
                    required.push(json!(name.clone()));
                }
                let mut schema = self.parameter_schema(&parameter, &old);
                if let Some(description) = parameter.get("description") {
                    schema.insert("description".into(), description.clone());
                }
                properties.insert(name, Value::Object(schema));
            }
            let mut schema = json!({"type": "object", "properties": properties});
            if !required.is_empty() {
                schema["required"] = Value::Array(required.clone());
            }
            let mut body = json!({"content": {mime: {"schema": schema}}});
            if !required.is_empty() {
                body["required"] = json!(true);
            }
            operation.insert("requestBody".into(), body);
        }
        if let Some(Value::Object(responses)) = operation.get_mut("responses") {
            for (status, response) in responses.iter_mut() {
                let new = pointer_push(&pointer_push(at, "responses"), status);
                let converted = self.response(response.take(), &produces, &new, &new);
                *response = converted;
            }
        }
    }

    /// A parameter that is not in the body: its keywords in a `schema`,
    /// its `collectionFormat` as a style.
    fn parameter(&mut self, parameter: Value, at: &str) -> Value {
        let Value::Object(written) = parameter else {
            return parameter;
        };
        let location = written
            .get("in")
            .and_then(Value::as_str)
            .unwrap_or("query")
            .to_string();
        let mut out = Map::new();
        for key in [
            "name",
            "in",
            "description",
            "required",
            "deprecated",
            "allowEmptyValue",
        ] {
            if let Some(value) = written.get(key) {
                out.insert(key.into(), value.clone());
            }
        }
        for (key, value) in &written {
            if key.starts_with("x-") && key != "x-nullable" {
                out.insert(key.clone(), value.clone());
            }
        }
        let written = Value::Object(written);
        let schema = self.parameter_schema(&written, at);
        let is_array = schema.get("type").and_then(Value::as_str) == Some("array");
        if is_array {
            let format = written
                .get("collectionFormat")
                .and_then(Value::as_str)
                .unwrap_or("csv");
            let (style, explode) = match (format, location.as_str()) {
                ("multi", _) => ("form", true),
                ("ssv", "query") => ("spaceDelimited", false),
                ("pipes", "query") => ("pipeDelimited", false),
                (_, "query" | "cookie") => ("form", false),
                _ => ("simple", false),
            };
            if format == "tsv" || (matches!(format, "ssv" | "pipes") && location != "query") {
                self.warn(
                    &pointer_push(at, "collectionFormat"),
                    format!(
                        "`collectionFormat: {format}` has no OpenAPI 3 style here: sent as `csv`"
                    ),
                );
            }
            out.insert("style".into(), json!(style));
            out.insert("explode".into(), json!(explode));
        }
        out.insert("schema".into(), Value::Object(schema));
        Value::Object(out)
    }

    /// The schema of a parameter's value: its schema keywords.
    fn parameter_schema(&mut self, parameter: &Value, at: &str) -> Map<String, Value> {
        let mut schema = Map::new();
        if let Value::Object(written) = parameter {
            for (key, value) in written {
                if is_schema_keyword(key) {
                    schema.insert(key.clone(), value.clone());
                }
            }
        }
        if let Some(items) = schema.get("items") {
            if let Some(format) = items.get("collectionFormat").and_then(Value::as_str) {
                self.warn(
                    &pointer_push(&pointer_push(at, "items"), "collectionFormat"),
                    format!("nested `collectionFormat: {format}` is not honoured: each item is written as it is"),
                );
            }
        }
        let mut value = Value::Object(schema);
        schema_in_place(&mut value);
        match value {
            Value::Object(schema) => schema,
            _ => Map::new(),
        }
    }

    /// A response: its schema as content in each media type it may come
    /// in. `new` is its pointer in the rewritten document, `old` as
    /// written.
    fn response(&mut self, response: Value, produces: &[String], new: &str, old: &str) -> Value {
        let Value::Object(mut written) = response else {
            return response;
        };
        if written.contains_key("$ref") {
            return Value::Object(written);
        }
        let mut out = Map::new();
        out.insert(
            "description".into(),
            written.remove("description").unwrap_or_else(|| json!("")),
        );
        let examples = match written.remove("examples") {
            Some(Value::Object(examples)) => examples,
            _ => Map::new(),
        };
        if let Some(mut schema) = written.remove("schema") {
            schema_in_place(&mut schema);
            let mut media: Vec<String> = produces.to_vec();
            if media.is_empty() {
                media.push(JSON.into());
            }
            let mut content = Map::new();
            for mime in media {
                let at = pointer_push(&pointer_push(new, "content"), &mime);
                self.moved(pointer_push(&at, "schema"), pointer_push(old, "schema"));
                let mut entry = json!({"schema": schema.clone()});
                if let Some(example) = examples.get(&mime) {
                    entry["example"] = example.clone();
                }
                content.insert(mime, entry);
            }
            out.insert("content".into(), Value::Object(content));
        }
        if let Some(Value::Object(headers)) = written.remove("headers") {
            let mut converted = Map::new();
            for (name, header) in headers {
                let mut entry = Map::new();
                if let Some(description) = header.get("description") {
                    entry.insert("description".into(), description.clone());
                }
                let at = pointer_push(&pointer_push(old, "headers"), &name);
                let schema = self.parameter_schema(&header, &at);
                entry.insert("schema".into(), Value::Object(schema));
                converted.insert(name, Value::Object(entry));
            }
            out.insert("headers".into(), Value::Object(converted));
        }
        for (key, value) in written {
            if key.starts_with("x-") {
                out.insert(key, value);
            }
        }
        Value::Object(out)
    }
}

/// The keywords of a 2.0 parameter or header that describe its value.
fn is_schema_keyword(key: &str) -> bool {
    matches!(
        key,
        "type"
            | "format"
            | "items"
            | "default"
            | "maximum"
            | "exclusiveMaximum"
            | "minimum"
            | "exclusiveMinimum"
            | "maxLength"
            | "minLength"
            | "pattern"
            | "maxItems"
            | "minItems"
            | "uniqueItems"
            | "enum"
            | "multipleOf"
            | "x-nullable"
            | "example"
    )
}

/// Rewrites a 2.0 schema (and the schemas inside it) into 3.0's.
fn schema_in_place(schema: &mut Value) {
    let mut stack = vec![schema];
    while let Some(node) = stack.pop() {
        let Value::Object(map) = node else {
            continue;
        };
        if let Some(nullable) = map.remove("x-nullable") {
            if nullable.as_bool() == Some(true) {
                map.insert("nullable".into(), json!(true));
            }
        }
        if map.get("type").and_then(Value::as_str) == Some("file") {
            map.insert("type".into(), json!("string"));
            map.insert("format".into(), json!("binary"));
        }
        if let Some(Value::String(property)) = map.get("discriminator") {
            let property = property.clone();
            map.insert("discriminator".into(), json!({"propertyName": property}));
        }
        map.remove("collectionFormat");
        for (key, value) in map.iter_mut() {
            match key.as_str() {
                "properties" => {
                    if let Value::Object(properties) = value {
                        stack.extend(properties.values_mut());
                    }
                }
                "allOf" | "oneOf" | "anyOf" => {
                    if let Value::Array(parts) = value {
                        stack.extend(parts.iter_mut());
                    }
                }
                "items" | "additionalProperties" | "not" => stack.push(value),
                _ => {}
            }
        }
    }
}

/// Points every `$ref` into 2.0's `definitions`, `parameters` and
/// `responses` at the 3.0 components, and discriminator mappings too;
/// other strings (an example's text) are data and stay as written.
fn retarget(node: &mut Value) {
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match node {
            Value::Object(map) => {
                for (key, value) in map.iter_mut() {
                    match (key.as_str(), value) {
                        ("$ref", Value::String(target)) => *target = moved_ref(target),
                        ("discriminator", Value::Object(discriminator)) => {
                            let mapping = discriminator.get_mut("mapping");
                            if let Some(Value::Object(mapping)) = mapping {
                                for target in mapping.values_mut() {
                                    if let Value::String(target) = target {
                                        *target = moved_ref(target);
                                    }
                                }
                            }
                        }
                        (_, value) => stack.push(value),
                    }
                }
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
}

fn moved_ref(target: &str) -> String {
    for (from, to) in [
        ("#/definitions/", "#/components/schemas/"),
        ("#/parameters/", "#/components/parameters/"),
        ("#/responses/", "#/components/responses/"),
    ] {
        if let Some(rest) = target.strip_prefix(from) {
            return format!("{to}{rest}");
        }
    }
    target.to_string()
}

/// `servers` from `host`, `basePath` and `schemes`.
fn servers(host: Option<Value>, base_path: Option<Value>, schemes: Option<Value>) -> Vec<Value> {
    let base = base_path
        .as_ref()
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim_end_matches('/')
        .to_string();
    let Some(host) = host
        .as_ref()
        .and_then(Value::as_str)
        .filter(|h| !h.is_empty())
    else {
        return match base.is_empty() {
            true => Vec::new(),
            false => vec![json!({"url": base})],
        };
    };
    let mut schemes = strings(schemes);
    if schemes.is_empty() {
        schemes.push("https".into());
    }
    // HTTPS first: it is the one a client should use when both are offered.
    schemes.sort_by_key(|s| s != "https");
    schemes
        .iter()
        .filter(|s| matches!(s.as_str(), "http" | "https"))
        .map(|scheme| json!({"url": format!("{scheme}://{host}{base}")}))
        .collect()
}

fn security_scheme(written: Value) -> Value {
    let kind = written.get("type").and_then(Value::as_str).unwrap_or("");
    let mut out = Map::new();
    copy(&written, &mut out, &["description"]);
    match kind {
        "basic" => {
            out.insert("type".into(), json!("http"));
            out.insert("scheme".into(), json!("basic"));
        }
        "apiKey" => copy(&written, &mut out, &["type", "name", "in"]),
        "oauth2" => {
            let flow = match written.get("flow").and_then(Value::as_str) {
                Some("implicit") => "implicit",
                Some("password") => "password",
                Some("application") => "clientCredentials",
                _ => "authorizationCode",
            };
            let mut details = Map::new();
            copy(&written, &mut details, &["authorizationUrl", "tokenUrl"]);
            details.insert(
                "scopes".into(),
                written.get("scopes").cloned().unwrap_or_else(|| json!({})),
            );
            out.insert("type".into(), json!("oauth2"));
            out.insert("flows".into(), json!({ flow: details }));
        }
        _ => return written,
    }
    Value::Object(out)
}

/// The `name` and `in` that identify a parameter.
fn param_key(parameter: &Value) -> (String, String) {
    let text = |key| {
        parameter
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    (text("name"), text("in"))
}

fn copy(from: &Value, to: &mut Map<String, Value>, keys: &[&str]) {
    for key in keys {
        if let Some(value) = from.get(*key) {
            to.insert((*key).into(), value.clone());
        }
    }
}

fn strings(list: Option<Value>) -> Vec<String> {
    match list {
        Some(Value::Array(items)) => items
            .into_iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// The pointer of the node that holds `pointer`'s last token.
fn parent(pointer: &str) -> &str {
    pointer.rsplit_once('/').map_or(pointer, |(head, _)| head)
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_and_mappings_follow_their_targets_but_example_text_does_not() {
        let mut node = json!({
            "properties": {
                "pet": {"$ref": "#/definitions/Pet"},
                "link": {"type": "string", "example": "#/definitions/Pet"}
            },
            "discriminator": {"propertyName": "kind", "mapping": {"cat": "#/definitions/Cat"}},
            "example": {"$comment": "#/parameters/limit"}
        });
        retarget(&mut node);
        assert_eq!(
            node["properties"]["pet"]["$ref"],
            "#/components/schemas/Pet"
        );
        assert_eq!(node["properties"]["link"]["example"], "#/definitions/Pet");
        assert_eq!(
            node["discriminator"]["mapping"]["cat"],
            "#/components/schemas/Cat"
        );
        assert_eq!(node["example"]["$comment"], "#/parameters/limit");
    }

    fn converted(yaml: &str) -> (Value, Converted) {
        let mut doc: Value = serde_yaml::from_str(yaml).unwrap();
        let converted = convert(&mut doc);
        (doc, converted)
    }

    #[test]
    fn servers_come_from_host_base_path_and_schemes() {
        let (doc, _) = converted(
            "swagger: '2.0'\nhost: api.test\nbasePath: /v2/\nschemes: [http, https]\npaths: {}\n",
        );
        assert_eq!(doc["openapi"], "3.0.3");
        assert!(doc.get("swagger").is_none());
        assert_eq!(
            doc["servers"],
            json!([{"url": "https://api.test/v2"}, {"url": "http://api.test/v2"}])
        );
        let (doc, _) = converted("swagger: '2.0'\nbasePath: /v2\npaths: {}\n");
        assert_eq!(doc["servers"], json!([{"url": "/v2"}]));
    }

    #[test]
    fn body_and_form_parameters_are_request_bodies() {
        let (doc, _) = converted(
            "swagger: '2.0'
consumes: [application/xml, application/json]
parameters:
  pet: {name: pet, in: body, required: true, schema: {$ref: '#/definitions/Pet'}}
paths:
  /a:
    post:
      parameters: [{$ref: '#/parameters/pet'}, {name: q, in: query, type: string}]
      responses: {'200': {description: ok}}
    put:
      parameters:
        - {name: n, in: formData, type: string, required: true}
        - {name: f, in: formData, type: file}
      responses: {'200': {description: ok}}
    patch:
      consumes: [application/x-www-form-urlencoded]
      parameters: [{name: n, in: formData, type: integer}]
      responses: {'200': {description: ok}}
definitions:
  Pet: {type: object}
",
        );
        let post = &doc["paths"]["/a"]["post"];
        assert_eq!(
            post["parameters"],
            json!([{"name": "q", "in": "query", "schema": {"type": "string"}}])
        );
        let body = &post["requestBody"];
        assert_eq!(body["required"], true);
        let pet = json!({"schema": {"$ref": "#/components/schemas/Pet"}});
        assert_eq!(
            body["content"],
            json!({"application/xml": pet, "application/json": pet})
        );
        assert!(doc["components"].get("parameters").is_none());
        let put = &doc["paths"]["/a"]["put"]["requestBody"];
        let schema = &put["content"]["multipart/form-data"]["schema"];
        assert_eq!(schema["required"], json!(["n"]));
        assert_eq!(
            schema["properties"]["f"],
            json!({"type": "string", "format": "binary"})
        );
        let patch = &doc["paths"]["/a"]["patch"]["requestBody"]["content"];
        assert!(patch.get("application/x-www-form-urlencoded").is_some());
    }

    #[test]
    fn collection_formats_are_styles() {
        let (doc, converted) = converted(
            "swagger: '2.0'
paths:
  /a/{p}:
    get:
      parameters:
        - {name: csv, in: query, type: array, items: {type: string}}
        - {name: multi, in: query, type: array, items: {type: string}, collectionFormat: multi}
        - {name: ssv, in: query, type: array, items: {type: string}, collectionFormat: ssv}
        - {name: pipes, in: query, type: array, items: {type: string}, collectionFormat: pipes}
        - {name: tsv, in: query, type: array, items: {type: string}, collectionFormat: tsv}
        - {name: p, in: path, required: true, type: array, items: {type: integer}}
      responses: {'200': {description: ok}}
",
        );
        let styles: Vec<(String, bool)> = doc["paths"]["/a/{p}"]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["style"].as_str().unwrap().to_string(),
                    p["explode"].as_bool().unwrap(),
                )
            })
            .collect();
        let expected = [
            ("form", false),
            ("form", true),
            ("spaceDelimited", false),
            ("pipeDelimited", false),
            ("form", false),
            ("simple", false),
        ];
        let expected: Vec<(String, bool)> =
            expected.iter().map(|(s, e)| (s.to_string(), *e)).collect();
        assert_eq!(styles, expected);
        assert_eq!(converted.warnings.len(), 1);
        assert_eq!(
            converted.warnings[0].pointer,
            "#/paths/~1a~1{p}/get/parameters/4/collectionFormat"
        );
    }

    #[test]
    fn responses_schemas_and_security_take_the_3_0_shape() {
        let (doc, converted) = converted(
            "swagger: '2.0'
produces: [application/json]
securityDefinitions:
  login: {type: basic}
  key: {type: apiKey, in: header, name: X-Key}
  oauth: {type: oauth2, flow: application, tokenUrl: 'https://t.test', scopes: {read: Read}}
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          headers: {X-Total: {type: integer}}
          schema: {$ref: '#/definitions/Pet'}
          examples: {application/json: {name: Rex}}
        default: {$ref: '#/responses/Problem'}
responses:
  Problem: {description: bad}
definitions:
  Pet:
    type: object
    discriminator: kind
    properties:
      kind: {type: string}
      owner: {type: string, x-nullable: true}
",
        );
        let ok = &doc["paths"]["/a"]["get"]["responses"]["200"];
        assert_eq!(
            ok["content"],
            json!({"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}, "example": {"name": "Rex"}}})
        );
        assert_eq!(
            ok["headers"]["X-Total"]["schema"],
            json!({"type": "integer"})
        );
        let default = &doc["paths"]["/a"]["get"]["responses"]["default"];
        assert_eq!(default["$ref"], "#/components/responses/Problem");
        let pet = &doc["components"]["schemas"]["Pet"];
        assert_eq!(pet["discriminator"], json!({"propertyName": "kind"}));
        assert_eq!(pet["properties"]["owner"]["nullable"], true);
        let schemes = &doc["components"]["securitySchemes"];
        assert_eq!(schemes["login"], json!({"type": "http", "scheme": "basic"}));
        assert_eq!(
            schemes["key"],
            json!({"type": "apiKey", "name": "X-Key", "in": "header"})
        );
        assert_eq!(
            schemes["oauth"]["flows"],
            json!({"clientCredentials": {"tokenUrl": "https://t.test", "scopes": {"read": "Read"}}})
        );
        // Errors name the nodes as written.
        assert_eq!(
            converted
                .moves
                .original("#/components/schemas/Pet/properties/kind"),
            "#/definitions/Pet/properties/kind"
        );
        assert_eq!(
            converted
                .moves
                .original("#/paths/~1a/get/responses/200/content/application~1json/schema/x"),
            "#/paths/~1a/get/responses/200/schema/x"
        );
    }
}
