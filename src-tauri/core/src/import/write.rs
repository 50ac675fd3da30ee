//! Writing records, on the calling thread, inside the import's transaction:
//! customer keys, orders and their lines (an order is all or nothing), members
//! and referrals, events and NPS answers, through the store's functions.

use std::collections::HashMap;
use std::path::Path;

use super::mapping::{self, Field, ImportKind};
use super::parse::*;
use super::source::Value;
use super::values::OrderStatus;
use super::{ImportReport, Rejection};
use crate::error::{Error, Result};
use crate::model::Lang;
use crate::points;
use crate::store::customers::{Column, NewCustomer};
use crate::store::orders::{NewLine, NewOrder};
use crate::store::{self, Tx};

// ---------------------------------------------------------------------------
// Writing records (calling thread, inside the transaction)

/// The order the last line belonged to. Lines of one order are almost always
/// next to each other; when an order comes back later, its state is read
/// again from the workspace, so memory does not grow with the file.
pub(super) struct CurrentOrder {
    pub(super) ident: (Shared, i64),
    /// Row id when created by this import; `None` when it was already in the workspace.
    pub(super) id: Option<i64>,
    pub(super) next_line: i64,
    pub(super) has_total: bool,
    pub(super) has_refund: bool,
    pub(super) status: OrderStatus,
    /// Line amounts since the order was (re)opened, added to `amount` on close.
    pub(super) run_sum: f64,
}

pub(super) struct Writer<'t, 'c> {
    pub(super) tx: &'t Tx<'c>,
    pub(super) batch: i64,
    pub(super) kind: ImportKind,
    /// Customer ids by key (cleared when large, so memory stays bounded).
    pub(super) customers: FastMap<Shared, (i64, bool)>,
    pub(super) current: Option<CurrentOrder>,
    /// Orders with a rejected line, left out entirely at the end.
    pub(super) tainted: FastMap<(Shared, i64), ()>,
    pub(super) tainted_ids: Vec<(i64, Shared, String)>,
    /// The statements run once per row, prepared once.
    pub(super) keys: store::customers::Keys<'c>,
    pub(super) orders: store::orders::Orders<'c>,
    pub(super) rule_of: HashMap<String, String>,
    pub(super) occurrences: HashMap<String, u32>,
    pub(super) referrers: HashMap<i64, i64>,
    pub(super) file: String,
    pub(super) sheet: String,
    pub(super) parser: Option<Box<RowParser>>,
    /// Column labels sent by a reader that parses its rows itself.
    pub(super) labels: Vec<(Field, String)>,
    pub(super) parsed: Vec<Msg>,
    /// Today `YYYY-MM-DD`: the day a member list's consent and address were seen.
    pub(super) today: String,
}

impl<'t, 'c> Writer<'t, 'c> {
    pub(super) fn new(
        tx: &'t Tx<'c>,
        batch: i64,
        kind: ImportKind,
        rules: &[points::PointRule],
    ) -> Result<Self> {
        let mut rule_of = HashMap::new();
        for r in rules {
            for name in [&r.kind, &r.label_ja, &r.label_en] {
                rule_of.insert(mapping::normalize_header(name), r.kind.clone());
            }
        }
        for (alias, kind) in [
            ("レビュー", points::KIND_REVIEW),
            ("口コミ", points::KIND_REVIEW),
            ("sns", points::KIND_SNS_POST),
            ("インスタ投稿", points::KIND_SNS_POST),
            ("座談会", points::KIND_ROUNDTABLE),
            ("アンケート", points::KIND_SURVEY),
            ("イベント", points::KIND_EVENT),
            ("line", points::KIND_LINE_ACTION),
        ] {
            rule_of
                .entry(mapping::normalize_header(alias))
                .or_insert_with(|| kind.to_string());
        }
        Ok(Writer {
            tx,
            batch,
            kind,
            customers: FastMap::default(),
            current: None,
            tainted: FastMap::default(),
            tainted_ids: Vec::new(),
            keys: store::customers::Keys::new(tx)?,
            orders: store::orders::Orders::new(tx)?,
            rule_of,
            occurrences: HashMap::new(),
            referrers: HashMap::new(),
            file: String::new(),
            sheet: String::new(),
            parser: None,
            labels: Vec::new(),
            parsed: Vec::with_capacity(4),
            today: String::new(),
        })
    }

