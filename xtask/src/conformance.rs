//! `cargo xtask conformance [FILTER]`: calls every operation of every
//! corpus spec's client once against Stoplight's Prism, which serves the
//! same spec as a mock and validates each request against it (path, query
//! styles, headers, cookies, security, body schema and media type). Each
//! operation either conforms (request accepted, response decoded), or its
//! request was rejected, its response did not decode, or no arguments
//! could be built for it. `xtask/conformance.toml` lists the operations
//! expected not to conform, with the reason; the command fails when that
//! list stops being true.
//!
//! The clients are generated into `target/conformance/`, with one program
//! (`conform`) that holds a module per spec and is built once; it is run
//! once per spec against a Prism started on a free loopback port.

mod bodies;
mod program;

use std::collections::BTreeMap;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use openapi_clientgen::config::{Config, Target};
use openapi_clientgen::targets;

use crate::corpus;
use bodies::Bodies;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Expectations {
    /// Specs with more operations than this are sampled: every
    /// `sample_every`-th operation is called (CI's time is bounded).
    large: usize,
    sample_every: usize,
    /// `spec-key METHOD /path` → why it does not conform.
    expected_failures: BTreeMap<String, String>,
    /// `spec-key METHOD /path` → why it conforms in some runs and not in
    /// others (Prism builds some responses at random): reported, not
    /// judged.
    #[serde(default)]
    varies: BTreeMap<String, String>,
}

pub struct Options<'a> {
    pub only: Option<&'a str>,
    pub spec: Option<&'a Path>,
    pub json: bool,
}

/// What calling one operation gave.
#[derive(serde::Deserialize, serde::Serialize, Clone)]
struct Outcome {
    operation: String,
    /// `conforms`, `rejected`, `undecodable`, `unbuildable`, `failed` or `skipped`.
    outcome: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    detail: String,
}

pub fn run(root: &Path, options: Options<'_>) -> Result<(), String> {
    let modules = root.join("node_modules");
    let prism = modules.join(".bin/prism");
    if !prism.is_file() {
        return Err("Prism is not installed: run `npm ci` first".into());
    }
    let file = root.join("xtask/conformance.toml");
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut expectations: Expectations =
        toml::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;

    let specs: Vec<(String, PathBuf)> = match options.spec {
        Some(spec) => vec![(spec.display().to_string(), spec.to_path_buf())],
        None => corpus::specs(&modules)?
            .into_iter()
            .map(|spec| (corpus::key_of(&modules, &spec), spec))
            .filter(|(key, _)| options.only.is_none_or(|only| key.contains(only)))
            .collect(),
    };
    let out = root.join("target/conformance");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(out.join("conform/src")).map_err(|e| e.to_string())?;

    // Generate each client and its module of calls.
    let mut crates: Vec<(String, String, PathBuf)> = Vec::new();
    let mut refused = Vec::new();
    let mut coverage = program::Coverage::new();
    for (key, spec) in &specs {
        let name = corpus::crate_name(key);
        let target = Target {
            spec: spec.clone(),
            out: out.join(&name),
            config: Config::generic(&name),
        };
        let generated = targets::generate(&target)
            .and_then(|files| targets::write(&target.out, &files))
            .and_then(|()| openapi_clientgen::lower_file(spec, &target.config));
        let api = match generated {
            Ok(api) => api,
            Err(e) => {
                refused.push(format!(
                    "{key}: {}",
                    e.to_string().lines().next().unwrap_or_default()
                ));
                continue;
            }
        };
        let count = api.operations.len();
        let every = match count > expectations.large {
            true => expectations.sample_every.max(1),
            false => 1,
        };
        let krate = name.replace('-', "_");
        let bodies = openapi_clientgen::load::load(spec)
            .ok()
            .and_then(|spec| Bodies::new(&spec));
        let (source, sent) =
            program::module(&api, &krate, bodies.as_ref(), |index| index % every == 0);
        for (kind, count) in sent {
            *coverage.entry(kind).or_default() += count;
        }
        std::fs::write(out.join(format!("conform/src/{krate}.rs")), source)
            .map_err(|e| e.to_string())?;
        if count == 0 {
            continue;
        }
        crates.push((key.clone(), name, spec.clone()));
    }
    if !refused.is_empty() {
        return Err(format!(
            "specs did not generate:\n  {}",
            refused.join("\n  ")
        ));
    }
    write_program(&out, &crates)?;
    build(root, &out)?;

    // Call each spec's operations against Prism serving that spec.
    let binary = root.join("target/debug/conform");
    let mut outcomes: BTreeMap<String, Vec<Outcome>> = BTreeMap::new();
    for (key, name, spec) in &crates {
        let found =
            against_prism(&prism, spec, &binary, &name.replace('-', "_")).unwrap_or_else(|e| {
                vec![Outcome {
                    operation: "the run".into(),
                    outcome: "failed".into(),
                    detail: e,
                }]
            });
        outcomes.insert(key.clone(), found);
    }
    if options.only.is_some() || options.spec.is_some() {
        expectations
            .expected_failures
            .retain(|listed, _| outcomes.keys().any(|key| listed.starts_with(key.as_str())));
        expectations
            .varies
            .retain(|listed, _| outcomes.keys().any(|key| listed.starts_with(key.as_str())));
    }
    report(&outcomes, &coverage, &expectations, options.json)
}

