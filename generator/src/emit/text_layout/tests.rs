//! Each shape laid out and compared with prettyplease's own output at
//! every width around its margin.

use super::*;

/// prettyplease's text of `function` at `depth` (inside an `impl` in
/// `depth - 1` modules), the function's own lines without their
/// indentation.
fn printed(depth: usize, function: &str) -> Vec<String> {
    let mut text = format!("impl A {{\n{function}\n}}");
    for _ in 1..depth {
        text = format!("mod m {{\n{text}\n}}");
    }
    let file = syn::parse_file(&text).expect("parses");
    let printed = prettyplease::unparse(&file);
    let indent = 4 * depth;
    printed
        .lines()
        .skip(depth)
        .take_while(|line| line.len() >= indent || line.trim().is_empty())
        .map(|line| line[indent..].to_string())
        .collect()
}

/// A name `length` characters long, told apart by `seed`.
fn name(seed: usize, length: usize) -> String {
    let letter = (b'a' + (seed % 26) as u8) as char;
    std::iter::repeat_n(letter, length.max(1)).collect()
}

/// Lays out the function and checks it against prettyplease; whether
/// it was laid out.
fn check(depth: usize, head: &str, params: &[String], tail: &str, body: &Doc) -> bool {
    let text = function_text(head, params, tail, &[(body, "")]);
    assert_eq!(body.width(), body.flat().len());
    match function(4 * depth, head, params, tail, &[(body, "")]) {
        Some(lines) => {
            assert_eq!(lines, printed(depth, &text), "{text}");
            true
        }
        None => false,
    }
}

#[test]
fn calls_and_signatures_are_laid_out_as_prettyplease_does() {
    let (mut laid_out, mut cases) = (0, 0);
    for depth in 1..=6 {
        for length in 1..70 {
            for count in 0..5 {
                let args: Vec<String> = (0..count).map(|i| name(i, length / 3 + 1)).collect();
                let mut params = vec!["&self".to_string()];
                params.extend(args.iter().map(|a| format!("{a}: impl Into<String>")));
                let inner = Doc::Call(
                    format!("{}::new", name(7, length)),
                    args.iter().map(Doc::word).collect(),
                );
                let body = Doc::Call(
                    "crate::Request::new".into(),
                    vec![Doc::Flat("&self.client".into()), inner],
                );
                let head = format!("pub fn {}", name(3, length));
                cases += 1;
                laid_out += usize::from(check(depth, &head, &params, " -> Request", &body));
            }
        }
    }
    // Most are certain; the rest are near prettyplease's margin, or
    // have a parameter too wide for a line of its own.
    assert!(laid_out * 10 > cases * 6, "{laid_out} of {cases}");
}

#[test]
fn setters_are_laid_out_as_prettyplease_does() {
    let (mut laid_out, mut broken, mut cases) = (0, 0, 0);
    for depth in 1..=6 {
        for length in 1..80 {
            let field = name(0, length / 2 + 1);
            let params = [
                "mut self".to_string(),
                format!("value: impl Into<{}>", name(1, length)),
            ];
            let assign = Doc::Flat(format!("self.params.{field} = Some(value.into())"));
            let body = [(&assign, ";"), (&Doc::word("self"), "")];
            let head = format!("pub fn {field}");
            let text = function_text(&head, &params, " -> Self", &body);
            cases += 1;
            let lines = function(4 * depth, &head, &params, " -> Self", &body);
            if let Some(lines) = lines {
                assert_eq!(lines, printed(depth, &text), "{text}");
                laid_out += 1;
                broken += usize::from(lines.len() > 4);
            }
        }
    }
    // The rest have a statement or a parameter too wide for its line.
    assert!(laid_out * 10 > cases * 6, "{laid_out} of {cases}");
    assert!(
        broken * 5 > laid_out,
        "{broken} of {laid_out} with a broken signature"
    );
}

#[test]
fn checks_are_laid_out_as_prettyplease_does() {
    let (mut laid_out, mut broken, mut cases) = (0, 0, 0);
    for depth in 1..=4 {
        for length in 1..70 {
            for count in 1..4 {
                let constraints = (0..count)
                    .map(|i| {
                        let value = Doc::word(format!("\"{}\"", name(i, length / 2 + 1)));
                        Doc::Call(name(i + 5, length / 4 + 1), vec![value])
                    })
                    .collect();
                let check = Doc::Call(
                    "check".into(),
                    vec![
                        Doc::word(format!("\"{}\"", name(1, length / 3 + 1))),
                        Doc::Flat(format!("&self.{}", name(2, length / 3 + 1))),
                        Doc::Ref(Box::new(Doc::Array(constraints))),
                    ],
                );
                let imports = Doc::Flat("use crate::validate::{check, Check::*}".into());
                let ok = Doc::word("Ok(())");
                let body = [(&imports, ";"), (&check, "?;"), (&ok, "")];
                let (head, params) = ("pub fn validate", ["&self".to_string()]);
                let tail = " -> Result<(), crate::ValidationError>";
                let text = function_text(head, &params, tail, &body);
                cases += 1;
                if let Some(lines) = function(4 * depth, head, &params, tail, &body) {
                    assert_eq!(lines, printed(depth, &text), "{text}");
                    laid_out += 1;
                    broken += usize::from(lines.len() > 4);
                }
            }
        }
    }
    assert!(laid_out * 10 > cases * 6, "{laid_out} of {cases}");
    assert!(
        broken * 3 > laid_out,
        "{broken} of {laid_out} with a broken check"
    );
}

