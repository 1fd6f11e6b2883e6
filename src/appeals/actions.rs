//! What people do to appeals, shared by the pages and the API: each action
//! asks the workflow first, checks its input, then runs in one transaction
//! with its audit entry, guarded in SQL against concurrent changes.

use serde_json::json;

use super::db::{self, Conclusion, Lodger};
use super::input::{self, DecisionField, DecisionInput, LodgeField, LodgeInput};
use super::model::{self, AppealRow};
use super::workflow::{
    AppealAction, AppealActor, AppealRefusal, AppealStatus, Situation, transition,
};
use crate::app::AppState;
use crate::audit::{self, Entry};
use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult, Msg};
use crate::notifications::{self, Kind, Recipient};
use crate::positions::view::PositionView;
use crate::positions::workflow::Status;
use crate::web::client::Client;

/// Who acts: a signed-in user, or the holder of a share link.
#[derive(Clone, Copy)]
pub enum Person<'a> {
    User(&'a CurrentUser),
    /// Through the live share link with this id.
    Link(i64),
}

impl Person<'_> {
    fn user_id(&self) -> Option<i64> {
        match self {
            Person::User(user) => Some(user.id),
            Person::Link(_) => None,
        }
    }
}

/// The person's relation to the position's appeal.
pub fn actor(v: &PositionView, person: Person<'_>) -> AppealActor {
    let appeal = v.full.appeal.as_ref();
    match person {
        Person::User(user) => AppealActor {
            is_appellant: v.actor.is_owner && appeal.is_none_or(|a| a.lodged_by == Some(user.id)),
            is_hr: user.is_hr(),
            is_admin: user.is_admin(),
            decided_it: appeal.is_some_and(|a| a.original_decided_by == user.id),
            is_owner: v.actor.is_owner,
            claimed_by_other: appeal
                .and_then(|a| a.reviewer_id)
                .is_some_and(|r| r != user.id),
        },
        Person::Link(_) => AppealActor {
            is_appellant: appeal.is_none_or(|a| a.lodged_by.is_none()),
            ..AppealActor::default()
        },
    }
}

/// The deadline of the position's decision, when decided.
pub fn deadline(state: &AppState, v: &PositionView) -> Option<time::OffsetDateTime> {
    v.head()
        .decided_at
        .map(|at| model::deadline(&at, state.config.appeal_days))
}

/// What the workflow needs to know about the position now.
pub fn situation(state: &AppState, v: &PositionView) -> Situation {
    Situation {
        decided: v.status() == Status::Decided,
        appeal: v.full.appeal.as_ref().map(|a| a.status),
        window_open: v.head().decided_at.is_some_and(|at| {
            model::window_open(&at, state.config.appeal_days, &state.clock.now())
        }),
    }
}

/// Whether `person` may do `action` now (for showing forms).
pub fn can(state: &AppState, v: &PositionView, person: Person<'_>, action: AppealAction) -> bool {
    transition(actor(v, person), situation(state, v), action).is_ok()
}

/// The answer to a refused action.
pub fn refusal(refusal: AppealRefusal) -> AppError {
    use axum::http::StatusCode;
    match refusal {
        AppealRefusal::NotAllowed => AppError::Forbidden,
        AppealRefusal::FourEyes => AppError::Refused {
            status: StatusCode::FORBIDDEN,
            code: "four_eyes",
            message: Msg::new("appeal-four-eyes"),
        },
        other => AppError::Refused {
            status: StatusCode::CONFLICT,
            code: other.code().unwrap_or("conflict"),
            message: Msg::new(match other {
                AppealRefusal::NotDecided => "appeal-not-decided",
                AppealRefusal::AppealExists => "appeal-exists",
                AppealRefusal::WindowClosed => "appeal-window-closed",
                AppealRefusal::ClaimedByOther => "appeal-claimed",
                _ => "appeal-not-open",
            }),
        },
    }
}

