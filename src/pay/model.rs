//! The pay-transparency report of one reporting year, computed from the
//! staff records alone: pure functions, no database (Directive (EU)
//! 2023/970, Art. 9(1) (a)–(g); `docs/PAY-TRANSPARENCY.md` explains each
//! figure to an HR reader).
//!
//! Pay is gross hourly pay: (base + variable) / annual hours. A gap is
//! (men's figure − women's figure) / men's figure × 100, rounded to one
//! decimal. Workers of gender `X` are counted in the totals and in the
//! quartile bands, never guessed into F or M. Any figure that would rest
//! on fewer than `min_group` women or men is withheld (`None`, with
//! `suppressed` set where the figure belongs to a category).

use std::collections::BTreeMap;

use serde::Serialize;

/// A worker's recorded gender.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    F,
    M,
    X,
}

impl Gender {
    /// `F`, `M` or `X` in either case, after trimming (exports of HR
    /// systems write `f` as well); anything else is `None`.
    pub fn parse(value: &str) -> Option<Gender> {
        match value.trim().to_ascii_uppercase().as_str() {
            "F" => Some(Gender::F),
            "M" => Some(Gender::M),
            "X" => Some(Gender::X),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Gender::F => "F",
            Gender::M => "M",
            Gender::X => "X",
        }
    }
}

/// The category of workers doing the same work or work of equal value:
/// a profile and the level decided for the position.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Category {
    pub profile: String,
    pub level: String,
}

/// One worker of a reporting year, as the report needs them (no
/// employee reference: the report never names anyone).
#[derive(Debug, Clone, PartialEq)]
pub struct Worker {
    pub gender: Gender,
    /// Hours paid in the year, in hundredths (`1650.50` h is `165050`).
    pub hours_centi: i64,
    /// Gross base pay of the year, in cents.
    pub base_cents: i64,
    /// Gross complementary and variable components of the year, in cents.
    pub variable_cents: i64,
    pub category: Category,
}

impl Worker {
    fn hours(&self) -> f64 {
        self.hours_centi as f64 / 100.0
    }

    /// Gross hourly pay, base and variable together.
    pub fn hourly(&self) -> f64 {
        (self.base_cents + self.variable_cents) as f64 / 100.0 / self.hours()
    }

    /// Gross hourly base pay.
    pub fn hourly_base(&self) -> f64 {
        self.base_cents as f64 / 100.0 / self.hours()
    }

    /// Gross hourly variable pay.
    pub fn hourly_variable(&self) -> f64 {
        self.variable_cents as f64 / 100.0 / self.hours()
    }

    fn receives_variable(&self) -> bool {
        self.variable_cents > 0
    }
}

/// How many workers of each gender.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Counts {
    pub female: usize,
    pub male: usize,
    /// Workers recorded as `X`.
    pub other: usize,
}

impl Counts {
    fn of<'a>(workers: impl IntoIterator<Item = &'a Worker>) -> Counts {
        let mut counts = Counts::default();
        for worker in workers {
            match worker.gender {
                Gender::F => counts.female += 1,
                Gender::M => counts.male += 1,
                Gender::X => counts.other += 1,
            }
        }
        counts
    }

    pub fn total(&self) -> usize {
        self.female + self.male + self.other
    }

    /// Whether figures comparing women and men may be shown.
    pub fn enough(&self, min_group: usize) -> bool {
        self.female >= min_group && self.male >= min_group
    }
}

/// Art. 9(1)(b), (d), (e): the variable components.
#[derive(Debug, Clone, PartialEq)]
pub struct Variable {
    /// Mean gap of hourly variable pay, among those who receive any.
    pub mean_gap_pct: Option<f64>,
    /// Median gap of hourly variable pay, among those who receive any.
    pub median_gap_pct: Option<f64>,
    /// Share of women who receive variable components.
    pub female_receiving_pct: Option<f64>,
    /// Share of men who receive variable components.
    pub male_receiving_pct: Option<f64>,
    /// Women and men who receive any (the gaps rest on these).
    pub receiving: Counts,
}

