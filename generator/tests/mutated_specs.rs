//! The pipeline never panics and never emits code that does not parse,
//! whatever the spec: the fixtures are mutated at random (a node deleted
//! or replaced by a value of another type, a component renamed, a `$ref`
//! pointed elsewhere or at itself, deep nesting, huge enums) and must give
//! either a crate or an error. Specs that once broke the generator live in
//! `tests/corpus/` and are checked on every run.

use std::path::Path;

use openapi_clientgen::config::Config;
use openapi_clientgen::emit;
use openapi_clientgen::profile::Profile;
use openapi_clientgen::{load, lower, Error};
use proptest::prelude::*;
use serde_json::{json, Value};

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("a fixture");
    serde_yaml::from_str(&text).expect("a YAML fixture")
}

/// Either profile, half the cases each (by the text, so a failing case
/// reproduces).
fn config_for(text: &str) -> Config {
    let mut config = Config::generic("mutated");
    if text.len() % 2 == 0 {
        config.conventions = Profile::Seam.conventions();
    }
    config
}

/// Loads, lowers and emits `text`; an error is fine, unless it says the
/// generator emitted code that does not parse.
fn generate(file: &str, text: &str) -> Result<(), String> {
    let result = load::parse(Path::new(file), text)
        .and_then(|spec| lower::lower(&spec, &config_for(text)))
        .and_then(|api| emit::emit(&api));
    match result {
        Err(Error::Emit { file, message }) => Err(format!("emitted bad code in {file}: {message}")),
        Err(Error::Spec { pointer, .. }) if !pointer.starts_with('#') => {
            Err(format!("error without a JSON pointer: {pointer}"))
        }
        _ => Ok(()),
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    /// Removes the node from its parent.
    Delete,
    /// Puts another value in its place.
    Replace(Value),
    /// Renames an object's key (a component, a property, a path).
    Rename(String),
    /// Replaces the node with a `$ref` to a component, maybe missing or itself.
    Ref(String),
    /// Wraps the node in many levels of nesting.
    Nest(usize),
    /// Replaces the node with a string enum of many values.
    BigEnum(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let names = prop::sample::select(vec![
        "Pet",
        "Category",
        "Store",
        "Widget",
        "Shape",
        "client_session",
        "missing",
        "",
    ]);
    prop_oneof![
        Just(Mutation::Delete),
        prop::sample::select(vec![
            Value::Null,
            json!(true),
            json!(-1),
            json!(1.5e300),
            json!("string"),
            json!([]),
            json!({}),
            json!({"type": "object", "properties": {"x": {"type": "array"}}}),
            json!({"oneOf": []}),
            json!({"allOf": [{"$ref": "#/components/schemas/Pet"}, {"type": "string"}]}),
            json!({"type": "string", "enum": [1, null, "a", "a"]}),
            json!({"type": "integer", "format": "int128", "minimum": "low"}),
        ])
        .prop_map(Mutation::Replace),
        names.clone().prop_map(|n| Mutation::Rename(n.to_string())),
        names.prop_map(|n| Mutation::Ref(format!("#/components/schemas/{n}"))),
        (1usize..200).prop_map(Mutation::Nest),
        (0usize..3000).prop_map(Mutation::BigEnum),
    ]
}

fn child_mut(value: &mut Value, index: usize) -> Option<&mut Value> {
    match value {
        Value::Object(map) => map.values_mut().nth(index),
        Value::Array(items) => items.get_mut(index),
        _ => None,
    }
}

/// Follows `steps` into `value` (each picks a child, modulo the number of
/// children) and applies `mutation` where the walk ends.
fn mutate(value: &mut Value, steps: &[usize], mutation: &Mutation) {
    let children = match value {
        Value::Object(map) => map.len(),
        Value::Array(items) => items.len(),
        _ => 0,
    };
    if let (Some((&step, rest)), true) = (steps.split_first(), children > 0) {
        let index = step % children;
        if rest.is_empty() {
            match (&mut *value, mutation) {
                (Value::Object(map), Mutation::Delete) => {
                    if let Some(key) = map.keys().nth(index).cloned() {
                        map.shift_remove(&key);
                    }
                    return;
                }
                (Value::Array(items), Mutation::Delete) => {
                    items.remove(index);
                    return;
                }
                (Value::Object(map), Mutation::Rename(name)) => {
                    if let Some(key) = map.keys().nth(index).cloned() {
                        if let Some(child) = map.shift_remove(&key) {
                            map.insert(name.clone(), child);
                        }
                    }
                    return;
                }
                _ => {}
            }
        }
        if let Some(child) = child_mut(value, index) {
            mutate(child, rest, mutation);
        }
        return;
    }
    *value = match mutation {
        Mutation::Delete | Mutation::Rename(_) => Value::Null,
        Mutation::Replace(v) => v.clone(),
        Mutation::Ref(to) => json!({ "$ref": to }),
        Mutation::Nest(depth) => {
            let mut nested = value.take();
            for _ in 0..*depth {
                nested = json!({"type": "object", "properties": {"inner": nested}});
            }
            nested
        }
        Mutation::BigEnum(n) => {
            let values: Vec<String> = (0..*n).map(|i| format!("value {i}")).collect();
            json!({"type": "string", "enum": values})
        }
    };
}

proptest! {
    // A bounded pass in every test run; `MUTATION_CASES=20000` for a long hunt.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("MUTATION_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(96),
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_specs_give_a_crate_or_an_error(
        which in 0usize..6,
        steps in prop::collection::vec(any::<usize>(), 0..9),
        mutation in mutation(),
    ) {
        let name = [
            "petstore.yaml",
            "edge_cases.yaml",
            "client_sessions.yaml",
            "files.yaml",
            "query_key.yaml",
            "openapi31.yaml",
        ][which];
        let mut spec = fixture(name);
        mutate(&mut spec, &steps, &mutation);
        let text = serde_json::to_string(&spec).unwrap_or_default();
        if let Err(problem) = generate("mutated.json", &text) {
            prop_assert!(false, "{problem}\n{text}");
        }
    }
}

/// Every spec in `tests/corpus/` once broke the generator.
#[test]
fn corpus_specs_give_a_crate_or_an_error() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    for path in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if let Err(problem) = generate(name, &text) {
            panic!("{}: {problem}", path.display());
        }
    }
}

