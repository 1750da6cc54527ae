//! The client: configuration, and the request every call starts from.
//!
//! How the client authenticates is the business of `crate::auth`, which
//! holds the credentials a [`ClientBuilder`] collects and turns them into
//! the headers (or query parameter, or basic credentials) of every request.

use std::fmt;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use reqwest::header::{HeaderMap, COOKIE};

use crate::auth::Credentials;
use crate::error::Error;
use crate::http::RetryPolicy;
use crate::spec;

/// The request timeout used when none is configured.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
const SDK_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A client for the API. Cheap to clone: clones share one connection pool.
///
/// Build one with [`Client::builder`] (or the shortcuts beside it), then
/// reach operations through its route-group accessors.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

// Parts go unused when features switch off every operation.
#[allow(dead_code)]
pub(crate) struct Inner {
    http: reqwest::Client,
    endpoint: reqwest::Url,
    pub(crate) auth: Auth,
    timeout: Duration,
    retry: RetryPolicy,
    #[cfg(feature = "polling")]
    pub(crate) poll_wait: crate::polling::PollWait,
}

/// How every request is authenticated, worked out from the credentials
/// when the client is built.
#[derive(Default)]
pub(crate) struct Auth {
    /// The credential in use, such as `api_key` (for `Debug` and errors).
    pub(crate) kind: &'static str,
    /// Headers sent with every request; secret values are marked
    /// sensitive. Behind a lock so that a credential can be replaced on a
    /// client in use (and on its clones).
    pub(crate) headers: RwLock<HeaderMap>,
    /// A query parameter sent with every request (an API key that travels
    /// in the query string).
    pub(crate) query: Option<(&'static str, String)>,
    /// HTTP basic credentials.
    pub(crate) basic: Option<(String, String)>,
    /// The API key as given, for the operations that take it elsewhere
    /// than the rest.
    #[cfg(feature = "key_placement")]
    #[cfg(not(feature = "seam"))]
    pub(crate) api_key: Option<String>,
    /// A Seam token given without a workspace: only the calls that need
    /// none may be made.
    #[cfg(feature = "seam")]
    pub(crate) without_workspace: bool,
}

impl Auth {
    /// The headers sent with every request, as they are now.
    pub(crate) fn headers(&self) -> HeaderMap {
        self.headers
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The headers, to change them.
    #[cfg(feature = "api_key")]
    pub(crate) fn headers_mut(&mut self) -> &mut HeaderMap {
        self.headers
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(spec::CLIENT_NAME)
            .field("endpoint", &self.inner.endpoint.as_str())
            .field("auth", &self.inner.auth.kind)
            .field("timeout", &self.inner.timeout)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The endpoint requests go to.
    pub fn endpoint(&self) -> &str {
        self.inner.endpoint.as_str()
    }

    /// A request to `path` for `endpoint` with the client's credentials
    /// (where the endpoint takes them) and timeout, and these cookies beside
    /// any the credentials send.
    #[allow(dead_code)]
    pub(crate) fn request(
        &self,
        endpoint: &crate::http::Endpoint,
        path: &str,
        cookies: &[(&'static str, String)],
    ) -> reqwest::RequestBuilder {
        let url = format!(
            "{}{}",
            self.inner.endpoint.as_str().trim_end_matches('/'),
            path
        );
        let inner = &self.inner;
        let mut headers = inner.auth.headers();
        let query = inner
            .auth
            .query
            .as_ref()
            .map(|(name, key)| (*name, key.as_str()));
        #[cfg(feature = "key_placement")]
        #[cfg(not(feature = "seam"))]
        let query = match endpoint.api_key_in {
            Some(to) => crate::auth::move_api_key(&inner.auth, to, &mut headers),
            None => query,
        };
        // JSON where the server offers it (bodies are read as JSON when the
        // spec offers JSON), else whatever the operation answers with.
        headers.insert(
            reqwest::header::ACCEPT,
            reqwest::header::HeaderValue::from_static("application/json, */*;q=0.8"),
        );
        if !cookies.is_empty() {
            add_cookies(&mut headers, cookies);
        }
        // Basic credentials, unless the key takes the one `Authorization`
        // header for this operation.
        let basic = match headers.contains_key(reqwest::header::AUTHORIZATION) {
            true => None,
            false => inner.auth.basic.as_ref(),
        };
        let mut request = inner
            .http
            .request(endpoint.verb.method(), url)
            .headers(headers)
            .timeout(inner.timeout);
        if let Some(pair) = query {
            request = request.query(&[pair]);
        }
        if let Some((user, password)) = basic {
            request = request.basic_auth(user, Some(password));
        }
        request
    }

    /// A transport error as the caller sees it: without the URL when the
    /// URL holds a credential (or may: the key of an operation that takes
    /// it in the query).
    #[allow(dead_code)]
    pub(crate) fn transport_error(&self, error: reqwest::Error) -> Error {
        #[cfg(feature = "key_placement")]
        #[cfg(not(feature = "seam"))]
        if self.inner.auth.api_key.is_some() {
            return Error::Transport(error.without_url());
        }
        if self.inner.auth.query.is_some() {
            Error::Transport(error.without_url())
        } else {
            Error::Transport(error)
        }
    }

    #[allow(dead_code)]
    pub(crate) fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }
}

/// Configures a [`Client`]: credentials (see the crate's README), the
/// endpoint, timeouts and retries.
#[derive(Default, Clone)]
pub struct ClientBuilder {
    endpoint: Option<String>,
    pub(crate) credentials: Credentials,
    timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    http_client: Option<reqwest::Client>,
    #[cfg(feature = "polling")]
    pub(crate) poll_wait: Option<crate::polling::PollWait>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(spec::BUILDER_NAME)
            .field("endpoint", &self.endpoint)
            .field("credentials", &self.credentials)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// The API endpoint (default: the [`ENV_ENDPOINT`](crate::ENV_ENDPOINT)
    /// environment variable if set, else [`DEFAULT_ENDPOINT`](crate::DEFAULT_ENDPOINT)).
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
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

    /// Use this HTTP client (for proxies, custom TLS and the like).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        self.build_with_env(|name| std::env::var(name).ok())
    }

    /// [`build`](Self::build), reading the environment through `env`.
    pub(crate) fn build_with_env(
        self,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Client, Error> {
        let env = |name: &str| env(name).filter(|v| !v.is_empty());
        let auth = self.credentials.resolve(&env)?;
        let endpoint = self
            .endpoint
            .or_else(|| env(spec::ENV_ENDPOINT))
            .unwrap_or_else(|| spec::DEFAULT_ENDPOINT.to_string());
        let endpoint = reqwest::Url::parse(&endpoint)
            .map_err(|e| Error::Config(format!("invalid endpoint `{endpoint}`: {e}")))?;
        let http = match self.http_client {
            Some(client) => client,
            None => reqwest::Client::builder()
                .user_agent(format!("{}/{SDK_VERSION}", spec::SDK_NAME))
                .build()
                .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                endpoint,
                auth,
                timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
                retry: self.retry.unwrap_or_default(),
                #[cfg(feature = "polling")]
                poll_wait: self.poll_wait.unwrap_or_default(),
            }),
        })
    }
}

/// Adds `cookies` to the one `Cookie` header, after any the credentials
/// set; values are percent-encoded where a cookie value cannot hold them.
pub(crate) fn add_cookies(headers: &mut HeaderMap, cookies: &[(&'static str, String)]) {
    use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
    const NOT_IN_COOKIES: &AsciiSet = &CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b',')
        .add(b';')
        .add(b'\\')
        .add(b'%');
    let mut pairs: Vec<String> = Vec::with_capacity(cookies.len() + 1);
    let secret = headers.contains_key(COOKIE);
    if let Some(existing) = headers.get(COOKIE).and_then(|v| v.to_str().ok()) {
        pairs.push(existing.to_string());
    }
    for (name, value) in cookies {
        pairs.push(format!(
            "{name}={}",
            utf8_percent_encode(value, NOT_IN_COOKIES)
        ));
    }
    if let Ok(mut value) = reqwest::header::HeaderValue::from_str(&pairs.join("; ")) {
        value.set_sensitive(secret);
        headers.insert(COOKIE, value);
    }
}

/// A header value that is hidden from `Debug` output.
#[allow(dead_code)]
pub(crate) fn secret_header(value: &str) -> Result<reqwest::header::HeaderValue, Error> {
    let mut value = reqwest::header::HeaderValue::from_str(value).map_err(|_| {
        Error::Config("a credential contains characters not allowed in an HTTP header".to_string())
    })?;
    value.set_sensitive(true);
    Ok(value)
}
