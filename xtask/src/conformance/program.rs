//! The program that calls every operation of a generated client once:
//! one module per spec, with arguments built from the spec's examples,
//! else from values its types and constraints accept.

use std::collections::BTreeMap;

use openapi_clientgen::ir::{
    Api, ApiKeyPlacement, Capability, Credentials, Field, NamedType, Operation, ParamIn,
    ParamStyle, ParamsLocation, TypeKind, TypeRef,
};
use serde_json::{json, Map, Value};

use super::bodies::Bodies;

/// How deep a value is built inside nested objects before optional
/// properties are left out and lists left empty.
const DEPTH: usize = 6;

/// What the calls send: how many carry each kind of body, and how many
/// parameters go in each place and style (`query: form, exploded`).
pub type Coverage = BTreeMap<String, usize>;

/// The module that calls every operation of `api` (crate `krate`, as a
/// Rust path), keeping those `keep` accepts, and what its calls send.
pub fn module(
    api: &Api,
    krate: &str,
    bodies: Option<&Bodies>,
    keep: impl Fn(usize) -> bool,
) -> (String, Coverage) {
    let mut coverage = Coverage::new();
    let mut out = String::new();
    out.push_str("#![allow(deprecated, unused_mut, clippy::all)]\n\n");
    out.push_str(&format!(
        "use crate::{{v, Outcome}};\nuse crate::{krate}_outcome::outcome;\n\n"
    ));
    out.push_str(
        "pub async fn run(endpoint: &str, from: usize) -> Vec<(&'static str, Outcome)> {\n",
    );
    out.push_str(&format!(
        "    let client = match {krate}::{}::builder().endpoint(endpoint){}.build() {{\n        Ok(client) => client,\n        Err(e) => return vec![(\"the client\", Outcome::Failed(format!(\"did not build: {{e}}\")))],\n    }};\n",
        api.client.name,
        credentials(api)
    ));
    out.push_str("    let mut outcomes = Vec::new();\n");
    let mut called = 0;
    for (index, op) in api.operations.iter().enumerate() {
        if !keep(index) {
            continue;
        }
        let name = format!("{} {}", op.http_method.as_str(), op.path);
        out.push_str(&format!("    if {called} >= from "));
        called += 1;
        match call(op, api, krate, bodies, &mut coverage) {
            Some(call) => out.push_str(&format!(
                "{{\n        let client = client.clone();\n        let done = tokio::spawn(async move {{ outcome({call}.await) }}).await;\n        outcomes.push(({name:?}, done.unwrap_or_else(|e| Outcome::unbuildable(e))));\n    }}\n"
            )),
            None => out.push_str(&format!(
                "{{\n        outcomes.push(({name:?}, Outcome::skipped(\"no argument value could be built\")));\n    }}\n"
            )),
        }
    }
    out.push_str("    outcomes\n}\n");
    (out, coverage)
}

/// The kind of body `op` sends, as the coverage names it.
fn body_kind(op: &Operation) -> Option<&'static str> {
    let body = op
        .params
        .iter()
        .find(|f| f.elsewhere == Some(ParamIn::Body));
    Some(match op.params_location {
        ParamsLocation::Query => return None,
        ParamsLocation::Body if body.is_some() => "body: a JSON value",
        ParamsLocation::Body => "body: a JSON object",
        ParamsLocation::Form => "body: a form",
        ParamsLocation::Multipart => "body: multipart",
        ParamsLocation::Raw => match body.map(|f| &f.ty) {
            Some(TypeRef::Bytes) => "body: a streamed upload",
            _ => "body: text",
        },
    })
}

