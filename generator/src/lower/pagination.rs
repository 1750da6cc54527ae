//! Which list operations page, and how: recognised from what the spec
//! declares, with no configuration, wherever the shape is unambiguous.
//!
//! A list operation answers with a list, or with an object that holds one
//! (the only list among its properties, or one called `data`, `items`,
//! `results`, …). Its pages are linked, in order of preference, by:
//!
//! 1. a `Link` header the success response declares (GitHub), for `GET`;
//! 2. a cursor: a parameter such as `cursor`, `page_token` or
//!    `page_cursor` matched by a response property named for the next one
//!    (`next_cursor`, `nextPageToken`, `pagination.next_page_cursor`),
//!    with a `has_more`-like boolean beside it when there is one;
//! 3. `starting_after` with a `has_more` boolean and items that have an
//!    `id` (Stripe);
//! 4. the next page's URL in the body (`next_page_uri`, `next`,
//!    `links.next`, `nextLink`), for `GET` (Twilio);
//! 5. an integer `page` query parameter, counted up until a page is
//!    empty, for `GET`.
//!
//! Properties are looked for at the top of the body and one object down
//! (`meta.next_page_url`, `pagination.next_cursor`).

use crate::ir::{
    Field, HttpMethod, NamedType, NextPage, Pagination, ParamIn, ParamsLocation, Response,
    ResponseBody, TypeKind, TypeRef,
};

/// What the pagination of one operation is recognised from.
pub(super) struct ListOperation<'o> {
    pub method: HttpMethod,
    pub location: ParamsLocation,
    pub params: &'o [Field],
    pub response: &'o Response,
    /// The success response declares a `Link` header.
    pub link_header: bool,
}

/// Parameters that carry a cursor, as compared (lower case, no separators).
const CURSOR_PARAMS: &[&str] = &[
    "cursor",
    "pagecursor",
    "pagetoken",
    "nexttoken",
    "continuationtoken",
    "paginationtoken",
    "startcursor",
    "nextcursor",
    "after",
];

/// Booleans that say another page follows.
const HAS_MORE: &[&str] = &["hasmore", "hasnextpage", "hasnext", "more"];

/// Properties that hold the next page's URL.
const NEXT_URLS: &[&str] = &[
    "nextpageuri",
    "nextpageurl",
    "nexturl",
    "nexturi",
    "nextlink",
    "odatanextlink",
    "next",
];

/// Properties that hold a page's items, when the body has several lists.
const ITEM_LISTS: &[&str] = &[
    "data", "items", "results", "records", "entries", "values", "elements",
];

/// Page number parameters.
const PAGE_PARAMS: &[&str] = &["page", "pagenumber", "pageno", "pagenum"];

