-- A department batch writes up to a million records in one statement; measured on such a batch, the foreign-key
-- checks of member_id and household_id (a row lock on the referenced row each) and the partial index of unmatched
-- records (read by no query: the counts live on the batch) made up about a third of the merge. Members and households
-- are never deleted (the register keeps its records, with history), so the references cannot dangle; the record
-- keeps the ids it matched as the fact of that comparison.
ALTER TABLE monitoring.comparison_record DROP CONSTRAINT comparison_record_member_id_fkey;
ALTER TABLE monitoring.comparison_record DROP CONSTRAINT comparison_record_household_id_fkey;
DROP INDEX monitoring.comparison_record_unmatched;
