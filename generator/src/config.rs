//! How one spec becomes one crate: the crate's name, the profile the spec
//! is lowered under and the client type's name; and the list of committed
//! targets, read from a TOML file (`xtask/targets.toml`).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::conventions::Conventions;
use crate::error::{Error, Result};
use crate::naming;
use crate::profile::Profile;

/// What to generate from a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Package name, such as `petstore`.
    pub crate_name: String,
    /// What the API does beyond OpenAPI (a preset, or a target's file).
    pub conventions: Conventions,
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
            conventions: Conventions::default(),
            client_name: None,
        }
    }

    /// The client type's name.
    pub fn client_name(&self) -> String {
        self.client_name.clone().unwrap_or_else(|| "Client".into())
    }
}

/// A package name for a crate generated from a spec: what a person would
/// call the client. The title's words without filler (`API`, `OpenAPI`,
/// `REST`, `spec`, `official`, versions, possessives, a remark after `+`,
/// ` - ` or `(`), each word kept whole (`GitHub` is `github`, not
/// `git-hub`); else the server's host without `api.` and its top-level
/// domain (`api.github.com` is `github`); else `api-client`.
pub fn crate_name_for(title: &str, server: Option<&str>) -> String {
    let words: Vec<String> = title_words(title)
        .iter()
        .map(|word| {
            word.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase()
        })
        .filter(|word| !word.is_empty())
        .collect();
    let name = if words.is_empty() {
        server.and_then(host_name).unwrap_or_default()
    } else {
        words.join("-")
    };
    match name.as_str() {
        "" => "api-client".into(),
        name if name.starts_with(|c: char| c.is_ascii_digit()) => format!("api-{name}"),
        name => name.to_string(),
    }
}

/// What a title calls the API, without its filler: "GitHub" for
/// "GitHub's official OpenAPI spec + Octokit extension"; empty when the
/// title is only filler.
pub fn api_name(title: &str) -> String {
    title_words(title).join(" ")
}

/// Words of a title that name the API, as written.
fn title_words(title: &str) -> Vec<String> {
    const FILLER: &[&str] = &[
        "a",
        "an",
        "and",
        "api",
        "apis",
        "client",
        "definition",
        "definitions",
        "doc",
        "docs",
        "documentation",
        "extension",
        "extensions",
        "for",
        "http",
        "of",
        "official",
        "openapi",
        "reference",
        "rest",
        "restful",
        "sdk",
        "spec",
        "specification",
        "specs",
        "swagger",
        "the",
        "unofficial",
        "version",
        "with",
    ];
    let words = |text: &str| -> Vec<String> {
        let raw: Vec<String> = text
            .split(|c: char| c.is_whitespace() || matches!(c, '-' | '_' | '/' | ',' | '.' | '&'))
            .map(|word| {
                let word = word
                    .strip_suffix("'s")
                    .or(word.strip_suffix("’s"))
                    .unwrap_or(word);
                word.chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect::<String>()
            })
            .filter(|word| !word.is_empty())
            .collect();
        let lower: Vec<String> = raw.iter().map(|w| w.to_lowercase()).collect();
        raw.iter()
            .zip(&lower)
            .enumerate()
            .filter(|(i, (_, word))| {
                let version = word.starts_with('v')
                    && word[1..].chars().all(|c| c.is_ascii_digit())
                    || word.chars().all(|c| c.is_ascii_digit());
                // "Open API" is OpenAPI written apart.
                let open_api =
                    *word == "open" && lower.get(i + 1).map(String::as_str) == Some("api");
                !FILLER.contains(&word.as_str()) && !version && !open_api
            })
            .map(|(_, (word, _))| word.clone())
            .collect()
    };
    // A remark after `+`, ` - `, `(`, `|` or `:` says what the document is,
    // not what the API is called; unless nothing is left without it.
    let head = title
        .split(['+', '(', '[', '|', ':', '—', '–'])
        .next()
        .unwrap_or(title)
        .split(" - ")
        .next()
        .unwrap_or(title);
    let named = words(head);
    if named.is_empty() {
        words(title)
    } else {
        named
    }
}

/// `github` for `https://api.github.com/v3`: the host without a leading
/// `api.`/`www.` and without its top-level domain.
fn host_name(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', ':', '?']).next()?;
    if host.is_empty() || host.contains('{') || host.parse::<std::net::IpAddr>().is_ok() {
        return None;
    }
    let mut labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    if labels.len() > 1 {
        labels.pop();
    }
    let labels: Vec<String> = labels
        .into_iter()
        .filter(|l| !matches!(*l, "api" | "www" | "rest" | "developer" | "developers"))
        .map(|l| {
            l.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase()
        })
        .filter(|l| !l.is_empty() && l != "localhost")
        .collect();
    // The registered name: the last label left (`github` of `uploads.github`).
    labels.last().cloned()
}

/// One spec and the crate generated from it.
#[derive(Debug, Clone)]
pub struct Target {
    pub spec: PathBuf,
    pub out: PathBuf,
    pub config: Config,
}

