//! Small hand-made models for the emitters' unit tests: each test builds
//! exactly the model it prints, with no spec in between.

use crate::conventions::Conventions;
use crate::ir::{
    Api, ApiKeyPlacement, Capability, ClientModel, Credentials, Docs, Field, Group, HttpMethod,
    Operation, OperationNames, ParamsLocation, Response, ResponseBody, TypeRef,
};

/// A field called `name` (wire and Rust) of type `ty`.
pub(crate) fn field(name: &str, ty: TypeRef, required: bool) -> Field {
    Field {
        setter: (!required).then(|| name.to_string()),
        ..Field::plain(name, name, ty, required)
    }
}

/// `GET path` in group `pets`, named `name`, returning `response`, with
/// these parameters (the required ones its arguments, in order).
pub(crate) fn operation(
    name: &str,
    path: &str,
    params: Vec<Field>,
    response: Option<TypeRef>,
) -> Operation {
    let camel = crate::naming::camel(name);
    Operation {
        pointer: format!("#/paths/{}/get", path.replace('/', "~1")),
        path: path.into(),
        operation_id: Some(name.into()),
        group: vec!["pets".into()],
        name: name.into(),
        http_methods: vec![HttpMethod::Get],
        http_method: HttpMethod::Get,
        docs: Docs::default(),
        security: Vec::new(),
        api_key_in: None,
        params_location: ParamsLocation::Query,
        body_media: None,
        arguments: params
            .iter()
            .filter(|f| f.required)
            .map(|f| f.rust_name.clone())
            .collect(),
        params,
        response: Response {
            key: None,
            ty: response,
            body: ResponseBody::Json,
        },
        errors: Vec::new(),
        shared_errors: None,
        poll_kind: None,
        waits: false,
        waits_on_request: false,
        idempotent: true,
        pagination: None,
        rust: OperationNames {
            method: name.into(),
            method_with: format!("{name}_with"),
            request: format!("{camel}Request"),
            params: format!("{camel}Params"),
            error: None,
        },
    }
}

/// A client with a bearer API key and these capabilities.
pub(crate) fn client(capabilities: Vec<Capability>) -> ClientModel {
    ClientModel {
        crate_name: "pets".into(),
        crate_version: "0.1.0".into(),
        benches: Vec::new(),
        name: "Client".into(),
        env_prefix: "PETS".into(),
        default_endpoint: "http://localhost".into(),
        credentials: Credentials::Schemes {
            api_key: Some(ApiKeyPlacement::Bearer),
            required: true,
        },
        capabilities,
        webhook_event: None,
        polling: None,
        exchange: None,
    }
}

/// An API of these operations, all in one group `pets`.
pub(crate) fn api(operations: Vec<Operation>) -> Api {
    let group = Group {
        segment: "pets".into(),
        module: "pets".into(),
        accessor: "pets".into(),
        struct_name: "Pets".into(),
        operations: (0..operations.len()).collect(),
        children: Vec::new(),
    };
    Api {
        title: "Pets".into(),
        version: "1".into(),
        description: None,
        license: None,
        base_url: None,
        auth_schemes: Vec::new(),
        operations,
        types: Vec::new(),
        conventions: Conventions::default(),
        client: client(vec![Capability::ApiKey]),
        groups: vec![group],
        shared_errors: Vec::new(),
        webhooks: Vec::new(),
        warnings: Vec::new(),
    }
}

/// Tokens as text with no spaces, for `contains` checks that do not depend
/// on how `quote` spaces them.
pub(crate) fn squeeze(tokens: &proc_macro2::TokenStream) -> String {
    tokens.to_string().replace(' ', "")
}
