//! End-to-end: the generated client against Seam's fake server
//! (`@seamapi/fake-seam-connect`), one fresh server per test.

#[path = "support/fake.rs"]
mod fake;

use std::time::{Duration, Instant};

use fake::FakeSeam;
use futures_util::TryStreamExt;
use seam::types::{ActionAttempt, DeviceType};
use seam::{ActionAttemptWait, Error, RetryPolicy, Seam, SeamBuilder};
use serde_json::json;

/// Starts the fake, or skips the test (see `support/fake.rs`).
macro_rules! fake {
    () => {
        match FakeSeam::start().await {
            Some(fake) => fake,
            None => return,
        }
    };
}

/// A builder pointed at the fake, with its seeded API key.
fn api_key_builder(fake: &FakeSeam) -> SeamBuilder {
    Seam::builder()
        .api_key(fake.seed("seam_apikey1_token"))
        .endpoint(&fake.endpoint)
}

fn with_api_key(fake: &FakeSeam) -> Seam {
    api_key_builder(fake).build().unwrap()
}

/// Quick retries, so the retry tests stay fast.
fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        initial_delay: Duration::from_millis(10),
        ..RetryPolicy::default()
    }
}

/// The fake numbers its requests (`seam-request-id: request7`), which tells
/// how many requests reached it.
fn request_number(err: &Error) -> u64 {
    let id = err
        .request_id()
        .unwrap_or_else(|| panic!("no request id: {err:?}"));
    id.trim_start_matches("request")
        .parse()
        .unwrap_or_else(|_| panic!("unexpected request id `{id}`"))
}

#[tokio::test]
async fn client_session_lifecycle_with_an_api_key() {
    let fake = fake!();
    let seam = with_api_key(&fake);

    let created = seam
        .client_sessions()
        .create()
        .user_identifier_key("jane_doe")
        .connected_account_ids([fake.seed("john_connected_account_id")])
        .send()
        .await
        .unwrap();
    assert_eq!(created.user_identifier_key.as_deref(), Some("jane_doe"));
    assert_eq!(created.workspace_id, fake.seed("seed_workspace_1"));
    assert_eq!(
        created.connected_account_ids,
        [fake.seed("john_connected_account_id")]
    );
    assert!(created.expires_at > created.created_at);

    let fetched = seam
        .client_sessions()
        .get()
        .client_session_id(created.client_session_id.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(fetched, created, "get returns what create stored");

    let by_key = seam
        .client_sessions()
        .get()
        .user_identifier_key("jane_doe")
        .send()
        .await
        .unwrap();
    assert_eq!(by_key.client_session_id, created.client_session_id);

    // get_or_create is the publishable-key route: with a publishable key it
    // returns the existing session for the user instead of a new one.
    let front_end = Seam::builder()
        .publishable_key(fake.seed("seam_pk1_token"))
        .endpoint(&fake.endpoint)
        .build()
        .unwrap();
    let existing = front_end
        .client_sessions()
        .get_or_create()
        .user_identifier_key("jane_doe")
        .send()
        .await
        .unwrap();
    assert_eq!(existing.client_session_id, created.client_session_id);
    assert_eq!(existing.token, created.token);

    // The fake (1.86.0) does not implement these routes; its plain-text 404
    // still comes back as a typed error. Their requests are checked on the
    // wire in `client_sessions.rs`.
    let id = created.client_session_id.clone();
    let errors = [
        seam.client_sessions().list().send().await.map(drop),
        seam.client_sessions()
            .grant_access()
            .client_session_id(id.clone())
            .send()
            .await,
        seam.client_sessions().revoke(id.clone()).send().await,
        seam.client_sessions().delete(id).send().await,
    ];
    for result in errors {
        let err = result.unwrap_err();
        assert!(matches!(err, Error::Http { status: 404, .. }), "{err:?}");
    }
}

#[tokio::test]
async fn client_session_token_authenticates() {
    let fake = fake!();
    let seam = Seam::builder()
        .client_session_token(fake.seed("seam_cst1_token"))
        .endpoint(&fake.endpoint)
        .build()
        .unwrap();

    let session = seam.client_sessions().get().send().await.unwrap();
    assert_eq!(session.token, fake.seed("seam_cst1_token"));
    assert_eq!(
        session.user_identifier_key.as_deref(),
        Some(fake.seed("john_user_identifier_key").as_str())
    );
    let devices = seam.devices().list().send().await.unwrap();
    assert!(!devices.is_empty());
}

#[tokio::test]
async fn publishable_key_and_user_identifier_key_sign_in() {
    let fake = fake!();
    let seam = Seam::builder()
        .publishable_key(fake.seed("seam_pk1_token"))
        .user_identifier_key("front_end_user")
        .endpoint(&fake.endpoint)
        .connect()
        .await
        .unwrap();

    // The client now holds a client session token for that user.
    let session = seam.client_sessions().get().send().await.unwrap();
    assert_eq!(
        session.user_identifier_key.as_deref(),
        Some("front_end_user")
    );

    // A second sign-in of the same user gets the same session.
    let again = Seam::builder()
        .publishable_key(fake.seed("seam_pk1_token"))
        .user_identifier_key("front_end_user")
        .endpoint(&fake.endpoint)
        .connect()
        .await
        .unwrap();
    let session_again = again.client_sessions().get().send().await.unwrap();
    assert_eq!(session_again.client_session_id, session.client_session_id);

    let err = Seam::builder()
        .publishable_key("seam_pk_unknown")
        .user_identifier_key("front_end_user")
        .endpoint(&fake.endpoint)
        .connect()
        .await
        .unwrap_err();
    assert!(err.status().is_some_and(|s| s >= 400), "{err:?}");
}

#[tokio::test]
async fn personal_access_token_with_workspace() {
    let fake = fake!();
    let seam = Seam::builder()
        .personal_access_token(fake.seed("seam_at1_token"))
        .workspace_id(fake.seed("seed_workspace_1"))
        .endpoint(&fake.endpoint)
        .build()
        .unwrap();
    let codes = seam
        .access_codes()
        .list()
        .device_id(fake.seed("august_device_1"))
        .send()
        .await
        .unwrap();
    assert!(codes.is_empty(), "{codes:?}");

    // Without a workspace the token may only list and create workspaces;
    // anything else is refused before it is sent.
    let no_workspace = Seam::builder()
        .personal_access_token(fake.seed("seam_at1_token"))
        .endpoint(&fake.endpoint)
        .build()
        .unwrap();
    let workspaces = no_workspace.workspaces().list().send().await.unwrap();
    assert!(
        workspaces
            .iter()
            .any(|w| w.workspace_id == fake.seed("seed_workspace_1")),
        "{workspaces:?}"
    );
    let err = no_workspace
        .access_codes()
        .list()
        .device_id(fake.seed("august_device_1"))
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.starts_with("/access_codes/list needs a workspace")),
        "{err:?}"
    );
}

