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
    /// `&expression`.
    Ref(Box<Doc>),
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
            Doc::Ref(expr) => format!("&{}", expr.flat()),
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
            Doc::Ref(expr) => 1 + expr.width(),
        }
    }

    /// Whether a struct literal within (and so this) is always broken.
    fn forced(&self) -> bool {
        match self {
            Doc::Word(_) | Doc::Flat(_) => false,
            Doc::Call(_, args) | Doc::Array(args) => args.iter().any(Doc::forced),
            Doc::Method(receiver, _, args) => receiver.forced() || args.iter().any(Doc::forced),
            Doc::Ref(expr) => expr.forced(),
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
            Doc::Ref(expr) => {
                let mut lines = expr.lines(indent, start + 1, trailing)?;
                if let Some(first) = lines.first_mut() {
                    first.insert(0, '&');
                }
                Some(lines)
            }
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

/// A statement of a function's body: an expression and the text after it
/// on its line (`;`, `?;`, or nothing for the body's value).
pub(crate) type Statement<'a> = (&'a Doc, &'a str);

/// The function `head(params) tail { body }` laid out at `indent`, its
/// lines without that indentation; `None` when the layout is not certain.
/// Each parameter must fit on a line of its own.
pub(crate) fn function(
    indent: usize,
    head: &str,
    params: &[String],
    tail: &str,
    body: &[Statement],
) -> Option<Vec<String>> {
    let mut lines = signature(indent, head, params, tail)?;
    for (expr, after) in body {
        let mut statement = expr.lines(indent + 4, indent + 4, after.len())?;
        if let Some(last) = statement.last_mut() {
            last.push_str(after);
        }
        let mut statement = statement.into_iter();
        lines.extend(statement.next().map(|first| format!("    {first}")));
        lines.extend(statement.map(|line| line.get(indent..).unwrap_or(&line).to_string()));
    }
    lines.push("}".to_string());
    Some(lines)
}

/// `head(params) tail {` on one line when it fits, else with each
/// parameter on a line of its own; `None` when a parameter or the return
/// type is too wide for its line (prettyplease may break it).
fn signature(indent: usize, head: &str, params: &[String], tail: &str) -> Option<Vec<String>> {
    let line = format!("{head}({}){tail} {{", params.join(", "));
    if fits(indent, line.len()) {
        return Some(vec![line]);
    }
    let mut lines = vec![format!("{head}(")];
    lines.extend(params.iter().map(|param| format!("    {param},")));
    lines.push(format!("){tail} {{"));
    lines
        .iter()
        .all(|line| fits(indent, line.len()))
        .then_some(lines)
}

/// The same function on as few lines as Rust allows, for prettyplease to
/// lay out.
pub(crate) fn function_text(
    head: &str,
    params: &[String],
    tail: &str,
    body: &[Statement],
) -> String {
    let body: Vec<String> = body
        .iter()
        .map(|(expr, after)| format!("{}{after}", expr.flat()))
        .collect();
    format!(
        "{head}({}){tail} {{\n{}\n}}",
        params.join(", "),
        body.join("\n")
    )
}

#[cfg(test)]
mod tests;
