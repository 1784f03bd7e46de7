-- PostgreSQL only: change notifications for the decision point's in-memory view of live grants
-- (lib/api/live-view.ts). On SQLite every decision reads the file itself, so there is nothing to tell.
SELECT 1;
