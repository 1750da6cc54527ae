//! Specs in several files: every `$ref` to another file (a path relative to
//! the file that holds the reference, YAML or JSON, with or without a
//! fragment) is read from disk and brought into the one document.
//!
//! - A schema referenced from another file becomes a component of the
//!   document (`#/components/schemas/Pet` for `./pet.yaml#/Pet`), once per
//!   target however many places refer to it, so recursion across files is
//!   kept as recursion. A root component that is only a reference to a
//!   schema elsewhere (`Pet: {$ref: ./pet.yaml}`) takes that schema in.
//! - Anything else (a path item, a parameter, a response, a request body,
//!   a header) is copied where it is referenced, its own references read
//!   the same way; a cycle of such copies is an error.
//! - References inside another file to that file's own nodes (`#/Owner`)
//!   are references to that file; references back to the root document
//!   are references into the document.
//!
//! Remote URLs are not fetched: a reference to one is an error that says so.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::error::{pointer_push, Error, Result};

/// Whether `text` may hold a `$ref` to another file: one whose value does
/// not start with `#`. A cheap look at the text, linear in its length.
pub(crate) fn has_external_ref(text: &str) -> bool {
    memchr::memmem::find_iter(text.as_bytes(), "$ref").any(|at| {
        // `$ref` is ASCII, so `at + 4` is a character boundary.
        let after = text[at + 4..].trim_start_matches(['"', '\'']);
        let value = after
            .trim_start()
            .strip_prefix(':')
            .map(|v| v.trim_start().trim_start_matches(['"', '\'']));
        value.is_some_and(|v| !v.starts_with('#') && !v.is_empty())
    })
}

/// Brings every node `doc` (read from `root`) references in other files
/// into `doc`.
pub(crate) fn bundle(root: &Path, doc: &mut Value) -> Result<()> {
    let root = canonical(root).unwrap_or_else(|| root.to_path_buf());
    let mut bundler = Bundler {
        root: root.clone(),
        files: HashMap::new(),
        names: HashMap::new(),
        taken: HashSet::new(),
        added: Vec::new(),
        copying: Vec::new(),
        copies: 0,
    };
    // Root components that only point at a schema elsewhere are that
    // schema: their names are claimed first, so that every reference to
    // the same target names them, then the schema is brought in.
    let mut aliases = Vec::new();
    if let Some(Value::Object(schemas)) = doc.pointer("/components/schemas") {
        for (name, schema) in schemas {
            bundler.taken.insert(name.clone());
            if let Some(reference) = ref_of(schema).filter(|r| !r.starts_with('#')) {
                aliases.push((name.clone(), reference.to_string()));
            }
        }
    }
    let mut targets = Vec::new();
    for (name, reference) in &aliases {
        let at = pointer_push(&pointer_push("#/components/schemas", name), "$ref");
        let target = bundler.target(&root, reference, &at)?;
        if target.0 != root && !bundler.names.contains_key(&target) {
            bundler.names.insert(target.clone(), name.clone());
            targets.push((name, target, at));
        }
    }
    for (name, target, at) in targets {
        let mut schema = bundler.node(&target, &root, &at)?;
        bundler.walk(
            &mut schema,
            &target.0,
            Context::Schema,
            &format!("#{}", target.1),
        )?;
        if let Some(slot) = doc
            .pointer_mut("/components/schemas")
            .and_then(|s| s.get_mut(name.as_str()))
        {
            *slot = schema;
        }
    }
    bundler.walk(doc, &root, Context::Document, "#")?;
    if bundler.added.is_empty() {
        return Ok(());
    }
    let Value::Object(top) = doc else {
        return Ok(());
    };
    let components = top
        .entry("components")
        .or_insert_with(|| Value::Object(Map::new()));
    if !components.is_object() {
        *components = Value::Object(Map::new());
    }
    let schemas = components.as_object_mut().map(|c| {
        c.entry("schemas")
            .or_insert_with(|| Value::Object(Map::new()))
    });
    if let Some(Value::Object(schemas)) = schemas {
        for (name, schema) in bundler.added {
            schemas.insert(name, schema);
        }
    }
    Ok(())
}

/// What the node being walked is: part of the document (or of a path
/// item, parameter, response…), a schema, a map or list of schemas, or
/// data that is copied as it is (examples, defaults, enums).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Document,
    Schema,
    Schemas,
    Data,
}

/// A referenced node: its file and the JSON pointer in it (`""` for the
/// whole file).
type Target = (PathBuf, String);

