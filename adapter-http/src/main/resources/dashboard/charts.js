// Deliveries per minute as a small time-series chart (uPlot, served from callhook's own jar).
import uPlot from './vendor/uPlot.esm.js';

const SERIES = [
  { key: 'applied', label: 'Applied', stroke: '#1f8a4c' },
  { key: 'duplicate', label: 'Duplicate', stroke: '#1f5fbf' },
  { key: 'rejected', label: 'Rejected', stroke: '#b7791f' },
  { key: 'signature_failures', label: 'Refused signatures', stroke: '#c0392b' },
];

export function deliveriesChart(container) {
  let plot = null;
  const size = () => ({ width: Math.max(240, container.clientWidth - 4), height: 200 });
  return {
    update(health) {
      const xs = health.minutes.map((m) => Date.parse(m.minute) / 1000);
      const data = [xs, ...SERIES.map((s) => health.minutes.map((m) => m[s.key]))];
      if (plot === null) {
        plot = new uPlot({
          ...size(),
          scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(4, max)] } },
          series: [{ label: 'Minute' }, ...SERIES.map((s) => ({ label: s.label, stroke: s.stroke, width: 2 }))],
          axes: [{}, { label: 'per minute' }],
        }, data, container);
        if ('ResizeObserver' in window) {
          new ResizeObserver(() => plot.setSize(size())).observe(container);
        }
      } else {
        plot.setData(data);
      }
    },
  };
}
