-- Change notifications for the decision point's in-memory view of live grants
-- (lib/api/live-view.ts). Triggers, not the application, send them: every write reaches the
-- view — commands, bulk statements, COPY, a hand-run UPDATE — and each is delivered when its
-- transaction commits, never before. Payloads: `c:<consumer id>` (the consumer's grants, scopes,
-- status or credentials changed), `a:<api id>` (the API, its scopes or its operations changed),
-- `n` (an identity, address or record name changed), `t` (API tokens, below) and `*` (forget
-- everything).

-- One notification per distinct payload and transaction (PostgreSQL folds repeats), and past 200
-- in one transaction a single `*` stands for the rest: so a bulk write never floods listeners.
CREATE FUNCTION scopeward_live_notify(payload text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  sent integer := coalesce(nullif(current_setting('scopeward.live_sent', true), ''), '0')::integer;
BEGIN
  IF sent < 200 THEN
    PERFORM pg_notify('scopeward_live', payload);
  ELSIF sent = 200 THEN
    PERFORM pg_notify('scopeward_live', '*');
  END IF;
  PERFORM set_config('scopeward.live_sent', (sent + 1)::text, true);
END $$;

-- TG_ARGV[0] is the payload's prefix, and TG_ARGV[1], when given, the column whose value follows it.
CREATE FUNCTION scopeward_live_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_NARGS = 1 THEN
    PERFORM scopeward_live_notify(TG_ARGV[0]);
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM scopeward_live_notify(TG_ARGV[0] || (to_jsonb(OLD) ->> TG_ARGV[1]));
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM scopeward_live_notify(TG_ARGV[0] || (to_jsonb(NEW) ->> TG_ARGV[1]));
  END IF;
  RETURN NULL;
END $$;

-- A grant's scopes belong to the grant's consumer. When the grant itself is deleted, its own
-- trigger has told already.
CREATE FUNCTION scopeward_live_grant_scope() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM scopeward_live_notify('c:' || g."consumerId") FROM "Grant" g WHERE g.id = OLD."grantId";
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM scopeward_live_notify('c:' || g."consumerId") FROM "Grant" g WHERE g.id = NEW."grantId";
  END IF;
  RETURN NULL;
END $$;

-- A credential serves the consumers it is linked to.
CREATE FUNCTION scopeward_live_credential() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM scopeward_live_notify('c:' || cc."consumerId") FROM "ConsumerCredential" cc WHERE cc."credentialId" = OLD.id;
  RETURN NULL;
END $$;

-- Updates tell only when a column a decision reads changed: recording last use (every
-- event ingested) or a review date changes nothing a decision answers.
CREATE TRIGGER scopeward_live AFTER INSERT OR DELETE ON "Grant"
  FOR EACH ROW EXECUTE FUNCTION scopeward_live_row('c:', 'consumerId');
CREATE TRIGGER scopeward_live_update AFTER UPDATE ON "Grant" FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD."expiresAt" IS DISTINCT FROM NEW."expiresAt"
    OR OLD."consumerId" IS DISTINCT FROM NEW."consumerId" OR OLD."apiId" IS DISTINCT FROM NEW."apiId")
  EXECUTE FUNCTION scopeward_live_row('c:', 'consumerId');

CREATE TRIGGER scopeward_live AFTER INSERT OR DELETE ON "GrantScope"
  FOR EACH ROW EXECUTE FUNCTION scopeward_live_grant_scope();
CREATE TRIGGER scopeward_live_update AFTER UPDATE ON "GrantScope" FOR EACH ROW
  WHEN (OLD."expiresAt" IS DISTINCT FROM NEW."expiresAt" OR OLD."scopeId" IS DISTINCT FROM NEW."scopeId"
    OR OLD."grantId" IS DISTINCT FROM NEW."grantId")
  EXECUTE FUNCTION scopeward_live_grant_scope();

CREATE TRIGGER scopeward_live AFTER INSERT OR DELETE ON "Consumer"
  FOR EACH ROW EXECUTE FUNCTION scopeward_live_row('c:', 'id');
CREATE TRIGGER scopeward_live_names AFTER INSERT OR DELETE ON "Consumer"
  FOR EACH ROW EXECUTE FUNCTION scopeward_live_row('n');
