//! Reading a large JSON document in pieces, on all cores.
//!
//! Reading is the one phase of codegen that runs on one core, and most of
//! its time goes to the schemas: `openapiv3` reads every `$ref`-or-value by
//! buffering it and trying each shape, at each level of nesting. The
//! document's `paths` and `components.schemas` are cut into runs of
//! entries, each read on its own (all of them at once), and put back
//! together in the order written.

use openapiv3::{Components, OpenAPI, Paths};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

/// Documents smaller than this are read whole: threads cost more than they
/// save.
const SPLIT_FROM: usize = 256 << 10;

/// `text` read as `serde_json::from_str::<OpenAPI>` reads it, `None` where
/// that fails.
pub(super) fn read(text: &str) -> Option<OpenAPI> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if text.len() < SPLIT_FROM || threads == 1 {
        return serde_json::from_str(text).ok();
    }
    split_read(text, threads).or_else(|| serde_json::from_str(text).ok())
}

/// A piece of the document and what it reads as.
enum Piece {
    /// The document without its paths and components (with no paths).
    Top(String),
    /// A run of `paths` entries.
    Paths(String),
    /// `components` without its schemas.
    Components(String),
    /// A run of `components.schemas` entries, as `{"schemas": {…}}`.
    Schemas(String),
}

/// What a piece read as.
enum Part {
    Top(Box<OpenAPI>),
    Paths(Paths),
    Components(Box<Components>),
}

impl Piece {
    fn text(&self) -> &str {
        match self {
            Piece::Top(t) | Piece::Paths(t) | Piece::Components(t) | Piece::Schemas(t) => t,
        }
    }

    fn read(&self) -> Option<Part> {
        Some(match self {
            Piece::Top(text) => Part::Top(Box::new(serde_json::from_str(text).ok()?)),
            Piece::Paths(text) => Part::Paths(serde_json::from_str(text).ok()?),
            Piece::Components(text) | Piece::Schemas(text) => {
                Part::Components(Box::new(serde_json::from_str(text).ok()?))
            }
        })
    }
}

/// Reads the document in pieces on `threads` threads; `None` if it is not
/// an object of distinct keys whose `paths` and `components` (if any) are
/// too, or a piece does not read (the caller then reads the whole, as
/// usual, and reports what is wrong).
fn split_read(text: &str, threads: usize) -> Option<OpenAPI> {
    let top = entries(text)?;
    // Runs of about this many bytes keep the threads evenly busy.
    let run = text.len() / (4 * threads) + 1;
    let mut pieces = Vec::new();
    let mut rest = Vec::new();
    let (mut has_paths, mut has_components) = (false, false);
    for (key, value) in top {
        match (key.as_str(), value) {
            ("paths", Node::Open(paths)) => {
                has_paths = true;
                for chunk in runs(paths, run)? {
                    pieces.push(Piece::Paths(object(chunk)?));
                }
            }
            ("components", Node::Open(components)) => {
                has_components = true;
                let mut others = Vec::new();
                for (key, value) in components {
                    match value {
                        Node::Open(schemas) => {
                            for chunk in runs(schemas, run)? {
                                let chunk = object(chunk)?;
                                pieces.push(Piece::Schemas(format!("{{\"schemas\":{chunk}}}")));
                            }
                        }
                        Node::Raw(value) => others.push((key, value)),
                    }
                }
                pieces.push(Piece::Components(object(others)?));
            }
            (_, Node::Raw(value)) => rest.push((key, value)),
            _ => return None,
        }
    }
    // Reading the whole refuses a document without paths.
    if !has_paths {
        return None;
    }
    let empty: &RawValue = serde_json::from_str("{}").ok()?;
    rest.push(("paths".to_string(), empty));
    pieces.push(Piece::Top(object(rest)?));
    // The largest first, for an even load.
    let mut order: Vec<usize> = (0..pieces.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(pieces[i].text().len()));
    let parts = read_all(&pieces, &order, threads)?;
    assemble(&pieces, parts, has_components)
}

/// Reads `pieces` on `threads` threads, in `order`; the parts in the
/// pieces' order, `None` if one does not read.
fn read_all(pieces: &[Piece], order: &[usize], threads: usize) -> Option<Vec<Part>> {
    let done = crate::in_order_on_threads(order, threads, |index| pieces[index].read()).ok()?;
    done.into_iter().map(|(_, part)| part).collect()
}

/// The document from its parts, in the pieces' order (which is the order
/// written).
fn assemble(pieces: &[Piece], parts: Vec<Part>, has_components: bool) -> Option<OpenAPI> {
    let mut doc = None;
    let mut paths = Paths::default();
    let mut components: Option<Components> = None;
    let mut schemas = indexmap::IndexMap::new();
    for (piece, part) in pieces.iter().zip(parts) {
        match (piece, part) {
            (Piece::Top(_), Part::Top(top)) => doc = Some(*top),
            (Piece::Paths(_), Part::Paths(run)) => {
                paths.paths.extend(run.paths);
                paths.extensions.extend(run.extensions);
            }
            (Piece::Components(_), Part::Components(c)) => components = Some(*c),
            (Piece::Schemas(_), Part::Components(run)) => schemas.extend(run.schemas),
            _ => return None,
        }
    }
    let mut doc = doc?;
    doc.paths = paths;
    if has_components {
        let mut components = components?;
        components.schemas = schemas;
        doc.components = Some(components);
    }
    Some(doc)
}

