-- "Items I completed" (已办): the work items a person closed, newest first, on the keyset order the list pages by.
CREATE INDEX case_work_items_closed_by_idx ON case_work_items (closed_by, closed_at DESC, case_id DESC, item_id DESC)
  WHERE status = 'completed';
