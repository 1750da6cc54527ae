//! Doc comments and deprecation attributes from the spec's text, and the
//! deferred text (doc lines, macro calls, functions) filled in after
//! formatting.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Docs, Marker};

/// `#[doc = "…"]` attributes, one per line, from paragraphs of Markdown.
/// Empty paragraphs are dropped; links and formatting are kept as written.
///
/// While a file's docs are [`deferred`], the attributes are one
/// placeholder that [`fill`] replaces by the lines after formatting.
pub(crate) fn doc_attrs(paragraphs: &[String]) -> TokenStream {
    deferred_lines(doc_lines(paragraphs))
}

/// The lines of the doc comment of `paragraphs`, each starting with a
/// space unless empty.
fn doc_lines(paragraphs: &[String]) -> Vec<String> {
    let text = paragraphs
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    rustdoc_safe(&text)
}

/// One `#[doc = "…"]` line of the generator's own text (`line` starts
/// with a space), deferred like [`doc_attrs`].
pub(crate) fn doc_line(line: &str) -> TokenStream {
    deferred_lines(vec![line.to_string()])
}

/// The doc comment [`doc_attrs`] gives `paragraphs`, as prettyplease
/// prints it: `///` and each line, its trailing spaces trimmed. `None`
/// when prettyplease would print a line otherwise (as a block comment).
pub(crate) fn doc_comment(paragraphs: &[String]) -> Option<Vec<String>> {
    comment_lines(doc_lines(paragraphs))
}

/// The doc comment of `#[doc]` attributes of `lines`, as prettyplease
/// prints them (see [`doc_comment`]).
pub(crate) fn comment_lines(lines: Vec<String>) -> Option<Vec<String>> {
    match lines.iter().all(|line| as_line(line)) {
        true => Some(
            lines
                .iter()
                .map(|line| format!("///{}", line.trim_end_matches(' ')))
                .collect(),
        ),
        false => None,
    }
}

/// Whether prettyplease prints a `#[doc]` of `line` as `///` and the line
/// (not as a block comment).
fn as_line(line: &str) -> bool {
    !line.contains('\n') && !line.starts_with('/')
}

