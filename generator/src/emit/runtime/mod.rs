//! The runtime of an emitted crate: the files of `generator/runtime/src`,
//! copied with their capability gates resolved (see [`resolve`]); the crate
//! root, `lib.rs`; and `spec.rs`, the values the runtime takes from the spec
//! and its profile. The names the runtime takes (modules, methods of the
//! client) are read from the copied files, so no route group can take them.

mod resolve;

use std::collections::BTreeSet;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::text_layout::Doc;
use super::{File, RUST_HEADER};
use crate::conventions::path_of;
use crate::error::{Error, Result};
use crate::ir::{
    Api, ApiKeyPlacement, Capability, ClientModel, Credentials, HttpMethod, Operation,
    ParamsLocation,
};

/// A file of the runtime crate and when a generated crate gets it.
pub(crate) struct RuntimeFile {
    /// The module it becomes in the generated crate.
    pub module: &'static str,
    source: &'static str,
    /// Copied only for specs that need this.
    needs: Option<Capability>,
    /// Not copied for specs that need this.
    unless: Option<Capability>,
}

macro_rules! source {
    ($file:literal) => {
        include_str!(concat!("../../../runtime/src/", $file))
    };
}

const fn file(
    module: &'static str,
    source: &'static str,
    needs: Option<Capability>,
    unless: Option<Capability>,
) -> RuntimeFile {
    RuntimeFile {
        module,
        source,
        needs,
        unless,
    }
}

/// Every runtime file, in module order.
const FILES: &[RuntimeFile] = &[
    file(
        "auth",
        source!("auth.rs"),
        None,
        Some(Capability::OwnCredentials),
    ),
    file(
        "auth",
        source!("seam_auth.rs"),
        Some(Capability::OwnCredentials),
        None,
    ),
    file(
        "base64",
        source!("base64.rs"),
        Some(Capability::Base64),
        None,
    ),
    file(
        "body",
        source!("body.rs"),
        Some(Capability::Streaming),
        None,
    ),
    file("client", source!("client.rs"), None, None),
    file("codec", source!("codec.rs"), None, None),
    file("error", source!("error.rs"), None, None),
    file("http", source!("http.rs"), None, None),
    file("macros", source!("macros.rs"), None, None),
    file(
        "multipart",
        source!("multipart.rs"),
        Some(Capability::Multipart),
        None,
    ),
    file(
        "pagination",
        source!("pagination.rs"),
        Some(Capability::Pagination),
        None,
    ),
    file(
        "polling",
        source!("polling.rs"),
        Some(Capability::Polling),
        None,
    ),
    file("raw", source!("raw.rs"), None, None),
    file("request", source!("request.rs"), None, None),
    file("trace", source!("trace.rs"), None, None),
    file("validate", source!("validate.rs"), None, None),
    file(
        "webhook",
        source!("seam_webhook.rs"),
        Some(Capability::Webhook),
        None,
    ),
];

/// Modules of the crate root that are not runtime files, and the crate's
/// own Cargo features (a route group's module is also its feature).
const OTHER_ROOT_MODULES: &[&str] = &[
    "chrono",
    "default",
    "draft",
    "errors",
    "rustls",
    "spec",
    "tracing",
    "types",
    "undocumented",
    "uuid",
];

impl RuntimeFile {
    /// Whether copying renames names in it (see [`rename_identifiers`]):
    /// then rustfmt may lay it out differently, and is kept away from it.
    pub(crate) fn is_renamed(&self, client: &ClientModel) -> bool {
        client.polling.as_ref().is_some_and(|polling| {
            polling
                .renames()
                .iter()
                .any(|(from, to)| from != to && self.source.contains(from))
        })
    }
}

/// The runtime files a crate with this client gets.
pub(crate) fn files_for(client: &ClientModel) -> impl Iterator<Item = &'static RuntimeFile> + '_ {
    FILES.iter().filter(|f| {
        f.needs.is_none_or(|c| client.has(c)) && !f.unless.is_some_and(|c| client.has(c))
    })
}

