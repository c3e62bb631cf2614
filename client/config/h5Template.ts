/**
 * The H5 page shell, as html-webpack-plugin `templateContent` (a typed function rather than an
 * EJS file, which the repo's linter cannot parse). `options.script` is Taro's snippet that sets the
 * root font size the rem units hang on (capped by `maxRootSize` in config/index.ts). The `h5` class
 * on <html> scopes the browser-only layout rules (styles/_layout.scss): the mini-program has no such
 * root, so WeChat keeps its phone layout whatever its window size.
 */
export function h5Template({
  htmlWebpackPlugin,
}: {
  htmlWebpackPlugin: { options: { script?: string } };
}): string {
  return `<!DOCTYPE html>
<html lang="zh-CN" class="h5">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width,initial-scale=1">
  <meta name="format-detection" content="telephone=no,address=no">
  <meta name="theme-color" content="#1f7a5c">
  <link rel="icon" href="data:,">
  <title>职工安康</title>
  <script>${htmlWebpackPlugin.options.script ?? ''}</script>
</head>
<body>
  <noscript>请开启浏览器的 JavaScript 后使用职工安康。</noscript>
  <div id="app"></div>
</body>
</html>
`;
}