/// The `conform` crate: a module per spec, and `main` that runs one.
fn write_program(out: &Path, crates: &[(String, String, PathBuf)]) -> Result<(), String> {
    let mut members: Vec<String> = crates
        .iter()
        .map(|(_, name, _)| format!("{name:?}"))
        .collect();
    members.push("\"conform\"".into());
    let workspace = format!(
        "# Written by `cargo xtask conformance`.\n[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
        members.join(", ")
    );
    std::fs::write(out.join("Cargo.toml"), workspace).map_err(|e| e.to_string())?;
    let deps: String = crates
        .iter()
        .map(|(_, name, _)| format!("{name} = {{ path = \"../{name}\" }}\n"))
        .collect();
    let manifest = format!(
        "[package]\nname = \"conform\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nserde = \"1\"\nserde_json = \"1\"\ntokio = {{ version = \"1\", features = [\"macros\", \"rt-multi-thread\", \"fs\"] }}\n{deps}"
    );
    std::fs::write(out.join("conform/Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    let mut main = String::from(MAIN);
    let mut arms = String::new();
    for (_, name, _) in crates {
        let krate = name.replace('-', "_");
        main.push_str(&format!("mod {krate};\n"));
        main.push_str(&format!("{}\n", outcome_fn(&krate)));
        arms.push_str(&format!(
            "        {krate:?} => {krate}::run(&endpoint, from).await,\n"
        ));
    }
    main.push_str(&format!(
        "\n#[tokio::main]\nasync fn main() {{\n    let mut args = std::env::args().skip(1);\n    let (Some(spec), Some(endpoint)) = (args.next(), args.next()) else {{\n        eprintln!(\"usage: conform SPEC ENDPOINT [FROM]\");\n        std::process::exit(2);\n    }};\n    let from: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(0);\n    let outcomes = match spec.as_str() {{\n{arms}        other => {{\n            eprintln!(\"no spec {{other}}\");\n            std::process::exit(2);\n        }}\n    }};\n    for (operation, outcome) in outcomes {{\n        println!(\"{{}}\", outcome.json(operation));\n    }}\n}}\n"
    ));
    std::fs::write(out.join("conform/src/main.rs"), main).map_err(|e| e.to_string())
}

/// What the program holds whatever the specs.
const MAIN: &str = r#"//! Written by `cargo xtask conformance`: calls every operation of each
//! client once and prints how each went, one JSON object a line.
#![allow(dead_code)]

/// A file holding a few bytes, to stream as an upload body.
pub fn upload() -> tokio::fs::File {
    let path = std::env::temp_dir().join(format!("conform-upload-{}", std::process::id()));
    std::fs::write(&path, b"conformance").expect("a temporary file can be written");
    tokio::fs::File::from_std(std::fs::File::open(&path).expect("the temporary file opens"))
}

pub enum Outcome {
    Conforms,
    Rejected(String),
    Undecodable(String),
    Unbuildable(String),
    Failed(String),
    Skipped(String),
}

impl Outcome {
    pub fn unbuildable(e: tokio::task::JoinError) -> Outcome {
        let why = match e.try_into_panic() {
            Ok(panic) => panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default(),
            Err(e) => e.to_string(),
        };
        Outcome::Unbuildable(why)
    }

    pub fn skipped(why: &str) -> Outcome {
        Outcome::Skipped(why.to_string())
    }

    fn json(&self, operation: &str) -> String {
        let (outcome, detail) = match self {
            Outcome::Conforms => ("conforms", ""),
            Outcome::Rejected(d) => ("rejected", d.as_str()),
            Outcome::Undecodable(d) => ("undecodable", d.as_str()),
            Outcome::Unbuildable(d) => ("unbuildable", d.as_str()),
            Outcome::Failed(d) => ("failed", d.as_str()),
            Outcome::Skipped(d) => ("skipped", d.as_str()),
        };
        let detail: String = detail.chars().take(600).collect();
        serde_json::json!({"operation": operation, "outcome": outcome, "detail": detail}).to_string()
    }
}

/// What Prism objected to, when `body` is one of its own problems.
pub fn prism_problem(status: u16, body: &str) -> Option<String> {
    // Prism accepted the request but the spec gives it no response to send.
    if !body.contains("stoplight.io/prism/errors#") || body.contains("errors#NO_RESPONSE") {
        return None;
    }
    let json: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
    let mut out = format!("{status} {}", json["title"].as_str().unwrap_or("Prism rejected the request"));
    if let Some(problems) = json["validation"].as_array() {
        for problem in problems {
            let location: Vec<String> = problem["location"]
                .as_array()
                .map(|l| l.iter().map(|p| p.as_str().map(str::to_string).unwrap_or_else(|| p.to_string())).collect())
                .unwrap_or_default();
            out.push_str(&format!("; {}: {}", location.join("."), problem["message"].as_str().unwrap_or("")));
        }
    }
    Some(out)
}

/// A parameter's value, decoded from JSON into the type the call takes.
pub fn v<T: serde::de::DeserializeOwned>(json: &str) -> T {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("argument {json}: {e}"))
}

"#;

/// The `outcome` function of one client's module: its `Error` read into
/// an `Outcome`. A response the spec declares (an error status included)
/// means the request was accepted; Prism's own problem responses
/// (`https://stoplight.io/prism/errors#…`) mean it was not.
fn outcome_fn(krate: &str) -> String {
    format!(
        r#"mod {krate}_outcome {{
    use crate::{{prism_problem, Outcome}};
    pub fn outcome<T>(result: Result<T, {krate}::Error>) -> Outcome {{
        match result {{
            Ok(_) => Outcome::Conforms,
            Err({krate}::Error::Validation(e)) => Outcome::Unbuildable(e.to_string()),
            Err({krate}::Error::Decode(e)) => Outcome::Undecodable(format!("{{}}: {{}}", e.path, e.message)),
            Err({krate}::Error::Api(e)) | Err({krate}::Error::Unauthorized(e)) => match prism_problem(e.status, &e.body) {{
                Some(problem) => Outcome::Rejected(problem),
                None => Outcome::Conforms,
            }},
            Err(e) => match (e.status(), prism_problem(0, &format!("{{e:?}}"))) {{
                (Some(status), Some(_)) => Outcome::Rejected(format!("{{status}} {{e}}")),
                (Some(_), None) => Outcome::Conforms,
                (None, _) => Outcome::Failed(e.to_string()),
            }},
        }}
    }}
}}"#
    )
}

