//! Spans of calls, with the crate's `tracing` feature: one `call` span per
//! call, with the operation, method, path, status, request id, attempt
//! and elapsed time. Only these are recorded; never a header, body or
//! query string, so never a credential. Without the feature, these do
//! nothing and cost nothing.

use std::future::Future;

use crate::http::Verb;

/// The span of one call.
#[cfg(feature = "tracing")]
pub(crate) struct CallSpan {
    span: tracing::Span,
    started: std::time::Instant,
}

/// The span of one call.
#[cfg(not(feature = "tracing"))]
pub(crate) struct CallSpan;

#[cfg(feature = "tracing")]
impl CallSpan {
    pub(crate) fn start(operation: &'static str, verb: Verb, path: &str) -> Self {
        let span = tracing::info_span!(
            "call",
            operation,
            method = verb.method().as_str(),
            path,
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
            elapsed_ms = tracing::field::Empty,
            outcome = tracing::field::Empty,
        );
        CallSpan {
            span,
            started: std::time::Instant::now(),
        }
    }

    /// `future`, run inside the span.
    pub(crate) fn instrument<F: Future>(&self, future: F) -> impl Future<Output = F::Output> {
        tracing::Instrument::instrument(future, self.span.clone())
    }

    /// Attempt `retry + 1` starts.
    pub(crate) fn attempt(&self, retry: u32) {
        self.span.record("attempt", retry + 1);
        if retry > 0 {
            tracing::debug!(parent: &self.span, retry, "retrying");
        }
    }

    /// A response arrived.
    pub(crate) fn response(&self, status: u16, request_id: Option<&str>) {
        self.span.record("status", status);
        if let Some(request_id) = request_id {
            self.span.record("request_id", request_id);
        }
    }

    /// The call is over.
    pub(crate) fn finish<T>(&self, result: &Result<T, crate::error::Error>) {
        let elapsed = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.span.record("elapsed_ms", elapsed);
        let outcome = match result {
            Ok(_) => "ok",
            Err(crate::error::Error::Transport(_)) => "transport error",
            Err(crate::error::Error::Decode(_)) => "decode error",
            Err(_) => "error",
        };
        self.span.record("outcome", outcome);
    }
}

#[cfg(not(feature = "tracing"))]
impl CallSpan {
    pub(crate) fn start(_: &'static str, _: Verb, _: &str) -> Self {
        CallSpan
    }

    pub(crate) fn instrument<F: Future>(&self, future: F) -> impl Future<Output = F::Output> {
        future
    }

    pub(crate) fn attempt(&self, _: u32) {}

    pub(crate) fn response(&self, _: u16, _: Option<&str>) {}

    pub(crate) fn finish<T>(&self, _: &Result<T, crate::error::Error>) {}
}
