//! Reading a spec file: YAML or JSON by extension, into `openapiv3` types.
//!
//! Shape errors are reported with the JSON pointer of the node that does not
//! fit (from `serde_path_to_error`) and, where the parser knows it, the line
//! and column.

mod bundle;
mod deep_yaml;
mod locate;
mod non_finite;
mod repair;
mod split;
pub mod v20;
pub mod v31;

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use openapiv3::{OpenAPI, PathItem, Response};
use serde_path_to_error::{Path as SerdePath, Segment};

use crate::error::{pointer_push, Error, Result};

/// A parsed document and where it came from.
pub struct Spec {
    pub file: PathBuf,
    pub doc: OpenAPI,
    /// What deep `$ref`s point at (inside `#/paths/…`, part of a
    /// component, a parameter's schema: anything but a named component),
    /// by reference, read from the document.
    pub deep: DeepTargets,
    /// What reading found but the client will not honour (from bringing
    /// an OpenAPI 3.1 document into the 3.0 model).
    pub warnings: Vec<crate::ir::Warning>,
    /// An OpenAPI 3.1 document's `webhooks`: requests the API sends.
    pub webhooks: IndexMap<String, PathItem>,
    /// Where a Swagger 2.0 document's nodes moved to in the 3.0 model, to
    /// name them as written in errors and warnings.
    pub moves: v20::Moves,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Yaml,
}

pub fn load(file: &Path) -> Result<Spec> {
    let text = std::fs::read_to_string(file).map_err(|source| Error::Read {
        file: file.to_path_buf(),
        source,
    })?;
    parse(file, &text)
}

/// Parses `text` as the contents of `file` (whose extension picks the format).
pub fn parse(file: &Path, text: &str) -> Result<Spec> {
    crate::on_deep_stack(|| parse_here(file, text))
}

fn parse_here(file: &Path, text: &str) -> Result<Spec> {
    let format = match file.extension().and_then(|e| e.to_str()) {
        Some("json") => Format::Json,
        Some("yaml" | "yml") => Format::Yaml,
        other => {
            return Err(Error::Parse {
                file: file.to_path_buf(),
                pointer: "#".into(),
                line: None,
                column: None,
                message: format!(
                    "unknown spec format {:?}: expected a .yaml, .yml or .json file",
                    other.unwrap_or("")
                ),
            })
        }
    };
    let parse_error = |path: &SerdePath, line, column, message: String| {
        // Some parsers repeat the path at the start of the message.
        let prefix = format!("{path}: ");
        let message = message
            .strip_prefix(&prefix)
            .map(str::to_string)
            .unwrap_or(message);
        let (pointer, message) = narrow(format, text, pointer_of(path), message);
        Error::Parse {
            file: file.to_path_buf(),
            pointer,
            line,
            column,
            message,
        }
    };
    if format == Format::Yaml {
        non_finite::check(file, text)?;
    }
    // A spec in several files is brought into one document first.
    if bundle::has_external_ref(text) {
        if format == Format::Json {
            check_depth(file, text)?;
        }
        if let Some(mut value) = value_of(format, text) {
            bundle::bundle(file, &mut value)?;
            return read_value(file, text, value);
        }
    }
    // The fast parse (JSON within serde_json's 128 levels); only a failure
    // is parsed again.
    let mut fast = match format {
        Format::Json => split::read(text),
        Format::Yaml => serde_yaml::from_str::<OpenAPI>(text).ok(),
    };
    // Deeper JSON, up to `MAX_DEPTH`, is read without that limit (parsing
    // runs on a deep stack); the located-error reading below relies on
    // the same check.
    if fast.is_none() && format == Format::Json {
        check_depth(file, text)?;
        let mut de = serde_json::Deserializer::from_str(text);
        de.disable_recursion_limit();
        fast = serde::Deserialize::deserialize(&mut de)
            .ok()
            .filter(|_| de.end().is_ok());
    }
    if let Some(doc) = fast.take() {
        if doc.openapi.starts_with("3.0") {
            return Ok(read_30(file, format, text, doc));
        }
        fast = Some(doc);
    }
    // Anything else is read as a value first: to see its version, to
    // bring a 3.1 document into the 3.0 model, or to repair it. (JSON that
    // the first reading refused had its depth checked there; JSON it read
    // is within 128 levels.)
    let value = value_of(format, text);
    let version = value
        .as_ref()
        .and_then(|v| v.get("openapi"))
        .and_then(serde_json::Value::as_str)
        .map(str::to_string);
    match (version.as_deref(), value) {
        (Some(v), Some(value)) if v.starts_with("3.1") => return read_value(file, text, value),
        (None, Some(value)) if value.get("swagger").is_some() => {
            return read_value(file, text, value)
        }
        (Some(v), _) if !v.starts_with("3.0") => return Err(unsupported(file, v)),
        // A document refused as it is may have one sensible reading (see
        // `repair`); only then is it read again, to locate the error.
        (_, Some(mut value)) if fast.is_none() => {
            repair::repair(&mut value);
            fast = serde_json::from_value::<OpenAPI>(value).ok();
        }
        _ => {}
    }
    let doc: OpenAPI = match (fast, format) {
        (Some(doc), _) => doc,
        (None, Format::Json) => {
            let mut de = serde_json::Deserializer::from_str(text);
            de.disable_recursion_limit();
            serde_path_to_error::deserialize(&mut de).map_err(|e| {
                let inner = e.inner();
                let (line, column) = (inner.line(), inner.column());
                parse_error(
                    e.path(),
                    Some(line),
                    Some(column),
                    strip_position(&inner.to_string()),
                )
            })?
        }
        (None, Format::Yaml) => {
            let de = serde_yaml::Deserializer::from_str(text);
            serde_path_to_error::deserialize(de).map_err(|e| {
                let inner = e.inner();
                let location = inner.location();
                parse_error(
                    e.path(),
                    location.as_ref().map(|l| l.line()),
                    location.as_ref().map(|l| l.column()),
                    strip_position(&inner.to_string()),
                )
            })?
        }
    };
    if !doc.openapi.starts_with("3.0") {
        return Err(unsupported(file, &doc.openapi));
    }
    Ok(read_30(file, format, text, doc))
}

