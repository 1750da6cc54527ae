//! Turning spec names into Rust identifiers: case conversion, keywords,
//! leading digits and collisions are all handled here.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords that can be written as raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized",
    "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing `_`.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Type names the generated crate uses itself; a spec type with one of these
/// names gets a suffix so both stay usable in one module.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Box",
    "Date",
    "DateTime",
    "Default",
    "Err",
    "Error",
    "Fn",
    "From",
    "Into",
    "IntoIterator",
    "Map",
    "NaiveDate",
    "None",
    "Ok",
    "Option",
    "Result",
    "Some",
    "String",
    "Utc",
    "Uuid",
    "Value",
    "Vec",
];

/// The variant name of an error response: the reason phrase of common
/// status codes (`NotFound`), else `Status418`; `ClientError` and
/// `ServerError` for the `4XX` and `5XX` ranges; `Default` for `default`.
pub fn status_name(status: crate::ir::ErrorStatus) -> String {
    use crate::ir::ErrorStatus;
    const REASONS: &[(u16, &str)] = &[
        (300, "MultipleChoices"),
        (304, "NotModified"),
        (400, "BadRequest"),
        (401, "Unauthorized"),
        (402, "PaymentRequired"),
        (403, "Forbidden"),
        (404, "NotFound"),
        (405, "MethodNotAllowed"),
        (406, "NotAcceptable"),
        (408, "RequestTimeout"),
        (409, "Conflict"),
        (410, "Gone"),
        (412, "PreconditionFailed"),
        (413, "PayloadTooLarge"),
        (415, "UnsupportedMediaType"),
        (422, "UnprocessableEntity"),
        (423, "Locked"),
        (428, "PreconditionRequired"),
        (429, "TooManyRequests"),
        (500, "InternalServerError"),
        (501, "NotImplemented"),
        (502, "BadGateway"),
        (503, "ServiceUnavailable"),
        (504, "GatewayTimeout"),
    ];
    match status {
        ErrorStatus::Code(code) => REASONS
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, name)| (*name).to_string())
            .unwrap_or_else(|| format!("Status{code}")),
        ErrorStatus::Range(4) => "ClientError".into(),
        ErrorStatus::Range(5) => "ServerError".into(),
        ErrorStatus::Range(digit) => format!("Status{digit}xx"),
        ErrorStatus::Default => "Default".into(),
    }
}

type Remembered = std::cell::RefCell<rustc_hash::FxHashMap<String, String>>;

thread_local! {
    /// Names already converted on this thread. A spec repeats its names
    /// (the same fields in many schemas, the same parameters in many
    /// operations); converting case is slow (a twentieth of codegen's
    /// instructions on Seam's spec). The threads that lower and emit a
    /// spec end with it, and their names with them.
    static SNAKE: Remembered = Remembered::default();
    static CAMEL: Remembered = Remembered::default();
}

/// How many names a thread remembers, at most: far more than a large
/// spec has.
const REMEMBERED_NAMES: usize = 1 << 16;

/// `convert(name)`, remembered in `cache`.
fn remembered(
    cache: &'static std::thread::LocalKey<Remembered>,
    name: &str,
    convert: fn(&str) -> String,
) -> String {
    cache.with(|cache| {
        if let Some(known) = cache.borrow().get(name) {
            return known.clone();
        }
        let converted = convert(name);
        let mut cache = cache.borrow_mut();
        // A thread that outlives its spec (a caller's own) starts over
        // rather than growing with every spec it sees.
        if cache.len() >= REMEMBERED_NAMES {
            cache.clear();
        }
        cache.insert(name.to_string(), converted.clone());
        converted
    })
}

/// A snake-case identifier for a field, parameter, method or module.
/// Returns the bare name; [`is_raw`] says whether it must be written `r#name`.
pub fn snake(name: &str) -> String {
    remembered(&SNAKE, name, snake_of)
}

fn snake_of(name: &str) -> String {
    let mut out = operators_as_words(name).to_snake_case();
    if out.is_empty() {
        out = "value".into();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out = format!("n{out}");
    }
    if NON_RAW_KEYWORDS.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// Comparison operators as the words a person would write, so that
/// filters told apart only by an operator (Twilio's `DateSent<`,
/// `DateSent>`, `DateSent`) get names that say which is which rather than
/// numeric suffixes: `date_sent_before`, `date_sent_after`.
fn operators_as_words(name: &str) -> std::borrow::Cow<'_, str> {
    if !name.contains(['<', '>', '!']) {
        return std::borrow::Cow::Borrowed(name);
    }
    let words = [
        ("<=", " on or before "),
        (">=", " on or after "),
        ("!=", " not "),
        ("<", " before "),
        (">", " after "),
    ];
    let mut out = name.to_string();
    for (operator, word) in words {
        out = out.replace(operator, word);
    }
    std::borrow::Cow::Owned(out)
}

