//! Pay transparency (Directive (EU) 2023/970): staff records per
//! reporting year, the gender pay gap report built on the portal's
//! classifications (profile × decided level is the category of work of
//! equal value), its exports and the answer to a worker's Art. 7 request.
//! HR officers and admins only; every upload, view and export is audited,
//! and no pay figure or employee reference is logged.

pub mod api;
pub mod audit;
pub mod db;
pub mod model;
pub mod report;
pub mod staff;
pub mod upload;
