//! Pagination: list operations page by page, or as streams, whichever way
//! the API links its pages (a cursor, the next page's URL in the body or
//! in a `Link` header, the last item's ID, or page numbers).

use std::marker::PhantomData;

use futures_core::Stream;
use futures_util::stream::{self, TryStreamExt};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde::{Deserialize, Deserializer, Serialize};

use crate::client::Client;
use crate::error::{DecodeError, Error, ValidationError};
use crate::http::{Endpoint, Parts};

/// One page of a list operation.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Whether another page follows.
    pub has_next_page: bool,
    /// Where the next page starts (a cursor, a URL or a page number, as the
    /// API links its pages): pass it to [`Paginator::page_after`] to
    /// continue later.
    pub next_page_cursor: Option<String>,
}

/// How a list operation's pages follow one another.
#[derive(Debug)]
pub(crate) struct PageRule {
    /// Where the items are: property names from the top of the body; none
    /// when the body is the list.
    pub(crate) items: &'static [&'static str],
    pub(crate) next: Next,
}

/// What leads from one page to the next.
#[derive(Debug)]
// Variants go unused when no operation of a crate pages that way.
#[allow(dead_code)]
pub(crate) enum Next {
    /// A value in the body, at `cursor`, sent back as the cursor parameter;
    /// another page follows while the boolean at `has_more` (when given)
    /// is true and there is a cursor.
    Cursor {
        cursor: &'static [&'static str],
        has_more: Option<&'static [&'static str]>,
    },
    /// The `id` of the page's last item, sent back as the parameter
    /// (`starting_after`); another page follows while `has_more` is true.
    AfterLastItem {
        id: &'static str,
        has_more: &'static [&'static str],
    },
    /// The next page's URL, in the body at this path.
    Url { url: &'static [&'static str] },
    /// The next page's URL, in the `Link` header as `rel="next"` (RFC 8288).
    LinkHeader,
    /// Page numbers, counted from `first`; the pages end with an empty one.
    PageNumber { first: u64 },
}

impl Next {
    fn follows_urls(&self) -> bool {
        matches!(self, Next::Url { .. } | Next::LinkHeader)
    }
}

impl PageRule {
    /// Where a page says what the next one is, for errors.
    fn link_source(&self) -> String {
        match &self.next {
            Next::Cursor { cursor: at, .. } | Next::Url { url: at } => at.join("."),
            Next::AfterLastItem { id, .. } => match self.items {
                [] => format!("[-1].{id}"),
                items => format!("{}[-1].{id}", items.join(".")),
            },
            Next::LinkHeader => "Link header".into(),
            Next::PageNumber { .. } => "page number".into(),
        }
    }
}

/// Walks a list operation's pages. Get one from the request's
/// `paginate()`; each page is fetched with the same parameters and
/// what the previous page said of the next.
///
/// [`pages`](Self::pages) and [`items`](Self::items) are
/// [`Stream`]s: read them with `futures_util::TryStreamExt::try_next`
/// or any other stream combinator.
#[must_use = "a paginator does nothing until a page is requested"]
pub struct Paginator<P, T> {
    client: Client,
    endpoint: &'static Endpoint,
    params: Result<P, ValidationError>,
    rule: &'static PageRule,
    set_cursor: fn(&mut P, &str),
    parts: fn(&P) -> Parts,
    item: PhantomData<fn() -> T>,
}

impl<P, T> std::fmt::Debug for Paginator<P, T>
where
    P: std::fmt::Debug,
{
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Paginator")
            .field("path", &self.endpoint.path)
            .field("params", &self.params)
            .finish_non_exhaustive()
    }
}

