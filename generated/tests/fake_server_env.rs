//! End-to-end: credentials and endpoint from the environment, against
//! Seam's fake server. One test in its own binary, since it changes the
//! process environment.

#[path = "support/fake.rs"]
mod fake;

use fake::FakeSeam;
use seam::{Error, Seam};

#[tokio::test]
async fn credentials_come_from_the_environment() {
    let Some(fake) = FakeSeam::start().await else {
        return;
    };
    for name in [
        "SEAM_API_KEY",
        "SEAM_PERSONAL_ACCESS_TOKEN",
        "SEAM_WORKSPACE_ID",
    ] {
        std::env::remove_var(name);
    }
    std::env::set_var("SEAM_ENDPOINT", &fake.endpoint);

    std::env::set_var("SEAM_API_KEY", fake.seed("seam_apikey1_token"));
    let seam = Seam::from_env().unwrap();
    assert_eq!(seam.endpoint(), format!("{}/", fake.endpoint));
    assert!(!seam.devices().list().send().await.unwrap().is_empty());

    // Both kinds of credential in the environment: refused, not guessed.
    std::env::set_var("SEAM_PERSONAL_ACCESS_TOKEN", fake.seed("seam_at1_token"));
    let err = Seam::from_env().unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");

    // Explicit credentials win over the environment.
    let explicit = Seam::builder()
        .api_key(fake.seed("seam_apikey1_token"))
        .build()
        .unwrap();
    assert!(!explicit.devices().list().send().await.unwrap().is_empty());

    std::env::remove_var("SEAM_API_KEY");
    std::env::set_var("SEAM_WORKSPACE_ID", fake.seed("seed_workspace_1"));
    let seam = Seam::from_env().unwrap();
    let codes = seam
        .access_codes()
        .list()
        .device_id(fake.seed("august_device_1"))
        .send()
        .await
        .unwrap();
    assert!(codes.is_empty());
}
