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
function refilter() {
  edges.update(DATA.edges.map(e => ({
    id: e.id, hidden: hidden.relation.has(e.relation) || hidden.status.has(e.status)
  })));
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
  document.getElementById("search-note").textContent = n || !input.value.trim() ? "" : "No entity matches.";
  if (!n) return;
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

// Fit the whole graph until the reader moves the view, also when the window (or the page) resizes.
let moved = false;
network.on("dragStart", () => { moved = true; });
network.on("zoom", () => { moved = true; });
function fitAll() {
  if (moved) return;
  network.fit({animation: false});
  // fit counts nodes, not the labels hanging off the outermost ones: leave them a margin
  network.moveTo({scale: network.getScale() * 0.92, animation: false});
}
// setSize first: vis notices a new container size only on its own timer, and fit needs the new size.
new ResizeObserver(() => { network.setSize("100%", "100%"); fitAll(); }).observe(container);
network.once("afterDrawing", () => {
  fitAll();
  document.body.setAttribute("data-drawn", String(nodes.length));
});