fn unsupported(file: &Path, version: &str) -> Error {
    Error::Spec {
        file: file.to_path_buf(),
        pointer: "#/openapi".into(),
        message: format!(
            "unsupported OpenAPI version `{version}`: expected 3.0.x or 3.1.x (or Swagger 2.0)"
        ),
    }
}

/// The document as a JSON value (integers beyond 64 bits as floats, see
/// `repair`), if it is JSON or YAML at all. Its depth must have been
/// checked: JSON is read without serde_json's limit, and YAML deeper than
/// its parser's 128 levels by another parser.
fn value_of(format: Format, text: &str) -> Option<serde_json::Value> {
    match format {
        Format::Json => {
            let mut de = serde_json::Deserializer::from_str(text);
            de.disable_recursion_limit();
            serde::Deserialize::deserialize(&mut de)
                .ok()
                .filter(|_| de.end().is_ok())
                .map(|repair::Lenient(value)| value)
        }
        Format::Yaml => serde_yaml::from_str(text)
            .ok()
            .map(|repair::Lenient(value)| value)
            .or_else(|| deep_yaml::read(text, MAX_DEPTH)),
    }
}

/// An OpenAPI 3.0 document, read.
fn read_30(file: &Path, format: Format, text: &str, doc: OpenAPI) -> Spec {
    // `$ref`s to a node inside the document other than a named component
    // are rare, so the document is read again as a value only when its
    // text may have one.
    let deep = match has_deep_ref(text) {
        true => value_of(format, text)
            .map(|v| deep_targets(&v))
            .unwrap_or_default(),
        false => DeepTargets::default(),
    };
    Spec {
        file: file.to_path_buf(),
        doc,
        deep,
        warnings: Vec::new(),
        webhooks: IndexMap::new(),
        moves: v20::Moves::default(),
    }
}