/// The entries (each as written) in runs of about `size` bytes each.
fn runs(entries: Vec<(String, Node<'_>)>, size: usize) -> Option<Vec<Vec<(String, &RawValue)>>> {
    let mut runs = vec![Vec::new()];
    let mut bytes = 0;
    for (key, value) in entries {
        let Node::Raw(value) = value else {
            return None;
        };
        if bytes >= size {
            runs.push(Vec::new());
            bytes = 0;
        }
        bytes += value.get().len();
        runs.last_mut()?.push((key, value));
    }
    Some(runs)
}

/// A JSON object of `entries`, in order.
fn object<'a>(entries: impl IntoIterator<Item = (String, &'a RawValue)>) -> Option<String> {
    let mut out = String::from("{");
    for (key, value) in entries {
        if out.len() > 1 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(&key).ok()?);
        out.push(':');
        out.push_str(value.get());
    }
    out.push('}');
    Some(out)
}

/// The entries of `text`, a JSON object, with `paths`, `components` and
/// `components.schemas` read as their entries in the same pass; `None` if
/// one of them is not an object, or a key repeats in one (which reading a
/// struct refuses).
fn entries(text: &str) -> Option<Vec<(String, Node<'_>)>> {
    let mut de = serde_json::Deserializer::from_str(text);
    let entries = (&mut de).deserialize_map(Level::Document).ok()?;
    de.end().ok()?;
    Some(entries)
}

/// A value as written, or the entries of an object read one level down.
enum Node<'de> {
    Raw(&'de RawValue),
    Open(Vec<(String, Node<'de>)>),
}

/// Which object is being read: which of its entries are read as objects
/// in turn.
#[derive(Clone, Copy)]
enum Level {
    Document,
    Components,
    /// `paths` or `components.schemas`: every entry as written.
    Runs,
}

impl Level {
    fn inner(self, key: &str) -> Option<Level> {
        match (self, key) {
            (Level::Document, "paths") | (Level::Components, "schemas") => Some(Level::Runs),
            (Level::Document, "components") => Some(Level::Components),
            _ => None,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Level {
    type Value = Vec<(String, Node<'de>)>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Level {
    type Value = Vec<(String, Node<'de>)>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::new();
        let mut keys = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !keys.insert(key.clone()) {
                return Err(serde::de::Error::custom(format!("duplicate key `{key}`")));
            }
            let value = match self.inner(&key) {
                Some(level) => Node::Open(map.next_value_seed(level)?),
                None => Node::Raw(map.next_value()?),
            };
            entries.push((key, value));
        }
        Ok(entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document past the size where it is split, with every top-level
    /// part: extensions, `paths`, and `components` that refer to each other.
    fn large_document() -> String {
        let schemas: Vec<String> = (0..2_000)
            .map(|i| {
                format!(
                    r##""S{i}": {{"type": "object", "description": "{pad}", "properties": {{"next": {{"$ref": "#/components/schemas/S{}"}}, "n": {{"type": "integer", "format": "int64"}}}}}}"##,
                    (i + 1) % 2_000,
                    pad = "x".repeat(100)
                )
            })
            .collect();
        let paths: Vec<String> = (0..500)
            .map(|i| {
                format!(
                    r##""/s{i}": {{"get": {{"responses": {{"200": {{"description": "ok",
                      "content": {{"application/json": {{"schema": {{"$ref": "#/components/schemas/S{i}"}}}}}}}}}}}}}}"##
                )
            })
            .collect();
        format!(
            r##"{{"openapi": "3.0.3", "info": {{"title": "T", "version": "1"}}, "x-top": [1, 2],
              "paths": {{{}, "x-paths": 1}},
              "components": {{"schemas": {{{}}}, "x-inner": true, "responses": {{"R": {{"description": "r"}}}}}},
              "tags": [{{"name": "a"}}]}}"##,
            paths.join(","),
            schemas.join(",")
        )
    }

    #[test]
    fn a_split_reading_is_the_whole_reading() {
        let text = large_document();
        assert!(text.len() >= SPLIT_FROM);
        let split = split_read(&text, 2).expect("splits");
        assert_eq!(split_read(&text, 5), Some(split.clone()));
        let whole: OpenAPI = serde_json::from_str(&text).expect("reads");
        assert_eq!(split, whole);
        let components = split.components.as_ref().expect("components");
        assert_eq!(components.schemas.len(), 2_000);
        assert!(components.extensions.contains_key("x-inner"));
        assert!(split.extensions.contains_key("x-top"));
        assert_eq!(split.paths.paths.len(), 500);
        assert!(split.paths.extensions.contains_key("x-paths"));
        // Without components, and without paths (which the whole refuses).
        let bare = text.replacen(r#""components""#, r#""x-components""#, 1);
        let whole: OpenAPI = serde_json::from_str(&bare).expect("reads");
        assert_eq!(whole.components, None);
        assert_eq!(split_read(&bare, 2), Some(whole));
        let pathless = text.replacen(r#""paths""#, r#""x-paths""#, 1);
        assert!(serde_json::from_str::<OpenAPI>(&pathless).is_err());
        assert_eq!(read(&pathless), None);
    }

    #[test]
    fn what_the_whole_reading_refuses_is_not_split() {
        let text = large_document();
        // A key twice: serde refuses a repeated field.
        let twice = text.replacen(r#""tags": [{"name": "a"}]"#, r#""tags": [], "tags": []"#, 1);
        assert!(serde_json::from_str::<OpenAPI>(&twice).is_err());
        assert_eq!(split_read(&twice, 2), None);
        assert_eq!(read(&twice), None);
        // `components` that are not an object.
        let null = text.replacen(
            r#""components": {"schemas""#,
            r#""components": null, "x-c": {"schemas""#,
            1,
        );
        assert_eq!(split_read(&null, 2), None);
        assert_eq!(read(&null), serde_json::from_str::<OpenAPI>(&null).ok());
        // A part that does not read.
        let bad = text.replacen(r#""format": "int64""#, r#""format": 64"#, 1);
        assert_eq!(read(&bad), None);
    }
}
