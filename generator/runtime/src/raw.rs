//! Any call the client has no operation for (a route newer than the
//! crate, say), sent with the client's credentials, retries, timeouts and
//! error mapping, its result decoded into any type.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::client::Client;
use crate::error::Error;
use crate::http::{Endpoint, Location, Parts, ResponseFuture, Verb};

/// A request to any path, built with [`Client::raw_request`]; finish it
/// with [`send`](Self::send).
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is sent"]
pub struct RawRequest {
    client: Client,
    verb: Verb,
    path: String,
    body: Option<serde_json::Value>,
    query: Vec<(String, String)>,
    key: Option<String>,
    error: Option<String>,
}

impl Client {
    /// A request to `path` (such as `/devices/list`) with `method`, sent
    /// like the client's own operations: with its credentials, timeout,
    /// retries (for `GET`, `HEAD`, `OPTIONS`, `PUT` and `DELETE`, or
    /// all when the policy says so) and errors.
    pub fn raw_request(&self, method: reqwest::Method, path: impl Into<String>) -> RawRequest {
        let verb = Verb::of(&method);
        let path = path.into();
        let mut error = None;
        if !path.starts_with('/') {
            error = Some(format!("the path `{path}` does not start with `/`"));
        }
        if verb.is_none() {
            error = Some(format!("the method `{method}` is not supported"));
        }
        let verb = verb.unwrap_or(Verb::Post);
        RawRequest {
            client: self.clone(),
            verb,
            path,
            body: None,
            query: Vec::new(),
            key: None,
            error,
        }
    }
}

impl RawRequest {
    /// Sends `body` as the JSON request body.
    pub fn json(mut self, body: &impl Serialize) -> Self {
        match serde_json::to_value(body) {
            Ok(body) => self.body = Some(body),
            Err(e) => self.error = Some(format!("the request body is not JSON: {e}")),
        }
        self
    }

    /// Adds a query-string parameter.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// Decodes the result from this property of the response body (such
    /// as `device` in `{"device": {…}}`) instead of the whole body.
    pub fn response_key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// Sends the request and decodes the response into `T`:
    /// `serde_json::Value` for any JSON, `()` to ignore it, or any type of
    /// the crate. A failure is the [`Error`] the client's operations give.
    pub fn send<T: DeserializeOwned + Send + 'static>(self) -> ResponseFuture<T> {
        ResponseFuture::new(async move {
            if let Some(message) = self.error {
                return Err(Error::Config(message));
            }
            let endpoint = Endpoint {
                operation: "raw_request",
                verb: self.verb,
                path: "",
                location: match self.body {
                    Some(_) => Location::Body,
                    None => Location::Query,
                },
                key: None,
                idempotent: matches!(
                    self.verb,
                    Verb::Get | Verb::Head | Verb::Options | Verb::Put | Verb::Delete
                ),
                #[cfg(feature = "declared_errors")]
                errors: None,
                #[cfg(feature = "key_placement")]
                #[cfg(not(feature = "seam"))]
                api_key_in: None,
            };
            let parts = Parts {
                path: Some(self.path),
                query: self.query,
                ..Parts::default()
            };
            let empty = serde_json::Value::Object(serde_json::Map::new());
            let params = self.body.as_ref().unwrap_or(&empty);
            let body = self.client.call_parts(&endpoint, &parts, params).await?;
            // An empty body reads as JSON `null`, so `()` and `Option`
            // accept it.
            let body = match body.iter().all(u8::is_ascii_whitespace) {
                true => b"null".to_vec(),
                false => body,
            };
            crate::http::decode(&body, self.key.as_deref())
        })
    }
}
