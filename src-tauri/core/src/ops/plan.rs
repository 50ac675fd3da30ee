//! The action plan: every customer's next step (made once per snapshot, then
//! filtered and paged), statuses with their contact log, the campaign check,
//! customer lists for a campaign, and the playbook.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use ts_rs::TS;

use crate::analytics::CustomerIdx;
use crate::day::{self, Day};
use crate::error::{Error, Result};
use crate::model::{Lang, Segment, Stage, Temperature};
use crate::plan::actions::{self, ActionKind, ActionStatus, PlannedAction};
use crate::plan::campaign;
use crate::plan::mask;
pub use crate::plan::playbook::Playbook;
use crate::plan::playbook::{self, StagePlay};
use crate::snapshot::Snapshot;
use crate::Workspace;

pub use crate::plan::campaign::{CampaignCheck, CampaignTarget};
pub use crate::plan::playbook::CampaignType;

/// One customer's line of the plan, as the app's plan screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct PlanRow {
    /// The key commands take (never shown while masking is on).
    pub customer_key: String,
    /// The key to show (masked when asked).
    pub display_key: String,
    pub name: Option<String>,
    pub stage: Stage,
    pub temperature: Temperature,
    pub segment: Option<Segment>,
    pub heat: f64,
    pub action: PlannedAction,
    /// The customer the step is about besides this one (後見人 and newcomer).
    pub related: Option<RelatedCustomer>,
}

/// Who the related customer of a step is to this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum Relation {
    /// The one who referred this customer (a newcomer's onboarding step).
    Referrer,
    /// A newcomer this customer referred (a 後見人 step).
    Newcomer,
}

/// The related customer of a plan row.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct RelatedCustomer {
    /// The key commands take (a handle while masking is on).
    pub customer_key: String,
    /// The key to show (masked when asked).
    pub display_key: String,
    pub name: Option<String>,
    pub relation: Relation,
}

/// The plan's rows, soonest due first, then the warmest (made once per snapshot).
fn rows_of(snap: &Snapshot) -> Result<Arc<Vec<PlanRow>>> {
    snap.memo("plan_rows", || {
        let plan = snap.plan()?;
        let names = snap.names()?;
        let mut rows: Vec<(f64, PlanRow)> = snap
            .analysis
            .customers
            .iter()
            .zip(plan.iter())
            .map(|(c, action)| {
                let key = snap.key(c.idx).to_string();
                let related = action.related.map(|r| {
                    let k = snap.key(r).to_string();
                    RelatedCustomer {
                        display_key: k.clone(),
                        customer_key: k,
                        name: names[r as usize].clone(),
                        relation: if c.referrer == Some(r) {
                            Relation::Referrer
                        } else {
                            Relation::Newcomer
                        },
                    }
                });
                (
                    c.heat,
                    PlanRow {
                        related,
                        display_key: key.clone(),
                        customer_key: key,
                        name: names[c.idx as usize].clone(),
                        stage: c.stage,
                        temperature: c.temperature,
                        segment: c.segment,
                        heat: c.heat,
                        action: action.clone(),
                    },
                )
            })
            .collect();
        rows.sort_by(|x, y| {
            x.1.action
                .due_on
                .cmp(&y.1.action.due_on)
                .then(y.0.total_cmp(&x.0))
        });
        Ok(rows.into_iter().map(|(_, r)| r).collect())
    })
}

/// How much is at stake if a customer cools further: the stage reached
/// (観測 1 … 循環 5) times how cold they are (暖か 0, 安定 1, 冷めかけ 2,
/// 冷えた 3).
fn at_stake(stage: Stage, temperature: Temperature) -> u32 {
    let cold = match temperature {
        Temperature::Warm | Temperature::Unknown => 0,
        Temperature::Steady => 1,
        Temperature::Cooling => 2,
        Temperature::Cold => 3,
    };
    (stage.index() as u32 + 1) * cold
}

