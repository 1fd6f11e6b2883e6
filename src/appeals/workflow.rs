//! The life of an appeal as a pure function: who may do what, when.
//!
//! ```text
//! decided ──lodge──▶ open ──ask──▶ waiting ──answer──▶ open ──decide──▶ decided
//! (within the window)  │ claim/assign keep it open
//! ```
//!
//! The position stays `decided`; the appeal is a second, final look at the
//! decision by an officer other than the one who took it.

use serde::{Deserialize, Serialize};

/// Where an appeal stands (`None` before one is lodged).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, sqlx::Type, utoipa::ToSchema,
)]
#[sqlx(type_name = "appeal_status", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum AppealStatus {
    /// Waiting for an officer's question or decision.
    Open,
    /// A question to the appellant is unanswered.
    Waiting,
    Decided,
}

impl AppealStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AppealStatus::Open => "open",
            AppealStatus::Waiting => "waiting",
            AppealStatus::Decided => "decided",
        }
    }

    /// Message key of the status name.
    pub fn label_key(self) -> &'static str {
        match self {
            AppealStatus::Open => "appeal-status-open",
            AppealStatus::Waiting => "appeal-status-waiting",
            AppealStatus::Decided => "appeal-status-decided",
        }
    }
}

/// Something done to an appeal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppealAction {
    Lodge,
    /// An officer takes the appeal (the web's claim step).
    Claim,
    /// An admin gives the appeal to an officer.
    Assign,
    Ask,
    Answer,
    Decide,
}

/// The acting person's relation to the appeal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AppealActor {
    /// May lodge and answer: the position's manager, or (for an appeal
    /// lodged through it) the holder of a live share link.
    pub is_appellant: bool,
    /// HR officer or admin.
    pub is_hr: bool,
    pub is_admin: bool,
    /// Took the decision appealed against.
    pub decided_it: bool,
    /// Owns the position.
    pub is_owner: bool,
    /// The appeal is claimed by someone else.
    pub claimed_by_other: bool,
}

/// The state an action meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Situation {
    /// The position is decided.
    pub decided: bool,
    /// The appeal, when one was lodged.
    pub appeal: Option<AppealStatus>,
    /// The deadline has not passed.
    pub window_open: bool,
}

/// Why an action is refused; each is its own answer (403 or a 409 code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppealRefusal {
    NotAllowed,
    /// The officer who decided may not handle the appeal.
    FourEyes,
    NotDecided,
    AppealExists,
    WindowClosed,
    /// No appeal in a status that allows this.
    NoOpenAppeal,
    /// Another officer handles it.
    ClaimedByOther,
}

impl AppealRefusal {
    /// The API's error code (`None`: a 403).
    pub fn code(self) -> Option<&'static str> {
        match self {
            AppealRefusal::NotAllowed | AppealRefusal::FourEyes => None,
            AppealRefusal::NotDecided => Some("not_decided"),
            AppealRefusal::AppealExists => Some("appeal_exists"),
            AppealRefusal::WindowClosed => Some("appeal_window_closed"),
            AppealRefusal::NoOpenAppeal => Some("no_open_appeal"),
            AppealRefusal::ClaimedByOther => Some("appeal_claimed"),
        }
    }
}

