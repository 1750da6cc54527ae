//! Seam's credentials: an API key, a client session token, a publishable
//! key (optionally exchanged for a client session token), or a personal
//! access token or console session token with a workspace. Every request
//! also says which SDK sent it.

use std::fmt;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION};

use crate::client::{secret_header, Auth, Client, ClientBuilder};
use crate::error::Error;
use crate::spec;

const ENV_PERSONAL_ACCESS_TOKEN: &str = "SEAM_PERSONAL_ACCESS_TOKEN";
/// The calls a personal access token or console session token may make
/// without a workspace.
const WITHOUT_WORKSPACE: [&str; 2] = ["/workspaces/create", "/workspaces/list"];
const ENV_WORKSPACE_ID: &str = "SEAM_WORKSPACE_ID";
const SDK_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The credentials a builder collected.
#[derive(Default, Clone)]
pub(crate) struct Credentials {
    api_key: Option<String>,
    client_session_token: Option<String>,
    publishable_key: Option<String>,
    #[cfg(feature = "exchange")]
    user_identifier_key: Option<String>,
    personal_access_token: Option<String>,
    console_session_token: Option<String>,
    workspace_id: Option<String>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secret = |v: &Option<String>| v.as_ref().map(|_| "[redacted]");
        f.debug_struct("Credentials")
            .field("api_key", &secret(&self.api_key))
            .field("client_session_token", &secret(&self.client_session_token))
            .field("publishable_key", &secret(&self.publishable_key))
            .field(
                "personal_access_token",
                &secret(&self.personal_access_token),
            )
            .field(
                "console_session_token",
                &secret(&self.console_session_token),
            )
            .field("workspace_id", &self.workspace_id)
            .finish()
    }
}

impl Credentials {
    /// The credentials set, by name.
    fn chosen(&self) -> Vec<&'static str> {
        [
            ("api_key", self.api_key.is_some()),
            ("client_session_token", self.client_session_token.is_some()),
            ("publishable_key", self.publishable_key.is_some()),
            (
                "personal_access_token",
                self.personal_access_token.is_some(),
            ),
            (
                "console_session_token",
                self.console_session_token.is_some(),
            ),
        ]
        .into_iter()
        .filter_map(|(name, set)| set.then_some(name))
        .collect()
    }

    /// How requests are authenticated. Exactly one credential must be set;
    /// with none, the environment supplies `SEAM_API_KEY`, or
    /// `SEAM_PERSONAL_ACCESS_TOKEN` with `SEAM_WORKSPACE_ID`.
    pub(crate) fn resolve(mut self, env: &dyn Fn(&str) -> Option<String>) -> Result<Auth, Error> {
        #[cfg(feature = "exchange")]
        if self.user_identifier_key.is_some() {
            return Err(Error::Config(if self.publishable_key.is_some() {
                "a publishable key with a user identifier key is exchanged for a client session token: call `connect().await` instead of `build()`".to_string()
            } else {
                "a user identifier key goes with a publishable key".to_string()
            }));
        }
        let given = self.chosen();
        if given.len() > 1 {
            return Err(Error::Config(format!(
                "conflicting credentials: {} are all set; choose one",
                given.join(", ")
            )));
        }
        if given.is_empty() {
            self.api_key = env(spec::ENV_API_KEY);
            self.personal_access_token = env(ENV_PERSONAL_ACCESS_TOKEN);
            if self.api_key.is_some() && self.personal_access_token.is_some() {
                return Err(Error::Config(format!(
                    "conflicting credentials: {} and {ENV_PERSONAL_ACCESS_TOKEN} are both set in the environment; unset one or pass credentials explicitly",
                    spec::ENV_API_KEY
                )));
            }
        }
        for (kind, token) in [
            ("api_key", &self.api_key),
            ("client_session_token", &self.client_session_token),
            ("publishable_key", &self.publishable_key),
            ("personal_access_token", &self.personal_access_token),
            ("console_session_token", &self.console_session_token),
        ] {
            if let Some(token) = token {
                check_token(kind, token)?;
            }
        }
        let mut auth = Auth::default();
        let headers = auth.headers_mut();
        let bearer = |token: &str| secret_header(&format!("Bearer {token}"));
        auth.kind = if let Some(key) = &self.api_key {
            headers.insert(AUTHORIZATION, bearer(key)?);
            "api_key"
        } else if let Some(token) = &self.client_session_token {
            client_session(headers, token)?;
            "client_session_token"
        } else if let Some(key) = &self.publishable_key {
            headers.insert(
                HeaderName::from_static("seam-publishable-key"),
                secret_header(key)?,
            );
            "publishable_key"
        } else if let Some(token) = &self.personal_access_token {
            headers.insert(AUTHORIZATION, bearer(token)?);
            "personal_access_token"
        } else if let Some(token) = &self.console_session_token {
            headers.insert(AUTHORIZATION, bearer(token)?);
            "console_session_token"
        } else {
            return Err(Error::Config(format!(
                "no credentials: set an API key, client session token, publishable key, personal access token or console session token, or the {} or {ENV_PERSONAL_ACCESS_TOKEN} environment variable",
                spec::ENV_API_KEY
            )));
        };
        let takes_workspace =
            matches!(auth.kind, "personal_access_token" | "console_session_token");
        if takes_workspace && self.workspace_id.is_none() {
            self.workspace_id = env(ENV_WORKSPACE_ID);
        }
        auth.without_workspace = takes_workspace && self.workspace_id.is_none();
        let kind = auth.kind;
        let headers = auth.headers_mut();
        if let Some(workspace_id) = &self.workspace_id {
            if !takes_workspace {
                return Err(Error::Config(format!(
                    "a workspace id goes with a personal access token or console session token, not with {kind}"
                )));
            }
            let value = HeaderValue::from_str(workspace_id).map_err(|_| {
                Error::Config("the workspace id is not a valid header value".to_string())
            })?;
            headers.insert(HeaderName::from_static("seam-workspace"), value);
        }
        headers.insert(
            HeaderName::from_static("seam-sdk-name"),
            HeaderValue::from_static(spec::SDK_NAME),
        );
        headers.insert(
            HeaderName::from_static("seam-sdk-version"),
            HeaderValue::from_static(SDK_VERSION),
        );
        Ok(auth)
    }
}