/// The plan in the order to work through it (the app's list, issue #17):
/// steps due within 7 days of the analysis date first, to-dos before the
/// rest, answering a complaint (recovery, personal reply) before anything
/// else, then the most at stake ([`at_stake`]), the highest spend, the
/// soonest due and the warmest.
fn rows_by_priority(snap: &Snapshot) -> Result<Arc<Vec<PlanRow>>> {
    snap.memo("plan_rows_priority", || {
        let week_end = day::format(snap.analysis.as_of + 7);
        let index = snap.key_index()?;
        let spend = |r: &PlanRow| {
            index
                .get(&r.customer_key)
                .map_or(0.0, |&i| snap.analysis.customers[i as usize].monetary)
        };
        let mut rows: Vec<(f64, PlanRow)> = rows_of(snap)?
            .iter()
            .map(|r| (spend(r), r.clone()))
            .collect();
        let key = |(m, r): &(f64, PlanRow)| {
            (
                r.action.due_on > week_end,
                r.action.status != ActionStatus::Todo,
                !matches!(
                    r.action.kind,
                    ActionKind::RecoveryContact | ActionKind::PersonalReply
                ),
                std::cmp::Reverse(at_stake(r.stage, r.temperature)),
                std::cmp::Reverse(ordered(*m)),
                r.action.due_on.clone(),
                std::cmp::Reverse(ordered(r.heat)),
            )
        };
        rows.sort_by_cached_key(key);
        Ok(rows.into_iter().map(|(_, r)| r).collect())
    })
}

/// A float as a totally ordered integer key (larger float, larger key).
fn ordered(v: f64) -> i64 {
    let b = v.to_bits() as i64;
    if b < 0 {
        b ^ i64::MAX
    } else {
        b
    }
}

/// The plan of every customer, soonest due first, then the warmest.
pub fn plan_rows(ws: &Workspace, as_of: Option<Day>, today: Day) -> Result<Vec<PlanRow>> {
    Ok((*rows_of(&*ws.snapshot(as_of, today)?)?).clone())
}

/// One page of the plan at an analysis date, in the order to work through
/// it (see `rows_by_priority`; the CLI's `plan` keeps soonest due first).
pub fn plan_page(
    ws: &Workspace,
    as_of: Option<Day>,
    today: Day,
    query: &PlanQuery,
) -> Result<PlanPage> {
    let snap = ws.snapshot(as_of, today)?;
    let mut page = query_plan(&rows_by_priority(&snap)?, query);
    page.plays = snap.plan_base()?.playbook.stages.clone();
    if query.mask_pii {
        // The key commands take becomes a handle: a key can be an e-mail.
        for row in &mut page.rows {
            if let Some(i) = snap.resolve(&row.customer_key)? {
                row.customer_key = snap.handle(i);
            }
            if let Some(r) = &mut row.related {
                if let Some(i) = snap.resolve(&r.customer_key)? {
                    r.customer_key = snap.handle(i);
                }
            }
        }
    }
    Ok(page)
}

/// One planned action's new status, for changing many at once.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct StatusChange {
    pub customer_key: String,
    pub kind: ActionKind,
    /// The planned action's due date, `YYYY-MM-DD` (it names the action with the kind).
    pub due_on: String,
    pub status: ActionStatus,
}

/// Records the user's status of planned actions (`done` logs the contact; any
/// other status takes it back out): one, or many at once (a bulk edit in the
/// plan, and its undo), all in one transaction, or none if any is refused.
/// The plan at `as_of` is the one the user acted on: a step it holds out
/// (対照) takes no status, and a kind of step marked done records that
/// kind's held-out customers as its control group, dated `today`.
/// Returns how many were recorded.
pub fn set_action_statuses(
    ws: &Workspace,
    changes: &[StatusChange],
    as_of: Option<Day>,
    today: Day,
    now: &str,
) -> Result<usize> {
    let parsed = changes
        .iter()
        .map(|c| {
            day::parse_iso(&c.due_on)
                .map(|due| (c, due))
                .ok_or_else(|| {
                    Error::invalid("due_on", format!("{} is not a date (YYYY-MM-DD)", c.due_on))
                })
        })
        .collect::<Result<Vec<_>>>()?;
    if parsed.is_empty() {
        return Ok(0);
    }
    // The plan the user acted on: its held-out rows (対照) take no status,
    // and a kind of step marked done records them as its control group.
    let snap = ws.snapshot(as_of, today)?;
    let plan = snap.plan()?;
    let held: HashSet<(CustomerIdx, ActionKind, &str)> = snap
        .analysis
        .customers
        .iter()
        .zip(plan.iter())
        .filter(|(_, a)| a.status == ActionStatus::Control)
        .map(|(c, a)| (c.idx, a.kind, a.due_on.as_str()))
        .collect();
    for (c, _) in &parsed {
        if let Some(i) = snap.resolve(&c.customer_key)? {
            if held.contains(&(i, c.kind, c.due_on.as_str())) {
                return Err(Error::invalid(
                    "status",
                    format!(
                        "{} is held out of this step (対照) for effect measurement",
                        c.customer_key
                    ),
                ));
            }
        }
    }
    let done: HashSet<ActionKind> = parsed
        .iter()
        .filter(|(c, _)| c.status == ActionStatus::Done)
        .map(|(c, _)| c.kind)
        .collect();
    let year = day::year_month(snap.as_of).0;
    let controls: Vec<(i64, ActionKind)> = held
        .iter()
        .filter(|(_, kind, _)| done.contains(kind))
        .map(|&(i, kind, _)| (snap.ds.customers[i as usize].id, kind))
        .collect();
    ws.with_tx(|tx| {
        for (c, due) in &parsed {
            let key = key_of_reference(**tx, &c.customer_key)?;
            actions::set_status(tx, &key, c.kind, *due, c.status, today, now)?;
        }
        for &(id, kind) in &controls {
            crate::store::contacts::log_holdout(
                tx,
                id,
                kind.id(),
                &day::format(today),
                &actions::Holdout::campaign(kind, year),
                now,
            )?;
        }
        Ok(parsed.len())
    })
}

