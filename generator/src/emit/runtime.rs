//! The hand-designed part of the emitted crate: the crate root, the client
//! (configuration, auth, sending, decoding), errors and validation helpers.
//! Only a few values come from the spec (default endpoint, crate name).

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use super::operations::{group_cfg, Group};
use super::Options;
use crate::ir::{Api, ParamsLocation};

pub(crate) fn lib_rs(groups: &[Group<'_>]) -> TokenStream {
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
        mod error;
        #[rustfmt::skip]
        mod validate;
        #[rustfmt::skip]
        pub mod types;

        #(#modules)*

        /// Re-exported so callers use the same versions as the client.
        pub use chrono;
        pub use client::{Seam, SeamBuilder};
        pub use error::{ApiError, DecodeError, Error, Rule, ValidationError};
        /// Re-exported so callers use the same versions as the client.
        pub use uuid;
    }
}

pub(crate) fn client_rs(api: &Api, options: &Options) -> TokenStream {
    // Emit only the parameter locations some operation uses, so none is dead code.
    let uses_query = api
        .operations
        .iter()
        .any(|op| op.params_location == ParamsLocation::Query);
    let uses_body = api
        .operations
        .iter()
        .any(|op| op.params_location == ParamsLocation::Body);
    let body_variant = uses_body.then(|| quote!(Body,));
    let body_arm = uses_body.then(|| quote!(Location::Body => request.json(params),));
    let query_variant = uses_query.then(|| quote!(Query,));
    let query_arm = uses_query.then(|| quote!(Location::Query => request.query(params),));
    let default_endpoint = api
        .base_url
        .clone()
        .unwrap_or_else(|| "http://localhost".into());
    let sdk_name = format!("{}-rust", options.crate_name);
    quote! {
        //! The client: configuration, authentication and sending requests.

        use std::fmt;
        use std::sync::Arc;
        use std::time::Duration;

        use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION};
        use serde::de::DeserializeOwned;
        use serde::Serialize;

        use crate::error::{ApiError, DecodeError, Error};

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
            inner: Arc<Inner>,
        }

        // Parts go unused when features switch off every operation.
        #[allow(dead_code)]
        struct Inner {
            http: reqwest::Client,
            endpoint: reqwest::Url,
            /// Authentication and SDK headers, sent with every request.
            /// Secret values are marked sensitive.
            headers: HeaderMap,
            auth: &'static str,
            timeout: Duration,
        }

        impl fmt::Debug for Seam {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct("Seam")
                    .field("endpoint", &self.inner.endpoint.as_str())
                    .field("auth", &self.inner.auth)
                    .field("timeout", &self.inner.timeout)
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

            /// A client configured from the environment: `SEAM_API_KEY` and,
            /// if set, `SEAM_ENDPOINT`.
            pub fn from_env() -> Result<Self, Error> {
                Self::builder().build()
            }

            /// The endpoint requests go to.
            pub fn endpoint(&self) -> &str {
                self.inner.endpoint.as_str()
            }

            /// Sends one request and returns the body of a successful response.
            #[allow(dead_code)]
            pub(crate) async fn call<P: Serialize + ?Sized>(
                &self,
                method: reqwest::Method,
                path: &str,
                location: Location,
                params: &P,
            ) -> Result<Vec<u8>, Error> {
                let url = format!("{}{}", self.inner.endpoint.as_str().trim_end_matches('/'), path);
                let request = self
                    .inner
                    .http
                    .request(method, url)
                    .headers(self.inner.headers.clone())
                    .timeout(self.inner.timeout);
                let request = match location {
                    #body_arm
                    #query_arm
                };
                let response = request.send().await?;
                let status = response.status().as_u16();
                let request_id = response
                    .headers()
                    .get("seam-request-id")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string);
                let body = response.bytes().await?.to_vec();
                if (200..300).contains(&status) {
                    Ok(body)
                } else {
                    Err(ApiError::from_response(status, request_id, &body))
                }
            }
        }

        /// Where an operation's parameters travel.
        #[allow(dead_code)]
        #[derive(Debug, Clone, Copy)]
        pub(crate) enum Location {
            #body_variant
            #query_variant
        }

        /// Decodes a successful response body, taking `key` out of it first
        /// when given. A failure names the JSON path of the offending field.
        #[allow(dead_code)]
        pub(crate) fn decode<T: DeserializeOwned>(body: &[u8], key: Option<&str>) -> Result<T, Error> {
            let mut value: serde_json::Value = serde_json::from_slice(body).map_err(|e| DecodeError {
                path: String::new(),
                message: e.to_string(),
            })?;
            let value = match key {
                Some(key) => match value.get_mut(key) {
                    Some(inner) => inner.take(),
                    None => {
                        return Err(DecodeError {
                            path: key.to_string(),
                            message: "missing from the response".to_string(),
                        }
                        .into())
                    }
                },
                None => value,
            };
            serde_path_to_error::deserialize(value).map_err(|e| {
                let inner = e.path().to_string();
                let path = match (key, inner.as_str()) {
                    (Some(key), ".") => key.to_string(),
                    (Some(key), inner) => format!("{key}.{inner}"),
                    (None, inner) => inner.to_string(),
                };
                DecodeError {
                    path,
                    message: e.into_inner().to_string(),
                }
                .into()
            })
        }

        /// Configures a [`Seam`] client.
        ///
        /// Exactly one way to authenticate must be chosen: an API key, a
        /// client session token, a publishable key, a personal access token or
        /// a console session token (the last two optionally with a workspace).
        /// With none set, `SEAM_API_KEY` is read from the environment.
        #[derive(Default, Clone)]
        pub struct SeamBuilder {
            endpoint: Option<String>,
            api_key: Option<String>,
            client_session_token: Option<String>,
            publishable_key: Option<String>,
            personal_access_token: Option<String>,
            console_session_token: Option<String>,
            workspace_id: Option<String>,
            timeout: Option<Duration>,
            http_client: Option<reqwest::Client>,
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
                    .finish_non_exhaustive()
            }
        }

        impl SeamBuilder {
            /// The API endpoint (default: `SEAM_ENDPOINT` if set, else the spec's server).
            pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
                self.endpoint = Some(endpoint.into());
                self
            }

            /// Authenticate with an API key (`Authorization: Bearer`).
            pub fn api_key(mut self, key: impl Into<String>) -> Self {
                self.api_key = Some(key.into());
                self
            }

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

            /// Use this HTTP client (for proxies, custom TLS and the like).
            pub fn http_client(mut self, client: reqwest::Client) -> Self {
                self.http_client = Some(client);
                self
            }

            /// Checks the configuration and builds the client.
            pub fn build(self) -> Result<Seam, Error> {
                self.build_with_env(|name| std::env::var(name).ok())
            }

            fn build_with_env(mut self, env: impl Fn(&str) -> Option<String>) -> Result<Seam, Error> {
                let env = |name: &str| env(name).filter(|v| !v.is_empty());
                let chosen: Vec<&str> = [
                    ("api_key", self.api_key.is_some()),
                    ("client_session_token", self.client_session_token.is_some()),
                    ("publishable_key", self.publishable_key.is_some()),
                    ("personal_access_token", self.personal_access_token.is_some()),
                    ("console_session_token", self.console_session_token.is_some()),
                ]
                .into_iter()
                .filter_map(|(name, set)| set.then_some(name))
                .collect();
                if chosen.len() > 1 {
                    return Err(Error::Config(format!(
                        "conflicting credentials: {} are all set; choose one",
                        chosen.join(", ")
                    )));
                }
                if chosen.is_empty() {
                    self.api_key = env("SEAM_API_KEY");
                }
                let mut headers = HeaderMap::new();
                let bearer = |token: &str| secret_header(&format!("Bearer {token}"));
                let auth = if let Some(key) = &self.api_key {
                    headers.insert(AUTHORIZATION, bearer(key)?);
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
                } else {
                    return Err(Error::Config(
                        "no credentials: set an API key, client session token, publishable key, personal access token or console session token, or the SEAM_API_KEY environment variable".to_string(),
                    ));
                };
                if let Some(workspace_id) = &self.workspace_id {
                    if !matches!(auth, "personal_access_token" | "console_session_token") {
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
            fn env_supplies_key_and_endpoint_only_when_not_given() {
                let env = |name: &str| match name {
                    "SEAM_API_KEY" => Some("seam_env_key".to_string()),
                    "SEAM_ENDPOINT" => Some("http://127.0.0.1:9/".to_string()),
                    _ => None,
                };
                let seam = Seam::builder().build_with_env(env).unwrap();
                assert_eq!(seam.inner.auth, "api_key");
                assert_eq!(seam.endpoint(), "http://127.0.0.1:9/");
                assert_eq!(seam.inner.headers[AUTHORIZATION], "Bearer seam_env_key");

                let seam = Seam::builder()
                    .client_session_token("seam_cst1")
                    .endpoint("http://example.test")
                    .build_with_env(env)
                    .unwrap();
                assert_eq!(seam.inner.auth, "client_session_token");
                assert_eq!(seam.endpoint(), "http://example.test/");
            }

            #[test]
            fn missing_or_conflicting_credentials_are_config_errors() {
                let err = Seam::builder().build_with_env(no_env).unwrap_err();
                assert!(err.to_string().contains("no credentials"), "{err}");
                let err = Seam::builder().api_key("a").publishable_key("b").build_with_env(no_env).unwrap_err();
                assert!(err.to_string().contains("api_key, publishable_key"), "{err}");
                let err = Seam::builder().api_key("a").workspace_id("w").build_with_env(no_env).unwrap_err();
                assert!(err.to_string().contains("workspace id"), "{err}");
            }
        }
    }
}

