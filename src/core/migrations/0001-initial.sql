-- Yiyang local store, schema version 1.
-- Entities are mutable (merged per field by HLC); events are append-only
-- and corrected only by a row in event_voids.  Money is integer fen.
-- Every timestamp is UTC ISO 8601 ("...Z"); local_date is the centre's
-- calendar date of that instant, kept so reports bucket without tz math.
-- A CHECK with three or more choices spells them out with OR: SQLite
-- builds a temporary table for such an IN list on every insert.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- ---------------------------------------------------------------- entities

CREATE TABLE centre (
  id                TEXT PRIMARY KEY,
  name              TEXT NOT NULL,
  district          TEXT,
  address           TEXT,
  phone             TEXT,
  timezone          TEXT NOT NULL DEFAULT 'Asia/Shanghai',
  opens_at          TEXT NOT NULL DEFAULT '09:00',
  closes_at         TEXT NOT NULL DEFAULT '17:00',
  open_weekdays     INTEGER NOT NULL DEFAULT 31,       -- bit 0 = Monday
  lunch_cutoff      TEXT NOT NULL DEFAULT '09:30',
  breakfast_cutoff  TEXT NOT NULL DEFAULT '07:00',
  dinner_cutoff     TEXT NOT NULL DEFAULT '14:00',
  welfare_call_at   TEXT NOT NULL DEFAULT '10:00',
  hlc               TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);

CREATE TABLE elders (
  id                  TEXT PRIMARY KEY,
  name                TEXT NOT NULL,
  gender              TEXT NOT NULL CHECK (gender IN ('F','M')),
  birth_date          TEXT NOT NULL,                   -- YYYY-MM-DD
  id_number           TEXT UNIQUE,                     -- 18 chars, normalised
  phone               TEXT,
  address             TEXT,
  street              TEXT,                            -- for delivery routes
  hukou_locality      TEXT,
  residence_locality  TEXT,
  residence_since     TEXT,
  living_arrangement  TEXT CHECK (living_arrangement = 'alone' OR living_arrangement = 'empty_nest' OR
                        living_arrangement = 'with_spouse' OR living_arrangement = 'with_disabled_child' OR
                        living_arrangement = 'with_family'),
  has_caregiver       INTEGER NOT NULL DEFAULT 0,
  diet                TEXT NOT NULL DEFAULT 'normal',  -- normal, soft, low_salt, diabetic
  allergies           TEXT,
  mobility            TEXT,                            -- independent, aided, wheelchair, bedridden
  hobbies             TEXT,
  photo               BLOB,
  delivery_allowed    INTEGER NOT NULL DEFAULT 0,
  expected_weekdays   INTEGER NOT NULL DEFAULT 0,      -- bit 0 = Monday
  can_confirm         INTEGER NOT NULL DEFAULT 1,      -- 0: bedridden / dementia
  status              TEXT NOT NULL DEFAULT 'active' CHECK (status = 'active' OR status = 'moved' OR status = 'deceased'),
  status_date         TEXT,
  notes               TEXT,
  hlc                 TEXT NOT NULL,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
);
CREATE INDEX elders_name ON elders(name);
CREATE INDEX elders_phone ON elders(phone);

