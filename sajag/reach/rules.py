import rules

from sajag.accounts.rules import is_state_nodal

rules.add_perm("reach.change_assumptions", is_state_nodal)
