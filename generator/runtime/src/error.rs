//! Errors returned by the client.

#[cfg(feature = "seam")]
use std::collections::BTreeMap;
use std::fmt;

#[cfg(feature = "seam")]
use serde::Deserialize as _;

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
    #[cfg(feature = "seam")]
    #[error(
        "HTTP {status} with a body that is not an API error{}",
        request_id_suffix(request_id)
    )]
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
    /// An error response the spec describes for the operation, with
    /// its decoded body: the operation's error enum (such as
    /// `ShowPetByIdError`), read with [`Error::declared`].
    #[cfg(feature = "declared_errors")]
    #[error("HTTP {status}: {detail}{}", request_id_suffix(request_id))]
    Declared {
        status: u16,
        request_id: Option<String>,
        detail: Detail,
    },
    /// Long-running work the call started failed.
    #[cfg(feature = "polling")]
    #[error("{} failed{}", .0, .0.reason())]
    PollFailed(Box<crate::polling::PollError>),
    /// Long-running work the call started did not finish in time; it may
    /// still finish later.
    #[cfg(feature = "polling")]
    #[error("{0} did not finish in time")]
    PollTimeout(Box<crate::polling::PollError>),
}

/// The decoded body of a declared error response: an operation's
/// error enum.
#[cfg(feature = "declared_errors")]
pub type Detail = Box<dyn std::error::Error + Send + Sync + 'static>;

/// An operation's decoder of its declared error responses.
#[cfg(feature = "declared_errors")]
pub(crate) type DecodeDeclared = fn(u16, &[u8]) -> Option<Detail>;

#[cfg(feature = "declared_errors")]
impl Error {
    /// The operation's error enum (such as `ShowPetByIdError`), for an
    /// [`Error::Declared`] of that operation.
    pub fn declared<E: std::error::Error + 'static>(&self) -> Option<&E> {
        match self {
            Error::Declared { detail, .. } => detail.downcast_ref::<E>(),
            _ => None,
        }
    }
}

/// `summary: {body as JSON}`, the `Display` of a declared error.
#[cfg(feature = "declared_errors")]
#[allow(dead_code)]
pub(crate) fn show_declared<T: serde::Serialize>(
    f: &mut fmt::Formatter<'_>,
    summary: &str,
    body: &T,
) -> fmt::Result {
    let body = serde_json::to_string(body).unwrap_or_default();
    write!(f, "{summary}: {body}")
}

#[allow(dead_code)]
fn request_id_suffix(request_id: &Option<String>) -> String {
    request_id
        .as_ref()
        .map(|id| format!(" (request id {id})"))
        .unwrap_or_default()
}