fn allow(
    state: &AppState,
    v: &PositionView,
    person: Person<'_>,
    action: AppealAction,
) -> AppResult<AppealStatus> {
    transition(actor(v, person), situation(state, v), action).map_err(refusal)
}

/// The appeal moved on since it was read (or another officer took it).
fn stale() -> AppError {
    AppError::Conflict(Msg::new("appeal-stale"))
}

fn the_appeal(v: &PositionView) -> AppResult<&AppealRow> {
    v.full
        .appeal
        .as_ref()
        .ok_or_else(|| refusal(AppealRefusal::NoOpenAppeal))
}

fn entry<'a>(
    action: &'static str,
    v: &PositionView,
    details: serde_json::Value,
    person: Person<'_>,
    client: &'a Client,
) -> Entry<'a> {
    let mut details = details;
    if let (Person::Link(link), Some(map)) = (person, details.as_object_mut()) {
        map.insert("share_link_id".into(), json!(link));
    }
    Entry {
        action,
        subject_type: "position",
        subject_id: v.head().id.to_string(),
        details,
        actor: person.user_id(),
        client,
    }
}

/// The messages' arguments of an appeal's notification.
fn params(v: &PositionView, level: Option<&str>) -> serde_json::Value {
    json!({ "title": v.input.title, "id": v.head().id, "level": level })
}

/// Who an e-mail to the appellant goes to, and the link it carries:
/// the manager at `own` (a portal page), or the employee through a new
/// share link (only its hash is kept, so the link they used cannot be
/// rebuilt), `/shared/{token}` followed by `tail`. Also the new link's id.
async fn appellant(
    tx: &mut sqlx::PgConnection,
    v: &PositionView,
    appeal: &AppealRow,
    officer: &CurrentUser,
    own: &str,
    tail: &str,
) -> AppResult<(Recipient, String, Option<i64>)> {
    if let Some(manager) = appeal.lodged_by {
        return Ok((Recipient::User(manager), own.to_string(), None));
    }
    let token = crate::auth::tokens::random_secret(32);
    let link_id =
        crate::positions::db::create_share_link(&mut *tx, v.head().id, officer.id, &token).await?;
    let to = Recipient::Address {
        email: appeal.appellant_email.clone().unwrap_or_default(),
        name: appeal.appellant_name.clone().unwrap_or_default(),
        language: appeal.appellant_language.clone(),
    };
    Ok((to, format!("/shared/{token}{tail}"), Some(link_id)))
}

/// Lodges an appeal; its id, or the input's problems (nothing written).
pub async fn lodge(
    state: &AppState,
    client: &Client,
    v: &PositionView,
    person: Person<'_>,
    language: &str,
    given: &LodgeInput,
) -> AppResult<Result<i64, Vec<(LodgeField, Msg)>>> {
    let mut tx = state.db.begin().await?;
    let lodged = lodge_in(&mut tx, state, client, v, person, language, given).await?;
    if lodged.is_ok() {
        tx.commit().await?;
    }
    Ok(lodged)
}

