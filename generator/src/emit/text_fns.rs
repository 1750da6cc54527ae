//! Items of a fixed shape written as text: a request's setters, the
//! accessors, `send`, `new`, `validate` and `parts` (laid out by
//! [`text_layout`]), and struct and enum declarations.
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
use super::text_layout::{self, Statement};

/// The name of the placeholder item's macro.
pub(crate) const PLACEHOLDER_MACRO: &str = "text";

/// The function `head(params) tail { body }` at `depth` (levels of four
/// spaces): as a placeholder item filled with its lines when the file's
/// text is deferred, the parameters and body are `exact` (written as
/// prettyplease prints them, see [`type_text`]) and their layout is
/// certain (see [`text_layout`]); its tokens otherwise. Attributes given
/// as tokens before the placeholder come before the lines.
pub(crate) fn laid_out(
    depth: usize,
    head: &str,
    params: &[String],
    tail: &str,
    body: &[Statement],
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
    let members = fields.iter().map(|field| {
        if !field.deprecated.is_empty() {
            return None;
        }
        let docs = docs::doc_comment(&field.docs)?;
        let (ty, exact) = type_text(&field.ty);
        exact.then(|| (docs, format!("pub {}: {ty},", field.name)))
    });
    braced_lines(depth, format!("pub struct {name} {{"), members)
}

/// An enum's variant to declare.
pub(crate) struct VariantDecl {
    /// Its one doc line, if any (starting with a space, as `doc_line`'s).
    pub doc: Option<String>,
    pub name: proc_macro2::Ident,
    /// The type a tuple variant holds.
    pub ty: Option<TokenStream>,
}

/// `pub enum name { variants }` at `depth`: as a placeholder item filled
/// with its lines when the file's text is deferred and prettyplease would
/// print each variant on one line as written here (every type spelled as
/// prettyplease spells it, every line within its margin); its tokens
/// otherwise. Attributes given as tokens before it come before the lines.
pub(crate) fn enum_decl(
    depth: usize,
    name: &proc_macro2::Ident,
    variants: &[VariantDecl],
) -> TokenStream {
    if let Some(lines) = enum_lines(depth, name, variants) {
        if let Ok(placeholder) = docs::defer(lines) {
            return quote!(text!(#placeholder););
        }
    }
    let variants = variants.iter().map(|v| {
        let doc = v.doc.as_deref().map(docs::doc_line);
        let (variant, ty) = (&v.name, v.ty.as_ref().map(|ty| quote!((#ty))));
        quote!(#doc #variant #ty,)
    });
    quote!(pub enum #name { #(#variants)* })
}

/// The lines of [`enum_decl`], when certain.
fn enum_lines(
    depth: usize,
    name: &proc_macro2::Ident,
    variants: &[VariantDecl],
) -> Option<Vec<String>> {
    if variants.is_empty() {
        return None;
    }
    let members = variants.iter().map(|variant| {
        let docs = docs::comment_lines(variant.doc.iter().cloned().collect())?;
        let line = match &variant.ty {
            Some(ty) => {
                let (ty, exact) = type_text(ty);
                exact.then(|| format!("{}({ty}),", variant.name))?
            }
            None => format!("{},", variant.name),
        };
        Some((docs, line))
    });
    braced_lines(depth, format!("pub enum {name} {{"), members)
}

/// `head`, then each member (its doc comment and its line) indented a
/// level, then `}`: `None` when a member is `None` or its line does not
/// fit at `depth + 1` (prettyplease would break it).
fn braced_lines(
    depth: usize,
    head: String,
    members: impl Iterator<Item = Option<(Vec<String>, String)>>,
) -> Option<Vec<String>> {
    let mut lines = vec![head];
    for member in members {
        let (docs, line) = member?;
        if !text_layout::fits(4 * depth + 4, line.len()) {
            return None;
        }
        lines.extend(docs.into_iter().map(|doc| format!("    {doc}")));
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
mod tests;
