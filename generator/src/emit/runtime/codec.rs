//! `src/codec.rs`: the helpers behind the emitted types' `Serialize` and
//! `Deserialize` implementations.
//!
//! The types implement serde's traits by hand, one short call per field,
//! instead of deriving them: derived `Deserialize` code is several times
//! larger and made the crate slow to compile (see `docs/design.md`).
//! Objects are decoded through `serde_json::Value`; an error names the path
//! of the field that did not fit as ``at `a.b[2].c`: message``.

use proc_macro2::TokenStream;
use quote::quote;

pub(crate) fn codec_rs() -> TokenStream {
    quote! {
        //! Helpers behind the hand-written `Serialize`/`Deserialize` impls of
        //! the types: one call per field keeps the crate quick to compile.
        #![allow(dead_code)]

        use serde::de::DeserializeOwned;
        use serde::ser::SerializeMap;
        use serde_json::{Map, Value};

        use crate::error::DecodeError;

        /// The fields of a JSON object, taken out one at a time. Fields the
        /// type does not know are ignored.
        pub(crate) struct Fields(Map<String, Value>);

        impl Fields {
            pub(crate) fn read<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                serde::Deserialize::deserialize(deserializer).map(Self)
            }

            /// A field that must be present.
            pub(crate) fn required<T: DeserializeOwned, E: serde::de::Error>(&mut self, key: &'static str) -> Result<T, E> {
                match self.0.remove(key) {
                    Some(value) => nested(key, value),
                    None => Err(E::missing_field(key)),
                }
            }

            /// A field that must be present, or reads as empty when absent (a
            /// list or a map the server leaves out).
            pub(crate) fn or_default<T: DeserializeOwned + Default, E: serde::de::Error>(&mut self, key: &'static str) -> Result<T, E> {
                match self.0.remove(key) {
                    Some(value) => nested(key, value),
                    None => Ok(T::default()),
                }
            }

            /// A field that may be absent or `null`; both read as `None`.
            pub(crate) fn optional<T: DeserializeOwned, E: serde::de::Error>(&mut self, key: &'static str) -> Result<Option<T>, E> {
                match self.0.remove(key) {
                    None | Some(Value::Null) => Ok(None),
                    Some(value) => nested(key, value).map(Some),
                }
            }

            /// A field that may be absent (`None`) or `null` (`Some(None)`).
            pub(crate) fn present<T: DeserializeOwned, E: serde::de::Error>(&mut self, key: &'static str) -> Result<Option<Option<T>>, E> {
                match self.0.remove(key) {
                    None => Ok(None),
                    Some(Value::Null) => Ok(Some(None)),
                    Some(value) => nested(key, value).map(|v| Some(Some(v))),
                }
            }
        }

        /// Decodes `value`, found at `key` (empty: where the caller is), so
        /// that an error names the path from there.
        pub(crate) fn nested<T: DeserializeOwned, E: serde::de::Error>(key: &str, value: Value) -> Result<T, E> {
            serde_path_to_error::deserialize(value).map_err(|e| {
                let error = decode_error(key, e);
                if error.path.is_empty() {
                    E::custom(error.message)
                } else {
                    E::custom(format_args!("at `{}`: {}", error.path, error.message))
                }
            })
        }

        /// `Some` when `value` decodes as `T`: one variant of an untagged union.
        pub(crate) fn attempt<T: DeserializeOwned>(value: &Value) -> Option<T> {
            T::deserialize(value).ok()
        }

        /// The error for an untagged union none of whose variants fit.
        pub(crate) fn no_variant<E: serde::de::Error>(name: &str) -> E {
            E::custom(format_args!("the value fits none of the variants of `{name}`"))
        }

        /// Reads the path out of an error: the tracked path below `at`, then
        /// the path an inner `Fields` put in the message.
        pub(crate) fn decode_error(at: &str, error: serde_path_to_error::Error<serde_json::Error>) -> DecodeError {
            let mut path = at.to_string();
            let below = error.path().to_string();
            if below != "." {
                push(&mut path, &below);
            }
            let message = error.into_inner().to_string();
            let message = match message.strip_prefix("at `").and_then(|rest| rest.split_once("`: ")) {
                Some((deeper, rest)) => {
                    push(&mut path, deeper);
                    rest.to_string()
                }
                None => message,
            };
            DecodeError { path, message }
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

        /// An object being written, one entry per field.
        pub(crate) struct Entries<M>(M);

        impl<M: SerializeMap> Entries<M> {
            pub(crate) fn begin<S: serde::Serializer<SerializeMap = M>>(serializer: S) -> Result<Self, S::Error> {
                serializer.serialize_map(None).map(Self)
            }

            pub(crate) fn put<T: serde::Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), M::Error> {
                self.0.serialize_entry(key, value)
            }

            /// Leaves the field out when `None`.
            pub(crate) fn put_some<T: serde::Serialize>(&mut self, key: &'static str, value: &Option<T>) -> Result<(), M::Error> {
                match value {
                    Some(value) => self.0.serialize_entry(key, value),
                    None => Ok(()),
                }
            }

            pub(crate) fn end(self) -> Result<M::Ok, M::Error> {
                self.0.end()
            }
        }

        /// Decodes a JSON value into one of the crate's types (or anything
        /// else that implements `Deserialize`), naming the path of the field
        /// that did not fit. Handy for webhook payloads:
        /// `seam::from_value::<seam::types::Event>(body)`.
        pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, DecodeError> {
            serde_path_to_error::deserialize(value).map_err(|e| decode_error("", e))
        }

        /// [`from_value`] for JSON text.
        pub fn from_slice<T: DeserializeOwned>(json: &[u8]) -> Result<T, DecodeError> {
            let value = serde_json::from_slice(json).map_err(|e| DecodeError {
                path: String::new(),
                message: e.to_string(),
            })?;
            from_value(value)
        }
    }
}
