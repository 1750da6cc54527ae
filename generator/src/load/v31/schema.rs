//! Rewriting one OpenAPI 3.1 schema (JSON Schema 2020-12) into the 3.0
//! shape, keyword by keyword; the parent module says what each becomes.

use serde_json::{Map, Value};

use super::{Converter, PREFIX_ITEMS};
use crate::error::pointer_push;

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

impl Converter {
    /// Rewrites one schema and the schemas inside it.
    pub(super) fn schema(&mut self, node: &mut Value, at: &str) {
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
