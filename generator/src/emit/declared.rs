//! The enum of an operation's declared error responses (`404`, `4XX`,
//! `default` with a JSON body), which the client returns inside
//! `Error::Declared`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust_type;
use crate::ir::{ErrorStatus, Operation};
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
    let mut variants = Vec::new();
    let mut shows = Vec::new();
    let mut arms = Vec::new();
    for declared in &op.errors {
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
        let variant_doc = format!(" `{status}`: {description}");
        variants.push(quote! {
            #[doc = #variant_doc]
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
            fn decode(status: u16, body: &[u8]) -> Option<crate::error::Detail> {
                #decode
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::sample::{operation, squeeze};
    use crate::ir::{ErrorResponse, TypeRef};

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
}
