//! Lowering schemas: `openapiv3` schemas become [`TypeRef`]s, and objects,
//! enums and unions become [`NamedType`]s.
//!
//! Inline objects, enums and unions are hoisted to named types. Their names
//! come from where they appear (`ClientSession` + `status` → `ClientSessionStatus`).

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaData, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};
use serde_json::Value;

use super::unions::single_value;
use super::Lowerer;
use crate::error::{pointer_push, Result};
use crate::ir::{
    Bound, Constraints, Docs, EnumVariant, Field, Marker, NamedType, TypeKind, TypeRef,
};
use crate::load::v31::PREFIX_ITEMS;
use crate::naming::{self, Scope};

/// A schema either inline or behind a `$ref`, whatever box it came in.
#[derive(Clone, Copy)]
pub(crate) enum SchemaRef<'a> {
    Ref(&'a str),
    Inline(&'a Schema),
}

impl<'a> SchemaRef<'a> {
    pub fn of(r: &'a ReferenceOr<Schema>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Inline(s),
        }
    }

    pub fn of_boxed(r: &'a ReferenceOr<Box<Schema>>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Inline(s),
        }
    }
}

/// Docs and markers from a schema's common data and `x-` extensions.
pub(crate) fn docs_of(data: &SchemaData) -> Docs {
    Docs {
        title: data
            .title
            .clone()
            .or_else(|| string_ext(&data.extensions, "x-title")),
        summary: None,
        description: data.description.clone(),
        deprecated: deprecation(data.deprecated, &data.extensions),
        undocumented: marker(&data.extensions, "x-undocumented"),
        draft: marker(&data.extensions, "x-draft"),
    }
}

pub(crate) fn string_ext(ext: &IndexMap<String, Value>, key: &str) -> Option<String> {
    ext.get(key).and_then(Value::as_str).map(str::to_string)
}

/// `x-foo: "why"` gives a marker with that message, `x-foo: true` one without;
/// `false`, `null` or absence give none.
pub(crate) fn marker(ext: &IndexMap<String, Value>, key: &str) -> Option<Marker> {
    match ext.get(key)? {
        Value::String(s) => Some(Marker {
            message: Some(s.clone()),
        }),
        Value::Bool(true) => Some(Marker { message: None }),
        _ => None,
    }
}

/// `deprecated: true` and/or `x-deprecated` (whose text is the message).
pub(crate) fn deprecation(flag: bool, ext: &IndexMap<String, Value>) -> Option<Marker> {
    match marker(ext, "x-deprecated") {
        Some(m) => Some(m),
        None if flag => Some(Marker { message: None }),
        None => None,
    }
}

fn constraints_of(kind: &SchemaKind) -> Constraints {
    let mut c = Constraints::default();
    let bound = |value: Option<f64>, exclusive: bool| value.map(|value| Bound { value, exclusive });
    match kind {
        SchemaKind::Type(Type::String(s)) => {
            c.min_length = s.min_length.map(|n| n as u64);
            c.max_length = s.max_length.map(|n| n as u64);
            c.pattern = s.pattern.clone();
        }
        SchemaKind::Type(Type::Array(a)) => {
            c.min_items = a.min_items.map(|n| n as u64);
            c.max_items = a.max_items.map(|n| n as u64);
        }
        SchemaKind::Type(Type::Integer(i)) => {
            c.minimum = bound(i.minimum.map(|n| n as f64), i.exclusive_minimum);
            c.maximum = bound(i.maximum.map(|n| n as f64), i.exclusive_maximum);
        }
        SchemaKind::Type(Type::Number(n)) => {
            c.minimum = bound(n.minimum, n.exclusive_minimum);
            c.maximum = bound(n.maximum, n.exclusive_maximum);
        }
        SchemaKind::Any(a) => {
            c.min_length = a.min_length.map(|n| n as u64);
            c.max_length = a.max_length.map(|n| n as u64);
            c.pattern = a.pattern.clone();
            c.min_items = a.min_items.map(|n| n as u64);
            c.max_items = a.max_items.map(|n| n as u64);
            c.minimum = bound(a.minimum, a.exclusive_minimum.unwrap_or(false));
            c.maximum = bound(a.maximum, a.exclusive_maximum.unwrap_or(false));
        }
        _ => {}
    }
    c
}

