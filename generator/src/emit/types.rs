//! The `types` module: one Rust item per [`NamedType`].

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{deprecated_attr, doc_attrs, field_paragraphs, paragraphs};
use super::{ident, rust_type};
use std::collections::{BTreeMap, BTreeSet};

use super::features::{cfg_attr, reachable, Need};
use crate::ir::{Api, EnumVariant, Field, NamedType, TypeKind, TypeRef, UnionVariant};

/// The `types` module: `src/types/mod.rs` and one file per top-level
/// route segment, with nested route segments as inline modules. Every type
/// is also re-exported from `types` itself.
pub(crate) struct Types<'a> {
    api: &'a Api,
    needs: &'a BTreeMap<String, BTreeSet<Need>>,
    /// Types sent in requests, which keep "absent" and "null" apart.
    sent: BTreeSet<String>,
    /// (type, type it holds directly) pairs on a cycle: those fields are boxed.
    cyclic: BTreeSet<(String, String)>,
    /// Types too large to hold in place: they are boxed where held.
    large: BTreeSet<String>,
    /// Types that hold a float somewhere, so are `PartialEq` but not `Eq`.
    inexact: BTreeSet<String>,
    tree: Module<'a>,
}

/// Types of one route segment, and its nested segments.
#[derive(Default)]
struct Module<'a> {
    items: Vec<&'a NamedType>,
    children: BTreeMap<String, Module<'a>>,
}

impl<'a> Types<'a> {
    pub(crate) fn new(api: &'a Api, needs: &'a BTreeMap<String, BTreeSet<Need>>) -> Self {
        let sent = reachable(
            api,
            api.operations
                .iter()
                .flat_map(|op| op.params.iter().map(|f| &f.ty)),
        );
        let mut tree = Module::default();
        for ty in &api.types {
            let mut node = &mut tree;
            for segment in &ty.module {
                node = node.children.entry(segment.clone()).or_default();
            }
            node.items.push(ty);
        }
        Types {
            api,
            needs,
            sent,
            cyclic: cyclic_edges(api),
            large: super::size::large_types(api),
            inexact: inexact_types(api),
            tree,
        }
    }

    /// `src/types/mod.rs`, then one file per top-level route segment.
    pub(crate) fn file_count(&self) -> usize {
        1 + self.tree.children.len()
    }

    pub(crate) fn file_path(&self, index: usize) -> String {
        match index
            .checked_sub(1)
            .and_then(|i| self.tree.children.keys().nth(i))
        {
            Some(name) => format!("src/types/{name}.rs"),
            None => "src/types/mod.rs".to_string(),
        }
    }

    pub(crate) fn file(&self, index: usize) -> TokenStream {
        let Some((name, module)) = index
            .checked_sub(1)
            .and_then(|i| self.tree.children.iter().nth(i))
        else {
            return self.root();
        };
        let doc = format!(" Types of the `/{name}` routes.");
        let body = self.module_body(module);
        quote! {
            #![doc = #doc]
            #![allow(deprecated)]
            #![allow(clippy::large_enum_variant)]

            #body
        }
    }

    fn cfg(&self, ty: &NamedType) -> TokenStream {
        self.needs.get(&ty.name).map(cfg_attr).unwrap_or_default()
    }

    fn items(&self, module: &Module<'_>) -> Vec<TokenStream> {
        module
            .items
            .iter()
            .map(|ty| {
                let cyclic = |to: &TypeRef| match to {
                    TypeRef::Named(to) => {
                        self.large.contains(to)
                            || self.cyclic.contains(&(ty.name.clone(), to.clone()))
                    }
                    _ => false,
                };
                // A tuple holds its items in place too: it is boxed whole.
                let boxed = |target: &TypeRef| match target {
                    TypeRef::Tuple(items) => items.iter().any(cyclic),
                    other => cyclic(other),
                };
                let exact = !self.inexact.contains(&ty.name);
                named_type(
                    ty,
                    self.cfg(ty),
                    self.sent.contains(&ty.name),
                    exact,
                    &boxed,
                )
            })
            .collect()
    }

