-- Fintrak's database. `fintrak migrate` applies this file; every statement is idempotent, so it runs
-- on every deploy. Money is numeric(14,2); every tenant row carries the tenant's E.164 number and is
-- guarded by row-level security keyed on the transaction-local setting app.tenant_id.

SELECT pg_advisory_xact_lock(7301560);   -- two migrations at once wait for each other

-- Roles. The owner (whoever runs `fintrak migrate`, MIGRATION_DATABASE_URL) owns every object. The services log in
-- as fintrak_service: not a superuser, owning nothing, no BYPASSRLS, and NOINHERIT, so on its own it can touch no
-- tenant table. Each tenant transaction switches to fintrak_app (SET LOCAL ROLE, with app.tenant_id set), the one
-- role the tenant policies admit; the few things that span tenants go through SECURITY DEFINER functions below.
-- Deployment gives fintrak_service its password (`fintrak migrate` does, from DATABASE_URL's).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fintrak_app') THEN
        CREATE ROLE fintrak_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fintrak_service') THEN
        CREATE ROLE fintrak_service LOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT NOCREATEDB NOCREATEROLE;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname IN ('fintrak_app', 'fintrak_service')
               AND (rolsuper OR rolbypassrls OR rolcreaterole OR rolcreatedb)) THEN
        RAISE EXCEPTION 'fintrak_app and fintrak_service must not be superusers, bypass RLS or create roles or databases';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
               WHERE r.rolname IN ('fintrak_app', 'fintrak_service')) THEN
        RAISE EXCEPTION 'fintrak_app and fintrak_service must own nothing';
    END IF;
    EXECUTE format('GRANT fintrak_app TO %I', current_user);
    GRANT fintrak_app TO fintrak_service;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO fintrak_service', current_database());
END
$$;
GRANT USAGE ON SCHEMA public TO fintrak_service;

CREATE TABLE IF NOT EXISTS tenants (
    tenant        text PRIMARY KEY CHECK (tenant ~ '^\+[1-9][0-9]{7,14}$'),
    profile_name  text,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS invoices (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant               text NOT NULL REFERENCES tenants (tenant),
    payee_name           text NOT NULL CHECK (length(payee_name) BETWEEN 1 AND 200),
    invoice_number       text CHECK (length(invoice_number) <= 100),
    invoice_date         date NOT NULL,
    total_amount         numeric(14,2) NOT NULL CHECK (total_amount >= 0),
    tax_amount           numeric(14,2) CHECK (tax_amount >= 0),
    currency             char(3) NOT NULL DEFAULT 'INR' CHECK (currency ~ '^[A-Z]{3}$'),
    payment_method       text CHECK (payment_method IN ('cash', 'card', 'upi', 'bank_transfer', 'cheque')),
    category             text CHECK (length(category) <= 100),
    gstin                text CHECK (gstin ~ '^[0-9]{2}[A-Z0-9]{13}$'),
    source               text NOT NULL CHECK (source IN ('whatsapp', 'import')),
    -- The inbound message that created it: a redelivered message finds its invoice instead of adding one.
    provider_message_id  text,
    media_sha256         text CHECK (media_sha256 ~ '^[0-9a-f]{64}$'),
    confidence           jsonb,
    line_items           jsonb,
    -- Undo is a reversal kept in history, never a delete.
    status               text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'undone')),
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX IF NOT EXISTS invoices_message_once ON invoices (tenant, provider_message_id)
    WHERE provider_message_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS invoices_tenant_date ON invoices (tenant, invoice_date) INCLUDE (total_amount, tax_amount);
CREATE INDEX IF NOT EXISTS invoices_tenant_media ON invoices (tenant, media_sha256) WHERE media_sha256 IS NOT NULL;
-- Questions look up a tenant's payee and category names one index probe at a time, and filter by them; sums over
-- a period are index-only scans of the books index.
CREATE INDEX IF NOT EXISTS invoices_tenant_payee ON invoices (tenant, payee_name, invoice_date) WHERE status = 'active';
CREATE INDEX IF NOT EXISTS invoices_tenant_category ON invoices (tenant, category) WHERE status = 'active';
CREATE INDEX IF NOT EXISTS invoices_books ON invoices (tenant, invoice_date)
    INCLUDE (total_amount, tax_amount, currency, payee_name, payment_method, category) WHERE status = 'active';

-- What questions read: the tenant's books (active invoices), nothing else. security_invoker makes the caller's
-- row-level security apply through the view; it is also the only relation model-written SQL may name.
CREATE OR REPLACE VIEW my_invoices WITH (security_invoker = true) AS
    SELECT invoice_date, payee_name, invoice_number, total_amount, tax_amount, currency, payment_method, category,
           gstin, source, created_at
    FROM invoices WHERE status = 'active';

-- Every change to an invoice after it was stored: edits and undo, with the values before and after.
CREATE TABLE IF NOT EXISTS invoice_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant      text NOT NULL REFERENCES tenants (tenant),
    invoice_id  uuid NOT NULL REFERENCES invoices (id),
    kind        text NOT NULL CHECK (kind IN ('created', 'edited', 'undone')),
    field       text,
    old_value   text,
    new_value   text,
    provider_message_id text,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS invoice_events_invoice ON invoice_events (invoice_id, id);
