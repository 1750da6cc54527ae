//! Malformed responses never panic the client: whatever the body, decoding
//! gives a value or an error, and an error in well-formed JSON names the
//! path of the field that did not fit. The inputs are the real payloads in
//! `tests/payloads/`, with one node replaced by something else, or cut short.

use proptest::prelude::*;
use seam::types::{ActionAttempt, Device, Event};
use serde::de::DeserializeOwned;
use serde_json::Value;

fn payloads(json: &str) -> Vec<Value> {
    serde_json::from_str(json).expect("a payload file")
}

/// Replaces the node reached by following `steps` (each picks a child,
/// modulo the number of children) with `replacement`; returns its path.
fn replace(value: &mut Value, steps: &[usize], replacement: Value) -> String {
    let Some((step, rest)) = steps.split_first() else {
        *value = replacement;
        return String::new();
    };
    match value {
        Value::Object(map) if !map.is_empty() => {
            let key = map
                .keys()
                .nth(step % map.len())
                .cloned()
                .unwrap_or_default();
            let child = map.get_mut(&key).expect("a key just listed");
            format!(".{key}{}", replace(child, rest, replacement))
        }
        Value::Array(items) if !items.is_empty() => {
            let index = step % items.len();
            format!("[{index}]{}", replace(&mut items[index], rest, replacement))
        }
        _ => {
            *value = replacement;
            String::new()
        }
    }
}

fn odd_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        Just(Value::from(u64::MAX)),
        Just(serde_json::json!(1.0e300)),
        ".{0,12}".prop_map(Value::from),
        Just(Value::from("<html><body>502 Bad Gateway</body></html>")),
        Just(Value::from("not-a-date")),
        Just(serde_json::json!([])),
        Just(serde_json::json!({})),
        Just(serde_json::json!([{"nested": [1, "two", null]}])),
    ]
}

/// Decodes `value` as `T`: fine, or an error that names a path (empty only
/// when the root itself was replaced).
fn decodes_or_names_a_path<T: DeserializeOwned>(
    value: Value,
    replaced: &str,
) -> Result<(), TestCaseError> {
    match seam::from_value::<T>(value) {
        Ok(_) => Ok(()),
        Err(err) => {
            prop_assert!(!err.path.is_empty() || replaced.is_empty(), "{err}");
            prop_assert!(!err.message.is_empty());
            Ok(())
        }
    }
}

fn check<T: DeserializeOwned>(
    items: &[Value],
    pick: usize,
    steps: &[usize],
    odd: Value,
) -> Result<(), TestCaseError> {
    let mut item = items[pick % items.len()].clone();
    let replaced = replace(&mut item, steps, odd);
    decodes_or_names_a_path::<T>(item, &replaced)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn a_replaced_node_never_panics(
        pick in any::<usize>(),
        steps in prop::collection::vec(any::<usize>(), 0..8),
        odd in odd_value(),
    ) {
        check::<Device>(&payloads(include_str!("payloads/devices.json")), pick, &steps, odd.clone())?;
        check::<Event>(&payloads(include_str!("payloads/events.json")), pick, &steps, odd.clone())?;
        check::<ActionAttempt>(&payloads(include_str!("payloads/action_attempts.json")), pick, &steps, odd)?;
    }

    #[test]
    fn truncated_bodies_are_errors(pick in any::<usize>(), cut in any::<usize>()) {
        let devices = payloads(include_str!("payloads/devices.json"));
        let text = serde_json::to_string(&devices[pick % devices.len()]).unwrap_or_default();
        let cut = cut % text.len().max(1);
        prop_assert!(serde_json::from_slice::<Device>(&text.as_bytes()[..cut]).is_err());
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = serde_json::from_slice::<Event>(&bytes);
        let _ = serde_json::from_slice::<ActionAttempt>(&bytes);
    }
}

#[test]
fn replacing_a_required_field_names_it() {
    let mut device = payloads(include_str!("payloads/devices.json"))[0].clone();
    let path = replace(&mut device, &[0], Value::from(7));
    let err = seam::from_value::<Device>(device).unwrap_err();
    assert_eq!(format!(".{}", err.path), path, "{err}");
}

#[test]
fn an_error_deep_inside_names_the_whole_path() {
    let mut devices = payloads(include_str!("payloads/devices.json"));
    let last = devices.len() - 1;
    devices[last]["created_at"] = Value::from("not a time");
    let err = seam::from_value::<Vec<Device>>(Value::Array(devices)).unwrap_err();
    assert_eq!(err.path, format!("[{last}].created_at"), "{err}");
    assert!(
        err.message.contains("premature end of input")
            || err.message.contains("input contains invalid characters"),
        "{err}"
    );

    // Inside a tagged union (each event), the odd item is kept in the
    // unknown arm with that path, and the rest of the list still decodes.
    let mut events = payloads(include_str!("payloads/events.json"));
    events[0]["created_at"] = Value::from("not a time");
    let decoded = seam::from_value::<Vec<Event>>(Value::Array(events.clone())).unwrap();
    let Event::Unknown(unknown) = &decoded[0] else {
        panic!("expected the unknown arm: {:?}", decoded[0]);
    };
    assert_eq!(unknown.json, events[0]);
    let reason = unknown.reason.as_deref().unwrap_or_default();
    assert!(reason.starts_with("at `created_at`: "), "{reason}");
    assert!(!matches!(decoded[1], Event::Unknown(_)), "{:?}", decoded[1]);
}
