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
    /// The same error with its pointer, and every pointer its message
    /// quotes (`` `#/…` ``), passed through `map`.
    pub fn map_pointers(self, map: &dyn Fn(&str) -> String) -> Error {
        let quoted = |message: String| map_quoted_pointers(&message, map);
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
                message: quoted(message),
            },
            Error::Spec {
                file,
                pointer,
                message,
            } => Error::Spec {
                file,
                pointer: map(&pointer),
                message: quoted(message),
            },
            Error::Many(errors) => {
                Error::Many(errors.into_iter().map(|e| e.map_pointers(map)).collect())
            }
            other => other,
        }
    }
}

/// `message` with every pointer it quotes in backticks (`` `#/…` ``)
/// passed through `map`.
pub fn map_quoted_pointers(message: &str, map: &dyn Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = rest.find("`#/") {
        let Some(len) = rest[start + 1..].find('`') else {
            break;
        };
        out.push_str(&rest[..=start]);
        out.push_str(&map(&rest[start + 1..start + 1 + len]));
        rest = &rest[start + 1 + len..];
    }
    out.push_str(rest);
    out
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
    // Called for every node lowered: one allocation, no formatting.
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_tokens_escape_tilde_then_slash() {
        assert_eq!(pointer_push("#/paths", "/a~b/{id}"), "#/paths/~1a~0b~1{id}");
        assert_eq!(pointer_push("#", "é"), "#/é");
    }

    #[test]
    fn pointers_quoted_in_a_message_are_mapped_and_the_rest_kept() {
        let map = |p: &str| p.replace("#/components/schemas", "#/definitions");
        assert_eq!(
            map_quoted_pointers(
                "`#/components/schemas/A` and `#/components/schemas/B`, not `x` or #/components/schemas/C",
                &map
            ),
            "`#/definitions/A` and `#/definitions/B`, not `x` or #/components/schemas/C"
        );
        assert_eq!(map_quoted_pointers("unclosed `#/a", &map), "unclosed `#/a");
    }
}
