//! Items of a fixed shape written as text: a request's setters, the
//! accessors, `send`, `new` and `parts` (laid out by [`text_layout`]), a
//! `validate` that checks nothing, and struct declarations.
//!
//! A crate has thousands of them, and each cost more to parse with `syn`
//! and print with prettyplease than everything else about it. Where
//! prettyplease would print one exactly as written here, while a file's
//! text is deferred (see [`docs::deferred`]) it is a one-line placeholder
//! item, `text!("…");`, that [`docs::fill`] replaces by its lines.
//! Anything else, or outside deferred text, is tokens formatted by
//! prettyplease: read from the same text where there is one.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::quote;

use super::docs;
use super::text_layout::{self, Doc};

/// The name of the placeholder item's macro.
pub(crate) const PLACEHOLDER_MACRO: &str = "text";

/// The widest line, indentation included, written here. prettyplease
/// breaks lines at 89 columns; this stays clear of its rules near there.
const WIDTH: usize = 80;

/// The function `lines` (relative to the item's indentation, `depth`
/// levels of four spaces) as a placeholder item when the file's text is
/// deferred, the lines are `exact` (written as prettyplease prints them,
/// see [`type_text`]) and every line fits; its tokens otherwise.
/// Attributes given as tokens before the placeholder come before the lines.
pub(crate) fn function(depth: usize, lines: Vec<String>, exact: bool) -> TokenStream {
    let fits = lines
        .iter()
        .all(|line| 4 * depth + line.chars().count() <= WIDTH);
    let lines = match exact && fits {
        true => match docs::defer(lines) {
            Ok(placeholder) => return quote!(text!(#placeholder);),
            Err(lines) => lines,
        },
        false => lines,
    };
    tokens_of(&lines.join("\n"), "function")
}

/// The function `head(params) tail { body }` at `depth`: as a placeholder
/// item filled with its lines when the file's text is deferred, the
/// parameters and body are `exact` and their layout is certain (see
/// [`text_layout`]); its tokens otherwise.
pub(crate) fn laid_out(
    depth: usize,
    head: &str,
    params: &[String],
    tail: &str,
    body: &Doc,
    exact: bool,
) -> TokenStream {
    let lines = exact
        .then(|| text_layout::function(4 * depth, head, params, tail, body))
        .flatten();
    if let Some(lines) = lines {
        if let Ok(placeholder) = docs::defer(lines) {
            return quote!(text!(#placeholder););
        }
    }
    tokens_of(
        &text_layout::function_text(head, params, tail, body),
        "function",
    )
}

/// A struct's field to declare.
pub(crate) struct FieldDecl {
    /// Its doc comment's paragraphs.
    pub docs: Vec<String>,
    /// Its `#[deprecated]`, if any.
    pub deprecated: TokenStream,
    pub name: proc_macro2::Ident,
    pub ty: TokenStream,
}

/// `pub struct name { fields }` at `depth`: as a placeholder item filled
/// with its lines when the file's text is deferred and prettyplease would
/// print each field on one line as written here (no field deprecated,
/// every type spelled as prettyplease spells it, every line within its
/// margin); its tokens otherwise. Attributes given as tokens before it
/// come before the lines.
pub(crate) fn struct_decl(
    depth: usize,
    name: &proc_macro2::Ident,
    fields: &[FieldDecl],
) -> TokenStream {
    if let Some(lines) = struct_lines(depth, name, fields) {
        if let Ok(placeholder) = docs::defer(lines) {
            return quote!(text!(#placeholder););
        }
    }
    let fields = fields.iter().map(|f| {
        let (docs, deprecated) = (docs::doc_attrs(&f.docs), &f.deprecated);
        let (name, ty) = (&f.name, &f.ty);
        quote!(#docs #deprecated pub #name: #ty,)
    });
    quote!(pub struct #name { #(#fields)* })
}

/// The lines of [`struct_decl`], when certain.
fn struct_lines(
    depth: usize,
    name: &proc_macro2::Ident,
    fields: &[FieldDecl],
) -> Option<Vec<String>> {
    if fields.is_empty() {
        return None;
    }
    let mut lines = vec![format!("pub struct {name} {{")];
    for field in fields {
        if !field.deprecated.is_empty() {
            return None;
        }
        let docs = docs::doc_comment(&field.docs)?;
        lines.extend(docs.into_iter().map(|line| format!("    {line}")));
        let (ty, exact) = type_text(&field.ty);
        let line = format!("pub {}: {ty},", field.name);
        if !exact || !text_layout::fits(4 * depth + 4, line.len()) {
            return None;
        }
        lines.push(format!("    {line}"));
    }
    lines.push("}".to_string());
    Some(lines)
}

/// The tokens of Rust the generator wrote as text (`what` names it in the
/// error). The text is made of identifiers, literals and types as
/// `proc_macro2` writes them, so it always reads; were it not to, the
/// crate gets a `compile_error!` saying so, not a panic here.
pub(crate) fn tokens_of(text: &str, what: &str) -> TokenStream {
    text.parse().unwrap_or_else(|e: proc_macro2::LexError| {
        let message = format!("cannot read the {what} `{text}`: {e}");
        quote!(::core::compile_error!(#message);)
    })
}

/// A type as written in a function's text: as prettyplease prints it, and
/// `true`, when [`type_source`] can; else as `proc_macro2` writes it (valid
/// Rust, spaced otherwise), and `false`.
pub(crate) fn type_text(tokens: &TokenStream) -> (String, bool) {
    match type_source(tokens) {
        Some(text) => (text, true),
        None => (tokens.to_string(), false),
    }
}

/// A type's tokens as prettyplease prints them: paths, generics,
/// `impl Trait`, `Item = …` bindings and `()`. `None` for anything else (a
/// tuple or other group, a lifetime), which is left to prettyplease.
pub(crate) fn type_source(tokens: &TokenStream) -> Option<String> {
    let mut out = String::new();
    let mut after_word = false;
    for token in tokens.clone() {
        match token {
            TokenTree::Ident(ident) => {
                if after_word {
                    out.push(' ');
                }
                out.push_str(&ident.to_string());
                after_word = true;
            }
            TokenTree::Punct(punct) => {
                match punct.as_char() {
                    ',' => out.push_str(", "),
                    '=' => out.push_str(" = "),
                    c @ (':' | '<' | '>') => out.push(c),
                    _ => return None,
                }
                after_word = false;
            }
            TokenTree::Group(group)
                if group.delimiter() == Delimiter::Parenthesis && group.stream().is_empty() =>
            {
                out.push_str("()");
                after_word = false;
            }
            TokenTree::Group(group) if group.delimiter() == Delimiter::None => {
                let inner = type_source(&group.stream())?;
                if after_word && !inner.is_empty() {
                    out.push(' ');
                }
                out.push_str(&inner);
                after_word = !inner.is_empty();
            }
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::rust_type;
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
        let lines = || {
            vec![
                "pub fn f(self) -> Self {".to_string(),
                "    self".to_string(),
                "}".to_string(),
            ]
        };
        let tokens = || {
            quote!(
                pub fn f(self) -> Self {
                    self
                }
            )
        };
        let (built, blocks) = docs::deferred(|| {
            let f = function(1, lines(), true);
            quote!(impl A { #f })
        });
        let text = prettyplease::unparse(&syn::parse2(built).expect("parses"));
        assert_eq!(text, "impl A {\n    text!(\"\\u{1}0\");\n}\n");
        let f = tokens();
        let plain = prettyplease::unparse(&syn::parse2(quote!(impl A { #f })).expect("parses"));
        assert_eq!(docs::fill(&text, &blocks).as_deref(), Some(plain.as_str()));

        // Too wide for its depth, not as prettyplease prints it, or outside
        // deferred text: its tokens.
        for (depth, exact) in [(19, true), (1, false)] {
            let (built, blocks) = docs::deferred(|| function(depth, lines(), exact));
            assert!(blocks.is_empty());
            assert_eq!(built.to_string(), tokens().to_string());
        }
        assert_eq!(function(1, lines(), true).to_string(), tokens().to_string());
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
            let wrap = |decl: TokenStream| {
                let mut item = quote!(#[derive(Clone)] #decl);
                for _ in 0..depth {
                    item = quote!(mod m { #item });
                }
                item
            };
            let format = |tokens| prettyplease::unparse(&syn::parse2(tokens).expect("parses"));
            let (built, blocks) = docs::deferred(|| wrap(struct_decl(depth, &name, &fields)));
            let written = blocks.iter().any(|b| b[0].starts_with("pub struct"));
            assert_eq!(written, as_text);
            let text = docs::fill(&format(built), &blocks).expect("filled");
            let printed = format(wrap(struct_decl(depth, &name, &fields)));
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
}
