//! Function bodies and signatures laid out as prettyplease lays them out,
//! for functions written as text (see [`super::text_fns`]).
//!
//! prettyplease keeps a group (a call's arguments, a struct's fields, a
//! signature's parameters) on one line when it fits within its margin,
//! and otherwise puts each element on a line of its own; a struct literal
//! wider than 34 columns is always broken, and so is every group holding
//! one. Those rules are followed here for the few shapes the generator
//! writes as text; for anything else (a method chain that does not fit, a
//! lone struct argument) the layout is unknown (`None`) and the function
//! is left to prettyplease. The tests hold each shape to prettyplease's
//! own output at every width around the margin.

/// An expression to lay out.
#[derive(Debug, Clone)]
pub(crate) enum Doc {
    /// Text prettyplease never breaks: a literal, a path, `self.params`.
    Word(String),
    /// Text prettyplease may break (a method chain, a generic type): laid
    /// out only where it fits on one line.
    Flat(String),
    /// `head(arguments)`.
    Call(String, Vec<Doc>),
    /// `head { fields }`: a field is `name` alone or `name: value`.
    Struct(String, Vec<(String, Option<Doc>)>),
    /// `receiver.method(arguments)`, the receiver longer than an
    /// indentation (so the call may start a line of its own).
    Method(String, String, Vec<Doc>),
}

/// prettyplease's margin: a group is kept on one line when it ends by
/// this column, counting the text after it up to where the line could
/// break (but not a comma printed only when the group breaks).
const MARGIN: usize = 89;

/// On a line indented further than `MARGIN - MIN_SPACE`, prettyplease
/// allows this many columns after the indentation instead.
const MIN_SPACE: usize = 60;

/// A struct literal wider than this (from its path to the space before
/// its `}`) is always broken.
const STRUCT_WIDTH: usize = 34;

/// The column a group starting on a line indented by `indent` may end at.
fn limit(indent: usize) -> usize {
    MARGIN.max(indent + MIN_SPACE)
}

impl Doc {
    pub(crate) fn word(text: impl Into<String>) -> Doc {
        Doc::Word(text.into())
    }

    /// The expression on one line.
    pub(crate) fn flat(&self) -> String {
        match self {
            Doc::Word(text) | Doc::Flat(text) => text.clone(),
            Doc::Call(head, args) => format!("{head}({})", flat_list(args)),
            Doc::Struct(head, fields) if fields.is_empty() => format!("{head} {{}}"),
            Doc::Struct(head, fields) => {
                let fields: Vec<String> = fields
                    .iter()
                    .map(|(name, value)| match value {
                        Some(value) => format!("{name}: {}", value.flat()),
                        None => name.clone(),
                    })
                    .collect();
                format!("{head} {{ {} }}", fields.join(", "))
            }
            Doc::Method(receiver, method, args) => {
                format!("{receiver}.{method}({})", flat_list(args))
            }
        }
    }

    /// Whether a struct literal within (and so this) is always broken.
    fn forced(&self) -> bool {
        match self {
            Doc::Word(_) | Doc::Flat(_) => false,
            Doc::Call(_, args) | Doc::Method(_, _, args) => args.iter().any(Doc::forced),
            Doc::Struct(_, fields) => {
                // From the path to the space before the `}`.
                self.flat().len().saturating_sub(1) > STRUCT_WIDTH
                    || fields
                        .iter()
                        .filter_map(|(_, value)| value.as_ref())
                        .any(Doc::forced)
            }
        }
    }

