//! The hand-designed part of the emitted crate: the crate root, the client
//! (configuration, auth), sending with retries and decoding, errors,
//! validation, pagination and waiting for action attempts. Only a few values
//! come from the spec (default endpoint, crate name, which parts are needed).

mod client;
mod codec;
mod error;
mod http;
mod multipart;
mod pagination;
mod polling;
mod validate;

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

pub(crate) use client::client_rs;
pub(crate) use codec::codec_rs;
pub(crate) use error::error_rs;
pub(crate) use http::{endpoint_expr, http_rs};
pub(crate) use pagination::pagination_rs;
pub(crate) use polling::polling_rs;
pub(crate) use validate::validate_rs;

use super::ident;
use super::operations::{group_cfg, Group};
use crate::ir::{
    api_key_placement, Api, ApiKeyPlacement, AuthKind, HttpMethod, Operation, ParamsLocation,
};

/// `src/macros.rs`, the macros that implement the types' traits. It is
/// copied as written: prettyplease lays out the bodies of `macro_rules!`
/// as one run of tokens.
pub(crate) const MACROS_RS: &str = include_str!("../../../runtime/macros.rs");

/// The parts of the runtime the spec needs.
pub(crate) struct Runtime<'a> {
    /// Methods some operation is sent with.
    pub verbs: BTreeSet<HttpMethod>,
    pub uses_body: bool,
    pub uses_query: bool,
    /// Some operation sends a URL-encoded form.
    pub uses_form: bool,
    /// Some operation sends a multipart body.
    pub uses_multipart: bool,
    /// Some operation declares error responses with a JSON body.
    pub typed_errors: bool,
    /// Where the client's `api_key` goes.
    pub api_key: ApiKeyPlacement,
    /// The spec has an http basic scheme.
    pub basic: bool,
    /// Some operation has path parameters (which need percent-encoding).
    pub path_params: bool,
    /// Some operation pages with a cursor.
    pub paginates: bool,
    /// The operation that reads an action attempt, when some operation
    /// starts one (`x-action-attempt-type`).
    pub poll: Option<&'a Operation>,
    /// The operation that exchanges a publishable key and user identifier
    /// key for a client session.
    pub exchange: Option<&'a Operation>,
}

impl<'a> Runtime<'a> {
    pub(crate) fn of(api: &'a Api) -> Self {
        let ops = &api.operations;
        let at = |path: &str, key: &str| {
            ops.iter()
                .find(|op| op.path == path && op.response.key.as_deref() == Some(key))
        };
        let starts_attempts = ops.iter().any(returns_action_attempt);
        let mut verbs: BTreeSet<HttpMethod> = ops.iter().map(|op| op.http_method).collect();
        // A spec without operations still gets a runtime that compiles.
        if verbs.is_empty() {
            verbs.insert(HttpMethod::Post);
        }
        Runtime {
            verbs,
            uses_body: ops.is_empty()
                || ops
                    .iter()
                    .any(|op| op.params_location == ParamsLocation::Body),
            uses_query: ops
                .iter()
                .any(|op| op.params_location == ParamsLocation::Query),
            uses_form: ops
                .iter()
                .any(|op| op.params_location == ParamsLocation::Form),
            uses_multipart: ops
                .iter()
                .any(|op| op.params_location == ParamsLocation::Multipart),
            typed_errors: ops.iter().any(|op| !op.errors.is_empty()),
            api_key: api_key_placement(&api.auth_schemes),
            basic: api
                .auth_schemes
                .iter()
                .any(|s| matches!(s.kind, AuthKind::Basic)),
            path_params: ops
                .iter()
                .flat_map(|op| &op.params)
                .any(|f| f.elsewhere == Some(crate::ir::ParamIn::Path)),
            paginates: ops.iter().any(|op| op.pagination.is_some()),
            poll: at("/action_attempts/get", "action_attempt").filter(|_| starts_attempts),
            exchange: at("/client_sessions/get_or_create", "client_session"),
        }
    }
}

/// An operation with `x-action-attempt-type` whose result is the attempt
/// itself, so the client can wait for it. (Some, such as creating an access
/// code, return the created object and run the attempt out of sight.)
pub(crate) fn returns_action_attempt(op: &Operation) -> bool {
    op.action_attempt_type.is_some() && op.response.key.as_deref() == Some("action_attempt")
}

pub(crate) fn lib_rs(groups: &[Group<'_>], runtime: &Runtime<'_>) -> TokenStream {
    let pagination = runtime.paginates.then(|| {
        quote! {
            #[rustfmt::skip]
            mod pagination;
            pub use pagination::{Page, Paginator};
        }
    });
    let polling = runtime.poll.is_some().then(|| {
        quote! {
            #[rustfmt::skip]
            mod polling;
            pub use error::ActionAttemptError;
            pub use polling::ActionAttemptWait;
        }
    });
    let detail = runtime.typed_errors.then(|| quote!(Detail,));
    let upload = runtime.uses_multipart.then(|| quote!(Upload));
    let modules = groups.iter().map(|g| {
        let module = ident(&g.module);
        let cfg = group_cfg(g, Some(&g.module));
        quote! {
            #cfg
            #[rustfmt::skip]
            pub mod #module;
        }
    });
    // `#[rustfmt::skip]` keeps `cargo fmt` away from the emitted modules,
    // which are formatted by prettyplease; this file is already in
    // rustfmt's order.
    quote! {
        #![doc = include_str!("../README.md")]

        #[rustfmt::skip]
        mod client;
        #[rustfmt::skip]
        mod codec;
        #[rustfmt::skip]
        mod error;
        #[rustfmt::skip]
        mod http;
        #[rustfmt::skip]
        mod macros;
        #[rustfmt::skip]
        mod validate;
        #[rustfmt::skip]
        pub mod types;

        #(#modules)*

        /// Re-exported so callers use the same versions as the client.
        pub use chrono;
        pub use client::{Seam, SeamBuilder};
        pub use codec::{from_slice, from_value};
        pub use error::{ApiError, DecodeError, #detail Error, Rule, ValidationError};
        pub use http::{ResponseFuture, RetryPolicy, #upload};
        #pagination
        #polling
    }
}