/// An upper-camel identifier for a type or enum variant.
pub fn camel(name: &str) -> String {
    remembered(&CAMEL, name, camel_of)
}

fn camel_of(name: &str) -> String {
    let mut out = match name.is_ascii() {
        true => ascii_upper_camel(name),
        false => name.to_upper_camel_case(),
    };
    // `to_upper_camel_case` keeps only letters and digits, so what is left
    // is a valid identifier once it does not start with a digit.
    if out.is_empty() {
        out = "Value".into();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out = format!("N{out}");
    }
    if out == "Self" {
        out.push('_');
    }
    out
}

/// `heck`'s upper camel case of an ASCII `name`, without its formatting
/// machinery (a spec's inline types are named from long hints, each new):
/// words split at anything but letters and digits, after a lowercase
/// letter followed by an uppercase one, and before the last of a run of
/// uppercase letters followed by a lowercase one; each word capitalized.
fn ascii_upper_camel(name: &str) -> String {
    #[derive(Clone, Copy, PartialEq)]
    enum Case {
        None,
        Lower,
        Upper,
    }
    fn push_word(out: &mut String, word: &[u8]) {
        if let Some((first, rest)) = word.split_first() {
            out.push(first.to_ascii_uppercase() as char);
            out.extend(rest.iter().map(|b| b.to_ascii_lowercase() as char));
        }
    }
    let mut out = String::with_capacity(name.len());
    for word in name.split(|c: char| !c.is_ascii_alphanumeric()) {
        let bytes = word.as_bytes();
        let (mut start, mut case) = (0, Case::None);
        for (i, &c) in bytes.iter().enumerate() {
            let Some(&next) = bytes.get(i + 1) else {
                push_word(&mut out, &bytes[start..]);
                break;
            };
            let next_case = match c {
                b'a'..=b'z' => Case::Lower,
                b'A'..=b'Z' => Case::Upper,
                _ => case,
            };
            if next_case == Case::Lower && next.is_ascii_uppercase() {
                push_word(&mut out, &bytes[start..=i]);
                (start, case) = (i + 1, Case::None);
            } else if case == Case::Upper && c.is_ascii_uppercase() && next.is_ascii_lowercase() {
                push_word(&mut out, &bytes[start..i]);
                (start, case) = (i, Case::None);
            } else {
                case = next_case;
            }
        }
    }
    out
}

/// A type name: [`camel`], avoiding names the generated crate itself uses.
pub fn type_name(name: &str) -> String {
    let out = camel(name);
    if RESERVED_TYPE_NAMES.contains(&out.as_str()) {
        format!("{out}Type")
    } else {
        out
    }
}

/// The type names a generated crate's root exports from its runtime
/// (whichever the spec needs), which the client type cannot also take.
pub const ROOT_TYPE_NAMES: &[&str] = &[
    "ApiError",
    "Base64",
    "Body",
    "ByteStream",
    "DecodeError",
    "Detail",
    "Error",
    "Method",
    "Page",
    "PaginatedStream",
    "Paginator",
    "RawRequest",
    "Request",
    "ResponseFuture",
    "RetryPolicy",
    "Rule",
    "UnknownVariant",
    "Upload",
    "ValidationError",
];

/// Why `name` cannot name a crate's client type, if it cannot: it must be a
/// type name ([`is_type_name`]) that the crate root does not export already.
pub fn client_name_problem(name: &str) -> Option<String> {
    if !is_type_name(name) {
        return Some(format!("the client name `{name}` is not a Rust type name"));
    }
    ROOT_TYPE_NAMES.contains(&name).then(|| {
        format!("the client name `{name}` is taken: the crate exports a `{name}` of its own")
    })
}

/// Whether `name` can name a Rust type: an upper-camel identifier that is
/// not a keyword.
pub fn is_type_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && name != "Self"
}

/// Whether a [`snake`] identifier is a keyword that must be written `r#name`.
pub fn is_raw(ident: &str) -> bool {
    RAW_KEYWORDS.contains(&ident)
}

