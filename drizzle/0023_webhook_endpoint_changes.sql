-- Each instance remembers which events some enabled webhook endpoint wants, so that the hot paths send no
-- statement for an event nobody subscribes to (docs/decisions.md, "Outbound webhooks"). A change of the
-- endpoints is announced like a change of public content (migration 0012): the sequence advances and
-- content_changed is notified, and every instance forgets what it remembered within about a second.
CREATE TRIGGER webhook_endpoints_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON webhook_endpoints
  FOR EACH STATEMENT EXECUTE FUNCTION aiw_content_changed();
