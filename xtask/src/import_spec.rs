//! `cargo xtask import-spec`: cut a self-contained part out of Seam's
//! published OpenAPI document and store it as YAML.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

pub fn run(from: &Path, prefix: Option<&str>, out: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(from).map_err(|e| format!("{}: {e}", from.display()))?;
    let (text, paths, schemas) =
        extract(&text, prefix, Format::of(out)).map_err(|e| format!("{}: {e}", from.display()))?;
    std::fs::write(out, text).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("wrote {} ({paths} paths, {schemas} schemas)", out.display());
    Ok(())
}

/// How an extracted spec is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Yaml,
}

impl Format {
    /// JSON for a `.json` file, YAML otherwise.
    pub fn of(path: &Path) -> Self {
        match path.extension().is_some_and(|e| e == "json") {
            true => Format::Json,
            false => Format::Yaml,
        }
    }
}

/// The published document `text` (JSON), with only the paths under
/// `prefix` (all when `None`) and what they reference, as text in
/// `format`; also how many paths and schemas it kept.
pub fn extract(
    text: &str,
    prefix: Option<&str>,
    format: Format,
) -> Result<(String, usize, usize), String> {
    let mut doc: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let paths = doc
        .get_mut("paths")
        .and_then(Value::as_object_mut)
        .ok_or_else(|| "#/paths: missing".to_string())?;
    if let Some(prefix) = prefix {
        paths.retain(|path, _| path.starts_with(prefix));
    }
    let kept_paths = Value::Object(paths.clone());

    // Components reachable from the kept paths, following refs transitively.
    let schemas = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut wanted = BTreeSet::new();
    let mut queue = Vec::new();
    collect_refs(&kept_paths, &mut queue);
    while let Some(name) = queue.pop() {
        if wanted.insert(name.clone()) {
            if let Some(schema) = schemas.get(&name) {
                collect_refs(schema, &mut queue);
            }
        }
    }
    let mut used_schemes = BTreeSet::new();
    collect_security(&kept_paths, &mut used_schemes);

    if let Some(components) = doc.get_mut("components").and_then(Value::as_object_mut) {
        if let (Some(_), Some(Value::Object(schemas))) = (prefix, components.get_mut("schemas")) {
            schemas.retain(|name, _| wanted.contains(name));
        }
        if let Some(Value::Object(schemes)) = components.get_mut("securitySchemes") {
            schemes.retain(|name, _| used_schemes.contains(name));
        }
    }
    if let (Some(prefix), Some(Value::Array(tags))) = (prefix, doc.get_mut("tags")) {
        let group = prefix.trim_end_matches('/');
        tags.retain(|t| t.get("name").and_then(Value::as_str) == Some(group));
    }
    let text = match format {
        Format::Json => serde_json::to_string_pretty(&doc)
            .map(|t| t + "\n")
            .map_err(|e| e.to_string())?,
        Format::Yaml => serde_yaml::to_string(&doc).map_err(|e| e.to_string())?,
    };
    let schemas = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map_or(0, |s| s.len());
    let paths = kept_paths.as_object().map_or(0, |p| p.len());
    Ok((text, paths, schemas))
}

/// Names of `#/components/schemas/…` referenced anywhere under `value`.
fn collect_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(name) = map
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/components/schemas/"))
            {
                out.push(name.to_string());
            }
            map.values().for_each(|v| collect_refs(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}

/// Security scheme names used by the operations under `paths`.
fn collect_security(paths: &Value, out: &mut BTreeSet<String>) {
    let Some(paths) = paths.as_object() else {
        return;
    };
    for item in paths.values().filter_map(Value::as_object) {
        for op in item.values().filter_map(Value::as_object) {
            let requirements = op
                .get("security")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or_default();
            for requirement in requirements.iter().filter_map(Value::as_object) {
                out.extend(requirement.keys().cloned());
            }
        }
    }
}