/// Art. 9(1)(f): one quartile pay band, lowest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Quartile {
    pub quartile: u8,
    /// Workers in the band (F, M and X).
    pub workers: usize,
    pub female_pct: Option<f64>,
    pub male_pct: Option<f64>,
    /// Share of workers recorded as `X`.
    pub other_pct: Option<f64>,
}

/// Art. 9(1)(g): one category of workers.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryGap {
    pub category: Category,
    pub counts: Counts,
    /// Gap of mean gross hourly base pay.
    pub base_gap_pct: Option<f64>,
    /// Gap of mean gross hourly variable pay (every worker of the
    /// category, receiving or not; none when men receive none).
    pub variable_gap_pct: Option<f64>,
    /// A gap of 5 % or more either way (Art. 10: a joint pay assessment
    /// unless objective, gender-neutral criteria justify it).
    pub flag: bool,
    /// Fewer than `min_group` women or men: no figure is shown.
    pub suppressed: bool,
    /// Mean hourly base pay of women, of men (Art. 7: what a worker may
    /// ask for their category); none when suppressed.
    pub female_mean_base: Option<f64>,
    pub male_mean_base: Option<f64>,
    pub female_mean_variable: Option<f64>,
    pub male_mean_variable: Option<f64>,
}

/// The whole report of a year.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub min_group: usize,
    pub workers: Counts,
    /// Art. 9(1)(a).
    pub mean_gap_pct: Option<f64>,
    /// Art. 9(1)(c).
    pub median_gap_pct: Option<f64>,
    pub variable: Variable,
    pub quartiles: Vec<Quartile>,
    pub categories: Vec<CategoryGap>,
}

/// The four factors of gender-neutral job evaluation (Art. 4(4)), as
/// stored on criteria and named in the API.
pub const FACTORS: [&str; 4] = ["skills", "effort", "responsibility", "working_conditions"];

/// The factors of `FACTORS` that none of `assessed` names, in order.
pub fn unassessed<S: AsRef<str>>(assessed: &[S]) -> Vec<&'static str> {
    FACTORS
        .into_iter()
        .filter(|f| !assessed.iter().any(|a| a.as_ref() == *f))
        .collect()
}

/// A gap at or beyond this (either way) flags a category (Art. 10).
pub const FLAG_PCT: f64 = 5.0;

/// Rounds to one decimal, halves away from zero.
pub fn round1(value: f64) -> f64 {
    let rounded = (value * 10.0).round() / 10.0;
    // No "-0.0" in a report.
    if rounded == 0.0 { 0.0 } else { rounded }
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let middle = sorted.len() / 2;
    Some(if sorted.len().is_multiple_of(2) {
        (sorted[middle - 1] + sorted[middle]) / 2.0
    } else {
        sorted[middle]
    })
}

/// (men − women) / men × 100, rounded; none when men's figure is zero.
pub fn gap(women: Option<f64>, men: Option<f64>) -> Option<f64> {
    let (women, men) = (women?, men?);
    (men != 0.0).then(|| round1((men - women) / men * 100.0))
}

fn pct(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| round1(part as f64 / whole as f64 * 100.0))
}

/// The values of `f` for the women and for the men among `workers`.
fn split(workers: &[&Worker], f: impl Fn(&Worker) -> f64) -> (Vec<f64>, Vec<f64>) {
    let of = |g: Gender| {
        workers
            .iter()
            .filter(|w| w.gender == g)
            .map(|w| f(w))
            .collect::<Vec<f64>>()
    };
    (of(Gender::F), of(Gender::M))
}

/// Sizes of the four quartile bands of `n` workers: equal, the first
/// bands taking one more when `n` does not divide by four.
pub fn band_sizes(n: usize) -> [usize; 4] {
    let (size, rest) = (n / 4, n % 4);
    std::array::from_fn(|i| size + usize::from(i < rest))
}

