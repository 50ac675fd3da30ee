//! Integration tests over the workspace store and the `horetsu` CLI.
//!
//! One test binary (built as a test of the CLI package, so that
//! `CARGO_BIN_EXE_horetsu` is the real command). Tests talk to the CLI as a
//! user would (arguments, stdout, stderr, exit code) and check figures
//! against independent SQL over the workspace file, not against the code's
//! own output alone.

mod support;

mod cli_contract;
mod contacts;
mod demo_shop;
mod effect;
mod export_plan;
mod import_presets;
mod import_robustness;
mod import_samples;
mod method;
mod print;
mod real_data;
mod report;
mod sending;
mod store;
mod trust;
mod xlsx_reader;
