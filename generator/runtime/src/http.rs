//! Sending one operation, with retries, and decoding the response.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::client::Client;
use crate::error::{ApiError, Error, ValidationError};
use crate::trace::CallSpan;

/// How failed requests are tried again.
///
/// A request is retried after a transport error, HTTP 429 or a 5xx
/// response, waiting about `initial_delay`, then twice that, and so on,
/// each wait drawn between half and all of that so that clients that
/// failed together do not retry together (at least as long as a
/// `Retry-After` header asks, in seconds or as an HTTP date; at most
/// `max_delay`). Only idempotent operations are retried (those the
/// API also offers as `GET` or `DELETE`), unless `non_idempotent` is
/// set; a connection that could not be opened is retried for every
/// operation, since nothing was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts after the first one (default 2).
    pub max_retries: u32,
    /// The wait before the first retry (default 200 ms).
    pub initial_delay: Duration,
    /// The longest wait between attempts (default 10 s).
    pub max_delay: Duration,
    /// Also retry operations that are not idempotent, such as
    /// creates (default `false`): a retry may then repeat an
    /// effect the server already applied.
    pub non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(10),
            non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// The wait before retry number `retry` (from 0): the exponential
    /// backoff, jittered between half and all of it, at least what
    /// `Retry-After` asked, at most `max_delay`.
    pub(crate) fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        let backoff = self
            .initial_delay
            .saturating_mul(2u32.saturating_pow(retry))
            .min(self.max_delay);
        let jittered = backoff / 2 + backoff.mul_f64(jitter() / 2.0);
        jittered
            .max(retry_after.unwrap_or_default())
            .min(self.max_delay)
    }
}

/// A number in `[0, 1)` that differs from call to call: the standard
/// library's hasher keys are random per process and change with each
/// `RandomState`, which is all a retry's jitter needs.
fn jitter() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let bits = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

/// How long a `Retry-After` header asks to wait: a number of seconds, or
/// an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`), counted from `now`.
/// A date already past asks for no wait.
pub(crate) fn retry_after(value: &str, now: std::time::SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let now = chrono::DateTime::<chrono::Utc>::from(now);
    Some(
        (date.with_timezone(&chrono::Utc) - now)
            .to_std()
            .unwrap_or_default(),
    )
}

/// What the client needs to know to send one operation.
#[derive(Debug)]
pub(crate) struct Endpoint {
    /// The operation's name, such as `client_sessions.create` (for spans).
    pub(crate) operation: &'static str,
    pub(crate) verb: Verb,
    pub(crate) path: &'static str,
    pub(crate) location: Location,
    /// `x-response-key`: where the result sits in the response.
    pub(crate) key: Option<&'static str>,
    /// Safe to send again after a failure.
    pub(crate) idempotent: bool,
    /// Decodes the error responses the operation declares.
    #[cfg(feature = "declared_errors")]
    pub(crate) errors: Option<crate::error::DecodeDeclared>,
    /// Where the operation takes the API key, when that is not where the
    /// client sends it to the others.
    #[cfg(feature = "key_placement")]
    #[cfg(not(feature = "seam"))]
    pub(crate) api_key_in: Option<crate::auth::ApiKeyIn>,
}

// Variants go unused when features switch off their operations.
#[allow(dead_code)]
#[derive(Debug, Clone, Copy)]
pub(crate) enum Verb {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
    Options,
    Trace,
}

impl Verb {
    /// The HTTP method.
    pub(crate) fn method(self) -> reqwest::Method {
        match self {
            Verb::Get => reqwest::Method::GET,
            Verb::Post => reqwest::Method::POST,
            Verb::Put => reqwest::Method::PUT,
            Verb::Patch => reqwest::Method::PATCH,
            Verb::Delete => reqwest::Method::DELETE,
            Verb::Head => reqwest::Method::HEAD,
            Verb::Options => reqwest::Method::OPTIONS,
            Verb::Trace => reqwest::Method::TRACE,
        }
    }

    /// The verb of a standard HTTP method.
    pub(crate) fn of(method: &reqwest::Method) -> Option<Verb> {
        [
            Verb::Get,
            Verb::Post,
            Verb::Put,
            Verb::Patch,
            Verb::Delete,
            Verb::Head,
            Verb::Options,
            Verb::Trace,
        ]
        .into_iter()
        .find(|verb| verb.method() == method)
    }
}

