//! Helpers behind the `Serialize`/`Deserialize` impls that
//! `crate::macros` writes for the types: one call per field keeps the
//! crate quick to compile.
// Features can switch off every type that uses a helper.
#![allow(dead_code, unused_imports)]

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::DecodeError;

/// A struct read from the fields of a JSON object (see
/// `macros::object!`). Its `Deserialize` calls [`read_object`];
/// `from_fields` itself is not generic, which the compiler checks
/// faster.
pub(crate) trait FromFields: Sized {
    fn from_fields(fields: Fields) -> Result<Self, serde_json::Error>;
}

/// `Deserialize` of a [`FromFields`] type. `null` reads as the empty
/// object when that is one (every field optional): servers send `null` for
/// an object with nothing in it.
pub(crate) fn read_object<'de, T: FromFields, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    let map: Option<Map<String, Value>> = serde::Deserialize::deserialize(deserializer)?;
    let null = map.is_none();
    let fields = Fields {
        map: map.unwrap_or_default(),
        error: None,
    };
    T::from_fields(fields).map_err(|e| match null {
        true => serde::de::Error::custom("invalid type: null, expected an object"),
        false => serde::de::Error::custom(e),
    })
}

/// The fields of a JSON object, taken out one at a time. Fields the
/// type does not know are ignored. Each read gives `None` when the
/// field does not fit, and the first such error is kept for
/// [`into_error`](Self::into_error): `from_fields` needs no `?` per
/// field.
pub(crate) struct Fields {
    map: Map<String, Value>,
    error: Option<serde_json::Error>,
}

impl Fields {
    /// A field that must be present. Absent, it reads as `null` would
    /// when its type takes that (an object whose fields are all optional
    /// is empty); otherwise it is missing.
    pub(crate) fn required<T: DeserializeOwned>(&mut self, key: &'static str) -> Option<T> {
        let read = match self.map.remove(key) {
            Some(value) => nested(key, value),
            None => nested::<T, serde_json::Error>(key, Value::Null)
                .map_err(|_| serde::de::Error::missing_field(key)),
        };
        self.keep(read)
    }

    /// A list or map that reads as empty when absent (servers leave
    /// empty ones out).
    pub(crate) fn or_empty<T: DeserializeOwned + Default>(
        &mut self,
        key: &'static str,
    ) -> Option<T> {
        let read = match self.map.remove(key) {
            Some(value) => nested(key, value),
            None => Ok(T::default()),
        };
        self.keep(read)
    }

    /// A field that may be absent or `null`; both read as `None`.
    pub(crate) fn optional<T: DeserializeOwned>(&mut self, key: &'static str) -> Option<Option<T>> {
        let read = match self.map.remove(key) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => nested(key, value).map(Some),
        };
        self.keep(read)
    }

    /// A required field that may be `null`: read as [`optional`](Self::optional).
    pub(crate) fn nullable<T: DeserializeOwned>(&mut self, key: &'static str) -> Option<Option<T>> {
        self.optional(key)
    }

    /// A field that may be absent (`None`) or `null` (`Some(None)`).
    pub(crate) fn optional_nullable<T: DeserializeOwned>(
        &mut self,
        key: &'static str,
    ) -> Option<Option<Option<T>>> {
        let read = match self.map.remove(key) {
            None => Ok(None),
            Some(Value::Null) => Ok(Some(None)),
            Some(value) => nested(key, value).map(|v| Some(Some(v))),
        };
        self.keep(read)
    }

    fn keep<T>(&mut self, read: Result<T, serde_json::Error>) -> Option<T> {
        match read {
            Ok(value) => Some(value),
            Err(error) => {
                self.error.get_or_insert(error);
                None
            }
        }
    }

    /// The first field that did not fit.
    pub(crate) fn into_error(self) -> serde_json::Error {
        self.error
            .unwrap_or_else(|| serde::de::Error::custom("a field did not fit"))
    }
}

/// Decodes `value`, found at `key` (empty: where the caller is), so
/// that an error names the path from there.
pub(crate) fn nested<T: DeserializeOwned, E: serde::de::Error>(
    key: &str,
    value: Value,
) -> Result<T, E> {
    serde_path_to_error::deserialize(value).map_err(|e| E::custom(located(decode_error(key, e))))
}

/// A decode error as one message: ``at `path`: message``, or the message
/// alone at the top.
fn located(error: DecodeError) -> String {
    match error.path.is_empty() {
        true => error.message,
        false => format!("at `{}`: {}", error.path, error.message),
    }
}

/// `Some` when `value` decodes as `T`: one variant of an untagged union.
pub(crate) fn attempt<T: DeserializeOwned>(value: &Value) -> Option<T> {
    T::deserialize(value).ok()
}

/// A value of a tagged union that this client could not read as one of its
/// variants: its tags name none this client knows, or the one they name
/// does not fit (the API sent something its spec does not describe). It
/// holds the JSON as received, and derefs to it.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownVariant {
    /// The value as received.
    pub json: Value,
    /// Why the variant its tags name could not be read, such as ``at
    /// `method`: missing field `method` ``; `None` when the tags name no
    /// variant this client knows.
    pub reason: Option<String>,
}

