//! Waiting for long-running work: an operation that starts some (such as
//! unlocking a door) polls the API's status operation until the work
//! succeeds, fails or the wait times out. What the status looks like is the
//! spec's convention, given as [`PollRule`] in `spec.rs`.
//!
//! The public names here (`PollWait`, `PollError`, `Error::PollFailed`,
//! `Error::PollTimeout`, `poll_wait`, `poll_id`, `poll_value`) are renamed
//! for what the API calls its work when the file is copied into a crate
//! (an API that polls "action attempts" gets `ActionAttemptWait`).

use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use std::fmt;

use crate::client::{Client, ClientBuilder};
use crate::error::{text_at, Error, ValidationError};
use crate::http::{decode_value, Endpoint, ResponseFuture};

/// What the status operation returns, as the spec's conventions describe
/// it: a name for the work, its id and status properties, the statuses
/// that end the wait, and where a failure says what went wrong.
pub(crate) struct PollRule {
    /// What the work is called, for messages (`action attempt`).
    pub name: &'static str,
    /// The id's property, also the status operation's parameter.
    pub id: &'static str,
    pub status: &'static str,
    pub success: &'static [&'static str],
    pub failure: &'static [&'static str],
    /// A property that says what kind of work it is.
    pub kind: Option<&'static str>,
    /// Paths of property names to a failure's type and message.
    pub error_type: &'static [&'static str],
    pub error_message: &'static [&'static str],
}

/// How a call that starts long-running work waits for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollWait {
    /// Poll until the work finishes (default `true`). When `false`, the
    /// call returns the work as the API first reports it, usually still
    /// pending.
    pub enabled: bool,
    /// Give up after this long with [`Error::PollTimeout`] (default
    /// 10 s).
    pub timeout: Duration,
    /// The wait between two polls (default 1 s).
    pub polling_interval: Duration,
}

impl Default for PollWait {
    fn default() -> Self {
        PollWait {
            enabled: true,
            timeout: Duration::from_secs(10),
            polling_interval: Duration::from_secs(1),
        }
    }
}

impl PollWait {
    /// Do not wait: return the work as first reported.
    pub fn disabled() -> Self {
        PollWait {
            enabled: false,
            ..PollWait::default()
        }
    }
}

impl ClientBuilder {
    /// How calls that start long-running work wait for it (default: poll
    /// every second for up to 10 s). Each call can override it.
    pub fn poll_wait(mut self, wait: PollWait) -> Self {
        self.poll_wait = Some(wait);
        self
    }
}

/// Long-running work that failed, or was still going when the wait ended.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PollError {
    pub poll_id: String,
    /// What kind of work it is (such as `UNLOCK_DOOR`), when the API says.
    pub kind: Option<String>,
    /// The status it was last reported with.
    pub status: String,
    /// The failure's type, when it failed and says one.
    pub error_type: Option<String>,
    /// The failure's message, when it failed and says one.
    pub message: Option<String>,
    /// The work as the API last reported it, typed: match on it for the
    /// failure's details.
    pub poll_value: crate::spec::Polled,
}

impl fmt::Display for PollError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} `{}`", crate::spec::POLL.name, self.poll_id)?;
        match &self.kind {
            Some(kind) => write!(f, " ({kind})"),
            None => Ok(()),
        }
    }
}

// Unused when features switch off every operation that polls.
#[allow(dead_code)]
impl PollError {
    /// The error of work as the API reported it; a [`Error::Decode`] when
    /// it does not decode into its type.
    pub(crate) fn from_value(value: Value) -> Result<Self, Error> {
        let rule = &crate::spec::POLL;
        Ok(PollError {
            poll_id: text_at(&value, &[rule.id]).unwrap_or_default(),
            kind: rule.kind.and_then(|kind| text_at(&value, &[kind])),
            status: text_at(&value, &[rule.status]).unwrap_or_default(),
            error_type: text_at(&value, rule.error_type),
            message: text_at(&value, rule.error_message),
            poll_value: decode_value(value, "")?,
        })
    }

    /// `: type: message`, as far as the work says.
    pub(crate) fn reason(&self) -> String {
        match (&self.error_type, &self.message) {
            (Some(kind), Some(message)) => format!(": {kind}: {message}"),
            (Some(text), None) | (None, Some(text)) => format!(": {text}"),
            (None, None) => String::new(),
        }
    }
}

