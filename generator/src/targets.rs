//! What `cargo xtask codegen` produces: which spec becomes which crate, and
//! writing or checking the output.

use std::path::Path;

use crate::emit::{self, File};
use crate::error::{Error, Result};
use crate::{load, lower};

pub use crate::config::Target;

/// The file that lists the committed targets, relative to the workspace root.
pub const TARGETS_FILE: &str = "xtask/targets.toml";

/// The committed outputs of the workspace at `root`, as `xtask/targets.toml`
/// lists them: the Seam client from the full spec, and fixture crates that
/// are compiled and tested on the wire.
pub fn default_targets(root: &Path) -> Result<Vec<Target>> {
    crate::config::read_targets(&root.join(TARGETS_FILE), root)
}

/// Loads, lowers and emits one target.
pub fn generate(target: &Target) -> Result<Vec<File>> {
    generate_with_warnings(target).map(|(files, _)| files)
}

/// [`generate`], with the warnings about what the client does not honour,
/// each as `file: pointer: message`.
pub fn generate_with_warnings(target: &Target) -> Result<(Vec<File>, Vec<String>)> {
    generate_all(target).map(|(files, warnings, _)| (files, warnings))
}

/// How long each phase of generating a crate took (see [`generate_timed`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Phases {
    /// Reading and parsing the spec (and its other files).
    pub parse: std::time::Duration,
    /// Lowering it into the model.
    pub lower: std::time::Duration,
    pub emit: emit::EmitTimes,
}

/// [`generate`], with the time each phase took (writing is the caller's).
pub fn generate_timed(target: &Target) -> Result<(Vec<File>, Phases)> {
    let start = std::time::Instant::now();
    let spec = load::load(&target.spec)?;
    let parse = start.elapsed();
    let start = std::time::Instant::now();
    let api = lower::lower(&spec, &target.config)?;
    let lower = start.elapsed();
    let (files, emit) = emit::emit_timed(&api)?;
    Ok((files, Phases { parse, lower, emit }))
}

/// The files, the warnings, and what the conventions found ([`detected`]).
fn generate_all(target: &Target) -> Result<(Vec<File>, Vec<String>, Vec<String>)> {
    let spec = load::load(&target.spec)?;
    let api = lower::lower(&spec, &target.config)?;
    let files = emit::emit(&api)?;
    let warnings = api
        .warnings
        .iter()
        .map(|w| format!("{}: {}: {}", target.spec.display(), w.pointer, w.message))
        .collect();
    Ok((files, warnings, detected(&api)))
}

/// What the conventions (declared or recognised) found in the spec, one
/// line each: operations that page, by how; that wait; whose results are
/// unwrapped.
pub fn detected(api: &crate::ir::Api) -> Vec<String> {
    use crate::ir::NextPage;
    let mut pages: std::collections::BTreeMap<&str, usize> = Default::default();
    for op in &api.operations {
        if let Some(pagination) = &op.pagination {
            let how = match pagination.next {
                NextPage::Cursor { .. } => "by cursor",
                NextPage::AfterLastItem { .. } => "after the last item",
                NextPage::Url { .. } => "by next URL",
                NextPage::LinkHeader => "by Link header",
                NextPage::PageNumber { .. } => "by page number",
            };
            *pages.entry(how).or_default() += 1;
        }
    }
    let mut lines = Vec::new();
    if !pages.is_empty() {
        let total: usize = pages.values().sum();
        let hows: Vec<String> = pages.iter().map(|(how, n)| format!("{n} {how}")).collect();
        lines.push(format!(
            "paging: {} ({})",
            operations(total),
            hows.join(", ")
        ));
    }
    if let Some(polling) = &api.client.polling {
        let waits = api.operations.iter().filter(|op| op.waits).count();
        lines.push(format!(
            "waiting for the {} they start: {}",
            polling.noun,
            operations(waits)
        ));
    }
    let unwrapped = api
        .operations
        .iter()
        .filter(|op| op.response.key.is_some())
        .count();
    if unwrapped > 0 {
        lines.push(format!(
            "results unwrapped from an envelope: {}",
            operations(unwrapped)
        ));
    }
    lines
}

