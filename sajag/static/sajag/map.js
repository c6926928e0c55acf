/* Sajag map: district boundaries and the hoardings and meetings that have a location. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) return;
  var colours = { pending: "#5f6b76", reported: "#0b5cad", verified: "#1e6b34", returned: "#8a4b00" };
  var map = L.map(el, { attributionControl: true }).setView([26.6, 73.8], 6);
  map.attributionControl.addAttribution(el.dataset.attribution);
  fetch(el.dataset.districts).then(function (r) { return r.json(); }).then(function (geo) {
    var layer = L.geoJSON(geo, { interactive: false, style: { color: "#0b4f8a", weight: 1, fillColor: "#e8f1fb", fillOpacity: 0.5 } }).addTo(map);
    layer.bringToBack();
    map.fitBounds(layer.getBounds());
  });
  var markers = L.layerGroup().addTo(map);
  var form = document.getElementById("map-filters");
  function load() {
    var params = new URLSearchParams(new FormData(form));
    fetch(el.dataset.points + "?" + params.toString(), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        markers.clearLayers();
        data.features.forEach(function (f) {
          var p = f.properties, c = f.geometry.coordinates;
          var marker = L.circleMarker([c[1], c[0]], {
            radius: p.kind === "hoarding" ? 7 : 9, color: "#fff", weight: 2,
            fillColor: colours[p.status] || "#333", fillOpacity: 0.9, className: "sajag-marker sajag-" + p.kind
          });
          var box = document.createElement("div");
          var title = document.createElement("strong"); title.textContent = p.title; box.appendChild(title);
          box.appendChild(document.createElement("br"));
          box.appendChild(document.createTextNode(p.district));
          if (p.thumb) { var img = document.createElement("img"); img.src = p.thumb; img.width = 160; img.alt = p.title; box.appendChild(document.createElement("br")); box.appendChild(img); }
          var a = document.createElement("a"); a.href = p.url; a.textContent = el.dataset.openLabel;
          box.appendChild(document.createElement("br")); box.appendChild(a);
          marker.bindPopup(box);
          marker.addTo(markers);
        });
        document.getElementById("map-count").textContent = data.features.length + " " + el.dataset.countLabel;
        el.dataset.loaded = String(data.features.length);
      });
  }
  form.addEventListener("change", load);
  load();
})();
