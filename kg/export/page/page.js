const SVG = "http://www.w3.org/2000/svg";
function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}
function svg(tag, attrs) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}
// Tooltips as elements filled with textContent: vis renders string titles as HTML.
function plain(text) { return el("div", text); }
const textOf = new Map();
for (const n of DATA.nodes) textOf.set("n:" + n.id, n.title);
for (const e of DATA.edges) textOf.set("e:" + e.id, e.title);
const nodes = new vis.DataSet(DATA.nodes.map(n => Object.assign({}, n, {title: plain(n.title)})));
const edges = new vis.DataSet(DATA.edges.map(e => Object.assign({}, e, {title: plain(e.title)})));
const container = document.getElementById("network");
const network = new vis.Network(container, {nodes: nodes, edges: edges}, DATA.options);
document.getElementById("summary").textContent = DATA.summary;
document.getElementById("selection-note").textContent = DATA.note;

const hidden = {relation: new Set(), status: new Set()};
// The date filter: events whose dates fall outside [from, to] are hidden (their links go with them).
const dateRange = {from: null, to: null, undated: true};
function eventShown(n) {
  if (n.undated) return dateRange.undated;
  if (!n.date_from) return true;  // an entity
  return (!dateRange.to || n.date_from <= dateRange.to) && (!dateRange.from || n.date_to >= dateRange.from);
}
function refilter() {
  edges.update(DATA.edges.map(e => ({
    id: e.id, hidden: hidden.relation.has(e.relation) || hidden.status.has(e.status)
  })));
  let shown = 0, out = 0;
  const changes = [];
  for (const n of DATA.nodes) {
    if (!n.date_from && !n.undated) continue;
    const visible = eventShown(n);
    if (visible) shown += 1; else out += 1;
    changes.push({id: n.id, hidden: !visible});
  }
  nodes.update(changes);
  document.body.setAttribute("data-events-shown", String(shown));
  document.body.setAttribute("data-events-hidden", String(out));
}
function toggleRow(kind, value, swatch) {
  const row = el("label", undefined, "row");
  const box = el("input");
  box.type = "checkbox";
  box.checked = true;
  box.addEventListener("change", () => {
    if (box.checked) hidden[kind].delete(value); else hidden[kind].add(value);
    refilter();
  });
  row.append(box, swatch, el("span", value));
  return row;
}
const SHAPES = {
  triangle: "8,2 14,13 2,13", triangleDown: "2,3 14,3 8,14", diamond: "8,1 15,8 8,15 1,8",
  hexagon: "4,2 12,2 15,8 12,14 4,14 1,8"
};
function shapeIcon(shape, color) {
  const box = svg("svg", {width: 16, height: 16, viewBox: "0 0 16 16"});
  let mark;
  if (shape === "dot") mark = svg("circle", {cx: 8, cy: 8, r: 6});
  else if (shape === "square") mark = svg("rect", {x: 2, y: 2, width: 12, height: 12});
  else mark = svg("polygon", {points: SHAPES[shape] || SHAPES.hexagon});
  mark.setAttribute("fill", color);
  box.append(mark);
  return box;
}
function lineIcon(color, dashes, opacity) {
  const box = svg("svg", {width: 30, height: 10, viewBox: "0 0 30 10"});
  const line = svg("line", {x1: 1, y1: 5, x2: 29, y2: 5, stroke: color, "stroke-width": 2.5,
                            "stroke-opacity": opacity});
  if (dashes) line.setAttribute("stroke-dasharray", dashes.join(" "));
  box.append(line);
  return box;
}
for (const t of DATA.legend.types) {
  const row = el("div", undefined, "row");
  row.append(shapeIcon(t.shape, t.color), el("span", t.label));
  document.getElementById("legend-types").append(row);
}
for (const r of DATA.legend.relations) {
  document.getElementById("legend-relations").append(toggleRow("relation", r.name, lineIcon(r.color, false, 1)));
}
for (const s of DATA.legend.statuses) {
  document.getElementById("legend-status").append(toggleRow("status", s.name, lineIcon("#444", s.dashes, s.opacity)));
}

