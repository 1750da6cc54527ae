//! How the crate's types are read from and written as JSON: the helpers
//! behind the `Serialize`/`Deserialize` impls that `crate::macros` writes.
//!
//! Decoding reads straight from the input. A struct's fields are matched
//! by name as they come and unknown ones are skipped unread; nothing is
//! built that the type does not keep. A union keeps its value as JSON
//! text (one copy), reads its tags from that and then decodes the variant
//! they name. Decoding does not track where it is: only when it fails is
//! the input decoded again, with `serde_path_to_error`, to name the path
//! of the field that did not fit.
//!
//! Encoding writes each field straight to the serializer.
// Features can switch off every type that uses a helper.
#![allow(dead_code, unused_imports)]

use std::any::Any;
use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::Value;

use crate::error::DecodeError;

/// A struct read from and written as a JSON object (see
/// `macros::object!`).
pub(crate) trait Object: Sized {
    /// Reads the object's fields in the order they come, into `out`;
    /// `Err` names a required field that is missing. An error in reading
    /// ends the fields early and is kept in them (see [`Fields::end`]).
    ///
    /// `fields` is borrowed and the missing field's error is built by the
    /// caller: dropping a generic value, or building its error type, in
    /// each type's `read` made the crate slower to check.
    fn read<'de, A: MapAccess<'de>>(
        fields: &mut Fields<'de, A>,
        out: &mut Option<Self>,
    ) -> Result<(), &'static str>;

    /// The object that `null`, or nothing, stands for: `Some` when every
    /// field reads as absent (servers send `null` for an object with
    /// nothing in it). It is the object read from `{}`.
    fn absent() -> Option<Self> {
        let mut out = None;
        let mut fields = Fields::new(NoFields);
        Self::read(&mut fields, &mut out).ok()?;
        fields.end().ok()?;
        out
    }
}

/// The fields of `{}`.
struct NoFields;

impl<'de> MapAccess<'de> for NoFields {
    type Error = de::value::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        _: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("an empty object has no values"))
    }
}

/// How deep objects and the variants of untagged unions may nest. A union
/// is decoded again from its own text, by a parser with a depth limit of
/// its own, so serde_json's limit alone does not bound how deep decoding
/// goes: this counts the levels on this thread, whichever parser reads
/// them. It also ends the search for the empty value of a type that
/// requires itself.
const MAX_DEPTH: u32 = 128;

/// The error past [`MAX_DEPTH`], worded as serde_json's own.
const TOO_DEEP: &str = "recursion limit exceeded";

std::thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// One level of nesting, left when dropped.
struct Nested(());

impl Nested {
    /// `None` when decoding is already [`MAX_DEPTH`] levels deep.
    fn enter() -> Option<Nested> {
        DEPTH.with(|depth| {
            let now = depth.get();
            (now < MAX_DEPTH).then(|| {
                depth.set(now + 1);
                Nested(())
            })
        })
    }
}

impl Drop for Nested {
    fn drop(&mut self) {
        DEPTH.with(|depth| depth.set(depth.get().saturating_sub(1)));
    }
}

/// `Deserialize` of an [`Object`].
///
/// The object is written where it is wanted rather than returned through
/// each layer of the deserializer: the crate's largest types are
/// kilobytes, and copying them was most of the time decoding took.
pub(crate) fn read_object<'de, T: Object, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    let _nested = Nested::enter().ok_or_else(|| de::Error::custom(TOO_DEEP))?;
    let mut out = None;
    deserializer.deserialize_option(ObjectVisitor { out: &mut out })?;
    out.ok_or_else(|| de::Error::custom("an object was not read"))
}

struct ObjectVisitor<'a, T> {
    out: &'a mut Option<T>,
}

impl<T: Object> ObjectVisitor<'_, T> {
    fn absent<E: de::Error>(self) -> Result<(), E> {
        *self.out =
            Some(T::absent().ok_or_else(|| E::custom("invalid type: null, expected an object"))?);
        Ok(())
    }
}

impl<'de, T: Object> de::Visitor<'de> for ObjectVisitor<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.absent()
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.absent()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let mut fields = Fields::new(map);
        let read = T::read(&mut fields, self.out);
        fields.end()?;
        read.map_err(de::Error::missing_field)
    }
}

/// The fields of a JSON object, read one at a time. Each read that fails
/// keeps its error here and ends the reading, so `read` needs no `?` per
/// field; [`end`](Self::end) gives the first error.
pub(crate) struct Fields<'de, A: MapAccess<'de>> {
    map: A,
    /// The name of the field being read.
    name: Option<Key<'de>>,
    error: Option<A::Error>,
}

