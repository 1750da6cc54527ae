//! The key under which identical types share one definition: a type's
//! kind written compactly.
//!
//! Lowering compares every inline type with those met before, on one core,
//! so the key is cheap to write: each value tagged and self-delimiting
//! (strings and fields by their length, lists and structs closed by an end
//! tag), so two kinds have equal keys exactly when they serialize alike.
//! Escaping and formatting, as JSON would, cost a quarter of lowering.

use serde::ser::{self, Serialize};

/// `value` written as a key; `None` if it cannot be serialized.
pub(crate) fn key_of<T: Serialize + ?Sized>(value: &T) -> Option<Vec<u8>> {
    let mut writer = KeyWriter(Vec::with_capacity(256));
    value.serialize(&mut writer).ok()?;
    Some(writer.0)
}

struct KeyWriter(Vec<u8>);

/// A serializer's failure; the model's types never fail.
#[derive(Debug)]
pub(crate) struct Unserializable;

impl std::fmt::Display for Unserializable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not serializable")
    }
}

impl std::error::Error for Unserializable {}

impl ser::Error for Unserializable {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unserializable
    }
}

// Tags: what kind of value follows.
const UNIT: u8 = 0;
const FALSE: u8 = 1;
const TRUE: u8 = 2;
const INT: u8 = 3;
const FLOAT: u8 = 4;
const STR: u8 = 5;
const NONE: u8 = 6;
const SOME: u8 = 7;
const VARIANT: u8 = 8;
const SEQ: u8 = 9;
const MAP: u8 = 10;
const STRUCT: u8 = 11;
const CLOSE: u8 = 12;
const FIELD: u8 = 13;

impl KeyWriter {
    fn tag(&mut self, tag: u8) {
        self.0.push(tag);
    }

    fn bytes(&mut self, bytes: &[u8]) {
        self.0
            .extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        self.0.extend_from_slice(bytes);
    }

    fn int(&mut self, value: i128) {
        self.tag(INT);
        self.0.extend_from_slice(&value.to_le_bytes());
    }

    fn variant(&mut self, index: u32) {
        self.tag(VARIANT);
        self.0.extend_from_slice(&index.to_le_bytes());
    }
}

type Done = Result<(), Unserializable>;

impl ser::Serializer for &mut KeyWriter {
    type Ok = ();
    type Error = Unserializable;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Done {
        self.tag(if v { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Done {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Done {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Done {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Done {
        self.int(v.into());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Done {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Done {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Done {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Done {
        self.int(v.into());
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Done {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Done {
        self.tag(FLOAT);
        self.0.extend_from_slice(&v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Done {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Done {
        self.tag(STR);
        self.bytes(v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Done {
        self.tag(STR);
        self.bytes(v);
        Ok(())
    }
    fn serialize_none(self) -> Done {
        self.tag(NONE);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        self.tag(SOME);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        self.tag(UNIT);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Done {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, index: u32, _: &'static str) -> Done {
        self.variant(index);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        value: &T,
    ) -> Done {
        self.variant(index);
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Unserializable> {
        self.tag(SEQ);
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Unserializable> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Unserializable> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Unserializable> {
        self.variant(index);
        self.serialize_seq(None)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Unserializable> {
        self.tag(MAP);
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Unserializable> {
        self.tag(STRUCT);
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Unserializable> {
        self.variant(index);
        self.tag(STRUCT);
        Ok(self)
    }
}

impl KeyWriter {
    fn close(&mut self) -> Done {
        self.tag(CLOSE);
        Ok(())
    }

    /// A struct's field: its name (a field may be skipped), then its value.
    fn field<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Done {
        self.tag(FIELD);
        self.bytes(name.as_bytes());
        value.serialize(self)
    }
}

/// The compound serializers: each element or field in turn (a struct's
/// field by name, see [`KeyWriter::field`]), then the closing tag.
macro_rules! compound {
    ($($trait:ident :: $method:ident ($($name:ident: $ty:ty,)?));* $(;)?) => {$(
        impl ser::$trait for &mut KeyWriter {
            type Ok = ();
            type Error = Unserializable;
            fn $method<T: Serialize + ?Sized>(&mut self, $($name: $ty,)? value: &T) -> Done {
                compound!(@write self $($name)? value)
            }
            fn end(self) -> Done {
                self.close()
            }
        }
    )*};
    (@write $writer:ident $name:ident $value:ident) => { $writer.field($name, $value) };
    (@write $writer:ident $value:ident) => { $value.serialize(&mut **$writer) };
}

compound! {
    SerializeSeq::serialize_element();
    SerializeTuple::serialize_element();
    SerializeTupleStruct::serialize_field();
    SerializeTupleVariant::serialize_field();
    SerializeStruct::serialize_field(name: &'static str,);
    SerializeStructVariant::serialize_field(name: &'static str,);
}

impl ser::SerializeMap for &mut KeyWriter {
    type Ok = ();
    type Error = Unserializable;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Done {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        self.close()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize)]
    struct Field {
        name: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        doc: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        items: Vec<String>,
    }

    #[derive(Serialize)]
    #[serde(tag = "kind")]
    enum Kind {
        Struct { fields: Vec<Field> },
        Alias { to: String },
    }

    fn field(name: &str, doc: Option<&str>, title: Option<&str>, items: &[&str]) -> Field {
        Field {
            name: name.into(),
            doc: doc.map(Into::into),
            title: title.map(Into::into),
            items: items.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn equal_values_have_equal_keys_and_different_ones_different_keys() {
        let kinds = [
            Kind::Struct {
                fields: vec![field("a", None, None, &[])],
            },
            Kind::Struct {
                fields: vec![field("a", Some("x"), None, &[])],
            },
            // The same text in another skippable field.
            Kind::Struct {
                fields: vec![field("a", None, Some("x"), &[])],
            },
            Kind::Struct {
                fields: vec![field("a", None, None, &["x"])],
            },
            Kind::Struct {
                fields: vec![field("a", None, None, &["", "x"])],
            },
            Kind::Struct {
                fields: vec![field("a", None, None, &["x", ""])],
            },
            Kind::Struct {
                fields: vec![field("ax", None, None, &[])],
            },
            Kind::Struct {
                fields: vec![field("a", None, None, &[]), field("b", None, None, &[])],
            },
            Kind::Alias { to: "a".into() },
        ];
        let keys: Vec<Vec<u8>> = kinds
            .iter()
            .map(|k| key_of(k).expect("serializes"))
            .collect();
        for (i, a) in keys.iter().enumerate() {
            for (j, b) in keys.iter().enumerate() {
                assert_eq!(a == b, i == j, "{i} and {j}");
            }
        }
        let again = Kind::Struct {
            fields: vec![field("a", Some("x"), None, &[])],
        };
        assert_eq!(key_of(&again), Some(keys[1].clone()));
    }
}