#[tokio::test]
async fn api_errors_are_typed() {
    let fake = fake!();

    let bad = Seam::builder()
        .api_key("seam_apikey_that_does_not_exist")
        .endpoint(&fake.endpoint)
        .build()
        .unwrap();
    let err = bad.devices().list().send().await.unwrap_err();
    assert!(matches!(err, Error::Unauthorized(_)), "{err:?}");
    assert_eq!(err.status(), Some(401));
    assert!(err.request_id().is_some());

    let seam = with_api_key(&fake);
    // Valid for the client (both parameters are optional), refused by the server.
    let err = seam.devices().get().send().await.unwrap_err();
    let api = err.api_error().expect("an API error");
    assert_eq!(api.status, 400);
    assert_eq!(api.error_type, "invalid_input");
    assert!(api.message.contains("device_id"), "{api:?}");
    assert!(api
        .request_id
        .as_deref()
        .is_some_and(|id| id.starts_with("request")));

    // A value the client's enum fallback carries but the server refuses:
    // messages per field.
    let err = seam
        .devices()
        .list()
        .device_type(DeviceType::Unknown("not_a_device_type".into()))
        .send()
        .await
        .unwrap_err();
    let api = err.api_error().expect("an API error");
    assert_eq!(api.error_type, "invalid_input");
    let messages = api.validation_messages("device_type");
    assert!(
        !messages.is_empty() && messages.iter().all(|m| m.contains("not_a_device_type")),
        "{api:?}"
    );
    assert!(
        err.to_string()
            .contains("`device_type`: Invalid enum value"),
        "{err}"
    );

    let err = seam
        .devices()
        .get()
        .device_id("no_such_device")
        .send()
        .await
        .unwrap_err();
    let api = err.api_error().expect("an API error");
    assert_eq!(
        (api.status, api.error_type.as_str()),
        (404, "device_not_found")
    );
    assert_eq!(api.message, "Device not found");
    assert!(err.to_string().contains("request id request"), "{err}");
}

