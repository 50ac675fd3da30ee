//! The workspace schema, as an append-only list of migrations.
//!
//! A workspace records its schema version in SQLite's `user_version`. Opening
//! an older workspace applies the missing migrations in one transaction each;
//! a newer one is refused rather than guessed at. Never edit a migration that
//! has shipped: add the next one.

/// `PRAGMA application_id` of every Horetsu workspace ("HORE").
pub const APPLICATION_ID: i64 = 0x484F_5245;

/// Migration `n` (1-based) brings the schema from version `n - 1` to `n`.
pub const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6, V7];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Version 1: the tables domain.md §1–3 needs.
///
/// Dates are ISO text (`YYYY-MM-DD`, and `YYYY-MM-DD HH:MM:SS` for order
/// times) so that a workspace stays readable with any SQLite tool; amounts are
/// REAL in the shop's currency. Every imported row points at the import batch
/// that wrote it, which is what makes "undo this import" exact.
const V1: &str = r#"
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE import_batches (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('orders', 'customers', 'events', 'nps', 'demo')),
    source_name     TEXT NOT NULL,
    source_path     TEXT,
    source_hash     TEXT,
    sheets          TEXT,
    imported_at     TEXT NOT NULL,
    rows_read       INTEGER NOT NULL DEFAULT 0,
    rows_imported   INTEGER NOT NULL DEFAULT 0,
    rows_rejected   INTEGER NOT NULL DEFAULT 0,
    rows_duplicate  INTEGER NOT NULL DEFAULT 0,
    anonymous_rows  INTEGER NOT NULL DEFAULT 0,
    orders_added    INTEGER NOT NULL DEFAULT 0,
    customers_added INTEGER NOT NULL DEFAULT 0,
    mapping         TEXT
) STRICT;

-- A customer is a normalised key (member id, e-mail or phone digits).
-- `registered` = 1 when the key came from a customers import (member list):
-- such a key is a customer even without a purchase (stage 観測).
CREATE TABLE customers (
    id            INTEGER PRIMARY KEY,
    customer_key  TEXT NOT NULL UNIQUE,
    name          TEXT,
    email         TEXT,
    phone         TEXT,
    registered    INTEGER NOT NULL DEFAULT 0 CHECK (registered IN (0, 1)),
    registered_on TEXT,
    channel       TEXT,
    batch_id      INTEGER NOT NULL REFERENCES import_batches(id)
) STRICT;

-- An order is identified by its order number and customer (domain.md §2).
-- amount: the order total when the file has one (`total`, counted once),
-- else the sum of the line amounts.
-- status: 'normal', or 'cancelled' / 'returned' from a status column; such
-- orders are kept for the record and excluded from every metric.
CREATE TABLE orders (
    id            INTEGER PRIMARY KEY,
    order_no      TEXT NOT NULL,
    customer_id   INTEGER REFERENCES customers(id),
    ordered_at    TEXT NOT NULL,
    amount        REAL NOT NULL,
    total         REAL,
    status        TEXT NOT NULL DEFAULT 'normal' CHECK (status IN ('normal', 'cancelled', 'returned')),
    channel       TEXT,
    coupon        TEXT,
    referral_code TEXT,
    batch_id      INTEGER NOT NULL REFERENCES import_batches(id)
) STRICT;
CREATE UNIQUE INDEX orders_identity ON orders(order_no, ifnull(customer_id, 0));
CREATE INDEX orders_customer ON orders(customer_id);
CREATE INDEX orders_batch ON orders(batch_id);
-- What the analytics read, in the order they want it: an index-only scan
-- instead of decoding every wide order row.
CREATE INDEX orders_analysis ON orders(customer_id, ordered_at, amount, status) WHERE status = 'normal';

-- Lines are stored clustered by order (WITHOUT ROWID): an order's lines sit
-- together, and an import appends them without a second index to maintain.
CREATE TABLE order_lines (
    order_id   INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    line_no    INTEGER NOT NULL,
    product    TEXT,
    sku        TEXT,
    quantity   REAL,
    unit_price REAL,
    amount     REAL NOT NULL,
    source_row INTEGER,
    PRIMARY KEY (order_id, line_no)
) STRICT, WITHOUT ROWID;

-- Who referred whom. One referrer per customer.
CREATE TABLE referrals (
    referee_id  INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
    referrer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    referred_on TEXT,
    batch_id    INTEGER NOT NULL REFERENCES import_batches(id),
    CHECK (referee_id <> referrer_id)
) STRICT;
CREATE INDEX referrals_referrer ON referrals(referrer_id);

