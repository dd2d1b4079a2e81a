-- Accounts, sessions and failed-login bookkeeping (issue 3).
-- Usernames are stored lower-case (the application lower-cases every name it is given), so logins and lockout
-- counting are case-insensitive without an extension. All times come from the server's clock, never now().

CREATE TABLE core.account (
  id                   bigserial   PRIMARY KEY,
  username             text        NOT NULL UNIQUE
                                   CHECK (username = lower(username) AND username ~ '^[a-z0-9][a-z0-9._@-]{1,63}$'),
  display_name         text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
  -- 140700 (the city) for city accounts.
  county_code          char(6)     NOT NULL REFERENCES core.county (code),
  roles                text[]      NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['city_admin',
                                   'city_viewer', 'county_admin', 'county_staff', 'auditor', 'security_admin']),
  -- Plugins granted to county staff.
  plugins              text[]      NOT NULL DEFAULT '{}',
  disabled             boolean     NOT NULL DEFAULT false,
  -- Argon2id in the PHC string format: parameters, salt and hash in one value.
  password_hash        text        NOT NULL,
  password_changed_at  timestamptz NOT NULL,
  -- Set when an administrator chose the password (creation, reset): the next session may only change it.
  must_change_password boolean     NOT NULL,
  locked_until         timestamptz,
  -- AES-GCM sealed (see SecretBox), never in clear; pending until totp_enabled.
  totp_secret          text,
  totp_enabled         boolean     NOT NULL DEFAULT false,
  -- The step of the last accepted code: a code is good once.
  totp_last_step       bigint,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  CHECK (NOT totp_enabled OR totp_secret IS NOT NULL),
  -- Separation of the three administrative powers: system administration, security administration, audit.
  CHECK ((CASE WHEN roles && ARRAY['city_admin', 'county_admin'] THEN 1 ELSE 0 END)
       + (CASE WHEN 'security_admin' = ANY (roles) THEN 1 ELSE 0 END)
       + (CASE WHEN 'auditor' = ANY (roles) THEN 1 ELSE 0 END) <= 1)
);
CREATE INDEX account_county ON core.account (county_code, username);

-- Failed logins of existing accounts inside the counting window (older rows are pruned as new ones arrive; rows
-- are removed when the account locks, logs in or is unlocked).
CREATE TABLE core.login_failure (
  account_id bigint      NOT NULL REFERENCES core.account (id) ON DELETE CASCADE,
  failed_at  timestamptz NOT NULL
);
CREATE INDEX login_failure_account ON core.login_failure (account_id, failed_at);

-- Sessions. Only the SHA-256 of the bearer token is stored: a copy of this table logs nobody in.
CREATE TABLE core.session (
  token_hash   bytea       PRIMARY KEY CHECK (length(token_hash) = 32),
  account_id   bigint      NOT NULL REFERENCES core.account (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL,
  -- Updated at most every 30 s per session, so a busy client does not write on every request.
  last_seen_at timestamptz NOT NULL,
  -- The absolute end; the idle end is last_seen_at + the configured idle time.
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  ip           text
);
CREATE INDEX session_account ON core.session (account_id);