/// Where an operation's parameters travel.
#[allow(dead_code)]
#[derive(Debug, Clone, Copy)]
pub(crate) enum Location {
    Body,
    Query,
    Form,
    /// A body sent as it is ([`Parts::body`]).
    Raw,
    #[cfg(feature = "multipart")]
    Multipart,
}

/// A call on its way: a future that resolves to the call's result.
///
/// Every `send()` returns one; await it. Nothing is sent until it is
/// first polled. It is `Send` and `'static`, so it can be spawned.
#[must_use = "a call does nothing until it is awaited"]
pub struct ResponseFuture<T> {
    inner: Pin<Box<dyn Future<Output = Result<T, Error>> + Send>>,
}

impl<T> Future for ResponseFuture<T> {
    type Output = Result<T, Error>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.inner.as_mut().poll(cx)
    }
}

impl<T> ResponseFuture<T> {
    #[allow(dead_code)]
    pub(crate) fn new(future: impl Future<Output = Result<T, Error>> + Send + 'static) -> Self {
        ResponseFuture {
            inner: Box::pin(future),
        }
    }
}

impl<T> std::fmt::Debug for ResponseFuture<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResponseFuture").finish_non_exhaustive()
    }
}

/// How a call turns the body of a successful response into its result.
pub(crate) type Read<T> = fn(&Endpoint, Vec<u8>) -> Result<T, Error>;

/// The body as JSON, under the endpoint's response key.
#[allow(dead_code)]
pub(crate) fn read_json<T: DeserializeOwned>(
    endpoint: &Endpoint,
    body: Vec<u8>,
) -> Result<T, Error> {
    decode(&body, endpoint.key)
}

/// Nothing: the call only succeeds or fails.
#[allow(dead_code)]
pub(crate) fn read_unit(_: &Endpoint, _: Vec<u8>) -> Result<(), Error> {
    Ok(())
}

/// The body as text.
#[allow(dead_code)]
pub(crate) fn read_text(_: &Endpoint, body: Vec<u8>) -> Result<String, Error> {
    Ok(String::from_utf8_lossy(&body).into_owned())
}

/// The body's bytes.
#[allow(dead_code)]
pub(crate) fn read_bytes(_: &Endpoint, body: Vec<u8>) -> Result<Vec<u8>, Error> {
    Ok(body)
}

// Parts go unused when features switch off every operation.
#[allow(dead_code)]
impl Client {
    /// The future of one call: `params` (already validated, or the
    /// validation error) sent to `endpoint`, and the successful
    /// body turned into the result by `read`. Operations call this
    /// instead of being `async` themselves, so the crate holds one
    /// generic future rather than one per operation.
    pub(crate) fn start<P, T>(
        &self,
        endpoint: &'static Endpoint,
        params: Result<P, ValidationError>,
        read: Read<T>,
    ) -> ResponseFuture<T>
    where
        P: Serialize + Send + Sync + 'static,
        T: Send + 'static,
    {
        self.start_parts(
            endpoint,
            params.map(|params| (Parts::default(), params)),
            read,
        )
    }

    /// [`start`](Self::start) with parameters outside the body or query.
    pub(crate) fn start_parts<P, T>(
        &self,
        endpoint: &'static Endpoint,
        params: Result<(Parts, P), ValidationError>,
        read: Read<T>,
    ) -> ResponseFuture<T>
    where
        P: Serialize + Send + Sync + 'static,
        T: Send + 'static,
    {
        let client = self.clone();
        ResponseFuture::new(async move {
            let (parts, params) = params?;
            let body = client.call_parts(endpoint, &parts, &params).await?;
            read(endpoint, body)
        })
    }

    /// Sends `params` to `endpoint`, retrying as the policy allows,
    /// and decodes the result under the endpoint's response key.
    pub(crate) async fn send<P, T>(&self, endpoint: &Endpoint, params: &P) -> Result<T, Error>
    where
        P: Serialize + ?Sized,
        T: DeserializeOwned,
    {
        let body = self.call(endpoint, params).await?;
        decode(&body, endpoint.key)
    }

    /// Sends `params` to `endpoint`, retrying as the policy allows,
    /// and returns the body of the successful response.
    pub(crate) async fn call<P: Serialize + ?Sized>(
        &self,
        endpoint: &Endpoint,
        params: &P,
    ) -> Result<Vec<u8>, Error> {
        self.call_parts(endpoint, &Parts::default(), params).await
    }

    /// [`call`](Self::call) with parameters outside the body or query.
    pub(crate) async fn call_parts<P: Serialize + ?Sized>(
        &self,
        endpoint: &Endpoint,
        parts: &Parts,
        params: &P,
    ) -> Result<Vec<u8>, Error> {
        let (body, _) = self.call_for_headers(endpoint, parts, params).await?;
        Ok(body)
    }