impl<'de, A: MapAccess<'de>> Fields<'de, A> {
    fn new(map: A) -> Self {
        Fields {
            map,
            name: None,
            error: None,
        }
    }

    /// The next field's name; `None` at the end, or after an error. The
    /// name is kept here, so `read` has no string of its own to drop.
    #[inline]
    pub(crate) fn next_name(&mut self) -> Option<&str> {
        self.name = match self.error {
            Some(_) => None,
            None => self.map.next_key().unwrap_or_else(|error| {
                self.error = Some(error);
                None
            }),
        };
        self.name.as_ref().map(Key::as_str)
    }

    /// Reads a value into `slot`.
    fn value<T: Deserialize<'de> + 'static>(&mut self, slot: &mut Option<T>) {
        if let Err(error) = self.map.next_value_seed(Slot(slot)) {
            self.error = Some(error);
        }
    }

    /// Skips the value of a field the type does not know, building nothing.
    pub(crate) fn skip(&mut self) {
        if let Err(error) = self.map.next_value::<IgnoredAny>() {
            self.error = Some(error);
        }
    }

    /// The value of a field, into its slot; what the field's kind does
    /// with it and with its absence is [`field`]'s.
    pub(crate) fn required<T: Deserialize<'de> + 'static>(&mut self, slot: &mut Option<T>) {
        self.value(slot)
    }

    /// See [`required`](Self::required).
    pub(crate) fn or_empty<T: Deserialize<'de> + 'static>(&mut self, slot: &mut Option<T>) {
        self.value(slot)
    }

    /// See [`required`](Self::required); `null` reads as `None`.
    pub(crate) fn optional<T: Deserialize<'de> + 'static>(&mut self, slot: &mut Option<T>) {
        self.value(slot)
    }

    /// See [`required`](Self::required); `null` reads as `None`.
    pub(crate) fn nullable<T: Deserialize<'de> + 'static>(&mut self, slot: &mut Option<T>) {
        self.value(slot)
    }

    /// A field whose `null` (`Some(None)`) is told from its absence (`None`).
    pub(crate) fn optional_nullable<T: Deserialize<'de> + 'static>(
        &mut self,
        slot: &mut Option<Option<Option<T>>>,
    ) {
        let mut value = None;
        self.value(&mut value);
        if let Some(value) = value {
            *slot = Some(Some(value));
        }
    }

    /// The first error in reading the fields, if any.
    pub(crate) fn end(self) -> Result<(), A::Error> {
        match self.error {
            None => Ok(()),
            Some(error) => Err(error),
        }
    }
}

/// A seed that decodes a value into its slot.
struct Slot<'a, T>(&'a mut Option<T>);

impl<'de, T: Deserialize<'de> + 'static> DeserializeSeed<'de> for Slot<'_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        // Timestamps take a quicker road (see `TimeVisitor`); the type test
        // is decided when the crate is compiled.
        let slot: &mut dyn Any = self.0;
        if let Some(slot) = slot.downcast_mut::<Option<Time>>() {
            *slot = Some(deserializer.deserialize_str(TimeVisitor)?);
            return Ok(());
        }
        if let Some(slot) = slot.downcast_mut::<Option<Option<Time>>>() {
            *slot = Some(deserializer.deserialize_option(OptionalTime)?);
            return Ok(());
        }
        *self.0 = Some(T::deserialize(deserializer)?);
        Ok(())
    }
}

/// The crate's timestamps.
type Time = chrono::DateTime<chrono::Utc>;

/// Reads a timestamp as `chrono`'s `Deserialize` does, but first with
/// its RFC 3339 parser, several times quicker than the general one that
/// `Deserialize` uses, which then reads what the first does not take.
struct TimeVisitor;

impl<'de> de::Visitor<'de> for TimeVisitor {
    type Value = Time;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an RFC 3339 formatted date and time string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Time, E> {
        let time = chrono::DateTime::parse_from_rfc3339(text)
            .or_else(|_| text.parse::<chrono::DateTime<chrono::FixedOffset>>())
            .map_err(E::custom)?;
        Ok(time.with_timezone(&chrono::Utc))
    }
}

/// A timestamp that may be `null`.
struct OptionalTime;

impl<'de> de::Visitor<'de> for OptionalTime {
    type Value = Option<Time>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        de::Visitor::expecting(&TimeVisitor, f)
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<Time>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<Time>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<Time>, D::Error> {
        deserializer.deserialize_str(TimeVisitor).map(Some)
    }
}