-- Engagement events (domain.md §3). `kind` names a row of point_rules.
-- `row_key` is the importer's stable identity of the source row, so that
-- re-importing the same file adds nothing.
CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    occurred_on     TEXT NOT NULL,
    kind            TEXT NOT NULL,
    note            TEXT,
    brand_tag       INTEGER NOT NULL DEFAULT 0 CHECK (brand_tag IN (0, 1)),
    has_image       INTEGER NOT NULL DEFAULT 0 CHECK (has_image IN (0, 1)),
    points_override INTEGER,
    row_key         TEXT NOT NULL UNIQUE,
    batch_id        INTEGER NOT NULL REFERENCES import_batches(id)
) STRICT;
CREATE INDEX events_customer ON events(customer_id, occurred_on, kind, brand_tag, has_image, points_override);

-- NPS answers; the customer may be unknown (anonymous survey).
CREATE TABLE nps_responses (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER REFERENCES customers(id) ON DELETE CASCADE,
    answered_on TEXT NOT NULL,
    score       INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    comment     TEXT,
    row_key     TEXT NOT NULL UNIQUE,
    batch_id    INTEGER NOT NULL REFERENCES import_batches(id)
) STRICT;
CREATE INDEX nps_customer ON nps_responses(customer_id, answered_on, score);

-- Point rules (domain.md §3): each kind of action, its axis and points, and
-- the one-line meaning shown to the user (points recognise, never pay).
-- `participation` marks the kinds that count as taking part (関与),
-- `two_way` the kinds that count as a two-way interaction (共感).
CREATE TABLE point_rules (
    kind            TEXT PRIMARY KEY,
    axis            TEXT NOT NULL CHECK (axis IN ('referral', 'support')),
    points          INTEGER NOT NULL,
    brand_tag_bonus INTEGER NOT NULL DEFAULT 0,
    image_bonus     INTEGER NOT NULL DEFAULT 0,
    participation   INTEGER NOT NULL DEFAULT 0 CHECK (participation IN (0, 1)),
    two_way         INTEGER NOT NULL DEFAULT 0 CHECK (two_way IN (0, 1)),
    label_ja        TEXT NOT NULL,
    label_en        TEXT NOT NULL,
    meaning_ja      TEXT NOT NULL,
    meaning_en      TEXT NOT NULL,
    sort_order      INTEGER NOT NULL DEFAULT 0
) STRICT;
"#;

/// Version 2: exact undo and saved import presets (issue #3).
///
/// `undo_log` keeps the old value of every column an import batch changed on
/// a row it did not create (e.g. a member list marking a buyer as registered),
/// so undoing the batch restores it. `undone_at` keeps undone batches in the
/// history instead of deleting them.
const V2: &str = r#"
ALTER TABLE import_batches ADD COLUMN undone_at TEXT;
ALTER TABLE import_batches ADD COLUMN warnings TEXT;

CREATE TABLE undo_log (
    id          INTEGER PRIMARY KEY,
    batch_id    INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    table_name  TEXT NOT NULL,
    row_id      INTEGER NOT NULL,
    column_name TEXT NOT NULL,
    old_value   ANY
) STRICT;
CREATE INDEX undo_log_batch ON undo_log(batch_id);

CREATE TABLE import_presets (
    name       TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('orders', 'customers', 'events', 'nps')),
    columns    TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
"#;

/// Version 3: the contact log and action statuses of the action plan (issue #6).
///
/// `contacts` records what was done for a customer and when, so that the plan
/// never repeats an ask too soon (負荷の集中). `action_status` keeps the
/// user's todo / done / skipped for a proposed action (customer, action, due date).
const V3: &str = r#"
CREATE TABLE contacts (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    contacted_on TEXT NOT NULL,
    action       TEXT NOT NULL,
    is_ask       INTEGER NOT NULL DEFAULT 0 CHECK (is_ask IN (0, 1)),
    channel      TEXT,
    note         TEXT,
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX contacts_customer ON contacts(customer_id, contacted_on);

CREATE TABLE action_status (
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    action      TEXT NOT NULL,
    due_on      TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('todo', 'done', 'skipped')),
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (customer_id, action, due_on)
) STRICT;
"#;

/// Version 4: refunds (issue #3). Shopify exports keep an order's original
/// Total and write what was refunded in Refunded Amount; the order's amount is
/// the total less the refund.
const V4: &str = r#"
ALTER TABLE orders ADD COLUMN refunded REAL;
"#;

/// Version 5: the newcomer milestones and the testimonial (issue #14,
/// domain.md §5). Each point rule names the milestone an event of its kind
/// reaches (居場所 / 役割 / 変化), and the one it reaches instead when it
/// carries the brand tag or an image. Workspaces made before get the
/// defaults and the new kind お客様の声 (テスティモニアル).
const V5: &str = r#"
ALTER TABLE point_rules ADD COLUMN milestone TEXT CHECK (milestone IN ('place', 'role', 'change'));
ALTER TABLE point_rules ADD COLUMN milestone_marked TEXT CHECK (milestone_marked IN ('place', 'role', 'change'));
UPDATE point_rules SET milestone = 'place' WHERE kind IN ('line_action', 'survey', 'event', 'review');
UPDATE point_rules SET milestone = 'role' WHERE kind = 'roundtable';
UPDATE point_rules SET milestone_marked = 'role' WHERE kind IN ('review', 'sns_post');
INSERT OR IGNORE INTO point_rules(kind, axis, points, brand_tag_bonus, image_bonus, participation,
                                  two_way, label_ja, label_en, meaning_ja, meaning_en, sort_order,
                                  milestone)