/// Where a status is among the rule's: finished well, failed, or going.
#[derive(Debug, PartialEq, Eq)]
enum Status {
    Success,
    Failure,
    Going,
}

fn status_of(rule: &PollRule, value: &Value) -> Status {
    match value.get(rule.status).and_then(Value::as_str) {
        Some(status) if rule.success.contains(&status) => Status::Success,
        Some(status) if rule.failure.contains(&status) => Status::Failure,
        _ => Status::Going,
    }
}

// Unused when features switch off every operation that polls.
#[allow(dead_code)]
impl Client {
    /// The future of a call that starts long-running work: see
    /// [`send_polled`](Self::send_polled).
    pub(crate) fn start_polled<P, T>(
        &self,
        endpoint: &'static Endpoint,
        params: Result<P, ValidationError>,
        wait: Option<PollWait>,
    ) -> ResponseFuture<T>
    where
        P: Serialize + Send + Sync + 'static,
        T: DeserializeOwned + Send + 'static,
    {
        let client = self.clone();
        ResponseFuture::new(async move {
            let params = params?;
            client.send_polled(endpoint, &params, wait).await
        })
    }

    /// Sends an operation that starts long-running work and, unless
    /// `wait` says otherwise, polls it until it finishes. Failed work is
    /// [`Error::PollFailed`].
    pub(crate) async fn send_polled<P, T>(
        &self,
        endpoint: &Endpoint,
        params: &P,
        wait: Option<PollWait>,
    ) -> Result<T, Error>
    where
        P: Serialize + ?Sized,
        T: DeserializeOwned,
    {
        let rule = &crate::spec::POLL;
        let key = endpoint.key.unwrap_or_default();
        let wait = wait.unwrap_or(self.inner.poll_wait);
        // Checked before anything is sent: a zero interval would poll
        // without pause, a zero timeout never wait.
        if wait.enabled && (wait.timeout.is_zero() || wait.polling_interval.is_zero()) {
            return Err(Error::Config(format!(
                "waiting for {}{} needs a timeout and a polling interval above zero",
                a_or_an(rule.name),
                rule.name
            )));
        }
        let mut value: Value = self.send(endpoint, params).await?;
        if !wait.enabled {
            return decode_value(value, key);
        }
        let started = Instant::now();
        loop {
            match status_of(rule, &value) {
                Status::Success => return decode_value(value, key),
                Status::Failure => {
                    return Err(Error::PollFailed(Box::new(PollError::from_value(value)?)))
                }
                Status::Going => {}
            }
            let waited = started.elapsed();
            if waited >= wait.timeout {
                return Err(Error::PollTimeout(Box::new(PollError::from_value(value)?)));
            }
            tokio::time::sleep(wait.polling_interval.min(wait.timeout - waited)).await;
            let id = value.get(rule.id).cloned().unwrap_or_default();
            let mut query = serde_json::Map::new();
            query.insert(rule.id.to_string(), id);
            value = self
                .send(crate::spec::POLL_STATUS, &Value::Object(query))
                .await?;
        }
    }
}

/// `a ` or `an ` before `word`, as it is spoken (by its first letter).
fn a_or_an(word: &str) -> &'static str {
    match word.chars().next().map(|c| c.to_ascii_lowercase()) {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an ",
        _ => "a ",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: PollRule = PollRule {
        name: "job",
        id: "id",
        status: "state",
        success: &["done", "skipped"],
        failure: &["failed"],
        kind: None,
        error_type: &[],
        error_message: &["problem", "text"],
    };

    #[test]
    fn statuses_are_read_as_the_rule_says() {
        let at = |state: &str| status_of(&RULE, &serde_json::json!({ "state": state }));
        assert_eq!(at("done"), Status::Success);
        assert_eq!(at("skipped"), Status::Success);
        assert_eq!(at("failed"), Status::Failure);
        assert_eq!(at("queued"), Status::Going);
        assert_eq!(status_of(&RULE, &serde_json::json!({})), Status::Going);
    }

    #[test]
    fn articles_fit_the_name() {
        assert_eq!(a_or_an("action attempt"), "an ");
        assert_eq!(a_or_an("job"), "a ");
    }
}