/// What a Seam credential of each kind looks like, by its documented
/// prefix: an error naming what `token` is instead, before anything is
/// sent.
fn check_token(kind: &str, token: &str) -> Result<(), Error> {
    // What a token is, by its prefix; the order matters (`seam_cst` and
    // `seam_at` are `seam_` too).
    let seen = if token.starts_with("seam_cst") {
        "client_session_token"
    } else if token.starts_with("seam_at") {
        "personal_access_token"
    } else if token.starts_with("seam_pk") {
        "publishable_key"
    } else if token.starts_with("ey") {
        // A JWT: what console sessions use.
        "console_session_token"
    } else if token.starts_with("seam_") {
        "api_key"
    } else {
        ""
    };
    if seen == kind {
        return Ok(());
    }
    let expected = match kind {
        "api_key" => "to start with `seam_`",
        "client_session_token" => "to start with `seam_cst`",
        "publishable_key" => "to start with `seam_pk`",
        "personal_access_token" => "to start with `seam_at`",
        _ => "to be a JWT (starting with `ey`)",
    };
    Err(Error::Config(match seen {
        "" => format!("invalid {kind}: expected it {expected}"),
        seen => format!("a {seen} cannot be used as the {kind} (expected it {expected})"),
    }))
}

/// The headers of a client session token.
fn client_session(headers: &mut HeaderMap, token: &str) -> Result<(), Error> {
    headers.insert(AUTHORIZATION, secret_header(&format!("Bearer {token}"))?);
    headers.insert(
        HeaderName::from_static("client-session-token"),
        secret_header(token)?,
    );
    Ok(())
}