/// Computes the report of `workers` with the privacy limit `min_group`.
pub fn report(workers: &[Worker], min_group: usize) -> Report {
    let all: Vec<&Worker> = workers.iter().collect();
    let counts = Counts::of(workers.iter());
    let enough = counts.enough(min_group);

    let (women, men) = split(&all, Worker::hourly);
    let (mean_gap_pct, median_gap_pct) = if enough {
        (
            gap(mean(&women), mean(&men)),
            gap(median(&women), median(&men)),
        )
    } else {
        (None, None)
    };

    let receivers: Vec<&Worker> = all
        .iter()
        .copied()
        .filter(|w| w.receives_variable())
        .collect();
    let receiving = Counts::of(receivers.iter().copied());
    let (women_v, men_v) = split(&receivers, Worker::hourly_variable);
    let (v_mean, v_median) = if receiving.enough(min_group) {
        (
            gap(mean(&women_v), mean(&men_v)),
            gap(median(&women_v), median(&men_v)),
        )
    } else {
        (None, None)
    };
    let variable = Variable {
        mean_gap_pct: v_mean,
        median_gap_pct: v_median,
        female_receiving_pct: (counts.female >= min_group)
            .then(|| pct(receiving.female, counts.female))
            .flatten(),
        male_receiving_pct: (counts.male >= min_group)
            .then(|| pct(receiving.male, counts.male))
            .flatten(),
        receiving,
    };

    let mut sorted = all.clone();
    sorted.sort_by(|a, b| a.hourly().total_cmp(&b.hourly()));
    let mut start = 0;
    let quartiles = band_sizes(sorted.len())
        .iter()
        .zip(1u8..)
        .map(|(&size, quartile)| {
            let band = Counts::of(sorted[start..start + size].iter().copied());
            start += size;
            let shown = |part: usize| enough.then(|| pct(part, size)).flatten();
            Quartile {
                quartile,
                workers: size,
                female_pct: shown(band.female),
                male_pct: shown(band.male),
                other_pct: shown(band.other),
            }
        })
        .collect();

    let mut by_category: BTreeMap<&Category, Vec<&Worker>> = BTreeMap::new();
    for worker in workers {
        by_category
            .entry(&worker.category)
            .or_default()
            .push(worker);
    }
    let categories = by_category
        .into_iter()
        .map(|(category, members)| category_gap(category, &members, min_group))
        .collect();

    Report {
        min_group,
        workers: counts,
        mean_gap_pct,
        median_gap_pct,
        variable,
        quartiles,
        categories,
    }
}