/// The customer key a command names: the key itself, or the key of a
/// customer handle (`＃<row id>`, what the screens hold while masking is on).
pub(crate) fn key_of_reference(c: crate::store::Conn<'_>, reference: &str) -> Result<String> {
    if let Some(id) = reference
        .strip_prefix('＃')
        .and_then(|d| d.parse::<i64>().ok())
    {
        if let Some(key) = crate::store::customers::key_of(c, id)? {
            return Ok(key);
        }
    }
    Ok(reference.to_string())
}

/// Checks a campaign before it goes out. With `mask_pii`, the recipients
/// are handles (saving the list writes their keys) and every other key is
/// masked.
pub fn campaign_check(
    ws: &Workspace,
    as_of: Option<Day>,
    today: Day,
    campaign: CampaignType,
    target: &CampaignTarget,
    mask_pii: bool,
) -> Result<CampaignCheck> {
    let snap = ws.snapshot(as_of, today)?;
    let base = snap.plan_base()?;
    let mut check = campaign::check(
        &snap.ds,
        &snap.analysis,
        &base.playbook,
        &base.history,
        campaign,
        target,
    );
    let names = snap.names()?;
    for e in &mut check.excluded {
        super::identify(
            &snap,
            &names,
            mask_pii,
            &mut e.customer_key,
            &mut e.display_key,
            &mut e.name,
        )?;
    }
    if mask_pii {
        for k in &mut check.allowed_keys {
            if let Some(i) = snap.resolve(k)? {
                *k = snap.handle(i);
            }
        }
        for k in &mut check.unknown_keys {
            *k = mask::key(k);
        }
    }
    Ok(check)
}

/// Writes a campaign's recipients (keys, or the handles a masked check
/// gave) as a one-column CSV of their keys: the list the shop sends with;
/// with `record`, recorded as sent with its holdout (see
/// [`super::sending::save_key_list`]).
pub fn save_recipients(
    ws: &Workspace,
    path: &Path,
    recipients: &[String],
    replace: bool,
    record: Option<&super::sending::SendRecord>,
    today: Day,
    now: &str,
) -> Result<super::sending::SavedList> {
    let keys = ws.with_conn(|c| {
        recipients
            .iter()
            .map(|r| key_of_reference(c, r))
            .collect::<Result<Vec<_>>>()
    })?;
    super::sending::save_key_list(ws, path, &keys, replace, record, today, now)
}