/// A name as compared: lower case, letters and digits only.
fn compared(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// How `op` pages, if it does.
pub(super) fn recognise(op: &ListOperation<'_>, types: &[NamedType]) -> Option<Pagination> {
    if op.response.key.is_some() || op.response.body != ResponseBody::Json {
        return None;
    }
    if matches!(
        op.location,
        ParamsLocation::Raw | ParamsLocation::Multipart | ParamsLocation::Form
    ) {
        return None;
    }
    let body = resolve(op.response.ty.as_ref()?, types);
    let (items, item) = items_of(body, types)?;
    let fields = match body {
        TypeRef::Named(name) => fields_of(name, types).unwrap_or(&[]),
        _ => &[],
    };
    let get = op.method == HttpMethod::Get;
    let next = link_header(op, get)
        .or_else(|| cursor(op, fields, types))
        .or_else(|| after_last_item(op, fields, item, types))
        .or_else(|| next_url(fields, types, get))
        .or_else(|| page_number(op, get))?;
    Some(Pagination {
        items,
        item: item.clone(),
        next,
    })
}

fn link_header(op: &ListOperation<'_>, get: bool) -> Option<NextPage> {
    (get && op.link_header).then_some(NextPage::LinkHeader)
}

/// A cursor parameter and the property that gives the next one.
fn cursor(op: &ListOperation<'_>, fields: &[Field], types: &[NamedType]) -> Option<NextPage> {
    op.params
        .iter()
        .filter(|p| p.elsewhere.is_none() || p.elsewhere == Some(ParamIn::Query))
        .filter(|p| is_text(&p.ty, types))
        .find_map(|param| {
            let name = compared(&param.wire_name);
            if !CURSOR_PARAMS.contains(&name.as_str()) {
                return None;
            }
            let core = ["page", "pagination", "start", "next"]
                .iter()
                .find_map(|prefix| name.strip_prefix(prefix).filter(|c| !c.is_empty()))
                .unwrap_or(&name);
            let wanted = [
                format!("next{name}"),
                format!("nextpage{name}"),
                format!("next{core}"),
                format!("nextpage{core}"),
                // `after` pages on to the `endCursor`, as GraphQL's do.
                if core == "after" {
                    "endcursor".into()
                } else {
                    String::new()
                },
            ];
            let (path, siblings) = find_property(fields, types, |f| {
                wanted.contains(&compared(&f.wire_name)) && is_scalar(&f.ty, types)
            })?;
            let has_more = has_more(siblings, types)
                .map(|name| with_last(&path, name))
                .or_else(|| has_more(fields, types).map(|name| vec![name]));
            Some(NextPage::Cursor {
                param: param.wire_name.clone(),
                cursor: path,
                has_more,
            })
        })
}

/// `starting_after` the last item's `id`, while `has_more`.
fn after_last_item(
    op: &ListOperation<'_>,
    fields: &[Field],
    item: &TypeRef,
    types: &[NamedType],
) -> Option<NextPage> {
    let param = op
        .params
        .iter()
        .find(|p| compared(&p.wire_name) == "startingafter" && is_text(&p.ty, types))?;
    let has_more = has_more(fields, types)?;
    let TypeRef::Named(item) = resolve(item, types) else {
        return None;
    };
    let id = fields_of(item, types)?
        .iter()
        .find(|f| f.wire_name == "id" && is_scalar(&f.ty, types))?;
    Some(NextPage::AfterLastItem {
        param: param.wire_name.clone(),
        id: id.wire_name.clone(),
        has_more: vec![has_more],
    })
}

fn next_url(fields: &[Field], types: &[NamedType], get: bool) -> Option<NextPage> {
    if !get {
        return None;
    }
    let (url, _) = find_property(fields, types, |f| {
        NEXT_URLS.contains(&compared(&f.wire_name).as_str()) && is_text(&f.ty, types)
    })?;
    Some(NextPage::Url { url })
}

fn page_number(op: &ListOperation<'_>, get: bool) -> Option<NextPage> {
    if !get {
        return None;
    }
    let param = op.params.iter().find(|p| {
        p.elsewhere.is_none()
            && !p.required
            && p.ty.is_integer()
            && PAGE_PARAMS.contains(&compared(&p.wire_name).as_str())
    })?;
    // Pages count from 1 unless the spec says they start at 0.
    let first = match param.constraints.minimum.as_ref().map(|b| b.value) {
        Some(min) if min <= 0.0 => 0,
        _ => 1,
    };
    let first = match param.default.as_ref().and_then(serde_json::Value::as_u64) {
        Some(default) if default <= 1 => default,
        _ => first,
    };
    Some(NextPage::PageNumber {
        param: param.wire_name.clone(),
        first,
    })
}

/// The item type of the list at `path` (property names) in the response
/// body, for a declared rule that says where the items are.
pub(super) fn item_at(
    response: &Response,
    path: &[String],
    types: &[NamedType],
) -> Option<TypeRef> {
    let mut at = resolve(response.ty.as_ref()?, types);
    for name in path {
        let TypeRef::Named(owner) = at else {
            return None;
        };
        let field = fields_of(owner, types)?
            .iter()
            .find(|f| &f.wire_name == name)?;
        at = resolve(&field.ty, types);
    }
    match at {
        TypeRef::Array(item) => Some((**item).clone()),
        _ => None,
    }
}

/// The list a body holds: the body itself, its only list property, or the
/// one named like a page's items.
fn items_of<'t>(body: &'t TypeRef, types: &'t [NamedType]) -> Option<(Vec<String>, &'t TypeRef)> {
    if let TypeRef::Array(item) = body {
        return Some((Vec::new(), item));
    }
    let TypeRef::Named(name) = body else {
        return None;
    };
    let fields = fields_of(name, types)?;
    let lists: Vec<(&Field, &TypeRef)> = fields
        .iter()
        .filter_map(|f| match resolve(&f.ty, types) {
            TypeRef::Array(item) => Some((f, &**item)),
            _ => None,
        })
        .collect();
    let (field, item) = match lists.as_slice() {
        [only] => *only,
        _ => *lists
            .iter()
            .find(|(f, _)| ITEM_LISTS.contains(&compared(&f.wire_name).as_str()))?,
    };
    Some((vec![field.wire_name.clone()], item))
}