    /// The id of a customer key, creating the key when new.
    pub(super) fn customer_id(&mut self, key: &str, report: &mut ImportReport) -> Result<i64> {
        if let Some((id, _)) = self.customers.get(key) {
            return Ok(*id);
        }
        let id = match self.keys.find(key)? {
            Some(id) => id,
            None => {
                report.customers += 1;
                self.keys.insert(&NewCustomer {
                    key,
                    batch: self.batch,
                    ..Default::default()
                })?
            }
        };
        if self.customers.len() >= 200_000 {
            self.customers.clear();
        }
        self.customers.insert(Shared::from(key), (id, false));
        Ok(id)
    }

    /// Fills a customer's name, e-mail and phone where the workspace has none
    /// (never overwrites), logging the old values for undo.
    pub(super) fn fill_contact(
        &mut self,
        id: i64,
        key: &str,
        fields: [(Column, Option<&str>); 3],
    ) -> Result<()> {
        if self.customers.get(key).is_some_and(|(_, done)| *done) {
            return Ok(());
        }
        let mut any = false;
        for (column, value) in fields {
            let Some(value) = value else { continue };
            any = true;
            store::customers::fill(self.tx, id, column, value, Some(self.batch))?;
        }
        if any {
            if let Some(entry) = self.customers.get_mut(key) {
                entry.1 = true;
            }
        }
        Ok(())
    }

    pub(super) fn handle(&mut self, msg: Msg, report: &mut ImportReport) -> Result<()> {
        match msg {
            Msg::Parser(p) => {
                self.parser = Some(p);
                Ok(())
            }
            Msg::Labels(labels) => {
                self.parser = None;
                self.labels = labels;
                Ok(())
            }
            Msg::Rows(batch) => {
                let mut parsed = std::mem::take(&mut self.parsed);
                let mut cells: Vec<Value<'_>> = Vec::new();
                for i in 0..batch.len() {
                    let number = batch.row_into(i, &mut cells);
                    if let Some(p) = self.parser.as_mut() {
                        p.parse(number, &cells, &mut parsed);
                    }
                    for m in parsed.drain(..) {
                        self.handle(m, report)?;
                    }
                }
                self.parsed = parsed;
                Ok(())
            }
            Msg::Order(o) => self.order(o, report),
            Msg::Customer(c) => self.customer(*c, report),
            Msg::Event(e) => self.event(*e, report),
            Msg::Nps(n) => self.nps(*n, report),
            Msg::Contact(c) => self.contact(*c, report),
            Msg::Warning(w) => {
                report.warnings.push(w);
                Ok(())
            }
            Msg::Sheet(start) => {
                if let Some(encoding) = start.encoding {
                    report.encoding.get_or_insert(encoding);
                    return Ok(());
                }
                self.sheet = start.sheet.clone();
                report
                    .sheets
                    .push(format!("{}: {}", self.file, start.sheet));
                if report.preset.is_none() {
                    report.preset = start.preset;
                }
                if report.mapping.is_empty() {
                    report.mapping = start.mapping;
                }
                Ok(())
            }
            Msg::Reject(r, ident) => {
                report.rows_read += 1;
                if let Some((no, key)) = ident {
                    let cid = match key {
                        Some(k) => self.customer_id(&k, report)?,
                        None => 0,
                    };
                    let ident = (no, cid);
                    match &self.current {
                        Some(c) if c.ident == ident => {
                            if let Some(id) = c.id {
                                self.taint(id, &ident.0);
                            }
                        }
                        _ => {
                            // The order may exist already (created by this import) or come later.
                            let found = self.orders.find(&ident.0, cid)?.map(|o| (o.id, o.batch));
                            match found {
                                Some((id, batch)) if batch == self.batch => {
                                    self.taint(id, &ident.0)
                                }
                                Some(_) => {}
                                None => {
                                    self.tainted.insert(ident, ());
                                }
                            }
                        }
                    }
                }
                report.rejected.push(*r);
                Ok(())
            }
        }
    }

