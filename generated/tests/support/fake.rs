//! Runs Seam's fake server (`@seamapi/fake-seam-connect`, installed by
//! `npm ci` at the workspace root) on a free loopback port for one test.
//!
//! [`FakeSeam::start`] spawns `fake-seam-connect --seed`, waits for
//! `GET /health` and reads `GET /_fake/default_seed`. The process is killed
//! when the `FakeSeam` is dropped, also when the test panics.
//!
//! Without node the tests are skipped with a message, unless `CI` is set:
//! there they must run, so a missing node or package fails the test.

// Each test binary uses only part of the harness.
#![allow(dead_code)]

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// A running fake server and its seed.
pub struct FakeSeam {
    child: Child,
    /// Base URL, such as `http://127.0.0.1:40123`.
    pub endpoint: String,
    /// `GET /_fake/default_seed`: names of the seeded objects and credentials.
    pub seed: Value,
    http: reqwest::Client,
}

impl FakeSeam {
    /// Starts a fresh server, or returns `None` (after saying why) when node
    /// is missing outside CI.
    pub async fn start() -> Option<FakeSeam> {
        let Some(node) = find_node() else {
            assert!(
                std::env::var_os("CI").is_none(),
                "node is required in CI to run the fake Seam server"
            );
            eprintln!(
                "\n*** SKIPPED: node is not installed, so the end-to-end tests against \
                 the fake Seam server did not run. Install Node.js and run `npm ci` \
                 at the workspace root. ***\n"
            );
            return None;
        };
        let script = fake_server_script();
        assert!(
            script.exists(),
            "{} is missing: run `npm ci` at the workspace root",
            script.display()
        );
        let port = free_port();
        let child = Command::new(node)
            .arg(&script)
            .arg("--seed")
            .env("PORT", port.to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn the fake Seam server");
        let mut fake = FakeSeam {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
            seed: Value::Null,
            http: reqwest::Client::new(),
        };
        fake.wait_until_healthy().await;
        fake.seed = fake.get("/_fake/default_seed").await;
        Some(fake)
    }

    async fn wait_until_healthy(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the fake server") {
                panic!("the fake Seam server exited early: {status}");
            }
            let health = self
                .http
                .get(format!("{}/health", self.endpoint))
                .send()
                .await;
            if matches!(&health, Ok(r) if r.status().is_success()) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the fake Seam server did not become healthy within 30 s"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// A seeded value by name, such as `seam_apikey1_token`.
    pub fn seed(&self, name: &str) -> String {
        match self.seed.get(name).and_then(Value::as_str) {
            Some(value) => value.to_string(),
            None => panic!("the fake's seed has no `{name}`: {}", self.seed),
        }
    }

    pub async fn get(&self, path: &str) -> Value {
        let response = self
            .http
            .get(format!("{}{path}", self.endpoint))
            .send()
            .await
            .expect("GET from the fake server");
        response.json().await.expect("a JSON body")
    }

    /// A `POST` to one of the fake's own control routes (`/_fake/...`).
    pub async fn control(&self, path: &str, body: Value) -> Value {
        let response = self
            .http
            .post(format!("{}{path}", self.endpoint))
            .json(&body)
            .send()
            .await
            .expect("POST to the fake server");
        assert!(
            response.status().is_success(),
            "{path}: {}",
            response.status()
        );
        response.json().await.expect("a JSON body")
    }

    /// Makes every listed route answer 503 for the workspace.
    pub async fn simulate_outage(&self, workspace_id: &str, routes: &[&str]) {
        self.control(
            "/_fake/simulate_workspace_outage",
            serde_json::json!({ "workspace_id": workspace_id, "routes": routes }),
        )
        .await;
    }
}

impl Drop for FakeSeam {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn find_node() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("node"))
        .find(|candidate| candidate.is_file())
}

/// The package's entry point under the workspace's `node_modules`.
fn fake_server_script() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    root.join("../node_modules/@seamapi/fake-seam-connect/dist/server.js")
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    listener.local_addr().expect("local address").port()
}