/// Reads a document already read as a value: a Swagger 2.0 or OpenAPI
/// 3.1 document brought into the 3.0 model (see [`v20`] and [`v31`]), or
/// a 3.0 document (one brought together from several files), with errors
/// placed in the text as written.
fn read_value(file: &Path, text: &str, mut value: serde_json::Value) -> Result<Spec> {
    let text_of = |key: &str| {
        value
            .get(key)
            .and_then(serde_json::Value::as_str)
            .map(str::to_string)
    };
    let (openapi, swagger) = (text_of("openapi"), text_of("swagger"));
    let mut moved = v20::Converted::default();
    let converted = match (openapi.as_deref(), swagger.as_deref()) {
        (None, Some("2.0")) => {
            moved = v20::convert(&mut value);
            repair::repair(&mut value);
            v31::Converted {
                warnings: std::mem::take(&mut moved.warnings),
                ..Default::default()
            }
        }
        (Some(v), _) if v.starts_with("3.1") => {
            repair::repair(&mut value);
            v31::convert(&mut value)
        }
        (Some(v), _) if v.starts_with("3.0") => {
            repair::repair(&mut value);
            v31::Converted::default()
        }
        (None, Some(v)) => return Err(unsupported(file, &format!("swagger: {v}"))),
        (v, _) => return Err(unsupported(file, v.unwrap_or(""))),
    };
    let located = |pointer: String, message: String| {
        let pointer = moved.moves.original(&pointer);
        let (line, column) = locate::position(text, &pointer).unzip();
        Error::Parse {
            file: file.to_path_buf(),
            pointer,
            line,
            column,
            message,
        }
    };
    let doc: OpenAPI = serde_path_to_error::deserialize(&value).map_err(|e| {
        let (pointer, message) = narrow_in(&value, pointer_of(e.path()), e.inner().to_string());
        located(pointer, message)
    })?;
    let mut webhooks = IndexMap::new();
    for (name, item) in &converted.webhooks {
        let at = pointer_push("#/webhooks", name);
        let item: PathItem = serde_path_to_error::deserialize(item).map_err(|e| {
            let mut inner = pointer_of(e.path());
            inner.remove(0);
            located(format!("{at}{inner}"), e.inner().to_string())
        })?;
        webhooks.insert(name.clone(), item);
    }
    Ok(Spec {
        file: file.to_path_buf(),
        doc,
        deep: deep_targets(&value),
        warnings: converted.warnings,
        webhooks,
        moves: moved.moves,
    })
}

/// Whether `text` may hold a [`deep_ref`]: a cheap look at the text, so
/// that most documents are not read twice. Each `#/` starts a token read
/// up to a delimiter; a token holding two more `#/` has more segments than
/// a shallow reference may, so it ends the look as deep, and no byte is
/// read more than three times: the look is linear in the text.
fn has_deep_ref(text: &str) -> bool {
    let delimiter = |c: &u8| matches!(c, b'"' | b'\'' | b'\n' | b'\r' | b' ' | b'}' | b',' | b']');
    memchr::memmem::find_iter(text.as_bytes(), "#/").any(|start| {
        let token = &text.as_bytes()[start..];
        let end = token.iter().position(delimiter).unwrap_or(token.len());
        // The delimiters are ASCII, so `end` is a character boundary.
        text.get(start..start + end).is_some_and(deep_ref)
    })
}

/// A `$ref` to a node inside the document rather than to a named component
/// (`#/components/schemas/Pet`) or a path item (`#/paths/~1pets`): part of
/// a schema (`#/components/schemas/Tag/allOf/0`), a parameter's schema
/// (`#/components/parameters/limit/schema`), a schema inside a path.
pub(crate) fn deep_ref(target: &str) -> bool {
    let Some(rest) = target.strip_prefix("#/") else {
        return false;
    };
    let mut tokens = rest.split('/');
    let first = tokens.next();
    let count = 1 + tokens.count();
    match first {
        Some("components") => count > 3,
        Some("paths") => count > 2,
        _ => count > 1,
    }
}

/// The nodes deep `$ref`s (see [`deep_ref`]) point at, each read as every
/// kind of thing it can be: a `$ref` in a parameter list takes the one
/// read as a parameter, one in `responses` the one read as a response.
#[derive(Debug, Default, Clone)]
pub struct DeepTargets {
    pub schemas: IndexMap<String, openapiv3::Schema>,
    pub parameters: IndexMap<String, openapiv3::Parameter>,
    pub responses: IndexMap<String, openapiv3::Response>,
    pub request_bodies: IndexMap<String, openapiv3::RequestBody>,
}

