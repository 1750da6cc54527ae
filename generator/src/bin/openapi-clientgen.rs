//! `openapi-clientgen generate SPEC -o DIR`: a Rust client crate for any
//! OpenAPI 3.0 or 3.1 document.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use openapi_clientgen::config::Target;
use openapi_clientgen::conventions::Conventions;
use openapi_clientgen::profile::Profile;
use openapi_clientgen::targets;

#[derive(Parser)]
#[command(
    name = "openapi-clientgen",
    version,
    about = "Generates a typed, documented Rust client crate from an OpenAPI document"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate the client crate of SPEC into DIR: its Cargo.toml, README.md
    /// and src/ (anything else there, such as tests/, is left alone).
    Generate(Generate),
}

#[derive(Args)]
struct Generate {
    /// The OpenAPI document (3.0 or 3.1, YAML or JSON).
    spec: PathBuf,
    /// Where the crate goes.
    #[arg(short, long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// The crate's package name (default: what the spec's title calls the
    /// API, else its server's host).
    #[arg(long)]
    name: Option<String>,
    /// The client type's name (default: `Client`).
    #[arg(long)]
    client: Option<String>,
    /// The conventions the spec follows, as a preset: `generic` (OpenAPI
    /// as written) or `seam`.
    #[arg(long, default_value = "generic", conflicts_with = "conventions")]
    profile: Profile,
    /// The conventions the spec follows, as a TOML file (pagination,
    /// polling, an envelope around results, names from extensions, …; see
    /// docs/conventions.md). It may start from a preset (`preset = "seam"`).
    #[arg(long, value_name = "FILE")]
    conventions: Option<PathBuf>,
    /// Write nothing; fail and list the files that are out of date.
    #[arg(long)]
    check: bool,
    /// Print the intermediate model as JSON instead of generating.
    #[arg(long)]
    dump_ir: bool,
    /// Fail, writing nothing, when the generator warns about what the
    /// client does not honour.
    #[arg(long)]
    deny_warnings: bool,
}

fn main() -> ExitCode {
    let Command::Generate(args) = Cli::parse().command;
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Generate) -> Result<(), String> {
    let Generate {
        spec,
        out,
        name,
        client,
        profile,
        conventions,
        check,
        dump_ir,
        deny_warnings,
    } = args;
    let out = match (out, dump_ir) {
        (Some(out), _) => out,
        (None, true) => PathBuf::new(),
        (None, false) => return Err("-o DIR is required (except with --dump-ir)".into()),
    };
    let conventions = match conventions {
        Some(file) => Conventions::from_file(&file).map_err(|e| e.to_string())?,
        None => profile.conventions(),
    };
    let target =
        Target::for_spec(spec, out, name, conventions, client).map_err(|e| e.to_string())?;
    if dump_ir {
        let api = openapi_clientgen::lower_file(&target.spec, &target.config)
            .map_err(|e| e.to_string())?;
        let json = serde_json::to_string_pretty(&api).map_err(|e| e.to_string())?;
        println!("{json}");
        return Ok(());
    }
    let outcome =
        targets::generate_crate(&target, check, deny_warnings).map_err(|e| e.to_string())?;
    for warning in &outcome.warnings {
        eprintln!("warning: {warning}");
    }
    if deny_warnings && !outcome.warnings.is_empty() {
        return Err(format!(
            "{} warning(s), and --deny-warnings is set; nothing written",
            outcome.warnings.len()
        ));
    }
    if !outcome.stale.is_empty() {
        return Err(format!(
            "{} is out of date with {}; run `openapi-clientgen generate` again:\n  {}",
            target.out.display(),
            target.spec.display(),
            outcome.stale.join("\n  ")
        ));
    }
    if outcome.written {
        eprintln!(
            "generated crate `{}` in {} ({} files)",
            target.config.crate_name,
            target.out.display(),
            outcome.files
        );
        for line in &outcome.detected {
            eprintln!("  {line}");
        }
    }
    Ok(())
}