CREATE TRIGGER scopeward_live_update AFTER UPDATE ON "Consumer" FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.kind IS DISTINCT FROM NEW.kind OR OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION scopeward_live_row('c:', 'id');

CREATE TRIGGER scopeward_live AFTER INSERT OR DELETE OR UPDATE ON "ConsumerCredential"
  FOR EACH ROW EXECUTE FUNCTION scopeward_live_row('c:', 'consumerId');
CREATE TRIGGER scopeward_live AFTER DELETE ON "Credential"
  FOR EACH ROW EXECUTE FUNCTION scopeward_live_credential();
CREATE TRIGGER scopeward_live_update AFTER UPDATE ON "Credential" FOR EACH ROW
  WHEN (OLD."revokedAt" IS DISTINCT FROM NEW."revokedAt" OR OLD."expiresAt" IS DISTINCT FROM NEW."expiresAt"
    OR OLD."leakedAt" IS DISTINCT FROM NEW."leakedAt")
  EXECUTE FUNCTION scopeward_live_credential();

CREATE TRIGGER scopeward_live AFTER INSERT OR DELETE OR UPDATE ON "ConsumerIdentity"
  FOR EACH ROW EXECUTE FUNCTION scopeward_live_row('n');

CREATE TRIGGER scopeward_live AFTER INSERT OR DELETE ON "Api"
  FOR EACH ROW EXECUTE FUNCTION scopeward_live_row('a:', 'id');
CREATE TRIGGER scopeward_live_names AFTER INSERT OR DELETE ON "Api"
  FOR EACH ROW EXECUTE FUNCTION scopeward_live_row('n');
CREATE TRIGGER scopeward_live_update AFTER UPDATE ON "Api" FOR EACH ROW
  WHEN (OLD.lifecycle IS DISTINCT FROM NEW.lifecycle OR OLD."updatedAt" IS DISTINCT FROM NEW."updatedAt")
  EXECUTE FUNCTION scopeward_live_row('a:', 'id');
CREATE TRIGGER scopeward_live_names_update AFTER UPDATE ON "Api" FOR EACH ROW
  WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION scopeward_live_row('n');

CREATE TRIGGER scopeward_live AFTER INSERT OR DELETE OR UPDATE ON "ApiAddress"
  FOR EACH ROW EXECUTE FUNCTION scopeward_live_row('n');

CREATE TRIGGER scopeward_live AFTER INSERT OR DELETE OR UPDATE ON "Scope"
  FOR EACH ROW EXECUTE FUNCTION scopeward_live_row('a:', 'apiId');
CREATE TRIGGER scopeward_live AFTER INSERT OR DELETE OR UPDATE ON "ApiOperation"
  FOR EACH ROW EXECUTE FUNCTION scopeward_live_row('a:', 'apiId');

-- Console API tokens, as every call to the decision point authenticates: `t` (a token, its
-- creator's standing or roles changed). Recording a token's or a person's last use does not tell.
CREATE TRIGGER scopeward_live AFTER INSERT OR DELETE ON "ApiToken"
  FOR EACH ROW EXECUTE FUNCTION scopeward_live_row('t');
CREATE TRIGGER scopeward_live_update AFTER UPDATE ON "ApiToken" FOR EACH ROW
  WHEN (OLD."revokedAt" IS DISTINCT FROM NEW."revokedAt" OR OLD."expiresAt" IS DISTINCT FROM NEW."expiresAt"
    OR OLD.scopes IS DISTINCT FROM NEW.scopes OR OLD."createdById" IS DISTINCT FROM NEW."createdById"
    OR OLD."tokenHash" IS DISTINCT FROM NEW."tokenHash" OR OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION scopeward_live_row('t');
CREATE TRIGGER scopeward_live AFTER DELETE ON "User"
  FOR EACH ROW EXECUTE FUNCTION scopeward_live_row('t');
CREATE TRIGGER scopeward_live_update AFTER UPDATE ON "User" FOR EACH ROW
  WHEN (OLD.active IS DISTINCT FROM NEW.active OR OLD.email IS DISTINCT FROM NEW.email OR OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION scopeward_live_row('t');
CREATE TRIGGER scopeward_live AFTER INSERT OR DELETE OR UPDATE ON "UserRoleGrant"
  FOR EACH ROW EXECUTE FUNCTION scopeward_live_row('t');
