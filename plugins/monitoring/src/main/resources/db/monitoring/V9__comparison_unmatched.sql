-- The people a department batch names who are not in the register are most of a batch (a medical-insurance file
-- covers the whole rural population, the register a part of it): they are counted and listed, masked, and lead to
-- nothing else. They move to a table of their own, written in row order with no natural key, so that a million-row
-- batch does not pay the matched records' unique index and links for them (measured: about half the merge). A re-run
-- of the batch replaces its unmatched rows; a person registered meanwhile is then matched. No foreign key to the
-- batch: its check would cost a third of this table's insert (measured, 750,000 rows), and the rows are written only
-- by the merge, in the transaction that upserts their batch; batches are never deleted (a rollback keeps the row).
CREATE TABLE monitoring.comparison_unmatched (
  batch_id     bigint        NOT NULL,
  row_no       integer       NOT NULL,
  county_code  char(6)       NOT NULL,
  id_masked    varchar(18)   NOT NULL,
  name         varchar(30),
  risk_kind    varchar(20)   NOT NULL,
  amount       numeric(14,2) CHECK (amount >= 0),
  occurred_on  date          NOT NULL,
  description  varchar(300),
  PRIMARY KEY (batch_id, row_no)
);

INSERT INTO monitoring.comparison_unmatched (batch_id, row_no, county_code, id_masked, name, risk_kind, amount,
    occurred_on, description)
  SELECT batch_id, row_no, county_code, id_masked, name, risk_kind, amount, occurred_on, description
  FROM monitoring.comparison_record WHERE household_id IS NULL;
DELETE FROM monitoring.comparison_record WHERE household_id IS NULL;

-- A record is now always a matched one.
ALTER TABLE monitoring.comparison_record ALTER COLUMN household_id SET NOT NULL;
ALTER TABLE monitoring.comparison_record ALTER COLUMN member_id SET NOT NULL;
