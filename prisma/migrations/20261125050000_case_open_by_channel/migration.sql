-- The queue shows the open cases by default, so a channel filter is now "open cases of this
-- channel": a partial index on open cases by channel, in the default order, lets the page and
-- its capped count read only those (case_channel_needs reads every case of the channel, all
-- statuses, and checks each one's status). docs/decisions/0016.
CREATE INDEX case_open_by_channel ON "Case"("tenantId", "channelKey", "priorityScore" DESC, "receivedAt", "id")
  WHERE "status" IN ('NEW', 'IN_REVIEW', 'AWAITING_INFORMATION');
