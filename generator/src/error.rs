//! Errors the generator reports. Each names the file it concerns and, for
//! problems inside a spec, the JSON pointer of the offending node.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: cannot read: {source}", file.display())]
    Read {
        file: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: cannot write: {source}", file.display())]
    Write {
        file: PathBuf,
        source: std::io::Error,
    },
    /// The document is not valid YAML/JSON, or does not have the shape of an
    /// OpenAPI 3.0 document.
    #[error("{}{}: {pointer}: {message}", file.display(), location(*line, *column))]
    Parse {
        file: PathBuf,
        pointer: String,
        line: Option<usize>,
        column: Option<usize>,
        message: String,
    },
    /// The document parses but holds something the generator cannot use.
    #[error("{}: {pointer}: {message}", file.display())]
    Spec {
        file: PathBuf,
        pointer: String,
        message: String,
    },
    /// A codegen configuration file is malformed.
    #[error("{}: {message}", file.display())]
    Config { file: PathBuf, message: String },
    /// A scaffolding template failed to render.
    #[error("template `{name}`: {message}")]
    Template { name: String, message: String },
    /// The emitted code did not parse as Rust; a generator bug, reported
    /// instead of writing broken files.
    #[error("emitted code for `{file}` is not valid Rust: {message}")]
    Emit { file: String, message: String },
    /// Several problems found in one pass, one per line.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Many(Vec<Error>),
}

impl Error {
    /// One error for all of `errors`: `Ok` when there are none, the error
    /// itself when there is one.
    pub fn from_all(mut errors: Vec<Error>) -> Result<()> {
        match errors.len() {
            0 => Ok(()),
            1 => Err(errors.remove(0)),
            _ => Err(Error::Many(errors)),
        }
    }
}

impl Error {
    /// The error with each JSON pointer it holds passed through `map`.
    pub fn map_pointers(self, map: &dyn Fn(&str) -> String) -> Error {
        match self {
            Error::Parse {
                file,
                pointer,
                line,
                column,
                message,
            } => Error::Parse {
                file,
                pointer: map(&pointer),
                line,
                column,
                message,
            },
            Error::Spec {
                file,
                pointer,
                message,
            } => Error::Spec {
                file,
                pointer: map(&pointer),
                message,
            },
            Error::Many(errors) => {
                Error::Many(errors.into_iter().map(|e| e.map_pointers(map)).collect())
            }
            other => other,
        }
    }
}

fn location(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(line), Some(column)) => format!(":{line}:{column}"),
        (Some(line), None) => format!(":{line}"),
        _ => String::new(),
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Appends one reference token to a JSON pointer, escaping `~` and `/`
/// (RFC 6901).
pub fn pointer_push(pointer: &str, token: &str) -> String {
    format!("{pointer}/{}", token.replace('~', "~0").replace('/', "~1"))
}
