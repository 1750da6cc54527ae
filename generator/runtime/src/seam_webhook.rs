//! Verifying the webhooks Seam sends, as Seam's official SDKs do: Seam
//! signs each request the Standard Webhooks way (the scheme Svix
//! implements). The signed content is `{id}.{timestamp}.{body}`, the key
//! the base64 text after `whsec_` in the endpoint's secret, and the
//! signature HMAC-SHA256 in base64, in a `webhook-signature` (or
//! `svix-signature`) header that lists one or more `v1,<signature>`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::error::DecodeError;

/// How far a webhook's timestamp may be from now, either way: older ones
/// could be replays, and newer ones are not to be trusted either.
pub const TOLERANCE: Duration = Duration::from_secs(5 * 60);

/// Verifies and decodes the webhooks of one Seam webhook endpoint.
///
/// ```no_run
/// # fn handle(body: &[u8], headers: &reqwest::header::HeaderMap) -> Result<(), Box<dyn std::error::Error>> {
/// let webhook = seam::webhook::SeamWebhook::new("whsec_…")?;
/// let event = webhook.verify(body, headers)?;
/// println!("{event:?}");
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct SeamWebhook {
    key: Vec<u8>,
}

impl std::fmt::Debug for SeamWebhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SeamWebhook").finish_non_exhaustive()
    }
}

/// Why a webhook was not accepted.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The endpoint secret is not `whsec_` followed by base64.
    #[error("the webhook secret is not `whsec_` followed by base64")]
    InvalidSecret,
    /// A header the scheme needs is missing.
    #[error("the webhook has no `webhook-{0}` (or `svix-{0}`) header")]
    MissingHeader(&'static str),
    /// The timestamp header is not a number of seconds.
    #[error("the webhook's timestamp is not a number of seconds")]
    InvalidTimestamp,
    /// The timestamp is more than [`TOLERANCE`] before now: perhaps a replay.
    #[error("the webhook's timestamp is too old")]
    TimestampTooOld,
    /// The timestamp is more than [`TOLERANCE`] after now.
    #[error("the webhook's timestamp is in the future")]
    TimestampTooNew,
    /// No signature in the signature header is the body's.
    #[error("no signature of the webhook matches")]
    InvalidSignature,
    /// The signature is right, but the body is not an event this client
    /// knows how to read.
    #[error("the webhook's body is not an event: {0}")]
    Decode(#[from] DecodeError),
}

/// The headers of a received request, whatever the web framework's type.
/// Names are matched case-insensitively.
pub trait WebhookHeaders {
    /// The value of the header `name` (lowercase), if present and text.
    fn header(&self, name: &str) -> Option<&str>;
}

impl WebhookHeaders for reqwest::header::HeaderMap {
    fn header(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(|v| v.to_str().ok())
    }
}

impl<K: AsRef<str>, V: AsRef<str>> WebhookHeaders for [(K, V)] {
    fn header(&self, name: &str) -> Option<&str> {
        self.iter()
            .find(|(k, _)| k.as_ref().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_ref())
    }
}

impl<K: AsRef<str>, V: AsRef<str>> WebhookHeaders for Vec<(K, V)> {
    fn header(&self, name: &str) -> Option<&str> {
        self.as_slice().header(name)
    }
}

impl<K: AsRef<str>, V: AsRef<str>, S> WebhookHeaders for std::collections::HashMap<K, V, S> {
    fn header(&self, name: &str) -> Option<&str> {
        self.iter()
            .find(|(k, _)| k.as_ref().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_ref())
    }
}

impl<K: AsRef<str>, V: AsRef<str>> WebhookHeaders for std::collections::BTreeMap<K, V> {
    fn header(&self, name: &str) -> Option<&str> {
        self.iter()
            .find(|(k, _)| k.as_ref().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_ref())
    }
}

impl SeamWebhook {
    /// A verifier for the endpoint whose signing secret is `secret`
    /// (`whsec_…`, as Seam's console shows it; the bare base64 works too).
    pub fn new(secret: &str) -> Result<Self, WebhookError> {
        let encoded = secret.strip_prefix("whsec_").unwrap_or(secret);
        let key = STANDARD
            .decode(encoded)
            .map_err(|_| WebhookError::InvalidSecret)?;
        if key.is_empty() {
            return Err(WebhookError::InvalidSecret);
        }
        Ok(SeamWebhook { key })
    }

    /// Checks that `body` came from Seam, signed for this endpoint within
    /// [`TOLERANCE`] of now, and decodes the event it carries. Give it the
    /// body exactly as received, before any JSON parsing.
    pub fn verify(
        &self,
        body: &[u8],
        headers: &(impl WebhookHeaders + ?Sized),
    ) -> Result<crate::types::Event, WebhookError> {
        self.verify_at(body, headers, SystemTime::now())
    }

    /// [`verify`](Self::verify) as of `now` (to check a stored webhook, or
    /// in tests).
    pub fn verify_at(
        &self,
        body: &[u8],
        headers: &(impl WebhookHeaders + ?Sized),
        now: SystemTime,
    ) -> Result<crate::types::Event, WebhookError> {
        self.check(body, headers, now)?;
        Ok(crate::codec::from_slice(body)?)
    }

    /// Checks the signature and the timestamp, without decoding.
    pub fn check(
        &self,
        body: &[u8],
        headers: &(impl WebhookHeaders + ?Sized),
        now: SystemTime,
    ) -> Result<(), WebhookError> {
        let header = |name: &'static str| {
            headers
                .header(&format!("webhook-{name}"))
                .or_else(|| headers.header(&format!("svix-{name}")))
                .ok_or(WebhookError::MissingHeader(name))
        };
        let id = header("id")?;
        let timestamp = header("timestamp")?;
        let signatures = header("signature")?;
        let seconds: u64 = timestamp
            .trim()
            .parse()
            .map_err(|_| WebhookError::InvalidTimestamp)?;
        let sent = UNIX_EPOCH + Duration::from_secs(seconds);
        match now.duration_since(sent) {
            Ok(age) if age > TOLERANCE => return Err(WebhookError::TimestampTooOld),
            Err(ahead) if ahead.duration() > TOLERANCE => {
                return Err(WebhookError::TimestampTooNew)
            }
            _ => {}
        }
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.key).map_err(|_| WebhookError::InvalidSecret)?;
        mac.update(id.as_bytes());
        mac.update(b".");
        mac.update(timestamp.as_bytes());
        mac.update(b".");
        mac.update(body);
        // Several signatures (while a secret is rotated) are separated by
        // spaces; each is `version,base64`, and only `v1` is this scheme.
        let matched = signatures
            .split(' ')
            .filter_map(|s| s.split_once(','))
            .filter(|(version, _)| *version == "v1")
            .filter_map(|(_, signature)| STANDARD.decode(signature).ok())
            .any(|signature| mac.clone().verify_slice(&signature).is_ok());
        match matched {
            true => Ok(()),
            false => Err(WebhookError::InvalidSignature),
        }
    }
}
