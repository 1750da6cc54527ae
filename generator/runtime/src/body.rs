//! Request bodies sent as they are: bytes, or a stream (a file, say) read
//! as it is sent, so it is never held in memory whole.

use std::fmt;
use std::sync::{Arc, Mutex};

use crate::error::Error;

/// A request body sent as it is. Made from bytes it can be sent again (on
/// a retry); made from a stream ([`Body::from_file`], [`Body::from_stream`])
/// it is read as it is sent, and sent once: a call with a streamed body is
/// not retried.
#[derive(Clone)]
pub struct Body(Inner);

#[derive(Clone)]
enum Inner {
    Bytes(Vec<u8>),
    /// Taken by the request that sends it.
    Stream(Arc<Mutex<Option<reqwest::Body>>>),
}

impl Body {
    /// A body read from `stream`, a stream of byte chunks (or errors), as it
    /// is sent.
    pub fn from_stream<S>(stream: S) -> Self
    where
        S: futures_core::TryStream + Send + 'static,
        S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
        bytes::Bytes: From<S::Ok>,
    {
        Body::streamed(reqwest::Body::wrap_stream(stream))
    }

    /// A body read from `file` as it is sent.
    pub fn from_file(file: tokio::fs::File) -> Self {
        Body::streamed(reqwest::Body::from(file))
    }

    fn streamed(body: reqwest::Body) -> Self {
        Body(Inner::Stream(Arc::new(Mutex::new(Some(body)))))
    }

    /// Whether the body is a stream (rather than bytes in memory).
    pub fn is_stream(&self) -> bool {
        matches!(self.0, Inner::Stream(_))
    }

    /// Whether the body can be sent again.
    pub(crate) fn repeatable(&self) -> bool {
        !self.is_stream()
    }

    /// The body for one request: the bytes again, or the stream, once.
    pub(crate) fn for_request(&self) -> Result<reqwest::Body, Error> {
        match &self.0 {
            Inner::Bytes(bytes) => Ok(reqwest::Body::from(bytes.clone())),
            Inner::Stream(stream) => stream
                .lock()
                .ok()
                .and_then(|mut stream| stream.take())
                .ok_or_else(|| {
                    Error::Config("a streamed body is sent once, and this one was sent".to_string())
                }),
        }
    }
}

impl Default for Body {
    fn default() -> Self {
        Body(Inner::Bytes(Vec::new()))
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Self {
        Body(Inner::Bytes(bytes))
    }
}

impl From<&[u8]> for Body {
    fn from(bytes: &[u8]) -> Self {
        Body(Inner::Bytes(bytes.to_vec()))
    }
}

impl From<String> for Body {
    fn from(text: String) -> Self {
        Body(Inner::Bytes(text.into_bytes()))
    }
}

impl From<&str> for Body {
    fn from(text: &str) -> Self {
        Body(Inner::Bytes(text.as_bytes().to_vec()))
    }
}

/// Shows the size, not the contents.
impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Inner::Bytes(bytes) => f.debug_struct("Body").field("len", &bytes.len()).finish(),
            Inner::Stream(_) => f.write_str("Body(stream)"),
        }
    }
}

/// Bytes are equal when they are the same bytes; a stream only to itself.
impl PartialEq for Body {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Inner::Bytes(a), Inner::Bytes(b)) => a == b,
            (Inner::Stream(a), Inner::Stream(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}
