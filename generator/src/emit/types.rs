//! The `types` module: one Rust item per [`NamedType`].

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::calls;
use super::docs::{deprecated_attr, doc_attrs, field_paragraphs, paragraphs};
use super::text_fns::{self, FieldDecl, VariantDecl};
use super::{ident, rust_type};
use std::collections::{BTreeMap, BTreeSet};

use super::features::{cfg_attr, Need};
use crate::ir::{Api, EnumVariant, Field, NamedType, TypeKind, TypeRef, UnionVariant};

/// The `types` module: `src/types/mod.rs` and one file per top-level
/// route segment, with nested route segments as inline modules. Every type
/// is also re-exported from `types` itself.
pub(crate) struct Types<'a> {
    api: &'a Api,
    needs: &'a BTreeMap<String, BTreeSet<Need>>,
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
        let mut tree = Module::default();
        for ty in &api.types {
            let mut node = &mut tree;
            for segment in &ty.module {
                node = node.children.entry(segment.clone()).or_default();
            }
            node.items.push(ty);
        }
        Types { api, needs, tree }
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
        let body = self.module_body(module, 0);
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

    /// The module's types, at `depth` levels of nesting in their file.
    fn items(&self, module: &Module<'_>, depth: usize) -> Vec<TokenStream> {
        module
            .items
            .iter()
            .map(|ty| named_type(ty, self.cfg(ty), depth))
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
        let items = self.items(&self.tree, 0);
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

    fn module_body(&self, module: &Module<'_>, depth: usize) -> TokenStream {
        let items = self.items(module, depth);
        let nested = module.children.iter().map(|(name, child)| {
            let ident = ident(name);
            let body = self.module_body(child, depth + 1);
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

fn named_type(ty: &NamedType, cfg: TokenStream, depth: usize) -> TokenStream {
    let (sent, exact) = (ty.sent, !ty.inexact);
    let name = ident(&ty.name);
    let mut paragraphs = paragraphs(&ty.docs);
    if let Some(route) = &ty.route_path {
        paragraphs.push(format!("Resource of the `{route}` routes."));
    }
    if let TypeKind::Alias {
        ty: TypeRef::Named(target),
    } = &ty.kind
    {
        paragraphs.push(format!("Another name for [`{target}`]."));
    }
    let docs = doc_attrs(&paragraphs);
    let deprecated = deprecated_attr(&ty.docs);
    let (decl, impls) = match &ty.kind {
        TypeKind::Struct { fields } => {
            let shapes: Vec<_> = fields.iter().map(|f| (f, Shape::of(f, sent))).collect();
            let declared = shapes
                .iter()
                .map(|(f, shape)| struct_field(f, *shape, f.boxed))
                .collect::<Vec<_>>();
            // A value sent in requests is built naming only what is set:
            // from `Default` when nothing is required, else from `new`.
            let needed: Vec<&Field> = shapes
                .iter()
                .filter(|(_, shape)| matches!(shape, Shape::Required))
                .map(|(f, _)| *f)
                .collect();
            let default = (sent && needed.is_empty()).then(|| quote!(Default,));
            // `Debug` and `PartialEq` come from the macro (by JSON).
            let decl = text_fns::struct_decl(depth, &name, &declared);
            let decl = quote! {
                #[derive(Clone, #default)]
                #decl
            };
            let mut impls = struct_serde(&name, &cfg, exact, &shapes);
            if sent && !needed.is_empty() {
                impls.extend(constructor(&name, &cfg, fields, &needed));
            }
            (decl, impls)
        }
        TypeKind::Enum { variants } => string_enum(&name, &cfg, variants, depth),
        TypeKind::Union { tags, variants } => union(&name, &cfg, exact, tags, variants, depth),
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
        match (&f.ty, f.boxed) {
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

fn struct_field(field: &Field, shape: Shape, boxed: bool) -> FieldDecl {
    let ty = rust_type(&field.ty, true);
    // A type that contains itself needs a `Box` to have a size; a large
    // one is boxed so that it is not copied as it is decoded.
    let ty = if boxed { quote!(Box<#ty>) } else { ty };
    let ty = match shape {
        Shape::Required | Shape::RequiredOrEmpty => ty,
        Shape::Nullable | Shape::Optional => quote!(Option<#ty>),
        Shape::OptionalNullable => quote!(Option<Option<#ty>>),
    };
    FieldDecl {
        docs: field_paragraphs(field),
        deprecated: deprecated_attr(&field.docs),
        name: ident(&field.rust_name),
        ty,
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
    let entries = fields
        .iter()
        .map(|(f, shape)| format!("{} {}", shape.kind(), field_key(f)))
        .collect();
    let call = calls::call(
        "object",
        format!("{}{name}", eq_prefix(exact)),
        Some(entries),
    );
    quote! {
        #cfg
        #call
    }
}

/// `Eq ` before the type's name in a type macro's head when the type is
/// `Eq`.
fn eq_prefix(exact: bool) -> &'static str {
    if exact {
        "Eq "
    } else {
        ""
    }
}

/// A field as the `object!` and `params!` macros take it: its Rust name
/// and its wire name. (Leaving out a wire name equal to the Rust name
/// would need a helper macro per field, which took the compiler about 0.5 s
/// longer to expand on Seam's spec.)
pub(crate) fn field_key(field: &Field) -> String {
    format!(
        "{}({})",
        ident(&field.rust_name),
        calls::literal(&field.wire_name)
    )
}

/// A string enum that keeps values it does not know in `Unknown`, so a new
/// value on the server does not break decoding.
fn string_enum(
    name: &proc_macro2::Ident,
    cfg: &TokenStream,
    variants: &[EnumVariant],
    depth: usize,
) -> (TokenStream, TokenStream) {
    let unknown = unknown_name(variants.iter().map(|v| v.name.as_str()));
    let mut declared: Vec<VariantDecl> = variants
        .iter()
        .map(|v| VariantDecl {
            doc: None,
            name: ident(&v.name),
            ty: None,
        })
        .collect();
    declared.push(VariantDecl {
        doc: Some(" A value this version of the client does not know.".to_string()),
        name: unknown.clone(),
        ty: Some(quote!(String)),
    });
    let values = variants
        .iter()
        .map(|v| format!("{}({})", ident(&v.name), calls::literal(&v.value)))
        .collect();
    let decl = text_fns::enum_decl(depth, name, &declared);
    let decl = quote! {
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #decl
    };
    let call = calls::call("string_enum", format!("{name}, {unknown}"), Some(values));
    let impls = quote! {
        #cfg
        #call
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
    depth: usize,
) -> (TokenStream, TokenStream) {
    let mut declared: Vec<VariantDecl> = variants
        .iter()
        .map(|v| {
            let ty = rust_type(&v.ty, true);
            let ty = if v.boxed { quote!(Box<#ty>) } else { ty };
            let doc = (!v.tags.is_empty()).then(|| {
                // Every combination of values that selects the variant.
                let combinations: Vec<String> = std::iter::once(&v.tags)
                    .chain(&v.alternatives)
                    .map(|values| format!("`{}`", values.join("` + `")))
                    .collect();
                format!(" {}", combinations.join(" or "))
            });
            VariantDecl {
                doc,
                name: ident(&v.name),
                ty: Some(ty),
            }
        })
        .collect();
    let head = format!("{}{name}", eq_prefix(exact));
    if tags.is_empty() {
        let names = variants
            .iter()
            .map(|v| ident(&v.name).to_string())
            .collect();
        let decl = text_fns::enum_decl(depth, name, &declared);
        let decl = quote! {
            #[derive(Clone)]
            #decl
        };
        let call = calls::call("untagged", head, Some(names));
        let impls = quote! {
            #cfg
            #call
        };
        return (decl, impls);
    }
    let unknown = unknown_name(variants.iter().map(|v| v.name.as_str()));
    declared.push(VariantDecl {
        doc: Some(format!(
            " A combination of `{}` this version of the client does not know, or a value whose \
             variant does not fit: the JSON as received, and why.",
            tags.join("` and `")
        )),
        name: unknown.clone(),
        ty: Some(quote!(crate::UnknownVariant)),
    });
    let values = |values: &[String]| calls::list(values.iter().map(|v| calls::literal(v)));
    let dispatch = variants
        .iter()
        .map(|v| {
            let alternatives: String = v
                .alternatives
                .iter()
                .map(|alt| format!(" | {}", values(alt)))
                .collect();
            format!("{}{alternatives} => {}", values(&v.tags), ident(&v.name))
        })
        .collect();
    let decl = text_fns::enum_decl(depth, name, &declared);
    let decl = quote! {
        #[derive(Clone)]
        #decl
    };
    let head = format!("{head}, {unknown}, {}", values(tags));
    let call = calls::call("tagged", head, Some(dispatch));
    let impls = quote! {
        #cfg
        #call
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Docs, TypeRef};

    fn field(name: &str, ty: TypeRef, required: bool) -> Field {
        Field::plain(name, name, ty, required)
    }

    fn named(name: &str, kind: TypeKind) -> NamedType {
        NamedType {
            name: name.into(),
            pointer: String::new(),
            docs: Docs::default(),
            route_path: None,
            module: Vec::new(),
            kind,
            sent: false,
            inexact: false,
            needs: None,
        }
    }

    fn text(tokens: TokenStream) -> String {
        tokens.to_string()
    }

    #[test]
    fn a_struct_prints_what_the_plan_decided() {
        let mut next = field("next", TypeRef::Named("Node".into()), true);
        next.boxed = true;
        let name = field("name", TypeRef::String, false);
        let mut node = named(
            "Node",
            TypeKind::Struct {
                fields: vec![next, name],
            },
        );
        let received = text(named_type(&node, TokenStream::new(), 0));
        assert!(received.contains("next : Box < Node >"), "{received}");
        assert!(!received.contains("fn new"), "{received}");
        assert!(received.contains("Eq"), "{received}");
        // Sent, with a required field: built with `new`, which boxes.
        node.sent = true;
        node.inexact = true;
        let sent = text(named_type(&node, TokenStream::new(), 0));
        assert!(sent.contains("pub fn new (next : Node)"), "{sent}");
        assert!(sent.contains("next : Box :: new (next)"), "{sent}");
        assert!(!sent.contains(" Eq"), "{sent}");
    }

    #[test]
    fn a_sent_struct_with_nothing_required_is_default() {
        let mut tag = named(
            "Tag",
            TypeKind::Struct {
                fields: vec![field("label", TypeRef::String, false)],
            },
        );
        assert!(!text(named_type(&tag, TokenStream::new(), 0)).contains("Default"));
        tag.sent = true;
        assert!(text(named_type(&tag, TokenStream::new(), 0)).contains("Default"));
    }

    #[test]
    fn a_union_boxes_the_variants_the_plan_boxed() {
        let variant = |name: &str, ty: TypeRef, boxed: bool| UnionVariant {
            name: name.into(),
            tags: Vec::new(),
            alternatives: Vec::new(),
            ty,
            boxed,
        };
        let either = named(
            "Either",
            TypeKind::Union {
                tags: Vec::new(),
                variants: vec![
                    variant("Big", TypeRef::Named("Big".into()), true),
                    variant("Text", TypeRef::String, false),
                ],
            },
        );
        let printed = text(named_type(&either, TokenStream::new(), 0));
        assert!(printed.contains("Big (Box < Big >)"), "{printed}");
        assert!(printed.contains("Text (String)"), "{printed}");
    }

    #[test]
    fn the_cfg_given_goes_first() {
        let ty = named("Alias", TypeKind::Alias { ty: TypeRef::Bool });
        let printed = text(named_type(&ty, quote!(#[cfg(feature = "pets")]), 0));
        assert!(
            printed.starts_with("# [cfg (feature = \"pets\")]"),
            "{printed}"
        );
        assert!(printed.contains("pub type Alias = bool"), "{printed}");
    }

    #[test]
    fn an_alias_of_a_named_type_says_so() {
        let ty = named(
            "DailyCategory",
            TypeKind::Alias {
                ty: TypeRef::Named("Category".into()),
            },
        );
        let printed = text(named_type(&ty, TokenStream::new(), 0));
        assert!(
            printed.contains("Another name for [`Category`]."),
            "{printed}"
        );
        assert!(
            printed.contains("pub type DailyCategory = Category"),
            "{printed}"
        );
        let plain = text(named_type(
            &named("Flag", TypeKind::Alias { ty: TypeRef::Bool }),
            TokenStream::new(),
            0,
        ));
        assert!(!plain.contains("Another name"), "{plain}");
    }
}