impl Error {
    /// The HTTP status, for errors that come from a response.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Unauthorized(e) | Error::Api(e) => Some(e.status),
            #[cfg(feature = "seam")]
            Error::Http { status, .. } => Some(*status),
            #[cfg(feature = "declared_errors")]
            Error::Declared { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The id the server gave the failed request, to quote to support.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Unauthorized(e) | Error::Api(e) => e.request_id.as_deref(),
            #[cfg(feature = "seam")]
            Error::Http { request_id, .. } => request_id.as_deref(),
            #[cfg(feature = "declared_errors")]
            Error::Declared { request_id, .. } => request_id.as_deref(),
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

/// An error response: its status, headers and body, and what the body
/// says went wrong.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ApiError {
    /// HTTP status.
    pub status: u16,
    /// What went wrong, as the body says it.
    pub message: String,
    /// The id the server gave the request (a response header).
    pub request_id: Option<String>,
    /// The response's headers (cookies it sets are hidden from `Debug`).
    pub headers: reqwest::header::HeaderMap,
    /// The response's body, as text.
    pub body: String,
    /// The response's body, when it is JSON.
    pub json: Option<serde_json::Value>,
    /// The error's code, where the API's conventions say error bodies
    /// carry one (`[errors] code`).
    pub code: Option<String>,
    /// The error's `type`, such as `invalid_input` or `not_found`.
    #[cfg(feature = "seam")]
    pub error_type: String,
    /// Extra data the API attached to the error.
    #[cfg(feature = "seam")]
    pub data: Option<serde_json::Value>,
    /// For `invalid_input`: messages per parameter name.
    #[cfg(feature = "seam")]
    pub validation_errors: BTreeMap<String, Vec<String>>,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (HTTP {}", self.message, self.status)?;
        #[cfg(feature = "seam")]
        write!(f, ", {}", self.error_type)?;
        write!(f, ")")?;
        if let Some(id) = &self.request_id {
            write!(f, ", request id {id}")?;
        }
        #[cfg(feature = "seam")]
        for (param, messages) in &self.validation_errors {
            write!(f, "; `{param}`: {}", messages.join(", "))?;
        }
        Ok(())
    }
}

/// Seam's error body: `{"error": {"type", "message", …}}`.
#[cfg(feature = "seam")]
#[derive(serde::Deserialize)]
struct ErrorBody {
    error: ErrorFields,
}

#[cfg(feature = "seam")]
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

/// Headers whose values are secrets, hidden from an error's `Debug`.
const SECRET_HEADERS: &[&str] = &[
    "set-cookie",
    "authorization",
    "proxy-authorization",
    "cookie",
];

impl ApiError {
    /// The error for a non-success response.
    pub(crate) fn from_response(
        status: u16,
        request_id: Option<String>,
        headers: &reqwest::header::HeaderMap,
        body: &[u8],
    ) -> Error {
        let mut headers = headers.clone();
        for name in SECRET_HEADERS {
            if let reqwest::header::Entry::Occupied(mut entry) = headers.entry(*name) {
                for value in entry.iter_mut() {
                    value.set_sensitive(true);
                }
            }
        }
        let json: Option<serde_json::Value> = serde_json::from_slice(body).ok();
        let text = String::from_utf8_lossy(body).into_owned();
        #[cfg(feature = "seam")]
        let seam = json
            .as_ref()
            .and_then(|json| ErrorBody::deserialize(json).ok());
        #[cfg(feature = "seam")]
        if seam.is_none() && status != 401 {
            return Error::Http {
                status,
                request_id,
                body: text.chars().take(500).collect(),
            };
        }
        let message = json
            .as_ref()
            .and_then(|json| text_at(json, crate::spec::ERROR_MESSAGE).or_else(|| message_of(json)))
            .unwrap_or_else(|| fallback_message(status, &text));
        let code = json
            .as_ref()
            .and_then(|json| text_at(json, crate::spec::ERROR_CODE));
        #[allow(unused_mut)]
        let mut api = ApiError {
            status,
            message,
            request_id,
            headers,
            body: text,
            json,
            code,
            #[cfg(feature = "seam")]
            error_type: "unauthorized".to_string(),
            #[cfg(feature = "seam")]
            data: None,
            #[cfg(feature = "seam")]
            validation_errors: BTreeMap::new(),
        };
        #[cfg(feature = "seam")]
        if let Some(ErrorBody { error }) = seam {
            api.error_type = error.error_type;
            api.message = error.message;
            api.data = error.data;
            api.validation_errors = validation_messages(error.validation_errors);
        }
        if status == 401 {
            Error::Unauthorized(Box::new(api))
        } else {
            Error::Api(Box::new(api))
        }
    }