struct Bundler {
    root: PathBuf,
    /// Files read, by canonical path.
    files: HashMap<PathBuf, Value>,
    /// The component name of each schema brought in.
    names: HashMap<Target, String>,
    /// Component names in use.
    taken: HashSet<String>,
    /// The components brought in, in the order they were met.
    added: Vec<(String, Value)>,
    /// The non-schema nodes being copied, to refuse a cycle of copies.
    copying: Vec<Target>,
    /// Nodes copied so far: nodes that each refer to the next several
    /// times would otherwise multiply without end.
    copies: usize,
}

/// The most nodes of other files copied into one document.
const MAX_COPIES: usize = 100_000;

impl Bundler {
    /// Walks `node`, which is at `at` in `file`.
    fn walk(&mut self, node: &mut Value, file: &Path, context: Context, at: &str) -> Result<()> {
        if context == Context::Data {
            return Ok(());
        }
        match node {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get("$ref") {
                    let reference = reference.clone();
                    if matches!(context, Context::Document | Context::Schema) {
                        return self.reference(node, file, &reference, context, at);
                    }
                }
                for (key, value) in map.iter_mut() {
                    let inner = pointer_push(at, key);
                    if context == Context::Schemas {
                        self.walk(value, file, Context::Schema, &inner)?;
                    } else if context == Context::Schema && key == "discriminator" {
                        self.mapping(value, file, &inner)?;
                    } else {
                        self.walk(value, file, child(context, key), &inner)?;
                    }
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter_mut().enumerate() {
                    let inner = pointer_push(at, &index.to_string());
                    self.walk(item, file, context, &inner)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A node that is `{$ref: reference}` (beside anything else, which a
    /// reference in OpenAPI 3.0 ignores).
    fn reference(
        &mut self,
        node: &mut Value,
        file: &Path,
        reference: &str,
        context: Context,
        at: &str,
    ) -> Result<()> {
        if file == self.root && reference.starts_with('#') {
            return Ok(());
        }
        let at = pointer_push(at, "$ref");
        let target = self.target(file, reference, &at)?;
        if target.0 == self.root {
            // Back into the document.
            *node = reference_to(&target.1);
            return Ok(());
        }
        if context == Context::Schema {
            let name = self.component(&target, file, &at)?;
            *node = reference_to(&pointer_push("/components/schemas", &name));
            return Ok(());
        }
        if self.copying.contains(&target) {
            return Err(self.error(
                file,
                &at,
                format!("`{reference}` refers back to itself through other files"),
            ));
        }
        self.copies += 1;
        if self.copies > MAX_COPIES {
            return Err(self.error(
                file,
                &at,
                format!(
                    "more than {MAX_COPIES} nodes of other files are copied in: `{reference}` \
                     is part of references that multiply"
                ),
            ));
        }
        let mut copy = self.node(&target, file, &at)?;
        self.copying.push(target.clone());
        let walked = self.walk(&mut copy, &target.0, context, &format!("#{}", target.1));
        self.copying.pop();
        walked?;
        *node = copy;
        Ok(())
    }

    /// The component name of the schema at `target`, brought in the first
    /// time it is met.
    fn component(&mut self, target: &Target, file: &Path, at: &str) -> Result<String> {
        if let Some(name) = self.names.get(target) {
            return Ok(name.clone());
        }
        let mut schema = self.node(target, file, at)?;
        let name = self.claim(target);
        // Named before its references are walked, so a cycle ends here.
        self.names.insert(target.clone(), name.clone());
        self.added.push((name.clone(), Value::Null));
        self.walk(
            &mut schema,
            &target.0,
            Context::Schema,
            &format!("#{}", target.1),
        )?;
        if let Some(slot) = self.added.iter_mut().find(|(n, _)| *n == name) {
            slot.1 = schema;
        }
        Ok(name)
    }

    /// A free component name for `target`: its pointer's last part, else
    /// the file's name without its extension, made of the characters a
    /// component name may hold.
    fn claim(&mut self, target: &Target) -> String {
        let last = target.1.rsplit('/').next().unwrap_or("");
        let base = match last.is_empty() {
            false => last.replace("~1", "/").replace("~0", "~"),
            true => target
                .0
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
        };
        let base: String = base
            .chars()
            .map(|c| match c.is_ascii_alphanumeric() || "._-".contains(c) {
                true => c,
                false => '_',
            })
            .collect();
        let base = if base.is_empty() {
            "Schema".into()
        } else {
            base
        };
        let mut name = base.clone();
        let mut n = 2;
        while self.taken.contains(&name) || self.added.iter().any(|(a, _)| *a == name) {
            name = format!("{base}{n}");
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }

    /// A discriminator's `mapping`, whose values are references too.
    fn mapping(&mut self, discriminator: &mut Value, file: &Path, at: &str) -> Result<()> {
        let Some(Value::Object(mapping)) = discriminator.get_mut("mapping") else {
            return Ok(());
        };
        for (key, value) in mapping.iter_mut() {
            let Value::String(reference) = value else {
                continue;
            };
            // A bare name is a component's name.
            let bare_name = !reference.contains(['#', '/', '.']);
            if bare_name || (file == self.root && reference.starts_with('#')) {
                continue;
            }
            let at = pointer_push(&pointer_push(at, "mapping"), key);
            let reference = reference.clone();
            let target = self.target(file, &reference, &at)?;
            *value = Value::String(match target.0 == self.root {
                true => format!("#{}", target.1),
                false => format!(
                    "#{}",
                    pointer_push("/components/schemas", &self.component(&target, file, &at)?)
                ),
            });
        }
        Ok(())
    }

    /// The file and pointer `reference` (in `file`, at `at`) names, the
    /// file read if it is new.
    fn target(&mut self, file: &Path, reference: &str, at: &str) -> Result<Target> {
        let (path, fragment) = match reference.split_once('#') {
            Some((path, fragment)) => (path, fragment),
            None => (reference, ""),
        };
        if path.contains("://") || path.starts_with("//") {
            return Err(self.error(
                file,
                at,
                format!(
                    "`{reference}` is a remote reference, which is not fetched: save the file \
                     beside the spec and refer to it by a relative path"
                ),
            ));
        }
        let pointer = percent_encoding::percent_decode_str(fragment)
            .decode_utf8_lossy()
            .into_owned();
        if !pointer.is_empty() && !pointer.starts_with('/') {
            return Err(self.error(
                file,
                at,
                format!("`{reference}`: a fragment must be a JSON pointer (`#/…`)"),
            ));
        }
        if path.is_empty() {
            return Ok((file.to_path_buf(), pointer));
        }
        let joined = file.parent().unwrap_or(Path::new(".")).join(path);
        let Some(canonical) = canonical(&joined) else {
            return Err(self.error(
                file,
                at,
                format!("`{reference}`: cannot read `{}`", joined.display()),
            ));
        };
        if canonical != self.root && !self.files.contains_key(&canonical) {
            let value = read(&canonical)?;
            self.files.insert(canonical.clone(), value);
        }
        Ok((canonical, pointer))
    }

    /// A copy of the node at `target`, referred to from `file` at `at`.
    fn node(&self, target: &Target, file: &Path, at: &str) -> Result<Value> {
        let found = self
            .files
            .get(&target.0)
            .and_then(|value| value.pointer(&target.1));
        found.cloned().ok_or_else(|| {
            self.error(
                file,
                at,
                format!(
                    "`{}#{}` points at nothing in that file",
                    target.0.display(),
                    target.1
                ),
            )
        })
    }

    fn error(&self, file: &Path, at: &str, message: String) -> Error {
        Error::Spec {
            file: file.to_path_buf(),
            pointer: at.to_string(),
            message,
        }
    }
}

/// The context of the value under `key` of a node in `context`.
fn child(context: Context, key: &str) -> Context {
    match (context, key) {
        (Context::Document, "schema") => Context::Schema,
        (Context::Document, "schemas" | "definitions") => Context::Schemas,
        (Context::Document, "example") => Context::Data,
        (Context::Schema, "properties" | "patternProperties" | "definitions" | "$defs") => {
            Context::Schemas
        }
        (
            Context::Schema,
            "items"
            | "not"
            | "additionalProperties"
            | "allOf"
            | "oneOf"
            | "anyOf"
            | "prefixItems"
            | "contains"
            | "if"
            | "then"
            | "else"
            | "propertyNames",
        ) => Context::Schema,
        (Context::Schema, _) => Context::Data,
        (context, _) => context,
    }
}

/// The target of a node that is a `$ref`.
fn ref_of(node: &Value) -> Option<&str> {
    node.get("$ref").and_then(Value::as_str)
}

/// `{"$ref": "#<pointer>"}`.
fn reference_to(pointer: &str) -> Value {
    let mut map = Map::new();
    map.insert("$ref".into(), Value::String(format!("#{pointer}")));
    Value::Object(map)
}

fn canonical(path: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(path).ok()
}

/// Another file of the spec, as a value (YAML, which JSON is too, unless
/// its name ends in `.json`).
fn read(file: &Path) -> Result<Value> {
    let text = std::fs::read_to_string(file).map_err(|source| Error::Read {
        file: file.to_path_buf(),
        source,
    })?;
    let parsed = match file.extension().and_then(|e| e.to_str()) {
        Some("json") => serde_json::from_str(&text)
            .map_err(|e| (e.to_string(), Some(e.line()), Some(e.column()))),
        _ => {
            super::non_finite::check(file, &text)?;
            serde_yaml::from_str(&text).map_err(|e| {
                let location = e.location();
                (
                    e.to_string(),
                    location.as_ref().map(|l| l.line()),
                    location.as_ref().map(|l| l.column()),
                )
            })
        }
    };
    parsed.map_err(|(message, line, column)| Error::Parse {
        file: file.to_path_buf(),
        pointer: "#".into(),
        line,
        column,
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder of its own under the system's temporary folder, holding
    /// `files`; removed when dropped.
    struct Files(PathBuf);

    impl Files {
        fn new(name: &str, files: &[(&str, &str)]) -> Files {
            let dir = std::env::temp_dir().join(format!(
                "openapi-clientgen-bundle-{name}-{}",
                std::process::id()
            ));
            let _ = std::fs::remove_dir_all(&dir);
            for (path, text) in files {
                let path = dir.join(path);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, text).unwrap();
            }
            Files(dir)
        }

        fn bundle(&self, root: &str) -> Result<Value> {
            let path = self.0.join(root);
            let text = std::fs::read_to_string(&path).unwrap();
            let mut doc: Value = serde_yaml::from_str(&text).unwrap();
            bundle(&path, &mut doc).map(|()| doc)
        }
    }

    impl Drop for Files {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn a_non_finite_number_in_another_file_is_named() {
        let files = Files::new(
            "non-finite",
            &[
                (
                    "api.yaml",
                    "paths:\n  /a:\n    get:\n      x: {$ref: 'n.yaml#/N'}\n",
                ),
                ("n.yaml", "N:\n  type: number\n  maximum: -.inf\n"),
            ],
        );
        match files.bundle("api.yaml") {
            Err(Error::Spec { file, pointer, .. }) => {
                assert!(file.ends_with("n.yaml"), "{}", file.display());
                assert_eq!(pointer, "#/N/maximum");
            }
            other => panic!("expected the number named, got {other:?}"),
        }
    }

    #[test]
    fn references_to_other_files_are_seen_in_the_text() {
        assert!(has_external_ref("a:\n  $ref: pet.yaml\n"));
        assert!(has_external_ref(r#"{"$ref": "./pet.json#/Pet"}"#));
        assert!(has_external_ref("$ref: 'https://x.test/a.yaml'"));
        assert!(!has_external_ref(
            r##"{"$ref": "#/components/schemas/Pet"}"##
        ));
        assert!(!has_external_ref(
            "$ref: '#/a'\ndescription: the $ref keyword"
        ));
    }

    #[test]
    fn schemas_become_components_once_and_cycles_across_files_stay_cycles() {
        let files = Files::new(
            "cycle",
            &[
                (
                    "api.yaml",
                    "openapi: 3.0.3\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          content:\n            application/json:\n              schema: {$ref: 'schemas/a.yaml#/A'}\n",
                ),
                (
                    "schemas/a.yaml",
                    "A:\n  type: object\n  properties:\n    b: {$ref: 'b.yaml'}\n    again: {$ref: '#/A'}\n",
                ),
                (
                    "schemas/b.yaml",
                    "type: object\nproperties:\n  a: {$ref: './a.yaml#/A'}\n",
                ),
            ],
        );
        let doc = files.bundle("api.yaml").unwrap();
        let schema = "/paths/~1a/get/responses/200/content/application~1json/schema/$ref";
        assert_eq!(doc.pointer(schema).unwrap(), "#/components/schemas/A");
        let schemas = doc.pointer("/components/schemas").unwrap();
        assert_eq!(
            schemas["A"]["properties"]["b"]["$ref"],
            "#/components/schemas/b"
        );
        assert_eq!(
            schemas["A"]["properties"]["again"]["$ref"],
            "#/components/schemas/A"
        );
        assert_eq!(
            schemas["b"]["properties"]["a"]["$ref"],
            "#/components/schemas/A"
        );
        assert_eq!(schemas.as_object().unwrap().len(), 2);
    }

    #[test]
    fn other_nodes_are_copied_and_root_components_that_only_refer_are_filled_in() {
        let files = Files::new(
            "copy",
            &[
                (
                    "api.yaml",
                    "openapi: 3.0.3\npaths:\n  /a:\n    $ref: 'paths.yaml#/a'\ncomponents:\n  schemas:\n    Thing: {$ref: 'thing.json'}\n    Pet: {type: string}\n",
                ),
                (
                    "paths.yaml",
                    "a:\n  get:\n    parameters: [{$ref: '#/p'}]\n    responses:\n      '200':\n        content:\n          application/json:\n            schema: {$ref: 'thing.json'}\nb:\n  get: {}\np: {name: q, in: query, schema: {$ref: 'pet.yaml'}}\n",
                ),
                ("thing.json", r#"{"type": "object", "properties": {"id": {"type": "integer"}}}"#),
                ("pet.yaml", "type: integer\n"),
            ],
        );
        let doc = files.bundle("api.yaml").unwrap();
        assert_eq!(doc["paths"]["/a"]["get"]["parameters"][0]["name"], "q");
        // A root component already called `Pet`: the other file's gets
        // another name.
        let param = &doc["paths"]["/a"]["get"]["parameters"][0]["schema"]["$ref"];
        assert_eq!(param, "#/components/schemas/pet");
        let schemas = &doc["components"]["schemas"];
        assert_eq!(schemas["Thing"]["properties"]["id"]["type"], "integer");
        assert_eq!(
            doc["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
                ["$ref"],
            "#/components/schemas/Thing"
        );
        assert!(doc["paths"].get("/b").is_none());
    }

    #[test]
    fn bad_references_name_the_file_and_pointer() {
        let files = Files::new(
            "bad",
            &[
                (
                    "api.yaml",
                    "openapi: 3.0.3\npaths:\n  /a: {$ref: 'loop.yaml#/a'}\n  /b: {$ref: 'gone.yaml'}\n",
                ),
                ("loop.yaml", "a: {$ref: '#/b'}\nb: {$ref: '#/a'}\n"),
            ],
        );
        let err = files.bundle("api.yaml").unwrap_err().to_string();
        assert!(
            err.contains("loop.yaml") && err.contains("#/b/$ref"),
            "{err}"
        );
        assert!(err.contains("refers back to itself"), "{err}");
        let files = Files::new(
            "missing",
            &[(
                "api.yaml",
                "openapi: 3.0.3\npaths:\n  /b: {$ref: 'gone.yaml'}\n",
            )],
        );
        let err = files.bundle("api.yaml").unwrap_err().to_string();
        assert!(
            err.contains("#/paths/~1b/$ref") && err.contains("cannot read"),
            "{err}"
        );
        let files = Files::new(
            "remote",
            &[(
                "api.yaml",
                "openapi: 3.0.3\npaths:\n  /b: {$ref: 'https://example.test/b.yaml'}\n",
            )],
        );
        let err = files.bundle("api.yaml").unwrap_err().to_string();
        assert!(err.contains("remote reference"), "{err}");
        let files = Files::new(
            "nothing",
            &[
                (
                    "api.yaml",
                    "openapi: 3.0.3\npaths:\n  /b: {$ref: 'b.yaml#/nope'}\n",
                ),
                ("b.yaml", "a: 1\n"),
            ],
        );
        let err = files.bundle("api.yaml").unwrap_err().to_string();
        assert!(err.contains("points at nothing"), "{err}");
    }

    #[test]
    fn copies_that_multiply_stop_with_an_error() {
        // Each node refers to the next twice: 2^30 copies if nothing stopped it.
        let nodes: String = (0..30)
            .map(|i| {
                format!(
                    "n{i}: {{a: {{$ref: '#/n{0}'}}, b: {{$ref: '#/n{0}'}}}}\n",
                    i + 1
                )
            })
            .collect();
        let files = Files::new(
            "multiply",
            &[
                (
                    "api.yaml",
                    "openapi: 3.0.3\npaths:\n  /a: {$ref: 'm.yaml#/n0'}\n",
                ),
                ("m.yaml", &format!("{nodes}n30: {{}}\n")),
            ],
        );
        let err = files.bundle("api.yaml").unwrap_err().to_string();
        assert!(err.contains("more than 100000 nodes"), "{err}");
    }
}
