//! Helpers shared by the generator's integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

use openapi_clientgen::targets::{self, Target};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default()
}

pub fn targets() -> Vec<Target> {
    targets::default_targets(&root()).unwrap_or_else(|e| panic!("{e}"))
}

pub fn target(crate_name: &str) -> Target {
    targets()
        .into_iter()
        .find(|t| t.config.crate_name == crate_name)
        .unwrap_or_else(|| panic!("no target named {crate_name}"))
}
