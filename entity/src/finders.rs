//! Lookups that need more than comparing a column with a value.

use sea_orm::entity::prelude::*;
use sea_orm::sea_query::{Expr, ExprTrait, Func};

use crate::generated::users;

impl users::Entity {
    /// Finds the user whose email equals `email` ignoring case, on both backends.
    ///
    /// Both sides go through the database's `lower()`, so the comparison matches the unique
    /// index `uq_users_email` on `lower(email)` exactly (and uses it).
    pub fn find_by_email(email: &str) -> Select<users::Entity> {
        users::Entity::find().filter(
            Expr::expr(Func::lower(Expr::col((
                users::Entity,
                users::Column::Email,
            ))))
            .eq(Func::lower(Expr::val(email))),
        )
    }

    /// Finds the user with exactly this username (usernames are case-sensitive).
    pub fn find_by_username(username: &str) -> Select<users::Entity> {
        users::Entity::find().filter(users::Column::Username.eq(username))
    }
}