/// The runtime files of the crate, gates resolved, behind the generated-file
/// header.
pub(crate) fn runtime_files(client: &ClientModel) -> Result<Vec<File>> {
    files_for(client)
        .map(|file| {
            let text = resolved(file, client)?;
            Ok(File {
                path: format!("src/{}.rs", file.module),
                contents: format!("{RUST_HEADER}\n{text}"),
            })
        })
        .collect()
}

fn resolved(file: &RuntimeFile, client: &ClientModel) -> Result<String> {
    let text = resolve::resolve(file.source, |feature| {
        client.capabilities.iter().any(|c| c.feature() == feature)
    })
    .map_err(|e| Error::Emit {
        file: format!("src/{}.rs", file.module),
        message: format!("runtime line {}: {}", e.line, e.message),
    })?;
    Ok(match &client.polling {
        Some(polling) => rename_identifiers(&text, &polling.renames()),
        None => text,
    })
}

/// `text` with each whole identifier `from` replaced by `to`.
fn rename_identifiers(text: &str, renames: &[(&str, &str)]) -> String {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| is_ident(c)) {
        out.push_str(&rest[..start]);
        let word_end = rest[start..]
            .find(|c: char| !is_ident(c))
            .map_or(rest.len(), |end| start + end);
        let word = &rest[start..word_end];
        match renames.iter().find(|(from, _)| *from == word) {
            Some((_, to)) => out.push_str(to),
            None => out.push_str(word),
        }
        rest = &rest[word_end..];
    }
    out.push_str(rest);
    out
}

/// Every method the runtime's files give the client type, whichever files
/// a crate gets (a test keeps the list whole).
const CLIENT_METHODS: &[&str] = &[
    "attempt",
    "attempts",
    "build",
    "builder",
    "call",
    "call_for_headers",
    "call_parts",
    "endpoint",
    "fmt",
    "from_env",
    "from_publishable_key",
    "new",
    "raw_request",
    "request",
    "retry_policy",
    "send",
    "send_polled",
    "start",
    "start_polled",
    "start_parts",
    "start_stream",
    "transport_error",
    "update_client_session_token",
];

/// Whether some crate's runtime may take `name` (a root module or a
/// client method): a cheap test before [`claimed`] is asked.
pub(crate) fn may_be_taken(name: &str) -> bool {
    FILES.iter().any(|f| f.module == name)
        || OTHER_ROOT_MODULES.contains(&name)
        || CLIENT_METHODS.contains(&name)
}

/// Names the runtime takes: the crate root's modules, and the methods of
/// the client type (route-group accessors are methods of it too).
pub(crate) struct Claimed {
    pub modules: BTreeSet<String>,
    pub client_methods: BTreeSet<String>,
}

/// Reads the names the crate's runtime files (as [`runtime_files`] gives
/// them) take.
pub(crate) fn claimed(files: &[File]) -> Result<Claimed> {
    let mut claimed = Claimed {
        modules: OTHER_ROOT_MODULES.iter().map(|m| m.to_string()).collect(),
        client_methods: BTreeSet::new(),
    };
    for file in files {
        let module = file
            .path
            .strip_prefix("src/")
            .and_then(|p| p.strip_suffix(".rs"))
            .unwrap_or(&file.path);
        claimed.modules.insert(module.to_string());
        let parsed: syn::File = syn::parse_str(&file.contents).map_err(|e| Error::Emit {
            file: file.path.clone(),
            message: format!("runtime file does not parse: {e}"),
        })?;
        for item in parsed.items {
            let syn::Item::Impl(block) = item else {
                continue;
            };
            let syn::Type::Path(ty) = &*block.self_ty else {
                continue;
            };
            if !ty.path.is_ident("Client") {
                continue;
            }
            for item in block.items {
                if let syn::ImplItem::Fn(f) = item {
                    claimed.client_methods.insert(f.sig.ident.to_string());
                }
            }
        }
    }
    Ok(claimed)
}

/// `&crate::http::Endpoint { … }`: what the client needs to send `op`.
/// All fields are constants, so the reference is promoted to a static.
/// `errors` names the type whose `decode` reads the operation's declared
/// error responses, when the crate has any; `api_key_in` is there when
/// some operation takes the API key elsewhere than the rest.
pub(crate) fn endpoint_expr(
    op: &Operation,
    errors: Option<&Ident>,
    client: &ClientModel,
) -> TokenStream {
    super::text_fns::tokens_of(&endpoint_doc(op, errors, client).flat(), "endpoint")
}

