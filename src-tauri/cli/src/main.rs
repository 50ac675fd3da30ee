//! `horetsu`: the command line over the Horetsu domain crate.
//!
//! The subcommands, flags, JSON keys and CSV columns are a public contract
//! (see docs/cli.md): extend them, never break them. Errors go to stderr as a
//! sentence a person can act on, with a non-zero exit code.

use std::path::PathBuf;
use std::process::ExitCode;

/// `println!` that never panics: a closed pipe (`horetsu … | head`) ends the
/// program quietly, any other write error ends it with a sentence.
macro_rules! println {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout(), $($arg)*) {
            stdout_failed(e);
        }
    }};
}

fn stdout_failed(e: std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    eprintln!("horetsu: cannot write the output: {e}");
    std::process::exit(1);
}

use std::sync::atomic::AtomicBool;

use clap::{Args, Parser, Subcommand};
use horetsu_core::ops::{
    self, CampaignTarget, CampaignType, Context, DateOrderChoice, DemoOptions, Encoding,
    ImportKind, ImportOptions, ImportProgress, ImportReport, Lang, PeriodUnit, SheetChoice,
};
use horetsu_core::{day, Workspace};

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

/// The flags of the subcommands that print one row per customer or step.
#[derive(Args)]
struct ListArgs {
    /// The workspace file.
    #[arg(long)]
    db: PathBuf,
    /// Analysis date (YYYY-MM-DD); default: the day after the latest order.
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
    /// Print CSV.
    #[arg(long, conflicts_with = "json", required_unless_present = "json")]
    csv: bool,
    /// Print JSON.
    #[arg(long)]
    json: bool,
    /// Language of the worded columns (reasons, labels): ja (default) or en.
    #[arg(long, default_value = "ja")]
    lang: String,
    /// Encoding of --csv: utf-8 (default) or shift_jis.
    #[arg(long, default_value = "utf-8")]
    encoding: String,
}

