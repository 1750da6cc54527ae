//! A crate offers the credentials its spec declares, and no others.

use openapi_clientgen::config::{Config, Target};
use openapi_clientgen::targets;

/// The generated files of a spec with these security schemes, by path.
fn generate(schemes: &str) -> std::collections::BTreeMap<String, String> {
    let dir = std::env::temp_dir().join(format!(
        "openapi-clientgen-credentials-{}-{}",
        std::process::id(),
        schemes.len()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("spec.yaml");
    std::fs::write(
        &spec,
        format!(
            "openapi: 3.0.3
info: {{title: Messages, version: '1'}}
servers: [{{url: 'https://api.example.com'}}]
security: [{{basic: []}}]
paths:
  /messages:
    get:
      operationId: listMessages
      responses: {{'200': {{description: OK, content: {{application/json: {{schema: {{type: string}}}}}}}}}}
components:
  securitySchemes:
{schemes}
"
        ),
    )
    .unwrap();
    let target = Target {
        spec,
        out: dir.join("out"),
        config: Config::generic("messages"),
    };
    let files = targets::generate(&target).unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    files
        .into_iter()
        .map(|f| (f.path.clone(), f.contents.clone()))
        .collect()
}

#[test]
fn a_spec_with_only_basic_auth_offers_no_api_key() {
    let files = generate("    basic: {type: http, scheme: basic}");
    let (auth, lib, spec, readme) = (
        &files["src/auth.rs"],
        &files["src/lib.rs"],
        &files["src/spec.rs"],
        &files["README.md"],
    );
    assert!(auth.contains("pub fn basic_auth("), "{auth}");
    assert!(!auth.contains("pub fn api_key("), "{auth}");
    assert!(!auth.contains("pub fn new("), "{auth}");
    assert!(!spec.contains("ENV_API_KEY"), "{spec}");
    assert!(!lib.contains("ENV_API_KEY"), "{lib}");
    assert!(spec.contains("\"set basic auth\""), "{spec}");
    assert!(!readme.contains("MESSAGES_API_KEY"), "{readme}");
    assert!(
        readme.contains("basic_auth(username, password)"),
        "{readme}"
    );
}

#[test]
fn a_spec_with_an_api_key_offers_it_where_the_scheme_says() {
    let files = generate(
        "    basic: {type: http, scheme: basic}\n    key: {type: apiKey, in: header, name: X-Key}",
    );
    assert!(files["src/auth.rs"].contains("pub fn api_key("));
    assert!(files["src/spec.rs"].contains("\"MESSAGES_API_KEY\""));
    assert!(files["src/spec.rs"].contains("ApiKeyIn::Header"));
    assert!(files["src/spec.rs"].contains("\"x-key\""));
    assert!(files["README.md"].contains("sent in the `x-key` header"));
}
