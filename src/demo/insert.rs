//! Writing the generated data: a few multi-row statements per batch.
//! Runtime-checked SQL (`sqlx::query`), since this is a tool, not a page.

use sqlx::PgPool;
use time::OffsetDateTime;

use super::generate::{Frame, NewPosition, Person, Users};
use crate::auth::model::Role;

/// Inserts the users (all with the same password hash).
pub async fn users(pool: &PgPool, people: &[Person], hash: &str) -> anyhow::Result<Users> {
    let emails: Vec<&str> = people.iter().map(|p| p.email.as_str()).collect();
    let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
    let roles: Vec<&str> = people.iter().map(|p| p.role.as_str()).collect();
    let units: Vec<&str> = people.iter().map(|p| p.unit.as_str()).collect();
    let ids: Vec<i64> = sqlx::query_scalar(
        r"
        insert into users (email, name, role, unit, password_hash)
        select e, n, r::user_role, u, $5 from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as t(e, n, r, u)
        returning id
        ",
    )
    .bind(&emails)
    .bind(&names)
    .bind(&roles)
    .bind(&units)
    .bind(hash)
    .fetch_all(pool)
    .await?;
    let mut users = Users {
        all: Vec::new(),
        managers: Vec::new(),
        hr: Vec::new(),
    };
    for (i, (id, person)) in ids.into_iter().zip(people).enumerate() {
        users.all.push((id, person.unit.clone()));
        match person.role {
            Role::Manager => users.managers.push(i),
            Role::Hr => users.hr.push(i),
            Role::Admin => {}
        }
    }
    if users.managers.is_empty() || users.hr.is_empty() {
        anyhow::bail!(
            "demo-data needs at least one manager and one HR officer: give --users 10 or more"
        );
    }
    Ok(users)
}

/// Every published profile version with its ids.
pub async fn frames(pool: &PgPool) -> anyhow::Result<Vec<Frame>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "select id from profile_versions where status = 'published' order by id",
    )
    .fetch_all(pool)
    .await?;
    let mut frames = Vec::new();
    for id in ids {
        let content = crate::profiles::db::content(pool, id).await?;
        frames.push(Frame {
            version_id: id,
            level_ids: content.levels.iter().map(|l| l.id).collect(),
            level_codes: content.level_codes(),
            criteria: content
                .criteria
                .iter()
                .map(|c| (c.id, c.name.clone()))
                .collect(),
            areas: content
                .result_areas
                .iter()
                .map(|a| (a.id, a.tasks.clone()))
                .collect(),
        });
    }
    Ok(frames)
}

/// What a batch wrote.
pub struct Written {
    pub placements: usize,
    pub audit: usize,
}