/// What a field's kind makes of what was read for it (`None`: the
/// field was absent).
pub(crate) mod field {
    use serde::de::value::{Error, UnitDeserializer};
    use serde::de::DeserializeOwned;

    /// Present in every object. Absent, it reads as `null` would when its
    /// type takes that (an object whose fields are all optional is empty);
    /// `None` when it does not: the field is missing. A type that requires
    /// itself (a spec can say so) has no such value; the search for it ends
    /// at `MAX_DEPTH`, as every object's reading does.
    #[inline(always)]
    pub(crate) fn required<T: DeserializeOwned>(read: Option<T>) -> Option<T> {
        read.or_else(absent)
    }

    #[cold]
    fn absent<T: DeserializeOwned>() -> Option<T> {
        T::deserialize(UnitDeserializer::<Error>::new()).ok()
    }

    /// A list or map; absent reads as empty (servers leave empty ones out).
    #[inline(always)]
    pub(crate) fn or_empty<T: Default>(read: Option<T>) -> T {
        read.unwrap_or_default()
    }

    /// An `Option`; absent reads as `None`.
    #[inline(always)]
    pub(crate) fn optional<T>(read: Option<Option<T>>) -> Option<T> {
        read.flatten()
    }

    /// A required field that may be `null`, and a field whose `null` is
    /// told from its absence (its `T` is itself an `Option`): both read as
    /// [`optional`].
    pub(crate) use optional as nullable;
    pub(crate) use optional as optional_nullable;
}

/// A field's name, or a string read for its value alone (an enum's,
/// a tag's): borrowed from the input when it can be.
#[derive(Debug)]
pub(crate) enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(text) => text,
            Key::Owned(text) => text,
        }
    }

    pub(crate) fn into_string(self) -> String {
        match self {
            Key::Borrowed(text) => text.to_owned(),
            Key::Owned(text) => text,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor { any: false })
    }
}

/// Reads a string; with `any`, anything else reads as the empty string.
struct KeyVisitor {
    any: bool,
}

impl KeyVisitor {
    fn other<'de, E: de::Error>(self, found: de::Unexpected<'_>) -> Result<Key<'de>, E> {
        match self.any {
            true => Ok(Key::Borrowed("")),
            false => Err(E::invalid_type(found, &self)),
        }
    }
}

