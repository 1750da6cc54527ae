//! Touches to prettyplease's output so emitted files read like hand-written
//! ones: a type and the call of its type macro share one `#[cfg]`, and
//! items are separated by a blank line.
//!
//! prettyplease puts no blank lines between items. Both passes work on its
//! output line by line; they rely only on its regular layout (four-space
//! indentation, one item or statement starting per line). The calls of the
//! type macros are one-line placeholders here (see `calls`).

/// Lays out a formatted file whose deferred text is `blocks` (see
/// `docs::deferred`).
pub(crate) fn relayout(text: &str, blocks: &[Vec<String>]) -> String {
    separate_items(&one_cfg_per_type(text, blocks))
}

/// A line without its indentation (prettyplease indents with spaces only),
/// and the indentation's width.
fn unindent(line: &str) -> (&str, usize) {
    let trimmed = line.trim_start_matches(' ');
    (trimmed, line.len() - trimmed.len())
}

/// The lines of a `#[cfg(…)]` attribute starting at `lines[start]`, or
/// `None` when none starts there.
fn cfg_block(lines: &[&str], start: usize) -> Option<usize> {
    let (trimmed, indent) = unindent(lines.get(start)?);
    if !trimmed.starts_with("#[cfg(") {
        return None;
    }
    if trimmed.ends_with(")]") {
        return Some(1);
    }
    lines[start..]
        .iter()
        .position(|l| unindent(l) == (")]", indent))
        .map(|end| end + 1)
}

/// The number of lines of the item starting at `lines[start]` (after its
/// attributes, at indentation `indent`): through its closing `}` or `;`.
fn item_len(lines: &[&str], start: usize, indent: usize) -> Option<usize> {
    let at_indent = |l: &&str| unindent(l).1 == indent;
    let decl = start
        + lines[start..].iter().position(|l| {
            let t = unindent(l).0;
            at_indent(l) && !t.starts_with("///") && !t.starts_with("#[")
        })?;
    let end = if lines[decl].trim_end().ends_with('{') {
        decl + lines[decl..]
            .iter()
            .position(|l| at_indent(l) && unindent(l).0.starts_with('}'))?
    } else {
        decl
    };
    Some(end + 1 - start)
}

/// A type under `#[cfg(…)]` followed by the call of a type macro under the
/// same `#[cfg(…)]` becomes one `crate::macros::define! { type call }`
/// under that `#[cfg(…)]`, so the condition is written once.
fn one_cfg_per_type(text: &str, blocks: &[Vec<String>]) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < lines.len() {
        // Most lines are not a `#[cfg]`.
        let pair = match unindent(lines[i]).0.starts_with("#[cfg(") {
            true => cfg_pair(&lines, i, blocks),
            false => None,
        };
        let Some((cfg, item, call)) = pair else {
            out.push_str(lines[i]);
            out.push('\n');
            i += 1;
            continue;
        };
        let indent = &lines[i][..unindent(lines[i]).1];
        for line in &lines[i..i + cfg] {
            out.push_str(line);
            out.push('\n');
        }
        out.push_str(&format!("{indent}crate::macros::define! {{\n"));
        let item_start = i + cfg;
        for line in &lines[item_start..item_start + item] {
            out.push_str("    ");
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
        let call_start = item_start + item + cfg;
        for (n, line) in lines[call_start..call_start + call].iter().enumerate() {
            let line = if n == 0 {
                line.replacen("crate::macros::", "", 1)
            } else {
                line.to_string()
            };
            out.push_str("    ");
            out.push_str(&line);
            out.push('\n');
        }
        out.push_str(&format!("{indent}}}\n"));
        i = call_start + call;
    }
    out
}

/// At `start`: (cfg lines, item lines, macro call lines) of a type and its
/// macro call under the same `#[cfg(…)]`.
fn cfg_pair(lines: &[&str], start: usize, blocks: &[Vec<String>]) -> Option<(usize, usize, usize)> {
    // Docs above the `#[cfg]` would be left on the macro call.
    if start > 0 && unindent(lines[start - 1]).0.starts_with("///") {
        return None;
    }
    let cfg = cfg_block(lines, start)?;
    let indent = unindent(lines[start]).1;
    // Only a type pairs with a call: anything else is passed over before
    // its end is looked for.
    let decl = lines[start + cfg..].iter().find(|l| {
        let (t, at) = unindent(l);
        at == indent && !t.starts_with("///") && !t.starts_with("#[")
    })?;
    let decl = unindent(decl).0;
    // A struct or enum written as text is one placeholder line until
    // filled in.
    let decl = match super::docs::text_placeholder(decl) {
        Some(number) => blocks.get(number)?.first()?.as_str(),
        None => decl,
    };
    if !decl.starts_with("pub struct ") && !decl.starts_with("pub enum ") {
        return None;
    }
    let item = item_len(lines, start + cfg, indent)?;
    let again = start + cfg + item;
    if lines.get(again..again + cfg)? != &lines[start..start + cfg] {
        return None;
    }
    let call_start = again + cfg;
    let (first, at) = unindent(lines.get(call_start)?);
    if at != indent || !is_macro_call(first) {
        return None;
    }
    let call = lines[call_start..]
        .iter()
        .position(|l| unindent(l).1 == indent && l.trim_end().ends_with(");"))?
        + 1;
    Some((cfg, item, call))
}

