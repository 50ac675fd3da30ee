//! Sending (domain.md §7): a list the shop sends with, recorded as sent.
//!
//! A list recorded as sent keeps a random share of its customers out (対照):
//! drawn with the workspace's seed from the campaign name and the customer
//! key, so the same list and name always hold out the same customers. The
//! held-out customers are left out of the saved file; both groups are
//! written to the contact log as one import batch of kind `contacts` (listed
//! in the import history, and undone like any import), which 効果測定 reads.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::day::{self, Day};
use crate::error::{Error, Result};
use crate::store::{self, Tx};
use crate::Workspace;

/// Recording a list as sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct SendRecord {
    /// The campaign (施策) the 効果 screen names it by.
    pub campaign: String,
    /// The share held out (対照), 0 … 0.5.
    pub holdout_share: f64,
    /// The sending date `YYYY-MM-DD` (today when absent).
    pub date: Option<String>,
}

/// What a saved list holds.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct SavedList {
    /// Customers in the saved file.
    pub included: u64,
    /// Customers held out (対照): not in the file, recorded as the control group.
    pub held_out: u64,
    /// Contacts newly recorded (0 when the list was not recorded, or was
    /// recorded before under the same name and date).
    pub recorded: u64,
    /// The campaign it was recorded as.
    pub campaign: Option<String>,
}

/// The campaign name a list is recorded as, checked: not empty, at most 100
/// characters, and not a plan step's (`plan:`).
pub fn campaign_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid(
            "campaign",
            "a recorded list needs a campaign name",
        ));
    }
    if name.chars().count() > 100 {
        return Err(Error::invalid(
            "campaign",
            "a campaign name has at most 100 characters",
        ));
    }
    if name.starts_with("plan:") {
        return Err(Error::invalid(
            "campaign",
            "names starting with plan: are the plan's own",
        ));
    }
    Ok(name.to_string())
}

/// A holdout share, checked (0 … 0.5).
fn checked_share(share: f64) -> Result<f64> {
    if (0.0..=0.5).contains(&share) {
        Ok(share)
    } else {
        Err(Error::invalid(
            "holdout",
            "the share held out is between 0 and 0.5",
        ))
    }
}

/// The sending date a record names (`YYYY-MM-DD`), or today.
fn sending_day(date: Option<&str>, today: Day) -> Result<Day> {
    match date {
        Some(d) => day::parse_iso(d)
            .ok_or_else(|| Error::invalid("date", format!("{d} is not a date (YYYY-MM-DD)"))),
        None => Ok(today),
    }
}

/// Splits keys into the ones sent and the ones held out, by the workspace's
/// seeded draw for the campaign (order kept).
pub fn split_holdout(
    seed: u64,
    campaign: &str,
    keys: &[String],
    share: f64,
) -> (Vec<String>, Vec<String>) {
    let share = share.clamp(0.0, 0.5);
    keys.iter()
        .cloned()
        .partition(|k| !crate::analytics::effect::held_out(seed, campaign, k, share))
}

/// Records a list as sent: its treated and held-out customers as contacts of
/// the campaign on `on`, as one import batch named after the campaign and
/// the file (a batch that adds nothing, a list recorded before, is
/// forgotten). Returns the contacts added.
pub(crate) fn record_sent(
    tx: &Tx<'_>,
    campaign: &str,
    on: Day,
    sent: &[String],
    held: &[String],
    source_name: &str,
    now: &str,
) -> Result<u64> {
    let batch = store::batches::begin(
        tx,
        &store::batches::NewBatch {
            kind: "contacts",
            source_name,
            source_path: None,
            source_hash: None,
            imported_at: now,
        },
    )?;
    let date = day::format(on);
    let mut added = 0u64;
    for (keys, control) in [(sent, false), (held, true)] {
        for key in keys {
            let Some(id) = store::customers::id_of(**tx, key)? else {
                return Err(Error::invalid(
                    "customer",
                    format!("no customer with the key {key}"),
                ));
            };
            let row_key = format!("sent:{campaign}:{date}:{id}");
            added += u64::from(store::contacts::insert_imported(
                tx,
                &store::contacts::ImportedContact {
                    customer_id: id,
                    day: &date,
                    campaign,
                    channel: None,
                    control,
                    row_key: &row_key,
                    batch,
                },
            )?);
        }
    }
    let n = (sent.len() + held.len()) as u64;
    if added == 0 {
        store::batches::forget(tx, batch)?;
    } else {
        store::batches::record(
            tx,
            batch,
            &store::batches::Figures {
                rows_read: n,
                rows_imported: added,
                rows_duplicate: n - added,
                ..Default::default()
            },
        )?;
    }
    Ok(added)
}