    /// [`call_parts`](Self::call_parts), with the response's headers.
    pub(crate) async fn call_for_headers<P: Serialize + ?Sized>(
        &self,
        endpoint: &Endpoint,
        parts: &Parts,
        params: &P,
    ) -> Result<(Vec<u8>, reqwest::header::HeaderMap), Error> {
        let path = parts.path.as_deref().unwrap_or(endpoint.path);
        let span = CallSpan::start(endpoint.operation, endpoint.verb, path);
        let result = span
            .instrument(self.attempts(endpoint, parts, params, &span))
            .await;
        span.finish(&result);
        result
    }

    /// [`call_parts`](Self::call_parts), its attempts.
    async fn attempts<P: Serialize + ?Sized>(
        &self,
        endpoint: &Endpoint,
        parts: &Parts,
        params: &P,
        span: &CallSpan,
    ) -> Result<(Vec<u8>, reqwest::header::HeaderMap), Error> {
        let policy = self.retry_policy();
        let may_repeat = endpoint.idempotent || policy.non_idempotent;
        let mut retry = 0;
        loop {
            span.attempt(retry);
            let (result, retry_after) = self.attempt(endpoint, parts, params, span).await;
            let retryable = match &result {
                Ok(_) => false,
                // Nothing reached the server: safe for any operation.
                Err(Error::Transport(e)) if e.is_connect() => true,
                Err(Error::Transport(_)) => may_repeat,
                Err(e) => may_repeat && matches!(e.status(), Some(429 | 500..=599)),
            };
            // A streamed body is sent once.
            if !retryable || retry >= policy.max_retries || !parts.repeatable() {
                return result;
            }
            tokio::time::sleep(policy.delay(retry, retry_after)).await;
            retry += 1;
        }
    }

    /// One request; with the `Retry-After` the response asked for.
    async fn attempt<P: Serialize + ?Sized>(
        &self,
        endpoint: &Endpoint,
        parts: &Parts,
        params: &P,
        span: &CallSpan,
    ) -> (
        Result<(Vec<u8>, reqwest::header::HeaderMap), Error>,
        Option<Duration>,
    ) {
        let request = match self.build(endpoint, parts, params) {
            Ok(request) => request,
            Err(e) => return (Err(e), None),
        };
        let mut response = match request.send().await {
            Ok(response) => response,
            Err(e) => return (Err(self.transport_error(e)), None),
        };
        let (status, request_id) = status_of(&response);
        span.response(status, request_id.as_deref());
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| retry_after(v, std::time::SystemTime::now()));
        let headers = std::mem::take(response.headers_mut());
        let body = match response.bytes().await {
            Ok(body) => body.to_vec(),
            Err(e) => return (Err(self.transport_error(e)), retry_after),
        };
        let result = match (200..300).contains(&status) {
            true => Ok((body, headers)),
            false => Err(failure(endpoint, status, request_id, &headers, &body)),
        };
        (result, retry_after)
    }

    /// The request for `endpoint` with `parts` and `params`.
    fn build<P: Serialize + ?Sized>(
        &self,
        endpoint: &Endpoint,
        parts: &Parts,
        params: &P,
    ) -> Result<reqwest::RequestBuilder, Error> {
        let path = parts.path.as_deref().unwrap_or(endpoint.path);
        #[cfg(feature = "seam")]
        crate::auth::check_workspace(&self.inner.auth, path)?;
        let request = self.request(endpoint, path, &parts.cookies);
        let mut request = match endpoint.location {
            Location::Body => request.json(params),
            Location::Query => request.query(&query_pairs(params)),
            Location::Form => request.form(&query_pairs(params)),
            Location::Raw => {
                let mut request = request;
                if let Some((content_type, bytes)) = &parts.body {
                    request = request
                        .header(reqwest::header::CONTENT_TYPE, *content_type)
                        .body(bytes.clone());
                }
                #[cfg(feature = "streaming")]
                if let Some((content_type, body)) = &parts.stream {
                    request = request
                        .header(reqwest::header::CONTENT_TYPE, *content_type)
                        .body(body.for_request()?);
                }
                request
            }
            #[cfg(feature = "multipart")]
            Location::Multipart => {
                request.multipart(crate::multipart::multipart_form(&parts.multipart)?)
            }
        };
        if !parts.query.is_empty() {
            request = request.query(&parts.query);
        }
        // A header parameter replaces the client's own value of that header
        // (an operation's `Accept`, say).
        if !parts.headers.is_empty() {
            let mut headers = reqwest::header::HeaderMap::new();
            for (raw, value) in &parts.headers {
                let name = reqwest::header::HeaderName::from_bytes(raw.as_bytes());
                match (name, reqwest::header::HeaderValue::from_str(value)) {
                    (Ok(name), Ok(value)) => {
                        headers.append(name, value);
                    }
                    // Not a header: reqwest reports it when the request is sent.
                    _ => request = request.header(*raw, value.as_str()),
                }
            }
            request = request.headers(headers);
        }
        Ok(request)
    }
}