/// The name of the component of `kind` (`schemas`, `parameters`) that
/// `reference` names (`#/components/schemas/Pet`), its escapes decoded.
pub(crate) fn component_name(reference: &str, kind: &str) -> Option<String> {
    let pointer = crate::load::ref_pointer(reference)?;
    let name = pointer.strip_prefix("/components/")?.strip_prefix(kind)?;
    let name = name.strip_prefix('/')?;
    (!name.contains('/')).then(|| name.replace("~1", "/").replace("~0", "~"))
}

/// Why a `$ref` that is not followed cannot be: it points at another kind
/// of thing than `wanted` (`#/components/responses/…` where a schema is
/// expected), or outside the document.
pub(crate) fn expected_here(reference: &str, wanted: &str) -> String {
    const KINDS: &[(&str, &str)] = &[
        ("schemas", "a schema"),
        ("responses", "a response"),
        ("parameters", "a parameter"),
        ("requestBodies", "a request body"),
        ("headers", "a header"),
        ("examples", "an example"),
        ("securitySchemes", "a security scheme"),
        ("links", "a link"),
        ("callbacks", "a callback"),
        ("pathItems", "a path item"),
    ];
    let section = crate::load::ref_pointer(reference).and_then(|p| {
        let rest = p.strip_prefix("/components/")?;
        let section = rest.split('/').next()?;
        KINDS
            .iter()
            .find(|(s, _)| *s == section)
            .map(|(_, kind)| *kind)
    });
    match section {
        Some(kind) if kind != wanted => format!("it points at {kind}, where {wanted} is expected"),
        _ if !reference.starts_with('#') => {
            "only references inside the document (`#/…`) or to files beside it are read".into()
        }
        _ => format!(
            "there is no {} there",
            wanted.trim_start_matches("a ").trim_start_matches("an ")
        ),
    }
}

impl<'a> Lowerer<'a> {
    /// Resolves `#/components/schemas/Name` to the schema and its Rust type name.
    pub(crate) fn component(&self, reference: &str, pointer: &str) -> Result<(&'a str, String)> {
        let Some(name) = component_name(reference, "schemas") else {
            return Err(self.error(
                pointer_push(pointer, "$ref"),
                format!(
                    "unsupported $ref `{reference}`: {}",
                    expected_here(reference, "a schema")
                ),
            ));
        };
        match (
            self.schemas().get_key_value(&name),
            self.component_names.get(&name),
        ) {
            (Some((name, _)), Some(rust_name)) => Ok((name.as_str(), rust_name.clone())),
            _ => Err(self.error(
                pointer_push(pointer, "$ref"),
                format!("dangling $ref `{reference}`: there is no schema `{name}` in components"),
            )),
        }
    }

    /// The type of a `format: uuid` string: `String` where the profile
    /// keeps IDs as strings.
    fn uuid(&self) -> TypeRef {
        if self.conventions.uuid_as_string {
            TypeRef::String
        } else {
            TypeRef::Uuid
        }
    }