#[tokio::test]
async fn idempotent_calls_are_retried_through_an_outage() {
    let fake = fake!();
    let seam = api_key_builder(&fake)
        .retry_policy(quick_retries())
        .build()
        .unwrap();
    let probe = seam
        .devices()
        .get()
        .device_id("none")
        .send()
        .await
        .unwrap_err();
    let before = request_number(&probe);

    fake.simulate_outage(
        &fake.seed("seed_workspace_1"),
        &["/devices/list", "/client_sessions/create"],
    )
    .await;

    // devices/list is also offered as GET: retried twice, then the 503.
    let err = seam.devices().list().send().await.unwrap_err();
    assert_eq!(err.status(), Some(503), "{err:?}");
    assert_eq!(request_number(&err), before + 1 + 3, "three attempts");

    // client_sessions/create is not idempotent: one attempt only.
    let err = seam
        .client_sessions()
        .create()
        .user_identifier_key("jane_doe")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(request_number(&err), before + 5, "one attempt");

    // ...unless the caller opts in.
    let opted_in = api_key_builder(&fake)
        .retry_policy(RetryPolicy {
            non_idempotent: true,
            ..quick_retries()
        })
        .build()
        .unwrap();
    let err = opted_in
        .client_sessions()
        .create()
        .user_identifier_key("jane_doe")
        .send()
        .await
        .unwrap_err();
    assert_eq!(request_number(&err), before + 8, "three attempts");

    // No retries at all.
    let never = api_key_builder(&fake)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = never.devices().list().send().await.unwrap_err();
    assert_eq!(request_number(&err), before + 9, "one attempt");
}

#[tokio::test]
async fn timeouts_are_configurable_and_typed() {
    let fake = fake!();
    let seam = api_key_builder(&fake)
        .timeout(Duration::from_millis(1))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = seam.devices().list().send().await.unwrap_err();
    assert!(
        matches!(&err, Error::Transport(e) if e.is_timeout()),
        "{err:?}"
    );
    assert!(format!("{:?}", with_api_key(&fake)).contains("timeout: 30s"));
}

#[tokio::test]
async fn list_operations_page_with_cursors() {
    let fake = fake!();
    let seam = with_api_key(&fake);
    let all = seam.devices().list().send().await.unwrap();
    assert!(all.len() > 2, "the seed has more than two devices");

    let paginator = seam.devices().list().limit(2.0).paginate();
    let first = paginator.first_page().await.unwrap();
    assert_eq!(first.items.len(), 2);
    assert!(first.has_next_page);
    let cursor = first.next_page_cursor.clone().expect("a cursor");
    let second = paginator.page_after(cursor.clone()).await.unwrap();
    assert_eq!(second.items[0], all[2]);

    // Resuming later from a saved cursor, through the parameter itself.
    let resumed = seam
        .devices()
        .list()
        .limit(2.0)
        .page_cursor(Some(cursor))
        .paginate()
        .first_page()
        .await
        .unwrap();
    assert_eq!(resumed, second);

    let pages: Vec<_> = seam
        .devices()
        .list()
        .limit(2.0)
        .paginate()
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), all.len().div_ceil(2));
    assert!(!pages.last().unwrap().has_next_page);

    let items = seam
        .devices()
        .list()
        .limit(2.0)
        .paginate()
        .all_items()
        .await
        .unwrap();
    assert_eq!(items, all);

    // As the README writes it: the stream is read in place, no `Box::pin`.
    let mut devices = seam.devices().list().limit(1.0).paginate().items();
    let mut ids = Vec::new();
    while let Some(device) = devices.try_next().await.unwrap() {
        ids.push(device.device_id);
    }
    let expected: Vec<_> = all.iter().map(|d| d.device_id.clone()).collect();
    assert_eq!(ids, expected);
}