/// The JSON pointer a local `$ref` (`#/…`) names: its fragment with
/// percent-escapes decoded (`%7Bid%7D` is `{id}`), as RFC 6901 reads a
/// pointer written in a URI.
pub fn ref_pointer(reference: &str) -> Option<std::borrow::Cow<'_, str>> {
    let fragment = reference.strip_prefix('#')?;
    percent_encoding::percent_decode_str(fragment)
        .decode_utf8()
        .ok()
}

/// The node at `pointer` in `doc`. Reading a 3.1 document moves the
/// keywords beside a `$ref` into an `allOf` with it, so a token not found
/// where it was written is looked for in that `allOf`'s parts.
fn find<'v>(doc: &'v serde_json::Value, pointer: &str) -> Option<&'v serde_json::Value> {
    if let Some(node) = doc.pointer(pointer) {
        return Some(node);
    }
    let tokens: Vec<String> = pointer
        .strip_prefix('/')?
        .split('/')
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect();
    let mut node = doc;
    let mut rest = tokens.as_slice();
    while let Some((token, after)) = rest.split_first() {
        node = match node {
            serde_json::Value::Object(map) => match map.get(token) {
                Some(next) => next,
                None => map
                    .get("allOf")?
                    .as_array()?
                    .iter()
                    .find(|part| part.get(token).is_some())?
                    .get(token)?,
            },
            serde_json::Value::Array(items) => items.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
        rest = after;
    }
    Some(node)
}

/// The node each deep `$ref` of `doc` points at.
fn deep_targets(doc: &serde_json::Value) -> DeepTargets {
    let mut found = DeepTargets::default();
    let mut stack = vec![doc];
    let mut targets = Vec::new();
    while let Some(node) = stack.pop() {
        match node {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::String(target)) = map.get("$ref") {
                    if deep_ref(target) {
                        targets.push(target.clone());
                    }
                }
                stack.extend(map.values());
            }
            serde_json::Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    targets.sort();
    targets.dedup();
    for target in targets {
        let Some(node) = ref_pointer(&target).and_then(|p| find(doc, &p)) else {
            continue;
        };
        if let Ok(schema) = serde_json::from_value(node.clone()) {
            found.schemas.insert(target.clone(), schema);
        }
        if let Ok(parameter) = serde_json::from_value(node.clone()) {
            found.parameters.insert(target.clone(), parameter);
        }
        if let Ok(response) = serde_json::from_value(node.clone()) {
            found.responses.insert(target.clone(), response);
        }
        if let Ok(body) = serde_json::from_value(node.clone()) {
            found.request_bodies.insert(target, body);
        }
    }
    found
}

/// The deepest nesting of a document that is read. The JSON parser's own
/// limit (128) is off, and deeper YAML is read by another parser, since
/// parsing runs on a deep stack; this bound keeps any document, however
/// deep, from exhausting that stack.
const MAX_DEPTH: usize = 5_000;