/// `#[doc]` attributes of `lines`, or one placeholder for them while docs
/// are [`deferred`].
fn deferred_lines(lines: Vec<String>) -> TokenStream {
    // prettyplease prints other lines as block comments.
    let as_lines = !lines.is_empty() && lines.iter().all(|line| as_line(line));
    DEFERRED.with(|deferred| {
        let mut deferred = deferred.borrow_mut();
        match deferred.as_mut() {
            Some(blocks) if as_lines => {
                let placeholder = format!("{PLACEHOLDER}{}", blocks.len());
                blocks.push(lines);
                quote!(#[doc = #placeholder])
            }
            _ => quote!(#(#[doc = #lines])*),
        }
    })
}

/// Keeps `lines` for [`fill`] while a file's text is [`deferred`]: the
/// placeholder to write where they go; the lines back otherwise.
/// Used for the type macros' calls (see [`super::calls`]) and functions
/// written as text (see [`super::text_fns`]).
pub(crate) fn defer(lines: Vec<String>) -> Result<String, Vec<String>> {
    DEFERRED.with(|deferred| match deferred.borrow_mut().as_mut() {
        Some(blocks) => {
            blocks.push(lines);
            Ok(format!("{PLACEHOLDER}{}", blocks.len() - 1))
        }
        None => Err(lines),
    })
}

/// Starts a placeholder doc line, which is followed by its block's number.
/// The lines of docs start with a space or are empty, so none is taken for
/// a placeholder.
const PLACEHOLDER: char = '\u{1}';

thread_local! {
    /// The doc blocks of the file being built on this thread, while its
    /// docs are deferred.
    static DEFERRED: std::cell::RefCell<Option<Vec<Vec<String>>>> = const { std::cell::RefCell::new(None) };
}

/// Runs `build` with the spec's doc text left out of its tokens: each
/// [`doc_attrs`] block is a one-line placeholder, and the blocks come back
/// beside the tokens, for [`fill`] to put into the formatted text. The text
/// is most of a file's bytes; this way it is not escaped into a literal,
/// parsed back and printed again. The placeholders number the blocks of
/// this one file: tokens built here must not be kept for another file.
pub(crate) fn deferred<T>(build: impl FnOnce() -> T) -> (T, Vec<Vec<String>>) {
    let outer = DEFERRED.with(|deferred| deferred.borrow_mut().replace(Vec::new()));
    let built = build();
    let blocks = DEFERRED.with(|deferred| std::mem::replace(&mut *deferred.borrow_mut(), outer));
    (built, blocks.unwrap_or_default())
}

/// `text` (formatted by prettyplease) with each placeholder line replaced
/// by its block's lines: doc lines as prettyplease prints `#[doc]` lines
/// (`///` and the line, its trailing spaces trimmed), a type macro's call
/// or a function written as text line by line at the placeholder's
/// indentation. `None` if a block is not in the text as a line of its
/// own: one inside a macro call, whose tokens prettyplease prints as they
/// are.
pub(crate) fn fill(text: &str, blocks: &[Vec<String>]) -> Option<String> {
    if blocks.is_empty() {
        return Some(text.to_string());
    }
    let marker = format!("///{PLACEHOLDER}");
    let docs: usize = blocks.iter().flatten().map(|line| line.len() + 16).sum();
    let mut out = String::with_capacity(text.len() + docs);
    let mut filled = vec![false; blocks.len()];
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        if let Some(number) = trimmed.strip_prefix(&marker) {
            let number = number.trim_end().parse::<usize>().ok()?;
            let block = blocks.get(number)?;
            filled[number] = true;
            for doc in block {
                out.push_str(indent);
                out.push_str("///");
                out.push_str(doc.trim_end_matches(' '));
                out.push('\n');
            }
        } else if let Some(number) = text_placeholder(trimmed) {
            let block = blocks.get(number)?;
            filled[number] = true;
            for text_line in block {
                out.push_str(indent);
                out.push_str(text_line);
                out.push('\n');
            }
        } else if let Some((call, number)) = call_placeholder(line) {
            let block = blocks.get(number)?;
            filled[number] = true;
            out.push_str(call);
            for (n, call_line) in block.iter().enumerate() {
                if n > 0 {
                    out.push_str(indent);
                }
                out.push_str(call_line);
                out.push('\n');
            }
        } else {
            out.push_str(line);
        }
    }
    filled.iter().all(|&f| f).then_some(out)
}

/// `N` of a line (unindented) `text!("\u{1}N");`, an item written as
/// text (see [`super::text_fns`]).
pub(crate) fn text_placeholder(line: &str) -> Option<usize> {
    line.strip_prefix(super::text_fns::PLACEHOLDER_MACRO)?
        .strip_prefix("!(\"\\u{1}")?
        .trim_end()
        .strip_suffix("\");")?
        .parse()
        .ok()
}

/// A line `crate::macros::NAME!("\u{1}N");` (or `NAME!(…)` inside
/// `define!`) as prettyplease prints a [`defer`]red call: the line up to
/// and with `NAME!(`, and `N`.
fn call_placeholder(line: &str) -> Option<(&str, usize)> {
    const OPEN: &str = "!(\"\\u{1}";
    let body = line.trim_end().strip_suffix("\");")?;
    let at = body.rfind(OPEN)?;
    let number = body[at + OPEN.len()..].parse().ok()?;
    let name = body[..at].trim_start();
    let name = name.strip_prefix("crate::macros::").unwrap_or(name);
    super::calls::TYPE_MACROS
        .contains(&name)
        .then(|| (&line[..at + 2], number))
}

/// Prefixes each line with a space (for `/// line`), marks fenced code
/// blocks without a language as `text`, and removes indentation of four or
/// more spaces outside fences (Markdown would make it a code block), so
/// rustdoc does not compile prose as doctests. Bare URLs outside code
/// become links (`<https://…>`), as rustdoc asks.
fn rustdoc_safe(text: &str) -> Vec<String> {
    let mut in_fence = false;
    text.lines()
        .map(|line| {
            let trimmed = line.trim_start();
            let line = if trimmed.starts_with("```") {
                let opening = !in_fence;
                in_fence = !in_fence;
                if opening && trimmed.trim_end() == "```" {
                    line.replacen("```", "```text", 1)
                } else {
                    line.to_string()
                }
            } else if in_fence {
                line.to_string()
            } else if line.len() - trimmed.len() >= 4 {
                link_bare_urls(trimmed)
            } else {
                link_bare_urls(line)
            };
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        })
        .collect()
}

/// `line` with each bare `http://` or `https://` URL outside inline code
/// written `<url>`; URLs already in a link, angle brackets or quotes are
/// left alone.
fn link_bare_urls(line: &str) -> String {
    if !line.contains("http://") && !line.contains("https://") {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut in_code = false;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            in_code = !in_code;
        } else if !in_code && (rest.starts_with("http://") || rest.starts_with("https://")) {
            let mut previous = out.chars().rev();
            let quoted = match (previous.next(), previous.next()) {
                // A Markdown link's target: `[text](url)`.
                (Some('('), Some(']')) => true,
                (Some('<' | '[' | '"' | '\'' | '='), _) => true,
                _ => false,
            };
            let end = rest
                .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
                .unwrap_or(rest.len());
            // Trailing punctuation ends the sentence, not the URL; so does a
            // closing parenthesis the URL did not open.
            let mut url = &rest[..end];
            loop {
                let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '*', '_']);
                let trimmed = if trimmed.ends_with(')') && !trimmed.contains('(') {
                    &trimmed[..trimmed.len() - 1]
                } else {
                    trimmed
                };
                if trimmed.len() == url.len() {
                    break;
                }
                url = trimmed;
            }
            if quoted || url.len() <= "https://".len() {
                out.push_str(url);
            } else {
                out.push('<');
                out.push_str(url);
                out.push('>');
            }
            rest = &rest[url.len()..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The paragraphs of an item's docs: title, summary (when it says more than
/// the title), description, and notes for undocumented or draft items.
pub(crate) fn paragraphs(docs: &Docs) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(title) = &docs.title {
        out.push(title.clone());
    }
    if let Some(summary) = &docs.summary {
        if docs.title.as_deref() != Some(summary) {
            out.push(summary.clone());
        }
    }
    if let Some(description) = &docs.description {
        out.push(description.clone());
    }
    if let Some(marker) = &docs.undocumented {
        out.push(note("Undocumented", marker));
    }
    if let Some(marker) = &docs.draft {
        out.push(note("Draft", marker));
    }
    out
}

fn note(label: &str, marker: &Marker) -> String {
    match &marker.message {
        Some(message) => format!("**{label}:** {message}"),
        None => format!("**{label}.**"),
    }
}

/// A field's paragraphs: its docs, the value of a constant, and the
/// spec's `format` of a value held as a plain `String`.
pub(crate) fn field_paragraphs(field: &crate::ir::Field) -> Vec<String> {
    let mut out = paragraphs(&field.docs);
    if let crate::ir::TypeRef::Const(value) = &field.ty {
        out.push(format!("Always `{value}`."));
    }
    // The format ends the description's last paragraph, which costs the
    // emitted code one doc line fewer than a paragraph of its own.
    if let (crate::ir::TypeRef::String, Some(format)) = (&field.ty, &field.format) {
        let sentence = format_sentence(format);
        match out.last_mut() {
            Some(last) if !last.trim_end().ends_with("```") => {
                last.push(' ');
                last.push_str(&sentence);
            }
            _ => out.push(sentence),
        }
    }
    out
}

/// What a string `format` says of a value, as a sentence.
fn format_sentence(format: &str) -> String {
    match format {
        "uuid" => "A UUID.".into(),
        "email" => "An email address.".into(),
        "uri" | "url" => "A URI.".into(),
        "hostname" => "A host name.".into(),
        "ipv4" => "An IPv4 address.".into(),
        "ipv6" => "An IPv6 address.".into(),
        "date-time" => "A date and time (RFC 3339).".into(),
        "date" => "A date (`YYYY-MM-DD`).".into(),
        other => format!("Format: `{}`.", other.replace('`', "'")),
    }
}

/// The first sentence of an item's description (or title, or summary),
/// on one line, for a list of parameters.
pub(crate) fn first_sentence(docs: &Docs) -> Option<String> {
    let text = [&docs.description, &docs.title, &docs.summary]
        .into_iter()
        .flatten()
        .map(|t| t.trim())
        .find(|t| !t.is_empty())?;
    let paragraph = text.split("\n\n").next().unwrap_or(text);
    let line = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
    // The first ". " outside a link's text or target, found in one pass.
    let (mut square, mut round) = (0i64, 0i64);
    let mut end = line.len();
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '[' => square += 1,
            ']' => square -= 1,
            '(' => round += 1,
            ')' => round -= 1,
            '.' if square == 0 && round == 0 && matches!(chars.peek(), Some((_, ' '))) => {
                end = i + 1;
                break;
            }
            _ => {}
        }
    }
    Some(line[..end].to_string())
}

