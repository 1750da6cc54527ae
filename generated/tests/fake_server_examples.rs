//! End-to-end: every example in `examples/` runs against Seam's fake
//! server, configured through the environment as a user would. One test in
//! its own binary, since it changes the process environment.

#[path = "support/fake.rs"]
mod fake;

#[allow(dead_code)]
#[path = "../examples/api_key.rs"]
mod api_key;
#[allow(dead_code)]
#[path = "../examples/client_session_token.rs"]
mod client_session_token;
#[allow(dead_code)]
#[path = "../examples/personal_access_token.rs"]
mod personal_access_token;
#[allow(dead_code)]
#[path = "../examples/publishable_key.rs"]
mod publishable_key;

use fake::FakeSeam;

fn clear_credentials() {
    for name in [
        "SEAM_API_KEY",
        "SEAM_CLIENT_SESSION_TOKEN",
        "SEAM_PUBLISHABLE_KEY",
        "SEAM_PERSONAL_ACCESS_TOKEN",
        "SEAM_WORKSPACE_ID",
    ] {
        std::env::remove_var(name);
    }
}

#[tokio::test]
async fn examples_run_against_the_fake_server() {
    let Some(fake) = FakeSeam::start().await else {
        return;
    };
    std::env::set_var("SEAM_ENDPOINT", &fake.endpoint);

    clear_credentials();
    std::env::set_var("SEAM_API_KEY", fake.seed("seam_apikey1_token"));
    let devices = api_key::run().await.unwrap();
    assert!(devices
        .iter()
        .any(|d| d.device_id == fake.seed("august_device_1")));

    clear_credentials();
    std::env::set_var("SEAM_CLIENT_SESSION_TOKEN", fake.seed("seam_cst1_token"));
    let (session, devices) = client_session_token::run().await.unwrap();
    assert_eq!(session.token, fake.seed("seam_cst1_token"));
    assert!(!devices.is_empty());

    clear_credentials();
    std::env::set_var("SEAM_PUBLISHABLE_KEY", fake.seed("seam_pk1_token"));
    let session = publishable_key::run("jane_doe").await.unwrap();
    assert_eq!(session.user_identifier_key.as_deref(), Some("jane_doe"));

    clear_credentials();
    std::env::set_var("SEAM_PERSONAL_ACCESS_TOKEN", fake.seed("seam_at1_token"));
    std::env::set_var("SEAM_WORKSPACE_ID", fake.seed("seed_workspace_1"));
    let codes = personal_access_token::run(&fake.seed("august_device_1"))
        .await
        .unwrap();
    assert_eq!(codes.len(), 1);
    assert_eq!(codes[0].code.as_deref(), Some("4321"));
}
