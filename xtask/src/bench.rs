//! `cargo xtask bench`: wall-clock numbers for the README — codegen of
//! Seam's spec, GitHub's and Figma's, and of synthetic specs of growing
//! size full of references, each phase timed; and `cargo check` of the
//! generated crate with all default features and with only
//! `client_sessions` (`--codegen-only` leaves that out). Run it in release
//! (`cargo run --release -p xtask -- bench`) on an otherwise idle machine.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use openapi_clientgen::config::Config;
use openapi_clientgen::targets::{self, Target};

use crate::synthetic;

/// What to compare with ploidy: its binary, and specs beside GitHub's and
/// Figma's.
pub struct Versus {
    pub ploidy: PathBuf,
    pub specs: Vec<PathBuf>,
}

pub fn run(
    root: &Path,
    runs: usize,
    codegen_only: bool,
    versus: Option<Versus>,
) -> Result<(), String> {
    let runs = runs.max(1);
    if cfg!(debug_assertions) {
        eprintln!("note: xtask is a debug build; use `cargo run --release -p xtask -- bench` for codegen numbers");
    }
    let out = std::env::temp_dir().join(format!("seam-xtask-bench-{}", std::process::id()));
    let seam = targets::default_targets(root)
        .map_err(|e| e.to_string())?
        .into_iter()
        .find(|t| t.config.crate_name == "seam")
        .ok_or("no `seam` target in xtask/targets.toml")?;
    let mut specs = vec![("Seam".to_string(), seam.spec.clone(), seam.config.clone())];
    let modules = root.join("node_modules");
    // The public specs, which `--ploidy` compares on too.
    let mut specs_beside: Vec<(String, PathBuf)> = Vec::new();
    for (name, path) in [
        ("GitHub", "@octokit/openapi/generated/api.github.com.json"),
        ("Figma", "@figma/rest-api-spec/openapi/openapi.yaml"),
    ] {
        let path = modules.join(path);
        match path.is_file() {
            true => {
                specs_beside.push((name.to_string(), path.clone()));
                specs.push((
                    name.to_string(),
                    path,
                    Config::generic(&name.to_lowercase()),
                ))
            }
            false => eprintln!(
                "note: {} is not installed (`npm ci`): {name} is left out",
                path.display()
            ),
        }
    }
    // Codegen time against spec size, on specs full of references.
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    for things in [425, 850, 1700] {
        let path = out.join(format!("things-{things}.json"));
        std::fs::write(&path, synthetic::spec(things))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        specs.push((
            format!("{things} schemas of references"),
            path,
            Config::generic("things"),
        ));
    }
    println!(
        "codegen, median of {runs} runs (build and format are summed over the threads they share)"
    );
    println!(
        "{:<28} {:>8} {:>8} {:>7} {:>7} {:>8} {:>7} {:>7} {:>9} {:>7}",
        "spec",
        "size",
        "total",
        "parse",
        "lower",
        "prepare",
        "build",
        "format",
        "parallel",
        "write"
    );
    for (name, spec, config) in specs {
        let size = std::fs::metadata(&spec).map(|m| m.len()).unwrap_or(0);
        let target = Target {
            spec,
            out: out.join("crate"),
            config,
        };
        let mut rows = Vec::new();
        for _ in 0..runs {
            let _ = std::fs::remove_dir_all(&target.out);
            let start = Instant::now();
            let (files, phases) = targets::generate_timed(&target).map_err(|e| e.to_string())?;
            let written = Instant::now();
            targets::write(&target.out, &files).map_err(|e| e.to_string())?;
            let write = written.elapsed();
            drop(files);
            rows.push((start.elapsed(), phases, write));
        }
        rows.sort_by_key(|(total, _, _)| *total);
        let (total, phases, write) = rows[rows.len() / 2];
        let ms = |d: Duration| format!("{:.0}", d.as_secs_f64() * 1000.0);
        println!(
            "{:<28} {:>6.1}MB {:>6}ms {:>7} {:>7} {:>8} {:>7} {:>7} {:>9} {:>7}",
            name,
            size as f64 / 1e6,
            ms(total),
            ms(phases.parse),
            ms(phases.lower),
            ms(phases.emit.prepare),
            ms(phases.emit.build),
            ms(phases.emit.format),
            ms(phases.emit.parallel),
            ms(write),
        );
    }
    let _ = std::fs::remove_dir_all(&out);
    if let Some(versus) = versus {
        let mut compared: Vec<(String, PathBuf)> = specs_beside
            .into_iter()
            .map(|(name, path)| (name.to_lowercase(), path))
            .collect();
        compared.extend(
            versus
                .specs
                .iter()
                .map(|path| (crate::versus::spec_name(path), path.clone())),
        );
        crate::versus::run(&versus.ploidy, &compared, runs.min(3))?;
    }
    if codegen_only {
        return Ok(());
    }

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
        check(root, "seam", args, true, None)?;
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
            check(root, "seam", args, false, None)?;
            scratch.push(start.elapsed());
            check(root, "seam", args, true, None)?;
            touch(&root.join("generated/src/lib.rs"))?;
            let start = Instant::now();
            check(root, "seam", args, true, None)?;
            recheck.push(start.elapsed());
        }
        report(&format!("{label}, from scratch"), &scratch);
        report(&format!("{label}, incremental re-check"), &recheck);
    }
    Ok(())
}

/// `cargo check -p package` with `args`, in `dir`; `incremental: false`
/// turns incremental compilation off, as for a first build of the crate;
/// `target` is the target folder, when not the workspace's.
pub(crate) fn check(
    dir: &Path,
    package: &str,
    args: &[&str],
    incremental: bool,
    target: Option<&Path>,
) -> Result<(), String> {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    if !incremental {
        cmd.env("CARGO_INCREMENTAL", "0");
    }
    if let Some(target) = target {
        cmd.env("CARGO_TARGET_DIR", target);
    }
    let status = cmd
        .args(["check", "--quiet", "-p", package])
        .args(args)
        .current_dir(dir)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| format!("cargo check -p {package} {args:?} failed"))
}

/// Marks a file changed so cargo rechecks its crate.
pub(crate) fn touch(path: &Path) -> Result<(), String> {
    let file = std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    file.set_modified(std::time::SystemTime::now())
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// The middle of `times` once sorted (zero for none).
pub(crate) fn median(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    sorted.get(sorted.len() / 2).copied().unwrap_or_default()
}

fn report(label: &str, times: &[Duration]) {
    let min = times.iter().min().copied().unwrap_or_default();
    let median = median(times);
    println!(
        "{label}: median {:.2} s, fastest {:.2} s ({} runs)",
        median.as_secs_f64(),
        min.as_secs_f64(),
        times.len()
    );
}