CREATE UNIQUE INDEX IF NOT EXISTS invoice_events_message_once ON invoice_events (tenant, provider_message_id, kind, field)
    WHERE provider_message_id IS NOT NULL;

-- Originals of bills, private, content-addressed by SHA-256 within the tenant.
CREATE TABLE IF NOT EXISTS media_objects (
    tenant        text NOT NULL REFERENCES tenants (tenant),
    sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content_type  text NOT NULL,
    bytes         bytea NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, sha256)
);

-- Files made for replies (spreadsheets, statements, charts), served by intake at GET /media/{token} until they expire.
CREATE TABLE IF NOT EXISTS generated_files (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant        text NOT NULL REFERENCES tenants (tenant),
    filename      text NOT NULL,
    content_type  text NOT NULL,
    bytes         bytea NOT NULL,
    expires_at    timestamptz NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Every question asked, how it was understood, and what was answered.
CREATE TABLE IF NOT EXISTS queries (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant               text NOT NULL REFERENCES tenants (tenant),
    provider_message_id  text,
    question             text NOT NULL,
    plan                 jsonb,
    sql_text             text,
    answer_summary       text,
    understood           boolean NOT NULL,
    created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS queries_tenant_time ON queries (tenant, created_at);
CREATE UNIQUE INDEX IF NOT EXISTS queries_message_once ON queries (tenant, provider_message_id)
    WHERE provider_message_id IS NOT NULL;

-- Khata: the people a business gives or takes credit with, and every movement.
CREATE TABLE IF NOT EXISTS ledger_parties (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant        text NOT NULL REFERENCES tenants (tenant),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    name_key      text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant, name_key)
);

CREATE TABLE IF NOT EXISTS ledger_entries (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant               text NOT NULL REFERENCES tenants (tenant),
    party_id             bigint NOT NULL REFERENCES ledger_parties (id),
    -- Positive: the party owes the business more. Negative: less (or the business owes them).
    amount               numeric(14,2) NOT NULL CHECK (amount <> 0),
    note                 text,
    provider_message_id  text,
    created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX IF NOT EXISTS ledger_entries_message_once ON ledger_entries (tenant, provider_message_id)
    WHERE provider_message_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS ledger_entries_party ON ledger_entries (party_id, id);
-- The khata as built: a party merged into another ("Ramesh Kumar is Ramesh") keeps its entries and points at the
-- party it became; a credit limit warns past it. Entries form an HMAC chain per tenant (LEDGER_SIGNING_KEY):
-- `sequence` numbers them 1, 2, 3…, `mac` covers the entry and the previous entry's mac, so an edit or a deletion
-- behind the application's back shows (`fintrak verify-ledger`). Undo adds a reversal; nothing is deleted.
ALTER TABLE ledger_parties ADD COLUMN IF NOT EXISTS merged_into bigint REFERENCES ledger_parties (id);
ALTER TABLE ledger_parties ADD COLUMN IF NOT EXISTS credit_limit numeric(14,2) CHECK (credit_limit > 0);
ALTER TABLE ledger_entries ADD COLUMN IF NOT EXISTS sequence bigint;
ALTER TABLE ledger_entries ADD COLUMN IF NOT EXISTS kind text NOT NULL DEFAULT 'entry'
    CHECK (kind IN ('entry', 'reversal', 'bill'));
ALTER TABLE ledger_entries ADD COLUMN IF NOT EXISTS reverses bigint;
ALTER TABLE ledger_entries ADD COLUMN IF NOT EXISTS invoice_id uuid REFERENCES invoices (id);
ALTER TABLE ledger_entries ADD COLUMN IF NOT EXISTS recorded_at timestamptz NOT NULL DEFAULT date_trunc('second', now());
ALTER TABLE ledger_entries ADD COLUMN IF NOT EXISTS mac text NOT NULL DEFAULT '' ;
CREATE UNIQUE INDEX IF NOT EXISTS ledger_entries_sequence ON ledger_entries (tenant, sequence);
CREATE UNIQUE INDEX IF NOT EXISTS ledger_entries_reversed_once ON ledger_entries (tenant, reverses) WHERE reverses IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS ledger_entries_invoice_once ON ledger_entries (tenant, invoice_id)
    WHERE invoice_id IS NOT NULL AND kind = 'bill';

-- The cash book: sales and expenses the owner writes in the chat, for "profit this month" (sales − bills − expenses).
CREATE TABLE IF NOT EXISTS cash_entries (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant               text NOT NULL REFERENCES tenants (tenant),
    kind                 text NOT NULL CHECK (kind IN ('sale', 'expense')),
    amount               numeric(14,2) NOT NULL CHECK (amount > 0),
    note                 text CHECK (length(note) <= 200),
    entry_date           date NOT NULL,
    provider_message_id  text,
    created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX IF NOT EXISTS cash_entries_message_once ON cash_entries (tenant, provider_message_id)
    WHERE provider_message_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS cash_entries_tenant_date ON cash_entries (tenant, entry_date) INCLUDE (kind, amount);

-- Reminders (issue 14). A party's phone (E.164) lets the owner remind them and notify them of entries; STOP from
-- that phone sets reminders_stopped_at on every party with it (the number is one WhatsApp sender to them, whichever
-- shop wrote); last_inbound_at is the party's own last message, which opens WhatsApp's 24-hour window for text.
ALTER TABLE ledger_parties ADD COLUMN IF NOT EXISTS phone text CHECK (phone ~ '^\+[1-9][0-9]{7,14}$');
ALTER TABLE ledger_parties ADD COLUMN IF NOT EXISTS notify boolean NOT NULL DEFAULT false;
ALTER TABLE ledger_parties ADD COLUMN IF NOT EXISTS reminders_stopped_at timestamptz;
ALTER TABLE ledger_parties ADD COLUMN IF NOT EXISTS last_inbound_at timestamptz;
CREATE INDEX IF NOT EXISTS ledger_parties_phone ON ledger_parties (phone) WHERE phone IS NOT NULL;

-- The shop as reminders name it, its UPI id (pa), and whether the owner wants the weekly digest.
CREATE TABLE IF NOT EXISTS reminder_settings (
    tenant      text PRIMARY KEY REFERENCES tenants (tenant),
    upi_id      text CHECK (upi_id ~ '^[A-Za-z0-9._-]+@[A-Za-z][A-Za-z0-9.]+$' AND length(upi_id) <= 321),
    shop_name   text CHECK (length(shop_name) BETWEEN 1 AND 100),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Standing reminders and the digest: due work. Any number of schedulers claim due rows with FOR UPDATE SKIP LOCKED
-- (claim_due_schedule) and move next_due on in the same transaction, so each firing happens once.
CREATE TABLE IF NOT EXISTS reminder_schedules (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant      text NOT NULL REFERENCES tenants (tenant),
    kind        text NOT NULL CHECK (kind IN ('party', 'everyone', 'digest')),
    party_id    bigint REFERENCES ledger_parties (id),
    threshold   numeric(14,2) CHECK (threshold >= 0),
    weekday     integer CHECK (weekday BETWEEN 1 AND 7),
    month_day   integer CHECK (month_day BETWEEN 1 AND 31),
    provider    text NOT NULL CHECK (provider IN ('twilio', 'gupshup', 'meta', 'console')),
    next_due    timestamptz NOT NULL,
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((weekday IS NULL) <> (month_day IS NULL)),
    CHECK ((kind = 'party') = (party_id IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS reminder_schedules_due ON reminder_schedules (next_due) WHERE active;
CREATE UNIQUE INDEX IF NOT EXISTS reminder_schedules_one_digest ON reminder_schedules (tenant) WHERE kind = 'digest' AND active;

-- Every reminder decided: at most one per party per business day. 'held' ones (quiet hours) are due work too.
CREATE TABLE IF NOT EXISTS reminders (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant        text NOT NULL REFERENCES tenants (tenant),
    party_id      bigint NOT NULL REFERENCES ledger_parties (id),
    phone         text NOT NULL,
    business_day  date NOT NULL,
    amount        numeric(14,2) NOT NULL,
    provider      text NOT NULL CHECK (provider IN ('twilio', 'gupshup', 'meta', 'console')),
    status        text NOT NULL CHECK (status IN ('held', 'queued', 'sent', 'skipped')),
    due_at        timestamptz NOT NULL,
    reply_id      text NOT NULL,
    as_template   boolean,
    schedule_id   bigint REFERENCES reminder_schedules (id),
    sent_at       timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant, party_id, business_day)
);
CREATE INDEX IF NOT EXISTS reminders_due ON reminders (due_at) WHERE status IN ('held', 'queued');
CREATE INDEX IF NOT EXISTS reminders_phone ON reminders (phone, created_at);

-- A new entry sent to its party with a short code; the party's OK or NO (from that phone, with that code) is kept
-- on it. A code is unique among one phone's notices, whichever shop sent them.
CREATE TABLE IF NOT EXISTS entry_notices (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant             text NOT NULL REFERENCES tenants (tenant),
    entry_sequence     bigint NOT NULL,
    party_id           bigint NOT NULL REFERENCES ledger_parties (id),
    phone              text NOT NULL,
    code               text NOT NULL CHECK (code ~ '^[A-Z0-9]{3}$'),
    amount             numeric(14,2) NOT NULL,
    answer             text CHECK (answer IN ('ok', 'no')),
    answered_at        timestamptz,
    answer_message_id  text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant, entry_sequence),
    UNIQUE (phone, code)
);

-- "paid 500" from a party: a claim the owner confirms ("yes") before anything reaches the khata.
CREATE TABLE IF NOT EXISTS payment_claims (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant               text NOT NULL REFERENCES tenants (tenant),
    party_id             bigint NOT NULL REFERENCES ledger_parties (id),
    amount               numeric(14,2) NOT NULL CHECK (amount > 0),
    provider_message_id  text NOT NULL UNIQUE,
    status               text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'recorded')),
    created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS payment_claims_open ON payment_claims (tenant, created_at) WHERE status = 'open';

-- Every reply, recorded before it is sent, so a redelivered reply is never sent twice.
CREATE TABLE IF NOT EXISTS outbound_messages (
    reply_id             text PRIMARY KEY,
    tenant               text NOT NULL REFERENCES tenants (tenant),
    provider             text NOT NULL CHECK (provider IN ('twilio', 'gupshup', 'meta', 'console')),
    correlation_id       text NOT NULL,
    in_reply_to          text NOT NULL,
    body                 text NOT NULL,
    attachments          jsonb NOT NULL DEFAULT '[]',
    status               text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'dead')),
    provider_sid         text,
    delivery_status      text,
    attempts             integer NOT NULL DEFAULT 0,
    last_error           text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS outbound_messages_tenant_time ON outbound_messages (tenant, created_at);
CREATE INDEX IF NOT EXISTS outbound_messages_provider_sid ON outbound_messages (provider_sid) WHERE provider_sid IS NOT NULL;
CREATE INDEX IF NOT EXISTS outbound_messages_dead ON outbound_messages (updated_at) WHERE status = 'dead';
-- A message to someone other than the tenant (a reminder to a party) names its recipient; delivery reports match it.
ALTER TABLE outbound_messages ADD COLUMN IF NOT EXISTS sent_to text;
-- The send intent: set just before a message goes to the provider and left set until its send is recorded (or the
-- provider answered with an error), so a redelivered reply knows a message may have gone without its record. Its
-- reply_id is the reference the provider's delivery reports echo (Twilio's StatusCallback `?ref=`, the Cloud API's
-- biz_opaque_callback_data); a report naming it records the send (record_delivery_status).
ALTER TABLE outbound_messages ADD COLUMN IF NOT EXISTS send_started_at timestamptz;
-- Sends made although an earlier attempt's intent was never resolved (no report came within the wait): each may be
-- a second copy at the provider. Counted for the chaos run and the logs, never reset.
ALTER TABLE outbound_messages ADD COLUMN IF NOT EXISTS unconfirmed_resends integer NOT NULL DEFAULT 0;
-- Recorded as sent by a provider's report (record_delivery_status) and never by the send's own UPDATE, which clears
-- it when it comes after all: the sends whose record a kill or a failure really cut off.
ALTER TABLE outbound_messages ADD COLUMN IF NOT EXISTS recorded_from_report boolean NOT NULL DEFAULT false;
-- The unresolved intents a report without our reference is matched against (record_delivery_status).
CREATE INDEX IF NOT EXISTS outbound_messages_unresolved ON outbound_messages (send_started_at)
    WHERE provider_sid IS NULL AND send_started_at IS NOT NULL;

-- What each service did with each inbound message, for `fintrak trace` and `fintrak queues`: no tenant data (the
-- tenant only as a short hash, never text), so no row-level security; the services prune it after a retention.
CREATE TABLE IF NOT EXISTS message_events (
    message_id      text NOT NULL,
    correlation_id  text NOT NULL,
    tenant_tag      text NOT NULL,
    service         text NOT NULL,
    event           text NOT NULL,
    queue           text,
    duration_ms     integer,
    detail          text,
    at              timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS message_events_message ON message_events (message_id, at);
CREATE INDEX IF NOT EXISTS message_events_tenant ON message_events (tenant_tag, at);
CREATE INDEX IF NOT EXISTS message_events_queue ON message_events (queue, at) WHERE event = 'received';
CREATE INDEX IF NOT EXISTS message_events_at ON message_events (at);
GRANT SELECT, INSERT, DELETE ON message_events TO fintrak_service;

-- Inbound messages given up on (a handler kept failing, an outage outlasted its patience, or the broker's delivery
-- limit): kept with the reason for `fintrak dead-letters inbound`; the sender was answered with an apology whose
-- reference is the correlation id.
CREATE TABLE IF NOT EXISTS inbound_dead_letters (
    tenant               text NOT NULL REFERENCES tenants (tenant),
    provider             text NOT NULL,
    provider_message_id  text NOT NULL,
    correlation_id       text NOT NULL,
    queue                text NOT NULL,
    message              jsonb NOT NULL,
    reason               text NOT NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, provider, provider_message_id)
);

-- Intake's durable spool: webhook messages taken while the broker or Redis could not take them, answered 200 and
-- published by intake's drainer once both are back, in arrival order (`id`), then deleted. Intake writes and reads
-- it as fintrak_service itself, outside any tenant's transaction (the drainer works across senders), so it is no
-- tenant table: fintrak_app, the role tenant queries run as, has no grant on it, and forced row-level security admits
-- only fintrak_service and the owner's declared cross-tenant maintenance.
CREATE TABLE IF NOT EXISTS intake_spool (
    id                   bigserial PRIMARY KEY,
    -- FINTRAK_QUEUE_PREFIX of the intake that took it: stacks sharing a database drain only their own.
    queue_prefix         text NOT NULL,
    provider             text NOT NULL,
    provider_message_id  text NOT NULL,
    tenant               text NOT NULL,
    message              jsonb NOT NULL,
    spooled_at           timestamptz NOT NULL DEFAULT now(),
    UNIQUE (queue_prefix, provider, provider_message_id)
);
CREATE INDEX IF NOT EXISTS intake_spool_order ON intake_spool (queue_prefix, id);
-- A delivery report the broker could not take is spooled too (`kind` 'status', its event JSON in `message`, its
-- provider id and status in provider_message_id, tenant ''), and published by the same drainer.
ALTER TABLE intake_spool ADD COLUMN IF NOT EXISTS kind text NOT NULL DEFAULT 'message' CHECK (kind IN ('message', 'status'));
ALTER TABLE intake_spool ENABLE ROW LEVEL SECURITY;
ALTER TABLE intake_spool FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS intake_service ON intake_spool;
CREATE POLICY intake_service ON intake_spool TO fintrak_service USING (true) WITH CHECK (true);
DO $$
BEGIN
    DROP POLICY IF EXISTS cross_tenant_maintenance ON intake_spool;
    EXECUTE format($p$CREATE POLICY cross_tenant_maintenance ON intake_spool TO %I
                      USING (current_setting('app.cross_tenant', true) = 'on')
                      WITH CHECK (current_setting('app.cross_tenant', true) = 'on')$p$, current_user);
END
$$;
GRANT SELECT, INSERT, DELETE ON intake_spool TO fintrak_service;
GRANT USAGE ON SEQUENCE intake_spool_id_seq TO fintrak_service;

-- The web page: one-time login links from the chat ("web") and the sessions they open. Only SHA-256 digests of the
-- tokens are kept; a link is used by the one UPDATE that sets used_at, and "logout all" revokes every session.
CREATE TABLE IF NOT EXISTS web_links (
    token_sha256  text PRIMARY KEY CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
    tenant        text NOT NULL REFERENCES tenants (tenant),
    expires_at    timestamptz NOT NULL,
    used_at       timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS web_sessions (
    token_sha256  text PRIMARY KEY CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
    tenant        text NOT NULL REFERENCES tenants (tenant),
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS web_sessions_tenant ON web_sessions (tenant) WHERE revoked_at IS NULL;

-- Row-level security: with app.tenant_id set, a tenant sees and writes its own rows only; unset, nothing. FORCE
-- applies it to the owner too (superusers aside): the owner sees tenant rows only where it declares cross-tenant
-- work with app.cross_tenant = 'on', as the SECURITY DEFINER functions and the operator's commands do.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['tenants', 'invoices', 'invoice_events', 'media_objects', 'generated_files', 'queries',
                             'ledger_parties', 'ledger_entries', 'cash_entries', 'outbound_messages',
                             'inbound_dead_letters', 'reminder_settings', 'reminder_schedules', 'reminders',
                             'entry_notices', 'payment_claims',
                             'web_links', 'web_sessions'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %I', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON %I TO fintrak_app
                          USING (tenant = current_setting('app.tenant_id', true))
                          WITH CHECK (tenant = current_setting('app.tenant_id', true))$p$, t);
        EXECUTE format('DROP POLICY IF EXISTS cross_tenant_maintenance ON %I', t);
        EXECUTE format($p$CREATE POLICY cross_tenant_maintenance ON %I TO %I
                          USING (current_setting('app.cross_tenant', true) = 'on')
                          WITH CHECK (current_setting('app.cross_tenant', true) = 'on')$p$, t, current_user);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO fintrak_app', t);
    END LOOP;
END
$$;
GRANT USAGE ON SCHEMA public TO fintrak_app;
GRANT SELECT ON my_invoices TO fintrak_app;
-- No grant on sequences: every table fintrak_app writes numbers its rows with an identity column, which needs none.
-- (A grant on all of the schema's sequences rewrote every sequence's row at each migration, and failed with "tuple
-- concurrently updated" beside a session creating a table with a serial column.)

-- A provider's delivery report, recorded on the outbound message it names. It spans tenants (the report names the
-- provider's message id, and maybe the recipient), so it runs as the owner, and does this one UPDATE only: on the
-- row with that provider and provider id (and that recipient, when named), the delivery columns only, unless the
-- recorded status is one of `later_statuses`. Answers 'recorded', 'stale' (a later status is recorded) or 'unknown'.
--
-- First, a report may show that a send whose record never committed (client-responder killed right after the
-- provider accepted it) went out: then that row is recorded as sent with the provider's id, and the redelivered reply
-- is not sent again ('reconciled'). The report names the row by our `reference` (its reply_id) when the provider
-- echoes one; otherwise (Gupshup) by elimination: a provider id no row knows, for a recipient with exactly one
-- unresolved send intent of that provider in the last 10 minutes, can only be that send (every send of ours sets
-- its intent first and keeps it until its provider id is recorded).
DROP FUNCTION IF EXISTS record_delivery_status(text, text, text, text, text, text[]);
CREATE OR REPLACE FUNCTION record_delivery_status(provider_name text, provider_id text, recipient text, reference text,
                                                  new_status text, error_text text, later_statuses text[])
RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    outcome text := 'unknown';
    reconciled boolean := false;
    candidates text[];
BEGIN
    -- Set here rather than with the function's SET clause, which only a superuser may use for app.* settings.
    PERFORM set_config('app.cross_tenant', 'on', true);
    -- The candidates before the check that the provider id is unknown: a send recorded in between is then either
    -- seen by the check or still among the candidates (which makes them ambiguous), never silently left out.
    IF reference IS NOT NULL THEN
        candidates := ARRAY[reference];
    ELSIF recipient IS NOT NULL THEN
        SELECT array_agg(reply_id) INTO candidates FROM outbound_messages
        WHERE provider = provider_name AND coalesce(sent_to, tenant) = recipient AND status <> 'sent'
          AND provider_sid IS NULL AND send_started_at > now() - interval '10 minutes';
    END IF;
    PERFORM 1 FROM outbound_messages WHERE provider = provider_name AND provider_sid = provider_id;
    IF NOT FOUND THEN
        IF cardinality(candidates) = 1 THEN
            UPDATE outbound_messages SET status = 'sent', provider_sid = provider_id, last_error = NULL,
                                         recorded_from_report = true, updated_at = now()
            WHERE reply_id = candidates[1] AND provider = provider_name AND status <> 'sent' AND provider_sid IS NULL
              AND (recipient IS NULL OR coalesce(sent_to, tenant) = recipient);
            reconciled := FOUND;
        END IF;
    END IF;
    UPDATE outbound_messages SET delivery_status = new_status, last_error = coalesce(error_text, last_error),
                                 updated_at = now()
    WHERE provider = provider_name AND provider_sid = provider_id AND (recipient IS NULL OR coalesce(sent_to, tenant) = recipient)
      AND NOT (lower(coalesce(delivery_status, '')) = ANY (later_statuses));
    IF FOUND THEN
        outcome := CASE WHEN reconciled THEN 'reconciled' ELSE 'recorded' END;
    ELSE
        PERFORM 1 FROM outbound_messages
        WHERE provider = provider_name AND provider_sid = provider_id AND (recipient IS NULL OR coalesce(sent_to, tenant) = recipient);
        IF FOUND THEN
            outcome := 'stale';
        END IF;
    END IF;
    PERFORM set_config('app.cross_tenant', '', true);
    RETURN outcome;
END
$$;
REVOKE ALL ON FUNCTION record_delivery_status(text, text, text, text, text, text, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION record_delivery_status(text, text, text, text, text, text, text[]) TO fintrak_service;


-- A party's answer from their own phone (issue 14), the one way such a message reaches across tenants. It touches
-- only rows about the sender's own number and returns at most one entry:
--   every kind: the sender's parties note when intake received it (last_inbound_at: WhatsApp's 24-hour window);
--   'stop' / 'start': reminders to the sender's number stop / resume ('stopped', 'started' or 'none');
--   'ok' / 'no': the one notice to this phone with this code gets the answer (once; the same message again gets
--       the same answer) and is returned ('answered', its tenant, party, shop, entry and amount), else 'unknown'
--       ('none' when no notice was ever sent to this number);
--   'paid': a claim for the shop that last reminded or notified this phone in 30 days ('claimed'), else 'unknown'.
CREATE OR REPLACE FUNCTION party_reply(sender text, reply_kind text, reply_code text, claimed numeric, message_id text,
                                       received_at timestamptz)
RETURNS TABLE (outcome text, tenant text, party_name text, shop_name text, entry_sequence bigint, amount numeric)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
    found_tenant text;
    found_party bigint;
BEGIN
    PERFORM set_config('app.cross_tenant', 'on', true);
    UPDATE ledger_parties p SET last_inbound_at = greatest(p.last_inbound_at, received_at)
    WHERE p.phone = sender;
    IF reply_kind = 'stop' THEN
        UPDATE ledger_parties p SET reminders_stopped_at = now() WHERE p.phone = sender AND p.reminders_stopped_at IS NULL;
        RETURN QUERY SELECT 'stopped'::text, NULL::text, NULL::text, NULL::text, NULL::bigint, NULL::numeric;
    ELSIF reply_kind = 'start' THEN
        UPDATE ledger_parties p SET reminders_stopped_at = NULL WHERE p.phone = sender AND p.reminders_stopped_at IS NOT NULL;
        RETURN QUERY SELECT CASE WHEN FOUND THEN 'started' ELSE 'none' END, NULL::text, NULL::text, NULL::text, NULL::bigint, NULL::numeric;
    ELSIF reply_kind IN ('ok', 'no') THEN
        RETURN QUERY
        WITH answered AS (
            UPDATE entry_notices n SET answer = reply_kind, answered_at = now(), answer_message_id = message_id
            WHERE n.phone = sender AND n.code = upper(reply_code)
              AND (n.answer IS NULL OR n.answer_message_id = message_id)
            RETURNING n.tenant, n.party_id, n.entry_sequence, n.amount
        )
        SELECT 'answered'::text, a.tenant, p.name, rs.shop_name, a.entry_sequence, a.amount
        FROM answered a JOIN ledger_parties p ON p.id = a.party_id LEFT JOIN reminder_settings rs ON rs.tenant = a.tenant;
        IF NOT FOUND THEN
            -- 'none': this number was never sent a notice, so its "ok …" is some other message.
            RETURN QUERY SELECT CASE WHEN EXISTS (SELECT 1 FROM entry_notices n WHERE n.phone = sender) THEN 'unknown'
                                     ELSE 'none' END, NULL::text, NULL::text, NULL::text, NULL::bigint, NULL::numeric;
        END IF;
    ELSIF reply_kind = 'paid' AND claimed > 0 THEN
        SELECT r.tenant, r.party_id INTO found_tenant, found_party FROM (
            SELECT m.tenant, m.party_id, m.created_at FROM reminders m
            WHERE m.phone = sender AND m.status = 'sent' AND m.created_at > now() - interval '30 days'
            UNION ALL
            SELECT n.tenant, n.party_id, n.created_at FROM entry_notices n
            WHERE n.phone = sender AND n.created_at > now() - interval '30 days'
        ) r ORDER BY r.created_at DESC LIMIT 1;
        IF found_tenant IS NULL THEN
            RETURN QUERY SELECT 'unknown'::text, NULL::text, NULL::text, NULL::text, NULL::bigint, NULL::numeric;
        ELSE
            INSERT INTO payment_claims (tenant, party_id, amount, provider_message_id)
            VALUES (found_tenant, found_party, round(claimed, 2), message_id)
            ON CONFLICT (provider_message_id) DO NOTHING;
            RETURN QUERY SELECT 'claimed'::text, found_tenant, p.name, rs.shop_name, NULL::bigint, round(claimed, 2)
                         FROM ledger_parties p LEFT JOIN reminder_settings rs ON rs.tenant = found_tenant
                         WHERE p.id = found_party;
        END IF;
    ELSE
        RETURN QUERY SELECT 'unknown'::text, NULL::text, NULL::text, NULL::text, NULL::bigint, NULL::numeric;
    END IF;
    PERFORM set_config('app.cross_tenant', '', true);
END
$$;
REVOKE ALL ON FUNCTION party_reply(text, text, text, numeric, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION party_reply(text, text, text, numeric, text, timestamptz) TO fintrak_service;

-- The schedulers' claim on due work (issue 14): the tenant of one due standing reminder or held reminder, locked
-- FOR UPDATE SKIP LOCKED in the caller's transaction, which then works as that tenant (fintrak_app) and moves the
-- row on before it commits. Another scheduler skips the locked row and, after the commit, no longer finds it due.
-- A reminder left 'queued' (its publish was never confirmed) is due again a minute later; the responder sends a
-- reply id once. only_tenant (when not NULL) limits the claim to one tenant (`fintrak reminders run-due --tenant`).
-- Returns the tenant, the kind ('schedule' or 'held') and the row's id; nothing when nothing is due.
CREATE OR REPLACE FUNCTION claim_due_reminder(due_by timestamptz, only_tenant text)
RETURNS TABLE (tenant text, kind text, id bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
BEGIN
    PERFORM set_config('app.cross_tenant', 'on', true);
    RETURN QUERY SELECT s.tenant, 'schedule'::text, s.id FROM reminder_schedules s
                 WHERE s.active AND s.next_due <= due_by AND (only_tenant IS NULL OR s.tenant = only_tenant)
                 ORDER BY s.next_due LIMIT 1 FOR UPDATE SKIP LOCKED;
    IF NOT FOUND THEN
        RETURN QUERY SELECT r.tenant, 'held'::text, r.id FROM reminders r
                     WHERE (r.status = 'held' AND r.due_at <= due_by OR r.status = 'queued' AND r.due_at <= due_by - interval '1 minute')
                       AND (only_tenant IS NULL OR r.tenant = only_tenant)
                     ORDER BY r.due_at LIMIT 1 FOR UPDATE SKIP LOCKED;
    END IF;
    PERFORM set_config('app.cross_tenant', '', true);
END
$$;
REVOKE ALL ON FUNCTION claim_due_reminder(timestamptz, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION claim_due_reminder(timestamptz, text) TO fintrak_service;

-- Monthly rollups of the books (issue 17): per tenant, month, payee, category, payment method and currency, the
-- active invoices' count, taxed count, total and tax. Questions over whole months read these rows instead of every
-- bill (the view my_invoice_months). They change only with the invoices, in the same transaction: statement
-- triggers on invoices add what became active and take away what stopped being active (an edit is both, undo the
-- second); a rollup that reaches zero bills is removed, so it never shows as an empty group. fintrak_app may only
-- read them; the triggers write them as the owner (SECURITY DEFINER), whose policy here admits the rows of the
-- transaction's own tenant only (or every tenant's with app.cross_tenant on, for the backfill).
CREATE TABLE IF NOT EXISTS invoice_months (
    tenant          text NOT NULL REFERENCES tenants (tenant),
    month           date NOT NULL CHECK (extract(day FROM month) = 1),
    payee_name      text NOT NULL,
    category        text,
    payment_method  text,
    currency        char(3) NOT NULL,
    bills           integer NOT NULL CHECK (bills > 0),
    taxed           integer NOT NULL CHECK (taxed >= 0),
    total           numeric NOT NULL,
    tax             numeric NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS invoice_months_key
    ON invoice_months (tenant, month, payee_name, category, payment_method, currency) NULLS NOT DISTINCT;
ALTER TABLE invoice_months ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoice_months FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON invoice_months;
CREATE POLICY tenant_isolation ON invoice_months FOR SELECT TO fintrak_app
    USING (tenant = current_setting('app.tenant_id', true));
DO $$
BEGIN
    EXECUTE 'DROP POLICY IF EXISTS rollup_maintenance ON invoice_months';
    EXECUTE format($p$CREATE POLICY rollup_maintenance ON invoice_months TO %I
                      USING (tenant = current_setting('app.tenant_id', true) OR current_setting('app.cross_tenant', true) = 'on')
                      WITH CHECK (tenant = current_setting('app.tenant_id', true) OR current_setting('app.cross_tenant', true) = 'on')$p$,
                   current_user);
END
$$;
REVOKE ALL ON invoice_months FROM fintrak_app;
GRANT SELECT ON invoice_months TO fintrak_app;

CREATE OR REPLACE VIEW my_invoice_months WITH (security_invoker = true) AS
    SELECT month, payee_name, category, payment_method, currency, bills, taxed, total, tax FROM invoice_months;
GRANT SELECT ON my_invoice_months TO fintrak_app;

-- One function for the three triggers; each names its transition tables old_rows / new_rows.
CREATE OR REPLACE FUNCTION invoice_months_maintain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        WITH gone AS (
            SELECT tenant, date_trunc('month', invoice_date)::date AS month, payee_name, category, payment_method, currency,
                   count(*) AS bills, count(tax_amount) AS taxed, sum(total_amount) AS total,
                   coalesce(sum(tax_amount), 0) AS tax
            FROM old_rows WHERE status = 'active' GROUP BY 1, 2, 3, 4, 5, 6)
        DELETE FROM invoice_months m USING gone g
        WHERE m.tenant = g.tenant AND m.month = g.month AND m.payee_name = g.payee_name
          AND m.category IS NOT DISTINCT FROM g.category AND m.payment_method IS NOT DISTINCT FROM g.payment_method
          AND m.currency = g.currency AND m.bills = g.bills;
        WITH gone AS (
            SELECT tenant, date_trunc('month', invoice_date)::date AS month, payee_name, category, payment_method, currency,
                   count(*) AS bills, count(tax_amount) AS taxed, sum(total_amount) AS total,
                   coalesce(sum(tax_amount), 0) AS tax
            FROM old_rows WHERE status = 'active' GROUP BY 1, 2, 3, 4, 5, 6)
        UPDATE invoice_months m SET bills = m.bills - g.bills, taxed = m.taxed - g.taxed, total = m.total - g.total,
                                    tax = m.tax - g.tax
        FROM gone g
        WHERE m.tenant = g.tenant AND m.month = g.month AND m.payee_name = g.payee_name
          AND m.category IS NOT DISTINCT FROM g.category AND m.payment_method IS NOT DISTINCT FROM g.payment_method
          AND m.currency = g.currency;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO invoice_months AS m (tenant, month, payee_name, category, payment_method, currency, bills, taxed, total, tax)
        SELECT tenant, date_trunc('month', invoice_date)::date, payee_name, category, payment_method, currency,
               count(*), count(tax_amount), sum(total_amount), coalesce(sum(tax_amount), 0)
        FROM new_rows WHERE status = 'active' GROUP BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (tenant, month, payee_name, category, payment_method, currency) DO UPDATE
            SET bills = m.bills + excluded.bills, taxed = m.taxed + excluded.taxed, total = m.total + excluded.total,
                tax = m.tax + excluded.tax;
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION invoice_months_maintain() FROM PUBLIC;
CREATE OR REPLACE TRIGGER invoice_months_insert AFTER INSERT ON invoices REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION invoice_months_maintain();
CREATE OR REPLACE TRIGGER invoice_months_update AFTER UPDATE ON invoices REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION invoice_months_maintain();
CREATE OR REPLACE TRIGGER invoice_months_delete AFTER DELETE ON invoices REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION invoice_months_maintain();

-- Invoices stored before the rollups existed are summed once, when the table is still empty.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM invoice_months) THEN
        PERFORM set_config('app.cross_tenant', 'on', true);
        LOCK TABLE invoices IN SHARE ROW EXCLUSIVE MODE;
        INSERT INTO invoice_months (tenant, month, payee_name, category, payment_method, currency, bills, taxed, total, tax)
        SELECT tenant, date_trunc('month', invoice_date)::date, payee_name, category, payment_method, currency,
               count(*), count(tax_amount), sum(total_amount), coalesce(sum(tax_amount), 0)
        FROM invoices WHERE status = 'active' GROUP BY 1, 2, 3, 4, 5, 6;
        PERFORM set_config('app.cross_tenant', '', true);
    END IF;
END
$$;

-- Generated files are PNG, xlsx (zip) and PDF: already compressed, so PostgreSQL need not try again on each insert.
ALTER TABLE generated_files ALTER COLUMN bytes SET STORAGE EXTERNAL;