/// `#[deprecated(note = "…")]` for a deprecated item, nothing otherwise.
pub(crate) fn deprecated_attr(docs: &Docs) -> TokenStream {
    match &docs.deprecated {
        Some(Marker {
            message: Some(note),
        }) => quote!(#[deprecated(note = #note)]),
        Some(Marker { message: None }) => quote!(#[deprecated]),
        None => quote!(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small file whose docs are built by `docs`, formatted the way
    /// emitted files are: with its docs deferred and filled in, and not.
    fn formatted(docs: impl Fn() -> Vec<TokenStream>) -> (Option<String>, String, usize) {
        let file = |docs: Vec<TokenStream>| {
            let (a, b, c) = (&docs[0], &docs[1], &docs[2]);
            let tokens = quote! {
                #a
                pub struct A {
                    #b
                    pub x: u8,
                }
                impl A {
                    #c
                    pub fn f(&self) {}
                }
            };
            prettyplease::unparse(&syn::parse2(tokens).expect("parses"))
        };
        let (tokens, blocks) = deferred(&docs);
        (fill(&file(tokens), &blocks), file(docs()), blocks.len())
    }

    #[test]
    fn deferred_docs_fill_in_as_prettyplease_prints_them() {
        let (filled, plain, deferred) = formatted(|| {
            vec![
                doc_attrs(&[
                    "Title".into(),
                    "A `\"quoted\"` line \u{1}\nand 0 \\ more.  ".into(),
                ]),
                doc_line(" One line, with trailing spaces   "),
                doc_attrs(&["```\n{}\n```".into()]),
            ]
        });
        assert_eq!(deferred, 3);
        assert_eq!(filled.as_deref(), Some(plain.as_str()));
        assert!(plain.contains("    /// One line, with trailing spaces\n"));
        assert!(plain.contains("///\n/// A `\"quoted\"` line \u{1}\n/// and 0 \\ more.\n"));
    }

    #[test]
    fn lines_prettyplease_prints_as_block_comments_are_not_deferred() {
        let (filled, plain, deferred) = formatted(|| {
            vec![
                doc_line(" Two\n lines"),
                doc_line("/ slash"),
                doc_attrs(&[]),
            ]
        });
        assert_eq!(deferred, 0);
        assert_eq!(filled.as_deref(), Some(plain.as_str()));
        assert!(plain.contains("/** Two\n lines*/"));
    }

    #[test]
    fn a_placeholder_left_in_a_macro_call_is_an_error() {
        let (tokens, blocks) = deferred(|| {
            let doc = doc_line(" Inside.");
            quote!(m! { #doc struct A; })
        });
        let text = prettyplease::unparse(&syn::parse2(tokens).expect("parses"));
        assert_eq!(fill(&text, &blocks), None);
        // Outside `deferred`, the docs are attributes as usual.
        let doc = doc_line(" Plain.").to_string();
        assert!(doc.contains("\" Plain.\""), "{doc}");
    }

    #[test]
    fn indented_prose_is_not_a_code_block() {
        let lines = rustdoc_safe("Name.\n\n        Note that it's long.\n```\n    kept\n```");
        assert_eq!(
            lines,
            vec![
                " Name.",
                "",
                " Note that it's long.",
                " ```text",
                "     kept",
                " ```"
            ]
        );
    }

    #[test]
    fn bare_urls_become_links_and_others_stay_as_written() {
        let lines = rustdoc_safe(
            "See https://a.test/x-y for more. (https://b.test/p) [t](https://c.test) \
             <https://d.test> `https://e.test` \"https://f.test\" https://g.test/(x).",
        );
        assert_eq!(
            lines,
            vec![
                " See <https://a.test/x-y> for more. (<https://b.test/p>) [t](https://c.test) \
                 <https://d.test> `https://e.test` \"https://f.test\" <https://g.test/(x)>."
            ]
        );
    }

    #[test]
    fn unlabeled_fences_become_text_and_lines_get_a_space() {
        let lines = rustdoc_safe("See [docs](https://x.y).\n\n```\n{}\n```\n```json\n[]\n```");
        assert_eq!(
            lines,
            vec![
                " See [docs](https://x.y).",
                "",
                " ```text",
                " {}",
                " ```",
                " ```json",
                " []",
                " ```"
            ]
        );
    }

    #[test]
    fn the_first_sentence_ends_outside_links_and_in_one_pass() {
        let docs = |text: &str| Docs {
            description: Some(text.to_string()),
            ..Docs::default()
        };
        let sentence = |text: &str| first_sentence(&docs(text)).unwrap();
        assert_eq!(
            sentence("ID of the [lock. See](https://x.test/a. b) docs. More here."),
            "ID of the [lock. See](https://x.test/a. b) docs."
        );
        assert_eq!(sentence("No full stop\n  here"), "No full stop here");
        assert_eq!(sentence("One.\n\nTwo."), "One.");
        // An unbalanced bracket before many full stops: the whole line,
        // read once (this took minutes when each stop recounted the text).
        let long = format!("[{}", "a. ".repeat(200_000));
        assert_eq!(sentence(&long).len(), long.trim_end().len());
    }
}
