//! Snapshots of the intermediate model for the fixture specs: the
//! client-sessions part of Seam's spec, the edge-case fixture, an ordinary
//! (Petstore) spec, a file-sharing spec (form and multipart bodies, basic
//! and cookie credentials), a spec with its API key in the query, an
//! OpenAPI 3.1 document, the ways lists page, and conventions declared in a
//! file (an envelope, polling, a cursor). The
//! emitted code's snapshots are the committed crates themselves
//! (`generated/`, `generator/tests/crates/*`): workspace members, compiled
//! and tested, kept current by `tests/stale.rs`.

mod common;

use openapi_clientgen::{emit, targets};

fn ir_snapshot(crate_name: &str) -> serde_json::Value {
    let target = common::target(crate_name);
    let api = openapi_clientgen::lower_file(&target.spec, &target.config).unwrap();
    serde_json::to_value(api).unwrap()
}

#[test]
fn ir_of_client_sessions_spec() {
    insta::assert_yaml_snapshot!("ir_client_sessions", ir_snapshot("client-sessions"));
}

#[test]
fn ir_of_edge_cases() {
    insta::assert_yaml_snapshot!("ir_edge_cases", ir_snapshot("edge-cases"));
}

#[test]
fn ir_of_petstore() {
    insta::assert_yaml_snapshot!("ir_petstore", ir_snapshot("petstore"));
}

#[test]
fn ir_of_files() {
    insta::assert_yaml_snapshot!("ir_files", ir_snapshot("files"));
}

#[test]
fn ir_of_query_key() {
    insta::assert_yaml_snapshot!("ir_query_key", ir_snapshot("query-key"));
}

#[test]
fn ir_of_openapi31() {
    insta::assert_yaml_snapshot!("ir_openapi31", ir_snapshot("openapi31"));
}

#[test]
fn ir_of_pagination() {
    insta::assert_yaml_snapshot!("ir_pagination", ir_snapshot("pagination"));
}

#[test]
fn ir_of_jobs() {
    insta::assert_yaml_snapshot!("ir_jobs", ir_snapshot("jobs"));
}

#[test]
fn output_is_deterministic() {
    for target in common::targets() {
        let first = targets::generate(&target).unwrap();
        // Again on another thread (other hash seeds), and formatted on one
        // thread and on five.
        let second = std::thread::spawn({
            let target = target.clone();
            move || targets::generate(&target).unwrap()
        })
        .join()
        .unwrap();
        let api = openapi_clientgen::lower_file(&target.spec, &target.config).unwrap();
        let plan = emit::Plan::new(&api).unwrap();
        assert_eq!(
            first,
            second,
            "{} differs between runs",
            target.spec.display()
        );
        for threads in [1, 5] {
            let run = emit::format_on(plan.files().unwrap(), threads).unwrap();
            assert_eq!(
                first,
                run,
                "{} differs when formatted on {threads} threads",
                target.spec.display()
            );
        }
    }
}
