//! The code blocks of the project README (after its quickstart, which is
//! `quickstart.rs`), each in a function so that `cargo test` compiles them;
//! `tests/readme.rs` checks that the README still says the same. They are
//! compiled, not run, and kept as the README writes them.

fn main() {}

#[rustfmt::skip]
#[allow(dead_code, unused_variables)]
mod snippets {
use seam::types::{ClientSession, Event};
use seam::webhook::SeamWebhook;
use seam::{RetryPolicy, Seam};

type Result<T = (), E = Box<dyn std::error::Error>> = std::result::Result<T, E>;

async fn required_parameters_are_arguments(seam: &Seam, device_id: &str) -> Result {
    let attempt = seam.locks().unlock_door(device_id).send().await?;
    let access_code = seam.access_codes().create(device_id).code("1234").name("Guest").send().await?;
    Ok(())
}

async fn other_ways_in(device_id: &str) -> Result {
    let seam = Seam::builder().api_key("seam_...").endpoint("https://connect.getseam.com").build()?;
    let params = seam::client_sessions::CreateParams { customer_key: Some("My Company".into()), ..Default::default() };
    let session = seam.client_sessions().create_with(params).send().await?;
    let params = seam::locks::UnlockDoorParams { sync: Some(true), ..seam::locks::UnlockDoorParams::new(device_id) };
    let attempt = seam.locks().unlock_door_with(params).send().await?;
    Ok(())
}

fn renewing_a_client_session_token(seam: &Seam, renewed: ClientSession) -> Result {
    seam.update_client_session_token(renewed.token)?;
    Ok(())
}

fn retrying_creates_too() -> Result {
    let seam = Seam::builder()
        .retry_policy(RetryPolicy { non_idempotent: true, ..RetryPolicy::default() })
        .build()?;
    Ok(())
}

async fn pagination(seam: &Seam) -> Result {
    use futures_util::TryStreamExt;

    let first = seam.devices().list().limit(50.0).paginate().first_page().await?;
    let next = seam.devices().list().limit(50.0).page_cursor(first.next_page_cursor.clone()).send().await?;
    let mut devices = seam.devices().list().paginate().items();   // a Stream, pages fetched as read
    while let Some(device) = devices.try_next().await? { /* ... */ }
    let all = seam.devices().list().paginate().all_items().await?;
    Ok(())
}

async fn waiting_for_an_attempt(seam: &Seam, attempt_id: String) -> Result {
    let attempt = seam
        .action_attempts()
        .get(attempt_id)
        .wait_for_action_attempt(true)
        .send()
        .await?;
    Ok(())
}

fn verifying_a_webhook(body: Vec<u8>, headers: reqwest::header::HeaderMap) -> Result {
    let webhook = SeamWebhook::new(&std::env::var("SEAM_WEBHOOK_SECRET")?)?;
    match webhook.verify(&body, &headers)? {
        Event::DeviceConnected(connected) => println!("connected: {}", connected.device_id),
        other => println!("{other:?}"),
    }
    Ok(())
}

async fn drifted_events(seam: &Seam) -> Result {
    for event in seam.events().list().since("2026-01-01T00:00:00Z").send().await? {
        match event {
            Event::LockUnlocked(unlocked) => println!("unlocked {:?}", unlocked.device_id),
            Event::Unknown(odd) => println!("{}: {:?}", odd["event_type"], odd.reason),
            _ => {}
        }
    }
    Ok(())
}

fn tracing_calls() {
    tracing_subscriber::fmt().with_max_level(tracing::Level::DEBUG).init();
}

async fn any_other_call(seam: &Seam) -> Result {
    let devices: Vec<seam::types::Device> = seam
        .raw_request(seam::Method::POST, "/devices/list")
        .json(&serde_json::json!({ "limit": 10 }))
        .response_key("devices")
        .send()
        .await?;
    Ok(())
}
}
