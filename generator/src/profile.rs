//! Profiles: the conventions an API follows beyond OpenAPI itself.
//!
//! A spec is lowered under one profile, chosen per target (see
//! [`crate::config`]). The generic profile reads OpenAPI as it is written;
//! the Seam profile adds what Seam's spec and SDKs agree on. Everything
//! Seam-specific that lowering decides is switched here, and the decisions
//! are recorded in the intermediate model ([`crate::ir::Api::conventions`],
//! [`crate::ir::ClientModel`]), so emitters only print them. Seam's
//! credentials live in the runtime file `generator/runtime/src/seam_auth.rs`.

use serde::{Deserialize, Serialize};

/// Which conventions a spec follows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Profile {
    /// OpenAPI as written: names from tags and `operationId`, credentials
    /// from the security schemes, the response body returned whole.
    #[default]
    Generic,
    /// Seam Connect's conventions (see [`Conventions`]).
    Seam,
}

impl std::str::FromStr for Profile {
    type Err = String;

    /// `generic` or `seam`, as the command line and targets file name them.
    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "generic" => Ok(Profile::Generic),
            "seam" => Ok(Profile::Seam),
            other => Err(format!(
                "unknown profile `{other}`: expected `generic` or `seam`"
            )),
        }
    }
}

/// The conventions a profile turns on, each a decision lowering consults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Conventions {
    /// Route groups and method names from `x-fern-sdk-group-name` and
    /// `x-fern-sdk-method-name`.
    pub fern_names: bool,
    /// Results unwrapped from the success body by `x-response-key`.
    pub response_key: bool,
    /// Operations with `x-action-attempt-type` that return the attempt wait
    /// for it by polling `/action_attempts/get`.
    pub action_attempts: bool,
    /// A publishable key and a user identifier key can be exchanged for a
    /// client session token through `/client_sessions/get_or_create`.
    pub publishable_key_exchange: bool,
    /// List operations page with a `page_cursor` parameter and the
    /// response's `pagination.next_page_cursor`.
    pub cursor_pagination: bool,
    /// An operation is safe to retry when its path also offers it as `GET`
    /// or `DELETE` (Seam offers every operation as `POST`, reads too).
    pub idempotent_when_offered_as_get: bool,
    /// A summary that starts with `/` repeats the path; it is dropped.
    pub summary_is_path: bool,
    /// `format: uuid` values are `String`s (Seam's IDs are opaque handles,
    /// and its fake server's are not UUIDs), not `uuid::Uuid`.
    pub ids_as_strings: bool,
    /// The client sends the profile's own credentials (`seam_auth.rs`)
    /// rather than those of the spec's security schemes.
    pub own_credentials: bool,
    /// The response header that carries a request's id.
    pub request_id_header: &'static str,
    /// Webhooks are signed the Standard Webhooks way and carry a
    /// [`WEBHOOK_EVENT`]: the crate verifies and decodes them.
    pub signed_webhooks: bool,
    /// The call the crate's page opens with; without one, the page opens
    /// with a read operation of few required arguments, filled from the
    /// spec's examples or constraints.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quickstart: Option<Quickstart>,
}

/// A call shown first on a crate's page: the operation at `path`, with
/// these optional parameters set (string values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Quickstart {
    pub path: &'static str,
    pub setters: &'static [(&'static str, &'static str)],
}

impl Profile {
    /// The conventions of this profile.
    pub fn conventions(self) -> Conventions {
        match self {
            Profile::Generic => Conventions {
                fern_names: false,
                response_key: false,
                action_attempts: false,
                publishable_key_exchange: false,
                cursor_pagination: false,
                idempotent_when_offered_as_get: false,
                summary_is_path: false,
                ids_as_strings: false,
                own_credentials: false,
                request_id_header: "x-request-id",
                signed_webhooks: false,
                quickstart: None,
            },
            Profile::Seam => Conventions {
                fern_names: true,
                response_key: true,
                action_attempts: true,
                publishable_key_exchange: true,
                cursor_pagination: true,
                idempotent_when_offered_as_get: true,
                summary_is_path: true,
                ids_as_strings: true,
                own_credentials: true,
                request_id_header: "seam-request-id",
                signed_webhooks: true,
                // As Seam's own quickstart: a client session for a user.
                quickstart: Some(Quickstart {
                    path: "/client_sessions/create",
                    setters: &[("user_identifier_key", "jane_doe")],
                }),
            },
        }
    }
}

/// The operation that reads an action attempt by its ID.
pub const ACTION_ATTEMPT_GET: (&str, &str) = ("/action_attempts/get", "action_attempt");
/// The operation that exchanges a publishable key for a client session.
pub const CLIENT_SESSION_EXCHANGE: (&str, &str) =
    ("/client_sessions/get_or_create", "client_session");
/// The credential headers the Seam client sends besides `Authorization`.
pub const PROFILE_HEADERS: &[&str] = &["seam-publishable-key", "client-session-token"];
/// The type of the events that webhooks carry.
pub const WEBHOOK_EVENT: &str = "Event";
/// The cursor parameter of paged list operations.
pub const PAGE_CURSOR: &str = "page_cursor";
