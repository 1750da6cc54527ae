//! What an operation sends and receives: its parameters (body, query,
//! path, header) and its success response.

use openapiv3::{
    Operation as OaOperation, Parameter, ReferenceOr, RequestBody, Response as OaResponse,
    StatusCode,
};
use serde_json::Value;

use super::schema::{component_name, deprecation, expected_here, SchemaRef};
use super::Lowerer;
use crate::error::{pointer_push, Result};
use crate::ir::{
    path_pieces, ErrorResponse, ErrorStatus, Field, ParamIn, ParamStyle, ParamsLocation, PathPiece,
    Response, ResponseBody, TypeRef, Warning,
};
use crate::naming::{self, Scope};

impl<'a> Lowerer<'a> {
    /// Parameters of the chosen method: the JSON body's properties, or the
    /// query parameters; path and header parameters (and query parameters
    /// beside a body) are marked with where they go instead.
    pub(super) fn params(
        &mut self,
        path: &str,
        path_params: &[ReferenceOr<Parameter>],
        op: &OaOperation,
        owner: &str,
        pointer: &str,
    ) -> Result<Params> {
        // Operation parameters first, then the path item's, as pointers
        // count them.
        let parameters = op
            .parameters
            .iter()
            .enumerate()
            .map(|(i, p)| {
                (
                    pointer_push(&pointer_push(pointer, "parameters"), &i.to_string()),
                    p,
                )
            })
            .chain(path_params.iter().enumerate().map(|(i, p)| {
                let item = pointer_push("#/paths", path);
                (
                    pointer_push(&pointer_push(&item, "parameters"), &i.to_string()),
                    p,
                )
            }));
        let (body_location, mut fields, body_media) = match &op.request_body {
            Some(body) => self.body_fields(body, owner, &pointer_push(pointer, "requestBody"))?,
            None => (ParamsLocation::Body, Vec::new(), None),
        };
        // A body without properties carries nothing: then query
        // parameters, if any, are the parameters.
        let has_query = op.parameters.iter().chain(path_params).any(|p| match p {
            ReferenceOr::Item(p) => matches!(p, Parameter::Query { .. }),
            ReferenceOr::Reference { reference } => matches!(
                self.parameter_component(reference, pointer),
                Ok(Parameter::Query { .. })
            ),
        });
        let location = if op.request_body.is_some() && (!fields.is_empty() || !has_query) {
            body_location
        } else {
            ParamsLocation::Query
        };
        let mut scope = Scope::new();
        for field in &fields {
            scope.reserve(&field.rust_name);
        }
        let mut seen = rustc_hash::FxHashSet::default();
        for (param_pointer, parameter) in parameters {
            let parameter = match parameter {
                ReferenceOr::Item(p) => p,
                ReferenceOr::Reference { reference } => {
                    self.parameter_component(reference, &param_pointer)?
                }
            };
            let data = parameter.parameter_data_ref();
            // An operation's parameter overrides the path item's of the same
            // name and location.
            if !seen.insert((std::mem::discriminant(parameter), data.name.clone())) {
                continue;
            }
            let (mut elsewhere, mut style) =
                self.placement(parameter, &param_pointer, path, location)?;
            let schema = match &data.format {
                openapiv3::ParameterSchemaOrContent::Schema(schema) => schema,
                // A value written in a media type: JSON text when the type
                // is JSON, else the value's text.
                openapiv3::ParameterSchemaOrContent::Content(content) => {
                    let media = content
                        .iter()
                        .next()
                        .and_then(|(media, m)| Some((media, m.schema.as_ref()?)));
                    let Some((media, schema)) = media else {
                        return Err(self.error(
                            pointer_push(&param_pointer, "content"),
                            "a parameter's `content` needs one media type with a schema".into(),
                        ));
                    };
                    if is_json_media(&media_essence(media)) {
                        style = Some(ParamStyle::Json);
                        if elsewhere.is_none() {
                            elsewhere = Some(ParamIn::Query);
                        }
                    }
                    schema
                }
            };
            let rust_name = scope.claim(naming::snake(&data.name));
            let hint = format!("{owner}_{}", data.name);
            let mut field = self.field(
                &data.name,
                rust_name,
                SchemaRef::of(schema),
                // Path parameters are always required.
                data.required || elsewhere == Some(ParamIn::Path),
                &hint,
                &pointer_push(&param_pointer, "schema"),
            )?;
            if field.docs.description.is_none() {
                field.docs.description = data.description.clone();
            }
            let first_example = data.examples.values().find_map(|e| match e {
                ReferenceOr::Item(e) => e.value.clone(),
                ReferenceOr::Reference { .. } => None,
            });
            if let Some(example) = data.example.clone().or(first_example) {
                field.example = Some(example);
            }
            if data.deprecated == Some(true) && field.docs.deprecated.is_none() {
                field.docs.deprecated = deprecation(true, &data.extensions);
            }
            field.elsewhere = elsewhere;
            field.style = style;
            fields.push(field);
        }
        // Every `{name}` in the path needs a parameter.
        let names = path_pieces(path)
            .into_iter()
            .filter_map(|piece| match piece {
                PathPiece::Param(name) => Some(name),
                PathPiece::Literal(_) => None,
            });
        for name in names {
            let declared = fields
                .iter()
                .any(|f| f.elsewhere == Some(ParamIn::Path) && f.wire_name == name);
            if declared {
                continue;
            }
            // Declared in the query (a path written with its query string,
            // `/search?q={q}`): filled into the path, and sent once.
            let in_query = fields.iter_mut().find(|f| {
                f.wire_name == name
                    && (f.elsewhere == Some(ParamIn::Query)
                        || (f.elsewhere.is_none() && location == ParamsLocation::Query))
            });
            let message = match in_query {
                Some(field) => {
                    field.elsewhere = Some(ParamIn::Path);
                    field.required = true;
                    field.style = None;
                    format!("the path `{path}` has `{{{name}}}`, declared as a query parameter: filled into the path")
                }
                None => {
                    let string = openapiv3::Schema {
                        schema_data: Default::default(),
                        schema_kind: openapiv3::SchemaKind::Type(openapiv3::Type::String(
                            Default::default(),
                        )),
                    };
                    let rust_name = scope.claim(naming::snake(name));
                    let hint = format!("{owner}_{name}");
                    let mut field = self.field(
                        name,
                        rust_name,
                        SchemaRef::Inline(&string),
                        true,
                        &hint,
                        pointer,
                    )?;
                    field.elsewhere = Some(ParamIn::Path);
                    fields.push(field);
                    format!("the path `{path}` has `{{{name}}}`, but no parameter declares it: read as a required string")
                }
            };
            self.warnings.push(Warning {
                pointer: pointer.to_string(),
                message,
            });
        }
        Ok(Params {
            location,
            fields,
            body_media,
        })
    }

