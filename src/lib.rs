//! jobclass: a portal for job classification in the public sector.
//!
//! Function profiles (purpose, result areas, tasks and a grid of
//! distinguishing criteria per level) are published in versions; HR officers
//! browse and compare them. See `README.md` for the architecture in brief.

// No unwrap or expect outside tests: a request never panics on bad input
// (the few start-up checks say why they cannot fail).
#![warn(clippy::unwrap_used, clippy::expect_used)]

pub mod account;
pub mod admin;
pub mod app;
pub mod appeals;
pub mod assessment;
pub mod audit;
pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod drafts;
pub mod error;
pub mod i18n;
pub mod notifications;
pub mod ops;
pub mod pages;
pub mod positions;
pub mod profiles;
pub mod search;
pub mod telemetry;
pub mod web;
