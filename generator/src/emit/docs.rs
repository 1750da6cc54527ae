//! Doc comments and deprecation attributes from the spec's text.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Docs, Marker};

/// `#[doc = "…"]` attributes, one per line, from paragraphs of Markdown.
/// Empty paragraphs are dropped; links and formatting are kept as written.
pub(crate) fn doc_attrs(paragraphs: &[String]) -> TokenStream {
    let text = paragraphs
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    let lines = rustdoc_safe(&text);
    quote!(#(#[doc = #lines])*)
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