    /// Where a parameter travels when not with the others (`None`: with
    /// them, in the query string), refusing styles the client cannot send.
    fn placement(
        &self,
        parameter: &Parameter,
        pointer: &str,
        path: &str,
        location: ParamsLocation,
    ) -> Result<(Option<ParamIn>, Option<ParamStyle>)> {
        use openapiv3::{PathStyle, QueryStyle};
        let data = parameter.parameter_data_ref();
        // `form` explodes by default, the other styles do not.
        let explode = |default: bool| data.explode.unwrap_or(default);
        let placed = match parameter {
            Parameter::Query { style, .. } => {
                let style = match style {
                    QueryStyle::Form if explode(true) => None,
                    QueryStyle::Form => Some(ParamStyle::Form { explode: false }),
                    QueryStyle::SpaceDelimited => Some(ParamStyle::SpaceDelimited),
                    QueryStyle::PipeDelimited => Some(ParamStyle::PipeDelimited),
                    QueryStyle::DeepObject => Some(ParamStyle::DeepObject),
                };
                // A styled parameter is written on its own, not with the
                // query string of the others.
                let apart = location != ParamsLocation::Query || style.is_some();
                (apart.then_some(ParamIn::Query), style)
            }
            Parameter::Path { style, .. } => {
                if !path.contains(&format!("{{{}}}", data.name)) {
                    return Err(self.error(
                        pointer.to_string(),
                        format!(
                            "path parameter `{}` does not appear in the path `{path}`",
                            data.name
                        ),
                    ));
                }
                let style = match style {
                    PathStyle::Simple if !explode(false) => None,
                    PathStyle::Simple => Some(ParamStyle::Simple { explode: true }),
                    PathStyle::Label => Some(ParamStyle::Label {
                        explode: explode(false),
                    }),
                    PathStyle::Matrix => Some(ParamStyle::Matrix {
                        explode: explode(false),
                    }),
                };
                (Some(ParamIn::Path), style)
            }
            Parameter::Header { .. } => {
                let style = explode(false).then_some(ParamStyle::Simple { explode: true });
                (Some(ParamIn::Header), style)
            }
            // Cookie values are written as text, lists joined with commas.
            Parameter::Cookie { .. } => (Some(ParamIn::Cookie), None),
        };
        Ok(placed)
    }

