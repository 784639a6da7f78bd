// The first columns of one st.dataframe (a canvas grid): where each ends and whether its
// header text fits. Column edges are the header row's vertical grid lines: pixel columns that
// differ from the header's background on every pixel row of the header.
(grid) => {
  const canvas = grid.querySelector("canvas");
  const ctx = canvas.getContext("2d", {willReadFrequently: true});
  const ratio = canvas.width / canvas.clientWidth;
  const top = Math.round(3 * ratio), rows = Math.round(20 * ratio);
  const block = ctx.getImageData(0, top, canvas.width, rows).data;
  const colour = (x, r) => { const o = 4 * (r * canvas.width + x);
                             return `${block[o]},${block[o + 1]},${block[o + 2]}`; };
  const counts = {};
  for (let x = 0; x < canvas.width; x++) counts[colour(x, 0)] = (counts[colour(x, 0)] || 0) + 1;
  const background = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
  const edges = [];
  for (let x = 0; x < canvas.width; x++) {
    let line = true;
    for (let r = 0; r < rows && line; r++) line = colour(x, r) !== background;
    if (line && (!edges.length || x / ratio - edges[edges.length - 1] > 3)) edges.push(x / ratio);
  }
  const selectable = grid.querySelector("th") && grid.querySelectorAll("th").length > 0
    && edges.length && edges[0] < 40;
  const heads = [...grid.querySelectorAll("thead th")].map(th => th.innerText.trim());
  const measure = document.createElement("canvas").getContext("2d");
  measure.font = `14px "Source Sans", sans-serif`;
  const table = grid.querySelector("table");
  return {width: canvas.clientWidth, edges, heads, colcount: table && table.getAttribute("aria-colcount"),
          textWidths: heads.map(h => measure.measureText(h).width), selectable};
}
