/*
 * serve/assets.c - the server's only static files, embedded: the style
 * sheet and the small script that enhances the pages (they work without
 * it). They are found by name in this table, never on disk, so no path
 * can reach anything else.
 */
#include "serve/serve_int.h"

#include <string.h>

static const char css[] =
    ":root{--fg:#1d1d1f;--bg:#fff;--mute:#5b5b60;--line:#d0d0d5;"
    "--accent:#1f5fa8}\n"
    "*{box-sizing:border-box}\n"
    "body{font-family:'DejaVu Sans',Verdana,sans-serif;margin:0 auto;"
    "max-width:760px;padding:0 12px 24px;color:var(--fg);background:var(--bg);"
    "font-size:18px;line-height:1.45}\n"
    "@media (min-width:1000px){body{max-width:980px}}\n"
    "#feed{max-width:none;font-size:.85em}\n"
    "nav{display:flex;flex-wrap:wrap;gap:4px;padding:8px 0;border-bottom:"
    "1px solid var(--line);margin-bottom:8px}\n"
    "nav a{padding:8px 10px;border-radius:6px;text-decoration:none;"
    "color:var(--accent)}\n"
    "nav a[aria-current]{background:var(--accent);color:#fff}\n"
    "h1{font-size:1.35em;margin:.6em 0 .4em}h2{font-size:1.1em}\n"
    ".level{font-weight:bold;padding:4px 12px;border-radius:6px;color:#fff;"
    "font-size:1.2em}\n"
    ".big{font-size:1.2em;font-weight:bold}\n"
    ".note,footer{color:var(--mute);font-size:.85em}\n"
    "footer{margin-top:2em}\n"
    ".saved{background:#e8f5e9;padding:8px;border-radius:6px}\n"
    ".error{background:#fdecea;padding:8px;border-radius:6px}\n"
    "fieldset{border:1px solid var(--line);border-radius:8px;margin:12px 0;"
    "padding:8px}\nlegend{font-weight:bold;padding:0 4px}\n"
    ".scale{display:flex;flex-wrap:wrap;gap:6px}\n"
    ".scale label{flex:1 0 14%}\n"
    ".scale input{position:absolute;opacity:0;width:1px;height:1px}\n"
    ".scale span{display:block;text-align:center;min-height:48px;"
    "line-height:48px;border:2px solid var(--line);border-radius:8px;"
    "font-size:1.15em;cursor:pointer}\n"
    ".scale input:checked+span{background:var(--accent);color:#fff;"
    "border-color:var(--accent)}\n"
    ".scale input:focus-visible+span{outline:3px solid #f0a000}\n"
    ".flags{border:2px solid #b00020}.flags legend{color:#b00020}\n"
    ".flags label,details label,form>label{display:block;margin:10px 0}\n"
    "input[type=checkbox]{width:24px;height:24px;vertical-align:middle}\n"
    "input[type=number],input[type=text],input[type=date],select{"
    "font-size:1em;padding:8px;min-height:44px;width:100%;max-width:22em}\n"
    "button,.button{font-size:1em;min-height:48px;padding:8px 16px;"
    "border-radius:8px;border:1px solid var(--accent);background:#fff;"
    "color:var(--accent);cursor:pointer;text-decoration:none;"
    "display:inline-block}\n"
    "button.primary{background:var(--accent);color:#fff;width:100%;"
    "margin:8px 0;font-size:1.1em}\n"
    "button.delete{min-height:36px;padding:4px 10px;border-color:#b00020;"
    "color:#b00020}\n"
    "form.inline{display:inline}\n"
    "details{margin:12px 0}summary{cursor:pointer;min-height:44px;"
    "line-height:44px;color:var(--accent)}\n"
    "#recent li{margin:8px 0}\n"
    "table.plan{border-collapse:collapse;width:100%;table-layout:fixed;"
    "font-size:.8em}\n"
    "table.plan th,table.plan td{border:1px solid var(--line);padding:4px;"
    "vertical-align:top;overflow-wrap:anywhere}\n"
    "td.run{background:#eaf2fb}td.cross-train{background:#fff4e0}"
    "td.rest{background:#f4f4f4}td.today{outline:3px solid var(--accent)}\n"
    "td.past{color:#aaa}tr.week td{background:#fff;color:var(--mute);"
    "font-size:.9em}\n"
    "td small{display:block;color:var(--mute);font-size:.9em}\n"
    ".wd{display:none}\n"
    ".drop{display:block;border:2px dashed var(--line);border-radius:8px;"
    "padding:24px;text-align:center}\n"
    ".drop.over{border-color:var(--accent);background:#eef4fb}\n"
    "#results li.rejected{color:#b00020}\n"
    "progress{width:100%}\n"
    /* a phone: the grid becomes a list of days, week by week */
    "@media (max-width:600px){table.plan,table.plan tbody,table.plan tr,"
    "table.plan td{display:block;width:100%}table.plan thead{display:none}"
    "table.plan{font-size:.95em}table.plan td{border-width:0 0 1px 0;"
    "padding:6px}table.plan td.past{display:none}"
    "tr.week td{font-weight:bold;color:var(--fg);padding-top:12px}"
    ".wd{display:inline}}\n";

