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
                let boxed = |target: &TypeRef| match target {
                    TypeRef::Named(to) => self.cyclic.contains(&(ty.name.clone(), to.clone())),
                    _ => false,
                };
                named_type(ty, self.cfg(ty), self.sent.contains(&ty.name), &boxed)
            })
            .collect()
    }

    fn root(&self) -> TokenStream {
        let declarations = self.tree.children.keys().map(|name| {
            let module = ident(name);
            quote!(pub mod #module;)
        });
        let reexports = self
            .api
            .types
            .iter()
            .filter(|ty| !ty.module.is_empty())
            .map(|ty| {
                let cfg = self.cfg(ty);
                let path = ty.module.iter().map(|m| ident(m));
                let name = ident(&ty.name);
                quote!(#cfg pub use self::#(#path::)*#name;)
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

fn named_type(
    ty: &NamedType,
    cfg: TokenStream,
    sent: bool,
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
            let decl = quote! {
                #[derive(Debug, Clone)]
                pub struct #name {
                    #(#declared)*
                }
            };
            (decl, struct_serde(&name, &cfg, &shapes))
        }
        TypeKind::Enum { variants } => string_enum(&name, &cfg, variants),
        TypeKind::Union { tags, variants } => union(&name, &cfg, tags, variants, boxed),
        TypeKind::Alias { ty } => {
            let ty = rust_type(ty, true);
            let decl = quote! {
                pub type #name = #ty;
            };
            (decl, quote!())
        }
    };
    // Structs get `PartialEq` with their serde shells (`object_impls!`).
    let eq = matches!(ty.kind, TypeKind::Union { .. }).then(|| {
        quote! {
            #cfg
            crate::codec::eq_by_json!(#name);
        }
    });
    quote! {
        #docs
        #cfg
        #deprecated
        #decl

        #eq

        #impls
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
    // A type that contains itself needs a `Box` to have a size.
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

/// `Serialize` and `Deserialize` for a struct: one helper call per field
/// (see the emitted `codec` module for why they are not derived).
fn struct_serde(
    name: &proc_macro2::Ident,
    cfg: &TokenStream,
    fields: &[(&Field, Shape)],
) -> TokenStream {
    // Each read gives an `Option` (the error is kept in `fields`), and one
    // `let … else` takes them all: no `?` per field, which is what made
    // these impls slow to compile.
    let (bindings, reads): (Vec<_>, Vec<_>) = fields
        .iter()
        .map(|(f, shape)| {
            let field = ident(&f.rust_name);
            let wire = &f.wire_name;
            let read = match shape {
                Shape::Required => quote!(required),
                Shape::RequiredOrEmpty => quote!(or_default),
                Shape::Nullable | Shape::Optional => quote!(optional),
                Shape::OptionalNullable => quote!(present),
            };
            (quote!(Some(#field)), quote!(fields.#read(#wire)))
        })
        .unzip();
    let names = fields.iter().map(|(f, _)| ident(&f.rust_name));
    let build = match bindings.as_slice() {
        [] => quote!(Ok(Self {})),
        [binding] => {
            let read = &reads[0];
            quote! {
                let #binding = #read else {
                    return Err(fields.into_error());
                };
                Ok(Self { #(#names),* })
            }
        }
        _ => quote! {
            let (#(#bindings),*) = (#(#reads),*) else {
                return Err(fields.into_error());
            };
            Ok(Self { #(#names),* })
        },
    };
    let writes = fields.iter().map(|(f, shape)| {
        let field = ident(&f.rust_name);
        let wire = &f.wire_name;
        match shape {
            Shape::Optional | Shape::OptionalNullable => {
                quote!(entries.put_some(#wire, &self.#field);)
            }
            _ => quote!(entries.put(#wire, &self.#field);),
        }
    });
    let fields_var = if fields.is_empty() {
        quote!(_fields)
    } else {
        quote!(mut fields)
    };
    let entries_var = if fields.is_empty() {
        quote!(_entries)
    } else {
        quote!(entries)
    };
    quote! {
        #cfg
        crate::codec::object_impls!(#name);

        #cfg
        impl crate::codec::ToEntries for #name {
            fn to_entries(&self, #entries_var: &mut crate::codec::Entries) {
                #(#writes)*
            }
        }

        #cfg
        impl crate::codec::FromFields for #name {
            fn from_fields(#fields_var: crate::codec::Fields) -> Result<Self, serde_json::Error> {
                #build
            }
        }
    }
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
    let reads = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let value = &v.value;
        quote!(#value => Self::#variant,)
    });
    let as_str = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let value = &v.value;
        quote!(Self::#variant => #value,)
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
        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str)*
                    Self::#unknown(value) => value,
                }
            }
        }

        #cfg
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #cfg
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #cfg
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <String as serde::Deserialize>::deserialize(deserializer)?;
                Ok(match value.as_str() {
                    #(#reads)*
                    _ => Self::#unknown(value),
                })
            }
        }
    };
    (decl, impls)
}

/// A `oneOf`/`anyOf` union. With tags, decoding reads the tag values and
/// decodes that variant only, keeping unknown combinations in `Unknown`;
/// without, variants are tried in order.
fn union(
    name: &proc_macro2::Ident,
    cfg: &TokenStream,
    tags: &[String],
    variants: &[UnionVariant],
    boxed: &dyn Fn(&TypeRef) -> bool,
) -> (TokenStream, TokenStream) {
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
    let serialize_arms = variants.iter().map(|v| {
        let variant = ident(&v.name);
        quote!(Self::#variant(value) => serde::Serialize::serialize(value, serializer),)
    });
    if tags.is_empty() {
        let attempts = variants.iter().map(|v| {
            let variant = ident(&v.name);
            quote! {
                if let Some(value) = crate::codec::attempt(&value) {
                    return Ok(Self::#variant(value));
                }
            }
        });
        let type_name = name.to_string();
        let decl = quote! {
            #[derive(Debug, Clone)]
            pub enum #name {
                #(#arms)*
            }
        };
        let impls = quote! {
            #cfg
            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    match self {
                        #(#serialize_arms)*
                    }
                }
            }

            #cfg
            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                    #(#attempts)*
                    Err(crate::codec::no_variant(#type_name))
                }
            }
        };
        return (decl, impls);
    }
    let unknown = unknown_name(variants.iter().map(|v| v.name.as_str()));
    let tag_doc = format!(
        " A combination of `{}` this version of the client does not know.",
        tags.join("` and `")
    );
    let reads = tags.iter().enumerate().map(|(i, tag)| {
        let var = format_ident!("tag{}", i);
        quote! {
            let #var = value.get(#tag).and_then(serde_json::Value::as_str).unwrap_or_default().to_owned();
        }
    });
    let vars: Vec<_> = (0..tags.len()).map(|i| format_ident!("tag{}", i)).collect();
    let single = tags.len() == 1;
    let scrutinee = if single {
        quote!(tag0.as_str())
    } else {
        quote!((#(#vars.as_str()),*))
    };
    let dispatch = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let values = &v.tags;
        let pattern = if single {
            quote!(#(#values)*)
        } else {
            quote!((#(#values),*))
        };
        quote!(#pattern => crate::codec::nested("", value).map(Self::#variant),)
    });
    let decl = quote! {
        #[derive(Debug, Clone)]
        pub enum #name {
            #(#arms)*
            #[doc = #tag_doc]
            #unknown(serde_json::Value),
        }
    };
    let impls = quote! {
        #cfg
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#serialize_arms)*
                    Self::#unknown(value) => serde::Serialize::serialize(value, serializer),
                }
            }
        }

        #cfg
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                #(#reads)*
                match #scrutinee {
                    #(#dispatch)*
                    _ => Ok(Self::#unknown(value)),
                }
            }
        }
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
