//! Each written item against prettyplease's printing of the same tokens.

use super::*;
use crate::emit::rust_type;
use crate::emit::text_layout::Doc;
use crate::ir::TypeRef;

/// The type as prettyplease prints it in `type T = …;`.
fn printed(ty: &TokenStream) -> String {
    let file = syn::parse2(quote!(type T = #ty;)).expect("parses");
    let text = prettyplease::unparse(&file);
    text.trim_start_matches("type T = ")
        .trim_end()
        .trim_end_matches(';')
        .to_string()
}

#[test]
fn types_are_written_as_prettyplease_prints_them() {
    let named = || Box::new(TypeRef::Named("type".into()));
    let types = [
        rust_type(&TypeRef::String, false),
        rust_type(&TypeRef::DateTime, false),
        rust_type(&TypeRef::Array(named()), false),
        rust_type(&TypeRef::Map(Box::new(TypeRef::Array(named()))), false),
        rust_type(&TypeRef::Named("Pet".into()), true),
        quote!(impl IntoIterator<Item = impl Into<String>>),
        quote!(Option<Option<chrono::DateTime<chrono::Utc>>>),
        quote!(crate::ResponseFuture<()>),
    ];
    for ty in &types {
        assert_eq!(type_source(ty).as_deref(), Some(printed(ty).as_str()));
    }
    assert_eq!(
        type_source(&types[3]).as_deref(),
        Some("std::collections::BTreeMap<String, Vec<crate::types::r#type>>")
    );
    let tuple = rust_type(&TypeRef::Tuple(vec![TypeRef::Bool]), false);
    assert_eq!(type_source(&tuple), None);
}

#[test]
fn a_function_that_fits_is_a_placeholder_filled_with_its_lines() {
    let function = |depth, statement: &str, exact| {
        let params = ["self".to_string()];
        let body = Doc::Flat(statement.to_string());
        laid_out(
            depth,
            "pub fn f",
            &params,
            " -> Self",
            &[(&body, "")],
            exact,
        )
    };
    let (built, blocks) = docs::deferred(|| {
        let f = function(1, "self", true);
        quote!(impl A { #f })
    });
    let text = prettyplease::unparse(&syn::parse2(built).expect("parses"));
    assert_eq!(text, "impl A {\n    text!(\"\\u{1}0\");\n}\n");
    let f = quote!(
        pub fn f(self) -> Self {
            self
        }
    );
    let plain = prettyplease::unparse(&syn::parse2(quote!(impl A { #f })).expect("parses"));
    assert_eq!(docs::fill(&text, &blocks).as_deref(), Some(plain.as_str()));

    // A statement prettyplease would break, parameters not as it
    // prints them, or outside deferred text: its tokens.
    let long = format!("{}.into()", "x".repeat(80));
    for (statement, exact) in [(long.as_str(), true), ("self", false)] {
        let (built, blocks) = docs::deferred(|| function(1, statement, exact));
        assert!(blocks.is_empty());
        let expected = format!("pub fn f(self) -> Self {{ {statement} }}");
        let expected: TokenStream = expected.parse().expect("tokens");
        assert_eq!(built.to_string(), expected.to_string());
    }
    assert_eq!(function(1, "self", true).to_string(), f.to_string());
}

#[test]
fn a_struct_is_written_as_prettyplease_prints_it() {
    let field = |name: &str, docs: &[&str], ty: TokenStream| FieldDecl {
        docs: docs.iter().map(|d| d.to_string()).collect(),
        deprecated: TokenStream::new(),
        name: crate::emit::ident(name),
        ty,
    };
    let name = crate::emit::ident("Pet");
    let long = format!("Option<Vec<{}>>", "Toy".repeat(25));
    let long: TokenStream = long.parse().expect("a type");
    let mut deprecated = field("old", &[], quote!(u8));
    deprecated.deprecated = quote!(#[deprecated]);
    let cases = [
        (
            vec![field(
                "id",
                &["The id.", "Second  paragraph."],
                quote!(String),
            )],
            1,
            true,
        ),
        (
            vec![field("type", &[], quote!(Option<Vec<crate::types::Kind>>))],
            2,
            true,
        ),
        // Too wide for its line, or deprecated: left to prettyplease.
        (vec![field("toys", &["Toys."], long)], 1, false),
        (vec![field("id", &[], quote!(u8)), deprecated], 1, false),
    ];
    for (fields, depth, as_text) in cases {
        let (built, blocks) = docs::deferred(|| derived(depth, struct_decl(depth, &name, &fields)));
        let written = blocks.iter().any(|b| b[0].starts_with("pub struct"));
        assert_eq!(written, as_text);
        let text = docs::fill(&formatted(built), &blocks).expect("filled");
        let printed = formatted(derived(depth, struct_decl(depth, &name, &fields)));
        assert_eq!(text, printed);
    }
}

/// `decl` with a derive, inside `depth` modules.
fn derived(depth: usize, decl: TokenStream) -> TokenStream {
    let mut item = quote!(#[derive(Clone)] #decl);
    for _ in 0..depth {
        item = quote!(mod m { #item });
    }
    item
}

/// prettyplease's text of `tokens`.
fn formatted(tokens: TokenStream) -> String {
    prettyplease::unparse(&syn::parse2(tokens).expect("parses"))
}

#[test]
fn an_enum_is_written_as_prettyplease_prints_it() {
    let variant = |name: &str, doc: Option<&str>, ty: Option<TokenStream>| VariantDecl {
        doc: doc.map(str::to_string),
        name: crate::emit::ident(name),
        ty,
    };
    let name = crate::emit::ident("Kind");
    let long: TokenStream = format!("Box<{}>", "Toy".repeat(30))
        .parse()
        .expect("a type");
    let cases = [
        (
            vec![
                variant("Dog", None, None),
                variant("type", None, None),
                variant("Unknown", Some(" Not known."), Some(quote!(String))),
            ],
            1,
            true,
        ),
        (
            vec![
                variant(
                    "Dog",
                    Some(" `dog` or `puppy`"),
                    Some(quote!(Box<crate::types::Dog>)),
                ),
                variant("Other", None, Some(quote!(Option<Vec<u8>>))),
            ],
            3,
            true,
        ),
        // Too wide for its line, or not spelled as prettyplease spells
        // it: left to prettyplease.
        (vec![variant("Toys", None, Some(long))], 1, false),
        (vec![variant("Pair", None, Some(quote!((bool,))))], 1, false),
    ];
    for (variants, depth, as_text) in cases {
        let (built, blocks) = docs::deferred(|| derived(depth, enum_decl(depth, &name, &variants)));
        let written = blocks.iter().any(|b| b[0].starts_with("pub enum"));
        assert_eq!(written, as_text);
        let text = docs::fill(&formatted(built), &blocks).expect("filled");
        let arms = variants.iter().map(|v| {
            let doc = v.doc.iter();
            let (variant, ty) = (&v.name, v.ty.as_ref().map(|ty| quote!((#ty))));
            quote!(#(#[doc = #doc])* #variant #ty,)
        });
        let printed = formatted(derived(depth, quote!(pub enum #name { #(#arms)* })));
        assert_eq!(text, printed);
    }
}

#[test]
fn text_that_does_not_read_is_a_compile_error_not_a_panic() {
    let tokens = tokens_of("pub fn f(\"", "function").to_string();
    assert!(tokens.starts_with(":: core :: compile_error !"), "{tokens}");
    assert_eq!(type_text(&quote!(Vec<u8>)), ("Vec<u8>".to_string(), true));
    let tuple = quote!((bool,));
    assert_eq!(type_text(&tuple), (tuple.to_string(), false));
}