impl Target {
    /// The crate for any spec, written to `out`: named `name`, or for what
    /// the spec's title calls the API ([`crate_name_for`]); its client
    /// type `client` (default `Client`), under `conventions`.
    pub fn for_spec(
        spec: PathBuf,
        out: PathBuf,
        name: Option<String>,
        conventions: Conventions,
        client: Option<String>,
    ) -> Result<Target> {
        let bad = |message: String| Error::Config {
            file: spec.clone(),
            message,
        };
        if let Some(problem) = client
            .as_deref()
            .and_then(crate::naming::client_name_problem)
        {
            return Err(bad(problem));
        }
        let crate_name = match name {
            Some(name) if is_package_name(&name) => name,
            Some(name) => {
                return Err(bad(format!(
                    "`{name}` is not a package name (ASCII letters, digits, `-` and `_`, starting with a letter)"
                )))
            }
            None => {
                let doc = crate::load::load(&spec)?;
                let server = doc.doc.servers.first().map(|s| s.url.as_str());
                crate_name_for(&doc.doc.info.title, server)
            }
        };
        Ok(Target {
            out,
            spec,
            config: Config {
                crate_name,
                conventions,
                client_name: client,
                crate_version: None,
                benches: Vec::new(),
            },
        })
    }
}

/// A name Cargo accepts for a package.
fn is_package_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
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
    /// A preset of conventions.
    profile: Option<Profile>,
    /// A conventions file, relative to the root.
    conventions: Option<PathBuf>,
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
        if let Some(problem) = entry
            .client
            .as_deref()
            .and_then(naming::client_name_problem)
        {
            return Err(Error::Config {
                file: file.to_path_buf(),
                message: problem,
            });
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
        let conventions = match (entry.profile, &entry.conventions) {
            (Some(_), Some(_)) => {
                return Err(Error::Config {
                    file: file.to_path_buf(),
                    message: format!(
                        "`{}` names both a profile and a conventions file: give one \
                         (a conventions file can start from a preset with `preset = …`)",
                        entry.crate_name
                    ),
                })
            }
            (_, Some(path)) => Conventions::from_file(&root.join(path))?,
            (profile, None) => profile.unwrap_or_default().conventions(),
        };
        targets.push(Target {
            spec: root.join(entry.spec),
            out: root.join(entry.out),
            config: Config {
                crate_name: entry.crate_name,
                conventions,
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
        assert_eq!(targets[1].config.conventions, Profile::Seam.conventions());
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
        let taken = client.replace("my client", "Request");
        let err = parse_targets(&taken, Path::new("t.toml"), Path::new("/")).unwrap_err();
        assert!(err.to_string().contains("t.toml"), "{err}");
        assert!(
            err.to_string().contains("exports a `Request` of its own"),
            "{err}"
        );
        let err = Target::for_spec(
            "spec.yaml".into(),
            "out".into(),
            Some("shop".into()),
            Conventions::default(),
            Some("Error".into()),
        )
        .unwrap_err();
        assert!(err.to_string().contains("`Error` is taken"), "{err}");
        let both = "[[target]]\nspec = \"a\"\nout = \"b\"\ncrate = \"c\"\nprofile = \"seam\"\nconventions = \"c.toml\"\n";
        let err = parse_targets(both, Path::new("t.toml"), Path::new("/")).unwrap_err();
        assert!(err.to_string().contains("give one"), "{err}");
        let missing = "[[target]]\nspec = \"a\"\nout = \"b\"\ncrate = \"c\"\nconventions = \"no/such.toml\"\n";
        let err = parse_targets(missing, Path::new("t.toml"), Path::new("/")).unwrap_err();
        assert!(err.to_string().contains("no/such.toml"), "{err}");
        let bench = "[[target]]\nspec = \"a\"\nout = \"b\"\ncrate = \"c\"\nbenches = [\"../x\"]\n";
        let err = parse_targets(bench, Path::new("t.toml"), Path::new("/")).unwrap_err();
        assert!(err.to_string().contains("bench `../x`"), "{err}");
    }

    #[test]
    fn crate_names_are_what_a_person_would_call_the_client() {
        let name = |title| crate_name_for(title, None);
        assert_eq!(
            name("GitHub's official OpenAPI spec + Octokit extension"),
            "github"
        );
        assert_eq!(name("Twilio - Api"), "twilio");
        assert_eq!(name("Figma API"), "figma");
        assert_eq!(name("Swagger Petstore - OpenAPI 3.0"), "petstore");
        assert_eq!(name("Swagger Petstore"), "petstore");
        assert_eq!(name("The Open API for Acme Billing v2"), "acme-billing");
        assert_eq!(name("3D printing"), "api-3d-printing");
        assert_eq!(name("!!!"), "api-client");
        assert_eq!(name("Tïtle with \"quotes\" and */"), "ttle-quotes");
        // Only filler: the server's host names it.
        assert_eq!(
            crate_name_for("REST API", Some("https://api.github.com/v3")),
            "github"
        );
        assert_eq!(
            crate_name_for("API", Some("https://uploads.example.co/")),
            "example"
        );
        assert_eq!(
            crate_name_for("API", Some("{scheme}://{host}")),
            "api-client"
        );
        assert_eq!(crate_name_for("API", Some("/v1")), "api-client");
    }
}
