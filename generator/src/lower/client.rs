//! The client model: the client type's names, how it authenticates, which
//! operations wait or exchange, and the parts of the runtime the spec needs.

use crate::config::Config;
use crate::conventions::Conventions;
use crate::ir::{
    ApiKeyPlacement, AuthKind, AuthScheme, Capability, ClientModel, Credentials, NamedType,
    Operation, ParamsLocation, PollingModel, TypeKind, TypeRef,
};
use crate::naming;

/// Where the client sends its `api_key`: as a bearer token when the spec
/// has an http bearer scheme, else where its first usable `apiKey` scheme
/// says (a header or cookie name must be an HTTP token), else as a bearer
/// token when it has an OAuth 2 or OpenID Connect scheme (whose access
/// tokens are bearer tokens); `None` when it declares none of them.
pub(crate) fn api_key_placement(schemes: &[AuthScheme]) -> Option<ApiKeyPlacement> {
    if schemes
        .iter()
        .any(|s| matches!(s.kind, AuthKind::Bearer { .. }))
    {
        return Some(ApiKeyPlacement::Bearer);
    }
    schemes
        .iter()
        .filter(|s| matches!(s.kind, AuthKind::ApiKey { .. }))
        .find_map(placement_of)
        .or_else(|| {
            schemes
                .iter()
                .filter(|s| matches!(s.kind, AuthKind::Other { .. }))
                .find_map(placement_of)
        })
}

/// Where one scheme takes an API key or token: `None` for HTTP basic, and
/// for what one key cannot meet (mutual TLS, a name no request can carry).
fn placement_of(scheme: &AuthScheme) -> Option<ApiKeyPlacement> {
    let token = |name: &str| {
        !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
    };
    match &scheme.kind {
        AuthKind::Bearer { .. } => Some(ApiKeyPlacement::Bearer),
        AuthKind::ApiKey { location, name } => match location.as_str() {
            "header" if token(name) => Some(ApiKeyPlacement::Header(name.to_ascii_lowercase())),
            "cookie" if token(name) => Some(ApiKeyPlacement::Cookie(name.clone())),
            "query" if !name.is_empty() => Some(ApiKeyPlacement::Query(name.clone())),
            _ => None,
        },
        AuthKind::Other { scheme_type }
            if scheme_type == "oauth2" || scheme_type == "openIdConnect" =>
        {
            Some(ApiKeyPlacement::Bearer)
        }
        AuthKind::Basic | AuthKind::Other { .. } => None,
    }
}

/// Where an operation whose `security` is `alternatives` takes the API
/// key: the place of the first alternative one key meets (its schemes,
/// HTTP basic aside, all take the key in one place). An alternative of
/// basic alone is met by basic credentials, not by the key; one with two
/// keys in two places, or a scheme the client cannot send, is not met.
/// `None` when no alternative takes a key.
pub(crate) fn operation_placement(
    alternatives: &[Vec<String>],
    schemes: &[AuthScheme],
) -> Option<ApiKeyPlacement> {
    alternatives.iter().find_map(|alternative| {
        let mut place = None;
        for name in alternative {
            let scheme = schemes.iter().find(|s| &s.name == name)?;
            if matches!(scheme.kind, AuthKind::Basic) {
                continue;
            }
            let here = placement_of(scheme)?;
            if place.as_ref().is_some_and(|p| *p != here) {
                return None;
            }
            place = Some(here);
        }
        place
    })
}

/// Whether the first alternative of `alternatives` that the client can
/// meet is HTTP basic alone (not one a key meets).
fn takes_basic_first(alternatives: &[Vec<String>], schemes: &[AuthScheme]) -> bool {
    alternatives.iter().find_map(|alternative| {
        let found: Option<Vec<&AuthScheme>> = alternative
            .iter()
            .map(|name| schemes.iter().find(|s| &s.name == name))
            .collect();
        let found = found?;
        if !found.is_empty() && found.iter().all(|s| matches!(s.kind, AuthKind::Basic)) {
            return Some(true);
        }
        operation_placement(std::slice::from_ref(alternative), schemes).map(|_| false)
    }) == Some(true)
}

