/**
 * The pages' one stylesheet, inlined in each page (no second request on a phone) and allowed by its hash
 * in the Content-Security-Policy. Light and dark follow the reader's system (`prefers-color-scheme`); a
 * linked line or question (`:target`) is highlighted without any script.
 */
import { createHash } from "node:crypto";

export const STYLESHEET = `
:root{color-scheme:light dark;--bg:#fdfdfc;--fg:#1f2328;--muted:#57606a;--accent:#0b57d0;--rule:#d0d7de;
--mark:#ffe680;--target:#fff3c4;--panel:#f3f4f6;
font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;
line-height:1.65;-webkit-text-size-adjust:100%}
@media (prefers-color-scheme:dark){:root{--bg:#111318;--fg:#e8e8e8;--muted:#a7afba;--accent:#9cc2ff;--rule:#343a42;
--mark:#6b5400;--target:#3a3312;--panel:#1b1e24}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);overflow-wrap:anywhere}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-100vw}
.skip:focus{left:1rem;top:.5rem;background:var(--bg);padding:.25rem .5rem;z-index:1}
header,footer{padding:.5rem 1rem;color:var(--muted)}
header{border-bottom:1px solid var(--rule)}
header nav{max-width:46rem;margin:0 auto;display:flex;gap:1rem;flex-wrap:wrap}
.brand{font-weight:700}
footer{border-top:1px solid var(--rule);font-size:.875rem;max-width:46rem;margin:2rem auto 0}
main{max-width:46rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;line-height:1.3;margin:.5rem 0}
h2{font-size:1.25rem;line-height:1.35;margin:2rem 0 .5rem}
h3{font-size:1rem;margin:1.25rem 0 .25rem}
.meta,.hint{color:var(--muted);font-size:.9rem;margin:.25rem 0}
.lead{font-size:1.05rem}
ol.interviews,ol.transcript,ol.hits{list-style:none;padding:0}
ol.interviews h2{margin:1.25rem 0 .25rem}
ol.transcript>li,ol.hits>li{padding:.5rem .75rem;margin:.25rem 0;border-left:4px solid transparent;scroll-margin-top:1rem}
ol.hits>li{border-left-color:var(--rule)}
.text{margin:.25rem 0;white-space:pre-wrap}
.speaker{font-weight:600}
ol.transcript>li:target,section:target>h2{background:var(--target);border-left-color:var(--accent)}
section{scroll-margin-top:1rem}
section>h2{padding:.25rem .5rem;margin-left:calc(-.5rem - 4px);border-left:4px solid transparent}
mark{background:var(--mark);color:inherit;padding:0 .1em}
form.search{background:var(--panel);padding:.75rem 1rem;border-radius:.5rem;margin:1rem 0}
form.search label{display:block;font-weight:600;margin-top:.25rem}
form.search .row{display:flex;gap:.5rem}
input,select,button{font:inherit;color:inherit;background:var(--bg);border:1px solid var(--muted);border-radius:.375rem;padding:.4rem .6rem;min-height:2.75rem}
input{flex:1;min-width:0}
select{max-width:100%}
button{background:var(--accent);color:var(--bg);border-color:var(--accent);font-weight:600;cursor:pointer}
`;

/** The `style-src` source that allows exactly this stylesheet. */
export const STYLESHEET_HASH = `'sha256-${createHash("sha256").update(STYLESHEET).digest("base64")}'`;
