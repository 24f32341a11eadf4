/** One series of the training curve. */
export interface Series {
  name: string;
  color: string;
  values: number[];
  /** Dashed line (validation series). */
  dashed?: boolean;
}

/**
 * Draws line series on a canvas by hand (no charting dependency): x = epoch, one y axis scaled
 * to the data, a legend, and grid lines. Redrawn from scratch on every epoch.
 */
export function drawCurves(canvas: HTMLCanvasElement, series: Series[], title: string): void {
  const ctx = canvas.getContext('2d');
  if (ctx === null) return;
  const dpr = window.devicePixelRatio || 1;
  const cssW = canvas.clientWidth || 480;
  const cssH = canvas.clientHeight || 240;
  if (canvas.width !== Math.round(cssW * dpr)) canvas.width = Math.round(cssW * dpr);
  if (canvas.height !== Math.round(cssH * dpr)) canvas.height = Math.round(cssH * dpr);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, cssW, cssH);
  const pad = { left: 44, right: 12, top: 26, bottom: 36 };
  const w = cssW - pad.left - pad.right;
  const h = cssH - pad.top - pad.bottom;
  const all = series.flatMap((s) => s.values).filter((v) => Number.isFinite(v));
  const n = Math.max(1, ...series.map((s) => s.values.length));
  let lo = all.length > 0 ? Math.min(...all) : 0;
  let hi = all.length > 0 ? Math.max(...all) : 1;
  if (hi - lo < 1e-9) {
    lo -= 0.5;
    hi += 0.5;
  }
  const margin = (hi - lo) * 0.08;
  lo -= margin;
  hi += margin;
  const x = (i: number): number => pad.left + (n === 1 ? w / 2 : (i / (n - 1)) * w);
  const y = (v: number): number => pad.top + (1 - (v - lo) / (hi - lo)) * h;

  ctx.font = '12px system-ui, sans-serif';
  ctx.fillStyle = '#222';
  ctx.fillText(title, pad.left, 16);
  ctx.strokeStyle = '#ddd';
  ctx.lineWidth = 1;
  ctx.fillStyle = '#666';
  for (let t = 0; t <= 4; t++) {
    const v = lo + ((hi - lo) * t) / 4;
    const yy = y(v);
    ctx.beginPath();
    ctx.moveTo(pad.left, yy);
    ctx.lineTo(pad.left + w, yy);
    ctx.stroke();
    ctx.fillText(v.toFixed(2), 4, yy + 4);
  }
  const step = Math.max(1, Math.ceil(n / 10));
  for (let i = 0; i < n; i += step) ctx.fillText(String(i + 1), x(i) - 3, pad.top + h + 16);
  ctx.fillText('epoch', pad.left + w / 2 - 15, pad.top + h + 31);

  let legendX = pad.left + 150;
  for (const s of series) {
    ctx.strokeStyle = s.color;
    ctx.fillStyle = s.color;
    ctx.lineWidth = 2;
    ctx.setLineDash(s.dashed === true ? [5, 4] : []);
    ctx.beginPath();
    s.values.forEach((v, i) => (i === 0 ? ctx.moveTo(x(i), y(v)) : ctx.lineTo(x(i), y(v))));
    ctx.stroke();
    for (let i = 0; i < s.values.length; i++) {
      ctx.beginPath();
      ctx.arc(x(i), y(s.values[i] as number), 2.5, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.beginPath();
    ctx.moveTo(legendX, 12);
    ctx.lineTo(legendX + 18, 12);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = '#222';
    ctx.fillText(s.name, legendX + 22, 16);
    legendX += 30 + ctx.measureText(s.name).width;
  }
  ctx.setLineDash([]);
}