/// A response's status and the id the server gave the request.
fn status_of(response: &reqwest::Response) -> (u16, Option<String>) {
    let request_id = crate::error::request_id_of(response.headers());
    (response.status().as_u16(), request_id)
}

/// The error for a response that is not a success.
fn failure(
    endpoint: &Endpoint,
    status: u16,
    request_id: Option<String>,
    headers: &reqwest::header::HeaderMap,
    body: &[u8],
) -> Error {
    #[cfg(feature = "declared_errors")]
    if let Some(detail) = endpoint.errors.and_then(|decode| decode(status, body)) {
        return Error::Declared {
            status,
            request_id,
            detail,
        };
    }
    let _ = endpoint;
    ApiError::from_response(status, request_id, headers, body)
}

/// The body of a successful response, read as it arrives: a [`Stream`] of
/// byte chunks. Get one from an operation's `send_streaming()`.
///
/// [`Stream`]: futures_core::Stream
#[cfg(feature = "streaming")]
#[must_use = "a stream does nothing until it is read"]
pub struct ByteStream {
    inner: Pin<Box<dyn futures_core::Stream<Item = Result<bytes::Bytes, Error>> + Send>>,
}

#[cfg(feature = "streaming")]
impl futures_core::Stream for ByteStream {
    type Item = Result<bytes::Bytes, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

#[cfg(feature = "streaming")]
impl std::fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ByteStream").finish_non_exhaustive()
    }
}

/// Calls whose successful body is read as a stream.
#[cfg(feature = "streaming")]
#[allow(dead_code)]
impl Client {
    /// The future of a call whose successful body is returned as a
    /// [`ByteStream`]. It is sent once (the body cannot be read twice); a
    /// failure is read whole and reported as for any call.
    pub(crate) fn start_stream<P>(
        &self,
        endpoint: &'static Endpoint,
        params: Result<(Parts, P), ValidationError>,
    ) -> ResponseFuture<ByteStream>
    where
        P: Serialize + Send + Sync + 'static,
    {
        let client = self.clone();
        ResponseFuture::new(async move {
            let (parts, params) = params?;
            let request = client.build(endpoint, &parts, &params)?;
            let response = request
                .send()
                .await
                .map_err(|e| client.transport_error(e))?;
            let (status, request_id) = status_of(&response);
            if !(200..300).contains(&status) {
                let headers = response.headers().clone();
                let body = response
                    .bytes()
                    .await
                    .map_err(|e| client.transport_error(e))?;
                return Err(failure(endpoint, status, request_id, &headers, &body));
            }
            let stream = futures_util::TryStreamExt::map_err(response.bytes_stream(), move |e| {
                client.transport_error(e)
            });
            Ok(ByteStream {
                inner: Box::pin(stream),
            })
        })
    }
}

/// A path parameter's text, percent-encoded so it stays one
/// path segment.
#[allow(dead_code)]
pub(crate) fn segment<T: Serialize + ?Sized>(value: &T) -> String {
    encode_segment(&text(value))
}

fn encode_segment(text: &str) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
    const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    utf8_percent_encode(text, SEGMENT).to_string()
}

/// How a parameter is written, per the OpenAPI style table (`explode`
/// as the spec gives it).
#[allow(dead_code)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Form {
        explode: bool,
    },
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
    Simple {
        explode: bool,
    },
    Label {
        explode: bool,
    },
    Matrix {
        explode: bool,
    },
    /// The value as JSON text (a parameter with JSON `content`).
    Json,
}

