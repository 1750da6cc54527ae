//! The intermediate model: plain data lowered from an OpenAPI document.
//!
//! Everything the emitters need is decided here (names, types, which HTTP
//! method a client uses), so emission is a straight walk over these types.
//! The model is serializable so it can be dumped (`cargo xtask codegen
//! --dump-ir`) and snapshot-tested.

use serde::Serialize;

/// Something in the spec the generated client does not honour; printed by
/// `cargo xtask codegen`, fatal with `--deny-warnings`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    pub pointer: String,
    pub message: String,
}

/// A whole API, ready to emit.
#[derive(Debug, Clone, Serialize)]
pub struct Api {
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    /// The API's license as an SPDX expression (`info.license`'s
    /// `identifier`, or a name that is or spells out one, such as
    /// "Apache 2.0"); `None` when the spec names none or one that is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// The first entry of `servers`, used as the client's default base URL.
    pub base_url: Option<String>,
    pub auth_schemes: Vec<AuthScheme>,
    pub operations: Vec<Operation>,
    pub types: Vec<NamedType>,
    /// The conventions of the profile the spec was lowered under.
    pub conventions: crate::conventions::Conventions,
    /// The client type and the runtime it needs.
    pub client: ClientModel,
    /// The route groups: the crate's modules and accessors (decided in
    /// `lower/plan.rs`, like every other Rust name).
    pub groups: Vec<Group>,
    /// Enums of declared error responses that several operations declare
    /// alike, in the crate's `errors` module (decided in `lower/plan.rs`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shared_errors: Vec<SharedErrors>,
    /// Requests the API sends to its users' servers (OpenAPI 3.1
    /// `webhooks`), whose payload types the crate offers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub webhooks: Vec<Webhook>,
    /// What the generator read but the client does not honour, such as a
    /// security scheme it cannot send.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// The client every operation hangs off, and the parts of the runtime the
/// spec needs.
#[derive(Debug, Clone, Serialize)]
pub struct ClientModel {
    /// Package name of the crate, such as `seam`.
    pub crate_name: String,
    /// The crate's version, such as `0.1.0`.
    pub crate_version: String,
    /// Hand-written benchmarks the crate declares (`benches/<name>.rs`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub benches: Vec<String>,
    /// The client type's name at the crate root (`Client`, or what the
    /// target's configuration says, such as `Seam`).
    pub name: String,
    /// Prefix of the environment variables the client reads, such as
    /// `SEAM` for `SEAM_API_KEY` and `SEAM_ENDPOINT`.
    pub env_prefix: String,
    /// The server used when none is configured: the first of `servers`.
    pub default_endpoint: String,
    pub credentials: Credentials,
    /// Optional parts of the runtime the spec needs, each a feature of the
    /// runtime crate (`generator/runtime`), in order.
    pub capabilities: Vec<Capability>,
    /// The type signed webhooks decode into, which the crate verifies (see
    /// [`Capability::Webhook`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webhook_event: Option<String>,
    /// How operations that start long-running work wait for it, when
    /// some do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub polling: Option<PollingModel>,
    /// Pointer of the operation that exchanges a publishable key for a
    /// client session token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exchange: Option<String>,
}

/// Waiting for long-running work: the status operation polled, and the
/// crate's names for the work (from the conventions' `polling.name`:
/// `action attempt` gives `ActionAttemptWait`, `wait_for_action_attempt`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PollingModel {
    /// Pointer of the status operation.
    pub status: String,
    /// The work in words, for docs: `action attempt`.
    pub noun: String,
    /// How to wait (a struct): `ActionAttemptWait`.
    pub wait_type: String,
    /// Work that failed or did not finish: `ActionAttemptError`.
    pub error_type: String,
    /// `Error` variants: `ActionAttemptFailed`, `ActionAttemptTimeout`.
    pub failed_variant: String,
    pub timeout_variant: String,
    /// The builder's and each call's setting: `action_attempt_wait`.
    pub wait_setting: String,
    /// Each call's switch: `wait_for_action_attempt`.
    pub wait_switch: String,
    /// The error's fields: the id (`action_attempt_id`) and the work as
    /// last reported (`action_attempt`).
    pub id_field: String,
    pub value_field: String,
}