fn build(root: &Path, out: &Path) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["build", "-q", "-p", "conform", "--message-format", "short"])
        .env("CARGO_TARGET_DIR", root.join("target"))
        .current_dir(out)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first: Vec<&str> = stderr
            .lines()
            .filter(|l| l.contains("error"))
            .take(20)
            .collect();
        return Err(format!(
            "the conformance program did not build:\n{}",
            first.join("\n")
        ));
    }
    Ok(())
}

/// Stops Prism however the run ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

/// Runs the module of `krate` against Prism serving `spec`. Prism has
/// bugs that end its process on some valid requests (a matrix-style
/// array in a path); the request that did is reported as such, and the
/// rest run against a new Prism.
fn against_prism(
    prism: &Path,
    spec: &Path,
    binary: &Path,
    krate: &str,
) -> Result<Vec<Outcome>, String> {
    let mut outcomes: Vec<Outcome> = Vec::new();
    loop {
        let (mut server, port) = start_prism(prism, spec)?;
        let found = run_program(binary, krate, port, outcomes.len())?;
        let crashed = matches!(server.0.try_wait(), Ok(Some(_)));
        drop(server);
        let first_lost = found
            .iter()
            .position(|o| o.outcome == "failed" && o.detail.contains("error sending request"));
        match (crashed, first_lost) {
            (true, Some(at)) => {
                let mut lost = found[at].clone();
                lost.detail = "Prism's process ended on this request".into();
                outcomes.extend(found.into_iter().take(at));
                outcomes.push(lost);
            }
            _ => {
                outcomes.extend(found);
                return Ok(outcomes);
            }
        }
    }
}

