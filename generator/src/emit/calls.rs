//! Calls of the type macros (`object!`, `params!`, `string_enum!`,
//! `tagged!`, `untagged!`), written as text.
//!
//! Their arguments are tables: a head, then one entry per line. prettyplease
//! prints a macro's tokens as a run of words wrapped like prose, so a call
//! built as tokens had to be parsed, printed and laid out again. Instead,
//! while a file's text is deferred (see [`docs::deferred`]), a call is a
//! one-line placeholder that [`docs::fill`] replaces by its lines, written
//! here; outside, its tokens are read from the same text.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{docs, text_fns};

/// The type macros, by the name `crate::macros` gives them.
pub(crate) const TYPE_MACROS: &[&str] = &["object", "params", "string_enum", "tagged", "untagged"];

/// `crate::macros::NAME!(head { entry, … });` with one entry per line, or
/// `crate::macros::NAME!(head);` when `entries` is `None`. `head` and the
/// entries are Rust as the crate writes it (see [`literal`]).
pub(crate) fn call(name: &'static str, head: String, entries: Option<Vec<String>>) -> TokenStream {
    match docs::defer(call_lines(head, entries)) {
        Ok(placeholder) => {
            let path = format_ident!("{name}");
            quote!(crate::macros::#path!(#placeholder);)
        }
        // The last line closes the call.
        Err(lines) => text_fns::tokens_of(
            &format!("crate::macros::{name}!({}", lines.join("\n")),
            &format!("`{name}!` call"),
        ),
    }
}

/// The call's arguments and closing `);` as lines: the first continues the
/// line with `crate::macros::NAME!(`, the others are indented as it is.
fn call_lines(head: String, entries: Option<Vec<String>>) -> Vec<String> {
    match entries {
        None => vec![format!("{head});")],
        Some(entries) if entries.is_empty() => vec![format!("{head} {{}});")],
        Some(entries) => {
            let mut lines = Vec::with_capacity(entries.len() + 2);
            lines.push(format!("{head} {{"));
            lines.extend(entries.iter().map(|entry| format!("    {entry},")));
            lines.push("});".to_string());
            lines
        }
    }
}

/// A string literal as Rust source (and prettyplease) writes it.
pub(crate) fn literal(value: &str) -> String {
    Literal::string(value).to_string()
}

/// `[a, b]`: a bracketed list of already-written items.
pub(crate) fn list<I: IntoIterator<Item = String>>(items: I) -> String {
    format!("[{}]", items.into_iter().collect::<Vec<_>>().join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_is_one_entry_per_line_in_and_out_of_deferred_text() {
        let build = || {
            call(
                "object",
                "Eq Pet".into(),
                Some(vec![
                    format!("required id({})", literal("id")),
                    format!("optional r#type({})", literal("a \"b\"")),
                ]),
            )
        };
        let plain = build().to_string();
        assert!(plain.contains("object ! (Eq Pet {"), "{plain}");
        assert!(plain.contains(r#"optional r#type ("a \"b\"")"#), "{plain}");

        let (tokens, blocks) = docs::deferred(build);
        let text = prettyplease::unparse(&syn::parse2(tokens).expect("parses"));
        assert_eq!(
            docs::fill(&text, &blocks).as_deref(),
            Some(
                "crate::macros::object!(Eq Pet {\n    required id(\"id\"),\n    optional r#type(\"a \\\"b\\\"\"),\n});\n"
            )
        );
    }

    #[test]
    fn a_call_without_entries_or_braces_is_one_line() {
        let (tokens, blocks) = docs::deferred(|| {
            let empty = call("object", "Empty".into(), Some(Vec::new()));
            let body = call(
                "params",
                format!("P, {}, body = photo", list(["id".into()])),
                None,
            );
            quote!(#empty #body)
        });
        let text = prettyplease::unparse(&syn::parse2(tokens).expect("parses"));
        assert_eq!(
            docs::fill(&text, &blocks).as_deref(),
            Some("crate::macros::object!(Empty {});\ncrate::macros::params!(P, [id], body = photo);\n")
        );
    }

    #[test]
    fn only_a_type_macro_placeholder_is_filled() {
        let blocks = vec![vec!["A {});".to_string()]];
        let other = "other!(\"\\u{1}0\");\n";
        assert_eq!(docs::fill(other, &blocks), None);
        let nested = "    object!(\"\\u{1}0\");\n";
        assert_eq!(
            docs::fill(nested, &blocks).as_deref(),
            Some("    object!(A {});\n")
        );
    }
}