function show(text) { document.getElementById("details").textContent = text; }

// Event dates: two sliders over the dates of the drawn events.
const fromSlider = document.getElementById("date-from");
const toSlider = document.getElementById("date-to");
const undatedBox = document.getElementById("undated");
const datesNote = document.getElementById("dates-note");
const undatedCount = DATA.nodes.filter(n => n.undated).length;
const datedCount = DATA.nodes.filter(n => n.date_from).length;
function readDates() {
  let a = Number(fromSlider.value), b = Number(toSlider.value);
  if (a > b) [a, b] = [b, a];
  dateRange.from = DATA.dates[a];
  dateRange.to = DATA.dates[b];
  dateRange.undated = undatedBox.checked;
  refilter();
  const shown = document.body.getAttribute("data-events-shown");
  const drawn = datedCount + undatedCount;
  datesNote.textContent = `${dateRange.from} to ${dateRange.to}: ${shown} of the ${drawn} events drawn are shown`;
}
if (DATA.dates.length) {
  for (const s of [fromSlider, toSlider]) {
    s.min = "0";
    s.max = String(DATA.dates.length - 1);
    s.step = "1";
    s.addEventListener("input", readDates);
  }
  fromSlider.value = "0";
  toSlider.value = String(DATA.dates.length - 1);
  undatedBox.addEventListener("change", readDates);
  document.getElementById("undated-label").textContent = `undated events (${undatedCount})`;
} else {
  fromSlider.hidden = toSlider.hidden = true;
  document.getElementById("undated-row").hidden = true;
  datesNote.textContent = undatedCount
    ? `None of the ${undatedCount} events drawn has a date (their articles give no publication date or time phrase).`
    : "No events are drawn.";
}
// #from=YYYY-MM-DD&to=YYYY-MM-DD&undated=0 in the address sets the filter, as if the sliders were moved.
function applyHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  if (!DATA.dates.length) { refilter(); return; }
  const at = (day, last) => {
    const i = DATA.dates.findIndex(d => (last ? d > day : d >= day));
    return last ? (i < 0 ? DATA.dates.length - 1 : Math.max(0, i - 1)) : (i < 0 ? DATA.dates.length - 1 : i);
  };
  if (params.get("from")) fromSlider.value = String(at(params.get("from"), false));
  if (params.get("to")) toSlider.value = String(at(params.get("to"), true));
  if (params.get("undated") === "0") undatedBox.checked = false;
  fromSlider.dispatchEvent(new Event("input"));
}