    pub(super) fn parameter_component(
        &self,
        reference: &str,
        pointer: &str,
    ) -> Result<&'a Parameter> {
        if crate::load::deep_ref(reference) {
            if let Some(parameter) = self.deep.parameters.get(reference) {
                return Ok(parameter);
            }
        }
        let found = component_name(reference, "parameters")
            .and_then(|name| self.doc.components.as_ref()?.parameters.get(&name));
        match found {
            Some(ReferenceOr::Item(p)) => Ok(p),
            _ => Err(self.error(
                pointer_push(pointer, "$ref"),
                format!(
                    "dangling or unsupported parameter $ref `{reference}`: {}",
                    expected_here(reference, "a parameter")
                ),
            )),
        }
    }

    /// A request body, following a `$ref` into `#/components/requestBodies`.
    pub(super) fn request_body<'b>(
        &self,
        body: &'b ReferenceOr<RequestBody>,
        pointer: &str,
    ) -> Result<&'b RequestBody>
    where
        'a: 'b,
    {
        match body {
            ReferenceOr::Item(body) => Ok(body),
            ReferenceOr::Reference { reference } => {
                if crate::load::deep_ref(reference) {
                    if let Some(body) = self.deep.request_bodies.get(reference) {
                        return Ok(body);
                    }
                }
                let found = component_name(reference, "requestBodies")
                    .and_then(|name| self.doc.components.as_ref()?.request_bodies.get(&name));
                match found {
                    Some(ReferenceOr::Item(body)) => Ok(body),
                    _ => Err(self.error(
                        pointer_push(pointer, "$ref"),
                        format!(
                            "dangling or unsupported request body $ref `{reference}`: {}",
                            expected_here(reference, "a request body")
                        ),
                    )),
                }
            }
        }
    }

    /// The request body's properties, and how the body is encoded: JSON
    /// if the body offers it, else a URL-encoded form, else multipart.
    fn body_fields(
        &mut self,
        body: &ReferenceOr<RequestBody>,
        owner: &str,
        pointer: &str,
    ) -> Result<(ParamsLocation, Vec<Field>, Option<String>)> {
        let body = self.request_body(body, pointer)?;
        let content_pointer = pointer_push(pointer, "content");
        let pick = |wanted: &dyn Fn(&str) -> bool| {
            body.content
                .iter()
                .find(|(media, _)| wanted(&media_essence(media)))
        };
        let chosen = pick(&is_json_media)
            .map(|m| (ParamsLocation::Body, m))
            .or_else(|| {
                pick(&|m| m == "application/x-www-form-urlencoded")
                    .map(|m| (ParamsLocation::Form, m))
            })
            .or_else(|| {
                pick(&|m| m == "multipart/form-data").map(|m| (ParamsLocation::Multipart, m))
            });
        let Some((location, (media_name, media))) = chosen else {
            // Any other media type: the body as it is, text or bytes.
            let Some(media) = body.content.keys().next() else {
                return Ok((ParamsLocation::Body, Vec::new(), None));
            };
            let essence = media_essence(media);
            let (ty, content_type) = match essence.split_once('/') {
                Some(("text", "*")) => (TypeRef::String, "text/plain".to_string()),
                Some(("text", _)) => (TypeRef::String, media.clone()),
                Some((kind, sub)) if kind != "*" && sub != "*" => (TypeRef::Bytes, media.clone()),
                _ => (TypeRef::Bytes, "application/octet-stream".to_string()),
            };
            let field = whole_body(ty, body.required, body.description.clone());
            return Ok((ParamsLocation::Raw, vec![field], Some(content_type)));
        };
        let schema_pointer = pointer_push(&pointer_push(&content_pointer, media_name), "schema");
        let Some(schema_ref) = &media.schema else {
            return Ok((location, Vec::new(), None));
        };
        let schema = self.resolve(SchemaRef::of(schema_ref), &schema_pointer)?;
        // A JSON body that is not an object (a list, a string, a union with
        // such variants, a map) is sent whole, as the `body` parameter.
        let shape = match self.object_shape(schema, &schema_pointer) {
            Ok(shape) if !is_map(schema) || !shape.properties.is_empty() => shape,
            Ok(_) | Err(_) if location == ParamsLocation::Body => {
                let hint = format!("{owner}_body");
                let ty = self.type_of(SchemaRef::of(schema_ref), &hint, &schema_pointer)?;
                let mut field = whole_body(ty, body.required, body.description.clone());
                field.nullable = schema.schema_data.nullable;
                return Ok((location, vec![field], None));
            }
            Ok(shape) => shape,
            // A form that is not an object is its encoded text, sent as
            // it is.
            Err(_) if location == ParamsLocation::Form => {
                let field = whole_body(TypeRef::String, body.required, body.description.clone());
                return Ok((ParamsLocation::Raw, vec![field], Some(media_name.clone())));
            }
            Err(_) => {
                return Err(self.error(
                    schema_pointer,
                    "a `multipart/form-data` body must be an object, whose properties name \
                     its parts"
                        .into(),
                ))
            }
        };
        let properties = shape.properties.iter().map(|(k, v)| (k, *v));
        let mut fields = self.fields(owner, properties, &shape.required, &schema_pointer)?;
        if location == ParamsLocation::Multipart {
            // `format: binary` properties (or lists of them) are file parts.
            let properties_pointer = pointer_push(&schema_pointer, "properties");
            for (field, (name, &property)) in fields.iter_mut().zip(&shape.properties) {
                let at = pointer_push(&properties_pointer, name);
                let property = self.resolve(SchemaRef::of_boxed(property), &at)?;
                if is_binary(property) {
                    field.ty = TypeRef::Binary;
                } else if let openapiv3::SchemaKind::Type(openapiv3::Type::Array(array)) =
                    &property.schema_kind
                {
                    if let Some(items) = &array.items {
                        let items =
                            self.resolve(SchemaRef::of_boxed(items), &pointer_push(&at, "items"))?;
                        if is_binary(items) {
                            field.ty = TypeRef::Array(Box::new(TypeRef::Binary));
                        }
                    }
                }
            }
        }
        Ok((location, fields, None))
    }

    /// Whether the first success response declares a `Link` header.
    pub(super) fn declares_link_header(&self, op: &OaOperation, pointer: &str) -> bool {
        let success = op
            .responses
            .responses
            .iter()
            .find(|(code, _)| is_success(code));
        let Some((code, response)) = success else {
            return false;
        };
        let at = pointer_push(&pointer_push(pointer, "responses"), &code.to_string());
        self.response_component(response, &at)
            .is_ok_and(|r| r.headers.keys().any(|h| h.eq_ignore_ascii_case("link")))
    }

    /// The success response, unwrapped by the envelope's key when the
    /// conventions declare one; and which declared cursor rule (by index)
    /// finds its cursor in the body.
    pub(super) fn response(
        &mut self,
        op: &OaOperation,
        owner: &str,
        pointer: &str,
    ) -> Result<(Response, Option<usize>)> {
        let envelope = self.conventions.envelope.clone().unwrap_or_default();
        let key_extension = envelope.key_extension.as_deref().unwrap_or_default();
        let fixed = envelope.key.map(Value::String);
        let key = op.extensions.get(key_extension).or(fixed.as_ref());
        if matches!(key, Some(Value::Null)) {
            return Ok((
                Response {
                    key: None,
                    ty: None,
                    body: ResponseBody::Json,
                },
                None,
            ));
        }
        let success = op
            .responses
            .responses
            .iter()
            .find(|(code, _)| is_success(code));
        let Some((code, response)) = success else {
            return Ok((
                Response {
                    key: None,
                    ty: None,
                    body: ResponseBody::Json,
                },
                None,
            ));
        };
        let response_pointer = pointer_push(&pointer_push(pointer, "responses"), &code.to_string());
        let others = op
            .responses
            .responses
            .keys()
            .filter(|c| *c != code && is_success(c));
        for other in others {
            self.warnings.push(Warning {
                pointer: pointer_push(&pointer_push(pointer, "responses"), &other.to_string()),
                message: format!(
                    "only the first success response (`{code}`) is typed; this one is read as it"
                ),
            });
        }
        let response = self.response_component(response, &response_pointer)?;
        // JSON (`application/json`, or a `+json` media type) if offered;
        // else text or bytes.
        let json = response
            .content
            .iter()
            .find(|(media, _)| is_json_media(media));
        let Some((media, schema)) = json_schema(response) else {
            let body = match response.content.keys().next() {
                _ if json.is_some() => None,
                Some(media) if media.starts_with("text/") => Some(ResponseBody::Text),
                Some(_) => Some(ResponseBody::Bytes),
                None => None,
            };
            return Ok((
                Response {
                    key: None,
                    ty: None,
                    body: body.unwrap_or_default(),
                },
                None,
            ));
        };
        let schema_pointer = pointer_push(
            &pointer_push(&pointer_push(&response_pointer, "content"), media),
            "schema",
        );
        let pages = self.cursor_rule_in(schema, &schema_pointer)?;
        match key {
            Some(Value::String(key)) => {
                let body = self.resolve(SchemaRef::of(schema), &schema_pointer)?;
                let shape = self.object_shape(body, &schema_pointer)?;
                let Some(property) = shape.properties.get(key) else {
                    // A fixed key unwraps only the bodies that have it.
                    if fixed.is_some() && !op.extensions.contains_key(key_extension) {
                        return self.whole_response(schema, owner, &schema_pointer, pages);
                    }
                    return Err(self.error(
                        schema_pointer,
                        format!(
                            "{key_extension} `{key}` names no property of the success response"
                        ),
                    ));
                };
                let ty = self.type_of(
                    SchemaRef::of_boxed(property),
                    &format!("{owner}_{key}"),
                    &pointer_push(&pointer_push(&schema_pointer, "properties"), key),
                )?;
                Ok((
                    Response {
                        key: Some(key.clone()),
                        ty: Some(ty),
                        body: ResponseBody::Json,
                    },
                    pages,
                ))
            }
            Some(_) => Err(self.error(
                pointer_push(pointer, key_extension),
                format!("{key_extension} must be a string or null"),
            )),
            None => self.whole_response(schema, owner, &schema_pointer, pages),
        }
    }

    /// A JSON success body returned whole.
    fn whole_response(
        &mut self,
        schema: &ReferenceOr<openapiv3::Schema>,
        owner: &str,
        schema_pointer: &str,
        pages: Option<usize>,
    ) -> Result<(Response, Option<usize>)> {
        let ty = self.type_of(
            SchemaRef::of(schema),
            &format!("{owner}_response"),
            schema_pointer,
        )?;
        Ok((
            Response {
                key: None,
                ty: Some(ty),
                body: ResponseBody::Json,
            },
            pages,
        ))
    }

    /// The first declared cursor rule whose cursor path the body schema
    /// has (properties followed through objects).
    fn cursor_rule_in(
        &self,
        schema: &ReferenceOr<openapiv3::Schema>,
        pointer: &str,
    ) -> Result<Option<usize>> {
        let rules = &self.conventions.pagination.cursor;
        'rules: for (index, rule) in rules.iter().enumerate() {
            let mut at = SchemaRef::of(schema);
            let mut at_pointer = pointer.to_string();
            for name in rule.cursor.split('.') {
                let Ok(resolved) = self.resolve(at, &at_pointer) else {
                    continue 'rules;
                };
                let Ok(shape) = self.object_shape(resolved, &at_pointer) else {
                    continue 'rules;
                };
                let Some(property) = shape.properties.get(name) else {
                    continue 'rules;
                };
                at_pointer = pointer_push(&pointer_push(&at_pointer, "properties"), name);
                at = SchemaRef::of_boxed(property);
            }
            return Ok(Some(index));
        }
        Ok(None)
    }
}

