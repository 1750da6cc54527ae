//! `src/client.rs`: configuration, authentication and building the client.

use proc_macro2::TokenStream;
use quote::quote;

use super::http::endpoint_expr;
use super::Runtime;
use crate::emit::Options;
use crate::ir::{Api, ApiKeyPlacement};

pub(crate) fn client_rs(api: &Api, options: &Options, runtime: &Runtime<'_>) -> TokenStream {
    let default_endpoint = api
        .base_url
        .clone()
        .unwrap_or_else(|| "http://localhost".into());
    let sdk_name = format!("{}-rust", options.crate_name);
    let polling = runtime.poll.is_some();
    let wait_field =
        polling.then(|| quote!(pub(crate) action_attempt_wait: crate::ActionAttemptWait,));
    let wait_builder_field =
        polling.then(|| quote!(action_attempt_wait: Option<crate::ActionAttemptWait>,));
    let wait_setter = polling.then(|| {
        quote! {
            /// How calls that start an action attempt wait for it (default:
            /// poll every 500 ms for up to 5 s). Each call can override it.
            pub fn action_attempt_wait(mut self, wait: crate::ActionAttemptWait) -> Self {
                self.action_attempt_wait = Some(wait);
                self
            }
        }
    });
    let wait_init =
        polling.then(|| quote!(action_attempt_wait: self.action_attempt_wait.unwrap_or_default(),));
    // Where the API key goes: a bearer token, or the spec's apiKey scheme.
    let (api_key_insert, api_key_check) = match &runtime.api_key {
        ApiKeyPlacement::Bearer => (
            quote!(headers.insert(AUTHORIZATION, bearer(key)?);),
            quote!(assert_eq!(seam.inner.headers[AUTHORIZATION], "Bearer seam_env_key");),
        ),
        ApiKeyPlacement::Header(name) => (
            quote!(headers.insert(HeaderName::from_static(#name), secret_header(key)?);),
            quote!(assert_eq!(seam.inner.headers[#name], "seam_env_key");),
        ),
        ApiKeyPlacement::Cookie(name) => {
            let expected = format!("{name}=seam_env_key");
            (
                quote!(headers.insert(reqwest::header::COOKIE, secret_header(&format!("{}={key}", #name))?);),
                quote!(assert_eq!(seam.inner.headers[reqwest::header::COOKIE], #expected);),
            )
        }
        ApiKeyPlacement::Query(_) => (
            quote!(query_key = Some(key.clone());),
            quote!(assert_eq!(seam.inner.query_key.as_deref(), Some("seam_env_key"));),
        ),
    };
    let api_key_doc = match &runtime.api_key {
        ApiKeyPlacement::Bearer => {
            " Authenticate with an API key (`Authorization: Bearer`).".to_string()
        }
        ApiKeyPlacement::Header(name) => {
            format!(" Authenticate with an API key, sent in the `{name}` header.")
        }
        ApiKeyPlacement::Query(name) => {
            format!(" Authenticate with an API key, sent as the `{name}` query parameter.")
        }
        ApiKeyPlacement::Cookie(name) => {
            format!(" Authenticate with an API key, sent as the `{name}` cookie.")
        }
    };
    // An API key in the query string is added to every request's URL.
    let query_key = match &runtime.api_key {
        ApiKeyPlacement::Query(name) => Some(name),
        _ => None,
    };
    let query_key_field = query_key.map(|_| quote!(query_key: Option<String>,));
    let query_key_let = query_key.map(|_| quote!(let mut query_key = None;));
    let query_key_init = query_key.map(|_| quote!(query_key,));
    let query_key_apply = query_key.map(|name| {
        quote! {
            if let Some(key) = &self.inner.query_key {
                request = request.query(&[(#name, key)]);
            }
        }
    });
    // HTTP basic credentials, when the spec has a basic scheme.
    let basic = runtime.basic;
    let basic_field = basic.then(|| quote!(basic_auth: Option<(String, String)>,));
    let basic_inner_init = basic.then(|| quote!(basic_auth: self.basic_auth,));
    let basic_debug = basic.then(|| {
        quote!(.field("basic_auth", &self.basic_auth.as_ref().map(|(user, _)| format!("{user}:[redacted]"))))
    });
    let basic_setter = basic.then(|| {
        quote! {
            /// Authenticate with HTTP basic credentials (`Authorization: Basic`).
            pub fn basic_auth(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
                self.basic_auth = Some((username.into(), password.into()));
                self
            }
        }
    });
    let basic_choice = basic.then(|| quote!(else if self.basic_auth.is_some() { "basic_auth" }));
    let basic_check = basic.then(|| {
        quote! {
            if self.basic_auth.is_some() && headers.contains_key(AUTHORIZATION) {
                return Err(Error::Config(format!(
                    "basic auth and {auth} both use the Authorization header; choose one"
                )));
            }
        }
    });
    let basic_apply = basic.then(|| {
        quote! {
            if let Some((user, password)) = &self.inner.basic_auth {
                request = request.basic_auth(user, Some(password));
            }
        }
    });
    let plain_request = quote! {
        self.inner
            .http
            .request(method, url)
            .headers(self.inner.headers.clone())
            .timeout(self.inner.timeout)
    };
    let request_body = if query_key_apply.is_none() && basic_apply.is_none() {
        plain_request
    } else {
        quote! {
            let mut request = #plain_request;
            #query_key_apply
            #basic_apply
            request
        }
    };
    let basic_test = basic.then(|| {
        quote! {
            #[test]
            fn basic_auth_is_hidden_and_exclusive_with_bearer_credentials() {
                let builder = Seam::builder().basic_auth("jane", "seam_secret_password").endpoint("http://127.0.0.1:9");
                assert!(!format!("{builder:?}").contains("seam_secret_password"));
                let seam = builder.build_with_env(no_env).unwrap();
                assert_eq!(seam.inner.auth, "basic_auth");
                let err = Seam::builder().basic_auth("jane", "p").client_session_token("t").build_with_env(no_env).unwrap_err();
                assert!(err.to_string().contains("Authorization header"), "{err}");
            }
        }
    });
    let exchange = runtime
        .exchange
        .map(|op| exchange_items(op, runtime.typed_errors));
    let from_publishable_key = runtime.exchange.map(|_| {
        quote! {
            /// A client for one user of a front end: exchanges a publishable
            /// key and the user's identifier key for a client session token.
            /// Use [`SeamBuilder::connect`] to set other options too.
            pub async fn from_publishable_key(
                publishable_key: impl Into<String>,
                user_identifier_key: impl Into<String>,
            ) -> Result<Self, Error> {
                Self::builder()
                    .publishable_key(publishable_key)
                    .user_identifier_key(user_identifier_key)
                    .connect()
                    .await
            }
        }
    });
    let uik_field = runtime
        .exchange
        .map(|_| quote!(user_identifier_key: Option<String>,));
    let uik_check = runtime.exchange.map(|_| {
        quote! {
            if self.user_identifier_key.is_some() {
                return Err(Error::Config(if self.publishable_key.is_some() {
                    "a publishable key with a user identifier key is exchanged for a client session token: call `connect().await` instead of `build()`".to_string()
                } else {
                    "a user identifier key goes with a publishable key".to_string()
                }));
            }
        }
    });
    let uik_test = runtime.exchange.map(|_| {
        quote! {
            let err = Seam::builder().publishable_key("p").user_identifier_key("u").build_with_env(no_env).unwrap_err();
            assert!(err.to_string().contains("connect()"), "{err}");
        }
    });
    quote! {
        //! The client: configuration and authentication.

        use std::fmt;
        use std::sync::Arc;
        use std::time::Duration;

        use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION};

        use crate::error::Error;
        use crate::RetryPolicy;

        /// The endpoint used when none is configured.
        pub const DEFAULT_ENDPOINT: &str = #default_endpoint;
        /// The request timeout used when none is configured.
        pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
        const SDK_NAME: &str = #sdk_name;
        const SDK_VERSION: &str = env!("CARGO_PKG_VERSION");

        /// A client for the API. Cheap to clone: clones share one connection pool.
        ///
        /// Build one with [`Seam::builder`], [`Seam::new`] (an API key) or
        /// [`Seam::from_env`]; then reach operations through route-group
        /// accessors such as `seam.client_sessions()`.
        #[derive(Clone)]
        pub struct Seam {
            pub(crate) inner: Arc<Inner>,
        }

        // Parts go unused when features switch off every operation.
        #[allow(dead_code)]
        pub(crate) struct Inner {
            http: reqwest::Client,
            endpoint: reqwest::Url,
            /// Authentication and SDK headers, sent with every request.
            /// Secret values are marked sensitive.
            headers: HeaderMap,
            auth: &'static str,
            timeout: Duration,
            retry: RetryPolicy,
            #wait_field
            #query_key_field
            #basic_field
        }

        impl fmt::Debug for Seam {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct("Seam")
                    .field("endpoint", &self.inner.endpoint.as_str())
                    .field("auth", &self.inner.auth)
                    .field("timeout", &self.inner.timeout)
                    .field("retry", &self.inner.retry)
                    .finish_non_exhaustive()
            }
        }

        impl Seam {
            /// Starts configuring a client.
            pub fn builder() -> SeamBuilder {
                SeamBuilder::default()
            }

            /// A client that authenticates with an API key.
            pub fn new(api_key: impl Into<String>) -> Result<Self, Error> {
                Self::builder().api_key(api_key).build()
            }

            /// A client configured from the environment: `SEAM_API_KEY`, or
            /// `SEAM_PERSONAL_ACCESS_TOKEN` with `SEAM_WORKSPACE_ID`; and
            /// `SEAM_ENDPOINT` if set.
            pub fn from_env() -> Result<Self, Error> {
                Self::builder().build()
            }

            #from_publishable_key

            /// The endpoint requests go to.
            pub fn endpoint(&self) -> &str {
                self.inner.endpoint.as_str()
            }

            /// A request to `path` with the client's headers and timeout.
            #[allow(dead_code)]
            pub(crate) fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
                let url = format!("{}{}", self.inner.endpoint.as_str().trim_end_matches('/'), path);
                #request_body
            }

            #[allow(dead_code)]
            pub(crate) fn retry_policy(&self) -> &RetryPolicy {
                &self.inner.retry
            }
        }

        /// Configures a [`Seam`] client.
        ///
        /// Exactly one way to authenticate must be chosen: an API key, a
        /// client session token, a publishable key, a personal access token or
        /// a console session token (the last two optionally with a workspace).
        /// With none set, the environment supplies `SEAM_API_KEY`, or
        /// `SEAM_PERSONAL_ACCESS_TOKEN` with `SEAM_WORKSPACE_ID`.
        #[derive(Default, Clone)]
        pub struct SeamBuilder {
            endpoint: Option<String>,
            api_key: Option<String>,
            client_session_token: Option<String>,
            publishable_key: Option<String>,
            #uik_field
            personal_access_token: Option<String>,
            console_session_token: Option<String>,
            workspace_id: Option<String>,
            timeout: Option<Duration>,
            retry: Option<RetryPolicy>,
            #wait_builder_field
            http_client: Option<reqwest::Client>,
            #basic_field
        }

        impl fmt::Debug for SeamBuilder {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let secret = |v: &Option<String>| v.as_ref().map(|_| "[redacted]");
                f.debug_struct("SeamBuilder")
                    .field("endpoint", &self.endpoint)
                    .field("api_key", &secret(&self.api_key))
                    .field("client_session_token", &secret(&self.client_session_token))
                    .field("publishable_key", &secret(&self.publishable_key))
                    .field("personal_access_token", &secret(&self.personal_access_token))
                    .field("console_session_token", &secret(&self.console_session_token))
                    .field("workspace_id", &self.workspace_id)
                    .field("timeout", &self.timeout)
                    .field("retry", &self.retry)
                    #basic_debug
                    .finish_non_exhaustive()
            }
        }

        impl SeamBuilder {
            /// The API endpoint (default: `SEAM_ENDPOINT` if set, else the spec's server).
            pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
                self.endpoint = Some(endpoint.into());
                self
            }

            #[doc = #api_key_doc]
            pub fn api_key(mut self, key: impl Into<String>) -> Self {
                self.api_key = Some(key.into());
                self
            }

            #basic_setter

            /// Authenticate with a client session token.
            pub fn client_session_token(mut self, token: impl Into<String>) -> Self {
                self.client_session_token = Some(token.into());
                self
            }

            /// Authenticate with a publishable key (`seam-publishable-key`), as
            /// used to create client sessions from a front end.
            pub fn publishable_key(mut self, key: impl Into<String>) -> Self {
                self.publishable_key = Some(key.into());
                self
            }

            /// Authenticate with a personal access token.
            pub fn personal_access_token(mut self, token: impl Into<String>) -> Self {
                self.personal_access_token = Some(token.into());
                self
            }

            /// Authenticate with a console session token.
            pub fn console_session_token(mut self, token: impl Into<String>) -> Self {
                self.console_session_token = Some(token.into());
                self
            }

            /// The workspace to act in (`seam-workspace`), with a personal
            /// access token or console session token.
            pub fn workspace_id(mut self, workspace_id: impl Into<String>) -> Self {
                self.workspace_id = Some(workspace_id.into());
                self
            }

            /// Per-request timeout (default 30 seconds).
            pub fn timeout(mut self, timeout: Duration) -> Self {
                self.timeout = Some(timeout);
                self
            }

            /// How failed requests are tried again (default: twice, for
            /// idempotent operations only); [`RetryPolicy::none`] turns
            /// retries off.
            pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
                self.retry = Some(policy);
                self
            }

            #wait_setter

            /// Use this HTTP client (for proxies, custom TLS and the like).
            pub fn http_client(mut self, client: reqwest::Client) -> Self {
                self.http_client = Some(client);
                self
            }

            /// Checks the configuration and builds the client.
            pub fn build(self) -> Result<Seam, Error> {
                self.build_with_env(|name| std::env::var(name).ok())
            }

            #exchange

            fn build_with_env(mut self, env: impl Fn(&str) -> Option<String>) -> Result<Seam, Error> {
                #uik_check
                let env = |name: &str| env(name).filter(|v| !v.is_empty());
                let chosen = |builder: &SeamBuilder| -> Vec<&'static str> {
                    [
                        ("api_key", builder.api_key.is_some()),
                        ("client_session_token", builder.client_session_token.is_some()),
                        ("publishable_key", builder.publishable_key.is_some()),
                        ("personal_access_token", builder.personal_access_token.is_some()),
                        ("console_session_token", builder.console_session_token.is_some()),
                    ]
                    .into_iter()
                    .filter_map(|(name, set)| set.then_some(name))
                    .collect()
                };
                let given = chosen(&self);
                if given.len() > 1 {
                    return Err(Error::Config(format!(
                        "conflicting credentials: {} are all set; choose one",
                        given.join(", ")
                    )));
                }
                if given.is_empty() {
                    self.api_key = env("SEAM_API_KEY");
                    self.personal_access_token = env("SEAM_PERSONAL_ACCESS_TOKEN");
                    if self.api_key.is_some() && self.personal_access_token.is_some() {
                        return Err(Error::Config(
                            "conflicting credentials: SEAM_API_KEY and SEAM_PERSONAL_ACCESS_TOKEN are both set in the environment; unset one or pass credentials explicitly".to_string(),
                        ));
                    }
                }
                let mut headers = HeaderMap::new();
                #query_key_let
                let bearer = |token: &str| secret_header(&format!("Bearer {token}"));
                let auth = if let Some(key) = &self.api_key {
                    #api_key_insert
                    "api_key"
                } else if let Some(token) = &self.client_session_token {
                    headers.insert(AUTHORIZATION, bearer(token)?);
                    headers.insert(HeaderName::from_static("client-session-token"), secret_header(token)?);
                    "client_session_token"
                } else if let Some(key) = &self.publishable_key {
                    headers.insert(HeaderName::from_static("seam-publishable-key"), secret_header(key)?);
                    "publishable_key"
                } else if let Some(token) = &self.personal_access_token {
                    headers.insert(AUTHORIZATION, bearer(token)?);
                    "personal_access_token"
                } else if let Some(token) = &self.console_session_token {
                    headers.insert(AUTHORIZATION, bearer(token)?);
                    "console_session_token"
                } #basic_choice else {
                    return Err(Error::Config(
                        "no credentials: set an API key, client session token, publishable key, personal access token or console session token, or the SEAM_API_KEY or SEAM_PERSONAL_ACCESS_TOKEN environment variable".to_string(),
                    ));
                };
                #basic_check
                let takes_workspace = matches!(auth, "personal_access_token" | "console_session_token");
                if takes_workspace && self.workspace_id.is_none() {
                    self.workspace_id = env("SEAM_WORKSPACE_ID");
                }
                if let Some(workspace_id) = &self.workspace_id {
                    if !takes_workspace {
                        return Err(Error::Config(format!(
                            "a workspace id goes with a personal access token or console session token, not with {auth}"
                        )));
                    }
                    let value = HeaderValue::from_str(workspace_id)
                        .map_err(|_| Error::Config("the workspace id is not a valid header value".to_string()))?;
                    headers.insert(HeaderName::from_static("seam-workspace"), value);
                }
                headers.insert(HeaderName::from_static("seam-sdk-name"), HeaderValue::from_static(SDK_NAME));
                headers.insert(HeaderName::from_static("seam-sdk-version"), HeaderValue::from_static(SDK_VERSION));
                let endpoint = self
                    .endpoint
                    .or_else(|| env("SEAM_ENDPOINT"))
                    .unwrap_or_else(|| DEFAULT_ENDPOINT.to_string());
                let endpoint = reqwest::Url::parse(&endpoint)
                    .map_err(|e| Error::Config(format!("invalid endpoint `{endpoint}`: {e}")))?;
                let http = match self.http_client {
                    Some(client) => client,
                    None => reqwest::Client::builder()
                        .user_agent(format!("{SDK_NAME}/{SDK_VERSION}"))
                        .build()
                        .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?,
                };
                Ok(Seam {
                    inner: Arc::new(Inner {
                        http,
                        endpoint,
                        headers,
                        auth,
                        timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
                        retry: self.retry.unwrap_or_default(),
                        #wait_init
                        #query_key_init
                        #basic_inner_init
                    }),
                })
            }
        }

        /// A header value that is hidden from `Debug` output.
        fn secret_header(value: &str) -> Result<HeaderValue, Error> {
            let mut value = HeaderValue::from_str(value)
                .map_err(|_| Error::Config("a credential contains characters not allowed in an HTTP header".to_string()))?;
            value.set_sensitive(true);
            Ok(value)
        }

        #[cfg(test)]
        mod tests {
            use super::*;

            fn no_env(_: &str) -> Option<String> {
                None
            }

            #[test]
            fn env_supplies_credentials_and_endpoint_only_when_not_given() {
                let env = |name: &str| match name {
                    "SEAM_API_KEY" => Some("seam_env_key".to_string()),
                    "SEAM_ENDPOINT" => Some("http://127.0.0.1:9/".to_string()),
                    "SEAM_WORKSPACE_ID" => Some("env_workspace".to_string()),
                    _ => None,
                };
                let seam = Seam::builder().build_with_env(env).unwrap();
                assert_eq!(seam.inner.auth, "api_key");
                assert_eq!(seam.endpoint(), "http://127.0.0.1:9/");
                #api_key_check
                assert!(!seam.inner.headers.contains_key("seam-workspace"));
                let seam = Seam::builder()
                    .client_session_token("seam_cst1")
                    .endpoint("http://example.test")
                    .build_with_env(env)
                    .unwrap();
                assert_eq!(seam.inner.auth, "client_session_token");
                assert_eq!(seam.endpoint(), "http://example.test/");
                let seam = Seam::builder().personal_access_token("seam_at1").build_with_env(env).unwrap();
                assert_eq!(seam.inner.headers["seam-workspace"], "env_workspace");

                let pat_env = |name: &str| match name {
                    "SEAM_PERSONAL_ACCESS_TOKEN" => Some("seam_at_env".to_string()),
                    "SEAM_WORKSPACE_ID" => Some("env_workspace".to_string()),
                    _ => None,
                };
                let seam = Seam::builder().build_with_env(pat_env).unwrap();
                assert_eq!(seam.inner.auth, "personal_access_token");
                assert_eq!(seam.inner.headers[AUTHORIZATION], "Bearer seam_at_env");
                assert_eq!(seam.inner.headers["seam-workspace"], "env_workspace");
            }

            #[test]
            fn missing_or_conflicting_credentials_are_config_errors() {
                let err = Seam::builder().build_with_env(no_env).unwrap_err();
                assert!(err.to_string().contains("no credentials"), "{err}");
                let err = Seam::builder().api_key("a").publishable_key("b").build_with_env(no_env).unwrap_err();
                assert!(err.to_string().contains("api_key, publishable_key"), "{err}");
                let err = Seam::builder().api_key("a").workspace_id("w").build_with_env(no_env).unwrap_err();
                assert!(err.to_string().contains("workspace id"), "{err}");
                let both = |name: &str| name.starts_with("SEAM_").then(|| "x".to_string());
                let err = Seam::builder().build_with_env(both).unwrap_err();
                assert!(err.to_string().contains("SEAM_API_KEY and SEAM_PERSONAL_ACCESS_TOKEN"), "{err}");
                #uik_test
            }

            #[test]
            fn secrets_stay_out_of_debug_output() {
                let builder = Seam::builder().api_key("seam_secret_key_1").endpoint("http://127.0.0.1:9");
                assert!(!format!("{builder:?}").contains("seam_secret_key_1"));
                let seam = builder.build_with_env(no_env).unwrap();
                assert!(!format!("{seam:?}").contains("seam_secret_key_1"));
                assert!(!format!("{:?}", seam.inner.headers).contains("seam_secret_key_1"));
            }

            #basic_test
        }
    }
}

/// Publishable-key sign-in: `user_identifier_key`, `connect` and
/// `Seam::from_publishable_key`, exchanging the pair for a client session
/// token through `op` (`client_sessions/get_or_create`).
fn exchange_items(op: &crate::ir::Operation, typed_errors: bool) -> TokenStream {
    let endpoint = endpoint_expr(op, None, typed_errors);
    let path = &op.path;
    let doc = format!(
        " Builds the client. With a publishable key and a user identifier key,\n first exchanges them for a client session token (`POST {path}`)\n and authenticates with that; otherwise the same as [`build`](Self::build)."
    );
    quote! {
        /// The user a publishable key acts for; see [`connect`](Self::connect).
        pub fn user_identifier_key(mut self, key: impl Into<String>) -> Self {
            self.user_identifier_key = Some(key.into());
            self
        }

        #[doc = #doc]
        pub async fn connect(mut self) -> Result<Seam, Error> {
            let Some(user_identifier_key) = self.user_identifier_key.take() else {
                return self.build();
            };
            if self.publishable_key.is_none() {
                return Err(Error::Config("a user identifier key goes with a publishable key".to_string()));
            }
            let anonymous = self.clone().build()?;
            #[derive(serde::Deserialize)]
            struct Session {
                token: String,
            }
            let body = serde_json::json!({ "user_identifier_key": user_identifier_key });
            let session: Session = anonymous.send(#endpoint, &body).await?;
            self.publishable_key = None;
            self.client_session_token = Some(session.token);
            self.build()
        }
    }
}