impl<'de> de::Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Key<'de>, E> {
        Ok(Key::Borrowed(text))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Key<'de>, E> {
        Ok(Key::Owned(text.to_owned()))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Key<'de>, E> {
        Ok(Key::Owned(text))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Key<'de>, E> {
        self.other(de::Unexpected::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Key<'de>, E> {
        self.other(de::Unexpected::Signed(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Key<'de>, E> {
        self.other(de::Unexpected::Unsigned(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Key<'de>, E> {
        self.other(de::Unexpected::Float(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Key<'de>, E> {
        self.other(de::Unexpected::Unit)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Key<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        self.other(de::Unexpected::Seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Key<'de>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        self.other(de::Unexpected::Map)
    }
}

/// The JSON text of a union's value, kept while its variant is worked out.
pub(crate) type Raw = Box<RawValue>;

/// A tagged union's value is an object, whatever its tags: `Err` says
/// what it is instead.
fn expect_object(raw: &RawValue) -> Result<(), String> {
    let found = match raw.get().trim_start().as_bytes().first() {
        Some(b'{') => return Ok(()),
        Some(b'n') => "null",
        Some(b't' | b'f') => "a boolean",
        Some(b'"') => "a string",
        Some(b'[') => "a list",
        _ => "a number",
    };
    Err(format!("invalid type: {found}, expected an object"))
}

/// The string values of a union's tag fields, by name: empty for one that
/// is missing or not a string. `Err` when the value is not an object.
pub(crate) fn tags<'a, const N: usize>(
    raw: &'a RawValue,
    names: [&'static str; N],
) -> Result<[Key<'a>; N], String> {
    expect_object(raw)?;
    let mut deserializer = serde_json::Deserializer::from_str(raw.get());
    deserializer
        .deserialize_map(TagsVisitor { names })
        .map_err(|e| e.to_string())
}

// Reading stops at the end of the object, not once every tag is read:
// stopping early takes an error, which serde_json builds with a message
// and a position, and that measured slower than reading on.
struct TagsVisitor<const N: usize> {
    names: [&'static str; N],
}

impl<'a, const N: usize> de::Visitor<'a> for TagsVisitor<N> {
    type Value = [Key<'a>; N];

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'a>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = std::array::from_fn(|_| Key::Borrowed(""));
        while let Some(key) = map.next_key::<Key<'a>>()? {
            match self.names.iter().position(|name| *name == key.as_str()) {
                Some(at) => found[at] = map.next_value_seed(AnyAsKey)?,
                None => map.next_value::<IgnoredAny>().map(drop)?,
            }
        }
        Ok(found)
    }
}

/// A tag's value: its string, or empty when it is something else.
struct AnyAsKey;

impl<'de> DeserializeSeed<'de> for AnyAsKey {
    type Value = Key<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key<'de>, D::Error> {
        deserializer.deserialize_any(KeyVisitor { any: true })
    }
}

/// `raw` decoded as `T`, or `None`: one variant of an untagged union.
/// Each counts as a level of nesting, since it may hold no object.
pub(crate) fn attempt<T: DeserializeOwned>(raw: &RawValue) -> Option<T> {
    let _nested = Nested::enter()?;
    serde_json::from_str(raw.get()).ok()
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

impl UnknownVariant {
    /// The value in `raw`, whose tags name no variant this client knows.
    pub(crate) fn untold(raw: &RawValue) -> Self {
        UnknownVariant {
            // `raw` is JSON that was just read; `null` only when it nests
            // deeper than serde_json reads.
            json: serde_json::from_str(raw.get()).unwrap_or_default(),
            reason: None,
        }
    }
}

impl std::ops::Deref for UnknownVariant {
    type Target = Value;

    fn deref(&self) -> &Value {
        &self.json
    }
}

impl Serialize for UnknownVariant {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(serializer)
    }
}

/// One variant of a tagged union, by its tags: `known` when `raw` reads as
/// that variant, else `unknown` with the reason. One call per variant.
pub(crate) fn read_variant<T: DeserializeOwned, U>(
    raw: &RawValue,
    known: fn(T) -> U,
    unknown: fn(UnknownVariant) -> U,
) -> U {
    match serde_json::from_str(raw.get()) {
        Ok(variant) => known(variant),
        Err(_) => {
            let error = locate(raw.get().as_bytes(), || PhantomData::<T>);
            unknown(UnknownVariant {
                reason: Some(match error.path.is_empty() {
                    true => error.message,
                    false => format!("at `{}`: {}", error.path, error.message),
                }),
                ..UnknownVariant::untold(raw)
            })
        }
    }
}

/// The error for an untagged union none of whose variants fit.
pub(crate) fn no_variant<E: de::Error>(name: &str) -> E {
    E::custom(format_args!(
        "the value fits none of the variants of `{name}`"
    ))
}

/// `Debug` of a type: its name and the JSON it encodes to (indented under
/// `{:#?}`), as the API would send it.
pub(crate) fn show<T: Serialize>(
    name: &str,
    value: &T,
    f: &mut std::fmt::Formatter<'_>,
) -> std::fmt::Result {
    write!(f, "{name} ")?;
    std::fmt::Debug::fmt(&Json(value), f)
}

/// `Debug` of a value: the JSON it encodes to, indented under `{:#?}`.
struct Json<'a, T>(&'a T);

impl<T: Serialize> std::fmt::Debug for Json<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let json = match f.alternate() {
            true => serde_json::to_string_pretty(self.0),
            false => serde_json::to_string(self.0),
        };
        match json {
            Ok(json) => f.write_str(&json),
            Err(error) => write!(f, "(not JSON: {error})"),
        }
    }
}

/// `Debug` of an operation's parameters: its name, the parameters sent
/// apart (`apart`, Rust names and `Debug`), then under `sent` (`body`,
/// `query`, or the field that is the whole body) the JSON the others
/// encode to.
pub(crate) fn show_params<T: Serialize>(
    name: &str,
    params: &T,
    apart: &[(&str, &dyn std::fmt::Debug)],
    sent: Option<&str>,
    f: &mut std::fmt::Formatter<'_>,
) -> std::fmt::Result {
    let mut out = f.debug_struct(name);
    for (field, value) in apart {
        out.field(field.trim_start_matches("r#"), value);
    }
    if let Some(sent) = sent {
        out.field(sent.trim_start_matches("r#"), &Json(params));
    }
    out.finish()
}

/// Equality of two values of a type: they encode to the same JSON.
pub(crate) fn same<T: Serialize>(a: &T, b: &T) -> bool {
    match (serde_json::to_value(a), serde_json::to_value(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// An object being written, one entry per field. A value that cannot be
/// written keeps its error here, so `serialize` needs no `?` per field.
pub(crate) struct Entries<S: Serializer> {
    map: Result<S::SerializeMap, S::Error>,
}

impl<S: Serializer> Entries<S> {
    /// An object begun on `serializer`.
    pub(crate) fn new(serializer: S) -> Self {
        Entries {
            map: serializer.serialize_map(None),
        }
    }

    /// The object written, or the first value that could not be written.
    pub(crate) fn end(self) -> Result<S::Ok, S::Error> {
        self.map.and_then(SerializeMap::end)
    }

    /// A field written as it is.
    pub(crate) fn required<T: Serialize + 'static>(&mut self, key: &'static str, value: &T) {
        let Ok(map) = &mut self.map else {
            return;
        };
        // `chrono` writes a timestamp a piece at a time, each escaped on its
        // own; written whole, the text is the same and quicker to write. The
        // type tests are decided when the crate is compiled.
        let any = value as &dyn Any;
        let time = match any.downcast_ref::<Time>() {
            Some(time) => Some(Some(time)),
            None => any.downcast_ref::<Option<Time>>().map(Option::as_ref),
        };
        let written = match time {
            Some(Some(time)) => {
                let mut buffer = [0; RFC3339_MAX];
                map.serialize_entry(key, rfc3339(time, &mut buffer).as_ref())
            }
            _ => map.serialize_entry(key, value),
        };
        if let Err(error) = written {
            self.map = Err(error);
        }
    }

    /// A list or map, written even when empty.
    pub(crate) fn or_empty<T: Serialize + 'static>(&mut self, key: &'static str, value: &T) {
        self.required(key, value)
    }

    /// A required field that may be `null`: `None` is written as `null`.
    pub(crate) fn nullable<T: Serialize + 'static>(
        &mut self,
        key: &'static str,
        value: &Option<T>,
    ) {
        self.required(key, value)
    }

    /// A field left out when `None`.
    pub(crate) fn optional<T: Serialize + 'static>(
        &mut self,
        key: &'static str,
        value: &Option<T>,
    ) {
        if let Some(value) = value {
            self.required(key, value);
        }
    }

    /// A field left out when `None`, and written as `null` when `Some(None)`.
    pub(crate) fn optional_nullable<T: Serialize + 'static>(
        &mut self,
        key: &'static str,
        value: &Option<Option<T>>,
    ) {
        self.optional(key, value)
    }
}

/// The longest timestamp [`rfc3339`] writes in its buffer.
pub(crate) const RFC3339_MAX: usize = 30;

/// `time` as RFC 3339 text in UTC (`2024-01-31T12:00:00.25Z`), with as many
/// fractional digits as it has (none, 3, 6 or 9), as chrono's `AutoSi`
/// writes it: in `buffer` when the year has four digits and the second is
/// no leap second, else as chrono writes it.
pub(crate) fn rfc3339<'b>(
    time: &Time,
    buffer: &'b mut [u8; RFC3339_MAX],
) -> std::borrow::Cow<'b, str> {
    use chrono::{Datelike, Timelike};
    // In UTC the stored date and time are the ones written; `time.year()`
    // and the like would add the zero offset again for each part.
    let naive = time.naive_utc();
    let (date, clock) = (naive.date(), naive.time());
    let nanos = clock.nanosecond();
    if !(0..=9999).contains(&date.year()) || nanos >= 1_000_000_000 {
        return time
            .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
            .into();
    }
    /// `value` (below 100) as two decimal digits at `at`.
    fn two(buffer: &mut [u8; RFC3339_MAX], at: usize, value: u32) {
        /// The decimal digits of 0 to 99, two each.
        const PAIRS: &[u8; 200] = b"00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";
        let pair = (value as usize % 100) * 2;
        buffer[at] = PAIRS[pair];
        buffer[at + 1] = PAIRS[pair + 1];
    }
    /// `value` (below 1,000) as three decimal digits at `at`.
    fn three(buffer: &mut [u8; RFC3339_MAX], at: usize, value: u32) {
        buffer[at] = b'0' + (value / 100 % 10) as u8;
        two(buffer, at + 1, value % 100);
    }
    let year = date.year() as u32;
    buffer[..20].copy_from_slice(b"0000-00-00T00:00:00.");
    two(buffer, 0, year / 100);
    two(buffer, 2, year % 100);
    two(buffer, 5, date.month());
    two(buffer, 8, date.day());
    let seconds = clock.num_seconds_from_midnight();
    two(buffer, 11, seconds / 3600);
    two(buffer, 14, seconds / 60 % 60);
    two(buffer, 17, seconds % 60);
    // The fraction in groups of three digits, as many as it needs.
    let at = if nanos == 0 {
        19
    } else {
        three(buffer, 20, nanos / 1_000_000);
        if nanos % 1_000_000 == 0 {
            23
        } else {
            three(buffer, 23, nanos / 1_000 % 1_000);
            if nanos % 1_000 == 0 {
                26
            } else {
                three(buffer, 26, nanos % 1_000);
                29
            }
        }
    };
    buffer[at] = b'Z';
    // Only ASCII digits and separators were written.
    std::str::from_utf8(&buffer[..at + 1])
        .map(std::borrow::Cow::Borrowed)
        .unwrap_or_else(|_| {
            time.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
                .into()
        })
}