fn start_prism(prism: &Path, spec: &Path) -> Result<(Server, u16), String> {
    let port = free_port()?;
    let child = Command::new(prism)
        .args([
            "mock",
            "--errors",
            "-h",
            "127.0.0.1",
            "-p",
            &port.to_string(),
        ])
        .arg(spec)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start Prism: {e}"))?;
    let mut server = Server(child);
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = server.0.try_wait() {
            return Err(format!("Prism exited ({status}) before serving"));
        }
        if started.elapsed() > Duration::from_secs(120) {
            return Err("Prism did not start within 2 minutes".into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok((server, port))
}

/// The outcomes of the operations from the `from`-th on.
fn run_program(binary: &Path, krate: &str, port: u16, from: usize) -> Result<Vec<Outcome>, String> {
    let output = Command::new(binary)
        .args([
            krate,
            &format!("http://127.0.0.1:{port}"),
            &from.to_string(),
        ])
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run the conformance program: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "the conformance program failed ({})",
            output.status
        ));
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).map_err(|e| format!("{line}: {e}")))
        .collect()
}

fn report(
    outcomes: &BTreeMap<String, Vec<Outcome>>,
    coverage: &program::Coverage,
    expectations: &Expectations,
    json: bool,
) -> Result<(), String> {
    let mut surprises = Vec::new();
    let (mut conforming, mut called) = (0, 0);
    let mut seen = std::collections::BTreeSet::new();
    for (key, found) in outcomes {
        let ok = found.iter().filter(|o| o.outcome == "conforms").count();
        conforming += ok;
        called += found.len();
        if !json {
            println!("{ok:>5} of {:<5} conform  {key}", found.len());
        }
        for outcome in found {
            let id = format!("{key} {}", outcome.operation);
            let expected = expectations.expected_failures.get(&id);
            seen.insert(id.clone());
            let conforms = outcome.outcome == "conforms";
            if !conforms && !json {
                println!(
                    "      {:<12} {}\n                   {}",
                    outcome.outcome, outcome.operation, outcome.detail
                );
            }
            let varies = expectations.varies.contains_key(&id);
            match (conforms, expected) {
                _ if varies => {}
                (false, None) => {
                    surprises.push(format!("{id}: {} ({})", outcome.outcome, outcome.detail))
                }
                (true, Some(_)) => surprises.push(format!(
                    "{id}: conforms now; remove it from xtask/conformance.toml"
                )),
                _ => {}
            }
        }
    }
    let listed = expectations
        .expected_failures
        .keys()
        .chain(expectations.varies.keys());
    for listed in listed {
        if !seen.contains(listed) {
            surprises.push(format!(
                "{listed}: listed in xtask/conformance.toml but not called"
            ));
        }
    }
    if json {
        let value = serde_json::json!({
            "specs": outcomes,
            "sent": coverage,
            "conforming": conforming,
            "called": called,
        });
        println!("{value}");
    }
    if !json {
        let sent: Vec<String> = coverage
            .iter()
            .map(|(kind, count)| format!("{kind} ({count})"))
            .collect();
        println!("the calls sent: {}", sent.join("; "));
    }
    println!("{conforming}/{called} operations conform");
    match surprises.is_empty() {
        true => Ok(()),
        false => Err(format!(
            "conformance changed:\n  {}",
            surprises.join("\n  ")
        )),
    }
}
