//! Reading a staff file (CSV, or a workbook: `staff_xlsx`) of a reporting
//! year: the columns
//! `employee, position, gender, annual_hours, base_pay, variable_pay`,
//! every row checked and every problem named by its line and column, so
//! that a file is stored whole or not at all. Whether each position is
//! decided is asked of the database afterwards (`db::position_states`).

use std::collections::HashMap;

use super::model::Gender;

/// The columns of a staff file, in the order exports write them.
pub const COLUMNS: [&str; 6] = [
    "employee",
    "position",
    "gender",
    "annual_hours",
    "base_pay",
    "variable_pay",
];

/// The longest employee reference kept.
pub const MAX_EMPLOYEE: usize = 64;

/// The most hours a year holds (a leap year, day and night).
const MAX_HOURS_CENTI: i64 = 8784 * 100;

/// The largest amount read, in cents (a thousand million euros).
const MAX_CENTS: i64 = 100_000_000_000;

/// One row of a staff file, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Line in the file (the header is line 1).
    pub line: usize,
    /// A pseudonymous reference; never logged.
    pub employee: String,
    pub position: i64,
    pub gender: Gender,
    pub hours_centi: i64,
    pub base_cents: i64,
    pub variable_cents: i64,
}

/// What is wrong where in a staff file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    /// The column's name, or empty for the line as a whole.
    pub column: String,
    /// Stable code: `missing_column`, `bad_gender`, `unknown_position`, …
    pub code: &'static str,
}

impl Problem {
    pub fn new(line: usize, column: &str, code: &'static str) -> Self {
        Problem {
            line,
            column: column.to_string(),
            code,
        }
    }

    /// The message key of this problem (`pay-file-<code>`).
    pub fn message_key(&self) -> &'static str {
        match self.code {
            "not_utf8" => "pay-file-not-utf8",
            "empty" => "pay-file-empty",
            "missing_column" => "pay-file-missing-column",
            "unknown_column" => "pay-file-unknown-column",
            "malformed" => "pay-file-malformed",
            "required" => "pay-file-required",
            "too_long" => "pay-file-too-long",
            "duplicate" => "pay-file-duplicate",
            "not_a_number" => "pay-file-not-a-number",
            "negative" => "pay-file-negative",
            "not_positive" => "pay-file-not-positive",
            "too_large" => "pay-file-too-large",
            "bad_gender" => "pay-file-bad-gender",
            "unknown_position" => "pay-file-unknown-position",
            "undecided_position" => "pay-file-undecided-position",
            "unreadable_xlsx" => "pay-file-unreadable-xlsx",
            "xlsx_too_large" => "pay-file-xlsx-too-large",
            _ => "pay-file-malformed",
        }
    }
}

/// How a staff file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    /// An Office Open XML workbook: its first sheet is read.
    Xlsx,
}

impl Format {
    /// The format of `bytes` by their first bytes: a ZIP archive is a
    /// workbook, anything else is read as CSV.
    pub fn sniff(bytes: &[u8]) -> Format {
        if bytes.starts_with(b"PK\x03\x04") {
            Format::Xlsx
        } else {
            Format::Csv
        }
    }
}

/// Reads a staff file in `format`: all rows, or every problem found.
pub fn read(bytes: &[u8], format: Format) -> Result<Vec<Row>, Vec<Problem>> {
    match format {
        Format::Csv => read_csv(bytes),
        Format::Xlsx => super::staff_xlsx::read(bytes),
    }
}

/// Reads a CSV staff file: all rows, or every problem found. The
/// delimiter is `,`, or `;` when the header has `;` and no `,` (as a
/// spreadsheet in a Dutch or French locale writes it). A UTF-8 byte
/// order mark is skipped.
pub fn read_csv(bytes: &[u8]) -> Result<Vec<Row>, Vec<Problem>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(vec![Problem::new(1, "", "not_utf8")]);
    };
    let header_line = text.lines().next().unwrap_or_default();
    let delimiter = if header_line.contains(';') && !header_line.contains(',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(header)) => header,
        Some(Err(_)) => return Err(vec![Problem::new(1, "", "malformed")]),
        None => return Err(vec![Problem::new(1, "", "empty")]),
    };
    let header: Vec<&str> = header.iter().collect();
    let mut table = Table::new(1, &header)?;
    for record in records {
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line() as usize);
                let cells: Vec<&str> = record.iter().collect();
                table.row(line, &cells);
            }
            Err(err) => {
                let line = err.position().map_or(0, |p| p.line() as usize);
                table.problems.push(Problem::new(line, "", "malformed"));
            }
        }
    }
    table.finish()
}