/* Progressive enhancement: confirm deletes; import each chosen or dropped
 * file with its own progress and the server's per-file result. */
static const char js[] =
    "'use strict';\n"
    "document.addEventListener('click',function(ev){\n"
    "  var b=ev.target.closest&&ev.target.closest('button[data-confirm]');\n"
    "  if(b&&!window.confirm(b.getAttribute('data-confirm')))"
    "ev.preventDefault();\n"
    "});\n"
    "(function(){\n"
    "  var form=document.getElementById('import');if(!form)return;\n"
    "  var input=form.querySelector('input[type=file]');\n"
    "  var drop=document.getElementById('drop');\n"
    "  var list=document.getElementById('results');\n"
    "  function one(file){return new Promise(function(done){\n"
    "    var li=document.createElement('li');li.textContent=file.name+' ';\n"
    "    var bar=document.createElement('progress');bar.max=1;bar.value=0;\n"
    "    li.appendChild(bar);list.appendChild(li);\n"
    "    var x=new XMLHttpRequest();\n"
    "    x.open('POST','/api/import?name='+encodeURIComponent(file.name));\n"
    "    x.upload.onprogress=function(e){if(e.lengthComputable)"
    "bar.value=e.loaded/e.total;};\n"
    "    x.onload=function(){var r={};try{r=JSON.parse(x.responseText);}"
    "catch(e){}\n"
    "      var st=r.status||(r.error?'rejected':'failed');\n"
    "      li.className=st;\n"
    "      var said=r.summary?(r.summary.files+' rows: '+r.summary.imported+"
    "' imported, '+r.summary.duplicate+' duplicate, '+r.summary.rejected+"
    "' rejected'):(r.note||r.error&&(r.error.message||r.error)||x.status);\n"
    "      li.textContent=st+' '+file.name+': '+said;done();};\n"
    "    x.onerror=function(){li.className='rejected';li.textContent="
    "'failed '+file.name+': the server did not answer';done();};\n"
    "    x.send(file);});}\n"
    "  function all(files){var p=Promise.resolve();\n"
    "    Array.prototype.forEach.call(files,function(f){p=p.then("
    "function(){return one(f);});});return p;}\n"
    "  form.addEventListener('submit',function(ev){ev.preventDefault();"
    "all(input.files).then(function(){input.value='';});});\n"
    "  ['dragenter','dragover'].forEach(function(t){drop.addEventListener(t,"
    "function(ev){ev.preventDefault();drop.classList.add('over');});});\n"
    "  ['dragleave','drop'].forEach(function(t){drop.addEventListener(t,"
    "function(){drop.classList.remove('over');});});\n"
    "  drop.addEventListener('drop',function(ev){ev.preventDefault();"
    "all(ev.dataTransfer.files);});\n"
    "})();\n";

static const struct {
    const char *name, *type, *data;
    size_t len;
} assets[] = {
    {"tendo.css", "text/css; charset=utf-8", css, sizeof css - 1},
    {"tendo.js", "text/javascript; charset=utf-8", js, sizeof js - 1},
};

int page_static(struct serve_req *r)
{
    const char *name = r->url + strlen("/static/");
    for (size_t i = 0; i < sizeof assets / sizeof *assets; i++) {
        if (strcmp(assets[i].name, name) != 0)
            continue;
        tendo_buf_reset(&r->out);
        tendo_buf_add(&r->out, assets[i].data, assets[i].len);
        return serve_respond(r, MHD_HTTP_OK, assets[i].type);
    }
    return serve_error(r, MHD_HTTP_NOT_FOUND, TENDO_ENOTFOUND,
                       "no such page");
}