/// Sets action attempt `id` to `update` as soon as it exists, before the
/// client's first poll. (The fake numbers attempts from `action_attempt1`
/// and marks them successful at once, with no `result`; the tests set the
/// outcome themselves.)
async fn set_attempt(fake: &FakeSeam, id: &str, update: serde_json::Value) {
    let http = reqwest::Client::new();
    let get = format!("{}/action_attempts/get", fake.endpoint);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        assert!(
            Instant::now() < deadline,
            "action attempt `{id}` never appeared"
        );
        let found = http
            .post(&get)
            .bearer_auth(fake.seed("seam_apikey1_token"))
            .json(&json!({ "action_attempt_id": id }))
            .send()
            .await
            .unwrap()
            .status()
            .is_success();
        if found {
            let mut body = update;
            body["action_attempt_id"] = json!(id);
            fake.control("/_fake/update_action_attempt", body).await;
            return;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// Polls every 250 ms, which leaves `set_attempt` time to act first.
fn polling_fast() -> ActionAttemptWait {
    ActionAttemptWait {
        polling_interval: Duration::from_millis(250),
        ..ActionAttemptWait::default()
    }
}

#[tokio::test]
async fn action_attempts_are_awaited_until_success() {
    let fake = fake!();
    let seam = api_key_builder(&fake)
        .action_attempt_wait(polling_fast())
        .build()
        .unwrap();
    let unlock = seam
        .locks()
        .unlock_door(fake.seed("august_device_1"))
        .send();
    let update = set_attempt(
        &fake,
        "action_attempt1",
        json!({"status": "success", "result": {"was_confirmed_by_device": true}}),
    );
    let (attempt, ()) = tokio::join!(unlock, update);
    match attempt.unwrap() {
        ActionAttempt::UnlockDoorSuccess(success) => {
            assert_eq!(success.action_attempt_id, "action_attempt1");
            assert_eq!(success.result.was_confirmed_by_device, Some(true));
        }
        other => panic!("expected a successful unlock, got {other:?}"),
    }
}

#[tokio::test]
async fn failed_and_unfinished_action_attempts_are_errors() {
    let fake = fake!();
    let seam = with_api_key(&fake);
    let device = fake.seed("august_device_1");

    // Turned off per call: the pending attempt comes back at once.
    let pending = seam
        .locks()
        .unlock_door(device.clone())
        .wait_for_action_attempt(false)
        .send()
        .await
        .unwrap();
    assert!(
        matches!(pending, ActionAttempt::UnlockDoorPending(_)),
        "{pending:?}"
    );

    let started = Instant::now();
    let unlock = seam
        .locks()
        .unlock_door(device.clone())
        .action_attempt_wait(ActionAttemptWait {
            timeout: Duration::from_millis(600),
            ..polling_fast()
        })
        .send();
    let stay_pending = set_attempt(&fake, "action_attempt2", json!({"status": "pending"}));
    let (result, ()) = tokio::join!(unlock, stay_pending);
    let err = result.unwrap_err();
    let Error::ActionAttemptTimeout(timeout) = &err else {
        panic!("expected a timeout, got {err:?}");
    };
    assert_eq!(timeout.status, "pending");
    assert_eq!(timeout.kind.as_deref(), Some("UNLOCK_DOOR"));
    assert_eq!(timeout.action_attempt_id, "action_attempt2");
    assert!(
        matches!(&timeout.action_attempt, ActionAttempt::UnlockDoorPending(_)),
        "{:?}",
        timeout.action_attempt
    );
    assert!(started.elapsed() >= Duration::from_millis(600));
    assert!(started.elapsed() < Duration::from_secs(3));

    let unlock = seam
        .locks()
        .unlock_door(device)
        .action_attempt_wait(polling_fast())
        .send();
    let update = set_attempt(
        &fake,
        "action_attempt3",
        json!({"status": "error", "error": {"type": "lock_jammed", "message": "The lock is jammed"}}),
    );
    let (result, ()) = tokio::join!(unlock, update);
    let err = result.unwrap_err();
    let Error::ActionAttemptFailed(failed) = &err else {
        panic!("expected a failed attempt, got {err:?}");
    };
    assert_eq!(failed.error_type.as_deref(), Some("lock_jammed"));
    assert_eq!(failed.message.as_deref(), Some("The lock is jammed"));
    assert!(
        err.to_string().contains("lock_jammed: The lock is jammed"),
        "{err}"
    );
    // The attempt itself is typed, as the API reported it.
    let ActionAttempt::UnlockDoorError(attempt) = &failed.action_attempt else {
        panic!("expected a failed unlock, got {:?}", failed.action_attempt);
    };
    assert_eq!(attempt.action_attempt_id, "action_attempt3");
    assert_eq!(attempt.error.r#type, "lock_jammed");
    assert_eq!(attempt.error.message, "The lock is jammed");
}

#[tokio::test]
async fn any_path_can_be_called_with_the_clients_credentials_and_errors() {
    let fake = fake!();
    let seam = with_api_key(&fake);
    let devices: Vec<seam::types::Device> = seam
        .raw_request(seam::Method::POST, "/devices/list")
        .json(&json!({"limit": 2}))
        .response_key("devices")
        .send()
        .await
        .unwrap();
    assert_eq!(devices.len(), 2, "{devices:?}");
    let whole: serde_json::Value = seam
        .raw_request(seam::Method::GET, "/devices/list")
        .query("limit", "1")
        .send()
        .await
        .unwrap();
    assert_eq!(
        whole["devices"].as_array().map(Vec::len),
        Some(1),
        "{whole}"
    );

    let err = seam
        .raw_request(seam::Method::POST, "/devices/get")
        .json(&json!({"device_id": "00000000-0000-0000-0000-000000000000"}))
        .send::<serde_json::Value>()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Api(e) if e.status == 404 && e.error_type == "device_not_found"),
        "{err:?}"
    );
    let err = seam
        .raw_request(seam::Method::POST, "devices/list")
        .send::<serde_json::Value>()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
}

#[tokio::test]
async fn an_attempt_already_started_can_be_waited_for() {
    let fake = fake!();
    let seam = api_key_builder(&fake)
        .action_attempt_wait(polling_fast())
        .build()
        .unwrap();
    let unlock = seam
        .locks()
        .unlock_door(fake.seed("august_device_1"))
        .wait_for_action_attempt(false)
        .send();
    let stay_pending = set_attempt(&fake, "action_attempt1", json!({"status": "pending"}));
    let (started, ()) = tokio::join!(unlock, stay_pending);
    let id = match started.unwrap() {
        ActionAttempt::UnlockDoorPending(pending) => pending.action_attempt_id,
        other => panic!("expected a pending unlock, got {other:?}"),
    };

    // Read as it is by default.
    let now = seam.action_attempts().get(id.clone()).send().await.unwrap();
    assert!(
        matches!(now, ActionAttempt::UnlockDoorPending(_)),
        "{now:?}"
    );

    // Asked to wait, the read polls until the attempt finishes.
    let waited = seam
        .action_attempts()
        .get(id.clone())
        .wait_for_action_attempt(true)
        .send();
    let finish = async {
        tokio::time::sleep(Duration::from_millis(400)).await;
        let body = json!({
            "action_attempt_id": id,
            "status": "success",
            "result": {"was_confirmed_by_device": true},
        });
        fake.control("/_fake/update_action_attempt", body).await;
    };
    let started = Instant::now();
    let (waited, ()) = tokio::join!(waited, finish);
    assert!(
        matches!(waited.unwrap(), ActionAttempt::UnlockDoorSuccess(ref s) if s.result.was_confirmed_by_device == Some(true)),
    );
    assert!(started.elapsed() >= Duration::from_millis(400));

    // A zero wait is refused, not a busy loop.
    let err = seam
        .action_attempts()
        .get(id)
        .action_attempt_wait(ActionAttemptWait {
            polling_interval: Duration::ZERO,
            ..ActionAttemptWait::default()
        })
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
}

/// What the fake sends that its spec does not allow no longer sinks a
/// call: an attempt that succeeds with `result: null` reads as an empty
/// result, and an event that lacks a required field is kept, with the
/// reason, in `Event::Unknown` while the rest of the page decodes.
#[tokio::test]
async fn calls_succeed_when_the_server_drifts_from_the_spec() {
    let fake = fake!();
    let seam = api_key_builder(&fake)
        .action_attempt_wait(polling_fast())
        .build()
        .unwrap();
    let unlocked = seam
        .locks()
        .unlock_door(fake.seed("august_device_1"))
        .send()
        .await
        .unwrap();
    let ActionAttempt::UnlockDoorSuccess(success) = unlocked else {
        panic!("expected a successful unlock, got {unlocked:?}");
    };
    assert_eq!(success.result.was_confirmed_by_device, None);

    let events = seam
        .events()
        .list()
        .since("2000-01-01T00:00:00Z")
        .send()
        .await
        .unwrap();
    let drifted: Vec<_> = events
        .iter()
        .filter_map(|event| match event {
            seam::types::Event::Unknown(unknown) => Some(unknown),
            _ => None,
        })
        .collect();
    let unlocked = drifted
        .iter()
        .find(|e| e["event_type"] == "lock.unlocked")
        .unwrap_or_else(|| panic!("no lock.unlocked event among {events:?}"));
    let reason = unlocked.reason.as_deref().unwrap_or_default();
    assert!(reason.contains("method"), "{reason}");
    assert!(
        events.len() > drifted.len(),
        "the other events decode: {events:?}"
    );
}