/// The path to the first property `wanted` accepts, at the top of the body
/// or one object down, with the properties beside it.
fn find_property<'t>(
    fields: &'t [Field],
    types: &'t [NamedType],
    wanted: impl Fn(&Field) -> bool,
) -> Option<(Vec<String>, &'t [Field])> {
    if let Some(found) = fields.iter().find(|f| wanted(f)) {
        return Some((vec![found.wire_name.clone()], fields));
    }
    fields.iter().find_map(|outer| {
        let TypeRef::Named(name) = resolve(&outer.ty, types) else {
            return None;
        };
        let inner = fields_of(name, types)?;
        let found = inner.iter().find(|f| wanted(f))?;
        Some((
            vec![outer.wire_name.clone(), found.wire_name.clone()],
            inner,
        ))
    })
}

/// The `has_more`-like boolean among `fields`.
fn has_more(fields: &[Field], types: &[NamedType]) -> Option<String> {
    fields
        .iter()
        .find(|f| {
            HAS_MORE.contains(&compared(&f.wire_name).as_str())
                && *resolve(&f.ty, types) == TypeRef::Bool
        })
        .map(|f| f.wire_name.clone())
}

fn with_last(path: &[String], last: String) -> Vec<String> {
    let mut out = path[..path.len() - 1].to_vec();
    out.push(last);
    out
}

/// The type behind aliases.
fn resolve<'t>(ty: &'t TypeRef, types: &'t [NamedType]) -> &'t TypeRef {
    let mut ty = ty;
    for _ in 0..16 {
        let TypeRef::Named(name) = ty else {
            return ty;
        };
        match types.iter().find(|t| &t.name == name).map(|t| &t.kind) {
            Some(TypeKind::Alias { ty: inner }) => ty = inner,
            _ => return ty,
        }
    }
    ty
}

fn fields_of<'t>(name: &str, types: &'t [NamedType]) -> Option<&'t [Field]> {
    match &types.iter().find(|t| t.name == name)?.kind {
        TypeKind::Struct { fields } => Some(fields),
        _ => None,
    }
}

fn is_text(ty: &TypeRef, types: &[NamedType]) -> bool {
    matches!(resolve(ty, types), TypeRef::String)
}

/// Text or a number: what a cursor or an ID can be.
fn is_scalar(ty: &TypeRef, types: &[NamedType]) -> bool {
    let ty = resolve(ty, types);
    matches!(ty, TypeRef::String | TypeRef::Uuid) || ty.is_integer()
}

#[cfg(test)]
mod tests {
    use crate::ir::{NextPage, Pagination, TypeRef};
    use crate::profile::Profile;

    /// The pagination of the only operation of a spec: `GET /items` with
    /// these parameters and response (YAML flow mappings).
    fn paging(params: &str, response: &str) -> Option<Pagination> {
        paging_of("get", params, response)
    }

    fn paging_of(method: &str, params: &str, response: &str) -> Option<Pagination> {
        let body = format!(
            "paths:\n  /items:\n    {method}:\n      operationId: listItems\n      parameters: {params}\n      responses:\n        '200':\n{response}"
        );
        let api = crate::lower::lower_body(Profile::Generic, &body);
        api.operations[0].pagination.clone()
    }

