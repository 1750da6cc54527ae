//! Conventions: what an API does beyond OpenAPI itself, declared as data.
//!
//! Each part is a generic mechanism with parameters (where names come
//! from, an envelope around results, how lists page, how long-running
//! operations are polled, …). A target declares them in a TOML file
//! (`conventions = "file.toml"` in the targets file, `--conventions` on the
//! command line); a preset is such a file built in (`--profile seam` is
//! `generator/presets/seam.toml`). Lowering consults them and records what
//! they chose in the intermediate model, next to what the spec says; the
//! whole set is in [`crate::ir::Api::conventions`], so `--dump-ir` shows
//! it. The keys are described in `docs/conventions.md`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The conventions a spec is lowered under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Conventions {
    /// The response header that carries a request's id.
    pub request_id_header: String,
    /// A summary that starts with `/` repeats the path; the docs drop it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub summary_is_path: bool,
    /// `format: uuid` values are `String`s in the crate (IDs that are
    /// opaque handles), though the model records the format.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub uuid_as_string: bool,
    pub names: Names,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub envelope: Option<Envelope>,
    pub pagination: PaginationConventions,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub polling: Option<Polling>,
    pub retries: Retries,
    pub errors: ErrorShape,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credentials: Option<OwnCredentials>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webhooks: Option<SignedWebhooks>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quickstart: Option<Quickstart>,
}

impl Default for Conventions {
    /// OpenAPI as written: names from tags and `operationId`, credentials
    /// from the security schemes, the response body returned whole, the
    /// pagination shapes the spec makes unambiguous recognised.
    fn default() -> Self {
        Conventions {
            request_id_header: "x-request-id".into(),
            summary_is_path: false,
            uuid_as_string: false,
            names: Names::default(),
            envelope: None,
            pagination: PaginationConventions::default(),
            polling: None,
            retries: Retries::default(),
            errors: ErrorShape::default(),
            credentials: None,
            webhooks: None,
            quickstart: None,
        }
    }
}

/// Where route groups and method names come from: these extensions when
/// an operation has them, else its first tag (or first path segment) and
/// its `operationId` (or method and path).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Names {
    /// An operation's route group: a string, or a list of nested groups.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_extension: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method_extension: Option<String>,
}

/// Results wrapped in an object: the call returns the property the
/// operation's `key_extension` names (`null` there: nothing), else the
/// fixed `key` when the success body has it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Envelope {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_extension: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

/// How list operations page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PaginationConventions {
    /// Recognise the shapes the spec makes unambiguous (see
    /// `lower/pagination.rs`).
    pub detect: bool,
    /// Cursor rules declared for what the spec does not say; the first
    /// an operation matches applies, before detection.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cursor: Vec<CursorRule>,
}

impl Default for PaginationConventions {
    fn default() -> Self {
        PaginationConventions {
            detect: true,
            cursor: Vec::new(),
        }
    }
}

/// A list operation with the string parameter `param`, whose success body
/// has the value at `cursor` (a dotted path of property names), pages by
/// sending that value back as `param`, while the boolean at `has_more`
/// (when given) is true. The items are the envelope's (or at `items`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CursorRule {
    pub param: String,
    pub cursor: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_more: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<String>,
}

/// Long-running operations the client waits for by polling a status
/// operation.
///
/// An operation with `marker_extension` whose result has the status
/// operation's type starts one; the call polls `status_operation` with the
/// result's `id` until its `status` is one of `success` (the call returns
/// it) or `failure` (an error that carries it), or the wait times out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Polling {
    /// What is polled, in words (`action attempt`, `job`): the crate's
    /// names say it (`wait_for_action_attempt`, `ActionAttemptWait`).
    pub name: String,
    pub marker_extension: String,
    /// The path of the operation that reads one by its id.
    pub status_operation: String,
    /// The id's property, also the status operation's parameter.
    pub id: String,
    pub status: String,
    pub success: Vec<String>,
    pub failure: Vec<String>,
    /// A property that says what kind of work it is, for messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Dotted paths to a failure's type and message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
}

/// Which operations are safe to send again besides those of idempotent
/// methods.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Retries {
    /// An operation whose path also offers it with one of these methods.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub idempotent_when_offered_as: Vec<String>,
}