#[test]
fn struct_literals_are_laid_out_as_prettyplease_does() {
    let (mut laid_out, mut cases) = (0, 0);
    for length in 1..40 {
        for count in 1..6 {
            let fields: Vec<(String, Option<Doc>)> = (0..count)
                .map(|i| {
                    let field = name(i, length / (i + 1) + 1);
                    let value = match i % 3 {
                        0 => None,
                        1 => Some(Doc::Flat(format!("{field}.into()"))),
                        _ => Some(Doc::word("None")),
                    };
                    (field, value)
                })
                .collect();
            let params = vec![format!("{}: i64", name(1, length))];
            let body = Doc::Struct("Self".into(), fields);
            cases += 1;
            laid_out += usize::from(check(1, "pub fn new", &params, " -> Self", &body));
        }
    }
    assert!(laid_out * 10 > cases * 7, "{laid_out} of {cases}");
}

#[test]
fn a_chain_broken_by_a_struct_is_laid_out_as_prettyplease_does() {
    let mut laid_out = 0;
    for length in 1..90 {
        let endpoint = Doc::Struct(
            "&crate::http::Endpoint".into(),
            vec![
                (
                    "operation".into(),
                    Some(Doc::word(format!("\"{}\"", name(0, length)))),
                ),
                (
                    "key".into(),
                    Some(Doc::Call("Some".into(), vec![Doc::word("\"k\"")])),
                ),
                (
                    "errors".into(),
                    Some(Doc::Call("Some".into(), vec![Doc::word(name(4, length))])),
                ),
            ],
        );
        let checked = Doc::Call(
            "crate::http::checked_parts".into(),
            vec![
                Doc::Flat("self.params".into()),
                Doc::word(format!("{}::validate", name(5, length / 2 + 1))),
            ],
        );
        let body = Doc::Method(
            Box::new(Doc::Flat("self.client".into())),
            "start_parts".into(),
            vec![endpoint, checked, Doc::word("crate::http::read_json")],
        );
        let tail = format!(" -> crate::ResponseFuture<{}>", name(6, length / 3 + 1));
        laid_out += usize::from(check(1, "pub fn send", &["self".to_string()], &tail, &body));
    }
    assert!(laid_out > 25, "{laid_out}");
}

#[test]
fn a_path_joined_from_an_array_is_laid_out_as_prettyplease_does() {
    let mut laid_out = 0;
    for depth in 1..=3 {
        for length in 1..70 {
            for count in 1..4 {
                let mut pieces = Vec::new();
                for i in 0..count {
                    pieces.push(Doc::word(format!("\"/{}/\"", name(i, length / 4 + 1))));
                    let value = Doc::Flat(format!("&self.{}", name(i + 10, length / 3 + 1)));
                    pieces.push(Doc::Call("&crate::http::segment".into(), vec![value]));
                }
                let concat = Doc::Method(Box::new(Doc::Array(pieces)), "concat".into(), vec![]);
                let path = Doc::Call("Some".into(), vec![concat]);
                let body = Doc::Struct(
                    "crate::http::Parts".into(),
                    vec![
                        ("path".into(), Some(path)),
                        ("..Default::default()".into(), None),
                    ],
                );
                let tail = " -> crate::http::Parts";
                laid_out += usize::from(check(depth, "fn parts", &["&self".into()], tail, &body));
            }
        }
    }
    assert!(laid_out > 500, "{laid_out}");
}

#[test]
fn a_chain_that_does_not_fit_breaks_before_the_call() {
    let mut laid_out = 0;
    for length in 1..90 {
        let receiver = Doc::Call(name(0, length), vec![Doc::word("x")]);
        let args = vec![Doc::word(name(1, length / 2 + 1)), Doc::word(name(2, 5))];
        let body = Doc::Method(Box::new(receiver), "method".into(), args);
        laid_out += usize::from(check(1, "fn f", &[], "", &body));
    }
    assert_eq!(laid_out, 89);
}

#[test]
fn uncertain_shapes_are_left_to_prettyplease() {
    // A chain that does not fit, and is not broken by a struct.
    let chain = Doc::Flat(format!("{}.into_iter().collect()", name(0, 80)));
    assert_eq!(chain.lines(4, 4, 0), None);
    // A lone struct argument.
    let call = Doc::Call("Some".into(), vec![Doc::Struct(name(1, 40), vec![])]);
    assert_eq!(call.lines(4, 4, 0), None);
    // prettyplease's margin: a call ending at column 89 fits, one
    // ending past it breaks.
    let call = |length| Doc::Call("f".into(), vec![Doc::word(name(2, length))]);
    assert_eq!(call(82).lines(4, 4, 0).map(|l| l.len()), Some(1));
    assert_eq!(call(83).lines(4, 4, 0).map(|l| l.len()), Some(3));
    // A field access too long for its line breaks before the field.
    let array = Doc::Array(vec![Doc::Flat(format!("&self.{}", name(4, 90)))]);
    assert_eq!(array.lines(4, 4, 0), None);
    // A wide struct without fields breaks between its braces.
    let empty = Doc::Struct(name(5, 40), vec![]);
    let call = Doc::Call("f".into(), vec![empty, Doc::word("x")]);
    assert!(check(1, "fn f", &[], "", &call));
    // A word is never broken.
    let word = Doc::word(name(3, 120));
    assert_eq!(word.lines(4, 4, 0), Some(vec![name(3, 120)]));
}