/// Reads a customer list file for a campaign target: one key per line, or a
/// CSV whose first column (or a column named like a customer id or e-mail)
/// holds the keys. Keys are normalised as the import normalises them.
pub fn read_key_list(path: &Path) -> Result<Vec<String>> {
    let bytes = std::fs::read(path).map_err(|e| Error::FileRead {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let text = crate::import::source::decode_text(&bytes);
    let mut lines = text
        .lines()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .peekable();
    let split = |l: &str| -> Vec<String> {
        l.split([',', '\t'])
            .map(|c| c.trim().trim_matches('"').to_string())
            .collect()
    };
    let mut column = 0usize;
    if let Some(first) = lines.peek() {
        let cells = split(first);
        let is_header = |c: &str| {
            let c = c.to_lowercase();
            [
                "顧客",
                "会員",
                "メール",
                "電話",
                "customer",
                "email",
                "e-mail",
                "phone",
                "key",
            ]
            .iter()
            .any(|h| c.contains(h))
        };
        if let Some(i) = cells.iter().position(|c| is_header(c)) {
            column = i;
            lines.next();
        }
    }
    let mut keys: Vec<String> = lines
        .filter_map(|l| split(l).into_iter().nth(column))
        .filter_map(|k| crate::keys::normalize_customer_key(&k))
        .collect();
    let mut seen = std::collections::HashSet::new();
    keys.retain(|k| seen.insert(k.clone()));
    Ok(keys)
}

/// Writes a list of customer keys (the recipients a campaign check left) as
/// a one-column CSV for a spreadsheet. An existing CSV is replaced only when
/// `replace`.
pub fn write_key_list(path: &Path, keys: &[String], replace: bool) -> Result<()> {
    use crate::csv_out::{Cell, CsvFile};
    let mut out = CsvFile::create(path, replace)?;
    out.record([Cell::Text("customer_key")])?;
    for k in keys {
        out.record([Cell::Text(k)])?;
    }
    out.finish()
}

/// The workspace's playbook.
pub fn playbook(ws: &Workspace) -> Result<Playbook> {
    ws.with_conn(playbook::load)
}

/// Stores an edited playbook.
pub fn save_playbook(ws: &Workspace, p: &Playbook) -> Result<Playbook> {
    if p.ask_cooldown_days < 0 || p.repeat_cooldown_days < 0 {
        return Err(Error::invalid(
            "playbook",
            "cool-down days cannot be negative",
        ));
    }
    if p.initial_asks_per_month < 0 {
        return Err(Error::invalid(
            "playbook",
            "the monthly number of personal asks cannot be negative",
        ));
    }
    ws.with_tx(|tx| playbook::save(tx, p))?;
    Ok(p.clone())
}

/// Restores the default playbook.
pub fn restore_playbook(ws: &Workspace) -> Result<Playbook> {
    ws.with_tx(playbook::restore_defaults)
}

/// What the plan screen asks for: a filter and a page.
#[derive(Debug, Clone, PartialEq, Default, Serialize, serde::Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct PlanQuery {
    /// Only this stage.
    pub stage: Option<Stage>,
    /// Only this status.
    pub status: Option<ActionStatus>,
    /// Only actions due on or before this day (`YYYY-MM-DD`).
    pub due_by: Option<String>,
    /// Only asks (referral, testimonial, review), or only other actions.
    pub asks: Option<bool>,
    /// Text in the key, the name or the action (case-insensitive).
    pub search: String,
    /// Mask names and keys in the rows returned.
    pub mask_pii: bool,
    pub offset: u32,
    pub limit: u32,
}

/// One page of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct PlanPage {
    /// Rows that match the filter.
    pub total: u64,
    /// Matching rows per status: todo, done, skipped, held out (対照).
    pub todo: u64,
    pub done: u64,
    pub skipped: u64,
    pub control: u64,
    pub offset: u32,
    pub rows: Vec<PlanRow>,
    /// The playbook's do and never per stage (the 禁止施策 of each row's stage).
    pub plays: Vec<StagePlay>,
}

/// Filters and pages a plan (in its order: soonest due first).
pub fn query_plan(rows: &[PlanRow], q: &PlanQuery) -> PlanPage {
    let needle = q.search.trim().to_lowercase();
    let matches = |r: &PlanRow| {
        q.stage.is_none_or(|s| r.stage == s)
            && q.status.is_none_or(|s| r.action.status == s)
            && q.due_by
                .as_deref()
                .is_none_or(|d| r.action.due_on.as_str() <= d)
            && q.asks.is_none_or(|a| r.action.is_ask == a)
            && (needle.is_empty()
                || r.customer_key.to_lowercase().contains(&needle)
                || r.name
                    .as_deref()
                    .is_some_and(|n| n.to_lowercase().contains(&needle))
                || r.action.kind.label(Lang::Ja).contains(&needle)
                || r.action
                    .kind
                    .label(Lang::En)
                    .to_lowercase()
                    .contains(&needle))
    };
    let mut page = PlanPage {
        total: 0,
        todo: 0,
        done: 0,
        skipped: 0,
        control: 0,
        offset: q.offset,
        rows: Vec::new(),
        plays: Vec::new(),
    };
    let limit = q.limit.clamp(1, 1000) as u64;
    for r in rows.iter().filter(|r| matches(r)) {
        match r.action.status {
            ActionStatus::Todo => page.todo += 1,
            ActionStatus::Done => page.done += 1,
            ActionStatus::Skipped => page.skipped += 1,
            ActionStatus::Control => page.control += 1,
        }
        if page.total >= u64::from(q.offset) && (page.rows.len() as u64) < limit {
            let mut row = r.clone();
            if q.mask_pii {
                row.display_key = mask::key(&row.customer_key);
                row.name = row.name.as_deref().map(mask::name);
                if let Some(r) = &mut row.related {
                    r.display_key = mask::key(&r.customer_key);
                    r.name = r.name.as_deref().map(mask::name);
                }
            }
            page.rows.push(row);
        }
        page.total += 1;
    }
    page
}

