//! Which HR officers handle a unit: those of the unit itself or of a unit
//! above it ("FOD X" for "FOD X / Dienst 1"), else those of the same
//! organisation (the unit's first part: "FOD X / Dienst 9" for "FOD X /
//! Dienst 1"), else every officer. Submissions are announced to them, and
//! the daily digest lists waiting positions to them; HR of another
//! organisation does not hear of a position while its own has officers.
//! Case and surrounding spaces do not count.

/// An active HR officer and their unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Officer {
    pub id: i64,
    pub unit: String,
}

/// A unit as compared: lower case, trimmed.
fn key(unit: &str) -> String {
    unit.trim().to_lowercase()
}

/// The organisation of a unit (a key): its part before the first " /".
fn organisation(unit: &str) -> &str {
    unit.split(" /").next().unwrap_or_default().trim_end()
}

/// The officers among `officers` who handle `unit`, in their order;
/// every officer when `unit` is empty.
pub fn handling(officers: &[Officer], unit: &str) -> Vec<i64> {
    let unit = key(unit);
    let keyed: Vec<(i64, String)> = officers.iter().map(|o| (o.id, key(&o.unit))).collect();
    let pick = |fits: &dyn Fn(&str) -> bool| -> Vec<i64> {
        keyed
            .iter()
            .filter(|(_, u)| !u.is_empty() && fits(u))
            .map(|(id, _)| *id)
            .collect()
    };
    if !unit.is_empty() {
        let within = |u: &str| {
            unit == u
                || unit
                    .strip_prefix(u)
                    .is_some_and(|rest| rest.starts_with(" /"))
        };
        let by_unit = pick(&within);
        if !by_unit.is_empty() {
            return by_unit;
        }
        let org = organisation(&unit);
        let by_organisation = pick(&|u: &str| organisation(u) == org);
        if !by_organisation.is_empty() {
            return by_organisation;
        }
    }
    keyed.iter().map(|(id, _)| *id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn officers() -> Vec<Officer> {
        [
            (1, "FOD X"),
            (2, "FOD X / Dienst 9"),
            (3, "fod y / Dienst 1 "),
            (4, ""),
            (5, "FOD XY"),
        ]
        .into_iter()
        .map(|(id, unit)| Officer {
            id,
            unit: unit.into(),
        })
        .collect()
    }

    #[test]
    fn the_officers_of_the_unit_or_a_unit_above_it_come_first() {
        assert_eq!(handling(&officers(), "fod x / Dienst 2"), [1]);
        assert_eq!(handling(&officers(), " FOD X / Dienst 9 / Cel 1"), [1, 2]);
        assert_eq!(handling(&officers(), "FOD XY / A"), [5]);
    }

    #[test]
    fn else_those_of_the_organisation_else_everyone() {
        assert_eq!(handling(&officers(), "FOD Y / Dienst 5"), [3]);
        assert_eq!(handling(&officers(), "FOD Y"), [3]);
        assert_eq!(handling(&officers(), "FOD Z / Dienst 1"), [1, 2, 3, 4, 5]);
        assert_eq!(handling(&officers(), "  "), [1, 2, 3, 4, 5]);
        assert!(handling(&[], "FOD X").is_empty());
    }
}