impl PollingModel {
    /// The names the runtime's polling file uses for what this model
    /// names, each with its name here.
    pub fn renames(&self) -> [(&'static str, &str); 7] {
        [
            ("PollWait", &self.wait_type),
            ("PollError", &self.error_type),
            ("PollFailed", &self.failed_variant),
            ("PollTimeout", &self.timeout_variant),
            ("poll_wait", &self.wait_setting),
            ("poll_id", &self.id_field),
            ("poll_value", &self.value_field),
        ]
    }
}

impl ClientModel {
    pub fn has(&self, capability: Capability) -> bool {
        self.capabilities.contains(&capability)
    }

    /// The builder's name (`ClientBuilder`, `SeamBuilder`).
    pub fn builder_name(&self) -> String {
        format!("{}Builder", self.name)
    }

    /// Sent as the user agent (`{sdk_name}/{version}`).
    pub fn sdk_name(&self) -> String {
        format!("{}-rust", self.crate_name)
    }
}

/// How the client authenticates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Credentials {
    /// The conventions' own credentials (`credentials.own`), not the
    /// security schemes'.
    Profile,
    /// From the spec's security schemes.
    Schemes {
        /// Where `api_key` goes; `None` when the spec declares neither an
        /// API key nor a bearer token (only HTTP basic, or nothing), and the
        /// client offers no `api_key`.
        api_key: Option<ApiKeyPlacement>,
        /// Building a client without credentials is an error: some
        /// operation requires them.
        required: bool,
    },
}

/// An optional part of the runtime: a feature of the runtime crate, whose
/// items are kept when a spec needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Capability {
    /// An API key or bearer token (`api_key`, `Client::new`, the
    /// `…_API_KEY` variable).
    ApiKey,
    /// The conventions' own credential module instead of the security
    /// schemes' (`credentials.own`: `seam` is `seam_auth.rs` as `auth.rs`,
    /// behind the runtime's `seam` feature).
    OwnCredentials,
    /// Exchanging a publishable key for a client session token.
    Exchange,
    /// Waiting for action attempts.
    Polling,
    /// Cursor pagination.
    Pagination,
    /// Multipart request bodies.
    Multipart,
    /// Error responses the spec declares, decoded per operation.
    DeclaredErrors,
    /// `pattern` constraints checked with the regex crate.
    Pattern,
    /// HTTP basic credentials.
    Basic,
    /// The `uuid` crate, for `format: uuid` values.
    Uuid,
    /// Binary request bodies that may be streamed (`Body`).
    Streaming,
    /// `format: byte` values (`Base64`).
    Base64,
    /// Verifying signed webhooks and decoding their events
    /// (`seam_webhook.rs` as `webhook.rs`).
    Webhook,
    /// Some operation takes the API key elsewhere than the others
    /// ([`Operation::api_key_in`]).
    KeyPlacement,
}

impl Capability {
    /// The runtime crate's feature for it.
    pub fn feature(self) -> &'static str {
        match self {
            Capability::ApiKey => "api_key",
            Capability::OwnCredentials => "seam",
            Capability::Exchange => "exchange",
            Capability::Polling => "polling",
            Capability::Pagination => "pagination",
            Capability::Multipart => "multipart",
            Capability::DeclaredErrors => "declared_errors",
            Capability::Pattern => "pattern",
            Capability::Basic => "basic",
            Capability::Uuid => "uuid",
            Capability::Streaming => "streaming",
            Capability::Base64 => "base64",
            Capability::Webhook => "webhook",
            Capability::KeyPlacement => "key_placement",
        }
    }
}