/// Whether a line (unindented) starts a call of a type macro.
fn is_macro_call(line: &str) -> bool {
    line.strip_prefix("crate::macros::").is_some_and(|call| {
        super::calls::TYPE_MACROS
            .iter()
            .any(|name| call.strip_prefix(name).is_some_and(|c| c.starts_with("!(")))
    })
}

/// Whether a line (trimmed) starts an item: docs, attributes, or an item
/// keyword.
fn starts_item(line: &str) -> bool {
    const STARTS: &[&str] = &[
        "///",
        "#[",
        "pub ",
        "pub(",
        "impl ",
        "impl<",
        "fn ",
        "async fn",
        "mod ",
        "struct ",
        "enum ",
        "type ",
        "const ",
        "static ",
        "trait ",
        "use ",
        "crate::macros::",
        "text!(",
    ];
    STARTS.iter().any(|s| line.starts_with(s))
}

/// A one-line `use` or `mod` declaration, which stay together.
fn is_declaration(line: &str) -> bool {
    let line = line.strip_prefix("pub ").unwrap_or(line);
    (line.starts_with("use ") || line.starts_with("mod ")) && line.ends_with(';')
}

/// Puts a blank line between two items at the same indentation (not
/// between one-line `use` or `mod` declarations), and after the inner
/// attributes and docs at the top of the file.
fn separate_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous: Option<(&str, usize)> = None;
    for line in text.lines() {
        let (trimmed, indent) = unindent(line);
        if let Some((prev_trimmed, prev_indent)) = previous {
            let same_indent = prev_indent == indent;
            let prev_ends_item = !prev_trimmed.starts_with("//")
                && (prev_trimmed.ends_with('}') || prev_trimmed.ends_with(';'));
            let top_matter = (prev_trimmed.starts_with("//!") || prev_trimmed.starts_with("#!["))
                && !trimmed.starts_with("//!")
                && !trimmed.starts_with("#![");
            let together = is_declaration(prev_trimmed) && is_declaration(trimmed);
            if !trimmed.is_empty()
                && !prev_trimmed.is_empty()
                && (top_matter
                    || (same_indent && prev_ends_item && starts_item(trimmed) && !together))
            {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        previous = Some((trimmed, indent));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_type_and_its_macro_call_share_one_cfg() {
        let text = "#[cfg(\n    any(feature = \"a\", feature = \"b\")\n)]\n/// Docs.\n#[derive(Debug)]\npub struct A {\n    pub x: u8,\n}\n#[cfg(\n    any(feature = \"a\", feature = \"b\")\n)]\ncrate::macros::object!(A {\n    required x(\"x\"),\n});\n#[cfg(feature = \"a\")]\npub struct B;\n#[cfg(feature = \"b\")]\ncrate::macros::object!(B {});\n";
        assert_eq!(
            one_cfg_per_type(text, &[]),
            "#[cfg(\n    any(feature = \"a\", feature = \"b\")\n)]\ncrate::macros::define! {\n    /// Docs.\n    #[derive(Debug)]\n    pub struct A {\n        pub x: u8,\n    }\n\n    object!(A {\n        required x(\"x\"),\n    });\n}\n#[cfg(feature = \"a\")]\npub struct B;\n#[cfg(feature = \"b\")]\ncrate::macros::object!(B {});\n"
        );
    }

    #[test]
    fn a_type_written_as_text_shares_its_cfg_too() {
        let blocks = vec![vec!["pub struct A {".to_string(), "}".to_string()]];
        let text = "#[cfg(feature = \"a\")]\n#[derive(Debug)]\ntext!(\"\\u{1}0\");\n#[cfg(feature = \"a\")]\ncrate::macros::object!(A {});\n";
        assert_eq!(
            one_cfg_per_type(text, &blocks),
            "#[cfg(feature = \"a\")]\ncrate::macros::define! {\n    #[derive(Debug)]\n    text!(\"\\u{1}0\");\n\n    object!(A {});\n}\n"
        );
        let enums = vec![vec!["pub enum A {".to_string(), "}".to_string()]];
        assert_eq!(
            one_cfg_per_type(text, &enums),
            one_cfg_per_type(text, &blocks)
        );
        // A function written as text is not a type.
        let blocks = vec![vec!["pub fn a() {".to_string(), "}".to_string()]];
        assert_eq!(one_cfg_per_type(text, &blocks), text);
    }

    #[test]
    fn doc_lines_that_look_like_item_ends_stay_together() {
        let text = "/// ```\n/// {}\n/// ```\n/// a;\n/// b\npub struct A;\n";
        assert_eq!(separate_items(text), text);
    }

    #[test]
    fn items_get_a_blank_line_between_them_and_uses_stay_together() {
        let text = "//! Docs.\n#![allow(x)]\nuse a;\nuse b;\n/// A.\npub struct A {\n    pub x: u8,\n    /// Y.\n    pub y: u8,\n}\nimpl A {\n    fn f() {\n        g();\n        h();\n    }\n    fn i() {}\n}\n#[cfg(x)]\nmod m;\n#[cfg(y)]\nmod n;\n";
        assert_eq!(
            separate_items(text),
            "//! Docs.\n#![allow(x)]\n\nuse a;\nuse b;\n\n/// A.\npub struct A {\n    pub x: u8,\n    /// Y.\n    pub y: u8,\n}\n\nimpl A {\n    fn f() {\n        g();\n        h();\n    }\n\n    fn i() {}\n}\n\n#[cfg(x)]\nmod m;\n\n#[cfg(y)]\nmod n;\n"
        );
    }
}
