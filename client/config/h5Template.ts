/**
 * The root font size the rem units hang on (pxtransform turns our px into rem on H5): 40 × the
 * shorter side of the window / 750, clamped to MIN–MAX px, as Taro's own snippet does (MAX is
 * `maxRootSize` in config/index.ts: wide screens get phone-size text, their width goes to layout).
 */
export const MIN_ROOT_SIZE = 20;
export const MAX_ROOT_SIZE = 22;

/**
 * Taro's root-size snippet, times the reader's own text size (the window's size, not the root
 * element's: a desktop browser's scrollbar, shown once a long page loads, must not shrink the text), so text follows the system and browser
 * setting (older workers enlarge it): the browser's default font size over its usual 16 px, and on
 * iOS the system text size (Dynamic Type: `-apple-system-body` is 17 px at the default), whichever
 * is larger, bounded to 0.85–2×. Read once before the root size is set (which would hide the
 * default); every resize re-applies it.
 */
const rootSizeScript = `!function(w){var e=w.document.documentElement,s=(parseFloat(w.getComputedStyle(e).fontSize)||16)/16;try{var p=w.document.createElement("div");p.style.font="-apple-system-body";if(p.style.font){p.style.position="absolute";p.style.visibility="hidden";e.appendChild(p);var a=parseFloat(w.getComputedStyle(p).fontSize);e.removeChild(p);if(a)s=Math.max(s,a/17)}}catch(x){}s=Math.min(Math.max(s,.85),2);function f(){var l=[w.innerWidth,w.innerHeight].filter(Boolean),x=40*Math.min.apply(Math,l)/750;x=x>=${MAX_ROOT_SIZE}?${MAX_ROOT_SIZE}:x<=${MIN_ROOT_SIZE}?${MIN_ROOT_SIZE}:x;e.style.fontSize=x*s+"px"}w.addEventListener("resize",function(){f();setTimeout(f,500)});f()}(window);`;

/** After this long with no page, the shell says the network is slow and offers 重新加载. */
export const SHELL_SLOW_MS = 8000;
export const SHELL_SLOW_TEXT = '网络较慢，仍在加载…';

/**
 * The shell a slow phone shows while the app's code downloads: the app's name and grey rows in the
 * shape of the station list, in inline CSS (no request of its own), taken away as soon as the router
 * draws a page. Sized in rem like the app, so it follows the reader's text size too. Its 重新加载
 * stays hidden until the wait is long (see shellScript).
 */
const shell = `<div id="app-shell" class="app-shell" role="status" aria-busy="true">
    <div class="app-shell__bar">职工安康</div>
    <div class="app-shell__text" id="app-shell-text" aria-live="polite">正在打开…</div>
    <button type="button" class="app-shell__reload" id="app-shell-reload" hidden>重新加载</button>
    <div class="app-shell__row"></div><div class="app-shell__row"></div><div class="app-shell__row"></div>
  </div>`;

const shellStyle = `.app-shell{position:fixed;inset:0;z-index:1;max-width:480px;margin:0 auto;background:#f4f6f5;font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Microsoft YaHei",sans-serif}
.app-shell__bar{padding:.6rem 0;background:#1f7a5c;color:#fff;font-size:.9rem;text-align:center}
.app-shell__text{padding:.6rem .8rem;color:#5c6370;font-size:.85rem}
.app-shell__reload{display:block;min-height:2.2rem;margin:0 .8rem .6rem;padding:0 1.2rem;border:1px solid #1f7a5c;border-radius:1.1rem;background:#fff;color:#1f7a5c;font-size:.85rem}
.app-shell__reload[hidden]{display:none}
.app-shell__row{height:3.2rem;margin:0 .8rem .6rem;border-radius:.4rem;background:linear-gradient(#e5e6eb,#e5e6eb) .8rem .8rem/60% .8rem no-repeat,linear-gradient(#e5e6eb,#e5e6eb) .8rem 2rem/40% .6rem no-repeat,#fff}`;

/**
 * Takes the shell away once the router has put a page in the document (Taro mounts its router where
 * it likes, so the whole body is watched; a MutationObserver, as old WebViews lack :has). Without
 * MutationObserver the shell goes at once: better a blank wait than a shell over a working page.
 * A page still missing after SHELL_SLOW_MS turns 正在打开… into SHELL_SLOW_TEXT and shows
 * 重新加载 (a listener, not an onclick attribute, which the CSP's script hashes would refuse); the
 * load goes on meanwhile, and a page arriving later still takes the shell away.
 */
const shellScript = `!function(w,d){var s=d.getElementById("app-shell");if(!s)return;var t;function gone(){return d.querySelector(".taro_page")}function drop(){w.clearTimeout(t);s.parentNode&&s.parentNode.removeChild(s)}if(!w.MutationObserver||gone())return drop();var o=new MutationObserver(function(){if(gone()){o.disconnect();drop()}});o.observe(d.body,{childList:true,subtree:true});t=w.setTimeout(function(){if(!s.parentNode)return;d.getElementById("app-shell-text").textContent=${JSON.stringify(SHELL_SLOW_TEXT)};var b=d.getElementById("app-shell-reload");b.hidden=false;b.addEventListener("click",function(){w.location.reload()})},${SHELL_SLOW_MS})}(window,document);`;

/**
 * The H5 page shell, as html-webpack-plugin `templateContent` (a typed function rather than an
 * EJS file, which the repo's linter cannot parse). The root-size snippet replaces Taro's own
 * (`options.script`) to follow the reader's text size. The `h5` class on <html> scopes the
 * browser-only layout rules (styles/_layout.scss): the mini-program has no such root, so WeChat
 * keeps its phone layout whatever its window size.
 */
export function h5Template(): string {
  return `<!DOCTYPE html>
<html lang="zh-CN" class="h5">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width,initial-scale=1">
  <meta name="format-detection" content="telephone=no,address=no">
  <meta name="theme-color" content="#1f7a5c">
  <link rel="icon" href="data:,">
  <title>职工安康</title>
  <script>${rootSizeScript}</script>
  <style>${shellStyle}</style>
</head>
<body>
  <noscript>请开启浏览器的 JavaScript 后使用职工安康。</noscript>
  <div id="app"></div>
  ${shell}
  <script>${shellScript}</script>
</body>
</html>
`;
}
