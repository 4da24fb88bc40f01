// Run in the page: for every map on it (the widget's .jmw-root, or a drawn picture, svg.jmw-svg),
// whether an arrow or a label covers text. In the widget, text boxes are measured line by line (Range
// client rects of every text node in the cells and zone lines; cards whole); in a picture, each <text>
// line and each card's note. Arrows are read back from their drawn path, labels from their drawn boxes.
(root) => {
  const maps = root ? [root] : [...document.querySelectorAll(".jmw-root, svg.jmw-svg")];
  const skip = ".jmw-card, .jmw-cell-tools, .jmw-card-tools, .jmw-btn-add-card, svg";
  const out = [];
  const widgetTexts = (map) => {
    const texts = [];
    for (const card of map.querySelectorAll(".jmw-card")) {
      const r = card.getBoundingClientRect();
      texts.push({ what: `card ${card.dataset.cardId}`, r });
    }
    const places = map.querySelectorAll('[role="gridcell"][data-lane-id][data-step-id], .jmw-line');
    for (const place of places) {
      const walker = document.createTreeWalker(place, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent.trim() || node.parentElement.closest(skip)) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) {
          if (r.width > 0 && r.height > 0) texts.push({ what: `text "${node.textContent.trim().slice(0, 30)}"`, r });
        }
      }
    }
    return texts;
  };
  const pictureTexts = (svg) => {
    const texts = [];
    for (const card of svg.querySelectorAll(".jmw-card")) {
      const note = [...card.children].filter((c) => c.tagName === "rect").pop(); // the first is its shadow
      const r = note.getBoundingClientRect();
      texts.push({ what: `card at ${Math.round(r.left)},${Math.round(r.top)}`, r });
    }
    for (const text of svg.querySelectorAll("text")) {
      if (!text.textContent.trim() || text.closest(".jmw-connections")) continue;
      texts.push({ what: `text "${text.textContent.trim().slice(0, 30)}"`, r: text.getBoundingClientRect() });
    }
    return texts;
  };
  for (const map of maps) {
    const picture = map instanceof SVGSVGElement;
    const texts = picture ? pictureTexts(map) : widgetTexts(map);
    const layer = map.querySelector(".jmw-connections");
    const arrows = [...map.querySelectorAll(".jmw-connection[data-connection-id]")];
    const hits = [];
    const near = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const origin = layer ? layer.getBoundingClientRect() : null;
    let segments = 0;
    for (const g of arrows) {
      const id = g.dataset.connectionId;
      const line = g.querySelector(".jmw-connection-line");
      const d = line.getAttribute("d");
      let pts = [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
      if (picture) {
        // A picture may be scaled (a printed page): its points to client px, then no further offset.
        const ctm = line.getScreenCTM();
        pts = pts.map(([x, y]) => {
          const q = new DOMPoint(x, y).matrixTransform(ctm);
          return [Math.round(q.x * 1000) / 1000, Math.round(q.y * 1000) / 1000];
        });
      }
      const at = picture ? { left: 0, top: 0 } : origin;
      const parts = [];
      for (let k = 1; k < pts.length; k++) {
        const [x1, y1] = pts[k - 1];
        const [x2, y2] = pts[k];
        if (x1 !== x2 && y1 !== y2) hits.push(`arrow ${id}: a diagonal run`);
        parts.push({
          left: at.left + Math.min(x1, x2) - 0.01, right: at.left + Math.max(x1, x2) + 0.01,
          top: at.top + Math.min(y1, y2) - 0.01, bottom: at.top + Math.max(y1, y2) + 0.01,
        });
      }
      segments += parts.length;
      const leader = g.querySelector(".jmw-connection-leader");
      if (leader) parts.push(leader.getBoundingClientRect());
      for (const sel of [".jmw-connection-label-bg", ".jmw-connection-label"]) {
        const el = g.querySelector(sel);
        if (el) parts.push(el.getBoundingClientRect());
      }
      for (const p of parts) for (const t of texts) if (near(p, t.r)) hits.push(`arrow ${id} covers ${t.what}`);
    }
    out.push({
      arrows: arrows.length,
      labels: map.querySelectorAll(".jmw-connection-label").length,
      segments,
      texts: texts.length,
      hits,
    });
  }
  return out;
}