impl<'a> Lowerer<'a> {
    /// The error responses whose body is JSON with a schema, most specific
    /// status first. Error responses without such a body stay untyped.
    pub(super) fn errors(
        &mut self,
        op: &OaOperation,
        owner: &str,
        pointer: &str,
    ) -> Result<Vec<ErrorResponse>> {
        let responses_pointer = pointer_push(pointer, "responses");
        let declared = op.responses.responses.iter().map(|(code, response)| {
            let status = match code {
                StatusCode::Code(c) => ErrorStatus::Code(*c),
                StatusCode::Range(r) => ErrorStatus::Range(*r),
            };
            (status, code.to_string(), response)
        });
        let default = op
            .responses
            .default
            .iter()
            .map(|response| (ErrorStatus::Default, "default".to_string(), response));
        let mut errors = Vec::new();
        for (status, code, response) in declared.chain(default) {
            if matches!(status, ErrorStatus::Code(200..=299) | ErrorStatus::Range(2)) {
                continue;
            }
            let at = pointer_push(&responses_pointer, &code);
            let response = self.response_component(response, &at)?;
            let Some((media, schema)) = json_schema(response) else {
                continue;
            };
            let schema_pointer = pointer_push(
                &pointer_push(&pointer_push(&at, "content"), media),
                "schema",
            );
            let hint = format!("{owner}_{}", naming::status_name(status));
            let ty = self.type_of(SchemaRef::of(schema), &hint, &schema_pointer)?;
            let description = Some(response.description.trim())
                .filter(|d| !d.is_empty())
                .map(str::to_string);
            errors.push(ErrorResponse {
                status,
                description,
                ty,
            });
        }
        errors.sort_by_key(|e| e.status);
        Ok(errors)
    }