/// A `components.securitySchemes` entry.
#[derive(Debug, Clone, Serialize)]
pub struct AuthScheme {
    pub name: String,
    pub description: Option<String>,
    pub kind: AuthKind,
}

/// One piece of a path template such as `/pets/{petId}/toys`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPiece<'a> {
    Literal(&'a str),
    /// `{name}`: filled in from the path parameter `name`.
    Param(&'a str),
}

/// Splits a path template into literal text and `{name}` parameters.
pub fn path_pieces(path: &str) -> Vec<PathPiece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = path;
    while let Some((before, after)) = rest.split_once('{') {
        let Some((name, after)) = after.split_once('}') else {
            break;
        };
        if !before.is_empty() {
            pieces.push(PathPiece::Literal(before));
        }
        pieces.push(PathPiece::Param(name));
        rest = after;
    }
    if !rest.is_empty() {
        pieces.push(PathPiece::Literal(rest));
    }
    pieces
}

/// Where the client's `api_key` goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "in", content = "name", rename_all = "snake_case")]
pub enum ApiKeyPlacement {
    /// `Authorization: Bearer …`: the spec has an http bearer scheme (or an
    /// OAuth 2 or OpenID Connect one, whose tokens are bearer tokens).
    Bearer,
    /// In this header (lowercased).
    Header(String),
    /// In this query parameter.
    Query(String),
    /// In this cookie.
    Cookie(String),
    /// Not sent: only as an operation's placement, for an operation that
    /// takes HTTP basic credentials where the key is a bearer token, which
    /// would take the same `Authorization` header.
    Withheld,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AuthKind {
    Bearer { format: Option<String> },
    Basic,
    ApiKey { location: String, name: String },
    Other { scheme_type: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
    Options,
    Trace,
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Head => "HEAD",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Trace => "TRACE",
        }
    }
}

/// A free-text marker from the spec: `deprecated`/`x-deprecated`,
/// `x-undocumented`, `x-draft`. The message is the extension's text, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Marker {
    pub message: Option<String>,
}

/// Documentation shared by operations, types and fields.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Docs {
    /// `x-title` (or `title` on schemas).
    pub title: Option<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: Option<Marker>,
    pub undocumented: Option<Marker>,
    pub draft: Option<Marker>,
}

/// One request the API sends to its users' servers (a webhook).
#[derive(Debug, Clone, Serialize)]
pub struct Webhook {
    /// The webhook's key under `webhooks`, such as `newPet`.
    pub name: String,
    pub method: HttpMethod,
    /// JSON pointer of the webhook's operation.
    pub pointer: String,
    pub docs: Docs,
    /// The type of its JSON body, if it has one.
    pub payload: Option<TypeRef>,
}

