//! Signs a user in with a publishable key: the client exchanges the key and
//! the user's identifier for a client session token, then acts as that user.
//!
//! ```sh
//! SEAM_PUBLISHABLE_KEY=seam_pk... cargo run -p seam --example publishable_key -- jane_doe
//! ```

use seam::types::ClientSession;
use seam::{Error, Seam};

#[tokio::main]
async fn main() -> Result<(), Error> {
    let user = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "jane_doe".to_string());
    let session = run(&user).await?;
    println!("client session {} for {user}", session.client_session_id);
    Ok(())
}

pub async fn run(user_identifier_key: &str) -> Result<ClientSession, Error> {
    let publishable_key = std::env::var("SEAM_PUBLISHABLE_KEY")
        .map_err(|_| Error::Config("set SEAM_PUBLISHABLE_KEY".to_string()))?;
    let seam = Seam::from_publishable_key(publishable_key, user_identifier_key).await?;
    seam.client_sessions().get().send().await
}
