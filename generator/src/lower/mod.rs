//! Lowering an OpenAPI document into the intermediate model ([`crate::ir`]).
//!
//! This file handles the document, its security schemes and operations;
//! `messages` what operations send and receive; `schema` schemas.

mod client;
mod kind_key;
mod messages;
mod names;
mod objects;
mod pagination;
mod plan;
mod schema;
mod shared;
mod size;
#[cfg(test)]
mod tests;
mod unions;
mod webhooks;

use std::collections::BTreeMap;
use std::path::Path;

use indexmap::IndexMap;
use openapiv3::{
    OpenAPI, Operation as OaOperation, Parameter, ReferenceOr, Schema, SchemaKind, SecurityScheme,
    Type,
};
use serde_json::Value;

use crate::config::Config;
use crate::conventions::{path_of, Conventions};
use crate::error::{pointer_push, Error, Result};
use crate::ir::{
    path_pieces, Api, AuthKind, AuthScheme, Docs, Field, HttpMethod, NamedType, NextPage,
    Operation, Pagination, ParamIn, ParamsLocation, PathPiece, TypeRef, Warning,
};
use crate::load::Spec;
use crate::naming::{self, Scope};
use schema::{deprecation, marker, string_ext, SchemaRef};

/// An object schema's `properties`.
pub(crate) type Properties = IndexMap<String, ReferenceOr<Box<Schema>>>;

/// The operations of one path, keyed by (route group, method name).
type MergedOperations<'o> = IndexMap<(Vec<String>, String), Vec<(HttpMethod, &'o OaOperation)>>;

/// State while lowering one document.
pub(crate) struct Lowerer<'a> {
    file: &'a Path,
    doc: &'a OpenAPI,
    config: &'a Config,
    conventions: Conventions,
    /// Component schema name → Rust type name.
    component_names: IndexMap<String, String>,
    type_scope: Scope,
    types: Vec<NamedType>,
    /// Types by serialized kind, so identical inline types share one
    /// definition, and who uses them.
    shared: shared::SharedTypes,
    /// The module inline types are hoisted into (see [`NamedType::module`]).
    module: Vec<String>,
    /// Inline schemas whose types are being defined (by address), with
    /// their names: meeting one again is a recursive reference.
    inlining: Vec<(usize, String)>,
    /// What deep `$ref`s point at (inside `#/paths/…`, part of a
    /// component), by reference.
    deep: &'a crate::load::DeepTargets,
    /// The types of those, once lowered.
    path_types: rustc_hash::FxHashMap<String, TypeRef>,
    /// The document's webhooks (OpenAPI 3.1).
    webhooks_of: &'a IndexMap<String, openapiv3::PathItem>,
    warnings: Vec<Warning>,
}

/// Lowers a parsed document under the profile `config` names.
pub fn lower(spec: &Spec, config: &Config) -> Result<Api> {
    let lowered = crate::on_deep_stack(|| lower_here(spec, config));
    if spec.moves.is_empty() {
        return lowered;
    }
    // A Swagger 2.0 document's nodes are named as written.
    let original = |pointer: &str| spec.moves.original(pointer);
    match lowered {
        Ok(mut api) => {
            for warning in &mut api.warnings {
                warning.pointer = original(&warning.pointer);
                warning.message = crate::error::map_quoted_pointers(&warning.message, &original);
            }
            Ok(api)
        }
        Err(e) => Err(e.map_pointers(&original)),
    }
}

fn lower_here(spec: &Spec, config: &Config) -> Result<Api> {
    let mut lowerer = Lowerer {
        file: &spec.file,
        doc: &spec.doc,
        config,
        conventions: config.conventions.clone(),
        component_names: IndexMap::new(),
        type_scope: Scope::new(),
        types: Vec::new(),
        shared: shared::SharedTypes::default(),
        module: Vec::new(),
        inlining: Vec::new(),
        deep: &spec.deep,
        path_types: rustc_hash::FxHashMap::default(),
        webhooks_of: &spec.webhooks,
        warnings: spec.warnings.clone(),
    };
    lowerer.lower()
}

impl<'a> Lowerer<'a> {
    fn error(&self, pointer: String, message: String) -> Error {
        Error::Spec {
            file: self.file.to_path_buf(),
            pointer,
            message,
        }
    }