/// The query pairs of one parameter in `style`.
#[allow(dead_code)]
pub(crate) fn styled_pairs<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
    style: Style,
) -> Vec<(String, String)> {
    use serde_json::Value;
    let Ok(value) = serde_json::to_value(value) else {
        return Vec::new();
    };
    let one = |text: String| vec![(name.to_string(), text)];
    match (&value, style) {
        (Value::Null, _) => Vec::new(),
        (_, Style::Json) => one(value.to_string()),
        (Value::Array(items), Style::Form { explode: false }) => one(joined(items, ",")),
        (Value::Array(items), Style::SpaceDelimited) => one(joined(items, " ")),
        (Value::Array(items), Style::PipeDelimited) => one(joined(items, "|")),
        (Value::Object(map), Style::Form { explode: false }) => one(flattened(map, ",", ",")),
        (Value::Object(map), Style::DeepObject) => map
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(key, v)| (format!("{name}[{key}]"), text_of(v)))
            .collect(),
        _ => pairs(name, &value),
    }
}

/// A header's value in `style` (`simple`).
#[allow(dead_code)]
pub(crate) fn styled_text<T: Serialize + ?Sized>(name: &str, value: &T, style: Style) -> String {
    styled(name, value, style, &|text| text.to_string())
}

/// A path parameter in `style`, each value percent-encoded and the
/// style's delimiters kept.
#[allow(dead_code)]
pub(crate) fn styled_segment<T: Serialize + ?Sized>(name: &str, value: &T, style: Style) -> String {
    styled(name, value, style, &encode_segment)
}

fn styled<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
    style: Style,
    encode: &dyn Fn(&str) -> String,
) -> String {
    use serde_json::Value;
    let value = serde_json::to_value(value).unwrap_or_default();
    let each = |v: &Value| encode(&text_of(v));
    let list = |items: &[Value], separator: &str| {
        items.iter().map(each).collect::<Vec<_>>().join(separator)
    };
    let object = |map: &serde_json::Map<String, Value>, pair: &str, separator: &str| {
        let entries = map.iter().filter(|(_, v)| !v.is_null());
        let entries = entries.map(|(k, v)| format!("{}{pair}{}", encode(k), each(v)));
        entries.collect::<Vec<_>>().join(separator)
    };
    let name = encode(name);
    match (&value, style) {
        (Value::Null, _) => String::new(),
        (_, Style::Json) => encode(&value.to_string()),
        (Value::Array(items), Style::Label { explode }) => {
            format!(".{}", list(items, if explode { "." } else { "," }))
        }
        (Value::Array(items), Style::Matrix { explode: true }) => items
            .iter()
            .map(|v| format!(";{name}={}", each(v)))
            .collect(),
        (Value::Array(items), Style::Matrix { explode: false }) => {
            format!(";{name}={}", list(items, ","))
        }
        (Value::Array(items), _) => list(items, ","),
        (Value::Object(map), Style::Label { explode: true }) => {
            format!(".{}", object(map, "=", "."))
        }
        (Value::Object(map), Style::Label { explode: false }) => {
            format!(".{}", object(map, ",", ","))
        }
        (Value::Object(map), Style::Matrix { explode: true }) => {
            format!(";{}", object(map, "=", ";"))
        }
        (Value::Object(map), Style::Matrix { explode: false }) => {
            format!(";{name}={}", object(map, ",", ","))
        }
        (Value::Object(map), Style::Simple { explode: true }) => object(map, "=", ","),
        (Value::Object(map), _) => object(map, ",", ","),
        (other, Style::Label { .. }) => format!(".{}", each(other)),
        (other, Style::Matrix { .. }) => format!(";{name}={}", each(other)),
        (other, _) => each(other),
    }
}

/// Items' text joined with `separator`.
fn joined(items: &[serde_json::Value], separator: &str) -> String {
    items
        .iter()
        .map(text_of)
        .collect::<Vec<_>>()
        .join(separator)
}

/// An object's keys and values in one list: `k1,v1,k2,v2`.
fn flattened(
    map: &serde_json::Map<String, serde_json::Value>,
    pair: &str,
    separator: &str,
) -> String {
    let entries = map.iter().filter(|(_, v)| !v.is_null());
    let entries = entries.map(|(k, v)| format!("{k}{pair}{}", text_of(v)));
    entries.collect::<Vec<_>>().join(separator)
}

/// The parameters, once `validate` finds nothing wrong with them.
#[allow(dead_code)]
pub(crate) fn checked<P>(
    params: P,
    validate: fn(&P) -> Result<(), ValidationError>,
) -> Result<P, ValidationError> {
    validate(&params).map(|()| params)
}

