//! Resolving the capability `cfg`s of a runtime file for one crate.
//!
//! Runtime files gate what only some specs need with
//! `#[cfg(feature = "name")]` or `#[cfg(not(feature = "name"))]` on a line
//! of its own, after the item's doc comments. Copying a file into a crate
//! keeps every other line as written: a gate that holds is dropped, and one
//! that does not is dropped with its item (the doc comments and attributes
//! above it, and the item's lines up to where its brackets close). Gates
//! stacked on one item must all hold, as Rust reads them.

/// Features of the generated crate itself, which its users turn on: their
/// gates are copied as written, for the crate's compiler to resolve.
pub(crate) const CRATE_FEATURES: &[&str] = &["tracing"];

/// A gate in a runtime file that the copier cannot resolve: a generator
/// bug, caught by the tests that copy every file.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct ResolveError {
    pub line: usize,
    pub message: String,
}

/// `source` with its gates resolved: `enabled(feature)` says whether a
/// feature is on.
pub(crate) fn resolve(
    source: &str,
    enabled: impl Fn(&str) -> bool,
) -> Result<String, ResolveError> {
    let lines: Vec<&str> = source.lines().collect();
    let mut out: Vec<&str> = Vec::with_capacity(lines.len());
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        let gate = gate_of(line.trim()).filter(|g| !CRATE_FEATURES.contains(&g.feature));
        let Some(gate) = gate else {
            if CRATE_FEATURES
                .iter()
                .any(|f| line.contains(&format!("feature = \"{f}\"")))
            {
                out.push(line);
                index += 1;
                continue;
            }
            if line.contains("cfg(feature") || line.contains("cfg(not(feature") {
                return Err(ResolveError {
                    line: index + 1,
                    message: "a feature gate must stand alone on its line, as \
                              `#[cfg(feature = \"…\")]` or `#[cfg(not(feature = \"…\"))]`"
                        .into(),
                });
            }
            out.push(line);
            index += 1;
            continue;
        };
        index += 1;
        if enabled(gate.feature) != gate.negated {
            continue;
        }
        // Drop the item: the docs and attributes above the gate, those
        // below it, and the item itself.
        while out
            .last()
            .is_some_and(|l| is_doc_or_attribute(l.trim_start()))
        {
            out.pop();
        }
        while index < lines.len() && is_doc_or_attribute(lines[index].trim_start()) {
            index += 1;
        }
        index = item_end(&lines, index).ok_or_else(|| ResolveError {
            line: index + 1,
            message: "the gated item does not end".into(),
        })?;
        // One blank line between the items around it, not two, and none
        // before a closing bracket.
        let blank_before = out.last().is_none_or(|l| l.trim().is_empty());
        let next = lines.get(index).map(|l| l.trim());
        if blank_before && next.is_some_and(str::is_empty) {
            index += 1;
        } else if blank_before && next.is_some_and(|l| l.starts_with(['}', ')', ']'])) {
            out.pop();
        }
    }
    // A dropped last item leaves no blank line at the end.
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    let mut text = out.join("\n");
    if source.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

struct Gate<'a> {
    feature: &'a str,
    negated: bool,
}

fn gate_of(line: &str) -> Option<Gate<'_>> {
    let inner = line.strip_prefix("#[cfg(")?.strip_suffix(")]")?;
    let (inner, negated) = match inner.strip_prefix("not(") {
        Some(rest) => (rest.strip_suffix(')')?, true),
        None => (inner, false),
    };
    let feature = inner
        .strip_prefix("feature = \"")?
        .strip_suffix('"')
        .filter(|f| !f.contains('"'))?;
    Some(Gate { feature, negated })
}

fn is_doc_or_attribute(line: &str) -> bool {
    line.starts_with("///") || (line.starts_with("#[") && line.ends_with(']'))
}

/// The index of the line after the item starting at `start`: where its
/// brackets are all closed again at the end of a line that ends the item
/// (with `,`, `;` or `}`).
fn item_end(lines: &[&str], start: usize) -> Option<usize> {
    let mut depth: i64 = 0;
    for (offset, line) in lines[start..].iter().enumerate() {
        depth += bracket_balance(line);
        let code = code_part(line).trim_end();
        if depth <= 0 && (code.ends_with(',') || code.ends_with(';') || code.ends_with('}')) {
            return Some(start + offset + 1);
        }
    }
    None
}

/// The line without a trailing `//` comment (outside string literals).
fn code_part(line: &str) -> &str {
    let bytes = line.as_bytes();
    let mut in_string = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if in_string => i += 1,
            b'"' => in_string = !in_string,
            b'/' if !in_string && bytes.get(i + 1) == Some(&b'/') => return &line[..i],
            _ => {}
        }
        i += 1;
    }
    line
}

