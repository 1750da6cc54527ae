//! Scanning text for string literals, for the JSON depth check.

/// Where a character-by-character scan is with respect to double-quoted
/// string literals with backslash escapes (JSON's and Rust's).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Quotes {
    inside: bool,
    escaped: bool,
}

impl Quotes {
    /// Takes the next character; says whether it belongs to a string
    /// literal, its quotes included.
    pub(crate) fn quoted(&mut self, c: char) -> bool {
        if self.inside {
            match c {
                _ if self.escaped => self.escaped = false,
                '\\' => self.escaped = true,
                '"' => self.inside = false,
                _ => {}
            }
            true
        } else {
            self.inside = c == '"';
            self.inside
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_quotes_stay_inside_and_the_closing_quote_ends_the_literal() {
        let text = r#"a "b \" { c" d"#;
        let mut quotes = Quotes::default();
        let marks: String = text
            .chars()
            .map(|c| if quotes.quoted(c) { 'q' } else { '.' })
            .collect();
        assert_eq!(marks, "..qqqqqqqqqq..");
    }
}
