//! Credentials from the spec's security schemes: an API key, sent where the
//! spec says (a bearer token, a header, a query parameter or a cookie), and
//! HTTP basic credentials when the spec has a basic scheme.

use std::fmt;

use reqwest::header::{HeaderName, AUTHORIZATION, COOKIE};

use crate::client::{secret_header, Auth, Client, ClientBuilder};
use crate::error::Error;
use crate::spec;

/// Where the API key travels.
#[allow(dead_code)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ApiKeyIn {
    /// `Authorization: Bearer <key>`.
    Bearer,
    /// In this header (lowercase).
    Header(&'static str),
    /// In this query parameter.
    Query(&'static str),
    /// In this cookie.
    Cookie(&'static str),
}

/// The credentials a builder collected.
#[derive(Default, Clone)]
pub(crate) struct Credentials {
    api_key: Option<String>,
    #[cfg(feature = "basic")]
    basic: Option<(String, String)>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Credentials");
        out.field("api_key", &self.api_key.as_ref().map(|_| "[redacted]"));
        #[cfg(feature = "basic")]
        out.field(
            "basic",
            &self
                .basic
                .as_ref()
                .map(|(user, _)| format!("{user}:[redacted]")),
        );
        out.finish()
    }
}

impl Credentials {
    /// How requests are authenticated; the API key comes from
    /// [`ENV_API_KEY`](crate::ENV_API_KEY) when none was given.
    pub(crate) fn resolve(self, env: &dyn Fn(&str) -> Option<String>) -> Result<Auth, Error> {
        let mut auth = Auth::default();
        #[cfg(feature = "basic")]
        if let Some(basic) = self.basic {
            auth.kind = "basic_auth";
            auth.basic = Some(basic);
        }
        let api_key = match self.api_key {
            Some(key) => Some(key),
            None if auth.basic.is_none() => env(spec::ENV_API_KEY),
            None => None,
        };
        if let Some(key) = api_key {
            if auth.basic.is_some() && spec::API_KEY_IN == ApiKeyIn::Bearer {
                return Err(Error::Config(
                    "basic auth and an API key both use the Authorization header; choose one"
                        .to_string(),
                ));
            }
            auth.kind = if auth.basic.is_some() {
                "api_key and basic_auth"
            } else {
                "api_key"
            };
            match spec::API_KEY_IN {
                ApiKeyIn::Bearer => {
                    auth.headers_mut()
                        .insert(AUTHORIZATION, secret_header(&format!("Bearer {key}"))?);
                }
                ApiKeyIn::Header(name) => {
                    auth.headers_mut()
                        .insert(HeaderName::from_static(name), secret_header(&key)?);
                }
                ApiKeyIn::Cookie(name) => {
                    auth.headers_mut()
                        .insert(COOKIE, secret_header(&format!("{name}={key}"))?);
                }
                ApiKeyIn::Query(name) => auth.query = Some((name, key)),
            }
        }
        if auth.kind.is_empty() {
            if spec::CREDENTIALS_REQUIRED {
                return Err(Error::Config(format!(
                    "no credentials: set an API key, or the {} environment variable",
                    spec::ENV_API_KEY
                )));
            }
            auth.kind = "none";
        }
        Ok(auth)
    }
}

impl Client {
    /// A client that authenticates with an API key.
    pub fn new(api_key: impl Into<String>) -> Result<Self, Error> {
        Self::builder().api_key(api_key).build()
    }

    /// A client configured from the environment: the API key from
    /// [`ENV_API_KEY`](crate::ENV_API_KEY), and the endpoint from
    /// [`ENV_ENDPOINT`](crate::ENV_ENDPOINT) if set.
    pub fn from_env() -> Result<Self, Error> {
        Self::builder().build()
    }
}

impl ClientBuilder {
    /// Authenticate with an API key, sent where the spec's security scheme
    /// says (the crate's README names the place).
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.credentials.api_key = Some(key.into());
        self
    }

    /// Authenticate with HTTP basic credentials (`Authorization: Basic`).
    #[cfg(feature = "basic")]
    pub fn basic_auth(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
        self.credentials.basic = Some((username.into(), password.into()));
        self
    }
}
