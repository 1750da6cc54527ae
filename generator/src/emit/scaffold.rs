//! Crate scaffolding rendered from the `minijinja` templates in `templates/`.

use minijinja::{context, Environment};
use serde::Serialize;

use super::operations::Group;
use super::runtime::Runtime;
use super::{uses_pattern, Options};
use crate::error::{Error, Result};
use crate::ir::{Api, ApiKeyPlacement};
use crate::naming;

const CARGO_TOML: &str = include_str!("../../../templates/Cargo.toml.jinja");
const README: &str = include_str!("../../../templates/README.md.jinja");

/// The crate's version: the generator's, so a new generator gives a new client.
const CRATE_VERSION: &str = env!("CARGO_PKG_VERSION");

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

pub(crate) fn cargo_toml(
    api: &Api,
    options: &Options,
    groups: &[Group<'_>],
    runtime: &Runtime<'_>,
) -> Result<String> {
    let (undocumented, draft) = super::features::uses_flags(api);
    render(
        "Cargo.toml.jinja",
        CARGO_TOML,
        context! {
            crate_name => options.crate_name,
            crate_version => CRATE_VERSION,
            title => api.title,
            uses_pattern => uses_pattern(api),
            group_features => groups.iter().map(|g| g.module.clone()).collect::<Vec<_>>(),
            undocumented => undocumented,
            draft => draft,
            paginates => runtime.paginates,
            path_params => runtime.path_params,
            multipart => runtime.uses_multipart,
        },
    )
}

#[derive(Serialize)]
struct GroupSummary {
    module: String,
    operations: Vec<String>,
}

pub(crate) fn readme(
    api: &Api,
    options: &Options,
    groups: &[Group<'_>],
    runtime: &Runtime<'_>,
) -> Result<String> {
    let summaries: Vec<GroupSummary> = groups
        .iter()
        .map(|g| GroupSummary {
            module: g.module.clone(),
            operations: g.operations.iter().map(|op| op.name.clone()).collect(),
        })
        .collect();
    render(
        "README.md.jinja",
        README,
        context! {
            crate_name => options.crate_name,
            title => api.title,
            api_version => api.version,
            base_url => api.base_url.as_deref().unwrap_or("(none)"),
            groups => summaries,
            quickstart => quickstart(api, options),
            exchanges => runtime.exchange.is_some(),
            paginates => runtime.paginates,
            polls => runtime.poll.is_some(),
            api_key_placement => match &runtime.api_key {
                ApiKeyPlacement::Bearer => "sent as a bearer token".to_string(),
                ApiKeyPlacement::Header(name) => format!("sent in the `{name}` header"),
                ApiKeyPlacement::Query(name) => format!("sent as the `{name}` query parameter"),
                ApiKeyPlacement::Cookie(name) => format!("sent as the `{name}` cookie"),
            },
            basic => runtime.basic,
            crate_path => options.crate_name.replace('-', "_"),
            declared_example => api.operations.iter().find(|op| !op.errors.is_empty()).map(|op| {
                format!("{}::{}Error", op.group.join("::"), naming::camel(&op.name))
            }),
        },
    )
}

/// A compiling example: the first operation with a response, called with
/// its first string parameter set, or a bare client when there is none.
fn quickstart(api: &Api, options: &Options) -> String {
    let krate = options.crate_name.replace('-', "_");
    let call = api.operations.iter().find(|op| op.response.ty.is_some()).map(|op| {
        let setter = op
            .params
            .iter()
            .find(|f| f.ty == crate::ir::TypeRef::String && !f.is_deprecated())
            .map(|f| format!("\n        .{}(\"example\")", f.rust_name))
            .unwrap_or_default();
        let accessors: String = op.group.iter().map(|g| format!(".{g}()")).collect();
        format!(
            "    let result = seam\n        {accessors}\n        .{}(){setter}\n        .send()\n        .await?;\n    println!(\"{{result:?}}\");\n",
            op.name
        )
    });
    format!(
        "# async fn example() -> Result<(), {krate}::Error> {{\nlet seam = {krate}::Seam::from_env()?;\n{}# Ok(())\n# }}",
        call.unwrap_or_default()
    )
}
