//! Route-group modules: an accessor struct per group, and per operation a
//! params struct, a fluent request builder and its `send`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use std::collections::BTreeSet;

use super::calls;
use super::declared::{error_enum, shared_errors_alias};
use super::docs::{
    deprecated_attr, doc_attrs, doc_line, field_paragraphs, first_sentence, paragraphs,
};
use super::features::{cfg_attr, Need};
use super::parts::{holds_binary, parts_fn};
use super::runtime::endpoint_doc;
use super::text_fns::{self, FieldDecl};
use super::text_layout::{Doc, Statement};
use super::types::field_key;
use super::{ident, many_arguments, rust_type, sends_line};
use crate::ir::{
    Api, Bound, Field, NextPage, Operation, Pagination, ParamIn, ParamsLocation, PollingModel,
    ResponseBody, TypeRef,
};

/// A route group and what it holds (see [`crate::ir::Group`]).
#[derive(Debug)]
pub(crate) struct Group<'a> {
    /// The group's segment as in the spec, such as `client_sessions`.
    pub segment: String,
    /// Module and feature name.
    pub module: String,
    /// Accessor method name.
    pub accessor: String,
    /// Accessor struct name, such as `ClientSessions`.
    pub struct_name: String,
    pub operations: Vec<&'a Operation>,
    pub children: Vec<Group<'a>>,
}

/// The model's route groups, with their operations.
pub(crate) fn group_tree(api: &Api) -> Vec<Group<'_>> {
    fn of<'a>(group: &crate::ir::Group, operations: &'a [Operation]) -> Group<'a> {
        Group {
            segment: group.segment.clone(),
            module: group.module.clone(),
            accessor: group.accessor.clone(),
            struct_name: group.struct_name.clone(),
            operations: group
                .operations
                .iter()
                .filter_map(|&i| operations.get(i))
                .collect(),
            children: group.children.iter().map(|c| of(c, operations)).collect(),
        }
    }
    api.groups.iter().map(|g| of(g, &api.operations)).collect()
}

/// `#[cfg(...)]` for a group: needed when any operation in it or its
/// nested groups is. `feature` is the group's own feature, or `None` inside
/// the group's module, where it is in force.
pub(crate) fn group_cfg(group: &Group<'_>, feature: Option<&str>) -> TokenStream {
    fn collect(group: &Group<'_>, feature: Option<&str>, out: &mut BTreeSet<Need>) {
        out.extend(group.operations.iter().map(|op| Need::of(op, feature)));
        for child in &group.children {
            collect(child, feature, out);
        }
    }
    let mut needs = BTreeSet::new();
    collect(group, feature, &mut needs);
    cfg_attr(&needs)
}

/// The file of a top-level group.
pub(crate) fn group_rs(group: &Group<'_>, api: &Api) -> TokenStream {
    let accessor = ident(&group.accessor);
    let struct_name = format_ident!("{}", group.struct_name);
    let doc = format!(
        " Returns the operations of the `{}` route group.",
        group.segment
    );
    let body = group_items(group, api, 0);
    quote! {
        // Deprecated items are used here on purpose; users still see the warnings.
        #![allow(deprecated)]

        impl crate::client::Client {
            #[doc = #doc]
            pub fn #accessor(&self) -> #struct_name {
                #struct_name { client: self.clone() }
            }
        }

        #body
    }
}

/// A group's accessor struct, its operations and nested groups.
fn group_items(group: &Group<'_>, api: &Api, depth: usize) -> TokenStream {
    let struct_name = format_ident!("{}", group.struct_name);
    let struct_doc = format!(" Operations of the `{}` route group.", group.segment);
    let mut accessors = Vec::new();
    let mut items = Vec::new();
    for op in &group.operations {
        let (accessor, item) = operation(op, &struct_name, api, depth);
        accessors.push(accessor);
        items.push(item);
    }
    for child in &group.children {
        let method = ident(&child.accessor);
        let module = ident(&child.module);
        let cfg = group_cfg(child, None);
        let child_struct = format_ident!("{}", child.struct_name);
        let doc = format!(
            " Returns the operations of the `{}` route group.",
            child.segment
        );
        accessors.push(quote! {
            #[doc = #doc]
            #cfg
            pub fn #method(&self) -> #module::#child_struct {
                #module::#child_struct { client: self.client.clone() }
            }
        });
        let child_items = group_items(child, api, depth + 1);
        items.push(quote! {
            #cfg
            pub mod #module {
                #child_items
            }
        });
    }
    quote! {
        #[doc = #struct_doc]
        #[derive(Debug, Clone)]
        pub struct #struct_name {
            pub(crate) client: crate::client::Client,
        }

        impl #struct_name {
            #(#accessors)*
        }

        #(#items)*
    }
}