/// Saves a list of customer keys (a one-column CSV) and, with `record`,
/// records it as sent with its holdout, all or nothing: the contacts are
/// written in the transaction that the file is written in, so a file that
/// cannot be written records nothing.
pub fn save_key_list(
    ws: &Workspace,
    path: &Path,
    keys: &[String],
    replace: bool,
    record: Option<&SendRecord>,
    today: Day,
    now: &str,
) -> Result<SavedList> {
    let Some(record) = record else {
        super::plan::write_key_list(path, keys, replace)?;
        return Ok(SavedList {
            included: keys.len() as u64,
            held_out: 0,
            recorded: 0,
            campaign: None,
        });
    };
    let campaign = campaign_name(&record.campaign)?;
    checked_share(record.holdout_share)?;
    let on = sending_day(record.date.as_deref(), today)?;
    let seed = ws.with_conn(store::settings::holdout_seed)?;
    let (sent, held) = split_holdout(seed, &campaign, keys, record.holdout_share);
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let source = format!("送付記録: {campaign} ({file})");
    let recorded = ws.with_tx(|tx| {
        let added = record_sent(tx, &campaign, on, &sent, &held, &source, now)?;
        super::plan::write_key_list(path, &sent, replace)?;
        Ok(added)
    })?;
    Ok(SavedList {
        included: sent.len() as u64,
        held_out: held.len() as u64,
        recorded,
        campaign: Some(campaign),
    })
}

/// What a sending list is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum ListFormat {
    /// A mail tool's upload: e-mail, name, stage, next step.
    Mail,
    /// Address software (筆まめ, 筆王, 宛名職人, Word 差し込み印刷).
    Address,
    /// Shopify's customer CSV with one tag per stage.
    Shopify,
    /// Address labels: a PDF of A4 sheets, 12 labels of 86.4 × 42.3 mm each.
    Labels,
    /// お礼状 postcards: a PDF of 100 × 148 mm pages, the stage's message from
    /// the playbook and the customer's name.
    Postcards,
}

impl ListFormat {
    /// Parses `mail`, `address` or `shopify`.
    pub fn parse(id: &str) -> Option<ListFormat> {
        match id {
            "mail" => Some(ListFormat::Mail),
            "address" => Some(ListFormat::Address),
            "shopify" => Some(ListFormat::Shopify),
            "labels" => Some(ListFormat::Labels),
            "postcards" => Some(ListFormat::Postcards),
            _ => None,
        }
    }

    /// A PDF to print (labels, postcards), not a CSV.
    pub fn is_paper(self) -> bool {
        matches!(self, ListFormat::Labels | ListFormat::Postcards)
    }
}

/// Who goes on a list and how it is saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ListRequest {
    pub format: ListFormat,
    /// Who: stages, segments, quadrants, temperatures, badges, keys.
    pub target: crate::plan::campaign::CampaignTarget,
    /// Only customers whose planned step is of this kind (a held-out one,
    /// 対照, is left out).
    pub step: Option<crate::plan::actions::StepKind>,
    /// The share kept out at random (0 … 0.5).
    pub holdout: f64,
    /// Record the list as sent, as this campaign.
    pub record: Option<String>,
    /// The sending date of the record `YYYY-MM-DD` (today when absent).
    pub date: Option<String>,
    pub encoding: crate::csv_out::CsvEncoding,
}

