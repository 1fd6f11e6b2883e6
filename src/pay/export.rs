//! A year's report as rows for the CSV and XLSX exports: one figure a
//! row, with the counts it rests on and whether it is shown, withheld
//! (fewer than the privacy limit of women or men) or undefined. The same
//! rows go into both files, so they never say different things.

use super::model::Counts;
use super::report::YearReport;

/// The header of the exports.
pub const HEADER: [&str; 9] = [
    "figure",
    "profile",
    "level",
    "female",
    "male",
    "other",
    "value_pct",
    "status",
    "justification",
];

/// One figure of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRow {
    pub figure: String,
    pub profile: String,
    pub level: String,
    pub counts: Counts,
    pub value: Option<f64>,
    /// `shown`, `suppressed` (under the privacy limit) or `undefined`.
    pub status: &'static str,
    pub justification: String,
}

impl ExportRow {
    /// The row as text cells, in `HEADER`'s order ("—" for no value).
    pub fn cells(&self) -> [String; 9] {
        [
            self.figure.clone(),
            self.profile.clone(),
            self.level.clone(),
            self.counts.female.to_string(),
            self.counts.male.to_string(),
            self.counts.other.to_string(),
            self.value
                .map_or_else(|| "—".to_string(), |v| format!("{v:.1}")),
            self.status.to_string(),
            self.justification.clone(),
        ]
    }
}

fn status(value: Option<f64>, enough: bool) -> &'static str {
    match (value, enough) {
        (Some(_), _) => "shown",
        (None, false) => "suppressed",
        (None, true) => "undefined",
    }
}

/// The rows of `y`, top-level figures first, then the quartile bands and
/// the categories.
pub fn rows(y: &YearReport) -> Vec<ExportRow> {
    let r = &y.report;
    let min = r.min_group;
    let row = |figure: &str, counts: Counts, value: Option<f64>, enough: bool| ExportRow {
        figure: figure.to_string(),
        profile: String::new(),
        level: String::new(),
        counts,
        value,
        status: status(value, enough),
        justification: String::new(),
    };
    let all = r.workers;
    let receiving = r.variable.receiving;
    let mut rows = vec![
        row("mean_gap", all, r.mean_gap_pct, all.enough(min)),
        row("median_gap", all, r.median_gap_pct, all.enough(min)),
        row(
            "variable_mean_gap",
            receiving,
            r.variable.mean_gap_pct,
            receiving.enough(min),
        ),
        row(
            "variable_median_gap",
            receiving,
            r.variable.median_gap_pct,
            receiving.enough(min),
        ),
        row(
            "female_receiving_variable",
            all,
            r.variable.female_receiving_pct,
            all.female >= min,
        ),
        row(
            "male_receiving_variable",
            all,
            r.variable.male_receiving_pct,
            all.male >= min,
        ),
    ];
    for q in &r.quartiles {
        for (who, value) in [
            ("female", q.female_pct),
            ("male", q.male_pct),
            ("other", q.other_pct),
        ] {
            rows.push(row(
                &format!("quartile_{}_{who}", q.quartile),
                all,
                value,
                all.enough(min) || q.workers == 0,
            ));
        }
    }
    for c in &r.categories {
        for (figure, value) in [
            ("category_base_gap", c.base_gap_pct),
            ("category_variable_gap", c.variable_gap_pct),
        ] {
            rows.push(ExportRow {
                profile: c.category.profile.clone(),
                level: c.category.level.clone(),
                justification: y.justification(&c.category).unwrap_or_default().to_string(),
                ..row(figure, c.counts, value, !c.suppressed)
            });
        }
    }
    rows
}

/// The rows as CSV (UTF-8, `,`, a header line).
pub fn csv(rows: &[ExportRow]) -> anyhow::Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(HEADER)?;
    for row in rows {
        writer.write_record(row.cells())?;
    }
    Ok(writer.into_inner()?)
}

/// The rows as an XLSX workbook of one sheet; values as numbers.
pub fn xlsx(year: i32, rows: &[ExportRow]) -> anyhow::Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(format!("Pay {year}"))?;
    let bold = Format::new().set_bold();
    for (col, name) in (0u16..).zip(HEADER) {
        sheet.write_string_with_format(0, col, name, &bold)?;
    }
    for (line, row) in (1u32..).zip(rows) {
        let cells = row.cells();
        sheet.write_string(line, 0, &cells[0])?;
        sheet.write_string(line, 1, &cells[1])?;
        sheet.write_string(line, 2, &cells[2])?;
        sheet.write_number(line, 3, row.counts.female as f64)?;
        sheet.write_number(line, 4, row.counts.male as f64)?;
        sheet.write_number(line, 5, row.counts.other as f64)?;
        match row.value {
            Some(value) => sheet.write_number(line, 6, value)?,
            None => sheet.write_string(line, 6, "—")?,
        };
        sheet.write_string(line, 7, &cells[7])?;
        sheet.write_string(line, 8, &cells[8])?;
    }
    sheet.autofit();
    Ok(book.save_to_buffer()?)
}
