//! How one spec becomes one crate: the crate's name, the profile the spec
//! is lowered under and the client type's name; and the list of committed
//! targets, read from a TOML file (`xtask/targets.toml`).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::naming;
use crate::profile::Profile;

/// What to generate from a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Package name, such as `petstore`.
    pub crate_name: String,
    pub profile: Profile,
    /// The client type's name; `Client` when not given.
    pub client_name: Option<String>,
    /// The crate's version; [`DEFAULT_VERSION`] when not given.
    pub crate_version: Option<String>,
    /// Hand-written benchmarks the crate declares, each
    /// `benches/<name>.rs` beside its `Cargo.toml`, run with divan.
    pub benches: Vec<String>,
}

/// The version of a generated crate whose target names none.
pub const DEFAULT_VERSION: &str = "0.1.0";

impl Config {
    /// A generic client crate named `crate_name`.
    pub fn generic(crate_name: &str) -> Self {
        Config {
            crate_name: crate_name.to_string(),
            crate_version: None,
            benches: Vec::new(),
            profile: Profile::Generic,
            client_name: None,
        }
    }

    /// The client type's name.
    pub fn client_name(&self) -> String {
        self.client_name.clone().unwrap_or_else(|| "Client".into())
    }
}

/// A package name for a crate generated from a spec titled `title`, such
/// as `swagger-petstore` for "Swagger Petstore".
pub fn crate_name_for(title: &str) -> String {
    // Package names are ASCII: other letters are left out.
    let kebab = heck::ToKebabCase::to_kebab_case(title);
    let ascii: String = kebab
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let name = ascii
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    match name.as_str() {
        "" => "api-client".into(),
        name if name.starts_with(|c: char| c.is_ascii_digit()) => format!("api-{name}"),
        name => name.to_string(),
    }
}

/// One spec and the crate generated from it.
#[derive(Debug, Clone)]
pub struct Target {
    pub spec: PathBuf,
    pub out: PathBuf,
    pub config: Config,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetsFile {
    target: Vec<TargetEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetEntry {
    spec: PathBuf,
    out: PathBuf,
    #[serde(rename = "crate")]
    crate_name: String,
    #[serde(default)]
    profile: Profile,
    client: Option<String>,
    version: Option<String>,
    #[serde(default)]
    benches: Vec<String>,
}

/// Reads a targets file; its paths are relative to `root`.
pub fn read_targets(file: &Path, root: &Path) -> Result<Vec<Target>> {
    let text = std::fs::read_to_string(file).map_err(|source| Error::Read {
        file: file.to_path_buf(),
        source,
    })?;
    parse_targets(&text, file, root)
}

/// Parses the text of a targets file.
pub fn parse_targets(text: &str, file: &Path, root: &Path) -> Result<Vec<Target>> {
    let parsed: TargetsFile = toml::from_str(text).map_err(|e| Error::Config {
        file: file.to_path_buf(),
        message: e.to_string().trim_end().to_string(),
    })?;
    let mut targets = Vec::new();
    for entry in parsed.target {
        if let Some(client) = &entry.client {
            if !naming::is_type_name(client) {
                return Err(Error::Config {
                    file: file.to_path_buf(),
                    message: format!("client name `{client}` is not a Rust type name"),
                });
            }
        }
        if let Some(version) = &entry.version {
            if !is_version(version) {
                return Err(Error::Config {
                    file: file.to_path_buf(),
                    message: format!(
                        "version `{version}` of `{}` is not of the form MAJOR.MINOR.PATCH",
                        entry.crate_name
                    ),
                });
            }
        }
        if let Some(bench) = entry.benches.iter().find(|b| !is_bench_name(b)) {
            return Err(Error::Config {
                file: file.to_path_buf(),
                message: format!(
                    "bench `{bench}` of `{}` is not a file name of letters, digits, `_` and `-`",
                    entry.crate_name
                ),
            });
        }
        targets.push(Target {
            spec: root.join(entry.spec),
            out: root.join(entry.out),
            config: Config {
                crate_name: entry.crate_name,
                profile: entry.profile,
                client_name: entry.client,
                crate_version: entry.version,
                benches: entry.benches,
            },
        });
    }
    Ok(targets)
}

/// A bench's name: the stem of its file in `benches/`.
fn is_bench_name(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// `MAJOR.MINOR.PATCH`, each a number.
pub fn is_version(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_file_gives_paths_under_the_root_and_defaults_to_generic() {
        let text = r#"
            [[target]]
            spec = "spec/a.yaml"
            out = "crates/a"
            crate = "a-client"

            [[target]]
            spec = "spec/b.json"
            out = "b"
            crate = "b"
            profile = "seam"
            client = "Bee"
            benches = ["codec"]
        "#;
        let targets = parse_targets(text, Path::new("t.toml"), Path::new("/root")).unwrap();
        assert_eq!(targets[0].spec, Path::new("/root/spec/a.yaml"));
        assert_eq!(targets[0].config, Config::generic("a-client"));
        assert_eq!(targets[0].config.client_name(), "Client");
        assert_eq!(targets[1].config.profile, Profile::Seam);
        assert_eq!(targets[1].config.client_name(), "Bee");
        assert_eq!(targets[1].config.benches, ["codec"]);
    }

    #[test]
    fn bad_targets_files_are_errors_naming_the_file() {
        let unknown = "[[target]]\nspec = \"a\"\nout = \"b\"\ncrate = \"c\"\ncolour = 1\n";
        let err = parse_targets(unknown, Path::new("t.toml"), Path::new("/")).unwrap_err();
        assert!(err.to_string().starts_with("t.toml: "), "{err}");
        assert!(err.to_string().contains("colour"), "{err}");
        let profile = "[[target]]\nspec = \"a\"\nout = \"b\"\ncrate = \"c\"\nprofile = \"aws\"\n";
        let err = parse_targets(profile, Path::new("t.toml"), Path::new("/")).unwrap_err();
        assert!(err.to_string().contains("aws"), "{err}");
        let client =
            "[[target]]\nspec = \"a\"\nout = \"b\"\ncrate = \"c\"\nclient = \"my client\"\n";
        let err = parse_targets(client, Path::new("t.toml"), Path::new("/")).unwrap_err();
        assert!(err.to_string().contains("not a Rust type name"), "{err}");
        let bench = "[[target]]\nspec = \"a\"\nout = \"b\"\ncrate = \"c\"\nbenches = [\"../x\"]\n";
        let err = parse_targets(bench, Path::new("t.toml"), Path::new("/")).unwrap_err();
        assert!(err.to_string().contains("bench `../x`"), "{err}");
    }

    #[test]
    fn crate_names_come_from_titles() {
        assert_eq!(crate_name_for("Swagger Petstore"), "swagger-petstore");
        assert_eq!(crate_name_for("3D printing"), "api-3d-printing");
        assert_eq!(crate_name_for("!!!"), "api-client");
        assert_eq!(
            crate_name_for("Tïtle with \"quotes\" and */"),
            "ttle-with-quotes-and"
        );
    }
}
