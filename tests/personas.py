"""Fixed people for the tests, each with one posting (STYLE.md: healthchecks-style personas).

Jaipur is "our" district; Ajmer is "another district".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from sajag.accounts.models import Posting, Role, User
from sajag.geo.models import Department, District

PASSWORD = "persona-pass-2026"
_HASH = None


@dataclass(frozen=True)
class Persona:
    key: str
    role: str | None
    department: str | None = None
    district: str | None = None


PERSONAS = [
    Persona("state", Role.STATE_NODAL, "home"),
    Persona("ipr_nodal", Role.DEPT_NODAL, "ipr"),
    Persona("energy_nodal", Role.DEPT_NODAL, "energy"),
    Persona("collector", Role.COLLECTOR, district="jaipur"),
    Persona("sp", Role.SP, district="jaipur"),
    Persona("dpro", Role.DISTRICT_OFFICER, "ipr", "jaipur"),
    Persona("discom", Role.DISTRICT_OFFICER, "energy", "jaipur"),
    Persona("field", Role.FIELD_STAFF, "ipr", "jaipur"),
    Persona("viewer", Role.VIEWER),
    Persona("other_collector", Role.COLLECTOR, district="ajmer"),
    Persona("other_dpro", Role.DISTRICT_OFFICER, "ipr", "ajmer"),
    Persona("no_posting", None),
]

# Every persona's key, for the permission tests that try each of them (plus "anonymous").
ALL = [p.key for p in PERSONAS]


def make_personas() -> dict[str, User]:
    global _HASH
    _HASH = _HASH or make_password(PASSWORD)
    users = {}
    for p in PERSONAS:
        user = User.objects.create(username=f"t.{p.key}", password=_HASH, first_name=p.key)
        if p.role:
            Posting.objects.create(
                user=user,
                role=p.role,
                department=Department.objects.get(code=p.department) if p.department else None,
                district=District.objects.get(code=p.district) if p.district else None,
            )
        users[p.key] = user
    return users
