//! Where parameters travel when not all in the body or query string:
//! `Params::parts()` fills the path template, adds query pairs beside a
//! body, headers, and the parts of a multipart body.

use proc_macro2::TokenStream;
use quote::quote;

use super::text_layout::Doc;
use super::{calls, ident, text_fns};
use crate::ir::{
    path_pieces, Field, Operation, ParamIn, ParamStyle, ParamsLocation, PathPiece, TypeRef,
};

/// A file part, or a list of them.
pub(crate) fn holds_binary(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Binary => true,
        TypeRef::Array(item) => holds_binary(item),
        _ => false,
    }
}

/// `body` with `value` bound to a parameter's value, when it has one: a
/// required parameter always does; an optional one is an `Option` to look
/// into, and with `through_null` a nullable one's inner `Option` too.
pub(crate) fn when_set(field: &Field, through_null: bool, body: TokenStream) -> TokenStream {
    let name = ident(&field.rust_name);
    match usize::from(!field.required) + usize::from(through_null && field.nullable) {
        0 => quote! {
            {
                let value = &self.#name;
                #body
            }
        },
        1 => quote! {
            if let Some(value) = &self.#name {
                #body
            }
        },
        _ => quote! {
            if let Some(Some(value)) = &self.#name {
                #body
            }
        },
    }
}

