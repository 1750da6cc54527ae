//! `cargo xtask bench`: wall-clock numbers for the README — full-spec
//! codegen, and `cargo check` of the generated crate with all default
//! features and with only `client_sessions`. Run it in release
//! (`cargo run --release -p xtask -- bench`) on an otherwise idle machine.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use openapi_clientgen::targets::{self, Target};

pub fn run(root: &Path, runs: usize) -> Result<(), String> {
    if cfg!(debug_assertions) {
        eprintln!("note: xtask is a debug build; use `cargo run --release -p xtask -- bench` for codegen numbers");
    }
    let out = std::env::temp_dir().join(format!("seam-xtask-bench-{}", std::process::id()));
    let seam = targets::default_targets(root)
        .map_err(|e| e.to_string())?
        .into_iter()
        .find(|t| t.config.crate_name == "seam")
        .ok_or("no `seam` target in xtask/targets.toml")?;
    let target = Target {
        out: out.clone(),
        ..seam
    };
    let mut codegen = Vec::new();
    for _ in 0..runs {
        let _ = std::fs::remove_dir_all(&out);
        let start = Instant::now();
        let files = targets::generate(&target).map_err(|e| e.to_string())?;
        targets::write(&out, &files).map_err(|e| e.to_string())?;
        codegen.push(start.elapsed());
    }
    let _ = std::fs::remove_dir_all(&out);
    report("codegen, full spec (load → write)", &codegen);

    let checks: [(&str, &[&str]); 3] = [
        ("cargo check, default features (every route group)", &[]),
        (
            "cargo check, only client_sessions",
            &["--no-default-features", "--features", "client_sessions"],
        ),
        (
            "cargo check, all features (+ undocumented, draft)",
            &["--all-features"],
        ),
    ];
    for (label, args) in checks {
        // Dependencies, once.
        cargo(root, &["check", "--quiet", "-p", "seam"], args, true)?;
        // From scratch: the whole crate checked again without incremental
        // compilation, dependencies kept. (Touching a file rather than
        // `cargo clean -p seam`, which also removes the artifacts of the
        // `tracing` dependency, named like the crate's feature, and so
        // times rebuilding it and what depends on it.)
        let mut scratch = Vec::new();
        // Incremental: only the file's timestamp changed.
        let mut recheck = Vec::new();
        for _ in 0..runs.min(3) {
            touch(&root.join("generated/src/lib.rs"))?;
            let start = Instant::now();
            cargo(root, &["check", "--quiet", "-p", "seam"], args, false)?;
            scratch.push(start.elapsed());
            cargo(root, &["check", "--quiet", "-p", "seam"], args, true)?;
            touch(&root.join("generated/src/lib.rs"))?;
            let start = Instant::now();
            cargo(root, &["check", "--quiet", "-p", "seam"], args, true)?;
            recheck.push(start.elapsed());
        }
        report(&format!("{label}, from scratch"), &scratch);
        report(&format!("{label}, incremental re-check"), &recheck);
    }
    Ok(())
}

/// Runs cargo; `incremental: false` turns incremental compilation off, as
/// for a first build of the crate.
fn cargo(root: &Path, command: &[&str], args: &[&str], incremental: bool) -> Result<(), String> {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    if !incremental {
        cmd.env("CARGO_INCREMENTAL", "0");
    }
    let status = cmd
        .args(command)
        .args(args)
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| format!("cargo check {args:?} failed"))
}

/// Marks a file changed so cargo rechecks its crate.
fn touch(path: &Path) -> Result<(), String> {
    let file = std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    file.set_modified(std::time::SystemTime::now())
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn report(label: &str, times: &[Duration]) {
    let mut sorted = times.to_vec();
    sorted.sort();
    let median = sorted.get(sorted.len() / 2).copied().unwrap_or_default();
    let min = sorted.first().copied().unwrap_or_default();
    println!(
        "{label}: median {:.2} s, fastest {:.2} s ({} runs)",
        median.as_secs_f64(),
        min.as_secs_f64(),
        times.len()
    );
}