/// Why customers were left out of a list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ListExcluded {
    /// They declined marketing (配信停止).
    pub declined: u64,
    /// No e-mail (mail and Shopify lists).
    pub no_email: u64,
    /// No postal address with a postal code (address lists and labels).
    pub no_address: u64,
    /// Only an Amazon buyer's relay address (`…@marketplace.amazon.co.jp`):
    /// Amazon lets a seller send order messages through it, never marketing
    /// (mail and Shopify lists).
    pub marketplace: u64,
}

/// An Amazon buyer-seller messaging relay address.
pub fn is_marketplace_relay(email: &str) -> bool {
    let e = email.trim().to_ascii_lowercase();
    e.rsplit_once('@')
        .is_some_and(|(_, domain)| domain.starts_with("marketplace.amazon."))
}

/// What a saved list holds.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ListReport {
    pub format: ListFormat,
    /// Customers the request selected.
    pub selected: u64,
    /// Rows in the file.
    pub included: u64,
    pub excluded: ListExcluded,
    /// Kept out at random (対照).
    pub held_out: u64,
    /// Contacts recorded (0 unless recorded).
    pub recorded: u64,
    pub campaign: Option<String>,
    /// A caution to show with the file (Shopify's tag import).
    pub warning: Option<String>,
}

/// What a list reads: the app's kept snapshot, or — when none is kept (the
/// CLI) — the dataset, its analysis and plan alone (no CLV fit, monthly
/// stages or report, which a list does not need; the plan uses none of them).
enum Basis {
    Kept {
        snap: std::sync::Arc<crate::snapshot::Snapshot>,
        plan: std::sync::Arc<Vec<crate::plan::actions::PlannedAction>>,
        names: std::sync::Arc<Vec<Option<String>>>,
        playbook: crate::plan::playbook::Playbook,
    },
    Lean {
        ds: Box<crate::analytics::Dataset>,
        analysis: Box<crate::analytics::Analysis>,
        plan: Vec<crate::plan::actions::PlannedAction>,
        names: Vec<Option<String>>,
        playbook: crate::plan::playbook::Playbook,
    },
}

impl Basis {
    fn new(ws: &Workspace, as_of: Option<Day>, today: Day) -> Result<Basis> {
        use crate::plan::actions;
        if let Some(snap) = ws.kept_snapshot(as_of) {
            return Ok(Basis::Kept {
                plan: snap.plan()?,
                names: snap.names()?,
                playbook: snap.plan_base()?.playbook.clone(),
                snap,
            });
        }
        let (ds, settings, playbook, contacts, statuses, named, seed) = ws.with_conn(|c| {
            Ok((
                store::dataset::load(c)?,
                store::settings::analysis(c)?,
                crate::plan::playbook::load(c)?,
                store::contacts::all(c)?,
                store::contacts::statuses(c)?,
                store::customers::names(c)?,
                store::settings::holdout_seed(c)?,
            ))
        })?;
        let as_of = as_of.or_else(|| ds.default_as_of()).unwrap_or(today);
        let analysis = crate::analytics::analyze(&ds, &settings, as_of);
        let phase = crate::analytics::kpi::phase(&ds, &analysis, &settings).phase;
        let history = actions::ContactHistory::from_rows(&ds, as_of, &contacts, &statuses);
        let plan = actions::plan(
            &ds,
            &analysis,
            &playbook,
            &history,
            &actions::PlanContext::of(&settings, phase, seed),
        );
        let position: std::collections::HashMap<i64, usize> = ds
            .customers
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i))
            .collect();
        let mut names = vec![None; ds.customers.len()];
        for (id, name) in named {
            if let Some(&i) = position.get(&id) {
                names[i] = Some(name);
            }
        }
        Ok(Basis::Lean {
            ds: Box::new(ds),
            analysis: Box::new(analysis),
            plan,
            names,
            playbook,
        })
    }

    fn ds(&self) -> &crate::analytics::Dataset {
        match self {
            Basis::Kept { snap, .. } => &snap.ds,
            Basis::Lean { ds, .. } => ds,
        }
    }

    fn customers(&self) -> &[crate::analytics::CustomerResult] {
        match self {
            Basis::Kept { snap, .. } => &snap.analysis.customers,
            Basis::Lean { analysis, .. } => &analysis.customers,
        }
    }

    fn plan(&self) -> &[crate::plan::actions::PlannedAction] {
        match self {
            Basis::Kept { plan, .. } => plan,
            Basis::Lean { plan, .. } => plan,
        }
    }

    fn names(&self) -> &[Option<String>] {
        match self {
            Basis::Kept { names, .. } => names,
            Basis::Lean { names, .. } => names,
        }
    }

    fn playbook(&self) -> &crate::plan::playbook::Playbook {
        match self {
            Basis::Kept { playbook, .. } | Basis::Lean { playbook, .. } => playbook,
        }
    }
}