    /// The API's messages for one parameter of an `invalid_input` error.
    #[cfg(feature = "seam")]
    pub fn validation_messages(&self, parameter: &str) -> &[String] {
        self.validation_errors
            .get(parameter)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }
}

/// The text (or number) at `path` in `json`, where the conventions place
/// something (an error's message, polled work's id); `None` for an empty
/// path or an empty text.
pub(crate) fn text_at(json: &serde_json::Value, path: &[&str]) -> Option<String> {
    if path.is_empty() {
        return None;
    }
    match path.iter().try_fold(json, |at, name| at.get(name))? {
        serde_json::Value::String(text) if !text.trim().is_empty() => Some(text.trim().to_string()),
        serde_json::Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// What an error body says went wrong, from the shapes APIs use: RFC 9457
/// problem details (`detail`, else `title`), a top-level `message`, an
/// `error` that is text or holds a `message`, `error_description`, or the
/// first of a list of `errors` with a `message`.
pub(crate) fn message_of(json: &serde_json::Value) -> Option<String> {
    let text = |value: Option<&serde_json::Value>| {
        value
            .and_then(serde_json::Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let error = json.get("error");
    text(json.get("message"))
        .or_else(|| text(error))
        .or_else(|| text(error.and_then(|e| e.get("message"))))
        .or_else(|| text(json.get("detail")))
        .or_else(|| text(json.get("title")))
        .or_else(|| text(json.get("error_description")))
        .or_else(|| {
            let first = json.get("errors")?.as_array()?.first()?;
            text(Some(first)).or_else(|| text(first.get("message")))
        })
}

/// A message for a body that says none: its text when short and not JSON,
/// else the status's reason.
fn fallback_message(status: u16, text: &str) -> String {
    let text = text.trim();
    if !text.is_empty() && text.chars().count() <= 200 && !text.starts_with(['{', '[', '<']) {
        return text.to_string();
    }
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|code| code.canonical_reason())
        .map(str::to_string)
        .unwrap_or_else(|| format!("HTTP {status}"))
}

/// The id the server gave a request: the header the spec or profile names,
/// else any header named like one (`x-request-id`, `x-github-request-id`,
/// `twilio-request-id`, `x-amzn-requestid`).
pub(crate) fn request_id_of(headers: &reqwest::header::HeaderMap) -> Option<String> {
    let value = |v: &reqwest::header::HeaderValue| v.to_str().ok().map(str::to_string);
    if let Some(id) = headers.get(crate::spec::REQUEST_ID_HEADER).and_then(value) {
        return Some(id);
    }
    headers.iter().find_map(|(name, v)| {
        let name = name.as_str();
        (name.ends_with("request-id")
            || name.ends_with("requestid")
            || name.ends_with("request_id"))
        .then(|| value(v))
        .flatten()
    })
}

/// `{"param": {"_errors": ["…"]}, …}` → messages per parameter.
#[cfg(feature = "seam")]
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
                .map(|list| {
                    list.iter()
                        .filter_map(|m| m.as_str().map(str::to_string))
                        .collect()
                })
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
    /// The body of the response as received (as text), so that what did
    /// decode is not lost; `None` when the error did not come from a
    /// response.
    pub body: Option<String>,
}

impl DecodeError {
    pub(crate) fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        DecodeError {
            path: path.into(),
            message: message.into(),
            body: None,
        }
    }

    /// This error, with the body of the response it came from.
    pub(crate) fn with_body(mut self, body: &[u8]) -> Self {
        self.body = Some(String::from_utf8_lossy(body).into_owned());
        self
    }
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

/// The rule a [`ValidationError`] concerns, with its bound. (A required
/// parameter is an argument of its operation, so the compiler checks it.)
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Rule {
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
        let plural = |n: &u64, noun: &str| {
            if *n == 1 {
                format!("{n} {noun}")
            } else {
                format!("{n} {noun}s")
            }
        };
        match self {
            Rule::MinLength(n) => write!(
                f,
                "must be at least {} long (minLength)",
                plural(n, "character")
            ),
            Rule::MaxLength(n) => write!(
                f,
                "must be at most {} long (maxLength)",
                plural(n, "character")
            ),
            Rule::Pattern(p) => write!(f, "must match the pattern `{p}` (pattern)"),
            Rule::MinItems(n) => write!(f, "must have at least {} (minItems)", plural(n, "item")),
            Rule::MaxItems(n) => write!(f, "must have at most {} (maxItems)", plural(n, "item")),
            Rule::Minimum {
                bound,
                exclusive: false,
            } => write!(f, "must be at least {bound} (minimum)"),
            Rule::Minimum {
                bound,
                exclusive: true,
            } => write!(f, "must be greater than {bound} (exclusiveMinimum)"),
            Rule::Maximum {
                bound,
                exclusive: false,
            } => write!(f, "must be at most {bound} (maximum)"),
            Rule::Maximum {
                bound,
                exclusive: true,
            } => write!(f, "must be less than {bound} (exclusiveMaximum)"),
        }
    }
}
