-- Servers keep recently read sessions for a few seconds (security.session.cacheSeconds). Any change to an account
-- (disabled, roles, county, plugins, password, second factor) or to a session's revocation is announced on the
-- channel zx_session_change with the account id when its transaction commits, so every server process forgets that
-- account's sessions at once, whoever made the change: a server, a tool, or a statement typed by hand.
-- A session's routine last_seen_at update is not announced (it changes nothing a cached session is trusted for).

CREATE FUNCTION core.announce_session_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- TG_ARGV[0]: the column holding the account id (account.id, session.account_id).
  PERFORM pg_notify('zx_session_change', to_jsonb(OLD) ->> TG_ARGV[0]);
  RETURN NULL;
END
$$;

CREATE TRIGGER account_changed AFTER UPDATE OR DELETE ON core.account
  FOR EACH ROW EXECUTE FUNCTION core.announce_session_change('id');

CREATE TRIGGER session_revoked AFTER UPDATE OF revoked_at, account_id, expires_at ON core.session
  FOR EACH ROW WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.account_id <> NEW.account_id
    OR OLD.expires_at <> NEW.expires_at)
  EXECUTE FUNCTION core.announce_session_change('account_id');

CREATE TRIGGER session_deleted AFTER DELETE ON core.session
  FOR EACH ROW EXECUTE FUNCTION core.announce_session_change('account_id');