/// Decodes JSON text into one of the crate's types (or anything else that
/// implements `Deserialize`), naming the path of the field that did not
/// fit, such as a webhook payload the API sent.
pub fn from_slice<T: DeserializeOwned>(json: &[u8]) -> Result<T, DecodeError> {
    decode_at(json, None)
}

/// [`from_slice`] for a JSON value.
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, DecodeError> {
    // Decoded as text, the one input every type's decoding is compiled for.
    let json = serde_json::to_vec(&value).map_err(|e| DecodeError::new("", e.to_string()))?;
    from_slice(&json)
}

/// Decodes JSON text, or the value under `key` in the object it holds.
pub(crate) fn decode_at<T: DeserializeOwned>(
    json: &[u8],
    key: Option<&str>,
) -> Result<T, DecodeError> {
    let seed = || Under {
        key,
        value: PhantomData::<T>,
    };
    decode_with(json, seed)?.ok_or_else(|| DecodeError::new(key.unwrap_or_default(), MISSING))
}

/// Decodes JSON text with the seeds `seed` makes: once, quickly, and once
/// more to name the path when that fails.
pub(crate) fn decode_with<T, S>(json: &[u8], seed: impl Fn() -> S) -> Result<T, DecodeError>
where
    S: for<'de> DeserializeSeed<'de, Value = T>,
{
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    let decoded = seed()
        .deserialize(&mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value));
    decoded.map_err(|_| locate(json, seed))
}