/// Where error bodies say what went wrong, as dotted paths: the message
/// (tried before the common shapes: `message`, `error.message`, RFC 9457's
/// `detail`, …) and a code (`ApiError::code`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ErrorShape {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// Credentials of the API's own, from a runtime module, instead of those
/// the security schemes describe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnCredentials {
    /// The runtime's credential module (`seam`: `seam_auth.rs`).
    pub own: OwnKind,
    /// Headers of security schemes the module sends.
    #[serde(default)]
    pub headers: Vec<String>,
    /// The path of the operation that exchanges a publishable key for a
    /// session token, when the API has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exchange: Option<String>,
}

/// The runtime's own credential modules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OwnKind {
    Seam,
}

/// Webhooks signed the Standard Webhooks way, carrying `event_type`: the
/// crate verifies and decodes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignedWebhooks {
    pub event_type: String,
}

/// A call shown first on a crate's page: the operation at `path`, with
/// these optional parameters set (string values).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quickstart {
    pub path: String,
    #[serde(default)]
    pub setters: BTreeMap<String, String>,
}

/// The presets: conventions files built into the generator.
const PRESETS: &[(&str, &str)] = &[("seam", include_str!("../presets/seam.toml"))];

/// A conventions file: a preset to start from, and what it changes.
#[derive(Deserialize)]
struct File {
    #[serde(default)]
    preset: Option<String>,
    #[serde(flatten)]
    rest: toml::Table,
}

impl Conventions {
    /// The preset called `name` (`generic` is the defaults).
    pub fn preset(name: &str) -> Result<Conventions> {
        if name == "generic" {
            return Ok(Conventions::default());
        }
        let Some((_, text)) = PRESETS.iter().find(|(n, _)| *n == name) else {
            let known: Vec<&str> = std::iter::once("generic")
                .chain(PRESETS.iter().map(|(n, _)| *n))
                .collect();
            return Err(Error::Config {
                file: format!("--profile {name}").into(),
                message: format!(
                    "unknown preset `{name}`: expected one of {}",
                    known.join(", ")
                ),
            });
        };
        Conventions::parse(text, Path::new(&format!("presets/{name}.toml")))
    }

    /// Reads a conventions file.
    pub fn from_file(path: &Path) -> Result<Conventions> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            file: path.to_path_buf(),
            source,
        })?;
        Conventions::parse(&text, path)
    }

    /// Parses a conventions file's text; `origin` names it in errors. A
    /// `preset` key starts from that preset, and each table given
    /// replaces the preset's (keys at the top level replace one by one).
    pub fn parse(text: &str, origin: &Path) -> Result<Conventions> {
        let bad = |e: &dyn std::fmt::Display| Error::Config {
            file: origin.to_path_buf(),
            message: e.to_string(),
        };
        let file: File = toml::from_str(text).map_err(|e| bad(&e))?;
        let mut merged = match &file.preset {
            Some(name) => {
                let text = PRESETS
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, t)| *t)
                    .ok_or_else(|| bad(&format!("unknown preset `{name}`")))?;
                toml::from_str::<toml::Table>(text).map_err(|e| bad(&e))?
            }
            None => toml::Table::new(),
        };
        merged.extend(file.rest);
        // The key a bad value is at, named in the error.
        let conventions: Conventions = serde_path_to_error::deserialize(toml::Value::Table(merged))
            .map_err(|e| {
                let path = e.path().to_string();
                let inner = e.into_inner();
                match path.as_str() {
                    "." | "" => bad(&inner.message()),
                    path => bad(&format!("`{path}`: {}", inner.message())),
                }
            })?;
        conventions.check().map_err(|e| bad(&e))?;
        Ok(conventions)
    }

    /// What the types cannot say: values that must not be empty.
    fn check(&self) -> std::result::Result<(), String> {
        let empty = |what: &str, value: &str| {
            if value.trim().is_empty() {
                Err(format!("`{what}` must not be empty"))
            } else {
                Ok(())
            }
        };
        empty("request_id_header", &self.request_id_header)?;
        for rule in &self.pagination.cursor {
            empty("pagination.cursor.param", &rule.param)?;
            empty("pagination.cursor.cursor", &rule.cursor)?;
        }
        if let Some(envelope) = &self.envelope {
            if envelope.key.is_none() && envelope.key_extension.is_none() {
                return Err("`envelope` needs `key` or `key_extension`".into());
            }
        }
        if let Some(polling) = &self.polling {
            for (what, value) in [
                ("polling.name", &polling.name),
                ("polling.marker_extension", &polling.marker_extension),
                ("polling.status_operation", &polling.status_operation),
                ("polling.id", &polling.id),
                ("polling.status", &polling.status),
            ] {
                empty(what, value)?;
            }
            if polling.success.is_empty() {
                return Err("`polling.success` must list a status".into());
            }
            // It becomes Rust names (`wait_for_…`, `…Wait`): words of
            // ASCII letters and digits, starting with a letter.
            let words_ok = polling
                .name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '_' || c == '-');
            if !words_ok
                || !polling
                    .name
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_alphabetic())
            {
                return Err(format!(
                    "`polling.name` `{}` must be words of ASCII letters and digits, starting with a letter",
                    polling.name
                ));
            }
        }
        for method in &self.retries.idempotent_when_offered_as {
            const METHODS: &[&str] = &[
                "GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE",
            ];
            if !METHODS.contains(&method.as_str()) {
                return Err(format!(
                    "`retries.idempotent_when_offered_as`: `{method}` is not an HTTP method"
                ));
            }
        }
        Ok(())
    }
}

