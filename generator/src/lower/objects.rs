//! Lowering `allOf` and object-like schemas: the properties of every part
//! merged into one set.

use indexmap::IndexMap;
use openapiv3::{ReferenceOr, Schema, SchemaKind};

use super::schema::SchemaRef;
use super::{object_parts, Lowerer};
use crate::error::{pointer_push, Result};
use crate::ir::TypeKind;

impl<'a> Lowerer<'a> {
    /// `allOf`: the properties of every part, and of the schema beside
    /// them (`type: object, properties: …, allOf: […]`), merged into one
    /// struct.
    pub(super) fn all_of(
        &mut self,
        name: &str,
        schema: &Schema,
        parts: &[ReferenceOr<Schema>],
        pointer: &str,
    ) -> Result<TypeKind> {
        let all_of = pointer_push(pointer, "allOf");
        if !self.all_objects(parts, &all_of) {
            return self.all_of_values(name, parts, &all_of);
        }
        let merged = self.object_shape(schema, pointer)?;
        let properties = merged.properties.iter().map(|(k, v)| (k, *v));
        let fields = self.fields(name, properties, &merged.required, pointer)?;
        Ok(TypeKind::Struct { fields })
    }

    /// Whether every part of an `allOf` is an object (or a part without a
    /// type, which only adds constraints or docs).
    fn all_objects(&self, parts: &[ReferenceOr<Schema>], pointer: &str) -> bool {
        parts.iter().enumerate().all(|(i, part)| {
            let at = pointer_push(pointer, &i.to_string());
            match self.resolve(SchemaRef::of(part), &at) {
                Ok(schema) => !matches!(value_kind(schema), Some(kind) if kind != "object"),
                Err(_) => true,
            }
        })
    }

