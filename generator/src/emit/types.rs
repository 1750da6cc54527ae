//! The `types` module: one Rust item per [`NamedType`].

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{deprecated_attr, doc_attrs, paragraphs};
use super::{ident, rust_type};
use crate::ir::{Api, EnumVariant, Field, NamedType, TypeKind, UnionVariant};

pub(crate) fn types_rs(api: &Api) -> TokenStream {
    let items = api.types.iter().map(named_type);
    quote! {
        //! Resources and other types the API sends and receives.

        use serde::{Deserialize, Serialize};

        #(#items)*
    }
}

fn named_type(ty: &NamedType) -> TokenStream {
    let name = ident(&ty.name);
    let mut paragraphs = paragraphs(&ty.docs);
    if let Some(route) = &ty.route_path {
        paragraphs.push(format!("Resource of the `{route}` routes."));
    }
    let docs = doc_attrs(&paragraphs);
    let deprecated = deprecated_attr(&ty.docs);
    match &ty.kind {
        TypeKind::Struct { fields } => {
            let fields = fields.iter().map(struct_field);
            let allow = any_deprecated(&ty.kind).then(|| quote!(#[allow(deprecated)]));
            quote! {
                #docs
                #deprecated
                #allow
                #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
                pub struct #name {
                    #(#fields)*
                }
            }
        }
        TypeKind::Enum { variants } => string_enum(&name, &docs, &deprecated, variants),
        TypeKind::Union { variants, .. } => union(&name, &docs, &deprecated, variants),
        TypeKind::Alias { ty } => {
            let ty = rust_type(ty, true);
            quote! {
                #docs
                #deprecated
                pub type #name = #ty;
            }
        }
    }
}

fn any_deprecated(kind: &TypeKind) -> bool {
    matches!(kind, TypeKind::Struct { fields } if fields.iter().any(Field::is_deprecated))
}

/// A field of a resource type. Required fields are plain; a field that may
/// be absent or `null` is an `Option` that is left out when `None`.
fn struct_field(field: &Field) -> TokenStream {
    let name = ident(&field.rust_name);
    let docs = doc_attrs(&paragraphs(&field.docs));
    let deprecated = deprecated_attr(&field.docs);
    let ty = rust_type(&field.ty, true);
    let wire = &field.wire_name;
    let rename = (field.rust_name != *wire).then(|| quote!(#[serde(rename = #wire)]));
    let (ty, serde) = match (field.required, field.nullable) {
        (true, false) => (ty, quote!()),
        (true, true) => (quote!(Option<#ty>), quote!()),
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
    variants: &[EnumVariant],
) -> TokenStream {
    let unknown = unknown_variant(variants);
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

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str)*
                    Self::#unknown(value) => value,
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

/// `Unknown`, or `Unknown2`… when a value already took that name.
fn unknown_variant(variants: &[EnumVariant]) -> proc_macro2::Ident {
    let mut n = 1;
    loop {
        let candidate = if n == 1 {
            "Unknown".to_string()
        } else {
            format!("Unknown{n}")
        };
        if !variants.iter().any(|v| v.name == candidate) {
            return format_ident!("{}", candidate);
        }
        n += 1;
    }
}

/// A `oneOf`/`anyOf` union: an untagged enum tried variant by variant.
fn union(
    name: &proc_macro2::Ident,
    docs: &TokenStream,
    deprecated: &TokenStream,
    variants: &[UnionVariant],
) -> TokenStream {
    let arms = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ty = rust_type(&v.ty, true);
        let doc = v.tag.as_ref().map(|tag| {
            let text = format!(" `{tag}`");
            quote!(#[doc = #text])
        });
        quote! {
            #doc
            #variant(#ty),
        }
    });
    quote! {
        #docs
        #deprecated
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(untagged)]
        pub enum #name {
            #(#arms)*
        }
    }
}
