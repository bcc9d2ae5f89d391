-- Trigram matching for typo-tolerant product search in every tenant schema. pg_trgm is a
-- trusted extension: the database owner (the app's login role) may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
