//! `horetsu`: the command line over the Horetsu domain crate.
//!
//! The subcommands, flags, JSON keys and CSV columns are a public contract
//! (see docs/cli.md): extend them, never break them. Errors go to stderr as a
//! sentence a person can act on, with a non-zero exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use horetsu_core::{day, demo::DemoOptions, ops, Workspace};

#[derive(Parser)]
#[command(
    name = "horetsu",
    version,
    about = "Horetsu (惚れ通): where each customer stands with your shop"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a demo workspace (the ひだまり茶舗 tea shop).
    Demo {
        /// The workspace file to create (must not exist), e.g. demo.horetsu.
        #[arg(long)]
        db: PathBuf,
        /// Random seed; the same seed gives the same shop.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Number of customers.
        #[arg(long, default_value_t = 3000)]
        customers: usize,
        /// Years of history to simulate (ending 2026-10-31).
        #[arg(long, default_value_t = 3)]
        years: u32,
        /// Also write the shop's export files (orders xlsx and Shift_JIS CSV,
        /// member list, events, NPS) into this folder.
        #[arg(long, value_name = "DIR")]
        samples: Option<PathBuf>,
    },
    /// Print the headline figures of a workspace.
    Summary {
        /// The workspace file.
        #[arg(long)]
        db: PathBuf,
        /// Analysis date (YYYY-MM-DD); default: the day after the latest order.
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

fn today() -> day::Day {
    day::from_date(chrono::Local::now().date_naive())
}

fn now_text() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

fn parse_as_of(text: Option<&str>) -> Result<Option<day::Day>, String> {
    text.map(day::parse_arg)
        .transpose()
        .map_err(|e| format!("--as-of: {e}"))
}

fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Demo {
            db,
            seed,
            customers,
            years,
            samples,
        } => {
            if customers == 0 {
                return Err("--customers must be at least 1".into());
            }
            if !(1..=20).contains(&years) {
                return Err("--years must be between 1 and 20".into());
            }
            let opts = DemoOptions {
                seed,
                customers,
                years,
                ..DemoOptions::default()
            };
            let report = ops::create_demo(&db, &opts, &now_text(), samples.as_deref())
                .map_err(|e| e.to_string())?;
            println!(
                "created {}: {} customers, {} orders ({} lines), {} referrals, {} events, {} NPS answers",
                db.display(),
                report.customers,
                report.orders,
                report.order_lines,
                report.referrals,
                report.events,
                report.nps_responses
            );
            if let Some(dir) = samples {
                println!("wrote sample files into {}", dir.display());
            }
            Ok(())
        }
        Command::Summary { db, as_of, json } => {
            let as_of = parse_as_of(as_of.as_deref())?;
            let ws = Workspace::open(&db).map_err(|e| e.to_string())?;
            let s = ops::summary(&ws, as_of, today()).map_err(|e| e.to_string())?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&s).map_err(|e| e.to_string())?
                );
            } else {
                println!("analysis date   {}", s.as_of);
                println!("customers       {}", s.customers);
                println!("orders          {}", s.orders);
                println!("revenue         {:.0}", s.revenue);
                println!(
                    "stages          観測 {} / 着地 {} / 共感 {} / 関与 {} / 循環 {}",
                    s.stages.observer,
                    s.stages.landing,
                    s.stages.empathy,
                    s.stages.involvement,
                    s.stages.circulation
                );
            }
            Ok(())
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("horetsu: {message}");
            ExitCode::FAILURE
        }
    }
}