/// Whether the client sends `scheme`: the API key's default place, the
/// place some operation takes it, a bearer token, or HTTP basic; under
/// own credentials, bearer tokens and the headers the conventions name.
pub(crate) fn sends(
    scheme: &AuthScheme,
    credentials: &Credentials,
    own_headers: Option<&[String]>,
    operations: &[Operation],
) -> bool {
    if let Some(headers) = own_headers {
        return match &scheme.kind {
            AuthKind::Bearer { .. } => true,
            AuthKind::ApiKey { location, name } => {
                location == "header" && headers.iter().any(|h| name.eq_ignore_ascii_case(h))
            }
            _ => false,
        };
    }
    if matches!(scheme.kind, AuthKind::Basic | AuthKind::Bearer { .. }) {
        return true;
    }
    let Credentials::Schemes {
        api_key: Some(default),
        ..
    } = credentials
    else {
        return false;
    };
    let Some(place) = placement_of(scheme) else {
        return false;
    };
    place == *default
        || operations
            .iter()
            .any(|op| op.api_key_in.as_ref() == Some(&place))
}

/// The operation that reads what long-running operations start (the
/// conventions' `polling.status_operation`), with its response type.
fn status_operation(conventions: &Conventions, operations: &[Operation]) -> Option<usize> {
    let polling = conventions.polling.as_ref()?;
    operations.iter().position(|op| {
        op.path == polling.status_operation
            && matches!(op.response.ty, Some(TypeRef::Named(_)))
            && op
                .params
                .iter()
                .any(|p| p.wire_name == polling.id && p.elsewhere.is_none())
            && op
                .params
                .iter()
                .all(|p| p.wire_name == polling.id || !p.required)
    })
}

/// Why the client type cannot take its name, if the crate root exports a
/// polling type of that name (`--client JobWait` where the conventions
/// poll `job`s): [`crate::naming::client_name_problem`] knows only the
/// runtime's own names.
pub(crate) fn client_name_clash(client: &ClientModel) -> Option<String> {
    let polling = client.polling.as_ref()?;
    [&polling.wait_type, &polling.error_type]
        .contains(&&client.name)
        .then(|| {
            format!(
                "the client name `{}` is taken: the crate exports a `{}` for waiting on {}s, as its conventions' `polling` says",
                client.name, client.name, polling.noun
            )
        })
}

/// The crate's names for polled work called `noun` (`action attempt`).
fn polling_model(status: String, noun: &str) -> PollingModel {
    let camel = naming::camel(noun);
    let snake = naming::snake(noun);
    PollingModel {
        status,
        noun: noun.to_string(),
        wait_type: format!("{camel}Wait"),
        error_type: format!("{camel}Error"),
        failed_variant: format!("{camel}Failed"),
        timeout_variant: format!("{camel}Timeout"),
        wait_setting: format!("{snake}_wait"),
        wait_switch: format!("wait_for_{snake}"),
        id_field: format!("{snake}_id"),
        value_field: snake,
    }
}

