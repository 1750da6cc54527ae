//! The enum of an operation's declared error responses (`404`, `4XX`,
//! `default` with a JSON body), which the client returns inside
//! `Error::Declared`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use std::collections::BTreeSet;

use super::features::{cfg_attr, Need};
use super::rust_type;
use crate::ir::{Api, ErrorResponse, ErrorStatus, Operation, SharedErrors};
use crate::naming;

/// The enum of an operation's declared error responses, its `Display`, and
/// `decode`, which the client calls with an error response's status and body.
pub(crate) fn error_enum(
    op: &Operation,
    error: &proc_macro2::Ident,
    group_struct: &proc_macro2::Ident,
    method: &proc_macro2::Ident,
    cfg: &TokenStream,
) -> TokenStream {
    let doc = format!(
        " An error response of [`{group_struct}::{method}`] that the spec describes, with its decoded body; the client returns it as [`Error::Declared`](crate::Error::Declared)."
    );
    errors_enum(&op.errors, error, &doc, cfg, quote!())
}

/// An operation's error name, when other operations declare the same
/// errors: an alias of their shared enum in the `errors` module.
pub(crate) fn shared_errors_alias(
    shared: &SharedErrors,
    error: &proc_macro2::Ident,
    group_struct: &proc_macro2::Ident,
    method: &proc_macro2::Ident,
    cfg: &TokenStream,
) -> TokenStream {
    let name = format_ident!("{}", shared.name);
    let doc = format!(
        " An error response of [`{group_struct}::{method}`] that the spec describes, with its decoded body; the client returns it as [`Error::Declared`](crate::Error::Declared). {} operations declare the same errors, and share their enum.",
        shared.operations.len()
    );
    quote! {
        #[doc = #doc]
        #cfg
        pub type #error = crate::errors::#name;
    }
}

/// `src/errors.rs`: the enums of error responses that several operations
/// declare alike.
pub(crate) fn errors_rs(api: &Api) -> TokenStream {
    let enums = api.shared_errors.iter().map(|shared| {
        let name = format_ident!("{}", shared.name);
        let mut users: Vec<String> = shared
            .operations
            .iter()
            .take(3)
            .filter_map(|&i| api.operations.get(i))
            .map(|op| format!("`{}`", op.label()))
            .collect();
        if shared.operations.len() > users.len() {
            users.push(format!("{} more", shared.operations.len() - users.len()));
        }
        let doc = format!(
            " Error responses that {} operations declare alike, with their decoded bodies: {}. Each operation's own error type is an alias of this one; the client returns it as [`Error::Declared`](crate::Error::Declared).",
            shared.operations.len(),
            list(&users),
        );
        let needs: BTreeSet<Need> = shared.needs.iter().cloned().collect();
        errors_enum(&shared.errors, &name, &doc, &cfg_attr(&needs), quote!(pub(crate)))
    });
    quote! {
        //! Error responses that several operations declare alike (the same
        //! statuses, bodies and descriptions) share one enum here, named for
        //! the statuses it covers; each operation's error type is an alias
        //! of one.

        #(#enums)*
    }
}