/// Fails, naming the line and column, when `text` nests deeper than
/// [`MAX_DEPTH`].
fn check_depth(file: &Path, text: &str) -> Result<()> {
    let mut depth = 0usize;
    let mut quotes = crate::quotes::Quotes::default();
    // Bytes, not characters: what matters is ASCII, and no byte of a
    // longer UTF-8 character is ASCII.
    for (offset, &byte) in text.as_bytes().iter().enumerate() {
        if quotes.quoted(byte as char) {
            continue;
        }
        match byte {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_DEPTH {
            let before = &text[..offset];
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            return Err(Error::Parse {
                file: file.to_path_buf(),
                pointer: "#".into(),
                line: Some(before.matches('\n').count() + 1),
                column: Some(before[line_start..].chars().count() + 1),
                message: format!("the document nests deeper than {MAX_DEPTH} levels"),
            });
        }
    }
    Ok(())
}

/// `openapiv3` reads `paths` and `responses` with custom code that hides
/// the position of an error inside them. Re-reading their entries one by one
/// finds the entry at fault and the path within it.
fn narrow(format: Format, text: &str, pointer: String, message: String) -> (String, String) {
    if !hides_errors(&pointer) {
        return (pointer, message);
    }
    match value_of(format, text) {
        Some(doc) => narrow_in(&doc, pointer, message),
        None => (pointer, message),
    }
}

/// Whether `openapiv3` reads the node at `pointer` with code that hides
/// where an error inside it is.
fn hides_errors(pointer: &str) -> bool {
    pointer == "#/paths" || pointer.ends_with("/responses")
}

/// [`narrow`] in the document read as a value.
fn narrow_in(doc: &serde_json::Value, pointer: String, message: String) -> (String, String) {
    if !hides_errors(&pointer) {
        return (pointer, message);
    }
    let Some(map) = doc
        .pointer(&pointer[1..])
        .and_then(serde_json::Value::as_object)
    else {
        return (pointer, message);
    };
    for (key, value) in map {
        // A `$ref` entry is not at fault; read others as their own type,
        // since the untagged `ReferenceOr` would hide the path again.
        if key.starts_with("x-") || value.get("$ref").is_some() {
            continue;
        }
        let result = if pointer == "#/paths" {
            serde_path_to_error::deserialize::<_, PathItem>(value).map(drop)
        } else {
            serde_path_to_error::deserialize::<_, Response>(value).map(drop)
        };
        if let Err(e) = result {
            let mut inner = pointer_of(e.path());
            inner.remove(0);
            let found = format!("{}{inner}", pointer_push(&pointer, key));
            return narrow_in(doc, found, e.into_inner().to_string());
        }
    }
    (pointer, message)
}

/// Converts a serde path (`paths./a/b.post`) into a JSON pointer
/// (`#/paths/~1a~1b/post`).
fn pointer_of(path: &SerdePath) -> String {
    let mut pointer = String::from("#");
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer = pointer_push(&pointer, &index.to_string()),
            Segment::Map { key } => pointer = pointer_push(&pointer, key),
            Segment::Enum { .. } => {}
            Segment::Unknown => break,
        }
    }
    pointer
}

/// Parser messages end with " at line X column Y"; the position is reported
/// separately, so drop it from the text.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pointer_is_decoded_and_followed_into_the_all_of_a_ref_with_siblings_became() {
        assert_eq!(
            ref_pointer("#/paths/~1a~1%7Bid%7D/get").as_deref(),
            Some("/paths/~1a~1{id}/get")
        );
        assert_eq!(ref_pointer("/no/hash"), None);
        // `{$ref: X, properties: {p: …}}` as read from a 3.1 document.
        let doc = serde_json::json!({"s": {"allOf": [
            {"$ref": "#/x"},
            {"properties": {"p/q": {"type": "string"}}}
        ]}});
        assert_eq!(
            find(&doc, "/s/properties/p~1q"),
            Some(&serde_json::json!({"type": "string"}))
        );
        assert_eq!(
            find(&doc, "/s/allOf/0/$ref"),
            Some(&serde_json::json!("#/x"))
        );
        assert_eq!(find(&doc, "/s/properties/r"), None);
        assert_eq!(find(&doc, "/s/allOf/7"), None);
    }

    #[test]
    fn deep_refs_are_any_node_but_a_named_component_or_path_item() {
        for deep in [
            "#/components/schemas/Tag/allOf/0",
            "#/components/parameters/limit/schema",
            "#/paths/~1pets/get/responses/200/content/application~1json/schema",
            "#/definitions/Pet",
        ] {
            assert!(deep_ref(deep), "{deep}");
        }
        for shallow in [
            "#/components/schemas/Tag",
            "#/components/parameters/limit",
            "#/paths/~1pets",
            "./pet.yaml#/Pet",
            "#/",
        ] {
            assert!(!deep_ref(shallow), "{shallow}");
        }
        assert!(has_deep_ref(
            "schema: {$ref: '#/components/schemas/Tag/allOf/0'}"
        ));
        assert!(has_deep_ref(
            r##"{"$ref": "#/components/parameters/p/schema"}"##
        ));
        assert!(!has_deep_ref(
            r##"{"$ref": "#/components/schemas/Tag"}, x: '#/'"##
        ));
    }
}