/// The parameters and the parts they send apart (`parts`), once
/// `validate` finds nothing wrong with them.
#[allow(dead_code)]
pub(crate) fn checked_parts<P>(
    params: P,
    validate: fn(&P) -> Result<(), ValidationError>,
    parts: fn(&P) -> Parts,
) -> Result<(Parts, P), ValidationError> {
    validate(&params)?;
    Ok((parts(&params), params))
}

/// No parts sent apart: the `parts` of [`checked_parts`] for parameters
/// that are all in the body or query string.
#[allow(dead_code)]
pub(crate) fn no_parts<P>(_: &P) -> Parts {
    Parts::default()
}

/// Parameters that travel outside the body or query string: in the
/// path, in the query beside a JSON body, and in headers.
#[allow(dead_code)]
#[derive(Debug, Default)]
pub(crate) struct Parts {
    /// The path with its parameters filled in.
    pub(crate) path: Option<String>,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) cookies: Vec<(&'static str, String)>,
    /// A body sent as it is, with its content type.
    pub(crate) body: Option<(&'static str, Vec<u8>)>,
    /// A body that may be a stream, with its content type.
    #[cfg(feature = "streaming")]
    pub(crate) stream: Option<(&'static str, crate::body::Body)>,
    /// The parts of a multipart body.
    #[cfg(feature = "multipart")]
    pub(crate) multipart: Vec<crate::multipart::Part>,
}

impl Parts {
    /// Whether the parts can be sent again: not when the body is a stream.
    pub(crate) fn repeatable(&self) -> bool {
        #[cfg(feature = "streaming")]
        if let Some((_, body)) = &self.stream {
            return body.repeatable();
        }
        true
    }
}

/// A parameter's text: strings as they are, other values as JSON,
/// lists joined with commas.
#[allow(dead_code)]
pub(crate) fn text<T: Serialize + ?Sized>(value: &T) -> String {
    // Serializing the crate's own types into a `Value` cannot fail.
    serde_json::to_value(value)
        .map(|v| text_of(&v))
        .unwrap_or_default()
}

#[allow(dead_code)]
pub(crate) fn text_of(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        serde_json::Value::Array(items) => items.iter().map(text_of).collect::<Vec<_>>().join(","),
        other => other.to_string(),
    }
}

/// Query pairs, form style: a list repeats its name, an object's
/// properties are pairs of their own, `null` and absent values are
/// left out.
#[allow(dead_code)]
pub(crate) fn query_pairs<T: Serialize + ?Sized>(params: &T) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    if let Ok(serde_json::Value::Object(map)) = serde_json::to_value(params) {
        for (name, value) in &map {
            push_pairs(&mut pairs, name, value);
        }
    }
    pairs
}

/// The pairs of one query parameter.
#[allow(dead_code)]
pub(crate) fn pairs<T: Serialize + ?Sized>(name: &str, value: &T) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    if let Ok(value) = serde_json::to_value(value) {
        push_pairs(&mut pairs, name, &value);
    }
    pairs
}

#[allow(dead_code)]
fn push_pairs(pairs: &mut Vec<(String, String)>, name: &str, value: &serde_json::Value) {
    match value {
        serde_json::Value::Null => {}
        serde_json::Value::Array(items) => {
            for item in items {
                push_pairs(pairs, name, item);
            }
        }
        serde_json::Value::Object(map) => {
            for (name, value) in map {
                push_pairs(pairs, name, value);
            }
        }
        other => pairs.push((name.to_string(), text_of(other))),
    }
}

/// Decodes a successful response body, taking `key` out of it first
/// when given. A failure names the JSON path of the offending field.
/// The error keeps the body.
pub(crate) fn decode<T: DeserializeOwned>(body: &[u8], key: Option<&str>) -> Result<T, Error> {
    crate::codec::decode_at(body, key).map_err(|e| with_body(e.into(), body))
}

/// `error`, with `body` when it is a decode error.
pub(crate) fn with_body(error: Error, body: &[u8]) -> Error {
    match error {
        Error::Decode(e) => Error::Decode(e.with_body(body)),
        other => other,
    }
}

/// Decodes `value`, found at `at` in the response, into `T`.
#[cfg(feature = "polling")]
pub(crate) fn decode_value<T: DeserializeOwned>(
    value: serde_json::Value,
    at: &str,
) -> Result<T, Error> {
    crate::codec::from_value(value).map_err(|mut e| {
        e.path = match (at, e.path.as_str()) {
            ("", _) => e.path,
            (_, "") => at.to_string(),
            (_, below) if below.starts_with('[') => format!("{at}{below}"),
            (_, below) => format!("{at}.{below}"),
        };
        Error::Decode(e)
    })
}
