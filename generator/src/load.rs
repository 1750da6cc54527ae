//! Reading a spec file: YAML or JSON by extension, into `openapiv3` types.
//!
//! Shape errors are reported with the JSON pointer of the node that does not
//! fit (from `serde_path_to_error`) and, where the parser knows it, the line
//! and column.

use std::path::{Path, PathBuf};

use openapiv3::OpenAPI;
use serde_path_to_error::{Path as SerdePath, Segment};

use crate::error::{pointer_push, Error, Result};

/// A parsed document and where it came from.
pub struct Spec {
    pub file: PathBuf,
    pub doc: OpenAPI,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Yaml,
}

pub fn load(file: &Path) -> Result<Spec> {
    let text = std::fs::read_to_string(file).map_err(|source| Error::Read {
        file: file.to_path_buf(),
        source,
    })?;
    parse(file, &text)
}

/// Parses `text` as the contents of `file` (whose extension picks the format).
pub fn parse(file: &Path, text: &str) -> Result<Spec> {
    let format = match file.extension().and_then(|e| e.to_str()) {
        Some("json") => Format::Json,
        Some("yaml" | "yml") => Format::Yaml,
        other => {
            return Err(Error::Parse {
                file: file.to_path_buf(),
                pointer: "#".into(),
                line: None,
                column: None,
                message: format!(
                    "unknown spec format {:?}: expected a .yaml, .yml or .json file",
                    other.unwrap_or("")
                ),
            })
        }
    };
    let parse_error = |path: &SerdePath, line, column, message: String| Error::Parse {
        file: file.to_path_buf(),
        pointer: pointer_of(path),
        line,
        column,
        message,
    };
    let doc: OpenAPI = match format {
        Format::Json => {
            let mut de = serde_json::Deserializer::from_str(text);
            serde_path_to_error::deserialize(&mut de).map_err(|e| {
                let inner = e.inner();
                let (line, column) = (inner.line(), inner.column());
                parse_error(
                    e.path(),
                    Some(line),
                    Some(column),
                    strip_position(&inner.to_string()),
                )
            })?
        }
        Format::Yaml => {
            let de = serde_yaml::Deserializer::from_str(text);
            serde_path_to_error::deserialize(de).map_err(|e| {
                let inner = e.inner();
                let location = inner.location();
                parse_error(
                    e.path(),
                    location.as_ref().map(|l| l.line()),
                    location.as_ref().map(|l| l.column()),
                    strip_position(&inner.to_string()),
                )
            })?
        }
    };
    if !doc.openapi.starts_with("3.0") {
        return Err(Error::Spec {
            file: file.to_path_buf(),
            pointer: "#/openapi".into(),
            message: format!(
                "unsupported OpenAPI version `{}`: expected 3.0.x",
                doc.openapi
            ),
        });
    }
    Ok(Spec {
        file: file.to_path_buf(),
        doc,
    })
}

/// Converts a serde path (`paths./a/b.post`) into a JSON pointer
/// (`#/paths/~1a~1b/post`).
fn pointer_of(path: &SerdePath) -> String {
    let mut pointer = String::from("#");
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer = pointer_push(&pointer, &index.to_string()),
            Segment::Map { key } => pointer = pointer_push(&pointer, key),
            Segment::Enum { .. } => {}
            Segment::Unknown => break,
        }
    }
    pointer
}

/// Parser messages end with " at line X column Y"; the position is reported
/// separately, so drop it from the text.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}
