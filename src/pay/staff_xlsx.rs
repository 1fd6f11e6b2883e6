//! Reading a staff file written as a workbook (XLSX): the first sheet,
//! its first row the header, read as the CSV file is (`staff::Table`),
//! lines being the sheet's row numbers. A workbook is a ZIP archive, so
//! it is unpacked once with a limit first: a small upload must not
//! unpack to gigabytes.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};

use super::staff::{Problem, Row, Table};

/// The most a workbook may unpack to: far above a sheet of 100,000 staff.
const MAX_UNPACKED: u64 = 64 * 1024 * 1024;

/// The most entries a workbook may hold.
const MAX_ENTRIES: usize = 1000;

/// Reads the first sheet of the workbook `bytes`: all rows, or every
/// problem found.
pub fn read(bytes: &[u8]) -> Result<Vec<Row>, Vec<Problem>> {
    read_within(bytes, MAX_UNPACKED)
}

/// `read`, refusing a workbook that unpacks to more than `limit` bytes.
fn read_within(bytes: &[u8], limit: u64) -> Result<Vec<Row>, Vec<Problem>> {
    let unreadable = || vec![Problem::new(1, "", "unreadable_xlsx")];
    match unpacked_size(bytes, limit) {
        Err(()) => return Err(unreadable()),
        Ok(size) if size > limit => return Err(vec![Problem::new(1, "", "xlsx_too_large")]),
        Ok(_) => {}
    }
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|_| unreadable())?;
    let sheet = match book.worksheet_range_at(0) {
        Some(Ok(sheet)) => sheet,
        Some(Err(_)) => return Err(unreadable()),
        None => return Err(vec![Problem::new(1, "", "empty")]),
    };
    let Some((first_row, _)) = sheet.start() else {
        return Err(vec![Problem::new(1, "", "empty")]);
    };
    // Columns before the sheet's first used one are empty in every row
    // and so are left out of each: the header starts where the data do.
    let mut rows = sheet.rows().enumerate();
    let Some((_, header)) = rows.next() else {
        return Err(vec![Problem::new(1, "", "empty")]);
    };
    let line = |index: usize| first_row as usize + index + 1;
    let header: Vec<String> = trimmed(header).iter().map(text).collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut table = Table::new(line(0), &header)?;
    for (index, cells) in rows {
        let cells: Vec<String> = trimmed(cells).iter().map(text).collect();
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        table.row(line(index), &cells);
    }
    table.finish()
}

/// `cells` without the empty cells at their end: a sheet's range is as
/// wide as its widest row, and a cell formatted but empty widens it.
fn trimmed(cells: &[Data]) -> &[Data] {
    let end = cells
        .iter()
        .rposition(|c| !matches!(c, Data::Empty) && !text(c).trim().is_empty())
        .map_or(0, |i| i + 1);
    &cells[..end]
}

/// A cell as the CSV file would have it. A number that is a whole
/// number of cents is written with at most two decimals (a spreadsheet's
/// `41000.1` is stored as a binary fraction); other numbers keep all
/// their digits, and are then refused as amounts.
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => number(d.as_f64()),
        Data::Error(e) => e.to_string(),
    }
}

fn number(f: f64) -> String {
    let cents = (f * 100.0).round();
    if f.is_finite() && cents.abs() < 1e17 && (f * 100.0 - cents).abs() < 1e-6 {
        let cents = cents as i64;
        let (whole, part) = (cents / 100, (cents % 100).abs());
        let sign = if cents < 0 && whole == 0 { "-" } else { "" };
        if part == 0 {
            format!("{sign}{whole}")
        } else {
            format!("{sign}{whole}.{part:02}")
        }
    } else {
        f.to_string()
    }
}