/// Decides which operations wait for what they start (setting
/// [`Operation::waits`]) and builds the client model.
pub(crate) fn client_model(
    config: &Config,
    conventions: &Conventions,
    base_url: Option<&str>,
    schemes: &[AuthScheme],
    operations: &mut [Operation],
    types: &[NamedType],
) -> ClientModel {
    // An operation marked as long-running that returns what the status
    // operation reads starts it, and can wait for it. (Others, such as one
    // that returns what it created, run it out of sight.)
    let status = status_operation(conventions, operations).map(|at| {
        let op = &operations[at];
        (op.pointer.clone(), op.response.clone())
    });
    let starts = |op: &Operation, read: &crate::ir::Response| {
        op.poll_kind.is_some() && op.response.ty == read.ty && op.response.key == read.key
    };
    let polling = status
        .filter(|(_, read)| operations.iter().any(|op| starts(op, read)))
        .zip(conventions.polling.as_ref())
        .map(|((pointer, read), polling)| {
            for op in operations.iter_mut() {
                op.waits = starts(op, &read) && !op.has_parts();
                op.waits_on_request = op.pointer == pointer && !op.waits && !op.has_parts();
            }
            polling_model(pointer, &polling.name)
        });
    let own = conventions.credentials.as_ref();
    let exchange = own
        .and_then(|c| c.exchange.as_deref())
        .and_then(|path| operations.iter().find(|op| op.path == path))
        .map(|op| op.pointer.clone());
    let credentials = if own.is_some() {
        Credentials::Profile
    } else {
        let api_key = api_key_placement(schemes);
        // Credentials are required when some operation needs them and the
        // client can give some (a spec whose `security` names schemes it
        // never defines leaves nothing to give).
        let can_give =
            api_key.is_some() || schemes.iter().any(|s| matches!(s.kind, AuthKind::Basic));
        // Operations that take the key elsewhere than the rest.
        if let Some(default) = &api_key {
            for op in operations.iter_mut() {
                op.api_key_in = match default {
                    // Basic credentials and a bearer key share one header:
                    // an operation that takes basic first is sent those.
                    ApiKeyPlacement::Bearer if takes_basic_first(&op.security, schemes) => {
                        Some(ApiKeyPlacement::Withheld)
                    }
                    _ => {
                        operation_placement(&op.security, schemes).filter(|place| place != default)
                    }
                };
            }
        }
        Credentials::Schemes {
            api_key,
            required: can_give
                && operations.iter().any(|op| {
                    !op.security.is_empty() && op.security.iter().all(|alt| !alt.is_empty())
                }),
        }
    };
    let webhook_event = conventions.webhooks.as_ref().and_then(|w| {
        types
            .iter()
            .find(|t| t.name == w.event_type)
            .map(|t| t.name.clone())
    });
    let ops = &*operations;
    let mut capabilities = Vec::new();
    let mut need = |capability, needed: bool| {
        if needed {
            capabilities.push(capability);
        }
    };
    need(
        Capability::ApiKey,
        matches!(
            credentials,
            Credentials::Profile
                | Credentials::Schemes {
                    api_key: Some(_),
                    ..
                }
        ),
    );
    need(
        Capability::OwnCredentials,
        credentials == Credentials::Profile,
    );
    need(
        Capability::KeyPlacement,
        ops.iter().any(|op| op.api_key_in.is_some()),
    );
    need(Capability::Exchange, exchange.is_some());
    need(Capability::Polling, polling.is_some());
    need(
        Capability::Pagination,
        ops.iter().any(|op| op.pagination.is_some()),
    );
    need(
        Capability::Multipart,
        ops.iter()
            .any(|op| op.params_location == ParamsLocation::Multipart),
    );
    need(
        Capability::DeclaredErrors,
        ops.iter().any(|op| !op.errors.is_empty()),
    );
    need(
        Capability::Pattern,
        ops.iter()
            .flat_map(|op| &op.params)
            .any(|f| f.constraints.pattern.is_some()),
    );
    need(Capability::Uuid, uses(ops, types, &TypeRef::Uuid));
    need(Capability::Base64, uses(ops, types, &TypeRef::Base64));
    need(Capability::Webhook, webhook_event.is_some());
    // Binary request bodies, and responses that are not JSON (which can be
    // read as they arrive).
    need(
        Capability::Streaming,
        ops.iter().any(|op| {
            !op.response.body.is_json() || op.params.iter().any(|f| f.ty == TypeRef::Bytes)
        }),
    );
    need(
        Capability::Basic,
        own.is_none() && schemes.iter().any(|s| matches!(s.kind, AuthKind::Basic)),
    );
    capabilities.sort();
    let name = config.client_name();
    ClientModel {
        crate_name: config.crate_name.clone(),
        crate_version: config
            .crate_version
            .clone()
            .unwrap_or_else(|| crate::config::DEFAULT_VERSION.into()),
        benches: config.benches.clone(),
        name,
        env_prefix: env_prefix(&config.crate_name),
        default_endpoint: base_url.unwrap_or("http://localhost").to_string(),
        credentials,
        capabilities,
        webhook_event,
        polling,
        exchange,
    }
}

/// Whether some type or parameter holds a `wanted` type.
fn uses(operations: &[Operation], types: &[NamedType], wanted: &TypeRef) -> bool {
    let holds = |ty: &TypeRef| {
        let mut stack = vec![ty];
        while let Some(at) = stack.pop() {
            if at == wanted {
                return true;
            }
            stack.extend(at.members());
        }
        false
    };
    let in_types = types.iter().any(|t| match &t.kind {
        TypeKind::Struct { fields } => fields.iter().any(|f| holds(&f.ty)),
        TypeKind::Union { variants, .. } => variants.iter().any(|v| holds(&v.ty)),
        TypeKind::Alias { ty } => holds(ty),
        TypeKind::Enum { .. } => false,
    });
    in_types
        || operations.iter().any(|op| {
            op.params.iter().any(|f| holds(&f.ty))
                || op.response.ty.as_ref().is_some_and(holds)
                || op.errors.iter().any(|e| holds(&e.ty))
                || op.pagination.as_ref().is_some_and(|p| holds(&p.item))
        })
}

