//! Authenticates with a personal access token in one workspace, creates an
//! access code on a device and lists the device's codes.
//!
//! ```sh
//! SEAM_PERSONAL_ACCESS_TOKEN=seam_at... SEAM_WORKSPACE_ID=... \
//!     cargo run -p seam --example personal_access_token -- DEVICE_ID
//! ```

use seam::types::AccessCode;
use seam::{Error, Seam};

#[tokio::main]
async fn main() -> Result<(), Error> {
    let Some(device_id) = std::env::args().nth(1) else {
        return Err(Error::Config("pass a device ID".to_string()));
    };
    for code in run(&device_id).await? {
        println!("{}  {:?}", code.access_code_id, code.code);
    }
    Ok(())
}

pub async fn run(device_id: &str) -> Result<Vec<AccessCode>, Error> {
    // Reads SEAM_PERSONAL_ACCESS_TOKEN and SEAM_WORKSPACE_ID (and
    // SEAM_ENDPOINT when set); a token can reach several workspaces, the
    // workspace ID says which one to act in.
    let seam = Seam::from_env()?;
    seam.access_codes()
        .create(device_id)
        .name("Front door guest")
        .code("4321")
        .send()
        .await?;
    seam.access_codes().list().device_id(device_id).send().await
}
