//! The macros that implement the types' traits. Each writes the same few
//! impls for many types, so the type definitions list only what differs:
//! the fields and their wire names, the enum values, the union variants.
//! They stand in for `#[derive(Serialize, Deserialize)]`, whose expansion
//! is several times larger and slow to compile.

// Features can switch off every type that uses a macro.
#![allow(unused_macros, unused_imports)]

/// A type and the macro call that implements its traits, so one `#[cfg]`
/// covers both:
///
/// ```text
/// define! {
///     pub struct Name { … }
///
///     object!(Name { … });
/// }
/// ```
macro_rules! define {
    ($item:item $macro:ident!($($args:tt)*);) => {
        $item
        $crate::macros::$macro!($($args)*);
    };
}

/// `PartialEq` by the JSON two values encode to; with `Debug`, also `Debug`
/// as the type's name and its JSON. One call each, where derives would
/// write code per field for the compiler to check.
macro_rules! by_json {
    ($name:ident) => {
        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                $crate::codec::same(self, other)
            }
        }
    };
    ($name:ident, Debug) => {
        $crate::macros::by_json!($name);

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                $crate::codec::show(stringify!($name), self, f)
            }
        }
    };
}

/// `Debug` of a union: the variant's path and its JSON.
macro_rules! debug_variants {
    ($name:ident { $($variant:ident),+ }) => {
        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    $(Self::$variant(value) => {
                        $crate::codec::show(concat!(stringify!($name), "::", stringify!($variant)), value, f)
                    })+
                }
            }
        }
    };
}

/// `Serialize`, `Deserialize`, `PartialEq` and `Debug` of a struct read from and
/// written as a JSON object, one entry per field:
///
/// ```text
/// object!(Name { required id("id"), optional r#type("type") });
/// object!(Eq Name { … }); // also `Eq`, for a type that holds no float
/// ```
///
/// Each field is its kind, its Rust name and its wire name. The kind
/// names the methods of `Fields`, `codec::field` and `Entries` that read
/// and write it (see `finish!` for why only `required` can fail):
/// - `required`: present in every object;
/// - `or_empty`: a list or map; absent reads as empty;
/// - `nullable`: an `Option`; absent or `null` read as `None`, which is
///   written as `null`;
/// - `optional`: an `Option`; absent or `null` read as `None`, which is
///   left out;
/// - `optional_nullable`: an `Option<Option<_>>`; absent reads as `None`,
///   `null` as `Some(None)`.
macro_rules! object {
    // `Eq` first: equality by JSON is an equivalence when no float is held.
    (Eq $name:ident $($rest:tt)*) => {
        impl Eq for $name {}
        $crate::macros::object!($name $($rest)*);
    };
    ($name:ident {}) => {
        $crate::macros::by_json!($name, Debug);

        $crate::macros::object!(@serialize $name {});
        $crate::macros::object!(@deserialize $name);

        impl $crate::codec::Object for $name {
            fn read<'de, A: serde::de::MapAccess<'de>>(
                fields: &mut $crate::codec::Fields<'de, A>,
                out: &mut Option<Self>,
            ) -> Result<(), &'static str> {
                while fields.next_name().is_some() {
                    fields.skip();
                }
                *out = Some(Self {});
                Ok(())
            }
        }
    };
    ($name:ident { $($kind:ident $field:ident($wire:literal)),+ $(,)? }) => {
        $crate::macros::by_json!($name, Debug);

        $crate::macros::object!(@serialize $name { $($kind $field($wire)),+ });
        $crate::macros::object!(@deserialize $name);

        #[allow(deprecated)]
        impl $crate::codec::Object for $name {
            fn read<'de, A: serde::de::MapAccess<'de>>(
                fields: &mut $crate::codec::Fields<'de, A>,
                out: &mut Option<Self>,
            ) -> Result<(), &'static str> {
                $(let mut $field = None;)+
                loop {
                    match fields.next_name() {
                        $(Some($wire) => fields.$kind(&mut $field),)+
                        Some(_) => fields.skip(),
                        None => break,
                    }
                }
                *out = Some(Self {
                    $($field: $crate::macros::finish!($kind $field($wire)),)+
                });
                Ok(())
            }
        }
    };
    (@serialize $name:ident { $($kind:ident $field:ident($wire:literal)),* }) => {
        #[allow(deprecated)]
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #[allow(unused_mut)]
                let mut entries = $crate::codec::Entries::new(serializer);
                $(entries.$kind($wire, &self.$field);)*
                entries.end()
            }
        }
    };
    (@deserialize $name:ident) => {
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::codec::read_object(deserializer)
            }
        }
    };
}

/// A field's value in `object!`'s `read`, from what was read for it;
/// returns from `read` when a required field is missing.
///
/// Only `required` can fail: the other kinds are one call each. What the
/// compiler checks grows with each branch and return written per field,
/// and this keeps them to the fields that need them.
macro_rules! finish {
    (required $field:ident($wire:literal)) => {
        match $crate::codec::field::required($field) {
            Some(value) => value,
            None => return Err($wire),
        }
    };
    ($kind:ident $field:ident($wire:literal)) => {
        $crate::codec::field::$kind($field)
    };
}

