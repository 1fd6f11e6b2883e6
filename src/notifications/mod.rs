//! Notifications: telling people what happened, in the portal and by
//! e-mail (issue 16).
//!
//! # Writing one: in the transaction of the change
//!
//! An event calls [`notify`] with the transaction that makes the change
//! (after its guarded update succeeded, next to its audit row), so the
//! notification and its e-mails commit or roll back with the change: an
//! outbox. Nothing is sent from a request; the [`sender`] delivers the
//! outbox in the background.
//!
//! ```ignore
//! use crate::notifications::{self, Kind, Recipient};
//! let to = notifications::hr_officers(&mut tx, Some(&unit), Some(user.id)).await?;
//! notifications::notify(&mut tx, Kind::Submitted, &format!("/review/{id}"),
//!     json!({ "title": title, "id": id }), Some(user.id), &to).await?;
//! ```
//!
//! - `kind`: what happened ([`Kind`]; its words are the `notify-{kind}`
//!   messages of `locales/*/main.ftl`, `-body` the e-mail's paragraph).
//! - `link`: a portal path (`/positions/12`), made absolute with
//!   `JOBCLASS_PUBLIC_URL` in e-mails.
//! - `params`: the messages' arguments, a JSON object of strings and
//!   numbers: `title`, `level`, `id`, `profile`, `version`, `count`,
//!   `days`, `name` (see `model::args`); `items` (`[{"text", "link"}]`)
//!   lists links in the e-mail (the digest).
//! - `actor`: the user who acted, never notified of their own action.
//! - `recipients`: [`Recipient::User`] (in the portal; by e-mail unless
//!   they turned it off for the kind on `/account`, in their language) or
//!   [`Recipient::Address`] (e-mail only, in the language given).
//!
//! Helpers find recipients: [`hr_officers`] (of a unit, else all),
//! [`admins`], [`hr_and_admins`] (the appeals queue).
//!
//! # Appeals
//! The appeal events call [`notify`] themselves, in their transaction:
//! - `Kind::AppealLodged` → `hr_and_admins(tx, Some(original_decided_by))`,
//!   link `/review/appeals/{appeal}`;
//! - `Kind::AppealQuestion` → the appellant: `Recipient::User(manager)`
//!   (link `/positions/{id}/appeal`) or `Recipient::Address { email, name,
//!   language }` of an employee (link: the share page when the caller has
//!   the token, `/shared/{token}/appeal`; the token is not stored, so an
//!   officer's request cannot make it: then `/`);
//! - `Kind::AppealAnswered` → `Recipient::User(reviewer)`, link
//!   `/review/appeals/{appeal}`;
//! - `Kind::AppealDecided` → the manager and the appellant (a user twice
//!   is notified once), link `/positions/{id}/record`.
//!
//! Params for all four: `title` (the position's), `id` (the position's),
//! and `level` (the level in force) for `AppealDecided`; a missing one
//! shows as a dash. `actor`: the user acting, `None` for an employee.
//!
//! # Reading
//! `/notifications` lists a user's own (newest first, read or unread;
//! marked read one by one or all at once with a POST); the header shows
//! the unread count (loaded with the session, `auth::store`);
//! `GET /api/v1/notifications` gives the same as JSON. `/admin/outbox`
//! shows the e-mails and how sending them went.

pub mod db;
pub mod digest;
pub mod events;
pub mod handling;
pub mod mail;
pub mod model;
pub mod pages;
pub mod sender;

pub use db::{admins, hr_and_admins, hr_officers, notify, valid_address};
pub use events::{Employee, position_event};
pub use model::{Kind, Recipient};

use axum::middleware;

use crate::app::AppState;
use crate::auth::session::require_user;
use crate::web::routes::Routes;

/// `/notifications` and its forms, for any signed-in user.
pub fn routes() -> Routes<AppState> {
    Routes::new()
        .get("/notifications", pages::list)
        .post("/notifications/read", pages::mark_all_read)
        .post("/notifications/{id}/read", pages::mark_read)
        .guard(middleware::from_fn(require_user))
}
