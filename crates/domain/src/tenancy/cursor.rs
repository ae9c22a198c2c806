//! Cursor pagination: [`Cursor`] and [`Page`], for [`ScopedSelect::page`](super::ScopedSelect::page).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sea_orm::Order;
use sea_orm::prelude::{DateTimeWithTimeZone, Uuid};
use sea_orm::sea_query::{Condition, ValueType};
use sea_orm::{ColumnTrait, EntityTrait, ModelTrait};

use crate::error::{Error, Result};

/// Where a page ends: the `(created_at, id)` of its last row, as an opaque token for clients.
///
/// [`Display`](std::fmt::Display) gives the token; [`Cursor::parse`] reads it back. A client
/// must not build one; a token that does not parse is a
/// [`Error::Validation`] of field `cursor`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    created_at: DateTimeWithTimeZone,
    id: Uuid,
}

/// The version tag of the token's contents, so the format can change.
const VERSION: &str = "v1";

impl Cursor {
    /// Reads a token a previous [`Page::next`] gave.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] (field `cursor`) when `token` is not one.
    pub fn parse(token: &str) -> Result<Self> {
        let invalid = || {
            Error::validation(
                "cursor",
                "is not a cursor of this list; pass the `next` of the previous page, or none for the first page",
            )
        };
        let bytes = URL_SAFE_NO_PAD.decode(token).map_err(|_| invalid())?;
        let text = String::from_utf8(bytes).map_err(|_| invalid())?;
        let mut parts = text.splitn(3, '|');
        let (Some(VERSION), Some(at), Some(id)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(invalid());
        };
        Ok(Self {
            created_at: DateTimeWithTimeZone::parse_from_rfc3339(at).map_err(|_| invalid())?,
            id: Uuid::parse_str(id).map_err(|_| invalid())?,
        })
    }

    /// The cursor after `row`.
    pub(super) fn of<E: EntityTrait>(
        row: &E::Model,
        created: E::Column,
        id: E::Column,
    ) -> Result<Self> {
        let created_at = <DateTimeWithTimeZone as ValueType>::try_from(row.get(created))
            .map_err(|_| Error::validation("created_at", "is not a timestamp with time zone"))?;
        let id = <Uuid as ValueType>::try_from(row.get(id))
            .map_err(|_| Error::validation("id", "is not a UUID"))?;
        Ok(Self { created_at, id })
    }

    /// The rows after this cursor in `order` (`Desc`, newest first:
    /// `created_at < c OR (created_at = c AND id < i)`; `Asc` the reverse).
    pub(super) fn seek<C: ColumnTrait>(&self, created: C, id: C, order: &Order) -> Condition {
        if matches!(order, Order::Asc) {
            return Condition::any().add(created.gt(self.created_at)).add(
                Condition::all()
                    .add(created.eq(self.created_at))
                    .add(id.gt(self.id)),
            );
        }
        Condition::any().add(created.lt(self.created_at)).add(
            Condition::all()
                .add(created.eq(self.created_at))
                .add(id.lt(self.id)),
        )
    }
}

impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = self
            .created_at
            .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
        f.write_str(&URL_SAFE_NO_PAD.encode(format!("{VERSION}|{at}|{}", self.id)))
    }
}

/// One page of a [`ScopedSelect::page`](super::ScopedSelect::page) list.
#[derive(Debug, Clone)]
pub struct Page<M> {
    /// The rows, in the order of the page (newest first, or oldest first for
    /// [`ScopedSelect::page_oldest_first`](super::ScopedSelect::page_oldest_first)).
    pub rows: Vec<M>,
    /// The cursor of the next page; `None` on the last page.
    pub next: Option<Cursor>,
}