pub(crate) fn error_rs() -> TokenStream {
    quote! {
        //! Errors returned by the client.

        use std::collections::BTreeMap;
        use std::fmt;

        /// Everything that can go wrong with a call.
        #[derive(Debug, thiserror::Error)]
        #[non_exhaustive]
        pub enum Error {
            /// A parameter broke a rule of the spec; nothing was sent.
            #[error("invalid parameter: {0}")]
            Validation(#[from] ValidationError),
            /// The credentials were refused (HTTP 401).
            #[error("unauthorized: {0}")]
            Unauthorized(Box<ApiError>),
            /// The API answered with an error.
            #[error("{0}")]
            Api(Box<ApiError>),
            /// A non-success response whose body is not an API error (such as
            /// a proxy's HTML page).
            #[error("HTTP {status} with a body that is not an API error{}", request_id_suffix(request_id))]
            Http {
                status: u16,
                request_id: Option<String>,
                /// The start of the body, for diagnosis.
                body: String,
            },
            /// The request could not be sent or the response not received.
            #[error("request failed: {0}")]
            Transport(#[from] reqwest::Error),
            /// A successful response did not have the expected shape.
            #[error(transparent)]
            Decode(#[from] DecodeError),
            /// The client was configured wrongly.
            #[error("invalid client configuration: {0}")]
            Config(String),
        }

        fn request_id_suffix(request_id: &Option<String>) -> String {
            request_id.as_ref().map(|id| format!(" (request id {id})")).unwrap_or_default()
        }

        impl Error {
            /// The HTTP status, for errors that come from a response.
            pub fn status(&self) -> Option<u16> {
                match self {
                    Error::Unauthorized(e) | Error::Api(e) => Some(e.status),
                    Error::Http { status, .. } => Some(*status),
                    _ => None,
                }
            }

            /// The `seam-request-id` of the failed request, to quote to support.
            pub fn request_id(&self) -> Option<&str> {
                match self {
                    Error::Unauthorized(e) | Error::Api(e) => e.request_id.as_deref(),
                    Error::Http { request_id, .. } => request_id.as_deref(),
                    _ => None,
                }
            }

            /// The API error, for [`Error::Api`] and [`Error::Unauthorized`].
            pub fn api_error(&self) -> Option<&ApiError> {
                match self {
                    Error::Unauthorized(e) | Error::Api(e) => Some(e.as_ref()),
                    _ => None,
                }
            }
        }

        /// An error the API reported: `{"error": {"type", "message", …}}`.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct ApiError {
            /// HTTP status.
            pub status: u16,
            /// The error's `type`, such as `invalid_input` or `not_found`.
            pub error_type: String,
            pub message: String,
            /// The `seam-request-id` response header.
            pub request_id: Option<String>,
            /// Extra data the API attached to the error.
            pub data: Option<serde_json::Value>,
            /// For `invalid_input`: messages per parameter name.
            pub validation_errors: BTreeMap<String, Vec<String>>,
        }

        impl fmt::Display for ApiError {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{} (HTTP {}, {})", self.message, self.status, self.error_type)?;
                if let Some(id) = &self.request_id {
                    write!(f, ", request id {id}")?;
                }
                for (param, messages) in &self.validation_errors {
                    write!(f, "; `{param}`: {}", messages.join(", "))?;
                }
                Ok(())
            }
        }

        #[derive(serde::Deserialize)]
        struct ErrorBody {
            error: ErrorFields,
        }

        #[derive(serde::Deserialize)]
        struct ErrorFields {
            #[serde(rename = "type")]
            error_type: String,
            #[serde(default)]
            message: String,
            #[serde(default)]
            data: Option<serde_json::Value>,
            #[serde(default)]
            validation_errors: Option<serde_json::Value>,
        }

        impl ApiError {
            /// The error for a non-success response.
            pub(crate) fn from_response(status: u16, request_id: Option<String>, body: &[u8]) -> Error {
                let parsed: Option<ErrorBody> = serde_json::from_slice(body).ok();
                let Some(ErrorBody { error }) = parsed else {
                    if status == 401 {
                        return Error::Unauthorized(Box::new(ApiError {
                            status,
                            error_type: "unauthorized".to_string(),
                            message: "Unauthorized".to_string(),
                            request_id,
                            data: None,
                            validation_errors: BTreeMap::new(),
                        }));
                    }
                    let text = String::from_utf8_lossy(body);
                    return Error::Http {
                        status,
                        request_id,
                        body: text.chars().take(500).collect(),
                    };
                };
                let api = ApiError {
                    status,
                    error_type: error.error_type,
                    message: error.message,
                    request_id,
                    data: error.data,
                    validation_errors: validation_messages(error.validation_errors),
                };
                if status == 401 {
                    Error::Unauthorized(Box::new(api))
                } else {
                    Error::Api(Box::new(api))
                }
            }

            /// The API's messages for one parameter of an `invalid_input` error.
            pub fn validation_messages(&self, parameter: &str) -> &[String] {
                self.validation_errors.get(parameter).map(Vec::as_slice).unwrap_or_default()
            }
        }

        /// `{"param": {"_errors": ["…"]}, …}` → messages per parameter.
        fn validation_messages(value: Option<serde_json::Value>) -> BTreeMap<String, Vec<String>> {
            let Some(serde_json::Value::Object(map)) = value else {
                return BTreeMap::new();
            };
            map.into_iter()
                .filter(|(param, _)| param != "_errors")
                .map(|(param, detail)| {
                    let messages = detail
                        .get("_errors")
                        .and_then(serde_json::Value::as_array)
                        .map(|list| list.iter().filter_map(|m| m.as_str().map(str::to_string)).collect())
                        .unwrap_or_default();
                    (param, messages)
                })
                .collect()
        }

        /// A successful response that could not be decoded.
        #[derive(Debug, Clone, PartialEq, thiserror::Error)]
        #[error("could not decode the response at `{path}`: {message}")]
        #[non_exhaustive]
        pub struct DecodeError {
            /// JSON path of the offending field, such as `client_session.created_at`.
            pub path: String,
            pub message: String,
        }

        /// A parameter that breaks a rule of the spec, found before sending.
        #[derive(Debug, Clone, PartialEq, thiserror::Error)]
        #[error("`{field}` {rule}")]
        #[non_exhaustive]
        pub struct ValidationError {
            /// The parameter's name on the wire.
            pub field: String,
            pub rule: Rule,
        }

        impl ValidationError {
            pub(crate) fn new(field: &str, rule: Rule) -> Self {
                ValidationError {
                    field: field.to_string(),
                    rule,
                }
            }
        }

        /// The rule a [`ValidationError`] concerns, with its bound.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum Rule {
            Required,
            MinLength(u64),
            MaxLength(u64),
            Pattern(String),
            MinItems(u64),
            MaxItems(u64),
            Minimum { bound: f64, exclusive: bool },
            Maximum { bound: f64, exclusive: bool },
        }

        impl fmt::Display for Rule {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let plural = |n: &u64, noun: &str| if *n == 1 { format!("{n} {noun}") } else { format!("{n} {noun}s") };
                match self {
                    Rule::Required => write!(f, "is required"),
                    Rule::MinLength(n) => write!(f, "must be at least {} long (minLength)", plural(n, "character")),
                    Rule::MaxLength(n) => write!(f, "must be at most {} long (maxLength)", plural(n, "character")),
                    Rule::Pattern(p) => write!(f, "must match the pattern `{p}` (pattern)"),
                    Rule::MinItems(n) => write!(f, "must have at least {} (minItems)", plural(n, "item")),
                    Rule::MaxItems(n) => write!(f, "must have at most {} (maxItems)", plural(n, "item")),
                    Rule::Minimum { bound, exclusive: false } => write!(f, "must be at least {bound} (minimum)"),
                    Rule::Minimum { bound, exclusive: true } => write!(f, "must be greater than {bound} (exclusiveMinimum)"),
                    Rule::Maximum { bound, exclusive: false } => write!(f, "must be at most {bound} (maximum)"),
                    Rule::Maximum { bound, exclusive: true } => write!(f, "must be less than {bound} (exclusiveMaximum)"),
                }
            }
        }
    }
}