    fn root(&self) -> TokenStream {
        let declarations = self.tree.children.keys().map(|name| {
            let module = ident(name);
            quote!(pub mod #module;)
        });
        // One `use` per module and feature condition, in order of first
        // appearance, so each condition is written once per module.
        type Group<'t> = (&'t [String], Option<&'t BTreeSet<Need>>, Vec<&'t str>);
        let mut groups: Vec<Group<'_>> = Vec::new();
        for ty in self.api.types.iter().filter(|ty| !ty.module.is_empty()) {
            let needs = self.needs.get(&ty.name);
            let module = ty.module.as_slice();
            match groups
                .iter_mut()
                .find(|(m, n, _)| *m == module && *n == needs)
            {
                Some((_, _, names)) => names.push(&ty.name),
                None => groups.push((module, needs, vec![&ty.name])),
            }
        }
        let reexports = groups.iter().map(|(module, needs, names)| {
            let cfg = needs.map(cfg_attr).unwrap_or_default();
            let path = module.iter().map(|m| ident(m));
            let names = names.iter().map(|n| ident(n));
            quote!(#cfg pub use self::#(#path::)*{#(#names),*};)
        });
        let items = self.items(&self.tree);
        quote! {
            //! Resources and other types the API sends and receives, in modules
            //! that mirror the API's routes; all are re-exported here.
            #![allow(deprecated)]
            #![allow(clippy::large_enum_variant)]

            #(#declarations)*

            #(#reexports)*

            #(#items)*
        }
    }

    fn module_body(&self, module: &Module<'_>) -> TokenStream {
        let items = self.items(module);
        let nested = module.children.iter().map(|(name, child)| {
            let ident = ident(name);
            let body = self.module_body(child);
            quote! {
                pub mod #ident {
                    #body
                }
            }
        });
        quote! {
            #[allow(unused_imports)]
            use crate::types::*;

            #(#items)*

            #(#nested)*
        }
    }
}

/// The types that hold an `f32` or `f64`, directly or through others:
/// their equality is not an equivalence, so they are not `Eq`.
fn inexact_types(api: &Api) -> BTreeSet<String> {
    fn floats(ty: &TypeRef, inexact: &BTreeSet<String>) -> bool {
        match ty {
            TypeRef::F32 | TypeRef::F64 => true,
            TypeRef::Named(name) => inexact.contains(name),
            other => other.members().iter().any(|m| floats(m, inexact)),
        }
    }
    let mut inexact = BTreeSet::new();
    loop {
        let before = inexact.len();
        for ty in &api.types {
            let holds = match &ty.kind {
                TypeKind::Struct { fields } => fields.iter().any(|f| floats(&f.ty, &inexact)),
                TypeKind::Union { variants, .. } => {
                    variants.iter().any(|v| floats(&v.ty, &inexact))
                }
                TypeKind::Alias { ty } => floats(ty, &inexact),
                TypeKind::Enum { .. } => false,
            };
            if holds {
                inexact.insert(ty.name.clone());
            }
        }
        if inexact.len() == before {
            return inexact;
        }
    }
}

