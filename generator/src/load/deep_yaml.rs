//! Reading YAML nested deeper than `serde_yaml` allows (128 levels), with
//! a parser that builds the document without recursing; only documents the
//! first reading refused come here.

use serde_json::{Map, Number, Value};
use yaml_rust2::{Yaml, YamlLoader};

/// `text` as a JSON value, if it is one YAML document no deeper than
/// `max_depth` levels.
pub(super) fn read(text: &str, max_depth: usize) -> Option<Value> {
    let mut docs = YamlLoader::load_from_str(text).ok()?;
    if docs.len() != 1 {
        return None;
    }
    let doc = docs.pop()?;
    (depth(&doc) <= max_depth).then(|| to_json(doc))
}

/// How deeply `yaml` nests, counted without recursion.
fn depth(yaml: &Yaml) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(yaml, 1)];
    while let Some((node, level)) = stack.pop() {
        deepest = deepest.max(level);
        match node {
            Yaml::Array(items) => stack.extend(items.iter().map(|i| (i, level + 1))),
            Yaml::Hash(map) => stack.extend(map.values().map(|v| (v, level + 1))),
            _ => {}
        }
    }
    deepest
}

/// The JSON value of a YAML node (bounded in depth by [`read`]).
fn to_json(yaml: Yaml) -> Value {
    match yaml {
        Yaml::Real(text) => text
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map_or(Value::Null, Value::Number),
        Yaml::Integer(n) => Value::from(n),
        Yaml::String(s) => Value::String(s),
        Yaml::Boolean(b) => Value::Bool(b),
        Yaml::Array(items) => Value::Array(items.into_iter().map(to_json).collect()),
        Yaml::Hash(map) => {
            let mut out = Map::new();
            for (key, value) in map {
                let key = match key {
                    Yaml::String(s) => s,
                    Yaml::Integer(n) => n.to_string(),
                    Yaml::Real(s) => s,
                    Yaml::Boolean(b) => b.to_string(),
                    _ => continue,
                };
                out.insert(key, to_json(value));
            }
            Value::Object(out)
        }
        Yaml::Null | Yaml::BadValue | Yaml::Alias(_) => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_yaml_is_read_and_too_deep_yaml_is_not() {
        let mut text = String::new();
        for level in 0..300 {
            text.push_str(&"  ".repeat(level));
            text.push_str("a:\n");
        }
        text.push_str(&"  ".repeat(300));
        text.push_str("b: [1, 2.5, true, x]\n");
        let value = read(&text, 1_000).unwrap();
        let mut at = &value;
        for _ in 0..300 {
            at = &at["a"];
        }
        assert_eq!(at["b"], serde_json::json!([1, 2.5, true, "x"]));
        assert!(read(&text, 100).is_none());
    }
}
