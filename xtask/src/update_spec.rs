//! `cargo xtask update-spec [--version V]`: fetches a version of Seam's
//! published OpenAPI document, stores it in `spec/` (and the client-sessions
//! fixture), regenerates the Seam crate with its version bumped as the API
//! diff says, records the change in the crate's CHANGELOG and prints the
//! diff. Everything is computed before anything is written, and each file
//! is replaced whole (written beside it, then renamed), so a failure leaves
//! the workspace as it was.

use std::path::{Path, PathBuf};

use openapi_clientgen::config::Target;
use openapi_clientgen::diff::{diff, ApiDiff, Impact};
use openapi_clientgen::{emit, load, lower, targets};

use crate::import_spec::{extract, Format};
use crate::npm::{Tools, PACKAGE};

/// Seam's document, as the Seam crate's target names it.
const SPEC: &str = "spec/seam-connect.json";
/// The client-sessions part of it, a fixture.
const FIXTURE: &str = "generator/tests/fixtures/client_sessions.yaml";
/// The paths the fixture keeps.
const FIXTURE_PATHS: &str = "/client_sessions/";
/// Which version of the package `spec/` holds.
pub const SOURCE: &str = "spec/source.toml";

pub struct Options {
    /// The version to fetch; the newest when `None`.
    pub version: Option<String>,
    /// Where to write the diff as Markdown too (a pull request's body).
    pub diff_out: Option<PathBuf>,
}

/// A file to replace, with its new contents.
struct Edit {
    path: PathBuf,
    contents: String,
}

pub fn run(root: &Path, options: &Options, tools: &Tools) -> Result<(), String> {
    let all = targets::default_targets(root).map_err(|e| e.to_string())?;
    let seam = all
        .iter()
        .find(|t| t.spec == root.join(SPEC))
        .ok_or_else(|| format!("{}: no target generates from {SPEC}", targets::TARGETS_FILE))?;
    let source_file = root.join(SOURCE);
    let source_text = read(&source_file)?;
    let current = spec_version(&source_text)
        .ok_or_else(|| format!("{}: no `version = \"…\"`", source_file.display()))?;
    let version = match &options.version {
        Some(version) => version.clone(),
        None => tools.latest_version()?,
    };
    if version == current {
        println!("{SPEC} already holds {PACKAGE} {version}; nothing to do");
        return write_diff(options, "");
    }

    let scratch = tempfile::tempdir().map_err(|e| format!("a scratch folder: {e}"))?;
    let published = tools.fetch(&version, scratch.path())?;
    let published_at = format!("{PACKAGE} {version}");
    let (spec_text, _, _) =
        extract(&published, None, Format::Json).map_err(|e| format!("{published_at}: {e}"))?;

    // The diff between the models of the old and new documents decides
    // the crate's next version.
    let old_api =
        openapi_clientgen::lower_file(&seam.spec, &seam.config).map_err(|e| e.to_string())?;
    let new_spec = load::parse(&seam.spec, &spec_text).map_err(|e| e.to_string())?;
    let old_version = seam
        .config
        .crate_version
        .clone()
        .unwrap_or_else(|| openapi_clientgen::config::DEFAULT_VERSION.into());
    let mut new_api = lower::lower(&new_spec, &seam.config).map_err(|e| e.to_string())?;
    let changes = diff(&old_api, &new_api);
    let crate_version = bump(&old_version, changes.impact)?;
    new_api.client.crate_version = crate_version.clone();
    let files = emit::emit(&new_api).map_err(|e| e.to_string())?;

    let mut edits = vec![
        Edit {
            path: seam.spec.clone(),
            contents: spec_text,
        },
        Edit {
            path: source_file,
            contents: set_key(&source_text, &[], "version", &version)?,
        },
    ];
    // The fixture, and the crate generated from it, follow.
    let mut fixture_files = None;
    if let Some(fixture) = all.iter().find(|t| t.spec == root.join(FIXTURE)) {
        let (text, _, _) = extract(&published, Some(FIXTURE_PATHS), Format::Yaml)
            .map_err(|e| format!("{published_at}: {e}"))?;
        fixture_files = Some((fixture, generate(fixture, &text)?));
        edits.push(Edit {
            path: fixture.spec.clone(),
            contents: text,
        });
    }
    let title = format!("API changes from {PACKAGE} {current} to {version}");
    let markdown = changes.markdown(&title);
    if crate_version != old_version {
        let targets_file = root.join(targets::TARGETS_FILE);
        let text = read(&targets_file)?;
        edits.push(Edit {
            contents: set_target_version(&text, &seam.config.crate_name, &crate_version)?,
            path: targets_file,
        });
        let changelog = seam.out.join("CHANGELOG.md");
        let text = std::fs::read_to_string(&changelog).unwrap_or_default();
        edits.push(Edit {
            contents: changelog_with(&text, &crate_version, &version, &current, &changes),
            path: changelog,
        });
    }

    // Every file is written beside its place first; only then are they
    // moved into place.
    let staged = edits
        .iter()
        .map(|edit| stage(&edit.path, &edit.contents))
        .collect::<Result<Vec<_>, _>>()?;
    for (file, path) in staged {
        file.persist(&path)
            .map_err(|e| format!("{}: {}", path.display(), e.error))?;
    }
    targets::write(&seam.out, &files).map_err(|e| e.to_string())?;
    if let Some((fixture, files)) = fixture_files {
        targets::write(&fixture.out, &files).map_err(|e| e.to_string())?;
    }
    println!("{markdown}");
    println!(
        "{SPEC} now holds {published_at}; `{}` is {crate_version} ({})",
        seam.config.crate_name,
        changes.impact.as_str()
    );
    // A pull request's body holds 65,536 characters; the whole diff is in
    // the CHANGELOG's new section either way.
    let body = changes.markdown_within(
        &title,
        60_000,
        "`generated/CHANGELOG.md`, in this version's section",
    );
    write_diff(options, &body)
}