/// `lodge` in the caller's transaction (the API keeps an idempotency key
/// with it).
pub async fn lodge_in(
    tx: &mut sqlx::PgConnection,
    state: &AppState,
    client: &Client,
    v: &PositionView,
    person: Person<'_>,
    language: &str,
    given: &LodgeInput,
) -> AppResult<Result<i64, Vec<(LodgeField, Msg)>>> {
    allow(state, v, person, AppealAction::Lodge)?;
    let lodging = match input::check_lodge(given, &v.content) {
        Ok(lodging) => lodging,
        Err(problems) => return Ok(Err(problems)),
    };
    let lodger = match (person, &given.appellant) {
        (Person::User(user), _) => Lodger::Manager(user.id),
        (Person::Link(link_id), Some((name, email))) => Lodger::Employee {
            link_id,
            name: name.trim(),
            email: email.trim(),
        },
        (Person::Link(_), None) => return Err(AppError::Forbidden),
    };
    let Some((id, decider)) = db::lodge(
        &mut *tx,
        v.head().id,
        &lodger,
        language,
        lodging.fit.as_deref(),
        &lodging.grounds,
    )
    .await?
    else {
        return Err(refusal(AppealRefusal::AppealExists));
    };
    let names: Vec<&str> = v
        .content
        .criteria
        .iter()
        .filter(|c| lodging.grounds.iter().any(|(id, _)| *id == c.id))
        .map(|c| c.name.as_str())
        .collect();
    audit::record(
        &mut *tx,
        entry(
            "appeal.lodged",
            v,
            json!({ "appeal_id": id, "criteria": names, "fit": lodging.fit.is_some() }),
            person,
            client,
        ),
    )
    .await?;
    // The appeals queue: every officer but the one who decided.
    let queue = notifications::hr_and_admins(&mut *tx, Some(decider)).await?;
    let position = v.head().id;
    notifications::notify(
        &mut *tx,
        Kind::AppealLodged,
        &format!("/review/appeals/{position}"),
        params(v, None),
        person.user_id(),
        &queue,
    )
    .await?;
    Ok(Ok(id))
}

