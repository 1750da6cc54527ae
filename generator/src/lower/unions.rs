//! Lowering `oneOf`/`anyOf` unions: their variants, and the properties
//! (a `discriminator`, or single-valued properties every variant has) that
//! tell the variants apart.

use indexmap::IndexMap;
use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::schema::SchemaRef;
use super::Lowerer;
use crate::error::{pointer_push, Result};
use crate::ir::{TypeKind, UnionVariant, Warning};
use crate::naming::{self, Scope};

impl<'a> Lowerer<'a> {
    pub(super) fn union(
        &mut self,
        name: &str,
        schema: &Schema,
        variants: &[ReferenceOr<Schema>],
        pointer: &str,
    ) -> Result<TypeKind> {
        // JSON Schema requires at least one; an empty union has no values.
        if variants.is_empty() {
            return Err(self.error(
                pointer.to_string(),
                "a union needs at least one schema".into(),
            ));
        }
        // A union of strings (enums, single values, plain strings) is one
        // enum of every value: as variants, the first open one would take
        // every value and no `match` on the others would ever hit.
        let string_values = match schema.schema_data.discriminator {
            Some(_) => None,
            None => self.string_values(variants, pointer),
        };
        if let Some(values) = string_values {
            return Ok(match values.is_empty() {
                true => TypeKind::Alias {
                    ty: crate::ir::TypeRef::String,
                },
                false => super::schema::enum_kind(values.iter().map(String::as_str)),
            });
        }
        let (tags, values) = self.union_tags(schema, variants, pointer)?;
        let mut values: Vec<Vec<Vec<String>>> = values;
        let mut scope = Scope::new();
        let mut out = Vec::with_capacity(variants.len());
        for (index, variant) in variants.iter().enumerate() {
            let variant_pointer = pointer_push(pointer, &index.to_string());
            let mut combinations = values
                .get_mut(index)
                .map(std::mem::take)
                .unwrap_or_default();
            let variant_tags = if combinations.is_empty() {
                Vec::new()
            } else {
                combinations.remove(0)
            };
            let base = match (variant_tags.is_empty(), variant) {
                (false, _) => naming::camel(&variant_tags.join("_")),
                (true, ReferenceOr::Reference { reference })
                    if !crate::load::deep_ref(reference) =>
                {
                    self.component(reference, &variant_pointer)?.1
                }
                (true, ReferenceOr::Reference { .. }) => format!("Variant{index}"),
                (true, ReferenceOr::Item(s)) => variant_name(s, index),
            };
            let variant_name = scope.claim(base);
            let ty = self.type_of(
                SchemaRef::of(variant),
                &format!("{name}_{variant_name}"),
                &variant_pointer,
            )?;
            out.push(UnionVariant {
                name: variant_name,
                tags: variant_tags,
                alternatives: combinations,
                ty,
                boxed: false,
            });
        }
        Ok(TypeKind::Union {
            tags,
            variants: out,
        })
    }

    /// The properties that tell a union's variants apart, and the
    /// combinations of their values that select each variant (the first is
    /// its name): the `discriminator` if there is one, else
    /// the fewest (one or two) required single-valued properties that all
    /// variants have and whose values differ between every two variants.
    /// Empty when there are none; the union is then tried variant by variant.
    #[allow(clippy::type_complexity)]
    fn union_tags(
        &mut self,
        schema: &Schema,
        variants: &[ReferenceOr<Schema>],
        pointer: &str,
    ) -> Result<(Vec<String>, Vec<Vec<Vec<String>>>)> {
        if let Some(d) = &schema.schema_data.discriminator {
            let mut values = Vec::with_capacity(variants.len());
            for (index, variant) in variants.iter().enumerate() {
                let variant_pointer = pointer_push(pointer, &index.to_string());
                let of_variant = match self.discriminator_values(
                    SchemaRef::of(variant),
                    &d.property_name,
                    &d.mapping,
                    &variant_pointer,
                ) {
                    Ok(values) => values,
                    // (A variant that cannot be read at all is reported
                    // when its type is lowered.)
                    Err(e) => {
                        let why = match &e {
                            crate::Error::Spec { message, .. } => message.clone(),
                            other => other.to_string(),
                        };
                        self.warnings.push(Warning {
                            pointer: variant_pointer,
                            message: format!(
                                "the discriminator `{}` cannot select this variant ({why}); the variants are told apart by trying each in order",
                                d.property_name
                            ),
                        });
                        return Ok((Vec::new(), Vec::new()));
                    }
                };
                values.push(of_variant.into_iter().map(|v| vec![v]).collect::<Vec<_>>());
            }
            let all: Vec<&Vec<String>> = values.iter().flatten().collect();
            let distinct: std::collections::BTreeSet<&&Vec<String>> = all.iter().collect();
            if distinct.len() < all.len() {
                self.warnings.push(Warning {
                    pointer: pointer.to_string(),
                    message: format!(
                        "the discriminator `{}` gives two variants the same value; they are told apart by trying each in order",
                        d.property_name
                    ),
                });
                return Ok((Vec::new(), Vec::new()));
            }
            return Ok((vec![d.property_name.clone()], values));
        }
        // Required single-valued string properties of each variant, in order.
        let mut constants: Vec<Vec<(String, String)>> = Vec::with_capacity(variants.len());
        for (index, variant) in variants.iter().enumerate() {
            let variant_pointer = pointer_push(pointer, &index.to_string());
            let Ok(resolved) = self.resolve(SchemaRef::of(variant), &variant_pointer) else {
                return Ok((Vec::new(), Vec::new()));
            };
            let Ok(shape) = self.object_shape(resolved, &variant_pointer) else {
                return Ok((Vec::new(), Vec::new()));
            };
            let found = shape
                .properties
                .iter()
                .filter(|(key, _)| shape.required.contains(key))
                .filter_map(|(key, property)| match property {
                    ReferenceOr::Item(p) => single_value(p).map(|v| (key.clone(), v)),
                    ReferenceOr::Reference { .. } => None,
                })
                .collect();
            constants.push(found);
        }
        let Some(first) = constants.first() else {
            return Ok((Vec::new(), Vec::new()));
        };
        let value_of = |variant: &[(String, String)], key: &str| {
            variant
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
        };
        let common: Vec<&String> = first
            .iter()
            .map(|(k, _)| k)
            .filter(|k| constants.iter().all(|c| value_of(c, k).is_some()))
            .collect();
        let mut candidates: Vec<Vec<&String>> = common.iter().map(|k| vec![*k]).collect();
        for (i, a) in common.iter().enumerate() {
            for b in &common[i + 1..] {
                candidates.push(vec![*a, *b]);
            }
        }
        for keys in candidates {
            let values: Vec<Vec<String>> = constants
                .iter()
                .map(|c| keys.iter().filter_map(|k| value_of(c, k)).collect())
                .collect();
            let distinct: std::collections::BTreeSet<&Vec<String>> = values.iter().collect();
            if distinct.len() == values.len() {
                let values = values.into_iter().map(|v| vec![v]).collect();
                return Ok((keys.into_iter().cloned().collect(), values));
            }
        }
        Ok((Vec::new(), Vec::new()))
    }

