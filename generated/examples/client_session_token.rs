//! Authenticates with a client session token, as a front end does for one
//! user, and lists the devices that user may reach.
//!
//! ```sh
//! SEAM_CLIENT_SESSION_TOKEN=seam_cst... cargo run -p seam --example client_session_token
//! ```

use seam::types::{ClientSession, Device};
use seam::{Error, Seam};

#[tokio::main]
async fn main() -> Result<(), Error> {
    let (session, devices) = run().await?;
    println!("signed in as {:?}", session.user_identifier_key);
    for device in devices {
        println!("{}  {}", device.device_id, device.display_name);
    }
    Ok(())
}

pub async fn run() -> Result<(ClientSession, Vec<Device>), Error> {
    let token = std::env::var("SEAM_CLIENT_SESSION_TOKEN")
        .map_err(|_| Error::Config("set SEAM_CLIENT_SESSION_TOKEN".to_string()))?;
    // The endpoint still comes from SEAM_ENDPOINT when set.
    let seam = Seam::builder().client_session_token(token).build()?;
    // With a client session token, `get` needs no ID: it is the caller's own session.
    let session = seam.client_sessions().get().send().await?;
    let devices = seam.devices().list().send().await?;
    Ok((session, devices))
}
