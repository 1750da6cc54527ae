//! Stands in for the `spec` module the generator emits into each crate:
//! the values the runtime takes from the spec and the profile.

/// The endpoint used when none is configured.
pub const DEFAULT_ENDPOINT: &str = "http://localhost";
/// The environment variable that overrides the endpoint.
pub const ENV_ENDPOINT: &str = "RUNTIME_ENDPOINT";
/// The environment variable that holds the API key.
#[cfg(feature = "api_key")]
pub const ENV_API_KEY: &str = "RUNTIME_API_KEY";

pub(crate) const CLIENT_NAME: &str = "Client";
pub(crate) const BUILDER_NAME: &str = "ClientBuilder";
pub(crate) const SDK_NAME: &str = "runtime-rust";
pub(crate) const REQUEST_ID_HEADER: &str = "x-request-id";
/// Where error bodies carry their message and code, as the conventions
/// say (`fault.text` and `fault.id` here, to test them).
pub(crate) const ERROR_MESSAGE: &[&str] = &["fault", "text"];
pub(crate) const ERROR_CODE: &[&str] = &["fault", "id"];

#[cfg(all(feature = "api_key", not(feature = "seam")))]
pub(crate) const API_KEY_IN: crate::auth::ApiKeyIn = crate::auth::ApiKeyIn::Bearer;
#[cfg(not(feature = "seam"))]
pub(crate) const CREDENTIALS_REQUIRED: bool = true;
#[cfg(not(feature = "seam"))]
pub(crate) const CREDENTIALS_HINT: &str =
    "set an API key, or the RUNTIME_API_KEY environment variable";

#[cfg(feature = "exchange")]
pub(crate) const EXCHANGE: &crate::http::Endpoint = &crate::http::Endpoint {
    operation: "client_sessions.get_or_create",
    verb: crate::http::Verb::Post,
    path: "/client_sessions/get_or_create",
    location: crate::http::Location::Body,
    key: Some("client_session"),
    idempotent: false,
    #[cfg(feature = "declared_errors")]
    errors: None,
    #[cfg(all(feature = "key_placement", not(feature = "seam")))]
    api_key_in: None,
};

/// The type polled work decodes into (any JSON here).
#[cfg(feature = "polling")]
pub type Polled = serde_json::Value;

/// What the status operation returns: Seam's action attempts here.
#[cfg(feature = "polling")]
pub(crate) const POLL: crate::polling::PollRule = crate::polling::PollRule {
    name: "action attempt",
    id: "action_attempt_id",
    status: "status",
    success: &["success"],
    failure: &["error"],
    kind: Some("action_type"),
    error_type: &["error", "type"],
    error_message: &["error", "message"],
};

#[cfg(feature = "polling")]
pub(crate) const POLL_STATUS: &crate::http::Endpoint = &crate::http::Endpoint {
    operation: "action_attempts.get",
    verb: crate::http::Verb::Post,
    path: "/action_attempts/get",
    location: crate::http::Location::Body,
    key: Some("action_attempt"),
    idempotent: true,
    #[cfg(feature = "declared_errors")]
    errors: None,
    #[cfg(all(feature = "key_placement", not(feature = "seam")))]
    api_key_in: None,
};
