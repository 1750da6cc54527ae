//! Cursor pagination: list operations page by page, or as streams.

use std::marker::PhantomData;

use futures_core::Stream;
use futures_util::stream::{self, TryStreamExt};
use serde::de::{DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::client::Client;
use crate::error::{DecodeError, Error, ValidationError};
use crate::http::Endpoint;

/// One page of a list operation.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Whether another page follows.
    pub has_next_page: bool,
    /// Where the next page starts; pass it to the operation's
    /// `page_cursor` to continue later, or to [`Paginator::page_after`].
    pub next_page_cursor: Option<String>,
}

/// Walks a list operation's pages. Get one from the request's
/// `paginate()`; each page is fetched with the same parameters and
/// the previous page's cursor.
///
/// [`pages`](Self::pages) and [`items`](Self::items) are
/// [`Stream`]s: read them with `futures_util::TryStreamExt::try_next`
/// or any other stream combinator.
#[must_use = "a paginator does nothing until a page is requested"]
pub struct Paginator<P, T> {
    client: Client,
    endpoint: &'static Endpoint,
    params: Result<P, ValidationError>,
    set_cursor: fn(&mut P, String),
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
        set_cursor: fn(&mut P, String),
    ) -> Self {
        Paginator {
            client,
            endpoint,
            params,
            set_cursor,
            item: PhantomData,
        }
    }

    /// The first page.
    pub async fn first_page(&self) -> Result<Page<T>, Error> {
        self.fetch(None).await
    }

    /// The page that starts at `cursor` (a page's `next_page_cursor`).
    pub async fn page_after(&self, cursor: impl Into<String>) -> Result<Page<T>, Error> {
        self.fetch(Some(cursor.into())).await
    }

    async fn fetch(&self, cursor: Option<String>) -> Result<Page<T>, Error> {
        let mut params = self.params.clone()?;
        if let Some(cursor) = cursor {
            (self.set_cursor)(&mut params, cursor);
        }
        let body = self.client.call(self.endpoint, &params).await?;
        decode_page(&body, self.endpoint.key.unwrap_or_default())
    }

    /// Every page, first to last, fetched as the stream is read.
    pub fn pages(self) -> PaginatedStream<Page<T>> {
        // State: the cursor of the next page to fetch; `None` once done.
        PaginatedStream::new(stream::try_unfold(
            (self, Some(None)),
            |(this, next)| async move {
                let Some(cursor) = next else {
                    return Ok(None);
                };
                let page = this.fetch(cursor.clone()).await?;
                let next = match (&page.next_page_cursor, page.has_next_page) {
                    (Some(next), true) if cursor.as_ref() == Some(next) => {
                        return Err(DecodeError::new(
                            "pagination.next_page_cursor",
                            "the same cursor again, which would never end",
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

/// The items under `key` and the `pagination` beside them; an error keeps
/// the body.
fn decode_page<T: DeserializeOwned>(body: &[u8], key: &str) -> Result<Page<T>, Error> {
    read_page(body, key).map_err(|e| crate::http::with_body(e, body))
}

fn read_page<T: DeserializeOwned>(body: &[u8], key: &str) -> Result<Page<T>, Error> {
    let seed = || PageSeed {
        key,
        items: PhantomData::<T>,
    };
    let missing = |key: &str| DecodeError::new(key, crate::codec::MISSING);
    let (items, pagination) = crate::codec::decode_with(body, seed)?;
    let items = items.ok_or_else(|| missing(key))?;
    let pagination = pagination.ok_or_else(|| missing("pagination"))?;
    Ok(Page {
        items,
        has_next_page: pagination.has_next_page,
        next_page_cursor: pagination.next_page_cursor,
    })
}

#[derive(serde::Deserialize)]
struct Pagination {
    #[serde(default)]
    has_next_page: bool,
    #[serde(default)]
    next_page_cursor: Option<String>,
}

/// Reads a page's items, under `key`, and its `pagination` in one pass.
struct PageSeed<'k, T> {
    key: &'k str,
    items: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for PageSeed<'_, T> {
    type Value = (Option<Vec<T>>, Option<Pagination>);

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for PageSeed<'_, T> {
    type Value = (Option<Vec<T>>, Option<Pagination>);

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut items, mut pagination) = (None, None);
        while let Some(name) = map.next_key::<crate::codec::Key<'de>>()? {
            match name.as_str() {
                name if name == self.key => items = Some(map.next_value()?),
                "pagination" => pagination = Some(map.next_value()?),
                _ => map.next_value::<IgnoredAny>().map(drop)?,
            }
        }
        Ok((items, pagination))
    }
}
