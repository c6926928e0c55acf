/* Coverage map: districts coloured by estimated reach. */
(function () {
  "use strict";
  var el = document.getElementById("reach-map");
  if (!el || !window.L) return;
  var map = L.map(el, { zoomSnap: 0.25 }).setView([26.6, 73.8], 6);
  map.attributionControl.addAttribution(el.dataset.attribution);
  Promise.all([fetch(el.dataset.districts).then(function (r) { return r.json(); }),
               fetch(el.dataset.reach, { credentials: "same-origin" }).then(function (r) { return r.json(); })])
    .then(function (both) {
      var geo = both[0], reach = both[1];
      var layer = L.geoJSON(geo, {
        style: function (f) { var d = reach[f.properties.code] || {}; return { color: "#fff", weight: 1, fillColor: d.colour || "#fde6d2", fillOpacity: 0.85 }; },
        onEachFeature: function (f, lyr) {
          var d = reach[f.properties.code]; if (!d) return;
          lyr.bindTooltip(d.name + ": " + Math.round(d.combined * 100) + "% (" + Math.round(d.lower * 100) + "–" + Math.round(d.upper * 100) + "%) · " + d.population + (d.estimated_population ? " *" : ""));
          if (d.label) L.tooltip({ permanent: true, direction: "center", className: "district-label" }).setLatLng(d.label).setContent(d.name).addTo(map);
        }
      }).addTo(map);
      map.fitBounds(layer.getBounds());
      el.dataset.loaded = "1";
    });
})();
