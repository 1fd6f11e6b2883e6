//! A year's report as every reader gets it (page, exports, API): the
//! computation of `model` on the year's workers, with the privacy limit
//! of the configuration, the justifications written for flagged
//! categories, and the factors each profile's current version assesses.

use std::collections::BTreeMap;

use sqlx::PgPool;

use super::db;
use super::model::{self, Category, Report};
use crate::error::{AppError, AppResult};

/// What a profile's current version assesses (`factors` in the API).
#[derive(Debug, Clone)]
pub struct Factors {
    pub version: i32,
    pub unassessed: Vec<&'static str>,
}

/// A year's report with what is stored beside it.
#[derive(Debug, Clone)]
pub struct YearReport {
    pub year: i32,
    pub report: Report,
    pub justifications: BTreeMap<Category, String>,
    pub factors: BTreeMap<String, Factors>,
}

impl YearReport {
    /// The justification written for `category`, if any.
    pub fn justification(&self, category: &Category) -> Option<&str> {
        self.justifications.get(category).map(String::as_str)
    }
}

/// The report of `year`; not found when the year has no data.
pub async fn load(db: &PgPool, year: i32, min_group: u32) -> AppResult<YearReport> {
    if db::period(db, year).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let workers = db::workers(db, year).await?;
    let report = model::report(&workers, min_group as usize);
    let justifications = db::justifications(db, year).await?;
    let mut slugs: Vec<String> = report
        .categories
        .iter()
        .map(|c| c.category.profile.clone())
        .collect();
    slugs.dedup();
    let factors = db::assessed_factors(db, &slugs)
        .await?
        .into_iter()
        .map(|(slug, version, assessed)| {
            (
                slug,
                Factors {
                    version,
                    unassessed: model::unassessed(&assessed),
                },
            )
        })
        .collect();
    Ok(YearReport {
        year,
        report,
        justifications,
        factors,
    })
}