/// [`endpoint_expr`] as text to lay out.
pub(crate) fn endpoint_doc(op: &Operation, errors: Option<&Ident>, client: &ClientModel) -> Doc {
    let literal = |text: &str| Doc::word(super::calls::literal(text));
    let some = |value: Doc| Doc::Call("Some".into(), vec![value]);
    let location = match op.params_location {
        ParamsLocation::Body => "Body",
        ParamsLocation::Query => "Query",
        ParamsLocation::Form => "Form",
        ParamsLocation::Multipart => "Multipart",
        ParamsLocation::Raw => "Raw",
    };
    let key = match &op.response.key {
        Some(key) => some(literal(key)),
        None => Doc::word("None"),
    };
    let field = |name: &str, value: Doc| (name.to_string(), Some(value));
    let mut fields = vec![
        field("operation", literal(&op.label())),
        field(
            "verb",
            Doc::word(format!("crate::http::Verb::{}", verb(op.http_method))),
        ),
        field("path", literal(&op.path)),
        field(
            "location",
            Doc::word(format!("crate::http::Location::{location}")),
        ),
        field("key", key),
        field("idempotent", Doc::word(op.idempotent.to_string())),
    ];
    if client.has(Capability::DeclaredErrors) {
        let errors = match errors {
            Some(name) => some(Doc::word(format!("{name}::decode"))),
            None => Doc::word("None"),
        };
        fields.push(field("errors", errors));
    }
    if client.has(Capability::KeyPlacement) {
        let place = match op.api_key_in.as_ref() {
            Some(place) => some(api_key_in(place)),
            None => Doc::word("None"),
        };
        fields.push(field("api_key_in", place));
    }
    Doc::Struct("&crate::http::Endpoint".into(), fields)
}

/// The runtime's `ApiKeyIn` variant for `place`.
fn api_key_in(place: &ApiKeyPlacement) -> Doc {
    let named = |variant: &str, name: &str| {
        let name = Doc::word(super::calls::literal(name));
        Doc::Call(format!("crate::auth::ApiKeyIn::{variant}"), vec![name])
    };
    match place {
        ApiKeyPlacement::Bearer => Doc::word("crate::auth::ApiKeyIn::Bearer"),
        ApiKeyPlacement::Header(name) => named("Header", name),
        ApiKeyPlacement::Query(name) => named("Query", name),
        ApiKeyPlacement::Cookie(name) => named("Cookie", name),
        ApiKeyPlacement::Withheld => Doc::word("crate::auth::ApiKeyIn::Withheld"),
    }
}

fn verb(method: HttpMethod) -> &'static str {
    match method {
        HttpMethod::Get => "Get",
        HttpMethod::Post => "Post",
        HttpMethod::Put => "Put",
        HttpMethod::Patch => "Patch",
        HttpMethod::Delete => "Delete",
        HttpMethod::Head => "Head",
        HttpMethod::Options => "Options",
        HttpMethod::Trace => "Trace",
    }
}

/// The named type of the work waiting operations poll (the response of
/// the status operation).
pub(crate) fn polled_type(api: &Api) -> Option<&str> {
    let pointer = &api.client.polling.as_ref()?.status;
    let op = api.operations.iter().find(|op| &op.pointer == pointer)?;
    match &op.response.ty {
        Some(crate::ir::TypeRef::Named(name)) => Some(name),
        _ => None,
    }
}