fn named_type(
    ty: &NamedType,
    cfg: TokenStream,
    sent: bool,
    exact: bool,
    boxed: &dyn Fn(&TypeRef) -> bool,
) -> TokenStream {
    let name = ident(&ty.name);
    let mut paragraphs = paragraphs(&ty.docs);
    if let Some(route) = &ty.route_path {
        paragraphs.push(format!("Resource of the `{route}` routes."));
    }
    let docs = doc_attrs(&paragraphs);
    let deprecated = deprecated_attr(&ty.docs);
    let (decl, impls) = match &ty.kind {
        TypeKind::Struct { fields } => {
            let shapes: Vec<_> = fields.iter().map(|f| (f, Shape::of(f, sent))).collect();
            let declared = shapes
                .iter()
                .map(|(f, shape)| struct_field(f, *shape, boxed(&f.ty)));
            // A value sent in requests is built naming only what is set:
            // from `Default` when nothing is required, else from `new`.
            let needed: Vec<&Field> = shapes
                .iter()
                .filter(|(_, shape)| matches!(shape, Shape::Required))
                .map(|(f, _)| *f)
                .collect();
            let default = (sent && needed.is_empty()).then(|| quote!(Default,));
            let decl = quote! {
                #[derive(Debug, Clone, #default)]
                pub struct #name {
                    #(#declared)*
                }
            };
            let mut impls = struct_serde(&name, &cfg, exact, &shapes);
            if sent && !needed.is_empty() {
                impls.extend(constructor(&name, &cfg, fields, &needed, boxed));
            }
            (decl, impls)
        }
        TypeKind::Enum { variants } => string_enum(&name, &cfg, variants),
        TypeKind::Union { tags, variants } => union(&name, &cfg, exact, tags, variants, boxed),
        TypeKind::Alias { ty } => {
            let ty = rust_type(ty, true);
            let decl = quote! {
                pub type #name = #ty;
            };
            (decl, quote!())
        }
    };
    // The `#[cfg]` comes first, as on the macro call after the item, so the
    // two can be laid out as one `crate::macros::define!` (see `layout`).
    quote! {
        #cfg
        #docs
        #deprecated
        #decl

        #impls
    }
}

