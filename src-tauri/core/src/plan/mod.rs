//! The action plan (domain.md §4–6): the playbook as data, the next right
//! step for each customer, the campaign check, PII masking and the workbook
//! a consultant hands to the client.

pub mod actions;
pub mod campaign;
pub mod export;
pub mod mask;
pub mod playbook;

#[cfg(test)]
mod tests;