VALUES ('testimonial', 'support', 50, 0, 0, 0, 1, 'お客様の声', 'Testimonial',
        '自分の変化を言葉にして、次の人に手渡してくれたこと',
        'Putting their own change into words for the next person',
        (SELECT ifnull(max(sort_order), 0) + 1 FROM point_rules), 'change');
"#;

/// Version 6: contact logs for effect measurement (issue #15, domain.md §7).
///
/// A contact now names its campaign (施策) and its group: `treated` (送付) or
/// `control` (対照, held out); an imported contact log is an import batch of
/// kind `contacts`, each row with a stable `row_key` so that importing the
/// same log again adds nothing. SQLite cannot change a CHECK constraint, so
/// `import_batches` and `import_presets` are rebuilt with the new kind (the
/// migration runs with foreign keys off, then checks them).
const V6: &str = r#"
CREATE TABLE import_batches_v6 (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('orders', 'customers', 'events', 'nps', 'demo', 'contacts')),
    source_name     TEXT NOT NULL,
    source_path     TEXT,
    source_hash     TEXT,
    sheets          TEXT,
    imported_at     TEXT NOT NULL,
    rows_read       INTEGER NOT NULL DEFAULT 0,
    rows_imported   INTEGER NOT NULL DEFAULT 0,
    rows_rejected   INTEGER NOT NULL DEFAULT 0,
    rows_duplicate  INTEGER NOT NULL DEFAULT 0,
    anonymous_rows  INTEGER NOT NULL DEFAULT 0,
    orders_added    INTEGER NOT NULL DEFAULT 0,
    customers_added INTEGER NOT NULL DEFAULT 0,
    mapping         TEXT,
    undone_at       TEXT,
    warnings        TEXT
) STRICT;
INSERT INTO import_batches_v6
    SELECT id, kind, source_name, source_path, source_hash, sheets, imported_at, rows_read,
           rows_imported, rows_rejected, rows_duplicate, anonymous_rows, orders_added,
           customers_added, mapping, undone_at, warnings
    FROM import_batches;
DROP TABLE import_batches;
ALTER TABLE import_batches_v6 RENAME TO import_batches;

CREATE TABLE import_presets_v6 (
    name       TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('orders', 'customers', 'events', 'nps', 'contacts')),
    columns    TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
INSERT INTO import_presets_v6 SELECT name, kind, columns, updated_at FROM import_presets;
DROP TABLE import_presets;
ALTER TABLE import_presets_v6 RENAME TO import_presets;

ALTER TABLE contacts ADD COLUMN campaign TEXT;
ALTER TABLE contacts ADD COLUMN grp TEXT NOT NULL DEFAULT 'treated' CHECK (grp IN ('treated', 'control'));
ALTER TABLE contacts ADD COLUMN batch_id INTEGER REFERENCES import_batches(id);
ALTER TABLE contacts ADD COLUMN row_key TEXT;
CREATE UNIQUE INDEX contacts_row_key ON contacts(row_key) WHERE row_key IS NOT NULL;
CREATE INDEX contacts_batch ON contacts(batch_id) WHERE batch_id IS NOT NULL;
"#;

/// v7 (issue #16): what sending needs. Postal addresses and marketing
/// consent as the imports saw them, one row per customer, day and value (so
/// a re-import adds nothing: missing parts are stored as '' because SQLite
/// never finds NULLs equal in a UNIQUE constraint), each with its batch for
/// undo. The latest row per customer is the one that counts.
const V7: &str = r#"
CREATE TABLE addresses (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    seen_on     TEXT NOT NULL,
    postal_code TEXT NOT NULL DEFAULT '',
    prefecture  TEXT NOT NULL DEFAULT '',
    city        TEXT NOT NULL DEFAULT '',
    street      TEXT NOT NULL DEFAULT '',
    building    TEXT NOT NULL DEFAULT '',
    batch_id    INTEGER NOT NULL REFERENCES import_batches(id),
    UNIQUE (customer_id, seen_on, postal_code, prefecture, city, street, building)
) STRICT;
CREATE INDEX addresses_batch ON addresses(batch_id);

CREATE TABLE consents (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    seen_on     TEXT NOT NULL,
    accepts     INTEGER NOT NULL CHECK (accepts IN (0, 1)),
    batch_id    INTEGER NOT NULL REFERENCES import_batches(id),
    UNIQUE (customer_id, seen_on, accepts)
) STRICT;
CREATE INDEX consents_batch ON consents(batch_id);
"#;