/// An officer takes the appeal.
pub async fn claim(
    state: &AppState,
    user: &CurrentUser,
    client: &Client,
    v: &PositionView,
) -> AppResult<()> {
    allow(state, v, Person::User(user), AppealAction::Claim)?;
    let appeal = the_appeal(v)?;
    let mut tx = state.db.begin().await?;
    if !db::claim(&mut tx, appeal.id, user.id).await? {
        return Err(stale());
    }
    audit::record(
        &mut tx,
        entry(
            "appeal.claimed",
            v,
            json!({ "appeal_id": appeal.id }),
            Person::User(user),
            client,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// An admin gives the appeal to `officer`, who must be an active HR
/// officer or admin other than the one who decided and the manager.
pub async fn assign(
    state: &AppState,
    admin: &CurrentUser,
    client: &Client,
    v: &PositionView,
    officer: i64,
) -> AppResult<Result<(), Msg>> {
    allow(state, v, Person::User(admin), AppealAction::Assign)?;
    let appeal = the_appeal(v)?;
    let officers = db::officers(&state.db).await?;
    if !officers.iter().any(|(id, _)| *id == officer) {
        return Ok(Err(Msg::new("appeal-officer-unknown")));
    }
    if officer == appeal.original_decided_by || officer == v.head().owner_id {
        return Ok(Err(Msg::new("appeal-four-eyes")));
    }
    let mut tx = state.db.begin().await?;
    if !db::assign(&mut tx, appeal.id, officer).await? {
        return Err(stale());
    }
    audit::record(
        &mut tx,
        entry(
            "appeal.assigned",
            v,
            json!({ "appeal_id": appeal.id, "officer": officer }),
            Person::User(admin),
            client,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// The officer asks the appellant a question; the appeal waits.
pub async fn ask(
    state: &AppState,
    user: &CurrentUser,
    client: &Client,
    v: &PositionView,
    question: &str,
) -> AppResult<Result<(), Msg>> {
    allow(state, v, Person::User(user), AppealAction::Ask)?;
    let appeal = the_appeal(v)?;
    let question = match input::message_text(question) {
        Ok(q) => q,
        Err(msg) => return Ok(Err(msg)),
    };
    let mut tx = state.db.begin().await?;
    if !db::ask(&mut tx, appeal.id, user.id, &question).await? {
        return Err(stale());
    }
    let (to, link, share_link) = appellant(
        &mut tx,
        v,
        appeal,
        user,
        &format!("/positions/{}/appeal", v.head().id),
        "/appeal",
    )
    .await?;
    audit::record(
        &mut tx,
        entry(
            "appeal.asked",
            v,
            json!({ "appeal_id": appeal.id, "share_link_id": share_link }),
            Person::User(user),
            client,
        ),
    )
    .await?;
    notifications::notify(
        &mut tx,
        Kind::AppealQuestion,
        &link,
        params(v, None),
        Some(user.id),
        &[to],
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// The appellant answers the question; the appeal is open again.
pub async fn answer(
    state: &AppState,
    client: &Client,
    v: &PositionView,
    person: Person<'_>,
    text: &str,
) -> AppResult<Result<(), Msg>> {
    allow(state, v, person, AppealAction::Answer)?;
    let appeal = the_appeal(v)?;
    let text = match input::message_text(text) {
        Ok(t) => t,
        Err(msg) => return Ok(Err(msg)),
    };
    let mut tx = state.db.begin().await?;
    if !db::answer(&mut tx, appeal.id, person.user_id(), &text).await? {
        return Err(stale());
    }
    audit::record(
        &mut tx,
        entry(
            "appeal.answered",
            v,
            json!({ "appeal_id": appeal.id }),
            person,
            client,
        ),
    )
    .await?;
    // The officer who asked (set by the question).
    if let Some(reviewer) = appeal.reviewer_id {
        notifications::notify(
            &mut tx,
            Kind::AppealAnswered,
            &format!("/review/appeals/{}", v.head().id),
            params(v, None),
            person.user_id(),
            &[Recipient::User(reviewer)],
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Ok(()))
}

/// The criteria indexes an appeal contests.
pub fn appealed(v: &PositionView, appeal: &AppealRow) -> Vec<usize> {
    v.content
        .criteria
        .iter()
        .enumerate()
        .filter(|(_, c)| appeal.grounds_of(c.id).is_some())
        .map(|(i, _)| i)
        .collect()
}

/// The officer concludes the appeal: upheld, or changed with new
/// placements and a new level in force.
pub async fn decide(
    state: &AppState,
    user: &CurrentUser,
    client: &Client,
    v: &PositionView,
    given: &DecisionInput,
) -> AppResult<Result<(), Vec<(DecisionField, Msg)>>> {
    allow(state, v, Person::User(user), AppealAction::Decide)?;
    let appeal = the_appeal(v)?;
    let original = v
        .content
        .levels
        .iter()
        .position(|l| l.code == appeal.original_level)
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("appeal level not in its version")))?;
    let verdict = match input::check_decision(given, &v.content, &appealed(v, appeal), original) {
        Ok(verdict) => verdict,
        Err(problems) => return Ok(Err(problems)),
    };
    let content = &v.content;
    let placements: Vec<(i64, i64, String)> = verdict
        .placements
        .iter()
        .map(|(c, l, note)| (content.criteria[*c].id, content.levels[*l].id, note.clone()))
        .collect();
    let level = &content.levels[verdict.level];
    let mut tx = state.db.begin().await?;
    let conclusion = Conclusion {
        changed: verdict.changed,
        level_id: level.id,
        rationale: &verdict.rationale,
        placements: &placements,
    };
    if !db::decide(&mut tx, appeal.id, v.head().id, user.id, &conclusion).await? {
        return Err(stale());
    }
    audit::record(
        &mut tx,
        entry(
            "appeal.decided",
            v,
            json!({
                "appeal_id": appeal.id,
                "outcome": if verdict.changed { "changed" } else { "upheld" },
                "from": appeal.original_level,
                "level": level.code,
            }),
            Person::User(user),
            client,
        ),
    )
    .await?;
    // The manager, and the appellant when it is someone else (the
    // employee, through a new link to the record).
    let id = v.head().id;
    let record = format!("/positions/{id}/record");
    let mut told = vec![(Recipient::User(v.head().owner_id), record.clone())];
    if appeal.lodged_by.is_none() {
        let (to, link, _) = appellant(&mut tx, v, appeal, user, &record, "").await?;
        told.push((to, link));
    }
    for (to, link) in told {
        notifications::notify(
            &mut tx,
            Kind::AppealDecided,
            &link,
            params(v, Some(&level.code)),
            Some(user.id),
            &[to],
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Ok(()))
}
