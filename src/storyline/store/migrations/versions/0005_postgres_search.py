"""Relevance-ranked search on PostgreSQL: a weighted tsvector per analysis, kept by a trigger, GIN-indexed.

Why: SQLite ranks search hits with FTS5's BM25 (migration 0002); the server had no index at all, so
its search matched ``lemma_text`` with ``LIKE`` (a scan of every analysis) and listed the matches
newest first, not best first. PostgreSQL's own full-text search does both jobs: ``search_vector``
holds the title's lemmas with weight A and all lemmas with weight D, ``ts_rank`` weighs them like
the SQLite index's column weights, and a GIN index answers the match without a scan.

The ``simple`` text-search configuration only lower-cases and splits words: the lemmas are already
normalised by the analysis, and a language's stemmer would undo pymorphy's work (and mangle
Ukrainian with the Russian one). The vector is built by a trigger rather than a generated column
because the title's lemmas need the article's title length (a generated column cannot read another
table), the same rule the SQLite trigger applies; existing rows are filled when the column is added.

SQLite needs nothing (FTS5 is its index), so this migration does nothing there.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

FUNCTION = """
CREATE OR REPLACE FUNCTION storyline_search_vector() RETURNS trigger AS $$
DECLARE
    title_length integer;
    title_lemmas text;
BEGIN
    SELECT length(a.title) INTO title_length FROM articles AS a WHERE a.id = NEW.article_id;
    SELECT string_agg(t->>'lemma', ' ') INTO title_lemmas
      FROM json_array_elements(
               CASE WHEN json_typeof(NEW.data->'tokens') = 'array' THEN NEW.data->'tokens' ELSE '[]'::json END
           ) AS t
     WHERE (t->>'end')::integer <= coalesce(title_length, 0)
       AND coalesce(t->>'pos', '') <> 'PUNCT';
    NEW.search_vector :=
        setweight(to_tsvector('simple', coalesce(title_lemmas, '')), 'A')
        || setweight(to_tsvector('simple', coalesce(NEW.lemma_text, '')), 'D');
    RETURN NEW;
END
$$ LANGUAGE plpgsql
"""

STATEMENTS = [
    "ALTER TABLE analyses ADD COLUMN search_vector tsvector",
    FUNCTION,
    "CREATE TRIGGER analyses_search_vector BEFORE INSERT OR UPDATE ON analyses "
    "FOR EACH ROW EXECUTE FUNCTION storyline_search_vector()",
    "UPDATE analyses SET lemma_text = lemma_text",  # fills the vector of rows stored before
    "CREATE INDEX ix_analyses_search_vector ON analyses USING gin (search_vector)",
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_analyses_search_vector")
    op.execute("DROP TRIGGER IF EXISTS analyses_search_vector ON analyses")
    op.execute("DROP FUNCTION IF EXISTS storyline_search_vector()")
    op.execute("ALTER TABLE analyses DROP COLUMN IF EXISTS search_vector")
