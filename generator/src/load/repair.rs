//! Reading a document that `openapiv3` refuses as it is, but that has one
//! sensible reading: it is read leniently into a JSON value, repaired, and
//! read again. Only a document whose first reading failed comes here, so
//! well-formed specs pay nothing.
//!
//! Repairs:
//! - integers too large for 64 bits (YAML reads `-9223372036854776000`, a
//!   64-bit bound as generators print it, as a 128-bit integer) become
//!   floats, as JSON parsers read them;
//! - an integer schema's `minimum`/`maximum` written as a float becomes the
//!   nearest `i64`;
//! - an operation's callback given as a `$ref` (which `openapiv3` cannot
//!   read) is left out: the client sends requests, and callbacks are
//!   requests the API sends, so none of them is read anyway.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// A JSON value read from any format, with out-of-range integers as floats.
pub(super) struct Lenient(pub Value);

impl<'de> Deserialize<'de> for Lenient {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LenientVisitor).map(Lenient)
    }
}

struct LenientVisitor;

fn float<E: de::Error>(value: f64) -> Result<Value, E> {
    Number::from_f64(value)
        .map(Value::Number)
        .ok_or_else(|| E::custom("a number that is not finite"))
}

impl<'de> Visitor<'de> for LenientVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        match i64::try_from(v) {
            Ok(v) => Ok(Value::from(v)),
            Err(_) => float(v as f64),
        }
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        match u64::try_from(v) {
            Ok(v) => Ok(Value::from(v)),
            Err(_) => float(v as f64),
        }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        float(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Lenient(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some((Lenient(key), Lenient(value))) = map.next_entry::<Lenient, Lenient>()? {
            let key = match key {
                Value::String(key) => key,
                other => other.to_string(),
            };
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

/// Repairs `value` in place; says whether anything changed.
pub(super) fn repair(value: &mut Value) -> bool {
    let mut changed = callback_refs(value);
    let mut stack = vec![value];
    while let Some(node) = stack.pop() {
        match node {
            Value::Object(map) => {
                if map.get("type").and_then(Value::as_str) == Some("integer") {
                    for key in ["minimum", "maximum"] {
                        let Some(Value::Number(n)) = map.get(key) else {
                            continue;
                        };
                        if let (None, None, Some(float)) = (n.as_i64(), n.as_u64(), n.as_f64()) {
                            // `as` saturates at the ends of the range.
                            map.insert(key.to_string(), Value::from(float.round() as i64));
                            changed = true;
                        }
                    }
                }
                stack.extend(map.values_mut());
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
    changed
}

/// Leaves out each operation's callbacks that are `$ref`s; says whether
/// there were any.
fn callback_refs(doc: &mut Value) -> bool {
    let mut changed = false;
    let Some(Value::Object(paths)) = doc.get_mut("paths") else {
        return false;
    };
    for item in paths.values_mut() {
        let Value::Object(item) = item else {
            continue;
        };
        for operation in item.values_mut() {
            let Some(Value::Object(callbacks)) = operation.get_mut("callbacks") else {
                continue;
            };
            let before = callbacks.len();
            callbacks.retain(|_, callback| callback.get("$ref").is_none());
            changed |= callbacks.len() != before;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_integers_beyond_64_bits_are_read_as_floats_and_bounds_repaired() {
        let text = "type: integer\nminimum: -9223372036854776000\nmaximum: 18446744073709551616\n";
        let Lenient(mut value) = serde_yaml::from_str(text).unwrap();
        assert_eq!(value["minimum"].as_f64(), Some(-9.223372036854776e18));
        assert!(repair(&mut value));
        assert_eq!(value["minimum"], Value::from(i64::MIN));
        assert_eq!(value["maximum"], Value::from(i64::MAX));
        assert!(!repair(&mut value), "a repaired value needs no more");
    }

    #[test]
    fn callbacks_given_as_refs_are_left_out() {
        let mut doc = serde_json::json!({"paths": {"/a": {"post": {"callbacks": {
            "done": {"$ref": "#/components/callbacks/done"},
            "inline": {"{$request.body#/url}": {"post": {"responses": {}}}}
        }}}}});
        assert!(repair(&mut doc));
        let callbacks = &doc["paths"]["/a"]["post"]["callbacks"];
        assert!(callbacks.get("done").is_none());
        assert!(callbacks.get("inline").is_some());
        assert!(!repair(&mut doc));
    }
}
