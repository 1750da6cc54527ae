//! Functions of a fixed shape (a request's setters, the `_with` accessors)
//! written as text.
//!
//! A crate has thousands of them, and each cost more to parse with `syn`
//! and print with prettyplease than everything else about it. Where every
//! line of one fits well within prettyplease's margin, it prints the
//! function exactly as written here, one statement per line; so while a
//! file's text is deferred (see [`docs::deferred`]), such a function is a
//! one-line placeholder item, `text!("…");`, that [`docs::fill`] replaces
//! by its lines. Anything longer, or outside deferred text, is built as
//! tokens and formatted by prettyplease as before.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::quote;

use super::docs;

/// The name of the placeholder item's macro.
pub(crate) const PLACEHOLDER_MACRO: &str = "text";

/// The widest line, indentation included, written here. prettyplease
/// breaks lines at 89 columns; this stays clear of its rules near there.
const WIDTH: usize = 80;

/// The function `lines` (relative to the item's indentation, `depth`
/// levels of four spaces) as a placeholder item when the file's text is
/// deferred and every line fits; `tokens()` otherwise. The placeholder
/// takes the function's attributes as tokens before it.
pub(crate) fn function(
    depth: usize,
    lines: Option<Vec<String>>,
    tokens: impl FnOnce() -> TokenStream,
) -> TokenStream {
    let fits = |lines: &Vec<String>| {
        lines
            .iter()
            .all(|line| 4 * depth + line.chars().count() <= WIDTH)
    };
    if let Some(lines) = lines.filter(fits) {
        if let Some(placeholder) = docs::defer(lines) {
            return quote!(text!(#placeholder););
        }
    }
    tokens()
}

/// A type's tokens as prettyplease prints them: paths, generics,
/// `impl Trait` and `Item = …` bindings. `None` for anything else (a tuple
/// or other group, a lifetime), which is left to prettyplease.
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
            Some(vec![
                "pub fn f(self) -> Self {".to_string(),
                "    self".to_string(),
                "}".to_string(),
            ])
        };
        let tokens = || {
            quote!(
                pub fn f(self) -> Self {
                    self
                }
            )
        };
        let (built, blocks) = docs::deferred(|| {
            let f = function(1, lines(), tokens);
            quote!(impl A { #f })
        });
        let text = prettyplease::unparse(&syn::parse2(built).expect("parses"));
        assert_eq!(text, "impl A {\n    text!(\"\\u{1}0\");\n}\n");
        let f = tokens();
        let plain = prettyplease::unparse(&syn::parse2(quote!(impl A { #f })).expect("parses"));
        assert_eq!(docs::fill(&text, &blocks).as_deref(), Some(plain.as_str()));

        // Too wide for its depth, or outside deferred text: tokens.
        let (built, blocks) = docs::deferred(|| function(19, lines(), tokens));
        assert!(blocks.is_empty());
        assert_eq!(built.to_string(), tokens().to_string());
        assert_eq!(
            function(1, lines(), tokens).to_string(),
            tokens().to_string()
        );
    }
}
