//! Authenticates with an API key and lists the workspace's devices.
//!
//! ```sh
//! SEAM_API_KEY=seam_... cargo run -p seam --example api_key
//! ```
//!
//! Set `SEAM_ENDPOINT` to run it against another server, such as the fake
//! one (see the README).

use seam::types::Device;
use seam::Seam;

#[tokio::main]
async fn main() -> Result<(), seam::Error> {
    for device in run().await? {
        println!("{}  {}", device.device_id, device.display_name);
    }
    Ok(())
}

pub async fn run() -> Result<Vec<Device>, seam::Error> {
    // Reads SEAM_API_KEY, and SEAM_ENDPOINT when set.
    let seam = Seam::from_env()?;
    seam.devices().list().send().await
}
