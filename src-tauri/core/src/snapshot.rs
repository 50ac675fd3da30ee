//! One analysis snapshot: everything computed for one workspace generation
//! and analysis date, built once and shared by every screen, command and
//! subcommand.
//!
//! The eager part is what every caller needs (the dataset, the per-customer
//! analysis with its predictions, the monthly stage snapshots, the report).
//! The rest is made the first time someone asks ([`Snapshot::memo`]): the
//! customers' names, the plan's inputs and the plan, the customer list, the
//! charts of a language. A part that reads the workspace reads it under the
//! store's lock and is kept only if no write came in between, so a snapshot
//! never mixes two generations.

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::analytics::comments::NpsComment;
use crate::analytics::predict::Models;
use crate::analytics::report::{self, Report};
use crate::analytics::snapshots::Snapshot as MonthEnd;
use crate::analytics::{Analysis, CustomerIdx, CustomerResult, Dataset};
use crate::day::{self, Day};
use crate::error::Result;
use crate::plan::actions::{self, ContactHistory, PlannedAction};
use crate::plan::playbook::{self, Playbook};
use crate::settings::Settings;
use crate::store::{self, Conn, Store, WorkspaceInfo};

type Memo = Arc<dyn Any + Send + Sync>;

/// Everything computed at one analysis date for one workspace generation.
pub struct Snapshot {
    /// The store generation it was built from.
    pub generation: u64,
    /// The analysis date asked for (`None`: the default).
    pub requested: Option<Day>,
    /// The analysis date used.
    pub as_of: Day,
    /// The workspace's record.
    pub info: WorkspaceInfo,
    pub ds: Dataset,
    pub settings: Settings,
    /// Per customer, with the day-unit predictions.
    pub analysis: Analysis,
    /// The day-unit CLV fits.
    pub models: Models,
    /// Stages at the last month ends (`report::FLOW_MONTHS`), oldest first.
    pub monthly: Vec<MonthEnd>,
    /// Every KPI, with the NPS comment categories.
    pub report: Report,
    /// NPS comments on or before the analysis date, newest first.
    pub comments: Vec<NpsComment>,
    store: Arc<Mutex<Store>>,
    memos: Mutex<HashMap<&'static str, Memo>>,
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot")
            .field("generation", &self.generation)
            .field("as_of", &self.as_of)
            .finish()
    }
}

/// What the plan reads besides the analysis.
#[derive(Debug, Clone)]
pub struct PlanBase {
    pub playbook: Playbook,
    pub history: ContactHistory,
    /// Every contact in the log, by dataset index, newest first.
    pub contacts: HashMap<CustomerIdx, Vec<store::contacts::ContactRow>>,
    /// The seed of the workspace's holdout draws (効果測定).
    pub holdout_seed: u64,
}

impl Snapshot {
    /// Builds the eager part from the store (the caller holds it).
    pub(crate) fn build(
        store: &Arc<Mutex<Store>>,
        held: &Store,
        requested: Option<Day>,
        today: Day,
    ) -> Result<Snapshot> {
        held.with_conn(|c| {
            let ds = store::dataset::load(c)?;
            let settings = store::settings::analysis(c)?;
            let info = store::settings::info(c)?.unwrap_or(WorkspaceInfo {
                name: String::new(),
                is_demo: false,
                created_at: String::new(),
            });
            let as_of = requested.or_else(|| ds.default_as_of()).unwrap_or(today);
            let report::Built {
                analysis,
                models,
                monthly,
                mut report,
            } = report::build(&ds, &settings, as_of);
            let comments: Vec<NpsComment> = store::nps::comments(c, &day::format(as_of))?
                .into_iter()
                .map(|r| NpsComment::new(r.answered_on, r.score, r.customer_key, r.comment))
                .collect();
            report.nps.comment_categories = crate::analytics::comments::category_counts(&comments);
            Ok(Snapshot {
                generation: held.generation(),
                requested,
                as_of,
                info,
                ds,
                settings,
                analysis,
                models,
                monthly,
                report,
                comments,
                store: store.clone(),
                memos: Mutex::new(HashMap::new()),
            })
        })
    }