/// Where and in what style `field` of `op` is sent, as the coverage names
/// it; `None` for a body field.
fn style_of(field: &Field, op: &Operation) -> Option<String> {
    let place = match field.elsewhere {
        Some(ParamIn::Body) => return None,
        Some(place) => place,
        None if op.params_location == ParamsLocation::Query => ParamIn::Query,
        None => return None,
    };
    let (place, default) = match place {
        ParamIn::Path => ("path", ParamStyle::Simple { explode: false }),
        ParamIn::Query => ("query", ParamStyle::Form { explode: true }),
        ParamIn::Header => ("header", ParamStyle::Simple { explode: false }),
        ParamIn::Cookie => ("cookie", ParamStyle::Form { explode: true }),
        ParamIn::Body => return None,
    };
    let exploded = |explode: bool| if explode { ", exploded" } else { "" };
    let style = match field.style.unwrap_or(default) {
        ParamStyle::Form { explode } => format!("form{}", exploded(explode)),
        ParamStyle::SpaceDelimited => "spaceDelimited".into(),
        ParamStyle::PipeDelimited => "pipeDelimited".into(),
        ParamStyle::DeepObject => "deepObject".into(),
        ParamStyle::Simple { explode } => format!("simple{}", exploded(explode)),
        ParamStyle::Label { explode } => format!("label{}", exploded(explode)),
        ParamStyle::Matrix { explode } => format!("matrix{}", exploded(explode)),
        ParamStyle::Json => "JSON content".into(),
    };
    Some(format!("{place}: {style}"))
}

/// The credentials a client of this spec is built with: an API key where
/// it has one, and basic credentials where it has them (a bearer key and
/// basic credentials share one header, and each operation is sent the one
/// it takes first).
fn credentials(api: &Api) -> String {
    let mut out = String::new();
    let key = match &api.client.credentials {
        Credentials::Schemes { api_key, .. } => api_key.as_ref(),
        Credentials::Profile => None,
    };
    if key.is_some() {
        out.push_str(".api_key(\"conformance-key\")");
    }
    let shared = key == Some(&ApiKeyPlacement::Bearer)
        && !api
            .operations
            .iter()
            .any(|op| op.api_key_in == Some(ApiKeyPlacement::Withheld));
    if api.client.has(Capability::Basic) && !shared {
        out.push_str(".basic_auth(\"conformance\", \"secret\")");
    }
    out
}

/// `client.group().operation(args..).setter(value)..send()`.
fn call(
    op: &Operation,
    api: &Api,
    krate: &str,
    bodies: Option<&Bodies>,
    coverage: &mut Coverage,
) -> Option<String> {
    let mut chain = String::from("client");
    for group in &op.group {
        chain.push_str(&format!(".{}()", raw(group)));
    }
    let arguments = op
        .argument_fields()
        .map(|f| argument(f, api, krate))
        .collect::<Option<Vec<_>>>()?;
    chain.push_str(&format!(".{}({})", raw(&op.name), arguments.join(", ")));
    let mut sent: Vec<String> = op
        .argument_fields()
        .filter_map(|f| style_of(f, op))
        .collect();
    sent.extend(body_kind(op).map(str::to_string));
    // Optional parameters outside the body, to exercise their styles.
    for field in op.params.iter().filter(|f| !f.required) {
        let outside = matches!(
            field.elsewhere,
            Some(ParamIn::Query | ParamIn::Header | ParamIn::Cookie | ParamIn::Path)
        ) || (field.elsewhere.is_none()
            && op.params_location == openapi_clientgen::ir::ParamsLocation::Query);
        if !outside || field.is_deprecated() {
            continue;
        }
        if let Some(value) = argument(field, api, krate) {
            chain.push_str(&format!(".{}({value})", raw(&field.rust_name)));
            sent.extend(style_of(field, op));
        }
    }
    // Optional body fields, where the body the spec accepts needs them.
    for field in bodies.map_or(Vec::new(), |b| body_fields_needed(op, api, b)) {
        if let Some(value) = argument(field, api, krate) {
            chain.push_str(&format!(".{}({value})", raw(&field.rust_name)));
        }
    }
    chain.push_str(".send()");
    for kind in sent {
        *coverage.entry(kind).or_default() += 1;
    }
    Some(chain)
}