    /// The schema a deep `$ref` points at (inside `#/paths/…`, part of a
    /// component, a parameter's schema).
    fn path_schema(&self, reference: &str, pointer: &str) -> Result<&'a Schema> {
        self.deep.schemas.get(reference).ok_or_else(|| {
            self.error(
                pointer_push(pointer, "$ref"),
                format!("dangling $ref `{reference}`: there is no schema there"),
            )
        })
    }

    /// The type of the schema a `$ref` into `#/paths/…` points at: lowered
    /// in place the first time (named after where it is), the same type
    /// after that.
    fn path_type(&mut self, reference: &str, pointer: &str) -> Result<TypeRef> {
        if let Some(ty) = self.path_types.get(reference) {
            return Ok(ty.clone());
        }
        let schema = self.path_schema(reference, pointer)?;
        // Named after the last token that says what it is; a part of a
        // schema (`Tag/allOf/0`) is that schema's `Part`.
        let tokens: Vec<&str> = reference.rsplit('/').collect();
        let named = tokens.iter().position(|t| {
            !matches!(
                *t,
                "schema"
                    | "items"
                    | "content"
                    | "properties"
                    | "additionalProperties"
                    | "allOf"
                    | "oneOf"
                    | "anyOf"
                    | "not"
            ) && !t.contains('~')
                && !t.bytes().all(|b| b.is_ascii_digit())
        });
        let hint = match named {
            Some(i)
                if tokens[..i]
                    .iter()
                    .any(|t| t.bytes().all(|b| b.is_ascii_digit())) =>
            {
                format!("{}_part", tokens[i])
            }
            Some(i) => tokens[i].to_string(),
            None => "schema".to_string(),
        };
        let ty = self.type_of(SchemaRef::Inline(schema), &hint, reference)?;
        self.path_types.insert(reference.to_string(), ty.clone());
        Ok(ty)
    }

    /// Follows `$ref`s until an inline schema.
    pub(crate) fn resolve<'s>(&self, schema: SchemaRef<'s>, pointer: &str) -> Result<&'s Schema>
    where
        'a: 's,
    {
        let mut schema = schema;
        let mut pointer = pointer.to_string();
        for _ in 0..64 {
            match schema {
                SchemaRef::Inline(s) => return Ok(s),
                SchemaRef::Ref(reference) if crate::load::deep_ref(reference) => {
                    schema = SchemaRef::Inline(self.path_schema(reference, &pointer)?);
                    pointer = reference.to_string();
                }
                SchemaRef::Ref(reference) => {
                    let (name, _) = self.component(reference, &pointer)?;
                    pointer = pointer_push("#/components/schemas", name);
                    let entry = self.schemas().get(name).ok_or_else(|| {
                        self.error(pointer.clone(), "schema disappeared while resolving".into())
                    })?;
                    schema = SchemaRef::of(entry);
                }
            }
        }
        Err(self.error(pointer, "$ref chain is too long or cyclic".into()))
    }

    /// The type of a schema used in place. Named things inside it are hoisted
    /// with names derived from `hint`.
    pub(crate) fn type_of(
        &mut self,
        schema: SchemaRef<'_>,
        hint: &str,
        pointer: &str,
    ) -> Result<TypeRef> {
        let schema = match schema {
            SchemaRef::Ref(reference) if crate::load::deep_ref(reference) => {
                return self.path_type(reference, pointer);
            }
            SchemaRef::Ref(reference) => {
                return Ok(TypeRef::Named(self.component(reference, pointer)?.1))
            }
            SchemaRef::Inline(s) => s,
        };
        if let Some(ty) = self.plain_type(schema, hint, pointer)? {
            return Ok(ty);
        }
        // The same inline schema met again while its type is being defined
        // (an `allOf` of a component that holds this schema) is that type:
        // a recursive reference, not a new type each time round.
        let address = schema as *const Schema as usize;
        if let Some((_, name)) = self.inlining.iter().find(|(a, _)| *a == address) {
            return Ok(TypeRef::Named(name.clone()));
        }
        let wanted = naming::type_name(hint);
        let name = self.type_scope.claim(wanted.clone());
        self.inlining.push((address, name.clone()));
        let slot = self.define(name.clone(), schema, pointer);
        self.inlining.pop();
        let slot = slot?;
        // An inline type identical to one already defined reuses it.
        let Some(key) = self.kind_key(slot) else {
            return Ok(TypeRef::Named(name));
        };
        let module = self.types[slot].module.clone();
        let name = match self.shared.get(&key) {
            Some(existing) => {
                let existing = existing.to_string();
                self.types.remove(slot);
                self.type_scope.release(&name);
                existing
            }
            None => name,
        };
        self.shared.add_use(key, &name, wanted, &module);
        Ok(TypeRef::Named(name))
    }

    /// The key under which identical types share one definition (see
    /// [`super::kind_key`]). `None` (never expected) just means no sharing.
    pub(crate) fn kind_key(&self, slot: usize) -> Option<Vec<u8>> {
        super::kind_key::key_of(&self.types[slot].kind)
    }

    /// Lowers a schema that gets the given (already claimed) type name.
    /// Returns the index of the new type in `types`.
    pub(crate) fn define(&mut self, name: String, schema: &Schema, pointer: &str) -> Result<usize> {
        // Reserve the slot first so a type precedes the types hoisted out of it.
        let slot = self.types.len();
        let route_path = string_ext(&schema.schema_data.extensions, "x-route-path");
        // Types hoisted out of this one live in its module.
        let outer = self.module.clone();
        if let Some(route) = &route_path {
            self.module = module_of_route(route);
        }
        self.types.push(NamedType {
            name: name.clone(),
            pointer: pointer.to_string(),
            docs: docs_of(&schema.schema_data),
            route_path,
            module: self.module.clone(),
            kind: TypeKind::Alias { ty: TypeRef::Json },
            sent: false,
            inexact: false,
            needs: None,
        });
        let kind = match self.plain_type(schema, &name, pointer) {
            Ok(Some(ty)) => Ok(TypeKind::Alias { ty }),
            Ok(None) => self.kind_of(&name, schema, pointer),
            Err(e) => Err(e),
        };
        self.module = outer;
        self.types[slot].kind = kind?;
        Ok(slot)
    }

    /// The type of a schema that needs no name of its own, or `None` if it
    /// is an object, enum or union.
    fn plain_type(
        &mut self,
        schema: &Schema,
        hint: &str,
        pointer: &str,
    ) -> Result<Option<TypeRef>> {
        let ty = match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                if let Some(only) = single_value(schema) {
                    return Ok(Some(TypeRef::Const(only)));
                }
                if s.enumeration.iter().any(Option::is_some) {
                    return Ok(None);
                }
                match &s.format {
                    VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => TypeRef::DateTime,
                    VariantOrUnknownOrEmpty::Item(StringFormat::Date) => TypeRef::Date,
                    VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => TypeRef::Base64,
                    VariantOrUnknownOrEmpty::Unknown(f) if f == "uuid" => self.uuid(),
                    _ => TypeRef::String,
                }
            }
            SchemaKind::Type(Type::Integer(i)) => match &i.format {
                VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => TypeRef::I32,
                VariantOrUnknownOrEmpty::Unknown(f) => integer(Some(f)),
                _ => TypeRef::I64,
            },
            SchemaKind::Type(Type::Number(n)) => match &n.format {
                VariantOrUnknownOrEmpty::Item(openapiv3::NumberFormat::Float) => TypeRef::F32,
                _ => TypeRef::F64,
            },
            SchemaKind::Type(Type::Boolean(_)) => TypeRef::Bool,
            SchemaKind::Type(Type::Array(_))
                if schema.schema_data.extensions.contains_key(PREFIX_ITEMS) =>
            {
                self.tuple(schema, hint, pointer)?
            }
            SchemaKind::Type(Type::Array(a)) => TypeRef::Array(Box::new(match &a.items {
                Some(items) => self.type_of(
                    SchemaRef::of_boxed(items),
                    &format!("{hint}_item"),
                    &pointer_push(pointer, "items"),
                )?,
                None => TypeRef::Json,
            })),
            SchemaKind::Type(Type::Object(o)) if o.properties.is_empty() => TypeRef::Map(Box::new(
                self.map_values(o.additional_properties.as_ref(), hint, pointer)?,
            )),
            SchemaKind::Type(Type::Object(_)) => return Ok(None),
            // `allOf` with one `$ref` is how OpenAPI 3.0 puts a description,
            // `nullable` or a default beside a reference: the referenced type.
            // So is an `allOf` whose only typed part is a reference or a
            // union, the others adding only `nullable`, a description or a
            // default (their annotations apply to the field, see `field`).
            SchemaKind::AllOf { all_of } => {
                let Some((index, part)) = only_typed_part(all_of) else {
                    return Ok(None);
                };
                let at = pointer_push(&pointer_push(pointer, "allOf"), &index.to_string());
                let part = match part {
                    ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
                    ReferenceOr::Item(part) => SchemaRef::Inline(part),
                };
                return self.type_of(part, hint, &at).map(Some);
            }
            SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } => return Ok(None),
            SchemaKind::Not { .. } => {
                return Err(self.error(
                    pointer_push(pointer, "not"),
                    "`not` schemas are not supported".into(),
                ))
            }
            SchemaKind::Any(a) => {
                if !a.properties.is_empty()
                    || !a.one_of.is_empty()
                    || !a.any_of.is_empty()
                    || !a.all_of.is_empty()
                {
                    return Ok(None);
                }
                // A schema `openapiv3` could not read as its `type` (such as
                // an integer whose bounds are written as floats, as
                // `-9223372036854776000`) still has that type.
                let format = a.format.as_deref();
                match (&a.items, a.typ.as_deref()) {
                    (Some(items), _) => TypeRef::Array(Box::new(self.type_of(
                        SchemaRef::of_boxed(items),
                        &format!("{hint}_item"),
                        &pointer_push(pointer, "items"),
                    )?)),
                    (None, _) if !a.enumeration.is_empty() => TypeRef::Json,
                    (None, Some("integer")) => integer(format),
                    (None, Some("number")) if format == Some("float") => TypeRef::F32,
                    (None, Some("number")) => TypeRef::F64,
                    (None, Some("boolean")) => TypeRef::Bool,
                    (None, Some("string")) => match format {
                        Some("date-time") => TypeRef::DateTime,
                        Some("date") => TypeRef::Date,
                        Some("byte") => TypeRef::Base64,
                        Some("uuid") => self.uuid(),
                        _ => TypeRef::String,
                    },
                    (None, _) => TypeRef::Json,
                }
            }
        };
        Ok(Some(ty))
    }

    /// A tuple: the item types of an OpenAPI 3.1 `prefixItems`, which the
    /// reader keeps in [`PREFIX_ITEMS`].
    fn tuple(&mut self, schema: &Schema, hint: &str, pointer: &str) -> Result<TypeRef> {
        let at = pointer_push(pointer, "prefixItems");
        let items: Vec<ReferenceOr<Schema>> = schema
            .schema_data
            .extensions
            .get(PREFIX_ITEMS)
            .cloned()
            .map(serde_json::from_value)
            .transpose()
            .map_err(|e| self.error(at.clone(), format!("not a list of schemas: {e}")))?
            .unwrap_or_default();
        let mut types = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            types.push(self.type_of(
                SchemaRef::of(item),
                &format!("{hint}_{i}"),
                &pointer_push(&at, &i.to_string()),
            )?);
        }
        Ok(TypeRef::Tuple(types))
    }

    fn map_values(
        &mut self,
        extra: Option<&AdditionalProperties>,
        hint: &str,
        pointer: &str,
    ) -> Result<TypeRef> {
        match extra {
            Some(AdditionalProperties::Schema(s)) => self.type_of(
                SchemaRef::of(s),
                &format!("{hint}_value"),
                &pointer_push(pointer, "additionalProperties"),
            ),
            _ => Ok(TypeRef::Json),
        }
    }

    /// The kind of a named object, enum or union.
    fn kind_of(&mut self, name: &str, schema: &Schema, pointer: &str) -> Result<TypeKind> {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => Ok(enum_kind(
                s.enumeration.iter().flatten().map(String::as_str),
            )),
            SchemaKind::Type(Type::Object(o)) => {
                let fields = self.fields(name, &o.properties, &o.required, pointer)?;
                Ok(TypeKind::Struct { fields })
            }
            SchemaKind::Any(a) if !a.all_of.is_empty() => {
                self.all_of(name, schema, &a.all_of, pointer)
            }
            SchemaKind::Any(a) if !a.properties.is_empty() => {
                let fields = self.fields(name, &a.properties, &a.required, pointer)?;
                Ok(TypeKind::Struct { fields })
            }
            SchemaKind::OneOf { one_of: variants } | SchemaKind::AnyOf { any_of: variants } => {
                let keyword = if matches!(schema.schema_kind, SchemaKind::OneOf { .. }) {
                    "oneOf"
                } else {
                    "anyOf"
                };
                self.union(name, schema, variants, &pointer_push(pointer, keyword))
            }
            SchemaKind::Any(a) if !a.one_of.is_empty() => {
                self.union(name, schema, &a.one_of, &pointer_push(pointer, "oneOf"))
            }
            SchemaKind::Any(a) if !a.any_of.is_empty() => {
                self.union(name, schema, &a.any_of, &pointer_push(pointer, "anyOf"))
            }
            SchemaKind::AllOf { all_of } => self.all_of(name, schema, all_of, pointer),
            _ => Err(self.error(
                pointer.to_string(),
                "schema has no type this generator can name".into(),
            )),
        }
    }

    /// Struct fields from `properties`/`required`.
    pub(crate) fn fields<'p>(
        &mut self,
        owner: &str,
        properties: impl IntoIterator<Item = (&'p String, &'p ReferenceOr<Box<Schema>>)>,
        required: &[String],
        pointer: &str,
    ) -> Result<Vec<Field>> {
        let mut scope = Scope::new();
        let mut fields = Vec::new();
        let properties_pointer = pointer_push(pointer, "properties");
        for (wire_name, schema) in properties {
            let field_pointer = pointer_push(&properties_pointer, wire_name);
            let rust_name = scope.claim(naming::snake(wire_name));
            let hint = format!("{owner}_{wire_name}");
            let field = self.field(
                wire_name,
                rust_name,
                SchemaRef::of_boxed(schema),
                required.contains(wire_name),
                &hint,
                &field_pointer,
            )?;
            fields.push(field);
        }
        Ok(fields)
    }

    /// One field or parameter.
    pub(crate) fn field(
        &mut self,
        wire_name: &str,
        rust_name: String,
        schema: SchemaRef<'_>,
        required: bool,
        hint: &str,
        pointer: &str,
    ) -> Result<Field> {
        let (docs, nullable, default, example, constraints) = match &schema {
            SchemaRef::Inline(s) => (
                docs_of(&s.schema_data),
                s.schema_data.nullable || is_null_enum(s),
                s.schema_data.default.clone(),
                s.schema_data.example.clone(),
                constraints_of(&s.schema_kind),
            ),
            // A reference to a nullable schema may hold `null` too.
            SchemaRef::Ref(_) => {
                let target = self.resolve(schema, pointer)?;
                let nullable = target.schema_data.nullable || is_null_enum(target);
                (
                    Docs::default(),
                    nullable,
                    None,
                    None,
                    Constraints::default(),
                )
            }
        };
        let format = match &schema {
            SchemaRef::Inline(s) => format_of(s),
            SchemaRef::Ref(_) => None,
        };
        // The annotating parts of an `allOf` (`[{$ref: X}, {nullable: true}]`)
        // annotate the field.
        let mut docs = docs;
        let mut nullable = nullable;
        if let SchemaRef::Inline(Schema {
            schema_kind: SchemaKind::AllOf { all_of },
            ..
        }) = &schema
        {
            for part in all_of.iter().filter(|p| is_annotation(p)) {
                if let ReferenceOr::Item(part) = part {
                    nullable |= part.schema_data.nullable;
                    if docs.description.is_none() {
                        docs.description = part.schema_data.description.clone();
                    }
                }
            }
        }
        let ty = self.type_of(schema, hint, pointer)?;
        Ok(Field {
            wire_name: wire_name.to_string(),
            rust_name,
            ty,
            required,
            nullable,
            default,
            format,
            example,
            docs,
            constraints,
            elsewhere: None,
            style: None,
            boxed: false,
            setter: None,
        })
    }
}