/// The appeal's status after `action`, or why it is refused.
pub fn transition(
    actor: AppealActor,
    now: Situation,
    action: AppealAction,
) -> Result<AppealStatus, AppealRefusal> {
    use AppealAction as A;
    use AppealRefusal as R;
    use AppealStatus as S;
    let officer = matches!(action, A::Claim | A::Ask | A::Decide);
    let allowed = match action {
        A::Lodge | A::Answer => actor.is_appellant,
        A::Claim | A::Ask | A::Decide => actor.is_hr && !actor.is_owner,
        A::Assign => actor.is_admin,
    };
    if !allowed {
        return Err(R::NotAllowed);
    }
    if officer && actor.decided_it {
        return Err(R::FourEyes);
    }
    if !now.decided {
        return Err(R::NotDecided);
    }
    match (action, now.appeal) {
        (A::Lodge, Some(_)) => Err(R::AppealExists),
        (A::Lodge, None) if !now.window_open => Err(R::WindowClosed),
        (A::Lodge, None) => Ok(S::Open),
        (_, Some(S::Open | S::Waiting)) if officer && actor.claimed_by_other => {
            Err(R::ClaimedByOther)
        }
        (A::Claim | A::Assign, Some(s @ (S::Open | S::Waiting))) => Ok(s),
        (A::Ask, Some(S::Open)) => Ok(S::Waiting),
        (A::Answer, Some(S::Waiting)) => Ok(S::Open),
        (A::Decide, Some(S::Open)) => Ok(S::Decided),
        _ => Err(R::NoOpenAppeal),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AppealAction as A;
    use AppealRefusal as R;
    use AppealStatus as S;

    const APPELLANT: AppealActor = AppealActor {
        is_appellant: true,
        is_hr: false,
        is_admin: false,
        decided_it: false,
        is_owner: true,
        claimed_by_other: false,
    };
    const OFFICER: AppealActor = AppealActor {
        is_appellant: false,
        is_hr: true,
        is_admin: false,
        decided_it: false,
        is_owner: false,
        claimed_by_other: false,
    };
    const DECIDER: AppealActor = AppealActor {
        decided_it: true,
        ..OFFICER
    };
    const ADMIN: AppealActor = AppealActor {
        is_admin: true,
        ..OFFICER
    };

    fn at(appeal: Option<AppealStatus>) -> Situation {
        Situation {
            decided: true,
            appeal,
            window_open: true,
        }
    }

    #[test]
    fn an_appeal_runs_from_lodging_through_a_question_to_a_decision() {
        let s = transition(APPELLANT, at(None), A::Lodge).unwrap();
        assert_eq!(s, S::Open);
        let s = transition(OFFICER, at(Some(s)), A::Claim).unwrap();
        let s = transition(OFFICER, at(Some(s)), A::Ask).unwrap();
        assert_eq!(s, S::Waiting);
        assert_eq!(
            transition(OFFICER, at(Some(s)), A::Decide),
            Err(R::NoOpenAppeal),
            "not while the appellant is asked"
        );
        let s = transition(APPELLANT, at(Some(s)), A::Answer).unwrap();
        assert_eq!(transition(OFFICER, at(Some(s)), A::Decide), Ok(S::Decided));
    }

    #[test]
    fn the_officer_who_decided_never_handles_the_appeal() {
        for a in [A::Claim, A::Ask, A::Decide] {
            assert_eq!(transition(DECIDER, at(Some(S::Open)), a), Err(R::FourEyes));
        }
        // An admin may still give it to someone else.
        let admin_decider = AppealActor {
            decided_it: true,
            ..ADMIN
        };
        assert_eq!(
            transition(admin_decider, at(Some(S::Open)), A::Assign),
            Ok(S::Open)
        );
    }

    #[test]
    fn one_appeal_per_decision_within_the_window() {
        for s in [S::Open, S::Waiting, S::Decided] {
            assert_eq!(
                transition(APPELLANT, at(Some(s)), A::Lodge),
                Err(R::AppealExists)
            );
        }
        let closed = Situation {
            window_open: false,
            ..at(None)
        };
        assert_eq!(
            transition(APPELLANT, closed, A::Lodge),
            Err(R::WindowClosed)
        );
        let undecided = Situation {
            decided: false,
            ..at(None)
        };
        assert_eq!(
            transition(APPELLANT, undecided, A::Lodge),
            Err(R::NotDecided)
        );
    }

    #[test]
    fn a_claimed_appeal_is_handled_by_its_officer_only() {
        let other = AppealActor {
            claimed_by_other: true,
            ..OFFICER
        };
        for a in [A::Claim, A::Ask, A::Decide] {
            assert_eq!(
                transition(other, at(Some(S::Open)), a),
                Err(R::ClaimedByOther)
            );
        }
        let admin = AppealActor {
            claimed_by_other: true,
            ..ADMIN
        };
        assert_eq!(transition(admin, at(Some(S::Open)), A::Assign), Ok(S::Open));
    }

    #[test]
    fn roles_are_kept_apart() {
        for a in [A::Claim, A::Ask, A::Decide, A::Assign] {
            assert_eq!(
                transition(APPELLANT, at(Some(S::Open)), a),
                Err(R::NotAllowed)
            );
        }
        for a in [A::Lodge, A::Answer, A::Assign] {
            assert_eq!(
                transition(OFFICER, at(Some(S::Waiting)), a),
                Err(R::NotAllowed)
            );
        }
        // An officer who owns the position handles none of its appeal.
        let owner_officer = AppealActor {
            is_owner: true,
            ..OFFICER
        };
        assert_eq!(
            transition(owner_officer, at(Some(S::Open)), A::Decide),
            Err(R::NotAllowed)
        );
    }

    #[test]
    fn a_decided_appeal_is_final() {
        for (actor, a) in [
            (OFFICER, A::Claim),
            (OFFICER, A::Ask),
            (OFFICER, A::Decide),
            (APPELLANT, A::Answer),
            (ADMIN, A::Assign),
        ] {
            assert_eq!(
                transition(actor, at(Some(S::Decided)), a),
                Err(R::NoOpenAppeal)
            );
        }
    }
}
