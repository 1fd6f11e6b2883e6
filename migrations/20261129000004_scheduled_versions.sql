-- A published version may take effect later: it is frozen at publication
-- but stays "scheduled" until its effective date, when it becomes the
-- current ("published") version. A new enum value cannot be used in the
-- transaction that adds it, so this migration only adds it.
alter type version_status add value if not exists 'scheduled' after 'draft';
