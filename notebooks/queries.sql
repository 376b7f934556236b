-- Example queries over Parley's tables: an analyst's starting points.
--
-- Each query has a name line (-- name: ...) and a comment saying what it answers. Tables are named
-- as in the output folder: from a notebook, parley_query.sql() has them as views; in Spark SQL
-- use delta.`OUT/term_stats` (or register temp views); in DuckDB delta_scan('OUT/term_stats').
-- The queries are written in the SQL that DuckDB and Spark SQL share, and CI runs every one in
-- both engines on the same output and checks that the answers agree (QueriesIT).
-- Literal values ('russia', 'sentence') are the parameters to change.

-- name: top_phrases_this_month
-- The most used phrases of the latest month in the corpus, by the share of that month's articles.
SELECT t.period_start, t.term, t.doc_count, round(t.share, 4) AS share
FROM term_trends t
WHERE t.period = 'month' AND t.ngram > 1
  AND t.period_start = (SELECT max(period_start) FROM term_trends WHERE period = 'month')
ORDER BY t.doc_count DESC, t.term
LIMIT 10;

-- name: actor_partners
-- An actor's strongest partners: the actors named in the same sentence as it, by NPMI,
-- among pairs named together in at least 5 sentences (NPMI favours rare pairs).
SELECT CASE WHEN c.actor_a = 'russia' THEN c.actor_b ELSE c.actor_a END AS partner,
       c.pair_count, c.article_count, round(c.npmi, 3) AS npmi
FROM actor_comentions c
WHERE c.unit = 'sentence' AND (c.actor_a = 'russia' OR c.actor_b = 'russia') AND c.pair_count >= 5
ORDER BY npmi DESC, partner
LIMIT 10;

-- name: topic_share_by_week
-- Each topic's share of the articles per week (the selected model), labelled by its top terms.
SELECT w.period_start AS week, w.topic_id, p.label, w.article_count, round(w.share, 4) AS share
FROM topic_trends w
JOIN topics p ON p.model_id = w.model_id AND p.topic_id = w.topic_id
WHERE w.period = 'week'
ORDER BY week, w.topic_id;

-- name: quotes_by_speaker
-- Who is quoted most: quotes per speaker (a dictionary actor, or the words naming an unknown one),
-- with the articles they appear in and the first and last date.
SELECT coalesce(q.speaker_actor_id, lower(q.speaker_surface)) AS speaker,
       q.speaker_actor_id IS NOT NULL AS in_dictionary,
       count(*) AS quotes, count(DISTINCT q.article_id) AS articles,
       min(q.published_date) AS first_date, max(q.published_date) AS last_date
FROM quotes q
WHERE q.speaker_actor_id IS NOT NULL OR q.speaker_surface IS NOT NULL
GROUP BY 1, 2
ORDER BY quotes DESC, speaker
LIMIT 15;

-- name: names_the_dictionary_lacks
-- Frequent names that no dictionary entry matches: candidates for conf/actors.yaml.
SELECT a.surface, a.guessed_type, a.mention_count, a.article_count, a.first_date, a.last_date
FROM actor_candidates a
ORDER BY a.mention_count DESC, a.surface
LIMIT 15;

-- name: tfidf_of_an_article
-- The terms that characterise one article: tf * idf, joining term_stats (idf changes as the
-- corpus grows, so article_terms does not store it). The article: the corpus's longest.
SELECT a.term, a.count, round(a.tf * s.idf, 4) AS tfidf
FROM article_terms a
JOIN term_stats s ON s.term = a.term AND s.ngram = a.ngram
WHERE a.article_id = (SELECT article_id FROM articles ORDER BY n_tokens DESC, article_id LIMIT 1)
ORDER BY tfidf DESC, a.term
LIMIT 10;