pub(crate) fn validate_rs(uses_pattern: bool) -> TokenStream {
    let pattern = if uses_pattern {
        quote! {
            /// A pattern the `regex` crate cannot compile is not checked.
            pub(crate) fn pattern(field: &str, value: &str, pattern: &str) -> Result<(), ValidationError> {
                match regex::Regex::new(pattern) {
                    Ok(re) if !re.is_match(value) => Err(ValidationError::new(field, Rule::Pattern(pattern.to_string()))),
                    _ => Ok(()),
                }
            }
        }
    } else {
        quote!()
    };
    quote! {
        //! Checks of the spec's constraints, run before a request is sent.
        #![allow(dead_code)]

        use crate::error::{Rule, ValidationError};

        /// Lengths count characters, as JSON Schema does.
        pub(crate) fn min_length(field: &str, value: &str, min: u64) -> Result<(), ValidationError> {
            if (value.chars().count() as u64) < min {
                return Err(ValidationError::new(field, Rule::MinLength(min)));
            }
            Ok(())
        }

        pub(crate) fn max_length(field: &str, value: &str, max: u64) -> Result<(), ValidationError> {
            if (value.chars().count() as u64) > max {
                return Err(ValidationError::new(field, Rule::MaxLength(max)));
            }
            Ok(())
        }

        pub(crate) fn min_items(field: &str, len: usize, min: u64) -> Result<(), ValidationError> {
            if (len as u64) < min {
                return Err(ValidationError::new(field, Rule::MinItems(min)));
            }
            Ok(())
        }

        pub(crate) fn max_items(field: &str, len: usize, max: u64) -> Result<(), ValidationError> {
            if (len as u64) > max {
                return Err(ValidationError::new(field, Rule::MaxItems(max)));
            }
            Ok(())
        }

        pub(crate) fn minimum(field: &str, value: f64, bound: f64, exclusive: bool) -> Result<(), ValidationError> {
            if value < bound || (exclusive && value == bound) {
                return Err(ValidationError::new(field, Rule::Minimum { bound, exclusive }));
            }
            Ok(())
        }

        pub(crate) fn maximum(field: &str, value: f64, bound: f64, exclusive: bool) -> Result<(), ValidationError> {
            if value > bound || (exclusive && value == bound) {
                return Err(ValidationError::new(field, Rule::Maximum { bound, exclusive }));
            }
            Ok(())
        }

        #pattern
    }
}