/// `Name::new`, taking the fields a value must have (in field order); the
/// others start empty (`None`, an empty list or map).
fn constructor(
    name: &proc_macro2::Ident,
    cfg: &TokenStream,
    fields: &[Field],
    needed: &[&Field],
    boxed: &dyn Fn(&TypeRef) -> bool,
) -> TokenStream {
    let args = needed.iter().map(|f| {
        let arg = ident(&f.rust_name);
        let ty = match &f.ty {
            TypeRef::String => quote!(impl Into<String>),
            other => rust_type(other, true),
        };
        quote!(#arg: #ty)
    });
    let values = fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        if !needed.iter().any(|n| n.rust_name == f.rust_name) {
            return quote!(#field: Default::default(),);
        }
        match (&f.ty, boxed(&f.ty)) {
            (_, true) => quote!(#field: Box::new(#field),),
            (TypeRef::String, false) => quote!(#field: #field.into(),),
            (_, false) => quote!(#field,),
        }
    });
    let doc = " Built from the fields a value must have; the others start empty.";
    let many = super::many_arguments(needed.len());
    quote! {
        #cfg
        impl #name {
            #[doc = #doc]
            #many
            pub fn new(#(#args),*) -> Self {
                Self { #(#values)* }
            }
        }
    }
}

/// How a struct field is held and read: required fields are plain; a field
/// that may be absent or `null` is an `Option`, left out when `None`. In a
/// type sent in requests, an optional field that may be `null` is
/// `Option<Option<T>>`: `None` leaves it out, `Some(None)` sends `null`.
#[derive(Clone, Copy)]
enum Shape {
    Required,
    /// A required list or map: one that is missing reads as empty (the same
    /// information; servers, Seam's fake among them, leave empty ones out).
    /// Other missing required fields stay errors.
    RequiredOrEmpty,
    /// Absent and `null` both read as `None`; `None` is written as `null`.
    Nullable,
    Optional,
    /// `Option<Option<T>>`.
    OptionalNullable,
}

impl Shape {
    /// The kind `crate::macros::object!` reads and writes the field as.
    fn kind(self) -> &'static str {
        match self {
            Shape::Required => "required",
            Shape::RequiredOrEmpty => "or_empty",
            Shape::Nullable => "nullable",
            Shape::Optional => "optional",
            Shape::OptionalNullable => "optional_nullable",
        }
    }

    fn of(field: &Field, sent: bool) -> Self {
        match (field.required, field.nullable) {
            (true, false) if matches!(field.ty, TypeRef::Array(_) | TypeRef::Map(_)) => {
                Shape::RequiredOrEmpty
            }
            (true, false) => Shape::Required,
            (true, true) => Shape::Nullable,
            (false, true) if sent => Shape::OptionalNullable,
            (false, _) => Shape::Optional,
        }
    }
}

fn struct_field(field: &Field, shape: Shape, boxed: bool) -> TokenStream {
    let name = ident(&field.rust_name);
    let docs = doc_attrs(&field_paragraphs(field));
    let deprecated = deprecated_attr(&field.docs);
    let ty = rust_type(&field.ty, true);
    // A type that contains itself needs a `Box` to have a size; a large
    // one is boxed so that it is not copied as it is decoded.
    let ty = if boxed { quote!(Box<#ty>) } else { ty };
    let ty = match shape {
        Shape::Required | Shape::RequiredOrEmpty => ty,
        Shape::Nullable | Shape::Optional => quote!(Option<#ty>),
        Shape::OptionalNullable => quote!(Option<Option<#ty>>),
    };
    quote! {
        #docs
        #deprecated
        pub #name: #ty,
    }
}

/// `Serialize`, `Deserialize` and `PartialEq` for a struct: one
/// `crate::macros::object!` line that names each field's kind (see the
/// emitted `src/macros.rs`).
fn struct_serde(
    name: &proc_macro2::Ident,
    cfg: &TokenStream,
    exact: bool,
    fields: &[(&Field, Shape)],
) -> TokenStream {
    let eq = exact.then(|| quote!(Eq));
    let entries = fields.iter().map(|(f, shape)| {
        let kind = format_ident!("{}", shape.kind());
        let field = field_key(f);
        quote!(#kind #field)
    });
    quote! {
        #cfg
        crate::macros::object!(#eq #name { #(#entries),* });
    }
}

/// A field as the `object!` and `params!` macros take it: its Rust name
/// and its wire name. (Leaving out a wire name equal to the Rust name
/// would need a helper macro per field, which took the compiler about 0.5 s
/// longer to expand on Seam's spec.)
pub(crate) fn field_key(field: &Field) -> TokenStream {
    let name = ident(&field.rust_name);
    let wire = &field.wire_name;
    quote!(#name(#wire))
}

/// A string enum that keeps values it does not know in `Unknown`, so a new
/// value on the server does not break decoding.
fn string_enum(
    name: &proc_macro2::Ident,
    cfg: &TokenStream,
    variants: &[EnumVariant],
) -> (TokenStream, TokenStream) {
    let unknown = unknown_name(variants.iter().map(|v| v.name.as_str()));
    let arms = variants.iter().map(|v| {
        let variant = ident(&v.name);
        quote!(#variant,)
    });
    let values = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let value = &v.value;
        quote!(#variant(#value))
    });
    let decl = quote! {
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #(#arms)*
            /// A value this version of the client does not know.
            #unknown(String),
        }
    };
    let impls = quote! {
        #cfg
        crate::macros::string_enum!(#name, #unknown { #(#values),* });
    };
    (decl, impls)
}

/// A `oneOf`/`anyOf` union. With tags, decoding reads the tag values and
/// decodes that variant only, keeping unknown combinations in `Unknown`;
/// without, variants are tried in order.
fn union(
    name: &proc_macro2::Ident,
    cfg: &TokenStream,
    exact: bool,
    tags: &[String],
    variants: &[UnionVariant],
    boxed: &dyn Fn(&TypeRef) -> bool,
) -> (TokenStream, TokenStream) {
    let eq = exact.then(|| quote!(Eq));
    let arms = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ty = rust_type(&v.ty, true);
        let ty = if boxed(&v.ty) { quote!(Box<#ty>) } else { ty };
        let doc = (!v.tags.is_empty()).then(|| {
            let text = format!(" `{}`", v.tags.join("` + `"));
            quote!(#[doc = #text])
        });
        quote! {
            #doc
            #variant(#ty),
        }
    });
    let names = variants.iter().map(|v| ident(&v.name));
    if tags.is_empty() {
        let decl = quote! {
            #[derive(Debug, Clone)]
            pub enum #name {
                #(#arms)*
            }
        };
        let impls = quote! {
            #cfg
            crate::macros::untagged!(#eq #name { #(#names),* });
        };
        return (decl, impls);
    }
    let unknown = unknown_name(variants.iter().map(|v| v.name.as_str()));
    let tag_doc = format!(
        " A combination of `{}` this version of the client does not know, or a value whose variant \
         does not fit: the JSON as received, and why.",
        tags.join("` and `")
    );
    let dispatch = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let values = &v.tags;
        let alternatives = v.alternatives.iter().map(|alt| quote!(| [#(#alt),*]));
        quote!([#(#values),*] #(#alternatives)* => #variant)
    });
    let decl = quote! {
        #[derive(Debug, Clone)]
        pub enum #name {
            #(#arms)*
            #[doc = #tag_doc]
            #unknown(crate::UnknownVariant),
        }
    };
    let impls = quote! {
        #cfg
        crate::macros::tagged!(#eq #name, #unknown, [#(#tags),*] { #(#dispatch),* });
    };
    (decl, impls)
}

/// `Unknown`, or `Unknown2`… when a variant already took that name.
fn unknown_name<'a>(taken: impl Iterator<Item = &'a str> + Clone) -> proc_macro2::Ident {
    let mut n = 1;
    loop {
        let candidate = if n == 1 {
            "Unknown".to_string()
        } else {
            format!("Unknown{n}")
        };
        if !taken.clone().any(|t| t == candidate) {
            return format_ident!("{}", candidate);
        }
        n += 1;
    }
}

/// Edges `(a, b)` where type `a` holds `b` in place (a field or variant not
/// behind a list or map) and `b` leads back to `a` that way.
fn cyclic_edges(api: &Api) -> BTreeSet<(String, String)> {
    let direct = |kind: &TypeKind| -> Vec<String> {
        let refs: Vec<&TypeRef> = match kind {
            TypeKind::Struct { fields } => fields.iter().map(|f| &f.ty).collect(),
            TypeKind::Union { variants, .. } => variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Alias { ty } => vec![ty],
            TypeKind::Enum { .. } => Vec::new(),
        };
        refs.into_iter()
            .flat_map(|t| match t {
                TypeRef::Tuple(items) => items.iter().collect(),
                other => vec![other],
            })
            .filter_map(|t| match t {
                TypeRef::Named(name) => Some(name.clone()),
                _ => None,
            })
            .collect()
    };
    let edges: BTreeMap<&str, Vec<String>> = api
        .types
        .iter()
        .map(|t| (t.name.as_str(), direct(&t.kind)))
        .collect();
    let reaches = |from: &str, to: &str| {
        let mut stack = vec![from.to_string()];
        let mut seen = BTreeSet::new();
        while let Some(at) = stack.pop() {
            if at == to {
                return true;
            }
            if seen.insert(at.clone()) {
                stack.extend(edges.get(at.as_str()).into_iter().flatten().cloned());
            }
        }
        false
    };
    let mut out = BTreeSet::new();
    for (from, tos) in &edges {
        for to in tos {
            if reaches(to, from) {
                out.insert((from.to_string(), to.clone()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(schemas: &str) -> Api {
        crate::lower::lower_body(
            crate::profile::Profile::Generic,
            &format!("paths: {{}}\ncomponents:\n  schemas:\n{schemas}"),
        )
    }

    #[test]
    fn a_type_holding_a_float_anywhere_is_not_eq() {
        let api = api("    Weight: {type: object, properties: {kg: {type: number}}}
    Pet: {type: object, properties: {weights: {type: array, items: {$ref: '#/components/schemas/Weight'}}}}
    Owner: {type: object, properties: {pets: {type: object, additionalProperties: {$ref: '#/components/schemas/Pet'}}}}
    Tag: {type: object, properties: {name: {type: string}, count: {type: integer}}}
    Node: {type: object, properties: {next: {$ref: '#/components/schemas/Node'}, tag: {$ref: '#/components/schemas/Tag'}}}
    Either: {oneOf: [{$ref: '#/components/schemas/Tag'}, {type: number}]}
");
        let inexact = inexact_types(&api);
        let names: Vec<&str> = inexact.iter().map(String::as_str).collect();
        // Through a list, a map and a union; a cycle without floats is exact.
        assert_eq!(names, ["Either", "Owner", "Pet", "Weight"]);
    }
}
