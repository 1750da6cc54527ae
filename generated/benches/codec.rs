//! Decoding and encoding the crate's types, next to `serde_json::Value`
//! doing the same with the same bytes: `cargo bench -p seam --bench codec`.
//!
//! The inputs are the payloads in `tests/payloads/`, repeated to 1,000
//! items, each with its own ids. Throughput is the JSON's size over the
//! time taken.

use divan::counter::BytesCount;
use divan::Bencher;
use seam::types::{Device, Event};
use serde_json::Value;

fn main() {
    divan::main();
}

/// `count` items cycled from a payload file, each `id_field` replaced by a
/// UUID of its own, as JSON text.
fn repeated(payload: &str, id_field: &str, count: usize) -> Vec<u8> {
    let items: Vec<Value> = serde_json::from_str(payload).expect("a payload file");
    let many: Vec<Value> = (0..count)
        .map(|i| {
            let mut item = items[i % items.len()].clone();
            item[id_field] = Value::from(format!("{i:08x}-7c09-4b2e-9a61-{:012x}", i * 7919));
            item
        })
        .collect();
    serde_json::to_vec(&many).expect("JSON")
}

fn devices() -> Vec<u8> {
    repeated(
        include_str!("../tests/payloads/devices.json"),
        "device_id",
        1000,
    )
}

fn events() -> Vec<u8> {
    repeated(
        include_str!("../tests/payloads/events.json"),
        "event_id",
        1000,
    )
}

#[divan::bench(name = "decode 1,000 devices: Value")]
fn decode_devices_value(bencher: Bencher) {
    let json = devices();
    bencher
        .counter(BytesCount::of_slice(&json))
        .bench(|| serde_json::from_slice::<Vec<Value>>(&json).expect("decodes"));
}

#[divan::bench(name = "decode 1,000 devices: seam::types::Device")]
fn decode_devices_typed(bencher: Bencher) {
    let json = devices();
    bencher
        .counter(BytesCount::of_slice(&json))
        .bench(|| seam::from_slice::<Vec<Device>>(&json).expect("decodes"));
}

#[divan::bench(name = "decode 1,000 events: Value")]
fn decode_events_value(bencher: Bencher) {
    let json = events();
    bencher
        .counter(BytesCount::of_slice(&json))
        .bench(|| serde_json::from_slice::<Vec<Value>>(&json).expect("decodes"));
}

#[divan::bench(name = "decode 1,000 events: seam::types::Event")]
fn decode_events_typed(bencher: Bencher) {
    let json = events();
    bencher
        .counter(BytesCount::of_slice(&json))
        .bench(|| seam::from_slice::<Vec<Event>>(&json).expect("decodes"));
}

/// The devices decoded, and the same as `Value`s: what encoding them
/// writes is the same JSON.
fn decoded_devices() -> (Vec<Device>, Value, usize) {
    let typed: Vec<Device> = seam::from_slice(&devices()).expect("decodes");
    let value = serde_json::to_value(&typed).expect("encodes");
    let size = serde_json::to_vec(&value).expect("encodes").len();
    (typed, value, size)
}

#[divan::bench(name = "encode 1,000 devices: Value")]
fn encode_devices_value(bencher: Bencher) {
    let (_, value, size) = decoded_devices();
    bencher
        .counter(BytesCount::new(size))
        .bench(|| serde_json::to_vec(&value).expect("encodes"));
}

#[divan::bench(name = "encode 1,000 devices: seam::types::Device")]
fn encode_devices_typed(bencher: Bencher) {
    let (typed, _, size) = decoded_devices();
    bencher
        .counter(BytesCount::new(size))
        .bench(|| serde_json::to_vec(&typed).expect("encodes"));
}

/// The events decoded, and the same as `Value`s.
fn decoded_events() -> (Vec<Event>, Value, usize) {
    let typed: Vec<Event> = seam::from_slice(&events()).expect("decodes");
    let value = serde_json::to_value(&typed).expect("encodes");
    let size = serde_json::to_vec(&value).expect("encodes").len();
    (typed, value, size)
}

#[divan::bench(name = "encode 1,000 events: Value")]
fn encode_events_value(bencher: Bencher) {
    let (_, value, size) = decoded_events();
    bencher
        .counter(BytesCount::new(size))
        .bench(|| serde_json::to_vec(&value).expect("encodes"));
}

#[divan::bench(name = "encode 1,000 events: seam::types::Event")]
fn encode_events_typed(bencher: Bencher) {
    let (typed, _, size) = decoded_events();
    bencher
        .counter(BytesCount::new(size))
        .bench(|| serde_json::to_vec(&typed).expect("encodes"));
}
