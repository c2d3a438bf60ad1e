/** The report's inline stylesheet: light and dark (follows the reader's OS), print-friendly. */
export const REPORT_CSS = `
:root{--bg:#fff;--fg:#1a1f25;--muted:#56616d;--line:#dde2e8;--soft:#f5f7f9;--ok:#17753a;--avg:#8a5600;--err:#b9262d;--accent:#0a5fc2;--pend:#8c96a3}
@media (prefers-color-scheme:dark){:root{--bg:#0f1216;--fg:#e6e9ed;--muted:#a0abb7;--line:#2b323b;--soft:#161a1f;--ok:#5fd37d;--avg:#e7bb4f;--err:#ff8a80;--accent:#72b5ff;--pend:#6b7580}}
*{box-sizing:border-box}body{margin:0 auto;max-width:1100px;padding:24px;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:13px;margin:0;color:var(--muted);font-weight:600}
.muted{color:var(--muted)}.num{text-align:right;font-variant-numeric:tabular-nums}
.kpis{display:grid;grid-template-columns:repeat(3,1fr);gap:12px;margin-top:16px}
.kpi{border:1px solid var(--line);border-left:4px solid var(--pend);border-radius:6px;padding:12px;background:var(--soft)}
.kpi.good{border-left-color:var(--ok)}.kpi.average{border-left-color:var(--avg)}.kpi.poor{border-left-color:var(--err)}
.kpi .value{font-size:34px;font-weight:650;font-variant-numeric:tabular-nums;margin:4px 0}
.kpi.good .band b{color:var(--ok)}.kpi.average .band b{color:var(--avg)}.kpi.poor .band b{color:var(--err)}
.kpi .band,.kpi .pcts{font-size:12px}.kpi .def{font-size:12px;color:var(--muted);margin:8px 0 0}
figure{margin:8px 0 16px}figcaption{font-size:12.5px;font-weight:600;margin-bottom:2px}.chart{width:100%;height:auto;display:block}
.chart .grid{stroke:var(--line)}.chart .tick{fill:var(--muted);font-size:10px}.chart .empty{fill:var(--muted);font-size:13px}
.chart .ok{fill:var(--ok)}.chart .err{fill:var(--err)}.chart .pend{fill:var(--pend)}.chart .bar{fill:var(--accent)}
.chart .line{fill:none;stroke:var(--accent);stroke-width:2}.chart .dot{fill:var(--accent)}.chart .band{stroke:var(--ok);stroke-dasharray:4 4}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:16px}
table{border-collapse:collapse;width:100%}th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
table.kv th{font-weight:500;color:var(--muted);width:55%}table.list{font-size:12.5px}table.list thead th{background:var(--soft)}
.target{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:11.5px;color:var(--muted);word-break:break-all}
dt{font-weight:600;margin-top:6px}dd{margin:0 0 0 12px;color:var(--muted)}footer{margin-top:32px;font-size:12px}
@media print{body{max-width:none}.kpi{break-inside:avoid}figure{break-inside:avoid}}
@media (max-width:760px){.kpis,.sides{grid-template-columns:1fr}}
`;
