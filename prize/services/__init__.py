"""Use cases: each checks the actor's permission, changes state and audits it.
Services flush but never commit; ``prize.db.session_scope`` ends the transaction."""