    /// A response, or the `components/responses` entry it refers to.
    fn response_component(
        &self,
        response: &'a ReferenceOr<OaResponse>,
        pointer: &str,
    ) -> Result<&'a OaResponse> {
        match response {
            ReferenceOr::Item(r) => Ok(r),
            ReferenceOr::Reference { reference } => {
                if crate::load::deep_ref(reference) {
                    if let Some(response) = self.deep.responses.get(reference) {
                        return Ok(response);
                    }
                }
                let found = component_name(reference, "responses")
                    .and_then(|name| self.doc.components.as_ref()?.responses.get(&name));
                match found {
                    Some(ReferenceOr::Item(r)) => Ok(r),
                    _ => Err(self.error(
                        pointer_push(pointer, "$ref"),
                        format!(
                            "dangling or unsupported response $ref `{reference}`: {}",
                            expected_here(reference, "a response")
                        ),
                    )),
                }
            }
        }
    }
}

/// The JSON media type of a response (`application/json`, or a `+json`
/// one) and its schema, if it has both.
fn json_schema(response: &OaResponse) -> Option<(&String, &ReferenceOr<openapiv3::Schema>)> {
    let (media, content) = response
        .content
        .iter()
        .find(|(media, _)| is_json_media(media))?;
    Some((media, content.schema.as_ref()?))
}