impl ListArgs {
    /// The parsed analysis date, language and CSV encoding.
    fn parsed(&self) -> Result<(Option<horetsu_core::day::Day>, Lang, ops::CsvEncoding), String> {
        let encoding = ops::CsvEncoding::parse(&self.encoding)
            .ok_or_else(|| format!("--encoding {}: use utf-8 or shift_jis", self.encoding))?;
        let lang = match self.lang.as_str() {
            "ja" => Lang::Ja,
            "en" => Lang::En,
            other => return Err(format!("--lang {other}: use ja or en")),
        };
        Ok((parse_as_of(self.as_of.as_deref())?, lang, encoding))
    }
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
    /// Import order lists, member lists, engagement events or NPS answers
    /// (xlsx, xlsm, xls, ods, csv, tsv). Creates the workspace if it does not exist.
    Import {
        /// The workspace file.
        #[arg(long)]
        db: PathBuf,
        /// What the files hold: orders, customers, events, nps or contacts (a
        /// contact log: customer, date, 施策 campaign, channel, 区分 送付/対照).
        #[arg(long, default_value = "orders")]
        kind: String,
        /// A preset: shopify, rakuten, rakuten_old, base, amazon, online_retail,
        /// online_retail_ii, or one saved in the workspace.
        #[arg(long)]
        preset: Option<String>,
        /// Import this sheet (default: the first sheet with a header row).
        #[arg(long, conflicts_with = "all_sheets")]
        sheet: Option<String>,
        /// Import every sheet with the same columns as the first one.
        #[arg(long)]
        all_sheets: bool,
        /// Choose a column for a field: field=Header (or field=column letter). Repeatable.
        #[arg(long = "map", value_name = "FIELD=HEADER")]
        map: Vec<String>,
        /// CSV encoding: utf-8 or shift_jis (default: detected).
        #[arg(long)]
        encoding: Option<String>,
        /// How to read dates like 03/04/2024: ymd (default), mdy (US) or dmy (UK).
        #[arg(long, default_value = "ymd")]
        date_order: String,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Check every row as the import would (new, duplicate, rejected with
        /// the reason) and write nothing; the workspace need not exist.
        #[arg(long)]
        dry_run: bool,
        /// The files to import.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Check a workspace file as the app does when it opens one: a known
    /// schema, no planted code (triggers, views), and SQLite's quick check of
    /// every page. Exit 1 with the reason when it fails.
    Check {
        /// The workspace file.
        #[arg(long)]
        db: PathBuf,
        /// Print `{path, ok}` as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the imports of a workspace, newest first.
    Batches {
        /// The workspace file.
        #[arg(long)]
        db: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Undo one import exactly (see `horetsu batches` for the numbers).
    Undo {
        /// The workspace file.
        #[arg(long)]
        db: PathBuf,
        /// The import number.
        #[arg(long)]
        batch: i64,
    },
    /// One row per customer: RFM, segment, stage with its reason, temperature,
    /// points, heat, quadrant, badges, referrals, NPS and predicted CLV.
    Customers {
        #[command(flatten)]
        list: ListArgs,
    },
    /// The action plan: one row per planned step (customer_key, stage,
    /// temperature, kind, action, due, channel, reason, related_customer_key,
    /// phase), soonest due first.
    Plan {
        #[command(flatten)]
        list: ListArgs,
        /// Mask customer keys that are e-mails, phone numbers or names.
        #[arg(long)]
        mask_pii: bool,
    },
    /// A list to send with: a mail tool's upload (consent respected), an
    /// address list for 筆まめ / 筆王 / 宛名職人 / Word, Shopify's customer
    /// CSV with a stage tag, or paper: address labels (A4, 12 a sheet) and
    /// お礼状 postcards as PDF; optionally holding out a random share and
    /// recording it as sent (効果測定).
    List {
        /// The workspace file.
        #[arg(long)]
        db: PathBuf,
        /// mail, address, shopify, labels (PDF) or postcards (PDF).
        #[arg(long)]
        format: String,
        /// Stage id (observer … circulation). Repeatable.
        #[arg(long = "stage")]
        stages: Vec<String>,
        /// RFM segment id. Repeatable.
        #[arg(long = "segment")]
        segments: Vec<String>,
        /// Temperature id. Repeatable.
        #[arg(long = "temperature")]
        temperatures: Vec<String>,
        /// Quadrant id. Repeatable.
        #[arg(long = "quadrant")]
        quadrants: Vec<String>,
        /// Badge id. Repeatable.
        #[arg(long = "badge")]
        badges: Vec<String>,
        /// Only customers whose planned step is of this kind (step vocabulary:
        /// recovery, onboarding, thanks …).
        #[arg(long = "kind", value_name = "STEP_KIND")]
        step: Option<String>,
        /// Keep this share out at random (0 … 0.5; default 0.1 with --record, else 0).
        #[arg(long)]
        holdout: Option<f64>,
        /// Record the list as sent under this campaign name (効果測定 reads it).
        #[arg(long, value_name = "NAME")]
        record: Option<String>,
        /// The sending date of --record (default today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// utf-8 (default, with a byte-order mark) or shift_jis.
        #[arg(long, default_value = "utf-8")]
        encoding: String,
        /// Replace an existing CSV of that name.
        #[arg(long)]
        force: bool,
        /// The CSV to write.
        #[arg(long)]
        out: PathBuf,
        /// Analysis date (YYYY-MM-DD); default: the day after the latest order.
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// Language of the stage and step words: ja (default) or en.
        #[arg(long, default_value = "ja")]
        lang: String,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// 効果測定: each campaign of the contact log (and each kind of plan step
    /// marked done) against its control group: purchase, revenue, stage up,
    /// referral and promoter in the window after the contact, with 95 %
    /// intervals and a verdict.
    Effect {
        /// The workspace file.
        #[arg(long)]
        db: PathBuf,
        /// Outcome window W in days after the contact date (default 60).
        #[arg(long, default_value_t = 60)]
        window: i64,
        /// Analysis date (YYYY-MM-DD); default: the day after the latest order.
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Fit the CLV models (BG/NBD and Gamma-Gamma) and print their parameters.
    Clv {
        /// The workspace file.
        #[arg(long)]
        db: PathBuf,
        /// Analysis date (YYYY-MM-DD); default: the day after the latest order.
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// Period in which repeat purchases are counted: day (default) or week.
        #[arg(long, default_value = "day")]
        unit: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write the action-plan workbook (xlsx): summary with charts, one action
    /// per customer, stage × segment, referral ranking, NPS and the settings used.
    Export {
        /// The workspace file.
        #[arg(long)]
        db: PathBuf,
        /// The workbook to write. An existing workbook is replaced only with
        /// --force; a workspace or a file of another kind never is.
        #[arg(long, value_name = "FILE.xlsx")]
        out: PathBuf,
        /// Replace an existing workbook at --out.
        #[arg(long)]
        force: bool,
        /// Analysis date (YYYY-MM-DD); default: the day after the latest order.
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// Mask names, e-mails, phones and customer keys.
        #[arg(long)]
        mask_pii: bool,
        /// Print what was written as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write the workshop report (帳票): an A4 PDF for the client with the KPIs
    /// against targets and 前月比, the stages, referrals and phase, NPS with its
    /// margin, F2 and LTV, the plan by stage with the playbook's do / never, and
    /// effect results. It names no customer.
    Report {
        /// The workspace file.
        #[arg(long)]
        db: PathBuf,
        /// The PDF to write. An existing PDF is replaced only with --force; a
        /// workspace or a file of another kind never is.
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// Replace an existing PDF at --out.
        #[arg(long)]
        force: bool,
        /// Analysis date (YYYY-MM-DD); default: the day after the latest order.
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// Mask the shop's name and scrub campaign names (the report names no
        /// customer either way); the cover says masking is on.
        #[arg(long)]
        mask_pii: bool,
        /// The report's language: ja (default) or en.
        #[arg(long, default_value = "ja")]
        lang: String,
        /// Print what was written as JSON (path, pages, as_of, masked).
        #[arg(long)]
        json: bool,
    },
    /// Check a campaign before it goes out: who is in a stage where its type is
    /// forbidden (quoting the playbook), who was asked too recently, who remains.
    Campaign {
        /// The workspace file.
        #[arg(long)]
        db: PathBuf,
        /// discount, upsell, subscription_vip_invite, mass_newsletter,
        /// long_mail_series, review_request, referral_ask, event_invite,
        /// thank_you_note or personal_message.
        #[arg(long = "type", value_name = "TYPE")]
        campaign: String,
        /// Target stage id (observer … circulation). Repeatable.
        #[arg(long = "stage")]
        stages: Vec<String>,
        /// Target RFM segment id (champions … lost). Repeatable.
        #[arg(long = "segment")]
        segments: Vec<String>,
        /// Target quadrant id. Repeatable.
        #[arg(long = "quadrant")]
        quadrants: Vec<String>,
        /// Target temperature id (warm, steady, cooling, cold). Repeatable.
        #[arg(long = "temperature")]
        temperatures: Vec<String>,
        /// Target badge id. Repeatable.
        #[arg(long = "badge")]
        badges: Vec<String>,
        /// Only customers who were referred.
        #[arg(long, conflicts_with = "organic")]
        referred: bool,
        /// Only customers who were not referred.
        #[arg(long)]
        organic: bool,
        /// A customer list file (one key per line, or a CSV with a key column).
        #[arg(long, value_name = "FILE")]
        keys: Option<PathBuf>,
        /// Analysis date (YYYY-MM-DD); default: the day after the latest order.
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
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

/// Parses a stable id (as in the JSON output) of an enum.
fn parse_id<T: serde::de::DeserializeOwned>(flag: &str, id: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(id.to_string())).map_err(|_| {
        format!("--{flag} {id}: not a known id (see horetsu {flag} ids in docs/cli.md)")
    })
}

fn parse_ids<T: serde::de::DeserializeOwned>(flag: &str, ids: &[String]) -> Result<Vec<T>, String> {
    ids.iter().map(|id| parse_id(flag, id)).collect()
}

/// Prints rows on standard output: as CSV through `csv`, or as JSON.
fn print_rows<T: serde::Serialize>(
    csv: bool,
    rows: &[T],
    write_csv: impl FnOnce(&mut dyn std::io::Write) -> horetsu_core::Result<()>,
) -> Result<(), String> {
    use std::io::Write;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if csv {
        write_csv(&mut out).map_err(|e| e.to_string())
    } else {
        serde_json::to_writer_pretty(&mut out, rows).map_err(|e| e.to_string())?;
        writeln!(out).map_err(|e| e.to_string())
    }
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
        Command::Import {
            db,
            kind,
            preset,
            sheet,
            all_sheets,
            map,
            encoding,
            date_order,
            json,
            dry_run,
            files,
        } => {
            let kind = ImportKind::parse(&kind).ok_or_else(|| {
                format!("--kind {kind}: use orders, customers, events, nps or contacts")
            })?;
            let encoding = encoding
                .map(|e| {
                    Encoding::parse(&e).ok_or_else(|| {
                        format!("--encoding {e}: use utf-8, shift_jis, utf-16le or utf-16be")
                    })
                })
                .transpose()?;
            let date_order = DateOrderChoice::parse(&date_order)
                .ok_or_else(|| format!("--date-order {date_order}: use ymd, mdy or dmy"))?;
            let choices = map
                .iter()
                .map(|m| ops::parse_field_choice(m, kind).map_err(|e| e.to_string()))
                .collect::<Result<Vec<_>, _>>()?;
            let opts = ImportOptions {
                kind,
                preset,
                sheet: match (sheet, all_sheets) {
                    (Some(name), _) => SheetChoice::Named(name),
                    (None, true) => SheetChoice::All,
                    (None, false) => SheetChoice::First,
                },
                choices,
                encoding,
                date_order,
            };
            let name = db
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let cancel = AtomicBool::new(false);
            let progress = |_p: ImportProgress| {};
            let ctx = Context {
                today: chrono::Local::now().date_naive(),
                now: &now_text(),
                cancel: &cancel,
                progress: &progress,
            };
            let report = if dry_run {
                let ws = if db.exists() {
                    Workspace::open(&db)
                } else {
                    Workspace::in_memory(&horetsu_core::store::WorkspaceInfo {
                        name: name.clone(),
                        is_demo: false,
                        created_at: now_text(),
                    })
                }
                .map_err(|e| e.to_string())?;
                ops::check_import(&ws, &files, &opts, &ctx).map_err(|e| e.to_string())?
            } else {
                ops::import_files_at(&db, &name, &files, &opts, &ctx).map_err(|e| e.to_string())?
            };
            if dry_run && !json {
                println!("dry run: nothing was written");
            }
            if json {
                let value = serde_json::to_value(&report).map_err(|e| e.to_string())?;
                println!(
                    "{}",
                    serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?
                );
            } else {
                print_import_report(&report);
            }
            Ok(())
        }
        Command::Check { db, json } => {
            drop(Workspace::open(&db).map_err(|e| e.to_string())?);
            ops::check_workspace(&db).map_err(|e| e.to_string())?;
            if json {
                println!(
                    "{}",
                    serde_json::json!({"path": db.display().to_string(), "ok": true})
                );
            } else {
                println!("{}: ok", db.display());
            }
            Ok(())
        }
        Command::Batches { db, json } => {
            let ws = Workspace::open(&db).map_err(|e| e.to_string())?;
            let list = ops::import_batches(&ws).map_err(|e| e.to_string())?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&list).map_err(|e| e.to_string())?
                );
            } else {
                for b in list {
                    println!(
                        "#{:<4} {}  {:<9} {}  {} rows read, {} imported, {} rejected, {} orders, {} customers{}",
                        b.id,
                        b.imported_at,
                        b.kind,
                        b.source_name,
                        b.rows_read,
                        b.rows_imported,
                        b.rows_rejected,
                        b.orders_added,
                        b.customers_added,
                        b.undone_at.map(|t| format!("  (undone {t})")).unwrap_or_default()
                    );
                }
            }
            Ok(())
        }
        Command::Undo { db, batch } => {
            let ws = Workspace::open(&db).map_err(|e| e.to_string())?;
            let r = ops::undo_import(&ws, batch, &now_text()).map_err(|e| e.to_string())?;
            println!(
                "undid import #{batch}: removed {} orders, {} customer keys, {} events, {} NPS answers, {} referrals, {} contact-log lines; restored {} values",
                r.orders, r.customers, r.events, r.nps_responses, r.referrals, r.contacts, r.values_restored
            );
            Ok(())
        }
        Command::Customers { list } => {
            let (as_of, lang, encoding) = list.parsed()?;
            let ws = Workspace::open(&list.db).map_err(|e| e.to_string())?;
            let rows = ops::customer_rows(&ws, as_of, today(), lang).map_err(|e| e.to_string())?;
            print_rows(list.csv, &rows, |out| {
                ops::write_customers_csv(out, &rows, encoding)
            })
        }
        Command::Plan { list, mask_pii } => {
            let (as_of, lang, encoding) = list.parsed()?;
            let ws = Workspace::open(&list.db).map_err(|e| e.to_string())?;
            let lines =
                ops::plan_lines(&ws, as_of, today(), lang, mask_pii).map_err(|e| e.to_string())?;
            print_rows(list.csv, &lines, |out| {
                ops::write_plan_csv(out, &lines, encoding)
            })
        }
        Command::List {
            db,
            format,
            stages,
            segments,
            temperatures,
            quadrants,
            badges,
            step,
            holdout,
            record,
            date,
            encoding,
            force,
            out,
            as_of,
            lang,
            json,
        } => {
            let as_of = parse_as_of(as_of.as_deref())?;
            let format = ops::ListFormat::parse(&format).ok_or_else(|| {
                format!("--format {format}: use mail, address, shopify, labels or postcards")
            })?;
            let encoding = ops::CsvEncoding::parse(&encoding)
                .ok_or_else(|| format!("--encoding {encoding}: use utf-8 or shift_jis"))?;
            let lang = match lang.as_str() {
                "ja" => Lang::Ja,
                "en" => Lang::En,
                other => return Err(format!("--lang {other}: use ja or en")),
            };
            let request = ops::ListRequest {
                format,
                target: CampaignTarget {
                    stages: parse_ids("stage", &stages)?,
                    segments: parse_ids("segment", &segments)?,
                    quadrants: parse_ids("quadrant", &quadrants)?,
                    temperatures: parse_ids("temperature", &temperatures)?,
                    badges: parse_ids("badge", &badges)?,
                    referred: None,
                    keys: Vec::new(),
                },
                step: step.as_deref().map(|s| parse_id("kind", s)).transpose()?,
                holdout: holdout.unwrap_or(if record.is_some() { 0.1 } else { 0.0 }),
                record,
                date,
                encoding,
            };
            let ws = Workspace::open(&db).map_err(|e| e.to_string())?;
            let r = ops::write_list(
                &ws,
                &out,
                &request,
                force,
                as_of,
                today(),
                &now_text(),
                lang,
            )
            .map_err(|e| e.to_string())?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&r).map_err(|e| e.to_string())?
                );
            } else {
                println!("{}: {} 人", out.display(), r.included);
                let e = &r.excluded;
                let mut why = Vec::new();
                if e.declined > 0 {
                    why.push(format!("配信停止 {}人", e.declined));
                }
                if e.no_email > 0 {
                    why.push(format!("メールなし {}人", e.no_email));
                }
                if e.no_address > 0 {
                    why.push(format!("住所なし {}人", e.no_address));
                }
                if e.marketplace > 0 {
                    why.push(format!("Amazonの中継アドレス {}人", e.marketplace));
                }
                if !why.is_empty() {
                    println!("除外: {}", why.join(", "));
                }
                if r.held_out > 0 {
                    println!("対照(送らない): {}人", r.held_out);
                }
                if let Some(c) = &r.campaign {
                    println!("「{c}」として記録: {}件", r.recorded);
                }
                if let Some(w) = &r.warning {
                    eprintln!("warning: {w}");
                }
            }
            Ok(())
        }
        Command::Effect {
            db,
            window,
            as_of,
            json,
        } => {
            let as_of = parse_as_of(as_of.as_deref())?;
            if window < 1 {
                return Err(format!(
                    "--window {window}: use a number of days, 1 or more"
                ));
            }
            let ws = Workspace::open(&db).map_err(|e| e.to_string())?;
            let r = ops::effect(&ws, as_of, today(), window).map_err(|e| e.to_string())?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&r).map_err(|e| e.to_string())?
                );
            } else {
                println!("as of {}, window {} days", r.as_of, r.window_days);
                for c in &r.campaigns {
                    let p = &c.outcomes.purchase;
                    let pct = |x: Option<f64>| {
                        x.map_or("–".to_string(), |v| format!("{:.1}%", v * 100.0))
                    };
                    println!(
                        "{}  {:?}  treated {} control {}  purchase {} vs {} (uplift {} [{}, {}]) {}",
                        c.campaign,
                        c.method,
                        c.treated,
                        c.control,
                        pct(p.treated_rate),
                        pct(p.control_rate),
                        pct(p.uplift),
                        pct(p.ci_low),
                        pct(p.ci_high),
                        p.verdict.id()
                    );
                }
            }
            Ok(())
        }
        Command::Clv {
            db,
            as_of,
            unit,
            json,
        } => {
            let as_of = parse_as_of(as_of.as_deref())?;
            let unit = PeriodUnit::parse(&unit)
                .ok_or_else(|| format!("--unit {unit}: use day or week"))?;
            let ws = Workspace::open(&db).map_err(|e| e.to_string())?;
            let fit = ops::clv(&ws, as_of, today(), unit).map_err(|e| e.to_string())?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&fit).map_err(|e| e.to_string())?
                );
            } else {
                println!(
                    "customers {} (repeat buyers {})",
                    fit.customers, fit.repeat_buyers
                );
                match &fit.bgnbd {
                    Some(p) => println!(
                        "BG/NBD       r {:.4}  alpha {:.4}  a {:.4}  b {:.4}  log-likelihood {:.2}",
                        p.r, p.alpha, p.a, p.b, p.log_likelihood
                    ),
                    None => println!("BG/NBD       not fitted"),
                }
                match &fit.gamma_gamma {
                    Some(p) => println!("Gamma-Gamma  p {:.4}  q {:.4}  v {:.4}", p.p, p.q, p.v),
                    None => println!("Gamma-Gamma  not fitted"),
                }
                if let Some(m) = &fit.message {
                    println!("note: {m}");
                }
            }
            Ok(())
        }
        Command::Export {
            db,
            out,
            as_of,
            mask_pii,
            force,
            json,
        } => {
            let as_of = parse_as_of(as_of.as_deref())?;
            let ws = Workspace::open(&db).map_err(|e| e.to_string())?;
            let s = ops::export_plan(&ws, &out, as_of, today(), &now_text(), mask_pii, force)
                .map_err(|e| e.to_string())?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&s).map_err(|e| e.to_string())?
                );
            } else {
                println!(
                    "wrote {} ({} customers, analysis date {}{})",
                    s.path,
                    s.customers,
                    s.as_of,
                    if s.mask_pii {
                        ", personal data masked"
                    } else {
                        ""
                    }
                );
            }
            Ok(())
        }
        Command::Report {
            db,
            out,
            force,
            as_of,
            mask_pii,
            lang,
            json,
        } => {
            let lang = match lang.as_str() {
                "ja" => ops::Lang::Ja,
                "en" => ops::Lang::En,
                other => return Err(format!("--lang {other}: use ja or en")),
            };
            let as_of = parse_as_of(as_of.as_deref())?;
            let ws = Workspace::open(&db).map_err(|e| e.to_string())?;
            let s = ops::write_report(
                &ws,
                &out,
                as_of,
                today(),
                &now_text(),
                mask_pii,
                force,
                lang,
            )
            .map_err(|e| e.to_string())?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&s).map_err(|e| e.to_string())?
                );
            } else {
                println!(
                    "wrote {} ({} pages, analysis date {}{})",
                    s.path,
                    s.pages,
                    s.as_of,
                    if s.masked { ", masked" } else { "" }
                );
            }
            Ok(())
        }
        Command::Campaign {
            db,
            campaign,
            stages,
            segments,
            quadrants,
            temperatures,
            badges,
            referred,
            organic,
            keys,
            as_of,
            json,
        } => {
            let as_of = parse_as_of(as_of.as_deref())?;
            let campaign: CampaignType = parse_id("type", &campaign)?;
            let target = CampaignTarget {
                stages: parse_ids("stage", &stages)?,
                segments: parse_ids("segment", &segments)?,
                quadrants: parse_ids("quadrant", &quadrants)?,
                temperatures: parse_ids("temperature", &temperatures)?,
                badges: parse_ids("badge", &badges)?,
                referred: if referred {
                    Some(true)
                } else if organic {
                    Some(false)
                } else {
                    None
                },
                keys: match &keys {
                    Some(path) => {
                        let k = ops::read_key_list(path).map_err(|e| e.to_string())?;
                        if k.is_empty() {
                            return Err(format!(
                                "{}: no customer keys found; put one key per line",
                                path.display()
                            ));
                        }
                        k
                    }
                    None => Vec::new(),
                },
            };
            let ws = Workspace::open(&db).map_err(|e| e.to_string())?;
            let c = ops::campaign_check(&ws, as_of, today(), campaign, &target, false)
                .map_err(|e| e.to_string())?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&c).map_err(|e| e.to_string())?
                );
            } else {
                println!(
                    "{} recipients: {} in a stage that forbids this campaign, {} asked too recently, {} remain",
                    c.recipients,
                    c.forbidden,
                    c.recently_asked,
                    c.allowed_keys.len()
                );
                for s in c.by_stage.iter().filter(|s| s.recipients > 0) {
                    if s.forbidden > 0 {
                        println!(
                            "  {}: {} recipients, forbidden — {}",
                            ops::labels::stage(s.stage, Lang::Ja),
                            s.recipients,
                            s.never_ja.join("・")
                        );
                    } else {
                        println!(
                            "  {}: {} recipients, allowed",
                            ops::labels::stage(s.stage, Lang::Ja),
                            s.recipients
                        );
                    }
                }
                if !c.unknown_keys.is_empty() {
                    println!(
                        "{} keys of the list are not customers of this workspace",
                        c.unknown_keys.len()
                    );
                }
            }
            Ok(())
        }
        Command::Summary { db, as_of, json } => {
            let as_of = parse_as_of(as_of.as_deref())?;
            let ws = Workspace::open(&db).map_err(|e| e.to_string())?;
            let s = ops::report(&ws, as_of, today()).map_err(|e| e.to_string())?;
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

fn print_import_report(r: &ImportReport) {
    for sheet in &r.sheets {
        println!("read {sheet}");
    }
    println!(
        "{} rows read: {} imported, {} already in the workspace, {} rejected; {} without a customer",
        r.rows_read,
        r.rows_imported,
        r.rows_duplicate,
        r.rejected.len(),
        r.anonymous_rows
    );
    match r.kind {
        ImportKind::Orders => println!(
            "{} new orders ({} returns, {} cancelled), {} new customer keys",
            r.orders, r.returns, r.cancelled, r.customers
        ),
        ImportKind::Customers => println!(
            "{} new customer keys, {} new referrals",
            r.customers, r.referrals
        ),
        ImportKind::Events => println!("{} new events", r.events),
        ImportKind::Nps => println!("{} new NPS answers", r.nps_responses),
        ImportKind::Contacts => println!("{} new contact-log lines", r.contacts),
    }
    if let Some(p) = &r.preset {
        println!("preset: {p}");
    }
    for w in &r.warnings {
        println!("note: {w}");
    }
    for x in r.rejected.iter().take(50) {
        println!(
            "rejected: {} / {} row {}, {}: \"{}\" — {}",
            x.file, x.sheet, x.row, x.column, x.value, x.reason
        );
    }
    if r.rejected.len() > 50 {
        println!(
            "… and {} more rejected rows (use --json for all)",
            r.rejected.len() - 50
        );
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