// Entities without any relation: listed, searchable, never drawn.
const unlinkedList = document.getElementById("unlinked-list");
const unlinkedMore = document.getElementById("unlinked-more");
const UNLINKED_SHOWN = 200;
document.getElementById("unlinked-count").textContent = `(${DATA.unlinked.length})`;
function listUnlinked(query) {
  const q = query.trim().toLowerCase();
  const hits = q ? DATA.unlinked.filter(u => u.label.toLowerCase().includes(q)) : DATA.unlinked;
  unlinkedList.replaceChildren();
  for (const u of hits.slice(0, UNLINKED_SHOWN)) {
    const item = el("li", `${u.label} (${u.type}, ${u.mentions})`);
    item.dataset.id = u.id;
    item.addEventListener("click", () => show(u.title));
    unlinkedList.append(item);
  }
  unlinkedMore.textContent = hits.length > UNLINKED_SHOWN
    ? `\u2026 and ${hits.length - UNLINKED_SHOWN} more: type to narrow the list`
    : (hits.length ? "" : (DATA.unlinked.length ? "No name matches." : "Every entity has a relation."));
}
document.getElementById("unlinked-search").addEventListener("input", ev => listUnlinked(ev.target.value));
listUnlinked("");
const datalist = document.getElementById("names");
for (const n of DATA.nodes) { const o = el("option"); o.value = n.label; datalist.append(o); }
function findNode(text) {
  const q = text.trim().toLowerCase();
  if (!q) return null;
  const names = n => [n.label, n.id].concat(n.aliases || []).map(s => s.toLowerCase());
  return DATA.nodes.find(n => names(n).includes(q)) || DATA.nodes.find(n => names(n).some(s => s.includes(q)));
}
function search() {
  const input = document.getElementById("search");
  const n = findNode(input.value);
  const note = document.getElementById("search-note");
  note.textContent = n || !input.value.trim() ? "" : "No entity matches.";
  if (!n) {
    const q = input.value.trim().toLowerCase();
    const u = q && DATA.unlinked.find(x => x.label.toLowerCase() === q || x.label.toLowerCase().includes(q));
    if (u) {
      note.textContent = `${u.label} has no relation: it is in the list of entities not linked (not drawn).`;
      show(u.title);
      document.getElementById("unlinked-search").value = u.label;
      listUnlinked(u.label);
    }
    return;
  }
  network.selectNodes([n.id]);
  network.focus(n.id, {scale: 1.2, animation: {duration: 400}});
  show(textOf.get("n:" + n.id));
}
const searchBox = document.getElementById("search");
searchBox.addEventListener("keydown", ev => { if (ev.key === "Enter") search(); });
searchBox.addEventListener("change", search);
network.on("click", p => {
  if (p.nodes.length) show(textOf.get("n:" + p.nodes[0]));
  else if (p.edges.length) show(textOf.get("e:" + p.edges[0]));
});

// The first view: the whole graph when its labels are legible at that zoom; else the most connected part
// (the hub and its best-connected neighbours) at a legible zoom. Kept until the reader moves the view,
// also when the window (or the page) resizes.
let moved = false;
network.on("dragStart", () => { moved = true; });
network.on("zoom", () => { moved = true; });
const viewNote = document.getElementById("view-note");
function fitAll() {
  network.fit({animation: false});
  // fit counts nodes, not the labels hanging off the outermost ones: leave them a margin
  network.moveTo({scale: network.getScale() * 0.92, animation: false});
}
function startView() {
  fitAll();
  if (network.getScale() >= DATA.view.legible || !DATA.view.hub) {
    viewNote.textContent = "";
    return;
  }
  network.fit({nodes: DATA.view.start, animation: false});
  const scale = network.getScale() * 0.92;
  if (scale >= DATA.view.legible) {
    network.moveTo({scale: Math.min(scale, 1.5), animation: false});
  } else {
    network.moveTo({position: network.getPositions([DATA.view.hub])[DATA.view.hub], scale: DATA.view.legible,
                    animation: false});
  }
  const hub = DATA.nodes.find(n => n.id === DATA.view.hub);
  viewNote.textContent = `Opened on the most connected part, around ${hub ? hub.label : DATA.view.hub}. ` +
    "Drag to move, scroll to zoom, or show the whole graph.";
}
function keepView() { if (!moved) startView(); }
document.getElementById("view-all").addEventListener("click", () => { moved = true; fitAll(); });
document.getElementById("view-start").addEventListener("click", () => { moved = false; startView(); });
// setSize first: vis notices a new container size only on its own timer, and fit needs the new size.
new ResizeObserver(() => { network.setSize("100%", "100%"); keepView(); }).observe(container);
applyHash();
network.once("afterDrawing", () => {
  keepView();
  const unlinkedDrawn = DATA.unlinked.filter(u => u.id in network.getPositions([u.id])).length;
  document.body.setAttribute("data-unlinked-drawn", String(unlinkedDrawn));
  document.body.setAttribute("data-scale", network.getScale().toFixed(3));
  document.body.setAttribute("data-drawn", String(nodes.length));
});
