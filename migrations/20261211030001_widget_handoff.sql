-- The widget's public door also tells it whether the visitor may ask for a person (the
-- "Talk to a person" action) and what to say when nobody is online: both are shown to
-- visitors anyway, so they are public fields like the name and greeting. The return type
-- changes, so the function is dropped and created again (same name, same narrow rule:
-- one assistant by id, public fields only).
DROP FUNCTION widget_assistant(uuid);

CREATE FUNCTION widget_assistant(p_assistant uuid)
RETURNS TABLE (
    tenant_id uuid, id uuid, name text, greeting text, theme jsonb,
    status assistant_status, allowed_origins text[],
    handoff_policy handoff_policy, offline_message text
)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
    SELECT a.tenant_id, a.id, a.name, a.greeting, a.theme, a.status, a.allowed_origins,
           a.handoff_policy, a.offline_message
    FROM assistants a WHERE a.id = p_assistant
$$;
REVOKE ALL ON FUNCTION widget_assistant(uuid) FROM PUBLIC;
