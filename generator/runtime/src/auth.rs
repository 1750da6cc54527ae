//! Credentials from the spec's security schemes: an API key, sent where the
//! spec says (a bearer token, a header, a query parameter or a cookie),
//! when the spec declares one, and HTTP basic credentials when the spec has
//! a basic scheme.

use std::fmt;

#[cfg(feature = "key_placement")]
use reqwest::header::HeaderMap;
#[cfg(feature = "api_key")]
use reqwest::header::{HeaderName, AUTHORIZATION, COOKIE};

#[cfg(feature = "api_key")]
use crate::client::secret_header;
use crate::client::{Auth, Client, ClientBuilder};
use crate::error::Error;
use crate::spec;

/// Where the API key travels.
#[allow(dead_code)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg(feature = "api_key")]
pub(crate) enum ApiKeyIn {
    /// `Authorization: Bearer <key>`.
    Bearer,
    /// In this header (lowercase).
    Header(&'static str),
    /// In this query parameter.
    Query(&'static str),
    /// In this cookie.
    Cookie(&'static str),
    /// Not sent: an operation that takes HTTP basic credentials, where the
    /// key is a bearer token (both would take the `Authorization` header).
    Withheld,
}

/// The credentials a builder collected.
#[derive(Default, Clone)]
pub(crate) struct Credentials {
    #[cfg(feature = "api_key")]
    api_key: Option<String>,
    #[cfg(feature = "basic")]
    basic: Option<(String, String)>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Credentials");
        #[cfg(feature = "api_key")]
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
    /// `ENV_API_KEY` when none was given.
    #[allow(unused_mut, unused_variables)]
    pub(crate) fn resolve(self, env: &dyn Fn(&str) -> Option<String>) -> Result<Auth, Error> {
        let mut auth = Auth::default();
        #[cfg(feature = "basic")]
        if let Some(basic) = self.basic {
            auth.kind = "basic_auth";
            auth.basic = Some(basic);
        }
        #[cfg(feature = "api_key")]
        resolve_api_key(self.api_key, &mut auth, env)?;
        if auth.kind.is_empty() {
            if spec::CREDENTIALS_REQUIRED {
                return Err(Error::Config(format!(
                    "no credentials: {}",
                    spec::CREDENTIALS_HINT
                )));
            }
            auth.kind = "none";
        }
        Ok(auth)
    }
}

/// The API key given, or from the environment when no other credential
/// was: sent where the spec says.
#[cfg(feature = "api_key")]
fn resolve_api_key(
    given: Option<String>,
    auth: &mut Auth,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<(), Error> {
    let api_key = match given {
        Some(key) => Some(key),
        None if auth.basic.is_none() => env(spec::ENV_API_KEY),
        None => None,
    };
    let Some(key) = api_key else {
        return Ok(());
    };
    // Without operations that take basic credentials instead of the key,
    // one of the two would never be sent.
    #[cfg(not(feature = "key_placement"))]
    if auth.basic.is_some() && spec::API_KEY_IN == ApiKeyIn::Bearer {
        return Err(Error::Config(
            "basic auth and an API key both use the Authorization header; choose one".to_string(),
        ));
    }
    #[cfg(feature = "key_placement")]
    keep_api_key(auth, &key)?;
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
        ApiKeyIn::Withheld => {}
    }
    Ok(())
}

/// Keeps the key for the operations that take it elsewhere than the rest:
/// it may move into a header, so it must fit in one.
#[cfg(feature = "key_placement")]
fn keep_api_key(auth: &mut Auth, key: &str) -> Result<(), Error> {
    secret_header(key)?;
    auth.api_key = Some(key.to_string());
    Ok(())
}

/// Moves the API key from where the client sends it to `to`, for an
/// operation that takes it there: in `headers`, or in the query pair
/// returned (the query pair the request gets either way).
#[cfg(feature = "key_placement")]
pub(crate) fn move_api_key<'a>(
    auth: &'a Auth,
    to: ApiKeyIn,
    headers: &mut HeaderMap,
) -> Option<(&'static str, &'a str)> {
    let unmoved = || auth.query.as_ref().map(|(name, key)| (*name, key.as_str()));
    let Some(key) = auth.api_key.as_deref() else {
        return unmoved();
    };
    // Withheld for basic credentials: without them, the key is sent.
    if to == ApiKeyIn::Withheld && auth.basic.is_none() {
        return unmoved();
    }
    match spec::API_KEY_IN {
        ApiKeyIn::Bearer => headers.remove(AUTHORIZATION),
        ApiKeyIn::Header(name) => headers.remove(name),
        // The credentials' cookie is the only one set yet.
        ApiKeyIn::Cookie(_) => headers.remove(COOKIE),
        ApiKeyIn::Query(_) | ApiKeyIn::Withheld => None,
    };
    // The key was checked as a header value when the client was built.
    let value = |text: String| secret_header(&text).ok();
    let (name, value) = match to {
        ApiKeyIn::Query(name) => return Some((name, key)),
        ApiKeyIn::Withheld => return None,
        ApiKeyIn::Bearer => (AUTHORIZATION, value(format!("Bearer {key}"))),
        ApiKeyIn::Header(name) => (HeaderName::from_static(name), value(key.to_string())),
        ApiKeyIn::Cookie(name) => (COOKIE, value(format!("{name}={key}"))),
    };
    if let Some(value) = value {
        headers.insert(name, value);
    }
    None
}

impl Client {
    /// A client that authenticates with an API key.
    #[cfg(feature = "api_key")]
    pub fn new(api_key: impl Into<String>) -> Result<Self, Error> {
        Self::builder().api_key(api_key).build()
    }

    /// A client configured from the environment: the endpoint from
    /// [`ENV_ENDPOINT`](crate::ENV_ENDPOINT) if set, and the API key (where
    /// the spec has one) from its variable.
    pub fn from_env() -> Result<Self, Error> {
        Self::builder().build()
    }
}

impl ClientBuilder {
    /// Authenticate with an API key, sent where the spec's security scheme
    /// says (the crate's README names the place).
    #[cfg(feature = "api_key")]
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
