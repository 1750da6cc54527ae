//! YAML's non-finite numbers (`.inf`, `-.inf`, `.nan`), which JSON, and so
//! an OpenAPI document, cannot hold. They are refused, with where they
//! are, before `openapiv3` reads the document: it reads such a number as
//! no value on its second try of a node, which its first try refused, and
//! panics at the difference.

use std::path::Path;

use serde_yaml::Value;

use crate::error::{pointer_push, Error, Result};

/// How YAML writes the non-finite numbers (after an optional sign).
const SPELLINGS: [&str; 6] = [".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"];

/// `Err` naming the first non-finite number of the YAML document `text`,
/// if it has one. Text that is not one YAML document is left to the
/// reading that follows, which reports it.
pub(super) fn check(file: &Path, text: &str) -> Result<()> {
    if !mentions(text) {
        return Ok(());
    }
    let Ok(value) = serde_yaml::from_str::<Value>(text) else {
        return Ok(());
    };
    match first_non_finite(&value, "#".to_string()) {
        Some((pointer, number)) => Err(Error::Spec {
            file: file.to_path_buf(),
            pointer,
            message: format!(
                "`{number}` is not a number JSON can hold, and an OpenAPI document must be \
                 JSON; leave the keyword out for no bound"
            ),
        }),
        None => Ok(()),
    }
}

/// Whether `text` may hold a non-finite number: one of [`SPELLINGS`] on
/// its own, not part of a word (`.info`) or a name (`x.nan`), so that a
/// document without one is not read twice.
fn mentions(text: &str) -> bool {
    SPELLINGS.iter().any(|spelling| {
        text.match_indices(spelling).any(|(at, _)| {
            let before = text[..at].bytes().next_back();
            let after = text[at + spelling.len()..].bytes().next();
            matches!(
                before,
                None | Some(b' ' | b'\t' | b'\n' | b'[' | b'{' | b',' | b':' | b'-' | b'+')
            ) && matches!(
                after,
                None | Some(b' ' | b'\t' | b'\r' | b'\n' | b']' | b'}' | b',' | b'#')
            )
        })
    })
}

/// The pointer and value of the first non-finite number in `value`, in
/// document order (`value` is at `pointer`).
fn first_non_finite(value: &Value, pointer: String) -> Option<(String, f64)> {
    match value {
        Value::Number(number) => number
            .as_f64()
            .filter(|n| !n.is_finite())
            .map(|n| (pointer, n)),
        Value::Sequence(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| first_non_finite(item, pointer_push(&pointer, &i.to_string()))),
        Value::Mapping(entries) => entries.iter().find_map(|(key, item)| {
            let key = match key {
                Value::String(key) => key.clone(),
                other => serde_yaml::to_string(other)
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
            };
            first_non_finite(item, pointer_push(&pointer, &key))
        }),
        Value::Tagged(tagged) => first_non_finite(&tagged.value, pointer),
        Value::Null | Value::Bool(_) | Value::String(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(text: &str) -> Option<(String, String)> {
        match check(Path::new("spec.yaml"), text) {
            Ok(()) => None,
            Err(Error::Spec {
                pointer, message, ..
            }) => Some((pointer, message)),
            Err(other) => panic!("unexpected error {other}"),
        }
    }

    #[test]
    fn a_non_finite_number_is_named_with_its_pointer() {
        let text =
            "paths:\n  /a/b:\n    get:\n      parameters:\n        - schema: {maximum: .inf}\n";
        let (pointer, message) = checked(text).expect("refused");
        assert_eq!(pointer, "#/paths/~1a~1b/get/parameters/0/schema/maximum");
        assert!(
            message.starts_with("`inf` is not a number JSON can hold"),
            "{message}"
        );
        let (pointer, message) = checked("a: [1, -.INF]\nb: .NaN\n").expect("refused");
        assert_eq!((pointer.as_str(), &message[..6]), ("#/a/1", "`-inf`"));
        assert_eq!(checked("b: .nan\n").map(|(p, _)| p).as_deref(), Some("#/b"));
    }

    #[test]
    fn only_a_lone_spelling_is_read_again() {
        assert!(mentions("a: .inf\n") && mentions("a: [-.NaN]") && mentions("a: +.inf"));
        assert!(mentions("a: {b: .nan}") && mentions("a: .Inf # none"));
        assert!(!mentions("url: https://example.info/x\n") && !mentions("a: x.nan\n"));
    }

    #[test]
    fn text_and_finite_numbers_pass() {
        assert_eq!(
            checked("description: use .inf or .nan\nmaximum: 1.5e300\n"),
            None
        );
        assert_eq!(checked("maximum: 3\n"), None);
        // Not YAML: left to the reading that reports it.
        assert_eq!(checked("a: [.inf\n"), None);
    }
}