// Unused when features switch off every list operation.
#[allow(dead_code)]
impl<P, T> Paginator<P, T>
where
    P: Serialize + Clone + Send + Sync + 'static,
    T: DeserializeOwned + Send + 'static,
{
    pub(crate) fn new(
        client: Client,
        endpoint: &'static Endpoint,
        params: Result<P, ValidationError>,
        rule: &'static PageRule,
        set_cursor: fn(&mut P, &str),
        parts: fn(&P) -> Parts,
    ) -> Self {
        Paginator {
            client,
            endpoint,
            params,
            rule,
            set_cursor,
            parts,
            item: PhantomData,
        }
    }

    /// The first page.
    pub async fn first_page(&self) -> Result<Page<T>, Error> {
        self.fetch(None).await
    }

    /// The page that starts at `cursor` (a page's `next_page_cursor`).
    pub async fn page_after(&self, cursor: impl Into<String>) -> Result<Page<T>, Error> {
        self.fetch(Some(&cursor.into())).await
    }

    async fn fetch(&self, cursor: Option<&str>) -> Result<Page<T>, Error> {
        let mut params = self.params.clone()?;
        let (body, headers) = match cursor {
            Some(url) if self.rule.next.follows_urls() => {
                // The URL holds every parameter of the query.
                let mut parts = (self.parts)(&params);
                parts.path = Some(path_on(self.client.endpoint(), url)?);
                parts.query.clear();
                let none = serde_json::Map::new();
                self.client
                    .call_for_headers(self.endpoint, &parts, &none)
                    .await?
            }
            _ => {
                if let Some(cursor) = cursor {
                    (self.set_cursor)(&mut params, cursor);
                }
                let parts = (self.parts)(&params);
                self.client
                    .call_for_headers(self.endpoint, &parts, &params)
                    .await?
            }
        };
        read_page(&body, &headers, self.rule, cursor).map_err(|e| crate::http::with_body(e, &body))
    }

    /// Every page, first to last, fetched as the stream is read.
    pub fn pages(self) -> PaginatedStream<Page<T>> {
        // State: the cursor of the next page to fetch; `None` once done.
        PaginatedStream::new(stream::try_unfold(
            (self, Some(None)),
            |(this, next): (Self, Option<Option<String>>)| async move {
                let Some(cursor) = next else {
                    return Ok(None);
                };
                let page = this.fetch(cursor.as_deref()).await?;
                let next = match (&page.next_page_cursor, page.has_next_page) {
                    (Some(next), true) if cursor.as_ref() == Some(next) => {
                        return Err(DecodeError::new(
                            this.rule.link_source(),
                            "the page names itself as the next one, which would never end",
                        )
                        .into());
                    }
                    (Some(next), true) => Some(Some(next.clone())),
                    _ => None,
                };
                Ok(Some((page, (this, next))))
            },
        ))
    }

    /// Every item of every page, fetching pages as the stream is read.
    pub fn items(self) -> PaginatedStream<T> {
        PaginatedStream::new(
            self.pages()
                .map_ok(|page| stream::iter(page.items.into_iter().map(Ok)))
                .try_flatten(),
        )
    }

    /// Every item of every page, collected.
    pub async fn all_items(self) -> Result<Vec<T>, Error> {
        self.items().try_collect().await
    }
}

/// The pages or items of a [`Paginator`], fetched as the stream is read.
/// It is `Unpin`, so it can be read in place:
/// `while let Some(item) = stream.try_next().await? { … }`.
#[must_use = "a stream does nothing until it is read"]
pub struct PaginatedStream<T> {
    inner: std::pin::Pin<Box<dyn Stream<Item = Result<T, Error>> + Send>>,
}

impl<T> PaginatedStream<T> {
    fn new(stream: impl Stream<Item = Result<T, Error>> + Send + 'static) -> Self {
        PaginatedStream {
            inner: Box::pin(stream),
        }
    }
}

impl<T> Stream for PaginatedStream<T> {
    type Item = Result<T, Error>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl<T> std::fmt::Debug for PaginatedStream<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PaginatedStream").finish_non_exhaustive()
    }
}

/// The `set_cursor` of [`Paginator::new`] for pages that name the next
/// one themselves (a URL, a link header): no parameter carries a cursor.
#[allow(dead_code)]
pub(crate) fn no_cursor<P>(_: &mut P, _: &str) {}

/// A page: its items, and what it says of the next one. `cursor` is what
/// this page was fetched with.
pub(crate) fn read_page<T: DeserializeOwned>(
    body: &[u8],
    headers: &reqwest::header::HeaderMap,
    rule: &PageRule,
    cursor: Option<&str>,
) -> Result<Page<T>, Error> {
    let items: Vec<T> = find(body, rule.items)?
        .ok_or_else(|| DecodeError::new(rule.items.join("."), crate::codec::MISSING))?;
    let next = match &rule.next {
        Next::Cursor { cursor, has_more } => {
            let next = find::<Scalar>(body, cursor)?.and_then(Scalar::into_text);
            let more = match has_more {
                Some(at) => find::<Option<bool>>(body, at)?.flatten().unwrap_or(false),
                None => true,
            };
            next.filter(|_| more)
        }
        Next::AfterLastItem { id, has_more } => {
            let more = find::<Option<bool>>(body, has_more)?
                .flatten()
                .unwrap_or(false);
            match more {
                true => last_id(body, rule.items, id)?,
                false => None,
            }
        }
        Next::Url { url } => find::<Scalar>(body, url)?.and_then(Scalar::into_text),
        Next::LinkHeader => headers
            .get_all(reqwest::header::LINK)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .find_map(next_link),
        Next::PageNumber { first } => {
            let this = match cursor {
                Some(number) => number.parse::<u64>().map_err(|_| {
                    DecodeError::new("", format!("`{number}` is not a page number"))
                })?,
                None => *first,
            };
            (!items.is_empty()).then(|| (this + 1).to_string())
        }
    };
    Ok(Page {
        items,
        has_next_page: next.is_some(),
        next_page_cursor: next,
    })
}

/// The value at `path` in the JSON `body`, `None` when some part of the
/// path is missing or `null`.
fn find<T: DeserializeOwned>(
    body: &[u8],
    path: &'static [&'static str],
) -> Result<Option<T>, Error> {
    let seed = || At {
        path,
        value: PhantomData::<T>,
    };
    Ok(crate::codec::decode_with(body, seed)?)
}