/// Opening minus closing brackets on a line, outside string and character
/// literals and comments.
fn bracket_balance(line: &str) -> i64 {
    let code = code_part(line).as_bytes();
    let mut balance = 0;
    let mut in_string = false;
    let mut i = 0;
    while i < code.len() {
        match code[i] {
            b'\\' if in_string => i += 1,
            b'"' => in_string = !in_string,
            // A character literal such as '{' or '\''.
            b'\'' if !in_string && code.get(i + 2) == Some(&b'\'') => i += 2,
            b'\'' if !in_string && code.get(i + 1) == Some(&b'\\') => i += 3,
            b'{' | b'(' | b'[' if !in_string => balance += 1,
            b'}' | b')' | b']' if !in_string => balance -= 1,
            _ => {}
        }
        i += 1;
    }
    balance
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(features: &'static [&'static str]) -> impl Fn(&str) -> bool {
        move |f| features.contains(&f)
    }

    const SOURCE: &str = r#"pub enum Error {
    Api,
    /// Only with b.
    #[cfg(feature = "b")]
    #[error("{a} {{")]
    B { a: u8 },
}

/// Only with a.
#[cfg(feature = "a")]
impl X {
    fn f(&self) -> &str {
        "}" // }
    }
}

#[cfg(not(feature = "a"))]
fn g() -> char {
    '{'
}
"#;

    #[test]
    fn gates_that_hold_are_dropped_and_the_others_take_their_item() {
        let all = resolve(SOURCE, on(&["a", "b"])).unwrap();
        let expected = r#"pub enum Error {
    Api,
    /// Only with b.
    #[error("{a} {{")]
    B { a: u8 },
}

/// Only with a.
impl X {
    fn f(&self) -> &str {
        "}" // }
    }
}
"#;
        assert_eq!(all, expected);
        let none = resolve(SOURCE, on(&[])).unwrap();
        assert_eq!(
            none,
            "pub enum Error {\n    Api,\n}\n\nfn g() -> char {\n    '{'\n}\n"
        );
    }

    #[test]
    fn gates_on_the_crates_own_features_are_kept_as_written() {
        let source = "#[cfg(feature = \"tracing\")]\nfn traced() {}\n#[cfg(not(feature = \"tracing\"))]\nfn plain() {}\n#[cfg(feature = \"x\")]\nfn x() {}\n";
        assert_eq!(
            resolve(source, on(&[])).unwrap(),
            "#[cfg(feature = \"tracing\")]\nfn traced() {}\n#[cfg(not(feature = \"tracing\"))]\nfn plain() {}\n"
        );
    }

    #[test]
    fn multi_line_statements_and_struct_fields_go_whole() {
        let source = "fn f() {\n    #[cfg(feature = \"x\")]\n    call(\n        1,\n    );\n    after();\n}\nstruct S {\n    #[cfg(feature = \"x\")]\n    field: Vec<u8>,\n    kept: u8,\n}\n";
        assert_eq!(
            resolve(source, on(&[])).unwrap(),
            "fn f() {\n    after();\n}\nstruct S {\n    kept: u8,\n}\n"
        );
    }

    #[test]
    fn stacked_gates_all_hold_or_the_item_goes() {
        let source = "struct S {\n    /// Doc.\n    #[cfg(feature = \"x\")]\n    #[cfg(not(feature = \"y\"))]\n    field: u8,\n    kept: u8,\n}\n";
        let with_x = resolve(source, on(&["x"])).unwrap();
        assert_eq!(
            with_x,
            "struct S {\n    /// Doc.\n    field: u8,\n    kept: u8,\n}\n"
        );
        let gone = "struct S {\n    kept: u8,\n}\n";
        assert_eq!(resolve(source, on(&["x", "y"])).unwrap(), gone);
        assert_eq!(resolve(source, on(&[])).unwrap(), gone);
        assert_eq!(resolve(source, on(&["y"])).unwrap(), gone);
    }

    #[test]
    fn a_last_item_leaves_no_blank_line_before_the_closing_brace() {
        let source = "impl A {\n    fn a() {}\n\n    /// B.\n    #[cfg(feature = \"x\")]\n    fn b() {}\n}\n";
        assert_eq!(
            resolve(source, on(&[])).unwrap(),
            "impl A {\n    fn a() {}\n}\n"
        );
    }

    #[test]
    fn gates_in_other_forms_are_refused() {
        let err = resolve("let x = 1; #[cfg(feature = \"x\")]\n", on(&[])).unwrap_err();
        assert_eq!(err.line, 1);
        let err = resolve("#[cfg(feature = \"x\")]\nfn f() {\n", on(&[])).unwrap_err();
        assert!(err.message.contains("does not end"), "{err:?}");
    }
}