CREATE TABLE elder_contacts (
  id        TEXT PRIMARY KEY,
  elder_id  TEXT NOT NULL REFERENCES elders(id),
  name      TEXT NOT NULL,
  relation  TEXT,
  phone     TEXT,
  priority  INTEGER NOT NULL DEFAULT 1,
  removed   INTEGER NOT NULL DEFAULT 0,
  hlc       TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX elder_contacts_elder ON elder_contacts(elder_id);

-- Category flags (三无, 五保, 低保 ...): several at once, each with evidence.
CREATE TABLE elder_categories (
  id               TEXT PRIMARY KEY,
  elder_id         TEXT NOT NULL REFERENCES elders(id),
  category         TEXT NOT NULL,
  grade            TEXT,                 -- disability grade, care level
  evidence_type    TEXT,
  evidence_number  TEXT,
  valid_from       TEXT NOT NULL,
  valid_to         TEXT,                 -- NULL: open-ended
  removed          INTEGER NOT NULL DEFAULT 0,
  hlc              TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX elder_categories_elder ON elder_categories(elder_id);

CREATE TABLE elder_assessments (
  id              TEXT PRIMARY KEY,
  elder_id        TEXT NOT NULL REFERENCES elders(id),
  assessed_on     TEXT NOT NULL,
  assessor        TEXT,
  organisation    TEXT,
  level           TEXT NOT NULL CHECK (level = 'intact' OR level = 'mild' OR level = 'moderate' OR level = 'severe'),
  approved_items  TEXT,                  -- JSON array of service type codes
  monthly_hours   REAL,
  next_review     TEXT,
  hlc             TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX elder_assessments_elder ON elder_assessments(elder_id);

CREATE TABLE elder_consents (
  id            TEXT PRIMARY KEY,
  elder_id      TEXT NOT NULL REFERENCES elders(id),
  kind          TEXT NOT NULL,           -- photo, video, data_sharing
  granted       INTEGER NOT NULL,
  consented_on  TEXT NOT NULL,
  consented_by  TEXT NOT NULL,           -- the elder, or a named guardian
  hlc           TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX elder_consents_elder ON elder_consents(elder_id);

CREATE TABLE staff (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (role = 'admin' OR role = 'staff' OR role = 'kitchen' OR role = 'health' OR role = 'volunteer'),
  phone       TEXT,
  pin_hash    TEXT,                      -- libsodium crypto_pwhash string
  active      INTEGER NOT NULL DEFAULT 1,
  volunteer_id TEXT,
  hlc         TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

CREATE TABLE cards (
  id            TEXT PRIMARY KEY,
  uid           TEXT NOT NULL,           -- uppercase hex
  elder_id      TEXT REFERENCES elders(id),
  staff_id      TEXT REFERENCES staff(id),
  issued_at     TEXT NOT NULL,
  revoked_at    TEXT,
  revoke_reason TEXT,
  hlc           TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  CHECK ((elder_id IS NULL) <> (staff_id IS NULL))
);
CREATE UNIQUE INDEX cards_live_uid ON cards(uid) WHERE revoked_at IS NULL;
CREATE INDEX cards_elder ON cards(elder_id);

CREATE TABLE service_types (
  id                TEXT PRIMARY KEY,
  code              TEXT NOT NULL UNIQUE,
  name_zh           TEXT NOT NULL,
  name_en           TEXT NOT NULL,
  category          TEXT NOT NULL,       -- meal, clean, bath, medical, walk, emergency, care, health, other
  price_fen         INTEGER NOT NULL DEFAULT 0,
  unit              TEXT NOT NULL DEFAULT 'time',   -- time, hour
  subsidy_eligible  INTEGER NOT NULL DEFAULT 1,
  active            INTEGER NOT NULL DEFAULT 1,
  hlc               TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);

CREATE TABLE activities (
  id             TEXT PRIMARY KEY,
  title_zh       TEXT NOT NULL,
  title_en       TEXT,
  kind           TEXT NOT NULL DEFAULT 'other',  -- lecture, calligraphy, chess, taichi, choir, dance, trip, festival, birthday
  room           TEXT,
  leader         TEXT,
  capacity       INTEGER NOT NULL DEFAULT 20,
  weekday        INTEGER,                        -- 1..7 for weekly sessions
  on_date        TEXT,                           -- one-off events
  starts_at      TEXT NOT NULL,                  -- HH:MM local
  duration_min   INTEGER NOT NULL DEFAULT 60,
  valid_from     TEXT,
  valid_to       TEXT,
  active         INTEGER NOT NULL DEFAULT 1,
  hlc            TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  CHECK (weekday IS NOT NULL OR on_date IS NOT NULL)
);

CREATE TABLE menus (
  id            TEXT PRIMARY KEY,
  on_date       TEXT NOT NULL,
  meal          TEXT NOT NULL CHECK (meal = 'breakfast' OR meal = 'lunch' OR meal = 'dinner'),
  dishes_zh     TEXT NOT NULL,
  dishes_en     TEXT,
  price_fen     INTEGER NOT NULL,
  delivery_fen  INTEGER NOT NULL DEFAULT 0,
  hlc           TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  UNIQUE (on_date, meal)
);

CREATE TABLE volunteers (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  phone          TEXT,
  team           TEXT,
  skills         TEXT,
  registered_on  TEXT NOT NULL,
  active         INTEGER NOT NULL DEFAULT 1,
  hlc            TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);

CREATE TABLE volunteer_pairs (
  id            TEXT PRIMARY KEY,
  volunteer_id  TEXT NOT NULL REFERENCES volunteers(id),
  elder_id      TEXT NOT NULL REFERENCES elders(id),
  since         TEXT NOT NULL,
  until         TEXT,
  hlc           TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

CREATE TABLE policies (
  id              TEXT PRIMARY KEY,
  version         TEXT NOT NULL,
  effective_from  TEXT NOT NULL,
  document        TEXT NOT NULL,          -- JSON as the district published it
  hlc             TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);

CREATE TABLE notices (
  id          TEXT PRIMARY KEY,
  text_zh     TEXT NOT NULL,
  text_en     TEXT,
  shown_from  TEXT NOT NULL,
  shown_to    TEXT,
  hlc         TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

CREATE TABLE duty_roster (
  id        TEXT PRIMARY KEY,
  on_date   TEXT NOT NULL,
  staff_id  TEXT NOT NULL REFERENCES staff(id),
  duty      TEXT,
  hlc       TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- ------------------------------------------------------------------ events
-- Common columns: id, at (UTC), local_date, device_id, staff_id (actor or NULL).

CREATE TABLE event_voids (
  id            TEXT PRIMARY KEY,
  target_table  TEXT NOT NULL,
  target_id     TEXT NOT NULL,
  reason        TEXT NOT NULL,
  at            TEXT NOT NULL,
  local_date    TEXT NOT NULL,
  device_id     TEXT NOT NULL,
  staff_id      TEXT
);
CREATE INDEX event_voids_target ON event_voids(target_id);

CREATE TABLE elder_status_changes (
  id              TEXT PRIMARY KEY,
  elder_id        TEXT NOT NULL REFERENCES elders(id),
  status          TEXT NOT NULL CHECK (status = 'active' OR status = 'moved' OR status = 'deceased'),
  effective_date  TEXT NOT NULL,
  reason          TEXT,
  at              TEXT NOT NULL,
  local_date      TEXT NOT NULL,
  device_id       TEXT NOT NULL,
  staff_id        TEXT
);

CREATE TABLE attendance (
  id          TEXT PRIMARY KEY,
  elder_id    TEXT NOT NULL REFERENCES elders(id),
  kind        TEXT NOT NULL CHECK (kind IN ('in','out')),
  method      TEXT NOT NULL CHECK (method IN ('card','manual')),
  card_uid    TEXT,
  at          TEXT NOT NULL,
  local_date  TEXT NOT NULL,
  device_id   TEXT NOT NULL,
  staff_id    TEXT
);
CREATE INDEX attendance_elder_day ON attendance(elder_id, local_date);
CREATE INDEX attendance_day ON attendance(local_date);

CREATE TABLE unknown_card_taps (
  id          TEXT PRIMARY KEY,
  uid         TEXT NOT NULL,
  why         TEXT NOT NULL,             -- unknown, revoked, inactive_elder
  at          TEXT NOT NULL,
  local_date  TEXT NOT NULL,
  device_id   TEXT NOT NULL,
  staff_id    TEXT
);
CREATE INDEX unknown_card_taps_uid ON unknown_card_taps(uid);

CREATE TABLE meal_orders (
  id          TEXT PRIMARY KEY,
  elder_id    TEXT NOT NULL REFERENCES elders(id),
  on_date     TEXT NOT NULL,
  meal        TEXT NOT NULL CHECK (meal = 'breakfast' OR meal = 'lunch' OR meal = 'dinner'),
  mode        TEXT NOT NULL CHECK (mode IN ('dine_in','delivery')),
  diet        TEXT NOT NULL DEFAULT 'normal',
  price_fen   INTEGER NOT NULL,
  channel     TEXT NOT NULL CHECK (channel IN ('kiosk','staff')),
  at          TEXT NOT NULL,
  local_date  TEXT NOT NULL,
  device_id   TEXT NOT NULL,
  staff_id    TEXT
);
CREATE INDEX meal_orders_day ON meal_orders(on_date, meal);
CREATE INDEX meal_orders_elder ON meal_orders(elder_id, on_date);

CREATE TABLE meals_served (
  id          TEXT PRIMARY KEY,
  order_id    TEXT REFERENCES meal_orders(id),
  elder_id    TEXT NOT NULL REFERENCES elders(id),
  on_date     TEXT NOT NULL,
  meal        TEXT NOT NULL,
  mode        TEXT NOT NULL,
  method      TEXT NOT NULL CHECK (method IN ('card','manual')),
  at          TEXT NOT NULL,
  local_date  TEXT NOT NULL,
  device_id   TEXT NOT NULL,
  staff_id    TEXT
);
CREATE INDEX meals_served_day ON meals_served(on_date);
CREATE INDEX meals_served_elder ON meals_served(elder_id, on_date);

CREATE TABLE activity_signups (
  id            TEXT PRIMARY KEY,
  activity_id   TEXT NOT NULL REFERENCES activities(id),
  session_date  TEXT NOT NULL,
  elder_id      TEXT NOT NULL REFERENCES elders(id),
  channel       TEXT NOT NULL,
  at            TEXT NOT NULL,
  local_date    TEXT NOT NULL,
  device_id     TEXT NOT NULL,
  staff_id      TEXT
);
CREATE INDEX activity_signups_session ON activity_signups(activity_id, session_date);

CREATE TABLE activity_attendance (
  id            TEXT PRIMARY KEY,
  activity_id   TEXT NOT NULL REFERENCES activities(id),
  session_date  TEXT NOT NULL,
  elder_id      TEXT NOT NULL REFERENCES elders(id),
  method        TEXT NOT NULL,
  at            TEXT NOT NULL,
  local_date    TEXT NOT NULL,
  device_id     TEXT NOT NULL,
  staff_id      TEXT
);
CREATE INDEX activity_attendance_session ON activity_attendance(activity_id, session_date);

CREATE TABLE service_records (
  id               TEXT PRIMARY KEY,
  elder_id         TEXT NOT NULL REFERENCES elders(id),
  service_type_id  TEXT NOT NULL REFERENCES service_types(id),
  provider_staff_id TEXT REFERENCES staff(id),
  started_at       TEXT NOT NULL,
  duration_min     INTEGER NOT NULL,
  price_fen        INTEGER NOT NULL,
  notes            TEXT,
  at               TEXT NOT NULL,
  local_date       TEXT NOT NULL,
  device_id        TEXT NOT NULL,
  staff_id         TEXT
);
CREATE INDEX service_records_elder ON service_records(elder_id);
CREATE INDEX service_records_day ON service_records(local_date);

CREATE TABLE service_confirmations (
  id                 TEXT PRIMARY KEY,
  service_record_id  TEXT NOT NULL REFERENCES service_records(id),
  method             TEXT NOT NULL CHECK (method IN ('tap','attestation')),
  rating             INTEGER CHECK (rating BETWEEN 1 AND 5),
  card_uid           TEXT,
  reason             TEXT,
  at                 TEXT NOT NULL,
  local_date         TEXT NOT NULL,
  device_id          TEXT NOT NULL,
  staff_id           TEXT,
  CHECK (method = 'tap' OR (reason IS NOT NULL AND staff_id IS NOT NULL))
);
CREATE INDEX service_confirmations_record ON service_confirmations(service_record_id);

CREATE TABLE vital_signs (
  id            TEXT PRIMARY KEY,
  elder_id      TEXT NOT NULL REFERENCES elders(id),
  kind          TEXT NOT NULL CHECK (kind = 'bp' OR kind = 'glucose' OR kind = 'weight' OR kind = 'temperature'),
  value1        REAL NOT NULL,           -- systolic, mmol/L, kg, °C
  value2        REAL,                    -- diastolic
  out_of_range  INTEGER NOT NULL DEFAULT 0,
  taken_at      TEXT NOT NULL,
  at            TEXT NOT NULL,
  local_date    TEXT NOT NULL,
  device_id     TEXT NOT NULL,
  staff_id      TEXT
);
CREATE INDEX vital_signs_elder ON vital_signs(elder_id, taken_at);

CREATE TABLE vital_alert_acks (
  id          TEXT PRIMARY KEY,
  vital_id    TEXT NOT NULL REFERENCES vital_signs(id),
  note        TEXT,
  at          TEXT NOT NULL,
  local_date  TEXT NOT NULL,
  device_id   TEXT NOT NULL,
  staff_id    TEXT
);

CREATE TABLE feedback (
  id                 TEXT PRIMARY KEY,
  elder_id           TEXT REFERENCES elders(id),
  service_record_id  TEXT REFERENCES service_records(id),
  rating             INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment            TEXT,
  at                 TEXT NOT NULL,
  local_date         TEXT NOT NULL,
  device_id          TEXT NOT NULL,
  staff_id           TEXT
);
CREATE INDEX feedback_day ON feedback(local_date);

CREATE TABLE volunteer_hours (
  id            TEXT PRIMARY KEY,
  volunteer_id  TEXT NOT NULL REFERENCES volunteers(id),
  elder_id      TEXT REFERENCES elders(id),
  served_on     TEXT NOT NULL,
  minutes       INTEGER NOT NULL CHECK (minutes > 0),
  activity      TEXT,
  at            TEXT NOT NULL,
  local_date    TEXT NOT NULL,
  device_id     TEXT NOT NULL,
  staff_id      TEXT
);

CREATE TABLE welfare_calls (
  id          TEXT PRIMARY KEY,
  elder_id    TEXT NOT NULL REFERENCES elders(id),
  call_date   TEXT NOT NULL,
  outcome     TEXT NOT NULL CHECK (outcome = 'fine' OR outcome = 'no_answer' OR outcome = 'unwell' OR outcome = 'home_visit' OR outcome = 'resolved'),
  note        TEXT,
  at          TEXT NOT NULL,
  local_date  TEXT NOT NULL,
  device_id   TEXT NOT NULL,
  staff_id    TEXT
);
CREATE INDEX welfare_calls_elder ON welfare_calls(elder_id, call_date);

-- Append-only money ledger.  A correction is a reversing entry.
CREATE TABLE ledger_entries (
  id             TEXT PRIMARY KEY,
  elder_id       TEXT NOT NULL REFERENCES elders(id),
  kind           TEXT NOT NULL CHECK (kind = 'grant' OR kind = 'allowance_debit' OR kind = 'copay' OR kind = 'reversal' OR kind = 'expiry'),
  amount_fen     INTEGER NOT NULL,
  period         TEXT NOT NULL,           -- YYYY-MM or YYYY the allowance belongs to
  source_table   TEXT,
  source_id      TEXT,
  reverses_id    TEXT REFERENCES ledger_entries(id),
  policy_id      TEXT,
  rule           TEXT,
  funding_tier   TEXT,
  at             TEXT NOT NULL,
  local_date     TEXT NOT NULL,
  device_id      TEXT NOT NULL,
  staff_id       TEXT
);
CREATE INDEX ledger_elder ON ledger_entries(elder_id, period);
CREATE INDEX ledger_source ON ledger_entries(source_id);

-- ------------------------------------------------------------- bookkeeping

CREATE TABLE audit_log (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  id           TEXT NOT NULL UNIQUE,
  at           TEXT NOT NULL,
  device_id    TEXT NOT NULL,
  staff_id     TEXT,
  action       TEXT NOT NULL,            -- insert, update, void, login, ...
  record_table TEXT,
  record_id    TEXT,
  summary      TEXT
);

-- One row per local change waiting for (or done with) the district.
CREATE TABLE outbox (
  seq            INTEGER PRIMARY KEY AUTOINCREMENT,
  change_id      TEXT NOT NULL UNIQUE,
  record_table   TEXT NOT NULL,
  record_id      TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('entity','event')),
  hlc            TEXT NOT NULL,
  payload        TEXT NOT NULL,          -- JSON object of the fields written
  created_at     TEXT NOT NULL,
  state          TEXT NOT NULL DEFAULT 'pending' CHECK (state = 'pending' OR state = 'accepted' OR state = 'duplicate' OR state = 'rejected'),
  reject_reason  TEXT,
  attempts       INTEGER NOT NULL DEFAULT 0,
  settled_at     TEXT
);
CREATE INDEX outbox_pending ON outbox(state, seq);

-- Per-field clocks for entity merge.
CREATE TABLE field_clocks (
  record_table  TEXT NOT NULL,
  record_id     TEXT NOT NULL,
  field         TEXT NOT NULL,
  hlc           TEXT NOT NULL,
  PRIMARY KEY (record_table, record_id, field)
) WITHOUT ROWID;

CREATE TABLE sync_state (
  key    TEXT PRIMARY KEY,
  value  TEXT
) WITHOUT ROWID;

-- ------------------------------------------------ entitlements and subsidies
-- Which money a ledger line moves: the elder's allowance balance, a per-use
-- district subsidy (free meals, tier discounts), or the elder's own
-- co-payment.  The category is the flag the matched rule was met by, so the
-- quarterly settlement can be split by category without re-evaluating rules.
ALTER TABLE ledger_entries ADD COLUMN fund TEXT NOT NULL DEFAULT 'allowance'
  CHECK (fund = 'allowance' OR fund = 'subsidy' OR fund = 'elder');
ALTER TABLE ledger_entries ADD COLUMN category TEXT;
CREATE INDEX ledger_day ON ledger_entries(local_date);
CREATE INDEX ledger_reverses ON ledger_entries(reverses_id);
CREATE INDEX meals_served_order ON meals_served(order_id);
CREATE INDEX policies_effective ON policies(effective_from);

-- ------------------------------------------------------------------- sync
-- A change from the district that could not be applied here (for example a
-- newer kiosk's field this version does not know).  Kept, never dropped, and
-- listed by `yiyang-admin sync-status` so staff can report it.
CREATE TABLE sync_inbox_failures (
  change_id     TEXT PRIMARY KEY,
  record_table  TEXT NOT NULL,
  record_id     TEXT NOT NULL,
  hlc           TEXT NOT NULL,
  payload       TEXT NOT NULL,
  reason        TEXT NOT NULL,
  failed_at     TEXT NOT NULL
) WITHOUT ROWID;

-- ----------------------------------------------------------------- reports
-- (ledger_reverses and ledger_day above serve reports too.)
-- Reports read each event table by the date it is about.
CREATE INDEX vital_signs_day ON vital_signs(local_date);
CREATE INDEX welfare_calls_day ON welfare_calls(call_date);
CREATE INDEX volunteer_hours_day ON volunteer_hours(served_on);
CREATE INDEX activity_attendance_day ON activity_attendance(session_date);
CREATE INDEX service_confirmations_day ON service_confirmations(local_date);
-- The day-care pass reads the taps in this order, from the index alone.
CREATE INDEX attendance_report ON attendance(local_date, elder_id, at, kind, id);

-- ----------------------------------------------------------------- kiosk start-up
-- Opening the store takes the highest clock ever handed out from the outbox:
-- from this index, not by reading every change (a second with five years
-- waiting to be sent).
CREATE INDEX outbox_hlc ON outbox(hlc);

-- ----------------------------------------------------------------- reports, speed
-- The yearly report asks, for every service record, whether a confirmation
-- of it stands and which ledger entry paid for it first: from these
-- indexes alone, without reading each row (ledger_source is their prefix).
CREATE INDEX service_confirmations_record_id ON service_confirmations(service_record_id, id);
CREATE INDEX ledger_source_first ON ledger_entries(source_id, at, id, kind, funding_tier);
