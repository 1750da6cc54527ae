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
    /// An action attempt the call started finished with an error.
    #[cfg(feature = "polling")]
    #[error("{} failed{}", .0, .0.reason())]
    ActionAttemptFailed(Box<crate::polling::ActionAttemptError>),
    /// An action attempt the call started did not finish in time; it
    /// may still finish later.
    #[cfg(feature = "polling")]
    #[error("{0} did not finish in time")]
    ActionAttemptTimeout(Box<crate::polling::ActionAttemptError>),
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

/// An error the API reported: `{"error": {"type", "message", …}}`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ApiError {
    /// HTTP status.
    pub status: u16,
    /// The error's `type`, such as `invalid_input` or `not_found`.
    pub error_type: String,
    pub message: String,
    /// The id the server gave the request (a response header).
    pub request_id: Option<String>,
    /// Extra data the API attached to the error.
    pub data: Option<serde_json::Value>,
    /// For `invalid_input`: messages per parameter name.
    pub validation_errors: BTreeMap<String, Vec<String>>,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (HTTP {}, {})",
            self.message, self.status, self.error_type
        )?;
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
        self.validation_errors
            .get(parameter)
            .map(Vec::as_slice)
            .unwrap_or_default()
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
