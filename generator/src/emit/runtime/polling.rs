//! `src/polling.rs`: waiting for action attempts (`x-action-attempt-type`
//! operations) by polling the operation that gets one.

use proc_macro2::TokenStream;
use quote::quote;

use super::http::endpoint_expr;
use crate::ir::Operation;

/// `get` is the operation that reads an action attempt by its ID.
pub(crate) fn polling_rs(get: &Operation, typed_errors: bool) -> TokenStream {
    let get_endpoint = endpoint_expr(get, None, typed_errors);
    quote! {
        //! Waiting for action attempts: operations that start one (such as
        //! unlocking a door) poll it until it succeeds, fails or times out.

        use std::time::{Duration, Instant};

        use serde::de::DeserializeOwned;
        use serde::Serialize;
        use serde_json::Value;

        use crate::error::{ActionAttemptError, Error, ValidationError};
        use crate::http::{decode_value, Endpoint, ResponseFuture};
        use crate::Seam;

        /// How a call that starts an action attempt waits for it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct ActionAttemptWait {
            /// Poll until the attempt finishes (default `true`). When
            /// `false`, the call returns the attempt as the API first
            /// reports it, usually still pending.
            pub enabled: bool,
            /// Give up after this long with [`Error::ActionAttemptTimeout`]
            /// (default 5 s).
            pub timeout: Duration,
            /// The wait between two polls (default 500 ms).
            pub polling_interval: Duration,
        }

        impl Default for ActionAttemptWait {
            fn default() -> Self {
                ActionAttemptWait {
                    enabled: true,
                    timeout: Duration::from_secs(5),
                    polling_interval: Duration::from_millis(500),
                }
            }
        }

        impl ActionAttemptWait {
            /// Do not wait: return the attempt as first reported.
            pub fn disabled() -> Self {
                ActionAttemptWait { enabled: false, ..ActionAttemptWait::default() }
            }
        }

        // Unused when features switch off every action-attempt operation.
        #[allow(dead_code)]
        impl Seam {
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
                let seam = self.clone();
                ResponseFuture::new(async move {
                    let params = params?;
                    seam.send_action_attempt(endpoint, &params, wait).await
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
                let mut attempt: Value = self.send(endpoint, params).await?;
                let wait = wait.unwrap_or(self.inner.action_attempt_wait);
                if !wait.enabled {
                    return decode_value(attempt, key);
                }
                let started = Instant::now();
                loop {
                    match attempt.get("status").and_then(Value::as_str) {
                        Some("success") => return decode_value(attempt, key),
                        Some("error") => return Err(Error::ActionAttemptFailed(Box::new(ActionAttemptError::from_attempt(attempt)))),
                        _ => {}
                    }
                    let waited = started.elapsed();
                    if waited >= wait.timeout {
                        return Err(Error::ActionAttemptTimeout(Box::new(ActionAttemptError::from_attempt(attempt))));
                    }
                    tokio::time::sleep(wait.polling_interval.min(wait.timeout - waited)).await;
                    let id = attempt.get("action_attempt_id").cloned().unwrap_or_default();
                    attempt = self.send(#get_endpoint, &serde_json::json!({ "action_attempt_id": id })).await?;
                }
            }
        }
    }
}
