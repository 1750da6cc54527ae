//! The `openapi-clientgen` command, as a user runs it.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_openapi-clientgen"))
        .args(args)
        .current_dir(common::root())
        .output()
        .unwrap_or_else(|e| panic!("cannot run openapi-clientgen: {e}"))
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const PETSTORE: &str = "generator/tests/fixtures/petstore.yaml";

#[test]
fn generate_writes_the_crate_that_xtask_codegen_commits() {
    // The committed Petstore crate is what the command generates, so
    // `--check` finds it current.
    let check = run(&[
        "generate",
        PETSTORE,
        "-o",
        "generator/tests/crates/petstore",
        "--name",
        "petstore",
        "--check",
    ]);
    assert!(check.status.success(), "{}", stderr(&check));

    let dir =
        std::env::temp_dir().join(format!("openapi-clientgen-command-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = dir.to_string_lossy().into_owned();
    let generated = run(&["generate", PETSTORE, "-o", &out]);
    assert!(generated.status.success(), "{}", stderr(&generated));
    assert!(
        stderr(&generated).contains("generated crate `pet-store`"),
        "{}",
        stderr(&generated)
    );
    for file in ["Cargo.toml", "README.md", "src/lib.rs", "src/pets.rs"] {
        assert!(dir.join(file).is_file(), "{file} missing");
    }

    // A file edited by hand is reported by `--check`, which writes nothing.
    std::fs::write(dir.join("src/pets.rs"), "// edited\n").unwrap();
    let stale = run(&["generate", PETSTORE, "-o", &out, "--check"]);
    assert!(!stale.status.success());
    assert!(stderr(&stale).contains("src/pets.rs"), "{}", stderr(&stale));
    assert_eq!(
        std::fs::read_to_string(dir.join("src/pets.rs")).unwrap(),
        "// edited\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn dump_ir_prints_the_model_and_bad_input_is_a_clear_error() {
    let dump = run(&["generate", PETSTORE, "--dump-ir"]);
    assert!(dump.status.success(), "{}", stderr(&dump));
    let api: serde_json::Value = serde_json::from_slice(&dump.stdout).unwrap();
    assert_eq!(api["client"]["crate_name"], "pet-store");

    let no_out = run(&["generate", PETSTORE]);
    assert!(!no_out.status.success());
    assert!(
        stderr(&no_out).contains("-o DIR is required"),
        "{}",
        stderr(&no_out)
    );

    let missing = run(&["generate", "no/such/spec.yaml", "-o", "x"]);
    assert!(!missing.status.success());
    assert!(
        stderr(&missing).contains("no/such/spec.yaml"),
        "{}",
        stderr(&missing)
    );
    assert!(!Path::new("x").exists());

    let bad_name = run(&["generate", PETSTORE, "-o", "x", "--name", "9 lives"]);
    assert!(!bad_name.status.success());
    assert!(
        stderr(&bad_name).contains("not a package name"),
        "{}",
        stderr(&bad_name)
    );
}

#[test]
fn a_conventions_file_shapes_the_crate_and_bad_ones_are_clear_errors() {
    // The committed `jobs` crate is what the command makes of its spec
    // and conventions file, which it reports.
    let check = run(&[
        "generate",
        "generator/tests/fixtures/jobs.yaml",
        "-o",
        "generator/tests/crates/jobs",
        "--name",
        "jobs",
        "--conventions",
        "generator/tests/fixtures/jobs.toml",
        "--check",
    ]);
    assert!(check.status.success(), "{}", stderr(&check));
    let dump = run(&[
        "generate",
        "generator/tests/fixtures/jobs.yaml",
        "--dump-ir",
        "--conventions",
        "generator/tests/fixtures/jobs.toml",
    ]);
    let api: serde_json::Value = serde_json::from_slice(&dump.stdout).unwrap();
    assert_eq!(api["client"]["polling"]["wait_switch"], "wait_for_job");

    let dir = std::env::temp_dir().join(format!("openapi-clientgen-conv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "[envelope]\nkey = 7\n").unwrap();
    let bad = bad.to_string_lossy().into_owned();
    let refused = run(&["generate", PETSTORE, "--dump-ir", "--conventions", &bad]);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("bad.toml"),
        "{}",
        stderr(&refused)
    );
    assert!(stderr(&refused).contains("key"), "{}", stderr(&refused));
    let both = run(&[
        "generate",
        PETSTORE,
        "--dump-ir",
        "--conventions",
        &bad,
        "--profile",
        "seam",
    ]);
    assert!(!both.status.success());
    let _ = std::fs::remove_dir_all(&dir);
}
