-- Search keys: every character and every pair of adjacent characters of a task's
-- lower-cased title and description, in one GIN index. Trigrams (V2) could not serve a
-- term of one or two characters, nor one of punctuation only, and each such search read
-- every task. Any term's pairs (or its one character) are keys here, so every search can
-- start from the index; ILIKE still decides each match. This one index replaces the two
-- trigram indexes, so a write updates one GIN index, not two.
--
-- Characters fold the way ILIKE folds them (lower()). Pairs come from two passes that cut
-- the text after every second character, from the first and from the second, with U+0001
-- as the cut; a U+0001 in the text is read as U+0002 first, on both sides of a search,
-- so the cut can never split a real pair. The pieces include a last lone character and
-- an empty string, which are harmless keys.
--
-- The functions are plain expressions and not STRICT, so that PostgreSQL inlines them into
-- the index expression: called as SQL functions, their set-up on every INSERT statement
-- cost more than the rest of the index (docs/design/search.md).

CREATE FUNCTION search_fold(text_value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN replace(lower(text_value), E'\x01', E'\x02');

CREATE FUNCTION search_pairs(folded text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN string_to_array(regexp_replace(folded, '(..)', E'\\1\x01', 'g'), E'\x01')
        || string_to_array(regexp_replace(substr(folded, 2), '(..)', E'\\1\x01', 'g'), E'\x01');

-- What the index holds for a task.
CREATE FUNCTION task_search_keys(title text, description text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN string_to_array(search_fold(title), NULL) || search_pairs(search_fold(title))
        || coalesce(string_to_array(search_fold(description), NULL) || search_pairs(search_fold(description)), '{}');

-- What a task must hold to contain a term: the term's pairs, or its one character.
-- PARALLEL UNSAFE on purpose: it keeps a search out of parallel plans, whose workers
-- take longer to start than the whole search takes (docs/design/search.md).
CREATE FUNCTION term_search_keys(term text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL UNSAFE
    RETURN array_remove(search_pairs(search_fold(term)), '');

CREATE INDEX tasks_search_keys_idx ON tasks USING gin (task_search_keys(title, description))
    WITH (fastupdate = on, gin_pending_list_limit = 64);

DROP INDEX tasks_title_trgm_idx;
DROP INDEX tasks_description_trgm_idx;