/// The optional fields of `op`'s JSON object body to set besides the
/// required ones, so that the spec accepts the body: none when the
/// required fields alone are accepted (or that cannot be told), else the
/// first of each optional field alone, then all of them, that is accepted.
fn body_fields_needed<'o>(op: &'o Operation, api: &Api, bodies: &Bodies) -> Vec<&'o Field> {
    let in_body = |f: &&Field| f.elsewhere.is_none();
    if op.params_location != ParamsLocation::Body {
        return Vec::new();
    }
    // Compiled once; each candidate body is then one check.
    let Some(check) = bodies.validator(op) else {
        return Vec::new();
    };
    let object = |fields: &[&Field]| -> Option<Value> {
        let mut object = Map::new();
        for field in fields {
            object.insert(field.wire_name.clone(), value_of(field, api, 0)?);
        }
        Some(Value::Object(object))
    };
    let required: Vec<&Field> = op
        .params
        .iter()
        .filter(in_body)
        .filter(|f| f.required)
        .collect();
    let accepted = |extra: &[&Field]| {
        let fields: Vec<&Field> = required.iter().chain(extra).copied().collect();
        object(&fields).map(|body| check.is_valid(&body))
    };
    if accepted(&[]) != Some(false) {
        return Vec::new();
    }
    let optional: Vec<&Field> = op
        .params
        .iter()
        .filter(in_body)
        .filter(|f| !f.required && !f.is_deprecated())
        .collect();
    let mut candidates: Vec<Vec<&Field>> = optional.iter().map(|f| vec![*f]).collect();
    candidates.push(optional.clone());
    candidates
        .into_iter()
        .find(|extra| accepted(extra) == Some(true))
        .unwrap_or_default()
}

fn raw(name: &str) -> String {
    match openapi_clientgen::naming::is_raw(name) {
        true => format!("r#{name}"),
        false => name.to_string(),
    }
}

/// A Rust expression the parameter's method accepts.
fn argument(field: &Field, api: &Api, krate: &str) -> Option<String> {
    let value = value_of(field, api, 0)?;
    let text = |v: &Value| v.as_str().map(|s| format!("{s:?}"));
    if field.nullable {
        return Some(decoded(&value));
    }
    Some(match &field.ty {
        TypeRef::String => text(&value)?,
        TypeRef::DateTime => format!(
            "v::<{krate}::chrono::DateTime<{krate}::chrono::Utc>>({:?})",
            value.to_string()
        ),
        TypeRef::Binary => "b\"conformance\".to_vec()".into(),
        // A stream, read from a file as it is sent.
        TypeRef::Bytes => format!("{krate}::Body::from_file(crate::upload())"),
        TypeRef::Array(item) if **item == TypeRef::Binary => "[b\"conformance\".to_vec()]".into(),
        TypeRef::Array(item) if **item == TypeRef::String => {
            let items = value.as_array()?;
            let items: Vec<String> = items.iter().map(text).collect::<Option<_>>()?;
            format!("[{}] as [&str; {}]", items.join(", "), items.len())
        }
        TypeRef::Array(_) => format!("v::<Vec<_>>({:?})", value.to_string()),
        _ => decoded(&value),
    })
}

/// `v("<json>")`: the value decoded into whatever type the call takes.
fn decoded(value: &Value) -> String {
    format!("v({:?})", value.to_string())
}

/// A JSON value for a field: its example when it fits, else one built
/// from its type and constraints.
fn value_of(field: &Field, api: &Api, depth: usize) -> Option<Value> {
    if let Some(example) = &field.example {
        let pattern = field.constraints.pattern.as_deref();
        let matches = |text: &str| {
            pattern.is_none_or(|p| regex::Regex::new(p).is_ok_and(|r| r.is_match(text)))
        };
        let kept = match example.as_str() {
            Some(text) => matches(text),
            None => true,
        };
        if kept && fits(example, &field.ty, api) {
            return Some(example.clone());
        }
    }
    let c = &field.constraints;
    match &field.ty {
        TypeRef::String => Some(Value::String(text_for(field))),
        ty if ty.is_integer() => {
            let mut n: f64 = 1.0;
            if let Some(min) = c.minimum {
                n = n.max(if min.exclusive {
                    min.value.floor() + 1.0
                } else {
                    min.value.ceil()
                });
            }
            if let Some(max) = c.maximum {
                n = n.min(if max.exclusive {
                    max.value.ceil() - 1.0
                } else {
                    max.value.floor()
                });
            }
            Some(json!(n as i64))
        }
        TypeRef::F32 | TypeRef::F64 => {
            let mut n: f64 = 1.0;
            if let Some(min) = c.minimum {
                n = n.max(min.value + if min.exclusive { 0.5 } else { 0.0 });
            }
            if let Some(max) = c.maximum {
                n = n.min(max.value - if max.exclusive { 0.5 } else { 0.0 });
            }
            Some(json!(n))
        }
        TypeRef::Array(item) => {
            let count = c.min_items.unwrap_or(1).clamp(1, 3);
            let item = value_of_type(item, api, depth + 1)?;
            Some(Value::Array(vec![item; count as usize]))
        }
        ty => value_of_type(ty, api, depth),
    }
}

