-- Erasure's pseudonymisation of audit_log as the one way to change an audit entry. SECURITY DEFINER: the
-- function runs with the rights of its owner (the role that runs the migrations, which owns audit_log), so
-- the application role needs no UPDATE on audit_log at all, only EXECUTE on this function (granted by
-- `npm run db:migrate` when an application role is named; PUBLIC gets nothing). The append-only trigger of
-- 0003 still applies: the function turns aiw.audit_pseudonymise on for its own UPDATE and off again.
-- The arguments are checked because whoever may execute the function chooses them: only an existing user's id
-- together with that user's address, and a pseudonym as erase.ts makes them (an empty or one-letter "id"
-- would otherwise rewrite every entry).
CREATE OR REPLACE FUNCTION aiw_pseudonymise_audit(p_user_id text, p_email text, p_pseudonym text)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = public, pg_temp
AS $fn$
DECLARE
  v_email text := lower(p_email);
  v_changed integer;
BEGIN
  IF p_pseudonym IS NULL OR p_pseudonym !~ '^erased-[0-9a-f]{16}$' THEN
    RAISE EXCEPTION 'aiw_pseudonymise_audit: the pseudonym must be erased-<16 hex digits>' USING ERRCODE = '22023';
  END IF;
  IF p_user_id IS NULL OR v_email IS NULL OR v_email = ''
     OR NOT EXISTS (SELECT 1 FROM users WHERE id = p_user_id AND lower(email) = v_email) THEN
    RAISE EXCEPTION 'aiw_pseudonymise_audit: no user has this id and address' USING ERRCODE = '22023';
  END IF;
  PERFORM set_config('aiw.audit_pseudonymise', 'on', true);
  -- The address is matched as a literal, case-insensitively ('q' flag, ***= director).
  UPDATE audit_log SET
    actor_id = CASE WHEN actor_id = p_user_id THEN p_pseudonym ELSE actor_id END,
    entity_id = CASE WHEN entity_id = p_user_id THEN p_pseudonym ELSE entity_id END,
    before = regexp_replace(replace(before::text, p_user_id, p_pseudonym), v_email, p_pseudonym, 'giq')::jsonb,
    after = regexp_replace(replace(after::text, p_user_id, p_pseudonym), v_email, p_pseudonym, 'giq')::jsonb,
    ip = NULL
  WHERE actor_id = p_user_id OR entity_id = p_user_id
     OR strpos(before::text, p_user_id) > 0 OR strpos(after::text, p_user_id) > 0
     OR before::text ~* ('***=' || v_email) OR after::text ~* ('***=' || v_email);
  GET DIAGNOSTICS v_changed = ROW_COUNT;
  PERFORM set_config('aiw.audit_pseudonymise', 'off', true);
  RETURN v_changed;
END;
$fn$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION aiw_pseudonymise_audit(text, text, text) FROM PUBLIC;