/// A dotted path (`pagination.next_page_cursor`) as property names.
pub fn path_of(dotted: &str) -> Vec<String> {
    dotted.split('.').map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seam_preset_parses_and_declares_each_mechanism() {
        let seam = Conventions::preset("seam").unwrap();
        assert_eq!(seam.request_id_header, "seam-request-id");
        assert_eq!(
            seam.names.group_extension.as_deref(),
            Some("x-fern-sdk-group-name")
        );
        assert_eq!(seam.pagination.cursor[0].param, "page_cursor");
        assert_eq!(seam.polling.as_ref().unwrap().name, "action attempt");
        assert_eq!(seam.credentials.as_ref().unwrap().own, OwnKind::Seam);
        assert!(seam.uuid_as_string);
    }

    #[test]
    fn generic_is_the_defaults() {
        assert_eq!(
            Conventions::preset("generic").unwrap(),
            Conventions::default()
        );
        assert_eq!(
            Conventions::parse("", Path::new("f")).unwrap(),
            Conventions::default()
        );
    }

    #[test]
    fn a_file_replaces_the_tables_it_gives() {
        let text =
            "preset = \"seam\"\nrequest_id_header = \"x-id\"\n[pagination]\ndetect = false\n";
        let c = Conventions::parse(text, Path::new("f.toml")).unwrap();
        assert_eq!(c.request_id_header, "x-id");
        assert!(!c.pagination.detect);
        assert!(c.pagination.cursor.is_empty());
        assert!(c.polling.is_some(), "other tables stay the preset's");
    }

    #[test]
    fn bad_files_say_what_is_wrong_and_where() {
        let err = |text: &str| {
            Conventions::parse(text, Path::new("api.toml"))
                .unwrap_err()
                .to_string()
        };
        assert!(err("[names]\ngroup = 1\n").contains("api.toml"));
        assert!(err("[names]\ngroup = 1\n").contains("group"));
        assert!(err("[envelope]\nkey = 7\n").contains("`envelope.key`"));
        assert!(err("preset = \"aws\"\n").contains("unknown preset `aws`"));
        assert!(err("[envelope]\n").contains("needs `key`"));
        assert!(err("[retries]\nidempotent_when_offered_as = [\"FETCH\"]\n").contains("FETCH"));
        assert!(err("[polling]\nname = \"job\"\n").contains("missing field"));
        let polling = |name: &str| {
            format!("[polling]\nname = \"{name}\"\nmarker_extension = \"x\"\nstatus_operation = \"/j\"\nid = \"id\"\nstatus = \"s\"\nsuccess = [\"ok\"]\nfailure = []\n")
        };
        assert!(Conventions::parse(&polling("export job"), Path::new("f")).is_ok());
        assert!(err(&polling("3d job")).contains("starting with a letter"));
        assert!(err(&polling("jöb")).contains("ASCII"));
        assert!(Conventions::preset("aws").is_err());
    }
}