/// Inserts a batch of positions and everything that belongs to them, in one transaction.
pub async fn positions(pool: &PgPool, batch: &[NewPosition]) -> anyhow::Result<Written> {
    let mut tx = pool.begin().await?;
    let ids: Vec<i64> = sqlx::query_scalar(
        "select nextval(pg_get_serial_sequence('positions', 'id')) from generate_series(1, $1)",
    )
    .bind(batch.len() as i64)
    .fetch_all(&mut *tx)
    .await?;

    let col = |f: &dyn Fn(&NewPosition) -> String| batch.iter().map(f).collect::<Vec<String>>();
    let opt_time = |f: &dyn Fn(&NewPosition) -> Option<OffsetDateTime>| {
        batch.iter().map(f).collect::<Vec<Option<OffsetDateTime>>>()
    };
    let statuses = col(&|p| p.status.as_str().to_string());
    sqlx::query(
        r"
        insert into positions (id, profile_version_id, owner_id, status, title, unit, purpose, proposed_level,
                               proposal_flags, reviewer_id, submitted_at, first_submitted_at, decided_at,
                               decided_level_id, decided_by, rationale, created_at, updated_at)
        overriding system value
        select id, v, o, s::position_status, t, u, pu, pl, string_to_array(f, ','), r, sa, sa, da, dl,
               case when s = 'decided' then r end, ra, ca, coalesce(da, sa, ca)
          from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[],
                      $8::text[], $9::text[], $10::bigint[], $11::timestamptz[], $12::timestamptz[],
                      $13::bigint[], $14::text[], $15::timestamptz[])
               as x(id, v, o, s, t, u, pu, pl, f, r, sa, da, dl, ra, ca)
        ",
    )
    .bind(&ids)
    .bind(batch.iter().map(|p| p.version_id).collect::<Vec<_>>())
    .bind(batch.iter().map(|p| p.owner).collect::<Vec<_>>())
    .bind(&statuses)
    .bind(col(&|p| p.title.clone()))
    .bind(col(&|p| p.unit.clone()))
    .bind(col(&|p| p.purpose.clone()))
    .bind(batch.iter().map(|p| p.proposed.clone()).collect::<Vec<_>>())
    .bind(col(&|p| p.flags.clone()))
    .bind(batch.iter().map(|p| p.reviewer).collect::<Vec<_>>())
    .bind(opt_time(&|p| p.submitted_at))
    .bind(opt_time(&|p| p.decided_at))
    .bind(batch.iter().map(|p| p.decided_level).collect::<Vec<_>>())
    .bind(batch.iter().map(|p| p.rationale.clone()).collect::<Vec<_>>())
    .bind(batch.iter().map(|p| p.created_at).collect::<Vec<_>>())
    .execute(&mut *tx)
    .await?;

    // Children, flattened with their position id.
    let (mut t_pos, mut t_n, mut t_text) = (Vec::new(), Vec::new(), Vec::new());
    let (mut s_pos, mut s_area, mut s_share) = (Vec::new(), Vec::new(), Vec::new());
    let (mut p_pos, mut p_crit, mut p_level, mut p_ev, mut p_hr, mut p_by) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    let (mut c_pos, mut c_author, mut c_kind, mut c_body, mut c_at) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut a_actor, mut a_action, mut a_subject, mut a_at) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (id, p) in ids.iter().zip(batch) {
        for (n, task) in p.tasks.iter().enumerate() {
            t_pos.push(*id);
            t_n.push(n as i32 + 1);
            t_text.push(task.clone());
        }
        for (area, share) in &p.shares {
            s_pos.push(*id);
            s_area.push(*area);
            s_share.push(*share);
        }
        for (criterion, level, evidence, by_hr) in &p.placements {
            p_pos.push(*id);
            p_crit.push(*criterion);
            p_level.push(*level);
            p_ev.push(evidence.clone());
            p_hr.push(*by_hr);
            p_by.push(if *by_hr {
                p.reviewer.unwrap_or(p.owner)
            } else {
                p.owner
            });
        }
        for (i, (author, kind, body)) in p.comments.iter().enumerate() {
            c_pos.push(*id);
            c_author.push(*author);
            c_kind.push(*kind);
            c_body.push(body.clone());
            c_at.push(p.submitted_at.unwrap_or(p.created_at) + time::Duration::hours(3 + i as i64));
        }
        for (actor, action, at) in &p.audit {
            a_actor.push(*actor);
            a_action.push(*action);
            a_subject.push(id.to_string());
            a_at.push(*at);
        }
    }
    sqlx::query("insert into position_tasks (position_id, position, text) select * from unnest($1::bigint[], $2::int[], $3::text[])")
        .bind(&t_pos)
        .bind(&t_n)
        .bind(&t_text)
        .execute(&mut *tx)
        .await?;
    sqlx::query("insert into position_result_areas (position_id, result_area_id, share) select * from unnest($1::bigint[], $2::bigint[], $3::int[])")
        .bind(&s_pos)
        .bind(&s_area)
        .bind(&s_share)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        r"
        insert into placements (position_id, criterion_id, level_id, evidence, by_hr, placed_by)
        select * from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::bool[], $6::bigint[])
        ",
    )
    .bind(&p_pos)
    .bind(&p_crit)
    .bind(&p_level)
    .bind(&p_ev)
    .bind(&p_hr)
    .bind(&p_by)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "insert into position_comments (position_id, author_id, kind, body, created_at) select * from unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::timestamptz[])",
    )
    .bind(&c_pos)
    .bind(&c_author)
    .bind(&c_kind)
    .bind(&c_body)
    .bind(&c_at)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        r#"
        insert into audit_log (actor_id, action, subject_type, subject_id, details, at)
        select a, x, 'position', s, '{"demo": true}', t from unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[]) as u(a, x, s, t)
        "#,
    )
    .bind(&a_actor)
    .bind(&a_action)
    .bind(&a_subject)
    .bind(&a_at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Written {
        placements: p_pos.len(),
        audit: a_actor.len(),
    })
}