    /// The value kept under `key`, made by `make` the first time.
    pub fn memo<T: Any + Send + Sync>(
        &self,
        key: &'static str,
        make: impl FnOnce() -> Result<T>,
    ) -> Result<Arc<T>> {
        if let Some(v) = self.kept::<T>(key) {
            return Ok(v);
        }
        let v = Arc::new(make()?);
        Ok(self.keep(key, v))
    }

    /// Like [`Snapshot::memo`], for a value read from the workspace: read under
    /// the store's lock, and kept only while the store is still at this
    /// snapshot's generation.
    pub fn memo_read<T: Any + Send + Sync>(
        &self,
        key: &'static str,
        read: impl FnOnce(Conn<'_>) -> Result<T>,
    ) -> Result<Arc<T>> {
        if let Some(v) = self.kept::<T>(key) {
            return Ok(v);
        }
        let store = self.store.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(v) = self.kept::<T>(key) {
            return Ok(v);
        }
        let v = Arc::new(store.with_conn(read)?);
        if store.generation() == self.generation {
            return Ok(self.keep(key, v));
        }
        Ok(v)
    }

    fn kept<T: Any + Send + Sync>(&self, key: &'static str) -> Option<Arc<T>> {
        let memos = self.memos.lock().unwrap_or_else(|p| p.into_inner());
        memos.get(key).cloned().and_then(|m| m.downcast::<T>().ok())
    }

    fn keep<T: Any + Send + Sync>(&self, key: &'static str, v: Arc<T>) -> Arc<T> {
        let mut memos = self.memos.lock().unwrap_or_else(|p| p.into_inner());
        let kept = memos
            .entry(key)
            .or_insert_with(|| v.clone() as Memo)
            .clone();
        kept.downcast::<T>().unwrap_or(v)
    }

    /// Names by dataset index (the one way names are read).
    pub fn names(&self) -> Result<Arc<Vec<Option<String>>>> {
        self.memo_read("names", |c| {
            let position = self.row_index()?;
            let mut names = vec![None; self.ds.customers.len()];
            for (id, name) in store::customers::names(c)? {
                if let Some(&i) = position.get(&id) {
                    names[i as usize] = Some(name);
                }
            }
            Ok(names)
        })
    }

    /// What the customers table's search looks in, per customer: the key,
    /// the name, the e-mail and the phone's digits, folded by
    /// [`crate::keys::search_fold`] (width, case, katakana as hiragana).
    pub fn search_texts(&self) -> Result<Arc<Vec<String>>> {
        // Read before taking the store's lock: memo_read holds it, and the
        // names are a memo_read of their own.
        let position = self.row_index()?;
        let names = self.names()?;
        self.memo_read("search_texts", |c| {
            let mut texts: Vec<String> = self
                .ds
                .customers
                .iter()
                .enumerate()
                .map(|(i, cu)| {
                    let mut t = crate::keys::search_fold(&cu.key);
                    if let Some(n) = &names[i] {
                        t.push('\u{1}');
                        t.push_str(&crate::keys::search_fold(n));
                    }
                    t
                })
                .collect();
            for (id, email, phone) in store::customers::contacts(c)? {
                if let Some(&i) = position.get(&id) {
                    let t = &mut texts[i as usize];
                    if let Some(e) = email {
                        t.push('\u{1}');
                        t.push_str(&crate::keys::search_fold(&e));
                    }
                    if let Some(p) = phone {
                        t.push('\u{1}');
                        t.extend(
                            crate::keys::search_fold(&p)
                                .chars()
                                .filter(char::is_ascii_digit),
                        );
                    }
                }
            }
            Ok(texts)
        })
    }

    /// The playbook, the contact history and the statuses.
    pub fn plan_base(&self) -> Result<Arc<PlanBase>> {
        self.memo_read("plan_base", |c| {
            let playbook = playbook::load(c)?;
            let contacts = store::contacts::all(c)?;
            let statuses = store::contacts::statuses(c)?;
            let history = ContactHistory::from_rows(&self.ds, self.as_of, &contacts, &statuses);
            let index = self.row_index()?;
            let mut by_customer: HashMap<CustomerIdx, Vec<store::contacts::ContactRow>> =
                HashMap::new();
            for k in contacts {
                if let Some(&i) = index.get(&k.customer_id) {
                    by_customer.entry(i).or_default().push(k);
                }
            }
            Ok(PlanBase {
                holdout_seed: store::settings::holdout_seed(c)?,
                playbook,
                history,
                contacts: by_customer,
            })
        })
    }

    /// Every customer's next action, in `analysis.customers` order.
    pub fn plan(&self) -> Result<Arc<Vec<PlannedAction>>> {
        let base = self.plan_base()?;
        self.memo("plan", || {
            Ok(actions::plan(
                &self.ds,
                &self.analysis,
                &base.playbook,
                &base.history,
                &actions::PlanContext::of(
                    &self.settings,
                    self.report.referrals.phase.phase,
                    base.holdout_seed,
                ),
            ))
        })
    }

    /// Dataset index by the customer's row id in the workspace.
    pub fn row_index(&self) -> Result<Arc<HashMap<i64, CustomerIdx>>> {
        self.memo("row_index", || {
            Ok(self
                .ds
                .customers
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id, i as CustomerIdx))
                .collect())
        })
    }

    /// Dataset index by customer key.
    pub fn key_index(&self) -> Result<Arc<HashMap<String, CustomerIdx>>> {
        self.memo("key_index", || {
            Ok(self
                .ds
                .customers
                .iter()
                .enumerate()
                .map(|(i, c)| (c.key.clone(), i as CustomerIdx))
                .collect())
        })
    }

    /// The analysis of the customer with this key (or [`Snapshot::handle`]),
    /// if they are a customer at the date.
    pub fn customer(&self, key: &str) -> Result<Option<&CustomerResult>> {
        Ok(self.resolve(key)?.and_then(|i| self.analysis.of(i)))
    }

    /// An opaque handle for a customer, `＃<row id>` (a full-width `＃`):
    /// what the screens get instead of the customer key while masking is on
    /// (a key can be an e-mail or a phone number), and what commands take
    /// back. No key can be a handle: keys are NFKC-normalised, which turns
    /// `＃` into `#`.
    pub fn handle(&self, idx: CustomerIdx) -> String {
        format!("＃{}", self.ds.customers[idx as usize].id)
    }

    /// The customer a key or a [`Snapshot::handle`] names.
    pub fn resolve(&self, key: &str) -> Result<Option<CustomerIdx>> {
        if let Some(id) = key.strip_prefix('＃').and_then(|d| d.parse::<i64>().ok()) {
            if let Some(&i) = self.row_index()?.get(&id) {
                return Ok(Some(i));
            }
        }
        Ok(self.key_index()?.get(key).copied())
    }

    /// The key commands take for a customer: the key itself, or its handle
    /// while masking is on.
    pub fn reference(&self, idx: CustomerIdx, mask_pii: bool) -> String {
        if mask_pii {
            self.handle(idx)
        } else {
            self.key(idx).to_string()
        }
    }

    /// Scrubs personal data out of free text: e-mails, phone numbers and this
    /// workspace's customer names (built once per snapshot, when masking is
    /// first asked for).
    pub fn scrubber(&self) -> Result<Arc<crate::plan::mask::Scrubber>> {
        let names = self.names()?;
        self.memo("scrubber", || {
            Ok(crate::plan::mask::Scrubber::new(
                names.iter().flatten().map(String::as_str),
            ))
        })
    }

    /// The key of a dataset index.
    pub fn key(&self, idx: CustomerIdx) -> &str {
        &self.ds.customers[idx as usize].key
    }
}