/// `Serialize`, `PartialEq` and `Debug` of an operation's parameters.
/// `Serialize` writes those sent as one JSON object (the body, or the
/// query string), each as `object!` writes its kind (a required one
/// always, an `optional` one when set); or (`body = field`) the
/// one field that is the whole body. The parameters in brackets are sent
/// apart (in the path, headers, …):
///
/// ```text
/// params!(Name, [pet_id], body { required name("name"), optional tag("tag") });
/// params!(Name, [pet_id], body = photo);
/// ```
///
/// `PartialEq` and `Debug` take those apart one by one and the others by
/// their JSON, as `object!` does: one call, not code per field.
macro_rules! params {
    // An operation whose body is one value (not an object): that value.
    ($name:ident $(, [$($apart:ident),* $(,)?])?, body = $field:ident) => {
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serde::Serialize::serialize(&self.$field, serializer)
            }
        }
        $crate::macros::params!(@compare $name [$($($apart),*)?] $field);
    };
    ($name:ident $(, [$($apart:ident),* $(,)?])?, $sent:ident {}) => {
        $crate::macros::object!(@serialize $name {});
        $crate::macros::params!(@compare $name [$($($apart),*)?]);
    };
    ($name:ident $(, [$($apart:ident),* $(,)?])?, $sent:ident { $($kind:ident $field:ident($wire:literal)),+ $(,)? }) => {
        $crate::macros::object!(@serialize $name { $($kind $field($wire)),+ });
        $crate::macros::params!(@compare $name [$($($apart),*)?] $sent);
    };
    (@compare $name:ident [$($apart:ident),*] $($sent:ident)?) => {
        #[allow(deprecated)]
        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                $crate::macros::params!(@same self other $($sent)?)
                    $(&& self.$apart == other.$apart)*
            }
        }

        #[allow(deprecated)]
        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let apart: &[(&str, &dyn std::fmt::Debug)] =
                    &[$((stringify!($apart), &self.$apart)),*];
                let sent = None $(.or(Some(stringify!($sent))))?;
                $crate::codec::show_params(stringify!($name), self, apart, sent, f)
            }
        }
    };
    (@same $a:ident $b:ident $sent:ident) => { $crate::codec::same($a, $b) };
    (@same $a:ident $b:ident) => {{
        let _ = ($a, $b);
        true
    }};
}

/// `as_str`, `Display`, `Serialize` and `Deserialize` of a string enum
/// whose last variant keeps the values this client does not know:
///
/// ```text
/// string_enum!(Name, Unknown { Open("open"), Closed("closed") });
/// ```
macro_rules! string_enum {
    ($name:ident, $unknown:ident { $($variant:ident($value:literal)),* $(,)? }) => {
        impl $name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::$unknown(value) => value,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <$crate::codec::Key<'de> as serde::Deserialize>::deserialize(deserializer)?;
                Ok(match value.as_str() {
                    $($value => Self::$variant,)*
                    _ => Self::$unknown(value.into_string()),
                })
            }
        }
    };
}

/// `Serialize`, `Deserialize`, `PartialEq` and `Debug` of a union without a tag:
/// decoding tries the variants in order and takes the first that fits.
///
/// ```text
/// untagged!(Name { Text, Number });
/// ```
macro_rules! untagged {
    (Eq $name:ident $($rest:tt)*) => {
        impl Eq for $name {}
        $crate::macros::untagged!($name $($rest)*);
    };
    ($name:ident { $($variant:ident),+ $(,)? }) => {
        $crate::macros::by_json!($name);
        $crate::macros::debug_variants!($name { $($variant),+ });

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $(Self::$variant(value) => serde::Serialize::serialize(value, serializer),)+
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = <$crate::codec::Raw as serde::Deserialize>::deserialize(deserializer)?;
                $(
                    if let Some(value) = $crate::codec::attempt(&raw) {
                        return Ok(Self::$variant(value));
                    }
                )+
                Err($crate::codec::no_variant(stringify!($name)))
            }
        }
    };
}

/// `Serialize`, `Deserialize`, `PartialEq` and `Debug` of a union told apart by the
/// string values of one or more fields (its tags). Decoding reads the tags
/// and decodes the variant they name; a combination this client does not
/// know, or a variant that does not fit, is kept (as JSON, with the reason)
/// in the last variant, a `crate::codec::UnknownVariant`:
///
/// ```text
/// tagged!(Name, Unknown, ["type"] { ["car"] => Car, ["bike"] => Bike });
/// ```
macro_rules! tagged {
    (Eq $name:ident, $($rest:tt)*) => {
        impl Eq for $name {}
        $crate::macros::tagged!($name, $($rest)*);
    };
    ($name:ident, $unknown:ident, [$($tag:literal),+] { $([$($value:literal),+] $(| [$($alt:literal),+])* => $variant:ident),+ $(,)? }) => {
        $crate::macros::by_json!($name);
        $crate::macros::debug_variants!($name { $($variant),+, $unknown });

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $(Self::$variant(value) => serde::Serialize::serialize(value, serializer),)+
                    Self::$unknown(value) => serde::Serialize::serialize(value, serializer),
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = <$crate::codec::Raw as serde::Deserialize>::deserialize(deserializer)?;
                let tags = $crate::codec::tags(&raw, [$($tag),+]).map_err(serde::de::Error::custom)?;
                Ok(match tags.each_ref().map($crate::codec::Key::as_str) {
                    $([$($value),+] $(| [$($alt),+])* => $crate::codec::read_variant(&raw, Self::$variant, Self::$unknown),)+
                    _ => Self::$unknown($crate::codec::UnknownVariant::untold(&raw)),
                })
            }
        }
    };
}

pub(crate) use {
    by_json, debug_variants, define, finish, object, params, string_enum, tagged, untagged,
};
