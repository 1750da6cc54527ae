//! The runtime of generated client crates, as ordinary Rust.
//!
//! Every file in this folder except this one and `harness/` is copied into
//! each generated crate's `src/` (`seam_auth.rs` becomes `auth.rs` for the
//! Seam profile), with the `#[cfg(feature = "…")]` of capabilities resolved
//! for the crate's spec. Here the capabilities are this crate's features, so
//! each file is compiled, linted and tested in every combination CI builds.
//! `harness/` stands in for what the generator emits per spec (the `spec`
//! constants) and holds the tests, which stay here.

#[cfg(not(feature = "seam"))]
mod auth;
#[cfg(feature = "seam")]
#[path = "seam_auth.rs"]
mod auth;
#[cfg(feature = "base64")]
mod base64;
#[cfg(feature = "streaming")]
mod body;
mod client;
mod codec;
mod error;
mod http;
mod macros;
#[cfg(feature = "multipart")]
mod multipart;
#[cfg(feature = "pagination")]
mod pagination;
#[cfg(feature = "polling")]
mod polling;
mod raw;
mod request;
mod trace;
mod validate;
#[cfg(feature = "webhook")]
#[path = "seam_webhook.rs"]
pub mod webhook;

#[path = "harness/spec.rs"]
mod spec;
#[cfg(feature = "webhook")]
#[path = "harness/types.rs"]
mod types;

// The tests build clients with an API key (the default feature).
#[cfg(all(test, feature = "api_key"))]
#[path = "harness/tests.rs"]
mod tests;

#[cfg(feature = "base64")]
pub use self::base64::Base64;
#[cfg(feature = "streaming")]
pub use body::Body;
pub use client::{Client, ClientBuilder};
pub use codec::{from_slice, from_value, UnknownVariant};
#[cfg(feature = "declared_errors")]
pub use error::Detail;
pub use error::{ApiError, DecodeError, Error, Rule, ValidationError};
#[cfg(feature = "streaming")]
pub use http::ByteStream;
pub use http::{ResponseFuture, RetryPolicy};
#[cfg(feature = "multipart")]
pub use multipart::Upload;
#[cfg(feature = "pagination")]
pub use pagination::{Page, PaginatedStream, Paginator};
#[cfg(feature = "polling")]
pub use polling::{PollError, PollWait};
pub use raw::RawRequest;
pub use request::Request;
pub use reqwest::Method;
#[cfg(feature = "api_key")]
pub use spec::ENV_API_KEY;
pub use spec::{DEFAULT_ENDPOINT, ENV_ENDPOINT};
