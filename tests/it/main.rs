//! Integration tests: the real router on a real PostgreSQL.

mod support;

mod auth;
mod authz;
mod catalogue;
mod cli_accounts;
mod drafts;
mod embedded;
mod import_export;
mod operations;
mod pages;
mod positions;
mod versions;
