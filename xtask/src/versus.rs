//! `cargo xtask bench --ploidy BIN`: this generator next to ploidy on the
//! same specs. For each spec, both generate a crate (timed once), then
//! `cargo check` of each crate from scratch (dependencies built, `lib.rs`
//! touched, `CARGO_INCREMENTAL=0`) is timed, alternating the two so that
//! the machine's drift falls on both alike. Each generator's crates keep
//! their own target folder, so switching never rebuilds a dependency.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use openapi_clientgen::config::Config;
use openapi_clientgen::targets::{self, Target};

/// One spec's numbers.
struct Row {
    name: String,
    ours_codegen: Duration,
    theirs_codegen: Duration,
    ours_check: Vec<Duration>,
    theirs_check: Vec<Duration>,
}

/// Compares on `specs` (name, path), `runs` checks of each crate.
pub fn run(ploidy: &Path, specs: &[(String, PathBuf)], runs: usize) -> Result<(), String> {
    let work = std::env::temp_dir().join(format!("seam-xtask-versus-{}", std::process::id()));
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let result = compare(&work, ploidy, specs, runs.max(1));
    let _ = std::fs::remove_dir_all(&work);
    let rows = result?;
    println!();
    println!("against ploidy: codegen (one run), then `cargo check` from scratch (median of {runs}, alternating)");
    println!(
        "{:<12} {:>12} {:>12} {:>10} {:>10} {:>10} {:>7}",
        "spec", "codegen", "ploidy", "ratio", "check", "ploidy", "ratio"
    );
    for row in rows {
        let (ours, theirs) = (
            crate::bench::median(&row.ours_check),
            crate::bench::median(&row.theirs_check),
        );
        println!(
            "{:<12} {:>10.2} s {:>10.2} s {:>9.2}× {:>8.2} s {:>8.2} s {:>6.2}×",
            row.name,
            row.ours_codegen.as_secs_f64(),
            row.theirs_codegen.as_secs_f64(),
            ratio(row.ours_codegen, row.theirs_codegen),
            ours.as_secs_f64(),
            theirs.as_secs_f64(),
            ratio(ours, theirs),
        );
    }
    Ok(())
}

/// `cargo check -p package` from scratch, into `target` under `work`.
fn check(work: &Path, package: &str, target: &str) -> Result<(), String> {
    crate::bench::check(work, package, &[], false, Some(&work.join(target)))
}

fn compare(
    work: &Path,
    ploidy: &Path,
    specs: &[(String, PathBuf)],
    runs: usize,
) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    let mut members = Vec::new();
    for (name, spec) in specs {
        let ours = work.join(format!("ours-{name}"));
        let start = Instant::now();
        let target = Target {
            spec: spec.clone(),
            out: ours.clone(),
            config: Config::generic(name),
        };
        let files = targets::generate(&target).map_err(|e| e.to_string())?;
        targets::write(&ours, &files).map_err(|e| e.to_string())?;
        let ours_codegen = start.elapsed();
        let theirs = work.join(format!("ploidy-{name}"));
        let start = Instant::now();
        let output = Command::new(ploidy)
            .args(["generate", "rust"])
            .arg(spec)
            .arg("-o")
            .arg(&theirs)
            .args(["--name", &format!("p{name}")])
            .output()
            .map_err(|e| format!("cannot run {}: {e}", ploidy.display()))?;
        if !output.status.success() {
            return Err(format!(
                "ploidy failed on {}: {}",
                spec.display(),
                String::from_utf8_lossy(&output.stderr).trim()
            ));
        }
        let theirs_codegen = start.elapsed();
        members.push(format!("\"ours-{name}\", \"ploidy-{name}\""));
        rows.push(Row {
            name: name.clone(),
            ours_codegen,
            theirs_codegen,
            ours_check: Vec::new(),
            theirs_check: Vec::new(),
        });
    }
    let manifest = format!(
        "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
        members.join(", ")
    );
    std::fs::write(work.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    for row in &mut rows {
        let sides = [
            (
                format!("ours-{}", row.name),
                row.name.clone(),
                "target-ours",
            ),
            (
                format!("ploidy-{}", row.name),
                format!("p{}", row.name),
                "target-ploidy",
            ),
        ];
        // Dependencies first, untimed.
        for (_, package, target) in &sides {
            check(work, package, target)?;
        }
        for _ in 0..runs {
            for (index, (dir, package, target)) in sides.iter().enumerate() {
                crate::bench::touch(&work.join(dir).join("src/lib.rs"))?;
                let start = Instant::now();
                check(work, package, target)?;
                match index {
                    0 => row.ours_check.push(start.elapsed()),
                    _ => row.theirs_check.push(start.elapsed()),
                }
            }
        }
    }
    Ok(rows)
}

fn ratio(ours: Duration, theirs: Duration) -> f64 {
    match theirs.as_secs_f64() {
        t if t > 0.0 => ours.as_secs_f64() / t,
        _ => 0.0,
    }
}

/// A package-name-safe name for a spec file: its stem, lowercased, with
/// anything but letters and digits as `_`.
pub fn spec_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let name: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    match name.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => name,
        _ => format!("spec_{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_names_are_package_names() {
        assert_eq!(spec_name(Path::new("/a/asana.com.json")), "asana_com");
        assert_eq!(spec_name(Path::new("x/3d-api.yaml")), "spec_3d_api");
        assert_eq!(spec_name(Path::new("Twilio.json")), "twilio");
    }

    #[test]
    fn the_median_is_the_middle_run() {
        let secs = |s: &[u64]| {
            s.iter()
                .map(|&s| Duration::from_secs(s))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            crate::bench::median(&secs(&[5, 1, 3])),
            Duration::from_secs(3)
        );
        assert_eq!(crate::bench::median(&[]), Duration::ZERO);
        assert_eq!(ratio(Duration::from_secs(1), Duration::from_secs(4)), 0.25);
    }
}