/// `1 operation`, `2 operations`.
fn operations(n: usize) -> String {
    match n {
        1 => "1 operation".into(),
        n => format!("{n} operations"),
    }
}

/// What generating one target did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// How many files the crate has.
    pub files: usize,
    /// What the client does not honour, each `file: pointer: message`.
    pub warnings: Vec<String>,
    /// Whether the files were written (not with `check`, nor when warnings
    /// are denied and there are some).
    pub written: bool,
    /// With `check`: the files that differ from what would be written.
    pub stale: Vec<String>,
    /// What the conventions found ([`detected`]).
    pub detected: Vec<String>,
}

/// Generates the client crate of `target` and writes it to `target.out`
/// (its `Cargo.toml`, `README.md` and `src/`; anything else there, such as
/// `tests/`, is left alone); with `check`, only says which files are out of
/// date. With `deny_warnings`, a spec that warns writes nothing.
///
/// This is what `openapi-clientgen generate` and `cargo xtask codegen` run;
/// a tool of your own (an xtask, a script) can call it the same way:
///
/// ```no_run
/// use openapi_clientgen::config::Target;
/// use openapi_clientgen::conventions::Conventions;
///
/// // The generic conventions; `Conventions::from_file` reads a file of them.
/// let conventions = Conventions::default();
/// let target = Target::for_spec("openapi.yaml".into(), "client".into(), None, conventions, None)?;
/// let outcome = openapi_clientgen::targets::generate_crate(&target, false, false)?;
/// for warning in &outcome.warnings {
///     eprintln!("warning: {warning}");
/// }
/// # Ok::<(), openapi_clientgen::Error>(())
/// ```
pub fn generate_crate(target: &Target, check: bool, deny_warnings: bool) -> Result<Outcome> {
    let (files, warnings, detected) = generate_all(target)?;
    let mut outcome = Outcome {
        files: files.len(),
        written: false,
        stale: Vec::new(),
        warnings,
        detected,
    };
    if check {
        outcome.stale = self::check(&target.out, &files);
    } else if !deny_warnings || outcome.warnings.is_empty() {
        write(&target.out, &files)?;
        outcome.written = true;
    }
    Ok(outcome)
}

/// Files the generator owns in an output crate: these two and all of `src/`.
/// Anything else there (`tests/`, `examples/`) is written by hand.
fn owned_files(out: &Path) -> Vec<String> {
    let mut owned: Vec<String> = ["Cargo.toml", "README.md"]
        .iter()
        .filter(|f| out.join(f).is_file())
        .map(|f| f.to_string())
        .collect();
    let mut stack = vec![out.join("src")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(relative) = path.strip_prefix(out) {
                owned.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    owned.sort();
    owned
}

/// Writes `files` under `out`, removing owned files that are no longer emitted.
/// Files whose contents are unchanged are not touched.
pub fn write(out: &Path, files: &[File]) -> Result<()> {
    for stale in owned_files(out) {
        if !files.iter().any(|f| f.path == stale) {
            let path = out.join(&stale);
            std::fs::remove_file(&path).map_err(|source| Error::Write { file: path, source })?;
        }
    }
    for file in files {
        let path = out.join(&file.path);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(file.contents.as_str()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| Error::Write {
                file: parent.to_path_buf(),
                source,
            })?;
        }
        std::fs::write(&path, &file.contents)
            .map_err(|source| Error::Write { file: path, source })?;
    }
    Ok(())
}

/// The differences between `files` and what is on disk under `out`, one
/// line each (`path: differs|missing|not generated`); empty when up to date.
pub fn check(out: &Path, files: &[File]) -> Vec<String> {
    let mut problems = Vec::new();
    for file in files {
        let path = out.join(&file.path);
        match std::fs::read_to_string(&path) {
            Ok(text) if text == file.contents => {}
            Ok(_) => problems.push(format!("{}: differs", path.display())),
            Err(_) => problems.push(format!("{}: missing", path.display())),
        }
    }
    for owned in owned_files(out) {
        if !files.iter().any(|f| f.path == owned) {
            problems.push(format!(
                "{}: not generated any more",
                out.join(owned).display()
            ));
        }
    }
    problems
}