/// One endpoint of the client: a path, and the operation on it the client calls.
#[derive(Debug, Clone, Serialize)]
pub struct Operation {
    /// JSON pointer of the operation the client uses.
    pub pointer: String,
    pub path: String,
    pub operation_id: Option<String>,
    /// Route group as snake-case segments, such as `["client_sessions"]`.
    pub group: Vec<String>,
    /// Method name within the group (snake case), such as `create`.
    pub name: String,
    /// Every HTTP method the path offers for this operation.
    pub http_methods: Vec<HttpMethod>,
    /// The method the client sends.
    pub http_method: HttpMethod,
    pub docs: Docs,
    /// Alternatives of `security`: each inner list must hold together.
    pub security: Vec<Vec<String>>,
    /// Where this operation takes the API key, when that is not where the
    /// client sends it to the others ([`Credentials::Schemes`]): the first
    /// alternative of `security` one API key can meet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_key_in: Option<ApiKeyPlacement>,
    /// Where parameters travel for the chosen method.
    pub params_location: ParamsLocation,
    /// The media type of a [`ParamsLocation::Raw`] body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_media: Option<String>,
    pub params: Vec<Field>,
    /// The Rust names of the required parameters, in the order the
    /// operation's method takes them as arguments: path parameters in path
    /// order, then the other parameters, then body fields, each in spec
    /// order. The optional ones are set by name on the request.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub arguments: Vec<String>,
    pub response: Response,
    /// Error responses with a JSON body the spec describes, most specific
    /// status first: exact codes, then ranges (`4XX`), then `default`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorResponse>,
    /// The enum of [`Api::shared_errors`] that holds these errors, when
    /// other operations declare the same; the operation's own error name
    /// ([`OperationNames::error`]) is then an alias of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared_errors: Option<usize>,
    /// The value of the conventions' `polling.marker_extension`: the
    /// operation starts long-running work of this kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub poll_kind: Option<String>,
    /// The call waits for the work it starts, polling
    /// [`ClientModel::poll_status`].
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub waits: bool,
    /// The call is the status operation: it waits for the work to finish
    /// only when asked to.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub waits_on_request: bool,
    /// Safe to send again after a failure: the client sends one of the
    /// idempotent methods (`GET`, `HEAD`, `OPTIONS`, `PUT`, `DELETE`), or
    /// the path also offers the operation with a method the conventions'
    /// `retries.idempotent_when_offered_as` lists.
    pub idempotent: bool,
    /// How the operation's results page, when they do (see
    /// `lower/pagination.rs` for how that is recognised).
    pub pagination: Option<Pagination>,
    /// The Rust names of the operation's method and types.
    pub rust: OperationNames,
}

/// The Rust names an operation gets, unique in its route group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct OperationNames {
    /// The group's method that starts a call (`create`).
    pub method: String,
    /// The same from a filled-in params struct (`create_with`).
    pub method_with: String,
    /// The call being built (`CreateRequest`).
    pub request: String,
    /// Its parameters (`CreateParams`).
    pub params: String,
    /// The enum of its declared error responses (`CreateError`), when it
    /// has some.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// A route group: a module of the crate and its accessor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    /// The group's segment as in the model, such as `client_sessions`.
    pub segment: String,
    /// Its module, and its accessor method on the client or the parent
    /// group's struct.
    pub module: String,
    pub accessor: String,
    /// Its struct, such as `ClientSessions`.
    pub struct_name: String,
    /// Its operations, as indexes into [`Api::operations`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Group>,
}

/// The features under which an item is compiled: a top-level group's
/// feature, and `undocumented`/`draft` for operations marked so.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Need {
    /// The feature of a top-level group; `None` inside the group's own
    /// module, where it is in force.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub undocumented: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

impl Need {
    /// The feature of operations marked `x-undocumented`.
    pub const UNDOCUMENTED: &'static str = "undocumented";
    /// The feature of operations marked `x-draft`.
    pub const DRAFT: &'static str = "draft";
    /// The feature of the module that verifies signed webhooks.
    pub const WEBHOOK: &'static str = "webhook";

    /// What an operation needs. `group` is the feature of its top-level
    /// group, or `None` inside the group's module, where it is in force.
    pub fn of(op: &Operation, group: Option<&str>) -> Need {
        Need {
            group: group.map(str::to_string),
            undocumented: op.docs.undocumented.is_some(),
            draft: op.docs.draft.is_some(),
        }
    }

    /// The features it names.
    pub fn features(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.group.iter().map(String::as_str).collect();
        if self.undocumented {
            out.push(Need::UNDOCUMENTED);
        }
        if self.draft {
            out.push(Need::DRAFT);
        }
        out
    }

    /// Whether this need is met whenever `other` is.
    pub fn implied_by(&self, other: &Need) -> bool {
        (self.group.is_none() || self.group == other.group)
            && (!self.undocumented || other.undocumented)
            && (!self.draft || other.draft)
    }
}

impl Operation {
    /// The operation as its group path and name, such as
    /// `client_sessions.create`: how traces and docs name it.
    pub fn label(&self) -> String {
        let mut label = self.group.join(".");
        if !label.is_empty() {
            label.push('.');
        }
        label.push_str(&self.name);
        label
    }

