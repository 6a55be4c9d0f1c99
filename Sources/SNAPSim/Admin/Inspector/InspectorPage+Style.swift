extension InspectorPage {
    /// The page's style sheet. No external fonts or images: system fonts, and colours that read in daylight.
    static let style = #"""
:root{--ink:#1d2330;--muted:#64707d;--line:#dde2e8;--bg:#f4f6f9;--card:#fff;--brand:#0b5cab;--brand-ink:#fff;
--ok:#137a3f;--ok-bg:#e3f4ea;--bad:#b42318;--bad-bg:#fde8e6;--warn:#8a5a00;--warn-bg:#fff4d6;--mark:#ffd8a8;
--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace}
*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:var(--bg)}
header{display:flex;align-items:center;gap:16px;padding:0 20px;height:52px;background:#14213d;color:#fff}
header .brand{font-weight:700;font-size:16px;letter-spacing:.2px}
header .brand span{color:#9fc5ff;font-weight:500}
header .spacer{flex:1}
header .clock{font-family:var(--mono);font-size:13px;color:#cfe0ff}
header select,header button{background:#22325a;color:#fff;border:1px solid #3a4d7a}
header label{color:#cfe0ff;font-size:12px}
.layout{display:flex;height:calc(100% - 52px)}
nav{width:188px;flex:none;background:#fff;border-right:1px solid var(--line);padding:12px 8px}
nav a{display:block;padding:8px 12px;border-radius:6px;color:var(--ink);text-decoration:none;margin-bottom:2px}
nav a:hover{background:#eef2f7}
nav a.active{background:#e3edf9;color:var(--brand);font-weight:600}
main{flex:1;overflow:auto;padding:20px 24px}
h1{font-size:20px;margin:0 0 4px}
h2{font-size:15px;margin:20px 0 8px}
h3{font-size:13px;margin:14px 0 6px;color:var(--muted);text-transform:uppercase;letter-spacing:.4px}
p.lead{color:var(--muted);margin:0 0 16px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 16px;margin-bottom:16px}
.row{display:flex;gap:10px;align-items:center;flex-wrap:wrap}
.grow{flex:1}
.card>h2:first-child{margin-top:0}
.card>.row+.row,.card>.row+p,.card>p+.row,.card>div+.row{margin-top:10px}
label.field input{min-width:230px}
input,select,textarea,button{font:inherit;border:1px solid #c4ccd6;border-radius:6px;padding:6px 9px;background:#fff;color:var(--ink)}
textarea{font-family:var(--mono);font-size:12.5px;width:100%;min-height:110px}
input.narrow{width:170px}
button{cursor:pointer;background:#fff}
button.primary{background:var(--brand);color:var(--brand-ink);border-color:var(--brand)}
button.danger{color:var(--bad);border-color:#e8b4ae}
button:hover{filter:brightness(.96)}
label.field{display:flex;flex-direction:column;gap:3px;font-size:12px;color:var(--muted)}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:12px;color:var(--muted);font-weight:600;background:#fafbfc;position:sticky;top:0}
td.wrap{overflow-wrap:anywhere;min-width:160px}
td.mono,.mono{font-family:var(--mono);font-size:12.5px}
td.num{text-align:right;font-family:var(--mono)}
tr.clickable{cursor:pointer}
tr.clickable:hover td{background:#f3f7fc}
tr.selected td{background:#e3edf9}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;white-space:nowrap}
.badge.ok{background:var(--ok-bg);color:var(--ok)}
.badge.bad{background:var(--bad-bg);color:var(--bad)}
.badge.warn{background:var(--warn-bg);color:var(--warn)}
.badge.plain{background:#eef1f5;color:var(--muted)}
.split{display:flex;gap:16px;align-items:flex-start}
.split>.list{flex:1 1 55%;min-width:0;max-height:calc(100vh - 190px);overflow:auto;border:1px solid var(--line);border-radius:8px}
.split>.detail{flex:1 1 45%;min-width:0;max-height:calc(100vh - 190px);overflow:auto}
pre{margin:0;padding:10px 12px;background:#f7f9fb;border:1px solid var(--line);border-radius:6px;font-family:var(--mono);
font-size:12.5px;white-space:pre-wrap;word-break:break-all;max-height:420px;overflow:auto}
pre.sts{white-space:pre-wrap}
mark.diff{background:var(--mark);color:#7a2e00;border-radius:2px;outline:1px solid #f0a060}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;margin:0}
dl.facts dt{color:var(--muted);font-size:12.5px}
dl.facts dd{margin:0;font-family:var(--mono);font-size:12.5px;word-break:break-all}
.diagnosis{border-left:4px solid var(--bad);background:var(--bad-bg);padding:8px 12px;border-radius:4px;margin:6px 0}
.diagnosis b{font-family:var(--mono)}
.hint{border-left:4px solid var(--brand);background:#eaf2fc;padding:8px 12px;border-radius:4px;margin:6px 0}
.empty{color:var(--muted);padding:18px;text-align:center}
.status{min-height:20px;font-size:13px;margin-top:8px}
.status.error{color:var(--bad)}
.status.done{color:var(--ok)}
.login{position:fixed;inset:0;background:rgba(20,33,61,.92);display:flex;align-items:center;justify-content:center;z-index:10}
.login form{background:#fff;border-radius:10px;padding:28px 30px;width:400px;box-shadow:0 10px 40px rgba(0,0,0,.3)}
.login h1{margin-bottom:6px}
.login input{width:100%;margin:10px 0}
.hidden{display:none!important}
.tabs{display:flex;gap:6px;margin-bottom:12px}
.tabs button.active{background:#e3edf9;border-color:var(--brand);color:var(--brand)}
.pill{font-family:var(--mono);font-size:12px;color:var(--muted)}
"""#
}
