// charts.js - charts with Chart.js (Debian's libjs-chart.js, served at
// /vendor/chart.min.js). The library is loaded once, on the first chart;
// every chart also has its numbers in a table beside it, so a page reads
// without it and prints cleanly.
import { h } from './dom.js';

let loading = null;

/** Chart.js's constructor, loading the library the first time. */
export function chartLib() {
  if (window.Chart) return Promise.resolve(window.Chart);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = '/vendor/chart.min.js';
      s.onload = () => resolve(window.Chart);
      s.onerror = () => { loading = null; reject(new Error('图表库加载失败')); };
      document.head.appendChild(s);
    });
  }
  return loading;
}

const PALETTE = ['#2f6fdf', '#e0872b', '#2e9d62', '#c8423b', '#7a55c7', '#8a8f98', '#1b9aaa', '#b8860b'];

/**
 * A bar chart in a figure: labels along the bottom, one dataset per series
 * ({label, data}). Returns the figure; the chart is drawn once the library
 * is in (the figure shows its caption meanwhile, and stays if it fails).
 */
export function barChart(caption, labels, series, opts = {}) {
  const canvas = h('canvas', { role: 'img', 'aria-label': caption });
  const fig = h('figure', { class: 'chart' }, h('div', { class: 'chart-box' }, canvas), h('figcaption', {}, caption));
  chartLib().then((Chart) => {
    if (!canvas.isConnected && !fig.parentNode) return;
    // eslint-disable-next-line no-new
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels,
        datasets: series.map((s, i) => ({ label: s.label, data: s.data, backgroundColor: PALETTE[i % PALETTE.length] })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        indexAxis: opts.horizontal ? 'y' : 'x',
        plugins: { legend: { display: series.length > 1 } },
        scales: { x: { stacked: !!opts.stacked }, y: { stacked: !!opts.stacked, beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }).catch(() => fig.classList.add('chart-failed'));
  return fig;
}
