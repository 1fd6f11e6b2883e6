//! After a fault: every acknowledged write is in the database, every
//! position is whole and agrees with its audit rows, and a write that
//! failed left all of itself or nothing.

use std::collections::HashMap;

use sqlx::PgPool;

use crate::traffic::{Kind, Record};

/// A position as stored, with what its audit rows say.
#[derive(Debug, Clone, sqlx::FromRow)]
struct Stored {
    id: i64,
    owner: i64,
    title: String,
    unit: String,
    purpose: String,
    status: String,
    revision: i32,
    submitted_at: bool,
    tasks: i64,
    placements: i64,
    areas: i64,
    created: i64,
    saved: i64,
    submitted: i64,
}

async fn stored(pool: &PgPool) -> Vec<Stored> {
    sqlx::query_as(
        r"
        select p.id, p.owner_id as owner, p.title, p.unit, p.purpose, p.status::text as status,
               p.revision, p.submitted_at is not null as submitted_at,
               (select count(*) from position_tasks t where t.position_id = p.id) as tasks,
               (select count(*) from placements l where l.position_id = p.id and not l.by_hr) as placements,
               (select count(*) from position_result_areas a where a.position_id = p.id) as areas,
               (select count(*) from audit_log g where g.subject_type = 'position'
                   and g.subject_id = p.id::text and g.action = 'position.created') as created,
               (select count(*) from audit_log g where g.subject_type = 'position'
                   and g.subject_id = p.id::text and g.action = 'position.saved') as saved,
               (select count(*) from audit_log g where g.subject_type = 'position'
                   and g.subject_id = p.id::text and g.action = 'position.submitted') as submitted
          from positions p order by p.id
        ",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

/// What the check counted, for the report.
#[derive(Debug, Default)]
pub struct Tally {
    pub requests: usize,
    pub acknowledged: usize,
    pub acknowledged_found: usize,
    pub failed_writes: usize,
    /// Failed writes whose effect is nevertheless (wholly) there: the
    /// commit happened, the answer was lost.
    pub failed_but_done: usize,
    pub positions: usize,
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} requests; writes acknowledged {}, found {}; writes failed {} ({} of them done anyway, wholly); {} positions checked",
            self.requests,
            self.acknowledged,
            self.acknowledged_found,
            self.failed_writes,
            self.failed_but_done,
            self.positions
        )
    }
}

/// Checks the database against the log; `api_owners` are the users who
/// wrote only through the API (which never leaves an empty draft).
pub async fn verify(pool: &PgPool, records: &[Record], api_owners: &[i64]) -> Tally {
    let positions = stored(pool).await;
    let by_id: HashMap<i64, &Stored> = positions.iter().map(|p| (p.id, p)).collect();
    let mut by_title: HashMap<&str, Vec<&Stored>> = HashMap::new();
    for p in &positions {
        by_title.entry(p.title.as_str()).or_default().push(p);
    }

    // Every position is whole and agrees with its audit rows.
    for p in &positions {
        let context = format!("{p:?}");
        assert_eq!(p.created, 1, "one creation in the audit log: {context}");
        assert_eq!(
            p.revision as i64,
            1 + p.saved + p.submitted,
            "every change has its audit row: {context}"
        );
        assert!(p.status == "draft" || p.status == "submitted", "{context}");
        assert_eq!(
            p.status == "submitted",
            p.submitted == 1 && p.submitted_at,
            "{context}"
        );
        assert_eq!(p.title.is_empty(), p.saved == 0, "{context}");
        if !p.title.is_empty() {
            // Our writers put the same marker everywhere, two tasks and
            // every criterion: any other shape is a partial write.
            assert!(p.unit == p.title && p.purpose == p.title, "{context}");
            assert_eq!((p.tasks, p.placements), (2, 7), "{context}");
            assert!(p.areas >= 2, "{context}");
        } else {
            assert_eq!((p.tasks, p.placements, p.areas), (0, 0, 0), "{context}");
        }
        if api_owners.contains(&p.owner) {
            assert!(
                !p.title.is_empty(),
                "an API create left an empty draft behind: {context}"
            );
        }
    }

    let mut tally = Tally {
        requests: records.len(),
        positions: positions.len(),
        ..Tally::default()
    };
    for r in records.iter().filter(|r| r.kind.is_write()) {
        let found = match r.kind {
            Kind::ApiCreate => by_title
                .get(r.marker.as_str())
                .is_some_and(|list| list.len() == 1 && r.id.is_none_or(|id| list[0].id == id)),
            Kind::ApiSubmit | Kind::FormSubmit => by_title
                .get(r.marker.as_str())
                .is_some_and(|list| list.len() == 1 && list[0].status == "submitted"),
            Kind::FormCreate => r.id.is_some_and(|id| by_id.contains_key(&id)),
            Kind::Read => unreachable!(),
        };
        // A title is written once, by one request.
        assert!(
            by_title
                .get(r.marker.as_str())
                .is_none_or(|list| list.len() <= 1),
            "{} stored twice",
            r.marker
        );
        if r.acknowledged() {
            tally.acknowledged += 1;
            assert!(found, "acknowledged but not in the database: {r:?}");
            tally.acknowledged_found += 1;
        } else {
            tally.failed_writes += 1;
            if found {
                tally.failed_but_done += 1;
            }
        }
    }
    tally
}
