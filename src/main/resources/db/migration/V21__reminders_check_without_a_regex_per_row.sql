-- The check that a reminder before the due has a due (V14) ran array_to_string and a
-- regular expression on every insert and update of a task, though nearly every task has
-- no reminders at all. Asked first, cardinality(reminders) = 0 settles those rows. The
-- rule is the same, so every row that passed the old check passes this one: it is
-- validated in the same migration (docs/performance.md, "The reminders check").
ALTER TABLE tasks DROP CONSTRAINT tasks_reminders_before_need_due;
ALTER TABLE tasks ADD CONSTRAINT tasks_reminders_before_need_due
    CHECK (due_sort IS NOT NULL OR cardinality(reminders) = 0 OR array_to_string(reminders, ' ') !~ '(^| )-?P')
    NOT VALID;
ALTER TABLE tasks VALIDATE CONSTRAINT tasks_reminders_before_need_due;
