"""What every exported asset must satisfy: it carries the helpline and the reporting portal, and
it keeps within its channel's limits. The problems are written for the person fixing them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .renderers import Asset, Brand


def check(asset: Asset, brand: Brand) -> list[str]:
    problems: list[str] = []
    content = asset.content
    for required, what in ((brand.helpline, _("the helpline")), (brand.portal, _("the reporting portal"))):
        if required not in content:
            problems.append(_("Missing %(what)s %(value)s.") % {"what": what, "value": required})
    for limit in asset.limits:
        if limit.over:
            problems.append(
                _("Too long: %(label)s %(value)s, the most is %(most)s.")
                % {"label": limit.label, "value": limit.value, "most": limit.most}
            )
    asset.problems = problems
    return problems


class Blocked(Exception):
    """An asset that fails its guards cannot be exported."""

    def __init__(self, asset: Asset) -> None:
        self.asset = asset
        super().__init__(f"{asset.name}: " + " ".join(asset.problems))