    pub(super) fn taint(&mut self, id: i64, order_no: &Shared) {
        if !self.tainted_ids.iter().any(|(t, _, _)| *t == id) {
            self.tainted_ids
                .push((id, order_no.clone(), self.sheet.clone()));
        }
    }

    /// The state of an order this line belongs to: created, continued or a duplicate.
    pub(super) fn open_order(&mut self, o: &OrderRow, cid: i64) -> Result<()> {
        let ident = (o.order_no.clone(), cid);
        if self.current.as_ref().is_some_and(|c| c.ident == ident) {
            return Ok(());
        }
        self.close_order()?;
        let found = self.orders.find(&o.order_no, cid)?;
        let current = match found {
            Some(e) if e.batch == self.batch => CurrentOrder {
                ident,
                id: Some(e.id),
                next_line: e.last_line + 1,
                has_total: e.has_total,
                has_refund: e.has_refund,
                status: e.status,
                run_sum: 0.0,
            },
            Some(_) => CurrentOrder {
                ident,
                id: None,
                next_line: 0,
                has_total: false,
                has_refund: false,
                status: OrderStatus::Normal,
                run_sum: 0.0,
            },
            None => {
                let ordered_at = o.at.format("%Y-%m-%d %H:%M:%S").to_string();
                let id = self.orders.insert(&NewOrder {
                    order_no: &o.order_no,
                    customer_id: (cid != 0).then_some(cid),
                    ordered_at: &ordered_at,
                    amount: 0.0,
                    total: o.total,
                    status: o.status,
                    channel: o.channel.as_deref(),
                    coupon: o.coupon.as_deref(),
                    referral_code: o.referral_code.as_deref(),
                    batch: self.batch,
                })?;
                if self.tainted.remove(&ident).is_some() {
                    self.taint(id, &ident.0);
                }
                CurrentOrder {
                    ident,
                    id: Some(id),
                    next_line: 1,
                    has_total: o.total.is_some(),
                    has_refund: false,
                    status: o.status,
                    run_sum: 0.0,
                }
            }
        };
        self.current = Some(current);
        Ok(())
    }

    /// Adds the current order's line amounts to its stored sum.
    pub(super) fn close_order(&mut self) -> Result<()> {
        if let Some(c) = self.current.take() {
            if let (Some(id), true) = (c.id, c.run_sum != 0.0) {
                self.orders.add_amount(id, c.run_sum)?;
            }
        }
        Ok(())
    }

