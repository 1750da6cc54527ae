//! The one staleness check: fails when a committed generated crate is out
//! of date with its spec, the generator, the runtime or the templates, and
//! names the command that fixes it. Committed targets must also generate
//! without warnings.

mod common;

use openapi_clientgen::targets;

#[test]
fn generated_crates_are_up_to_date() {
    let mut stale = Vec::new();
    for target in common::targets() {
        let (files, warnings) = targets::generate_with_warnings(&target)
            .unwrap_or_else(|e| panic!("codegen failed: {e}"));
        assert!(
            warnings.is_empty(),
            "committed targets generate without warnings:\n  {}",
            warnings.join("\n  ")
        );
        stale.extend(targets::check(&target.out, &files));
    }
    assert!(
        stale.is_empty(),
        "generated code is out of date; run `cargo xtask codegen`:\n  {}",
        stale.join("\n  ")
    );
}

#[test]
fn check_reports_changed_missing_and_extra_files() {
    let dir = std::env::temp_dir().join(format!("openapi-clientgen-check-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let files = targets::generate(&common::target("edge-cases")).unwrap();
    targets::write(&dir, &files).unwrap();
    assert!(targets::check(&dir, &files).is_empty());

    std::fs::write(dir.join("src/types/mod.rs"), "// edited\n").unwrap();
    std::fs::remove_file(dir.join("README.md")).unwrap();
    std::fs::write(dir.join("src/old.rs"), "// left over\n").unwrap();
    let mut problems = targets::check(&dir, &files);
    problems.sort();
    let problems: Vec<String> = problems
        .iter()
        .map(|p| p.replace(&dir.display().to_string(), "OUT"))
        .collect();
    assert_eq!(
        problems,
        [
            "OUT/README.md: missing",
            "OUT/src/old.rs: not generated any more",
            "OUT/src/types/mod.rs: differs"
        ]
    );

    // Writing again restores the crate and removes the stale file.
    targets::write(&dir, &files).unwrap();
    assert!(targets::check(&dir, &files).is_empty());
    assert!(!dir.join("src/old.rs").exists());
    let _ = std::fs::remove_dir_all(&dir);
}