    /// The required parameters, in argument order (see [`Operation::arguments`]).
    pub fn argument_fields(&self) -> impl Iterator<Item = &Field> {
        self.arguments
            .iter()
            .filter_map(|name| self.params.iter().find(|f| &f.rust_name == name))
    }

    /// Whether some parameters travel outside the body or query string (in
    /// the path, headers, or as multipart parts): then the call cannot be
    /// resent with its parameters as they are, as paging and waiting do.
    pub fn has_parts(&self) -> bool {
        self.params_location == ParamsLocation::Multipart
            || self.params.iter().any(|f| f.elsewhere.is_some())
    }
}

/// How a list operation pages: where a page's items are, and what leads
/// to the next page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pagination {
    /// Where the items are: property names (on the wire) from the top of
    /// the response body; empty when the body is the list.
    pub items: Vec<String>,
    /// The items' type.
    pub item: TypeRef,
    pub next: NextPage,
}

/// What leads from one page of a list to the next.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NextPage {
    /// A value in the body (at `cursor`, a path of property names) sent
    /// back as the parameter `param`; another page follows while the
    /// boolean at `has_more` (when given) is true. Seam's `page_cursor` and
    /// `pagination.next_page_cursor`.
    Cursor {
        param: String,
        cursor: Vec<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        has_more: Option<Vec<String>>,
    },
    /// The `id` of the page's last item sent back as `param`, while the
    /// boolean at `has_more` is true (`starting_after`).
    AfterLastItem {
        param: String,
        id: String,
        has_more: Vec<String>,
    },
    /// The next page's URL, in the body at `url` (`next_page_uri`).
    Url { url: Vec<String> },
    /// The next page's URL in the `Link` response header (RFC 8288).
    LinkHeader,
    /// The page number in `param`, counted from `first`; the pages end
    /// with an empty one.
    PageNumber { param: String, first: u64 },
}

impl NextPage {
    /// The request parameter the next page is asked for with, if any.
    pub fn param(&self) -> Option<&str> {
        match self {
            NextPage::Cursor { param, .. }
            | NextPage::AfterLastItem { param, .. }
            | NextPage::PageNumber { param, .. } => Some(param),
            NextPage::Url { .. } | NextPage::LinkHeader => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamsLocation {
    /// A JSON object request body.
    Body,
    /// Query-string parameters.
    Query,
    /// An `application/x-www-form-urlencoded` request body.
    Form,
    /// A `multipart/form-data` request body: one part per property.
    Multipart,
    /// A body sent as it is (text or bytes) with [`Operation::body_media`]
    /// as its content type: the [`ParamIn::Body`] parameter.
    Raw,
}

/// An error response an operation declares, with the type its JSON body
/// decodes into.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorResponse {
    pub status: ErrorStatus,
    /// The response's `description`.
    pub description: Option<String>,
    pub ty: TypeRef,
}

/// One enum for the error responses that several operations declare alike:
/// the same statuses, with the same body types and descriptions. Sharing it
/// keeps the crate from repeating the enum and its impls per operation.
#[derive(Debug, Clone, Serialize)]
pub struct SharedErrors {
    /// Its name in the `errors` module, from its statuses
    /// (`Status404`, `Status400Or404OrOther`).
    pub name: String,
    pub errors: Vec<ErrorResponse>,
    /// The operations that declare them, as indexes into [`Api::operations`].
    pub operations: Vec<usize>,
    /// The features under which it is compiled: those of its operations.
    pub needs: Vec<Need>,
}

/// The status (or statuses) an [`ErrorResponse`] covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorStatus {
    /// One status code, such as `404`.
    Code(u16),
    /// A range such as `4XX`, by its first digit.
    Range(u16),
    /// `default`: every status the others do not cover.
    Default,
}

/// What a successful call returns to the caller.
#[derive(Debug, Clone, Serialize)]
pub struct Response {
    /// `x-response-key`: the property of the success body that holds the
    /// result. `None` when the body is returned whole or not at all.
    pub key: Option<String>,
    /// The type a JSON body decodes into; `None` means `()`.
    pub ty: Option<TypeRef>,
    /// How the success body is read: JSON unless the spec gives only
    /// another media type (then the call returns `String` or bytes).
    #[serde(skip_serializing_if = "ResponseBody::is_json")]
    pub body: ResponseBody,
}

/// How a success body is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseBody {
    /// Decoded from JSON into [`Response::ty`].
    #[default]
    Json,
    /// `text/*`: returned as a `String`.
    Text,
    /// Any other media type: returned as bytes.
    Bytes,
}