impl std::ops::Deref for UnknownVariant {
    type Target = Value;

    fn deref(&self) -> &Value {
        &self.json
    }
}

impl serde::Serialize for UnknownVariant {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(serializer)
    }
}

/// One variant of a tagged union, by its tags: `known` when it reads as
/// that variant, else `unknown` with the reason. One call per variant.
pub(crate) fn read_variant<T: DeserializeOwned, U>(
    value: Value,
    known: fn(T) -> U,
    unknown: fn(UnknownVariant) -> U,
) -> U {
    match serde_path_to_error::deserialize(&value) {
        Ok(variant) => known(variant),
        Err(e) => unknown(UnknownVariant {
            json: value,
            reason: Some(located(decode_error("", e))),
        }),
    }
}

/// A tagged union's value is an object, whatever its tags.
pub(crate) fn expect_object<E: serde::de::Error>(value: &Value) -> Result<(), E> {
    let found = match value {
        Value::Object(_) => return Ok(()),
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
    };
    Err(E::custom(format_args!(
        "invalid type: {found}, expected an object"
    )))
}

/// The string value of a union's tag field; empty when it is missing
/// or not a string.
pub(crate) fn tag(value: &Value, key: &str) -> String {
    value
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// The error for an untagged union none of whose variants fit.
pub(crate) fn no_variant<E: serde::de::Error>(name: &str) -> E {
    E::custom(format_args!(
        "the value fits none of the variants of `{name}`"
    ))
}

/// Reads the path out of an error: the tracked path below `at`, then
/// the path an inner `Fields` put in the message.
pub(crate) fn decode_error(
    at: &str,
    error: serde_path_to_error::Error<serde_json::Error>,
) -> DecodeError {
    let mut path = at.to_string();
    let below = error.path().to_string();
    if below != "." {
        push(&mut path, &below);
    }
    let message = error.into_inner().to_string();
    let message = match message
        .strip_prefix("at `")
        .and_then(|rest| rest.split_once("`: "))
    {
        Some((deeper, rest)) => {
            push(&mut path, deeper);
            rest.to_string()
        }
        None => message,
    };
    DecodeError::new(path, message)
}

fn push(path: &mut String, more: &str) {
    if !path.is_empty() && !more.starts_with('[') {
        path.push('.');
    }
    path.push_str(more);
}

/// Equality of two values of a type: they encode to the same JSON.
pub(crate) fn same<T: serde::Serialize>(a: &T, b: &T) -> bool {
    match (serde_json::to_value(a), serde_json::to_value(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// An object being written, one entry per field. A value that
/// cannot be written keeps its error here, so `serialize` needs no
/// `?` per field.
pub(crate) struct Entries {
    map: Map<String, Value>,
    error: Option<serde_json::Error>,
}

impl Entries {
    /// An empty object.
    pub(crate) fn new() -> Self {
        Entries {
            map: Map::new(),
            error: None,
        }
    }

    /// The object written so far, or the first value that could not
    /// be written.
    pub(crate) fn write<S: serde::Serializer>(self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.error {
            Some(error) => Err(serde::ser::Error::custom(error)),
            None => serde::Serialize::serialize(&self.map, serializer),
        }
    }

    /// A field written as it is.
    pub(crate) fn required<T: serde::Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        match serde_json::to_value(value) {
            Ok(value) => {
                self.map.insert(key.to_string(), value);
            }
            Err(error) => {
                self.error.get_or_insert(error);
            }
        }
    }

    /// A list or map, written even when empty.
    pub(crate) fn or_empty<T: serde::Serialize>(&mut self, key: &'static str, value: &T) {
        self.required(key, value)
    }

    /// A required field that may be `null`: `None` is written as `null`.
    pub(crate) fn nullable<T: serde::Serialize>(&mut self, key: &'static str, value: &Option<T>) {
        self.required(key, value)
    }

    /// A field left out when `None`.
    pub(crate) fn optional<T: serde::Serialize>(&mut self, key: &'static str, value: &Option<T>) {
        if let Some(value) = value {
            self.required(key, value);
        }
    }

    /// A field left out when `None`, and written as `null` when `Some(None)`.
    pub(crate) fn optional_nullable<T: serde::Serialize>(
        &mut self,
        key: &'static str,
        value: &Option<Option<T>>,
    ) {
        self.optional(key, value)
    }
}

/// Decodes a JSON value into one of the crate's types (or anything
/// else that implements `Deserialize`), naming the path of the field
/// that did not fit, such as a webhook payload the API sent.
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, DecodeError> {
    serde_path_to_error::deserialize(value).map_err(|e| decode_error("", e))
}

/// [`from_value`] for JSON text.
pub fn from_slice<T: DeserializeOwned>(json: &[u8]) -> Result<T, DecodeError> {
    let value = serde_json::from_slice(json).map_err(|e| DecodeError::new("", e.to_string()))?;
    from_value(value)
}