/// What the archive's entries unpack to, counted by unpacking them (the
/// sizes an archive declares can lie) up to just past `limit`; `Err`
/// when it is no archive.
fn unpacked_size(bytes: &[u8], limit: u64) -> Result<u64, ()> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| ())?;
    if archive.len() > MAX_ENTRIES {
        return Err(());
    }
    let mut total = 0;
    for index in 0..archive.len() {
        let entry = archive.by_index(index).map_err(|_| ())?;
        let left = limit + 1 - total;
        total += std::io::copy(&mut entry.take(left), &mut std::io::sink()).map_err(|_| ())?;
        if total > limit {
            break;
        }
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::Workbook;

    /// A workbook of one sheet holding `rows` from its first cell.
    fn workbook(rows: &[Vec<Cell>]) -> Vec<u8> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Cell::T(t) => sheet.write_string(r, c, *t).map(|_| ()),
                    Cell::N(n) => sheet.write_number(r, c, *n).map(|_| ()),
                    Cell::Empty => Ok(()),
                }
                .unwrap();
            }
        }
        book.save_to_buffer().unwrap()
    }

    enum Cell {
        T(&'static str),
        N(f64),
        Empty,
    }
    use Cell::{Empty, N, T};

    fn header() -> Vec<Cell> {
        super::super::staff::COLUMNS.iter().map(|c| T(c)).collect()
    }

    #[test]
    fn a_workbook_is_read_with_numbers_as_amounts() {
        let bytes = workbook(&[
            header(),
            vec![T("E1"), N(3.0), T("F"), N(1650.5), N(41000.1), N(1200.75)],
            vec![Empty, Empty, Empty, Empty, Empty, Empty],
            vec![T("E2"), T("4"), T("X"), N(1000.0), T("30000,10"), N(0.0)],
        ]);
        assert_eq!(
            super::super::staff::Format::sniff(&bytes),
            super::super::staff::Format::Xlsx
        );
        let rows = read(&bytes).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].line, rows[0].position), (2, 3));
        assert_eq!(rows[0].hours_centi, 165_050);
        assert_eq!(rows[0].base_cents, 4_100_010);
        assert_eq!(rows[0].variable_cents, 120_075);
        assert_eq!((rows[1].line, rows[1].position), (4, 4));
        assert_eq!(rows[1].base_cents, 3_000_010);
    }

    #[test]
    fn problems_are_named_by_the_sheets_row_and_the_column() {
        let bytes = workbook(&[
            header(),
            vec![T("E1"), N(3.5), T("V"), N(-2.0), N(41000.123), N(0.0)],
            vec![T("E1"), N(3.0), T("M"), N(1600.0), N(1.0), N(0.0)],
        ]);
        let problems = read(&bytes).unwrap_err();
        let found: Vec<(usize, &str, &str)> = problems
            .iter()
            .map(|p| (p.line, p.column.as_str(), p.code))
            .collect();
        assert_eq!(
            found,
            [
                (2, "position", "not_a_number"),
                (2, "gender", "bad_gender"),
                (2, "annual_hours", "negative"),
                (2, "base_pay", "not_a_number"),
                (3, "employee", "duplicate"),
            ]
        );
    }

    #[test]
    fn a_sheet_starting_lower_down_keeps_its_row_numbers() {
        let mut rows = vec![vec![], vec![]];
        rows.push(header());
        rows.push(vec![T("E1"), N(3.0), T("F"), N(1650.0), N(41000.0), N(0.0)]);
        rows.push(vec![T("E2"), N(3.0), T("F"), N(1650.0)]);
        let problems = read(&workbook(&rows)).unwrap_err();
        assert_eq!((problems[0].line, problems[0].code), (5, "malformed"));
        let missing = read(&workbook(&[vec![T("employee"), T("gender")]])).unwrap_err();
        assert_eq!(missing[0].code, "missing_column");
        assert_eq!(read(&workbook(&[header()])).unwrap_err()[0].code, "empty");
    }

    #[test]
    fn what_is_no_workbook_or_unpacks_too_far_is_refused() {
        assert_eq!(
            read(b"PK\x03\x04garbage").unwrap_err()[0].code,
            "unreadable_xlsx"
        );
        // A ZIP archive of one entry of zeros that unpacks past the limit
        // (1 MiB here, to keep the test quick; 64 MiB in use).
        let mut packed = Vec::new();
        {
            let mut zip = zip::ZipWriter::new(Cursor::new(&mut packed));
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
            std::io::Write::write_all(&mut zip, &vec![0u8; 2 * 1024 * 1024]).unwrap();
            zip.finish().unwrap();
        }
        assert!(packed.len() < 64 * 1024, "{}", packed.len());
        let problems = read_within(&packed, 1024 * 1024).unwrap_err();
        assert_eq!(problems[0].code, "xlsx_too_large");
    }

    #[test]
    fn numbers_are_written_as_the_sheet_shows_them() {
        assert_eq!(number(3.0), "3");
        assert_eq!(number(41000.1), "41000.10");
        assert_eq!(number(0.5), "0.50");
        assert_eq!(number(-0.5), "-0.50");
        assert_eq!(number(-2.0), "-2");
        assert_eq!(number(1.234), "1.234");
    }
}
