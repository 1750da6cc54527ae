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
pub(crate) fn types_files(
    api: &Api,
    needs: &BTreeMap<String, BTreeSet<Need>>,
) -> Vec<(String, TokenStream)> {
    // Types sent in requests keep "absent" and "null" apart.
    let sent = reachable(
        api,
        api.operations
            .iter()
            .flat_map(|op| op.params.iter().map(|f| &f.ty)),
    );
    let mut tree = Module::default();
    let mut reexports = Vec::new();
    for ty in &api.types {
        let mut node = &mut tree;
        for segment in &ty.module {
            node = node.children.entry(segment.clone()).or_default();
        }
        let cfg = needs.get(&ty.name).map(cfg_attr).unwrap_or_default();
        if !ty.module.is_empty() {
            let path = ty.module.iter().map(|m| ident(m));
            let name = ident(&ty.name);
            reexports.push(quote!(#cfg pub use self::#(#path::)*#name;));
        }
        node.items
            .push(named_type(ty, cfg, sent.contains(&ty.name)));
    }
    let tagged = api
        .types
        .iter()
        .any(|t| matches!(&t.kind, TypeKind::Union { tags, .. } if !tags.is_empty()));
    let helper = tagged.then(decode_variant_fn);
    let tri_state = api.types.iter().any(|t| {
        sent.contains(&t.name)
            && matches!(&t.kind, TypeKind::Struct { fields } if fields.iter().any(|f| !f.required && f.nullable))
    });
    let present = tri_state.then(|| {
        quote! {
            /// Decodes a field that is present, `null` included, as `Some`, so
            /// `Option<Option<T>>` tells an absent field (`None`) from `null`
            /// (`Some(None)`).
            #[allow(dead_code)]
            pub(crate) fn present<'de, T, D>(deserializer: D) -> Result<Option<T>, D::Error>
            where
                T: serde::Deserialize<'de>,
                D: serde::Deserializer<'de>,
            {
                serde::Deserialize::deserialize(deserializer).map(Some)
            }
        }
    });

    let declarations = tree.children.keys().map(|name| {
        let module = ident(name);
        quote!(pub mod #module;)
    });
    let items = &tree.items;
    let imports = (!items.is_empty()).then(|| {
        quote!(
            #[allow(unused_imports)]
            use serde::{Deserialize, Serialize};
        )
    });
    let mut files = vec![(
        "src/types/mod.rs".to_string(),
        quote! {
            //! Resources and other types the API sends and receives, in modules
            //! that mirror the API's routes; all are re-exported here.
            #![allow(deprecated)]
            #![allow(clippy::large_enum_variant)]

            #imports

            #(#declarations)*

            #(#reexports)*

            #(#items)*

            #helper

            #present
        },
    )];
    for (name, module) in &tree.children {
        let doc = format!(" Types of the `/{name}` routes.");
        let body = module_body(module);
        files.push((
            format!("src/types/{name}.rs"),
            quote! {
                #![doc = #doc]
                #![allow(deprecated)]
                #![allow(clippy::large_enum_variant)]

                #body
            },
        ));
    }
    files
}

/// Types of one route segment, and its nested segments.
#[derive(Default)]
struct Module {
    items: Vec<TokenStream>,
    children: BTreeMap<String, Module>,
}

fn module_body(module: &Module) -> TokenStream {
    let items = &module.items;
    let nested = module.children.iter().map(|(name, child)| {
        let ident = ident(name);
        let body = module_body(child);
        quote! {
            pub mod #ident {
                #body
            }
        }
    });
    // Unused when every item here is switched off by a feature.
    let imports = (!items.is_empty()).then(|| {
        quote!(
            #[allow(unused_imports)]
            use serde::{Deserialize, Serialize};
        )
    });
    quote! {
        #imports
        #[allow(unused_imports)]
        use crate::types::*;

        #(#items)*

        #(#nested)*
    }
}

fn named_type(ty: &NamedType, cfg: TokenStream, sent: bool) -> TokenStream {
    let name = ident(&ty.name);
    let mut paragraphs = paragraphs(&ty.docs);
    if let Some(route) = &ty.route_path {
        paragraphs.push(format!("Resource of the `{route}` routes."));
    }
    let docs = doc_attrs(&paragraphs);
    let deprecated = deprecated_attr(&ty.docs);
    match &ty.kind {
        TypeKind::Struct { fields } => {
            let fields = fields.iter().map(|f| struct_field(f, sent));
            quote! {
                #docs
                #cfg
                #deprecated
                #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
                pub struct #name {
                    #(#fields)*
                }
            }
        }
        TypeKind::Enum { variants } => {
            string_enum(&name, &docs, &quote!(#cfg #deprecated), &cfg, variants)
        }
        TypeKind::Union { tags, variants } => union(
            &name,
            &docs,
            &quote!(#cfg #deprecated),
            &cfg,
            tags,
            variants,
        ),
        TypeKind::Alias { ty } => {
            let ty = rust_type(ty, true);
            quote! {
                #docs
                #cfg
                #deprecated
                pub type #name = #ty;
            }
        }
    }
}

/// A field of a resource type. Required fields are plain; a field that may
/// be absent or `null` is an `Option` that is left out when `None`. In a
/// type sent in requests, an optional field that may be `null` is
/// `Option<Option<T>>`: `None` leaves it out, `Some(None)` sends `null`.
fn struct_field(field: &Field, sent: bool) -> TokenStream {
    let name = ident(&field.rust_name);
    let docs = doc_attrs(&field_paragraphs(field));
    let deprecated = deprecated_attr(&field.docs);
    let ty = rust_type(&field.ty, true);
    let wire = &field.wire_name;
    let rename = (field.rust_name != *wire).then(|| quote!(#[serde(rename = #wire)]));
    let (ty, serde) = match (field.required, field.nullable) {
        // A missing required list or map reads as empty: the same
        // information, and servers (Seam's fake among them) leave empty
        // ones out. Other missing required fields stay errors.
        (true, false) if matches!(field.ty, TypeRef::Array(_) | TypeRef::Map(_)) => {
            (ty, quote!(#[serde(default)]))
        }
        (true, false) => (ty, quote!()),
        (true, true) => (quote!(Option<#ty>), quote!()),
        (false, true) if sent => (
            quote!(Option<Option<#ty>>),
            quote!(#[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::types::present")]),
        ),
        (false, _) => (
            quote!(Option<#ty>),
            quote!(#[serde(default, skip_serializing_if = "Option::is_none")]),
        ),
    };
    quote! {
        #docs
        #deprecated
        #rename
        #serde
        pub #name: #ty,
    }
}

/// A string enum that keeps values it does not know in `Unknown`, so a new
/// value on the server does not break decoding.
fn string_enum(
    name: &proc_macro2::Ident,
    docs: &TokenStream,
    deprecated: &TokenStream,
    cfg: &TokenStream,
    variants: &[EnumVariant],
) -> TokenStream {
    let unknown = unknown_name(variants.iter().map(|v| v.name.as_str()));
    let arms = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let value = &v.value;
        quote! {
            #[serde(rename = #value)]
            #variant,
        }
    });
    let as_str = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let value = &v.value;
        quote!(Self::#variant => #value,)
    });
    quote! {
        #docs
        #deprecated
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum #name {
            #(#arms)*
            /// A value this version of the client does not know.
            #[serde(untagged)]
            #unknown(String),
        }

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
    }
}

/// A `oneOf`/`anyOf` union. With tags, decoding reads the tag values and
/// decodes that variant only, keeping unknown combinations in `Unknown`;
/// without, variants are tried in order.
fn union(
    name: &proc_macro2::Ident,
    docs: &TokenStream,
    deprecated: &TokenStream,
    cfg: &TokenStream,
    tags: &[String],
    variants: &[UnionVariant],
) -> TokenStream {
    let arms = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ty = rust_type(&v.ty, true);
        let doc = (!v.tags.is_empty()).then(|| {
            let text = format!(" `{}`", v.tags.join("` + `"));
            quote!(#[doc = #text])
        });
        quote! {
            #doc
            #variant(#ty),
        }
    });
    if tags.is_empty() {
        return quote! {
            #docs
            #deprecated
            #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
            #[serde(untagged)]
            pub enum #name {
                #(#arms)*
            }
        };
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
        quote!(#pattern => decode_variant(value).map(Self::#variant),)
    });
    quote! {
        #docs
        #deprecated
        #[derive(Debug, Clone, PartialEq, Serialize)]
        #[serde(untagged)]
        pub enum #name {
            #(#arms)*
            #[doc = #tag_doc]
            #unknown(serde_json::Value),
        }

        #cfg
        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = serde_json::Value::deserialize(deserializer)?;
                #(#reads)*
                match #scrutinee {
                    #(#dispatch)*
                    _ => Ok(Self::#unknown(value)),
                }
            }
        }
    }
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

/// Decodes one variant of a tagged union; the message keeps the path of
/// the field that did not fit.
fn decode_variant_fn() -> TokenStream {
    quote! {
        // Unused when features switch off every union that needs it.
        #[allow(dead_code)]
        fn decode_variant<T: serde::de::DeserializeOwned, E: serde::de::Error>(value: serde_json::Value) -> Result<T, E> {
            serde_path_to_error::deserialize(value).map_err(|e| {
                let path = e.path().to_string();
                let inner = e.into_inner();
                if path == "." {
                    E::custom(inner)
                } else {
                    E::custom(format!("{path}: {inner}"))
                }
            })
        }
    }
}