/// Deep nesting generates on a thread with a 2 MiB stack (as test harnesses
/// and async runtimes give), and too deep is an error, not a stack
/// overflow: JSON and YAML are read to 5,000 levels.
#[test]
fn deep_nesting_fits_on_a_small_thread() {
    let cases = [
        (60, false),
        (60, true),
        (400, true),
        (600, false),
        (3_000, false),
        (3_000, true),
    ];
    for (depth, yaml) in cases {
        // Written out, not built as a `Value`, which would nest as deep:
        // YAML in block style (as YAML tools write it), JSON on one line.
        let mut spec = fixture("files.yaml");
        spec["components"]["schemas"]["Problem"] = json!("NESTED");
        let (file, text) = if yaml {
            let text = serde_yaml::to_string(&spec).unwrap_or_default();
            let line = text.lines().find(|l| l.trim() == "Problem: NESTED");
            let indent = line.map_or(0, |l| l.len() - l.trim_start().len());
            let mut nested = String::from("Problem:\n");
            for level in 0..depth {
                let pad = " ".repeat(indent + 2 + 4 * level);
                nested.push_str(&format!(
                    "{pad}type: object\n{pad}properties:\n{pad}  inner:\n"
                ));
            }
            nested.push_str(&format!(
                "{}type: string",
                " ".repeat(indent + 2 + 4 * depth)
            ));
            ("deep.yaml", text.replace("Problem: NESTED", &nested))
        } else {
            let open = r#"{"type": "object", "properties": {"inner": "#.repeat(depth);
            let close = "}}".repeat(depth);
            let text = serde_json::to_string(&spec).unwrap_or_default().replace(
                r#""NESTED""#,
                &format!(r#"{open}{{"type": "string"}}{close}"#),
            );
            ("deep.json", text)
        };
        let outcome = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || {
                load::parse(Path::new(file), &text)
                    .and_then(|spec| lower::lower(&spec, &Config::generic("deep")))
                    .and_then(|api| emit::emit(&api))
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            })
            .map(|thread| thread.join())
            .map(|joined| joined.map_err(|_| "panicked".to_string()));
        match (depth, outcome) {
            (60 | 400 | 600, Ok(Ok(Ok(())))) => {}
            (3_000, Ok(Ok(Err(message)))) if yaml => assert!(
                message.contains("#/components/schemas/Problem/properties/inner")
                    && message.contains("recursion limit"),
                "{file}: {message}"
            ),
            (3_000, Ok(Ok(Err(message)))) => assert!(
                message.starts_with("deep.json:1:") && message.contains("deeper than 5000 levels"),
                "{file}: {message}"
            ),
            (_, other) => panic!("depth {depth} in {file}: {other:?}"),
        }
    }
}