/// `type: string, format: binary`.
fn is_binary(schema: &openapiv3::Schema) -> bool {
    matches!(
        &schema.schema_kind,
        openapiv3::SchemaKind::Type(openapiv3::Type::String(s))
            if matches!(&s.format, openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary))
    )
}

/// A media type without its parameters, lowercased: `Application/JSON;
/// charset=utf-8` → `application/json`.
fn media_essence(media: &str) -> String {
    media
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// `application/json` and the `+json` media types (`application/problem+json`).
pub(super) fn is_json_media(media: &str) -> bool {
    let essence = media_essence(media);
    essence == "application/json" || essence.ends_with("+json")
}

/// A `2XX` status code or range.
fn is_success(code: &StatusCode) -> bool {
    match code {
        StatusCode::Code(c) => (200..300).contains(c),
        StatusCode::Range(r) => *r == 2,
    }
}

/// The parameters of an operation, and where they travel.
pub(super) struct Params {
    pub location: ParamsLocation,
    pub fields: Vec<Field>,
    /// The content type of a raw body.
    pub body_media: Option<String>,
}

/// The `body` parameter of an operation that sends its body whole.
fn whole_body(ty: TypeRef, required: bool, description: Option<String>) -> Field {
    let mut body = Field::plain("body", "body", ty, required);
    body.docs.description = description;
    body.elsewhere = Some(ParamIn::Body);
    body
}

/// An object schema with no properties but `additionalProperties`: a map.
fn is_map(schema: &openapiv3::Schema) -> bool {
    match &schema.schema_kind {
        openapiv3::SchemaKind::Type(openapiv3::Type::Object(o)) => {
            o.properties.is_empty()
                && matches!(
                    o.additional_properties,
                    Some(openapiv3::AdditionalProperties::Schema(_))
                        | Some(openapiv3::AdditionalProperties::Any(true))
                )
        }
        _ => false,
    }
}