impl ResponseBody {
    pub fn is_json(&self) -> bool {
        *self == ResponseBody::Json
    }
}

/// A type that gets a Rust name.
#[derive(Debug, Clone, Serialize)]
pub struct NamedType {
    /// Rust type name, such as `ClientSession`.
    pub name: String,
    /// JSON pointer of the schema it was lowered from.
    pub pointer: String,
    pub docs: Docs,
    /// `x-route-path`.
    pub route_path: Option<String>,
    /// The module the type lives in, as snake-case segments under `types`:
    /// its route path, or for an inline type that of where it appears
    /// (empty: `types` itself).
    pub module: Vec<String>,
    pub kind: TypeKind,
    /// Sent in some request (a parameter holds it): a struct keeps
    /// "absent" and `null` apart, and has `Default` or `new`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub sent: bool,
    /// Holds a float somewhere: `PartialEq` but not `Eq`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub inexact: bool,
    /// Compiled when any of these is met; `None`: always (no operation
    /// uses it, or a webhook does).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub needs: Option<Vec<Need>>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeKind {
    Struct {
        fields: Vec<Field>,
    },
    /// A string enum.
    Enum {
        variants: Vec<EnumVariant>,
    },
    /// `oneOf`/`anyOf`.
    Union {
        /// Properties whose values select the variant (the `discriminator`,
        /// or single-valued properties every variant has); empty when the
        /// variants can only be told apart by trying them.
        tags: Vec<String>,
        variants: Vec<UnionVariant>,
    },
    Alias {
        ty: TypeRef,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct EnumVariant {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnionVariant {
    pub name: String,
    /// The values of the union's `tags` that select this variant.
    pub tags: Vec<String>,
    /// Other values that select it too (a discriminator property with an
    /// `enum` of several values, or a `mapping` that sends several values
    /// to one schema); the value read is the value written back.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<Vec<String>>,
    pub ty: TypeRef,
    /// Held in a `Box`: the type is large, or on a cycle through it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub boxed: bool,
}

/// A struct property or a request parameter.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    /// The name on the wire.
    pub wire_name: String,
    /// The Rust identifier (without `r#`).
    pub rust_name: String,
    pub ty: TypeRef,
    pub required: bool,
    pub nullable: bool,
    pub default: Option<serde_json::Value>,
    /// The `format` the spec gives the value (`uuid`, `email`, `int64`), as
    /// written, whatever Rust type the profile chose for it (Seam's
    /// profile keeps `uuid` IDs as `String`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// The spec's example of a value (the parameter's `example`, else its
    /// schema's), as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<serde_json::Value>,
    pub docs: Docs,
    pub constraints: Constraints,
    /// For an operation parameter that does not travel with the others
    /// (see [`Operation::params_location`]): where it goes instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub elsewhere: Option<ParamIn>,
    /// How a parameter is written when not as the default for where it
    /// travels (query `form` exploded; path and header `simple`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub style: Option<ParamStyle>,
    /// Held in a `Box` (struct fields): the type is large, or on a cycle
    /// through it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub boxed: bool,
    /// An optional operation parameter's setter on the request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub setter: Option<String>,
}

/// A parameter's `style` and `explode`, per the OpenAPI style table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "style", rename_all = "snake_case")]
pub enum ParamStyle {
    /// `form` (query): `name=a,b` when not exploded.
    Form { explode: bool },
    /// Lists as `name=a b`.
    SpaceDelimited,
    /// Lists as `name=a|b`.
    PipeDelimited,
    /// Objects as `name[key]=value`.
    DeepObject,
    /// `simple` (path, header): `a,b`; exploded objects `k=v,k2=v2`.
    Simple { explode: bool },
    /// `label` (path): `.a,b`, exploded `.a.b`.
    Label { explode: bool },
    /// `matrix` (path): `;name=a,b`, exploded `;name=a;name=b`.
    Matrix { explode: bool },
    /// A parameter described with `content` of a JSON media type: the
    /// value as JSON text.
    Json,
}

/// Where a parameter travels when not with the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamIn {
    /// Filled into the path template (`/pets/{petId}`).
    Path,
    /// In the query string, beside a JSON body.
    Query,
    /// A request header.
    Header,
    /// A cookie.
    Cookie,
    /// The whole request body: a JSON value that is not an object (a list,
    /// a string, a union of such), or a raw body.
    Body,
}

impl Field {
    /// A field with these names and type, and nothing else said about it
    /// (no docs, format, example, constraints or default).
    pub fn plain(wire_name: &str, rust_name: &str, ty: TypeRef, required: bool) -> Field {
        Field {
            wire_name: wire_name.into(),
            rust_name: rust_name.into(),
            ty,
            required,
            nullable: false,
            default: None,
            format: None,
            example: None,
            docs: Docs::default(),
            constraints: Constraints::default(),
            elsewhere: None,
            style: None,
            boxed: false,
            setter: None,
        }
    }