/// Refuses a call that needs a workspace from a client that has none.
pub(crate) fn check_workspace(auth: &Auth, path: &str) -> Result<(), Error> {
    if auth.without_workspace && !WITHOUT_WORKSPACE.contains(&path) {
        return Err(Error::Config(format!(
            "{path} needs a workspace: a {} without a workspace id can only create and list workspaces; set `workspace_id` (or SEAM_WORKSPACE_ID)",
            auth.kind
        )));
    }
    Ok(())
}

impl Client {
    /// Replaces the client session token this client (and every clone of
    /// it) sends, as when a session is renewed; calls already sent keep
    /// the old one.
    pub fn update_client_session_token(&self, token: impl Into<String>) -> Result<(), Error> {
        let token = token.into();
        let auth = &self.inner.auth;
        if auth.kind != "client_session_token" {
            return Err(Error::Config(format!(
                "this client authenticates with a {}, not a client session token",
                auth.kind
            )));
        }
        check_token("client_session_token", &token)?;
        // Built aside, so a bad token leaves the headers as they were.
        let mut renewed = HeaderMap::new();
        client_session(&mut renewed, &token)?;
        let mut headers = auth
            .headers
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        headers.extend(renewed);
        Ok(())
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

    /// A client for one user of a front end: exchanges a publishable
    /// key and the user's identifier key for a client session token.
    /// Use [`connect`](ClientBuilder::connect) to set other options too.
    #[cfg(feature = "exchange")]
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

/// Exactly one way to authenticate must be chosen: an API key, a client
/// session token, a publishable key, a personal access token or a console
/// session token (the last two optionally with a workspace). With none
/// set, the environment supplies `SEAM_API_KEY`, or
/// `SEAM_PERSONAL_ACCESS_TOKEN` with `SEAM_WORKSPACE_ID`.
impl ClientBuilder {
    /// Authenticate with an API key (`Authorization: Bearer`).
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.credentials.api_key = Some(key.into());
        self
    }

    /// Authenticate with a client session token.
    pub fn client_session_token(mut self, token: impl Into<String>) -> Self {
        self.credentials.client_session_token = Some(token.into());
        self
    }

    /// Authenticate with a publishable key (`seam-publishable-key`), as
    /// used to create client sessions from a front end.
    pub fn publishable_key(mut self, key: impl Into<String>) -> Self {
        self.credentials.publishable_key = Some(key.into());
        self
    }

    /// Authenticate with a personal access token.
    pub fn personal_access_token(mut self, token: impl Into<String>) -> Self {
        self.credentials.personal_access_token = Some(token.into());
        self
    }

    /// Authenticate with a console session token.
    pub fn console_session_token(mut self, token: impl Into<String>) -> Self {
        self.credentials.console_session_token = Some(token.into());
        self
    }

    /// The workspace to act in (`seam-workspace`), with a personal
    /// access token or console session token.
    pub fn workspace_id(mut self, workspace_id: impl Into<String>) -> Self {
        self.credentials.workspace_id = Some(workspace_id.into());
        self
    }

    /// The user a publishable key acts for; see [`connect`](Self::connect).
    #[cfg(feature = "exchange")]
    pub fn user_identifier_key(mut self, key: impl Into<String>) -> Self {
        self.credentials.user_identifier_key = Some(key.into());
        self
    }

    /// Builds the client. With a publishable key and a user identifier
    /// key, first exchanges them for a client session token (the
    /// `client_sessions` route group's `get_or_create`) and authenticates
    /// with that; otherwise the same as [`build`](Self::build).
    #[cfg(feature = "exchange")]
    pub async fn connect(mut self) -> Result<Client, Error> {
        let Some(user_identifier_key) = self.credentials.user_identifier_key.take() else {
            return self.build();
        };
        if self.credentials.publishable_key.is_none() {
            return Err(Error::Config(
                "a user identifier key goes with a publishable key".to_string(),
            ));
        }
        let anonymous = self.clone().build()?;
        #[derive(serde::Deserialize)]
        struct Session {
            token: String,
        }
        let body = serde_json::json!({ "user_identifier_key": user_identifier_key });
        let session: Session = anonymous.send(spec::EXCHANGE, &body).await?;
        self.credentials.publishable_key = None;
        self.credentials.client_session_token = Some(session.token);
        self.build()
    }
}
