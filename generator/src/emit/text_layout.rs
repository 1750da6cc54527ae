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
    /// Text prettyplease never breaks: a literal, a path.
    Word(String),
    /// Text prettyplease may break (a field access such as `&self.id`, a
    /// method chain): laid out only where it fits on one line.
    Flat(String),
    /// `head(arguments)`.
    Call(String, Vec<Doc>),
    /// `[elements]`, of elements other than number, character or boolean
    /// literals (an array of those only is filled line by line).
    Array(Vec<Doc>),
    /// `head { fields }`: a field is `name` alone or `name: value`, and a
    /// last `..rest` is written as a field `..rest` alone.
    Struct(String, Vec<(String, Option<Doc>)>),
    /// `receiver.method(arguments)`, the receiver not a short identifier
    /// (so the call may start a line of its own).
    Method(Box<Doc>, String, Vec<Doc>),
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

/// Whether a line of `len` bytes indented by `indent` columns fits, so
/// that prettyplease breaks nothing on it.
pub(crate) fn fits(indent: usize, len: usize) -> bool {
    indent + len <= limit(indent)
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
            Doc::Array(elements) => format!("[{}]", flat_list(elements)),
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
                format!("{}.{method}({})", receiver.flat(), flat_list(args))
            }
        }
    }

    /// The length in bytes of [`Doc::flat`], as prettyplease counts.
    fn width(&self) -> usize {
        let list = |docs: &[Doc]| {
            docs.iter()
                .map(|d| d.width() + 2)
                .sum::<usize>()
                .saturating_sub(2)
        };
        match self {
            Doc::Word(text) | Doc::Flat(text) => text.len(),
            Doc::Call(head, args) => head.len() + 2 + list(args),
            Doc::Array(elements) => 2 + list(elements),
            Doc::Struct(head, fields) if fields.is_empty() => head.len() + 3,
            Doc::Struct(head, fields) => {
                let fields: usize = fields
                    .iter()
                    .map(|(name, value)| {
                        name.len() + value.as_ref().map_or(0, |v| 2 + v.width()) + 2
                    })
                    .sum();
                // `head { ` and ` }`, less the last field's `, `.
                head.len() + 3 + fields
            }
            Doc::Method(receiver, method, args) => receiver.width() + method.len() + 3 + list(args),
        }
    }

    /// Whether a struct literal within (and so this) is always broken.
    fn forced(&self) -> bool {
        match self {
            Doc::Word(_) | Doc::Flat(_) => false,
            Doc::Call(_, args) | Doc::Array(args) => args.iter().any(Doc::forced),
            Doc::Method(receiver, _, args) => receiver.forced() || args.iter().any(Doc::forced),
            Doc::Struct(_, fields) => {
                // From the path to the space before the `}`.
                self.width().saturating_sub(1) > STRUCT_WIDTH
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
        // A call without arguments has nothing to break.
        if matches!(self, Doc::Word(_)) || matches!(self, Doc::Call(_, args) if args.is_empty()) {
            return Some(vec![self.flat()]);
        }
        let forced = self.forced();
        if !forced && start + self.width() + trailing <= limit(indent) {
            return Some(vec![self.flat()]);
        }
        let pad = " ".repeat(indent);
        let inner = indent + 4;
        match self {
            Doc::Word(_) | Doc::Flat(_) => None,
            // A lone struct argument is printed without breaking the call.
            Doc::Call(_, args) if matches!(args.as_slice(), [Doc::Struct(..)]) => None,
            Doc::Call(head, args) => {
                let mut lines = vec![format!("{head}(")];
                list_lines(
                    &mut lines,
                    args.iter().map(|a| (String::new(), a)),
                    inner,
                    false,
                )?;
                lines.push(format!("{pad})"));
                Some(lines)
            }
            Doc::Struct(head, fields) => {
                let mut lines = vec![format!("{head} {{")];
                // `..rest` takes no comma.
                let (fields, rest) = match fields.split_last() {
                    Some(((name, None), fields)) if name.starts_with("..") => (fields, Some(name)),
                    _ => (fields.as_slice(), None),
                };
                let shorthand: Vec<Doc> = fields.iter().map(|(name, _)| Doc::word(name)).collect();
                let fields =
                    fields
                        .iter()
                        .zip(&shorthand)
                        .map(|((name, value), word)| match value {
                            Some(value) => (format!("{name}: "), value),
                            None => (String::new(), word),
                        });
                list_lines(&mut lines, fields, inner, rest.is_some())?;
                lines.extend(rest.map(|rest| format!("{}{rest}", " ".repeat(inner))));
                lines.push(format!("{pad}}}"));
                Some(lines)
            }
            Doc::Array(elements) => {
                let mut lines = vec!["[".to_string()];
                let elements = elements.iter().map(|e| (String::new(), e));
                list_lines(&mut lines, elements, inner, false)?;
                lines.push(format!("{pad}]"));
                Some(lines)
            }
            // The receiver, then the call on a line of its own: its
            // arguments after it, or below it when they do not fit.
            Doc::Method(receiver, method, args) => {
                let mut lines = match &**receiver {
                    Doc::Word(text) => vec![text.clone()],
                    Doc::Flat(text) if start + text.len() <= limit(indent) => vec![text.clone()],
                    // A call's arguments are indented from the chain's
                    // (the same margin applies, short of `MIN_SPACE`).
                    Doc::Call(..) if limit(inner) == limit(indent) => {
                        receiver.lines(inner, start, 0)?
                    }
                    Doc::Array(_) => receiver.lines(indent, start, 0)?,
                    _ => return None,
                };
                let call = Doc::Call(format!("{pad}    .{method}"), args.clone());
                lines.extend(call.lines(inner, inner, trailing)?);
                Some(lines)
            }
        }
    }
}

fn flat_list(docs: &[Doc]) -> String {
    docs.iter().map(Doc::flat).collect::<Vec<_>>().join(", ")
}

/// Each of `items` (a prefix and an expression) on lines of its own at
/// `indent`, followed by a comma; `followed` when more follows the last
/// (a struct's `..rest`).
fn list_lines<'a>(
    lines: &mut Vec<String>,
    items: impl Iterator<Item = (String, &'a Doc)>,
    indent: usize,
    followed: bool,
) -> Option<()> {
    let mut items = items.peekable();
    while let Some((prefix, item)) = items.next() {
        let start = indent + prefix.len();
        // The last element's comma is printed only when the list breaks,
        // so prettyplease does not count it.
        let trailing = usize::from(followed || items.peek().is_some());
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
        assert_eq!(body.width(), body.flat().len());
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
                    laid_out +=
                        usize::from(check(depth, "fn parts", &["&self".into()], tail, &body));
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
}