/// One customer as a list row.
struct Recipient {
    key: String,
    name: Option<String>,
    email: Option<String>,
    stage: crate::model::Stage,
    step: crate::plan::actions::ActionKind,
    address: Option<store::addresses::StoredAddress>,
}

/// The labels or postcards of the recipients, as PDF bytes.
fn paper(
    format: ListFormat,
    sent: &[Recipient],
    playbook: &crate::plan::playbook::Playbook,
    lang: crate::model::Lang,
) -> Result<Vec<u8>> {
    use crate::paper::{LabelText, PostcardText};
    let ja = lang == crate::model::Lang::Ja;
    let name = |r: &Recipient| {
        r.name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| if ja { "お客さま" } else { "Customer" }.to_string())
    };
    match format {
        ListFormat::Labels => {
            let labels: Vec<LabelText> = sent
                .iter()
                .map(|r| {
                    let a = r.address.clone().unwrap_or_default();
                    LabelText {
                        postal_code: a.postal_code,
                        address: format!("{}{}{}", a.prefecture, a.city, a.street),
                        building: a.building,
                        name: name(r),
                    }
                })
                .collect();
            crate::paper::labels_pdf(
                &labels,
                if ja {
                    "宛名ラベル"
                } else {
                    "Address labels"
                },
            )
        }
        _ => {
            let cards: Vec<PostcardText> = sent
                .iter()
                .map(|r| PostcardText {
                    name: name(r),
                    message: playbook
                        .stage(r.stage)
                        .map(|p| {
                            if ja {
                                p.thank_you_ja.clone()
                            } else {
                                p.thank_you_en.clone()
                            }
                        })
                        .unwrap_or_default(),
                })
                .collect();
            crate::paper::postcards_pdf(&cards, if ja { "お礼状" } else { "Thank-you notes" })
        }
    }
}

/// Writes a sending list (`horetsu list`): the customers the request selects
/// at the analysis date, left out with their reason when the format cannot
/// reach them or they declined marketing, a random share held out, and —
/// with `record` — recorded as sent (the contacts and the file, all or
/// nothing).
#[allow(clippy::too_many_arguments)]
pub fn write_list(
    ws: &Workspace,
    path: &Path,
    request: &ListRequest,
    replace: bool,
    as_of: Option<Day>,
    today: Day,
    now: &str,
    lang: crate::model::Lang,
) -> Result<ListReport> {
    list(ws, Some(path), request, replace, as_of, today, now, lang)
}

/// What [`write_list`] would write and leave out, without writing or
/// recording anything (the counts the app shows before the save dialog).
pub fn preview_list(
    ws: &Workspace,
    request: &ListRequest,
    as_of: Option<Day>,
    today: Day,
    lang: crate::model::Lang,
) -> Result<ListReport> {
    let mut dry = request.clone();
    dry.record = dry.record.filter(|r| !r.trim().is_empty());
    let mut report = list(ws, None, &dry, false, as_of, today, "", lang)?;
    report.recorded = 0;
    Ok(report)
}