/// The files of `target` generated from the spec `text`.
fn generate(target: &Target, text: &str) -> Result<Vec<emit::File>, String> {
    let spec = load::parse(&target.spec, text).map_err(|e| e.to_string())?;
    let api = lower::lower(&spec, &target.config).map_err(|e| e.to_string())?;
    emit::emit(&api).map_err(|e| e.to_string())
}

fn write_diff(options: &Options, markdown: &str) -> Result<(), String> {
    match &options.diff_out {
        Some(path) => replace(path, markdown),
        None => Ok(()),
    }
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Replaces `path` whole: the text is written beside it, then renamed.
fn replace(path: &Path, contents: &str) -> Result<(), String> {
    let (file, path) = stage(path, contents)?;
    file.persist(&path)
        .map_err(|e| format!("{}: {}", path.display(), e.error))?;
    Ok(())
}

/// `contents` written to a temporary file beside `path` (its folder made
/// if need be), to be renamed to `path`.
fn stage(path: &Path, contents: &str) -> Result<(tempfile::NamedTempFile, PathBuf), String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut file =
        tempfile::NamedTempFile::new_in(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    std::io::Write::write_all(&mut file, contents.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((file, path.to_path_buf()))
}

/// The `version` a source file records.
fn spec_version(text: &str) -> Option<String> {
    let doc: toml_edit::DocumentMut = text.parse().ok()?;
    doc.get("version")?.as_str().map(str::to_string)
}

/// `text` (TOML) with `key` of the table at `path` set to `value`, its
/// comments and layout kept.
fn set_key(text: &str, path: &[&str], key: &str, value: &str) -> Result<String, String> {
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e| format!("{e}"))?;
    let mut table = doc.as_table_mut();
    for part in path {
        table = table
            .get_mut(part)
            .and_then(toml_edit::Item::as_table_mut)
            .ok_or_else(|| format!("no table `{part}`"))?;
    }
    table[key] = toml_edit::value(value);
    Ok(doc.to_string())
}

/// The targets file with the version of the crate `name` set.
fn set_target_version(text: &str, name: &str, version: &str) -> Result<String, String> {
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e| format!("{e}"))?;
    let target = doc
        .get_mut("target")
        .and_then(toml_edit::Item::as_array_of_tables_mut)
        .and_then(|targets| {
            targets
                .iter_mut()
                .find(|t| t.get("crate").and_then(toml_edit::Item::as_str) == Some(name))
        })
        .ok_or_else(|| format!("{}: no target `{name}`", targets::TARGETS_FILE))?;
    target["version"] = toml_edit::value(version);
    Ok(doc.to_string())
}

/// The next version after `version` for a change of `impact`: a breaking
/// change bumps the minor version while the major is 0 (the major after
/// 1.0), anything else the patch; no change keeps it.
pub fn bump(version: &str, impact: Impact) -> Result<String, String> {
    let parts: Vec<u64> = version
        .split('.')
        .map(str::parse)
        .collect::<Result<_, _>>()
        .map_err(|_| format!("`{version}` is not a version of the form MAJOR.MINOR.PATCH"))?;
    let [major, minor, patch] = parts[..] else {
        return Err(format!(
            "`{version}` is not a version of the form MAJOR.MINOR.PATCH"
        ));
    };
    let next = |n: u64| {
        n.checked_add(1)
            .ok_or_else(|| format!("`{version}` cannot be bumped"))
    };
    Ok(match impact {
        Impact::None => version.to_string(),
        Impact::Breaking if major == 0 => format!("0.{}.0", next(minor)?),
        Impact::Breaking => format!("{}.0.0", next(major)?),
        Impact::Additive | Impact::DocsOnly => format!("{major}.{minor}.{}", next(patch)?),
    })
}

/// The changelog with a section for `crate_version`: the diff's summary,
/// then what was under "Unreleased" (which the new version releases).
fn changelog_with(
    text: &str,
    crate_version: &str,
    spec_version: &str,
    old_spec_version: &str,
    changes: &ApiDiff,
) -> String {
    let heading = format!(
        "## {crate_version}\n\nFrom {PACKAGE} {spec_version} (was {old_spec_version}).\n\n"
    );
    let body = changes.markdown_body();
    let (head, rest) = match text.find("\n## ") {
        Some(at) => text.split_at(at + 1),
        None => (text, ""),
    };
    let head = match head.trim() {
        "" => "# Changelog\n\n".to_string(),
        _ => format!("{}\n\n", head.trim_end()),
    };
    // What "Unreleased" held is part of this version.
    let rest = match rest.strip_prefix("## Unreleased") {
        Some(unreleased) => {
            let unreleased = unreleased.trim_start_matches('\n');
            match unreleased.trim() {
                "" => String::new(),
                _ => format!("\n### Other changes\n\n{unreleased}"),
            }
        }
        None if rest.is_empty() => String::new(),
        None => format!("\n{rest}"),
    };
    format!("{head}{heading}{body}{rest}")
}

#[cfg(test)]
mod tests;