/// The `id` of the last item of the list at `items`, as text.
fn last_id(
    body: &[u8],
    items: &'static [&'static str],
    id: &'static str,
) -> Result<Option<String>, Error> {
    let seed = || At {
        path: items,
        value: PhantomData::<LastId>,
    };
    let Some(LastId(last)) = crate::codec::decode_with(body, seed)? else {
        return Ok(None);
    };
    Ok(last
        .map(|raw| {
            let item: &[u8] = raw.get().as_bytes();
            let seed = || Key {
                key: id,
                value: PhantomData::<Scalar>,
            };
            crate::codec::decode_with(item, seed)
        })
        .transpose()?
        .flatten()
        .and_then(Scalar::into_text))
}

/// The URL of `rel="next"` in a `Link` header's value (RFC 8288):
/// `<https://api.example.com/items?page=2>; rel="next", <…>; rel="last"`.
pub(crate) fn next_link(value: &str) -> Option<String> {
    let mut rest = value;
    loop {
        let start = rest.find('<')?;
        let end = start + rest[start..].find('>')?;
        let url = &rest[start + 1..end];
        let params_end = rest[end..].find('<').map_or(rest.len(), |i| end + i);
        // The link's parameters, without the comma before the next link.
        let params = rest[end + 1..params_end].trim_end().trim_end_matches(',');
        let is_next = params.split(';').any(|param| {
            let Some((name, value)) = param.split_once('=') else {
                return false;
            };
            name.trim().eq_ignore_ascii_case("rel")
                && value
                    .trim()
                    .trim_matches('"')
                    .split_ascii_whitespace()
                    .any(|rel| rel.eq_ignore_ascii_case("next"))
        });
        if is_next {
            return Some(url.to_string());
        }
        rest = &rest[params_end..];
    }
}

/// The part of `url` after the client's endpoint, for a URL the server gave
/// (absolute, or relative to the endpoint). Credentials go only to the
/// endpoint the client was built for, so a URL elsewhere is an error.
pub(crate) fn path_on(endpoint: &str, url: &str) -> Result<String, Error> {
    let elsewhere = || {
        Error::Decode(DecodeError::new(
            "",
            format!("the next page's URL `{url}` is not on the API's endpoint `{endpoint}`"),
        ))
    };
    let base = reqwest::Url::parse(endpoint).map_err(|_| elsewhere())?;
    let full = base.join(url).map_err(|_| elsewhere())?;
    let prefix = endpoint.trim_end_matches('/');
    match full.as_str().strip_prefix(prefix) {
        Some(rest) if rest.is_empty() || rest.starts_with(['/', '?']) => Ok(rest.to_string()),
        _ => Err(elsewhere()),
    }
}

/// A cursor or ID as the body gives it: text or a number.
#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Integer(i64),
    Number(f64),
    Null(()),
}

impl Scalar {
    fn into_text(self) -> Option<String> {
        match self {
            Scalar::Text(text) if text.is_empty() => None,
            Scalar::Text(text) => Some(text),
            Scalar::Integer(n) => Some(n.to_string()),
            Scalar::Number(n) => Some(n.to_string()),
            Scalar::Null(()) => None,
        }
    }
}

/// The last element of a list, undecoded.
struct LastId(Option<Box<serde_json::value::RawValue>>);

impl<'de> Deserialize<'de> for LastId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Last;
        impl<'de> Visitor<'de> for Last {
            type Value = LastId;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<LastId, A::Error> {
                let mut last = None;
                while let Some(item) = seq.next_element::<Box<serde_json::value::RawValue>>()? {
                    last = Some(item);
                }
                Ok(LastId(last))
            }
        }
        deserializer.deserialize_seq(Last)
    }
}

/// Reads the value at `path`, skipping everything else; `None` where the
/// path ends early (a missing property, `null`).
struct At<T> {
    path: &'static [&'static str],
    value: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for At<T> {
    type Value = Option<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        match self.path {
            [] => T::deserialize(deserializer).map(Some),
            _ => deserializer.deserialize_option(self),
        }
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for At<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object")
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        deserializer.deserialize_any(self)
    }

    // Not an object: the path ends here.
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<T>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<T>, A::Error> {
        let (first, rest) = match self.path {
            [first, rest @ ..] => (*first, rest),
            [] => return Err(de::Error::custom("no path to read")),
        };
        let mut found = None;
        while let Some(name) = map.next_key::<crate::codec::Key<'de>>()? {
            match name.as_str() == first {
                true => {
                    found = map.next_value_seed(At {
                        path: rest,
                        value: PhantomData::<T>,
                    })?
                }
                false => map.next_value::<IgnoredAny>().map(drop)?,
            }
        }
        Ok(found)
    }
}

/// Reads the property `key` of an object, skipping the rest.
struct Key<T> {
    key: &'static str,
    value: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Key<T> {
    type Value = Option<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Key<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<T>, A::Error> {
        let mut found = None;
        while let Some(name) = map.next_key::<crate::codec::Key<'de>>()? {
            match name.as_str() == self.key {
                true => found = Some(map.next_value()?),
                false => map.next_value::<IgnoredAny>().map(drop)?,
            }
        }
        Ok(found)
    }
}