#[allow(clippy::too_many_arguments)]
fn list(
    ws: &Workspace,
    path: Option<&Path>,
    request: &ListRequest,
    replace: bool,
    as_of: Option<Day>,
    today: Day,
    now: &str,
    lang: crate::model::Lang,
) -> Result<ListReport> {
    use crate::plan::actions::ActionStatus;
    checked_share(request.holdout)?;
    let campaign = request.record.as_deref().map(campaign_name).transpose()?;
    let on = sending_day(request.date.as_deref(), today)?;
    let basis = Basis::new(ws, as_of, today)?;
    let ds = basis.ds();
    let index: std::collections::HashMap<i64, crate::analytics::CustomerIdx> = ds
        .customers
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id, i as crate::analytics::CustomerIdx))
        .collect();
    // Keys may be the handles a masked screen holds (＃<row id>). Checked
    // through a set, not the target's linear search (a selection can hold
    // thousands).
    let mut target = request.target.clone();
    let keys_only: Vec<String> = ws.with_conn(|c| {
        std::mem::take(&mut target.keys)
            .iter()
            .map(|k| super::plan::key_of_reference(c, k))
            .collect::<Result<Vec<_>>>()
    })?;
    let wanted: std::collections::HashSet<&str> = keys_only.iter().map(String::as_str).collect();
    let (emails, addresses, consents, seed) = ws.with_conn(|c| {
        Ok((
            store::customers::emails(c)?,
            store::addresses::latest_addresses(c)?,
            store::addresses::latest_consents(c)?,
            store::settings::holdout_seed(c)?,
        ))
    })?;
    let n = ds.customers.len();
    let mut email_of: Vec<Option<String>> = vec![None; n];
    for (id, e) in emails {
        if let Some(&i) = index.get(&id) {
            email_of[i as usize] = Some(e);
        }
    }
    let mut address_of: Vec<Option<store::addresses::StoredAddress>> = vec![None; n];
    for (id, a) in addresses {
        if let Some(&i) = index.get(&id) {
            address_of[i as usize] = Some(a);
        }
    }
    let mut declined = vec![false; n];
    for (id, yes) in consents {
        if let Some(&i) = index.get(&id) {
            declined[i as usize] = !yes;
        }
    }
    let mut excluded = ListExcluded::default();
    let mut selected = 0u64;
    let mut rows: Vec<Recipient> = Vec::new();
    let names = basis.names();
    for (c, action) in basis.customers().iter().zip(basis.plan()) {
        if !target.contains(ds, c)
            || (!keys_only.is_empty()
                && !wanted.contains(ds.customers[c.idx as usize].key.as_str()))
        {
            continue;
        }
        if let Some(step) = request.step {
            if action.step != step || action.status == ActionStatus::Control {
                continue;
            }
        }
        selected += 1;
        let i = c.idx as usize;
        let key = ds.customers[i].key.clone();
        let email = email_of[i].clone().or_else(|| {
            (crate::keys::classify_customer_key(&key) == crate::keys::KeyKind::Email)
                .then(|| key.clone())
        });
        match request.format {
            ListFormat::Mail | ListFormat::Shopify => {
                if declined[i] {
                    excluded.declined += 1;
                    continue;
                }
                let Some(address) = email.as_deref() else {
                    excluded.no_email += 1;
                    continue;
                };
                if is_marketplace_relay(address) {
                    excluded.marketplace += 1;
                    continue;
                }
            }
            ListFormat::Postcards => {}
            ListFormat::Address | ListFormat::Labels => {
                if address_of[i]
                    .as_ref()
                    .is_none_or(|a| a.postal_code.is_empty())
                {
                    excluded.no_address += 1;
                    continue;
                }
            }
        }
        rows.push(Recipient {
            key,
            name: names[i].clone(),
            email,
            stage: c.stage,
            step: action.kind,
            address: address_of[i].take(),
        });
    }
    // The random holdout, drawn with the workspace's seed for the campaign
    // (or the list's format, when it is not recorded).
    let draw = campaign
        .clone()
        .unwrap_or_else(|| format!("list:{:?}", request.format));
    let keys: Vec<String> = rows.iter().map(|r| r.key.clone()).collect();
    let (_, held) = split_holdout(seed, &draw, &keys, request.holdout);
    let held_set: std::collections::HashSet<&str> = held.iter().map(String::as_str).collect();
    let (sent, kept_out): (Vec<Recipient>, Vec<Recipient>) = rows
        .into_iter()
        .partition(|r| !held_set.contains(r.key.as_str()));
    let playbook = basis.playbook();
    let write = |path: &Path| -> Result<()> {
        use crate::csv_out::{Cell, CsvFile};
        if request.format.is_paper() {
            let bytes = paper(request.format, &sent, playbook, lang)?;
            return crate::files::write_file(path, crate::files::FileKind::Pdf, replace, |tmp| {
                std::fs::write(tmp, &bytes).map_err(|e| Error::FileWrite {
                    path: tmp.to_path_buf(),
                    reason: e.to_string(),
                })
            });
        }
        let mut out = CsvFile::create_in(path, replace, request.encoding)?;
        match request.format {
            ListFormat::Labels | ListFormat::Postcards => unreachable!("paper is written above"),
            ListFormat::Mail => {
                out.record(["email", "name", "stage", "next_step"].map(Cell::Text))?;
                for r in &sent {
                    out.record([
                        Cell::Text(r.email.as_deref().unwrap_or("")),
                        Cell::Text(r.name.as_deref().unwrap_or("")),
                        Cell::Text(crate::labels::stage(r.stage, lang)),
                        Cell::Text(r.step.label(lang)),
                    ])?;
                }
            }
            ListFormat::Address => {
                out.record(
                    [
                        "郵便番号",
                        "都道府県",
                        "市区町村",
                        "番地",
                        "建物",
                        "氏名",
                        "敬称",
                    ]
                    .map(Cell::Text),
                )?;
                for r in &sent {
                    let a = r.address.clone().unwrap_or_default();
                    out.record([
                        Cell::Text(&a.postal_code),
                        Cell::Text(&a.prefecture),
                        Cell::Text(&a.city),
                        Cell::Text(&a.street),
                        Cell::Text(&a.building),
                        Cell::Text(r.name.as_deref().unwrap_or("")),
                        Cell::Text("様"),
                    ])?;
                }
            }
            ListFormat::Shopify => {
                out.record(["First Name", "Last Name", "Email", "Tags"].map(Cell::Text))?;
                for r in &sent {
                    let name = r.name.as_deref().unwrap_or("").trim();
                    // Japanese order: the family name first.
                    let (last, first) = name.split_once(char::is_whitespace).unwrap_or((name, ""));
                    let tag = format!(
                        "惚れ通:{}",
                        crate::labels::stage(r.stage, crate::model::Lang::Ja)
                    );
                    out.record([
                        Cell::Text(first.trim()),
                        Cell::Text(last),
                        Cell::Text(r.email.as_deref().unwrap_or("")),
                        Cell::Text(&tag),
                    ])?;
                }
            }
        }
        out.finish()
    };
    let recorded = match (&campaign, path) {
        (_, None) => 0,
        (Some(name), Some(path)) => {
            let sent_keys: Vec<String> = sent.iter().map(|r| r.key.clone()).collect();
            let held_keys: Vec<String> = kept_out.iter().map(|r| r.key.clone()).collect();
            let file = path
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            let source = format!("送付記録: {name} ({file})");
            ws.with_tx(|tx| {
                let added = record_sent(tx, name, on, &sent_keys, &held_keys, &source, now)?;
                write(path)?;
                Ok(added)
            })?
        }
        (None, Some(path)) => {
            write(path)?;
            0
        }
    };
    Ok(ListReport {
        format: request.format,
        selected,
        included: sent.len() as u64,
        excluded,
        held_out: kept_out.len() as u64,
        recorded,
        campaign,
        warning: (request.format == ListFormat::Shopify).then(|| {
            match lang {
                crate::model::Lang::Ja => "Shopifyの顧客インポートは、各顧客のタグをこのファイルのタグで置き換えます。Shopifyで付けたタグのうちファイルにないものは消えます",
                crate::model::Lang::En => "Shopify's customer import replaces each customer's tags with the file's: tags set in Shopify and not in the file are removed",
            }
            .to_string()
        }),
    })
}
