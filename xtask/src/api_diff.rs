//! `cargo xtask api-diff OLD NEW`: what changes for the generated crate's
//! users between two versions of an API, each given as a spec file or as a
//! version of `@seamapi/types`.

use std::path::Path;

use openapi_clientgen::config::{is_version, Config};
use openapi_clientgen::diff::{diff, ApiDiff};
use openapi_clientgen::ir::Api;
use openapi_clientgen::profile::Profile;
use openapi_clientgen::{load, lower};

use crate::npm::{Tools, PACKAGE};

/// One side of a comparison: a spec file, or a published version.
pub enum Source<'a> {
    File(&'a Path),
    Version(&'a str),
}

impl<'a> Source<'a> {
    /// A path to an existing file, else a version.
    pub fn parse(arg: &'a str) -> Result<Self, String> {
        let path = Path::new(arg);
        if path.is_file() {
            Ok(Source::File(path))
        } else if is_version(arg) {
            Ok(Source::Version(arg))
        } else {
            Err(format!(
                "`{arg}` is neither a spec file nor a version of {PACKAGE} (MAJOR.MINOR.PATCH)"
            ))
        }
    }

    /// How the comparison names this side.
    pub fn label(&self) -> String {
        match self {
            Source::File(path) => path.display().to_string(),
            Source::Version(version) => format!("{PACKAGE} {version}"),
        }
    }

    /// The model of this side under `config`.
    pub fn lower(&self, config: &Config, tools: &Tools) -> Result<Api, String> {
        let spec = match self {
            Source::File(path) => load::load(path),
            Source::Version(version) => {
                let scratch = tempfile::tempdir().map_err(|e| format!("a scratch folder: {e}"))?;
                let text = tools.fetch(version, scratch.path())?;
                let name = format!("{PACKAGE}@{version}/openapi.json");
                load::parse(Path::new(&name), &text)
            }
        }
        .map_err(|e| e.to_string())?;
        lower::lower(&spec, config).map_err(|e| e.to_string())
    }
}

/// Compares `old` and `new` and prints the diff as Markdown, or as JSON.
/// The profile defaults to Seam's when a side is a published version.
pub fn run(old: &str, new: &str, profile: Option<Profile>, json: bool) -> Result<(), String> {
    let (old, new) = (Source::parse(old)?, Source::parse(new)?);
    let published = [&old, &new].iter().any(|s| matches!(s, Source::Version(_)));
    let profile = profile.unwrap_or(match published {
        true => Profile::Seam,
        false => Profile::Generic,
    });
    let config = Config {
        conventions: profile.conventions(),
        ..Config::generic("api")
    };
    let tools = Tools::from_env();
    let changes = diff(&old.lower(&config, &tools)?, &new.lower(&config, &tools)?);
    println!("{}", render(&changes, &old.label(), &new.label(), json)?);
    Ok(())
}

/// The diff as JSON, or as Markdown titled with both sides.
pub fn render(changes: &ApiDiff, old: &str, new: &str, json: bool) -> Result<String, String> {
    match json {
        true => serde_json::to_string_pretty(changes).map_err(|e| e.to_string()),
        false => Ok(changes.markdown(&format!("API changes from {old} to {new}"))),
    }
}
