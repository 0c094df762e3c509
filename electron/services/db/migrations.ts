/**
 * Numbered schema migrations. A released migration is never edited: its SHA-256 is recorded in
 * `_migrations` and the store refuses to open when an applied migration's text has changed.
 * Add a new numbered entry instead (and a test for it in test/unit/migrations.test.ts).
 */
export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    id: 1,
    name: 'initial',
    sql: `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE agents (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  roles TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE orders (
  id TEXT PRIMARY KEY,
  order_no TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,
  customer_name TEXT NOT NULL,
  phone TEXT NOT NULL,
  province TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  district TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL,
  amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
  payment_method TEXT NOT NULL CHECK (payment_method IN ('cod', 'online')),
  ordered_at TEXT,
  source TEXT NOT NULL DEFAULT '',
  ip TEXT,
  buyer_account TEXT,
  platform_status TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX orders_phone ON orders(phone);
CREATE INDEX orders_status ON orders(status, ordered_at);

CREATE TABLE order_lines (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  product TEXT NOT NULL,
  package TEXT NOT NULL DEFAULT '',
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0)
);
CREATE INDEX order_lines_order ON order_lines(order_id, position);

CREATE TABLE order_history (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  agent_id TEXT,
  source TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT
);
CREATE INDEX order_history_order ON order_history(order_id, at);

CREATE TABLE call_tasks (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  flow TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'done')),
  due_at TEXT NOT NULL,
  is_callback INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  unanswered INTEGER NOT NULL DEFAULT 0,
  claimed_by TEXT,
  claimed_at TEXT,
  last_outcome TEXT,
  created_at TEXT NOT NULL,
  closed_at TEXT
);
CREATE INDEX call_tasks_queue ON call_tasks(state, flow, due_at);
CREATE INDEX call_tasks_order ON call_tasks(order_id);
CREATE INDEX call_tasks_due ON call_tasks(state, due_at);
-- Fresh leads first: recover cards are served newest first.
CREATE INDEX call_tasks_fresh ON call_tasks(state, flow, created_at);
CREATE INDEX call_tasks_callbacks ON call_tasks(state, due_at) WHERE is_callback = 1;
CREATE INDEX call_tasks_claim ON call_tasks(claimed_by) WHERE claimed_by IS NOT NULL;

CREATE TABLE call_outcomes (
  id TEXT PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES call_tasks(id),
  order_id TEXT NOT NULL REFERENCES orders(id),
  flow TEXT NOT NULL,
  outcome TEXT NOT NULL,
  reached INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  agent_id TEXT NOT NULL REFERENCES agents(id),
  attempt INTEGER NOT NULL,
  started_at TEXT,
  created_at TEXT NOT NULL,
  callback_at TEXT,
  -- The reason from the outcome's reason list (loss, refusal, upsell decline, complaint).
  reason_code TEXT,
  dialed_at TEXT,
  -- Handling time: card opened -> outcome recorded; talk time: dialled -> outcome recorded.
  handle_ms INTEGER,
  talk_ms INTEGER,
  -- Money the outcome moved: upsell revenue added, compensation given, refund given (fen).
  amount_fen INTEGER,
  details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX call_outcomes_order ON call_outcomes(order_id, created_at);
CREATE INDEX call_outcomes_created ON call_outcomes(created_at);
CREATE INDEX call_outcomes_agent ON call_outcomes(agent_id, created_at);
-- Outcomes are facts: never rewritten, never removed.
CREATE TRIGGER call_outcomes_no_update BEFORE UPDATE ON call_outcomes
BEGIN SELECT RAISE(ABORT, 'call outcomes are append-only'); END;
CREATE TRIGGER call_outcomes_no_delete BEFORE DELETE ON call_outcomes
BEGIN SELECT RAISE(ABORT, 'call outcomes are append-only'); END;

-- Changes waiting to reach the central server, written in the same transaction as the data.
-- seq orders the entries (rowid: no AUTOINCREMENT bookkeeping on every write); id is what the
-- server deduplicates on.
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  op TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX outbox_unsent ON outbox(seq) WHERE sent_at IS NULL;
`,
  },
  {
    id: 2,
    name: 'intake',
    sql: `
-- Logistics on the order (courier status files), for the track card and the revisit schedule.
ALTER TABLE orders ADD COLUMN waybill_no TEXT;
ALTER TABLE orders ADD COLUMN courier TEXT;
-- The courier's last status word as written, what it means (a CourierEvent), its time and reason.
ALTER TABLE orders ADD COLUMN courier_status TEXT;
ALTER TABLE orders ADD COLUMN courier_event TEXT;
ALTER TABLE orders ADD COLUMN courier_at TEXT;
ALTER TABLE orders ADD COLUMN courier_reason TEXT;
-- The last courier lines taken for the order (JSON [{at, status, reason}], newest last, capped):
-- the track card's timeline, read with the order and no extra query.
ALTER TABLE orders ADD COLUMN courier_events TEXT;
-- When the platform status was set, per the export: an older export must not undo a newer one.
ALTER TABLE orders ADD COLUMN status_at TEXT;
-- 'unrecognised' when the phone could not be normalised and was kept as written.
ALTER TABLE orders ADD COLUMN phone_flag TEXT;
CREATE INDEX orders_waybill ON orders(waybill_no) WHERE waybill_no IS NOT NULL;

-- Saved column mappings, found again by the set of header names.
CREATE TABLE import_profiles (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('orders', 'courier')),
  header_key TEXT NOT NULL,
  headers TEXT NOT NULL,
  mapping TEXT NOT NULL,
  sheet TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX import_profiles_header ON import_profiles(header_key);

-- One row per committed import, written in the import's own transaction.
CREATE TABLE import_runs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('orders', 'courier')),
  file_name TEXT NOT NULL,
  profile TEXT,
  encoding TEXT,
  sheet TEXT,
  header_row INTEGER NOT NULL,
  header TEXT NOT NULL,
  total_rows INTEGER NOT NULL DEFAULT 0,
  created INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  conflicts INTEGER NOT NULL DEFAULT 0,
  summary TEXT NOT NULL DEFAULT '{}',
  started_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX import_runs_started ON import_runs(started_at);

-- The rows an import could not take, as written in the file, to be fixed and imported again.
CREATE TABLE import_rejections (
  run_id TEXT NOT NULL REFERENCES import_runs(id) ON DELETE CASCADE,
  row INTEGER NOT NULL,
  field TEXT NOT NULL,
  code TEXT NOT NULL,
  cells TEXT NOT NULL,
  PRIMARY KEY (run_id, row)
) WITHOUT ROWID;
`,
  },
  {
    id: 3,
    name: 'script_packs',
    sql: `
-- Every loaded version of every script pack. A valid version is immutable (its text is what the
-- calls that used it said); an invalid one is a draft the trainer may load again under the same
-- version once fixed.
CREATE TABLE script_pack_versions (
  id TEXT PRIMARY KEY,
  pack_id TEXT NOT NULL,
  version TEXT NOT NULL,
  name TEXT NOT NULL,
  products TEXT NOT NULL DEFAULT '[]',
  file_name TEXT NOT NULL,
  source TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  -- The checked pack as JSON; NULL when invalid.
  parsed TEXT,
  valid INTEGER NOT NULL CHECK (valid IN (0, 1)),
  issues TEXT NOT NULL DEFAULT '[]',
  loaded_by TEXT REFERENCES agents(id),
  loaded_at TEXT NOT NULL,
  UNIQUE (pack_id, version),
  CHECK ((valid = 1) = (parsed IS NOT NULL))
);
CREATE TRIGGER script_pack_versions_frozen BEFORE UPDATE ON script_pack_versions
WHEN OLD.valid = 1
BEGIN SELECT RAISE(ABORT, 'a valid script pack version cannot be changed'); END;
CREATE TRIGGER script_pack_versions_kept BEFORE DELETE ON script_pack_versions
WHEN OLD.valid = 1
BEGIN SELECT RAISE(ABORT, 'a valid script pack version cannot be removed'); END;

-- Which version is active where: scope '*' is the default, any other scope a product name. The
-- latest row of a scope is in force; the rows before it are the history a rollback walks back.
-- A product rolled back past its first activation has no pack of its own (NULL: the default's).
CREATE TABLE script_pack_activations (
  id TEXT PRIMARY KEY,
  scope TEXT NOT NULL,
  version_id TEXT REFERENCES script_pack_versions(id),
  action TEXT NOT NULL CHECK (action IN ('activate', 'rollback', 'auto')),
  activated_by TEXT REFERENCES agents(id),
  activated_at TEXT NOT NULL,
  CHECK (version_id IS NOT NULL OR (action = 'rollback' AND scope != '*'))
);
CREATE INDEX script_pack_activations_scope ON script_pack_activations(scope, activated_at, id);
CREATE TRIGGER script_pack_activations_valid BEFORE INSERT ON script_pack_activations
WHEN NEW.version_id IS NOT NULL AND (SELECT valid FROM script_pack_versions WHERE id = NEW.version_id) IS NOT 1
BEGIN SELECT RAISE(ABORT, 'an invalid script pack cannot be activated'); END;
CREATE TRIGGER script_pack_activations_no_update BEFORE UPDATE ON script_pack_activations
BEGIN SELECT RAISE(ABORT, 'script pack activations are append-only'); END;

-- The script a call followed: pack, version and the steps taken (JSON [{step, at}]).
ALTER TABLE call_outcomes ADD COLUMN script_pack_id TEXT;
ALTER TABLE call_outcomes ADD COLUMN script_version TEXT;
ALTER TABLE call_outcomes ADD COLUMN script_path TEXT;
CREATE INDEX call_outcomes_script ON call_outcomes(script_pack_id, script_version) WHERE script_pack_id IS NOT NULL;
`,
  },
  {
    id: 4,
    name: 'risk',
    sql: `
-- Risk screening. address_key folds an address so that orders converging on one door are found
-- by index; the screener fills it (NULL: not screened yet, e.g. orders from before this migration).
ALTER TABLE orders ADD COLUMN address_key TEXT;
CREATE INDEX orders_phone_time ON orders(phone, ordered_at);
CREATE INDEX orders_account_time ON orders(buyer_account, ordered_at) WHERE buyer_account IS NOT NULL;
CREATE INDEX orders_address_key ON orders(address_key, ordered_at) WHERE address_key IS NOT NULL;
CREATE INDEX orders_address_key_missing ON orders(id) WHERE address_key IS NULL;

CREATE TABLE order_risk (
  order_id TEXT PRIMARY KEY REFERENCES orders(id) ON DELETE CASCADE,
  score INTEGER NOT NULL CHECK (score >= 0),
  level TEXT NOT NULL CHECK (level IN ('low', 'medium', 'high')),
  -- The facts as the card shows them (JSON); the looked-up regions are read fresh, not stored.
  facts TEXT NOT NULL,
  screened_at TEXT NOT NULL,
  held INTEGER NOT NULL DEFAULT 0 CHECK (held IN (0, 1)),
  hold_reason TEXT CHECK (hold_reason IN ('high_risk', 'online_only', 'lead_hold')),
  -- A verify call confirmed the order at this score: a high score no higher than it holds no more.
  confirmed_at TEXT,
  confirmed_by TEXT,
  confirmed_score INTEGER,
  -- A lead's decision, kept until a higher score outgrows a release.
  override_decision TEXT CHECK (override_decision IN ('release', 'hold')),
  override_reason TEXT,
  override_by TEXT,
  override_at TEXT,
  override_score INTEGER,
  CHECK ((held = 1) = (hold_reason IS NOT NULL))
);
CREATE INDEX order_risk_held ON order_risk(hold_reason) WHERE held = 1;

CREATE TABLE blacklist (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('phone', 'account', 'name_address')),
  value TEXT NOT NULL,
  display TEXT NOT NULL,
  reason TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL,
  expires_at TEXT
);
CREATE UNIQUE INDEX blacklist_entry ON blacklist(kind, value);
CREATE INDEX blacklist_added ON blacklist(added_at);

-- Number ranges the bundled data lacks (7-digit prefix -> region), imported by a lead.
CREATE TABLE phone_prefixes (
  prefix TEXT PRIMARY KEY CHECK (length(prefix) = 7 AND prefix GLOB '1[0-9][0-9][0-9][0-9][0-9][0-9]'),
  province TEXT NOT NULL,
  city TEXT NOT NULL DEFAULT '',
  imported_at TEXT NOT NULL
) WITHOUT ROWID;
`,
  },
  {
    id: 5,
    name: 'reports',
    sql: `
-- When an order left and when it was signed for or refused: the daily sheet's sign rate is by ship
-- date. Kept by triggers on the order's status, so every path that moves an order (courier files,
-- platform exports, calls) records it without knowing about reports. The time is the courier's
-- (first courier line for shipping, the line that changed the status otherwise), else the
-- platform's status time, else when the change was stored.
CREATE TABLE order_milestones (
  order_id TEXT PRIMARY KEY REFERENCES orders(id) ON DELETE CASCADE,
  shipped_at TEXT NOT NULL,
  signed_at TEXT,
  refused_at TEXT
) WITHOUT ROWID;
-- Covering: the sign-rate chart reads its cohorts from the index alone.
CREATE INDEX order_milestones_shipped ON order_milestones(shipped_at, signed_at, refused_at);

CREATE TRIGGER order_milestones_insert AFTER INSERT ON orders
WHEN NEW.status IN ('shipped', 'delivery_exception', 'signed', 'refused', 'returned')
BEGIN
  INSERT OR IGNORE INTO order_milestones (order_id, shipped_at, signed_at, refused_at)
  VALUES (
    NEW.id,
    COALESCE(CASE WHEN json_valid(NEW.courier_events) THEN json_extract(NEW.courier_events, '$[0].at') END,
             NEW.courier_at, NEW.status_at, NEW.ordered_at, NEW.created_at),
    CASE WHEN NEW.status = 'signed' THEN COALESCE(NEW.courier_at, NEW.status_at, NEW.created_at) END,
    CASE WHEN NEW.status IN ('refused', 'returned') THEN COALESCE(NEW.courier_at, NEW.status_at, NEW.created_at) END
  );
END;

CREATE TRIGGER order_milestones_status AFTER UPDATE OF status ON orders
WHEN NEW.status IS NOT OLD.status AND NEW.status IN ('shipped', 'delivery_exception', 'signed', 'refused', 'returned')
BEGIN
  INSERT INTO order_milestones (order_id, shipped_at, signed_at, refused_at)
  VALUES (
    NEW.id,
    COALESCE(CASE WHEN json_valid(NEW.courier_events) THEN json_extract(NEW.courier_events, '$[0].at') END,
             CASE WHEN NEW.courier_at IS NOT OLD.courier_at THEN NEW.courier_at END,
             CASE WHEN NEW.status_at IS NOT OLD.status_at THEN NEW.status_at END,
             NEW.updated_at),
    CASE WHEN NEW.status = 'signed' THEN COALESCE(
      CASE WHEN NEW.courier_at IS NOT OLD.courier_at THEN NEW.courier_at END,
      CASE WHEN NEW.status_at IS NOT OLD.status_at THEN NEW.status_at END,
      NEW.updated_at) END,
    CASE WHEN NEW.status IN ('refused', 'returned') THEN COALESCE(
      CASE WHEN NEW.courier_at IS NOT OLD.courier_at THEN NEW.courier_at END,
      CASE WHEN NEW.status_at IS NOT OLD.status_at THEN NEW.status_at END,
      NEW.updated_at) END
  )
  ON CONFLICT(order_id) DO UPDATE SET
    signed_at = COALESCE(order_milestones.signed_at, excluded.signed_at),
    refused_at = COALESCE(order_milestones.refused_at, excluded.refused_at);
END;

-- Money back on a shipment that was never signed for: as final as a refusal.
CREATE TRIGGER order_milestones_refunded AFTER UPDATE OF status ON orders
WHEN NEW.status = 'refunded' AND OLD.status IS NOT 'refunded'
BEGIN
  UPDATE order_milestones SET refused_at = COALESCE(
      CASE WHEN NEW.status_at IS NOT OLD.status_at THEN NEW.status_at END, NEW.updated_at)
  WHERE order_id = NEW.id AND signed_at IS NULL AND refused_at IS NULL;
END;

-- Orders that had already shipped before this migration: from their history and courier lines.
INSERT INTO order_milestones (order_id, shipped_at, signed_at, refused_at)
SELECT o.id,
  COALESCE(CASE WHEN json_valid(o.courier_events) THEN json_extract(o.courier_events, '$[0].at') END,
           (SELECT min(h.at) FROM order_history h WHERE h.order_id = o.id AND h.field = 'status'
              AND h.new_value IN ('shipped', 'delivery_exception', 'signed', 'refused', 'returned')),
           o.courier_at, o.status_at, o.ordered_at, o.created_at),
  CASE WHEN o.status = 'signed' OR EXISTS (SELECT 1 FROM order_history h WHERE h.order_id = o.id AND h.field = 'status' AND h.new_value = 'signed')
    THEN COALESCE(CASE WHEN o.courier_event = 'signed' THEN o.courier_at END,
                  (SELECT min(h.at) FROM order_history h WHERE h.order_id = o.id AND h.field = 'status' AND h.new_value = 'signed'),
                  o.status_at, o.updated_at) END,
  CASE WHEN o.status IN ('refused', 'returned', 'refunded')
    THEN COALESCE((SELECT min(h.at) FROM order_history h WHERE h.order_id = o.id AND h.field = 'status' AND h.new_value IN ('refused', 'returned', 'refunded')),
                  o.courier_at, o.status_at, o.updated_at) END
FROM orders o
WHERE o.status IN ('shipped', 'delivery_exception', 'signed', 'refused', 'returned')
   OR (o.status = 'refunded' AND EXISTS (SELECT 1 FROM order_history h WHERE h.order_id = o.id AND h.field = 'status'
        AND h.new_value IN ('shipped', 'delivery_exception', 'signed', 'refused', 'returned')));

-- Orders placed in a period (money decomposition, loss rate); an order without a time counts when stored.
CREATE INDEX orders_placed ON orders(COALESCE(ordered_at, created_at));
-- A lead's rejections of held high-risk orders, by time (a small slice of the history).
CREATE INDEX order_history_risk_reject ON order_history(at) WHERE field = 'risk_reject';
`,
  },
  {
    id: 6,
    name: 'import_speed',
    sql: `
-- A new order's ship milestone is written by the code that inserts orders (the importer), not by a
-- row trigger: an AFTER INSERT trigger costs every inserted order, shipped or not, a trigger
-- program run (about 13 us of a bulk import's row). Status changes keep their triggers.
DROP TRIGGER order_milestones_insert;
-- (phone) is the prefix of orders_phone_time (phone, ordered_at): one index serves both lookups.
DROP INDEX orders_phone;
`,
  },
  {
    id: 7,
    name: 'open_task_indexes',
    sql: `
-- The queue reads open tasks only, and closed ones pile up (every call of every day). The queue's
-- indexes now hold open tasks alone: closing a task removes its entries instead of moving them
-- among the closed ones (a page less to write per index on every call), and the indexes stay the
-- size of the day's work however long the store has been in use.
DROP INDEX call_tasks_queue;
CREATE INDEX call_tasks_queue ON call_tasks(flow, due_at) WHERE state = 'open';
DROP INDEX call_tasks_due;
CREATE INDEX call_tasks_due ON call_tasks(due_at) WHERE state = 'open';
-- Only recover cards are served freshest first.
DROP INDEX call_tasks_fresh;
CREATE INDEX call_tasks_fresh ON call_tasks(created_at) WHERE state = 'open' AND flow = 'recover';
DROP INDEX call_tasks_callbacks;
CREATE INDEX call_tasks_callbacks ON call_tasks(due_at) WHERE state = 'open' AND is_callback = 1;
`,
  },
  {
    id: 8,
    name: 'phone_order_source',
    sql: `
-- An order taken on the phone stored its source in the language of the agent who took it (电话下单,
-- 電話下單, Phone order), so one kind of order read as up to three sources in filters and sheets. It
-- now stores the code 'callcard:phone' (shared/sources.ts), shown in each reader's language. The
-- orders taken before are known by all the marks the phone-order path left together: a TEL<day>-NNN
-- number, one of those three words as the source, and the one-row run it recorded under the same
-- word at the very time the order was created (an import's run is named after its file, so an
-- export whose own channel is called 电话下单 keeps its words). Order outbox entries carry no copy
-- of the order (it is read when sent), so the server receives the code.
UPDATE orders SET source = 'callcard:phone'
WHERE source IN ('电话下单', '電話下單', 'Phone order')
  AND order_no GLOB 'TEL[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9]*'
  AND EXISTS (SELECT 1 FROM import_runs r
              WHERE r.started_at = orders.created_at AND r.kind = 'orders' AND r.total_rows = 1 AND r.file_name = orders.source);
-- Those runs are named by the code too, as new ones are.
UPDATE import_runs SET file_name = 'callcard:phone'
WHERE kind = 'orders' AND total_rows = 1 AND file_name IN ('电话下单', '電話下單', 'Phone order')
  AND started_at IN (SELECT created_at FROM orders WHERE source = 'callcard:phone');
`,
  },
  {
    id: 9,
    name: 'recover_fresh_at',
    sql: `
-- Recover serves the freshest lead first. Freshness was the task's creation time, so the first
-- import of an export with a week of cancelled orders gave them all the same moment, and the agent
-- could get last week's lead before this morning's. A recover task now keeps when the lead was
-- lost as far as the export says (its status time, else its order time); a task without it (made
-- by a call, or before this migration) counts from its creation, as before.
ALTER TABLE call_tasks ADD COLUMN fresh_at TEXT;
DROP INDEX call_tasks_fresh;
CREATE INDEX call_tasks_fresh ON call_tasks(coalesce(fresh_at, created_at)) WHERE state = 'open' AND flow = 'recover';
`,
  },
  {
    id: 10,
    name: 'courier_station',
    sql: `
-- Where a parcel waits to be collected (驿站, parcel locker, the courier's branch): from a courier
-- file's own column, else read from the courier's words. The track card says it, and the script's
-- self-pickup step names it. Orders imported before keep none (their card asks, as it did).
ALTER TABLE orders ADD COLUMN courier_station TEXT;
`,
  },
  {
    id: 11,
    name: 'blacklist_person',
    sql: `
-- A name+address entry's parts as written (JSON: name, province, city, district, address), so the
-- export gives each its own column and imports back as the very same words. Entries from before
-- keep none; their export gives the parts they are matched by.
ALTER TABLE blacklist ADD COLUMN person TEXT;
`,
  },
];
