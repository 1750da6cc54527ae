//! Real payloads from Seam's fake server (`tests/payloads/*.json`) decode
//! into the generated types and encode back without losing anything.
//!
//! Edits to what the fake returned: its readable IDs are replaced by fixed
//! UUIDs (IDs are plain strings, so either decodes); the `lock.unlocked` event got the `method` the spec requires and
//! the fake leaves out; one device was given an error and warnings shaped
//! as the spec says, another a warning this spec does not know.

use seam::types::{ActionAttempt, Device, DeviceErrorsItem, DeviceWarningsItem, Event};
use serde::{de::DeserializeOwned, Serialize};
use serde_json::{json, Value};

/// Fields the fake sends that this version of the spec does not have; the
/// client ignores them.
const NOT_IN_SPEC: &[&str] = &[
    ".automatic_cooling_enabled",
    ".automatic_heating_enabled",
    ".is_cooling_available",
    ".is_heating_available",
];

fn each<T: DeserializeOwned + Serialize + PartialEq>(file: &str, json: &str) -> Vec<T> {
    let items: Vec<Value> = serde_json::from_str(json).unwrap();
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let decoded: T = seam::from_value(item.clone())
                .unwrap_or_else(|e| panic!("{file}[{i}] does not decode: {e}"));
            let back = serde_json::to_value(&decoded).unwrap();
            let again: T = serde_json::from_value(back.clone()).unwrap();
            assert!(again == decoded, "{file}[{i}] changed in a round trip");
            let (sent, kept) = (keys(&item), keys(&back));
            assert!(
                kept.iter().all(|k| sent.contains(k)),
                "{file}[{i}] gained fields"
            );
            let dropped: Vec<&String> = sent.iter().filter(|k| !kept.contains(k)).collect();
            assert!(
                dropped
                    .iter()
                    .all(|k| NOT_IN_SPEC.iter().any(|name| k.ends_with(name))),
                "{file}[{i}] lost fields the spec has: {dropped:?}"
            );
            decoded
        })
        .collect()
}

/// Every key path with a non-null value (an optional field that is `null`
/// on the wire and left out when encoded means the same).
fn keys(value: &Value) -> Vec<String> {
    fn walk(value: &Value, path: String, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (k, v) in map.iter().filter(|(_, v)| !v.is_null()) {
                    let path = format!("{path}.{k}");
                    out.push(path.clone());
                    walk(v, path, out);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(v, format!("{path}[{i}]"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, String::new(), &mut out);
    out.sort();
    out
}

#[test]
fn devices_with_errors_and_warnings_roundtrip() {
    let devices: Vec<Device> = each("devices.json", include_str!("payloads/devices.json"));
    assert_eq!(devices.len(), 5);
    assert!(matches!(
        devices[0].errors.as_slice(),
        [DeviceErrorsItem::AccountDisconnected(e)] if e.message == "Account is disconnected."
    ));
    assert!(matches!(
        devices[0].warnings.as_slice(),
        [DeviceWarningsItem::PartialBackupAccessCodePool(_)]
    ));
    // A warning this client does not know is kept, not an error.
    assert!(matches!(
        devices[1].warnings.as_slice(),
        [DeviceWarningsItem::Unknown(_)]
    ));
}

#[test]
fn events_roundtrip_by_event_type() {
    let events: Vec<Event> = each("events.json", include_str!("payloads/events.json"));
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::DeviceConnected(_))),
        "{events:?}"
    );
    assert!(
        events.iter().any(|e| matches!(e, Event::LockUnlocked(_))),
        "{events:?}"
    );
}

#[test]
fn action_attempts_are_matched_on_action_type_and_status() {
    let attempts: Vec<ActionAttempt> = each(
        "action_attempts.json",
        include_str!("payloads/action_attempts.json"),
    );
    assert!(matches!(attempts[0], ActionAttempt::UnlockDoorPending(_)));
    assert!(matches!(attempts[1], ActionAttempt::LockDoorPending(_)));
    assert!(matches!(attempts[2], ActionAttempt::UnlockDoorSuccess(_)));
    match &attempts[3] {
        ActionAttempt::LockDoorError(e) => assert_eq!(e.error.message, "The lock is jammed."),
        other => panic!("expected LockDoorError, got {other:?}"),
    }
}

#[test]
fn missing_required_lists_read_as_empty_but_other_fields_are_errors() {
    use seam::types::ClientSession;

    let mut session = serde_json::json!({
        "client_session_id": "cst1",
        "workspace_id": "seed_workspace_1",
        "created_at": "2026-11-25T10:00:00.000Z",
        "expires_at": "2026-11-26T10:00:00.000Z",
        "token": "seam_cst1_token",
        "device_count": 0,
    });
    let decoded: ClientSession = serde_json::from_value(session.clone()).unwrap();
    assert!(decoded.connected_account_ids.is_empty());
    assert!(decoded.connect_webview_ids.is_empty());

    session.as_object_mut().unwrap().remove("token");
    let err = seam::from_value::<ClientSession>(session).unwrap_err();
    assert_eq!(err.path, "");
    assert_eq!(err.message, "missing field `token`");
}

#[test]
fn a_union_of_string_enums_is_one_enum_a_match_can_rely_on() {
    use seam::types::DeviceType;
    // Device types come from several enums in the spec (locks,
    // thermostats, …); each value is its own variant.
    let thermostat: DeviceType = serde_json::from_value(json!("ecobee_thermostat")).unwrap();
    assert_eq!(thermostat, DeviceType::EcobeeThermostat);
    let lock: DeviceType = serde_json::from_value(json!("august_lock")).unwrap();
    assert!(matches!(lock, DeviceType::AugustLock));
    let new: DeviceType = serde_json::from_value(json!("teleporter")).unwrap();
    assert_eq!(new, DeviceType::Unknown("teleporter".into()));
    assert_eq!(
        serde_json::to_value(&thermostat).unwrap(),
        json!("ecobee_thermostat")
    );
}