/// A `oneOf` or `anyOf` schema.
fn is_union(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } => true,
        SchemaKind::Any(a) => !a.one_of.is_empty() || !a.any_of.is_empty(),
        _ => false,
    }
}

/// A part of an `allOf` that only annotates (`nullable`, a description, a
/// default, a title): no type, no properties, nothing to validate.
pub(crate) fn is_annotation(part: &ReferenceOr<Schema>) -> bool {
    matches!(part, ReferenceOr::Item(Schema { schema_kind: SchemaKind::Any(a), .. })
        if *a == openapiv3::AnySchema::default())
}

/// The one part of an `allOf` (with its index) that is not an annotation,
/// when it is a reference or an inline union and every other part (if any)
/// only annotates.
fn only_typed_part(parts: &[ReferenceOr<Schema>]) -> Option<(usize, &ReferenceOr<Schema>)> {
    let mut typed = parts.iter().enumerate().filter(|(_, p)| !is_annotation(p));
    let (index, part) = typed.next()?;
    if typed.next().is_some() {
        return None;
    }
    match part {
        ReferenceOr::Reference { .. } => Some((index, part)),
        ReferenceOr::Item(schema) if is_union(schema) => Some((index, part)),
        ReferenceOr::Item(_) => None,
    }
}

/// The `format` of a string, integer or number schema, as written.
fn format_of(schema: &Schema) -> Option<String> {
    fn written<T: serde::Serialize>(format: &VariantOrUnknownOrEmpty<T>) -> Option<String> {
        match format {
            VariantOrUnknownOrEmpty::Item(item) => match serde_json::to_value(item) {
                Ok(serde_json::Value::String(text)) => Some(text),
                _ => None,
            },
            VariantOrUnknownOrEmpty::Unknown(text) => Some(text.clone()),
            VariantOrUnknownOrEmpty::Empty => None,
        }
    }
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => written(&s.format),
        SchemaKind::Type(Type::Integer(i)) => written(&i.format),
        SchemaKind::Type(Type::Number(n)) => written(&n.format),
        SchemaKind::Any(a) => a.format.clone(),
        _ => None,
    }
}