    pub fn is_deprecated(&self) -> bool {
        self.docs.deprecated.is_some()
    }
}

/// Validation keywords, kept as the spec states them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Constraints {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<Bound>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<Bound>,
}

/// A numeric bound; `exclusive` per OpenAPI 3.0's `exclusiveMinimum`/`exclusiveMaximum`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bound {
    pub value: f64,
    pub exclusive: bool,
}

/// A reference to a type as used by a field, parameter or response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "of", rename_all = "snake_case")]
pub enum TypeRef {
    String,
    Bool,
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
    F32,
    F64,
    /// `format: uuid`.
    Uuid,
    /// `format: date-time`.
    DateTime,
    /// `format: date`.
    Date,
    /// Any JSON value.
    Json,
    /// A string that can only have this value (a single-valued `enum`).
    Const(String),
    Array(Box<TypeRef>),
    /// A list of fixed length whose items have these types, in order
    /// (OpenAPI 3.1 `prefixItems`).
    Tuple(Vec<TypeRef>),
    /// An object with string keys (`additionalProperties`).
    Map(Box<TypeRef>),
    /// A type from [`Api::types`], by Rust name.
    Named(String),
    /// `format: binary` as a property of a multipart body: a file part.
    Binary,
    /// A raw request body's bytes (`crate::Body`: bytes or a stream).
    Bytes,
    /// `format: byte`: bytes written as base64 text.
    Base64,
}

impl TypeRef {
    /// One of the integer types.
    pub fn is_integer(&self) -> bool {
        matches!(
            self,
            TypeRef::I8
                | TypeRef::I16
                | TypeRef::I32
                | TypeRef::I64
                | TypeRef::U8
                | TypeRef::U16
                | TypeRef::U32
                | TypeRef::U64
        )
    }

    /// An integer or floating-point type.
    pub fn is_number(&self) -> bool {
        self.is_integer() || matches!(self, TypeRef::F32 | TypeRef::F64)
    }

    /// The types this one holds directly: a list's or map's items, a
    /// tuple's members.
    pub fn members(&self) -> &[TypeRef] {
        match self {
            TypeRef::Array(inner) | TypeRef::Map(inner) => std::slice::from_ref(inner),
            TypeRef::Tuple(items) => items,
            _ => &[],
        }
    }
}