/// The accessor methods for one operation, and its params and request types.
fn operation(
    op: &Operation,
    group_struct: &proc_macro2::Ident,
    api: &Api,
    depth: usize,
) -> (TokenStream, TokenStream) {
    let client = &api.client;
    let polling = client.polling.as_ref();
    let waits = op.waits || op.waits_on_request;
    let names = &op.rust;
    let request = format_ident!("{}", names.request);
    let params = format_ident!("{}", names.params);
    let error = names.error.as_ref().map(|e| format_ident!("{}", e));
    let (method, method_with) = (ident(&names.method), ident(&names.method_with));

    let mut docs = paragraphs(&op.docs);
    docs.push(sends_line(op));
    docs.extend(arguments_paragraph(op, &params.to_string()));
    let docs = doc_attrs(&docs);
    let deprecated = deprecated_attr(&op.docs);
    let mut need = BTreeSet::new();
    need.insert(Need::of(op, None));
    let cfg = cfg_attr(&need);
    let with_doc = doc_line(&format!(
        " Like [`{method}`](Self::{method}), starting from a filled-in [`{params}`]."
    ));
    let arguments: Vec<&Field> = op.argument_fields().collect();
    let many = many_arguments(arguments.len());
    // The accessors, written as text.
    let mut exact = true;
    let mut args = vec!["&self".to_string()];
    let mut names = Vec::new();
    for f in &arguments {
        let (ty, written) = text_fns::type_text(&conversion_kind(f).0);
        exact &= written;
        let name = ident(&f.rust_name).to_string();
        args.push(format!("{name}: {ty}"));
        names.push(Doc::Word(name));
    }
    let start = match names.is_empty() {
        true => Doc::Word(format!("{params}::default()")),
        false => Doc::Call(format!("{params}::new"), names),
    };
    let request_of = |start| {
        Doc::Call(
            "crate::Request::new".into(),
            vec![Doc::Flat("&self.client".into()), start],
        )
    };
    let returns = format!(" -> {request}");
    let head = format!("pub fn {method}");
    let method_fn = text_fns::laid_out(
        depth + 1,
        &head,
        &args,
        &returns,
        &[(&request_of(start), "")],
        exact,
    );
    let head = format!("pub fn {method_with}");
    let args = ["&self".to_string(), format!("params: {params}")];
    let with_body = request_of(Doc::word("params"));
    let with_fn = text_fns::laid_out(depth + 1, &head, &args, &returns, &[(&with_body, "")], true);
    let accessor = quote! {
        #docs
        #cfg
        #deprecated
        #many
        #method_fn

        #with_doc
        #cfg
        #deprecated
        #with_fn
    };

    let fields: Vec<FieldDecl> = op.params.iter().map(param_field).collect();
    let params_struct = text_fns::struct_decl(depth, &params, &fields);
    // File parts have no JSON form.
    let in_entries = |f: &&Field| f.elsewhere.is_none() && !holds_binary(&f.ty);
    let entries = op
        .params
        .iter()
        .filter(in_entries)
        .map(|f| format!("{} {}", param_kind(f), field_key(f)))
        .collect();
    // A JSON body that is one value (not an object) is that parameter.
    let whole_body = op
        .params
        .iter()
        .find(|f| f.elsewhere == Some(ParamIn::Body) && op.params_location == ParamsLocation::Body);
    // The others are sent apart (path, headers, files, …): `PartialEq`
    // and `Debug` take those one by one.
    let apart: Vec<_> = op
        .params
        .iter()
        .filter(|f| !in_entries(f) && whole_body.is_none_or(|b| b.rust_name != f.rust_name))
        .map(|f| ident(&f.rust_name).to_string())
        .collect();
    let apart = match apart.is_empty() {
        true => String::new(),
        false => format!(", {}", calls::list(apart)),
    };
    let sent = match op.params_location {
        ParamsLocation::Query => "query",
        _ => "body",
    };
    let serialize = match whole_body {
        Some(body) => {
            let body = ident(&body.rust_name);
            calls::call("params", format!("{params}{apart}, body = {body}"), None)
        }
        None => calls::call("params", format!("{params}{apart}, {sent}"), Some(entries)),
    };
    let params_doc = doc_line(&format!(" Parameters of [`{group_struct}::{method}`]."));
    let validate = validate_fn(op, &request, depth + 1);
    let parts = parts_fn(op, depth + 1);

    let setters = op
        .params
        .iter()
        .filter_map(|f| Some(setter(f, f.setter.as_ref()?, depth + 1)))
        .collect::<Vec<_>>();
    let derive_default = arguments.is_empty().then(|| quote!(Default,));
    let constructor = constructor(op, &params, depth + 1);
    let request_doc = doc_line(&format!(
        " A [`{group_struct}::{method}`] call being built; finish it with [`send`]({request}::send)."
    ));
    let endpoint = endpoint_doc(op, error.as_ref(), client);
    let send = send_fn(op, &params, &endpoint, error.as_ref(), polling, depth + 1);
    let shared = op.shared_errors.and_then(|i| api.shared_errors.get(i));
    let error_items = error.as_ref().map(|error| match shared {
        Some(shared) => shared_errors_alias(shared, error, group_struct, &method, &cfg),
        None => error_enum(op, error, group_struct, &method, &cfg),
    });
    let wait_setters = polling
        .filter(|_| waits)
        .map(|polling| wait_setters(polling, op.waits));

    let item = quote! {
        #cfg
        #params_doc
        #[derive(Clone, #derive_default)]
        #params_struct

        #cfg
        #serialize

        #cfg
        impl #params {
            #constructor

            #validate

            #parts
        }

        #cfg
        #request_doc
        pub type #request = crate::Request<#params>;

        #cfg
        impl #request {
            #(#setters)*

            #wait_setters

            #send
        }

        #error_items
    };
    (accessor, item)
}

