//! The API diff of two committed versions of a small API, whose
//! differences are known: every kind of change, with its semver impact.

use std::path::Path;

use openapi_clientgen::config::Config;
use openapi_clientgen::diff::{diff, Impact};

fn api(file: &str) -> openapi_clientgen::ir::Api {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/api_diff")
        .join(file);
    openapi_clientgen::lower_file(&path, &Config::generic("shelter")).unwrap()
}

#[test]
fn the_diff_of_two_versions_lists_each_change_by_route_group() {
    let changes = diff(&api("v1.yaml"), &api("v2.yaml"));
    assert_eq!(changes.impact, Impact::Breaking);
    insta::assert_snapshot!(
        "api_diff_markdown",
        changes.markdown("API changes from 1.0.0 to 2.0.0")
    );
    insta::assert_snapshot!(
        "api_diff_json",
        serde_json::to_string_pretty(&changes).unwrap()
    );
}

#[test]
fn the_reverse_diff_undoes_each_change() {
    let forward = diff(&api("v1.yaml"), &api("v2.yaml"));
    let back = diff(&api("v2.yaml"), &api("v1.yaml"));
    let count = |d: &openapi_clientgen::diff::ApiDiff, what: &str| {
        d.groups
            .iter()
            .flat_map(|g| &g.changes)
            .filter(|c| c.what == what)
            .count()
    };
    for (there, back_again) in [
        ("operation added", "operation removed"),
        ("type added", "type removed"),
        ("enum value added", "enum value removed"),
        ("field added", "field removed"),
    ] {
        assert_eq!(count(&forward, there), count(&back, back_again), "{there}");
        assert!(count(&forward, there) > 0, "the fixture has an {there}");
    }
    let added =
        count(&forward, "optional parameter added") + count(&forward, "required parameter added");
    assert_eq!((added, count(&back, "parameter removed")), (2, 2));
}