    pub(super) fn order(&mut self, o: OrderRow, report: &mut ImportReport) -> Result<()> {
        report.rows_read += 1;
        let cid = match &o.key {
            Some(k) => {
                let id = self.customer_id(k, report)?;
                self.fill_contact(
                    id,
                    k,
                    [
                        (Column::Name, o.name.as_deref()),
                        (Column::Email, o.email.as_deref()),
                        (Column::Phone, o.phone.as_deref()),
                    ],
                )?;
                let day = o.at.format("%Y-%m-%d").to_string();
                self.sending(id, &day, o.address.as_ref(), o.consent, report)?;
                id
            }
            None => {
                report.anonymous_rows += 1;
                0
            }
        };
        self.open_order(&o, cid)?;
        let Some(current) = self.current.as_mut() else {
            return Err(Error::invalid("import", "order state lost"));
        };
        let Some(order_id) = current.id else {
            report.rows_duplicate += 1;
            return Ok(());
        };
        // The order total counts once: the first line that carries one sets it.
        if let (Some(total), false) = (o.total, current.has_total) {
            current.has_total = true;
            store::orders::set_total(self.tx, order_id, total)?;
        }
        // So does a refund: the first line that carries one (Shopify: the first line).
        if let (Some(refunded), false) = (o.refunded.filter(|r| *r != 0.0), current.has_refund) {
            current.has_refund = true;
            store::orders::set_refunded(self.tx, order_id, refunded.abs())?;
        }
        if o.status != OrderStatus::Normal && current.status == OrderStatus::Normal {
            current.status = o.status;
            store::orders::set_status(self.tx, order_id, o.status)?;
        }
        let line_no = current.next_line;
        current.next_line += 1;
        let line_amount = o.line_amount.or(match (o.quantity, o.unit_price) {
            (Some(q), Some(p)) => Some(q * p),
            _ => None,
        });
        current.run_sum += line_amount.unwrap_or(0.0) + o.shipping.unwrap_or(0.0);
        self.orders.insert_line(&NewLine {
            order_id,
            line_no,
            product: o.product.as_deref(),
            sku: o.sku.as_deref(),
            quantity: o.quantity,
            unit_price: o.unit_price,
            amount: line_amount.unwrap_or(0.0),
            source_row: Some(o.row),
        })?;
        Ok(())
    }

    /// Keeps what sending needs from a row: the address and the consent,
    /// as seen on `day`.
    fn sending(
        &mut self,
        id: i64,
        day: &str,
        address: Option<&crate::import::address::Address>,
        consent: Option<bool>,
        report: &mut ImportReport,
    ) -> Result<bool> {
        let mut changed = false;
        if let Some(a) = address {
            let added = store::addresses::add_address(self.tx, id, day, a, self.batch)?;
            report.addresses += u64::from(added);
            changed |= added;
        }
        if let Some(yes) = consent {
            let added = store::addresses::add_consent(self.tx, id, day, yes, self.batch)?;
            report.consents += u64::from(added);
            changed |= added;
        }
        Ok(changed)
    }

    pub(super) fn customer(&mut self, c: CustomerRow, report: &mut ImportReport) -> Result<()> {
        report.rows_read += 1;
        let before = report.customers;
        let id = self.customer_id(&c.key, report)?;
        let created = report.customers > before;
        // A member list tells the consent and address as they are today.
        let today = self.today.clone();
        let mut changed =
            created | self.sending(id, &today, c.address.as_ref(), c.consent, report)?;
        // Registration, and the member-list details where the workspace has none.
        let (registered, registered_on, channel) = store::customers::registration(**self.tx, id)?;
        let undo = (!created).then_some(self.batch);
        if !registered {
            store::customers::register(self.tx, id, undo)?;
            changed = true;
        }
        if let (None, Some(d)) = (&registered_on, c.registered_on) {
            let d = d.format("%Y-%m-%d").to_string();
            changed |= store::customers::fill(self.tx, id, Column::RegisteredOn, &d, undo)?;
        }
        if let (None, Some(ch)) = (&channel, &c.channel) {
            changed |= store::customers::fill(self.tx, id, Column::Channel, ch, undo)?;
        }
        self.fill_contact(
            id,
            &c.key,
            [
                (Column::Name, c.name.as_deref()),
                (Column::Email, c.email.as_deref()),
                (Column::Phone, c.phone.as_deref()),
            ],
        )?;
        if let Some(referrer_key) = &c.referred_by {
            if *referrer_key == c.key {
                report.rejected.push(self.rejection(
                    c.row,
                    Field::ReferredBy,
                    referrer_key,
                    "a customer cannot refer themselves",
                    "本人を紹介者にはできません",
                    "self_referral",
                ));
                return Ok(());
            }
            let referrer = self.customer_id(referrer_key, report)?;
            let current: Option<i64> = store::referrals::referrer_of(**self.tx, id)?
                .or_else(|| self.referrers.get(&id).copied());
            match current {
                Some(r) if r == referrer => {}
                Some(_) => {
                    report.rejected.push(self.rejection(
                        c.row,
                        Field::ReferredBy,
                        referrer_key,
                        "this customer already has another referrer in the workspace",
                        "この顧客には別の紹介者がすでに登録されています",
                        "referrer_conflict",
                    ));
                    return Ok(());
                }
                None => {
                    if self.would_loop(id, referrer)? {
                        report.rejected.push(self.rejection(
                            c.row,
                            Field::ReferredBy,
                            referrer_key,
                            "the referral would make a loop (they referred each other)",
                            "紹介が循環してしまいます(お互いを紹介しています)",
                            "referral_loop",
                        ));
                        return Ok(());
                    }
                    let on = c.registered_on.map(|d| d.format("%Y-%m-%d").to_string());
                    store::referrals::insert(self.tx, id, referrer, on.as_deref(), self.batch)?;
                    self.referrers.insert(id, referrer);
                    report.referrals += 1;
                    changed = true;
                }
            }
        }
        if changed {
            report.rows_imported += 1;
        } else {
            report.rows_duplicate += 1;
        }
        Ok(())
    }

