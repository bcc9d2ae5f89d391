-- ADR 0026: typo candidates come from the catalog's own words, kept in this list (no unique key:
-- concurrent writers adding the same new word never wait for each other). It replaces the
-- trigram index and the search_text column it indexed.
CREATE TABLE "tenant_template"."search_words" (
	"word" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "search_words_word_idx" ON "tenant_template"."search_words" USING btree ("word");--> statement-breakpoint
-- The words of the products already indexed: letters with inner hyphens, 3 to 40 characters
-- (the same rule as reindexProductsTx, packages/core/src/search/reindex-products-tx.ts).
INSERT INTO "tenant_template"."search_words" ("word")
SELECT DISTINCT w.word
FROM "tenant_template"."products" p
CROSS JOIN unnest(tsvector_to_array(p."search_document")) AS w(word)
WHERE p."search_document" IS NOT NULL
	AND length(w.word) BETWEEN 3 AND 40
	AND w.word ~ '^[^[:digit:][:punct:][:space:]]+(-[^[:digit:][:punct:][:space:]]+)*$';--> statement-breakpoint
DROP INDEX "tenant_template"."products_search_text_idx";--> statement-breakpoint
ALTER TABLE "tenant_template"."products" DROP COLUMN "search_text";