/// A string that passes a field's checks, as far as they can be met
/// without a pattern generator: its format's shape, within its lengths.
fn text_for(field: &Field) -> String {
    let c = &field.constraints;
    if let Some(text) = c
        .pattern
        .as_deref()
        .and_then(|p| matching(p, c.min_length, c.max_length))
    {
        return text;
    }
    let base = match field.format.as_deref() {
        Some("email") => "user@example.com",
        Some("uri" | "url") => "https://example.com/a",
        Some("uuid") => "123e4567-e89b-42d3-a456-426614174000",
        Some("date-time") => "2024-01-02T03:04:05Z",
        Some("date") => "2024-01-02",
        Some("ipv4") => "192.0.2.1",
        Some("hostname") => "example.com",
        Some("ipv6") => "2001:db8::1",
        Some("time") => "03:04:05Z",
        Some("duration") => "P1D",
        Some("json-pointer") => "/a/b",
        Some("relative-json-pointer") => "0/a",
        Some("uri-reference" | "iri-reference") => "/a",
        Some("iri") => "https://example.com/a",
        Some("idn-email") => "user@example.com",
        Some("idn-hostname") => "example.com",
        Some("uri-template") => "https://example.com/{a}",
        Some("regex") => "^a+$",
        Some("password") => "secret",
        _ => "conformance",
    };
    let min = c.min_length.unwrap_or(0) as usize;
    let max = c.max_length.map_or(usize::MAX, |m| m as usize);
    let mut text: String = base.to_string();
    while text.chars().count() < min {
        text.push('x');
    }
    if text.chars().count() > max {
        text = text.chars().take(max.max(1)).collect();
    }
    text
}

/// A JSON value of a type.
fn value_of_type(ty: &TypeRef, api: &Api, depth: usize) -> Option<Value> {
    // A type that requires itself has no finite value.
    if depth > 4 * DEPTH {
        return None;
    }
    Some(match ty {
        TypeRef::String => json!("conformance"),
        TypeRef::Bool => json!(true),
        ty if ty.is_integer() => json!(1),
        TypeRef::F32 | TypeRef::F64 => json!(1.5),
        TypeRef::Uuid => json!("123e4567-e89b-42d3-a456-426614174000"),
        TypeRef::DateTime => json!("2024-01-02T03:04:05Z"),
        TypeRef::Date => json!("2024-01-02"),
        TypeRef::Json => json!({}),
        TypeRef::Const(value) => json!(value),
        TypeRef::Base64 => json!("Y29uZm9ybWFuY2U="),
        TypeRef::Array(item) => match depth > DEPTH {
            true => json!([]),
            false => json!([value_of_type(item, api, depth + 1)?]),
        },
        TypeRef::Tuple(items) => Value::Array(
            items
                .iter()
                .map(|t| value_of_type(t, api, depth + 1))
                .collect::<Option<_>>()?,
        ),
        TypeRef::Map(_) => json!({}),
        TypeRef::Named(name) => {
            named_value(api.types.iter().find(|t| &t.name == name)?, api, depth)?
        }
        TypeRef::Binary | TypeRef::Bytes => return None,
        _ => return None,
    })
}

fn named_value(ty: &NamedType, api: &Api, depth: usize) -> Option<Value> {
    match &ty.kind {
        TypeKind::Alias { ty } => value_of_type(ty, api, depth + 1),
        TypeKind::Enum { variants } => variants.first().map(|v| json!(v.value)),
        TypeKind::Union { tags, variants } => variants.iter().find_map(|v| {
            let mut value = value_of_type(&v.ty, api, depth + 1)?;
            // The values of the union's tags that select this variant.
            if let Value::Object(object) = &mut value {
                for (tag, tag_value) in tags.iter().zip(&v.tags) {
                    object.insert(tag.clone(), json!(tag_value));
                }
            }
            Some(value)
        }),
        TypeKind::Struct { fields } => {
            let mut object = Map::new();
            for field in fields {
                if !field.required && (depth > 1 || field.is_deprecated()) {
                    continue;
                }
                let value = match depth > DEPTH && !field.required {
                    true => continue,
                    false => value_of(field, api, depth + 1)?,
                };
                object.insert(field.wire_name.clone(), value);
            }
            Some(Value::Object(object))
        }
    }
}