    fn schemas(&self) -> &'a IndexMap<String, ReferenceOr<Schema>> {
        static EMPTY: std::sync::OnceLock<IndexMap<String, ReferenceOr<Schema>>> =
            std::sync::OnceLock::new();
        match &self.doc.components {
            Some(c) => &c.schemas,
            None => EMPTY.get_or_init(IndexMap::new),
        }
    }

    fn lower(&mut self) -> Result<Api> {
        let doc = self.doc;
        // Name every component first so references resolve in any order.
        for name in self.schemas().keys() {
            let rust_name = self.type_scope.claim(naming::type_name(name));
            self.component_names.insert(name.clone(), rust_name);
        }
        // Problems are collected per component and per operation, so one
        // run reports them all.
        let mut errors = Vec::new();
        for (name, schema) in self.schemas() {
            let pointer = pointer_push("#/components/schemas", name);
            let rust_name = self.component_names[name].clone();
            let defined = self
                .resolve(SchemaRef::of(schema), &pointer)
                .and_then(|schema| self.define(rust_name, schema, &pointer));
            match defined {
                Ok(slot) => {
                    if let Some(key) = self.kind_key(slot) {
                        let name = self.types[slot].name.clone();
                        // A string enum with the values of an earlier
                        // component's is that type under its own name: one
                        // type to compile, and values that move between
                        // the two without conversion.
                        let twin = match &self.types[slot].kind {
                            crate::ir::TypeKind::Enum { .. } => self.shared.component(&key),
                            _ => None,
                        };
                        match twin {
                            Some(first) => {
                                let ty = crate::ir::TypeRef::Named(first.to_string());
                                self.types[slot].kind = crate::ir::TypeKind::Alias { ty };
                            }
                            None => self.shared.add_component(key, &name),
                        }
                    }
                }
                Err(e) => errors.push(e),
            }
        }
        if let Err(e) = self.check_alias_cycles() {
            errors.push(e);
        }
        let auth_schemes = self.auth_schemes()?;
        // Warnings about the schemes go before the operations'.
        let scheme_warnings_at = self.warnings.len();
        let mut operations = self.operations(&auth_schemes, &mut errors);
        names::tidy(&mut operations);
        let mut webhooks = self.webhooks(&mut errors);
        Error::from_all(errors)?;
        self.shared.name_shared(
            &mut self.type_scope,
            &mut self.types,
            &mut operations,
            &mut webhooks,
        );
        let base_url = doc
            .servers
            .first()
            .map(|s| s.url.trim_end_matches('/').to_string());
        let client = client::client_model(
            self.config,
            &self.conventions,
            base_url.as_deref(),
            &auth_schemes,
            &mut operations,
            &self.types,
        );
        if let Some(message) = client::client_name_clash(&client) {
            return Err(Error::Config {
                file: self.file.to_path_buf(),
                message,
            });
        }
        let unsent = self.unsent_schemes(&auth_schemes, &client.credentials, &operations);
        self.warnings
            .splice(scheme_warnings_at..scheme_warnings_at, unsent);
        // The names the runtime takes, when a route group may want one.
        let clash = operations.iter().any(|op| {
            op.group
                .first()
                .is_some_and(|g| crate::emit::may_be_taken(g))
        });
        let taken = match clash {
            true => crate::emit::runtime_names(&client)?,
            false => Default::default(),
        };
        names::avoid_runtime_names(&mut operations, &taken);
        let mut api = Api {
            title: doc.info.title.clone(),
            version: doc.info.version.clone(),
            description: doc.info.description.clone(),
            license: doc.info.license.as_ref().and_then(spdx_license),
            base_url,
            auth_schemes,
            operations,
            types: std::mem::take(&mut self.types),
            conventions: self.conventions.clone(),
            client,
            groups: Vec::new(),
            shared_errors: Vec::new(),
            webhooks,
            warnings: std::mem::take(&mut self.warnings),
        };
        plan::plan(&mut api, &taken);
        Ok(api)
    }

    /// A schema that is only a list or map of itself (`A: {type: array,
    /// items: {$ref: A}}`) would be a Rust type alias of itself.
    fn check_alias_cycles(&self) -> Result<()> {
        let alias = |name: &str| {
            self.types.iter().find_map(|t| match &t.kind {
                crate::ir::TypeKind::Alias { ty } if t.name == name => Some(ty),
                _ => None,
            })
        };
        for ty in &self.types {
            let crate::ir::TypeKind::Alias { ty: target } = &ty.kind else {
                continue;
            };
            let mut stack = vec![target];
            let mut seen = rustc_hash::FxHashSet::default();
            while let Some(at) = stack.pop() {
                stack.extend(at.members());
                match at {
                    TypeRef::Named(name) if *name == ty.name => {
                        return Err(self.error(
                            ty.pointer.clone(),
                            "a schema that is only a list or map of itself is not supported \
                             (give it an object wrapper)"
                                .into(),
                        ))
                    }
                    TypeRef::Named(name) if seen.insert(name.as_str()) => {
                        stack.extend(alias(name));
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }

    fn auth_schemes(&mut self) -> Result<Vec<AuthScheme>> {
        let Some(components) = &self.doc.components else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for (name, scheme) in &components.security_schemes {
            let pointer = pointer_push("#/components/securitySchemes", name);
            let ReferenceOr::Item(scheme) = scheme else {
                return Err(self.error(
                    pointer,
                    "referenced security schemes are not supported".into(),
                ));
            };
            let (kind, description) = match scheme {
                SecurityScheme::HTTP {
                    scheme,
                    bearer_format,
                    description,
                    ..
                } => {
                    let kind = match scheme.to_ascii_lowercase().as_str() {
                        "bearer" => AuthKind::Bearer {
                            format: bearer_format.clone(),
                        },
                        "basic" => AuthKind::Basic,
                        // OpenAPI 3.1's `mutualTLS` scheme, as the reader
                        // brings it into 3.0 (see `load::v31`).
                        "mutualtls" => AuthKind::Other {
                            scheme_type: "mutualTLS".into(),
                        },
                        other => AuthKind::Other {
                            scheme_type: format!("http/{other}"),
                        },
                    };
                    (kind, description)
                }
                SecurityScheme::APIKey {
                    location,
                    name,
                    description,
                    ..
                } => {
                    let location = match location {
                        openapiv3::APIKeyLocation::Header => "header",
                        openapiv3::APIKeyLocation::Query => "query",
                        openapiv3::APIKeyLocation::Cookie => "cookie",
                    };
                    (
                        AuthKind::ApiKey {
                            location: location.into(),
                            name: name.clone(),
                        },
                        description,
                    )
                }
                SecurityScheme::OAuth2 { description, .. } => (
                    AuthKind::Other {
                        scheme_type: "oauth2".into(),
                    },
                    description,
                ),
                SecurityScheme::OpenIDConnect { description, .. } => (
                    AuthKind::Other {
                        scheme_type: "openIdConnect".into(),
                    },
                    description,
                ),
            };
            out.push(AuthScheme {
                name: name.clone(),
                description: description.clone(),
                kind,
            });
        }
        Ok(out)
    }

    /// Warnings about the schemes the client does not send.
    fn unsent_schemes(
        &self,
        schemes: &[AuthScheme],
        credentials: &crate::ir::Credentials,
        operations: &[Operation],
    ) -> Vec<Warning> {
        let own_headers = self
            .conventions
            .credentials
            .as_ref()
            .map(|c| c.headers.as_slice());
        let mut out = Vec::new();
        for scheme in schemes {
            let pointer = pointer_push("#/components/securitySchemes", &scheme.name);
            if matches!(&scheme.kind, AuthKind::Other { scheme_type } if scheme_type == "mutualTLS")
            {
                out.push(Warning {
                    pointer,
                    message: format!(
                        "security scheme `{}` is mutual TLS: give the client certificate to the \
                         `reqwest::Client` passed to `http_client`",
                        scheme.name
                    ),
                });
            } else if !client::sends(scheme, credentials, own_headers, operations) {
                let how = if own_headers.is_some() {
                    "the profile's own credentials (bearer tokens and its headers)"
                } else {
                    "http basic, a bearer token, or one API key (in a header, the query or a \
                     cookie, where each operation's security says)"
                };
                out.push(Warning {
                    pointer,
                    message: format!(
                        "security scheme `{}` is not sent by the client, which authenticates with {how}",
                        scheme.name
                    ),
                });
            }
        }
        out
    }

    fn operations(&mut self, schemes: &[AuthScheme], errors: &mut Vec<Error>) -> Vec<Operation> {
        let doc = self.doc;
        let mut out = Vec::new();
        // One naming scope per route group, so method names are unique in it.
        let mut scopes: BTreeMap<Vec<String>, Scope> = BTreeMap::new();
        for (path, item) in doc.paths.iter() {
            let path_pointer = pointer_push("#/paths", path);
            let item = match item {
                ReferenceOr::Item(item) => item,
                // Another path's item, used for this path too.
                ReferenceOr::Reference { reference } => match self.path_item(reference) {
                    Some(item) => item,
                    None => {
                        errors.push(self.error(
                            pointer_push(&path_pointer, "$ref"),
                            format!(
                                "unsupported path item $ref `{reference}`: only `#/paths/…` \
                                 of an inline path item is supported"
                            ),
                        ));
                        continue;
                    }
                },
            };
            // Methods of one path that share an SDK name are one operation
            // offered several ways; the client sends one of them.
            let mut merged = MergedOperations::new();
            for (method, op) in item.iter() {
                let method = http_method(method);
                let names = &self.conventions.names;
                let key = (
                    group_of(path, op, names.group_extension.as_deref()),
                    method_name_of(path, method, op, names.method_extension.as_deref()),
                );
                merged.entry(key).or_default().push((method, op));
            }
            for ((group, name), offered) in merged {
                let Some((method, op)) = preferred(&offered) else {
                    continue;
                };
                let mut http_methods: Vec<HttpMethod> = offered.iter().map(|(m, _)| *m).collect();
                http_methods.sort();
                let pointer = pointer_push(&path_pointer, &method.as_str().to_ascii_lowercase());
                let name = scopes.entry(group.clone()).or_default().claim(name);
                let operation = self.operation(
                    path,
                    &item.parameters,
                    method,
                    op,
                    group,
                    name,
                    http_methods,
                    &pointer,
                    schemes,
                );
                match operation {
                    Ok(operation) => out.push(operation),
                    Err(e) => errors.push(e),
                }
            }
        }
        out
    }

    /// The inline path item `#/paths/…` points at.
    fn path_item(&self, reference: &str) -> Option<&'a openapiv3::PathItem> {
        let token = reference.strip_prefix("#/paths/")?;
        let path = token.replace("~1", "/").replace("~0", "~");
        match self.doc.paths.paths.get(&path)? {
            ReferenceOr::Item(item) => Some(item),
            ReferenceOr::Reference { .. } => None,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn operation(
        &mut self,
        path: &str,
        path_params: &[ReferenceOr<Parameter>],
        method: HttpMethod,
        op: &OaOperation,
        group: Vec<String>,
        name: String,
        http_methods: Vec<HttpMethod>,
        pointer: &str,
        schemes: &[AuthScheme],
    ) -> Result<Operation> {
        let ext = &op.extensions;
        let docs = Docs {
            title: string_ext(ext, "x-title"),
            // A summary that only repeats the path says nothing the docs'
            // "Sends" line does not.
            summary: op
                .summary
                .clone()
                .filter(|s| !(self.conventions.summary_is_path && s.starts_with('/'))),
            description: op.description.clone(),
            deprecated: deprecation(op.deprecated, ext),
            undocumented: marker(ext, "x-undocumented"),
            draft: marker(ext, "x-draft"),
        };
        let owner = format!("{}_{name}", group.join("_"));
        self.module = group.clone();
        let params = self.params(path, path_params, op, &owner, pointer);
        let response = self.response(op, &owner, pointer);
        let errors = self.errors(op, &owner, pointer);
        self.module = Vec::new();
        let (params, (response, pages), errors) = (params?, response?, errors?);
        let messages::Params {
            location: params_location,
            fields: params,
            body_media,
        } = params;
        let security = self.security(op, schemes, pointer);
        let arguments = argument_order(path, params_location, &params);
        // A declared cursor rule the operation matches, else a shape the
        // spec makes unambiguous.
        let declared = pages.and_then(|rule| {
            let rule = self.conventions.pagination.cursor.get(rule)?;
            let param = params
                .iter()
                .find(|p| p.wire_name == rule.param && p.ty == TypeRef::String)?;
            let (items, item) = match (&rule.items, &response.key, &response.ty) {
                (Some(items), _, _) => (path_of(items), None),
                (None, Some(key), Some(TypeRef::Array(item))) => {
                    (vec![key.clone()], Some((**item).clone()))
                }
                _ => return None,
            };
            let item = match item {
                Some(item) => item,
                None => pagination::item_at(&response, &items[..], &self.types)?,
            };
            Some(Pagination {
                items,
                item,
                next: NextPage::Cursor {
                    param: param.wire_name.clone(),
                    cursor: path_of(&rule.cursor),
                    has_more: rule.has_more.as_deref().map(path_of),
                },
            })
        });
        let pagination = declared.or_else(|| {
            self.conventions.pagination.detect.then(|| {
                pagination::recognise(
                    &pagination::ListOperation {
                        method,
                        location: params_location,
                        params: &params,
                        response: &response,
                        link_header: self.declares_link_header(op, pointer),
                    },
                    &self.types,
                )
            })?
        });
        let idempotent = matches!(
            method,
            HttpMethod::Get
                | HttpMethod::Head
                | HttpMethod::Options
                | HttpMethod::Put
                | HttpMethod::Delete
        ) || http_methods.iter().any(|m| {
            self.conventions
                .retries
                .idempotent_when_offered_as
                .iter()
                .any(|offered| offered.eq_ignore_ascii_case(m.as_str()))
        });
        Ok(Operation {
            pointer: pointer.to_string(),
            path: path.to_string(),
            operation_id: op.operation_id.clone(),
            group,
            name,
            http_methods,
            http_method: method,
            docs,
            security,
            api_key_in: None,
            params_location,
            body_media,
            params,
            arguments,
            response,
            errors,
            shared_errors: None,
            poll_kind: self
                .conventions
                .polling
                .as_ref()
                .and_then(|p| string_ext(ext, &p.marker_extension)),
            waits: false,
            waits_on_request: false,
            idempotent,
            pagination,
            rust: Default::default(),
        })
    }

    fn security(
        &mut self,
        op: &OaOperation,
        schemes: &[AuthScheme],
        pointer: &str,
    ) -> Vec<Vec<String>> {
        let (requirements, at) = match &op.security {
            Some(s) => (s, pointer_push(pointer, "security")),
            None => match &self.doc.security {
                Some(s) => (s, "#/security".to_string()),
                None => return Vec::new(),
            },
        };
        let mut out = Vec::new();
        for (index, requirement) in requirements.iter().enumerate() {
            let mut names = Vec::new();
            for name in requirement.keys() {
                // Kept in the model (the operation still needs credentials),
                // but nothing can be sent for it.
                if !schemes.iter().any(|s| &s.name == name) {
                    self.warnings.push(Warning {
                        pointer: pointer_push(&at, &index.to_string()),
                        message: format!(
                            "unknown security scheme `{name}`: not in #/components/securitySchemes"
                        ),
                    });
                }
                names.push(name.clone());
            }
            out.push(names);
        }
        out
    }
}

/// The model of a whole document given as YAML text, for tests.
#[cfg(test)]
pub(crate) fn lower_document(text: &str, config: &Config) -> Api {
    let spec =
        crate::load::parse(std::path::Path::new("t.yaml"), text).unwrap_or_else(|e| panic!("{e}"));
    lower(&spec, config).unwrap_or_else(|e| panic!("{e}"))
}

/// The model, under `profile`, of a 3.0 document titled `T` whose other
/// top-level keys are `body`, for tests.
#[cfg(test)]
pub(crate) fn lower_body(profile: crate::profile::Profile, body: &str) -> Api {
    let text = format!("openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\n{body}");
    let config = Config {
        conventions: profile.conventions(),
        ..Config::generic("t")
    };
    lower_document(&text, &config)
}

/// A license as an SPDX expression: the 3.1 `identifier`, else a name that
/// is one of the common identifiers or spells it out ("Apache 2.0",
/// "MIT License", "BSD 3-Clause").
fn spdx_license(license: &openapiv3::License) -> Option<String> {
    const KNOWN: &[(&str, &[&str])] = &[
        (
            "Apache-2.0",
            &[
                "apache20",
                "apachelicense20",
                "apachelicenseversion20",
                "apache2",
                "asl20",
            ],
        ),
        ("MIT", &["mit", "mitlicense", "theMITlicense"]),
        (
            "BSD-3-Clause",
            &["bsd3clause", "bsd3", "newbsd", "bsd3clauselicense"],
        ),
        ("BSD-2-Clause", &["bsd2clause", "bsd2", "simplifiedbsd"]),
        ("ISC", &["isc", "isclicense"]),
        ("MPL-2.0", &["mpl20", "mozillapubliclicense20"]),
        ("GPL-3.0-only", &["gpl30", "gplv3", "gpl3"]),
        ("LGPL-3.0-only", &["lgpl30", "lgplv3"]),
        ("CC0-1.0", &["cc010", "cc0"]),
        ("Unlicense", &["unlicense", "theunlicense"]),
        ("CC-BY-4.0", &["ccby40"]),
    ];
    if let Some(Value::String(identifier)) = license.extensions.get("x-identifier") {
        let identifier = identifier.trim();
        if !identifier.is_empty()
            && identifier.chars().all(|c| {
                c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '+' | ' ' | '(' | ')')
            })
        {
            return Some(identifier.to_string());
        }
    }
    let squashed: String = license
        .name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    KNOWN
        .iter()
        .find(|(id, names)| {
            squashed == id.replace(['-', '.'], "").to_ascii_lowercase()
                || names.iter().any(|n| n.to_ascii_lowercase() == squashed)
        })
        .map(|(id, _)| (*id).to_string())
}

/// The required parameters' Rust names in the order the operation's method
/// takes them: path parameters as the path names them, then the other
/// parameters (query, header, cookie), then the body's fields (or the whole
/// body), each in spec order.
fn argument_order(path: &str, location: ParamsLocation, params: &[Field]) -> Vec<String> {
    let required = || params.iter().filter(|f| f.required);
    let in_path = path_pieces(path)
        .into_iter()
        .filter_map(|piece| match piece {
            PathPiece::Param(name) => {
                required().find(|f| f.elsewhere == Some(ParamIn::Path) && f.wire_name == name)
            }
            PathPiece::Literal(_) => None,
        });
    // A parameter rather than a property of the body.
    let is_parameter = |f: &&Field| match f.elsewhere {
        Some(ParamIn::Query | ParamIn::Header | ParamIn::Cookie) => true,
        None => location == ParamsLocation::Query,
        Some(ParamIn::Path | ParamIn::Body) => false,
    };
    let parameters = required().filter(is_parameter);
    let body = required().filter(|f| f.elsewhere != Some(ParamIn::Path) && !is_parameter(f));
    let mut names: Vec<String> = Vec::new();
    for field in in_path.chain(parameters).chain(body) {
        if !names.contains(&field.rust_name) {
            names.push(field.rust_name.clone());
        }
    }
    names
}

pub(crate) fn object_parts(schema: &Schema) -> Option<(&Properties, &[String])> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => Some((&o.properties, &o.required)),
        SchemaKind::Any(a) if a.typ.as_deref().is_none_or(|t| t == "object") => {
            Some((&a.properties, &a.required))
        }
        _ => None,
    }
}

fn http_method(method: &str) -> HttpMethod {
    match method {
        "get" => HttpMethod::Get,
        "put" => HttpMethod::Put,
        "post" => HttpMethod::Post,
        "delete" => HttpMethod::Delete,
        "options" => HttpMethod::Options,
        "head" => HttpMethod::Head,
        "patch" => HttpMethod::Patch,
        _ => HttpMethod::Trace,
    }
}

/// The method the client sends when a path offers one operation several
/// ways: POST if offered (a JSON body carries every parameter type
/// faithfully), else the first the path lists.
fn preferred<'o>(
    offered: &[(HttpMethod, &'o OaOperation)],
) -> Option<(HttpMethod, &'o OaOperation)> {
    offered
        .iter()
        .find(|(m, _)| *m == HttpMethod::Post)
        .or_else(|| offered.first())
        .copied()
}

/// Route group: the extension `group_extension` (when given), else the
/// first tag, else the first path segment.
fn group_of(path: &str, op: &OaOperation, group_extension: Option<&str>) -> Vec<String> {
    let from_ext: Vec<String> = match group_extension.and_then(|e| op.extensions.get(e)) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(naming::snake)
            .collect(),
        Some(Value::String(s)) => vec![naming::snake(s)],
        _ => Vec::new(),
    };
    if !from_ext.is_empty() {
        return from_ext;
    }
    let source = op.tags.first().map(String::as_str).unwrap_or(path);
    let segments: Vec<String> = source
        .split('/')
        .filter(|s| !s.is_empty() && !s.starts_with('{'))
        .take(if op.tags.is_empty() { 1 } else { usize::MAX })
        .map(naming::snake)
        .collect();
    if segments.is_empty() {
        vec!["root".into()]
    } else {
        segments
    }
}

/// Method name: the extension `method_extension` (when given), else
/// `operationId`, else method and path.
fn method_name_of(
    path: &str,
    method: HttpMethod,
    op: &OaOperation,
    method_extension: Option<&str>,
) -> String {
    if let Some(name) = method_extension
        .and_then(|e| op.extensions.get(e))
        .and_then(Value::as_str)
    {
        return naming::snake(name);
    }
    if let Some(id) = &op.operation_id {
        return naming::snake(id);
    }
    naming::snake(&format!("{} {path}", method.as_str().to_ascii_lowercase()))
}
