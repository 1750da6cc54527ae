//! Project tasks: `cargo xtask codegen` and `cargo xtask import-spec`.

mod bench;
mod import_spec;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use seam_codegen::targets::{self, Target};

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
    /// Generate client crates: by default every committed target
    /// (spec/ → generated/, and the fixture crates).
    Codegen {
        /// Write nothing; fail and list the files that are out of date.
        #[arg(long)]
        check: bool,
        /// Print the intermediate model of the spec as JSON instead of generating.
        #[arg(long)]
        dump_ir: bool,
        /// A spec to generate from instead of the committed targets.
        #[arg(long, requires = "out")]
        spec: Option<PathBuf>,
        /// Where to write the crate generated from `--spec`.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Package name of the crate generated from `--spec`.
        #[arg(long, default_value = "seam")]
        name: String,
        /// Fail when the generator warns (about what the client does not honour).
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Measure full-spec codegen and `cargo check` of the generated crate.
    Bench {
        /// How many times to run each measurement.
        #[arg(long, default_value_t = 10)]
        runs: usize,
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
            deny_warnings,
        } => {
            let targets = match (spec, out) {
                (Some(spec), Some(out)) => vec![Target {
                    spec,
                    out,
                    crate_name: name,
                }],
                _ => targets::default_targets(&root),
            };
            if dump_ir {
                dump(&targets[0].spec)
            } else {
                codegen(&targets, check, deny_warnings)
            }
        }
        Command::Bench { runs } => bench::run(&root, runs),
        Command::ImportSpec {
            from,
            paths_prefix,
            out,
        } => import_spec::run(&from, paths_prefix.as_deref(), &out),
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

fn dump(spec: &Path) -> Result<(), String> {
    let api = seam_codegen::lower_file(spec).map_err(|e| e.to_string())?;
    let json = serde_json::to_string_pretty(&api).map_err(|e| e.to_string())?;
    println!("{json}");
    Ok(())
}

fn codegen(targets: &[Target], check: bool, deny_warnings: bool) -> Result<(), String> {
    let mut stale = Vec::new();
    for target in targets {
        let (files, warnings) =
            targets::generate_with_warnings(target).map_err(|e| e.to_string())?;
        for warning in &warnings {
            eprintln!("warning: {warning}");
        }
        if deny_warnings && !warnings.is_empty() {
            return Err(format!(
                "{} warning(s) for {}, and --deny-warnings is set; nothing written",
                warnings.len(),
                target.spec.display()
            ));
        }
        if check {
            stale.extend(targets::check(&target.out, &files));
        } else {
            targets::write(&target.out, &files).map_err(|e| e.to_string())?;
            eprintln!(
                "generated {} ({} files) from {}",
                target.out.display(),
                files.len(),
                target.spec.display()
            );
        }
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