    /// A column's header and letter, e.g. `注文番号 (A)`, as rejections name it.
    pub(super) fn column_label(&self, field: Field) -> String {
        match &self.parser {
            Some(p) => p.column_label(field),
            None => self
                .labels
                .iter()
                .find(|(f, _)| *f == field)
                .map(|(_, l)| l.clone())
                .unwrap_or_else(|| field.label(Lang::Ja).to_string()),
        }
    }

    /// True if `referrer` is `referee` or descends from them.
    pub(super) fn would_loop(&self, referee: i64, referrer: i64) -> Result<bool> {
        let mut current = Some(referrer);
        let mut steps = 0;
        while let Some(c) = current {
            if c == referee {
                return Ok(true);
            }
            steps += 1;
            if steps > 10_000 {
                return Ok(true);
            }
            current = store::referrals::referrer_of(**self.tx, c)?;
        }
        Ok(false)
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn rejection(
        &self,
        row: u32,
        field: Field,
        value: &str,
        reason: &str,
        reason_ja: &str,
        code: &str,
    ) -> Rejection {
        Rejection {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            row,
            column: self.column_label(field),
            value: value.to_string(),
            reason: reason.to_string(),
            reason_ja: reason_ja.to_string(),
            code: code.to_string(),
        }
    }

    pub(super) fn occurrence(&mut self, content: String) -> String {
        let n = self.occurrences.entry(content.clone()).or_insert(0);
        *n += 1;
        format!("{content}|#{n}")
    }

    pub(super) fn event(&mut self, e: EventRow, report: &mut ImportReport) -> Result<()> {
        report.rows_read += 1;
        let Some(kind) = self
            .rule_of
            .get(&mapping::normalize_header(&e.kind))
            .cloned()
        else {
            let known: Vec<String> = points::default_rules()
                .into_iter()
                .filter(|r| {
                    r.kind != points::KIND_REFERRAL && r.kind != points::KIND_REFEREE_REPEAT
                })
                .map(|r| r.label_ja)
                .collect();
            report.rejected.push(self.rejection(
                e.row,
                Field::EventKind,
                &e.kind,
                &format!(
                    "unknown kind of event; expected one of {}",
                    known.join(", ")
                ),
                &format!("種別が分かりません({} のいずれかで)", known.join("、")),
                "unknown_event_kind",
            ));
            return Ok(());
        };
        let id = self.customer_id(&e.key, report)?;
        let day = e.day.format("%Y-%m-%d").to_string();
        let row_key = self.occurrence(format!(
            "ev|{}|{day}|{kind}|{}|{}|{}|{}",
            e.key,
            e.note.as_deref().unwrap_or(""),
            u8::from(e.brand_tag),
            u8::from(e.has_image),
            e.points.map(|p| p.to_string()).unwrap_or_default()
        ));
        let added = store::events::insert(
            self.tx,
            &store::events::NewEvent {
                customer_id: id,
                day: &day,
                kind: &kind,
                note: e.note.as_deref(),
                brand_tag: e.brand_tag,
                has_image: e.has_image,
                points_override: e.points,
                row_key: &row_key,
                batch: self.batch,
            },
        )?;
        if added {
            report.rows_imported += 1;
            report.events += 1;
        } else {
            report.rows_duplicate += 1;
        }
        Ok(())
    }

    /// One line of a contact log: the customer must exist (a log names the
    /// shop's own customers), the group is 送付 (treated) unless it says
    /// 対照 (control).
    pub(super) fn contact(&mut self, k: ContactRow, report: &mut ImportReport) -> Result<()> {
        report.rows_read += 1;
        let control = match k.group.as_deref().map(group_of) {
            None => false,
            Some(Some(control)) => control,
            Some(None) => {
                report.rejected.push(self.rejection(
                    k.row,
                    Field::Group,
                    k.group.as_deref().unwrap_or(""),
                    "not a group: write 送付 (treated) or 対照 (control)",
                    "区分が分かりません(送付 か 対照 で)",
                    "unknown_group",
                ));
                return Ok(());
            }
        };
        let found = match self.keys.find(&k.key)? {
            Some(id) => Some(id),
            None if k.key.contains('@') => store::customers::id_by_email(self.tx, &k.key)?,
            None => None,
        };
        let Some(id) = found else {
            report.rejected.push(self.rejection(
                k.row,
                Field::CustomerKey,
                &k.key,
                "no customer with this key in the workspace: import the orders or the member list first",
                "この顧客IDのお客さまがワークスペースにいません(先に注文か会員名簿を取り込んでください)",
                "unknown_customer",
            ));
            return Ok(());
        };
        let day = k.day.format("%Y-%m-%d").to_string();
        let row_key = self.occurrence(format!(
            "contact|{}|{day}|{}|{}",
            k.key,
            k.campaign,
            if control { "control" } else { "treated" }
        ));
        let added = store::contacts::insert_imported(
            self.tx,
            &store::contacts::ImportedContact {
                customer_id: id,
                day: &day,
                campaign: &k.campaign,
                channel: k.channel.as_deref(),
                control,
                row_key: &row_key,
                batch: self.batch,
            },
        )?;
        if added {
            report.rows_imported += 1;
            report.contacts += 1;
        } else {
            report.rows_duplicate += 1;
        }
        Ok(())
    }

    pub(super) fn nps(&mut self, n: NpsRow, report: &mut ImportReport) -> Result<()> {
        report.rows_read += 1;
        let id = match &n.key {
            Some(k) => Some(self.customer_id(k, report)?),
            None => {
                report.anonymous_rows += 1;
                None
            }
        };
        let day = n.day.format("%Y-%m-%d").to_string();
        let row_key = match &n.response_id {
            Some(r) => format!("nps|id|{r}"),
            None => self.occurrence(format!(
                "nps|{}|{day}|{}|{}",
                n.key.as_deref().unwrap_or(""),
                n.score,
                n.comment.as_deref().unwrap_or("")
            )),
        };
        let added = store::nps::insert(
            self.tx,
            &store::nps::NewAnswer {
                customer_id: id,
                day: &day,
                score: n.score,
                comment: n.comment.as_deref(),
                row_key: &row_key,
                batch: self.batch,
            },
        )?;
        if added {
            report.rows_imported += 1;
            report.nps_responses += 1;
        } else {
            report.rows_duplicate += 1;
        }
        Ok(())
    }

    /// Settles the new orders: amounts, statuses, and orders with a rejected row.
    pub(super) fn finish(&mut self, report: &mut ImportReport) -> Result<()> {
        if self.kind != ImportKind::Orders {
            return Ok(());
        }
        self.close_order()?;
        // An order is all or nothing: the other lines of an order with a
        // rejected line are reported too, and the order is left out.
        let tainted = std::mem::take(&mut self.tainted_ids);
        for (id, order_no, sheet) in tainted {
            let rows = store::orders::delete_with_rows(self.tx, id)?;
            for row in rows {
                report.rejected.push(Rejection {
                    file: self.file.clone(),
                    sheet: sheet.clone(),
                    row,
                    column: self.column_label(Field::OrderNo),
                    value: order_no.to_string(),
                    reason: "another line of the same order was rejected, so the whole order was left out".into(),
                    reason_ja: "同じ注文の別の行が取り込めなかったため、注文全体を取り込みませんでした".into(),
                    code: "order_incomplete".into(),
                });
            }
        }
        let settled = store::orders::settle_batch(self.tx, self.batch)?;
        report.orders += settled.orders;
        report.first_day = settled.first_day;
        report.last_day = settled.last_day;
        report.amount += settled.amount;
        report.cancelled += settled.cancelled;
        report.returns += settled.returns;
        report.rows_imported += settled.lines;
        // Customer keys created by this import that ended with no order (all rejected).
        report.customers = store::customers::drop_orderless_of_batch(self.tx, self.batch)?;
        Ok(())
    }
}

/// Starts a batch for one file.
pub(super) fn begin_batch(tx: &Tx<'_>, kind: ImportKind, path: &Path, now: &str) -> Result<i64> {
    let name = super::source::file_label(path);
    let full = path.display().to_string();
    let hash = fingerprint(path);
    store::batches::begin(
        tx,
        &store::batches::NewBatch {
            kind: kind.id(),
            source_name: &name,
            source_path: Some(&full),
            source_hash: hash.as_deref(),
            imported_at: now,
        },
    )
}

/// A cheap fingerprint of a file (size and a hash of its first and last
/// 64 KiB), to tell the user when the same file comes again.
fn fingerprint(path: &Path) -> Option<String> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = std::fs::File::open(path).ok()?;
    let len = f.metadata().ok()?.len();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    let mut buf = vec![0u8; 1 << 16];
    let n = f.read(&mut buf).ok()?;
    feed(&buf[..n]);
    if len > (1 << 17) {
        f.seek(SeekFrom::End(-(1 << 16))).ok()?;
        let n = f.read(&mut buf).ok()?;
        feed(&buf[..n]);
    }
    Some(format!("{len}:{hash:016x}"))
}