/// Whether an example has the JSON shape the type needs.
fn fits(example: &Value, ty: &TypeRef, api: &Api) -> bool {
    match (ty, example) {
        (TypeRef::String | TypeRef::Uuid | TypeRef::DateTime | TypeRef::Date, Value::String(_)) => {
            true
        }
        (ty, Value::Number(n)) if ty.is_integer() => n.is_i64() || n.is_u64(),
        (TypeRef::F32 | TypeRef::F64, Value::Number(_)) => true,
        (TypeRef::Bool, Value::Bool(_)) => true,
        (TypeRef::Array(item), Value::Array(items)) => items.iter().all(|i| fits(i, item, api)),
        (TypeRef::Named(name), value) => match api.types.iter().find(|t| &t.name == name) {
            Some(NamedType {
                kind: TypeKind::Enum { variants },
                ..
            }) => variants
                .iter()
                .any(|v| Some(v.value.as_str()) == value.as_str()),
            Some(NamedType {
                kind: TypeKind::Alias { ty },
                ..
            }) => fits(value, ty, api),
            _ => false,
        },
        _ => false,
    }
}

/// A string the regular expression `pattern` matches (searched for, as
/// JSON Schema does), within the lengths; the same on every run.
fn matching(pattern: &str, min: Option<u64>, max: Option<u64>) -> Option<String> {
    use rand::SeedableRng;
    // What is generated is the whole string: anchors add nothing.
    let whole = pattern.strip_prefix('^').unwrap_or(pattern);
    let whole = whole.strip_suffix('$').unwrap_or(whole);
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(&ascii_only(whole))
        .ok()?;
    let generator = rand_regex::Regex::with_hir(hir, 8).ok()?;
    let check = regex::Regex::new(pattern).ok();
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    (0..64).find_map(|_| {
        let text: String = rand::Rng::sample(&mut rng, &generator);
        let len = text.chars().count() as u64;
        let fits = min.is_none_or(|m| len >= m)
            && max.is_none_or(|m| len <= m)
            && check.as_ref().is_none_or(|r| r.is_match(&text));
        fits.then_some(text)
    })
}

/// `pattern` with its classes narrowed to ASCII (`\d` → `[0-9]`, `.` →
/// `[a-z]`), so that what is generated also matches under JavaScript's
/// and other engines' ASCII classes.
fn ascii_only(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('d') => out.push_str(if in_class { "0-9" } else { "[0-9]" }),
                Some('w') => out.push_str(if in_class {
                    "A-Za-z0-9_"
                } else {
                    "[A-Za-z0-9_]"
                }),
                Some('s') => out.push_str(if in_class { " " } else { "[ ]" }),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push_str("\\\\"),
            },
            '[' if !in_class => {
                in_class = true;
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            '.' if !in_class => out.push_str("[a-z]"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_give_strings_they_match_in_ascii() {
        let id = matching(r"[a-f\d]{24}", None, None).unwrap();
        assert_eq!(id.len(), 24);
        assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
        let branch = matching(r"(v{0,1})(stable|([0-9]+)(-.*)?)(_(.*))?", None, None).unwrap();
        assert!(
            regex::Regex::new(r"^(v?)(stable|[0-9]+)")
                .unwrap()
                .is_match(&branch),
            "{branch}"
        );
        assert!(branch.is_ascii());
        // The same on every run, and within the lengths.
        assert_eq!(
            matching("[a-z]+", Some(3), Some(5)),
            matching("[a-z]+", Some(3), Some(5))
        );
        let short = matching("[a-z]+", Some(3), Some(5)).unwrap();
        assert!((3..=5).contains(&short.len()), "{short}");
        assert_eq!(matching("(unclosed", None, None), None);
    }
}