/// `Params::parts`: the path with its parameters filled in, query pairs
/// beside a body, and headers.
pub(crate) fn parts_fn(op: &Operation, depth: usize) -> Option<TokenStream> {
    if !op.has_parts() {
        return None;
    }
    let field = |f: &Field| ident(&f.rust_name);
    let path = op
        .params
        .iter()
        .any(|f| f.elsewhere == Some(ParamIn::Path))
        .then(|| {
            // `/pets/{petId}` → `["/pets/", &segment(&self.pet_id)].concat()`.
            let pieces = path_pieces(&op.path).into_iter().map(|piece| {
                let param = match piece {
                    PathPiece::Param(name) => op
                        .params
                        .iter()
                        .find(|f| f.elsewhere == Some(ParamIn::Path) && f.wire_name == name),
                    PathPiece::Literal(_) => None,
                };
                match (piece, param) {
                    (_, Some(f)) => {
                        let value = Doc::Flat(format!("&self.{}", field(f)));
                        match f.style.map(style_doc) {
                            Some(style) => {
                                let wire = Doc::Word(calls::literal(&f.wire_name));
                                let args = vec![wire, value, style];
                                Doc::Call("&crate::http::styled_segment".into(), args)
                            }
                            None => Doc::Call("&crate::http::segment".into(), vec![value]),
                        }
                    }
                    (PathPiece::Literal(text), None) => Doc::Word(calls::literal(text)),
                    // Lowering refuses such a path; keep it literal regardless.
                    (PathPiece::Param(name), None) => {
                        Doc::Word(calls::literal(&format!("{{{name}}}")))
                    }
                }
            });
            let joined = Doc::Method(
                Box::new(Doc::Array(pieces.collect())),
                "concat".into(),
                vec![],
            );
            Doc::Call("Some".into(), vec![joined])
        });
    let query = op
        .params
        .iter()
        .filter(|f| f.elsewhere == Some(ParamIn::Query))
        .map(|f| {
            let (name, wire) = (field(f), &f.wire_name);
            match f.style.map(style_expr) {
                Some(style) => quote! {
                    parts.query.extend(crate::http::styled_pairs(#wire, &self.#name, #style));
                },
                None => quote!(parts.query.extend(crate::http::pairs(#wire, &self.#name));),
            }
        });
    let headers = op
        .params
        .iter()
        .filter(|f| f.elsewhere == Some(ParamIn::Header))
        .map(|f| {
            let wire = &f.wire_name;
            let text = match f.style.map(style_expr) {
                Some(style) => quote!(crate::http::styled_text(#wire, value, #style)),
                None => quote!(crate::http::text(value)),
            };
            when_set(f, false, quote!(parts.headers.push((#wire, #text));))
        });
    let cookies = op
        .params
        .iter()
        .filter(|f| f.elsewhere == Some(ParamIn::Cookie))
        .map(|f| {
            let wire = &f.wire_name;
            when_set(
                f,
                false,
                quote!(parts.cookies.push((#wire, crate::http::text(value)));),
            )
        });
    // A raw body: its bytes, with the spec's content type.
    let raw = op
        .params
        .iter()
        .filter(|f| op.params_location == ParamsLocation::Raw && f.elsewhere == Some(ParamIn::Body))
        .map(|f| {
            let media = op
                .body_media
                .as_deref()
                .unwrap_or("application/octet-stream");
            let set = match f.ty {
                // Bytes or a stream.
                TypeRef::Bytes => quote!(parts.stream = Some((#media, value.clone()));),
                _ => quote!(parts.body = Some((#media, crate::http::text(value).into_bytes()));),
            };
            when_set(f, false, set)
        });
    let multipart = op
        .params
        .iter()
        .filter(|f| op.params_location == ParamsLocation::Multipart && f.elsewhere.is_none())
        .map(|f| {
            let wire = &f.wire_name;
            match &f.ty {
                TypeRef::Binary => when_set(
                    f,
                    true,
                    quote!(parts.multipart.push(crate::multipart::Part::file(#wire, value));),
                ),
                TypeRef::Array(item) if **item == TypeRef::Binary => when_set(
                    f,
                    true,
                    quote! {
                        for upload in value {
                            parts.multipart.push(crate::multipart::Part::file(#wire, upload));
                        }
                    },
                ),
                _ => when_set(
                    f,
                    false,
                    quote!(crate::multipart::push_part(&mut parts.multipart, #wire, value);),
                ),
            }
        });
    let start = match path {
        Some(path) => Doc::Struct(
            "crate::http::Parts".into(),
            vec![
                ("path".into(), Some(path)),
                ("..Default::default()".into(), None),
            ],
        ),
        None => Doc::word("crate::http::Parts::default()"),
    };
    let pushes: Vec<TokenStream> = query
        .chain(headers)
        .chain(cookies)
        .chain(raw)
        .chain(multipart)
        .collect();
    let (head, params, tail) = ("fn parts", ["&self".to_string()], " -> crate::http::Parts");
    let parts = match pushes.is_empty() {
        true => text_fns::laid_out(depth, head, &params, tail, &[(&start, "")], true),
        false => {
            let start = text_fns::tokens_of(&start.flat(), "parts");
            quote! {
                fn parts(&self) -> crate::http::Parts {
                    let mut parts = #start;
                    #(#pushes)*
                    parts
                }
            }
        }
    };
    Some(quote! {
        /// The parameters that travel outside the body or query string.
        #parts
    })
}

/// `crate::http::Style::…` for a parameter's style.
fn style_expr(style: ParamStyle) -> TokenStream {
    text_fns::tokens_of(&style_doc(style).flat(), "style")
}

/// [`style_expr`] as text to lay out.
fn style_doc(style: ParamStyle) -> Doc {
    let exploded = |name: &str, explode: bool| {
        let explode = Some(Doc::Word(explode.to_string()));
        Doc::Struct(
            format!("crate::http::Style::{name}"),
            vec![("explode".into(), explode)],
        )
    };
    match style {
        ParamStyle::Form { explode } => exploded("Form", explode),
        ParamStyle::SpaceDelimited => Doc::word("crate::http::Style::SpaceDelimited"),
        ParamStyle::PipeDelimited => Doc::word("crate::http::Style::PipeDelimited"),
        ParamStyle::DeepObject => Doc::word("crate::http::Style::DeepObject"),
        ParamStyle::Simple { explode } => exploded("Simple", explode),
        ParamStyle::Label { explode } => exploded("Label", explode),
        ParamStyle::Matrix { explode } => exploded("Matrix", explode),
        ParamStyle::Json => Doc::word("crate::http::Style::Json"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::sample::{field, operation, squeeze};

    #[test]
    fn an_operation_without_parts_has_no_parts_fn() {
        let op = operation(
            "list",
            "/pets",
            vec![field("limit", TypeRef::I32, false)],
            None,
        );
        assert!(parts_fn(&op, 1).is_none());
    }

    #[test]
    fn path_parameters_fill_the_template_and_headers_are_sent_when_set() {
        let mut id = field("id", TypeRef::String, true);
        id.elsewhere = Some(ParamIn::Path);
        let mut trace = field("x_trace", TypeRef::String, false);
        trace.wire_name = "X-Trace".into();
        trace.elsewhere = Some(ParamIn::Header);
        let op = operation("show", "/pets/{id}/toys", vec![id, trace], None);
        let text = squeeze(&parts_fn(&op, 1).unwrap());
        assert!(text.contains("\"/pets/\""), "{text}");
        assert!(text.contains("\"/toys\""), "{text}");
        assert!(text.contains("self.id"), "{text}");
        assert!(text.contains("\"X-Trace\""), "{text}");
        assert!(text.contains("ifletSome(value)=&self.x_trace"), "{text}");
    }

    #[test]
    fn a_path_alone_is_written_as_prettyplease_prints_it() {
        let path_param = |name: &str, repeat: usize| {
            let mut f = field(&name.repeat(repeat), TypeRef::String, true);
            f.elsewhere = Some(ParamIn::Path);
            f.wire_name = name.into();
            f
        };
        let mut styled = path_param("pet_identifier_", 3);
        styled.style = Some(ParamStyle::Label { explode: true });
        // A field access too long for its line is left to prettyplease.
        let cases = [
            ("/pets/{id}/toys", vec![path_param("id", 1)], true),
            (
                "/s/{id}/p/{pet_identifier_}",
                vec![path_param("id", 1), styled],
                true,
            ),
            ("/pets/{pet_}", vec![path_param("pet_", 20)], false),
        ];
        for (path, params, as_text) in cases {
            let op = operation("show", path, params, None);
            let item = |parts: TokenStream| quote!(impl P { #parts });
            let format = |tokens| prettyplease::unparse(&syn::parse2(tokens).expect("parses"));
            let (built, blocks) = super::super::docs::deferred(|| item(parts_fn(&op, 1).unwrap()));
            assert_eq!(blocks.len(), usize::from(as_text), "{path}");
            let text = super::super::docs::fill(&format(built), &blocks);
            let printed = format(item(parts_fn(&op, 1).unwrap()));
            assert_eq!(text.as_deref(), Some(printed.as_str()));
        }
    }

    #[test]
    fn when_set_looks_into_as_many_options_as_there_are() {
        let body = quote!(use_it(value););
        let required = field("a", TypeRef::String, true);
        assert!(squeeze(&when_set(&required, true, body.clone())).starts_with("{letvalue=&self.a;"));
        let mut nullable = field("b", TypeRef::String, false);
        nullable.nullable = true;
        assert!(squeeze(&when_set(&nullable, true, body.clone())).contains("Some(Some(value))"));
        assert!(!squeeze(&when_set(&nullable, false, body)).contains("Some(Some(value))"));
    }

    #[test]
    fn lists_of_files_are_binary_parts() {
        assert!(holds_binary(&TypeRef::Array(Box::new(TypeRef::Binary))));
        assert!(!holds_binary(&TypeRef::Bytes));
    }
}