/// Hands out unique names within one scope: a name already taken gets the
/// smallest numeric suffix (`2`, `3`, …) that is free.
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks `name` as taken without renaming it.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_string());
    }

    /// Whether `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Frees a name claimed earlier, for a type that turned out not to be needed.
    pub fn release(&mut self, name: &str) {
        self.taken.remove(name);
    }

    /// Returns `name` or, if taken, `name` with a numeric suffix
    /// (`_2` for snake-case names, `2` for camel-case ones).
    pub fn claim(&mut self, name: String) -> String {
        if self.taken.insert(name.clone()) {
            return name;
        }
        // `_` unless the name is camel case; also after a digit, so
        // `EtcGmt1` + 2 reads `EtcGmt1_2`, not `EtcGmt12`.
        let camel = name.starts_with(|c: char| c.is_ascii_uppercase());
        let separator = if camel && !name.ends_with(|c: char| c.is_ascii_digit()) {
            ""
        } else {
            "_"
        };
        let mut n = 2u64;
        loop {
            let candidate = format!("{name}{separator}{n}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_handles_keywords_digits_and_case() {
        assert_eq!(snake("type"), "type");
        assert!(is_raw(&snake("type")));
        assert_eq!(snake("self"), "self_");
        assert!(!is_raw(&snake("self")));
        assert_eq!(snake("1d"), "n1d");
        assert_eq!(snake("userIdentifierKey"), "user_identifier_key");
        assert_eq!(snake("_private"), "private");
        assert_eq!(snake("!!!"), "value");
    }

    #[test]
    fn filters_told_apart_by_an_operator_read_as_words() {
        assert_eq!(snake("DateSent"), "date_sent");
        assert_eq!(snake("DateSent<"), "date_sent_before");
        assert_eq!(snake("DateSent>"), "date_sent_after");
        assert_eq!(snake("StartTime<="), "start_time_on_or_before");
        assert_eq!(snake("StartTime>="), "start_time_on_or_after");
        assert_eq!(snake("status!="), "status_not");
        assert_eq!(snake("created[gte]"), "created_gte");
    }

    #[test]
    fn remembered_names_stay_bounded_and_right() {
        std::thread::spawn(|| {
            for i in 0..REMEMBERED_NAMES + 10 {
                assert_eq!(snake(&format!("Name{i}")), format!("name{i}"));
            }
            let kept = SNAKE.with(|cache| cache.borrow().len());
            assert!(kept <= REMEMBERED_NAMES, "{kept}");
            assert_eq!(snake("Name7"), "name7");
        })
        .join()
        .expect("no panic");
    }

    #[test]
    fn ascii_camel_case_is_hecks() {
        // Every string of up to four of these characters, and longer ones
        // drawn from them by a fixed sequence.
        const CHARS: &[u8] = b"aZb9_-/ .Yq{";
        let mut cases: Vec<String> = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = cases
                .iter()
                .flat_map(|s| CHARS.iter().map(move |&c| format!("{s}{}", c as char)))
                .collect();
            cases.extend(longer);
        }
        let mut state: u64 = 7;
        for _ in 0..20_000 {
            let len = (state % 40) as usize;
            let mut s = String::new();
            for _ in 0..len {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push(CHARS[(state >> 33) as usize % CHARS.len()] as char);
            }
            cases.push(s);
        }
        cases.extend(
            [
                "HTTPServer",
                "userID2Name",
                "ABCdefGHI",
                "x-Request-ID",
                "a1B2c3",
            ]
            .map(String::from),
        );
        for case in &cases {
            assert_eq!(
                ascii_upper_camel(case),
                case.to_upper_camel_case(),
                "{case:?}"
            );
        }
    }

    #[test]
    fn camel_handles_digits_symbols_and_reserved() {
        assert_eq!(camel("client_session"), "ClientSession");
        assert_eq!(camel("1d"), "N1d");
        assert_eq!(
            camel("America/Argentina/La_Rioja"),
            "AmericaArgentinaLaRioja"
        );
        assert_eq!(camel("string[]"), "String");
        assert_eq!(camel(""), "Value");
        assert_eq!(type_name("error"), "ErrorType");
        assert_eq!(type_name("default"), "DefaultType");
        assert_eq!(type_name("client_session"), "ClientSession");
    }

    #[test]
    fn scope_suffixes_collisions_deterministically() {
        let mut scope = Scope::new();
        assert_eq!(scope.claim("String".into()), "String");
        assert_eq!(scope.claim("String".into()), "String2");
        assert_eq!(scope.claim("String".into()), "String3");
        assert_eq!(scope.claim("foo_bar".into()), "foo_bar");
        assert_eq!(scope.claim("foo_bar".into()), "foo_bar_2");
        assert_eq!(scope.claim("EtcGmt1".into()), "EtcGmt1");
        assert_eq!(scope.claim("EtcGmt1".into()), "EtcGmt1_2");
        scope.reserve("send");
        assert_eq!(scope.claim("send".into()), "send_2");
    }
}