/// The rows of a staff file as they are read, whatever its format: the
/// header's columns, and each row checked against them.
pub(super) struct Table {
    /// The header's number of cells.
    width: usize,
    /// The line the header is on.
    header_line: usize,
    /// Where each of `COLUMNS` is in a row.
    places: [usize; 6],
    /// Employee references seen, for duplicates.
    seen: HashMap<String, usize>,
    rows: Vec<Row>,
    pub(super) problems: Vec<Problem>,
}

impl Table {
    /// Checks the header (on `line`): every column once, no other.
    pub(super) fn new(line: usize, header: &[&str]) -> Result<Table, Vec<Problem>> {
        let names: Vec<String> = header
            .iter()
            .map(|h| h.trim().to_ascii_lowercase())
            .collect();
        let mut problems = Vec::new();
        for (index, name) in names.iter().enumerate() {
            if !COLUMNS.contains(&name.as_str()) || names[..index].contains(name) {
                problems.push(Problem::new(line, name, "unknown_column"));
            }
        }
        for column in COLUMNS {
            if !names.iter().any(|n| n == column) {
                problems.push(Problem::new(line, column, "missing_column"));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let at = |column: &str| names.iter().position(|n| n == column).unwrap_or_default();
        Ok(Table {
            width: names.len(),
            header_line: line,
            places: COLUMNS.map(at),
            seen: HashMap::new(),
            rows: Vec::new(),
            problems,
        })
    }

    /// Reads the row on `line`, or notes its problems.
    pub(super) fn row(&mut self, line: usize, cells: &[&str]) {
        // A blank line (or one of empty cells) is no row.
        if cells.iter().all(|cell| cell.trim().is_empty()) {
            return;
        }
        if cells.len() != self.width {
            self.problems.push(Problem::new(line, "", "malformed"));
            return;
        }
        let cell = |i: usize| {
            cells
                .get(self.places[i])
                .copied()
                .unwrap_or_default()
                .trim()
        };
        let problems = &mut self.problems;
        let before = problems.len();
        let mut fail = |column: &str, code| problems.push(Problem::new(line, column, code));

        let employee = cell(0);
        if employee.is_empty() {
            fail("employee", "required");
        } else if employee.chars().count() > MAX_EMPLOYEE {
            fail("employee", "too_long");
        } else if self.seen.insert(employee.to_string(), line).is_some() {
            fail("employee", "duplicate");
        }
        let position = match cell(1) {
            "" => {
                fail("position", "required");
                0
            }
            text => match text.parse::<i64>() {
                Ok(id) if id > 0 => id,
                Ok(_) => {
                    fail("position", "unknown_position");
                    0
                }
                Err(_) => {
                    fail("position", "not_a_number");
                    0
                }
            },
        };
        let gender = match cell(2) {
            "" => {
                fail("gender", "required");
                None
            }
            text => {
                let gender = Gender::parse(text);
                if gender.is_none() {
                    fail("gender", "bad_gender");
                }
                gender
            }
        };
        let mut amount =
            |column: &'static str, text: &str, positive: bool, most: i64| match hundredths(text) {
                Err(code) => {
                    fail(column, code);
                    0
                }
                Ok(0) if positive => {
                    fail(column, "not_positive");
                    0
                }
                Ok(value) if value > most => {
                    fail(column, "too_large");
                    0
                }
                Ok(value) => value,
            };
        let hours_centi = amount("annual_hours", cell(3), true, MAX_HOURS_CENTI);
        let base_cents = amount("base_pay", cell(4), false, MAX_CENTS);
        let variable_cents = amount("variable_pay", cell(5), false, MAX_CENTS);
        if problems.len() == before
            && let Some(gender) = gender
        {
            self.rows.push(Row {
                line,
                employee: employee.to_string(),
                position,
                gender,
                hours_centi,
                base_cents,
                variable_cents,
            });
        }
    }

    /// Every row, or every problem; a file of no row is a problem too.
    pub(super) fn finish(self) -> Result<Vec<Row>, Vec<Problem>> {
        if !self.problems.is_empty() {
            return Err(self.problems);
        }
        if self.rows.is_empty() {
            return Err(vec![Problem::new(self.header_line + 1, "", "empty")]);
        }
        Ok(self.rows)
    }
}

/// A non-negative amount with at most two decimals (`.` or `,`), in
/// hundredths: `1650.5` is `165050`. Errors are problem codes.
pub fn hundredths(text: &str) -> Result<i64, &'static str> {
    if text.is_empty() {
        return Err("required");
    }
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, fraction) = match digits.split_once(['.', ',']) {
        Some((whole, fraction)) => (whole, fraction),
        None => (digits, ""),
    };
    let numeric = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty()
        || !numeric(whole)
        || !numeric(fraction)
        || fraction.len() > 2
    {
        return Err("not_a_number");
    }
    if whole.len() > 15 {
        return Err("too_large");
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| "not_a_number")?
    };
    let fraction: i64 = format!("{fraction:0<2}")
        .parse()
        .map_err(|_| "not_a_number")?;
    let value = whole * 100 + fraction;
    if negative && value > 0 {
        return Err("negative");
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "employee,position,gender,annual_hours,base_pay,variable_pay\n";

    #[test]
    fn a_good_file_is_read_with_amounts_in_hundredths() {
        let file = format!("{HEADER}E1,3,F,1650.5,41000,1200.75\nE2,3,X,1000,30000.1,0\n");
        let rows = read_csv(file.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].hours_centi, 165_050);
        assert_eq!(rows[0].variable_cents, 120_075);
        assert_eq!(rows[1].gender, Gender::X);
        assert_eq!(rows[1].base_cents, 3_000_010);
    }

    #[test]
    fn columns_may_come_in_any_order_separated_by_semicolons() {
        let file = "\u{FEFF}gender;employee;position;base_pay;variable_pay;annual_hours\n\
                    M;E1;4;40000,50;0;1500\n";
        let rows = read_csv(file.as_bytes()).unwrap();
        assert_eq!(rows[0].position, 4);
        assert_eq!(rows[0].base_cents, 4_000_050);
        assert_eq!(rows[0].hours_centi, 150_000);
    }

    #[test]
    fn every_problem_is_named_by_line_and_column() {
        let file = format!(
            "{HEADER}E1,3,F,1650,41000,0\n\
             E2,3,V,1650,41000,0\n\
             E1,x,M,0,-5,abc\n\
             E4,3,F,1650\n\
             ,3,M,1650,1.234,0\n"
        );
        let problems = read_csv(file.as_bytes()).unwrap_err();
        let found: Vec<(usize, &str, &str)> = problems
            .iter()
            .map(|p| (p.line, p.column.as_str(), p.code))
            .collect();
        assert_eq!(
            found,
            [
                (3, "gender", "bad_gender"),
                (4, "employee", "duplicate"),
                (4, "position", "not_a_number"),
                (4, "annual_hours", "not_positive"),
                (4, "base_pay", "negative"),
                (4, "variable_pay", "not_a_number"),
                (5, "", "malformed"),
                (6, "employee", "required"),
                (6, "base_pay", "not_a_number"),
            ]
        );
    }

    #[test]
    fn a_header_without_a_column_names_the_missing_one() {
        let problems = read_csv(b"employee,position,gender,annual_hours,pay\n").unwrap_err();
        let found: Vec<(&str, &str)> = problems
            .iter()
            .map(|p| (p.column.as_str(), p.code))
            .collect();
        assert_eq!(
            found,
            [
                ("pay", "unknown_column"),
                ("base_pay", "missing_column"),
                ("variable_pay", "missing_column")
            ]
        );
    }

    #[test]
    fn an_empty_file_or_one_of_only_a_header_is_refused() {
        assert_eq!(read_csv(b"").unwrap_err()[0].code, "empty");
        assert_eq!(read_csv(HEADER.as_bytes()).unwrap_err()[0].code, "empty");
        assert_eq!(read_csv(b"\xff\xfe").unwrap_err()[0].code, "not_utf8");
    }

    #[test]
    fn amounts_are_read_exactly_or_not_at_all() {
        assert_eq!(hundredths("12"), Ok(1200));
        assert_eq!(hundredths(".5"), Ok(50));
        assert_eq!(hundredths("0"), Ok(0));
        assert_eq!(hundredths("-0"), Ok(0));
        assert_eq!(hundredths("1e3"), Err("not_a_number"));
        assert_eq!(hundredths("."), Err("not_a_number"));
        assert_eq!(hundredths("1.2.3"), Err("not_a_number"));
        assert_eq!(hundredths("-3"), Err("negative"));
        assert_eq!(hundredths("99999999999999999999"), Err("too_large"));
    }
}
