//! Lowering `allOf` and object-like schemas: the properties of every part
//! merged into one set.

use indexmap::IndexMap;
use openapiv3::{ReferenceOr, Schema, SchemaKind};

use super::schema::SchemaRef;
use super::{object_parts, Lowerer};
use crate::error::{pointer_push, Result};
use crate::ir::TypeKind;

impl<'a> Lowerer<'a> {
    /// `allOf`: the properties of every part, merged into one struct.
    pub(super) fn all_of(
        &mut self,
        name: &str,
        parts: &[ReferenceOr<Schema>],
        pointer: &str,
    ) -> Result<TypeKind> {
        let mut merged = Merged::default();
        self.merge_all_of(parts, &pointer_push(pointer, "allOf"), &mut merged, 0)?;
        let properties = merged.properties.iter().map(|(k, v)| (k, *v));
        let fields = self.fields(name, properties, &merged.required, pointer)?;
        Ok(TypeKind::Struct { fields })
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
            SchemaKind::OneOf { one_of: variants } | SchemaKind::AnyOf { any_of: variants } => {
                let keyword = if matches!(schema.schema_kind, SchemaKind::OneOf { .. }) {
                    "oneOf"
                } else {
                    "anyOf"
                };
                let mut alternatives = Vec::new();
                for (i, variant) in variants.iter().enumerate() {
                    let variant_pointer =
                        pointer_push(&pointer_push(pointer, keyword), &i.to_string());
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
                    let in_all =
                        |key: &String| alternatives.iter().all(|a| a.required.contains(key));
                    merged
                        .required
                        .extend(first.required.iter().filter(|k| in_all(k)).cloned());
                }
                Ok(())
            }
            _ => match object_parts(schema) {
                Some((properties, required)) => {
                    merged
                        .properties
                        .extend(properties.iter().map(|(k, v)| (k.clone(), v)));
                    merged.required.extend(required.iter().cloned());
                    Ok(())
                }
                None => Err(self.error(
                    pointer.to_string(),
                    "expected an object (or `allOf`/`oneOf` of objects) here".into(),
                )),
            },
        }
    }
}

/// Properties gathered from the parts of an `allOf`, borrowed from the
/// document (so a property met twice is the same schema).
#[derive(Default)]
pub(crate) struct Merged<'s> {
    pub properties: IndexMap<String, &'s ReferenceOr<Box<Schema>>>,
    pub required: Vec<String>,
}