    /// An `allOf` of values that are not objects: the one type its typed
    /// parts agree on; parts of different types cannot all hold, so the
    /// value is any JSON, with a warning.
    fn all_of_values(
        &mut self,
        name: &str,
        parts: &[ReferenceOr<Schema>],
        pointer: &str,
    ) -> Result<TypeKind> {
        let mut typed = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            let at = pointer_push(pointer, &i.to_string());
            let schema = self.resolve(SchemaRef::of(part), &at)?;
            if let Some(kind) = value_kind(schema) {
                typed.push((kind, part, at));
            }
        }
        match typed.first() {
            Some((kind, part, at)) if typed.iter().all(|(k, _, _)| k == kind) => {
                let ty = self.type_of(SchemaRef::of(part), name, at)?;
                Ok(TypeKind::Alias { ty })
            }
            _ => {
                self.warnings.push(crate::ir::Warning {
                    pointer: pointer.to_string(),
                    message:
                        "`allOf` of values of different types cannot hold; read as any JSON value"
                            .into(),
                });
                Ok(TypeKind::Alias {
                    ty: crate::ir::TypeRef::Json,
                })
            }
        }
    }

    /// Merges `allOf` parts into `merged`.
    fn merge_all_of<'s>(
        &self,
        parts: &'s [ReferenceOr<Schema>],
        pointer: &str,
        merged: &mut Merged<'s>,
        depth: usize,
    ) -> Result<()>
    where
        'a: 's,
    {
        for (index, part) in parts.iter().enumerate() {
            let part_pointer = pointer_push(pointer, &index.to_string());
            let schema = self.resolve(SchemaRef::of(part), &part_pointer)?;
            self.merge_part(schema, &part_pointer, merged, depth + 1)?;
        }
        Ok(())
    }

    /// The properties of an object-like schema, merged into one set:
    /// objects contribute their properties; `allOf`s are flattened; a
    /// `oneOf`/`anyOf` of objects contributes every variant's properties,
    /// required only when every variant requires them (the server checks
    /// which combination is allowed).
    pub(crate) fn object_shape<'s>(&self, schema: &'s Schema, pointer: &str) -> Result<Merged<'s>>
    where
        'a: 's,
    {
        let mut merged = Merged::default();
        self.merge_part(schema, pointer, &mut merged, 0)?;
        Ok(merged)
    }

    fn merge_part<'s>(
        &self,
        schema: &'s Schema,
        pointer: &str,
        merged: &mut Merged<'s>,
        depth: usize,
    ) -> Result<()>
    where
        'a: 's,
    {
        if depth > 32 {
            return Err(self.error(pointer.to_string(), "`allOf` nests too deeply".into()));
        }
        match &schema.schema_kind {
            SchemaKind::AllOf { all_of } => {
                self.merge_all_of(all_of, &pointer_push(pointer, "allOf"), merged, depth)
            }
            SchemaKind::OneOf { one_of } => {
                self.merge_alternatives(one_of, &pointer_push(pointer, "oneOf"), merged, depth)
            }
            SchemaKind::AnyOf { any_of } => {
                self.merge_alternatives(any_of, &pointer_push(pointer, "anyOf"), merged, depth)
            }
            _ => match object_parts(schema) {
                Some((properties, required)) => {
                    merged
                        .properties
                        .extend(properties.iter().map(|(k, v)| (k.clone(), v)));
                    merged.required.extend(required.iter().cloned());
                    // Keywords beside `properties` hold as well.
                    if let SchemaKind::Any(a) = &schema.schema_kind {
                        let all_of = pointer_push(pointer, "allOf");
                        self.merge_all_of(&a.all_of, &all_of, merged, depth)?;
                        let one_of = pointer_push(pointer, "oneOf");
                        self.merge_alternatives(&a.one_of, &one_of, merged, depth)?;
                        let any_of = pointer_push(pointer, "anyOf");
                        self.merge_alternatives(&a.any_of, &any_of, merged, depth)?;
                    }
                    Ok(())
                }
                None => Err(self.error(
                    pointer.to_string(),
                    "expected an object (or `allOf`/`oneOf` of objects) here".into(),
                )),
            },
        }
    }

    /// A `oneOf`/`anyOf` of objects: every variant's properties, required
    /// only when every variant requires them (the server checks which
    /// combination is allowed).
    fn merge_alternatives<'s>(
        &self,
        variants: &'s [ReferenceOr<Schema>],
        pointer: &str,
        merged: &mut Merged<'s>,
        depth: usize,
    ) -> Result<()>
    where
        'a: 's,
    {
        let mut alternatives = Vec::new();
        for (i, variant) in variants.iter().enumerate() {
            let variant_pointer = pointer_push(pointer, &i.to_string());
            let variant = self.resolve(SchemaRef::of(variant), &variant_pointer)?;
            let mut one = Merged::default();
            self.merge_part(variant, &variant_pointer, &mut one, depth + 1)?;
            alternatives.push(one);
        }
        for alternative in &alternatives {
            for (key, property) in &alternative.properties {
                merged.properties.entry(key.clone()).or_insert(*property);
            }
        }
        if let Some(first) = alternatives.first() {
            let in_all = |key: &String| alternatives.iter().all(|a| a.required.contains(key));
            merged
                .required
                .extend(first.required.iter().filter(|k| in_all(k)).cloned());
        }
        Ok(())
    }
}

/// Properties gathered from the parts of an `allOf`, borrowed from the
/// document (so a property met twice is the same schema).
#[derive(Default)]
pub(crate) struct Merged<'s> {
    pub properties: IndexMap<String, &'s ReferenceOr<Box<Schema>>>,
    pub required: Vec<String>,
}

/// The JSON type a schema says its values have, if it says one.
fn value_kind(schema: &Schema) -> Option<&'static str> {
    use openapiv3::Type;
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(_)) => Some("string"),
        SchemaKind::Type(Type::Number(_)) => Some("number"),
        SchemaKind::Type(Type::Integer(_)) => Some("integer"),
        SchemaKind::Type(Type::Boolean(_)) => Some("boolean"),
        SchemaKind::Type(Type::Array(_)) => Some("array"),
        SchemaKind::Type(Type::Object(_)) => Some("object"),
        SchemaKind::Any(a) => match a.typ.as_deref() {
            Some("string") => Some("string"),
            Some("number") => Some("number"),
            Some("integer") => Some("integer"),
            Some("boolean") => Some("boolean"),
            Some("array") => Some("array"),
            Some("object") => Some("object"),
            _ if !a.properties.is_empty() => Some("object"),
            _ => None,
        },
        _ => None,
    }
}
