//! Waiting for action attempts: operations that start one (such as
//! unlocking a door) poll it until it succeeds, fails or times out.

use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use std::fmt;

use crate::client::{Client, ClientBuilder};
use crate::error::{Error, ValidationError};
use crate::http::{decode_value, Endpoint, ResponseFuture};

/// How a call that starts an action attempt waits for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionAttemptWait {
    /// Poll until the attempt finishes (default `true`). When
    /// `false`, the call returns the attempt as the API first
    /// reports it, usually still pending.
    pub enabled: bool,
    /// Give up after this long with [`Error::ActionAttemptTimeout`]
    /// (default 10 s, as Seam's official SDKs wait).
    pub timeout: Duration,
    /// The wait between two polls (default 1 s).
    pub polling_interval: Duration,
}

impl Default for ActionAttemptWait {
    fn default() -> Self {
        ActionAttemptWait {
            enabled: true,
            timeout: Duration::from_secs(10),
            polling_interval: Duration::from_secs(1),
        }
    }
}

impl ActionAttemptWait {
    /// Do not wait: return the attempt as first reported.
    pub fn disabled() -> Self {
        ActionAttemptWait {
            enabled: false,
            ..ActionAttemptWait::default()
        }
    }
}

impl ClientBuilder {
    /// How calls that start an action attempt wait for it (default:
    /// poll every second for up to 10 s). Each call can override it.
    pub fn action_attempt_wait(mut self, wait: ActionAttemptWait) -> Self {
        self.action_attempt_wait = Some(wait);
        self
    }
}

/// An action attempt that failed or was still pending when the wait ended.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ActionAttemptError {
    pub action_attempt_id: String,
    /// Such as `UNLOCK_DOOR`.
    pub action_type: String,
    /// `error` or `pending`.
    pub status: String,
    /// The attempt's `error.type`, when it failed.
    pub error_type: Option<String>,
    /// The attempt's `error.message`, when it failed.
    pub message: Option<String>,
    /// The attempt as the API last reported it, typed: match on it for
    /// the action's own error.
    pub attempt: crate::spec::ActionAttempt,
}

impl fmt::Display for ActionAttemptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "action attempt `{}` ({})",
            self.action_attempt_id, self.action_type
        )
    }
}

// Unused when features switch off every action-attempt operation.
#[allow(dead_code)]
impl ActionAttemptError {
    /// The error of an attempt as the API reported it; a [`Error::Decode`]
    /// when the attempt does not decode into its type.
    pub(crate) fn from_attempt(attempt: serde_json::Value) -> Result<Self, Error> {
        let text = |value: Option<&serde_json::Value>| {
            value
                .and_then(serde_json::Value::as_str)
                .map(str::to_string)
        };
        let error = attempt.get("error");
        Ok(ActionAttemptError {
            action_attempt_id: text(attempt.get("action_attempt_id")).unwrap_or_default(),
            action_type: text(attempt.get("action_type")).unwrap_or_default(),
            status: text(attempt.get("status")).unwrap_or_default(),
            error_type: text(error.and_then(|e| e.get("type"))),
            message: text(error.and_then(|e| e.get("message"))),
            attempt: decode_value(attempt, "")?,
        })
    }

    /// `: type: message`, as far as the attempt says.
    pub(crate) fn reason(&self) -> String {
        match (&self.error_type, &self.message) {
            (Some(kind), Some(message)) => format!(": {kind}: {message}"),
            (Some(text), None) | (None, Some(text)) => format!(": {text}"),
            (None, None) => String::new(),
        }
    }
}

// Unused when features switch off every action-attempt operation.
#[allow(dead_code)]
impl Client {
    /// The future of a call that starts an action attempt: see
    /// [`send_action_attempt`](Self::send_action_attempt).
    pub(crate) fn start_action_attempt<P, T>(
        &self,
        endpoint: &'static Endpoint,
        params: Result<P, ValidationError>,
        wait: Option<ActionAttemptWait>,
    ) -> ResponseFuture<T>
    where
        P: Serialize + Send + Sync + 'static,
        T: DeserializeOwned + Send + 'static,
    {
        let client = self.clone();
        ResponseFuture::new(async move {
            let params = params?;
            client.send_action_attempt(endpoint, &params, wait).await
        })
    }

    /// Sends an operation that starts an action attempt and, unless
    /// `wait` says otherwise, polls the attempt until it finishes.
    /// A failed attempt is [`Error::ActionAttemptFailed`].
    pub(crate) async fn send_action_attempt<P, T>(
        &self,
        endpoint: &Endpoint,
        params: &P,
        wait: Option<ActionAttemptWait>,
    ) -> Result<T, Error>
    where
        P: Serialize + ?Sized,
        T: DeserializeOwned,
    {
        let key = endpoint.key.unwrap_or_default();
        let wait = wait.unwrap_or(self.inner.action_attempt_wait);
        // Checked before anything is sent: a zero interval would poll
        // without pause, a zero timeout never wait.
        if wait.enabled && (wait.timeout.is_zero() || wait.polling_interval.is_zero()) {
            return Err(Error::Config(
                "an action attempt wait needs a timeout and a polling interval above zero"
                    .to_string(),
            ));
        }
        let mut attempt: Value = self.send(endpoint, params).await?;
        if !wait.enabled {
            return decode_value(attempt, key);
        }
        let started = Instant::now();
        loop {
            match attempt.get("status").and_then(Value::as_str) {
                Some("success") => return decode_value(attempt, key),
                Some("error") => {
                    return Err(Error::ActionAttemptFailed(Box::new(
                        ActionAttemptError::from_attempt(attempt)?,
                    )))
                }
                _ => {}
            }
            let waited = started.elapsed();
            if waited >= wait.timeout {
                return Err(Error::ActionAttemptTimeout(Box::new(
                    ActionAttemptError::from_attempt(attempt)?,
                )));
            }
            tokio::time::sleep(wait.polling_interval.min(wait.timeout - waited)).await;
            let id = attempt
                .get("action_attempt_id")
                .cloned()
                .unwrap_or_default();
            attempt = self
                .send(
                    crate::spec::ACTION_ATTEMPT_GET,
                    &serde_json::json!({ "action_attempt_id": id }),
                )
                .await?;
        }
    }
}
