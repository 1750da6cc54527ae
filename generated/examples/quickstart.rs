use std::time::{Duration, SystemTime};

use seam::Seam;

#[tokio::main]
async fn main() -> Result<(), seam::Error> {
    // Reads SEAM_API_KEY (and SEAM_ENDPOINT, if set).
    let seam = Seam::from_env()?;

    let client_session = seam
        .client_sessions()
        .create()
        .customer_key("My Company")
        .user_identifier_key("jane_doe")
        .expires_at(SystemTime::now() + Duration::from_secs(24 * 60 * 60))
        .send()
        .await?;

    println!("token: {}", client_session.token);
    Ok(())
}
