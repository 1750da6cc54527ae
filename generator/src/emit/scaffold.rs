//! Crate scaffolding rendered from the `minijinja` templates in `templates/`.

use minijinja::{context, Environment};
use serde::Serialize;

use super::operations::Group;
use crate::error::{Error, Result};
use crate::ir::{Api, ApiKeyPlacement, Capability, Credentials};
use crate::naming;

const CARGO_TOML: &str = include_str!("../../../templates/Cargo.toml.jinja");
const README: &str = include_str!("../../../templates/README.md.jinja");

fn render(name: &str, source: &str, ctx: minijinja::Value) -> Result<String> {
    let template_error = |e: minijinja::Error| Error::Template {
        name: name.to_string(),
        message: e.to_string(),
    };
    let mut env = Environment::new();
    env.set_keep_trailing_newline(true);
    env.add_template(name, source).map_err(template_error)?;
    env.get_template(name)
        .and_then(|t| t.render(ctx))
        .map_err(template_error)
}

pub(crate) fn cargo_toml(api: &Api, groups: &[Group<'_>]) -> Result<String> {
    let (undocumented, draft) = super::features::uses_flags(api);
    let client = &api.client;
    render(
        "Cargo.toml.jinja",
        CARGO_TOML,
        context! {
            crate_name => client.crate_name,
            crate_version => client.crate_version,
            benches => client.benches,
            description => toml_string(&description(api)),
            license => api.license.as_deref().map(toml_string),
            uses_pattern => client.has(Capability::Pattern),
            group_features => groups.iter().map(|g| g.module.clone()).collect::<Vec<_>>(),
            undocumented => undocumented,
            draft => draft,
            paginates => client.has(Capability::Pagination),
            multipart => client.has(Capability::Multipart),
            uuid => client.has(Capability::Uuid),
            streaming => client.has(Capability::Streaming),
            base64 => client.has(Capability::Base64) || client.has(Capability::Webhook),
            webhook => client.has(Capability::Webhook),
        },
    )
}

/// The package's description, a sentence: "A Rust client for the Twilio
/// API." for "Twilio - Api", the title without its filler.
fn description(api: &Api) -> String {
    match crate::config::api_name(&api.title) {
        name if name.is_empty() => "A Rust client for an HTTP API.".to_string(),
        name => format!("A Rust client for the {name} API."),
    }
}

/// `text` as a TOML basic string, quotes included.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[derive(Serialize)]
struct WebhookSummary {
    name: String,
    method: &'static str,
    payload: Option<String>,
}

#[derive(Serialize)]
struct GroupSummary {
    module: String,
    operations: Vec<String>,
}

pub(crate) fn readme(api: &Api, groups: &[Group<'_>]) -> Result<String> {
    let client = &api.client;
    let summaries: Vec<GroupSummary> = groups
        .iter()
        .map(|g| GroupSummary {
            module: g.module.clone(),
            operations: g.operations.iter().map(|op| op.name.clone()).collect(),
        })
        .collect();
    let webhooks: Vec<WebhookSummary> = api
        .webhooks
        .iter()
        .map(|w| WebhookSummary {
            name: w.name.clone(),
            method: w.method.as_str(),
            payload: w.payload.as_ref().map(|ty| super::type_text(ty, false)),
        })
        .collect();
    let api_key_placement = match &client.credentials {
        Credentials::Schemes { api_key, .. } => api_key.as_ref().map(|api_key| match api_key {
            ApiKeyPlacement::Bearer => "sent as a bearer token".to_string(),
            ApiKeyPlacement::Header(name) => format!("sent in the `{name}` header"),
            ApiKeyPlacement::Query(name) => format!("sent as the `{name}` query parameter"),
            ApiKeyPlacement::Cookie(name) => format!("sent as the `{name}` cookie"),
            ApiKeyPlacement::Withheld => "not sent".to_string(),
        }),
        Credentials::Profile => None,
    };
    let (undocumented, draft) = super::features::uses_flags(api);
    render(
        "README.md.jinja",
        README,
        context! {
            undocumented => undocumented,
            draft => draft,
            crate_name => client.crate_name,
            client => client.name,
            builder => client.builder_name(),
            title => api.title,
            api_version => api.version,
            base_url => client.default_endpoint,
            env_prefix => client.env_prefix,
            request_id_header => api.conventions.request_id_header,
            error_message => api.conventions.errors.message,
            error_code => api.conventions.errors.code,
            groups => summaries,
            webhooks => webhooks,
            verifies_webhooks => client.has(Capability::Webhook),
            var => naming::snake(&client.name),
            quickstart => super::quickstart::quickstart(api),
            own_credentials => client.credentials == Credentials::Profile,
            exchanges => client.has(Capability::Exchange),
            paginates => client.has(Capability::Pagination),
            polls => client.polling.as_ref().map(|p| context! {
                title => {
                    let mut chars = p.noun.chars();
                    let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
                    format!("{}{}s", first.unwrap_or_default(), chars.as_str())
                },
                plural => format!("{}s", p.noun),
                article => if p.noun.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" },
                noun => p.noun,
                wait_type => p.wait_type,
                wait_switch => p.wait_switch,
                failed_variant => p.failed_variant,
                timeout_variant => p.timeout_variant,
            }),
            api_key_placement => api_key_placement,
            credentials_required => matches!(client.credentials, Credentials::Schemes { required: true, .. }),
            offered_as => spoken_list(&api.conventions.retries.idempotent_when_offered_as),
            basic => client.has(Capability::Basic),
            crate_path => client.crate_name.replace('-', "_"),
            declared_example => api.operations.iter().find(|op| !op.errors.is_empty()).map(|op| {
                format!("{}::{}Error", op.group.join("::"), naming::camel(&op.name))
            }),
        },
    )
}

/// `` `A` ``, `` `A` or `B` ``, `` `A`, `B` or `C` ``; empty for none.
fn spoken_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_read_as_sentences() {
        let api = |title: &str| {
            let text =
                format!("openapi: 3.0.3\ninfo: {{title: {title:?}, version: '1'}}\npaths: {{}}\n");
            crate::lower::lower_document(&text, &crate::config::Config::generic("t"))
        };
        assert_eq!(
            description(&api("Twilio - Api")),
            "A Rust client for the Twilio API."
        );
        assert_eq!(
            description(&api("Figma API")),
            "A Rust client for the Figma API."
        );
        assert_eq!(
            description(&api("Seam Connect")),
            "A Rust client for the Seam Connect API."
        );
        assert_eq!(
            description(&api("OpenAPI")),
            "A Rust client for an HTTP API."
        );
        assert_eq!(
            description(&api("GitHub's official OpenAPI spec + Octokit extension")),
            "A Rust client for the GitHub API."
        );
    }

    #[test]
    fn toml_strings_escape_what_toml_needs() {
        let text = toml_string("T\u{ef}tle with \"quotes\" and */ \\ \n");
        assert_eq!(text, "\"T\u{ef}tle with \\\"quotes\\\" and */ \\\\ \\n\"");
        let parsed: toml::Value = toml::from_str(&format!("a = {text}")).unwrap();
        assert_eq!(
            parsed["a"].as_str(),
            Some("T\u{ef}tle with \"quotes\" and */ \\ \n")
        );
    }
}
