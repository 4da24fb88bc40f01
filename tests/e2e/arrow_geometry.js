// Run in the page: for every map on it, whether an arrow or a label covers text. Text boxes are
// measured line by line (Range client rects of every text node in the cells and zone lines; cards
// whole); arrows are read back from their drawn path, labels from their drawn boxes.
(root) => {
  const maps = root ? [root] : [...document.querySelectorAll(".jmw-root")];
  const skip = ".jmw-card, .jmw-cell-tools, .jmw-card-tools, .jmw-btn-add-card, svg";
  const out = [];
  for (const map of maps) {
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
    const layer = map.querySelector(".jmw-connections");
    const arrows = [...map.querySelectorAll(".jmw-connection[data-connection-id]")];
    const hits = [];
    const near = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const origin = layer ? layer.getBoundingClientRect() : null;
    let segments = 0;
    for (const g of arrows) {
      const id = g.dataset.connectionId;
      const d = g.querySelector(".jmw-connection-line").getAttribute("d");
      const pts = [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
      const parts = [];
      for (let k = 1; k < pts.length; k++) {
        const [x1, y1] = pts[k - 1];
        const [x2, y2] = pts[k];
        if (x1 !== x2 && y1 !== y2) hits.push(`arrow ${id}: a diagonal run`);
        parts.push({
          left: origin.left + Math.min(x1, x2) - 0.01, right: origin.left + Math.max(x1, x2) + 0.01,
          top: origin.top + Math.min(y1, y2) - 0.01, bottom: origin.top + Math.max(y1, y2) + 0.01,
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
