//! A call being built, which every operation's request type is.
// Operations, which read and build requests, are generated per spec.
#![allow(dead_code)]

use crate::client::Client;
#[cfg(feature = "polling")]
use crate::polling::PollWait;

/// A call being built: the client that will send it and the parameters set
/// so far.
///
/// Each operation's request type is this type for its own parameters
/// (`type CreateRequest = Request<CreateParams>`), with the operation's
/// setters and its `send`.
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is sent"]
pub struct Request<P> {
    pub(crate) client: Client,
    pub(crate) params: P,
    /// How to wait for the work the call starts, where the operation has a
    /// say in it; `None`: as the client is configured.
    #[cfg(feature = "polling")]
    pub(crate) wait: Option<PollWait>,
}

impl<P> Request<P> {
    pub(crate) fn new(client: &Client, params: P) -> Self {
        Request {
            client: client.clone(),
            params,
            #[cfg(feature = "polling")]
            wait: None,
        }
    }

    /// The parameters set so far.
    pub fn params(&self) -> &P {
        &self.params
    }
}