/// The error of decoding `json` with `seed`'s seed, found again with its
/// path tracked.
fn locate<T, S>(json: &[u8], seed: impl Fn() -> S) -> DecodeError
where
    S: for<'de> DeserializeSeed<'de, Value = T>,
{
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    let mut track = serde_path_to_error::Track::new();
    let tracked = serde_path_to_error::Deserializer::new(&mut deserializer, &mut track);
    let error = match seed().deserialize(tracked) {
        Ok(_) => match deserializer.end() {
            Ok(()) => return DecodeError::new("", "the JSON did not decode"),
            Err(error) => error,
        },
        Err(error) => error,
    };
    let path = track.path().to_string();
    let path = match path.as_str() {
        "." => String::new(),
        _ => path,
    };
    DecodeError::new(path, message(&error))
}

/// An error's message. One about the data leaves out where in the text it
/// is, which its path says; a syntax error keeps its line and column.
fn message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    if !error.is_data() {
        return text;
    }
    let at = format!(" at line {} column {}", error.line(), error.column());
    match text.strip_suffix(&at) {
        Some(message) => message.to_string(),
        None => text,
    }
}

/// A seed that decodes a `T`, or the `T` under `key` in an object
/// (`None` when the object has no `key`).
struct Under<'k, T> {
    key: Option<&'k str>,
    value: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Under<'_, T> {
    type Value = Option<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        match self.key {
            None => T::deserialize(deserializer).map(Some),
            Some(_) => deserializer.deserialize_map(self),
        }
    }
}

impl<'de, T: Deserialize<'de>> de::Visitor<'de> for Under<'_, T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<T>, A::Error> {
        let key = self.key.unwrap_or_default();
        let mut found = None;
        while let Some(name) = map.next_key::<Key<'de>>()? {
            match name.as_str() == key {
                true => found = Some(map.next_value()?),
                false => map.next_value::<IgnoredAny>().map(drop)?,
            }
        }
        Ok(found)
    }
}

/// The message of a response key that is not there.
pub(crate) const MISSING: &str = "missing from the response";