fn category_gap(category: &Category, members: &[&Worker], min_group: usize) -> CategoryGap {
    let counts = Counts::of(members.iter().copied());
    let suppressed = !counts.enough(min_group);
    let (women_base, men_base) = split(members, Worker::hourly_base);
    let (women_var, men_var) = split(members, Worker::hourly_variable);
    let shown = |value: Option<f64>| if suppressed { None } else { value };
    let money = |value: Option<f64>| shown(value).map(|v| (v * 100.0).round() / 100.0);
    let base_gap_pct = shown(gap(mean(&women_base), mean(&men_base)));
    let variable_gap_pct = shown(gap(mean(&women_var), mean(&men_var)));
    let flag = [base_gap_pct, variable_gap_pct]
        .iter()
        .flatten()
        .any(|g| g.abs() >= FLAG_PCT);
    CategoryGap {
        category: category.clone(),
        counts,
        base_gap_pct,
        variable_gap_pct,
        flag,
        suppressed,
        female_mean_base: money(mean(&women_base)),
        male_mean_base: money(mean(&men_base)),
        female_mean_variable: money(mean(&women_var)),
        male_mean_variable: money(mean(&men_var)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gender_reads_in_either_case_and_nothing_else() {
        assert_eq!(Gender::parse(" f "), Some(Gender::F));
        assert_eq!(Gender::parse("M"), Some(Gender::M));
        assert_eq!(Gender::parse("x"), Some(Gender::X));
        for other in ["", "V", "man", "FM", "é"] {
            assert_eq!(Gender::parse(other), None, "{other}");
        }
    }

    fn cat(profile: &str, level: &str) -> Category {
        Category {
            profile: profile.into(),
            level: level.into(),
        }
    }

    /// A worker of 1000 hours, so that pay in euros over 1000 is hourly.
    fn w(gender: Gender, base: i64, variable: i64, category: &Category) -> Worker {
        Worker {
            gender,
            hours_centi: 100_000,
            base_cents: base * 100,
            variable_cents: variable * 100,
            category: category.clone(),
        }
    }

    #[test]
    fn bands_of_a_count_that_does_not_divide_by_four_give_the_first_bands_one_more() {
        assert_eq!(band_sizes(8), [2, 2, 2, 2]);
        assert_eq!(band_sizes(11), [3, 3, 3, 2]);
        assert_eq!(band_sizes(13), [4, 3, 3, 3]);
        assert_eq!(band_sizes(2), [1, 1, 0, 0]);
        assert_eq!(band_sizes(0), [0, 0, 0, 0]);
    }

    #[test]
    fn rounding_keeps_one_decimal_and_halves_go_away_from_zero() {
        assert_eq!(round1(6.25), 6.3);
        assert_eq!(round1(-6.25), -6.3);
        assert_eq!(round1(4.04), 4.0);
        assert_eq!(round1(-0.01), 0.0);
        assert!(round1(-0.01).is_sign_positive());
    }

    #[test]
    fn mean_and_median_gaps_follow_art_9_with_an_x_worker_counted_but_not_guessed() {
        let c = cat("p", "C");
        // Women 20, 22, 24, 26, 28 €/h; men 25, 25, 30, 30, 40 €/h; X 100 €/h.
        let mut workers: Vec<Worker> = [20, 22, 24, 26, 28]
            .iter()
            .map(|&h| w(Gender::F, h * 1000, 0, &c))
            .collect();
        workers.extend(
            [25, 25, 30, 30, 40]
                .iter()
                .map(|&h| w(Gender::M, h * 1000, 0, &c)),
        );
        workers.push(w(Gender::X, 100_000, 0, &c));
        let r = report(&workers, 5);
        assert_eq!(
            r.workers,
            Counts {
                female: 5,
                male: 5,
                other: 1
            }
        );
        // Mean women 24, men 30: (30 − 24) / 30 = 20 %. Medians 24 and 30: 20 %.
        assert_eq!(r.mean_gap_pct, Some(20.0));
        assert_eq!(r.median_gap_pct, Some(20.0));
        // 11 workers: bands of 3, 3, 3, 2; the X worker (highest) is in the last.
        let sizes: Vec<usize> = r.quartiles.iter().map(|q| q.workers).collect();
        assert_eq!(sizes, [3, 3, 3, 2]);
        // Sorted: F20 F22 F24 | M25 M25 F26 | F28 M30 M30 | M40 X100.
        assert_eq!(r.quartiles[0].female_pct, Some(100.0));
        assert_eq!(r.quartiles[1].female_pct, Some(33.3));
        assert_eq!(r.quartiles[1].male_pct, Some(66.7));
        assert_eq!(r.quartiles[3].male_pct, Some(50.0));
        assert_eq!(r.quartiles[3].other_pct, Some(50.0));
    }

    #[test]
    fn variable_gaps_count_only_those_who_receive_any() {
        let c = cat("p", "C");
        let mut workers = Vec::new();
        // Six women: five receive 1, 2, 3, 4, 5 €/h; one receives none.
        for v in 1..=5 {
            workers.push(w(Gender::F, 20_000, v * 1000, &c));
        }
        workers.push(w(Gender::F, 20_000, 0, &c));
        // Eight men: five receive 2, 4, 6, 8, 10 €/h; three none.
        for v in 1..=5 {
            workers.push(w(Gender::M, 20_000, v * 2000, &c));
        }
        for _ in 0..3 {
            workers.push(w(Gender::M, 20_000, 0, &c));
        }
        let r = report(&workers, 5);
        // Means 3 and 6: 50 %; medians 3 and 6: 50 %.
        assert_eq!(r.variable.mean_gap_pct, Some(50.0));
        assert_eq!(r.variable.median_gap_pct, Some(50.0));
        // 5 of 6 women (83.3 %), 5 of 8 men (62.5 %).
        assert_eq!(r.variable.female_receiving_pct, Some(83.3));
        assert_eq!(r.variable.male_receiving_pct, Some(62.5));
    }

    #[test]
    fn a_category_just_under_the_limit_shows_no_figure() {
        let big = cat("p", "B");
        let small = cat("p", "C");
        let mut workers = Vec::new();
        for _ in 0..5 {
            workers.push(w(Gender::F, 40_000, 0, &big));
            workers.push(w(Gender::M, 45_000, 0, &big));
            workers.push(w(Gender::M, 30_000, 0, &small));
        }
        for _ in 0..4 {
            workers.push(w(Gender::F, 20_000, 0, &small));
        }
        let r = report(&workers, 5);
        let b = &r.categories[0];
        assert_eq!(b.category, big);
        assert!(!b.suppressed);
        // (45 − 40) / 45 = 11.1 %.
        assert_eq!(b.base_gap_pct, Some(11.1));
        assert!(b.flag);
        assert_eq!(b.variable_gap_pct, None, "no man receives variable pay");
        let c = &r.categories[1];
        assert!(c.suppressed);
        assert_eq!(c.counts.female, 4);
        assert_eq!(c.base_gap_pct, None);
        assert_eq!(c.female_mean_base, None);
        assert!(!c.flag, "a withheld gap is never flagged");
    }

    #[test]
    fn too_few_women_overall_withholds_every_top_level_figure() {
        let c = cat("p", "C");
        let mut workers: Vec<Worker> = (0..4).map(|_| w(Gender::F, 20_000, 10, &c)).collect();
        workers.extend((0..9).map(|_| w(Gender::M, 30_000, 10, &c)));
        let r = report(&workers, 5);
        assert_eq!(r.mean_gap_pct, None);
        assert_eq!(r.median_gap_pct, None);
        assert_eq!(r.variable.mean_gap_pct, None);
        assert_eq!(r.variable.female_receiving_pct, None);
        assert_eq!(r.variable.male_receiving_pct, Some(100.0));
        assert!(r.quartiles.iter().all(|q| q.female_pct.is_none()));
        assert!(r.categories[0].suppressed);
    }

    #[test]
    fn a_gap_just_under_five_percent_is_not_flagged_and_a_negative_one_is() {
        let c = cat("p", "C");
        let d = cat("p", "D");
        let mut workers = Vec::new();
        for _ in 0..5 {
            // (100 − 95.1) / 100 = 4.9 %.
            workers.push(w(Gender::F, 95_100, 0, &c));
            workers.push(w(Gender::M, 100_000, 0, &c));
            // (100 − 105) / 100 = −5 %: women earn more, still flagged.
            workers.push(w(Gender::F, 105_000, 0, &d));
            workers.push(w(Gender::M, 100_000, 0, &d));
        }
        let r = report(&workers, 5);
        assert_eq!(r.categories[0].base_gap_pct, Some(4.9));
        assert!(!r.categories[0].flag);
        assert_eq!(r.categories[1].base_gap_pct, Some(-5.0));
        assert!(r.categories[1].flag);
    }

    #[test]
    fn hourly_pay_divides_by_the_hours_worked() {
        let c = cat("p", "C");
        let part_time = Worker {
            gender: Gender::F,
            hours_centi: 80_000,
            base_cents: 1_600_000,
            variable_cents: 400_000,
            category: c,
        };
        assert_eq!(part_time.hourly(), 25.0);
        assert_eq!(part_time.hourly_base(), 20.0);
        assert_eq!(part_time.hourly_variable(), 5.0);
    }

    #[test]
    fn factors_no_criterion_assesses_are_named_in_order() {
        assert_eq!(
            unassessed(&["effort", "skills"]),
            ["responsibility", "working_conditions"]
        );
        assert!(unassessed(&FACTORS).is_empty());
        assert_eq!(unassessed::<&str>(&[]), FACTORS);
    }
}
