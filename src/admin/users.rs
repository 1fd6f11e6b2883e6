//! `/admin/users`: list, create, change, deactivate, reset passwords.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;
use tower_sessions::Session;

use crate::app::AppState;
use crate::audit::{self, Entry};
use crate::auth::model::{
    CurrentUser, Role, UserRow, check_password, parse_email, parse_name, parse_unit,
};
use crate::auth::{db, password, tokens};
use crate::error::{AppError, AppResult, Msg};
use crate::web::client::Client;
use crate::web::forms::{Errors, FieldErrors};
use crate::web::{Layout, flash, render};

/// How long a set-password link stays valid.
pub const LINK_HOURS: i32 = 72;

#[derive(Deserialize)]
pub struct ListQuery {
    q: Option<String>,
    role: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    l: Layout,
    users: Vec<UserRow>,
    q: String,
    role: String,
}

/// `GET /admin/users`.
pub async fn list(
    State(state): State<AppState>,
    l: Layout,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    let q: String = query
        .q
        .unwrap_or_default()
        .trim()
        .chars()
        .take(100)
        .collect();
    let role = query.role.as_deref().and_then(Role::parse);
    let users = db::list_users(&state.db, (!q.is_empty()).then_some(q.as_str()), role).await?;
    render(&UsersPage {
        l,
        users,
        q,
        role: role.map(|r| r.as_str().to_string()).unwrap_or_default(),
    })
}

/// The user form's raw input.
#[derive(Deserialize, Default, Clone)]
pub struct UserForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    unit: String,
    /// "password" (set one now) or "link" (one-time link).
    #[serde(default)]
    method: String,
    #[serde(default)]
    password: String,
}

#[derive(Template)]
#[template(path = "admin/user_new.html")]
struct NewUserPage {
    l: Layout,
    form: UserForm,
    errors: Errors,
}

/// `GET /admin/users/new`.
pub async fn new_form(l: Layout) -> AppResult<Response> {
    render(&NewUserPage {
        l,
        form: UserForm {
            role: "manager".into(),
            method: "link".into(),
            ..UserForm::default()
        },
        errors: Errors::none(),
    })
}

#[derive(Template)]
#[template(path = "admin/link.html")]
struct LinkPage {
    l: Layout,
    user: UserRow,
    link: String,
    hours: i32,
}

/// `POST /admin/users/new`.
pub async fn create(
    State(state): State<AppState>,
    l: Layout,
    admin: CurrentUser,
    session: Session,
    client: Client,
    Form(form): Form<UserForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::default();
    let email = errors.check("email", parse_email(&form.email));
    let name = errors.check("name", parse_name(&form.name));
    let role = errors.check(
        "role",
        Role::parse(&form.role).ok_or(Msg::new("role-invalid")),
    );
    let unit = errors.check("unit", parse_unit(&form.unit));
    let with_password = form.method == "password";
    if with_password && let Some(email) = &email {
        errors.check("password", check_password(&form.password, email));
    }
    let (Some(email), Some(name), Some(role), Some(unit)) = (email, name, role, unit) else {
        return new_again(l, form, errors);
    };
    if !errors.is_empty() {
        return new_again(l, form, errors);
    }
    let hash = if with_password {
        Some(password::hash(form.password.clone()).await?)
    } else {
        None
    };
    let mut tx = state.db.begin().await?;
    let Some(id) = db::create_user(&mut tx, &email, &name, role, &unit, hash.as_deref()).await?
    else {
        errors.add("email", Msg::new("email-taken"));
        return new_again(l, form, errors);
    };
    let link = if with_password {
        None
    } else {
        let token = tokens::random_secret(32);
        db::create_password_link(&mut tx, id, Some(admin.id), &token, LINK_HOURS).await?;
        Some(token)
    };
    audit::record(&mut tx, Entry {
        action: "user.created",
        subject_type: "user",
        subject_id: id.to_string(),
        details: json!({ "email": email, "name": name, "role": role.as_str(), "unit": unit,
                         "password": if with_password { "set by admin" } else { "one-time link" } }),
        actor: Some(admin.id),
        client: &client,
    })
    .await?;
    tx.commit().await?;
    if let Some(token) = link {
        show_link(&state, l, id, &token).await
    } else {
        flash::push(&session, Msg::new("user-created-done").arg("email", &email)).await;
        Ok(Redirect::to(&format!("/admin/users/{id}")).into_response())
    }
}

fn new_again(l: Layout, form: UserForm, errors: FieldErrors) -> AppResult<Response> {
    let lang = l.lang;
    let page = NewUserPage {
        l,
        form: UserForm {
            password: String::new(),
            ..form
        },
        errors: errors.render(lang),
    };
    render(&page).map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response())
}