    fn json(schema: &str) -> String {
        format!(
            "          description: ok\n          content:\n            application/json:\n              schema: {schema}\n"
        )
    }

    fn path(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn a_declared_link_header_pages_a_get() {
        let response = format!(
            "          headers: {{Link: {{schema: {{type: string}}}}}}\n{}",
            json("{type: array, items: {type: string}}")
        );
        let found = paging("[]", &response).unwrap();
        assert_eq!(found.next, NextPage::LinkHeader);
        assert_eq!(found.items, Vec::<String>::new());
        assert_eq!(found.item, TypeRef::String);
    }

    #[test]
    fn a_cursor_parameter_pairs_with_the_next_one_and_has_more_beside_it() {
        let found = paging(
            "[{name: page_token, in: query, schema: {type: string}}]",
            &json(
                "{type: object, properties: {results: {type: array, items: {type: integer}}, \
                 paging: {type: object, properties: {nextPageToken: {type: string}, hasMore: {type: boolean}}}}}",
            ),
        )
        .unwrap();
        assert_eq!(found.items, path(&["results"]));
        assert_eq!(
            found.next,
            NextPage::Cursor {
                param: "page_token".into(),
                cursor: path(&["paging", "nextPageToken"]),
                has_more: Some(path(&["paging", "hasMore"])),
            }
        );
        // Without its partner in the response, the parameter is just a filter.
        let unpaired = paging(
            "[{name: cursor, in: query, schema: {type: string}}]",
            &json("{type: object, properties: {data: {type: array, items: {type: string}}, total: {type: integer}}}"),
        );
        assert_eq!(unpaired, None);
    }

    #[test]
    fn starting_after_needs_has_more_and_items_with_ids() {
        let item = "{type: object, properties: {id: {type: string}}}";
        let schema = format!(
            "{{type: object, properties: {{data: {{type: array, items: {item}}}, has_more: {{type: boolean}}}}}}"
        );
        let found = paging(
            "[{name: starting_after, in: query, schema: {type: string}}]",
            &json(&schema),
        )
        .unwrap();
        assert_eq!(
            found.next,
            NextPage::AfterLastItem {
                param: "starting_after".into(),
                id: "id".into(),
                has_more: path(&["has_more"]),
            }
        );
        let no_ids = paging(
            "[{name: starting_after, in: query, schema: {type: string}}]",
            &json("{type: object, properties: {data: {type: array, items: {type: string}}, has_more: {type: boolean}}}"),
        );
        assert_eq!(no_ids, None);
    }

    #[test]
    fn a_next_url_in_the_body_pages_a_get_only() {
        let schema = "{type: object, properties: {messages: {type: array, items: {type: string}}, \
                      meta: {type: object, properties: {next_page_url: {type: string, nullable: true}}}}}";
        let found = paging("[]", &json(schema)).unwrap();
        assert_eq!(
            found.next,
            NextPage::Url {
                url: path(&["meta", "next_page_url"])
            }
        );
        assert_eq!(paging_of("post", "[]", &json(schema)), None);
    }

    #[test]
    fn an_integer_page_parameter_counts_from_where_the_spec_says() {
        let list = json("{type: array, items: {type: string}}");
        let found = paging("[{name: page, in: query, schema: {type: integer}}]", &list).unwrap();
        assert_eq!(
            found.next,
            NextPage::PageNumber {
                param: "page".into(),
                first: 1
            }
        );
        let from_zero = paging(
            "[{name: pageNumber, in: query, schema: {type: integer, minimum: 0}}]",
            &list,
        )
        .unwrap();
        assert_eq!(
            from_zero.next,
            NextPage::PageNumber {
                param: "pageNumber".into(),
                first: 0
            }
        );
        // A page given as text, or a body that holds no list, is not paged.
        assert_eq!(
            paging("[{name: page, in: query, schema: {type: string}}]", &list),
            None
        );
        assert_eq!(
            paging(
                "[{name: page, in: query, schema: {type: integer}}]",
                &json("{type: object, properties: {a: {type: array, items: {type: string}}, b: {type: array, items: {type: string}}}}")
            ),
            None
        );
    }
}
