//! Stands in for the `types` module the generator emits: the event type
//! webhooks decode into.

/// A webhook's event, read as any JSON here.
pub type Event = serde_json::Value;
