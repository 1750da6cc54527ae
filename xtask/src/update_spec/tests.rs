//! `update-spec` on a small workspace, with an `npm` that serves a package
//! made in the test; `bump` and the changelog on their own.

use std::collections::BTreeMap;
use std::path::Path;

use super::*;

const TARGETS: &str = "# The targets.
[[target]]
spec = \"spec/seam-connect.json\"
out = \"generated\"
crate = \"seam\"
profile = \"seam\"
client = \"Seam\"
# Bumped by update-spec.
version = \"0.1.0\"

[[target]]
spec = \"generator/tests/fixtures/client_sessions.yaml\"
out = \"generator/tests/crates/client_sessions\"
crate = \"client-sessions\"
profile = \"seam\"
client = \"Seam\"
";

/// Seam's client-sessions spec (the committed fixture) as published JSON.
fn published_v1() -> serde_json::Value {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../generator/tests/fixtures/client_sessions.yaml");
    serde_yaml::from_str(&std::fs::read_to_string(fixture).unwrap()).unwrap()
}

/// A workspace holding version 1.0.0 of the spec, and an `npm` that
/// offers 1.1.0 (with `/client_sessions/delete` gone) and nothing else.
fn workspace(dir: &Path) -> Tools {
    let v1 = published_v1();
    let mut v2 = v1.clone();
    v2["paths"]
        .as_object_mut()
        .unwrap()
        .remove("/client_sessions/delete")
        .expect("the fixture has /client_sessions/delete");
    let write = |path: &str, text: &str| {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("xtask/targets.toml", TARGETS);
    let (spec, _, _) = extract(&v1.to_string(), None, Format::Json).unwrap();
    write("spec/seam-connect.json", &spec);
    let (fixture, _, _) = extract(&v1.to_string(), Some(FIXTURE_PATHS), Format::Yaml).unwrap();
    write(FIXTURE, &fixture);
    write(
        SOURCE,
        "# Where the spec comes from.\npackage = \"@seamapi/types\"\nversion = \"1.0.0\"\n",
    );
    write(
        "generated/CHANGELOG.md",
        "# Changelog of the `seam` crate\n\n## Unreleased\n\n- A fix.\n",
    );
    write(
        "registry/package/lib/seam/connect/openapi.js",
        &format!("const openapi = {v2};\nexport default openapi;\n"),
    );
    let script = format!(
        "#!/bin/sh
set -e
case \"$1 $2\" in
  'view @seamapi/types') echo 1.1.0 ;;
  'pack @seamapi/types@1.1.0')
    tar -czf seamapi-types-1.1.0.tgz -C '{}' package
    echo seamapi-types-1.1.0.tgz ;;
  *) echo \"npm error code E404\" >&2; exit 1 ;;
esac
",
        dir.join("registry").display()
    );
    write("npm.sh", &script);
    let npm = dir.join("npm.sh");
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&npm)
        .status()
        .unwrap();
    Tools::with(npm, "node")
}

/// Every file under `dir`, with its contents.
fn contents(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let key = path.strip_prefix(dir).unwrap().display().to_string();
                out.insert(key, std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }
    out
}

#[test]
fn a_new_version_replaces_the_spec_regenerates_and_bumps_the_crate() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let tools = workspace(root);
    let options = Options {
        version: None,
        diff_out: Some(root.join("diff.md")),
    };
    run(root, &options, &tools).unwrap();

    let spec = std::fs::read_to_string(root.join("spec/seam-connect.json")).unwrap();
    let paths = |text: &str| -> Vec<String> {
        let doc: serde_json::Value = serde_yaml::from_str(text).unwrap();
        doc["paths"].as_object().unwrap().keys().cloned().collect()
    };
    let new_paths = paths(&spec);
    assert!(!new_paths.contains(&"/client_sessions/delete".to_string()));
    assert!(new_paths.contains(&"/client_sessions/create".to_string()));
    let fixture = std::fs::read_to_string(root.join(FIXTURE)).unwrap();
    assert_eq!(paths(&fixture), new_paths);
    assert_eq!(
        std::fs::read_to_string(root.join(SOURCE)).unwrap(),
        "# Where the spec comes from.\npackage = \"@seamapi/types\"\nversion = \"1.1.0\"\n"
    );
    // Removing an operation is breaking: 0.1.0 → 0.2.0, comments kept.
    assert_eq!(
        std::fs::read_to_string(root.join("xtask/targets.toml")).unwrap(),
        TARGETS.replace("version = \"0.1.0\"", "version = \"0.2.0\"")
    );
    let manifest = std::fs::read_to_string(root.join("generated/Cargo.toml")).unwrap();
    assert!(manifest.contains("\nversion = \"0.2.0\"\n"), "{manifest}");
    let operations =
        std::fs::read_to_string(root.join("generated/src/client_sessions.rs")).unwrap();
    assert!(operations.contains("pub fn create(") && !operations.contains("pub fn delete("));
    assert!(root
        .join("generator/tests/crates/client_sessions/src/client_sessions.rs")
        .is_file());

    let changelog = std::fs::read_to_string(root.join("generated/CHANGELOG.md")).unwrap();
    assert!(
        changelog.starts_with(
            "# Changelog of the `seam` crate\n\n## 0.2.0\n\nFrom @seamapi/types 1.1.0 (was 1.0.0).\n\nSemver: **breaking**."
        ),
        "{changelog}"
    );
    assert!(changelog.contains("- **breaking** operation removed `client_sessions().delete()`\n"));
    assert!(
        changelog.ends_with("\n### Other changes\n\n- A fix.\n"),
        "{changelog}"
    );
    let diff = std::fs::read_to_string(root.join("diff.md")).unwrap();
    assert!(diff
        .starts_with("## API changes from @seamapi/types 1.0.0 to 1.1.0\n\nSemver: **breaking**."));

    // Once current, nothing changes.
    let before = contents(root);
    run(
        root,
        &Options {
            version: None,
            diff_out: None,
        },
        &tools,
    )
    .unwrap();
    assert_eq!(contents(root), before);
}

#[test]
fn a_version_that_does_not_exist_or_a_missing_npm_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let tools = workspace(root);
    let before = contents(root);
    let options = Options {
        version: Some("9.9.9".into()),
        diff_out: None,
    };
    let err = run(root, &options, &tools).unwrap_err();
    assert_eq!(err, "@seamapi/types@9.9.9 is not on the npm registry");
    assert_eq!(contents(root), before);

    let err = run(root, &options, &Tools::with(root.join("no-npm"), "node")).unwrap_err();
    assert!(err.contains("is not installed (or not on PATH)"), "{err}");
    let err = run(
        root,
        &Options {
            version: Some("next".into()),
            diff_out: None,
        },
        &tools,
    )
    .unwrap_err();
    assert_eq!(err, "`next` is not a version of the form MAJOR.MINOR.PATCH");
    assert_eq!(contents(root), before);
}

#[test]
fn versions_bump_by_impact() {
    assert_eq!(bump("0.1.3", Impact::Breaking).unwrap(), "0.2.0");
    assert_eq!(bump("1.4.3", Impact::Breaking).unwrap(), "2.0.0");
    assert_eq!(bump("0.1.3", Impact::Additive).unwrap(), "0.1.4");
    assert_eq!(bump("1.4.3", Impact::DocsOnly).unwrap(), "1.4.4");
    assert_eq!(bump("1.4.3", Impact::None).unwrap(), "1.4.3");
    assert!(bump("1.4", Impact::None).is_err());
    assert!(bump(&format!("1.2.{}", u64::MAX), Impact::Additive).is_err());
}