/// Records a file's figures on its batch. A batch that added nothing (a
/// re-import) is removed again, so the history lists only real changes.
/// Returns whether the batch was kept.
pub(super) fn finish_batch(tx: &Tx<'_>, batch: i64, r: &ImportReport) -> Result<bool> {
    if !store::batches::changed_anything(**tx, batch)? {
        store::batches::forget(tx, batch)?;
        return Ok(false);
    }
    store::batches::record(
        tx,
        batch,
        &store::batches::Figures {
            sheets: Some(r.sheets.join("\n")),
            rows_read: r.rows_read,
            rows_imported: r.rows_imported,
            rows_rejected: r.rejected.len() as u64,
            rows_duplicate: r.rows_duplicate,
            anonymous_rows: r.anonymous_rows,
            orders_added: r.orders,
            customers_added: r.customers,
            warnings: Some(serde_json::to_string(&r.warnings).unwrap_or_default()),
            mapping: Some(serde_json::to_string(&r.mapping).unwrap_or_default()),
        },
    )?;
    Ok(true)
}

/// 送付 / treated (false) or 対照 / control (true), as logs write them.
fn group_of(text: &str) -> Option<bool> {
    match mapping::normalize_header(text).as_str() {
        "送付" | "送付群" | "配信" | "送信" | "施策群" | "treated" | "treatment" | "t" | "test"
        | "sent" | "1" => Some(false),
        "対照"
        | "対照群"
        | "除外"
        | "非送付"
        | "ホールドアウト"
        | "control"
        | "holdout"
        | "c"
        | "heldout"
        | "0" => Some(true),
        _ => None,
    }
}