/// Per-call control of waiting for the work an operation starts
/// (`by_default`) or reads.
fn wait_setters(polling: &PollingModel, by_default: bool) -> TokenStream {
    let noun = &polling.noun;
    let doc = match by_default {
        true => format!(" Whether to wait for the {noun} to finish (default: as the client is configured, which waits unless told otherwise)."),
        false => format!(" Whether to wait for the {noun} to finish (default: no; it is returned as it is now), polling as the client is configured."),
    };
    let how_doc = format!(" How to wait for the {noun}, for this call only.");
    let (switch, setting, wait_type) = (
        ident(&polling.wait_switch),
        ident(&polling.wait_setting),
        ident(&polling.wait_type),
    );
    quote! {
        #[doc = #doc]
        pub fn #switch(mut self, wait: bool) -> Self {
            let base = self.wait.unwrap_or(self.client.inner.#setting);
            self.wait = Some(crate::#wait_type { enabled: wait, ..base });
            self
        }

        #[doc = #how_doc]
        pub fn #setting(mut self, wait: crate::#wait_type) -> Self {
            self.wait = Some(wait);
            self
        }
    }
}

/// The type a params field holds inside its `Option`: `Option<T>` again when
/// the parameter may be `null`, so `Some(None)` sends an explicit `null`.
fn param_inner_type(field: &Field) -> TokenStream {
    let ty = rust_type(&field.ty, false);
    if field.nullable {
        quote!(Option<#ty>)
    } else {
        ty
    }
}

/// A params field: a required parameter holds its value, an optional one
/// an `Option` of it.
fn param_field(field: &Field) -> FieldDecl {
    let mut docs = field_paragraphs(field);
    if field.required {
        docs.push("Required.".into());
    }
    let inner = param_inner_type(field);
    let ty = if field.required {
        inner
    } else {
        quote!(Option<#inner>)
    };
    FieldDecl {
        docs,
        deprecated: deprecated_attr(&field.docs),
        name: ident(&field.rust_name),
        ty,
    }
}

/// How `params!` writes a parameter (the kinds of `object!`): a required
/// one always, `null` included; an optional one when set.
fn param_kind(field: &Field) -> &'static str {
    match (field.required, field.nullable) {
        (true, false) => "required",
        (true, true) => "nullable",
        (false, _) => "optional",
    }
}

/// The accessor's docs on its arguments: each required parameter, by
/// name, with a deprecated one marked.
fn arguments_paragraph(op: &Operation, params: &str) -> Option<String> {
    let lines: Vec<String> = op
        .argument_fields()
        .map(|f| {
            let name = &f.rust_name;
            let note = match &f.docs.deprecated {
                Some(marker) => match &marker.message {
                    Some(message) => format!(" (deprecated: {})", message.trim()),
                    None => " (deprecated)".to_string(),
                },
                None => String::new(),
            };
            match first_sentence(&f.docs) {
                Some(sentence) => format!("- `{name}`{note}: {sentence}"),
                None => format!("- `{name}`{note}: see [`{params}::{name}`]."),
            }
        })
        .collect();
    (!lines.is_empty()).then(|| {
        format!(
            "Takes the required parameters as arguments; set the others on the returned request.\n\n{}",
            lines.join("\n")
        )
    })
}

/// `Params::new`, taking the required parameters in argument order; the
/// others are left out.
fn constructor(op: &Operation, params: &proc_macro2::Ident, depth: usize) -> Option<TokenStream> {
    if op.arguments.is_empty() {
        return None;
    }
    let mut exact = true;
    let args: Vec<String> = op
        .argument_fields()
        .map(|f| {
            let (ty, written) = text_fns::type_text(&conversion_kind(f).0);
            exact &= written;
            format!("{}: {ty}", ident(&f.rust_name))
        })
        .collect();
    let values = op.params.iter().map(|f| {
        let name = ident(&f.rust_name).to_string();
        let value = match (f.required, conversion_kind(f).1) {
            (true, Some(convert)) => Some(Doc::Flat(convert.text(&name))),
            (true, None) => None,
            (false, _) => Some(Doc::word("None")),
        };
        (name, value)
    });
    let body = Doc::Struct("Self".into(), values.collect());
    let new = text_fns::laid_out(
        depth,
        "pub fn new",
        &args,
        " -> Self",
        &[(&body, "")],
        exact,
    );
    let doc = doc_line(&format!(
        " [`{params}`] with the required parameters set and the others left out."
    ));
    let many = many_arguments(op.arguments.len());
    Some(quote! {
        #doc
        #many
        #new
    })
}

/// How an argument becomes the value a parameter holds.
#[derive(Debug, Clone, Copy)]
enum Convert {
    /// `value.into()`
    Into,
    /// `value.into_iter().map(Into::into).collect()`
    IntoEach,
    /// `value.into_iter().collect()`
    Collect,
}

impl Convert {
    /// The conversion of `value`, as written.
    fn text(self, value: &str) -> String {
        match self {
            Convert::Into => format!("{value}.into()"),
            Convert::IntoEach => format!("{value}.into_iter().map(Into::into).collect()"),
            Convert::Collect => format!("{value}.into_iter().collect()"),
        }
    }
}

/// The type a parameter is taken as (by its setter or as an argument:
/// strings and lists take anything that converts into them), and how the
/// value converts into what the params hold (`None`: held as it is).
fn conversion_kind(field: &Field) -> (TokenStream, Option<Convert>) {
    if field.nullable {
        return (param_inner_type(field), None);
    }
    let (ty, converted) = match &field.ty {
        TypeRef::String => (quote!(impl Into<String>), Convert::Into),
        TypeRef::DateTime => (
            quote!(impl Into<chrono::DateTime<chrono::Utc>>),
            Convert::Into,
        ),
        TypeRef::Binary => (quote!(impl Into<crate::Upload>), Convert::Into),
        TypeRef::Bytes => (quote!(impl Into<crate::Body>), Convert::Into),
        TypeRef::Array(item) if **item == TypeRef::Binary => (
            quote!(impl IntoIterator<Item = impl Into<crate::Upload>>),
            Convert::IntoEach,
        ),
        TypeRef::Array(item) if **item == TypeRef::String => (
            quote!(impl IntoIterator<Item = impl Into<String>>),
            Convert::IntoEach,
        ),
        TypeRef::Array(item) => {
            let item = rust_type(item, false);
            (quote!(impl IntoIterator<Item = #item>), Convert::Collect)
        }
        other => return (rust_type(other, false), None),
    };
    (ty, Some(converted))
}

/// A setter on the request builder for an optional parameter.
fn setter(field: &Field, setter: &str, depth: usize) -> TokenStream {
    let setter = ident(setter);
    let name = ident(&field.rust_name);
    let docs = doc_attrs(&field_paragraphs(field));
    let deprecated = deprecated_attr(&field.docs);
    let (arg, convert) = conversion_kind(field);
    let (arg, exact) = text_fns::type_text(&arg);
    let value = convert.map_or_else(|| "value".to_string(), |c| c.text("value"));
    let assign = Doc::Flat(format!("self.params.{name} = Some({value})"));
    let function = text_fns::laid_out(
        depth,
        &format!("pub fn {setter}"),
        &["mut self".to_string(), format!("value: {arg}")],
        " -> Self",
        &[(&assign, ";"), (&Doc::word("self"), "")],
        exact,
    );
    quote! {
        #docs
        #deprecated
        #function
    }
}

/// `validate`: every constraint the spec states (required parameters are
/// arguments, so the compiler has checked them), one runtime `check` call
/// per constrained parameter.
fn validate_fn(op: &Operation, request: &proc_macro2::Ident, depth: usize) -> TokenStream {
    let checks: Vec<Doc> = op.params.iter().filter_map(field_check).collect();
    let doc = doc_line(&format!(
        " Checks the spec's constraints without sending anything; [`{request}::send`] calls this first."
    ));
    let imports = Doc::Flat("use crate::validate::{check, Check::*}".into());
    let ok = Doc::word("Ok(())");
    // Most operations check nothing.
    let imports = (!checks.is_empty()).then_some((&imports, ";"));
    let body: Vec<Statement> = imports
        .into_iter()
        .chain(checks.iter().map(|check| (check, "?;")))
        .chain([(&ok, "")])
        .collect();
    let function = text_fns::laid_out(
        depth,
        "pub fn validate",
        &["&self".to_string()],
        " -> Result<(), crate::ValidationError>",
        &body,
        true,
    );
    quote! {
        #doc
        #function
    }
}

/// `check(name, &self.field, &[constraints])` for a field the spec
/// constrains.
fn field_check(field: &Field) -> Option<Doc> {
    let c = &field.constraints;
    let mut checks = Vec::new();
    let check =
        |kind: &str, value: Literal| Doc::Call(kind.into(), vec![Doc::word(value.to_string())]);
    // `MinLength(1u64)` and the like.
    let count = |kind: &str, n: Option<u64>| n.map(|n| check(kind, Literal::u64_suffixed(n)));
    if field.ty == TypeRef::String {
        checks.extend(count("MinLength", c.min_length));
        checks.extend(count("MaxLength", c.max_length));
        let pattern = c.pattern.as_deref();
        checks.extend(pattern.map(|pattern| check("Pattern", Literal::string(pattern))));
    }
    if matches!(field.ty, TypeRef::Array(_)) {
        checks.extend(count("MinItems", c.min_items));
        checks.extend(count("MaxItems", c.max_items));
    }
    if field.ty.is_number() {
        // `Minimum(1f64)`, or `ExclusiveMinimum(1f64)` for an exclusive bound.
        let bound = |bound: Option<Bound>, kind: &str| {
            bound.map(|Bound { value, exclusive }| {
                let kind = format!("{}{kind}", if exclusive { "Exclusive" } else { "" });
                check(&kind, Literal::f64_suffixed(value))
            })
        };
        checks.extend(bound(c.minimum, "Minimum"));
        checks.extend(bound(c.maximum, "Maximum"));
    }
    if checks.is_empty() {
        return None;
    }
    let (wire, name) = (&field.wire_name, ident(&field.rust_name));
    let args = vec![
        Doc::word(Literal::string(wire).to_string()),
        Doc::Flat(format!("&self.{name}")),
        Doc::Ref(Box::new(Doc::Array(checks))),
    ];
    Some(Doc::Call("check".into(), args))
}

/// `send`, and for list operations `paginate`: validate, call, unwrap the
/// response key, decode; operations that start an action attempt wait for
/// it unless told not to.
fn send_fn(
    op: &Operation,
    params: &proc_macro2::Ident,
    endpoint_doc: &Doc,
    error: Option<&proc_macro2::Ident>,
    polling: Option<&PollingModel>,
    depth: usize,
) -> TokenStream {
    // Tokens only for the functions left to prettyplease.
    let endpoint = || text_fns::tokens_of(&endpoint_doc.flat(), "endpoint");
    let sends = format!(
        " Validates the parameters, then sends `{} {}`.",
        op.http_method.as_str(),
        op.path
    );
    let declared = error.map(|error| {
        let line = format!(
            " An error response the spec describes is [`Error::Declared`](crate::Error::Declared) holding a [`{error}`]: read it with `err.declared::<{error}>()`."
        );
        let line = doc_line(&line);
        quote! {
            ///
            #line
        }
    });
    let sends = doc_line(&sends);
    let doc = quote! {
        #sends
        #declared
    };
    // `send` is a plain function returning the runtime's boxed future, so
    // the crate holds one generic future instead of one per operation.
    // Checked by a runtime function given the params' own functions: a
    // closure here would be one more body per operation to check.
    let checked = match op.has_parts() {
        true => Doc::Call(
            "crate::http::checked_parts".into(),
            vec![
                Doc::Flat("self.params".into()),
                Doc::word(format!("{params}::validate")),
                Doc::word(format!("{params}::parts")),
            ],
        ),
        false => Doc::Call(
            "crate::http::checked".into(),
            vec![
                Doc::Flat("self.params".into()),
                Doc::word(format!("{params}::validate")),
            ],
        ),
    };
    let (ty, returns, read) = match (op.response.body, &op.response.ty) {
        (ResponseBody::Text, _) => (
            quote!(String),
            " Returns the response body as text.".to_string(),
            "crate::http::read_text",
        ),
        (ResponseBody::Bytes, _) => (
            quote!(Vec<u8>),
            " Returns the response body's bytes.".to_string(),
            "crate::http::read_bytes",
        ),
        (ResponseBody::Json, None) => (quote!(()), String::new(), "crate::http::read_unit"),
        (ResponseBody::Json, Some(ty)) => (
            rust_type(ty, false),
            match &op.response.key {
                Some(key) => format!(" Returns the response's `{key}`."),
                None => " Returns the response body.".to_string(),
            },
            "crate::http::read_json",
        ),
    };
    let (start, last) = match polling {
        Some(_) if op.waits => ("start_polled", Doc::Flat("self.wait".into())),
        Some(polling) if op.waits_on_request => {
            // Not waiting unless asked.
            let wait_type = ident(&polling.wait_type);
            let wait = format!("self.wait.or(Some(crate::{wait_type}::disabled()))");
            ("start_polled", Doc::Flat(wait))
        }
        _ if op.has_parts() => ("start_parts", Doc::word(read)),
        _ => ("start", Doc::word(read)),
    };
    let call = Doc::Method(
        Box::new(Doc::Flat("self.client".into())),
        start.into(),
        vec![endpoint_doc.clone(), checked, last],
    );
    let (ty, exact) = text_fns::type_text(&ty);
    let returns_type = format!(" -> crate::ResponseFuture<{ty}>");
    let send = text_fns::laid_out(
        depth,
        "pub fn send",
        &["self".into()],
        &returns_type,
        &[(&call, "")],
        exact,
    );
    let returns = (!returns.is_empty()).then(|| {
        let returns = doc_line(&returns);
        quote! {
            ///
            #returns
        }
    });
    let waits = polling.and_then(|polling| {
        let (noun, switch) = (&polling.noun, &polling.wait_switch);
        let text = match (op.waits, op.waits_on_request) {
            (true, _) => format!(
                " Waits for the {noun} to finish, as configured by\n [`{switch}`](Self::{switch})."
            ),
            (_, true) => format!(
                " With [`{switch}(true)`](Self::{switch}),\n waits for the {noun} to finish."
            ),
            _ => return None,
        };
        let lines = text.split('\n').map(|line| quote!(#[doc = #line]));
        Some(quote! {
            ///
            #(#lines)*
        })
    });
    let paginate = op.pagination.as_ref().and_then(|pagination| {
        let item = rust_type(&pagination.item, false);
        let rule = page_rule(pagination);
        let set_cursor = match pagination.next.param() {
            Some(param) => {
                let field = op.params.iter().find(|f| f.wire_name == param)?;
                let name = ident(&field.rust_name);
                let value = match pagination.next {
                    NextPage::PageNumber { .. } => quote!(value),
                    _ => quote!(value.to_string()),
                };
                let set = match (field.required, field.nullable) {
                    (false, true) => quote!(params.#name = Some(Some(#value))),
                    (false, false) | (true, true) => quote!(params.#name = Some(#value)),
                    (true, false) => quote!(params.#name = #value),
                };
                match pagination.next {
                    NextPage::PageNumber { .. } => quote! {
                        |params, value| {
                            if let Ok(value) = value.parse() {
                                #set;
                            }
                        }
                    },
                    _ => quote!(|params, value| #set),
                }
            }
            None => quote!(crate::pagination::no_cursor),
        };
        // Functions, not closures: a closure is one more body to check.
        let parts = match op.has_parts() {
            true => quote!(#params::parts),
            false => quote!(crate::http::no_parts),
        };
        let endpoint_tokens = endpoint();
        Some(quote! {
            /// Pages through the results: [`first_page`](crate::Paginator::first_page),
            /// [`pages`](crate::Paginator::pages), [`items`](crate::Paginator::items)
            /// or [`all_items`](crate::Paginator::all_items).
            pub fn paginate(self) -> crate::Paginator<#params, #item> {
                const PAGES: crate::pagination::PageRule = #rule;
                let params = crate::http::checked(self.params, #params::validate);
                crate::Paginator::new(self.client, #endpoint_tokens, params, &PAGES, #set_cursor, #parts)
            }
        })
    });
    // A text or binary body can also be read as it arrives.
    let streaming =
        matches!(op.response.body, ResponseBody::Text | ResponseBody::Bytes).then(|| {
            let parts = match op.has_parts() {
                true => quote!(#params::parts),
                false => quote!(crate::http::no_parts),
            };
            let checked =
                quote!(crate::http::checked_parts(self.params, #params::validate, #parts));
            let endpoint_tokens = endpoint();
            quote! {
                /// Like [`send`](Self::send), but the body is returned as it
                /// arrives, a [`ByteStream`](crate::ByteStream), rather than
                /// read whole. The call is sent once, without retries.
                pub fn send_streaming(self) -> crate::ResponseFuture<crate::ByteStream> {
                    self.client.start_stream(#endpoint_tokens, #checked)
                }
            }
        });
    quote! {
        #doc
        #returns
        #waits
        #send

        #streaming

        #paginate
    }
}

/// The runtime's `PageRule` for how an operation pages.
fn page_rule(pagination: &Pagination) -> TokenStream {
    let path = |path: &[String]| quote!(&[#(#path),*]);
    let items = path(&pagination.items);
    let next = match &pagination.next {
        NextPage::Cursor {
            cursor, has_more, ..
        } => {
            let cursor = path(cursor);
            let has_more = match has_more {
                Some(at) => {
                    let at = path(at);
                    quote!(Some(#at))
                }
                None => quote!(None),
            };
            quote!(crate::pagination::Next::Cursor { cursor: #cursor, has_more: #has_more })
        }
        NextPage::AfterLastItem { id, has_more, .. } => {
            let has_more = path(has_more);
            quote!(crate::pagination::Next::AfterLastItem { id: #id, has_more: #has_more })
        }
        NextPage::Url { url } => {
            let url = path(url);
            quote!(crate::pagination::Next::Url { url: #url })
        }
        NextPage::LinkHeader => quote!(crate::pagination::Next::LinkHeader),
        NextPage::PageNumber { first, .. } => {
            let first = proc_macro2::Literal::u64_unsuffixed(*first);
            quote!(crate::pagination::Next::PageNumber { first: #first })
        }
    };
    quote!(crate::pagination::PageRule { items: #items, next: #next })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::sample::{api, field, operation, squeeze};

    fn group_text(api: &Api) -> String {
        squeeze(&group_rs(&group_tree(api)[0], api))
    }

    #[test]
    fn required_parameters_are_arguments_and_optional_ones_setters_as_named() {
        let mut limit = field("limit", TypeRef::I32, false);
        limit.setter = Some("limit_2".into());
        let op = operation(
            "list",
            "/pets",
            vec![field("kind", TypeRef::String, true), limit],
            Some(TypeRef::Array(Box::new(TypeRef::String))),
        );
        let text = group_text(&api(vec![op]));
        assert!(text.contains("pubfnpets(&self)->Pets"), "{text}");
        assert!(
            text.contains("pubfnlist(&self,kind:implInto<String>)->ListRequest"),
            "{text}"
        );
        assert!(
            text.contains("pubfnlist_with(&self,params:ListParams)"),
            "{text}"
        );
        // The setter's name is the plan's, the field it sets the parameter's.
        assert!(
            text.contains("pubfnlimit_2(mutself,value:i32)->Self"),
            "{text}"
        );
        assert!(text.contains("self.params.limit=Some(value)"), "{text}");
        assert!(text.contains("ResponseFuture<Vec<String>>"), "{text}");
    }

    #[test]
    fn a_request_is_the_runtime_request_of_its_params() {
        let op = operation(
            "list",
            "/pets",
            vec![field("kind", TypeRef::String, true)],
            None,
        );
        let text = group_text(&api(vec![op]));
        assert!(
            text.contains("pubtypeListRequest=crate::Request<ListParams>;"),
            "{text}"
        );
        assert!(text.contains("implListRequest{"), "{text}");
        assert!(
            text.contains("crate::Request::new(&self.client,ListParams::new(kind))"),
            "{text}"
        );
        assert!(!text.contains("pubstructListRequest"), "{text}");
    }

    #[test]
    fn validate_checks_each_constrained_parameter_once() {
        use crate::ir::Bound;
        let mut sid = field("sid", TypeRef::String, true);
        sid.wire_name = "Sid".into();
        sid.constraints.min_length = Some(34);
        sid.constraints.max_length = Some(34);
        sid.constraints.pattern = Some("^AC[0-9a-f]{32}$".into());
        let mut size = field("page_size", TypeRef::I64, false);
        size.constraints.minimum = Some(Bound {
            value: 1.0,
            exclusive: false,
        });
        size.constraints.maximum = Some(Bound {
            value: 1000.0,
            exclusive: true,
        });
        let mut ids = field("ids", TypeRef::Array(Box::new(TypeRef::String)), false);
        ids.constraints.min_items = Some(1);
        // A length on a number applies to nothing: no check.
        let mut count = field("count", TypeRef::I32, false);
        count.constraints.min_length = Some(2);
        let op = operation("list", "/pets", vec![sid, size, ids, count], None);
        let text = group_text(&api(vec![op]));
        assert!(
            text.contains("usecrate::validate::{check,Check::*};"),
            "{text}"
        );
        assert!(
            text.contains(
                r#"check("Sid",&self.sid,&[MinLength(34u64),MaxLength(34u64),Pattern("^AC[0-9a-f]{32}$")])?;"#
            ),
            "{text}"
        );
        assert!(
            text.contains(
                r#"check("page_size",&self.page_size,&[Minimum(1f64),ExclusiveMaximum(1000f64)])?;"#
            ),
            "{text}"
        );
        assert!(
            text.contains(r#"check("ids",&self.ids,&[MinItems(1u64)])?;"#),
            "{text}"
        );
        assert!(!text.contains(r#"check("count""#), "{text}");

        // Nothing to check: no import, only `Ok(())`.
        let plain = operation(
            "list",
            "/pets",
            vec![field("kind", TypeRef::String, true)],
            None,
        );
        let text = group_text(&api(vec![plain]));
        assert!(
            text.contains("pubfnvalidate(&self)->Result<(),crate::ValidationError>{Ok(())}"),
            "{text}"
        );
    }

    #[test]
    fn names_come_from_the_model_not_from_the_operation_name() {
        let mut op = operation("get", "/pets/{id}", Vec::new(), None);
        op.rust.method = "get_2".into();
        op.rust.request = "Get2Request".into();
        let text = group_text(&api(vec![op]));
        assert!(text.contains("pubfnget_2(&self)->Get2Request"), "{text}");
        assert!(!text.contains("pubfnget(&self"), "{text}");
    }

    #[test]
    fn nested_groups_get_the_planned_accessor() {
        let mut api = api(vec![operation("list", "/pets/toys", Vec::new(), None)]);
        api.groups[0].operations.clear();
        api.groups[0].children.push(crate::ir::Group {
            segment: "toys".into(),
            module: "toys".into(),
            accessor: "toys_2".into(),
            struct_name: "Toys".into(),
            operations: vec![0],
            children: Vec::new(),
        });
        let text = group_text(&api);
        assert!(text.contains("pubfntoys_2(&self)->toys::Toys"), "{text}");
        assert!(text.contains("pubmodtoys{"), "{text}");
    }
}
