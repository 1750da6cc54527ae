//! `src/lib.rs`: the crate root's modules, and what the crate exports.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::features::WEBHOOK_FEATURE;
use super::ident;
use super::operations::{group_cfg, Group};
use super::runtime::files_for;
use crate::ir::{Api, Capability};

/// `src/lib.rs`: the modules, and what the crate exports.
pub(crate) fn lib_rs(api: &Api, groups: &[Group<'_>]) -> TokenStream {
    let client = &api.client;
    // The runtime's modules are private, but for `webhook`: its items are
    // reached by path (`seam::webhook::SeamWebhook`), behind a feature of
    // the same name, since the event it decodes is much of the crate.
    // A file whose names were renamed for the API keeps its layout as
    // written, as prettyplease's do.
    let runtime_modules = files_for(client).map(|f| {
        let module = format_ident!("{}", f.module);
        let skip = f.is_renamed(client).then(|| quote!(#[rustfmt::skip]));
        match f.module == WEBHOOK_FEATURE {
            true => quote!(#[cfg(feature = #WEBHOOK_FEATURE)] #skip pub mod #module;),
            false => quote!(#skip mod #module;),
        }
    });
    let modules = groups.iter().map(|g| {
        let module = ident(&g.module);
        let cfg = group_cfg(g, Some(&g.module));
        quote! {
            #cfg
            #[rustfmt::skip]
            pub mod #module;
        }
    });
    // Error enums that several operations share.
    let errors = (!api.shared_errors.is_empty()).then(|| {
        let needs = api
            .shared_errors
            .iter()
            .flat_map(|s| s.needs.iter().cloned())
            .collect();
        let cfg = super::features::cfg_attr(&needs);
        quote! {
            #cfg
            #[rustfmt::skip]
            pub mod errors;
        }
    });
    let name = format_ident!("{}", client.name);
    let builder = format_ident!("{}", client.builder_name());
    let client_export = if client.name == "Client" {
        quote!(
            pub use client::{Client, ClientBuilder};
        )
    } else {
        quote!(pub use client::{Client as #name, ClientBuilder as #builder};)
    };
    let detail = client
        .has(Capability::DeclaredErrors)
        .then(|| quote!(Detail,));
    let multipart = client.has(Capability::Multipart).then(|| {
        quote!(
            pub use multipart::Upload;
        )
    });
    let base64 = client.has(Capability::Base64).then(|| {
        quote!(
            pub use self::base64::Base64;
        )
    });
    let byte_stream = client
        .has(Capability::Streaming)
        .then(|| quote!(ByteStream,));
    let body = client.has(Capability::Streaming).then(|| {
        quote!(
            pub use body::Body;
        )
    });
    let env_api_key = client.has(Capability::ApiKey).then(|| quote!(ENV_API_KEY,));
    let uuid = client.has(Capability::Uuid).then(|| {
        quote!(
            pub use uuid;
        )
    });
    let pagination = client.has(Capability::Pagination).then(|| {
        quote!(
            pub use pagination::{Page, PaginatedStream, Paginator};
        )
    });
    let polling = client.polling.as_ref().map(|polling| {
        let (error, wait) = (
            super::ident(&polling.error_type),
            super::ident(&polling.wait_type),
        );
        quote!(
            pub use polling::{#error, #wait};
        )
    });
    // The runtime's files are formatted as written; `#[rustfmt::skip]`
    // keeps `cargo fmt` away from the modules prettyplease formatted. This
    // file is already in rustfmt's order.
    quote! {
        #![doc = include_str!("../README.md")]

        #(#runtime_modules)*
        #[rustfmt::skip]
        mod spec;
        #[rustfmt::skip]
        pub mod types;
        #errors

        #(#modules)*

        /// Re-exported so callers use the same versions as the client.
        #base64
        #body
        pub use chrono;
        #client_export
        pub use codec::{from_slice, from_value, UnknownVariant};
        pub use error::{ApiError, DecodeError, #detail Error, Rule, ValidationError};
        pub use http::{#byte_stream ResponseFuture, RetryPolicy};
        #multipart
        #pagination
        #polling
        pub use raw::RawRequest;
        pub use request::Request;
        /// The HTTP method of a [`RawRequest`].
        pub use reqwest::Method;
        pub use spec::{DEFAULT_ENDPOINT, #env_api_key ENV_ENDPOINT};
        #uuid
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::operations::group_tree;
    use crate::emit::sample::{api, squeeze};
    use crate::ir::PollingModel;

    #[test]
    fn the_root_declares_each_group_and_reexports_what_the_client_has() {
        let mut api = api(Vec::new());
        api.client.capabilities.push(Capability::Pagination);
        let text = squeeze(&lib_rs(&api, &group_tree(&api)));
        assert!(text.contains("pubmodpets;"), "{text}");
        assert!(
            text.contains("pubuseclient::{Client,ClientBuilder}"),
            "{text}"
        );
        assert!(
            text.contains("pubusepagination::{Page,PaginatedStream,Paginator}"),
            "{text}"
        );
        assert!(!text.contains("multipart"), "{text}");
    }

    #[test]
    fn every_type_the_root_exports_is_one_the_client_may_not_be_named() {
        let mut api = api(Vec::new());
        api.client.capabilities.extend([
            Capability::Pagination,
            Capability::Multipart,
            Capability::Base64,
            Capability::Streaming,
            Capability::DeclaredErrors,
            Capability::ApiKey,
            Capability::Uuid,
        ]);
        let file: syn::File = syn::parse2(lib_rs(&api, &group_tree(&api))).unwrap();
        fn names(tree: &syn::UseTree, out: &mut Vec<String>) {
            match tree {
                syn::UseTree::Path(path) => names(&path.tree, out),
                syn::UseTree::Name(name) => out.push(name.ident.to_string()),
                syn::UseTree::Rename(rename) => out.push(rename.rename.to_string()),
                syn::UseTree::Group(group) => group.items.iter().for_each(|t| names(t, out)),
                syn::UseTree::Glob(_) => out.push("*".into()),
            }
        }
        let mut exported = Vec::new();
        for item in &file.items {
            if let syn::Item::Use(item) = item {
                names(&item.tree, &mut exported);
            }
        }
        let types: Vec<&String> = exported
            .iter()
            .filter(|n| n.starts_with(|c: char| c.is_ascii_uppercase()))
            .filter(|n| !["Client", "ClientBuilder"].contains(&n.as_str()))
            .filter(|n| n.chars().any(|c| c.is_ascii_lowercase()))
            .collect();
        assert!(types.len() >= 15, "{exported:?}");
        for name in types {
            assert!(
                crate::naming::ROOT_TYPE_NAMES.contains(&name.as_str()),
                "the root exports `{name}`, which `naming::ROOT_TYPE_NAMES` lacks"
            );
            assert!(crate::naming::client_name_problem(name).is_some());
        }
        assert!(crate::naming::client_name_problem("Shop").is_none());
    }

    #[test]
    fn a_renamed_client_and_polling_names_are_exported_as_planned() {
        let mut api = api(Vec::new());
        api.client.name = "Shop".into();
        api.client.capabilities.push(Capability::Polling);
        api.client.polling = Some(PollingModel {
            status: "#/paths/~1jobs/get".into(),
            noun: "job".into(),
            wait_type: "JobWait".into(),
            error_type: "JobError".into(),
            failed_variant: "JobFailed".into(),
            timeout_variant: "JobTimeout".into(),
            wait_setting: "job_wait".into(),
            wait_switch: "wait_for_job".into(),
            id_field: "job_id".into(),
            value_field: "job".into(),
        });
        let text = squeeze(&lib_rs(&api, &group_tree(&api)));
        assert!(
            text.contains("ClientasShop,ClientBuilderasShopBuilder"),
            "{text}"
        );
        assert!(text.contains("pubusepolling::{JobError,JobWait}"), "{text}");
        // Its names were renamed on copying: rustfmt keeps away from it.
        assert!(text.contains("#[rustfmt::skip]modpolling;"), "{text}");
    }
}
