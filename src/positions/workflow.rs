//! The life cycle of a position as a pure function: who may do what in
//! which status, and what the status becomes.
//!
//! ```text
//! draft ──submit──▶ submitted ──claim──▶ in_review ──decide──▶ decided
//!   │                 │  ▲                   │
//!   └──withdraw──▶ withdrawn ◀─withdraw┘  │                   │ return (question)
//!                                 resubmit └── returned ◀──────┘
//! ```

use serde::Serialize;

/// Where a position stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, sqlx::Type, utoipa::ToSchema)]
#[sqlx(type_name = "position_status", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Submitted,
    InReview,
    Returned,
    Decided,
    Withdrawn,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Draft,
        Status::Submitted,
        Status::InReview,
        Status::Returned,
        Status::Decided,
        Status::Withdrawn,
    ];
    /// The statuses of the HR queue.
    pub const OPEN: [Status; 3] = [Status::Submitted, Status::InReview, Status::Returned];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::InReview => "in_review",
            Status::Returned => "returned",
            Status::Decided => "decided",
            Status::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(value: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// Message key of the status name.
    pub fn label_key(self) -> &'static str {
        match self {
            Status::Draft => "pstatus-draft",
            Status::Submitted => "pstatus-submitted",
            Status::InReview => "pstatus-in_review",
            Status::Returned => "pstatus-returned",
            Status::Decided => "pstatus-decided",
            Status::Withdrawn => "pstatus-withdrawn",
        }
    }

    /// The manager may change the position's content.
    pub fn is_editable(self) -> bool {
        matches!(self, Status::Draft | Status::Returned)
    }
}

/// Something a user does to a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Edit,
    Submit,
    Withdraw,
    Claim,
    /// HR records its own placements.
    Place,
    Return,
    Decide,
    Comment,
}

/// The acting user's relation to the position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    /// Submitted (owns) the position.
    pub is_owner: bool,
    /// HR officer or admin.
    pub is_hr: bool,
}

/// Why an action is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// This user may never do this to this position.
    NotAllowed,
    /// Not in the current status.
    WrongStatus,
}

/// The status after `action`, or why it is refused. Comments and HR
/// placements keep the status.
pub fn transition(actor: Actor, status: Status, action: Action) -> Result<Status, Refusal> {
    use Action as A;
    use Status as S;
    let allowed = match action {
        A::Edit | A::Submit | A::Withdraw => actor.is_owner,
        // Nobody reviews or decides their own position.
        A::Claim | A::Place | A::Return | A::Decide => actor.is_hr && !actor.is_owner,
        A::Comment => actor.is_owner || actor.is_hr,
    };
    if !allowed {
        return Err(Refusal::NotAllowed);
    }
    match (action, status) {
        (A::Edit, S::Draft | S::Returned) => Ok(status),
        (A::Submit, S::Draft | S::Returned) => Ok(S::Submitted),
        (A::Withdraw, S::Draft | S::Submitted) => Ok(S::Withdrawn),
        (A::Claim, S::Submitted) => Ok(S::InReview),
        (A::Place, S::InReview) => Ok(S::InReview),
        (A::Return, S::InReview) => Ok(S::Returned),
        (A::Decide, S::InReview) => Ok(S::Decided),
        (A::Comment, S::Submitted | S::InReview | S::Returned | S::Decided) => Ok(status),
        _ => Err(Refusal::WrongStatus),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action as A;
    use Status as S;

    const OWNER: Actor = Actor {
        is_owner: true,
        is_hr: false,
    };
    const HR: Actor = Actor {
        is_owner: false,
        is_hr: true,
    };
    const HR_OWNER: Actor = Actor {
        is_owner: true,
        is_hr: true,
    };
    const STRANGER: Actor = Actor {
        is_owner: false,
        is_hr: false,
    };

    #[test]
    fn the_happy_path_runs_from_draft_to_decided() {
        let s = transition(OWNER, S::Draft, A::Submit).unwrap();
        let s = transition(HR, s, A::Claim).unwrap();
        let s = transition(HR, s, A::Return).unwrap();
        assert_eq!(s, S::Returned);
        let s = transition(OWNER, s, A::Edit).unwrap();
        let s = transition(OWNER, s, A::Submit).unwrap();
        let s = transition(HR, s, A::Claim).unwrap();
        assert_eq!(transition(HR, s, A::Decide), Ok(S::Decided));
    }

    #[test]
    fn withdrawing_is_possible_until_hr_starts_the_review() {
        assert_eq!(transition(OWNER, S::Draft, A::Withdraw), Ok(S::Withdrawn));
        assert_eq!(
            transition(OWNER, S::Submitted, A::Withdraw),
            Ok(S::Withdrawn)
        );
        for s in [S::InReview, S::Returned, S::Decided, S::Withdrawn] {
            assert_eq!(
                transition(OWNER, s, A::Withdraw),
                Err(Refusal::WrongStatus),
                "{s:?}"
            );
        }
    }

    #[test]
    fn nobody_reviews_or_decides_their_own_position() {
        for a in [A::Claim, A::Place, A::Return, A::Decide] {
            assert_eq!(
                transition(HR_OWNER, S::InReview, a),
                Err(Refusal::NotAllowed),
                "{a:?}"
            );
            assert_eq!(
                transition(OWNER, S::InReview, a),
                Err(Refusal::NotAllowed),
                "{a:?}"
            );
        }
    }

    #[test]
    fn hr_does_not_edit_and_strangers_do_nothing() {
        for a in [A::Edit, A::Submit, A::Withdraw] {
            assert_eq!(transition(HR, S::Draft, a), Err(Refusal::NotAllowed));
        }
        for a in [
            A::Edit,
            A::Submit,
            A::Withdraw,
            A::Claim,
            A::Place,
            A::Return,
            A::Decide,
            A::Comment,
        ] {
            for s in Status::ALL {
                assert_eq!(transition(STRANGER, s, a), Err(Refusal::NotAllowed));
            }
        }
    }

    #[test]
    fn a_decided_or_withdrawn_position_is_final() {
        for a in [
            A::Edit,
            A::Submit,
            A::Withdraw,
            A::Claim,
            A::Place,
            A::Return,
            A::Decide,
        ] {
            for actor in [OWNER, HR] {
                assert!(transition(actor, S::Decided, a).is_err());
                assert!(transition(actor, S::Withdrawn, a).is_err());
            }
        }
    }

    #[test]
    fn only_open_positions_can_be_edited() {
        let editable: Vec<Status> = Status::ALL
            .into_iter()
            .filter(|s| transition(OWNER, *s, A::Edit).is_ok())
            .collect();
        assert_eq!(editable, [S::Draft, S::Returned]);
        assert!(editable.iter().all(|s| s.is_editable()));
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
    }
}
