//! Verifying Seam's webhooks: an event signed the way Seam signs them
//! (the signatures here were computed apart from this crate), and the ways a
//! webhook can be forged or replayed.

use std::collections::HashMap;
use std::time::{Duration, UNIX_EPOCH};

use seam::types::Event;
use seam::webhook::{SeamWebhook, WebhookError};

const SECRET: &str = "whsec_c2VhbS13ZWJob29rLXRlc3Qtc2VjcmV0LTAxMjM0NTY=";
const BODY: &str = r#"{"event_id":"7ca29f6c-6efc-5ccd-b82c-f5a9f486d25e","created_at":"2026-11-25T19:02:59.711Z","occurred_at":"2026-11-25T19:02:59.711Z","event_description":"A new device has been connected to Seam","event_type":"device.connected","workspace_id":"eddf0568-4277-56ff-9541-d767e22519e0","connected_account_id":"3579f134-ce81-5b55-bb12-a203df9b7fbd","device_id":"388385ba-daca-5b97-95ba-139b938eff70"}"#;
const SIGNATURE: &str = "v1,vatMgiXkN5moWkGtdGUKh+XsFXkmzf0zzSdfVIAuGvk=";
const SENT: u64 = 1_767_225_600;

fn headers(signature: &str) -> HashMap<&'static str, String> {
    HashMap::from([
        ("webhook-id", "msg_seam_1".to_string()),
        ("webhook-timestamp", SENT.to_string()),
        ("webhook-signature", signature.to_string()),
    ])
}

fn at(seconds: u64) -> std::time::SystemTime {
    UNIX_EPOCH + Duration::from_secs(seconds)
}

#[test]
fn a_signed_event_is_verified_and_decoded() {
    let webhook = SeamWebhook::new(SECRET).unwrap();
    let event = webhook
        .verify_at(BODY.as_bytes(), &headers(SIGNATURE), at(SENT + 5))
        .unwrap();
    let Event::DeviceConnected(connected) = event else {
        panic!("expected device.connected, got {event:?}");
    };
    assert_eq!(connected.device_id, "388385ba-daca-5b97-95ba-139b938eff70");

    // What axum and other `http` frameworks hand over works as it is.
    let mut map = reqwest::header::HeaderMap::new();
    map.insert("Webhook-Id", "msg_seam_1".parse().unwrap());
    map.insert("Webhook-Timestamp", SENT.to_string().parse().unwrap());
    map.insert("Webhook-Signature", SIGNATURE.parse().unwrap());
    webhook.verify_at(BODY.as_bytes(), &map, at(SENT)).unwrap();
}

#[test]
fn forged_replayed_and_malformed_webhooks_are_refused() {
    let webhook = SeamWebhook::new(SECRET).unwrap();
    let check = |body: &str, headers: &HashMap<&'static str, String>, now: u64| {
        webhook
            .verify_at(body.as_bytes(), headers, at(now))
            .unwrap_err()
    };
    // Another device, same signature.
    let tampered = BODY.replace("388385ba", "488385ba");
    assert!(matches!(
        check(&tampered, &headers(SIGNATURE), SENT),
        WebhookError::InvalidSignature
    ));
    // Replayed ten minutes later, or with a moved timestamp.
    assert!(matches!(
        check(BODY, &headers(SIGNATURE), SENT + 600),
        WebhookError::TimestampTooOld
    ));
    let mut moved = headers(SIGNATURE);
    moved.insert("webhook-timestamp", (SENT + 600).to_string());
    assert!(matches!(
        check(BODY, &moved, SENT + 600),
        WebhookError::InvalidSignature
    ));
    assert!(matches!(
        check(BODY, &headers(SIGNATURE), SENT - 600),
        WebhookError::TimestampTooNew
    ));
    // Unsigned.
    let mut unsigned = headers(SIGNATURE);
    unsigned.remove("webhook-signature");
    assert!(matches!(
        check(BODY, &unsigned, SENT),
        WebhookError::MissingHeader("signature")
    ));
    // A signed event that drifted from the spec is the unknown arm, with
    // the reason; a signed body that is not an event is a decode error.
    let partial = r#"{"event_type":"device.connected"}"#;
    let mut drifted = headers("v1,bE6BXud9yGP1d6jTkASDrKJJc06dtJoGv8qxn2Z5/UE=");
    drifted.insert("webhook-id", "msg_seam_2".to_string());
    let event = webhook
        .verify_at(partial.as_bytes(), &drifted, at(SENT))
        .unwrap();
    let Event::Unknown(unknown) = event else {
        panic!("expected the unknown arm: {event:?}");
    };
    assert_eq!(unknown["event_type"], "device.connected");
    assert!(unknown.reason.is_some());
    let mut list = headers("v1,NqkePvjb3tma21Pj/ANVWE9OdHTD48owFkhqoJrt57w=");
    list.insert("webhook-id", "msg_seam_3".to_string());
    let err = check("[1, 2]", &list, SENT);
    assert!(matches!(err, WebhookError::Decode(_)), "{err:?}");
}