/// `/acs/credentials` → `["acs", "credentials"]`.
pub(crate) fn module_of_route(route: &str) -> Vec<String> {
    route
        .split('/')
        .filter(|s| !s.is_empty())
        .map(naming::snake)
        .collect()
}

fn is_null_enum(s: &Schema) -> bool {
    matches!(&s.schema_kind, SchemaKind::Type(Type::String(t)) if t.enumeration.iter().any(Option::is_none))
}

/// A string enum; values are deduplicated and their names made unique.
pub(super) fn enum_kind<'v>(values: impl Iterator<Item = &'v str>) -> TypeKind {
    let mut seen = std::collections::BTreeSet::new();
    let mut scope = Scope::new();
    let variants = values
        .filter(|v| seen.insert(*v))
        .map(|value| EnumVariant {
            name: scope.claim(naming::camel(value)),
            value: value.to_string(),
        })
        .collect();
    TypeKind::Enum { variants }
}

/// The Rust integer of an integer `format` (`int64` when none or unknown).
fn integer(format: Option<&str>) -> TypeRef {
    match format {
        Some("int8") => TypeRef::I8,
        Some("int16") => TypeRef::I16,
        Some("int32") => TypeRef::I32,
        Some("uint8") => TypeRef::U8,
        Some("uint16") => TypeRef::U16,
        Some("uint32") => TypeRef::U32,
        Some("uint64") => TypeRef::U64,
        _ => TypeRef::I64,
    }
}