/// One planned step as `horetsu plan` prints it (docs/cli.md).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanLine {
    pub customer_key: String,
    pub stage: Stage,
    pub temperature: Temperature,
    /// The kind of step (`recovery`, `onboarding`, `referral_ask`,
    /// `testimonial_invite`, `roundtable_invite`, `guardian`, `thanks`, …).
    pub kind: &'static str,
    /// The step (a stable action id).
    pub action: &'static str,
    /// The step in words.
    pub action_label: &'static str,
    /// Due date `YYYY-MM-DD`.
    pub due: String,
    pub channel: &'static str,
    pub is_ask: bool,
    pub status: ActionStatus,
    /// Why, in words.
    pub reason: String,
    /// The referrer of a newcomer's step, the newcomer of a 後見人 step.
    pub related_customer_key: Option<String>,
    /// The shop's referral phase (`initial` or `mid`).
    pub phase: crate::analytics::kpi::Phase,
}

/// The columns of `horetsu plan --csv`, in order.
pub const PLAN_COLUMNS: [&str; 13] = [
    "customer_key",
    "stage",
    "temperature",
    "kind",
    "action",
    "action_label",
    "due",
    "channel",
    "is_ask",
    "status",
    "reason",
    "related_customer_key",
    "phase",
];

/// Every planned step (soonest due first, then the warmest), with masking of
/// the keys when asked.
pub fn plan_lines(
    ws: &Workspace,
    as_of: Option<Day>,
    today: Day,
    lang: Lang,
    mask_pii: bool,
) -> Result<Vec<PlanLine>> {
    let snap = ws.snapshot(as_of, today)?;
    let phase = snap.report.referrals.phase.phase;
    let shown = |k: &str| {
        if mask_pii {
            mask::key(k)
        } else {
            k.to_string()
        }
    };
    Ok(rows_of(&snap)?
        .iter()
        .map(|r| PlanLine {
            customer_key: shown(&r.customer_key),
            stage: r.stage,
            temperature: r.temperature,
            kind: r.action.step.id(),
            action: r.action.kind.id(),
            action_label: r.action.kind.label(lang),
            due: r.action.due_on.clone(),
            channel: r.action.channel.id(),
            is_ask: r.action.is_ask,
            status: r.action.status,
            reason: r.action.reason.text(lang),
            related_customer_key: r.related.as_ref().map(|x| shown(&x.customer_key)),
            phase,
        })
        .collect())
}

/// `horetsu plan --csv` on standard output: the product's one CSV writer
/// (formula-safe), UTF-8 or Shift_JIS.
pub fn write_plan_csv(
    out: impl std::io::Write,
    lines: &[PlanLine],
    encoding: crate::csv_out::CsvEncoding,
) -> Result<()> {
    use crate::csv_out::Cell;
    crate::csv_out::to_stdout(out, encoding, |w| {
        w.record(PLAN_COLUMNS.map(Cell::Text))?;
        for l in lines {
            let phase = match l.phase {
                crate::analytics::kpi::Phase::Initial => "initial",
                crate::analytics::kpi::Phase::Mid => "mid",
            };
            w.record([
                Cell::Text(&l.customer_key),
                Cell::Text(l.stage.id()),
                Cell::Text(l.temperature.id()),
                Cell::Text(l.kind),
                Cell::Text(l.action),
                Cell::Text(l.action_label),
                Cell::Text(&l.due),
                Cell::Text(l.channel),
                Cell::Text(if l.is_ask { "true" } else { "false" }),
                Cell::Text(l.status.id()),
                Cell::Text(&l.reason),
                Cell::Text(l.related_customer_key.as_deref().unwrap_or("")),
                Cell::Text(phase),
            ])?;
        }
        Ok(())
    })
}
