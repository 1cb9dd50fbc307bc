-- Search keys: every pair of adjacent characters of a task's lower-cased title and
-- description, each text with an end mark, as the lexemes of a tsvector in one GIN
-- index. Trigrams (V2) could not serve a term of one or two characters, nor one of
-- punctuation only, and each such search read every task. Every term has keys here: its
-- pairs, or, for a term of one character, every pair that starts with it (a prefix
-- search in the index; thanks to the end mark, every character of a text starts a pair).
-- ILIKE still decides each match. This one index replaces the two trigram indexes.
--
-- Characters fold the way ILIKE folds them (lower()). Pairs come from two passes that cut
-- the text after every second character, from the first and from the second, with U+0001
-- as the cut and U+0003 as the end mark; U+0001 and U+0003 in a text or a term are read
-- as U+0002 first, so neither can be mistaken for the other. The passes leave the end
-- mark alone as a piece, and an empty string, which is dropped.
--
-- The functions are plain expressions and not STRICT, so that PostgreSQL inlines them into
-- the index expression: called as SQL functions, their set-up on every INSERT statement
-- cost more than the rest of the index (docs/design/search.md).

CREATE FUNCTION search_lower(text_value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN translate(lower(text_value), E'\x01\x03', E'\x02\x02');

CREATE FUNCTION search_pairs(folded text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN string_to_array(regexp_replace(folded, '(..)', E'\\1\x01', 'g'), E'\x01')
        || string_to_array(regexp_replace(substr(folded, 2), '(..)', E'\\1\x01', 'g'), E'\x01');

-- What the index holds for a task.
CREATE FUNCTION task_search_keys(title text, description text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN array_to_tsvector(array_remove(search_pairs(search_lower(title) || E'\x03')
        || coalesce(search_pairs(search_lower(description) || E'\x03'), '{}'), ''));

-- A lexeme as tsquery input reads it: quoted, with quotes doubled and backslashes escaped.
CREATE FUNCTION search_lexeme(lexeme text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN '''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || '''';

-- What a task must hold to contain a term: all of the term's pairs, or a pair starting
-- with its one character. PARALLEL UNSAFE on purpose: it keeps a search out of parallel
-- plans, whose workers take longer to start than the whole search takes
-- (docs/design/search.md).
CREATE FUNCTION term_search_query(term text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE STRICT PARALLEL UNSAFE
    RETURN CASE
        WHEN char_length(term) = 1 THEN (search_lexeme(search_lower(term)) || ':*')::tsquery
        ELSE array_to_string(ARRAY(
            SELECT search_lexeme(pair) FROM unnest(search_pairs(search_lower(term))) AS pair
            WHERE char_length(pair) = 2), ' & ')::tsquery
    END;

CREATE INDEX tasks_search_keys_idx ON tasks USING gin (task_search_keys(title, description))
    WITH (fastupdate = on, gin_pending_list_limit = 64);

DROP INDEX tasks_title_trgm_idx;
DROP INDEX tasks_description_trgm_idx;