/// `QUERY_KEY` for the crate `query-key`; a trailing `-api` is left out,
/// so that the key is `TWILIO_API_KEY`, never `TWILIO_API_API_KEY`.
fn env_prefix(crate_name: &str) -> String {
    let name = crate_name
        .strip_suffix("-api")
        .or_else(|| crate_name.strip_suffix("_api"))
        .filter(|name| !name.is_empty())
        .unwrap_or(crate_name);
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scheme(kind: AuthKind) -> AuthScheme {
        AuthScheme {
            name: "s".into(),
            description: None,
            kind,
        }
    }

    #[test]
    fn the_api_key_goes_where_the_schemes_say() {
        let api_key = |location: &str, name: &str| {
            scheme(AuthKind::ApiKey {
                location: location.into(),
                name: name.into(),
            })
        };
        // No scheme, or only HTTP basic: no API key is offered.
        assert_eq!(api_key_placement(&[]), None);
        assert_eq!(api_key_placement(&[scheme(AuthKind::Basic)]), None);
        assert_eq!(
            api_key_placement(&[api_key("header", "X-API-Key")]),
            Some(ApiKeyPlacement::Header("x-api-key".into()))
        );
        assert_eq!(
            api_key_placement(&[api_key("query", "key")]),
            Some(ApiKeyPlacement::Query("key".into()))
        );
        // A bearer scheme wins; a header name that is no HTTP token is skipped.
        let bearer = scheme(AuthKind::Bearer { format: None });
        assert_eq!(
            api_key_placement(&[api_key("header", "X-Key"), bearer]),
            Some(ApiKeyPlacement::Bearer)
        );
        assert_eq!(
            api_key_placement(&[api_key("header", "bad name"), api_key("cookie", "sid")]),
            Some(ApiKeyPlacement::Cookie("sid".into()))
        );
        // An OAuth 2 access token is a bearer token.
        let oauth = scheme(AuthKind::Other {
            scheme_type: "oauth2".into(),
        });
        assert_eq!(
            api_key_placement(&[scheme(AuthKind::Basic), oauth]),
            Some(ApiKeyPlacement::Bearer)
        );
    }

    #[test]
    fn an_operation_takes_the_key_where_its_first_alternative_one_key_meets_says() {
        let named = |name: &str, kind: AuthKind| AuthScheme {
            name: name.into(),
            description: None,
            kind,
        };
        let api_key = |name: &str, location: &str| {
            named(
                name,
                AuthKind::ApiKey {
                    location: location.into(),
                    name: name.into(),
                },
            )
        };
        let schemes = [
            api_key("h", "header"),
            api_key("q", "query"),
            api_key("c", "cookie"),
            named("basic", AuthKind::Basic),
            named("token", AuthKind::Bearer { format: None }),
            named(
                "tls",
                AuthKind::Other {
                    scheme_type: "mutualTLS".into(),
                },
            ),
        ];
        let place = |alternatives: &[&[&str]]| {
            let alternatives: Vec<Vec<String>> = alternatives
                .iter()
                .map(|a| a.iter().map(|s| s.to_string()).collect())
                .collect();
            operation_placement(&alternatives, &schemes)
        };
        assert_eq!(place(&[]), None);
        assert_eq!(place(&[&[]]), None);
        assert_eq!(place(&[&["q"]]), Some(ApiKeyPlacement::Query("q".into())));
        // Optional security still says where the key goes.
        assert_eq!(
            place(&[&[], &["c"]]),
            Some(ApiKeyPlacement::Cookie("c".into()))
        );
        // Basic alone is met by basic credentials; basic beside a key
        // leaves the key's place.
        assert_eq!(
            place(&[&["basic"], &["token"]]),
            Some(ApiKeyPlacement::Bearer)
        );
        assert_eq!(
            place(&[&["basic", "h"]]),
            Some(ApiKeyPlacement::Header("h".into()))
        );
        // Two keys in two places, a scheme no key meets or an unknown one:
        // the next alternative.
        assert_eq!(
            place(&[&["h", "q"], &["tls"], &["nowhere"], &["q"]]),
            Some(ApiKeyPlacement::Query("q".into()))
        );
        assert_eq!(place(&[&["h", "q"]]), None);
    }

    #[test]
    fn env_prefixes_come_from_the_crate_name() {
        assert_eq!(env_prefix("query-key"), "QUERY_KEY");
        assert_eq!(env_prefix("seam"), "SEAM");
        assert_eq!(env_prefix("twilio-api"), "TWILIO");
        assert_eq!(env_prefix("api"), "API");
    }
}