/// `a`, `a and b`, `a, b and c`.
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// An enum of declared error responses, its `Display`, and `decode` (with
/// visibility `decode_vis`).
fn errors_enum(
    errors: &[ErrorResponse],
    error: &proc_macro2::Ident,
    doc: &str,
    cfg: &TokenStream,
    decode_vis: TokenStream,
) -> TokenStream {
    let mut variants = Vec::new();
    let mut shows = Vec::new();
    let mut arms = Vec::new();
    for declared in errors {
        let variant = format_ident!("{}", naming::status_name(declared.status));
        let ty = rust_type(&declared.ty, false);
        let (status, pattern) = match declared.status {
            ErrorStatus::Code(code) => (code.to_string(), quote!(#code)),
            ErrorStatus::Range(digit) => {
                let (low, high) = (digit * 100, digit * 100 + 99);
                (format!("{digit}XX"), quote!(#low..=#high))
            }
            ErrorStatus::Default => ("default".to_string(), quote!(_)),
        };
        let description = declared
            .description
            .clone()
            .unwrap_or_else(|| format!("HTTP {status}"));
        let variant_doc = super::docs::doc_line(&format!(" `{status}`: {description}"));
        variants.push(quote! {
            #variant_doc
            #variant(#ty),
        });
        let summary = description
            .lines()
            .next()
            .unwrap_or_default()
            .trim_end_matches('.')
            .to_string();
        shows.push(quote!(Self::#variant(body) => crate::error::show_declared(f, #summary, body),));
        arms.push((
            pattern,
            quote!(Self::#variant(crate::from_slice(body).ok()?)),
        ));
    }
    let decode = match arms.as_slice() {
        [(pattern, build)] if pattern.to_string() == "_" => quote! {
            let _ = status;
            Some(Box::new(#build))
        },
        _ => {
            let fallback = arms
                .iter()
                .all(|(pattern, _)| pattern.to_string() != "_")
                .then(|| quote!(_ => return None,));
            let arms = arms
                .iter()
                .map(|(pattern, build)| quote!(#pattern => #build,));
            quote! {
                let error = match status {
                    #(#arms)*
                    #fallback
                };
                Some(Box::new(error))
            }
        }
    };
    quote! {
        #[doc = #doc]
        #cfg
        #[derive(Debug, Clone, PartialEq)]
        pub enum #error {
            #(#variants)*
        }

        #cfg
        impl std::fmt::Display for #error {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    #(#shows)*
                }
            }
        }

        #cfg
        impl std::error::Error for #error {}

        #cfg
        impl #error {
            /// Decodes an error response with `status`, if the spec describes
            /// it and the body fits.
            #decode_vis fn decode(status: u16, body: &[u8]) -> Option<crate::error::Detail> {
                #decode
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::sample::{operation, squeeze};
    use crate::ir::TypeRef;

    fn printed(errors: Vec<ErrorResponse>) -> String {
        let mut op = operation("show", "/pets/{id}", Vec::new(), None);
        op.errors = errors;
        let (error, group, method) = (
            format_ident!("ShowError"),
            format_ident!("Pets"),
            format_ident!("show"),
        );
        squeeze(&error_enum(
            &op,
            &error,
            &group,
            &method,
            &TokenStream::new(),
        ))
    }

    fn declared(status: ErrorStatus, ty: &str) -> ErrorResponse {
        ErrorResponse {
            status,
            description: Some("Not there.".into()),
            ty: TypeRef::Named(ty.into()),
        }
    }

    #[test]
    fn each_status_is_a_variant_decoded_from_its_range() {
        let text = printed(vec![
            declared(ErrorStatus::Code(404), "Missing"),
            declared(ErrorStatus::Range(5), "Broken"),
        ]);
        assert!(text.contains("NotFound(crate::types::Missing)"), "{text}");
        assert!(text.contains("404u16=>Self::NotFound"), "{text}");
        assert!(
            text.contains("500u16..=599u16=>Self::ServerError"),
            "{text}"
        );
        // Statuses the spec does not describe are not decoded.
        assert!(text.contains("_=>returnNone"), "{text}");
        assert!(
            text.contains("show_declared(f,\"Notthere\",body)"),
            "{text}"
        );
    }

    #[test]
    fn a_default_alone_takes_every_status() {
        let text = printed(vec![declared(ErrorStatus::Default, "Problem")]);
        assert!(text.contains("let_=status;"), "{text}");
        assert!(!text.contains("returnNone"), "{text}");
    }

    #[test]
    fn an_operation_sharing_its_errors_names_the_shared_enum() {
        let shared = SharedErrors {
            name: "Status404".into(),
            errors: vec![declared(ErrorStatus::Code(404), "Missing")],
            operations: vec![0, 1],
            needs: Vec::new(),
        };
        let (error, group, method) = (
            format_ident!("ShowError"),
            format_ident!("Pets"),
            format_ident!("show"),
        );
        let text = squeeze(&shared_errors_alias(
            &shared,
            &error,
            &group,
            &method,
            &TokenStream::new(),
        ));
        assert!(
            text.contains("pubtypeShowError=crate::errors::Status404;"),
            "{text}"
        );
        assert!(!text.contains("pubenum"), "{text}");
        // The shared enum's `decode` is called from the operations' modules.
        let text = squeeze(&errors_enum(
            &shared.errors,
            &format_ident!("Status404"),
            "",
            &TokenStream::new(),
            quote!(pub(crate)),
        ));
        assert!(text.contains("pub(crate)fndecode("), "{text}");
    }
}
