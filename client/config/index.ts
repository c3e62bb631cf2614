import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import { h5Template, MAX_ROOT_SIZE } from './h5Template';

/** Where the API lives; baked into the bundle at build time (WeChat only calls registered HTTPS domains). */
const apiBase = process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3000';

// The shared workspace ships TypeScript source; webpack resolves its symlink to the real folder,
// and Taro only compiles files outside node_modules that it is told about.
const sharedSource = path.resolve(__dirname, '../../shared/src');

// npm hoists most packages to the repo root but keeps some (@tarojs/taro, postcss 8) in
// client/node_modules: packages at the root (NutUI, postcss-loader) cannot find them by walking up.
// The root's postcss is 7 (miniprogram-simulate's), which postcss-loader would pick up and fail on.
const clientModules = path.resolve(__dirname, '../node_modules');
const postcss8 = require.resolve('postcss', { paths: [clientModules] });
// The H5 entry Taro generates imports @tarojs/router, which npm nests under @tarojs/taro-h5. Both
// must be the same copy: the router keeps the history object that navigateTo/switchTab use.
const taroH5 = path.dirname(require.resolve('@tarojs/taro-h5/package.json', { paths: [clientModules] }));
const taroRouter = path.dirname(require.resolve('@tarojs/router/package.json', { paths: [taroH5] }));

interface ChainUse {
  get(key: 'loader'): unknown;
  tap(update: (options: Record<string, unknown>) => Record<string, unknown>): unknown;
}
interface ChainRule {
  uses: { values(): ChainUse[] };
  oneOfs: { values(): ChainRule[] };
}
interface Chain {
  resolve: {
    modules: { add(dir: string): { add(dir: string): unknown } };
    alias: { set(name: string, target: string): unknown };
  };
  module: { rules: { values(): ChainRule[] } };
}

function pinPostcss(rule: ChainRule): void {
  for (const use of rule.uses.values()) {
    if (String(use.get('loader')).includes('postcss-loader')) {
      use.tap((options) => ({ ...options, implementation: postcss8 }));
    }
  }
  for (const inner of rule.oneOfs.values()) pinPostcss(inner);
}

function webpackChain(chain: Chain): void {
  chain.resolve.modules.add('node_modules').add(clientModules);
  for (const rule of chain.module.rules.values()) pinPostcss(rule);
}

function h5WebpackChain(chain: Chain): void {
  webpackChain(chain);
  chain.resolve.alias.set('@tarojs/router', taroRouter);
}

export default defineConfig<'webpack5'>(async () => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'ankang',
    date: '2025-01-01',
    // NutUI is drawn at 375; our own styles at 750 (rpx-like units, 32px = 16 CSS px).
    designWidth(input?: string | number | { file?: string }) {
      const file = typeof input === 'object' && input?.file ? input.file.replace(/\\+/g, '/') : '';
      return file.includes('@nutui') ? 375 : 750;
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    // Without plugin-html NutUI's <i> icons silently vanish in WeChat.
    plugins: ['@tarojs/plugin-html'],
    // Taro only inlines TARO_APP_* from .env files; a variable set in the shell is passed here.
    env: {
      TARO_APP_API_BASE: JSON.stringify(apiBase),
      // The link prefix an invite's QR code holds (services/roles.ts); empty: the app's own link.
      TARO_APP_INVITE_LINK_BASE: JSON.stringify(process.env.TARO_APP_INVITE_LINK_BASE ?? ''),
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [sharedSource] },
      webpackChain,
      // Shared components are imported in different orders by different pages; our class names
      // never depend on cascade order between files, so the order warning is noise.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: './',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // Without this NutUI's px are not converted on H5.
      esnextModules: ['nutui-react'],
      compile: { include: [sharedSource] },
      // Zoom stays allowed (no user-scalable=no): people with poor eyesight must be able to enlarge.
      htmlPluginOption: { templateContent: h5Template },
      webpackChain: h5WebpackChain,
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        // The page script sets the root font size (what our rem hang on) to 40 × the shorter side of
        // the window / 750, clamped to 20–40 px by default: a 390 px phone gets 20.8 px, but any
        // desktop window hits the 40 px ceiling and every text doubles. Capping at a large phone's
        // size keeps phones as they were and gives wide screens phone-size text (body 17.6 px);
        // their extra width goes to layout instead (styles/_layout.scss). The script itself is
        // h5Template's (it also follows the reader's text size).
        pxtransform: { enable: true, config: { maxRootSize: MAX_ROOT_SIZE } },
        cssModules: { enable: false },
      },
    },
  };
  return config;
});