    /// The lines of the expression starting at column `start` of a line
    /// indented by `indent` columns, with `trailing` more columns after it
    /// before prettyplease could break the line: the first line without
    /// its indentation, the others with theirs. `None` when the layout is
    /// not certain.
    pub(crate) fn lines(
        &self,
        indent: usize,
        start: usize,
        trailing: usize,
    ) -> Option<Vec<String>> {
        let flat = self.flat();
        // A call without arguments has nothing to break.
        if matches!(self, Doc::Word(_)) || matches!(self, Doc::Call(_, args) if args.is_empty()) {
            return Some(vec![flat]);
        }
        // prettyplease counts bytes.
        if !self.forced() && start + flat.len() + trailing <= limit(indent) {
            return Some(vec![flat]);
        }
        let pad = " ".repeat(indent);
        let inner = indent + 4;
        match self {
            Doc::Word(_) | Doc::Flat(_) => None,
            // A lone struct argument is printed without breaking the call.
            Doc::Call(_, args) if matches!(args.as_slice(), [Doc::Struct(..)]) => None,
            Doc::Call(head, args) => {
                let mut lines = vec![format!("{head}(")];
                list_lines(&mut lines, args.iter().map(|a| (String::new(), a)), inner)?;
                lines.push(format!("{pad})"));
                Some(lines)
            }
            Doc::Struct(head, fields) => {
                let mut lines = vec![format!("{head} {{")];
                let shorthand: Vec<Doc> = fields.iter().map(|(name, _)| Doc::word(name)).collect();
                let fields =
                    fields
                        .iter()
                        .zip(&shorthand)
                        .map(|((name, value), word)| match value {
                            Some(value) => (format!("{name}: "), value),
                            None => (String::new(), word),
                        });
                list_lines(&mut lines, fields, inner)?;
                lines.push(format!("{pad}}}"));
                Some(lines)
            }
            // Only a chain broken by a struct within is known: the call on
            // a line of its own, its arguments below.
            Doc::Method(receiver, method, args) => {
                if !self.forced() {
                    return None;
                }
                let mut lines = vec![receiver.clone(), format!("{pad}    .{method}(")];
                let args = args.iter().map(|a| (String::new(), a));
                list_lines(&mut lines, args, inner + 4)?;
                lines.push(format!("{pad}    )"));
                Some(lines)
            }
        }
    }
}

fn flat_list(docs: &[Doc]) -> String {
    docs.iter().map(Doc::flat).collect::<Vec<_>>().join(", ")
}

/// Each of `items` (a prefix and an expression) on lines of its own at
/// `indent`, followed by a comma.
fn list_lines<'a>(
    lines: &mut Vec<String>,
    items: impl Iterator<Item = (String, &'a Doc)>,
    indent: usize,
) -> Option<()> {
    let mut items = items.peekable();
    while let Some((prefix, item)) = items.next() {
        let start = indent + prefix.len();
        // The last element's comma is printed only when the list breaks,
        // so prettyplease does not count it.
        let trailing = usize::from(items.peek().is_some());
        let mut item = item.lines(indent, start, trailing)?;
        if let Some(first) = item.first_mut() {
            *first = format!("{}{prefix}{first}", " ".repeat(indent));
        }
        if let Some(last) = item.last_mut() {
            last.push(',');
        }
        lines.extend(item);
    }
    Some(())
}

/// The function `head(params) tail { body }` laid out at `indent`, its
/// lines without that indentation; `None` when the layout is not certain.
/// Each parameter must fit on a line of its own.
pub(crate) fn function(
    indent: usize,
    head: &str,
    params: &[String],
    tail: &str,
    body: &Doc,
) -> Option<Vec<String>> {
    let signature = format!("{head}({}){tail} {{", params.join(", "));
    let mut lines = vec![signature];
    if indent + lines[0].len() > limit(indent) {
        lines = vec![format!("{head}(")];
        lines.extend(params.iter().map(|param| format!("    {param},")));
        lines.push(format!("){tail} {{"));
        // A parameter or return type too wide for its line may break.
        let fits = |line: &String| indent + line.len() <= limit(indent);
        if !lines.iter().all(fits) {
            return None;
        }
    }
    let body = body.lines(indent + 4, indent + 4, 0)?;
    let mut body = body.into_iter();
    lines.extend(body.next().map(|first| format!("    {first}")));
    lines.extend(body.map(|line| line.get(indent..).unwrap_or(&line).to_string()));
    lines.push("}".to_string());
    Some(lines)
}

/// The same function on as few lines as Rust allows, for prettyplease to
/// lay out.
pub(crate) fn function_text(head: &str, params: &[String], tail: &str, body: &Doc) -> String {
    format!(
        "{head}({}){tail} {{\n{}\n}}",
        params.join(", "),
        body.flat()
    )
}

#[cfg(test)]
mod tests {
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
        let text = function_text(head, params, tail, body);
        match function(4 * depth, head, params, tail, body) {
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
                        vec![Doc::word("&self.client"), inner],
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
                    Doc::word("self.params"),
                    Doc::word(format!("{}::validate", name(5, length / 2 + 1))),
                ],
            );
            let body = Doc::Method(
                "self.client".into(),
                "start_parts".into(),
                vec![endpoint, checked, Doc::word("crate::http::read_json")],
            );
            let tail = format!(" -> crate::ResponseFuture<{}>", name(6, length / 3 + 1));
            laid_out += usize::from(check(1, "pub fn send", &["self".to_string()], &tail, &body));
        }
        assert!(laid_out > 25, "{laid_out}");
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
        // A word is never broken.
        let word = Doc::word(name(3, 120));
        assert_eq!(word.lines(4, 4, 0), Some(vec![name(3, 120)]));
    }
}
