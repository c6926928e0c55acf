"""Who may do what in the materials studio (django-rules)."""

import rules

from sajag.accounts.rules import has_any_posting, is_state_nodal

# Every officer with a posting previews and downloads; only the state nodal officer changes
# what the campaign says, and the bill formats.
rules.add_perm("materials.use_studio", has_any_posting)
rules.add_perm("materials.edit_messages", is_state_nodal)
for model in ("topic", "messageversion", "billformat"):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"materials.{action}_{model}", is_state_nodal)
