//! `cargo xtask corpus`: generates a client from every public spec of the
//! pinned npm packages (`npm ci` installs them) and checks that each
//! compiles without warnings. `xtask/corpus.toml` lists the documents
//! expected to fail, with the reason; the command fails when a document
//! fails unexpectedly, or when one expected to fail now works (so the list
//! stays true).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use openapi_clientgen::config::{Config, Target};
use openapi_clientgen::targets;

/// Folders (under `node_modules`) whose `.json`/`.yaml` files are specs,
/// and single spec files; `../` ones are the project's own.
const SOURCES: &[&str] = &[
    "@readme/oas-examples/2.0/json",
    "@readme/oas-examples/3.0/json",
    "@readme/oas-examples/3.1/json",
    "@octokit/openapi/generated/api.github.com.json",
    "@figma/rest-api-spec/openapi/openapi.yaml",
    // A spec in several files, with a cycle across them.
    "../generator/tests/fixtures/multi_file/openapi.yaml",
];

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Expectations {
    /// Spec path (under `node_modules`) → why it is expected to fail.
    expected_failures: BTreeMap<String, String>,
}

/// How one document fared.
enum Outcome {
    Compiled,
    Refused(String),
    DoesNotCompile(String),
}

pub fn run(root: &Path, only: Option<&str>) -> Result<(), String> {
    let modules = root.join("node_modules");
    if !modules.join("@readme/oas-examples").is_dir() {
        return Err("the corpus is not installed: run `npm ci` first".into());
    }
    let expectations_file = root.join("xtask/corpus.toml");
    let text = std::fs::read_to_string(&expectations_file)
        .map_err(|e| format!("{}: {e}", expectations_file.display()))?;
    let mut expectations: Expectations =
        toml::from_str(&text).map_err(|e| format!("{}: {e}", expectations_file.display()))?;

    let out = root.join("target/corpus");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut outcomes: BTreeMap<String, Outcome> = BTreeMap::new();
    let mut crates: BTreeMap<String, String> = BTreeMap::new();
    for spec in specs(&modules)? {
        let key = key_of(&modules, &spec);
        if only.is_some_and(|only| !key.contains(only)) {
            continue;
        }
        let name = crate_name(&key);
        let target = Target {
            spec: spec.clone(),
            out: out.join(&name),
            config: Config::generic(&name),
        };
        match targets::generate(&target).and_then(|files| targets::write(&target.out, &files)) {
            Ok(()) => {
                crates.insert(name, key.clone());
                outcomes.insert(key, Outcome::Compiled);
            }
            Err(e) => {
                let first = e.to_string().lines().next().unwrap_or_default().to_string();
                outcomes.insert(key, Outcome::Refused(first));
            }
        }
    }
    for (name, problem) in check(root, &out, &crates)? {
        if let Some(key) = crates.get(&name) {
            outcomes.insert(key.clone(), Outcome::DoesNotCompile(problem));
        }
    }
    if let Some(only) = only {
        expectations
            .expected_failures
            .retain(|key, _| key.contains(only));
    }
    report(&outcomes, &expectations)
}

/// A spec's path under `node_modules` (or the project's, for its own), as
/// `xtask/corpus.toml` names it.
pub(crate) fn key_of(modules: &Path, spec: &Path) -> String {
    let inner = spec.strip_prefix(modules).unwrap_or(spec);
    let inner = inner.strip_prefix("..").unwrap_or(inner);
    inner.to_string_lossy().replace('\\', "/")
}

/// Every spec file of the sources, sorted.
pub(crate) fn specs(modules: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    for source in SOURCES {
        let path = modules.join(source);
        if path.is_file() {
            found.push(path);
            continue;
        }
        let entries = std::fs::read_dir(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        for entry in entries.flatten() {
            let file = entry.path();
            let ext = file.extension().and_then(|e| e.to_str());
            if matches!(ext, Some("json" | "yaml" | "yml")) {
                found.push(file);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// `corpus-3-0-petstore` for `@readme/oas-examples/3.0/json/petstore.json`.
pub(crate) fn crate_name(key: &str) -> String {
    let short = key
        .trim_start_matches("@readme/oas-examples/")
        .trim_end_matches(".json")
        .trim_end_matches(".yaml")
        .replace("/json/", "-");
    let name: String = short
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("corpus-{}", name.trim_matches('-'))
}

/// Checks the generated crates as one workspace (sharing the project's
/// `target/`); returns the crates that failed, with the first problem.
fn check(
    root: &Path,
    out: &Path,
    crates: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>, String> {
    let members: Vec<String> = crates.keys().map(|c| format!("{c:?}")).collect();
    let manifest = format!(
        "# Written by `cargo xtask corpus`.\n[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
        members.join(", ")
    );
    std::fs::write(out.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "check",
            "--workspace",
            "--keep-going",
            "--message-format",
            "short",
        ])
        .env("CARGO_TARGET_DIR", root.join("target"))
        .current_dir(out)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut failed = BTreeMap::new();
    for line in stderr.lines() {
        // `corpus-x/src/lib.rs:1:2: error: …` or `…: warning: …`.
        let Some((file, rest)) = line.split_once(": ") else {
            continue;
        };
        let is_problem = rest.starts_with("error") || rest.starts_with("warning");
        if let (true, Some(name)) = (is_problem, file.split('/').next()) {
            if crates.contains_key(name) {
                failed
                    .entry(name.to_string())
                    .or_insert_with(|| line.to_string());
            }
        }
        // `error: could not compile `corpus-x` (lib) …`
        if let Some(name) = line
            .strip_prefix("error: could not compile `")
            .and_then(|rest| rest.split('`').next())
        {
            failed
                .entry(name.to_string())
                .or_insert_with(|| line.to_string());
        }
    }
    if !output.status.success() && failed.is_empty() {
        return Err(format!("cargo check failed:\n{stderr}"));
    }
    Ok(failed)
}

fn report(outcomes: &BTreeMap<String, Outcome>, expectations: &Expectations) -> Result<(), String> {
    let mut surprises = Vec::new();
    let (mut compiled, mut failed) = (0, 0);
    for (key, outcome) in outcomes {
        let expected = expectations.expected_failures.get(key);
        let (status, detail) = match outcome {
            Outcome::Compiled => ("compiles", String::new()),
            Outcome::Refused(why) => ("refused", why.clone()),
            Outcome::DoesNotCompile(why) => ("does not compile", why.clone()),
        };
        let ok = matches!(outcome, Outcome::Compiled);
        if ok {
            compiled += 1;
        } else {
            failed += 1;
        }
        println!(
            "{status:>16}  {key}{}",
            if detail.is_empty() {
                String::new()
            } else {
                format!("\n{:>18}{detail}", "")
            }
        );
        match (ok, expected) {
            (false, None) => surprises.push(format!("{key}: {status}, not expected: {detail}")),
            (true, Some(_)) => surprises.push(format!(
                "{key}: compiles now; remove it from xtask/corpus.toml"
            )),
            _ => {}
        }
    }
    for key in expectations.expected_failures.keys() {
        if !outcomes.contains_key(key) {
            surprises.push(format!(
                "{key}: listed in xtask/corpus.toml but not in the corpus"
            ));
        }
    }
    println!(
        "corpus: {compiled} of {} documents generate and compile ({failed} do not)",
        compiled + failed
    );
    if surprises.is_empty() {
        Ok(())
    } else {
        Err(format!("the corpus changed:\n  {}", surprises.join("\n  ")))
    }
}