/// The conventions' `polling` as the runtime's `PollRule`.
fn poll_rule(api: &Api) -> TokenStream {
    let Some(polling) = &api.conventions.polling else {
        return TokenStream::new();
    };
    let path = |dotted: &Option<String>| {
        let names = dotted.as_deref().map(path_of).unwrap_or_default();
        quote!(&[#(#names),*])
    };
    let (name, id, status) = (&polling.name, &polling.id, &polling.status);
    let (success, failure) = (&polling.success, &polling.failure);
    let kind = match &polling.kind {
        Some(kind) => quote!(Some(#kind)),
        None => quote!(None),
    };
    let (error_type, error_message) = (path(&polling.error_type), path(&polling.error_message));
    quote! {
        crate::polling::PollRule {
            name: #name,
            id: #id,
            status: #status,
            success: &[#(#success),*],
            failure: &[#(#failure),*],
            kind: #kind,
            error_type: #error_type,
            error_message: #error_message,
        }
    }
}

/// `src/spec.rs`: the values the runtime takes from the spec and profile.
pub(crate) fn spec_rs(
    api: &Api,
    needs: &std::collections::BTreeMap<String, std::collections::BTreeSet<super::features::Need>>,
) -> TokenStream {
    let client = &api.client;
    let operation = |pointer: &Option<String>| {
        pointer.as_ref().and_then(|pointer| {
            api.operations
                .iter()
                .find(|op| &op.pointer == pointer)
                .map(|op| endpoint_expr(op, None, client))
        })
    };
    let exchange = operation(&client.exchange).map(|endpoint| {
        quote! {
            /// Exchanges a publishable key for a client session token.
            pub(crate) const EXCHANGE: &crate::http::Endpoint = #endpoint;
        }
    });
    let status = client.polling.as_ref().map(|p| Some(p.status.clone()));
    let poll = operation(&status.flatten()).map(|endpoint| {
        // The work is typed wherever an operation that waits is compiled;
        // with none, no poll error can arise, and the type is not compiled
        // for it.
        let polled = polled_type(api).map(|name| {
            let predicate = needs.get(name).and_then(super::features::cfg_predicate);
            (super::ident(name), predicate)
        });
        let alias = match polled {
            Some((name, None)) => quote! {
                /// The type polled work decodes into.
                pub type Polled = crate::types::#name;
            },
            Some((name, Some(predicate))) => quote! {
                /// The type polled work decodes into.
                #[cfg(#predicate)]
                pub type Polled = crate::types::#name;

                /// No operation that waits for polled work is compiled.
                #[cfg(not(#predicate))]
                pub type Polled = serde_json::Value;
            },
            None => quote! {
                /// The type polled work decodes into.
                pub type Polled = serde_json::Value;
            },
        };
        let rule = poll_rule(api);
        quote! {
            /// Reads long-running work, for waiting on it.
            pub(crate) const POLL_STATUS: &crate::http::Endpoint = #endpoint;

            /// What the status operation returns.
            pub(crate) const POLL: crate::polling::PollRule = #rule;

            #alias
        }
    });
    let credentials = match &client.credentials {
        Credentials::Profile => TokenStream::new(),
        Credentials::Schemes { api_key, required } => {
            let placement = api_key.as_ref().map(|api_key| {
                let placement = api_key_in(api_key).flat();
                let placement = super::text_fns::tokens_of(&placement, "key placement");
                quote! {
                    /// Where the API key goes.
                    pub(crate) const API_KEY_IN: crate::auth::ApiKeyIn = #placement;
                }
            });
            let hint = match (api_key.is_some(), client.has(Capability::Basic)) {
                (true, true) => format!(
                    "set an API key or basic auth, or the {}_API_KEY environment variable",
                    client.env_prefix
                ),
                (true, false) => format!(
                    "set an API key, or the {}_API_KEY environment variable",
                    client.env_prefix
                ),
                (false, _) => "set basic auth".to_string(),
            };
            quote! {
                #placement
                /// Whether some operation requires credentials.
                pub(crate) const CREDENTIALS_REQUIRED: bool = #required;
                /// What to set when no credential was given.
                pub(crate) const CREDENTIALS_HINT: &str = #hint;
            }
        }
    };
    let endpoint = &client.default_endpoint;
    let env_endpoint = format!("{}_ENDPOINT", client.env_prefix);
    let env_api_key = client.has(Capability::ApiKey).then(|| {
        let name = format!("{}_API_KEY", client.env_prefix);
        quote! {
            /// The environment variable the API key is read from when none is given.
            pub const ENV_API_KEY: &str = #name;
        }
    });
    let errors = &api.conventions.errors;
    let path = |dotted: &Option<String>| dotted.as_deref().map(path_of).unwrap_or_default();
    let (error_message, error_code) = (path(&errors.message), path(&errors.code));
    let (name, builder, sdk, request_id) = (
        &client.name,
        &client.builder_name(),
        &client.sdk_name(),
        &api.conventions.request_id_header,
    );
    quote! {
        //! Values the runtime takes from the spec and its profile.

        /// The server requests go to when no endpoint is configured.
        pub const DEFAULT_ENDPOINT: &str = #endpoint;
        /// The environment variable that overrides [`DEFAULT_ENDPOINT`].
        pub const ENV_ENDPOINT: &str = #env_endpoint;
        #env_api_key
        pub(crate) const CLIENT_NAME: &str = #name;
        pub(crate) const BUILDER_NAME: &str = #builder;
        /// Sent as the user agent, with the crate's version.
        pub(crate) const SDK_NAME: &str = #sdk;
        /// The response header with the id of a request.
        pub(crate) const REQUEST_ID_HEADER: &str = #request_id;
        /// Where error bodies carry their message, as the conventions say
        /// (empty: read from the common shapes).
        pub(crate) const ERROR_MESSAGE: &[&str] = &[#(#error_message),*];
        /// Where error bodies carry their code (empty: nowhere said).
        pub(crate) const ERROR_CODE: &[&str] = &[#(#error_code),*];
        #credentials
        #exchange
        #poll
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_client_method_of_the_runtime_is_known_to_be_taken() {
        let files: Vec<super::File> = super::FILES
            .iter()
            .map(|f| super::File {
                path: format!("src/{}.rs", f.module),
                contents: f.source.to_string(),
            })
            .collect();
        let claimed = super::claimed(&files).unwrap();
        let missing: Vec<&String> = claimed
            .client_methods
            .iter()
            .filter(|m| !super::CLIENT_METHODS.contains(&m.as_str()))
            .collect();
        assert!(missing.is_empty(), "add to CLIENT_METHODS: {missing:?}");
        assert!(claimed.modules.iter().all(|m| super::may_be_taken(m)));
    }

    use super::*;

    use crate::emit::sample::client;

    #[test]
    fn every_runtime_file_resolves_and_parses_with_no_capability_and_with_all() {
        use Capability::*;
        let all = vec![
            OwnCredentials,
            Exchange,
            Polling,
            Pagination,
            Multipart,
            DeclaredErrors,
            Pattern,
            Basic,
            Uuid,
            Streaming,
            Base64,
            Webhook,
        ];
        for capabilities in [vec![], all, vec![Basic, Pattern, Multipart]] {
            let client = client(capabilities.clone());
            for file in runtime_files(&client).unwrap() {
                let text = file.contents;
                // Only the crate's own features stay gated.
                let own = resolve::CRATE_FEATURES.iter().fold(text.clone(), |t, f| {
                    t.replace(&format!("feature = \"{f}\""), "")
                });
                assert!(
                    !own.contains("cfg(feature") && !own.contains("cfg(not(feature"),
                    "{}: {capabilities:?}",
                    file.path
                );
                syn::parse_file(&text)
                    .unwrap_or_else(|e| panic!("{} with {capabilities:?}: {e}", file.path));
            }
        }
    }

    #[test]
    fn claimed_names_are_read_from_the_runtime() {
        let generic = claimed(&runtime_files(&client(vec![Capability::ApiKey])).unwrap()).unwrap();
        // Without an API key, the client has no `new`.
        let keyless = claimed(&runtime_files(&client(vec![])).unwrap()).unwrap();
        assert!(!keyless.client_methods.contains("new"));
        assert!(keyless.client_methods.contains("from_env"));
        for module in ["auth", "client", "http", "macros", "spec", "types"] {
            assert!(generic.modules.contains(module), "{module}");
        }
        assert!(!generic.modules.contains("polling"));
        for method in [
            "builder",
            "new",
            "from_env",
            "start",
            "start_parts",
            "request",
        ] {
            assert!(generic.client_methods.contains(method), "{method}");
        }
        let seam = client(vec![
            Capability::OwnCredentials,
            Capability::Polling,
            Capability::Exchange,
        ]);
        let seam = claimed(&runtime_files(&seam).unwrap()).unwrap();
        assert!(seam.modules.contains("polling"));
        assert!(seam.client_methods.contains("from_publishable_key"));
        assert!(seam.client_methods.contains("send_polled"));
        assert!(!generic.client_methods.contains("from_publishable_key"));
    }
}
