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
                             'inbound_dead_letters',
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
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO fintrak_app;

-- A provider's delivery report, recorded on the outbound message it names. It spans tenants (the report names the
-- provider's message id, and maybe the recipient), so it runs as the owner, and does this one UPDATE only: on the
-- row with that provider and provider id (and that recipient, when named), the delivery columns only, unless the
-- recorded status is one of `later_statuses`. Answers 'recorded', 'stale' (a later status is recorded) or 'unknown'.
CREATE OR REPLACE FUNCTION record_delivery_status(provider_name text, provider_id text, recipient text,
                                                  new_status text, error_text text, later_statuses text[])
RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    outcome text := 'unknown';
BEGIN
    -- Set here rather than with the function's SET clause, which only a superuser may use for app.* settings.
    PERFORM set_config('app.cross_tenant', 'on', true);
    UPDATE outbound_messages SET delivery_status = new_status, last_error = coalesce(error_text, last_error),
                                 updated_at = now()
    WHERE provider = provider_name AND provider_sid = provider_id AND (recipient IS NULL OR tenant = recipient)
      AND NOT (lower(coalesce(delivery_status, '')) = ANY (later_statuses));
    IF FOUND THEN
        outcome := 'recorded';
    ELSE
        PERFORM 1 FROM outbound_messages
        WHERE provider = provider_name AND provider_sid = provider_id AND (recipient IS NULL OR tenant = recipient);
        IF FOUND THEN
            outcome := 'stale';
        END IF;
    END IF;
    PERFORM set_config('app.cross_tenant', '', true);
    RETURN outcome;
END
$$;
REVOKE ALL ON FUNCTION record_delivery_status(text, text, text, text, text, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION record_delivery_status(text, text, text, text, text, text[]) TO fintrak_service;