    /// The values of a union whose variants are all plain strings or
    /// string enums, in order; `None` when some variant is anything else.
    fn string_values(
        &self,
        variants: &[ReferenceOr<Schema>],
        pointer: &str,
    ) -> Option<Vec<String>> {
        let mut values = Vec::new();
        for (index, variant) in variants.iter().enumerate() {
            let at = pointer_push(pointer, &index.to_string());
            let schema = self.resolve(SchemaRef::of(variant), &at).ok()?;
            let SchemaKind::Type(Type::String(string)) = &schema.schema_kind else {
                return None;
            };
            // Formats (dates, UUIDs) keep their own variants.
            if !matches!(string.format, openapiv3::VariantOrUnknownOrEmpty::Empty) {
                return None;
            }
            values.extend(string.enumeration.iter().flatten().cloned());
        }
        Some(values)
    }

    /// The discriminator values selecting a variant, the one that names
    /// it first: the `mapping`'s values that point at it, then the values
    /// of a string `enum` on the property, else (a `$ref` variant, by
    /// OpenAPI's implicit mapping) the schema's name.
    fn discriminator_values(
        &self,
        variant: SchemaRef<'_>,
        property: &str,
        mapping: &IndexMap<String, String>,
        pointer: &str,
    ) -> Result<Vec<String>> {
        let mut found: Vec<String> = Vec::new();
        let implicit = match variant {
            SchemaRef::Ref(reference) => {
                found.extend(
                    mapping
                        .iter()
                        .filter(|(_, target)| *target == reference)
                        .map(|(value, _)| value.clone()),
                );
                reference.strip_prefix("#/components/schemas/")
            }
            SchemaRef::Inline(_) => None,
        };
        let schema = self.resolve(variant, pointer)?;
        // Its properties, an `allOf` merged.
        let Ok(shape) = self.object_shape(schema, pointer) else {
            if !found.is_empty() {
                return Ok(found);
            }
            return Err(self.error(
                pointer.to_string(),
                format!("discriminated variant is not an object with property `{property}`"),
            ));
        };
        let values = shape.properties.get(property).map(|&p| match p {
            ReferenceOr::Item(s) => match &s.schema_kind {
                SchemaKind::Type(Type::String(s)) => {
                    s.enumeration.iter().flatten().cloned().collect::<Vec<_>>()
                }
                _ => Vec::new(),
            },
            ReferenceOr::Reference { .. } => Vec::new(),
        });
        for value in values.into_iter().flatten() {
            if !found.contains(&value) {
                found.push(value);
            }
        }
        // Without a mapping or an enum, OpenAPI's implicit mapping: a
        // `$ref` variant's value is its schema's name.
        match (found.is_empty(), implicit) {
            (false, _) => Ok(found),
            (true, Some(name)) => Ok(vec![name.to_string()]),
            (true, None) => Err(self.error(
                pointer.to_string(),
                format!("cannot tell the discriminator value of this variant: property `{property}` is not a string enum"),
            )),
        }
    }
}

/// The one value of a single-valued string `enum`.
pub(super) fn single_value(schema: &Schema) -> Option<String> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => {
            let mut values = s.enumeration.iter().flatten();
            let first = values.next()?;
            values.all(|v| v == first).then(|| first.clone())
        }
        _ => None,
    }
}

/// A name for an inline union variant: its title, else its type, else its position.
fn variant_name(schema: &Schema, index: usize) -> String {
    if let Some(title) = &schema.schema_data.title {
        return naming::camel(title);
    }
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(_)) => "String".into(),
        SchemaKind::Type(Type::Number(_)) => "Number".into(),
        SchemaKind::Type(Type::Integer(_)) => "Integer".into(),
        SchemaKind::Type(Type::Boolean(_)) => "Bool".into(),
        SchemaKind::Type(Type::Array(_)) => "List".into(),
        SchemaKind::Type(Type::Object(_)) => "Object".into(),
        _ => format!("Variant{index}"),
    }
}
