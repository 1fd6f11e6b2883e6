//! Integration tests: the real router on a real PostgreSQL.

mod support;

mod api_contract;
mod api_errors;
mod api_schemathesis;
mod api_strict;
mod appeals;
mod assessment;
mod auth;
mod authz;
mod backup;
mod catalogue;
mod cli_accounts;
mod compare_profiles;
mod decision_contract;
mod directory;
mod drafts;
mod embedded;
mod examples;
mod fuzz;
mod harness;
mod hostile;
mod html_valid;
mod import_export;
mod keep_alive;

mod matching;
mod notifications;
mod oidc;
mod operations;
mod pages;
mod pay;
mod positions;
mod queries;
mod queue_cache;
mod search;
mod thesaurus;
mod translations;
mod versions;
mod wording;
mod xss;