/// Shows a one-time link, once, to the admin.
async fn show_link(state: &AppState, l: Layout, id: i64, token: &str) -> AppResult<Response> {
    let user = db::user_by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut response = render(&LinkPage {
        l,
        user,
        link: format!("/set-password/{token}"),
        hours: LINK_HOURS,
    })?;
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

#[derive(Template)]
#[template(path = "admin/user_edit.html")]
struct EditUserPage {
    l: Layout,
    user: UserRow,
    form: UserForm,
    errors: Errors,
}

/// `GET /admin/users/{id}`.
pub async fn edit_form(
    State(state): State<AppState>,
    l: Layout,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let user = db::user_by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = UserForm {
        email: user.email.clone(),
        name: user.name.clone(),
        role: user.role.as_str().into(),
        unit: user.unit.clone(),
        ..UserForm::default()
    };
    render(&EditUserPage {
        l,
        user,
        form,
        errors: Errors::none(),
    })
}

/// `POST /admin/users/{id}`: name, role and unit.
pub async fn update(
    State(state): State<AppState>,
    l: Layout,
    admin: CurrentUser,
    session: Session,
    client: Client,
    Path(id): Path<i64>,
    Form(form): Form<UserForm>,
) -> AppResult<Response> {
    let user = db::user_by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::default();
    let name = errors.check("name", parse_name(&form.name));
    let role = errors.check(
        "role",
        Role::parse(&form.role).ok_or(Msg::new("role-invalid")),
    );
    let unit = errors.check("unit", parse_unit(&form.unit));
    let (Some(name), Some(role), Some(unit)) = (name, role, unit) else {
        return edit_again(l, user, form, errors);
    };
    let mut tx = state.db.begin().await?;
    if !db::update_user(&mut tx, id, &name, role, &unit).await? {
        errors.add("role", Msg::new("last-admin"));
        return edit_again(l, user, form, errors);
    }
    audit::record(
        &mut tx,
        Entry {
            action: "user.changed",
            subject_type: "user",
            subject_id: id.to_string(),
            details: json!({
                "before": { "name": user.name, "role": user.role.as_str(), "unit": user.unit },
                "after": { "name": name, "role": role.as_str(), "unit": unit },
            }),
            actor: Some(admin.id),
            client: &client,
        },
    )
    .await?;
    tx.commit().await?;
    flash::push(&session, Msg::new("user-saved").arg("email", &user.email)).await;
    Ok(Redirect::to(&format!("/admin/users/{id}")).into_response())
}

fn edit_again(
    l: Layout,
    user: UserRow,
    form: UserForm,
    errors: FieldErrors,
) -> AppResult<Response> {
    let lang = l.lang;
    let page = EditUserPage {
        l,
        user,
        form,
        errors: errors.render(lang),
    };
    render(&page).map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response())
}

/// `POST /admin/users/{id}/deactivate`: also ends the user's sessions.
pub async fn deactivate(
    state: State<AppState>,
    admin: CurrentUser,
    session: Session,
    client: Client,
    id: Path<i64>,
) -> AppResult<Response> {
    set_active(state, admin, session, client, id, false).await
}

/// `POST /admin/users/{id}/reactivate`.
pub async fn reactivate(
    state: State<AppState>,
    admin: CurrentUser,
    session: Session,
    client: Client,
    id: Path<i64>,
) -> AppResult<Response> {
    set_active(state, admin, session, client, id, true).await
}

async fn set_active(
    State(state): State<AppState>,
    admin: CurrentUser,
    session: Session,
    client: Client,
    Path(id): Path<i64>,
    active: bool,
) -> AppResult<Response> {
    let user = db::user_by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut tx = state.db.begin().await?;
    if !db::set_active(&mut tx, id, active).await? {
        return Err(AppError::Conflict(Msg::new("last-admin")));
    }
    audit::record(
        &mut tx,
        Entry {
            action: if active {
                "user.reactivated"
            } else {
                "user.deactivated"
            },
            subject_type: "user",
            subject_id: id.to_string(),
            details: json!({ "email": user.email }),
            actor: Some(admin.id),
            client: &client,
        },
    )
    .await?;
    tx.commit().await?;
    let key = if active {
        "user-reactivated"
    } else {
        "user-deactivated"
    };
    flash::push(&session, Msg::new(key).arg("email", &user.email)).await;
    Ok(Redirect::to(&format!("/admin/users/{id}")).into_response())
}

/// `POST /admin/users/{id}/reset-password`: a new one-time link; the old
/// password stops working and the user's sessions end.
pub async fn reset_password(
    State(state): State<AppState>,
    l: Layout,
    admin: CurrentUser,
    client: Client,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let user = db::user_by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !user.active {
        return Err(AppError::Conflict(Msg::new("user-inactive")));
    }
    let token = tokens::random_secret(32);
    let mut tx = state.db.begin().await?;
    db::clear_password(&mut tx, id).await?;
    db::retire_password_links(&mut tx, id).await?;
    db::end_sessions(&mut *tx, id, None).await?;
    db::create_password_link(&mut tx, id, Some(admin.id), &token, LINK_HOURS).await?;
    audit::record(
        &mut tx,
        Entry {
            action: "user.password_reset",
            subject_type: "user",
            subject_id: id.to_string(),
            details: json!({ "email": user.email }),
            actor: Some(admin.id),
            client: &client,
        },
    )
    .await?;
    tx.commit().await?;
    show_link(&state, l, id, &token).await
}
